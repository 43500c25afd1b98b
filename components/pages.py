"""The top-level pages. Each is thin: it picks what to render from the state."""

from __future__ import annotations

from components import state
from components.about import render_about
from components.browser import land
from components.frame import render_demo_label
from components.questionnaire import render_step
from components.restart import render_restart
from components.results import render_results
from components.review import render_review
from components.support import render_support
from engine.answers import to_saved_progress
from engine.bundle import Bundle
from engine.evaluate import evaluate


def questionnaire_page(bundle: Bundle) -> None:
    current = state.view()
    heading = None  # the results page: its first heading
    render_demo_label()
    if current == "results":
        render_results(bundle, evaluate(bundle, state.answers()))
    elif current == "review":
        heading = render_review(bundle)
    elif current == "support":
        heading = render_support(bundle)
    else:
        heading = render_step(bundle)
    render_restart(bundle)
    land(state.screen_key(), heading, saved=saved_now(bundle))


def saved_now(bundle: Bundle) -> str | None:
    """The answers as a saved-progress file (for the browser helper), or None when there are none."""
    return to_saved_progress(state.answers(), bundle.content_version) if state.answers() else None


def about_page(bundle: Bundle) -> None:
    render_about(bundle)
