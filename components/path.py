"""The treatment-path picture, with the same information in words underneath."""

from __future__ import annotations

import streamlit as st

from components.frame import link_to_help
from engine.bundle import Bundle
from engine.pathway import Pathway


def render_path(bundle: Bundle, pathway: Pathway) -> None:
    st.header("Your treatment path so far", anchor=False)
    st.write("The usual steps of treatment for depression that has not got better. It is a general "
             "picture, not a plan: your clinician may suggest a different order.")
    st.caption("✓ and grey: you have tried or checked this, at least in part. "
               f"Thick border: {bundle.path.pointed.lower()}. Dashed border: an optional extra, not a routine step.")
    with st.container(key="path_picture"):
        st.graphviz_chart(pathway.dot, alt="Diagram of the usual treatment path. The same information "
                                           "is written out in the list below it.")
    st.subheader("The path in words", anchor=False)
    st.markdown(link_to_help("\n".join(f"- {sentence}" for sentence in pathway.text)))
