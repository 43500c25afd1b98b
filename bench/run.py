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
    "step_server_ratio": 1.5,
    "results_server_ratio": 2.0,
    "browser_next_ratio": 1.5,
    "browser_results_ratio": 2.0,
    "first_over_repeat_results": 1.5,
    "per_session_memory_ratio": 1.5,
    "load_p95_over_baseline_p95": 2.0,
}


def check_budgets(r: dict) -> list[dict]:
    """Budgets on what a person waits for (a click until the next screen is painted, in a real browser,
    against the baseline app in the same run), plus server time, memory, load and scale-out."""
    checks = []

    def add(name: str, figure: float | None, limit: float, detail: str, passed: bool | None = None) -> None:
        ok = passed if passed is not None else (figure is not None and figure <= limit)
        checks.append({"budget": name, "figure": figure, "limit": limit, "ok": bool(ok), "detail": detail})

    if "engine" in r and "server" in r:  # for the report only: nobody waits for an evaluation on its own
        interaction = r["server"]["interaction_ms"]["ours"]["median"]
        r["engine"]["share_of_interaction"] = r["engine"]["eval_us"]["median"] / 1e3 / interaction
        if "eval_worded_us" in r["engine"]:
            r["engine"]["worded_share_of_interaction"] = r["engine"]["eval_worded_us"]["median"] / 1e3 / interaction
    if "browser" in r:
        b = r["browser"]
        ours, base = b["ours"]["per_step_median_ms"], b["baseline"]["per_step_median_ms"]
        results_title = b.get("results_step", list(ours)[-1])
        if "step_next_paint_ms" in b["ours"]:
            o, a = b["ours"]["step_next_paint_ms"], b["baseline"]["step_next_paint_ms"]
            ratios = {step: ours[step] / base[step] for step in ours if step != results_title and base.get(step)}
            worst = max(ratios, key=ratios.get)
            add("Every Next → next step painted <= 1.5x baseline (real browser; median and p95 of every Next click)",
                max(o["median"] / a["median"], o["p95"] / a["p95"]), BUDGETS["browser_next_ratio"],
                f"median {o['median']:.0f} vs {a['median']:.0f} ms ({o['median'] / a['median']:.2f}x), "
                f"p95 {o['p95']:.0f} vs {a['p95']:.0f} ms ({o['p95'] / a['p95']:.2f}x), {o['n']} clicks each; "
                f"slowest step by median: {worst} ({ratios[worst]:.2f}x, not budgeted: {b['reps']} walks)")
        add("Results render <= 2x baseline (real browser, See my results → painted)",
            ours[results_title] / base[results_title], BUDGETS["browser_results_ratio"],
            f"{ours[results_title]:.0f} ms vs {base[results_title]:.0f} ms (median, process already serving)")
    if "startup" in r and "first_results" in r["startup"]["ours"]:
        st = r["startup"]
        o, a = st["ours"], st["baseline"]
        add("First results render in a new process <= 1.5x a repeat one (real browser)",
            o["first_over_repeat_results"], BUDGETS["first_over_repeat_results"],
            f"ours {o['first_results']['median']:.0f} ms first vs {o['repeat_results']['median']:.0f} ms repeat; "
            f"baseline {a['first_results']['median']:.0f} vs {a['repeat_results']['median']:.0f} ms "
            f"({a['first_over_repeat_results']:.2f}x); the ratio is the median of {st['reps']} new processes' own "
            f"first / repeat ({', '.join(f'{x:.2f}x' for x in o.get('first_over_repeat_per_process', []))})")
    # Server time is budgeted as the browser meets it (a real server and its websocket), on the median: a
    # guard against a real slowdown. Its p95 (a few ms on a shared 2-core machine) and AppTest's in-process
    # script time are reported, not budgeted: on the same code they swing across any fixed limit from run
    # to run (p95 1.41x to 1.72x in three runs of one commit), and nobody feels a millisecond per click.
    for key, how in (("server_ws", "real server, websocket round trip"),):
        if key not in r:
            continue
        rows = r[key]["rows"]
        steps = [row for row in rows if not row["screen"].startswith("results:")]
        worst = max(steps, key=lambda row: row["ratio"])
        o, a = r[key]["interaction_ms"]["ours"], r[key]["interaction_ms"]["baseline"]
        add(f"Server time per interaction <= 1.5x baseline, median of all ({how})",
            o["median"] / a["median"], BUDGETS["step_server_ratio"],
            f"median {o['median']:.2f} vs {a['median']:.2f} ms ({o['median'] / a['median']:.2f}x); "
            f"p95 (not budgeted) {o['p95']:.2f} vs {a['p95']:.2f} ms ({o['p95'] / a['p95']:.2f}x); "
            f"slowest step by median: {worst['screen']} "
            f"({worst['ratio']:.2f}x, not budgeted: a few ms, noisy on a shared machine)")
        results = next(row for row in rows if row["screen"].startswith("results:"))
        add(f"Results page server time <= 2x baseline ({how})", results["ratio"], BUDGETS["results_server_ratio"],
            f"{results['ours_ms_median']:.1f} ms vs {results['base_ms_median']:.1f} ms")
    if "memory" in r:
        m = r["memory"]
        add("Per-session memory <= 1.5x baseline", m["per_session_ratio"], BUDGETS["per_session_memory_ratio"],
            f"{m['ours']['per_session_mb']:.2f} MB vs {m['baseline']['per_session_mb']:.2f} MB per extra session "
            f"(from {m['fit_from']} to {m['counts'][-1]} sessions, the mean of {m['repeats']} runs; each run: "
            f"{', '.join(f'{x:.2f}x' for x in m['per_session_ratios'])})")
    if "load" in r and "ours" in r["load"] and "baseline" in r["load"]:
        load, base = r["load"]["ours"], r["load"]["baseline"]
        stress = r["load"].get("stress", {})
        factor = load["next_paint_ms"]["p95"] / base["next_paint_ms"]["p95"]
        r["load"]["ours_p95_over_baseline_p95"] = factor
        add("Load: 10 sessions, zero errors (paced and stress)",
            load["errors"] + stress.get("ours", {}).get("errors", 0), 0,
            f"{load['completed']}/{r['load']['sessions']} completed paced, "
            f"{stress.get('ours', {}).get('completed', 0)}/{r['load']['sessions']} under stress",
            passed=load["errors"] == 0 and load["completed"] == r["load"]["sessions"]
            and stress.get("ours", {}).get("errors", 1) == 0
            and stress.get("ours", {}).get("completed") == r["load"]["sessions"])
        stress_factor = (stress["ours"]["next_paint_ms"]["p95"] / stress["baseline"]["next_paint_ms"]["p95"]
                         if "ours" in stress and "baseline" in stress else float("nan"))
        add("Load: p95 Next → painted <= 2x the baseline's under the same load (10 people, paced like people)",
            factor, BUDGETS["load_p95_over_baseline_p95"],
            f"ours {load['next_paint_ms']['p95']:.0f} ms vs baseline {base['next_paint_ms']['p95']:.0f} ms; "
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
        ("browser", lambda: asyncio.run(browser_bench.single_session(short, short_path, reps=1 if q else 6))),
        ("startup", lambda: asyncio.run(browser_bench.startup(short, short_path, reps=2 if q else 5))),
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
