"""Compare two results: which sections appear, disappear or move, and which cautions come or go (pure, no Streamlit).

A section "moves" when its order relative to the sections present in both lists
changes, so one new section at the top does not make every other one "move".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Move:
    id: str
    before: int  # 1-based place in the original list
    after: int  # 1-based place in the what-if list


@dataclass(frozen=True)
class SectionChanges:
    appear: tuple[str, ...]
    disappear: tuple[str, ...]
    moved: tuple[Move, ...]

    @property
    def any(self) -> bool:
        return bool(self.appear or self.disappear or self.moved)


def section_changes(before: list[str], after: list[str]) -> SectionChanges:
    appear = tuple(s for s in after if s not in before)
    disappear = tuple(s for s in before if s not in after)
    common_before = [s for s in before if s in after]
    common_after = [s for s in after if s in before]
    moved = tuple(Move(s, before.index(s) + 1, after.index(s) + 1)
                  for s in common_after if common_before.index(s) != common_after.index(s))
    return SectionChanges(appear, disappear, moved)


def caution_changes(before: Mapping[str, Iterable[str]], after: Mapping[str, Iterable[str]]
                    ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(section id, caution label) added and removed, in sections shown on both sides: an answer can bring a
    caution into a section without changing which sections are shown."""
    both = [s for s in after if s in before]
    added = tuple((s, c) for s in both for c in after[s] if c not in before[s])
    removed = tuple((s, c) for s in both for c in before[s] if c not in after[s])
    return added, removed
