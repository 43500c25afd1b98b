"""FHIR checks beyond test_exports.py: each broken Questionnaire or response is named, and whole-number
questions (allowed by the question schema, none in today's bundle) go out and come back."""

from __future__ import annotations

import dataclasses
import json

import pytest

from engine.export_fhir import (
    FhirCheckError,
    check_response,
    questionnaire_to_fhir,
    response_to_answers,
    response_to_fhir,
)
from engine.models import Question
from tests.engine.fhir_questionnaire_check import check_questionnaire
from tests.engine.test_exports import AUTHORED, _item


def _set(link, key, value):
    def edit(resource):
        _item(resource, link)[key] = value
    return edit


def _condition(key, value):
    def edit(resource):
        _item(resource, "pregnancy")["enableWhen"][0][key] = value
    return edit


def _add(item):
    def edit(resource):
        resource["item"][0]["item"].append(item)
    return edit


def _drop_answer_coding(resource):
    del _item(resource, "pregnancy")["enableWhen"][0]["answerCoding"]


@pytest.mark.parametrize(("edit", "problems"), [
    (_add({"linkId": "favourite_colour", "type": "string"}), ["'favourite_colour' is not a question id"]),
    (_set("region", "type", "string"), ["region: type 'string', expected 'choice'"]),
    (_condition("operator", "contains"), ["pregnancy: enableWhen operator 'contains' is not allowed"]),
    (_condition("question", "star_sign"), ["pregnancy: enableWhen names unknown question 'star_sign'"]),
    (_set("pregnancy", "enableBehavior", "most"), ["pregnancy: enableBehavior 'most' is not one of all, any"]),
    (_drop_answer_coding, []),  # an enableWhen without a coding has no code to check
])
def test_questionnaire_checks(bundle, edit, problems):
    resource = questionnaire_to_fhir(bundle)
    edit(resource)
    assert check_questionnaire(bundle, resource) == problems


def _answered_twice(resource):
    group = resource["item"][0]["item"]
    group.append(dict(group[0]))


def _bare_item(resource):
    resource["item"][0]["item"].append({"linkId": "region"})


def _not_a_coding(resource):
    _item(resource, "region")["answer"] = [{"valueString": "uk"}]


@pytest.mark.parametrize(("edit", "problem"), [
    (_answered_twice, "safety_thoughts: answered twice"),
    (_bare_item, "'region' has no answer and is not a step group"),
    (_not_a_coding, "region: every answer must be a valueCoding"),
])
def test_response_checks(bundle, edit, problem):
    resource = response_to_fhir(bundle, {"safety_thoughts": "no", "region": "uk"}, AUTHORED)
    edit(resource)
    assert problem in check_response(bundle, resource)


def test_status_given_is_kept_and_an_empty_response_has_no_items(bundle):
    resource = response_to_fhir(bundle, {}, AUTHORED, status="stopped")
    assert (resource["status"], "item" in resource) == ("stopped", False)


COUNT = Question(id="times_admitted", type="integer", label="How many times were you in hospital?",
                 short="Hospital stays", minimum=0, maximum=20)


@pytest.fixture
def counting_bundle(bundle):
    first = bundle.steps[0]
    steps = (first.model_copy(update={"questions": (*first.questions, COUNT)}), *bundle.steps[1:])
    return dataclasses.replace(bundle, steps=steps)


def test_a_bundle_with_other_steps_derives_its_question_lookups(counting_bundle):
    first = counting_bundle.steps[0]
    assert (counting_bundle.questions[len(first.questions) - 1], counting_bundle.question_by_id[COUNT.id],
            counting_bundle.step_of_question[COUNT.id]) == (COUNT, COUNT, first.id)


def test_a_whole_number_question_goes_out_and_comes_back(counting_bundle):
    item = _item(questionnaire_to_fhir(counting_bundle), COUNT.id)
    assert (item["type"], [e["valueInteger"] for e in item["extension"]], "answerOption" in item) == \
        ("integer", [0, 20], False)
    answers = {"safety_thoughts": "no", COUNT.id: 3}
    resource = response_to_fhir(counting_bundle, answers, AUTHORED)
    assert _item(resource, COUNT.id)["answer"] == [{"valueInteger": 3}]
    assert response_to_answers(counting_bundle, json.dumps(resource)) == answers


@pytest.mark.parametrize("answer", [[{"valueInteger": 1}, {"valueInteger": 2}], [{"valueInteger": True}]])
def test_a_whole_number_answer_must_be_one_number(counting_bundle, answer):
    resource = response_to_fhir(counting_bundle, {"safety_thoughts": "no", COUNT.id: 3}, AUTHORED)
    _item(resource, COUNT.id)["answer"] = answer
    assert check_response(counting_bundle, resource) == ["times_admitted: takes one valueInteger"]


def test_two_numbers_for_one_question_are_refused_on_import(counting_bundle):
    resource = response_to_fhir(counting_bundle, {"safety_thoughts": "no", COUNT.id: 3}, AUTHORED)
    _item(resource, COUNT.id)["answer"].append({"valueInteger": 4})
    with pytest.raises(FhirCheckError, match="times_admitted: takes one valueInteger"):
        response_to_answers(counting_bundle, resource)


@pytest.mark.parametrize(("qid", "found"), [("priorities", "takes at most 3 codes, found 4"), (COUNT.id, "99")])
def test_an_answer_set_the_engine_would_refuse_is_refused_on_import_too(counting_bundle, qid, found):
    """A response read back meets the rules of every answer set: at most three priorities (a fourth was
    accepted), a whole number within its range."""
    answers = {"safety_thoughts": "no", "priorities": ["speed"], COUNT.id: 3}
    resource = response_to_fhir(counting_bundle, answers, AUTHORED)
    item = _item(resource, qid)
    if qid == "priorities":
        question, coding = counting_bundle.question_by_id[qid], item["answer"][0]["valueCoding"]
        item["answer"] = [{"valueCoding": {**coding, "code": c, "display": question.label_for(c)}}
                          for c in question.codes[:4]]
    else:
        item["answer"] = [{"valueInteger": 99}]
    assert check_response(counting_bundle, resource) == []  # well-formed FHIR, each code known...
    with pytest.raises(FhirCheckError, match=f"{qid}.*{found}"):  # ...but not an answer set the engine takes
        response_to_answers(counting_bundle, resource)
