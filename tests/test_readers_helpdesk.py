"""Tests for replylint.readers.helpdesk: macro exports of five helpdesks, detection by shape, and exact positions
of words in the reply text back in the file (through JSON escapes, HTML entities and minified files)."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint.cli import cli
from replylint.errors import ReplylintError
from replylint.readers import ReaderOptions, helpdesk, read_file, read_paths
from replylint.readers.jsonpos import loads_with_positions

FIXTURES = Path(__file__).parent / "fixtures" / "readers"


def fixture(name: str) -> tuple[Path, str]:
    path = FIXTURES / name
    return path, path.read_text(encoding="utf-8")


def located(source: str, draft, word: str, occurrence: int = 0) -> str:
    """The file text that ``draft.source_map.span`` gives for ``word`` in the draft (by line and column only)."""
    i = -1
    for _ in range(occurrence + 1):
        i = draft.text.index(word, i + 1)
    line, col, end_line, end_col = draft.source_map.span(i, i + len(word))
    assert line == end_line, (word, line, end_line)
    return source.split("\n")[line - 1][col - 1:end_col - 1]


def by_name(drafts) -> dict:
    return {d.id.split("#", 1)[1]: d for d in drafts}


# --- Zendesk ---------------------------------------------------------------------------------------------------------

def test_zendesk_bulk_export_one_template_draft_per_macro_with_a_reply():
    path, source = fixture("zendesk_macros.json")
    drafts = read_file(path)
    assert [d.id for d in drafts] == [f"{path}#Shipping::Delayed", f"{path}#Refunds::Issued",
                                      f"{path}#Shipping::Delayed#2"]
    assert [d.name for d in drafts] == ["Shipping::Delayed", "Refunds::Issued", "Shipping::Delayed"]
    assert all(d.mode == "template" and d.path == str(path) and d.customer is None for d in drafts)
    assert drafts[0].text == ("Hi {{ticket.requester.first_name}},\n\nI\u2019m sorry your parcel is running late & "
                              "that nobody told you sooner.\n\nIt left our warehouse on Monday and should reach you "
                              "by Friday.")
    assert drafts[1].text.endswith("is on its way.\nAs I said, it takes five working days.")


def test_zendesk_positions_through_html_entities():
    path, source = fixture("zendesk_macros.json")
    d = read_file(path)[0]
    assert located(source, d, "nobody") == "nobody"
    assert located(source, d, "that nobody told you") == "that nobody told you"
    assert located(source, d, "late & that") == "late &amp; that"
    assert located(source, d, "I\u2019m sorry") == "I&rsquo;m sorry"
    assert located(source, d, "warehouse") == "warehouse"
    i = d.text.index("warehouse")
    line, col = d.source_map.line_col(i)
    assert (line, col) == (source[:source.index("warehouse")].count("\n") + 1,
                           source.split("\n")[line - 1].index("warehouse") + 1)


def test_zendesk_list_value_and_newline_escapes():
    path, source = fixture("zendesk_macros.json")
    d = read_file(path)[1]
    assert d.text.startswith("Hi {{ticket.requester.first_name}},\n\nYour refund")
    assert located(source, d, "As I said") == "As I said"
    assert located(source, d, "Your refund") == "Your refund"
    assert located(source, d, "way.\nAs") == "way.\\nAs"


def test_zendesk_minified_with_unicode_escaped_html():
    path, source = fixture("zendesk_macro_minified.json")
    assert source.count("\n") == 1  # one line, HTML written as \u003cp\u003e
    (d,) = read_file(path)
    assert d.name == "Returns::Damaged item"
    assert d.text == ("Hi {{ticket.requester.first_name}},\n\nI\u2019m sorry the Caf\u00e9 Lumi\u00e8re lamp arrived "
                      "broken. We\u2019ve booked a courier & a replacement for you.\n\nTerms & Conditions apply, as "
                      "previously stated.")
    assert located(source, d, "Lumi\u00e8re") == "Lumi\\u00e8re"
    assert located(source, d, "booked") == "booked"  # after a \n escape (whitespace in HTML)
    assert located(source, d, "replacement") == "replacement"  # after an escaped &amp;
    assert located(source, d, "courier & a") == "courier \\u0026amp; a"
    assert located(source, d, "We\u2019ve") == "We\\u0026rsquo;ve"
    assert located(source, d, "I\u2019m") == "I\\u0026#8217;m"
    assert located(source, d, "Conditions") == "Conditions"
    assert located(source, d, "as previously stated") == "as previously stated"
    line, col = d.source_map.line_col(d.text.index("previously"))
    assert (line, col) == (1, source.index("previously") + 1)


def test_zendesk_single_macro_and_bare_list(tmp_path):
    macro = {"id": 1, "title": "Billing::Card declined",
             "actions": [{"field": "comment_value", "value": "Your card was declined, kindly note the retry."}]}
    single = tmp_path / "single.json"
    single.write_text(json.dumps({"macro": macro}))
    bare = tmp_path / "bare.json"
    bare.write_text(json.dumps([macro, {"id": 2, "title": "No reply", "actions": [{"field": "status",
                                                                                      "value": "open"}]}]))
    for f in (single, bare):
        (d,) = read_file(f)
        assert d.name == "Billing::Card declined" and d.text.startswith("Your card was declined")


def test_zendesk_html_preferred_over_plain_text(tmp_path):
    f = tmp_path / "m.json"
    f.write_text(json.dumps({"macros": [{"title": "Both", "actions": [
        {"field": "comment_value", "value": "plain version"},
        {"field": "comment_value_html", "value": "<p>html version</p>"}]}]}))
    (d,) = read_file(f)
    assert d.text == "html version"


# --- Help Scout --------------------------------------------------------------------------------------------------

def test_helpscout_saved_replies_with_chat_text():
    path, source = fixture("helpscout_saved_replies.json")
    drafts = read_file(path)
    assert [d.name for d in drafts] == ["Password reset", "Password reset (chat)"]  # the empty reply is skipped
    assert drafts[1].id == f"{path}#Password reset (chat)"
    email, chat = drafts
    assert email.text == ("Hi {%customer.firstName,fallback=there%},\n\nSorry you're locked out. Use the link below "
                          "to choose a new password:\n\n- Open the reset page\n- Enter your email \u2014 the one you "
                          "signed up with\n\nKindly note the link expires after an hour.")
    assert located(source, email, "you're") == "you&#39;re"
    assert located(source, email, "locked out") == "locked out"
    assert located(source, email, "the reset page") == "the reset page"
    assert located(source, email, "signed up") == "signed up"
    assert located(source, email, "Kindly note") == "Kindly note"
    assert chat.text == "Sorry you're locked out!\nKindly note the reset link expires after an hour."
    assert located(source, chat, "Kindly note") == "Kindly note"
    assert located(source, chat, "out!\nKindly") == "out!\\nKindly"


@pytest.mark.parametrize("wrap", [
    lambda items: items,
    lambda items: {"items": items},
    lambda items: {"_embedded": {"saved-replies": items}, "page": {"number": 1}},
])
def test_helpscout_wrappers(tmp_path, wrap):
    f = tmp_path / "replies.json"
    f.write_text(json.dumps(wrap([{"id": 1, "name": "Thanks", "text": "<p>Thanks for waiting.</p>"}])))
    (d,) = read_file(f)
    assert (d.name, d.text) == ("Thanks", "Thanks for waiting.")


# --- Gorgias, Freshdesk, Intercom --------------------------------------------------------------------------------

def test_gorgias_macros_prefer_body_html():
    path, source = fixture("gorgias_macros.json")
    (d,) = read_file(path)  # the tag-only macro has no reply
    assert d.name == "WISMO - where is my order"
    assert d.text.startswith("Hi {{ticket.customer.firstname}},\n\nYour order {{ticket.customer.integrations")
    assert located(source, d, "as previously stated") == "as previously stated"
    assert located(source, d, "way \u2014 as") == "way &#8212; as"
    assert located(source, d, "{{ticket.customer.firstname}}") == "{{ticket.customer.firstname}}"


def test_html_field_with_plain_text_keeps_its_line_breaks(tmp_path):
    f = tmp_path / "h.json"
    f.write_text(json.dumps([{"name": "Plain", "text": "Hi,\n\nThanks for waiting.\nBye"}]))
    (d,) = read_file(f)
    assert d.text == "Hi,\n\nThanks for waiting.\nBye"
    assert located(f.read_text(), d, "Thanks") == "Thanks"


def test_gorgias_body_text_when_no_html(tmp_path):
    f = tmp_path / "g.json"
    f.write_text(json.dumps({"data": [{"name": "Short", "actions": [
        {"name": "setResponseText", "type": "user", "arguments": {"body_text": "Line one\nLine two"}}]}]}))
    (d,) = read_file(f)
    assert d.text == "Line one\nLine two"


def test_freshdesk_canned_responses():
    path, source = fixture("freshdesk_canned_responses.json")
    html_reply, plain = read_file(path)
    assert html_reply.name == "Warranty claim received"
    assert html_reply.text == ("Hi,\nThanks for sending the photos. As per our policy, warranty claims take up to "
                               "10 days.")
    assert located(source, html_reply, "As per our policy") == "As per our policy"
    assert located(source, html_reply, "10 days") == "10&nbsp;days"
    assert plain.text == "Kindly note we close at 5pm on Fridays."
    assert located(source, plain, "5pm") == "5pm"


def test_freshdesk_wrapper(tmp_path):
    f = tmp_path / "f.json"
    f.write_text(json.dumps({"canned_responses": [{"title": "Hi", "content_html": "<p>Hello</p>"}]}))
    assert [d.text for d in read_file(f)] == ["Hello"]


def test_intercom_macros_attributes_become_liquid():
    path, source = fixture("intercom_macros.json")
    (d,) = read_file(path)
    assert d.name == "Welcome back"
    assert d.text == ('Hi {{ user.first_name | default: "there" }}, welcome back!\n\nAs I said, your plan renews on '
                      "{{ company.plan_renewal }}.")
    assert located(source, d, "As I said") == "As I said"
    assert located(source, d, "welcome back") == "welcome back"
    start = d.text.index("{{ user")
    line, col = d.source_map.line_col(start)
    assert source.split("\n")[line - 1][col - 1:].startswith('<attribute key=\\"user.first_name\\"')


@pytest.mark.parametrize("doc", [
    {"macros": [{"name": "Plain", "body_text": "Thanks, we're on it."}]},
    [{"type": "macro", "title": "Plain", "body_text": "Thanks, we're on it."}],
])
def test_intercom_body_text_and_wrappers(tmp_path, doc):
    f = tmp_path / "i.json"
    f.write_text(json.dumps(doc))
    (d,) = read_file(f)
    assert (d.name, d.text) == ("Plain", "Thanks, we're on it.")


# --- detection -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, fmt", [
    ("zendesk_macros.json", "zendesk"), ("zendesk_macro_minified.json", "zendesk"),
    ("helpscout_saved_replies.json", "helpscout"), ("gorgias_macros.json", "gorgias"),
    ("freshdesk_canned_responses.json", "freshdesk"), ("intercom_macros.json", "intercom"),
])
def test_detection_by_shape(name, fmt):
    _, source = fixture(name)
    assert helpdesk.detect(loads_with_positions(source))[0] == fmt


@pytest.mark.parametrize("doc", [
    {"name": "my-app", "version": "1.0.0", "dependencies": {"left-pad": "^1.3.0"}},
    {"reply": "not a macro export"},
    ["just", "strings"],
    [{"id": 1}],
    [{"number": 1347, "title": "Found a bug", "body": "I'm having a problem with this.", "state": "open"}],
    "a string",
    42,
])
def test_unknown_shape_named_explicitly_is_an_error(tmp_path, doc):
    f = tmp_path / "package.json"
    f.write_text(json.dumps(doc))
    with pytest.raises(ReplylintError) as info:
        read_paths([str(f)])
    assert info.value.path == str(f)
    assert info.value.message == ("unrecognised JSON shape: expected Zendesk, Help Scout, Gorgias, Freshdesk or "
                                  "Intercom macros (or use --input-format)")


@pytest.mark.parametrize("doc", [[], {"macros": []}, {"data": []}])
def test_empty_export_has_no_drafts(tmp_path, doc):
    f = tmp_path / "empty.json"
    f.write_text(json.dumps(doc))
    assert read_file(f) == []


def test_invalid_json_is_an_error_with_its_line(tmp_path):
    f = tmp_path / "macros.json"
    f.write_text('{"macros": [\n  {"title": "x",}\n]}')
    with pytest.raises(ReplylintError) as info:
        read_file(f)
    assert info.value.path == str(f) and info.value.line == 2


def test_input_format_forces_the_kind_for_any_extension(tmp_path):
    src = FIXTURES / "intercom_macros.json"
    f = tmp_path / "export.dat"
    shutil.copy(src, f)
    assert read_paths([str(f)])[0].text.startswith("{")  # by extension: plain text
    (d,) = read_paths([str(f)], options=ReaderOptions(input_format="intercom"))
    assert d.name == "Welcome back"
    (d,) = read_paths([str(f)], options=ReaderOptions(input_format="json"))
    assert d.name == "Welcome back"


def test_input_format_on_stdin():
    source = json.dumps({"macro": {"title": "T", "actions": [{"field": "comment_value", "value": "Hello"}]}})
    (d,) = read_paths(["-"], stdin_text=source, options=ReaderOptions(input_format="zendesk"))
    assert (d.id, d.name, d.text, d.mode) == ("<stdin>#T", "T", "Hello", "template")
    (d,) = read_paths(["-"], stdin_text=source)
    assert d.text == source and d.mode == "draft"


def test_mode_option_overrides_every_draft():
    drafts = read_paths([str(FIXTURES / "zendesk_macros.json")], options=ReaderOptions(mode="draft"))
    assert {d.mode for d in drafts} == {"draft"}


def test_reader_options_are_validated():
    with pytest.raises(ReplylintError):
        ReaderOptions(input_format="csv")
    with pytest.raises(ReplylintError):
        ReaderOptions(mode="final")


# --- directories ---------------------------------------------------------------------------------------------------

def test_directory_walk_reads_exports_and_passes_over_other_json_and_yaml(tmp_path):
    shutil.copy(FIXTURES / "zendesk_macros.json", tmp_path / "zendesk_macros.json")
    shutil.copy(FIXTURES / "intercom_macros.json", tmp_path / "intercom.json")
    (tmp_path / "package.json").write_text(json.dumps({"name": "support-site", "scripts": {"lint": "replylint"}}))
    (tmp_path / "tsconfig.json").write_text('{\n  // comments are not JSON\n  "compilerOptions": {}\n}\n')
    (tmp_path / "package-lock.json").write_text("[]")
    (tmp_path / ".pre-commit-config.yaml").write_text("repos: []\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Help\nnav:\n  - Home: index.md\n")
    (tmp_path / "broken.yaml").write_text("key: [unclosed\n")
    (tmp_path / "reply.txt").write_text("Thanks for waiting.")
    drafts = read_paths([str(tmp_path)])
    assert sorted({Path(d.path).name for d in drafts}) == ["intercom.json", "reply.txt", "zendesk_macros.json"]
    assert len(drafts) == 5


def test_directory_walk_reports_a_broken_macro_export(tmp_path):
    bad = tmp_path / "macros.json"
    bad.write_text('{"macros": [{"title": "x", "actions": [{"field": "comment_value", "value": "oops}]}]}')
    with pytest.raises(ReplylintError) as info:
        read_paths([str(tmp_path)])
    assert info.value.path == str(bad)


# --- end to end: a finding's line and column -------------------------------------------------------------------------

RULES = textwrap.dedent("""
    category: defensive
    rules:
      - id: t.previously-stated
        kind: phrase
        severity: warning
        message: Pointing back sounds impatient.
        rationale: Customers who ask twice are confused, not careless.
        phrases: ["as previously stated", "as i said"]
        examples: {flag: ["As previously stated, no.", "As I said, no."], pass: ["As I sat down.", "Hi."]}
    """)


def test_cli_findings_point_into_the_minified_export(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    path, source = fixture("zendesk_macro_minified.json")
    result = CliRunner().invoke(cli, ["check", str(path), "--format", "json", "--model", "blank", "--no-builtin",
                                      "--rules", str(rules)], env={"NO_COLOR": "1"})
    assert result.exit_code == 1, result.output
    (draft,) = json.loads(result.output)["drafts"]
    (finding,) = draft["findings"]
    start = source.index("as previously stated")
    assert (finding["line"], finding["column"], finding["end_line"], finding["end_column"]) == (
        1, start + 1, 1, start + 1 + len("as previously stated"))
    assert draft["name"] == "Returns::Damaged item"
