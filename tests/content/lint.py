"""Plain-language and safety lint for patient-facing text.

Used by the content tests and, while writing, from the command line:

    .venv/bin/python -m tests.content.lint content/sections/ect.md [...]

It scores each patient-facing text with Flesch-Kincaid (textstat, pinned) and looks
for dose amounts, schedules to follow, diagnostic statements about the reader and
instructions to stop medication.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import textstat

from engine.bundle import split_front_matter
from engine.yamlio import load_located

MAX_GRADE = 8.0

_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?\s*"
    r"(?:mg|mcg|µg|μg|micrograms?|milligrams?|g|grams?|ml|mL|IU|mmol)(?:\s*/\s*(?:kg|day|d|l|L))?\b"
)
_SCHEDULE = re.compile(
    r"\b(?:(?:once|twice|three times|four times|\d+ times)\s+(?:a|per|each|every)\s+day"
    r"|(?:once|twice)\s+daily|daily dose|every \d+ hours|tablets? a day|pills? a day)\b",
    re.IGNORECASE,
)
_DIAGNOSTIC = re.compile(
    r"\byou(?:'re|’re| are)\s+(?:probably\s+|likely\s+|clearly\s+)?"
    r"(?:bipolar|depressed|treatment[- ]resistant|manic|psychotic|hypomanic)\b"
    r"|\byou\s+(?:have|suffer from|are suffering from|have got)\s+"
    r"(?:bipolar|depression|treatment[- ]resistant|trd|hypothyroidism|sleep apnoea|adhd|ptsd"
    r"|a (?:mental |mood )?(?:disorder|illness)|an illness)"
    r"|\byour diagnosis is\b",
    re.IGNORECASE,
)
_STOP_MEDICATION = re.compile(
    r"\bstop(?:ping)?\s+(?:taking\s+)?your\s+(?:medication|medicines?|antidepressants?|tablets|pills)\b",
    re.IGNORECASE,
)
_STOP_OK = re.compile(r"\b(?:not|never|without|before|ask|talk|don't|don’t)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    where: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind}: {self.detail}"


def markdown_to_prose(text: str) -> str:
    """Strip Markdown so the readability formula sees real sentences.

    Wrapped lines of a paragraph or list item are joined; each heading, list item
    and paragraph ends as a sentence of its own.
    """
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            blocks.append(" ".join(current))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
            continue
        starts_block = bool(re.match(r"^(#{1,6}\s|[-*+]\s|\d+\.\s)", line))
        if starts_block:
            flush()
        line = re.sub(r"^#{1,6}\s*", "", line)
        line = re.sub(r"^(?:[-*+]|\d+\.)\s+", "", line)
        current.append(line)
        if starts_block and raw.lstrip().startswith("#"):
            flush()
    flush()
    prose = []
    for block in blocks:
        block = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", block)
        block = block.replace("**", "").replace("__", "").replace("`", "")
        if block and block[-1] not in ".?!:;":
            block += "."
        prose.append(block)
    return "\n".join(prose)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(markdown_to_prose(text)))


def phrase_findings(where: str, text: str) -> list[Finding]:
    found = []
    for pattern, kind in ((_DOSE, "dose"), (_SCHEDULE, "schedule"), (_DIAGNOSTIC, "diagnostic")):
        for match in pattern.finditer(text):
            found.append(Finding(where, kind, repr(match.group(0))))
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if _STOP_MEDICATION.search(sentence) and not _STOP_OK.search(sentence):
            found.append(Finding(where, "stop-medication", repr(sentence.strip())))
    return found


def section_texts(front: dict, body: str) -> dict[str, str]:
    """The patient-facing texts of one section, each scored on its own."""
    texts = {"summary": str(front.get("summary", "")), "body": body}
    texts["questions_to_ask"] = "\n".join(str(q) for q in front.get("questions_to_ask") or [])
    referral = front.get("referral") or {}
    texts["referral"] = "\n".join(str(referral.get(k, "")) for k in ("text", "urgent_when"))
    comparison = front.get("comparison") or {}
    texts["comparison"] = "\n".join(
        str(v) for k, v in comparison.items() if k != "option_label"
    )
    return {k: v for k, v in texts.items() if v.strip()}


def lint_section_file(path: Path) -> tuple[dict[str, float], list[Finding]]:
    front_text, body, _ = split_front_matter(path.read_text(encoding="utf-8"))
    front, _ = load_located(front_text)
    return lint_texts(path.name, section_texts(front or {}, body))


def lint_texts(name: str, texts: dict[str, str]) -> tuple[dict[str, float], list[Finding]]:
    grades: dict[str, float] = {}
    findings: list[Finding] = []
    for part, text in texts.items():
        where = f"{name}:{part}"
        grades[part] = grade(text)
        if grades[part] > MAX_GRADE:
            findings.append(Finding(where, "reading-grade", f"{grades[part]:.1f} > {MAX_GRADE}"))
        findings.extend(phrase_findings(where, text))
    return grades, findings


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
