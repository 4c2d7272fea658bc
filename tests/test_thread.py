"""Thread context: quoted earlier messages, --customer / --customer-text, and why a context rule fired."""

from __future__ import annotations

import json

from click.testing import CliRunner

from replylint.cli import cli
from replylint.draft import Draft
from replylint.thread import find_quoted

EMAIL = "Hi Jo,\n\nIt ships Monday.\n\nOn Mon, 3 Mar 2026 at 10:02, Jo <jo@example.com> wrote:\n> My order is late again!\n>\n> Ridiculous."


def test_reply_header_and_quote_lines_become_the_customer_message():
    draft = Draft.from_text(EMAIL)
    assert draft.customer == "My order is late again!\nRidiculous."
    assert len(draft.analysis_text) == len(EMAIL)
    assert draft.analysis_text.startswith("Hi Jo,\n\nIt ships Monday.")
    assert "late" not in draft.analysis_text and draft.analysis_text.count("\n") == EMAIL.count("\n")


def test_quote_lines_anywhere_and_an_explicit_customer_wins():
    text = "> Where is my refund??\n\nHi, it went out today."
    assert find_quoted(text).text == "Where is my refund??"
    assert Draft.from_text(text, customer="given").customer == "given"
    assert "refund" not in Draft.from_text(text, customer="given").analysis_text


def test_no_quote_no_context():
    for text in ("Hi, we open at 9 > 8 is wrong.", "From: Monday to Friday we answer calls.", "Plain reply."):
        draft = Draft.from_text(text)
        assert draft.customer is None and draft.analysis_text == text


def test_cli_customer_options_and_trigger_in_json(tmp_path):
    runner = CliRunner()
    args = ["check", "--model", "blank", "--format", "json", "--text", "It ships on Monday from our warehouse."]
    quiet = json.loads(runner.invoke(cli, args).stdout)
    assert not [f for f in quiet["drafts"][0]["findings"] if f["category"] == "missing-apology"]
    complaint = "Hello. My parcel is late AGAIN, this is ridiculous. Thanks"
    with_text = json.loads(runner.invoke(cli, [*args, "--customer-text", complaint]).stdout)
    (finding,) = [f for f in with_text["drafts"][0]["findings"] if f["category"] == "missing-apology"]
    assert finding["trigger"] == "the customer wrote: My parcel is late AGAIN, this is ridiculous."
    assert (finding["line"], finding["column"]) == (1, 1)
    path = tmp_path / "customer.txt"
    path.write_text(complaint)
    with_file = json.loads(runner.invoke(cli, [*args, "--customer", str(path)]).stdout)
    assert with_file["drafts"][0]["findings"] == with_text["drafts"][0]["findings"]
    both = runner.invoke(cli, [*args, "--customer", str(path), "--customer-text", "x"])
    assert both.exit_code == 2


def test_markdown_opening_quote_is_the_customer_but_a_callout_is_reply(tmp_path):
    from replylint.readers import read_file

    quoted = tmp_path / "q.md"
    quoted.write_text("> My parcel is late again!\n\nHi Jo,\n\nIt ships **Monday**.\n")
    (draft,) = read_file(quoted)
    assert draft.customer == "My parcel is late again!" and "late" not in draft.analysis_text
    callout = tmp_path / "c.md"
    callout.write_text("Hi Jo,\n\n> **Note:** refunds take 5 days.\n\nIt ships Monday.\n")
    (draft,) = read_file(callout)
    assert draft.customer is None and "refunds take 5 days" in draft.analysis_text
