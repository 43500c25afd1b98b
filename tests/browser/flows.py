"""Reusable steps for browser tests: what a person does, in Playwright terms."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Browser, Locator, Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

TIMEOUT = 15_000


def open_app(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_role("heading", name="First, your safety")).to_be_visible(timeout=TIMEOUT)


def choose(page: Page, question_label: str, option: str) -> None:
    """Pick a radio option inside the radio group labelled by the question."""
    group = page.get_by_role("radiogroup", name=question_label)
    group.get_by_text(option, exact=True).click()
    expect(group.get_by_role("radio", name=option, exact=True)).to_be_checked(timeout=TIMEOUT)
    wait_idle(page)


def tick(page: Page, option: str) -> None:
    box = page.get_by_role("checkbox", name=option, exact=True)
    if not box.is_checked():
        page.get_by_test_id("stCheckbox").filter(has=box).get_by_text(option, exact=True).click()
    expect(box).to_be_checked(timeout=TIMEOUT)
    wait_idle(page)


def wait_idle(page: Page) -> None:
    """Wait until Streamlit has finished the rerun a click started (its status widget goes away)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
    )


def next_step(page: Page, expect_heading: str) -> None:
    # A heading can show before the rerun that drew it has removed the last screen's stale Next (seen once in
    # CI under load: two Next buttons): wait for the one.
    button = page.get_by_role("button", name="Next", exact=True)
    expect(button).to_have_count(1, timeout=TIMEOUT)
    before = page.locator("h1").first.inner_text()
    button.click()
    heading = page.get_by_role("heading", name=expect_heading)
    try:
        expect(heading).to_be_visible(timeout=TIMEOUT // 3)
    except AssertionError:
        # A click that landed while the button was being redrawn never reached the app (CI under load, twice on
        # 29 November 2026: the step stayed, with no message). Navigation is idempotent (a click from a screen
        # already left is ignored, state.here), so clicking once more on the same screen is what a person does.
        if page.locator("h1").first.inner_text() == before:
            page.get_by_role("button", name="Next", exact=True).click()
        expect(heading).to_be_visible(timeout=TIMEOUT)


# --- Whole paths through the questionnaire ------------------------------------------------------

SAFETY_QUESTION = re.compile(r"^In the past two weeks")
REVIEW_HEADING = "Check your answers"
SUPPORT_HEADING = "Thank you for answering"  # after "Yes" or "I'd rather not say" to the safety question
RESULTS_HEADING = "Your information sections"


@dataclass(frozen=True)
class Step:
    """One screen: its heading, the radio answers (question label, option) and the boxes to tick."""

    heading: str
    radios: tuple[tuple[str | re.Pattern[str], str], ...] = ()
    ticks: tuple[str, ...] = ()


STANDARD_PATH: tuple[Step, ...] = (
    Step("First, your safety", ((SAFETY_QUESTION, "No"), ("Where do you live?", "United Kingdom"))),
    Step("About you", (("Who is filling this in?", "I am answering for myself"),
                       ("What is your age group?", "25 to 59"))),
    Step("This time of depression", (("How long has this time of depression lasted so far?", "More than 2 years"),)),
    Step("Medicines you have tried",
         ((re.compile("^How many different antidepressants"), "Two"),
          (re.compile("^Which comes closest"), "They helped part of the way, but not enough")),
         ("Bupropion",)),
    Step("Other treatments you have tried"),
    Step("Your mood over the years", ((re.compile("^Have you ever had a few days"), "No"),)),
    Step("Your physical health"),
    Step("Your life right now"),
    Step("Your views on treatment", ticks=("Talking therapy",)),
    Step("What matters most, and how ready you feel (optional)"),
)


def with_answer(path: tuple[Step, ...], question: str | re.Pattern[str], option: str) -> tuple[Step, ...]:
    """The same path with one radio answer changed (the question must be on the path)."""
    changed, found = [], False
    for step in path:
        radios = tuple((q, option if q == question else o) for q, o in step.radios)
        found = found or radios != step.radios
        changed.append(Step(step.heading, radios, step.ticks))
    assert found, f"{question!r} is not answered on this path"
    return tuple(changed)


class _RunTracker:
    """Counts finished script runs by reading the app's own websocket messages (ForwardMsg)."""

    def __init__(self, page: Page) -> None:
        self.finished = 0
        page.on("websocket", lambda ws: ws.on("framereceived", self._on_frame))

    def _on_frame(self, payload: bytes | str) -> None:
        if isinstance(payload, (bytes, bytearray)):
            message = ForwardMsg()
            message.ParseFromString(bytes(payload))
            if message.WhichOneof("type") == "script_finished":
                self.finished += 1


def start(page: Page, url: str) -> None:
    """Open the app on its first screen, counting reruns so that `after_rerun` can wait for them."""
    if not hasattr(page, "_trd_runs"):
        page._trd_runs = _RunTracker(page)  # type: ignore[attr-defined]
    open_app(page, url)


def after_rerun(page: Page, action: Callable[[], object]) -> None:
    """Do something that makes Streamlit rerun the script, and wait until that rerun has finished.

    wait_idle() can return before the rerun has even begun; this waits for the server's
    "script finished" message that follows the action. The page must be opened with start().
    """
    tracker = getattr(page, "_trd_runs", None)
    assert tracker is not None, "open the app with flows.start(page, url) to wait for reruns"
    before = tracker.finished
    action()
    deadline = time.monotonic() + TIMEOUT / 1000
    while tracker.finished <= before:
        assert time.monotonic() < deadline, "the app did not finish a rerun after the action"
        page.wait_for_timeout(20)


def settle(page: Page, quiet_ms: int = 300) -> None:
    """Wait until the page has stopped changing for a moment (Streamlit draws some parts after a run)."""
    page.wait_for_function(
        """(quiet) => {
            if (!window.__trdQuiet) {
                window.__trdQuiet = {last: performance.now()};
                new MutationObserver(() => { window.__trdQuiet.last = performance.now(); })
                    .observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
                return false;
            }
            return performance.now() - window.__trdQuiet.last > quiet;
        }""", arg=quiet_ms, timeout=TIMEOUT, polling=100)


def pick(page: Page, question: str | re.Pattern[str], option: str) -> None:
    """Choose a radio option by mouse and wait for the app to take it in."""
    group = page.get_by_role("radiogroup", name=question)
    radio = group.get_by_role("radio", name=option, exact=True)
    if not radio.is_checked():
        after_rerun(page, lambda: group.get_by_text(option, exact=True).click())
    expect(radio).to_be_checked(timeout=TIMEOUT)


def check_box(page: Page, option: str) -> None:
    """Tick a checkbox by mouse and wait for the app to take it in."""
    box = page.get_by_role("checkbox", name=option, exact=True)
    if not box.is_checked():
        after_rerun(page, lambda: page.get_by_test_id("stCheckbox").filter(has=box)
                    .get_by_text(option, exact=True).click())
    expect(box).to_be_checked(timeout=TIMEOUT)


def answer_step(page: Page, step: Step) -> None:
    expect(page.get_by_role("heading", name=step.heading, exact=True)).to_be_visible(timeout=TIMEOUT)
    for question, option in step.radios:
        pick(page, question, option)
    for option in step.ticks:
        check_box(page, option)


def leave_step(page: Page, path: tuple[Step, ...], index: int) -> None:
    """Press Next (or "Review my answers" on the last step) and wait for the following screen."""
    last = index == len(path) - 1
    button = page.get_by_role("button", name="Review my answers" if last else "Next", exact=True)
    after_rerun(page, button.click)
    following = REVIEW_HEADING if last else path[index + 1].heading
    support = page.get_by_role("heading", name=SUPPORT_HEADING, exact=True)
    expect(page.get_by_role("heading", name=following, exact=True).or_(support)).to_be_visible(timeout=TIMEOUT)
    if index == 0 and support.is_visible():  # the supportive screen after a worrying safety answer
        after_rerun(page, page.get_by_role("button", name="Continue when you are ready", exact=True).click)
    expect(page.get_by_role("heading", name=following, exact=True)).to_be_visible(timeout=TIMEOUT)


def complete_questionnaire(page: Page, path: tuple[Step, ...] = STANDARD_PATH,
                           on_step: Callable[[Page, Step], None] | None = None) -> None:
    """From the first screen to the review page. `on_step` runs on each screen once it is answered."""
    for index, step in enumerate(path):
        answer_step(page, step)
        if on_step is not None:
            on_step(page, step)
        leave_step(page, path, index)


def see_results(page: Page) -> None:
    after_rerun(page, page.get_by_role("button", name="See my results", exact=True).click)
    expect(page.get_by_role("heading", name=RESULTS_HEADING, exact=True)).to_be_visible(timeout=TIMEOUT)


@contextmanager
def results_at(browser: Browser, context_args: dict, url: str, viewport: dict) -> Iterator[Page]:
    """A new browser window of this size, walked through the standard questionnaire to its results."""
    context = browser.new_context(**{**context_args, "viewport": viewport})
    page = context.new_page()
    try:
        start(page, url)
        complete_questionnaire(page)
        see_results(page)
        settle(page)
        yield page
    finally:
        context.close()


def crisis_banner(page: Page) -> Locator:
    """The crisis lines box at the top of every page."""
    return page.locator(".st-key-crisis_banner")


def section_ids(page: Page) -> list[str]:
    """The information sections on the results page, in the order shown (from their container keys)."""
    classes = page.locator("[class*='st-key-section_']").evaluate_all("els => els.map(e => e.className)")
    return [re.search(r"st-key-section_(\S+)", c).group(1) for c in classes]


def navigation_pages(page: Page) -> list[str]:
    """The names of the top-level pages in the navigation bar (checked at test time, so new pages count)."""
    links = page.locator("header a[href], [data-testid='stTopNavLink'], [data-testid='stNavLink']")
    names = [" ".join(t.split()) for t in links.all_inner_texts()]
    return [n for n in dict.fromkeys(names) if n and n != "Skip to main content"]


def open_personas(page: Page) -> None:
    """On the clinician view with a person's own answers, the demo personas are folded below the trace: open them."""
    folded = page.locator("details").filter(has=page.locator("summary", has_text="Show the demo personas"))
    if folded.count() and folded.get_attribute("open") is None:
        folded.locator("summary").click()
    expect(page.locator("[class*='st-key-persona_card_'] button").first).to_be_visible(timeout=TIMEOUT)


def open_page(page: Page, name: str, heading: str | None = None) -> None:
    """Follow a navigation link (the session, and so the answers, carry over)."""
    after_rerun(page, page.get_by_role("link", name=name, exact=True).click)
    if heading:
        expect(page.get_by_role("heading", name=heading, exact=True).first).to_be_visible(timeout=TIMEOUT)


# --- Keyboard only ---------------------------------------------------------------------------------

# How the focused control looks: its visible box (a visually hidden radio or checkbox input is
# drawn by its label) and the visible boxes inside it, as computed styles.
_LOOK = """(el) => {
  const box = (el.tagName === 'INPUT' && ['radio', 'checkbox'].includes(el.type)) ? (el.closest('label') || el) : el;
  const shown = (n) => {  // drawn on screen: neither it nor a wrapper up to the box is visually hidden
    for (let e = n; e && e !== box.parentElement; e = e.parentElement) {
      const r = e.getBoundingClientRect();
      if (r.width <= 2 || r.height <= 2) return false;
    }
    return true;
  };
  const nodes = [box, ...box.querySelectorAll('*')].filter(shown).slice(0, 25);
  const name = (box.innerText || el.getAttribute('aria-label') || '').trim().split('\\n').pop() || '';
  const kind = el.tagName.toLowerCase() + (el.type ? `[${el.type}]` : '');
  return {
    what: `${kind} "${name.slice(0, 50)}"`,
    styles: nodes.map(n => {
      const c = getComputedStyle(n);
      const outlined = c.outlineStyle !== 'none' && parseFloat(c.outlineWidth) > 0;
      return {outline: outlined ? `${c.outlineStyle} ${c.outlineWidth} ${c.outlineColor}` : '',
              shadow: c.boxShadow === 'none' ? '' : c.boxShadow,
              background: c.backgroundColor, border: c.borderColor};
    }),
  };
}"""



@dataclass
class FocusStop:
    what: str
    focused: dict
    unfocused: dict | None = None


@dataclass
class FocusLog:
    """Every place keyboard focus landed, how it looked there, and how it looked once focus moved on."""

    stops: list[FocusStop] = field(default_factory=list)
    _last: object = None

    def observe(self, page: Page, after_key: str = "") -> None:
        if after_key in ("Enter", "Space"):
            # That key made the app rerun and redraw: elements may now stand for other controls,
            # so this is no place to compare looks. The next Tab starts a fresh record.
            self._last = None
            return
        if self._last is not None:
            try:
                look = self._last.evaluate(_LOOK)
                # An element re-rendered away (no box any more) cannot be compared.
                self.stops[-1].unfocused = look if look["styles"] else None
            except Exception:  # noqa: BLE001 - the element was removed; nothing to compare
                pass
        handle = page.evaluate_handle("document.activeElement")
        if self._last is not None and handle.evaluate("(e, last) => e === last", self._last):
            self.stops[-1].unfocused = None  # focus did not move: nothing to compare yet
            return
        if handle.evaluate("e => e === document.body"):
            self._last = None
            return
        look = handle.evaluate(_LOOK)
        self.stops.append(FocusStop(look["what"], look))
        self._last = handle


def press(page: Page, key: str, log: FocusLog | None = None) -> None:
    page.keyboard.press(key)
    if log is not None:
        log.observe(page, after_key=key)


def focus_on(page: Page, target: Locator, log: FocusLog | None = None, limit: int = 60) -> None:
    """Press Tab or Shift+Tab, towards the target, until focus is on it or inside it."""
    for _ in range(limit):
        where = target.evaluate("""(t) => {
            const a = document.activeElement;
            if (t === a || t.contains(a)) return 'here';
            if (!a || a === document.body) return 'Tab';
            return (t.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) ? 'Shift+Tab' : 'Tab';
        }""")
        if where == "here":
            return
        press(page, where, log)
    raise AssertionError(f"could not reach {target} with Tab and Shift+Tab in {limit} presses")


def key_choose(page: Page, question: str | re.Pattern[str], option: str, log: FocusLog | None = None) -> None:
    """Tab into a radio group, then move to the option with the arrow keys (or Space on the focused one)."""
    group = page.get_by_role("radiogroup", name=question)
    focus_on(page, group, log)
    radios = group.get_by_role("radio")
    names = [r.evaluate("e => e.closest('label').innerText.trim()") for r in radios.all()]
    target = names.index(option)
    current = radios.evaluate_all("(rs) => rs.indexOf(document.activeElement)")
    if current == target:
        if not radios.nth(target).is_checked():
            after_rerun(page, lambda: press(page, "Space", log))
    else:
        key = "ArrowDown" if target > current else "ArrowUp"
        for _ in range(abs(target - current)):
            after_rerun(page, lambda: press(page, key, log))
    expect(radios.nth(target)).to_be_checked(timeout=TIMEOUT)
    expect(radios.nth(target)).to_be_focused()


def key_tick(page: Page, option: str, log: FocusLog | None = None) -> None:
    box = page.get_by_role("checkbox", name=option, exact=True)
    focus_on(page, box, log)
    if not box.is_checked():
        after_rerun(page, lambda: press(page, "Space", log))
    expect(box).to_be_checked(timeout=TIMEOUT)


def key_press_button(page: Page, name: str, log: FocusLog | None = None, key: str = "Enter") -> None:
    button = page.get_by_role("button", name=name, exact=True)
    focus_on(page, button, log)
    after_rerun(page, lambda: press(page, key, log))


def key_answer_step(page: Page, step: Step, log: FocusLog | None = None) -> None:
    expect(page.get_by_role("heading", name=step.heading, exact=True)).to_be_visible(timeout=TIMEOUT)
    for question, option in step.radios:
        key_choose(page, question, option, log)
    for option in step.ticks:
        key_tick(page, option, log)


# --- Save and resume ---------------------------------------------------------------------------------

def upload_saved_progress(page: Page, name: str, data: bytes) -> None:
    """Open "Continue from a saved file" (if closed), upload the bytes as a file, and wait for the app."""
    resume = page.locator("details").filter(has=page.locator("summary", has_text="Continue from a saved file")).last
    if resume.get_attribute("open") is None:
        resume.locator("summary").click()
    uploader = page.locator("[data-testid='stFileUploaderDropzoneInput']").last
    expect(uploader).to_be_attached(timeout=TIMEOUT)
    after_rerun(page, lambda: uploader.set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": data}]))
