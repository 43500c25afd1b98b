"""The supportive screen after "Yes" or "I'd rather not say" to the safety question.

Safe-messaging practice: short, warm and calm; no details of any method; asking for
help framed as normal and strong; the person's own crisis lines, tap-to-call, with their
hours (the banner keeps them short; a line that is closed tonight should say so here). It
never blocks the rest: "Continue when you are ready" goes on to the next step, and
the crisis lines stay at the top of every page.
"""

from __future__ import annotations

import streamlit as st

from components import state
from components.frame import dial, every_country
from components.questionnaire import nav_buttons
from engine.bundle import Bundle
from engine.checks import REGION_QUESTION, ROLE_QUESTION, SAFETY_QUESTION, SELF
from engine.evaluate import crisis_help, youth_lines_until_age_known
from engine.models import CrisisLine
from engine.summary import HELPER_ACTION, HELPER_MORE, HELPER_NOW, crisis_line_text, helper_action

HEADING = "Thank you for answering"
FILE_HEADING = "Before you see your answers"  # a saved file brought the answer back: nothing was just answered
FILE_OPENING = ("Your saved answers include one to the first question. It asks about thoughts of being "
                "better off dead or of self-harm.")
OPENING = ("Many people with depression have thoughts like these. You are not alone, "
           "and these thoughts can ease with help and time.")
# Review 12 (s12-7): after "I'd rather not say", name the thoughts and respect the choice, before "thoughts like these".
NOT_SAID = ("You do not have to say more here. If thoughts of being better off dead or of hurting yourself are part "
            "of your life, this is for you too.")
# Two steps, as crisis_support.md's "When it is urgent" gives them (review 10, c10-8): "immediate danger" is a
# phrase many people in crisis do not apply to themselves, so what to do now is said by what is happening.
ACT_NOW = "**If you might act on these thoughts, or cannot keep yourself safe, get help now.**"
# Worded for every region, "Somewhere else" too, where the only help listed is a directory website.
REACH_OUT = ("**If you are not in danger right now, please reach out today.** Reaching out is a strong and normal "
             "step. Help lines are usually free, and they are there to listen.")
TRUSTED = "You could also tell your doctor, or someone you trust, how you have been feeling."
# docs/evidence/CRISIS_LINES.md: 988's state pages say it helps people supporting someone else.
# Review 11 (f11-1): a carer is the one who must act when the person cannot; the same two steps, for them.
# Review 12 (s12-13): the region is known here, so the helper is given its number, not told to look one up.
HELPER_LEAD = "**Filling this in for someone else?** "
HELPER = HELPER_LEAD + HELPER_ACTION  # as read by the reading-level test; shown with the region's number
# Review 12 (s12-11): one protective step for the meantime, in crisis_support.md's own words (no method named).
MEANWHILE = ("For now, it can help to put time and distance between you and anything you could use to hurt "
             "yourself.")  # being with someone follows (TRUSTED)
STOP_ANY_TIME = "You do not have to finish today. You can stop at any time."
GO_ON = ("The rest of the questions are here when you are ready. The help lines stay at the top of every page.")
# Review 15 (h15-1): "Yes" with no region still comes here first; the region is asked for after.
NO_REGION = "**Help lines in each country**"
GO_ON_TO_REGION = ("Next, choose where you live, and your own help lines will stay at the top of every page.")
GO_ON_TO_REVIEW = "Your answers are on the next page when you are ready. The help lines stay at the top of every page."
CONTINUE = "Continue when you are ready"
FOR_YOUNG = "**If you are under 18**, you can also contact:"  # shown until the age question is answered (f11-2)
TEXTS = (HEADING, FILE_HEADING, FILE_OPENING, OPENING, NOT_SAID, ACT_NOW, REACH_OUT, TRUSTED, HELPER, STOP_ANY_TIME,
         GO_ON, GO_ON_TO_REVIEW, GO_ON_TO_REGION, CONTINUE, FOR_YOUNG, MEANWHILE)


def render_support(bundle: Bundle) -> str:
    counted = state.path().effective
    help_now = crisis_help(bundle, counted)
    from_file = state.support_after_upload()
    heading = FILE_HEADING if from_file else HEADING
    st.title(heading, anchor=False)
    if from_file:
        st.write(FILE_OPENING)
    if counted.get(SAFETY_QUESTION) != "yes":
        st.write(NOT_SAID)
    st.write(OPENING)
    # The action alone, and a place to go: never "if you are in immediate danger" after "get help now" (s12-2).
    st.markdown(f"{ACT_NOW} {dial(help_now.emergency_now)}.")
    # A helper's step is also a step for now, so it comes right after the person's (review 18, h18-6), for a known
    # helper and while the role is still unknown: "Yes" is given on the first step and the role on the next, so
    # on a first pass nobody is known yet (review 19, s19-1). Only "I am answering for myself" leaves it out.
    # While the role is unknown the reader is most often the person: only the helper's step for now comes here,
    # and the rest after the person's own steps, so their screen stays theirs (q19-6).
    role = counted.get(ROLE_QUESTION)
    if role != SELF:
        st.markdown(dial(helper_action(HELPER_LEAD, help_now, HELPER_ACTION if role else HELPER_NOW)))
    st.markdown(REACH_OUT)
    no_region = counted.get(REGION_QUESTION) not in bundle.regions
    with st.container(border=True, key="support_lines"):
        if no_region:
            st.markdown(f"{NO_REGION}\n\n{every_country(bundle, alone=True)}")
        else:
            st.markdown(f"**Help lines**\n\n{help_now.region_line}\n\n{_listed(help_now.lines)}"
                        f"\n\n{dial(help_now.emergency_now)}.")
            youth = youth_lines_until_age_known(bundle, counted)
            if youth:
                st.markdown(f"{FOR_YOUNG}\n\n{_listed(youth)}")
    st.write(MEANWHILE)
    st.write(TRUSTED)
    if role is None:
        st.markdown(helper_action(HELPER_LEAD, help_now, HELPER_MORE))
    go_on = GO_ON_TO_REGION if no_region else GO_ON_TO_REVIEW if state.support_goes_to() == "review" else GO_ON
    st.write(f"{STOP_ANY_TIME} {go_on}")
    nav_buttons(bundle, "support", CONTINUE, "support_continue", state.leave_support, (bundle, state.here()))
    return heading


def _listed(lines: tuple[CrisisLine, ...]) -> str:
    """Lines as a list, each with its ways in, tap-to-call."""
    return "\n".join(f"- **{line.name}**: {dial(crisis_line_text(line))}" for line in lines)
