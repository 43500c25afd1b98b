"""evaluate(answers) -> Outcome: ordered sections, each saying why it is shown.

Pure: the same bundle and answers always give the same outcome, whatever the
order of the answers, and hidden answers never count.

Evaluation makes the decision: which sections, in what order, because of which
rules. The words that explain it (each section's why lines, the rule trace with the
answers each rule fired on) are worked out from that decision when first read, and
kept: the results page reads them once, while the what-if diff, the crisis check and
the CLI's exit code never do, and the engine runs on every results render.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from engine.bundle import CRISIS_EXPLAIN, CRISIS_SECTION, Bundle, CompiledRule, CrisisResource, SectionCard
from engine.flow import effective_answers
from engine.models import Referral

__all__ = [
    "CRISIS_EXPLAIN", "CRISIS_SECTION", "OTHER_REGION", "CrisisResource", "Outcome", "Reason", "RuleTrace",
    "CrisisHelp", "SectionResult", "crisis_help", "crisis_now", "crisis_resources", "describe_answer", "evaluate", "region_code", "why_line",
]

OTHER_REGION = "other"


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


class SectionResult:
    """A section to show, the rules that brought it (in rules.yaml order) and the answers they saw.

    Read-only by convention. A plain slotted class rather than a frozen dataclass: evaluation
    builds one per shown section on every results render, and a frozen dataclass's
    constructor costs several times as much.
    """

    __slots__ = ("card", "rules", "answers", "bundle", "_reasons", "_why")

    def __init__(self, card: SectionCard, rules: tuple[CompiledRule, ...], answers: Mapping[str, Any],
                 bundle: Bundle) -> None:
        self.card = card
        self.rules = rules
        self.answers = answers
        self.bundle = bundle
        self._reasons: tuple[Reason, ...] | None = None
        self._why: tuple[str, ...] | None = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SectionResult):
            return NotImplemented
        return (self.card, self.rules, self.answers) == (other.card, other.rules, other.answers)

    __hash__ = None  # type: ignore[assignment]  # holds a dict of answers

    def __repr__(self) -> str:
        return f"SectionResult(id={self.id!r}, rules={list(self.rule_ids)!r})"

    @property
    def id(self) -> str:
        return self.card.id

    @property
    def title(self) -> str:
        return self.card.title

    @property
    def tier(self) -> str:
        return self.card.tier

    @property
    def summary(self) -> str:
        return self.card.summary

    @property
    def referral(self) -> Referral:
        return self.card.referral

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.rules)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        if self._reasons is None:
            self._reasons = tuple(Reason(rule.id, rule.explain, rule.support(self.answers)) for rule in self.rules)
        return self._reasons

    @property
    def why(self) -> tuple[str, ...]:
        """One line per reason, each naming the person's own answers (repeated lines once)."""
        if self._why is None:
            self._why = tuple(dict.fromkeys(why_line(self.bundle, r.explain, r.because, self.answers)
                                            for r in self.reasons))
        return self._why


@dataclass(frozen=True)
class Outcome:
    content_version: str
    crisis: bool
    region: str
    crisis_resources: tuple[CrisisResource, ...]
    emergency: str
    sections: tuple[SectionResult, ...]
    answers: Mapping[str, Any] = field(default_factory=dict)  # the effective answers used
    fired: tuple[bool, ...] = ()  # per rule of `rules`, whether it fired
    rules: tuple[CompiledRule, ...] = field(default=(), repr=False, compare=False)

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    @cached_property
    def trace(self) -> tuple[RuleTrace, ...]:
        """Every rule in rules.yaml order, fired or not, with the answers it fired on."""
        return tuple(RuleTrace(rule.id, rule.section, fired, rule.support(self.answers) if fired else ())
                     for rule, fired in zip(self.rules, self.fired, strict=True))

    def to_json(self) -> dict[str, Any]:
        """The shape INTAKE.md fixes for `python -m engine evaluate --format json`."""
        return {
            "content_version": self.content_version,
            "crisis": self.crisis,
            "crisis_resources": [{"name": r.name, "contact": r.contact, "region": r.region}
                                 for r in self.crisis_resources]
            + [{"name": "Emergency services", "contact": self.emergency, "region": self.region}],
            "sections": [{"id": s.id, "title": s.title, "why": list(s.why),
                          "referral": {"to": s.referral.to, "text": s.referral.text}}
                         for s in self.sections],
        }


YOUNG_AGE = ("age_group", "under_18")  # who also sees youth crisis lines


def region_code(bundle: Bundle, region: str | None) -> str:
    """The region whose crisis lines apply: the answer when it is a known region, else `other`."""
    return region if region in bundle.regions else OTHER_REGION


def crisis_resources(bundle: Bundle, region: str | None, *, young: bool = False) -> tuple[CrisisResource, ...]:
    """The region's crisis lines (youth lines first, for under-18s); an unknown region gets the `other` list."""
    lines = bundle.crisis_lines[region_code(bundle, region)]
    return lines if young else tuple(line for line in lines if not line.for_young)


@dataclass(frozen=True)
class CrisisHelp:
    """Everything the crisis banner, the safety screen and the exports show for one person."""

    region: str
    region_label: str
    lines: tuple[CrisisResource, ...]
    emergency: str  # "Call 999 if you are in immediate danger"


def crisis_help(bundle: Bundle, counted: Mapping[str, Any]) -> CrisisHelp:
    """Crisis help for these counted answers: the region's lines, youth lines for under-18s, the emergency number."""
    code = region_code(bundle, counted.get("region"))
    young = counted.get(YOUNG_AGE[0]) == YOUNG_AGE[1]
    return CrisisHelp(code, bundle.regions[code].label, crisis_resources(bundle, code, young=young),
                      bundle.regions[code].emergency)


def crisis_now(bundle: Bundle, answers: Mapping[str, Any], *, counted: Mapping[str, Any] | None = None) -> bool:
    """Whether the answers so far call for crisis support first (cheap: no sections).

    `counted` may pass effective answers already worked out for this render.
    """
    return bundle.crisis_rule.test(effective_answers(bundle, answers) if counted is None else counted)


def describe_answer(bundle: Bundle, qid: str, value: Any) -> str:
    question = bundle.question_by_id[qid]
    if isinstance(value, (list, tuple)):
        return ", ".join(question.label_for(v) for v in value)
    if question.type == "integer":
        return str(value)
    return question.label_for(value)


def why_line(bundle: Bundle, explain: str, qids: list[str] | tuple[str, ...], answers: Mapping[str, Any]) -> str:
    if not qids:
        return explain
    said = "; ".join(f"{bundle.question_by_id[q].short}: {describe_answer(bundle, q, answers[q])}" for q in qids)
    return f"{explain} You said: {said}."


def evaluate(bundle: Bundle, answers: Mapping[str, Any]) -> Outcome:
    counted = effective_answers(bundle, answers)
    rules = bundle.rules
    fired = tuple([rule.test(counted) for rule in rules])
    by_section: dict[str, list[CompiledRule]] = {}
    for rule, hit in zip(rules, fired, strict=True):
        if hit:
            by_section.setdefault(rule.section, []).append(rule)

    crisis = bundle.crisis_rule.test(counted)
    if crisis and CRISIS_SECTION not in by_section:
        # Belt and braces: a crisis answer always brings crisis support, whatever the rules say.
        by_section[CRISIS_SECTION] = [bundle.crisis_rule]

    # Cards are in tier order; within the treatment tier, what the person is open to
    # moves up (a stable sort keeps the registry order otherwise).
    shown = [card for sid, card in bundle.cards.items() if sid in by_section]
    open_to = counted.get("open_to")
    if open_to:
        wanted, rank = set(open_to), bundle.tier_rank
        shown.sort(key=lambda c: (rank[c.tier], c.tier != "treatment" or wanted.isdisjoint(c.open_to)))
    help_now = crisis_help(bundle, counted)
    return Outcome(
        content_version=bundle.content_version,
        crisis=crisis,
        region=help_now.region,
        crisis_resources=help_now.lines,
        emergency=help_now.emergency,
        sections=tuple([SectionResult(card, tuple(by_section[card.id]), counted, bundle) for card in shown]),
        answers=counted,
        fired=fired,
        rules=rules,
    )
