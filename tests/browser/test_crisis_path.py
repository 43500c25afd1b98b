"""The crisis path in real Chromium: a yes to the safety question puts help first, everywhere.

SAFETY.md: crisis resources for the person's region are visible on every page and
never wait for the questionnaire; a `yes` on `safety_thoughts` puts crisis support first.
The other two sides are in test_two_people.py, which walks the same steps anyway: "I'd
rather not say" also puts crisis support first with an alert banner, and "No" keeps the
calm banner and shows no crisis section (so the alert here is caused by the answer).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.flows import (
    SAFETY_QUESTION,
    STANDARD_PATH,
    TIMEOUT,
    Step,
    complete_questionnaire,
    crisis_banner,
    navigation_pages,
    open_page,
    pick,
    section_ids,
    see_results,
    start,
    with_answer,
)

CRISIS_PATH = with_answer(STANDARD_PATH, SAFETY_QUESTION, "Yes")
# Only the UK's own banner names these (before a region is chosen, the banner lists
# one line per country, which also mentions 116 123).
UK_ONLY = ("Shout", "Call 999")
PAGE_HEADINGS = {"About and sources": "About TRD Navigator", "Clinician view": "Clinician view"}


def _banner_is_alert_with_uk_lines(page: Page, where: str) -> None:
    banner = crisis_banner(page)
    expect(banner, f"no crisis banner on {where}").to_be_visible(timeout=TIMEOUT)
    expect(banner.get_by_role("alert"), f"the banner is not an alert on {where}").to_be_visible()
    expect(banner.get_by_test_id("stAlertContentError")).to_be_visible()
    for text in ("Samaritans", *UK_ONLY):
        expect(banner, f"{text!r} missing from the banner on {where}").to_contain_text(text)
    # The banner comes before the page's own heading.
    expect(page.locator("h1").first).to_be_visible(timeout=TIMEOUT)
    first_heading_top = page.locator("h1").first.bounding_box()["y"]
    assert banner.bounding_box()["y"] < first_heading_top, f"the crisis banner is below the heading on {where}"


def test_crisis_lines_are_there_before_any_answer(page: Page, app_server) -> None:
    start(page, app_server.url)
    banner = crisis_banner(page)
    expect(banner).to_contain_text("Need help now?")
    expect(banner).to_contain_text("988")  # US and Canada
    expect(banner).to_contain_text("116 123")  # UK and Ireland
    expect(banner.get_by_role("status")).to_be_visible()  # calm, not yet an alert


def test_yes_to_safety_puts_crisis_support_first_and_the_region_line_on_every_page(page: Page, app_server) -> None:
    start(page, app_server.url)
    pick(page, SAFETY_QUESTION, "Yes")
    # The banner turns into an alert at once, before the person has finished anything.
    expect(crisis_banner(page).get_by_role("alert")).to_be_visible(timeout=TIMEOUT)
    pick(page, "Where do you live?", "United Kingdom")
    _banner_is_alert_with_uk_lines(page, "the safety step")

    visited: list[str] = []

    def check_step(page: Page, step: Step) -> None:
        visited.append(step.heading)
        _banner_is_alert_with_uk_lines(page, f"step {step.heading!r}")

    complete_questionnaire(page, CRISIS_PATH, on_step=check_step)
    assert visited == [step.heading for step in CRISIS_PATH]
    _banner_is_alert_with_uk_lines(page, "the review page")

    see_results(page)
    _banner_is_alert_with_uk_lines(page, "the results")
    shown = section_ids(page)
    assert shown[0] == "crisis_support", f"crisis support is not the first section: {shown}"
    assert shown[-1] == "preparing_for_appointment", shown
    first_section_heading = page.locator(".st-key-section_crisis_support h3").first
    expect(first_section_heading).to_be_visible()
    # Nothing but the page title and the safety tier heading comes before it.
    headings = page.locator("h1, h2, h3").all_inner_texts()
    assert headings.index(first_section_heading.inner_text()) <= 2, headings

    pages = navigation_pages(page)
    assert "About and sources" in pages, pages
    for name in pages:
        if name == "Questionnaire":
            continue
        open_page(page, name, PAGE_HEADINGS.get(name))
        _banner_is_alert_with_uk_lines(page, f"the {name!r} page")
    open_page(page, "Questionnaire")
    # Back on the questionnaire, the results (and the person's answers) are still there.
    expect(page.get_by_role("heading", name="Your information sections")).to_be_visible(timeout=TIMEOUT)
    assert section_ids(page)[0] == "crisis_support"
