"""Server time per interaction: AppTest replays one walk on our app and on the baseline, side by side.

The timed figure is the script run itself (ScriptRunner._run_script: widget callbacks,
the script, and the session-state bookkeeping at its end), measured inside the script
thread; AppTest's own overhead (thread start, parsing the element tree) is left out.
The wall time of each AppTest run is kept too, for reference. The two apps take turns
on every interaction (who goes first alternates), and ratios are taken per repetition and
then the median, so a burst of noise on this shared machine hits both sides alike.
"""

from __future__ import annotations

import gc
import os
import time
from collections import defaultdict
from pathlib import Path

from bench.common import APP, BASELINE_APP, SPEC_ENV, median, p95, ratio
from bench.spec import Action, apply

_SCRIPT_TIMES: list[float] = []


def _install_timer() -> None:
    """Time each script run, and give AppTest one ScriptCache per process, as a real server has.

    Stock AppTest builds a new ScriptCache for every run, so it recompiles (and re-applies
    "magic" to) the entry script and page scripts on every interaction, which a server does once.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache
    from streamlit.testing.v1 import app_test, local_script_runner
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    if getattr(LocalScriptRunner, "_bench_timed", False):
        return
    shared = ScriptCache()
    local_script_runner.ScriptCache = lambda: shared  # the entry script
    app_test.ScriptCache = lambda: shared  # page scripts (st.Page("file.py")), via the PagesManager
    original = LocalScriptRunner._run_script

    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            _SCRIPT_TIMES.append(time.perf_counter() - start)

    LocalScriptRunner._run_script = timed
    LocalScriptRunner._bench_timed = True


def _check(at, script: Path, index: int, titles: list[str]) -> None:
    if at.exception:
        raise RuntimeError(f"{script.name} raised at step {index}: {[e.value for e in at.exception]}")
    title = at.title[0].value if at.title else ""
    if title != titles[index]:
        raise RuntimeError(f"{script.name} left the recorded path at step {index}: {title!r} != {titles[index]!r}")


def _timed(step) -> tuple[float, float]:
    _SCRIPT_TIMES.clear()
    start = time.perf_counter()
    step()
    return sum(_SCRIPT_TIMES), time.perf_counter() - start


def _walk(script: Path, actions: list[Action], titles: list[str]) -> tuple[list[float], list[float]]:
    """One full walk of one app; returns (script seconds, AppTest wall seconds) per interaction."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(script), default_timeout=60)
    script_times, wall_times = [], []
    steps = [lambda: at.run()] + [lambda a=a: apply(at, a) for a in actions]
    for index, step in enumerate(steps):
        script_time, wall_time = _timed(step)
        script_times.append(script_time)
        wall_times.append(wall_time)
        _check(at, script, index, titles)
    return script_times, wall_times


def _paired_walk(apps: dict[str, Path], actions: list[Action], titles: list[str], flip: bool) -> dict:
    """Both apps walk side by side, taking turns on every interaction, so both see the same machine noise."""
    from streamlit.testing.v1 import AppTest

    tests = {name: AppTest.from_file(str(script), default_timeout=60) for name, script in apps.items()}
    out = {name: ([], []) for name in apps}
    for index in range(len(actions) + 1):
        names = list(apps)
        if (index % 2 == 1) != flip:
            names.reverse()
        for name in names:
            at = tests[name]
            step = at.run if index == 0 else (lambda at=at, i=index: apply(at, actions[i - 1]))
            script_time, wall_time = _timed(step)
            out[name][0].append(script_time)
            out[name][1].append(wall_time)
            _check(at, apps[name], index, titles)
    return out


def run(spec: dict, spec_path: Path, reps: int = 15) -> dict:
    """`reps` paired walks (the two apps alternate on every interaction) after one warm-up walk each."""
    os.environ[SPEC_ENV] = str(spec_path)
    _install_timer()
    actions = [Action(**a) for a in spec["actions"]]
    titles = [s["title"] for s in spec["screens"]]
    apps = {"ours": APP, "baseline": BASELINE_APP}
    samples: dict[str, list[list[float]]] = {"ours": [], "baseline": []}
    walls: dict[str, list[list[float]]] = {"ours": [], "baseline": []}
    for script in apps.values():  # warm-up: imports, caches, first bundle load
        _walk(script, actions, titles)
    gc.collect()
    for rep in range(reps):
        pair = _paired_walk(apps, actions, titles, flip=rep % 2 == 1)
        for name, (script_times, wall_times) in pair.items():
            samples[name].append(script_times)
            walls[name].append(wall_times)
    return summarise(spec, actions, samples, walls)


def summarise(spec: dict, actions: list[Action], samples: dict, walls: dict) -> dict:
    """Group interactions by the screen they render: a step's time is the sum of its interactions."""
    screens = spec["screens"]
    # interaction i (0 = the first page load) renders screens[i]; name rows by what is shown.
    groups: dict[str, list[int]] = defaultdict(list)
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    order: list[str] = []
    for i, screen in enumerate(screens):
        role = "load" if i == 0 else actions[i - 1].role
        name = screen["title"]
        if role == "results":
            name = f"results: {name}"
        elif name == screens[-2]["title"] and role == "next" and i == len(screens) - 2:
            name = f"review: {name}"
        if name not in groups:
            order.append(name)
        groups[name].append(i)
        kinds[name][role] += 1

    def per_rep(name: str, indices: list[int]) -> list[float]:
        return [sum(rep[i] for i in indices) for rep in samples[name]]

    rows = []
    for name in order:
        idx = groups[name]
        ours, base = per_rep("ours", idx), per_rep("baseline", idx)
        per_ours = [sum(rep[i] for i in idx) / len(idx) for rep in samples["ours"]]
        per_base = [sum(rep[i] for i in idx) / len(idx) for rep in samples["baseline"]]
        rows.append({
            "screen": name,
            "interactions": len(idx),
            "roles": dict(kinds[name]),
            "widgets": len(screens[idx[-1]]["widgets"]),
            "ours_ms_median": median(ours) * 1e3, "ours_ms_p95": p95(ours) * 1e3,
            "base_ms_median": median(base) * 1e3, "base_ms_p95": p95(base) * 1e3,
            "per_interaction_ours_ms": median(per_ours) * 1e3,
            "per_interaction_base_ms": median(per_base) * 1e3,
            # paired: each repetition's ours/baseline (same moments, same noise), then the median
            "ratio": median(o / b for o, b in zip(ours, base, strict=True) if b),
            "ratio_of_medians": ratio(median(ours), median(base)),
            "ratio_p95": ratio(p95(ours), p95(base)),
        })
    # Every interaction except the first page load, pooled: "one interaction's server time".
    pooled = {name: [t for rep in samples[name] for t in rep[1:]] for name in samples}
    wall = {name: [t for rep in walls[name] for t in rep[1:]] for name in walls}
    totals = {name: [sum(rep[1:]) for rep in samples[name]] for name in samples}
    return {
        "reps": len(samples["ours"]),
        "interactions_per_walk": len(actions),
        "rows": rows,
        "interaction_ms": {name: {"median": median(v) * 1e3, "p95": p95(v) * 1e3} for name, v in pooled.items()},
        "apptest_wall_ms": {name: {"median": median(v) * 1e3, "p95": p95(v) * 1e3} for name, v in wall.items()},
        "walk_total_ms": {name: {"median": median(v) * 1e3, "p95": p95(v) * 1e3} for name, v in totals.items()},
        "walk_ratio": median(o / b for o, b in zip(totals["ours"], totals["baseline"], strict=True) if b),
    }
