"""Reporters format a Report; they compute nothing. Each is ``render(report, stream, **options)``."""

from __future__ import annotations

from . import github, json_report, sarif, text_report

REPORTERS = {"text": text_report.render, "json": json_report.render, "sarif": sarif.render,
             "github": github.render}
