"""Option comparison on the results page: the person picks the columns; their worries are starred.

The grid is drawn twice: a table (wide screens) and one block per option (phones); the
stylesheet shows one. Both must say the same thing; tests/browser checks which one shows.
"""

from __future__ import annotations

import json
from html.parser import HTMLParser

from components.compare import _option_block
from engine.comparison import FIGURE_QUESTION, comparable_options, starting_options
from engine.evaluate import evaluate
from engine.figures import PICTURE_NAME
from tests.ui.apptest_driver import notes
from tests.ui.conftest import load_persona, persona, run, text_of


def _grid(at):
    assert len(at.table) == 1
    return at.table[0].value


class _Block(HTMLParser):
    """An option's block read back: its heading and its rows as (question, answer, starred)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.heading, self.rows, self._tag, self._starred = "", [], None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._tag, self._starred = tag, ("class", "matters") in attrs
        if tag == "dt":
            self.rows.append(["", "", self._starred])

    def handle_endtag(self, tag):
        self._tag = None

    def handle_data(self, data):
        if self._tag == "h3":
            self.heading += data
        elif self._tag in ("dt", "dd"):
            self.rows[-1][0 if self._tag == "dt" else 1] += data
            assert self._starred == self.rows[-1][2], "a row's question and answer are starred together"


def _phone_blocks(at) -> list[tuple[str, _Block]]:
    """The grid as a phone shows it: one block per option, with its key."""
    blocks = at.main.get_by_key("compare_blocks")
    return [(block.key, _Block(block.html[0].value)) for block in blocks.children.values()]


def _label(bundle, option):
    return bundle.content[option].front.comparison.option_label


def test_grid_starts_from_the_baseline_and_what_the_person_is_open_to_and_follows_the_choice(at, bundle):
    load_persona(at, "long_highly_resistant")
    answers = persona(bundle, "long_highly_resistant").answers
    outcome = evaluate(bundle, answers)
    offered = comparable_options(bundle, outcome)
    start = starting_options(bundle, outcome, answers)
    assert start[0] == "keep_current_treatment" and "tms" in start
    picker = at.multiselect(key="w__compare")
    assert picker.value == start
    shown = ([c.rstrip(" ★") for c in _grid(at).columns] if at.table else
             [_Block(b.html[0].value).heading.rstrip(" ★")
              for b in at.main.get_by_key("compare_blocks_all").children.values()])
    assert shown == [_label(bundle, o) for o in start]

    chosen = [offered[3], offered[0], offered[5]]
    at.multiselect(key="w__compare").set_value(chosen)
    run(at)
    assert [c.rstrip(" ★") for c in _grid(at).columns] == [_label(bundle, o) for o in chosen]
    assert len(_grid(at)) >= len(bundle.comparison_rows) + 1  # the figure row first (and a cautions row)
    assert _grid(at).index[0] == FIGURE_QUESTION

    at.multiselect(key="w__compare").set_value([])
    run(at)
    assert not at.table
    assert not _phone_blocks_exist(at)
    assert "Choose one or more options" in text_of(at)


def test_a_pregnancy_caution_is_named_in_the_grid_not_only_in_the_section(at, bundle):
    load_persona(at, "postpartum")
    at.multiselect(key="w__compare").set_value(["keep_current_treatment", "augmentation"])
    run(at)
    grid = _grid(at)
    row = grid.loc["Anything to read first, from your answers?"]
    # Priya is not sure about bipolar disorder in her family, so that caution is named too (S12).
    assert all(cell.startswith("Yes:") and "in pregnancy, when planning one, or after a birth" in cell for cell in row)


def test_after_a_birth_the_grid_and_the_pictures_each_open_with_what_their_studies_did_not_cover(at, bundle):
    """Review 13 (n13-2): the note sits before the table and again before the pictures, where a phone reader
    who scrolled past the table meets the numbers."""
    load_persona(at, "postpartum")
    at.multiselect(key="w__compare").set_value(["keep_current_treatment", "esketamine_ketamine"])
    run(at)
    said = [n for n in notes(at, "info") if "None was a study of depression in pregnancy" in n]
    assert len(said) == 2
    assert not [i for i in at.info if "None was a study" in i.value]  # there when the page opens: no live role (a16-5)
    load_persona(at, "long_highly_resistant")  # pregnancy does not apply
    assert not [n for n in notes(at, "info") if "None was a study of depression in pregnancy" in n]


def test_what_matters_is_starred_and_nothing_is_hidden(at, bundle):
    load_persona(at, "long_highly_resistant")  # open to brain stimulation; worried about memory and cost
    offered = comparable_options(bundle, evaluate(bundle, persona(bundle, "long_highly_resistant").answers))
    # Every comparable option can be chosen, whatever the person said.
    assert list(at.multiselect(key="w__compare").options) == [
        _label(bundle, o) + (" ★" if o in {"tms", "ect", "other_neuromodulation", "emerging_treatments",
                                           "esketamine_ketamine"} else "") for o in offered]
    at.multiselect(key="w__compare").set_value(["tms", "keep_current_treatment"])
    run(at)
    grid = _grid(at)
    assert list(grid.columns) == ["TMS ★", _label(bundle, "keep_current_treatment")]
    starred_rows = [q for q in grid.index if q.endswith("★")]
    assert "What side effects can it have? ★" in starred_rows  # memory
    assert "What might it cost, and how easy is it to get? ★" in starred_rows  # cost
    assert "How well does it work?" in list(grid.index)
    assert "worries you" in text_of(at)


def test_each_chosen_option_has_pictures_of_100_people_with_the_same_words(at, bundle):
    load_persona(at, "long_highly_resistant")
    at.multiselect(key="w__compare").set_value(["tms", "esketamine_ketamine"])
    run(at)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3  # TMS benefit; esketamine benefit and harm
    page = text_of(at)
    assert "TMS: about 19 in 100 people had few or no symptoms left, compared with about 5 in 100" in page
    assert "felt detached or strange" in page and "How sure are we?" in page
    # Each picture's name points to the sentence printed under it, and that sentence is there.
    for chart in charts:
        assert json.loads(chart.proto.spec)["description"] == PICTURE_NAME
    sentences = [m.value for m in at.markdown if " in 100 people " in m.value]
    assert len(sentences) == len(charts)


def _phone_blocks_exist(at) -> bool:
    try:
        at.main.get_by_key("compare_blocks")
    except KeyError:
        return False
    return True


def test_on_a_phone_each_option_is_one_block_with_the_same_questions_answers_and_stars(at, bundle):
    load_persona(at, "long_highly_resistant")  # open to brain stimulation; worried about memory and cost
    at.multiselect(key="w__compare").set_value(["tms", "keep_current_treatment", "esketamine_ketamine"])
    run(at)
    grid = _grid(at)
    blocks = _phone_blocks(at)
    assert [key for key, _ in blocks] == [f"compare_block_{option}" for option in
                                          ("tms", "keep_current_treatment", "esketamine_ketamine")]
    starred = [question for question in grid.index if question.endswith("★")]
    assert "What side effects can it have? ★" in starred
    for (_, block), column in zip(blocks, grid.columns, strict=True):
        assert block.heading == column  # the same option, in the table's order, starred the same ("TMS ★")
        assert [(question, answer) for question, answer, _ in block.rows] == list(zip(grid.index, grid[column]))
        assert [question for question, _, star in block.rows if star] == starred  # starred rows are tinted


def test_an_option_block_shows_content_as_written_never_as_markup():
    block = _Block(_option_block("A <b>bold</b> & new option", [
        ("Costs & <em>fees</em>? ★", "From $5 to $10 *a visit*, see <a href='x'>here</a>", True),
        ("Plain?", "Yes", False)]))
    assert block.heading == "A <b>bold</b> & new option"
    assert block.rows == [["Costs & <em>fees</em>? ★", "From $5 to $10 *a visit*, see <a href='x'>here</a>", True],
                          ["Plain?", "Yes", False]]


def test_choice_survives_a_rerun_and_goes_into_the_summary(at, bundle):
    load_persona(at, "possible_bipolar")
    at.multiselect(key="w__compare").set_value(["tms"])
    run(at)
    at.text_area(key="w__notes").input("See you Tuesday")
    run(at)
    assert list(_grid(at).columns) == ["TMS"]
    markdown_button = at.get("download_button")
    assert markdown_button  # the downloads are there; their bytes are tested in tests/engine



def test_more_options_than_fit_side_by_side_are_shown_one_block_each_on_every_screen(at, bundle):
    """Review 15 (n15-5): with eight options the grid was wider than its box at a desktop width, and ECT and
    research treatments were cut off. Past four options there is no grid: one block per option, at every width
    (the blocks' key is not one frame.STYLES hides on a wide screen)."""
    from components.compare import GRID_MOST

    load_persona(at, "long_highly_resistant")
    answers = persona(bundle, "long_highly_resistant").answers
    offered = comparable_options(bundle, evaluate(bundle, answers))
    assert len(offered) > GRID_MOST
    at.multiselect(key="w__compare").set_value(offered[:GRID_MOST])
    run(at)
    assert len(at.table) == 1 and _phone_blocks_exist(at)
    at.multiselect(key="w__compare").set_value(offered[:GRID_MOST + 1])
    run(at)
    assert len(at.table) == 0 and not _phone_blocks_exist(at)
    blocks = at.main.get_by_key("compare_blocks_all")
    assert [block.key for block in blocks.children.values()] == [f"compare_block_{o}" for o in offered[:GRID_MOST + 1]]


def test_the_page_says_how_options_are_ordered_and_which_have_no_harm_picture(at, bundle):
    """Review 17 (f17-1, f17-6): the order is not a ranking, and a missing harm picture is not a missing harm;
    the same words as both files (tests/engine/test_exports.py)."""
    load_persona(at, "long_highly_resistant")
    at.multiselect(key="w__compare").set_value(["tms", "esketamine_ketamine"])
    run(at)
    page = text_of(at)
    assert "These options are not in order of how well they work." in page
    assert [n for n in notes(at, "info") if n.startswith("No picture of a possible harm for TMS: our sources give no "
                                                          "number per 100 people for one.")]
