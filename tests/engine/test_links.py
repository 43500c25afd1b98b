"""What can be tapped in a crisis line's text, for the page and the PDF alike."""

from __future__ import annotations

import pytest

from engine.links import tappable


# Review a16 (a16-1): the verb before a number is part of its link, so the link's own name says what a tap does.
@pytest.mark.parametrize(("text", "pieces"), [
    ("Call 116 123 (free)", [("Call 116 123", "tel:116123"), (" (free)", None)]),
    ("Call 0800 376 633 or text 234", [("Call 0800 376 633", "tel:0800376633"), (" or ", None),
                                       ("text 234", "sms:234")]),
    ("Text HOME to 741741", [("Text HOME to 741741", "sms:741741?&body=HOME")]),
    ("Visit findahelpline.com", [("Visit ", None), ("findahelpline.com", "https://findahelpline.com")]),
    ("Call 111 and press 2", [("Call 111", "tel:111"), (" and press 2", None)]),  # 2 is no number
    ("Textphone: call 18001 0808 808 8000",
     [("Textphone: ", None), ("call 18001 0808 808 8000", "tel:1800108088088000")]),
    ("Call 112 or 999", [("Call 112", "tel:112"), (" or ", None), ("999", "tel:999")]),  # the files' words: as written
    ("988", [("988", None)]),  # no verb: nothing says whether to call or to text
])
def test_numbers_and_web_addresses_become_what_a_tap_opens(text, pieces):
    assert tappable(text) == pieces
    assert "".join(piece for piece, _ in pieces) == text  # the PDF and the Markdown read as before


def _every_crisis_text(bundle) -> list[str]:
    """Every crisis text a screen shows with links: each line's contact and other ways in, each emergency number
    (as the banner gives it and as the action alone), the first line with it, and the urgent notes' call."""
    from engine.evaluate import crisis_help
    from engine.summary import crisis_line_text

    texts = []
    for code, region in bundle.regions.items():
        for line in (*region.lines, *region.youth_lines):
            texts += [line.contact, line.text_option or "", crisis_line_text(line)]
        help_ = crisis_help(bundle, {"region": code})
        texts += [region.emergency, help_.emergency, help_.emergency_call, help_.first_line]
    return [text for text in texts if text]


def test_every_call_or_text_link_says_call_or_text_in_its_own_words(bundle):
    """Review a16 (a16-1): a screen reader's list of links read "988, 988, 741741, 911, 116 123, 111...": no
    service, and no call or text. On every screen each tel: or sms: link's text now starts with what a tap does."""
    from engine.links import named_links

    checked = 0
    for text in _every_crisis_text(bundle):
        for piece, address in named_links(text):
            if address and address.split(":")[0] in {"tel", "sms"}:
                checked += 1
                verb = "call" if address.startswith("tel:") else "text"
                assert piece.lower().startswith(verb) and piece[0] in "CcTt", (text, piece, address)
    assert checked > 40


def test_every_line_that_takes_texts_can_be_texted_with_one_tap_from_its_contact(bundle):
    """Review 15 (h15-5): "Call or text 988" linked only a call, and Lifeline's text number was not in the
    banner at all, so a person who cannot talk had no tap-to-text route on most pages. The banner shows a
    line's `contact`: where a line takes texts, that contact has a text (sms:) link of its own."""
    from engine.links import tappable

    for code, region in bundle.regions.items():
        for line in (*region.lines, *region.youth_lines):
            takes_texts = "text" in f"{line.contact} {line.text_option or ''}".lower() and "Textphone" not in (
                line.text_option or "") and "find the text number" not in (line.text_option or "")
            if takes_texts:
                links = [address for _, address in tappable(line.contact) if address]
                assert any(a.startswith("sms:") for a in links), (code, line.name, line.contact)
                if "call" in line.contact.lower():
                    assert any(a.startswith("tel:") for a in links), (code, line.name, line.contact)
