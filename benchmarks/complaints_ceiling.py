#!/usr/bin/env python3
"""How far could a classifier trained on the evaluation set itself go? A reference for the `complaint` detector.

    python benchmarks/complaints_ceiling.py PATH.csv|PATH.jsonl [--folds 5] [--model auto|blank|NAME]
                                            [--detector NAMES] [--json]

Needs scikit-learn (``pip install -e ".[bench]"``). The built-in detector is hand-written and never sees these
labels; this script answers the question its figure raises: is the gap to a target a weakness of the rules, or
of what the words in a message can tell? It trains logistic regressions on the labelled file by stratified k-fold
cross-validation (every text is predicted by a model that did not see it; the TF-IDF vocabulary is fitted inside
each fold) and prints the macro-F1 of:

- the built-in detectors alone (no training; `complaint` or `complaint-chasing` firing, or ``--detector``);
- word 1-2-gram TF-IDF, trained in-domain;
- character 2-5-gram TF-IDF, trained in-domain (it also learns the brands' @handles and URLs of the file);
- each of those with the detector's verdict as one more feature.

In-domain cross-validation is an optimistic ceiling: the folds share brands, handles and the annotators' habits,
which a model shipped to other brands would not. Nothing here is saved, and replylint never ships these models.
Exit status: 0 on success, 2 on a usage or input error (one line on standard error).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import InputError, run_main  # noqa: E402
from complaints import add_detector_option, detect, detectors_from, load_items, scores  # noqa: E402

PROG = "complaints_ceiling.py"


def _sklearn():
    try:
        import numpy as np
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold
    except ImportError:
        raise InputError('needs scikit-learn: pip install -e ".[bench]"') from None
    return np, csr_matrix, hstack, TfidfVectorizer, LogisticRegression, StratifiedKFold


def cross_validate(texts: list[str], gold: list[bool], verdicts: list[bool], folds: int) -> dict[str, list[bool]]:
    """Out-of-fold predictions of each trained configuration."""
    np, csr_matrix, hstack, TfidfVectorizer, LogisticRegression, StratifiedKFold = _sklearn()
    y = np.array(gold, dtype=int)
    detector = csr_matrix(np.array(verdicts, dtype=float).reshape(-1, 1))
    vectorisers = {
        "words 1-2": lambda: TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
        "chars 2-5": lambda: TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
    }
    out: dict[str, np.ndarray] = {}
    for name in vectorisers:
        out[name] = np.zeros(len(texts), dtype=int)
        out[f"{name} + detector"] = np.zeros(len(texts), dtype=int)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train, test in splitter.split(np.zeros(len(y)), y):
        for name, make in vectorisers.items():
            vec = make()
            try:
                x_train = vec.fit_transform([texts[i] for i in train])
            except ValueError:  # e.g. "After pruning, no terms remain": every word occurs in one text only
                raise InputError(f"too few shared words to train on ({name}, a fold of {len(train)} texts)") from None
            x_test = vec.transform([texts[i] for i in test])
            for label, (a, b) in {name: (x_train, x_test),
                                  f"{name} + detector": (hstack([x_train, detector[train]]).tocsr(),
                                                         hstack([x_test, detector[test]]).tocsr())}.items():
                model = LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")
                model.fit(a, y[train])
                out[label][test] = model.predict(b)
    return {k: [bool(v) for v in arr] for k, arr in out.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="labelled CSV (text, complaint[, tweet_id, domain]) or JSONL (customer, gold)")
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    parser.add_argument("--model", default="auto", help="spaCy pipeline for the detector: auto, blank, or a name")
    add_detector_option(parser)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    try:
        detectors = detectors_from(args.detector)
        if args.folds < 2:
            raise InputError("--folds must be at least 2")
        _sklearn()
        items = load_items(args.path)
        gold = [it["gold"] for it in items]
        if min(sum(gold), len(gold) - sum(gold)) < args.folds:
            raise InputError(f"{args.path}: each class needs at least {args.folds} items for {args.folds} folds")
        linter, verdicts, _, _ = detect(items, model=args.model, detectors=detectors)
        predictions = {"built-in detector (untrained)": verdicts}
        predictions.update(cross_validate([it["text"] for it in items], gold, verdicts, args.folds))
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    results = {name: scores(items, pred) for name, pred in predictions.items()}
    if args.json:
        print(json.dumps({"file": args.path, "n": len(items), "folds": args.folds, "model": linter.pipeline.name,
                          "macro_f1": {k: v["macro_f1"] for k, v in results.items()},
                          "accuracy": {k: v["accuracy"] for k, v in results.items()}}, indent=2))
        return 0
    print(f"file: {args.path}  n: {len(items)}  folds: {args.folds}  detector model: {linter.pipeline.name}")
    print()
    width = max(len(k) for k in results)
    print(f"{'configuration'.ljust(width)}  macro-F1  accuracy")
    print(f"{'-' * width}  --------  --------")
    for name, r in results.items():
        print(f"{name.ljust(width)}  {r['macro_f1']:8.3f}  {r['accuracy']:8.3f}")
    return 0


if __name__ == "__main__":
    run_main(main)
