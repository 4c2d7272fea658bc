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
from .config import Config
from .draft import Draft, normalise
from .engine import RuleEngine, Spec, builtin_rules_dir, load_specs
from .errors import ReplylintError
from .finding import Finding, Signal
from .pipeline import BATCH_SIZE, load_pipeline
from .suppressions import DirectiveProblem, Suppression, apply_suppressions, find_malformed, parse_suppressions

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
    unused_suppressions: list[tuple[str, Suppression]] = field(default_factory=list)  # (path, suppression)
    directive_problems: list[tuple[str, DirectiveProblem]] = field(default_factory=list)  # malformed comments

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]


class Linter:
    """Loads the rules and the spaCy pipeline once; lints any number of drafts."""

    def __init__(self, *, model: str = "auto", rules: Iterable[str | Path] = (), builtin: bool = True,
                 select: Iterable[str] = (), ignore: Iterable[str] = (), config: Config | None = None,
                 jobs: int = 1):
        """``config`` adds per-file settings, per-macro disables and inline suppressions (see config.py); its
        widest selection decides which rules run when ``select``/``ignore`` are not given."""
        self.config = config
        self.jobs = max(1, jobs)
        if config is not None and not select and not ignore:
            select, ignore = config.widest_selection()
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

    def _pipe(self, nlp, texts: list[str]):
        """``nlp.pipe`` in batches; with ``jobs`` > 1 and enough texts, in that many processes."""
        if self.jobs > 1 and len(texts) >= 2 * BATCH_SIZE:
            return nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=self.jobs)
        return nlp.pipe(texts, batch_size=BATCH_SIZE)

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
                    docs = list(self._pipe(nlp, texts))
                else:
                    with self.pipeline.without_parser() as light:
                        docs = list(self._pipe(light, texts))
                customers = dict(zip(wanted, docs))
            replies = self._pipe(nlp, [d.analysis_text for d in chunk])
            for i, (draft, doc) in enumerate(zip(chunk, replies)):
                yield draft, doc, customers.get(i)

    def result(self, draft: Draft, findings: list[Finding], signals: list[Signal] = ()) -> LintResult:
        """Score one draft's findings (already through the filter chain)."""
        findings = filters.ordered(findings)
        bonus = scoring.bonus(signals, self.bonuses)
        total, per_category = scoring.score(findings, bonus)
        return LintResult(draft=draft, findings=findings, score=total, category_scores=per_category,
                          signals=list(signals))

    def _filter(self, draft: Draft, findings: list[Finding]) -> list[Finding]:
        """Selection, per-file settings and per-macro disables from the configuration, de-duplication."""
        findings = filters.dedupe(filters.select(findings, self.select, self.ignore))
        if self.config is not None:
            if not draft.path.startswith("<"):
                findings = self.config.for_file(draft.path).apply(findings)
            disabled = self.config.macro_ignores(draft.name)
            if disabled:
                findings = [f for f in findings if not filters.matches(f.rule, f.category, disabled)]
        return findings

    def check(self, drafts: Iterable[Draft]) -> Report:
        """Lint drafts: parse, run the rules, filter, apply each file's inline suppressions, score."""
        analysed = [(draft, self._filter(draft, findings), signals)
                    for draft, doc, cdoc in self.parse(drafts)
                    for findings, signals in [self.engine.analyse(draft, doc, cdoc)]]
        kept, unused, problems = suppress(analysed)
        results = [self.result(draft, kept[i], signals) for i, (draft, _, signals) in enumerate(analysed)]
        return Report(results=results, notices=list(self.notices), rules=list(self.engine.rules),
                      unused_suppressions=unused, directive_problems=problems)

    def lint(self, text: str, customer: str | None = None, *, path: str = "<text>") -> LintResult:
        return self.check([Draft.from_text(text, path=path, customer=customer)]).results[0]


def suppress(analysed: list[tuple[Draft, list[Finding], list[Signal]]]):
    """Apply each source file's inline suppressions to the findings of all its drafts.

    Returns the kept findings per draft (by index), the suppressions that matched nothing, and malformed
    suppression comments, each with its file's path.
    """
    by_file: dict[str, list[int]] = {}
    for i, (draft, _, _) in enumerate(analysed):
        if draft.source_map.source and ("replylint" in draft.source_map.source):
            by_file.setdefault(draft.path, []).append(i)
    kept = {i: findings for i, (_, findings, _) in enumerate(analysed)}
    unused: list[tuple[str, Suppression]] = []
    problems: list[tuple[str, DirectiveProblem]] = []
    for path, indexes in by_file.items():
        source = analysed[indexes[0]][0].source_map.source
        sups = parse_suppressions(source)
        problems.extend((path, p) for p in find_malformed(source))
        if not sups:
            continue
        together = [f for i in indexes for f in kept[i]]
        remaining, unused_here = apply_suppressions(together, sups)
        survivors = set(map(id, remaining))
        for i in indexes:
            kept[i] = [f for f in kept[i] if id(f) in survivors]
        unused.extend((path, s) for s in unused_here)
    return kept, unused, problems


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
