"""FHIR R4-compatible exports: the questionnaire as a Questionnaire, the answers as a QuestionnaireResponse.

Choices, so that other systems can rely on them:
- linkIds of questions are the INTAKE.md question ids. Items are grouped by questionnaire
  step: each step is a `group` item with linkId `step.<step id>` and the step title as
  text, mirroring the screens; the response uses the same grouping (a group appears only
  when it holds an answer). Question ids never contain a dot, so the two cannot clash.
- Each question's codes form their own code system, `urn:trd-navigator:question:<id>`
  (the same code, such as `yes`, means different things in different questions);
  `display` is the option label.
- Multiple-choice questions have `repeats: true`; `required` follows the questions file;
  options that cannot be combined with others carry the optionExclusive extension.
- Visibility: a `visible_when` that is one `eq` or `in` test on a single-choice question
  becomes `enableWhen` (one `=` entry per code, `enableBehavior: any`); the "not ruled out"
  form `not: {eq or in}` becomes one `!=` entry per code with `enableBehavior: all`. FHIR
  defines `!=` as "no answer has a value equal to it", which holds when the question is
  unanswered: unknown is not no, as in our engine. Any other condition cannot be said in
  enableWhen; it is applied by leaving hidden answers out of the response, which we
  always do (hiding cascades, as in FHIR).
- fhir.resources validates structure but not value sets, so `check_response` checks every answer code in a
  response (an imported one too). The questionnaire is built from the checked bundle; its codes are checked
  in the tests (tests/engine/fhir_questionnaire_check.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from engine.answers import check_answer_values
from engine.bundle import Bundle
from engine.conditions import Leaf, Not
from engine.flow import person_path
from engine.models import Question

QUESTIONNAIRE_URL = "urn:trd-navigator:questionnaire"
CODE_SYSTEM_PREFIX = "urn:trd-navigator:question:"
GROUP_PREFIX = "step."
LANGUAGE = "en"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"

RESPONSE_STATUS = ("in-progress", "completed", "amended", "entered-in-error", "stopped")
ITEM_TYPES = {"single": "choice", "multi": "choice", "integer": "integer"}


class FhirCheckError(ValueError):
    """A FHIR resource does not fit this questionnaire; `problems` says how, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def code_system(question_id: str) -> str:
    return CODE_SYSTEM_PREFIX + question_id


def version_token(bundle: Bundle) -> str:
    """The content version without spaces, usable inside a canonical URL (`url|version`)."""
    return re.sub(r"[^A-Za-z0-9.\-]+", "-", bundle.content_version).strip("-")


# --- Questionnaire ----------------------------------------------------------------------------

def questionnaire_to_fhir(bundle: Bundle) -> dict[str, Any]:
    """The whole questionnaire, validated by the R4B model (the tests check its codes against the bundle). Its
    status is "draft" until a named clinical reviewer has signed the content off (rules/meta.yaml; r14-8)."""
    resource = {
        "resourceType": "Questionnaire",
        "url": QUESTIONNAIRE_URL,
        "version": version_token(bundle),
        "name": "TRDNavigatorQuestionnaire",
        "title": "TRD Navigator questionnaire",
        "status": "active" if bundle.meta.signed_off_by else "draft",
        "language": LANGUAGE,
        "subjectType": ["Patient"],
        "date": bundle.meta.reviewed_on.isoformat(),
        "publisher": bundle.meta.publisher,
        "description": ("A non-diagnostic decision aid for depression that has not improved with treatment. "
                        "The answers choose information sections to talk through with a clinician."),
        "item": [{"linkId": GROUP_PREFIX + step.id, "type": "group", "text": step.title,
                  "item": [_question_item(bundle, q) for q in step.questions]} for step in bundle.steps],
    }
    return Questionnaire.model_validate(resource).model_dump(mode="json", exclude_none=True)


def _question_item(bundle: Bundle, question: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": question.id, "text": question.label.strip(),
                            "type": ITEM_TYPES[question.type], "required": question.required}
    if question.type == "multi":
        item["repeats"] = True
    if question.options:
        item["answerOption"] = [_answer_option(question, option.code) for option in question.options]
    extensions = [{"url": url, "valueInteger": bound}
                  for url, bound in ((MIN_VALUE, question.minimum), (MAX_VALUE, question.maximum)) if bound is not None]
    if extensions:
        item["extension"] = extensions
    enable = enable_when(bundle, question.id)
    if enable:
        item["enableWhen"], item["enableBehavior"] = enable
    return item


def _answer_option(question: Question, code: str) -> dict[str, Any]:
    option: dict[str, Any] = {"valueCoding": _coding(question, code)}
    if code in question.exclusive:
        option["extension"] = [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}]
    return option


def _coding(question: Question, code: str) -> dict[str, str]:
    return {"system": code_system(question.id), "code": code, "display": question.label_for(code)}


def enable_when(bundle: Bundle, question_id: str) -> tuple[list[dict[str, Any]], str] | None:
    """(enableWhen, enableBehavior) for a simple visibility rule; None when there is none or it cannot be said."""
    rule = bundle.visibility.get(question_id)
    negated = isinstance(rule, Not)
    leaf = rule.item if negated else rule
    if not isinstance(leaf, Leaf) or leaf.op not in ("eq", "in") or bundle.question_by_id[leaf.q].type != "single":
        return None
    codes = leaf.value if leaf.op == "in" else (leaf.value,)  # checked at load: a list for `in`, one code for `eq`
    source = bundle.question_by_id[leaf.q]
    entries = [{"question": leaf.q, "operator": "!=" if negated else "=", "answerCoding": _coding(source, code)}
               for code in codes]
    return entries, "all" if negated else "any"


# --- QuestionnaireResponse --------------------------------------------------------------------

# HL7's tag for test data: a clinician's fictional demo person must never pass for a real record.
TEST_DATA_TAG = {"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HTEST",
                 "display": "test health data"}


def response_to_fhir(bundle: Bundle, answers: Mapping[str, Any], authored: datetime, *,
                     status: str | None = None, test_data: bool = False) -> dict[str, Any]:
    """The counted answers only: hidden and unanswered questions are left out.

    Without a status, it is `completed` when every visible required question is
    answered and `in-progress` otherwise. `test_data` (a fictional demo person's answers)
    tags the resource as test health data.
    """
    if authored.tzinfo is None or authored.utcoffset() is None:
        raise ValueError("authored needs a time zone (FHIR dateTime with a time must carry one); "
                         "use datetime.now(timezone.utc)")
    walked = person_path(bundle, answers)
    counted = walked.effective
    if status is None:
        missing = [q for q in walked.visible if bundle.question_by_id[q].required and q not in counted]
        status = "in-progress" if missing else "completed"
    groups = []
    for step in bundle.steps:
        items = [_answer_item(q, counted[q.id]) for q in step.questions if q.id in counted]
        if items:
            groups.append({"linkId": GROUP_PREFIX + step.id, "text": step.title, "item": items})
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{QUESTIONNAIRE_URL}|{version_token(bundle)}",
        "status": status,
        "language": LANGUAGE,
        "authored": authored.isoformat(timespec="seconds"),
    }
    if test_data:
        resource["meta"] = {"tag": [TEST_DATA_TAG]}
    if groups:
        resource["item"] = groups
    _raise_if(check_response(bundle, resource))
    return QuestionnaireResponse.model_validate(resource).model_dump(mode="json", exclude_none=True)


def _answer_item(question: Question, value: Any) -> dict[str, Any]:
    if question.type == "integer":
        answer = [{"valueInteger": value}]
    else:
        codes = value if isinstance(value, list | tuple) else [value]
        answer = [{"valueCoding": _coding(question, code)} for code in codes]
    return {"linkId": question.id, "text": question.label.strip(), "answer": answer}


# --- Checks the models do not make ------------------------------------------------------------

def check_response(bundle: Bundle, resource: Mapping[str, Any]) -> list[str]:
    """Problems with a QuestionnaireResponse: status, unknown linkIds, answer codes, hidden answers."""
    problems = []
    if resource.get("status") not in RESPONSE_STATUS:
        problems.append(f"status {resource.get('status')!r} is not one of {', '.join(RESPONSE_STATUS)}")
    answers: dict[str, Any] = {}
    for item in _walk(resource.get("item") or []):
        link = item.get("linkId")
        if "answer" not in item:
            if not (isinstance(link, str) and link.startswith(GROUP_PREFIX)):
                problems.append(f"{link!r} has no answer and is not a step group")
            continue
        question = bundle.question_by_id.get(link)
        if question is None:
            problems.append(f"{link!r} is not a question id")
            continue
        if link in answers:
            problems.append(f"{link}: answered twice")
        value, found = _answer_value(question, item["answer"])
        problems += found
        if not found:
            answers[link] = value
    if not problems:
        visible = set(person_path(bundle, answers).visible)
        problems += [f"{qid}: answered, but the other answers hide this question" for qid in answers
                     if qid not in visible]
    return problems


def _answer_value(question: Question, answer: list[Mapping[str, Any]]) -> tuple[Any, list[str]]:
    if question.type == "integer":
        values = [a.get("valueInteger") for a in answer]
        if len(values) != 1 or not isinstance(values[0], int) or isinstance(values[0], bool):
            return None, [f"{question.id}: takes one valueInteger"]
        return values[0], []
    problems, codes = [], []
    for a in answer:
        coding = a.get("valueCoding")
        if coding is None:
            problems.append(f"{question.id}: every answer must be a valueCoding")
            continue
        found = _coding_problems(question, coding)
        problems += found
        if not found:
            codes.append(coding["code"])
    if question.type == "single" and len(answer) != 1:
        problems.append(f"{question.id}: takes exactly one answer, found {len(answer)}")
    if len(set(codes)) != len(codes):
        problems.append(f"{question.id}: lists a code twice")
    if question.type == "multi" and len(codes) > 1 and set(codes) & set(question.exclusive):
        problems.append(f"{question.id}: {', '.join(sorted(set(codes) & set(question.exclusive)))} "
                        "cannot be combined with other answers")
    return (codes if question.type == "multi" else (codes[0] if codes else None)), problems


def _coding_problems(question: Question, coding: Mapping[str, Any]) -> list[str]:
    problems = []
    if coding.get("system") != code_system(question.id):
        problems.append(f"{question.id}: code system {coding.get('system')!r}, expected {code_system(question.id)!r}")
    if coding.get("code") not in question.codes:
        problems.append(f"{question.id}: {coding.get('code')!r} is not one of its codes "
                        f"({', '.join(question.codes)})")
    return problems


def _walk(items: list[Mapping[str, Any]]):
    for item in items:
        yield item
        yield from _walk(item.get("item") or [])
        for answer in item.get("answer") or []:
            yield from _walk(answer.get("item") or [])


def _raise_if(problems: list[str]) -> None:
    if problems:
        raise FhirCheckError(problems)


# --- Round trip -------------------------------------------------------------------------------

def response_to_answers(bundle: Bundle, resource: str | Mapping[str, Any]) -> dict[str, Any]:
    """The answer set a QuestionnaireResponse carries, in the engine's own shape (codes and lists).

    Validated with the R4B model, then checked; raises pydantic's error or FhirCheckError.
    Once checked, every item with an answer is a known question (anything else is a step group).
    """
    data = json.loads(resource) if isinstance(resource, str) else dict(resource)
    checked = QuestionnaireResponse.model_validate(data).model_dump(mode="json", exclude_none=True)
    _raise_if(check_response(bundle, checked))
    answers = {item["linkId"]: _answer_value(bundle.question_by_id[item["linkId"]], item["answer"])[0]
               for item in _walk(checked.get("item") or []) if "answer" in item}
    # Then the rules every answer set meets, however it arrives (too many choices, a number out of range).
    _raise_if([str(problem) for problem in check_answer_values(answers, bundle.question_by_id)])
    return answers
