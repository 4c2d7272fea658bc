"""The JSON Schema every rule file is validated against (see docs/writing-rules.md)."""

from __future__ import annotations

from ..finding import CATEGORIES, SEVERITIES, SIGNALS
from ..placeholders import KINDS

_ID = {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9_.\-]*$"}
_TEXT = {"type": "string", "minLength": 1}
_EXAMPLE = {
    "oneOf": [
        _TEXT,
        {
            "type": "object",
            "required": ["text"],
            "additionalProperties": False,
            "properties": {"text": _TEXT, "customer": _TEXT, "mode": {"enum": ["draft", "template"]}},
        },
    ]
}
_EXAMPLES = {
    "type": "object",
    "required": ["flag", "pass"],
    "additionalProperties": False,
    "properties": {
        "flag": {"type": "array", "minItems": 2, "items": _EXAMPLE},
        "pass": {"type": "array", "minItems": 2, "items": _EXAMPLE},
    },
}
_TOKEN_PATTERN = {"type": "array", "minItems": 1, "items": {"type": "object", "minProperties": 1}}
_UNLESS_ITEM = {"oneOf": [_TEXT, _TOKEN_PATTERN]}
_REF = {"type": "string", "pattern": r"^(?:(?:customer|any):)?[A-Za-z][A-Za-z0-9_.\-]*$"}
_REFS = {"oneOf": [_REF, {"type": "array", "minItems": 1, "items": _REF}]}

_MATCHING = {
    "phrases": {"type": "array", "minItems": 1, "items": _TEXT},
    "patterns": {"type": "array", "minItems": 1, "items": _TOKEN_PATTERN},
    "attr": {"enum": ["norm", "lower", "lemma"]},
    "unless": {"type": "array", "minItems": 1, "items": _UNLESS_ITEM},
    "unless_scope": {"enum": ["sentence", "clause", "draft"]},
    "unless_draft": {"type": "array", "minItems": 1, "items": _UNLESS_ITEM},
    "highlight": {"type": "array", "minItems": 1, "items": {"type": "string"}},
}


def _needs(kind: str, *fields: str) -> dict:
    return {"if": {"properties": {"kind": {"const": kind}}}, "then": {"required": list(fields)}}


def _forbids(kinds: list[str], field: str) -> dict:
    """A field that the given kinds would silently ignore (``patterns`` on a phrase rule) is an error."""
    return {"if": {"properties": {"kind": {"enum": kinds}}},
            "then": {"properties": {field: False}}}


RULE = {
    "type": "object",
    "required": ["id", "kind", "message", "rationale", "examples"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "kind": {"enum": ["phrase", "pattern", "dependency", "require", "metric", "placeholder"]},
        "category": {"enum": list(CATEGORIES)},
        "severity": {"enum": list(SEVERITIES)},
        "weight": {"type": "number", "minimum": 0, "maximum": 100},
        "description": _TEXT,
        "message": _TEXT,
        "suggestion": _TEXT,
        "rationale": _TEXT,
        "examples": _EXAMPLES,
        **_MATCHING,
        "trigger": _REFS,
        "when": _REFS,
        "require_any": _REFS,
        "metric": {"enum": ["exclamations", "caps_words", "words", "sentences", "questions", "customer_overlap",
                            "specifics"]},
        "specific_severity": {"enum": list(SEVERITIES)},
        "max": {"type": "integer", "minimum": 0},
        "check": {"enum": ["unfilled", "no-fallback"]},
        "modes": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": ["draft", "template"]}},
        "placeholder_kinds": {"type": "array", "minItems": 1, "items": {"enum": list(KINDS)}},
        "min": {"type": "integer", "minimum": 0},
    },
    "allOf": [
        _needs("phrase", "phrases"),
        _needs("pattern", "patterns"),
        _needs("dependency", "patterns"),
        _needs("require", "trigger"),
        _needs("metric", "metric"),
        _needs("placeholder", "check"),
        _forbids(["phrase", "require", "metric", "placeholder"], "patterns"),
        _forbids(["pattern", "dependency", "require", "metric", "placeholder"], "phrases"),
        _forbids(["phrase", "pattern", "dependency", "placeholder"], "min"),
        _forbids(["phrase", "pattern", "dependency", "require", "placeholder"], "max"),
        {
            "if": {"properties": {"kind": {"const": "metric"}}},
            "then": {"anyOf": [{"required": ["max"]}, {"required": ["min"]}]},
        },
    ],
}

DETECTOR = {
    "type": "object",
    "required": ["id", "kind", "examples"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "kind": {"enum": ["phrase", "pattern", "dependency"]},
        "description": _TEXT,
        "examples": _EXAMPLES,
        "signal": {"enum": list(SIGNALS)},
        "bonus": {"type": "number", "minimum": 0, "maximum": 20},
        **_MATCHING,
    },
    "allOf": [_needs("phrase", "phrases"), _needs("pattern", "patterns"), _needs("dependency", "patterns"),
              _forbids(["phrase"], "patterns"), _forbids(["pattern", "dependency"], "phrases")],
}

RULE_FILE = {
    "type": "object",
    "additionalProperties": False,
    "anyOf": [{"required": ["rules"]}, {"required": ["detectors"]}],
    "properties": {
        "category": {"enum": list(CATEGORIES)},
        "rules": {"type": "array", "items": RULE},
        "detectors": {"type": "array", "items": DETECTOR},
    },
}
