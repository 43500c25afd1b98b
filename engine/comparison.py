"""Side-by-side comparison of treatment options, built from the sections' comparison facts.

Rows are the questions people ask about a treatment; columns are options. What the
person said matters to them only highlights rows and options: nothing is ever hidden
or reordered here, so a worry cannot make an option disappear from view.
Pure: returns plain data; the UI turns it into a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.bundle import Bundle
from engine.evaluate import Outcome
from engine.flow import effective_answers

CONCERNS_QUESTION = "concerns"
OPEN_TO_QUESTION = "open_to"
KEEP_CURRENT = "keep_current_treatment"


@dataclass(frozen=True)
class ComparisonRow:
    """One question people ask, the Comparison field that answers it, and the worries it speaks to."""

    key: str  # a field of engine.models.Comparison
    question: str
    concerns: tuple[str, ...] = ()  # codes of question `concerns`


ROWS: tuple[ComparisonRow, ...] = (
    ComparisonRow("effectiveness", "How well does it work?"),
    ComparisonRow("how_given", "How is it given?", ("anaesthesia",)),
    ComparisonRow("side_effects", "What side effects can it have?", ("memory", "weight_or_sexual_side_effects")),
    ComparisonRow("work_and_driving", "Can I keep working and driving?", ("driving_work", "time_commitment")),
    ComparisonRow("time_to_effect", "How soon might it help?", ("time_commitment",)),
    ComparisonRow("maintenance", "What happens after the first course?", ("time_commitment",)),
    ComparisonRow("cost_and_access", "What might it cost, and how easy is it to get?", ("cost_access",)),
)


@dataclass(frozen=True)
class ComparisonColumn:
    option_id: str  # a section id
    option_label: str


@dataclass(frozen=True)
class TableRow:
    key: str
    question: str
    cells: tuple[str, ...]  # one per column, in column order
    highlighted: bool  # the row speaks to something the person worries about
    because: tuple[str, ...] = ()  # labels of those worries, to say why it is highlighted


@dataclass(frozen=True)
class ComparisonTable:
    columns: tuple[ComparisonColumn, ...]
    rows: tuple[TableRow, ...]

    @property
    def option_ids(self) -> list[str]:
        return [c.option_id for c in self.columns]


def comparable_options(bundle: Bundle, outcome: Outcome) -> list[str]:
    """Sections in the outcome that can be compared, in the outcome's own order.

    Keeping the current treatment is always offered when it is among the results: the
    loader requires comparison facts for every treatment option, so it always has them.
    """
    return [s.id for s in outcome.sections
            if s.id == KEEP_CURRENT or bundle.content[s.id].comparison is not None]


def comparison_table(bundle: Bundle, option_ids: Iterable[str], *,
                     answers: Mapping[str, Any] | None = None) -> ComparisonTable:
    """The grid for the chosen options; rows about the person's worries are highlighted.

    Raises ValueError for an option that has no comparison facts (a caller's mistake,
    never a reason to leave an option out quietly).
    """
    ids = list(dict.fromkeys(option_ids))
    facts = []
    for option_id in ids:
        content = bundle.content.get(option_id)
        if content is None or content.comparison is None:
            raise ValueError(f"{option_id!r} has no comparison facts; choose from sections with a comparison block")
        facts.append(content.comparison)
    worries = _person_concerns(bundle, answers or {})
    concerns_q = bundle.question_by_id.get(CONCERNS_QUESTION)
    rows = []
    for row in ROWS:
        matched = [code for code in row.concerns if code in worries]
        labels = tuple(concerns_q.label_for(code) for code in matched) if concerns_q else tuple(matched)
        rows.append(TableRow(row.key, row.question, tuple(getattr(f, row.key) for f in facts),
                             highlighted=bool(matched), because=labels))
    columns = tuple(ComparisonColumn(option_id, f.option_label) for option_id, f in zip(ids, facts, strict=True))
    return ComparisonTable(columns, tuple(rows))


def highlighted_options(bundle: Bundle, answers: Mapping[str, Any]) -> set[str]:
    """Options whose kind the person said they are open to (highlight only, never a filter)."""
    open_to = set(effective_answers(bundle, answers).get(OPEN_TO_QUESTION) or ())
    return {entry.id for entry in bundle.sections if open_to & set(entry.open_to)}


def _person_concerns(bundle: Bundle, answers: Mapping[str, Any]) -> set[str]:
    return set(effective_answers(bundle, answers).get(CONCERNS_QUESTION) or ())
