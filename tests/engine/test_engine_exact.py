"""Exact results of the three modules every answer goes through: conditions, flow and evaluate.

These pin the details a maintainer reads (where a problem is, its code and words) and the edge
answers a person can give; `make mutation` showed which of them no other test would notice.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from engine import conditions as c
from engine import flow
from engine.evaluate import crisis_help, crisis_now, describe_answer, evaluate, why_line
from engine.flow import PersonPath, person_path, step_problems
from engine.models import YouthLine
from engine.yamlio import Mark, load_located
from tests.engine.test_conditions import QUESTIONS, parsed

UNKNOWN_OP = ("unknown operator 'zz'; expected one of answered, contains_all, contains_any, contains_none, eq, ge, "
              "gt, in, le, lt, ne, not_answered, not_in")
PICK_ONE = "a condition must be a mapping with one of all, any, not, always, or q/op/value; found "


@pytest.mark.parametrize(("text", "problems"), [
    ("{q: pick}", [(2, 1, "missing-field", "condition leaf has no 'op'")]),
    ("{op: eq}", [(2, 1, "missing-field", "condition leaf has no 'q'")]),
    ("{value: a}", [(2, 1, "missing-field", "condition leaf has no 'q'"),
                    (2, 1, "missing-field", "condition leaf has no 'op'")]),
    ("{q: 1, op: eq, value: a}", [(2, 1, "invalid-value", "condition 'q' must be text; found 1")]),
    ("{q: pick, op: 2}", [(2, 1, "invalid-value", "condition 'op' must be text; found 2")]),
    ("{q: pick, op: like, value: a, extra: 1}",
     [(2, 31, "unknown-key", "unknown key 'extra' in a condition leaf; expected q, op, value")]),
    ("{}", [(2, 1, "invalid-value", "a condition needs exactly one of all, any, not, always, or q/op/value; "
                                    "found a mapping with keys (none)")]),
    ("{all: [], any: []}", [(2, 1, "invalid-value", "a condition needs exactly one of all, any, not, always, or "
                                                    "q/op/value; found a mapping with keys all, any")]),
    ("7", [(1, 1, "invalid-value", PICK_ONE + "7")]),
    ("[a, b]", [(2, 1, "invalid-value", PICK_ONE + "a list")]),
    ("{all: [{q: pick, op: eq, value: a}, {q: pick, op: zz, value: a}]}", [(2, 37, "operator-mismatch", UNKNOWN_OP)]),
    ("{not: {q: pick, op: zz}}", [(2, 7, "operator-mismatch", UNKNOWN_OP)]),
    ("{not: {q: pick}}", [(2, 7, "missing-field", "condition leaf has no 'op'")]),
    ("{all: {q: pick}}", [(2, 7, "invalid-value", "'all' needs a non-empty list of conditions; "
                                                  "found a mapping with keys q")]),
    # checked after parsing: every leaf is reported, not only the first
    ("{any: [{q: nope, op: eq, value: a}, {q: pick, op: eq, value: d}]}",
     [(2, 8, "unknown-question", "unknown question id 'nope'"),
      (2, 37, "unknown-code", "question 'pick' has no code 'd'; allowed codes: a, b, c")]),
    ("{all: [{q: many, op: eq, value: x}, {q: nope, op: eq, value: a}]}",
     [(2, 8, "operator-mismatch", "operator 'eq' does not fit multi question 'many'; expected one of contains_any, "
                                  "contains_all, contains_none, answered, not_answered"),
      (2, 37, "unknown-question", "unknown question id 'nope'")]),
    ("{q: many, op: contains_any, value: x}",
     [(2, 1, "operator-mismatch", "operator 'contains_any' needs a non-empty list as value; found 'x'")]),
])
def test_condition_problems_say_where_what_and_why(text, problems):
    raw, _ = load_located("\n" + text)
    found: list[c.ConditionProblem] = []
    cond = c.parse(raw, found)
    if cond is not None:
        c.check(cond, QUESTIONS, found)
    assert [(p.mark.line, p.mark.col, p.code, p.message) for p in found] == problems


@pytest.mark.parametrize(("raw", "problems"), [
    ({"all": [{"q": "pick"}, {"q": "pick", "op": "eq", "value": "a"}]},
     [("missing-field", "condition leaf has no 'op'")]),
    ({"not": {"op": "eq", "x": 1}}, [("unknown-key", "unknown key 'x' in a condition leaf; expected q, op, value"),
                                     ("missing-field", "condition leaf has no 'q'")]),
    ({"q": "pick", "op": "eq", "value": "a", "extra": 1},
     [("unknown-key", "unknown key 'extra' in a condition leaf; expected q, op, value")]),
])
def test_a_condition_built_in_code_reports_at_the_place_it_was_given(raw, problems):
    found: list[c.ConditionProblem] = []
    assert c.parse(raw, found, Mark(9, 4)) is None
    assert [(p.mark, p.code, p.message) for p in found] == [(Mark(9, 4), *p) for p in problems]


@pytest.mark.parametrize(("condition", "answers", "expected"), [
    ("{q: count, op: lt, value: 3}", {"count": 3}, False),
    ("{q: count, op: le, value: 3}", {"count": 3}, True),
    ("{q: count, op: ge, value: 3}", {"count": True}, False),  # yes/no is not a number
    ("{q: count, op: ge, value: 0}", {"count": True}, False),
    ("{q: count, op: ge, value: 3}", {"count": "7"}, False),  # nor is text
    ("{q: pick, op: not_in, value: [a, b]}", {"pick": "a"}, False),
    ("{q: many, op: contains_all, value: [x, y]}", {"many": ["x", "y"]}, True),
    ("{q: many, op: contains_any, value: [y]}", {"many": "yz"}, False),  # one code, not its letters
])
def test_holds_at_the_edges(condition, answers, expected):
    assert c.holds(parsed(condition), answers) is expected


def test_a_not_answered_leaf_is_never_support():
    cond = parsed("{all: [{q: pick, op: eq, value: a}, {q: count, op: not_answered}]}")
    assert c.support(cond, {"pick": "a"}) == ["pick"]


# --- flow ---------------------------------------------------------------------------------------


def _path_without(bundle, *hidden):
    return PersonPath((), tuple(s for s in bundle.steps if s.id not in hidden), {})


@pytest.mark.parametrize(("hidden", "current", "offset", "expected"), [
    (("this_episode",), "this_episode", +1, "medicines"),  # the step just hidden: on to the next one shown
    (("this_episode", "medicines"), "this_episode", +1, "other_treatments"),
    (("values",), "values", +1, "what_matters"),  # nothing shown after it: the last step shown
    ((), "safety", -1, None),
    ((), "safety", +1, "about_you"),
    ((), "values", +1, None),
])
def test_neighbour_step(bundle, hidden, current, offset, expected):
    assert _path_without(bundle, *hidden).neighbour(bundle, current, offset) == expected


def test_progress_counts_the_review_page_last(bundle):
    path = _path_without(bundle, "this_episode")
    assert [path.progress(s) for s in ("safety", "about_you", "review")] == [(1, 10), (2, 10), (10, 10)]


@pytest.mark.parametrize(("hidden", "current", "expected"), [
    (("this_episode",), "this_episode", "medicines"),
    (("values",), "values", "what_matters"),
    ((), "medicines", "medicines"),
])
def test_current_or_next_visible(bundle, monkeypatch, hidden, current, expected):
    monkeypatch.setattr(flow, "person_path", lambda b, a: _path_without(b, *hidden))
    assert _path_without(bundle, *hidden).here_or_next(bundle, current) == expected
    assert flow.person_path(bundle, {}).neighbour(bundle, "safety", +1) == "about_you"


def test_person_path_keeps_the_answers_that_count(bundle):
    answers = {"safety_thoughts": "no", "antidepressants_tried": "none", "trial_dose": "not_all"}
    assert person_path(bundle, answers).effective == person_path(bundle, answers).effective
    assert "trial_dose" not in person_path(bundle, answers).effective


@pytest.mark.parametrize(("value", "messages"), [
    (["none"], []),
    (["none", "tms"], [("procedures_tried", '"None of these" cannot be chosen with other answers.')]),
])
def test_an_exclusive_answer_cannot_be_combined(bundle, value, messages):
    step = next(s.id for s in bundle.steps if any(q.id == "procedures_tried" for q in s.questions))
    question = bundle.question_by_id["procedures_tried"]
    expected = [(qid, text.replace("None of these", question.label_for("none"))) for qid, text in messages]
    found = step_problems(bundle, step, {"procedures_tried": value, "antidepressants_tried": "two"})
    assert [(p.question_id, p.message) for p in found if p.question_id == "procedures_tried"] == expected


# --- evaluate -----------------------------------------------------------------------------------


def test_crisis_lines_youth_lines_only_for_the_young(bundle):
    adult = crisis_help(bundle, {"region": "uk", "age_group": "25_to_59"})
    young = crisis_help(bundle, {"region": "uk", "age_group": "under_18"}).lines
    assert adult.lines and not any(isinstance(line, YouthLine) for line in adult.lines)
    assert isinstance(young[0], YouthLine) and young[1:] == adult.lines
    assert adult.region_label == bundle.regions["uk"].label


def test_crisis_now_counts_only_the_answers_that_count(bundle):
    assert crisis_now(bundle, {"safety_thoughts": "yes"}) is True
    assert crisis_now(bundle, {"safety_thoughts": "no"}) is False


def test_answers_in_words():
    fake = SimpleNamespace(question_by_id=QUESTIONS)
    assert describe_answer(fake, "count", 4) == "4"
    assert describe_answer(fake, "many", ["x", "z"]) == "X, Z"
    assert why_line(fake, "Because.", ["pick", "count"], {"pick": "a", "count": 2}) == \
        "Because. You said: Pick: A; Count: 2."
    assert why_line(fake, "Because.", [], {}) == "Because."


def test_the_json_outcome_ends_with_the_emergency_number_and_carries_labels(bundle):
    outcome = evaluate(bundle, {"safety_thoughts": "yes", "region": "uk", "antidepressants_tried": "two"})
    out = outcome.to_json()
    assert out["content_version"] == bundle.content_version == outcome.content_version
    assert out["crisis_resources"][-1] == {"name": "Emergency services", "contact": bundle.regions["uk"].emergency,
                                           "region": "uk"}
    assert outcome.answers == person_path(bundle, {"safety_thoughts": "yes", "region": "uk",
                                                         "antidepressants_tried": "two"}).effective
    for section in outcome.sections:
        assert all(reason.explain for reason in section.reasons)
        assert all(why for why in section.why)
        assert all(caution.label for caution in section.cautions)
    fired = [t for t in outcome.trace if t.fired]
    quiet = [t for t in outcome.trace if not t.fired]
    assert fired and quiet and all(t.because == () for t in quiet)


def test_a_caution_carries_its_kind_label(bundle):
    outcome = evaluate(bundle, {"safety_thoughts": "no", "region": "au", "age_group": "60_to_64",
                                "antidepressants_tried": "two", "response_pattern": "no_benefit", "mood_highs": "no"})
    labels = bundle.caution_labels
    shown = [caution for section in outcome.sections for caution in section.cautions]
    assert shown and all(caution.label == labels[caution.id] for caution in shown)
