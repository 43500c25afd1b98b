"""Changing "What matters most" from the results: "Return to my results" opens the results there.

On a phone that part is some forty screens down; landing at the top made the person scroll back
to the answer they had just changed (walkthrough 2026-11-28).
"""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.flows import TIMEOUT, after_rerun, check_box, results_at, settle

PHONE = {"width": 390, "height": 844}
FOCUSED_HEADING = "() => document.activeElement && document.activeElement.textContent.trim()"


def test_return_to_my_results_opens_at_what_matters_with_the_new_answer(browser: Browser, browser_context_args: dict,
                                                                         app_server) -> None:
    with results_at(browser, browser_context_args, app_server.url, PHONE) as page:
        change = page.get_by_role("button", name="Add or change these answers", exact=True)
        change.scroll_into_view_if_needed()
        after_rerun(page, change.click)
        expect(page.get_by_role("heading", name="What matters most, and how ready you feel (optional)")).to_be_visible(
            timeout=TIMEOUT)
        check_box(page, "That it could work quickly")
        after_rerun(page, page.get_by_role("button", name="Return to my results", exact=True).click)
        heading = page.get_by_role("heading", name="What matters most, and how ready you feel", exact=True)
        expect(heading).to_be_visible(timeout=TIMEOUT)
        settle(page)
        page.wait_for_function(f"() => ({FOCUSED_HEADING})() === 'What matters most, and how ready you feel'",
                               timeout=5_000)
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"], f"the part is not in view: {box}"
        expect(page.get_by_text("That it could work quickly")).to_be_visible(timeout=TIMEOUT)
        # The page is far down, not at the top: the banner is out of view above.
        assert page.locator(".st-key-crisis_banner").bounding_box()["y"] < -1000


def test_return_to_review_opens_at_the_step_just_edited(browser: Browser, browser_context_args: dict,
                                                        app_server) -> None:
    """The walkthrough of 28 November: after an edit, "Return to review" opened the review at its top, and
    on a phone the part just changed was some 70% of a 9,800 px page down."""
    with results_at(browser, browser_context_args, app_server.url, PHONE) as page:
        after_rerun(page, page.get_by_role("button", name="Back to my answers", exact=True).click)
        expect(page.get_by_role("heading", name="Check your answers")).to_be_visible(timeout=TIMEOUT)
        edit = page.get_by_role("button", name="Edit: Your life right now", exact=True)
        edit.scroll_into_view_if_needed()
        after_rerun(page, edit.click)
        expect(page.get_by_role("heading", name="Your life right now", exact=True)).to_be_visible(timeout=TIMEOUT)
        after_rerun(page, page.get_by_role("button", name="Return to review", exact=True).click)
        heading = page.get_by_role("heading", name="Your life right now", exact=True)
        expect(page.get_by_role("heading", name="Check your answers")).to_be_attached(timeout=TIMEOUT)
        settle(page)
        page.wait_for_function(f"() => ({FOCUSED_HEADING})() === 'Your life right now'", timeout=5_000)
        box = heading.bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"], f"the part is not in view: {box}"
        assert page.locator(".st-key-crisis_banner").bounding_box()["y"] < -1000
