"""The treatment-path picture: the usual steps, what the person has tried, where results point.

Pure: `build_pathway(bundle, outcome)` returns a Graphviz DOT string (no graphviz
package needed; Streamlit draws it in the browser) and a text equivalent, one plain
sentence per step, in order, for screen readers and for anyone who prefers words.

What counts as "tried" comes only from the person's counted answers (hidden answers
never count, because `outcome.answers` holds the effective answers); what is
"pointed to" comes only from the section ids the rules selected. The tables below
are the whole mapping, so a clinical reviewer can read it in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.bundle import Bundle
from engine.evaluate import Outcome, describe_answer

ANY_TRIAL = ("one", "two", "three_or_more")
MORE_THAN_ONE = ("two", "three_or_more")
ADD_ONS = ("lithium", "antipsychotic", "thyroid_hormone", "second_antidepressant")
PROCEDURES = ("ect", "tms", "esketamine_ketamine")


@dataclass(frozen=True)
class StepSpec:
    id: str
    label: str
    detail: str  # one short line under the label in the picture
    sections: tuple[str, ...]  # section ids that point to this step


STEPS: tuple[StepSpec, ...] = (
    StepSpec("first_antidepressant", "First antidepressant", "one medicine, reviewed after a few weeks", ()),
    StepSpec("dose_duration", "Dose and duration check", "a fair trial: planned dose, 6+ weeks, taken as planned",
             ("adequate_trial", "keep_current_treatment", "pharmacogenomics")),
    StepSpec("switch_augment", "Switch or add a medicine", "a different antidepressant, or an add-on",
             ("switching_medication", "augmentation")),
    StepSpec("psychotherapy", "Talking therapy", "structured therapy such as CBT, alongside or instead",
             ("psychotherapy",)),
    StepSpec("neuromodulation", "Brain stimulation and esketamine", "TMS, ECT, esketamine or ketamine",
             ("tms", "ect", "esketamine_ketamine")),
    StepSpec("specialist", "Specialist options", "VNS or DBS implants, research studies",
             ("other_neuromodulation", "emerging_treatments")),
)

# Ordinary flow (solid) and the common "alongside" links (dashed).
EDGES: tuple[tuple[str, str, str], ...] = (
    ("first_antidepressant", "dose_duration", "solid"),
    ("dose_duration", "switch_augment", "solid"),
    ("switch_augment", "neuromodulation", "solid"),
    ("neuromodulation", "specialist", "solid"),
    ("dose_duration", "psychotherapy", "dashed"),
    ("psychotherapy", "neuromodulation", "dashed"),
)

TRIED, PARTLY, CHECKED, NOT_YET = "tried", "partly", "checked", "not_yet"

# Picture styles: never colour alone; every state also has a word and a border style.
_STYLE = {
    "plain": 'style="rounded,filled" fillcolor="#ffffff" color="#5f6368" penwidth=1',
    "tried": 'style="rounded,filled" fillcolor="#e6e6e6" color="#3c4043" penwidth=1.5',
    "pointed": 'style="rounded,filled,bold" fillcolor="#fff4c2" color="#8a5a00" penwidth=3',
    "both": 'style="rounded,filled,bold" fillcolor="#fff4c2" color="#8a5a00" penwidth=3',
    "safety": 'style="rounded,filled,bold" fillcolor="#fde7e9" color="#a50e0e" penwidth=3',
}


@dataclass(frozen=True)
class PathStep:
    id: str
    label: str
    status: str  # tried | partly | checked | not_yet
    status_text: str  # e.g. "You have tried this: Two antidepressants"
    pointed: bool
    pointed_by: tuple[str, ...]  # section titles in the results that point here


@dataclass(frozen=True)
class Pathway:
    dot: str
    text: tuple[str, ...]  # ordered plain sentences, the text equivalent of the picture
    steps: tuple[PathStep, ...]


def build_pathway(bundle: Bundle, outcome: Outcome) -> Pathway:
    answers = outcome.answers
    titles = {section.id: section.title for section in outcome.sections}
    steps = []
    for spec in STEPS:
        status, status_text = _status(bundle, spec.id, answers)
        pointed_by = tuple(titles[s] for s in spec.sections if s in titles)
        steps.append(PathStep(spec.id, spec.label, status, status_text, bool(pointed_by), pointed_by))
    return Pathway(dot=_dot(steps, outcome.crisis), text=_text(steps, outcome.crisis), steps=tuple(steps))


def _status(bundle: Bundle, step_id: str, answers: Mapping[str, Any]) -> tuple[str, str]:
    def said(qid: str) -> str:
        return describe_answer(bundle, qid, answers[qid])

    tried_count = answers.get("antidepressants_tried")
    if step_id == "first_antidepressant":
        if tried_count in ANY_TRIAL:
            return TRIED, f"You have tried this. Antidepressants tried: {said('antidepressants_tried')}."
        return NOT_YET, "Not tried yet, from your answers."
    if step_id == "dose_duration":
        if tried_count not in ANY_TRIAL:
            return NOT_YET, "Not reached yet, from your answers."
        if answers.get("trial_dose") == "yes_all" and answers.get("trial_duration") == "yes_all":
            return CHECKED, "You said each medicine reached the planned dose for at least 6 weeks."
        return NOT_YET, "Not sure yet that each medicine had a fair trial, from your answers."
    if step_id == "switch_augment":
        done = []
        if tried_count in MORE_THAN_ONE:
            done.append(f"antidepressants tried: {said('antidepressants_tried')}")
        add_ons = [code for code in answers.get("augmentation_tried") or () if code in ADD_ONS]
        if add_ons:
            done.append("add-on medicines: " + describe_answer(bundle, "augmentation_tried", add_ons))
        if done:
            text = "; ".join(done)
            return TRIED, f"You have tried this. {text[0].upper()}{text[1:]}."
        return NOT_YET, "Not tried yet, from your answers."
    if step_id == "psychotherapy":
        therapy = answers.get("psychotherapy_tried")
        if therapy == "structured":
            return TRIED, f"You have tried this. Talking therapy: {said('psychotherapy_tried')}."
        if therapy == "some_counselling":
            return PARTLY, "Partly tried: you have had some counselling, but not a structured therapy."
        return NOT_YET, "Not tried yet, from your answers."
    if step_id == "neuromodulation":
        procedures = [code for code in answers.get("procedures_tried") or () if code in PROCEDURES]
        if procedures:
            return TRIED, f"You have tried this: {describe_answer(bundle, 'procedures_tried', procedures)}."
        return NOT_YET, "Not tried yet, from your answers."
    return NOT_YET, "Not tried yet, from your answers."


_STATUS_WORD = {TRIED: "TRIED", PARTLY: "PARTLY TRIED", CHECKED: "CHECKED", NOT_YET: ""}


def _dot(steps: list[PathStep], crisis: bool) -> str:
    spec_by_id = {spec.id: spec for spec in STEPS}
    lines = [
        "digraph treatment_path {",
        '  graph [rankdir=TB, bgcolor="transparent", nodesep=0.4, ranksep=0.35, '
        'fontname="Helvetica", label="", tooltip="Treatment path"];',
        '  node [shape=box, fontname="Helvetica", fontsize=11, margin="0.18,0.08", width=3.2];',
        '  edge [color="#5f6368", arrowsize=0.7];',
    ]
    if crisis:
        lines.append(f'  safety [label="{_esc("Your safety first: talk to someone today")}\\n'
                     f'{_esc("(the crisis lines are at the top of the page)")}", {_STYLE["safety"]}];')
        lines.append('  safety -> first_antidepressant [style=invis];')
    for number, step in enumerate(steps, 1):
        marks = [_STATUS_WORD[step.status]] if _STATUS_WORD[step.status] else []
        if step.pointed:
            marks.append("YOUR RESULTS POINT HERE")
        label = f"{number}. {_esc(step.label)}\\n{_esc(spec_by_id[step.id].detail)}"
        if marks:
            label += "\\n" + _esc(" · ".join(marks))
        tried = step.status in (TRIED, CHECKED, PARTLY)
        style = "both" if tried and step.pointed else "pointed" if step.pointed else "tried" if tried else "plain"
        check = "\u2713 " if tried else ""
        lines.append(f'  {step.id} [label="{_esc(check)}{label}", {_STYLE[style]}];')
    for source, target, kind in EDGES:
        extra = ', label=" alongside ", fontsize=9, fontcolor="#5f6368"' if kind == "dashed" else ""
        lines.append(f"  {source} -> {target} [style={kind}{extra}];")
    lines.append("}")
    return "\n".join(lines)


def _text(steps: list[PathStep], crisis: bool) -> tuple[str, ...]:
    sentences = []
    if crisis:
        sentences.append("Your safety comes first: please talk to someone today. "
                         "The crisis lines are at the top of the page.")
    sentences.append(f"The usual path has {len(steps)} steps. Talking therapy can be added at any point.")
    for number, step in enumerate(steps, 1):
        sentence = f"Step {number}, {step.label}: {step.status_text}"
        if step.pointed:
            quoted = "; ".join(f"\u201c{title}\u201d" for title in step.pointed_by)
            sentence += f" Your results point here: {quoted}."
        sentences.append(sentence)
    return tuple(sentences)


def _esc(text: str) -> str:
    """Escape text for a double-quoted DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
