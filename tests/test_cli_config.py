"""Configuration, inline suppressions, per-macro disables, modes and reader options, through the CLI."""

from __future__ import annotations

import json
import os
import textwrap

from click.testing import CliRunner

from replylint.cli import cli

RULES = textwrap.dedent("""
    rules:
      - id: t.as-i-said
        kind: phrase
        category: defensive
        message: Pointing back.
        rationale: Because.
        phrases: ["as i said"]
        examples: {flag: ["As I said, no.", "as i said"], pass: ["Hi.", "Yes."]}
      - id: t.kindly
        kind: phrase
        category: generic
        message: Filler.
        rationale: Because.
        phrases: ["kindly note"]
        examples: {flag: ["Kindly note it.", "kindly note"], pass: ["Hi.", "Yes."]}
    """)


def run(args, cwd):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args, env={"NO_COLOR": "1"})
    finally:
        os.chdir(old)


def findings(result):
    data = json.loads(result.stdout)
    return [(d["path"], f["rule"], f["line"], f["severity"]) for d in data["drafts"] for f in d["findings"]]


def setup(tmp_path, config: str):
    (tmp_path / "rules.yaml").write_text(RULES)
    (tmp_path / ".replylint.yaml").write_text(config)
    (tmp_path / "macros").mkdir()
    (tmp_path / "macros" / "a.txt").write_text("Hi.\nAs I said, kindly note the fee.\n")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "b.txt").write_text("As I said, kindly note the fee.\n")


BASE = "builtin: false\nrules: [rules.yaml]\nmodel: blank\n"


def test_config_is_found_and_applies_selection_severity_and_overrides(tmp_path):
    setup(tmp_path, BASE + textwrap.dedent("""
        ignore: [t.kindly]
        severity: {defensive: error}
        overrides:
          - files: ["drafts/**"]
            severity: {t.as-i-said: info}
        """))
    result = run(["check", ".", "--format", "json"], tmp_path)
    assert result.exit_code == 1, result.output
    assert findings(result) == [("drafts/b.txt", "t.as-i-said", 1, "info"), ("macros/a.txt", "t.as-i-said", 2, "error")]


def test_exclude_and_gitignore(tmp_path):
    setup(tmp_path, BASE + "exclude: ['drafts/**']\n")
    (tmp_path / ".gitignore").write_text("macros/a.txt\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / "macros" / "c.txt").write_text("As I said.\n")
    result = run(["check", ".", "--format", "json"], tmp_path)
    assert sorted({f[0] for f in findings(result)}) == ["macros/c.txt"]


def test_cli_flags_win_over_config(tmp_path):
    setup(tmp_path, BASE + "fail_on: error\n")
    assert run(["check", "macros/a.txt"], tmp_path).exit_code == 0
    assert run(["check", "macros/a.txt", "--fail-on", "warning"], tmp_path).exit_code == 1


def test_bad_config_is_one_line_naming_file_line_and_key(tmp_path):
    setup(tmp_path, BASE + "fail_onn: error\n")
    result = run(["check", "macros/a.txt"], tmp_path)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert ".replylint.yaml:4" in line and "fail_onn" in line


def test_inline_suppressions_and_unused_report(tmp_path):
    setup(tmp_path, BASE)
    (tmp_path / "macros" / "a.txt").write_text(
        "# replylint: disable-next-line=t.as-i-said\nAs I said, kindly note the fee.\n"
        "# replylint: disable-next-line=defensive\nAll fine here.\n")
    result = run(["check", "macros/a.txt", "--format", "json", "--fail-on", "none"], tmp_path)
    assert findings(result) == [("macros/a.txt", "t.kindly", 2, "warning")]
    assert result.exit_code == 0
    unused = run(["check", "macros/a.txt", "--report-unused-suppressions", "--fail-on", "none"], tmp_path)
    assert unused.exit_code == 1 and "macros/a.txt:3: unused suppression" in unused.output


def test_macro_disables_from_config(tmp_path):
    setup(tmp_path, BASE + "macros: {'Billing::*': [defensive]}\n")
    export = {"macros": [
        {"title": "Billing::Refund", "actions": [{"field": "comment_value", "value": "As I said, refunds take a week."}]},
        {"title": "Shipping::Late", "actions": [{"field": "comment_value", "value": "As I said, it ships Monday."}]},
    ]}
    (tmp_path / "macros" / "zendesk.json").write_text(json.dumps(export, indent=2))
    result = run(["check", "macros/zendesk.json", "--format", "json"], tmp_path)
    data = json.loads(result.stdout)
    assert [(d["name"], [f["rule"] for f in d["findings"]]) for d in data["drafts"]] == [
        ("Billing::Refund", []), ("Shipping::Late", ["t.as-i-said"])]
    (finding,) = data["drafts"][1]["findings"]
    line = (tmp_path / "macros" / "zendesk.json").read_text().splitlines()[finding["line"] - 1]
    assert line[finding["column"] - 1:finding["end_column"] - 1] == "As I said"


def test_draft_mode_flags_unfilled_placeholders_template_mode_does_not(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("Hi [Customer Name], your refund went out today.\n")
    as_draft = CliRunner().invoke(cli, ["check", str(draft), "--model", "blank", "--format", "json"])
    rules = [f["rule"] for f in json.loads(as_draft.stdout)["drafts"][0]["findings"]]
    assert "generic.unfilled-placeholder" in rules
    as_template = CliRunner().invoke(cli, ["check", str(draft), "--model", "blank", "--format", "json",
                                           "--mode", "template"])
    rules = [f["rule"] for f in json.loads(as_template.stdout)["drafts"][0]["findings"]]
    assert "generic.unfilled-placeholder" not in rules


def test_init_writes_a_starter_that_loads_and_refuses_to_overwrite(tmp_path):
    first = run(["init"], tmp_path)
    assert first.exit_code == 0 and (tmp_path / ".replylint.yaml").exists()
    (tmp_path / "d.txt").write_text("Thanks Jo, the refund for order 1182 went out today.")
    assert run(["check", "d.txt", "--model", "blank"], tmp_path).exit_code == 0
    again = run(["init"], tmp_path)
    assert again.exit_code == 2 and "replylint: error:" in again.output


def test_unknown_json_is_an_error_unless_skipped(tmp_path):
    package = tmp_path / "package.json"
    package.write_text('{"name": "x", "version": "1"}')
    strict = CliRunner().invoke(cli, ["check", str(package), "--model", "blank"])
    assert strict.exit_code == 2 and f"{package}: unrecognised JSON shape" in strict.output
    lenient = CliRunner().invoke(cli, ["check", str(package), "--model", "blank", "--skip-unrecognised"])
    assert lenient.exit_code == 0
