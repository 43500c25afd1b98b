"""Every section is complete, sourced, plain and safe to read (issue 3 guards)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from engine.content import REQUIRED_HEADINGS
from engine.links import phone_numbers
from tests.conftest import ROOT
from tests.content.lint import MAX_GRADE, grade, lint_texts, markdown_to_prose, phrase_findings, section_texts

SECTION_IDS = sorted(p.stem for p in (ROOT / "content" / "sections").glob("*.md"))


# Danger that needs help now (CONTENT_GUIDE.md, "One urgency ladder"): not being able to keep safe,
# might act on thoughts, harm to oneself or others, signs of a heart attack, a stroke or a clot, a fit,
# an overdose, stopping eating and drinking. A sentence naming one never offers the same day or later.
DANGER_NOW = re.compile(
    r"(?i)keep (?:yourself|themselves|herself|himself) safe|feel unsafe|might act"
    r"|harm(?:ing)? (?:yourself|themselves|herself|himself|the baby|anyone|someone)"
    r"|chest pain|trouble breathing|faint|confus|\ba fit\b|taken too much|not slept for days|barely moves"
    r"|stopped eating and drinking")
LATER = re.compile(r"(?i)same day|\bsoon\b(?! after)|this week|tomorrow")  # "soon after the birth" is no deadline


def _statements(text: str) -> list[str]:
    """Each sentence, wrapped lines joined; a list item's are read with the line that leads into it
    ("Get help now if:")."""
    blocks: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line and blocks and blocks[-1] and not line.startswith(("- ", "* ", "#")):
            blocks[-1] += " " + line
        else:
            blocks.append(line)
    found, lead = [], ""
    for block in filter(None, blocks):
        is_item = block.startswith(("- ", "* "))
        if not is_item:
            lead = block if block.endswith(":") else ""
        found += [f"{lead} {s}" if is_item else s for s in re.split(r"(?<=[.!?])\s+", block.lstrip("-* "))]
    return found


def _front_dict(bundle, section_id):
    return bundle.content[section_id].front.model_dump()


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_danger_signs_mean_help_now_never_the_same_day(bundle, section_id):
    """One urgency ladder on one page: sections shown together never give two deadlines for the same danger
    (content audit 2026-11-27; fifth fact-check pass 2026-11-28: chest pain had been 'see a doctor the same
    day', and not eating or drinking was 'now' in one section and 'the same day' in another)."""
    content = bundle.content[section_id]
    urgent = " ".join(content.front.referral.urgent_when.split())
    for sentence in _statements(urgent) + _statements(content.body):
        if DANGER_NOW.search(sentence):
            assert not LATER.search(sentence), f"{section_id}: {sentence!r}"


SUICIDAL_THOUGHTS = re.compile(r"(?i)thoughts of ending|suicidal thoughts")
HELP_NOW = re.compile(r"(?i)\bnow\b|right away|straight away")
MIGHT_ACT = re.compile(r"(?i)might act|keep (?:yourself|themselves) safe")
SAME_DAY_CONTACT = re.compile(r"(?i)\b(?:doctor|prescriber|crisis line|care team|clinician)\b")


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_a_section_that_names_thoughts_of_suicide_gives_both_steps_help_now_and_the_same_day(bundle, section_id):
    """When the safety answer is "no" the crisis section is not on the page, so a section's own "get help"
    line is the one a person reads: naming thoughts of ending one's life with only "the same day" left out
    acting on them (sixth fact-check pass 2026-11-28: nine sections did). The pair: might act, help now;
    new or stronger thoughts, the same day."""
    urgent = " ".join(bundle.content[section_id].front.referral.urgent_when.split())
    if SUICIDAL_THOUGHTS.search(urgent):
        assert any((re.search(r"(?i)might act", s) or SUICIDAL_THOUGHTS.search(s)) and HELP_NOW.search(s)
                   for s in _statements(urgent)), \
            f"{section_id}: names thoughts of ending one's life but not when to get help now: {urgent!r}"
        # ... and the other step: thoughts that are new or stronger, without that danger, the same day (ECT's
        # line named only acting on them: seventh pass, r7-7).
        # A section where any such thoughts mean help now (after an unprescribed drug) needs no second step.
        statements = _statements(urgent)
        assert any(re.search(r"(?i)new or (?:getting )?stronger", s) and re.search(r"(?i)same day", s)
                   for s in statements) or any(SUICIDAL_THOUGHTS.search(s) and HELP_NOW.search(s)
                                               and not MIGHT_ACT.search(s) for s in statements), \
            f"{section_id}: names thoughts of ending one's life but not that new or stronger ones mean the same day"
        # Review 19 (s19-3): the same-day step speaks to the reader ("your life") and names whom to contact; "get
        # help the same day if someone ... has new or stronger thoughts of ending their life" did neither.
        for s in statements:
            if re.search(r"(?i)new or (?:getting )?stronger", s) and re.search(r"(?i)same day", s):
                speaks_to_reader = not re.search(r"(?i)their life|someone", s) or re.search(r"(?i)your life", s)
                assert speaks_to_reader and SAME_DAY_CONTACT.search(s), \
                    f"{section_id}: the same-day step must speak to the reader and name whom to contact: {s!r}"


def test_the_urgency_ladder_check_reads_lists_with_their_lead_in():
    statements = _statements("Get help the same day if:\n\n- you cannot keep\n  yourself safe\n\nLater. Then.")
    assert statements == ["Get help the same day if:", "Get help the same day if: you cannot keep yourself safe",
                          "Later.", "Then."]
    assert DANGER_NOW.search(statements[1]) and LATER.search(statements[1])


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_section_has_every_field(bundle, section_id):
    content = bundle.content[section_id]
    front = content.front
    assert 2 <= front.summary.count(". ") + 1 <= 4, f"{section_id}: summary should be 2 or 3 sentences"
    assert len(front.questions_to_ask) >= 3
    assert front.referral.text.strip() and front.referral.urgent_when.strip()
    assert front.sources and all(1950 <= s.year <= dt.date.today().year for s in front.sources)
    assert front.reviewed_on <= dt.date.today()
    headings = [line[3:].strip() for line in content.body.splitlines() if line.startswith("## ")]
    assert headings[0] == "What it involves", f"{section_id}: body must open with 'What it involves'"
    tier = bundle.cards[section_id].tier
    for heading in REQUIRED_HEADINGS.get(tier, ()):
        assert heading in headings, f"{section_id}: missing '## {heading}'"
    if tier == "treatment":
        assert front.comparison is not None
        for name in (row.key for row in bundle.comparison_rows):
            assert len(getattr(front.comparison, name).strip()) >= 20, f"{section_id}: comparison.{name} is too thin"


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_section_reads_at_grade_8_or_below(bundle, section_id):
    content = bundle.content[section_id]
    grades, findings = lint_texts(section_id, section_texts(_front_dict(bundle, section_id), content.body))
    too_hard = [f for f in findings if f.kind == "reading-grade"]
    report = ", ".join(f"{name} {value:.1f}" for name, value in grades.items())
    assert not too_hard, f"{section_id} grades: {report}; over {MAX_GRADE}: {[str(f) for f in too_hard]}"


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_section_has_no_dose_schedule_or_diagnosis(bundle, section_id):
    content = bundle.content[section_id]
    texts = section_texts(_front_dict(bundle, section_id), content.body)
    texts["title"] = content.front.title
    findings = [f for name, text in texts.items() for f in phrase_findings(f"{section_id}:{name}", text)]
    assert not findings, [str(f) for f in findings]


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_questions_to_ask_are_questions_that_hold_for_anyone(bundle, section_id):
    """They are printed in the person's summary as if the person said them: every sentence is a question,
    never a statement about the reader ("I am pregnant." went to a 72-year-old; "If I am pregnant, ...?" does not)."""
    statements = [(question, sentence) for question in bundle.content[section_id].front.questions_to_ask
                  for sentence in re.split(r"(?<=[.?!])\s+", question.strip()) if not sentence.endswith("?")]
    assert not statements, statements


def test_questionnaire_reads_at_grade_8_or_below(bundle):
    report = {}
    for step in bundle.steps:
        parts = [step.title, step.intro or ""]
        for question in step.questions:
            parts += [question.label, question.help or "", *(o.label for o in question.options)]
            parts += [note.text.format(call="call 999") for note in question.urgent]
        texts = [p.strip() for p in parts if p and p.strip()]
        report[step.id] = grade("\n".join(texts))  # the options read as one run: the stricter grade
        assert not phrase_findings(step.id, "\n\n".join(texts))  # each label and option a sentence of its own
    too_hard = {k: round(v, 1) for k, v in report.items() if v > MAX_GRADE}
    assert not too_hard, f"steps over grade {MAX_GRADE}: {too_hard}; all: {report}"


def test_an_urgent_note_beside_a_question_keeps_the_one_urgency_ladder(bundle):
    """Review 15 (h15-2): the notes drawn beside a question as soon as it is answered give the same deadline as
    the sections do: a danger that needs help now is never offered the same day, and each names the number."""
    notes = [(q.id, note.text) for step in bundle.steps for q in step.questions for note in q.urgent]
    assert {qid for qid, _ in notes} >= {"unusual_experiences", "barely_eating_or_moving", "mood_highs"}
    for qid, text in notes:
        assert "{call}" in text or "same day" in text, qid
        for sentence in _statements(" ".join(text.split())):
            if DANGER_NOW.search(sentence):
                assert not LATER.search(sentence), (qid, sentence)


def test_crisis_and_ui_text_reads_plainly(bundle):
    from components import questionnaire, upload
    from components.about import FIXED
    from components.errors import FALLBACK_CRISIS
    from components.frame import NOTICE

    texts = {"notice": NOTICE, "fallback crisis": FALLBACK_CRISIS, **{heading: text for heading, text in FIXED}}
    # What a person reads when a file cannot be resumed from: every message, not only the common one.
    texts |= {name: value for name, value in vars(upload).items() if name.isupper() and isinstance(value, str)}
    assert "NOT_JSON" in texts
    texts |= {"at the most choices": questionnaire.FULL.format(n=3)}
    # Review 10: the first screen's orientation, the results page's next steps and the note before its numbers.
    from components.compare import NUMBERS_NOTE
    from components.results import NEXT_STEPS
    from components.takeaway import KEPT_WHILE_OPEN

    texts |= {"orientation": questionnaire.ORIENTATION.format(total=11), "next steps": NEXT_STEPS,
              "numbers note": NUMBERS_NOTE, "kept while open": KEPT_WHILE_OPEN}
    # Review 11: who "you" is when someone else answers, and what a helper may not know (f11-3, f11-7).
    from engine.summary import NOT_KNOWN_BY_HELPER, READER_NOTES

    texts |= {f"reader note ({role})": note for role, note in READER_NOTES.items()}
    texts |= {"not known by a helper": "I'd rather not say" + NOT_KNOWN_BY_HELPER}
    # Review 12 (safe messaging): a helper's steps, safety before the decision, hope in the files, privacy.
    from components.takeaway import SUMMARY_PRIVATE
    from engine.summary import (
        CRISIS_FIRST,
        HELPER_STEPS,
        KEY_ANSWERS_NOTE,
        SAFETY_BEFORE_DECISION,
        UNSURE_NOTE,
        SureCheck,
    )

    texts |= {"helper steps": HELPER_STEPS.format(call="call 999"), "safety first": SAFETY_BEFORE_DECISION,
              "crisis first": CRISIS_FIRST, "summary private": SUMMARY_PRIVATE}
    # Review 16: what the key answers are not (m16-7), and the SURE line for someone who said "No" (l16-5).
    texts |= {"key answers note": KEY_ANSWERS_NOTE, "sure line": SureCheck((None,) * 4, 1, 4, True, "").score_line,
              "unsure note": UNSURE_NOTE}
    from engine import demo

    texts |= {"demo label, mixed": demo.MIXED_NAME.format(name="Chris") + " " + demo.MIXED_NOTE.format(kept=22)}
    for name, text in texts.items():
        assert grade(text) <= MAX_GRADE, f"{name}: grade {grade(text):.1f}"
        assert not phrase_findings(name, text), name


def test_the_fallback_crisis_text_uses_only_checked_numbers(bundle):
    """The page shown when the rules cannot load has its numbers written in Python: each must be one
    the crisis-lines file gives (checked against providers), and every region's main line is there."""
    from components.errors import FALLBACK_CRISIS

    def numbers(text: str) -> set[str]:  # as dialled: "9-8-8" and "988" are one number
        return set(phone_numbers(text))

    checked = set().union(*(numbers(line.contact) | numbers(region.emergency)
                            for region in bundle.regions.values() for line in region.lines))
    assert numbers(FALLBACK_CRISIS) and numbers(FALLBACK_CRISIS) <= checked, numbers(FALLBACK_CRISIS) - checked
    for region_id, region in bundle.regions.items():
        if region_id != "other":
            assert numbers(region.lines[0].contact) & numbers(FALLBACK_CRISIS), f"{region.label}: first line missing"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Take 50 mg each morning.", "dose"),
        ("The usual range is 0.5-1.0 mg/kg.", "dose"),
        ("Take it twice a day with food.", "schedule"),
        ("You have bipolar disorder.", "diagnostic"),
        ("You are bipolar.", "diagnostic"),
        ("Stop taking your antidepressant now.", "stop-medication"),
        ("Lithium is dangerous in overdose.", "lethality"),  # review 12, s12-1: safe messaging
        ("Tricyclics can be fatal in an overdose.", "lethality"),
        # Review 14 (r14-10): hedged diagnoses, more conditions, and words that pick a treatment for the reader.
        ("You probably have bipolar disorder.", "diagnostic"),
        ("You are likely to have bipolar disorder.", "diagnostic"),
        ("You may have psychotic depression.", "diagnostic"),
        ("Your answers suggest bipolar disorder.", "diagnostic"),
        ("Your depression is treatment-resistant.", "diagnostic"),
        ("You have postpartum depression.", "diagnostic"),
        ("You have an eating disorder.", "diagnostic"),
        ("It looks like you have psychotic depression.", "diagnostic"),
        ("ECT is the best option for you.", "recommendation"),
        ("You should start lithium.", "recommendation"),
        ("Switching is usually the first choice.", "recommendation"),
        # Review 15 (e15-4): idioms a translate button mangles, first found on lines a person acts on.
        ("Do the same if you feel wound up after a new medicine.", "idiom"),
        ("Get help if you feel unwell while cutting down.", "idiom"),
        ("Light therapy can set off a high.", "idiom"),
    ],
)
def test_lint_catches_unsafe_text(text, kind):
    assert kind in {f.kind for f in phrase_findings("sample", text)}


@pytest.mark.parametrize(
    "text",
    [
        "Remission was 27.1% vs 17.6% at week 8.",
        "Do not stop your medicine suddenly without talking to your prescriber.",
        "Sessions are on weekdays for 4 to 6 weeks.",
        "Some people have side effects. Ask your clinician.",
        "Call it now, too, if someone may have taken too much of something.",
        "If you have thoughts of harming yourself, tell your prescriber, so the plan can be made safer.",
        "Do you feel sure about the best choice for you?",  # the SURE test's own words
        "You may have side effects. You should tell your prescriber.",
    ],
)
def test_lint_allows_statistics_and_safe_advice(text):
    assert phrase_findings("sample", text) == []


def test_prose_joins_wrapped_lines_into_one_sentence():
    prose = markdown_to_prose("## Heading\nA long sentence that\nwraps onto two lines.\n\n- an item\n")
    assert prose.splitlines() == ["Heading.", "A long sentence that wraps onto two lines.", "an item."]


def _cite_key(cite: str) -> str:
    """A citation without its journal numbers, doi and punctuation: the same paper cited twice in other words."""
    text = re.sub(r"doi[: ]\S+", " ", cite.lower())
    text = re.sub(r"\d+(\(\d+\))?:\d+(-\d+)?", " ", text)  # volume(issue):pages
    return " ".join(re.sub(r"[^a-z0-9*]+", " ", text).split())


def test_the_about_page_lists_each_source_once(bundle):
    """The About page lists every source once; the same paper cited in two sections with different details
    (one with its doi or pages, one without) showed up twice. A citation of named recommendations stays its own."""
    cites = sorted({s.cite for c in bundle.content.values() for s in c.front.sources})
    doubles = [(short, long) for short in cites for long in cites
               if short != long and _cite_key(long).startswith(_cite_key(short))
               and "recommendation" not in _cite_key(long)[len(_cite_key(short)):]]
    assert doubles == []


# Review 10 (c10-9): a reader stops at the first word they do not know, and the comparison's first cell named
# "aripiprazole" and "another SSRI" with no word on what they are. Each term, where a section's summary and
# comparison cells first use it, comes with its explanation close by (before or after).
FIRST_USE_GLOSSES = {
    "SSRI": "kind of antidepressant", "placebo": "dummy", "MAOI": "older kind", "tricyclic": "older kind",
    "aripiprazole": "add-on", "FDA": "regulator", "NICE": "guideline", "ECTAS": "quality check",
}


@pytest.mark.parametrize("section_id", SECTION_IDS)
def test_a_term_is_explained_where_the_summary_and_comparison_first_use_it(bundle, section_id):
    content = bundle.content[section_id]
    parts = [content.front.summary]
    if content.front.comparison:
        parts += [getattr(content.front.comparison, field) for field in type(content.front.comparison).model_fields
                  if field != "option_label"]
    text = " ".join(" ".join(part.split()) for part in parts)
    for term, gloss in FIRST_USE_GLOSSES.items():
        first = re.search(rf"\b{term}s?\b", text)
        if first:
            near = text[max(0, first.start() - 40):first.end() + 60]
            assert gloss in near, f"{section_id}: {term!r} first used without {gloss!r}: ...{near}..."


def test_no_text_forbids_only_a_sudden_stop(bundle):
    """Pharmacist review (p10-8): "Do not stop a medicine suddenly without talking to your prescriber" reads as
    if a slow stop, or a lower dose, on one's own were fine. Every text says not to stop or lower a medicine on
    one's own; "suddenly" stays only where the point is the speed ("Stopping suddenly can ...")."""
    only_sudden = re.compile(r"\bnot\s+(?:to\s+)?stop\b[^.;]{0,60}?\bsuddenly\b", re.IGNORECASE)
    texts = {section_id: (ROOT / "content" / "sections" / f"{section_id}.md").read_text(encoding="utf-8")
             for section_id in SECTION_IDS}
    texts |= {f"caution {c.id} ({', '.join(c.sections)})": c.text for c in bundle.cautions}
    assert [where for where, text in texts.items() if only_sudden.search(" ".join(text.split()))] == []


def test_a_carer_is_asked_to_answer_about_the_person_and_to_share_with_them(bundle):
    """Review 11 (f11-8, f11-9, f11-15): a carer filling this in is told, where it matters, to answer about the
    person (not their own stress or support), to ask them first, and that personal questions can be skipped."""
    intro = {step.id: " ".join((step.intro or "").split()) for step in bundle.steps}
    assert "If you can, ask them first, and share what you find with them." in intro["safety"]
    assert "Some questions are personal. Only a few must be answered, and you can skip the rest." in intro["about_you"]
    assert "answer about their life, not yours" in intro["life"]
    required = [q.id for step in bundle.steps for q in step.questions if q.required]
    assert len(required) <= 8, f"'only a few must be answered' no longer holds: {required}"



def test_a_caution_that_names_thoughts_of_suicide_gives_the_crisis_route_and_never_says_stop_alone(bundle):
    """Review 12 (s12-6): the under-18 boxed warning named "more thoughts of suicide" with no crisis route and
    no "do not stop the medicine on your own" (the month after stopping is itself a riskier time)."""
    naming = [c for c in bundle.cautions if re.search(r"(?i)thoughts of suicide", c.text)]
    assert {c.id for c in naming} >= {"under_18", "young_adult"}
    for caution in naming:
        text = " ".join(caution.text.split())
        assert re.search(r"(?i)crisis lines", text), (caution.id, caution.sections, text)
        # Review 19 (s19-4): the same boxed warning up to age 24, so the same steps (it had neither).
        assert "do not stop the medicine on your own" in text, (caution.id, caution.sections, text)
        assert re.search(r"If you might act on these thoughts, get help now", text), (caution.id, text)
