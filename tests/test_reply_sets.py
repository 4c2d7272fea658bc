"""Quality floors for the reply categories on the labelled replies written for replylint (benchmarks/data).

The nine sets (`replies_written_r.jsonl` to `_z.jsonl`) were each written and labelled by someone who had not seen
the rules or the other sets and measured blind; all but Z were then tuned on (see benchmarks/data/README.md). The
floors sit a little under the measured figures, so a change that makes a category clearly worse on replies in
other styles fails here; benchmarks/evaluate.py does the measuring and reports the rest.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.draft import Draft

from .conftest import get_linter

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data"
LABELS = {"defensive": "defensive", "missing-apology": "missing_apology", "non-apology": "non_apology",
          "generic": "generic", "pushy-upsell": "pushy_upsell"}
# (precision, F1) floors on the blank pipeline, per file
FLOORS = {
    "replies_written_r.jsonl": {"defensive": (0.85, 0.85), "missing-apology": (0.70, 0.73),
                                "non-apology": (0.90, 0.88), "generic": (0.73, 0.73), "pushy-upsell": (0.80, 0.80)},
    "replies_written_s.jsonl": {"defensive": (0.85, 0.85), "missing-apology": (0.70, 0.78),
                                "non-apology": (0.90, 0.82), "generic": (0.73, 0.73), "pushy-upsell": (0.80, 0.80)},
    "replies_written_t.jsonl": {"defensive": (0.85, 0.80), "missing-apology": (0.75, 0.80),
                                "non-apology": (0.90, 0.85), "generic": (0.80, 0.84), "pushy-upsell": (0.60, 0.70)},
    "replies_written_u.jsonl": {"defensive": (0.90, 0.76), "missing-apology": (0.64, 0.66),
                                "non-apology": (0.90, 0.84), "generic": (0.85, 0.82), "pushy-upsell": (0.50, 0.60)},
    "replies_written_v.jsonl": {"defensive": (0.85, 0.80), "missing-apology": (0.74, 0.77),
                                "non-apology": (0.93, 0.92), "generic": (0.87, 0.89), "pushy-upsell": (0.80, 0.70)},
    # W: measured blind after the rounds on R to V (see benchmarks/data/README.md), then tuned on defensive only
    "replies_written_w.jsonl": {"defensive": (0.90, 0.82), "missing-apology": (0.64, 0.68),
                                "non-apology": (0.90, 0.93), "generic": (0.75, 0.79), "pushy-upsell": (0.60, 0.70)},
    # X: measured blind after every other round, then tuned on defensive only
    "replies_written_x.jsonl": {"defensive": (0.88, 0.83), "missing-apology": (0.62, 0.68),
                                "non-apology": (0.85, 0.79), "generic": (0.73, 0.82), "pushy-upsell": (0.80, 0.80)},
    # Y: measured blind after every other round, then tuned on defensive and missing-apology
    "replies_written_y.jsonl": {"defensive": (0.93, 0.90), "missing-apology": (0.72, 0.71),
                                "non-apology": (0.93, 0.89), "generic": (0.87, 0.85), "pushy-upsell": (0.80, 0.80)},
    # Z: measured blind after every other round and kept blind (its errors were never read)
    "replies_written_z.jsonl": {"defensive": (0.90, 0.56), "missing-apology": (0.75, 0.68),
                                "non-apology": (0.90, 0.84), "generic": (0.75, 0.75), "pushy-upsell": (0.80, 0.80)},
}
CASES = [(name, category) for name in sorted(FLOORS) for category in sorted(FLOORS[name])]
_VERDICTS: dict[str, tuple[list[dict], list[set[str]]]] = {}


def verdicts(name: str) -> tuple[list[dict], list[set[str]]]:
    if name not in _VERDICTS:
        path = DATA / name
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(items) == 200 and len({it["id"] for it in items}) == 200
        report = get_linter("blank").check([Draft.from_text(it["reply"], path=str(path), id=it["id"],
                                                            customer=it["customer"]) for it in items])
        found = [{f.category for f in result.findings if f.severity in ("warning", "error")}
                 for result in report.results]
        _VERDICTS[name] = (items, found)
    return _VERDICTS[name]


def precision_f1(pairs: list[tuple[bool, bool]]) -> tuple[float, float]:
    tp = sum(1 for g, p in pairs if g and p)
    fp = sum(1 for g, p in pairs if not g and p)
    fn = sum(1 for g, p in pairs if g and not p)
    return (tp / (tp + fp) if tp + fp else 0.0), (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)


@pytest.mark.parametrize("name, category", CASES)
def test_reply_category_stays_above_its_floor(name, category):
    items, found = verdicts(name)
    pairs = [(bool(it["gold"][LABELS[category]]), category in cats) for it, cats in zip(items, found)]
    assert sum(g for g, _ in pairs) >= 4
    precision, f1 = precision_f1(pairs)
    min_precision, min_f1 = FLOORS[name][category]
    assert precision >= min_precision and f1 >= min_f1, (name, category, round(precision, 3), round(f1, 3))


def test_precision_f1_helper():
    assert precision_f1([(True, True), (False, False)]) == (1.0, 1.0)
    assert precision_f1([(True, False), (False, True)]) == (0.0, 0.0)
    assert precision_f1([(True, True), (False, True), (True, False)]) == (0.5, 0.5)
