"""HTML to the text a reader sees, with every character's offset in the HTML source.

``html_to_text`` uses the standard library's :class:`html.parser.HTMLParser` (``convert_charrefs=False``, so text,
entity and character references arrive separately, each at a known position). What the text looks like:

* entities and character references are decoded; the decoded character maps to the reference's ``&``;
* runs of whitespace collapse to one space (mapped to the run's first character); whitespace at the start and end of
  a block is dropped; ``<pre>`` keeps its whitespace;
* paragraphs (``p``, headings, ``blockquote``, ``pre``, ``table``, ``hr``, a top-level ``ul``/``ol`` ...) are
  separated by a blank line; line blocks (``div``, ``li``, ``tr``, a nested list, ``section`` ...) and ``<br>``
  start a new line; list items get a ``- `` or ``1. `` prefix (indented two spaces per nesting level); table cells
  are separated by a space. Generated characters map to their tag's ``<``;
* ``script``, ``style``, ``head``, ``title``, ``template`` contents, comments and declarations are dropped;
* Intercom's ``<attribute key="user.first_name" default="there"/>`` becomes the Liquid placeholder
  ``{{ user.first_name | default: "there" }}`` (every character mapped to the tag's ``<``).

``compose`` chains two offset lists: text -> HTML string -> file, for HTML that came from a JSON string.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from ..draft import Draft, SourceMap

__all__ = ["html_to_text", "compose", "looks_like_html", "read"]

_PARAGRAPH = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre table hr figure address dl form fieldset".split())
_LINE = frozenset("div li tr section article header footer nav aside main dt dd caption figcaption details "
                  "summary center body html tbody thead tfoot".split())
_CELL = frozenset(("td", "th"))
_LIST = frozenset(("ul", "ol"))
_SKIP = frozenset(("script", "style", "head", "title", "template", "noscript", "svg", "object", "iframe"))
_WS = " \t\n\r\f\xa0"
_WS_RUN = re.compile(r"[ \t\n\r\f\xa0]+")
# Where the parser would treat '&' as the start of a complete reference; any other '&' is hidden from it (see below).
_REFERENCE = re.compile(r"&(?:#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]|[a-zA-Z][-.a-zA-Z0-9]*[^a-zA-Z0-9])")
_HTML_HINT = re.compile(r"<(?:p|div|br|span|a|b|i|u|strong|em|ul|ol|li|h[1-6]|table|blockquote|attribute)\b[^>]*>"
                        r"|</(?:p|div|span|a|b|i|u|strong|em|ul|ol|li|h[1-6]|table|blockquote)>"
                        r"|&(?:[a-zA-Z]+|#[0-9]+|#[xX][0-9a-fA-F]+);", re.I)


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains common HTML tags or entities (for fields that may hold either)."""
    return _HTML_HINT.search(text) is not None


def compose(outer: list[int] | tuple[int, ...], inner: list[int] | tuple[int, ...]) -> list[int]:
    """``outer[inner[i]]`` for every i: map text offsets (``inner``, into an intermediate string such as HTML) through
    the intermediate string's own offsets (``outer``, one per character plus one for its end, e.g.
    ``LocatedStr.source_offsets``) into the file. An inner offset at or past the intermediate string's end maps to
    the outer end (for a JSON string, its closing quote)."""
    last = len(outer) - 1
    return [outer[i] if i <= last else outer[last] for i in inner]


def _liquid(attrs: list[tuple[str, str | None]]) -> str | None:
    values = {k.lower(): (v or "").replace("\x00", "&") for k, v in attrs}
    key = values.get("key") or values.get("name") or values.get("attribute")
    if not key:
        return None
    if "default" in values and values["default"] != "":
        default = values["default"]
        quoted = f"'{default}'" if '"' in default and "'" not in default else '"' + default.replace('"', "'") + '"'
        return "{{ " + key + " | default: " + quoted + " }}"
    return "{{ " + key + " }}"


class _TextParser(HTMLParser):
    def __init__(self, source: str, hidden: str):
        super().__init__(convert_charrefs=False)
        self.src = source
        self.hidden = hidden
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.chars: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.space: int | None = None  # offset of a pending collapsed whitespace run
        self.breaks = 0  # pending newlines requested by block boundaries
        self.break_at = 0
        self.skip: list[str] = []
        self.pre = 0
        self.lists: list[list] = []  # [tag, next number]
        self.after_pre_tag = False
        self.marker_end = -1  # len(chars) just after the last list marker

    # -- positions -------------------------------------------------------------------------------------------------
    def here(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- output ----------------------------------------------------------------------------------------------------
    def emit(self, text: str, start: int, end: int, each: bool = False) -> None:
        for k, ch in enumerate(text):
            self.chars.append(ch)
            if each:
                self.starts.append(start + k)
                self.ends.append(start + k + 1)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def trailing_newlines(self) -> int:
        n = 0
        for ch in reversed(self.chars):
            if ch != "\n":
                break
            n += 1
        return n

    def flush(self) -> None:
        """Emit pending line breaks (or else a pending space) before new content."""
        if self.chars:
            if self.breaks:
                missing = self.breaks - self.trailing_newlines()
                self.emit("\n" * max(0, missing), self.break_at, self.break_at)
            elif self.space is not None and self.chars[-1] not in _WS:
                self.emit(" ", self.space, self.space + 1)
        self.breaks = 0
        self.space = None

    def request_break(self, count: int, at: int) -> None:
        if self.chars and len(self.chars) == self.marker_end:
            return  # right after a list marker: "<li><p>Item" stays on the marker's line
        if self.lists and count > 1:
            count = 1  # paragraphs inside a list item are lines of the list
        if not self.breaks:
            self.break_at = at
        self.breaks = max(self.breaks, count)
        self.space = None

    def whitespace(self, at: int) -> None:
        if not self.breaks and self.space is None:
            self.space = at

    # -- parser events ---------------------------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list) -> None:
        at = self.here()
        if tag == "body":
            self.skip.clear()
        if self.skip:
            if tag in _SKIP:
                self.skip.append(tag)
            return
        if tag in _SKIP:
            self.skip.append(tag)
            return
        self.block(tag, at, attrs)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if self.skip:
            return
        at = self.here()
        if tag in _SKIP:
            return
        self.block(tag, at, attrs, closed=True)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            elif tag in self.skip:
                del self.skip[self.skip.index(tag):]
            return
        at = self.here()
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _LIST:
            if self.lists:
                self.lists.pop()
            self.request_break(1 if self.lists else 2, at)  # a top-level list is a paragraph, a nested one a line
        elif tag in _PARAGRAPH:
            self.request_break(2, at)
        elif tag in _LINE:
            self.request_break(1, at)
        elif tag in _CELL:
            self.whitespace(at)

    def block(self, tag: str, at: int, attrs: list, closed: bool = False) -> None:
        self.after_pre_tag = False
        tag_end = at + len(self.get_starttag_text() or "")
        if tag == "br":
            self.space = None
            if self.breaks:
                self.flush()
            self.emit("\n", at, tag_end)
            return
        if tag == "attribute":
            liquid = _liquid(attrs)
            if liquid:
                self.flush()
                self.emit(liquid, at, tag_end)
            return
        if tag in _PARAGRAPH:
            self.request_break(2, at)
            if tag == "pre" and not closed:
                self.pre += 1
                self.after_pre_tag = True
        elif tag in _LINE:
            self.request_break(1, at)
        elif tag in _CELL:
            self.whitespace(at)
        if tag in _LIST:
            self.request_break(1 if self.lists else 2, at)
        if tag in _LIST and not closed:
            number = 1
            for name, value in attrs:
                if name == "start" and value and value.strip().lstrip("-").isdigit():
                    number = int(value)
            self.lists.append([tag, number])
        elif tag == "li":
            depth = max(1, len(self.lists))
            if self.lists and self.lists[-1][0] == "ol":
                marker = f"{self.lists[-1][1]}. "
                self.lists[-1][1] += 1
            else:
                marker = "- "
            self.flush()
            self.emit("  " * (depth - 1) + marker, at, tag_end)
            self.marker_end = len(self.chars)

    def handle_data(self, data: str) -> None:
        if self.skip or not data:
            return
        at = self.here()
        if self.hidden[at:at + len(data)] == data:
            data = self.src[at:at + len(data)]  # give back any '&' hidden as NUL
        if self.pre:
            if self.after_pre_tag and data.startswith(("\n", "\r\n")):
                skip = 2 if data.startswith("\r\n") else 1
                data, at = data[skip:], at + skip
            self.after_pre_tag = False
            if data:
                self.flush()
                self.emit(data, at, 0, each=True)
            return
        self.after_pre_tag = False
        pos = 0
        for m in _WS_RUN.finditer(data):
            if m.start() > pos:
                self.flush()
                self.emit(data[pos:m.start()], at + pos, 0, each=True)
            self.whitespace(at + m.start())
            pos = m.end()
        if pos < len(data):
            self.flush()
            self.emit(data[pos:], at + pos, 0, each=True)

    def reference(self, raw: str, at: int) -> None:
        if self.skip:
            return
        decoded = html.unescape(raw)
        if decoded == raw:  # not a known reference: the text as written
            self.handle_data_at(raw, at)
            return
        # html.unescape decodes the longest known prefix of a name without ';' ("&copyright" -> "\xa9right"):
        # the undecoded tail keeps its own offsets.
        tail = 0
        while tail < len(decoded) - 1 and tail < len(raw) - 2 and decoded[-1 - tail] == raw[-1 - tail]:
            tail += 1
        head = decoded[:len(decoded) - tail]
        end = at + len(raw) - tail
        if head and all(ch in _WS for ch in head):
            if self.pre:
                self.flush()
                self.emit(head, at, end)
            else:
                self.whitespace(at)
        elif head:
            self.flush()
            self.emit(head, at, end)
        if tail:
            self.handle_data_at(raw[len(raw) - tail:], end)

    def handle_data_at(self, data: str, at: int) -> None:
        self.flush()
        self.emit(data, at, 0, each=True)

    def handle_entityref(self, name: str) -> None:
        at = self.here()
        raw = "&" + name + (";" if self.src.startswith(";", at + 1 + len(name)) else "")
        self.reference(raw, at)

    def handle_charref(self, name: str) -> None:
        at = self.here()
        raw = "&#" + name + (";" if self.src.startswith(";", at + 2 + len(name)) else "")
        self.reference(raw, at)

    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def _hide_stray_ampersands(source: str) -> str:
    """``source`` with every '&' that does not start a complete reference replaced by NUL (same length).

    HTMLParser stops at an incomplete reference such as ``&#x`` and, at the end of input, passes everything after it
    on as text, tags included. Hidden, such an '&' is plain text; ``handle_data`` restores it from the source.
    """
    if "&" not in source:
        return source
    out = list(source)
    for i in (m.start() for m in re.finditer("&", source)):
        if _REFERENCE.match(source, i) is None:
            out[i] = "\x00"
    return "".join(out)


def html_to_text(source: str) -> tuple[str, list[int]]:
    """The text a reader of ``source`` (an HTML document or fragment) sees, and for each of its characters plus one
    for the end the offset in ``source`` it comes from. The end offset is just past the source of the last character
    (``len(source)`` when the text is empty)."""
    hidden = _hide_stray_ampersands(source)
    parser = _TextParser(source, hidden)
    parser.feed(hidden)
    parser.close()
    chars, starts, ends = parser.chars, parser.starts, parser.ends
    first = 0
    while first < len(chars) and chars[first] in _WS:
        first += 1
    last = len(chars)
    while last > first and chars[last - 1] in _WS:
        last -= 1
    text = "".join(chars[first:last])
    offsets = starts[first:last]
    offsets.append(ends[last - 1] if last > first else len(source))
    return text, offsets


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.I | re.S)


def read(source: str, path: str) -> list[Draft]:
    """An HTML file: one template draft, named by its ``<title>`` if it has one."""
    text, offsets = html_to_text(source)
    m = _TITLE.search(source)
    name = " ".join(html.unescape(m.group(1)).split()) if m else ""
    return [Draft(id=path, path=path, text=text, source_map=SourceMap(source).derive(offsets), name=name or None,
                  mode="template")]
