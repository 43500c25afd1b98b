"""The reading-level and safety lint that `validate` runs: found with its place, and never a crash on a bad file."""

from __future__ import annotations

import pytest

from engine.lint import lint_root
from tests.content.lint import lint_texts

SAID = "      You said you have seen or heard things others did not,"
HARD = ("Electroconvulsive pharmacological augmentation considerations necessitate comprehensive "
        "multidisciplinary psychiatric reevaluation notwithstanding contraindications.")


@pytest.mark.parametrize(("rel", "old", "new", "expected"), [
    ("rules/emphasis.yaml", SAID, f"      {HARD} You said you have seen or heard things,",
     {("rules/emphasis.yaml", 9, "reading-level", "emphasis item 'psychotic_features_first' reads at US grade")}),
    ("rules/emphasis.yaml", SAID, "      Take 50 mg twice a day. Seen or heard things,",
     {("rules/emphasis.yaml", 9, "unsafe-phrase", "emphasis item 'psychotic_features_first': a dose amount: '50 mg'"),
      ("rules/emphasis.yaml", 9, "unsafe-phrase",
       "emphasis item 'psychotic_features_first': a schedule to follow: 'twice a day'")}),
    ("rules/questions.yaml", "      We ask this first because", f"      {HARD} {HARD} We ask this first because",
     {("rules/questions.yaml", 7, "reading-level", "step 'safety' reads at US grade")}),
    ("rules/questions.yaml", "      We ask this first because", "      You have depression. We ask this first because",
     {("rules/questions.yaml", 7, "unsafe-phrase", "step 'safety': a diagnosis of the reader: 'You have depression'")}),
])
def test_lint_finds_it_at_its_item(bundle_copy, rel, old, new, expected):
    path = bundle_copy / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, "the edit must apply to the real file"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = {(p.path, p.line, p.code, p.message) for p in lint_root(bundle_copy)}
    for rel_, line, code, words in expected:
        assert any(f[:3] == (rel_, line, code) and f[3].startswith(words) for f in found), found
    assert len(found) == len(expected)


def test_unreadable_files_are_left_to_validation_and_odd_shapes_are_skipped(tmp_path):
    sections = tmp_path / "content/sections"
    sections.mkdir(parents=True)
    (sections / "a.md").write_text("no front matter here\n", encoding="utf-8")
    (sections / "b.md").write_text("---\n- a list, not a mapping\n---\nBody.\n", encoding="utf-8")
    body = "## What it involves\n\nPlain words.\n\nStop your medication now.\n"
    (sections / "c.md").write_text("---\nid: c\n---\n" + body, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    assert [(p.path, p.line, p.code) for p in lint_root(tmp_path)] == [("content/sections/c.md", 8, "unsafe-phrase")]
    (tmp_path / "rules/questions.yaml").write_text(
        "steps:\n  - 7\n  - id: s\n    title: You have depression.\n    questions: [7]\n", encoding="utf-8")
    assert [(p.path, p.line, p.code) for p in lint_root(tmp_path)][-1] == ("rules/questions.yaml", 3, "unsafe-phrase")


def test_lint_texts_names_the_part_and_its_grade():
    grades, findings = lint_texts("x.md", {"summary": HARD, "body": "We can talk. It is fine."})
    assert grades["summary"] > 8 >= grades["body"]
    assert [str(f) for f in findings] == [f"x.md:summary: reading-grade: {grades['summary']:.1f} > 8.0"]


ODD_SHAPES = (5, None, "words", ["a"], {"a": 1}, [5], [{"a": [1]}])


def _paths(data, prefix=()):
    """Every place in a YAML tree (the first two items of each list), the top included."""
    yield prefix
    children = data.items() if isinstance(data, dict) else enumerate(data[:2]) if isinstance(data, list) else ()
    for key, value in children:
        yield from _paths(value, (*prefix, key))


def _replaced(data, path, value):
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replaced(data[path[0]], path[1:], value)
    return copy


@pytest.mark.slow
@pytest.mark.parametrize("rel", ["rules/questions.yaml", "rules/rules.yaml", "rules/cautions.yaml",
                                 "rules/emphasis.yaml", "rules/outcomes.yaml", "content/sections/ect.md"])
def test_any_value_of_any_shape_is_left_to_validation_never_a_crash(tmp_path, rel):
    """Each place of a real file given a number, nothing, text, a list or a mapping: the lint runs to the end."""
    import yaml

    from engine.content import split_front_matter
    from tests.conftest import ROOT

    text = (ROOT / rel).read_text(encoding="utf-8")
    front, body = (split_front_matter(text)[:2]) if rel.endswith(".md") else (text, "")
    data = yaml.safe_load(front)
    if rel == "rules/questions.yaml":  # the first two steps are enough to reach every kind of field
        data = {"steps": data["steps"][:2]}
    (tmp_path / rel).parent.mkdir(parents=True)
    tried = 0
    for path in _paths(data):
        for odd in ODD_SHAPES:
            dumped = yaml.safe_dump(_replaced(data, path, odd), allow_unicode=True)
            (tmp_path / rel).write_text(f"---\n{dumped}---\n{body}" if body else dumped, encoding="utf-8")
            assert isinstance(lint_root(tmp_path), list), (path, odd)
            tried += 1
    assert tried > 50  # the walk reached the nested fields, not only the top


def test_a_sentence_over_the_cap_is_found_and_one_at_it_is_not():
    from engine.lint import MAX_SENTENCE_WORDS, long_sentences

    at_cap = " ".join(["word"] * (MAX_SENTENCE_WORDS - 1)) + " end."
    over = "Plain words.\n\n- " + " ".join(["word"] * MAX_SENTENCE_WORDS) + "\n  and more.\n"
    assert long_sentences("x", at_cap) == []
    found = long_sentences("x", over)
    assert [(f.kind, f.detail.split(":")[0]) for f in found] == [
        ("long-sentence", f"of {MAX_SENTENCE_WORDS + 2} words (the most is 30)")]
    assert over[found[0].offset:].startswith("word word word"), "the sentence is found where it starts, for its line"
    linked = "Intro.\n\n[Some](https://example.org) link " + " ".join(["word"] * MAX_SENTENCE_WORDS) + "."
    assert [f.offset for f in long_sentences("x", linked)] == [0], "not found by its first words: the text's start"
    # A list item, a heading and a colon end a sentence, so lists and labelled lines are counted item by item.
    items = "\n".join(f"- {' '.join(['word'] * 20)}" for _ in range(3)) + "\n\nA label: " + " ".join(["word"] * 20)
    assert long_sentences("x", items) == []
