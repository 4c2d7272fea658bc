"""Tests for replylint.readers: read_paths, the text and JSONL readers, and positions into the source files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from replylint.errors import ReplylintError
from replylint.readers import jsonl, read_paths, text

# --- helpers ---------------------------------------------------------------------------------------------------------


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def source_char_range(source: str, draft, i: int) -> str:
    """The source characters that draft character ``i`` came from (computed via line/column only)."""
    lines = source.split("\n")
    line, col = draft.source_map.line_col(i)
    next_line, next_col = draft.source_map.line_col(i + 1)
    assert next_line == line, "a JSONL string never spans lines of the file"
    return lines[line - 1][col - 1:next_col - 1]


def assert_every_char_maps_back(source: str, draft) -> None:
    """Each draft character's (line, column) points at the source text that encodes it: the character itself, or
    a JSON escape that decodes to it; the position after the last character is the closing quote."""
    for i, ch in enumerate(draft.text):
        piece = source_char_range(source, draft, i)
        assert piece, (i, ch)
        if piece[0] == "\\":
            assert json.loads('"' + piece + '"') == ch, (i, ch, piece)
        else:
            assert piece == ch, (i, ch, piece)
    line, col = draft.source_map.line_col(len(draft.text))
    assert source.split("\n")[line - 1][col - 1] == '"'


# --- text reader -----------------------------------------------------------------------------------------------------

def test_text_reader_whole_file_is_one_draft():
    source = "Hello,\n\nAs I said, the refund takes 5 days.\n"
    drafts = text.read(source, "reply.txt")
    assert len(drafts) == 1
    d = drafts[0]
    assert d.text == source
    assert d.id == "reply.txt"
    assert d.path == "reply.txt"
    assert d.customer is None
    assert d.source_map.line_col(source.index("As I said")) == (3, 1)


# --- read_paths: files ------------------------------------------------------------------------------------------------

def test_read_paths_single_text_file(tmp_path):
    f = write(tmp_path / "reply.txt", "Thanks for waiting.\nAs I said, it ships today.")
    drafts = read_paths([str(f)])
    assert len(drafts) == 1
    d = drafts[0]
    assert d.path == str(f)
    assert d.id == str(f)
    assert d.text == "Thanks for waiting.\nAs I said, it ships today."
    assert d.source_map.line_col(d.text.index("said")) == (2, 6)


def test_read_paths_keeps_argument_order(tmp_path):
    b = write(tmp_path / "b.txt", "bee")
    a = write(tmp_path / "a.txt", "ay")
    drafts = read_paths([str(b), "-", str(a)], stdin_text="from stdin")
    assert [d.text for d in drafts] == ["bee", "from stdin", "ay"]


def test_read_paths_missing_file_names_the_path(tmp_path):
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(ReplylintError) as info:
        read_paths([missing])
    assert info.value.path == missing
    assert str(info.value).startswith(missing + ":")


def test_read_paths_non_utf8_file_is_an_error_naming_the_path(tmp_path):
    f = write(tmp_path / "latin1.txt", "Caf\u00e9 ferm\u00e9".encode("latin-1"))
    with pytest.raises(ReplylintError) as info:
        read_paths([str(f)])
    assert info.value.path == str(f)
    assert "UTF-8" in info.value.message


def test_read_paths_drops_utf8_bom(tmp_path):
    f = write(tmp_path / "bom.txt", "\ufeffHello there\nsecond".encode("utf-8"))
    (d,) = read_paths([str(f)])
    assert d.text == "Hello there\nsecond"
    assert d.source_map.line_col(0) == (1, 1)
    assert d.source_map.line_col(d.text.index("second")) == (2, 1)


def test_read_paths_bom_before_jsonl_is_dropped(tmp_path):
    f = write(tmp_path / "t.jsonl", '\ufeff{"id": "a", "reply": "Hi"}\n')
    (d,) = read_paths([str(f)])
    assert d.id == "a"
    assert d.text == "Hi"


def test_read_paths_crlf_text_file_positions(tmp_path):
    f = write(tmp_path / "crlf.txt", "Hi,\r\nAs I said\r\n")
    (d,) = read_paths([str(f)])
    assert d.text == "Hi,\r\nAs I said\r\n"  # CRLF is not translated away
    assert d.source_map.span(d.text.index("said"), d.text.index("said") + 4) == (2, 6, 2, 10)


def test_read_paths_unknown_extension_given_explicitly_is_read_as_text(tmp_path):
    f = write(tmp_path / "reply.eml", "# not a heading\n[x](y)")
    (d,) = read_paths([str(f)])
    assert d.text == "# not a heading\n[x](y)"


@pytest.mark.parametrize("name", ["r.md", "r.markdown", "R.MD"])
def test_read_paths_markdown_extensions_use_the_markdown_reader(tmp_path, name):
    f = write(tmp_path / name, "# Refund\nSee [our page](https://example.com/refunds).")
    (d,) = read_paths([str(f)])
    assert "#" not in d.text
    assert "https" not in d.text
    assert "Refund" in d.text and "our page" in d.text


@pytest.mark.parametrize("name", ["t.jsonl", "t.ndjson", "T.JSONL"])
def test_read_paths_jsonl_extensions_use_the_jsonl_reader(tmp_path, name):
    f = write(tmp_path / name, '{"id": 1, "reply": "one"}\n{"id": 2, "reply": "two"}\n')
    drafts = read_paths([str(f)])
    assert [(d.id, d.text) for d in drafts] == [("1", "one"), ("2", "two")]
    assert all(d.path == str(f) for d in drafts)


# --- read_paths: standard input -----------------------------------------------------------------------------------

def test_read_paths_dash_reads_stdin_text():
    (d,) = read_paths(["-"], stdin_text="As I said,\nno.")
    assert d.path == "<stdin>"
    assert d.id == "<stdin>"
    assert d.text == "As I said,\nno."
    assert d.source_map.line_col(d.text.index("no")) == (2, 1)


def test_read_paths_dash_without_stdin_text_is_empty():
    (d,) = read_paths(["-"])
    assert d.text == ""


# --- read_paths: directories --------------------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "replies"
    write(root / "b.txt", "b")
    write(root / "a.md", "a")
    write(root / "c.jsonl", '{"reply": "c1"}\n{"reply": "c2"}\n')
    write(root / "notes.py", "print('not a reply')")
    write(root / "data.json", '{"reply": "not jsonl"}')
    write(root / ".hidden.txt", "hidden file")
    write(root / ".git" / "x.txt", "in .git")
    write(root / ".cache" / "deep" / "y.txt", "in .cache")
    write(root / "node_modules" / "n.txt", "in node_modules")
    write(root / "__pycache__" / "p.txt", "in __pycache__")
    write(root / "venv" / "v.txt", "in venv")
    write(root / "sub2" / "d.txt", "d")
    write(root / "sub1" / "f.txt", "f")
    write(root / "sub1" / "e.txt", "e")
    write(root / "sub1" / "deeper" / "g.md", "g")
    return root


def test_read_paths_directory_finds_lintable_files_recursively(tree):
    drafts = read_paths([str(tree)])
    assert sorted(d.text for d in drafts) == ["a", "b", "c1", "c2", "d", "e", "f", "g"]


def test_read_paths_directory_skips_hidden_and_tool_directories_and_hidden_files(tree):
    texts = {d.text for d in read_paths([str(tree)])}
    for skipped in ("hidden file", "in .git", "in .cache", "in node_modules", "in __pycache__", "in venv",
                    "print('not a reply')", "not jsonl"):
        assert skipped not in texts


def test_read_paths_directory_paths_are_the_files_under_the_argument(tree):
    drafts = read_paths([str(tree)])
    for d in drafts:
        assert Path(d.path).is_file()
        assert Path(d.path).is_relative_to(tree)
    by_text = {d.text: d for d in drafts}
    assert by_text["g"].path == str(tree / "sub1" / "deeper" / "g.md")
    assert by_text["c2"].id == f"{tree / 'c.jsonl'}:2"


def test_read_paths_directory_order_is_sorted_and_deterministic(tree):
    order = [d.text for d in read_paths([str(tree)])]
    # files of one directory come in name order
    assert order.index("a") < order.index("b") < order.index("c1") < order.index("c2")
    assert order.index("e") < order.index("f")
    # sibling directories are visited in name order
    assert max(order.index(x) for x in ("e", "f", "g")) < order.index("d")
    assert order == [d.text for d in read_paths([str(tree)])]


def test_read_paths_hidden_directory_given_explicitly_is_read(tmp_path):
    hidden = tmp_path / ".drafts"
    write(hidden / "r.txt", "inside")
    assert [d.text for d in read_paths([str(hidden)])] == ["inside"]


def test_read_paths_directory_with_non_utf8_file_names_that_file(tmp_path):
    write(tmp_path / "ok.txt", "fine")
    bad = write(tmp_path / "sub" / "bad.txt", b"\xff\xfe\x00bad")
    with pytest.raises(ReplylintError) as info:
        read_paths([str(tmp_path)])
    assert info.value.path == str(bad)


# --- JSONL reader -----------------------------------------------------------------------------------------------

def test_jsonl_one_draft_per_line_with_ids_and_customer():
    source = (
        '{"id": "t-1", "reply": "Sorry for the wait.", "customer": "Where is it?"}\n'
        '{"id": 42, "reply": "As I said, no."}\n'
    )
    drafts = jsonl.read(source, "threads.jsonl")
    assert [(d.id, d.text, d.customer) for d in drafts] == [
        ("t-1", "Sorry for the wait.", "Where is it?"),
        ("42", "As I said, no.", None),
    ]
    assert all(d.path == "threads.jsonl" for d in drafts)


def test_jsonl_id_defaults_to_path_and_line_counting_blank_lines():
    source = '{"reply": "first"}\n\n   \n{"reply": "fourth"}\n'
    drafts = jsonl.read(source, "t.jsonl")
    assert [d.id for d in drafts] == ["t.jsonl:1", "t.jsonl:4"]


def test_jsonl_customer_null_is_none():
    (d,) = jsonl.read('{"reply": "x", "customer": null}', "t.jsonl")
    assert d.customer is None


def test_jsonl_positions_of_plain_reply_on_later_lines():
    source = (
        '{"id": "a", "reply": "Hello there."}\n'
        '{"id": "b", "customer": "My order is late", "reply": "As I said, the refund takes 5 days."}\n'
    )
    drafts = jsonl.read(source, "t.jsonl")
    d = drafts[1]
    i = d.text.index("refund")
    line2 = source.split("\n")[1]
    assert d.source_map.line_col(i) == (2, line2.index("refund") + 1)
    assert d.source_map.span(i, i + len("refund")) == (2, line2.index("refund") + 1,
                                                       2, line2.index("refund") + 1 + len("refund"))
    assert_every_char_maps_back(source, d)


def test_jsonl_positions_through_newline_quote_and_unicode_escapes():
    reply = 'Hi \u201cAnna\u201d,\nas I said:\t"refund" is caf\u00e9-ready \U0001f600 \\ done / ok'
    record = {"id": "x", "customer": "Why \"late\"?\n", "reply": reply}
    first = json.dumps({"reply": "line one"})
    source = first + "\n" + json.dumps(record) + "\n"  # ensure_ascii: \u escapes, surrogate pair for the emoji
    assert "\\u201c" in source and "\\ud83d\\ude00" in source and '\\"refund\\"' in source and "\\n" in source
    drafts = jsonl.read(source, "t.jsonl")
    d = drafts[1]
    assert d.text == reply
    assert_every_char_maps_back(source, d)
    # a word after several escapes lands on its own characters in the file
    i = d.text.index("said")
    line2 = source.split("\n")[1]
    assert d.source_map.line_col(i) == (2, line2.index("said") + 1)
    j = d.text.index("done")
    assert d.source_map.span(j, j + 4) == (2, line2.index("done") + 1, 2, line2.index("done") + 5)


def test_jsonl_positions_with_non_ascii_written_literally():
    record = {"reply": "D\u00e9sol\u00e9 \u2014 as I said, we\u2019re on it \U0001f600 really"}
    source = json.dumps(record, ensure_ascii=False) + "\n"
    (d,) = jsonl.read(source, "t.jsonl")
    assert_every_char_maps_back(source, d)
    i = d.text.index("really")
    assert d.source_map.line_col(i) == (1, source.index("really") + 1)


def test_jsonl_positions_in_crlf_file():
    source = '{"reply": "one"}\r\n{"reply": "two\\nas I said"}\r\n'
    drafts = jsonl.read(source, "t.jsonl")
    assert [d.text for d in drafts] == ["one", "two\nas I said"]
    d = drafts[1]
    i = d.text.index("said")
    line2 = source.split("\n")[1]
    assert d.source_map.line_col(i) == (2, line2.index("said") + 1)
    assert_every_char_maps_back(source, d)


def test_jsonl_positions_in_minified_lines_with_reply_key_late():
    source = '{"a":[1,{"b":"\\u0041"}],"customer":"c\\"x","id":"q","reply":"\\"Sorry\\" not sorry"}'
    (d,) = jsonl.read(source, "t.jsonl")
    assert d.text == '"Sorry" not sorry'
    assert_every_char_maps_back(source, d)


def test_jsonl_span_ending_with_escaped_character_covers_the_whole_escape():
    source = '{"reply": "Caf\\u00e9 is open"}\n'
    (d,) = jsonl.read(source, "t.jsonl")
    assert d.text == "Caf\u00e9 is open"
    start_col = source.index("Caf") + 1
    end_col = source.index(" is open") + 1  # exclusive: just after \u00e9
    assert d.source_map.span(0, 4) == (1, start_col, 1, end_col)


@pytest.mark.parametrize(
    "bad_line, words",
    [
        ("[1, 2]", "object"),
        ('"just a string"', "object"),
        ("42", "object"),
        ('{"id": "x"}', "reply"),
        ('{"reply": 5}', "reply"),
        ('{"reply": null}', "reply"),
        ('{"reply": "ok", "customer": 3}', "customer"),
        ('{"reply": "unterminated}', None),
        ("{'reply': 'single quotes'}", None),
        ('{"reply": "x",}', None),
        ('{"reply": "x"} trailing', None),
    ],
)
def test_jsonl_errors_name_path_and_line(bad_line, words):
    source = '{"reply": "fine"}\n\n' + bad_line + '\n{"reply": "also fine"}\n'
    with pytest.raises(ReplylintError) as info:
        jsonl.read(source, "data/t.jsonl")
    err = info.value
    assert err.path == "data/t.jsonl"
    assert err.line == 3
    assert str(err).startswith("data/t.jsonl:3: ")
    if words:
        assert words in err.message


def test_jsonl_bad_json_error_line_is_the_file_line_even_when_not_first(tmp_path):
    f = write(tmp_path / "t.jsonl", '{"reply": "a"}\n{"reply": "b"}\n{"reply": "c"\n')
    with pytest.raises(ReplylintError) as info:
        read_paths([str(f)])
    assert info.value.path == str(f)
    assert info.value.line == 3


def test_jsonl_empty_file_has_no_drafts():
    assert jsonl.read("", "t.jsonl") == []
    assert jsonl.read("\n\n  \n", "t.jsonl") == []
