"""JSONL threads: one JSON object per line, ``{"id", "reply", "customer"?}``; positions map into the file."""

from __future__ import annotations

from ..draft import Draft, SourceMap
from ..errors import ReplylintError
from .jsonpos import LocatedStr, loads_with_positions


def read(source: str, path: str) -> list[Draft]:
    drafts: list[Draft] = []
    line_start = 0
    source_map_cache: SourceMap | None = None
    for lineno, line in enumerate(source.split("\n"), start=1):
        start = line_start
        line_start += len(line) + 1
        if not line.strip():
            continue
        try:
            record = loads_with_positions(line, path=path, base=start)
        except ReplylintError as exc:
            raise ReplylintError(exc.message, path=path, line=lineno) from None
        if not isinstance(record, dict):
            raise ReplylintError("expected a JSON object per line", path=path, line=lineno)
        reply = record.get("reply")
        if not isinstance(reply, str):
            raise ReplylintError('each line needs a "reply" string', path=path, line=lineno)
        customer = record.get("customer")
        if customer is not None and not isinstance(customer, str):
            raise ReplylintError('"customer" must be a string', path=path, line=lineno)
        ident = record.get("id")
        ident = str(ident) if ident is not None else f"{path}:{lineno}"
        if source_map_cache is None:
            source_map_cache = SourceMap(source)
        offsets = reply.source_offsets if isinstance(reply, LocatedStr) else None
        smap = source_map_cache.derive(offsets)
        drafts.append(Draft(id=ident, path=path, text=str(reply), source_map=smap,
                            customer=str(customer) if customer is not None else None))
    return drafts

