"""The person's path through the app: idempotent navigation, the safety screen, errors in place,
saving from every step, downloads made only on request, the demo persona label and the banner."""

from __future__ import annotations

import re
from typing import Any

import pytest
import streamlit.elements.widgets.button as button_module
from streamlit.testing.v1.element_tree import get_widget_state

from components import state as state_module
from components import support, takeaway
from components.frame import (
    BANNER_NO_REGION,
    BANNER_NO_REGION_ALERT,
    EVERY_COUNTRY,
    MORE_LINES,
    SUPPORT_NO_REGION,
    dial,
)
from tests.content.lint import MAX_GRADE, grade, phrase_findings
from tests.ui.apptest_driver import answer_all, banner_box, click, nav, new_app, notes, text_of, title
from tests.ui.conftest import open_clinician, run, titles
from tests.ui.test_questionnaire_flow import STEPS, walk_to_review

SUPPORT = "Thank you for answering"


@pytest.fixture
def at():
    return new_app()


def _to_step(at, step_id: str):
    for sid, answers in STEPS:
        if sid == step_id:
            return at
        answer_all(at, answers)
        click(at, "nav_next")
    raise AssertionError(step_id)


def _flat(block: Any) -> list[Any]:
    out = []
    for child in getattr(block, "children", {}).values():
        out.append(child)
        out += _flat(child)
    return out


# --- 1. Idempotent navigation -------------------------------------------------------------------------

def test_a_second_click_on_a_next_button_already_left_behind_does_nothing(at):
    """A double click: the second click comes from the medicines step's button, after the step moved on.

    The next step (other treatments) has only optional questions, so a second Next there would
    pass straight through: it must not.
    """
    _to_step(at, "medicines")
    answer_all(at, dict(STEPS)["medicines"])
    old_next = nav(at, "nav_next").click()
    stale_click = get_widget_state(old_next)  # what the browser sends for a click on that button
    at.run()
    assert title(at) == "Other treatments you have tried"
    for _ in range(2):  # the second and third clicks of a triple click, still on the old button
        states = at._tree.get_widget_states()
        states.widgets.append(stale_click)
        at._run(states)
        assert not at.exception, [e.value for e in at.exception]
        assert title(at) == "Other treatments you have tried"


def test_a_click_made_on_another_screen_is_ignored_by_every_navigation_callback(at):
    """The callbacks check the screen the button was drawn on (a late click from an old render)."""
    _to_step(at, "this_episode")
    answer_all(at, dict(STEPS)["this_episode"])
    stale = ("step", "about_you")
    for callback, args in ((state_module.go_next, (stale,)), (state_module.go_back, (stale,)),
                           (state_module.show_results, (stale,)), (state_module.edit_step, ("safety", stale))):
        at.session_state["_probe"] = 1  # AppTest needs a write to run callbacks through the session
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(state_module, "st", _SessionOnly(at.session_state))
            takes_bundle = (state_module.go_next, state_module.go_back, state_module.show_results)
            callback(*([_bundle(at)] if callback in takes_bundle else []), *args)
        assert at.session_state["step"] == "this_episode" and at.session_state["view"] == "step", callback


class _SessionOnly:
    def __init__(self, session_state: Any) -> None:
        self.session_state = session_state


def _bundle(at):
    from components.loading import get_bundle

    return get_bundle()[0]


# --- 2. Screen changes and errors in place ----------------------------------------------------------

def test_every_screen_change_changes_the_screen_key_and_a_rerun_does_not(at):
    keys = [at.session_state["screen"]]
    answer_all(at, dict(STEPS)["safety"])
    assert at.session_state["screen"] == keys[-1]  # answering is not a screen change
    for action in ("nav_next", "nav_back", "nav_next"):
        click(at, action)
        assert at.session_state["screen"] != keys[-1], action
        keys.append(at.session_state["screen"])


def test_a_refused_next_says_what_is_missing_right_under_that_question(at):
    click(at, "nav_next")
    assert title(at) == "First, your safety"
    order = [type(e).__name__ + ":" + str(getattr(e, "key", "") or getattr(e, "value", ""))[:40]
             for e in _flat(at.main)]
    radios = [i for i, e in enumerate(order) if e.startswith("Radio:")]
    errors = [i for i, e in enumerate(order) if e.startswith("Error:") and "Please choose an answer" in e]
    assert len(errors) == 2, order
    # Safety question, its message, the region question, its message: never all at the bottom.
    assert radios[0] < errors[0] < radios[1] < errors[1], order


# --- 3. The safety screen --------------------------------------------------------------------------

@pytest.mark.parametrize("said", ["yes", "prefer_not_to_say"])
def test_a_worrying_safety_answer_gets_a_calm_screen_with_the_persons_own_lines(at, said):
    answer_all(at, {"safety_thoughts": said, "region": "uk"})
    click(at, "nav_next")
    assert title(at) == SUPPORT
    page = text_of(at)
    assert "[Call 116 123](tel:116123)" in page  # Samaritans, tap-to-call, the verb in the link (a16-1)
    assert "[Call 999](tel:999)" in page
    assert "Your region: United Kingdom" in page
    assert "Monday to Thursday 6pm to 2am" in page  # Breathing Space is not open all the time: it says when
    assert (support.NOT_SAID in page) == (said == "prefer_not_to_say")
    assert "Filling this in for someone else?" in page  # who is answering is asked on the next step: it may be a helper
    # Review 19 (s19-6, v20-1): no "if you are in immediate danger" anywhere on this screen, banner and box alike.
    assert "immediate danger" not in page and "[Call 999](tel:999), or go to an emergency department." in page
    click(at, "support_continue")
    assert title(at) == "About you"
    # It answers once: going back to the first step and on again does not show it a second time.
    click(at, "nav_back")
    click(at, "nav_next")
    assert title(at) == "About you"


def test_somewhere_else_gets_the_directory_and_no_talk_of_lines_that_are_not_listed(at):
    """'Somewhere else' lists a directory website, not a line: the calm screen must not say 'these lines'."""
    answer_all(at, {"safety_thoughts": "yes", "region": "other"})
    click(at, "nav_next")
    assert title(at) == SUPPORT
    page = text_of(at)
    assert "findahelpline.com" in page and "local emergency number" in page
    assert "these lines" not in page.lower()


def test_the_supportive_screen_says_what_to_do_now_by_what_is_happening(at):
    """Review 10 (c10-8): "immediate danger" alone is a phrase many people in crisis do not apply to themselves.
    The screen gives crisis_support's two steps, with the region's emergency number first, then its lines,
    and says the person may stop."""
    answer_all(at, {"safety_thoughts": "yes", "region": "uk"})
    click(at, "nav_next")
    page = text_of(at)
    act_now = page.index("might act on these thoughts, or cannot keep yourself safe, get help now")
    # (The banner, a note above the screen's heading, names Samaritans first: the order asked is the screen's own.)
    assert page.index("999", act_now) < page.index("reach out today") < page.index("Samaritans", act_now)
    # Review 12 (s12-2): the action alone; "if you are in immediate danger" would let a person rule themselves out.
    assert "get help now.** [Call 999](tel:999), or go to an emergency department." in page
    assert support.STOP_ANY_TIME in page and support.MEANWHILE in page  # s12-11: one protective step meanwhile
    # Review 11 (f11-1): a carer answering for someone too unwell is the one who must act: their own first step,
    # with the region's number (review 12, s12-13), not "your local emergency number" to look up.
    helper = page.index("Filling this in for someone else?")
    assert page.index("[call 999](tel:999) now", helper) < page.index("Stay with them if you can", helper)
    # Review 19 (s19-1): on a first pass the role is not known yet (it is asked next), so the helper's step for
    # now comes with the person's, before "today" and the lines, not at the foot of the screen; (q19-6) only that
    # step, since the reader is most often the person: the helper's other steps come after the person's own.
    today = page.index("reach out today")
    assert act_now < helper < today < page.index("Samaritans", helper)
    assert "help them put time and distance" not in page[helper:today]
    assert page.index(support.TRUSTED) < page.index("help them put time and distance") \
        < page.index("help them contact a crisis line or their doctor today")
    # Review 11 (f11-2): age is asked on the next step, so a young person's own line is here too, after the rest.
    assert page.index("Samaritans", act_now) < page.index("If you are under 18") < page.index("Childline")


def test_no_supportive_screen_after_no(at):
    answer_all(at, {"safety_thoughts": "no", "region": "uk"})
    click(at, "nav_next")
    assert title(at) == "About you"


def test_the_supportive_screen_from_review_returns_to_review(at):
    walk_to_review(at)
    click(at, "edit_safety")
    answer_all(at, {"safety_thoughts": "yes"})
    click(at, "nav_next")
    assert title(at) == SUPPORT
    assert at.session_state["answers"]["role"] == "self"
    assert "Filling this in for someone else?" not in text_of(at)  # someone answering for themselves: alone
    assert "If you are under 18" not in text_of(at)  # age is known: the banner's lines already fit it
    assert support.GO_ON_TO_REVIEW in text_of(at) and support.GO_ON not in text_of(at)
    click(at, "support_continue")
    assert title(at) == "Check your answers"


def test_supportive_text_reads_plainly_and_safely():
    for text in support.TEXTS + (BANNER_NO_REGION, BANNER_NO_REGION_ALERT, SUPPORT_NO_REGION, EVERY_COUNTRY,
                                 MORE_LINES):
        assert grade(text) <= MAX_GRADE, (text, grade(text))
        assert phrase_findings("support", text) == [], text
    whole = " ".join(support.TEXTS)
    assert grade(whole) <= MAX_GRADE, grade(whole)


def test_phone_numbers_become_tap_to_call_or_text_links():
    # Review a16 (a16-1): the verb is inside the link, so a screen reader's list of links says what each does.
    assert dial("Call 116 123 (free)") == "[Call 116 123](tel:116123) (free)"
    assert dial("Call or text 9-8-8") == "[Call or text 9-8-8](tel:988)"
    assert dial("Call 111 and press 2 for mental health") == "[Call 111](tel:111) and press 2 for mental health"
    # A keyword goes into the message, so tapping opens it ready to send (iOS and Android both read ?&body=).
    assert dial("Text HOME to 741741") == "[Text HOME to 741741](sms:741741?&body=HOME)"
    # A number with no verb of its own gets one in its link: "999" alone in a list of links says nothing.
    assert dial("Call 112 or 999 if you are in immediate danger") == \
        "[Call 112](tel:112) or [call 999](tel:999) if you are in immediate danger"
    # A number that only takes texts is never a tap-to-call link (a call to 234 goes nowhere).
    assert dial("Call 0800 376 633 or text 234 (free)") == \
        "[Call 0800 376 633](tel:0800376633) or [text 234](sms:234) (free)"
    assert dial("Call 1-800-668-6868 or text CONNECT to 686868 (free)") == \
        "[Call 1-800-668-6868](tel:18006686868) or [text CONNECT to 686868](sms:686868?&body=CONNECT) (free)"
    # Digits inside a web address are not a number to tap (the support screen shows text options).
    assert dial("Call 988 (24/7; Text 988, or chat at 988lifeline.org)") == \
        "[Call 988](tel:988) (24/7; [Text 988](sms:988), or chat at [988lifeline.org](https://988lifeline.org))"
    # Outside the listed countries the only line is a website: it must be something to tap.
    assert dial("Visit findahelpline.com to find a free line in your country") == \
        "Visit [findahelpline.com](https://findahelpline.com) to find a free line in your country"
    assert dial("Text 0477 13 11 14, or chat at lifeline.org.au") == \
        "[Text 0477 13 11 14](sms:0477131114), or chat at [lifeline.org.au](https://lifeline.org.au)"
    assert dial("Chat online with a counsellor at childline.org.uk") == \
        "Chat online with a counsellor at [childline.org.uk](https://childline.org.uk)"


# --- 4. The banner before and after a country is chosen ----------------------------------------------

def test_banner_is_one_line_and_an_expander_before_a_country_is_chosen(at):
    assert banner_box(at) == ("info", BANNER_NO_REGION)
    assert EVERY_COUNTRY in [e.label for e in at.expander]
    assert "tel:116123" in text_of(at) and "tel:988" in text_of(at)  # every country's lines, tap-to-call
    answer_all(at, {"region": "uk"})
    assert "[Call 116 123](tel:116123)" in banner_box(at)[1]
    assert EVERY_COUNTRY not in [e.label for e in at.expander]


def test_a_long_list_of_lines_shows_two_and_the_rest_one_tap_away_until_an_answer_is_worrying(at, bundle):
    """The UK has seven lines: on a phone they took a third of every screen. The first two stay in the
    banner with the emergency number, and the others wait in an expander, until a worrying answer."""
    uk = bundle.regions["uk"]
    answer_all(at, {"safety_thoughts": "no", "region": "uk"})
    tone, banner = banner_box(at)
    assert tone == "info"
    assert uk.lines[0].name in banner and uk.lines[1].name in banner and uk.lines[2].name not in banner
    assert "[Call 999](tel:999)" in banner
    more = next(e for e in at.expander if e.label == MORE_LINES.format(n=len(uk.lines) - 2))
    assert all(line.name in " ".join(m.value for m in more.markdown) for line in uk.lines[2:])
    answer_all(at, {"safety_thoughts": "yes"})
    tone, banner = banner_box(at)
    assert tone == "alert" and all(line.name in banner for line in uk.lines)
    assert not [e for e in at.expander if e.label.startswith("More help lines")]
    answer_all(at, {"region": "ie"})  # a short list never hides a line
    tone, banner = banner_box(at)
    assert all(line.name in banner for line in bundle.regions["ie"].lines)
    assert tone == "error" and not at.error  # still red, not announced again (a16-3)


def test_the_supportive_screen_opens_calmly_with_a_short_banner_over_its_own_full_list(at, bundle):
    """Review 12 (s12-8): just after "Yes", a red block of the UK's seven lines and the legal notice came before
    "Thank you for answering". On that screen the banner is calm and short (the first line, the emergency
    number, and where the rest are), the screen's own box lists every line, and the notice moves to the foot.
    On the next step every line is back in the alert."""
    uk = bundle.regions["uk"]
    answer_all(at, {"safety_thoughts": "yes", "region": "uk"})
    click(at, "nav_next")
    assert title(at) == SUPPORT and not at.error
    tone, banner = banner_box(at)
    assert tone == "info"
    assert uk.lines[0].name in banner and "[Call 999](tel:999)" in banner and "listed just below" in banner
    assert uk.lines[1].name not in banner
    # Review 19 (s19-6): the same threshold as the screen's own step, the action alone; "if you are in immediate
    # danger" in the banner brought back the condition the screen left out (s12-2).
    assert "[Call 999](tel:999), or go to an emergency department." in banner and "immediate danger" not in banner
    assert all(line.name in text_of(at) for line in uk.lines)  # the screen's own box: every line
    notices = [i for i, c in enumerate(at.caption) if "does not diagnose" in c.value]
    assert notices == [len(at.caption) - 1]  # once, at the foot
    click(at, "support_continue")
    tone, banner = banner_box(at)
    assert tone == "alert" and all(line.name in banner for line in uk.lines)  # said again, once (a16-3)


def test_the_supportive_screen_before_a_country_gives_every_emergency_number_as_an_action_alone(at):
    """Review 19 (v20-1): "Yes" before a country opens the supportive screen with every country's lines; its banner
    and each country's line ended "if you are in immediate danger", the condition the screen's step leaves out."""
    answer_all(at, {"safety_thoughts": "yes"})
    click(at, "nav_next")
    assert title(at) == SUPPORT
    page = text_of(at)
    assert "immediate danger" not in page and "danger now" not in page
    assert banner_box(at) == ("info", SUPPORT_NO_REGION)
    assert page.count(", or go to an emergency department.") >= 8  # the screen's step, and every country's


def test_a_worrying_answer_before_a_country_keeps_the_question_in_view(at):
    """Opening every country's lines pushed "Where do you live?" (and the focus) two screens down on a phone:
    the alert says where the person's own lines will show, one answer below."""
    answer_all(at, {"safety_thoughts": "yes"})
    assert banner_box(at) == ("alert", BANNER_NO_REGION_ALERT)
    assert EVERY_COUNTRY in [e.label for e in at.expander]
    assert not next(e for e in at.expander if e.label == EVERY_COUNTRY).proto.expanded


# --- 5. Save from every step; downloads made only on request -------------------------------------------

def test_save_my_progress_is_offered_on_every_step_and_the_review_saying_a_reload_starts_again(at):
    """Answers live only in the session, so a reload starts again: the step says so beside the save button,
    before it happens (walkthrough 2026-11-28: only the browser's own "Reload site?" warned)."""
    assert not [b for b in at.get("download_button")]  # nothing to save yet
    assert takeaway.KEPT_WHILE_OPEN not in text_of(at)
    for sid, answers in STEPS:
        answer_all(at, answers)
        if at.session_state["answers"]:
            assert "Save my answers to carry on later" in [b.proto.label for b in at.get("download_button")], sid
            assert takeaway.KEPT_WHILE_OPEN in text_of(at), sid
        click(at, "nav_next")
    assert title(at) == "Check your answers"
    assert "Save my answers to carry on later" in [b.proto.label for b in at.get("download_button")]
    assert takeaway.KEPT_WHILE_OPEN in text_of(at)
    assert grade(takeaway.KEPT_WHILE_OPEN) <= MAX_GRADE and phrase_findings("save", takeaway.KEPT_WHILE_OPEN) == []


def test_a_results_render_makes_no_download_file(at, monkeypatch):
    made: list[Any] = []
    real = button_module.convert_data_to_bytes_and_infer_mime
    monkeypatch.setattr(button_module, "convert_data_to_bytes_and_infer_mime",
                        lambda *a, **k: made.append(a) or real(*a, **k))
    walk_to_review(at)
    click(at, "nav_results")
    assert titles(at) == ["Your information sections"]
    labels = [b.proto.label for b in at.get("download_button")]
    assert len(labels) >= 3, labels  # PDF, Markdown, saved progress (and FHIR)
    assert made == [], "a download was turned into bytes (and a /media URL) before anyone clicked"


# --- 6. Personas: ask first, stay on the clinician page, say it is fictional --------------------------

def test_a_persona_asks_before_replacing_real_answers_and_is_labelled_fictional(at):
    answer_all(at, {"safety_thoughts": "no", "region": "uk"})
    mine = dict(at.session_state["answers"])
    open_clinician(at)
    at.button(key="persona_young_person").click()
    run(at)
    assert at.session_state["answers"] == mine
    assert any("replaces the answers" in w.value for w in at.warning)
    at.button(key="persona_confirm_no").click()
    run(at)
    assert at.session_state["answers"] == mine
    at.button(key="persona_young_person").click()
    run(at)
    at.button(key="persona_confirm_yes").click()
    run(at)
    assert titles(at) == ["Clinician view"]  # stays on the clinician page
    assert at.session_state["answers"] != mine
    assert any(re.match(r"\*\*Fictional demo person: .+\.\*\*", w.value) for w in at.warning)
    # A second persona replaces a persona without asking (no real answers at stake).
    at.button(key="persona_older_several_trials").click()
    run(at)
    assert not any("replaces the answers" in w.value for w in at.warning)
    at.button(key="open_results").click()
    run(at)
    assert titles(at) == ["Your information sections"]
    assert any("Fictional demo person" in w.value for w in at.warning)  # shown with the results too
    # Start again clears the label with the answers.
    at.switch_page("components/pages/questionnaire.py")
    click(at, "restart")
    click(at, "restart_yes")
    assert not any("Fictional demo person" in w.value for w in at.warning)


# --- 7. state.py shape ------------------------------------------------------------------------------------

def test_state_has_one_reset_and_no_upload_import_or_path_memo():
    from pathlib import Path

    source = Path(state_module.__file__).read_text()
    assert "components.upload" not in source
    assert "PATH_MEMO" not in source and "path_memo" not in source
    assert source.count("del st.session_state[") == 1  # widget keys are cleared in one place: _reset
    assert source.count("st.session_state[key] = ") == 1  # one widget-binding helper: bind


def test_the_browser_helper_escapes_what_it_is_given():
    from components.browser import script

    html = script("abc-1", "</script><script>alert(1)</script>", True, '{"answers": {"x": "</script>"}}')
    assert html.count("</script>") == 2  # only the closing tags of its data block and its script
    assert "<\\/script>" in html


def test_the_deploy_recipes_csp_allows_exactly_the_helpers_constant_scripts():
    """The helper's scripts are constant text, so the CSP can allow them by hash (no 'unsafe-inline' or eval)."""
    from components.browser import SCRIPT, script, script_hashes
    from tests.conftest import ROOT

    template = (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
    policies = [line for line in template.splitlines() if "Content-Security-Policy" in line and "add_header" in line]
    assert policies
    for line in policies:
        script_src = line.split("script-src", 1)[1].split(";", 1)[0]
        assert all(h in script_src for h in script_hashes()), "update the CSP hashes in deploy/nginx.conf.template"
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    one, other = script("a-1", "Step one", True), script("b-2", "Step two", False, '{"answers": {}}')
    assert f"<script>{SCRIPT}</script>" in one and f"<script>{SCRIPT}</script>" in other  # never changes


def test_the_results_say_at_the_top_when_a_section_s_review_is_overdue(at, monkeypatch):
    """Review 14 (r14-6): an overdue review was said only beside a section's sources, inside a folded box."""
    import datetime as dt

    import components.results as results_module

    class Later(dt.date):
        @classmethod
        def today(cls):
            return dt.date(2031, 1, 1)

    walk_to_review(at)
    click(at, "nav_results")
    assert not [w for w in notes(at, "warning") if "Some sections were last reviewed" in w]
    monkeypatch.setattr(results_module, "date", Later)
    at.run()
    overdue = [w for w in notes(at, "warning") if "Some sections were last reviewed" in w]
    assert len(overdue) == 1 and "Ask your clinician what has changed." in overdue[0]


def test_a_known_helper_reads_their_own_step_first_and_every_step_says_who_you_means(at):
    """Review 18 (h18-6): once the role says a family member or friend is answering, their step (with the
    region's number, and making the home safer) comes right after the person's, not three phone screens down;
    (h18-12) every later step says that "you" means the person."""
    from engine.summary import READER_NOTES

    helper_steps = [(step, {**answers, "role": "supporter"} if step == "about_you" else answers)
                    for step, answers in STEPS]
    walk_to_review(at, helper_steps[:2] + STEPS[2:3] + helper_steps[3:])
    click(at, "edit_safety")
    answer_all(at, {"safety_thoughts": "yes"})
    click(at, "nav_next")
    assert title(at) == SUPPORT
    page = text_of(at)
    helper = page.index("Filling this in for someone else?")
    assert page.index("get help now") < helper < page.index("reach out today")
    assert "help them put time and distance between them and anything they could use" in page[helper:]
    click(at, "support_continue")
    click(at, "edit_medicines")
    assert READER_NOTES["supporter"] in text_of(at)
