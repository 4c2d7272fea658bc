"""examples/macros: a support team's macro repository (helpdesk JSON exports, Markdown, YAML, HTML, text), end to end.

`replylint check examples/macros` must report every planted problem at its line and column, leave the clean macros
without a warning or error, and honour the suppressions: two inline comments (Markdown, YAML) and a per-macro entry in
examples/macros/.replylint.yaml. The sample configurations in examples/configs must load.

The planted problems use phrase, pattern, placeholder and require rules only, so the expectations hold on the blank
pipeline as well as on a trained one (run too when one is installed).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from replylint.config import read_config, unknown_selectors
from replylint.engine.spec import builtin_rules_dir, load_specs
from replylint.pipeline import installed_model

ROOT = Path(__file__).resolve().parents[1]
MACROS = ROOT / "examples" / "macros"
CONFIGS = ROOT / "examples" / "configs"

# Planted problems: (file under examples/macros, macro name, line, rule id or category, the text the finding starts
# with on that line). The column is where that text starts on the line.
EXPECTED = [
    ("zendesk/macros.json", "Shipping::Where is my order (chaser)", 46, "defensive.as-i-said",
     "As I already explained"),
    ("zendesk/macros.json", "Returns::Outside 30-day window", 69, "generic.valued-customer", "Dear valued customer"),
    ("zendesk/minified-macro.json", "Billing::Charged twice", 1, "non-apology.any-inconvenience",
     "sorry for any inconvenience"),
    ("helpscout/saved-replies.json", "Order status - dispatched", 11, "generic.name-without-fallback",
     "{%customer.firstName%}"),
    ("gorgias/macros.json", "Order delayed - warehouse", 17, "missing-apology", "delayed"),
    ("freshdesk/canned-responses.json", "Wrong size - exchange", 7, "generic.name-without-fallback",
     "{{ticket.requester.firstname}}"),
    ("freshdesk/canned-responses.json", "Wrong size - exchange", 7, "defensive.you-should-have", "You should have"),
    ("intercom/macros.json", "Trial ending - Fernhill Plus", 23, "pushy-upsell.hard-sell", "Upgrade now"),
    ("intercom/macros.json", "Trial ending - Fernhill Plus", 23, "pushy-upsell", "offer ends"),
    ("markdown/SAVED_REPLIES.md", "Acknowledgement (legacy, do not use)", 31, "generic.valued-customer",
     "Dear valued customer"),
    ("yaml/replies.yaml", "Workshop - parts on back order", 18, "generic.call-is-important",
     "Your message is important to us"),
]

# Macros with no planted problem: no warning or error (info notes are allowed). The last three are clean only
# because of their suppressions (SUPPRESSED below).
CLEAN = [
    ("zendesk/macros.json", "Shipping::Delayed"),
    ("helpscout/saved-replies.json", "Warranty - photos needed"),
    ("helpscout/saved-replies.json", "Warranty - photos needed (chat)"),
    ("gorgias/macros.json", "Wrong item received"),
    ("freshdesk/canned-responses.json", "Refund processed - return received"),
    ("intercom/macros.json", "Service booked - confirmation"),
    ("markdown/SAVED_REPLIES.md", "Puncture kit missing from the box"),
    ("markdown/SAVED_REPLIES.md", "Click and collect ready"),
    ("yaml/replies.yaml", "Workshop - bike ready for collection"),
    ("html/refund.html", "Refund issued - damaged helmet"),
    ("text/plain-reply.txt", None),
    ("markdown/product-recall.md", "Recall - Trailhead rear light"),
    ("yaml/replies.yaml", "Out of hours auto-reply"),
    ("zendesk/macros.json", "Sales::Fernhill Plus spring offer"),
]

# Findings the suppressions hide: (file, macro name, line or None for any, rule id or category, text on that line).
SUPPRESSED = [
    # <!-- replylint-disable-next-line non-apology.any-inconvenience -- ... --> on the line before
    ("markdown/product-recall.md", "Recall - Trailhead rear light", 16, "non-apology.any-inconvenience",
     "apologises for any inconvenience"),
    # # replylint: disable-next-line=generic.automated-message,generic.autoresponder -- ... on the line before
    ("yaml/replies.yaml", "Out of hours auto-reply", 25, "generic.automated-message", "This is an automated message"),
    ("yaml/replies.yaml", "Out of hours auto-reply", 25, "generic.autoresponder", "We have received your email"),
    # macros: {"Sales::*": [pushy-upsell]} in examples/macros/.replylint.yaml
    ("zendesk/macros.json", "Sales::Fernhill Plus spring offer", None, "pushy-upsell", "Upgrade now"),
]

PIPELINES = [
    "blank",
    pytest.param("auto", marks=pytest.mark.skipif(installed_model() is None, reason="no trained pipeline installed")),
]


def _check(target: Path | str, model: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("REPLYLINT_MODEL", None)
    return subprocess.run([sys.executable, "-m", "replylint", "check", str(target), "--format", "json",
                           "--model", model], capture_output=True, text=True, env=env, timeout=300, cwd=ROOT)


def _drafts(proc: subprocess.CompletedProcess, base: Path) -> dict[tuple[str, str | None], dict]:
    """The report's drafts by (path relative to ``base``, macro name)."""
    data = json.loads(proc.stdout)
    out = {}
    for draft in data["drafts"]:
        key = ((ROOT / draft["path"]).resolve().relative_to(base.resolve()).as_posix(), draft["name"])
        assert key not in out, f"two drafts named {key}"
        out[key] = draft
    return out


def _is(finding: dict, rule: str) -> bool:
    return finding["rule"] == rule or finding["category"] == rule


def _line(base: Path, rel: str, line: int) -> str:
    return (base / rel).read_text(encoding="utf-8").split("\n")[line - 1]


@pytest.fixture(scope="module", params=PIPELINES)
def run(request) -> tuple[subprocess.CompletedProcess, dict]:
    proc = _check("examples/macros", request.param)
    assert proc.stdout, proc.stderr
    return proc, _drafts(proc, MACROS)


def test_check_exits_1(run):
    proc, _ = run
    assert proc.returncode == 1, proc.stderr
    assert "warning:" not in proc.stderr  # no malformed replylint-disable comments


def test_every_draft_is_accounted_for(run):
    _, drafts = run
    planted = {(rel, name) for rel, name, *_ in EXPECTED}
    assert not planted & set(CLEAN)
    assert set(drafts) == planted | set(CLEAN)


@pytest.mark.parametrize("rel, name, line, rule, text", EXPECTED, ids=[f"{e[0]}:{e[2]}:{e[3]}" for e in EXPECTED])
def test_planted_problem_is_reported_at_its_position(run, rel, name, line, rule, text):
    _, drafts = run
    source_line = _line(MACROS, rel, line)
    assert source_line.count(text) == 1, "the expected text must be unambiguous on its line"
    column = source_line.index(text) + 1
    findings = drafts[(rel, name)]["findings"]
    hits = [f for f in findings if _is(f, rule) and f["line"] == line and f["column"] == column]
    assert hits, f"no {rule} at {rel}:{line}:{column}; found {[(f['rule'], f['line'], f['column']) for f in findings]}"
    for f in hits:
        assert f["severity"] in ("warning", "error")
        assert f["text"].startswith(text)
        if f["end_line"] == f["line"]:
            assert source_line[f["column"] - 1:f["end_column"] - 1] == f["text"]


@pytest.mark.parametrize("rel, name", CLEAN, ids=[f"{rel}#{name}" for rel, name in CLEAN])
def test_clean_macro_has_no_warning(run, rel, name):
    _, drafts = run
    serious = [(f["rule"], f["line"], f["column"], f["text"]) for f in drafts[(rel, name)]["findings"]
               if f["severity"] != "info"]
    assert serious == []


def test_suppressed_findings_are_not_reported(run):
    _, drafts = run
    for rel, name, line, rule, text in SUPPRESSED:
        if line is not None:
            assert text in _line(MACROS, rel, line)
        found = [f for f in drafts[(rel, name)]["findings"] if _is(f, rule) and line in (None, f["line"])]
        assert found == [], (rel, name, rule)


def test_suppressions_are_what_hides_those_findings(tmp_path):
    """The same repository with the directive comments blanked and without the `macros` entry reports them."""
    copy = tmp_path / "macros"
    shutil.copytree(MACROS, copy)
    (copy / ".replylint.yaml").write_text("markdown_sections: true\n", encoding="utf-8")
    for rel, line in sorted({(rel, line) for rel, _, line, _, _ in SUPPRESSED if line is not None}):
        path = copy / rel
        lines = path.read_text(encoding="utf-8").split("\n")
        assert "replylint" in lines[line - 2] and "disable-next-line" in lines[line - 2]
        lines[line - 2] = ""
        path.write_text("\n".join(lines), encoding="utf-8")
    proc = _check(copy, "blank")
    assert proc.returncode == 1, proc.stderr
    drafts = _drafts(proc, copy)
    for rel, name, line, rule, text in SUPPRESSED:
        findings = drafts[(rel, name)]["findings"]
        hits = [f for f in findings if _is(f, rule) and f["text"].startswith(text)]
        assert hits, (rel, name, rule, [(f["rule"], f["text"]) for f in findings])
        if line is not None:
            source_line = _line(copy, rel, line)
            assert [f["column"] for f in hits] == [source_line.index(text) + 1]
            assert all(f["line"] == line for f in hits)


def test_minified_zendesk_macro_keeps_its_escapes():
    text = (MACROS / "zendesk" / "minified-macro.json").read_text(encoding="utf-8")
    assert "\n" not in text.rstrip("\n")
    assert "\\u003cp\\u003e" in text and "\\u2019" in text and "<" not in text
    assert json.loads(text)["macro"]["title"] == "Billing::Charged twice"


def _rule_ids() -> list[tuple[str, str | None]]:
    return [(s.id, s.category) for s in load_specs([builtin_rules_dir()])]


@pytest.mark.parametrize("path", [MACROS / ".replylint.yaml", CONFIGS / "team.replylint.yaml",
                                  CONFIGS / "pyproject-snippet.toml"], ids=lambda p: p.name)
def test_sample_config_loads(path):
    config = read_config(path)
    assert config.path == path.absolute()
    assert config.markdown_sections is True
    assert config.macro_ignores("Sales::Fernhill Plus spring offer") == ("pushy-upsell",)
    assert unknown_selectors(config, _rule_ids()) == []


def test_team_configs_agree():
    yaml_config, toml_config = (read_config(CONFIGS / "team.replylint.yaml"),
                                read_config(CONFIGS / "pyproject-snippet.toml"))
    for key in ("ignore", "include", "fail_on", "fail_under", "macros", "overrides", "report_unused_suppressions"):
        assert getattr(yaml_config, key) == getattr(toml_config, key), key
    assert yaml_config.for_file(CONFIGS / "drafts" / "reply.md").mode == "draft"
    assert yaml_config.for_file(CONFIGS / "macros" / "zendesk.json").mode == "template"
