"""Answer sets: accepted forms and clear messages for what is wrong."""

from __future__ import annotations

import json

import pytest

from engine.answers import MAX_ANSWER_BYTES, parse_answer_text, to_saved_progress


def test_yaml_answers_with_yes_and_no_codes(bundle):
    answers, problems = parse_answer_text("safety_thoughts: no\nmood_highs: yes\nopen_to: [lifestyle]\n",
                                          bundle.question_by_id)
    assert problems == []
    assert answers == {"safety_thoughts": "no", "mood_highs": "yes", "open_to": ["lifestyle"]}


def test_saved_progress_round_trip(bundle):
    original = {"safety_thoughts": "no", "region": "nz", "current_stressors": ["money", "housing"]}
    text = to_saved_progress(original, bundle.content_version)
    answers, problems = parse_answer_text(text, bundle.question_by_id)
    assert problems == [] and answers == original


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('{"region": "mars"}', "region: 'mars' is not an allowed code; allowed codes: us, uk"),
        ('{"region": ["us"]}', "region: takes one code, found a list; allowed codes: us"),
        ('{"open_to": "lifestyle"}', "open_to: takes a list of codes"),
        ('{"open_to": ["flying"]}', "open_to: 'flying' not allowed; allowed codes: medication_change"),
        ('{"open_to": ["lifestyle", "lifestyle"]}', "lists a code twice"),
        ('{"priorities": ["speed", "less_time", "fewer_side_effects", "strong_evidence"]}',
         "priorities: takes at most 3 codes, found 4"),
        ('{"other_conditions": ["anxiety", "none"]}', "other_conditions: 'none' cannot be listed with other codes"),
        ('{"favourite_colour": "blue"}', "'favourite_colour' is not a question id"),
        ('{"safety_thoughts": true}', "safety_thoughts: takes one code, found True"),
        ("[1, 2, 3]", "expected a mapping"),
        ("{not json: [", "not valid YAML or JSON"),
        ('{"schema_version": 99, "answers": {}}', "schema_version 99 is not supported"),
        ('{"schema_version": 1, "answers": [], "x": 1}', "unknown key(s) in saved-progress file: x"),
        ('{"schema_version": 1, "answers": []}', "'answers' must be a mapping"),
        ("a: 1\na: 2\n", "'a' appears twice"),
        ("[" * 5000 + "]" * 5000, "nested too deeply"),
    ],
)
def test_invalid_answers_say_what_and_where(bundle, text, fragment):
    answers, problems = parse_answer_text(text, bundle.question_by_id)
    assert answers == {}
    assert any(fragment in str(p) for p in problems), [str(p) for p in problems]


def test_oversized_file_is_refused_before_parsing(bundle):
    answers, problems = parse_answer_text(json.dumps({"x": "y" * MAX_ANSWER_BYTES}), bundle.question_by_id)
    assert answers == {} and "larger than" in str(problems[0])


def test_every_problem_is_reported_at_once(bundle):
    _, problems = parse_answer_text('{"region": "mars", "age_group": "ancient", "x": 1}', bundle.question_by_id)
    assert len(problems) == 3


def test_a_saved_file_with_the_apps_random_export_id_is_read_by_the_engine_too(bundle):
    """The app writes a random export_id (so a download's address cannot be derived); evaluate accepts it."""
    text = to_saved_progress({"safety_thoughts": "no", "region": "uk"}, bundle.content_version,
                             export_id="4f1c0e9a2b7d4c55a1e2f3b4c5d6e7f8")
    answers, problems = parse_answer_text(text, bundle.question_by_id)
    assert problems == [] and answers == {"safety_thoughts": "no", "region": "uk"}
