"""Draft: the text to lint, where it came from, and how to map its characters back to the source file."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

# Typographic characters replaced one-for-one before analysis, so offsets never shift.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                            "\u00a0": " ", "\u2032": "'"})


def normalise(text: str) -> str:
    """Same-length normalisation of quotes and apostrophes (offset i in the result is offset i in ``text``)."""
    return text.translate(_NORMALISE)


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
        self._offsets = offsets
        self._base = base

    def derive(self, offsets: tuple[int, ...] | list[int] | None = None, base: int = 0) -> "SourceMap":
        """A map into the same source (sharing its line table) for another span of it."""
        smap = SourceMap.__new__(SourceMap)
        smap._line_starts, smap._offsets, smap._base = self._line_starts, offsets, base
        return smap

    def source_offset(self, index: int) -> int:
        if self._offsets is None:
            return self._base + index
        index = max(0, min(index, len(self._offsets) - 1))
        return self._offsets[index]

    def line_col(self, index: int) -> tuple[int, int]:
        """1-based line and column in the source of the draft character at ``index``."""
        off = self.source_offset(index)
        line = bisect.bisect_right(self._line_starts, off) - 1
        return line + 1, off - self._line_starts[line] + 1

    def span(self, start: int, end: int) -> tuple[int, int, int, int]:
        """(line, column, end_line, end_column) with an exclusive end, for draft characters [start, end)."""
        line, col = self.line_col(start)
        if end <= start:
            return line, col, line, col
        end_line, end_col = self.line_col(end - 1)
        return line, col, end_line, end_col + 1


@dataclass
class Draft:
    """One reply to lint.

    ``text`` is the reply as written (markup already blanked out, same length as the span it came from);
    ``customer`` the message it answers, if known; ``name`` the macro / saved reply name, if any.
    """

    id: str
    path: str
    text: str
    source_map: SourceMap
    customer: str | None = None
    name: str | None = None
    analysis_text: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.analysis_text = normalise(self.text)

    @classmethod
    def from_text(cls, text: str, *, path: str = "<text>", id: str | None = None, customer: str | None = None,
                  name: str | None = None) -> "Draft":
        return cls(id=id or path, path=path, text=text, source_map=SourceMap(text), customer=customer, name=name)
