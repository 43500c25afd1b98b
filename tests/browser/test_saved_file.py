"""Continue from a saved file, in real Chromium: what the person sees after each upload attempt.

- A file whose safety answer is worrying shows the supportive screen before its review,
  as answering by hand does, headed for a file (nothing was just answered).
- Every new attempt clears the message about the last one, also when the browser itself
  refuses the file (another type, or over Streamlit's size cap) and the app never hears of it;
  the page then says so under the uploader (Streamlit's reason is a tooltip a phone never shows).
"""

from __future__ import annotations

import json
import re

from playwright.sync_api import Page, expect

from components.resume import REFUSED_BY_BROWSER
from tests.browser.flows import (
    REVIEW_HEADING,
    SAFETY_QUESTION,
    TIMEOUT,
    after_rerun,
    pick,
    start,
    upload_saved_progress,
)

FIRST_HEADING = "First, your safety"
REFUSED = re.compile("nothing was changed", re.I)
FILE_SUPPORT_HEADING = "Before you see your answers"  # components/support.py FILE_HEADING


def _saved(safety: str) -> bytes:
    return json.dumps({"schema_version": 1, "answers": {
        "safety_thoughts": safety, "region": "au", "role": "self", "age_group": "25_to_59",
        "episode_duration": "unsure", "antidepressants_tried": "one", "mood_highs": "no"}}).encode()


def _our_message(page: Page):
    return page.get_by_role("alert").filter(has_text=REFUSED)


def _choose_in_uploader(page: Page, name: str, mime: str, data: bytes) -> None:
    """Give the uploader a file without waiting for a run (the browser may refuse it, and then none follows)."""
    page.locator("[data-testid='stFileUploaderDropzoneInput']").last.set_input_files(
        files=[{"name": name, "mimeType": mime, "buffer": data}])


def test_a_file_with_a_worrying_safety_answer_shows_the_support_screen_then_the_review(page: Page, app_server) -> None:
    start(page, app_server.url)
    upload_saved_progress(page, "progress.json", _saved("yes"))
    expect(page.get_by_role("heading", name=FILE_SUPPORT_HEADING, exact=True)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=REVIEW_HEADING)).to_have_count(0)
    expect(page.locator(".st-key-support_lines")).to_contain_text("13 11 14")  # the file's region: Australia
    after_rerun(page, page.get_by_role("button", name="Continue when you are ready", exact=True).click)
    expect(page.get_by_role("heading", name=REVIEW_HEADING)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Your saved answers are back (7 answers)")).to_be_visible(timeout=TIMEOUT)


def test_every_new_upload_attempt_clears_the_message_about_the_last_one(page: Page, app_server) -> None:
    start(page, app_server.url)
    pick(page, SAFETY_QUESTION, "No")
    upload_saved_progress(page, "unknown-ids.json", json.dumps({"favourite_colour": "blue"}).encode())
    expect(_our_message(page)).to_be_visible(timeout=TIMEOUT)
    # Another type: Streamlit's own red note, and our message about the last file goes at once.
    _choose_in_uploader(page, "notes.txt", "text/plain", b"my notes")
    expect(page.locator("[data-testid='stFileUploader']")).to_contain_text(re.compile("not allowed", re.I),
                                                                            timeout=TIMEOUT)
    expect(_our_message(page)).to_be_hidden()
    # Streamlit gives its reason only in a tooltip, which a phone never shows: the page says it under the uploader.
    expect(page.get_by_text(REFUSED_BY_BROWSER)).to_be_visible(timeout=TIMEOUT)
    # A file the app checks brings its own message, and the uploader is empty again.
    upload_saved_progress(page, "empty.json", b"")
    expect(_our_message(page)).to_be_visible(timeout=TIMEOUT)
    expect(_our_message(page)).to_contain_text("This file is empty")
    expect(page.locator("[data-testid='stFileChip']")).to_have_count(0)
    expect(page.get_by_text(REFUSED_BY_BROWSER)).to_be_hidden()
    # Over Streamlit's own size cap: the same.
    _choose_in_uploader(page, "huge.json", "application/json", b"[" + b"0," * 600_000 + b"0]")
    expect(page.locator("[data-testid='stFileUploader']")).to_contain_text(re.compile("1.0MB or smaller", re.I),
                                                                            timeout=TIMEOUT)
    expect(_our_message(page)).to_be_hidden()
    expect(page.get_by_text(REFUSED_BY_BROWSER)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_role("heading", name=FIRST_HEADING)).to_be_visible()
    expect(page.get_by_role("radio", name="No", exact=True)).to_be_checked()


def test_the_loaded_message_on_the_review_goes_when_a_new_attempt_starts(page: Page, app_server) -> None:
    start(page, app_server.url)
    upload_saved_progress(page, "progress.json", _saved("no"))
    loaded = page.get_by_text("Your saved answers are back")
    expect(loaded).to_be_visible(timeout=TIMEOUT)
    upload_saved_progress(page, "progress.json", _saved("no"))  # the expander may be closed: the helper opens it
    expect(loaded).to_be_visible(timeout=TIMEOUT)
    _choose_in_uploader(page, "notes.txt", "text/plain", b"my notes")
    expect(page.locator("[data-testid='stFileUploader']")).to_contain_text(re.compile("not allowed", re.I),
                                                                            timeout=TIMEOUT)
    expect(loaded).to_be_hidden()


def test_on_a_phone_why_a_file_was_refused_is_on_screen(browser, browser_context_args: dict, app_server) -> None:
    """Review 19 (v19-2): at 390 x 844 the refusal was drawn below the uploader and ended under the screen's
    bottom edge, so a sighted person saw only the top of a red box. It now comes first in the part, where the
    uploader was, and the whole message is on screen."""
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 390, "height": 844},
                                     "is_mobile": True, "has_touch": True})
    try:
        page = context.new_page()
        start(page, app_server.url)
        pick(page, SAFETY_QUESTION, "No")
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
        upload_saved_progress(page, "progress.json", png)
        message = _our_message(page)
        expect(message).to_be_visible(timeout=TIMEOUT)
        box = message.bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 844, box
        uploader = page.locator("[data-testid='stFileUploader']").last.bounding_box()
        assert box["y"] < uploader["y"], "the reason comes before the uploader"
    finally:
        context.close()
