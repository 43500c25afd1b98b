"""Shared fixtures: the real bundle, loaded once, and a copy to break on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from engine.bundle import Bundle, load_bundle

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bundle() -> Bundle:
    return load_bundle(ROOT)


@pytest.fixture
def bundle_copy(tmp_path: Path) -> Path:
    """A writable copy of rules/ and content/ for tests that break one file."""
    for folder in ("rules", "content"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path
