"""Debian's Chromium and a loopback port: shared by the browser tests and `make bench`.

TOOLCHAIN.md: `playwright install` cannot download a browser here, so both drive
/usr/bin/chromium, with the flags that stop it reaching for outside hosts.
"""

from __future__ import annotations

import os
import socket

CHROMIUM = os.environ.get("TRD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
