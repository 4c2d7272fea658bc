"""Tests for replylint.draft: same-length normalisation, SourceMap positions, Draft.from_text."""

from __future__ import annotations

import pytest

from replylint.draft import Draft, SourceMap, normalise

# --- normalise -------------------------------------------------------------------------------------------------

TYPOGRAPHIC = {
    "\u2019": "'",  # right single quotation mark
    "\u2018": "'",  # left single quotation mark
    "\u02bc": "'",  # modifier letter apostrophe
    "\u2032": "'",  # prime
    "\u201c": '"',  # left double quotation mark
    "\u201d": '"',  # right double quotation mark
    "\u00a0": " ",  # no-break space
}


@pytest.mark.parametrize("char, ascii_form", sorted(TYPOGRAPHIC.items()))
def test_normalise_replaces_typographic_character_with_ascii(char, ascii_form):
    text = f"I{char}m here"
    out = normalise(text)
    assert out == f"I{ascii_form}m here"


def test_normalise_is_same_length_and_offset_preserving():
    text = "\u201cI\u2019m sorry,\u201d she said.\u00a0We\u2018ll fix it \u2014 caf\u00e9 \U0001f600 ok\r\n"
    out = normalise(text)
    assert len(out) == len(text)
    for i, (a, b) in enumerate(zip(text, out)):
        assert b == TYPOGRAPHIC.get(a, a), i


def test_normalise_leaves_other_non_ascii_alone():
    text = "Caf\u00e9 \u2014 na\u00efve \u00ab ok \u00bb \u2026"
    assert normalise(text) == text


def test_normalise_of_plain_ascii_is_identity():
    text = "As I said, the refund takes 5 days.\n"
    assert normalise(text) == text


# --- SourceMap: identity maps ------------------------------------------------------------------------------------

def test_line_col_first_character_is_line_1_column_1():
    assert SourceMap("hello").line_col(0) == (1, 1)


def test_line_col_on_several_lines():
    text = "ab\ncde\n\nf"
    smap = SourceMap(text)
    assert smap.line_col(text.index("b")) == (1, 2)
    assert smap.line_col(text.index("\n")) == (1, 3)  # the newline belongs to the line it ends
    assert smap.line_col(text.index("c")) == (2, 1)
    assert smap.line_col(text.index("e")) == (2, 3)
    assert smap.line_col(text.index("\n\n") + 1) == (3, 1)  # the empty line
    assert smap.line_col(text.index("f")) == (4, 1)


def test_line_col_last_line_without_trailing_newline():
    text = "first\nsecond"
    smap = SourceMap(text)
    assert smap.line_col(text.index("second")) == (2, 1)
    assert smap.line_col(len(text) - 1) == (2, 6)
    # the end position (one past the last character) is just after it, on the same line
    assert smap.line_col(len(text)) == (2, 7)


def test_line_col_with_trailing_newline_end_is_next_line():
    text = "one\ntwo\n"
    smap = SourceMap(text)
    assert smap.line_col(len(text) - 1) == (2, 4)
    assert smap.line_col(len(text)) == (3, 1)


def test_line_col_crlf_file():
    text = "Hi there\r\nAs I said\r\nbye"
    smap = SourceMap(text)
    assert smap.line_col(text.index("\r")) == (1, 9)
    assert smap.line_col(text.index("As")) == (2, 1)
    assert smap.line_col(text.index("said")) == (2, 6)
    assert smap.line_col(text.index("bye")) == (3, 1)
    assert smap.line_col(text.index("bye") + 2) == (3, 3)


def test_line_col_columns_count_characters_not_bytes():
    text = "caf\u00e9 \U0001f600 x\n\u00e9y"
    smap = SourceMap(text)
    assert smap.line_col(text.index("x")) == (1, 8)
    assert smap.line_col(text.index("y")) == (2, 2)


def test_span_is_one_based_with_exclusive_end():
    text = "ab\ncd"
    smap = SourceMap(text)
    assert smap.span(0, 2) == (1, 1, 1, 3)
    assert smap.span(3, 5) == (2, 1, 2, 3)
    assert smap.span(1, 2) == (1, 2, 1, 3)


def test_span_across_lines():
    text = "I am\nsorry about that"
    smap = SourceMap(text)
    start = text.index("am")
    end = text.index("sorry") + len("sorry")
    assert smap.span(start, end) == (1, 3, 2, 6)


def test_span_across_crlf_lines():
    text = "We apologise\r\nfor the delay\r\n"
    smap = SourceMap(text)
    start = text.index("apologise")
    end = text.index("delay") + len("delay")
    assert smap.span(start, end) == (1, 4, 2, 14)


def test_span_ending_at_last_character_without_newline():
    text = "x\nthe end"
    smap = SourceMap(text)
    assert smap.span(text.index("end"), len(text)) == (2, 5, 2, 8)


def test_empty_span_is_a_point():
    text = "ab\ncd"
    smap = SourceMap(text)
    assert smap.span(3, 3) == (2, 1, 2, 1)


# --- SourceMap.derive ---------------------------------------------------------------------------------------------

def test_derive_with_base_maps_into_a_later_part_of_the_source():
    source = "header line\r\nsecond: Hello world\nthird"
    base = source.index("Hello")
    smap = SourceMap(source).derive(base=base)
    # the draft text is source[base:]
    draft_text = source[base:]
    assert smap.line_col(0) == (2, source.index("Hello") - source.index("second") + 1)
    assert smap.line_col(draft_text.index("world")) == (2, 15)
    assert smap.line_col(draft_text.index("third")) == (3, 1)
    assert smap.span(0, len("Hello")) == (2, 9, 2, 14)


def test_derive_with_offsets_follows_each_character():
    # A draft whose characters come from scattered places in the source.
    source = "ab\ncd\nef"
    draft_text = "bdf"
    offsets = [source.index("b"), source.index("d"), source.index("f"), len(source)]
    smap = SourceMap(source).derive(offsets)
    assert len(offsets) == len(draft_text) + 1
    assert smap.line_col(0) == (1, 2)
    assert smap.line_col(1) == (2, 2)
    assert smap.line_col(2) == (3, 2)
    assert smap.span(0, 2) == (1, 2, 2, 3)


def test_derive_does_not_change_the_original_map():
    source = "one\ntwo\nthree"
    original = SourceMap(source)
    derived = original.derive(base=source.index("three"))
    assert derived.line_col(0) == (3, 1)
    assert original.line_col(0) == (1, 1)
    assert original.line_col(source.index("two")) == (2, 1)


def test_derive_with_offsets_through_escapes():
    # JSON-like source: the draft "a\nb" comes from the escaped string "a\\nb"
    source = '{"reply": "a\\nb"}'
    body = source.index('"a') + 1
    draft_text = "a\nb"
    offsets = [body, body + 1, body + 3, body + 4]  # 'a', backslash of \n, 'b', closing quote
    assert source[offsets[-1]] == '"'
    smap = SourceMap(source).derive(offsets)
    assert len(draft_text) + 1 == len(offsets)
    # the draft newline does not start a new line in the source
    assert smap.line_col(2) == (1, body + 4)
    assert smap.span(0, 1) == (1, body + 1, 1, body + 2)


def test_span_end_is_after_a_multi_character_escape():
    # Draft text "café" read from the JSON string "caf\u00e9": the é is six source characters.
    source = '"caf\\u00e9"'
    offsets = [1, 2, 3, 4, 10]  # c a f \u00e9(backslash) closing-quote
    assert source[4:10] == "\\u00e9" and source[10] == '"'
    smap = SourceMap(source).derive(offsets)
    # characters [0, 4) of the draft are source[1:10]: 1-based columns 2 .. 10, end exclusive 11
    assert smap.span(0, 4) == (1, 2, 1, 11)


# --- Draft ---------------------------------------------------------------------------------------------------------

def test_draft_from_text_defaults():
    draft = Draft.from_text("Hello there")
    assert draft.path == "<text>"
    assert draft.id == "<text>"
    assert draft.text == "Hello there"
    assert draft.customer is None
    assert draft.name is None


def test_draft_from_text_id_defaults_to_path():
    draft = Draft.from_text("x", path="macros/refund.txt")
    assert draft.id == "macros/refund.txt"
    assert draft.path == "macros/refund.txt"


def test_draft_from_text_keeps_given_fields():
    draft = Draft.from_text("Reply", path="p.txt", id="ticket-7", customer="Where is my order?", name="Refund macro")
    assert draft.id == "ticket-7"
    assert draft.path == "p.txt"
    assert draft.customer == "Where is my order?"
    assert draft.name == "Refund macro"


def test_draft_analysis_text_is_normalised_and_text_is_not():
    text = "I\u2019m sorry \u201cabout\u201d that"
    draft = Draft.from_text(text)
    assert draft.text == text
    assert draft.analysis_text == "I'm sorry \"about\" that"
    assert len(draft.analysis_text) == len(draft.text)


def test_draft_from_text_source_map_is_the_text_itself():
    text = "Line one\nAs I said\r\nthanks"
    draft = Draft.from_text(text)
    assert draft.source_map.line_col(text.index("said")) == (2, 6)
    assert draft.source_map.span(text.index("thanks"), len(text)) == (3, 1, 3, 7)
