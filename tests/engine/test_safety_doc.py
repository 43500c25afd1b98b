"""SAFETY.md and docs/IPDAS.md name a guard test for every promise, and every guard they name exists."""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import ROOT

SAFETY = (ROOT / "SAFETY.md").read_text(encoding="utf-8")


def defined_tests(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) and node.name.startswith("test")}


@pytest.mark.parametrize("doc", ["SAFETY.md", "docs/IPDAS.md"])
def test_every_named_guard_exists(doc):
    missing = []
    for file, name in re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?", (ROOT / doc).read_text(encoding="utf-8")):
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


def test_every_ipdas_criterion_has_a_row():
    ipdas = (ROOT / "docs" / "IPDAS.md").read_text(encoding="utf-8")
    for criterion in ("Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "C1", "C2", "C3", "C4", "C5", "C6", "C7-C10"):
        assert f"| {criterion} |" in ipdas
