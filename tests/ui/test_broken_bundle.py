"""Started on a broken bundle, the app shows a friendly error page with crisis help, never a traceback.

TRD_BUNDLE_ROOT (read by components/loading.py) points the app at a copy of the
bundle with one file broken by a fixture from tests/fixtures/bad/. The bundle is
cached for the whole process, so the cache is cleared before and after each run.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.errors import FALLBACK_CRISIS
from components.loading import ROOT_ENV, _load
from tests.conftest import ROOT
from tests.engine.test_bad_corpus import BAD, parse_fixture, put_in_place

ERROR_TITLE = "TRD Navigator is not available right now"


@pytest.fixture
def cold_cache() -> Iterator[None]:
    _load.clear()
    yield
    _load.clear()


def _broken_copy(tmp_path: Path, fixture_name: str) -> tuple[Path, list[str]]:
    for folder in ("rules", "content"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    fixture = parse_fixture(BAD / fixture_name)
    put_in_place(fixture, tmp_path)
    return tmp_path, [e.code for e in fixture.expects]


def _run(monkeypatch: pytest.MonkeyPatch, root: Path) -> AppTest:
    monkeypatch.setenv(ROOT_ENV, str(root))
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()


def _all_text(at: AppTest) -> str:
    parts = [e.value for e in at.error] + [t.value for t in at.title] + [m.value for m in at.markdown]
    parts += [c.value for c in at.code] + [x.label for x in at.expander] + [e.value for e in at.exception]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("fixture_name", [
    "questions_syntax_tab_indent.yaml",
    "meta_deleted.yaml",
    "rules_unknown_section.yaml",
    "crisis_region_without_lines.yaml",
    "content_missing_comparison.md",
    "content_not_utf8.md",
    "content_impossible_reviewed_on.md",
    "meta_tagged_int_not_a_number.yaml",
])
def test_broken_bundle_shows_the_friendly_error_page(fixture_name: str, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, cold_cache: None) -> None:
    root, codes = _broken_copy(tmp_path, fixture_name)
    at = _run(monkeypatch, root)
    assert not at.exception, f"the app raised instead of showing its error page: {[e.value for e in at.exception]}"
    assert [t.value for t in at.title] == [ERROR_TITLE]
    # Crisis help comes first and does not depend on the broken files.
    assert at.error and at.error[0].value == FALLBACK_CRISIS
    assert "Need help now?" in at.error[0].value and "988" in at.error[0].value
    # The questionnaire is not shown on a bundle we cannot trust.
    assert len(at.radio) == 0 and len(at.checkbox) == 0
    assert not any(b.label == "Next" for b in at.button)
    # Maintainers get the problem list (path:line:col: code: message), people get no traceback.
    details = "\n".join(c.value for c in at.code)
    assert all(f": {code}: " in details for code in codes), details
    text = _all_text(at)
    assert "Traceback" not in text and 'File "' not in text


def test_the_real_bundle_does_not_show_the_error_page(monkeypatch: pytest.MonkeyPatch, cold_cache: None) -> None:
    """Control: the same harness on the real bundle reaches the safety question."""
    at = _run(monkeypatch, ROOT)
    assert not at.exception
    assert ERROR_TITLE not in [t.value for t in at.title]
    assert at.radio and at.radio[0].key == "w__safety_thoughts"
