"""Cross-checks of rules/ and content/ that the bad corpus does not reach: one edit, one stated problem.

Each case edits one file of a copy of the real bundle (the edit must apply, so a case cannot pass
by changing nothing) and names the problem code and words that `validate` must report.
"""

from __future__ import annotations

import pytest

from engine import checks, collect
from engine import conditions as cond
from engine.bundle import validate_bundle
from engine.yamlio import Mark

REGION = "      - id: region\n        type: single\n"
EDITS = [
    pytest.param("rules/questions.yaml", REGION, REGION + "        max_choices: 2\n",
                 "invalid-value", "only multi questions take 'max_choices'", id="max-choices-on-single"),
    pytest.param("rules/emphasis.yaml", "when: {q: unusual_experiences, op: eq",
                 "when: {q: no_such_question, op: eq", "unknown-question", "no_such_question", id="emphasis-bad-when"),
    pytest.param("rules/comparison.yaml", "concerns: [anaesthesia]", "concerns: [no_such_worry]",
                 "unknown-code", "'no_such_worry'", id="comparison-unknown-concern"),
    pytest.param("rules/comparison.yaml", "baseline: keep_current_treatment", "baseline: crisis_support",
                 "unknown-section", "baseline 'crisis_support' is not a treatment section", id="comparison-baseline"),
    pytest.param("rules/path.yaml", "{antidepressants_tried}.", "{antidepressants_tried.",
                 "invalid-value", "text: expected '}'", id="path-text-unclosed-brace"),
    pytest.param("rules/rules.yaml", "unless: {q: psychotherapy_tried, op: eq",
                 "unless: {q: no_such_question, op: eq", "unknown-question", "no_such_question", id="rule-bad-unless"),
    pytest.param("rules/crisis_lines.yaml", "    label: United States\n",
                 "    label: United States\n    colour: blue\n", "unknown-key", "expected one of: label",
                 id="unknown-key-inside-a-region-lists-the-region-fields"),
    pytest.param("rules/crisis_lines.yaml", "also_when: {q: age_group, op: eq, value: 18_to_24}",
                 "also_when: {q: age_group, op: eq, value: 18_to_99}", "unknown-code", "18_to_99",
                 id="youth-line-also-when-unknown-code"),
    pytest.param("rules/crisis_lines.yaml", "        hours: Monday to Thursday 6pm to 2am",
                 "        also_when: {q: age_group, op: eq, value: 18_to_24}\n"
                 "        hours: Monday to Thursday 6pm to 2am",
                 "unknown-key", "also_when", id="also-when-only-on-youth-lines"),
    pytest.param("rules/questions.yaml", "\n            short: One switched to another medicine at about 4 weeks "
                 "because it hardly helped; each of the others 6 weeks or more\n", "\n", "missing-field",
                 "option 'changed_at_4_weeks' of 'trial_duration' is written as a sentence",
                 id="sentence-option-short"),
    pytest.param("content/sections/switching_medication.md", "with_option: 19", "with_option: 190",
                 "invalid-value", "with_option must be a whole number from 0 to 100", id="figure-over-100"),
]


@pytest.mark.parametrize(("rel", "old", "new", "code", "words"), EDITS)
def test_each_edit_is_reported(bundle_copy, rel, old, new, code, words):
    path = bundle_copy / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, "the edit must apply to the real file"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = validate_bundle(bundle_copy)
    assert any(p.code == code and words in p.message for p in problems), "\n".join(map(str, problems))


def test_without_a_region_question_the_crisis_check_stands_back(bundle_copy):
    """Renaming the region question is reported where it is used, never as a crash in the crisis check."""
    path = bundle_copy / "rules/questions.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- id: region\n", "- id: home_region\n", 1),
                    encoding="utf-8")
    codes = {p.code for p in validate_bundle(bundle_copy)}
    assert codes and not codes & {"missing-crisis-line", "unknown-region"}


@pytest.mark.parametrize(("error", "words"), [
    (RecursionError(), "YAML nesting is too deep"),
    (RuntimeError("boom"), "cannot read this YAML: boom"),
])
def test_a_yaml_reader_crash_is_a_problem_not_a_traceback(monkeypatch, tmp_path, error, words):
    def explode(*_):
        raise error

    monkeypatch.setattr(collect, "load_located", explode)
    c = collect.Collector(tmp_path)
    assert c.read_yaml("rules/x.yaml", "a: 1\n") is None
    assert [(p.code, p.message) for p in c.problems] == [("yaml-syntax", words)]


@pytest.mark.parametrize(("depends", "cyclic"), [
    ({"a": {"b"}, "b": {"a"}}, {"a", "b"}),
    ({"a": {"b", "c"}, "b": {"d"}, "c": {"d"}, "d": set()}, set()),  # d is reached twice, still no cycle
    ({"a": {"a"}}, {"a"}),
])
def test_cycles_are_found_and_diamonds_are_not_cycles(depends, cyclic):
    assert checks._cyclic(depends) == cyclic


def _condition(raw):
    found: list = []
    parsed = cond.parse(raw, found, Mark(1, 1))
    assert not found
    return parsed


@pytest.mark.parametrize(("raw", "answered"), [
    ({"q": "a", "op": "eq", "value": "x"}, {"a"}),
    ({"q": "a", "op": "not_answered"}, set()),
    ({"all": [{"q": "a", "op": "eq", "value": "x"}, {"q": "b", "op": "eq", "value": "y"}]}, {"a", "b"}),
    ({"any": [{"q": "a", "op": "eq", "value": "x"}, {"all": [{"q": "a", "op": "eq", "value": "y"},
                                                            {"q": "b", "op": "eq", "value": "y"}]}]}, {"a"}),
    ({"not": {"q": "a", "op": "eq", "value": "x"}}, set()),
])
def test_a_status_text_may_only_name_questions_its_condition_makes_sure_of(raw, answered):
    assert checks._answered(_condition(raw)) == answered
