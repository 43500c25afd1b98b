"""One questionnaire step: progress, the visible questions, Back and Next."""

from __future__ import annotations

import streamlit as st

from components import state
from components.resume import render_resume
from engine.bundle import Bundle
from engine.models import Question


def render_step(bundle: Bundle) -> None:
    path = state.path(bundle)
    step = bundle.step(state.current_step())
    position, total = path.progress(step.id)
    st.progress(position / total, text=f"Step {position} of {total}")
    st.title(step.title)
    if step.intro:
        st.write(step.intro)
    for qid in path.questions_of(step):
        _render_question(bundle.question_by_id[qid])
    for message in state.nav_errors():
        st.error(message, icon=":material/error:")
    is_first = path.neighbour(bundle, step.id, -1) is None
    is_last = path.neighbour(bundle, step.id, +1) is None
    next_label = "Back to review" if state.from_review() else ("Review my answers" if is_last else "Next")
    back, forward = st.columns(2)
    back.button("Back", key="nav_back", on_click=state.go_back, args=(bundle,), disabled=is_first,
                width="stretch")
    forward.button(next_label, key="nav_next", on_click=state.go_next, args=(bundle,), type="primary",
                   width="stretch")
    if is_first:
        render_resume(bundle, "start")


def _label(question: Question) -> str:
    return question.label.strip() + ("" if question.required else " (optional)")


def _render_question(question: Question) -> None:
    if question.type == "single":
        key = state.seed_single(question.id)
        # A retired code (from an older saved file) stays visible only to the person who chose it.
        kept = state.answers().get(question.id)
        st.radio(
            _label(question),
            options=[o.code for o in question.options if not o.retired or o.code == kept],
            index=None,
            format_func=question.label_for,
            key=key,
            on_change=state.on_single_change,
            args=(question.id,),
        )
    else:
        with st.container(key=f"group_{question.id}"):
            st.markdown(f"**{_label(question)}**")
            for option in question.offered:
                key = state.seed_multi(question.id, option.code)
                st.checkbox(option.label, key=key, on_change=state.on_multi_change,
                            args=(question.id, option.code, question.codes, question.exclusive))
    if question.help:
        st.caption(question.help.strip())
