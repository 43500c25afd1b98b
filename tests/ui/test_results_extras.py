"""The results page: treatment-path picture, values and SURE, the notes box and the downloads."""

from __future__ import annotations

from datetime import date

from engine.evaluate import evaluate
from engine.pathway import build_pathway
from tests.ui.apptest_driver import nav, notes
from tests.ui.conftest import headers, load_persona, persona, run, subheaders, text_of

NASTY_NOTE = "# Heading?\n<script>alert(1)</script> **bold** [link](http://example.com)"


def _graphviz(at):
    charts = at.get("graphviz_chart")
    assert len(charts) == 1
    return charts[0].proto.spec


def test_path_picture_marks_what_was_tried_and_where_results_point(at, bundle):
    load_persona(at, "long_highly_resistant")
    dot = _graphviz(at)
    assert dot.startswith("digraph")
    assert "TRIED" in dot and "Your results include\\ninformation about this step" in dot
    words = build_pathway(bundle, evaluate(bundle, persona(bundle, "long_highly_resistant").answers)).text
    page = text_of(at)
    for sentence in words:
        assert sentence in page
    assert "The path in words" in subheaders(at)
    assert any("Step 5, Brain stimulation and esketamine: You have tried this: ECT" in s for s in words)
    assert any(s.startswith("Step 6, Specialist options: This tool does not ask about these.")
               and "Your results include information about this step" in s for s in words)


def test_path_picture_for_someone_on_a_first_medicine(at):
    load_persona(at, "postpartum")
    dot = _graphviz(at)
    assert "specialist [label=\"6. Specialist options" in dot
    assert "Step 4, Talking therapy: Not tried yet, from your answers." in text_of(at)


def test_values_and_sure_answers_show_on_the_results_page(at):
    load_persona(at, "long_highly_resistant")
    page = text_of(at)
    assert "Strong proof that it works; That it could work quickly" in page
    assert "You answered \"Yes\" to 2 of the 4 SURE questions (SURE score: 2 out of 4)." in page
    assert "SURE: I feel sure about the best choice for me: No" in page


def test_skipped_values_are_said_plainly_with_a_way_back(at):
    load_persona(at, "postpartum")
    assert "You skipped the optional questions" in text_of(at)
    at.button(key="edit_values").click()
    run(at)
    assert at.title[0].value == "What matters most, and how ready you feel (optional)"
    # One way on, straight back to the results (not via the review), with the new answer in them.
    assert [b.key for b in at.button if (b.key or "").startswith("nav_back")] == []
    at.checkbox(key="w__priorities__speed").check()
    run(at)
    forward = nav(at, "nav_next")
    assert forward.label == "Return to my results"
    forward.click()
    run(at)
    assert at.title[0].value == "Your information sections"
    assert "That it could work quickly" in text_of(at)


def test_notes_are_kept_and_never_rendered_as_markup(at):
    load_persona(at, "possible_bipolar")
    at.text_area(key="w__notes").input(NASTY_NOTE)
    run(at)
    run(at)
    assert at.text_area(key="w__notes").value == NASTY_NOTE
    assert not any("<script>" in m.value or "**bold**" in m.value for m in at.markdown)
    assert not any(h.value.startswith("Heading") for h in at.header)
    # The note survives going back to the answers and forward again.
    nav(at, "nav_back").click()
    run(at)
    nav(at, "nav_results").click()
    run(at)
    assert at.text_area(key="w__notes").value == NASTY_NOTE


def test_downloads_are_offered(at):
    load_persona(at, "older_several_trials")
    keys = {button.key for button in at.get("download_button")}
    assert {"download_pdf", "download_markdown", "download_progress", "download_fhir_response",
            "download_fhir_questionnaire"} <= keys


def test_results_open_with_the_decision_the_glance_and_the_comparison_and_skip_no_heading_level(at):
    load_persona(at, "thyroid_sleep_apnoea")
    assert len(at.title) == 1
    said = [m.value for m in at.markdown if m.value not in notes(at)]  # the banner and notes are Markdown too (a16-5)
    assert said[0].startswith("**The decision.** You and your clinician are choosing what to try next")
    assert headers(at)[:2] == ["Your results at a glance", "Compare treatment options"]
    assert headers(at)[-2:] == ["Your treatment path so far", "Take it to your appointment"]


def test_the_paths_notes_come_before_the_decision_not_only_on_the_path_at_the_foot(at, bundle):
    """Review 8 (h8-1) and the walkthrough: "see a psychiatrist first" was 16 screens down, on the path."""
    load_persona(at, "first_medicine_only")  # has seen or heard things
    # The first path note (here: your safety first) is the one alert; the others look the same, unannounced (a16-5).
    first = build_pathway(bundle, evaluate(bundle, persona(bundle, "first_medicine_only").answers)).notes[0]
    alerts = [w.value for w in at.warning if w.icon == ":material/priority_high:"]  # (not the demo label)
    assert len(alerts) == 1 and alerts[0][:40] == first[:40]
    said = [w for w in notes(at, "warning") if "It is best to see a psychiatrist" in w]
    assert len(said) == 1
    main = [e for e in at.main if isinstance(getattr(e, "value", None), str)]
    texts = [e.value for e in main]
    note_at = next(i for i, t in enumerate(texts) if "It is best to see a psychiatrist" in t)
    assert note_at < next(i for i, t in enumerate(texts) if t.startswith("**The decision.**"))


def test_read_more_sends_a_sections_full_text_only_once_opened_and_keeps_it_open(at, bundle):
    """The full text is most of the page's weight, so it is sent when the person opens it."""
    load_persona(at, "long_highly_resistant")
    shown = evaluate(bundle, persona(bundle, "long_highly_resistant").answers).sections
    first, second = shown[0].id, shown[1].id

    def body_line(section_id: str) -> str:
        return next(line for line in bundle.content[section_id].body.splitlines()
                    if line.strip() and not line.startswith("#") and len(line) > 40)

    assert body_line(first) not in text_of(at)
    at.session_state[f"more_{first}"] = True  # what the expander's click sets
    run(at)
    assert body_line(first) in text_of(at)
    assert body_line(second) not in text_of(at), "opening one section must not send the others"
    run(at)  # any other rerun (a picker change, a note) keeps it open
    assert body_line(first) in text_of(at)


def test_a_section_read_after_its_review_cycle_says_it_may_be_out_of_date(at, monkeypatch):
    """The results page gives each section's review date; read more than review_cycle_months later, it says
    the facts may be out of date (the same words as the PDF and the Markdown)."""
    load_persona(at, "postpartum")
    assert "may be out of date" not in text_of(at)

    class Later(date):
        @classmethod
        def today(cls) -> date:
            return date(2031, 1, 1)

    monkeypatch.setattr("components.results.date", Later)
    run(at)
    captions = [c.value for c in at.caption if c.value.startswith("Last reviewed:")]
    assert captions and all("so some facts may be out of date." in c for c in captions)


def test_each_why_am_i_seeing_this_names_its_section(at):
    """Review a9-11: thirteen "Why am I seeing this?" buttons could not be told apart in a screen reader's list
    of controls."""
    load_persona(at, "long_highly_resistant")
    labels = [e.label for e in at.expander if e.label.startswith("Why am I seeing this?")]
    assert len(labels) >= 5 and len(set(labels)) == len(labels), labels
    assert all(label.endswith(")") for label in labels)


def test_a_carer_is_told_first_that_you_means_the_person_they_are_helping(at, bundle):
    """Review 11 (f11-3): the crisis text ("You told us about thoughts ...") comes first; a carer read it as
    being about themselves. The note comes before it, calm (not an alert), and only when someone else answers."""
    from engine.summary import READER_NOTES

    at.session_state["answers"] = {**persona(bundle, "crisis_answer").answers, "role": "supporter"}
    run(at)
    at.switch_page("components/pages/clinician.py")
    run(at)
    at.button(key="open_results").click()
    run(at)
    note = notes(at, "info")[0]  # calm, and first (the banner here is red)
    assert note.startswith(READER_NOTES["supporter"]) and not at.info  # no live role (a16-5)
    # Review 12 (s12-3): and what the helper can do now, with the region's number (Chris lives in the US).
    assert "cannot keep themselves safe, [call 911](tel:911) now. Stay with them if you can." in note
    assert "Whatever you choose, support for your safety comes first." in text_of(at)  # s12-15
    assert any("includes your answer about your safety" in c.value for c in at.caption)  # s12-10
    texts = [e.value for e in at.main if isinstance(getattr(e, "value", None), str)]
    crisis = bundle.content["crisis_support"].front.title
    assert texts.index(note) < next(i for i, t in enumerate(texts) if crisis in t)
    load_persona(at, "crisis_answer")  # answering for themselves: no note
    assert not any(READER_NOTES["supporter"] in i for i in notes(at))
    assert not any("Helping someone?" in i for i in notes(at))


def test_several_not_sure_answers_bring_a_calm_line_that_is_not_announced(at):
    """Review 16 (l16-6): after five "I'm not sure" answers, the page says that is fine and that some cautions may
    not fit, as a calm note (not an alert); a persona with none does not get it."""
    from engine.summary import UNSURE_NOTE

    load_persona(at, "first_medicine_only")
    assert UNSURE_NOTE in notes(at, "info") and not any(UNSURE_NOTE in w.value for w in at.info)
    load_persona(at, "possible_bipolar")
    assert UNSURE_NOTE not in text_of(at)


def test_what_a_star_means_is_said_before_the_starred_comparison(at):
    """Review 19 (k19-6): on a shared screen the stars after options were seen long before their key, which came
    after the whole grid, and read as a rating or a pick."""
    load_persona(at, "two_inadequate_trials")
    elements = list(at.main)
    key_at = next(i for i, e in enumerate(elements) if "Stars only highlight" in str(getattr(e, "value", "")))
    grid_at = next(i for i, e in enumerate(elements)
                   if e.type == "table" and any("★" in str(c) for c in e.value.columns))
    assert key_at < grid_at
    assert "after an option: a kind of treatment you said you would like to talk about" in elements[key_at].value
    # (v20-5) the first stars are in the choices above the grid: what they mean is said before them too.
    picker_at = next(i for i, e in enumerate(elements) if e.type == "multiselect")
    assert any("It is not a rating" in str(getattr(e, "value", "")) for e in elements[:picker_at])
