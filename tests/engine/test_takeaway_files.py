"""The take-away PDF and Markdown: cautions inside their section, an empty answer list said in words,
and the shading note only when a row is shaded."""

from __future__ import annotations

from engine.export_markdown import summary_to_markdown
from engine.export_pdf import summary_to_pdf
from tests.engine.test_exports import flat, pdf_text
from tests.engine.test_summary import FULL, summary_of

OLDER = {"safety_thoughts": "no", "region": "au", "age_group": "60_to_64", "pregnancy": "not_applicable",
         "antidepressants_tried": "two", "response_pattern": "no_benefit", "mood_highs": "no"}
SHADING = "Shaded rows are about something you said worries you."


def test_a_caution_is_shown_in_its_section_in_both_files(bundle, tmp_path):
    summary = summary_of(bundle, OLDER)
    section = next(s.result for s in summary.sections if s.result.cautions)
    caution = section.cautions[0]
    markdown = summary_to_markdown(summary)
    assert f"> **Caution: {caution.label}.** {caution.text}" in markdown
    assert markdown.index(f"#### {section.title}") < markdown.index(f"Caution: {caution.label}")
    text = flat(pdf_text(summary_to_pdf(summary), tmp_path))
    assert f"Caution: {flat(caution.label)}." in text


def test_no_answers_is_said_in_words_and_a_tab_is_spaces(bundle, tmp_path):
    pdf = summary_to_pdf(summary_of(bundle, {}, notes="first\tsecond"))
    text = pdf_text(pdf, tmp_path)
    assert "No answers were given." in text
    assert "first    second" in text or "first second" in flat(text)
    assert "\t" not in text


def test_the_shading_note_only_when_a_row_is_shaded(bundle, tmp_path):
    chosen = ["tms", "ect"]
    calm = {k: v for k, v in FULL.items() if k != "concerns"}
    plain = summary_of(bundle, calm, chosen=chosen)
    worried = summary_of(bundle, {**calm, "concerns": ["memory"]}, chosen=chosen)
    assert not any(row.highlighted for row in plain.comparison.rows)
    assert any(row.highlighted for row in worried.comparison.rows)
    plain_pdf, worried_pdf = summary_to_pdf(plain), summary_to_pdf(worried)
    assert SHADING not in flat(pdf_text(plain_pdf, tmp_path))
    assert SHADING in flat(pdf_text(worried_pdf, tmp_path))
