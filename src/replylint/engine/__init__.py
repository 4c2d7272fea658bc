"""The rule engine: YAML specs compiled once into spaCy matchers, run over parsed drafts."""

from .engine import RuleEngine
from .spec import Spec, builtin_rules_dir, load_specs

__all__ = ["RuleEngine", "Spec", "builtin_rules_dir", "load_specs"]
