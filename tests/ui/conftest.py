"""AppTest helpers: drive the real app.py the way a person (or a clinician) would."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from engine.bundle import Bundle

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
CLINICIAN_PAGE = "components/pages/clinician.py"
QUESTIONNAIRE_PAGE = "components/pages/questionnaire.py"
TIMEOUT = 30


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=TIMEOUT)
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def open_clinician(app: AppTest) -> AppTest:
    app.switch_page(CLINICIAN_PAGE)
    run(app)
    assert [t.value for t in app.title] == ["Clinician view"]
    return app


def on_questionnaire_page(app: AppTest) -> AppTest:
    """After the app itself switched page, keep AppTest's later runs there too.

    (AppTest remembers the last page passed to switch_page and requests it on every run;
    a browser follows the app's own st.switch_page instead.)
    """
    app.switch_page(QUESTIONNAIRE_PAGE)
    return app


def load_persona(app: AppTest, persona_id: str) -> AppTest:
    open_clinician(app)
    app.button(key=f"persona_{persona_id}").click()
    run(app)
    if _has_button(app, "persona_confirm_yes"):
        app.button(key="persona_confirm_yes").click()
        run(app)
    assert titles(app) == ["Clinician view"]  # the clinician stays on the clinician page
    app.button(key="open_results").click()
    run(app)
    assert titles(app) == ["Your information sections"]
    return on_questionnaire_page(app)


def _has_button(app: AppTest, key: str) -> bool:
    return any(getattr(b, "key", None) == key for b in app.button)


def persona(bundle: Bundle, persona_id: str):
    return bundle.personas.find(persona_id)


def titles(app: AppTest) -> list[str]:
    return [t.value for t in app.title]


def subheaders(app: AppTest) -> list[str]:
    return [s.value for s in app.subheader]


def headers(app: AppTest) -> list[str]:
    return [h.value for h in app.header]


def text_of(app: AppTest) -> str:
    """Everything written on the page as Markdown, captions, alerts and code, for `in` checks."""
    parts: list[Any] = [m.value for m in app.markdown] + [c.value for c in app.caption]
    parts += [e.value for e in app.error] + [e.value for e in app.success] + [e.value for e in app.info]
    parts += [c.value for c in app.code]
    return "\n".join(str(p) for p in parts)


def saved_file(answers: dict[str, Any], **extra: Any) -> bytes:
    return json.dumps({"schema_version": 1, "answers": answers, **extra}).encode()
