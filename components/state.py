"""The one module that touches st.session_state.

The canonical answer store is separate from widget keys: Streamlit deletes a
keyed widget's value when the widget is not rendered in a run, so answers kept
only in widget keys are lost on Back/Next. Widgets are seeded from the store
just before they render and write back through `on_change` callbacks; all
navigation runs in `on_click` callbacks.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from engine.bundle import Bundle
from engine.flow import current_or_next_visible, neighbour_step, step_problems

ANSWERS = "answers"
STEP = "step"
VIEW = "view"  # "step" | "review" | "results"
NAV_ERRORS = "nav_errors"
CONFIRM_RESTART = "confirm_restart"
FROM_REVIEW = "from_review"
UPLOAD_MESSAGE = "upload_message"
WIDGET_PREFIX = "w__"


def init(bundle: Bundle) -> None:
    st.session_state.setdefault(ANSWERS, {})
    st.session_state.setdefault(STEP, bundle.steps[0].id)
    st.session_state.setdefault(VIEW, "step")
    st.session_state.setdefault(NAV_ERRORS, [])
    st.session_state.setdefault(CONFIRM_RESTART, False)
    st.session_state.setdefault(FROM_REVIEW, False)
    # A step can become hidden after an edit elsewhere: land on the nearest visible one.
    st.session_state[STEP] = current_or_next_visible(bundle, st.session_state[STEP], answers())


def answers() -> dict[str, Any]:
    return st.session_state[ANSWERS]


def current_step() -> str:
    return st.session_state[STEP]


def view() -> str:
    return st.session_state[VIEW]


def nav_errors() -> list[str]:
    return list(st.session_state.get(NAV_ERRORS, []))


def restart_pending() -> bool:
    return bool(st.session_state.get(CONFIRM_RESTART))


def from_review() -> bool:
    return bool(st.session_state.get(FROM_REVIEW))


# --- widgets -----------------------------------------------------------------

def widget_key(qid: str, code: str | None = None) -> str:
    return f"{WIDGET_PREFIX}{qid}" if code is None else f"{WIDGET_PREFIX}{qid}__{code}"


def seed_single(qid: str) -> str:
    key = widget_key(qid)
    st.session_state[key] = answers().get(qid)
    return key


def seed_multi(qid: str, code: str) -> str:
    key = widget_key(qid, code)
    st.session_state[key] = code in (answers().get(qid) or [])
    return key


def on_single_change(qid: str) -> None:
    value = st.session_state.get(widget_key(qid))
    _store(qid, value)


def on_multi_change(qid: str, code: str, codes: tuple[str, ...], exclusive: tuple[str, ...]) -> None:
    chosen = set(answers().get(qid) or [])
    if st.session_state.get(widget_key(qid, code)):
        # Choosing "None of these" clears the rest, and choosing anything else clears it.
        chosen = {code} if code in exclusive else (chosen - set(exclusive)) | {code}
    else:
        chosen.discard(code)
    _store(qid, [c for c in codes if c in chosen])


def _store(qid: str, value: Any) -> None:
    if value is None or value == []:
        answers().pop(qid, None)
    else:
        answers()[qid] = value
    st.session_state[NAV_ERRORS] = []


def replace_answers(new_answers: dict[str, Any]) -> None:
    """Swap in a validated answer set (a persona or an uploaded file) and clear widget state."""
    _clear_widgets()
    st.session_state[ANSWERS] = dict(new_answers)
    st.session_state[NAV_ERRORS] = []


def _clear_widgets() -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


# --- navigation callbacks ------------------------------------------------------

def go_next(bundle: Bundle) -> None:
    problems = step_problems(bundle, current_step(), answers())
    if problems:
        st.session_state[NAV_ERRORS] = [p.message for p in problems]
        return
    st.session_state[NAV_ERRORS] = []
    following = neighbour_step(bundle, current_step(), answers(), +1)
    if following is None or from_review():
        st.session_state[VIEW] = "review"
        st.session_state[FROM_REVIEW] = False
    else:
        st.session_state[STEP] = following


def go_back(bundle: Bundle) -> None:
    st.session_state[NAV_ERRORS] = []
    if view() == "results":
        st.session_state[VIEW] = "review"
    elif view() == "review":
        st.session_state[VIEW] = "step"
    else:
        previous = neighbour_step(bundle, current_step(), answers(), -1)
        if previous is not None:
            st.session_state[STEP] = previous


def edit_step(step_id: str) -> None:
    st.session_state[STEP] = step_id
    st.session_state[VIEW] = "step"
    st.session_state[FROM_REVIEW] = True
    st.session_state[NAV_ERRORS] = []


def show_results() -> None:
    st.session_state[VIEW] = "results"


def show_review() -> None:
    st.session_state[VIEW] = "review"


def ask_restart() -> None:
    st.session_state[CONFIRM_RESTART] = True


def cancel_restart() -> None:
    st.session_state[CONFIRM_RESTART] = False


def confirm_restart(bundle: Bundle) -> None:
    _clear_widgets()
    st.session_state[ANSWERS] = {}
    st.session_state[STEP] = bundle.steps[0].id
    st.session_state[VIEW] = "step"
    st.session_state[NAV_ERRORS] = []
    st.session_state[CONFIRM_RESTART] = False
    st.session_state[FROM_REVIEW] = False
