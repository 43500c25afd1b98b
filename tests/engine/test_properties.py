"""Property tests: safety invariants hold for answer sets generated from the questionnaire itself.

The strategy is built from `bundle.questions`, so a new question or code is covered
without touching this file. Each question is independently absent or answered with
one of its own codes (a list of codes, in any order and possibly clashing, for
multiple choice; a whole number within range for integer questions). Answers to
questions that the other answers hide are generated as often as any others, and so
are contradictory sets such as "none" together with another choice. (Each step's
answers come from one drawn number, read digit by digit, which keeps 10,000 examples
fast; one set in four answers at most three questions.)

One run checks at least as many generated answer sets as the Hypothesis profile's
max_examples (tests/conftest.py: 10,000 in CI, 500 by default locally); every example
checks every property, and the test prints the count (`pytest -rP` shows it).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.bundle import Bundle
from engine.evaluate import CRISIS_SECTION, Outcome, evaluate
from engine.flow import person_path
from engine.models import Question
from tests.conftest import hidden_answers

SAFETY = "safety_thoughts"
REGION = "region"
CRISIS_ANSWERS = ("yes", "prefer_not_to_say")
LAST_SECTION = "preparing_for_appointment"
PREFERENCE_QUESTIONS = ("open_to", "concerns", "priorities")
ABSENT = object()


def _choices(question: Question) -> int:
    """How many different answers a question can hold, "not answered" included."""
    if question.type == "single":
        return len(question.codes) + 1
    if question.type == "multi":
        return 2 ** len(question.codes) + 1  # every subset of its codes, the empty list included
    low, high = _range(question)
    return high - low + 2


def _range(question: Question) -> tuple[int, int]:
    low = question.minimum if question.minimum is not None else 0
    return low, question.maximum if question.maximum is not None else low + 100


def _decode(question: Question, digit: int) -> Any:
    """0 is "not answered"; otherwise a code, a set of codes (as a bit mask) or a whole number."""
    if digit == 0:
        return ABSENT
    if question.type == "single":
        return question.codes[digit - 1]
    if question.type == "multi":
        return [code for bit, code in enumerate(question.codes) if (digit - 1) >> bit & 1]
    return _range(question)[0] + digit - 1


def answers_of(questions: tuple[Question, ...] | list[Question]) -> st.SearchStrategy[dict[str, Any]]:
    """Answers to these questions, all decided by one number (one draw per step keeps 10,000 examples fast).

    The number is read digit by digit, one digit per question in a mixed radix, so every
    combination of answers can come up, and shrinking it towards 0 leads towards "not answered".
    """
    sizes = [_choices(q) for q in questions]
    total = 1
    for size in sizes:
        total *= size

    def decode(number: int) -> dict[str, Any]:
        answers = {}
        for question, size in zip(questions, sizes):
            number, digit = divmod(number, size)
            value = _decode(question, digit)
            if value is not ABSENT:
                answers[question.id] = value
        return answers

    return st.integers(0, total - 1).map(decode)


def answer_sets(bundle: Bundle) -> st.SearchStrategy[dict[str, Any]]:
    """Partial answer sets: every question may be absent; hidden questions are answered as often as visible ones.

    Three in four sets draw every step's answers; one in four answers at most three
    questions anywhere, as someone who has only just started would.
    """
    def merge(parts: tuple[dict[str, Any], ...]) -> dict[str, Any]:
        return {qid: value for part in parts for qid, value in part.items()}

    many = st.tuples(*(answers_of(step.questions) for step in bundle.steps)).map(merge)
    questions = bundle.questions
    few = st.lists(st.integers(0, len(questions) - 1), unique=True, max_size=3).flatmap(
        lambda chosen: answers_of([questions[i] for i in chosen]))
    return st.one_of(many, many, many, few)


def _clashes(bundle: Bundle, answers: dict[str, Any]) -> bool:
    """A multiple-choice answer that combines an exclusive code ("none", "unsure") with another code."""
    for qid, value in answers.items():
        question = bundle.question_by_id[qid]
        if question.type == "multi" and len(value) > 1 and set(value) & set(question.exclusive):
            return True
    return False


def check_crisis_first(bundle: Bundle, answers: dict[str, Any], outcome: Outcome) -> None:
    if answers.get(SAFETY) in CRISIS_ANSWERS:
        assert outcome.crisis, f"{SAFETY}={answers[SAFETY]!r} but the outcome is not marked as a crisis"
        assert outcome.section_ids[0] == CRISIS_SECTION, (
            f"{SAFETY}={answers[SAFETY]!r} but the first section is {outcome.section_ids[0]!r}")
    if CRISIS_SECTION in outcome.section_ids:
        assert outcome.section_ids[0] == CRISIS_SECTION, f"crisis support shown but not first: {outcome.section_ids}"
    assert outcome.crisis_help.lines, "no crisis resources in the outcome"
    assert outcome.crisis_help.emergency, "no emergency number"
    region = answers.get(REGION)
    if region in bundle.regions:
        info = bundle.regions[region]
        assert all(r in (*info.lines, *info.youth_lines) for r in outcome.crisis_help.lines), (
            f"crisis lines are not those of {region!r}")


def check_sections_are_sound(bundle: Bundle, outcome: Outcome) -> None:
    ids = outcome.section_ids
    assert ids, "no sections at all"
    assert len(ids) == len(set(ids)), f"a section is shown twice: {ids}"
    assert ids[-1] == LAST_SECTION, f"{LAST_SECTION!r} is not last: {ids}"
    tier_rank = {tier.id: i for i, tier in enumerate(bundle.tiers)}
    ranks = [tier_rank[s.tier] for s in outcome.sections]
    assert ranks == sorted(ranks), f"sections out of tier order: {ids}"
    for section in outcome.sections:
        front = bundle.content[section.id].front
        assert front.sources and all(s.cite and s.year for s in front.sources), f"{section.id}: no sources"
        assert isinstance(front.reviewed_on, dt.date), f"{section.id}: no review date"
        assert front.referral.to and front.referral.text.strip(), f"{section.id}: no referral"
        assert section.referral == front.referral, f"{section.id}: the referral shown differs from the content"
        assert section.why and all(line.strip() for line in section.why), f"{section.id}: no reason given"


def other_answer(question: Question, rng: random.Random) -> Any:
    """Another valid answer for the question, or ABSENT."""
    if rng.random() < 0.25:
        return ABSENT
    if question.type == "single":
        return rng.choice(question.codes)
    if question.type == "multi":
        return rng.sample(list(question.codes), rng.randint(0, len(question.codes)))
    return rng.randint(*_range(question))


def check_hidden_answers_do_not_count(bundle: Bundle, answers: dict[str, Any], outcome: Outcome,
                                      hidden: dict[str, Any], rng: random.Random) -> None:
    if hidden or [] in answers.values():  # otherwise the counted answers are these, and the order check covers it
        counted = person_path(bundle, answers).effective
        assert evaluate(bundle, counted) == outcome, "dropping hidden answers changed the outcome"
    if hidden:
        # Whatever a hidden question holds (another answer, or none), the outcome is the same.
        changed = dict(answers)
        for qid in hidden:
            value = other_answer(bundle.question_by_id[qid], rng)
            if value is ABSENT:
                del changed[qid]
            else:
                changed[qid] = value
        assert evaluate(bundle, changed) == outcome, f"changing hidden answers {sorted(hidden)} changed the outcome"


def check_order_does_not_matter(bundle: Bundle, answers: dict[str, Any], outcome: Outcome,
                                rng: random.Random) -> None:
    key_order = list(answers)
    rng.shuffle(key_order)
    reordered = {qid: answers[qid] for qid in key_order}
    assert evaluate(bundle, reordered) == outcome, f"reordering the answers changed the outcome: {key_order}"
    shuffled_lists = {qid: rng.sample(v, len(v)) if isinstance(v, list) else v for qid, v in answers.items()}
    if shuffled_lists != answers:
        # Review 16 (r16-5): the whole published outcome, "why" words included, not only which sections show.
        assert evaluate(bundle, shuffled_lists).to_json() == outcome.to_json(), (
            "the order of choices inside a multiple-choice answer changed the outcome")


def check_preferences_never_touch_safety(bundle: Bundle, answers: dict[str, Any], outcome: Outcome) -> None:
    if not set(PREFERENCE_QUESTIONS) & set(answers):
        return
    without = {qid: v for qid, v in answers.items() if qid not in PREFERENCE_QUESTIONS}
    plain = evaluate(bundle, without)
    assert (CRISIS_SECTION in plain.section_ids) == (CRISIS_SECTION in outcome.section_ids), (
        "what the person is open to or worried about changed whether crisis support is shown")
    assert plain.crisis == outcome.crisis


def test_safety_invariants_hold_for_generated_answer_sets(bundle: Bundle, record_property) -> None:
    seen: Counter[str] = Counter()
    examples = settings.default.max_examples  # the loaded profile's (tests/conftest.py)

    @settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(answers=answer_sets(bundle), seed=st.integers(0, 2 ** 32 - 1))
    def check(answers: dict[str, Any], seed: int) -> None:
        seen["examples"] += 1
        rng = random.Random(seed)  # orders and replacement answers; hypothesis reports the seed on failure
        outcome = evaluate(bundle, answers)  # never raises
        check_crisis_first(bundle, answers, outcome)
        check_sections_are_sound(bundle, outcome)
        hidden = hidden_answers(bundle, answers)
        check_hidden_answers_do_not_count(bundle, answers, outcome, hidden, rng)
        check_order_does_not_matter(bundle, answers, outcome, rng)
        check_preferences_never_touch_safety(bundle, answers, outcome)
        seen["crisis answer"] += answers.get(SAFETY) in CRISIS_ANSWERS
        seen["with hidden answers"] += bool(hidden)
        seen["contradictory multiple choice"] += _clashes(bundle, answers)
        seen["empty or nearly empty"] += len(answers) <= 2

    check()
    summary = ", ".join(f"{name}: {count}" for name, count in seen.items())
    print(f"\nproperty examples run: {summary}")
    record_property("property_examples", seen["examples"])
    assert seen["examples"] >= examples, f"only {seen['examples']} examples ran; want {examples}"
    # The generator must actually reach the cases the properties are about.
    for kind in ("crisis answer", "with hidden answers", "contradictory multiple choice", "empty or nearly empty"):
        assert seen[kind] >= examples // 100, f"too few examples of {kind!r}: {summary}"


@pytest.mark.parametrize("answer", CRISIS_ANSWERS)
def test_crisis_first_even_with_everything_else_answered(bundle: Bundle, answer: str) -> None:
    """A worked example of the first property: a full answer set that selects nearly every section."""
    answers = {q.id: (q.codes[-2] if q.type == "single" else list(q.codes[:2])) for q in bundle.questions
               if q.type != "integer"}
    answers[SAFETY] = answer
    outcome = evaluate(bundle, answers)
    assert outcome.section_ids[0] == CRISIS_SECTION
    assert len(outcome.section_ids) > 3
