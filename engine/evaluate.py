"""evaluate(answers) -> Outcome: ordered sections, each saying why it is shown.

Pure: the same bundle and answers always give the same outcome, whatever the
order of the answers, and hidden answers never count.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from engine.bundle import Bundle
from engine.conditions import support
from engine.flow import effective_answers
from engine.models import Referral

OTHER_REGION = "other"
CRISIS_SECTION = "crisis_support"
CRISIS_EXPLAIN = "Your safety comes first."


@dataclass(frozen=True)
class CrisisResource:
    name: str
    contact: str
    region: str
    hours: str | None = None
    text_option: str | None = None


@dataclass(frozen=True)
class RuleTrace:
    rule_id: str
    section: str
    fired: bool
    because: tuple[str, ...]  # question ids whose answers made it fire


@dataclass(frozen=True)
class SectionResult:
    id: str
    title: str
    tier: str
    summary: str
    why: tuple[str, ...]
    referral: Referral
    rule_ids: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    content_version: str
    crisis: bool
    region: str
    crisis_resources: tuple[CrisisResource, ...]
    sections: tuple[SectionResult, ...]
    trace: tuple[RuleTrace, ...]
    answers: Mapping[str, Any] = field(default_factory=dict)  # the effective answers used

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]

    def to_json(self) -> dict[str, Any]:
        """The shape INTAKE.md fixes for `python -m engine evaluate --format json`."""
        return {
            "content_version": self.content_version,
            "crisis": self.crisis,
            "crisis_resources": [{"name": r.name, "contact": r.contact, "region": r.region}
                                 for r in self.crisis_resources],
            "sections": [{"id": s.id, "title": s.title, "why": list(s.why),
                          "referral": {"to": s.referral.to, "text": s.referral.text}}
                         for s in self.sections],
        }


def crisis_resources(bundle: Bundle, region: str | None) -> tuple[CrisisResource, ...]:
    code = region if region in bundle.regions else OTHER_REGION
    info = bundle.regions[code]
    lines = [CrisisResource(line.name, line.contact, code, line.hours, line.text_option) for line in info.lines]
    lines.append(CrisisResource("Emergency services", info.emergency, code))
    return tuple(lines)


def crisis_now(bundle: Bundle, answers: Mapping[str, Any], *, counted: Mapping[str, Any] | None = None) -> bool:
    """Whether the answers so far call for crisis support first (cheap: no sections).

    `counted` may pass effective answers already worked out for this render.
    """
    return bundle.crisis_test(effective_answers(bundle, answers) if counted is None else counted)


def describe_answer(bundle: Bundle, qid: str, value: Any) -> str:
    question = bundle.question_by_id[qid]
    if isinstance(value, (list, tuple)):
        return ", ".join(question.label_for(v) for v in value)
    if question.type == "integer":
        return str(value)
    return question.label_for(value)


def why_line(bundle: Bundle, explain: str, qids: list[str], answers: Mapping[str, Any]) -> str:
    if not qids:
        return explain
    said = "; ".join(f"{bundle.question_by_id[q].short}: {describe_answer(bundle, q, answers[q])}" for q in qids)
    return f"{explain} You said: {said}."


def evaluate(bundle: Bundle, answers: Mapping[str, Any]) -> Outcome:
    counted = effective_answers(bundle, answers)
    traces: list[RuleTrace] = []
    fired_by_section: dict[str, list[tuple[str, str]]] = {}
    for rule in bundle.rules:
        fired = rule.test(counted)
        because = tuple(support(rule.when, counted)) if fired else ()
        traces.append(RuleTrace(rule.id, rule.section, fired, because))
        if fired:
            fired_by_section.setdefault(rule.section, []).append(
                (rule.id, why_line(bundle, rule.explain, list(because), counted)))

    crisis = bundle.crisis_test(counted)
    if crisis and CRISIS_SECTION not in fired_by_section:
        # Belt and braces: a crisis answer always brings crisis support, whatever the rules say.
        because = support(bundle.crisis_when, counted)
        fired_by_section[CRISIS_SECTION] = [("crisis_when", why_line(bundle, CRISIS_EXPLAIN, because, counted))]

    # bundle.sections is already in tier order; within the treatment tier, what the
    # person is open to moves up (a stable sort keeps the registry order otherwise).
    open_to = set(counted.get("open_to") or ())
    tier_rank = {tier.id: i for i, tier in enumerate(bundle.tiers)}
    ordered = sorted(
        (entry for entry in bundle.sections if entry.id in fired_by_section),
        key=lambda e: (tier_rank[e.tier], 0 if e.tier == "treatment" and open_to.intersection(e.open_to) else 1),
    )
    sections = []
    for entry in ordered:
        front = bundle.content[entry.id].front
        fired = fired_by_section[entry.id]
        sections.append(SectionResult(
            id=entry.id, title=front.title, tier=entry.tier, summary=front.summary,
            why=tuple(dict.fromkeys(line for _, line in fired)),
            referral=front.referral, rule_ids=tuple(rule_id for rule_id, _ in fired),
        ))
    region = counted.get("region") if counted.get("region") in bundle.regions else OTHER_REGION
    return Outcome(
        content_version=bundle.content_version,
        crisis=crisis,
        region=region,
        crisis_resources=crisis_resources(bundle, region),
        sections=tuple(sections),
        trace=tuple(traces),
        answers=counted,
    )
