"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning, IDE SARIF viewers).

One run: the driver describes every rule that ran (sorted by id; ``ruleIndex`` points into that list), each finding
is a result with its region in the file, and the report's notices are tool-execution notifications. The output is
deterministic: no timestamps, paths relative to ``%SRCROOT%`` (the working directory, or ``root=``).

Columns are Unicode code points (``run.columnKind``), 1-based, ``endColumn`` exclusive, as in replylint's JSON.
Drafts that are not files (standard input, ``--text``) get the relative URIs ``stdin`` / ``text`` / ``text-N``
without a ``uriBaseId``. ``partialFingerprints["replylint/v1"]`` hashes the rule, the file, the draft (its macro
name or explicit thread id), the normalised matched text and the occurrence index of that combination, so edits
elsewhere in the file do not change it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path, PurePosixPath
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..api import LintResult, Report
from ..draft import normalise
from ..engine.spec import Example, Spec
from ..finding import Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
FINGERPRINT = "replylint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_PSEUDO = re.compile(r"^<(?P<name>[^<>]+)>$")  # "<stdin>", "<text>", "<text 2>"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~])")


def level(severity: str) -> str:
    return LEVELS.get(severity, "warning")


def rule_name(rule_id: str) -> str:
    """``defensive.as-i-said`` -> ``DefensiveAsISaid``."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", rule_id) if part)


def artifact_location(path: str, root: Path) -> dict:
    """The SARIF artifactLocation of a finding's path: relative to ``%SRCROOT%`` when it lies under ``root``, an
    absolute file URI when it does not, and ``stdin`` / ``text`` / ``text-N`` for drafts that are no file."""
    pseudo = _PSEUDO.match(path)
    if pseudo:
        name = re.sub(r"[^0-9A-Za-z._-]+", "-", pseudo.group("name")).strip("-") or "text"
        return {"uri": name}
    absolute = Path(os.path.normpath(root / path))  # normpath: "a/../b" without resolving symlinks
    try:
        relative = absolute.relative_to(root)
    except ValueError:
        return {"uri": absolute.as_uri()}
    posix = PurePosixPath(*relative.parts).as_posix() if relative.parts else "."
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _example(example: Example) -> str:
    return example.text + (f" (customer: {example.customer})" if example.customer else "")


def _md(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _help(spec: Spec) -> dict:
    text, markdown = [], []
    if spec.rationale:
        text.append(spec.rationale)
        markdown.append(_md(spec.rationale))
    if spec.suggestion:
        text.append(f"Instead: {spec.suggestion}")
        markdown.append(f"**Instead:** {_md(spec.suggestion)}")
    pair_text, pair_md = [], []
    if spec.flag_examples:
        pair_text.append(f"Flagged: {_example(spec.flag_examples[0])}")
        pair_md.append(f"- Flagged: {_md(_example(spec.flag_examples[0]))}")
    if spec.pass_examples:
        pair_text.append(f"Not flagged: {_example(spec.pass_examples[0])}")
        pair_md.append(f"- Not flagged: {_md(_example(spec.pass_examples[0]))}")
    if pair_text:
        text.append("\n".join(pair_text))
        markdown.append("\n".join(pair_md))
    if not text:
        text, markdown = [spec.message or spec.id], [_md(spec.message or spec.id)]
    return {"text": "\n\n".join(text), "markdown": "\n\n".join(markdown)}


def rule_descriptor(spec: Spec) -> dict:
    category = spec.category or "other"
    return {
        "id": spec.id,
        "name": rule_name(spec.id),
        "shortDescription": {"text": spec.description or spec.message or spec.id},
        "fullDescription": {"text": spec.message or spec.description or spec.id},
        "help": _help(spec),
        "defaultConfiguration": {"level": level(spec.severity)},
        "properties": {"category": category, "tags": [category]},
    }


def _descriptors(report: Report) -> list[dict]:
    """Every rule that ran, plus any rule a finding names that the report does not describe, sorted by id."""
    specs = {s.id: s for s in report.rules if not s.is_detector}
    for f in report.findings:
        if f.rule not in specs:
            specs[f.rule] = Spec(id=f.rule, kind="phrase", path="", line=0, category=f.category,
                                 severity=f.severity, message=f.message, suggestion=f.suggestion,
                                 description=f.message.split(". ")[0].rstrip("."))
    return [rule_descriptor(specs[k]) for k in sorted(specs)]


def _draft_key(result: LintResult) -> str:
    """What identifies a draft inside its file without depending on where it sits: its macro name, or an
    explicit thread id (ids a reader derives from the path or a line number are left out)."""
    d = result.draft
    if d.name:
        return f"name:{d.name}"
    if d.id != d.path and not d.id.startswith(f"{d.path}:"):
        return f"id:{d.id}"
    return ""


def _normalised(text: str) -> str:
    return " ".join(normalise(text).casefold().split())


def fingerprints(report: Report, root: Path) -> list[str]:
    """One stable hash per finding, in report order."""
    seen: dict[tuple, int] = {}
    out = []
    for result in report.results:
        key_draft = _draft_key(result)
        for f in result.findings:
            key = (f.rule, artifact_location(f.path, root)["uri"], key_draft, f.macro or "", _normalised(f.text))
            occurrence = seen.get(key, 0)
            seen[key] = occurrence + 1
            payload = json.dumps([*key, occurrence], ensure_ascii=False)
            out.append(hashlib.sha256(payload.encode("utf-8")).hexdigest())
    return out


def _result(f: Finding, result: LintResult, index: dict[str, int], root: Path, fingerprint: str) -> dict:
    message = f.message + (f" {f.suggestion}" if f.suggestion else "")
    region: dict = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    if f.text:
        region["snippet"] = {"text": f.text}
    location: dict = {"physicalLocation": {"artifactLocation": artifact_location(f.path, root), "region": region}}
    if f.macro:
        location["logicalLocations"] = [{"name": f.macro, "kind": "object"}]
    properties: dict = {"category": f.category, "score": result.score}
    trigger = getattr(f, "trigger", None)  # why a context rule fired, when the engine says
    if trigger:
        properties["trigger"] = trigger
    return {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": level(f.severity),
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": properties,
    }


def as_dict(report: Report, root: str | Path | None = None) -> dict:
    root = Path(os.path.abspath(root if root is not None else os.getcwd()))
    rules = _descriptors(report)
    index = {r["id"]: i for i, r in enumerate(rules)}
    prints = iter(fingerprints(report, root))
    results = [_result(f, r, index, root, next(prints)) for r in report.results for f in r.findings]
    invocation: dict = {"executionSuccessful": True}
    if report.notices:
        invocation["toolExecutionNotifications"] = [{"message": {"text": n}, "level": "note"}
                                                    for n in report.notices]
    root_uri = root.as_uri()
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {"name": "replylint", "version": __version__, "rules": rules}},
            "invocations": [invocation],
            "originalUriBaseIds": {SRCROOT: {"uri": root_uri if root_uri.endswith("/") else root_uri + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def render(report: Report, stream: TextIO, *, root: str | Path | None = None, **_options) -> None:
    """Write the report as SARIF 2.1.0; ``root`` (default: the working directory) is ``%SRCROOT%``."""
    json.dump(as_dict(report, root), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
