"""Tests for replylint.placeholders: every syntax, kinds, fallbacks, false-positive guards, stand-ins, rules."""

from __future__ import annotations

import random

import pytest

from replylint.draft import Draft
from replylint.placeholders import KINDS, Placeholder, find_placeholders, stand_in

from .conftest import get_linter


def only(text: str) -> Placeholder:
    found = find_placeholders(text)
    assert len(found) == 1, found
    return found[0]


def spans(text: str) -> list[str]:
    return [text[p.start:p.end] for p in find_placeholders(text)]


# --- syntaxes ----------------------------------------------------------------------------------------------------

# (text, the placeholder's text, kind, syntax, variable, fallback)
SYNTAXES = [
    ('Hi {{ customer.first_name | default: "there" }}, sorry', '{{ customer.first_name | default: "there" }}',
     "name", "liquid", "customer.first_name", "there"),
    ("Hi {{ticket.requester.first_name}},", "{{ticket.requester.first_name}}",
     "name", "liquid", "ticket.requester.first_name", None),
    ("Hi {{ticket.requester.first_name | fallback: 'there'}}!", "{{ticket.requester.first_name | fallback: 'there'}}",
     "name", "liquid", "ticket.requester.first_name", "there"),
    ('Hi {{ name|default("there") }}.', '{{ name|default("there") }}', "name", "jinja", "name", "there"),
    ("Hi {{ name | d('there') }}.", "{{ name | d('there') }}", "name", "jinja", "name", "there"),
    ('Hi {{ name or "there" }}.', '{{ name or "there" }}', "name", "jinja", "name", "there"),
    ("Hi {{{first_name}}}!", "{{{first_name}}}", "name", "handlebars", "first_name", None),
    ('Hi {{default first_name "there"}}!', '{{default first_name "there"}}', "name", "handlebars", "first_name",
     "there"),
    ("Hi {%customer.firstName,fallback=there%},", "{%customer.firstName,fallback=there%}",
     "name", "helpscout", "customer.firstName", "there"),
    ("Thanks, {%user.firstName%}", "{%user.firstName%}", "agent", "helpscout", "user.firstName", None),
    ("Hi *|FNAME|*,", "*|FNAME|*", "name", "mailchimp", "FNAME", None),
    ("Hi %FIRSTNAME%,", "%FIRSTNAME%", "name", "percent", "FIRSTNAME", None),
    ("Hi %%FirstName%%,", "%%FirstName%%", "name", "percent", "FirstName", None),
    ("Hi {name}, thanks.", "{name}", "name", "single-brace", "name", None),
    ("Order {order_number} shipped.", "{order_number}", "order", "single-brace", "order_number", None),
    ("Hi ${first_name}!", "${first_name}", "name", "single-brace", "first_name", None),
    ("I tried {brief steps tried} already.", "{brief steps tried}", "other", "single-brace", "brief steps tried",
     None),
    ("Open {app/site} again.", "{app/site}", "other", "single-brace", "app/site", None),
    ("Dear [Customer Name],", "[Customer Name]", "name", "bracket", "Customer Name", None),
    ("Dear [NAME],", "[NAME]", "name", "bracket", "NAME", None),
    ("Refunded on [insert date].", "[insert date]", "date", "bracket", "insert date", None),
    ("Your [order #] shipped.", "[order #]", "order", "bracket", "order #", None),
    ("Best, [Agent Name]", "[Agent Name]", "agent", "bracket", "Agent Name", None),
    ("Dear [Customer Name]:", "[Customer Name]", "name", "bracket", "Customer Name", None),
    ("It costs $[XX] a month.", "[XX]", "other", "bracket", "XX", None),
    ("Track it here: [link]", "[link]", "link", "bracket", "link", None),
    ("Kind regards, [Your Name]", "[Your Name]", "agent", "bracket", "Your Name", None),
]


@pytest.mark.parametrize("text, span, kind, syntax, variable, fallback", SYNTAXES, ids=[s[1] for s in SYNTAXES])
def test_syntax(text, span, kind, syntax, variable, fallback):
    p = only(text)
    assert text[p.start:p.end] == span
    assert (p.kind, p.syntax, p.variable, p.fallback) == (kind, syntax, variable, fallback)


def test_handlebars_block_helpers_are_tags_and_their_text_stays():
    text = "{{#if first_name}}Hi {{first_name}},{{else}}Hi there,{{/if}} thanks."
    found = find_placeholders(text)
    assert [text[p.start:p.end] for p in found] == ["{{#if first_name}}", "{{first_name}}", "{{else}}", "{{/if}}"]
    assert [p.kind for p in found] == ["tag", "name", "tag", "tag"]
    assert {p.syntax for p in found} == {"handlebars"}
    assert stand_in(text, found) == "                  Hi Alex          ,        Hi there,        thanks."


@pytest.mark.parametrize("text", ["{{! a comment }}", "{{!-- a {{ comment }} --}}", "{{> signature}}",
                                  "{{^if name}}", "{{#each items}}", "{{/each}}", "{{else if x}}"])
def test_other_handlebars_markup_is_tag(text):
    p = only(text)
    assert (p.start, p.end, p.kind, p.variable) == (0, len(text), "tag", None)


@pytest.mark.parametrize("tag", ["{% if customer.first_name %}", "{% else %}", "{% endif %}", "{%- if x -%}",
                                 "{% assign n = 1 %}", "{% for i in items %}", "{% elsif a %}", "{% elif b %}"])
def test_liquid_and_jinja_tags(tag):
    p = only(f"Hi {tag} there")
    assert (p.kind, p.variable, p.fallback) == ("tag", None, None)
    assert p.syntax in ("liquid", "jinja")


def test_liquid_branches_are_linted_and_tags_stand_in_as_space():
    text = "{% if customer.first_name %}Hi {{ customer.first_name }},{% else %}Hi there,{% endif %} sorry."
    draft = Draft.from_text(text, mode="template")
    assert draft.analysis_text == (" " * 28 + "Hi Alex" + " " * 21 + "," + " " * 10 + "Hi there," + " " * 11
                                   + " sorry.")
    assert [p.kind for p in draft.placeholders] == ["tag", "name", "tag", "tag"]


def test_comment_block_is_one_tag_and_never_linted():
    text = "Hi.{% comment %}As I said,\n{{ name }} [Customer Name]{% endcomment %} Bye."
    p = only(text)
    assert text[p.start:p.end].startswith("{% comment %}") and text[p.start:p.end].endswith("{% endcomment %}")
    assert p.kind == "tag"
    out = stand_in(text, [p])
    assert out == "Hi." + "".join("\n" if c == "\n" else " " for c in text[p.start:p.end]) + " Bye."
    assert out.index("\n") == text.index("\n")


def test_jinja_comment_is_tag():
    assert [p.kind for p in find_placeholders("Hi {# note: {{ name }} #} there")] == ["tag"]


def test_raw_block_body_is_literal():
    text = "{% raw %}{{ not_a_variable }}{% endraw %} ok"
    found = find_placeholders(text)
    assert [text[p.start:p.end] for p in found] == ["{% raw %}", "{% endraw %}"]
    assert all(p.kind == "tag" for p in found)


def test_unclosed_comment_is_just_a_tag():
    assert [p.kind for p in find_placeholders("{% comment %} hi {{ name }}")] == ["tag", "name"]


def test_mailchimp_conditionals_are_tags():
    text = "*|IF:FNAME|*Hi *|FNAME|*,*|ELSE:|*Hi there,*|END:IF|*"
    found = find_placeholders(text)
    assert [p.kind for p in found] == ["tag", "name", "tag", "tag"]
    assert found[1].fallback == "Hi there,"


def test_intercom_after_the_html_reader_is_liquid():
    p = only('Hi {{ first_name | default: "there" }}')
    assert (p.kind, p.syntax, p.fallback) == ("name", "liquid", "there")


def test_markdown_blanked_pipe_still_finds_the_fallback():
    # the Markdown reader blanks table pipes, so a filter can lose its "|"
    assert only('Hi {{ customer.first_name   default: "there" }}').fallback == "there"


def test_several_in_order_and_disjoint():
    text = "Hi {{ name }}, order {order_number} ships [insert date]; {% if x %}ok{% endif %} *|FNAME|* %LNAME%"
    found = find_placeholders(text)
    assert spans(text) == ["{{ name }}", "{order_number}", "[insert date]", "{% if x %}", "{% endif %}",
                           "*|FNAME|*", "%LNAME%"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


# --- false positives -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "See [our returns guide](https://example.com/returns) for details.",
    "See [our returns guide][1].",
    "[1]: https://example.com/returns",
    "Text.\n  [Customer Name]: https://example.com/x",
    "As shown in the study [1] and [12], and footnote [^2].",
    "- [x] done\n- [ ] to do\n- [X] also done",
    'He said the parcel was "damaged [sic] on arrival".',
    "[EDIT] I've refunded it. [Update] It arrived. [External] [Action Required]",
    "The reply was [he said] and [the rest was cut].",
    "[citation needed] [...] [redacted]",
    'The API returned {"status": "ok", "id": 12} and {a: 1}.',
    "Use the set {1, 2, 3} or {'a': 1}.",
    "function f() { return g(x); }",
    "{} and {0} are format fields.",
    "We give 20% off and 50%OFF%, 100% sure.",
    "Open %APPDATA%\\Foo or %TEMP% then %USERPROFILE%/x.",
    "Ticket [Ticket #12345] and [Order 4471-99].",
    "I read it on [StackOverflow] and [GitHub].",
    "Plain reply with no markup at all.",
    "x[i] and arr[0] and f[name] and a{b}",
    "{{ unclosed and } stray",
    "I was [on the phone] with them for [about an hour].",
    "Wiki templates {{{1}}} and {{1}} are not placeholders.",
])
def test_no_false_positives(text):
    assert find_placeholders(text) == [], spans(text)


def test_empty_double_braces_are_a_blank():
    p = only("Hi {{ }},")
    assert (p.kind, p.variable) == ("other", None)


def test_instructions_in_capitals_are_blanks_of_kind_other():
    p = only("Hi, [TYPE YOUR QUESTION HERE] thanks")
    assert (p.kind, p.syntax) == ("other", "bracket")


def test_fast_path_without_trigger_characters():
    assert find_placeholders("Hi Tom, sorry about the delay. It ships today!") == []
    assert find_placeholders("") == []


# --- kinds ---------------------------------------------------------------------------------------------------------

KIND_CASES = {
    "name": ["first_name", "firstName", "customer.name", "requester.first_name", "ticket.requester.name", "FNAME",
             "name", "customer", "contact.firstname", "customer_name", "user.first_name", "LNAME", "full_name",
             "end_user.name"],
    "agent": ["agent", "agent_name", "current_user.name", "current_user.first_name", "assignee.name",
              "ticket.assignee.name", "agent.firstName"],
    "company": ["company", "company_name", "customer.company", "organization.name", "requester.organization.name",
                "mailbox.name", "brand"],
    "order": ["order", "order_number", "ticket.id", "tracking", "tracking_number", "conversation.number", "ID",
              "order.id", "case_number", "invoice", "ticket.customer.integrations.shopify.orders[0].name"],
    "date": ["date", "end_date", "order.created_at", "delivery_date", "timeframe", "deadline", "today/end_of_term"],
    "link": ["url", "link", "tracking_link", "reset_url", "website"],
    "email": ["email", "customer.email", "mailbox.email", "requester.email"],
    "phone": ["phone", "phone_number", "customer.phone", "mobile"],
    "other": ["amount", "plan_name", "product_name", "issue", "reason", "X", "feature", "button_name",
              "customer reason", "why customer asked", "ticket.ticket_field_80211"],
}


def _wrap(variable: str) -> str:
    word_blank = " " in variable or "/" in variable
    return f"{{{variable}}}" if word_blank else f"{{{{ {variable} }}}}"  # word blanks: single braces


@pytest.mark.parametrize("kind, variable", [(k, v) for k, vs in KIND_CASES.items() for v in vs])
def test_kind_from_variable(kind, variable):
    text = f"x {_wrap(variable)} y"
    assert only(text).variable == variable
    assert only(text).kind == kind


@pytest.mark.parametrize("text, kind", [
    ("[Customer Name]", "name"), ("[First Name]", "name"), ("[insert customer name]", "name"),
    ("[Agent Name]", "agent"), ("[Your Name]", "agent"), ("[Company Name]", "company"),
    ("[Order Number]", "order"), ("[tracking link]", "link"), ("[DATE]", "date"), ("[email]", "email"),
    ("[Phone Number]", "phone"), ("[Product Name]", "other"), ("[TBD]", "other"),
])
def test_kind_from_bracket_words(text, kind):
    assert only(f"a {text} b").kind == kind


def test_helpscout_user_is_the_agent_but_intercom_user_is_the_customer():
    assert only("{%user.firstName%}").kind == "agent"
    assert only("{{ user.first_name }}").kind == "name"


def test_every_kind_is_known():
    texts = [_wrap(v) for vs in KIND_CASES.values() for v in vs] + ["{% if x %}", "[Customer Name]"]
    assert {only(t).kind for t in texts} <= set(KINDS)


# --- fallbacks -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, fallback", [
    ('{{ name | default: "" }}', None),
    ("{{ name | default: '  ' }}", None),
    ("{%customer.firstName,fallback=%}", None),
    ("{%customer.firstName,fallback= %}", None),
    ('{{ name | default: "friend" | capitalize }}', "friend"),
    ('{{ name | capitalize | default: "friend" }}', "friend"),
    ("{{ name | default: customer.nickname }}", "customer.nickname"),
    ("{{ name | upcase }}", None),
    ("{{ name | default: \u201cthere\u201d }}", "there"),
])
def test_fallback_values(text, fallback):
    assert only(text).fallback == fallback


@pytest.mark.parametrize("text, fallback", [
    ("{% if name %}Hi {{ name }},{% else %}Hi there,{% endif %}", "Hi there,"),
    ("{% if name != blank %}Hi {{ name }},{% endif %} thanks", ""),  # the whole greeting goes
    ("Hi {% if name %}{{ name }}{% endif %},", None),  # still renders "Hi ,"
    ("{% if name %}{{ name }}{% else %}{% endif %}", None),
    ("{% if other %}Hi {{ name }},{% endif %}", None),  # guarded by another variable
    ("{% if name %}{% if x %}a{% else %}b{% endif %}{% else %}Hi{% endif %} {{ name }}", None),  # outside the block
    ("{{#if name}}{{name}}{{else}}there{{/if}}", "there"),
    ("{% for i in list %}{% else %}none{% endfor %}{% if name %}Hi {{ name }}{% endif %}", ""),
])
def test_if_guard_fallbacks(text, fallback):
    names = [p for p in find_placeholders(text) if p.kind == "name"]
    assert len(names) == 1
    assert names[0].fallback == fallback


# --- stand-ins -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind, source, expected", [
    ("name", "{{ customer.first_name }}", "Alex" + " " * 21),
    ("name", "{nm}", "Alex"),
    ("name", "{n}", "Al "),
    ("agent", "[Agent Name]", "Sam" + " " * 9),
    ("company", "{company}", "Acme     "),
    ("order", "{order_number}", "12345" + " " * 9),
    ("order", "{id}", "123 "),
    ("date", "[insert date]", "Monday       "),
    ("date", "{day}", "today"),
    ("link", "[link]", "ex.com"),
    ("link", "{{ tracking_url }}", "example.com       "),
    ("email", "{{ customer.email }}", "a@example.com       "),
    ("phone", "{{ phone }}", "555 0100   "),
    ("other", "{thing_x}", "thing    "),
    ("tag", "{% if name %}", " " * 13),
    ("name", "{{\n  name\n}}", "Al\n      \n  "),
    ("tag", "{%\n if x\n%}", "  \n     \n  "),
    ("name", "{{ name\r\n}}", "Alex   \r\n  "),
])
def test_stand_in_per_kind(kind, source, expected):
    text = f"a {source} b"
    out = stand_in(text, [Placeholder(2, 2 + len(source), kind, "liquid")])
    assert out == f"a {expected} b"


def test_stand_in_without_placeholders_is_identity():
    assert stand_in("Hi there", []) == "Hi there"


_ALPHABET = list("ab Z{}[]%*|#!:,.\"'\n\t-_/") + ["{{", "}}", "{%", "%}", "[Customer Name]", "{{ name }}", "\r\n",
                                                   "{name}", "*|FNAME|*", "{% if name %}", "{% endif %}",
                                                   "{% comment %}", "{% endcomment %}", "{# c #}", "[link]",
                                                   "%FNAME%", "{{#if x}}", "{{/if}}", "{{else}}", "\u2019"]


@pytest.mark.parametrize("seed", range(300))
def test_random_strings_keep_length_newlines_and_outside_text(seed):
    rnd = random.Random(seed)
    text = "".join(rnd.choice(_ALPHABET) for _ in range(rnd.randint(0, 80)))
    found = find_placeholders(text)
    out = stand_in(text, found)
    assert len(out) == len(text)
    last = 0
    for p in found:
        assert last <= p.start < p.end <= len(text)
        assert p.kind in KINDS
        assert out[last:p.start] == text[last:p.start]  # text outside placeholders is untouched
        last = p.end
    assert out[last:] == text[last:]
    for i, ch in enumerate(text):  # line structure never changes
        assert (out[i] in "\r\n") == (ch in "\r\n"), (i, text)
        if ch in "\r\n":
            assert out[i] == ch
    assert find_placeholders(text) == found  # deterministic


def test_draft_from_text_template_reads_alex_with_same_length():
    text = "Hi {{ customer.first_name }}, sorry your parcel arrived damaged."
    draft = Draft.from_text(text, mode="template")
    assert draft.analysis_text.startswith("Hi Alex ")
    assert draft.analysis_text == "Hi Alex" + " " * 21 + ", sorry your parcel arrived damaged."
    assert len(draft.analysis_text) == len(draft.text)
    assert draft.text == text
    assert [p.kind for p in draft.placeholders] == ["name"]


def test_draft_normalises_quotes_and_stands_in_together():
    text = "Hi {{ name | default: \u201cthere\u201d }}, I\u2019m sorry."
    draft = Draft.from_text(text)
    width = len("{{ name | default: \u201cthere\u201d }}")
    assert draft.analysis_text == "Hi Alex" + " " * (width - 4) + ", I'm sorry."


# --- the rules -----------------------------------------------------------------------------------------------------

def _findings(pipeline_kind, text, mode="draft"):
    linter = get_linter(pipeline_kind)
    return linter.check([Draft.from_text(text, mode=mode)]).results[0].findings


def test_unfilled_placeholder_in_a_draft_is_an_error(pipeline_kind):
    text = "Dear [Customer Name],\nyour order {{ order.number }} ships today."
    hits = [f for f in _findings(pipeline_kind, text) if f.rule == "generic.unfilled-placeholder"]
    assert [(f.line, f.column, f.text, f.severity) for f in hits] == [
        (1, 6, "[Customer Name]", "error"), (2, 12, "{{ order.number }}", "error")]


def test_templates_are_not_unfilled_but_need_name_fallbacks(pipeline_kind):
    text = "Hi {{ customer.first_name }}, your order {{ order.number }} ships today."
    rules = [f.rule for f in _findings(pipeline_kind, text, mode="template")]
    assert "generic.unfilled-placeholder" not in rules
    assert rules.count("generic.name-without-fallback") == 1
    text = 'Hi {{ customer.first_name | default: "there" }}, your order {{ order.number }} ships today.'
    assert "generic.name-without-fallback" not in [f.rule for f in _findings(pipeline_kind, text, mode="template")]


def test_other_rules_do_not_match_inside_placeholders(pipeline_kind):
    # capitals and "dear customer" inside placeholders are not the reply's words
    text = "Dear [CUSTOMER NAME], I've refunded [REFUND AMOUNT] to your card. Sorry for the trouble, [AGENT NAME]"
    rules = {f.rule for f in _findings(pipeline_kind, text, mode="template")}
    assert "generic.all-caps" not in rules
    assert "generic.valued-customer" not in rules


def test_markdown_keeps_placeholders_as_written():
    from replylint.readers.markdown import to_text

    source = 'Hi *|FNAME|*, see **{{ x | default: "y" }}** | a |'
    out = to_text(source)
    assert out[3:12] == "*|FNAME|*" and '{{ x | default: "y" }}' in out and "**" not in out


def test_hand_filled_blanks_need_no_fallback():
    from replylint.api import Linter

    linter = Linter(model="blank", select=["generic.name-without-fallback"])
    from replylint.draft import Draft

    drafts = [Draft.from_text(t, mode="template") for t in
              ("Hi [Customer Name], thanks.", "Hi {customer_name}, thanks.", "Hi {{ customer.first_name }}, thanks.",
               'Hi {{ customer.first_name | default: "there" }}, thanks.')]
    flagged = [bool(r.findings) for r in linter.check(drafts).results]
    assert flagged == [False, False, True, False]
