"""The pre-commit hook, run by the real pre-commit framework on a throw-away git repository.

pre-commit clones the hook repository at a commit and pip-installs it into a fresh virtualenv, so the test first
snapshots this checkout as it is on disk (tracked and untracked, non-ignored files) into a temporary git
repository and points ``repo:`` at it. Installing spaCy and the rest comes from the package index: the first run
in a session takes a minute or more. The hook environment has no trained model: replylint uses its blank pipeline.
Skipped when git or pre-commit is missing, or with REPLYLINT_SKIP_PRECOMMIT=1.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 900

BAD = "Hi Sam,\n\nAs I already explained, you should have read our policy.\n\nBest,\nAlex\n"
FIXED = ("Hi Sam,\n\nHere is the refund policy again in full: you can return any item within 30 days and I'll "
         "refund it the same day.\n\nBest,\nAlex\n")
GOOD = ("Hi Sam,\n\nI've checked your order: the refund of 24.99 went out today and should reach your card within "
        "3 working days.\n\nIf anything else comes up, just reply here and I'll be glad to help.\n\nBest,\nAlex\n")
NETWORK_TROUBLE = ("NewConnectionError", "Temporary failure in name resolution", "Network is unreachable",
                   "ConnectTimeoutError")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in ("REPLYLINT_MODEL", "VIRTUAL_ENV")}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def _git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    done = subprocess.run(["git", "-c", "user.email=t@t", "-c", "user.name=t", "-c", "commit.gpgsign=false",
                           "-c", "init.defaultBranch=main", *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"git {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _snapshot(dest: Path, env: dict[str, str]) -> str:
    """Copy this checkout's files (what git tracks or would track) into a new repository; return its HEAD."""
    listing = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                             cwd=REPO_ROOT, env=env, capture_output=True, timeout=120)
    if listing.returncode != 0:
        pytest.skip("the replylint checkout is not a git repository")
    dest.mkdir()
    for name in sorted(set(listing.stdout.decode("utf-8", "surrogateescape").split("\0")) - {""}):
        source = REPO_ROOT / name
        if name.split("/")[0] == ".venv" or not source.is_file():  # deleted but still in the index
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    _git(dest, "init", "-q", env=env)
    _git(dest, "add", "-A", env=env)
    _git(dest, "commit", "-q", "-m", "snapshot", env=env)
    return _git(dest, "rev-parse", "HEAD", env=env).strip()


def _run_hooks(repo: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    if done.returncode not in (0, 1):  # 3: pre-commit itself failed, e.g. installing the hook environment
        output = done.stdout + done.stderr
        if any(t in output for t in NETWORK_TROUBLE):
            pytest.skip("pre-commit could not install the hook: no package index reachable")
        pytest.fail(f"pre-commit failed to run (exit {done.returncode}):\n{output}")
    return done


def test_precommit_hook_fails_on_a_bad_reply_and_passes_once_fixed(tmp_path):
    if os.environ.get("REPLYLINT_SKIP_PRECOMMIT") == "1":
        pytest.skip("REPLYLINT_SKIP_PRECOMMIT=1")
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if importlib.util.find_spec("pre_commit") is None:
        pytest.skip("pre-commit is not installed (pip install -e '.[test]')")
    home = tmp_path / "pre-commit-home"
    env = _env(home)
    try:
        _check_hooks(tmp_path, env)
    finally:
        shutil.rmtree(home, ignore_errors=True)  # the hook's virtualenv (~400 MB); pytest keeps old tmp dirs


def _check_hooks(tmp_path: Path, env: dict[str, str]) -> None:
    rev = _snapshot(tmp_path / "replylint-src", env)

    repo = tmp_path / "replies"
    (repo / "macros").mkdir(parents=True)
    (repo / "macros" / "bad.txt").write_text(BAD, encoding="utf-8")
    (repo / "macros" / "good.md").write_text(GOOD, encoding="utf-8")
    (repo / "notes.py").write_text("print('not a reply')\n", encoding="utf-8")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n"
        f"  - repo: {(tmp_path / 'replylint-src').as_posix()}\n"
        f"    rev: {rev}\n"
        "    hooks:\n"
        "      - id: replylint\n"
        "        files: ^macros/\n"
        "      - id: replylint-macros\n", encoding="utf-8")
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "-m", "replies", env=env)

    failed = _run_hooks(repo, env)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "replylint (macros)" in output and output.count("Failed") == 2, output  # both hooks ran and failed
    assert output.count("macros/bad.txt  score") == 2, output
    assert "  3:1  warning  defensive.as-i-said" in output, output
    assert "good.md" not in output and "notes.py" not in output, output

    (repo / "macros" / "bad.txt").write_text(FIXED, encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "kinder", env=env)
    passed = _run_hooks(repo, env)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert output.count("Passed") == 2, output
