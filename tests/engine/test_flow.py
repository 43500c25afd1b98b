"""The questionnaire flow: visibility (with cascades), what blocks Next, progress."""

from __future__ import annotations

import pytest

from engine.flow import (
    current_or_next_visible,
    effective_answers,
    hidden_answers,
    neighbour_step,
    progress,
    step_problems,
    visible_question_ids,
    visible_steps,
)

MEDICINE_FOLLOW_UPS = ["trial_dose", "trial_duration", "trial_adherence", "response_pattern",
                       "medication_classes", "augmentation_tried", "antidepressant_activation"]


def test_safety_question_is_first_and_always_visible(bundle):
    assert bundle.questions[0].id == "safety_thoughts"
    assert visible_question_ids(bundle, {})[0] == "safety_thoughts"
    assert "safety_thoughts" in visible_question_ids(bundle, {"age_group": "65_plus", "antidepressants_tried": "none"})


@pytest.mark.parametrize(("tried", "shown"), [("none", False), ("one", True), ("three_or_more", True)])
def test_medicine_follow_ups_depend_on_medicines_tried(bundle, tried, shown):
    visible = set(visible_question_ids(bundle, {"antidepressants_tried": tried}))
    assert all((q in visible) is shown for q in MEDICINE_FOLLOW_UPS)


def test_follow_ups_are_hidden_until_medicines_are_answered(bundle):
    assert not set(MEDICINE_FOLLOW_UPS) & set(visible_question_ids(bundle, {}))


@pytest.mark.parametrize(("age", "shown"), [("under_18", True), ("18_to_64", True), ("65_plus", False)])
def test_pregnancy_question_depends_on_age(bundle, age, shown):
    assert ("pregnancy" in visible_question_ids(bundle, {"age_group": age})) is shown


def test_hidden_answers_are_kept_but_not_counted(bundle):
    answers = {"antidepressants_tried": "none", "trial_dose": "not_all",
               "age_group": "65_plus", "pregnancy": "pregnant"}
    assert effective_answers(bundle, answers) == {"age_group": "65_plus", "antidepressants_tried": "none"}
    assert hidden_answers(bundle, answers) == {"trial_dose": "not_all", "pregnancy": "pregnant"}
    assert answers["trial_dose"] == "not_all"  # the store is never changed


def test_hiding_cascades_through_a_hidden_question(bundle, bundle_copy):
    """If B depends on A and C on B, hiding A hides C too (B counts as unanswered)."""
    from engine.bundle import load_bundle

    path = bundle_copy / "rules" / "questions.yaml"
    text = path.read_text()
    text = text.replace(
        "      - id: antidepressant_activation\n        type: single\n",
        "      - id: antidepressant_activation\n        type: single\n"
        "        visible_when: {q: trial_dose, op: answered}\n", 1)
    old_rule = "        visible_when: {q: antidepressants_tried, op: in, value: [one, two, three_or_more]}\n"
    options = "        options:\n          - {code: \"yes\""
    text = text.replace(old_rule + options, options, 1)
    path.write_text(text)
    cascaded = load_bundle(bundle_copy)
    answers = {"antidepressants_tried": "two", "trial_dose": "yes_all", "antidepressant_activation": "yes"}
    assert "antidepressant_activation" in visible_question_ids(cascaded, answers)
    answers["antidepressants_tried"] = "none"  # hides trial_dose, so its dependant goes too
    assert "antidepressant_activation" not in visible_question_ids(cascaded, answers)


def test_missing_required_answer_blocks_the_step(bundle):
    problems = step_problems(bundle, "about_you", {"role": "self"})
    assert [p.question_id for p in problems] == ["age_group"]
    assert "Age group" in problems[0].message
    assert step_problems(bundle, "about_you", {"role": "self", "age_group": "18_to_64"}) == []


def test_optional_questions_never_block(bundle):
    assert step_problems(bundle, "physical_health", {}) == []


def test_exclusive_choice_cannot_be_combined(bundle):
    problems = step_problems(bundle, "physical_health", {"physical_conditions": ["none", "heart"]})
    assert problems and "cannot be chosen with other answers" in problems[0].message


def test_steps_and_progress_follow_the_persons_path(bundle):
    all_ids = [s.id for s in bundle.steps]
    assert [s.id for s in visible_steps(bundle, {})] == all_ids
    assert progress(bundle, "safety", {}) == (1, len(all_ids) + 1)
    assert progress(bundle, "values", {}) == (len(all_ids), len(all_ids) + 1)
    assert neighbour_step(bundle, "safety", {}, -1) is None
    assert neighbour_step(bundle, "safety", {}, +1) == "about_you"
    assert neighbour_step(bundle, all_ids[-1], {}, +1) is None


def test_current_step_falls_forward_when_it_becomes_hidden(bundle, bundle_copy):
    from engine.bundle import load_bundle

    path = bundle_copy / "rules" / "questions.yaml"
    text = path.read_text().replace(
        "  - id: other_treatments\n    title: Other treatments you have tried\n",
        "  - id: other_treatments\n    title: Other treatments you have tried\n", 1)
    # Make every question of the medicines step depend on an earlier answer.
    text = text.replace(
        "      - id: antidepressants_tried\n        type: single\n        required: true\n",
        "      - id: antidepressants_tried\n        type: single\n        required: true\n"
        "        visible_when: {q: role, op: ne, value: clinician}\n", 1)
    path.write_text(text)
    branched = load_bundle(bundle_copy)
    answers = {"role": "clinician"}
    assert "medicines" not in [s.id for s in visible_steps(branched, answers)]
    assert current_or_next_visible(branched, "medicines", answers) == "other_treatments"
    assert neighbour_step(branched, "this_episode", answers, +1) == "other_treatments"
