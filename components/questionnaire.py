"""One questionnaire step: progress, the visible questions, Next and Back, and saving progress."""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st

from components import state
from components.frame import HELP_ANCHOR, dial
from components.resume import render_resume, render_upload_message
from components.takeaway import render_save_progress
from engine.bundle import Bundle
from engine.checks import REGION_QUESTION
from engine.evaluate import urgent_notes
from engine.flow import asked
from engine.models import Question
from engine.summary import reader_note

RETURN_LABELS = {"review": "Return to review", "results": "Return to my results"}
FULL = "You have chosen {n}, the most for this question. To choose another, untick one first."
# On the first screen only, under its heading (review 10, c10-1): what this is and how long, before the question.
# Review 15 (u15-1): on a phone the banner that just changed is a screen above the region answer.
LINES_ARE_UP = "Your help lines are now [at the top of this page](#{anchor})."
# Review a16 (a16-3): the banner is not a live region, so this line says, politely (role=status), that the lines
# changed. Its words stay the same from country to country: said once, not again on each arrow key.
LINES_ARE_UP_HTML = '<p role="status">' + re.sub(r"\[(.+?)\]\((.+?)\)", r'<a href="\2">\1</a>', LINES_ARE_UP) + "</p>"
ORIENTATION = ("**TRD Navigator** gives information about treatment choices when depression has not got better "
               "with medicine. It does not diagnose. There are {total} pages, and most are short. Only a few "
               "questions must be answered: the others say \"optional\", and you can skip them.")


def render_step(bundle: Bundle) -> str:
    """Draw the current step; returns its heading (browser.land focuses it after a screen change)."""
    path = state.path()
    step = bundle.step(state.current_step())
    position, total = path.progress(step.id)
    st.progress(position / total, text=f"Step {position} of {total}")
    st.title(step.title, anchor=False)
    is_first = path.neighbour(bundle, step.id, -1) is None
    if is_first:
        st.markdown(ORIENTATION.format(total=total))
    loaded = state.upload_message("step")  # a file saved half-way opens here
    if loaded and loaded["ok"]:
        render_upload_message(loaded)
    if step.intro:
        st.write(step.intro)
    said = reader_note(path.effective)  # review 18 (h18-12): once a helper says so, every step says who "you" is
    if said:
        st.caption(said)
    for qid in path.questions_of(step):
        _render_question(bundle.question_by_id[qid])
        # An answer that calls for help sooner than the results says so at once, with the region's number.
        # Its number is a link to tap, named by what a tap does ("call 999"), as everywhere else (a16-4).
        for note in urgent_notes(bundle, qid, path.effective):
            st.error(dial(note), icon=":material/emergency:")
        if qid == REGION_QUESTION and state.answers().get(qid) in bundle.regions:
            with st.container(key="lines_are_up"):  # frame.STYLES draws it as a caption
                st.html(LINES_ARE_UP_HTML.format(anchor=HELP_ANCHOR))
    is_last = path.neighbour(bundle, step.id, +1) is None
    # Editing from the review or the results: one way on, back there (a second "Back" to the step before
    # confused). The first step has nowhere to go back to: no greyed button that does nothing.
    returning = state.returns_to()
    next_label = RETURN_LABELS[returning] if returning else ("Review my answers" if is_last else "Next")
    nav_buttons(bundle, step.id, next_label, f"nav_next__{step.id}", state.go_next, (bundle, state.here()),
                show_back=not (returning or is_first))
    if is_first:
        render_resume(bundle, "start")
    render_save_progress(bundle, state.answers())
    return step.title


def nav_buttons(bundle: Bundle, where: str, label: str, key: str, on_click: Callable[..., None], args: tuple, *,
                show_back: bool = True) -> None:
    """Forward first in reading order (a phone stacks it on top); frame.STYLES draws Back on the left when wide.

    `where` names the screen in the Back button's key.
    """
    with st.container(key="nav_buttons"):
        forward, back = st.columns(2)
        forward.button(label, key=key, on_click=on_click, args=args, type="primary", width="stretch")
        if show_back:
            back.button("Back", key=f"nav_back__{where}", on_click=state.go_back, args=(bundle, state.here()),
                        width="stretch")


def _label(question: Question) -> str:
    return asked(question, state.answers()).strip() + ("" if question.required else " (optional)")


def _render_question(question: Question) -> None:
    if question.type == "single":
        st.radio(
            _label(question),
            options=question.codes_to_show(state.answers().get(question.id)),
            index=None,
            format_func=question.label_for,
            **state.single_widget(question.id),
        )
    else:
        chosen = state.answers().get(question.id) or []
        # At the most a question allows, the other boxes wait until one is unticked (no fourth tick to undo later).
        full = question.max_choices is not None and len(chosen) >= question.max_choices
        with st.container(key=f"group_{question.id}"):
            st.markdown(f"**{_label(question)}**")
            for code in question.codes_to_show(chosen):  # as a single choice: an older file's retired tick stays
                st.checkbox(question.label_for(code), disabled=full and code not in chosen,
                            **state.multi_widget(question, code))
        if full:
            st.caption(FULL.format(n=question.max_choices))
    # A refused Next says what is missing right under the question it names.
    for message in state.nav_errors(question.id):
        st.error(message, icon=":material/error:")
    if question.help:
        st.caption(question.help.strip())
