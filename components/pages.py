"""The top-level pages. Each is thin: it picks what to render from the state."""

from __future__ import annotations

from components import state
from components.about import render_about
from components.questionnaire import render_step
from components.restart import render_restart
from components.results import render_results
from components.review import render_review
from engine.bundle import Bundle
from engine.evaluate import evaluate


def questionnaire_page(bundle: Bundle) -> None:
    current = state.view()
    if current == "results":
        render_results(bundle, evaluate(bundle, state.answers()))
    elif current == "review":
        render_review(bundle)
    else:
        render_step(bundle)
    render_restart(bundle)


def about_page(bundle: Bundle) -> None:
    render_about(bundle)
