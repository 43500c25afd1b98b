"""The baseline app's rendering (see bench/baseline_app.py); a module, so it is compiled once."""

from __future__ import annotations

import base64
import json
import os

import streamlit as st
from streamlit.proto.Block_pb2 import Block as BlockProto
from streamlit.proto.Element_pb2 import Element as ElementProto

_MESSAGES = {f.name: f.message_type._concrete_class
             for f in ElementProto.DESCRIPTOR.oneofs_by_name["type"].fields if f.message_type}


@st.cache_resource(show_spinner=False)
def load_spec(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def advance() -> None:
    st.session_state.screen = st.session_state.get("screen", 0) + 1


def render(nodes: list[dict], dg) -> None:
    for node in nodes:
        kind = node["k"]
        if kind == "markdown":
            dg.markdown(node["body"], help=node["help"] or None)
        elif kind == "caption":
            dg.caption(node["body"], help=node["help"] or None)
        elif kind == "divider":
            dg.divider()
        elif kind == "heading":
            anchor = False if node["hide_anchor"] else None
            call = {"h1": dg.title, "h2": dg.header, "h3": dg.subheader}.get(node["tag"], dg.subheader)
            call(node["body"], anchor=anchor, help=node["help"] or None)
        elif kind == "alert":
            call = {"error": dg.error, "warning": dg.warning, "success": dg.success}.get(node["format"], dg.info)
            call(node["body"], icon=node["icon"] or None)
        elif kind == "progress":
            dg.progress(node["value"], text=node["text"] or None)
        elif kind == "radio":
            labels = dict(zip(node["codes"], node["labels"], strict=True))
            dg.radio(node["label"], node["codes"], index=None, format_func=labels.__getitem__, key=node["key"],
                     on_change=advance, help=node["help"] or None, horizontal=node["horizontal"],
                     disabled=node["disabled"])
        elif kind == "checkbox":
            dg.checkbox(node["label"], key=node["key"], on_change=advance, help=node["help"] or None,
                        disabled=node["disabled"])
        elif kind == "button":
            dg.button(node["label"], key=node["key"], on_click=advance, type=node["type"] or "secondary",
                      help=node["help"] or None, disabled=node["disabled"], icon=node["icon"] or None,
                      width="stretch" if node["key"].startswith("nav_") else "content")
        elif kind == "multiselect":
            dg.multiselect(node["label"], node["options"], default=node["default"], key=node["key"],
                           on_change=advance, help=node["help"] or None, placeholder=node["placeholder"] or None,
                           disabled=node["disabled"])
        elif kind == "selectbox":
            dg.selectbox(node["label"], node["options"], index=None, key=node["key"], on_change=advance,
                         help=node["help"] or None, placeholder=node["placeholder"] or None,
                         disabled=node["disabled"])
        elif kind in ("text_area", "text_input"):
            call = dg.text_area if kind == "text_area" else dg.text_input
            call(node["label"], key=node["key"], on_change=advance, max_chars=node["max_chars"],
                 help=node["help"] or None, placeholder=node["placeholder"] or None, disabled=node["disabled"],
                 label_visibility="collapsed" if node["collapsed"] else "visible")
        elif kind == "download_button":
            dg.download_button(node["label"], data=b"", key=node["key"], on_click="ignore", help=node["help"] or None,
                               icon=node["icon"] or None, type=node["type"] or "secondary", disabled=node["disabled"])
        elif kind == "file_uploader":
            dg.file_uploader(node["label"], type=node["types"] or None, key=node["key"], on_change=advance,
                             help=node["help"] or None, disabled=node["disabled"])
        elif kind == "container":
            render(node["children"], dg.container(border=node["border"], key=node["key"]))
        elif kind == "columns":
            for column, child in zip(dg.columns(node["n"]), node["children"], strict=True):
                render(child["children"], column)
        elif kind == "column":
            render(node["children"], dg)
        elif kind == "expander":
            render(node["children"], dg.expander(node["label"], expanded=node["expanded"], icon=node["icon"] or None))
        elif kind == "rawblock":
            block = BlockProto()
            block.ParseFromString(base64.b64decode(node["b64"]))
            render(node["children"], dg._block(block))
        elif kind == "raw":
            message = _MESSAGES[node["delta"]]()
            message.ParseFromString(base64.b64decode(node["b64"]))
            dg._enqueue(node["delta"], message)


def main() -> None:
    st.set_page_config(page_title="Baseline", layout="centered")
    spec = load_spec(os.environ["TRD_BENCH_SPEC"])
    screen = spec["screens"][min(st.session_state.get("screen", 0), len(spec["screens"]) - 1)]
    render(screen["main"], st._main)
    if screen["sidebar"]:
        render(screen["sidebar"], st.sidebar)
