"""Readers turn files, standard input and strings into Drafts. Pick one by file extension."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..draft import Draft
from ..errors import ReplylintError
from . import jsonl, markdown, text

READERS = {
    ".txt": text.read,
    ".text": text.read,
    ".md": markdown.read,
    ".markdown": markdown.read,
    ".jsonl": jsonl.read,
    ".ndjson": jsonl.read,
}
SKIP_DIRS = {"node_modules", "__pycache__", "venv"}


def read_source(path: Path, display: str) -> str:
    """The file's text (UTF-8, BOM dropped), or a one-line error naming it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReplylintError("no such file or directory", path=display) from None
    except IsADirectoryError:
        raise ReplylintError("is a directory", path=display) from None
    except OSError as exc:
        raise ReplylintError(f"cannot read: {exc.strerror or exc}", path=display) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReplylintError(f"not UTF-8 text (byte {exc.start})", path=display) from None


def read_file(path: Path, display: str | None = None) -> list[Draft]:
    display = display or str(path)
    reader = READERS.get(path.suffix.lower(), text.read)
    return reader(read_source(path, display), display)


def iter_files(directory: Path) -> Iterator[Path]:
    """Lintable files under ``directory``, sorted by path, skipping hidden and tool directories."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        found.extend(Path(root) / name for name in files
                     if Path(name).suffix.lower() in READERS and not name.startswith("."))
    yield from sorted(found, key=lambda p: p.relative_to(directory).parts)


def read_paths(paths: Iterable[str], stdin_text: str | None = None) -> list[Draft]:
    """Drafts from the command-line arguments: files, directories, or ``-`` for standard input."""
    drafts: list[Draft] = []
    for arg in paths:
        if arg == "-":
            drafts.extend(text.read(stdin_text or "", "<stdin>"))
            continue
        path = Path(arg)
        if path.is_dir():
            drafts.extend(d for f in iter_files(path) for d in read_file(f))
        else:
            drafts.extend(read_file(path, arg))
    return drafts
