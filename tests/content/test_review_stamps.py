"""A review date vouches for the text under it: text that changes under an old date fails here (r14-11)."""

import shutil

import yaml

from tools import review_stamps


def test_every_review_date_still_covers_the_text_it_was_given_for():
    stored = yaml.safe_load(review_stamps.STAMPS.read_text(encoding="utf-8"))
    assert review_stamps.problems(stored, review_stamps.current()) == []


def _copy(tmp_path):
    for part in ("content/sections", "rules"):
        shutil.copytree(review_stamps.ROOT / part, tmp_path / part)
    return review_stamps.current(tmp_path)


def test_a_changed_sentence_under_an_old_date_is_named_with_what_to_do(tmp_path):
    stored = _copy(tmp_path)
    tms = tmp_path / "content/sections/tms.md"
    tms.write_text(tms.read_text(encoding="utf-8").replace("4 to 6 weeks", "2 weeks"), encoding="utf-8")
    [problem] = review_stamps.problems(stored, review_stamps.current(tmp_path))
    assert problem.startswith("content/sections/tms.md: the text changed but reviewed_on is still")
    assert "set reviewed_on to the day you did" in problem


def test_a_changed_rule_under_the_old_rules_date_is_named(tmp_path):
    stored = _copy(tmp_path)
    cautions = tmp_path / "rules/cautions.yaml"
    text = cautions.read_text(encoding="utf-8")
    cautions.write_text(text.replace("TMS can, rarely, cause a high", "TMS cannot cause a high"), encoding="utf-8")
    [problem] = review_stamps.problems(stored, review_stamps.current(tmp_path))
    assert problem.startswith("rules/ (reviewed_on in rules/meta.yaml): the text changed")


def test_a_comment_or_a_new_date_alone_is_not_a_text_change_but_the_new_date_must_be_recorded(tmp_path):
    stored = _copy(tmp_path)
    rules = tmp_path / "rules/rules.yaml"
    rules.write_text("# a reviewer's note\n" + rules.read_text(encoding="utf-8"), encoding="utf-8")
    assert review_stamps.problems(stored, review_stamps.current(tmp_path)) == []
    tms = tmp_path / "content/sections/tms.md"
    old = stored["content/sections/tms.md"]["reviewed_on"]
    tms.write_text(tms.read_text(encoding="utf-8").replace(f"reviewed_on: {old}", "reviewed_on: 2099-01-01"),
                   encoding="utf-8")
    assert review_stamps.problems(stored, review_stamps.current(tmp_path)) == [
        "content/sections/tms.md: reviewed_on moved to 2099-01-01; run `make review-stamps` to record it"]


def test_a_new_or_removed_section_must_be_recorded(tmp_path):
    stored = _copy(tmp_path)
    (tmp_path / "content/sections/tms.md").rename(tmp_path / "content/sections/tms2.md")
    assert review_stamps.problems(stored, review_stamps.current(tmp_path)) == [
        "content/sections/tms.md: gone; run `make review-stamps` to record it",
        "content/sections/tms2.md: new; run `make review-stamps` to record it"]
