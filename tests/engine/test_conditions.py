"""Conditions: parsing, load-time checks and evaluation, table-driven."""

from __future__ import annotations

import pytest

from engine import conditions as c
from engine.models import Option, Question
from engine.yamlio import load_located

QUESTIONS = {
    "pick": Question(id="pick", type="single", label="Pick", short="Pick",
                     options=(Option(code="a", label="A"), Option(code="b", label="B"), Option(code="c", label="C"))),
    "many": Question(id="many", type="multi", label="Many", short="Many",
                     options=(Option(code="x", label="X"), Option(code="y", label="Y"), Option(code="z", label="Z"))),
    "count": Question(id="count", type="integer", label="Count", short="Count", minimum=0, maximum=10),
}


def parsed(text: str) -> c.Condition:
    raw, _ = load_located(text)
    problems: list[c.ConditionProblem] = []
    cond = c.parse(raw, problems)
    assert not problems, problems
    c.check(cond, QUESTIONS, problems)
    assert not problems, problems
    return cond


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        ("{q: pick, op: eq, value: a}", {"pick": "a"}, True),
        ("{q: pick, op: eq, value: a}", {"pick": "b"}, False),
        ("{q: pick, op: eq, value: a}", {}, False),
        ("{q: pick, op: ne, value: a}", {"pick": "b"}, True),
        ("{q: pick, op: ne, value: a}", {}, False),  # unanswered is never "not a"
        ("{q: pick, op: in, value: [a, b]}", {"pick": "b"}, True),
        ("{q: pick, op: not_in, value: [a, b]}", {"pick": "c"}, True),
        ("{q: pick, op: not_in, value: [a, b]}", {}, False),
        ("{q: pick, op: answered}", {"pick": "c"}, True),
        ("{q: pick, op: answered}", {}, False),
        ("{q: pick, op: not_answered}", {}, True),
        ("{q: many, op: contains_any, value: [x, y]}", {"many": ["y", "z"]}, True),
        ("{q: many, op: contains_any, value: [x]}", {"many": ["y"]}, False),
        ("{q: many, op: contains_all, value: [x, y]}", {"many": ["x", "y", "z"]}, True),
        ("{q: many, op: contains_all, value: [x, y]}", {"many": ["x"]}, False),
        ("{q: many, op: contains_none, value: [x]}", {"many": ["y"]}, True),
        ("{q: many, op: contains_none, value: [x]}", {}, False),
        ("{q: many, op: answered}", {"many": []}, False),
        ("{q: count, op: ge, value: 3}", {"count": 3}, True),
        ("{q: count, op: gt, value: 3}", {"count": 3}, False),
        ("{q: count, op: lt, value: 3}", {"count": 2}, True),
        ("{q: count, op: le, value: 3}", {"count": 4}, False),
        ("{q: count, op: in, value: [1, 2]}", {"count": 2}, True),
        ("{all: [{q: pick, op: eq, value: a}, {q: many, op: contains_any, value: [x]}]}",
         {"pick": "a", "many": ["x"]}, True),
        ("{all: [{q: pick, op: eq, value: a}, {q: many, op: contains_any, value: [x]}]}", {"pick": "a"}, False),
        ("{any: [{q: pick, op: eq, value: a}, {q: count, op: ge, value: 5}]}", {"count": 7}, True),
        ("{not: {q: pick, op: eq, value: a}}", {"pick": "b"}, True),
        ("{not: {q: pick, op: eq, value: a}}", {}, True),
        ("{always: true}", {}, True),
        ("{q: pick, op: eq, value: a}", {"pick": ["a"]}, False),  # a list never matches a single answer
    ],
)
def test_holds(condition, answers, expected):
    assert c.holds(parsed(condition), answers) is expected


@pytest.mark.parametrize(
    ("condition", "code", "fragment"),
    [
        ("{q: nope, op: eq, value: a}", "unknown-question", "unknown question id 'nope'"),
        ("{q: pick, op: eq, value: d}", "unknown-code", "allowed codes: a, b, c"),
        ("{q: pick, op: contains_any, value: [a]}", "operator-mismatch", "does not fit single question"),
        ("{q: many, op: eq, value: x}", "operator-mismatch", "does not fit multi question"),
        ("{q: pick, op: in, value: a}", "operator-mismatch", "needs a non-empty list"),
        ("{q: pick, op: in, value: []}", "operator-mismatch", "needs a non-empty list"),
        ("{q: pick, op: eq, value: [a]}", "operator-mismatch", "needs a single value"),
        ("{q: pick, op: answered, value: a}", "operator-mismatch", "takes no value"),
        ("{q: count, op: ge, value: many}", "operator-mismatch", "whole numbers"),
        ("{q: pick, op: like, value: a}", "operator-mismatch", "unknown operator 'like'"),
        ("{q: pick, op: eq, value: a, extra: 1}", "unknown-key", "unknown key 'extra'"),
        ("{q: pick, value: a}", "missing-field", "no 'op'"),
        ("{all: []}", "invalid-value", "non-empty list"),
        ("{either: []}", "unknown-key", "unknown condition key 'either'"),
        ("{always: yes}", "invalid-value", "'always' must be true"),
        ("[1, 2]", "invalid-value", "must be a mapping"),
        ("{all: [], any: []}", "invalid-value", "exactly one of"),
    ],
)
def test_problems_name_what_was_found_and_expected(condition, code, fragment):
    raw, _ = load_located("\n" + condition)
    problems: list[c.ConditionProblem] = []
    cond = c.parse(raw, problems)
    if cond is not None:
        c.check(cond, QUESTIONS, problems)
    assert [p.code for p in problems] == [code], problems
    assert fragment in problems[0].message
    assert problems[0].mark.line == 2  # the place in the file is kept


def test_support_names_only_the_answers_that_made_it_true():
    cond = parsed("{any: [{q: pick, op: eq, value: a}, {all: [{q: many, op: contains_any, value: [x]}, "
                  "{not: {q: count, op: ge, value: 5}}]}]}")
    answers = {"pick": "b", "many": ["x"], "count": 2}
    assert c.holds(cond, answers)
    assert c.support(cond, answers) == ["many", "count"]


def test_referenced_questions():
    cond = parsed("{all: [{q: pick, op: eq, value: a}, {not: {q: many, op: answered}}]}")
    assert c.referenced_questions(cond) == {"pick", "many"}


@pytest.mark.parametrize(("when", "unless", "answers", "expected"), [
    ("{q: pick, op: eq, value: a}", None, {"pick": "a"}, True),
    ("{q: pick, op: eq, value: a}", "{q: count, op: ge, value: 3}", {"pick": "a", "count": 3}, False),
    ("{q: pick, op: eq, value: a}", "{q: count, op: ge, value: 3}", {"pick": "a", "count": 1}, True),
    # Unknown is not no: a blank answer can never rule anything out.
    ("{q: pick, op: eq, value: a}", "{q: count, op: ge, value: 3}", {"pick": "a"}, True),
    ("{q: pick, op: eq, value: a}", "{q: many, op: contains_any, value: [x]}", {"pick": "a"}, True),
    ("{q: pick, op: eq, value: a}", "{q: many, op: contains_any, value: [x]}", {"pick": "a", "many": ["x"]}, False),
    ("{q: pick, op: eq, value: a}", None, {}, False),
])
def test_unless_rules_out_only_on_a_given_answer(when, unless, answers, expected):
    assert c.fires(parsed(when), parsed(unless) if unless else None, answers) is expected
