"""SAFETY.md names a guard test for every invariant, and every guard it names exists."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT

SAFETY = (ROOT / "SAFETY.md").read_text(encoding="utf-8")


def defined_tests(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test")}


def test_every_named_guard_exists():
    missing = []
    for file, name in re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", SAFETY):
        path = ROOT / file
        if not path.exists():
            missing.append(file)
        elif name and name not in defined_tests(path):
            missing.append(f"{file}::{name}")
    assert missing == []


def test_every_invariant_has_at_least_one_guard():
    invariants = re.split(r"^## ", SAFETY, flags=re.MULTILINE)[1:]
    assert len(invariants) >= 10
    for block in invariants:
        assert re.search(r"`tests/[\w/]+\.py", block), f"no guard for: {block.splitlines()[0]}"


def test_the_architecture_invariants_are_written_down():
    for phrase in ("crisis_support", "non-diagnostic notice", "sources, a review date", "never written to disk"):
        assert phrase in SAFETY
