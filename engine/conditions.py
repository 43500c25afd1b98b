"""Conditions as structured YAML trees, checked at load time, evaluated without eval.

A condition is one of:
    {all: [cond, ...]}   {any: [cond, ...]}   {not: cond}   {always: true}
    {q: question_id, op: operator, value: ...}
An unanswered (or hidden) question makes a leaf false, except `not_answered`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from engine.yamlio import LocatedDict, LocatedList, Mark

if TYPE_CHECKING:
    from engine.models import Question

# Which operators fit which question type, and what shape of value each takes.
OPERATORS: dict[str, dict[str, str]] = {
    "single": {"eq": "code", "ne": "code", "in": "codes", "not_in": "codes",
               "answered": "none", "not_answered": "none"},
    "multi": {"contains_any": "codes", "contains_all": "codes", "contains_none": "codes",
              "answered": "none", "not_answered": "none"},
    "integer": {"eq": "int", "ne": "int", "lt": "int", "le": "int", "gt": "int", "ge": "int",
                "in": "ints", "not_in": "ints", "answered": "none", "not_answered": "none"},
}
ALL_OPERATORS = sorted({op for ops in OPERATORS.values() for op in ops})
_COMPARE = {"eq": operator.eq, "ne": operator.ne, "lt": operator.lt, "le": operator.le, "gt": operator.gt,
            "ge": operator.ge}
_NO_MARK = Mark(1, 1)


@dataclass(frozen=True)
class Leaf:
    q: str
    op: str
    value: Any
    mark: Mark = _NO_MARK


@dataclass(frozen=True)
class AllOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class AnyOf:
    items: tuple[Condition, ...]


@dataclass(frozen=True)
class Not:
    item: Condition


@dataclass(frozen=True)
class Always:
    pass


Condition = Union[Leaf, AllOf, AnyOf, Not, Always]


@dataclass(frozen=True)
class ConditionProblem:
    mark: Mark
    code: str
    message: str


def parse(raw: Any, problems: list[ConditionProblem], mark: Mark = _NO_MARK) -> Condition | None:
    """Turn a raw YAML tree into a Condition, recording every shape problem."""
    here = getattr(raw, "mark", mark)
    if not isinstance(raw, Mapping):
        return _refuse(problems, here, "invalid-value",
                       "a condition must be a mapping with one of all, any, not, always, "
                       f"or q/op/value; found {_describe(raw)}")
    keys = set(raw)
    if keys & {"q", "op", "value"}:
        return _parse_leaf(raw, problems, here)
    if len(keys) != 1:
        return _refuse(problems, here, "invalid-value",
                       "a condition needs exactly one of all, any, not, always, or q/op/value; "
                       f"found {_describe(raw)}")
    (key,) = keys
    inner = raw[key]
    inner_mark = raw.value_marks.get(key, here) if isinstance(raw, LocatedDict) else here
    if key in ("all", "any"):
        if not isinstance(inner, list) or not inner:
            return _refuse(problems, inner_mark, "invalid-value",
                           f"'{key}' needs a non-empty list of conditions; found {_describe(inner)}")
        marks = inner.item_marks if isinstance(inner, LocatedList) else [inner_mark] * len(inner)
        items = [parse(item, problems, m) for item, m in zip(inner, marks, strict=True)]
        if any(item is None for item in items):
            return None
        return (AllOf if key == "all" else AnyOf)(tuple(items))  # type: ignore[arg-type]
    if key == "not":
        item = parse(inner, problems, inner_mark)
        return None if item is None else Not(item)
    if key == "always":
        if inner is not True:
            return _refuse(problems, inner_mark, "invalid-value", f"'always' must be true; found {inner!r}")
        return Always()
    return _refuse(problems, _key_mark(raw, key, here), "unknown-key",
                   f"unknown condition key {key!r}; expected all, any, not, always or q/op/value")


def _parse_leaf(raw: Mapping, problems: list[ConditionProblem], here: Mark) -> Leaf | None:
    before = len(problems)
    for key in raw:
        if key not in ("q", "op", "value"):
            _refuse(problems, _key_mark(raw, key, here), "unknown-key",
                    f"unknown key {key!r} in a condition leaf; expected q, op, value")
    for key in ("q", "op"):
        if key not in raw:
            _refuse(problems, here, "missing-field", f"condition leaf has no '{key}'")
        elif not isinstance(raw[key], str):
            _refuse(problems, here, "invalid-value", f"condition '{key}' must be text; found {_describe(raw[key])}")
    if len(problems) == before and raw["op"] not in ALL_OPERATORS:
        _refuse(problems, here, "operator-mismatch",
                f"unknown operator {raw['op']!r}; expected one of {', '.join(ALL_OPERATORS)}")
    if len(problems) > before:
        return None
    value = raw.get("value")
    if isinstance(value, list):
        value = tuple(value)
    return Leaf(raw["q"], raw["op"], value, here)


def _refuse(problems: list[ConditionProblem], mark: Mark, code: str, message: str) -> None:
    """Record one problem; it returns None, so a parser can `return _refuse(...)` for what it refuses."""
    problems.append(ConditionProblem(mark, code, message))


def _key_mark(raw: Mapping, key: Any, here: Mark) -> Mark:
    return raw.key_marks.get(key, here) if isinstance(raw, LocatedDict) else here


def check(cond: Condition, questions: Mapping[str, Question], problems: list[ConditionProblem]) -> None:
    """Check every leaf against the questions: id, operator fit, value shape and codes."""
    for leaf in leaves(cond):
        problems.extend(ConditionProblem(leaf.mark, code, message) for code, message in _leaf_problems(leaf, questions))


def _leaf_problems(leaf: Leaf, questions: Mapping[str, Question]) -> Iterator[tuple[str, str]]:
    """(code, message) for each thing wrong with one leaf; all of them sit at the leaf's place."""
    question = questions.get(leaf.q)
    if question is None:
        yield "unknown-question", f"unknown question id {leaf.q!r}"
        return
    fits = OPERATORS[question.type]
    if leaf.op not in fits:
        yield "operator-mismatch", (f"operator {leaf.op!r} does not fit {question.type} question "
                                    f"{leaf.q!r}; expected one of {', '.join(fits)}")
        return
    shape, value = fits[leaf.op], leaf.value
    if shape == "none":
        if value is not None:
            yield "operator-mismatch", f"operator {leaf.op!r} takes no value; found {value!r}"
        return
    many = shape in ("codes", "ints")
    if many and (not isinstance(value, tuple) or not value):
        yield "operator-mismatch", f"operator {leaf.op!r} needs a non-empty list as value; found {_describe(value)}"
        return
    if not many and isinstance(value, tuple):
        yield "operator-mismatch", f"operator {leaf.op!r} needs a single value, not a list"
        return
    for item in value if many else (value,):
        if shape in ("int", "ints"):
            if not isinstance(item, int) or isinstance(item, bool):
                yield "operator-mismatch", f"question {leaf.q!r} takes whole numbers; found {item!r}"
        elif item not in question.codes:
            yield "unknown-code", (f"question {leaf.q!r} has no code {item!r}; "
                                   f"allowed codes: {', '.join(question.codes)}")


def leaves(cond: Condition) -> list[Leaf]:
    if isinstance(cond, Leaf):
        return [cond]
    if isinstance(cond, (AllOf, AnyOf)):
        return [leaf for item in cond.items for leaf in leaves(item)]
    if isinstance(cond, Not):
        return leaves(cond.item)
    return []


def referenced_questions(cond: Condition) -> set[str]:
    return {leaf.q for leaf in leaves(cond)}


def holds(cond: Condition, answers: Mapping[str, Any]) -> bool:
    """Evaluate a condition over effective answers (hidden questions already removed)."""
    if isinstance(cond, Leaf):
        return _leaf_holds(cond, answers.get(cond.q))
    if isinstance(cond, AllOf):
        return all(holds(item, answers) for item in cond.items)
    if isinstance(cond, AnyOf):
        return any(holds(item, answers) for item in cond.items)
    if isinstance(cond, Not):
        return not holds(cond.item, answers)
    return True  # Always


def answered(value: Any) -> bool:
    """Whether a value is an answer: not missing, and not an empty list of choices."""
    return value is not None and value != () and value != []


def _leaf_holds(leaf: Leaf, answer: Any) -> bool:
    given = answered(answer)
    if leaf.op in ("answered", "not_answered"):
        return given == (leaf.op == "answered")
    if not given:
        return False
    op, value = leaf.op, leaf.value
    if op.startswith("contains_"):
        chosen = set(answer) if isinstance(answer, (list, tuple)) else {answer}
        wanted = set(value or ())
        return {"contains_any": bool(chosen & wanted), "contains_all": wanted <= chosen,
                "contains_none": not chosen & wanted}[op]
    if isinstance(answer, (list, tuple)):
        return False  # a list where a single answer belongs never matches
    if op in ("in", "not_in"):
        return (answer in (value or ())) == (op == "in")
    if op not in ("eq", "ne") and (not isinstance(answer, int) or isinstance(answer, bool)
                                   or not isinstance(value, int)):
        return False  # an order test needs whole numbers on both sides
    return _COMPARE[op](answer, value)


def support(cond: Condition, answers: Mapping[str, Any]) -> list[str]:
    """The question ids whose answers made a true condition true, in order of mention."""
    return list(dict.fromkeys(_support(cond, answers)))


def _support(cond: Condition, answers: Mapping[str, Any]) -> Iterator[str]:
    if isinstance(cond, Leaf):
        if answered(answers.get(cond.q)):
            yield cond.q
    elif isinstance(cond, AllOf):
        for item in cond.items:
            yield from _support(item, answers)
    elif isinstance(cond, AnyOf):
        for item in cond.items:
            if holds(item, answers):
                yield from _support(item, answers)
    elif isinstance(cond, Not):
        yield from (q for q in sorted(referenced_questions(cond.item)) if answered(answers.get(q)))


def _describe(value: Any) -> str:
    if isinstance(value, Mapping):
        return f"a mapping with keys {', '.join(map(str, value)) or '(none)'}"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def fires(when: Condition, unless: Condition | None, answers: Mapping[str, Any]) -> bool:
    """`when` holds and no given answer rules it out through `unless` (unknown is not no)."""
    return holds(when, answers) and not (unless is not None and holds(unless, answers))
