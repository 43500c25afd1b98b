"""A clinician's demo person: all made up, a mix after hand edits, or none left (SAFETY.md S18, review 11 k11-1)."""

from __future__ import annotations

import json

import pytest

from engine.answers import DEMO_KEY, named_demo_persona, parse_answer_text, to_saved_progress
from engine.demo import demo_origin
from engine.flow import person_path
from engine.summary import build_summary
from tests.engine.test_summary import DAY


@pytest.fixture
def chris(bundle):
    return bundle.personas.find("crisis_answer")


def origin(bundle, persona, answers):
    return demo_origin(persona, answers, person_path(bundle, answers).effective)


def test_a_persona_s_own_answers_are_labelled_wholly_fictional_with_no_answer_marked(bundle, chris):
    demo = origin(bundle, chris, chris.answers)
    assert demo.whole and demo.label.startswith(f"Fictional demo person: {chris.name}. These answers are made up")
    assert not any(demo.marks(qid) for qid in chris.answers)  # labelled once, at the top
    summary = build_summary(bundle, chris.answers, chosen_options=[], notes="", created_on=DAY, demo_persona=chris)
    assert not any("made up" in row.answer for row in summary.answers)


def test_one_hand_edit_keeps_a_label_that_counts_the_made_up_answers_left(bundle, chris):
    edited = {**chris.answers, "age_group": "60_to_64"}
    demo = origin(bundle, chris, edited)
    counted = person_path(bundle, edited).effective
    still = {qid for qid, value in chris.answers.items() if counted.get(qid) == value}
    assert not demo.whole and demo.kept == still and "age_group" not in still and "safety_thoughts" in still
    assert demo.heading == f"Started from a fictional demo person: {chris.name}."
    assert demo.note.startswith(f"{len(still)} of these answers are still the demo's made-up answers")
    assert "use Start again" in demo.note
    assert demo.marks("safety_thoughts") and not demo.marks("age_group")
    assert demo.footer == "Started from a fictional demo person: some answers are made up."


def test_an_added_answer_alone_is_not_an_edit_of_a_made_up_one(bundle, chris):
    """A clinician who adds an answer the persona left blank still has every made-up answer on screen."""
    unanswered = next(q.id for q in bundle.questions if q.id not in chris.answers and q.type == "single")
    added = {**chris.answers, unanswered: bundle.question_by_id[unanswered].codes[0]}
    demo = origin(bundle, chris, added)
    assert demo is not None and not demo.whole and "safety_thoughts" in demo.kept


def test_once_every_made_up_answer_is_changed_or_hidden_the_answers_are_a_real_person_s(bundle, chris):
    real = {"safety_thoughts": "no", "region": "uk"}
    assert origin(bundle, chris, real) is None
    assert origin(bundle, None, chris.answers) is None  # no persona: never labelled
    summary = build_summary(bundle, real, chosen_options=[], notes="", created_on=DAY, demo_persona=chris)
    assert summary.demo is None and summary.demo_label is None


def test_a_made_up_answer_the_person_can_no_longer_see_is_not_counted(bundle):
    """Hidden answers reach no screen or file, so they are not "still made up" (older_several_trials has one)."""
    older = bundle.personas.find("older_several_trials")
    counted = person_path(bundle, older.answers).effective
    hidden = set(older.answers) - set(counted)
    assert hidden  # the persona keeps a pregnancy answer its age group hides
    assert origin(bundle, older, older.answers).kept == frozenset(counted)


def test_the_saved_file_names_the_demo_person_and_reads_back(bundle, chris):
    edited = {**chris.answers, "age_group": "60_to_64"}
    text = to_saved_progress(edited, bundle.content_version, demo_persona=chris.id)
    assert json.loads(text)[DEMO_KEY] == chris.id
    assert parse_answer_text(text, bundle.question_by_id) == (edited, [])
    assert named_demo_persona(text.encode()) == chris.id
    plain = to_saved_progress(edited, bundle.content_version)
    assert DEMO_KEY not in json.loads(plain) and named_demo_persona(plain.encode()) is None


@pytest.mark.parametrize("value", [{"id": "x"}, "x" * 65, "line\nbreak"])
def test_a_demo_person_field_that_is_not_one_short_line_refuses_the_file(bundle, value):
    data = json.dumps({"schema_version": 1, "answers": {"safety_thoughts": "no"}, DEMO_KEY: value})
    answers, problems = parse_answer_text(data, bundle.question_by_id)
    assert [p.kind for p in problems] == ["file"] and f"{DEMO_KEY} must be one short line" in problems[0].message
