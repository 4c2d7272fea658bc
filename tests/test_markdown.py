"""Tests for replylint.readers.markdown: markup blanked with spaces, prose kept at its own offsets."""

from __future__ import annotations

import pytest

from replylint.readers import markdown
from replylint.readers.markdown import to_text

DOCS = [
    "",
    "Plain prose only.",
    "---\ntitle: Refund macro\ntags: [refund]\n---\nHi {{name}},\n\nAs I said, **sorry**.\n",
    "---\r\ntitle: x\r\n---\r\n# Heading\r\n\r\n- item *one*\r\n- item two\r\n",
    "# Title\n\n```python\nprint('as i said')\n```\n\nText after.\n",
    "~~~\ncode\n~~~\nok",
    "Before <!-- a\nmulti-line\ncomment --> after",
    "See [our help page](https://example.com/help \"Help\") or [the FAQ][faq].",
    "![logo](https://example.com/logo.png) Hello <https://example.com> and <b>bold</b>",
    "> quoted\n> > nested quote\n\n1. first\n2) second\n- [ ] task\n* [x] done\n+ plus",
    "***bold italic*** and __strong__ and _em_ and ~~gone~~ and `code`",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "Caf\u00e9 \u2014 we\u2019re \U0001f600 *sorry*\n",
    "***\n___\n- - -\n",
]


@pytest.mark.parametrize("doc", DOCS)
def test_to_text_keeps_length(doc):
    assert len(to_text(doc)) == len(doc)


@pytest.mark.parametrize("doc", DOCS)
def test_to_text_only_replaces_characters_with_spaces(doc):
    """Every output character is the source character at the same offset, or a space; newlines never move."""
    out = to_text(doc)
    for i, (src, got) in enumerate(zip(doc, out)):
        if src == "\n":
            assert got == "\n", i
        else:
            assert got in (src, " "), (i, src, got)


def blanked(out: str, source: str, fragment: str) -> bool:
    """True when every non-newline character of ``fragment`` (found in ``source``) is a space in ``out``."""
    start = source.index(fragment)
    return all(c == " " for c in out[start:start + len(fragment)].replace("\n", ""))


def kept(out: str, source: str, fragment: str, occurrence: int = 0) -> bool:
    """True when ``fragment`` appears unchanged in ``out`` at its offset in ``source``."""
    start = -1
    for _ in range(occurrence + 1):
        start = source.index(fragment, start + 1)
    return out[start:start + len(fragment)] == fragment


# --- front matter ------------------------------------------------------------------------------------------------

def test_front_matter_is_blanked_and_body_kept():
    doc = "---\ntitle: Refund macro\nauthor: sam\n---\nHello, as I said.\n"
    out = to_text(doc)
    assert blanked(out, doc, "---\ntitle: Refund macro\nauthor: sam\n---")
    assert kept(out, doc, "Hello, as I said.")
    assert out.count("\n") == doc.count("\n")


def test_front_matter_with_crlf_is_blanked():
    doc = "---\r\ntitle: x\r\n---\r\nBody text\r\n"
    out = to_text(doc)
    assert "title" not in out
    assert kept(out, doc, "Body text")


def test_front_matter_ending_with_dots_is_blanked():
    doc = "---\ntitle: x\n...\nBody"
    out = to_text(doc)
    assert "title" not in out
    assert kept(out, doc, "Body")


def test_dashes_later_in_the_document_are_not_front_matter():
    doc = "Hello there.\n---\ntitle: not front matter\n---\n"
    out = to_text(doc)
    assert kept(out, doc, "Hello there.")
    assert kept(out, doc, "title: not front matter")


# --- code, comments, html ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("fence", ["```", "~~~"])
def test_fenced_code_is_blanked(fence):
    doc = f"Intro line.\n{fence}text\nAs I said, you failed to read.\n{fence}\nOutro line.\n"
    out = to_text(doc)
    assert "said" not in out
    assert "failed" not in out
    assert fence[0] not in out
    assert kept(out, doc, "Intro line.")
    assert kept(out, doc, "Outro line.")


def test_two_fenced_blocks_do_not_swallow_the_prose_between():
    doc = "```\none\n```\nBetween the blocks.\n```\ntwo\n```\n"
    out = to_text(doc)
    assert kept(out, doc, "Between the blocks.")
    assert "one" not in out and "two" not in out


def test_inline_code_is_blanked():
    doc = "Run `as i said --force` then wait."
    out = to_text(doc)
    assert blanked(out, doc, "`as i said --force`")
    assert kept(out, doc, "Run ")
    assert kept(out, doc, " then wait.")


def test_html_comment_is_blanked_even_over_lines():
    doc = "Dear customer,<!-- TODO:\nsay sorry -->\nthanks."
    out = to_text(doc)
    assert blanked(out, doc, "<!-- TODO:\nsay sorry -->")
    assert kept(out, doc, "Dear customer,")
    assert kept(out, doc, "thanks.")
    assert out.count("\n") == doc.count("\n")


def test_html_tags_are_blanked_but_their_text_kept():
    doc = "We are <em>really</em> sorry.<br/>"
    out = to_text(doc)
    assert "<" not in out and ">" not in out
    assert kept(out, doc, "really")
    assert kept(out, doc, "sorry.")


# --- links and images --------------------------------------------------------------------------------------------

def test_inline_link_keeps_text_and_blanks_url():
    doc = "Please see [our refund policy](https://example.com/refunds?id=1) today."
    out = to_text(doc)
    assert kept(out, doc, "our refund policy")
    assert "https" not in out and "example" not in out
    assert "[" not in out and "]" not in out and "(" not in out and ")" not in out
    assert kept(out, doc, " today.")


def test_reference_link_keeps_text_and_blanks_label():
    doc = "Read [the FAQ][faq-page] first."
    out = to_text(doc)
    assert kept(out, doc, "the FAQ")
    assert "faq-page" not in out
    assert "[" not in out


def test_autolink_is_blanked():
    doc = "Write to <mailto:help@example.com> or visit <https://example.com/a>."
    out = to_text(doc)
    assert "example" not in out
    assert kept(out, doc, "Write to ")
    assert kept(out, doc, " or visit ")


def test_image_url_is_blanked():
    doc = "![screenshot of the error](https://example.com/err.png)\nThanks."
    out = to_text(doc)
    assert "https" not in out and "png" not in out
    assert kept(out, doc, "Thanks.")


# --- line markers and emphasis -----------------------------------------------------------------------------------

@pytest.mark.parametrize("marker", ["# ", "## ", "###### "])
def test_heading_markers_are_blanked(marker):
    doc = f"{marker}Refund status\nBody."
    out = to_text(doc)
    assert "#" not in out
    assert kept(out, doc, "Refund status")


@pytest.mark.parametrize("marker", ["- ", "* ", "+ ", "1. ", "23) ", "- [ ] ", "* [x] ", "  - "])
def test_list_markers_are_blanked(marker):
    doc = f"Steps:\n{marker}restart the router\n"
    out = to_text(doc)
    assert kept(out, doc, "restart the router")
    assert out[doc.index(marker):doc.index("restart")].strip() == ""


def test_hyphen_inside_prose_is_kept():
    doc = "A well-known, follow-up step - then wait."
    assert to_text(doc) == doc


@pytest.mark.parametrize("doc", ["> As I said, no.", ">As I said, no.", "> > As I said, no.", "  > As I said, no."])
def test_quote_markers_are_blanked(doc):
    out = to_text(doc)
    assert ">" not in out
    assert kept(out, doc, "As I said, no.")


@pytest.mark.parametrize("marked, inner", [
    ("**sorry**", "sorry"),
    ("__sorry__", "sorry"),
    ("*sorry*", "sorry"),
    ("_sorry_", "sorry"),
    ("***very sorry***", "very sorry"),
    ("~~not sorry~~", "not sorry"),
    ("**_nested_ sorry**", "nested"),
])
def test_emphasis_markers_are_blanked(marked, inner):
    doc = f"We are {marked} about it."
    out = to_text(doc)
    assert "*" not in out and "_" not in out and "~" not in out
    assert kept(out, doc, inner)
    assert kept(out, doc, " about it.")


def test_thematic_break_is_blanked():
    doc = "Above.\n\n***\n\nBelow.\n- - -\n"
    out = to_text(doc)
    assert "*" not in out and "-" not in out
    assert kept(out, doc, "Above.") and kept(out, doc, "Below.")


def test_table_pipes_are_blanked():
    doc = "| Plan | Price |\n| Pro | 10 |\n"
    out = to_text(doc)
    assert "|" not in out
    assert kept(out, doc, "Plan") and kept(out, doc, "Price") and kept(out, doc, "Pro")


def test_plain_prose_is_unchanged():
    doc = "Hi Sam,\n\nI'm sorry about the delay. Your refund is on its way (5 days).\n\nThanks!\r\n"
    assert to_text(doc) == doc


def test_prose_offsets_unchanged_in_a_mixed_document():
    doc = (
        "---\nsubject: Late order\n---\n"
        "# Your order\n\n"
        "Hi **Sam**, as I said in [my last email](https://x.example/1), the order is late.\n"
        "> You promised Monday!\n"
        "- Refund: *5 days*\n"
        "<!-- internal: customer is angry -->\n"
        "```\nticket 123\n```\n"
        "Sorry again.\n"
    )
    out = to_text(doc)
    for fragment in ("Your order", "Sam", ", as I said in ", "my last email", ", the order is late.",
                     "You promised Monday!", "Refund: ", "5 days", "Sorry again."):
        assert kept(out, doc, fragment), fragment
    for gone in ("subject", "https", "internal", "ticket", "#", "*", ">", "`"):
        assert gone not in out, gone


# --- read ----------------------------------------------------------------------------------------------------------

def test_read_gives_one_draft_positioned_in_the_source():
    doc = "---\ntitle: t\n---\n# Hello\n\nAs I said, **no refunds**.\n"
    (d,) = markdown.read(doc, "macros/refund.md")
    assert d.id == "macros/refund.md"
    assert d.path == "macros/refund.md"
    assert d.text == to_text(doc)
    i = d.text.index("no refunds")
    assert d.source_map.line_col(i) == (6, doc.split("\n")[5].index("no refunds") + 1)
    assert d.source_map.line_col(d.text.index("Hello")) == (4, 3)


# --- formerly known gaps ----------------------------------------------------------------------------------------------------

def test_emphasis_around_a_link_is_blanked():
    doc = "Please **[reset your password](https://example.com/reset)** now."
    out = to_text(doc)
    assert kept(out, doc, "reset your password")
    assert "*" not in out


@pytest.mark.parametrize("doc", ["> - I was charged twice", "> # I was charged twice", ">> 1. I was charged twice"])
def test_list_or_heading_marker_inside_a_quote_is_blanked(doc):
    out = to_text(doc)
    assert out.strip() == "I was charged twice"


def test_link_reference_definition_url_is_blanked():
    doc = "See [the FAQ][faq].\n\n[faq]: https://example.com/faq\n"
    out = to_text(doc)
    assert kept(out, doc, "the FAQ")
    assert "https" not in out
