"""Every crisis and emergency number, pinned twice: in rules/crisis_lines.yaml and in this reviewed table.

SAFETY.md S1. Review 14 (r14-7): the region test compared the data with itself, so a wrong emergency
number for India passed 1,363 tests. A changed number now fails here until this table is changed too,
with the number found in the evidence notes (docs/evidence/CRISIS_LINES.md or FACTS.md section 13), which
say where each was checked. Digits only, read by engine.links.phone_numbers (the reading that makes them
tappable): the words around a number are checked elsewhere.
"""

from __future__ import annotations

import dataclasses
import re

from engine.links import phone_numbers
from tests.conftest import ROOT

# region -> {"emergency" or a line's name: its numbers, in the order written}
PINNED = {
    "us": {"emergency": "911", "988 Suicide & Crisis Lifeline": "988", "Crisis Text Line": "741741"},
    "uk": {"emergency": "999", "Samaritans": "116123", "NHS 111 (England and Wales), mental health option": "111",
           "Shout": "85258", "NHS 24 (Scotland), mental health support": "111",
           "Breathing Space (Scotland, evenings and weekends)": "0800838587",
           "Lifeline (Northern Ireland)": "08088088000 1800108088088000",
           "Papyrus HOPELINE247 (for people under 35)": "08000684141", "Childline (for people under 19)": "08001111"},
    "ca": {"emergency": "911", "9-8-8 Suicide Crisis Helpline": "988", "Kids Help Phone": "18006686868 686868"},
    "au": {"emergency": "000", "Lifeline": "131114 0477131114", "Kids Helpline (ages 5 to 25)": "1800551800"},
    "nz": {"emergency": "111", "1737 Need to talk?": "1737", "Lifeline Aotearoa": "0800543354",
           "Youthline (ages 12 to 24)": "0800376633 234"},
    "ie": {"emergency": "112 999", "Samaritans": "116123", "Childline (for people up to 18)": "1800666666 50101"},
    "in": {"emergency": "112", "Tele-MANAS": "14416 18008914416"},
    "other": {"emergency": "", "Find A Helpline": ""},
}


def _as_written(bundle) -> dict[str, dict[str, str]]:
    written = {}
    for code, region in bundle.regions.items():
        numbers = {"emergency": " ".join(phone_numbers(region.emergency))}
        for line in (*region.lines, *region.youth_lines):
            said = phone_numbers(line.contact) + phone_numbers(line.text_option or "")
            numbers[line.name] = " ".join(dict.fromkeys(said))
        written[code] = numbers
    return written


def test_every_crisis_and_emergency_number_is_the_reviewed_one(bundle):
    assert _as_written(bundle) == PINNED


def test_every_pinned_number_is_in_the_evidence_notes():
    evidence = "".join((ROOT / "docs" / "evidence" / name).read_text(encoding="utf-8")
                       for name in ("CRISIS_LINES.md", "FACTS.md"))
    digits = re.sub(r"[\s-]", "", evidence)
    missing = [(region, name, number) for region, lines in PINNED.items() for name, numbers in lines.items()
               for number in numbers.split() if number not in digits]
    assert missing == []


def test_a_wrong_emergency_number_fails(bundle):
    """The check itself: India's 112 changed to 911 (the change r14-7 made in a copy) is caught."""
    india = bundle.regions["in"].model_copy(update={"emergency": "Call 911 if you are in immediate danger"})
    changed = dataclasses.replace(bundle, regions={**bundle.regions, "in": india})
    assert _as_written(changed) != PINNED
