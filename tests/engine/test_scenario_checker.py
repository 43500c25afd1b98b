"""The scenario checker fails a wrong case, so a passing case in tests/cases means what it says."""

from __future__ import annotations

import pytest

from engine.evaluate import evaluate
from engine.scenarios import Case, check_case, load_case

ANSWERS = {"safety_thoughts": "no", "region": "uk", "antidepressants_tried": "two"}


@pytest.fixture(scope="module")
def outcome(bundle):
    return evaluate(bundle, ANSWERS)


def _case(**fields):
    return Case(name="a case that should fail", answers=ANSWERS, **fields)


@pytest.mark.parametrize(("fields", "failure"), [
    (lambda ids: {"order": ((ids[1], ids[0]),)}, lambda ids: f"expected {ids[1]!r} before {ids[0]!r}; order: "),
    (lambda ids: {"first": ids[1]}, lambda ids: f"expected {ids[1]!r} first; got {ids[0]}"),
    (lambda ids: {"last": ids[0]}, lambda ids: f"expected {ids[0]!r} last; got {ids[-1]}"),
    (lambda ids: {"crisis": True}, lambda ids: "expected crisis=True, got False"),
])
def test_a_wrong_expectation_is_a_failure(outcome, fields, failure):
    ids = outcome.section_ids
    failures = check_case(_case(**fields(ids)), outcome)
    assert len(failures) == 1 and failures[0].startswith(failure(ids)), failures


def test_the_right_expectations_pass(outcome):
    ids = outcome.section_ids
    assert check_case(_case(order=((ids[0], ids[1]),), first=ids[0], last=ids[-1], crisis=False), outcome) == []


def test_a_case_file_with_a_repeated_key_is_refused(tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text("name: a case named twice over\nname: again\nanswers: {}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice.yaml: duplicate key 'name'"):
        load_case(path)
