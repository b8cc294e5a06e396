"""A parsed article's named entities, built once: spaCy rebuilds every entity Span on each
`doc.ents` or `span.ents` access, and the coder asks for them per sentence and per phrase."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_KEY = "newsevents.ents"
_BOUNDS_KEY = "newsevents.ent_bounds"


def entities(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, computed on the first call for this doc."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = doc.user_data[_KEY] = tuple(doc.ents)
    return cached  # type: ignore[no-any-return]


def entities_in(span: Span) -> list[Span]:
    """The entities wholly inside `span`, as `span.ents` gives them."""
    doc = span.doc
    ents = entities(doc)
    bounds = doc.user_data.get(_BOUNDS_KEY)
    if bounds is None:
        bounds = doc.user_data[_BOUNDS_KEY] = ([e.start for e in ents], [e.end for e in ents])
    starts, ends = bounds
    # entities never overlap, so both their starts and their ends are in text order
    return list(ents[bisect_left(starts, span.start) : bisect_right(ends, span.end)])
