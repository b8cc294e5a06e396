"""Implied targets: whom an act with no named target is aimed at, from the rest of the story.

Statements, demands, threats and meetings often leave their addressee to the discourse:
"Moscow rejected the accusation" answers the country that accused it, "the opposition
demanded an inquiry" is aimed at its own government, "the UN called for restraint" at the
country it speaks about. The guess is kept apart from the targets the sentence names
(`Draft.implied_target`): it never decides which drafts are one event or which act answers
which, and a mention takes it only when none of its sentences names a target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .entities import entities_in
from .models import Party

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Span

    from .actors import ActorResolver
    from .drafts import Draft
    from .gazetteer import Gazetteer

UNDIRECTED_TYPES = frozenset({"MOBILIZE"})  # a deployment is aimed at no one in particular
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE"})
STATE_SECTORS = frozenset({"GOV", "MIL", "POL", "JUD"})
ARMED_SECTORS = frozenset({"REB"})  # Hezbollah fires at Israel, not at Lebanon
NAME_LABELS = frozenset({"GPE", "NORP", "ORG"})  # the small model calls some countries ORG
ACCUSER_WINDOW = 4  # drafts back: the charge is told just before its rejection
PEOPLE_NOUNS = frozenset({"group", "owner", "organiser", "organizer", "people", "resident",
                          "family", "community", "leader", "activist", "member", "critic"})
HARM_TYPES = frozenset({"ASSAULT", "COERCE", "AID", "SANCTION"})  # suffered or received by people


def read_implied_targets(drafts: Sequence[Draft], home: str | None, gazetteer: Gazetteer,
                         named: Callable[[Span], Sequence[str]]) -> None:
    """Sets `implied_target` on the drafts of one article whose sentence names no target;
    `named` gives the countries a sentence names, in order."""
    for i, draft in enumerate(drafts):
        if _ally_as_place(draft):
            draft.target = None  # "Rwandan and Mozambican troops retook the town centre"
        if draft.target is not None or draft.actor is None or \
                draft.trigger.type in UNDIRECTED_TYPES:
            continue
        accuser = _accuser(drafts, i)
        if accuser is not None:  # "a charge he rejected": aimed at whoever made the charge
            draft.implied_target = accuser
            continue
        if draft.actor.country and _unnamed_people(draft):  # "accused foreign-funded groups"
            draft.implied_target = Party("people", draft.actor.name, draft.actor.country, "CVL")
            continue
        allies = {p.country for p in draft.co_actors} | {draft.actor.patron, draft.actor.country}
        foreign = next((c for c in named(draft.sentence) if c not in allies), None)
        other = foreign if draft.trigger.type not in MATERIAL_TYPES and foreign else \
            counterpart(drafts, i)  # "accusing him of ...": the Russian official it expelled
        country, sector = implied_addressee(draft, draft.actor, other, home)
        allies.discard(draft.actor.country)
        if country is None or country in allies:
            continue  # "Rwandan and Mozambican troops attacked": Mozambique is no target
        found = gazetteer.country_by_code(country)
        name = found.name if found is not None else country
        draft.implied_target = Party(name, name, country, sector)


def implied_addressee(draft: Draft, actor: Party, other: str | None, home: str | None
                      ) -> tuple[str | None, str | None]:
    """(country, sector) of the party an act is most likely aimed at: a foreign act that harms
    or helps hits the country where it happens; a state's act goes to the country it is
    dealing with in the story, else stays at home; a non-state party addresses its own
    government; an organisation without a country deals with the country where it acts; a
    foreign state that deals with no one in the story speaks to the story's home country."""
    kind = draft.trigger.type
    place = draft.location.country if draft.location is not None and \
        draft.location.precision != "water" else None
    material = kind in MATERIAL_TYPES
    if actor.country is None:
        country = place or home
        return country, ("CVL" if kind in HARM_TYPES else "GOV") if country else None
    if kind in HARM_TYPES and place is not None and place != actor.country:
        return place, None  # "Russian missiles struck an energy facility in Odessa", a
        # supplier halting deliveries to a region abroad
    if actor.sector in STATE_SECTORS | ARMED_SECTORS or actor.sector is None:
        if other is not None:
            return other, None if material else "GOV"
        if place in {None, actor.country} and home in {None, actor.country}:
            return actor.country, None  # a domestic story: the state acts at home
        if not material and place is None and home is not None and actor.sector in \
                STATE_SECTORS:  # "Canberra offered to send police advisers" in a PNG story
            return home, "GOV"
        return None, None
    return actor.country, None if material else "GOV"  # "the opposition demanded ..."


def _ally_as_place(draft: Draft) -> bool:
    """The target is only the country of a place (no sector) and that country fights on the
    actor's side: the town an alliance retook was held by its enemy, not by the ally."""
    target = draft.target
    return target is not None and target.sector is None and target.country is not None and \
        target.country in {p.country for p in draft.co_actors}


def _accuser(drafts: Sequence[Draft], i: int) -> Party | None:
    """The party whose accusation a REJECT answers: the actor of the nearest earlier ACCUSE
    aimed at the rejecting party's country ('The opposition had accused the prime minister
    of buying votes, a charge he rejected')."""
    draft = drafts[i]
    if draft.trigger.type != "REJECT" or draft.actor is None:
        return None
    me = draft.actor
    for other in reversed(drafts[max(0, i - ACCUSER_WINDOW) : i]):
        accused = other.target
        if other.trigger.type != "ACCUSE" or other.actor is None or accused is None:
            continue
        if (me.country is not None and accused.country == me.country) or \
                accused.name.lower() == me.name.lower():
            return other.actor
    return None


def _unnamed_people(draft: Draft) -> bool:
    """The act has an object the actor lexicon does not know, a common noun ('accused
    foreign-funded groups', 'promised to compensate the owners'): people of the actor's own
    country, not a foreign state the story deals with."""
    if draft.trigger.type == "ASSAULT" or draft.anchor.pos_ not in {"VERB", "AUX"}:
        return False
    clauses = [draft.anchor, *(c for c in draft.anchor.children if c.dep_ == "xcomp")]
    objects = [c for k in clauses for c in k.children if c.dep_ == "dobj"]
    return any(o.pos_ == "NOUN" and o.lemma_.lower() in PEOPLE_NOUNS for o in objects)


def counterpart(drafts: Sequence[Draft], i: int) -> str | None:
    """The other country of the nearest act in the story between the actor's country and
    another one ('Moldova expelled a Russian diplomat' ... 'Moscow rejected the accusation'),
    told before it or in its own paragraph: a dealing the story tells only later, in another
    paragraph, is another scene ('the prime minister ordered an investigation into the
    shooting' is not aimed at the country of a drone strike told further down)."""
    actor = drafts[i].actor
    mine = actor.country if actor is not None else None
    if mine is None:
        return None
    scene = paragraph_of(drafts[i])
    best: tuple[int, str] | None = None
    for j, other in enumerate(drafts):
        if j == i or other.actor is None or other.target is None or \
                (j > i and paragraph_of(other) != scene):
            continue
        pair = {other.actor.country, other.target.country}
        if mine not in pair or None in pair or len(pair) != 2:
            continue
        foreign = next(c for c in pair if c != mine and c is not None)
        distance = abs(i - j) * 2 + (j > i)  # the act told before wins a tie
        if best is None or distance < best[0]:
            best = (distance, foreign)
    return best[1] if best is not None else None


def paragraph_of(draft: Draft) -> int:
    """Which paragraph of the article the draft's sentence is in (paragraphs end at a
    newline)."""
    sent = draft.sentence
    return sent.doc.text.count("\n", 0, sent.start_char)


def named_countries(sent: Span, actors: ActorResolver) -> list[str]:
    """ISO3 codes of the countries, demonyms and capitals a sentence names, in order."""
    found = (actors.country_in(ent.text)[0] for ent in entities_in(sent)
             if ent.label_ in NAME_LABELS)
    return [country.iso3 for country in found if country is not None]
