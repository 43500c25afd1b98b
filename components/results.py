"""The results page: the decision, the sections at a glance, the comparison, then each section in full.

What a person needs first sits at the top: what is being decided, one line per section
with a link down to it, and the options side by side. The sections follow in the
engine's order, each complete but skimmable (its summary first, the rest behind Read more).
"""

from __future__ import annotations

from datetime import date
from itertools import groupby

import streamlit as st

from components import state
from components.compare import render_comparison
from components.frame import dial, link_to_help, note, render_help_reminder
from components.markdown import headings_as_bold
from components.path import render_path
from components.takeaway import ANCHOR as TAKEAWAY_ANCHOR
from components.takeaway import render_takeaway
from engine.bundle import Bundle
from engine.evaluate import Outcome, SectionResult
from engine.export_markdown import escape_text
from engine.models import REFERRAL_LABELS
from engine.pathway import build_pathway
from engine.summary import (
    SECTIONS_INTRO,
    WITH_CAUTION,
    decision_in_words,
    helper_steps,
    past_review_note,
    reader_note,
    reviewed_in_words,
    unsure_note,
)

# Review 10 (c10-3): a tired reader stops after a screen or two; the one action that helps most (the summary,
# taken to a visit) sat 40 phone screens down. Worded so it never reads as an order or a plan.
NEXT_STEPS = ("**You do not need to read all of this.** A good next step could be a visit with your doctor or "
              f"prescriber, with your summary ([download it here](#{TAKEAWAY_ANCHOR})). Each section has questions "
              "to ask: pick two or three that matter most to you.")


def render_results(bundle: Bundle, outcome: Outcome) -> None:
    st.title("Your information sections", anchor=False)
    # Review a16 (a16-5): the notes and cautions look as before but are not live regions. Twelve alerts read out
    # at once as the page opened cut off its heading and buried the one that matters: the first path note (get
    # help now, see a doctor today) is the only alert.
    said = reader_note(outcome.answers)
    if said:  # before the crisis text: a carer read its "you" as themselves (review 11, f11-3)
        steps = helper_steps(outcome.answers, outcome.crisis_help)  # and what a helper can do now (review 12, s12-3)
        note(said + (f"\n\n**{dial(steps)}**" if steps else ""), tone="info", key="reader", icon=":material/group:")
    # The first tier (safety: crisis support after a worrying answer) comes before everything else.
    first = [s for s in outcome.sections if s.tier == bundle.tiers[0].id]
    for section in first:
        _render_section(bundle, section)
    # The path's notes (see a psychiatrist first, a doctor today) before anything else, not only on the path.
    pathway = build_pathway(bundle, outcome)
    for i, text in enumerate(pathway.notes):
        if i == 0:
            st.warning(link_to_help(text), icon=":material/priority_high:")  # role=alert: the one said at once
        else:
            note(link_to_help(text), tone="warning", key=f"path_{i}", icon=":material/priority_high:")
    overdue = past_review_note(bundle, outcome.section_ids, date.today())
    if overdue:  # review 14 (r14-6): not only beside a section's sources, in a folded box
        note(overdue, tone="warning", key="overdue", icon=":material/update:")
    st.markdown(f"**The decision.** {decision_in_words(outcome.crisis)}")
    st.write(SECTIONS_INTRO)
    unsure = unsure_note(outcome.answers)
    if unsure:  # after several "I'm not sure" answers: that is fine, and some cautions may not fit (l16-6)
        note(unsure, tone="info", key="unsure", icon=":material/info:")
    note(NEXT_STEPS, tone="info", key="next_steps", icon=":material/event:")
    _at_a_glance(outcome)
    answers = state.answers()
    chosen = render_comparison(bundle, outcome, answers)
    tiers = {tier.id: tier for tier in bundle.tiers}
    for tier_id, grouped in groupby(outcome.sections[len(first):], key=lambda s: s.tier):  # the engine orders by tier
        sections = list(grouped)
        tier = tiers[tier_id]
        st.header(tier.label, anchor=False)
        if tier.intro:
            st.write(tier.intro)
        reasons = dict.fromkeys(r for s in sections for r in s.placed_early)
        if reasons:
            st.markdown("**Why these come first**\n\n" + "\n".join(f"- {reason}" for reason in reasons))
        for section in sections:
            _render_section(bundle, section)
    render_path(bundle, pathway)
    render_takeaway(bundle, answers, chosen)
    render_help_reminder(bundle)
    back, _ = st.columns(2)
    back.button("Back to my answers", key="nav_back__results", on_click=state.go_back, args=(bundle, state.here()),
                width="stretch")


def _at_a_glance(outcome: Outcome) -> None:
    """One line per section, each linking down to it (the section's first sentence)."""
    st.header("Your results at a glance", anchor=False)
    lines = []
    for section in outcome.sections:
        first = section.summary.split(". ")[0].rstrip(".") + "."
        note = WITH_CAUTION if section.cautions else ""
        lines.append(f"- [{section.title}](#{section.id.replace('_', '-')}){note}: {first}")
    st.markdown("\n".join(lines))


def _render_section(bundle: Bundle, section: SectionResult) -> None:
    content = bundle.content[section.id]
    front = content.front
    with st.container(border=True, key=f"section_{section.id}"):
        st.subheader(section.title, anchor=section.id.replace("_", "-"))
        st.write(section.summary)
        for i, caution in enumerate(section.cautions):
            note(f"**Caution: {caution.label}.** {caution.text}", tone="warning", key=f"caution_{section.id}_{i}",
                 icon=":material/warning:")
        with st.expander(f"Why am I seeing this? ({section.title})"):  # thirteen alike could not be told apart
            st.markdown("\n".join(f"- {line}" for line in section.why_lines))
        # One Markdown element for the three short parts: each element costs the browser a parse.
        st.markdown(f"**Who to talk to:** {REFERRAL_LABELS[front.referral.to]}. {front.referral.text}\n\n"
                    f"**When it is urgent:** {link_to_help(front.referral.urgent_when)}\n\n"
                    "**Questions to ask**\n\n" + "\n".join(f"- {q}" for q in front.questions_to_ask))
        # The full text is sent only once the person opens it (it is most of the page's
        # weight: the browser would otherwise parse every section's Markdown on each render).
        more = st.expander(f"Read more: {section.title}", key=f"more_{section.id}", on_change="rerun")
        if more.open:
            with more:
                st.markdown(link_to_help(headings_as_bold(content.body)))
        sources = escape_text("; ".join(s.label for s in front.sources))  # "STAR*D" twice would make italics
        reviewed = reviewed_in_words(front.reviewed_on, bundle.meta.review_cycle_months, date.today())
        # Folded (review 10, c10-4): a third of the page was journal titles between sections; the PDF, the
        # Markdown and About keep them in full.
        with st.expander(f"Sources: {section.title}"):
            st.caption(f"Sources: {sources}")
        st.caption(f"Last reviewed: {reviewed}.")
