"""Write docs/MUTATION.md from the last `mutmut run` (run by `make mutation`); exit 1 below the target.

`mutmut results --all true` prints one `name: status` line per mutant; the score of a module is
killed / all of its mutants (a mutant no test reaches counts against it).
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 90  # percent killed, per module
OUT = ROOT / "docs" / "MUTATION.md"


def results() -> dict[str, Counter[str]]:
    lines = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=ROOT,
                           check=True, capture_output=True, text=True).stdout.splitlines()
    per_module: dict[str, Counter[str]] = {}
    for line in lines:
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("engine."):
            module = "engine/" + name.split(".")[1] + ".py"
            per_module.setdefault(module, Counter())[status] += 1
    return per_module


def main() -> int:
    per_module = results()
    if not per_module:
        print("no mutmut results: run `make mutation`", file=sys.stderr)
        return 1
    rows, low = [], []
    for module, counts in sorted(per_module.items()):
        total = sum(counts.values())
        score = 100 * counts["killed"] / total
        low += [module] if score < TARGET else []
        others = ", ".join(f"{n} {s}" for s, n in sorted(counts.items()) if s not in ("killed", "survived")) or "-"
        rows.append(f"| {module} | {total} | {counts['killed']} | {counts['survived']} | {others} | {score:.1f}% |")
    OUT.write_text("\n".join([
        "# Mutation testing",
        "",
        f"Last run: {date.today().isoformat()} with `make mutation` (mutmut, configured in pyproject.toml "
        "`[tool.mutmut]`). It mutates the three modules every answer goes through and runs the fast engine "
        f"tests that exercise them (1 to 4 minutes on 2 cores). Target: at least {TARGET}% killed in each module.",
        "",
        "| Module | Mutants | Killed | Survived | Other | Killed % |",
        "|---|---:|---:|---:|---|---:|",
        *rows,
        "",
        "Survivors are listed by `mutmut results` and shown with `mutmut show NAME` (run from the project",
        "folder after `make mutation`). Most of those left are equivalent: `zip(..., strict=True)` over two",
        "lists of the same length, `ok = None` for `ok = False`, and `.get(key, None)` for a key that is",
        "always there. Most of the rest are in `flow`, in moving back from a step that has just become",
        "hidden, which today's questionnaire never does (no whole step is ever hidden).",
        "",
    ]), encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))
    if low:
        print(f"below {TARGET}% killed: {', '.join(low)}", file=sys.stderr)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
