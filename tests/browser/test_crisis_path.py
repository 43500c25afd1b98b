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
    after_rerun,
    complete_questionnaire,
    crisis_banner,
    navigation_pages,
    open_page,
    pick,
    section_ids,
    see_results,
    settle,
    start,
    with_answer,
)

CRISIS_PATH = with_answer(STANDARD_PATH, SAFETY_QUESTION, "Yes")
# Only the UK's own banner names these (before a region is chosen, the banner lists
# one line per country, which also mentions 116 123).
UK_ONLY = ("Shout", "Call 999")
PAGE_HEADINGS = {"About and sources": "About TRD Navigator", "Clinician view": "Clinician view"}


def _banner_is_alert_with_uk_lines(page: Page, where: str) -> None:
    """Red on every page after a worrying answer. Said (role=alert) once, as the answer is given and on the step
    after the supportive screen; drawn the same but not read out again on every rerun (review a16, a16-3)."""
    banner = crisis_banner(page)
    expect(banner, f"no crisis banner on {where}").to_be_visible(timeout=TIMEOUT)
    red = banner.locator("[class*='st-key-note_error_'], [data-testid='stAlertContentError']")
    expect(red, f"the banner is not red on {where}").to_be_visible()
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
    expect(banner.locator("[class*='st-key-note_info_']")).to_be_visible()  # calm, not yet an alert
    # and not a live region: a role=status was read out again each time a country was chosen (a16-3)
    expect(banner.locator("[role=status], [role=alert]")).to_have_count(0)


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


# Every role=alert or role=status node added, or whose text changes: what Chromium hands a screen reader as an
# announcement (the method of review a16).
_LIVE_LOG = """() => { window.__live = [];
  const live = '[role=alert],[role=status]';
  new MutationObserver(ms => { for (const m of ms) {
    const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
    for (const n of m.addedNodes) {
      if (n.nodeType !== 1) continue;
      const found = n.matches(live) ? [n] : [...n.querySelectorAll(live)];
      for (const f of found) if (f.checkVisibility()) window.__live.push([f.getAttribute('role'), f.textContent]);
    }
    const inside = el && el.closest(live);
    if (inside && m.type === 'characterData') window.__live.push([inside.getAttribute('role'), inside.textContent]);
  }}).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""


def _announced(page: Page) -> list[list[str]]:
    return page.evaluate("() => { const said = window.__live; window.__live = []; return said; }")


def test_the_banner_is_said_once_as_yes_is_given_not_again_for_each_country_passed(page: Page, app_server) -> None:
    """Review a16 (a16-3): after "Yes", each ArrowDown in "Where do you live?" reran the app and rewrote the
    banner's role=alert with a whole country's list, cutting off the radio's own name. Now: one alert as "Yes"
    is chosen, then, arrowing through the countries, one polite line that the lines are up, and no alert."""
    start(page, app_server.url)
    page.evaluate(_LIVE_LOG)
    pick(page, SAFETY_QUESTION, "Yes")
    settle(page)
    said = _announced(page)
    assert [role for role, _ in said] == ["alert"] and "Need help now?" in said[0][1], said
    regions = page.get_by_role("radiogroup", name="Where do you live?")
    regions.get_by_role("radio", name="United States", exact=True).focus()
    after_rerun(page, lambda: page.keyboard.press("Space"))
    for _ in range(4):  # United Kingdom, Canada, Australia, New Zealand
        after_rerun(page, lambda: page.keyboard.press("ArrowDown"))
    settle(page)
    expect(regions.get_by_role("radio", name="New Zealand", exact=True)).to_be_checked(timeout=TIMEOUT)
    expect(crisis_banner(page)).to_contain_text("Call 111 if you are in immediate danger")  # New Zealand's
    said = _announced(page)
    assert [role for role, _ in said] == ["status"], said
    assert said[0][1] == "Your help lines are now at the top of this page."
