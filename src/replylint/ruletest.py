"""Running rules' own examples: every flag example must produce the rule's finding, every pass example not."""

from __future__ import annotations

from dataclasses import dataclass, field

from .draft import Draft
from .engine import RuleEngine, Spec
from .pipeline import load_pipeline


@dataclass
class Outcome:
    passed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def example_failures(engine: RuleEngine, spec: Spec) -> list[str]:
    """Failure descriptions for one rule or detector's examples with ``engine`` (empty when all hold)."""
    failures = []
    for expected, examples in ((True, spec.flag_examples), (False, spec.pass_examples)):
        for example in examples:
            if _fires(engine, spec, example) != expected:
                what = "not flagged" if expected else "flagged"
                ctx = f" (customer: {example.customer!r})" if example.customer else ""
                failures.append(f"{spec.path}:{spec.line}: {spec.id}: {what}: {example.text!r}{ctx}")
    return failures


def _fires(engine: RuleEngine, spec: Spec, example) -> bool:
    nlp = engine.nlp
    draft = Draft.from_text(example.text, customer=example.customer, mode=example.mode)
    doc = nlp(draft.analysis_text)
    if spec.is_detector:
        return bool(engine.detect(doc, [spec.id]))
    customer_doc = nlp(Draft.from_text(example.customer).analysis_text) if example.customer else None
    return any(f.rule == spec.id for f in engine.check(draft, doc, customer_doc, rules=[spec]))


def run_examples(all_specs: list[Spec], targets: list[Spec], *, model: str = "auto") -> Outcome:
    pipeline = load_pipeline(model, need_parser=True)
    engine = RuleEngine(all_specs, pipeline.nlp, has_parser=pipeline.has_parser)
    outcome = Outcome(notices=[pipeline.notice] if pipeline.notice else [])
    for spec in targets:
        n = len(spec.flag_examples) + len(spec.pass_examples)
        if spec.needs_parser and not pipeline.has_parser:
            outcome.skipped += n
            outcome.lines.append(f"skip {spec.id} (needs a parser)")
            continue
        failures = example_failures(engine, spec)
        outcome.failures.extend(failures)
        outcome.passed += n - len(failures)
        outcome.lines.append(f"{'FAIL' if failures else 'ok  '} {spec.id}")
        outcome.lines.extend(f"     {f}" for f in failures)
    return outcome
