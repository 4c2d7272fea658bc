"""Tone and politeness (rules/tone.yaml, the courtesy signal) and the complaint detector (rules/complaint.yaml).

Behaviour, not figures: polite requests outscore impolite ones, each tone rule catches its move and stays quiet on
ordinary support replies, and the complaint detector separates complaints from neutral questions and praise. The
benchmark scripts (benchmarks/complaints.py, benchmarks/politeness.py) run here on tiny made-up files.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

from replylint.draft import Draft, normalise
from replylint.engine import builtin_rules_dir, load_specs

from .conftest import get_linter

ROOT = Path(__file__).resolve().parents[1]
SPECS = {s.id: s for s in load_specs([builtin_rules_dir()])}
TONE_RULES = sorted(s.id for s in SPECS.values() if s.id.startswith("tone.") and not s.is_detector)


def rules_in(linter, text: str, customer: str | None = None) -> set[str]:
    return {f.rule for f in linter.lint(text, customer).findings}


def signals_in(linter, text: str) -> set[str]:
    return {s.name for s in linter.lint(text).signals}


def complains(linter, message: str) -> bool:
    with linter.pipeline.without_parser() as nlp:
        doc = nlp(normalise(message))
    return bool(linter.engine.detect(doc, ["complaint"]))


# ----------------------------------------------------------------------------------------------- politeness

PAIRS = [  # (polite, impolite): the same request asked two ways
    ("Could you send me the receipt when you get a chance? Thanks!",
     "Why didn't you send the receipt? Send it now."),
    ("Hi Sam, would you mind checking the second paragraph? I think the date may be off.",
     "You removed the second paragraph. What the hell were you thinking?"),
    ("Thanks for the quick edit! Perhaps we could move the table to the end?",
     "So why is the table still at the top? That's just stupid."),
    ("Sorry to bother you again - is there any chance the refund went out today?",
     "For the last time, where is the refund?"),
    ("Great work on the guide. Would it be possible to add a section on returns?",
     "The fact is, the guide is useless. You need to add a section on returns."),
    ("I was wondering if you could look at the booking when you have a moment, please.",
     "Can't you just look at the booking? Whatever."),
]


@pytest.mark.parametrize("polite, impolite", PAIRS)
def test_polite_request_outscores_impolite_one(linter, polite, impolite):
    p, i = linter.lint(polite), linter.lint(impolite)
    assert p.score > i.score
    assert not any(f.rule.startswith("tone.") for f in p.findings)
    assert any(f.rule.startswith("tone.") for f in i.findings)
    assert "courtesy" in {s.name for s in p.signals}


def test_courtesy_gives_points_back_only_once(linter):
    curt = "Why was the parcel sent to the old address?"
    softened = "Hi Jo, thanks for the photos. Why was the parcel sent to the old address? Could you check, please?"
    assert linter.lint(softened).score > linter.lint(curt).score
    assert signals_in(linter, softened) >= {"courtesy"}
    # several courtesies are one signal: the bonus counts once
    assert linter.bonuses["courtesy"] > 0
    result = linter.lint(softened)
    assert sum(1 for s in result.signals if s.name == "courtesy") > 1


@pytest.mark.parametrize("text", [
    "Could you send me the order number?",
    "Thanks so much for the photos!",
    "Send me the order number, please.",
    "I was wondering whether the parcel arrived.",
    "Great work on the new layout!",
    "Would you mind trying again in an hour?",
])
def test_courtesy_signal(linter, text):
    assert "courtesy" in signals_in(linter, text)


@pytest.mark.parametrize("text", [
    "Please send me the order number.",   # a polite imperative, but "please" first is not a softener
    "Send the receipt.",
    "Your refund was issued today.",
    "Thanks to the storm, every flight is late.",
])
def test_no_courtesy_signal(linter, text):
    assert "courtesy" not in signals_in(linter, text)


# ----------------------------------------------------------------------------------------------- tone rules

FLAGS = {
    "tone.why-question": "Why did you cancel the order without asking me?",
    "tone.you-must": "You must fill in the form before we can help.",
    "tone.accusing-you": "You keep sending the wrong photos.",
    "tone.opener-question": "So what exactly do you want me to do?",
    "tone.factuality": "The fact is, the parcel was delivered on time.",
    "tone.exasperation": "What the hell happened to my refund?",
    "tone.insult": "That is a stupid question.",
    "tone.dismissive": "So what? The sale ended yesterday.",
    "tone.negative-question": "Didn't you read the confirmation email?",
    "tone.challenge": "What do you mean, it wasn't delivered?",
    "tone.bare-request": "Send the receipt.",
    "tone.question-volley": "Where is the refund?? It was due on Monday.",
    "tone.rhetorical": "Would you really call a two-day wait a delay?",
}

# ordinary support replies: none of the tone rules may fire on these
ORDINARY = [
    "Hi Maria, I'm so sorry your parcel arrived damaged. I've sent a replacement; it arrives Thursday.",
    "You'll need your booking reference when you call - it's the six letters on your confirmation.",
    "Thanks for getting in touch! What's the order number, so I can check the tracking?",
    "I'm not sure why you're seeing that error, so I've asked our engineers to take a look.",
    "That's why we've refunded the full fare, Dana. It should show within 5 working days.",
    "You're making us blush! Thanks for flying with us.",
    "Your comments have gone straight to the cabin crew team.",
    "If you need to change the date, just reply here and I'll do it for you.",
    "We're happy to get you wherever you need to go. Safe travels!",
    "I understand how frustrating the wait has been. Could you DM us your booking reference?",
    "It's ridiculous that you had to wait two hours - I'm really sorry.",
    "Whatever works for you: I can call tomorrow morning or on Friday.",
    "Your refund of $42 went out today and should show in 3-5 days.",
    "Sorry you had to queue so long. Keep an eye on your inbox for the voucher.",
    "Are you travelling today? How can we help?",
    "We're really sorry about the wait. Is the new booking working for you?",
    "You're supposed to get a confirmation e-mail within the hour; I've resent it just now.",
]


def test_every_tone_rule_is_covered_here():
    assert sorted(FLAGS) == TONE_RULES


@pytest.mark.parametrize("rule", TONE_RULES)
def test_tone_rules_are_modest_defensive_rules(rule):
    spec = SPECS[rule]
    assert spec.category == "defensive"
    assert spec.severity in ("info", "warning")
    assert 0 < spec.weight <= 6
    assert len(spec.flag_examples) >= 2 and len(spec.pass_examples) >= 2


@pytest.mark.parametrize("rule", sorted(FLAGS))
def test_tone_rule_catches_its_move(linter, rule):
    assert rule in rules_in(linter, FLAGS[rule])


@pytest.mark.parametrize("text", ORDINARY)
def test_tone_rules_stay_quiet_on_ordinary_replies(linter, text):
    assert not {r for r in rules_in(linter, text) if r.startswith("tone.")}


def test_tone_is_selectable_as_a_prefix():
    linter = get_linter("blank")
    from replylint.api import Linter

    only_tone = Linter(model="blank", select=["tone"])
    assert {r.id for r in only_tone.engine.rules} == set(TONE_RULES)
    assert "tone.why-question" in rules_in(only_tone, FLAGS["tone.why-question"])
    assert "tone.why-question" in rules_in(linter, FLAGS["tone.why-question"])


# ----------------------------------------------------------------------------------------------- complaint detector

COMPLAINTS = [
    "My parcel never arrived and nobody answers the phone.",
    "Still waiting for my refund after three weeks!!",
    "The app keeps crashing every time I open my playlists.",
    "You charged me twice this month.",
    "Flight delayed again, no information from anyone.",
    "Terrible service at the Leeds store today.",
    "Why hasn't my order shipped yet? It's been 10 days.",
    "I've been on hold for 45 minutes.",
    "The headphones stopped working after two weeks.",
    "Thanks for nothing. Three emails and no reply.",
    "Wrong size delivered and the box was damaged.",
    "Can't log in to my account since the update.",
    "This is unacceptable, I want my money back.",
    "@acme fix your website, checkout keeps failing",
    "Your wifi on board didn't work the whole flight :(",
    "Honestly disappointed with the quality of these jeans.",
]
NEUTRAL = [
    "Hi, can I return shoes I bought online to a store?",
    "Do you ship to Norway?",
    "What time does the lounge at gate B open?",
    "Is there a student discount on the annual plan?",
    "How do I change the email address on my account?",
    "How long do refunds usually take?",
    "Could you tell me if the 9:15 train stops at Reading?",
    "I forgot my password, how do I reset it?",
    "Hi, I'd like to cancel my subscription please.",
    "Please send me the invoice for March.",
]
PRAISE = [
    "Thank you so much, the crew were amazing tonight!",
    "Loving the new update, dark mode is great",
    "Shout out to Priya at the Leeds store, super helpful",
    "Just ordered the blue one, can't wait for it to arrive!",
    "Happy to report the replacement arrived and works perfectly.",
    "Your support team fixed my issue in five minutes, brilliant service.",
]


@pytest.mark.parametrize("message", COMPLAINTS)
def test_complaint_detected(linter, message):
    assert complains(linter, message)


@pytest.mark.parametrize("message", NEUTRAL + PRAISE)
def test_questions_requests_and_praise_are_not_complaints(linter, message):
    assert not complains(linter, message)


def test_self_inflicted_trouble_is_not_a_complaint_but_a_lost_bag_is(linter):
    assert not complains(linter, "I lost my card yesterday, can you block it?")
    assert complains(linter, "You lost my bag on the way to Denver.")
    assert complains(linter, "The app keeps crashing and I lost my whole playlist.")


def test_complaint_drives_the_missing_apology_rule(linter):
    reply = "Please send us your order number."
    assert "missing-apology.unacknowledged-complaint" in rules_in(linter, reply, "My order still hasn't arrived!")
    assert "missing-apology.unacknowledged-complaint" not in rules_in(linter, reply, "Do you ship to Norway?")


# ----------------------------------------------------------------------------------------------- benchmark scripts

def _script(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_complaints_benchmark_on_a_tiny_csv(tmp_path, capsys):
    rows = [(f"t{i}", text, 1, "made-up") for i, text in enumerate(COMPLAINTS[:4])]
    rows += [(f"n{i}", text, 0, "made-up") for i, text in enumerate(NEUTRAL[:4])]
    path = tmp_path / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["tweet_id", "text", "complaint", "domain"])
        writer.writerows(rows)
    bench = _script("complaints")
    assert bench.main([str(path), "--model", "blank", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 8 and result["macro_f1"] == 1.0 and result["accuracy"] == 1.0
    assert result["classes"]["complaint"]["precision"] == 1.0
    assert result["domains"]["made-up"]["n"] == 8
    # --errors prints ids only, never the text
    path.write_text("tweet_id,text,complaint\nx1,Do you ship to Norway?,1\nx2,My parcel never arrived.,0\n")
    assert bench.main([str(path), "--model", "blank", "--errors"]) == 0
    out = capsys.readouterr().out
    assert "x1" in out and "x2" in out and "Norway" not in out and "parcel" not in out
    assert bench.main([str(tmp_path / "missing.csv")]) == 2


def test_complaints_benchmark_reads_labelled_replies(tmp_path, capsys):
    path = tmp_path / "r.jsonl"
    lines = [{"id": "a", "customer": COMPLAINTS[0], "reply": "x", "gold": {"complaint": True}},
             {"id": "b", "customer": NEUTRAL[0], "reply": "x", "gold": {"complaint": False}},
             {"id": "c", "customer": NEUTRAL[1], "reply": "x", "gold": {"complaint": None}}]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    assert _script("complaints").main([str(path), "--model", "blank", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 2 and result["accuracy"] == 1.0


def test_politeness_benchmark_on_a_tiny_csv(tmp_path, capsys):
    path = tmp_path / "p.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["Id", "Request", "Normalized Score"])
        for i, (polite, impolite) in enumerate(PAIRS):
            writer.writerow([f"p{i}", polite, 1.0 + i / 10])
            writer.writerow([f"i{i}", impolite, -1.0 - i / 10])
            writer.writerow([f"m{i}", "Is the article finished?", 0.0])
    bench = _script("politeness")
    assert bench.main([str(path), "--model", "blank", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    q = result["quartiles"]
    assert q["polite"]["n"] == q["impolite"]["n"] == len(PAIRS) * 3 // 4
    assert result["accuracy"] == 1.0 and result["roc_auc"] == 1.0
    assert q["polite"]["mean_score"] > q["impolite"]["mean_score"]
    assert all(rule.startswith(("tone.", "defensive.", "generic.", "missing-apology.", "non-apology."))
               for rule, _ in q["impolite"]["rules"])
    assert dict(q["polite"]["signals"]).get("courtesy")
    assert bench.main([str(path), "--model", "blank"]) == 0
    text = capsys.readouterr().out
    assert "ROC-AUC" in text and "stupid" not in text


def test_auc_and_threshold_helpers():
    bench = _script("politeness")
    assert bench.roc_auc([3, 4], [1, 2]) == 1.0
    assert bench.roc_auc([1, 2], [1, 2]) == 0.5
    assert bench.best_threshold([90, 100], [50, 60]) == (90, 1.0)
    bottom, top = bench.quartiles([{"gold": g} for g in range(8)])
    assert [x["gold"] for x in bottom] == [0, 1] and [x["gold"] for x in top] == [6, 7]


def test_draft_level_api_matches_detector(linter):
    draft = Draft.from_text("Please send us your order number.", customer=COMPLAINTS[1])
    result = linter.check([draft]).results[0]
    assert "missing-apology.unacknowledged-complaint" in {f.rule for f in result.findings}


def test_complaints_ceiling_script(tmp_path, capsys):
    rows = [(f"t{i}", text, 1) for i, text in enumerate(COMPLAINTS[:6])]
    rows += [(f"n{i}", text, 0) for i, text in enumerate(NEUTRAL[:6])]
    path = tmp_path / "c.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["tweet_id", "text", "complaint"])
        writer.writerows(rows)
    bench = _script("complaints_ceiling")
    if importlib.util.find_spec("sklearn") is None:  # the test extra does not install it: a one-line error
        assert bench.main([str(path), "--model", "blank"]) == 2
        assert "scikit-learn" in capsys.readouterr().err
        return
    assert bench.main([str(path), "--model", "blank", "--folds", "3", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["n"] == 12 and result["folds"] == 3
    assert result["macro_f1"]["built-in detector (untrained)"] == 1.0
    assert set(result["macro_f1"]) == {"built-in detector (untrained)", "words 1-2", "words 1-2 + detector",
                                       "chars 2-5", "chars 2-5 + detector"}
    assert all(0.0 <= v <= 1.0 for v in result["macro_f1"].values())
    assert bench.main([str(path), "--model", "blank", "--folds", "7"]) == 2  # 6 per class < 7 folds
    assert "at least 7" in capsys.readouterr().err


def test_complaints_ceiling_without_scikit_learn_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    modules = __import__("sys").modules
    for name in [m for m in modules if m == "sklearn" or m.startswith("sklearn.")] + ["sklearn"]:
        monkeypatch.setitem(modules, name, None)  # as if not installed
    path = tmp_path / "c.csv"
    path.write_text("tweet_id,text,complaint\na,My parcel never arrived.,1\n")
    assert _script("complaints_ceiling").main([str(path), "--model", "blank"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and 'pip install -e ".[bench]"' in err


def test_complaints_benchmark_counts_either_detector_or_the_one_asked_for(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("tweet_id,text,complaint\na,Any update on my claim?,1\nb,Do you ship to Norway?,0\n")
    bench = _script("complaints")
    assert bench.main([str(path), "--model", "blank", "--json"]) == 0
    both = json.loads(capsys.readouterr().out)
    assert both["detectors"] == ["complaint", "complaint-chasing"] and both["accuracy"] == 1.0
    assert bench.main([str(path), "--model", "blank", "--detector", "complaint", "--json"]) == 0
    strict = json.loads(capsys.readouterr().out)
    assert strict["detectors"] == ["complaint"] and strict["classes"]["complaint"]["fn"] == 1
    assert bench.main([str(path), "--model", "blank", "--detector", "nonsense"]) == 2
    assert "'nonsense'" in capsys.readouterr().err


def test_complaints_ceiling_with_no_shared_words_is_a_one_line_error(tmp_path, capsys):
    if importlib.util.find_spec("sklearn") is None:
        pytest.skip("scikit-learn is not installed (the bench extra)")
    path = tmp_path / "c.csv"
    words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    path.write_text("tweet_id,text,complaint\n" + "".join(f"x{i},{w},{i % 2}\n" for i, w in enumerate(words)))
    assert _script("complaints_ceiling").main([str(path), "--model", "blank", "--folds", "2"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "too few shared words" in err


def test_complaints_benchmark_drops_repeated_detector_names(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("tweet_id,text,complaint\na,My parcel never arrived.,1\nb,Do you ship to Norway?,0\n")
    assert _script("complaints").main([str(path), "--model", "blank", "--detector", "complaint,complaint",
                                       "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["detectors"] == ["complaint"]
