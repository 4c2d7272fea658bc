"""Evaluating compiled rules over a parsed draft (and the customer's message) to produce Findings."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from ..draft import Draft
from ..finding import Finding, Signal
from .matchers import HIT, UNLESS, UNLESS_DRAFT, MatcherSet, spec_key
from .spec import Ref, Spec

Span = tuple[int, int]  # token offsets [start, end)


class RuleEngine:
    """Rules and detectors compiled for one spaCy pipeline.

    Rules that need a parser are left out (``skipped``) when the pipeline has none.
    """

    def __init__(self, specs: Iterable[Spec], nlp, *, has_parser: bool):
        specs = list(specs)
        self.nlp = nlp
        self.has_parser = has_parser
        self.detectors = {s.id: s for s in specs if s.is_detector and (has_parser or not s.needs_parser)}
        rules = [s for s in specs if not s.is_detector]
        self.rules = [r for r in rules if has_parser or not r.needs_parser]
        self.skipped = [r for r in rules if not has_parser and r.needs_parser]
        self.matchers = MatcherSet(nlp, [*self.detectors.values(), *self.rules])
        customer_refs = {ref.name for r in self.rules for ref in r.refs if ref.where != "reply"}
        self.customer_detectors = {n: self.detectors[n] for n in sorted(customer_refs) if n in self.detectors}
        self.needs_customer = bool(customer_refs) or any(
            r.kind == "metric" and r.metric in ("customer_overlap", "specifics") or r.specific_severity for r in self.rules)
        self.customer_needs_parser = any(d.needs_parser for d in self.customer_detectors.values())
        # the customer's message only feeds the detectors that rules look for there
        self.customer_matchers = MatcherSet(nlp, self.customer_detectors.values()) if customer_refs else None

    # -- spans ---------------------------------------------------------------------------------------------
    def _hits(self, spec: Spec, found, units: _Units) -> list[Span]:
        key = spec_key(spec)
        hits = found.get((key, HIT), [])
        if not hits:
            return []
        if found.get((key, UNLESS_DRAFT)):
            return []  # an `unless_draft` antipattern anywhere in the text cancels every match
        blockers = found.get((key, UNLESS), [])
        if blockers:
            if spec.unless_scope == "draft":
                return []
            if spec.unless_scope == "clause":
                # a blocker cancels hits in its own clause; a hit belongs to the clause of its last token, so
                # "love the app, even though it crashes" is cut at "though" and the complaint stands
                clause_of = units.clause
                blocked = {clause_of[s] for s, _ in blockers}
                hits = [h for h in hits if clause_of[h[1] - 1] not in blocked]
            else:
                sent_of = units.sentence
                blocked = {sent_of[s] for s, _ in blockers}
                hits = [h for h in hits if sent_of[h[0]] not in blocked]
        return _disjoint(hits)

    def detect(self, doc, names: Iterable[str] | None = None) -> dict[str, list[Span]]:
        """Detector hits in ``doc`` (all detectors, or only ``names``)."""
        found = self.matchers.run(doc)
        units = _Units(doc)
        wanted = self.detectors if names is None else {n: self.detectors[n] for n in names if n in self.detectors}
        return {name: hits for name, spec in wanted.items() if (hits := self._hits(spec, found, units))}

    # -- rules ---------------------------------------------------------------------------------------------
    def check(self, draft: Draft, doc, customer_doc=None, rules: Iterable[Spec] | None = None) -> list[Finding]:
        """All findings of ``rules`` (default: every active rule) in one parsed draft."""
        return self.analyse(draft, doc, customer_doc, rules)[0]

    def analyse(self, draft: Draft, doc, customer_doc=None,
                rules: Iterable[Spec] | None = None) -> tuple[list[Finding], list[Signal]]:
        """Findings of ``rules`` (default: every active rule) and the positive signals in one parsed draft."""
        if not draft.analysis_text.strip():
            return [], []
        found = self.matchers.run(doc)
        units = _Units(doc)
        reply_signals = {name: hits for name, spec in self.detectors.items()
                         if (hits := self._hits(spec, found, units))}
        customer_signals = {}
        if customer_doc is not None and self.customer_matchers is not None:
            found_c = self.customer_matchers.run(customer_doc)
            units_c = _Units(customer_doc)
            customer_signals = {name: hits for name, spec in self.customer_detectors.items()
                                if (hits := self._hits(spec, found_c, units_c))}
        findings: list[Finding] = []
        for rule in self.rules if rules is None else rules:
            if rule.kind in ("phrase", "pattern", "dependency"):
                spans = [(doc[s].idx, _end_char(doc, e), None) for s, e in self._hits(rule, found, units)]
            elif rule.kind == "require":
                spans = _require(rule, doc, customer_doc, reply_signals, customer_signals)
            elif rule.kind == "placeholder":
                spans = [(s, e, None) for s, e in _placeholders(rule, draft)]
            else:
                spans = [(s, e, None) for s, e in _metric(rule, doc, draft.analysis_text, customer_doc)]
            severity = rule.severity
            if rule.specific_severity and spans and _is_specific(doc, customer_doc):
                severity = rule.specific_severity
            findings.extend(_finding(rule, draft, start, end, why, severity) for start, end, why in spans)
        return findings, self._signals(draft, doc, reply_signals)

    def _signals(self, draft: Draft, doc, reply_signals: dict[str, list[Span]]) -> list[Signal]:
        """Positive signals: detectors marked ``signal``, and a name placeholder as personalisation."""
        spans: list[tuple[str, int, int]] = []
        for name, hits in reply_signals.items():
            signal = self.detectors[name].signal
            if signal:
                spans.extend((signal, doc[s].idx, _end_char(doc, e)) for s, e in hits)
        spans.extend(("personalization", p.start, p.end) for p in draft.placeholders if p.kind == "name")
        signals = []
        for name, start, end in sorted(set(spans), key=lambda x: (x[1], x[0], x[2])):
            line, column, _, _ = draft.source_map.span(start, end)
            signals.append(Signal(name=name, line=line, column=column, text=draft.text[start:end], start=start,
                                  end=end))
        return signals


# Words that turn a sentence: what follows them is a new clause for `unless_scope: clause`.
CONTRAST = frozenset({"but", "however", "although", "though", "tho", "except", "shame", "unfortunately", "sadly"})


class _Units:
    """For each token of a Doc, the first token of its sentence and (computed once, when asked) of its clause:
    the sentence cut before each contrast word."""

    def __init__(self, doc):
        self.doc = doc
        self.sentence = [0] * (len(doc) + 1)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sentence[i] = sent.start

    @functools.cached_property
    def clause(self) -> list[int]:
        clause_of = [0] * (len(self.doc) + 1)
        start = 0
        for token in self.doc:
            if token.is_sent_start or token.lower_ in CONTRAST:
                start = token.i
            clause_of[token.i] = start
        return clause_of


def _disjoint(spans: list[Span]) -> list[Span]:
    """Sorted spans with overlaps removed, preferring the earlier and then the longer one."""
    out: list[Span] = []
    for start, end in sorted(set(spans), key=lambda s: (s[0], -s[1])):
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out


def _end_char(doc, end: int) -> int:
    token = doc[end - 1]
    return token.idx + len(token.text)


def _first_sentence(doc) -> tuple[int, int]:
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            return words[0].idx, _end_char(doc, words[-1].i + 1)
    return 0, 0


def _present(ref: Ref, reply: dict, customer: dict) -> tuple[str, list[Span]] | None:
    """Where the referenced detector fired ("reply" or "customer") and its token spans there, or None."""
    if ref.where in ("reply", "any") and reply.get(ref.name):
        return "reply", reply[ref.name]
    if ref.where in ("customer", "any") and customer.get(ref.name):
        return "customer", customer[ref.name]
    return None


def _require(rule: Spec, doc, customer_doc, reply: dict, customer: dict) -> list[tuple[int, int, str | None]]:
    """Where a require rule fires, with its trigger: the matched words, or the customer's sentence."""
    found = next((hit for ref in rule.trigger if (hit := _present(ref, reply, customer)) is not None), None)
    if found is None:
        return []
    if rule.min is not None and len(_disjoint([s for ref in rule.trigger for s in reply.get(ref.name, [])
                                                if ref.where in ("reply", "any")])) < rule.min:
        return []  # `min`: the trigger must be found that many times in the reply ("several offers at once")
    if any(_present(ref, reply, customer) is None for ref in rule.when):
        return []
    if any(_present(ref, reply, customer) is not None for ref in rule.require_any):
        return []
    where, spans = found
    start, end = spans[0]
    if where == "reply":
        return [(doc[start].idx, _end_char(doc, end), doc[start:end].text)]
    sentence = customer_doc[start].sent if customer_doc is not None else None
    why = " ".join(sentence.text.split()) if sentence is not None else None
    first_start, first_end = _first_sentence(doc)
    return [(first_start, first_end, f"the customer wrote: {why}" if why else None)]


# Template syntaxes in which a variable can carry a fallback; a hand-filled blank ([Customer Name], {name}) can't.
FALLBACK_SYNTAXES = frozenset({"liquid", "handlebars", "jinja", "helpscout", "intercom", "mailchimp"})


def _placeholders(rule: Spec, draft: Draft) -> list[tuple[int, int]]:
    if draft.mode not in rule.modes:
        return []
    return [(p.start, p.end) for p in draft.placeholders
            if p.kind != "tag" and (not rule.placeholder_kinds or p.kind in rule.placeholder_kinds)
            and (rule.check == "unfilled" or (p.fallback is None and p.syntax in FALLBACK_SYNTAXES))]


_CAPS = re.compile(r"\b[A-Z]{3,}\b")


# Words that say nothing about the customer's case, whatever the reply: they never count as engagement.
STOCK_WORDS = frozenset("""
thank thanks help sorry apologize apologise apology please contact reach hear know let team customer service
issue problem experience feedback message inconvenience concern question query information detail details look
touch assist assistance support time day today kind regard regards hello dear understand appreciate patience
email mail dm follow account hi hey oh ok okay hmm sounds glad hope great wonderful awesome welcome cheers
yikes congratulations apologies best wishes warm warmest sincerely yours truly care success merry christmas
holidays desk
""".split())
SPECIFIC_MIN = 2


def _base(token) -> str:
    return (token.lemma_ or token.lower_).lower()


def _content_tokens(doc) -> list:
    return [t for t in doc if t.is_alpha and len(t) > 2 and not t.is_stop and _base(t) not in STOCK_WORDS
            and t.lower_ not in STOCK_WORDS]


def _overlap(doc, customer_doc) -> list:
    """Reply content words whose lemma (or form) also occurs in the customer's message."""
    if customer_doc is None:
        return []
    theirs = {w for t in _content_tokens(customer_doc) for w in (_base(t), t.lower_)}
    return [t for t in _content_tokens(doc) if _base(t) in theirs or t.lower_ in theirs]


def _is_name(token, tagged: bool) -> bool:
    """A proper name inside a sentence: tagged PROPN, or (without a tagger) a capitalised word that is not a stop
    word or a stock word ("Hi, Ray", "at JFK", but not "Thanks" or "We")."""
    if not token.is_alpha or token.is_sent_start or token.lower_ in STOCK_WORDS:
        return False
    if tagged:
        return token.pos_ == "PROPN"
    # the first word of a sentence is capitalised anyway, also after a handle or placeholder ("@ann Hi")
    if not any(t.is_alpha for t in token.doc[token.sent.start:token.i]):
        return False
    return ((token.is_title or (token.is_upper and len(token) > 1)) and not token.is_stop
            and _base(token) not in STOCK_WORDS)


def _specifics(doc, customer_doc) -> list:
    """What makes a reply about this case: words shared with the customer's message, numbers, names."""
    shared = {t.i for t in _overlap(doc, customer_doc)}
    tagged = doc.has_annotation("TAG")
    for t in doc:
        if any(c.isdigit() for c in t.text) or _is_name(t, tagged):
            shared.add(t.i)
    return [doc[i] for i in sorted(shared)]


def _is_specific(doc, customer_doc) -> bool:
    return len(_specifics(doc, customer_doc)) >= SPECIFIC_MIN


def _metric(rule: Spec, doc, text: str, customer_doc=None) -> list[tuple[int, int]]:
    """Char span where a count first passes ``max``, or of the first sentence when it stays under ``min``."""
    if rule.metric in ("customer_overlap", "specifics"):
        if rule.metric == "customer_overlap" and customer_doc is None:
            return []
        tokens = _overlap(doc, customer_doc) if rule.metric == "customer_overlap" else _specifics(doc, customer_doc)
        items = [(t.idx, t.idx + len(t.text)) for t in tokens]
    elif rule.metric in ("exclamations", "questions", "caps_words"):
        if rule.metric == "caps_words":
            items = [(m.start(), m.end()) for m in _CAPS.finditer(text)]
        else:
            char = "!" if rule.metric == "exclamations" else "?"
            items = [(i, i + 1) for i, c in enumerate(text) if c == char]
    elif rule.metric == "words":
        items = [(t.idx, t.idx + len(t.text)) for t in doc if t.is_alpha or t.like_num]
    else:
        items = []
        for sent in doc.sents:
            words = [t for t in sent if not (t.is_space or t.is_punct)]
            if words:
                items.append((words[0].idx, _end_char(doc, words[-1].i + 1)))
    if rule.max is not None and len(items) > rule.max:
        return [items[rule.max]]
    if rule.min is not None and len(items) < rule.min:
        return [_first_sentence(doc)]
    return []


def _finding(rule: Spec, draft: Draft, start: int, end: int, trigger: str | None = None,
             severity: str | None = None) -> Finding:
    line, col, end_line, end_col = draft.source_map.span(start, end)
    return Finding(
        path=draft.path, line=line, column=col, end_line=end_line, end_column=end_col,
        rule=rule.id, category=rule.category or "", severity=severity or rule.severity, message=rule.message,
        suggestion=rule.suggestion, text=draft.text[start:end], start=start, end=end, draft_id=draft.id,
        macro=draft.name, weight=rule.weight, trigger=trigger,
    )
