"""Scenario cases: YAML files a clinician can review, each named with a sentence.

A case gives an answer set and what must follow: sections to include or exclude,
pairs that must come in order, the first and last section, the crisis flag, cautions
that must (or must not) be shown inside a section, rules whose reason a section must (or
must not) give, emphasis rules that must (or must not) fire (a rule that only adds a reason
to a section shown anyway is proved this way, and an `unless` by the "must not"), and crisis
lines that must be listed.
`check_case` says, in plain words, every way an outcome falls short of a case;
`render_book` turns all cases into the scenario book for clinical review.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field

from engine.answers import check_answer_values
from engine.bundle import Bundle
from engine.evaluate import Outcome, describe_answer, evaluate
from engine.models import Strict
from engine.yamlio import load_located


class Case(Strict):
    name: str = Field(min_length=10)
    answers: dict[str, Any]
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    order: tuple[tuple[str, str], ...] = ()
    first: str | None = None
    last: str | None = None
    crisis: bool | None = None
    cautions: dict[str, tuple[str, ...]] = {}  # section id -> caution ids that must be shown in it
    no_cautions: dict[str, tuple[str, ...]] = {}  # section id -> caution ids that must not be
    crisis_lines: tuple[str, ...] = ()  # names of crisis lines that must be listed
    reasons: dict[str, tuple[str, ...]] = {}  # section id -> rule ids whose reasons it must give
    no_reasons: dict[str, tuple[str, ...]] = {}  # section id -> rule ids whose reasons it must not give
    emphasis: tuple[str, ...] = ()  # emphasis rules that must fire (their reason is shown on the sections they move)
    no_emphasis: tuple[str, ...] = ()  # emphasis rules that must not fire


def load_case(path: Path) -> Case:
    data, duplicates = load_located(path.read_text(encoding="utf-8"))
    if duplicates:
        raise ValueError(f"{path.name}: duplicate key {duplicates[0].key!r}")
    return Case.model_validate(data)


def load_cases(folder: Path) -> dict[str, Case]:
    return {path.stem: load_case(path) for path in sorted(folder.glob("*.yaml"))}


def case_problems(case: Case, bundle: Bundle) -> list[str]:
    """Problems with the case itself: unknown section ids, invalid answers."""
    known = {s.id for s in bundle.sections}
    named = set(case.include) | set(case.exclude) | {x for pair in case.order for x in pair}
    named |= {s for s in (case.first, case.last) if s} | set(case.cautions) | set(case.no_cautions)
    named |= set(case.reasons) | set(case.no_reasons)
    problems = [f"unknown section id {s!r}" for s in sorted(named - known)]
    kinds = {caution.id for caution in bundle.cautions}
    named_kinds = {k for ids in (*case.cautions.values(), *case.no_cautions.values()) for k in ids}
    problems += [f"unknown caution id {k!r}" for k in sorted(named_kinds - kinds)]
    reason_ids = {r for ids in (*case.reasons.values(), *case.no_reasons.values()) for r in ids}
    problems += [f"unknown rule id {r!r}" for r in sorted(reason_ids - {rule.id for rule in bundle.rules})]
    emphasis = set(case.emphasis) | set(case.no_emphasis)
    problems += [f"unknown emphasis rule {e!r}" for e in sorted(emphasis - {r.id for r in bundle.emphasis})]
    problems += [str(p) for p in check_answer_values(case.answers, bundle.question_by_id)]
    problems += [f"{s!r} is both included and excluded" for s in sorted(set(case.include) & set(case.exclude))]
    return problems


def check_case(case: Case, outcome: Outcome) -> list[str]:
    ids = outcome.section_ids
    failures = [f"expected {s!r} to be shown; shown: {', '.join(ids)}" for s in case.include if s not in ids]
    failures += [f"expected {s!r} not to be shown" for s in case.exclude if s in ids]
    for before, after in case.order:
        if before not in ids or after not in ids:
            failures.append(f"order {before!r} before {after!r} needs both shown; shown: {', '.join(ids)}")
        elif ids.index(before) > ids.index(after):
            failures.append(f"expected {before!r} before {after!r}; order: {', '.join(ids)}")
    if case.first and (not ids or ids[0] != case.first):
        failures.append(f"expected {case.first!r} first; got {ids[0] if ids else 'nothing'}")
    if case.last and (not ids or ids[-1] != case.last):
        failures.append(f"expected {case.last!r} last; got {ids[-1] if ids else 'nothing'}")
    if case.crisis is not None and outcome.crisis != case.crisis:
        failures.append(f"expected crisis={case.crisis}, got {outcome.crisis}")
    shown = {s.id: [c.id for c in s.cautions] for s in outcome.sections}
    for section_id, kinds in case.cautions.items():
        missing = [k for k in kinds if k not in shown.get(section_id, [])]
        if missing:
            failures.append(f"expected caution(s) {', '.join(missing)} in {section_id!r}; "
                            f"shown there: {', '.join(shown.get(section_id, [])) or 'none'}")
    for section_id, kinds in case.no_cautions.items():
        wrong = [k for k in kinds if k in shown.get(section_id, [])]
        if wrong:
            failures.append(f"expected no caution {', '.join(wrong)} in {section_id!r}")
    fired = {s.id: s.rule_ids for s in outcome.sections}
    for section_id, rule_ids in case.reasons.items():
        missing = [r for r in rule_ids if r not in fired.get(section_id, ())]
        if missing:
            failures.append(f"expected the reason(s) of {', '.join(missing)} in {section_id!r}; "
                            f"given there: {', '.join(fired.get(section_id, ())) or 'none'}")
    for section_id, rule_ids in case.no_reasons.items():
        wrong = [r for r in rule_ids if r in fired.get(section_id, ())]
        if wrong:
            failures.append(f"expected no reason of {', '.join(wrong)} in {section_id!r}")
    failures += [f"expected emphasis rule {e!r} to fire; fired: {', '.join(outcome.emphasis) or 'none'}"
                 for e in case.emphasis if e not in outcome.emphasis]
    failures += [f"expected emphasis rule {e!r} not to fire" for e in case.no_emphasis if e in outcome.emphasis]
    names = [line.name for line in outcome.crisis_help.lines]
    failures += [f"expected crisis line {n!r}; listed: {', '.join(names)}" for n in case.crisis_lines if n not in names]
    return failures


def render_book(bundle: Bundle, cases: dict[str, Case]) -> str:
    """The scenario book: each case's sentence, its answers and the sections it selects."""
    lines = [
        "# Scenario book",
        "",
        "Generated from `tests/cases/*.yaml` and `rules/` by `make docs`; a test fails when it is stale.",
        f"Content version {bundle.meta.content_version}. For clinical review: does each outcome make sense",
        "for the person described?",
        "",
    ]
    titles = {sid: content.front.title for sid, content in bundle.content.items()}
    for slug, case in sorted(cases.items(), key=lambda kv: kv[1].name):
        outcome = evaluate(bundle, case.answers)
        counted = outcome.answers
        lines += [f"## {case.name}", "", f"Case file: `tests/cases/{slug}.yaml`", "", "**Answers**", ""]
        if not case.answers:
            lines.append("- (no answers)")
        for qid, value in case.answers.items():
            question = bundle.question_by_id[qid]
            note = "" if qid in counted else " *(hidden by other answers, so not counted)*"
            lines.append(f"- {question.short} (`{qid}`): {describe_answer(bundle, qid, value)}{note}")
        lines += ["", "**Sections shown, in order**" + (" (crisis support first)" if outcome.crisis else ""), ""]
        for number, section in enumerate(outcome.sections, 1):
            lines.append(f"{number}. {titles[section.id]} (`{section.id}`): rules {', '.join(section.rule_ids)}")
            if section.cautions:
                lines.append(f"   - cautions: {', '.join(c.id for c in section.cautions)}")
        if outcome.emphasis:
            lines += ["", "**Placed first by emphasis rules:** " + ", ".join(f"`{e}`" for e in outcome.emphasis)]
        if case.exclude:
            lines += ["", "**Must not be shown:** " + ", ".join(f"`{s}`" for s in case.exclude)]
        if case.no_emphasis:
            lines += ["", "**Must not be placed first by:** " + ", ".join(f"`{e}`" for e in case.no_emphasis)]
        for section_id, rule_ids in case.no_reasons.items():
            named = ", ".join(f"`{r}`" for r in rule_ids)
            lines += ["", f"**Must not give in `{section_id}` the reason of:** {named}"]
        lines.append("")
    return "\n".join(lines)
