"""The public contract of INTAKE.md: every question id with at least its codes, every section id.

The ids are pinned here so a rename fails loudly; when ../shared/design/INTAKE.md is
present (it is in CI and on developers' machines) it is parsed and compared too.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

QUESTIONS = {
    "safety_thoughts": "yes no prefer_not_to_say",
    "role": "self supporter clinician",
    "age_group": "under_18 18_to_64 65_plus",
    "region": "us uk ca au nz ie in other",
    "pregnancy": "pregnant postpartum planning no not_applicable prefer_not_to_say",
    "episode_duration": "under_6_months 6_to_24_months over_2_years unsure",
    "episode_count": "first recurrent unsure",
    "unusual_experiences": "yes no unsure",
    "antidepressants_tried": "none one two three_or_more",
    "trial_dose": "yes_all not_all unsure",
    "trial_duration": "yes_all not_all unsure",
    "trial_adherence": "most_days often_missed unsure",
    "response_pattern": "no_benefit partial helped_then_stopped side_effects_stopped unsure",
    "medication_classes": "ssri snri bupropion mirtazapine tca maoi other unsure",
    "augmentation_tried": "lithium antipsychotic thyroid_hormone second_antidepressant none unsure",
    "psychotherapy_tried": "structured some_counselling none",
    "procedures_tried": "ect tms esketamine_ketamine none",
    "mood_highs": "yes no unsure",
    "family_bipolar": "yes no unsure",
    "antidepressant_activation": "yes no unsure",
    "other_conditions": "anxiety trauma_ptsd adhd ocd eating personality none unsure",
    "thyroid_status": "diagnosed checked_normal never_checked unsure",
    "physical_conditions": "chronic_pain autoimmune_inflammatory sleep_apnoea_snoring heart diabetes neurological none",
    "alcohol_drugs": "often sometimes rarely_or_never prefer_not_to_say",
    "trauma_history": "yes no prefer_not_to_say",
    "current_stressors": "money relationships work_study loneliness caregiving housing none",
    "support_network": "good some little",
    "physical_activity": "most_days some_days rarely",
    "open_to": "medication_change talking_therapy brain_stimulation nasal_spray_or_infusion lifestyle research_studies",
    "concerns": "memory weight_or_sexual_side_effects time_commitment cost_access anaesthesia driving_work",
}
MULTI = {"medication_classes", "augmentation_tried", "procedures_tried", "other_conditions", "physical_conditions",
         "current_stressors", "open_to", "concerns"}
SECTIONS = ("crisis_support understanding_trd adequate_trial misdiagnosis_bipolar co_occurring_conditions "
            "medical_contributors substance_use pharmacogenomics psychotherapy switching_medication augmentation "
            "esketamine_ketamine ect tms other_neuromodulation lifestyle social_support emerging_treatments "
            "pregnancy_postpartum older_adults young_people preparing_for_appointment").split()
INTAKE = ROOT.parent / "shared" / "design" / "INTAKE.md"


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


@pytest.mark.skipif(not INTAKE.exists(), reason="../shared/design/INTAKE.md is not beside this checkout")
def test_pinned_ids_match_intake_md():
    text = INTAKE.read_text()
    parsed = {}
    for qid, codes in re.findall(r"^- `([a-z_0-9]+)`(?: \(multi\))?: ((?:`[a-z_0-9]+`(?:, )?)+)", text, re.MULTILINE):
        parsed[qid] = " ".join(re.findall(r"`([a-z_0-9]+)`", codes))
    assert parsed == QUESTIONS
    block = text.split("## Section ids", 1)[1].split("##", 1)[0]
    assert re.findall(r"`([a-z_]+)`", block) == SECTIONS
