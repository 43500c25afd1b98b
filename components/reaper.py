"""A closed session's answers go when its time is up, not when the next person visits (review s9-1).

Streamlit keeps a closed or dropped session for `server.disconnectedSessionTTL` seconds, so a
reconnect finds its answers (.streamlit/config.toml: 120). When that time is up it only stops
offering the session: it never shuts it down. Its download files (/media) and the callables that
make them, which hold the answers and the note, stayed in memory and on offer until another
visitor's run swept them: hours, on a quiet server. This daemon thread, started once per process
(app.py imports this module), shuts down every expired session every REAP_S seconds: its files and
callables go, as a session closed for good loses them.

It reaches into Streamlit's session manager, whose names are private (Streamlit is pinned in
constraints.txt): tests/browser/test_privacy.py fails if an upgrade moves them.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from streamlit.runtime import Runtime

REAP_S = float(os.environ.get("TRD_REAP_SECONDS", "15"))
_LOG = logging.getLogger(__name__)


def reap_expired() -> int:
    """Shut down every stored session whose time is up; how many there were.

    Shutting down drops the session's hold on its files and sweeps once: Streamlit deletes a download
    file in two sweeps (it marks it, then deletes it, so a download under way is not cut off), so the
    loop sweeps once more a tick later.
    """
    if not Runtime.exists():
        return 0
    manager = Runtime.instance()._session_mgr  # private: see the module docstring
    with manager._storage_lock:  # the lock Streamlit holds for its own moves in and out
        expired = manager._session_storage._cache.expire()
    for _, info in expired:
        info.session.shutdown()
    return len(expired)


def _loop() -> None:
    sweep = False
    while True:
        time.sleep(REAP_S)
        try:
            if sweep:  # the second sweep after a shutdown (Streamlit makes the same one after any session's run)
                Runtime.instance().media_file_mgr.remove_orphaned_files()
            sweep = reap_expired() > 0
        except Exception:  # a Streamlit upgrade moved a name: say so (no session data is in the message)
            _LOG.exception("could not remove expired sessions")


thread = threading.Thread(target=_loop, name="trd-reaper", daemon=True)
thread.start()
