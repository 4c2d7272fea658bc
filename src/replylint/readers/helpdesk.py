"""Helpdesk macro exports (JSON): Zendesk, Help Scout, Gorgias, Freshdesk, Intercom; one template draft per reply.

Strings are parsed with :mod:`.jsonpos`, so every character (also inside ``\\u003cp\\u003e``-escaped HTML in a
minified file) maps back to its place in the file; HTML bodies go through :func:`.html.html_to_text`.

Detection (``read(..., fmt=None)``), in this order:

1. The list of macro objects: the document itself when it is a list; else the object under ``macro`` (Zendesk, one
   macro); else the list under the first of ``macros``, ``data``, ``items``, ``canned_responses``, ``saved_replies``,
   ``savedReplies``, ``results``; else the first list inside ``_embedded`` (Help Scout API); else the document
   itself when it is one macro object.
2. The format: the first object in that list that matches one of these, tried in this order, decides for the file:
   Zendesk (``actions`` holds objects with a ``field``), Gorgias (``actions`` holds objects with ``arguments``),
   Freshdesk (``content_html``, or ``title`` with ``content``), Help Scout (``name`` with ``text`` or ``chatText``),
   Intercom (``body`` or ``body_text``, with ``name`` or ``"type": "macro"``; not ``title`` + ``body`` alone, which
   is what e.g. a GitHub issues dump looks like).

An empty list is a recognised export with no drafts. Anything else is an :class:`UnknownShape` error (the caller
decides whether that is an error or, when walking a directory, a file to pass over). A macro without reply text is
skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..draft import Draft, SourceMap
from ..errors import ReplylintError
from .html import compose, html_to_text, looks_like_html
from .jsonpos import LocatedStr, loads_with_positions

FORMATS = ("zendesk", "helpscout", "gorgias", "freshdesk", "intercom")
UNKNOWN_SHAPE = ("unrecognised JSON shape: expected Zendesk, Help Scout, Gorgias, Freshdesk or Intercom macros "
                 "(or use --input-format)")
_WRAPPERS = ("macros", "data", "items", "canned_responses", "saved_replies", "savedReplies", "results")

# One reply body: (the string from the JSON, True when it is HTML).
Body = tuple[Any, bool]


class UnknownShape(ReplylintError):
    """Valid JSON that is not a helpdesk macro export."""


# --- unwrapping and detection --------------------------------------------------------------------------------------

def macro_list(doc: Any) -> list | None:
    """The list of macro objects in an export, or None when there is none."""
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        return None
    if isinstance(doc.get("macro"), dict):
        return [doc["macro"]]
    for key in _WRAPPERS:
        if isinstance(doc.get(key), list):
            return doc[key]
    embedded = doc.get("_embedded")
    if isinstance(embedded, dict):
        for value in embedded.values():
            if isinstance(value, list):
                return value
    if detect_item(doc) is not None:
        return [doc]
    return None


def _has_action_key(item: dict, key: str) -> bool:
    actions = item.get("actions")
    return isinstance(actions, list) and any(isinstance(a, dict) and key in a for a in actions)


def detect_item(item: Any) -> str | None:
    """The export format one macro object is in, or None."""
    if not isinstance(item, dict):
        return None
    if _has_action_key(item, "field"):
        return "zendesk"
    if _has_action_key(item, "arguments"):
        return "gorgias"
    if "content_html" in item or ("title" in item and "content" in item):
        return "freshdesk"
    if "name" in item and ("text" in item or "chatText" in item):
        return "helpscout"
    if ("body" in item or "body_text" in item) and ("name" in item or item.get("type") == "macro"):
        return "intercom"
    return None


def detect(doc: Any) -> tuple[str | None, list | None]:
    """(format, macro objects) of a parsed export; format is None for an empty list or an unknown shape."""
    items = macro_list(doc)
    if items is None:
        return None, None
    for item in items:
        fmt = detect_item(item)
        if fmt is not None:
            return fmt, items
    return None, (items if not items else None)


# --- per-format extraction: (name, body) pairs -------------------------------------------------------------------

def _text(value: Any) -> Any:
    """A string field, or the reply in an old-style list value such as ``["channel:all", "text"]``."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        strings = [v for v in value if isinstance(v, str)]
        if strings and len(strings) > 1 and strings[0].startswith("channel:"):
            strings = strings[1:]
        return strings[-1] if strings else None
    return None


def _first(*candidates: Body) -> Body | None:
    for value, is_html in candidates:
        text = _text(value)
        if text is not None and text.strip():
            return text, is_html
    return None


def _zendesk(item: dict) -> Iterator[tuple[Any, Body | None]]:
    html_value = text_value = None
    for action in item.get("actions") or ():
        if not isinstance(action, dict):
            continue
        if action.get("field") == "comment_value_html" and html_value is None:
            html_value = action.get("value")
        elif action.get("field") == "comment_value" and text_value is None:
            text_value = action.get("value")
    yield item.get("title"), _first((html_value, True), (text_value, False))


def _gorgias(item: dict) -> Iterator[tuple[Any, Body | None]]:
    for action in item.get("actions") or ():
        if not isinstance(action, dict) or "setResponseText" not in (action.get("name"), action.get("type")):
            continue
        args = action.get("arguments")
        if isinstance(args, dict):
            body = _first((args.get("body_html"), True), (args.get("body_text"), False))
            if body is not None:
                yield item.get("name"), body
                return
    yield item.get("name"), None


def _freshdesk(item: dict) -> Iterator[tuple[Any, Body | None]]:
    yield item.get("title"), _first((item.get("content_html"), True), (item.get("content"), False))


def _helpscout(item: dict) -> Iterator[tuple[Any, Body | None]]:
    name = item.get("name")
    yield name, _first((item.get("text"), True))
    chat = _first((item.get("chatText"), False))
    if chat is not None:
        yield (f"{name} (chat)" if isinstance(name, str) else "(chat)"), chat


def _intercom(item: dict) -> Iterator[tuple[Any, Body | None]]:
    yield (item.get("name") or item.get("title")), _first((item.get("body"), True), (item.get("body_text"), False))


EXTRACTORS: dict[str, Callable[[dict], Iterator[tuple[Any, Body | None]]]] = {
    "zendesk": _zendesk, "helpscout": _helpscout, "gorgias": _gorgias, "freshdesk": _freshdesk,
    "intercom": _intercom,
}


# --- drafts ------------------------------------------------------------------------------------------------------

def _offsets(value: Any) -> tuple[int, ...] | None:
    return value.source_offsets if isinstance(value, LocatedStr) else None


def body_draft(body: Body, smap: SourceMap) -> tuple[str, Any]:
    """(text, offsets into the file) of one reply body."""
    value, is_html = body
    if is_html and "\n" in value and not looks_like_html(value):
        is_html = False  # an HTML field holding plain text with line breaks: keep its paragraphs
    if not is_html:
        return str(value), _offsets(value)
    text, inner = html_to_text(str(value))
    outer = _offsets(value)
    return text, (compose(outer, inner) if outer is not None else inner)


def parse(source: str, path: str) -> Any:
    return loads_with_positions(source, path=path)


def read(source: str, path: str, fmt: str | None = None, doc: Any = None) -> list[Draft]:
    """Drafts from a helpdesk export; ``fmt`` forces one of FORMATS (else detected), ``doc`` is the parsed source
    when the caller already has it. Raises :class:`UnknownShape` for JSON that is not an export."""
    if doc is None:
        doc = parse(source, path)
    if fmt is None:
        fmt, items = detect(doc)
        if items is None:
            raise UnknownShape(UNKNOWN_SHAPE, path=path)
        if fmt is None:
            return []
    else:
        items = macro_list(doc)
        if items is None:
            raise UnknownShape(f"no {fmt} macros found (expected a list of macros or an object wrapping one)",
                               path=path)
    extract = EXTRACTORS[fmt]
    smap = SourceMap(source)
    drafts: list[Draft] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            continue
        for name, body in extract(item):
            if body is None:
                continue
            text, offsets = body_draft(body, smap)
            if not text.strip():
                continue
            name = str(name) if name is not None and str(name).strip() else None
            ident = f"{path}#{name if name is not None else index}"
            seen[ident] = seen.get(ident, 0) + 1
            if seen[ident] > 1:
                ident = f"{ident}#{seen[ident]}"
            drafts.append(Draft(id=ident, path=path, text=text, source_map=smap.derive(offsets), name=name,
                                mode="template"))
    return drafts
