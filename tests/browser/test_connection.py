"""Nothing lost without a warning: when the server goes away or restarts, the page offers the answers
it last showed as a saved-progress file (made in the browser), and that file loads again.

This test starts its own app server (it stops and restarts it), on a port it keeps.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from components.browser import LOST_MESSAGE, RESTARTED_MESSAGE, RESTORE_LABEL, SAVE_LABEL
from tests.browser import conftest
from tests.browser.flows import SAFETY_QUESTION, TIMEOUT, pick, settle, start
from tests.content.lint import MAX_GRADE, grade


@pytest.fixture
def own_server(monkeypatch) -> Iterator[list]:
    port = conftest.free_port()
    monkeypatch.setattr(conftest, "free_port", lambda: port)
    servers = [conftest.start_app()]
    yield servers
    for server in servers:
        if server.process.poll() is None:
            conftest.stop_app(server)


@pytest.fixture
def page_(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    context = browser.new_context(**browser_context_args)
    yield context.new_page()
    context.close()


def test_the_notice_text_reads_plainly() -> None:
    for text in (LOST_MESSAGE, RESTARTED_MESSAGE, RESTORE_LABEL, SAVE_LABEL):
        assert grade(text) <= MAX_GRADE, (text, grade(text))


def test_a_dropped_connection_and_a_restart_offer_the_answers_as_a_file(page_: Page, own_server, tmp_path) -> None:
    page = page_
    start(page, own_server[0].url)
    pick(page, SAFETY_QUESTION, "No")
    pick(page, "Where do you live?", "United Kingdom")
    settle(page, 300)
    notice = page.locator("#trd-lost")
    expect(notice).to_have_count(0)
    conftest.stop_app(own_server[0])  # the server goes away (a crash or a restart)
    expect(notice).to_be_visible(timeout=TIMEOUT)
    expect(notice).to_have_attribute("role", "alert")
    expect(notice).to_contain_text("connection to TRD Navigator was lost")
    # Streamlit's dialog covers the crisis banner on a phone: the notice gives the region's first line.
    expect(notice).to_contain_text("Need help now? Samaritans: Call 116 123")
    expect(notice.locator('a[href="tel:116123"]')).to_have_count(1)
    expect(notice.locator('a[href="tel:999"]')).to_have_count(1)
    with page.expect_download(timeout=TIMEOUT) as info:
        notice.get_by_role("button", name=SAVE_LABEL).click()
    saved = json.loads(open(info.value.path()).read())
    assert saved["answers"] == {"safety_thoughts": "no", "region": "uk"}
    assert saved["schema_version"] == 1 and len(saved["export_id"]) == 32

    # The server comes back on the same address; the notice stays until closed, and the next click (which
    # the new server answers with a new, empty session) brings it back as "restarted", even after Close:
    # the walkthrough of 28 November closed it, clicked Next and lost every answer without a word.
    own_server.append(conftest.start_app())
    expect(page.get_by_test_id("stDialog")).to_have_count(0, timeout=30_000)
    expect(notice).to_be_visible()
    notice.get_by_role("button", name="Close").click()
    expect(notice).to_have_count(0)
    page.get_by_role("radiogroup", name=SAFETY_QUESTION).get_by_text("Yes", exact=True).click()
    expect(notice).to_contain_text("were cleared", timeout=TIMEOUT)
    # The new, empty session knows no region: the notice keeps the person's own line, not the fallback
    # directory (review 10, c10-2: a person back from a call to a crisis line found "Find A Helpline").
    expect(notice).to_contain_text("Need help now? Samaritans: Call 116 123")
    expect(notice.get_by_role("button", name=SAVE_LABEL)).to_be_visible()
    expect(page.get_by_role("radio", name="United Kingdom")).not_to_be_checked()
    # One tap brings them back, through the app's own upload checks: no file to find (review 10, c10-2).
    notice.get_by_role("button", name=RESTORE_LABEL).click()
    expect(page.get_by_text("Your saved answers are back (2 answers)").first).to_be_visible(timeout=TIMEOUT)
    expect(notice).to_be_hidden()
    page.get_by_role("button", name="Back", exact=True).click()
    expect(page.get_by_role("radio", name="United Kingdom")).to_be_checked(timeout=TIMEOUT)
