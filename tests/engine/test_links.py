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
