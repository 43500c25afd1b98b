"""Pictures of 100 people as drawn: they fit a phone, a person is one size everywhere, the words read well.

Each picture is rendered to SVG with vl-convert, the renderer the PDF uses, from the same
Vega-Lite spec the app draws, and read back: its width, its key, and the drawn icons.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
import vl_convert

from engine.export_pdf import summary_to_pdf
from engine.figures import (
    PICTURE_NAME,
    FigureView,
    figure_caption,
    figure_text,
    icon_array,
    in_sentence,
    main_figures,
    text_picture,
)
from engine.models import PerHundred
from tests.engine.test_summary import FULL, summary_of

SVG = "{http://www.w3.org/2000/svg}"
# Inside a picture's card on a 360 px phone: 360 - 2 x 16 (page) - 2 x 16 (card padding and border).
PHONE_CARD = 296


def all_views(bundle) -> list[FigureView]:
    """Every picture anyone can be shown: at any age, and at 60 and over (a trial of that age comes first)."""
    views = [view for age in (None, "65_plus") for option, content in bundle.content.items()
             if content.front.comparison is not None for view in main_figures(bundle, option, age)]
    return list({(view.option, id(view.figure)): view for view in views}.values())


def render(view: FigureView) -> ET.Element:
    return ET.fromstring(vl_convert.vegalite_to_svg(icon_array(view)))


def with_class(svg: ET.Element, name: str) -> list[ET.Element]:
    return [g for g in svg.iter(f"{SVG}g") if name in (g.get("class") or "").split()]


def icons(svg: ET.Element, panel: int) -> list[str]:
    """The drawn shape (its SVG path, which carries the size) of each person in one array, in order."""
    [group] = with_class(svg, f"concat_{panel}_marks")
    return [path.get("d") for path in group.iter(f"{SVG}path")]


def across(shape: str) -> float:
    """How wide a drawn icon is: a circle's diameter, or the span of a path's x coordinates."""
    numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", shape)]
    return 2 * abs(numbers[0]) if "A" in shape else max(numbers[0::2]) - min(numbers[0::2])


def status(value: PerHundred, person: int) -> str:
    low, high = value if isinstance(value, tuple) else (value, value)
    return "yes" if person < low else "range" if person < high else "no"


def texts(svg: ET.Element, name: str) -> list[str]:
    return ["".join(text.itertext()) for group in with_class(svg, name) for text in group.iter(f"{SVG}text")]


def test_every_picture_fits_a_phone_with_its_whole_key(bundle):
    first = all_views(bundle)[0]
    longer = first.figure.model_copy(update={"comparator_label": "a comparison group described at length, as some are"})
    long_name = dataclasses.replace(first, option="A treatment with a long name, said in full", figure=longer)
    for view in [*all_views(bundle), long_name]:
        svg = render(view)
        assert float(svg.get("width")) <= PHONE_CARD, f"{view.option} ({view.figure.kind}) is too wide for a phone"
        key = texts(svg, "role-legend-label")
        assert view.term.words.capitalize() in key and "Did not have this result" in key, key
        assert not any("…" in label for label in key), f"{view.option}: the key is cut short: {key}"


def test_a_person_is_drawn_the_same_size_in_both_arrays(bundle):
    pairs = [view for view in all_views(bundle) if view.figure.with_comparator is not None]
    assert any(isinstance(view.figure.with_option, tuple) for view in pairs)  # a range sits beside a plain figure
    for view in pairs:
        svg = render(view)
        drawn: dict[str, set[str]] = {}
        for panel, value in enumerate((view.figure.with_option, view.figure.with_comparator)):
            shapes = icons(svg, panel)
            assert len(shapes) == 100
            for person, shape in enumerate(shapes):
                drawn.setdefault(status(value, person), set()).add(shape)
        assert all(len(shapes) == 1 for shapes in drawn.values()), f"{view.option}: {view.figure.kind} differs"
        [person], [circle] = drawn["yes"], drawn["no"]
        assert across(circle) < across(person), f"{view.option}: 'did not' is drawn as large as a person"


def test_the_picture_points_to_its_sentence_and_the_groups_read_as_words(bundle):
    """Review a9-10: named by its own sentence, each picture was read twice (the sentence is printed under it)."""
    views = {(view.option, view.figure.kind): view for view in all_views(bundle)}
    keep = views[("The same antidepressant with a dummy pill added", "benefit")]  # what its trial gave (n15-15)
    spec = icon_array(keep)
    assert spec["description"] == PICTURE_NAME != figure_text(keep)  # the accessible name of the drawing
    assert "sentence under it" in PICTURE_NAME
    titles = [" ".join(panel["title"]["text"]) for panel in spec["hconcat"]]
    assert titles == ["With the same antidepressant with a dummy pill added", f"With {keep.figure.comparator_label}"]
    assert all(panel["title"]["aria"] is False for panel in spec["hconcat"])  # not read out as run-together lines
    assert "With the same antidepressant with a dummy pill added:" in text_picture(keep)
    tms = views[("TMS", "benefit")]
    assert " ".join(icon_array(tms)["hconcat"][0]["title"]["text"]) == "With TMS"
    assert "With TMS:" in text_picture(tms)


@pytest.mark.parametrize(("label", "said"), [
    ("TMS", "TMS"), ("ECT", "ECT"), ("VNS or DBS", "VNS or DBS"), ("T3 (a thyroid hormone)", "T3 (a thyroid hormone)"),
    ("Keeping your treatment and reviewing it", "keeping your treatment and reviewing it"),
    ("Esketamine or ketamine", "esketamine or ketamine"), ("A walk", "a walk"), ("", ""),
])
def test_an_option_inside_a_sentence_keeps_its_acronym_capitals_only(label, said):
    assert in_sentence(label) == said


def test_the_pdf_prints_every_picture_at_one_scale(bundle):
    pdfimages = shutil.which("pdfimages")
    if pdfimages is None:
        pytest.skip("pdfimages (poppler-utils) was not found, so the PDF's images cannot be listed")
    summary = summary_of(bundle, FULL, chosen=["tms", "augmentation", "esketamine_ketamine", "ect"])
    listing = subprocess.run([pdfimages, "-list", "-"], input=summary_to_pdf(summary), capture_output=True,
                             check=True).stdout.decode().splitlines()[2:]
    ppi = [tuple(int(n) for n in line.split()[12:14]) for line in listing if line.strip()]
    assert len(ppi) == len(summary.pictures) >= 5
    # One scale: a person, and the key's words, are the same size in every picture (and sharp in print).
    assert len(set(ppi)) == 1 and ppi[0][0] == ppi[0][1] >= 150, ppi


def test_a_range_is_drawn_as_what_it_spans_never_as_doubt(bundle):
    """Both ranges are measured results (two medicines in one trial; different trials), so the key, the text
    equivalent and the Markdown say which; the old key, "Maybe: the study could not say for sure", was
    wrong for both (sixth fact-check pass 2026-11-28)."""
    ranged = [view for view in all_views(bundle) if isinstance(view.figure.with_option, tuple)]
    assert {view.figure.range_covers for view in ranged} == {"medicines", "trials"}
    for view in ranged:
        key, spans = {"medicines": ("Between the medicines' results", "results of the medicines tested"),
                      "trials": ("Between the trials' results", "results of different trials")
                      }[view.figure.range_covers]
        assert key in texts(render(view), "role-legend-label")
        assert spans in figure_text(view) and key.lower() in text_picture(view)[0].lower()
        said = [figure_text(view), *text_picture(view)]
        assert not any("not say" in line or "maybe" in line.lower() for line in said)
    plain = next(view for view in all_views(bundle) if view.figure.range_covers is None)
    assert "range" not in figure_text(plain) and "◐" not in text_picture(plain)[0]


def test_a_randomised_figure_spanning_several_trials_says_trials_not_a_trial(bundle):
    """The dissociation range comes from the label's several trials; its text said "a randomised trial" and
    then "the results of different trials" (review e19, e19-2). The comparison's figure cell says the same."""
    views = [view for view in all_views(bundle) if view.figure.study == "rct"]
    across = [view for view in views if view.figure.range_covers == "trials"]
    assert across and len(across) < len(views)
    for view in views:
        several = view in across
        assert ("This comes from several randomised trials (chance decided" in figure_text(view)) == several
        assert ("This comes from a randomised trial (chance decided" in figure_text(view)) != several


def test_every_caption_reads_as_sentences(bundle):
    """A population written as a sentence ("... first.") was printed with a second full stop."""
    captions = [figure_caption(view) for view in all_views(bundle)]
    assert any(view.figure.population.endswith(".") for view in all_views(bundle))
    assert not [c for c in captions if ".." in c]


def test_every_picture_says_what_its_outcome_words_mean(bundle):
    """rules/outcomes.yaml gives each outcome's meaning ("improved a lot": symptoms fell by at least half on a
    rating scale); it was checked for reading level and then shown nowhere."""
    for view in all_views(bundle):
        caption = figure_caption(view)
        assert caption.startswith(f'What "{view.term.words}" means here: {view.term.meaning} How sure are we?')
