"""Start the app: `streamlit run`, with Nagle's algorithm off on the server's sockets.

    python tools/serve.py app.py [any `streamlit run` option ...]

Why this exists: Streamlit 1.67 binds its listening socket itself
(`streamlit.web.server.starlette.starlette_server._bind_socket`) as
`socket.socket(family=...)`, so the socket's protocol number is 0. asyncio turns on
TCP_NODELAY only for accepted sockets that report IPPROTO_TCP, so every browser's
websocket stays under Nagle's algorithm. A rerun sends many small messages; from the
second one on, each waits for the browser to acknowledge the first, and Linux delays
that acknowledgement by up to 40 ms. Measured here: a rerun whose script takes 3 ms
reaches the browser after about 48 ms, on every click, in any Streamlit app (uvicorn
issue #3149 is the same bug on another path).

On Linux an accepted socket inherits TCP_NODELAY from its listener, so this sets it
on the listener right after Streamlit binds it. Nothing else changes. If a later
Streamlit no longer has the hook, the app still starts, as plain `streamlit run`, and
says so on stderr; tests/engine/test_serve.py fails then, so we notice.
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
        print("usage: python tools/serve.py app.py [streamlit run options]", file=sys.stderr)
        return 2
    if not install():
        print("tools/serve.py: this Streamlit has no starlette_server._bind_socket; starting without "
              "TCP_NODELAY (each click may wait ~40 ms on Linux)", file=sys.stderr)
    from streamlit.web import cli

    return cli.main(["run", *args], prog_name="streamlit", standalone_mode=False) or 0


if __name__ == "__main__":
    sys.exit(main())
