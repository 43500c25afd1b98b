"""The take-away summary: one plain-data record that every export (PDF, Markdown) renders.

Built once from the bundle and the answers so the exports cannot disagree with each
other or with the results page. Hidden answers never appear. The person's notes are
carried verbatim and never interpreted; each export escapes them for its own format.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from engine.bundle import Bundle
from engine.checks import ROLE_QUESTION
from engine.comparison import (
    ComparisonTable,
    comparable_options,
    comparison_pictures,
    comparison_table,
    pictures_not_drawn,
)
from engine.demo import MADE_UP, DemoOrigin, demo_origin
from engine.evaluate import CrisisHelp, SectionResult, describe_answer, evaluate
from engine.figures import FigureView
from engine.flow import person_path
from engine.models import REFERRAL_LABELS, CrisisLine, Persona, Tier
from engine.pathway import build_pathway

SUMMARY_TITLE = "TRD Navigator: your summary"
# Worded for anyone, someone who has tried no medicine yet too (the keep-current section is not always shown).
DECISION = (
    "You and your clinician are choosing what to try next for depression that has not got better "
    "so far. Staying with your current plan for now, and reviewing it, is one of the choices. Many options are "
    "left, and many people still find help."
)
SUMMARY_NOTICE = (
    "This tool does not diagnose and does not give medical advice. It gives general "
    "information to talk through with a clinician. Do not change or stop any medicine "
    "without talking to your prescriber. It is not a referral: it has not been sent to "
    "anyone, and no clinician has checked it."
)
# Review 12 (s12-15): after a worrying safety answer, "staying with your plan is one of the choices" must not read
# as "doing nothing is fine".
SAFETY_BEFORE_DECISION = ("Whatever you choose, support for your safety comes first. It does not wait for this "
                          "decision.")
KEY_ANSWERS = "Key answers, for your clinician"
# Review 16 (m16-7): a count of "three or more" and a band of months are too coarse for any staging model.
KEY_ANSWERS_NOTE = ("These answers are not a full record of treatment, and not a staging score. Go over each "
                    "medicine together: the dose, how many weeks, how often it was taken, and what happened.")
NOT_ANSWERED = "Not answered"
# What the files say for a part left empty: the same words in the PDF and the Markdown.
NO_NOTES = "You did not add any notes."
NO_ANSWERS = "No answers were given."
NO_PRIORITIES = "You did not choose any priorities."
NO_SURE = "You did not answer the SURE questions."
SECTIONS_LIST = "The sections in this summary, and who to talk to about each"
WITH_CAUTION = " (with a caution for you)"  # after a section's title wherever the sections are listed
SECTIONS_INTRO = (
    "These sections were chosen from your answers. They are not a diagnosis and not a "
    "treatment plan. Take them to your clinician to talk through what fits you. They are the same in every "
    "country, so ask what is approved, offered and paid for where you live."
)
# Review 16 (l16-6): "not sure" brings what "yes" brings (SAFETY.md S12), which is right for safety; someone who
# simply did not know then meets a page of cautions and may think they answered badly. Said where the sections start.
# Review 17 (v17-3): "may not fit you" must not read as cancelling a note at the top (a same-day check after "not
# sure" about eating), so it says those still apply.
UNSURE_NOTE = ("You answered \"I'm not sure\" to some questions. That is fine. We show information for those "
               "answers too, so some cautions may not fit you. Any notes at the top still apply. Your clinician "
               "can help sort out which cautions do.")
UNSURE = "unsure"  # the "I'm not sure" answer code (docs/INTAKE.md)
UNSURE_AT_LEAST = 3  # "some", as the peer reviewer suggested; each caution still names the answer that brought it


# Review 11 (f11-3): a carer read "you" in the crisis text as themselves. Who "you" is, for whoever is not the
# person (rules/questions.yaml `role`), at the top of the results and of every file.
READER_NOTES = {
    "supporter": ("You told us you are helping someone. Here, \"you\" means the person you are helping. "
                  "If you can, go through this with them."),
    "clinician": ("You told us you are a clinician going through this with someone. Here, \"you\" means "
                  "that person."),
}
# Review 11 (f11-1) and 12 (s12-3): the helper is the one who must act when the person cannot. Their steps, the
# same words on the supportive screen (components/support.py), the results page and in the files.
# Review 18 (h18-6): the helper is the one who can make the home safer (crisis_support.md, "Make your home safer";
# CANMAT paras 54 and 105); (h18-7) the evidence notes confirm advice for worried people at some lines, not all.
# Review 19 (s19-2): a step for today when there is no danger now, and the lines are for the helper too
# (social_support.md's own words: "help them contact a crisis line or their doctor today"; "for you too").
# Review 19 (q19-6): the first two sentences are the helper's step for now; the supportive screen shows them alone
# right after the person's own "get help now" while the role is unknown, and the rest further down.
HELPER_NOW = ("If you think they might act on thoughts of suicide, or they cannot keep themselves safe, {call} now. "
              "Stay with them if you can.")
HELPER_MORE = ("If it is safe to do so, help them put time and distance between them and anything they could use to "
               "hurt themselves. If they are not in danger right now, help them contact a crisis line or their doctor "
               "today. Many help lines also give advice to people who are worried about someone. This can be hard "
               "for you too, and the help lines are there for you as well.")
HELPER_ACTION = f"{HELPER_NOW} {HELPER_MORE}"
HELPER_LEAD = "Helping someone? "  # on the results page and in the files (the supportive screen has its own lead)
HELPER_STEPS = HELPER_LEAD + HELPER_ACTION
# Review 11 (f11-7): a carer who does not know is told to choose "I'd rather not say"; the clinician must not
# read it as the person's own refusal to answer. Review 18 (h18-2, h18-9): on every question that offers it.
NOT_KNOWN_BY_HELPER = " (answered by a family member or friend, who may not know: please ask the person)"
NOT_KNOWN_BY = {"supporter": NOT_KNOWN_BY_HELPER,  # review 18 (q18-7): a clinician filling it in from notes too
                "clinician": " (answered by a clinician, who may not know: please ask the person)"}
CRISIS_FIRST = (
    "Because of your answer about your safety, support comes first. Thoughts like these are common in "
    "depression, and they can ease with help. "
    "You can contact any of these now. Emergency services are there if you are in danger."
)


@dataclass(frozen=True)
class AnswerRow:
    question: str  # the question's short label
    answer: str  # the answer in words


@dataclass(frozen=True)
class SummarySection:
    """An evaluated section with the words the exports add to it."""

    result: SectionResult  # title, summary, why, referral, cautions and why it is placed early
    tier: Tier  # its heading, and how the tier's sections are ordered (its intro)
    referral_to: str  # who to talk to, in words
    questions_to_ask: tuple[str, ...]
    sources: tuple[str, ...]  # each as "cite (year)", as the results page gives them
    reviewed_label: str  # the date the section was last reviewed, in words


@dataclass(frozen=True)
class SureCheck:
    answers: tuple[AnswerRow, ...]  # the SURE questions answered, in order
    score: int  # number of "yes" answers, out of 4
    out_of: int
    any_no: bool  # at least one "no": more support may help
    note: str

    @property
    def answered(self) -> bool:
        return bool(self.answers)

    @property
    def score_line(self) -> str:
        """The score only when every SURE question was answered: a skipped one is not a "no". The "yes" answers
        lead and a "no" is called common, so a low score does not read as a failed test (review 16, l16-5)."""
        if len(self.answers) == self.out_of:
            common = " A \"No\" is common when a choice is hard." if self.any_no else ""
            return (f"You answered \"Yes\" to {self.score} of the {self.out_of} SURE questions "
                    f"(SURE score: {self.score} out of {self.out_of}).{common}")
        return f"{len(self.answers)} of {self.out_of} SURE questions answered, so there is no score."


@dataclass(frozen=True)
class Summary:
    content_version: str
    created_on: date
    crisis: bool  # the safety answer called for crisis support first
    crisis_help: CrisisHelp  # the region's lines (youth lines for under-18s) and emergency number
    answers: tuple[AnswerRow, ...]  # every question asked, in order (unanswered ones as such), except values and SURE
    key_answers: tuple[AnswerRow, ...]  # the questions marked `key` that were asked: what a clinician needs first
    first_notes: tuple[str, ...]  # the treatment path's notes (see a psychiatrist, a doctor today): before all else
    sections: tuple[SummarySection, ...]
    comparison: ComparisonTable | None  # None when no options were chosen
    pictures: tuple[FigureView, ...]  # the chosen options' main benefit and harm, drawn as 100 people
    pictures_not_drawn: tuple[str, ...]  # said after them: a trial drawn once, the options with no harm figure
    path: tuple[str, ...]  # the treatment path in words (the picture's text equivalent)
    priorities: tuple[str, ...]
    sure: SureCheck
    notes: str  # exactly as typed; escape when rendering
    demo: DemoOrigin | None = None  # started from a clinician's fictional demo person: every export says so at its top
    reader_note: str | None = None  # who "you" is, when someone else answered (READER_NOTES)
    helper_steps: str | None = None  # a family member or friend's own steps, in the help box (HELPER_STEPS)
    sign_off: str = ""  # rules/meta.yaml's clinical sign-off, in one sentence (review 14, r14-1)
    lines_checked: str = ""  # when the crisis lines were last checked, and whether that is overdue (r14-4)
    past_review_note: str | None = None  # at the top when a section shown is past its review (r14-6)
    unsure_note: str | None = None  # after several "I'm not sure" answers: cautions may not fit (UNSURE_NOTE)

    @property
    def sections_list(self) -> tuple[str, ...]:
        """One line per section, in order, with who to talk to (a GP sees at a glance what is theirs to act on and
        what needs a referral: review 14, p14-4), marked where it holds a caution for this person."""
        return tuple(with_who_to_talk_to(s.result.title, s.result.referral.to)
                     + (WITH_CAUTION if s.result.cautions else "") for s in self.sections)

    @property
    def decision(self) -> str:
        return decision_in_words(self.crisis)

    @property
    def has_notes(self) -> bool:
        return bool(self.notes.strip())

    @property
    def created_label(self) -> str:
        """The date in words, such as "1 December 2026" (no numeric format to misread)."""
        return in_words(self.created_on)

    @property
    def demo_label(self) -> str | None:
        return self.demo.label if self.demo else None

    @property
    def version_line(self) -> str:
        """At the top of every file: when it was made, from which content, and whether that content is signed off."""
        return f"Made on {self.created_label}. Content version {self.content_version}. {self.sign_off}".strip()


def decision_in_words(crisis: bool) -> str:
    """The decision, as on the results page and in the files; after a worrying safety answer, safety comes
    first (review 12, s12-15)."""
    return f"{DECISION} {SAFETY_BEFORE_DECISION}" if crisis else DECISION


def in_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def past_review(day: date, cycle_months: int, today: date) -> bool:
    """The review cycle (rules/meta.yaml) has passed since `day`."""
    return (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day) >= cycle_months


def past_review_note(bundle: Bundle, section_ids: Iterable[str], today: date) -> str | None:
    """At the top of the results and of each file when a section shown is past its review (review 14, r14-6: the
    words beside its sources, in a folded box, were the only sign), else None."""
    cycle = bundle.meta.review_cycle_months
    titles = [bundle.content[s].front.title for s in section_ids
              if past_review(bundle.content[s].front.reviewed_on, cycle, today)]
    if not titles:
        return None
    return (f"Some sections were last reviewed {cycle} months ago or more, so some facts may be out of date: "
            f"{'; '.join(titles)}. Ask your clinician what has changed.")


def lines_checked_in_words(bundle: Bundle, today: date) -> str:
    """When the crisis lines were last checked; once the review cycle has passed, to check a number with its
    service (review 14, r14-4: a changed number is the worst thing this aid could show)."""
    cycle = bundle.meta.review_cycle_months
    overdue = (f" That was {cycle} months ago or more: if a number does not work, look up the service by name."
               if past_review(bundle.lines_checked_on, cycle, today) else "")
    return f"These numbers were last checked on {in_words(bundle.lines_checked_on)}.{overdue}"


def reviewed_in_words(day: date, cycle_months: int, today: date) -> str:
    """The day a section was last reviewed, and, once its review cycle (rules/meta.yaml) has passed, that its
    facts may be out of date: a reader should not take a stale page for a checked one (CONTENT_GUIDE.md)."""
    stale = f". That was {cycle_months} months ago or more, so some facts may be out of date"
    return in_words(day) + (stale if past_review(day, cycle_months, today) else "")


def build_summary(bundle: Bundle, answers: Mapping[str, Any], *, chosen_options: list[str], notes: str,
                  created_on: date, demo_persona: Persona | None = None) -> Summary:
    """Everything the person takes away, from one evaluation of their answers.

    Chosen options that are no longer among the comparable results (say, after an
    answer changed) are left out of the comparison rather than shown out of context.
    `demo_persona` is the clinician's demo person the answers started from: the summary works out how
    much of it is still made up (engine/demo.py), and says so.
    """
    outcome = evaluate(bundle, answers)
    counted = outcome.answers  # the answers that count, as evaluate worked them out
    demo = demo_origin(demo_persona, answers, counted)
    values = bundle.values  # rules/values.yaml
    own_part = {values.priorities, *values.sure.questions}
    # Unknown is not no: a question that was asked and not answered says so (a clinician may ask it).
    rows = {qid: AnswerRow(bundle.question_by_id[qid].short,
                           describe_answer(bundle, qid, counted[qid]) + _marks(qid, counted, demo)
                           if qid in counted else NOT_ANSWERED)
            for qid in person_path(bundle, answers).visible if qid not in own_part and counted}
    tiers = {tier.id: tier for tier in bundle.tiers}
    sections = tuple(_summary_section(bundle, s, tiers[s.tier], created_on) for s in outcome.sections)
    offered = set(comparable_options(bundle, outcome))
    chosen = [option for option in dict.fromkeys(chosen_options) if option in offered]
    comparison = comparison_table(bundle, chosen, answers=answers) if chosen else None
    pictures = tuple(comparison_pictures(bundle, chosen, answers))
    pathway = build_pathway(bundle, outcome)
    return Summary(
        content_version=outcome.content_version,
        created_on=created_on,
        crisis=outcome.crisis,
        crisis_help=outcome.crisis_help,
        answers=tuple(rows.values()),
        key_answers=tuple(row for qid, row in rows.items() if bundle.question_by_id[qid].key),
        first_notes=tuple(note.replace(ON_SCREEN, IN_A_FILE) for note in pathway.notes),
        sections=sections,
        comparison=comparison,
        pictures=pictures,
        pictures_not_drawn=pictures_not_drawn(bundle, chosen, answers),
        path=tuple(line.replace(ON_SCREEN, IN_A_FILE) for line in pathway.text),
        priorities=priorities_in_words(bundle, counted),
        sure=sure_check(bundle, counted),
        notes=notes,
        demo=demo,
        reader_note=reader_note(counted),
        helper_steps=helper_steps(counted, outcome.crisis_help),
        sign_off=bundle.meta.sign_off_line,
        lines_checked=lines_checked_in_words(bundle, created_on),
        past_review_note=past_review_note(bundle, outcome.section_ids, created_on),
        unsure_note=unsure_note(counted),
    )


def helper_steps(counted: Mapping[str, Any], help_now: CrisisHelp) -> str | None:
    """What a family member or friend can do now, with the region's number; None for anyone else."""
    if counted.get(ROLE_QUESTION) != "supporter":
        return None
    return helper_action(HELPER_LEAD, help_now)


def helper_action(lead: str, help_now: CrisisHelp, steps: str = HELPER_ACTION) -> str:
    """`lead`, then a helper's two steps with the region's number, in the same words on the supportive screen,
    the results page and in the files."""
    return lead + steps.format(call=help_now.emergency_call.lower())


def unsure_note(counted: Mapping[str, Any]) -> str | None:
    """UNSURE_NOTE once the counted answers hold "I'm not sure" UNSURE_AT_LEAST times (in a list or on its own)."""
    unsure = sum(value == UNSURE or (isinstance(value, list) and UNSURE in value) for value in counted.values())
    return UNSURE_NOTE if unsure >= UNSURE_AT_LEAST else None


def reader_note(counted: Mapping[str, Any]) -> str | None:
    """Who "you" means, when the person answering is not the person the answers are about."""
    return READER_NOTES.get(counted.get(ROLE_QUESTION))


def _marks(qid: str, counted: Mapping[str, Any], demo: DemoOrigin | None) -> str:
    """What a clinician must know about one printed answer: made up by a demo, or not known to the helper."""
    if demo and demo.marks(qid):
        return MADE_UP
    if counted[qid] == "prefer_not_to_say" and counted.get(ROLE_QUESTION) in NOT_KNOWN_BY:
        return NOT_KNOWN_BY[counted[ROLE_QUESTION]]
    return ""


def _summary_section(bundle: Bundle, result: SectionResult, tier: Tier, today: date) -> SummarySection:
    front = bundle.content[result.id].front
    return SummarySection(_as_printed(result), tier, REFERRAL_LABELS[result.referral.to], front.questions_to_ask,
                          tuple(source.label for source in front.sources),
                          reviewed_in_words(front.reviewed_on, bundle.meta.review_cycle_months, today))


def crisis_line_text(line: CrisisLine) -> str:
    """How to reach a line, with its hours and text option when they add something."""
    extra = [part for part in (line.hours, line.text_option) if part and part not in line.contact]
    return line.contact + (f" ({'; '.join(extra)})" if extra else "")


def with_who_to_talk_to(title: str, referral: str) -> str:
    """A section's title as listed: "Talking therapy — a talking therapy service"."""
    who = REFERRAL_LABELS[referral]
    return f"{title} — {who[:1].lower()}{who[1:]}"


def priorities_in_words(bundle: Bundle, counted: Mapping[str, Any]) -> tuple[str, ...]:
    """What matters most in a treatment (rules/values.yaml), in the words the person chose."""
    question = bundle.question_by_id[bundle.values.priorities]
    return tuple(question.label_for(code) for code in counted.get(question.id) or ())


def sure_check(bundle: Bundle, counted: Mapping[str, Any]) -> SureCheck:
    """The SURE test (rules/values.yaml): one point per "yes"; any "no" suggests more support may help."""
    sure = bundle.values.sure
    rows = tuple(AnswerRow(bundle.question_by_id[q].short, describe_answer(bundle, q, counted[q]))
                 for q in sure.questions if q in counted)
    score = sum(counted.get(q) == sure.yes for q in sure.questions)
    any_no = any(counted.get(q) == sure.no for q in sure.questions)
    return SureCheck(rows, score, len(sure.questions), any_no, sure.note)


ON_SCREEN = "at the top of this page"  # where a section's urgent line sends the person, in the app
IN_A_FILE = "at the start of this summary"  # the same lines in the PDF (also in every page's foot) and Markdown


def _as_printed(result: SectionResult) -> SectionResult:
    """A section's result as a file gives it: "the crisis lines at the top of this page" is not where they are
    on page 12 of a PDF (urgent lines, why lines, cautions and reasons for its place alike)."""
    def printed(text: str) -> str:
        return text.replace(ON_SCREEN, IN_A_FILE)

    urgent = printed(result.referral.urgent_when)
    return dataclasses.replace(
        result, referral=result.referral.model_copy(update={"urgent_when": urgent}),
        why=tuple(map(printed, result.why)), placed_early=tuple(map(printed, result.placed_early)),
        cautions=tuple(dataclasses.replace(c, text=printed(c.text)) for c in result.cautions))
