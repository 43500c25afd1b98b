"""Scenario cases (tests/cases/*.yaml): each case's expectations hold, and together they cover every section."""

from __future__ import annotations

import dataclasses

import pytest

from engine.evaluate import evaluate
from engine.scenarios import case_problems, check_case, load_cases, render_book
from tests.conftest import ROOT

CASES = load_cases(ROOT / "tests" / "cases")
ALWAYS_SHOWN = {"understanding_trd", "preparing_for_appointment"}


@pytest.mark.parametrize("slug", sorted(CASES), ids=lambda slug: slug)
def test_case(bundle, slug):
    case = CASES[slug]
    assert case_problems(case, bundle) == [], case.name
    failures = check_case(case, evaluate(bundle, case.answers))
    assert failures == [], f"{case.name}:\n  " + "\n  ".join(failures)


def test_every_section_has_a_case_that_must_show_it(bundle):
    included = {s for case in CASES.values() for s in case.include}
    missing = [s.id for s in bundle.sections if s.id not in included]
    assert missing == []


def test_every_conditional_section_has_a_case_that_must_not_show_it(bundle):
    excluded = {s for case in CASES.values() for s in case.exclude}
    missing = [s.id for s in bundle.sections if s.id not in excluded and s.id not in ALWAYS_SHOWN]
    assert missing == []


def test_every_rule_fires_in_some_case(bundle):
    fired = {t.rule_id for case in CASES.values() for t in evaluate(bundle, case.answers).trace if t.fired}
    assert [r.id for r in bundle.rules if r.id not in fired] == []


def _without(bundle, field, index):
    items = getattr(bundle, field)
    return dataclasses.replace(bundle, **{field: items[:index] + items[index + 1:]})


@pytest.mark.parametrize("field", ["rules", "emphasis", "cautions"])
def test_every_rule_emphasis_rule_and_caution_entry_is_load_bearing(bundle, field):
    """Mutation testing of the clinical data: with any one entry taken out, some case fails.

    An entry no case notices could be lost, or stop firing, with every case still green: a rule that
    only adds a reason to a section shown anyway needs a case that names it in `reasons`, an emphasis
    rule whose sections lead their tier anyway a case that names it in `emphasis`.
    """
    idle = []
    for index, item in enumerate(getattr(bundle, field)):
        reduced = _without(bundle, field, index)
        if not any(check_case(case, evaluate(reduced, case.answers)) for case in CASES.values()):
            idle.append(f"{item.id} ({', '.join(item.sections)})" if field == "cautions" else item.id)
    assert idle == []


@pytest.mark.parametrize("field", ["rules", "emphasis", "cautions", "comparison_notes"])
def test_every_unless_is_load_bearing(bundle, field):
    """With any one entry's `unless` taken away, some case fails: each exclusion (under-18s never told that ECT
    comes first, the general "soon" reason not given after a birth) is pinned by a case's `exclude`,
    `no_reasons`, `no_emphasis` or `no_cautions`, not only written down."""
    idle = []
    items = getattr(bundle, field)
    for index, item in enumerate(items):
        if item.unless is None:
            continue
        loosened = items[:index] + (item.model_copy(update={"unless": None}),) + items[index + 1:]
        reduced = dataclasses.replace(bundle, **{field: loosened})
        if not any(check_case(case, evaluate(reduced, case.answers)) for case in CASES.values()):
            idle.append(item.id)
    assert idle == []
    assert field == "comparison_notes" or any(item.unless is not None for item in items)  # the test sees some


def test_every_caution_is_expected_in_some_case_and_fires_there(bundle):
    """Each caution entry (kind and section) is named in a case's `cautions`, which check_case then proves."""
    named = {(kind, section) for case in CASES.values() for section, kinds in case.cautions.items() for kind in kinds}
    entries = {(c.id, section) for c in bundle.cautions for section in c.sections}
    kinds_missing = sorted({kind for kind, _ in entries} - {kind for kind, _ in named})
    assert kinds_missing == []
    assert {(kind, section) for kind, section in entries if (kind, section) in named}  # and cases really assert some
    unnamed_entries = [c for c in bundle.cautions if not any((c.id, s) in named for s in c.sections)]
    assert [f"{c.id} in {', '.join(c.sections)}" for c in unnamed_entries] == []


def test_check_case_reports_a_broken_caution_expectation(bundle):
    case = CASES["p06_pregnant"].model_copy(update={"cautions": {"tms": ("under_18",)},
                                                    "no_cautions": {"esketamine_ketamine": ("pregnancy",)}})
    failures = check_case(case, evaluate(bundle, case.answers))
    assert any("expected caution(s) under_18 in 'tms'" in f for f in failures)
    assert any("expected no caution pregnancy in 'esketamine_ketamine'" in f for f in failures)


def test_check_case_reports_a_reason_that_is_not_given_and_an_unknown_rule(bundle):
    expected = ("understanding_earlier_medicine_helped", "no_such_rule")
    case = CASES["young_person"].model_copy(update={"reasons": {"understanding_trd": expected}})
    failures = check_case(case, evaluate(bundle, case.answers))
    assert any("expected the reason(s) of understanding_earlier_medicine_helped, no_such_rule in 'understanding_trd'; "
               "given there: understanding_for_everyone" in f for f in failures)
    assert case_problems(case, bundle) == ["unknown rule id 'no_such_rule'"]


def test_check_case_reports_a_reason_and_an_emphasis_rule_it_forbids(bundle):
    forbid = {"no_reasons": {"understanding_trd": ("understanding_for_everyone",)},
              "no_emphasis": ("under_18_therapy_first",)}
    case = CASES["young_person"].model_copy(update=forbid)
    failures = check_case(case, evaluate(bundle, case.answers))
    assert "expected no reason of understanding_for_everyone in 'understanding_trd'" in failures
    assert "expected emphasis rule 'under_18_therapy_first' not to fire" in failures
    unknown = case.model_copy(update={"no_reasons": {"no_such_section": ("no_such_rule",)}, "no_emphasis": ("nope",)})
    assert case_problems(unknown, bundle) == ["unknown section id 'no_such_section'", "unknown rule id 'no_such_rule'",
                                              "unknown emphasis rule 'nope'"]


def test_check_case_reports_an_emphasis_rule_that_did_not_fire_and_an_unknown_one(bundle):
    case = CASES["young_person"].model_copy(update={"emphasis": ("pregnancy_therapy_first", "no_such_emphasis")})
    failures = check_case(case, evaluate(bundle, case.answers))
    assert sum("expected emphasis rule" in f for f in failures) == 2
    assert "unknown emphasis rule 'no_such_emphasis'" in case_problems(case, bundle)


def test_check_case_reports_a_broken_expectation(bundle):
    case = CASES["young_person"].model_copy(update={"include": ("esketamine_ketamine",), "order": (("tms", "ect"),)})
    failures = check_case(case, evaluate(bundle, case.answers))
    assert any("expected 'esketamine_ketamine' to be shown" in f for f in failures)
    assert any("needs both shown" in f for f in failures)


def test_scenario_book_is_up_to_date(bundle):
    committed = (ROOT / "docs" / "scenario_book.md").read_text(encoding="utf-8")
    assert committed == render_book(bundle, CASES), "docs/scenario_book.md is stale: run `make docs`"
