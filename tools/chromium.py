"""Debian's Chromium, pdftotext and a loopback port: shared by the browser tests and `make bench`.

TOOLCHAIN.md: `playwright install` cannot download a browser here, so both drive
/usr/bin/chromium, with the flags that stop it reaching for outside hosts. TRD_CHROMIUM
and TRD_PDFTOTEXT point at other binaries (a test points them at a missing path to prove
that CI fails without them).
"""

from __future__ import annotations

import os
import shutil
import socket

CHROMIUM = os.environ.get("TRD_CHROMIUM", "/usr/bin/chromium")
PDFTOTEXT = os.environ.get("TRD_PDFTOTEXT") or shutil.which("pdftotext") or "/usr/bin/pdftotext"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def missing_tools() -> list[str]:
    """What the browser tests need and cannot find, one phrase each (empty when all are there)."""
    return [f"{name} was not found at {path}" for name, path in (("Chromium", CHROMIUM), ("pdftotext", PDFTOTEXT))
            if shutil.which(path) is None]
