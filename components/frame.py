"""What every page shows: the crisis banner, the non-diagnostic notice, and the page's styles."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from components import state
from components.browser import KEY as BROWSER_KEY
from engine.bundle import Bundle
from engine.checks import REGION_QUESTION
from engine.evaluate import OR_GO, CrisisHelp, action_alone, crisis_help
from engine.links import named_links, phone_numbers
from engine.models import CrisisLine

NOTICE = (
    "**This tool does not diagnose and does not give medical advice.** It gives general "
    "information to talk through with a clinician. Do not change or stop any medicine "
    "without talking to your prescriber."
)
BANNER_NO_REGION = "**Need help now?** If you are in danger now, call your local emergency number."
# The supportive screen's form: the action alone, as its own step says it (s12-2; review 19, s19-6, v20-1).
SUPPORT_NO_REGION = f"**Need help now?** Call your local emergency number{OR_GO}."
BANNER_NO_REGION_ALERT = (BANNER_NO_REGION + " Choose where you live just below, and your help lines will "
                          "show here.")
EVERY_COUNTRY = "Crisis lines in every country"
MORE_LINES = "More help lines ({n})"
BANNER_LINES = 3  # a longer list shows its first two and the rest in an expander (the UK has seven lines)
# The banner's anchor: "the crisis lines at the top of this page" in a section links up to it.
HELP_ANCHOR = "help-now"
_AT_THE_TOP = re.compile(r"\b(crisis lines? at the top of this page)")
REMINDER = "**Need help now?** {lines} The full list is [at the top of this page](#{anchor})."
# Review 12 (s12-8): on the supportive screen its "Help lines" box lists every line with its hours, just below.
ON_SUPPORT = "**Need help now?** {lines} All your help lines are listed just below."

ICON = ":material/support:"


def dial(text: str) -> str:
    """Phone numbers and web addresses in a crisis line's text as links to tap, in Markdown (engine/links.py
    decides what can be tapped, for the PDF too). Each call or text link says what a tap does: "[Call 988]",
    "[text 988]", "or [call 999]" (review a16, a16-1)."""
    return "".join(f"[{piece}]({address})" if address else piece for piece, address in named_links(text))


# The icons a note can carry (STYLES draws each; a Markdown icon would be read out as "support icon").
NOTE_ICONS = ("support", "group", "priority_high", "update", "event", "warning", "info")


def note(body: str, *, tone: str, key: str, icon: str) -> None:
    """A note that looks like st.info, st.error or st.warning (`tone`: info, error, warning) but is not a live
    region: nothing is announced when it is drawn or changes (review a16, a16-3, a16-5). Screen readers speak
    every role=alert added to a page at once; a role=status is read out again on each change. STYLES draws it
    and its `icon` (":material/<one of NOTE_ICONS>:", hidden from screen readers as st.info's is). `key` must be
    unique on the page."""
    name = icon.removeprefix(":material/").removesuffix(":")
    if name not in NOTE_ICONS:
        raise ValueError(f"frame.STYLES draws no note icon {icon!r}")
    with st.container(key=f"note_{tone}__{name}__{key}"):
        st.markdown(body)


def line_markdown(line: CrisisLine) -> str:
    return f"**{line.name}**: {dial(line.contact)}"


def _lines_then_emergency(lines: tuple[CrisisLine, ...], emergency: str, *, emergency_first: bool = False) -> str:
    """One sentence for the banner: the lines joined with dots, and the emergency number. After a worrying
    answer every line is shown, and the emergency number leads, not eight lines down (h15-7)."""
    parts = [" · ".join(line_markdown(line) for line in lines), dial(emergency)]
    return ". ".join(parts[::-1] if emergency_first else parts) + "."


def _first_and_emergency(help_: CrisisHelp, *, action_alone: bool = False) -> str:
    """The short form, for the supportive screen's banner and the end of a long page. `action_alone` (the
    supportive screen): the emergency number as the screen's own step says it, with no "if you are in immediate
    danger", which the screen left out because many people in crisis rule themselves out by it (s12-2, s19-6)."""
    return _lines_then_emergency(help_.lines[:1], help_.emergency_now if action_alone else help_.emergency)


def render_crisis_banner(bundle: Bundle, answers: dict[str, Any], on_support: bool = False) -> None:
    """Crisis lines for the person's region, at the top of every page, from the first screen on.

    It stays short on a phone, where it is on every screen: before a country is chosen it is one
    line with every country's lines in an expander (after a worrying answer too: opening that list
    pushed the region question, and the focus, two screens down; the line says where the help lines
    will show instead). A long list shows its first two lines and the rest in an expander, except
    after a worrying answer, when every line is shown. On the supportive screen (`on_support`), which
    lists every line itself just below, it is calm and short: the first line, the emergency number,
    and where the rest are (s12-8: a red block of seven numbers was the first thing seen after saying yes).

    The banner is not a live region (review a16, a16-3): it is said once, as an alert, on the run where a
    worrying answer turns it red (the "Yes" itself, and the step after the supportive screen), and never again
    while it stays red: choosing a country with the arrow keys rewrote an assertive alert of that country's whole
    list on every key. The line under the region question says, politely, that the lines are up (questionnaire.py).
    """
    counted = state.path().effective
    alert = bundle.crisis_rule.fires(counted) and not on_support
    announce = state.announce_banner(alert)

    def show(body: str) -> None:
        if announce:
            st.error(body, icon=ICON)  # role=alert: announced once, as a worrying answer is given
        else:
            note(body, tone="error" if alert else "info", key="banner", icon=ICON)

    with st.container(key="crisis_banner"):
        st.html(f'<span id="{HELP_ANCHOR}"></span>')  # static text; frame.STYLES takes it out of the flow
        if answers.get(REGION_QUESTION) in bundle.regions:
            help_ = crisis_help(bundle, counted)
            if on_support:
                # Review 15 (h15-8): "All your help lines are listed just below" promised phone lines where
                # the only one is a directory website ("Somewhere else").
                if any(phone_numbers(line.contact) for line in help_.lines):
                    show(ON_SUPPORT.format(lines=_first_and_emergency(help_, action_alone=True)))
                else:
                    show(f"**Need help now?** {_first_and_emergency(help_, action_alone=True)}")
                return
            cut = BANNER_LINES - 1 if len(help_.lines) > BANNER_LINES and not alert else len(help_.lines)
            shown, rest = help_.lines[:cut], help_.lines[cut:]
            said = _lines_then_emergency(shown, help_.emergency, emergency_first=alert)
            show(f"**Need help now?** {said}")
            if rest:
                with st.expander(MORE_LINES.format(n=len(rest))):
                    st.markdown("\n".join(f"- {line_markdown(line)}" for line in rest))
            return
        if on_support:  # the supportive screen lists every country's lines itself
            show(SUPPORT_NO_REGION)
            return
        show(BANNER_NO_REGION_ALERT if alert else BANNER_NO_REGION)
        with st.expander(EVERY_COUNTRY):
            st.markdown(every_country(bundle))


def every_country(bundle: Bundle, *, alone: bool = False) -> str:
    """Every region's lines and emergency number, as a list: for a person who has not said where they live.
    `alone` (the supportive screen): each emergency number as an action alone, and where to go (s12-2, v20-1)."""
    def emergency(said: str) -> str:
        return action_alone(said) + OR_GO if alone else said
    return "\n".join(f"- **{info.label}:** {_lines_then_emergency(info.lines, emergency(info.emergency))}"
                     for info in bundle.regions.values())


def link_to_help(markdown: str) -> str:
    """"The crisis lines at the top of this page" in a section's text as a link up to them: on a phone the
    results page is some fifty screens long, and the banner is only at its top."""
    return _AT_THE_TOP.sub(lambda m: f"[{m.group(1)}](#{HELP_ANCHOR})", markdown)


def render_help_reminder(bundle: Bundle) -> None:
    """At the end of a long page: the first line for the person's region and the emergency number again."""
    if state.answers().get(REGION_QUESTION) not in bundle.regions:
        return
    help_ = crisis_help(bundle, state.path().effective)
    note(REMINDER.format(lines=_first_and_emergency(help_), anchor=HELP_ANCHOR), tone="info", key="help_reminder",
         icon=ICON)


def render_demo_label(bundle: Bundle) -> None:
    """Wherever a persona's answers are shown: all or some of them belong to a fictional person, not a patient."""
    demo = state.demo(bundle)
    if demo:
        st.warning(f"**{demo.heading}** {demo.note}", icon=":material/theater_comedy:")


_NOTE_ICON_RULES = "\n".join(f'[class*="st-key-note_"][class*="__{name}__"] {{ --trd-icon: "{name}"; }}'
                             for name in NOTE_ICONS)

# Static CSS (no person's text ever reaches it): captions dark enough for WCAG AAA
# contrast (Streamlit fades them from the text colour, to about 3.9:1), a focus
# ring a keyboard user can see on radios, checkboxes, top navigation and the page;
# the hidden helper iframe (browser.py); Next before Back in reading order, with Back
# drawn on the left on a wide screen (on a phone the buttons stack: Next first);
# the file uploader's own size line hidden (our label states the real limit).
STYLES = """<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  color: #3d3d3d !important; opacity: 1 !important; }
label:has(input:focus-visible), [data-testid="stTopNavLink"]:focus-visible,
[data-testid="stMain"]:focus-visible { outline: 2px solid #1d3f91 !important; outline-offset: -2px; }
[data-testid="stTable"] th, [data-testid="stTable"] th * { color: #1a1a1a !important; opacity: 1 !important; }
.st-key-BROWSER_KEY { display: none !important; }
@media (min-width: 640px) {
  .st-key-nav_buttons [data-testid="stHorizontalBlock"] { flex-direction: row-reverse; } }
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
[data-testid="stMultiSelect"] input:focus-visible { outline: 2px solid #1d3f91 !important; outline-offset: 2px; }
/* The options' tags: a faint pink glow on a dark red tag was the only sign of focus; the remove cross was
   15 x 7 px on a phone (WCAG 2.5.8 asks for 24 x 24). */
[data-testid="stMultiSelect"] [data-tag]:focus-visible { outline: 2px solid #1d3f91 !important; outline-offset: 2px; }
[data-testid="stMultiSelect"] [data-tag] button { min-width: 24px; min-height: 24px; }
/* Text boxes and dropdowns: the theme's red drew focus like an error; the note box changed only faintly. */
[data-testid="stTextArea"] textarea:focus-visible { outline: 2px solid #1d3f91 !important; outline-offset: -2px; }
[data-testid="stSelectbox"] [role="group"]:focus-within { border-color: #1d3f91 !important;
  outline: 2px solid #1d3f91 !important; }
[data-testid="stNumberInput"] input:focus-visible { outline: 2px solid #1d3f91 !important; outline-offset: -2px; }
[data-testid="stElementToolbar"] button:focus-visible { outline: 2px solid #1d3f91 !important; }
[class*="st-key-picture_"] [data-testid="stElementToolbar"] { display: none !important; }
/* Pictures of 100 people: never wider than their card (below about 330 px the drawing shrinks to fit). */
[class*="st-key-picture_"] [data-testid="stVegaLiteChart"] svg { max-width: 100%; height: auto; overflow: visible; }
/* The comparison: a table on a wide screen, one block per option on a phone (compare.py draws both;
   the one not shown takes no room and is not read out). */
@media (min-width: 640px) { .st-key-compare_blocks,
  [data-testid="stLayoutWrapper"]:has(> .st-key-compare_blocks) { display: none !important; } }
@media (max-width: 639.98px) { .st-key-compare_table,
  [data-testid="stLayoutWrapper"]:has(> .st-key-compare_table) { display: none !important; } }
[class*="st-key-compare_block_"] h3 { font-size: 1.25rem; font-weight: 700; line-height: 1.3; margin: 0; padding: 0; }
[class*="st-key-compare_block_"] dl { margin: 0; padding: 0; }
[class*="st-key-compare_block_"] dt { font-weight: 700; margin-top: 0.75rem; color: #1a1a1a; }
[class*="st-key-compare_block_"] dd { margin: 0; }
[class*="st-key-compare_block_"] .matters { background: #fff4cc; margin-inline: -0.25rem; padding-inline: 0.25rem; }
/* The note box's "Press Ctrl+Enter to apply": a phone has no such key, and a download made right after
   typing keeps the note anyway (takeaway.py waits for it). */
[data-testid="stTextArea"] [data-testid="InputInstructions"] { display: none !important; }
/* The banner's anchor for links up to it: out of the flow, so it takes no room. */
[data-testid="stElementContainer"]:has(#help-now) { position: absolute !important; width: 1px; height: 1px;
  overflow: hidden; }
/* Headings keep their ids (links from "Your results at a glance" go to them), not a "link to heading"
   tab stop each: sixteen of them stood between a keyboard user and the take-away part. */
[data-testid="stHeaderActionElements"] { display: none !important; }
h1:focus { outline: none; }
h1:focus-visible { outline: 2px solid #1d3f91; outline-offset: 2px; }
/* On a narrow screen the page links fold into a side menu, drawn off-screen while closed: closed, it is
   no tab stop (Tab went through three links no one could see) and is not read out. */
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; }
/* Streamlit's header (60 px) stays over the top of the scrolling page: a control reached by Shift+Tab, and
   the crisis banner reached by a "crisis lines at the top of this page" link, landed under it (review a9-1, a9-2). */
[data-testid="stMain"] { scroll-padding-top: 4.5rem; }
/* Buttons: Streamlit's focus ring is a shadow, which Windows high contrast removes (a9-6). */
[data-testid^="stBaseButton"]:focus-visible, summary:focus-visible { outline: 2px solid #1d3f91 !important;
  outline-offset: 2px; }
/* A button's label wraps rather than ending in "...": on a phone the summary's "easiest with a screen reader"
   was cut off, and with a larger minimum font size even "(Markdown)" (review 19, v19-1). */
[data-testid="stDownloadButton"] button, [data-testid="stDownloadButton"] button * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; height: auto; }
/* Each answer is at least 24 px tall to tap (WCAG 2.5.8; Streamlit's were 22.4 px, with no gap) (a9-7). */
[data-testid="stRadioOption"] { min-height: 24px; }
/* Links in text (the crisis lines, "at the top of this page", "download it here"): Streamlit's focus ring is a
   faint shadow, about 2.5:1, that Windows high contrast removes (review a16, a16-2). */
[data-testid="stMarkdownContainer"] a:focus-visible { outline: 2px solid #1d3f91 !important; outline-offset: 2px; }
/* The line under the region question (a role=status, drawn as a caption). */
.st-key-lines_are_up p { font-size: 0.875rem; color: #3d3d3d; margin: 0; }
/* frame.note: the look of st.info, st.error and st.warning without their live role (a16-3, a16-5). */
[class*="st-key-note_"] { border-radius: 0.5rem; padding: 1rem; gap: 0; }
[class*="st-key-note_info_"] { background: #edf5ff; color: #1d3f91; }
[class*="st-key-note_error_"] { background: #fff1f2; color: #9e303b; }
[class*="st-key-note_warning_"] { background: #fffae5; color: #956b0f; }
[class*="st-key-note_"] [data-testid="stMarkdownContainer"] { color: inherit; position: relative;
  padding-left: 1.75rem; }
[class*="st-key-note_"] [data-testid="stMarkdownContainer"] a { color: inherit; text-decoration: underline; }
[class*="st-key-note_"] [data-testid="stMarkdownContainer"]::before { position: absolute; left: 0; top: 2px;
  font-family: "Material Symbols Rounded"; font-size: 20px; line-height: 20px; font-weight: 400;
  content: var(--trd-icon) / ""; }
NOTE_ICON_RULES
@media (prefers-reduced-motion: reduce) { *, *::before, *::after { transition-duration: 0.01ms !important;
  animation-duration: 0.01ms !important; } }
/* Windows high contrast drops background colours: the chosen answer, the switches, the crisis banner's box and
   the progress bar were drawn with nothing else (a9-3, a9-4, a9-5). */
@media (forced-colors: active) {
  [data-testid="stRadioOption"] > div > div:first-child { forced-color-adjust: none; background: Canvas;
    border: 1px solid CanvasText; }
  [data-testid="stRadioOption"][data-selected="true"] > div > div:first-child { background: Highlight;
    border-color: Highlight; }
  [data-testid="stRadioOption"][data-selected="true"] > div > div:first-child > div { forced-color-adjust: none;
    background: HighlightText; }
  label:has(input[role="switch"]) > div:first-of-type { forced-color-adjust: none; background: Canvas;
    border: 1px solid CanvasText; }
  label:has(input[role="switch"]:checked) > div:first-of-type { background: Highlight; }
  label:has(input[role="switch"]) > div:first-of-type > div { forced-color-adjust: none; background: CanvasText; }
  [data-testid="stAlertContainer"], [class*="st-key-note_"] { border: 2px solid CanvasText; }
  [data-testid="stProgress"] [role="progressbar"] { border: 1px solid CanvasText; }
  [data-testid="stBaseButton-primary"] { border: 3px solid CanvasText; }
}
</style>""".replace("BROWSER_KEY", BROWSER_KEY).replace("NOTE_ICON_RULES", _NOTE_ICON_RULES)

