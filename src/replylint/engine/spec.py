"""Rule and detector specifications: YAML files in, validated immutable specs out."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from ..errors import ReplylintError
from .schema import RULE_FILE
from .yamlload import line_of, load_yaml

DEFAULT_WEIGHTS = {"info": 2.0, "warning": 5.0, "error": 10.0}
PARSER_ATTRS = {"POS", "TAG", "DEP", "MORPH", "HEAD"}  # sentence starts work on every pipeline


@dataclass(frozen=True)
class Example:
    text: str
    customer: str | None = None
    mode: str = "draft"


@dataclass(frozen=True)
class Ref:
    """A reference to a detector: ``where`` is reply, customer or any."""

    name: str
    where: str = "reply"

    @classmethod
    def parse(cls, text: str) -> "Ref":
        where, _, name = text.rpartition(":")
        return cls(name=name, where=where or "reply")

    def __str__(self) -> str:
        return self.name if self.where == "reply" else f"{self.where}:{self.name}"


@dataclass(frozen=True)
class Spec:
    """A rule (``is_detector`` False) or a detector, as loaded from one YAML file."""

    id: str
    kind: str
    path: str
    line: int
    is_detector: bool = False
    category: str | None = None
    severity: str = "warning"
    weight: float = 5.0
    description: str = ""
    message: str = ""
    suggestion: str | None = None
    rationale: str = ""
    phrases: tuple[str, ...] = ()
    patterns: tuple = ()
    attr: str = "norm"
    unless: tuple = ()
    unless_scope: str = "sentence"
    unless_draft: tuple = ()
    highlight: tuple[str, ...] = ()
    trigger: tuple[Ref, ...] = ()
    when: tuple[Ref, ...] = ()
    require_any: tuple[Ref, ...] = ()
    metric: str | None = None
    max: int | None = None
    min: int | None = None
    check: str | None = None
    modes: tuple[str, ...] = ("draft", "template")
    placeholder_kinds: tuple[str, ...] = ()
    signal: str | None = None
    bonus: float = 0.0
    specific_severity: str | None = None
    flag_examples: tuple[Example, ...] = ()
    pass_examples: tuple[Example, ...] = ()
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def needs_parser(self) -> bool:
        """True when the spec cannot run without a trained tagger/parser."""
        if self.kind == "dependency":
            return True
        pats = list(self.patterns) if self.kind == "pattern" else []
        pats += self._antipattern_patterns
        return any(k.upper() in PARSER_ATTRS for pat in pats for tok in pat for k in tok)

    @property
    def _antipattern_patterns(self) -> list:
        """The token patterns among ``unless`` and ``unless_draft`` (the rest are phrases)."""
        return [u for u in (*self.unless, *self.unless_draft) if isinstance(u, list)]

    @property
    def uses_lemma(self) -> bool:
        if self.attr == "lemma" or self.specific_severity or self.metric in ("customer_overlap", "specifics"):
            return True
        pats = list(self.patterns) + self._antipattern_patterns
        return any(k.upper() == "LEMMA" for pat in pats for tok in pat for k in tok)

    @property
    def refs(self) -> tuple[Ref, ...]:
        return self.trigger + self.when + self.require_any


def _refs(value: Any) -> tuple[Ref, ...]:
    if value is None:
        return ()
    return tuple(Ref.parse(v) for v in ([value] if isinstance(value, str) else value))


def _examples(items: list) -> tuple[Example, ...]:
    return tuple(Example(i) if isinstance(i, str) else Example(i["text"], i.get("customer"), i.get("mode", "draft"))
                 for i in items)


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(RULE_FILE)
    return cls(RULE_FILE)


def _schema_error(data: Any, path: str) -> ReplylintError | None:
    if not isinstance(data, dict):
        return ReplylintError("a rule file is a mapping with `rules:` and/or `detectors:`", path=path,
                              line=getattr(data, "line", 1))
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is None:
        return None
    location = list(error.absolute_path)
    message = error.message
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = set(error.schema.get("properties", {}))
        extra = sorted(str(k) for k in error.instance if k not in allowed)
        if extra:
            location.append(extra[0])
            message = f"unknown field {extra[0]!r}"
    elif error.schema is False:
        # a field the rule's kind would silently ignore (see schema._forbids)
        item = _item_at(data, location)
        field = next((k for k, v in item.items() if v is error.instance), None) if item else None
        if field is not None and location[-1:] != [field]:
            location.append(field)
        kind = item.get("kind") if item else None
        message = f"field {field!r} does not apply to kind {kind!r}" if field and kind else "unexpected field"
    elif error.validator in ("anyOf", "oneOf") and isinstance(error.instance, dict):
        needed = [sorted(alt.get("required", [])) for alt in error.validator_value if "required" in alt]
        if needed and all(len(n) == 1 for n in needed):
            message = "needs one of: " + ", ".join(n[0] for n in needed)
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in location).lstrip(".")
    rule = _rule_id_at(data, location)
    label = f"rule {rule!r}: " if rule else ""
    message = message if len(message) < 160 else message[:157] + "..."
    return ReplylintError(f"{label}{where or 'file'}: {message}", path=path, line=line_of(data, location))


def _item_at(data: Any, path: list) -> dict | None:
    """The rule or detector mapping a schema error's path points into, if any."""
    if len(path) >= 2 and path[0] in ("rules", "detectors") and isinstance(path[1], int):
        try:
            item = data[path[0]][path[1]]
            return item if isinstance(item, dict) else None
        except (KeyError, IndexError, TypeError):
            return None
    return None


def _rule_id_at(data: Any, path: list) -> str | None:
    item = _item_at(data, path)
    return item.get("id") if item else None


def parse_rule_file(text: str, path: str) -> list[Spec]:
    """Validate one rule file's text and return its specs (detectors first, then rules)."""
    data = load_yaml(text, path)
    if data is None:
        raise ReplylintError("empty rule file", path=path, line=1)
    error = _schema_error(data, path)
    if error is not None:
        raise error
    default_category = data.get("category")
    specs: list[Spec] = []
    for section in ("detectors", "rules"):
        for item in data.get(section, []):
            category = item.get("category", default_category)
            if section == "rules" and category is None:
                raise ReplylintError(f"rule {item['id']!r} has no category", path=path, line=item.line)
            severity = item.get("severity", "warning")
            examples = item["examples"]
            specs.append(Spec(
                id=item["id"], kind=item["kind"], path=path, line=item.line, is_detector=section == "detectors",
                category=category if section == "rules" else None,
                severity=severity, weight=float(item.get("weight", DEFAULT_WEIGHTS[severity])),
                description=item.get("description") or item.get("message", "").split(". ")[0].rstrip("."),
                message=item.get("message", ""), suggestion=item.get("suggestion"),
                rationale=" ".join(item.get("rationale", "").split()),
                phrases=tuple(item.get("phrases", ())), patterns=tuple(item.get("patterns", ())),
                attr=item.get("attr", "norm"), unless=tuple(item.get("unless", ())),
                unless_scope=item.get("unless_scope", "sentence"),
                unless_draft=tuple(item.get("unless_draft", ())), highlight=tuple(item.get("highlight", ())),
                trigger=_refs(item.get("trigger")), when=_refs(item.get("when")),
                require_any=_refs(item.get("require_any")),
                metric=item.get("metric"), max=item.get("max"), min=item.get("min"),
                check=item.get("check"), modes=tuple(item.get("modes", ("draft", "template"))),
                placeholder_kinds=tuple(item.get("placeholder_kinds", ())),
                signal=item.get("signal"), bonus=float(item.get("bonus", 0)),
                specific_severity=item.get("specific_severity"),
                flag_examples=_examples(examples["flag"]), pass_examples=_examples(examples["pass"]),
            ))
    return specs


def builtin_rules_dir() -> Path:
    """The built-in packs: inside the installed wheel, or ``rules/`` of a source checkout."""
    packaged = resources.files("replylint") / "rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parents[3] / "rules"
    if checkout.is_dir():
        return checkout
    raise ReplylintError("the built-in rule packs are missing from this installation")


def rule_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def _load_files(paths: list[Path]) -> list[Spec]:
    specs: list[Spec] = []
    for path in paths:
        for file in rule_files(path):
            try:
                text = file.read_text(encoding="utf-8")
            except FileNotFoundError:
                raise ReplylintError("no such rule file", path=str(file)) from None
            except (OSError, UnicodeDecodeError) as exc:
                raise ReplylintError(f"cannot read rule file: {exc}", path=str(file)) from None
            specs.extend(parse_rule_file(text, str(file)))
    return specs


def load_specs(paths: list[Path], overrides: list[Path] = ()) -> list[Spec]:
    """Load rule files (or directories of them), then ``overrides``, whose rules and detectors replace those of
    the same id. Within each layer ids must be unique; every detector reference must resolve."""
    base = _load_files(paths)
    check_unique(base)
    extra = _load_files(list(overrides))
    check_unique(extra)
    replaced = {(s.is_detector, s.id) for s in extra}
    specs = [s for s in base if (s.is_detector, s.id) not in replaced] + extra
    check_references(specs)
    return specs


def check_unique(specs: list[Spec]) -> None:
    seen: dict[tuple[bool, str], Spec] = {}
    for spec in specs:
        key = (spec.is_detector, spec.id)
        if key in seen:
            first = seen[key]
            what = "detector" if spec.is_detector else "rule"
            raise ReplylintError(f"duplicate {what} id {spec.id!r} (first defined in {first.path}:{first.line})",
                                 path=spec.path, line=spec.line)
        seen[key] = spec


def check_references(specs: list[Spec]) -> None:
    detectors = {s.id for s in specs if s.is_detector}
    for spec in specs:
        for ref in spec.refs:
            if ref.name not in detectors:
                raise ReplylintError(f"rule {spec.id!r} refers to unknown detector {ref.name!r}",
                                     path=spec.path, line=spec.line)
