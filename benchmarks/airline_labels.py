#!/usr/bin/env python3
"""Join our labels for 3,599 real airline threads with their text, into a file benchmarks/evaluate.py reads.

    python benchmarks/airline_labels.py ../shared/bench/airline_replies.jsonl OUT.jsonl
                                        [--split tune1|...|tune5|hold|final|all]

benchmarks/data/airline_real_labels.jsonl holds labels only: the source id of each of 3,599 threads in the shared
airline_replies.jsonl, its split, and the gold labels (two annotators each, by ../shared/eval/LABELS.md; null where
they disagreed). The texts are not in this repository (their licence is non-commercial, evaluation only), so this
script takes them from the shared file and writes ``{"id", "brand", "customer", "reply", "gold"}`` lines to OUT,
which should be outside the repository. Then: ``python benchmarks/evaluate.py OUT.jsonl`` and
``python benchmarks/complaints.py OUT.jsonl``.

Splits: `tune1` (300 threads), then `tune2` to `tune5` (600 each, later samples; 599 in tune4) were each measured
blind, then the rules were tuned on their errors; `hold` (300, drawn with tune1) was only measured, after each
round; `final` (600) was measured after rounds 3, 4 and 5. Nobody read the errors of hold or final. Exit status: 0 on success, 2 on a usage or input error (one line).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import InputError, jsonl_objects, run_main  # noqa: E402

PROG = "airline_labels.py"
LABELS = Path(__file__).resolve().parent / "data" / "airline_real_labels.jsonl"


def _jsonl(path: str | Path) -> list[dict]:
    rows = []
    for lineno, row in jsonl_objects(str(path)):
        if "id" not in row:
            raise InputError(f"{path}:{lineno}: expected an object with an \"id\"")
        rows.append(row)
    return rows


def join(source: str, split: str, labels: Path = LABELS) -> list[dict]:
    """The labelled threads of ``split`` with their text from ``source``, in the labels' order."""
    wanted = [row for row in _jsonl(labels) if split in ("all", row.get("split"))]
    texts = {row["id"]: row for row in _jsonl(source)}
    missing = [row["id"] for row in wanted if row["id"] not in texts]
    if missing:
        raise InputError(f"{source}: {len(missing)} labelled thread(s) not found, e.g. {missing[0]!r}: "
                         "is this the shared airline_replies.jsonl?")
    return [{"id": row["id"], "brand": "airline", "customer": texts[row["id"]].get("customer", ""),
             "reply": texts[row["id"]].get("reply", ""), "gold": row["gold"]} for row in wanted]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("source", help="the shared bench/airline_replies.jsonl")
    parser.add_argument("out", help="where to write the joined JSONL (outside the repository)")
    parser.add_argument("--split", choices=("tune1", "tune2", "tune3", "tune4", "tune5", "hold", "final", "all"), default="all")
    args = parser.parse_args(argv)
    try:
        rows = join(args.source, args.split)
        Path(args.out).write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{PROG}: error: {args.out}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"{len(rows)} threads ({args.split}) written to {args.out}")
    return 0


if __name__ == "__main__":
    run_main(main)
