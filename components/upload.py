"""Resume from a saved-progress file: check the bytes, and say plainly what is wrong.

Pure (no Streamlit): `apply_upload` turns the uploaded bytes into a checked answer
set, or into plain-English messages for the person (never the engine's developer
wording). The size is checked before anything is decoded or parsed; nothing is
written anywhere. resume.py calls it from the uploader's callback.

What counts as an answer file is the public contract (docs/INTAKE.md, engine/answers.py):
a mapping of question ids to answers, bare or wrapped as {"schema_version": 1, "answers": {...}}.
This module only decides how a file that is not one is reported:

- A mapping with an "answers" or a "schema_version" key is the wrapped form. It needs both
  keys and no top-level key the saved-progress file does not have (`WRAPPER_KEYS`);
  otherwise it is "not laid out like a saved-progress file". A schema_version that is
  another whole number says the file comes from another version of the tool.
- Any other mapping is read as a bare answer set only when at least one of its keys is a
  question this tool asks. {"foo": 1} or {"name": "x"} is not someone's answers, so it is
  "not laid out like a saved-progress file"; its keys are never echoed back.
- Inside a real answer set (bare or wrapped) the ids this tool does not ask are named:
  at most `MAX_NAMED` of them, each cut to `NAME_LIMIT` characters with anything that is
  not a printable character escaped, so a hostile file's key stays one short line. They
  are shown as plain text, never as markup (resume.render_upload_message).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine.answers import (
    MAX_ANSWER_BYTES,
    SCHEMA_VERSION,
    WRAPPER_KEYS,
    AnswerProblem,
    parse_answer_text,
    reworded_since_saved,
)
from engine.models import Question

LIMIT_KB = MAX_ANSWER_BYTES // 1024
MAX_NAMED = 3  # unknown question ids named in one message; the rest are counted
NAME_LIMIT = 40  # characters of one unknown id shown

TOO_BIG = (f"This file is too big to be a saved-progress file (the limit is {LIMIT_KB} KB). "
           "Nothing was changed.")
EMPTY_FILE = "This file is empty. There is nothing in it to load, so nothing was changed."
NOT_TEXT = "This file is not a saved-progress file: it is not text this tool can read. Nothing was changed."
NOT_JSON = ("This file is not a saved-progress file: its text is broken or cut short, near line {line}. "
            "Nothing was changed.")
UNREADABLE = "This file is not a saved-progress file: its text could not be read. Nothing was changed."
TOO_DEEP = "This file is not a saved-progress file: it is built too many layers deep to read. Nothing was changed."
HAS_PROBLEMS = "This file could not be used, so nothing was changed. What is wrong with it:"
EMPTY = "This file holds no answers, so nothing was changed."
LOADED = "Your saved answers are back ({count}). Check them below, then see your results."
LOADED_PART = ("Your saved answers are back ({count}). Some questions still need an answer, "
               "so you can carry on from here.")
REWORDED = "Some questions were reworded after this file was saved. Please check your answers to: {shorts}."
FHIR_FILE = ("This is a health record (FHIR) file, not a saved-progress file, so nothing was changed. "
             "To carry on, upload the file from \"Save my answers to carry on later\" (its name starts with "
             "trd-navigator-progress).")
OTHER_VERSION = "It was made by another version of TRD Navigator, which this one cannot read."
NOT_OURS = "It is not laid out like a saved-progress file from TRD Navigator."
UNKNOWN_QUESTION = "It has an answer to a question this tool does not ask: {qid}"
UNKNOWN_QUESTIONS = "It has answers to {count} questions this tool does not ask: {qids}"
AND_MORE = "{shown} and {more} more"
NOT_A_CHOICE = "The answer to \"{short}\" is not one of the choices this tool offers."
TOO_MANY = "The answer to \"{short}\" has more choices than the question allows (at most {most})."
NOT_ALONE = "The answer to \"{short}\" lists \"{label}\" together with other choices."


def apply_upload(data: bytes, questions: Mapping[str, Question]) -> tuple[dict[str, Any] | None, list[str]]:
    """(answers, messages): answers is None when the file cannot be used; messages say why."""
    if len(data) > MAX_ANSWER_BYTES:
        return None, [TOO_BIG]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [NOT_TEXT]
    if not text.strip(" \t\r\n\ufeff"):  # 0 bytes, or only blank space: the JSON reader would call it broken
        return None, [EMPTY_FILE]
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
    wrong_layout = layout_problem(parsed, questions)
    if wrong_layout:
        return None, [HAS_PROBLEMS, wrong_layout]
    answers, problems = parse_answer_text(text, questions)
    if problems:
        return None, [HAS_PROBLEMS, *plain_reasons(problems, questions)]
    if not answers:
        return None, [EMPTY]
    reworded = reworded_since_saved(parsed, questions)
    said = [REWORDED.format(shorts=", ".join(f'"{q.short}"' for q in reworded))] if reworded else []
    return answers, [LOADED.format(count=answer_count(len(answers))), *said]


def answer_count(count: int) -> str:
    """"1 answer", "30 answers" (review 18, s18-4: "1 answers")."""
    return f"{count} answer" + ("" if count == 1 else "s")


def layout_problem(parsed: Any, questions: Mapping[str, Question]) -> str | None:
    """Why the file's outer shape is not an answer set, bare or wrapped (None: it may be one; the engine checks it)."""
    if not isinstance(parsed, dict):
        return NOT_OURS
    if "answers" in parsed or "schema_version" in parsed:
        version = parsed.get("schema_version")
        if type(version) is int and version != SCHEMA_VERSION:  # True and 1.0 are not another version's number
            return OTHER_VERSION
        if "answers" not in parsed or "schema_version" not in parsed or not set(parsed) <= WRAPPER_KEYS:
            return NOT_OURS
        return None
    if parsed and not any(key in questions for key in parsed):
        return NOT_OURS
    return None


def plain_reasons(problems: list[AnswerProblem], questions: Mapping[str, Question]) -> list[str]:
    """Each problem in words a person can act on (the engine's wording is for developers), each said once."""
    unknown = list(dict.fromkeys(p.question_id for p in problems if p.kind == "unknown-question"))
    reasons = [plain_reason(p, questions) for p in problems if p.kind != "unknown-question"]
    if len(unknown) == 1:
        reasons.insert(0, UNKNOWN_QUESTION.format(qid=shown_id(unknown[0])))
    elif unknown:
        named = ", ".join(shown_id(qid) for qid in unknown[:MAX_NAMED])
        if len(unknown) > MAX_NAMED:
            named = AND_MORE.format(shown=named, more=len(unknown) - MAX_NAMED)
        reasons.insert(0, UNKNOWN_QUESTIONS.format(count=len(unknown), qids=named))
    return list(dict.fromkeys(reasons))


def plain_reason(problem: AnswerProblem, questions: Mapping[str, Question]) -> str:
    """One problem with a value, or with the file as a whole, in plain words."""
    question = questions.get(problem.question_id)
    if question is None:
        return NOT_OURS
    if problem.kind == "too-many":
        return TOO_MANY.format(short=question.short, most=question.max_choices)
    if problem.kind == "not-alone":
        return NOT_ALONE.format(short=question.short, label=question.label_for(problem.code))
    if problem.kind in ("unknown-code", "wrong-type"):
        return NOT_A_CHOICE.format(short=question.short)
    return NOT_OURS


def shown_id(qid: str) -> str:
    """An id from the file, as one short line of plain text: control and invisible characters escaped, then cut."""
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in qid[:NAME_LIMIT * 2])
    return text if len(text) <= NAME_LIMIT else text[:NAME_LIMIT - 1] + "…"
