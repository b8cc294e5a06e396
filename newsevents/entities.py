"""A parsed article's named entities, built once: spaCy rebuilds every entity Span on each
`doc.ents` or `span.ents` access, and the coder asks for them per sentence and per phrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KEY = "newsevents.ents"


def entities(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, computed on the first call for this doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = tuple(doc.ents)
    return cached  # type: ignore[no-any-return]


def entities_in(span: Span) -> list[Span]:
    """The entities wholly inside `span`, as `span.ents` gives them."""
    return [e for e in entities(span.doc) if e.start >= span.start and e.end <= span.end]
