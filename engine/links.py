"""What can be tapped in a crisis line's text: phone numbers (to call or to text) and web addresses.

One reading for the page (components/frame.dial writes Markdown links) and for the PDF (fpdf2 links),
so a number that can be tapped on screen can be tapped in the file too.
"""

from __future__ import annotations

import re

# A phone number has at least three digits: "press 2" in "Call 111 and press 2" is not one,
# and digits inside a word ("988lifeline.org") are part of a web address, not a number.
_NUMBER = r"(?<!\w)\d(?:[ -]?\d){2,}(?!\w)"
# A web address as the crisis-lines file writes one: "findahelpline.com", "lifeline.org.au".
_WEB = r"(?<![\w.@/])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|org|net|ie|uk|au|nz|ca|in)\b"
_TAPPABLE = re.compile(f"(?P<web>{_WEB})|(?P<number>{_NUMBER})")
_KEYWORD = re.compile(r"\btext ([A-Z]+) to\s*$", re.IGNORECASE)  # "Text HOME to 741741"
# The words that say what a tap does, right before the number: they go inside its link (review a16, a16-1), so a
# screen reader's list of links reads "Call 988", "text 988", "Text HOME to 741741", not "988, 988, 741741".
_VERB = re.compile(r"\b(?:(?:call|text) or )?(?:call|text)(?: [A-Z]+ to)? ?$", re.IGNORECASE)
_SAYS = {"tel": "call", "sms": "text"}


def phone_numbers(text: str) -> list[str]:
    """Every phone number in a text as dialled, digits only ("Call 0800 83 85 87" -> "0800838587"), in order."""
    return [re.sub(r"\D", "", found) for found in re.findall(_NUMBER, text)]


def tappable(text: str) -> list[tuple[str, str | None]]:
    """The text in pieces, each with the address a tap opens (None: plain text).

    A number is a call (tel:) or a text (sms:) by the verb before it ("Call ... or text 234": the
    second number takes a text, so tapping it must not start a call); a number with no verb of its own
    keeps the one before. A text with a keyword opens the message with the keyword written. A web
    address opens the service's site, so someone outside the listed countries has something to tap.
    The verb right before a number is part of its piece ("Call 116 123", "Text HOME to 741741"): the words
    read the same, and what a tap does is in the link's own name (a16-1).
    """
    pieces: list[tuple[str, str | None]] = []
    scheme, end = None, 0
    for match in _TAPPABLE.finditer(text):
        found, before = match.group(0), text[end:match.start()]
        if before:
            pieces.append((before, None))
        if match.group("web"):
            pieces.append((found, f"https://{found}"))
        else:
            lowered = before.lower()
            scheme = "tel" if "call" in lowered else "sms" if "text" in lowered else scheme
            keyword = _KEYWORD.search(before)
            body = f"?&body={keyword.group(1)}" if scheme == "sms" and keyword else ""
            address = f"{scheme}:{re.sub(r'[^0-9]', '', found)}{body}" if scheme else None
            verb = _VERB.search(before) if scheme else None
            if verb and _SAYS[scheme] in verb.group(0).lower():  # "Call or text 9-8-8" is a call: it says "call"
                pieces[-1:] = [(before[:verb.start()], None)] if verb.start() else []
                found = before[verb.start():] + found
            pieces.append((found, address))
        end = match.end()
    if text[end:]:
        pieces.append((text[end:], None))
    return pieces


def named_links(text: str) -> list[tuple[str, str | None]]:
    """`tappable` for a screen: every call or text link's own words say what a tap does (review a16, a16-1).

    A number with no verb of its own ("Call 112 or 999") gets one inside its link ("or call 999"): a screen
    reader's list of links reads each link alone. The files keep their words (`tappable`).
    """
    pieces = []
    for piece, address in tappable(text):
        scheme = address.split(":", 1)[0] if address else None
        if scheme in _SAYS and not piece.lower().startswith(_SAYS[scheme]):
            piece = f"{_SAYS[scheme]} {piece}"
        pieces.append((piece, address))
    return pieces
