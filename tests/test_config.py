"""Tests for replylint.config: finding, reading and validating team configuration, and applying it per file."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from replylint.config import (STARTER, STARTER_TOML, Config, FileSettings, Override, apply_severity,
                              discovery_start, find_config, gitignored, load_config, merge_cli, read_config,
                              severity_for, unknown_selectors, write_starter)
from replylint.engine.yamlload import load_yaml
from replylint.errors import ReplylintError
from replylint.finding import Finding


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def finding(rule: str = "defensive.as-i-said", category: str = "defensive", severity: str = "warning") -> Finding:
    return Finding(path="r.txt", line=1, column=1, end_line=1, end_column=5, rule=rule, category=category,
                   severity=severity, message="m", suggestion=None, text="x", start=0, end=4, draft_id="r",
                   weight=5.0)


def line_number(text: str, needle: str) -> int:
    for n, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return n
    raise AssertionError(needle)


# ----------------------------------------------------------------------------------------- discovery

def test_walks_up_to_the_nearest_config(tmp_path):
    write(tmp_path / ".replylint.yaml", "select: [generic]\n")
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    config = load_config(deep)
    assert config.path == (tmp_path / ".replylint.yaml").resolve()
    assert config.select == ("generic",)
    assert config.root == tmp_path.resolve()


def test_nearest_config_wins(tmp_path):
    write(tmp_path / ".replylint.yaml", "select: [generic]\n")
    write(tmp_path / "a" / "b" / ".replylint.yml", "select: [defensive]\n")
    (tmp_path / "a" / "b" / "c").mkdir()
    assert load_config(tmp_path / "a" / "b" / "c").select == ("defensive",)
    assert load_config(tmp_path / "a").select == ("generic",)


def test_in_one_directory_yaml_beats_yml_beats_pyproject(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.replylint]\nselect = ['pushy-upsell']\n")
    assert load_config(tmp_path).select == ("pushy-upsell",)
    write(tmp_path / ".replylint.yml", "select: [generic]\n")
    assert load_config(tmp_path).select == ("generic",)
    write(tmp_path / ".replylint.yaml", "select: [defensive]\n")
    assert load_config(tmp_path).select == ("defensive",)


def test_pyproject_without_the_table_is_skipped(tmp_path):
    write(tmp_path / ".replylint.yaml", "ignore: [generic]\n")
    project = tmp_path / "project"
    write(project / "pyproject.toml", "[project]\nname = 'x'\ndependencies = ['replylint>=0.1']\n")
    assert load_config(project).path == (tmp_path / ".replylint.yaml").resolve()


def test_broken_pyproject_that_never_mentions_replylint_is_skipped(tmp_path):
    write(tmp_path / ".replylint.yaml", "ignore: [generic]\n")
    write(tmp_path / "sub" / "pyproject.toml", "[project\nname = \n")
    assert load_config(tmp_path / "sub").ignore == ("generic",)


def test_broken_pyproject_with_a_replylint_table_is_an_error_naming_file_and_line(tmp_path):
    bad = write(tmp_path / "pyproject.toml", "[tool.replylint]\nselect = [\n\n'generic'\nfail_on = 'x'\n")
    with pytest.raises(ReplylintError) as err:
        load_config(tmp_path)
    assert err.value.path == str(bad.resolve())
    assert "invalid TOML" in str(err.value) and err.value.line is not None


def test_no_config_gives_the_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config == Config() and config.path is None and config.root is None
    assert config.fail_on == "warning" and config.builtin and config.respect_gitignore
    assert config.mode is None    # each reader's own mode unless a config or the command line sets one


def test_explicit_config_overrides_discovery(tmp_path):
    write(tmp_path / ".replylint.yaml", "select: [generic]\n")
    other = write(tmp_path / "elsewhere" / "team.yaml", "select: [defensive]\n")
    config = load_config(tmp_path, explicit=other)
    assert config.select == ("defensive",) and config.path == other.absolute()
    toml = write(tmp_path / "elsewhere" / "settings.toml", "[tool.replylint]\nselect = ['non-apology']\n")
    assert load_config(tmp_path, explicit=toml).select == ("non-apology",)


@pytest.mark.parametrize("name, content, message", [
    ("missing.yaml", None, "no such config file"),
    ("pyproject.toml", "[project]\nname = 'x'\n", "no [tool.replylint] table"),
    ("adir", "dir", "is a directory"),
])
def test_explicit_config_errors(tmp_path, name, content, message):
    target = tmp_path / name
    if content == "dir":
        target.mkdir()
    elif content is not None:
        write(target, content)
    with pytest.raises(ReplylintError) as err:
        load_config(None, explicit=target)
    assert message in str(err.value) and err.value.path == str(target)


def test_discovery_start(tmp_path, monkeypatch):
    write(tmp_path / "replies" / "a.md", "hi")
    assert discovery_start([str(tmp_path / "replies" / "a.md")]) == tmp_path / "replies"
    assert discovery_start([str(tmp_path / "replies"), "other"]) == tmp_path / "replies"
    assert discovery_start(["-", str(tmp_path / "replies")]) == tmp_path / "replies"
    monkeypatch.chdir(tmp_path)
    assert discovery_start([]) == tmp_path
    assert discovery_start(["a.md"]) == Path(".")
    assert find_config(tmp_path / "replies" / "a.md") is None


# ----------------------------------------------------------------------------------------- reading values

FULL = """\
select: defensive, generic
ignore: [generic.any-inconvenience]
severity:
  defensive.as-i-said: error
  generic: "off"
rules: [team-rules, extra.yaml]
builtin: false
include: ["replies/**"]
exclude: "replies/archive/"
respect_gitignore: false
overrides:
  - files: ["macros/**"]
    mode: template
    ignore: [missing-apology]
fail_on: error
fail_under: 80
model: blank
mode: draft
input_format: markdown
markdown_sections: true
yaml_key: answers
yaml_body_key: text
macros:
  "Refund*": [missing-apology]
  Upgrade offer: pushy-upsell
report_unused_suppressions: true
"""


def test_every_key_is_read(tmp_path):
    (tmp_path / "team-rules").mkdir()
    write(tmp_path / "extra.yaml", "rules: []\n")
    config = read_config(write(tmp_path / ".replylint.yaml", FULL))
    assert config.select == ("defensive", "generic")
    assert config.ignore == ("generic.any-inconvenience",)
    assert config.severity == {"defensive.as-i-said": "error", "generic": "off"}
    assert config.rules == (tmp_path / "team-rules", tmp_path / "extra.yaml")
    assert config.builtin is False and config.respect_gitignore is False
    assert config.include == ("replies/**",) and config.exclude == ("replies/archive/",)
    assert config.overrides == (Override(files=("macros/**",), ignore=("missing-apology",), mode="template"),)
    assert (config.fail_on, config.fail_under, config.model, config.mode) == ("error", 80, "blank", "draft")
    assert (config.input_format, config.markdown_sections) == ("markdown", True)
    assert (config.yaml_key, config.yaml_body_key) == ("answers", "text")
    assert config.macros == {"Refund*": ("missing-apology",), "Upgrade offer": ("pushy-upsell",)}
    assert config.report_unused_suppressions is True


def test_the_same_settings_in_pyproject(tmp_path):
    (tmp_path / "team-rules").mkdir()
    write(tmp_path / "pyproject.toml", """\
[project]
name = "support-macros"

[tool.replylint]
select = ["defensive", "generic"]
rules = ["team-rules"]
fail_under = 80
severity = { "defensive.as-i-said" = "error" }

[tool.replylint.macros]
"Refund*" = ["missing-apology"]

[[tool.replylint.overrides]]
files = ["macros/**"]
mode = "template"
""")
    config = load_config(tmp_path)
    assert config.select == ("defensive", "generic") and config.rules == (tmp_path.resolve() / "team-rules",)
    assert config.fail_under == 80 and config.severity == {"defensive.as-i-said": "error"}
    assert config.macros == {"Refund*": ("missing-apology",)}
    assert config.overrides == (Override(files=("macros/**",), mode="template"),)


def test_paths_are_relative_to_the_config_directory_not_the_cwd(tmp_path, monkeypatch):
    write(tmp_path / "team" / "rules" / "ours.yaml", "rules: []\n")
    write(tmp_path / "team" / ".replylint.yaml", "rules: [rules/ours.yaml]\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    config = load_config(tmp_path / "team")
    assert config.rules == (tmp_path.resolve() / "team" / "rules" / "ours.yaml",)
    assert config.rules[0].is_file()


def test_empty_yaml_config_is_all_defaults(tmp_path):
    path = write(tmp_path / ".replylint.yaml", "# nothing yet\n")
    assert load_config(tmp_path) == Config(path=path.absolute())


def test_helpdesk_input_formats_and_hashable_configs(tmp_path):
    write(tmp_path / ".replylint.yaml", "input_format: zendesk\nseverity: {generic: info}\n"
                                        "overrides: [{files: [a], severity: {generic: error}}]\n")
    config = load_config(tmp_path)
    assert config.input_format == "zendesk"
    assert hash(config) == hash(load_config(tmp_path)) and config == load_config(tmp_path)


def test_null_optional_values_mean_not_set(tmp_path):
    write(tmp_path / ".replylint.yaml", "fail_under:\nmodel: null\nyaml_key:\ninput_format:\nmode:\n")
    config = load_config(tmp_path)
    assert (config.fail_under, config.model, config.yaml_key, config.input_format, config.mode) == (None,) * 5


# ----------------------------------------------------------------------------------------- validation errors

YAML_ERRORS = [
    # (config text, fragment of the message, the line's needle)
    ("select: [generic]\nselct: [defensive]\n", "unknown key 'selct' (did you mean 'select'?)", "selct"),
    ("enable: [defensive]\n", "unknown key 'enable'", "enable"),
    ("select: 5\n", "key 'select': expected a list of rule ids or categories, got 5", "select"),
    ("ignore:\n  - generic\n  - 12\n", "key 'ignore[1]': expected a rule id, id prefix or category, got 12", "ignore"),
    ("select: [\"gen;eric\"]\n", "is not a rule id, id prefix or category", "select"),
    ("fail_on: warn\n", "key 'fail_on': 'warn' is not one of: info, warning, error, none", "fail_on"),
    ("fail_under: 150\n", "key 'fail_under': expected a whole number from 0 to 100, got 150", "fail_under"),
    ("fail_under: '80'\n", "key 'fail_under': expected a whole number from 0 to 100, got '80'", "fail_under"),
    ("builtin: yes\n", "key 'builtin': expected true or false, got 'yes'", "builtin"),
    ("markdown_sections: 1\n", "key 'markdown_sections': expected true or false, got 1", "markdown_sections"),
    ("mode: drafts\n", "key 'mode': 'drafts' is not one of: draft, template", "mode"),
    ("input_format: docx\n", "key 'input_format': 'docx' is not one of: auto, text, markdown", "input_format"),
    ("model: [a]\n", "key 'model': expected a pipeline name or path, got a list", "model"),
    ("severity:\n  generic: loud\n", "key 'severity.generic': 'loud' is not one of: info, warning, error, off",
     "generic: loud"),
    ("severity:\n  generic: info\n  2024: error\n", "'2024' is not a rule id, id prefix or category", "2024"),
    ("severity: [generic]\n", "key 'severity': expected a mapping of rule id or category", "severity"),
    ("severity:\n  'not a rule': info\n", "key 'severity': 'not a rule' is not a rule id, id prefix or category",
     "'not a rule'"),
    ("include: 3\n", "key 'include': expected a list of glob patterns, got 3", "include"),
    ("rules: {a: 1}\n", "key 'rules': expected a list of rule files or directories, got a mapping", "rules"),
    ("overrides:\n  - files: [a]\n  - mode: template\n", "key 'overrides[1]': missing key 'files'",
     "- mode: template"),
    ("overrides:\n  - files: [a]\n    selcet: [generic]\n",
     "overrides[0]: unknown key 'selcet' (did you mean 'select'?)", "selcet"),
    ("overrides:\n  - files: [a]\n    mode: tmpl\n", "key 'overrides[0].mode': 'tmpl' is not one of", "mode: tmpl"),
    ("overrides:\n  - files: []\n", "key 'overrides[0].files': must not be empty", "files"),
    ("overrides: {files: [a]}\n", "key 'overrides': expected a list of overrides, got a mapping", "overrides"),
    ("macros:\n  Refund: 5\n", "key 'macros.Refund': expected a list of rule ids or categories, got 5", "Refund"),
    ("report_unused_suppressions: 'true'\n", "expected true or false, got 'true'", "report_unused"),
    ("rules: [nowhere.yaml]\n", "key 'rules': no such rule file or directory 'nowhere.yaml'", "rules"),
]


@pytest.mark.parametrize("text, message, needle", YAML_ERRORS, ids=[e[1][:40] for e in YAML_ERRORS])
def test_yaml_errors_name_file_key_and_line(tmp_path, text, message, needle):
    path = write(tmp_path / ".replylint.yaml", "# team settings\n" + text)
    with pytest.raises(ReplylintError) as err:
        load_config(tmp_path)
    error = err.value
    assert message in error.message
    assert error.path == str(path.resolve())
    assert error.line == line_number("# team settings\n" + text, needle)
    assert str(error).startswith(f"{path.resolve()}:{error.line}: ")


TOML_ERRORS = [
    ("selct = ['generic']\n", "unknown key 'selct'", "selct"),
    ("select = 5\n", "key 'select': expected a list", "select ="),
    ("fail_under = 101\n", "key 'fail_under': expected a whole number from 0 to 100, got 101", "fail_under"),
    ("builtin = 'no'\n", "key 'builtin': expected true or false, got 'no'", "builtin"),
    ("mode = 'draft'\n\n[tool.replylint.severity]\ngeneric = 'loud'\n", "key 'severity.generic': 'loud'",
     "generic = 'loud'"),
    ("mode = 'draft'\n\n[[tool.replylint.overrides]]\nfiles = ['a']\n\n[[tool.replylint.overrides]]\nfiles = ['b']\n"
     "mode = 'tmpl'\n", "key 'overrides[1].mode'", "mode = 'tmpl'"),
    ("severity = { generic = 'loud' }\n", "key 'severity.generic'", "severity ="),
]


@pytest.mark.parametrize("text, message, needle", TOML_ERRORS, ids=[e[1][:40] for e in TOML_ERRORS])
def test_toml_errors_name_file_key_and_line(tmp_path, text, message, needle):
    content = "[project]\nname = 'x'\nmode = 'not ours'\n\n[tool.replylint]\n" + text + "\n[tool.other]\nselect = 1\n"
    path = write(tmp_path / "pyproject.toml", content)
    with pytest.raises(ReplylintError) as err:
        load_config(tmp_path)
    assert message in err.value.message
    assert err.value.path == str(path.resolve())
    assert err.value.line == line_number(content, needle)


def test_the_first_error_in_the_file_is_reported(tmp_path):
    write(tmp_path / ".replylint.yaml", "fail_on: x\nbuiltin: 1\nselct: []\n")
    with pytest.raises(ReplylintError) as err:
        load_config(tmp_path)
    assert err.value.line == 1 and "fail_on" in err.value.message


def test_invalid_yaml_names_file_and_line(tmp_path):
    path = write(tmp_path / ".replylint.yaml", "select: [generic\nignore: []\n")
    with pytest.raises(ReplylintError) as err:
        load_config(tmp_path)
    assert err.value.path == str(path.resolve()) and err.value.line is not None
    assert "invalid YAML" in err.value.message


def test_duplicate_yaml_keys_are_an_error(tmp_path):
    write(tmp_path / ".replylint.yaml", "select: [generic]\nselect: [defensive]\n")
    with pytest.raises(ReplylintError, match="duplicate key 'select'") as err:
        load_config(tmp_path)
    assert err.value.line == 2


@pytest.mark.parametrize("text", ["- select\n", "just words\n"])
def test_a_config_that_is_not_a_mapping_is_an_error(tmp_path, text):
    write(tmp_path / ".replylint.yaml", text)
    with pytest.raises(ReplylintError, match="must be a mapping"):
        load_config(tmp_path)


def test_tool_replylint_that_is_not_a_table_is_an_error(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool]\nreplylint = 5\n")
    with pytest.raises(ReplylintError, match="must be a mapping") as err:
        load_config(tmp_path)
    assert err.value.path.endswith("pyproject.toml")


# ----------------------------------------------------------------------------------------- overrides

OVERRIDES = """\
select: [defensive, generic]
ignore: [defensive.policy]
severity: {generic: info}
mode: draft
overrides:
  - files: ["macros/**"]
    mode: template
    ignore: [missing-apology]
  - files: ["macros/sales/", "*.upsell.md"]
    select: [pushy-upsell]
    severity: {pushy-upsell: error, generic: "off"}
  - files: ["**/legacy-*.txt", "!**/legacy-keep.txt"]
    ignore: defensive
"""


def test_for_file_resolves_overrides(tmp_path):
    write(tmp_path / ".replylint.yaml", OVERRIDES)
    config = load_config(tmp_path)
    plain = config.for_file(tmp_path / "replies" / "a.md")
    assert plain == FileSettings(select=("defensive", "generic"), ignore=("defensive.policy",),
                                 severity=({"generic": "info"},), mode="draft")
    macro = config.for_file(tmp_path / "macros" / "refund.txt")
    assert macro.mode == "template" and macro.select == ("defensive", "generic")
    assert macro.ignore == ("defensive.policy", "missing-apology")
    sales = config.for_file(tmp_path / "macros" / "sales" / "offer.md")
    assert sales.select == ("pushy-upsell",) and sales.mode == "template"
    assert sales.severity == ({"generic": "info"}, {"pushy-upsell": "error", "generic": "off"})
    assert config.for_file(tmp_path / "x" / "y.upsell.md").select == ("pushy-upsell",)
    assert config.for_file(tmp_path / "old" / "legacy-1.txt").ignore == ("defensive.policy", "defensive")
    assert config.for_file(tmp_path / "old" / "legacy-keep.txt").ignore == ("defensive.policy",)


def test_overrides_match_relative_to_the_config_dir_whatever_the_cwd(tmp_path, monkeypatch):
    write(tmp_path / ".replylint.yaml", OVERRIDES)
    config = load_config(tmp_path)
    (tmp_path / "macros").mkdir()
    monkeypatch.chdir(tmp_path / "macros")
    assert config.for_file("refund.txt").mode == "template"
    assert config.for_file(Path("..") / "replies" / "refund.txt").mode == "draft"


def test_overrides_do_not_apply_outside_the_config_dir(tmp_path):
    write(tmp_path / "team" / ".replylint.yaml", OVERRIDES)
    config = load_config(tmp_path / "team")
    assert config.for_file(tmp_path / "macros" / "refund.txt").mode == "draft"


def test_file_settings_apply_selection_and_severity():
    settings = FileSettings(select=("defensive", "generic"), ignore=("defensive.policy",),
                            severity=({"generic": "info"}, {"generic.any-inconvenience": "off"}), mode="draft")
    findings = [finding(), finding("defensive.policy.hide"), finding("generic.canned", "generic"),
                finding("generic.any-inconvenience", "generic"), finding("pushy-upsell.x", "pushy-upsell")]
    result = settings.apply(findings)
    assert [(f.rule, f.severity) for f in result] == [("defensive.as-i-said", "warning"),
                                                      ("generic.canned", "info")]


def test_widest_selection_covers_every_override():
    config = Config(select=("defensive",), ignore=("generic",),
                    overrides=(Override(files=("a/",), select=("pushy-upsell", "defensive")),))
    assert config.widest_selection() == (("defensive", "pushy-upsell"), ("generic",))
    assert replace(config, select=()).widest_selection() == ((), ("generic",))
    assert Config().widest_selection() == ((), ())


# ----------------------------------------------------------------------------------------- severities

def test_severity_most_specific_key_wins():
    mapping = {"defensive": "info", "defensive.policy": "error", "defensive.policy.hide": "warning"}
    assert severity_for("defensive.as-i-said", "defensive", mapping) == "info"
    assert severity_for("defensive.policy.other", "defensive", mapping) == "error"
    assert severity_for("defensive.policy.hide", "defensive", mapping) == "warning"
    assert severity_for("generic.x", "generic", mapping) is None
    assert severity_for("team.rule", "defensive", mapping) == "info"   # custom rule id, built-in category


def test_apply_severity_replaces_and_drops_off():
    findings = [finding(), finding("generic.canned", "generic"), finding("non-apology.x", "non-apology")]
    result = apply_severity(findings, {"defensive": "error", "generic": "off"})
    assert [(f.rule, f.severity, f.weight) for f in result] == [("defensive.as-i-said", "error", 5.0),
                                                                ("non-apology.x", "warning", 5.0)]
    assert result[1] is findings[2]                       # untouched findings are passed through
    assert findings[0].severity == "warning"              # the originals are not changed
    assert apply_severity(findings, {}) == findings


def test_later_severity_layers_win_over_more_specific_earlier_keys():
    layers = ({"defensive.as-i-said": "error"}, {"defensive": "off"})
    assert apply_severity([finding()], layers) == []
    layers = ({"defensive": "off"}, {"generic": "info"})
    assert apply_severity([finding()], layers) == []


# ----------------------------------------------------------------------------------------- include, exclude, gitignore

def tree(root: Path, *names: str) -> None:
    for name in names:
        write(root / name, "As I said.\n")


def test_include_and_exclude(tmp_path):
    write(tmp_path / ".replylint.yaml", "include: ['replies/', '*.md']\nexclude: ['replies/archive/', 'draft-*']\n")
    tree(tmp_path, "replies/a.txt", "replies/archive/old.txt", "replies/draft-1.txt", "notes/n.md", "notes/n.txt")
    config = load_config(tmp_path)
    included = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()
                and config.is_included(p)}
    assert included == {"replies/a.txt", "notes/n.md"}
    assert config.is_included(tmp_path / "notes")          # include never prunes a directory
    assert not config.is_included(tmp_path / "replies" / "archive")   # exclude does


def test_gitignore_is_respected_in_a_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "build/\n*.tmp.md\n")
    write(tmp_path / "replies" / ".gitignore", "private/\n!keep.tmp.md\n")
    tree(tmp_path, "replies/a.md", "replies/b.tmp.md", "replies/keep.tmp.md", "replies/private/p.md",
         "build/out.md", "build/sub/deep.md")
    config = load_config(tmp_path)
    assert config.path is None
    assert config.is_included(tmp_path / "replies" / "a.md")
    assert not config.is_included(tmp_path / "replies" / "b.tmp.md")
    assert config.is_included(tmp_path / "replies" / "keep.tmp.md")     # a deeper negation re-includes
    assert not config.is_included(tmp_path / "replies" / "private" / "p.md")
    assert not config.is_included(tmp_path / "build" / "sub" / "deep.md")
    assert not config.is_included(tmp_path / "build")


def test_a_file_in_an_ignored_directory_cannot_be_re_included(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "archive/\n")
    write(tmp_path / "archive" / ".gitignore", "!*\n")
    tree(tmp_path, "archive/a.md")
    assert gitignored(tmp_path / "archive" / "a.md")


def test_gitignore_of_the_repository_applies_to_a_config_in_a_subdirectory(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "*.generated.md\n")
    write(tmp_path / "support" / ".replylint.yaml", "fail_on: error\n")
    tree(tmp_path, "support/a.generated.md", "support/a.md")
    config = load_config(tmp_path / "support")
    assert config.path is not None
    assert not config.is_included(tmp_path / "support" / "a.generated.md")
    assert config.is_included(tmp_path / "support" / "a.md")


def test_outside_a_repository_gitignore_files_up_to_the_config_dir_apply(tmp_path):
    write(tmp_path / ".gitignore", "*.md\n")                 # above the config: not ours
    write(tmp_path / "team" / ".replylint.yaml", "fail_on: error\n")
    write(tmp_path / "team" / ".gitignore", "*.bak.txt\n")
    tree(tmp_path, "team/replies/a.md", "team/replies/a.bak.txt", "team/replies/a.txt")
    config = load_config(tmp_path / "team")
    assert config.is_included(tmp_path / "team" / "replies" / "a.md")
    assert not config.is_included(tmp_path / "team" / "replies" / "a.bak.txt")
    assert config.is_included(tmp_path / "team" / "replies" / "a.txt")


def test_respect_gitignore_false(tmp_path):
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "*.md\n")
    write(tmp_path / ".replylint.yaml", "respect_gitignore: false\n")
    tree(tmp_path, "a.md")
    assert load_config(tmp_path).is_included(tmp_path / "a.md")
    assert not Config().is_included(tmp_path / "a.md")


def test_gitignore_changes_are_picked_up(tmp_path):
    (tmp_path / ".git").mkdir()
    tree(tmp_path, "a.md")
    gi = write(tmp_path / ".gitignore", "*.txt\n")
    assert Config().is_included(tmp_path / "a.md")
    gi.write_text("*.txt\n*.md\n", encoding="utf-8")
    assert not Config().is_included(tmp_path / "a.md")


# ----------------------------------------------------------------------------------------- macros

def test_macro_ignores():
    config = Config(macros={"Refund*": ("missing-apology",), "refund - damaged": ("generic",),
                            "[VIP] Upgrade": ("pushy-upsell",), "*": ("non-apology",)})
    assert config.macro_ignores("Refund - damaged") == ("missing-apology", "generic", "non-apology")
    assert config.macro_ignores("REFUND later") == ("missing-apology", "non-apology")
    assert config.macro_ignores("[VIP] Upgrade") == ("pushy-upsell", "non-apology")   # exact names always match
    assert config.macro_ignores(None) == ()
    assert Config().macro_ignores("Refund") == ()


def test_macro_names_that_yaml_reads_as_numbers(tmp_path):
    write(tmp_path / ".replylint.yaml", "macros:\n  2024: [generic]\n")
    assert load_config(tmp_path).macro_ignores("2024") == ("generic",)


def test_macro_ignores_from_a_file(tmp_path):
    write(tmp_path / ".replylint.yaml", "macros:\n  'Shipping *': 'generic, defensive'\n")
    assert load_config(tmp_path).macro_ignores("Shipping delay") == ("generic", "defensive")


# ----------------------------------------------------------------------------------------- command line

def test_merge_cli_values_that_are_given_win(tmp_path):
    base = Config(path=tmp_path / ".replylint.yaml", select=("generic",), fail_on="error", model="blank",
                  rules=(tmp_path / "r.yaml",))
    merged = merge_cli(base, select=("defensive,non-apology", "pushy-upsell"), fail_on=None, model="auto",
                       ignore=(), rules=(), fail_under=70, builtin=None)
    assert merged.select == ("defensive", "non-apology", "pushy-upsell")
    assert merged.fail_on == "error" and merged.model == "auto" and merged.fail_under == 70
    assert merged.rules == base.rules and merged.builtin is True and merged.path == base.path
    assert merge_cli(base, rules=["x.yaml"]).rules == (Path("x.yaml"),)
    assert merge_cli(base) == base


def test_merge_cli_rejects_unknown_settings():
    with pytest.raises(TypeError, match="colour"):
        merge_cli(Config(), colour="always")


# ----------------------------------------------------------------------------------------- unknown selectors

def test_unknown_selectors_are_listed(tmp_path):
    config = Config(path=tmp_path / "c.yaml", select=("defensive", "defensiv"), severity={"generic.nope": "off"},
                    overrides=(Override(files=("a",), ignore=("pushy-upsel",)),), macros={"M": ("generic",)})
    rules = [("defensive.as-i-said", "defensive"), ("generic.canned", "generic")]
    messages = unknown_selectors(config, rules)
    assert messages == [f"{tmp_path / 'c.yaml'}: select: 'defensiv' matches no rule or category",
                        f"{tmp_path / 'c.yaml'}: severity: 'generic.nope' matches no rule or category",
                        f"{tmp_path / 'c.yaml'}: overrides[0].ignore: 'pushy-upsel' matches no rule or category"]


# ----------------------------------------------------------------------------------------- starter and init

def test_starter_parses_validates_and_holds_the_defaults(tmp_path):
    path = write(tmp_path / ".replylint.yaml", STARTER)
    assert load_config(tmp_path) == Config(path=path.absolute())
    data = load_yaml(STARTER, "starter")
    from replylint.config import KEYS
    mentioned = set(re.findall(r"^#? ?([a-z_]+):", STARTER, re.M))
    assert set(KEYS) <= mentioned, set(KEYS) - mentioned
    assert set(data) <= set(KEYS)


def test_starter_toml_parses_validates_and_holds_the_defaults(tmp_path):
    path = write(tmp_path / "pyproject.toml", STARTER_TOML)
    assert load_config(tmp_path) == Config(path=path.absolute())
    from replylint.config import KEYS
    mentioned = set(re.findall(r"^(?:# ?)?(?:\[+tool\.replylint\.)?([a-z_]+)", STARTER_TOML, re.M))
    assert set(KEYS) <= mentioned, set(KEYS) - mentioned


def uncomment_examples(text: str) -> str:
    """The starter with every commented example switched on: `# key: value` lines and the `#  ...` lines
    under an empty `key: []` / `key: {}`."""
    out: list[str] = []
    for line in text.split("\n"):
        if line.startswith("#  "):
            out[-1] = re.sub(r": (\[\]|\{\})$", ":", out[-1]) if re.search(r": (\[\]|\{\})$", out[-1]) else out[-1]
            out.append(line[1:])
        elif re.match(r"^# [a-z_]+: ", line):
            out.append(line[2:])
        else:
            out.append(line)
    return "\n".join(out)


def test_the_starters_commented_examples_are_valid(tmp_path):
    text = uncomment_examples(STARTER)
    assert "fail_under: 80" in text and "  - files: [\"macros/**\"]" in text
    write(tmp_path / ".replylint.yaml", text)
    config = load_config(tmp_path)
    assert config.fail_under == 80 and config.severity == {"defensive.as-i-said": "error", "generic": "info"}
    assert len(config.overrides) == 2 and config.macro_ignores("Refund - late") == ("missing-apology",)


def test_write_starter_yaml_and_refuse_to_overwrite(tmp_path):
    path = write_starter(tmp_path)
    assert path == tmp_path / ".replylint.yaml" and path.read_text(encoding="utf-8") == STARTER
    path.write_text("select: [generic]\n", encoding="utf-8")
    with pytest.raises(ReplylintError, match="already exists") as err:
        write_starter(tmp_path)
    assert err.value.path == str(path)
    assert path.read_text(encoding="utf-8") == "select: [generic]\n"


def test_write_starter_refuses_to_hide_another_config(tmp_path):
    write(tmp_path / "a" / ".replylint.yml", "select: [generic]\n")
    with pytest.raises(ReplylintError, match="already exists"):
        write_starter(tmp_path / "a")
    with pytest.raises(ReplylintError, match="already exists"):
        write_starter(tmp_path / "a", fmt="toml")
    write(tmp_path / "b" / "pyproject.toml", "[tool.replylint]\nselect = ['generic']\n")
    with pytest.raises(ReplylintError, match=r"\[tool.replylint\]"):
        write_starter(tmp_path / "b")
    assert not (tmp_path / "b" / ".replylint.yaml").exists()


def test_write_starter_toml_creates_pyproject(tmp_path):
    path = write_starter(tmp_path, fmt="toml")
    assert path == tmp_path / "pyproject.toml" and path.read_text(encoding="utf-8") == STARTER_TOML
    assert load_config(tmp_path).path == path.resolve()


PYPROJECT = """\
# the team's project
[project]
name = "support-macros"   # keep this comment
version = "1.0"

[tool.black]
line-length = 100"""


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("trailing", [True, False])
def test_write_starter_toml_appends_and_keeps_the_content(tmp_path, newline, trailing):
    original = (PYPROJECT + ("\n" if trailing else "")).replace("\n", newline).encode("utf-8")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_bytes(original)
    assert write_starter(tmp_path, fmt="toml") == pyproject
    data = pyproject.read_bytes()
    assert data.startswith(original)
    added = data[len(original):].decode("utf-8")
    assert "[tool.replylint]" in added
    if newline == "\r\n":
        assert "\n" not in added.replace("\r\n", "")   # the file's own line ends
    else:
        assert "\r" not in added
    document = tomllib.loads(data.decode("utf-8"))
    assert document["project"]["name"] == "support-macros" and document["tool"]["black"] == {"line-length": 100}
    assert load_config(tmp_path) == Config(path=pyproject.resolve())
    with pytest.raises(ReplylintError, match="already holds a \\[tool.replylint\\] table"):
        write_starter(tmp_path, fmt="toml")
    assert pyproject.read_bytes() == data


def test_write_starter_toml_refuses_broken_or_unextendable_pyproject(tmp_path):
    broken = write(tmp_path / "a" / "pyproject.toml", "[project\n")
    with pytest.raises(ReplylintError, match="invalid TOML"):
        write_starter(tmp_path / "a", fmt="toml")
    assert broken.read_text(encoding="utf-8") == "[project\n"
    inline = write(tmp_path / "b" / "pyproject.toml", "tool = { black = { line-length = 100 } }\n")
    with pytest.raises(ReplylintError, match="add it by hand"):
        write_starter(tmp_path / "b", fmt="toml")
    assert inline.read_text(encoding="utf-8") == "tool = { black = { line-length = 100 } }\n"


def test_write_starter_errors(tmp_path):
    with pytest.raises(ReplylintError, match="no such directory"):
        write_starter(tmp_path / "missing")
    with pytest.raises(ReplylintError, match="unknown config format"):
        write_starter(tmp_path, fmt="ini")
