"""Tests for replylint.scoring (points off, repeats at half weight, clamping) and replylint.filters."""

from __future__ import annotations

import random

import pytest

from replylint import filters, scoring
from replylint.finding import CATEGORIES, Finding


def finding(rule: str = "defensive.as-i-said", category: str = "defensive", *, start: int = 0, end: int | None = None,
            weight: float = 5.0, path: str = "r.txt", line: int = 1, column: int | None = None,
            end_line: int | None = None, end_column: int | None = None, draft_id: str | None = None,
            severity: str = "warning", message: str = "msg") -> Finding:
    end = start + 4 if end is None else end
    column = start + 1 if column is None else column
    return Finding(
        path=path, line=line, column=column,
        end_line=line if end_line is None else end_line,
        end_column=column + (end - start) if end_column is None else end_column,
        rule=rule, category=category, severity=severity, message=message, suggestion=None,
        text="text", start=start, end=end, draft_id=draft_id or path, weight=weight,
    )


# --- scoring ----------------------------------------------------------------------------------------------------------

def test_no_findings_scores_100_everywhere():
    total, per_category = scoring.score([])
    assert total == 100
    assert per_category == {c: 100 for c in CATEGORIES}


def test_one_finding_takes_its_weight_off():
    total, per_category = scoring.score([finding(weight=8)])
    assert total == 92
    assert per_category["defensive"] == 92
    assert all(per_category[c] == 100 for c in CATEGORIES if c != "defensive")


def test_category_scores_cover_every_category():
    _, per_category = scoring.score([finding(weight=3)])
    assert set(per_category) == set(CATEGORIES)


def test_repeat_of_same_rule_costs_half():
    f = [finding(start=0, weight=10), finding(start=20, weight=10)]
    total, per_category = scoring.score(f)
    assert total == 100 - 10 - 5
    assert per_category["defensive"] == 85


def test_each_further_repeat_costs_half_not_compounding():
    f = [finding(start=s, weight=10) for s in (0, 10, 20, 30)]
    total, _ = scoring.score(f)
    assert total == 100 - 10 - 5 - 5 - 5


def test_different_rules_each_cost_full_weight():
    f = [finding("defensive.a", start=0, weight=10), finding("defensive.b", start=10, weight=10)]
    assert scoring.score(f)[0] == 80


def test_repeat_counting_is_per_rule():
    f = [finding("defensive.a", start=0, weight=10), finding("defensive.b", start=5, weight=6),
         finding("defensive.a", start=10, weight=10), finding("defensive.b", start=15, weight=6)]
    assert scoring.score(f)[0] == 100 - (10 + 5) - (6 + 3)


def test_penalties_per_category():
    f = [finding("defensive.a", "defensive", start=0, weight=10),
         finding("defensive.a", "defensive", start=10, weight=10),
         finding("generic.b", "generic", start=5, weight=4),
         finding("pushy.c", "pushy-upsell", start=7, weight=2)]
    off = scoring.penalties(f)
    assert off["defensive"] == 15
    assert off["generic"] == 4
    assert off["pushy-upsell"] == 2
    total, per_category = scoring.score(f)
    assert total == 100 - 21
    assert per_category == {"defensive": 85, "missing-apology": 100, "non-apology": 100, "generic": 96,
                            "pushy-upsell": 98}


def test_score_does_not_depend_on_input_order():
    f = [finding("defensive.a", start=s, weight=7) for s in (3, 40, 12)] + \
        [finding("generic.b", "generic", start=s, weight=4) for s in (8, 1)]
    expected = scoring.score(f)
    assert expected[0] == 100 - (7 + 3.5 + 3.5) - (4 + 2)
    for seed in range(5):
        shuffled = f[:]
        random.Random(seed).shuffle(shuffled)
        assert scoring.score(shuffled) == expected


def test_score_is_clamped_at_zero():
    f = [finding(f"defensive.r{i}", start=i, weight=10) for i in range(15)]
    total, per_category = scoring.score(f)
    assert total == 0
    assert per_category["defensive"] == 0
    assert per_category["generic"] == 100


def test_overall_clamped_while_categories_are_separate():
    f = [finding(f"defensive.r{i}", "defensive", start=i, weight=10) for i in range(6)] + \
        [finding(f"generic.r{i}", "generic", start=i, weight=10) for i in range(6)]
    total, per_category = scoring.score(f)
    assert total == 0
    assert per_category["defensive"] == 40
    assert per_category["generic"] == 40


def test_zero_weight_costs_nothing():
    assert scoring.score([finding(weight=0), finding("generic.x", "generic", weight=0)])[0] == 100


def test_scores_are_rounded_integers():
    total, per_category = scoring.score([finding(weight=2.2), finding("generic.x", "generic", weight=1.4)])
    assert total == 96  # 96.4
    assert isinstance(total, int)
    assert per_category["defensive"] == 98  # 97.8
    assert per_category["generic"] == 99  # 98.6
    assert all(isinstance(v, int) for v in per_category.values())


def test_scores_rounding_to_nearest():
    total, _ = scoring.score([finding(weight=2.7)])
    assert total == 97  # 97.3
    total, _ = scoring.score([finding(weight=2.2)])
    assert total == 98  # 97.8


# --- select / ignore --------------------------------------------------------------------------------------------

@pytest.fixture
def sample():
    return [
        finding("defensive.as-i-said", "defensive", start=0),
        finding("defensive.policy", "defensive", start=1),
        finding("defensive.policy.refund", "defensive", start=2),
        finding("defensive.policyholder", "defensive", start=3),
        finding("generic.boilerplate", "generic", start=4),
        finding("pushy.upgrade", "pushy-upsell", start=5),
        finding("non-apology.if", "non-apology", start=6),
    ]


def rules_of(findings):
    return [f.rule for f in findings]


def test_no_selectors_keeps_everything(sample):
    assert filters.select(sample) == sample


def test_select_by_category(sample):
    assert rules_of(filters.select(sample, select=("pushy-upsell",))) == ["pushy.upgrade"]
    assert rules_of(filters.select(sample, select=("generic",))) == ["generic.boilerplate"]


def test_select_by_rule_id(sample):
    assert rules_of(filters.select(sample, select=("defensive.as-i-said",))) == ["defensive.as-i-said"]


def test_select_by_dotted_prefix(sample):
    got = rules_of(filters.select(sample, select=("defensive.policy",)))
    assert got == ["defensive.policy", "defensive.policy.refund"]
    assert "defensive.policyholder" not in got


def test_select_prefix_with_trailing_dot(sample):
    got = rules_of(filters.select(sample, select=("defensive.policy.",)))
    assert "defensive.policy.refund" in got
    assert "defensive.policyholder" not in got


def test_select_category_prefix_of_rule_ids(sample):
    got = rules_of(filters.select(sample, select=("pushy",)))
    assert got == ["pushy.upgrade"]  # 'pushy' is a rule-id prefix, not the category 'pushy-upsell'


def test_select_is_not_a_plain_string_prefix(sample):
    assert filters.select(sample, select=("defensive.as",)) == []
    assert filters.select(sample, select=("gener",)) == []


def test_select_several_selectors_is_a_union(sample):
    got = rules_of(filters.select(sample, select=("generic", "non-apology.if")))
    assert got == ["generic.boilerplate", "non-apology.if"]


def test_ignore_by_category_rule_and_prefix(sample):
    assert "generic.boilerplate" not in rules_of(filters.select(sample, ignore=("generic",)))
    assert rules_of(filters.select(sample, ignore=("defensive",))) == ["generic.boilerplate", "pushy.upgrade",
                                                                       "non-apology.if"]
    got = rules_of(filters.select(sample, ignore=("defensive.policy",)))
    assert got == ["defensive.as-i-said", "defensive.policyholder", "generic.boilerplate", "pushy.upgrade",
                   "non-apology.if"]
    assert "pushy.upgrade" not in rules_of(filters.select(sample, ignore=("pushy.upgrade",)))


def test_ignore_wins_over_select(sample):
    got = rules_of(filters.select(sample, select=("defensive",), ignore=("defensive.policy",)))
    assert got == ["defensive.as-i-said", "defensive.policyholder"]


def test_select_keeps_input_order():
    f = [finding("b.x", "generic", start=9), finding("a.x", "generic", start=1)]
    assert filters.select(f, select=("generic",)) == f


# --- dedupe -------------------------------------------------------------------------------------------------------

def test_dedupe_keeps_first_of_same_rule_and_span():
    first = finding("defensive.a", start=3, end=8, message="first")
    dup = finding("defensive.a", start=3, end=8, message="second")
    other = finding("defensive.b", start=0, end=2)
    assert filters.dedupe([first, other, dup]) == [first, other]


def test_dedupe_keeps_different_spans_rules_and_drafts():
    base = finding("defensive.a", start=3, end=8, draft_id="d1")
    others = [
        finding("defensive.a", start=3, end=9, draft_id="d1"),
        finding("defensive.a", start=4, end=8, draft_id="d1"),
        finding("defensive.b", start=3, end=8, draft_id="d1"),
        finding("defensive.a", start=3, end=8, draft_id="d2"),
    ]
    assert filters.dedupe([base, *others]) == [base, *others]


def test_dedupe_of_empty_is_empty():
    assert filters.dedupe([]) == []


# --- ordered ------------------------------------------------------------------------------------------------------

def test_ordered_by_path_line_column_rule():
    a = finding("z.rule", path="a.txt", line=2, column=1)
    b = finding("a.rule", path="a.txt", line=1, column=9)
    c = finding("a.rule", path="a.txt", line=1, column=3)
    d = finding("b.rule", path="a.txt", line=1, column=3)
    e = finding("a.rule", path="b.txt", line=1, column=1)
    assert filters.ordered([e, a, d, b, c]) == [c, d, b, a, e]


def test_ordered_uses_end_to_break_ties():
    long = finding("a.rule", line=1, column=1, end_line=2, end_column=4)
    short = finding("a.rule", line=1, column=1, end_line=1, end_column=9)
    shorter = finding("a.rule", line=1, column=1, end_line=1, end_column=5)
    assert filters.ordered([long, short, shorter]) == [shorter, short, long]


def test_ordered_line_before_column():
    late_line = finding("a.rule", line=10, column=1)
    early_line = finding("a.rule", line=2, column=50)
    assert filters.ordered([late_line, early_line]) == [early_line, late_line]
