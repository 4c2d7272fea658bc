"""Terminal output: each draft with findings, its offending spans highlighted, a findings table and the score.

With colour (a terminal, no NO_COLOR) it uses rich; otherwise plain lines with carets under each span.
"""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..api import LintResult, Report
from ..finding import CATEGORIES

STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}
HIGHLIGHT = {"error": "bold white on red", "warning": "black on yellow", "info": "underline cyan"}
MAX_DRAFT_LINES = 30
WINDOW = 100


def _summary(report: Report) -> str:
    findings = report.findings
    counts = [f"{n} {s}{'s' if n != 1 else ''}" for s in ("error", "warning", "info")
              if (n := sum(1 for f in findings if f.severity == s))]
    drafts = len(report.results)
    flagged = sum(1 for r in report.results if r.findings)
    if not findings:
        return f"No problems found in {drafts} draft{'s' if drafts != 1 else ''}."
    mean = sum(r.score for r in report.results) / drafts
    return (f"{len(findings)} finding{'s' if len(findings) != 1 else ''} ({', '.join(counts)}) in {flagged} of "
            f"{drafts} draft{'s' if drafts != 1 else ''}; mean score {mean:.0f}/100.")


def _title(result: LintResult) -> str:
    d = result.draft
    name = f" [{d.name}]" if d.name else (f" ({d.id})" if d.id != d.path else "")
    breakdown = ", ".join(f"{c} {result.category_scores[c]}" for c in CATEGORIES if result.category_scores[c] < 100)
    return f"{d.path}{name}  score {result.score}/100" + (f"  ({breakdown})" if breakdown else "")


def _excerpt_lines(result: LintResult) -> list[tuple[int, int, int]]:
    """(draft line number, start offset, end offset) of the draft's lines worth showing."""
    text = result.draft.text
    lines, start = [], 0
    for i, line in enumerate(text.split("\n")):
        lines.append((i, start, start + len(line)))
        start += len(line) + 1
    while lines and not text[lines[-1][1]:lines[-1][2]].strip():
        lines.pop()
    if len(lines) <= MAX_DRAFT_LINES:
        return lines
    hit = {i for i, s, e in lines for f in result.findings if f.start <= e and f.end >= s}
    return [ln for ln in lines if ln[0] in hit]


def _window(text: str, start: int, end: int, width: int = WINDOW) -> tuple[str, str, str]:
    """The finding's line cut to about ``width`` characters around the span: (before, span, after)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    end = min(end, line_end)
    budget = max(20, width - (end - start))
    left = max(line_start, start - budget // 2)
    right = min(line_end, end + budget - (start - left))
    left = max(line_start, start - (budget - (right - end)))
    before = ("..." if left > line_start else "") + text[left:start]
    after = text[end:right].rstrip() + ("..." if right < line_end else "")
    return before, text[start:end], after


def render_plain(report: Report, stream: TextIO) -> None:
    for result in report.results:
        if not result.findings:
            continue
        stream.write(_title(result) + "\n")
        text = result.draft.text
        for f in result.findings:
            stream.write(f"  {f.line}:{f.column}  {f.severity}  {f.rule}  {f.message}\n")
            before, span, after = _window(text, f.start, f.end)
            stream.write("      | " + before + span + after + "\n")
            stream.write("      | " + " " * len(before) + "^" * max(1, len(span)) + "\n")
            if f.trigger:
                stream.write(f"      ? because {f.trigger}\n")
            if f.suggestion:
                stream.write(f"      = {f.suggestion}\n")
        stream.write("\n")
    stream.write(_summary(report) + "\n")


def render_rich(report: Report, console: Console) -> None:
    for result in report.results:
        if not result.findings:
            continue
        console.rule(Text(_title(result), style="bold"), align="left")
        text = Text(result.draft.text)
        for f in result.findings:
            text.stylize(HIGHLIGHT[f.severity], f.start, f.end)
        for _, start, end in _excerpt_lines(result):
            line = text[start:end]
            line.rstrip()
            console.print(Text("  ") + line, soft_wrap=False)
        table = Table(show_header=True, header_style="bold", box=None, pad_edge=False, expand=False)
        for column in ("line:col", "severity", "rule", "message", "suggestion"):
            table.add_column(column, overflow="fold")
        for f in result.findings:
            message = f.message + (f" (because {f.trigger})" if f.trigger else "")
            table.add_row(f"{f.line}:{f.column}", Text(f.severity, style=STYLES[f.severity]), f.rule, message,
                          f.suggestion or "")
        console.print(table)
        console.print()
    console.print(_summary(report), highlight=False)


def render(report: Report, stream: TextIO, *, color: bool = False, **_options) -> None:
    if color:
        render_rich(report, Console(file=stream, force_terminal=True, highlight=False, soft_wrap=False))
    else:
        render_plain(report, stream)
