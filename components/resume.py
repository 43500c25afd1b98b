"""Continue from a saved-progress file: upload, checked once per upload, with a plain message."""

from __future__ import annotations

import streamlit as st

from components import state
from components.upload import LIMIT_KB, TOO_BIG, apply_upload
from engine.answers import MAX_ANSWER_BYTES
from engine.bundle import Bundle

# One limit, said once: Streamlit's drop zone would say "1MB" (its smallest setting); frame.STYLES hides that.
LABEL = f"Your saved-progress file (.json, up to {LIMIT_KB} KB)"


def render_resume(bundle: Bundle, where: str, *, expanded: bool = False) -> None:
    message = state.upload_message(where)
    refused = message is not None and not message["ok"]
    with st.expander("Continue from a saved file", expanded=expanded or refused):
        st.write("If you saved your progress before, upload that file to get your answers back. "
                 "It replaces the answers in this session and clears your note.")
        st.file_uploader(LABEL, type=["json"], key=state.uploader_key(where), on_change=on_upload,
                         args=(bundle, where), max_upload_size=1)
        if refused:
            render_upload_message(message)


def on_upload(bundle: Bundle, where: str) -> None:
    """Runs once per upload (on_change), never on later reruns."""
    uploaded = state.uploaded_file(where)
    if uploaded is None:
        return
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_ANSWER_BYTES:
        new_answers, lines = None, [TOO_BIG]  # rejected before anything is read or parsed
    else:
        # Read at most one byte past the cap, so a file of unknown size is never read whole.
        new_answers, lines = apply_upload(uploaded.read(MAX_ANSWER_BYTES + 1), bundle.question_by_id)
    state.upload_done(bundle, where, new_answers, lines)


def render_upload_message(message: dict) -> None:
    """The first line is ours; anything after it may quote the file, so it is shown as plain text."""
    lines = message["lines"]
    if message["ok"]:
        st.success(lines[0], icon=":material/check_circle:")
        return
    st.error(lines[0], icon=":material/error:")
    if len(lines) > 1:
        st.code("\n".join(lines[1:]), language=None, wrap_lines=True)
