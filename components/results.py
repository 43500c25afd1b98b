"""The results page: sections in the engine's order, each explaining itself."""

from __future__ import annotations

import streamlit as st

from components import state
from components.compare import render_comparison
from components.markdown import headings_as_bold
from components.path import render_path
from components.takeaway import render_takeaway
from engine.bundle import Bundle
from engine.evaluate import Outcome, SectionResult
from engine.models import REFERRAL_LABELS


def render_results(bundle: Bundle, outcome: Outcome) -> None:
    st.title("Your information sections")
    st.write(
        "These sections were chosen from your answers. They are not a diagnosis and not a "
        "treatment plan. Take them to your clinician to talk through what fits you."
    )
    tier_labels = {tier.id: tier.label for tier in bundle.tiers}
    current_tier = None
    for section in outcome.sections:
        if section.tier != current_tier:
            current_tier = section.tier
            st.header(tier_labels[section.tier], anchor=False)
            reasons = dict.fromkeys(r for s in outcome.sections if s.tier == current_tier for r in s.placed_early)
            if reasons:
                st.markdown("**Why these come first**\n\n" + "\n".join(f"- {reason}" for reason in reasons))
        _render_section(bundle, section)
    answers = state.answers()
    render_path(bundle, outcome)
    chosen = render_comparison(bundle, outcome, answers)
    render_takeaway(bundle, answers, chosen, outcome)
    back, _ = st.columns(2)
    back.button("Back to my answers", key="nav_back", on_click=state.go_back, args=(bundle,),
                width="stretch")


def _render_section(bundle: Bundle, section: SectionResult) -> None:
    content = bundle.content[section.id]
    front = content.front
    with st.container(border=True, key=f"section_{section.id}"):
        st.subheader(section.title, anchor=False)
        st.write(section.summary)
        for caution in section.cautions:
            st.warning(f"**Caution: {caution.label}.** {caution.text}", icon=":material/warning:")
        with st.expander("Why am I seeing this?"):
            st.markdown("\n".join([*(f"- {line}" for line in section.why),
                                    *(f"- Listed early: {reason}" for reason in section.placed_early)]))
        # One Markdown element for the three short parts: each element costs the browser a parse.
        st.markdown(f"**Who to talk to:** {REFERRAL_LABELS[front.referral.to]}. {front.referral.text}\n\n"
                    f"**When it is urgent:** {front.referral.urgent_when}\n\n"
                    "**Questions to ask**\n\n" + "\n".join(f"- {q}" for q in front.questions_to_ask))
        # The full text is sent only once the person opens it (it is most of the page's
        # weight: the browser would otherwise parse every section's Markdown on each render).
        more = st.expander(f"Read more: {section.title}", key=f"more_{section.id}", on_change="rerun")
        if more.open:
            with more:
                st.markdown(headings_as_bold(content.body))
        sources = "; ".join(f"{s.cite} ({s.year})" for s in front.sources)
        st.caption(f"Sources: {sources}  \nLast reviewed: {front.reviewed_on:%d %B %Y}")
