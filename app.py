"""TRD Navigator: entry point only (page config, the frame every page shares, navigation)."""

import streamlit as st

import components.reaper  # noqa: F401 - once per process: closed sessions' answers go when their time is up
import components.warmup  # noqa: F401 - once per process: heavy libraries load in the background, not on a click
from components import state
from components.errors import render_bundle_error
from components.frame import NOTICE, STYLES, render_crisis_banner
from components.loading import get_bundle

# No :material: icons for pages or the tab: the browser would fetch those from Google's servers.
PAGE = {"page_title": "TRD Navigator", "page_icon": "🧭"}
WIDE_PAGES = {"clinician"}  # wide tables; the person's pages stay narrow and easy to read
# The questionnaire page's screens that name themselves in the tab (nothing there about the person's answers).
TAB_TITLES = {"review": "Check your answers", "results": "Your results"}

bundle, error = get_bundle()
if bundle is None:
    st.set_page_config(**PAGE, layout="centered")
    render_bundle_error(error)
    st.stop()

state.init(bundle)
pages = {
    "questionnaire": st.Page("components/pages/questionnaire.py", title="Questionnaire", url_path="questionnaire",
                             default=True),
    "clinician": st.Page("components/pages/clinician.py", title="Clinician view", url_path="clinician"),
    "about": st.Page("components/pages/about.py", title="About and sources", url_path="about"),
}
navigation = st.navigation(list(pages.values()), position="top")
# Once per run: a second call in the same run is not reliably re-sent to the browser. Each page names
# itself in the browser tab (and to a screen reader on arrival), then the product.
on_questionnaire = navigation.url_path == pages["questionnaire"].url_path
title = TAB_TITLES.get(state.view(), navigation.title) if on_questionnaire else navigation.title
st.set_page_config(**{**PAGE, "page_title": f"{title} – {PAGE['page_title']}"},
                   layout="wide" if navigation.url_path in WIDE_PAGES else "centered")
st.html(STYLES)
on_support = on_questionnaire and state.view() == "support"
render_crisis_banner(bundle, state.answers(), on_support=on_support)
# Question steps after the first, and the supportive screen (review 12, s12-8), carry the notice once, at the foot:
# above, it pushed each new question half a phone screen down (review 10, c10-5), and on the supportive screen it
# came between the help lines and the first kind words. Every page still has it; the first step, review and
# results at the top too.
later_step = on_questionnaire and state.view() == "step" and state.current_step() != bundle.steps[0].id
if not (later_step or on_support):
    st.caption(NOTICE)
requested = state.pop_page_request()  # a callback (loading a persona) asked for another page
if requested in pages and navigation.url_path != pages[requested].url_path:
    st.switch_page(pages[requested])
navigation.run()
st.caption(NOTICE)
