"""SAFETY.md S12: "I'm not sure" and "I'd rather not say" are not "no".

For every question that can be answered "Yes" and also "I'm not sure" or "I'd rather not say", the
uncertain answer must bring every section, every caution and the crisis support that "Yes" brings,
for every answer set the scenario cases and the personas describe. Written once as a promise, this
was broken for three questions until review 14 (b14-1, b14-2): "not sure" about beliefs others say
are not true brought no psychotic depression section, and "not sure" about a high on an
antidepressant or a relative's bipolar disorder brought nothing. The order (emphasis) is not part of
the promise: it follows what was said.
"""

from __future__ import annotations

import pytest

from engine.evaluate import Outcome, evaluate
from engine.pathway import build_pathway
from engine.scenarios import load_cases
from tests.conftest import ROOT

UNCERTAIN = ("unsure", "prefer_not_to_say")
# "Yes" here is good news, not a worry to rule out: an earlier medicine helped.
NOT_A_WORRY = {"earlier_medicine_helped"}


def _yes_questions(bundle) -> list[tuple[str, str]]:
    pairs = []
    for question in bundle.question_by_id.values():
        if question.type != "single" or "yes" not in question.codes or question.id in NOT_A_WORRY:
            continue
        pairs += [(question.id, code) for code in question.codes if code in UNCERTAIN]
    return pairs


def _answer_sets(bundle) -> list[dict]:
    cases = [case.answers for case in load_cases(ROOT / "tests" / "cases").values()]
    return cases + [persona.answers for persona in bundle.personas.personas]


def _brings(outcome: Outcome) -> set[tuple[str, ...]]:
    shown = {("section", s.id) for s in outcome.sections}
    cautions = {("caution", c.id, s.id) for s in outcome.sections for c in s.cautions}
    return shown | cautions | ({("crisis support",)} if outcome.crisis else set())


CHECKED = ["unusual_experiences=unsure", "barely_eating_or_moving=unsure", "mood_highs=unsure",
           "family_bipolar=unsure", "antidepressant_activation=unsure", "trauma_history=prefer_not_to_say",
           "safety_thoughts=prefer_not_to_say"]


@pytest.mark.parametrize("qid_code", CHECKED)
def test_an_uncertain_answer_brings_what_yes_brings(bundle, qid_code):
    qid, code = qid_code.split("=")
    assert (qid, code) in _yes_questions(bundle)
    missing, yes_mattered = set(), False
    for answers in _answer_sets(bundle):
        yes = _brings(evaluate(bundle, {**answers, qid: "yes"}))
        no = _brings(evaluate(bundle, {**answers, qid: "no"}))
        uncertain = _brings(evaluate(bundle, {**answers, qid: code}))
        yes_mattered |= yes != no
        missing |= yes - uncertain
    assert yes_mattered, f"no answer set shows what 'yes' to {qid} brings: the check would prove nothing"
    assert sorted(missing) == [], f"'{code}' to {qid} leaves out what 'yes' brings"


def test_every_such_question_is_checked(bundle):
    """A new yes / not-sure question joins the list above, so the promise covers it from its first day."""
    assert set(_yes_questions(bundle)) == {tuple(pair.split("=")) for pair in CHECKED}


@pytest.mark.parametrize("qid_code", CHECKED)
def test_an_uncertain_answer_brings_a_first_note_wherever_yes_does(bundle, qid_code):
    """Review 16 (r16-1): "not sure" about eating, drinking or moving very little brought the same-day step
    beside its question but no note on page 1 of the results and the summary, where "Yes" brings one. The
    notes' words differ ("You said ..." against "You were not sure ..."), so this counts them."""
    qid, code = qid_code.split("=")
    short = []
    for answers in _answer_sets(bundle):
        yes = build_pathway(bundle, evaluate(bundle, {**answers, qid: "yes"})).notes
        uncertain = build_pathway(bundle, evaluate(bundle, {**answers, qid: code})).notes
        if len(uncertain) < len(yes):
            short.append(set(yes) - set(uncertain))
    assert short == [], f"'{code}' to {qid} leaves out a first note that 'yes' brings"
