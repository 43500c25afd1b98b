"""Boundaries that keep the design honest: a pure engine, one state module, no pickle."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PY_FILES = [p for p in ROOT.rglob("*.py") if ".venv" not in p.parts and "site-packages" not in p.parts]


def imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_engine_never_imports_streamlit():
    offenders = [p.relative_to(ROOT) for p in (ROOT / "engine").rglob("*.py") if "streamlit" in imports(p)]
    assert offenders == []


def test_engine_never_imports_components():
    offenders = [p.relative_to(ROOT) for p in (ROOT / "engine").rglob("*.py") if "components" in imports(p)]
    assert offenders == []


def test_only_state_module_touches_session_state():
    offenders = [p.relative_to(ROOT) for p in PY_FILES
                 if "session_state" in p.read_text() and p.parts[len(ROOT.parts)] in {"components", "app.py"}
                 and p.name != "state.py"]
    assert offenders == []


def test_no_pickle_anywhere():
    offenders = [p.relative_to(ROOT) for p in PY_FILES if {"pickle", "dill", "shelve"} & imports(p)]
    assert offenders == []


def test_no_eval_or_exec_in_product_code():
    offenders = []
    for path in PY_FILES:
        if path.parts[len(ROOT.parts)] not in {"engine", "components", "app.py"}:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"eval", "exec"}:
                offenders.append(path.relative_to(ROOT))
    assert offenders == []


def test_no_unsafe_html_in_the_app():
    offenders = [p.relative_to(ROOT) for p in PY_FILES
                 if p.parts[len(ROOT.parts)] in {"components", "app.py"} and "unsafe_allow_html" in p.read_text()]
    assert offenders == []
