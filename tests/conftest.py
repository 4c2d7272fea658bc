"""Shared fixtures: one Linter per pipeline kind for the whole session (loading spaCy is the slow part)."""

from __future__ import annotations

import pytest

from replylint.api import Linter
from replylint.pipeline import installed_model

PIPELINES = ["trained", "blank"]


def pytest_generate_tests(metafunc):
    if "pipeline_kind" in metafunc.fixturenames:
        metafunc.parametrize("pipeline_kind", PIPELINES, scope="session")


_linters: dict[str, Linter] = {}


def _model(kind: str) -> str:
    """The Linter model for a pipeline kind; skips the test when the trained one is asked for but not installed."""
    if kind == "trained" and installed_model() is None:
        pytest.skip("no trained English pipeline installed")
    return "auto" if kind == "trained" else "blank"


def get_linter(kind: str) -> Linter:
    if kind not in _linters:
        _linters[kind] = Linter(model=_model(kind))
    return _linters[kind]


def linter_with_rules(kind: str, rules_path, *, builtin: bool = True) -> Linter:
    """A Linter with one user rule file on top of (or, with ``builtin=False``, instead of) the built-in rules."""
    return Linter(model=_model(kind), rules=[rules_path], builtin=builtin)


@pytest.fixture
def linter(pipeline_kind) -> Linter:
    """The built-in rules on the trained pipeline and on the blank one."""
    return get_linter(pipeline_kind)


@pytest.fixture
def trained_linter() -> Linter:
    return get_linter("trained")
