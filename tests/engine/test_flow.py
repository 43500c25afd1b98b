"""The questionnaire flow: visibility (with cascades), what blocks Next, progress."""

from __future__ import annotations

import pytest

from engine.flow import asked, first_unfinished_step, person_path, step_problems
from tests.conftest import hidden_answers

MEDICINE_FOLLOW_UPS = ["trial_dose", "trial_duration", "trial_adherence", "response_pattern",
                       "medication_classes", "augmentation_tried"]


def test_a_high_on_an_antidepressant_is_asked_even_with_none_tried_this_time(bundle):
    """"Did you ever" is about any time: a switch into a high in an earlier episode is a strong bipolar clue,
    and matters most just before a first medicine this time (seventh pass, m7-6: it was hidden)."""
    assert "antidepressant_activation" in person_path(bundle, {"antidepressants_tried": "none"}).visible


@pytest.mark.parametrize(("role", "helper"), [(None, False), ("self", False), ("supporter", True), ("clinician", True)])
def test_a_helper_is_asked_the_age_of_the_person_they_answer_for(bundle, role, helper):
    """Review 13 (g13-4): a son answering for his mother of 74 read "What is your age group?" as his own; with
    his age every later-life caution went, and nothing showed it. A question with no helper's words keeps its own."""
    answers = {"role": role} if role else {}
    age = bundle.question_by_id["age_group"]
    assert asked(age, answers) == (age.label_for_helper if helper else age.label)
    assert asked(age, answers) == ("What is the age group of the person you are answering for?" if helper
                                   else "What is your age group?")
    region = bundle.question_by_id["region"]
    assert region.label_for_helper is None and asked(region, answers) == region.label


def test_safety_question_is_first_and_always_visible(bundle):
    assert bundle.questions[0].id == "safety_thoughts"
    assert person_path(bundle, {}).visible[0] == "safety_thoughts"
    assert "safety_thoughts" in person_path(bundle, {"age_group": "65_plus", "antidepressants_tried": "none"}).visible


@pytest.mark.parametrize(("tried", "shown"), [("none", False), ("one", True), ("three_or_more", True)])
def test_medicine_follow_ups_depend_on_medicines_tried(bundle, tried, shown):
    visible = set(person_path(bundle, {"antidepressants_tried": tried}).visible)
    assert all((q in visible) is shown for q in MEDICINE_FOLLOW_UPS)


def test_follow_ups_show_while_medicines_tried_is_unknown(bundle):
    """Unknown is not no: only an answer that rules them out ("None yet") hides them."""
    assert set(MEDICINE_FOLLOW_UPS) <= set(person_path(bundle, {}).visible)


def test_every_visibility_rule_shows_its_question_when_nothing_is_answered(bundle):
    assert list(person_path(bundle, {}).visible) == [q.id for q in bundle.questions]


@pytest.mark.parametrize(("age", "shown"), [(None, True), ("under_18", True), ("18_to_64", True),
                                            ("60_to_64", True), ("65_plus", False)])
def test_pregnancy_question_depends_on_age(bundle, age, shown):
    answers = {} if age is None else {"age_group": age}
    assert ("pregnancy" in person_path(bundle, answers).visible) is shown


def test_hidden_answers_are_kept_but_not_counted(bundle):
    answers = {"antidepressants_tried": "none", "trial_dose": "not_all",
               "age_group": "65_plus", "pregnancy": "pregnant"}
    assert person_path(bundle, answers).effective == {"age_group": "65_plus", "antidepressants_tried": "none"}
    assert hidden_answers(bundle, answers) == {"trial_dose": "not_all", "pregnancy": "pregnant"}
    assert answers["trial_dose"] == "not_all"  # the store is never changed


def _edit(path, old: str, new: str) -> None:
    """Replace exactly one occurrence, so a test can never pass on an edit that applied to nothing."""
    text = path.read_text()
    assert text.count(old) == 1, f"expected exactly one {old!r} in {path.name}"
    path.write_text(text.replace(old, new))


ACTIVATION = "  # review 19 (o19-9): \"wired\" unknown to some readers, and \"high\" read as drugs\n"  # one line, once


def test_a_hidden_answer_never_counts_for_later_visibility(bundle, bundle_copy):
    """C depends on B's answer; when A hides B, B's stored answer no longer counts for C (cascade)."""
    from engine.bundle import load_bundle

    _edit(bundle_copy / "rules" / "questions.yaml",
          ACTIVATION, ACTIVATION + "        visible_when: {not: {q: trial_dose, op: eq, value: yes_all}}\n")
    cascaded = load_bundle(bundle_copy)
    answers = {"antidepressants_tried": "two", "trial_dose": "yes_all"}
    assert "antidepressant_activation" not in person_path(cascaded, answers).visible
    answers["antidepressants_tried"] = "none"  # hides trial_dose, so its answer no longer hides the dependant
    assert "trial_dose" not in person_path(cascaded, answers).visible
    assert "antidepressant_activation" in person_path(cascaded, answers).visible


def test_missing_required_answer_blocks_the_step(bundle):
    problems = step_problems(bundle, "about_you", {"role": "self"})
    assert [p.question_id for p in problems] == ["age_group"]
    assert problems[0].message == "Please choose an answer to go on."  # shown under the age question itself
    assert step_problems(bundle, "about_you", {"role": "self", "age_group": "25_to_59"}) == []


HALF_WAY = {"safety_thoughts": "no", "region": "uk", "role": "self", "age_group": "25_to_59",
            "episode_duration": "6_to_24_months", "antidepressants_tried": "two"}


def test_the_first_unfinished_step_is_the_first_one_next_would_refuse(bundle):
    """A file saved half-way opens there, and the results wait for it (mood highs: the bipolar screen)."""
    assert first_unfinished_step(bundle, {}) == "safety"
    assert first_unfinished_step(bundle, HALF_WAY) == "mood_history"  # medicines and other treatments are optional
    done = {**HALF_WAY, "mood_highs": "no"}
    assert first_unfinished_step(bundle, done) is None
    assert first_unfinished_step(bundle, {**done, "physical_conditions": ["none", "heart"]}) == "physical_health"
    assert first_unfinished_step(bundle, {**done, "age_group": None}) == "about_you"


def test_at_most_three_priorities(bundle):
    three = ["speed", "fewer_side_effects", "less_time"]
    assert step_problems(bundle, "values", {"priorities": three}) == []
    problems = step_problems(bundle, "values", {"priorities": [*three, "strong_evidence"]})
    assert [(p.question_id, p.message) for p in problems] == [("priorities", "Please choose no more than 3.")]


def test_a_refused_next_is_calm_and_never_repeats_the_safety_question(bundle):
    """Shown under its own question in red: the safety question's wording must not be repeated there, and
    the person is told that "I'd rather not say" is an answer too. Other questions get the plain reminder."""
    problems = {p.question_id: p.message for p in step_problems(bundle, "safety", {})}
    safety = bundle.question_by_id["safety_thoughts"]
    assert problems["safety_thoughts"] == ("Please choose an answer to go on. You can choose "
                                           f"\"{safety.label_for('prefer_not_to_say')}\".")
    assert problems["region"] == "Please choose an answer to go on."
    for message in problems.values():
        assert safety.short.lower() not in message.lower() and "dead" not in message


def test_optional_questions_never_block(bundle):
    assert step_problems(bundle, "physical_health", {}) == []


def test_exclusive_choice_cannot_be_combined(bundle):
    problems = step_problems(bundle, "physical_health", {"physical_conditions": ["none", "heart"]})
    assert problems and "cannot be chosen with other answers" in problems[0].message


def test_steps_and_progress_follow_the_persons_path(bundle):
    all_ids = [s.id for s in bundle.steps]
    assert person_path(bundle, {}).step_ids == all_ids
    assert person_path(bundle, {}).progress("safety") == (1, len(all_ids) + 1)
    assert person_path(bundle, {}).progress("values") == (len(all_ids), len(all_ids) + 1)
    assert person_path(bundle, {}).neighbour(bundle, "safety", -1) is None
    assert person_path(bundle, {}).neighbour(bundle, "safety", +1) == "about_you"
    assert person_path(bundle, {}).neighbour(bundle, all_ids[-1], +1) is None


def test_current_step_falls_forward_when_it_becomes_hidden(bundle, bundle_copy):
    from engine.bundle import load_bundle

    # Make both questions of the other-treatments step depend on an earlier answer.
    for qid in ("psychotherapy_tried", "procedures_tried"):
        _edit(bundle_copy / "rules" / "questions.yaml", f"      - id: {qid}\n",
              f"      - id: {qid}\n        visible_when: {{not: {{q: role, op: eq, value: clinician}}}}\n")
    branched = load_bundle(bundle_copy)
    answers = {"role": "clinician"}
    assert "other_treatments" not in person_path(branched, answers).step_ids
    assert person_path(branched, answers).here_or_next(branched, "other_treatments") == "mood_history"
    assert person_path(branched, answers).neighbour(branched, "medicines", +1) == "mood_history"
