"""Hostile input in real Chromium: typed HTML stays text, and bad saved-progress files change nothing.

The payloads set `window.__pwned` if they ever run. After each one the test checks that
the flag is still undefined, that the literal text is what the person sees, and (for
uploads) that a clear message says what is wrong while the answers stay as they were.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.flows import (
    REVIEW_HEADING,
    SAFETY_QUESTION,
    STANDARD_PATH,
    TIMEOUT,
    after_rerun,
    complete_questionnaire,
    pick,
    see_results,
    start,
    upload_saved_progress,
)

NOTES_LABEL = "Anything you want your clinician to know"
IMG = '<img src=x onerror="window.__pwned=1">'
SCRIPT = "<script>window.__pwned=1</script>"
SVG = "<svg onload=window.__pwned=1></svg>"
LINK = "[click me](javascript:window.__pwned=1)"
HOSTILE_NOTE = f"Before {IMG} middle {SCRIPT} then {SVG} and {LINK} end"


def _not_pwned(page: Page) -> None:
    assert page.evaluate("() => typeof window.__pwned") == "undefined", "injected code ran"
    assert page.locator("img[src='x'], main script, svg[onload]").count() == 0, "injected markup was rendered"


def _download_markdown(page: Page) -> str:
    with page.expect_download(timeout=TIMEOUT) as info:
        page.get_by_role("button", name="Summary as a text file (Markdown)").click()
    return open(info.value.path(), encoding="utf-8").read()


def test_html_and_script_in_the_notes_are_shown_as_text_and_never_run(page: Page, app_server) -> None:
    start(page, app_server.url)
    complete_questionnaire(page, STANDARD_PATH)
    see_results(page)
    notes = page.get_by_role("textbox", name=NOTES_LABEL)
    notes.fill(HOSTILE_NOTE)
    after_rerun(page, lambda: notes.press("Tab"))
    _not_pwned(page)
    # After the app has taken the note in and drawn the page again, the box holds the literal text.
    expect(notes).to_have_value(HOSTILE_NOTE)
    _not_pwned(page)
    # The note goes into the Markdown summary escaped, so no Markdown viewer would render it as HTML.
    markdown = _download_markdown(page)
    for raw in (IMG, SCRIPT, SVG):
        assert raw not in markdown, f"{raw!r} is in the Markdown summary unescaped"
    # A link needs an unescaped "](": "\](" is a plain bracket (and its "[" is escaped too).
    assert not re.search(r"(?<!\\)\]\(javascript:", markdown), "a javascript: link is in the Markdown summary"
    assert "\\[click me\\]" in markdown
    # ... but every character of it is there once the Markdown and HTML escapes are read back.
    assert HOSTILE_NOTE in html.unescape(markdown.replace("\\", "")), "the note is missing from the summary"
    _not_pwned(page)


# (file name, contents, words the message must contain). Each file is uploaded in turn.
BAD_FILES = [
    ("too-big.json", json.dumps({"schema_version": 1, "answers": {"region": "uk"}, "pad": "x" * 100_000}).encode(),
     re.compile("too big", re.I)),
    ("not-json.json", b"this is not { json", re.compile("broken or cut short", re.I)),
    ("not-text.json", bytes(range(256)) * 4, re.compile("broken or cut short|not text", re.I)),
    ("old-version.json", json.dumps({"schema_version": 99, "answers": {"region": "au"}}).encode(),
     re.compile("another version of TRD Navigator", re.I)),
    ("unknown-ids.json", json.dumps({"schema_version": 1, "answers": {"favourite_colour": "blue"}}).encode(),
     re.compile("favourite_colour")),
    ("wrong-types.json", json.dumps({"schema_version": 1, "answers": {"region": ["au"], "age_group": 65}}).encode(),
     re.compile("not one of the choices")),
    ("deeply-nested.json", ("[" * 10_000 + "]" * 10_000).encode(), re.compile("too many layers deep")),
    # A key thousands of characters long is named cut short, on one line.
    ("long-hostile-key.json", json.dumps({"schema_version": 1, "answers": {"region": "au", IMG * 200: 1}}).encode(),
     re.compile(re.escape(IMG[:20]) + ".*…")),
    ("empty.json", b"", re.compile("This file is empty")),
    # Not an answer set at all: the wrong layout, and none of the file's own keys is repeated back.
    ("wrong-layout.json", json.dumps({SVG: "x", "answers": {"region": "au"}}).encode(),
     re.compile("not laid out like a saved-progress file")),
    ("hostile-key.json", json.dumps({"schema_version": 1, "answers": {IMG: "yes", SCRIPT: "no"}}).encode(),
     re.compile(re.escape("window.__pwned=1"))),
]


def _uploader(page: Page):
    return page.locator("[data-testid='stFileUploaderDropzoneInput']").last


def _answers_shown(page: Page) -> list[str]:
    return page.locator("[data-testid='stMain'] li").all_inner_texts()


@pytest.fixture
def on_review(browser: Browser, browser_context_args: dict, app_server):
    context = browser.new_context(**browser_context_args)
    page = context.new_page()
    start(page, app_server.url)
    complete_questionnaire(page, STANDARD_PATH)
    yield page
    context.close()


def test_bad_saved_progress_files_get_a_clear_message_and_change_nothing(on_review: Page) -> None:
    page = on_review
    before = _answers_shown(page)
    assert any("United Kingdom" in line for line in before), before
    for name, data, says in BAD_FILES:
        upload_saved_progress(page, name, data)
        message = page.get_by_role("alert").filter(has_text=re.compile("nothing was changed", re.I))
        expect(message, f"{name}: no clear message").to_be_visible(timeout=TIMEOUT)
        expect(page.locator("[data-testid='stMain']"), f"{name}: the message does not say what is wrong") \
            .to_contain_text(says)
        expect(page.get_by_role("heading", name=REVIEW_HEADING)).to_be_visible()
        if name == "wrong-layout.json":
            expect(page.locator("[data-testid='stMain']")).not_to_contain_text("svg")
        assert _answers_shown(page) == before, f"{name}: the answers changed"
        _not_pwned(page)
    # The hostile key is quoted back as text, not rendered.
    expect(page.locator("[data-testid='stMain']")).to_contain_text("onerror")
    see_results(page)
    expect(page.locator(".st-key-crisis_banner")).to_contain_text("Call 999")  # still the UK, not Australia
    # Control: a good file does change the answers, so the checks above could have seen a change.
    after_rerun(page, page.get_by_role("button", name="Back to my answers").click)
    good = {"schema_version": 1, "answers": {"safety_thoughts": "no", "region": "au", "role": "self",
                                             "age_group": "25_to_59", "episode_duration": "unsure",
                                             "antidepressants_tried": "one", "mood_highs": "no"}}
    upload_saved_progress(page, "good.json", json.dumps(good).encode())
    expect(page.get_by_text("Your saved answers are back")).to_be_visible(timeout=TIMEOUT)
    after = _answers_shown(page)
    assert after != before and any("Australia" in line for line in after), after


def test_bad_files_on_the_first_screen_keep_the_answers_given_so_far(page: Page, app_server) -> None:
    start(page, app_server.url)
    pick(page, SAFETY_QUESTION, "No")
    pick(page, "Where do you live?", "United Kingdom")
    unknown = {"schema_version": 1, "answers": {"favourite_colour": "blue"}}
    upload_saved_progress(page, "unknown-ids.json", json.dumps(unknown).encode())
    expect(page.get_by_role("alert").filter(has_text=re.compile("nothing was changed", re.I))).to_be_visible(
        timeout=TIMEOUT)
    # Above Streamlit's own limit (server.maxUploadSize = 1 MB) the browser refuses the file itself.
    _uploader(page).set_input_files(files=[{"name": "huge.json", "mimeType": "application/json",
                                            "buffer": b"[" + b"0," * 600_000 + b"0]"}])
    expect(page.locator("[data-testid='stMain']")).to_contain_text(re.compile("must be 1.0MB or smaller", re.I),
                                                                   timeout=TIMEOUT)
    # The message about the last file goes: it is not about this one (tests/browser/test_saved_file.py).
    expect(page.get_by_role("alert").filter(has_text=re.compile("nothing was changed", re.I))).to_be_hidden()
    expect(page.get_by_role("radio", name="United Kingdom")).to_be_checked()
    expect(page.get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(page.get_by_role("heading", name="First, your safety")).to_be_visible()
    _not_pwned(page)
