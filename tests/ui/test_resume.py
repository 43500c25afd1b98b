"""Save and resume: a saved-progress file brings the answers back; a bad file changes nothing."""

from __future__ import annotations

import json
import re

import pytest

from components.upload import apply_upload
from engine.answers import MAX_ANSWER_BYTES, to_saved_progress
from tests.ui.apptest_driver import nav
from tests.ui.conftest import load_persona, persona, run, saved_file, text_of, titles

SAVED = {"safety_thoughts": "no", "region": "ie", "role": "self", "age_group": "18_to_64",
         "episode_duration": "over_2_years", "antidepressants_tried": "two", "response_pattern": "partial",
         "medication_classes": ["ssri", "snri"], "mood_highs": "no", "priorities": ["speed"]}

BAD_FILES = {
    "not JSON": (b"this is not json {", "its text is broken or cut short, near line 1"),
    "cut short on line 3": (b'{"schema_version": 1,\n "answers": {\n "region": "u', "broken or cut short, near line 3"),
    "a number too long to read": (b'{"schema_version": ' + b"9" * 5000 + b"}", "its text could not be read"),
    "not text": (b"\xff\xfe\x00\x81\x00binary", "not text"),
    "wrong schema_version": (saved_file({"region": "uk"}) .replace(b'"schema_version": 1', b'"schema_version": 99'),
                             "another version of TRD Navigator"),
    "unknown question id": (saved_file({"region": "uk", "favourite_colour": "blue"}),
                            "a question this tool does not ask: favourite_colour"),
    "unknown code": (saved_file({"region": "mars"}), "is not one of the choices"),
    "wrong type": (saved_file({"medication_classes": "ssri"}), "is not one of the choices"),
    "oversized": (saved_file({"region": "uk"}, saved_on="x" * (MAX_ANSWER_BYTES + 10)), "too big"),
    "a list, not a mapping": (b'["region", "uk"]', "not laid out like a saved-progress file"),
    "empty": (saved_file({}), "holds no answers"),
    "duplicate key": (b'{"schema_version": 1, "answers": {"region": "uk", "region": "us"}}',
                      "not laid out like a saved-progress file"),
    "a FHIR file": (b'{"resourceType": "QuestionnaireResponse", "status": "completed"}', "health record (FHIR)"),
}


def _upload(at, name, data, where="start"):
    uploader = at.file_uploader[0]
    uploader.set_value((name, data, "application/json"))
    return run(at)


def _answer_first_screen(at):
    at.radio(key="w__safety_thoughts").set_value("no")
    run(at)
    at.radio(key="w__region").set_value("uk")
    return run(at)


def test_valid_file_on_the_first_screen_restores_answers_and_opens_review(at):
    assert titles(at) == ["First, your safety"]
    assert at.file_uploader[0].allowed_type == [".json"]
    _upload(at, "progress.json", to_saved_progress(SAVED, "2026.11").encode())
    assert titles(at) == ["Check your answers"]
    page = text_of(at)
    assert "Your saved answers are back (10 answers)" in page
    assert "Ireland" in page and "Two" in page and "That it could work quickly" in page
    # The uploader is empty again, so the file is not applied a second time on later reruns.
    assert not at.file_uploader[0].value
    at.button(key="edit_safety").click()
    run(at)
    at.radio(key="w__region").set_value("uk")
    run(at)
    run(at)
    assert at.radio(key="w__region").value == "uk"
    nav(at, "nav_next").click()  # back to review after an edit
    run(at)
    assert "Where you live:** United Kingdom" in text_of(at) and "Where you live:** Ireland" not in text_of(at)


def test_bare_answer_mapping_is_accepted_too(at):
    _upload(at, "answers.json", json.dumps(SAVED).encode())
    assert titles(at) == ["Check your answers"]


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_invalid_file_shows_a_message_and_changes_nothing(at, case):
    data, expected = BAD_FILES[case]
    _answer_first_screen(at)
    _upload(at, "progress.json", data)
    assert titles(at) == ["First, your safety"]
    assert any("nothing was changed" in e.value.lower() for e in at.error)
    assert expected in text_of(at)
    # The answers are exactly as before.
    assert at.radio(key="w__safety_thoughts").value == "no"
    assert at.radio(key="w__region").value == "uk"
    nav(at, "nav_next").click()
    run(at)
    assert titles(at) == ["About you"]
    assert not at.error  # the message goes once the person moves on


def test_invalid_file_on_the_review_page_keeps_the_persona_answers(at, bundle):
    load_persona(at, "postpartum")
    nav(at, "nav_back").click()
    run(at)
    assert titles(at) == ["Check your answers"]
    _upload(at, "progress.json", saved_file({"region": "uk", "nope": 1}))
    assert titles(at) == ["Check your answers"]
    assert "a question this tool does not ask: nope" in text_of(at)
    assert "I had a baby in the past year" in text_of(at)
    # A valid file on the review page replaces the answers.
    _upload(at, "progress.json", to_saved_progress(SAVED, "x").encode())
    assert "Ireland" in text_of(at)
    assert "I had a baby in the past year" not in text_of(at)


def test_file_text_is_shown_as_plain_text_never_as_markup(at):
    _upload(at, "progress.json", saved_file({"<img src=x onerror=alert(1)>**bold**": "x"}))
    assert any("<img" in c.value for c in at.code)
    assert not any("<img" in m.value for m in at.markdown)
    assert not any("<img" in e.value for e in at.error)


def test_save_file_round_trips_through_upload(at, bundle):
    answers = persona(bundle, "long_highly_resistant").answers
    restored, messages = apply_upload(to_saved_progress(answers, bundle.content_version).encode(),
                                      bundle.question_by_id)
    assert restored == answers
    assert messages[0].startswith("Your saved answers are back")


def test_apply_upload_checks_size_before_parsing(bundle):
    big = b"{" + b" " * MAX_ANSWER_BYTES + b"}"
    restored, messages = apply_upload(big, bundle.question_by_id)
    assert restored is None and "too big" in messages[0]


# Words meant for developers, never for the person uploading a file.
DEVELOPER_WORDS = re.compile(
    r"INTAKE\.md|question id|schema_version|allowed code|mapping|takes a list|\bcodes?\b", re.I)


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_upload_errors_are_plain_english(bundle, case):
    data, _ = BAD_FILES[case]
    restored, messages = apply_upload(data, bundle.question_by_id)
    assert restored is None
    assert not [m for m in messages if DEVELOPER_WORDS.search(m)], messages


def test_the_upload_label_and_the_limit_agree(at):
    from components.upload import LIMIT_KB

    label = at.file_uploader[0].label
    assert f"up to {LIMIT_KB} KB" in label
    assert f"limit is {LIMIT_KB} KB" in apply_upload(b" " * (MAX_ANSWER_BYTES + 1), {})[1][0]


def test_a_saved_file_carries_a_random_export_id_and_still_loads(bundle):
    from components.takeaway import saved_progress
    from engine.answers import EXPORT_ID

    answers = persona(bundle, "long_highly_resistant").answers
    first, second = saved_progress(bundle, answers), saved_progress(bundle, answers)
    assert first != second  # same answers, different bytes: the download address cannot be guessed
    assert json.loads(first)[EXPORT_ID] != json.loads(second)[EXPORT_ID]
    restored, _ = apply_upload(first.encode(), bundle.question_by_id)
    assert restored == answers
