"""The questionnaire's flow: what is visible, what is still needed, where the person is.

Hidden questions count as unanswered, and hiding cascades: visibility is worked
out in questionnaire order over the answers of questions already found visible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.bundle import Bundle
from engine.conditions import holds
from engine.models import Step


def _answered(value: Any) -> bool:
    return value is not None and value != [] and value != ()


def visible_question_ids(bundle: Bundle, answers: Mapping[str, Any]) -> list[str]:
    visible: list[str] = []
    effective: dict[str, Any] = {}
    for question in bundle.questions:
        rule = bundle.visibility.get(question.id)
        if rule is None or holds(rule, effective):
            visible.append(question.id)
            if _answered(answers.get(question.id)):
                effective[question.id] = answers[question.id]
    return visible


def effective_answers(bundle: Bundle, answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers that count: known, visible and answered, in questionnaire order."""
    return {qid: answers[qid] for qid in visible_question_ids(bundle, answers) if _answered(answers.get(qid))}


def hidden_answers(bundle: Bundle, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Answers kept in the store but not counted, because their question is hidden now."""
    counted = effective_answers(bundle, answers)
    return {qid: v for qid, v in answers.items()
            if qid in bundle.question_by_id and qid not in counted and _answered(v)}


def visible_steps(bundle: Bundle, answers: Mapping[str, Any]) -> list[Step]:
    visible = set(visible_question_ids(bundle, answers))
    return [step for step in bundle.steps if any(q.id in visible for q in step.questions)]


def visible_questions_of(bundle: Bundle, step_id: str, answers: Mapping[str, Any]) -> list[str]:
    visible = set(visible_question_ids(bundle, answers))
    return [q.id for q in bundle.step(step_id).questions if q.id in visible]


@dataclass(frozen=True)
class StepProblem:
    question_id: str
    message: str


def step_problems(bundle: Bundle, step_id: str, answers: Mapping[str, Any]) -> list[StepProblem]:
    """What stops the person moving on from this step: missing required answers, clashing choices."""
    problems = []
    for qid in visible_questions_of(bundle, step_id, answers):
        question = bundle.question_by_id[qid]
        value = answers.get(qid)
        if question.required and not _answered(value):
            problems.append(StepProblem(qid, f"Please answer: {question.short}."))
        if question.type == "multi" and isinstance(value, list) and len(value) > 1:
            clash = [code for code in question.exclusive if code in value]
            if clash:
                label = question.label_for(clash[0])
                problems.append(StepProblem(qid, f"{question.short}: \"{label}\" cannot be chosen with other answers."))
    return problems


def neighbour_step(bundle: Bundle, step_id: str, answers: Mapping[str, Any], offset: int) -> str | None:
    """The visible step `offset` places away (None past either end)."""
    ids = [step.id for step in visible_steps(bundle, answers)]
    if step_id not in ids:
        # The current step became hidden: go to the next visible step after it in full order.
        order = [step.id for step in bundle.steps]
        later = [s for s in ids if order.index(s) > order.index(step_id)]
        return later[0] if offset > 0 and later else (ids[-1] if ids else None)
    index = ids.index(step_id) + offset
    return ids[index] if 0 <= index < len(ids) else None


def current_or_next_visible(bundle: Bundle, step_id: str, answers: Mapping[str, Any]) -> str:
    ids = [step.id for step in visible_steps(bundle, answers)]
    if step_id in ids:
        return step_id
    return neighbour_step(bundle, step_id, answers, +1) or ids[-1]


def progress(bundle: Bundle, step_id: str, answers: Mapping[str, Any]) -> tuple[int, int]:
    """(position, total) along the person's own path; the review page counts as the last place."""
    ids = [step.id for step in visible_steps(bundle, answers)]
    total = len(ids) + 1
    return (ids.index(step_id) + 1 if step_id in ids else total), total
