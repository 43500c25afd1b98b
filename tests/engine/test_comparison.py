"""The option comparison: every option and every question stays visible; worries only highlight."""

from __future__ import annotations

import re

import pytest

from engine.comparison import (
    CAUTIONS_ROW,
    FIGURE_QUESTION,
    FIGURE_ROW,
    NO_CAUTION,
    NO_FIGURE,
    comparable_options,
    comparison_pictures,
    comparison_table,
    highlighted_options,
    pictures_not_drawn,
    starting_options,
)
from engine.evaluate import evaluate
from engine.models import Comparison
from tests.engine.test_summary import CRISIS, FULL, HIDDEN_DOSE

KEEP_CURRENT = "keep_current_treatment"  # rules/comparison.yaml `baseline`


def test_rows_cover_every_comparison_fact_once(bundle):
    keys = [row.key for row in bundle.comparison_rows]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(Comparison.model_fields) - {"option_label"}


def test_rows_are_plain_questions(bundle):
    for row in bundle.comparison_rows:
        assert row.question.endswith("?") and row.question[0].isupper()


def test_row_concerns_are_real_codes_and_every_concern_has_a_row(bundle):
    codes = set(bundle.question_by_id["concerns"].codes)
    used = {code for row in bundle.comparison_rows for code in row.concerns}
    assert used <= codes
    assert used == codes  # no worry the person can tick goes unhighlighted


@pytest.mark.parametrize("answers", [FULL, HIDDEN_DOSE, CRISIS])
def test_comparable_options_are_the_outcomes_options_in_its_order(bundle, answers):
    outcome = evaluate(bundle, answers)
    options = comparable_options(bundle, outcome)
    assert options == [s for s in outcome.section_ids if bundle.content[s].front.comparison is not None]
    for option in options:
        assert bundle.content[option].front.comparison is not None


def test_keeping_current_treatment_is_offered_whenever_it_is_among_the_results(bundle):
    outcome = evaluate(bundle, FULL)
    assert KEEP_CURRENT in outcome.section_ids
    assert KEEP_CURRENT in comparable_options(bundle, outcome)


def test_information_sections_are_not_options(bundle):
    outcome = evaluate(bundle, FULL)
    options = comparable_options(bundle, outcome)
    for info in ("adequate_trial", "preparing_for_appointment"):
        assert info in outcome.section_ids and info not in options


def test_table_has_chosen_columns_in_order_with_the_contents_facts(bundle):
    table = comparison_table(bundle, ["ect", "tms", "ect"])
    assert [c.option_id for c in table.columns] == ["ect", "tms"]
    assert [c.option_label for c in table.columns] == ["ECT", "TMS"]
    assert [row.key for row in table.rows] == [FIGURE_ROW] + [row.key for row in bundle.comparison_rows]
    for row in table.rows[1:]:
        assert row.cells == (getattr(bundle.content["ect"].front.comparison, row.key),
                             getattr(bundle.content["tms"].front.comparison, row.key))


@pytest.mark.parametrize(("concerns", "highlighted"), [
    ([], set()),
    (["memory"], {"side_effects"}),
    (["anaesthesia"], {"how_given"}),
    (["cost_access"], {"cost_and_access"}),
    (["driving_work"], {"work_and_driving"}),
    (["time_commitment"], {"work_and_driving", "time_to_effect", "maintenance"}),
    (["memory", "weight_or_sexual_side_effects"], {"side_effects"}),
])
def test_concerns_highlight_rows_and_never_remove_anything(bundle, concerns, highlighted):
    plain = comparison_table(bundle, ["tms", "ect", KEEP_CURRENT])
    table = comparison_table(bundle, ["tms", "ect", KEEP_CURRENT], answers={"concerns": concerns})
    assert {row.key for row in table.rows if row.highlighted} == highlighted
    assert table.columns == plain.columns
    assert [(r.key, r.cells) for r in table.rows] == [(r.key, r.cells) for r in plain.rows]


def test_highlighted_row_says_which_worry_in_words(bundle):
    table = comparison_table(bundle, ["ect"], answers={"concerns": ["memory"]})
    row = next(r for r in table.rows if r.key == "side_effects")
    assert row.because == ("Effects on memory",)


@pytest.mark.parametrize("option", ["adequate_trial", "no_such_section"])
def test_asking_for_something_that_is_not_an_option_is_an_error(bundle, option):
    with pytest.raises(ValueError, match=option):
        comparison_table(bundle, ["tms", option])


@pytest.mark.parametrize(("open_to", "expected"), [
    ([], set()),
    (["brain_stimulation"], {"tms", "ect", "other_neuromodulation"}),
    (["research_studies"], {"other_neuromodulation", "emerging_treatments"}),
    (["medication_change", "lifestyle"], {"switching_medication", "augmentation", "lifestyle"}),
])
def test_highlighted_options_follow_what_the_person_is_open_to(bundle, open_to, expected):
    assert highlighted_options(bundle, {"open_to": open_to}) == expected


def test_open_to_only_highlights(bundle):
    outcome = evaluate(bundle, FULL)
    highlighted = highlighted_options(bundle, FULL)
    options = comparable_options(bundle, outcome)
    assert highlighted & set(options)
    assert set(options) - highlighted  # options the person did not pick are still offered


def test_figure_row_gives_each_option_s_main_finding_with_its_measure_comparator_and_study(bundle):
    row = comparison_table(bundle, ["tms", "ect", "esketamine_ketamine", KEEP_CURRENT, "psychotherapy"]).rows[0]
    assert row.key == FIGURE_ROW and row.question == FIGURE_QUESTION
    tms, ect, esk, keep, therapy = row.cells
    assert tms.startswith("About 19 in 100 had few or no symptoms left (remission), compared with about 5 in 100 "
                          "with a sham")
    assert "review of several trials" in tms and "randomised trial" in ect
    assert ect.startswith("About 63 in 100") and "about 46 in 100 with ketamine" in ect  # KetECT (review M-9)
    # The spray's own trial, named as the spray (review 14, i14-3): the option also covers ketamine drips.
    assert esk.startswith("With esketamine spray, about 27 in 100 had few or no symptoms left (remission), "
                          "compared with about 18 in 100 with quetiapine")
    # ... and its picture is headed as a label, "Esketamine spray" (v14-4: a lower-case start read as a typo).
    assert [v.option for v in comparison_pictures(bundle, ["esketamine_ketamine"], {})] == ["Esketamine spray"] * 2
    assert "15 in 100" in keep  # a baseline that applies after a failed trial (review M-7), not first-treatment figures
    # Talking therapy's trial reports response: the cell says so, rather than "no figure" beside the others' numbers.
    assert therapy.startswith("About 46 in 100 improved a lot (response), compared with about 22 in 100 with usual "
                              "care from the family doctor")
    for cell in row.cells:  # two plain sentences each: no brackets inside brackets
        assert cell.count(". This comes from ") == 1 and "((" not in cell and "))" not in cell
    # Lifestyle has no figure per 100 people at all (its evidence is pooled effect sizes): it says so.
    assert comparison_table(bundle, [KEEP_CURRENT, "lifestyle"]).rows[0].cells[1] == NO_FIGURE


def test_an_option_s_figure_is_its_picture_s_whatever_else_is_chosen(bundle):
    """Review 14 (i14-2): with one measure for the whole row, choosing one more option could switch it to
    "response": esketamine then showed a ketamine-drip trial, and ECT the 3-week course of the same trial
    (41 against 55), while the pictures below showed ESCAPE-TRD and KetECT (63 against 46)."""
    many = [KEEP_CURRENT, "esketamine_ketamine", "tms", "ect", "other_neuromodulation", "emerging_treatments"]
    for chosen in (many, many[:-1], ["ect"], ["esketamine_ketamine", "psychotherapy"]):
        cells = dict(zip(chosen, comparison_table(bundle, chosen).rows[0].cells, strict=True))
        pictures = {view.figure.source: view for view in comparison_pictures(bundle, chosen, {})
                    if view.figure.kind == "benefit"}
        for option, cell in cells.items():
            (view,) = [v for v in comparison_pictures(bundle, [option], {}) if v.figure.kind == "benefit"]
            assert view.figure.source in pictures
            number = f"about {view.figure.with_option} in 100"
            assert number in cell.lower(), (option, cell)
    esk, ect = comparison_table(bundle, ["esketamine_ketamine", "ect"] + many[4:]).rows[0].cells[:2]
    assert "ketamine drips" not in esk and "55 in 100" not in esk and "41 in 100" not in ect


def test_the_figure_row_says_when_a_gap_could_be_chance_as_the_section_does(bundle):
    """The row shows no "how sure" line, so a gap the study could not tell from chance read like a proven one
    beside the others (review 11, e11-1: switching, VNS, psilocybin). The flag follows the section's own words."""
    import re
    says_chance = re.compile(r"\bchance\b|not clearly different", re.IGNORECASE)
    for section_id, content in bundle.content.items():
        for figure in content.front.outcomes:
            assert figure.gap_may_be_chance == bool(says_chance.search(figure.certainty)), (section_id, figure.outcome)
    row = comparison_table(bundle, ["switching_medication", "other_neuromodulation", "emerging_treatments", "ect"])
    switching, vns, psilocybin, ect = row.rows[0].cells
    assert all(cell.endswith("The gap could be chance.") for cell in (switching, vns, psilocybin))
    assert "chance." not in ect.replace("chance decided", "")


@pytest.mark.parametrize("age", ["60_to_64", "65_plus"])
def test_at_60_and_over_the_figures_come_from_the_trial_of_that_age_and_say_so(bundle, age):
    """Review 13 (g13-3): at 74, adding (25 in 100, younger adults, against a dummy pill) beside switching (21 to
    25, adults after a first SSRI) read as "about the same", while OPTIMUM, the one trial of people aged 60 and
    over and the one that compared the two, found 29 against 19. At those ages its figures lead the row and the
    pictures, and the cell says who was studied; at other ages, and with no age given, the adults' trials stay."""
    options = ["switching_medication", "augmentation"]
    switching, adding = comparison_table(bundle, options, answers={"age_group": age}).rows[0].cells
    # Each cell names what its trial gave (review 15, n15-1).
    assert switching.startswith("With switching to bupropion, about 19 in 100 had few or no symptoms left "
                                "(remission), compared with about 29 in 100 with adding aripiprazole")
    assert adding.startswith("With added aripiprazole, about 29 in 100 had few or no symptoms left (remission), "
                             "compared with about 19 in 100 with switching")
    assert all("Who was studied: Adults aged 60 and over" in cell for cell in (switching, adding))
    # One trial, drawn once (review 17, f17-2): its two arms are one comparison, said as such under the second option.
    assert [v.figure.source for v in comparison_pictures(bundle, options, {"age_group": age})
            if v.figure.kind == "benefit"] == ["Lenze EJ"]
    assert pictures_not_drawn(bundle, options, {"age_group": age})[0] == (
        "Adding a medicine: the picture for switching medicine above is from the same trial, so it is not drawn twice.")
    for younger in ({"age_group": "25_to_59"}, {}):
        cells = comparison_table(bundle, options, answers=younger).rows[0].cells
        assert not any("Who was studied" in cell or "29 in 100" in cell for cell in cells)
        assert [v.figure.source for v in comparison_pictures(bundle, options, younger)
                if v.figure.kind == "benefit"] == ["Rush AJ, Trivedi MH", "Marcus RN"]
    # Every figure of one age range names ages the age question has, and says so in whom it studied.
    for content in bundle.content.values():
        for figure in content.front.outcomes:
            assert set(figure.ages) <= set(bundle.question_by_id["age_group"].codes)
            assert not figure.ages or "aged" in figure.population


@pytest.mark.parametrize(("pregnancy", "said"), [("pregnant", True), ("postpartum", True), ("planning", True),
                                               ("prefer_not_to_say", True), ("no", False),
                                               ("not_applicable", False), (None, False)])
def test_in_pregnancy_after_a_birth_or_unsaid_the_comparison_says_its_studies_were_not_of_that(bundle, pregnancy,
                                                                                                said):
    """Review 13 (n13-2): a new mother read "27 in 100" for esketamine, from adults with depression in general,
    as if it were about her. The note (rules/comparison.yaml) comes before the numbers; unknown is not no."""
    answers = {"pregnancy": pregnancy} if pregnancy else {}
    notes = comparison_table(bundle, ["tms", "esketamine_ketamine"], answers=answers).notes
    assert bool(notes) is said
    assert not said or "None was a study of depression in pregnancy or after a birth" in notes[0]
    # What the note says stays true: no figure the comparison can show comes from such a study.
    for content in bundle.content.values():
        for figure in content.front.outcomes:
            assert not re.search(r"(?i)pregnan|birth|postpartum|postnatal|perinatal", figure.population), figure


@pytest.mark.parametrize(("age", "said"), [("under_18", True), ("18_to_24", False), ("65_plus", False), (None, False)])
def test_under_18_the_comparison_says_its_studies_were_of_adults(bundle, age, said):
    """Review 14 (r14-12): a 16-year-old read CoBalT's 46 in 100 as what may happen to them."""
    notes = comparison_table(bundle, ["psychotherapy", "switching_medication"],
                             answers={"age_group": age} if age else {}).notes
    assert any("These numbers come from studies of adults" in note for note in notes) is said
    # What the note says stays true: no figure the comparison can show is from a trial of under-18s.
    for content in bundle.content.values():
        for figure in content.front.outcomes:
            assert "under_18" not in figure.ages
            assert not re.search(r"(?i)teen|adolescent|under 18|young people|children", figure.population), figure


def test_comparison_starts_from_the_baseline_and_what_the_person_is_open_to(bundle):
    answers = {**FULL, "open_to": ["brain_stimulation"]}
    outcome = evaluate(bundle, answers)
    start = starting_options(bundle, outcome, answers)
    assert start[0] == KEEP_CURRENT
    assert set(start[1:]) == highlighted_options(bundle, answers) & set(comparable_options(bundle, outcome))


PREGNANT = {"age_group": "25_to_59", "pregnancy": "pregnant"}


def test_the_cautions_the_answers_bring_are_named_for_each_option_right_after_the_figures(bundle):
    """A comparison read on its own (near the top of a long page, and in the files) must not hide a pregnancy,
    age or psychosis caution that the option's section shows further down (walkthrough 2026-11-28)."""
    table = comparison_table(bundle, ["augmentation", "psychotherapy"], answers=PREGNANT)
    assert [row.key for row in table.rows[:2]] == [FIGURE_ROW, CAUTIONS_ROW]
    add_on, therapy = table.rows[1].cells
    assert add_on == ("Yes: in pregnancy, when planning one, or after a birth. "
                      "Read it in the section on this option before you decide.")
    assert therapy == NO_CAUTION  # no pregnancy caution in the talking therapy section


def test_two_cautions_are_named_in_one_sentence(bundle):
    answers = {"age_group": "60_to_64", "pregnancy": "pregnant"}
    cell = comparison_table(bundle, ["ect"], answers=answers).rows[1].cells[0]
    assert cell.startswith("Yes: ") and cell.endswith("Read them in the section on this option before you decide.")
    assert "; for people aged 60 and over" in cell


def test_no_cautions_row_when_no_chosen_option_has_one(bundle):
    assert CAUTIONS_ROW not in [row.key for row in comparison_table(bundle, ["augmentation", "tms"]).rows]


def test_the_figure_row_gives_each_figure_s_caveats_in_the_same_words_as_its_certainty_line(bundle):
    """Review 11 (e11b-1): the row people compare gave talking therapy's open, self-rated trial and a
    sham-controlled review the same standing. Each benefit figure's caveats follow its own certainty line."""
    import re

    from engine.comparison import CAVEAT_WORDS

    says = {"knew_treatment": re.compile(r"\bknew\b"), "rated_themselves": re.compile(r"rated (themselves|their own)"),
            "maker_ran_it": re.compile(r"\bmakers?\b|\bcompany\b")}
    for section_id, content in bundle.content.items():
        for figure in content.front.outcomes:
            certainty = " ".join(figure.certainty.split())
            expected = {k for k, pattern in says.items() if pattern.search(certainty)} if figure.kind == "benefit" \
                else set()
            assert set(figure.caveats) == expected, (section_id, figure.outcome, certainty)
    switching, esketamine, tms = comparison_table(bundle, ["switching_medication", "esketamine_ketamine", "tms"]
                                                  ).rows[0].cells
    assert switching.endswith(f"{CAVEAT_WORDS['knew_treatment']} The gap could be chance.")
    assert esketamine.endswith(f"{CAVEAT_WORDS['knew_treatment']} {CAVEAT_WORDS['maker_ran_it']}")
    assert not any(words in tms for words in CAVEAT_WORDS.values())  # sham-controlled trials: nothing to add
    talking = comparison_table(bundle, [KEEP_CURRENT, "psychotherapy"]).rows[0].cells[1]
    assert talking.endswith(f"{CAVEAT_WORDS['knew_treatment']} {CAVEAT_WORDS['rated_themselves']}")


@pytest.mark.parametrize(("answers", "said"), [
    ({"antidepressants_tried": "two", "trial_duration": "not_all"}, True),
    ({"antidepressants_tried": "one", "trial_dose": "not_all"}, True),
    ({"antidepressants_tried": "three_or_more", "trial_adherence": "often_missed"}, True),
    ({"antidepressants_tried": "three_or_more", "trial_duration": "not_all"}, False),  # several: one was surely fair
    ({"antidepressants_tried": "two", "trial_duration": "changed_at_4_weeks"}, False),  # allowed by guidelines
    ({"antidepressants_tried": "one", "trial_duration": "changed_at_4_weeks"}, True),  # may be mid-trial (v18-4)
    ({"antidepressants_tried": "two", "trial_dose": "yes_all", "trial_duration": "yes_all"}, False),
])
def test_after_a_trial_that_may_not_have_been_fair_the_comparison_says_keeping_s_number_may_not_fit(
        bundle, answers, said):
    """Review 17 (f17-3): the people a fair-trial gap puts keeping first for (emphasis fair_trial_first) are the
    people its only figure, from after a full 8-week trial, does not fit."""
    notes = comparison_table(bundle, [KEEP_CURRENT, "tms"], answers=answers).notes
    assert any(note.startswith("The number for keeping your treatment comes from people whose medicine had already "
                               "had a full 8-week trial.") for note in notes) is said
