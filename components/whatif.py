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
    below: str | None  # the section just above it in the what-if list (None: it is first)

    def words(self, titles: Mapping[str, str]) -> str:
        """"from place 6 to place 4"; when the place number is the same (another section came or went, review 19,
        k19-2: "from place 6 to place 6"), what it now comes after (a section that keeps place 1 cannot move)."""
        if self.before != self.after or self.below is None:
            return f"from place {self.before} to place {self.after}"
        return f"now after {titles[self.below]}"


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
    moved = tuple(Move(s, before.index(s) + 1, after.index(s) + 1, _above(after, s))
                  for s in common_after if common_before.index(s) != common_after.index(s))
    return SectionChanges(appear, disappear, moved)


def _above(ids: list[str], section: str) -> str | None:
    place = ids.index(section)
    return ids[place - 1] if place else None


def caution_changes(before: Mapping[str, Iterable[str]], after: Mapping[str, Iterable[str]]
                    ) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """(section id, caution label) added and removed, in sections shown on both sides: an answer can bring a
    caution into a section without changing which sections are shown."""
    both = [s for s in after if s in before]
    added = tuple((s, c) for s in both for c in after[s] if c not in before[s])
    removed = tuple((s, c) for s in both for c in before[s] if c not in after[s])
    return added, removed
