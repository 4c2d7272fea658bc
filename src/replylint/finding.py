"""The one Finding type every rule produces and every reporter consumes."""

from __future__ import annotations

from dataclasses import asdict, dataclass

SEVERITIES = ("info", "warning", "error")
SIGNALS = ("apology", "acknowledgement", "personalization", "next-step", "further-help", "courtesy")
CATEGORIES = ("defensive", "missing-apology", "non-apology", "generic", "pushy-upsell")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True, order=True)
class Finding:
    """A problem found in a draft, positioned both in the draft text and in the source file.

    ``start``/``end`` are character offsets into the draft's text; ``line``/``column`` (1-based) and
    ``end_line``/``end_column`` (1-based, end exclusive) point into the original file.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    suggestion: str | None
    text: str
    start: int
    end: int
    draft_id: str
    macro: str | None = None
    weight: float = 0.0
    trigger: str | None = None  # why a context rule fired: the words that triggered it, or the customer's sentence

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Signal:
    """Something good in a draft (a specific apology, a next step with a time frame, ...): not a finding."""

    name: str
    line: int
    column: int
    text: str
    start: int
    end: int
