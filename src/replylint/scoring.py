"""Scores: 100 minus the weights of what was found, overall and per category.

Each finding takes its rule's weight off the score; further findings of the same rule in the same draft take half
their weight each (one habit repeated is not several different problems). Scores are clamped to 0-100 and rounded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .finding import CATEGORIES, Finding

REPEAT_FACTOR = 0.5


def penalties(findings: Iterable[Finding]) -> dict[str, float]:
    """Points off per category."""
    seen: set[str] = set()
    off: dict[str, float] = defaultdict(float)
    for f in sorted(findings, key=lambda f: (f.start, f.rule)):
        off[f.category] += f.weight if f.rule not in seen else f.weight * REPEAT_FACTOR
        seen.add(f.rule)
    return off


def _clamp(points: float) -> int:
    return int(max(0.0, min(100.0, round(100.0 - points))))


def score(findings: Iterable[Finding]) -> tuple[int, dict[str, int]]:
    """(overall score, {category: score}) for one draft's findings."""
    off = penalties(findings)
    return _clamp(sum(off.values())), {c: _clamp(off.get(c, 0.0)) for c in CATEGORIES}
