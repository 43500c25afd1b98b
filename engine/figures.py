"""Outcome figures as words and as pictures of 100 people (icon arrays), from one place.

Pure. `figure_text` is the text equivalent a screen reader and the Markdown export give;
`icon_array` is a Vega-Lite specification that the app draws (st.vega_lite_chart) and the
PDF renders to an image (vl-convert), so the picture is the same everywhere. The picture
never relies on colour: people with the outcome are filled figures, the span of a range
(between the results of the medicines or trials it covers) is outlined figures, the rest
are small open circles, and one key under both arrays names each. It has one fixed size
that fits a phone (the two arrays side by side), so a person is drawn the same size in
both arrays and in every picture.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from engine.bundle import Bundle
from engine.models import OutcomeFigure, OutcomeTerm, PerHundred

STUDY_WORDS = {
    "meta_analysis": "a review of several trials",
    "rct": "a randomised trial (chance decided who got which treatment)",
    "open_label": "an open study, where people knew their treatment",
    "observational": "a study that followed people over time",
    "guideline_summary": "a guideline's summary",
}
# A randomised figure whose range spans trials came from more than one (review e19, e19-2).
SEVERAL_TRIALS = "several randomised trials (chance decided who got which treatment)"
# What a range spans, in the picture's key (short enough for a phone) and in the text equivalent. A range
# is never drawn as doubt: both kinds are results that were measured.
RANGE_WORDS = {
    "medicines": ("Between the medicines' results", "The range covers the results of the medicines tested."),
    "trials": ("Between the trials' results", "The range covers the results of different trials."),
}
# A person, drawn as an SVG path for Vega-Lite's point mark (head and shoulders).
PERSON = ("M -0.35 -0.55 A 0.3 0.3 0 1 1 0.35 -0.55 A 0.3 0.3 0 1 1 -0.35 -0.55 Z "
          "M -0.75 1 L -0.75 0.35 Q -0.75 -0.05 -0.35 -0.05 L 0.35 -0.05 Q 0.75 -0.05 0.75 0.35 L 0.75 1 Z")


@dataclass(frozen=True)
class FigureView:
    """One figure with the words it needs: the option's name and the outcome term."""

    option: str  # the option's short label, e.g. "TMS"
    figure: OutcomeFigure
    term: OutcomeTerm


def per_100(value: PerHundred) -> str:
    """'about 29 in 100' or 'about 61 to 84 in 100': whole numbers only, never false precision."""
    return f"about {value[0]} to {value[1]} in 100" if isinstance(value, tuple) else f"about {value} in 100"


def study_words(figure: OutcomeFigure) -> str:
    """What kind of study a figure comes from, in words; plural when its range spans several trials."""
    if figure.study == "rct" and figure.range_covers == "trials":
        return SEVERAL_TRIALS
    return STUDY_WORDS[figure.study]


def figure_text(view: FigureView) -> str:
    """The text equivalent of the picture, in one or two sentences."""
    f = view.figure
    said = f"{view.option}: {per_100(f.with_option)} people {view.term.words}"
    study = study_words(f)
    spans = f" {RANGE_WORDS[f.range_covers][1]}" if f.range_covers else ""
    if f.with_comparator is None:
        return f"{said}, {f.time_frame}. This comes from {study}, with no comparison group.{spans}"
    return (f"{said}, compared with {per_100(f.with_comparator)} with {f.comparator_label}, {f.time_frame}. "
            f"This comes from {study}.{spans}")


def figure_caption(view: FigureView) -> str:
    """What the app, the PDF and the Markdown say under every picture: what its outcome words mean (a study's
    "response" is not everyday "better"), how sure, and who was studied."""
    return (f"What \"{view.term.words}\" means here: {view.term.meaning} How sure are we? {view.figure.certainty} "
            f"Who was studied: {view.figure.population.rstrip('.')}.")


def figures_for_age(figures: Iterable[OutcomeFigure], age: str | None) -> list[OutcomeFigure]:
    """The figures that speak to a person of this age group (a code, or None when not answered), a trial of
    their age range first: at 60 and over, OPTIMUM's figures before trials of younger adults (review 13,
    g13-3). A trial of another age range only is left out."""
    fitting = [f for f in figures if not f.ages or age in f.ages]
    return sorted(fitting, key=lambda f: not f.ages)  # stable: the file's order within each group


def main_figures(bundle: Bundle, section_id: str, age: str | None) -> list[FigureView]:
    """The option's first benefit figure and first harm figure for this age group (the ones drawn as pictures),
    each named by what its trial gave where that is only part of the option."""
    content = bundle.content[section_id]
    label = content.front.comparison.option_label if content.front.comparison else content.front.title
    fitting = figures_for_age(content.front.outcomes, age)
    firsts = [next((f for f in fitting if f.kind == kind), None) for kind in ("benefit", "harm")]
    return [FigureView(f.given or label, f, bundle.outcome_terms[f.outcome]) for f in firsts if f is not None]


def _people(value: PerHundred) -> list[str]:
    low, high = value if isinstance(value, tuple) else (value, value)
    return ["yes"] * low + ["range"] * (high - low) + ["no"] * (100 - high)


def in_sentence(label: str) -> str:
    """An option's label inside a sentence: "keep current treatment and review it", but "TMS" stays "TMS"."""
    first = label.split(" ", 1)[0]
    return label if len(first) > 1 and first[:2].isupper() else label[:1].lower() + label[1:]


def _groups(view: FigureView) -> list[tuple[str, PerHundred]]:
    f = view.figure
    groups = [(f"With {in_sentence(view.option)}", f.with_option)]
    if f.with_comparator is not None:
        groups.append((f"With {f.comparator_label}", f.with_comparator))
    return groups


# The picture's size, chosen so that two arrays side by side and the key under them fit the
# narrowest common phone (a 360 px screen leaves about 296 px inside a picture's card): each
# array is a fixed square, so a person is the same size in both, on a phone and on a desk.
ARRAY_SIDE = 120  # px, one 10 x 10 array (12 px a person)
ARRAY_GAP = 24  # px between the two arrays
TITLE_CHARS = 16  # a group's name wraps to lines of at most this many characters (fits ARRAY_SIDE)
PICTURE_WIDTH = 2 * ARRAY_SIDE + ARRAY_GAP + 10  # with Vega's 5 px padding either side


# The picture's accessible name. The sentence printed right under it is its text equivalent: naming the picture
# with that sentence too made a screen reader read every sentence twice (review a9-10).
# Review 15 (n15-2, n15-13): one key, for the app and both files, that names every mark a picture can use.
PICTURES_INTRO = ("Each picture shows 100 people like those in the study or studies named under it. Filled figures "
                  "had the result, open circles did not, and outlined figures, where shown, are the span between "
                  "results. Each picture compares one option with what its own study compared it with: do not "
                  "compare one picture with another.")
FIGURE_KIND = {"benefit": "What may help", "harm": "A possible harm"}


def picture_title(view: FigureView) -> str:
    """The heading over a picture. A trial against another treatment is titled as one (review 17, f17-2): "What may
    help" over keeping's figure, the dummy-pill arm of an add-on trial, drew keeping as the loser of a contest."""
    figure = view.figure
    if figure.kind == "benefit" and figure.comparator == "active":
        return f"{view.option}: in a trial against {figure.comparator_label}"
    return f"{view.option}: {FIGURE_KIND[figure.kind]}"
PICTURE_NAME = "A picture of 100 people for each group. The sentence under it says what it shows."


def icon_array(view: FigureView) -> dict:
    """A Vega-Lite spec: one 10 x 10 grid of people per group side by side, filled row by row from the top left.

    One key under both grids (the same marks mean the same thing in each); the sentence printed under the
    picture (`figure_text`) is its text equivalent, and `description` (its name) points there.
    """
    span = RANGE_WORDS[view.figure.range_covers][0] if view.figure.range_covers else ""
    words = {"yes": view.term.words.capitalize(), "range": span, "no": "Did not have this result"}
    groups = [(name, _people(value)) for name, value in _groups(view)]
    shown = [k for k in ("yes", "range", "no") if any(k in people for _, people in groups)]
    # Shared scales (resolve below): the same domain and ranges in every panel, so one key and one icon size.
    domain = {"domain": [words[k] for k in shown]}
    legend = {"orient": "bottom", "title": None, "labelFontSize": 12, "labelLimit": PICTURE_WIDTH - 30,
              "direction": "vertical", "symbolSize": 120, "aria": False}
    encoding = {
        "x": {"field": "col", "type": "ordinal", "axis": None},
        "y": {"field": "row", "type": "ordinal", "axis": None},
        "shape": {"field": "status", "type": "nominal", "legend": legend,
                  "scale": {**domain, "range": [PERSON if k != "no" else "circle" for k in shown]}},
        "fill": {"field": "status", "type": "nominal", "legend": legend,
                 "scale": {**domain, "range": ["#1d3f91" if k == "yes" else "#ffffff" for k in shown]}},
        # An ordinal scale gives each status its own size (Vega-Lite's default here, a point scale,
        # takes only the first two sizes and drew "did not" as large as a person beside a range).
        "size": {"field": "status", "type": "nominal", "legend": legend,
                 "scale": {**domain, "type": "ordinal", "range": [80 if k != "no" else 28 for k in shown]}},
    }
    panels = [{
        # aria false: a screen reader hears the chart's one text equivalent, not the titles and 100 points.
        "title": {"text": textwrap.wrap(name, TITLE_CHARS, break_long_words=False, break_on_hyphens=False),
                  "fontSize": 13, "fontWeight": "normal", "color": "#1a1a1a", "aria": False},
        "data": {"values": [{"col": i % 10, "row": i // 10, "status": words[p]} for i, p in enumerate(people)]},
        "mark": {"type": "point", "strokeWidth": 1.2, "stroke": "#1d3f91", "opacity": 1, "aria": False},
        "width": ARRAY_SIDE, "height": ARRAY_SIDE,
        "encoding": encoding,
    } for name, people in groups]
    return {"$schema": "https://vega.github.io/schema/vega-lite/v5.json",
            "description": PICTURE_NAME,
            "hconcat": panels, "spacing": ARRAY_GAP,
            "resolve": {"scale": {"shape": "shared", "fill": "shared", "size": "shared"},
                        "legend": {"shape": "shared", "fill": "shared", "size": "shared"}},
            "config": {"view": {"stroke": None}, "font": "DejaVu Sans", "legend": {"labelColor": "#1a1a1a"}}}


def text_picture(view: FigureView) -> list[str]:
    """The picture as text, for the Markdown export: ten rows of ten symbols per group, with a key."""
    marks = {"yes": "●", "range": "◐", "no": "○"}
    groups = _groups(view)
    covers = view.figure.range_covers
    span = f"; ◐ {RANGE_WORDS[covers][0].lower()}." if covers else "."
    lines = [f"Key: ● {view.term.words}; ○ did not" + span]
    for name, value in groups:
        people = [marks[p] for p in _people(value)]
        lines += [f"{name}:", *("    " + "".join(people[r * 10:(r + 1) * 10]) for r in range(10))]
    return lines
