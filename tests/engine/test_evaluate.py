"""evaluate(): order, crisis, reasons in plain English, preferences, regions."""

from __future__ import annotations

import pytest

from engine.evaluate import crisis_now, evaluate
from engine.models import YouthLine

BASE = {"safety_thoughts": "no", "region": "us", "role": "self", "age_group": "18_to_64",
        "episode_duration": "over_2_years", "antidepressants_tried": "two", "mood_highs": "no"}


def ids(bundle, **changes):
    return evaluate(bundle, {**BASE, **changes}).section_ids


@pytest.mark.parametrize("answer", ["yes", "prefer_not_to_say"])
def test_crisis_answer_puts_crisis_support_first(bundle, answer):
    outcome = evaluate(bundle, {**BASE, "safety_thoughts": answer})
    assert outcome.crisis is True
    assert outcome.section_ids[0] == "crisis_support"
    assert crisis_now(bundle, {"safety_thoughts": answer})


def test_no_crisis_answer_no_crisis_section(bundle):
    outcome = evaluate(bundle, BASE)
    assert outcome.crisis is False
    assert "crisis_support" not in outcome.section_ids


def test_tiers_come_in_order_and_preparing_is_last(bundle):
    outcome = evaluate(bundle, {**BASE, "safety_thoughts": "yes", "age_group": "65_plus",
                                "physical_activity": "rarely"})
    rank = {tier.id: i for i, tier in enumerate(bundle.tiers)}
    tiers = [rank[s.tier] for s in outcome.sections]
    assert tiers == sorted(tiers)
    assert outcome.section_ids[-1] == "preparing_for_appointment"
    assert outcome.section_ids[:2] == ["crisis_support", "understanding_trd"]


def test_why_names_the_persons_own_answers(bundle):
    outcome = evaluate(bundle, {**BASE, "thyroid_status": "never_checked"})
    medical = next(s for s in outcome.sections if s.id == "medical_contributors")
    assert any("Thyroid check: Not checked since this time began" in line for line in medical.why)
    assert all(line.strip() for line in medical.why)
    assert set(medical.rule_ids) == {"medical_thyroid", "medical_after_two_trials"}


def test_open_to_moves_options_up_within_treatment_only(bundle):
    plain = [s for s in evaluate(bundle, BASE).sections if s.tier == "treatment"]
    preferred = [s for s in evaluate(bundle, {**BASE, "open_to": ["brain_stimulation"]}).sections
                 if s.tier == "treatment"]
    assert {s.id for s in plain} == {s.id for s in preferred}  # nothing hidden, nothing added but TMS's reason
    assert preferred[0].id in {"tms", "ect"}
    before = evaluate(bundle, {**BASE, "safety_thoughts": "yes", "open_to": ["brain_stimulation"]})
    assert before.section_ids[0] == "crisis_support"  # preferences never demote safety


def test_esketamine_only_after_two_and_only_adults(bundle):
    assert "esketamine_ketamine" in ids(bundle)
    assert "esketamine_ketamine" not in ids(bundle, antidepressants_tried="one")
    assert "esketamine_ketamine" not in ids(bundle, age_group="under_18")


def test_augmentation_needs_at_least_one_antidepressant(bundle):
    assert "augmentation" not in ids(bundle, antidepressants_tried="none", response_pattern="partial")
    assert "augmentation" in ids(bundle, antidepressants_tried="one", response_pattern="partial")


def test_vns_dbs_only_for_long_highly_resistant_courses(bundle):
    long_course = {"antidepressants_tried": "three_or_more", "augmentation_tried": ["lithium"]}
    assert "other_neuromodulation" in ids(bundle, **long_course)
    assert "other_neuromodulation" not in ids(bundle, **{**long_course, "episode_duration": "6_to_24_months"})
    assert "other_neuromodulation" not in ids(bundle, **{**long_course, "antidepressants_tried": "two"})


@pytest.mark.parametrize(("region", "line"), [("us", "988"), ("uk", "116 123"), ("ca", "9-8-8"), ("au", "13 11 14"),
                                              ("nz", "1737"), ("ie", "116 123"), ("in", "14416"),
                                              ("other", "findahelpline.com")])
def test_crisis_resources_follow_the_region(bundle, region, line):
    outcome = evaluate(bundle, {**BASE, "region": region})
    contacts = " ".join(r.contact for r in outcome.crisis_help.lines)
    assert line in contacts
    assert outcome.crisis_help.emergency == bundle.regions[region].emergency
    assert all(r.name != "Emergency services" for r in outcome.crisis_help.lines)
    info = bundle.regions[region]
    assert all(r in (*info.lines, *info.youth_lines) for r in outcome.crisis_help.lines)
    assert outcome.crisis_help.region == region


def test_unanswered_region_falls_back_to_international_help(bundle):
    outcome = evaluate(bundle, {"safety_thoughts": "yes"})
    assert outcome.crisis_help.region == "other"
    assert outcome.section_ids[0] == "crisis_support"


def test_crisis_support_appears_even_if_no_rule_selects_it(bundle):
    from dataclasses import replace

    no_rule = replace(bundle, rules=tuple(r for r in bundle.rules if r.section != "crisis_support"))
    assert evaluate(no_rule, {"safety_thoughts": "yes"}).section_ids[0] == "crisis_support"


def test_json_shape_matches_the_contract(bundle):
    data = evaluate(bundle, BASE).to_json()
    assert set(data) == {"content_version", "crisis", "crisis_resources", "sections"}
    assert set(data["crisis_resources"][0]) == {"name", "contact", "region"}
    section = data["sections"][0]
    assert set(section) == {"id", "title", "why", "referral", "cautions"}
    assert set(section["referral"]) == {"to", "text"}


def test_rule_trace_lists_every_rule(bundle):
    outcome = evaluate(bundle, BASE)
    assert [t.rule_id for t in outcome.trace] == [r.id for r in bundle.rules]
    fired = {t.section for t in outcome.trace if t.fired}
    assert fired == set(outcome.section_ids)


def test_trace_says_which_answers_each_fired_rule_rests_on(bundle):
    answers = {**BASE, "antidepressants_tried": "three_or_more", "thyroid_status": "never_checked"}
    trace = {t.rule_id: t for t in evaluate(bundle, answers).trace}
    assert trace["medical_thyroid"].fired and trace["medical_thyroid"].because == ("thyroid_status",)
    assert trace["emerging_after_three_adult"].because == ("antidepressants_tried",)
    assert not trace["population_pregnancy"].fired and trace["population_pregnancy"].because == ()


def test_why_line_names_the_persons_own_answers(bundle):
    """Two people selected by the same rule read different why lines: each names their own answer."""
    def why_of(conditions: list[str]) -> tuple[str, ...]:
        outcome = evaluate(bundle, {**BASE, "physical_conditions": conditions})
        return next(s.why for s in outcome.sections if s.id == "medical_contributors")

    heart, diabetes = why_of(["heart"]), why_of(["diabetes"])
    assert heart != diabetes
    assert any("A heart problem" in line for line in heart)
    assert any("Diabetes" in line for line in diabetes) and not any("heart" in line for line in diabetes)


def test_cautions_are_shown_inside_the_sections_they_name(bundle):
    outcome = evaluate(bundle, {**BASE, "pregnancy": "pregnant", "antidepressants_tried": "two"})
    cautions = {s.id: [c.id for c in s.cautions] for s in outcome.sections}
    assert cautions["esketamine_ketamine"] == ["pregnancy"]
    assert "pregnancy" not in cautions["understanding_trd"]
    section = next(s for s in outcome.to_json()["sections"] if s["id"] == "esketamine_ketamine")
    assert section["cautions"][0]["id"] == "pregnancy" and "pregnancy" in section["cautions"][0]["text"]


def test_each_caution_shown_carries_its_own_text_label_and_the_answers_that_brought_it_in(bundle):
    """The clinician view's trace says why a caution is inside a section (review 11, k11-4)."""
    answers = {**BASE, "antidepressants_tried": "two", "alcohol_drugs": "sometimes", "age_group": "65_plus"}
    outcome = evaluate(bundle, answers)
    switching = next(s for s in outcome.sections if s.id == "switching_medication")
    by_id = {c.id: c for c in switching.cautions}
    written = next(c for c in bundle.cautions if c.id == "substance_use" and "switching_medication" in c.sections)
    label = bundle.caution_labels["substance_use"]
    assert (by_id["substance_use"].label, by_id["substance_use"].text) == (label, written.text)
    assert by_id["substance_use"].because == ("alcohol_drugs",)
    assert by_id["older_adult"].because == ("age_group",)


def test_emphasis_outranks_preferences_and_says_why(bundle):
    answers = {**BASE, "antidepressants_tried": "two", "response_pattern": "partial",
               "open_to": ["medication_change", "brain_stimulation"]}
    outcome = evaluate(bundle, answers)
    ids = outcome.section_ids
    assert ids.index("augmentation") < ids.index("switching_medication") < ids.index("keep_current_treatment")
    augmentation = next(s for s in outcome.sections if s.id == "augmentation")
    assert augmentation.placed_early and "helped part of the way" in augmentation.placed_early[0]
    assert outcome.emphasis == ("partial_response_add_first",)


@pytest.mark.parametrize(("pattern", "fair_trial_first"), [("side_effects_stopped", False), ("no_benefit", True),
                                                            ("unsure", True)])
def test_a_medicine_stopped_for_side_effects_is_not_told_to_get_more_from_it(bundle, pattern, fair_trial_first):
    """A short trial because of side effects is not an unfair trial to finish: CANMAT then suggests a switch."""
    answers = {**BASE, "antidepressants_tried": "two", "trial_duration": "not_all", "response_pattern": pattern}
    outcome = evaluate(bundle, answers)
    assert ("fair_trial_first" in outcome.emphasis) is fair_trial_first
    keep = next(s for s in outcome.sections if s.id == "keep_current_treatment")
    assert bool(keep.placed_early) is fair_trial_first


@pytest.mark.parametrize(("age", "youth_first"), [("under_18", True), ("18_to_24", False), (None, False)])
def test_youth_crisis_lines_are_shown_to_under_18s_beside_the_adult_lines(bundle, age, youth_first):
    answers = {"safety_thoughts": "no", "region": "uk", **({"age_group": age} if age else {})}
    lines = evaluate(bundle, answers).crisis_help.lines
    assert any(line.name.startswith("Samaritans") for line in lines)  # the adult lines always
    assert (lines[0].name.startswith("Childline")) is youth_first
    assert any(isinstance(line, YouthLine) for line in lines) is youth_first


@pytest.mark.parametrize(("region", "age", "line", "shown"), [
    ("au", "18_to_24", "Kids Helpline (ages 5 to 25)", True),
    ("nz", "18_to_24", "Youthline (ages 12 to 24)", True),
    ("au", "25_to_59", "Kids Helpline (ages 5 to 25)", False),
    ("uk", "18_to_24", "Childline (for people under 19)", False),  # stops at 18: no also_when
    ("au", "under_18", "Kids Helpline (ages 5 to 25)", True),
])
def test_a_youth_line_that_serves_young_adults_is_shown_to_18_to_24s(bundle, region, age, line, shown):
    """Kids Helpline takes calls to age 25 and Youthline to 24 (fifth fact-check pass): youth_when alone
    (under 18) left 18-24s without them."""
    lines = evaluate(bundle, {"safety_thoughts": "no", "region": region, "age_group": age}).crisis_help.lines
    assert (line in [x.name for x in lines]) is shown
    adult = [x for x in lines if not isinstance(x, YouthLine)]
    assert len(adult) == len(bundle.regions[region].lines)  # the adult lines always
    # Youth lines first for under-18s; for an adult the national line stays first (the page's reminder and the
    # PDF's footers give the first line only).
    assert isinstance(lines[0], YouthLine) is (age == "under_18")


@pytest.mark.parametrize("answers", [
    {"age_group": "under_18", "pregnancy": "pregnant", "antidepressants_tried": "two", "psychotherapy_tried": "none"},
    {"age_group": "under_18", "unusual_experiences": "yes", "antidepressants_tried": "two"},
])
def test_no_reason_shown_to_an_under_18_names_ect_which_they_never_see(bundle, answers):
    """Fifth fact-check pass: "ECT ... So they come first" reached teenagers, whose results never hold ECT."""
    outcome = evaluate(bundle, {"safety_thoughts": "no", "region": "ca", **answers})
    assert "ect" not in [s.id for s in outcome.sections]
    reasons = [r for s in outcome.sections for r in s.placed_early]
    assert reasons  # their own reason is shown
    cautions = [c.text for s in outcome.sections for c in s.cautions]
    assert not [text for text in reasons + cautions if "ECT" in text and "adults" not in text]


def test_an_urgent_answer_brings_its_step_at_once_with_the_region_s_number_and_only_for_that_answer(bundle):
    """Review 15 (h15-2, h15-4): the note beside a question fills in the number the region gives, says "your
    local emergency number" while no region is known, and turns on the answer given (unknown is not yes)."""
    from engine.evaluate import urgent_notes

    after_birth = {"pregnancy": "postpartum", "unusual_experiences": "yes"}
    [note] = urgent_notes(bundle, "unusual_experiences", {**after_birth, "region": "us"})
    assert "postpartum psychosis" in note and "get help now: call 911, or go to an emergency department" in note
    [note] = urgent_notes(bundle, "unusual_experiences", after_birth)
    assert "call your local emergency number" in note
    [note] = urgent_notes(bundle, "unusual_experiences", {"unusual_experiences": "unsure", "region": "au"})
    assert "postpartum" not in note and "get help now: call 000" in note
    assert urgent_notes(bundle, "unusual_experiences", {"pregnancy": "postpartum"}) == []
    assert urgent_notes(bundle, "unusual_experiences", {"unusual_experiences": "no"}) == []
    assert urgent_notes(bundle, "safety_thoughts", {"safety_thoughts": "yes"}) == []  # the supportive screen's job
