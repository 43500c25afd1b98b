"""Server memory (RSS, psutil) idle and with up to 60 concurrent sessions, against the baseline.

Each session is a websocket session (bench/ws_session.py) that walks the whole recorded
questionnaire to the results page and stays connected, so the server holds what it holds
for a person who has finished: their answers, widget states, the results page and its
downloads. (Sixty Chromium pages would measure the browser more than the server on
this machine; the load test uses real browsers.)
"""

from __future__ import annotations

import asyncio
import time
from statistics import mean

from bench import ws_session
from bench.common import APP, BASELINE_APP, SPEC_ENV, ratio, rss_mb, start_server, stop_server


async def _measure(url: str, pid: int, spec: dict, points, parallel: int) -> dict:
    figures = {"idle": rss_mb(pid)}
    sessions: list[ws_session.WsSession] = []
    try:
        for count in points:
            while len(sessions) < count:
                group = min(parallel, count - len(sessions))
                sessions += await asyncio.gather(*[ws_session.walk(url, spec) for _ in range(group)])
            await asyncio.sleep(0.7)
            figures[str(count)] = rss_mb(pid, samples=3)
    finally:
        await asyncio.gather(*[s.close() for s in sessions], return_exceptions=True)
    return figures


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope: MB per extra session, less at the mercy of one noisy sample than a difference."""
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def steady_slope(figures: dict, points: list[int], fit_from: int) -> float:
    """MB per extra session once the server is warm: the slope over the points from `fit_from` sessions on.

    The first sessions also pay one-time costs (such as threads and allocator arenas for sessions running at
    once, and caches filled on first use): they are not billed to every session, as a slope from the
    first session bills them (in the report beside it, not budgeted).
    """
    fitted = [p for p in points if p >= fit_from]
    if len(fitted) < 2:
        raise ValueError(f"memory: a slope needs two points from {fit_from} sessions on; the points were {points}")
    return slope(fitted, [figures[str(p)] for p in fitted])


def run(spec: dict, spec_path, counts=(1, 10, 60), parallel: int = 10, step: int = 5, repeats: int = 3) -> dict:
    """The measurement `repeats` times (ours, then the baseline, each in a new process).

    The per-session figure is each app's mean steady slope over the repetitions, and the budgeted ratio
    is the ratio of those means; every repetition's own ratio is kept beside it, to show the spread.
    One repetition's slope is a fraction of a megabyte of RSS, and allocator and garbage-collector timing
    move it by a fifth (the same commit gave 1.17x, 1.49x and 1.57x over 30 sessions), so one sample
    cannot pass or fail a budget; 60 sessions, fitted once the first group of `parallel` is open, and
    averaged over the repetitions, hold it to a few hundredths.
    """
    points = sorted(set(counts) | set(range(step, counts[-1] + 1, step)))
    tries = [_once(spec, spec_path, points, parallel) for _ in range(repeats)]
    first, last, fit_from = counts[0], counts[-1], parallel
    out: dict = {"counts": list(counts), "points": points, "fit_from": fit_from, "repeats": repeats,
                 "session": "websocket, whole walk to the results page",
                 "interactions_per_session": len(spec["actions"])}
    for name in ("ours", "baseline"):
        runs = [t[name] for t in tries]
        f = {key: mean(r[key] for r in runs) for key in runs[0]}  # the mean figure at each point
        f["first_session_mb"] = f[str(first)] - f["idle"]
        f["per_session_mb_all_points"] = mean(slope(points, [r[str(p)] for p in points]) for r in runs)
        f["per_session_mb_two_point"] = (f[str(last)] - f[str(first)]) / (last - first)
        f["per_session_mb_each"] = [steady_slope(r, points, fit_from) for r in runs]
        f["per_session_mb"] = mean(f["per_session_mb_each"])
        out[name] = f
    out["per_session_ratio"] = ratio(out["ours"]["per_session_mb"], out["baseline"]["per_session_mb"])
    out["per_session_ratios"] = [round(ratio(o, b), 2) for o, b in
                                 zip(out["ours"]["per_session_mb_each"], out["baseline"]["per_session_mb_each"],
                                     strict=True)]
    out["idle_ratio"] = ratio(out["ours"]["idle"], out["baseline"]["idle"])
    return out


def _once(spec: dict, spec_path, points: list[int], parallel: int) -> dict:
    out: dict = {}
    for name, script in (("ours", APP), ("baseline", BASELINE_APP)):
        server = start_server(name, script, {SPEC_ENV: str(spec_path)})
        try:
            time.sleep(1.0)
            started = time.perf_counter()
            out[name] = asyncio.run(_measure(server.url, server.pid, spec, points, parallel))
            out[name]["seconds"] = time.perf_counter() - started
        finally:
            stop_server(server)
    return out
