"""Reusable steps for browser tests: what a person does, in Playwright terms."""

from __future__ import annotations

from playwright.sync_api import Page, expect

TIMEOUT = 15_000


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="First, your safety")).to_be_visible(timeout=TIMEOUT)


def choose(page: Page, question_label: str, option: str) -> None:
    """Pick a radio option inside the radio group labelled by the question."""
    group = page.get_by_role("radiogroup", name=question_label)
    group.get_by_text(option, exact=True).click()
    expect(group.get_by_role("radio", name=option, exact=True)).to_be_checked(timeout=TIMEOUT)
    wait_idle(page)


def tick(page: Page, option: str) -> None:
    box = page.get_by_role("checkbox", name=option, exact=True)
    if not box.is_checked():
        page.get_by_test_id("stCheckbox").filter(has=box).get_by_text(option, exact=True).click()
    expect(box).to_be_checked(timeout=TIMEOUT)
    wait_idle(page)


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished the rerun a click started (its status widget goes away)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
    )


def next_step(page: Page, expect_heading: str) -> None:
    page.get_by_role("button", name="Next", exact=True).click()
    expect(page.get_by_role("heading", name=expect_heading)).to_be_visible(timeout=TIMEOUT)
