"""Pictures of 100 people and the comparison on the results page, in real Chromium.

The standard path (open to talking therapy) starts the comparison from keeping the current
treatment and talking therapy, so at least two pictures are drawn. Each must be a real
chart in the page, carry its text equivalent as its accessible name (and nothing else read
out from inside it), and show that same text under it. On a 390 x 844 phone, with every
option chosen, the page must not pan sideways: each picture (both arrays and the key) fits
its card, a person is the same size in both arrays, and the comparison is one block per
option (the table is for wide screens), with the starred rows still starred and tinted.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from engine.figures import PICTURE_NAME
from tests.browser.flows import (
    STANDARD_PATH,
    TIMEOUT,
    Step,
    after_rerun,
    complete_questionnaire,
    see_results,
    settle,
    start,
)

CHARTS = '[data-testid="stVegaLiteChart"]'
CARDS = '[class*="st-key-picture_"]'
BLOCKS = '[class*="st-key-compare_block_"]'
PHONE = {"width": 390, "height": 844}
WORRY = "Effects on memory"  # stars the row "What side effects can it have?"
STARRED = "What side effects can it have? ★"
# The standard path, also worried about memory.
WORRIED_PATH = tuple(Step(s.heading, s.radios, (*s.ticks, WORRY)) if s.heading == "Your views on treatment" else s
                     for s in STANDARD_PATH)


def _results_with_pictures(page: Page, url: str, path: tuple[Step, ...] = STANDARD_PATH) -> None:
    start(page, url)
    complete_questionnaire(page, path)
    see_results(page)
    expect(page.get_by_role("heading", name="Pictures of 100 people")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(CHARTS).nth(1)).to_be_visible(timeout=TIMEOUT)
    settle(page)


def _choose_every_option(page: Page) -> None:
    picker = page.get_by_test_id("stMultiSelect")
    picker.locator("input").focus()
    page.keyboard.press("ArrowDown")
    everything = page.get_by_role("option", name="Select all")
    expect(everything).to_be_visible(timeout=TIMEOUT)
    after_rerun(page, everything.click)
    page.keyboard.press("Escape")
    settle(page)


def _no_sideways_scroll(page: Page) -> None:
    """Neither the page nor Streamlit's main area (which scrolls itself) is wider than the screen."""
    widths = page.evaluate("""() => { const main = document.querySelector('[data-testid="stMain"]');
        return {page: document.documentElement.scrollWidth, screen: window.innerWidth,
                main: main.scrollWidth, mainBox: main.clientWidth}; }""")
    assert widths["page"] <= widths["screen"] and widths["main"] <= widths["mainBox"], widths


def test_at_least_two_pictures_named_to_point_at_the_sentence_under_them(page: Page, app_server) -> None:
    _results_with_pictures(page, app_server.url)
    charts = page.locator(CHARTS)
    assert charts.count() >= 2
    for i in range(charts.count()):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        drawn = chart.locator("canvas, svg").first
        expect(drawn).to_be_visible(timeout=TIMEOUT)
        box = drawn.bounding_box()
        assert box and box["width"] > 200 and box["height"] > 150, f"chart {i} is not drawn: {box}"
        names = page.evaluate("(el) => [el, ...el.querySelectorAll('[aria-label]')]"
                              ".map(n => n.getAttribute('aria-label')).filter(Boolean)", chart.element_handle())
        points = page.evaluate("(el) => el.querySelectorAll('[aria-label^=\"col:\"]').length", chart.element_handle())
        assert points == 0, f"chart {i}: {points} points are read out one by one"
        # Its name points to the sentence under it (review a9-10: named by that sentence, it was read twice).
        assert PICTURE_NAME.rstrip(".") in names[0], f"chart {i} is not named: {names!r}"
        assert not any(" in 100 people " in name for name in names), f"chart {i} is read out twice: {names!r}"
        # Only its name is read: not the arrays' titles, whose lines would run together.
        inside = chart.aria_snapshot()
        assert "With" not in inside, f"chart {i} reads out its drawing: {inside!r}"
        # Review a16 (a16-7): inside, Vega's groups kept roles with no names ("group mark container") and a title's
        # wrapped lines ran together ("sameantidepressant"): the drawing is hidden, so the named picture is alone.
        hidden = page.evaluate("""(el) => [...el.querySelectorAll('svg')].map(svg =>
            svg.getAttribute('aria-hidden') === 'true' || !!svg.closest('[aria-hidden=true]'))""",
                               chart.element_handle())
        assert hidden and all(hidden), f"chart {i}: its drawing is not hidden from screen readers"
        assert len(inside.strip().splitlines()) <= 1, f"chart {i} has parts a screen reader can enter: {inside!r}"
        card = page.locator(CARDS).nth(i)
        expect(card.get_by_text(" in 100 people ").first).to_be_visible()
    # A wide screen has the comparison as a table, and not also as blocks.
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.locator(BLOCKS).first).to_be_hidden()


def test_pictures_and_comparison_fit_a_phone_screen(browser: Browser, browser_context_args: dict, app_server) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    page = context.new_page()
    try:
        _results_with_pictures(page, app_server.url, WORRIED_PATH)
        _choose_every_option(page)
        _no_sideways_scroll(page)

        # The comparison: no table, one block per option (past four options there is no table at any width,
        # review 15, n15-5), each within the screen.
        expect(page.get_by_role("table")).to_have_count(0)  # hidden, so not read out either
        blocks = page.locator(BLOCKS)
        options = [blocks.nth(i).get_by_role("heading", level=3).inner_text() for i in range(blocks.count())]
        assert len(options) >= 6, options
        for i in range(blocks.count()):
            block = blocks.nth(i)
            block.scroll_into_view_if_needed()
            box = block.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"block {i}: {box}"
            starred = block.locator("dt", has_text=STARRED)
            expect(starred).to_be_visible()
            tint = starred.evaluate("el => getComputedStyle(el).backgroundColor")
            assert tint not in ("rgba(0, 0, 0, 0)", "transparent"), f"block {i}: the starred row is not tinted"
        # A screen reader meets the options' headings, in order, just before the pictures.
        headings = page.get_by_role("heading", level=3).all_inner_texts()
        pictures = headings.index("Pictures of 100 people")
        assert headings[pictures - len(options):pictures] == options, headings

        # The pictures: each one whole inside its card and the screen; a person one size in both arrays.
        charts = page.locator(CHARTS)
        assert charts.count() >= len(options)
        for i in range(charts.count()):
            chart = charts.nth(i)
            chart.scroll_into_view_if_needed()
            box = chart.locator("svg").first.bounding_box()
            card = page.locator(CARDS).nth(i).bounding_box()
            assert box and card, f"chart {i} is not drawn"
            right, card_right = box["x"] + box["width"], card["x"] + card["width"]
            assert 0 <= card["x"] <= box["x"] and right <= card_right <= PHONE["width"], \
                f"chart {i} overflows its card or the screen: {box} in {card}"
            sizes = chart.evaluate("""el => ['concat_0_marks', 'concat_1_marks'].map(name => {
                const icons = el.querySelectorAll(`g.${name} path`);
                if (!icons.length) return null;
                const last = icons[icons.length - 1].getBoundingClientRect();  // someone who did not
                return [Math.round(last.width * 10) / 10, Math.round(last.height * 10) / 10]; })""")
            if sizes[1] is not None:
                assert sizes[0] == sizes[1], f"chart {i}: a person is drawn at two sizes: {sizes}"
        _no_sideways_scroll(page)
    finally:
        context.close()
