"""`make bench`: measure TRD Navigator against a do-nothing baseline in the same run, check the budgets.

    python -m bench.run [--quick]

Writes docs/benchmarks.json and docs/BENCHMARKS.md; exits 1 when a budget is missed
(or a measurement could not be made). Not part of `make test`: it takes several minutes
and needs a quiet-ish machine. Every figure is a ratio against a baseline measured in
the same run, because absolute times on a shared 2-core machine mean little.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
import traceback

from bench import apptest_bench, browser_bench, engine_bench, memory_bench, report, scaleout, ws_bench
from bench.common import ROOT, log, machine_facts
from bench.spec import record_walk, write_spec

OUT = ROOT / "bench" / "out"  # scratch (git-ignored): the recorded walks the baseline replays
DOCS = ROOT / "docs"

BUDGETS = {
    "evaluation_share_of_interaction": 0.01,
    "step_server_ratio": 1.5,
    "results_server_ratio": 2.0,
    "per_session_memory_ratio": 1.5,
    "load_p95_over_single_p95": 3.0,
}


def check_budgets(r: dict) -> list[dict]:
    checks = []

    def add(name: str, figure: float | None, limit: float, detail: str, passed: bool | None = None) -> None:
        ok = passed if passed is not None else (figure is not None and figure <= limit)
        checks.append({"budget": name, "figure": figure, "limit": limit, "ok": bool(ok), "detail": detail})

    if "engine" in r and "server" in r:
        share = r["engine"]["eval_us"]["median"] / 1e3 / r["server"]["interaction_ms"]["ours"]["median"]
        share_p95 = r["engine"]["eval_us"]["p95"] / 1e3 / r["server"]["interaction_ms"]["ours"]["median"]
        r["engine"]["share_of_interaction"] = share
        if "eval_worded_us" in r["engine"]:
            r["engine"]["worded_share_of_interaction"] = (
                r["engine"]["eval_worded_us"]["median"] / 1e3 / r["server"]["interaction_ms"]["ours"]["median"])
        r["engine"]["share_of_interaction_p95"] = share_p95
        detail = (f"median evaluation {r['engine']['eval_us']['median']:.0f} µs vs median interaction "
                  f"{r['server']['interaction_ms']['ours']['median']:.2f} ms (ours, AppTest script time)")
        if "server_ws" in r:
            ws_share = r["engine"]["eval_us"]["median"] / 1e3 / r["server_ws"]["interaction_ms"]["ours"]["median"]
            r["engine"]["share_of_ws_round_trip"] = ws_share
            detail += f"; {ws_share * 100:.2f}% of the real server's round trip"
        add("One evaluation < 1% of one interaction's server time", share, BUDGETS["evaluation_share_of_interaction"],
            detail)
    for key, how in (("server", "AppTest script time"), ("server_ws", "real server, websocket round trip")):
        if key not in r:
            continue
        rows = r[key]["rows"]
        steps = [row for row in rows if not row["screen"].startswith("results:")]
        worst = max(steps, key=lambda row: row["ratio"])
        add(f"Each step's server time <= 1.5x baseline ({how})", worst["ratio"], BUDGETS["step_server_ratio"],
            f"worst step: {worst['screen']} ({worst['ratio']:.2f}x); "
            f"{sum(row['ratio'] > BUDGETS['step_server_ratio'] for row in steps)} of {len(steps)} over")
        results = next(row for row in rows if row["screen"].startswith("results:"))
        add(f"Results page server time <= 2x baseline ({how})", results["ratio"], BUDGETS["results_server_ratio"],
            f"{results['ours_ms_median']:.1f} ms vs {results['base_ms_median']:.1f} ms")
    if "memory" in r:
        m = r["memory"]
        add("Per-session memory <= 1.5x baseline", m["per_session_ratio"], BUDGETS["per_session_memory_ratio"],
            f"{m['ours']['per_session_mb']:.2f} MB vs {m['baseline']['per_session_mb']:.2f} MB per extra session")
    if "load" in r and "browser" in r:
        load = r["load"]["ours"]
        single = r["browser"]["ours"]["next_paint_ms"]["p95"]
        factor = load["next_paint_ms"]["p95"] / single
        r["load"]["ours_p95_over_single_p95"] = factor
        stress = r["load"].get("stress", {}).get("ours", {})
        add("Load: 10 sessions, zero errors (paced and stress)", load["errors"] + stress.get("errors", 0), 0,
            f"{load['completed']}/{r['load']['sessions']} completed paced, "
            f"{stress.get('completed', 0)}/{r['load']['sessions']} under stress",
            passed=load["errors"] == 0 and load["completed"] == r["load"]["sessions"]
            and stress.get("errors", 1) == 0 and stress.get("completed") == r["load"]["sessions"])
        stress_factor = stress["next_paint_ms"]["p95"] / single if stress else float("nan")
        add("Load: p95 click-to-paint <= 3x single-session p95 (paced like people)", factor,
            BUDGETS["load_p95_over_single_p95"],
            f"{load['next_paint_ms']['p95']:.0f} ms under load vs {single:.0f} ms alone; "
            f"stress pace (not budgeted): {stress_factor:.2f}x")
    if "scaleout" in r:
        add("Scale-out proof (2 processes, nginx, sticky sessions)", None, 0,
            ", ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in r["scaleout"]["checks"].items())
            or r["scaleout"].get("error", ""), passed=r["scaleout"]["ok"])
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (a smoke run; figures are noisier)")
    parser.add_argument("--no-docs", action="store_true", help="do not write docs/ (figures go to bench/out/)")
    parser.add_argument("--render-only", action="store_true",
                        help="measure nothing: re-render docs/BENCHMARKS.md from docs/benchmarks.json")
    parser.add_argument("--only", metavar="STAGES",
                        help="comma-separated stages to run (engine, server, server_ws, browser, startup, memory, "
                             "load, scaleout); figures go to bench/out/, docs/ is left alone")
    args = parser.parse_args(argv)
    if args.render_only:
        saved = json.loads((DOCS / "benchmarks.json").read_text(encoding="utf-8"))
        (DOCS / "BENCHMARKS.md").write_text(report.render(saved), encoding="utf-8")
        return 1 if any(not c["ok"] for c in saved["checks"]) or saved["failures"] else 0
    q = args.quick
    started = time.perf_counter()
    results: dict = {"machine": machine_facts(), "quick": q, "budgets": BUDGETS, "failures": []}
    log(f"machine: {results['machine']['cpu']} x{results['machine']['logical_cpus']}, "
        f"load {results['machine']['load_average_at_start']}")

    from engine.bundle import load_bundle

    bundle = load_bundle()
    full = record_walk(bundle)
    short = record_walk(bundle, required_only=True)
    full_path, short_path = write_spec(full, OUT / "walk-full.json"), write_spec(short, OUT / "walk-required.json")
    results["walks"] = {"full": {"interactions": len(full["actions"]), "screens": len(full["screens"])},
                        "required_only": {"interactions": len(short["actions"]), "screens": len(short["screens"])}}

    stages = [
        ("engine", lambda: engine_bench.run(count=10_000, load_reps=3 if q else 7)),
        ("server", lambda: apptest_bench.run(full, full_path, reps=5 if q else 15)),
        ("server_ws", lambda: ws_bench.run(short, short_path, reps=4 if q else 15)),
        ("browser", lambda: asyncio.run(browser_bench.single_session(short, short_path, reps=1 if q else 4))),
        ("startup", lambda: asyncio.run(browser_bench.startup(short, short_path, reps=2 if q else 3))),
        ("memory", lambda: memory_bench.run(short, short_path, parallel=10)),
        ("load", lambda: asyncio.run(browser_bench.load(short, short_path, sessions=10))),
        ("scaleout", lambda: scaleout.run(short, sessions=4)),
    ]
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        unknown = wanted - {name for name, _ in stages}
        if unknown:
            parser.error(f"unknown stage(s): {', '.join(sorted(unknown))}")
        stages = [(name, stage) for name, stage in stages if name in wanted]
    for name, stage in stages:
        log(f"{name} ...")
        t0 = time.perf_counter()
        try:
            results[name] = stage()
        except Exception as error:  # noqa: BLE001 - a stage that cannot run fails the bench, others still run
            traceback.print_exc()
            results["failures"].append(f"{name}: {type(error).__name__}: {error}")
        log(f"{name} done in {time.perf_counter() - t0:.0f} s")
    results["checks"] = check_budgets(results)
    results["seconds"] = time.perf_counter() - started
    target = OUT if args.no_docs or args.only else DOCS
    target.mkdir(parents=True, exist_ok=True)
    (target / "benchmarks.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    (target / "BENCHMARKS.md").write_text(report.render(results), encoding="utf-8")
    failed = [c for c in results["checks"] if not c["ok"]]
    for check in results["checks"]:
        log(f"{'PASS' if check['ok'] else 'FAIL'}  {check['budget']}: {check['detail']}")
    for failure in results["failures"]:
        log(f"ERROR {failure}")
    log(f"wrote {target / 'BENCHMARKS.md'} in {results['seconds']:.0f} s")
    return 1 if failed or results["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
