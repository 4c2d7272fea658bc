"""Inline suppressions: comments in a file that switch rules off for a line, a block or the whole file.

Parsed from the source file's text (as read, BOM dropped), so positions are the file's own, like findings'.

Syntax
------
A directive is a comment whose text starts with ``replylint``, in any of these comment forms::

    <!-- replylint-disable-next-line defensive -->              HTML / Markdown
    {% comment %}replylint-disable generic{% endcomment %}      Liquid (may span lines; {%- -%} too)
    {% # replylint-disable-line %}                               Liquid inline comment
    {# replylint-enable #}                                       Jinja
    # replylint: disable=defensive.as-i-said,generic            YAML and plain text: a line starting with #,
    reply: ...   # replylint: disable-line                      or a # after a space at the end of a line

Both spellings of the directive work in every form: ``replylint-disable RULES`` and
``replylint: disable=RULES``. Directives:

``disable-next-line``
    The next line that holds anything but blanks and comments (so stacked directives apply to the same line).
    With no such line it suppresses nothing.
``disable-line``
    The line(s) the comment itself is on.
``disable`` ... ``enable``
    From the end of the ``disable`` comment to the start of the ``enable`` comment, or to the end of the file
    without one. A bare ``enable`` ends every open block; ``enable RULES`` ends those rules only (each must
    have been disabled by that name: ``disable`` of every rule cannot be narrowed).
``disable-file``
    The whole file, wherever the comment is.

``RULES`` are rule ids, categories or dotted id prefixes (as for ``--select``), separated by commas and/or
spaces; none means every rule. Text after `` -- `` is a reason, kept but not interpreted:
``<!-- replylint-disable-next-line generic -- legal wording, approved -->``.

A finding is suppressed when its start (line, column) lies in a suppression's range and its rule id or
category matches one of the suppression's selectors (:func:`replylint.filters.matches`).

Comments that start with ``replylint`` but do not parse (``replylint-disable-nxt-line``, ``replylint disable``,
a bad rule name, an ``enable`` with nothing to end) are reported by :func:`find_malformed` /
``parse_suppressions(source, errors=[])`` instead of being ignored silently.

In a JSON string a line break is the escape ``\\n``, so ``disable-next-line`` cannot see the reply's next line;
use a ``disable`` / ``enable`` block, or the config's ``macros`` setting.
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .filters import matches
from .finding import Finding

DIRECTIVES = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")

_SELECTOR = re.compile(r"^[A-Za-z][A-Za-z0-9_.\-]*$")
_COMMENTS = (
    ("html", re.compile(r"<!--(.*?)-->", re.S)),
    ("liquid", re.compile(r"\{%-?\s*comment\s*-?%\}(.*?)\{%-?\s*endcomment\s*-?%\}", re.S)),
    ("liquid", re.compile(r"\{%-?[ \t]*#([^\n]*?)-?%\}")),
    ("jinja", re.compile(r"\{#-?(.*?)-?#\}", re.S)),
    ("hash", re.compile(r"(?:^[ \t]*|(?<=[ \t]))#[ \t]*((?=replylint)[^\n]*)", re.M | re.I)),
)
_HEAD = re.compile(r"^replylint(?:-(?P<dash>[A-Za-z-]*)|[ \t]*:[ \t]*(?P<colon>[A-Za-z-]*))?(?P<rest>.*)$",
                   re.S | re.I)
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")


@dataclass(frozen=True)
class Suppression:
    """Rules switched off over a range of the file.

    ``selectors``: rule ids, categories or id prefixes; empty = every rule. ``start`` (inclusive) and ``end``
    (exclusive) are 1-based (line, column) positions in the file. ``comment_line`` / ``comment_column``: where
    the directive's comment starts; ``kind``: ``next-line``, ``line``, ``block`` or ``file``; ``text``: the
    directive as written (the comment's content); ``reason``: the text after `` -- ``, if any.

    A block partly ended by ``enable RULES`` becomes several Suppressions with the same comment position.
    """

    selectors: tuple[str, ...]
    start: tuple[int, int]
    end: tuple[int, int]
    comment_line: int
    kind: str
    comment_column: int = 1
    text: str = ""
    reason: str | None = None

    def covers(self, line: int, column: int) -> bool:
        return self.start <= (line, column) < self.end

    def matches(self, rule: str, category: str | None) -> bool:
        return not self.selectors or matches(rule, category, self.selectors)


@dataclass(frozen=True)
class DirectiveProblem:
    """A comment that looks like a directive but is not one: where it starts, its text, what is wrong."""

    line: int
    column: int
    text: str
    message: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


@dataclass
class _Comment:
    start: int
    end: int
    body: str
    syntax: str


@dataclass
class _Directive:
    name: str
    selectors: tuple[str, ...]
    reason: str | None
    text: str
    comment: _Comment | None = None


class _Positions:
    def __init__(self, source: str):
        self.starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.eof = (len(self.starts) + 1, 1)

    def at(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1


def _comments(source: str) -> list[_Comment]:
    """Every comment in the source, earliest first; a comment inside another one is not a comment."""
    found = [_Comment(m.start(), m.end(), m.group(1), syntax)
             for syntax, pattern in _COMMENTS for m in pattern.finditer(source)]
    found.sort(key=lambda c: (c.start, -c.end))
    kept: list[_Comment] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _parse(body: str) -> tuple[_Directive | None, str | None]:
    """(directive, None), (None, error message), or (None, None) when the comment is no directive at all."""
    text = " ".join(body.split())
    if not text.lower().startswith("replylint"):
        return None, None
    head = _HEAD.match(text)
    name = (head.group("dash") if head.group("dash") is not None else head.group("colon") or "").lower()
    rest = head.group("rest")
    if name not in DIRECTIVES:
        if head.group("dash") is not None:
            word = f"replylint-{head.group('dash')}"
        elif head.group("colon"):
            word = f"replylint: {head.group('colon')}"
        else:
            word = re.split(r"[\s=]", text, maxsplit=1)[0]
        guess = name or (re.split(r"[\s=]", rest.strip(), maxsplit=1)[0].lower() if rest.strip() else "")
        close = difflib.get_close_matches(guess, DIRECTIVES, n=1, cutoff=0.6) if guess else []
        hint = f" (did you mean replylint-{close[0]}?)" if close else \
            f" (directives: {', '.join('replylint-' + d for d in DIRECTIVES)})"
        return None, f"unknown replylint directive {word!r}{hint}"
    if rest and not (rest[0].isspace() or rest[0] in "=:"):
        return None, f"unknown replylint directive {text.split()[0]!r}"
    rest = rest.strip()
    if rest[:1] in ("=", ":"):
        rest = rest[1:]
    reason = None
    split = _REASON.search(rest)
    if split:
        reason = rest[split.end():].strip() or None
        rest = rest[:split.start()]
    selectors: list[str] = []
    for token in re.split(r"[,\s]+", rest.strip()):
        if not token:
            continue
        if not _SELECTOR.match(token):
            return None, f"replylint-{name}: {token!r} is not a rule id or category"
        if token not in selectors:
            selectors.append(token)
    return _Directive(name, tuple(selectors), reason, text), None


def _quote(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 3] + "..."


def parse_suppressions(source: str, errors: list | None = None) -> list[Suppression]:
    """The suppressions in a file's text, in file order. Malformed directives are appended to ``errors`` (a list
    of :class:`DirectiveProblem`) when given, else skipped."""
    problems: list[DirectiveProblem] = []
    pos = _Positions(source)
    comments = _comments(source)
    directives: list[_Directive] = []
    for c in comments:
        directive, error = _parse(c.body)
        if error is not None:
            line, column = pos.at(c.start)
            problems.append(DirectiveProblem(line, column, _quote(" ".join(c.body.split())), error))
        elif directive is not None:
            directive.comment = c
            directives.append(directive)
    if not directives:
        if errors is not None:
            errors.extend(problems)
        return []

    # Lines holding nothing but blanks and comments are skipped by disable-next-line.
    blanked = list(source)
    for c in comments:
        for i in range(c.start, c.end):
            if blanked[i] != "\n":
                blanked[i] = " "
    empty_lines = {n for n, line in enumerate("".join(blanked).split("\n"), start=1) if not line.strip()}
    last_line = len(pos.starts)

    out: list[Suppression] = []
    open_blocks: list[tuple[_Directive, list[str] | None, tuple[int, int]]] = []

    def make(d: _Directive, selectors, start, end, kind) -> Suppression:
        line, column = pos.at(d.comment.start)
        return Suppression(selectors=tuple(selectors), start=start, end=end, comment_line=line, kind=kind,
                           comment_column=column, text=d.text, reason=d.reason)

    for d in directives:
        c = d.comment
        first = pos.at(c.start)
        last = pos.at(max(c.start, c.end - 1))
        if d.name == "disable-file":
            out.append(make(d, d.selectors, (1, 1), pos.eof, "file"))
        elif d.name == "disable-line":
            out.append(make(d, d.selectors, (first[0], 1), (last[0] + 1, 1), "line"))
        elif d.name == "disable-next-line":
            target = last[0] + 1
            while target <= last_line and target in empty_lines:
                target += 1
            span = ((target, 1), (target + 1, 1)) if target <= last_line else (pos.eof, pos.eof)
            out.append(make(d, d.selectors, *span, "next-line"))
        elif d.name == "disable":
            open_blocks.append((d, list(d.selectors) if d.selectors else None, pos.at(c.end)))
        elif not d.selectors:  # enable
            if not open_blocks:
                problems.append(DirectiveProblem(*first, _quote(d.text),
                                                 "replylint-enable without an open replylint-disable"))
            for block, selectors, start in open_blocks:
                out.append(make(block, selectors or (), start, first, "block"))
            open_blocks.clear()
        else:  # enable RULES
            for selector in d.selectors:
                if not any(sels is not None and selector in sels for _, sels, _ in open_blocks):
                    if any(sels is None for _, sels, _ in open_blocks):
                        message = (f"replylint-enable {selector}: the open replylint-disable covers every rule and "
                                   "cannot be narrowed; end it with a bare replylint-enable")
                    else:
                        message = f"replylint-enable {selector}: {selector!r} is not disabled here"
                    problems.append(DirectiveProblem(*first, _quote(d.text), message))
            still_open = []
            for block, selectors, start in open_blocks:
                closed = [s for s in (selectors or ()) if s in d.selectors]
                if closed:
                    out.append(make(block, closed, start, first, "block"))
                    selectors = [s for s in selectors if s not in closed]
                if selectors is None or selectors:
                    still_open.append((block, selectors, start))
            open_blocks = still_open
    for block, selectors, start in open_blocks:
        out.append(make(block, selectors or (), start, pos.eof, "block"))
    out.sort(key=lambda s: (s.comment_line, s.comment_column, s.start, s.end))
    if errors is not None:
        errors.extend(sorted(problems, key=lambda p: (p.line, p.column)))
    return out


def find_malformed(source: str) -> list[DirectiveProblem]:
    """Comments that start with ``replylint`` but are not valid directives (for the CLI to warn about)."""
    problems: list[DirectiveProblem] = []
    parse_suppressions(source, errors=problems)
    return problems


def apply_suppressions(findings: Iterable[Finding], suppressions: Iterable[Suppression]
                       ) -> tuple[list[Finding], list[Suppression]]:
    """(the findings not suppressed, the suppressions that suppressed nothing), for one file's findings.

    An unused suppression is returned once per directive comment, its ``selectors`` narrowed to those that
    matched no finding (so ``disable-next-line a, b`` where only ``a`` was used comes back with ``("b",)``).
    A finding covered by several suppressions counts as a use of each.
    """
    suppressions = list(suppressions)
    used: dict[tuple[int, int], set[str]] = {}
    kept: list[Finding] = []
    for f in findings:
        hit = False
        for s in suppressions:
            if not s.covers(f.line, f.column):
                continue
            key = (s.comment_line, s.comment_column)
            if not s.selectors:
                used.setdefault(key, set()).add("")
                hit = True
                continue
            for selector in s.selectors:
                if matches(f.rule, f.category, (selector,)):
                    used.setdefault(key, set()).add(selector)
                    hit = True
        if not hit:
            kept.append(f)
    unused: list[Suppression] = []
    groups: dict[tuple[int, int], list[Suppression]] = {}
    for s in suppressions:
        groups.setdefault((s.comment_line, s.comment_column), []).append(s)
    for key, pieces in groups.items():
        hits = used.get(key, set())
        if not pieces[0].selectors:
            if "" not in hits:
                unused.append(pieces[0])
            continue
        idle = [sel for piece in pieces for sel in piece.selectors if sel not in hits]
        if idle:
            unused.append(replace(pieces[0], selectors=tuple(dict.fromkeys(idle))))
    return kept, unused
