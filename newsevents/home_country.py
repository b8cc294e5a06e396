"""Which countries an article is about, weighted: the gazetteer's context and the story's
home country."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .entities import entities, entities_in

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .actors import ActorResolver

LEAD_WEIGHT = 2.0  # the headline and lead name the story's own country
DEMONYM_WEIGHT = 0.5  # "Chinese ships", "Russian diplomats" are often the foreign party


def article_countries(doc: Doc, actors: ActorResolver) -> list[str]:
    return sorted_countries(country_weights(doc, actors))


def sorted_countries(weights: dict[str, float]) -> list[str]:
    return sorted(weights, key=lambda c: -weights[c])


def country_weights(doc: Doc, actors: ActorResolver) -> dict[str, float]:
    """ISO3 codes of the countries an article is about, most weight first (gazetteer context,
    home country): countries, capitals and demonyms wherever the parse has them (the small
    model often misses or mislabels them), then cities and regions resolved with those
    countries as context ('Istanbul police'); the headline and lead count double."""
    lead_end = _lead_end(doc.text)
    counts: dict[str, float] = {}
    covered: set[int] = set()
    for start, end, iso3, weight in named_countries(doc, actors):
        covered.update(range(start, end))
        factor = LEAD_WEIGHT if doc[start].idx < lead_end else 1.0
        counts[iso3] = counts.get(iso3, 0.0) + weight * factor
    for ent in entities(doc):
        if ent.label_ not in {"GPE", "LOC", "FAC"} or ent.start in covered:
            continue
        place = actors.gazetteer.lookup(ent.text)  # no context: namesakes must not echo it
        if place is not None and place.country and place.precision in {"city", "admin1"}:
            factor = LEAD_WEIGHT if ent.start_char < lead_end else 1.0
            counts[place.country] = counts.get(place.country, 0.0) + factor
    return counts


def named_countries(doc: Doc | Span, actors: ActorResolver
                     ) -> Iterable[tuple[int, int, str, float]]:
    """(start, end, ISO3, weight) of each country name, capital or demonym in the text."""
    covered: set[int] = set()
    for ent in entities_in(doc[:]):  # a Doc or a Span
        if ent.label_ in {"GPE", "NORP", "LOC"}:
            country, _ = actors.country_in(ent.text)
            if country is not None:
                covered.update(range(ent.start, ent.end))
                weight = DEMONYM_WEIGHT if ent.label_ == "NORP" else 1.0
                yield ent.start, ent.end, country.iso3, weight
    gazetteer = actors.gazetteer
    for tok in _names_and_adjectives(doc):
        if tok.i in covered or not tok.text[:1].isupper():
            continue
        demonym = gazetteer.country_of_demonym(tok.text)
        if demonym is not None:
            yield tok.i, tok.i + 1, demonym.iso3, DEMONYM_WEIGHT
            continue
        if tok.pos_ != "PROPN":
            continue
        country = gazetteer.country_of_capital(tok.text) or gazetteer.country(tok.text)
        if country is not None and (tok.lower_ == country.name.lower() or
                                    gazetteer.country_of_capital(tok.text) is not None):
            yield tok.i, tok.i + 1, country.iso3, 1.0


def _names_and_adjectives(doc: Doc | Span) -> Iterator[Token]:
    """The PROPN and ADJ tokens, picked from the parse's array: building every Token of an
    article costs more than the rest of the search."""
    from spacy.attrs import POS
    from spacy.symbols import ADJ, PROPN

    span = doc[:]
    tags = span.doc.to_array(POS)[span.start : span.end]
    for i in ((tags == PROPN) | (tags == ADJ)).nonzero()[0]:
        yield span.doc[span.start + int(i)]


def _block_ends(text: str) -> list[int]:
    """Where each block of non-blank lines ends (the headline first, then paragraphs)."""
    return [m.end() for m in re.finditer(r"\S[^\n]*(?:\n(?!\s*\n)[^\n]*)*", text)]


def _lead_end(text: str) -> int:
    """Where the lead ends: after the headline and the first paragraph."""
    blocks = _block_ends(text)
    return blocks[1] if len(blocks) > 1 else len(text)
