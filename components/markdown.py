"""Prepare trusted Markdown from content/ for the results page."""

from __future__ import annotations

import re

_ANY_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def headings_as_bold(markdown: str) -> str:
    """Body headings as bold lines, for section bodies shown inside "Read more".

    Streamlit gives every Markdown heading an id made from its text, and every section
    has the same headings ("What it is", "Side effects"), so the results page would
    repeat ids (an axe violation). Section titles stay real headings (h3).
    """
    return _ANY_HEADING.sub(lambda m: f"**{m.group(1)}**", markdown)
