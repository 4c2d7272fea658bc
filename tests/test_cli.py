"""The command line, through click's CliRunner and as a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from replylint import __version__
from replylint.cli import cli

RULES = textwrap.dedent("""
    category: defensive
    rules:
      - id: t.as-i-said
        kind: phrase
        severity: warning
        message: Pointing back sounds impatient.
        suggestion: Say it again kindly.
        rationale: Customers who ask twice are confused, not careless.
        phrases: ["as i said", "as previously stated"]
        examples: {flag: ["As I said, no.", "As previously stated, no."], pass: ["As I sat down.", "Hi."]}
      - id: t.kindly
        kind: phrase
        category: generic
        severity: info
        message: Corporate filler.
        rationale: It sounds like a form letter.
        phrases: ["kindly note"]
        examples: {flag: ["Kindly note the fee.", "kindly note"], pass: ["Note the fee.", "Hi."]}
    """)


@pytest.fixture
def rules_file(tmp_path) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(RULES)
    return path


def run(*args, input=None, env=None):
    runner = CliRunner()
    result = runner.invoke(cli, list(args), input=input, env=env or {"NO_COLOR": "1"})
    return result


def base_args(rules_file):
    return ["--model", "blank", "--no-builtin", "--rules", str(rules_file)]


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_check_file_reports_position_and_exits_1(tmp_path, rules_file):
    draft = tmp_path / "draft.txt"
    draft.write_text("Hi Sam,\n\nAs I said, the refund takes five days.\n")
    result = run("check", str(draft), *base_args(rules_file))
    assert result.exit_code == 1
    assert f"{draft}" in result.output
    assert "3:1  warning  t.as-i-said  Pointing back sounds impatient." in result.output
    assert "^^^^^^^^^" in result.output and "Say it again kindly." in result.output


def test_fail_on_and_fail_under(tmp_path, rules_file):
    draft = tmp_path / "d.txt"
    draft.write_text("Kindly note the fee applies.")
    assert run("check", str(draft), *base_args(rules_file)).exit_code == 0  # info is below the default threshold
    assert run("check", str(draft), "--fail-on", "info", *base_args(rules_file)).exit_code == 1
    assert run("check", str(draft), "--fail-under", "99", *base_args(rules_file)).exit_code == 1
    assert run("check", str(draft), "--fail-under", "90", *base_args(rules_file)).exit_code == 0
    draft.write_text("As I said, the fee applies.")
    assert run("check", str(draft), "--fail-on", "error", *base_args(rules_file)).exit_code == 0
    assert run("check", str(draft), "--fail-on", "none", *base_args(rules_file)).exit_code == 0


def test_stdin_text_and_select_ignore(rules_file):
    result = run("check", "-", *base_args(rules_file), input="As previously stated, kindly note the fee.")
    assert result.exit_code == 1 and "<stdin>" in result.output
    assert "t.as-i-said" in result.output and "t.kindly" in result.output
    only = run("check", "--text", "As I said, kindly note it.", "--select", "generic", *base_args(rules_file))
    assert "t.kindly" in only.output and "t.as-i-said" not in only.output and only.exit_code == 0
    ignored = run("check", "--text", "As I said, kindly note it.", "--ignore", "t.as-i-said,t.kindly",
                  *base_args(rules_file))
    assert ignored.exit_code == 0 and "No problems found in 1 draft." in ignored.output


def test_json_output_fields(tmp_path, rules_file):
    threads = tmp_path / "threads.jsonl"
    threads.write_text(json.dumps({"id": "t1", "customer": "Where is it?", "reply": "Hello!\nAs I said, soon."}) + "\n"
                       + json.dumps({"id": "t2", "reply": "It ships today."}) + "\n")
    result = run("check", str(threads), "--format", "json", *base_args(rules_file))
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["version"] == 1 and data["tool"]["name"] == "replylint"
    assert [d["id"] for d in data["drafts"]] == ["t1", "t2"]
    first, second = data["drafts"]
    assert second["findings"] == [] and second["score"] == 100
    assert set(first["category_scores"]) == {"defensive", "missing-apology", "non-apology", "generic",
                                             "pushy-upsell"}
    (finding,) = first["findings"]
    assert finding == {
        "rule": "t.as-i-said", "category": "defensive", "severity": "warning",
        "message": "Pointing back sounds impatient.", "suggestion": "Say it again kindly.",
        "line": 1, "column": finding["column"], "end_line": 1, "end_column": finding["column"] + 9,
        "text": "As I said", "macro": None, "trigger": None,
    }
    line = threads.read_text().splitlines()[0]
    assert line[finding["column"] - 1:finding["column"] - 1 + 9] == "As I said"
    assert first["score"] == 95 and first["category_scores"]["defensive"] == 95
    assert data["summary"] == {"drafts": 2, "findings": 1, "by_severity": {"error": 0, "warning": 1, "info": 0}}


def test_json_output_is_deterministic(tmp_path, rules_file):
    draft = tmp_path / "d.txt"
    draft.write_text("As I said, kindly note the fee. As previously stated, no.")
    outputs = {run("check", str(draft), "--format", "json", *base_args(rules_file)).output for _ in range(3)}
    assert len(outputs) == 1


def test_directory_recursion(tmp_path, rules_file):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("# Title\n\nAs I said, **no**.\n")
    (tmp_path / "b.txt").write_text("All good here.")
    (tmp_path / "ignored.csv").write_text("As I said")
    result = run("check", str(tmp_path), "--format", "json", *base_args(rules_file))
    data = json.loads(result.output)
    assert sorted(Path(d["path"]).name for d in data["drafts"]) == ["b.txt", "one.md"]
    (md,) = [d for d in data["drafts"] if d["path"].endswith("one.md")]
    assert [(f["line"], f["column"]) for f in md["findings"]] == [(3, 1)]


@pytest.mark.parametrize("args, fragment", [
    (["check", "missing.txt"], "missing.txt: no such file or directory"),
    (["check", "--format", "xml", "--text", "x"], "Invalid value for '--format'"),
    (["check", "--no-builtin", "--model", "no_such_model_pkg", "--text", "x"], "cannot load spaCy pipeline 'no_such_model_pkg'"),
    (["explain", "--no-builtin", "no.such.rule"], "no rule 'no.such.rule'"),
    (["check", "--no-builtin", "--rules", "nope.yaml", "--text", "x"], "nope.yaml: no such rule file"),
])
def test_errors_are_one_line_with_exit_2(args, fragment):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("replylint: error:") and fragment in lines[0], result.output


def test_bad_rule_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(RULES.replace("severity: info", "severity: loud"))
    result = run("check", "--text", "x", "--no-builtin", "--rules", str(bad))
    line = RULES.splitlines().index("    severity: info") + 1
    assert result.exit_code == 2
    assert result.output.strip() == (f"replylint: error: {bad}:{line}: rule 't.kindly': rules[1].severity: "
                                     "'loud' is not one of ['info', 'warning', 'error']")


def test_rules_and_explain(rules_file):
    listing = run("rules", "--no-builtin", "--rules", str(rules_file))
    assert listing.exit_code == 0
    row = next(line for line in listing.output.splitlines() if line.startswith("t.as-i-said "))
    assert "defensive" in row and "warning" in row and "Pointing back sounds impatient" in row
    explained = run("explain", "t.as-i-said", "--no-builtin", "--rules", str(rules_file))
    assert explained.exit_code == 0
    for part in ("Customers who ask twice", "x As I said, no.", "+ As I sat down.", "Say it again kindly."):
        assert part in explained.output


def test_test_rules_reports_failing_examples(tmp_path, rules_file):
    assert run("test-rules", "--model", "blank", "--no-builtin", str(rules_file)).exit_code == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text(RULES.replace('pass: ["As I sat down.", "Hi."]', 'pass: ["As I said.", "Hi."]'))
    result = run("test-rules", "--model", "blank", "--no-builtin", str(broken))
    assert result.exit_code == 1
    assert "t.as-i-said: flagged: 'As I said.'" in result.output
    assert "7 passed, 1 failed" in result.output


def test_rule_without_examples_is_rejected(tmp_path):
    bad = tmp_path / "noex.yaml"
    bad.write_text(RULES.replace('    examples: {flag: ["Kindly note the fee.", "kindly note"], pass: ["Note the fee.", '
                                 '"Hi."]}\n', ""))
    result = run("test-rules", "--model", "blank", "--no-builtin", str(bad))
    assert result.exit_code == 2 and "'examples' is a required property" in result.output


def test_subprocess_python_m_and_stdin(tmp_path, rules_file):
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run([sys.executable, "-m", "replylint", "check", "-", *base_args(rules_file)],
                          input="As I said, no.", capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1 and "t.as-i-said" in proc.stdout and proc.stderr == ""
    missing = subprocess.run([sys.executable, "-m", "replylint", "check", str(tmp_path / "nope.txt")],
                             capture_output=True, text=True, env=env, timeout=120)
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr.strip() == f"replylint: error: {tmp_path / 'nope.txt'}: no such file or directory"
    assert "Traceback" not in missing.stderr


def test_output_does_not_depend_on_the_hash_seed(tmp_path):
    # two acknowledgement signals start at the same word ("n't the standard", "n't the standard we want"): their
    # order once came from a set of tuples with strings in them, which the hash seed reorders between runs
    draft = tmp_path / "d.txt"
    draft.write_text("Hi Jo. This isn't the standard we want to set with you. As I said, the fee stays.\n")
    outputs = set()
    for seed in ("1", "2", "3", "4"):
        proc = subprocess.run([sys.executable, "-m", "replylint", "check", str(draft), "--format", "json",
                               "--model", "blank"], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 1, proc.stderr
        outputs.add(proc.stdout)
    assert len(outputs) == 1
    signals = json.loads(outputs.pop())["drafts"][0]["signals"]
    assert [s["text"] for s in signals["acknowledgement"]] == ["n't the standard", "n't the standard we want"]
