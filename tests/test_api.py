"""The public API: lint(), Linter.check over many drafts, batching, and the customer-message pass."""

from __future__ import annotations

import replylint
from replylint import api
from replylint.draft import Draft


def test_lint_function_returns_findings_and_scores():
    result = replylint.lint("As I said, you should have read our policy.")
    assert result.score < 100
    assert {f.category for f in result.findings} >= {"defensive"}
    assert all(f.path == "<text>" and f.line == 1 for f in result.findings)
    assert replylint.lint("Thanks Maria, the refund for order 1182 went out today; it shows in 3-5 days.").score \
        > result.score


def test_check_keeps_order_across_chunks_and_matches_single_drafts(trained_linter, monkeypatch):
    monkeypatch.setattr(api, "CHUNK", 3)
    texts = [("Your parcel was delayed. It ships Monday.", None),
             ("It ships Monday.", "My parcel is late again, this is ridiculous!"),
             ("As I said, the refund takes five days.", None),
             ("Thanks for the kind words about Sam!", "Sam at your store was brilliant, thank you."),
             ("Dear valued customer, we value your feedback.", None),
             ("I'm so sorry the parcel is late. It ships Monday by express.", "Where is my parcel?? Late again")]
    drafts = [Draft.from_text(t, id=f"d{i}", customer=c) for i, (t, c) in enumerate(texts)]
    report = trained_linter.check(drafts)
    assert [r.draft.id for r in report.results] == [f"d{i}" for i in range(len(texts))]
    for (text, customer), result in zip(texts, report.results):
        single = trained_linter.lint(text, customer)
        assert [(f.rule, f.start) for f in single.findings] == [(f.rule, f.start) for f in result.findings]


def test_customer_pass_restores_the_parser(trained_linter):
    before = list(trained_linter.pipeline.nlp.pipe_names)
    trained_linter.check([Draft.from_text("It ships Monday.", customer="My order is late!")])
    assert trained_linter.pipeline.nlp.pipe_names == before
    assert "parser" in before


def test_parallel_parsing_gives_the_same_results():
    texts = [f"As I said, order {i} was delayed. Dear valued customer, upgrade now!" if i % 3 == 0 else
             f"Hi Jo, I'm sorry order {i} arrived damaged; a new one ships today." for i in range(150)]
    drafts = [Draft.from_text(t, id=str(i)) for i, t in enumerate(texts)]
    one = api.Linter(model="blank").check(drafts)
    two = api.Linter(model="blank", jobs=2).check(drafts)
    assert [[(f.rule, f.start) for f in r.findings] for r in one.results] == \
        [[(f.rule, f.start) for f in r.findings] for r in two.results]
    assert any(r.findings for r in two.results)
