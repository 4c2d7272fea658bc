"""GitHub Actions workflow commands: one ``::error`` / ``::warning`` / ``::notice`` annotation per finding.

``::warning file=PATH,line=L,col=C,endLine=EL,endColumn=EC,title=RULE::MESSAGE``, then one plain summary line.
Paths are relative to the working directory (or ``root=``), POSIX style; drafts that are no file (standard input,
``--text``) get no ``file``. Columns are 1-based with ``endColumn`` exclusive, as in the JSON output; GitHub only
accepts columns on a one-line annotation, so a finding spanning lines carries lines only. Values are escaped as
GitHub's toolkit does: in the message ``%``, CR and LF; in properties also ``:`` and ``,``.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath
from typing import TextIO

from ..api import Report
from ..finding import Finding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def display_path(path: str, root: Path) -> str | None:
    """``path`` relative to ``root`` in POSIX form; absolute when outside it; None for standard input / text."""
    if path.startswith("<") and path.endswith(">"):
        return None
    absolute = Path(os.path.normpath(root / path))
    try:
        return PurePosixPath(*absolute.relative_to(root).parts).as_posix()
    except ValueError:
        return absolute.as_posix()


def command(f: Finding, root: Path) -> str:
    props: list[tuple[str, object]] = []
    file = display_path(f.path, root)
    if file is not None:
        props.append(("file", file))
    props += [("line", f.line)]
    if f.end_line == f.line:
        props += [("col", f.column), ("endLine", f.end_line), ("endColumn", max(f.end_column, f.column))]
    else:
        props += [("endLine", f.end_line)]
    props.append(("title", f.rule))
    message = f.message + (f"\n{f.suggestion}" if f.suggestion else "")
    rendered = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{COMMANDS.get(f.severity, 'warning')} {rendered}::{escape_data(message)}"


def summary(report: Report) -> str:
    findings = report.findings
    drafts = len(report.results)
    plural = "s" if drafts != 1 else ""
    if not findings:
        return f"replylint: no problems found in {drafts} draft{plural}."
    counts = ", ".join(f"{n} {s}{'s' if n != 1 else ''}" for s in ("error", "warning", "info")
                       if (n := sum(1 for f in findings if f.severity == s)))
    flagged = sum(1 for r in report.results if r.findings)
    mean = sum(r.score for r in report.results) / drafts
    return (f"replylint: {len(findings)} finding{'s' if len(findings) != 1 else ''} ({counts}) in {flagged} of "
            f"{drafts} draft{plural}; mean score {mean:.0f}/100.")


def render(report: Report, stream: TextIO, *, root: str | Path | None = None, **_options) -> None:
    root = Path(os.path.abspath(root if root is not None else os.getcwd()))
    for f in report.findings:
        stream.write(command(f, root) + "\n")
    stream.write(summary(report) + "\n")
