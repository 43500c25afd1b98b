"""Continue from a saved-progress file: upload, checked once per upload, with a plain message.

Every new upload attempt clears the message about the last one. An upload the app checks
replaces it (state.upload_done). A file the browser itself refuses (another type, or over
Streamlit's own size cap) never reaches the app, so no run follows and only the page can
clear it: `HIDE_STALE` hides every upload message while the uploader lists a file. The
uploader is drawn empty again after every upload the app has checked (its key changes), so a
listed file is always a new attempt: one being sent, or one the browser refused with its own
red note.
"""

from __future__ import annotations

import streamlit as st

from components import state
from components.frame import note
from components.upload import LIMIT_KB, LOADED_PART, answer_count, apply_upload
from engine.answers import MAX_ANSWER_BYTES, named_demo_persona
from engine.bundle import Bundle
from engine.flow import first_unfinished_step

# One limit, said once: Streamlit's drop zone would say "1MB" (its smallest setting); frame.STYLES hides that.
LABEL = f"Your saved-progress file (.json, up to {LIMIT_KB} KB)"
MESSAGE_KEY = "resume_message"  # + "_ok" or "_refused": the container of an upload message
# Static CSS (no file's text reaches it). The uploader's key starts with "upload__" (state.uploader_key);
# a file listed in it is a new attempt, so the message about the last one goes at once.
# A file the browser refuses shows only a red mark, its reason in a tooltip a phone never shows: while
# one is listed, the page shows REFUSED_BY_BROWSER under the uploader (kept hidden until then).
REFUSED_BY_BROWSER = f"That file was not loaded. A saved-progress file is a .json file of at most {LIMIT_KB} KB."
REFUSED_KEY = "upload_refused_by_browser"
HIDE_STALE = """<style>
[data-testid="stMain"]:has([class*="st-key-upload__"] [data-testid="stFileChip"]) [class*="st-key-MESSAGE_KEY"] {
  display: none !important; }
.st-key-REFUSED_KEY, [data-testid="stLayoutWrapper"]:has(> .st-key-REFUSED_KEY) { display: none !important; }
[data-testid="stExpanderDetails"]:has([data-testid="stFileChipIconError"]) .st-key-REFUSED_KEY,
[data-testid="stExpanderDetails"]:has([data-testid="stFileChipIconError"])
  [data-testid="stLayoutWrapper"]:has(> .st-key-REFUSED_KEY) { display: flex !important; }
</style>""".replace("MESSAGE_KEY", MESSAGE_KEY).replace("REFUSED_KEY", REFUSED_KEY)


def render_resume(bundle: Bundle, where: str) -> None:
    message = state.upload_message(where)
    refused = message is not None and not message["ok"]
    st.html(HIDE_STALE)  # only a style: Streamlit puts it where it takes no room
    with st.expander("Continue from a saved file", expanded=refused):
        # Why a file was refused comes first, where the uploader was: below it, on a phone, the message ended
        # under the screen's bottom edge (review 19, v19-2).
        if refused:
            render_upload_message(message)
        st.write("If you saved your progress before, upload that file to get your answers back. "
                 "It replaces the answers in this session and clears your note.")
        st.file_uploader(LABEL, type=["json"], key=state.uploader_key(where), on_change=on_upload,
                         args=(bundle, where), max_upload_size=1)
        with st.container(key=REFUSED_KEY):
            st.warning(REFUSED_BY_BROWSER, icon=":material/error:")


def on_upload(bundle: Bundle, where: str) -> None:
    """Runs once per upload (on_change), never on later reruns."""
    uploaded = state.uploaded_file(where)
    if uploaded is None:
        return
    # Read at most one byte past the cap: apply_upload refuses a longer file before decoding or parsing it.
    data = uploaded.read(MAX_ANSWER_BYTES + 1)
    new_answers, lines = apply_upload(data, bundle.question_by_id)
    if new_answers is not None and first_unfinished_step(bundle, new_answers) is not None:
        lines = [LOADED_PART.format(count=answer_count(len(new_answers))), *lines[1:]]  # it opens where they stopped
    state.upload_done(bundle, where, new_answers, lines, named_demo_persona(data) if new_answers is not None else None)


def render_upload_message(message: dict) -> None:
    """The first line is ours; anything after a refusal may quote the file, so it is shown as plain text. After an
    accepted file, the lines after the first are ours too (which answers to check: review 18, s18-1)."""
    lines = message["lines"]
    with st.container(key=f"{MESSAGE_KEY}_{'ok' if message['ok'] else 'refused'}"):
        if message["ok"]:
            st.success(lines[0], icon=":material/check_circle:")
            for i, line in enumerate(lines[1:]):
                note(line, tone="warning", key=f"{MESSAGE_KEY}_check_{i}", icon=":material/warning:")
            return
        st.error(lines[0], icon=":material/error:")
        if len(lines) > 1:
            st.code("\n".join(lines[1:]), language=None, wrap_lines=True)
