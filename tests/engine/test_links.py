"""What can be tapped in a crisis line's text, for the page and the PDF alike."""

from __future__ import annotations

import pytest

from engine.links import tappable


@pytest.mark.parametrize(("text", "pieces"), [
    ("Call 116 123 (free)", [("Call ", None), ("116 123", "tel:116123"), (" (free)", None)]),
    ("Call 0800 376 633 or text 234", [("Call ", None), ("0800 376 633", "tel:0800376633"), (" or text ", None),
                                       ("234", "sms:234")]),
    ("Text HOME to 741741", [("Text HOME to ", None), ("741741", "sms:741741?&body=HOME")]),
    ("Visit findahelpline.com", [("Visit ", None), ("findahelpline.com", "https://findahelpline.com")]),
    ("Call 111 and press 2", [("Call ", None), ("111", "tel:111"), (" and press 2", None)]),  # 2 is no number
    ("988", [("988", None)]),  # no verb: nothing says whether to call or to text
])
def test_numbers_and_web_addresses_become_what_a_tap_opens(text, pieces):
    assert tappable(text) == pieces


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
