"""Section content: each content/sections/*.md file's front matter, headings and outcome figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine import files as fs
from engine.checks import AGE_QUESTION
from engine.collect import CONTENT_DIR, Collector
from engine.models import OutcomeTerm, SectionEntry, SectionFront
from engine.yamlio import Mark, mark_at

REQUIRED_HEADINGS: dict[str, tuple[str, ...]] = {
    "*": ("What it involves",),
    "treatment": (
        "What it is",
        "How it is given",
        "How soon it may help",
        "How often are visits",
        "Side effects",
        "What the evidence shows",
        "Where the evidence is weak or unsure",
    ),
    "population": ("What is different for this group",),
}


@dataclass(frozen=True)
class SectionContent:
    front: SectionFront
    body: str
    path: str


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line number where the body starts). Raises ValueError."""
    if not text.startswith("---\n"):
        raise ValueError("a section file must start with a '---' line, then YAML front matter")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ValueError("the front matter has no closing '---' line")
    front = text[4:end + 1]
    return front, text[end + 5:], front.count("\n") + 3


def load_content(c: Collector, root: Path, registry: dict[str, SectionEntry],
                 terms: Mapping[str, OutcomeTerm], ages: tuple[str, ...]) -> dict[str, SectionContent]:
    """Every section file, checked; `ages`, the age question's codes, are the ones a figure's `ages` may name."""
    content: dict[str, SectionContent] = {}
    for name in fs.markdown_files(root, CONTENT_DIR):
        rel, stem = fs.quote(f"{CONTENT_DIR}/{name}"), Path(name).stem
        try:
            front_text, body, body_line = split_front_matter(fs.read_bundle_text(root, f"{CONTENT_DIR}/{name}"))
        except fs.FileRefused as refused:  # missing, too big, not UTF-8: as for a rules file
            c.add(rel, None, refused.code, refused.message)
            continue
        except ValueError as error:  # no front matter
            c.add(rel, None, "yaml-syntax", str(error))
            continue
        raw = c.read_yaml(rel, front_text, line_offset=1)
        if raw is None:
            continue
        front: SectionFront | None = c.model(rel, raw, SectionFront)
        if front is None:
            continue
        if front.id != stem:
            c.add(rel, mark_at(raw, "id"), "content-id-mismatch",
                  f"id {front.id!r} differs from the file name {stem!r}")
            continue
        entry = registry.get(front.id)
        if entry is None:
            c.add(rel, mark_at(raw, "id"), "unknown-section",
                  f"section {front.id!r} is not registered in rules/sections.yaml")
            continue
        headings = [line[3:].strip() for line in body.splitlines() if line.startswith("## ")]
        required = REQUIRED_HEADINGS["*"] + REQUIRED_HEADINGS.get(entry.tier, ())
        for heading in required:
            if heading not in headings:
                c.add(rel, Mark(body_line, 1), "missing-heading",
                      f"body has no '## {heading}' heading, which tier {entry.tier!r} requires")
        if entry.tier == "treatment" and front.comparison is None:
            c.add(rel, mark_at(raw, "id"), "missing-comparison",
                  f"treatment option {front.id!r} needs a 'comparison' block")
        _check_figures(c, rel, raw, front, entry.tier == "treatment", terms, ages)
        content[front.id] = SectionContent(front, body, rel)
    for section_id in registry:
        if section_id not in content and not any(p.path == f"{CONTENT_DIR}/{section_id}.md" for p in c.problems):
            c.add(f"{CONTENT_DIR}/{section_id}.md", None, "missing-content",
                  f"section {section_id!r} is registered but has no content file")
    return content


def _check_figures(c: Collector, rel: str, raw: Any, front: SectionFront, needed: bool,
                   terms: Mapping[str, OutcomeTerm], ages: tuple[str, ...]) -> None:
    """Outcome figures: a known term, a comparator for every benefit, whole numbers out of 100, what a range spans,
    a listed source, ages the age question has."""
    for fi, figure in enumerate(front.outcomes):
        where = ("outcomes", fi)
        if terms and figure.outcome not in terms:
            c.add(rel, mark_at(raw, *where, "outcome"), "unknown-outcome",
                  f"outcome {figure.outcome!r} is not a term of rules/outcomes.yaml: {', '.join(terms)}")
        if (figure.comparator == "none") != (figure.with_comparator is None) or (
                figure.comparator == "none" and figure.kind == "benefit"):
            c.add(rel, mark_at(raw, *where, "comparator"), "figure-comparator",
                  "a benefit needs a comparator and its figure; only a harm may have comparator 'none', "
                  "and then no with_comparator")
        for key in ("with_option", "with_comparator"):
            value = getattr(figure, key)
            numbers = value if isinstance(value, tuple) else () if value is None else (value,)
            if any(not 0 <= n <= 100 for n in numbers) or (len(numbers) == 2 and numbers[0] >= numbers[1]):
                c.add(rel, mark_at(raw, *where, key), "invalid-value",
                      f"{key} must be a whole number from 0 to 100, or a range [low, high] with low < high")
        ranged = [key for key in ("with_option", "with_comparator") if isinstance(getattr(figure, key), tuple)]
        if bool(ranged) != (figure.range_covers is not None):
            c.add(rel, mark_at(raw, *where, ranged[0] if ranged else "range_covers"), "figure-range",
                  "a figure with a range [low, high] says what it spans (range_covers: medicines or trials); "
                  "a figure without one has no range_covers")
        if not any(source.cite.startswith(figure.source) for source in front.sources):
            c.add(rel, mark_at(raw, *where, "source"), "figure-source",
                  f"source {figure.source!r} is not the start of any of this section's sources")
        for ai, age in enumerate(figure.ages):
            if age not in ages:
                c.add(rel, mark_at(raw, *where, "ages", ai), "unknown-code",
                      f"ages: {age!r} is not a code of question {AGE_QUESTION!r}: {', '.join(ages) or 'none'}")
    if needed and not any(f.kind == "benefit" and f.comparator != "none" for f in front.outcomes):
        c.add(rel, mark_at(raw, "id"), "figure-comparator",
              f"treatment option {front.id!r} needs at least one benefit figure with a comparator (outcomes)")
