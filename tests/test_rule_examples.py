"""Every built-in rule and detector carries examples, and every example holds on both pipelines."""

from __future__ import annotations

import pytest

from replylint.engine import builtin_rules_dir, load_specs
from replylint.ruletest import example_failures

from .conftest import get_linter

SPECS = load_specs([builtin_rules_dir()])


def test_pack_is_substantial():
    rules = [s for s in SPECS if not s.is_detector]
    assert len(rules) >= 60
    assert {r.category for r in rules} == {"defensive", "missing-apology", "non-apology", "generic", "pushy-upsell"}
    for detector in ("apology", "acknowledgement", "failure", "complaint"):
        assert any(s.is_detector and s.id == detector for s in SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.id)
def test_examples(spec, pipeline_kind):
    linter = get_linter(pipeline_kind)
    if spec.needs_parser and not linter.pipeline.has_parser:
        pytest.skip("needs a parser")
    assert len(spec.flag_examples) >= 2 and len(spec.pass_examples) >= 2
    assert example_failures(linter.engine, spec) == []
