"""The friendly page shown when the rules or content are broken: never a traceback."""

from __future__ import annotations

import streamlit as st

from engine.bundle import BundleError

FALLBACK_CRISIS = (
    "**Need help now?** If you are in danger now, call your local emergency number. "
    "That is 911 in the US and Canada, 999 in the UK, 000 in Australia, 111 in New Zealand, "
    "and 112 in Ireland and India. In the US and Canada, call or text 988. "
    "In the UK and Ireland, call Samaritans on 116 123. In Australia, call Lifeline on 13 11 14. "
    "In New Zealand, call or text 1737. In India, call Tele-MANAS on 14416."
)


def render_bundle_error(error: BundleError) -> None:
    st.error(FALLBACK_CRISIS)
    st.title("TRD Navigator is not available right now", anchor=False)
    st.write(
        "Something is wrong with the tool's information files, so we have stopped rather "
        "than show you anything that might be wrong. Your answers have not been saved "
        "anywhere. Please try again later, or talk to your clinician."
    )
    with st.expander(f"Details for the people who run this tool ({len(error.problems)} problems)"):
        st.code("\n".join(str(p) for p in error.problems), language=None)
