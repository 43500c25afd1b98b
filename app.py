"""TRD Navigator: entry point only (page config, the frame every page shares, navigation)."""

import streamlit as st

from components import state
from components.errors import render_bundle_error
from components.frame import render_crisis_banner, render_notice
from components.loading import get_bundle
from components.pages import about_page, questionnaire_page

st.set_page_config(page_title="TRD Navigator", page_icon=":material/explore:", layout="centered")

bundle, error = get_bundle()
if bundle is None:
    render_bundle_error(error)
    st.stop()

state.init(bundle)
render_crisis_banner(bundle, state.answers())
render_notice()
navigation = st.navigation(
    [
        st.Page(lambda: questionnaire_page(bundle), title="Questionnaire", url_path="questionnaire",
                default=True, icon=":material/checklist:"),
        st.Page(lambda: about_page(bundle), title="About and sources", url_path="about",
                icon=":material/info:"),
    ],
    position="top",
)
navigation.run()
render_notice()
