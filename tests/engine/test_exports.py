"""The bytes of each export: the PDF opens and says what matters, the Markdown matches the
outcome and cannot be hijacked by notes, and the FHIR resources validate and round-trip."""

from __future__ import annotations

import ast
import copy
import json
import re
import shutil
import subprocess
import unicodedata
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import ValidationError

from engine.comparison import comparable_options
from engine.evaluate import evaluate
from engine.export_fhir import (
    FhirCheckError,
    check_response,
    questionnaire_to_fhir,
    response_to_answers,
    response_to_fhir,
)
from engine.export_markdown import escape_text, summary_to_markdown
from engine.export_pdf import FontNotFoundError, summary_to_pdf
from engine.figures import figure_text, picture_title
from engine.flow import person_path
from engine.summary import KEY_ANSWERS_NOTE, SECTIONS_INTRO, SUMMARY_NOTICE, build_summary
from tests.engine.fhir_questionnaire_check import check_questionnaire
from tests.engine.test_summary import CRISIS, DAY, FULL, HIDDEN_DOSE, summary_of
from tools.chromium import PDFTOTEXT

ROOT = Path(__file__).resolve().parents[2]
NEW_MODULES = ["comparison", "summary", "export_markdown", "export_pdf", "export_fhir"]
SCRIPT = "<script>alert(1)</script>"
AUTHORED = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(pdf: bytes, tmp_path: Path, *pages: int) -> str:
    if shutil.which(PDFTOTEXT) is None:
        pytest.skip(f"pdftotext (poppler-utils) was not found at {PDFTOTEXT}, so the PDF text cannot be read back")
    path = tmp_path / "summary.pdf"
    path.write_bytes(pdf)
    span = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return subprocess.run([PDFTOTEXT, "-enc", "UTF-8", *span, str(path), "-"],
                          check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("module", NEW_MODULES)
def test_export_modules_stay_pure(module):
    tree = ast.parse((ROOT / "engine" / f"{module}.py").read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert not imported & {"streamlit", "pickle", "pandas", "components"}


# --- PDF --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("answers", "line"), [
    (FULL, "Call 116 123"),  # UK: Samaritans
    (HIDDEN_DOSE, "Call 988 or text 988"),  # US
    (CRISIS, "Call 13 11 14"),  # Australia, after a crisis answer
])
def test_pdf_puts_the_regions_crisis_line_first_then_the_decision_the_note_and_values(bundle, tmp_path, answers, line):
    pdf = summary_to_pdf(summary_of(bundle, answers))
    assert pdf.startswith(b"%PDF-")
    page_one = flat(pdf_text(pdf, tmp_path, 1))
    assert line in page_one
    order = [line, "does not diagnose", "You and your clinician are choosing what to try next",
             "Your notes for your clinician", "Key answers, for your clinician", "Thoughts of being better off dead"]
    assert [page_one.index(text) for text in order] == sorted(page_one.index(text) for text in order)


def test_the_pdfs_crisis_numbers_can_be_tapped_as_on_screen_and_are_never_split(bundle, tmp_path):
    """On a phone the PDF may be what a person has open: each number calls or texts, as the banner's do."""
    pdf = summary_to_pdf(summary_of(bundle, {**HIDDEN_DOSE, "region": "us"}))
    for address in (b"tel:988", b"sms:988", b"sms:741741?&body=HOME", b"https://988lifeline.org", b"tel:911"):
        assert b"/URI (" + address + b")" in pdf, address
    assert pdf.count(b"/URI (sms:988)") == 1  # one link: a number wrapped over two lines would make two
    assert "Call 988 or text 988" in flat(pdf_text(pdf, tmp_path, 1))


@pytest.mark.parametrize("region", ["uk", "other"])
def test_both_exports_name_the_region_in_a_sentence_that_reads(bundle, tmp_path, region):
    """'For Somewhere else:' did not read; every region is named the same way in the PDF and the Markdown."""
    summary = summary_of(bundle, {**FULL, "region": region})
    named = f"Your region: {bundle.regions[region].label}"
    assert named in flat(pdf_text(summary_to_pdf(summary), tmp_path, 1))
    assert named in summary_to_markdown(summary)


@pytest.mark.parametrize("answers", [FULL, CRISIS])
def test_every_pdf_page_ends_with_a_crisis_line_and_the_emergency_number(bundle, tmp_path, answers):
    """A printed page may be all someone has to hand: each one says where to get help now."""
    summary = summary_of(bundle, answers)
    pdf = summary_to_pdf(summary)
    pages = [flat(page) for page in pdf_text(pdf, tmp_path).split("\f") if page.strip()]
    assert len(pages) > 1
    first, emergency = summary.crisis_help.lines[0], summary.crisis_help.emergency
    for number, page in enumerate(pages, 1):
        assert f"Need help now? {first.name}: {first.contact}. {emergency}." in page, number
        assert f"Page {number} of {len(pages)}" in page


@pytest.mark.parametrize("answers", [FULL, HIDDEN_DOSE, CRISIS])
def test_pdf_holds_every_section_title_and_the_version(bundle, tmp_path, answers):
    summary = summary_of(bundle, answers, notes="Please read this.")
    text = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    for section in evaluate(bundle, answers).sections:
        assert flat(section.title) in text
    assert summary.content_version in text and "1 December 2026" in text
    assert "Please read this." in text


def test_pdf_holds_the_comparison_values_sure_and_questions(bundle, tmp_path):
    summary = summary_of(bundle, FULL, chosen=["tms", "ect", "keep_current_treatment", "psychotherapy"])
    text = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    for column in summary.comparison.columns:
        assert flat(column.option_label) in text
    assert "How well does it work?" in text
    assert "That it could work quickly" in text
    assert "SURE score: 3 out of 4" in text
    assert flat(bundle.content["tms"].front.questions_to_ask[0]) in text


def test_pdf_shows_unicode_notes_and_marks_what_the_font_cannot_draw(bundle, tmp_path):
    notes = "Müdigkeit — ελληνικά, русский, ½ dose?\n<b>not bold</b>\n中文\x00\x1b[31m"
    text = pdf_text(summary_to_pdf(summary_of(bundle, FULL, notes=notes)), tmp_path)
    assert "Müdigkeit — ελληνικά, русский, ½ dose?" in text
    assert "<b>not bold</b>" in text  # drawn as text, never interpreted
    assert "\ufffd\ufffd" in text and "could not be shown in this PDF" in text


def test_pdf_metadata_has_title_and_language(bundle):
    pdf = summary_to_pdf(summary_of(bundle, FULL))
    assert b"/Lang (en)" in pdf
    assert b"/Title" in pdf


def test_missing_fonts_give_a_clear_error(bundle, tmp_path):
    with pytest.raises(FontNotFoundError, match="DejaVuSans.ttf"):
        summary_to_pdf(summary_of(bundle, FULL), font_dirs=[tmp_path])


# --- Markdown ---------------------------------------------------------------------------------

@pytest.mark.parametrize("answers", [FULL, HIDDEN_DOSE, CRISIS])
def test_markdown_matches_the_outcome(bundle, answers):
    markdown = summary_to_markdown(summary_of(bundle, answers))
    outcome = evaluate(bundle, answers)
    for section in outcome.sections:
        assert f"#### {section.title}" in markdown
        for why in section.why:
            assert f"- {why}" in markdown
    for line in outcome.crisis_help.lines:
        assert line.contact in markdown
    assert markdown.index(outcome.crisis_help.lines[0].contact) < markdown.index("## Your answers")


def test_markdown_leaves_hidden_answers_out(bundle):
    markdown = summary_to_markdown(summary_of(bundle, HIDDEN_DOSE))
    assert bundle.question_by_id["trial_dose"].short not in markdown


@pytest.mark.parametrize(("notes", "raw"), [
    (SCRIPT, SCRIPT),
    ("<img src=x onerror=alert(1)>", "<img"),
    ("[click](javascript:alert(1))", "[click](javascript"),
    ("![x](http://tracker.example/p.png)", "![x]("),
    ("```\ncode\n```", "```"),
    ("# Big heading", "\n> # Big"),
    ("**loud**", "**loud**"),
    ("a | b\n--|--\nc | d", "a | b"),
    ("ok\n\n---", "\n> ---"),
    ("1. not a list", "> 1. not"),
])
def test_markdown_notes_cannot_inject_markup(bundle, notes, raw):
    markdown = summary_to_markdown(summary_of(bundle, FULL, notes=notes))
    assert raw not in markdown
    notes_part = markdown.split("## Your notes for your clinician", 1)[1].split("\n## Key answers", 1)[0]
    for line in filter(None, notes_part.strip().split("\n")):
        assert line.startswith(">")  # every line stays inside the quote


def test_a_note_reads_the_same_in_the_pdf_and_the_markdown_whatever_it_hides(bundle, tmp_path):
    """Review s9-4: a right-to-left override made "Dose 05 mg" read "Dose 50 mg" in a Markdown viewer, while
    the PDF dropped it; zero-width marks stayed in the Markdown, unseen."""
    note = "Dose \u202e05\u202c mg, ask\u200b about\u2066 it\u2069 \ufeffplease"
    summary = summary_of(bundle, FULL, notes=note)
    markdown = summary_to_markdown(summary)
    assert "> Dose 05 mg, ask about it please" in markdown
    assert not any(unicodedata.category(char) == "Cf" for char in markdown)
    assert "Dose 05 mg, ask about it please" in " ".join(pdf_text(summary_to_pdf(summary), tmp_path).split())


def test_markdown_notes_stay_readable(bundle):
    markdown = summary_to_markdown(summary_of(bundle, FULL, notes=f"Line one\nLine two {SCRIPT}"))
    assert "> Line one\\\n> Line two &lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    assert "\\(" not in markdown and "\\)" not in markdown  # sources read "(NICE)", not "\(NICE\)" (h8-10)


@pytest.mark.parametrize(("text", "escaped"), [
    ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
    ("snake_case *x* `y`", "snake\\_case \\*x\\* \\`y\\`"),
    ("# h", "\\# h"),
    ("- item", "\\- item"),
    ("+ item", "\\+ item"),
    ("12. item", "12\\. item"),
    ("    code", "&#32;&#32;&#32;&#32;code"),
    ("bell\x07", "bell\ufffd"),
    ("plain words, 3.5 mg", "plain words, 3.5 mg"),
])
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped


def test_markdown_has_values_sure_comparison_and_version(bundle):
    summary = summary_of(bundle, FULL, chosen=["ect", "tms"])
    markdown = summary_to_markdown(summary)
    assert "### What side effects can it have? (this matters to you: Effects on memory)" in markdown
    assert "- **ECT**:" in markdown and "- **TMS**:" in markdown
    assert "- That it could work quickly" in markdown
    assert "SURE questions (SURE score: 3 out of 4)." in markdown
    assert summary.content_version in markdown and SUMMARY_NOTICE in markdown


# --- FHIR -------------------------------------------------------------------------------------

def all_items(items):
    for item in items:
        yield item
        yield from all_items(item.get("item", []))


def answered_link_ids(resource):
    return {item["linkId"] for item in all_items(resource.get("item", [])) if "answer" in item}


def test_questionnaire_validates_and_carries_every_question(bundle):
    resource = questionnaire_to_fhir(bundle)
    assert Questionnaire.model_validate(resource)
    assert check_questionnaire(bundle, resource) == []
    assert resource["status"] in ("draft", "active", "retired", "unknown")
    items = {i["linkId"]: i for i in all_items(resource["item"]) if i["type"] != "group"}
    assert list(items) == [q.id for q in bundle.questions]
    for question in bundle.questions:
        item = items[question.id]
        assert item["required"] is question.required
        assert item.get("repeats", False) is (question.type == "multi")
        assert [(o["valueCoding"]["code"], o["valueCoding"]["display"]) for o in item["answerOption"]] == \
            [(o.code, o.label) for o in question.options]


def test_questionnaire_states_simple_visibility_as_enable_when(bundle):
    items = {i["linkId"]: i for i in all_items(questionnaire_to_fhir(bundle)["item"])}
    # Unknown is not no: "not ruled out by a given answer" is FHIR's != (true when unanswered).
    dose = items["trial_dose"]
    assert dose["enableBehavior"] == "all"
    assert [(c["question"], c["operator"], c["answerCoding"]["code"]) for c in dose["enableWhen"]] == \
        [("antidepressants_tried", "!=", "none")]
    pregnancy = items["pregnancy"]
    assert [(c["question"], c["operator"], c["answerCoding"]["code"]) for c in pregnancy["enableWhen"]] == \
        [("age_group", "!=", "65_plus")]
    assert "enableWhen" not in items["safety_thoughts"]


@pytest.mark.parametrize("answers", [FULL, HIDDEN_DOSE, CRISIS, {"safety_thoughts": "prefer_not_to_say"}])
def test_response_carries_exactly_the_visible_answered_link_ids_and_round_trips(bundle, answers):
    resource = response_to_fhir(bundle, answers, AUTHORED)
    assert QuestionnaireResponse.model_validate(resource)
    assert check_response(bundle, resource) == []
    counted = person_path(bundle, answers).effective
    assert answered_link_ids(resource) == set(counted)
    back = response_to_answers(bundle, json.dumps(resource))
    assert back == counted
    assert response_to_fhir(bundle, back, AUTHORED) == resource


def test_a_demo_persons_response_is_tagged_as_test_data_and_still_reads_back(bundle):
    """Review 8 (h8-4): imported into a record, a fictional "yes" to self-harm must not pass for a patient's."""
    demo = response_to_fhir(bundle, CRISIS, AUTHORED, test_data=True)
    assert demo["meta"]["tag"] == [{"system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HTEST",
                                    "display": "test health data"}]
    assert response_to_answers(bundle, json.dumps(demo)) == person_path(bundle, CRISIS).effective
    assert "meta" not in response_to_fhir(bundle, CRISIS, AUTHORED)


def test_hidden_answer_is_left_out_of_the_response(bundle):
    resource = response_to_fhir(bundle, HIDDEN_DOSE, AUTHORED)
    assert "trial_dose" in HIDDEN_DOSE and "trial_dose" not in answered_link_ids(resource)


def test_json_round_trip_gives_an_equal_model(bundle):
    resource = response_to_fhir(bundle, FULL, AUTHORED)
    model = QuestionnaireResponse.model_validate(resource)
    assert QuestionnaireResponse.model_validate(json.loads(json.dumps(resource))) == model
    questionnaire = questionnaire_to_fhir(bundle)
    assert Questionnaire.model_validate(json.loads(json.dumps(questionnaire))).model_dump(
        mode="json", exclude_none=True) == questionnaire


def test_response_status_follows_required_answers(bundle):
    assert response_to_fhir(bundle, FULL, AUTHORED)["status"] == "completed"
    assert response_to_fhir(bundle, {"safety_thoughts": "no"}, AUTHORED)["status"] == "in-progress"


def test_authored_time_keeps_its_zone_and_must_have_one(bundle):
    local = datetime(2026, 12, 1, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    assert response_to_fhir(bundle, FULL, local)["authored"] == "2026-12-01T09:30:00+01:00"
    with pytest.raises(ValueError, match="time zone"):
        response_to_fhir(bundle, FULL, datetime(2026, 12, 1, 9, 30))


def _item(resource, link_id):
    return next(i for i in all_items(resource["item"]) if i["linkId"] == link_id)


def _break_code(r):
    _item(r, "region")["answer"][0]["valueCoding"]["code"] = "mars"


def _break_system(r):
    _item(r, "region")["answer"][0]["valueCoding"]["system"] = "http://snomed.info/sct"


def _break_status(r):
    r["status"] = "finished"


def _two_answers_to_single(r):
    answer = _item(r, "region")["answer"]
    answer.append(copy.deepcopy(answer[0]))


def _answer_hidden_question(r):
    group = next(i for i in r["item"] if i["linkId"] == "step.medicines")
    group["item"].append({"linkId": "trial_dose", "answer": [{"valueCoding": {
        "system": "urn:trd-navigator:question:trial_dose", "code": "yes_all"}}]})


def _unknown_link_id(r):
    r["item"][0]["item"].append({"linkId": "favourite_colour", "answer": [{"valueString": "blue"}]})


def _exclusive_combined(r):
    answer = _item(r, "procedures_tried")["answer"]
    answer.append({"valueCoding": {"system": "urn:trd-navigator:question:procedures_tried", "code": "ect"}})


@pytest.mark.parametrize(("breaks", "message"), [
    (_break_code, "'mars' is not one of its codes"),
    (_break_system, "code system"),
    (_break_status, "status 'finished'"),
    (_two_answers_to_single, "exactly one answer"),
    (_answer_hidden_question, "hide this question"),
    (_unknown_link_id, "not a question id"),
    (_exclusive_combined, "cannot be combined"),
])
def test_invalid_responses_are_rejected_by_our_checks(bundle, breaks, message):
    answers = {**HIDDEN_DOSE, "procedures_tried": ["none"]}
    resource = response_to_fhir(bundle, answers, AUTHORED)
    breaks(resource)
    assert any(message in problem for problem in check_response(bundle, resource))
    with pytest.raises(FhirCheckError, match=message):
        response_to_answers(bundle, resource)


def test_model_validation_still_rejects_broken_structure(bundle):
    resource = response_to_fhir(bundle, FULL, AUTHORED)
    resource["authored"] = "yesterday"
    with pytest.raises(ValidationError):
        response_to_answers(bundle, resource)


@pytest.mark.parametrize("status", ["published", "final"])
def test_questionnaire_status_outside_the_value_set_is_rejected(bundle, status):
    resource = questionnaire_to_fhir(bundle)
    resource["status"] = status
    assert check_questionnaire(bundle, resource)


def test_questionnaire_with_a_foreign_option_code_is_rejected(bundle):
    resource = questionnaire_to_fhir(bundle)
    _item(resource, "region")["answerOption"][0]["valueCoding"]["code"] = "mars"
    assert any("'mars'" in p for p in check_questionnaire(bundle, resource))


def test_pdf_and_markdown_show_the_same_pictures_of_100_people(bundle, tmp_path):
    summary = summary_of(bundle, FULL, chosen=["tms", "augmentation"])
    assert [(v.option, v.figure.kind) for v in summary.pictures] == [
        ("TMS", "benefit"), ("Added aripiprazole", "benefit"), ("Added aripiprazole", "harm")]  # as given (n15-1)
    pdf = summary_to_pdf(summary)
    text = flat(pdf_text(pdf, tmp_path))
    assert "Pictures of 100 people" in text
    for view in summary.pictures:
        assert flat(figure_text(view)) in text
        assert flat(f"Who was studied: {view.figure.population}.") in text  # as the app says under each
    assert SECTIONS_INTRO in text and SECTIONS_INTRO in summary_to_markdown(summary)  # the app's own words
    # Review 16 (m16-7): the clinician is told the key answers are not a treatment history or a stage.
    assert flat(KEY_ANSWERS_NOTE) in text and KEY_ANSWERS_NOTE in summary_to_markdown(summary)
    # The pictures are images in the PDF, one per figure (rendered from the app's own Vega-Lite spec).
    images = subprocess.run(["pdfimages", "-list", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    assert len([line for line in images.splitlines()[2:] if line.strip()]) >= len(summary.pictures)
    markdown = summary_to_markdown(summary)
    assert "## Pictures of 100 people" in markdown
    for view in summary.pictures:
        assert figure_text(view) in markdown
        assert f"Who was studied: {view.figure.population}." in markdown
    assert "●" in markdown and "○" in markdown


def test_both_files_draw_a_trial_once_title_a_contest_as_one_and_say_which_options_have_no_harm_picture(
        bundle, tmp_path):
    """Review 17 (f17-1, f17-2): keeping's only figure is the dummy-pill arm of the add-on trial. It was drawn
    twice, each time under "What may help", and only some options had a harm picture, with nothing said of the
    others: both made the options look unequal in ways the evidence does not."""
    summary = summary_of(bundle, FULL, chosen=["keep_current_treatment", "augmentation", "tms"])
    assert [(v.option, v.figure.kind) for v in summary.pictures] == [
        ("The same antidepressant with a dummy pill added", "benefit"), ("Added aripiprazole", "harm"),
        ("TMS", "benefit")]
    assert picture_title(summary.pictures[0]) == ("The same antidepressant with a dummy pill added: in a trial against"
                                                  " adding aripiprazole to the same antidepressant")
    assert picture_title(summary.pictures[2]) == "TMS: What may help"
    assert summary.pictures_not_drawn == (
        "Adding a medicine: the picture for keeping your treatment and reviewing it above is from the same trial, "
        "so it is not drawn twice.",
        "No picture of a possible harm for keeping your treatment and reviewing it and TMS: our sources give no "
        "number per 100 people for one. That does not mean no side effects: see \"What side effects can it have?\" "
        "in the comparison.")
    markdown = summary_to_markdown(summary)
    text = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    for view in summary.pictures:
        assert f"### {picture_title(view)}" in markdown and flat(picture_title(view)) in text
    for said in summary.pictures_not_drawn:
        assert markdown.index("## Pictures of 100 people") < markdown.index(said) < markdown.index("## Your answers")
        assert flat(said) in text


def test_both_files_say_under_the_options_heading_that_the_order_is_not_a_ranking(bundle, tmp_path):
    """Review 17 (f17-6): people read a list as a ranking; the order (preferences first, then a set order) is said
    under the heading, on the page (tests/ui) and in both files, from rules/sections.yaml."""
    summary = summary_of(bundle, FULL)
    (intro,) = [tier.intro for tier in bundle.tiers if tier.intro]
    assert intro.startswith("These options are not in order of how well they work.")
    assert f"### Treatment options to discuss\n\n{intro}\n\n#### " in summary_to_markdown(summary)
    text = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    assert flat(f"TREATMENT OPTIONS TO DISCUSS {intro}") in text


def test_after_a_birth_both_files_say_the_figures_are_not_from_such_studies_before_the_numbers(bundle, tmp_path):
    """Review 13 (n13-2): the note the comparison shows on screen, in the files too, under both headings."""
    summary = summary_of(bundle, {**FULL, "pregnancy": "postpartum"}, chosen=["tms", "augmentation"])
    note = summary.comparison.notes[0]
    markdown = summary_to_markdown(summary)
    compared, pictures = markdown.index("## Comparing the options"), markdown.index("## Pictures of 100 people")
    assert compared < markdown.index(note, compared) < markdown.index("### ", compared)
    assert pictures < markdown.index(note, pictures) < markdown.index("### ", pictures)
    text = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    assert text.count(flat(note)) == 2
    assert note not in summary_to_markdown(summary_of(bundle, FULL, chosen=["tms", "augmentation"]))


def test_markdown_and_pdf_carry_the_treatment_path_in_words(bundle, tmp_path):
    from engine.pathway import build_pathway

    summary = summary_of(bundle, FULL)
    sentences = build_pathway(bundle, evaluate(bundle, FULL)).text
    assert summary.path == sentences and sentences
    markdown = summary_to_markdown(summary)
    assert markdown.index("## Your treatment path so far") < markdown.index("## Your answers")
    for sentence in sentences:
        assert f"- {sentence}" in markdown
    # A sentence may run on over a page break: read the pages without the help line at each page's foot.
    pages = re.sub(r"\n\nNeed help now\?.*?\x0c", " ", pdf_text(summary_to_pdf(summary), tmp_path), flags=re.S)
    assert flat(sentences[-1]) in flat(pages)


def test_a_file_never_sends_the_reader_to_the_top_of_this_page(bundle, tmp_path):
    """Sections say "use the crisis lines at the top of this page": true on screen, not on page 12 of a PDF.
    In the files they point to the start of the summary (and the PDF repeats them at the foot of every page)."""
    crowded = {**FULL, "safety_thoughts": "yes", "mood_highs": "yes", "alcohol_drugs": "yes"}
    summary = summary_of(bundle, crowded)
    told = [s.result.referral.urgent_when for s in summary.sections]
    assert sum("at the start of this summary" in text for text in told) >= 3
    markdown = summary_to_markdown(summary)
    pdf = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    for text in (markdown, pdf):
        assert "top of this page" not in text and "top of the page" not in text  # the path's words too
        assert "at the start of this summary" in text
    # The app keeps its own words: the evaluation itself is unchanged.
    assert any("at the top of this page" in s.referral.urgent_when for s in evaluate(bundle, crowded).sections)
    # Every persona too: a caution (the young adults' one) or a reason for a section's place says it as well.
    for persona in bundle.personas.personas:
        markdown = summary_to_markdown(summary_of(bundle, persona.answers))
        assert "top of this page" not in flat(markdown) and "top of the page" not in flat(markdown), persona.id


def test_the_pdf_and_the_markdown_give_their_parts_in_the_same_order(bundle, tmp_path):
    """A clinician handed either file finds the note, what matters, the path, the sections, the comparison,
    the pictures and the answers in the same places."""
    summary = summary_of(bundle, FULL, chosen=comparable_options(bundle, evaluate(bundle, FULL))[:2],
                         notes="Please read this.")
    assert summary.comparison is not None and summary.pictures
    parts = ["If you need help now", "Your notes for your clinician", "Key answers, for your clinician",
             "The sections in this summary", "What matters to you",
             "How sure you feel (SURE)", "Your treatment path so far", "Your information sections",
             "Comparing the options you chose", "Pictures of 100 people", "Your answers"]
    markdown = summary_to_markdown(summary)
    pdf = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    for text in (markdown, pdf):
        where = [text.index(part) for part in parts]
        assert where == sorted(where), [p for p, w in zip(parts, where, strict=True)]


def test_a_demo_personas_files_say_at_the_top_and_in_every_footer_that_the_person_is_fictional(bundle, tmp_path):
    """A printed demo must never pass for a real patient's summary (a crisis persona's says "Yes" to self-harm)."""
    chris = bundle.personas.find("crisis_answer")
    demo = build_summary(bundle, chris.answers, chosen_options=[], notes="", created_on=DAY, demo_persona=chris)
    markdown = summary_to_markdown(demo)
    assert markdown.index("Fictional demo person") < markdown.index("## If you need help now")
    pdf = summary_to_pdf(demo)
    first_page = flat(pdf_text(pdf, tmp_path, 1))
    assert f"Fictional demo person: {flat(chris.name)}" in first_page
    pages = pdf_text(pdf, tmp_path).split("\f")
    assert all("Fictional demo person" in page for page in pages if page.strip())
    real = summary_of(bundle, chris.answers)
    assert "Fictional" not in summary_to_markdown(real) and "Fictional" not in pdf_text(summary_to_pdf(real), tmp_path)


def test_an_edited_demo_persons_files_mark_every_made_up_answer_left(bundle, tmp_path):
    """Review 11 (k11-1): after one hand edit, the persona's other made-up answers (a "Yes" to self-harm among
    them) went into the files as the patient's own, with no label. The label and each made-up answer stay
    marked, and the edited answer is not called made up."""
    chris = bundle.personas.find("crisis_answer")
    edited = {**chris.answers, "age_group": "60_to_64"}
    mixed = build_summary(bundle, edited, chosen_options=[], notes="", created_on=DAY, demo_persona=chris)
    markdown = summary_to_markdown(mixed)
    assert markdown.index("Started from a fictional demo person") < markdown.index("## If you need help now")
    assert "**Thoughts of being better off dead or of self-harm (past two weeks)**: Yes (made up: the demo " \
           "person's answer)" in markdown
    assert "**Age group**: 60 to 64\n" in markdown  # the answer given by hand is not called made up
    assert "Fictional demo person:" not in markdown
    pages = pdf_text(summary_to_pdf(mixed), tmp_path).split("\f")
    assert all("Started from a fictional demo person" in page for page in pages if page.strip())
    assert "(made up: the demo person's answer)" in flat(" ".join(pages))


def test_a_helpers_files_say_who_you_means_and_what_the_helper_can_do_now(bundle, tmp_path):
    """Review 11 (f11-3) and review 12 (s12-3): the files a family member keeps open with who "you" means, and
    the helper's own steps with the region's number sit in the help box; safety comes before the decision
    (s12-15). Someone answering for themselves gets neither."""
    from engine.summary import READER_NOTES, SAFETY_BEFORE_DECISION

    carer = {"safety_thoughts": "yes", "region": "uk", "role": "supporter", "age_group": "25_to_59"}
    summary = summary_of(bundle, carer)
    markdown = summary_to_markdown(summary)
    steps = "Helping someone? If you think they might act on thoughts of suicide"
    assert markdown.index(READER_NOTES["supporter"]) < markdown.index("## If you need help now")
    assert markdown.index("## If you need help now") < markdown.index(steps) < markdown.index("**The decision:**")
    assert "cannot keep themselves safe, call 999 now." in markdown
    assert SAFETY_BEFORE_DECISION in markdown
    pdf = summary_to_pdf(summary)
    first_page = flat(pdf_text(pdf, tmp_path, 1))
    assert first_page.index("means the person you are helping") < first_page.index("If you need help now") \
        < first_page.index(steps)
    # Review 18 (h18-6): the helper can make the home safer too (the steps grew, so the order is read in full).
    assert "help them put time and distance between them and anything they could use" in first_page
    whole = flat(pdf_text(pdf, tmp_path))  # the safety line may now start on page 2 (a page footer inside it)
    assert whole.index(steps) < whole.index(SAFETY_BEFORE_DECISION[:32])
    own = summary_to_markdown(summary_of(bundle, {**carer, "role": "self", "safety_thoughts": "no"}))
    assert steps not in own and "means the person" not in own and SAFETY_BEFORE_DECISION not in own


def test_each_section_in_the_files_gives_its_sources_and_review_date(bundle, tmp_path):
    """The figures reach the clinician with their sources and dates, as on screen."""
    summary = summary_of(bundle, FULL)
    markdown = summary_to_markdown(summary)
    pdf = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    assert markdown.count("\nSources: ") == len(summary.sections) == pdf.count("Last reviewed:")
    for section in summary.sections:
        content = bundle.content[section.result.id].front
        reviewed = f"Last reviewed: {content.reviewed_on.day} {content.reviewed_on:%B %Y}."
        assert escape_text(f"{content.sources[0].cite} ({content.sources[0].year})") in markdown
        assert reviewed in markdown and reviewed in pdf
    assert "STAR\\*D" in markdown and "STAR*D" in pdf  # escaped where Markdown would make it italics


@pytest.mark.parametrize("age", ["under_18", "25_to_59"])
def test_every_page_footer_gives_the_whole_help_line_in_every_region(bundle, tmp_path, age):
    """Review 15 (h15-10): for "Somewhere else" the footer ran off the page, and "in immediate danger" was lost
    on every page. Each region's help line is read back whole from the foot of every page."""
    for region in bundle.regions:
        summary = summary_of(bundle, {"safety_thoughts": "no", "region": region, "age_group": age})
        pages = [flat(page) for page in pdf_text(summary_to_pdf(summary), tmp_path).split("\f") if page.strip()]
        assert all(flat(summary.crisis_help.first_line) in page for page in pages), region


def test_the_pdf_says_several_not_sure_answers_are_fine_where_the_sections_start(bundle, tmp_path):
    """Review 16 (l16-6): the calm line after several "I'm not sure" answers is in the PDF too, after the intro."""
    from engine.summary import UNSURE_NOTE

    unsure = {"safety_thoughts": "no", "antidepressants_tried": "two", "mood_highs": "unsure",
              "other_conditions": ["unsure"], "family_bipolar": "unsure"}
    text = flat(pdf_text(summary_to_pdf(summary_of(bundle, unsure)), tmp_path))
    assert text.index(flat(SECTIONS_INTRO)) < text.index(flat(UNSURE_NOTE))
    assert flat(UNSURE_NOTE) not in flat(pdf_text(summary_to_pdf(summary_of(bundle, FULL)), tmp_path))
