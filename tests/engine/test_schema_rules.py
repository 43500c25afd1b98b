"""Small promises of the schema types that the rest of the engine relies on."""

from __future__ import annotations

import pytest

from engine.models import Option, Question
from engine.problems import Problem

ASKED = Question(id="q", type="single", label="Q", short="Q",
                 options=(Option(code="old", label="Old", retired=True), Option(code="new", label="New")))


def test_a_retired_code_is_read_but_never_offered():
    assert ASKED.codes_to_show(None) == ["new"]
    assert ASKED.codes == ("old", "new")
    assert (ASKED.label_for("old"), ASKED.label_for("gone")) == ("Old", "gone")  # an unknown code is shown as is


def test_a_problem_needs_a_registered_code():
    with pytest.raises(ValueError, match="unregistered problem code 'made-up'"):
        Problem("rules/x.yaml", 1, 1, "made-up", "message")


def test_a_retired_code_is_shown_only_where_the_answer_holds_it(bundle):
    """The questionnaire and the what-if offer today's codes; an older file's retired answer stays visible."""
    age = bundle.question_by_id["age_group"]
    assert "18_to_64" not in age.codes_to_show(None)
    assert "18_to_64" in age.codes_to_show("18_to_64")
    assert age.codes_to_show("under_18") == [o.code for o in age.options if not o.retired]
    others = bundle.question_by_id["other_conditions"]
    assert others.codes_to_show(["anxiety"]) == list(others.codes)  # no retired option
    assert ASKED.codes_to_show(["old"]) == ["old", "new"]  # a list (a multi-choice answer) keeps its retired tick
