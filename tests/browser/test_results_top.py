"""The results open with the decision in view, on a laptop and on a phone, in real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.flows import TIMEOUT, results_at

DECISION = "You and your clinician are choosing what to try next"


@pytest.mark.parametrize("viewport", [{"width": 1366, "height": 768}, {"width": 390, "height": 844}],
                         ids=["laptop", "phone"])
def test_results_open_at_the_top_with_the_decision_in_view(browser: Browser, browser_context_args: dict,
                                                           app_server, viewport: dict) -> None:
    with results_at(browser, browser_context_args, app_server.url, viewport) as page:
        decision = page.get_by_text(DECISION).first
        expect(decision).to_be_visible(timeout=TIMEOUT)
        box = decision.bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + 20 <= viewport["height"], \
            f"the decision is not in view at {viewport}: {box}"
        glance = page.get_by_role("heading", name="Your results at a glance")
        expect(glance).to_be_attached()
