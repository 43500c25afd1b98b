"""python -m engine validate | evaluate FILE [--format json|text]  (contract: INTAKE.md)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from engine.answers import MAX_ANSWER_BYTES, parse_answer_text
from engine.bundle import DEFAULT_ROOT, Bundle, BundleError, load_bundle
from engine.checks import SAFETY_QUESTION
from engine.evaluate import Outcome, evaluate
from engine.files import FileRefused, quote, quote_text, read_capped
from engine.lint import lint_root
from engine.problems import Problem

EXIT_OK, EXIT_INVALID_BUNDLE, EXIT_INVALID_ANSWERS = 0, 1, 2
READ_SECONDS = 10  # reading and parsing one capped answer file takes milliseconds


def main(argv: list[str] | None = None) -> int:
    root_help = "project folder holding rules/ and content/ (default: this checkout)"
    parser = argparse.ArgumentParser(prog="python -m engine", description=__doc__)
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help=root_help)
    commands = parser.add_subparsers(dest="command", required=True)
    # --root is accepted before or after the command name.
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--root", type=Path, default=argparse.SUPPRESS, help=root_help)
    commands.add_parser("validate", parents=[where],
                        help="check rules, questions and content (and its reading level); exit 1 on any problem")
    ev = commands.add_parser("evaluate", parents=[where], help="print the outcome for an answer set (YAML or JSON)")
    ev.add_argument("answers_file", type=Path)
    ev.add_argument("--format", choices=("json", "text"), default="json")
    args = parser.parse_args(argv)
    if args.command == "validate":
        return _validate(args.root)
    return _evaluate(args.root, args.answers_file, args.format)


def check_root(root: Path) -> tuple[Bundle | None, list[Problem]]:
    """Everything `validate` checks: the bundle, then the plain-language and safety lint of its text."""
    try:
        bundle, problems = load_bundle(root), []
    except BundleError as error:
        bundle, problems = None, list(error.problems)
    return bundle, sorted(problems + lint_root(root))


def _validate(root: Path) -> int:
    bundle, problems = check_root(root)
    for problem in problems:
        print(problem)
    if problems or bundle is None:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_INVALID_BUNDLE
    personas = len(bundle.personas.personas) if bundle.personas else 0
    print(f"OK: {len(bundle.questions)} questions, {len(bundle.rules)} rules, {len(bundle.sections)} sections, "
          f"{len(bundle.regions)} regions, {personas} personas")
    return EXIT_OK


def _evaluate(root: Path, answers_file: Path, fmt: str) -> int:
    try:
        bundle = load_bundle(root)
    except BundleError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID_BUNDLE
    name = quote(answers_file)
    try:
        with _deadline(READ_SECONDS):
            raw = read_capped(answers_file, MAX_ANSWER_BYTES)
            answers, problems = parse_answer_text(raw.decode("utf-8", "replace"), bundle.question_by_id,
                                                  bundle.content_version)
    except FileRefused as refused:
        reason = "cannot read: file not found" if refused.code == "missing-file" else refused.message
        print(f"{name}: {reason}", file=sys.stderr)
        return EXIT_INVALID_ANSWERS
    except TimeoutError:
        print(f"{name}: took longer than {READ_SECONDS} s to read; refused", file=sys.stderr)
        return EXIT_INVALID_ANSWERS
    except Exception as error:  # noqa: BLE001 - a bad answer file is exit 2 with one line, never a traceback
        print(f"{name}: cannot read these answers ({type(error).__name__})", file=sys.stderr)
        return EXIT_INVALID_ANSWERS
    if not problems and SAFETY_QUESTION not in answers:  # review 16 (r16-2): a missing safety answer is not "no"
        codes = ", ".join(bundle.question_by_id[SAFETY_QUESTION].codes)
        problems = [f"{SAFETY_QUESTION}: required, but missing; expected one of: {codes}"]
    if problems:
        for problem in problems:
            print(f"{name}: {quote_text(str(problem))}", file=sys.stderr)
        return EXIT_INVALID_ANSWERS
    outcome = evaluate(bundle, answers)
    print(json.dumps(outcome.to_json(), indent=2, ensure_ascii=False) if fmt == "json" else render_text(outcome))
    return EXIT_OK


@contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Raise TimeoutError in the block after `seconds` (where the platform has SIGALRM)."""
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def render_text(outcome: Outcome) -> str:
    lines = [f"TRD Navigator outcome (content {outcome.content_version})", ""]
    lines.append("Crisis support: " + ("SHOWN FIRST (safety answer)" if outcome.crisis else "available on every page"))
    for resource in outcome.crisis_help.lines:
        lines.append(f"  - {resource.name}: {resource.contact}")
    lines.append(f"  - Emergency: {outcome.crisis_help.emergency}")
    for number, section in enumerate(outcome.sections, 1):
        lines += ["", f"{number}. {section.title} [{section.id}]"]
        lines += [f"   Why: {why}" for why in section.why]
        lines += [f"   Caution ({caution.id}): {caution.text}" for caution in section.cautions]
        lines += [f"   Listed early: {reason}" for reason in section.placed_early]
        lines.append(f"   Talk to ({section.referral.to}): {section.referral.text}")
    lines += ["", "This is information to discuss with a clinician, not a diagnosis or treatment advice."]
    return "\n".join(lines)
