"""bench/nodelay.py: the benchmark's app servers send small messages at once (Nagle off).

Deterministic checks on real loopback sockets, no timing: whether an accepted socket has
TCP_NODELAY decides whether the bench's websocket client waits ~40 ms per rerun for its
own delayed ACK (see the module's docstring).
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bench import nodelay as serve

ROOT = Path(__file__).resolve().parents[2]


def _accepted_nodelay(listener: socket.socket) -> int:
    port = listener.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port)):
        listener.setblocking(True)
        accepted, _ = listener.accept()
        with accepted:
            return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def _streamlit_bind():
    from streamlit.web.server.starlette import starlette_server

    return starlette_server._bind_socket


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the inheritance of TCP_NODELAY is Linux behaviour")
def test_streamlits_own_listener_leaves_nagle_on():
    """The upstream behaviour this works around. When this fails, Streamlit sets TCP_NODELAY
    itself and bench/nodelay.py can go."""
    listener = _streamlit_bind()("127.0.0.1", 0, 8)
    with listener:
        assert _accepted_nodelay(listener) == 0


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the inheritance of TCP_NODELAY is Linux behaviour")
def test_wrapped_listener_gives_every_accepted_socket_nodelay():
    listener = serve.nodelay_listener(_streamlit_bind())("127.0.0.1", 0, 8)
    with listener:
        assert _accepted_nodelay(listener) == 1


def test_install_finds_streamlits_hook_and_wraps_it_once(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    original = starlette_server._bind_socket
    monkeypatch.setattr(starlette_server, "_bind_socket", original)
    assert serve.install() is True, "Streamlit no longer has starlette_server._bind_socket: update bench/nodelay.py"
    wrapped = starlette_server._bind_socket
    assert wrapped is not original
    assert serve.install() is True
    assert starlette_server._bind_socket is wrapped, "installing twice must not wrap twice"


def test_missing_hook_is_reported_not_fatal(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    monkeypatch.delattr(starlette_server, "_bind_socket")
    assert serve.install() is False


def test_no_arguments_prints_usage():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "nodelay.py")], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert "usage: python bench/nodelay.py <script>" in result.stderr
