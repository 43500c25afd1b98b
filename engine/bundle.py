"""Load and cross-check the whole bundle: rules/ and content/sections/.

Every problem is collected and reported in one run as `path:line:col: code: message`;
`load_bundle` raises `BundleError` carrying them all, `validate_bundle` returns them.
Reading is in engine/collect.py, the checks of rules/ in engine/checks.py, section files in
engine/content.py; this module builds the read-only `Bundle` from what they return.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from engine import checks
from engine import conditions as cond
from engine import files as fs
from engine import models as m
from engine.checks import AGE_QUESTION
from engine.collect import PERSONAS_FILE, RULE_FILES, Collector
from engine.content import SectionContent, load_content
from engine.problems import Problem

DEFAULT_ROOT = Path(__file__).resolve().parent.parent


class BundleError(Exception):
    """The bundle is broken; `problems` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


CRISIS_SECTION = "crisis_support"
CRISIS_EXPLAIN = "Your safety comes first."


@dataclass(frozen=True)
class SectionCard:
    """What a section shows whatever the answers: built once per bundle, shared by every outcome."""

    id: str
    title: str
    tier: str
    summary: str
    referral: m.Referral
    open_to: frozenset[str]


@dataclass(frozen=True)
class Bundle:
    """Everything the engine needs, parsed and checked; read-only once built."""

    steps: tuple[m.Step, ...]
    visibility: Mapping[str, cond.Condition]
    urgent: Mapping[str, tuple[tuple[cond.Condition, str], ...]]  # notes beside a question, by its id
    rules: tuple[m.Rule, ...]
    crisis_when: cond.Condition
    youth_when: cond.Condition  # who also sees youth crisis lines (rules/crisis_lines.yaml)
    youth_also: Mapping[tuple[str, str], cond.Condition]  # (region, youth line name): who else sees that line
    cautions: tuple[m.Caution, ...]
    caution_labels: Mapping[str, str]  # a caution kind's heading, shown above its text
    emphasis: tuple[m.Emphasis, ...]
    outcome_terms: Mapping[str, m.OutcomeTerm]
    comparison_rows: tuple[m.ComparisonRowSpec, ...]
    comparison_baseline: str  # the treatment option every comparison starts from (rules/comparison.yaml)
    comparison_notes: tuple[m.ComparisonNote, ...]  # said above the comparison when they fire
    tiers: tuple[m.Tier, ...]
    sections: tuple[m.SectionEntry, ...]
    content: Mapping[str, SectionContent]
    regions: Mapping[str, m.Region]
    lines_checked_on: dt.date  # when every crisis line was last checked (rules/crisis_lines.yaml)
    meta: m.MetaFile
    content_version: str
    personas: m.PersonasFile | None  # None when rules/personas.yaml is absent
    path: m.PathFile  # the treatment path, each status's `when` a checked condition
    values: m.ValuesFile  # the values step, priorities and SURE questions
    files: tuple[str, ...]

    # Derived once per bundle (on first use), so that evaluating answers (every results render) only reads them.
    @cached_property
    def questions(self) -> tuple[m.Question, ...]:
        """Every question in questionnaire order."""
        return tuple(q for step in self.steps for q in step.questions)

    @cached_property
    def question_by_id(self) -> Mapping[str, m.Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def step_of_question(self) -> Mapping[str, str]:
        return {q.id: step.id for step in self.steps for q in step.questions}

    @cached_property
    def tier_rank(self) -> Mapping[str, int]:
        return {tier.id: i for i, tier in enumerate(self.tiers)}

    @cached_property
    def cards(self) -> Mapping[str, SectionCard]:
        cards = {}
        for entry in self.sections:  # registry order is tier order
            front = self.content[entry.id].front
            cards[entry.id] = SectionCard(entry.id, front.title, entry.tier, front.summary, front.referral,
                                          frozenset(entry.open_to))
        return cards

    @cached_property
    def crisis_rule(self) -> m.Rule:
        return m.Rule(id="crisis_when", section=CRISIS_SECTION, explain=CRISIS_EXPLAIN, when=self.crisis_when)

    def step(self, step_id: str) -> m.Step:
        return next(s for s in self.steps if s.id == step_id)


def load_bundle(root: Path | str = DEFAULT_ROOT) -> Bundle:
    bundle, problems = _load(Path(root))
    if problems or bundle is None:
        raise BundleError(problems)
    return bundle


def validate_bundle(root: Path | str = DEFAULT_ROOT) -> list[Problem]:
    return sorted(_load(Path(root))[1])


def _load(root: Path) -> tuple[Bundle | None, list[Problem]]:
    c = Collector(root)
    raw = {name: c.read_yaml(rel) for name, (rel, _) in RULE_FILES.items()}
    parsed = {name: c.model(RULE_FILES[name][0], raw[name], RULE_FILES[name][1])
              for name in RULE_FILES if raw[name] is not None}
    personas_raw = c.read_yaml(PERSONAS_FILE) if fs.exists(root, PERSONAS_FILE) else None
    personas = c.model(PERSONAS_FILE, personas_raw, m.PersonasFile) if personas_raw is not None else None

    qfile: m.QuestionsFile | None = parsed.get("questions")
    questions: dict[str, m.Question] = {}
    visibility: dict[str, cond.Condition] = {}
    urgent: dict[str, tuple[tuple[cond.Condition, str], ...]] = {}
    if qfile is not None:
        questions = checks.check_questions(c, qfile, raw["questions"])
        visibility = checks.check_visibility(c, qfile, raw["questions"], questions)
        urgent = checks.check_urgent(c, qfile, raw["questions"], questions)

    sfile: m.SectionsFile | None = parsed.get("sections")
    registry = checks.check_sections(c, sfile, raw.get("sections"), questions) if sfile else {}

    rfile: m.RulesFile | None = parsed.get("rules")
    rules: list[m.Rule] = []
    crisis_when: cond.Condition | None = None
    cautions: list[m.Caution] = []
    caution_labels: dict[str, str] = {}
    emphasis: list[m.Emphasis] = []
    if rfile is not None and qfile is not None:
        rules, crisis_when = checks.check_rules(c, rfile, raw["rules"], questions, registry)
        checks.check_reachable(c, rfile, registry, raw.get("sections"))
    if parsed.get("cautions") is not None and qfile is not None:
        cautions, caution_labels = checks.check_cautions(c, parsed["cautions"], raw["cautions"], questions, registry)
    if parsed.get("emphasis") is not None and qfile is not None:
        emphasis = checks.check_emphasis(c, parsed["emphasis"], raw["emphasis"], questions, registry)
    terms = checks.check_terms(c, parsed["outcomes"], raw["outcomes"]) if parsed.get("outcomes") else {}
    comparison_notes: tuple[m.ComparisonNote, ...] = ()
    if parsed.get("comparison") is not None and qfile is not None:
        comparison_notes = checks.check_comparison(c, parsed["comparison"], raw["comparison"], questions, registry)

    crisis: m.CrisisFile | None = parsed.get("crisis")
    youth_when, youth_also = (checks.check_crisis(c, crisis, raw["crisis"], questions) if crisis and qfile
                              else (None, {}))

    ages = questions[AGE_QUESTION].codes if AGE_QUESTION in questions else ()
    content = load_content(c, root, registry, terms, ages) if sfile else {}
    if personas is not None and qfile is not None:
        checks.check_personas(c, personas, personas_raw, questions)
    path = None
    if parsed.get("path") and qfile:
        path = checks.check_path(c, parsed["path"], raw["path"], questions, registry)
    if parsed.get("values") and qfile:
        checks.check_values(c, parsed["values"], raw["values"], questions, qfile)

    if c.problems or not all(parsed.get(n) for n in RULE_FILES) or crisis_when is None:
        if not c.problems:  # pragma: no cover - a file or condition that fails always adds its problem first
            c.add("rules/rules.yaml", None, "missing-field", "crisis_when could not be compiled")
        return None, c.problems

    files = sorted([rel for rel, _ in RULE_FILES.values()] + [s.path for s in content.values()]
                   + ([PERSONAS_FILE] if personas is not None else []))
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0" + fs.read_bundle_bytes(root, rel))
    meta: m.MetaFile = parsed["meta"]
    return Bundle(
        steps=qfile.steps,
        visibility=visibility,
        urgent=urgent,
        rules=tuple(rules),
        crisis_when=crisis_when,
        youth_when=youth_when,
        youth_also=youth_also,
        cautions=tuple(cautions),
        caution_labels=caution_labels,
        emphasis=tuple(emphasis),
        outcome_terms=terms,
        comparison_rows=parsed["comparison"].rows,
        comparison_baseline=parsed["comparison"].baseline,
        comparison_notes=comparison_notes,
        tiers=sfile.tiers,
        sections=sfile.sections,
        content=content,
        regions=crisis.regions,
        lines_checked_on=crisis.checked_on,
        meta=meta,
        content_version=f"{meta.content_version} ({digest.hexdigest()[:8]})",
        personas=personas,
        path=path,
        values=parsed["values"],
        files=tuple(files),
    ), []

