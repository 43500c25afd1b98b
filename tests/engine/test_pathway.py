"""engine/pathway.py: the treatment-path picture and its text equivalent (pure, no Streamlit)."""

from __future__ import annotations

import re

from engine.evaluate import evaluate
from engine.pathway import STEPS, build_pathway
from tests.ui.conftest import persona


def _path(bundle, answers):
    return build_pathway(bundle, evaluate(bundle, answers))


def test_text_equivalent_has_one_sentence_per_step_in_order(bundle):
    path = _path(bundle, persona(bundle, "two_inadequate_trials").answers)
    steps = [s for s in path.text if s.startswith("Step ")]
    assert [s.split(",")[0] for s in steps] == [f"Step {i}" for i in range(1, len(STEPS) + 1)]
    assert all(s.endswith(".") for s in path.text)
    # Two trials that were not fair: step 2 is not "checked", and the results point to it.
    dose = path.steps[1]
    assert dose.status == "not_yet" and dose.pointed


def test_tried_comes_only_from_counted_answers(bundle):
    # procedures_tried is always visible; augmentation_tried is hidden when no antidepressant was tried.
    answers = {"safety_thoughts": "no", "region": "uk", "antidepressants_tried": "none",
               "augmentation_tried": ["lithium"], "procedures_tried": ["tms"]}
    by_id = {s.id: s for s in _path(bundle, answers).steps}
    assert by_id["switch_augment"].status == "not_yet"  # the lithium answer is hidden, so it does not count
    assert by_id["neuromodulation"].status == "tried"
    assert by_id["first_antidepressant"].status == "not_yet"


def test_pointed_steps_follow_the_sections_in_the_results(bundle):
    answers = persona(bundle, "long_highly_resistant").answers
    outcome = evaluate(bundle, answers)
    path = build_pathway(bundle, outcome)
    titles = {s.title for s in outcome.sections}
    for step in path.steps:
        assert set(step.pointed_by) <= titles
    assert {s.id for s in path.steps if s.pointed} >= {"neuromodulation", "specialist"}


def test_crisis_adds_a_safety_note_first(bundle):
    path = _path(bundle, persona(bundle, "crisis_answer").answers)
    assert path.text[0].startswith("Your safety comes first")
    assert "safety [label=" in path.dot


def test_dot_is_well_formed_and_never_colour_only(bundle):
    path = _path(bundle, persona(bundle, "older_several_trials").answers)
    assert path.dot.startswith("digraph treatment_path {") and path.dot.rstrip().endswith("}")
    assert path.dot.count("{") == path.dot.count("}")
    for step in path.steps:
        line = next(line for line in path.dot.splitlines() if line.strip().startswith(f"{step.id} [label="))
        if step.pointed:
            assert "YOUR RESULTS POINT HERE" in line and "bold" in line
        if step.status == "tried":
            assert "TRIED" in line
    # Every double quote inside a label is escaped.
    for label in re.findall(r'label="((?:[^"\\]|\\.)*)"', path.dot):
        assert '"' not in label.replace('\\"', "")
