"""A clinician's demo person: how much of an answer set is still made up, and what every screen and file says.

Three states (SAFETY.md S18). The answers are exactly a persona's: all fictional, labelled so. They started
from a persona and some of its made-up answers are still there: labelled as a mix, each made-up answer
marked, and the FHIR response tagged as test data. None of its answers is left: a real person's, no label.
A hand edit never clears the label while a made-up answer remains (review 11, k11-1: one edit once let a
fictional "yes" to self-harm leave the device as a patient's).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from engine.models import Persona

DEMO_NAME = "Fictional demo person: {name}."  # the label's first sentence (components/frame.py bolds it)
DEMO_NOTE = "These answers are made up for a demonstration; they are not a real person's."
MIXED_NAME = "Started from a fictional demo person: {name}."
MIXED_NOTE = ("{kept} of these answers are still the demo's made-up answers, marked \"made up\" in the summary. "
              "The answers changed here are not made up. To fill this in for a real person, use Start again.")
MADE_UP = " (made up: the demo person's answer)"  # after each remaining made-up answer in a mixed summary
FOOTER = {True: "Fictional demo person: not a real person's answers.",
          False: "Started from a fictional demo person: some answers are made up."}


@dataclass(frozen=True)
class DemoOrigin:
    persona_id: str
    name: str
    kept: frozenset[str]  # the counted questions still holding the persona's made-up answer
    whole: bool  # the answers are exactly the persona's

    @property
    def heading(self) -> str:
        return (DEMO_NAME if self.whole else MIXED_NAME).format(name=self.name)

    @property
    def note(self) -> str:
        return DEMO_NOTE if self.whole else MIXED_NOTE.format(kept=len(self.kept))

    @property
    def label(self) -> str:
        return f"{self.heading} {self.note}"

    @property
    def footer(self) -> str:
        return FOOTER[self.whole]

    def marks(self, qid: str) -> bool:
        """Whether one answer is marked "made up" (in a mix only: a whole demo is labelled once, at the top)."""
        return not self.whole and qid in self.kept


def demo_origin(persona: Persona | None, answers: Mapping[str, Any],
                counted: Mapping[str, Any]) -> DemoOrigin | None:
    """How much of `answers` is still `persona`'s (None: no persona, or none of its answers is left).

    `counted` are the answers that count: a made-up answer the person can no longer see (hidden by an
    edit) is in no screen or file, so it is not counted as kept.
    """
    if persona is None:
        return None
    kept = frozenset(qid for qid, value in persona.answers.items() if qid in counted and counted[qid] == value)
    whole = dict(answers) == persona.answers
    if not kept and not whole:
        return None
    return DemoOrigin(persona.id, persona.name, kept, whole)
