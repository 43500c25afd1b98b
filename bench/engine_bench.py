"""The engine: loading and validating the bundle, and evaluating generated answer sets.

Baselines measured in the same run:
- loading: reading the same files with PyYAML's C loader and nothing else (no line
  numbers, no schemas, no cross-checks), so the ratio is the price of strict loading;
- evaluation: one interaction's server time (from the AppTest figures), as the budget says.
"""

from __future__ import annotations

import gc
import random
import time
from pathlib import Path
from typing import Any

import yaml

from bench.common import median, p95, ratio
from engine.bundle import DEFAULT_ROOT, Bundle, load_bundle
from engine.evaluate import evaluate


def generate_answers(bundle: Bundle, rng: random.Random) -> dict[str, Any]:
    """A random answer set over bundle.questions: some unanswered, multi answers respecting `exclusive`."""
    answers: dict[str, Any] = {}
    for question in bundle.questions:
        if rng.random() < 0.2 and not question.required:
            continue
        if question.type == "single":
            answers[question.id] = rng.choice(question.codes)
        elif question.type == "multi":
            if question.exclusive and rng.random() < 0.15:
                answers[question.id] = [rng.choice(question.exclusive)]
            else:
                choices = [c for c in question.codes if c not in question.exclusive]
                picked = set(rng.sample(choices, rng.randint(1, min(3, len(choices)))))
                answers[question.id] = [c for c in question.codes if c in picked]
        else:
            low = question.minimum if question.minimum is not None else 0
            high = question.maximum if question.maximum is not None else low + 20
            answers[question.id] = rng.randint(low, high)
    return answers


def _read_plain(root: Path, files: tuple[str, ...]) -> None:
    for rel in files:
        text = (root / rel).read_text(encoding="utf-8")
        if rel.endswith(".md") and text.startswith("---"):
            text = text.split("---", 2)[1]
        yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - CSafeLoader is the safe loader


def run(count: int = 10_000, load_reps: int = 7, seed: int = 20261126) -> dict:
    root = Path(DEFAULT_ROOT)
    bundle = load_bundle(root)
    loads, plains = [], []
    for rep in range(load_reps):  # interleaved
        for which in ((0, 1) if rep % 2 == 0 else (1, 0)):
            start = time.perf_counter()
            if which == 0:
                load_bundle(root)
            else:
                _read_plain(root, bundle.files)
            (loads if which == 0 else plains).append(time.perf_counter() - start)
    rng = random.Random(seed)
    answer_sets = [generate_answers(bundle, rng) for _ in range(count)]
    for answers in answer_sets[:200]:  # warm-up
        evaluate(bundle, answers)
    times = []
    gc.collect()
    for answers in answer_sets:
        start = time.perf_counter_ns()
        evaluate(bundle, answers)
        times.append(time.perf_counter_ns() - start)
    # What a results render pays: the evaluation plus every section's why lines, worded.
    # (The rule trace is worded only in the clinician view.)
    worded = []
    for answers in answer_sets[: count // 5]:
        start = time.perf_counter_ns()
        outcome = evaluate(bundle, answers)
        for section in outcome.sections:
            section.why  # noqa: B018 - reading it is the work being timed
        worded.append(time.perf_counter_ns() - start)
    sections = [len(evaluate(bundle, a).sections) for a in answer_sets[:500]]
    return {
        "files": len(bundle.files),
        "questions": len(bundle.questions),
        "rules": len(bundle.rules),
        "load_ms": {"median": median(loads) * 1e3, "p95": p95(loads) * 1e3},
        "plain_yaml_ms": {"median": median(plains) * 1e3, "p95": p95(plains) * 1e3},
        "load_ratio": ratio(median(loads), median(plains)),
        "evaluations": count,
        "seed": seed,
        "eval_us": {"median": median(times) / 1e3, "p95": p95(times) / 1e3, "max": max(times) / 1e3},
        "eval_worded_us": {"median": median(worded) / 1e3, "p95": p95(worded) / 1e3, "n": len(worded)},
        "mean_sections": sum(sections) / len(sections),
    }
