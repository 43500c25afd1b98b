"""Plain-language and safety lint for patient-facing text.

Used by the content tests and, while writing, from the command line:

    .venv/bin/python -m tests.content.lint content/sections/ect.md [...]

The checks live in engine/lint.py (so that `python -m engine validate` runs them too);
this is the command-line front end that prints every grade while writing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from engine.content import split_front_matter
from engine.lint import (  # noqa: F401 - re-exported for the content tests
    MAX_GRADE,
    Finding,
    grade,
    markdown_to_prose,
    phrase_findings,
    section_texts,
)
from engine.yamlio import load_located


def lint_texts(name: str, texts: dict[str, str]) -> tuple[dict[str, float], list[Finding]]:
    """Every part's grade (printed while writing) and its findings; `validate` reports the same checks as
    problems with their line (engine/lint.py `lint_root`)."""
    grades: dict[str, float] = {}
    findings: list[Finding] = []
    for part, text in texts.items():
        where = f"{name}:{part}"
        grades[part] = grade(text)
        if grades[part] > MAX_GRADE:
            findings.append(Finding(where, "reading-grade", f"{grades[part]:.1f} > {MAX_GRADE}"))
        findings.extend(phrase_findings(where, text))
    return grades, findings


def lint_section_file(path: Path) -> tuple[dict[str, float], list[Finding]]:
    front_text, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    front, _ = load_located(front_text)
    return lint_texts(path.name, section_texts(front or {}, body))


def main(argv: list[str]) -> int:
    bad = 0
    for arg in argv:
        path = Path(arg)
        grades, findings = lint_section_file(path)
        words = len(split_front_matter(path.read_text(encoding="utf-8"))[1].split())
        print(f"{path.name}: body {words} words; " + ", ".join(f"{k} {v:.1f}" for k, v in grades.items()))
        for finding in findings:
            print(f"  {finding}")
        bad += len(findings)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
