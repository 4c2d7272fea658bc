#!/usr/bin/env python3
"""Measure replylint's detection quality against a labelled JSONL set.

    python benchmarks/evaluate.py PATH_TO_JSONL [--model auto|blank|NAME] [--min-severity warning] [--json]
                                  [--errors CATEGORY] [--no-customer] [--rules PATH] [--no-builtin]

Each input line is ``{"id", "brand"?, "customer", "reply", "gold": {"complaint", "apology", "non_apology",
"missing_apology", "defensive", "generic", "pushy_upsell", "tone"}}`` (see e.g. the shared eval set's LABELS.md).
Every reply is linted together with the customer message it answers, through the public API. A category is
predicted for a reply when the reply has at least one finding of that category with severity >= --min-severity.
Items whose gold value for a label is null are left out of that label's score.

Prints, per category: items scored, gold positives, TP / FP / FN, precision, recall and F1 ("n/a" where undefined),
the Spearman rank correlation between the draft score and the gold ``tone``, and timings. ``--errors CATEGORY``
lists the ids (never the text: the data must not be excerpted) of that category's false positives and negatives.

Exit status: 0 on success, 2 on a usage or input error (one line on standard error).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import InputError, average_ranks, jsonl_objects, make_linter, run_main  # noqa: E402

SEVERITIES = ("info", "warning", "error")
# (category as replylint names it, gold label in the data)
LABELS = (
    ("defensive", "defensive"),
    ("missing-apology", "missing_apology"),
    ("non-apology", "non_apology"),
    ("generic", "generic"),
    ("pushy-upsell", "pushy_upsell"),
)
CATEGORY_OF = {cat: cat for cat, _ in LABELS} | {gold: cat for cat, gold in LABELS}
PROG = "evaluate.py"


# --------------------------------------------------------------------------------------------------- input

def load_items(path: str) -> list[dict]:
    """The labelled items of a JSONL file, in file order, each with its line number."""
    items: list[dict] = []
    seen: set[str] = set()
    for lineno, record in jsonl_objects(path):
        reply = record.get("reply")
        if not isinstance(reply, str):
            raise InputError(f'{path}:{lineno}: each line needs a "reply" string')
        customer = record.get("customer")
        if customer is not None and not isinstance(customer, str):
            raise InputError(f'{path}:{lineno}: "customer" must be a string')
        gold = record.get("gold")
        if not isinstance(gold, dict):
            raise InputError(f'{path}:{lineno}: each line needs a "gold" object')
        ident = str(record["id"]) if record.get("id") is not None else f"{path}:{lineno}"
        if ident in seen:
            raise InputError(f"{path}:{lineno}: duplicate id {ident!r}")
        seen.add(ident)
        items.append({"id": ident, "line": lineno, "customer": customer, "reply": reply, "gold": gold})
    return items


# --------------------------------------------------------------------------------------------------- metrics

def ratio(num: float, den: float) -> float | None:
    return num / den if den else None


def confusion(pairs: list[tuple[str, bool, bool]]) -> dict:
    """Counts and P/R/F1 for (id, gold, predicted) pairs; None where a metric is undefined."""
    tp = sum(1 for _, g, p in pairs if g and p)
    fp = sum(1 for _, g, p in pairs if p and not g)
    fn = sum(1 for _, g, p in pairs if g and not p)
    positives = tp + fn
    precision = ratio(tp, tp + fp)          # undefined when nothing was predicted
    recall = ratio(tp, positives)           # undefined when there are no gold positives
    # F1 = 2TP / (2TP + FP + FN): 0 when there are positives but none was found; undefined without positives
    f1 = None if recall is None else 2 * tp / (2 * tp + fp + fn)
    return {"n": len(pairs), "positives": positives, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
            "precision": precision, "recall": recall, "f1": f1}




def pearson(xs: list[float], ys: list[float]) -> float | None:
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None  # a constant series has no rank correlation
    return sxy / math.sqrt(sxx * syy)


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rho: Pearson's correlation of the average ranks (correct with ties)."""
    return pearson(average_ranks(xs), average_ranks(ys))


# --------------------------------------------------------------------------------------------------- run

def evaluate(items: list[dict], *, path: str, model: str, min_severity: str, with_customer: bool,
             rules: list[str], builtin: bool = True) -> dict:
    t0 = time.perf_counter()
    from replylint.draft import Draft

    linter = make_linter(model=model, rules=rules, builtin=builtin)
    t1 = time.perf_counter()
    drafts = [Draft.from_text(it["reply"], path=f"{path}:{it['line']}", id=it["id"],
                              customer=it["customer"] if with_customer else None) for it in items]
    report = linter.check(drafts)
    t2 = time.perf_counter()
    if len(report.results) != len(items):
        raise InputError(f"replylint returned {len(report.results)} results for {len(items)} replies")

    threshold = SEVERITIES.index(min_severity)
    predicted: list[set[str]] = []
    scores: list[int] = []
    for item, result in zip(items, report.results):
        if result.draft.id != item["id"]:
            raise InputError(f"results out of order: expected {item['id']!r}, got {result.draft.id!r}")
        predicted.append({f.category for f in result.findings
                          if f.severity in SEVERITIES and SEVERITIES.index(f.severity) >= threshold})
        scores.append(result.score)

    categories = {}
    for category, label in LABELS:
        pairs = [(it["id"], bool(it["gold"][label]), category in pred)
                 for it, pred in zip(items, predicted) if it["gold"].get(label) is not None]
        categories[category] = confusion(pairs)
        categories[category]["_pairs"] = pairs

    tone_pairs = [(float(s), float(it["gold"]["tone"])) for it, s in zip(items, scores)
                  if isinstance(it["gold"].get("tone"), (int, float))]
    rho = spearman([s for s, _ in tone_pairs], [t for _, t in tone_pairs])
    lint_seconds = t2 - t1
    return {
        "file": path,
        "items": len(items),
        "model": linter.pipeline.name,
        "has_parser": bool(linter.pipeline.has_parser),
        "rules": len(linter.rules),
        "min_severity": min_severity,
        "customer_context": with_customer,
        "categories": categories,
        "tone_spearman": {"n": len(tone_pairs), "rho": rho},
        "startup_seconds": t1 - t0,
        "elapsed_seconds": lint_seconds,
        "replies_per_second": ratio(len(items), lint_seconds),
        "notices": list(report.notices),
    }


def error_ids(result: dict, category: str) -> dict:
    pairs = result["categories"][category]["_pairs"]
    return {"category": category,
            "false_positives": [i for i, g, p in pairs if p and not g],
            "false_negatives": [i for i, g, p in pairs if g and not p]}


# --------------------------------------------------------------------------------------------------- output

def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def print_text(result: dict, errors: dict | None) -> None:
    print(f"file: {result['file']}  items: {result['items']}  model: {result['model']}"
          f"{' (parser)' if result['has_parser'] else ''}  rules: {result['rules']}  "
          f"min severity: {result['min_severity']}  customer context: {'yes' if result['customer_context'] else 'no'}")
    print()
    header = ("category", "n", "positives", "TP", "FP", "FN", "precision", "recall", "F1")
    rows = [header]
    for category, m in result["categories"].items():
        rows.append((category, str(m["n"]), str(m["positives"]), str(m["tp"]), str(m["fp"]), str(m["fn"]),
                     fmt(m["precision"]), fmt(m["recall"]), fmt(m["f1"])))
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for k, row in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    print()
    tone = result["tone_spearman"]
    print(f"Spearman rho (score vs gold tone): {fmt(tone['rho'])}  (n={tone['n']})")
    print(f"startup: {result['startup_seconds']:.2f} s  linting: {result['elapsed_seconds']:.2f} s  "
          f"({fmt(result['replies_per_second'], 1)} replies/s)")
    if errors is not None:
        print()
        for kind in ("false_positives", "false_negatives"):
            ids = errors[kind]
            print(f"{errors['category']} {kind.replace('_', ' ')} ({len(ids)}):")
            for ident in ids:
                print(f"  {ident}")


def public(result: dict, errors: dict | None) -> dict:
    out = dict(result)
    out["categories"] = {c: {k: v for k, v in m.items() if not k.startswith("_")}
                         for c, m in result["categories"].items()}
    if errors is not None:
        out["errors"] = errors
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="labelled JSONL file")
    parser.add_argument("--model", default="auto", help="spaCy pipeline: auto, blank, or a package name or path")
    parser.add_argument("--min-severity", choices=SEVERITIES, default="warning",
                        help="lowest finding severity that counts as a prediction (default: warning)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--errors", metavar="CATEGORY",
                        help="list the ids of this category's false positives and false negatives")
    parser.add_argument("--no-customer", action="store_true", help="lint the replies without the customer message")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="extra rule file or directory (repeatable)")
    parser.add_argument("--no-builtin", action="store_true",
                        help="leave out the built-in rule packs (use with --rules to evaluate a pack of your own)")
    args = parser.parse_args(argv)

    try:
        errors_category = None
        if args.errors is not None:
            errors_category = CATEGORY_OF.get(args.errors.strip().lower())
            if errors_category is None:
                raise InputError(f"unknown category {args.errors!r} (one of: "
                                 + ", ".join(c for c, _ in LABELS) + ")")
        items = load_items(args.path)
        if not items:
            raise InputError(f"{args.path}: no items")
        result = evaluate(items, path=args.path, model=args.model, min_severity=args.min_severity,
                          with_customer=not args.no_customer, rules=args.rules, builtin=not args.no_builtin)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2

    for notice in result["notices"]:
        print(f"{PROG}: note: {notice}", file=sys.stderr)
    errors = error_ids(result, errors_category) if errors_category else None
    if args.json:
        print(json.dumps(public(result, errors), indent=2))
    else:
        print_text(result, errors)
    return 0


if __name__ == "__main__":
    run_main(main)
