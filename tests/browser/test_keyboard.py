"""Keyboard only: Tab, Shift+Tab, the arrow keys, Space and Enter complete the questionnaire.

No mouse click anywhere. One walk (a module fixture) goes from the first screen to the
results, opening a "Why am I seeing this?" panel and going Back once on the way; the
tests then check where it got to and that focus was visible at every place it landed.

"Visible" (WCAG 2.4.7, with 1.4.11's 3:1 for a change of colour): while focused, the
control (for a radio or checkbox: its label, which is what is drawn) shows an outline
or a focus shadow it does not have otherwise, or its background or border changes by
a contrast of at least 3:1.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.flows import (
    RESULTS_HEADING,
    REVIEW_HEADING,
    STANDARD_PATH,
    TIMEOUT,
    FocusLog,
    FocusStop,
    focus_on,
    key_answer_step,
    key_press_button,
    press,
    section_ids,
    start,
)

MIN_CONTRAST = 3.0
WHY_SECTION = "augmentation"  # chosen on STANDARD_PATH by "helped part of the way, but not enough"


@dataclass
class Walk:
    page: Page
    log: FocusLog
    headings: list[str]
    kept_after_back: bool


@pytest.fixture(scope="module")
def walk(browser: Browser, browser_context_args: dict, app_server) -> Iterator[Walk]:
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    log = FocusLog()
    headings: list[str] = []
    start(page, app_server.url)
    path = STANDARD_PATH
    kept_after_back = False
    for index, step in enumerate(path):
        key_answer_step(page, step, log)
        headings.append(page.locator("h1").first.inner_text())
        if index == 1:
            # Back with the keyboard, then forward again: the answers of both steps are kept.
            key_press_button(page, "Back", log, key="Space")
            expect(page.get_by_role("heading", name=path[0].heading)).to_be_visible(timeout=TIMEOUT)
            kept_after_back = page.get_by_role("radio", name="United Kingdom").is_checked()
            key_press_button(page, "Next", log)
            expect(page.get_by_role("heading", name=step.heading)).to_be_visible(timeout=TIMEOUT)
            kept_after_back = kept_after_back and page.get_by_role("radio", name="25 to 59").is_checked()
        last = index == len(path) - 1
        key_press_button(page, "Review my answers" if last else "Next", log)
        following = REVIEW_HEADING if last else path[index + 1].heading
        expect(page.get_by_role("heading", name=following, exact=True)).to_be_visible(timeout=TIMEOUT)
    headings.append(page.locator("h1").first.inner_text())
    key_press_button(page, "See my results", log)
    expect(page.get_by_role("heading", name=RESULTS_HEADING, exact=True)).to_be_visible(timeout=TIMEOUT)
    headings.append(page.locator("h1").first.inner_text())
    # Open "Why am I seeing this?" of a section chosen by the person's answers, with the keyboard.
    why = page.locator(f".st-key-section_{WHY_SECTION} summary").filter(has_text="Why am I seeing this?")
    focus_on(page, why, log)
    press(page, "Enter", log)
    # The note box: its focus showed only a faint border change (walkthrough 2026-11-28).
    focus_on(page, page.locator("textarea").first, log)
    press(page, "Tab", log)
    log.observe(page)  # records how the last stop looks once focus is elsewhere, if it moves
    yield Walk(page, log, headings, kept_after_back)
    context.close()


def test_keyboard_alone_completes_the_questionnaire_and_reaches_the_results(walk: Walk) -> None:
    assert walk.headings == [s.heading for s in STANDARD_PATH] + [REVIEW_HEADING, RESULTS_HEADING]
    assert walk.kept_after_back, "going Back and Next with the keyboard lost an answer"
    shown = section_ids(walk.page)
    assert shown[-1] == "preparing_for_appointment" and WHY_SECTION in shown, shown
    # The panel opened by Enter shows the reasons, with the person's own answer in them.
    why = walk.page.locator(f".st-key-section_{WHY_SECTION} details").first
    expect(why).to_have_attribute("open", "")
    expect(why).to_contain_text("You said")
    expect(why).to_contain_text("They helped part of the way, but not enough")
    # Every kind of control was reached by the keyboard.
    kinds = {stop.what.split(" ")[0] for stop in walk.log.stops}
    assert {"input[radio]", "input[checkbox]", "button[submit]", "summary", "textarea[textarea]"} <= kinds, kinds


def _rgb(color: str) -> tuple[float, float, float]:
    """A CSS rgb()/rgba() colour composited over the white page."""
    parts = [float(x) for x in re.findall(r"[\d.]+", color)] or [255, 255, 255]
    r, g, b, a = (parts + [1.0])[:4]
    return tuple(c * a + 255 * (1 - a) for c in (r, g, b))  # type: ignore[return-value]


def _luminance(color: str) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def focus_is_visible(stop: FocusStop) -> bool:
    focused = stop.focused["styles"]
    unfocused = stop.unfocused["styles"] if stop.unfocused else [{}] * len(focused)
    if len(unfocused) != len(focused):
        unfocused = [{}] * len(focused)
    for on, off in zip(focused, unfocused):
        if on["outline"] and on["outline"] != off.get("outline"):
            return True
        if on["shadow"] and on["shadow"] != off.get("shadow"):
            return True
        for prop in ("background", "border"):
            if off.get(prop) and contrast(on[prop], off[prop]) >= MIN_CONTRAST:
                return True
    return False


def test_focus_is_visible_wherever_it_lands(walk: Walk) -> None:
    assert len(walk.log.stops) > 30, "the walk recorded too few focus stops to mean anything"
    invisible: dict[str, list[str]] = {}
    for stop in walk.log.stops:
        if not focus_is_visible(stop):
            kind, _, name = stop.what.partition(" ")
            names = invisible.setdefault(kind, [])
            if name not in names:
                names.append(name)
    assert not invisible, (
        "focus is not visible (no outline or focus shadow, and no 3:1 change of colour) on:\n"
        + "\n".join(f"  {kind}: {len(names)} controls, e.g. {', '.join(names[:4])}"
                     for kind, names in sorted(invisible.items())))


def test_a_screen_heading_is_no_extra_tab_stop(walk: Walk) -> None:
    """Streamlit adds a "link to heading" anchor to every title: a tab stop with no use here, and a chain
    icon beside the heading on a phone after each screen change. Screen titles have none."""
    assert walk.page.locator("h1").count() == 1
    assert walk.page.locator("h1 a").count() == 0


def test_an_options_tag_shows_a_clear_focus_ring_and_its_cross_is_big_enough_to_tap(walk: Walk) -> None:
    """Walkthrough of 28 November: a tag in "Options to compare" showed focus only as a faint pink glow on
    dark red, and its remove cross was 15 x 7 px (WCAG 2.5.8 asks for 24 x 24)."""
    page = walk.page
    tag = page.locator('[data-testid="stMultiSelect"] [data-tag]').first
    focus_on(page, tag)
    look = tag.evaluate("t => { const s = getComputedStyle(t); "
                        "return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }")
    assert look == ["solid", "2px", "rgb(29, 63, 145)"], look
    cross = tag.locator("button").bounding_box()
    assert cross is not None and cross["width"] >= 24 and cross["height"] >= 24, cross
