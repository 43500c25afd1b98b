"""Write docs/scenario_book.md from tests/cases and rules/ (run by `make docs`)."""

from pathlib import Path

from engine.bundle import load_bundle
from engine.scenarios import load_cases, render_book

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    book = render_book(load_bundle(ROOT), load_cases(ROOT / "tests" / "cases"))
    (ROOT / "docs" / "scenario_book.md").write_text(book, encoding="utf-8")
    print("wrote docs/scenario_book.md")
