"""Review a16 (a blind screen-reader user and a WCAG 2.2 AA audit): what is announced, and what each link says.

A role=alert (st.error, st.warning) is read out, assertively, each time it is added or its text changes; a
role=status (st.info, st.success) politely. So the crisis banner is said once as a worrying answer is given,
not on every rerun (a16-3); the results page opens with one alert, not twelve (a16-5).
"""

from __future__ import annotations

from components.frame import BANNER_NO_REGION_ALERT
from tests.ui.apptest_driver import _blocks, answer, answer_all, banner_box, click, notes, title
from tests.ui.conftest import load_persona, persona


def _status_line(at) -> str:
    """The polite line under the region question (an st.html with role=status), or "" when there is none."""
    found = [block for block in _blocks(at.main) if getattr(block, "key", None) == "lines_are_up"]
    return found[0].children[0].value if found else ""


def test_the_banner_is_said_once_as_yes_is_given_and_not_again_on_each_country_chosen(at, bundle):
    """a16-3: each arrow key in "Where do you live?" reran the app and rewrote the banner's alert with a whole
    country's list, cutting off the radio's own "United Kingdom, 2 of 8". The banner is said once, when "Yes" is
    chosen; choosing a country keeps it red and silent, and a polite status line says the lines are up."""
    answer(at, "safety_thoughts", "yes")
    assert banner_box(at) == ("alert", BANNER_NO_REGION_ALERT)  # the moment a worrying answer is given
    assert _status_line(at) == ""
    for region in ("us", "uk", "ca"):
        answer(at, "region", region)
        tone, said = banner_box(at)
        assert tone == "error" and not at.error, region  # red, as before, but not an alert again
        assert bundle.regions[region].lines[0].name in said
        assert 'role="status"' in _status_line(at) and "at the top of this page" in _status_line(at)
    click(at, "nav_next")
    assert title(at) == "Thank you for answering" and banner_box(at)[0] == "info"  # calm (s12-8)
    click(at, "support_continue")
    assert banner_box(at)[0] == "alert"  # the step after the supportive screen says it again, once
    answer(at, "role", "self")
    assert banner_box(at)[0] == "error" and not at.error


def test_no_worrying_answer_no_alert_and_no_status_box_for_the_banner(at):
    """Before any answer, and after "No", the banner is calm and not a live region: st.info was a role=status,
    read out again each time a country was chosen."""
    assert banner_box(at)[0] == "info" and not at.info and not at.error
    answer_all(at, {"safety_thoughts": "no", "region": "uk"})
    assert banner_box(at)[0] == "info" and not at.info and not at.error


def test_the_results_open_with_one_alert_the_first_path_note(at, bundle):
    """a16-5: as the results opened, 12 alerts were read out at once (the path notes and every caution), then
    the status notes: the heading was cut off and the one note that matters was lost. Cautions and the fixed
    notes look the same but are not live regions; the first path note (get help now) is the one alert."""
    load_persona(at, "first_medicine_only")  # the safety answer and seeing or hearing things: two path notes
    alerts = [w for w in at.warning if w.icon == ":material/priority_high:"]
    assert len(alerts) == 1 and alerts[0].value.startswith("Your safety comes first.")
    assert any(n.startswith("You gave an answer about seeing or hearing things") for n in notes(at, "warning"))
    cautions = [n for n in notes(at, "warning") if n.startswith("**Caution:")]
    assert cautions and not [w for w in at.warning if w.value.startswith("**Caution:")]
    assert any(n.startswith("**You do not need to read all of this.**") for n in notes(at, "info"))
    assert not at.info  # no role=status anywhere on the page


def test_every_caution_on_the_results_is_drawn_as_a_quiet_note(at, bundle):
    from engine.evaluate import evaluate

    load_persona(at, "older_several_trials")
    outcome = evaluate(bundle, persona(bundle, "older_several_trials").answers)
    expected = sum(len(s.cautions) for s in outcome.sections)
    assert expected and len([n for n in notes(at, "warning") if n.startswith("**Caution:")]) == expected


def test_the_text_summary_says_it_is_the_one_for_a_screen_reader(at):
    """a16-6: the PDF is not tagged (no headings or table a screen reader can move through); the Markdown file
    has the same content. Its button says so, where a screen-reader user picks one."""
    load_persona(at, "older_several_trials")
    [button] = [b for b in at.get("download_button") if b.key == "download_markdown"]
    assert button.proto.label == "Summary as a text file (Markdown), easiest with a screen reader"
