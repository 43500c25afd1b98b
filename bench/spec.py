"""Record what our app renders on each screen of one walk through the questionnaire.

`record_walk()` drives app.py with AppTest, answering every visible question (choosing
the option that keeps the most questions visible, so the walk shows every widget the
questionnaire can show) and ticking up to two boxes per multiple-choice question,
then Next, the review page and the results page. After every interaction it records
the element tree. The result is a *spec*: the screens, and the actions that lead from
one to the next.

The baseline app (bench/baseline_app.py) replays the spec: on the n-th run it renders
screen n with the same elements (same kinds, same count, same text, same widget keys)
and does nothing else. Both apps then get the same actions, so any difference in their
time is what our app does beyond rendering the same page.
"""

from __future__ import annotations

import base64
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streamlit.proto.Block_pb2 import Block as BlockProto
from streamlit.proto.Element_pb2 import Element as ElementProto

from bench.common import APP
from engine.bundle import Bundle
from engine.flow import person_path

WIDGET_PREFIX = "w__"
MAX_TICKS = 2
NAV_NEXT, NAV_RESULTS = "nav_next__", "nav_results"  # Next buttons are keyed by their step: nav_next__<step>
SUPPORT_CONTINUE = "support_continue"  # "Continue when you are ready" on the safety support screen
_FIELD_OF_MESSAGE = {f.message_type.full_name: f.name
                     for f in ElementProto.DESCRIPTOR.oneofs_by_name["type"].fields if f.message_type}


@dataclass
class Action:
    kind: str  # radio | checkbox | button
    key: str
    value: Any = None  # radio: the code chosen
    index: int = -1  # radio: position of the option (for the browser)
    step: str = ""  # title of the screen the action is taken on
    role: str = "answer"  # answer | next | results

    def to_json(self) -> dict:
        return dict(self.__dict__)


def apply(at, action: Action):
    """Perform one action on an AppTest and run the script (the interaction being timed)."""
    if action.kind == "radio":
        return at.radio(key=action.key).set_value(action.value).run()
    if action.kind == "checkbox":
        return at.checkbox(key=action.key).check().run()
    return at.button(key=action.key).click().run()


# --- element tree -> JSON ----------------------------------------------------------

def _raw(delta_type: str, proto) -> dict:
    return {"k": "raw", "delta": delta_type, "b64": base64.b64encode(proto.SerializeToString()).decode()}


def _leaf(el, codes_of: dict[str, tuple[list[str], list[str]]]) -> dict:
    proto = el.proto
    name = proto.DESCRIPTOR.name
    key = getattr(el, "key", None)
    if name == "Markdown":
        kinds = {proto.NATIVE: "markdown", proto.CAPTION: "caption", proto.DIVIDER: "divider"}
        kind = kinds.get(proto.element_type)
        if kind:
            return {"k": kind, "body": proto.body, "help": proto.help}
    if name == "Heading":
        return {"k": "heading", "tag": proto.tag, "body": proto.body, "hide_anchor": proto.hide_anchor,
                "divider": proto.divider, "help": proto.help}
    if name == "Alert":
        return {"k": "alert", "format": proto.Format.Name(proto.format).lower(), "body": proto.body,
                "icon": proto.icon}
    if name == "Progress":
        return {"k": "progress", "value": proto.value, "text": proto.text}
    if name == "Radio" and key:
        codes, labels = codes_of.get(key, (list(proto.options), list(proto.options)))
        return {"k": "radio", "key": key, "label": proto.label, "codes": codes, "labels": labels,
                "help": proto.help, "horizontal": proto.horizontal, "disabled": proto.disabled}
    if name == "Checkbox" and key:
        return {"k": "checkbox", "key": key, "label": proto.label, "help": proto.help, "disabled": proto.disabled}
    if name == "Button" and key:
        return {"k": "button", "key": key, "label": proto.label, "type": proto.type, "help": proto.help,
                "disabled": proto.disabled, "icon": proto.icon}
    if key and name == "MultiSelect":
        return {"k": "multiselect", "key": key, "label": proto.label, "options": list(proto.options),
                "default": list(proto.default), "help": proto.help, "placeholder": proto.placeholder,
                "disabled": proto.disabled}
    if key and name == "Selectbox":
        return {"k": "selectbox", "key": key, "label": proto.label, "options": list(proto.options),
                "help": proto.help, "placeholder": proto.placeholder, "disabled": proto.disabled}
    if key and name in ("TextArea", "TextInput"):
        return {"k": "text_area" if name == "TextArea" else "text_input", "key": key, "label": proto.label,
                "max_chars": proto.max_chars or None, "help": proto.help, "placeholder": proto.placeholder,
                "disabled": proto.disabled, "collapsed": proto.label_visibility.value == 2}
    if key and name == "DownloadButton":
        return {"k": "download_button", "key": key, "label": proto.label, "help": proto.help,
                "icon": proto.icon, "type": proto.type, "disabled": proto.disabled}
    if key and name == "FileUploader":
        return {"k": "file_uploader", "key": key, "label": proto.label, "types": list(proto.type),
                "help": proto.help, "disabled": proto.disabled}
    field = _FIELD_OF_MESSAGE.get(proto.DESCRIPTOR.full_name)
    if field is None:
        return {"k": "markdown", "body": "", "help": ""}  # unreachable for any Streamlit element
    node = _raw(field, proto)
    node["key"] = key
    return node


def _full_block_proto(proto) -> BlockProto:
    """AppTest keeps only a sub-message for some blocks (Column, Expander, Tab): wrap it back."""
    if proto is None:
        return BlockProto()
    if isinstance(proto, BlockProto):
        return proto
    for f in BlockProto.DESCRIPTOR.fields:
        if f.message_type is not None and f.message_type.full_name == proto.DESCRIPTOR.full_name:
            block = BlockProto()
            getattr(block, f.name).CopyFrom(proto)
            return block
    return BlockProto()


def _block(block, codes_of) -> dict:
    from streamlit.testing.v1.element_tree import Column, Expander

    children = [node_to_json(ch, codes_of) for ch in block.children.values()]
    if isinstance(block, Column):
        return {"k": "column", "children": children}
    if isinstance(block, Expander):
        return {"k": "expander", "label": block.proto.label, "expanded": block.proto.expanded,
                "icon": block.proto.icon, "children": children}
    proto = _full_block_proto(block.proto)
    if proto.WhichOneof("type") == "flex_container":
        flex = proto.flex_container
        if children and all(ch["k"] == "column" for ch in children):
            return {"k": "columns", "n": len(children), "children": children}
        if flex.direction == BlockProto.FlexContainer.Direction.VERTICAL:
            return {"k": "container", "border": flex.border, "key": getattr(block, "key", None), "children": children}
    return {"k": "rawblock", "b64": base64.b64encode(proto.SerializeToString()).decode(), "children": children}


def node_to_json(node, codes_of) -> dict:
    from streamlit.testing.v1.element_tree import Block

    if isinstance(node, Block):
        return _block(node, codes_of)
    return _leaf(node, codes_of)


def screen_to_json(at, codes_of) -> dict:
    main = [node_to_json(ch, codes_of) for ch in at.main.children.values()]
    sidebar = [node_to_json(ch, codes_of) for ch in at.sidebar.children.values()]
    titles = [t.value for t in at.title]
    widgets = [k for k in _keys(main) if k.startswith(WIDGET_PREFIX)]
    return {"main": main, "sidebar": sidebar, "title": titles[0] if titles else "", "widgets": widgets,
            "buttons": [b.key for b in at.button if b.key]}


def _keys(nodes: list[dict]):
    """Keys of every keyed element (the browser counts those starting with w__ to know a screen is complete)."""
    for node in nodes:
        if node.get("key") and node["k"] not in ("container", "rawblock"):
            yield node["key"]
        yield from _keys(node.get("children", []))


# --- the walk --------------------------------------------------------------------------

def _codes_of(bundle: Bundle) -> dict[str, tuple[list[str], list[str]]]:
    return {f"{WIDGET_PREFIX}{q.id}": (list(q.codes), [o.label for o in q.options])
            for q in bundle.questions if q.type == "single"}


def _best_option(bundle: Bundle, answers: dict, qid: str, rng: random.Random) -> str:
    codes = bundle.question_by_id[qid].codes_to_show(None)  # the options offered today
    rng.shuffle(codes)
    return max(codes, key=lambda c: len(person_path(bundle, {**answers, qid: c}).visible))


def record_walk(bundle: Bundle, seed: int = 6, timeout: float = 60, required_only: bool = False) -> dict:
    """Walk our app once with AppTest and return the spec: screens and the actions between them.

    `required_only`: answer only the required questions (a shorter walk for the browser).
    """
    from streamlit.testing.v1 import AppTest

    rng = random.Random(seed)
    codes_of = _codes_of(bundle)
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.run()
    _check(at)
    screens = [screen_to_json(at, codes_of)]
    actions: list[Action] = []
    answers: dict[str, Any] = {}
    ticked: set[str] = set()
    plan: dict[str, list[str]] = {}

    def do(action: Action) -> None:
        action.step = screens[-1]["title"]
        apply(at, action)
        _check(at)
        actions.append(action)
        screens.append(screen_to_json(at, codes_of))

    for _ in range(400):  # a hard bound: the walk is about 60 actions
        keys = {b.key for b in at.button}
        if NAV_RESULTS in keys:
            do(Action("button", NAV_RESULTS, role="results"))
            break
        pending = next((r for r in at.radio if r.key and r.key.startswith(WIDGET_PREFIX) and r.value is None
                        and (not required_only
                             or bundle.question_by_id[r.key[len(WIDGET_PREFIX):]].required)), None)
        if pending is not None:
            qid = pending.key[len(WIDGET_PREFIX):]
            code = _best_option(bundle, answers, qid, rng)
            answers[qid] = code
            do(Action("radio", pending.key, code, list(bundle.question_by_id[qid].codes).index(code)))
            continue
        box = None if required_only else _next_box(bundle, at, plan, ticked, rng)
        if box is not None:
            qid, code = box
            ticked.add(f"{qid}__{code}")
            answers.setdefault(qid, []).append(code)
            do(Action("checkbox", f"{WIDGET_PREFIX}{qid}__{code}"))
            continue
        if SUPPORT_CONTINUE in keys:
            do(Action("button", SUPPORT_CONTINUE, role="next"))
            continue
        do(Action("button", next(k for k in keys if k and k.startswith(NAV_NEXT)), role="next"))
    else:
        raise RuntimeError("the walk did not reach the results page")
    return {"screens": screens, "actions": [a.to_json() for a in actions], "answers": answers, "seed": seed,
            "required_only": required_only}


def _next_box(bundle: Bundle, at, plan: dict[str, list[str]], ticked: set[str],
              rng: random.Random) -> tuple[str, str] | None:
    """The next box to tick: up to MAX_TICKS non-exclusive options per multiple-choice question."""
    for box in at.checkbox:
        if not (box.key and box.key.startswith(WIDGET_PREFIX)):
            continue
        qid = box.key[len(WIDGET_PREFIX):].partition("__")[0]
        if qid not in plan:
            question = bundle.question_by_id[qid]
            choices = [c for c in question.codes if c not in question.exclusive]
            plan[qid] = rng.sample(choices, min(MAX_TICKS, len(choices)))
        for code in plan[qid]:
            if f"{qid}__{code}" not in ticked:
                return qid, code
    return None


def _check(at) -> None:
    if at.exception:
        raise RuntimeError(f"the app raised: {[e.value for e in at.exception]}")


def write_spec(spec: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path
