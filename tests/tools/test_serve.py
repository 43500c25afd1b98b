"""tools/serve.py: the app's sockets send small messages at once (Nagle's algorithm off).

Deterministic checks on real loopback sockets, no timing: whether an accepted socket has
TCP_NODELAY is what decides the ~40 ms wait per click that tools/serve.py removes.
"""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tools import serve

ROOT = Path(__file__).resolve().parents[2]


def _accepted_nodelay(listener: socket.socket) -> int:
    port = listener.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port)) as client:
        listener.setblocking(True)
        accepted, _ = listener.accept()
        with accepted:
            del client
            return accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def _streamlit_bind():
    from streamlit.web.server.starlette import starlette_server

    return starlette_server._bind_socket


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the inheritance of TCP_NODELAY is Linux behaviour")
def test_streamlits_own_listener_leaves_nagle_on():
    """The upstream bug this works around. When this fails, Streamlit sets TCP_NODELAY itself:
    tools/serve.py can then go, and `make run` can call `streamlit run` again."""
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
    assert serve.install() is True, "Streamlit no longer has starlette_server._bind_socket: update tools/serve.py"
    wrapped = starlette_server._bind_socket
    assert wrapped is not original
    assert serve.install() is True
    assert starlette_server._bind_socket is wrapped, "installing twice must not wrap twice"


def test_missing_hook_is_reported_not_fatal(monkeypatch):
    from streamlit.web.server.starlette import starlette_server

    monkeypatch.delattr(starlette_server, "_bind_socket")
    assert serve.install() is False


def test_no_arguments_prints_usage():
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "serve.py")], capture_output=True, text=True,
                            cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert "usage: python tools/serve.py app.py" in result.stderr


def test_every_way_we_start_the_app_goes_through_serve():
    """make run, the browser tests, the benchmarks and the deployment guide all start tools/serve.py."""
    places = {
        "Makefile": (ROOT / "Makefile").read_text(encoding="utf-8"),
        "tests/browser/conftest.py": (ROOT / "tests" / "browser" / "conftest.py").read_text(encoding="utf-8"),
        "bench/common.py": (ROOT / "bench" / "common.py").read_text(encoding="utf-8"),
        "docs/DEPLOY.md": (ROOT / "docs" / "DEPLOY.md").read_text(encoding="utf-8"),
    }
    for where, text in places.items():
        assert "tools/serve.py" in text or '"serve.py"' in text, f"{where} does not start the app via tools/serve.py"
