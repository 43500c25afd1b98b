"""Pictures of 100 people on the results page, in real Chromium: drawn, named, and said in words.

The standard path (open to talking therapy) starts the comparison from keeping the current
treatment and talking therapy, so at least two pictures are drawn. Each must be a real
chart in the page, carry its text equivalent as its accessible name, show that same text
under it, and fit a phone screen without sideways scrolling.
"""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.flows import TIMEOUT, complete_questionnaire, see_results, settle, start

CHARTS = '[data-testid="stVegaLiteChart"]'


def _results_with_pictures(page: Page, url: str) -> None:
    start(page, url)
    complete_questionnaire(page)
    see_results(page)
    expect(page.get_by_role("heading", name="Pictures of 100 people")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(CHARTS).nth(1)).to_be_visible(timeout=TIMEOUT)
    settle(page)


def test_at_least_two_pictures_with_their_words_as_name_and_text(page: Page, app_server) -> None:
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
        name = page.evaluate("(el) => [el, ...el.querySelectorAll('[aria-label]')]"
                             ".map(n => n.getAttribute('aria-label'))"
                             ".find(label => label && label.includes(' in 100 people ')) || ''", chart.element_handle())
        points = page.evaluate("(el) => el.querySelectorAll('[aria-label^=\"col:\"]').length", chart.element_handle())
        assert points == 0, f"chart {i}: {points} points are read out one by one"
        assert " in 100 people " in name, f"chart {i} has no text equivalent: {name!r}"
        card = page.locator('[class*="st-key-picture_"]').nth(i)
        expect(card.get_by_text(name, exact=True)).to_be_visible()


def test_pictures_fit_a_phone_screen(browser: Browser, browser_context_args: dict, app_server) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 390, "height": 844}})
    page = context.new_page()
    try:
        _results_with_pictures(page, app_server.url)
        for i in range(page.locator(CHARTS).count()):
            chart = page.locator(CHARTS).nth(i)
            chart.scroll_into_view_if_needed()
            box = chart.locator("canvas, svg").first.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1, f"chart {i} overflows: {box}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()
