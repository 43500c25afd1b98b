"""The About page: what the tool is and is not, who made it, funding, updates, sign-off, every crisis line."""

from __future__ import annotations

from tests.ui.conftest import run, text_of

ABOUT_PAGE = "components/pages/about.py"


def test_about_page_states_funding_update_policy_sign_off_and_every_regions_lines(at, bundle):
    at.switch_page(ABOUT_PAGE)
    run(at)
    page = text_of(at)
    meta = bundle.meta
    for text in (meta.funding, meta.update_policy, meta.clinical_sign_off, bundle.content_version):
        assert " ".join(text.split()) in " ".join(page.split())
    assert "not yet been signed off by a named clinical reviewer" in page  # never an invented reviewer
    for info in bundle.regions.values():
        assert info.label in page and info.lines[0].contact in page
    assert "It does not diagnose anything." in page
