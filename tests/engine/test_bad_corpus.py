"""Broken rules and content: every bad file is reported with its code and exact place.

The corpus lives in tests/fixtures/bad/ (its README describes the header scheme).
Each fixture replaces one file of a copy of the real bundle; validation must name
the stated problem at the stated `path:line:col` and must never raise, because a
crash would give maintainers a traceback instead of a list of problems and give
people the app's generic error screen instead of the friendly one.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.bundle import BundleError, load_bundle, validate_bundle
from engine.cli import check_root, main
from engine.problems import PROBLEM_CODES, Problem

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "fixtures" / "bad"
MIN_FIXTURES = 40
LINT_CODES = {"reading-level", "unsafe-phrase", "long-sentence"}  # found by the lint that `validate` runs after loading
EXPECT = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[a-z][a-z-]*)(?:: (?P<text>.+))?$")
DIRECTIVE = re.compile(r"^# (?P<key>target|expect|action): (?P<value>.*)$")
CLI_LINE = re.compile(r"^(?P<path>[\w./-]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[a-z][a-z-]*): (?P<message>.+)$")


@dataclass(frozen=True)
class Expect:
    path: str
    line: int
    col: int
    code: str
    text: str | None

    def matches(self, problem: Problem) -> bool:
        return (problem.path, problem.line, problem.col, problem.code) == (self.path, self.line, self.col, self.code) \
            and (self.text is None or self.text in problem.message)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code}" + (f": ...{self.text}..." if self.text else "")


@dataclass(frozen=True)
class Fixture:
    file: Path
    target: str
    delete: bool
    expects: tuple[Expect, ...]


def parse_fixture(file: Path) -> Fixture:
    lines = file.read_bytes().decode("utf-8", "replace").splitlines()
    if lines and lines[0] == "---":
        lines = lines[1:]
    target, delete, expects = None, False, []
    for line in lines:
        if not line.startswith("# "):
            break
        directive = DIRECTIVE.match(line)
        if directive is None:
            continue
        key, value = directive["key"], directive["value"].strip()
        if key == "target":
            target = value
        elif key == "action":
            assert value == "delete", f"{file.name}: unknown action {value!r}"
            delete = True
        else:
            match = EXPECT.match(value)
            assert match, f"{file.name}: malformed expectation {value!r}"
            expects.append(Expect(match["path"], int(match["line"]), int(match["col"]), match["code"], match["text"]))
    assert target, f"{file.name}: no '# target:' line in its header"
    assert expects, f"{file.name}: no '# expect:' line in its header"
    return Fixture(file, target, delete, tuple(expects))


FIXTURE_FILES = sorted(p for p in BAD.iterdir() if p.suffix in (".yaml", ".md") and p.name != "README.md")


def put_in_place(fixture: Fixture, root: Path) -> None:
    target = root / fixture.target
    if fixture.delete:
        target.unlink()
    else:
        target.write_bytes(fixture.file.read_bytes())


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One clean copy of the real bundle; each test copies it again before breaking a file."""
    root = tmp_path_factory.mktemp("pristine")
    for folder in ("rules", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    return root


def broken_copy(pristine: Path, tmp_path: Path, *fixtures: Fixture) -> Path:
    root = tmp_path / "bundle"
    shutil.copytree(pristine, root)
    for fixture in fixtures:
        put_in_place(fixture, root)
    return root


def _listing(problems: list[Problem]) -> str:
    return "\n".join(f"    {p}" for p in problems) or "    (no problems at all)"


def test_the_pristine_copy_is_clean(pristine: Path) -> None:
    """Control: the corpus only means something if the unbroken copy has no problems."""
    problems = validate_bundle(pristine)
    assert problems == [], "the real bundle has problems:\n" + _listing(problems)


@pytest.mark.parametrize("file", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_bad_file_is_reported_with_code_and_place(file: Path, pristine: Path, tmp_path: Path) -> None:
    fixture = parse_fixture(file)
    root = broken_copy(pristine, tmp_path, fixture)
    try:
        problems = check_root(root)[1] if {e.code for e in fixture.expects} & LINT_CODES else validate_bundle(root)
    except Exception as error:  # noqa: BLE001 - the point is that nothing escapes
        pytest.fail(f"validate_bundle raised {type(error).__name__}: {error}; it must report problems, never raise")
    missing = [str(e) for e in fixture.expects if not any(e.matches(p) for p in problems)]
    assert not missing, (f"{file.name}: expected problem(s) not reported:\n    " + "\n    ".join(missing)
                         + "\nreported instead:\n" + _listing(problems))


@pytest.mark.parametrize("name", ["questions_syntax_tab_indent.yaml", "rules_unknown_section.yaml",
                                  "crisis_deleted.yaml", "content_not_utf8.md", "meta_impossible_date.yaml"])
def test_loading_a_bad_bundle_raises_only_bundle_error(name: str, pristine: Path, tmp_path: Path) -> None:
    """The app loads through load_bundle and catches only BundleError to show its friendly page."""
    root = broken_copy(pristine, tmp_path, parse_fixture(BAD / name))
    with pytest.raises(BundleError) as raised:
        load_bundle(root)
    assert raised.value.problems, "a BundleError must say what is wrong"


def test_the_corpus_is_large_enough_and_covers_every_problem_code() -> None:
    fixtures = [parse_fixture(file) for file in FIXTURE_FILES]
    assert len(fixtures) >= MIN_FIXTURES, f"only {len(fixtures)} bad files; want at least {MIN_FIXTURES}"
    covered = {e.code for f in fixtures for e in f.expects} | {code for _, (_, code) in FILE_SYSTEM_CASES.values()}
    unknown = covered - set(PROBLEM_CODES)
    assert not unknown, f"fixtures expect codes that engine/problems.py does not register: {sorted(unknown)}"
    uncovered = set(PROBLEM_CODES) - covered
    assert not uncovered, f"problem codes without a failing fixture in tests/fixtures/bad/: {sorted(uncovered)}"
    for fixture in fixtures:
        assert fixture.target.startswith(("rules/", "content/sections/")), f"{fixture.file.name}: odd target"


# --- Hostile file-system entries a fixture file cannot carry (built in the copy at run time) -------

def _symlink_outside(root: Path, rel: str) -> None:
    secret = root.parent / "secret.yaml"
    secret.write_text("content_version: SECRET-MARKER-7f3a\n")
    (root / rel).unlink()
    (root / rel).symlink_to(secret)


def _grow_to_50_mb(path: Path) -> None:
    """Real YAML, not zeros: 50 MB of personas that the parser would have to build (about 144 s, 5 GB)."""
    block = "".join(f"  - id: p{i}\n    name: Someone fictional\n    description: A long made-up story.\n"
                    "    answers: {safety_thoughts: 'no'}\n" for i in range(1000)).encode()
    with path.open("ab") as handle:
        for _ in range(50 * 1024 * 1024 // len(block) + 1):
            handle.write(block)


def _replace(root: Path, rel: str, make) -> None:
    (root / rel).unlink()
    make(root / rel)


FILE_SYSTEM_CASES = {
    # name: (how to break the copy, expected `path:line:col: code`)
    "meta_symlink_outside_root": (lambda r: _symlink_outside(r, "rules/meta.yaml"),
                                  ("rules/meta.yaml:1:1", "outside-root")),
    "content_symlink_outside_root": (lambda r: _symlink_outside(r, "content/sections/tms.md"),
                                     ("content/sections/tms.md:1:1", "outside-root")),
    "personas_is_a_directory": (lambda r: _replace(r, "rules/personas.yaml", Path.mkdir),
                                ("rules/personas.yaml:1:1", "not-a-file")),
    "content_is_a_directory": (lambda r: _replace(r, "content/sections/ect.md", Path.mkdir),
                               ("content/sections/ect.md:1:1", "not-a-file")),
    "crisis_dangling_symlink": (lambda r: _replace(r, "rules/crisis_lines.yaml",
                                                   lambda p: p.symlink_to(r / "nowhere.yaml")),
                                ("rules/crisis_lines.yaml:1:1", "missing-file")),
    "sections_symlink_loop": (lambda r: _replace(r, "rules/sections.yaml", lambda p: p.symlink_to(p)),
                              ("rules/sections.yaml:1:1", "not-a-file")),
    "rules_is_a_fifo": (lambda r: _replace(r, "rules/rules.yaml", os.mkfifo), ("rules/rules.yaml:1:1", "not-a-file")),
    "personas_50_mb": (lambda r: _grow_to_50_mb(r / "rules/personas.yaml"),
                       ("rules/personas.yaml:1:1", "file-too-large")),
}


@pytest.mark.parametrize("name", sorted(FILE_SYSTEM_CASES))
def test_hostile_file_system_entry_is_reported_with_its_code(name: str, pristine: Path, tmp_path: Path) -> None:
    """Symlinks out of the root, folders, dangling links, loops, FIFOs and huge files: a code, fast, no read."""
    root = broken_copy(pristine, tmp_path)
    break_it, (place, code) = FILE_SYSTEM_CASES[name]
    break_it(root)
    started = time.perf_counter()
    problems = validate_bundle(root)
    assert time.perf_counter() - started < 30
    assert any(f"{p.path}:{p.line}:{p.col}" == place and p.code == code for p in problems), _listing(problems)
    assert "SECRET-MARKER" not in _listing(problems)


def _run_cli(root: Path) -> subprocess.CompletedProcess[str]:
    """`python -m engine --root ROOT validate`, run in this process (one start-up and reading-level dictionary
    load for all of them; tests/engine/test_cli.py runs the real command). An exception fails the test itself."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(root), "validate"])
    return subprocess.CompletedProcess(["validate"], code, out.getvalue(), err.getvalue())


def test_cli_reports_problems_in_several_files_in_one_run(pristine: Path, tmp_path: Path) -> None:
    """One run names every problem, each as `path:line:col: code: message`, and exits 1."""
    chosen = [parse_fixture(BAD / name) for name in (
        "questions_duplicate_key_label.yaml", "rules_unknown_code.yaml", "crisis_unknown_region.yaml",
        "content_missing_comparison.md",
    )]
    assert len({f.target for f in chosen}) == len(chosen), "pick fixtures for different files"
    result = _run_cli(broken_copy(pristine, tmp_path, *chosen))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines, "no problems printed"
    bad_lines = [line for line in lines if not CLI_LINE.match(line)]
    assert not bad_lines, f"lines not shaped path:line:col: code: message: {bad_lines}"
    for line in lines:
        assert CLI_LINE.match(line)["code"] in PROBLEM_CODES, line
    for fixture in chosen:
        for expect in fixture.expects:
            prefix = f"{expect.path}:{expect.line}:{expect.col}: {expect.code}: "
            assert any(line.startswith(prefix) for line in lines), f"{expect} missing from:\n{result.stdout}"
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name", ["questions_deleted.yaml", "content_no_front_matter.md",
                                  "questions_visibility_two_question_cycle.yaml"])
def test_cli_single_broken_file(name: str, pristine: Path, tmp_path: Path) -> None:
    fixture = parse_fixture(BAD / name)
    result = _run_cli(broken_copy(pristine, tmp_path, fixture))
    assert result.returncode == 1, result.stdout + result.stderr
    for expect in fixture.expects:
        assert f"{expect.path}:{expect.line}:{expect.col}: {expect.code}: " in result.stdout, result.stdout
    assert "Traceback" not in result.stderr, result.stderr


def test_cli_never_shows_a_traceback_on_a_bad_date(pristine: Path, tmp_path: Path) -> None:
    """A date that does not exist is a typo a maintainer can make; it must be a problem line, not a crash."""
    result = _run_cli(broken_copy(pristine, tmp_path, parse_fixture(BAD / "meta_impossible_date.yaml")))
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert result.returncode == 1
    assert re.search(r"^rules/meta\.yaml:\d+:\d+: invalid-value: ", result.stdout, re.MULTILINE), result.stdout


def test_cli_on_a_clean_copy_exits_0_and_prints_one_ok_line(pristine: Path) -> None:
    result = _run_cli(pristine)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: ") and result.stdout.count("\n") == 1, result.stdout


# --- Beyond the corpus: random damage never makes validation raise -------------------------------

TARGETS = ("rules/questions.yaml", "rules/rules.yaml", "rules/sections.yaml", "rules/crisis_lines.yaml",
           "rules/meta.yaml", "rules/personas.yaml", "content/sections/tms.md", "content/sections/older_adults.md")
DAMAGE = ("!!int x", "!!float y", "!!bool z", "!!timestamp q", "!!binary ###", "!!set {a}", "&a", "*a", "<<: *a",
          "[", "]", "{", "}", ": ", "- ", "\t", "'", '"', "~", "null", "0x1F", "1e999", "9" * 5000, "? ", "|",
          "%YAML 1.1", "---", "...", "\ufeff", "\u2028", "2026-02-30", ".nan", "\x00")


@pytest.mark.slow
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(TARGETS), edits=st.lists(st.tuples(
    st.floats(0, 1), st.floats(0, 1), st.sampled_from(("insert", "delete", "indent", "cut")),
    st.sampled_from(DAMAGE)), min_size=1, max_size=3))
def test_random_damage_never_makes_validation_raise(target: str, edits: list, pristine: Path) -> None:
    """Every damaged bundle gives a list of problems (possibly empty), never an exception."""
    path = pristine / target
    original = path.read_bytes()
    lines = original.decode("utf-8").split("\n")
    for where, column, kind, token in edits:
        i = min(int(where * len(lines)), len(lines) - 1)
        line = lines[i]
        cut = int(column * len(line))
        if kind == "insert":
            lines[i] = line[:cut] + token + line[cut:]
        elif kind == "delete":
            del lines[i]
        elif kind == "indent":
            lines[i] = " " * (cut % 13) + line.lstrip()
        else:
            lines = lines[:i]
        lines = lines or [""]
    try:
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        validate_bundle(pristine)
    finally:
        path.write_bytes(original)
