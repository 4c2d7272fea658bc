"""Literal token patterns are compiled into the PhraseMatcher: that must not change what they match."""

from __future__ import annotations

import pytest
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from replylint.engine import builtin_rules_dir, load_specs
from replylint.engine.matchers import _upper_keys, literal_phrases
from replylint.pipeline import blank_pipeline


@pytest.fixture(scope="module")
def nlp():
    return blank_pipeline()


def test_literal_phrases_expands_in_lists_and_optional_tokens():
    pattern = [{"LOWER": "you"}, {"LOWER": {"IN": ["really", "clearly"]}, "OP": "?"}, {"LOWER": "should"}]
    attr, phrases = literal_phrases(pattern)
    assert attr == "lower"
    assert sorted(phrases) == [["you", "clearly", "should"], ["you", "really", "should"], ["you", "should"]]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "you"}, {"IS_ALPHA": True}],
    [{"LOWER": {"NOT_IN": ["a"]}}],
    [{"LOWER": "a"}, {"LOWER": "b", "OP": "*"}],
    [{"ORTH": "Simply"}, {"LOWER": "click"}],
    [{"LOWER": "you"}, {"LOWER": {"IN": ["did", "had"]}}, {"NORM": "not"}],
    [{"LOWER": {"IN": [f"w{i}" for i in range(20)]}}] * 2,
])
def test_non_literal_or_huge_patterns_stay_token_patterns(pattern):
    assert literal_phrases(pattern) is None


def _texts():
    specs = load_specs([builtin_rules_dir()])
    texts = [e.text for s in specs for e in (*s.flag_examples, *s.pass_examples)]
    patterns = [p for s in specs for p in (list(s.patterns) if s.kind == "pattern" else [])
                + [u for u in s.unless if isinstance(u, list)]]
    return texts, patterns


def test_expanded_patterns_match_exactly_what_the_token_matcher_matches(nlp):
    texts, patterns = _texts()
    docs = list(nlp.pipe(texts))
    checked = 0
    for i, pattern in enumerate(patterns):
        pattern = _upper_keys(pattern)
        literal = literal_phrases(pattern)
        if literal is None:
            continue
        attr, phrases = literal
        matcher = Matcher(nlp.vocab)
        matcher.add("p", [pattern])
        phrase_matcher = PhraseMatcher(nlp.vocab, attr=attr.upper())
        phrase_matcher.add("p", [Doc(nlp.vocab, words=w) for w in phrases])
        positives = [nlp(" ".join(w) + " .") for w in phrases[:5]]
        # A NORM word with a spelling variant ("cancellation" -> "cancelation") matches the token pattern only
        # in that spelling but the phrase in both: the compiled form may match more, never less.
        exact = attr != "norm" or all(nlp.vocab[w].norm_ == w for words in phrases for w in words)
        for doc in docs + positives:
            by_tokens = sorted((s, e) for _, s, e in matcher(doc))
            by_phrase = sorted((s, e) for _, s, e in phrase_matcher(doc))
            if exact:
                assert by_tokens == by_phrase, (pattern, doc.text)
            else:
                assert set(by_tokens) <= set(by_phrase), (pattern, doc.text)
        checked += 1
    assert checked >= 20


def test_norm_values_in_token_patterns_match_spelling_variants(tmp_path):
    from replylint.api import Linter

    rules = tmp_path / "n.yaml"
    rules.write_text(
        "rules:\n  - id: t.x\n    kind: pattern\n    category: generic\n    message: m\n    rationale: r\n"
        "    patterns: [[{NORM: {IN: [apologise]}}, {LOWER: for}, {IS_ALPHA: true, OP: '*'}, {NORM: cancellation}]]\n"
        "    examples: {flag: [a, b], pass: [c, d]}\n")
    linter = Linter(model="blank", rules=[rules], builtin=False)
    found = [f.text for f in linter.lint("We apologise for the cancellation. We apologize for the late cancellation."
                                         ).findings]
    assert found == ["apologise for the cancellation", "apologize for the late cancellation"]


def test_leading_not_in_guards_match_exactly_what_the_token_matcher_matches(nlp):
    from replylint.engine.matchers import MatcherSet
    from replylint.engine.spec import Spec

    texts, patterns = _texts()
    texts += ["I refused to pay.", "They refused to pay.", "refused to pay", "The bus is late.", "It is late."]
    docs = list(nlp.pipe(texts))
    guarded = [p for p in patterns if len(p) > 1 and len(p[0]) == 1
               and isinstance(next(iter(p[0].values())), dict) and set(next(iter(p[0].values()))) == {"NOT_IN"}]
    assert len(guarded) >= 5
    for pattern in guarded:
        spec = Spec(id="t", kind="pattern", path="t.yaml", line=1, patterns=(pattern,))
        compiled = MatcherSet(nlp, [spec])
        assert compiled._guards, pattern  # the leading token became a guard
        plain = Matcher(nlp.vocab)
        plain.add("p", [compiled._normalised(_upper_keys(pattern))])
        for doc in docs:
            # the same matches as the plain Matcher, without the guard word (context, not part of the match)
            # (and also at the very start of the text, where there is no word before to exclude)
            expected = {(s + 1, e) for _, s, e in plain(doc)}
            got = set(compiled.run(doc).get(("r:t", "hit"), []))
            assert {span for span in got if span[0] > 0} == expected, (pattern, doc.text)


def test_a_guarded_antipattern_stays_in_its_own_sentence(tmp_path):
    from replylint.api import Linter

    rules = tmp_path / "g.yaml"
    rules.write_text(
        "rules:\n  - id: t.late\n    kind: phrase\n    category: generic\n    message: m\n    rationale: r\n"
        "    phrases: [never arrived]\n    unless: [[{NORM: {NOT_IN: [oh]}}, {NORM: fantastic}]]\n"
        "    examples: {flag: [a, b], pass: [c, d]}\n")
    linter = Linter(model="blank", rules=[rules], builtin=False)
    assert [f.rule for f in linter.lint("My parcel never arrived. Fantastic.").findings] == ["t.late"]
    assert [f.rule for f in linter.lint("Fantastic, my parcel never arrived.").findings] == []
    assert [f.rule for f in linter.lint("Oh fantastic, my parcel never arrived.").findings] == ["t.late"]


def test_the_same_pattern_with_and_without_a_guard_in_two_specs(nlp):
    from replylint.engine.matchers import MatcherSet
    from replylint.engine.spec import Spec

    plain = Spec(id="plain", kind="pattern", path="t.yaml", line=1, patterns=([{"LOWER": "late"}, {"LOWER": "again"}],))
    guarded = Spec(id="guarded", kind="pattern", path="t.yaml", line=2,
                   patterns=([{"LOWER": {"NOT_IN": ["not"]}}, {"LOWER": "late"}, {"LOWER": "again"}],))
    compiled = MatcherSet(nlp, [plain, guarded])
    found = compiled.run(nlp("The bus was not late again. It was late again."))
    assert found[("r:plain", "hit")] == [(4, 6), (9, 11)]
    assert found[("r:guarded", "hit")] == [(9, 11)]


def test_lower_guards_compare_the_lower_case_text_and_norm_guards_the_norm(nlp):
    from replylint.engine.matchers import MatcherSet
    from replylint.engine.spec import Spec

    lower = Spec(id="lower", kind="pattern", path="t.yaml", line=1,
                 patterns=([{"LOWER": {"NOT_IN": ["i'll"]}}, {"LOWER": "call"}],))
    norm = Spec(id="norm", kind="pattern", path="t.yaml", line=2,
                patterns=([{"NORM": {"NOT_IN": ["apologise"]}}, {"LOWER": "again"}],))
    compiled = MatcherSet(nlp, [lower, norm])
    # "I'll" is one token in the blank pipeline? Either way the word before "call" is compared as lower-case text.
    doc = nlp("We apologize again. Please call.")
    found = compiled.run(doc)
    assert ("r:norm", "hit") not in found  # "apologise" and "apologize" share a norm
    assert found[("r:lower", "hit")] == [(5, 6)]


def test_an_invalid_guarded_pattern_reports_the_position_in_the_rule_file(tmp_path):
    from replylint.api import Linter
    from replylint.errors import ReplylintError

    rules = tmp_path / "bad.yaml"
    rules.write_text(
        "rules:\n  - id: t.bad\n    kind: pattern\n    category: generic\n    message: m\n    rationale: r\n"
        "    patterns: [[{NORM: {NOT_IN: [x]}}, {LOWER: my}, {LOWR: fault}]]\n"
        "    examples: {flag: [a, b], pass: [c, d]}\n")
    with pytest.raises(ReplylintError) as err:
        Linter(model="blank", rules=[rules], builtin=False)
    message = str(err.value)
    assert "[pattern -> 2 -> LOWR]" in message and "'t.bad'" in message and "'tok" not in message
