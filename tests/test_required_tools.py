"""CI's browser requirement fails for real: with TRD_REQUIRE_BROWSER=1 and Chromium or pdftotext
missing, pytest stops with a non-zero exit and one line saying what is missing (never a skip or
an xfail that exits 0). Each case runs pytest in a subprocess on one small browser test file,
with the tool hidden by pointing its variable (tools/chromium.py) at a path that does not exist.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SELECTION = "tests/browser/test_keyboard.py"


def run_pytest(tmp_path: Path, *args: str, selection: str = SELECTION, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in ("TRD_REQUIRE_BROWSER", "TRD_CHROMIUM", "TRD_PDFTOTEXT", "TRD_NGINX", "PYTEST_ADDOPTS")}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args, selection],
                          cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("variable", "name"), [("TRD_CHROMIUM", "Chromium"), ("TRD_PDFTOTEXT", "pdftotext")])
def test_required_browser_tool_missing_fails_with_one_line(tmp_path: Path, variable: str, name: str) -> None:
    hidden = tmp_path / "not-installed" / name.lower()
    result = run_pytest(tmp_path, TRD_REQUIRE_BROWSER="1", **{variable: str(hidden)})
    assert result.returncode != 0, result.stdout + result.stderr
    lines = [line for line in (result.stdout + result.stderr).splitlines() if "TRD_REQUIRE_BROWSER" in line]
    assert lines == [f"ERROR: TRD_REQUIRE_BROWSER=1 but {name} was not found at {hidden}; run `make chromium` "
                     "(or point TRD_CHROMIUM / TRD_PDFTOTEXT at them)"], result.stdout + result.stderr
    assert "passed" not in result.stdout and "xfail" not in result.stdout


def test_a_missing_nginx_fails_the_deploy_tests_in_ci_and_skips_them_otherwise(tmp_path: Path) -> None:
    hidden = tmp_path / "not-installed" / "nginx"
    required = run_pytest(tmp_path, selection="tests/engine/test_hostile_deploy.py", TRD_REQUIRE_BROWSER="1",
                          TRD_NGINX=str(hidden))
    assert required.returncode != 0 and "passed" not in required.stdout, required.stdout + required.stderr
    assert f"TRD_REQUIRE_BROWSER=1 but nginx ({hidden}) or openssl was not found" in required.stdout
    local = run_pytest(tmp_path, "-rs", selection="tests/engine/test_hostile_deploy.py", TRD_NGINX=str(hidden))
    assert local.returncode == 0 and "needs nginx" in local.stdout, local.stdout + local.stderr


def test_without_the_requirement_a_missing_chromium_skips_with_the_reason(tmp_path: Path) -> None:
    hidden = tmp_path / "not-installed" / "chromium"
    result = run_pytest(tmp_path, "-rs", TRD_CHROMIUM=str(hidden))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Chromium was not found at {hidden}" in result.stdout
    assert " skipped" in result.stdout and "passed" not in result.stdout


def test_with_the_requirement_met_collection_goes_ahead(tmp_path: Path) -> None:
    result = run_pytest(tmp_path, "--collect-only", TRD_REQUIRE_BROWSER="1")
    if result.returncode == 4 and "TRD_REQUIRE_BROWSER=1 but" in result.stderr:
        pytest.skip("Chromium or pdftotext is not installed on this machine: " + result.stderr.strip())
    assert result.returncode == 0, result.stdout + result.stderr
