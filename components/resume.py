"""Continue from a saved-progress file: upload, checked once per upload, with a plain message."""

from __future__ import annotations

import streamlit as st

from components import state
from engine.answers import MAX_ANSWER_BYTES
from engine.bundle import Bundle


def render_resume(bundle: Bundle, where: str, *, expanded: bool = False) -> None:
    message = state.upload_message(where)
    with st.expander("Continue from a saved file", expanded=expanded or bool(message and not message["ok"])):
        st.write("If you saved your progress before, upload that file to get your answers back. "
                 "It replaces any answers you have given in this session.")
        st.file_uploader(f"Your saved-progress file (.json, up to {MAX_ANSWER_BYTES // 1024} KB)", type=["json"],
                         key=state.uploader_key(where), on_change=state.on_upload, args=(bundle, where))
        if message and not message["ok"]:
            render_upload_message(message)


def render_upload_message(message: dict) -> None:
    """The first line is ours; anything after it may quote the file, so it is shown as plain text."""
    lines = message["lines"]
    if message["ok"]:
        st.success(lines[0], icon=":material/check_circle:")
        return
    st.error(lines[0], icon=":material/error:")
    if len(lines) > 1:
        st.code("\n".join(lines[1:]), language=None, wrap_lines=True)
