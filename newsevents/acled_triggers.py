"""Events of ACLED's kinds that no trigger word carries, read off the shape of a clause.

- An event that happened: "fighting broke out", "a car bomb went off", "protests erupted",
  "two mortar rounds landed near the palace": the verb only says that its subject (an event
  noun, or a weapon) took place or hit, so the subject carries the event.
- Protesters who act: "protesters forced their way into parliament", "the protest turned
  violent": whatever a crowd of demonstrators does is their demonstration (its ACLED
  sub-event type then follows from what they did).
- Ground taken in a battle: "the army retook the region in a one-day offensive" is one
  battle whose outcome is ACLED's Government regains territory (a Battles sub-event type),
  not an attack and a seizure.
- Looting in passing: "insurgents attacked the town, looting shops" is one attack (ACLED codes
  the attack; the looting is how it went), as "killing six" is its toll.
- A base set up: "the militia set up its HQ in the town hall", "rebels turned the school into
  a base": ACLED Headquarters or base established (PLOVER MOBILIZE).
- A weapon that names an attack: "after a suspected gas attack", "in a grenade attack".
- A gathering in protest: "hundreds of people gathered outside parliament to demand ...",
  "residents assembled chanting slogans": people who gather to voice a grievance hold a
  demonstration (ACLED Peaceful protest unless force or violence is reported).

The verbs and signs are in data/acled_cues.tsv (cues "occurrence", "establish", "convert", "base",
"gather", "protest_sign").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from .attribution import is_reporting_verb
from .drafts import Draft
from .lexicon import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .lexicon import Lexicon

NounCode = Callable[["Token"], "Trigger | None"]
GATHERING = Trigger(("gather",), "VERB", "PROTEST", "demo", "141", "people gathered in protest")
WEAPON_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack"})
STATES_OF_AFFAIRS = frozenset({"unrest", "violence", "tension", "bloodshed"})  # no one act
PROTESTING = Trigger(("protest",), "VERB", "PROTEST", "demo", "141", "protesters acted")
# Verbs that say nothing about what protesters did ('protesters want', 'demonstrators were').
IDLE_LEMMAS = frozenset({"be", "have", "want", "hope", "plan", "need", "wish", "expect",
                         "intend", "disperse", "leave", "go", "return", "number", "include",
                         "remain", "seem", "appear", "get"})
TERRITORY_SUBTYPES = frozenset({"Government regains territory",
                               "Non-state actor overtakes territory"})
WEAPON_CUES = frozenset({"chemical", "suicide", "grenade", "explosive", "air", "shelling"})
WHEN_PREPS = frozenset({"after", "in", "during", "following", "since", "from", "by"})
BASE_PREPS = frozenset({"into", "as"})  # "turned the school into a base", "used it as a base"
PURPOSE_DEPS = frozenset({"xcomp", "advcl", "conj", "prep", "dobj", "acl"})


def verb_cues(verb: Token, lexicon: Lexicon) -> frozenset[str]:
    """Cues of the verb alone and with its particle or first preposition ('go off')."""
    second = next((c.lemma_ for c in verb.children if c.dep_ in {"prt", "prep", "dobj"}
                   and c.i > verb.i), None)  # "went off", "ripped through", "took place"
    lemmas = [verb.lemma_, second] if second is not None else [verb.lemma_]
    return lexicon.acled_cues(lemmas)


def event_happened(verb: Token, sent: Span, lexicon: Lexicon, noun_code: NounCode,
                   weapon_code: Callable[[str], Trigger | None]) -> Draft | None:
    """'Clashes erupted', 'a bomb went off': the subject is the event (or the weapon used)."""
    if verb.pos_ != "VERB" or "occurrence" not in verb_cues(verb, lexicon):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"} or \
            subject.lemma_.lower() in STATES_OF_AFFAIRS:
        return None
    code = noun_code(subject) or _weapon(subject, weapon_code)
    if code is None:
        return None
    return Draft(code, subject, verb, sent, reason=f"'{subject.lemma_} {verb.lemma_}'")


def _weapon(noun: Token, weapon_code: Callable[[str], Trigger | None]) -> Trigger | None:
    """'mortar rounds', 'a rocket', 'shells': a weapon that landed or hit is its attack."""
    for word in (noun, *(c for c in noun.children if c.dep_ in {"compound", "amod"})):
        code = weapon_code(word.lemma_.lower())
        if code is not None and code.mode in WEAPON_MODES:
            return code
    return None


def weapon_named(noun: Token, lexicon: Lexicon) -> bool:
    """'After a suspected gas attack', 'in a grenade attack': a weapon names one attack."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in WHEN_PREPS:
        return False  # a verb carries its own arguments ("a drone strike hit the station")
    mods = [c.lemma_ for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod"}]
    if not mods:
        return False  # the noun alone ("a bomb") is no attack
    cues = lexicon.acled_cues(mods) | lexicon.acled_cues([mods[-1], noun.lemma_])
    return bool(cues & WEAPON_CUES)


def gathered_in_protest(verb: Token, sent: Span, lexicon: Lexicon) -> Draft | None:
    """'Hundreds gathered outside parliament to demand his resignation': a demonstration."""
    if "gather" not in lexicon.acled_cues([verb.lemma_]):
        return None
    if not any(c.dep_ == "nsubj" for c in verb.children) and verb.dep_ != "acl":
        return None  # "fifty pensioners assembled ..." is sometimes parsed as a phrase
    signs = [t.lemma_ for c in verb.children if c.dep_ in PURPOSE_DEPS for t in c.subtree]
    if "protest_sign" not in lexicon.acled_cues(signs):
        return None
    return Draft(GATHERING, verb, verb, sent, reason=f"'{verb.lemma_}' in protest")


def base_established(verb: Token, sent: Span, lexicon: Lexicon) -> Draft | None:
    """'The militia set up a base', 'a new camp was built', 'converted a school into its
    headquarters': ACLED Headquarters or base established (PLOVER MOBILIZE)."""
    lemma = verb.lemma_.lower()
    cues = lexicon.acled_cues([lemma])
    if "establish" in cues:
        heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    elif "convert" in cues:  # what it was made into, not what it was ("turned the school")
        heads = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in BASE_PREPS
                 for g in c.children if g.dep_ == "pobj"]
    else:
        return None
    base = next((h for h in heads if "base" in lexicon.acled_cues(
        [*(t.lemma_ for t in h.lefts if t.dep_ in {"compound", "amod"}), h.lemma_])), None)
    if base is None:
        return None
    code = Trigger((lemma, base.lemma_.lower()), "VERB", "MOBILIZE", "troops", "154",
                   "a base set up", "Headquarters or base established")
    return Draft(code, verb, verb, sent, reason=f"'{lemma} {base.lemma_}'")


def protesters_acted(verb: Token, sent: Span, lexicon: Lexicon) -> Draft | None:
    """'Protesters broke into the residence', 'the march turned violent': their protest."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma in IDLE_LEMMAS or is_reporting_verb(lemma):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    heads = [subject, *(g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj")]  # "hundreds of protesters"
    if not any("protest" in lexicon.acled_cues([h.lemma_]) for h in heads):
        return None
    return Draft(PROTESTING, verb, verb, sent, reason=f"protesters '{lemma}'")


def fold_territory_into_battle(drafts: list[Draft]) -> list[Draft]:
    """'Retook the town in an offensive', 'seized the base after heavy fighting': the fight
    is the event, and its ACLED sub-event type is who took the ground."""
    out = list(drafts)
    for seizure in drafts:
        if seizure.trigger.acled not in TERRITORY_SUBTYPES:
            continue
        battle = next((d for d in drafts if d.trigger.type == "ASSAULT" and
                       d.token.dep_ == "pobj" and d.token.head.head.i == seizure.anchor.i), None)
        if battle is None or seizure not in out:
            continue
        battle.trigger = replace(battle.trigger, acled=seizure.trigger.acled)
        battle.reason = f"{battle.reason}; ACLED: ground taken ('{seizure.token.lemma_}')"
        battle.actor = battle.actor or seizure.actor
        out.remove(seizure)
    return out


def drop_looting_in_passing(drafts: list[Draft]) -> list[Draft]:
    """'Attacked the town, looting shops': a participle with no subject of its own is part of
    the attack it hangs on."""
    attacks = {d.anchor.i for d in drafts if d.trigger.type == "ASSAULT"}
    return [d for d in drafts if not (
        d.trigger.acled == "Looting/property destruction" and d.anchor.dep_ == "advcl" and
        d.anchor.tag_ == "VBG" and d.anchor.head.i in attacks and
        not any(c.dep_ == "nsubj" for c in d.anchor.children))]
