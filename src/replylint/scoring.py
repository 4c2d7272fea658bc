"""Scores: 100 minus the weights of what was found, plus the bonus of good signals, overall and per category.

Each finding takes its rule's weight off the score; further findings of the same rule in the same draft take half
their weight each (one habit repeated is not several different problems). Each kind of positive signal present
(apology, acknowledgement, personalization, next step, offer of further help) gives back its bonus once, to the
overall score only. Scores are clamped to 0-100 and rounded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .finding import CATEGORIES, Finding, Signal

REPEAT_FACTOR = 0.5
PERSONALIZATION_BONUS = 2.0  # a name placeholder; detectors marked `signal: personalization` set their own


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


def score(findings: Iterable[Finding], bonus: float = 0.0) -> tuple[int, dict[str, int]]:
    """(overall score, {category: score}) for one draft's findings and its signals' bonus."""
    off = penalties(findings)
    return _clamp(sum(off.values()) - bonus), {c: _clamp(off.get(c, 0.0)) for c in CATEGORIES}


def signal_bonuses(detectors: Iterable) -> dict[str, float]:
    """Points each signal gives back: the largest bonus among the detectors reporting it."""
    bonuses: dict[str, float] = {"personalization": PERSONALIZATION_BONUS}
    for d in detectors:
        if d.signal:
            bonuses[d.signal] = max(bonuses.get(d.signal, 0.0), d.bonus)
    return bonuses


def bonus(signals: Iterable[Signal], bonuses: dict[str, float]) -> float:
    """The bonus of the signals present: each kind counts once."""
    return sum(bonuses.get(name, 0.0) for name in {s.name for s in signals})
