"""Low vision, high contrast, touch and motion, in real Chromium (review a9, 28 November 2026).

- Streamlit's header (60 px) stays over the top of the page: a control reached with Shift+Tab landed
  under it, out of sight (WCAG 2.4.11).
- Windows high contrast drops background colours: the chosen answer of every question, the safety one
  too, looked like the others, and the crisis banner lost its box.
- Each answer was 22.4 px tall with no gap, under the 24 px a finger needs (WCAG 2.5.8).
- With reduced motion asked for, the progress bar still slid.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page

from tests.browser.flows import SAFETY_QUESTION, complete_questionnaire, pick, settle, start

_FOCUSED = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const box = a.type === 'radio' || a.type === 'checkbox' ? (a.closest('label') || a) : a;
  const r = box.getBoundingClientRect();
  if (r.height > innerHeight / 2) return null;  // the page itself
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const ys = [0.25, 0.5, 0.75].map(f => r.top + f * r.height).filter(y => y >= 0 && y < innerHeight);
  const mine = ys.filter(y => {
    const hit = document.elementFromPoint(x, y);
    return hit && (box.contains(hit) || hit.contains(box));
  });
  const name = (box.innerText || a.getAttribute('aria-label') || a.tagName).trim().split('\\n')[0];
  return {name, seen: mine.length / 3};
}"""


def _new_page(browser: Browser, context_args: dict, **extra) -> Page:
    return browser.new_context(**{**context_args, **extra}).new_page()


def test_a_control_reached_backwards_by_keyboard_is_never_hidden_under_the_header(browser: Browser,
                                                                                browser_context_args: dict,
                                                                                app_server) -> None:
    page = _new_page(browser, browser_context_args, viewport={"width": 1280, "height": 800})
    try:
        start(page, app_server.url)
        complete_questionnaire(page)
        settle(page)
        page.get_by_role("button", name="See my results", exact=True).focus()
        hidden, reached = [], 0
        for _ in range(30):
            page.keyboard.press("Shift+Tab")
            page.wait_for_timeout(80)
            focused = page.evaluate(_FOCUSED)
            if focused:
                reached += 1
                if focused["seen"] < 0.9:
                    hidden.append(focused)
        assert reached >= 20
        assert hidden == [], f"focused but under the header: {hidden}"
    finally:
        page.context.close()


def test_the_chosen_answer_and_the_crisis_banner_show_in_windows_high_contrast(browser: Browser,
                                                                             browser_context_args: dict,
                                                                             app_server) -> None:
    page = _new_page(browser, browser_context_args, forced_colors="active", color_scheme="dark")
    try:
        start(page, app_server.url)
        pick(page, SAFETY_QUESTION, "No")
        settle(page)
        circles = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stRadioOption"]')]
          .map(o => [o.innerText.trim(), o.getAttribute('data-selected') === 'true',
                     getComputedStyle(o.querySelector(':scope > div > div:first-child')).backgroundColor])""")
        chosen = {colour for _, selected, colour in circles if selected}
        others = {colour for _, selected, colour in circles if not selected}
        assert [name for name, selected, _ in circles if selected] == ["No"]
        assert chosen and not chosen & others, f"the chosen answer looks like the others: {circles}"
        border = page.locator(".st-key-crisis_banner [class*='st-key-note_']").first.evaluate(
            "e => getComputedStyle(e).borderTopWidth")
        assert float(border.removesuffix("px")) >= 2, "the crisis banner has no box in high contrast"
    finally:
        page.context.close()


def test_every_answer_is_big_enough_to_tap_and_nothing_slides_when_motion_is_unwanted(browser: Browser,
                                                                                     browser_context_args: dict,
                                                                                     app_server) -> None:
    page = _new_page(browser, browser_context_args, viewport={"width": 390, "height": 844}, is_mobile=True,
                     has_touch=True, reduced_motion="reduce")
    try:
        start(page, app_server.url)
        settle(page)
        heights = page.locator("[data-testid='stRadioOption']").evaluate_all(
            "os => os.map(o => o.getBoundingClientRect().height)")
        assert len(heights) >= 5 and min(heights) >= 24, heights
        slides = page.evaluate("""() => [...document.querySelectorAll('[data-testid="stProgress"] *')]
          .map(e => parseFloat(getComputedStyle(e).transitionDuration) || 0)""")
        assert slides and max(slides) <= 0.001, slides
    finally:
        page.context.close()


def test_a_focused_crisis_link_has_a_ring_that_shows_in_windows_high_contrast(browser: Browser,
                                                                              browser_context_args: dict,
                                                                              app_server) -> None:
    """Review a16 (a16-2): links in text had no outline, only Streamlit's faint shadow (about 2.5:1), which high
    contrast removes: a keyboard user could not see which crisis number was focused before pressing Enter."""
    for forced in ("none", "active"):
        page = _new_page(browser, browser_context_args, forced_colors=forced)
        try:
            start(page, app_server.url)
            pick(page, "Where do you live?", "United Kingdom")
            settle(page)
            link = page.locator(".st-key-crisis_banner a[href='tel:116123']").first
            link.focus()
            page.keyboard.press("Shift+Tab")  # focus-visible comes with the keyboard: back, then forward to it
            page.keyboard.press("Tab")
            ring = link.evaluate("""e => { const s = getComputedStyle(e);
              return [document.activeElement === e, s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
            assert ring[0], f"the link was not focused ({forced})"
            assert ring[1] == "solid" and ring[2] >= 2, f"no visible focus ring on a crisis link ({forced}): {ring}"
        finally:
            page.context.close()
