"""Save and resume: a saved-progress file brings the answers back; a bad file changes nothing."""

from __future__ import annotations

import json
import re

import pytest

from components.upload import apply_upload
from engine.answers import MAX_ANSWER_BYTES, to_saved_progress
from engine.flow import person_path
from tests.ui.apptest_driver import nav, notes
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
    # What the questionnaire cannot give: four priorities (at most three), "None of these" beside another answer.
    "more choices than allowed": (saved_file({"priorities": ["speed", "less_time", "fewer_side_effects",
                                                             "strong_evidence"]}),
                                  "has more choices than the question allows (at most 3)"),
    "an only-alone answer beside another": (saved_file({"other_conditions": ["none", "anxiety"]}),
                                            "together with other choices"),
    "oversized": (saved_file({"region": "uk"}, saved_on="x" * (MAX_ANSWER_BYTES + 10)), "too big"),
    "a list, not a mapping": (b'["region", "uk"]', "not laid out like a saved-progress file"),
    "empty": (saved_file({}), "holds no answers"),
    "duplicate key": (b'{"schema_version": 1, "answers": {"region": "uk", "region": "us"}}',
                      "not laid out like a saved-progress file"),
    "a FHIR file": (b'{"resourceType": "QuestionnaireResponse", "status": "completed"}', "health record (FHIR)"),
    "0 bytes": (b"", "This file is empty"),
    "only blank space": (b"\xef\xbb\xbf \n\t\r\n", "This file is empty"),
    "a bare mapping with an unknown id": (json.dumps({"region": "uk", "favourite_colour": "blue"}).encode(),
                                          "a question this tool does not ask: favourite_colour"),
    # JSON may hold half a character pair, which no page can show: it is named escaped, and nothing breaks.
    "half a character pair in an unknown id": (b'{"region": "uk", "\\ud800odd": 1}',
                                               "a question this tool does not ask: \\ud800odd"),
}

# Mappings that are not an answer set, bare or wrapped: said to be the wrong layout, never "a question
# this tool does not ask", and none of their own keys (which could be anything) is repeated back.
WRONG_LAYOUT = {
    "answers beside another key": {"name": "x", "answers": {"region": "uk"}},
    "a mapping of something else": {"foo": 1},
    "answers without schema_version": {"answers": {"region": "uk"}},
    "schema_version without answers": {"schema_version": 1, "region": "uk"},
    "a saved file with a key it does not have": {"schema_version": 1, "answers": {"region": "uk"}, "name": "x"},
    "schema_version as text": {"schema_version": "1", "answers": {"region": "uk"}},
    "schema_version true": {"schema_version": True, "answers": {"region": "uk"}},
}
BAD_FILES |= {case: (json.dumps(data).encode(), "not laid out like a saved-progress file")
              for case, data in WRONG_LAYOUT.items()}


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
    page = text_of(at)
    assert "Where you live:** United Kingdom" in page and "Where you live:** Republic of Ireland" not in page


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
    assert "Gave birth in the past year" in text_of(at)
    # A valid file on the review page replaces the answers.
    _upload(at, "progress.json", to_saved_progress(SAVED, "x").encode())
    assert "Ireland" in text_of(at)
    assert "Gave birth in the past year" not in text_of(at)


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
    assert len(messages) == 1  # saved with today's words: nothing to re-check
    one = apply_upload(to_saved_progress({"safety_thoughts": "no"}, bundle.content_version).encode(),
                       bundle.question_by_id)[1]
    assert one[0].startswith("Your saved answers are back (1 answer).")  # not "1 answers" (review 18, s18-4)


@pytest.mark.parametrize(("saved_with", "flagged"), [("2026.11.17", True), ("2026.11.18", False),
                                                     ("2026.11.18 (ab12cd34)", False), (None, False)])
def test_a_file_saved_before_a_question_was_reworded_asks_for_that_answer_to_be_checked(at, bundle, saved_with,
                                                                                         flagged):
    """Review 18 (p18-10): content 2026.11.18 changed what four answers mean under the same codes (a partner's
    "I had a baby" now reads "I gave birth"); an older file is read under the new words, so the person is asked to
    check those answers, and only those they gave."""
    answers = {"safety_thoughts": "no", "region": "uk", "pregnancy": "postpartum", "alcohol_drugs": "sometimes"}
    wrapped = json.loads(to_saved_progress(answers, bundle.content_version))
    if saved_with is None:
        del wrapped["content_version"]
    else:
        wrapped["content_version"] = saved_with
    restored, messages = apply_upload(json.dumps(wrapped).encode(), bundle.question_by_id)
    assert restored == answers
    said = [m for m in messages if "reworded" in m]
    assert said == (['Some questions were reworded after this file was saved. Please check your answers to: '
                     '"Pregnancy or a new baby", "Alcohol or drug use".'] if flagged else [])
    # On the screen the file opens at, under "Your saved answers are back" (review 18, s18-1: it was dropped there).
    _upload(at, "progress.json", json.dumps(wrapped).encode())
    assert [n for n in notes(at, "warning") if "reworded" in n] == said


def test_a_demo_persons_saved_file_loaded_again_is_still_labelled_fictional(at, bundle):
    """Review 8 (h8-4): a demo's saved file, loaded again, made a PDF that read as a real person's."""
    demo = persona(bundle, "long_highly_resistant")
    _upload(at, "progress.json", to_saved_progress(demo.answers, bundle.content_version).encode())
    assert any(f"Fictional demo person: {demo.name}." in w.value for w in at.warning)
    edited = {**demo.answers, "region": "uk" if demo.answers.get("region") != "uk" else "us"}
    _upload(at, "progress.json", to_saved_progress(edited, bundle.content_version).encode())
    assert not any("demo person" in w.value for w in at.warning)  # edited, and the file names no demo: no label
    # Review 11 (k11-1): a demo edited by hand and saved names its demo person; loaded again, the mix says so.
    _upload(at, "progress.json", to_saved_progress(edited, bundle.content_version, demo_persona=demo.id).encode())
    assert any(f"Started from a fictional demo person: {demo.name}." in w.value for w in at.warning)
    assert at.session_state["demo_persona"] == demo.id
    # A file naming a demo person none of whose answers it holds gets no label (a real person's answers).
    real = {"region": "uk" if demo.answers.get("region") != "uk" else "us"}
    _upload(at, "progress.json", to_saved_progress(real, bundle.content_version, demo_persona=demo.id).encode())
    assert not any("demo person" in w.value for w in at.warning)
    assert "to_clinician" not in [b.key for b in at.button]  # a real person's answers: no demo's way back


def test_a_saved_file_says_the_day_it_was_saved(bundle):
    from datetime import date

    from components.takeaway import saved_progress

    assert json.loads(saved_progress(bundle, {"safety_thoughts": "no"}))["saved_on"] == date.today().isoformat()


def test_a_saved_file_holds_no_answer_the_person_can_no_longer_see(bundle):
    """Review s9-5: "pregnant" answered, then the age changed to 65 or over. The review and every summary leave
    the pregnancy answer out; the saved file, which leaves the device, kept it."""
    from components.takeaway import saved_progress

    answers = {"safety_thoughts": "no", "region": "uk", "role": "self", "age_group": "65_plus",
               "pregnancy": "pregnant"}
    assert "pregnancy" not in person_path(bundle, answers).visible  # hidden for 65 and over
    saved = json.loads(saved_progress(bundle, answers))["answers"]
    assert "pregnancy" not in saved and saved["age_group"] == "65_plus"


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


@pytest.mark.parametrize("case", sorted(WRONG_LAYOUT))
def test_a_file_of_the_wrong_layout_says_so_and_names_none_of_its_keys(bundle, case):
    from components.upload import HAS_PROBLEMS, NOT_OURS

    restored, messages = apply_upload(json.dumps(WRONG_LAYOUT[case]).encode(), bundle.question_by_id)
    assert restored is None
    assert messages == [HAS_PROBLEMS, NOT_OURS]


def test_an_empty_file_is_called_empty_not_broken(bundle):
    from components.upload import EMPTY_FILE

    assert apply_upload(b"", bundle.question_by_id) == (None, [EMPTY_FILE])
    assert "empty" in EMPTY_FILE and "nothing was changed" in EMPTY_FILE.lower()
    # An empty answer set is a different thing: a saved file with no answers in it.
    assert "holds no answers" in apply_upload(saved_file({}), bundle.question_by_id)[1][0]
    assert "holds no answers" in apply_upload(b"{}", bundle.question_by_id)[1][0]


def test_another_whole_schema_version_says_another_version(bundle):
    from components.upload import OTHER_VERSION

    for version in (0, 2, 99):
        data = json.dumps({"schema_version": version, "answers": {"region": "uk"}, "new_key": 1}).encode()
        assert apply_upload(data, bundle.question_by_id)[1][1:] == [OTHER_VERSION]


def _reasons(bundle, answers):
    restored, messages = apply_upload(json.dumps(answers).encode(), bundle.question_by_id)
    assert restored is None
    return messages[1:]


def test_unknown_ids_in_a_real_answer_set_are_named_short_and_on_one_line(bundle):
    # One unknown id beside real answers, bare or wrapped, is named as it is.
    one = ["It has an answer to a question this tool does not ask: nope"]
    assert _reasons(bundle, {"region": "uk", "nope": "x"}) == one
    assert _reasons(bundle, {"schema_version": 1, "answers": {"nope": "x"}}) == one
    # A long id is cut; control and invisible characters are shown escaped, never acted on.
    [long_line] = _reasons(bundle, {"region": "uk", "x" * 5000: 1})
    assert long_line.endswith("x…") and len(long_line) < 120
    [odd_line] = _reasons(bundle, {"region": "uk", "two\nlines\u202egnirts": 1})
    assert "\n" not in odd_line and "\u202e" not in odd_line
    assert odd_line.endswith("two\\nlines\\u202egnirts")
    # Many unknown ids: a few named, the rest counted, still one line.
    [many] = _reasons(bundle, {"region": "uk", **{f"extra_{n}": 1 for n in range(10)}})
    assert many == "It has answers to 10 questions this tool does not ask: extra_0, extra_1, extra_2 and 7 more"
    # Alongside an answer that is not a choice, both are said, each once.
    assert _reasons(bundle, {"region": "mars", "age_group": "ancient", "nope": 1, "nada": 2}) == [
        "It has answers to 2 questions this tool does not ask: nope, nada",
        'The answer to "Where you live" is not one of the choices this tool offers.',
        'The answer to "Age group" is not one of the choices this tool offers.']


def test_each_upload_replaces_the_message_about_the_last_one(at):
    _upload(at, "first.json", saved_file({"region": "uk", "first_unknown": 1}))
    assert "first_unknown" in text_of(at)
    _upload(at, "second.json", b"")
    assert "This file is empty" in text_of(at)
    assert "first_unknown" not in text_of(at)
    assert len(at.error) == 1
