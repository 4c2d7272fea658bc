"""Versioned, stable JSON: per draft its id, path, score, category scores and findings."""

from __future__ import annotations

import json
from typing import TextIO

from .. import __version__
from ..api import Report
from ..finding import Finding

SCHEMA_VERSION = 1


def finding_dict(f: Finding) -> dict:
    return {
        "rule": f.rule, "category": f.category, "severity": f.severity, "message": f.message,
        "suggestion": f.suggestion, "line": f.line, "column": f.column, "end_line": f.end_line,
        "end_column": f.end_column, "text": f.text, "macro": f.macro, "trigger": f.trigger,
    }


def as_dict(report: Report) -> dict:
    drafts = [{
        "id": r.draft.id, "path": r.draft.path, "name": r.draft.name, "score": r.score,
        "category_scores": r.category_scores, "findings": [finding_dict(f) for f in r.findings],
        "signals": {name: [{"line": s.line, "column": s.column, "text": s.text} for s in r.signals if s.name == name]
                    for name in sorted({s.name for s in r.signals})},
    } for r in report.results]
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
    return {
        "version": SCHEMA_VERSION,
        "tool": {"name": "replylint", "version": __version__},
        "summary": {"drafts": len(drafts), "findings": sum(counts.values()), "by_severity": counts},
        "notices": report.notices,
        "drafts": drafts,
    }


def render(report: Report, stream: TextIO, **_options) -> None:
    json.dump(as_dict(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
