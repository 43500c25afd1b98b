"""Render trusted Markdown from content/ with headings moved under the page's own."""

from __future__ import annotations

import re

_HEADING = re.compile(r"^(#{1,6})(\s)", re.MULTILINE)


def demote_headings(markdown: str, levels: int) -> str:
    """`## What it is` becomes `#### What it is` when the section title is an h3."""
    return _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + levels) + m.group(2), markdown)
