"""A Streamlit session without a browser: the websocket protocol, spoken from Python.

Used for the memory figures: it opens /_stcore/stream like the frontend does, asks for
script runs with the widget states a person's clicks would produce, and reads the
ForwardMsgs until each run has finished. The server holds exactly what it holds for a
browser tab (session state, widget states, the elements sent), without a Chromium page
per session on a 2-core machine.
"""

from __future__ import annotations

import asyncio

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState


class WsSession:
    def __init__(self, url: str):
        self.url = url  # http://127.0.0.1:port
        self.ws = None
        self.states: dict[str, WidgetState] = {}  # widget id -> last value, kept like the frontend keeps it
        self.ids: dict[str, str] = {}  # user key -> widget id
        self.page_hash = ""
        self.runs = 0

    async def open(self) -> None:
        import websockets

        ws_url = self.url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit"], origin=self.url.rstrip("/"),
                                           max_size=None, ping_interval=None)
        await self.rerun()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def rerun(self, trigger: WidgetState | None = None, timeout: float = 60) -> list[ForwardMsg]:
        msg = BackMsg()
        client = msg.rerun_script
        client.page_script_hash = self.page_hash
        for state in self.states.values():
            client.widget_states.widgets.append(state)
        if trigger is not None:
            client.widget_states.widgets.append(trigger)
        await self.ws.send(msg.SerializeToString())
        received = []
        seen: set[str] = set()
        while True:
            data = await asyncio.wait_for(self.ws.recv(), timeout)
            fmsg = ForwardMsg()
            fmsg.ParseFromString(data)
            received.append(fmsg)
            kind = fmsg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fmsg.new_session.page_script_hash or self.page_hash
            elif kind == "page_info_changed" or kind == "navigation":
                page_hash = getattr(getattr(fmsg, kind), "page_script_hash", "")
                self.page_hash = page_hash or self.page_hash
            elif kind == "delta" and fmsg.delta.WhichOneof("type") == "new_element":
                element = fmsg.delta.new_element
                inner = getattr(element, element.WhichOneof("type"))
                widget_id = getattr(inner, "id", "")
                if widget_id and "-" in widget_id:
                    self.ids[widget_id.split("-", 2)[-1]] = widget_id
                    seen.add(widget_id)
            elif kind == "script_finished":
                if fmsg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_EARLY_FOR_RERUN,
                                            ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                    self.runs += 1
                    if fmsg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        # Like the frontend: keep the values of the widgets on screen only.
                        self.states = {k: v for k, v in self.states.items() if k in seen}
                        self.ids = {k: v for k, v in self.ids.items() if v in seen}
                        return received
                else:
                    raise RuntimeError(f"script run ended with {fmsg.script_finished}")

    async def act(self, action: dict, screen: dict) -> list[ForwardMsg]:
        """Do one recorded action (bench/spec.py) the way the frontend would send it."""
        key = action["key"]
        widget_id = self.ids.get(key)
        if widget_id is None:
            raise RuntimeError(f"no widget with key {key!r} on this screen")
        state = WidgetState(id=widget_id)
        if action["kind"] == "button":
            state.trigger_value = True
            return await self.rerun(trigger=state)
        if action["kind"] == "radio":
            node = _find(screen_nodes(screen), key)
            state.string_value = node["labels"][action["index"]] if node else str(action["value"])
        else:
            state.bool_value = True
        self.states[widget_id] = state
        return await self.rerun()


def screen_nodes(screen: dict):
    stack = list(screen["main"])
    while stack:
        node = stack.pop()
        yield node
        stack.extend(node.get("children", []))


def _find(nodes, key: str) -> dict | None:
    return next((n for n in nodes if n.get("key") == key), None)


async def walk(url: str, spec: dict) -> WsSession:
    """Open a session and do every action of the walk; the session stays open (close it yourself)."""
    session = WsSession(url)
    await session.open()
    for index, action in enumerate(spec["actions"]):
        await session.act(action, spec["screens"][index])
    return session
