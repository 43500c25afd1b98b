"""Where a person lives chooses their crisis lines, and nothing else (review 9, read in every region).

The results page, the PDF and the About page say so ("They are the same in every country, so ask what
is approved, offered and paid for where you live"). These tests keep that sentence true, and make sure
no part of a crisis line is kept in the rules where nobody sees it.
"""

from __future__ import annotations

import pytest

from engine.bundle import validate_bundle
from engine.evaluate import evaluate
from engine.models import CrisisLine, YouthLine
from engine.summary import SECTIONS_INTRO, crisis_line_text


def _sections(bundle, answers):
    outcome = evaluate(bundle, answers)
    return [(s.id, s.why, s.cautions, s.placed_early) for s in outcome.sections], outcome.crisis_help


def test_the_region_changes_the_crisis_lines_and_nothing_else(bundle):
    """If a section, a reason or a caution ever depends on the region, the sentence that says the sections
    are the same in every country must change too (and this test with it)."""
    assert "same in every country" in SECTIONS_INTRO
    regions = list(bundle.regions)
    for persona in bundle.personas.personas:
        seen = {code: _sections(bundle, {**persona.answers, "region": code}) for code in regions}
        first = seen[regions[0]][0]
        assert all(sections == first for sections, _ in seen.values()), persona.id
        # ...while the crisis lines do change: the comparison above is not between empty results.
        assert len({help_.emergency for _, help_ in seen.values()}) > 1, persona.id


@pytest.mark.parametrize("field", sorted(set(CrisisLine.model_fields) - {"name", "contact"}))
def test_every_part_of_a_crisis_line_reaches_the_person(bundle, field):
    """Review r9-4: Northern Ireland's textphone number sat in a `note` that nothing showed. Every field a
    crisis line can have is in what the support screen, the About page and the files print for it."""
    shown_somewhere = False
    for code, info in bundle.regions.items():
        for line in (*info.lines, *info.youth_lines):
            value = getattr(line, field, None)
            if value:
                shown_somewhere = True
                assert value in crisis_line_text(line) or value in line.contact, (code, line.name, field)
    assert shown_somewhere, f"no crisis line uses {field!r}: a field nobody fills in should go"


def test_the_fallback_region_must_have_lines_even_when_the_question_drops_it(bundle_copy):
    """Before a person says where they live, and for a region code without its own lines, the help shown is
    the "other" region's. A bundle without it loaded fine and then crashed on the first results page."""
    for name, old in (("questions.yaml", "          - {code: other, label: Somewhere else}\n"),
                      ("crisis_lines.yaml", None)):
        path = bundle_copy / "rules" / name
        text = path.read_text(encoding="utf-8")
        if old is None:  # cut the whole "other:" region, to the end of the file
            text = text[:text.index("\n  other:\n") + 1]
        assert old is None or old in text
        path.write_text(text.replace(old, "") if old else text, encoding="utf-8")
    problems = validate_bundle(bundle_copy)
    assert [p.code for p in problems] == ["missing-crisis-line"], problems
    assert "'other' serves anyone who has not said where they live" in problems[0].message
    assert problems[0].path == "rules/crisis_lines.yaml"


def test_until_age_is_known_the_supportive_screen_also_gets_the_region_s_youth_lines(bundle):
    """Review 11 (f11-2): the supportive screen comes before the age question, so a 16-year-old who answered
    "yes" saw the adult lines only. Unknown is not no: the region's youth lines are added until age is known."""
    from engine.evaluate import crisis_help, youth_lines_until_age_known

    with_youth = [code for code, info in bundle.regions.items() if info.youth_lines]
    assert {"uk", "au"} <= set(with_youth)
    for code in bundle.regions:
        before_age = {"safety_thoughts": "yes", "region": code}
        added = youth_lines_until_age_known(bundle, before_age)
        shown = crisis_help(bundle, before_age).lines
        names = [line.name for line in added]
        assert not set(names) & {line.name for line in shown}, code  # never a line twice
        youth = {line.name for line in bundle.regions[code].youth_lines}
        assert set(names) | {line.name for line in shown if isinstance(line, YouthLine)} == youth, code
        for age in bundle.question_by_id["age_group"].codes:  # once age is given, crisis_help alone decides
            assert youth_lines_until_age_known(bundle, {**before_age, "age_group": age}) == (), (code, age)
    assert youth_lines_until_age_known(bundle, {"safety_thoughts": "yes", "region": "uk"})[0].name.startswith(
        "Childline")


def test_every_emergency_number_can_be_given_as_an_action_alone(bundle):
    """Review 12 (s12-2): after "get help now", the supportive screen gives the call with no second condition
    ("if you are in immediate danger"), which a person at risk may not apply to themselves."""
    from engine.evaluate import crisis_help

    for code in bundle.regions:
        help_now = crisis_help(bundle, {"region": code})
        assert help_now.emergency.endswith(" if you are in immediate danger"), code  # the banner's wording
        assert help_now.emergency_call.startswith("Call ") and " if " not in help_now.emergency_call, code
    assert crisis_help(bundle, {"region": "uk"}).emergency_call == "Call 999"
