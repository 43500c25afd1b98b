"""Focus that would fall to the page goes where the person is: a refused Next to the first question still
needing an answer; "Start again" to its "Cancel", and back.

Its message sits right under that question, but focus stayed on Next and a screen reader heard
"Please choose an answer to go on" twice with no question named (walkthrough 2026-11-28).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.flows import SAFETY_QUESTION, TIMEOUT, after_rerun, pick, start

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
