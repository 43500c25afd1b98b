"""A person clicks through the questionnaire in real Chromium and reaches the results."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.flows import TIMEOUT, choose, next_step, open_app, tick

SAFETY_LABEL = re.compile(r"^In the past two weeks")


def test_click_through_to_results(page: Page, app_server) -> None:
    open_app(page, app_server.url)
    # Crisis lines are visible before any answer.
    expect(page.get_by_text("Need help now?")).to_be_visible()
    choose(page, SAFETY_LABEL, "No")
    choose(page, "Where do you live?", "United Kingdom")
    expect(page.get_by_text("Samaritans").first).to_be_visible(timeout=TIMEOUT)
    next_step(page, "About you")
    choose(page, "Who is filling this in?", "I am answering for myself")
    choose(page, "What is your age group?", "25 to 59")
    next_step(page, "This time of depression")
    choose(page, "How long has this time of depression lasted so far?", "More than 2 years")
    next_step(page, "Medicines you have tried")
    choose(page, re.compile("^How many different antidepressants"), "Two")
    choose(page, re.compile("^Which comes closest"), "They helped part of the way, but not enough")
    tick(page, "Bupropion")
    next_step(page, "Other treatments you have tried")
    next_step(page, "Your mood over the years")
    choose(page, re.compile("^Have you ever had a few days"), "No")
    next_step(page, "Your physical health")
    next_step(page, "Your life right now")
    next_step(page, "Your views on treatment")
    tick(page, "Talking therapy")
    next_step(page, "What matters most, and how ready you feel (optional)")
    page.get_by_role("button", name="Review my answers").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Bupropion")).to_be_visible()
    page.get_by_role("button", name="See my results").click()
    expect(page.get_by_role("heading", name="Your information sections")).to_be_visible(timeout=TIMEOUT)
    # Sections chosen by the answers, in order, each explaining itself.
    expect(page.get_by_role("heading", name="Adding a medicine", exact=False).first).to_be_visible()
    headings = page.locator("[class*='st-key-section_'] h3").all_inner_texts()
    assert headings[-1].startswith("Getting ready"), headings
    expect(page.get_by_text("does not diagnose").first).to_be_visible()
    expect(page.get_by_text("Samaritans").first).to_be_visible()
    page.screenshot(path="/tmp/trd_results.png")
