"""The clinician view: demo personas, the answers, the rule trace, what-if and every question.

A separate page, not part of the person's flow. It reads the person's answers but
changes them only when a persona is loaded; what-if works on a copy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pandas as pd
import streamlit as st

from components import state
from components.browser import land
from components.frame import render_demo_label
from components.whatif import caution_changes, section_changes
from engine.bundle import Bundle
from engine.checks import SAFETY_QUESTION
from engine.conditions import answered, referenced_questions
from engine.evaluate import Outcome, describe_answer, evaluate
from engine.flow import person_path
from engine.models import Question
from engine.summary import with_who_to_talk_to

HIDDEN_STYLE = "color: #5f6368; background-color: #f1f3f4"
FIRED_STYLE = "background-color: #e6f4ea"
LEAVE_BLANK = "Leave blank"  # what-if: the choice that removes an answer (no "o": typing "No" never finds it)


def render_clinician(bundle: Bundle) -> None:
    answers = state.answers()
    outcome = evaluate(bundle, answers)
    st.title("Clinician view", anchor=False)
    st.write(
        "For clinicians using TRD Navigator with someone, or demonstrating it. It shows how the "
        "rules reached the results. Personas are fictional. What-if changes work on a copy and "
        "never change the answers in this session."
    )
    # Which content is on screen, to match a summary the person brings from an earlier visit (k11-5).
    st.caption(f"Content version {bundle.content_version}. {bundle.meta.sign_off_line} Each section says when it "
               f"was last reviewed; each is reviewed at least every {bundle.meta.review_cycle_months} months.")
    # After a persona loads, the page opens at the top: what was loaded, and the way to its results, come first.
    render_demo_label(bundle)
    if answers:
        st.button("Open the results for these answers", key="open_results", on_click=state.open_results, args=(bundle,),
                  icon=":material/arrow_forward:")
    # A person's own answers come first: the fictional people's sensitive summaries wait, folded, below
    # the what-if and the trace, so the clinician never scrolls past them on a shared screen (k11-3).
    real = bool(answers) and state.demo(bundle) is None
    if not real:
        _personas(bundle, answers)
    # What-if first; the long answers table and rule trace wait in expanders below it.
    _whatif(bundle, answers, outcome)
    _answers_table(bundle, answers)
    _trace(bundle, outcome)
    _every_question(bundle, answers)
    if real:
        _personas(bundle, answers, folded=True)
    land(bundle, "Clinician view", page="clinician")


def _personas(bundle: Bundle, answers: dict[str, Any], *, folded: bool = False) -> None:
    st.header("Demo personas", anchor=False)
    if bundle.personas is None:
        st.write("No demo personas are set up (rules/personas.yaml is missing).")
        return
    if folded:
        with st.expander("Show the demo personas (fictional, for demonstrating)", key="personas_expander"):
            _persona_cards(bundle, answers)
    else:
        _persona_cards(bundle, answers)


def _persona_cards(bundle: Bundle, answers: dict[str, Any]) -> None:
    st.caption("One click loads a fictional person's answers; this page then shows their rule trace and "
               "what-if, and \"Open the results\" shows their results. It replaces the answers in this session.")
    pending = state.persona_pending()
    if pending:
        persona = bundle.personas.find(pending)
        name = persona.name if persona else pending
        with st.container(key="persona_confirm"):
            st.warning(f"Loading {name} replaces the answers given in this session. They are not saved anywhere. "
                       "Replace them?")
            yes, no = st.columns(2)
            yes.button(f"Yes, load {name}", key="persona_confirm_yes", on_click=state.confirm_persona,
                       args=(bundle,), type="primary")
            no.button("Cancel: keep the answers", key="persona_confirm_no", on_click=state.cancel_persona)
    personas = bundle.personas.personas
    for start in range(0, len(personas), 3):  # rows of three, so reading order follows the file
        columns = st.columns(3)
        for column, persona in zip(columns, personas[start:start + 3], strict=False):
            _persona_card(bundle, persona, column, answers)


def _persona_card(bundle: Bundle, persona: Any, column: Any, answers: dict[str, Any]) -> None:
    with column.container(border=True, key=f"persona_card_{persona.id}"):
        loaded = persona.answers == answers
        st.button(f"Load {persona.name}", key=f"persona_{persona.id}", on_click=state.load_persona,
                  args=(bundle, persona.id), width="stretch", type="primary" if loaded else "secondary")
        st.caption(persona.description)
        if loaded:
            st.caption("**Loaded now:** these are the answers in this session.")


def _answer_rows(bundle: Bundle, answers: dict[str, Any]) -> list[dict[str, str]]:
    counted = state.path().effective
    rows = []
    for question in bundle.questions:
        if not answered(answers.get(question.id)):  # counted, or kept while its question is hidden
            continue
        value = answers[question.id]
        rows.append({
            "Question": question.short,
            "Answer": describe_answer(bundle, question.id, value),
            "Counted": "Yes" if question.id in counted else "No: hidden",
            "Id": question.id,
            "Step": bundle.step(bundle.step_of_question[question.id]).title,
        })
    return rows


def _table(rows: list[dict[str, str]], row_style: Callable[[Any], str] | None = None) -> None:
    """A static table (st.table), not st.dataframe: the data grid gives every table the same
    cell ids (glide-cell-0-0), which axe reports as duplicate ids, and static HTML tables
    read better with a screen reader. `row_style` gives each row's CSS."""
    styled = pd.DataFrame(rows).style
    if row_style is not None:
        styled = styled.apply(lambda row: [row_style(row)] * len(row), axis=1)
    st.table(styled.hide(axis="index"))


def _answers_table(bundle: Bundle, answers: dict[str, Any]) -> None:
    st.header("Answers", anchor=False)
    rows = _answer_rows(bundle, answers)
    if not rows:
        st.write("No answers yet. Load a persona above, or go through the questionnaire.")
        return
    with st.expander(f"Show the {len(rows)} answers", key="answers_expander"):
        hidden = sum(1 for row in rows if row["Counted"] != "Yes")
        st.caption(f"{len(rows)} answers; {hidden} hidden (kept, but not counted: their question is not shown "
                   "for these answers). Hidden rows are greyed out and say so in the Counted column.")
        _table(rows, lambda row: HIDDEN_STYLE if row["Counted"] != "Yes" else "")


def _trace(bundle: Bundle, outcome: Outcome) -> None:
    st.header("Rule trace", anchor=False)
    fired = sum(1 for t in outcome.trace if t.fired)
    # Unknown is not no: before the safety question is answered, the trace says so (walkthrough, 28 November).
    # The person's own answer, never "Yes" for "I'd rather not say" (review 19, k19-4): both bring crisis support.
    said = outcome.answers.get(SAFETY_QUESTION)
    crisis = (f"{bundle.question_by_id[SAFETY_QUESTION].said_for(said)}. Crisis support comes first."
              if outcome.crisis else "No." if said is not None else "not answered yet.")
    st.caption(f"Every rule, in the order of rules/rules.yaml: {fired} of {len(outcome.trace)} fired.")
    with st.expander(f"Show the rule trace ({len(outcome.trace)} rules)", key="trace_expander"):
        # Folded with the trace: on a shared screen the room does not read the safety answer (k11-6).
        st.caption(f"Crisis answer: {crisis}")
        only_fired = st.toggle("Show only the rules that fired", **state.ui_widget("trace_fired_only", False))
        raw = st.toggle("Show rule and question ids", **state.ui_widget("trace_raw_ids", False))
        _table(trace_rows(bundle, outcome, only_fired=only_fired, raw=raw),
               lambda row: FIRED_STYLE if row["Fired"] == "Yes" else "")
        # Why a caution is inside a section, and why a section is near the top (k11-4).
        cautions, early = caution_rows(bundle, outcome, raw=raw), early_rows(outcome)
        for heading, rows, none in (("Cautions", cautions, "No cautions for these answers."),
                                    ("Listed early", early, "No section is moved up for these answers.")):
            st.subheader(heading, anchor=False)
            if rows:
                _table(rows)
            else:
                st.write(none)


def trace_rows(bundle: Bundle, outcome: Outcome, *, only_fired: bool = False, raw: bool = False) -> list[dict]:
    """The rule trace in words (question and answer labels); raw ids only when asked for.

    The trace has one entry per rule, in rules.yaml order; every question a rule names is known (checked at
    load), and a "because" question is always answered (`support` names answered questions only).
    """
    rows = []
    for rule, trace in zip(bundle.rules, outcome.trace, strict=True):
        if only_fired and not trace.fired:
            continue
        named = referenced_questions(rule.when)
        looks_at = [q.id if raw else q.short for q in bundle.questions if q.id in named]  # in questionnaire order
        row = {"Rule": trace.rule_id} if raw else {}
        row |= {
            "Section": trace.section if raw else bundle.cards[trace.section].title,
            "Fired": "Yes" if trace.fired else "No",
            "Because of": ("; ".join(_said(bundle, outcome, q, raw) for q in trace.because)
                           or ("(always shown)" if trace.fired else "")),
            "Looks at": "; ".join(looks_at) or "(nothing: always)",
        }
        rows.append(row)
    return rows


def caution_rows(bundle: Bundle, outcome: Outcome, *, raw: bool = False) -> list[dict[str, str]]:
    """Each caution shown, in the order the sections are shown, with the answers that brought it in."""
    return [{"Section": section.id if raw else section.title, "Caution": caution.id if raw else caution.label,
             "Because of": "; ".join(_said(bundle, outcome, q, raw) for q in caution.because)}
            for section in outcome.sections for caution in section.cautions]


def early_rows(outcome: Outcome) -> list[dict[str, str]]:
    """Each section an emphasis rule moved up, with the rule's reason (rules/emphasis.yaml)."""
    return [{"Section": section.title, "Why it is listed early": reason}
            for section in outcome.sections for reason in section.placed_early]


def _said(bundle: Bundle, outcome: Outcome, qid: str, raw: bool) -> str:
    """One counted answer in the trace: in words, or as `id = code` when raw ids are asked for."""
    value = outcome.answers[qid]
    if raw:
        return f"{qid} = {', '.join(value) if isinstance(value, list) else value}"
    return f"{bundle.question_by_id[qid].short}: {describe_answer(bundle, qid, value)}"


def _whatif(bundle: Bundle, answers: dict[str, Any], outcome: Outcome) -> None:
    st.header("What if", anchor=False)
    st.caption("Change any answer on a copy and compare the results side by side. "
               "The answers in this session stay as they are. A what-if shows what the rules would list "
               f"(sections, their order and their cautions), not clinical advice. {bundle.meta.sign_off_line}")
    copy = state.whatif_answers()
    ids = [q.id for q in bundle.questions]
    # No question is chosen at first: the first one is the safety question, and its wording should not sit
    # on a screen the person may be looking at unless the clinician picks it.
    qid = st.selectbox("Question to change", ids, **state.ui_widget(state.WHATIF_QUESTION, None),
                       format_func=lambda q: _question_choice(bundle, q), placeholder="Choose a question")
    shown_before = set(state.path().visible)
    shown_after = set(person_path(bundle, copy).visible)
    if qid is not None:
        _whatif_answer(bundle.question_by_id[qid], shown_after)
    changed = [q.id for q in bundle.questions if answers.get(q.id) != copy.get(q.id)]
    if changed:
        _table([{
            "Question": bundle.question_by_id[q].short,
            "As answered": describe_answer(bundle, q, answers[q]) if q in answers else "Not answered",
            "What if": describe_answer(bundle, q, copy[q]) if q in copy else "Not answered",
        } for q in changed])
    st.button("Undo all what-if changes", key="whatif_reset", on_click=state.undo_whatif, disabled=not changed)

    after = evaluate(bundle, copy)
    changes = section_changes(outcome.section_ids, after.section_ids)
    added, removed = caution_changes(*({s.id: [c.label for c in s.cautions] for s in result.sections}
                                       for result in (outcome, after)))
    titles = {s.id: s.title for s in (*outcome.sections, *after.sections)}
    if not changed:
        st.write("No what-if changes yet: both columns are the same.")
    elif not (changes.any or added or removed):
        st.write("These changes do not change which sections are shown, their order, or their cautions.")
    else:
        lines = [f"- **Appears:** {titles[s]}" for s in changes.appear]
        lines += [f"- **Disappears:** {titles[s]}" for s in changes.disappear]
        lines += [f"- **Moves:** {titles[m.id]} ({m.words(titles)})" for m in changes.moved]
        lines += [f"- **Caution added** in {titles[s]}: {label}" for s, label in added]
        lines += [f"- **Caution gone** from {titles[s]}: {label}" for s, label in removed]
        st.markdown("\n".join(lines))
    for words, qids in (("hidden", shown_before - shown_after), ("shown", shown_after - shown_before)):
        if qids:
            st.caption(f"Questions {words} in the what-if: "
                       + "; ".join(bundle.question_by_id[q].short for q in ids if q in qids))

    sides = (
        ("whatif_before", "Results as answered", outcome,
         {s: " — *disappears in the what-if*" for s in changes.disappear}, ()),
        ("whatif_after", "Results with the what-if answers", after,
         {s: " — *appears*" for s in changes.appear}
         | {m.id: f" — *moved {m.words(titles)}*" for m in changes.moved}, added),
    )
    for column, (key, heading, result, notes, new) in zip(st.columns(2), sides, strict=True):
        with column.container(border=True, key=key):
            st.subheader(heading, anchor=False)
            # Who to talk to about each, as in the files (review 14, p14-4).
            st.markdown(_numbered([with_who_to_talk_to(s.title, s.referral.to) + notes.get(s.id, "")
                                   + _cautions(result, s.id, new) for s in result.sections]))


def _whatif_answer(question: Question, shown_after: set[str]) -> None:
    """The what-if answer to the chosen question, on the copy."""
    bound = state.whatif_widget(question)
    label = f"What if the answer were… ({question.label.strip()})"
    codes = question.codes_to_show(state.whatif_answers().get(question.id))
    if question.type == "single":
        # Review 19 (k19-5, v20-4): the choice that removes the answer comes last and is called LEAVE_BLANK, which
        # the box's type-to-filter cannot match on "No" ("Not answered" came first when "No" was typed, and Enter
        # tested "unknown"); the person's own answer is marked.
        own = state.answers().get(question.id)
        st.selectbox(label, [*codes, state.NOT_ANSWERED], **bound,
                     format_func=lambda c: LEAVE_BLANK if c == state.NOT_ANSWERED
                     else question.label_for(c) + (" (as answered)" if c == own else ""))
    elif question.type == "multi":
        st.multiselect(label, codes, **bound, format_func=question.label_for, placeholder="Not answered",
                       max_selections=question.max_choices)
    else:
        st.number_input(label, min_value=question.minimum, max_value=question.maximum, step=1, **bound)
    if question.id not in shown_after:
        st.caption("This question is hidden for the what-if answers, so a change to it does not count.")


def _every_question(bundle: Bundle, answers: dict[str, Any]) -> None:
    st.header("Every question", anchor=False)
    show = st.toggle("Show every question of the questionnaire, with the ones hidden for these answers greyed out",
                     **state.ui_widget("show_all_questions", False))
    if not show:
        return
    visible, counted = set(state.path().visible), state.path().effective
    for step in bundle.steps:
        st.subheader(step.title, anchor=False)
        for question in step.questions:
            if question.id in visible:
                said = describe_answer(bundle, question.id, counted[question.id]) if question.id in counted \
                    else "*not answered*"
                st.markdown(f"**{question.short}** (`{question.id}`): {said}")
            else:
                kept = " An answer is kept but not counted." if question.id in answers else ""
                st.caption(f"Hidden for these answers: {question.short} ({question.id}).{kept}")


def _cautions(outcome: Outcome, section_id: str, new: Iterable[tuple[str, str]] = ()) -> str:
    """The cautions shown inside a section, by their labels (a clinician sees what the person sees); those the
    what-if brought in are marked."""
    section = next(s for s in outcome.sections if s.id == section_id)
    return "".join(f"  \n  *Caution: {c.label}*" + (" — *new*" if (section_id, c.label) in new else "")
                   for c in section.cautions)


def _numbered(items: list[str]) -> str:
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, 1)) if items else "*No sections.*"


def _question_choice(bundle: Bundle, qid: str) -> str:
    question = bundle.question_by_id[qid]
    return f"{question.short} ({bundle.step(bundle.step_of_question[qid]).title})"


