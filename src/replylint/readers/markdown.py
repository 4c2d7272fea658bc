"""Markdown: one draft per file; markup is blanked out with spaces so every offset stays the file's own."""

from __future__ import annotations

import re

from ..draft import Draft, SourceMap

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^([ \t]*)(```|~~~).*?^[ \t]*\2[^\n]*$", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]*)\](\([^)\n]*\)|\[[^\]\n]*\])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")
_MARKER = r"(?:>[ \t]?|#{1,6}(?:[ \t]+|$)|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)"
_LINE_MARKERS = re.compile(rf"^([ \t]*)((?:{_MARKER}[ \t]*)+)", re.M)
_CLOSING_HASHES = re.compile(r"^([ \t]{0,3}#{1,6}[ \t].*?\S)([ \t]+#+[ \t]*)$", re.M)
_LINK_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_RULE_LINE = re.compile(r"^[ \t]*([-*_][ \t]*){3,}$", re.M)
_INLINE_CODE = re.compile(r"`+[^`\n]*`+")
_EMPHASIS = re.compile(r"(\*{1,3}|~~|(?<!\w)_{1,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
_TABLE_PIPE = re.compile(r"(?<!\\)\|")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def to_text(source: str) -> str:
    """The prose of a Markdown document, same length as ``source``, with markup replaced by spaces."""
    out = _FRONT_MATTER.sub(_blank, source)
    out = _FENCE.sub(_blank, out)
    out = _COMMENT.sub(_blank, out)
    out = _LINK_DEFINITION.sub(_blank, out)
    out = _IMAGE.sub(_blank, out)
    for _ in range(2):  # emphasis first (it may wrap a link), nested emphasis such as ***bold italic*** too
        out = _EMPHASIS.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1)), out)
    out = _LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), out)
    out = _AUTOLINK.sub(_blank, out)
    out = _TAG.sub(_blank, out)
    out = _RULE_LINE.sub(_blank, out)
    out = _CLOSING_HASHES.sub(lambda m: m.group(1) + " " * len(m.group(2)), out)
    out = _LINE_MARKERS.sub(lambda m: m.group(1) + " " * len(m.group(2)), out)
    out = _INLINE_CODE.sub(_blank, out)
    out = _TABLE_PIPE.sub(" ", out)
    assert len(out) == len(source)
    return out


def read(source: str, path: str) -> list[Draft]:
    return [Draft(id=path, path=path, text=to_text(source), source_map=SourceMap(source))]
