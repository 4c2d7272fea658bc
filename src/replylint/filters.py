"""The chain findings pass through after the rules: rule selection, de-duplication, ordering."""

from __future__ import annotations

from collections.abc import Iterable

from .finding import Finding


def matches(rule: str, category: str | None, selectors: Iterable[str]) -> bool:
    """A selector is a category, a rule id, or a rule-id prefix ending at a dot (``defensive.policy``)."""
    return any(s == category or s == rule or rule.startswith(s.rstrip(".") + ".") for s in selectors)


def selected(rule: str, category: str | None, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> bool:
    return (not select or matches(rule, category, select)) and not matches(rule, category, ignore)


def select(findings: Iterable[Finding], select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> list[Finding]:
    return [f for f in findings if selected(f.rule, f.category, select, ignore)]


def dedupe(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per rule and span."""
    seen: set[tuple] = set()
    out = []
    for f in findings:
        key = (f.draft_id, f.rule, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.rule, f.end_line, f.end_column))
