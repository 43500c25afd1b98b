"""Take it away: values and SURE, the notes box, and the downloads (all made in memory)."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import streamlit as st

from components import state
from engine.answers import to_saved_progress
from engine.bundle import Bundle
from engine.export_markdown import summary_to_markdown
from engine.flow import person_path
from engine.models import Persona
from engine.summary import Summary, SureCheck, build_summary, priorities_in_words, sure_check

NOTES_LABEL = "Anything you want your clinician to know"
# A note typed just before a download reaches the server as the box loses focus, at the press of the
# button; the click that asks for the file comes at its release. The file is made after this wait, so
# the note's own rerun has stored it first (tests/browser/test_download_pdf.py clicks at once, 3 times).
NOTE_SETTLE_SECONDS = 0.3
ANCHOR = "take-it-to-your-appointment"  # the results page links down to it (results.NEXT_STEPS)


# Review a16 (a16-6): the PDF has no tags (no headings or table a screen reader can move through); the text file
# has the same content and reads well with one. Its button says so, where a screen-reader user chooses.
MARKDOWN_LABEL = "Summary as a text file (Markdown), easiest with a screen reader"


def render_takeaway(bundle: Bundle, answers: dict, chosen: list[str]) -> None:
    st.header("Take it to your appointment", anchor=ANCHOR)
    answers = dict(answers)  # the downloads use the answers as they are now
    counted = state.path().effective
    _values(bundle, priorities_in_words(bundle, counted), sure_check(bundle, counted))
    st.subheader(NOTES_LABEL, anchor=False)
    st.text_area(NOTES_LABEL, **state.notes_widget(), max_chars=2000, label_visibility="collapsed",
                 placeholder="For example: what you want to ask, what worries you, what has helped before.")
    st.caption("Your note goes into the PDF and Markdown summary below. It is kept only while this page is "
               "open: it is not saved anywhere, and it is not part of the save-my-progress file.")
    read_notes, chosen, start, made_up = state.live_notes(), list(chosen), state.demo_start(bundle), state.demo(bundle)
    _downloads(bundle, answers, lambda: _settled(bundle, answers, chosen, read_notes, start), made_up is not None)


def _settled(bundle: Bundle, answers: dict, chosen: list[str], read_notes: Callable[[], str],
             demo: Persona | None) -> Summary:
    """The summary with the note as it is now, made when a download is clicked (outside any run).

    Made here, not kept from the render: each session keeps only the answers and the choices for its
    downloads, not a whole summary it may never ask for.
    """
    time.sleep(NOTE_SETTLE_SECONDS)
    return build_summary(bundle, answers, chosen_options=chosen, notes=read_notes(), created_on=date.today(),
                         demo_persona=demo)


def _values(bundle: Bundle, priorities: tuple[str, ...], sure: SureCheck) -> None:
    with st.container(key=f"land_{bundle.values.step}"):  # "Return to my results" opens here (browser.land)
        st.subheader("What matters most, and how ready you feel", anchor=False)
        if priorities:
            st.markdown("**What matters most in a treatment:** " + "; ".join(priorities))
        if sure.answered:
            st.markdown(f"**How sure you feel (SURE check):** {sure.score_line}")
            st.markdown("\n".join(f"- {row.question}: {row.answer}" for row in sure.answers))
            if sure.any_no:
                st.caption(sure.note)
        if not priorities and not sure.answered:
            st.write("You skipped the optional questions about what matters most to you and how sure you feel.")
        st.button("Add or change these answers", key="edit_values", on_click=state.edit_step,
                  args=(bundle.values.step, state.here(), "results"))
        st.caption("These answers go into your summary, so your clinician can see what matters to you.")


def _downloads(bundle: Bundle, answers: dict, summary: Callable[[], Summary], demo: bool) -> None:
    """`summary` is called when a download is clicked, so the note is the one just typed (it may arrive
    in the same moment as the click: a text box sends its value only when it loses focus)."""
    st.subheader("Download your summary", anchor=False)
    st.caption(SUMMARY_PRIVATE)
    stamp = date.today().isoformat()
    first, second = st.columns(2)
    _download(first, "Summary as PDF", lambda: _pdf(summary()), f"trd-navigator-summary-{stamp}.pdf",
              "application/pdf", "download_pdf", icon=":material/picture_as_pdf:")
    _download(second, MARKDOWN_LABEL, lambda: _markdown(summary()),
              f"trd-navigator-summary-{stamp}.md", "text/markdown", "download_markdown", icon=":material/description:")
    st.subheader("Save your progress", anchor=False)
    render_save_progress(bundle, answers, key="download_progress", on_results=True)
    with st.expander("For health record systems (FHIR)"):
        st.write("Two files in the FHIR standard that some health record systems can read: the questionnaire, "
                 "and your answers to it. Only the answers that count are included.")
        left, right = st.columns(2)
        _download(left, "FHIR QuestionnaireResponse (your answers)", lambda: _fhir_response(bundle, answers, demo),
                  f"trd-navigator-response-{stamp}.fhir.json", "application/fhir+json", "download_fhir_response")
        _download(right, "FHIR Questionnaire (the questions)", lambda: _fhir_questionnaire(bundle),
                  "trd-navigator-questionnaire.fhir.json", "application/fhir+json", "download_fhir_questionnaire")


# Review 12 (s12-10): the summary's first key answer is the safety answer; the person decides who reads it.
# Review 15 (u15-3): which file is for whom; the saved-answers file is not for reading.
SUMMARY_PRIVATE = ("The summary (a PDF or a text file) is for you and your clinician. The file under \"Save your "
                   "progress\" is only for carrying on in this tool later. Your summary includes your answer about "
                   "your safety. Keep it somewhere private, and share it with the people you choose.")
# Under the save button on a step and the review: a reload starts again (answers live only in the session).
KEPT_WHILE_OPEN = ("Your answers are kept only while this page is open. If you reload or close it, or it is "
                   "left without a connection for more than 2 minutes, they are gone. To take a break, save your "
                   "progress first.")
CARRY_ON = ("This file holds your answers only, not your note. To carry on later, open TRD Navigator and use "
            "\"Continue from a saved file\" on the first screen or on the check-your-answers page. Keep the file "
            "somewhere private: it holds your answers. For your clinician, use the PDF or Markdown summary.")


def render_save_progress(bundle: Bundle, answers: dict, *, key: str = "save_progress_step",
                         on_results: bool = False) -> None:
    """"Save my answers to carry on later": on every step, the review and the results, once there is anything to save.

    A step and the review say what a reload does; the results say what the file holds."""
    if not answers:
        return
    answers, demo = dict(answers), state.demo(bundle)
    demo_id = demo.persona_id if demo else None
    _download(st, "Save my answers to carry on later", lambda: saved_progress(bundle, answers, demo_id),
              f"trd-navigator-progress-{date.today().isoformat()}.json", "application/json", key,
              icon=":material/save:", width="content")
    st.caption(CARRY_ON if on_results else KEPT_WHILE_OPEN)


def _download(where: Any, label: str, make: Callable[[], bytes | str], file_name: str, mime: str, key: str, *,
              icon: str | None = None, width: str = "stretch") -> None:
    """Every file is made only when the person clicks (`make` is a callable: Streamlit serves ready bytes at
    /media/<hash of the content> on every render, with no session check), in memory, and each carries a
    random export id, so its address cannot be worked out from what it holds."""
    where.download_button(label, data=make, file_name=file_name, mime=mime, key=key, on_click="ignore", icon=icon,
                          width=width)


def export_id() -> str:
    return secrets.token_hex(16)


def saved_progress(bundle: Bundle, answers: dict, demo_id: str | None = None) -> str:
    """The answers that count, not one the person can no longer see (an earlier pregnancy answer after the age
    was changed to 65 or over): the file leaves the device, and holds no more than the person would expect
    (review s9-5). `demo_id`: the demo person some of the answers still come from, so the mix is labelled
    again when the file is loaded (k11-1)."""
    return to_saved_progress(person_path(bundle, answers).effective, bundle.content_version, export_id=export_id(),
                             saved_on=date.today(), demo_persona=demo_id)


def _markdown(summary: Summary) -> str:
    return summary_to_markdown(summary).rstrip("\n") + f"\n\n<!-- export id: {export_id()} -->\n"


# fpdf2 and fhir.resources are imported only when a download is asked for: together they
# add about 50 MB and most of a second to a process that never needs them otherwise.
def _pdf(summary: Summary) -> bytes:
    from engine.export_pdf import summary_to_pdf

    # A PDF comment after the end marker: readers skip it, and it makes every file's bytes unique.
    return summary_to_pdf(summary) + f"\n%export-id {export_id()}\n".encode()


def _fhir_response(bundle: Bundle, answers: dict, demo: bool = False) -> str:
    from engine.export_fhir import response_to_fhir

    response = response_to_fhir(bundle, answers, datetime.now(UTC), test_data=demo)
    response["id"] = export_id()  # a resource id is part of FHIR; random, so the file's address is too
    return json.dumps(response, indent=2, ensure_ascii=False)


def _fhir_questionnaire(bundle: Bundle) -> str:
    from engine.export_fhir import questionnaire_to_fhir

    return json.dumps(questionnaire_to_fhir(bundle), indent=2, ensure_ascii=False)
