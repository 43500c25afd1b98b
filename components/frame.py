"""What every page shows: the crisis banner and the non-diagnostic notice."""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import state
from engine.bundle import Bundle
from engine.evaluate import crisis_help, crisis_now

NOTICE = (
    "**This tool does not diagnose and does not give medical advice.** It gives general "
    "information to talk through with a clinician. Do not change or stop any medicine "
    "without talking to your prescriber."
)


def render_crisis_banner(bundle: Bundle, answers: dict[str, Any]) -> None:
    """Crisis lines for the person's region, at the top of every page, from the first screen on."""
    region = answers.get("region")
    with st.container(key="crisis_banner"):
        if region in bundle.regions:
            help_now = crisis_help(bundle, state.path(bundle).effective)
            lines = " · ".join(f"**{r.name}**: {r.contact}" for r in help_now.lines)
            text = f"**Need help now?** {lines}. {help_now.emergency}."
        else:
            parts = []
            for info in bundle.regions.values():
                first = info.lines[0]
                parts.append(f"{info.label}: {first.contact}")
            text = ("**Need help now?** " + " · ".join(parts)
                    + ". If you are in immediate danger, call your local emergency number.")
        if crisis_now(bundle, answers, counted=state.path(bundle).effective):
            st.error(text, icon=":material/support:")
        else:
            st.info(text, icon=":material/support:")


def render_notice() -> None:
    st.caption(NOTICE)


# Static CSS (no person's text ever reaches it): captions dark enough for WCAG AAA
# contrast (Streamlit fades them from the text colour, to about 3.9:1), and a focus
# ring a keyboard user can see on radios, checkboxes, top navigation and the page.
STYLES = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  color: #3d3d3d !important; opacity: 1 !important; }
label:has(input:focus-visible), [data-testid="stTopNavLink"]:focus-visible,
[data-testid="stMain"]:focus-visible { outline: 2px solid #1d3f91 !important; outline-offset: -2px; }
[data-testid="stTable"] th, [data-testid="stTable"] th * { color: #1a1a1a !important; opacity: 1 !important; }
</style>"""


def render_styles() -> None:
    st.html(STYLES)
