"""Tests for the YAML reply files reader (replylint.readers.yaml_replies, .yamlpos) and Markdown front matter and
sections (replylint.readers.markdown): drafts, names, modes, and exact positions back in the file."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
import yaml

from replylint.errors import ReplylintError
from replylint.readers import ReaderOptions, markdown, read_file, read_paths, yaml_replies
from replylint.readers.yamlpos import scalar_offsets

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def located(source: str, draft, word: str, occurrence: int = 0) -> str:
    """The file text that ``draft.source_map.span`` gives for ``word`` in the draft (by line and column only)."""
    i = -1
    for _ in range(occurrence + 1):
        i = draft.text.index(word, i + 1)
    line, col, end_line, end_col = draft.source_map.span(i, i + len(word))
    assert line == end_line, (word, line, end_line)
    return source.split("\n")[line - 1][col - 1:end_col - 1]


def assert_chars_map_to_themselves(source: str, draft) -> None:
    """Every character comes from itself in the file, or from an escape, a doubled quote or a line break."""
    for i, ch in enumerate(draft.text):
        src = source[draft.source_map.source_offset(i)]
        assert src == ch or src in "\\'" or (ch in " \n" and src in "\r\n"), (i, ch, src)


# --- YAML: the fixture -------------------------------------------------------------------------------------------

@pytest.fixture(params=["lf", "crlf"])
def replies(request, tmp_path):
    source = (FIXTURES / "replies.yaml").read_text(encoding="utf-8")
    if request.param == "crlf":
        source = source.replace("\n", "\r\n")
    path = tmp_path / "replies.yaml"
    path.write_bytes(source.encode("utf-8"))
    return source, read_file(path)


def test_yaml_one_template_draft_per_reply_with_a_body(replies):
    _, drafts = replies
    assert [d.name for d in drafts] == ["Parcel delayed", "Refund issued", "Escapes", "Quoted", "Plain"]
    assert all(d.mode == "template" for d in drafts)
    assert drafts[0].id.endswith("replies.yaml#Parcel delayed")
    assert drafts[0].text == ("Hi {{ customer.first_name }},\n\nI'm sorry your parcel is running late.\n"
                              "  (Tracking: {{ order.tracking_url }})\nAs I said, it should reach you by Friday.\n")
    assert drafts[1].text == ("Your refund is on its way and should show up within five working days.\n"
                              "Kindly note your bank may take longer.\n")
    assert drafts[2].text == "Caf\u00e9 orders ship\tdaily.\nAs previously stated, we cannot change the address."
    assert drafts[3].text == "It's on its way, as previously stated."
    assert drafts[4].text == "Thanks for waiting, kindly note the new date."


def test_yaml_literal_block_positions(replies):
    source, drafts = replies
    d = drafts[0]
    assert located(source, d, "running late") == "running late"
    assert located(source, d, "Tracking") == "Tracking"
    assert located(source, d, "As I said") == "As I said"
    assert located(source, d, "{{ customer.first_name }}") == "{{ customer.first_name }}"
    line, col = d.source_map.line_col(d.text.index("As I said"))
    assert (line, col) == (10, 7)
    assert_chars_map_to_themselves(source, d)


def test_yaml_folded_block_positions(replies):
    source, drafts = replies
    d = drafts[1]
    assert located(source, d, "should show up") == "should show up"
    assert located(source, d, "Kindly note") == "Kindly note"
    line, _ = d.source_map.line_col(d.text.index("working"))
    assert source.split("\n")[line - 1].strip() == "working days."
    assert_chars_map_to_themselves(source, d)


def test_yaml_double_quoted_escapes(replies):
    source, drafts = replies
    d = drafts[2]
    assert located(source, d, "Caf\u00e9") == "Caf\\u00e9"
    assert located(source, d, "daily") == "daily"
    assert located(source, d, "ship\tdaily") == "ship\\tdaily"
    assert located(source, d, "As previously stated") == "As previously stated"
    assert located(source, d, "cannot change") == "cannot change"  # after an escaped line break
    assert_chars_map_to_themselves(source, d)


def test_yaml_single_quoted_and_plain_multiline(replies):
    source, drafts = replies
    quoted, plain = drafts[3], drafts[4]
    assert located(source, quoted, "It's on") == "It''s on"
    assert located(source, quoted, "as previously stated") == "as previously stated"
    assert located(source, plain, "kindly note") == "kindly note"
    assert located(source, plain, "Thanks for waiting") == "Thanks for waiting"
    for d in (quoted, plain):
        assert_chars_map_to_themselves(source, d)


# --- YAML: every scalar style PyYAML writes maps back exactly --------------------------------------------------------

_WORDS = ["sorry", "as", "I", "said", "caf\u00e9", "it's", '"quoted"', "#1", "a: b", "-", "  ", "\n", "\n\n", "\t",
          "\\", "\u2019", "{{ name }}", "x" * 30, "emoji \U0001f600", "end."]


def test_scalar_offsets_reproduce_pyyaml_for_every_style():
    rnd = random.Random(7)
    checked = 0
    for _ in range(400):
        value = "".join(rnd.choice(_WORDS) + rnd.choice(["", " "]) for _ in range(rnd.randint(1, 25))).strip(" ")
        if not value.strip():
            continue
        style = rnd.choice([None, "'", '"', "|", ">"])
        source = yaml.dump({"replies": [{"name": "r", "body": value}]}, default_style=style, allow_unicode=True,
                           width=rnd.choice([20, 40, 80]), sort_keys=False)
        root = yaml.compose(source, Loader=yaml.SafeLoader)
        ((_, body_node, key_node, _),) = yaml_replies.reply_nodes(root)
        offsets = scalar_offsets(source, body_node, key_node.start_mark.column)
        assert offsets is not None, (style, value, source)
        assert len(offsets) == len(body_node.value) + 1
        for i, ch in enumerate(body_node.value):
            src = source[offsets[i]]
            assert src == ch or src in "\\'" or (ch in " \n" and src in "\r\n"), (style, source, i, ch, src)
        checked += 1
    assert checked > 300


def test_block_scalar_with_indentation_indicator_and_keep_chomping():
    source = "replies:\n  - name: a\n    body: |2+\n        indented\n      base\n\n  - name: b\n    body: x\n"
    (d, _) = yaml_replies.read(source, "r.yaml")
    assert d.text == "  indented\nbase\n\n"
    assert located(source, d, "indented") == "indented"
    assert located(source, d, "base") == "base"


# --- YAML: shapes and options ----------------------------------------------------------------------------------------

def test_yaml_mapping_of_name_to_body_and_bare_list():
    mapping = "replies:\n  Refund issued: |\n    Your refund is on its way.\n  Thanks: Thanks for waiting.\n"
    drafts = yaml_replies.read(mapping, "m.yaml")
    assert [(d.name, d.text) for d in drafts] == [("Refund issued", "Your refund is on its way.\n"),
                                                 ("Thanks", "Thanks for waiting.")]
    assert located(mapping, drafts[1], "waiting") == "waiting"
    bare = "- name: One\n  body: First reply.\n- title: Two\n  body: Second reply.\n"
    assert [(d.name, d.text) for d in yaml_replies.read(bare, "b.yaml")] == [("One", "First reply."),
                                                                           ("Two", "Second reply.")]


def test_yaml_custom_keys_through_reader_options(tmp_path):
    f = tmp_path / "macros.yml"
    f.write_text("macros:\n  - name: Hi\n    text: Hello there.\n")
    with pytest.raises(ReplylintError, match="not a replies file"):
        read_file(f)
    (d,) = read_file(f, options=ReaderOptions(yaml_key="macros", yaml_body_key="text"))
    assert (d.name, d.text) == ("Hi", "Hello there.")


def test_yaml_mode_per_file_and_per_reply():
    source = "mode: draft\nreplies:\n  - name: a\n    body: One.\n  - name: b\n    mode: template\n    body: Two.\n"
    assert [d.mode for d in yaml_replies.read(source, "r.yaml")] == ["draft", "template"]
    with pytest.raises(ReplylintError, match="mode must be"):
        yaml_replies.read("replies:\n  - name: a\n    mode: final\n    body: One.\n", "r.yaml")


def test_yaml_values_are_text_as_written():
    (d,) = yaml_replies.read("replies:\n  - name: 42\n    body: yes\n", "r.yaml")
    assert (d.name, d.text) == ("42", "yes")


def test_yaml_duplicate_names_get_numbered_ids():
    drafts = yaml_replies.read("replies:\n  - {name: a, body: One.}\n  - {name: a, body: Two.}\n  - {body: x}\n",
                               "r.yaml")
    assert [d.id for d in drafts] == ["r.yaml#a", "r.yaml#a#2", "r.yaml#3"]
    assert located("replies:\n  - {name: a, body: One.}\n", drafts[0], "One.") == "One."


def test_invalid_yaml_is_an_error_with_its_line(tmp_path):
    f = tmp_path / "replies.yaml"
    f.write_text("replies:\n  - name: a\n    body: [unclosed\n  - name: b\n")
    with pytest.raises(ReplylintError) as info:
        read_file(f)
    assert info.value.path == str(f)
    assert info.value.line is not None and info.value.line >= 3
    assert "invalid YAML" in info.value.message


@pytest.mark.parametrize("content", ["site_name: Help\n", "- a\n- b\n", "", "just text\n"])
def test_yaml_of_another_shape_named_explicitly_is_an_error(tmp_path, content):
    f = tmp_path / "config.yaml"
    f.write_text(content)
    with pytest.raises(ReplylintError) as info:
        read_paths([str(f)])
    assert info.value.path == str(f)
    assert "not a replies file" in info.value.message


def test_yaml_reply_that_is_not_a_mapping_is_an_error_with_its_line():
    with pytest.raises(ReplylintError) as info:
        yaml_replies.read("replies:\n  - name: a\n    body: One.\n  - just a string\n", "r.yaml")
    assert info.value.line == 4 and info.value.path == "r.yaml"


def test_directory_walk_skips_other_yaml_but_reports_broken_replies(tmp_path):
    shutil.copy(FIXTURES / "replies.yaml", tmp_path / "replies.yaml")
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx\n")
    (tmp_path / "ci.yaml").write_text("on: [push\n")  # broken, but no replies key: passed over
    assert {Path(d.path).name for d in read_paths([str(tmp_path)])} == {"replies.yaml"}
    (tmp_path / "more.yaml").write_text("replies:\n  - name: a\n    body: [unclosed\n")
    with pytest.raises(ReplylintError) as info:
        read_paths([str(tmp_path)])
    assert info.value.path == str(tmp_path / "more.yaml")


# --- Markdown: front matter ------------------------------------------------------------------------------------------

def test_markdown_front_matter_names_the_draft():
    path = FIXTURES / "front_matter.md"
    source = path.read_text(encoding="utf-8")
    (d,) = read_file(path)
    assert d.name == "Subscription cancelled"
    assert d.mode == "template"
    assert d.id == str(path)
    assert d.text == markdown.to_text(source)
    assert located(source, d, "As I said") == "As I said"
    assert located(source, d, "end of the month") == "end of the month"


@pytest.mark.parametrize("doc, name, mode", [
    ("---\nname: Refund\nmode: draft\n---\nHi.\n", "Refund", "draft"),
    ("---\r\ntitle: Refund\r\n---\r\nHi.\r\n", "Refund", "template"),
    ("---\ntitle: [unclosed\n---\nHi.\n", None, "template"),  # not valid YAML: ignored, still blanked
    ("---\n- a list\n---\nHi.\n", None, "template"),
    ("No front matter.\n", None, "template"),
])
def test_markdown_front_matter_variants(doc, name, mode):
    (d,) = markdown.read(doc, "r.md")
    assert (d.name, d.mode) == (name, mode)
    assert d.text.strip() == "Hi." or d.text.strip() == "No front matter."


def test_markdown_front_matter_bad_mode_is_an_error():
    with pytest.raises(ReplylintError, match="mode must be"):
        markdown.read("---\nmode: final\n---\nHi.\n", "r.md")


# --- Markdown: sections ------------------------------------------------------------------------------------------

def test_markdown_sections_one_draft_per_h2():
    path = FIXTURES / "saved_replies.md"
    source = path.read_text(encoding="utf-8")
    drafts = read_file(path, options=ReaderOptions(markdown_sections=True))
    # the preamble is not a reply; the section whose only fence is YAML has no prose; "# Internal notes" ends it
    assert [d.name for d in drafts] == ["Acme: Duplicate (v2)", "Acme: Needs reproduction (v1)"]
    assert [d.id for d in drafts] == [f"{path}#Acme: Duplicate (v2)", f"{path}#Acme: Needs reproduction (v1)"]
    assert all(d.mode == "template" for d in drafts)
    duplicate, repro = drafts
    assert duplicate.text.strip().startswith("Thanks for the report! This is a duplicate of #")
    assert "```" not in duplicate.text
    assert located(source, duplicate, "duplicate of") == "duplicate of"
    assert located(source, duplicate, "Please follow") == "Please follow"
    assert "As I said, we need a  minimal reproduction" in repro.text
    assert located(source, repro, "As I said") == "As I said"
    assert located(source, repro, "minimal reproduction") == "minimal reproduction"
    assert "Checklist" in repro.text and "Expected and actual behaviour" in repro.text
    assert "Not a reply" not in repro.text and "Copy these" not in repro.text


def test_markdown_without_sections_option_is_one_draft():
    (d,) = read_file(FIXTURES / "saved_replies.md")
    assert d.name is None and d.mode == "template"


def test_markdown_sections_without_h2_is_one_draft():
    (d,) = markdown.read("# Title\n\nJust one reply.\n", "r.md", sections_mode=True)
    assert d.id == "r.md" and "Just one reply." in d.text


def test_markdown_sections_ignore_headings_in_code_and_number_duplicates():
    doc = "## Same\nFirst.\n```md\n## not a heading\n```\n## Same\nSecond.\n##\nThird.\n"
    drafts = markdown.read(doc, "r.md", sections_mode=True)
    assert [d.id for d in drafts] == ["r.md#Same", "r.md#Same#2", "r.md#3"]
    assert [d.text.strip().split()[0] for d in drafts] == ["First.", "Second.", "Third."]
    assert located(doc, drafts[1], "Second") == "Second"


def test_markdown_sections_through_read_paths_and_mode_override(tmp_path):
    f = tmp_path / "SAVED_REPLIES.md"
    f.write_text("# Replies\n\n## Thanks\nThanks for the report.\n\n## Closing\nClosing this now.\n")
    drafts = read_paths([str(tmp_path)], options=ReaderOptions(markdown_sections=True, mode="draft"))
    assert [(d.name, d.mode) for d in drafts] == [("Thanks", "draft"), ("Closing", "draft")]
