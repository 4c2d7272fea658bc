"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub's toolkit does."""

from __future__ import annotations

import io
from pathlib import Path

from replylint.api import LintResult, Report
from replylint.draft import Draft
from replylint.finding import Finding
from replylint.reporters import REPORTERS, github
from replylint.scoring import score

from .conftest import get_linter

ROOT = Path("/work/project")


def _finding(**changes) -> Finding:
    values = dict(path="replies/a.txt", line=2, column=5, end_line=2, end_column=14, rule="defensive.as-i-said",
                  category="defensive", severity="warning", message="Pointing back.", suggestion="Say it kindly.",
                  text="As I said", start=0, end=9, draft_id="replies/a.txt", weight=5)
    values.update(changes)
    return Finding(**values)


def _report(*findings: Finding, path: str = "replies/a.txt") -> Report:
    total, per = score(list(findings))
    return Report(results=[LintResult(Draft.from_text("x", path=path), list(findings), total, per)])


def _render(report: Report) -> list[str]:
    out = io.StringIO()
    github.render(report, out, root=ROOT)
    return out.getvalue().splitlines()


def test_registered():
    assert REPORTERS["github"] is github.render


def test_escaping_follows_githubs_rules():
    assert github.escape_data("100% a:b, c\r\nd") == "100%25 a:b, c%0D%0Ad"
    assert github.escape_property("100% a:b, c\r\nd") == "100%25 a%3Ab%2C c%0D%0Ad"
    assert github.escape_data("%0A") == "%250A"  # an already-escaped-looking value stays literal


def test_one_command_per_finding_then_a_summary():
    lines = _render(_report(_finding()))
    assert lines == [
        "::warning file=replies/a.txt,line=2,col=5,endLine=2,endColumn=14,title=defensive.as-i-said::"
        "Pointing back.%0ASay it kindly.",
        "replylint: 1 finding (1 warning) in 1 of 1 draft; mean score 95/100.",
    ]


def test_properties_and_message_are_escaped():
    f = _finding(path="odd/a:b,c%.txt", message="50% off,\nreally: yes", suggestion=None, rule="x.a,b:c")
    (line, _) = _render(_report(f, path=f.path))
    assert line == ("::warning file=odd/a%3Ab%2Cc%25.txt,line=2,col=5,endLine=2,endColumn=14,title=x.a%2Cb%3Ac::"
                    "50%25 off,%0Areally: yes")


def test_severities_map_to_commands():
    lines = _render(_report(_finding(severity="error"), _finding(severity="warning"), _finding(severity="info")))
    assert [ln.split(" ", 1)[0] for ln in lines[:3]] == ["::error", "::warning", "::notice"]
    assert lines[3] == "replylint: 3 findings (1 error, 1 warning, 1 info) in 1 of 1 draft; mean score 90/100."


def test_paths_relative_to_the_root_and_pseudo_paths_have_no_file():
    assert github.display_path("/work/project/macros/x.md", ROOT) == "macros/x.md"
    assert github.display_path("./macros/../x.md", ROOT) == "x.md"
    assert github.display_path("/elsewhere/x.md", ROOT) == "/elsewhere/x.md"
    assert github.display_path("<stdin>", ROOT) is None
    (line, _) = _render(_report(_finding(path="<stdin>"), path="<stdin>"))
    assert line.startswith("::warning line=2,col=5,endLine=2,endColumn=14,title=defensive.as-i-said::")


def test_multi_line_findings_carry_no_columns():
    (line, _) = _render(_report(_finding(end_line=3, end_column=2)))
    assert line.startswith("::warning file=replies/a.txt,line=2,endLine=3,title=defensive.as-i-said::")


def test_clean_report_and_determinism():
    assert _render(Report(results=[LintResult(Draft.from_text("Hi"), [], 100, score([])[1])])) == \
        ["replylint: no problems found in 1 draft."]
    report = get_linter("blank").check([
        Draft.from_text("Hello,\nAs I said, you should have read our policy.\n", path="/work/project/r/bad.txt"),
        Draft.from_text("Per my last email, no.", path="<text>"),
    ])
    first = _render(report)
    assert first == _render(report)
    commands = [ln for ln in first if ln.startswith("::")]
    assert len(commands) == len(report.findings) >= 3
    assert all(c.startswith(("::warning file=r/bad.txt,line=2,", "::notice file=r/bad.txt,line=2,"))
               for c in commands[:-2] if "file=" in c)
    assert not first[-1].startswith("::") and first[-1].startswith("replylint: ")
