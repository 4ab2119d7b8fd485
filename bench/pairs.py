"""Counts of (item, abstract) pairs, shared by the linking scorers in this folder."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PairCounts:
    """True, false and missed links over (item, abstract) pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
