"""evaluate(answers) -> Outcome: ordered sections, each saying why it is shown and what to watch for.

Pure: the same bundle and answers always give the same outcome, whatever the order of
the answers, and hidden answers never count. Order: tier first (safety, basics,
population, treatment, support, preparing); within a tier, sections that a fired
emphasis rule names come first, in the order the rules give; then, in the treatment
tier only, options the person is open to; then the registry order. Preferences never
outrank an emphasis rule and never move anything across tiers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.bundle import CRISIS_SECTION, Bundle, SectionCard
from engine.checks import OPEN_TO_QUESTION, OTHER_REGION, REGION_QUESTION
from engine.conditions import holds, referenced_questions, support
from engine.flow import person_path
from engine.models import CrisisLine, Rule, YouthLine


@dataclass(frozen=True)
class RuleTrace:
    rule_id: str
    section: str
    fired: bool
    because: tuple[str, ...]  # question ids whose answers made it fire


@dataclass(frozen=True)
class Reason:
    """One fired rule's reason for showing a section."""

    rule_id: str
    explain: str
    because: tuple[str, ...]  # question ids whose answers made the rule fire, in order of mention


@dataclass(frozen=True)
class CautionShown:
    id: str  # a caution kind: part of the public contract
    label: str
    text: str
    because: tuple[str, ...] = ()  # question ids whose answers brought it in (the clinician view's trace)


@dataclass(frozen=True)
class SectionResult(SectionCard):
    """A section to show: its card, why (one line per fired rule), its cautions and why it is placed early."""

    reasons: tuple[Reason, ...]
    why: tuple[str, ...]
    cautions: tuple[CautionShown, ...] = ()
    placed_early: tuple[str, ...] = ()  # reasons of the emphasis rules that moved it up

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(reason.rule_id for reason in self.reasons)

    @property
    def why_lines(self) -> tuple[str, ...]:
        """Under "Why you are seeing this", on the page and in both files: each why line, then each reason it
        is listed early."""
        return (*self.why, *(f"Listed early: {reason}" for reason in self.placed_early))


IN_DANGER = " if you are in immediate danger"  # how every region's `emergency` ends (rules/crisis_lines.yaml)
OR_GO = ", or go to an emergency department"  # where to go, after the number as an action alone


def action_alone(emergency: str) -> str:
    """A region's emergency number as an action alone ("Call 999"). After "get help now", a second condition
    ("if you are in immediate danger") lets a person at risk rule themselves out (review 12, s12-2)."""
    return emergency.removesuffix(IN_DANGER)


@dataclass(frozen=True)
class CrisisHelp:
    """Everything the crisis banner, the safety screen and the exports show for one person."""

    region: str
    region_label: str
    lines: tuple[CrisisLine, ...]  # youth lines are YouthLine
    emergency: str  # "Call 999 if you are in immediate danger"

    @property
    def emergency_call(self) -> str:
        """The emergency number as an action alone ("Call 999"): `action_alone`."""
        return action_alone(self.emergency)

    @property
    def emergency_now(self) -> str:
        """"Call 999, or go to an emergency department": the supportive screen's every emergency line (s19-6)."""
        return self.emergency_call + OR_GO

    @property
    def first_line(self) -> str:
        """The region's first line and the emergency number in one sentence: every PDF page's foot, and the
        app's notice while the connection is down."""
        first = self.lines[0]
        return f"Need help now? {first.name}: {first.contact}. {self.emergency}."

    @property
    def region_line(self) -> str:
        """The region as every screen and export names it ("Help lines for Somewhere else" does not read)."""
        return f"Your region: {self.region_label}"


@dataclass(frozen=True)
class Outcome:
    content_version: str
    crisis: bool
    crisis_help: CrisisHelp  # the region's lines and emergency number, youth lines for under-18s
    sections: tuple[SectionResult, ...]
    answers: Mapping[str, Any]  # the effective answers used
    trace: tuple[RuleTrace, ...]  # every rule in rules.yaml order, fired or not
    emphasis: tuple[str, ...] = ()  # ids of the emphasis rules that fired

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def to_json(self) -> dict[str, Any]:
        """The shape docs/INTAKE.md fixes for `python -m engine evaluate --format json`."""
        help_now = self.crisis_help
        resources = [{"name": r.name, "contact": r.contact, "region": help_now.region} for r in help_now.lines]
        return {
            "content_version": self.content_version,
            "crisis": self.crisis,
            "crisis_resources": [*resources, {"name": "Emergency services", "contact": help_now.emergency,
                                              "region": help_now.region}],
            "sections": [{"id": s.id, "title": s.title, "why": list(s.why),
                          "referral": {"to": s.referral.to, "text": s.referral.text},
                          "cautions": [{"id": c.id, "text": c.text} for c in s.cautions]}
                         for s in self.sections],
        }


def cautions_by_section(bundle: Bundle, counted: Mapping[str, Any]) -> dict[str, tuple[CautionShown, ...]]:
    """The cautions these counted answers bring into each section, in file order (the section cards and the
    comparison's cautions row both read them)."""
    fired = [caution for caution in bundle.cautions if caution.fires(counted)]
    return {section_id: tuple(CautionShown(c.id, bundle.caution_labels[c.id], c.text, tuple(support(c.when, counted)))
                              for c in fired if section_id in c.sections)
            for section_id in bundle.cards}


def crisis_help(bundle: Bundle, counted: Mapping[str, Any]) -> CrisisHelp:
    """Crisis help for these counted answers: the region's lines, youth lines for under-18s (and a youth line's
    own `also_when`: a line for ages 5 to 25 serves 18-24s too), the emergency number."""
    region = counted.get(REGION_QUESTION)
    code = region if region in bundle.regions else OTHER_REGION  # anyone who has not said where they live
    info = bundle.regions[code]
    young = holds(bundle.youth_when, counted)
    youth = tuple(line for line in info.youth_lines if young or _holds_also(bundle, code, line, counted))
    # Youth lines first for under-18s; for anyone else a youth line that also serves them comes after the
    # adult lines (the page's reminder and the PDF's footers give the first line only).
    return CrisisHelp(code, info.label, youth + info.lines if young else info.lines + youth, info.emergency)


def youth_lines_until_age_known(bundle: Bundle, counted: Mapping[str, Any]) -> tuple[YouthLine, ...]:
    """The region's youth lines not among its crisis help yet, while the answers that pick them (`youth_when`)
    are unknown. The supportive screen comes before the age question: a 16-year-old who answers "yes" should
    find their own line there too (review 11, f11-2). Unknown is not no."""
    if any(qid in counted for qid in referenced_questions(bundle.youth_when)):
        return ()
    shown = crisis_help(bundle, counted)
    return tuple(line for line in bundle.regions[shown.region].youth_lines if line not in shown.lines)


def _holds_also(bundle: Bundle, code: str, line: YouthLine, counted: Mapping[str, Any]) -> bool:
    """A youth line's own `also_when` (rules/crisis_lines.yaml) holds for these answers."""
    also = bundle.youth_also.get((code, line.name))
    return also is not None and holds(also, counted)


def crisis_now(bundle: Bundle, answers: Mapping[str, Any]) -> bool:
    """Whether the answers so far call for crisis support first (cheap: no sections)."""
    return bundle.crisis_rule.fires(person_path(bundle, answers).effective)


def urgent_notes(bundle: Bundle, question_id: str, counted: Mapping[str, Any]) -> list[str]:
    """What to say beside this question now, for these counted answers: a step that should not wait for
    the results page, with the region's emergency number in it ("call 999")."""
    due = [text for when, text in bundle.urgent.get(question_id, ()) if holds(when, counted)]
    if not due:  # most questions, most of the time: no crisis help to work out on each render
        return []
    call = crisis_help(bundle, counted).emergency_call.lower()
    return [text.strip().format(call=call) for text in due]


def describe_answer(bundle: Bundle, qid: str, value: Any) -> str:
    question = bundle.question_by_id[qid]
    if isinstance(value, (list, tuple)):  # in the question's own order, so the file's order never shows (r16-5)
        return ", ".join(question.said_for(v) for v in sorted(value, key=question.codes.index))
    if question.type == "integer":
        return str(value)
    return question.said_for(value)


def why_line(bundle: Bundle, explain: str, qids: list[str] | tuple[str, ...], answers: Mapping[str, Any]) -> str:
    if not qids:
        return explain
    said = "; ".join(f"{bundle.question_by_id[q].short}: {describe_answer(bundle, q, answers[q])}" for q in qids)
    return f"{explain} You said: {said}."


def evaluate(bundle: Bundle, answers: Mapping[str, Any]) -> Outcome:
    counted = person_path(bundle, answers).effective
    fired = [rule.fires(counted) for rule in bundle.rules]
    by_section: dict[str, list[Rule]] = {}
    for rule, hit in zip(bundle.rules, fired, strict=True):
        if hit:
            by_section.setdefault(rule.section, []).append(rule)
    crisis = bundle.crisis_rule.fires(counted)
    if crisis and CRISIS_SECTION not in by_section:
        # Belt and braces: a crisis answer always brings crisis support, whatever the rules say.
        by_section[CRISIS_SECTION] = [bundle.crisis_rule]

    emphasis = [rule for rule in bundle.emphasis if rule.fires(counted)]
    early: dict[str, int] = {}
    for rule in emphasis:
        for section_id in rule.first:
            early.setdefault(section_id, len(early))
    wanted = set(counted.get(OPEN_TO_QUESTION) or ())

    def place(card: SectionCard) -> tuple[int, int, bool]:
        preferred = card.tier == "treatment" and not wanted.isdisjoint(card.open_to)
        return bundle.tier_rank[card.tier], early.get(card.id, len(early)), not preferred

    # Cards come in registry order and sorted() is stable, so ties keep the registry order.
    shown = sorted((card for sid, card in bundle.cards.items() if sid in by_section), key=place)
    cautions = cautions_by_section(bundle, counted)
    sections = []
    for card in shown:
        reasons = tuple(Reason(rule.id, rule.explain, tuple(support(rule.when, counted)))
                        for rule in by_section[card.id])
        sections.append(SectionResult(
            **vars(card), reasons=reasons,
            why=tuple(dict.fromkeys(why_line(bundle, r.explain, r.because, counted) for r in reasons)),
            cautions=cautions[card.id],
            placed_early=tuple(rule.reason for rule in emphasis if card.id in rule.first)))
    trace = tuple(RuleTrace(rule.id, rule.section, hit, tuple(support(rule.when, counted)) if hit else ())
                  for rule, hit in zip(bundle.rules, fired, strict=True))
    return Outcome(
        content_version=bundle.content_version, crisis=crisis, crisis_help=crisis_help(bundle, counted),
        sections=tuple(sections),
        answers=counted, trace=trace, emphasis=tuple(rule.id for rule in emphasis),
    )
