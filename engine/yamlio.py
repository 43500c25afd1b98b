"""Strict YAML loading that remembers where every value came from.

Why: errors must name file, line and column, and duplicate keys (which PyYAML
silently accepts, keeping the last) must be errors. Booleans follow YAML 1.2, so
an answer code such as `yes`, `no` or `on` stays a string.

Anchors, aliases, explicit tags (`!!int`, `!!python/...`) and keys that are lists or
mappings are refused from the event stream, before any data is built: nothing in
rules/, content/ or an answer file needs them, and an alias lets a 1 KB file stand
for gigabytes of data once something walks or prints it (an "alias bomb").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from engine.files import quote_text

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    col: int  # 1-based


class LocatedDict(dict):
    """A mapping that knows where it and each of its keys and values stood."""

    mark: Mark
    key_marks: dict[Any, Mark]
    value_marks: dict[Any, Mark]


class LocatedList(list):
    mark: Mark
    item_marks: list[Mark]


class YamlDuplicateKey(Exception):
    def __init__(self, key: Any, mark: Mark, first: Mark):
        super().__init__(f"duplicate key {short(key)} (first at line {first.line})")
        self.key, self.mark, self.first = key, mark, first


class YamlRefused(yaml.MarkedYAMLError):
    """A construct the loader does not accept (anchor, alias, tag, complex key), with its place.

    `code` is the problem code for `validate`: `yaml-anchor` or `invalid-value`.
    """

    def __init__(self, code: str, message: str, mark: Any):
        super().__init__(problem=message, problem_mark=mark)
        self.code, self.message = code, message

    def __str__(self) -> str:
        return self.message


MAX_SHOWN = 60


def short(value: Any, limit: int = MAX_SHOWN) -> str:
    """repr() of a value, capped BEFORE it is built, so a huge value never becomes a huge string."""
    import reprlib

    shower = reprlib.Repr()
    shower.maxstring = shower.maxother = limit
    shower.maxlist = shower.maxdict = shower.maxtuple = shower.maxset = 6
    shower.maxlevel = 3
    text = shower.repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _where(path: list[Any]) -> str:
    shown = [str(p) if len(str(p)) <= 30 else str(p)[:27] + "..." for p in path if p is not None]
    return quote_text(".".join(shown[-8:])) or "(top level)"


def refuse_unsafe_constructs(text: str) -> None:
    """Raise YamlRefused at the first anchor, alias, explicit tag or non-scalar key (events only, no data).

    Syntax errors surface here too, as yaml.YAMLError, exactly as the loader would raise them.
    """
    stack: list[list[Any]] = []  # each open collection: [is a mapping, expects a key, current key or index]
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            _advance(stack)
            continue
        if not isinstance(event, yaml.NodeEvent):  # stream and document start/end
            continue
        top = stack[-1] if stack else None
        at_key = top is not None and top[0] and top[1]
        if (isinstance(event, yaml.AliasEvent) or event.anchor is not None or event.tag is not None
                or (at_key and not isinstance(event, yaml.ScalarEvent))):
            raise _refusal(event, _where([entry[2] for entry in (stack[:-1] if at_key else stack)]))
        if isinstance(event, yaml.ScalarEvent):
            if at_key:
                top[1], top[2] = False, event.value
            else:
                _advance(stack)
        else:  # a mapping or a sequence starts
            mapping = isinstance(event, yaml.MappingStartEvent)
            stack.append([mapping, True, None if mapping else 0])


def _refusal(event: yaml.NodeEvent, where: str) -> YamlRefused:
    """Why `event` is refused; `where` is worked out only then (it is wanted once, not for every event)."""
    if isinstance(event, yaml.AliasEvent):
        return YamlRefused("yaml-anchor", f"{where}: YAML aliases (*name) are not allowed; write the value out",
                           event.start_mark)
    if event.anchor is not None:
        return YamlRefused("yaml-anchor", f"{where}: YAML anchors (&name) are not allowed; write the value out",
                           event.start_mark)
    if event.tag is not None:
        return YamlRefused("invalid-value", f"{where}: explicit YAML tags such as {_tag(event.tag)} "
                                            "are not allowed; write the plain value", event.start_mark)
    return YamlRefused("invalid-value", f"{where}: a key must be a single word or number, not a list or mapping",
                       event.start_mark)


def _tag(tag: str) -> str:
    tag = tag.replace("tag:yaml.org,2002:", "!!")
    return quote_text(tag if len(tag) <= 40 else tag[:37] + "...")


def _advance(stack: list[list[Any]]) -> None:
    """A value has ended: the enclosing mapping expects a key next, a sequence its next item."""
    if stack:
        top = stack[-1]
        if top[0]:
            top[1] = True
        else:
            top[2] += 1


def _mark(node: yaml.Node, line_offset: int) -> Mark:
    return Mark(node.start_mark.line + 1 + line_offset, node.start_mark.column + 1)


def _make_loader(line_offset: int, duplicates: list[YamlDuplicateKey]) -> type:
    class StrictLoader(_BaseLoader):  # type: ignore[misc, valid-type]
        pass

    # YAML 1.2 booleans only: `yes`/`no`/`on`/`off` stay strings.
    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
    )

    def construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> LocatedDict:
        loader.flatten_mapping(node)
        result = LocatedDict()
        result.mark = _mark(node, line_offset)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)  # hashable: complex keys are refused first
            if key in result:
                duplicates.append(YamlDuplicateKey(key, _mark(key_node, line_offset), result.key_marks[key]))
                continue
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_marks[key] = _mark(key_node, line_offset)
            result.value_marks[key] = _mark(value_node, line_offset)
        return result

    def construct_sequence(loader: Any, node: yaml.SequenceNode, deep: bool = False) -> LocatedList:
        result = LocatedList(loader.construct_object(child, deep=True) for child in node.value)
        result.mark = _mark(node, line_offset)
        result.item_marks = [_mark(child, line_offset) for child in node.value]
        return result

    def tolerant(base: Any) -> Any:
        # A plain value that looks like a date or number but is not one (2026-02-30, `0b_`) stays
        # text, so the schema reports it with its place instead of the loader crashing. (Explicit
        # tags such as `!!binary` or `!!int twelve` never get here: they are refused before loading.)
        def construct(loader: Any, node: yaml.ScalarNode) -> Any:
            try:
                return base(loader, node)
            except Exception:  # noqa: BLE001 - any failure here means "not a valid value"
                return loader.construct_scalar(node)
        return construct

    for tag, base in (("timestamp", _BaseLoader.construct_yaml_timestamp), ("int", _BaseLoader.construct_yaml_int),
                      ("float", _BaseLoader.construct_yaml_float)):
        StrictLoader.add_constructor(f"tag:yaml.org,2002:{tag}", tolerant(base))
    StrictLoader.add_constructor("tag:yaml.org,2002:map", construct_mapping)
    StrictLoader.add_constructor("tag:yaml.org,2002:seq", construct_sequence)
    return StrictLoader


def load_located(text: str, line_offset: int = 0) -> tuple[Any, list[YamlDuplicateKey]]:
    """Parse one YAML document. Raises yaml.YAMLError on syntax errors, YamlRefused (one of them)
    on anchors, aliases, tags and complex keys, before building any data."""
    refuse_unsafe_constructs(text)
    duplicates: list[YamlDuplicateKey] = []
    data = yaml.load(text, Loader=_make_loader(line_offset, duplicates))  # noqa: S506 - strict safe loader
    return data, duplicates


def syntax_error_mark(error: yaml.YAMLError, line_offset: int = 0) -> Mark:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        return Mark(1 + line_offset, 1)
    return Mark(mark.line + 1 + line_offset, mark.column + 1)


def mark_at(data: Any, *loc: Any) -> Mark | None:
    """The mark of the deepest node along a pydantic-style location path (a missing key: its mapping's)."""
    best = getattr(data, "mark", None)
    node = data
    for part in loc:
        if isinstance(node, LocatedDict) and part in node:
            best = node.value_marks[part]
            node = node[part]
        elif isinstance(node, LocatedList) and isinstance(part, int) and 0 <= part < len(node):
            best = node.item_marks[part]
            node = node[part]
        else:  # a missing key or index, or a scalar: `best` is already this node's own mark
            break
    return best
