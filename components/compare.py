"""Option comparison: the person picks options; rows are the questions people ask, columns the options.

It starts from the person: the keep-and-review baseline and the options they said they are
open to. What the person said matters (`open_to`, `concerns`) only adds a ★ (text, so
screen readers say it too; on a phone the starred row is also tinted). It never hides
an option or a row. The grid is drawn twice, as a table for a wide screen and as one block
per option for a phone (option, then each question and its answer); the page's stylesheet
(frame.STYLES) shows one of the two, so a screen reader meets only the one on screen. Under
the grid, each chosen option's main benefit and harm are drawn as pictures of 100 people,
each with the same information in words beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import streamlit as st

from components import state
from components.frame import note
from engine.bundle import Bundle
from engine.comparison import (
    NUMBERS_NOTE,
    ComparisonTable,
    comparable_options,
    comparison_pictures,
    comparison_table,
    highlighted_options,
    pictures_not_drawn,
    starting_options,
)
from engine.evaluate import Outcome
from engine.figures import PICTURES_INTRO, figure_caption, figure_text, icon_array, picture_title

STAR = "★"
OPTION_STAR = f"{STAR} after an option: a kind of treatment you said you would like to talk about. It is not a rating."
# Review 15 (n15-5): eight options made a grid wider than its box; the last columns (ECT, research
# treatments) were cut off at a desktop width. Past this many, every screen gets one block per option.
GRID_MOST = 4
MATTERS = ' class="matters"'  # a starred row of an option's block (tinted by frame.STYLES)


def render_comparison(bundle: Bundle, outcome: Outcome, answers: dict[str, Any]) -> list[str]:
    """Draw the picker, the grid and the pictures; return the chosen options (they go into the summary)."""
    import pandas as pd  # only the results page needs it; warmed at start-up

    st.header("Compare treatment options", anchor=False)
    offered = comparable_options(bundle, outcome)
    if not offered:
        st.write("Your results do not include treatment options to compare.")
        return []
    open_to = highlighted_options(bundle, answers)
    asked_for = any(option in open_to for option in offered)  # a star after an option (OPTION_STAR)
    labels = {option: bundle.content[option].front.comparison.option_label for option in offered}

    def label(option: str) -> str:
        return f"{labels[option]} {STAR}" if option in open_to else labels[option]

    # The person's choice, or the starting set until they choose.
    choice = state.compare_choice()
    chosen = starting_options(bundle, outcome, answers) if choice is None else [o for o in choice if o in offered]
    st.write("We started with keeping your current treatment and reviewing it, and with the options you said you "
             "are open to. That is not a recommendation: add or remove any option.")
    if asked_for:  # the first stars are in the choices just below (v20-5)
        st.caption(OPTION_STAR)
    st.multiselect("Options to compare", offered, **state.compare_widget(chosen), format_func=label,
                   placeholder="Choose options to compare")
    if not chosen:
        st.info("Choose one or more options above to see them side by side.")
        return []
    st.write(NUMBERS_NOTE)
    table = comparison_table(bundle, chosen, answers=answers)
    _notes(table.notes, "table")
    # What a star means, before the stars: on a shared screen, after the grid, they read as a rating (k19-6).
    st.caption(_star_key(table, asked_for))
    columns = [label(column.option_id) for column in table.columns]
    index = [f"{row.question} {STAR}" if row.highlighted else row.question for row in table.rows]
    frame = pd.DataFrame([list(row.cells) for row in table.rows], index=pd.Index(index, name="Question"),
                         columns=columns)
    wide = len(table.columns) > GRID_MOST
    if not wide:
        with st.container(key="compare_table"):  # wide screens (frame.STYLES)
            st.table(frame)
    # Phones, and every screen past GRID_MOST options: the same grid, one block per option.
    with st.container(key="compare_blocks_all" if wide else "compare_blocks"):
        for i, column in enumerate(table.columns):
            with st.container(border=True, key=f"compare_block_{column.option_id}"):
                st.html(_option_block(columns[i], [(question, row.cells[i], row.highlighted)
                                                   for question, row in zip(index, table.rows, strict=True)]))
    _pictures(bundle, chosen, answers, table.notes)
    return chosen


def _star_key(table: ComparisonTable, asked_for: bool) -> str:
    """What a star after a question or an option means (stars only highlight)."""
    notes = []
    worries = sorted({worry for row in table.rows for worry in row.because})
    if worries:
        notes.append(f"{STAR} after a question: it speaks to something you said worries you "
                     f"({'; '.join(worries)}).")
    if asked_for:
        notes.append(OPTION_STAR)
    notes.append("Stars only highlight. Nothing is left out because of your answers.")
    return " ".join(notes)


def _option_block(option: str, rows: list[tuple[str, str, bool]]) -> str:
    """One option as a heading, then each question (bold) with its answer under it; starred rows are tinted.

    Every text is escaped: content is shown as written and never becomes markup.
    """
    items = []
    for question, answer, starred in rows:
        tint = MATTERS if starred else ""
        items.append(f"<dt{tint}>{escape(question)}</dt><dd{tint}>{escape(answer)}</dd>")
    return f"<h3>{escape(option)}</h3><dl>{''.join(items)}</dl>"


def _notes(notes: tuple[str, ...], where: str) -> None:
    """What the figures do not cover for this person, before the numbers are read (rules/comparison.yaml).
    Not a live region (review a16, a16-5): it is there when the page opens, not news to announce."""
    for i, text in enumerate(notes):
        note(text, tone="info", key=f"compare_{where}_{i}", icon=":material/info:")


def _pictures(bundle: Bundle, chosen: list[str], answers: Mapping[str, Any], notes: tuple[str, ...]) -> None:
    st.subheader("Pictures of 100 people", anchor=False)
    st.write(f"{PICTURES_INTRO} The words under each picture say the same thing.")
    _notes(notes, "pictures")
    for i, view in enumerate(comparison_pictures(bundle, chosen, answers)):
        with st.container(border=True, key=f"picture_{i}_{view.figure.kind}"):
            st.markdown(f"**{picture_title(view)}**")
            # The picture's name (figures.PICTURE_NAME) points to the sentence printed under it.
            st.vega_lite_chart(icon_array(view), width="content", theme=None)
            st.markdown(figure_text(view))
            st.caption(figure_caption(view))
    for i, said in enumerate(pictures_not_drawn(bundle, chosen, answers)):
        note(said, tone="info", key=f"pictures_not_drawn_{i}", icon=":material/info:")
