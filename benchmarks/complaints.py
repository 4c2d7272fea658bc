#!/usr/bin/env python3
"""Measure replylint's complaint detectors against customer messages labelled complaint / not a complaint.

    python benchmarks/complaints.py PATH.csv [--model auto|blank|NAME] [--detector NAMES] [--json] [--errors]
    python benchmarks/complaints.py PATH.jsonl [...]

A CSV needs the columns ``text`` and ``complaint`` (1/0, true/false), and may have ``tweet_id`` (the item's id)
and ``domain`` (e.g. the set of Preotiuc-Pietro et al., ACL 2019: tweet_id,text,complaint,domain). A JSONL file is
read as labelled replies (``{"id", "customer", "gold": {"complaint"}}``, e.g. the shared replies_dev set): the
customer's message is the text and ``gold.complaint`` the label; items whose label is null are left out (a
``domain`` field, when present, gives the per-domain accuracy).

By default a message counts as a complaint when `complaint` (the customer reports a problem) or
`complaint-chasing` (chasing, asking the company to act) fires; ``--detector complaint`` measures one alone. The
detectors run through the public engine, exactly as replylint runs them on a customer's message: a ``Linter`` is
built, the texts are normalised like drafts and parsed with ``linter.pipeline.nlp.pipe`` (without the parser when
no customer detector needs it, as ``Linter.parse`` does), and ``linter.engine.detect(doc, names)`` decides. Prints per-class precision / recall / F1, macro-F1, accuracy, accuracy per domain, n and
timings. ``--errors`` prints only the ids of misclassified items (never their text: the data must not be
excerpted).

Exit status: 0 on success, 2 on a usage or input error (one line on standard error).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import InputError, jsonl_objects, make_linter, read_text, run_main  # noqa: E402

PROG = "complaints.py"
DETECTORS = ("complaint", "complaint-chasing")  # a message counts as a complaint when any of them fires
TRUE = {"1", "true", "yes", "y", "t"}
FALSE = {"0", "false", "no", "n", "f"}


# --------------------------------------------------------------------------------------------------- input

def _label(value, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise InputError(f"{where}: complaint label must be 1/0 or true/false, got {str(value)[:20]!r}")


def load_csv(path: str, text: str) -> list[dict]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    fields = reader.fieldnames or []
    for needed in ("text", "complaint"):
        if needed not in fields:
            raise InputError(f"{path}: needs a {needed!r} column (has: {', '.join(fields) or 'none'})")
    items: list[dict] = []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        if row.get("text") is None or row.get("complaint") is None:
            raise InputError(f"{where}: missing fields")
        ident = (row.get("tweet_id") or row.get("id") or "").strip() or where
        items.append({"id": ident, "text": row["text"], "gold": _label(row["complaint"], where),
                      "domain": (row.get("domain") or "").strip() or None})
    return items


def load_jsonl(path: str, text: str) -> list[dict]:
    items: list[dict] = []
    for lineno, record in jsonl_objects(path, text):
        where = f"{path}:{lineno}"
        message = record.get("customer", record.get("text"))
        gold = record.get("gold", {})
        label = gold.get("complaint") if isinstance(gold, dict) else None
        if label is None:
            label = record.get("complaint")
        if label is None or not isinstance(message, str) or not message.strip():
            continue  # no agreed label, or no customer message
        ident = str(record["id"]) if record.get("id") is not None else where
        items.append({"id": ident, "text": message, "gold": _label(label, where),
                      "domain": record.get("domain")})
    return items


def load_items(path: str) -> list[dict]:
    text = read_text(path)
    items = load_jsonl(path, text) if path.endswith((".jsonl", ".ndjson")) else load_csv(path, text)
    if not items:
        raise InputError(f"{path}: no labelled items")
    return items


def add_detector_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--detector", default=",".join(DETECTORS),
                        help=f"detector(s), comma-separated; any firing counts (default {','.join(DETECTORS)})")


def detectors_from(option: str) -> tuple[str, ...]:
    """The names given to --detector, in order, each once; an InputError when there are none."""
    detectors = tuple(dict.fromkeys(d.strip() for d in option.split(",") if d.strip()))
    if not detectors:
        raise InputError("--detector needs at least one name")
    return detectors


# --------------------------------------------------------------------------------------------------- metrics

def ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def class_scores(pairs: list[tuple[bool, bool]], positive: bool) -> dict:
    tp = sum(1 for g, p in pairs if g == positive and p == positive)
    fp = sum(1 for g, p in pairs if g != positive and p == positive)
    fn = sum(1 for g, p in pairs if g == positive and p != positive)
    precision, recall = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {"support": tp + fn, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "f1": f1(precision, recall)}


def scores(items: list[dict], predicted: list[bool]) -> dict:
    pairs = [(it["gold"], p) for it, p in zip(items, predicted)]
    classes = {"complaint": class_scores(pairs, True), "not-complaint": class_scores(pairs, False)}
    f1s = [c["f1"] for c in classes.values()]
    macro = None if any(v is None for v in f1s) else sum(f1s) / len(f1s)
    per_domain: dict[str, list[bool]] = defaultdict(list)
    for it, p in zip(items, predicted):
        if it["domain"]:
            per_domain[it["domain"]].append(it["gold"] == p)
    return {
        "n": len(items),
        "classes": classes,
        "macro_f1": macro,
        "accuracy": ratio(sum(1 for g, p in pairs if g == p), len(pairs)),
        "domains": {d: {"n": len(v), "accuracy": sum(v) / len(v)} for d, v in sorted(per_domain.items())},
    }


# --------------------------------------------------------------------------------------------------- run

def detect(items: list[dict], *, model: str,
           detectors: tuple[str, ...] = DETECTORS) -> tuple[object, list[bool], float, float]:
    """The detectors' verdict on each item (any of them fires): (linter, verdicts, start-up s, detecting s)."""
    t0 = time.perf_counter()
    from replylint.draft import normalise
    from replylint.pipeline import BATCH_SIZE

    linter = make_linter(model=model)
    engine = linter.engine
    for name in detectors:
        if name not in engine.detectors:
            raise InputError(f"no active {name!r} detector in this replylint")
    t1 = time.perf_counter()
    texts = [normalise(it["text"]) for it in items]
    names = list(detectors)
    if any(engine.detectors[name].needs_parser for name in names):
        docs = linter.pipeline.nlp.pipe(texts, batch_size=BATCH_SIZE)
        predicted = [bool(engine.detect(doc, names)) for doc in docs]
    else:
        with linter.pipeline.without_parser() as nlp:
            docs = nlp.pipe(texts, batch_size=BATCH_SIZE)
            predicted = [bool(engine.detect(doc, names)) for doc in docs]
    return linter, predicted, t1 - t0, time.perf_counter() - t1


def run(items: list[dict], *, model: str, detectors: tuple[str, ...] = DETECTORS) -> dict:
    linter, predicted, startup, elapsed = detect(items, model=model, detectors=detectors)
    result = scores(items, predicted)
    result.update({
        "model": linter.pipeline.name,
        "detectors": list(detectors),
        "startup_seconds": startup,
        "elapsed_seconds": elapsed,
        "messages_per_second": ratio(len(items), elapsed),
        "notices": list(linter.notices),
        "_errors": {"false_positives": [it["id"] for it, p in zip(items, predicted) if p and not it["gold"]],
                    "false_negatives": [it["id"] for it, p in zip(items, predicted) if it["gold"] and not p]},
    })
    return result


# --------------------------------------------------------------------------------------------------- output

def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def table(rows: list[tuple[str, ...]]) -> None:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if k == 0:
            print("  ".join("-" * w for w in widths))


def print_text(path: str, result: dict) -> None:
    print(f"file: {path}  n: {result['n']}  model: {result['model']}  detector: {' | '.join(result['detectors'])}")
    print()
    rows = [("class", "support", "predicted", "precision", "recall", "F1")]
    for name, c in result["classes"].items():
        rows.append((name, str(c["support"]), str(c["predicted"]), fmt(c["precision"]), fmt(c["recall"]),
                     fmt(c["f1"])))
    table(rows)
    print()
    print(f"macro-F1: {fmt(result['macro_f1'])}  accuracy: {fmt(result['accuracy'])}")
    if result["domains"]:
        print()
        rows = [("domain", "n", "accuracy")]
        rows += [(d, str(v["n"]), fmt(v["accuracy"])) for d, v in result["domains"].items()]
        table(rows)
    print()
    print(f"startup: {result['startup_seconds']:.2f} s  detecting: {result['elapsed_seconds']:.2f} s  "
          f"({fmt(result['messages_per_second'], 1)} messages/s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="labelled CSV (text, complaint[, tweet_id, domain]) or JSONL (customer, gold)")
    parser.add_argument("--model", default="auto", help="spaCy pipeline: auto, blank, or a package name or path")
    add_detector_option(parser)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--errors", action="store_true",
                        help="print only the ids of misclassified items (false positives, then false negatives)")
    args = parser.parse_args(argv)
    try:
        items = load_items(args.path)
        result = run(items, model=args.model, detectors=detectors_from(args.detector))
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    for notice in result["notices"]:
        print(f"{PROG}: note: {notice}", file=sys.stderr)
    errors = result.pop("_errors")
    if args.errors:
        if args.json:
            print(json.dumps(errors, indent=2))
        else:
            for kind, ids in errors.items():
                print(f"{kind.replace('_', ' ')} ({len(ids)}):")
                for ident in ids:
                    print(f"  {ident}")
        return 0
    if args.json:
        print(json.dumps({"file": args.path, **result}, indent=2))
    else:
        print_text(args.path, result)
    return 0


if __name__ == "__main__":
    run_main(main)
