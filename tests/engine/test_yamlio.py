"""The strict YAML loader: duplicate keys, YAML 1.2 booleans, places kept."""

from __future__ import annotations

import pytest
import yaml

from engine.yamlio import load_located, locate, syntax_error_mark


def test_duplicate_keys_are_reported_with_both_places():
    data, duplicates = load_located("a: 1\nb:\n  c: 2\n  c: 3\n")
    assert data["b"]["c"] == 2  # the first value is kept; the duplicate is an error
    (dup,) = duplicates
    assert (dup.key, dup.mark.line, dup.mark.col, dup.first.line) == ("c", 4, 3, 3)


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n"])
def test_yaml_11_booleans_stay_strings(word):
    data, _ = load_located(f"answer: {word}\n")
    assert data["answer"] == word


def test_true_and_false_are_still_booleans():
    data, _ = load_located("a: true\nb: false\n")
    assert data == {"a": True, "b": False}


def test_locate_points_at_the_value_along_a_path():
    data, _ = load_located("steps:\n  - id: one\n    questions:\n      - id: q1\n")
    mark = locate(data, ("steps", 0, "questions", 0, "id"))
    assert (mark.line, mark.col) == (4, 13)
    missing = locate(data, ("steps", 0, "title"))  # a missing key points at its mapping
    assert missing.line == 2


def test_line_offset_for_front_matter():
    data, _ = load_located("id: x\n", line_offset=1)
    assert data.key_marks["id"].line == 2


def test_syntax_error_mark():
    with pytest.raises(yaml.YAMLError) as info:
        load_located("a: [1, 2\nb: 3\n")
    mark = syntax_error_mark(info.value)
    assert mark.line >= 2
