"""YAML reply files: one template draft per reply, every character mapped to its place in the file.

Accepted shapes (``key`` is ``replies`` and ``body_key`` is ``body`` unless configured)::

    replies:                       replies:                      - name: Refund issued
      - name: Refund issued          Refund issued: |              body: ...
        body: |                        Hi {{ name }}, ...
          Hi {{ name }}, ...

A reply's name is its ``name`` (or ``title``) or its key; ``mode`` at the top level or in a reply sets the mode.
Nodes come from ``yaml.compose`` (no values are constructed, so a body is always the text as written) and
:mod:`.yamlpos` maps each scalar's characters back to the file.
"""

from __future__ import annotations

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..draft import Draft, SourceMap
from ..errors import ReplylintError
from .yamlpos import scalar_offsets

_NULL = "tag:yaml.org,2002:null"
_Loader = yaml.SafeLoader  # the pure-Python loader: its marks are character indexes into the str we give it
MODES = ("draft", "template")


class NotReplies(ReplylintError):
    """Valid YAML that is not a replies file."""


def compose(source: str, path: str) -> Node | None:
    """The YAML node tree of ``source``; a syntax error is a ReplylintError with the line."""
    try:
        return yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        where = f"column {mark.column + 1}: " if mark is not None else ""
        raise ReplylintError(f"{where}invalid YAML: {problem}", path=path,
                             line=mark.line + 1 if mark is not None else None) from None
    except yaml.YAMLError as exc:
        raise ReplylintError(f"invalid YAML: {exc}", path=path) from None


def _get(mapping: MappingNode, key: str) -> tuple[ScalarNode, Node] | None:
    for k, v in mapping.value:
        if isinstance(k, ScalarNode) and k.value == key:
            return k, v
    return None


def _scalar(node: Node | None) -> str | None:
    if isinstance(node, ScalarNode) and node.tag != _NULL:
        return node.value
    return None


def reply_nodes(root: Node | None, key: str = "replies", body_key: str = "body") -> list | None:
    """``[(name, body node, key node, item mapping or None)]`` of a replies file, or None for another shape."""
    container: Node | None = None
    if isinstance(root, MappingNode):
        found = _get(root, key)
        if found is None:
            return None
        container = found[1]
    elif isinstance(root, SequenceNode) and root.value and all(
            isinstance(item, MappingNode) and _get(item, body_key) is not None for item in root.value):
        container = root
    if isinstance(container, ScalarNode) and container.tag == _NULL:
        return []
    out = []
    if isinstance(container, SequenceNode):
        for item in container.value:
            if not isinstance(item, MappingNode):
                raise ReplylintError(f"column {item.start_mark.column + 1}: each reply must be a mapping with "
                                     f"'name' and '{body_key}'", line=item.start_mark.line + 1)
            body = _get(item, body_key)
            name = _get(item, "name") or _get(item, "title")
            out.append((_scalar(name[1]) if name else None, body[1] if body else None, body[0] if body else None,
                        item))
    elif isinstance(container, MappingNode):
        for k, v in container.value:
            name = _scalar(k)
            if isinstance(v, MappingNode):
                body = _get(v, body_key)
                out.append((name, body[1] if body else None, body[0] if body else None, v))
            else:
                out.append((name, v, k, None))
    else:
        return None
    return out


def read(source: str, path: str, key: str = "replies", body_key: str = "body",
         root: Node | None = None) -> list[Draft]:
    """Drafts from a YAML replies file; :class:`NotReplies` when it is YAML of another shape."""
    if root is None:
        root = compose(source, path)
    try:
        replies = reply_nodes(root, key, body_key)
    except ReplylintError as exc:
        raise ReplylintError(exc.message, path=path, line=exc.line) from None
    if replies is None:
        raise NotReplies(f"not a replies file: expected a '{key}' list of replies with '{body_key}' text",
                         path=path)
    top_mode = _scalar(_get(root, "mode")[1]) if isinstance(root, MappingNode) and _get(root, "mode") else None
    smap = SourceMap(source)
    drafts: list[Draft] = []
    seen: dict[str, int] = {}
    for index, (name, body, key_node, item) in enumerate(replies, start=1):
        if body is None or (isinstance(body, ScalarNode) and body.tag == _NULL):
            continue
        if not isinstance(body, ScalarNode):
            raise ReplylintError(f"column {body.start_mark.column + 1}: '{body_key}' must be text",
                                 path=path, line=body.start_mark.line + 1)
        if not body.value.strip():
            continue
        offsets = scalar_offsets(source, body, key_node.start_mark.column if key_node is not None else -1)
        if offsets is None:  # a construct yamlpos does not reproduce: at least the right start
            offsets = [body.start_mark.index] * (len(body.value) + 1)
        mode = _scalar(_get(item, "mode")[1]) if item is not None and _get(item, "mode") else None
        for value in (mode, top_mode):
            if value is not None and value not in MODES:
                raise ReplylintError(f"mode must be 'draft' or 'template', not {value!r}", path=path,
                                     line=body.start_mark.line + 1)
        name = name if name and name.strip() else None
        ident = f"{path}#{name if name is not None else index}"
        seen[ident] = seen.get(ident, 0) + 1
        if seen[ident] > 1:
            ident = f"{ident}#{seen[ident]}"
        drafts.append(Draft(id=ident, path=path, text=body.value, source_map=smap.derive(offsets), name=name,
                            mode=mode or top_mode or "template"))
    return drafts
