"""The questionnaire's flow: what is visible, what is still needed, where the person is.

Hidden questions count as unanswered, and hiding cascades: visibility is worked
out in questionnaire order over the answers of questions already found visible.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.bundle import Bundle
from engine.checks import ROLE_QUESTION, SELF
from engine.conditions import answered, holds
from engine.models import Question, Step

PREFER_NOT_TO_SAY = "prefer_not_to_say"  # a real answer (INTAKE.md): choosing it lets the person go on


@dataclass(frozen=True)
class PersonPath:
    """The person's own path through the questionnaire, worked out once for an answer set.

    A page render asks many questions of the same answers (which steps, which
    questions, where am I, what counts); computing visibility once and reading it
    many times keeps each rerun cheap.
    """

    visible: tuple[str, ...]
    steps: tuple[Step, ...]
    effective: Mapping[str, Any]

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step in self.steps]

    def questions_of(self, step: Step) -> list[str]:
        visible = set(self.visible)
        return [q.id for q in step.questions if q.id in visible]

    def neighbour(self, bundle: Bundle, step_id: str, offset: int) -> str | None:
        """The visible step `offset` places away (None past either end)."""
        ids = self.step_ids
        if step_id not in ids:
            # The current step became hidden: go to the next visible step after it in full order.
            order = [step.id for step in bundle.steps]
            later = [s for s in ids if order.index(s) > order.index(step_id)]
            return later[0] if offset > 0 and later else (ids[-1] if ids else None)
        index = ids.index(step_id) + offset
        return ids[index] if 0 <= index < len(ids) else None

    def here_or_next(self, bundle: Bundle, step_id: str) -> str:
        """The step itself while it is visible, else the next visible one (the last, past the end)."""
        if step_id in self.step_ids:
            return step_id
        return self.neighbour(bundle, step_id, +1) or self.step_ids[-1]

    def progress(self, step_id: str) -> tuple[int, int]:
        """(position, total) along the person's own path; the review page counts as the last place."""
        ids = self.step_ids
        total = len(ids) + 1
        return (ids.index(step_id) + 1 if step_id in ids else total), total


def person_path(bundle: Bundle, answers: Mapping[str, Any]) -> PersonPath:
    """Visible questions and the answers that count, in questionnaire order (hiding cascades)."""
    visible: list[str] = []
    effective: dict[str, Any] = {}
    for question in bundle.questions:
        rule = bundle.visibility.get(question.id)
        if rule is None or holds(rule, effective):
            visible.append(question.id)
            if answered(answers.get(question.id)):
                effective[question.id] = answers[question.id]
    shown = frozenset(visible)
    steps = tuple(step for step in bundle.steps if any(q.id in shown for q in step.questions))
    return PersonPath(tuple(visible), steps, effective)


@dataclass(frozen=True)
class StepProblem:
    question_id: str
    message: str


def step_problems(bundle: Bundle, step_id: str, answers: Mapping[str, Any]) -> list[StepProblem]:
    """What stops the person moving on from this step: missing required answers, clashing choices.

    Each message is shown right under its question, so it does not repeat the question (on the first
    screen that would put "thoughts of being better off dead" in a red box).
    """
    problems = []
    for qid in person_path(bundle, answers).questions_of(bundle.step(step_id)):
        question = bundle.question_by_id[qid]
        value = answers.get(qid)
        if question.required and not answered(value):
            problems.append(StepProblem(qid, _please_answer(question)))
        if question.max_choices is not None and isinstance(value, list) and len(value) > question.max_choices:
            problems.append(StepProblem(qid, f"Please choose no more than {question.max_choices}."))
        if question.type == "multi" and isinstance(value, list) and len(value) > 1:
            clash = [code for code in question.exclusive if code in value]
            if clash:
                label = question.label_for(clash[0])
                problems.append(StepProblem(qid, f"\"{label}\" cannot be chosen with other answers."))
    return problems


def first_unfinished_step(bundle: Bundle, answers: Mapping[str, Any]) -> str | None:
    """The first step on the person's path that Next would refuse (None: every step can be left).

    A saved file from a questionnaire left half-way, or an edit from the review that shows a new
    required question on another step, can leave one; the results wait until it is answered
    (the mood-highs question, for one, is the bipolar screen the switching and add-on sections rely on).
    """
    return next((step_id for step_id in person_path(bundle, answers).step_ids
                 if step_problems(bundle, step_id, answers)), None)


def _please_answer(question: Question) -> str:
    """A calm reminder; where a question offers "I'd rather not say", it says that is an answer too."""
    quiet = next((o.label for o in question.options if o.code == PREFER_NOT_TO_SAY), None)
    return "Please choose an answer to go on." + (f" You can choose \"{quiet}\"." if quiet else "")


def asked(question: Question, answers: Mapping[str, Any]) -> str:
    """The question as the person filling it in reads it: in a helper's words once they have said they are one
    (until the role is answered, it may be the person themselves)."""
    helping = answers.get(ROLE_QUESTION) not in (None, SELF)
    return question.label_for_helper if helping and question.label_for_helper else question.label
