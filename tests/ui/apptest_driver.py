"""Drive the app in AppTest the way a person would: answer, Next, Back, Edit."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def new_app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return at.run()


def answer(at: AppTest, qid: str, value: Any) -> AppTest:
    if isinstance(value, list):
        for code in value:
            at.checkbox(key=f"w__{qid}__{code}").check().run()
    else:
        at.radio(key=f"w__{qid}").set_value(value).run()
    return at


def answer_all(at: AppTest, answers: dict[str, Any]) -> AppTest:
    for qid, value in answers.items():
        answer(at, qid, value)
    return at


def nav(at: AppTest, key: str) -> Any:
    """A button by key; navigation buttons carry their screen in the key (nav_next__<step id>)."""
    found = [b for b in at.button if b.key == key or (b.key or "").startswith(f"{key}__")]
    assert len(found) == 1, (key, [b.key for b in at.button])
    return found[0]


def click(at: AppTest, key: str) -> AppTest:
    nav(at, key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def title(at: AppTest) -> str:
    return at.title[0].value if at.title else ""


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    parts += [e.value for e in at.error] + [t.value for t in at.title] + [h.value for h in at.header]
    parts += [s.value for s in at.subheader]
    return "\n".join(str(p) for p in parts)


def section_titles(at: AppTest) -> list[str]:
    """The information sections' titles, in order (the results page has other h3 headings too)."""
    return [block.subheader[0].value for block in _blocks(at.main)
            if (getattr(block, "key", None) or "").startswith("section_")]


def _blocks(block: Any) -> list[Any]:
    found = []
    for child in getattr(block, "children", {}).values():
        if hasattr(child, "children"):
            found.append(child)
            found += _blocks(child)
    return found


def notes(at: AppTest, tone: str = "") -> list[str]:
    """The text of each frame.note on the page, in order (`tone`: info, error or warning; all when empty). A note
    looks like st.info, st.error or st.warning but is no live region (review a16, a16-3, a16-5)."""
    return [block.markdown[0].value for block in _blocks(at.main)
            if (getattr(block, "key", None) or "").startswith(f"note_{tone}")]


def banner_box(at: AppTest) -> tuple[str, str]:
    """The crisis banner's box as (how it is drawn, its text): "alert" (st.error, announced: role=alert),
    "error" (red, not announced) or "info" (calm, not announced)."""
    [box] = [block for block in _blocks(at.main) if getattr(block, "key", None) == "crisis_banner"]
    for child in box.children.values():
        if type(child).__name__ == "Error":
            return "alert", child.value
        key = getattr(child, "key", None) or ""
        if key.startswith("note_"):
            return key.split("_")[1], child.markdown[0].value
    raise AssertionError("the crisis banner has no box")
