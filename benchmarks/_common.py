"""Shared by the benchmark scripts: reading an input file with one-line errors, and running ``main``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path


class InputError(Exception):
    """A problem with the arguments or the input file; printed as one line, exit 2."""


def read_text(path: str) -> str:
    """The file's text (UTF-8, BOM dropped), or an InputError naming it."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 (byte {exc.start})") from None


def _file_lines(path: str) -> Iterator[str]:
    """The file's lines, read only as far as they are asked for (UTF-8, BOM dropped), or an InputError naming the
    file (and the line, for a line that is not UTF-8)."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path}: is a directory")
    try:
        with p.open("rb") as fh:
            for lineno, raw in enumerate(fh, start=1):
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    raise InputError(f"{path}:{lineno}: not UTF-8 (byte {exc.start + 1} of the line)") from None
                yield line
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def jsonl_objects(path: str, text: str | None = None) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line of a JSONL file, or an InputError naming the file and line.

    Without ``text`` the file is read as the objects are asked for, so a caller that stops early (the first n
    replies of a large corpus) reads no further."""
    lines = _file_lines(path) if text is None else text.splitlines()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{lineno}: invalid JSON: {exc.msg} (column {exc.colno})") from None
        if not isinstance(record, dict):
            raise InputError(f"{path}:{lineno}: expected a JSON object per line")
        yield lineno, record


def run_main(main) -> None:
    """``sys.exit(main())``, quietly when the output pipe closes early (e.g. piped into head)."""
    try:
        sys.exit(main())
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)


def make_linter(model: str = "auto", rules=(), builtin: bool = True):
    """A replylint Linter (imported here, so start-up timing includes the imports), or an InputError."""
    from replylint.api import Linter
    from replylint.errors import ReplylintError

    try:
        return Linter(model=model, rules=rules, builtin=builtin)
    except ReplylintError as exc:
        raise InputError(f"cannot set up replylint: {exc}") from None


def average_ranks(values: list[float]) -> list[float]:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mean_rank = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = mean_rank
        i = j + 1
    return ranks
