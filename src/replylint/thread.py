"""Thread context inside a draft: a quoted earlier message ("> " lines, or an "On ... wrote:" header and what
follows) is the customer's message, not part of the reply."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUOTE_LINE = re.compile(r"^[ \t]*>+ ?(.*)$")
_WROTE = re.compile(r"^[ \t]*(?:On\b.{0,200}\bwrote:|-{2,}\s*Original Message\s*-{2,}|From:\s.*(?:@|<).*)[ \t]*$",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Quoted:
    """Where the quoted message lies in the draft (character spans) and its text without quote markers."""

    spans: tuple[tuple[int, int], ...]
    text: str


def find_quoted(text: str) -> Quoted | None:
    """The quoted earlier message in ``text``, or None when there is none."""
    if ">" not in text and "wrote:" not in text.lower() and "original message" not in text.lower() \
            and "from:" not in text.lower():
        return None
    spans: list[tuple[int, int]] = []
    quoted: list[str] = []
    offset = 0
    lines = text.split("\n")
    for i, line in enumerate(lines):
        start, end = offset, offset + len(line)
        offset = end + 1
        if _WROTE.match(line) and (i + 1 < len(lines) or quoted):
            # a reply header: it and everything after it is the earlier message
            rest = text[start:]
            body = [(_QUOTE_LINE.match(x).group(1) if _QUOTE_LINE.match(x) else x) for x in rest.split("\n")[1:]]
            spans.append((start, len(text)))
            quoted.extend(x for x in body if x.strip())
            break
        match = _QUOTE_LINE.match(line)
        if match:
            spans.append((start, end))
            if match.group(1).strip():
                quoted.append(match.group(1))
    if not quoted:
        return None
    return Quoted(spans=tuple(spans), text="\n".join(quoted))


def blank(text: str, spans) -> str:
    """``text`` with the spans replaced by spaces (newlines kept)."""
    chars = list(text)
    for start, end in spans:
        for i in range(start, end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
