"""The take-away summary holds what the person and their clinician need, and nothing hidden."""

from __future__ import annotations

from datetime import date

import pytest

from engine.comparison import comparable_options
from engine.evaluate import evaluate
from engine.export_markdown import summary_to_markdown
from engine.flow import person_path
from engine.summary import (
    NOT_ANSWERED,
    SECTIONS_INTRO,
    SUMMARY_NOTICE,
    UNSURE_NOTE,
    build_summary,
    reviewed_in_words,
)

DAY = date(2026, 12, 1)
SURE_QUESTIONS = ("sure_sure", "sure_understand", "sure_risk_benefit", "sure_encouragement")  # rules/values.yaml

# A full path through the questionnaire, used by the export tests as well.
FULL = {
    "safety_thoughts": "no", "region": "uk", "role": "self", "age_group": "18_to_64", "pregnancy": "no",
    "episode_duration": "6_to_24_months", "episode_count": "recurrent", "earlier_medicine_helped": "no",
    "unusual_experiences": "no", "barely_eating_or_moving": "no",
    "antidepressants_tried": "two", "trial_dose": "yes_all", "trial_duration": "yes_all",
    "trial_adherence": "most_days", "response_pattern": "partial", "medication_classes": ["ssri", "snri"],
    "augmentation_tried": ["none"], "psychotherapy_tried": "some_counselling", "procedures_tried": ["none"],
    "mood_highs": "no", "family_bipolar": "no", "antidepressant_activation": "no", "other_conditions": ["anxiety"],
    "thyroid_status": "never_checked", "physical_conditions": ["sleep_apnoea_snoring"],
    "alcohol_drugs": "rarely_or_never", "trauma_history": "no", "current_stressors": ["work_study"],
    "support_network": "some", "physical_activity": "rarely",
    "open_to": ["brain_stimulation", "talking_therapy"], "concerns": ["memory", "cost_access"],
    "priorities": ["speed", "fewer_side_effects"],
    "sure_sure": "no", "sure_understand": "yes", "sure_risk_benefit": "yes", "sure_encouragement": "yes",
}
# No antidepressant yet, but a stale answer to a question that is now hidden.
HIDDEN_DOSE = {"safety_thoughts": "no", "region": "us", "role": "self", "age_group": "18_to_64",
               "episode_duration": "under_6_months", "antidepressants_tried": "none", "trial_dose": "not_all",
               "mood_highs": "no"}
CRISIS = {"safety_thoughts": "yes", "region": "au"}


def summary_of(bundle, answers, chosen=(), notes=""):
    return build_summary(bundle, answers, chosen_options=list(chosen), notes=notes, created_on=DAY)


def test_records_version_date_and_notice(bundle):
    summary = summary_of(bundle, FULL)
    assert summary.content_version == bundle.content_version
    assert summary.created_on == DAY
    assert "does not diagnose" in SUMMARY_NOTICE and "Do not change or stop any medicine" in SUMMARY_NOTICE


@pytest.mark.parametrize(("answers", "region", "expected_line"), [
    (FULL, "United Kingdom", "Samaritans"),
    (HIDDEN_DOSE, "United States", "988 Suicide & Crisis Lifeline"),
    (CRISIS, "Australia", "Lifeline"),
    ({"safety_thoughts": "no"}, "Somewhere else", "Find A Helpline"),
])
def test_crisis_lines_follow_the_region_and_end_with_emergency_services(bundle, answers, region, expected_line):
    summary = summary_of(bundle, answers)
    assert summary.crisis_help.region_label == region
    assert expected_line in [line.name for line in summary.crisis_help.lines]
    assert summary.crisis_help.emergency in {info.emergency for info in bundle.regions.values() if info.label == region}


def test_a_crisis_answer_is_flagged(bundle):
    assert summary_of(bundle, CRISIS).crisis
    assert not summary_of(bundle, FULL).crisis


def test_hidden_answers_are_left_out(bundle):
    summary = summary_of(bundle, HIDDEN_DOSE)
    shown = [row.question for row in summary.answers]
    assert bundle.question_by_id["trial_dose"].short not in shown
    assert bundle.question_by_id["antidepressants_tried"].short in shown


def test_answers_are_in_questionnaire_order_and_in_words(bundle):
    summary = summary_of(bundle, FULL)
    counted = person_path(bundle, FULL).effective
    expected = [bundle.question_by_id[q].short for q in counted if q != "priorities" and q not in SURE_QUESTIONS]
    assert [row.question for row in summary.answers] == expected
    rows = dict((row.question, row.answer) for row in summary.answers)
    assert rows["Where you live"] == "United Kingdom"
    # The option's short answer, not its examples (review 8, h8-11: "for example sertraline, citalopram,
    # fluoxetine" read like three medicines taken).
    assert rows[bundle.question_by_id["medication_classes"].short] == "SSRI, SNRI"


def test_a_question_asked_and_not_answered_says_so_and_never_reads_as_no(bundle):
    """Review 8 (h8-3): unknown is not no. Hidden questions stay out; asked ones left blank say so."""
    summary = summary_of(bundle, {"safety_thoughts": "prefer_not_to_say", "region": "other",
                                  "antidepressants_tried": "none"})
    rows = {row.question: row.answer for row in summary.answers}
    assert rows[bundle.question_by_id["unusual_experiences"].short] == NOT_ANSWERED
    assert rows[bundle.question_by_id["pregnancy"].short] == NOT_ANSWERED
    assert bundle.question_by_id["trial_dose"].short not in rows  # hidden by "none yet": not asked
    assert rows[bundle.question_by_id["antidepressants_tried"].short] == "None yet"


def test_key_answers_come_first_for_the_clinician_in_questionnaire_order(bundle):
    """Review 8 (h8-2): the safety answer (with its time frame), age, pregnancy, psychotic features, trials and
    bipolar clues on page 1, so a clinician with ten minutes does not have to find them on page 20."""
    summary = summary_of(bundle, {**FULL, "safety_thoughts": "prefer_not_to_say"})
    key = dict((row.question, row.answer) for row in summary.key_answers)
    assert list(key)[0] == "Thoughts of being better off dead or of self-harm (past two weeks)"
    assert key["Thoughts of being better off dead or of self-harm (past two weeks)"] == "I'd rather not say"
    for qid in ("age_group", "pregnancy", "unusual_experiences", "barely_eating_or_moving", "antidepressants_tried",
                "trial_duration", "response_pattern", "mood_highs", "family_bipolar", "alcohol_drugs",
                "other_conditions", "physical_conditions"):  # review 13 (d13-6): they rule treatments out
        assert bundle.question_by_id[qid].short in key, qid
    # Review 14 (p14-1): what was tried, and what the person wants and worries about, are on page 1 too.
    for qid in ("medication_classes", "augmentation_tried", "psychotherapy_tried", "procedures_tried",
                "thyroid_status", "open_to", "concerns"):
        assert bundle.question_by_id[qid].short in key, qid
    assert bundle.question_by_id["current_stressors"].short not in key
    assert list(key) == [row.question for row in summary.answers if row.question in key]


def test_the_first_notes_and_the_section_list_come_with_the_summary(bundle):
    summary = summary_of(bundle, {**FULL, "barely_eating_or_moving": "yes", "age_group": "65_plus"})
    assert summary.first_notes[0].startswith("You said you have been eating, drinking or moving very little.")
    assert "at the start of this summary" in summary.first_notes[0]
    assert len(summary.sections_list) == len(summary.sections)
    assert any(line.endswith("(with a caution for you)") for line in summary.sections_list)
    # Review 14 (p14-4): who to talk to about each, so a GP sees at a glance what is theirs and what needs a referral.
    for line, section in zip(summary.sections_list, summary.sections, strict=True):
        assert line.startswith(f"{section.result.title} — {section.referral_to[:1].lower()}{section.referral_to[1:]}")
    assert any("— your GP or primary care clinician" in line for line in summary.sections_list)
    assert any("— a specialist brain-stimulation or treatment centre" in line for line in summary.sections_list)


@pytest.mark.parametrize(("sure", "line"), [
    ({"sure_sure": "yes", "sure_understand": "no"}, "2 of 4 SURE questions answered, so there is no score."),
    ({q: "yes" for q in SURE_QUESTIONS}, "You answered \"Yes\" to 4 of the 4 SURE questions (SURE score: 4 out of 4)."),
    ({q: "no" for q in SURE_QUESTIONS}, "You answered \"Yes\" to 0 of the 4 SURE questions (SURE score: 0 out of 4). "
                                        "A \"No\" is common when a choice is hard."),
])
def test_a_sure_score_only_when_every_sure_question_was_answered(bundle, sure, line):
    """Review 8 (h8-7): "0 out of 4" after two answers reads as four noes. Review 16 (l16-5): a bare "0 out of 4"
    reads as a failed test to someone who already feels they have failed."""
    assert summary_of(bundle, {"safety_thoughts": "no", **sure}).sure.score_line == line


def test_the_notice_says_the_summary_is_not_a_referral(bundle):
    assert "It is not a referral: it has not been sent to anyone" in SUMMARY_NOTICE


def test_every_counted_answer_appears_once_somewhere(bundle):
    summary = summary_of(bundle, FULL)
    counted = person_path(bundle, FULL).effective
    in_answers = len(summary.answers)
    in_values = len(summary.sure.answers) + (1 if summary.priorities else 0)
    assert in_answers + in_values == len(counted)


def test_sections_match_the_outcome_with_why_referral_and_questions(bundle):
    outcome = evaluate(bundle, FULL)
    summary = summary_of(bundle, FULL)
    assert [s.result.id for s in summary.sections] == outcome.section_ids
    for section, shown in zip(summary.sections, outcome.sections, strict=True):
        front = bundle.content[section.result.id].front
        assert section.result.why == shown.why and section.result.cautions == shown.cautions
        assert section.questions_to_ask == front.questions_to_ask
        assert section.result.referral.text == front.referral.text
        # Only where the crisis lines are changes: a file has no "top of this page".
        assert section.result.referral.urgent_when == front.referral.urgent_when.replace(
            "at the top of this page", "at the start of this summary")
        assert section.referral_to and "_" not in section.referral_to  # words, not a code


def test_crisis_support_comes_first_after_a_crisis_answer(bundle):
    assert summary_of(bundle, CRISIS).sections[0].result.id == "crisis_support"


@pytest.mark.parametrize(("sure", "score", "any_no"), [
    ({"sure_sure": "yes", "sure_understand": "yes", "sure_risk_benefit": "yes", "sure_encouragement": "yes"}, 4, False),
    ({"sure_sure": "no", "sure_understand": "yes", "sure_risk_benefit": "yes", "sure_encouragement": "yes"}, 3, True),
    ({"sure_sure": "no", "sure_understand": "no", "sure_risk_benefit": "no", "sure_encouragement": "no"}, 0, True),
    ({"sure_sure": "yes"}, 1, False),
])
def test_sure_score_counts_yes_answers_and_flags_any_no(bundle, sure, score, any_no):
    answers = {**{k: v for k, v in FULL.items() if k not in SURE_QUESTIONS}, **sure}
    check = summary_of(bundle, answers).sure
    assert (check.score, check.out_of, check.any_no) == (score, 4, any_no)
    assert len(check.answers) == len(sure)
    assert "more information or support may help" in check.note


def test_values_step_is_optional(bundle):
    summary = summary_of(bundle, HIDDEN_DOSE)
    assert summary.priorities == ()
    assert not summary.sure.answered and summary.sure.score == 0


def test_priorities_are_in_words(bundle):
    assert summary_of(bundle, FULL).priorities == ("That it could work quickly", "Fewer side effects")


@pytest.mark.parametrize("notes", [
    "<script>alert(1)</script>",
    "# not a heading\n* not a list\n[link](javascript:alert(1))",
    "Ünïcödé — ελληνικά, русский, 中文, العربية, 😀\n\n  indented\ttab",
    "   ",
])
def test_notes_are_kept_verbatim(bundle, notes):
    assert summary_of(bundle, FULL, notes=notes).notes == notes


def test_chosen_options_keep_their_order_and_stale_ones_are_left_out(bundle):
    offered = comparable_options(bundle, evaluate(bundle, FULL))
    chosen = [offered[2], offered[0], "adequate_trial", "young_people"]  # not options / not in these results
    table = summary_of(bundle, FULL, chosen=chosen).comparison
    assert table is not None
    assert [c.option_id for c in table.columns] == [offered[2], offered[0]]


def test_no_chosen_options_means_no_comparison(bundle):
    assert summary_of(bundle, FULL).comparison is None


def test_comparison_highlights_the_persons_concerns(bundle):
    table = summary_of(bundle, FULL, chosen=["tms", "ect"]).comparison
    highlighted = {row.key for row in table.rows if row.highlighted}
    assert highlighted == {"side_effects", "cost_and_access"}


@pytest.mark.parametrize(("today", "stale"), [
    (date(2027, 11, 26), False),  # a day short of 12 full months
    (date(2027, 11, 27), True),   # 12 months to the day
    (date(2028, 3, 1), True),
    (date(2026, 11, 27), False),
])
def test_a_section_past_its_review_cycle_says_its_facts_may_be_out_of_date(today, stale):
    words = reviewed_in_words(date(2026, 11, 27), 12, today)
    assert words.startswith("27 November 2026")
    assert ("may be out of date" in words) is stale


def test_a_summary_made_after_the_review_cycle_says_which_sections_may_be_out_of_date(bundle, tmp_path):
    """CONTENT_GUIDE.md: every section is reviewed at least once every review_cycle_months. A file made (or a
    page read) after that says so beside the date, so a stale fact is not read as a checked one."""
    cycle = bundle.meta.review_cycle_months
    latest = max(bundle.content[s.id].front.reviewed_on for s in evaluate(bundle, FULL).sections)
    later = date(latest.year + cycle // 12 + 1, 1, 1)
    fresh = build_summary(bundle, FULL, chosen_options=[], notes="", created_on=latest)
    stale = build_summary(bundle, FULL, chosen_options=[], notes="", created_on=later)
    assert not any("out of date" in s.reviewed_label for s in fresh.sections)
    assert all("out of date" in s.reviewed_label for s in stale.sections)
    # Review 14 (r14-6): and at the top of each file, naming the sections, not only beside their sources.
    from engine.export_markdown import summary_to_markdown
    from engine.export_pdf import summary_to_pdf
    from tests.engine.test_exports import pdf_text

    assert fresh.past_review_note is None
    assert stale.past_review_note.startswith(f"Some sections were last reviewed {cycle} months ago or more")
    assert all(s.result.title in stale.past_review_note for s in stale.sections)
    markdown = summary_to_markdown(stale)
    assert markdown.index("Some sections were last reviewed") < markdown.index("## If you need help now")
    page_1 = pdf_text(summary_to_pdf(stale), tmp_path, 1)
    assert "Some sections were last reviewed" in page_1.split("If you need help")[0]
    # The crisis lines' check date is in every file, and said to be overdue once the cycle has passed (r14-4).
    assert f"These numbers were last checked on {bundle.lines_checked_on.day}" in markdown
    assert "look up the service by name" in markdown
    assert "look up the service by name" not in summary_to_markdown(fresh)


def test_every_file_and_the_fhir_questionnaire_say_whether_the_content_is_signed_off(bundle):
    """Review 14 (r14-1, r14-8): only the About page said that no named clinical reviewer had signed off; a file
    filed in a record, and a FHIR Questionnaire marked "active" (ready for use), did not."""
    import dataclasses

    from engine.export_fhir import questionnaire_to_fhir
    from engine.export_markdown import summary_to_markdown

    summary = summary_of(bundle, FULL)
    assert bundle.meta.signed_off_by is None  # as rules/meta.yaml says today
    assert summary.version_line.endswith("Not yet signed off by a named clinical reviewer.")
    markdown = summary_to_markdown(summary)
    assert markdown.count("Not yet signed off by a named clinical reviewer.") == 2  # at the top and at the end
    assert questionnaire_to_fhir(bundle)["status"] == "draft"
    signed = bundle.meta.model_copy(update={"signed_off_by": "Dr A Example", "signed_off_on": date(2027, 1, 5)})
    signed_bundle = dataclasses.replace(bundle, meta=signed)
    assert signed.sign_off_line == "Signed off by Dr A Example on 5 January 2027."
    assert questionnaire_to_fhir(signed_bundle)["status"] == "active"
    # A name without a date (or a date without a name) is refused at load: a sign-off says who and when.
    from pydantic import ValidationError

    from engine.models import MetaFile
    with pytest.raises(ValidationError, match="signed_off_by and signed_off_on go together"):
        MetaFile.model_validate({**bundle.meta.model_dump(), "signed_off_by": "Dr A Example"})
    # About's sentence and the files' line cannot disagree: a sign-off names the reviewer there too, and
    # while nobody has signed, About must say "not yet".
    signed_data = {**bundle.meta.model_dump(), "signed_off_by": "Dr A Example", "signed_off_on": date(2027, 1, 5)}
    with pytest.raises(ValidationError, match="clinical_sign_off must name the reviewer in signed_off_by"):
        MetaFile.model_validate(signed_data)
    assert MetaFile.model_validate({**signed_data, "clinical_sign_off": "Signed off by Dr A Example."}).signed_off_by
    with pytest.raises(ValidationError, match="clinical_sign_off must say the content is not yet signed off"):
        MetaFile.model_validate({**bundle.meta.model_dump(), "clinical_sign_off": "Signed off by the clinical lead."})


def test_when_someone_else_answers_the_summary_says_who_you_means_and_what_a_helper_may_not_know(bundle):
    """Review 11 (f11-3, f11-7): a carer read the crisis text's "you" as themselves; and "I'd rather not say"
    from a carer who does not know read as the person's own refusal, so nobody might ever ask them."""
    from engine.export_markdown import summary_to_markdown
    from engine.summary import NOT_KNOWN_BY_HELPER, READER_NOTES

    assert set(READER_NOTES) == set(bundle.question_by_id["role"].codes) - {"self"}  # every other reader has one
    carer = {"safety_thoughts": "prefer_not_to_say", "region": "uk", "role": "supporter", "age_group": "25_to_59"}
    summary = summary_of(bundle, carer)
    assert summary.reader_note == READER_NOTES["supporter"]
    markdown = summary_to_markdown(summary)
    assert markdown.index("means the person you are helping") < markdown.index("## If you need help now")
    safety = next(row for row in summary.key_answers if row.question == bundle.question_by_id["safety_thoughts"].short)
    assert safety.answer == "I'd rather not say" + NOT_KNOWN_BY_HELPER
    # The person's own "I'd rather not say" is theirs: no mark; and "you" is them, so no note.
    own = summary_of(bundle, {**carer, "role": "self"})
    assert own.reader_note is None and not any(NOT_KNOWN_BY_HELPER in row.answer for row in own.answers)
    assert "that person" in summary_of(bundle, {**carer, "role": "clinician"}).reader_note
    assert summary_of(bundle, {**carer, "safety_thoughts": "yes"}).key_answers[0].answer == "Yes"  # known: unmarked
    # Review 18 (h18-2, h18-9): the help tells a helper who does not know to choose "I'd rather not say" on the
    # alcohol and trauma questions too, so the mark goes wherever that answer is offered.
    unsure_carer = summary_of(bundle, {**carer, "alcohol_drugs": "prefer_not_to_say",
                                       "trauma_history": "prefer_not_to_say"})
    marked = [row.question for row in unsure_carer.answers if row.answer.endswith(NOT_KNOWN_BY_HELPER)]
    assert marked == [bundle.question_by_id[q].short for q in ("safety_thoughts", "alcohol_drugs", "trauma_history")]
    # Review 18 (q18-7): a clinician filling it in from notes follows the same help, and is marked as such.
    from engine.summary import NOT_KNOWN_BY
    by_clinician = summary_of(bundle, {**carer, "role": "clinician"})
    assert by_clinician.key_answers[0].answer == "I'd rather not say" + NOT_KNOWN_BY["clinician"]


@pytest.mark.parametrize(("unsure", "said"), [(2, False), (3, True)])
def test_several_not_sure_answers_bring_a_calm_line_where_the_sections_start(bundle, unsure, said):
    """Review 16 (l16-6): "not sure" brings the cautions "yes" brings (S12); after several, the person is told that is
    fine and that some cautions may not fit them, on the page and in both files. A list answer counts once."""
    answers = {"safety_thoughts": "no", "antidepressants_tried": "two", "mood_highs": "unsure",
               "other_conditions": ["unsure"], "family_bipolar": "unsure" if unsure == 3 else "no"}
    summary = summary_of(bundle, answers)
    assert (summary.unsure_note == UNSURE_NOTE) is said
    # Review 17 (v17-3): "some cautions may not fit you" must not read as cancelling a same-day note at the top.
    assert "Any notes at the top still apply." in UNSURE_NOTE
    markdown = summary_to_markdown(summary)
    assert (UNSURE_NOTE in markdown) is said
    if said:
        start = markdown.index("## Your information sections")
        assert start < markdown.index(SECTIONS_INTRO) < markdown.index(UNSURE_NOTE)
