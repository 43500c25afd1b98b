"""Reusable steps for browser tests: what a person does, in Playwright terms."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

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


# --- Whole paths through the questionnaire ------------------------------------------------------

SAFETY_QUESTION = re.compile(r"^In the past two weeks")
REVIEW_HEADING = "Check your answers"
RESULTS_HEADING = "Your information sections"


@dataclass(frozen=True)
class Step:
    """One screen: its heading, the radio answers (question label, option) and the boxes to tick."""

    heading: str
    radios: tuple[tuple[str | re.Pattern[str], str], ...] = ()
    ticks: tuple[str, ...] = ()


STANDARD_PATH: tuple[Step, ...] = (
    Step("First, your safety", ((SAFETY_QUESTION, "No"), ("Where do you live?", "United Kingdom"))),
    Step("About you", (("Who is filling this in?", "I am answering for myself"),
                       ("What is your age group?", "18 to 64"))),
    Step("This time of depression", (("How long has this time of depression lasted so far?", "More than 2 years"),)),
    Step("Medicines you have tried", ((re.compile("^How many different antidepressants"), "Two"),
                                      (re.compile("^Which comes closest"), "They helped a bit, but not enough")),
         ("Bupropion",)),
    Step("Other treatments you have tried"),
    Step("Your mood over the years", ((re.compile("^Have you ever had a few days"), "No"),)),
    Step("Your physical health"),
    Step("Your life right now"),
    Step("What matters to you", ticks=("Talking therapy",)),
    Step("What matters most to you (optional)"),
)


def with_answer(path: tuple[Step, ...], question: str | re.Pattern[str], option: str) -> tuple[Step, ...]:
    """The same path with one radio answer changed (the question must be on the path)."""
    changed, found = [], False
    for step in path:
        radios = tuple((q, option if q == question else o) for q, o in step.radios)
        found = found or radios != step.radios
        changed.append(Step(step.heading, radios, step.ticks))
    assert found, f"{question!r} is not answered on this path"
    return tuple(changed)


def answer_step(page: Page, step: Step) -> None:
    expect(page.get_by_role("heading", name=step.heading, exact=True)).to_be_visible(timeout=TIMEOUT)
    for question, option in step.radios:
        choose(page, question, option)
    for option in step.ticks:
        tick(page, option)


def leave_step(page: Page, path: tuple[Step, ...], index: int) -> None:
    """Press Next (or "Review my answers" on the last step) and wait for the following screen."""
    last = index == len(path) - 1
    page.get_by_role("button", name="Review my answers" if last else "Next", exact=True).click()
    following = REVIEW_HEADING if last else path[index + 1].heading
    expect(page.get_by_role("heading", name=following, exact=True)).to_be_visible(timeout=TIMEOUT)
    wait_idle(page)


def complete_questionnaire(page: Page, path: tuple[Step, ...] = STANDARD_PATH,
                           on_step: Callable[[Page, Step], None] | None = None) -> None:
    """From the first screen to the review page. `on_step` runs on each screen once it is answered."""
    for index, step in enumerate(path):
        answer_step(page, step)
        if on_step is not None:
            on_step(page, step)
        leave_step(page, path, index)


def see_results(page: Page) -> None:
    page.get_by_role("button", name="See my results", exact=True).click()
    expect(page.get_by_role("heading", name=RESULTS_HEADING, exact=True)).to_be_visible(timeout=TIMEOUT)
    wait_idle(page)


def crisis_banner(page: Page) -> Locator:
    """The crisis lines box at the top of every page."""
    return page.locator(".st-key-crisis_banner")


def section_ids(page: Page) -> list[str]:
    """The information sections on the results page, in the order shown (from their container keys)."""
    classes = page.locator("[class*='st-key-section_']").evaluate_all("els => els.map(e => e.className)")
    return [re.search(r"st-key-section_(\S+)", c).group(1) for c in classes]


def navigation_pages(page: Page) -> list[str]:
    """The names of the top-level pages in the navigation bar (checked at test time, so new pages count)."""
    links = page.locator("header a[href], [data-testid='stTopNavLink'], [data-testid='stNavLink']")
    names = [" ".join(t.split()) for t in links.all_inner_texts()]
    return [n for n in dict.fromkeys(names) if n and n != "Skip to main content"]


def open_page(page: Page, name: str, heading: str | None = None) -> None:
    """Follow a navigation link (the session, and so the answers, carry over)."""
    link = page.get_by_role("link", name=name, exact=True)
    link.click()
    if heading:
        expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible(timeout=TIMEOUT)
    wait_idle(page)
