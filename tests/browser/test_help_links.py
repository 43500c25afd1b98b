"""On a phone the results page is some fifty screens long: crisis help is one tap away from anywhere in it.

"The crisis lines at the top of this page" in a section is a link up to the banner, and the page
ends with the region's first line and emergency number again. Headings keep their ids but no
"link to heading" tab stops (there were sixteen between a keyboard user and the take-away part).
"""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from tests.browser.flows import TIMEOUT, crisis_banner, results_at

PHONE = {"width": 390, "height": 844}


def test_a_sections_pointer_to_the_crisis_lines_takes_a_phone_back_up_to_them(browser: Browser,
                                                                            browser_context_args: dict,
                                                                            app_server) -> None:
    with results_at(browser, browser_context_args, app_server.url, PHONE) as page:
        links = page.locator("[class*='st-key-section_'] a[href='#help-now']")
        assert links.count() >= 1, "no section links up to the crisis lines"
        reminder = page.get_by_text("The full list is").last
        reminder.scroll_into_view_if_needed()
        expect(reminder).to_be_visible(timeout=TIMEOUT)
        banner = crisis_banner(page)
        assert banner.bounding_box()["y"] < -1000, "the page was not scrolled far from the banner"
        link = links.last
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_timeout(600)
        box = banner.bounding_box()
        # Below Streamlit's header, which stays over the top of the page: at y 0 the region's first line was
        # under it (review a9-2).
        header = page.locator("header[data-testid='stHeader']").bounding_box()
        assert box is not None and header["y"] + header["height"] - 1 <= box["y"] < PHONE["height"] - 40, (
            f"the banner's first line is not in view below the header: {box}, header {header}")
        assert page.evaluate("() => location.hash") in ("#help-now", ""), "the link must only name the anchor"
        tab_stops = page.locator("[data-testid='stHeaderActionElements'] a:visible")
        assert tab_stops.count() == 0
        # Review 19 (v19-1): a download's label wraps on a phone, never cut to "... easiest with a".
        cut = page.locator("[data-testid='stDownloadButton'] button").evaluate_all(
            "buttons => buttons.filter(b => [b, ...b.querySelectorAll('*')]"
            ".some(n => n.scrollWidth > n.clientWidth + 1)).map(b => b.innerText)")
        assert page.locator("[data-testid='stDownloadButton']").count() >= 3 and cut == [], cut
        first_alert = banner.locator("[class*='st-key-note_']").first  # the banner's box (frame.note)
        gap = first_alert.bounding_box()["y"] - banner.bounding_box()["y"]
        assert gap <= 2, f"the anchor takes room in the banner: its first line starts {gap} px down"
