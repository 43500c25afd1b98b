"""The strict YAML loader: duplicate keys, YAML 1.2 booleans, places kept."""

from __future__ import annotations

import time

import pytest
import yaml

from engine.yamlio import YamlRefused, load_located, mark_at, short, syntax_error_mark


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
    mark = mark_at(data, "steps", 0, "questions", 0, "id")
    assert (mark.line, mark.col) == (4, 13)
    missing = mark_at(data, "steps", 0, "title")  # a missing key points at its mapping
    assert missing.line == 2


def test_line_offset_for_front_matter():
    data, _ = load_located("id: x\n", line_offset=1)
    assert data.key_marks["id"].line == 2


def test_syntax_error_mark():
    with pytest.raises(yaml.YAMLError) as info:
        load_located("a: [1, 2\nb: 3\n")
    mark = syntax_error_mark(info.value)
    assert mark.line >= 2


# --- Refused before any data is built (issue 14 item 1) -------------------------------------------

@pytest.mark.parametrize(("text", "code", "where", "line", "col"), [
    ("a: &x 1\nb: *x\n", "yaml-anchor", "a:", 1, 4),
    ("a: [1, 2]\nb:\n  - *x\n", "yaml-anchor", "b.0:", 3, 5),
    ("a:\n  b: !!int 3\n", "invalid-value", "a.b: explicit YAML tags such as !!int", 2, 6),
    ("a: !!python/object/apply:os.system [ls]\n", "invalid-value", "a: explicit YAML tags such as !!python/", 1, 4),
    ("a: !local x\n", "invalid-value", "a: explicit YAML tags such as !local", 1, 4),
    ("- x\n- {? [1]: 2}\n", "invalid-value", "1: a key must be a single word or number", 2, 6),
    ("<<: *base\n", "yaml-anchor", "<<: YAML aliases", 1, 5),
])
def test_anchors_aliases_tags_and_complex_keys_are_refused_with_their_place(text, code, where, line, col):
    with pytest.raises(YamlRefused) as info:
        load_located(text)
    mark = syntax_error_mark(info.value)
    assert (info.value.code, mark.line, mark.col) == (code, line, col)
    assert str(info.value).startswith(where), str(info.value)


def test_a_refusal_keeps_the_front_matter_line_offset():
    with pytest.raises(YamlRefused) as info:
        load_located("id: x\nsummary: &s text\n", line_offset=1)
    assert syntax_error_mark(info.value, 1).line == 3


def test_a_billion_laughs_is_refused_in_milliseconds():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    started = time.perf_counter()
    with pytest.raises(YamlRefused):
        load_located(bomb)
    assert time.perf_counter() - started < 0.05


def test_short_caps_before_building_the_whole_repr():
    shared = ["x" * 1000] * 9
    for _ in range(8):  # 9**9 strings if printed in full (what an alias bomb builds)
        shared = [shared] * 9
    started = time.perf_counter()
    text = short(shared)
    assert len(text) <= 60 and time.perf_counter() - started < 0.05
    assert "..." in short("y" * 10_000) and len(short("y" * 10_000)) <= 60
