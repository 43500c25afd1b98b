"""Plain-language and safety lint for patient-facing text, run by `python -m engine validate`.

It scores each patient-facing text with Flesch-Kincaid (textstat, pinned) and looks
for dose amounts, schedules to follow, diagnostic statements about the reader and
instructions to stop medication. `lint_root` reports them as problems
(`reading-level`, `unsafe-phrase`) with their place; tests/content/lint.py is the
command-line front end used while writing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine import files as fs
from engine.content import split_front_matter
from engine.problems import Problem
from engine.yamlio import LocatedDict, LocatedList, Mark, load_located

MAX_GRADE = 8.0
MAX_SENTENCE_WORDS = 30  # a ceiling, not a target: a long sentence loses a tired reader whatever its grade

_DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?(?:\s*(?:-|–|to)\s*\d+(?:[.,]\d+)?)?\s*"
    r"(?:mg|mcg|µg|μg|micrograms?|milligrams?|g|grams?|ml|mL|IU|mmol)(?:\s*/\s*(?:kg|day|d|l|L))?\b"
)
_SCHEDULE = re.compile(
    r"\b(?:(?:once|twice|three times|four times|\d+ times)\s+(?:a|per|each|every)\s+day"
    r"|(?:once|twice)\s+daily|daily dose|every \d+ hours|tablets? a day|pills? a day)\b",
    re.IGNORECASE,
)
# Review 14 (r14-10): hedged forms ("you may have", "your answers suggest") and more conditions are caught too.
_CONDITION = (r"(?:bipolar|depression|treatment[- ]resistant|trd|hypothyroidism|sleep apnoea|adhd|ptsd|psychosis"
              r"|psychotic depression|postpartum (?:depression|psychosis)|an eating disorder"
              r"|a (?:mental |mood )?(?:disorder|illness)|an illness)")
_DIAGNOSTIC = re.compile(
    r"\byou(?:'re|’re| are)\s+(?:probably\s+|likely\s+|clearly\s+)?"
    r"(?:bipolar|depressed|treatment[- ]resistant|manic|psychotic|hypomanic)\b"
    r"|\byou\s+(?:(?:may|might|probably|likely|could|must|clearly)\s+)?"
    r"(?:have|suffer from|are suffering from|have got)\s+" + _CONDITION +
    r"|\byou(?:'re|’re| are)\s+likely\s+to\s+have\s+" + _CONDITION +
    r"|\b(?:it (?:looks|seems|sounds) like you|your answers (?:suggest|show|mean|point to))\b"
    r"|\byour depression is\s+(?:treatment[- ]resistant|bipolar|psychotic)"
    r"|\byour diagnosis is\b",
    re.IGNORECASE,
)
# The aid never recommends (About, SAFETY.md S4): words that pick a treatment for the reader.
_RECOMMENDATION = re.compile(
    r"\b(?:is|are|would be)\s+(?:the\s+)?(?:best|right)\s+(?:option|choice|treatment)\s+for\s+you\b"
    r"|\byou\s+should\s+(?:start|try|take|choose|switch to|go for)\b"
    r"|\bwe\s+recommend\b|\b(?:is|are)\s+recommended\s+for\s+you\b|\busually\s+the\s+first\s+choice\b",
    re.IGNORECASE,
)
_STOP_MEDICATION = re.compile(
    r"\bstop(?:ping)?\s+(?:taking\s+)?your\s+(?:medication|medicines?|antidepressants?|tablets|pills)\b",
    re.IGNORECASE,
)
# Safe messaging (review 12, s12-1): how deadly a substance or method is stays out of what a person at risk reads.
_LETHALITY = re.compile(r"\b(?:dangerous|deadly|fatal|lethal|toxic)\s+(?:in|if taken in)\s+(?:an?\s+)?overdose\b"
                        r"|\blethal\s+(?:dose|amount|method)s?\b", re.IGNORECASE)
# Review 15 (e15-4): idioms a browser's translate button turns into something else ("wound up" as an injury,
# "cutting down" as a tree), first found on the lines a person acts on.
_IDIOM = re.compile(r"\b(?:wound up|now and then|cut(?:ting)? down|coarse shaking|a strong shake|stomach bug"
                    r"|set(?:s)? off (?:a |highs)|lifts to|jot down|quick fix(?:es)?)\b", re.IGNORECASE)
_STOP_OK = re.compile(r"\b(?:not|never|without|before|ask|talk|don't|don’t)\b", re.IGNORECASE)
_KIND_TEXT = {"dose": "a dose amount", "schedule": "a schedule to follow", "diagnostic": "a diagnosis of the reader",
              "stop-medication": "an instruction to stop medication", "long-sentence": "a sentence",
              "lethality": "how deadly a substance or method is", "recommendation": "a treatment picked for the reader",
              "idiom": "an idiom that translation tools mangle (say it plainly)"}


@dataclass(frozen=True)
class Finding:
    where: str
    kind: str
    detail: str
    offset: int = 0  # where in the text it starts (for a line number)

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
    import textstat  # imported on first use: the app never lints

    return float(textstat.flesch_kincaid_grade(markdown_to_prose(text)))


def phrase_findings(where: str, text: str) -> list[Finding]:
    found = []
    for pattern, kind in ((_DOSE, "dose"), (_SCHEDULE, "schedule"), (_DIAGNOSTIC, "diagnostic"),
                          (_RECOMMENDATION, "recommendation"), (_LETHALITY, "lethality"), (_IDIOM, "idiom")):
        for match in pattern.finditer(text):
            found.append(Finding(where, kind, repr(match.group(0)), match.start()))
    offset = 0
    for sentence in re.split(r"((?<=[.!?])\s+|\n)", text):
        if _STOP_MEDICATION.search(sentence) and not _STOP_OK.search(sentence):
            found.append(Finding(where, "stop-medication", repr(sentence.strip()[:80]), offset))
        offset += len(sentence)
    return found + long_sentences(where, text)


def long_sentences(where: str, text: str) -> list[Finding]:
    """Sentences (list items and headings count as their own) longer than MAX_SENTENCE_WORDS words.

    Each is found in the original text by its first words, for its line; the text's start when not found.
    """
    found = []
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n", markdown_to_prose(text)):
        words = sentence.split()
        if len(words) > MAX_SENTENCE_WORDS:
            start = re.search(r"\W+".join(re.escape(re.sub(r"\W", "", w)) for w in words[:3]), text)
            found.append(Finding(where, "long-sentence", f"of {len(words)} words (the most is {MAX_SENTENCE_WORDS}): "
                                 f"{' '.join(words[:6])!r} ...", start.start() if start else 0))
    return found


def section_texts(front: dict, body: str) -> dict[str, str]:
    """The patient-facing texts of one section, each scored on its own."""
    texts = {"summary": str(front.get("summary", "")), "body": body}
    texts["questions_to_ask"] = "\n".join(str(q) for q in _list(front.get("questions_to_ask")))
    referral = _mapping(front.get("referral"))
    texts["referral"] = "\n".join(str(referral.get(k, "")) for k in ("text", "urgent_when"))
    comparison = _mapping(front.get("comparison"))
    texts["comparison"] = "\n".join(str(v) for k, v in comparison.items() if k != "option_label")
    # Outcome figures: each "how sure are we" line and who was studied, as the reader sees them.
    texts["outcomes"] = "\n\n".join(f"{f.get('certainty', '')}\n\nWho was studied: {f.get('population', '')}."
                                  for f in map(_mapping, _list(front.get("outcomes"))) if f)
    return {k: v for k, v in texts.items() if v.strip()}


def _list(value: Any) -> list:
    """A list field, or nothing when a file gives it another shape (validation reports the shape)."""
    return value if isinstance(value, list) else []


def _mapping(value: Any) -> dict:
    """A mapping field, or nothing when a file gives it another shape (validation reports the shape)."""
    return value if isinstance(value, dict) else {}


# --- As problems of `validate`, with their place ----------------------------------------------------

def lint_root(root: Path) -> list[Problem]:
    """Reading level and unsafe phrases in every section file and every questionnaire step.

    A file that cannot be read or parsed is skipped here: validation reports it.
    """
    problems: list[Problem] = []
    for name in fs.markdown_files(root, "content/sections"):
        rel = f"content/sections/{name}"
        try:
            front_text, body, body_line = split_front_matter(fs.read_bundle_text(root, rel))
            front, _ = load_located(front_text, line_offset=1)
        except Exception:  # noqa: BLE001 - unreadable files are validation's to report
            front = None
        if isinstance(front, LocatedDict):
            problems += _lint_section(fs.quote(rel), front, body, body_line)
    problems += _lint_questions(root)
    for rel, key, fields, together in TEXT_LISTS:
        problems += _lint_items(root, rel, key, fields, together)
    return problems


# Patient-facing texts in rules/ (file, list, fields of each item, scored as one text or item by item).
TEXT_LISTS = (
    ("rules/rules.yaml", "rules", ("explain",), True),
    ("rules/cautions.yaml", "cautions", ("text",), False),
    ("rules/cautions.yaml", "kinds", ("label",), True),
    ("rules/emphasis.yaml", "emphasis", ("reason",), False),
    ("rules/comparison.yaml", "notes", ("text",), False),
    ("rules/sections.yaml", "tiers", ("label", "intro"), True),
    ("rules/outcomes.yaml", "terms", ("words", "meaning"), True),
)


def _lint_items(root: Path, rel: str, key: str, fields: tuple[str, ...], together: bool) -> list[Problem]:
    try:
        data, _ = load_located(fs.read_bundle_text(root, rel))
        items = data[key]
    except Exception:  # noqa: BLE001 - validation reports an unreadable file
        return []
    if not isinstance(items, LocatedList):
        return []  # validation reports the shape
    texts = [(item, "\n".join(str(item.get(f, "")) for f in fields))
             for item in items if isinstance(item, LocatedDict)]
    groups = [(items, "\n\n".join(t for _, t in texts))] if together else texts
    problems = []
    for where, text in groups:
        name = key if together else f"{key} item {str(where.get('id', '?'))[:40]!r}"
        problems += _text_problems(rel, where.mark, name, text)
    return problems


def _lint_section(rel: str, front: LocatedDict, body: str, body_line: int) -> list[Problem]:
    texts = section_texts(front, body)
    if "title" in front:
        texts["title"] = str(front["title"])
    problems = []
    for part, text in texts.items():
        mark = Mark(body_line, 1) if part == "body" else front.value_marks.get(part, front.mark)
        problems += _text_problems(rel, mark, part, text, graded=part != "title", by_line=part == "body")
    return problems


def _lint_questions(root: Path) -> list[Problem]:
    rel = "rules/questions.yaml"
    try:
        data, _ = load_located(fs.read_bundle_text(root, rel))
        steps = data["steps"]
    except Exception:  # noqa: BLE001 - validation reports an unreadable file
        return []
    problems = []
    for step in _list(steps):
        if not isinstance(step, LocatedDict):
            continue
        parts: list[Any] = [step.get("title"), step.get("intro")]
        for question in map(_mapping, _list(step.get("questions"))):
            parts += [question.get("label"), question.get("label_for_helper"), question.get("help")]
            parts += [_mapping(note).get("text") for note in _list(question.get("urgent"))]
            parts += [_mapping(o).get("label") for o in _list(question.get("options"))]
        texts = [p.strip() for p in parts if isinstance(p, str) and p.strip()]
        # Each label and option is a sentence of its own; the grade reads the options as one run (the stricter).
        problems += _text_problems(rel, step.mark, f"step {str(step.get('id', '?'))[:40]!r}", "\n\n".join(texts),
                                   graded_as="\n".join(texts))
    return problems


def _text_problems(rel: str, mark: Mark, name: str, text: str, graded: bool = True,
                   by_line: bool = False, graded_as: str | None = None) -> list[Problem]:
    """`reading-level` (when graded: of `graded_as` when given), `unsafe-phrase` and `long-sentence` problems
    of one text that starts at `mark`; by_line (a section body): each at its own line, else all at `mark`."""
    problems = []
    value = grade(graded_as or text) if graded and text.strip() else 0.0
    if value > MAX_GRADE:
        problems.append(Problem(rel, mark.line, mark.col, "reading-level",
                                f"{name} reads at US grade {value:.1f}; the most is {MAX_GRADE:.0f}"))
    for finding in phrase_findings(name, text):
        at = Mark(mark.line + text[:finding.offset].count("\n"), mark.col) if by_line else mark
        code = "long-sentence" if finding.kind == "long-sentence" else "unsafe-phrase"
        problems.append(Problem(rel, at.line, at.col, code,
                                f"{name}: {_KIND_TEXT[finding.kind]}: {fs.quote_text(finding.detail)}"))
    return problems
