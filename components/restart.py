"""Start again, with a confirmation so nobody loses their answers by one slip."""

from __future__ import annotations

import streamlit as st

from components import state
from engine.bundle import Bundle


def render_restart(bundle: Bundle) -> None:
    if not state.answers():
        return
    if state.restart_pending():
        # Review 15 (u15-4): on a shared device "clear everything" read as "nothing left" (About says so too).
        st.warning("This clears all your answers and your note from this page. Files you downloaded stay on "
                   "this device: delete them if others use it. Are you sure?")
        yes, no = st.columns(2)
        yes.button("Yes, clear my answers", key="restart_yes", on_click=state.confirm_restart, args=(bundle,))
        no.button("Cancel", key="restart_no", on_click=state.cancel_restart)
    else:
        st.button("Start again", key="restart", on_click=state.ask_restart)
