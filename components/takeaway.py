"""Take it away: values and SURE, the notes box, and the downloads (all made in memory)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import streamlit as st

from components import state
from engine.answers import to_saved_progress
from engine.bundle import Bundle
from engine.evaluate import Outcome
from engine.export_markdown import summary_to_markdown
from engine.summary import Summary, build_summary

NOTES_LABEL = "Anything you want your clinician to know"
NOTES_MAX = 2000
VALUES_STEP = "values"


def render_takeaway(bundle: Bundle, answers: dict, chosen: list[str], outcome: Outcome) -> None:
    st.header("Take it to your appointment", anchor=False)
    answers = dict(answers)  # the downloads use the answers as they are now
    summary = build_summary(bundle, answers, chosen_options=chosen, notes=state.notes(), created_on=date.today(),
                            outcome=outcome)
    _values(bundle, summary)
    st.subheader(NOTES_LABEL, anchor=False)
    st.text_area(NOTES_LABEL, key=state.seed_notes(), on_change=state.on_notes_change, max_chars=NOTES_MAX,
                 label_visibility="collapsed",
                 placeholder="For example: what you want to ask, what worries you, what has helped before.")
    st.caption("Your note goes into the PDF and Markdown summary below. It is kept only while this page is "
               "open: it is not saved anywhere, and it is not part of the save-my-progress file.")
    _downloads(bundle, answers, summary)


def _values(bundle: Bundle, summary: Summary) -> None:
    st.subheader("What matters to you", anchor=False)
    if summary.priorities:
        st.markdown("**What matters most in a treatment:** " + "; ".join(summary.priorities))
    if summary.sure.answered:
        st.markdown(f"**How sure you feel (SURE check):** {summary.sure.score} of {summary.sure.out_of} "
                    "answered yes.")
        st.markdown("\n".join(f"- {row.question}: {row.answer}" for row in summary.sure.answers))
        if summary.sure.any_no:
            st.caption(summary.sure.note)
    if not summary.priorities and not summary.sure.answered:
        st.write("You skipped the optional questions about what matters most to you and how sure you feel.")
    if any(step.id == VALUES_STEP for step in bundle.steps):
        st.button("Add or change these answers", key="edit_values", on_click=state.edit_step, args=(VALUES_STEP,))
    st.caption("These answers go into your summary, so your clinician can see what matters to you.")


def _downloads(bundle: Bundle, answers: dict, summary: Summary) -> None:
    st.subheader("Download your summary", anchor=False)
    stamp = summary.created_on.isoformat()
    first, second = st.columns(2)
    first.download_button("Summary as PDF", data=_lazy(lambda: _pdf(summary)),
                          file_name=f"trd-navigator-summary-{stamp}.pdf", mime="application/pdf",
                          key="download_pdf", on_click="ignore", icon=":material/picture_as_pdf:",
                          width="stretch")
    second.download_button("Summary as Markdown (text)", data=summary_to_markdown(summary),
                           file_name=f"trd-navigator-summary-{stamp}.md", mime="text/markdown",
                           key="download_markdown", on_click="ignore", icon=":material/description:",
                           width="stretch")
    st.subheader("Save your progress", anchor=False)
    st.download_button("Save my progress (JSON)", data=to_saved_progress(answers, bundle.content_version),
                       file_name=f"trd-navigator-progress-{stamp}.json", mime="application/json",
                       key="download_progress", on_click="ignore", icon=":material/save:")
    st.caption("This file holds your answers only, not your note. To carry on later, open TRD Navigator and use "
               "\"Continue from a saved file\" on the first screen or on the check-your-answers page. "
               "Keep the file somewhere private: it holds your answers.")
    with st.expander("For health record systems (FHIR)"):
        st.write("Two files in the FHIR standard that some health record systems can read: the questionnaire, "
                 "and your answers to it. Only the answers that count are included.")
        left, right = st.columns(2)
        left.download_button("FHIR QuestionnaireResponse (your answers)",
                             data=_lazy(lambda: _fhir_response(bundle, answers)),
                             file_name=f"trd-navigator-response-{stamp}.fhir.json", mime="application/fhir+json",
                             key="download_fhir_response", on_click="ignore", width="stretch")
        right.download_button("FHIR Questionnaire (the questions)",
                              data=_lazy(lambda: _fhir_questionnaire(bundle)),
                              file_name="trd-navigator-questionnaire.fhir.json", mime="application/fhir+json",
                              key="download_fhir_questionnaire", on_click="ignore", width="stretch")


def _lazy(make: Callable[[], bytes | str]) -> Callable[[], bytes | str]:
    """Slow files are made only when the person clicks: in memory, from what this page shows now."""
    return make


# fpdf2 and fhir.resources are imported only when a download is asked for: together they
# add about 50 MB and most of a second to a process that never needs them otherwise.
def _pdf(summary: Summary) -> bytes:
    from engine.export_pdf import summary_to_pdf

    return summary_to_pdf(summary)


def _fhir_response(bundle: Bundle, answers: dict) -> str:
    from engine.export_fhir import response_to_fhir, to_json

    return to_json(response_to_fhir(bundle, answers, datetime.now(UTC)))


def _fhir_questionnaire(bundle: Bundle) -> str:
    from engine.export_fhir import questionnaire_to_fhir, to_json

    return to_json(questionnaire_to_fhir(bundle))
