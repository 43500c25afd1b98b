"""Two people use the app at the same time: each sees only their own answers and results.

Module-level state in a Streamlit server is shared by every session; this catches any
answer that leaks from one person's session into another's. Two browser contexts are
two separate people (separate cookies and storage); their steps are interleaved.
"""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.browser.flows import (
    SAFETY_QUESTION,
    STANDARD_PATH,
    TIMEOUT,
    Step,
    answer_step,
    crisis_banner,
    leave_step,
    section_ids,
    see_results,
    start,
    with_answer,
)

AGE = "What is your age group?"
TRIED = re.compile("^How many different antidepressants")

# Alex: no safety worries, UK, 25 to 59, two medicines that helped part of the way.
ALEX = STANDARD_PATH
HELPER_AGE = "What is the age group of the person you are answering for?"  # rules/questions.yaml label_for_helper
# Blair: a son answering for his mother, who would rather not say, Australia, 65 or older, three or more medicines.
# Once he says he is helping, the age question asks for hers (review 13, g13-4): the real page shows that label.
BLAIR = with_answer(with_answer(with_answer(with_answer(with_answer(
    STANDARD_PATH, SAFETY_QUESTION, "I'd rather not say"), "Where do you live?", "Australia"),
    AGE, "65 or older"), TRIED, "Three or more"), "Who is filling this in?",
    "I am a family member or friend helping someone")
BLAIR = tuple(Step(s.heading, tuple((HELPER_AGE if q == AGE else q, o) for q, o in s.radios),
                   ("Mirtazapine",) if s.ticks == ("Bupropion",) else s.ticks) for s in BLAIR)


def _review_text(page: Page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def test_two_people_at_once_see_only_their_own_answers(browser: Browser, browser_context_args: dict,
                                                        app_server) -> None:
    contexts = [browser.new_context(**browser_context_args) for _ in range(2)]
    try:
        alex, blair = (context.new_page() for context in contexts)
        start(alex, app_server.url)
        start(blair, app_server.url)
        # Interleave: Alex answers a step, then Blair answers the same step, then both move on.
        for index in range(len(ALEX)):
            answer_step(alex, ALEX[index])
            answer_step(blair, BLAIR[index])
            leave_step(alex, ALEX, index)
            leave_step(blair, BLAIR, index)

        alex_review, blair_review = _review_text(alex), _review_text(blair)
        assert "United Kingdom" in alex_review and "Australia" not in alex_review
        assert "Australia" in blair_review and "United Kingdom" not in blair_review
        assert "Bupropion" in alex_review and "Mirtazapine" not in alex_review
        assert "Mirtazapine" in blair_review and "Bupropion" not in blair_review
        assert "65 or older" in blair_review and "65 or older" not in alex_review

        see_results(alex)
        see_results(blair)
        alex_sections, blair_sections = section_ids(alex), section_ids(blair)
        assert "crisis_support" not in alex_sections, alex_sections
        assert blair_sections[0] == "crisis_support", blair_sections
        assert "older_adults" in blair_sections and "older_adults" not in alex_sections
        # Each banner is for that person's own country, and only Blair's is an alert.
        expect(crisis_banner(alex)).to_contain_text("Call 999")
        expect(crisis_banner(alex)).not_to_contain_text("Call 000")
        expect(crisis_banner(blair)).to_contain_text("Call 000")
        expect(crisis_banner(blair)).not_to_contain_text("Call 999")
        # Blair's is red (said as an alert once, when the answer was given: a16-3), Alex's calm.
        expect(crisis_banner(blair).locator("[class*='st-key-note_error_']")).to_be_visible(timeout=TIMEOUT)
        expect(crisis_banner(alex).locator("[class*='st-key-note_info_']")).to_be_visible(timeout=TIMEOUT)
        expect(crisis_banner(alex).get_by_role("alert")).to_have_count(0)

        # A third person who arrives now starts with nothing from either of them.
        newcomer = contexts[0].browser.new_context(**browser_context_args).new_page()
        try:
            start(newcomer, app_server.url)
            for radio in newcomer.get_by_role("radio").all():
                expect(radio).not_to_be_checked()
            expect(crisis_banner(newcomer).get_by_role("alert")).to_have_count(0)
        finally:
            newcomer.context.close()
    finally:
        for context in contexts:
            context.close()
