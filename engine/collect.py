"""Reading the bundle's files and reporting what is wrong with them, all in one list.

`Collector` reads a file (through engine/files.py), parses its YAML and its schema, and checks a
condition, turning every failure into a `Problem`; the helpers below are the checks every list shares.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from engine import conditions as cond
from engine import files as fs
from engine import models as m
from engine.problems import Problem
from engine.yamlio import LocatedDict, Mark, YamlRefused, load_located, mark_at, short, syntax_error_mark

RULE_FILES = {
    "questions": ("rules/questions.yaml", m.QuestionsFile),
    "rules": ("rules/rules.yaml", m.RulesFile),
    "sections": ("rules/sections.yaml", m.SectionsFile),
    "crisis": ("rules/crisis_lines.yaml", m.CrisisFile),
    "meta": ("rules/meta.yaml", m.MetaFile),
    "cautions": ("rules/cautions.yaml", m.CautionsFile),
    "emphasis": ("rules/emphasis.yaml", m.EmphasisFile),
    "outcomes": ("rules/outcomes.yaml", m.OutcomesFile),
    "comparison": ("rules/comparison.yaml", m.ComparisonFile),
    "path": ("rules/path.yaml", m.PathFile),
    "values": ("rules/values.yaml", m.ValuesFile),
}
PERSONAS_FILE = "rules/personas.yaml"  # optional: the demo people of the clinician view
CONTENT_DIR = "content/sections"


class Collector:
    """Reads files and collects every problem found in them, so that one run reports them all."""

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
                    code, msg = "invalid-value", f"{where}: {item['msg']}; found {short(item.get('input'))}"
                self.add(rel, mark_at(data, *loc), code, msg)
            return None

    def condition(self, rel: str, raw: Any, mark: Mark | None,
                  questions: Mapping[str, m.Question]) -> cond.Condition | None:
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
        info = current.model_fields.get(part)
        if info is None:  # a key of a mapping field (a region code, say): the model stays the same
            continue
        annotation = info.annotation
        inner = getattr(annotation, "__args__", (annotation,))
        current = next((a for a in inner if isinstance(a, type) and issubclass(a, BaseModel)), None)
    return list(current.model_fields) if current else []


def raw_at(data: Any, *path: Any) -> Any:
    for part in path:
        data = data[part]
    return data


def unique(c: Collector, rel: str, raw: Any, where: tuple[Any, ...], value: str, seen: set[str], what: str) -> bool:
    """False, and a problem reported, for a second use of the same id (one helper for every list of ids)."""
    if value in seen:
        c.add(rel, mark_at(raw, *where), "duplicate-id", f"duplicate {what} {value!r}")
        return False
    seen.add(value)
    return True


def known_sections(c: Collector, rel: str, raw: Any, where: tuple[Any, ...], ids: tuple[str, ...],
                   registry: dict[str, m.SectionEntry], who: str) -> None:
    for index, section_id in enumerate(ids):
        if registry and section_id not in registry:
            at = where if where[-1] == "section" else (*where, index)  # a rule names one section, not a list
            c.add(rel, mark_at(raw, *at), "unknown-section", f"{who} names unknown section {section_id!r}")


def trigger(c: Collector, rel: str, raw: Any, where: tuple[Any, ...],
            questions: dict[str, m.Question]) -> dict[str, cond.Condition | None] | None:
    """An item's `when` and optional `unless`, parsed and checked; None when either is broken."""
    item = raw_at(raw, *where)
    when = c.condition(rel, item["when"], mark_at(raw, *where, "when"), questions)
    unless = None
    if item.get("unless") is not None:
        unless = c.condition(rel, item["unless"], mark_at(raw, *where, "unless"), questions)
        if unless is None:
            return None
    return None if when is None else {"when": when, "unless": unless}
