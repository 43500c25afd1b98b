"""python -m engine validate | evaluate FILE [--format json|text]  (contract: INTAKE.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.answers import MAX_ANSWER_BYTES, parse_answer_text
from engine.bundle import DEFAULT_ROOT, BundleError, load_bundle, validate_bundle
from engine.evaluate import Outcome, evaluate

EXIT_OK, EXIT_INVALID_BUNDLE, EXIT_INVALID_ANSWERS = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    root_help = "project folder holding rules/ and content/ (default: this checkout)"
    parser = argparse.ArgumentParser(prog="python -m engine", description=__doc__)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=root_help)
    commands = parser.add_subparsers(dest="command", required=True)
    # --root is accepted before or after the command name.
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=root_help)
    commands.add_parser("validate", parents=[where], help="check rules, questions and content; exit 1 on any problem")
    ev = commands.add_parser("evaluate", parents=[where], help="print the outcome for an answer set (YAML or JSON)")
    ev.add_argument("answers_file", type=Path)
    ev.add_argument("--format", choices=("json", "text"), default="json")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.root)
    return _evaluate(args.root, args.answers_file, args.format)


def _validate(root: Path) -> int:
    problems = validate_bundle(root)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_INVALID_BUNDLE
    return EXIT_OK


def _evaluate(root: Path, answers_file: Path, fmt: str) -> int:
    try:
        bundle = load_bundle(root)
    except BundleError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID_BUNDLE
    try:
        raw = answers_file.read_bytes()
    except OSError as error:
        print(f"{answers_file}: cannot read: {error.strerror}", file=sys.stderr)
        return EXIT_INVALID_ANSWERS
    if len(raw) > MAX_ANSWER_BYTES:
        print(f"{answers_file}: larger than {MAX_ANSWER_BYTES // 1024} KB", file=sys.stderr)
        return EXIT_INVALID_ANSWERS
    answers, problems = parse_answer_text(raw.decode("utf-8", "replace"), bundle.question_by_id)
    if problems:
        for problem in problems:
            print(f"{answers_file}: {problem}", file=sys.stderr)
        return EXIT_INVALID_ANSWERS
    outcome = evaluate(bundle, answers)
    print(json.dumps(outcome.to_json(), indent=2, ensure_ascii=False) if fmt == "json" else render_text(outcome))
    return EXIT_OK


def render_text(outcome: Outcome) -> str:
    lines = [f"TRD Navigator outcome (content {outcome.content_version})", ""]
    lines.append("Crisis support: " + ("SHOWN FIRST (safety answer)" if outcome.crisis else "available on every page"))
    for resource in outcome.crisis_resources:
        lines.append(f"  - {resource.name}: {resource.contact}")
    for number, section in enumerate(outcome.sections, 1):
        lines += ["", f"{number}. {section.title} [{section.id}]"]
        lines += [f"   Why: {why}" for why in section.why]
        lines.append(f"   Talk to ({section.referral.to}): {section.referral.text}")
    lines += ["", "This is information to discuss with a clinician, not a diagnosis or treatment advice."]
    return "\n".join(lines)
