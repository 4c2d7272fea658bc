"""YAML loading that remembers line numbers, so rule and config errors can name the line."""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..errors import ReplylintError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LineDict(dict):
    """A mapping from YAML that knows its own line and the line of each key (1-based)."""

    line: int = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.key_lines: dict[Any, int] = {}


class LineLoader(_Base):  # type: ignore[misc, valid-type]
    pass


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode):
    data = LineDict()
    data.line = node.start_mark.line + 1
    yield data
    explicit: set = set()
    for key_node, _ in node.value:  # duplicates among the keys written here; `<<` merged keys may be overridden
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError:
            raise ReplylintError("a mapping key must be a plain value", line=line) from None
        if key in explicit:
            raise ReplylintError(f"duplicate key {key!r}", line=line)
        explicit.add(key)
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)

# YAML 1.2 booleans: only true/false. YAML 1.1 also reads yes/no/on/off as booleans, which silently turns a
# phrase like `no` or a token value like {LOWER: on} into True/False.
LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    LineLoader.yaml_implicit_resolvers.setdefault(_first, []).insert(
        0, ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML text; any syntax error becomes a one-line ReplylintError naming file and line."""
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - LineLoader is a SafeLoader
    except ReplylintError as exc:
        raise ReplylintError(exc.message, path=path, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = exc.problem or exc.context or "invalid YAML"
        raise ReplylintError(f"invalid YAML: {problem}", path=path, line=line) from None
    except yaml.YAMLError as exc:
        raise ReplylintError(f"invalid YAML: {exc}", path=path) from None


def line_of(data: Any, path: list) -> int | None:
    """The line of the deepest located node along ``path`` (keys and list indexes) in loaded YAML."""
    line = getattr(data, "line", None)
    node = data
    for key in path:
        if isinstance(node, LineDict) and key in node:
            line = node.key_lines.get(key, line)
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            break
        line = getattr(node, "line", line)
    return line
