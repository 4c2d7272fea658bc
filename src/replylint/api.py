"""The public Python API: a Linter holds one spaCy pipeline and the compiled rules; ``lint`` checks one text.

>>> from replylint import lint
>>> result = lint("As I said, you should have read our policy.")
>>> result.score < 100, sorted({f.category for f in result.findings})
(True, ['defensive'])
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import filters, scoring
from .draft import Draft, normalise
from .engine import RuleEngine, Spec, builtin_rules_dir, load_specs
from .errors import ReplylintError
from .finding import Finding, Signal
from .pipeline import BATCH_SIZE, load_pipeline

CHUNK = 512  # drafts parsed per round: customer messages first, then the replies


@dataclass
class LintResult:
    """One draft's findings and score (0-100, 100 = nothing found) with a score per category."""

    draft: Draft
    findings: list[Finding]
    score: int
    category_scores: dict[str, int]
    signals: list[Signal] = field(default_factory=list)


@dataclass
class Report:
    """The results of a run, in input order, and notices for the user (e.g. rules that could not run)."""

    results: list[LintResult]
    notices: list[str] = field(default_factory=list)
    rules: list[Spec] = field(default_factory=list)  # the rules that ran (reporters describe them, e.g. SARIF)

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


class Linter:
    """Loads the rules and the spaCy pipeline once; lints any number of drafts."""

    def __init__(self, *, model: str = "auto", rules: Iterable[str | Path] = (), builtin: bool = True,
                 select: Iterable[str] = (), ignore: Iterable[str] = ()):
        self.select, self.ignore = tuple(select), tuple(ignore)
        self.specs = load_specs([builtin_rules_dir()] if builtin else [], overrides=[Path(p) for p in rules])
        active = active_specs(self.specs, self.select, self.ignore)
        pipeline = load_pipeline(model, need_parser=any(s.needs_parser for s in active),
                                 need_tags=any(s.needs_parser or s.uses_lemma for s in active))
        self.pipeline = pipeline
        self.engine = RuleEngine(active, pipeline.nlp, has_parser=pipeline.has_parser)
        self.bonuses = scoring.signal_bonuses(self.engine.detectors.values())
        self.notices: list[str] = []
        if pipeline.notice:
            self.notices.append(pipeline.notice)
        if self.engine.skipped:
            self.notices.append(f"{len(self.engine.skipped)} rule(s) need a parser and are off with the "
                                f"{pipeline.name} pipeline: " + ", ".join(r.id for r in self.engine.skipped))

    @property
    def rules(self):
        return [s for s in self.specs if not s.is_detector]

    def parse(self, drafts: Iterable[Draft]) -> Iterator[tuple[Draft, object, object | None]]:
        """(draft, reply Doc, customer Doc or None) for each draft, parsed in batches with ``nlp.pipe``.

        Customer messages only feed detectors; unless one of those needs the parse, they skip the parser.
        """
        nlp = self.pipeline.nlp
        limit = nlp.max_length
        for chunk in _chunks(drafts, CHUNK):
            for draft in chunk:
                if len(draft.text) > limit:
                    raise ReplylintError(f"draft {draft.id!r} is too long ({len(draft.text):,} characters; "
                                         f"the limit is {limit:,})", path=draft.path)
            customers: dict[int, object] = {}
            if self.engine.needs_customer:
                wanted = [i for i, d in enumerate(chunk) if d.customer and d.customer.strip()]
                texts = [normalise(chunk[i].customer) for i in wanted]
                if self.engine.customer_needs_parser:
                    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
                else:
                    with self.pipeline.without_parser() as light:
                        docs = list(light.pipe(texts, batch_size=BATCH_SIZE))
                customers = dict(zip(wanted, docs))
            replies = nlp.pipe((d.analysis_text for d in chunk), batch_size=BATCH_SIZE)
            for i, (draft, doc) in enumerate(zip(chunk, replies)):
                yield draft, doc, customers.get(i)

    def result(self, draft: Draft, findings: list[Finding], signals: list[Signal] = ()) -> LintResult:
        findings = filters.ordered(filters.dedupe(filters.select(findings, self.select, self.ignore)))
        bonus = scoring.bonus(signals, self.bonuses)
        total, per_category = scoring.score(findings, bonus)
        return LintResult(draft=draft, findings=findings, score=total, category_scores=per_category,
                          signals=list(signals))

    def check(self, drafts: Iterable[Draft]) -> Report:
        results = [self.result(draft, *self.engine.analyse(draft, doc, cdoc)) for draft, doc, cdoc in self.parse(drafts)]
        return Report(results=results, notices=list(self.notices), rules=list(self.engine.rules))

    def lint(self, text: str, customer: str | None = None, *, path: str = "<text>") -> LintResult:
        return self.check([Draft.from_text(text, path=path, customer=customer)]).results[0]


def active_specs(specs: list[Spec], select: tuple[str, ...], ignore: tuple[str, ...]) -> list[Spec]:
    """The selected rules and the detectors they refer to."""
    rules = [s for s in specs if not s.is_detector and filters.selected(s.id, s.category, select, ignore)]
    wanted = {ref.name for r in rules for ref in r.refs}
    return [s for s in specs if s.is_detector and (s.id in wanted or s.signal)] + rules


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_default: Linter | None = None


def lint(text: str, customer: str | None = None) -> LintResult:
    """Lint one reply (optionally with the customer's message it answers) with the built-in rules."""
    global _default
    if _default is None:
        _default = Linter()
    return _default.lint(text, customer)
