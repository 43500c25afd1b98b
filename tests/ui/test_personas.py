"""Clinician view: one click loads a persona and opens its results; the view explains them."""

from __future__ import annotations

import pytest

from engine.bundle import load_bundle
from engine.evaluate import evaluate
from tests.conftest import hidden_answers
from tests.ui.apptest_driver import banner_box
from tests.ui.conftest import (
    ROOT,
    headers,
    load_persona,
    open_clinician,
    persona,
    run,
    subheaders,
    text_of,
    titles,
)

BUNDLE = load_bundle(ROOT)
PERSONA_IDS = [p.id for p in BUNDLE.personas.personas]


def test_there_are_at_least_eight_personas_each_with_a_one_line_description():
    assert len(PERSONA_IDS) >= 8
    assert len(set(PERSONA_IDS)) == len(PERSONA_IDS)
    for p in BUNDLE.personas.personas:
        assert p.description.strip() and "\n" not in p.description.strip()


def test_a_persona_is_found_by_its_id_and_an_id_no_longer_in_the_file_finds_none():
    first = BUNDLE.personas.personas[0]
    assert BUNDLE.personas.find(first.id) is first
    assert BUNDLE.personas.find("not_a_persona") is None  # a stale click loads nothing


@pytest.mark.parametrize("persona_id", PERSONA_IDS)
def test_one_click_loads_a_persona_and_opens_its_results(at, bundle, persona_id):
    load_persona(at, persona_id)
    assert titles(at) == ["Your information sections"]
    expected = [s.title for s in evaluate(bundle, persona(bundle, persona_id).answers).sections]
    all_titles = {content.front.title for content in bundle.content.values()}
    assert [s for s in subheaders(at) if s in all_titles] == expected
    # The frame every page shares is still there.
    assert "Need help now?" in text_of(at)
    assert "does not diagnose" in text_of(at)


def test_crisis_persona_puts_crisis_support_first_and_red(at, bundle):
    load_persona(at, "crisis_answer")
    crisis_title = bundle.content["crisis_support"].front.title
    titles = {c.front.title for c in bundle.content.values()}
    assert [s for s in subheaders(at) if s in titles][0] == crisis_title
    glance = next(m.value for m in at.markdown if m.value.startswith("- ["))
    assert glance.startswith(f"- [{crisis_title}](#crisis-support)")  # first at a glance too, linking down
    tone, banner = banner_box(at)  # red: said once as the persona was loaded, not again on its results (a16-3)
    assert tone == "error" and "Need help now?" in banner


def test_loading_a_second_persona_replaces_the_first(at, bundle):
    load_persona(at, "young_person")
    assert bundle.content["young_people"].front.title in subheaders(at)
    load_persona(at, "older_several_trials")
    assert bundle.content["older_adults"].front.title in subheaders(at)
    assert bundle.content["young_people"].front.title not in subheaders(at)


def test_clinician_view_is_a_separate_page_with_its_parts(at):
    open_clinician(at)
    # What-if first; the long answers table and the rule trace follow it, each in an expander.
    assert headers(at) == ["Demo personas", "What if", "Answers", "Rule trace", "Every question"]
    assert "No answers yet" in text_of(at)
    # The person's flow is untouched by visiting it.
    assert at.session_state["view"] == "step"


def test_answers_table_marks_hidden_answers(at, bundle):
    answers = persona(bundle, "older_several_trials").answers
    assert "pregnancy" in hidden_answers(bundle, answers)
    load_persona(at, "older_several_trials")
    open_clinician(at)
    table = next(d.value for d in at.table if "Counted" in d.value.columns)
    pregnancy = table[table["Id"] == "pregnancy"].iloc[0]
    assert pregnancy["Counted"].startswith("No: hidden")
    counted = table[table["Id"] == "age_group"].iloc[0]
    assert counted["Counted"] == "Yes"
    assert len(table) == len(answers)


def test_with_a_person_s_own_answers_the_personas_wait_folded_below_the_trace(at, bundle):
    """Review 11 (k11-3): with a patient watching, the clinician scrolled past nine fictional people's
    sensitive summaries ("thoughts of self-harm") to reach the patient's own what-if and trace."""
    at.session_state["answers"] = {"safety_thoughts": "no", "region": "uk"}
    open_clinician(at)
    assert headers(at) == ["What if", "Answers", "Rule trace", "Every question", "Demo personas"]
    assert "Show the demo personas (fictional, for demonstrating)" in [e.label for e in at.expander]
    load_persona(at, "crisis_answer")  # a demo's own answers: the personas stay at the top
    open_clinician(at)
    assert headers(at)[0] == "Demo personas"


def test_the_clinician_view_gives_the_content_version_and_the_review_cycle(at, bundle):
    """Review 11 (k11-5): to match a summary brought from an earlier visit, without leaving the page."""
    open_clinician(at)
    assert f"Content version {bundle.content_version}." in text_of(at)
    assert f"reviewed at least every {bundle.meta.review_cycle_months} months" in text_of(at)


def test_the_trace_says_why_each_caution_is_there_and_why_a_section_is_listed_early(at, bundle):
    """Review 11 (k11-4): "why the caution?" and "why is this near the top?" could not be answered from the trace."""
    load_persona(at, "older_several_trials")
    open_clinician(at)
    cautions = next(t.value for t in at.table if "Caution" in t.value.columns)
    outcome = evaluate(bundle, persona(bundle, "older_several_trials").answers)
    assert len(cautions) == sum(len(s.cautions) for s in outcome.sections) > 0
    switching = bundle.content["switching_medication"].front.title
    age = bundle.question_by_id["age_group"]
    row = cautions[(cautions["Section"] == switching) & (cautions["Caution"] == "For people aged 60 and over")]
    assert list(row["Because of"]) == [f"{age.short}: {age.label_for('65_plus')}"]
    load_persona(at, "possible_bipolar")  # an add-on already tried moves nothing up for Margaret (review 16, m16-1)
    open_clinician(at)
    early = next(t.value for t in at.table if "Why it is listed early" in t.value.columns)
    outcome = evaluate(bundle, persona(bundle, "possible_bipolar").answers)
    placed = [(s.title, reason) for s in outcome.sections for reason in s.placed_early]
    assert placed and list(zip(early["Section"], early["Why it is listed early"], strict=True)) == placed
    load_persona(at, "thyroid_sleep_apnoea")  # no caution, nothing moved up: each table says so
    open_clinician(at)
    assert "No cautions for these answers." in text_of(at) and "No section is moved up" in text_of(at)
    assert not any({"Caution", "Why it is listed early"} & set(t.value.columns) for t in at.table)


def test_rule_trace_lists_every_rule_and_why_it_fired(at, bundle):
    load_persona(at, "thyroid_sleep_apnoea")
    open_clinician(at)
    # In words by default: question and answer labels, section titles, no raw ids.
    trace = next(d.value for d in at.table if "Because of" in d.value.columns)
    assert "Rule" not in trace.columns and len(trace) == len(bundle.rules)
    thyroid_status = bundle.question_by_id["thyroid_status"]
    said = f"{thyroid_status.short}: {thyroid_status.said_for('never_checked')}"
    assert any(said in cell for cell in trace["Because of"]), list(trace["Because of"])
    assert not any("=" in cell for cell in trace["Because of"])
    assert not any("age_group" in cell for cell in trace["Looks at"])
    # The raw ids are one toggle away.
    at.toggle(key="ui__trace_raw_ids").set_value(True)
    run(at)
    trace = next(d.value for d in at.table if "Rule" in d.value.columns)
    assert list(trace["Rule"]) == [rule.id for rule in bundle.rules]
    thyroid = trace[trace["Rule"] == "medical_thyroid"].iloc[0]
    assert thyroid["Fired"] == "Yes"
    assert "thyroid_status = never_checked" in thyroid["Because of"]
    young = trace[trace["Rule"] == "population_young"].iloc[0]
    assert young["Fired"] == "No" and young["Because of"] == ""
    assert "age_group" in young["Looks at"]

    at.toggle(key="ui__trace_fired_only").set_value(True)
    run(at)
    trace = next(d.value for d in at.table if "Rule" in d.value.columns)
    assert set(trace["Fired"]) == {"Yes"}
    assert "population_young" not in set(trace["Rule"])


def test_the_trace_says_the_safety_question_is_not_answered_yet_rather_than_no(at, bundle):
    """Unknown is not no (walkthrough, 28 November: "Crisis answer: No." before any answer)."""
    open_clinician(at)
    captions = [c.value for c in at.caption if "Crisis answer" in c.value]
    assert len(captions) == 1 and captions[0].endswith("Crisis answer: not answered yet.")
    load_persona(at, "long_highly_resistant")
    open_clinician(at)
    assert any(c.value.endswith("Crisis answer: No.") for c in at.caption)
    # Review 19 (k19-4): the person's own answer; "I'd rather not say" was reported as "Yes".
    for persona_id, said in (("first_medicine_only", "I'd rather not say"), ("crisis_answer", "Yes")):
        load_persona(at, persona_id)
        open_clinician(at)
        assert any(c.value.endswith(f"Crisis answer: {said}. Crisis support comes first.") for c in at.caption), \
            [c.value for c in at.caption if "Crisis answer" in c.value]


def test_every_question_toggle_greys_out_hidden_questions(at, bundle):
    load_persona(at, "older_several_trials")
    open_clinician(at)
    assert not any("Hidden for these answers" in c.value for c in at.caption)
    at.toggle(key="ui__show_all_questions").set_value(True)
    run(at)
    hidden = [c.value for c in at.caption if c.value.startswith("Hidden for these answers")]
    assert any("(pregnancy)" in line and "kept but not counted" in line for line in hidden)
    # Every question of the questionnaire appears, visible or greyed out.
    page = text_of(at)
    for question in bundle.questions:
        assert f"({question.id})" in page or f"(`{question.id}`)" in page, question.id
    # Step titles are h3 under the h2 "Every question".
    assert [s.title for s in bundle.steps][0] in subheaders(at)


def test_open_results_button_goes_back_to_the_results(at, bundle):
    load_persona(at, "postpartum")
    open_clinician(at)
    at.button(key="open_results").click()
    run(at)
    assert titles(at) == ["Your information sections"]
    assert bundle.content["pregnancy_postpartum"].front.title in subheaders(at)


def test_a_demo_persona_s_results_lead_back_to_the_clinician_view(at):
    """A clinician demoing a persona had only the top navigation to get back to the personas and the what-if."""
    load_persona(at, PERSONA_IDS[0])
    at.button(key="to_clinician").click()
    run(at)
    assert titles(at) == ["Clinician view"]


def test_an_edited_persona_keeps_a_label_for_the_made_up_answers_left_and_is_not_replaced_without_asking(at):
    """Review 11 (k11-1): one hand edit once cleared the label, and the persona's other made-up answers (a
    "Yes" to self-harm among them) went out as the patient's. The label stays, says how many are made up and
    does not call the edited answer made up; it goes only with Start again; another persona asks first."""
    def label() -> str:
        return " ".join(w.value for w in at.warning if "demo person" in w.value)

    load_persona(at, "first_medicine_only")
    assert "Fictional demo person" in label()
    at.button(key="nav_back__results").click()
    run(at)
    at.button(key="edit_safety").click()
    run(at)
    at.radio(key="w__safety_thoughts").set_value("yes")
    run(at)
    assert "Fictional demo person" not in label()  # not every answer is made up any more...
    assert "Started from a fictional demo person" in label() and "use Start again" in label()  # ...but most are
    kept = len(persona(BUNDLE, "first_medicine_only").answers) - 1
    assert f"{kept} of these answers are still the demo's made-up answers" in label()
    open_clinician(at)
    assert "Started from a fictional demo person" in label()  # the clinician view says so too
    at.button(key=f"persona_{PERSONA_IDS[0]}").click()
    run(at)
    assert any(b.key == "persona_confirm_yes" for b in at.button)  # asked, not replaced
    assert at.session_state["answers"]["safety_thoughts"] == "yes"


def test_real_answers_have_no_way_to_the_clinician_view_in_the_page(at):
    assert "to_clinician" not in [b.key for b in at.button]
