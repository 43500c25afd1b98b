"""The treatment-path picture and the same path in words, drawn from rules/path.yaml.

Pure: `build_pathway(bundle, outcome)` returns a Graphviz DOT string (Streamlit draws it
in the browser), one plain sentence per note and step, and each step's status. A step's
status is the first of its statuses whose `when` holds for the counted answers (hidden
answers never count); the results include information about a step when they include one
of its sections. A note is shown when the results include one of its sections or its
`when` holds.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from itertools import pairwise

from engine.bundle import Bundle
from engine.conditions import holds
from engine.evaluate import Outcome, describe_answer

STATUS_MARK = {"tried": "TRIED", "partly": "PARTLY TRIED", "checked": "CHECKED", "not_yet": ""}
# Never colour alone: every state also has a mark and a border style.
_STYLE = {
    "plain": 'style="rounded,filled" fillcolor="#ffffff" color="#5f6368" penwidth=1',
    "tried": 'style="rounded,filled" fillcolor="#e6e6e6" color="#3c4043" penwidth=1.5',
    "pointed": 'style="rounded,filled,bold" fillcolor="#fff4c2" color="#8a5a00" penwidth=3',
    "note": 'style="rounded,filled,bold" fillcolor="#fde7e9" color="#a50e0e" penwidth=3',
}
WRAP = 28  # characters per line in the picture, so that it stays one narrow column on a phone


@dataclass(frozen=True)
class PersonStep:
    """One step of rules/path.yaml (models.PathStep) as it stands for this person: its status in words."""

    id: str
    number: int | None  # None for an optional extra
    status: str  # tried | partly | checked | not_yet
    status_text: str  # e.g. "You have tried this: ECT (electroconvulsive therapy)."
    pointed_by: tuple[str, ...]  # titles of the result sections with information about this step


@dataclass(frozen=True)
class Pathway:
    dot: str
    text: tuple[str, ...]  # ordered plain sentences, the text equivalent of the picture
    steps: tuple[PersonStep, ...]
    notes: tuple[str, ...]  # the notes that apply, in words: the results page and the summaries give them first


def build_pathway(bundle: Bundle, outcome: Outcome) -> Pathway:
    path = bundle.path
    said = {qid: describe_answer(bundle, qid, value) for qid, value in outcome.answers.items()}
    titles = {section.id: section.title for section in outcome.sections}
    shown = {section.id for section in outcome.sections}
    notes = [note for note in path.notes if shown.intersection(note.sections)
             or (note.when is not None and holds(note.when, outcome.answers))]
    steps, number = [], 0
    for spec in path.steps:
        status = next(s for s in spec.statuses if holds(s.when, outcome.answers))
        number += not spec.optional
        steps.append(PersonStep(spec.id, None if spec.optional else number, status.status, status.text.format_map(said),
                                tuple(titles[s] for s in spec.sections if s in titles)))
    text = [note.text for note in notes] + [f"The usual path has {number} steps. {path.intro}"]
    for spec, step in zip(path.steps, steps, strict=True):
        where = f"Step {step.number}" if step.number else "Optional extra"
        quoted = "; ".join(f"\u201c{title}\u201d" for title in step.pointed_by)
        text.append(f"{where}, {spec.label}: {step.status_text}" + (f" {path.pointed}: {quoted}." if quoted else ""))
    return Pathway(_dot(bundle, notes, steps), tuple(text), tuple(steps), tuple(note.text for note in notes))


def _dot(bundle: Bundle, notes: list, steps: list[PersonStep]) -> str:
    path = bundle.path
    lines = [
        "digraph treatment_path {",
        '  graph [rankdir=TB, bgcolor="transparent", nodesep=0.25, ranksep=0.3, tooltip="Treatment path"];',
        '  node [shape=box, fontname="Helvetica", fontsize=12, margin="0.12,0.06", width=2.6];',
        '  edge [color="#5f6368", arrowsize=0.7, fontname="Helvetica", fontsize=11, fontcolor="#3c4043"];',
    ]
    lines += [f'  {note.id} [label="{_wrap(note.label)}", {_STYLE["note"]}];' for note in notes]
    for step, spec in zip(steps, path.steps, strict=True):
        tried = step.status != "not_yet"
        head = f"\u2713 {step.number}. " if tried else f"{step.number}. " if step.number else "Optional: "
        marks = [STATUS_MARK[step.status]] * tried + [path.pointed] * bool(step.pointed_by)
        label = "\\n".join([_wrap(head + spec.label), _wrap(spec.detail)] + [_wrap(mark) for mark in marks])
        style = _STYLE["pointed" if step.pointed_by else "tried" if tried else "plain"]
        style = style.replace("filled", "filled,dashed") if spec.optional else style  # optional: a dashed border
        lines.append(f'  {step.id} [label="{label}", {style}];')
    order = [note.id for note in notes] + [step.id for step in steps]
    lines += [f"  {a} -> {b} [style=invis, weight=10];" for a, b in pairwise(order)]
    for edge in path.edges:
        extra = f', label=" {_esc(edge.label)} "' if edge.label else ""
        lines.append(f"  {edge.source} -> {edge.target} [style={edge.style}, constraint=false{extra}];")
    lines.append("}")
    return "\n".join(lines)


def _wrap(text: str) -> str:
    return "\\n".join(_esc(line) for line in textwrap.wrap(text, WRAP))


def _esc(text: str) -> str:
    """Escape text for a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')
