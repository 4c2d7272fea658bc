"""A strict RFC 8259 JSON parser whose strings remember where they came from.

``loads_with_positions`` returns the same values as :func:`json.loads`, except that
every string (values and object keys) is a :class:`LocatedStr`: a ``str`` that can
map each decoded character back to its index in the source text, through escapes
(``\\n``, ``\\"``, ``\\u00e9``, surrogate pairs, ...) and in minified files.

The parser is iterative (no recursion limit on nesting) and scans runs of plain
string characters, whitespace and numbers with compiled regexes; strings with
escapes are decoded by the json module's C scanner.  Multi-megabyte documents
parse in well under a second or two.  Offsets are stored compactly (one integer
for an escape-free string; a reference to the source text for one with escapes)
and only expanded into the ``source_offsets`` tuple when first asked for.
"""

from __future__ import annotations

import re
from json.decoder import scanstring as _scanstring
from typing import Any

from ..errors import ReplylintError

__all__ = ["LocatedStr", "loads_with_positions"]


class LocatedStr(str):
    """A decoded JSON string that knows where each of its characters came from in the source text.

    ``source_offsets`` has ``len(self) + 1`` entries: for each decoded character the
    (0-based, ``base``-shifted) source index of its first source character -- for an
    escape, the backslash; for a surrogate pair escape, the backslash of the first
    ``\\u`` -- and, as the last element, the index of the closing quote.

    It hashes and compares exactly like the plain ``str``; slicing or other string
    operations return plain ``str``.
    """

    # Internal state (in the instance __dict__; str subclasses cannot use __slots__):
    #   _loc      int   -> escape-free string whose first character is at that offset
    #             tuple -> (text, body_start, closing_quote, base) for a string with escapes
    #   _offsets  the expanded tuple, cached on first access (or set explicitly)

    def __new__(cls, value: str = "", source_offsets: Any = None) -> LocatedStr:
        self = str.__new__(cls, value)
        if source_offsets is not None:
            self.source_offsets = source_offsets
        return self

    @property
    def source_offsets(self) -> tuple[int, ...]:
        state = self.__dict__
        offsets = state.get("_offsets")
        if offsets is None:
            loc = state.get("_loc")
            if loc is None:
                raise AttributeError("this LocatedStr has no source offsets")
            offsets = _expand(loc, len(self))
            state["_offsets"] = offsets
        return offsets

    @source_offsets.setter
    def source_offsets(self, value: Any) -> None:
        offsets = tuple(value)
        if len(offsets) != len(self) + 1:
            raise ValueError(
                f"source_offsets needs {len(self) + 1} entries (one per character plus the "
                f"closing quote), got {len(offsets)}"
            )
        state = self.__dict__
        state["_offsets"] = offsets
        state.pop("_loc", None)

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickle/copy the expanded offsets, never the source text a lazy string refers to.
        if "_offsets" in self.__dict__ or "_loc" in self.__dict__:
            return (self.__class__, (str(self), self.source_offsets))
        return (self.__class__, (str(self),))


def _expand(loc: int | tuple[str, int, int, int], length: int) -> tuple[int, ...]:
    if isinstance(loc, int):
        return tuple(range(loc, loc + length + 1))
    text, start, quote, base = loc  # string body is text[start:quote]
    out: list[int] = []
    prev = start
    for m in _ESCAPE.finditer(text, start, quote):
        at = m.start()
        out.extend(range(prev + base, at + base))
        out.append(at + base)
        prev = m.end()
    out.extend(range(prev + base, quote + base + 1))
    return tuple(out)


_WS_CHARS = " \t\n\r"
_WS = re.compile(r"[ \t\n\r]*")
_PLAIN = re.compile(r'[^"\\\x00-\x1f]*')
_NUMBER = re.compile(r"(-?(?:0|[1-9][0-9]*))(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
# One match per decoded character; a high+low surrogate escape pair decodes to one character.
_ESCAPE = re.compile(
    r"\\(?:u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.DOTALL
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SIMPLE_ESCAPES = frozenset('"\\/bfnrt')
_NUMBER_START = frozenset("-0123456789")
_NUMBER_TAIL = frozenset("0123456789.eE+-")
_new_str = str.__new__


def _fail(text: str, pos: int, message: str, path: str) -> ReplylintError:
    line = text.count("\n", 0, pos) + 1
    column = pos - text.rfind("\n", 0, pos)
    return ReplylintError(f"column {column}: {message}", path=path, line=line)


def _describe(text: str, pos: int) -> str:
    c = text[pos:pos + 1]
    if not c:
        return "end of input"
    if c.isprintable() and c != " ":
        return f"'{c}'"
    return f"U+{ord(c):04X}"


def _expected(text: str, pos: int, what: str, path: str) -> ReplylintError:
    return _fail(text, pos, f"{what}, found {_describe(text, pos)}", path)


def _after_comma(text: str, pos: int) -> int:
    """Index of a ',' that precedes ``pos`` with only whitespace between, else -1."""
    j = pos - 1
    while j >= 0 and text[j] in _WS_CHARS:
        j -= 1
    return j if j >= 0 and text[j] == "," else -1


def _bad_value(text: str, pos: int, path: str) -> ReplylintError:
    """Explain why no JSON value starts at ``pos``."""
    c = text[pos:pos + 1]
    if c == "]" or c == "}":
        comma = _after_comma(text, pos)
        if comma >= 0:
            return _fail(text, comma, f"trailing comma before '{c}'", path)
    if c == "'":
        return _fail(text, pos, "strings must use double quotes", path)
    if c == "/":
        return _fail(text, pos, "comments are not allowed in JSON", path)
    if c == "\ufeff":
        return _fail(text, pos, "unexpected byte order mark (U+FEFF)", path)
    if text.startswith("-Infinity", pos):
        return _fail(text, pos, "'-Infinity' is not valid JSON", path)
    if c in _NUMBER_START:
        return _fail(text, pos, "invalid number", path)
    if c == "." or c == "+":
        return _fail(text, pos, "invalid number (must start with a digit or '-')", path)
    m = _WORD.match(text, pos)
    if m is not None:
        word = m.group()
        hint = {"True": "true", "False": "false", "None": "null"}.get(word)
        if hint:
            return _fail(text, pos, f"'{word}' is not valid JSON (did you mean '{hint}'?)", path)
        if word in ("NaN", "Infinity"):
            return _fail(text, pos, f"'{word}' is not valid JSON", path)
        return _fail(text, pos, f"expected a value, found '{word}'", path)
    return _expected(text, pos, "expected a value", path)


def _bad_key(text: str, pos: int, path: str, expected: str) -> ReplylintError:
    """Explain why no object key starts at ``pos``."""
    c = text[pos:pos + 1]
    if c == "'":
        return _fail(text, pos, "strings must use double quotes", path)
    if c == "/":
        return _fail(text, pos, "comments are not allowed in JSON", path)
    return _expected(text, pos, expected, path)


def _scan_string(text: str, quote: int, base: int, path: str) -> tuple[LocatedStr, int]:
    """Decode the string whose opening quote is at ``quote``; return it and the index after its closing quote."""
    start = quote + 1
    end = _PLAIN.match(text, start).end()
    if text[end:end + 1] == '"':
        s = _new_str(LocatedStr, text[start:end])
        s._loc = start + base
        return s, end + 1
    # Escapes: let the json module's (C) scanner decode; offsets are derived lazily.
    try:
        value, after = _scanstring(text, start, True)
    except ValueError:
        raise _string_error(text, quote, path) from None
    s = _new_str(LocatedStr, value)
    s._loc = (text, start, after - 1, base)
    return s, after


def _string_error(text: str, quote: int, path: str) -> ReplylintError:
    """Find and describe the first error in the string starting at ``quote``."""
    pos = _PLAIN.match(text, quote + 1).end()
    while True:
        c = text[pos:pos + 1]
        if c == "\\":
            e = text[pos + 1:pos + 2]
            if e in _SIMPLE_ESCAPES:
                pos += 2
            elif e == "u":
                if _HEX4.match(text, pos + 2) is None:
                    return _fail(text, pos, "invalid \\u escape (needs four hex digits)", path)
                pos += 6
            elif not e:
                return _fail(text, quote, "unterminated string", path)
            else:
                return _fail(text, pos, f"invalid escape '\\{e}' in string", path)
        elif not c:
            return _fail(text, quote, "unterminated string", path)
        elif c == '"':  # should not happen: the json scanner rejected a valid string
            return _fail(text, quote, "invalid string", path)
        elif c in "\n\r":
            return _fail(text, pos, "line break inside string (unterminated string, or use \\n)", path)
        else:
            return _fail(text, pos, f"unescaped control character U+{ord(c):04X} in string", path)
        pos = _PLAIN.match(text, pos).end()


def loads_with_positions(text: str, *, path: str = "<json>", base: int = 0) -> Any:
    """Parse one JSON document (RFC 8259, strict) from ``text``.

    Returns what :func:`json.loads` would, except that every string value and object
    key is a :class:`LocatedStr` whose ``source_offsets`` index into ``text`` plus
    ``base``.  Duplicate keys: the last one wins, in the position of the first (as
    with ``json.loads``); the key object kept is the last occurrence.

    Raises :class:`ReplylintError` (``path`` and the 1-based line within ``text``;
    the message starts with the 1-based column) on any syntax error.
    """
    if not isinstance(text, str):
        raise TypeError(f"loads_with_positions() needs str, not {type(text).__name__}")
    ws = _WS.match
    scan_string = _scan_string
    number = _NUMBER.match
    ws_chars = _WS_CHARS
    # Each frame is [container, key, last_keys]; key is None for arrays, and
    # last_keys maps duplicated keys to their last occurrence.
    stack: list[list[Any]] = []
    pos = ws(text, 0).end()
    while True:
        # -- a value starts at pos (whitespace already skipped) --
        c = text[pos:pos + 1]
        if c == '"':
            value, pos = scan_string(text, pos, base, path)
        elif c == "{":
            pos = ws(text, pos + 1).end()
            c = text[pos:pos + 1]
            if c == "}":
                value = {}
                pos += 1
            else:
                if c != '"':
                    raise _bad_key(text, pos, path, "expected a string key or '}'")
                key, pos = scan_string(text, pos, base, path)
                if text[pos:pos + 1] != ":":
                    pos = ws(text, pos).end()
                    if text[pos:pos + 1] != ":":
                        raise _expected(text, pos, "expected ':' after object key", path)
                pos = ws(text, pos + 1).end()
                stack.append([{}, key, None])
                continue
        elif c == "[":
            pos = ws(text, pos + 1).end()
            if text[pos:pos + 1] == "]":
                value = []
                pos += 1
            else:
                stack.append([[], None, None])
                continue
        elif c in _NUMBER_START:
            m = number(text, pos)
            if m is None:
                raise _bad_value(text, pos, path)
            end = m.end()
            tail = text[end:end + 1]
            if tail and tail in _NUMBER_TAIL:
                if tail.isdigit():  # only possible right after a bare "0" / "-0"
                    raise _fail(text, pos, "leading zeros are not allowed in numbers", path)
                raise _fail(text, pos, "invalid number", path)
            integer, frac, exp = m.groups()
            if frac is None and exp is None:
                try:
                    value = int(integer)
                except ValueError:
                    raise _fail(text, pos, "number too long", path) from None
            else:
                value = float(m.group())
            pos = end
        elif c == "t" and text.startswith("true", pos):
            value = True
            pos += 4
        elif c == "f" and text.startswith("false", pos):
            value = False
            pos += 5
        elif c == "n" and text.startswith("null", pos):
            value = None
            pos += 4
        else:
            raise _bad_value(text, pos, path)

        # -- attach the finished value to its container(s) --
        while stack:
            frame = stack[-1]
            container = frame[0]
            key = frame[1]
            if key is None:
                container.append(value)
            else:
                size = len(container)
                container[key] = value
                if len(container) == size:  # duplicate key: remember its last occurrence
                    if frame[2] is None:
                        frame[2] = {}
                    frame[2][key] = key
            c = text[pos:pos + 1]
            if c in ws_chars and c:
                pos = ws(text, pos).end()
                c = text[pos:pos + 1]
            if c == ",":
                comma = pos
                pos = ws(text, pos + 1).end()
                if key is not None:
                    c = text[pos:pos + 1]
                    if c != '"':
                        if c == "}":
                            raise _fail(text, comma, "trailing comma before '}'", path)
                        raise _bad_key(text, pos, path, "expected a string key")
                    key, pos = scan_string(text, pos, base, path)
                    if text[pos:pos + 1] != ":":
                        pos = ws(text, pos).end()
                        if text[pos:pos + 1] != ":":
                            raise _expected(text, pos, "expected ':' after object key", path)
                    pos = ws(text, pos + 1).end()
                    frame[1] = key
                break  # parse the next member / element
            if key is None:
                if c != "]":
                    raise _expected(text, pos, "expected ',' or ']' after array element", path)
            else:
                if c != "}":
                    raise _expected(text, pos, "expected ',' or '}' after object member", path)
                last_keys = frame[2]
                if last_keys is not None:
                    container = {last_keys.get(k, k): v for k, v in container.items()}
            pos += 1
            stack.pop()
            value = container
        else:
            pos = ws(text, pos).end()
            if pos != len(text):
                raise _fail(text, pos, f"unexpected {_describe(text, pos)} after the JSON value", path)
            return value
