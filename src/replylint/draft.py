"""Draft: the text to lint, where it came from, and how to map its characters back to the source file."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .placeholders import Placeholder, find_placeholders, stand_in
from .thread import blank, find_quoted

# Typographic characters replaced one-for-one before analysis, so offsets never shift.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                            "\u00a0": " ", "\u2032": "'"})


def normalise(text: str) -> str:
    """Same-length normalisation of quotes and apostrophes (offset i in the result is offset i in ``text``)."""
    return text.translate(_NORMALISE)


_ESCAPES = ("\\", "&", "<")  # a character written as a JSON escape, an HTML entity or a tag (Intercom's
# <attribute/> placeholder) spans several source characters


class SourceMap:
    """Maps a character offset in a draft's text to (line, column) in the file it came from.

    ``offsets`` gives, for each character of the draft text (plus one for the end), its index in ``source``;
    ``None`` means the draft text is ``source[base:]`` character for character.
    """

    def __init__(self, source: str, offsets: tuple[int, ...] | list[int] | None = None, base: int = 0):
        self._line_starts = [0]
        find = source.find
        i = find("\n")
        while i != -1:
            self._line_starts.append(i + 1)
            i = find("\n", i + 1)
        self._source = source
        self._offsets = offsets
        self._base = base

    def derive(self, offsets: tuple[int, ...] | list[int] | None = None, base: int = 0) -> "SourceMap":
        """A map into the same source (sharing its line table) for another span of it."""
        smap = SourceMap.__new__(SourceMap)
        smap._line_starts, smap._source, smap._offsets, smap._base = self._line_starts, self._source, offsets, base
        return smap

    @property
    def source(self) -> str:
        """The whole text of the file the draft came from."""
        return self._source

    def source_offset(self, index: int) -> int:
        if self._offsets is None:
            return self._base + index
        index = max(0, min(index, len(self._offsets) - 1))
        return self._offsets[index]

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line + 1, offset - self._line_starts[line] + 1

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and column in the source of the draft character at ``index``."""
        return self._position(self.source_offset(index))

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) for draft characters [start, end); the end is exclusive and lies
        just past the source of the last character (past the whole escape, for text decoded from JSON)."""
        line, col = self.line_col(start)
        if end <= start:
            return line, col, line, col
        last = self.source_offset(end - 1)
        stop = last + 1
        if self._offsets is not None and end < len(self._offsets) and self._source[last:last + 1] in _ESCAPES:
            stop = max(stop, self._offsets[end])  # the last character was written as an escape or entity
        end_line, end_col = self._position(stop)
        return line, col, end_line, end_col


@dataclass
class Draft:
    """One reply to lint.

    ``text`` is the reply as written (markup already blanked out, same length as the span it came from);
    ``customer`` the message it answers, if known; ``name`` the macro / saved reply name, if any; ``mode``
    "draft" (about to be sent: blanks are errors) or "template" (a canned response: placeholders expected).
    ``placeholders`` are found from the text unless a reader gives them; ``analysis_text``, what spaCy sees, is the
    text with typographic quotes normalised, each placeholder replaced by a same-length stand-in, and a quoted
    earlier message ("> " lines, "On ... wrote:") blanked out; that message becomes ``customer`` if none is given.
    """

    id: str
    path: str
    text: str
    source_map: SourceMap
    customer: str | None = None
    name: str | None = None
    mode: str = "draft"
    placeholders: list[Placeholder] | None = None
    analysis_text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.placeholders is None:
            self.placeholders = find_placeholders(self.text)
        analysis = stand_in(normalise(self.text), self.placeholders)
        quoted = find_quoted(self.text)
        if quoted is not None:  # a quoted earlier message is context, not reply
            analysis = blank(analysis, quoted.spans)
            if self.customer is None:
                self.customer = quoted.text
        self.analysis_text = analysis

    @classmethod
    def from_text(cls, text: str, *, path: str = "<text>", id: str | None = None, customer: str | None = None,
                  name: str | None = None, mode: str = "draft") -> "Draft":
        return cls(id=id or path, path=path, text=text, source_map=SourceMap(text), customer=customer, name=name,
                   mode=mode)
