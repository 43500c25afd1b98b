"""The cross-checks of rules/: ids, codes, conditions and references between the files.

Each `check_*` reads one parsed file (and its located YAML, for line numbers), reports what is
wrong through the collector, and returns the checked pieces the bundle is built from.
"""

from __future__ import annotations

import string
from typing import Any

from engine import conditions as cond
from engine import models as m
from engine.answers import check_answer_values
from engine.collect import PERSONAS_FILE, RULE_FILES, Collector, known_sections, raw_at, trigger, unique
from engine.yamlio import Mark, mark_at

SAFETY_QUESTION = "safety_thoughts"
REGION_QUESTION = "region"
ROLE_QUESTION = "role"  # who is answering: the person, a family member or friend, or a clinician
SELF = "self"  # the role code for "I am answering for myself": the only role that is the person
AGE_QUESTION = "age_group"  # an outcome figure from a trial of one age range names its codes (OutcomeFigure.ages)
OTHER_REGION = "other"  # the region whose lines serve anyone else, and anyone who has not said where they live
OPEN_TO_QUESTION = "open_to"
CONCERNS_QUESTION = "concerns"
# A persona's answer problem kind as a bundle problem code; the rest (a code or number not allowed) is unknown-code.
_PERSONA_CODES = {"unknown-question": "unknown-question", "wrong-type": "invalid-value", "too-many": "invalid-value",
                  "not-alone": "invalid-value"}


def check_questions(c: Collector, qfile: m.QuestionsFile, raw: Any) -> dict[str, m.Question]:
    rel = RULE_FILES["questions"][0]
    questions: dict[str, m.Question] = {}
    seen_steps: set[str] = set()
    for si, step in enumerate(qfile.steps):
        unique(c, rel, raw, ("steps", si, "id"), step.id, seen_steps, "step id")
        for qi, q in enumerate(step.questions):
            where = ("steps", si, "questions", qi)
            if not unique(c, rel, raw, (*where, "id"), q.id, set(questions), "question id"):
                continue
            questions[q.id] = q
            _check_question(c, rel, raw, where, q)
    first = qfile.steps[0].questions[0]
    safety = questions.get(SAFETY_QUESTION)
    if safety is None:
        c.add(rel, mark_at(raw, "steps"), "safety-question", f"the safety question {SAFETY_QUESTION!r} is missing")
    else:
        if first.id != SAFETY_QUESTION:
            c.add(rel, mark_at(raw, "steps", 0, "questions", 0, "id"), "safety-question",
                  f"the first question must be {SAFETY_QUESTION!r}; found {first.id!r}")
        if not safety.required or safety.visible_when is not None:
            c.add(rel, mark_at(raw, "steps", 0, "questions", 0), "safety-question",
                  f"{SAFETY_QUESTION!r} must be required and never hidden")
    return questions


def _check_question(c: Collector, rel: str, raw: Any, where: tuple[Any, ...], q: m.Question) -> None:
    """One question's own fields: unique codes, options only where its type takes them, multi-only keys."""
    seen_codes: set[str] = set()
    for oi, code in enumerate(q.codes):
        unique(c, rel, raw, (*where, "options", oi, "code"), code, seen_codes, f"code in question {q.id!r}:")
    if q.type in ("single", "multi") and not q.options:
        c.add(rel, mark_at(raw, *where, "id"), "missing-field", f"{q.type} question {q.id!r} needs options")
    # A why line quotes the answer inside its own sentence ("You said: ...; ..."), so an option written as
    # sentences gives a phrase for it (review 19, o19-4: "...6 weeks or more.;").
    for oi, option in enumerate(q.options):
        if option.short is None and option.label.rstrip().endswith((".", "?", "!")):
            c.add(rel, mark_at(raw, *where, "options", oi, "label"), "missing-field",
                  f"option {option.code!r} of {q.id!r} is written as a sentence: give it a 'short' phrase for why "
                  f"lines and summaries")
    if q.max_choices is not None and q.type != "multi":
        c.add(rel, mark_at(raw, *where, "max_choices"), "invalid-value",
              f"only multi questions take 'max_choices'; {q.id!r} is {q.type}")
    if q.type == "integer" and q.options:
        c.add(rel, mark_at(raw, *where, "options"), "invalid-value", f"integer question {q.id!r} cannot have options")
    if q.exclusive and q.type != "multi":
        c.add(rel, mark_at(raw, *where, "exclusive"), "invalid-value",
              f"only multi questions take 'exclusive'; {q.id!r} is {q.type}")
        return
    for ei, code in enumerate(q.exclusive):
        if code not in q.codes:
            c.add(rel, mark_at(raw, *where, "exclusive", ei), "unknown-code",
                  f"question {q.id!r} has no code {code!r}; allowed codes: {', '.join(q.codes)}")


def check_visibility(c: Collector, qfile: m.QuestionsFile, raw: Any,
                     questions: dict[str, m.Question]) -> dict[str, cond.Condition]:
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
            mark = mark_at(raw, "steps", si, "questions", qi, "visible_when")
            parsed = c.condition(rel, raw_at(raw, "steps", si, "questions", qi, "visible_when"), mark, questions)
            if parsed is None:
                continue
            visibility[q.id] = parsed
            depends[q.id] = cond.referenced_questions(parsed)  # all known: c.condition checked them
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


def check_urgent(c: Collector, qfile: m.QuestionsFile, raw: Any,
                 questions: dict[str, m.Question]) -> dict[str, tuple[tuple[cond.Condition, str], ...]]:
    """Each question's urgent notes, their conditions checked: a note must turn on its own question's answer
    (it is drawn beside it), and `{call}` is the only placeholder its text may use."""
    rel = RULE_FILES["questions"][0]
    urgent: dict[str, tuple[tuple[cond.Condition, str], ...]] = {}
    for si, step in enumerate(qfile.steps):
        for qi, q in enumerate(step.questions):
            notes = []
            for ni, note in enumerate(q.urgent):
                where = ("steps", si, "questions", qi, "urgent", ni)
                parsed = c.condition(rel, raw_at(raw, *where, "when"), mark_at(raw, *where, "when"), questions)
                names = {name for _, name, _, _ in string.Formatter().parse(note.text) if name is not None}
                if parsed is not None and q.id not in cond.referenced_questions(parsed):
                    c.add(rel, mark_at(raw, *where, "when"), "invalid-value",
                          f"an urgent note on {q.id!r} must turn on its answer; its condition names only "
                          f"{', '.join(sorted(cond.referenced_questions(parsed)))}")
                elif names - {"call"}:
                    c.add(rel, mark_at(raw, *where, "text"), "template-placeholder",
                          f"an urgent note may use only {{call}}; found {', '.join(sorted(names - {'call'}))}")
                elif parsed is not None:
                    notes.append((parsed, note.text))
            if notes:
                urgent[q.id] = tuple(notes)
    return urgent


def _cyclic(depends: dict[str, set[str]]) -> set[str]:
    """Questions that lie on a dependency cycle."""
    on_cycle: set[str] = set()
    for start in depends:
        stack, seen = list(depends[start]), set()
        while stack:
            node = stack.pop()
            if node == start:
                on_cycle.add(start)
                break
            if node not in seen:
                seen.add(node)
                stack.extend(depends.get(node, ()))
    return on_cycle


def check_sections(c: Collector, sfile: m.SectionsFile, raw: Any,
                   questions: dict[str, m.Question]) -> dict[str, m.SectionEntry]:
    rel = RULE_FILES["sections"][0]
    tiers = [t.id for t in sfile.tiers]
    seen_tiers: set[str] = set()
    for ti, tier in enumerate(tiers):
        unique(c, rel, raw, ("tiers", ti, "id"), tier, seen_tiers, "tier id")
    registry: dict[str, m.SectionEntry] = {}
    open_to = questions.get(OPEN_TO_QUESTION)
    for si, entry in enumerate(sfile.sections):
        if not unique(c, rel, raw, ("sections", si, "id"), entry.id, set(registry), "section id"):
            continue
        registry[entry.id] = entry
        if entry.tier not in tiers:
            c.add(rel, mark_at(raw, "sections", si, "tier"), "invalid-value",
                  f"section {entry.id!r} names tier {entry.tier!r}; expected one of {', '.join(tiers)}")
        for oi, code in enumerate(entry.open_to):
            if open_to is not None and code not in open_to.codes:
                c.add(rel, mark_at(raw, "sections", si, "open_to", oi), "unknown-code",
                      f"question 'open_to' has no code {code!r}; allowed codes: {', '.join(open_to.codes)}")
    return registry


def check_rules(c: Collector, rfile: m.RulesFile, raw: Any, questions: dict[str, m.Question],
                registry: dict[str, m.SectionEntry]) -> tuple[list[m.Rule], cond.Condition | None]:
    rel = RULE_FILES["rules"][0]
    crisis_when = c.condition(rel, raw["crisis_when"], mark_at(raw, "crisis_when"), questions)
    rules: list[m.Rule] = []
    seen: set[str] = set()
    for ri, rule in enumerate(rfile.rules):
        unique(c, rel, raw, ("rules", ri, "id"), rule.id, seen, "rule id")
        known_sections(c, rel, raw, ("rules", ri, "section"), (rule.section,), registry, f"rule {rule.id!r}")
        parsed = trigger(c, rel, raw, ("rules", ri), questions)
        if parsed is None:
            continue
        if _contradictory(parsed["when"]):
            c.add(rel, mark_at(raw, "rules", ri, "when"), "unreachable-section",
                  f"rule {rule.id!r} can never fire: it asks one question for two different answers")
            continue
        rules.append(rule.model_copy(update=parsed))
    return rules, crisis_when


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


def check_reachable(c: Collector, rfile: m.RulesFile, registry: dict[str, m.SectionEntry], raw_sections: Any) -> None:
    """Every registered section needs a rule that names it (a rule that names it but is broken, or can never
    fire, is reported at the rule and not repeated here)."""
    named = {rule.section for rule in rfile.rules}
    for index, section_id in enumerate(registry):
        if section_id not in named:
            c.add(RULE_FILES["sections"][0], mark_at(raw_sections, "sections", index, "id"),
                  "unreachable-section", f"no rule selects section {section_id!r}")


def check_cautions(c: Collector, cfile: Any, raw: Any, questions: dict[str, m.Question],
                   registry: dict[str, m.SectionEntry]) -> tuple[list[m.Caution], dict[str, str]]:
    """The checked cautions, and each kind's label (the heading shown above a caution's text)."""
    rel = RULE_FILES["cautions"][0]
    labels: dict[str, str] = {}
    for ki, kind in enumerate(cfile.kinds):
        unique(c, rel, raw, ("kinds", ki, "id"), kind.id, set(labels), "caution kind")
        labels[kind.id] = kind.label
    cautions: list[m.Caution] = []
    seen: set[str] = set()
    for ci, caution in enumerate(cfile.cautions):
        if caution.id not in labels:
            c.add(rel, mark_at(raw, "cautions", ci, "id"), "unknown-caution",
                  f"caution {caution.id!r} is not one of the kinds: {', '.join(labels)}")
        known_sections(c, rel, raw, ("cautions", ci, "sections"), caution.sections, registry,
                        f"caution {caution.id!r}")
        for si, section_id in enumerate(caution.sections):
            unique(c, rel, raw, ("cautions", ci, "sections", si), f"{caution.id}:{section_id}", seen,
                    "caution for a section")
        parsed = trigger(c, rel, raw, ("cautions", ci), questions)
        if parsed is not None and caution.id in labels:
            cautions.append(caution.model_copy(update=parsed))
    return cautions, labels


def check_emphasis(c: Collector, efile: Any, raw: Any, questions: dict[str, m.Question],
                   registry: dict[str, m.SectionEntry]) -> list[m.Emphasis]:
    rel = RULE_FILES["emphasis"][0]
    found: list[m.Emphasis] = []
    seen: set[str] = set()
    for ei, item in enumerate(efile.emphasis):
        unique(c, rel, raw, ("emphasis", ei, "id"), item.id, seen, "emphasis rule id")
        known_sections(c, rel, raw, ("emphasis", ei, "first"), item.first, registry, f"emphasis rule {item.id!r}")
        parsed = trigger(c, rel, raw, ("emphasis", ei), questions)
        if parsed is not None:
            found.append(item.model_copy(update=parsed))
    return found


def check_comparison(c: Collector, cfile: m.ComparisonFile, raw: Any, questions: dict[str, m.Question],
                     registry: dict[str, m.SectionEntry]) -> tuple[m.ComparisonNote, ...]:
    """The rows' keys and concerns, the baseline, and each note's condition; returns the checked notes."""
    rel, seen = RULE_FILES["comparison"][0], set()
    baseline = registry.get(cfile.baseline)
    if registry and (baseline is None or baseline.tier != "treatment"):
        c.add(rel, mark_at(raw, "baseline"), "unknown-section",
              f"baseline {cfile.baseline!r} is not a treatment section of rules/sections.yaml")
    worries = questions.get(CONCERNS_QUESTION)
    for ri, row in enumerate(cfile.rows):
        unique(c, rel, raw, ("rows", ri, "key"), row.key, seen, "comparison row")
        for ci, code in enumerate(row.concerns):
            if worries is not None and code not in worries.codes:
                c.add(rel, mark_at(raw, "rows", ri, "concerns", ci), "unknown-code",
                      f"question {CONCERNS_QUESTION!r} has no code {code!r}; allowed codes: {', '.join(worries.codes)}")
    notes, note_ids = [], set()
    for ni, note in enumerate(cfile.notes):
        unique(c, rel, raw, ("notes", ni, "id"), note.id, note_ids, "comparison note")
        parsed = trigger(c, rel, raw, ("notes", ni), questions)
        if parsed is not None:
            notes.append(note.model_copy(update=parsed))
    return tuple(notes)


def check_terms(c: Collector, ofile: m.OutcomesFile, raw: Any) -> dict[str, m.OutcomeTerm]:
    terms: dict[str, m.OutcomeTerm] = {}
    for ti, term in enumerate(ofile.terms):
        unique(c, RULE_FILES["outcomes"][0], raw, ("terms", ti, "id"), term.id, set(terms), "outcome term")
        terms[term.id] = term
    return terms


def check_crisis(c: Collector, crisis: m.CrisisFile, raw: Any, questions: dict[str, m.Question]
                 ) -> tuple[cond.Condition | None, dict[tuple[str, str], cond.Condition]]:
    """Every region has lines, no unknown region; returns the checked youth-lines condition, and each youth
    line's own `also_when` by (region, line name)."""
    rel = RULE_FILES["crisis"][0]
    youth_when = c.condition(rel, raw["youth_when"], mark_at(raw, "youth_when"), questions)
    also: dict[tuple[str, str], cond.Condition] = {}
    for code, info in crisis.regions.items():
        for li, line in enumerate(info.youth_lines):
            if line.also_when is not None:
                where = ("regions", code, "youth_lines", li, "also_when")
                parsed = c.condition(rel, raw_at(raw, *where), mark_at(raw, *where), questions)
                if parsed is not None:
                    also[(code, line.name)] = parsed
    region = questions.get(REGION_QUESTION)
    if region is None:
        return youth_when, also
    for code in dict.fromkeys((*region.codes, OTHER_REGION)):
        if code not in crisis.regions:
            c.add(rel, mark_at(raw, "regions"), "missing-crisis-line",
                  f"region {code!r} has no crisis lines; every region code needs lines and an emergency number"
                  + ("" if code in region.codes else f", and {OTHER_REGION!r} serves anyone who has not said where "
                     "they live (question 'region' needs it as a code too)"))
    for code in crisis.regions:
        if code not in region.codes:
            c.add(rel, raw["regions"].key_marks.get(code), "unknown-region",
                  f"crisis lines for {code!r}, which is not a code of question 'region' ({', '.join(region.codes)})")
    return youth_when, also


def check_personas(c: Collector, personas: m.PersonasFile, raw: Any, questions: dict[str, m.Question]) -> None:
    seen: set[str] = set()
    for pi, persona in enumerate(personas.personas):
        unique(c, PERSONAS_FILE, raw, ("personas", pi, "id"), persona.id, seen, "persona id")
        for problem in check_answer_values(persona.answers, questions):
            code = _PERSONA_CODES.get(problem.kind, "unknown-code")
            c.add(PERSONAS_FILE, mark_at(raw, "personas", pi, "answers", problem.question_id), code,
                  f"persona {persona.id!r}: {problem.message}")


def check_path(c: Collector, pfile: m.PathFile, raw: Any, questions: dict[str, m.Question],
               registry: dict[str, m.SectionEntry]) -> m.PathFile:
    """The treatment path: known sections, every treatment section on a step, checked statuses, known steps."""
    rel, seen, notes = RULE_FILES["path"][0], set(), []
    for ni, note in enumerate(pfile.notes):
        unique(c, rel, raw, ("notes", ni, "id"), note.id, seen, "path note or step id")
        known_sections(c, rel, raw, ("notes", ni, "sections"), note.sections, registry, f"path note {note.id!r}")
        when = raw_at(raw, "notes", ni).get("when")
        if when is not None:
            when = c.condition(rel, when, mark_at(raw, "notes", ni, "when"), questions)
        elif not note.sections:
            c.add(rel, mark_at(raw, "notes", ni), "invalid-value",
                  f"path note {note.id!r} needs `sections`, a `when`, or both, to say when it is shown")
        notes.append(note.model_copy(update={"when": when}))
    steps = []
    for si, step in enumerate(pfile.steps):
        unique(c, rel, raw, ("steps", si, "id"), step.id, seen, "path note or step id")
        known_sections(c, rel, raw, ("steps", si, "sections"), step.sections, registry, f"path step {step.id!r}")
        statuses = tuple(_checked_status(c, rel, raw, ("steps", si, "statuses", ti), status, questions)
                         for ti, status in enumerate(step.statuses))
        if not isinstance(statuses[-1].when, cond.Always):
            c.add(rel, mark_at(raw, "steps", si, "statuses"), "invalid-value",
                  f"the last status of step {step.id!r} needs `when: {{always: true}}`, so every step has one")
        steps.append(step.model_copy(update={"statuses": statuses}))
    on_path = {section_id for step in pfile.steps for section_id in step.sections}
    for section_id, entry in registry.items():
        if entry.tier == "treatment" and section_id not in on_path:
            c.add(rel, mark_at(raw, "steps"), "missing-path-step",
                  f"treatment section {section_id!r} is on no step of the path; add it to a step's sections")
    step_ids = {step.id for step in pfile.steps}
    for ei, edge in enumerate(pfile.edges):
        for end, step_id in (("source", edge.source), ("target", edge.target)):
            if step_id not in step_ids:
                c.add(rel, mark_at(raw, "edges", ei, end), "unknown-step", f"edge {end} {step_id!r} is not a step")
    return pfile.model_copy(update={"notes": tuple(notes), "steps": tuple(steps)})


def _checked_status(c: Collector, rel: str, raw: Any, where: tuple[Any, ...], status: m.PathStatus,
                    questions: dict[str, m.Question]) -> m.PathStatus:
    """A step's status with its `when` checked; each {question_id} in its text must be sure to be answered."""
    when = c.condition(rel, raw_at(raw, *where, "when"), mark_at(raw, *where, "when"), questions)
    text_mark = mark_at(raw, *where, "text")
    try:
        fields = [f for f in string.Formatter().parse(status.text) if f[1] is not None]
    except ValueError as error:
        fields = []
        c.add(rel, text_mark, "invalid-value", f"text: {error}")
    for _, name, spec, conversion in fields:
        if name not in questions or spec or conversion:
            c.add(rel, text_mark, "unknown-question", f"{{{name}}} in a text must be a plain question id")
        elif when is not None and name not in _answered(when):
            c.add(rel, text_mark, "template-placeholder",
                  f"the text names {{{name}}}, but its `when` does not make sure that question is answered")
    return status.model_copy(update={"when": when})


def _answered(when: cond.Condition) -> set[str]:
    """Questions that are surely answered whenever `when` holds (a leaf on a blank question is false)."""
    if isinstance(when, cond.Leaf):
        return set() if when.op == "not_answered" else {when.q}
    if isinstance(when, cond.AllOf):
        return set().union(*map(_answered, when.items))
    if isinstance(when, cond.AnyOf):
        return set.intersection(*map(_answered, when.items))
    return set()


def check_values(c: Collector, vfile: m.ValuesFile, raw: Any, questions: dict[str, m.Question],
                 qfile: m.QuestionsFile) -> None:
    """The values step exists; priorities and SURE are questions; each SURE question has the yes and no codes."""
    rel, sure = RULE_FILES["values"][0], vfile.sure
    if vfile.step not in {step.id for step in qfile.steps}:
        c.add(rel, mark_at(raw, "step"), "unknown-step", f"{vfile.step!r} is not a step of rules/questions.yaml")
    sure_questions = [(("sure", "questions", i), qid) for i, qid in enumerate(sure.questions)]
    for where, qid in [(("priorities",), vfile.priorities), *sure_questions]:
        if qid not in questions:
            c.add(rel, mark_at(raw, *where), "unknown-question", f"{qid!r} is not a question id")
    for key, code in (("yes", sure.yes), ("no", sure.no)):
        if lacking := [q for q in sure.questions if q in questions and code not in questions[q].codes]:
            c.add(rel, mark_at(raw, "sure", key), "unknown-code", f"SURE questions {lacking} have no code {code!r}")
