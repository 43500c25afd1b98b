"""Page script: the person's questionnaire, the safety support screen, review and results.

Thin: it picks what to render from the state; st.navigation (app.py) and AppTest both run it.
"""

import streamlit as st

from components import state
from components.browser import land
from components.frame import render_demo_label
from components.loading import get_bundle
from components.questionnaire import render_step
from components.restart import render_restart
from components.results import render_results
from components.review import render_review
from components.support import render_support
from engine.evaluate import evaluate

bundle, _ = get_bundle()
if bundle is not None:  # app.py has already shown the error page otherwise
    heading = None  # the results page: its first heading
    render_demo_label(bundle)
    if state.demo(bundle):  # a clinician's demo, some of it still made up: one click back to the personas
        st.button("Back to the clinician view", key="to_clinician", on_click=state.open_clinician)
    if state.view() == "results":
        render_results(bundle, evaluate(bundle, state.answers()))
    elif state.view() == "review":
        heading = render_review(bundle)
    elif state.view() == "support":
        heading = render_support(bundle)
    else:
        heading = render_step(bundle)
    render_restart(bundle)
    land(bundle, heading)
