"""Load and cross-check the whole bundle: rules/ and content/sections/.

Every problem is collected and reported in one run as `path:line:col: code: message`;
`load_bundle` raises `BundleError` carrying them all, `validate_bundle` returns them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from engine import conditions as cond
from engine import files as fs
from engine.models import (
    Comparison,
    CrisisFile,
    MetaFile,
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
)
from engine.problems import Problem
from engine.yamlio import LocatedDict, LocatedList, Mark, YamlRefused, load_located, locate, short, syntax_error_mark

DEFAULT_ROOT = Path(__file__).resolve().parent.parent
SAFETY_QUESTION = "safety_thoughts"
REGION_QUESTION = "region"
OPEN_TO_QUESTION = "open_to"

RULE_FILES = {
    "questions": ("rules/questions.yaml", QuestionsFile),
    "rules": ("rules/rules.yaml", RulesFile),
    "sections": ("rules/sections.yaml", SectionsFile),
    "crisis": ("rules/crisis_lines.yaml", CrisisFile),
    "meta": ("rules/meta.yaml", MetaFile),
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
class CompiledRule:
    id: str
    section: str
    explain: str
    when: cond.Condition
    test: cond.Test = field(init=False, repr=False, compare=False)
    support: cond.Support = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "test", cond.compile_condition(self.when))
        object.__setattr__(self, "support", cond.compile_support(self.when))


@dataclass(frozen=True)
class CrisisResource:
    name: str
    contact: str
    region: str
    hours: str | None = None
    text_option: str | None = None


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
    rules: tuple[CompiledRule, ...]
    crisis_when: cond.Condition
    tiers: tuple[Tier, ...]
    sections: tuple[SectionEntry, ...]
    content: Mapping[str, SectionContent]
    regions: Mapping[str, Region]
    meta: MetaFile
    content_version: str
    personas: PersonasFile | None = None
    files: tuple[str, ...] = field(default=())
    visibility_tests: Mapping[str, cond.Test] = field(init=False, repr=False, compare=False)
    tier_rank: Mapping[str, int] = field(init=False, repr=False, compare=False)
    cards: Mapping[str, SectionCard] = field(init=False, repr=False, compare=False)
    crisis_rule: CompiledRule = field(init=False, repr=False, compare=False)
    crisis_lines: Mapping[str, tuple[CrisisResource, ...]] = field(init=False, repr=False, compare=False)
    question_order: tuple[tuple[str, cond.Test | None], ...] = field(init=False, repr=False, compare=False)
    step_question_ids: tuple[tuple[Step, frozenset[str]], ...] = field(init=False, repr=False, compare=False)

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
            [CrisisResource(line.name, line.contact, code, line.hours, line.text_option) for line in info.lines]
            + [CrisisResource("Emergency services", info.emergency, code)]) for code, info in self.regions.items()})
        object.__setattr__(self, "crisis_rule", CompiledRule(
            "crisis_when", CRISIS_SECTION, CRISIS_EXPLAIN, self.crisis_when))
        # Conditions compiled once per load; `engine.conditions.holds` remains the reference.
        object.__setattr__(self, "visibility_tests",
                           {qid: cond.compile_condition(c) for qid, c in self.visibility.items()})
        object.__setattr__(self, "question_order",
                           tuple((q.id, self.visibility_tests.get(q.id)) for q in self.questions))
        object.__setattr__(self, "step_question_ids",
                           tuple((step, frozenset(q.id for q in step.questions)) for step in self.steps))

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
    compiled: list[CompiledRule] = []
    crisis_when: cond.Condition | None = None
    if rfile is not None and qfile is not None:
        compiled, crisis_when = _check_rules(c, rfile, raw["rules"], questions, registry)
        _check_reachable(c, rfile, compiled, registry, raw.get("sections"))

    crisis: CrisisFile | None = parsed.get("crisis")
    if crisis is not None and qfile is not None:
        _check_crisis(c, crisis, raw["crisis"], questions)

    content = _load_content(c, root, registry) if sfile else {}
    if personas is not None and qfile is not None:
        _check_personas(c, personas, personas_raw, questions)

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
        rules=tuple(compiled),
        crisis_when=crisis_when,
        tiers=sfile.tiers,
        sections=sfile.sections,
        content=content,
        regions=crisis.regions,
        meta=meta,
        content_version=f"{meta.content_version} ({digest.hexdigest()[:8]})",
        personas=personas,
        files=tuple(files),
    ), []


def _check_questions(c: _Collector, qfile: QuestionsFile, raw: Any) -> tuple[dict[str, Question], dict[str, str]]:
    rel = RULE_FILES["questions"][0]
    questions: dict[str, Question] = {}
    step_of: dict[str, str] = {}
    seen_steps: set[str] = set()
    for si, step in enumerate(qfile.steps):
        if step.id in seen_steps:
            c.add(rel, _value_mark(raw, "steps", si, "id"), "duplicate-id", f"duplicate step id {step.id!r}")
        seen_steps.add(step.id)
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
                 registry: dict[str, SectionEntry]) -> tuple[list[CompiledRule], cond.Condition | None]:
    rel = RULE_FILES["rules"][0]
    crisis_when = c.condition(rel, raw["crisis_when"], _value_mark(raw, "crisis_when"), questions)
    compiled: list[CompiledRule] = []
    seen: set[str] = set()
    for ri, rule in enumerate(rfile.rules):
        if rule.id in seen:
            c.add(rel, _value_mark(raw, "rules", ri, "id"), "duplicate-id", f"duplicate rule id {rule.id!r}")
        seen.add(rule.id)
        if registry and rule.section not in registry:
            c.add(rel, _value_mark(raw, "rules", ri, "section"), "unknown-section",
                  f"rule {rule.id!r} names unknown section {rule.section!r}")
        when = c.condition(rel, _raw_at(raw, "rules", ri, "when"), _value_mark(raw, "rules", ri, "when"), questions)
        if when is None:
            continue
        if _contradictory(when):
            c.add(rel, _value_mark(raw, "rules", ri, "when"), "unreachable-section",
                  f"rule {rule.id!r} can never fire: it asks one question for two different answers")
            continue
        compiled.append(CompiledRule(rule.id, rule.section, rule.explain, when))
    return compiled, crisis_when


def _check_reachable(c: _Collector, rfile: RulesFile, compiled: list[CompiledRule],
                     registry: dict[str, SectionEntry], raw_sections: Any) -> None:
    """Every registered section needs a rule that can fire (rules already reported broken are not repeated)."""
    selected = {rule.section for rule in compiled}
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


def _load_content(c: _Collector, root: Path, registry: dict[str, SectionEntry]) -> dict[str, SectionContent]:
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
        content[front.id] = SectionContent(front, body, rel)
    for section_id in registry:
        if section_id not in content and not any(p.path == f"{CONTENT_DIR}/{section_id}.md" for p in c.problems):
            c.add(f"{CONTENT_DIR}/{section_id}.md", None, "missing-content",
                  f"section {section_id!r} is registered but has no content file")
    return content


def _check_personas(c: _Collector, personas: PersonasFile, raw: Any, questions: dict[str, Question]) -> None:
    from engine.answers import check_answer_values

    rel = OPTIONAL_FILES["personas"][0]
    seen: set[str] = set()
    for pi, persona in enumerate(personas.personas):
        if persona.id in seen:
            c.add(rel, _value_mark(raw, "personas", pi, "id"), "duplicate-id", f"duplicate persona id {persona.id!r}")
        seen.add(persona.id)
        for problem in check_answer_values(persona.answers, questions):
            mark = _value_mark(raw, "personas", pi, "answers", problem.question_id)
            codes = {"unknown-question": "unknown-question", "wrong-type": "invalid-value"}
            code = codes.get(problem.kind, "unknown-code")
            c.add(rel, mark, code, f"persona {persona.id!r}: {problem.message}")


__all__ = ["Bundle", "BundleError", "CompiledRule", "SectionContent", "load_bundle", "validate_bundle",
           "LocatedList"]
