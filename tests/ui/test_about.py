"""The About page: what the tool is and is not, who made it, funding, updates, sign-off, every crisis line."""

from __future__ import annotations

import re

from engine.links import named_links
from tests.ui.conftest import run, text_of

ABOUT_PAGE = "components/pages/about.py"


def test_about_page_states_funding_update_policy_sign_off_and_every_regions_lines(at, bundle):
    at.switch_page(ABOUT_PAGE)
    run(at)
    page = _without_links(text_of(at))
    meta = bundle.meta
    for text in (meta.funding, meta.update_policy, meta.clinical_sign_off, meta.lived_experience,
                 bundle.content_version):
        assert " ".join(text.split()) in " ".join(page.split())
    assert "not yet been signed off by a named clinical reviewer" in page  # never an invented reviewer
    for info in bundle.regions.values():
        assert info.label in page and _on_screen(info.lines[0].contact) in page
    assert "It does not diagnose anything." in page
    # Review 11: who it is for (f11-8), and that downloads stay on a shared device (f11-6).
    assert "It is for adults and teenagers." in page and "parent, carer or clinician" in page
    assert "Files you download stay on this device" in page and "On a shared device, delete the files" in page
    # Review 14 (b14-5): its guidelines are for depression that is not part of bipolar disorder.
    assert "written for depression that is not part of bipolar disorder" in page and "which parts fit you" in page


def test_about_page_lists_young_peoples_lines_and_every_way_in(at, bundle):
    """Review r9-20: a teenager, or a parent, reading About saw only the lines for adults, and no text option
    (Northern Ireland's textphone number was shown nowhere at all, r9-4)."""
    at.switch_page(ABOUT_PAGE)
    run(at)
    page = " ".join(_without_links(text_of(at)).split())
    for code, info in bundle.regions.items():
        for line in (*info.youth_lines, *info.lines):
            assert line.name in page, (code, line.name)
            for way_in in (line.text_option, line.hours):
                if way_in:
                    assert " ".join(way_in.split()) in page, (code, way_in)
    assert "18001 0808 808 8000" in page
    assert "It does not know which treatments are approved, offered or paid for where you live." in page


def _on_screen(text: str) -> str:
    """A crisis line's words as the page reads them: a number with no verb of its own has one in its link
    ("Call 14416 or call 1-800-891-4416", review a16, a16-1)."""
    return "".join(piece for piece, _ in named_links(text))


def _without_links(markdown: str) -> str:
    """The page as read: a tappable number's Markdown link as its text."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)


def _unescaped_stars(markdown: str) -> int:
    return markdown.replace("\\*", "").count("*")


def test_sources_are_shown_as_written_never_as_markup(at, bundle):
    """Two "STAR*D" in one list made the citation between them italic ("a STARD report. *Am J Psychiatry...")."""
    at.switch_page(ABOUT_PAGE)
    run(at)
    listing = next(m.value for m in at.markdown if "STAR" in m.value and m.value.startswith("- "))
    assert listing.count("STAR\\*D") >= 3 and _unescaped_stars(listing) == 0


def test_a_sections_sources_line_on_the_results_page_is_shown_as_written(at, bundle):
    from tests.ui.conftest import load_persona

    load_persona(at, "long_highly_resistant")
    lines = [c.value for c in at.caption if c.value.startswith("Sources: ")]
    assert lines and any("STAR\\*D" in line for line in lines)
    assert all(_unescaped_stars(line) == 0 for line in lines)


def test_what_a_person_is_told_about_a_dropped_connection_matches_the_server_setting():
    """Review 10 (c10-2): About said a dropped connection loses nothing. After Streamlit's disconnected-session
    limit (and the reaper) the answers are gone: every text that gives the limit gives the configured one."""
    import tomllib
    from pathlib import Path

    from components.about import FIXED
    from components.browser import RESTARTED_MESSAGE
    from components.takeaway import KEPT_WHILE_OPEN

    config = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())
    minutes = f"{config['server']['disconnectedSessionTTL'] / 60:g} minutes"
    for text in (dict(FIXED)["Your privacy"], KEPT_WHILE_OPEN, RESTARTED_MESSAGE):
        assert minutes in text, (minutes, text)
    assert "loses nothing" not in dict(FIXED)["Your privacy"]
