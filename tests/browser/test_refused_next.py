"""Focus that would fall to the page goes where the person is: a refused Next to the first question still
needing an answer; "Start again" to its "Cancel", and back; in the clinician view, a persona's "replace the
answers?" to its "Cancel", and back, and "Undo all what-if changes" to the question picker.

Its message sits right under that question, but focus stayed on Next and a screen reader heard
"Please choose an answer to go on" twice with no question named (walkthrough 2026-11-28).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from engine.bundle import load_bundle
from tests.browser.flows import SAFETY_QUESTION, TIMEOUT, after_rerun, open_personas, pick, start
from tests.conftest import ROOT

FOCUS_IN = """(key) => {
    const box = document.querySelector('.st-key-' + key);
    return !!box && box.contains(document.activeElement) && document.activeElement.tagName === 'INPUT';
}"""


def _refused_next(page: Page) -> None:
    after_rerun(page, page.get_by_role("button", name="Next", exact=True).click)
    expect(page.get_by_text("Please choose an answer to go on").first).to_be_visible(timeout=TIMEOUT)


def test_a_refused_next_takes_focus_to_the_first_question_it_names(page: Page, app_server) -> None:
    start(page, app_server.url)
    _refused_next(page)
    page.wait_for_function(FOCUS_IN, arg="w__safety_thoughts", timeout=5_000)
    pick(page, SAFETY_QUESTION, "No")
    _refused_next(page)  # the region is still missing: focus goes there, and again on a second refusal
    page.wait_for_function(FOCUS_IN, arg="w__region", timeout=5_000)
    page.get_by_role("button", name="Next", exact=True).focus()
    _refused_next(page)
    page.wait_for_function(FOCUS_IN, arg="w__region", timeout=5_000)
    # A keyboard user answers from there: an arrow key chooses within the group it landed in.
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radiogroup", name="Where do you live?").get_by_role("radio").nth(1)).to_be_checked(
        timeout=TIMEOUT)


def test_start_again_puts_focus_on_cancel_and_cancel_puts_it_back(page: Page, app_server) -> None:
    """The button clicked disappears each time: focus fell to the page (walkthrough 2026-11-28). It goes to
    the choice that loses nothing, so a second Enter cannot clear the answers."""
    start(page, app_server.url)
    pick(page, SAFETY_QUESTION, "No")
    start_again = page.get_by_role("button", name="Start again", exact=True)
    start_again.focus()
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    page.wait_for_function(FOCUS_IN.replace("'INPUT'", "'BUTTON'"), arg="restart_no", timeout=5_000)
    after_rerun(page, lambda: page.keyboard.press("Enter"))  # Cancel
    page.wait_for_function(FOCUS_IN.replace("'INPUT'", "'BUTTON'"), arg="restart", timeout=5_000)
    expect(page.get_by_role("radiogroup", name=SAFETY_QUESTION).get_by_role("radio", name="No", exact=True)
           ).to_be_checked()


def test_the_clinician_view_keeps_focus_where_the_clicked_button_was(page: Page, app_server) -> None:
    """The persona button's question, its Cancel and the what-if Undo each remove or grey out the control that
    had focus; focus fell to the page and a keyboard user started again from the top (walkthrough 2026-11-28)."""
    on_button = FOCUS_IN.replace("'INPUT'", "'BUTTON'")
    start(page, app_server.url)
    pick(page, SAFETY_QUESTION, "No")  # real answers, so a persona asks before replacing them
    after_rerun(page, page.get_by_role("link", name="Clinician view", exact=True).click)
    first = load_bundle(ROOT).personas.personas[0]
    open_personas(page)
    page.get_by_role("button", name=f"Load {first.name}").focus()
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    expect(page.get_by_text("Replace them?")).to_be_visible(timeout=TIMEOUT)
    page.wait_for_function(on_button, arg="persona_confirm_no", timeout=5_000)
    after_rerun(page, lambda: page.keyboard.press("Enter"))  # Cancel: keep the answers
    page.wait_for_function(on_button, arg=f"persona_{first.id}", timeout=5_000)

    picker = page.get_by_role("combobox", name="Question to change")
    picker.click()
    # Wait for the rerun the choice starts (wait_idle can return before it begins): under load, the answer's
    # list opened before that rerun, which then closed it (CI, 29 November 2026).
    after_rerun(page, page.get_by_role("option").first.click)
    answer = page.get_by_role("combobox", name=re.compile("What if the answer were"))
    answer.click()
    # Any answer but the person's own (review 19, k19-5: it is marked, and the blank choice is last).
    after_rerun(page, page.get_by_role("option").filter(has_not_text="(as answered)").first.click)
    undo = page.get_by_role("button", name="Undo all what-if changes")
    expect(undo).to_be_enabled(timeout=TIMEOUT)
    undo.focus()
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    expect(undo).to_be_disabled(timeout=TIMEOUT)
    page.wait_for_function(FOCUS_IN, arg="ui__whatif_question", timeout=5_000)
    # ... and shows it in blue: the theme's red made a focused dropdown look like an error.
    ring = page.locator(".st-key-ui__whatif_question [role='group']").first.evaluate(
        "e => [getComputedStyle(e).outlineStyle, getComputedStyle(e).outlineColor, getComputedStyle(e).borderColor]")
    assert ring == ["solid", "rgb(29, 63, 145)", "rgb(29, 63, 145)"], ring


def test_typing_no_in_the_what_if_answer_box_tests_no_not_a_blank_answer(page: Page, app_server) -> None:
    """Review 19 (k19-5, v20-4): the box filters as a clinician types, and "Not answered" matched "No" first, so
    "No" and Enter on the pregnancy question tested a blank answer. The blank choice is "Leave blank"."""
    start(page, app_server.url)
    after_rerun(page, page.get_by_role("link", name="Clinician view", exact=True).click)
    persona = load_bundle(ROOT).personas.find("postpartum")
    open_personas(page)
    after_rerun(page, page.get_by_role("button", name=f"Load {persona.name}").click)
    picker = page.get_by_role("combobox", name="Question to change")
    picker.click()
    page.keyboard.type("Pregnancy or a new baby")
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    answer = page.get_by_role("combobox", name=re.compile("What if the answer were"))
    expect(answer).to_be_visible(timeout=TIMEOUT)
    answer.click()
    page.keyboard.type("No")
    after_rerun(page, lambda: page.keyboard.press("Enter"))
    expect(answer).to_have_value("No, none of these", timeout=TIMEOUT)
    changes = page.locator("[data-testid='stTable'], [data-testid='stDataFrame']").filter(has_text="What if")
    expect(changes.first).to_contain_text("No, none of these", timeout=TIMEOUT)
