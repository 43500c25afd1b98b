"""Navigation in real Chromium: fast repeated clicks, landing at the top with focus on the heading,
the supportive safety screen, the leave-page warning, and the phone layout.

The viewport is a laptop's (1366x768), not the suite's tall default, so that pages really scroll.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.flows import (
    RESULTS_HEADING,
    REVIEW_HEADING,
    SAFETY_QUESTION,
    STANDARD_PATH,
    SUPPORT_HEADING,
    TIMEOUT,
    after_rerun,
    answer_step,
    crisis_banner,
    leave_step,
    open_personas,
    pick,
    settle,
    start,
    upload_saved_progress,
)

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# Where the page scrolls in Streamlit (its main container), and the window itself.
SCROLLED = """() => Math.max(window.scrollY, ...Array.from(document.querySelectorAll(
    '[data-testid="stMain"], [data-testid="stAppViewContainer"]')).map(e => e.scrollTop))"""
TO_BOTTOM = """() => {
    for (const e of document.querySelectorAll('[data-testid="stMain"]')) e.scrollTop = e.scrollHeight; }"""
LANDED = """(heading) => {
    const a = document.activeElement, main = document.querySelector('[data-testid="stMain"]');
    return !!a && a.tagName === 'H1' && a.textContent.trim() === heading
        && main.scrollTop === 0 && window.scrollY === 0;
}"""


@pytest.fixture
def laptop(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**{**browser_context_args, "viewport": LAPTOP})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE, "is_mobile": True,
                                     "has_touch": True})
    yield context.new_page()
    context.close()


def _scroll_down(page: Page) -> None:
    page.evaluate(TO_BOTTOM)
    page.wait_for_timeout(50)


def _assert_landed(page: Page, heading: str, what: str) -> None:
    expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible(timeout=TIMEOUT)
    try:
        page.wait_for_function(LANDED, arg=heading, timeout=5_000)
    except Exception as error:  # noqa: BLE001 - say what was wrong instead
        active = page.evaluate("() => document.activeElement.tagName + ': ' + document.activeElement.textContent"
                               ".trim().slice(0, 60)")
        raise AssertionError(f"after {what}: scrolled {page.evaluate(SCROLLED)} px, focus on {active!r}; "
                             f"expected the top with focus on the heading {heading!r}") from error


def _press(page: Page, name: str, heading: str, what: str | None = None) -> None:
    _scroll_down(page)
    after_rerun(page, page.get_by_role("button", name=name, exact=True).click)
    _assert_landed(page, heading, what or name)


# --- Fast repeated clicks ------------------------------------------------------------------------------

def _fast_clicks(page: Page, name: str, times: int) -> None:
    """A hurried double or triple click: `times` presses on the same spot, 30 ms apart (the browser
    counts them as one multi-click, as it does for a person)."""
    button = page.get_by_role("button", name=name, exact=True)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    for count in range(1, times + 1):
        page.mouse.down(click_count=count)
        page.mouse.up(click_count=count)
        page.wait_for_timeout(30)


@pytest.mark.parametrize("times", [2, 3])
def test_fast_repeated_clicks_on_next_never_skip_or_repeat_a_step(laptop: Page, app_server, times: int) -> None:
    page = laptop
    start(page, app_server.url)
    seen = []
    for index, step in enumerate(STANDARD_PATH):
        answer_step(page, step)
        seen.append(step.heading)
        last = index == len(STANDARD_PATH) - 1
        _fast_clicks(page, "Review my answers" if last else "Next", times)
        following = REVIEW_HEADING if last else STANDARD_PATH[index + 1].heading
        expect(page.get_by_role("heading", name=following, exact=True)).to_be_visible(timeout=TIMEOUT)
        settle(page, 600)  # any late click has been handled by now
        shown = page.locator("h1").first.inner_text()
        assert shown == following, f"{times} fast clicks on {step.heading!r} led to {shown!r}, not {following!r}"
    assert seen == [step.heading for step in STANDARD_PATH]


# --- Landing at the top with focus on the new heading ---------------------------------------------------

def test_every_screen_change_opens_at_the_top_with_focus_on_the_new_heading(laptop: Page, app_server) -> None:
    page = laptop
    start(page, app_server.url)
    path = STANDARD_PATH
    answer_step(page, path[0])
    _press(page, "Next", path[1].heading)
    _press(page, "Back", path[0].heading)
    _press(page, "Next", path[1].heading, "Next again")
    for index, step in enumerate(path[1:], 1):
        answer_step(page, step)
        last = index == len(path) - 1
        _press(page, "Review my answers" if last else "Next", REVIEW_HEADING if last else path[index + 1].heading)
    _press(page, f"Edit: {path[3].heading}", path[3].heading, "Edit")
    # Back from an edit, the review opens at the step just edited, with focus on its heading (the walkthrough
    # of 28 November; tests/browser/test_return_to_results.py checks it on a phone).
    _scroll_down(page)
    after_rerun(page, page.get_by_role("button", name="Return to review", exact=True).click)
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H2' && "
                           f"document.activeElement.textContent.trim() === {path[3].heading!r}", timeout=5_000)
    _press(page, "See my results", RESULTS_HEADING)
    _press(page, "Back to my answers", REVIEW_HEADING)
    # A reread within the same screen does not jump: scroll down, change nothing big, stay put.
    # Resume from a file (on the review page): the review opens again, at the top.
    saved = {"schema_version": 1, "answers": {"safety_thoughts": "no", "region": "au", "role": "self",
                                              "age_group": "25_to_59", "episode_duration": "unsure",
                                              "antidepressants_tried": "one", "mood_highs": "no"}}
    _scroll_down(page)
    upload_saved_progress(page, "progress.json", json.dumps(saved).encode())
    expect(page.get_by_text("Your saved answers are back")).to_be_visible(timeout=TIMEOUT)
    _assert_landed(page, REVIEW_HEADING, "resume from a file")
    # A persona's results, from the clinician view.
    after_rerun(page, page.get_by_role("link", name="Clinician view", exact=True).click)
    expect(page.get_by_role("heading", name="Clinician view")).to_be_visible(timeout=TIMEOUT)
    open_personas(page)
    page.locator("[class*='st-key-persona_card_'] button").first.click()
    confirm = page.get_by_role("button", name=re.compile("^Yes, load "))
    confirm.click()
    expect(page.get_by_text(re.compile("Fictional demo person: "))).to_be_visible(timeout=TIMEOUT)
    _press(page, "Open the results for these answers", RESULTS_HEADING, "a persona's results")


def test_a_rerun_within_a_screen_keeps_the_place(laptop: Page, app_server) -> None:
    page = laptop
    start(page, app_server.url)
    answer_step(page, STANDARD_PATH[0])
    _press(page, "Next", STANDARD_PATH[1].heading)
    # Scrolled down with the question in the middle of the window, so the click itself scrolls nothing
    # (scrolled to the bottom, the question fell out of view once the step grew a line, and Playwright's
    # click scrolled to it: the test failed for a scroll the app never made).
    question = page.get_by_role("radiogroup", name="What is your age group?")
    question.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(50)
    before = page.evaluate(SCROLLED)
    assert before > 0, "the test needs a scrolled page"
    pick(page, "What is your age group?", "25 to 59")
    settle(page, 400)
    assert page.evaluate(SCROLLED) >= before - 5, "answering a question moved the page"
    focused = page.evaluate("() => document.activeElement.tagName")
    assert focused != "H1", "answering a question moved focus to the heading"


# --- The supportive safety screen -------------------------------------------------------------------------

@pytest.mark.parametrize("said", ["Yes", "I'd rather not say"])
def test_a_worrying_safety_answer_gets_a_calm_screen_with_tap_to_call_lines(laptop: Page, app_server,
                                                                            said: str) -> None:
    page = laptop
    start(page, app_server.url)
    pick(page, SAFETY_QUESTION, said)
    pick(page, "Where do you live?", "United Kingdom")
    _press(page, "Next", SUPPORT_HEADING)
    main = page.get_by_test_id("stMain")
    expect(main.locator("a[href='tel:116123']").first).to_be_visible()  # Samaritans
    expect(main.locator(".st-key-support_lines a[href='tel:999']")).to_be_visible()
    expect(main).to_contain_text("strong and normal step")
    # It never blocks: one click goes on, and the lines stay at the top of the next page.
    _press(page, "Continue when you are ready", STANDARD_PATH[1].heading)
    expect(crisis_banner(page).locator("a[href='tel:116123']")).to_be_visible()


# --- Leaving the page with answers ----------------------------------------------------------------------------

# Headless Chromium here never draws the browser's own "Leave site?" prompt (not even for a plain
# page's listener), so the tests dispatch the same cancelable event the browser sends: the prompt
# is shown exactly when a listener cancels it.
WOULD_ASK = """() => { const e = new Event('beforeunload', {cancelable: true});
    window.dispatchEvent(e); return e.defaultPrevented; }"""


def test_leaving_or_reloading_with_answers_asks_first(laptop: Page, app_server) -> None:
    page = laptop
    start(page, app_server.url)
    settle(page, 300)
    assert page.evaluate(WOULD_ASK) is False  # nothing to lose yet
    pick(page, SAFETY_QUESTION, "No")
    settle(page, 300)
    assert page.evaluate(WOULD_ASK) is True
    # Still asked after screen changes (the helper frame is replaced on each one).
    pick(page, "Where do you live?", "United Kingdom")
    _press(page, "Next", STANDARD_PATH[1].heading)
    _press(page, "Back", STANDARD_PATH[0].heading)
    assert page.evaluate(WOULD_ASK) is True
    # After Start again there is nothing to lose: no prompt.
    after_rerun(page, page.get_by_role("button", name="Start again", exact=True).click)
    after_rerun(page, page.get_by_role("button", name="Yes, clear my answers", exact=True).click)
    settle(page, 300)
    assert page.evaluate(WOULD_ASK) is False


# --- Phone layout ----------------------------------------------------------------------------------------------

def test_on_a_phone_the_banner_is_small_next_comes_before_back_and_numbers_are_tap_to_call(phone: Page,
                                                                                          app_server) -> None:
    page = phone
    start(page, app_server.url)
    banner = crisis_banner(page)
    height = banner.bounding_box()["height"]
    assert height <= PHONE["height"] / 4, f"the crisis banner takes {height:.0f} px of an {PHONE['height']} px screen"
    answer_step(page, STANDARD_PATH[0])
    after_rerun(page, page.get_by_role("button", name="Next", exact=True).click)
    expect(page.get_by_role("heading", name=STANDARD_PATH[1].heading)).to_be_visible(timeout=TIMEOUT)
    expect(banner.locator("a[href='tel:116123']")).to_be_visible()
    nxt = page.get_by_role("button", name="Next", exact=True)
    back = page.get_by_role("button", name="Back", exact=True)
    assert nxt.bounding_box()["y"] < back.bounding_box()["y"], "Back is above Next on a phone"
    order = page.evaluate("""() => Array.from(document.querySelectorAll('button'))
        .map(b => b.innerText.trim()).filter(t => t === 'Next' || t === 'Back')""")
    assert order == ["Next", "Back"], order


def test_on_a_laptop_back_is_drawn_left_of_next(laptop: Page, app_server) -> None:
    page = laptop
    start(page, app_server.url)
    answer_step(page, STANDARD_PATH[0])
    _press(page, "Next", STANDARD_PATH[1].heading)
    nxt = page.get_by_role("button", name="Next", exact=True).bounding_box()
    back = page.get_by_role("button", name="Back", exact=True).bounding_box()
    assert back["x"] < nxt["x"] and abs(back["y"] - nxt["y"]) < 5


def test_the_uploader_states_one_size_limit(laptop: Page, app_server) -> None:
    from components.upload import LIMIT_KB

    page = laptop
    start(page, app_server.url)
    page.locator("summary", has_text="Continue from a saved file").click()
    zone = page.get_by_test_id("stFileUploader")
    expect(zone).to_contain_text(f"up to {LIMIT_KB} KB", use_inner_text=True, timeout=TIMEOUT)
    # Streamlit's own "1MB per file" line is hidden (waits out a style still arriving on a loaded machine).
    expect(zone).not_to_contain_text("MB", use_inner_text=True, timeout=TIMEOUT)


def test_each_page_names_itself_in_the_browser_tab(laptop: Page, app_server) -> None:
    """Three pages all called "TRD Navigator" in the tab: a clinician with several tabs, or a screen reader
    arriving on a page, could not tell them apart."""
    page = laptop
    for path, title in (("", "Questionnaire"), ("clinician", "Clinician view"), ("about", "About and sources")):
        page.goto(f"{app_server.url}/{path}")
        expect(page).to_have_title(f"{title} – TRD Navigator", timeout=TIMEOUT)


def test_a_choose_all_that_apply_question_is_a_group_named_by_its_question(laptop: Page, app_server) -> None:
    """Two boxes on the medicines step are both called "I'm not sure": only the group's name (the question)
    tells a screen reader user which question each belongs to, also after a box is ticked."""
    page = laptop
    start(page, app_server.url)
    for index, step in enumerate(STANDARD_PATH[:3]):
        answer_step(page, step)
        leave_step(page, STANDARD_PATH, index)
    answer_step(page, STANDARD_PATH[3])  # ticks a box: the names must survive the rerun
    medicines = page.get_by_role("group", name=re.compile("^Which kinds of antidepressant"))
    expect(medicines).to_be_visible(timeout=TIMEOUT)
    expect(medicines.get_by_role("checkbox", name="Bupropion")).to_be_checked()
    expect(medicines.get_by_role("checkbox", name="I'm not sure")).to_have_count(1)


def test_results_and_review_name_themselves_and_back_to_the_clinician_view_lands_on_its_heading(
        laptop: Page, app_server) -> None:
    """A clinician going back and forth in a session: each screen says where it is in the tab, and the
    keyboard focus lands on the heading of the screen it opens (it fell to the page after "Back to the
    clinician view")."""
    page = laptop
    start(page, app_server.url)
    after_rerun(page, page.get_by_role("link", name="Clinician view", exact=True).click)
    expect(page.get_by_role("heading", name="Clinician view")).to_be_visible(timeout=TIMEOUT)
    after_rerun(page, page.locator("[class*='st-key-persona_card_'] button").first.click)
    _press(page, "Open the results for these answers", RESULTS_HEADING, "a persona's results")
    expect(page).to_have_title("Your results – TRD Navigator", timeout=TIMEOUT)
    _press(page, "Back to the clinician view", "Clinician view", "back to the clinician view")
    expect(page).to_have_title("Clinician view – TRD Navigator", timeout=TIMEOUT)
    _press(page, "Open the results for these answers", RESULTS_HEADING, "the results again")
    _press(page, "Back to my answers", REVIEW_HEADING, "the review")
    expect(page).to_have_title("Check your answers – TRD Navigator", timeout=TIMEOUT)


def test_on_a_phone_the_folded_page_menu_is_no_hidden_tab_stop(phone: Page, app_server) -> None:
    """Closed, the side menu sits off-screen: Tab must not walk through its links unseen (walkthrough 2026-11-28)."""
    page = phone
    start(page, app_server.url)
    # The page's styles arrive with the first run; Tab is pressed once they are there (a slow machine).
    page.wait_for_function("""() => { const s = document.querySelector('[data-testid="stSidebar"]');
        return !!s && getComputedStyle(s).visibility === 'hidden'; }""", timeout=10_000)
    for _ in range(6):
        page.keyboard.press("Tab")
        inside = page.evaluate("() => !!document.activeElement.closest('[data-testid=\"stSidebar\"]')")
        assert not inside, "focus went into the closed side menu"
    # Opened, its links are there to use.
    opener = '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
    page.locator(opener).first.click()
    expect(page.get_by_role("link", name="Clinician view", exact=True)).to_be_visible(timeout=TIMEOUT)
    # Review 19 (v19-4): once a page is chosen the menu closes; it stayed open over the new page's crisis banner.
    page.get_by_role("link", name="About and sources", exact=True).click()
    expect(page.locator('[data-testid="stSidebar"]')).to_have_attribute("data-collapsed", "true", timeout=TIMEOUT)
    banner = crisis_banner(page)
    expect(banner).to_be_visible(timeout=TIMEOUT)
    on_top = banner.evaluate("""b => { const r = b.getBoundingClientRect();
        return b.contains(document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 20))); }""")
    assert on_top, "something covers the crisis banner after choosing a page"


def test_a_page_opened_from_the_top_navigation_puts_the_focus_on_its_heading(laptop: Page, app_server) -> None:
    """Review a16 (a16-8): after Enter on "Clinician view" or "About and sources" the focus stayed on the link and
    nothing was said; the next Tab went into the banner. A change of page is now a screen change: the focus
    lands on the new page's heading, as it does after Next."""
    page = laptop
    start(page, app_server.url)
    for link, heading in (("About and sources", "About TRD Navigator"), ("Clinician view", "Clinician view"),
                          ("Questionnaire", STANDARD_PATH[0].heading)):
        nav_link = page.get_by_role("link", name=link, exact=True)
        nav_link.focus()
        after_rerun(page, lambda: page.keyboard.press("Enter"))
        _assert_landed(page, heading, f"Enter on {link!r} in the top navigation")
