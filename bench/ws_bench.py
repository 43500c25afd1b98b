"""Server time per interaction on the real server: the websocket round trip, without a browser.

AppTest runs the script in-process and leaves out what the real server does around it:
serialising and sending the messages, and the full garbage collection Streamlit runs
after every script run (`runner.postScriptGC`, on by default), whose cost grows with
everything the process has imported and keeps. So the same walk is also replayed over
/_stcore/stream (bench/ws_session.py) against our app and the baseline, each in its own
process: the time from sending the rerun request to the script-finished message.
"""

from __future__ import annotations

import asyncio
import time

from bench import ws_session
from bench.apptest_bench import summarise
from bench.common import APP, BASELINE_APP, SPEC_ENV, median, p95, start_server, stop_server
from bench.spec import Action


async def _paired(urls: dict[str, str], spec: dict, flip: bool) -> dict[str, list[float]]:
    """Both apps walk side by side, taking turns on every interaction."""
    sessions = {name: ws_session.WsSession(url) for name, url in urls.items()}
    times: dict[str, list[float]] = {name: [] for name in urls}
    try:
        for index in range(len(spec["actions"]) + 1):
            names = list(urls)
            if (index % 2 == 1) != flip:
                names.reverse()
            for name in names:
                start = time.perf_counter()
                if index == 0:
                    await sessions[name].open()
                else:
                    await sessions[name].act(spec["actions"][index - 1], spec["screens"][index - 1])
                times[name].append(time.perf_counter() - start)
    finally:
        for session in sessions.values():
            await session.close()
    return times


async def _walk(url: str, spec: dict) -> list[float]:
    session = ws_session.WsSession(url)
    times = []
    start = time.perf_counter()
    await session.open()
    times.append(time.perf_counter() - start)
    try:
        for index, action in enumerate(spec["actions"]):
            start = time.perf_counter()
            await session.act(action, spec["screens"][index])
            times.append(time.perf_counter() - start)
    finally:
        await session.close()
    return times


def run(spec: dict, spec_path, reps: int = 5, nodelay_reps: int = 2) -> dict:
    servers = {}
    samples: dict[str, list[list[float]]] = {"ours": [], "baseline": []}
    launch: dict[str, list[float]] = {"serve": [], "plain": []}
    try:
        # Both apps through bench/nodelay.py: without it this client, which only listens, waits
        # for its own delayed ACKs (~40 ms a rerun) where a browser does not.
        servers["ours"] = start_server("ours", APP, {SPEC_ENV: str(spec_path)}, nodelay=True)
        servers["baseline"] = start_server("baseline", BASELINE_APP, {SPEC_ENV: str(spec_path)}, nodelay=True)

        async def main() -> None:
            for name in ("ours", "baseline"):  # warm-up: imports, caches, the bundle
                await _walk(servers[name].url, spec)
            urls = {name: server.url for name, server in servers.items()}
            for rep in range(reps):
                pair = await _paired(urls, spec, flip=rep % 2 == 1)
                for name, times in pair.items():
                    samples[name].append(times)
            # The artefact bench/nodelay.py removes: our app under stock `streamlit run` (Nagle's
            # algorithm on), against the same app through bench/nodelay.py, same walk, taking turns.
            servers["plain"] = start_server("ours-plain", APP, {SPEC_ENV: str(spec_path)})
            await _walk(servers["plain"].url, spec)
            for rep in range(nodelay_reps):
                pair = await _paired({"serve": servers["ours"].url, "plain": servers["plain"].url}, spec,
                                     flip=rep % 2 == 1)
                for name, times in pair.items():
                    launch[name].extend(times[1:])  # the interactions, not the page load

        asyncio.run(main())
    finally:
        for server in servers.values():
            stop_server(server)
    actions = [Action(**a) for a in spec["actions"]]
    out = summarise(spec, actions, samples, samples)
    out.pop("apptest_wall_ms", None)
    out["nodelay"] = {name: {"median": median(times) * 1e3, "p95": p95(times) * 1e3, "n": len(times)}
                      for name, times in launch.items()}
    return out
