"""A worrying safety answer that arrives in a file gets the same supportive screen as one given by hand.

Answering "yes" or "I'd rather not say" to the safety question and pressing Next shows
"Thank you for answering" before the questionnaire goes on. A saved-progress file with that
answer must do the same before its review page, worded for a file (nothing was just answered,
and Continue opens the answers, not more questions); a clinician's demo persona goes to the
results instead (state.load_persona says why).
"""

from __future__ import annotations

import pytest

from components import support
from engine.answers import to_saved_progress
from tests.ui.apptest_driver import click, nav
from tests.ui.conftest import QUESTIONNAIRE_PAGE, load_persona, open_clinician, run, text_of, titles

SUPPORT = "Before you see your answers"
BY_HAND = "Thank you for answering"
REVIEW = "Check your answers"
LOADED = "Your saved answers are back"
RESULTS = "Your information sections"
CRISIS_SECTION = "If you have thoughts of suicide or self-harm"


def _saved(safety: str, region: str = "ie") -> bytes:
    answers = {"safety_thoughts": safety, "region": region, "role": "self", "age_group": "25_to_59",
               "episode_duration": "over_2_years", "antidepressants_tried": "two", "mood_highs": "no"}
    return to_saved_progress(answers, "2026.11").encode()


def _upload(at, data: bytes):
    at.file_uploader[0].set_value(("progress.json", data, "application/json"))
    return run(at)


def _on_review_with_calm_answers(at):
    _upload(at, _saved("no"))
    assert titles(at) == [REVIEW]
    return at


@pytest.mark.parametrize("where", ["first screen", "review page"])
@pytest.mark.parametrize("safety", ["yes", "prefer_not_to_say"])
def test_a_loaded_worrying_safety_answer_shows_the_support_screen_before_the_review(at, safety, where):
    if where == "review page":
        _on_review_with_calm_answers(at)
    _upload(at, _saved(safety))
    assert titles(at) == [SUPPORT]
    shown = text_of(at)
    assert support.FILE_OPENING in shown and support.GO_ON_TO_REVIEW in shown
    assert support.GO_ON not in shown  # "the rest of the questions": not where Continue goes
    click(at, "support_continue")
    assert titles(at) == [REVIEW]
    assert any(s.value.startswith(f"{LOADED} (7 answers)") for s in at.success)
    assert "Ireland" in text_of(at)
    # The message is for that one screen: it is gone once the person moves on and comes back.
    click(at, "nav_results")
    assert titles(at) == [RESULTS]
    click(at, "nav_back")
    assert titles(at) == [REVIEW]
    assert LOADED not in text_of(at)


def test_a_loaded_calm_safety_answer_goes_straight_to_the_review(at):
    _upload(at, _saved("no"))
    assert titles(at) == [REVIEW]
    assert LOADED in text_of(at)


def test_back_from_the_support_screen_shows_the_loaded_answer_and_next_does_not_repeat_it(at):
    _upload(at, _saved("yes"))
    assert titles(at) == [SUPPORT]
    click(at, "nav_back")
    assert titles(at) == ["First, your safety"]
    assert at.radio(key="w__safety_thoughts").value == "yes"
    assert LOADED not in text_of(at)  # the message was for the review after the support screen only
    click(at, "nav_next")
    assert titles(at) == ["About you"]  # seen once for this answer, as after answering by hand


def test_a_file_is_a_fresh_start_so_the_support_screen_shows_even_if_seen_before(at):
    at.radio(key="w__safety_thoughts").set_value("yes")
    run(at)
    at.radio(key="w__region").set_value("uk")
    run(at)
    click(at, "nav_next")
    assert titles(at) == [BY_HAND]
    assert support.GO_ON in text_of(at) and support.FILE_OPENING not in text_of(at)
    click(at, "support_continue")
    assert titles(at) == ["About you"]
    nav(at, "nav_back").click()
    run(at)
    _upload(at, _saved("yes"))
    assert titles(at) == [SUPPORT]


def test_a_refused_file_with_a_worrying_answer_changes_nothing_and_shows_no_support_screen(at):
    bad = _saved("yes").replace(b'"region": "ie"', b'"region": "mars"')
    _upload(at, bad)
    assert titles(at) == ["First, your safety"]
    assert at.radio(key="w__safety_thoughts").value is None
    assert any("nothing was changed" in e.value.lower() for e in at.error)


@pytest.mark.parametrize("persona_id", ["crisis_answer", "first_medicine_only"])
def test_a_crisis_persona_in_the_clinician_view_opens_the_results_not_the_support_screen(at, bundle, persona_id):
    assert bundle.personas.find(persona_id).answers["safety_thoughts"] in ("yes", "prefer_not_to_say")
    load_persona(at, persona_id)  # asserts: the clinician view, then "Open the results", then the results
    assert titles(at) == [RESULTS]
    assert CRISIS_SECTION in [s.value for s in at.subheader]
    # Going to the questionnaire page by the top navigation, not "Open the results", shows the results too.
    load_persona(at, "postpartum")
    open_clinician(at)
    at.button(key=f"persona_{persona_id}").click()
    run(at)
    at.switch_page(QUESTIONNAIRE_PAGE)
    run(at)
    assert titles(at) == [RESULTS]
    # Walking the safety step by hand still shows what the person would see.
    click(at, "nav_back")
    click(at, "edit_safety")
    click(at, "nav_next")
    assert titles(at) == [BY_HAND]
    click(at, "support_continue")
    assert titles(at) == [REVIEW]


# --- A file saved half-way: it opens where the person stopped, and the results wait ---------------------

HALF_WAY = {"safety_thoughts": "no", "region": "uk", "role": "self", "age_group": "25_to_59",
            "episode_duration": "6_to_24_months", "antidepressants_tried": "two"}


def _mood_step_title(bundle) -> str:
    return bundle.step("mood_history").title


def test_a_file_saved_half_way_opens_at_the_first_step_still_needing_an_answer(at, bundle):
    _upload(at, to_saved_progress(HALF_WAY, "2026.11").encode())
    assert titles(at) == [_mood_step_title(bundle)]
    assert any(s.value.startswith(f"Your saved answers are back ({len(HALF_WAY)} answers). Some questions")
               for s in at.success)
    assert at.radio(key="w__mood_highs").value is None
    click(at, "nav_next__mood_history")  # Next asks for the bipolar-screen answer, as in the normal flow
    assert titles(at) == [_mood_step_title(bundle)]
    assert any("Please choose an answer" in e.value for e in at.error)


def test_a_half_way_file_with_a_worrying_safety_answer_goes_on_to_that_step_after_the_support_screen(at, bundle):
    _upload(at, to_saved_progress({**HALF_WAY, "safety_thoughts": "yes"}, "2026.11").encode())
    assert titles(at) == [SUPPORT]
    assert support.GO_ON in text_of(at) and support.GO_ON_TO_REVIEW not in text_of(at)
    click(at, "support_continue")
    assert titles(at) == [_mood_step_title(bundle)]
    assert any(s.value.startswith("Your saved answers are back") for s in at.success)


def test_see_my_results_with_a_required_answer_missing_opens_that_step_not_the_results(at, bundle):
    """An edit from the review can show a new required question on another step; the results wait for it."""
    at.session_state["answers"] = dict(HALF_WAY)
    at.session_state["view"] = "review"
    run(at)
    assert titles(at) == [REVIEW]
    assert "Not answered yet: needed for your results" in text_of(at)
    click(at, "nav_results")
    assert titles(at) == [_mood_step_title(bundle)]
    assert any("Please choose an answer" in e.value for e in at.error)  # under the question it needs
    at.radio(key="w__mood_highs").set_value("no")
    run(at)
    click(at, "nav_next__mood_history")  # "Return to review"
    assert titles(at) == [REVIEW]
    click(at, "nav_results")
    assert titles(at) == [RESULTS]
