"""The one module that touches st.session_state.

The canonical answer store is separate from widget keys: Streamlit deletes a
keyed widget's value when the widget is not rendered in a run, so answers kept
only in widget keys are lost on Back/Next. Widgets are bound to the store just
before they render (`bind`, which also names the `on_change` callback that writes
back); all navigation runs in `on_click` callbacks.

Navigation is idempotent: every navigation button passes the screen it was drawn
on (`here()`), and a click that arrives after the screen has moved on (a double or
triple click) is ignored. Every screen change goes through `_show`, which bumps a
per-session screen counter; components/browser.py uses it to move to the top and
focus the new heading once per screen, never on a rerun within the same screen.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any

import streamlit as st

from engine.bundle import Bundle
from engine.checks import SAFETY_QUESTION
from engine.demo import DemoOrigin, demo_origin
from engine.evaluate import crisis_now
from engine.flow import PersonPath, first_unfinished_step, person_path, step_problems
from engine.models import Persona, Question

ANSWERS = "answers"
STEP = "step"
VIEW = "view"  # "step" | "support" | "review" | "results"
NAV_ERRORS = "nav_errors"  # [(question id, message)] for the step the person tried to leave
CONFIRM_RESTART = "confirm_restart"
RETURN_TO = "return_to"  # editing one step from the review or the results: "review" or "results", else None
UPLOAD_MESSAGE = "upload_message"  # {"ok", "lines", "where", "screen"}: the last upload's, shown on that one screen
UPLOAD_NONCE = "upload_nonce"  # bumped after each upload, so the uploader starts empty again
NOTES = "notes"  # {"text": the note}: one object, so a download made on click reads the latest note; session only
COMPARE = "compare_options"  # the options the person chose to compare (None: not chosen yet)
PAGE_REQUEST = "page_request"  # a top-level page a callback asked for; app.py switches to it once
WHATIF = "whatif_answers"  # the clinician's what-if copy; never the person's own answers
WHATIF_BASE = "whatif_base"  # the person's answers the copy was made from
UI = "ui:"  # + a name: small view settings (toggles, the what-if question), kept apart from widget keys
WHATIF_QUESTION = "whatif_question"  # the UI setting naming the question the what-if changes
SCREEN = "screen"  # bumped on every screen change (browser.py lands at the top once per screen)
FOCUS = "focus"  # (screen, count, container key): browser.py moves focus into that part of the screen shown
LAND_ON = "land_on"  # a step id: the new screen opens at that step's part (container land_<id>), not the top
SCREEN_SALT = "screen_salt"  # random: tells this session's screen counter from an earlier one's
SUPPORT_NEXT = "support_next"  # where "Continue when you are ready" goes: a step id, or "review"
SUPPORT_SEEN = "support_seen"  # the safety answer the supportive screen was last shown for
DEMO = "demo_persona"  # the id of the fictional persona the answers started from (None: a real person's from the start)
PERSONA_PENDING = "persona_pending"  # a persona click waiting for "replace the answers?" to be confirmed
BANNER_ALERT = "banner_alert"  # whether the last run drew the crisis banner as an alert (red)
PAGE = "page"  # the top-level page the last run drew (a change of page is a screen change: review a16, a16-8)
RUN_PATH = "run_path"  # the person's path, worked out once at the start of each run (never compared or reused)
WIDGET_PREFIX = "w__"
UI_PREFIX = "ui__"
WHATIF_PREFIX = "wi__"
NOT_ANSWERED = "__not_answered__"  # what-if: the choice that removes an answer


def init(bundle: Bundle) -> None:
    """Once at the top of every run: defaults, the path for the answers as they are now, a visible step."""
    if ANSWERS not in st.session_state:
        _reset(bundle, {})
    st.session_state.setdefault(UPLOAD_NONCE, 0)
    st.session_state.setdefault(SCREEN, 0)
    st.session_state.setdefault(SCREEN_SALT, secrets.token_hex(8))
    current = person_path(bundle, answers())
    # A step can become hidden after an edit elsewhere: land on the nearest visible one.
    st.session_state[STEP] = current.here_or_next(bundle, st.session_state[STEP])
    st.session_state[RUN_PATH] = current


def path() -> PersonPath:
    """The person's path for this run (worked out once by `init`; callbacks run before it)."""
    return st.session_state[RUN_PATH]


def answers() -> dict[str, Any]:
    return st.session_state[ANSWERS]


def current_step() -> str:
    return st.session_state[STEP]


def view() -> str:
    return st.session_state[VIEW]


def here() -> tuple[str, str]:
    """The screen being drawn: navigation buttons pass it, so a late click is ignored."""
    return view(), current_step()


def focus_target() -> str | None:
    """"<count>:<container key>" of the control to focus on this screen, else None (a screen change lands on
    its heading instead). Set where a click removes the control that had focus, or leaves it on the wrong one."""
    target = st.session_state.get(FOCUS)
    if not target or target[0] != st.session_state.get(SCREEN, 0):
        return None
    return f"{target[1]}:{target[2]}"


def _focus(key: str) -> None:
    count = (st.session_state.get(FOCUS) or (0, 0, ""))[1] + 1
    st.session_state[FOCUS] = (st.session_state.get(SCREEN, 0), count, key)


def land_on() -> str | None:
    """The step whose part of the new screen to open at (None: the top)."""
    return st.session_state.get(LAND_ON)


def screen_key() -> str:
    """Changes on every screen change and only then (random per session, so a new session never matches)."""
    return f"{st.session_state[SCREEN_SALT]}-{st.session_state[SCREEN]}"


def announce_banner(alert: bool) -> bool:
    """Whether the crisis banner is announced (role=alert) on this run: only on the run where it turns into an
    alert, not on every rerun while it stays one (review a16, a16-3: each arrow key in the region list read a
    country's whole list out). The supportive screen's calm banner ends an alert, so the step after it says
    it again. A run that a page switch will restart (a persona's results) leaves it for that run."""
    before = st.session_state.get(BANNER_ALERT, False)
    if not st.session_state.get(PAGE_REQUEST):
        st.session_state[BANNER_ALERT] = alert
    return alert and not before


def arrive(page: str) -> None:
    """A change of top-level page (the navigation's links) is a screen change: browser.land moves the focus to
    the new page's heading, so a screen reader says where the link went (review a16, a16-8)."""
    last = st.session_state.get(PAGE)
    st.session_state[PAGE] = page
    if last is not None and last != page:
        st.session_state[LAND_ON] = None
        st.session_state[SCREEN] = st.session_state.get(SCREEN, 0) + 1


def nav_errors(qid: str) -> list[str]:
    """Messages for one question from the last Next that was refused."""
    return [message for where, message in st.session_state.get(NAV_ERRORS, []) if where == qid]


def restart_pending() -> bool:
    return bool(st.session_state.get(CONFIRM_RESTART))


def returns_to() -> str | None:
    """Where a step edited from the review or the results goes back to ("review", "results"), else None."""
    return st.session_state.get(RETURN_TO)


def demo_start(bundle: Bundle) -> Persona | None:
    """The fictional persona the answers started from, else None."""
    persona_id = st.session_state.get(DEMO)  # kept through hand edits
    return bundle.personas.find(persona_id) if persona_id and bundle.personas else None


def demo(bundle: Bundle) -> DemoOrigin | None:
    """How much of the answers is still a demo person's made-up answers (None: none is left, or there was none)."""
    return demo_origin(demo_start(bundle), answers(), path().effective)


def persona_pending() -> str | None:
    return st.session_state.get(PERSONA_PENDING)


def _reset(bundle: Bundle, new_answers: dict[str, Any], *, step: str | None = None) -> None:
    """The one reset: Start again, a persona and an uploaded file all go through here."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del st.session_state[key]
    # New answers, a fresh what-if: no question left chosen (the safety question's wording would stay on screen).
    st.session_state.pop(UI + WHATIF_QUESTION, None)
    st.session_state.update({
        ANSWERS: _copy(new_answers), STEP: step or bundle.steps[0].id, VIEW: "step",
        NAV_ERRORS: [], CONFIRM_RESTART: False, RETURN_TO: None, UPLOAD_MESSAGE: None,
        NOTES: {"text": ""}, COMPARE: None, DEMO: None, PERSONA_PENDING: None, SUPPORT_SEEN: None,
    })


def _show(view_: str, step: str | None = None, land_on: str | None = None) -> None:
    """Every screen change goes through here (see the module docstring)."""
    st.session_state[LAND_ON] = land_on
    st.session_state[VIEW] = view_
    if step is not None:
        st.session_state[STEP] = step
    st.session_state[SCREEN] = st.session_state.get(SCREEN, 0) + 1
    st.session_state[NAV_ERRORS] = []


def _still_on(at: tuple[str, str] | None) -> bool:
    """False for a click drawn on a screen the person has already left."""
    return at is None or tuple(at) == here()


# --- widgets -----------------------------------------------------------------

def bind(key: str, value: Any, on_change: Callable[..., None], *args: Any) -> dict[str, Any]:
    """The one widget-binding helper: seed a widget's key from our own store, just before it renders.

    Returns the widget's key, on_change and args: `on_change(key, *args)` writes the value back.
    """
    st.session_state[key] = value
    return {"key": key, "on_change": on_change, "args": (key, *args)}


def _keep(key: str, name: str) -> None:
    st.session_state[name] = st.session_state.get(key)


def single_widget(qid: str) -> dict[str, Any]:
    return bind(f"{WIDGET_PREFIX}{qid}", answers().get(qid), _on_single_change, qid)


def multi_widget(question: Question, code: str) -> dict[str, Any]:
    return bind(f"{WIDGET_PREFIX}{question.id}__{code}", code in (answers().get(question.id) or []),
                _on_multi_change, question.id, code, question.codes, question.exclusive)


def _on_single_change(key: str, qid: str) -> None:
    _store(qid, st.session_state.get(key))


def _on_multi_change(key: str, qid: str, code: str, codes: tuple[str, ...], exclusive: tuple[str, ...]) -> None:
    chosen = set(answers().get(qid) or [])
    if st.session_state.get(key):
        # Choosing "None of these" clears the rest, and choosing anything else clears it.
        chosen = {code} if code in exclusive else (chosen - set(exclusive)) | {code}
    else:
        chosen.discard(code)
    _store(qid, [c for c in codes if c in chosen])


def _store(qid: str, value: Any) -> None:
    _put(answers(), qid, value)
    st.session_state[NAV_ERRORS] = [e for e in st.session_state.get(NAV_ERRORS, []) if e[0] != qid]
    # DEMO stays: while any made-up answer is left, screens and files say which (engine/demo.py, k11-1).


def _put(store: dict[str, Any], qid: str, value: Any) -> None:
    """One answer into the person's store or the what-if copy; no answer (none chosen, "not answered") removes it."""
    if value is None or value == [] or value == NOT_ANSWERED:
        store.pop(qid, None)
    else:
        store[qid] = list(value) if isinstance(value, list) else value


# --- navigation callbacks ------------------------------------------------------

def go_next(bundle: Bundle, at: tuple[str, str] | None = None) -> None:
    if not _still_on(at) or view() != "step":
        return
    st.session_state[UPLOAD_MESSAGE] = None
    problems = step_problems(bundle, current_step(), answers())
    if problems and _needs_support(bundle):
        # Review 15 (h15-1): "Yes" with the region left blank met an error, not support. Support comes first;
        # "Continue" brings the person back here to choose where they live.
        _go_to(bundle, current_step(), support=True)
        return
    if problems:
        st.session_state[NAV_ERRORS] = [(p.question_id, p.message) for p in problems]
        # Focus goes to the first question still needing an answer (its message is right under it).
        first = bundle.question_by_id[problems[0].question_id]
        _focus(f"{WIDGET_PREFIX}{first.id}" if first.type == "single" else f"group_{first.id}")
        return
    following = person_path(bundle, answers()).neighbour(bundle, current_step(), +1)
    _go_to(bundle, returns_to() or ("review" if following is None else following), support=_needs_support(bundle))


def _go_to(bundle: Bundle, target: str, *, support: bool = False) -> None:
    """On to a step, the review ("review") or the results ("results"); with `support`, through the supportive
    screen first, remembering the safety answer it is shown for and where "Continue" goes."""
    if support:
        st.session_state[SUPPORT_SEEN] = answers().get(SAFETY_QUESTION)
        st.session_state[SUPPORT_NEXT] = target
        _show("support")
        return
    if target not in ("review", "results"):
        _show("step", target)
        return
    edited = current_step() if returns_to() == target else None  # back from an edit: open at that step's part
    st.session_state[RETURN_TO] = None
    if target == "review":
        _show("review", land_on=edited)
    else:  # back to the results from a step edited there: they open at that step's part, not 40 screens up
        _results_or_unfinished(bundle, land_on=current_step())


def _needs_support(bundle: Bundle) -> bool:
    """Leaving the safety step with an answer that calls for crisis support, not yet answered with support."""
    step = bundle.step_of_question.get(SAFETY_QUESTION)
    return (current_step() == step and crisis_now(bundle, answers())
            and st.session_state.get(SUPPORT_SEEN) != answers().get(SAFETY_QUESTION))


def leave_support(bundle: Bundle, at: tuple[str, str] | None = None) -> None:
    """"Continue when you are ready": on to where Next was going."""
    if _still_on(at) and view() == "support":
        _go_to(bundle, support_goes_to())


def support_goes_to() -> str:
    """Where "Continue when you are ready" goes: a step id, or "review"."""
    return st.session_state.get(SUPPORT_NEXT) or "review"


def support_after_upload() -> bool:
    """The supportive screen came from a loaded file, not from an answer just given (Next clears the message)."""
    message = st.session_state.get(UPLOAD_MESSAGE)
    return view() == "support" and bool(message and message["ok"])


def go_back(bundle: Bundle, at: tuple[str, str] | None = None) -> None:
    if not _still_on(at):
        return
    if view() == "results":
        _show("review")
    elif view() in ("review", "support"):
        _show("step")
    else:
        previous = person_path(bundle, answers()).neighbour(bundle, current_step(), -1)
        if previous is not None:
            _show("step", previous)


def edit_step(step_id: str, at: tuple[str, str] | None = None, back_to: str = "review") -> None:
    """One step to change, with one way on: back to the review or the results it was opened from."""
    if _still_on(at):
        st.session_state[RETURN_TO] = back_to
        _show("step", step_id)


def show_results(bundle: Bundle, at: tuple[str, str] | None = None) -> None:
    if _still_on(at):
        _results_or_unfinished(bundle)


def _results_or_unfinished(bundle: Bundle, land_on: str | None = None) -> None:
    """The results, unless a step still needs an answer: then that step, with what is missing under its
    question (as a refused Next shows it), and "Return to review" as its one way on."""
    unfinished = first_unfinished_step(bundle, answers())
    if unfinished is None:
        _show("results", land_on=land_on)
        return
    st.session_state[RETURN_TO] = "review"
    _show("step", unfinished)
    st.session_state[NAV_ERRORS] = [(p.question_id, p.message)
                                    for p in step_problems(bundle, unfinished, answers())]


def ask_restart() -> None:
    st.session_state[CONFIRM_RESTART] = True
    _focus("restart_no")  # the button clicked is gone: focus on the choice that loses nothing


def cancel_restart() -> None:
    st.session_state[CONFIRM_RESTART] = False
    _focus("restart")


def confirm_restart(bundle: Bundle) -> None:
    _reset(bundle, {})
    _show("step")


# --- personas (clinician view) ------------------------------------------------

def load_persona(bundle: Bundle, persona_id: str, *, confirmed: bool = False) -> None:
    """A persona's answers replace the store (after a confirmation when real answers would be lost).

    The clinician stays on the clinician page; "Open the results" takes them to the results.

    A persona whose safety answer calls for crisis support (yes, or prefer not to say) goes to the
    results too, never through the supportive screen an uploaded file or a Next shows. That screen
    speaks to the person who just answered; here the reader is a clinician demonstrating a fictional
    person, whose results open with crisis support first, the banner as an alert, and the
    "Fictional demo person" label on the clinician and questionnaire pages. SUPPORT_SEEN
    stays clear (the one reset), so a clinician who walks the safety step by hand (Edit, then Next)
    sees the supportive screen exactly as the person would.
    """
    persona = bundle.personas.find(persona_id) if bundle.personas else None
    if persona is None:
        return
    if not confirmed and answers() and answers() != persona.answers and not _is_a_whole_persona(bundle):
        st.session_state[PERSONA_PENDING] = persona_id
        _focus("persona_confirm_no")  # focus on the choice that loses nothing, as "Start again" does
        return
    _reset(bundle, persona.answers)
    st.session_state[DEMO] = persona.id
    _results_or_unfinished(bundle)


def _is_a_whole_persona(bundle: Bundle) -> bool:
    """The answers are exactly a persona's: another replaces them without asking (a hand edit asks first)."""
    return bool(bundle.personas and bundle.personas.with_answers(answers()))


def confirm_persona(bundle: Bundle) -> None:
    pending = persona_pending()
    if pending:
        load_persona(bundle, pending, confirmed=True)


def cancel_persona() -> None:
    pending = persona_pending()
    st.session_state[PERSONA_PENDING] = None
    if pending:
        _focus(f"persona_{pending}")  # the question clicked from is gone: back to the persona asked about


def open_results(bundle: Bundle) -> None:
    """From the clinician view: show the results for the answers in this session (or the step they still need)."""
    _results_or_unfinished(bundle)
    st.session_state[PAGE_REQUEST] = "questionnaire"


def open_clinician() -> None:
    """From a demo persona's results: back to the clinician view (the top navigation was the only way).

    A screen change too, so the keyboard focus lands on the clinician view's heading, not on the page.
    """
    st.session_state[PAGE_REQUEST] = "clinician"
    st.session_state[SCREEN] = st.session_state.get(SCREEN, 0) + 1


def pop_page_request() -> str | None:
    return st.session_state.pop(PAGE_REQUEST, None)



# --- save and resume ------------------------------------------------------------

def uploader_key(where: str) -> str:
    return f"upload__{where}__{st.session_state.get(UPLOAD_NONCE, 0)}"


def uploaded_file(where: str) -> Any:
    """The file just given to the uploader drawn at `where` (None when it was cleared)."""
    return st.session_state.get(uploader_key(where))


def upload_done(bundle: Bundle, where: str, new_answers: dict[str, Any] | None, lines: list[str],
                demo_id: str | None = None) -> None:
    """After an upload: a checked answer set (None: the file was refused) replaces the answers, and the review opens.

    Every upload replaces the message about the last one; a message belongs to one screen and is gone
    after the next screen change. A loaded safety answer that calls for crisis support (yes, or prefer
    not to say) first shows the supportive screen, as answering it by hand does (go_next): "Continue
    when you are ready" then opens the review, the screen the "answers are back" message belongs to. A
    loaded file is a fresh start (the one reset clears SUPPORT_SEEN, as Start again does), so the
    screen is shown even if this session saw it before.
    """
    st.session_state[UPLOAD_NONCE] = st.session_state.get(UPLOAD_NONCE, 0) + 1
    accepted = new_answers is not None
    if accepted:
        # A file saved half-way opens where the person stopped: the first step still needing an answer.
        unfinished = first_unfinished_step(bundle, new_answers)
        _reset(bundle, new_answers, step=unfinished)  # else the first step (the safety step is never hidden)
        # A fictional persona's saved file, loaded again, is still fictional: its files say so (review 8, h8-4).
        # `demo_id`: the file says its answers started from a demo person (a mix of made-up and edited ones).
        personas = bundle.personas
        persona = personas and ((personas.find(demo_id) if demo_id else None) or personas.with_answers(answers()))
        st.session_state[DEMO] = persona.id if persona else None
        _go_to(bundle, unfinished or "review", support=crisis_now(bundle, answers()))
        where = "review" if unfinished is None else "step"
    # After the support screen the message belongs to the next one, the screen that Continue opens.
    screen = st.session_state.get(SCREEN, 0) + (view() == "support")
    st.session_state[UPLOAD_MESSAGE] = {"ok": accepted, "lines": lines, "where": where, "screen": screen}


def upload_message(where: str) -> dict[str, Any] | None:
    """The message about the last upload, for the screen `where` it belongs on (None: nothing to say there)."""
    message = st.session_state.get(UPLOAD_MESSAGE)
    if message and message["where"] == where and message["screen"] == st.session_state.get(SCREEN, 0):
        return message
    return None


# --- notes, the options compared, small view settings: each kept apart from its widget ---------

def notes() -> str:
    return st.session_state[NOTES]["text"]


def notes_widget() -> dict[str, Any]:
    return bind(f"{WIDGET_PREFIX}notes", notes(), _keep_notes)


def _keep_notes(key: str) -> None:
    st.session_state[NOTES]["text"] = st.session_state.get(key) or ""


def live_notes() -> Callable[[], str]:
    """The note as it is when called, even outside a run.

    A download is made when it is clicked, in a thread of its own, and a note typed just
    before the click arrives in the same moment (the text box sends it when it loses focus).
    Reading this box at click time, after the click's own short wait, keeps the note in the file.
    """
    box = st.session_state[NOTES]
    return lambda: box["text"]


def compare_choice() -> list[str] | None:
    choice = st.session_state.get(COMPARE)
    return list(choice) if choice is not None else None


def compare_widget(chosen: list[str]) -> dict[str, Any]:
    return bind(f"{WIDGET_PREFIX}compare", list(chosen), _keep, COMPARE)


def ui_widget(name: str, default: Any = None) -> dict[str, Any]:
    return bind(f"{UI_PREFIX}{name}", st.session_state.get(UI + name, default), _keep, UI + name)


# --- what-if (clinician view): a copy, never the person's own answers ---------------

def whatif_answers() -> dict[str, Any]:
    """The what-if copy; made afresh whenever the person's own answers have changed."""
    if st.session_state.get(WHATIF_BASE) != answers() or WHATIF not in st.session_state:
        reset_whatif()
    return st.session_state[WHATIF]


def whatif_widget(question: Question) -> dict[str, Any]:
    value = whatif_answers().get(question.id)
    if question.type == "multi":
        value = list(value or [])
    elif question.type == "single" and value is None:
        value = NOT_ANSWERED
    return bind(f"{WHATIF_PREFIX}{question.id}", value, _on_whatif_change, question.id)


def _on_whatif_change(key: str, qid: str) -> None:
    _put(whatif_answers(), qid, st.session_state.get(key))


def reset_whatif() -> None:
    st.session_state[WHATIF_BASE] = _copy(answers())
    st.session_state[WHATIF] = _copy(answers())


def undo_whatif() -> None:
    """The Undo button greys out once clicked, so focus goes to the what-if question picker."""
    reset_whatif()
    _focus(f"{UI_PREFIX}{WHATIF_QUESTION}")


def _copy(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (list(v) if isinstance(v, (list, tuple)) else v) for k, v in values.items()}
