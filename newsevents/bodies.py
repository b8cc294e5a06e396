"""Organisations the actor vocabulary does not know, read from what they are made of.

"The Bangladesh Garment Workers' Federation" or "the association of journalists of Burkina
Faso" is no entry of data/actors.tsv, but its members are: a body of workers is labour, a
body of journalists is media, and the country it names is its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .models import Party

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .actors import ActorResolver

BODY_NOUNS = frozenset({"federation", "association", "forum", "council", "alliance",
                        "coalition", "confederation", "syndicate", "guild", "league",
                        "assembly", "network", "collective", "organisation", "organization"})
MEMBER_SECTORS = frozenset({"LAB", "MED", "CVL", "BUS", "EDU", "REF", "NGO", "OPP", "REB"})


def named_body(resolver: ActorResolver, head: Token, span: Span) -> Party | None:
    """The party of an unknown organisation whose members the vocabulary knows."""
    if head.lemma_.lower() not in BODY_NOUNS:
        return None
    words = [t for t in span if t.i != head.i] + _of_objects(head)
    sector = next((s for t in words if t.pos_ in {"NOUN", "PROPN"}
                   and (s := _member_sector(resolver, t)) is not None), None)
    if sector is None:
        return None
    country = next((c for t in words if t.pos_ in {"PROPN", "ADJ"}
                    and (c := resolver.token_country_plain(t)) is not None), None)
    text = span.text.strip(" “”\"'")
    return Party(text, country.name if country else text, country.iso3 if country else None,
                 sector)


def _of_objects(head: Token) -> list[Token]:
    """The words of 'of'-phrases after the head, nested: 'association of journalists of
    Burkina Faso' gives 'journalists', 'Burkina', 'Faso'."""
    found: list[Token] = []
    for prep in (c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found += [t for t in obj.subtree if t.dep_ not in {"det", "punct", "prep"}]
    return found


def _member_sector(resolver: ActorResolver, token: Token) -> str | None:
    """The sector of a member noun, capitalised in a name or not ('Workers', 'journalists')."""
    word = token.lower_
    for key in (token.lemma_.lower(), word, word[:-1] if word.endswith("s") else word):
        term = resolver.lexicon.actor_term(key)
        if term is not None and term.kind == "sector" and term.sector in MEMBER_SECTORS:
            return term.sector
    return None
