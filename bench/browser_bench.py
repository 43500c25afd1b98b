"""Real Chromium (Debian's, via Playwright): click-to-paint, start-up, memory and a bounded load test.

Timing is taken inside the page with performance.now(), not by Playwright's polling:
a capture-phase click listener stamps the click; a MutationObserver watches for the
next screen to be complete (its h1 title, its number of answer widgets, Streamlit's
script state back to notRunning, no stale elements); then a requestAnimationFrame
callback plus one message-channel task stamps the frame that shows it ("painted").
A click only counts as done once the page has changed after the server's reply to it
(a websocket message counted in the page) or Streamlit was seen running, so a screen
that looks the same before the rerun cannot end the clock early.
"""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field

from bench import ws_session
from bench.common import (
    APP,
    BASELINE_APP,
    CHROMIUM,
    CHROMIUM_ARGS,
    SPEC_ENV,
    VIEWPORT,
    log,
    median,
    p95,
    ratio,
    rss_mb,
    start_server,
    stop_server,
)
from bench.spec import Action

TIMEOUT_MS = 30_000
FALLBACK_MS = 2_000  # accept a complete screen without a seen "running" state after this long

INIT_SCRIPT = r"""
(() => {
  const B = window.__bench = {pending: null, fallbacks: 0, wsIn: 0};
  // Count websocket messages from the server, so a rerun is known to have answered a click
  // even when React batches "running" and "notRunning" into one render.
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => {
        B.wsIn += 1;
        const p = B.pending;
        if (p && p.t0 !== undefined && p.domAt === undefined) {
          const now = performance.now();
          if (p.firstMsgAt === undefined) p.firstMsgAt = now;
          p.lastMsgAt = now;
          // A rerun that changes nothing on screen causes no DOM mutation: look again after the message.
          setTimeout(() => { if (p.t0 !== undefined) { p.renderedAfterReply = true; check(); } }, 0);
        }
      });
    }
  };
  const app = () => document.querySelector('[data-testid="stApp"]');
  const state = () => { const a = app(); return a ? a.getAttribute('data-test-script-state') : null; };
  const complete = (p) => {
    if (state() !== 'notRunning') return false;
    if (document.querySelector('[data-stale="true"]')) return false;
    if (document.querySelector('[data-testid="stException"]')) { p.error = 'exception'; return true; }
    const h1 = document.querySelector('h1');
    if (!h1 || h1.innerText.trim() !== p.title) return false;
    return document.querySelectorAll('[class*="st-key-w__"]').length === p.widgets;
  };
  const check = () => {
    const p = B.pending;
    if (!p || p.t0 === undefined || p.domAt !== undefined) return;
    const answered = p.sawRunning || p.renderedAfterReply;
    if (!answered && performance.now() - p.t0 < p.fallbackMs) return;
    if (!complete(p)) return;
    if (!answered) B.fallbacks += 1;
    p.domAt = performance.now();
    requestAnimationFrame(() => {
      p.rafAt = performance.now();
      const channel = new MessageChannel();
      channel.port1.onmessage = () => { p.paintAt = performance.now(); };
      channel.port2.postMessage(0);
    });
  };
  let last = null;
  const observer = new MutationObserver(() => {
    const p = B.pending;
    const s = state();
    if (s !== last) {
      last = s;
      if (s === 'running' && p && p.t0 !== undefined) p.sawRunning = true;
    }
    if (p && p.t0 !== undefined && B.wsIn > p.wsAtClick) p.renderedAfterReply = true;
    check();
  });
  const attach = () => {
    if (!document.body) { setTimeout(attach, 1); return; }
    observer.observe(document.body, {subtree: true, childList: true, characterData: true,
                                     attributes: true, attributeFilter: ['data-test-script-state', 'data-stale']});
  };
  attach();
  setInterval(check, 50);  // for the fallback only
  document.addEventListener('click', (e) => {
    const p = B.pending;
    if (p && p.t0 === undefined && p.selector && e.target.closest(p.selector)) {
      p.t0 = performance.now();
      p.wsAtClick = B.wsIn;
    }
  }, true);
  B.arm = (selector, title, widgets, fallbackMs) => { B.pending = {selector, title, widgets, fallbackMs}; };
  const first = __FIRST__;
  B.pending = {selector: null, title: first.title, widgets: first.widgets, fallbackMs: 1e9, t0: 0, wsAtClick: 0};
})();
"""

WAIT_PAINT = "() => window.__bench && window.__bench.pending && window.__bench.pending.paintAt !== undefined"


def init_script(spec: dict) -> str:
    first = spec["screens"][0]
    return INIT_SCRIPT.replace("__FIRST__", json.dumps({"title": first["title"], "widgets": len(first["widgets"])}))


def selector_for(action: Action) -> tuple[str, str]:
    """(element container to stamp the click on, the thing to click)."""
    container = f".st-key-{action.key}"
    if action.kind == "button":
        return container, f"{container} button"
    if action.kind == "radio":
        return container, f'{container} [data-testid="stRadioOption"]'
    return container, f"{container} label"


@dataclass
class Walk:
    first_paint_ms: float = float("nan")  # from navigation start
    next_ms: list[float] = field(default_factory=list)  # click on Next / Review / See results -> painted
    next_dom_ms: list[float] = field(default_factory=list)  # ... -> DOM complete
    answer_ms: list[float] = field(default_factory=list)
    # Next clicks split: (first server message, last server message, painted), ms after the click
    next_split: list[tuple[float, float, float]] = field(default_factory=list)  # click on an answer -> rerun painted
    steps: list[str] = field(default_factory=list)
    fallbacks: int = 0  # clicks whose reply was not seen (ended by the 2 s fallback); should be 0
    error: str | None = None


async def _click_and_time(page, spec_screen: dict, action: Action, timeout_ms: int = TIMEOUT_MS,
                          split: list | None = None) -> tuple[float, float]:
    container, target = selector_for(action)
    await page.evaluate("([s, t, w, f]) => window.__bench.arm(s, t, w, f)",
                        [container, spec_screen["title"], len(spec_screen["widgets"]), FALLBACK_MS])
    locator = page.locator(target)
    if action.kind == "radio":
        locator = locator.nth(action.index)
    await locator.click(timeout=timeout_ms)
    await page.wait_for_function(WAIT_PAINT, timeout=timeout_ms, polling=20)
    t0, dom, paint, first, last, error = await page.evaluate(
        "() => { const p = window.__bench.pending; "
        "return [p.t0, p.domAt, p.paintAt, p.firstMsgAt ?? null, p.lastMsgAt ?? null, p.error || null]; }")
    if error:
        raise RuntimeError(f"the app showed an exception after {action.key}")
    if split is not None and first is not None:
        split.append((first - t0, last - t0, paint - t0))
    return paint - t0, dom - t0


async def walk(browser, url: str, spec: dict, think_s: float | tuple[float, float] = 0.0,
               timeout_ms: int = TIMEOUT_MS, rng: random.Random | None = None) -> Walk:
    """One person: open the app in a fresh context and do every recorded action, timing each.

    `think_s` is the pause before each click: a fixed time, or a (shortest, longest) range
    drawn from `rng` for every click, so that people do not click in step.
    """
    result = Walk()
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        await context.add_init_script(init_script(spec))
        page = await context.new_page()
        await page.goto(url, timeout=timeout_ms)
        await page.wait_for_function(WAIT_PAINT, timeout=timeout_ms, polling=20)
        result.first_paint_ms = await page.evaluate("() => window.__bench.pending.paintAt")
        await walk_on(page, spec, result, think_s, timeout_ms, rng)
    finally:
        await context.close()
    return result


async def walk_on(page, spec: dict, result: Walk, think_s: float | tuple[float, float] = 0.0,
                  timeout_ms: int = TIMEOUT_MS, rng: random.Random | None = None) -> Walk:
    """Do every recorded action on a page that shows the first screen, timing each (into `result`)."""
    where = "first screen"
    try:
        for index, raw in enumerate(spec["actions"]):
            where = f"action {index} ({raw['key']})"
            action = Action(**raw)
            screen = spec["screens"][index + 1]
            if isinstance(think_s, tuple):
                await asyncio.sleep((rng or random).uniform(*think_s))
            elif think_s:
                await asyncio.sleep(think_s)
            is_next = action.role in ("next", "results")
            paint, dom = await _click_and_time(page, screen, action, timeout_ms,
                                               split=result.next_split if is_next else None)
            if is_next:
                result.next_ms.append(paint)
                result.next_dom_ms.append(dom)
                result.steps.append(screen["title"])
            else:
                result.answer_ms.append(paint)
        result.fallbacks = await page.evaluate("() => window.__bench.fallbacks")
    except Exception as error:  # noqa: BLE001 - a load test counts every failure
        result.error = f"{where}: {type(error).__name__}: {str(error).splitlines()[0][:200]}"
        try:
            result.error += " | " + await page.evaluate(
                "() => JSON.stringify([window.__bench.pending, document.querySelector('h1') && "
                "document.querySelector('h1').innerText, "
                "document.querySelectorAll('[class*=\"st-key-w__\"]').length])")
        except Exception:  # noqa: BLE001
            pass
    return result


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def _env(spec_path) -> dict[str, str]:
    return {SPEC_ENV: str(spec_path)}


# --- the measurements ---------------------------------------------------------------------

async def single_session(spec: dict, spec_path, reps: int = 3) -> dict:
    """Click-to-paint, one person at a time, walks alternating between the two apps."""
    from playwright.async_api import async_playwright

    servers = {}
    walks: dict[str, list[Walk]] = {"ours": [], "baseline": []}
    try:
        servers["ours"] = start_server("ours", APP, _env(spec_path))
        servers["baseline"] = start_server("baseline", BASELINE_APP, _env(spec_path))
        async with async_playwright() as pw:
            browser = await launch(pw)
            try:
                for name in ("ours", "baseline"):  # warm-up walk each, without a browser (imports, caches)
                    await (await ws_session.walk(servers[name].url, spec)).close()
                for rep in range(reps):
                    for name in (("ours", "baseline") if rep % 2 == 0 else ("baseline", "ours")):
                        result = await walk(browser, servers[name].url, spec)
                        if result.error:
                            raise RuntimeError(f"{name} walk failed: {result.error}")
                        walks[name].append(result)
            finally:
                await browser.close()
    finally:
        for server in servers.values():
            stop_server(server)
    return summarise_walks(walks)


def summarise_walks(walks: dict[str, list[Walk]]) -> dict:
    out: dict = {"reps": len(walks["ours"]), "results_step": walks["ours"][0].steps[-1]}
    for name, items in walks.items():
        nexts = [t for w in items for t in w.next_ms]
        doms = [t for w in items for t in w.next_dom_ms]
        answers = [t for w in items for t in w.answer_ms]
        steps = [t for w in items for step, t in zip(w.steps, w.next_ms, strict=True) if step != out["results_step"]]
        out[name] = {
            "fallbacks": sum(w.fallbacks for w in items),
            "next_paint_ms": {"median": median(nexts), "p95": p95(nexts), "n": len(nexts)},
            "step_next_paint_ms": {"median": median(steps), "p95": p95(steps), "n": len(steps)},
            "next_dom_ms": {"median": median(doms), "p95": p95(doms)},
            "answer_paint_ms": {"median": median(answers), "p95": p95(answers), "n": len(answers)},
        }
        per_step: dict[str, list[float]] = {}
        for w in items:
            for step, t in zip(w.steps, w.next_ms, strict=True):
                per_step.setdefault(step, []).append(t)
        out[name]["per_step_median_ms"] = {s: median(v) for s, v in per_step.items()}
        splits = [x for w in items for x in w.next_split]
        out[name]["next_split_ms"] = {
            "click_to_first_message": median(x[0] for x in splits),
            "first_to_last_message": median(x[1] - x[0] for x in splits),
            "last_message_to_paint": median(x[2] - x[1] for x in splits),
        }
        out[name]["next_split_p95_ms"] = {
            "click_to_first_message": p95(x[0] for x in splits),
            "first_to_last_message": p95(x[1] - x[0] for x in splits),
            "last_message_to_paint": p95(x[2] - x[1] for x in splits),
        }
    for key in ("next_paint_ms", "answer_paint_ms"):
        out[f"{key}_ratio"] = ratio(out["ours"][key]["median"], out["baseline"][key]["median"])
        out[f"{key}_ratio_p95"] = ratio(out["ours"][key]["p95"], out["baseline"][key]["p95"])
    return out


async def startup(spec: dict, spec_path, reps: int = 3) -> dict:
    """A new process, as after a deploy or a restart: process start -> first screen painted (in a browser
    that is already running); then that first person walks on to the results (the first results render
    in the process), and a second person, in a new browser context, does the same (a repeat one).

    The first walk clicks without pausing, so the results are asked for a few seconds after the
    first page load: sooner than any person would, and the hardest case for warming at start.

    First / repeat is taken within each process (both renders a few seconds apart, on one machine load),
    then the median over processes: a process that is slow throughout, as happens on a shared machine,
    moves both figures and not their ratio.
    """
    from playwright.async_api import async_playwright

    figures = ("total", "health", "first_results", "repeat_results")
    results: dict[str, dict[str, list[float]]] = {n: {k: [] for k in figures} for n in ("ours", "baseline")}
    async with async_playwright() as pw:
        browser = await launch(pw)
        try:
            for rep in range(reps):
                for name in (("ours", "baseline") if rep % 2 == 0 else ("baseline", "ours")):
                    script = APP if name == "ours" else BASELINE_APP
                    context = await browser.new_context(viewport=VIEWPORT)
                    await context.add_init_script(init_script(spec))
                    page = await context.new_page()
                    server = None
                    try:
                        server = start_server(name, script, _env(spec_path), poll=0.005)
                        await page.goto(server.url, timeout=TIMEOUT_MS)
                        await page.wait_for_function(WAIT_PAINT, timeout=TIMEOUT_MS, polling=20)
                        painted = await page.evaluate("() => performance.timeOrigin + window.__bench.pending.paintAt")
                        results[name]["total"].append(painted / 1e3 - server.started_at)
                        results[name]["health"].append(server.healthy_at - server.started_at)
                        first = await walk_on(page, spec, Walk())
                        await context.close()
                        context = None
                        repeat = await walk(browser, server.url, spec)
                        for label, done in (("first", first), ("repeat", repeat)):
                            if done.error:
                                raise RuntimeError(f"{name} {label} walk failed: {done.error}")
                        results[name]["first_results"].append(first.next_ms[-1] / 1e3)
                        results[name]["repeat_results"].append(repeat.next_ms[-1] / 1e3)
                    finally:
                        if context is not None:
                            await context.close()
                        stop_server(server)
        finally:
            await browser.close()
    out = {"reps": reps}
    for name, figures_of in results.items():
        out[name] = {k: {"median": median(v) * 1e3, "p95": p95(v) * 1e3} for k, v in figures_of.items()}
        per_process = [f / r for f, r in zip(figures_of["first_results"], figures_of["repeat_results"], strict=True)]
        out[name]["first_over_repeat_per_process"] = per_process
        out[name]["first_over_repeat_results"] = median(per_process)
    out["ratio"] = ratio(out["ours"]["total"]["median"], out["baseline"]["total"]["median"])
    out["health_ratio"] = ratio(out["ours"]["health"]["median"], out["baseline"]["health"]["median"])
    return out


PACED = (1.5, 3.5)  # seconds before each click: reading a short question and choosing, quickly
ARRIVALS_S = 10  # people arrive over this window; a walk takes about a minute, so all ten overlap for most of it
STRESS = 0.5  # the harsh variant: everyone clicking twice a second, started together


async def load(spec: dict, spec_path, sessions: int = 10, seed: int = 20261126) -> dict:
    """`sessions` people at once, each completing the whole questionnaire, on each app in turn.

    Twice per app: paced like people (a 1.5-3.5 s pause before each click, random per click;
    people arrive at random in the first ARRIVALS_S seconds) — the budget's figure — and a stress variant
    (0.5 s before every click, started 0.2 s apart), reported for comparison.
    """
    from playwright.async_api import async_playwright

    out: dict = {"sessions": sessions, "think_s": list(PACED), "arrivals_s": ARRIVALS_S,
                 "stress_think_s": STRESS, "seed": seed,
                 "stress": {}}
    async with async_playwright() as pw:
        browser = await launch(pw)
        try:
            for name, script in (("ours", APP), ("baseline", BASELINE_APP)):
                server = start_server(name, script, _env(spec_path))
                try:
                    # warm-up without a browser: imports and caches, like a service that has been running
                    await (await ws_session.walk(server.url, spec)).close()
                    rng = random.Random(seed)
                    starts = sorted(rng.uniform(0, ARRIVALS_S) for _ in range(sessions))
                    people = [random.Random(rng.random()) for _ in range(sessions)]
                    out[name] = await _crowd(browser, name, server, spec, starts,
                                             [{"think_s": PACED, "rng": person} for person in people])
                    out["stress"][name] = await _crowd(browser, name + " (stress)", server, spec,
                                                       [i * 0.2 for i in range(sessions)],
                                                       [{"think_s": STRESS}] * sessions)
                finally:
                    stop_server(server)
        finally:
            await browser.close()
    return out


async def _crowd(browser, label: str, server, spec: dict, starts: list[float], paces: list[dict]) -> dict:
    """One walk per person at once against one server (person i starts at starts[i], paced by
    paces[i]), summed up."""
    sessions = len(starts)
    idle = rss_mb(server.pid, samples=3)
    started = time.perf_counter()

    spans: list[tuple[float, float]] = []

    async def person(i: int) -> Walk:
        await asyncio.sleep(starts[i])
        begin = time.perf_counter() - started
        result = await walk(browser, server.url, spec, timeout_ms=60_000, **paces[i])
        spans.append((begin, time.perf_counter() - started))
        return result

    walks = await asyncio.gather(*[person(i) for i in range(sessions)])
    elapsed = time.perf_counter() - started
    nexts = [t for w in walks for t in w.next_ms]
    answers = [t for w in walks for t in w.answer_ms]
    splits = [x for w in walks for x in w.next_split]
    errors = [w.error for w in walks if w.error]
    result = {
        "errors": len(errors), "error_messages": errors[:5],
        "fallbacks": sum(w.fallbacks for w in walks),
        "completed": sum(1 for w in walks if not w.error and len(w.next_ms) == len(walks[0].next_ms)),
        "next_paint_ms": {"median": median(nexts), "p95": p95(nexts), "n": len(nexts)},
        "answer_paint_ms": {"median": median(answers), "p95": p95(answers)},
        "next_split_p95_ms": {
            "click_to_first_message": p95(x[0] for x in splits),
            "first_to_last_message": p95(x[1] - x[0] for x in splits),
            "last_message_to_paint": p95(x[2] - x[1] for x in splits),
        },
        "elapsed_s": elapsed,
        # how long every one of the sessions was open at the same time
        "all_open_s": max(0.0, min(end for _, end in spans) - max(begin for begin, _ in spans)),
        "rss_before_mb": idle, "rss_after_mb": rss_mb(server.pid, samples=3),
    }
    log(f"load {label}: {result['completed']}/{sessions} completed, "
        f"p95 next {result['next_paint_ms']['p95']:.0f} ms, {elapsed:.0f} s")
    return result
