"""Tests for replylint.suppressions: inline replylint-disable comments in HTML, Liquid, Jinja and '#' form."""

from __future__ import annotations

import pytest

from replylint.finding import Finding
from replylint.suppressions import (DirectiveProblem, Suppression, apply_suppressions, find_malformed,
                                    parse_suppressions)


def finding(line: int, column: int = 1, rule: str = "defensive.as-i-said", category: str = "defensive") -> Finding:
    return Finding(path="reply.md", line=line, column=column, end_line=line, end_column=column + 9, rule=rule,
                   category=category, severity="warning", message="m", suggestion=None, text="As I said",
                   start=0, end=9, draft_id="reply.md")


DEFENSIVE = dict(rule="defensive.as-i-said", category="defensive")
POLICY = dict(rule="defensive.policy.hide", category="defensive")
GENERIC = dict(rule="generic.any-inconvenience", category="generic")


def kept_lines(source: str, findings: list[Finding]) -> list[tuple[int, str]]:
    kept, _ = apply_suppressions(findings, parse_suppressions(source))
    return [(f.line, f.rule) for f in kept]


def line_of(source: str, needle: str) -> int:
    for n, line in enumerate(source.split("\n"), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


# ----------------------------------------------------------------------------------------- disable-next-line

def test_next_line_html_suppresses_only_the_next_line():
    source = "As I said one\n<!-- replylint-disable-next-line -->\nAs I said two\nAs I said three\n"
    findings = [finding(1, 1), finding(3, 1), finding(4, 1)]
    assert kept_lines(source, findings) == [(1, DEFENSIVE["rule"]), (4, DEFENSIVE["rule"])]


def test_next_line_range_is_the_whole_next_line():
    [s] = parse_suppressions("<!-- replylint-disable-next-line defensive -->\nAs I said\n")
    assert s == Suppression(selectors=("defensive",), start=(2, 1), end=(3, 1), comment_line=1, kind="next-line",
                            comment_column=1, text="replylint-disable-next-line defensive")
    assert s.covers(2, 1) and s.covers(2, 500) and not s.covers(1, 50) and not s.covers(3, 1)


def test_next_line_skips_blank_lines_and_other_comment_lines():
    source = ("<!-- replylint-disable-next-line defensive -->\n"
              "\n"
              "   \n"
              "<!-- replylint-disable-next-line generic -->\n"
              "<!-- a note for the team -->\n"
              "As I said, sorry for any inconvenience.\n"
              "As I said again.\n")
    target = line_of(source, "sorry for any")
    suppressions = parse_suppressions(source)
    assert [s.start for s in suppressions] == [(target, 1), (target, 1)]
    findings = [finding(target, 1, **DEFENSIVE), finding(target, 12, **GENERIC), finding(target + 1, 1)]
    assert kept_lines(source, findings) == [(target + 1, DEFENSIVE["rule"])]


def test_next_line_at_the_end_of_the_file_suppresses_nothing():
    source = "As I said\n<!-- replylint-disable-next-line -->\n\n"
    [s] = parse_suppressions(source)
    kept, unused = apply_suppressions([finding(1)], [s])
    assert len(kept) == 1 and unused == [s]


def test_text_after_the_comment_on_its_own_line_is_not_the_next_line():
    source = "<!-- replylint-disable-next-line --> As I said\nAs I said\n"
    assert kept_lines(source, [finding(1, 38), finding(2, 1)]) == [(1, DEFENSIVE["rule"])]


# ----------------------------------------------------------------------------------------- per rule, per category

@pytest.mark.parametrize("selectors, expected_kept", [
    ("", []),                                                  # none = every rule
    ("defensive", ["generic.any-inconvenience"]),               # a category
    ("defensive.as-i-said", ["defensive.policy.hide", "generic.any-inconvenience"]),  # a rule id
    ("defensive.policy", ["defensive.as-i-said", "generic.any-inconvenience"]),        # an id prefix
    ("defensive.as-i-said, generic", ["defensive.policy.hide"]),   # comma and space separated
    ("defensive.as-i-said generic", ["defensive.policy.hide"]),
    ("missing-apology", ["defensive.as-i-said", "defensive.policy.hide", "generic.any-inconvenience"]),
])
def test_selectors_are_rule_ids_categories_or_prefixes(selectors, expected_kept):
    source = f"<!-- replylint-disable-next-line {selectors} -->\nAs I said, per policy, sorry for any inconvenience\n"
    findings = [finding(2, 1, **DEFENSIVE), finding(2, 12, **POLICY), finding(2, 24, **GENERIC)]
    kept, _ = apply_suppressions(findings, parse_suppressions(source))
    assert [f.rule for f in kept] == expected_kept


def test_a_reason_after_double_dash_is_kept_and_not_a_selector():
    [s] = parse_suppressions("<!-- replylint-disable-next-line generic -- legal wording, approved -->\nx\n")
    assert s.selectors == ("generic",)
    assert s.reason == "legal wording, approved"


# ----------------------------------------------------------------------------------------- blocks

def test_block_runs_from_disable_to_enable():
    source = ("As I said 1\n"
              "<!-- replylint-disable defensive -->\n"
              "As I said 3, sorry for any inconvenience\n"
              "As I said 4\n"
              "<!-- replylint-enable -->\n"
              "As I said 6\n")
    findings = [finding(1), finding(3), finding(3, 14, **GENERIC), finding(4), finding(6)]
    assert kept_lines(source, findings) == [(1, DEFENSIVE["rule"]), (3, GENERIC["rule"]),
                                            (6, DEFENSIVE["rule"])]
    [s] = parse_suppressions(source)
    assert s.kind == "block" and s.start == (2, 37) and s.end == (5, 1)


def test_block_without_enable_runs_to_the_end_of_the_file():
    source = "As I said\n<!-- replylint-disable -->\n" + "As I said\n" * 50
    findings = [finding(1)] + [finding(n) for n in range(3, 53)]
    assert kept_lines(source, findings) == [(1, DEFENSIVE["rule"])]
    [s] = parse_suppressions(source)
    assert s.end == (54, 1) and s.covers(52, 99)


def test_block_starts_after_the_comment_and_ends_where_enable_starts():
    source = "As I said <!-- replylint-disable --> As I said <!-- replylint-enable --> As I said\n"
    findings = [finding(1, 1), finding(1, 38), finding(1, 74)]
    assert [f.column for f in apply_suppressions(findings, parse_suppressions(source))[0]] == [1, 74]


def test_enable_of_one_rule_ends_only_that_rule():
    source = ("<!-- replylint-disable defensive, generic -->\n"
              "As I said, sorry for any inconvenience\n"
              "<!-- replylint-enable generic -->\n"
              "As I said, sorry for any inconvenience\n"
              "<!-- replylint-enable defensive -->\n"
              "As I said, sorry for any inconvenience\n")
    findings = [finding(n, 1, **DEFENSIVE) for n in (2, 4, 6)] + [finding(n, 12, **GENERIC) for n in (2, 4, 6)]
    assert sorted(kept_lines(source, findings)) == [(4, GENERIC["rule"]), (6, DEFENSIVE["rule"]),
                                                    (6, GENERIC["rule"])]
    errors: list = []
    suppressions = parse_suppressions(source, errors=errors)
    assert errors == []
    assert {(s.selectors, s.end) for s in suppressions} == {(("generic",), (3, 1)), (("defensive",), (5, 1))}
    assert {s.comment_line for s in suppressions} == {1}


def test_disable_file_covers_the_whole_file_wherever_it_is():
    source = "As I said\nAs I said\n<!-- replylint-disable-file defensive -->\nsorry for any inconvenience\n"
    findings = [finding(1), finding(2), finding(4, 1, **GENERIC)]
    assert kept_lines(source, findings) == [(4, GENERIC["rule"])]


def test_disable_line_covers_the_comments_own_line():
    source = "As I said <!-- replylint-disable-line -->\nAs I said\n"
    assert kept_lines(source, [finding(1), finding(2)]) == [(2, DEFENSIVE["rule"])]


# ----------------------------------------------------------------------------------------- other syntaxes

def test_liquid_comment_directives():
    source = ("{% comment %}replylint-disable-next-line defensive{% endcomment %}\n"
              "As I said\n"
              "{%- comment -%} replylint-disable generic {%- endcomment -%}\n"
              "sorry for any inconvenience\n"
              "{% comment %}replylint-enable{% endcomment %}\n"
              "sorry for any inconvenience\n")
    findings = [finding(2), finding(4, 1, **GENERIC), finding(6, 1, **GENERIC)]
    assert kept_lines(source, findings) == [(6, GENERIC["rule"])]


def test_liquid_comment_across_lines():
    source = ("Hi {{ customer.first_name }},\n"
              "{% comment %}\n"
              "  replylint-disable-next-line\n"
              "  defensive.as-i-said\n"
              "{% endcomment %}\n"
              "As I said, the parcel left on Monday.\n"
              "As I said again.\n")
    [s] = parse_suppressions(source)
    assert s.selectors == ("defensive.as-i-said",) and s.comment_line == 2
    assert s.start == (6, 1)
    assert kept_lines(source, [finding(6), finding(7)]) == [(7, DEFENSIVE["rule"])]


def test_liquid_inline_and_jinja_comments():
    source = ("As I said {% # replylint-disable-line %}\n"
              "{# replylint-disable-next-line defensive #}\n"
              "As I said\n"
              "As I said\n")
    assert kept_lines(source, [finding(1), finding(3), finding(4)]) == [(4, DEFENSIVE["rule"])]


def test_hash_comments_in_yaml():
    source = ("replies:\n"
              "  # replylint: disable-next-line=defensive.as-i-said\n"
              "  - As I said, we shipped it.\n"
              "  - As I said again.\n"
              "  # replylint: disable=generic, defensive\n"
              "  - Sorry for any inconvenience. As I said.\n"
              "  # replylint: enable\n"
              "  - Sorry for any inconvenience.\n"
              "  - As I said  # replylint: disable-line\n")
    findings = [finding(3, 5), finding(4, 5), finding(6, 5, **GENERIC), finding(6, 35), finding(8, 5, **GENERIC),
                finding(9, 5)]
    assert kept_lines(source, findings) == [(4, DEFENSIVE["rule"]), (8, GENERIC["rule"])]


def test_hash_comment_in_plain_text_and_both_spellings():
    source = ("#replylint: disable-next-line defensive\n"
              "As I said\n"
              "# replylint-disable-next-line=defensive\n"
              "As I said\n"
              "<!-- replylint: disable-next-line=defensive -->\n"
              "As I said\n"
              "As I said\n")
    assert kept_lines(source, [finding(n) for n in (2, 4, 6, 7)]) == [(7, DEFENSIVE["rule"])]


def test_a_hash_inside_text_is_not_a_comment():
    source = "Ticket #4521 is open.\nUse the tag#replylint: disable\nAs I said\n"  # '#' inside a word: text
    assert parse_suppressions(source) == []
    assert find_malformed(source) == []


def test_ordinary_comments_and_text_mentioning_replylint_are_not_directives():
    source = ("<!-- reviewed by the team; replylint-disable not needed -->\n"
              "{% comment %}greeting{% endcomment %}\n"
              "# Heading\n"
              "We use replylint-disable-next-line comments sometimes.\n")
    assert parse_suppressions(source) == []
    assert find_malformed(source) == []


def test_a_directive_inside_another_comment_is_commented_out():
    source = "{% comment %}<!-- replylint-disable -->{% endcomment %}\nAs I said\n"
    assert parse_suppressions(source) == []


def test_positions_count_characters_and_crlf_line_ends():
    source = "Hé llo\r\n<!-- replylint-disable-next-line -->\r\nAs I said\r\n"
    [s] = parse_suppressions(source)
    assert s.start == (3, 1) and s.comment_line == 2
    source = "Ünïcödé As I said <!-- replylint-disable --> x"
    [s] = parse_suppressions(source)
    assert s.start == (1, 45)


# ----------------------------------------------------------------------------------------- unused

def test_unused_suppressions_are_reported():
    source = ("<!-- replylint-disable-next-line defensive -->\n"
              "As I said\n"
              "<!-- replylint-disable-next-line -->\n"
              "All good here.\n"
              "<!-- replylint-disable generic -->\n"
              "Fine.\n")
    kept, unused = apply_suppressions([finding(2)], parse_suppressions(source))
    assert kept == []
    assert [(u.comment_line, u.kind, u.selectors) for u in unused] == [(3, "next-line", ()), (5, "block", ("generic",))]


def test_unused_selectors_are_narrowed():
    source = "<!-- replylint-disable-next-line defensive.as-i-said, generic, non-apology -->\nAs I said, sorry\n"
    _, unused = apply_suppressions([finding(2, 1), finding(2, 12, **GENERIC)], parse_suppressions(source))
    [u] = unused
    assert u.selectors == ("non-apology",) and u.comment_line == 1


def test_a_block_split_by_enable_is_unused_only_for_the_selectors_that_never_matched():
    source = ("<!-- replylint-disable defensive, generic -->\n"
              "As I said\n"
              "<!-- replylint-enable defensive -->\n"
              "Fine\n")
    _, unused = apply_suppressions([finding(2)], parse_suppressions(source))
    [u] = unused
    assert u.selectors == ("generic",) and u.comment_line == 1
    _, unused = apply_suppressions([finding(2), finding(2, 5, **GENERIC)], parse_suppressions(source))
    assert unused == []


def test_used_suppressions_are_not_reported_and_no_suppressions_keep_everything():
    findings = [finding(1), finding(2)]
    assert apply_suppressions(findings, []) == (findings, [])
    source = "As I said <!-- replylint-disable-line -->\n"
    assert apply_suppressions([finding(1)], parse_suppressions(source)) == ([], [])


# ----------------------------------------------------------------------------------------- malformed directives

@pytest.mark.parametrize("source, expected", [
    ("<!-- replylint-disable-nxt-line defensive -->", "did you mean replylint-disable-next-line?"),
    ("<!-- replylint disable -->", "did you mean replylint-disable?"),
    ("<!-- replylint-disabel -->", "did you mean replylint-disable?"),
    ("# replylint: disable-nxt-line=generic", "did you mean replylint-disable-next-line?"),
    ("{% comment %}replylint-enable-file{% endcomment %}", "unknown replylint directive 'replylint-enable-file'"),
    ("<!-- replylint-disable def;ensive -->", "'def;ensive' is not a rule id or category"),
    ("<!-- replylint-disable_next_line -->", "unknown replylint directive 'replylint-disable_next_line'"),
    ("<!-- replylint-enable -->", "replylint-enable without an open replylint-disable"),
    ("<!-- replylint-disable generic -->\n<!-- replylint-enable defensive -->", "'defensive' is not disabled here"),
    ("<!-- replylint-disable -->\n<!-- replylint-enable defensive -->", "cannot be narrowed"),
])
def test_malformed_directives_are_reported(source, expected):
    problems = find_malformed(source)
    assert len(problems) == 1, problems
    assert expected in problems[0].message
    errors: list = []
    parse_suppressions(source, errors=errors)
    assert errors == problems


def test_malformed_directives_name_their_line_and_are_not_applied():
    source = "Hi\n\n  <!-- replylint-disable-nxt-line -->\nAs I said\n"
    [problem] = find_malformed(source)
    assert isinstance(problem, DirectiveProblem)
    assert (problem.line, problem.column) == (3, 3)
    assert problem.text == "replylint-disable-nxt-line"
    assert str(problem).startswith("3:3: unknown replylint directive")
    assert parse_suppressions(source) == []
    assert kept_lines(source, [finding(4)]) == [(4, DEFENSIVE["rule"])]


def test_valid_directives_still_apply_next_to_malformed_ones():
    source = "<!-- replylint-disable-nxt-line -->\n<!-- replylint-disable-next-line -->\nAs I said\n"
    errors: list = []
    assert len(parse_suppressions(source, errors=errors)) == 1
    assert len(errors) == 1


# ----------------------------------------------------------------------------------------- with the real linter

def test_suppressions_line_up_with_real_findings_in_markdown(tmp_path):
    from replylint.api import Linter
    from replylint.readers import read_paths

    source = ("Hi Sam,\n\n"
              "<!-- replylint-disable-next-line defensive.as-i-said -->\n"
              "As I said in my last email, the parcel left on Monday.\n\n"
              "As I said, it should arrive soon.\n")
    path = tmp_path / "reply.md"
    path.write_text(source, encoding="utf-8")
    linter = Linter(model="blank", select=["defensive.as-i-said"])
    report = linter.check(read_paths([str(path)]))
    assert [f.line for f in report.findings] == [6] and report.unused_suppressions == []
    bare = tmp_path / "bare.md"
    bare.write_text(source.replace("<!-- replylint-disable-next-line defensive.as-i-said -->", ""), encoding="utf-8")
    findings = linter.check(read_paths([str(bare)])).findings
    assert sorted(f.line for f in findings) == [4, 6]
    kept, unused = apply_suppressions(findings, parse_suppressions(source))
    assert [f.line for f in kept] == [6] and unused == []
