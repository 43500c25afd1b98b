"""`python -m engine`, run in process: each exit code with its one line (test_cli.py runs it as a process)."""

from __future__ import annotations

import runpy
import sys
import time

import pytest

from engine import cli
from tests.conftest import ROOT


def run(capsys, *args):
    code = cli.main([*args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_validate_ok_and_the_module_entry_point(capsys, monkeypatch):
    code, out, _ = run(capsys, "validate", "--root", str(ROOT))
    assert (code, out.startswith("OK: ")) == (0, True)
    monkeypatch.setattr(sys, "argv", ["engine", "validate"])
    with pytest.raises(SystemExit) as done:
        runpy.run_module("engine", run_name="__main__")
    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("OK: ")


def test_a_broken_bundle_exits_1_for_both_commands(capsys, bundle_copy, tmp_path):
    (bundle_copy / "rules/meta.yaml").write_text("nonsense: [\n", encoding="utf-8")
    code, out, err = run(capsys, "validate", "--root", str(bundle_copy))
    assert (code, "rules/meta.yaml:" in out, err.strip().endswith("problem(s) found")) == (1, True, True)
    answers = tmp_path / "a.json"
    answers.write_text("{}", encoding="utf-8")
    code, out, err = run(capsys, "--root", str(bundle_copy), "evaluate", str(answers))
    assert (code, out, "rules/meta.yaml:" in err) == (1, "", True)


def _raise(error):
    def fail(*_args, **_kwargs):
        raise error
    return fail


@pytest.mark.parametrize(("text", "patch", "code", "words"), [
    ('{"safety_thoughts": "no"}', None, 0, '"crisis": false'),
    ('{"safety_thoughts": "mars"}', None, 2, "a.json: "),
    # Review 16 (r16-2): a file without the safety answer was read as "no" (no crisis support first).
    ("{}", None, 2, "a.json: safety_thoughts: required, but missing; expected one of: yes, no, prefer_not_to_say"),
    ('{"region": "uk", "age_group": "65_plus"}', None, 2, "safety_thoughts: required, but missing"),
    (None, None, 2, "a.json: cannot read: file not found"),
    ("{}", TimeoutError(), 2, "took longer than 10 s to read; refused"),
    ("{}", RuntimeError("x"), 2, "cannot read these answers (RuntimeError)"),
])
def test_evaluate_exits(capsys, monkeypatch, tmp_path, text, patch, code, words):
    answers = tmp_path / "a.json"
    if text is not None:
        answers.write_text(text, encoding="utf-8")
    if patch is not None:
        monkeypatch.setattr(cli, "parse_answer_text", _raise(patch))
    got, out, err = run(capsys, "evaluate", str(answers))
    assert got == code
    assert words in (out if code == 0 else err)


def test_evaluate_as_text_puts_crisis_help_first_and_says_it_is_not_advice(capsys, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("safety_thoughts: \"yes\"\nregion: uk\n", encoding="utf-8")
    code, out, _ = run(capsys, "evaluate", str(answers), "--format", "text")
    lines = out.splitlines()
    assert code == 0
    assert lines[2] == "Crisis support: SHOWN FIRST (safety answer)"
    assert lines[3].startswith("  - ")
    assert "1. " in out and "   Why: " in out and "   Talk to (" in out
    assert lines[-1].startswith("This is information to discuss with a clinician")


def test_the_read_deadline_interrupts_a_slow_read_and_is_skipped_without_sigalrm(monkeypatch):
    with pytest.raises(TimeoutError), cli._deadline(1):
        time.sleep(3)
    monkeypatch.delattr(cli.signal, "SIGALRM")
    with cli._deadline(1):
        pass  # no alarm to set: the block simply runs
