"""Answer sets: parse, check against the questions, and explain what is wrong.

An answer set maps question ids to a code (single choice), a list of codes
(multiple choice) or a whole number. It may arrive bare or wrapped as the app's
saved-progress file: {"schema_version": 1, "answers": {...}}.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from engine.models import Question
from engine.yamlio import load_located

SCHEMA_VERSION = 1
WRAPPER_KEYS = {"schema_version", "answers", "content_version", "saved_on"}
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class AnswerProblem:
    question_id: str  # "" when the problem is about the file as a whole
    kind: str  # unknown-question | unknown-code | wrong-type | file
    message: str

    def __str__(self) -> str:
        return self.message


def check_answer_values(answers: Mapping[str, Any], questions: Mapping[str, Question]) -> list[AnswerProblem]:
    """Every problem with the values of an answer set, one per question."""
    problems: list[AnswerProblem] = []
    for qid, value in answers.items():
        question = questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            problems.append(AnswerProblem(str(qid), "unknown-question",
                                          f"{qid!r} is not a question id (see INTAKE.md for the ids)"))
            continue
        if value is None:
            continue
        allowed = ", ".join(question.codes)
        if question.type == "single":
            if not isinstance(value, str):
                kind = "a list" if isinstance(value, list) else repr(value)
                problems.append(AnswerProblem(qid, "wrong-type",
                                              f"{qid}: takes one code, found {kind}; allowed codes: {allowed}"))
            elif value not in question.codes:
                problems.append(AnswerProblem(qid, "unknown-code",
                                              f"{qid}: {value!r} is not an allowed code; allowed codes: {allowed}"))
        elif question.type == "multi":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                problems.append(AnswerProblem(qid, "wrong-type",
                                              f"{qid}: takes a list of codes, found {_kind(value)}; "
                                              f"allowed codes: {allowed}"))
                continue
            unknown = [v for v in value if v not in question.codes]
            if unknown:
                problems.append(AnswerProblem(qid, "unknown-code",
                                              f"{qid}: {', '.join(map(repr, unknown))} not allowed; "
                                              f"allowed codes: {allowed}"))
            elif len(set(value)) != len(value):
                problems.append(AnswerProblem(qid, "wrong-type", f"{qid}: lists a code twice"))
        else:
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(AnswerProblem(qid, "wrong-type", f"{qid}: takes a whole number, found {_kind(value)}"))
            elif (question.minimum is not None and value < question.minimum) or (
                question.maximum is not None and value > question.maximum
            ):
                problems.append(AnswerProblem(qid, "unknown-code",
                                              f"{qid}: {value} is outside {question.minimum} to {question.maximum}"))
    return problems


def unwrap(data: Any) -> tuple[dict[str, Any] | None, list[AnswerProblem]]:
    """Accept a bare answer mapping or a saved-progress wrapper."""
    if not isinstance(data, Mapping):
        return None, [AnswerProblem("", "file", f"expected a mapping of question ids to answers, found {_kind(data)}")]
    if "answers" in data and "schema_version" in data:
        extra = sorted(set(data) - WRAPPER_KEYS)
        if extra:
            return None, [AnswerProblem("", "file", f"unknown key(s) in saved-progress file: {', '.join(extra)}; "
                                                    f"expected: {', '.join(sorted(WRAPPER_KEYS))}")]
        if data["schema_version"] != SCHEMA_VERSION:
            return None, [AnswerProblem("", "file", f"schema_version {data['schema_version']!r} is not supported; "
                                                    f"this version reads schema_version {SCHEMA_VERSION}")]
        data = data["answers"]
        if not isinstance(data, Mapping):
            return None, [AnswerProblem("", "file", f"'answers' must be a mapping, found {_kind(data)}")]
    return {str(k) if not isinstance(k, str) else k: _plain(v) for k, v in data.items()}, []


def parse_answer_text(text: str, questions: Mapping[str, Question]) -> tuple[dict[str, Any], list[AnswerProblem]]:
    """Parse YAML or JSON text into a checked answer set. Never raises on bad input."""
    if len(text.encode("utf-8", "replace")) > MAX_ANSWER_BYTES:
        return {}, [AnswerProblem("", "file", f"file is larger than {MAX_ANSWER_BYTES // 1024} KB")]
    try:
        data, duplicates = load_located(text)
    except yaml.YAMLError as error:
        reason = str(getattr(error, "problem", None) or error)
        if "nesting depth" in reason:
            return {}, [AnswerProblem("", "file", "the file is nested too deeply")]
        return {}, [AnswerProblem("", "file", f"not valid YAML or JSON: {reason}")]
    except RecursionError:
        return {}, [AnswerProblem("", "file", "the file is nested too deeply")]
    if duplicates:
        return {}, [AnswerProblem(str(d.key), "file", f"{d.key!r} appears twice") for d in duplicates]
    answers, problems = unwrap(data)
    if answers is None:
        return {}, problems
    problems = check_answer_values(answers, questions)
    if problems:
        return {}, problems
    return {k: v for k, v in answers.items() if v is not None and v != []}, []


def to_saved_progress(answers: Mapping[str, Any], content_version: str) -> str:
    """The saved-progress file the app offers for download (JSON, no personal notes)."""
    return json.dumps({"schema_version": SCHEMA_VERSION, "content_version": content_version,
                       "answers": dict(answers)}, indent=2, sort_keys=True)


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    return value


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return repr(value)
