"""benchmarks/airline_labels.py: our labels for real airline threads are joined with their text from the shared file
(the texts are not in the repository). Fixtures here are written for the test."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _load():
    spec = importlib.util.spec_from_file_location("airline_labels", BENCH / "airline_labels.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


airline_labels = _load()


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    source = _write(tmp_path / "source.jsonl", [
        {"id": "t-1", "customer": "My bag went to Oslo without me.", "reply": "Please DM us your tag number."},
        {"id": "t-2", "customer": "Great crew today, thanks!", "reply": "Thanks for flying with us!"},
        {"id": "t-3", "customer": "Is the lounge open at 5am?", "reply": "It opens at 4:30."},
    ])
    labels = _write(tmp_path / "labels.jsonl", [
        {"id": "t-3", "split": "hold", "gold": {"complaint": False}},
        {"id": "t-1", "split": "tune1", "gold": {"complaint": True, "missing_apology": True}},
    ])
    return source, labels


def test_join_takes_text_from_the_source_in_label_order(files):
    source, labels = files
    rows = airline_labels.join(str(source), "all", labels)
    assert [r["id"] for r in rows] == ["t-3", "t-1"]
    assert rows[1]["customer"] == "My bag went to Oslo without me." and rows[1]["gold"]["missing_apology"] is True
    assert [r["id"] for r in airline_labels.join(str(source), "tune1", labels)] == ["t-1"]


def test_a_thread_missing_from_the_source_is_a_one_line_error(tmp_path, files, capsys):
    _, labels = files
    other = _write(tmp_path / "other.jsonl", [{"id": "x-9", "customer": "", "reply": ""}])
    with pytest.raises(airline_labels.InputError, match="2 labelled thread"):
        airline_labels.join(str(other), "all", labels)
    assert airline_labels.main([str(tmp_path / "nope.jsonl"), str(tmp_path / "out.jsonl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.jsonl" in err


def test_the_shipped_labels_name_3599_threads_in_seven_splits():
    rows = [json.loads(line) for line in (BENCH / "data" / "airline_real_labels.jsonl").read_text().splitlines()]
    assert len(rows) == 3599 and len({r["id"] for r in rows}) == 3599
    assert {r["split"] for r in rows} == {"tune1", "tune2", "tune3", "tune4", "tune5", "hold", "final"}
    assert all("customer" not in r and "reply" not in r for r in rows)  # labels only, no text
