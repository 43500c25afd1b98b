"""Reading files and YAML safely: every refusal is one short line, and every place points into the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from engine import files as fs
from engine.files import quote_text
from engine.yamlio import Mark, load_located, mark_at, syntax_error_mark


@pytest.mark.parametrize(("name", "shown"), [
    ("answers.json", "answers.json"),
    ("a\nb.json", "'a\\nb.json'"),  # a newline in a name cannot forge a second output line
    ("x" * 300, "x" * 200 + "..."),
])
def test_file_names_print_on_one_short_line(name, shown):
    assert fs.quote(name) == shown


def _loop(tmp: Path) -> Path:
    (tmp / "loop").symlink_to(tmp / "loop")
    return tmp / "loop"


def _long_name(tmp: Path) -> Path:
    return tmp / ("n" * 300)


def _growing(_tmp: Path) -> Path:
    return Path("/proc/self/status")  # a regular file that says it is empty, then gives more


def _unreadable(_tmp: Path) -> Path:
    return Path("/proc/self/mem")  # a regular file whose first read fails


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(("make", "code", "words"), [
    (_loop, "not-a-file", "is a symlink loop"),
    (_long_name, "invalid-value", "cannot read: File name too long"),
    (_growing, "file-too-large", "is larger than 0 KB"),
    (_unreadable, "invalid-value", "cannot read: Input/output error"),
])
def test_read_capped_refusals(tmp_path, make, code, words):
    with pytest.raises(fs.FileRefused) as refused:
        fs.read_capped(make(tmp_path), 10)
    assert (refused.value.code, refused.value.message) == (code, words)


def test_a_missing_content_folder_has_no_sections(tmp_path):
    assert fs.markdown_files(tmp_path, "content/sections") == []
    os.makedirs(tmp_path / "content/sections")
    (tmp_path / "content/sections/b.md").write_text("")
    (tmp_path / "content/sections/a.md").write_text("")
    (tmp_path / "content/sections/notes.txt").write_text("")
    assert fs.markdown_files(tmp_path, "content/sections") == ["a.md", "b.md"]


def test_quote_text_escapes_control_characters_only():
    assert (quote_text("plain text"), quote_text("a\nb\x1b")) == ("plain text", "a\\nb\\x1b")


@pytest.mark.parametrize(("offset", "mark"), [(0, Mark(1, 1)), (3, Mark(4, 1))])
def test_a_yaml_error_without_a_place_points_at_the_first_line(offset, mark):
    assert syntax_error_mark(yaml.YAMLError("no place"), offset) == mark


def test_locate_stops_at_the_deepest_node_that_exists():
    data, _ = load_located("a:\n  b: 1\nc: [x, y]\n")
    assert mark_at(data, "a", "b", "deeper") == Mark(2, 6)  # into a scalar: the scalar's place
    assert mark_at(data, "c", 1) == Mark(3, 8)
    assert mark_at(data, "c", 5) == Mark(3, 4)  # past the end of a list: the list's place
