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

from components.upload import TOO_BIG, apply_upload
from engine.answers import MAX_ANSWER_BYTES
from engine.bundle import Bundle
from engine.flow import PersonPath, current_or_next_visible, neighbour_step, person_path, step_problems

ANSWERS = "answers"
STEP = "step"
VIEW = "view"  # "step" | "review" | "results"
NAV_ERRORS = "nav_errors"
CONFIRM_RESTART = "confirm_restart"
FROM_REVIEW = "from_review"
UPLOAD_MESSAGE = "upload_message"  # {"ok": bool, "lines": [...]} after the last upload, until the next move
UPLOAD_NONCE = "upload_nonce"  # bumped after each upload, so the uploader starts empty again
NOTES = "notes"  # "Anything you want your clinician to know": this session only
COMPARE = "compare_options"  # the options the person chose to compare (None: not chosen yet)
PAGE_REQUEST = "page_request"  # a top-level page a callback asked for; app.py switches to it once
WHATIF = "whatif_answers"  # the clinician's what-if copy; never the person's own answers
WHATIF_BASE = "whatif_base"  # the person's answers the copy was made from
UI = "ui"  # small view settings (toggles, the what-if question), kept apart from widget keys
WIDGET_PREFIX = "w__"
PATH_MEMO = "path_memo"
UI_PREFIX = "ui__"
WHATIF_PREFIX = "wi__"
NOT_ANSWERED = "__not_answered__"  # what-if: the choice that removes an answer
MAX_UPLOAD_READ = MAX_ANSWER_BYTES + 1


def init(bundle: Bundle) -> None:
    st.session_state.setdefault(ANSWERS, {})
    st.session_state.setdefault(STEP, bundle.steps[0].id)
    st.session_state.setdefault(VIEW, "step")
    st.session_state.setdefault(NAV_ERRORS, [])
    st.session_state.setdefault(CONFIRM_RESTART, False)
    st.session_state.setdefault(FROM_REVIEW, False)
    st.session_state.setdefault(UPLOAD_NONCE, 0)
    st.session_state.setdefault(NOTES, "")
    st.session_state.setdefault(COMPARE, None)
    st.session_state.setdefault(UI, {})
    # A step can become hidden after an edit elsewhere: land on the nearest visible one.
    current = path(bundle)
    if st.session_state[STEP] not in current.step_ids:
        st.session_state[STEP] = current.neighbour(bundle, st.session_state[STEP], +1) or current.step_ids[-1]


def path(bundle: Bundle) -> PersonPath:
    """The person's path for the current answers, worked out once per change, not once per question.

    Kept in this person's session state (never in a module-level cache shared by everyone).
    """
    now = answers()
    memo = st.session_state.get(PATH_MEMO)
    if memo is None or memo[0] != now or memo[1] is not bundle:
        memo = ({k: list(v) if isinstance(v, list) else v for k, v in now.items()}, bundle,
                person_path(bundle, now))
        st.session_state[PATH_MEMO] = memo
    return memo[2]


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
    st.session_state[ANSWERS] = {k: (list(v) if isinstance(v, (list, tuple)) else v) for k, v in new_answers.items()}
    st.session_state[NAV_ERRORS] = []
    st.session_state[COMPARE] = None
    st.session_state[CONFIRM_RESTART] = False
    st.session_state[FROM_REVIEW] = False
    st.session_state[UPLOAD_MESSAGE] = None
    st.session_state[NOTES] = ""
    st.session_state[COMPARE] = None


def _clear_widgets() -> None:
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


# --- navigation callbacks ------------------------------------------------------

def go_next(bundle: Bundle) -> None:
    st.session_state[UPLOAD_MESSAGE] = None
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
    _moved()
    if view() == "results":
        st.session_state[VIEW] = "review"
    elif view() == "review":
        st.session_state[VIEW] = "step"
    else:
        previous = neighbour_step(bundle, current_step(), answers(), -1)
        if previous is not None:
            st.session_state[STEP] = previous


def _moved() -> None:
    st.session_state[NAV_ERRORS] = []
    st.session_state[UPLOAD_MESSAGE] = None


def edit_step(step_id: str) -> None:
    st.session_state[STEP] = step_id
    st.session_state[VIEW] = "step"
    st.session_state[FROM_REVIEW] = True
    _moved()


def show_results() -> None:
    _moved()
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
    st.session_state[UPLOAD_MESSAGE] = None
    st.session_state[NOTES] = ""
    st.session_state[COMPARE] = None


# --- personas (clinician view) ------------------------------------------------

def load_persona(bundle: Bundle, persona_id: str) -> None:
    """One click: the persona's answers replace the store, and the results open."""
    persona = next(p for p in bundle.personas.personas if p.id == persona_id) if bundle.personas else None
    if persona is None:
        return
    replace_answers(persona.answers)
    st.session_state[NOTES] = ""
    st.session_state[UPLOAD_MESSAGE] = None
    st.session_state[STEP] = bundle.steps[0].id
    st.session_state[VIEW] = "results"
    st.session_state[PAGE_REQUEST] = "questionnaire"


def open_results() -> None:
    """From the clinician view: show the results for the answers in this session."""
    st.session_state[VIEW] = "results"
    st.session_state[PAGE_REQUEST] = "questionnaire"


def pop_page_request() -> str | None:
    return st.session_state.pop(PAGE_REQUEST, None)


# --- save and resume ------------------------------------------------------------

def uploader_key(where: str) -> str:
    return f"upload__{where}__{st.session_state.get(UPLOAD_NONCE, 0)}"


def on_upload(bundle: Bundle, where: str) -> None:
    """Runs once per upload (on_change), never on later reruns."""
    uploaded = st.session_state.get(uploader_key(where))
    if uploaded is None:
        return
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_ANSWER_BYTES:
        new_answers, messages = None, [TOO_BIG]  # rejected before anything is read or parsed
    else:
        # Read at most one byte past the cap, so a file of unknown size is never read whole.
        new_answers, messages = apply_upload(uploaded.read(MAX_UPLOAD_READ), bundle.question_by_id)
    st.session_state[UPLOAD_NONCE] = st.session_state.get(UPLOAD_NONCE, 0) + 1
    if new_answers is None:
        st.session_state[UPLOAD_MESSAGE] = {"ok": False, "lines": messages, "where": where}
        return
    replace_answers(new_answers)
    st.session_state[STEP] = current_or_next_visible(bundle, bundle.steps[0].id, new_answers)
    st.session_state[VIEW] = "review"
    st.session_state[UPLOAD_MESSAGE] = {"ok": True, "lines": messages, "where": "review"}


def upload_message(where: str) -> dict[str, Any] | None:
    message = st.session_state.get(UPLOAD_MESSAGE)
    return message if message and message.get("where") == where else None


# --- notes ------------------------------------------------------------------------

def notes() -> str:
    return st.session_state.get(NOTES, "")


def seed_notes() -> str:
    key = f"{WIDGET_PREFIX}notes"
    st.session_state[key] = notes()
    return key


def on_notes_change() -> None:
    st.session_state[NOTES] = st.session_state.get(f"{WIDGET_PREFIX}notes") or ""


# --- option comparison --------------------------------------------------------------

def compare_choice() -> list[str] | None:
    choice = st.session_state.get(COMPARE)
    return list(choice) if choice is not None else None


def seed_compare(chosen: list[str]) -> str:
    key = f"{WIDGET_PREFIX}compare"
    st.session_state[key] = list(chosen)
    return key


def on_compare_change() -> None:
    st.session_state[COMPARE] = list(st.session_state.get(f"{WIDGET_PREFIX}compare") or [])


# --- small view settings (toggles, pickers) ---------------------------------------

def ui_value(name: str, default: Any = None) -> Any:
    return st.session_state[UI].get(name, default)


def seed_ui(name: str, default: Any = None) -> str:
    key = f"{UI_PREFIX}{name}"
    st.session_state[key] = ui_value(name, default)
    return key


def on_ui_change(name: str) -> None:
    st.session_state[UI][name] = st.session_state.get(f"{UI_PREFIX}{name}")


# --- what-if (clinician view): a copy, never the person's own answers ---------------

def whatif_answers() -> dict[str, Any]:
    """The what-if copy; made afresh whenever the person's own answers have changed."""
    if st.session_state.get(WHATIF_BASE) != answers() or WHATIF not in st.session_state:
        st.session_state[WHATIF_BASE] = _copy(answers())
        st.session_state[WHATIF] = _copy(answers())
    return st.session_state[WHATIF]


def seed_whatif(qid: str, qtype: str) -> str:
    key = f"{WHATIF_PREFIX}{qid}"
    value = whatif_answers().get(qid)
    if qtype == "multi":
        st.session_state[key] = list(value or [])
    elif qtype == "single":
        st.session_state[key] = NOT_ANSWERED if value is None else value
    else:
        st.session_state[key] = value
    return key


def on_whatif_change(qid: str) -> None:
    value = st.session_state.get(f"{WHATIF_PREFIX}{qid}")
    copy = whatif_answers()
    if value is None or value == NOT_ANSWERED or value == []:
        copy.pop(qid, None)
    else:
        copy[qid] = list(value) if isinstance(value, list) else value


def reset_whatif() -> None:
    st.session_state[WHATIF_BASE] = _copy(answers())
    st.session_state[WHATIF] = _copy(answers())


def _copy(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in values.items()}
