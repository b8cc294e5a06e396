"""Where it happened: places in locative positions, assigned to the drafts of a sentence.

The small model's entity labels are unreliable for places, so syntactic position decides
("in X", "near the city of X", "X province") and the gazetteer has the last word. Parties
without a country (police, protesters, civilians) take the country of the event's place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .actors import ActorResolver, Discourse, noun_phrase
from .drafts import Draft, LocalCountries, owner_of, token_owners
from .models import Party, Place
from .parties import TERRITORY_NOUNS, PartyReader

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .gazetteer import Gazetteer

PLACE_PREPS = frozenset({"in", "within", "inside", "near", "at", "across", "into", "outside",
                         "around", "throughout", "on", "off", "over", "along", "to"})
LOCAL_SECTORS = frozenset({"CVL", "POL", "MIL", "GOV", "OPP", "JUD", "LAB", "EDU", "BUS", "REF",
                           "MED"})
PLACE_NOUNS = frozenset({"city", "town", "village", "province", "region", "district", "state",
                         "county", "capital", "area", "oblast", "governorate", "port", "camp"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE"})
PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "water": 2, "country": 3}


class PlaceReader:
    """Reads the places of a sentence's drafts; the gazetteer and party reader are injected."""

    def __init__(self, gazetteer: Gazetteer, parties: PartyReader) -> None:
        self.gazetteer = gazetteer
        self.parties = parties

    def read_places(self, sent: Span, drafts: list[Draft], context: Sequence[str],
                    discourse: Discourse, local: list[tuple[int, object]]) -> None:
        owners = token_owners(drafts)
        unowned: list[Place] = []
        for head, place in self.place_mentions(sent, context, LocalCountries(
                discourse, local, sent.end)):
            owner = owner_of(head, owners)
            if owner is None:
                unowned.append(place)
            elif owner.location is None or _more_precise(place, owner.location):
                owner.location = place
        for draft in drafts:
            if draft.location is None and unowned:
                draft.location = unowned[0]
            if draft.location is not None:
                draft.actor = localize(draft.actor, draft.location)
                draft.target = localize(draft.target, draft.location)
                discourse.saw_place(draft.location)

    def read_home_country(self, drafts: list[Draft], context: Sequence[str]) -> None:
        """'The government', 'police', 'protesters' with no country named belong to the
        article's main country; a material event with no place happens where its target is."""
        home = context[0] if context else None
        for draft in drafts:
            if home is not None and draft.location is None:
                home_place = self.gazetteer.country_place(home)
                if home_place is not None:
                    draft.actor = localize(draft.actor, home_place)
                    draft.target = localize(draft.target, home_place)
            target = draft.target
            if draft.location is None and draft.trigger.type in MATERIAL_TYPES and \
                    target is not None and target.country and target.patron is None:
                draft.location = self.gazetteer.country_place(target.country, target.text)

    def place_mentions(self, sent: Span, context: Sequence[str], discourse: Discourse
                       ) -> Iterable[tuple[Token, Place]]:
        """Places in locative positions ('in X', 'near the city of X', 'X province'); the
        small model's entity labels are unreliable for places, so position decides and the
        gazetteer has the last word."""
        seen: set[int] = set()
        for ent in sent.ents:
            if ent.label_ in {"GPE", "LOC", "FAC"} and _is_locative(ent.root):
                span = _hyphen_extend(ent)
                place = self.gazetteer.lookup(span.text, context)
                if place is not None:
                    seen.update(range(span.start, span.end))
                    yield span.root, place
        for tok in sent:
            if tok.i in seen:
                continue
            lemma = tok.lemma_.lower()
            if lemma in PLACE_NOUNS or (tok.pos_ == "PROPN" and _is_locative(tok)):
                found = self.named_place(tok, context, discourse)
                if found is not None:
                    seen.update(range(tok.left_edge.i, tok.i + 1))
                    yield tok, found
                    continue
            if lemma in TERRITORY_NOUNS | PLACE_NOUNS and tok.dep_ in {"pobj", "dobj"} and \
                    tok.head.lower_ != "from":
                country = self.parties.territory_country(tok, discourse)
                if country is not None:  # "on Pakistani soil", "the Yemeni port"
                    place = self.gazetteer.country_place(country.iso3, noun_phrase(tok).text)
                    if place is not None:
                        yield tok, place

    def named_place(self, tok: Token, context: Sequence[str], discourse: Discourse
                    ) -> Place | None:
        """'Sagaing region', 'Baluchistan province', 'the city of Kharkov', 'Culiacan',
        and 'the city' for the last city named."""
        doc = tok.doc
        names = [c for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}
                 and c.pos_ == "PROPN"]
        if tok.pos_ == "PROPN":
            names.append(tok)
        if names:
            span = _hyphen_extend(doc[names[0].i : tok.i + 1])
            for text in (span.text, doc[names[0].i : names[-1].i + 1].text):
                place = self.gazetteer.lookup(text, context)
                if place is not None:
                    return place
            return None
        of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
        if of is not None:
            return self.gazetteer.lookup(_hyphen_extend(noun_phrase(of)).text, context)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in {"prep", "amod", "poss"} for c in tok.children):
            last = discourse.last_place()
            if last is not None:
                return replace(last, text=noun_phrase(tok).text)
        return None


def localize(party: Party | None, place: Place) -> Party | None:
    """Civilians, police or protesters without a country belong to where the event happened."""
    if party is None or party.country or party.patron or place.country is None or \
            party.sector not in LOCAL_SECTORS or place.precision == "water":
        return party
    return replace(party, country=place.country)



def article_countries(doc: Doc, actors: ActorResolver) -> list[str]:
    """ISO3 codes of the countries an article mentions, most frequent first (gazetteer context);
    a city counts for its country ('Istanbul police')."""
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ in {"GPE", "NORP"}:
            country, _ = actors.country_in(ent.text)
            iso3 = country.iso3 if country is not None else None
            if iso3 is None and ent.label_ == "GPE":
                place = actors.gazetteer.lookup(ent.text)
                iso3 = place.country if place is not None and place.precision in {
                    "city", "admin1"} else None
            if iso3 is not None:
                counts[iso3] = counts.get(iso3, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def _hyphen_extend(ent: Span) -> Span:
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


def _is_locative(root: Token) -> bool:
    tok = root
    while tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ == "PROPN" and \
            tok.head is not tok:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in {"compound", "nmod"} and tok.head.lemma_.lower() in PLACE_NOUNS:
        tok = tok.head
    if tok.dep_ == "appos":
        tok = tok.head
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in PLACE_PREPS:
            return True
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return _is_locative(prep.head) or True
    if tok.dep_ in {"npadvmod"} and tok.ent_type_ in {"GPE", "LOC"}:
        return True
    return False



def _more_precise(new: Place, old: Place) -> bool:
    same_country = new.country == old.country or old.country is None
    return same_country and PRECISION_RANK.get(new.precision, 9) < PRECISION_RANK.get(
        old.precision, 9)

