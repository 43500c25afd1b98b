"""Answer sets: parse, check against the questions, and explain what is wrong.

An answer set maps question ids to a code (single choice), a list of codes
(multiple choice) or a whole number. It may arrive bare or wrapped as the app's
saved-progress file: {"schema_version": 1, "answers": {...}}.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from engine.conditions import answered
from engine.models import Question
from engine.yamlio import YamlRefused, load_located, short

SCHEMA_VERSION = 1
EXPORT_ID = "export_id"  # a random id the app writes, so a download's address cannot be derived from the answers
DEMO_KEY = "demo_persona"  # the id of the clinician's demo person the answers started from, while any is left
WRAPPER_KEYS = {"schema_version", "answers", "content_version", "saved_on", EXPORT_ID, DEMO_KEY}
MAX_ANSWER_BYTES = 64 * 1024


@dataclass(frozen=True)
class AnswerProblem:
    question_id: str  # "" when the problem is about the file as a whole
    kind: str  # unknown-question | unknown-code | wrong-type | too-many | not-alone | file
    message: str
    code: str = ""  # not-alone: the code that must stand alone (the app names its label)

    def __str__(self) -> str:
        return self.message


def check_answer_values(answers: Mapping[str, Any], questions: Mapping[str, Question]) -> list[AnswerProblem]:
    """Every problem with the values of an answer set, one per question."""
    problems: list[AnswerProblem] = []
    for qid, value in answers.items():
        question = questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            problems.append(AnswerProblem(str(qid), "unknown-question",
                                          f"{short(qid)} is not a question id (see INTAKE.md for the ids)"))
        elif value is not None and (problem := _value_problem(qid, question, value)):
            problems.append(AnswerProblem(qid, *problem))
    return problems


def _value_problem(qid: str, question: Question, value: Any) -> tuple[str, ...] | None:
    """(kind, message[, code]) when a given value does not fit its question."""
    allowed = ", ".join(question.codes)
    if question.type == "single":
        if not isinstance(value, str):
            return "wrong-type", f"{qid}: takes one code, found {_kind(value)}; allowed codes: {allowed}"
        if value not in question.codes:
            return "unknown-code", f"{qid}: {short(value)} is not an allowed code; allowed codes: {allowed}"
    elif question.type == "multi":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return "wrong-type", f"{qid}: takes a list of codes, found {_kind(value)}; allowed codes: {allowed}"
        unknown = [v for v in value if v not in question.codes]
        if unknown:
            return "unknown-code", f"{qid}: {_some(unknown)} not allowed; allowed codes: {allowed}"
        if len(set(value)) != len(value):
            return "wrong-type", f"{qid}: lists a code twice"
        # What the questionnaire cannot give, a hand-edited file cannot either (fifth walkthrough, 2026-11-28).
        if question.max_choices is not None and len(value) > question.max_choices:
            return "too-many", f"{qid}: takes at most {question.max_choices} codes, found {len(value)}"
        alone = [v for v in value if v in question.exclusive]
        if alone and len(value) > 1:
            return "not-alone", f"{qid}: {short(alone[0])} cannot be listed with other codes", alone[0]
    elif not isinstance(value, int) or isinstance(value, bool):
        return "wrong-type", f"{qid}: takes a whole number, found {_kind(value)}"
    elif ((question.minimum is not None and value < question.minimum)
          or (question.maximum is not None and value > question.maximum)):
        return "unknown-code", f"{qid}: {short(value)} is outside {question.minimum} to {question.maximum}"
    return None


def unwrap(data: Any, content_version: str | None = None) -> tuple[dict[str, Any] | None, list[AnswerProblem]]:
    """Accept a bare answer mapping or a saved-progress wrapper.

    `content_version` is this bundle's; a wrapper from newer content that does not fit is
    reported as made by a newer version, not as a list of unknown keys.
    """
    if not isinstance(data, Mapping):
        return None, _file(f"expected a mapping of question ids to answers, found {_kind(data)}")
    if "answers" in data and "schema_version" in data:
        version = data["schema_version"]
        if type(version) is not int:  # noqa: E721 - True and 1.0 equal 1 but are not the whole number 1
            return None, _file(f"schema_version must be the whole number {SCHEMA_VERSION}, found {_kind(version)}")
        if version > SCHEMA_VERSION:
            return None, _file(f"this file was made by a newer version of TRD Navigator: schema_version "
                               f"{short(version)} is not supported; this version reads schema_version {SCHEMA_VERSION}")
        if version != SCHEMA_VERSION:
            return None, _file(f"schema_version {short(version)} is not supported; "
                               f"this version reads schema_version {SCHEMA_VERSION}")
        extra = _some([key for key in data if key not in WRAPPER_KEYS], plain=True)
        if extra:
            if _newer(data.get("content_version"), content_version):
                return None, _file(f"{_made_by_newer(data)}; it has key(s) this version does not know: {extra}")
            return None, _file(f"unknown key(s) in saved-progress file: {extra}; "
                               f"expected: {', '.join(sorted(WRAPPER_KEYS))}")
        for key in sorted(WRAPPER_KEYS - {"schema_version", "answers"}):  # each checked, read back or not
            if (problem := _wrapper_value_problem(key, data.get(key))) is not None:
                return None, _file(problem)
        data = data["answers"]
        if not isinstance(data, Mapping):
            return None, _file(f"'answers' must be a mapping, found {_kind(data)}")
    return {str(k): list(v) if isinstance(v, list) else v for k, v in data.items()}, []


def _wrapper_value_problem(key: str, value: Any) -> str | None:
    """A saved-progress file's own fields (content version, day saved, export id, demo person): one short line,
    and a day for saved_on. Only the demo person is read back (`named_demo_persona`); all are checked, so
    that nothing ever meets a megabyte or a mapping there."""
    if value is None:
        return None
    if not (isinstance(value, str) and len(value) <= 64 and value.isprintable()):
        return f"{key} must be one short line of text, found {_kind(value)}"
    if key == "saved_on":
        try:
            date.fromisoformat(value)
        except ValueError:
            return f"saved_on must be a day (YYYY-MM-DD), found {short(value)}"
    return None


def parse_answer_text(text: str, questions: Mapping[str, Question],
                      content_version: str | None = None) -> tuple[dict[str, Any], list[AnswerProblem]]:
    """Parse JSON (when the text is JSON) or YAML into a checked answer set. Never raises on bad input."""
    if len(text.encode("utf-8", "replace")) > MAX_ANSWER_BYTES:
        return {}, _file(f"file is larger than {MAX_ANSWER_BYTES // 1024} KB")
    data, problems = _parse(text)
    if problems:
        return {}, problems
    answers, problems = unwrap(data, content_version)
    if answers is None:
        return {}, problems
    problems = check_answer_values(answers, questions)
    if problems:
        if isinstance(data, Mapping) and _newer(data.get("content_version"), content_version):
            problems = _file(f"{_made_by_newer(data)}; some answers are not known to this version") + problems
        return {}, problems
    return {k: v for k, v in answers.items() if answered(v)}, []


def _parse(text: str) -> tuple[Any, list[AnswerProblem]]:
    """The saved-progress file is JSON: read JSON with json.loads (no YAML key-length or line rules),
    anything else as YAML with the strict loader. Duplicate keys are errors in both."""
    if text.lstrip("\ufeff \t\r\n").startswith("{"):
        duplicates: list[str] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            result: dict[str, Any] = {}
            for key, value in items:
                if key in result:
                    duplicates.append(key)
                result.setdefault(key, value)
            return result

        try:
            data = json.loads(text.lstrip("\ufeff"), object_pairs_hook=pairs)
        except RecursionError:
            return None, _file("the file is nested too deeply")
        except ValueError:  # not JSON after all (JSONDecodeError), or a number too long: try YAML
            pass
        else:
            return data, [AnswerProblem(key, "file", f"{short(key)} appears twice") for key in duplicates]
    try:
        data, dups = load_located(text)
    except YamlRefused as error:
        mark = error.problem_mark
        return None, _file(f"line {mark.line + 1}, column {mark.column + 1}: {error.message}")
    except yaml.YAMLError as error:
        reason = str(getattr(error, "problem", None) or error).splitlines()[0]
        if "nesting depth" in reason:
            return None, _file("the file is nested too deeply")
        return None, _file(f"not valid YAML or JSON: {short(reason, 200)[1:-1]}")
    except RecursionError:
        return None, _file("the file is nested too deeply")
    except ValueError:  # a number too long to read as a whole number
        return None, _file("the file holds a number too long to read")
    if dups:
        return None, [AnswerProblem(short(d.key), "file", f"{short(d.key)} appears twice") for d in dups]
    return data, []


def reworded_since_saved(data: Any, questions: Mapping[str, Question]) -> list[Question]:
    """The answered questions whose words changed after a saved-progress file was made (its `content_version` is
    older than the question's `reworded_in`): the answer is read under the new words, so the person is asked to
    check it (review 18, p18-10). A bare answer set says no version: nothing is flagged."""
    if not isinstance(data, Mapping) or not isinstance(data.get("answers"), Mapping):
        return []
    saved = data.get("content_version")
    return [question for qid, question in questions.items()
            if qid in data["answers"] and question.reworded_in and _newer(question.reworded_in, saved)]


def _newer(theirs: Any, ours: str | None) -> bool:
    """True when content version `theirs` ("2027.01") is later than `ours` ("2026.11 (ab12cd34)")."""
    def parts(version: Any) -> tuple[int, ...] | None:
        if not isinstance(version, str):
            return None
        head = version.split(" ")[0]
        try:
            return tuple(int(p) for p in head.split(".")[:4] if len(p) <= 9)
        except ValueError:
            return None
    mine, other = parts(ours), parts(theirs)
    return mine is not None and other is not None and other > mine


def to_saved_progress(answers: Mapping[str, Any], content_version: str, *, export_id: str | None = None,
                      saved_on: date | None = None, demo_persona: str | None = None) -> str:
    """The saved-progress file the app offers for download (JSON, no personal notes), with its export id, the
    day it was saved and the demo person its answers started from, if given (loaded again, a mix of made-up
    and real answers is labelled again: it cannot be told from the answers alone)."""
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "content_version": content_version,
                            "answers": dict(answers)}
    if saved_on is not None:
        data["saved_on"] = saved_on.isoformat()
    if export_id is not None:
        data[EXPORT_ID] = export_id
    if demo_persona is not None:
        data[DEMO_KEY] = demo_persona
    return json.dumps(data, indent=2, sort_keys=True)


def named_demo_persona(data: bytes) -> str | None:
    """The demo person a saved-progress file names (DEMO_KEY), else None. Only for a file already accepted
    (`parse_answer_text`): a JSON mapping whose DEMO_KEY, if there, is one short line."""
    return json.loads(data.decode("utf-8-sig")).get(DEMO_KEY)


def _file(message: str) -> list[AnswerProblem]:
    """A problem with the file as a whole."""
    return [AnswerProblem("", "file", message)]


def _made_by_newer(data: Mapping[str, Any]) -> str:
    return f"this file was made by a newer version of TRD Navigator (content {short(data.get('content_version'))})"


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "a mapping"
    return short(value)


def _some(values: list[Any], limit: int = 5, plain: bool = False) -> str:
    """At most `limit` values, each capped, so a message stays one short line (plain: text unquoted)."""
    shown = ", ".join(v if plain and isinstance(v, str) and v.isprintable() and len(v) <= 40 else short(v, 40)
                      for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")
