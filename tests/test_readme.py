"""What README.md shows is true: its configuration example loads and its suppression comments parse."""

from __future__ import annotations

import re
from pathlib import Path

from replylint.config import read_config
from replylint.suppressions import find_malformed, parse_suppressions

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _block(after: str, lang: str) -> str:
    start = README.index(after)
    match = re.compile(rf"```{lang}\n(.*?)```", re.S).search(README, start)
    return match.group(1)


def test_configuration_example_is_valid(tmp_path):
    path = tmp_path / ".replylint.yaml"
    path.write_text(_block("## Configuration", "yaml"))
    config = read_config(path)
    assert config.fail_under == 80 and config.mode == "template"
    assert config.macro_ignores("Billing::Refund") == ("pushy-upsell",)
    assert config.for_file(tmp_path / "macros" / "legal" / "x.md").mode == "template"


def test_suppression_examples_parse():
    block = _block("### Suppressions", "")
    for line in block.strip().splitlines():
        comment = line.split("   ")[0].replace("...", "\nSome text.\n")
        assert parse_suppressions(comment + "\nAs I said.\n"), line
        assert not find_malformed(comment), line
