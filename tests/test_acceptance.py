"""What the core promises a user, end to end with the built-in rules, on the trained and the blank pipeline."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "eval" / "replies_dev.jsonl"

GOOD = ("Hi Maria,\n\nI'm so sorry your parcel arrived damaged, especially after waiting an extra week for it. "
        "I've sent a replacement by express courier today; it will reach you by Thursday, and you'll get the "
        "tracking number by email within the hour. You don't need to return the damaged one.\n\n"
        "If anything else comes up, just reply to this email and I'll sort it out.\n\nBest,\nTom")
KITCHEN_SINK = ("Dear valued customer,\n\nAs I already explained, you should have read our policy before "
                "ordering. Returns are not accepted after 14 days.\n\nUpgrade now to Premium - offer ends tonight!")


def test_good_reply_gets_no_warning(linter):
    result = linter.lint(GOOD, customer="My parcel arrived smashed after a week's delay. Not happy.")
    assert [f for f in result.findings if f.severity != "info"] == []
    assert result.score >= 95


def test_kitchen_sink_draft_is_defensive_generic_and_pushy(linter):
    result = linter.lint(KITCHEN_SINK)
    categories = {f.category for f in result.findings if f.severity != "info"}
    assert {"defensive", "generic", "pushy-upsell"} <= categories
    assert result.score <= 70
    for category in ("defensive", "generic", "pushy-upsell"):
        assert result.category_scores[category] < 100


def _cli(*args, input=None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "replylint", *args], input=input, capture_output=True, text=True,
                          env=env, timeout=600, cwd=ROOT)


def test_examples_directory_is_checked_with_positions():
    proc = _cli("check", "examples", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    by_name = {Path(d["path"]).name: d for d in data["drafts"]}
    assert by_name["bad-kitchen-sink.txt"]["findings"] and by_name["good-damaged-parcel.txt"]["score"] >= 95
    for draft in data["drafts"]:
        path = ROOT / draft["path"]
        if path.suffix in (".txt", ".md"):
            lines = path.read_text(encoding="utf-8").splitlines()
            for f in draft["findings"]:
                if f["line"] == f["end_line"]:
                    line = lines[f["line"] - 1]
                    assert line[f["column"] - 1:f["end_column"] - 1] == f["text"], (path, f)


def test_text_output_highlights_with_color():
    proc = _cli("check", "--color", "always", "--text", KITCHEN_SINK)
    assert proc.returncode == 1
    assert "\x1b[" in proc.stdout and "score" in proc.stdout


@pytest.mark.skipif(not SHARED_DEV.exists(), reason="../shared evaluation data not present")
def test_dev_set_runs_completely():
    proc = _cli("check", str(SHARED_DEV), "--format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    assert data["summary"]["drafts"] == 300 == len({d["id"] for d in data["drafts"]})
