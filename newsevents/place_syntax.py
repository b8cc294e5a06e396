"""Which words of a sentence name a place, read off the parse: 'in X', 'the city of X',
'X province', 'will visit X', 'X, a town of ...,'."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PLACE_PREPS = frozenset({"in", "within", "inside", "near", "at", "across", "into", "outside",
                         "around", "throughout", "on", "off", "over", "along", "to"})
VISIT_VERBS = frozenset({"visit", "tour", "enter", "reach"})
PLACE_NOUNS = frozenset({"city", "town", "village", "province", "region", "district", "state",
                         "county", "capital", "area", "oblast", "governorate", "port", "camp",
                         "department", "regency", "prefecture", "municipality", "township",
                         "commune", "suburb", "suburbs", "neighbourhood", "neighborhood"})
COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest",
                           "southeast", "southwest"})
ROUTE_NOUNS = frozenset({"road", "highway", "route", "railway", "motorway"})
TERRAIN_NOUNS = frozenset({"mountain", "hill", "forest", "jungle", "desert", "outskirts",
                           "countryside", "highlands", "lowlands", "coast", "valley"})


def hyphen_extend(ent: Span) -> Span:
    """'Siestan-o-Baluchistan' is split by the tokenizer and NER: rejoin hyphenated names."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and \
            not doc[start - 1].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and \
            not doc[end].whitespace_:
        end += 2
    return doc[start:end]


def name_dep(tok: Token) -> bool:
    """A name before a place noun: 'Sagaing region', and 'the Kursk regions', which the
    parser may read as a possessive with no 's."""
    return tok.dep_ in {"compound", "amod", "nmod"} or (
        tok.dep_ == "poss" and not any(c.dep_ == "case" for c in tok.children))


def name_start(name: Token) -> int:
    """Where a name before a place noun begins: 'the Tierra Caliente region' is all one name,
    not a 'Caliente region' (a namesake abroad)."""
    start = name.i
    for tok in reversed(name.doc[name.left_edge.i : name.i]):
        if tok.pos_ != "PROPN" or tok.dep_ not in {"compound", "nmod"}:
            break
        start = tok.i
    return start


def first_of_a_list(first: Token, noun: Token) -> tuple[str, ...]:
    """'the Kursk, Oryol and Tula regions': the first one is a place of the event."""
    if not any(c.dep_ == "conj" for c in first.children):
        return ()
    return f"{first.text} {noun.lemma_}", first.text


def is_addressee(tok: Token) -> bool:
    """'urged Washington', 'called on Washington': a capital addressed, not a place visited."""
    return (tok.dep_ in {"dobj", "dative"} and not visited(tok)) or (
        tok.dep_ == "pobj" and tok.head.lower_ == "on")


def visited(tok: Token) -> bool:
    """'will visit Bangkok', 'troops entered Kherson': the object is where it happens."""
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in VISIT_VERBS


def is_locative(root: Token) -> bool:
    tok = root
    while tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ == "PROPN" and \
            tok.head.i != tok.i:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in {"compound", "nmod"} and tok.head.lemma_.lower() in PLACE_NOUNS:
        tok = tok.head
    if tok.dep_ == "appos":
        tok = tok.head
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in PLACE_PREPS or (prep.lower_ == "between" and
                                          prep.head.lemma_.lower() in ROUTE_NOUNS):
            return True  # "on the road between X and Y"
        if prep.lower_ == "of" and prep.head.lemma_.lower() in COMPASS_WORDS:
            return True  # "at a village west of X"
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS | TERRAIN_NOUNS:
            return is_locative(prep.head) or True
    if tok.dep_ in {"npadvmod"} and tok.ent_type_ in {"GPE", "LOC"} and not patron_word(tok):
        return True
    return visited(tok) or town_subject(tok)


def patron_word(tok: Token) -> bool:
    """'the Rwanda-backed rebels': a backer named in a hyphenated modifier, not a place."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.text == "-" and not tok.whitespace_


def town_subject(tok: Token) -> bool:
    """'Kherson, a city of 280,000, has been shelled daily': a subject the text calls a town
    is where its event happens."""
    return tok.dep_ in {"nsubj", "nsubjpass"} and any(
        c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS - {"capital"}
        for c in tok.children)
