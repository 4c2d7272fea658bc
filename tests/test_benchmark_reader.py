"""benchmarks/_common.py: the JSONL reader the benchmark scripts share, and throughput.py reading only the first n
replies of a large corpus through it. Fixtures are written here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load(name: str):
    sys.path.insert(0, str(BENCH))
    try:
        spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCH))


common = _load("_common")
throughput = _load("throughput")


def test_objects_with_line_numbers_and_a_bom(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"reply": "one"}\n\n{"reply": "two \xe2\x80\xa8 lines"}\n')
    assert list(common.jsonl_objects(str(path))) == [(1, {"reply": "one"}), (3, {"reply": "two \u2028 lines"})]


@pytest.mark.parametrize("content, message", [
    (b'{"reply": "a"}\nnot json\n', "a.jsonl:2: invalid JSON"),
    (b'{"reply": "a"}\n[1, 2]\n', "a.jsonl:2: expected a JSON object"),
    (b'{"reply": "a"}\n{"reply": "\xff"}\n', "a.jsonl:2: not UTF-8"),
])
def test_bad_lines_are_named_by_file_and_line(tmp_path, content, message):
    path = tmp_path / "a.jsonl"
    path.write_bytes(content)
    objects = common.jsonl_objects(str(path))
    assert next(objects) == (1, {"reply": "a"})  # the good line comes first: the file is read as it is needed
    with pytest.raises(common.InputError, match=message.replace(".", r"\.")):
        next(objects)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(common.InputError, match="no such file"):
        list(common.jsonl_objects(str(tmp_path / "nope.jsonl")))
    with pytest.raises(common.InputError, match="is a directory"):
        list(common.jsonl_objects(str(tmp_path)))


def test_throughput_reads_only_the_replies_it_needs(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text('{"id": "a", "reply": "One.", "customer": "Late."}\n{"reply": "Two."}\nnot json at all\n',
                    encoding="utf-8")
    records, distinct = throughput.load_records(str(path), 2)
    assert [r["reply"] for r in records] == ["One.", "Two."] and distinct == 2
    assert records[0]["customer"] == "Late." and records[1]["customer"] is None
    with pytest.raises(throughput.InputError, match=r"corpus\.jsonl:3: invalid JSON"):
        throughput.load_records(str(path), 3)


def test_throughput_repeats_a_short_file(tmp_path):
    path = tmp_path / "short.jsonl"
    path.write_text('{"reply": "One."}\n{"reply": "Two."}\n', encoding="utf-8")
    records, distinct = throughput.load_records(str(path), 5)
    assert [r["reply"] for r in records] == ["One.", "Two.", "One.", "Two.", "One."] and distinct == 2
