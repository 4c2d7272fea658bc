#!/usr/bin/env python3
"""How well replylint's draft score separates polite from impolite requests (Stanford Politeness Corpus).

    python benchmarks/politeness.py PATH.csv [--model auto|blank|NAME] [--json] [--top N]
                                    [--rules PATH] [--no-builtin]

The CSV needs a ``Request`` column (the text) and a ``Normalized Score`` column (higher = more polite), as in the
Wikipedia and Stack Exchange parts of the corpus (Danescu-Niculescu-Mizil et al., ACL 2013); ``Id`` names an item
when present. Every request is linted as a reply (no customer message) through the public API. As in the paper, the
top quartile by Normalized Score is "polite" and the bottom quartile "impolite"; the middle half is left out.

Prints the quartile sizes and each quartile's mean draft score, the best threshold ``t`` (predict polite when the
score >= t) with its accuracy, the ROC-AUC of the score (ties count half), and which rules and positive signals
fire most in each quartile (rule ids and counts only: the data must not be excerpted), plus timings.

Exit status: 0 on success, 2 on a usage or input error (one line on standard error).
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import InputError, average_ranks, make_linter, read_text, run_main  # noqa: E402

PROG = "politeness.py"
TEXT, SCORE = "Request", "Normalized Score"


# --------------------------------------------------------------------------------------------------- input

def load_items(path: str) -> list[dict]:
    text = read_text(path)
    reader = csv.DictReader(text.splitlines(keepends=True))
    fields = reader.fieldnames or []
    for needed in (TEXT, SCORE):
        if needed not in fields:
            raise InputError(f"{path}: needs a {needed!r} column (has: {', '.join(fields) or 'none'})")
    items: list[dict] = []
    for row in reader:
        where = f"{path}:{reader.line_num}"
        request = row.get(TEXT)
        if not request or not request.strip():
            continue
        try:
            gold = float(row[SCORE])
        except (TypeError, ValueError):
            raise InputError(f"{where}: {SCORE!r} is not a number") from None
        if math.isnan(gold):
            continue
        items.append({"id": (row.get("Id") or "").strip() or where, "text": request, "gold": gold})
    if len(items) < 8:
        raise InputError(f"{path}: too few requests ({len(items)})")
    return items


def quartiles(items: list[dict]) -> tuple[list[dict], list[dict]]:
    """(bottom quartile, top quartile) by the gold politeness score."""
    ranked = sorted(items, key=lambda it: it["gold"])
    k = len(ranked) // 4
    return ranked[:k], ranked[-k:]


# --------------------------------------------------------------------------------------------------- metrics



def roc_auc(positive: list[float], negative: list[float]) -> float | None:
    """Probability that a random positive scores higher than a random negative (ties count half)."""
    if not positive or not negative:
        return None
    ranks = average_ranks(positive + negative)
    rank_sum = sum(ranks[:len(positive)])
    n_pos, n_neg = len(positive), len(negative)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


def best_threshold(positive: list[float], negative: list[float]) -> tuple[float, float]:
    """(threshold, accuracy) maximising accuracy when predicting polite for score >= threshold."""
    total = len(positive) + len(negative)
    best_t, best_acc = math.inf, len(negative) / total  # nothing predicted polite
    for t in sorted(set(positive) | set(negative)):
        correct = sum(1 for s in positive if s >= t) + sum(1 for s in negative if s < t)
        if correct / total > best_acc:
            best_t, best_acc = t, correct / total
    return best_t, best_acc


# --------------------------------------------------------------------------------------------------- run

def run(items: list[dict], *, model: str, rules: list[str], builtin: bool, top: int) -> dict:
    t0 = time.perf_counter()
    from replylint.draft import Draft

    linter = make_linter(model=model, rules=rules, builtin=builtin)
    t1 = time.perf_counter()
    bottom, top_q = quartiles(items)
    chosen = bottom + top_q
    drafts = [Draft.from_text(it["text"], path="<request>", id=str(i)) for i, it in enumerate(chosen)]
    report = linter.check(drafts)
    t2 = time.perf_counter()
    results = report.results
    impolite, polite = results[:len(bottom)], results[len(bottom):]

    def summary(group) -> dict:
        scores = [r.score for r in group]
        rules_fired = Counter(rule for r in group for rule in {f.rule for f in r.findings})
        signals = Counter(name for r in group for name in {s.name for s in r.signals})
        return {
            "n": len(group),
            "mean_score": sum(scores) / len(scores) if scores else None,
            "with_findings": sum(1 for r in group if r.findings),
            "rules": rules_fired.most_common(top),
            "signals": signals.most_common(top),
        }

    pos = [float(r.score) for r in polite]
    neg = [float(r.score) for r in impolite]
    threshold, accuracy = best_threshold(pos, neg)
    return {
        "items": len(items),
        "model": linter.pipeline.name,
        "quartiles": {"polite": summary(polite), "impolite": summary(impolite)},
        "threshold": None if math.isinf(threshold) else threshold,
        "accuracy": accuracy,
        "roc_auc": roc_auc(pos, neg),
        "startup_seconds": t1 - t0,
        "elapsed_seconds": t2 - t1,
        "requests_per_second": len(chosen) / (t2 - t1) if t2 > t1 else None,
        "notices": list(report.notices),
    }


# --------------------------------------------------------------------------------------------------- output

def fmt(value: float | None, digits: int = 3) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def print_text(path: str, result: dict) -> None:
    q = result["quartiles"]
    print(f"file: {path}  requests: {result['items']}  model: {result['model']}")
    print(f"quartiles: polite (top) n={q['polite']['n']}  impolite (bottom) n={q['impolite']['n']}")
    print()
    for name in ("polite", "impolite"):
        g = q[name]
        print(f"{name:9} mean score {fmt(g['mean_score'], 2)}  with findings {g['with_findings']}/{g['n']}")
    print()
    print(f"best threshold: score >= {fmt(result['threshold'], 0)} -> polite   accuracy: {fmt(result['accuracy'])}")
    print(f"ROC-AUC: {fmt(result['roc_auc'])}")
    for name in ("polite", "impolite"):
        g = q[name]
        print()
        print(f"{name}: rules firing most (requests with the rule)")
        for rule, count in g["rules"] or [("(none)", 0)]:
            print(f"  {count:5d}  {rule}")
        print(f"{name}: signals present most")
        for signal, count in g["signals"] or [("(none)", 0)]:
            print(f"  {count:5d}  {signal}")
    print()
    print(f"startup: {result['startup_seconds']:.2f} s  linting: {result['elapsed_seconds']:.2f} s  "
          f"({fmt(result['requests_per_second'], 1)} requests/s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="CSV with Request and Normalized Score columns")
    parser.add_argument("--model", default="auto", help="spaCy pipeline: auto, blank, or a package name or path")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--top", type=int, default=12, help="how many rules and signals to list per quartile")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="extra rule file or directory (repeatable)")
    parser.add_argument("--no-builtin", action="store_true", help="leave out the built-in rule packs")
    args = parser.parse_args(argv)
    try:
        items = load_items(args.path)
        result = run(items, model=args.model, rules=args.rules, builtin=not args.no_builtin, top=max(args.top, 0))
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    for notice in result["notices"]:
        print(f"{PROG}: note: {notice}", file=sys.stderr)
    if args.json:
        print(json.dumps({"file": args.path, **result}, indent=2))
    else:
        print_text(args.path, result)
    return 0


if __name__ == "__main__":
    run_main(main)
