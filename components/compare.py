"""Option comparison: the person picks options; rows are the questions people ask, columns the options.

What the person said matters (`open_to`, `concerns`) only adds a ★ (text, so screen
readers say it too). It never hides an option or a row: every option in the results can
be compared. No colour tint: a pandas Styler cost about a fifth of each results render.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from components import state
from engine.bundle import Bundle
from engine.comparison import comparable_options, comparison_table, highlighted_options
from engine.evaluate import Outcome

STAR = "★"
DEFAULT_COUNT = 2


def chosen_options(bundle: Bundle, outcome: Outcome) -> list[str]:
    """The options to compare: the person's choice, or the first two in their results until they choose."""
    offered = comparable_options(bundle, outcome)
    choice = state.compare_choice()
    if choice is None:
        return offered[:DEFAULT_COUNT]
    return [option for option in choice if option in offered]


def render_comparison(bundle: Bundle, outcome: Outcome, answers: dict[str, Any]) -> list[str]:
    """Draw the picker and the grid; return the chosen options (they go into the summary)."""
    import pandas as pd  # only the results page needs it; keeps the first screen light

    st.header("Compare treatment options", anchor=False)
    offered = comparable_options(bundle, outcome)
    if not offered:
        st.write("Your results do not include treatment options to compare.")
        return []
    open_to = highlighted_options(bundle, answers)
    labels = {option: bundle.content[option].comparison.option_label for option in offered}

    def label(option: str) -> str:
        return f"{labels[option]} {STAR}" if option in open_to else labels[option]

    chosen = chosen_options(bundle, outcome)
    st.write("Pick the options you want to see side by side. We started with the first two in your "
             "results; that is not a recommendation, and you can add or remove any.")
    st.multiselect("Options to compare", offered, key=state.seed_compare(chosen), format_func=label,
                   on_change=state.on_compare_change, placeholder="Choose options to compare")
    if not chosen:
        st.info("Choose one or more options above to see them side by side.")
        return []
    table = comparison_table(bundle, chosen, answers=answers)
    columns = [label(column.option_id) for column in table.columns]
    index = [f"{row.question} {STAR}" if row.highlighted else row.question for row in table.rows]
    frame = pd.DataFrame([list(row.cells) for row in table.rows], index=pd.Index(index, name="Question"),
                         columns=columns)
    st.table(frame)
    notes = []
    worries = sorted({label for row in table.rows for label in row.because})
    if worries:
        notes.append(f"{STAR} after a question: it speaks to something you said worries you "
                     f"({'; '.join(worries)}).")
    if any(option in open_to for option in offered):
        notes.append(f"{STAR} after an option: a kind of treatment you said you are open to.")
    notes.append("Stars only highlight. Nothing is left out because of your answers.")
    st.caption(" ".join(notes))
    return chosen
