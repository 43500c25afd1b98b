"""`python -m engine evaluate|validate` exactly as INTAKE.md specifies."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def answers_file(tmp_path):
    def write(text: str, name: str = "answers.yaml"):
        path = tmp_path / name
        path.write_text(text)
        return path
    return write


def test_validate_is_clean_and_says_so_in_one_line_with_counts():
    result = run("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.fullmatch(r"OK: \d+ questions, \d+ rules, \d+ sections, \d+ regions, \d+ personas\n", result.stdout)


def test_evaluate_json(answers_file):
    path = answers_file("safety_thoughts: yes\nregion: ca\nage_group: 18_to_64\nantidepressants_tried: two\n")
    result = run("evaluate", str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["crisis"] is True
    assert data["sections"][0]["id"] == "crisis_support"
    assert data["sections"][-1]["id"] == "preparing_for_appointment"
    assert data["crisis_resources"][0] == {"name": "9-8-8 Suicide Crisis Helpline",
                                           "contact": "Call 9-8-8 or text 9-8-8", "region": "ca"}
    assert all(s["why"] and s["referral"]["to"] and s["referral"]["text"] for s in data["sections"])


def test_json_is_the_default_and_wrapped_answers_are_accepted(answers_file):
    path = answers_file(json.dumps({"schema_version": 1, "answers": {"safety_thoughts": "no"}}), "saved.json")
    result = run("evaluate", str(path))
    assert result.returncode == 0
    assert json.loads(result.stdout)["crisis"] is False


def test_evaluate_text(answers_file):
    path = answers_file("safety_thoughts: no\nregion: uk\n")
    result = run("evaluate", str(path), "--format", "text")
    assert result.returncode == 0
    assert "Samaritans" in result.stdout and "not a diagnosis" in result.stdout


def test_invalid_answers_exit_2_one_line_per_problem(answers_file):
    path = answers_file('{"region": "mars", "open_to": "tms", "shoe_size": 9}', "bad.json")
    result = run("evaluate", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert any("region" in line and "allowed codes: us, uk, ca, au, nz, ie, in, other" in line for line in lines)
    assert any("open_to" in line and "allowed codes:" in line for line in lines)
    assert any("shoe_size" in line for line in lines)


def test_missing_answers_file_exits_2(tmp_path):
    result = run("evaluate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 2 and result.stdout == "" and "cannot read" in result.stderr


def test_validate_reports_every_problem_and_exits_1(bundle_copy):
    rules = bundle_copy / "rules" / "rules.yaml"
    text = rules.read_text().replace("section: substance_use", "section: substance_abuse")
    text = text.replace("{q: mood_highs, op: in, value: [\"yes\", unsure]}", "{q: mood_high, op: in, value: [\"yes\"]}")
    rules.write_text(text)
    result = run("validate", "--root", str(bundle_copy))
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert any(line.startswith("rules/rules.yaml:") and ": unknown-section: " in line and "substance_abuse" in line
               for line in lines), lines
    assert any(": unknown-question: " in line and "mood_high" in line for line in lines), lines
    assert any(": unreachable-section: " in line and "substance_use" in line for line in lines), lines
    for line in lines:
        path, row, col, code, _ = line.split(":", 4)
        assert row.isdigit() and col.isdigit() and code.strip().replace("-", "").isalpha()


def test_evaluate_on_a_broken_bundle_exits_1(bundle_copy, answers_file):
    (bundle_copy / "rules" / "meta.yaml").write_text("content_version: [\n")
    result = run("--root", str(bundle_copy), "evaluate", str(answers_file("safety_thoughts: no\n")))
    assert result.returncode == 1 and "yaml-syntax" in result.stderr


def test_text_format_shows_the_emergency_number_cautions_and_why_an_option_comes_early(tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text('{safety_thoughts: "no", region: nz, age_group: 25_to_59, unusual_experiences: "yes", '
                       'antidepressants_tried: two, mood_highs: "no", open_to: [brain_stimulation]}')
    import contextlib
    import io

    from engine.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["evaluate", str(answers), "--format", "text"]) == 0
    text = out.getvalue()
    assert "Emergency: Call 111 if you are in immediate danger" in text
    assert "Caution (psychosis):" in text and "Listed early:" in text
