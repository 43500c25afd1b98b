"""The public contract (docs/INTAKE.md): every question id with at least its codes, every section and caution id.

The ids are pinned here so a rename fails loudly, and docs/INTAKE.md (in this repository)
is parsed and compared with both the pins and the loaded rules on every run.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

QUESTIONS = {
    "safety_thoughts": "yes no prefer_not_to_say",
    "role": "self supporter clinician",
    "age_group": "under_18 18_to_24 25_to_59 60_to_64 65_plus 18_to_64",
    "region": "us uk ca au nz ie in other",
    "pregnancy": "pregnant postpartum planning no not_applicable prefer_not_to_say",
    "episode_duration": "under_6_months 6_to_24_months over_2_years unsure",
    "episode_count": "first recurrent unsure",
    "earlier_medicine_helped": "yes no unsure",  # added in 2026.11.9
    "unusual_experiences": "yes no unsure",
    "barely_eating_or_moving": "yes no unsure",  # added in 2026.11.8
    "antidepressants_tried": "none one two three_or_more",
    "trial_dose": "yes_all not_all unsure",
    "trial_duration": "yes_all not_all changed_at_4_weeks unsure",
    "trial_adherence": "most_days often_missed unsure",
    "response_pattern": "no_benefit partial helped_then_stopped side_effects_stopped unsure",
    "medication_classes": "ssri snri bupropion mirtazapine tca maoi other unsure",
    "augmentation_tried": "lithium antipsychotic thyroid_hormone second_antidepressant none unsure",
    "psychotherapy_tried": "structured some_counselling none",
    "procedures_tried": "ect tms esketamine_ketamine none",
    "mood_highs": "yes no unsure",
    "family_bipolar": "yes no unsure",
    "antidepressant_activation": "yes no unsure",
    "other_conditions": "anxiety trauma_ptsd adhd ocd eating personality bipolar none unsure",
    "thyroid_status": "diagnosed checked_normal never_checked unsure",
    "physical_conditions": "chronic_pain autoimmune_inflammatory sleep_apnoea_snoring heart high_blood_pressure"
                           " diabetes neurological anaemia other_medicines other_long_term none",  # 2026.11.8, .15
    "alcohol_drugs": "often sometimes rarely_or_never prefer_not_to_say",
    "trauma_history": "yes no prefer_not_to_say",
    "current_stressors": "money relationships work_study loneliness caregiving housing bereavement none",
    "support_network": "good some little",
    "physical_activity": "most_days some_days rarely",
    "open_to": "medication_change talking_therapy brain_stimulation nasal_spray_or_infusion lifestyle research_studies "
                "no_change_now",
    "concerns": "memory weight_or_sexual_side_effects time_commitment cost_access anaesthesia driving_work",
}
MULTI = {"medication_classes", "augmentation_tried", "procedures_tried", "other_conditions", "physical_conditions",
         "current_stressors", "open_to", "concerns"}
SECTIONS = ("crisis_support understanding_trd adequate_trial misdiagnosis_bipolar co_occurring_conditions "
            "medical_contributors substance_use pharmacogenomics psychotherapy switching_medication augmentation "
            "esketamine_ketamine ect tms other_neuromodulation lifestyle social_support emerging_treatments "
            "pregnancy_postpartum older_adults young_people preparing_for_appointment keep_current_treatment "
            "psychotic_depression").split()
CAUTIONS = ("psychosis possible_bipolar pregnancy under_18 young_adult older_adult trial_not_adequate"
            " substance_use physical_health eating_disorder other_medicines bipolar").split()  # 2026.11.8, .14, .15
INTAKE = ROOT / "docs" / "INTAKE.md"


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_question_exists_with_at_least_its_codes(bundle, qid):
    question = bundle.question_by_id[qid]
    assert set(QUESTIONS[qid].split()) <= set(question.codes)
    assert question.type == ("multi" if qid in MULTI else "single")


def test_every_section_id_exists(bundle):
    assert set(SECTIONS) <= {s.id for s in bundle.sections}
    assert set(SECTIONS) <= set(bundle.content)


def test_safety_question_is_first_never_hidden_and_required(bundle):
    first = bundle.steps[0].questions[0]
    assert first.id == "safety_thoughts" and first.required and first.visible_when is None


def _intake() -> tuple[dict[str, str], list[str], list[str]]:
    text = INTAKE.read_text(encoding="utf-8")
    questions = {}
    for qid, codes in re.findall(r"^- `([a-z_0-9]+)`(?: \(multi[^)]*\))?: ((?:`[a-z_0-9]+`(?: \(retired\))?(?:, )?)+)",
                                 text, re.MULTILINE):
        questions[qid] = " ".join(re.findall(r"`([a-z_0-9]+)`", codes))
    sections = re.findall(r"`([a-z_]+)`", text.split("## Section ids", 1)[1].split("##", 1)[0])
    cautions = re.findall(r"^- `([a-z_0-9]+)`:", text.split("## Caution ids", 1)[1].split("##", 1)[0], re.MULTILINE)
    return questions, sections, cautions


def test_intake_md_pins_the_same_ids():
    questions, sections, cautions = _intake()
    assert {q: questions[q] for q in QUESTIONS} == QUESTIONS
    assert sorted(sections) == sorted(SECTIONS)
    assert cautions == CAUTIONS


def test_intake_md_lists_exactly_the_questions_codes_sections_and_cautions_of_the_rules(bundle):
    """Datasette-style: a question, code, section or caution the code has but the contract page lacks fails."""
    questions, sections, cautions = _intake()
    assert questions == {q.id: " ".join(q.codes) for q in bundle.questions}
    assert sorted(sections) == sorted(s.id for s in bundle.sections)
    assert cautions == list(dict.fromkeys(c.id for c in bundle.cautions))
    retired = {(q.id, o.code) for q in bundle.questions for o in q.options if o.retired}
    assert retired == {("age_group", "18_to_64")}
    assert "(retired)" in INTAKE.read_text(encoding="utf-8")


def test_every_reworded_question_is_named_in_the_contract_with_its_content_version(bundle):
    """A question whose words changed under the same codes (`reworded_in`) changes what an answer means to anyone
    reading saved files or evaluate's input: docs/INTAKE.md's "Reworded questions" names it under its version
    (review 19, o19-3: `often_missed` now covers one medicine out of several)."""
    text = INTAKE.read_text(encoding="utf-8").split("**Reworded questions.**", 1)[1].split("## ", 1)[0]
    named: dict[str, set[str]] = {}
    for version, paragraph in re.findall(r"content (\d{4}\.\d{1,2}\.\d{1,3})(.*?)(?=content \d{4}\.|\Z)", text, re.S):
        named.setdefault(version, set()).update(re.findall(r"`([a-z_0-9]+)`", paragraph))
    reworded = {q.id: q.reworded_in for q in bundle.questions if q.reworded_in}
    assert len(reworded) >= 9
    assert {qid: version for qid, version in reworded.items() if qid not in named.get(version, set())} == {}
