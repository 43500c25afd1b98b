"""Load and cross-check the whole bundle: rules/ and content/sections/.

Every problem is collected and reported in one run as `path:line:col: code: message`;
`load_bundle` raises `BundleError` carrying them all, `validate_bundle` returns them.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from engine import conditions as cond
from engine import files as fs
from engine.models import (
    CautionsFile,
    Comparison,
    ComparisonFile,
    ComparisonRowSpec,
    CrisisFile,
    EmphasisFile,
    MetaFile,
    OutcomesFile,
    OutcomeTerm,
    PathFile,
    PersonasFile,
    Question,
    QuestionsFile,
    Referral,
    Region,
    RulesFile,
    SectionEntry,
    SectionFront,
    SectionsFile,
    Step,
    Tier,
    ValuesFile,
)
from engine.problems import Problem
from engine.yamlio import LocatedDict, LocatedList, Mark, YamlRefused, load_located, locate, short, syntax_error_mark

DEFAULT_ROOT = Path(__file__).resolve().parent.parent
SAFETY_QUESTION = "safety_thoughts"
REGION_QUESTION = "region"
OPEN_TO_QUESTION = "open_to"
CONCERNS_QUESTION = "concerns"

RULE_FILES = {
    "questions": ("rules/questions.yaml", QuestionsFile),
    "rules": ("rules/rules.yaml", RulesFile),
    "sections": ("rules/sections.yaml", SectionsFile),
    "crisis": ("rules/crisis_lines.yaml", CrisisFile),
    "meta": ("rules/meta.yaml", MetaFile),
    "cautions": ("rules/cautions.yaml", CautionsFile),
    "emphasis": ("rules/emphasis.yaml", EmphasisFile),
    "outcomes": ("rules/outcomes.yaml", OutcomesFile),
    "comparison": ("rules/comparison.yaml", ComparisonFile),
    "path": ("rules/path.yaml", PathFile),
    "values": ("rules/values.yaml", ValuesFile),
}
OPTIONAL_FILES = {"personas": ("rules/personas.yaml", PersonasFile)}
CONTENT_DIR = "content/sections"

REQUIRED_HEADINGS: dict[str, tuple[str, ...]] = {
    "*": ("What it involves",),
    "treatment": (
        "What it is",
        "How it is given",
        "How soon it may help",
        "How often are visits",
        "Side effects",
        "What the evidence shows",
        "Where the evidence is weak or unsure",
    ),
    "population": ("What is different for this group",),
}


class BundleError(Exception):
    """The bundle is broken; `problems` lists everything that is wrong."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


CRISIS_SECTION = "crisis_support"
CRISIS_EXPLAIN = "Your safety comes first."


@dataclass(frozen=True)
class SectionRule:
    """A checked rule: `when` calls for `section`; `unless` (given answers only) rules it out."""

    id: str
    section: str
    explain: str
    when: cond.Condition
    unless: cond.Condition | None = None

    def fires(self, answers: Mapping[str, Any]) -> bool:
        return cond.fires(self.when, self.unless, answers)


@dataclass(frozen=True)
class CautionRule:
    """A checked caution: shown inside each of `sections` when it fires."""

    id: str
    label: str
    sections: tuple[str, ...]
    text: str
    when: cond.Condition
    unless: cond.Condition | None = None

    def fires(self, answers: Mapping[str, Any]) -> bool:
        return cond.fires(self.when, self.unless, answers)


@dataclass(frozen=True)
class EmphasisRule:
    """A checked emphasis rule: when it fires, `first` lead their tier, for `reason`."""

    id: str
    first: tuple[str, ...]
    reason: str
    when: cond.Condition
    unless: cond.Condition | None = None

    def fires(self, answers: Mapping[str, Any]) -> bool:
        return cond.fires(self.when, self.unless, answers)


@dataclass(frozen=True)
class CrisisResource:
    name: str
    contact: str
    region: str
    hours: str | None = None
    text_option: str | None = None
    for_young: bool = False  # a youth line, shown to under-18s beside the adult lines


@dataclass(frozen=True)
class SectionCard:
    """What a section shows whatever the answers: built once per bundle, shared by every outcome."""

    id: str
    title: str
    tier: str
    summary: str
    referral: Referral
    open_to: frozenset[str]


@dataclass(frozen=True)
class SectionContent:
    front: SectionFront
    body: str
    path: str

    @property
    def id(self) -> str:
        return self.front.id

    @property
    def comparison(self) -> Comparison | None:
        return self.front.comparison


@dataclass(frozen=True)
class Bundle:
    """Everything the engine needs, parsed and checked; read-only once built."""

    root: Path
    steps: tuple[Step, ...]
    questions: tuple[Question, ...]
    question_by_id: Mapping[str, Question]
    step_of_question: Mapping[str, str]
    visibility: Mapping[str, cond.Condition]
    rules: tuple[SectionRule, ...]
    crisis_when: cond.Condition
    cautions: tuple[CautionRule, ...]
    emphasis: tuple[EmphasisRule, ...]
    outcome_terms: Mapping[str, OutcomeTerm]
    comparison_rows: tuple[ComparisonRowSpec, ...]
    tiers: tuple[Tier, ...]
    sections: tuple[SectionEntry, ...]
    content: Mapping[str, SectionContent]
    regions: Mapping[str, Region]
    meta: MetaFile
    content_version: str
    personas: PersonasFile | None = None
    path: PathFile | None = None  # the treatment path, each status's `when` a checked condition
    values: ValuesFile | None = None  # the values step, priorities and SURE questions
    files: tuple[str, ...] = field(default=())
    tier_rank: Mapping[str, int] = field(init=False, repr=False, compare=False)
    cards: Mapping[str, SectionCard] = field(init=False, repr=False, compare=False)
    crisis_rule: SectionRule = field(init=False, repr=False, compare=False)
    crisis_lines: Mapping[str, tuple[CrisisResource, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Worked out once per load, so that evaluating answers (every results render) only reads them.
        object.__setattr__(self, "tier_rank", {tier.id: i for i, tier in enumerate(self.tiers)})
        cards = {}
        for entry in self.sections:  # registry order is tier order
            front = self.content[entry.id].front
            cards[entry.id] = SectionCard(entry.id, front.title, entry.tier, front.summary, front.referral,
                                          frozenset(entry.open_to))
        object.__setattr__(self, "cards", cards)
        object.__setattr__(self, "crisis_lines", {code: tuple(
            [CrisisResource(line.name, line.contact, code, line.hours, line.text_option, True)
             for line in info.youth_lines]
            + [CrisisResource(line.name, line.contact, code, line.hours, line.text_option) for line in info.lines])
            for code, info in self.regions.items()})
        object.__setattr__(self, "crisis_rule", SectionRule(
            "crisis_when", CRISIS_SECTION, CRISIS_EXPLAIN, self.crisis_when))

    def section_entry(self, section_id: str) -> SectionEntry:
        return next(s for s in self.sections if s.id == section_id)

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)


class _Collector:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []

    def add(self, path: str, mark: Mark | None, code: str, message: str) -> None:
        mark = mark or Mark(1, 1)
        self.problems.append(Problem(path, mark.line, mark.col, code, message))

    def read_yaml(self, rel: str, text: str | None = None, line_offset: int = 0) -> Any:
        if text is None:
            try:
                text = fs.read_bundle_text(self.root, rel)
            except fs.FileRefused as refused:
                self.add(rel, None, refused.code, refused.message)
                return None
        try:
            data, duplicates = load_located(text, line_offset)
        except YamlRefused as error:
            self.add(rel, syntax_error_mark(error, line_offset), error.code, error.message)
            return None
        except yaml.YAMLError as error:
            reason = getattr(error, "problem", None) or str(error).splitlines()[0]
            self.add(rel, syntax_error_mark(error, line_offset), "yaml-syntax", f"YAML syntax error: {reason}")
            return None
        except RecursionError:
            self.add(rel, Mark(1 + line_offset, 1), "yaml-syntax", "YAML nesting is too deep")
            return None
        except Exception as error:  # noqa: BLE001 - a broken file is reported, never a crash
            self.add(rel, Mark(1 + line_offset, 1), "yaml-syntax", f"cannot read this YAML: {error}")
            return None
        for dup in duplicates:
            self.add(rel, dup.mark, "duplicate-key", f"{dup}")
        if data is None:  # an empty file: let the schema say which fields are missing
            data = LocatedDict()
            data.mark = Mark(1 + line_offset, 1)
            data.key_marks, data.value_marks = {}, {}
        return data

    def model(self, rel: str, data: Any, schema: type[BaseModel]) -> Any:
        if data is None:
            data = {}
        try:
            return schema.model_validate(data)
        except ValidationError as error:
            for item in error.errors():
                loc = tuple(item["loc"])
                where = ".".join(str(p) for p in loc) or "(top level)"
                kind = item["type"]
                if kind == "missing":
                    code, msg = "missing-field", f"missing required field '{loc[-1]}' at {where}"
                elif kind == "extra_forbidden":
                    allowed = ", ".join(_fields_at(schema, loc[:-1]))
                    code, msg = "unknown-key", f"unknown key '{loc[-1]}' at {where}; expected one of: {allowed}"
                else:
                    found = item.get("input")
                    code = "invalid-value"
                    msg = f"{where}: {item['msg']}; found {_short(found)}"
                self.add(rel, locate(data, loc), code, msg)
            return None

    def condition(self, rel: str, raw: Any, mark: Mark | None,
                  questions: Mapping[str, Question]) -> cond.Condition | None:
        found: list[cond.ConditionProblem] = []
        parsed = cond.parse(raw, found, mark or Mark(1, 1))
        if parsed is not None:
            cond.check(parsed, questions, found)
        for problem in found:
            self.add(rel, problem.mark, problem.code, problem.message)
        return parsed if not found else None


def _fields_at(schema: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = schema
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        annotation = info.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        current = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
    return list(getattr(current, "model_fields", {})) if current else []


def _short(value: Any) -> str:
    return short(value)  # capped before repr is built


def _value_mark(data: Any, *path: Any) -> Mark | None:
    return locate(data, path)


def load_bundle(root: Path | str = DEFAULT_ROOT) -> Bundle:
    bundle, problems = _load(Path(root))
    if problems or bundle is None:
        raise BundleError(problems)
    return bundle


def validate_bundle(root: Path | str = DEFAULT_ROOT) -> list[Problem]:
    return sorted(_load(Path(root))[1])


def _load(root: Path) -> tuple[Bundle | None, list[Problem]]:
    c = _Collector(root)
    raw = {name: c.read_yaml(rel) for name, (rel, _) in RULE_FILES.items()}
    parsed = {name: c.model(RULE_FILES[name][0], raw[name], RULE_FILES[name][1])
              for name in RULE_FILES if raw[name] is not None}
    personas_rel = OPTIONAL_FILES["personas"][0]
    personas_raw = c.read_yaml(personas_rel) if fs.exists(root, personas_rel) else None
    personas = c.model(personas_rel, personas_raw, PersonasFile) if personas_raw is not None else None

    qfile: QuestionsFile | None = parsed.get("questions")
    questions: dict[str, Question] = {}
    step_of: dict[str, str] = {}
    visibility: dict[str, cond.Condition] = {}
    if qfile is not None:
        questions, step_of = _check_questions(c, qfile, raw["questions"])
        visibility = _check_visibility(c, qfile, raw["questions"], questions)

    sfile: SectionsFile | None = parsed.get("sections")
    registry = _check_sections(c, sfile, raw.get("sections"), questions) if sfile else {}

    rfile: RulesFile | None = parsed.get("rules")
    rules: list[SectionRule] = []
    crisis_when: cond.Condition | None = None
    cautions: list[CautionRule] = []
    emphasis: list[EmphasisRule] = []
    if rfile is not None and qfile is not None:
        rules, crisis_when = _check_rules(c, rfile, raw["rules"], questions, registry)
        _check_reachable(c, rfile, rules, registry, raw.get("sections"))
    if parsed.get("cautions") is not None and qfile is not None:
        cautions = _check_cautions(c, parsed["cautions"], raw["cautions"], questions, registry)
    if parsed.get("emphasis") is not None and qfile is not None:
        emphasis = _check_emphasis(c, parsed["emphasis"], raw["emphasis"], questions, registry)
    terms = _check_terms(c, parsed["outcomes"], raw["outcomes"]) if parsed.get("outcomes") else {}
    if parsed.get("comparison") is not None and qfile is not None:
        _check_comparison(c, parsed["comparison"], raw["comparison"], questions)

    crisis: CrisisFile | None = parsed.get("crisis")
    if crisis is not None and qfile is not None:
        _check_crisis(c, crisis, raw["crisis"], questions)

    content = _load_content(c, root, registry, terms) if sfile else {}
    if personas is not None and qfile is not None:
        _check_personas(c, personas, personas_raw, questions)
    path = _check_path(c, parsed["path"], raw["path"], questions, registry) if parsed.get("path") and qfile else None
    if parsed.get("values") and qfile:
        _check_values(c, parsed["values"], raw["values"], questions, qfile)

    if c.problems or not all(parsed.get(n) for n in RULE_FILES) or crisis_when is None:
        if not c.problems:
            c.add("rules/rules.yaml", None, "missing-field", "crisis_when could not be compiled")
        return None, c.problems

    files = sorted([rel for rel, _ in RULE_FILES.values()] + [s.path for s in content.values()]
                   + ([personas_rel] if personas is not None else []))
    digest = hashlib.sha256()
    for rel in files:
        digest.update(rel.encode() + b"\0" + fs.read_bundle_bytes(root, rel))
    meta: MetaFile = parsed["meta"]
    ordered_questions = tuple(q for step in qfile.steps for q in step.questions)
    return Bundle(
        root=root,
        steps=qfile.steps,
        questions=ordered_questions,
        question_by_id=questions,
        step_of_question=step_of,
        visibility=visibility,
        rules=tuple(rules),
        crisis_when=crisis_when,
        cautions=tuple(cautions),
        emphasis=tuple(emphasis),
        outcome_terms=terms,
        comparison_rows=parsed["comparison"].rows,
        tiers=sfile.tiers,
        sections=sfile.sections,
        content=content,
        regions=crisis.regions,
        meta=meta,
        content_version=f"{meta.content_version} ({digest.hexdigest()[:8]})",
        personas=personas,
        path=path,
        values=parsed["values"],
        files=tuple(files),
    ), []


def _check_questions(c: _Collector, qfile: QuestionsFile, raw: Any) -> tuple[dict[str, Question], dict[str, str]]:
    rel = RULE_FILES["questions"][0]
    questions: dict[str, Question] = {}
    step_of: dict[str, str] = {}
    seen_steps: set[str] = set()
    for si, step in enumerate(qfile.steps):
        _unique(c, rel, raw, ("steps", si, "id"), step.id, seen_steps, "step id")
        for qi, q in enumerate(step.questions):
            where = ("steps", si, "questions", qi)
            if q.id in questions:
                c.add(rel, _value_mark(raw, *where, "id"), "duplicate-id",
                      f"duplicate question id {q.id!r} (also in step {step_of[q.id]!r})")
                continue
            questions[q.id] = q
            step_of[q.id] = step.id
            codes = [o.code for o in q.options]
            for oi, code in enumerate(codes):
                if code in codes[:oi]:
                    c.add(rel, _value_mark(raw, *where, "options", oi, "code"), "duplicate-id",
                          f"question {q.id!r} lists code {code!r} twice")
            if q.type in ("single", "multi") and not q.options:
                c.add(rel, _value_mark(raw, *where, "id"), "missing-field",
                      f"{q.type} question {q.id!r} needs options")
            if q.max_choices is not None and q.type != "multi":
                c.add(rel, _value_mark(raw, *where, "max_choices"), "invalid-value",
                      f"only multi questions take 'max_choices'; {q.id!r} is {q.type}")
            if q.type == "integer" and q.options:
                c.add(rel, _value_mark(raw, *where, "options"), "invalid-value",
                      f"integer question {q.id!r} cannot have options")
            for ei, code in enumerate(q.exclusive):
                if q.type != "multi":
                    c.add(rel, _value_mark(raw, *where, "exclusive"), "invalid-value",
                          f"only multi questions take 'exclusive'; {q.id!r} is {q.type}")
                    break
                if code not in codes:
                    c.add(rel, _value_mark(raw, *where, "exclusive", ei), "unknown-code",
                          f"question {q.id!r} has no code {code!r}; allowed codes: {', '.join(codes)}")
    first = qfile.steps[0].questions[0]
    safety = questions.get(SAFETY_QUESTION)
    if safety is None:
        c.add(rel, _value_mark(raw, "steps"), "safety-question", f"the safety question {SAFETY_QUESTION!r} is missing")
    else:
        if first.id != SAFETY_QUESTION:
            c.add(rel, _value_mark(raw, "steps", 0, "questions", 0, "id"), "safety-question",
                  f"the first question must be {SAFETY_QUESTION!r}; found {first.id!r}")
        if not safety.required or safety.visible_when is not None:
            c.add(rel, _value_mark(raw, "steps", 0, "questions", 0), "safety-question",
                  f"{SAFETY_QUESTION!r} must be required and never hidden")
    return questions, step_of


def _check_visibility(c: _Collector, qfile: QuestionsFile, raw: Any,
                      questions: dict[str, Question]) -> dict[str, cond.Condition]:
    rel = RULE_FILES["questions"][0]
    order = [q.id for step in qfile.steps for q in step.questions]
    position = {qid: i for i, qid in enumerate(order)}
    visibility: dict[str, cond.Condition] = {}
    depends: dict[str, set[str]] = {}
    marks: dict[str, Mark | None] = {}
    for si, step in enumerate(qfile.steps):
        for qi, q in enumerate(step.questions):
            if q.visible_when is None:
                continue
            mark = _value_mark(raw, "steps", si, "questions", qi, "visible_when")
            parsed = c.condition(rel, _raw_at(raw, "steps", si, "questions", qi, "visible_when"), mark, questions)
            if parsed is None:
                continue
            visibility[q.id] = parsed
            depends[q.id] = cond.referenced_questions(parsed) & set(questions)
            marks[q.id] = mark
            if not cond.holds(parsed, {}):
                c.add(rel, mark, "visibility-unknown-hides",
                      f"{q.id!r} would be hidden when nothing is answered; unknown is not no, so write who it "
                      "does not apply to, e.g. not: {q: age_group, op: eq, value: 65_plus}")
    cyclic = _cyclic(depends)
    for qid, deps in depends.items():
        if qid in cyclic:
            c.add(rel, marks[qid], "visibility-cycle",
                  f"visibility of {qid!r} depends on itself through {', '.join(sorted(deps & cyclic))}")
        elif any(position[d] >= position[qid] for d in deps):
            later = sorted(d for d in deps if position[d] >= position[qid])
            c.add(rel, marks[qid], "visibility-forward-reference",
                  f"visibility of {qid!r} depends on {', '.join(later)}, which comes later; "
                  "a question may only depend on earlier ones")
    return visibility


def _cyclic(depends: dict[str, set[str]]) -> set[str]:
    """Questions that lie on a dependency cycle."""
    on_cycle: set[str] = set()
    for start in depends:
        stack, seen = list(depends.get(start, ())), set()
        while stack:
            node = stack.pop()
            if node == start:
                on_cycle.add(start)
                break
            if node not in seen:
                seen.add(node)
                stack.extend(depends.get(node, ()))
    return on_cycle


def _raw_at(data: Any, *path: Any) -> Any:
    for part in path:
        data = data[part]
    return data


def _check_sections(c: _Collector, sfile: SectionsFile, raw: Any,
                    questions: dict[str, Question]) -> dict[str, SectionEntry]:
    rel = RULE_FILES["sections"][0]
    tiers = [t.id for t in sfile.tiers]
    for ti, tier in enumerate(tiers):
        if tier in tiers[:ti]:
            c.add(rel, _value_mark(raw, "tiers", ti, "id"), "duplicate-id", f"duplicate tier id {tier!r}")
    registry: dict[str, SectionEntry] = {}
    open_to = questions.get(OPEN_TO_QUESTION)
    for si, entry in enumerate(sfile.sections):
        if entry.id in registry:
            c.add(rel, _value_mark(raw, "sections", si, "id"), "duplicate-id", f"duplicate section id {entry.id!r}")
            continue
        registry[entry.id] = entry
        if entry.tier not in tiers:
            c.add(rel, _value_mark(raw, "sections", si, "tier"), "invalid-value",
                  f"section {entry.id!r} names tier {entry.tier!r}; expected one of {', '.join(tiers)}")
        for oi, code in enumerate(entry.open_to):
            if open_to is not None and code not in open_to.codes:
                c.add(rel, _value_mark(raw, "sections", si, "open_to", oi), "unknown-code",
                      f"question 'open_to' has no code {code!r}; allowed codes: {', '.join(open_to.codes)}")
    return registry


def _check_rules(c: _Collector, rfile: RulesFile, raw: Any, questions: dict[str, Question],
                 registry: dict[str, SectionEntry]) -> tuple[list[SectionRule], cond.Condition | None]:
    rel = RULE_FILES["rules"][0]
    crisis_when = c.condition(rel, raw["crisis_when"], _value_mark(raw, "crisis_when"), questions)
    rules: list[SectionRule] = []
    seen: set[str] = set()
    for ri, rule in enumerate(rfile.rules):
        _unique(c, rel, raw, ("rules", ri, "id"), rule.id, seen, "rule id")
        _known_sections(c, rel, raw, ("rules", ri, "section"), (rule.section,), registry, f"rule {rule.id!r}")
        parsed = _trigger(c, rel, raw, ("rules", ri), questions)
        if parsed is None:
            continue
        if _contradictory(parsed[0]):
            c.add(rel, _value_mark(raw, "rules", ri, "when"), "unreachable-section",
                  f"rule {rule.id!r} can never fire: it asks one question for two different answers")
            continue
        rules.append(SectionRule(rule.id, rule.section, rule.explain, *parsed))
    return rules, crisis_when


def _unique(c: _Collector, rel: str, raw: Any, where: tuple[Any, ...], value: str, seen: set[str], what: str) -> None:
    """Report a second use of the same id (one helper for every list of ids)."""
    if value in seen:
        c.add(rel, _value_mark(raw, *where), "duplicate-id", f"duplicate {what} {value!r}")
    seen.add(value)


def _known_sections(c: _Collector, rel: str, raw: Any, where: tuple[Any, ...], ids: tuple[str, ...],
                    registry: dict[str, SectionEntry], who: str) -> None:
    for index, section_id in enumerate(ids):
        if registry and section_id not in registry:
            at = where if len(ids) == 1 and where[-1] == "section" else (*where, index)
            c.add(rel, _value_mark(raw, *at), "unknown-section", f"{who} names unknown section {section_id!r}")


def _trigger(c: _Collector, rel: str, raw: Any, where: tuple[Any, ...],
             questions: dict[str, Question]) -> tuple[cond.Condition, cond.Condition | None] | None:
    """An item's `when` and optional `unless`, parsed and checked; None when either is broken."""
    when = c.condition(rel, _raw_at(raw, *where, "when"), _value_mark(raw, *where, "when"), questions)
    unless = None
    if _raw_at(raw, *where).get("unless") is not None:
        unless = c.condition(rel, _raw_at(raw, *where, "unless"), _value_mark(raw, *where, "unless"), questions)
        if unless is None:
            return None
    return None if when is None else (when, unless)


def _check_cautions(c: _Collector, cfile: Any, raw: Any, questions: dict[str, Question],
                    registry: dict[str, SectionEntry]) -> list[CautionRule]:
    rel = RULE_FILES["cautions"][0]
    labels: dict[str, str] = {}
    for ki, kind in enumerate(cfile.kinds):
        _unique(c, rel, raw, ("kinds", ki, "id"), kind.id, set(labels), "caution kind")
        labels[kind.id] = kind.label
    cautions: list[CautionRule] = []
    seen: set[str] = set()
    for ci, caution in enumerate(cfile.cautions):
        if caution.id not in labels:
            c.add(rel, _value_mark(raw, "cautions", ci, "id"), "unknown-caution",
                  f"caution {caution.id!r} is not one of the kinds: {', '.join(labels)}")
        _known_sections(c, rel, raw, ("cautions", ci, "sections"), caution.sections, registry,
                        f"caution {caution.id!r}")
        for si, section_id in enumerate(caution.sections):
            _unique(c, rel, raw, ("cautions", ci, "sections", si), f"{caution.id}:{section_id}", seen,
                    "caution for a section")
        parsed = _trigger(c, rel, raw, ("cautions", ci), questions)
        if parsed is not None and caution.id in labels:
            cautions.append(CautionRule(caution.id, labels[caution.id], caution.sections, caution.text, *parsed))
    return cautions


def _check_emphasis(c: _Collector, efile: Any, raw: Any, questions: dict[str, Question],
                    registry: dict[str, SectionEntry]) -> list[EmphasisRule]:
    rel = RULE_FILES["emphasis"][0]
    found: list[EmphasisRule] = []
    seen: set[str] = set()
    for ei, item in enumerate(efile.emphasis):
        _unique(c, rel, raw, ("emphasis", ei, "id"), item.id, seen, "emphasis rule id")
        _known_sections(c, rel, raw, ("emphasis", ei, "first"), item.first, registry, f"emphasis rule {item.id!r}")
        parsed = _trigger(c, rel, raw, ("emphasis", ei), questions)
        if parsed is not None:
            found.append(EmphasisRule(item.id, item.first, item.reason, *parsed))
    return found


def _check_comparison(c: _Collector, cfile: ComparisonFile, raw: Any, questions: dict[str, Question]) -> None:
    rel, seen = RULE_FILES["comparison"][0], set()
    worries = questions.get(CONCERNS_QUESTION)
    for ri, row in enumerate(cfile.rows):
        _unique(c, rel, raw, ("rows", ri, "key"), row.key, seen, "comparison row")
        for ci, code in enumerate(row.concerns):
            if worries is not None and code not in worries.codes:
                c.add(rel, _value_mark(raw, "rows", ri, "concerns", ci), "unknown-code",
                      f"question {CONCERNS_QUESTION!r} has no code {code!r}; allowed codes: {', '.join(worries.codes)}")


def _check_terms(c: _Collector, ofile: OutcomesFile, raw: Any) -> dict[str, OutcomeTerm]:
    terms: dict[str, OutcomeTerm] = {}
    for ti, term in enumerate(ofile.terms):
        _unique(c, RULE_FILES["outcomes"][0], raw, ("terms", ti, "id"), term.id, set(terms), "outcome term")
        terms[term.id] = term
    return terms


def _check_reachable(c: _Collector, rfile: RulesFile, rules: list[SectionRule],
                     registry: dict[str, SectionEntry], raw_sections: Any) -> None:
    """Every registered section needs a rule that can fire (rules already reported broken are not repeated)."""
    selected = {rule.section for rule in rules}
    broken = {rule.section for rule in rfile.rules} - selected
    for index, section_id in enumerate(registry):
        if section_id not in selected and section_id not in broken:
            c.add(RULE_FILES["sections"][0], _value_mark(raw_sections, "sections", index, "id"),
                  "unreachable-section", f"no rule selects section {section_id!r}")


def _contradictory(when: cond.Condition) -> bool:
    """An `all` that asks one single-choice question for two different codes can never hold."""
    if not isinstance(when, cond.AllOf):
        return False
    wanted: dict[str, set[Any]] = {}
    for item in when.items:
        if isinstance(item, cond.Leaf) and item.op in ("eq", "in"):
            values = set(item.value) if isinstance(item.value, tuple) else {item.value}
            wanted[item.q] = wanted[item.q] & values if item.q in wanted else values
            if not wanted[item.q]:
                return True
    return any(_contradictory(item) for item in when.items)


def _check_crisis(c: _Collector, crisis: CrisisFile, raw: Any, questions: dict[str, Question]) -> None:
    rel = RULE_FILES["crisis"][0]
    region = questions.get(REGION_QUESTION)
    if region is None:
        return
    for code in region.codes:
        if code not in crisis.regions:
            c.add(rel, _value_mark(raw, "regions"), "missing-crisis-line",
                  f"region {code!r} has no crisis lines; every region code needs lines and an emergency number")
    for code in crisis.regions:
        if code not in region.codes:
            c.add(rel, raw["regions"].key_marks.get(code) if isinstance(raw.get("regions"), LocatedDict) else None,
                  "unknown-region", f"crisis lines for {code!r}, which is not a code of question 'region' "
                  f"({', '.join(region.codes)})")


def split_front_matter(text: str) -> tuple[str, str, int]:
    """(front matter, body, line number where the body starts). Raises ValueError."""
    if not text.startswith("---\n"):
        raise ValueError("a section file must start with a '---' line, then YAML front matter")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise ValueError("the front matter has no closing '---' line")
    front = text[4:end + 1]
    return front, text[end + 5:], front.count("\n") + 3


def _load_content(c: _Collector, root: Path, registry: dict[str, SectionEntry],
                  terms: Mapping[str, OutcomeTerm]) -> dict[str, SectionContent]:
    content: dict[str, SectionContent] = {}
    for name in fs.markdown_files(root, CONTENT_DIR):
        path, rel = root / CONTENT_DIR / name, fs.quote(f"{CONTENT_DIR}/{name}")
        try:
            front_text, body, body_line = split_front_matter(
                fs.decode_text(fs.read_bundle_bytes(root, f"{CONTENT_DIR}/{name}")))
        except fs.FileRefused as refused:
            c.add(rel, None, refused.code, refused.message)
            continue
        except ValueError as error:  # no front matter, or not UTF-8 (UnicodeDecodeError)
            c.add(rel, None, "yaml-syntax", str(error))
            continue
        raw = c.read_yaml(rel, front_text, line_offset=1)
        if raw is None:
            continue
        front: SectionFront | None = c.model(rel, raw, SectionFront)
        if front is None:
            continue
        if front.id != path.stem:
            c.add(rel, _value_mark(raw, "id"), "content-id-mismatch",
                  f"id {front.id!r} differs from the file name {path.stem!r}")
            continue
        entry = registry.get(front.id)
        if entry is None:
            c.add(rel, _value_mark(raw, "id"), "unknown-section",
                  f"section {front.id!r} is not registered in rules/sections.yaml")
            continue
        headings = [line[3:].strip() for line in body.splitlines() if line.startswith("## ")]
        required = REQUIRED_HEADINGS["*"] + REQUIRED_HEADINGS.get(entry.tier, ())
        for heading in required:
            if heading not in headings:
                c.add(rel, Mark(body_line, 1), "missing-heading",
                      f"body has no '## {heading}' heading, which tier {entry.tier!r} requires")
        if entry.tier == "treatment" and front.comparison is None:
            c.add(rel, _value_mark(raw, "id"), "missing-comparison",
                  f"treatment option {front.id!r} needs a 'comparison' block")
        _check_figures(c, rel, raw, front, entry.tier == "treatment", terms)
        content[front.id] = SectionContent(front, body, rel)
    for section_id in registry:
        if section_id not in content and not any(p.path == f"{CONTENT_DIR}/{section_id}.md" for p in c.problems):
            c.add(f"{CONTENT_DIR}/{section_id}.md", None, "missing-content",
                  f"section {section_id!r} is registered but has no content file")
    return content


def _check_figures(c: _Collector, rel: str, raw: Any, front: SectionFront, needed: bool,
                   terms: Mapping[str, OutcomeTerm]) -> None:
    """Outcome figures: a known term, a comparator for every benefit, whole numbers out of 100, a listed source."""
    for fi, figure in enumerate(front.outcomes):
        where = ("outcomes", fi)
        if terms and figure.outcome not in terms:
            c.add(rel, _value_mark(raw, *where, "outcome"), "unknown-outcome",
                  f"outcome {figure.outcome!r} is not a term of rules/outcomes.yaml: {', '.join(terms)}")
        if (figure.comparator == "none") != (figure.with_comparator is None) or (
                figure.comparator == "none" and figure.kind == "benefit"):
            c.add(rel, _value_mark(raw, *where, "comparator"), "figure-comparator",
                  "a benefit needs a comparator and its figure; only a harm may have comparator 'none', "
                  "and then no with_comparator")
        for key in ("with_option", "with_comparator"):
            value = getattr(figure, key)
            numbers = value if isinstance(value, tuple) else () if value is None else (value,)
            if any(not 0 <= n <= 100 for n in numbers) or (len(numbers) == 2 and numbers[0] >= numbers[1]):
                c.add(rel, _value_mark(raw, *where, key), "invalid-value",
                      f"{key} must be a whole number from 0 to 100, or a range [low, high] with low < high")
        if not any(source.cite.startswith(figure.source) for source in front.sources):
            c.add(rel, _value_mark(raw, *where, "source"), "figure-source",
                  f"source {figure.source!r} is not the start of any of this section's sources")
    if needed and not any(f.kind == "benefit" and f.comparator != "none" for f in front.outcomes):
        c.add(rel, _value_mark(raw, "id"), "figure-comparator",
              f"treatment option {front.id!r} needs at least one benefit figure with a comparator (outcomes)")


def _check_personas(c: _Collector, personas: PersonasFile, raw: Any, questions: dict[str, Question]) -> None:
    from engine.answers import check_answer_values

    rel = OPTIONAL_FILES["personas"][0]
    seen: set[str] = set()
    for pi, persona in enumerate(personas.personas):
        _unique(c, rel, raw, ("personas", pi, "id"), persona.id, seen, "persona id")
        for problem in check_answer_values(persona.answers, questions):
            mark = _value_mark(raw, "personas", pi, "answers", problem.question_id)
            codes = {"unknown-question": "unknown-question", "wrong-type": "invalid-value"}
            code = codes.get(problem.kind, "unknown-code")
            c.add(rel, mark, code, f"persona {persona.id!r}: {problem.message}")


def _check_path(c: _Collector, pfile: PathFile, raw: Any, questions: dict[str, Question],
                registry: dict[str, SectionEntry]) -> PathFile:
    """The treatment path: known sections, every treatment section on a step, checked statuses, known steps."""
    rel, seen = RULE_FILES["path"][0], set()
    for ni, note in enumerate(pfile.notes):
        _unique(c, rel, raw, ("notes", ni, "id"), note.id, seen, "path note or step id")
        _known_sections(c, rel, raw, ("notes", ni, "sections"), note.sections, registry, f"path note {note.id!r}")
    steps = []
    for si, step in enumerate(pfile.steps):
        _unique(c, rel, raw, ("steps", si, "id"), step.id, seen, "path note or step id")
        _known_sections(c, rel, raw, ("steps", si, "sections"), step.sections, registry, f"path step {step.id!r}")
        statuses = []
        for ti, status in enumerate(step.statuses):
            where = ("steps", si, "statuses", ti)
            when = c.condition(rel, _raw_at(raw, *where, "when"), _value_mark(raw, *where, "when"), questions)
            try:
                fields = [f for f in string.Formatter().parse(status.text) if f[1] is not None]
            except ValueError as error:
                fields = []
                c.add(rel, _value_mark(raw, *where, "text"), "invalid-value", f"text: {error}")
            for _, name, spec, conversion in fields:
                if name not in questions or spec or conversion:
                    c.add(rel, _value_mark(raw, *where, "text"), "unknown-question",
                          f"{{{name}}} in a text must be a plain question id")
                elif when is not None and name not in _answered(when):
                    c.add(rel, _value_mark(raw, *where, "text"), "template-placeholder",
                          f"the text names {{{name}}}, but its `when` does not make sure that question is answered")
            statuses.append(status.model_copy(update={"when": when}))
        if not isinstance(statuses[-1].when, cond.Always):
            c.add(rel, _value_mark(raw, "steps", si, "statuses"), "invalid-value",
                  f"the last status of step {step.id!r} needs `when: {{always: true}}`, so every step has one")
        steps.append(step.model_copy(update={"statuses": tuple(statuses)}))
    on_path = {section_id for step in pfile.steps for section_id in step.sections}
    for section_id, entry in registry.items():
        if entry.tier == "treatment" and section_id not in on_path:
            c.add(rel, _value_mark(raw, "steps"), "missing-path-step",
                  f"treatment section {section_id!r} is on no step of the path; add it to a step's sections")
    for ei, edge in enumerate(pfile.edges):
        for end, step_id in (("source", edge.source), ("target", edge.target)):
            if step_id not in {step.id for step in pfile.steps}:
                c.add(rel, _value_mark(raw, "edges", ei, end), "unknown-step", f"edge {end} {step_id!r} is not a step")
    return pfile.model_copy(update={"steps": tuple(steps)})


def _answered(when: cond.Condition) -> set[str]:
    """Questions that are surely answered whenever `when` holds (a leaf on a blank question is false)."""
    if isinstance(when, cond.Leaf):
        return set() if when.op == "not_answered" else {when.q}
    if isinstance(when, cond.AllOf):
        return set().union(*map(_answered, when.items))
    if isinstance(when, cond.AnyOf):
        return set.intersection(*map(_answered, when.items))
    return set()


def _check_values(c: _Collector, vfile: ValuesFile, raw: Any, questions: dict[str, Question],
                  qfile: QuestionsFile) -> None:
    """The values step exists; priorities and SURE are questions; each SURE question has the yes and no codes."""
    rel, sure = RULE_FILES["values"][0], vfile.sure
    if vfile.step not in {step.id for step in qfile.steps}:
        c.add(rel, _value_mark(raw, "step"), "unknown-step", f"{vfile.step!r} is not a step of rules/questions.yaml")
    for where, qid in [(("priorities",), vfile.priorities), *((("sure", "questions", i), q)
                                                              for i, q in enumerate(sure.questions))]:
        if qid not in questions:
            c.add(rel, _value_mark(raw, *where), "unknown-question", f"{qid!r} is not a question id")
    for key, code in (("yes", sure.yes), ("no", sure.no)):
        if lacking := [q for q in sure.questions if q in questions and code not in questions[q].codes]:
            c.add(rel, _value_mark(raw, "sure", key), "unknown-code", f"SURE questions {lacking} have no code {code!r}")


__all__ = ["Bundle", "BundleError", "CautionRule", "EmphasisRule", "LocatedList", "SectionContent", "SectionRule",
           "load_bundle", "validate_bundle"]
