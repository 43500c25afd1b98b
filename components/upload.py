"""Resume from a saved-progress file: check the bytes, and say plainly what is wrong.

Pure (no Streamlit): `apply_upload` turns the uploaded bytes into a checked answer
set, or into plain-English messages for the person (never the engine's developer
wording). The size is checked before anything is decoded or parsed; nothing is
written anywhere. resume.py calls it from the uploader's callback.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine.answers import MAX_ANSWER_BYTES, SCHEMA_VERSION, AnswerProblem, parse_answer_text
from engine.models import Question

LIMIT_KB = MAX_ANSWER_BYTES // 1024
TOO_BIG = (f"This file is too big to be a saved-progress file (the limit is {LIMIT_KB} KB). "
           "Nothing was changed.")
NOT_TEXT = "This file is not a saved-progress file: it is not text. Nothing was changed."
NOT_JSON = ("This file is not a saved-progress file: its text is broken or cut short, near line {line}. "
            "Nothing was changed.")
UNREADABLE = "This file is not a saved-progress file: its text could not be read. Nothing was changed."
TOO_DEEP = "This file is not a saved-progress file: it is built too many layers deep to read. Nothing was changed."
HAS_PROBLEMS = "This file could not be used, so nothing was changed. What is wrong with it:"
EMPTY = "This file holds no answers, so nothing was changed."
LOADED = "Your saved answers are back ({count} answers). Check them below, then see your results."
FHIR_FILE = ("This is a health record (FHIR) file, not a saved-progress file, so nothing was changed. "
             "To carry on, upload the file from \"Save my progress\" (its name starts with "
             "trd-navigator-progress).")
OTHER_VERSION = "It was made by another version of TRD Navigator, which this one cannot read."
NOT_OURS = "It is not laid out like a saved-progress file from TRD Navigator."
UNKNOWN_QUESTION = "It has an answer to a question this tool does not ask: {qid}"
NOT_A_CHOICE = "The answer to \"{short}\" is not one of the choices this tool offers."


def apply_upload(data: bytes, questions: Mapping[str, Question]) -> tuple[dict[str, Any] | None, list[str]]:
    """(answers, messages): answers is None when the file cannot be used; messages say why."""
    if len(data) > MAX_ANSWER_BYTES:
        return None, [TOO_BIG]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [NOT_TEXT]
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:  # the parser's own wording ("Expecting value") means nothing to a person
        return None, [NOT_JSON.format(line=error.lineno)]
    except ValueError:  # valid JSON the reader refuses, such as a number thousands of digits long
        return None, [UNREADABLE]
    except RecursionError:
        return None, [TOO_DEEP]
    if isinstance(parsed, dict) and "resourceType" in parsed:
        return None, [FHIR_FILE]
    answers, problems = parse_answer_text(text, questions)
    if problems:
        reasons = list(dict.fromkeys(plain_reason(p, parsed, questions) for p in problems))
        return None, [HAS_PROBLEMS, *reasons]
    if not answers:
        return None, [EMPTY]
    return answers, [LOADED.format(count=len(answers))]


def plain_reason(problem: AnswerProblem, parsed: Any, questions: Mapping[str, Question]) -> str:
    """One problem in words a person can act on (the engine's wording is for developers)."""
    if problem.kind == "unknown-question":
        return UNKNOWN_QUESTION.format(qid=problem.question_id)
    if problem.kind in ("unknown-code", "wrong-type") and problem.question_id in questions:
        return NOT_A_CHOICE.format(short=questions[problem.question_id].short)
    if isinstance(parsed, dict) and "schema_version" in parsed and parsed["schema_version"] != SCHEMA_VERSION:
        return OTHER_VERSION
    return NOT_OURS
