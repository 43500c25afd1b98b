"""Schemas for the rules and content files (pydantic, unknown keys forbidden).

Conditions are kept raw here and parsed by `engine.conditions`, which reports
problems with their exact place in the file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from engine import conditions as cond

Id = Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=1, max_length=64)
Code = Field(pattern=r"^[a-z0-9][a-z0-9_]*$", min_length=1, max_length=64)
Text = Field(min_length=1)

# Who a section sends the person to, with the plain words the app and exports show.
REFERRAL_LABELS = {
    "emergency": "Emergency or crisis services",
    "primary_care": "Your GP or primary care clinician",
    "psychiatrist": "A psychiatrist or specialist mental health team",
    "neuromodulation_service": "A specialist brain-stimulation or treatment centre",
    "talking_therapy_service": "A talking therapy service",
}
ReferralTarget = Literal[tuple(REFERRAL_LABELS)]  # the codes above, and only those


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class Option(Strict):
    code: str = Code
    label: str = Text
    short: str | None = None  # the answer as a review, a why line or a summary gives it (a label's examples left out)
    retired: bool = False  # still accepted in answer sets and saved files, no longer offered


class UrgentNote(Strict):
    """Said beside a question the moment its answer calls for help sooner than the results page (review 15,
    h15-2: "get help now" after a birth waited eight pages). `{call}` becomes the region's emergency action."""

    when: Any
    text: str = Text


class Question(Strict):
    id: str = Id
    type: Literal["single", "multi", "integer"]
    label: str = Text
    # The label when a family member, friend or clinician is answering (review 13, g13-4: a son answering for his
    # mother read "What is your age group?" as his own, and every later-life caution went without a sign).
    label_for_helper: str | None = None
    short: str = Text  # the few words used in reviews and in "why" lines
    help: str | None = None
    required: bool = False
    key: bool = False  # a key answer: shown first in the summary, for the clinician who receives it
    # The content version whose new words changed what an answer means (review 18, p18-10): a file saved with older
    # content that answers it is read under the new words, so the person is asked to check that answer.
    reworded_in: str | None = Field(default=None, pattern=r"^\d{4}\.\d{1,2}\.\d{1,3}$")
    options: tuple[Option, ...] = ()
    exclusive: tuple[str, ...] = ()  # multi: codes that cannot be combined with others
    minimum: int | None = None  # integer questions
    maximum: int | None = None
    max_choices: int | None = Field(default=None, ge=1)  # multi: at most this many codes
    visible_when: Any = None  # "not ruled out by a given answer": must hold when nothing is answered
    urgent: tuple[UrgentNote, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code an answer set may hold, retired ones included."""
        return tuple(option.code for option in self.options)

    def codes_to_show(self, held: Any) -> list[str]:
        """The codes offered today, and a retired one only where the answer `held` (a code or a list) has it:
        an older saved file's answer stays visible to the person who chose it."""
        kept = set(held) if isinstance(held, list) else {held}
        return [option.code for option in self.options if not option.retired or option.code in kept]

    def label_for(self, code: str) -> str:
        return next((option.label for option in self.options if option.code == code), code)

    def said_for(self, code: str) -> str:
        """The answer in a review, a why line or a summary: the option's `short` if it has one, else its label."""
        return next((option.short or option.label for option in self.options if option.code == code), code)


class Step(Strict):
    id: str = Id
    title: str = Text
    intro: str | None = None
    questions: tuple[Question, ...] = Field(min_length=1)


class QuestionsFile(Strict):
    steps: tuple[Step, ...] = Field(min_length=1)


class Triggered(Strict):
    """An item of rules/ that fires when `when` holds and no given answer meets `unless`.

    Loading replaces both with checked conditions (engine/checks.py). Unknown is not no: a leaf on an
    unanswered question is false, so an exclusion written in `unless` can only be made by an answer the person gave.
    """

    when: Any
    unless: Any = None

    def fires(self, answers: Mapping[str, Any]) -> bool:
        return cond.fires(self.when, self.unless, answers)


class Rule(Triggered):
    """Answers that call for a section (`when`), and given answers that rule it out (`unless`)."""

    id: str = Id
    section: str = Id
    explain: str = Text  # plain-English reason, shown before the person's answers


class RulesFile(Strict):
    crisis_when: Any
    rules: tuple[Rule, ...] = Field(min_length=1)


class CautionKind(Strict):
    id: str = Id  # part of the public contract (docs/INTAKE.md)
    label: str = Text  # the heading shown above the caution's text


class Caution(Triggered):
    """An answer-driven warning shown inside each of `sections` when it fires."""

    id: str = Id  # a caution kind
    sections: tuple[str, ...] = Field(min_length=1)
    text: str = Text


class CautionsFile(Strict):
    kinds: tuple[CautionKind, ...] = Field(min_length=1)
    cautions: tuple[Caution, ...] = Field(min_length=1)


class Emphasis(Triggered):
    """When it fires, `first` come first in their tier, in this order, with `reason` shown."""

    id: str = Id
    first: tuple[str, ...] = Field(min_length=1)
    reason: str = Text


class EmphasisFile(Strict):
    emphasis: tuple[Emphasis, ...] = Field(min_length=1)


class OutcomeTerm(Strict):
    id: str = Id
    kind: Literal["benefit", "harm"]
    words: str = Text  # "improved a lot": the plain words used everywhere
    meaning: str = Text


class OutcomesFile(Strict):
    terms: tuple[OutcomeTerm, ...] = Field(min_length=1)


class Tier(Strict):
    id: str = Id
    label: str = Text
    intro: str | None = None  # said under the heading: how the tier's sections are ordered (review 17, f17-6)


class SectionEntry(Strict):
    id: str = Id
    tier: str = Id
    open_to: tuple[str, ...] = ()


class SectionsFile(Strict):
    tiers: tuple[Tier, ...] = Field(min_length=1)
    sections: tuple[SectionEntry, ...] = Field(min_length=1)


class CrisisLine(Strict):
    name: str = Text
    contact: str = Text
    hours: str | None = None
    text_option: str | None = None


class YouthLine(CrisisLine):
    """A youth line, shown to under-18s beside the adult lines."""

    also_when: Any = None  # who else sees this youth line (a condition): a line for ages 5 to 25 serves 18-24s too


class Region(Strict):
    label: str = Text
    emergency: str = Text
    lines: tuple[CrisisLine, ...] = Field(min_length=1)
    youth_lines: tuple[YouthLine, ...] = ()  # shown to under-18s (youth_when) beside the adult lines


class CrisisFile(Strict):
    # Review 14 (r14-4): when every number was last checked, shown on About and in the files, and said to be
    # overdue once the review cycle has passed. How it was checked: docs/evidence/CRISIS_LINES.md.
    checked_on: dt.date
    youth_when: Any  # who also sees the youth lines (a condition, checked like a rule)
    regions: dict[str, Region]


class MetaFile(Strict):
    content_version: str = Text
    reviewed_on: dt.date
    review_cycle_months: int = Field(ge=1, le=36)
    publisher: str = Text
    funding: str = Text
    update_policy: str = Text
    clinical_sign_off: str = Text  # who has signed the content off, or plainly that nobody has yet
    # Review 16 (l16-8): a patient panel asks first who with lived experience shaped and tested it (IPDAS: not met).
    lived_experience: str = Text
    # Review 14 (r14-1, r14-8): the sign-off as data, so every file and the FHIR status say it. None: not yet.
    signed_off_by: str | None = Field(default=None, min_length=1)  # a named clinical reviewer
    signed_off_on: dt.date | None = None

    @model_validator(mode="after")
    def _both_or_neither(self) -> MetaFile:
        if (self.signed_off_by is None) != (self.signed_off_on is None):
            raise ValueError("signed_off_by and signed_off_on go together: give both, or neither")
        # About shows clinical_sign_off, the files show sign_off_line: the two must tell the same story.
        if self.signed_off_by is None and "not yet" not in self.clinical_sign_off:
            raise ValueError("clinical_sign_off must say the content is not yet signed off (signed_off_by is empty)")
        if self.signed_off_by is not None and self.signed_off_by not in self.clinical_sign_off:
            raise ValueError(f"clinical_sign_off must name the reviewer in signed_off_by ({self.signed_off_by!r})")
        return self

    @property
    def sign_off_line(self) -> str:
        """What every file and the clinician view say about clinical sign-off, in one sentence."""
        if self.signed_off_by and self.signed_off_on:
            return f"Signed off by {self.signed_off_by} on {self.signed_off_on.day} {self.signed_off_on:%B %Y}."
        return "Not yet signed off by a named clinical reviewer."


class Referral(Strict):
    to: ReferralTarget
    text: str = Text
    urgent_when: str = Text


class Source(Strict):
    cite: str = Field(min_length=10)
    year: int = Field(ge=1950, le=2100)

    @property
    def label(self) -> str:
        """How a source is shown and printed: "cite (year)"."""
        return f"{self.cite} ({self.year})"


class Comparison(Strict):
    option_label: str = Field(min_length=1, max_length=40)
    effectiveness: str = Text
    how_given: str = Text
    side_effects: str = Text
    work_and_driving: str = Text
    time_to_effect: str = Text
    maintenance: str = Text
    cost_and_access: str = Text


PerHundred = int | tuple[int, int]  # a whole number, or a range [low, high], out of 100


class OutcomeFigure(Strict):
    """One outcome of a treatment option as comparable numbers: per 100 people, against a comparator."""

    kind: Literal["benefit", "harm"]
    outcome: str = Id  # a term of rules/outcomes.yaml (one plain-English word each, used everywhere)
    with_option: PerHundred
    with_comparator: PerHundred | None = None  # None only with comparator "none" (a harm with no control group)
    comparator: Literal["placebo", "sham", "usual_care", "continuing", "active", "none"]
    comparator_label: str = Text  # plain words: "a sham (fake) treatment", "a placebo spray"
    time_frame: str = Text
    study: Literal["meta_analysis", "rct", "open_label", "observational", "guideline_summary"]
    population: str = Text
    source: str = Field(min_length=3)  # the start of one of the section's sources' `cite`
    certainty: str = Text  # "how sure are we", in one or two plain sentences
    # What a range [low, high] spans (required with a range, never without one): the results of the
    # medicines tested in one trial, or of different trials. A range is never drawn as doubt.
    range_covers: Literal["medicines", "trials"] | None = None
    # The study could not tell the gap from chance: the comparison's figure row says so beside the number,
    # where `certainty` is not shown (review 11, e11-1).
    gap_may_be_chance: bool = False
    # What may have pushed the figure up, said beside it in the figure row, in fixed words (review 11, e11b-1):
    # a test keeps each in step with `certainty` (CAVEAT_WORDS in engine/comparison.py).
    caveats: tuple[Literal["knew_treatment", "rated_themselves", "maker_ran_it"], ...] = ()
    # A trial of one age range only (OPTIMUM: 60 and over), as age_group codes: at those ages its figure comes
    # first in the comparison and the pictures, at other ages never (review 13, g13-3). Empty: any age.
    ages: tuple[str, ...] = ()
    # What the trial gave, when it tested only part of the option ("Esketamine spray" in an option that
    # includes ketamine drips): it names the figure's picture and sentence instead of the option (review 14, i14-3).
    given: str | None = Field(default=None, min_length=1)


class SectionFront(Strict):
    id: str = Id
    title: str = Text
    summary: str = Field(min_length=20)
    referral: Referral
    questions_to_ask: tuple[str, ...] = Field(min_length=3)
    sources: tuple[Source, ...] = Field(min_length=1)
    reviewed_on: dt.date
    comparison: Comparison | None = None
    outcomes: tuple[OutcomeFigure, ...] = ()


class Persona(Strict):
    id: str = Id
    name: str = Text
    description: str = Text
    answers: dict[str, Any]


class PersonasFile(Strict):
    personas: tuple[Persona, ...] = Field(min_length=1)

    def find(self, persona_id: str) -> Persona | None:
        return next((p for p in self.personas if p.id == persona_id), None)

    def with_answers(self, answers: dict) -> Persona | None:
        """The persona whose answers these are exactly (a demo's saved file loaded again), else None."""
        return next((p for p in self.personas if p.answers == answers), None)


class ComparisonRowSpec(Strict):
    key: Literal[tuple(name for name in Comparison.model_fields if name != "option_label")]  # a fact of Comparison
    question: str = Text
    concerns: tuple[str, ...] = ()  # codes of question `concerns`


class ComparisonNote(Triggered):
    """A line said above the comparison and its pictures when the answers call for it: what its figures do not
    cover for this person (review 13, n13-2: trials of depression in general, read in pregnancy)."""

    id: str = Id
    text: str = Text


class ComparisonFile(Strict):
    baseline: str = Id  # the treatment option every comparison starts from
    rows: tuple[ComparisonRowSpec, ...] = Field(min_length=1)
    notes: tuple[ComparisonNote, ...] = ()


class PathStatus(Strict):
    status: Literal["tried", "partly", "checked", "not_yet"]
    when: Any  # the loader replaces it with the checked condition
    text: str = Text  # may name answers as {question_id}


class PathStep(Strict):
    id: str = Id
    label: str = Text
    detail: str = Text
    optional: bool = False  # an optional extra, not a routine step: drawn unnumbered
    sections: tuple[str, ...] = ()
    statuses: tuple[PathStatus, ...] = Field(min_length=1)


class PathNote(Strict):
    """Shown before the steps when the results include one of its sections, or its `when` holds."""

    id: str = Id
    sections: tuple[str, ...] = ()
    when: Any = None  # the loader replaces it with the checked condition
    label: str = Text  # the picture's words
    text: str = Text  # the sentence in words


class PathEdge(Strict):
    source: str = Id
    target: str = Id
    style: Literal["solid", "dashed"]
    label: str | None = None


class PathFile(Strict):
    intro: str = Text
    pointed: str = Text
    notes: tuple[PathNote, ...] = ()
    steps: tuple[PathStep, ...] = Field(min_length=1)
    edges: tuple[PathEdge, ...] = ()


class SureCheckSpec(Strict):
    questions: tuple[str, ...] = Field(min_length=1)
    yes: str = Code
    no: str = Code
    note: str = Text


class ValuesFile(Strict):
    step: str = Id
    priorities: str = Id
    sure: SureCheckSpec
