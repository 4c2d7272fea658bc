"""Readers turn files, standard input and strings into Drafts.

A file's format is ``options.input_format`` when given (for files named explicitly and for standard input), else its
extension decides (FORMAT_BY_EXTENSION; any other extension is plain text). ``.json`` files are helpdesk macro
exports whose kind is detected from their shape (see :mod:`.helpdesk`); ``.yaml``/``.yml`` files are reply files
(see :mod:`.yaml_replies`). Standard input is plain text unless a format is given.

Directories are walked for files with any extension in FORMAT_BY_EXTENSION. A ``.json`` or ``.yaml`` file found that
way which is not a macro export / replies file (package.json, a CI workflow, ...) is passed over silently, also when
it does not parse -- unless it names a macro field, then its syntax error is reported. The same file named
explicitly is an error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from ..draft import Draft
from ..errors import ReplylintError
from . import helpdesk, html, jsonl, markdown, text, yaml_replies

INPUT_FORMATS = ("auto", "text", "markdown", "html", "jsonl", "json", "yaml", *helpdesk.FORMATS)
MODES = ("draft", "template")
FORMAT_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
}
SKIP_DIRS = {"node_modules", "__pycache__", "venv"}
# Text in an unparseable .json file found by walking a directory that makes it worth an error, not a silent skip.
_JSON_MARKERS = re.compile(r'"(?:comment_value(?:_html)?|setResponseText|body_html|content_html|chatText|'
                           r'canned_responses|macros?)"')


@dataclass(frozen=True)
class ReaderOptions:
    """How to read inputs.

    ``input_format``: one of INPUT_FORMATS ("auto"/None: by extension and content; "json": a helpdesk export of a
    detected kind; "zendesk" ... "intercom": that kind); it applies to files named explicitly and to standard input,
    and a helpdesk kind also to the ``.json`` files of a directory. ``markdown_sections``: one draft per ``##``
    section. ``yaml_key`` / ``yaml_body_key``: where a YAML file keeps its replies and their text. ``mode``: overrides
    every draft's mode ("draft" or "template").
    """

    input_format: str | None = None
    markdown_sections: bool = False
    yaml_key: str = "replies"
    yaml_body_key: str = "body"
    mode: str | None = None

    def __post_init__(self) -> None:
        if self.input_format is not None and self.input_format not in INPUT_FORMATS:
            raise ReplylintError(f"unknown input format {self.input_format!r} (one of {', '.join(INPUT_FORMATS)})")
        if self.mode is not None and self.mode not in MODES:
            raise ReplylintError(f"unknown mode {self.mode!r} (draft or template)")

    @property
    def forced(self) -> str | None:
        return None if self.input_format in (None, "auto") else self.input_format


DEFAULT_OPTIONS = ReaderOptions()


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


def _yaml_marker(source: str, options: ReaderOptions) -> bool:
    return re.search(rf"^[ \t-]*{re.escape(options.yaml_key)}[ \t]*:", source, re.M) is not None


def read_text(source: str, display: str, fmt: str = "text", options: ReaderOptions | None = None,
              explicit: bool = True) -> list[Draft]:
    """Drafts from ``source`` read as ``fmt`` (a FORMAT_BY_EXTENSION value or a helpdesk kind). With
    ``explicit=False`` (a file found in a directory) a .json/.yaml file of another shape gives no drafts."""
    options = options or DEFAULT_OPTIONS
    if fmt == "text":
        drafts = text.read(source, display)
    elif fmt == "markdown":
        drafts = markdown.read(source, display, options.markdown_sections)
    elif fmt == "html":
        drafts = html.read(source, display)
    elif fmt == "jsonl":
        drafts = jsonl.read(source, display)
    elif fmt == "yaml":
        try:
            root = yaml_replies.compose(source, display)
            drafts = yaml_replies.read(source, display, options.yaml_key, options.yaml_body_key, root=root)
        except yaml_replies.NotReplies:
            if explicit:
                raise
            return []
        except ReplylintError:
            if explicit or _yaml_marker(source, options):
                raise
            return []
    elif fmt == "json" or fmt in helpdesk.FORMATS:
        try:
            doc = helpdesk.parse(source, display)
            drafts = helpdesk.read(source, display, None if fmt == "json" else fmt, doc=doc)
        except helpdesk.UnknownShape:
            if explicit:
                raise
            return []
        except ReplylintError:
            if explicit or _JSON_MARKERS.search(source):
                raise
            return []
    else:
        raise ReplylintError(f"unknown input format {fmt!r}", path=display)
    if options.mode is not None:
        for d in drafts:
            d.mode = options.mode
    return drafts


# Extension -> reader(source, path) with the default options (kept for callers of the one-argument-pair API).
READERS = {ext: partial(read_text, fmt=fmt) for ext, fmt in FORMAT_BY_EXTENSION.items()}


def format_of(path: Path, options: ReaderOptions | None = None, explicit: bool = True) -> str:
    options = options or DEFAULT_OPTIONS
    by_extension = FORMAT_BY_EXTENSION.get(path.suffix.lower(), "text")
    forced = options.forced
    if forced is None:
        return by_extension
    if explicit:
        return forced
    if forced in helpdesk.FORMATS and by_extension == "json":
        return forced
    return by_extension


def read_file(path: Path, display: str | None = None, options: ReaderOptions | None = None, *,
              explicit: bool = True) -> list[Draft]:
    """Drafts from one file; ``explicit=False`` for a file found by walking a directory (see the module docstring)."""
    path = Path(path)
    display = display or str(path)
    fmt = format_of(path, options, explicit)
    return read_text(read_source(path, display), display, fmt, options, explicit=explicit)


def iter_files(directory: Path) -> Iterator[Path]:
    """Lintable files under ``directory``, sorted by path, skipping hidden and tool directories."""
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS]
        found.extend(Path(root) / name for name in files
                     if Path(name).suffix.lower() in FORMAT_BY_EXTENSION and not name.startswith("."))
    yield from sorted(found, key=lambda p: p.relative_to(directory).parts)


def read_paths(paths: Iterable[str], stdin_text: str | None = None, options: ReaderOptions | None = None, *,
               include: Callable[[Path], bool] | None = None, lenient: bool = False) -> list[Draft]:
    """Drafts from the command-line arguments: files, directories, or ``-`` for standard input.

    ``include`` decides which files are read (walked ones; named ones too, when they exist); ``lenient`` treats
    named files like walked ones: a .json/.yaml file that is not a reply export is skipped, not an error.
    """
    options = options or DEFAULT_OPTIONS
    drafts: list[Draft] = []
    for arg in paths:
        if arg == "-":
            drafts.extend(read_text(stdin_text or "", "<stdin>", options.forced or "text", options))
            continue
        path = Path(arg)
        if path.is_dir():
            drafts.extend(d for f in iter_files(path) if include is None or include(f)
                          for d in read_file(f, options=options, explicit=False))
        elif include is None or not path.exists() or include(path):
            drafts.extend(read_file(path, arg, options, explicit=not lenient))
    return drafts
