#!/usr/bin/env python3
"""Time replylint (and, if available, proselint) over a corpus of replies, in one process.

    python benchmarks/throughput.py PATH_TO_JSONL [--n 5000] [--model auto|blank|NAME] [--json]
                                    [--proselint-python /tmp/pl/bin/python] [--rules PATH] [--no-builtin]

Reads ``{"reply", "customer"?}`` lines (e.g. the shared bench/airline_replies.jsonl), repeating the file when it
has fewer than --n lines and taking the first n. Stages, always in this order:

  a. startup: ``import spacy``, ``import replylint.api``, Linter construction (model load + rule compilation)
  b. lint n replies without the customer message
  c. lint the same n replies with the customer message
  d. the same as (c) with the blank pipeline (its Linter construction timed separately)
  e. proselint over the same n replies: in this interpreter if ``import proselint`` works, else through
     --proselint-python (a separate interpreter with proselint installed), else skipped

Each lint stage first lints a few replies untimed (a warm-up), then times one ``Linter.check`` call over all n.
Peak RSS is ``resource.getrusage`` (this process, the peak so far after each stage); proselint run in a
subprocess reports its own peak (VmHWM on Linux) separately.

The script never imports replylint or spaCy before stage (a), and runs as a proselint worker when given
``--proselint-worker`` (texts as a JSON list on standard input, timings as JSON on standard output).
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import InputError, jsonl_objects, run_main  # noqa: E402

PROG = "throughput.py"
WARMUP = 20


# --------------------------------------------------------------------------------------------------- input

def load_records(path: str, n: int) -> tuple[list[dict], int]:
    """The first ``n`` records (repeating the file as needed) and the number of distinct lines used."""
    records: list[dict] = []
    for lineno, obj in jsonl_objects(path):  # read only as far as the n-th record
        if not isinstance(obj.get("reply"), str):
            raise InputError(f'{path}:{lineno}: each line needs an object with a "reply" string')
        customer = obj.get("customer")
        records.append({"id": str(obj.get("id", f"{path}:{lineno}")), "line": lineno,
                        "reply": obj["reply"], "customer": customer if isinstance(customer, str) else None})
        if len(records) >= n:
            break
    if not records:
        raise InputError(f"{path}: no replies")
    distinct = len(records)
    if distinct < n:
        records = list(itertools.islice(itertools.cycle(records), n))
    return records, distinct


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / (1024 * 1024) if sys.platform == "darwin" else kb / 1024  # bytes on macOS, KiB on Linux


def own_peak_rss_mb() -> float:
    """Peak RSS of this process image only. On Linux ``ru_maxrss`` survives exec (a subprocess would report its
    parent's peak at fork time), so a worker reads VmHWM, which exec resets; elsewhere fall back to getrusage."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return peak_rss_mb()


# --------------------------------------------------------------------------------------------------- proselint

def proselint_version() -> str:
    try:
        from importlib.metadata import version
        return version("proselint")
    except Exception:  # noqa: BLE001
        return "?"


def proselint_linter():
    """A function text -> list of results, for the proselint installed here (0.14+ API, else the old one)."""
    try:
        from proselint.checks import __register__
        from proselint.config import DEFAULT
        from proselint.registry import CheckRegistry
        from proselint.tools import LintFile
    except ImportError:
        from proselint.tools import lint as old_lint  # proselint <= 0.13
        return lambda text: old_lint(text)
    CheckRegistry().register_many(__register__)
    # LintFile treats empty content as "read the file": never hand it an empty string
    return lambda text: LintFile("<reply>", text or " ").lint(DEFAULT)


def proselint_run(texts: list[str]) -> dict:
    """Time import + setup and linting of ``texts`` with proselint in this interpreter."""
    t0 = time.perf_counter()
    import proselint  # noqa: F401
    lint = proselint_linter()
    t1 = time.perf_counter()
    for text in texts[:WARMUP]:
        lint(text)
    t2 = time.perf_counter()
    findings = sum(len(lint(text)) for text in texts)
    t3 = time.perf_counter()
    return {"version": proselint_version(), "startup_seconds": t1 - t0, "seconds": t3 - t2, "findings": findings,
            "python": platform.python_version(), "peak_rss_mb": own_peak_rss_mb()}


def proselint_worker() -> int:
    texts = json.load(sys.stdin)
    json.dump(proselint_run(texts), sys.stdout)
    return 0


def proselint_subprocess(python: str, texts: list[str]) -> dict:
    try:
        proc = subprocess.run([python, str(Path(__file__).resolve()), "--proselint-worker"],
                              input=json.dumps(texts), capture_output=True, text=True, check=False)
    except OSError as exc:
        raise InputError(f"--proselint-python {python}: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        raise InputError(f"proselint worker ({python}) failed: {last}")
    return json.loads(proc.stdout)


# --------------------------------------------------------------------------------------------------- replylint

def lint_stage(linter, drafts: list) -> dict:
    linter.check(drafts[:WARMUP])
    t0 = time.perf_counter()
    report = linter.check(drafts)
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "findings": len(report.findings), "peak_rss_mb": peak_rss_mb()}


def run(args) -> dict:
    records, distinct = load_records(args.path, args.n)
    n = len(records)
    out: dict = {"file": args.path, "n": n, "distinct_lines": distinct,
                 "with_customer": sum(1 for r in records if r["customer"]), "warmup": min(WARMUP, n),
                 "python": platform.python_version(), "stages": {}}
    stages = out["stages"]

    # (a) startup
    t0 = time.perf_counter()
    import spacy
    t1 = time.perf_counter()
    from replylint.api import Linter
    from replylint.draft import Draft
    from replylint.errors import ReplylintError
    t2 = time.perf_counter()
    rules = {"rules": args.rules, "builtin": not args.no_builtin}
    try:
        linter = Linter(model=args.model, **rules)
    except ReplylintError as exc:
        raise InputError(f"cannot set up replylint: {exc}") from None
    t3 = time.perf_counter()
    out["spacy"] = spacy.__version__
    out["model"] = linter.pipeline.name
    out["has_parser"] = bool(linter.pipeline.has_parser)
    out["rules"] = len(linter.rules)
    out["needs_customer"] = bool(getattr(linter.engine, "needs_customer", True))
    out["notices"] = list(linter.notices)
    stages["startup"] = {"import_spacy_seconds": t1 - t0, "import_replylint_seconds": t2 - t1,
                         "linter_seconds": t3 - t2, "seconds": t3 - t0, "peak_rss_mb": peak_rss_mb()}

    def drafts(with_customer: bool) -> list:
        return [Draft.from_text(r["reply"], path=f"{args.path}:{r['line']}", id=f"{i}:{r['id']}",
                                customer=r["customer"] if with_customer else None) for i, r in enumerate(records)]

    # (b), (c)
    stages["no_customer"] = lint_stage(linter, drafts(False))
    stages["customer"] = lint_stage(linter, drafts(True))

    # (d) blank pipeline (skipped if the main run already is blank: it would repeat (c))
    if linter.pipeline.name == "blank":
        out["blank_skipped"] = "the main run already uses the blank pipeline: (c) is its figure"
    else:
        del linter
        t0 = time.perf_counter()
        blank = Linter(model="blank", **rules)
        t1 = time.perf_counter()
        stages["blank"] = lint_stage(blank, drafts(True))
        stages["blank"]["linter_seconds"] = t1 - t0
        del blank

    # (e) proselint
    texts = [r["reply"] for r in records]
    try:
        import proselint  # noqa: F401
        local = True
    except ImportError:
        local = False
    if local:
        stages["proselint"] = proselint_run(texts) | {"where": "in-process"}
        stages["proselint"]["peak_rss_mb"] = peak_rss_mb()
    elif args.proselint_python:
        stages["proselint"] = proselint_subprocess(args.proselint_python, texts) | {
            "where": f"subprocess ({args.proselint_python})"}
    else:
        out["proselint_skipped"] = "proselint is not importable here and --proselint-python was not given"

    for stage in stages.values():
        if "seconds" in stage and stage is not stages["startup"]:
            stage["replies_per_second"] = n / stage["seconds"] if stage["seconds"] > 0 else None
    out["peak_rss_mb"] = peak_rss_mb()
    out["ratios"] = ratios(stages)
    return out


def ratios(stages: dict) -> dict:
    """Speed ratios (x times as many replies per second)."""
    rate = {k: v.get("replies_per_second") for k, v in stages.items() if k != "startup"}
    result = {}
    for key in ("no_customer", "customer", "blank"):
        if rate.get(key) and rate.get("proselint"):
            result[f"{key}/proselint"] = rate[key] / rate["proselint"]
    if rate.get("blank") and rate.get("customer"):
        result["blank/customer"] = rate["blank"] / rate["customer"]
    if rate.get("no_customer") and rate.get("customer"):
        result["no_customer/customer"] = rate["no_customer"] / rate["customer"]
    return result


# --------------------------------------------------------------------------------------------------- output

LABELS = {
    "no_customer": "(b) replylint, reply only",
    "customer": "(c) replylint, with customer",
    "blank": "(d) replylint blank, with customer",
    "proselint": "(e) proselint",
}


def print_text(out: dict) -> None:
    print(f"file: {out['file']}  replies: {out['n']} ({out['distinct_lines']} distinct lines, "
          f"{out['with_customer']} with a customer message)  warm-up: {out['warmup']} untimed")
    print(f"python {out['python']}  spaCy {out['spacy']}  model: {out['model']}"
          f"{' (parser)' if out['has_parser'] else ''}  rules: {out['rules']}"
          f"{'' if out['needs_customer'] else '  (no rule reads the customer message)'}")
    s = out["stages"]["startup"]
    print()
    print(f"(a) startup: {s['seconds']:.2f} s  = import spacy {s['import_spacy_seconds']:.2f} s"
          f" + import replylint {s['import_replylint_seconds']:.2f} s"
          f" + Linter() {s['linter_seconds']:.2f} s (model load + rules)   peak RSS {s['peak_rss_mb']:.0f} MB")
    print()
    rows = [("stage", "seconds", "replies/s", "findings", "peak RSS so far, MB")]
    for key, label in LABELS.items():
        st = out["stages"].get(key)
        if st is None:
            continue
        rps = st.get("replies_per_second")
        rows.append((label, f"{st['seconds']:.2f}", "n/a" if rps is None else f"{rps:.1f}", str(st["findings"]),
                     f"{st['peak_rss_mb']:.0f}"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for k, row in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))))
        if k == 0:
            print("  ".join("-" * w for w in widths))
    if "blank" in out["stages"]:
        print(f"blank Linter() construction: {out['stages']['blank']['linter_seconds']:.2f} s")
    else:
        print(f"(d) skipped: {out['blank_skipped']}")
    p = out["stages"].get("proselint")
    if p:
        print(f"proselint {p['version']} ({p['where']}, python {p['python']}): "
              f"startup {p['startup_seconds']:.2f} s; peak RSS of that process {p['peak_rss_mb']:.0f} MB")
    else:
        print(f"proselint: skipped ({out['proselint_skipped']})")
    print()
    for name, value in out["ratios"].items():
        print(f"ratio {name}: {value:.2f}x")
    print(f"peak RSS (this process): {out['peak_rss_mb']:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    if argv is None:
        argv = sys.argv[1:]
    if argv == ["--proselint-worker"]:
        return proselint_worker()
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="JSONL of replies (\"reply\", optional \"customer\")")
    parser.add_argument("--n", type=int, default=5000, help="number of replies (default 5000)")
    parser.add_argument("--model", default="auto", help="spaCy pipeline: auto, blank, or a package name or path")
    parser.add_argument("--proselint-python", metavar="PYTHON",
                        help="interpreter with proselint installed, used when proselint is not importable here")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="extra rule file or directory (repeatable)")
    parser.add_argument("--no-builtin", action="store_true", help="leave out the built-in rule packs")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    try:
        out = run(args)
    except InputError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    for notice in out["notices"]:
        print(f"{PROG}: note: {notice}", file=sys.stderr)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print_text(out)
    return 0


if __name__ == "__main__":
    run_main(main)
