"""Compiling phrase, token and dependency specs into shared spaCy matchers, and running them over a Doc."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Iterable

from spacy.attrs import LEMMA, LOWER, NORM, ORTH
from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

from ..draft import normalise
from ..errors import ReplylintError
from .spec import Spec

ATTRS = {"norm": "NORM", "lower": "LOWER", "lemma": "LEMMA", "orth": "ORTH"}
MAX_EXPANSION = 256  # literal token patterns up to this many phrase variants go to the (much cheaper) PhraseMatcher
HIT, UNLESS, UNLESS_DRAFT = "hit", "unless", "unless_draft"
_GUARD_ATTRS = frozenset({"NORM", "LOWER", "ORTH"})
_WORD_ATTRS = {"NORM": NORM, "LOWER": LOWER, "ORTH": ORTH}  # what `required_words` looks at, in to_array order
_DEP_WORD_ATTRS = {**_WORD_ATTRS, "LEMMA": LEMMA}  # dependency nodes often name lemmas; the parse has them


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
    """All matchable specs in shared matchers; ``run`` returns token spans keyed by (spec key, role)."""

    def __init__(self, nlp, specs: Iterable[Spec]):
        self.nlp = nlp
        vocab = nlp.vocab
        self.phrase = {attr: PhraseMatcher(vocab, attr=name) for attr, name in ATTRS.items()}
        self.tokens = AnchoredMatcher(vocab, nlp.Defaults.stop_words)
        self._shared: dict[str, str] = {}
        self._guards: dict[str, tuple[str, frozenset]] = {}
        self._owners: dict[str, list[str]] = {}
        self.deps = AnchoredDependencyMatcher(vocab)
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
            for role, items in ((UNLESS, spec.unless), (UNLESS_DRAFT, spec.unless_draft)):
                unless_phrases = [u for u in items if isinstance(u, str)]
                unless_patterns = [u for u in items if isinstance(u, list)]
                if unless_phrases:
                    if spec.attr == "lemma":
                        lemma_phrases[f"{key}|{role}"].extend(unless_phrases)
                    else:
                        self._add_phrases(spec, f"{key}|{role}", unless_phrases, spec.attr)
                if unless_patterns:
                    self._add_tokens(spec, f"{key}|{role}", unless_patterns)
        if lemma_phrases:
            keys = list(lemma_phrases)
            texts = [normalise(p) for k in keys for p in lemma_phrases[k]]
            docs = iter(nlp.pipe(texts))
            for k in keys:
                self.phrase["lemma"].add(k, [next(docs) for _ in lemma_phrases[k]])

    def _add_phrases(self, spec: Spec, key: str, phrases: Iterable[str], attr: str) -> None:
        self.phrase[attr].add(key, [self.nlp.make_doc(normalise(p)) for p in phrases])

    def _add_tokens(self, spec: Spec, key: str, patterns: Iterable[list]) -> None:
        remaining = []
        for pattern in patterns:
            guard, rest = self._split_guard(_upper_keys(pattern))
            literal = literal_phrases(rest)
            if literal is None:
                remaining.append((guard, rest))
                continue
            attr, phrases = literal
            name = key
            if guard is not None:  # one match key per guarded pattern, so the guard can be looked up by it
                name = f"{key}|g{len(self._guards)}"
                self._guards[name] = guard
            self.phrase[attr].add(name, [Doc(self.nlp.vocab, words=words) for words in phrases])
        for guard, pattern in remaining:  # identical patterns (shared guards) are matched once for all their owners
            pattern = self._normalised(pattern)
            canonical = json.dumps([guard and [guard[0], sorted(guard[1])], pattern], sort_keys=True)
            shared = self._shared.get(canonical)
            if shared is None:
                shared = self._shared[canonical] = f"tok{len(self._shared)}"
                if guard is not None:
                    self._guards[shared] = guard
                try:
                    self.tokens.add(shared, pattern)
                except Exception:  # spaCy raises ValueError / MatchPatternError with a long report
                    raise self._pattern_error(spec, pattern, guard) from None
            owners = self._owners.setdefault(shared, [])
            if key not in owners:
                owners.append(key)

    def _pattern_error(self, spec: Spec, pattern: list[dict], guard) -> ReplylintError:
        """The one-line error for an invalid token pattern, with token positions as the rule file has them."""
        full = ([{guard[0]: {"NOT_IN": sorted(guard[1])}}] if guard else []) + pattern
        try:
            Matcher(self.nlp.vocab, validate=True).add(spec.id, [full])
            detail = "spaCy rejected it"
        except Exception as exc:  # noqa: BLE001 - spaCy's own message says what is wrong
            detail = _first_line(exc)
        return ReplylintError(f"{_what(spec)} {spec.id!r}: invalid token pattern: {detail}", path=spec.path,
                              line=spec.line)

    def _split_guard(self, pattern: list[dict]) -> tuple[tuple[str, frozenset] | None, list[dict]]:
        """A leading ``{NORM: {NOT_IN: [...]}}`` token (or LOWER / ORTH) as a guard on the previous token.

        Such a token matches almost every word, so the Matcher would try the pattern at every position; matching
        the rest (often literal, so in the PhraseMatcher) and checking the word before, if there is one, is far
        cheaper. Unlike the plain Matcher, the rest also matches at the very start of the text.
        """
        if len(pattern) < 2 or len(pattern[0]) != 1 or all(t.get("OP") in ("?", "*") for t in pattern[1:]):
            return None, pattern  # (with nothing required after it, the guard token is the whole match)
        ((attr, value),) = pattern[0].items()
        if (attr not in _GUARD_ATTRS or not isinstance(value, dict) or set(value) != {"NOT_IN"}
                or not all(isinstance(v, str) for v in value["NOT_IN"])):
            return None, pattern
        words = value["NOT_IN"]
        if attr == "NORM":
            words = self._normalised([{"NORM": {"NOT_IN": words}}])[0]["NORM"]["NOT_IN"]
        return (attr, frozenset(words)), pattern[1:]

    def _guarded(self, name: str, doc, start: int, end: int) -> tuple[int, int] | None:
        """The match span, or None when the word before it is one the guard excludes.

        The guard word is context, not part of the match: "Fantastic." after "My parcel never arrived." matches in
        its own sentence, and a finding's text starts at "Simply", not at the full stop before it.
        """
        guard = self._guards.get(name)
        if guard is None or start == 0:  # at the very start there is no word before to exclude
            return start, end
        attr, excluded = guard
        before = doc[start - 1]
        value = before.norm_ if attr == "NORM" else before.lower_ if attr == "LOWER" else before.text
        return None if value in excluded else (start, end)

    def _normalised(self, pattern: list[dict]) -> list[dict]:
        """NORM values as the tokens will carry them: "apologise" is matched as its norm "apologize"."""
        vocab = self.nlp.vocab

        def norm(value):
            if isinstance(value, str):
                return vocab[value].norm_ if " " not in value else value
            if isinstance(value, dict):
                return {op: [norm(v) for v in vs] if op in ("IN", "NOT_IN") and isinstance(vs, list) else vs
                        for op, vs in value.items()}
            return value

        return [{k: norm(v) if k == "NORM" else v for k, v in token.items()} for token in pattern]

    def _add_dependency(self, spec: Spec, key: str, pattern: list) -> None:
        pattern = _dep_pattern(pattern)
        try:
            self.deps.add(key, pattern)
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
        guards = self._guards
        for matcher in self.phrase.values():
            if len(matcher):
                for match_id, start, end in matcher(doc):
                    name = strings[match_id]
                    span = self._guarded(name, doc, start, end) if guards else (start, end)
                    if span is not None:
                        key, role = name.split("|")[:2]
                        found[(key, role)].append(span)
        for match_id, start, end in self.tokens(doc):
            name = strings[match_id]
            span = self._guarded(name, doc, start, end) if guards else (start, end)
            if span is None:
                continue
            for owner in self._owners[name]:
                key, role = owner.split("|")[:2]
                found[(key, role)].append(span)
        if len(self.deps) and doc.has_annotation("DEP"):
            for match_id, token_ids in self.deps(doc):
                full = strings[match_id]
                key, role = full.split("|")[:2]
                chosen = self.dep_highlight.get(full)
                ids = [token_ids[i] for i in chosen] if chosen else token_ids
                found[(key, role)].append((min(ids), max(ids) + 1))
        return found


class AnchoredMatcher:
    """Token patterns in small Matchers, each tried only on the Docs that have the words its patterns require.

    spaCy's Matcher tries every pattern at every token and checks ``IN`` / ``REGEX`` constraints in Python, so
    one Matcher over hundreds of patterns is slow; yet most patterns need words that most texts lack. Patterns
    with the same `required_words` share a Matcher, which runs only when the Doc has a word of each pair; patterns
    that require no word share one that runs on every Doc. To find the Matchers worth checking without looking at
    each, every Matcher is indexed under one pair, the one with the fewest stop words (the rarest, as a rule).
    A pattern's matches don't depend on the other patterns in its Matcher, so these are the matches one Matcher
    over all the patterns finds, in another fixed order: Matcher by Matcher as they were made, each in spaCy's.
    """

    def __init__(self, vocab, stop_words: Iterable[str]):
        self.vocab = vocab
        self._stop_words = frozenset(stop_words)
        self._matchers: dict[tuple[tuple[str, frozenset], ...], Matcher] = {}
        self._index: tuple | None = None  # built on the first call, after the last `add`

    def __len__(self) -> int:
        return sum(len(matcher) for matcher in self._matchers.values())

    def add(self, key: str, pattern: list[dict]) -> None:
        """Add one pattern under ``key`` (spaCy raises its own error for an invalid pattern)."""
        words = required_words(pattern)
        matcher = self._matchers.get(words) or Matcher(self.vocab, validate=True)
        matcher.add(key, [pattern])
        self._matchers[words] = matcher
        self._index = None

    def _build_index(self) -> tuple:
        """The Matchers with their required words as hashes by to_array column, the Matchers under each column's
        word hashes, and those that require nothing."""
        columns = {attr: i for i, attr in enumerate(_WORD_ATTRS)}
        matchers, by_word, always = [], [defaultdict(list) for _ in columns], []
        for n, (words, matcher) in enumerate(self._matchers.items()):
            matchers.append((_hashed(words, _WORD_ATTRS), matcher))
            if not words:
                always.append(n)
                continue
            attr, values = min(words, key=lambda pair: (sum(w.lower() in self._stop_words for w in pair[1]),
                                                        len(pair[1])))
            for value in values:
                by_word[columns[attr]][get_string_id(value)].append(n)
        return matchers, [dict(index) for index in by_word], always

    def __call__(self, doc) -> list[tuple[int, int, int]]:
        if not self._matchers:
            return []
        if self._index is None:
            self._index = self._build_index()
        matchers, by_word, always = self._index
        present = _present_words(doc, _WORD_ATTRS)
        candidates = set(always)
        for words, index in zip(present, by_word):
            for word in words & index.keys():
                candidates.update(index[word])
        matches = []
        for n in sorted(candidates):
            required, matcher = matchers[n]
            if all(not hashes.isdisjoint(present[column]) for column, hashes in required):
                matches.extend(matcher(doc))
        return matches


class AnchoredDependencyMatcher:
    """Dependency patterns in small DependencyMatchers, each run only on the Docs that have the words its nodes
    require (the same idea as `AnchoredMatcher`, with lemmas too).

    spaCy's DependencyMatcher first looks for every node of every pattern at every token, so a node as broad as
    "any verb" costs on every Doc; most patterns, though, name a word ("responsible", a lemma of "want") that most
    Docs lack. Patterns with the same required words share a matcher. The matches are those of one
    DependencyMatcher over all the patterns, matcher by matcher in the order they were made.
    """

    def __init__(self, vocab):
        self.vocab = vocab
        self._matchers: dict[tuple[tuple[str, frozenset], ...], DependencyMatcher] = {}
        self._hashed: list | None = None  # built on the first call, after the last `add`

    def __len__(self) -> int:
        return sum(len(matcher) for matcher in self._matchers.values())

    def add(self, key: str, pattern: list[dict]) -> None:
        """Add one pattern under ``key`` (spaCy raises its own error for an invalid pattern)."""
        words = required_words([node.get("RIGHT_ATTRS") or {} for node in pattern], _DEP_WORD_ATTRS)
        matcher = self._matchers.get(words) or DependencyMatcher(self.vocab, validate=True)
        matcher.add(key, [pattern])
        self._matchers[words] = matcher
        self._hashed = None

    def __call__(self, doc) -> list[tuple[int, list[int]]]:
        if self._hashed is None:
            self._hashed = [(_hashed(words, _DEP_WORD_ATTRS), matcher) for words, matcher in self._matchers.items()]
        present = _present_words(doc, _DEP_WORD_ATTRS)
        matches = []
        for required, matcher in self._hashed:
            if all(not hashes.isdisjoint(present[column]) for column, hashes in required):
                matches.extend(matcher(doc))
        return matches


def _hashed(words: tuple[tuple[str, frozenset], ...], attrs: dict) -> list[tuple[int, frozenset]]:
    """`required_words` pairs as (column of ``attrs`` in `_present_words`, word hashes)."""
    columns = {attr: i for i, attr in enumerate(attrs)}
    return [(columns[attr], frozenset(map(get_string_id, values))) for attr, values in words]


def _present_words(doc, attrs: dict) -> list[set[int]]:
    """For each attribute of ``attrs``, the hashes of its values over the Doc's tokens (one to_array call)."""
    values = doc.to_array(list(attrs.values()))
    return [set(values[:, column].tolist()) for column in range(len(attrs))]


def required_words(pattern: list[dict], attrs=_WORD_ATTRS) -> tuple[tuple[str, frozenset], ...]:
    """The words a Doc must contain for ``pattern`` to match in it, as sorted (attr, words) pairs.

    Each required token (no ``OP``, or ``"1"``, ``"+"`` or a quantifier ``{n}``, ``{n,m}``, ``{n,}`` with n >= 1;
    not ``"?"``, ``"*"``, ``"!"``, ``{0,m}`` or ``{,m}``) whose NORM, LOWER or ORTH is a string or has an ``IN``
    list of strings gives a pair: every match has a token whose ``norm_``, ``lower_`` or ``text`` is one of the
    words. A pattern with no such token gives ``()``: it can match in any Doc. NORM values must already be
    normalised as the tokens carry them (`MatcherSet._normalised`). ``attrs`` names the attributes looked at
    (dependency nodes add LEMMA).
    """
    pairs = set()
    for token in pattern:
        op = token.get("OP")
        if isinstance(op, str) and op.startswith("{") and op.endswith("}"):
            least = op[1:-1].split(",")[0]
            required = least.isdecimal() and int(least) >= 1
        else:
            required = op in (None, "1", "+")
        if not required:
            continue
        for attr in attrs:
            value = token.get(attr)
            words = value.get("IN") if isinstance(value, dict) else [value]
            if isinstance(words, list) and all(isinstance(w, str) for w in words):
                pairs.add((attr, frozenset(words)))
    return tuple(sorted(pairs, key=lambda pair: (pair[0], sorted(pair[1]))))


def literal_phrases(pattern: list[dict]) -> tuple[str, list[list[str]]] | None:
    """The phrases a token pattern stands for, when it is literal: every token one of ORTH, LOWER or NORM with a
    string or an ``IN`` list, optionally ``OP: "?"``, all on the same attribute (LOWER and NORM can't mix: a
    contraction's pieces carry norms of their own, "did" in "didn't" has NORM "do"). Returns (attr, word lists) or None when the pattern must stay a token pattern."""
    choices: list[list[str | None]] = []
    attrs: set[str] = set()
    for token in pattern:
        op = token.get("OP")
        keys = set(token) - {"OP"}
        if op not in (None, "?") or len(keys) != 1:
            return None
        (attr,) = keys
        value = token[attr]
        if attr not in ("ORTH", "LOWER", "NORM"):
            return None
        if isinstance(value, dict):
            if set(value) != {"IN"} or not all(isinstance(v, str) for v in value["IN"]):
                return None
            words = list(value["IN"])
        elif isinstance(value, str):
            words = [value]
        else:
            return None
        if any(not w or " " in w for w in words):
            return None
        attrs.add(attr)
        choices.append(words + ([None] if op == "?" else []))
    if len(attrs) != 1:
        return None
    total = 1
    for c in choices:
        total *= len(c)
    if total > MAX_EXPANSION:
        return None
    phrases = [[w for w in combo if w is not None] for combo in itertools.product(*choices)]
    return attrs.pop().lower(), [p for p in phrases if p]


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
