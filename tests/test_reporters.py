"""Reporters format what they are given: plain text with carets, rich with ANSI colour, JSON."""

from __future__ import annotations

import io
import json

from replylint.api import LintResult, Report
from replylint.draft import Draft
from replylint.finding import Finding
from replylint.reporters import json_report, text_report
from replylint.scoring import score


def _report() -> Report:
    draft = Draft.from_text("Hello Ann,\nAs I said, kindly note the fee.\n", path="d.txt")
    findings = [
        Finding(path="d.txt", line=2, column=1, end_line=2, end_column=10, rule="defensive.as-i-said",
                category="defensive", severity="warning", message="Pointing back.", suggestion="Say it kindly.",
                text="As I said", start=11, end=20, draft_id="d.txt", weight=8),
        Finding(path="d.txt", line=2, column=12, end_line=2, end_column=23, rule="generic.kindly-note",
                category="generic", severity="info", message="Filler.", suggestion=None,
                text="kindly note", start=22, end=33, draft_id="d.txt", weight=1),
    ]
    total, per = score(findings)
    clean = Draft.from_text("All fixed.", path="ok.txt")
    return Report(results=[LintResult(draft, findings, total, per),
                           LintResult(clean, [], 100, score([])[1])], notices=["a note"])


def test_plain_text_has_positions_carets_score_and_summary():
    out = io.StringIO()
    text_report.render(_report(), out, color=False)
    lines = out.getvalue().splitlines()
    assert lines[0] == "d.txt  score 91/100  (defensive 92, generic 99)"
    assert lines[1] == "  2:1  warning  defensive.as-i-said  Pointing back."
    assert lines[2] == "      | As I said, kindly note the fee."
    assert lines[3] == "      | ^^^^^^^^^"
    assert lines[4] == "      = Say it kindly."
    assert lines[7] == "      | " + " " * 11 + "^" * 11
    assert lines[-1] == "2 findings (1 warning, 1 info) in 1 of 2 drafts; mean score 96/100."
    assert "ok.txt" not in out.getvalue() and "\x1b[" not in out.getvalue()


def test_rich_text_highlights_spans():
    out = io.StringIO()
    text_report.render(_report(), out, color=True)
    value = out.getvalue()
    assert "\x1b[" in value
    assert "defensive.as-i-said" in value and "Say it kindly." in value and "2:12" in value


def test_clean_summary():
    report = Report(results=[LintResult(Draft.from_text("Hi"), [], 100, score([])[1])])
    out = io.StringIO()
    text_report.render(report, out)
    assert out.getvalue() == "No problems found in 1 draft.\n"


def test_json_report_round_trips():
    out = io.StringIO()
    json_report.render(_report(), out)
    data = json.loads(out.getvalue())
    assert data["notices"] == ["a note"]
    assert data["drafts"][0]["score"] == 91 and data["drafts"][1]["findings"] == []
    assert data["drafts"][0]["findings"][1]["suggestion"] is None
    assert data["summary"]["by_severity"] == {"error": 0, "warning": 1, "info": 1}


def test_plain_text_cuts_long_lines_around_the_span():
    text = "word " * 60 + "As I said" + " more" * 60
    start = text.index("As I said")
    draft = Draft.from_text(text, path="long.txt")
    finding = Finding(path="long.txt", line=1, column=start + 1, end_line=1, end_column=start + 10,
                      rule="r", category="defensive", severity="warning", message="m", suggestion=None,
                      text="As I said", start=start, end=start + 9, draft_id="long.txt", weight=5)
    out = io.StringIO()
    text_report.render(Report(results=[LintResult(draft, [finding], 95, score([finding])[1])]), out)
    excerpt, carets = out.getvalue().splitlines()[2:4]
    assert excerpt.startswith("      | ...") and excerpt.endswith("...") and len(excerpt) < 130
    assert excerpt[carets.index("^"):carets.rindex("^") + 1] == "As I said"
