"""The oracle for questionnaire_to_fhir: value sets and vocabulary that fhir.resources does not check.

The questionnaire is built from a bundle that loading has already checked, so a problem here is a bug in the
export, found by the tests rather than at run time (issue 13).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from engine.bundle import Bundle
from engine.export_fhir import ITEM_TYPES, _coding_problems, _walk

QUESTIONNAIRE_STATUS = ("draft", "active", "retired", "unknown")
ENABLE_OPERATORS = ("exists", "=", "!=", ">", "<", ">=", "<=")
ENABLE_BEHAVIORS = ("all", "any")


def check_questionnaire(bundle: Bundle, resource: Mapping[str, Any]) -> list[str]:
    """Value-set and vocabulary problems in a Questionnaire, one message each."""
    problems = []
    if resource.get("status") not in QUESTIONNAIRE_STATUS:
        problems.append(f"status {resource.get('status')!r} is not one of {', '.join(QUESTIONNAIRE_STATUS)}")
    for item in _walk(resource.get("item") or []):
        link = item.get("linkId")
        if item.get("type") == "group":
            continue
        question = bundle.question_by_id.get(link)
        if question is None:
            problems.append(f"{link!r} is not a question id")
            continue
        if item.get("type") != ITEM_TYPES[question.type]:
            problems.append(f"{link}: type {item.get('type')!r}, expected {ITEM_TYPES[question.type]!r}")
        for option in item.get("answerOption") or []:
            problems += _coding_problems(question, option.get("valueCoding") or {})
        for condition in item.get("enableWhen") or []:
            if condition.get("operator") not in ENABLE_OPERATORS:
                problems.append(f"{link}: enableWhen operator {condition.get('operator')!r} is not allowed")
            source = bundle.question_by_id.get(condition.get("question"))
            if source is None:
                problems.append(f"{link}: enableWhen names unknown question {condition.get('question')!r}")
            elif "answerCoding" in condition:
                problems += _coding_problems(source, condition["answerCoding"])
        if "enableBehavior" in item and item["enableBehavior"] not in ENABLE_BEHAVIORS:
            problems.append(f"{link}: enableBehavior {item['enableBehavior']!r} is not one of all, any")
    return problems
