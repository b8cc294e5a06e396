"""Where it happened: places in locative positions, assigned to the drafts of a sentence.

The small model's entity labels are unreliable for places, so syntactic position decides
("in X", "near the city of X", "X province") and the gazetteer has the last word. Parties
without a country (police, protesters, civilians) take the country of the event's place.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .actors import Discourse, noun_phrase
from .drafts import Draft, LocalCountries, owner_of, token_owners
from .entities import entities, entities_in
from .event_places import border_sides, removal_ground, share_nested_places, venue_abroad
from .home_country import country_weights, named_countries, sorted_countries
from .models import Country, Party, Place
from .parties import TERRITORY_NOUNS, PartyReader
from .place_records import read_table
from .place_syntax import (
    PLACE_NOUNS,
    first_of_a_list,
    hyphen_extend,
    is_addressee,
    is_locative,
    name_dep,
    name_start,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .gazetteer import Gazetteer

LOCAL_SECTORS = frozenset({"CVL", "POL", "MIL", "GOV", "OPP", "JUD", "LAB", "EDU", "BUS", "REF",
                           "MED"})
SMALL_PLACE_NOUNS = frozenset({"town", "village", "hamlet"})  # 'the town of Palma' in a
# Mozambique story is its own small town, not the big namesake of a country never named
DOMESTIC_WORDS = frozenset({"separatist", "separatists", "secessionist", "secessionists",
                            "tribal", "clan", "ethnic", "communal"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE"})
LEAD_SENTENCES = 1
LEAD_MIN_TOKENS = 8  # shorter lines in the lead are captions and credits
FIRST_PLACE_WEIGHT = 3.0  # the lead's first "in X" is where the story happens
HOME_LOCATED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "RETREAT"})
RESTRICTION_MODES = frozenset({"restrict", "martial-law", "censor", "curfew", "blockade"})
STATE_SECTORS = frozenset({"GOV", "POL", "MIL", "JUD"})
SOVEREIGNS = {row["territory"]: row["sovereign"] for row in read_table("dependencies.tsv")}
PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "water": 2, "country": 3}


class PlaceReader:
    """Reads the places of a sentence's drafts; the gazetteer and party reader are injected."""

    def __init__(self, gazetteer: Gazetteer, parties: PartyReader) -> None:
        self.gazetteer = gazetteer
        self.parties = parties

    def home_countries(self, doc: Doc) -> list[str]:
        """The article's countries, its home country first: the country of the first place
        the lead says something happened in outweighs mere mentions."""
        weights = country_weights(doc, self.parties.actors)
        context = sorted_countries(weights)
        first = self.lead_country(doc, context)
        if first is not None:
            weights[first] = weights.get(first, 0.0) + FIRST_PLACE_WEIGHT
            sovereign = SOVEREIGNS.get(first)
            if sovereign in weights:  # 'Paris sends gendarmes' to New Caledonia: its story
                weights[first] = max(weights[first], weights[sovereign] + 1.0)
        ranked = sorted_countries(weights)
        if first is not None and ranked[0] != first and weights[ranked[0]] == weights[first]:
            ranked.remove(first)  # an equal weight: the lead's own place decides
            ranked.insert(0, first)
        return ranked

    def article_context(self, doc: Doc) -> list[str]:
        """The home countries, then the first-level regions the article names outright
        ('New Jersey', 'Khyber Pakhtunkhwa'), for the gazetteer to settle namesakes with."""
        names = [ent.text for ent in entities(doc) if ent.label_ == "GPE"]
        return list(self.gazetteer.article_context(names, self.home_countries(doc)))

    def lead_country(self, doc: Doc, context: Sequence[str]) -> str | None:
        """The country of the first place the lead says something happened in."""
        sentences = [s for s in doc.sents if len(s) >= LEAD_MIN_TOKENS]
        for sent in sentences[:LEAD_SENTENCES]:
            named = [iso3 for _, _, iso3, weight in named_countries(sent, self.parties.actors)
                     if weight == 1.0]  # "Soldiers in Niger ... near Gaya": Niger's Gaya
            places = (named and self.lead_places(sent, named)) or self.lead_places(sent, context)
            local = [p for p in places if p.precision != "country"]  # not "the Congolese border"
            if local or places:
                return (local or places)[0].country
        return None

    def _home_town(self, name: Token, found: Place | None, context: Sequence[str]
                   ) -> Place | None:
        """'the town of X' names a small place: a namesake city in a country the article
        never names is not it, the town is in the story's home country."""
        prep = name.head
        if found is None or not context or found.country == context[0] or \
                name.dep_ != "pobj" or prep.lower_ != "of" or \
                prep.head.lemma_.lower() not in SMALL_PLACE_NOUNS or \
                self._names_country(name.doc, found.country):
            return found
        return self.gazetteer.country_place(context[0], noun_phrase(prep.head).text)

    def _names_country(self, doc: Doc, iso3: str | None) -> bool:
        """Whether the article names the country, its capital or its people anywhere."""
        return any(code == iso3 for _, _, code, _ in named_countries(doc, self.parties.actors))

    def _possessor_place(self, tok: Token, context: Sequence[str]) -> Place | None:
        """'Enga's Lagaip district' where the district is unknown: it lies in Enga."""
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
        return self.gazetteer.lookup(owner.text, context) if owner is not None else None

    def lead_places(self, sent: Span, context: Sequence[str]) -> list[Place]:
        return [p for head, p in self.place_mentions(sent, context, Discourse())
                if p.country and p.precision != "water"
                and head.lemma_.lower() not in TERRITORY_NOUNS]  # "near the X border"

    def read_places(self, sent: Span, drafts: list[Draft], context: Sequence[str],
                    discourse: Discourse, local: list[tuple[int, Country]]) -> None:
        owners = token_owners(drafts)
        unowned: list[Place] = []
        for head, place in self.place_mentions(sent, context, LocalCountries(
                discourse, local, sent.end)):
            owner = owner_of(head, owners)
            if owner is not None and owner.target is not None and \
                    owner.target.text.endswith(head.text) and is_addressee(head):
                continue  # "called on Washington": the target, not where it happened
            if owner is None:
                unowned.append(place)
            elif owner.location is None or _more_precise(place, owner.location):
                owner.location = place
        share_nested_places(drafts)
        for draft in drafts:
            if draft.location is None and unowned:
                draft.location = unowned[0]
            if draft.location is not None:
                if not venue_abroad(draft, context):
                    draft.actor = localize(draft.actor, draft.location)
                    draft.target = localize(draft.target, draft.location,
                                            _target_sectors(draft))
                discourse.saw_place(draft.location)

    def read_home_country(self, drafts: list[Draft], context: Sequence[str]) -> None:
        """'The government', 'police', 'protesters' with no country named belong to the
        article's main country; a material event with no place happens where its target is."""
        home = context[0] if context else None
        for draft in drafts:
            if home is not None and (draft.location is None or venue_abroad(draft, context)):
                home_place = self.gazetteer.country_place(home)
                if home_place is not None:
                    draft.actor = localize(draft.actor, home_place)
                    draft.target = localize(draft.target, home_place, _target_sectors(draft))
            self._border_side(draft, home)
            removing = removal_ground(draft)
            if removing is not None:
                draft.location = self.gazetteer.country_place(removing)
            target = draft.target
            if draft.location is None and draft.trigger.type in MATERIAL_TYPES and \
                    target is not None and target.country and target.patron is None and \
                    not _people_abroad(target, home):
                draft.location = self.gazetteer.country_place(target.country, target.text)
            location = draft.location
            placed = location is not None
            if location is not None and not venue_abroad(draft, context):
                # again: the place may have been given after its sentence
                draft.actor = localize(draft.actor, location)
                draft.target = localize(draft.target, location, _target_sectors(draft))
            if not placed and draft.trigger.type in HOME_LOCATED_TYPES and home is not None \
                    and (draft.actor is not None or draft.target is not None):
                draft.location = self.gazetteer.country_place(home)  # a physical act, no place
            if draft.target is None and (placed or draft.actor is not None):
                draft.target = default_target(draft, home)

    def _border_side(self, draft: Draft, home: str | None) -> None:
        """A closed border crossing is on the closing state's side, aimed at the other."""
        sides = border_sides(draft, home, self._country_code)
        if sides is None:
            return
        own, other = sides
        draft.location = self.gazetteer.country_place(own)
        other_place = self.gazetteer.country_place(other) if other is not None else None
        if draft.target is None and other_place is not None:
            draft.target = Party(other_place.name, other_place.name, other, None)

    def _country_code(self, text: str) -> str | None:
        country, _ = self.parties.actors.country_in(text)
        return country.iso3 if country is not None else None

    def place_mentions(self, sent: Span, context: Sequence[str], discourse: Discourse
                       ) -> Iterable[tuple[Token, Place]]:
        """Places in locative positions ('in X', 'near the city of X', 'X province'); the
        small model's entity labels are unreliable for places, so position decides and the
        gazetteer has the last word."""
        seen: set[int] = set()
        for ent in entities_in(sent):
            if ent.label_ in {"GPE", "LOC", "FAC"} and is_locative(ent.root):
                span = hyphen_extend(ent)
                place = self._home_town(ent.root, self.gazetteer.lookup(span.text, context),
                                        context)
                if place is not None:
                    seen.update(range(span.start, span.end))
                    yield span.root, place
        for tok in sent:
            if tok.i in seen or tok.ent_type_ in {"DATE", "TIME"}:
                continue  # "in August 2023" is a time, not the town of August
            if tok.dep_ == "compound" and tok.head.pos_ == "PROPN" and tok.pos_ == "PROPN":
                continue  # "Papua" of "Papua New Guinea": the name is read at its head
            lemma = tok.lemma_.lower()
            if lemma in PLACE_NOUNS or (tok.pos_ == "PROPN" and is_locative(tok)):
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
        names = [c for c in tok.lefts if name_dep(c) and (
            c.pos_ == "PROPN" or (c.pos_ == "ADJ" and c.text[:1].isupper()
                                  and self.gazetteer.country_of_demonym(c.text) is None))]
        if tok.pos_ == "PROPN":
            names.append(tok)
        if names:
            start = name_start(names[0])
            span = hyphen_extend(doc[start : tok.i + 1])  # "Tari-Pori district": not Pori
            for text in (span.text, doc[span.start : names[-1].i + 1].text,
                         *first_of_a_list(names[0], tok)):
                place = self.gazetteer.lookup(text, context)
                if place is not None:
                    return place
            return self._possessor_place(tok, context)
        of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
        if of is not None:
            found = self.gazetteer.lookup(hyphen_extend(noun_phrase(of)).text, context)
            return self._home_town(of, found, context)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in {"prep", "amod", "poss"} for c in tok.children):
            last = discourse.last_place()
            if last is not None:
                return replace(last, text=noun_phrase(tok).text)
        return None


def localize(party: Party | None, place: Place, sectors: frozenset[str] = LOCAL_SECTORS
             ) -> Party | None:
    """Civilians, police or protesters without a country belong to where the event happened."""
    if party is None or party.country or party.patron or place.country is None or \
            place.precision == "water":
        return party
    if party.sector not in sectors and not (party.sector == "REB" and _domestic(party)):
        return party
    return replace(party, country=_state_country(place.country, party.sector))


def _state_country(country: str, sector: str | None) -> str:
    """A dependent territory's government, police, army and courts are its sovereign's
    ('police in Noumea' are French); its people are its own."""
    return SOVEREIGNS.get(country, country) if sector in STATE_SECTORS else country



def _domestic(party: Party) -> bool:
    """Separatists, tribal or clan fighters fight in their own country."""
    return bool(DOMESTIC_WORDS & set(party.text.lower().split()))


PEOPLE_SECTORS = frozenset({"CVL", "BUS", "MED", "LAB", "REF", "NGO", "OPP"})


def _people_abroad(target: Party, home: str | None) -> bool:
    """'kidnapped a New Zealand pilot', 'arrested 22 Indian fishermen': people of another
    country are where the story is, not in their own country (a state's forces or
    institutions are where their country is)."""
    return home is not None and target.country != home and target.sector in PEOPLE_SECTORS


def _target_sectors(draft: Draft) -> frozenset[str]:
    """Rebels a state fights at home are that country's rebels; militants it strikes abroad
    are not the host country's."""
    actor = draft.actor
    place = draft.location
    home = actor is not None and actor.sector in {"MIL", "GOV", "POL"} and (
        actor.country is None or place is None or actor.country == place.country)
    return LOCAL_SECTORS | {"REB"} if home else LOCAL_SECTORS


def default_target(draft: Draft, home: str | None) -> Party | None:
    """The target an analyst codes when the sentence names none: a protest is against the
    government, a curfew or shutdown hits civilians, a seized town is taken from its state."""
    place = draft.location
    country = place.country if place is not None and place.precision != "water" else None
    if country is None and draft.actor is not None and draft.actor.country == home:
        country = home
    if country is None:
        return None
    if draft.trigger.type == "PROTEST":
        return Party("the government", "government", _state_country(country, "GOV"), "GOV")
    if draft.actor is None:
        return None  # a party must be named for anything else to be an event
    if draft.trigger.type == "COERCE" and draft.trigger.mode == "seize":
        return Party(place.text if place is not None else country, country, country, None)
    if draft.trigger.type == "COERCE" and draft.trigger.mode in RESTRICTION_MODES:
        return Party("civilians", "civilians", country, "CVL")
    return None


def _more_precise(new: Place, old: Place) -> bool:
    same_country = new.country == old.country or old.country is None
    return same_country and PRECISION_RANK.get(new.precision, 9) < PRECISION_RANK.get(
        old.precision, 9)

