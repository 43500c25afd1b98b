"""Shared fixtures: the real bundle, loaded once, and a copy to break on purpose.

Hypothesis profiles: "ci" runs the full count the property tests were written for;
"dev" (the default outside CI) a small one, so a local run stays fast. HYPOTHESIS_PROFILE
picks one; without it, CI=true (set by CI services and by .ci/run) picks "ci".
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from engine.bundle import Bundle, load_bundle
from engine.conditions import answered
from engine.flow import person_path

ROOT = Path(__file__).resolve().parent.parent

settings.register_profile("ci", max_examples=10_000)
settings.register_profile("dev", max_examples=500)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI", "").lower() in ("1", "true") else "dev")
settings.load_profile(PROFILE)


def pytest_report_header() -> str:
    return (f"hypothesis profile {PROFILE!r} (max_examples={settings.default.max_examples})"
            + ("" if PROFILE == "ci" else " (the full run: HYPOTHESIS_PROFILE=ci or CI=true)"))


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle(ROOT)


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/ and content/ for tests that break one file."""
    for folder in ("rules", "content"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def hidden_answers(bundle: Bundle, answers: dict) -> dict:
    """Answers kept in the store but not counted, because their question is hidden now (what the tests of
    S8, "hidden answers never count", look for)."""
    counted = person_path(bundle, answers).effective
    return {qid: v for qid, v in answers.items()
            if qid in bundle.question_by_id and qid not in counted and answered(v)}
