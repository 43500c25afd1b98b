"""The app's only JavaScript: land at the top of each new screen, and warn before leaving with answers.

Streamlit keeps the scroll position and keyboard focus across reruns, so a new step
would open where the last one was scrolled to, with focus on the old button. After
every screen change (state.screen_key() changes) this moves the page to the top and
puts focus on the new screen's heading (made focusable with tabindex=-1), which
screen readers announce. A rerun within the same screen does nothing.

While there are answers, it asks the browser to warn before a reload or leaving the
page (the `beforeunload` prompt), since nothing is kept on the server after that.

When the connection drops, or the server restarted and this page now talks to a new, empty
session, a notice offers the answers the page last showed as a saved-progress file, made in
the browser from the copy this helper keeps in the page's memory (nothing is sent anywhere).
After a restart or a session that timed out, where the new session's first step is on screen,
"Bring my answers back" gives that copy to the app's own upload box: the same checks as a
file the person uploads, with no file to find (review 10, c10-2).
It also gives the region's first crisis line and the emergency number: Streamlit's own
"Connection error" dialog covers the crisis banner on a phone.

The script is inline (nothing is loaded from anywhere) and runs in a hidden same-origin
iframe (st.iframe with an HTML string). Both scripts (SCRIPT, and HOOKS, which it installs in
the page itself) are constant text: what changes from screen to screen travels in a JSON data
block beside them, with "</" escaped (fixed text from this module, step titles, and the
saved-progress file: checked answer codes only, never the note). So a strict Content Security
Policy can allow exactly these two scripts by their hashes (deploy/nginx.conf.template,
`script_hashes()`), with no 'unsafe-inline' and no 'unsafe-eval'.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import date

import streamlit as st

from components import state
from engine.answers import to_saved_progress
from engine.bundle import Bundle
from engine.evaluate import crisis_help
from engine.links import named_links

SCRIPT = """
(() => {
  const host = window.parent, doc = host.document;
  const data = JSON.parse(document.getElementById("trd-data").textContent);
  const screen = data.screen, heading = data.heading, warn = data.warn, saved = data.saved, part = data.part;
  const focus = data.focus;
  const salt = screen.split("-")[0];
  host.__trdWarn = warn;
  const lost = saved === null && host.__trdSaved && host.__trdSalt && host.__trdSalt !== salt;
  // The region's first crisis line and emergency number, for the notice below. A new, empty session knows no
  // region: the notice about cleared answers keeps the person's own line, not the fallback.
  if (!lost) host.__trdHelp = data.help;
  if (!host.__trdHooks) {
    // Installed in the page itself, as a script element: listeners made in this iframe would die
    // with it, and it is replaced on every screen change.
    host.__trdHooks = true;
    const hooks = doc.createElement("script");
    hooks.textContent = data.hooks;
    doc.head.append(hooks);
  }
  // The answers as a saved-progress file, kept in this page's memory only, for the notice below.
  if (saved !== null && host.__trdSalt === salt && host.__trdBox) {  // the same session is back: all is well
    host.__trdBox.hidden = true;
    host.__trdBox.remove();
  }
  if (saved !== null) host.__trdSaved = saved;
  else if (lost) host.__trdLost(data.restarted, true);
  else if (host.__trdSalt === salt) host.__trdSaved = null;  // Start again: nothing left to save
  host.__trdSalt = salt;
  // A "choose all that apply" question is a group named by its question (questionnaire.py draws the
  // question as text above its boxes): a screen reader says "What else have you tried, group" and not
  // only "I'm not sure, checkbox". Streamlit has no fieldset, so the names are added here, each run.
  const group = () => {
    for (const box of doc.querySelectorAll('[data-testid="stMain"] [class*="st-key-group_"]')) {
      const legend = box.querySelector('[data-testid="stMarkdownContainer"]');
      const key = (box.className.match(/st-key-(group_[A-Za-z0-9_]+)/) || [])[1];
      if (!legend || !key) continue;
      legend.id = "trd-" + key;
      box.setAttribute("role", "group");
      box.setAttribute("aria-labelledby", legend.id);
    }
  };
  group();
  // Focus moved within the same screen (state.focus_target): after a refused Next to the first question
  // still needing an answer, so a screen reader says which one; after "Start again" to "Cancel", since the
  // button clicked is gone (focus would fall to the page).
  if (focus !== null && host.__trdFocus !== focus) {
    host.__trdFocus = focus;
    const key = CSS.escape(focus.slice(focus.indexOf(":") + 1)), asked = Date.now();
    const focusPart = () => {
      const box = doc.querySelector(".st-key-" + key);
      const control = box && box.querySelector("input, button");
      if (!control && Date.now() - asked < 4000) { host.requestAnimationFrame(focusPart); return; }
      if (control) { control.scrollIntoView({block: "center"}); control.focus({preventScroll: true}); }
    };
    focusPart();
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
    // Back from a step edited on the results: open at that step's part, with focus on its heading.
    const box = part === null ? null : main.querySelector(".st-key-land_" + CSS.escape(part));
    const spot = box && (box.querySelector("h1, h2, h3") || box);
    if ((!h1 || (part !== null && !spot)) && Date.now() - started < 4000) { host.requestAnimationFrame(land); return; }
    if (spot) {
      spot.scrollIntoView({block: "start"});
    } else {
      for (const el of [doc.scrollingElement, main, doc.querySelector('[data-testid="stAppViewContainer"]'),
                        doc.querySelector('[data-testid="stAppScrollToBottomContainer"]')]) {
        if (el) el.scrollTop = 0;
      }
      host.scrollTo(0, 0);
    }
    const to = spot || h1;
    if (to) {
      to.setAttribute("tabindex", "-1");
      to.focus({preventScroll: true});
    }
    group();
  };
  land();
})();
"""

# Installed once per page load, in the page itself:
# - the leave-page warning while there are answers;
# - after a click on a download button, focus goes back to it if the download dropped it to the page;
# - the second and third click of a double or triple click on a button in the page are dropped
#   (event.detail counts the clicks of one multi-click), so a hurried double click on Next acts once
#   even when the next screen is already drawn under the pointer. state.py also ignores a click that
#   arrives from a screen already left;
# - on a phone, the side menu the page links fold into closes once a page is chosen: it stayed open over the new
#   page and its crisis banner (review 19, v19-4).
HOOKS = """
window.addEventListener("beforeunload", function (event) {
  if (window.__trdWarn) { event.preventDefault(); event.returnValue = "unsaved"; }
});
window.__trdUploader = function () {  // the app's own "Continue from a saved file" box, on the first step
  return document.querySelector('[data-testid="stMain"] [class*="st-key-upload__"] input[type="file"]');
};
// The page's copy goes to the new session as if the person had uploaded their saved file: the same checks,
// the same "your answers are back" message, and nothing leaves this page but to its own server.
window.__trdRestore = function () {
  var input = window.__trdUploader();
  if (!input || !window.__trdSaved) return;
  var files = new DataTransfer();
  files.items.add(new File([window.__trdSaved], "trd-navigator-progress.json", {type: "application/json"}));
  input.files = files.files;
  input.dispatchEvent(new Event("change", {bubbles: true}));
  window.__trdBox.hidden = true;
  window.__trdBox.remove();
};
window.__trdLost = function (message, restorable) {
  if (!window.__trdSaved) return;
  window.__trdClosed = false;  // "the answers were cleared" shows even after "connection lost" was closed
  var box = window.__trdBox;
  if (!box) {
    box = window.__trdBox = document.createElement("div");
    box.id = "trd-lost";
    box.setAttribute("role", "alert");
    box.setAttribute("style", "position:fixed;left:1rem;right:1rem;bottom:1rem;z-index:1000100;max-width:40rem;"
      + "margin:auto;padding:1rem;background:#fff4e5;color:#1a1a1a;border:2px solid #8a4b00;border-radius:.5rem;"
      + "font-family:inherit;font-size:1rem;line-height:1.4");
    var text = document.createElement("p");
    text.style.margin = "0 0 .75rem 0";
    // Streamlit's own dialog covers the crisis banner while the connection is down: the notice says them.
    var help = document.createElement("p");
    help.className = "trd-help";
    help.setAttribute("style", "margin:0 0 .75rem 0;font-weight:600");
    var restore = document.createElement("button");
    restore.className = "trd-restore";
    restore.textContent = RESTORE_LABEL;
    restore.setAttribute("style", "padding:.5rem 1rem;margin:0 .5rem .5rem 0;background:#a32834;color:#fff;border:0;"
      + "border-radius:.5rem;font-size:1rem;cursor:pointer");
    restore.addEventListener("click", window.__trdRestore);
    var save = document.createElement("button");
    save.textContent = SAVE_LABEL;
    save.setAttribute("style", "padding:.5rem 1rem;margin-right:.5rem;background:#a32834;color:#fff;border:0;"
      + "border-radius:.5rem;font-size:1rem;cursor:pointer");
    save.addEventListener("click", window.__trdSaveNow);
    var close = document.createElement("button");
    close.textContent = "Close";
    close.setAttribute("style", "padding:.5rem 1rem;background:#fff;color:#1a1a1a;border:1px solid #1a1a1a;"
      + "border-radius:.5rem;font-size:1rem;cursor:pointer");
    close.addEventListener("click", function () { box.remove(); window.__trdClosed = true; });
    box.append(text, help, restore, save, close);
  }
  box.querySelector(".trd-restore").hidden = !(restorable && window.__trdUploader());
  box.hidden = false;
  box.firstChild.textContent = message;
  var help = box.querySelector(".trd-help");
  help.replaceChildren();
  (window.__trdHelp || []).forEach(function (piece) {  // [text, a tel:, sms: or https: address or null]
    var node = document.createTextNode(piece[0]);
    if (piece[1]) { node = document.createElement("a"); node.href = piece[1]; node.textContent = piece[0]; }
    help.append(node);
  });
  window.__trdPlace();
};
window.__trdPlace = function () {  // inside Streamlit's own "Connection error" dialog while it is open
  var box = window.__trdBox;
  if (!box || box.hidden || window.__trdClosed) return;
  var outer = document.querySelector('[data-testid="stDialog"]');
  var dialog = outer && (outer.querySelector('[role="dialog"]') || outer);
  var into = dialog || document.body;
  box.style.position = dialog ? "static" : "fixed";
  box.style.marginTop = dialog ? "1rem" : "auto";
  if (box.parentNode !== into || !box.isConnected) into.append(box);
  box.removeAttribute("inert");  // the dialog marks what was outside it inert; this box is part of it now
};
window.__trdSaveNow = function () {
  var data = JSON.parse(window.__trdSaved), bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  data.export_id = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  var url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], {type: "application/json"}));
  var link = document.createElement("a");
  link.href = url;
  link.download = "trd-navigator-progress-" + new Date().toISOString().slice(0, 10) + ".json";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
};
// Pictures of 100 people: the chart is named (figures.PICTURE_NAME) and the sentence under it says what it shows.
// Inside, Vega gives its groups roles with no names ("group mark container") and runs a title's wrapped lines
// together ("sameantidepressant"): hidden from screen readers, so the named picture is read alone (a16-7).
new MutationObserver(function () {
  document.querySelectorAll('[class*="st-key-picture_"] [data-testid="stVegaLiteChart"] svg:not([aria-hidden])')
    .forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
}).observe(document.body, {childList: true, subtree: true});
window.__trdDown = 0;
setInterval(function () {  // Streamlit shows its connection status only while it is not connected
  var dialog = document.querySelector('[data-testid="stDialog"]');
  var down = document.querySelector('[data-testid="stConnectionStatus"]')
    || (dialog && dialog.innerText.indexOf("Connection error") >= 0);
  window.__trdDown = down ? window.__trdDown + 1 : 0;
  if (window.__trdDown === 2 && !window.__trdClosed) window.__trdLost(LOST_MESSAGE);
  window.__trdPlace();
}, 1000);
window.addEventListener("click", function (event) {  // a download drops focus to the page: put it back
  var button = event.target && event.target.closest && event.target.closest('[data-testid="stDownloadButton"] button');
  if (!button) return;
  var box = button.closest('[class*="st-key-"]');
  var key = box && (box.className.match(/st-key-[A-Za-z0-9_-]+/) || [])[0];
  var until = Date.now() + 10000;
  window.__trdKeepFocus = button;  // only the last download clicked keeps the focus
  var keep = function () {
    if (window.__trdKeepFocus !== button) return;
    var now = button.isConnected ? button : key && document.querySelector("." + key + " button");
    var active = document.activeElement;
    if (active && active !== document.body && active !== now) return;  // the person has moved on
    if (now && active !== now) now.focus({preventScroll: true});
    if (Date.now() < until) setTimeout(keep, 200);
  };
  setTimeout(keep, 200);
}, true);
window.addEventListener("click", function (event) {  // the phone's page menu closes once a page is chosen
  var link = event.target && event.target.closest && event.target.closest('[data-testid="stSidebarNavLink"]');
  if (!link || window.innerWidth >= 768) return;
  setTimeout(function () {
    var close = document.querySelector('[data-testid="stSidebar"][data-collapsed="false"] '
      + '[data-testid="stSidebarCollapseButton"] button');
    if (close) close.click();
  }, 0);
});
window.addEventListener("click", function (event) {
  var target = event.target;
  if (event.detail > 1 && target && target.closest && target.closest('[data-testid="stMain"] button')) {
    event.stopImmediatePropagation();
    event.preventDefault();
  }
}, true);
"""

# Nothing lost without a warning: when the connection drops, or the server restarted and this page
# now talks to a new session with no answers, a notice offers the answers this page last showed as
# a saved-progress file, made in the browser (nothing is sent anywhere).
LOST_MESSAGE = ("The connection to TRD Navigator was lost, so your answers could be lost too. "
                "Save them to a file now. Later, use \"Continue from a saved file\" to carry on.")
RESTARTED_MESSAGE = ("The answers on this page were cleared: the page was without a connection for more than 2 "
                     "minutes, or TRD Navigator restarted. This page still has a copy of them.")
RESTORE_LABEL = "Bring my answers back"  # shown where the app's upload box is (the first step of a new session)
SAVE_LABEL = "Save my answers to a file"
HOOKS = (HOOKS.replace("RESTORE_LABEL", json.dumps(RESTORE_LABEL)).replace("SAVE_LABEL", json.dumps(SAVE_LABEL))
         .replace("LOST_MESSAGE", json.dumps(LOST_MESSAGE)))

KEY = "trd_browser"  # frame.STYLES hides this container: the iframe takes no room and is not announced


def script(screen: str, heading: str | None, warn: bool, saved: str | None = None, part: str | None = None,
           focus: str | None = None, help_: list | None = None) -> str:
    data = json.dumps({"screen": screen, "heading": heading, "warn": warn, "saved": saved, "part": part,
                       "focus": focus, "hooks": HOOKS, "restarted": RESTARTED_MESSAGE, "help": help_ or []})
    data = data.replace("</", "<\\/")
    return f'<script type="application/json" id="trd-data">{data}</script><script>{SCRIPT}</script>'


def script_hashes() -> list[str]:
    """The CSP hashes ('sha256-...') of the two scripts: the deploy recipe allows exactly these."""
    return [f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
            for text in (SCRIPT, HOOKS)]


def land(bundle: Bundle, heading: str | None, page: str = "questionnaire") -> None:
    """Draw once at the END of a page (so its heading is already there), on every page (`page` names it).

    The saved-progress file for the answers now (None: no answers) turns the leave-page
    warning on, and the connection notice offers it. Arriving on another page through the top navigation
    moves the focus to its heading, as a new screen does (review a16, a16-8: it stayed on the link).
    """
    state.arrive(page)
    answers = state.path().effective  # the answers that count, as "Save my answers to carry on later" saves them
    saved = to_saved_progress(answers, bundle.content_version, saved_on=date.today()) if answers else None
    with st.container(key=KEY):
        st.iframe(script(state.screen_key(), heading, saved is not None, saved, state.land_on(), state.focus_target(),
                         help_pieces(bundle)), height=1, tab_index=-1, alt="Page helper (nothing to read)")


def help_pieces(bundle: Bundle) -> list[tuple[str, str | None]]:
    """The notice's help line, as every PDF page's foot gives it, with its numbers tappable (each link saying
    what a tap does, as on the page: a16-1)."""
    return named_links(crisis_help(bundle, state.path().effective).first_line)
