"""The review page: every counted answer, with Edit links back to its step."""

from __future__ import annotations

import streamlit as st

from components import state
from components.resume import render_resume, render_upload_message
from engine.bundle import Bundle
from engine.evaluate import describe_answer


def render_review(bundle: Bundle) -> None:
    path = state.path(bundle)
    counted = path.effective
    st.progress(1.0, text="Last step: check your answers")
    st.title("Check your answers")
    st.write("You can change any answer before you see your results.")
    loaded = state.upload_message("review")
    if loaded and loaded["ok"]:
        render_upload_message(loaded)
    for step in path.steps:
        with st.container(border=True):
            st.header(step.title, anchor=False)
            lines = []
            for qid in path.questions_of(step):
                question = bundle.question_by_id[qid]
                shown = describe_answer(bundle, qid, counted[qid]) if qid in counted else "*Not answered*"
                lines.append(f"- **{question.short}:** {shown}")
            st.markdown("\n".join(lines))
            st.button(f"Edit: {step.title}", key=f"edit_{step.id}", on_click=state.edit_step, args=(step.id,))
    back, forward = st.columns(2)
    back.button("Back", key="nav_back", on_click=state.go_back, args=(bundle,), width="stretch")
    forward.button("See my results", key="nav_results", on_click=state.show_results, type="primary",
                   width="stretch")
    render_resume(bundle, "review")
