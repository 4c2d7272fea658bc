"""Plain text: the whole file is one draft."""

from __future__ import annotations

from ..draft import Draft, SourceMap


def read(source: str, path: str) -> list[Draft]:
    return [Draft(id=path, path=path, text=source, source_map=SourceMap(source))]
