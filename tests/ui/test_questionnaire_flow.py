"""AppTest flows through the questionnaire, the review page and the results."""

from __future__ import annotations

import pytest

from tests.ui.apptest_driver import answer, answer_all, banner_box, click, new_app, section_titles, text_of, title

SAFETY = {"safety_thoughts": "no", "region": "uk"}
ABOUT = {"role": "self", "age_group": "25_to_59"}
EPISODE = {"episode_duration": "over_2_years"}
MEDICINES = {"antidepressants_tried": "two", "response_pattern": "partial", "medication_classes": ["ssri", "snri"]}
MOOD = {"mood_highs": "no"}
STEPS = [("safety", SAFETY), ("about_you", ABOUT), ("this_episode", EPISODE), ("medicines", MEDICINES),
         ("other_treatments", {}), ("mood_history", MOOD), ("physical_health", {}), ("life", {}),
         ("what_matters", {}), ("values", {})]


def walk_to_review(at, steps=STEPS):
    for _, answers in steps:
        answer_all(at, answers)
        click(at, "nav_next")
    assert title(at) == "Check your answers"
    return at


@pytest.fixture
def at():
    return new_app()


def test_first_screen_is_the_safety_question_with_nothing_preselected(at):
    assert title(at) == "First, your safety"
    assert at.radio[0].key == "w__safety_thoughts"
    assert all(radio.value is None for radio in at.radio)
    assert "Need help now?" in text_of(at)
    # Nowhere to go back to: no greyed Back button (it did nothing and read as broken).
    assert [b.key for b in at.button if (b.key or "").startswith("nav_back")] == []


def test_once_a_helper_says_so_the_age_question_asks_for_the_person_they_answer_for(at):
    """Review 13 (g13-4): the label changes on the same step, as soon as the role is chosen, and the age already
    picked stays picked (a label change must not reset the answer)."""
    answer_all(at, SAFETY)
    click(at, "nav_next")
    age = next(r for r in at.radio if r.key == "w__age_group")
    assert age.label == "What is your age group?"
    answer_all(at, {"age_group": "65_plus", "role": "supporter"})
    age = next(r for r in at.radio if r.key == "w__age_group")
    assert age.label == "What is the age group of the person you are answering for?" and age.value == "65_plus"
    answer_all(at, {"role": "self"})
    assert next(r for r in at.radio if r.key == "w__age_group").label == "What is your age group?"


def test_happy_path_to_results(at):
    walk_to_review(at)
    assert "Serotonin reuptake" not in text_of(at)
    click(at, "nav_results")
    assert title(at) == "Your information sections"
    titles = section_titles(at)
    assert titles[0] == 'What "treatment-resistant depression" means'
    assert titles[-1] == "Getting ready for your appointment"
    assert "Adding a medicine to your antidepressant" in titles
    assert "Samaritans" in text_of(at)


def test_back_and_next_keep_every_answer(at):
    answer_all(at, SAFETY)
    click(at, "nav_next")
    answer_all(at, ABOUT)
    click(at, "nav_next")
    answer_all(at, EPISODE)
    click(at, "nav_back")
    click(at, "nav_back")
    assert title(at) == "First, your safety"
    assert at.radio(key="w__safety_thoughts").value == "no"
    assert at.radio(key="w__region").value == "uk"
    click(at, "nav_next")
    click(at, "nav_next")
    assert title(at) == "This time of depression"
    assert at.radio(key="w__episode_duration").value == "over_2_years"
    click(at, "nav_back")
    assert at.radio(key="w__age_group").value == "25_to_59"


def test_missing_required_answer_blocks_next_with_a_message(at):
    answer(at, "region", "us")
    click(at, "nav_next")
    assert title(at) == "First, your safety"
    assert any("Please choose an answer" in e.value for e in at.error)
    answer(at, "safety_thoughts", "no")
    assert not at.error  # answering clears the message
    click(at, "nav_next")
    assert title(at) == "About you"


def test_changing_a_branch_drops_hidden_answers_from_review_and_results(at):
    walk_to_review(at)
    assert "They helped part of the way, but not enough" in text_of(at)
    click(at, "edit_medicines")
    answer(at, "antidepressants_tried", "none")
    assert "w__response_pattern" not in [r.key for r in at.radio]  # the follow-up is hidden now
    # Editing from the review: one way on, back to the review, and no second "Back" beside it.
    assert [b.label for b in at.button if b.key.startswith(("nav_next", "nav_back"))] == ["Return to review"]
    click(at, "nav_next")
    assert title(at) == "Check your answers"
    assert "They helped part of the way, but not enough" not in text_of(at)
    click(at, "nav_results")
    titles = section_titles(at)
    assert "Adding a medicine to your antidepressant" not in titles
    # Going back to the branch brings the kept answer back.
    click(at, "nav_back")
    click(at, "edit_medicines")
    answer(at, "antidepressants_tried", "two")
    assert at.radio(key="w__response_pattern").value == "partial"


def test_multi_choice_none_clears_the_others(at):
    for step, answers in STEPS[:6]:
        answer_all(at, answers)
        click(at, "nav_next")
    assert title(at) == "Your physical health"
    answer(at, "physical_conditions", ["heart", "diabetes"])
    answer(at, "physical_conditions", ["none"])
    assert at.checkbox(key="w__physical_conditions__none").value is True
    assert at.checkbox(key="w__physical_conditions__heart").value is False


def test_at_three_priorities_the_other_boxes_wait_until_one_is_unticked(at):
    """"Choose up to three" used to take a fourth tick and refuse it only at Next."""
    for step, answers in STEPS[:-1]:
        answer_all(at, answers)
        click(at, "nav_next")
    assert title(at) == "What matters most, and how ready you feel (optional)"
    answer(at, "priorities", ["speed", "fewer_side_effects"])
    assert not at.checkbox(key="w__priorities__strong_evidence").disabled
    answer(at, "priorities", ["less_time"])
    assert at.checkbox(key="w__priorities__strong_evidence").disabled
    assert at.checkbox(key="w__priorities__avoid_medication").disabled
    assert not at.checkbox(key="w__priorities__speed").disabled  # a chosen one can still be unticked
    assert "You have chosen 3" in text_of(at)
    at.checkbox(key="w__priorities__speed").uncheck().run()
    assert not at.checkbox(key="w__priorities__strong_evidence").disabled
    assert "You have chosen 3" not in text_of(at)


def test_restart_asks_first_then_clears_everything(at):
    walk_to_review(at)
    click(at, "restart")
    assert any("clears all your answers" in w.value for w in at.warning)
    click(at, "restart_no")
    assert title(at) == "Check your answers"
    click(at, "restart")
    click(at, "restart_yes")
    assert title(at) == "First, your safety"
    assert all(radio.value is None for radio in at.radio)


def test_crisis_answer_puts_crisis_support_first(at):
    answer_all(at, {"region": "us", "safety_thoughts": "yes"})
    assert banner_box(at)[0] == "alert" and "988" in banner_box(at)[1]  # the banner turns into an alert at once
    click(at, "nav_next")
    assert title(at) == "Thank you for answering"  # the supportive screen first
    click(at, "support_continue")
    walk_to_review(at, STEPS[1:])
    click(at, "nav_results")
    assert section_titles(at)[0] == "If you have thoughts of suicide or self-harm"


def test_a_later_question_step_opens_with_its_question_and_keeps_the_notice_at_its_foot(at):
    """Review 10 (c10-5): the notice above and below every step put the heading half a phone screen down."""
    answer_all(at, SAFETY)
    click(at, "nav_next")
    notices = [i for i, c in enumerate(at.caption) if "does not diagnose" in c.value]
    assert len(notices) == 1 and notices[0] == len(at.caption) - 1, [c.value[:30] for c in at.caption]


def test_notice_and_crisis_lines_on_every_page(at):
    def check():
        text = text_of(at)
        assert "does not diagnose" in text
        assert "Need help now?" in text

    check()
    answer_all(at, SAFETY)
    for _, answers in STEPS:
        answer_all(at, answers)
        check()
        assert "Samaritans" in text_of(at)
        click(at, "nav_next")
    check()
    click(at, "nav_results")
    check()


def test_after_a_birth_seeing_things_says_get_help_now_beside_the_question_with_the_region_s_number(at):
    """Review 15 (h15-2, critical): after a birth, "Yes" to seeing or hearing things changed nothing on its
    step; "get help now" waited for the results page, eight pages on. It now shows at once, beside the answer,
    with the region's emergency number, and goes when the answer changes."""
    answer_all(at, {"safety_thoughts": "no", "region": "uk"})
    click(at, "nav_next")
    answer_all(at, {"role": "self", "age_group": "25_to_59", "pregnancy": "postpartum"})
    click(at, "nav_next")
    assert not [e for e in at.error if "postpartum psychosis" in e.value]
    answer(at, "unusual_experiences", "yes")
    [note] = [e.value for e in at.error if "postpartum psychosis" in e.value]
    assert "get help now: [call 999](tel:999)" in note  # a link to tap, named by what it does (a16-4)
    answer(at, "unusual_experiences", "unsure")
    assert [e.value for e in at.error if "worth checking with a doctor the same day" in e.value]
    answer(at, "unusual_experiences", "no")
    answer(at, "barely_eating_or_moving", "yes")
    assert [e.value for e in at.error if "get help now: [call 999](tel:999)" in e.value] and not [
        e for e in at.error if "postpartum psychosis" in e.value]


def test_yes_with_no_region_brings_support_first_with_every_country_s_lines_then_asks_where_they_live(at):
    """Review 15 (h15-1): "Yes" with "Where do you live?" left blank met "Please choose an answer", with the
    banner scrolled away, on the screen that had promised support first."""
    answer_all(at, {"safety_thoughts": "yes"})
    click(at, "nav_next")
    assert title(at) == "Thank you for answering"
    text = text_of(at)
    assert "Help lines in each country" in text and "Samaritans" in text and "988" in text
    assert "Next, choose where you live" in text
    click(at, "support_continue")
    assert title(at) == "First, your safety"
    answer_all(at, {"region": "uk"})
    click(at, "nav_next")
    assert title(at) != "Thank you for answering"  # support was given for this answer: not shown twice
