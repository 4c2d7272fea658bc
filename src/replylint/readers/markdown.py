"""Markdown: one draft per file, or one per ``##`` section; markup is blanked out with spaces so every offset stays
the file's own.

YAML front matter is parsed: its ``title`` (or ``name``) names the draft and ``mode`` sets its mode (default
"template": Markdown files hold canned responses). With ``sections=True`` every ``## heading`` starts a draft named by
the heading, running to the next ``#`` or ``##`` heading (``###`` and deeper stay inside); text before the first
``##`` is not a reply. A section whose only prose sits in code fences without a language (or marked text/markdown)
-- the SAVED_REPLIES.md convention, where the fence keeps GitHub from rendering the reply -- is read from inside the
fences. A file without ``##`` headings is one draft.
"""

from __future__ import annotations

import re

import yaml

from ..draft import Draft, SourceMap
from ..errors import ReplylintError
from ..placeholders import find_placeholders
from ..thread import blank, find_quoted

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
    return _keep_placeholders(source, out)


def _keep_placeholders(source: str, out: str) -> str:
    """Put template placeholders back as written: `*|FNAME|*` and `{{ x | default: "y" }}` are not Markdown."""
    found = [p for p in find_placeholders(source) if out[p.start:p.end] != source[p.start:p.end]
             and not out[p.start:p.end].isspace()]
    if not found:
        return out
    parts, last = [], 0
    for p in found:
        parts += [out[last:p.start], source[p.start:p.end]]
        last = p.end
    parts.append(out[last:])
    return "".join(parts)


_SECTION_HEADING = re.compile(r"^[ \t]{0,3}(#{1,2})(?!#)(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", re.M)
_PLAIN_FENCE_INFO = {"", "text", "txt", "markdown", "md", "plain", "plaintext"}
MODES = ("draft", "template")


def front_matter(source: str) -> dict:
    """The YAML front matter as a dict ({} when there is none, or it is not a mapping, or not valid YAML)."""
    m = _FRONT_MATTER.match(source)
    if m is None:
        return {}
    block = m.group(0).split("\n", 1)[1] if "\n" in m.group(0) else ""
    block = re.sub(r"(?:---|\.\.\.)[ \t]*\r?\n?\Z", "", block)
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _meta(source: str, path: str) -> tuple[str | None, str]:
    meta = front_matter(source)
    name = meta.get("title", meta.get("name"))
    name = str(name).strip() if name is not None and str(name).strip() else None
    mode = meta.get("mode", "template")
    if mode not in MODES:
        raise ReplylintError(f"front matter: mode must be 'draft' or 'template', not {mode!r}", path=path)
    return name, mode


def _unfenced(source: str) -> str:
    """``to_text`` of ``source`` with plain code fences' delimiter lines blanked, so their content counts as prose."""
    out = list(source)
    for m in _FENCE.finditer(source):
        first_end = source.find("\n", m.start(), m.end())
        if first_end == -1:
            continue
        info = source[m.start():first_end].strip().lstrip("`~").strip().lower()
        if info not in _PLAIN_FENCE_INFO:
            continue
        last_start = source.rfind("\n", m.start(), m.end()) + 1
        for lo, hi in ((m.start(), first_end), (last_start, m.end())):
            for i in range(lo, hi):
                if out[i] not in "\r\n":
                    out[i] = " "
    return to_text("".join(out))


def sections(source: str) -> list[tuple[str | None, int, int]]:
    """``(heading text, body start, body end)`` of every ``##`` section outside code fences."""
    fenced = [(m.start(), m.end()) for m in _FENCE.finditer(source)]
    front = _FRONT_MATTER.match(source)
    skip_before = front.end() if front else 0
    headings = [m for m in _SECTION_HEADING.finditer(source)
                if m.start() >= skip_before and not any(lo <= m.start() < hi for lo, hi in fenced)]
    out = []
    for i, m in enumerate(headings):
        if m.group(1) != "##":
            continue
        start = m.end() + 1 if source.startswith("\n", m.end()) else m.end()
        end = headings[i + 1].start() if i + 1 < len(headings) else len(source)
        title = (m.group(2) or "").strip()
        out.append((title or None, start, end))
    return out


def read(source: str, path: str, sections_mode: bool = False) -> list[Draft]:
    """One draft for the file, or with ``sections_mode`` one per ``##`` section (see the module docstring)."""
    name, mode = _meta(source, path)
    smap = SourceMap(source)
    text = to_text(source)
    found = sections(source) if sections_mode else []
    if not found:
        customer = None
        quoted = find_quoted(source)
        # a quote that opens the document (or follows an "On ... wrote:" header) is the message being answered;
        # a blockquote further down is the reply's own call-out
        if quoted is not None and (not text[:quoted.spans[0][0]].strip() or quoted.spans[-1][1] == len(source)):
            text, customer = blank(text, quoted.spans), quoted.text
        return [Draft(id=path, path=path, text=text, source_map=smap, name=name, mode=mode, customer=customer)]
    unfenced: str | None = None
    drafts: list[Draft] = []
    seen: dict[str, int] = {}
    for index, (title, start, end) in enumerate(found, start=1):
        body = text[start:end]
        if not body.strip():
            if unfenced is None:
                unfenced = _unfenced(source)
            body = unfenced[start:end]
            if not body.strip():
                continue
        ident = f"{path}#{title if title is not None else index}"
        seen[ident] = seen.get(ident, 0) + 1
        if seen[ident] > 1:
            ident = f"{ident}#{seen[ident]}"
        drafts.append(Draft(id=ident, path=path, text=body, source_map=smap.derive(None, base=start), name=title,
                            mode=mode))
    return drafts
