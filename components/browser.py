"""The app's only JavaScript: land at the top of each new screen, and warn before leaving with answers.

Streamlit keeps the scroll position and keyboard focus across reruns, so a new step
would open where the last one was scrolled to, with focus on the old button. After
every screen change (state.screen_key() changes) this moves the page to the top and
puts focus on the new screen's heading (made focusable with tabindex=-1), which
screen readers announce. A rerun within the same screen does nothing.

While there are answers, it asks the browser to warn before a reload or leaving the
page (the `beforeunload` prompt), since nothing is kept on the server after that.

The script is inline (nothing is loaded from anywhere), runs in a hidden same-origin
iframe (st.iframe with an HTML string), and reads only fixed values from this module:
no person's text ever reaches it.
"""

from __future__ import annotations

import json

import streamlit as st

SCRIPT = """<script>
(() => {
  const host = window.parent, doc = host.document;
  const screen = %(screen)s, heading = %(heading)s, warn = %(warn)s;
  host.__trdWarn = warn;
  if (!host.__trdHooks) {
    // Made in the page's own realm (host.Function): listeners made here would die with this iframe,
    // which is replaced on every screen change.
    host.__trdHooks = true;
    new host.Function(%(hooks)s)();
  }
  if (host.__trdScreen === screen) return;
  const first = host.__trdScreen === undefined && screen.endsWith("-0");
  host.__trdScreen = screen;
  if (first) return;  // the first screen of a visit: leave focus where the browser puts it
  const started = Date.now();
  const land = () => {
    const main = doc.querySelector('[data-testid="stMain"]') || doc.body;
    const all = Array.from(main.querySelectorAll("h1"));
    const h1 = heading === null ? all[0] : all.find((h) => h.textContent.trim() === heading);
    if (!h1 && Date.now() - started < 4000) { host.requestAnimationFrame(land); return; }
    for (const el of [doc.scrollingElement, main, doc.querySelector('[data-testid="stAppViewContainer"]'),
                      doc.querySelector('[data-testid="stAppScrollToBottomContainer"]')]) {
      if (el) el.scrollTop = 0;
    }
    host.scrollTo(0, 0);
    if (h1) {
      h1.setAttribute("tabindex", "-1");
      h1.focus({preventScroll: true});
    }
  };
  land();
})();
</script>"""

# Installed once per page load, in the page itself:
# - the leave-page warning while there are answers;
# - the second and third click of a double or triple click on a button in the page are dropped
#   (event.detail counts the clicks of one multi-click), so a hurried double click on Next acts once
#   even when the next screen is already drawn under the pointer. state.py also ignores a click that
#   arrives from a screen already left.
HOOKS = """
window.addEventListener("beforeunload", function (event) {
  if (window.__trdWarn) { event.preventDefault(); event.returnValue = "unsaved"; }
});
window.addEventListener("click", function (event) {
  var target = event.target;
  if (event.detail > 1 && target && target.closest && target.closest('[data-testid="stMain"] button')) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }
}, true);
"""

KEY = "trd_browser"  # frame.STYLES hides this container: the iframe takes no room and is not announced


def script(screen: str, heading: str | None, warn: bool) -> str:
    values = {"screen": json.dumps(screen), "heading": json.dumps(heading), "warn": json.dumps(warn),
              "hooks": json.dumps(HOOKS)}
    return SCRIPT % {k: v.replace("</", "<\\/") for k, v in values.items()}


def land(screen: str, heading: str | None, *, warn: bool) -> None:
    """Draw once at the END of a page (so its heading is already there)."""
    with st.container(key=KEY):
        st.iframe(script(screen, heading, warn), height=1, tab_index=-1, alt="Page helper (nothing to read)")
