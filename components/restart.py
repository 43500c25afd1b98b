"""Start again, with a confirmation so nobody loses their answers by one slip."""

from __future__ import annotations

import streamlit as st

from components import state
from engine.bundle import Bundle


def render_restart(bundle: Bundle) -> None:
    if not state.answers():
        return
    if state.restart_pending():
        st.warning("This clears all your answers and your note. Are you sure?")
        yes, no = st.columns(2)
        yes.button("Yes, clear my answers", key="restart_yes", on_click=state.confirm_restart, args=(bundle,))
        no.button("Cancel", key="restart_no", on_click=state.cancel_restart)
    else:
        st.button("Start again", key="restart", on_click=state.ask_restart)
