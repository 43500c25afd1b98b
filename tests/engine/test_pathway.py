"""engine/pathway.py draws rules/path.yaml: every status, the notes, the picture and the words."""

from __future__ import annotations

import re

import pytest

from engine.bundle import validate_bundle
from engine.evaluate import evaluate
from engine.pathway import WRAP, build_pathway

BASE = {"safety_thoughts": "no", "region": "uk"}


def _path(bundle, answers):
    return build_pathway(bundle, evaluate(bundle, {**BASE, **answers}))


def _persona(bundle, persona_id):
    return bundle.personas.find(persona_id).answers


@pytest.mark.parametrize(("answers", "step", "status", "text"), [
    ({"antidepressants_tried": "one"}, "first_antidepressant", "tried",
     "You have tried this. Antidepressants tried: One."),
    ({"antidepressants_tried": "none"}, "first_antidepressant", "not_yet", "Not tried yet, from your answers."),
    ({}, "first_antidepressant", "not_yet", "Not tried yet, from your answers."),
    ({"antidepressants_tried": "one", "trial_dose": "yes_all", "trial_duration": "yes_all",
      "trial_adherence": "most_days"}, "dose_duration",
     "checked", "You said each medicine reached the planned dose for at least 6 weeks, taken on most days."),
    # A fair trial means taken as planned: often missed doses (or not saying) is not "checked". Review 19 (k19-3):
    # a known gap is said as one, not as "not sure".
    ({"antidepressants_tried": "one", "trial_dose": "yes_all", "trial_duration": "yes_all",
      "trial_adherence": "often_missed"}, "dose_duration",
     "not_yet", "From your answers, a medicine has not had a fair trial yet: the planned dose, for 6 weeks or more, "
                "taken on most days."),
    ({"antidepressants_tried": "two", "trial_dose": "not_all", "trial_duration": "unsure"}, "dose_duration",
     "not_yet", "From your answers, a medicine has not had a fair trial yet: the planned dose, for 6 weeks or more, "
                "taken on most days."),
    ({"antidepressants_tried": "one", "trial_dose": "yes_all", "trial_duration": "yes_all"}, "dose_duration",
     "not_yet", "Not sure yet that each medicine had a fair trial, from your answers."),
    ({"antidepressants_tried": "two", "trial_dose": "yes_all", "trial_duration": "unsure"}, "dose_duration",
     "not_yet", "Not sure yet that each medicine had a fair trial, from your answers."),
    # Review 18 (v18-1): a switch at about 4 weeks, the others 6 weeks or more, is a fair record, not "not sure";
    # with one antidepressant nothing was switched (p18-2).
    ({"antidepressants_tried": "two", "trial_dose": "yes_all", "trial_duration": "changed_at_4_weeks",
      "trial_adherence": "most_days"}, "dose_duration", "checked",
     "You said each medicine reached the planned dose, taken on most days. One was switched at about 4 weeks because "
     "it hardly helped, and the others had at least 6 weeks."),
    ({"antidepressants_tried": "one", "trial_dose": "yes_all", "trial_duration": "changed_at_4_weeks",
      "trial_adherence": "most_days"}, "dose_duration",
     "not_yet", "Not sure yet that each medicine had a fair trial, from your answers."),
    ({"antidepressants_tried": "none"}, "dose_duration", "not_yet", "Not reached yet, from your answers."),
    ({"antidepressants_tried": "two", "augmentation_tried": ["lithium", "thyroid_hormone"]}, "switch_augment",
     "tried", "You have tried this. Antidepressants tried: Two; add-on medicines: Lithium, Thyroid hormone."),
    # Review 14 (p14-2): a switch without an add-on is half the step, not "You have tried this".
    ({"antidepressants_tried": "three_or_more", "augmentation_tried": ["none"]}, "switch_augment", "partly",
     "Partly tried: you have switched medicines (antidepressants tried: Three or more). You have not tried an add-on "
     "medicine, from your answers."),
    ({"antidepressants_tried": "two", "augmentation_tried": ["unsure"]}, "switch_augment", "partly",
     "Partly tried: you have switched medicines (antidepressants tried: Two). Not sure about add-on medicines, from "
     "your answers. Worth asking about."),
    ({"antidepressants_tried": "two"}, "switch_augment", "partly",
     "Partly tried: you have switched medicines (antidepressants tried: Two). Add-on medicines were not answered, so "
     "that part is not known."),
    ({"antidepressants_tried": "one", "augmentation_tried": ["lithium"]}, "switch_augment", "partly",
     "Partly tried: you have tried an add-on medicine (Lithium), but not a switch, from your answers."),
    # Unknown is not no (review 8, h8-3): "not tried" only when the answers say so.
    ({"antidepressants_tried": "one", "augmentation_tried": ["unsure"]}, "switch_augment", "not_yet",
     "Not sure about add-on medicines, from your answers. Worth asking about."),
    ({"antidepressants_tried": "one"}, "switch_augment", "not_yet",
     "Add-on medicines were not answered, so this is not known. Worth asking about."),
    ({"antidepressants_tried": "one", "augmentation_tried": ["none"]}, "switch_augment", "not_yet",
     "Not tried yet, from your answers."),
    ({"antidepressants_tried": "none"}, "switch_augment", "not_yet", "Not tried yet, from your answers."),
    ({"psychotherapy_tried": "structured"}, "psychotherapy", "tried",
     "You have tried this. Talking therapy: Yes, a structured therapy such as CBT."),
    ({"psychotherapy_tried": "some_counselling"}, "psychotherapy", "partly",
     "Partly tried: you have had some counselling, but not a structured therapy."),
    ({"psychotherapy_tried": "none"}, "psychotherapy", "not_yet", "Not tried yet, from your answers."),
    ({}, "psychotherapy", "not_yet", "Talking therapy was not answered, so this is not known. Worth asking about."),
    ({"procedures_tried": ["ect", "esketamine_ketamine"]}, "neuromodulation", "tried",
     "You have tried this: ECT (electroconvulsive therapy), Esketamine or ketamine."),
    ({"procedures_tried": ["none"]}, "neuromodulation", "not_yet", "Not tried yet, from your answers."),
    ({}, "neuromodulation", "not_yet",
     "Brain stimulation and esketamine were not answered, so this is not known. Worth asking about."),
    ({"procedures_tried": ["tms"]}, "specialist", "not_yet",
     "This tool does not ask about these. Tell your clinician if you have had one."),
])
def test_every_status_and_its_words(bundle, answers, step, status, text):
    found = {s.id: s for s in _path(bundle, answers).steps}[step]
    assert (found.status, found.status_text) == (status, text)


def test_tried_comes_only_from_counted_answers(bundle):
    # augmentation_tried is hidden when no antidepressant was tried, so its answer does not count.
    answers = {"antidepressants_tried": "none", "augmentation_tried": ["lithium"], "procedures_tried": ["tms"]}
    by_id = {s.id: s for s in _path(bundle, answers).steps}
    assert by_id["switch_augment"].status == "not_yet"
    assert by_id["neuromodulation"].status == "tried"
    assert by_id["first_antidepressant"].status == "not_yet"


def test_words_have_one_sentence_per_step_in_order(bundle):
    path = _path(bundle, _persona(bundle, "two_inadequate_trials"))
    numbered = [spec for spec in bundle.path.steps if not spec.optional]
    steps = [s for s in path.text if s.startswith("Step ")]
    assert [s.split(",")[0] for s in steps] == [f"Step {i}" for i in range(1, len(numbered) + 1)]
    assert path.text[0] == f"The usual path has {len(numbered)} steps. {bundle.path.intro}"
    assert all(s.endswith(".") for s in path.text)
    dose = path.steps[1]  # two trials that were not fair: not "checked", and the results cover it
    assert dose.status == "not_yet" and dose.pointed_by
    assert build_pathway(bundle, evaluate(bundle, _persona(bundle, "two_inadequate_trials"))).text == path.text


def test_results_include_information_never_point(bundle):
    """Review m-16: the path says what the results cover; it never reads like a recommendation."""
    outcome = evaluate(bundle, _persona(bundle, "long_highly_resistant"))
    path = build_pathway(bundle, outcome)
    titles = {s.title for s in outcome.sections}
    for step in path.steps:
        assert set(step.pointed_by) <= titles
    assert {s.id for s in path.steps if s.pointed_by} >= {"neuromodulation", "specialist"}
    words = " ".join(path.text) + path.dot
    assert "POINT HERE" not in words.upper() and "POINTS HERE" not in words.upper()
    assert "Your results include information about this step: \u201c" in " ".join(path.text)


def test_gene_testing_is_an_optional_extra_not_a_routine_step(bundle):
    """Review m-15: pharmacogenomics (CANMAT level 3) is not drawn under the dose check."""
    path = _path(bundle, {"antidepressants_tried": "two", "trial_dose": "not_all"})
    gene = next(s for s in path.steps if s.id == "gene_test")
    assert gene.number is None and gene.pointed_by
    assert any(s.startswith("Optional extra, Gene test: Not a routine step.") for s in path.text)
    line = next(line for line in path.dot.splitlines() if line.strip().startswith("gene_test [label="))
    assert line.split('label="')[1].startswith("Optional: ") and "dashed" in line
    assert not any("pharmacogenomics" in spec.sections for spec in bundle.path.steps if not spec.optional)


def test_crisis_note_comes_first(bundle):
    path = build_pathway(bundle, evaluate(bundle, _persona(bundle, "crisis_answer")))
    assert path.text[0].startswith("Your safety comes first")
    assert "safety [label=" in path.dot


@pytest.mark.parametrize(("unusual", "shown"), [("yes", True), ("no", False)])
def test_psychiatrist_review_note_with_unusual_experiences(bundle, unusual, shown):
    path = _path(bundle, {"unusual_experiences": unusual, "antidepressants_tried": "one"})
    assert any("It is best to see a psychiatrist before the other steps" in s for s in path.text) is shown
    assert ("psychiatrist_first [label=" in path.dot) is shown


@pytest.mark.parametrize(("answer", "note", "opening"), [
    ("yes", "eating_or_moving_very_little", "You said you have been eating, drinking or moving very little."),
    ("unsure", "eating_or_moving_unsure", "You were not sure if you have been eating, drinking or moving very little."),
    ("no", None, None), (None, None, None)])
def test_eating_or_moving_very_little_note_comes_first_whatever_the_sections(bundle, answer, note, opening):
    """Review 8 (h8-1): a note chosen by an answer, not a section, so page 1 of the summary says it.
    Review 16 (r16-1): "not sure" asks for a doctor today too, as the question's own urgent note does."""
    answers = {"antidepressants_tried": "two", "age_group": "65_plus"}
    path = _path(bundle, answers if answer is None else {**answers, "barely_eating_or_moving": answer})
    assert ("doctor today" in path.text[0]) is (note is not None)
    if note:
        assert path.text[0].startswith(opening) and f"{note} [label=" in path.dot
    assert not any(f"eating_or_moving_{kind} [label=" in path.dot for kind in ("very_little", "unsure")
                   if f"eating_or_moving_{kind}" != note)


def test_a_path_note_needs_sections_or_a_when_and_its_when_is_checked(bundle_copy):
    path = bundle_copy / "rules" / "path.yaml"
    text = path.read_text()
    text = text.replace("    when: {q: barely_eating_or_moving, op: eq, value: \"yes\"}\n", "")
    text = text.replace("    sections: [psychotic_depression]\n",
                        "    when: {q: unusual_experience, op: eq, value: \"yes\"}\n")
    path.write_text(text)
    problems = {(p.path, p.code): p.message for p in validate_bundle(bundle_copy)}
    assert "path note 'eating_or_moving_very_little' needs `sections`, a `when`, or both" in problems[
        ("rules/path.yaml", "invalid-value")]
    assert "unusual_experience" in problems[("rules/path.yaml", "unknown-question")]


def test_dot_is_well_formed_narrow_and_never_colour_only(bundle):
    path = build_pathway(bundle, evaluate(bundle, _persona(bundle, "older_several_trials")))
    assert path.dot.startswith("digraph treatment_path {") and path.dot.rstrip().endswith("}")
    assert path.dot.count("{") == path.dot.count("}")
    for step in path.steps:
        line = next(line for line in path.dot.splitlines() if line.strip().startswith(f"{step.id} [label="))
        if step.pointed_by:
            assert bundle.path.pointed.split()[0] in line and "bold" in line
        if step.status == "tried":
            assert "TRIED" in line and "\u2713" in line
    labels = re.findall(r'label="((?:[^"\\]|\\.)*)"', path.dot)
    for label in labels:  # every double quote inside a label is escaped
        assert '"' not in label.replace('\\"', "")
    # One narrow column: short lines, so the text stays readable on a 390 px phone screen.
    lines = [line for label in labels for line in label.split("\\n")]
    assert max(len(line.strip()) for line in lines) <= WRAP + 2
    assert "rankdir=TB" in path.dot and path.dot.count("style=invis") == len(path.steps) - 1


def test_every_treatment_section_is_on_the_path(bundle):
    on_path = {s for step in bundle.path.steps for s in step.sections}
    treatment = {entry.id for entry in bundle.sections if entry.tier == "treatment"}
    assert treatment and treatment <= on_path


def test_a_new_treatment_section_missing_from_the_path_is_a_validate_error(bundle_copy):
    sections = bundle_copy / "rules" / "sections.yaml"
    sections.write_text(sections.read_text().replace(
        "  - {id: lifestyle,", "  - {id: new_option, tier: treatment}\n  - {id: lifestyle,"))
    problems = validate_bundle(bundle_copy)
    assert any(p.code == "missing-path-step" and "'new_option'" in p.message and p.path == "rules/path.yaml"
               for p in problems), problems


def test_path_and_sure_words_read_plainly(bundle):
    from tests.content.lint import MAX_GRADE, grade, phrase_findings

    path = bundle.path
    texts = [path.intro, path.pointed + ".", bundle.values.sure.note]
    texts += [text for note in path.notes for text in (note.label + ".", note.text)]
    texts += [text for step in path.steps for text in (step.detail + ".", *(s.text for s in step.statuses))]
    assert grade("\n".join(texts)) <= MAX_GRADE
    assert not [str(f) for text in texts for f in phrase_findings("rules/path.yaml", text)]


def test_values_and_sure_come_from_rules(bundle):
    values = bundle.values
    assert values.step in {step.id for step in bundle.steps}
    assert values.priorities in bundle.question_by_id
    assert len(values.sure.questions) == 4 and all(q in bundle.question_by_id for q in values.sure.questions)


def test_an_unknown_persona_is_not_found(bundle):
    """The clinician view's buttons name personas by id; an id from an old page is simply not found."""
    assert bundle.personas.find("no_such_persona") is None
