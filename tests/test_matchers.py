"""Literal token patterns are compiled into the PhraseMatcher: that must not change what they match."""

from __future__ import annotations

import copy
import json
from collections import defaultdict

import pytest
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from replylint.engine import builtin_rules_dir, load_specs
from replylint.engine.matchers import _upper_keys, literal_phrases
from replylint.pipeline import blank_pipeline

from .conftest import linter_with_rules


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


@pytest.mark.parametrize("token, words", [
    ({"LOWER": "late"}, (("LOWER", frozenset({"late"})),)),
    ({"NORM": {"IN": ["refund", "money"]}, "OP": "+"}, (("NORM", frozenset({"refund", "money"})),)),
    ({"ORTH": "Sorry", "OP": "1"}, (("ORTH", frozenset({"Sorry"})),)),
    ({"LOWER": "late", "OP": "{2}"}, (("LOWER", frozenset({"late"})),)),
    ({"LOWER": "late", "OP": "{1,3}"}, (("LOWER", frozenset({"late"})),)),
    ({"LOWER": "late", "OP": "{1,}"}, (("LOWER", frozenset({"late"})),)),
    ({"LOWER": "late", "IS_ALPHA": True, "NORM": {"IN": ["late"], "NOT_IN": ["x"]}},
     (("LOWER", frozenset({"late"})), ("NORM", frozenset({"late"})))),
    ({"LOWER": "late", "OP": "?"}, ()),
    ({"LOWER": "late", "OP": "*"}, ()),
    ({"LOWER": "late", "OP": "!"}, ()),
    ({"LOWER": "late", "OP": "{0,3}"}, ()),
    ({"LOWER": "late", "OP": "{,3}"}, ()),
    ({"LOWER": {"NOT_IN": ["late"]}}, ()),
    ({"LOWER": {"REGEX": "^late$"}}, ()),
    ({"LEMMA": "be"}, ()),
    ({"IS_DIGIT": True}, ()),
])
def test_required_words_are_the_literal_words_of_required_tokens(token, words):
    from replylint.engine.matchers import required_words

    assert required_words([token]) == words
    # with another required token, the pairs add up: a match needs a word of each
    assert set(required_words([{"ORTH": "!"}, token])) == {("ORTH", frozenset({"!"})), *words}


# A user rule with token patterns that require no word (only IS_DIGIT tokens, a REGEX: they run on every text)
# and ones that do, around "!", "+" and "{1,}" tokens; the texts below are written against it and the built-in rules.
USER_RULES = """\
rules:
  - id: user.digits
    kind: pattern
    category: generic
    message: m
    rationale: r
    patterns:
      - [{IS_DIGIT: true}, {IS_PUNCT: true, OP: "?"}, {IS_DIGIT: true}]
      - [{LOWER: {REGEX: "^refund(s|ed)?$"}}, {IS_ALPHA: true, OP: "{1,2}"}]
      - [{LOWER: "not", OP: "!"}, {NORM: "happy"}, {IS_PUNCT: true, OP: "+"}]
      - [{ORTH: "Flight"}, {IS_DIGIT: true, OP: "{1,}"}, {LOWER: {IN: [was, is]}}]
      - [{NORM: {IN: [do, did]}}, {NORM: not}, {IS_ALPHA: true, OP: "*"}, {ORTH: "."}]
    examples: {flag: [a, b], pass: [c, d]}
"""

TEXTS = [
    # customers' complaints
    "I've been waiting 3 weeks for my refund and nobody actually responds!!",
    "My flight 1403 was cancelled and you didn't even tell me. Not happy.",
    "Flight 22 is late again, the third time this month. I want a full refund.",
    "Why is it that every time I call I'm on hold for 45 minutes?",
    "Kept on charging my card even after I cancelled. Refunded? No.",
    "It's the 14th and my parcel still hasn't arrived. Today is day 12.",
    "None of my bags arrived. They left me in the middle of nowhere.",
    "asked for a refund twice, got nothing. should have never booked with you",
    "ordered a jacket, paid extra for express - received it 9 days later",
    "WHY DOES NOBODY READ MY EMAILS",
    "been like 6 hours now",
    "refund",
    "Refund!",
    "happy",
    "Happy!!!",
    "I am not happy.",
    "I am so happy!",
    "12 34",
    "12, 34 and 56 7",
    "It was not.",
    "It did not.",
    "Since the update the app crashes.",
    "Queued till 9pm and nobody came.",
    "they kept on ignoring me, keeps on saying wait",
    # replies
    "I'm sorry for the delay. We have issued your refund.",
    "Please just look at the FAQ. As I said, our records show that you cancelled.",
    "That said, we do only accept claims within 30 days.",
    "Simply click the link. simply click it again.",
    "We apologise for the inconvenience caused. Unfortunately there is nothing we can do.",
    "Our staff are trained to follow policy. Per our policy, refunds take 7-10 business days.",
    "Hi Sam, thanks for reaching out! I've rebooked you on flight 1405, departing 9:15.",
    "You should have read the terms and conditions.",
    "We didn't receive your email. Didn't you get our reply?",
    "I understand your frustration and I'm sorry. I have added a $50 credit to your account.",
    "Thank you for your patience. Your case number is 48213.",
    "THE CHARGE IS VALID. PLEASE DO NOT CONTACT US AGAIN.",
    "the charge is valid",
    # anchor words present but no match, odd punctuation and case, empty and whitespace-only texts
    "Said, we we we only limit. Records, show, that, you.",
    "just look out for the email; look into it, please just look forward to it",
    "Flight was late. flight 88 was late.",
    "sorry sorry SORRY Sorry",
    "?!... -- ,,, ''",
    "don't. won't. can't. didn't. isn't. shouldn't've",
    "",
    "   \n  ",
]


@pytest.fixture(scope="module", params=["blank", "trained"])
def engine_with_user_rules(request, tmp_path_factory):
    rules = tmp_path_factory.mktemp("rules") / "user.yaml"
    rules.write_text(USER_RULES)
    return linter_with_rules(request.param, rules).engine


def _with_one_token_matcher(matchers):
    """A copy of ``matchers`` with every token pattern in one spaCy Matcher, as before the anchors."""
    single = Matcher(matchers.nlp.vocab)
    for canonical, name in matchers._shared.items():
        single.add(name, [json.loads(canonical)[1]])
    reference = copy.copy(matchers)
    reference.tokens = single
    return reference


def test_anchored_token_matchers_match_what_one_matcher_matches(engine_with_user_rules):
    from replylint.engine.matchers import required_words

    engine = engine_with_user_rules
    docs = list(engine.nlp.pipe(TEXTS + _texts()[0]))
    matched = defaultdict(int)  # token-pattern matches, by whether the pattern requires words
    for matchers in (engine.matchers, engine.customer_matchers):
        reference = _with_one_token_matcher(matchers)
        requires = {name: bool(required_words(json.loads(canonical)[1]))
                    for canonical, name in matchers._shared.items()}
        for doc in docs:
            found = {k: sorted(v) for k, v in matchers.run(doc).items()}
            assert found == {k: sorted(v) for k, v in reference.run(doc).items()}, doc.text
            for match_id, _, _ in matchers.tokens(doc):
                matched[requires[doc.vocab.strings[match_id]]] += 1
    # the comparison saw many matches of patterns that require words, and some of the user rules' that don't
    assert matched[True] >= 1000 and matched[False] >= 20


DEPENDENCY_TEXTS = [
    "We do all we can to avoid cancellations, and we try hard to honour upgrades.",
    "Our team works hard to keep the lounges clean. Fares do change quickly.",
    "Please know the TSA is responsible for screening all checked bags.",
    "Bin space is available on a first-come, first-served basis.",
    "We're sensing some frustration. You seem a bit upset today.",
    "We don't want you to feel this way, and we didn't mean to upset you.",
    "The photos were deleted because you turned off sync.",
    "You unfortunately didn't enter a postcode, and you never replied to our email.",
    "You clearly ignored the warning. You, sadly, forgot to attach the receipt.",
    "We love what we do! Thanks for flying with us.",
]


def test_anchored_dependency_matchers_match_what_one_matcher_matches(tmp_path):
    from spacy.matcher import DependencyMatcher

    from replylint.engine.matchers import _dep_pattern, spec_key

    rules = tmp_path / "user.yaml"
    rules.write_text(USER_RULES)
    engine = linter_with_rules("trained", rules).engine  # skips when no trained pipeline is installed
    single = DependencyMatcher(engine.nlp.vocab)
    for spec in [*engine.detectors.values(), *engine.rules]:
        if spec.kind == "dependency":
            for i, pattern in enumerate(spec.patterns):
                single.add(f"{spec_key(spec)}|hit|{i}", [_dep_pattern(pattern)])
    assert len(single) == len(engine.matchers.deps) >= 15
    strings = engine.nlp.vocab.strings
    total = 0
    for doc in engine.nlp.pipe(DEPENDENCY_TEXTS + TEXTS + _texts()[0]):
        ours = sorted((strings[m], tuple(t)) for m, t in engine.matchers.deps(doc))
        theirs = sorted((strings[m], tuple(t)) for m, t in single(doc))
        assert ours == theirs, doc.text
        total += len(ours)
    assert total >= 15  # the texts exercise many of the patterns
