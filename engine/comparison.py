"""Side-by-side comparison of treatment options, built from the sections' comparison facts and figures.

Rows are the questions people ask about a treatment (rules/comparison.yaml); columns are
options. The first row gives each option's main finding, the one its picture draws, with
its measure, comparator and kind of study, and says so plainly when an option has none;
the next names the cautions the person's answers bring into each option's section.
What the person said matters to them only highlights rows and options and picks the
starting columns: nothing is ever hidden here, so a worry cannot make an option disappear.
Pure: returns plain data; the UI turns it into a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.bundle import Bundle
from engine.checks import AGE_QUESTION, CONCERNS_QUESTION, OPEN_TO_QUESTION
from engine.evaluate import Outcome, cautions_by_section
from engine.figures import FigureView, in_sentence, main_figures, per_100, study_words
from engine.flow import person_path

FIGURE_ROW = "figure"
CAUTIONS_ROW = "cautions"
CAUTIONS_QUESTION = "Anything to read first, from your answers?"
NO_CAUTION = "No caution in this option's section for your answers. The sections about you may say more."
FIGURE_QUESTION = "What did its main study find? Each study differs, so these numbers cannot rank the options."
# Review 10 (c10-6): the first number a low reader meets carries the most weight; give the bar before it.
# Review 15 (n15-2, n15-3): say plainly that the columns cannot be ranked, and say it in the files too;
# (e15-14) and where most of the studies were done.
NUMBERS_NOTE = ("Each number comes from one main study of that option, and says what it counts. Each option was "
                "tested against something different, in different people. So the numbers cannot show which option "
                "works best: look at the gap between the option and what it was compared with. Most of these "
                "studies were done in North America and Europe: ask your team how the results apply to you. "
                "\"Few or no symptoms left\" is a high bar: some others got better part of the way. Many people "
                "need more than one try to find what helps.")
NO_FIGURE = "No figure per 100 people in our sources. See \"How well does it work?\"."


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
    notes: tuple[str, ...] = ()  # rules/comparison.yaml `notes` that fire: said above the table and the pictures


def comparable_options(bundle: Bundle, outcome: Outcome) -> list[str]:
    """Sections in the outcome that can be compared (every treatment option has facts), in the outcome's order."""
    return [s.id for s in outcome.sections if bundle.content[s.id].front.comparison is not None]


def starting_options(bundle: Bundle, outcome: Outcome, answers: Mapping[str, Any]) -> list[str]:
    """The columns to start with: the baseline (rules/comparison.yaml), then what the person is open to.

    With nothing chosen as open, the first two other options in the results. Only a start:
    the person can add or remove any option.
    """
    offered = comparable_options(bundle, outcome)
    wanted = highlighted_options(bundle, answers)
    baseline = bundle.comparison_baseline
    others = [o for o in offered if o != baseline]
    chosen = [o for o in others if o in wanted] or others[:2]
    return ([baseline] if baseline in offered else []) + chosen


def comparison_table(bundle: Bundle, option_ids: Iterable[str], *,
                     answers: Mapping[str, Any] | None = None) -> ComparisonTable:
    """The grid for the chosen options: the figure row first, then the rows of rules/comparison.yaml.

    Raises ValueError for an option that has no comparison facts (a caller's mistake,
    never a reason to leave an option out quietly).
    """
    ids = list(dict.fromkeys(option_ids))
    facts = []
    for option_id in ids:
        content = bundle.content.get(option_id)
        if content is None or content.front.comparison is None:
            raise ValueError(f"{option_id!r} has no comparison facts; choose from sections with a comparison block")
        facts.append(content.front.comparison)
    # Only counted answers are worries, so there are none unless the concerns question exists.
    counted = person_path(bundle, answers or {}).effective
    worries = set(counted.get(CONCERNS_QUESTION) or ())
    rows = [_figure_row(bundle, ids, counted.get(AGE_QUESTION))] if ids else []
    rows += _cautions_row(bundle, ids, counted)
    for spec in bundle.comparison_rows:
        because = tuple(bundle.question_by_id[CONCERNS_QUESTION].label_for(code)
                        for code in spec.concerns if code in worries)
        rows.append(TableRow(spec.key, spec.question, tuple(getattr(f, spec.key) for f in facts),
                             highlighted=bool(because), because=because))
    columns = tuple(ComparisonColumn(option_id, f.option_label) for option_id, f in zip(ids, facts, strict=True))
    notes = tuple(note.text for note in bundle.comparison_notes if note.fires(counted))
    return ComparisonTable(columns, tuple(rows), notes)


def _figure_row(bundle: Bundle, ids: list[str], age: str | None) -> TableRow:
    """Each option's main finding: the benefit its picture draws, from a trial of the person's age range where
    there is one, with the measure named in the cell. One measure for the whole row (review 14, i14-2) put a
    ketamine-drip trial under esketamine and a 3-week ECT course under ECT, beside pictures of other trials."""
    cells = []
    for option in ids:
        benefits = [view for view in main_figures(bundle, option, age) if view.figure.kind == "benefit"]
        cells.append(_figure_cell(benefits[0]) if benefits else NO_FIGURE)  # lifestyle has no figure at all
    return TableRow(FIGURE_ROW, FIGURE_QUESTION, tuple(cells), highlighted=False)


CAVEAT_WORDS = {  # OutcomeFigure.caveats in the figure row: the same words for every option
    "knew_treatment": "People knew which treatment they got.",
    "rated_themselves": "They rated their own symptoms.",
    "maker_ran_it": "A drug company ran or paid for the trial.",
}


def comparison_pictures(bundle: Bundle, option_ids: Iterable[str], answers: Mapping[str, Any]) -> list[FigureView]:
    """The pictures under the comparison, on screen and in the files: each option's first benefit and harm, from
    a trial of the person's age range where there is one (the figure row's rule); a trial drawn once."""
    return _pictures(bundle, option_ids, answers)[0]


def pictures_not_drawn(bundle: Bundle, option_ids: Iterable[str], answers: Mapping[str, Any]) -> tuple[str, ...]:
    """What is not drawn, and why, said after the pictures (review 17, f17-1 and f17-2): a trial already drawn
    for another option, and the options with no harm figure (a harm drawn for some options only made those look
    like the risky ones)."""
    return _pictures(bundle, option_ids, answers)[1]


SAME_TRIAL = "{option}: the picture for {first} above is from the same trial, so it is not drawn twice."
NO_HARM_PICTURE = ("No picture of a possible harm for {names}: our sources give no number per 100 people for one. "
                   "That does not mean no side effects: see \"What side effects can it have?\" in the comparison.")


def _pictures(bundle: Bundle, option_ids: Iterable[str], answers: Mapping[str, Any]
              ) -> tuple[list[FigureView], tuple[str, ...]]:
    age = person_path(bundle, answers).effective.get(AGE_QUESTION)
    drawn: dict[tuple, tuple[FigureView, str]] = {}  # a trial's two arms, one key: Marcus 2008 for keeping and adding
    not_drawn: list[str] = []
    no_harm: list[str] = []
    for option in dict.fromkeys(option_ids):
        label = bundle.content[option].front.comparison.option_label
        views = main_figures(bundle, option, age)
        if not any(view.figure.kind == "harm" for view in views):
            no_harm.append(in_sentence(label))
        for view in views:
            f = view.figure
            trial = (f.source, f.outcome, frozenset((f.with_option, f.with_comparator)))
            if trial in drawn:
                not_drawn.append(SAME_TRIAL.format(option=label, first=in_sentence(drawn[trial][1])))
            else:
                drawn[trial] = (view, label)
    if no_harm:
        names = ", ".join(no_harm[:-1]) + " and " + no_harm[-1] if len(no_harm) > 1 else no_harm[0]
        not_drawn.append(NO_HARM_PICTURE.format(names=names))
    return [view for view, _ in drawn.values()], tuple(not_drawn)


def _figure_cell(view: FigureView) -> str:
    figure = view.figure
    compared = (f", compared with {per_100(figure.with_comparator)} with {figure.comparator_label}"
                if figure.with_comparator is not None else ", with no comparison group")
    # Two sentences, as under a picture: "(from a randomised trial (chance decided ...))" nested brackets.
    chance = " The gap could be chance." if figure.gap_may_be_chance else ""
    caveats = "".join(f" {CAVEAT_WORDS[caveat]}" for caveat in figure.caveats)
    # A trial of one age range (review 13, g13-3): beside the adults' figures, say whose this is.
    who = f" Who was studied: {figure.population.rstrip('.')}." if figure.ages else ""
    said = f"{per_100(figure.with_option)} {view.term.words} ({view.term.id})"
    said = f"With {in_sentence(figure.given)}, {said}" if figure.given else said[:1].upper() + said[1:]
    return (f"{said}{compared}, {figure.time_frame}. "
            f"This comes from {study_words(figure)}.{who}{caveats}{chance}")


def _cautions_row(bundle: Bundle, ids: list[str], counted: Mapping[str, Any]) -> list[TableRow]:
    """The cautions the person's answers bring into each option's section (pregnancy, age, psychosis...).

    A comparison read on its own must not hide them: they are named here, and read in full in the section.
    No row when no chosen option has one.
    """
    by_section = cautions_by_section(bundle, counted)
    labels = [[c.label for c in by_section[option]] for option in ids]
    if not any(labels):
        return []
    cells = tuple(_cautions_cell(found) if found else NO_CAUTION for found in labels)
    return [TableRow(CAUTIONS_ROW, CAUTIONS_QUESTION, cells, highlighted=False)]


def _cautions_cell(labels: list[str]) -> str:
    """'Yes: in pregnancy, ...; for people aged 60 and over. Read them ...' (the labels are headings)."""
    named = "; ".join(label[0].lower() + label[1:] for label in labels)
    them = "it" if len(labels) == 1 else "them"
    return f"Yes: {named}. Read {them} in the section on this option before you decide."


def highlighted_options(bundle: Bundle, answers: Mapping[str, Any]) -> set[str]:
    """Options whose kind the person said they are open to (highlight only, never a filter)."""
    open_to = set(person_path(bundle, answers).effective.get(OPEN_TO_QUESTION) or ())
    return {entry.id for entry in bundle.sections if open_to & set(entry.open_to)}
