"""Where each character of a YAML scalar comes from in the source.

PyYAML gives a composed node its start and end in the source but not how its value maps onto that span: quotes,
escapes, indentation and line folding sit in between. ``scalar_offsets`` re-scans the span the way PyYAML's scanner
does (plain, single- and double-quoted, literal ``|`` and folded ``>`` scalars) and records, for every character of
the value, the source index it comes from: an escape maps to its backslash, a folded line break (now a space) to the
line break, an indentation-stripped line's first character to itself. The result is checked against the value PyYAML
produced; when they differ (a construct this scanner does not reproduce) it returns None.
"""

from __future__ import annotations

from yaml.nodes import ScalarNode
from yaml.scanner import Scanner

__all__ = ["scalar_offsets"]

_BREAKS = "\r\n\x85\u2028\u2029"
_END = "\0" + _BREAKS
_ESCAPES = Scanner.ESCAPE_REPLACEMENTS
_CODES = Scanner.ESCAPE_CODES


class _Scan:
    """A cursor over the source (``'\\0'`` past its end), keeping PyYAML's column, and the value built so far."""

    def __init__(self, source: str, pos: int):
        self.src = source
        self.pos = pos
        start = max(source.rfind("\n", 0, pos), source.rfind("\r", 0, pos)) + 1
        self.column = pos - start
        self.chars: list[str] = []
        self.offsets: list[int] = []

    def peek(self, k: int = 0) -> str:
        i = self.pos + k
        return self.src[i] if i < len(self.src) else "\0"

    def forward(self, n: int = 1) -> None:
        for _ in range(n):
            ch = self.peek()
            if ch in "\n\x85\u2028\u2029" or (ch == "\r" and self.peek(1) != "\n"):
                self.column = 0
            elif ch != "\ufeff":
                self.column += 1
            self.pos += 1

    def take(self, length: int) -> None:
        """Copy the next ``length`` source characters into the value."""
        self.chars.extend(self.src[self.pos:self.pos + length])
        self.offsets.extend(range(self.pos, self.pos + length))
        self.forward(length)

    def put(self, text: str, offset: int) -> None:
        self.chars.extend(text)
        self.offsets.extend([offset] * len(text))

    def line_break(self) -> tuple[str, int]:
        ch, at = self.peek(), self.pos
        if ch in "\r\n\x85":
            self.forward(2 if self.src.startswith("\r\n", self.pos) else 1)
            return "\n", at
        if ch in "\u2028\u2029":
            self.forward()
            return ch, at
        return "", at

    def document_marker(self) -> bool:
        return self.src.startswith(("---", "..."), self.pos) and self.peek(3) in "\0 \t" + _BREAKS

    # -- folding of flow and plain scalars ---------------------------------------------------------------------
    def fold(self, first: tuple[str, int], breaks: list[tuple[str, int]]) -> None:
        if first[0] != "\n":
            self.put(*first)
        elif not breaks:
            self.put(" ", first[1])
        for b in breaks:
            self.put(*b)

    # -- plain ---------------------------------------------------------------------------------------------------
    def plain(self, end: int) -> None:
        while self.pos < end:
            length = 0
            while self.pos + length < end and self.peek(length) not in " \t" + _END:
                length += 1
            self.take(length)
            if self.pos >= end:
                return
            spaces = 0
            while self.peek(spaces) == " ":
                spaces += 1
            if self.peek(spaces) in _BREAKS:
                self.forward(spaces)
                first = self.line_break()
                breaks = []
                while self.peek() in " " + _BREAKS:
                    if self.peek() == " ":
                        self.forward()
                    else:
                        breaks.append(self.line_break())
                self.fold(first, breaks)
            elif spaces:
                self.take(spaces)
            else:
                return  # a tab: not something PyYAML's plain scanner continues over

    # -- quoted ------------------------------------------------------------------------------------------------
    def flow_breaks(self) -> list[tuple[str, int]]:
        breaks = []
        while True:
            while self.peek() in " \t":
                self.forward()
            if self.peek() in _BREAKS:
                breaks.append(self.line_break())
            else:
                return breaks

    def quoted(self, double: bool) -> None:
        quote = self.peek()
        self.forward()
        while True:
            before = self.pos
            self.non_spaces(double)
            if self.peek() == quote or self.peek() == "\0":
                return
            self.spaces()
            if self.pos == before:
                return

    def non_spaces(self, double: bool) -> None:
        while True:
            length = 0
            while self.peek(length) not in "'\"\\\0 \t" + _BREAKS:
                length += 1
            self.take(length)
            ch, at = self.peek(), self.pos
            if not double and ch == "'" and self.peek(1) == "'":
                self.put("'", at)
                self.forward(2)
            elif (double and ch == "'") or (not double and ch in '"\\'):
                self.take(1)
            elif double and ch == "\\":
                self.forward()
                ch = self.peek()
                if ch in _ESCAPES:
                    self.put(_ESCAPES[ch], at)
                    self.forward()
                elif ch in _CODES:
                    size = _CODES[ch]
                    self.forward()
                    digits = self.src[self.pos:self.pos + size]
                    try:
                        self.put(chr(int(digits, 16)), at)
                    except ValueError:
                        return
                    self.forward(size)
                elif ch in _BREAKS:
                    self.line_break()
                    for b in self.flow_breaks():
                        self.put(*b)
                else:
                    return
            else:
                return

    def spaces(self) -> None:
        length = 0
        while self.peek(length) in " \t":
            length += 1
        if self.peek(length) in _BREAKS:
            self.forward(length)
            first = self.line_break()
            self.fold(first, self.flow_breaks())
        elif self.peek(length) != "\0":
            self.take(length)

    # -- block ---------------------------------------------------------------------------------------------------
    def block_breaks(self, indent: int) -> list[tuple[str, int]]:
        breaks = []
        while self.column < indent and self.peek() == " ":
            self.forward()
        while self.peek() in _BREAKS:
            breaks.append(self.line_break())
            while self.column < indent and self.peek() == " ":
                self.forward()
        return breaks

    def block(self, folded: bool, parent_indent: int) -> None:
        self.forward()  # '|' or '>'
        chomping, increment = None, None
        for _ in range(2):
            ch = self.peek()
            if ch in "+-" and chomping is None:
                chomping = ch == "+"
                self.forward()
            elif ch in "123456789" and increment is None:
                increment = int(ch)
                self.forward()
        while self.peek() == " ":
            self.forward()
        if self.peek() == "#":
            while self.peek() not in _END:
                self.forward()
        self.line_break()
        min_indent = max(parent_indent + 1, 1)
        if increment is None:
            breaks: list[tuple[str, int]] = []
            max_indent = 0
            while self.peek() in " " + _BREAKS:
                if self.peek() != " ":
                    breaks.append(self.line_break())
                else:
                    self.forward()
                    max_indent = max(max_indent, self.column)
            indent = max(min_indent, max_indent)
        else:
            indent = min_indent + increment - 1
            breaks = self.block_breaks(indent)
        line_break = ("", self.pos)
        while self.column == indent and self.peek() != "\0":
            for b in breaks:
                self.put(*b)
            leading_non_space = self.peek() not in " \t"
            length = 0
            while self.peek(length) not in _END:
                length += 1
            self.take(length)
            line_break = self.line_break()
            breaks = self.block_breaks(indent)
            if self.column == indent and self.peek() != "\0":
                if folded and line_break[0] == "\n" and leading_non_space and self.peek() not in " \t":
                    if not breaks:
                        self.put(" ", line_break[1])
                else:
                    self.put(*line_break)
            else:
                break
        if chomping is not False:
            self.put(*line_break)
        if chomping is True:
            for b in breaks:
                self.put(*b)


def _skip_properties(source: str, pos: int, end: int) -> int:
    """Past any anchor (``&a``) or tag (``!!str``) in front of a scalar."""
    while pos < end and source[pos] in "&!":
        while pos < end and source[pos] not in " \t\r\n":
            pos += 1
        while pos < end and source[pos] in " \t\r\n":
            pos += 1
    return pos


def scalar_offsets(source: str, node: ScalarNode, parent_indent: int = -1) -> list[int] | None:
    """Source index of each character of ``node.value`` plus one for the end of the scalar, or None.

    ``source`` is the text the node was composed from; ``parent_indent`` the indentation (column) of the block
    collection the scalar is a value in, which only matters for block scalars with an explicit indentation indicator.
    """
    start, end = node.start_mark.index, node.end_mark.index
    pos = _skip_properties(source, start, end)
    scan = _Scan(source, pos)
    style = node.style
    try:
        if style in ("|", ">"):
            scan.block(style == ">", parent_indent)
        elif style in ("'", '"'):
            scan.quoted(style == '"')
        else:
            scan.plain(end)
    except (IndexError, ValueError):
        return None
    if "".join(scan.chars) != node.value:
        return None
    scan.offsets.append(scan.pos if style in ("'", '"') else end)  # a quoted scalar ends at its closing quote
    return scan.offsets
