"""`validate --root` on a hostile folder (issue 14 item 3): stays inside, never hangs, never forges a line.

One copy of the bundle holds every trick at once; `python -m engine validate` must finish
under 30 s with a 500 MB memory cap, exit 1, print only `path:line:col: code: message`
lines, never show a traceback and never print a byte of a file outside the root.
Each trick on its own, with its code and place, is in test_bad_corpus.py (FILE_SYSTEM_CASES).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from tests.conftest import ROOT

SECRET = "SECRET-MARKER-7f3a"
LINE = re.compile(r"^(?P<path>[^\n]+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[a-z][a-z-]*): (?P<message>.+)$")
MEMORY_CAP = 500 * 1024 * 1024


def _hostile_root(tmp_path: Path) -> Path:
    root = tmp_path / "bundle"
    for folder in ("rules", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    secret = tmp_path / "secret.yaml"
    secret.write_text(f"content_version: {SECRET}\npublisher: {SECRET}\n")
    (root / "rules/meta.yaml").unlink()
    (root / "rules/meta.yaml").symlink_to(secret)  # out of the root
    (root / "content/sections/tms.md").unlink()
    (root / "content/sections/tms.md").symlink_to(secret)
    (root / "rules/personas.yaml").unlink()
    (root / "rules/personas.yaml").mkdir()  # a folder
    (root / "rules/crisis_lines.yaml").unlink()
    (root / "rules/crisis_lines.yaml").symlink_to(root / "nowhere.yaml")  # dangling
    (root / "rules/questions.yaml").unlink()
    (root / "rules/questions.yaml").symlink_to(root / "rules/questions.yaml")  # a loop
    (root / "rules/rules.yaml").unlink()
    os.mkfifo(root / "rules/rules.yaml")  # a FIFO: opening it for reading used to block
    (root / "content/sections" / "x\nrules:1:1: missing-file: forged.md").write_text("hi")  # would forge a line
    (root / "content/sections/ect.md").unlink()
    (root / "content/sections/ect.md").symlink_to("/dev/zero")  # a device, and outside
    return root


def test_validate_on_a_hostile_root_stays_inside_fast_and_one_line_per_problem(tmp_path):
    root = _hostile_root(tmp_path)
    program = textwrap.dedent(f"""
        import resource, runpy, sys
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))
        sys.argv = ["engine", "validate", "--root", {str(root)!r}]
        runpy.run_module("engine", run_name="__main__")
    """)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - started < 30
    assert result.returncode == 1, result.stdout + result.stderr[-2000:]
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert SECRET not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), [line for line in lines if not LINE.match(line)]
    codes = {(m["path"], m["code"]) for m in map(LINE.match, lines)}
    for expected in [("rules/meta.yaml", "outside-root"), ("content/sections/tms.md", "outside-root"),
                     ("rules/personas.yaml", "not-a-file"), ("rules/crisis_lines.yaml", "missing-file"),
                     ("rules/questions.yaml", "not-a-file"), ("rules/rules.yaml", "not-a-file"),
                     ("content/sections/ect.md", "outside-root")]:
        assert expected in codes, (expected, lines)
    forged = [line for line in lines if "forged" in line]
    assert forged and all(line.startswith("'content/sections/x\\n") for line in forged), forged


def test_a_symlink_that_stays_inside_the_root_is_followed(tmp_path):
    root = tmp_path / "bundle"
    for folder in ("rules", "content"):
        shutil.copytree(ROOT / folder, root / folder)
    (root / "shared").mkdir()
    (root / "rules/meta.yaml").rename(root / "shared/meta.yaml")
    (root / "rules/meta.yaml").symlink_to(Path("..") / "shared" / "meta.yaml")
    result = subprocess.run([sys.executable, "-m", "engine", "validate", "--root", str(root)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("OK: "), result.stdout + result.stderr
