"""What-if: change any answer on a copy and see sections appear, disappear or move."""

from __future__ import annotations

from components.whatif import caution_changes, section_changes
from tests.ui.conftest import load_persona, open_clinician, run, subheaders, text_of


def _choose_question(at, qid):
    at.selectbox(key="ui__whatif_question").set_value(qid)
    return run(at)


HEADINGS = {"As answered": "Results as answered", "What if": "Results with the what-if answers"}


def _side(at, side):
    """The numbered list of section titles under one of the two side-by-side columns."""
    assert HEADINGS[side] in subheaders(at)
    lists = [m.value for m in at.markdown if m.value.startswith("1. ")]
    assert len(lists) == 2
    return lists[0] if side == "As answered" else lists[1]


def test_a_section_appears_when_an_answer_changes(at, bundle):
    load_persona(at, "two_inadequate_trials")
    open_clinician(at)
    older = bundle.content["older_adults"].front.title
    assert older not in _side(at, "What if")
    _choose_question(at, "age_group")
    # Review 19 (k19-5): the person's own answer is marked, and "Not answered" comes last, where typing "No"
    # cannot land on it before "No".
    box = at.selectbox(key="wi__age_group")
    assert box.value == "25_to_59" and box.options[-1] == "Leave blank" and "25 to 59 (as answered)" in box.options
    box.set_value("65_plus")
    run(at)
    assert f"**Appears:** {older}" in text_of(at)
    assert older in _side(at, "What if")
    assert older not in _side(at, "As answered")
    # The change is listed, and the person's own answers are untouched.
    changes = next(d.value for d in at.table if "What if" in d.value.columns)
    assert list(changes["As answered"]) == ["25 to 59"] and list(changes["What if"]) == ["65 or older"]
    answers_table = next(d.value for d in at.table if "Counted" in d.value.columns)
    assert answers_table[answers_table["Id"] == "age_group"].iloc[0]["Answer"] == "25 to 59"
    # A retired age band (still read from old files) is not offered as a what-if answer.
    assert "18 to 64" not in at.selectbox(key="wi__age_group").options


def test_sections_disappear_when_an_answer_is_removed(at, bundle):
    load_persona(at, "thyroid_sleep_apnoea")
    open_clinician(at)
    _choose_question(at, "physical_conditions")
    at.multiselect(key="wi__physical_conditions").set_value(["none"])
    run(at)
    _choose_question(at, "thyroid_status")
    at.selectbox(key="wi__thyroid_status").set_value("checked_normal")
    run(at)
    _choose_question(at, "antidepressants_tried")
    at.selectbox(key="wi__antidepressants_tried").set_value("none")
    run(at)
    page = text_of(at)
    for section in ("switching_medication", "augmentation", "esketamine_ketamine"):
        title = bundle.content[section].front.title
        assert f"**Disappears:** {title}" in page
        assert title in _side(at, "As answered")
        assert title not in _side(at, "What if")
    # Questions that depend on the medicines answer become hidden in the what-if.
    assert any(c.value.startswith("Questions hidden in the what-if") and "Add-on medicines tried" in c.value
               for c in at.caption)


def test_a_safety_answer_brings_crisis_support_to_the_top(at, bundle):
    load_persona(at, "postpartum")
    open_clinician(at)
    _choose_question(at, "safety_thoughts")
    at.selectbox(key="wi__safety_thoughts").set_value("yes")
    run(at)
    crisis = bundle.content["crisis_support"].front.title
    assert f"**Appears:** {crisis}" in text_of(at)
    assert _side(at, "What if").startswith(f"1. {crisis}")
    # Nothing else "moves" just because one section was added at the top.
    assert "**Moves:**" not in text_of(at)
    # The person's own banner is not turned red by a what-if.
    assert not at.error


def test_what_if_changes_can_be_undone_and_never_touch_the_person(at, bundle):
    load_persona(at, "young_person")
    open_clinician(at)
    _choose_question(at, "age_group")
    at.selectbox(key="wi__age_group").set_value("25_to_59")
    run(at)
    assert "**Disappears:**" in text_of(at)
    at.button(key="open_results").click()
    run(at)
    assert bundle.content["young_people"].front.title in subheaders(at)
    open_clinician(at)
    assert "**Disappears:**" in text_of(at)  # the what-if copy survives a visit to the results
    at.button(key="whatif_reset").click()
    run(at)
    assert "No what-if changes yet" in text_of(at)
    assert _side(at, "As answered") == _side(at, "What if")


def test_order_changes_are_reported_as_moves():
    changes = section_changes(["a", "b", "c", "d"], ["x", "a", "c", "b"])
    assert changes.appear == ("x",)
    assert changes.disappear == ("d",)
    assert {(m.id, m.before, m.after) for m in changes.moved} == {("c", 3, 3), ("b", 2, 4)}
    # Review 19 (k19-2): a move whose place number stays the same says what it now follows, never "3 to 3".
    words = {m.id: m.words({"a": "A", "b": "B", "c": "C", "x": "X"}) for m in changes.moved}
    assert words == {"c": "now after A", "b": "from place 2 to place 4"}
    assert section_changes(["a", "b"], ["b", "a"]).moved[0].words({"a": "A", "b": "B"}) == "from place 2 to place 1"
    assert not section_changes(["a", "b"], ["z", "a", "b"]).moved


def test_what_if_opens_with_no_question_chosen_so_the_safety_wording_is_not_on_screen(at, bundle):
    """The first question is the safety one: a clinician demoing with a patient picks it, never gets it."""
    load_persona(at, "two_inadequate_trials")
    open_clinician(at)
    assert at.selectbox(key="ui__whatif_question").value is None
    assert "What if the answer were" not in text_of(at)
    assert "better off dead" not in " ".join(s.label for s in at.selectbox)
    _choose_question(at, "safety_thoughts")
    assert "What if the answer were" in " ".join(s.label for s in at.selectbox)


def test_loading_another_persona_starts_the_what_if_with_no_question_chosen(at):
    """The chosen question stayed after a persona switch: the safety question's wording stayed on screen."""
    load_persona(at, "two_inadequate_trials")
    open_clinician(at)
    _choose_question(at, "safety_thoughts")
    assert "better off dead" in at.selectbox(key="wi__safety_thoughts").label
    load_persona(at, "postpartum")
    open_clinician(at)
    assert at.selectbox(key="ui__whatif_question").value is None
    assert not [box for box in at.selectbox if box.key.startswith("wi__")]


def test_caution_changes_are_read_only_in_sections_on_both_sides():
    added, removed = caution_changes({"a": ["x"], "b": ["y"], "gone": ["z"]}, {"a": ["x", "w"], "b": [], "new": ["v"]})
    assert added == (("a", "w"),) and removed == (("b", "y"),)


def test_a_caution_that_comes_with_a_what_if_answer_is_named_not_hidden(at, bundle):
    """Walkthrough 28 Nov 2026: a dose answer changed to "not sure" brought three cautions into the what-if
    column, while the summary said the changes changed nothing."""
    load_persona(at, "possible_bipolar")
    open_clinician(at)
    _choose_question(at, "trial_dose")
    at.selectbox(key="wi__trial_dose").set_value("unsure")
    run(at)
    said = text_of(at)
    label = bundle.caution_labels["trial_not_adequate"]
    assert "do not change which sections" not in said
    assert f"**Caution added** in {bundle.content['tms'].front.title}: {label}" in said
    assert f"*Caution: {label}* — *new*" in _side(at, "What if")
    assert label not in _side(at, "As answered")
    assert "Transcranial magnetic stimulation (TMS) — a specialist brain-stimulation" in _side(at, "As answered")
