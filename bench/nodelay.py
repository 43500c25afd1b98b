"""Start a Streamlit app for the websocket measurements, with Nagle's algorithm off.

    python bench/nodelay.py <script> [any `streamlit run` option ...]

Why: Streamlit 1.67 binds its listening socket itself
(`streamlit.web.server.starlette.starlette_server._bind_socket`) as
`socket.socket(family=...)`, protocol number 0, and asyncio turns on TCP_NODELAY only
for accepted sockets that report IPPROTO_TCP. So a rerun's messages after the first
wait until the client acknowledges the first. A browser's frontend does not wait on
that (measured 2026-11-26 in Chromium, directly and through nginx: Next -> painted
within noise either way), but bench/ws_session.py, a client that only listens, waits
for its kernel's delayed ACK, up to 40 ms on Linux: a 3 ms rerun took about 48 ms.
That is an artefact of our measuring client, not a cost either app has for a person,
so bench/ws_bench.py starts both apps through this file and reports the stock figure
beside it. `make run` starts the app with plain `streamlit run`.

On Linux an accepted socket inherits TCP_NODELAY from its listener, so this sets it on
the listener right after Streamlit binds it; nothing else changes. If a later Streamlit
no longer has the hook, the app starts as plain `streamlit run` and says so on stderr;
tests/bench/test_nodelay.py fails then.
"""

from __future__ import annotations

import socket
import sys
from collections.abc import Callable

_MARK = "_trd_nodelay"


def nodelay_listener(bind: Callable[..., socket.socket]) -> Callable[..., socket.socket]:
    """Wrap a function that returns a listening socket so that the socket has TCP_NODELAY."""
    if getattr(bind, _MARK, False):
        return bind

    def bind_with_nodelay(*args: object, **kwargs: object) -> socket.socket:
        sock = bind(*args, **kwargs)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    setattr(bind_with_nodelay, _MARK, True)
    return bind_with_nodelay


def install() -> bool:
    """Turn Nagle's algorithm off for the sockets Streamlit accepts; False when the hook is missing."""
    try:
        from streamlit.web.server.starlette import starlette_server
    except ImportError:
        return False
    bind = getattr(starlette_server, "_bind_socket", None)
    if not callable(bind):
        return False
    starlette_server._bind_socket = nodelay_listener(bind)
    return True


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        print("usage: python bench/nodelay.py <script> [streamlit run options]", file=sys.stderr)
        return 2
    if not install():
        print("bench/nodelay.py: this Streamlit has no starlette_server._bind_socket; starting without "
              "TCP_NODELAY (websocket round trips will include the client's delayed ACK)", file=sys.stderr)
    from streamlit.web import cli

    return cli.main(["run", *args], prog_name="streamlit", standalone_mode=False) or 0


if __name__ == "__main__":
    sys.exit(main())
