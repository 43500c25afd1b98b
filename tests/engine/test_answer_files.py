"""Answer files the app and `evaluate` must refuse (or accept) with one plain line, never a traceback."""

from __future__ import annotations

import pytest

from engine import answers as ans
from engine.answers import parse_answer_text
from engine.models import Option, Question

QUESTIONS = {
    "pick": Question(id="pick", type="single", label="Pick", short="Pick",
                     options=(Option(code="a", label="A"), Option(code="b", label="B"))),
    "count": Question(id="count", type="integer", label="Count", short="Count", minimum=0, maximum=10),
}


@pytest.mark.parametrize(("text", "answers", "message"), [
    ('{"pick": null, "count": 3}', {"count": 3}, None),  # a blank answer is no answer
    ('{"count": 11}', {}, "count: 11 is outside 0 to 10"),
    ('{"count": -1}', {}, "count: -1 is outside 0 to 10"),
    ('{"count": 0}', {"count": 0}, None),
    ('{"schema_version": 0, "answers": {}}', {}, "schema_version 0 is not supported; this version reads"),
    ('{"pick": {"a": 1}}', {}, "pick: takes one code, found a mapping"),
    ("[" * 5000 + "]" * 5000, {}, "the file is nested too deeply"),  # as YAML
    ('{"a": ' + "[" * 5000 + "]" * 5000 + "}", {}, "the file is nested too deeply"),  # as JSON
])
def test_answer_files(text, answers, message):
    got, problems = parse_answer_text(text, QUESTIONS)
    assert got == answers
    assert [message in str(p) for p in problems][:1] == ([] if message is None else [True])


@pytest.mark.parametrize(("error", "message"), [
    (RecursionError(), "the file is nested too deeply"),
    (ValueError(), "the file holds a number too long to read"),
])
def test_yaml_reader_failures_are_one_line(monkeypatch, error, message):
    def explode(*_):
        raise error

    monkeypatch.setattr(ans, "load_located", explode)
    assert parse_answer_text("pick: a\n", QUESTIONS) == ({}, [ans.AnswerProblem("", "file", message)])


@pytest.mark.parametrize(("theirs", "ours", "newer"), [
    ("2027.01", "2026.11 (ab12cd34)", True),
    ("2026.01", "2026.11 (ab12cd34)", False),
    ("2027.x", "2026.11 (ab12cd34)", False),  # not a version: never claimed to be newer
    (2027, "2026.11", False),
    ("2027.01", None, False),
])
def test_only_a_real_later_content_version_counts_as_newer(theirs, ours, newer):
    assert ans._newer(theirs, ours) is newer
