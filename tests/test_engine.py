"""The rule kinds, compiled from small rule files, on the trained and the blank pipeline."""

from __future__ import annotations

import textwrap

import pytest

from replylint.api import Linter
from replylint.engine import load_specs
from replylint.errors import ReplylintError

from .conftest import linter_with_rules

RULES = textwrap.dedent("""
    category: defensive
    detectors:
      - id: apology
        kind: phrase
        attr: lemma
        phrases: [sorry, apologize, apologise, apology]
        examples: {flag: ["I am sorry.", "We apologized."], pass: ["Hello.", "Thanks."]}
      - id: failure
        kind: phrase
        phrases: [damaged, delayed, late]
        examples: {flag: ["It arrived damaged.", "It is late."], pass: ["It arrived.", "Fine."]}
    rules:
      - id: t.as-i-said
        kind: phrase
        message: Pointing back sounds impatient.
        suggestion: Say it again kindly.
        rationale: Because.
        phrases: ["as i said", "i can not help"]
        unless: ["as i said i would"]
        examples: {flag: ["As I said, no.", "As I said: no."], pass: ["As I said I would, done.", "Hi."]}
      - id: t.you-fail
        kind: pattern
        message: Blaming the customer.
        rationale: Because.
        patterns: [[{LOWER: you}, {LEMMA: fail}, {LOWER: to}]]
        examples: {flag: ["You failed to pay.", "you fail to see"], pass: ["We failed to pay.", "Hi."]}
      - id: t.pos
        kind: pattern
        message: Uses a tag.
        rationale: Because.
        patterns: [[{LOWER: obviously}, {POS: VERB}]]
        examples: {flag: ["Obviously run it.", "obviously go"], pass: ["Obviously.", "Hi."]}
      - id: t.blame
        kind: dependency
        message: Negated second-person verb.
        rationale: Because.
        highlight: [subj, verb]
        patterns:
          - - {RIGHT_ID: verb, RIGHT_ATTRS: {POS: VERB}}
            - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: subj, RIGHT_ATTRS: {DEP: nsubj, LOWER: you}}
            - {LEFT_ID: verb, REL_OP: ">", RIGHT_ID: neg, RIGHT_ATTRS: {DEP: neg}}
        examples: {flag: ["You didn't enter it.", "You did not read it."], pass: ["We didn't.", "You did."]}
      - id: t.missing
        kind: require
        category: missing-apology
        message: Missing apology.
        rationale: Because.
        trigger: [failure, customer:failure]
        require_any: [apology]
        examples: {flag: ["It was delayed.", "It was late."], pass: ["Sorry it was late.", "Fine."]}
      - id: t.bang
        kind: metric
        category: generic
        metric: exclamations
        max: 2
        weight: 3
        message: Too many exclamation marks.
        rationale: Because.
        examples: {flag: ["A!!!", "B! C! D!"], pass: ["A!", "B."]}
    """)


@pytest.fixture(scope="module", params=["trained", "blank"])
def engine_linter(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "t.yaml"
    path.write_text(RULES)
    return linter_with_rules(request.param, path, builtin=False)


def rules_of(result):
    return [f.rule for f in result.findings]


def test_phrase_matches_contractions_case_and_typographic_apostrophes(engine_linter):
    for text in ("AS I SAID, no.", "Sorry, I can't help.", "I can\u2019t help", "I cannot help you."):
        assert "t.as-i-said" in rules_of(engine_linter.lint(text)), text
    assert "t.as-i-said" not in rules_of(engine_linter.lint("As I sat down, I saw it."))


def test_unless_cancels_only_in_the_same_sentence(engine_linter):
    assert "t.as-i-said" not in rules_of(engine_linter.lint("I fixed it, as I said I would."))
    result = engine_linter.lint("As I said I would, I fixed it. As I said, it's done.")
    hits = [f for f in result.findings if f.rule == "t.as-i-said"]
    assert len(hits) == 1 and hits[0].text == "As I said" and hits[0].column == 32


def test_token_pattern_with_lemma(engine_linter):
    result = engine_linter.lint("Sadly you failed to attach the file.")
    (hit,) = [f for f in result.findings if f.rule == "t.you-fail"]
    assert hit.text == "you failed to"
    assert (hit.line, hit.column, hit.end_column) == (1, 7, 20)


def test_parser_rules_run_only_with_a_parser(engine_linter):
    result = engine_linter.lint("You didn't enter the code. Obviously run it again.")
    if engine_linter.pipeline.has_parser:
        assert "t.blame" in rules_of(result) and "t.pos" in rules_of(result)
        (blame,) = [f for f in result.findings if f.rule == "t.blame"]
        assert blame.text == "You didn't enter"
        assert not engine_linter.notices
    else:
        assert "t.blame" not in rules_of(result) and "t.pos" not in rules_of(result)
        assert any("t.blame" in n and "t.pos" in n for n in engine_linter.notices)


def test_require_uses_reply_then_customer_context(engine_linter):
    in_reply = engine_linter.lint("Your order was delayed. It ships Monday.")
    (hit,) = [f for f in in_reply.findings if f.rule == "t.missing"]
    assert hit.text == "delayed" and hit.category == "missing-apology"
    assert "t.missing" not in rules_of(engine_linter.lint("Sorry your order was delayed. It ships Monday."))
    quiet = engine_linter.lint("It ships on Monday.\nThanks.")
    assert "t.missing" not in rules_of(quiet)
    context = engine_linter.lint("  It ships on Monday.\nThanks.", customer="My parcel is late again!")
    (hit,) = [f for f in context.findings if f.rule == "t.missing"]
    assert hit.text == "It ships on Monday." and hit.column == 3


def test_metric_points_at_the_first_item_past_the_limit(engine_linter):
    result = engine_linter.lint("Great! Thanks!\nSee you!")
    (hit,) = [f for f in result.findings if f.rule == "t.bang"]
    assert (hit.line, hit.column, hit.text) == (2, 8, "!")
    assert "t.bang" not in rules_of(engine_linter.lint("Great! Thanks!"))


def test_score_and_category_scores(engine_linter):
    result = engine_linter.lint("Great!!! As I said, no!")
    assert result.score == 100 - 5 - 3
    assert result.category_scores["defensive"] == 95 and result.category_scores["generic"] == 97
    assert engine_linter.lint("Thanks, that is all fixed now.").score == 100


def test_empty_draft_has_no_findings(engine_linter):
    assert engine_linter.lint("   \n").findings == []


def test_invalid_token_pattern_names_file_and_line(tmp_path):
    bad = RULES.replace("{LOWER: to}]]", "{LOWER: to, FOO: 1}]]")
    path = tmp_path / "bad.yaml"
    path.write_text(bad)
    with pytest.raises(ReplylintError) as info:
        Linter(model="blank", rules=[path], builtin=False)
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if "id: t.you-fail" in text)
    assert info.value.path == str(path) and info.value.line == line
    assert "t.you-fail" in str(info.value)


def test_user_rule_file_overrides_a_same_id_rule(tmp_path):
    base = tmp_path / "base.yaml"
    base.write_text(RULES)
    override = tmp_path / "override.yaml"
    override.write_text(textwrap.dedent("""
        rules:
          - id: t.as-i-said
            kind: phrase
            category: generic
            message: Overridden.
            rationale: Because.
            phrases: ["as mentioned"]
            examples: {flag: ["As mentioned, no.", "as mentioned"], pass: ["Hi.", "Yes."]}
        """))
    specs = load_specs([base], overrides=[override])
    (rule,) = [s for s in specs if s.id == "t.as-i-said"]
    assert rule.message == "Overridden." and rule.path == str(override)
    assert len([s for s in specs if not s.is_detector]) == len(load_specs([base])) - 2


SIGNAL_RULES = textwrap.dedent("""
    category: generic
    detectors:
      - id: thanks
        kind: phrase
        signal: courtesy
        bonus: 4
        phrases: ["thank you"]
        examples: {flag: ["Thank you.", "thank you!"], pass: ["Hi.", "Thanks."]}
    rules:
      - id: t.stock
        kind: phrase
        severity: warning
        specific_severity: info
        message: Stock line.
        rationale: Because.
        phrases: ["we value your feedback"]
        examples: {flag: ["We value your feedback.", "we value your feedback"], pass: ["Hi.", "Yes."]}
      - id: t.engage
        kind: metric
        metric: customer_overlap
        min: 1
        message: Does not engage.
        rationale: Because.
        examples:
          flag: [{text: "We value you.", customer: "My blender arrived cracked."}, {text: "Noted.", customer: "The app crashes on login."}]
          pass: [{text: "I'm sending a new blender.", customer: "My blender arrived cracked."}, "No customer here."]
    """)


@pytest.fixture(scope="module", params=["trained", "blank"])
def signal_linter(request, tmp_path_factory):
    path = tmp_path_factory.mktemp("rules") / "s.yaml"
    path.write_text(SIGNAL_RULES)
    return linter_with_rules(request.param, path, builtin=False)


def test_signals_are_reported_and_give_back_points(signal_linter):
    plain = signal_linter.lint("We value your feedback.")
    thanked = signal_linter.lint("Thank you. We value your feedback. Thank you again.")
    assert plain.score == 95 and thanked.score == 99  # one bonus per kind of signal, however often
    assert [(s.name, s.column, s.text) for s in thanked.signals] == [("courtesy", 1, "Thank you"),
                                                                     ("courtesy", 36, "Thank you")]
    assert signal_linter.lint("Thank you, all sorted.").score == 100


def test_specific_severity_lowers_a_stock_line_in_a_concrete_reply(signal_linter):
    (bare,) = signal_linter.lint("We value your feedback.").findings
    assert bare.severity == "warning"
    concrete = signal_linter.lint("We value your feedback: order 1182 was refunded on 3 May.",
                                  customer="Where is the refund for order 1182?")
    (stock,) = [f for f in concrete.findings if f.rule == "t.stock"]
    assert stock.severity == "info"


def test_customer_overlap_needs_a_customer_message(signal_linter):
    assert "t.engage" not in rules_of(signal_linter.lint("We value you."))
    result = signal_linter.lint("We value you.", customer="My blender arrived cracked.")
    (hit,) = [f for f in result.findings if f.rule == "t.engage"]
    assert hit.text == "We value you."
    assert "t.engage" not in rules_of(signal_linter.lint("A new blender is on its way.",
                                                         customer="My blender arrived cracked."))


@pytest.mark.parametrize("reply, specific", [
    ("We value your feedback, Priya, and Marco at the Leeds desk will call you.", True),   # two names
    ("We value your feedback. Hi there, hello again, great to hear, cheers!", False),      # greetings are not names
    ("Hi Dana, we value your feedback and Oskar will ring you.", True),
    ("@dana Hi, we value your feedback. Welcome aboard, glad to help!", False),
])
def test_names_make_a_reply_specific_with_and_without_a_tagger(signal_linter, reply, specific):
    (stock,) = [f for f in signal_linter.lint(reply).findings if f.rule == "t.stock"]
    assert stock.severity == ("info" if specific else "warning")


def test_a_title_case_sign_off_is_not_a_name(signal_linter):
    (stock,) = [f for f in signal_linter.lint("We value your feedback. Best Wishes, Customer Care Team").findings
                if f.rule == "t.stock"]
    assert stock.severity == "warning"


CLAUSE_RULES = """
category: defensive
rules:
  - id: t.crash-{scope}
    kind: phrase
    unless_scope: {scope}
    message: Crash.
    rationale: Because.
    phrases: ["crashes"]
    unless: ["great app"]
    examples: {{flag: ["It crashes.", "it crashes"], pass: ["Great app, it never crashes.", "Hi."]}}
"""


@pytest.mark.parametrize("scope, flagged", [("sentence", False), ("clause", True), ("draft", False)])
def test_unless_scope_clause_cuts_a_sentence_at_a_contrast_word(tmp_path, scope, flagged):
    path = tmp_path / "c.yaml"
    path.write_text(CLAUSE_RULES.format(scope=scope))
    linter = Linter(model="blank", rules=[path], builtin=False)
    assert (f"t.crash-{scope}" in rules_of(linter.lint("Great app, but it crashes every morning."))) is flagged
    # the blocker and the hit in one clause: cancelled whatever the scope
    assert f"t.crash-{scope}" not in rules_of(linter.lint("It crashes less now, great app."))
    # a blocker in another sentence cancels only at draft scope
    assert (f"t.crash-{scope}" in rules_of(linter.lint("Great app. It crashes though."))) is (scope != "draft")


def test_unless_draft_cancels_every_match_in_the_text(tmp_path):
    path = tmp_path / "d.yaml"
    path.write_text(textwrap.dedent("""
        category: defensive
        rules:
          - id: t.broken
            kind: phrase
            message: Broken.
            rationale: Because.
            phrases: ["broken"]
            unless: ["not broken"]
            unless_draft: ["thank you for fixing", [{LOWER: my}, {LOWER: fault}]]
            examples: {flag: ["It is broken.", "broken again"], pass: ["It is not broken.", "Hi."]}
        """))
    linter = Linter(model="blank", rules=[path], builtin=False)
    assert rules_of(linter.lint("The lid is broken. The hinge is broken too.")) == ["t.broken", "t.broken"]
    assert rules_of(linter.lint("The lid is broken. Thank you for fixing the hinge so fast!")) == []
    assert rules_of(linter.lint("The lid is broken, my fault entirely.")) == []
    assert rules_of(linter.lint("It is not broken. The hinge is broken.")) == ["t.broken"]


REPEATS = """
category: pushy-upsell
detectors:
  - id: t-pitch
    kind: phrase
    description: A product named.
    phrases: ["premium plan", "warranty", "gift card"]
    examples: {flag: ["Our premium plan.", "The warranty."], pass: ["Hi.", "Thanks."]}
rules:
  - id: t.stack
    kind: require
    message: Several pitches.
    rationale: Because.
    trigger: [t-pitch]
    min: 2
    examples:
      flag: ["Get the premium plan and a warranty.", "A gift card, a warranty and the premium plan."]
      pass: ["Get the premium plan.", "Hi there."]
"""


def test_require_min_counts_the_trigger_in_the_reply(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text(REPEATS)
    linter = Linter(model="blank", rules=[path], builtin=False)
    assert rules_of(linter.lint("The warranty covers it.")) == []
    assert rules_of(linter.lint("The warranty covers it. Ask about the premium plan.")) == ["t.stack"]
    # the customer's message does not count towards the reply's total
    assert rules_of(linter.lint("The warranty covers it.", customer="I bought the premium plan.")) == []


def test_min_on_a_rule_kind_that_ignores_it_names_file_and_line(tmp_path):
    bad = textwrap.dedent("""
        category: generic
        rules:
          - id: t.twice
            kind: phrase
            message: Twice.
            rationale: Because.
            phrases: ["premium plan"]
            min: 2
            examples: {flag: ["Our premium plan.", "The premium plan."], pass: ["Hi.", "Thanks."]}
        """)
    path = tmp_path / "bad-min.yaml"
    path.write_text(bad)
    with pytest.raises(ReplylintError) as info:
        Linter(model="blank", rules=[path], builtin=False)
    assert info.value.path == str(path) and "min" in str(info.value)
    assert info.value.line in {i for i, text in enumerate(bad.splitlines(), 1) if "t.twice" in text or "min:" in text}
