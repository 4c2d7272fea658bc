"""Team configuration: ``.replylint.yaml`` / ``.replylint.yml`` or ``[tool.replylint]`` in ``pyproject.toml``.

Finding the file
----------------
:func:`load_config` walks up from a start directory (the first path argument's directory, or the current
directory: :func:`discovery_start`) to the filesystem root and takes the nearest directory holding a
configuration. Within one directory ``.replylint.yaml`` beats ``.replylint.yml``, which beats ``pyproject.toml``;
a ``pyproject.toml`` without a ``[tool.replylint]`` table is skipped. An explicit ``--config FILE`` replaces the
search: a ``.toml`` file must hold ``[tool.replylint]``, any other file is read as YAML. Without any file the
defaults below apply (:attr:`Config.path` is ``None``). Settings from the command line win over the file
(:func:`merge_cli`).

Paths in the file (``rules``, ``include``, ``exclude``, ``overrides[].files``) are relative to the file's
directory. Globs are gitignore-style: ``*.md``, ``drafts/``, ``legacy/**/*.txt``, ``!keep.md``; a pattern
without a slash matches at any depth.

Keys
----
``select``, ``ignore``
    Rules to run / leave out: rule ids (``defensive.as-i-said``), categories (``defensive``) or dotted id
    prefixes (``defensive.policy``); a list, or one comma-separated string. Empty ``select`` = every rule. The
    same as ``--select`` / ``--ignore``.
``severity``
    Mapping of rule id, id prefix or category -> ``info`` | ``warning`` | ``error`` | ``off`` (``off`` drops
    the findings). The most specific key wins: a rule id, then the longest id prefix, then the category.
``rules``
    Extra rule files or directories (like ``--rules``); a rule with a built-in id replaces the built-in one.
``builtin``
    ``true`` (default): load the built-in rule packs; ``false`` = only ``rules`` (like ``--no-builtin``).
``include``, ``exclude``
    Globs choosing the files to lint when walking directories. A non-empty ``include`` keeps only files it
    matches; ``exclude`` then leaves files out.
``respect_gitignore``
    ``true`` (default): files ignored by ``.gitignore`` files are left out. The ``.gitignore`` files read are
    those from the file's directory up to the repository root (the nearest directory holding ``.git``); outside
    a repository, up to the configuration's directory.
``overrides``
    A list of ``{files: [globs], select, ignore, severity, mode}`` applied, in order, to the files their
    ``files`` globs match: ``select`` replaces the selection, ``ignore`` adds to the ignored rules (an override
    cannot bring back a rule ignored at the top level), ``severity`` is layered on top of the top-level mapping
    (a later layer wins for every finding it matches) and ``mode`` replaces the mode.
``fail_on``
    ``info`` | ``warning`` (default) | ``error`` | ``none``: exit 1 when a finding this severe or worse is found.
``fail_under``
    0-100: exit 1 when a draft scores below this. Not set by default.
``model``
    The spaCy pipeline: ``auto``, ``blank``, a package name or a path. Not set by default (``REPLYLINT_MODEL`` or
    ``auto``).
``mode``
    ``draft``: replies about to be sent; ``template``: macros and saved replies with placeholders. Not set by
    default: each reader's own choice (Markdown front matter, helpdesk macros are templates, ...).
``input_format``
    How to read files: one of :data:`replylint.readers.INPUT_FORMATS` (``auto``, ``text``, ``markdown``,
    ``html``, ``jsonl``, ``json``, ``yaml`` or a helpdesk such as ``zendesk``); not set = by file extension.
``markdown_sections``
    ``true``: a Markdown file is one draft per ``##`` section; ``false`` (default): one draft per file.
``yaml_key``, ``yaml_body_key``
    In YAML reply files, the key holding the list of replies and, in each, the key holding its text. Not set by
    default (the reader's defaults: ``replies`` and ``body``).
``macros``
    Mapping of macro-name glob (``fnmatch``-style, case-insensitive; an exact name always matches) -> rule ids
    or categories to leave out for the macros it matches. For vendor JSON exports, which cannot carry comments.
``report_unused_suppressions``
    ``true``: report inline ``replylint-disable`` comments that suppressed nothing. Default ``false``.

Errors (unknown keys, wrong types, bad values, missing rule files) are :class:`ReplylintError` naming the file,
the key and its line.
"""

from __future__ import annotations

import difflib
import fnmatch
import functools
import os
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import jsonschema
import pathspec

from .engine.yamlload import LineDict, line_of, load_yaml
from .errors import ReplylintError
from .filters import matches, selected
from .finding import Finding
from .readers import INPUT_FORMATS

YAML_NAMES = (".replylint.yaml", ".replylint.yml")
PYPROJECT = "pyproject.toml"
SEVERITY_VALUES = ("info", "warning", "error", "off")
FAIL_ON_VALUES = ("info", "warning", "error", "none")
MODES = ("draft", "template")

_SELECTOR_PATTERN = r"^[A-Za-z][A-Za-z0-9_.\-]*$"
_SELECTOR_KEYS = ("select", "ignore")
_GLOB_KEYS = ("include", "exclude", "files")


# --------------------------------------------------------------------------------------------- the schema

def _strings(expect: str, item_expect: str, pattern: str | None = None, min_items: int = 0) -> dict:
    item: dict[str, Any] = {"type": "string", "minLength": 1, "x-expect": item_expect}
    if pattern:
        item["pattern"] = pattern
    schema: dict[str, Any] = {"type": "array", "items": item, "x-expect": expect}
    if min_items:
        schema["minItems"] = min_items
    return schema


_SELECTORS = _strings("a list of rule ids or categories", "a rule id, id prefix or category", _SELECTOR_PATTERN)
_GLOBS = _strings("a list of glob patterns", "a glob pattern")
_BOOL = {"type": "boolean", "x-expect": "true or false"}
_SEVERITY_MAP = {
    "type": "object",
    "x-expect": "a mapping of rule id or category to info, warning, error or off",
    "propertyNames": {"pattern": _SELECTOR_PATTERN, "x-expect": "a rule id, id prefix or category"},
    "additionalProperties": {"enum": list(SEVERITY_VALUES)},
}
_MODE = {"enum": list(MODES)}
_OPTIONAL_MODE = {"enum": [*MODES, None]}
_OVERRIDE = {
    "type": "object",
    "x-expect": "a mapping with `files` and any of select, ignore, severity, mode",
    "additionalProperties": False,
    "required": ["files"],
    "properties": {
        "files": _strings("a list of glob patterns", "a glob pattern", min_items=1),
        "select": _SELECTORS,
        "ignore": _SELECTORS,
        "severity": _SEVERITY_MAP,
        "mode": _MODE,
    },
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "x-expect": "a mapping of settings",
    "additionalProperties": False,
    "properties": {
        "select": _SELECTORS,
        "ignore": _SELECTORS,
        "severity": _SEVERITY_MAP,
        "rules": _strings("a list of rule files or directories", "a path"),
        "builtin": _BOOL,
        "include": _GLOBS,
        "exclude": _GLOBS,
        "respect_gitignore": _BOOL,
        "overrides": {"type": "array", "items": _OVERRIDE, "x-expect": "a list of overrides"},
        "fail_on": {"enum": list(FAIL_ON_VALUES)},
        "fail_under": {"type": ["integer", "null"], "minimum": 0, "maximum": 100,
                       "x-expect": "a whole number from 0 to 100"},
        "model": {"type": ["string", "null"], "minLength": 1, "x-expect": "a pipeline name or path"},
        "mode": _OPTIONAL_MODE,
        "input_format": {"enum": [*INPUT_FORMATS, None]},
        "markdown_sections": _BOOL,
        "yaml_key": {"type": ["string", "null"], "minLength": 1, "x-expect": "a key name"},
        "yaml_body_key": {"type": ["string", "null"], "minLength": 1, "x-expect": "a key name"},
        "macros": {
            "type": "object",
            "x-expect": "a mapping of macro-name glob to rule ids or categories",
            "additionalProperties": _SELECTORS,
        },
        "report_unused_suppressions": _BOOL,
    },
}
KEYS = tuple(SCHEMA["properties"])


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(SCHEMA)


# --------------------------------------------------------------------------------------------- the types

@dataclass(frozen=True)
class Override:
    """Settings for the files matching ``files`` (gitignore-style globs relative to the config's directory)."""

    files: tuple[str, ...]
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict, hash=False)
    mode: str | None = None

    def matches(self, relative: str) -> bool:
        """``relative``: a POSIX path relative to the config's directory."""
        return _spec(self.files).match_file(relative)


@dataclass(frozen=True)
class FileSettings:
    """The settings for one file, overrides applied. ``severity`` holds layers: the top-level mapping, then
    each matching override's; for a finding, the last layer with a matching key decides."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[dict[str, str], ...] = ()
    mode: str | None = None

    def selected(self, rule: str, category: str | None) -> bool:
        return selected(rule, category, self.select, self.ignore)

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """The findings of the selected rules, with severities changed (and those set to ``off`` dropped)."""
        return apply_severity([f for f in findings if self.selected(f.rule, f.category)], self.severity)


@dataclass(frozen=True)
class Config:
    """The settings from one configuration file (or the defaults: ``path`` None). See the module docstring.

    ``rules`` are absolute paths (resolved against the config's directory); globs stay as written and are
    matched relative to :attr:`root`.
    """

    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict, hash=False)
    rules: tuple[Path, ...] = ()
    builtin: bool = True
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    overrides: tuple[Override, ...] = ()
    fail_on: str = "warning"
    fail_under: int | None = None
    model: str | None = None
    mode: str | None = None
    input_format: str | None = None
    markdown_sections: bool = False
    yaml_key: str | None = None
    yaml_body_key: str | None = None
    macros: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False)
    report_unused_suppressions: bool = False

    @property
    def root(self) -> Path | None:
        """The directory paths and globs are relative to: the config file's directory."""
        return self.path.parent if self.path is not None else None

    def relative(self, path: str | os.PathLike) -> str | None:
        """``path`` as a POSIX path relative to :attr:`root`, or None (no config, or the file is outside)."""
        if self.root is None:
            return None
        try:
            rel = Path(path).resolve().relative_to(self.root.resolve())
        except ValueError:
            return None
        return rel.as_posix() if rel.parts else None

    def for_file(self, path: str | os.PathLike) -> FileSettings:
        """The select, ignore, severity layers and mode for one file, with the matching overrides applied.

        Overrides only apply to files inside the config's directory.
        """
        select, ignore, mode = self.select, self.ignore, self.mode
        layers = [self.severity] if self.severity else []
        rel = self.relative(path) if self.overrides else None
        if rel is not None:
            for override in self.overrides:
                if not override.matches(rel):
                    continue
                if override.select is not None:
                    select = override.select
                ignore += tuple(s for s in override.ignore if s not in ignore)
                if override.severity:
                    layers.append(override.severity)
                if override.mode is not None:
                    mode = override.mode
        return FileSettings(select=select, ignore=ignore, severity=tuple(layers), mode=mode)

    def widest_selection(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(select, ignore) covering every file: the rules a Linter must load so that each file's own
        selection (:meth:`for_file`, then :meth:`FileSettings.apply`) can be applied to its findings."""
        selects = [self.select] + [o.select for o in self.overrides if o.select is not None]
        if any(not s for s in selects):
            return (), self.ignore
        merged: list[str] = []
        for s in selects:
            merged += [x for x in s if x not in merged]
        return tuple(merged), self.ignore

    def is_included(self, path: str | os.PathLike) -> bool:
        """Whether a file found while walking a directory should be linted: ``include`` / ``exclude`` (for files
        inside the config's directory) and ``.gitignore`` files (with ``respect_gitignore``).

        For a directory, only ``exclude`` and ``.gitignore`` are consulted (so a caller can prune the walk);
        ``include`` only ever applies to files.
        """
        p = Path(path).resolve()
        is_dir = p.is_dir()
        rel = self.relative(p)
        if rel is not None:
            if self.include and not is_dir and not _spec(self.include).match_file(rel):
                return False
            if self.exclude and _spec(self.exclude).match_file(rel + "/" if is_dir else rel):
                return False
        if self.respect_gitignore and gitignored(p, boundary=self._gitignore_boundary(p)):
            return False
        return True

    def _gitignore_boundary(self, p: Path) -> Path:
        repo = _repository_root(p.parent)
        if repo is not None:
            return repo
        root = self.root.resolve() if self.root is not None else None
        if root is not None and (p.parent == root or root in p.parent.parents):
            return root
        return p.parent

    def macro_ignores(self, name: str | None) -> tuple[str, ...]:
        """The rule ids / categories to leave out for a macro of this name (every matching ``macros`` entry)."""
        if not name or not self.macros:
            return ()
        folded = name.casefold()
        out: list[str] = []
        for pattern, selectors in self.macros.items():
            p = pattern.casefold()
            if p == folded or fnmatch.fnmatchcase(folded, p):
                out += [s for s in selectors if s not in out]
        return tuple(out)


# --------------------------------------------------------------------------------------------- severities

def severity_for(rule: str, category: str | None, mapping: Mapping[str, str]) -> str | None:
    """The mapping's severity for a rule: its id, else the longest matching id prefix, else its category."""
    best: tuple[int, int] | None = None
    value = None
    for key, severity in mapping.items():
        if key == rule:
            rank = (2, len(key))
        elif rule.startswith(key.rstrip(".") + "."):
            rank = (1, len(key))
        elif key == category:
            rank = (0, 0)
        else:
            continue
        if best is None or rank > best:
            best, value = rank, severity
    return value


def apply_severity(findings: Iterable[Finding],
                   mapping: Mapping[str, str] | Sequence[Mapping[str, str]]) -> list[Finding]:
    """Findings with their severity replaced per ``mapping`` (see :func:`severity_for`); those mapped to
    ``off`` are dropped. ``mapping`` may be a sequence of mappings (layers): the last layer with a key matching
    a finding decides. Weights (and so scores) are left as the rule set them."""
    layers = [mapping] if isinstance(mapping, Mapping) else list(mapping)
    layers = [m for m in layers if m]
    if not layers:
        return list(findings)
    out = []
    for f in findings:
        severity = None
        for layer in reversed(layers):
            severity = severity_for(f.rule, f.category, layer)
            if severity is not None:
                break
        if severity == "off":
            continue
        out.append(f if severity is None or severity == f.severity else replace(f, severity=severity))
    return out


# --------------------------------------------------------------------------------------------- merging

def _split_selectors(values: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for value in values:
        for token in re.split(r"[,\s]+", value):
            if token and token not in out:
                out.append(token)
    return tuple(out)


def merge_cli(config: Config, **cli_values: Any) -> Config:
    """``config`` with every command-line value that is not None in its place (same names as the Config fields).

    An empty sequence counts as not given (click's ``multiple`` options give ``()``); ``select`` / ``ignore``
    values are split at commas. ``rules`` from the command line replace the config's (they are relative to the
    current directory, as given). Overrides still apply per file after the merge.
    """
    names = {f.name for f in fields(Config)} - {"path"}
    changes: dict[str, Any] = {}
    for name, value in cli_values.items():
        if name not in names:
            raise TypeError(f"merge_cli() got an unknown setting {name!r}")
        if value is None:
            continue
        if name in _SELECTOR_KEYS:
            value = _split_selectors([value] if isinstance(value, str) else value)
        elif name == "rules":
            value = tuple(Path(p) for p in ([value] if isinstance(value, (str, os.PathLike)) else value))
        elif name in ("include", "exclude"):
            value = tuple([value] if isinstance(value, str) else value)
        elif name in ("severity", "macros"):
            value = dict(value)
        if isinstance(value, (tuple, dict)) and not value:
            continue
        changes[name] = value
    return replace(config, **changes)


# --------------------------------------------------------------------------------------------- discovery

def discovery_start(paths: Sequence[str | os.PathLike] = ()) -> Path:
    """Where to start looking for a config: the first path argument's directory (itself if it is a directory;
    ``-`` is skipped), else the current directory."""
    for arg in paths:
        if str(arg) == "-":
            continue
        p = Path(arg)
        return p if p.is_dir() else (p.parent if str(p.parent) else Path("."))
    return Path.cwd()


def find_config(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest configuration file from ``start`` (default: the current directory) up to the root."""
    directory = Path(start if start is not None else Path.cwd()).resolve()
    if directory.is_file():
        directory = directory.parent
    for d in (directory, *directory.parents):
        for name in YAML_NAMES:
            if (d / name).is_file():
                return d / name
        pyproject = d / PYPROJECT
        if pyproject.is_file() and _pyproject_has_table(pyproject):
            return pyproject
    return None


def load_config(start: str | os.PathLike | None = None, explicit: str | os.PathLike | None = None) -> Config:
    """The configuration for a run: ``explicit`` (``--config``) if given, else the nearest one found from
    ``start`` (see :func:`discovery_start`), else the defaults (``path`` None)."""
    if explicit is not None:
        path = Path(explicit)
        if not path.exists():
            raise ReplylintError("no such config file", path=str(path))
        if path.is_dir():
            raise ReplylintError("the config is a directory; give a file", path=str(path))
        return read_config(path)
    found = find_config(start)
    return read_config(found) if found is not None else Config()


def read_config(path: str | os.PathLike) -> Config:
    """Read and validate one configuration file: ``*.toml`` (its ``[tool.replylint]`` table) or YAML."""
    path = Path(path)
    display = str(path)
    text = _read_text(path)
    if path.suffix == ".toml":
        document = _parse_toml(text, display)
        table = document.get("tool", {}).get("replylint") if isinstance(document.get("tool"), dict) else None
        if table is None:
            raise ReplylintError("no [tool.replylint] table", path=display)
        data = table
        locate = functools.partial(_toml_line, text)
    else:
        data = load_yaml(text, display)
        if data is None:
            data = {}
        locate = functools.partial(line_of, data)
    if not isinstance(data, dict):
        raise ReplylintError("the configuration must be a mapping of settings", path=display,
                             line=getattr(data, "line", 1) if path.suffix != ".toml" else locate([]))
    data = _normalise(data)
    _validate(data, display, locate)
    return _build(data, path.absolute(), display, locate)


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ReplylintError("no such config file", path=str(path)) from None
    except OSError as exc:
        raise ReplylintError(f"cannot read config: {exc.strerror or exc}", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise ReplylintError(f"not UTF-8 text (byte {exc.start})", path=str(path)) from None


def _parse_toml(text: str, display: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = re.search(r"\(at line (\d+), column \d+\)", message)
        line = int(m.group(1)) if m else None
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", message)
        raise ReplylintError(f"invalid TOML: {message}", path=display, line=line) from None


def _pyproject_has_table(path: Path) -> bool:
    """Whether a pyproject.toml holds [tool.replylint]. Files that never mention replylint are not parsed (so a
    broken, unrelated pyproject.toml up the tree does no harm); one that does must be valid TOML."""
    text = _read_text(path)
    if "replylint" not in text:
        return False
    tool = _parse_toml(text, str(path)).get("tool")
    return isinstance(tool, dict) and "replylint" in tool


# --------------------------------------------------------------------------------------------- validation

def _string_keys(mapping: dict) -> None:
    """YAML keys such as ``2024`` or ``null`` become strings (keeping their lines), so the schema judges them."""
    for key in [k for k in mapping if not isinstance(k, str)]:
        value = mapping.pop(key)
        mapping[str(key)] = value
        if isinstance(mapping, LineDict) and key in mapping.key_lines:
            mapping.key_lines[str(key)] = mapping.key_lines[key]


def _normalise(data: dict) -> dict:
    """A single string is accepted for list settings; selector strings may be comma-separated; keys are
    strings."""
    def fix(mapping: dict) -> None:
        _string_keys(mapping)
        for sub in ("severity", "macros"):
            if isinstance(mapping.get(sub), dict):
                _string_keys(mapping[sub])
        for key in (*_SELECTOR_KEYS, *_GLOB_KEYS, "rules"):
            value = mapping.get(key)
            if isinstance(value, str):
                value = [value]
            if key in _SELECTOR_KEYS and isinstance(value, list) and all(isinstance(v, str) for v in value):
                value = list(_split_selectors(value))
            if value is not mapping.get(key):
                mapping[key] = value

    fix(data)
    overrides = data.get("overrides")
    for item in overrides if isinstance(overrides, list) else ():
        if isinstance(item, dict):
            fix(item)
    macros = data.get("macros")
    if isinstance(macros, dict):
        for name, value in list(macros.items()):
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                macros[name] = list(_split_selectors(value))
    return data


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _where(location: Sequence[Any]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".")


def _message(error: jsonschema.ValidationError) -> tuple[list, str]:
    """(location of the offending key or value, message) for one schema error."""
    location = list(error.absolute_path)
    expect = error.schema.get("x-expect") if isinstance(error.schema, dict) else None
    value = error.instance
    if error.validator == "additionalProperties" and isinstance(value, dict):
        allowed = list(error.schema.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        key = extra[0] if extra else "?"
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else f"; known keys: {', '.join(allowed)}"
        parent = _where(location)
        location.append(key)
        return location, f"{parent + ': ' if parent else ''}unknown key {key!r}{hint}"
    where = _where(location) or "the configuration"
    label = f"key {where!r}" if location else where
    if error.validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value if o is not None)
        return location, f"{label}: {_describe(value)} is not one of: {options}"
    if error.validator == "required":
        missing = [r for r in error.validator_value if r not in value]
        return location, f"{label}: missing key {missing[0]!r}"
    if error.validator == "pattern":
        message = f"{label}: {_describe(value)} is not {expect or 'valid'}"
        if "propertyNames" in error.schema_path:  # the offending key: point at its own line
            message = f"{label}: {_describe(value)} is not a rule id, id prefix or category"
            location.append(value)
        return location, message
    if error.validator == "minItems":
        return location, f"{label}: must not be empty"
    if error.validator == "minLength":
        return location, f"{label}: must not be empty"
    if expect:
        return location, f"{label}: expected {expect}, got {_describe(value)}"
    return location, f"{label}: {error.message}"


def _validate(data: dict, display: str, locate) -> None:
    found = []
    for error in _validator().iter_errors(data):
        location, message = _message(error)
        line = locate(location)
        found.append((line if line is not None else 10**9, len(found), message, line))
    if found:
        _, _, message, line = min(found)
        raise ReplylintError(message, path=display, line=line)


def _build(data: dict, path: Path, display: str, locate) -> Config:
    root = path.parent
    rules = []
    for i, entry in enumerate(data.get("rules", ())):
        p = Path(entry).expanduser()
        p = p if p.is_absolute() else root / p
        if not p.exists():
            raise ReplylintError(f"key 'rules': no such rule file or directory {entry!r}", path=display,
                                 line=locate(["rules", i]))
        rules.append(p)
    overrides = tuple(
        Override(files=tuple(o["files"]),
                 select=tuple(o["select"]) if "select" in o else None,
                 ignore=tuple(o.get("ignore", ())),
                 severity=dict(o.get("severity", {})),
                 mode=o.get("mode"))
        for o in data.get("overrides", ()))
    simple = {k: data[k] for k in ("builtin", "respect_gitignore", "fail_on", "model", "mode", "input_format",
                                   "markdown_sections", "yaml_key", "yaml_body_key",
                                   "report_unused_suppressions")
              if data.get(k) is not None}
    if data.get("fail_under") is not None:
        simple["fail_under"] = int(data["fail_under"])
    return Config(
        path=path,
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        severity=dict(data.get("severity", {})),
        rules=tuple(rules),
        include=tuple(data.get("include", ())),
        exclude=tuple(data.get("exclude", ())),
        overrides=overrides,
        macros={str(k): tuple(v) for k, v in data.get("macros", {}).items()},
        **simple,
    )


_TOML_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_\-]+))\s*=""")


def _toml_name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def _toml_line(text: str, location: Sequence[Any]) -> int | None:
    """The line of ``location`` (keys and list indexes under [tool.replylint]) found by scanning the text: a
    ``key =`` line in the right table, or the header of a sub-table. Falls back to the nearest level found."""
    base = "tool.replylint"
    best: int | None = None
    table: str | None = None
    seen_aot: dict[str, int] = {}
    index_of_table: int | None = None
    # Which table and key we want, level by level: [tool.replylint] key, [tool.replylint.key] sub, and
    # [[tool.replylint.key]] n-th item's sub key.
    top = location[0] if location else None
    second = location[1] if len(location) > 1 else None
    third = location[2] if len(location) > 2 else None
    found_top = found_sub = None
    for n, line in enumerate(text.split("\n"), start=1):
        header = _TOML_HEADER.match(line)
        if header:
            table = _toml_name(header.group(2))
            index_of_table = None
            if header.group(1) == "[[":
                seen_aot[table] = seen_aot.get(table, -1) + 1
                index_of_table = seen_aot[table]
            if table == base and best is None:
                best = n
            if top is not None and table == f"{base}.{top}":
                if isinstance(second, int) and index_of_table is not None:
                    if index_of_table == second and found_top is None:
                        found_top = n
                elif found_top is None:
                    found_top = n
            continue
        key = _TOML_KEY.match(line)
        if not key or top is None:
            continue
        name = next(g for g in key.groups() if g is not None)
        if table == base and name == str(top) and found_top is None:
            found_top = n
        elif table == f"{base}.{top}" and found_sub is None:
            wanted = third if isinstance(second, int) else second
            if wanted is not None and name == str(wanted) and (
                    not isinstance(second, int) or index_of_table == second):
                found_sub = n
    return found_sub or found_top or best


# --------------------------------------------------------------------------------------------- gitignore

@functools.lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return pathspec.GitIgnoreSpec.from_lines(patterns)


@functools.lru_cache(maxsize=1024)
def _gitignore_file(path: str, mtime_ns: int, size: int) -> pathspec.GitIgnoreSpec | None:
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    spec = pathspec.GitIgnoreSpec.from_lines(lines)
    return spec if len(spec) else None


def _gitignore_in(directory: Path) -> pathspec.GitIgnoreSpec | None:
    file = directory / ".gitignore"
    try:
        st = file.stat()
    except OSError:
        return None
    return _gitignore_file(str(file), st.st_mtime_ns, st.st_size)


def _repository_root(directory: Path) -> Path | None:
    for d in (directory, *directory.parents):
        if (d / ".git").exists():
            return d
    return None


def gitignored(path: str | os.PathLike, boundary: str | os.PathLike | None = None) -> bool:
    """Whether ``.gitignore`` files between ``boundary`` (default: the repository root, else the file's
    directory) and the file ignore it, or ignore one of its parent directories (git never looks inside an
    ignored directory, so a deeper ``!pattern`` cannot bring a file back)."""
    p = Path(path).resolve()
    base = Path(boundary).resolve() if boundary is not None else (_repository_root(p.parent) or p.parent)
    try:
        parts = p.relative_to(base).parts
    except ValueError:
        return False
    stack: list[tuple[Path, pathspec.GitIgnoreSpec]] = []
    current = base
    spec = _gitignore_in(current)
    if spec is not None:
        stack.append((current, spec))
    for i, part in enumerate(parts):
        target = current / part
        is_dir = i < len(parts) - 1 or p.is_dir()
        verdict = None
        for directory, spec in stack:
            rel = target.relative_to(directory).as_posix() + ("/" if is_dir else "")
            result = spec.check_file(rel).include
            if result is not None:
                verdict = result
        if verdict:
            return True
        if is_dir:
            current = target
            spec = _gitignore_in(current)
            if spec is not None:
                stack.append((current, spec))
    return False


# --------------------------------------------------------------------------------------------- replylint init

STARTER = """\
# replylint configuration. Paths and globs are relative to this file's directory;
# command-line options override these settings. Every key is optional.

# Rules to run / leave out: rule ids (defensive.as-i-said), categories (defensive,
# missing-apology, non-apology, generic, pushy-upsell) or dotted id prefixes
# (defensive.policy). An empty select runs every rule. `replylint rules` lists them.
select: []
ignore: []

# Change severities: rule id, id prefix or category -> info | warning | error | off
# ("off" drops the findings). The most specific key wins.
severity: {}
#  defensive.as-i-said: error
#  generic: info

# Extra rule files or directories (a rule with a built-in id replaces the built-in one),
# and whether to load the built-in rule packs at all.
rules: []
builtin: true

# Which files to lint when walking directories (gitignore-style globs). A non-empty
# include keeps only matching files; exclude leaves files out; files ignored by
# .gitignore are left out unless respect_gitignore is false.
include: []
#  - "replies/**/*.md"
exclude: []
#  - "drafts/archive/"
respect_gitignore: true

# Settings for some files only, applied in order: select replaces the selection,
# ignore adds to it, severity is layered on top, mode replaces the mode.
overrides: []
#  - files: ["macros/**"]
#    mode: template
#    ignore: [missing-apology]
#  - files: ["sales/"]
#    severity: {pushy-upsell: info}

# Exit status 1 when a finding this severe or worse is found: info | warning | error | none.
fail_on: warning
# ...or when a draft scores below this (0-100).
# fail_under: 80

# spaCy pipeline: auto | blank | a package name | a path (default: $REPLYLINT_MODEL or auto).
# model: auto

# Lint every file as replies about to be sent (draft) or as macros and saved replies
# with placeholders (template). Not set: each reader decides (front matter, helpdesk
# macros are templates, ...).
# mode: draft

# How to read files: {formats}
# (default: by extension).
# input_format: auto
# Markdown: one draft per ## section (true) or per file (false).
markdown_sections: false
# YAML reply files: the key holding the replies, and in each the key holding its text.
# yaml_key: replies
# yaml_body_key: body

# Macro name (glob, case-insensitive) -> rules or categories to leave out for it;
# for exports such as vendor JSON that cannot carry replylint-disable comments.
macros: {}
#  "Refund - *": [missing-apology]
#  "Upgrade offer": [pushy-upsell]

# Report replylint-disable comments that suppressed nothing.
report_unused_suppressions: false
""".replace("{formats}", " | ".join(INPUT_FORMATS))

STARTER_TOML = """\
[tool.replylint]
# replylint configuration. Paths and globs are relative to this file's directory;
# command-line options override these settings. Every key is optional.

# Rules to run / leave out: rule ids (defensive.as-i-said), categories (defensive,
# missing-apology, non-apology, generic, pushy-upsell) or dotted id prefixes
# (defensive.policy). An empty select runs every rule. `replylint rules` lists them.
select = []
ignore = []

# Change severities: rule id, id prefix or category -> info | warning | error | off
# ("off" drops the findings). The most specific key wins.
severity = {}
# severity = { "defensive.as-i-said" = "error", generic = "info" }

# Extra rule files or directories (a rule with a built-in id replaces the built-in one),
# and whether to load the built-in rule packs at all.
rules = []
builtin = true

# Which files to lint when walking directories (gitignore-style globs). A non-empty
# include keeps only matching files; exclude leaves files out; files ignored by
# .gitignore are left out unless respect_gitignore is false.
include = []    # e.g. ["replies/**/*.md"]
exclude = []    # e.g. ["drafts/archive/"]
respect_gitignore = true

# Exit status 1 when a finding this severe or worse is found: info | warning | error | none.
fail_on = "warning"
# ...or when a draft scores below this (0-100).
# fail_under = 80

# spaCy pipeline: auto | blank | a package name | a path (default: $REPLYLINT_MODEL or auto).
# model = "auto"

# Lint every file as replies about to be sent (draft) or as macros and saved replies
# with placeholders (template). Not set: each reader decides (front matter, helpdesk
# macros are templates, ...).
# mode = "draft"

# How to read files: {formats}
# (default: by extension).
# input_format = "auto"
# Markdown: one draft per ## section (true) or per file (false).
markdown_sections = false
# YAML reply files: the key holding the replies, and in each the key holding its text.
# yaml_key = "replies"
# yaml_body_key = "body"

# Report replylint-disable comments that suppressed nothing.
report_unused_suppressions = false

# Macro name (glob, case-insensitive) -> rules or categories to leave out for it;
# for exports such as vendor JSON that cannot carry replylint-disable comments.
[tool.replylint.macros]
# "Refund - *" = ["missing-apology"]
# "Upgrade offer" = ["pushy-upsell"]

# Settings for some files only, applied in order: select replaces the selection,
# ignore adds to it, severity is layered on top, mode replaces the mode.
# [[tool.replylint.overrides]]
# files = ["macros/**"]
# mode = "template"
# ignore = ["missing-apology"]
""".replace("{formats}", " | ".join(INPUT_FORMATS))


def _create(path: Path, text: str) -> Path:
    """Write a new file (never over an existing one), or a one-line error naming it."""
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise ReplylintError(f"cannot write: {exc.strerror or exc}", path=str(path)) from None
    return path


def write_starter(directory: str | os.PathLike, fmt: str = "yaml") -> Path:
    """Write the starter configuration into ``directory`` and return the file written: ``.replylint.yaml``
    (``fmt="yaml"``) or a ``[tool.replylint]`` table appended to ``pyproject.toml`` (``fmt="toml"``; the file
    is created if missing, its content is kept byte for byte). Refuses (ReplylintError) to overwrite or shadow
    an existing configuration."""
    directory = Path(directory)
    if not directory.is_dir():
        raise ReplylintError("no such directory", path=str(directory))
    existing_yaml = [directory / n for n in YAML_NAMES if (directory / n).exists()]
    pyproject = directory / PYPROJECT
    if fmt == "yaml":
        if existing_yaml:
            raise ReplylintError("a configuration file already exists; not overwriting it",
                                 path=str(existing_yaml[0]))
        if pyproject.is_file() and _pyproject_has_table(pyproject):
            raise ReplylintError("already holds a [tool.replylint] table; a .replylint.yaml would hide it",
                                 path=str(pyproject))
        return _create(directory / YAML_NAMES[0], STARTER)
    if fmt != "toml":
        raise ReplylintError(f"unknown config format {fmt!r} (use yaml or toml)")
    if existing_yaml:
        raise ReplylintError("a configuration file already exists here and would hide [tool.replylint]",
                             path=str(existing_yaml[0]))
    if not pyproject.exists():
        return _create(pyproject, STARTER_TOML)
    raw = pyproject.read_bytes()
    text = _read_text(pyproject)
    document = _parse_toml(text, str(pyproject))
    tool = document.get("tool")
    if isinstance(tool, dict) and "replylint" in tool:
        raise ReplylintError("already holds a [tool.replylint] table; not overwriting it", path=str(pyproject))
    newline = "\r\n" if b"\r\n" in raw else "\n"
    addition = ("" if not raw or raw.endswith(b"\n") else newline) + (newline if raw.strip() else "") \
        + STARTER_TOML.replace("\n", newline)
    try:
        tomllib.loads(text + addition)
    except tomllib.TOMLDecodeError:
        raise ReplylintError("cannot add a [tool.replylint] table to this file (its `tool` table is written "
                             "inline?); add it by hand", path=str(pyproject)) from None
    try:
        with open(pyproject, "a", encoding="utf-8", newline="") as fh:
            fh.write(addition)
    except OSError as exc:
        raise ReplylintError(f"cannot write: {exc.strerror or exc}", path=str(pyproject)) from None
    return pyproject


# --------------------------------------------------------------------------------------------- selector checks

def unknown_selectors(config: Config, rules: Iterable[tuple[str, str | None]]) -> list[str]:
    """Messages for selectors in the config (select, ignore, severity keys, overrides, macros) that match no
    rule, given the (id, category) of every loaded rule. For warnings: a typo there silently does nothing."""
    rules = list(rules)

    def known(selector: str) -> bool:
        return any(matches(rule, category, [selector]) for rule, category in rules)

    places: list[tuple[str, Iterable[str]]] = [("select", config.select), ("ignore", config.ignore),
                                               ("severity", config.severity)]
    for i, o in enumerate(config.overrides):
        places += [(f"overrides[{i}].select", o.select or ()), (f"overrides[{i}].ignore", o.ignore),
                   (f"overrides[{i}].severity", o.severity)]
    places += [(f"macros.{name}", sels) for name, sels in config.macros.items()]
    where = f"{config.path}: " if config.path else ""
    return [f"{where}{key}: {selector!r} matches no rule or category"
            for key, selectors in places for selector in selectors if not known(selector)]
