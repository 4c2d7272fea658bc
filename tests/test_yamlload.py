"""Tests for replylint.engine.yamlload: YAML that remembers line numbers, and one-line errors naming file and line."""

from __future__ import annotations

import pytest

from replylint.engine.yamlload import LineDict, line_of, load_yaml
from replylint.errors import ReplylintError

RULES = """\
# a comment on line 1
category: defensive
rules:
  - id: first.rule
    kind: phrase
    severity: warning
    examples:
      flag:
        - "one"
        - "two"
      pass: ["three", "four"]

  - id: second.rule
    kind: metric
    severity: error
    nested: {inner: 1, other: 2}
"""


def line_number(text: str, needle: str) -> int:
    """1-based line of the first line containing ``needle``."""
    for n, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


@pytest.fixture
def data():
    return load_yaml(RULES, "rules.yaml")


def test_values_are_loaded_like_safe_load(data):
    assert data["category"] == "defensive"
    assert [r["id"] for r in data["rules"]] == ["first.rule", "second.rule"]
    assert data["rules"][0]["examples"]["flag"] == ["one", "two"]
    assert data["rules"][1]["nested"] == {"inner": 1, "other": 2}


def test_mappings_are_line_dicts_with_their_start_line(data):
    assert isinstance(data, LineDict)
    assert data.line == line_number(RULES, "category:")
    first, second = data["rules"]
    assert isinstance(first, LineDict) and isinstance(second, LineDict)
    assert first.line == line_number(RULES, "id: first.rule")
    assert second.line == line_number(RULES, "id: second.rule")
    assert first["examples"].line == line_number(RULES, "flag:")


def test_key_lines(data):
    assert data.key_lines["category"] == line_number(RULES, "category:")
    assert data.key_lines["rules"] == line_number(RULES, "rules:")
    second = data["rules"][1]
    assert second.key_lines["severity"] == line_number(RULES, "severity: error")
    assert second.key_lines["kind"] == line_number(RULES, "kind: metric")
    assert second["nested"].key_lines["other"] == line_number(RULES, "nested:")


def test_line_dict_is_a_dict():
    data = load_yaml("a: 1\nb: [x, y]\n", "f.yaml")
    assert data == {"a": 1, "b": ["x", "y"]}
    assert isinstance(data, dict)


def test_non_mapping_documents_load_as_plain_values():
    assert load_yaml("- a\n- b\n", "f.yaml") == ["a", "b"]
    assert load_yaml("just text", "f.yaml") == "just text"
    assert load_yaml("", "f.yaml") is None
    assert load_yaml("# only a comment\n", "f.yaml") is None


# --- line_of ---------------------------------------------------------------------------------------------------------

def test_line_of_empty_path_is_the_document_line(data):
    assert line_of(data, []) == data.line


def test_line_of_top_level_key(data):
    assert line_of(data, ["rules"]) == line_number(RULES, "rules:")


def test_line_of_list_item_is_its_mapping_line(data):
    assert line_of(data, ["rules", 1]) == line_number(RULES, "id: second.rule")
    assert line_of(data, ["rules", 0]) == line_number(RULES, "id: first.rule")


def test_line_of_nested_key(data):
    assert line_of(data, ["rules", 1, "severity"]) == line_number(RULES, "severity: error")
    assert line_of(data, ["rules", 0, "examples", "pass"]) == line_number(RULES, "pass:")
    assert line_of(data, ["rules", 1, "nested", "inner"]) == line_number(RULES, "nested:")


def test_line_of_scalar_list_item_falls_back_to_its_key(data):
    # strings carry no line of their own: the deepest located node is the "flag" key
    assert line_of(data, ["rules", 0, "examples", "flag", 1]) == line_number(RULES, "flag:")


def test_line_of_missing_key_stops_at_the_deepest_existing_node(data):
    assert line_of(data, ["rules", 1, "no-such-key"]) == line_number(RULES, "id: second.rule")
    assert line_of(data, ["rules", 7, "severity"]) == line_number(RULES, "rules:")
    assert line_of(data, ["nothing"]) == data.line


def test_line_of_plain_values_is_none():
    assert line_of(["a", "b"], [0]) is None
    assert line_of("text", []) is None


# --- errors ------------------------------------------------------------------------------------------------------

def test_duplicate_key_is_an_error_naming_file_and_line_of_the_second():
    text = "rules:\n  - id: a\n    kind: phrase\n    kind: pattern\n"
    with pytest.raises(ReplylintError) as info:
        load_yaml(text, "my/rules.yaml")
    err = info.value
    assert err.path == "my/rules.yaml"
    assert err.line == 4
    assert "duplicate" in err.message and "kind" in err.message
    assert str(err).startswith("my/rules.yaml:4: ")


def test_duplicate_top_level_key():
    text = "category: generic\nrules: []\ncategory: defensive\n"
    with pytest.raises(ReplylintError) as info:
        load_yaml(text, "f.yaml")
    assert info.value.line == 3
    assert "category" in info.value.message


def test_duplicate_key_in_flow_mapping():
    with pytest.raises(ReplylintError) as info:
        load_yaml("a: 1\nb: {x: 1, x: 2}\n", "f.yaml")
    assert info.value.line == 2
    assert "'x'" in info.value.message


def test_same_key_in_different_mappings_is_fine():
    data = load_yaml("- id: a\n  kind: phrase\n- id: b\n  kind: phrase\n", "f.yaml")
    assert [d["id"] for d in data] == ["a", "b"]


def test_invalid_yaml_names_file_and_line():
    text = "rules:\n  - id: a\n    kind: phrase: oops\n"
    with pytest.raises(ReplylintError) as info:
        load_yaml(text, "bad.yaml")
    err = info.value
    assert err.path == "bad.yaml"
    assert err.line == 3
    assert err.message.startswith("invalid YAML")


def test_invalid_yaml_tab_indentation_line():
    text = "category: generic\nrules:\n\t- id: a\n"
    with pytest.raises(ReplylintError) as info:
        load_yaml(text, "tabs.yaml")
    assert info.value.path == "tabs.yaml"
    assert info.value.line == 3
    assert info.value.message.startswith("invalid YAML")


def test_unhashable_key_is_an_error_with_line():
    text = "a: 1\n? [x, y]\n: 2\n"
    with pytest.raises(ReplylintError) as info:
        load_yaml(text, "f.yaml")
    assert info.value.path == "f.yaml"
    assert info.value.line == 2


def test_unsafe_tags_are_rejected():
    with pytest.raises(ReplylintError) as info:
        load_yaml("a: !!python/object/apply:os.system ['true']\n", "evil.yaml")
    assert info.value.path == "evil.yaml"
    assert info.value.line == 1


def test_merge_key_can_be_overridden():
    text = "base: &b {severity: warning, kind: phrase}\nrule:\n  <<: *b\n  severity: error\n"
    data = load_yaml(text, "f.yaml")
    assert data["rule"] == {"severity": "error", "kind": "phrase"}
