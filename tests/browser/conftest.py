"""Real-browser fixtures: Debian's Chromium driven by Playwright, the app as a subprocess.

TOOLCHAIN.md: `playwright install` cannot download a browser here, so we launch
/usr/bin/chromium with flags that stop it reaching for outside hosts. Where
Chromium is missing the browser tests skip with the reason (the PDF test also when
pdftotext is missing); with TRD_REQUIRE_BROWSER=1 (CI) either one missing stops the
run with exit status 4 and one line saying what is missing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tools.chromium import CHROMIUM, CHROMIUM_ARGS, free_port, missing_tools  # noqa: F401 - re-exported for tests

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath).replace(os.sep, "/")]
    if not browser_items:
        return
    missing = missing_tools()
    if missing and os.environ.get("TRD_REQUIRE_BROWSER") == "1":
        # CI: a missing browser is a failure, never a skip (pytest exits 4, before any test runs).
        raise pytest.UsageError(f"TRD_REQUIRE_BROWSER=1 but {'; '.join(missing)}; run `make chromium` "
                                "(or point TRD_CHROMIUM / TRD_PDFTOTEXT at them)")
    chromium_missing = next((reason for reason in missing if reason.startswith("Chromium")), None)
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if chromium_missing:
            item.add_marker(pytest.mark.skip(reason=f"{chromium_missing} (make test installs Debian's chromium "
                                                    "where it can)"))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1100, "height": 2400}, "accept_downloads": True}


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    output: list[str] = field(default_factory=list)

    def log(self) -> str:
        return "".join(self.output)


def start_app(env_extra: dict[str, str] | None = None, cwd: Path = ROOT, project: Path = ROOT) -> AppServer:
    """Start `streamlit run <project>/app.py` on a free loopback port and wait until it is healthy."""
    port = free_port()
    env = {**os.environ, **(env_extra or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(project / "app.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    server = AppServer(f"http://127.0.0.1:{port}", process)
    threading.Thread(target=lambda: server.output.extend(iter(process.stdout.readline, "")), daemon=True).start()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=1) as response:  # noqa: S310
                if response.read() == b"ok":
                    return server
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"app did not become healthy; output:\n{server.log()}")


def stop_app(server: AppServer) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    server = start_app()
    yield server
    stop_app(server)
