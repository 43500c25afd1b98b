"""Tests that fail when something is undocumented (the Datasette habit)."""

from __future__ import annotations

import re

import pytest

from engine.conditions import ALL_OPERATORS
from engine.problems import PROBLEM_CODES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(PROBLEM_CODES))
def test_every_problem_code_is_in_the_readme_table(code):
    assert f"| `{code}` | {PROBLEM_CODES[code]} |" in README


@pytest.mark.parametrize("op", ALL_OPERATORS)
def test_every_condition_operator_is_documented(op):
    assert f"`{op}`" in README


@pytest.mark.parametrize("file", ["requirements.txt", "requirements-dev.txt", "requirements-mutation.txt"])
def test_every_dependency_says_why_in_the_readme(file):
    names = [re.split(r"[=<>\[ ]", line.strip())[0] for line in (ROOT / file).read_text().splitlines()
             if line.strip() and not line.startswith(("#", "-r"))]
    missing = [name for name in names if name.lower() not in README.lower()]
    assert missing == []


def test_every_dependency_is_pinned_exactly():
    for file in ("requirements.txt", "requirements-dev.txt", "requirements-mutation.txt"):
        for line in (ROOT / file).read_text().splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert re.match(r"^[A-Za-z0-9_.\-\[\]]+==[\w.]+$", line), f"{file}: {line!r} is not an exact pin"


def test_readme_shows_the_two_commands():
    assert "make run" in README and "make test" in README


def test_every_make_target_in_the_readme_exists():
    makefile = (ROOT / "Makefile").read_text()
    for target in set(re.findall(r"`make (\w+)`", README)):
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), target


def test_the_hazard_log_names_only_invariants_that_exist_and_every_invariant_controls_a_hazard():
    """docs/CLINICAL_SAFETY.md (review 14, r14-9): each hazard's controls are SAFETY.md invariants; a renamed or
    removed invariant, or a new one no hazard names, fails here."""
    safety = (ROOT / "SAFETY.md").read_text(encoding="utf-8")
    log = (ROOT / "docs" / "CLINICAL_SAFETY.md").read_text(encoding="utf-8")
    invariants = set(re.findall(r"^## (S\d+)\.", safety, re.MULTILINE))
    rows = [line for line in log.splitlines() if re.match(r"^\| H\d+ \|", line)]
    named = {s for row in rows for s in re.findall(r"\bS\d+\b", row)}
    assert len(rows) >= 10 and named - invariants == set()
    assert invariants - named == set()
