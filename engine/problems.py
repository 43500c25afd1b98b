"""Problems found while loading: where, which stable code, and what was wrong."""

from __future__ import annotations

from dataclasses import dataclass

# Every problem code the loader can report, with what it means. Documented in
# README ("Error codes"); a test fails when a code here is not documented there
# or has no failing fixture in tests/fixtures/bad/.
PROBLEM_CODES: dict[str, str] = {
    "yaml-syntax": "the file is not valid YAML",
    "duplicate-key": "a mapping has the same key twice",
    "unknown-key": "a key the schema does not know",
    "missing-field": "a required field is missing",
    "invalid-value": "a value has the wrong type or form",
    "duplicate-id": "two items share an id",
    "unknown-question": "a condition names a question that does not exist",
    "unknown-code": "a condition uses a code the question does not have",
    "operator-mismatch": "an operator does not fit the question's type or its value",
    "visibility-forward-reference": "a question's visibility depends on a later question",
    "visibility-cycle": "questions' visibility depends on itself",
    "unknown-section": ("a rule, content file or the comparison baseline names a section id that is not registered "
                        "(the baseline must be a treatment section)"),
    "unreachable-section": "no rule can ever select a section",
    "missing-content": "a registered section has no content file",
    "content-id-mismatch": "a content file's id differs from its file name",
    "missing-heading": "a content body lacks a heading its tier requires",
    "missing-comparison": "a treatment option has no comparison facts",
    "missing-crisis-line": "a region has no crisis line or emergency number",
    "unknown-region": "crisis lines name a region the region question does not have",
    "safety-question": "the safety question is missing, hidden, optional or not first",
    "missing-file": "a required rules file is missing",
    "visibility-unknown-hides": "a question would be hidden when nothing is answered (unknown is not no)",
    "unknown-caution": "a caution names a kind that rules/cautions.yaml does not list",
    "unknown-outcome": "an outcome figure names a term that rules/outcomes.yaml does not list",
    "figure-comparator": "a benefit figure has no comparator, or a treatment option has no benefit figure",
    "figure-range": "an outcome figure's range does not say what it spans, or a figure without a range says it",
    "figure-source": "an outcome figure's source is not one of its section's sources",
    "yaml-anchor": "the file uses a YAML anchor (&name) or alias (*name), which are not allowed",
    "outside-root": "a file is a symlink that leaves the project folder; it is not read",
    "not-a-file": "a file is a folder, a device, a FIFO or a symlink loop, not a regular file",
    "file-too-large": "a file is larger than the cap (1 MB), so it is not read",
    "reading-level": "patient-facing text reads above US grade 8 (Flesch-Kincaid)",
    "unsafe-phrase": ("patient-facing text gives a dose, a schedule, a diagnosis, how deadly a substance is, "
                      "or says to stop medication"),
    "long-sentence": "a patient-facing sentence is longer than 30 words",
    "missing-path-step": "a treatment section is on no step of the treatment path (rules/path.yaml)",
    "unknown-step": "a path edge or the values file names a step that does not exist",
    "template-placeholder": "a text names an answer its condition does not make sure is given",
}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.code not in PROBLEM_CODES:
            raise ValueError(f"unregistered problem code {self.code!r}")

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.code}: {self.message}"
