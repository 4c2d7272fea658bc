"""SARIF 2.1.0 output: valid against the OASIS schema (when ../shared has it), consistent, deterministic."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

from replylint import __version__
from replylint.api import LintResult, Report
from replylint.draft import Draft
from replylint.finding import Finding
from replylint.reporters import REPORTERS, sarif
from replylint.scoring import score

from .conftest import get_linter

SCHEMA = Path(__file__).resolve().parents[1] / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json"
ROOT = Path("/work/project")  # %SRCROOT% for the tests: paths below it are relative, others absolute file URIs


def _report() -> Report:
    """Real findings from the blank pipeline: a file, a named macro, standard input, unicode text, plus one
    hand-made finding without a suggestion."""
    linter = get_linter("blank")
    drafts = [
        Draft.from_text("Hello Ann,\nAs I said, you should have read our policy.\n", path="replies/bad reply.txt"),
        Draft.from_text("Per my last email, the fee stays.", path="macros/refunds.md", id="macros/refunds.md#late",
                        name="Refund – late ✓"),
        Draft.from_text("Hi,\n\nAs I already explained, no.\n", path="<stdin>"),
        Draft.from_text("😀 Café 🎉 — as I said, the café is closed.", path="/work/project/uni.txt"),
        Draft.from_text("As I told you, sorry for any inconvenience.", path="<text 2>"),
    ]
    report = linter.check(drafts)
    extra_draft = Draft.from_text("Kindly note the fee.", path="/elsewhere/other.txt")
    extra = Finding(path="/elsewhere/other.txt", line=1, column=1, end_line=1, end_column=12, rule="custom.no-tip",
                    category="generic", severity="info", message="Filler.", suggestion=None, text="Kindly note",
                    start=0, end=11, draft_id="/elsewhere/other.txt", weight=2)
    total, per = score([extra])
    report.results.append(LintResult(extra_draft, [extra], total, per))
    report.notices.append("a notice, with \"quotes\"")
    return report


@pytest.fixture(scope="module")
def report() -> Report:
    return _report()


def _render(report: Report, root: Path = ROOT) -> str:
    out = io.StringIO()
    sarif.render(report, out, root=root)
    return out.getvalue()


@pytest.fixture(scope="module")
def doc(report) -> dict:
    return json.loads(_render(report))


def _schema() -> dict:
    if not SCHEMA.is_file():
        pytest.skip(f"the OASIS SARIF schema is not at {SCHEMA}")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def test_registered():
    assert REPORTERS["sarif"] is sarif.render


def test_validates_against_the_oasis_schema(doc):
    schema = _schema()
    cls = jsonschema.validators.validator_for(schema)
    assert "draft-04" in schema["$schema"] and cls is jsonschema.Draft4Validator
    cls.check_schema(schema)
    cls(schema, format_checker=cls.FORMAT_CHECKER).validate(doc)
    # jsonschema checks "uri" formats only with optional packages: check them here (RFC 3986 characters only)
    uri = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$")
    run = doc["runs"][0]
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"] for loc in r["locations"]]
    uris += [v["uri"] for v in run["originalUriBaseIds"].values()] + [doc["$schema"]]
    assert all(uri.match(u) for u in uris), uris


def test_schema_rejects_broken_output(doc):
    schema = _schema()
    broken = json.loads(json.dumps(doc))
    broken["runs"][0]["results"][0]["level"] = "info"  # not a SARIF level
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validators.validator_for(schema)(schema).validate(broken)


def test_top_level_and_driver(doc, report):
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and doc["version"] == "2.1.0"
    assert len(doc["runs"]) == 1
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "replylint" and driver["version"] == __version__
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///work/project/"}}
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": [
        {"message": {"text": n}, "level": "note"} for n in report.notices]}]
    assert len(run["results"]) == len(report.findings)


def test_rules_sorted_and_rule_index_consistent(doc, report):
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert {s.id for s in report.rules} | {"custom.no-tip"} == set(ids)  # every rule that ran, and any found
    for result in doc["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    rule = rules[ids.index("defensive.as-i-said")]
    spec = next(s for s in report.rules if s.id == "defensive.as-i-said")
    assert rule["name"] == "DefensiveAsISaid"
    assert rule["shortDescription"] == {"text": spec.description}
    assert rule["fullDescription"] == {"text": spec.message}
    assert rule["defaultConfiguration"] == {"level": "warning"}
    assert rule["properties"] == {"category": "defensive", "tags": ["defensive"]}
    assert spec.rationale in rule["help"]["text"] and spec.suggestion in rule["help"]["text"]
    assert spec.flag_examples[0].text in rule["help"]["text"]
    assert spec.pass_examples[0].text in rule["help"]["text"]
    assert "**Instead:**" in rule["help"]["markdown"] and "- Flagged: " in rule["help"]["markdown"]


def test_rule_name_and_markdown_escaping():
    assert sarif.rule_name("non-apology.any-inconvenience") == "NonApologyAnyInconvenience"
    assert sarif.rule_name("x_y.z9") == "XYZ9"
    assert sarif._md("a *b* <c> [d](e) `f`") == r"a \*b\* \<c\> \[d\](e) \`f\`"


def test_levels_follow_severity(doc, report):
    expected = {"error": "error", "warning": "warning", "info": "note"}
    results = doc["runs"][0]["results"]
    assert [r["level"] for r in results] == [expected[f.severity] for f in report.findings]
    assert "note" in {r["level"] for r in results} and "warning" in {r["level"] for r in results}
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert sarif.level("error") == "error"


def test_results_carry_positions_messages_and_properties(doc, report):
    by_draft = {id(f): r for r in report.results for f in r.findings}
    for f, result in zip(report.findings, doc["runs"][0]["results"]):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region == {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                          "endColumn": f.end_column, "snippet": {"text": f.text}}
        assert result["message"]["text"] == f.message + (f" {f.suggestion}" if f.suggestion else "")
        assert result["properties"] == {"category": f.category, "score": by_draft[id(f)].score}
        assert re.fullmatch(r"[0-9a-f]{64}", result["partialFingerprints"]["replylint/v1"])
    no_tip = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "custom.no-tip")
    assert no_tip["message"]["text"] == "Filler."


def _results_for(doc: dict, uri: str) -> list[dict]:
    return [r for r in doc["runs"][0]["results"]
            if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri]


def test_artifact_locations(doc):
    def location(uri):
        found = _results_for(doc, uri)
        assert found, uri
        return found[0]["locations"][0]["physicalLocation"]["artifactLocation"]

    assert location("replies/bad%20reply.txt") == {"uri": "replies/bad%20reply.txt", "uriBaseId": "%SRCROOT%"}
    assert location("uni.txt") == {"uri": "uni.txt", "uriBaseId": "%SRCROOT%"}  # absolute, below the root
    assert location("stdin") == {"uri": "stdin"}
    assert location("text-2") == {"uri": "text-2"}
    assert location("file:///elsewhere/other.txt") == {"uri": "file:///elsewhere/other.txt"}
    assert sarif.artifact_location("a/../b/ç.md", ROOT) == {"uri": "b/%C3%A7.md", "uriBaseId": "%SRCROOT%"}
    assert sarif.artifact_location("../up.txt", ROOT) == {"uri": "file:///work/up.txt"}


def test_macro_names_are_logical_locations(doc):
    macro = _results_for(doc, "macros/refunds.md")
    assert macro and all(r["locations"][0]["logicalLocations"] == [{"name": "Refund – late ✓", "kind": "object"}]
                         for r in macro)
    assert all("logicalLocations" not in r["locations"][0] for r in _results_for(doc, "stdin"))


def test_unicode_columns_are_code_points(doc):
    (result,) = [r for r in _results_for(doc, "uni.txt") if r["ruleId"] == "defensive.as-i-said"]
    region = result["locations"][0]["physicalLocation"]["region"]
    text = "😀 Café 🎉 — as I said, the café is closed."
    assert region["snippet"]["text"] == "as I said"
    assert region["startColumn"] == text.index("as I said") + 1 and region["endColumn"] == region["startColumn"] + 9


def test_output_is_deterministic(report):
    first, second = _render(report), _render(report)
    assert first == second
    assert _render(_report()) == first  # a fresh run gives the same bytes
    assert not re.search(r'"(startTimeUtc|endTimeUtc|timeUtc)"', first)
    assert first.endswith("}\n") and "\\u00e9" not in first  # UTF-8, not ASCII escapes


def test_default_root_is_the_working_directory(monkeypatch, tmp_path, report):
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    sarif.render(report, out)
    run = json.loads(out.getvalue())["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def _fingerprints(text: str, path: str = "r.txt") -> list[tuple[str, int, str]]:
    report = get_linter("blank").check([Draft.from_text(text, path=path)])
    doc = json.loads(_render(report))
    return [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["partialFingerprints"]["replylint/v1"]) for r in doc["runs"][0]["results"]]


def test_fingerprints_survive_edits_above_and_tell_repeats_apart():
    body = "As I said, the fee stays.\nLater: as I said, the fee stays.\n"
    before = _fingerprints(body)
    after = _fingerprints("Hello Ann,\n\nThanks for the photos.\n" + body)
    said = [p for p in before if p[0] == "defensive.as-i-said"]
    assert len(said) == 2 and said[0][2] != said[1][2]  # same rule and text, told apart by occurrence
    assert [p[2] for p in before if p[0] == "defensive.as-i-said"] == \
        [p[2] for p in after if p[0] == "defensive.as-i-said"]
    assert [p[1] for p in after if p[0] == "defensive.as-i-said"] == [4, 5]  # the lines moved, the hashes did not
    other_file = _fingerprints(body, path="s.txt")
    assert {p[2] for p in other_file}.isdisjoint({p[2] for p in before})


def test_empty_report_is_valid():
    doc = json.loads(_render(Report(results=[])))
    run = doc["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    schema = _schema()
    jsonschema.validators.validator_for(schema)(schema).validate(doc)
