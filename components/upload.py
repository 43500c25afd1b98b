"""Resume from a saved-progress file: check the bytes, and say plainly what is wrong.

Pure (no Streamlit): `apply_upload` turns the uploaded bytes into a checked answer
set, or into messages for the person. The size is checked before anything is
decoded or parsed; nothing is written anywhere.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from engine.answers import MAX_ANSWER_BYTES, parse_answer_text
from engine.models import Question

TOO_BIG = (f"This file is too big to be a saved-progress file (the limit is {MAX_ANSWER_BYTES // 1024} KB). "
           "Nothing was changed.")
NOT_TEXT = "This file is not a saved-progress file: it is not text. Nothing was changed."
NOT_JSON = "This file is not a saved-progress file: it is not valid JSON ({reason}). Nothing was changed."
HAS_PROBLEMS = "This file could not be used, so nothing was changed. What is wrong with it:"
EMPTY = "This file holds no answers, so nothing was changed."
LOADED = "Your saved answers are back ({count} answers). Check them below, then see your results."


def apply_upload(data: bytes, questions: Mapping[str, Question]) -> tuple[dict[str, Any] | None, list[str]]:
    """(answers, messages): answers is None when the file cannot be used; messages say why."""
    if len(data) > MAX_ANSWER_BYTES:
        return None, [TOO_BIG]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [NOT_TEXT]
    try:
        json.loads(text)
    except ValueError as error:
        reason = error.msg if isinstance(error, json.JSONDecodeError) else "unreadable"
        return None, [NOT_JSON.format(reason=reason)]
    except RecursionError:
        return None, [NOT_JSON.format(reason="nested too deeply")]
    answers, problems = parse_answer_text(text, questions)
    if problems:
        return None, [HAS_PROBLEMS, *(str(problem) for problem in problems)]
    if not answers:
        return None, [EMPTY]
    return answers, [LOADED.format(count=len(answers))]
