"""Compiling phrase, token and dependency specs into shared spaCy matchers, and running them over a Doc."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher

from ..draft import normalise
from ..errors import ReplylintError
from .spec import Spec

ATTRS = {"norm": "NORM", "lower": "LOWER", "lemma": "LEMMA"}
HIT, UNLESS = "hit", "unless"


def _upper_keys(pattern: list) -> list:
    return [{str(k).upper(): v for k, v in tok.items()} for tok in pattern]


def _dep_pattern(pattern: list) -> list:
    out = []
    for node in pattern:
        node = {str(k).upper(): v for k, v in node.items()}
        if "RIGHT_ATTRS" in node and isinstance(node["RIGHT_ATTRS"], dict):
            node["RIGHT_ATTRS"] = {str(k).upper(): v for k, v in node["RIGHT_ATTRS"].items()}
        out.append(node)
    return out


class MatcherSet:
    """All matchable specs in three matchers; ``run`` returns token spans keyed by (spec key, role)."""

    def __init__(self, nlp, specs: Iterable[Spec]):
        self.nlp = nlp
        vocab = nlp.vocab
        self.phrase = {attr: PhraseMatcher(vocab, attr=name) for attr, name in ATTRS.items()}
        self.tokens = Matcher(vocab, validate=True)
        self.deps = DependencyMatcher(vocab, validate=True)
        self.dep_highlight: dict[str, tuple[int, ...] | None] = {}
        lemma_phrases: dict[str, list[str]] = defaultdict(list)
        for spec in specs:
            key = spec_key(spec)
            if spec.kind == "phrase":
                if spec.attr == "lemma":
                    lemma_phrases[f"{key}|{HIT}"].extend(spec.phrases)
                else:
                    self._add_phrases(spec, f"{key}|{HIT}", spec.phrases, spec.attr)
            elif spec.kind == "pattern":
                self._add_tokens(spec, f"{key}|{HIT}", spec.patterns)
            elif spec.kind == "dependency":
                for i, pattern in enumerate(spec.patterns):
                    self._add_dependency(spec, f"{key}|{HIT}|{i}", pattern)
            unless_phrases = [u for u in spec.unless if isinstance(u, str)]
            unless_patterns = [u for u in spec.unless if isinstance(u, list)]
            if unless_phrases:
                if spec.attr == "lemma":
                    lemma_phrases[f"{key}|{UNLESS}"].extend(unless_phrases)
                else:
                    self._add_phrases(spec, f"{key}|{UNLESS}", unless_phrases, spec.attr)
            if unless_patterns:
                self._add_tokens(spec, f"{key}|{UNLESS}", unless_patterns)
        if lemma_phrases:
            keys = list(lemma_phrases)
            texts = [normalise(p) for k in keys for p in lemma_phrases[k]]
            docs = iter(nlp.pipe(texts))
            for k in keys:
                self.phrase["lemma"].add(k, [next(docs) for _ in lemma_phrases[k]])

    def _add_phrases(self, spec: Spec, key: str, phrases: Iterable[str], attr: str) -> None:
        self.phrase[attr].add(key, [self.nlp.make_doc(normalise(p)) for p in phrases])

    def _add_tokens(self, spec: Spec, key: str, patterns: Iterable[list]) -> None:
        try:
            self.tokens.add(key, [_upper_keys(p) for p in patterns])
        except Exception as exc:  # spaCy raises ValueError / MatchPatternError with a long report
            raise ReplylintError(f"{_what(spec)} {spec.id!r}: invalid token pattern: {_first_line(exc)}",
                                 path=spec.path, line=spec.line) from None

    def _add_dependency(self, spec: Spec, key: str, pattern: list) -> None:
        pattern = _dep_pattern(pattern)
        try:
            self.deps.add(key, [pattern])
        except Exception as exc:
            raise ReplylintError(f"{_what(spec)} {spec.id!r}: invalid dependency pattern: {_first_line(exc)}",
                                 path=spec.path, line=spec.line) from None
        ids = [node.get("RIGHT_ID") for node in pattern]
        if spec.highlight:
            unknown = [h for h in spec.highlight if h not in ids]
            if unknown:
                raise ReplylintError(f"{_what(spec)} {spec.id!r}: highlight names unknown node {unknown[0]!r}",
                                     path=spec.path, line=spec.line)
            self.dep_highlight[key] = tuple(ids.index(h) for h in spec.highlight)
        else:
            self.dep_highlight[key] = None

    def run(self, doc) -> dict[tuple[str, str], list[tuple[int, int]]]:
        strings = doc.vocab.strings
        found: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        for matcher in self.phrase.values():
            if len(matcher):
                for match_id, start, end in matcher(doc):
                    key, role = strings[match_id].split("|")[:2]
                    found[(key, role)].append((start, end))
        if len(self.tokens):
            for match_id, start, end in self.tokens(doc):
                key, role = strings[match_id].split("|")[:2]
                found[(key, role)].append((start, end))
        if len(self.deps) and doc.has_annotation("DEP"):
            for match_id, token_ids in self.deps(doc):
                full = strings[match_id]
                key, role = full.split("|")[:2]
                chosen = self.dep_highlight.get(full)
                ids = [token_ids[i] for i in chosen] if chosen else token_ids
                found[(key, role)].append((min(ids), max(ids) + 1))
        return found


def spec_key(spec: Spec) -> str:
    return ("d:" if spec.is_detector else "r:") + spec.id


def _what(spec: Spec) -> str:
    return "detector" if spec.is_detector else "rule"


def _first_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    detail = next((line for line in lines if line.startswith("- ") or "->" in line), None)
    text = lines[0] if lines else type(exc).__name__
    if detail:
        text += " " + detail
    return text[:240]
