"""Which files a run lints: command-line paths, directories walked, the configuration's include/exclude and
.gitignore applied; then the readers turn them into Drafts."""

from __future__ import annotations

from collections.abc import Iterable

from .config import Config
from .draft import Draft
from .readers import ReaderOptions, read_paths


def collect(paths: Iterable[str], config: Config, options: ReaderOptions, stdin_text: str | None = None,
            lenient: bool = False) -> list[Draft]:
    """Drafts from files, directories (walked; only included files) and ``-`` (standard input), in order.

    A file named on the command line is linted unless the configuration excludes it (pre-commit passes every
    changed file); a directory contributes the lintable files under it that the configuration includes.
    ``lenient`` treats named files like walked ones: a .json/.yaml file that is not a reply export is skipped
    instead of being an error (for pre-commit, which passes every matching file).
    """
    return read_paths(paths, stdin_text, options, include=config.is_included, lenient=lenient)
