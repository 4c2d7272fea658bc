"""Tests for replylint.engine.spec: rule files validated into Specs, errors naming file/line/rule, loading layers."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from replylint.engine.spec import DEFAULT_WEIGHTS, Example, Ref, Spec, load_specs, parse_rule_file
from replylint.errors import ReplylintError

EXAMPLES = """\
    examples:
      flag: ["As I said, the refund takes 5 days.", "as i said before, no"]
      pass: ["I'll refund it today.", "Thanks for asking."]
"""


def rule(rid: str = "defensive.as-i-said", *, kind: str = "phrase", extra: str = "", examples: str = EXAMPLES,
         body: str | None = None) -> str:
    """One rule as a YAML list item (indented for a ``rules:`` list)."""
    if body is None:
        body = '    phrases: ["as i said"]\n' if kind == "phrase" else ""
    return (f"  - id: {rid}\n"
            f"    kind: {kind}\n"
            f"    message: Pointing back to what you already said sounds impatient.\n"
            f"    rationale: Customers who ask twice are confused.\n"
            f"{body}{extra}{examples}")


def rule_file(*rules: str, category: str | None = "defensive", detectors: str = "") -> str:
    head = f"category: {category}\n" if category else ""
    return head + detectors + "rules:\n" + "".join(rules)


def detector(did: str, phrases: str = '["sorry"]') -> str:
    return (f"  - id: {did}\n"
            f"    kind: phrase\n"
            f"    phrases: {phrases}\n"
            f"    examples:\n"
            f"      flag: [\"I'm sorry.\", \"So sorry!\"]\n"
            f"      pass: [\"Hello.\", \"Thanks.\"]\n")


def line_number(text: str, needle: str, start: int = 1) -> int:
    for n, line in enumerate(text.splitlines(), start=1):
        if n >= start and needle in line:
            return n
    raise AssertionError(needle)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- parsing valid files --------------------------------------------------------------------------------------------

def test_parse_minimal_phrase_rule():
    text = rule_file(rule())
    (spec,) = parse_rule_file(text, "rules/defensive.yaml")
    assert spec.id == "defensive.as-i-said"
    assert spec.kind == "phrase"
    assert spec.path == "rules/defensive.yaml"
    assert spec.line == line_number(text, "- id: defensive.as-i-said")
    assert spec.is_detector is False
    assert spec.category == "defensive"
    assert spec.severity == "warning"
    assert spec.phrases == ("as i said",)
    assert spec.attr == "norm"
    assert spec.unless_scope == "sentence"
    assert spec.message == "Pointing back to what you already said sounds impatient."
    assert spec.flag_examples == (Example("As I said, the refund takes 5 days."), Example("as i said before, no"))
    assert spec.pass_examples == (Example("I'll refund it today."), Example("Thanks for asking."))


def test_rule_category_overrides_file_default():
    text = rule_file(rule("a.one"), rule("a.two", extra="    category: generic\n"))
    specs = parse_rule_file(text, "f.yaml")
    assert [(s.id, s.category) for s in specs] == [("a.one", "defensive"), ("a.two", "generic")]


def test_rule_category_without_file_default():
    text = rule_file(rule(extra="    category: pushy-upsell\n"), category=None)
    (spec,) = parse_rule_file(text, "f.yaml")
    assert spec.category == "pushy-upsell"


def test_detectors_come_first_and_have_no_category():
    text = rule_file(rule(), detectors="detectors:\n" + detector("apology"))
    specs = parse_rule_file(text, "f.yaml")
    assert [(s.id, s.is_detector) for s in specs] == [("apology", True), ("defensive.as-i-said", False)]
    assert specs[0].category is None
    assert specs[0].line == line_number(text, "- id: apology")


def test_detector_only_file():
    text = "detectors:\n" + detector("apology") + detector("acknowledgement", '["i understand"]')
    specs = parse_rule_file(text, "d.yaml")
    assert [s.id for s in specs] == ["apology", "acknowledgement"]
    assert all(s.is_detector for s in specs)
    assert specs[1].phrases == ("i understand",)


@pytest.mark.parametrize("severity", ["info", "warning", "error"])
def test_default_weight_by_severity(severity):
    text = rule_file(rule(extra=f"    severity: {severity}\n"))
    (spec,) = parse_rule_file(text, "f.yaml")
    assert spec.severity == severity
    assert spec.weight == {"info": 2.0, "warning": 5.0, "error": 10.0}[severity]


def test_default_weights_table_matches_docs():
    assert DEFAULT_WEIGHTS == {"info": 2.0, "warning": 5.0, "error": 10.0}


def test_default_severity_is_warning_with_its_weight():
    (spec,) = parse_rule_file(rule_file(rule()), "f.yaml")
    assert spec.severity == "warning"
    assert spec.weight == 5.0


@pytest.mark.parametrize("weight, expected", [("8", 8.0), ("0", 0.0), ("2.5", 2.5), ("100", 100.0)])
def test_explicit_weight_wins(weight, expected):
    (spec,) = parse_rule_file(rule_file(rule(extra=f"    severity: error\n    weight: {weight}\n")), "f.yaml")
    assert spec.weight == expected


def test_description_defaults_from_message_and_explicit_description_wins():
    (implicit,) = parse_rule_file(rule_file(rule()), "f.yaml")
    assert implicit.description
    assert "Pointing back to what you already said sounds impatient".startswith(implicit.description)
    (explicit,) = parse_rule_file(rule_file(rule(extra="    description: Pointing back\n")), "f.yaml")
    assert explicit.description == "Pointing back"


def test_rationale_whitespace_is_folded():
    text = rule_file(rule()).replace(
        "    rationale: Customers who ask twice are confused.\n",
        "    rationale: >\n      Customers who ask twice\n      are confused,\n\n      not careless.\n")
    (spec,) = parse_rule_file(text, "f.yaml")
    assert spec.rationale == "Customers who ask twice are confused, not careless."


def test_examples_with_customer_context():
    examples = textwrap.indent(textwrap.dedent("""\
        examples:
          flag:
            - {text: "Here is your code.", customer: "My order never arrived!"}
            - "plain flag"
          pass:
            - text: "Sorry, here is your code."
              customer: "My order never arrived!"
            - "plain pass"
        """), "    ")
    detectors = "detectors:\n" + detector("apology") + detector("complaint", '["never arrived"]')
    text = rule_file(rule("missing.apology", kind="require",
                          body="    trigger: customer:complaint\n    require_any: [apology]\n",
                          extra="    category: missing-apology\n", examples=examples),
                     category=None, detectors=detectors)
    spec = parse_rule_file(text, "f.yaml")[-1]
    assert spec.flag_examples == (Example("Here is your code.", "My order never arrived!"), Example("plain flag"))
    assert spec.pass_examples == (Example("Sorry, here is your code.", "My order never arrived!"),
                                  Example("plain pass"))


def test_require_rule_refs():
    detectors = "detectors:\n" + detector("apology") + detector("failure", '["delayed"]') + \
        detector("complaint", '["late"]') + detector("sales-pitch", '["upgrade"]')
    body = ("    trigger: [failure, customer:complaint]\n"
            "    when: any:sales-pitch\n"
            "    require_any: [apology]\n")
    text = rule_file(rule("missing-apology.x", kind="require", body=body), detectors=detectors,
                     category="missing-apology")
    spec = parse_rule_file(text, "f.yaml")[-1]
    assert spec.trigger == (Ref("failure", "reply"), Ref("complaint", "customer"))
    assert spec.when == (Ref("sales-pitch", "any"),)
    assert spec.require_any == (Ref("apology", "reply"),)
    assert spec.refs == spec.trigger + spec.when + spec.require_any


def test_metric_rule_fields():
    text = rule_file(rule("generic.shouting", kind="metric", body="    metric: exclamations\n    max: 1\n"))
    (spec,) = parse_rule_file(text, "f.yaml")
    assert (spec.metric, spec.max, spec.min) == ("exclamations", 1, None)


def test_unless_items_keep_phrases_and_token_patterns():
    extra = '    unless: ["as i said i would", [{LOWER: said}, {LOWER: "yes"}]]\n    unless_scope: draft\n'
    (spec,) = parse_rule_file(rule_file(rule(extra=extra)), "f.yaml")
    assert spec.unless == ("as i said i would", [{"LOWER": "said"}, {"LOWER": "yes"}])
    assert spec.unless_scope == "draft"


# --- Ref ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, where", [
    ("customer:complaint", "complaint", "customer"),
    ("any:complaint", "complaint", "any"),
    ("apology", "apology", "reply"),
    ("sales-pitch", "sales-pitch", "reply"),
])
def test_ref_parse(text, name, where):
    ref = Ref.parse(text)
    assert ref == Ref(name=name, where=where)
    assert str(ref) == text


# --- schema errors -------------------------------------------------------------------------------------------------

def assert_rule_error(text: str, *, line: int | set[int], rule_id: str | None, words: tuple[str, ...] = (),
                      path: str = "packs/mine.yaml") -> ReplylintError:
    with pytest.raises(ReplylintError) as info:
        parse_rule_file(text, path)
    err = info.value
    assert err.path == path
    if isinstance(line, set):
        assert err.line in line, (err.line, str(err))
    else:
        assert err.line == line, (err.line, str(err))
    assert str(err).startswith(f"{path}:{err.line}: ")
    if rule_id:
        assert repr(rule_id) in err.message
    for w in words:
        assert w in err.message, (w, err.message)
    return err


def two_rules(second: str) -> str:
    return rule_file(rule("defensive.fine"), second)


def test_error_bad_severity():
    text = two_rules(rule("defensive.bad", extra="    severity: fatal\n"))
    assert_rule_error(text, line=line_number(text, "severity: fatal"), rule_id="defensive.bad",
                      words=("severity", "fatal"))


def test_error_bad_category():
    text = two_rules(rule("defensive.bad", extra="    category: rude\n"))
    assert_rule_error(text, line=line_number(text, "category: rude"), rule_id="defensive.bad", words=("rude",))


def test_error_bad_kind():
    text = two_rules(rule("defensive.bad", kind="regex", body="    phrases: [x]\n"))
    assert_rule_error(text, line=line_number(text, "kind: regex"), rule_id="defensive.bad", words=("regex",))


def test_error_missing_examples():
    text = two_rules(rule("defensive.bad", examples=""))
    assert_rule_error(text, line=line_number(text, "- id: defensive.bad"), rule_id="defensive.bad",
                      words=("examples",))


def test_error_only_one_flag_example():
    examples = "    examples:\n      flag: [\"As I said.\"]\n      pass: [\"Hi.\", \"Bye.\"]\n"
    text = two_rules(rule("defensive.bad", examples=examples))
    assert_rule_error(text, line=line_number(text, "flag: [\"As I said.\"]"), rule_id="defensive.bad",
                      words=("flag",))


def test_error_only_one_pass_example():
    examples = "    examples:\n      flag: [\"As I said.\", \"as i said\"]\n      pass: [\"Hi.\"]\n"
    text = two_rules(rule("defensive.bad", examples=examples))
    assert_rule_error(text, line=line_number(text, "pass: [\"Hi.\"]"), rule_id="defensive.bad", words=("pass",))


def test_error_empty_example_text():
    examples = "    examples:\n      flag: [\"As I said.\", \"\"]\n      pass: [\"Hi.\", \"Bye.\"]\n"
    text = two_rules(rule("defensive.bad", examples=examples))
    assert_rule_error(text, line={line_number(text, "flag: [\"As I said.\", \"\"]")}, rule_id="defensive.bad")


def test_error_unknown_field():
    text = two_rules(rule("defensive.bad", extra="    phrasez: [oops]\n"))
    # the rule's line or the unknown key's own line are both fine; the message must name the field
    assert_rule_error(text, line={line_number(text, "- id: defensive.bad"), line_number(text, "phrasez")},
                      rule_id="defensive.bad", words=("phrasez",))


def test_error_patterns_on_a_phrase_rule_would_be_ignored():
    # a phrase rule only reads `phrases`: token patterns there would silently never match
    text = two_rules(rule("defensive.bad", extra='    patterns: [[{LOWER: "as"}, {LOWER: "i"}]]\n'))
    assert_rule_error(text, line={line_number(text, "- id: defensive.bad"), line_number(text, "patterns:")},
                      rule_id="defensive.bad", words=("patterns", "phrase"))


def test_error_phrases_on_a_pattern_rule_would_be_ignored():
    body = '    patterns: [[{LOWER: "as"}, {LOWER: "i"}, {LOWER: "said"}]]\n    phrases: ["as i said"]\n'
    text = two_rules(rule("defensive.bad", kind="pattern", body=body))
    bad = line_number(text, "- id: defensive.bad")
    assert_rule_error(text, line={bad, line_number(text, "phrases:", start=bad)},
                      rule_id="defensive.bad", words=("phrases", "pattern"))


def test_error_patterns_on_a_phrase_detector_would_be_ignored():
    det = detector("stock") + '    patterns: [[{LOWER: "sorry"}]]\n'
    text = rule_file(rule(), detectors="detectors:\n" + det)
    with pytest.raises(ReplylintError) as info:
        parse_rule_file(text, "packs/mine.yaml")
    assert "patterns" in str(info.value) and "phrase" in str(info.value)
    assert info.value.line == line_number(text, "patterns:")


def test_error_phrase_rule_without_phrases():
    text = two_rules(rule("defensive.bad", body=""))
    assert_rule_error(text, line=line_number(text, "- id: defensive.bad"), rule_id="defensive.bad",
                      words=("phrases",))


def test_error_pattern_rule_without_patterns():
    text = two_rules(rule("defensive.bad", kind="pattern"))
    assert_rule_error(text, line=line_number(text, "- id: defensive.bad"), rule_id="defensive.bad",
                      words=("patterns",))


def test_error_require_rule_without_trigger():
    text = two_rules(rule("defensive.bad", kind="require", body="    require_any: [apology]\n"))
    assert_rule_error(text, line=line_number(text, "- id: defensive.bad"), rule_id="defensive.bad",
                      words=("trigger",))


def test_error_metric_without_max_or_min():
    text = two_rules(rule("defensive.bad", kind="metric", body="    metric: exclamations\n"))
    assert_rule_error(text, line=line_number(text, "- id: defensive.bad"), rule_id="defensive.bad")


def test_error_metric_without_max_or_min_says_what_is_missing():
    text = two_rules(rule("defensive.bad", kind="metric", body="    metric: exclamations\n"))
    err = assert_rule_error(text, line=line_number(text, "- id: defensive.bad"), rule_id="defensive.bad")
    assert "max" in err.message and "min" in err.message


def test_error_metric_min_is_enough():
    text = rule_file(rule("generic.short", kind="metric", body="    metric: words\n    min: 5\n"))
    (spec,) = parse_rule_file(text, "f.yaml")
    assert spec.min == 5 and spec.max is None


def test_error_bad_metric_name():
    text = two_rules(rule("defensive.bad", kind="metric", body="    metric: emojis\n    max: 1\n"))
    assert_rule_error(text, line=line_number(text, "metric: emojis"), rule_id="defensive.bad", words=("emojis",))


def test_error_negative_max():
    text = two_rules(rule("defensive.bad", kind="metric", body="    metric: words\n    max: -1\n"))
    assert_rule_error(text, line=line_number(text, "max: -1"), rule_id="defensive.bad")


def test_error_weight_out_of_range():
    text = two_rules(rule("defensive.bad", extra="    weight: 150\n"))
    assert_rule_error(text, line=line_number(text, "weight: 150"), rule_id="defensive.bad", words=("150",))


def test_error_bad_ref():
    text = two_rules(rule("defensive.bad", kind="require", body="    trigger: [reply:apology]\n"))
    assert_rule_error(text, line={line_number(text, "trigger:")}, rule_id="defensive.bad")


def test_error_bad_rule_id():
    text = two_rules(rule("9lives"))
    assert_rule_error(text, line=line_number(text, "- id: 9lives"), rule_id="9lives", words=("9lives",))


def test_error_rule_without_category_when_file_has_no_default():
    text = rule_file(rule("defensive.fine", extra="    category: defensive\n"), rule("nocat.rule"), category=None)
    assert_rule_error(text, line=line_number(text, "- id: nocat.rule"), rule_id="nocat.rule",
                      words=("category",))


def test_error_unknown_top_level_key():
    text = "categories: defensive\n" + "rules:\n" + rule()
    assert_rule_error(text, line=1, rule_id=None, words=("categories",))


def test_error_detector_with_rule_only_field():
    text = "detectors:\n" + detector("apology") + "    severity: error\n"
    assert_rule_error(text, line={line_number(text, "- id: apology"), line_number(text, "severity")},
                      rule_id="apology", words=("severity",))


def test_error_empty_rule_file():
    with pytest.raises(ReplylintError) as info:
        parse_rule_file("# nothing here\n", "empty.yaml")
    assert info.value.path == "empty.yaml"
    assert info.value.line == 1


def test_error_invalid_yaml_in_rule_file_names_line():
    text = rule_file(rule()) + "  - id: broken\n    kind: [phrase\n"
    with pytest.raises(ReplylintError) as info:
        parse_rule_file(text, "f.yaml")
    assert info.value.path == "f.yaml"
    assert info.value.line is not None and info.value.line >= line_number(text, "kind: [phrase")


def test_error_duplicate_key_in_rule_file_names_line():
    text = two_rules(rule("defensive.bad", extra="    severity: info\n    severity: error\n"))
    with pytest.raises(ReplylintError) as info:
        parse_rule_file(text, "f.yaml")
    assert info.value.line == line_number(text, "severity: error")


# --- needs_parser ---------------------------------------------------------------------------------------------------

def make_spec(kind: str, patterns=(), unless=()) -> Spec:
    return Spec(id="x.y", kind=kind, path="f.yaml", line=1, patterns=tuple(patterns), unless=tuple(unless))


@pytest.mark.parametrize("attr", ["POS", "TAG", "DEP", "MORPH", "pos", "dep"])
def test_pattern_with_parser_attribute_needs_parser(attr):
    spec = make_spec("pattern", patterns=[[{"LOWER": "you"}, {attr: "VERB"}]])
    assert spec.needs_parser is True


def test_pattern_with_lexical_attributes_does_not_need_parser():
    spec = make_spec("pattern", patterns=[[{"LOWER": "you"}, {"LEMMA": "fail"}, {"ORTH": "to", "OP": "?"}],
                                          [{"TEXT": {"IN": ["a", "b"]}}, {"IS_PUNCT": True}]])
    assert spec.needs_parser is False


def test_dependency_kind_always_needs_parser():
    spec = make_spec("dependency", patterns=[[{"RIGHT_ID": "v", "RIGHT_ATTRS": {"LEMMA": "fail"}}]])
    assert spec.needs_parser is True


def test_phrase_rule_needs_parser_only_through_unless_token_patterns():
    assert make_spec("phrase", unless=["as i said i would"]).needs_parser is False
    assert make_spec("phrase", unless=["x", [{"DEP": "neg"}]]).needs_parser is True
    assert make_spec("phrase", unless=[[{"LOWER": "not"}]]).needs_parser is False


def test_needs_parser_from_parsed_rule_file():
    pos_rule = rule("defensive.pos", kind="pattern",
                    body="    patterns: [[{LOWER: you}, {POS: VERB}]]\n")
    lemma_rule = rule("defensive.lemma", kind="pattern",
                      body="    patterns: [[{LOWER: you}, {LEMMA: fail}, {LOWER: to}]]\n")
    dep_rule = rule("defensive.dep", kind="dependency",
                    body="    patterns:\n      - [{RIGHT_ID: v, RIGHT_ATTRS: {LEMMA: fail}}]\n")
    specs = {s.id: s for s in parse_rule_file(rule_file(pos_rule, lemma_rule, dep_rule), "f.yaml")}
    assert specs["defensive.pos"].needs_parser is True
    assert specs["defensive.lemma"].needs_parser is False
    assert specs["defensive.dep"].needs_parser is True


# --- load_specs -----------------------------------------------------------------------------------------------------

DETECTORS_FILE = "detectors:\n" + detector("apology") + detector("complaint", '["late"]')


def test_load_specs_from_directory_recursively(tmp_path):
    write(tmp_path / "pack" / "a.yaml", rule_file(rule("defensive.a")))
    write(tmp_path / "pack" / "sub" / "b.yml", rule_file(rule("defensive.b")))
    write(tmp_path / "pack" / "notes.txt", "not yaml: [")
    specs = load_specs([tmp_path / "pack"])
    assert sorted(s.id for s in specs) == ["defensive.a", "defensive.b"]
    by_id = {s.id: s for s in specs}
    assert by_id["defensive.b"].path == str(tmp_path / "pack" / "sub" / "b.yml")


def test_load_specs_missing_file_is_an_error(tmp_path):
    missing = tmp_path / "nope.yaml"
    with pytest.raises(ReplylintError) as info:
        load_specs([missing])
    assert info.value.path == str(missing)


def test_load_specs_duplicate_id_across_files_names_both_places(tmp_path):
    first = write(tmp_path / "a.yaml", rule_file(rule("defensive.other"), rule("defensive.same")))
    second_text = rule_file(rule("defensive.same"))
    second = write(tmp_path / "b.yaml", second_text)
    with pytest.raises(ReplylintError) as info:
        load_specs([first, second])
    err = info.value
    first_line = line_number(first.read_text(), "- id: defensive.same")
    assert err.path == str(second)
    assert err.line == line_number(second_text, "- id: defensive.same")
    assert "defensive.same" in err.message
    assert f"{first}:{first_line}" in err.message


def test_load_specs_duplicate_id_in_one_file(tmp_path):
    text = rule_file(rule("defensive.same"), rule("defensive.same"))
    f = write(tmp_path / "a.yaml", text)
    with pytest.raises(ReplylintError) as info:
        load_specs([f])
    first_line = line_number(text, "- id: defensive.same")
    second_line = line_number(text, "- id: defensive.same", start=first_line + 1)
    assert info.value.path == str(f)
    assert info.value.line == second_line
    assert f"{f}:{first_line}" in info.value.message


def test_load_specs_duplicate_detector_id(tmp_path):
    a = write(tmp_path / "a.yaml", DETECTORS_FILE)
    b = write(tmp_path / "b.yaml", "detectors:\n" + detector("apology"))
    with pytest.raises(ReplylintError) as info:
        load_specs([a, b])
    assert info.value.path == str(b)
    assert "apology" in info.value.message
    assert f"{a}:2" in info.value.message


def test_load_specs_detector_and_rule_may_share_an_id(tmp_path):
    f = write(tmp_path / "a.yaml", rule_file(rule("apology"), detectors=DETECTORS_FILE))
    specs = load_specs([f])
    assert sorted((s.id, s.is_detector) for s in specs if s.id == "apology") == [("apology", False),
                                                                                 ("apology", True)]


def test_load_specs_unknown_detector_reference(tmp_path):
    text = rule_file(rule("missing-apology.x", kind="require",
                          body="    trigger: customer:complaint\n    require_any: [apology, acknowledgement]\n"),
                     category="missing-apology")
    d = write(tmp_path / "detectors.yaml", DETECTORS_FILE)
    f = write(tmp_path / "rules.yaml", text)
    with pytest.raises(ReplylintError) as info:
        load_specs([d, f])
    err = info.value
    assert err.path == str(f)
    assert err.line == line_number(text, "- id: missing-apology.x")
    assert "missing-apology.x" in err.message
    assert "acknowledgement" in err.message


def test_load_specs_references_resolve_across_files(tmp_path):
    text = rule_file(rule("missing-apology.x", kind="require",
                          body="    trigger: any:complaint\n    require_any: apology\n"),
                     category="missing-apology")
    d = write(tmp_path / "detectors.yaml", DETECTORS_FILE)
    f = write(tmp_path / "rules.yaml", text)
    specs = load_specs([f, d])
    assert {s.id for s in specs} == {"missing-apology.x", "apology", "complaint"}


def test_load_specs_overrides_replace_same_id(tmp_path):
    base = write(tmp_path / "base" / "defensive.yaml",
                 rule_file(rule("defensive.a"), rule("defensive.b")))
    override_text = rule_file(rule("defensive.a", extra="    severity: error\n"), rule("defensive.new"))
    override = write(tmp_path / "mine.yaml", override_text)
    specs = load_specs([tmp_path / "base"], [override])
    ids = [s.id for s in specs]
    assert sorted(ids) == ["defensive.a", "defensive.b", "defensive.new"]
    a = next(s for s in specs if s.id == "defensive.a")
    assert a.severity == "error"
    assert a.weight == 10.0
    assert a.path == str(override)
    b = next(s for s in specs if s.id == "defensive.b")
    assert b.path == str(base)


def test_load_specs_override_detector_replaces_detector_only(tmp_path):
    base = write(tmp_path / "a.yaml", rule_file(rule("apology"), detectors=DETECTORS_FILE))
    override = write(tmp_path / "o.yaml", "detectors:\n" + detector("apology", '["my bad"]'))
    specs = load_specs([base], [override])
    detectors = [s for s in specs if s.is_detector and s.id == "apology"]
    rules = [s for s in specs if not s.is_detector and s.id == "apology"]
    assert len(detectors) == 1 and detectors[0].phrases == ("my bad",)
    assert len(rules) == 1 and rules[0].path == str(base)


def test_load_specs_override_may_use_base_detectors(tmp_path):
    base = write(tmp_path / "d.yaml", DETECTORS_FILE)
    override = write(tmp_path / "o.yaml", rule_file(
        rule("missing-apology.y", kind="require", body="    trigger: customer:complaint\n    require_any: apology\n"),
        category="missing-apology"))
    specs = load_specs([base], [override])
    assert "missing-apology.y" in {s.id for s in specs}


def test_load_specs_duplicate_within_overrides_is_an_error(tmp_path):
    base = write(tmp_path / "a.yaml", rule_file(rule("defensive.a")))
    o1 = write(tmp_path / "o1.yaml", rule_file(rule("defensive.a")))
    o2 = write(tmp_path / "o2.yaml", rule_file(rule("defensive.a")))
    with pytest.raises(ReplylintError) as info:
        load_specs([base], [o1, o2])
    assert info.value.path == str(o2)
    assert str(o1) in info.value.message

