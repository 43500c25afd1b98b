"""The review page: every counted answer, with Edit links back to its step."""

from __future__ import annotations

import streamlit as st

from components import state
from components.questionnaire import nav_buttons
from components.resume import render_resume, render_upload_message
from components.takeaway import render_save_progress
from engine.bundle import Bundle
from engine.evaluate import describe_answer

HEADING = "Check your answers"
NEEDED = "**Not answered yet: needed for your results**"


def render_review(bundle: Bundle) -> str:
    path = state.path()
    counted = path.effective
    here = state.here()
    st.progress(1.0, text="Last step: check your answers")
    st.title(HEADING, anchor=False)
    st.write("You can change any answer before you see your results.")
    loaded = state.upload_message("review")
    if loaded and loaded["ok"]:
        render_upload_message(loaded)
    for step in path.steps:
        with st.container(border=True, key=f"land_{step.id}"):  # "Return to review" opens here (browser.land)
            st.header(step.title, anchor=False)
            lines = []
            for qid in path.questions_of(step):
                question = bundle.question_by_id[qid]
                if qid in counted:
                    shown = describe_answer(bundle, qid, counted[qid])
                else:
                    shown = NEEDED if question.required else "*Not answered*"
                lines.append(f"- **{question.short}:** {shown}")
            st.markdown("\n".join(lines))
            st.button(f"Edit: {step.title}", key=f"edit_{step.id}", on_click=state.edit_step, args=(step.id, here))
    nav_buttons(bundle, "review", "See my results", "nav_results", state.show_results, (bundle, here))
    render_save_progress(bundle, state.answers(), key="save_progress_review")
    render_resume(bundle, "review")
    return HEADING
