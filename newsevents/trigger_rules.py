"""Events that no single trigger word carries, read off the shape of a clause.

- A reported "must": "Paris said Iraq must cooperate with the inspectors" is a demand
  (CAMEO 10, PLOVER REQUEST) by the speaker, whatever the demanded act is.
- An opinion: "polls suggest 80 percent of Georgians support joining" is no act of support.
- A gathering of protesters: "hundreds of demonstrators gathered outside parliament" is a
  demonstration (CAMEO 141, PLOVER PROTEST).
- Forces arriving: "Kenyan police officers arrived in Haiti to reinforce the mission" is
  help given (CAMEO 074, PLOVER AID), other arrivals of troops a deployment, not a visit.
- An offer: "is willing to send equipment" states an intent to cooperate (CAMEO 03, AGREE).
- A joint exercise: war games or drills held with another country are military cooperation
  (CAMEO 062, PLOVER COOPERATE), not a show of force (CAMEO 152, MOBILIZE).
- An order to leave: "ordered two diplomats to leave the country" (or "declared persona non
  grata") expels them (CAMEO 166,
  PLOVER SANCTION expel); other people ordered out are deported (CAMEO 174, COERCE).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from .attribution import is_reporting_verb
from .drafts import Draft
from .lexicon import Trigger
from .models import Party

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .actors import ActorResolver, Discourse
    from .lexicon import Lexicon

FIRST_PERSON = frozenset({"i", "we", "us", "me"})  # "we must defend ourselves" is resolve
SPECULATORS = frozenset({"analyst", "observer", "expert", "commentator", "critic",
                         "economist", "researcher"})
STATEMENT_NOUNS = frozenset({"reminder", "warning", "statement", "declaration", "message",
                             "insistence", "demand", "ultimatum"})
ORDER_VERBS = frozenset({"order", "tell", "instruct", "give"})
LEAVE_VERBS = frozenset({"leave", "depart", "quit", "exit"})
DIPLOMAT_WORDS = frozenset({"diplomat", "ambassador", "envoy", "attache", "attaché", "consul",
                            "charge", "embassy", "staff", "chargé"})
POLL_SUBJECTS = frozenset({"percent", "%", "majority", "minority", "most", "share",
                           "proportion", "per"})  # "80 percent of Georgians support ..."
POLL_NOUNS = frozenset({"poll", "survey", "opinion"})
ATTITUDE_TYPES = frozenset({"SUPPORT", "REJECT", "ACCUSE", "AGREE"})
JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "multinational", "trilateral"})
GATHER_VERBS = frozenset({"gather", "assemble", "converge", "congregate", "mass", "flock",
                          "march", "parade", "camp"})
PROTEST = Trigger(("gather",), "VERB", "PROTEST", "demo", "141", "protesters gathered")
ARRIVAL_VERBS = frozenset({"arrive", "land"})
FORCE_NOUNS = frozenset({"peacekeeper", "troop", "soldier", "police", "officer", "contingent",
                         "battalion", "unit", "force", "marine", "gendarme", "paratrooper"})
HELP_WORDS = frozenset({"help", "join", "reinforce", "peacekeeping", "mission", "assist",
                        "support", "aid", "bolster", "protect"})
PEACEKEEPING = Trigger(("arrive",), "VERB", "AID", None, "074",
                       "forces arriving to help another country (peacekeeping, CAMEO 074)")
DEPLOYMENT = Trigger(("arrive",), "VERB", "MOBILIZE", "troops", "154", "forces arriving")
PEACEKEEPING_WORDS = frozenset({"peacekeeping", "peacekeeper", "peacekeep"})
GIVING_VERBS = frozenset({"send", "contribute", "provide", "give", "supply", "help",
                          "assist", "share", "host", "lend", "offer", "finance", "fund"})
INTENT_ADJECTIVES = frozenset({"ready", "willing", "prepared", "eager"})
OFFER = Trigger(("ready", "to"), "VERB", "AGREE", None, "030", "an offer of help")
DEMAND = Trigger(("must",), "VERB", "REQUEST", None, "100", "a reported 'must' is a demand")
EXPEL = Trigger(("order", "leave"), "VERB", "SANCTION", "expel", "166",
                "diplomats ordered to leave are expelled")
DEPORT = Trigger(("order", "leave"), "VERB", "COERCE", "deport", "174",
                 "people ordered out of the country are deported")
HOSTILE_DEMANDS = frozenset({"SANCTION", "ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
REFUSING_VERBS = frozenset({"decline", "refuse"})
COMMENT_VERBS = frozenset({"comment", "elaborate", "speculate", "confirm", "say", "discuss"})
SYMPATHY_VERBS = frozenset({"offer", "express", "extend", "send", "convey", "pass"})
SYMPATHY_NOUNS = frozenset({"condolence", "condolences", "sympathy", "sympathies"})
RETURN_VERBS = frozenset({"return", "repatriate"})
NOT_PROPERTY = frozenset({"fire", "favor", "favour", "verdict", "call", "serve", "visit",
                          "home", "power", "ball", "seat", "percent", "prisoner", "hostage",
                          "refugee", "migrant", "body", "remains", "detainee", "citizen",
                          "national", "child"})
RETURN = Trigger(("return",), "VERB", "RETREAT", None, "0842",
                 "property given back (CAMEO 0842 return, release property)")
SHIPPING_VERBS = frozenset({"ship", "deliver", "donate", "distribute", "dispatch", "airlift",
                            "fly", "hand", "truck"})
CONTAINER_NOUNS = frozenset({"team", "batch", "shipment", "consignment", "convoy", "load",
                             "ton", "tonne", "kilogram", "kg", "plane", "planeload", "truckload",
                             "package", "lot", "crate", "box", "supply", "unit"})
MILITARY_GOODS = frozenset({"weapon", "arm", "ammunition", "munition", "missile", "rocket",
                            "tank", "jet", "fighter", "warplane", "helicopter", "drone",
                            "rifle", "artillery", "howitzer", "warship", "armor", "armour"})
RELIEF_GOODS = frozenset({"equipment", "supply", "food", "medicine", "medication", "drug",
                          "vaccine", "vaccination", "tent", "blanket", "water", "grain", "flour",
                          "wheat", "rice", "ration", "kit", "mask", "ventilator", "ambulance",
                          "generator", "shelter", "doctor", "medic", "nurse", "rescuer",
                          "expert", "material", "relief", "fuel", "seed", "fertilizer",
                          "clothing", "clothes"})
MILITARY_AID = Trigger(("give",), "VERB", "AID", None, "072",
                       "weapons given to another party (CAMEO 072)")
HUMANITARIAN_AID = Trigger(("give",), "VERB", "AID", None, "073",
                           "relief goods or helpers given (CAMEO 073)")
HALTING_VERBS = frozenset({"end", "halt", "suspend", "abandon", "stop", "freeze", "quit",
                           "terminate", "break", "discontinue"})
TALK_NOUNS = frozenset({"talk", "negotiation", "mediation", "dialogue", "effort", "process",
                        "contact", "consultation"})
MEDIATION_WORDS = frozenset({"mediation", "mediate", "mediator"})
HALT_TALKS = Trigger(("end", "talk"), "VERB", "SANCTION", "withdraw", "164",
                     "talks halted (CAMEO 164)")
HALT_MEDIATION = Trigger(("end", "mediation"), "VERB", "SANCTION", "withdraw", "165",
                         "mediation halted (CAMEO 165)")


def reported_demand(clause: Token, sent: Span) -> Draft | None:
    """'The minister said Libya must hand over the suspects': the saying is a demand on
    Libya. The speech verb carries the event (its subject is the actor)."""
    if clause.dep_ not in {"ccomp", "acl"} or not any(
            c.dep_ in {"aux", "auxpass"} and c.lower_ == "must" for c in clause.children):
        return None
    speech = clause.head
    if speech.pos_ == "NOUN" and speech.lemma_.lower() in STATEMENT_NOUNS and \
            speech.head.pos_ in {"VERB", "AUX"}:
        speech = speech.head  # "issued a reminder to Iraq that it must cooperate"
    elif speech.pos_ not in {"VERB", "AUX"} or not is_reporting_verb(speech.lemma_.lower()):
        return None
    speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if speaker is None or subject is None or subject.lower_ in FIRST_PERSON or \
            speaker.lemma_.lower() in SPECULATORS:
        return None
    return Draft(DEMAND, speech, speech, sent,
                 reason=f"'{speech.lemma_} ... must {clause.lemma_}' is a demand")


def order_to_leave(verb: Token, sent: Span) -> Draft | None:
    """'Burundi ordered two Rwandan embassy staff to leave within 48 hours': an expulsion;
    so is declaring a diplomat persona non grata."""
    if verb.lemma_.lower() == "declare" and any(
            c.lower_ == "grata" for c in verb.subtree if c.head.i == verb.i or
            c.head.head.i == verb.i):
        return Draft(EXPEL, verb, verb, sent, reason="'declared persona non grata'")
    if verb.lemma_.lower() not in ORDER_VERBS:
        return None
    leave = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}
                  and c.lemma_.lower() in LEAVE_VERBS), None)
    if leave is None:
        return None
    people = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None) or \
        next((c for c in leave.children if c.dep_ == "nsubj"), None)
    if people is None or people.pos_ == "PRON":
        return None
    words = {t.lemma_.lower() for t in people.subtree}
    code = EXPEL if words & DIPLOMAT_WORDS else DEPORT
    return Draft(code, verb, verb, sent, reason=f"'{verb.lemma_} ... to {leave.lemma_}'",
                 covers=(leave.i,))


def joint_exercise(draft: Draft) -> None:
    """'French and Egyptian warships launched war games', 'held joint drills with Japan':
    an exercise with a partner is military cooperation."""
    trigger = draft.trigger
    if trigger.type != "MOBILIZE" or not trigger.cameo.startswith("152"):
        return
    words = [c for tok in {draft.token, draft.anchor} for c in tok.children]
    partner = bool(draft.co_actors) or any(
        c.lower_ in JOINT_WORDS or (c.dep_ == "prep" and c.lower_ == "with") for c in words)
    if partner:
        draft.trigger = replace(trigger, type="COOPERATE", mode=None, cameo="062", acled=None)
        draft.reason = f"{draft.reason}; an exercise with a partner is cooperation"


def peacekeeping_deployment(draft: Draft) -> None:
    """'Ghana will send soldiers to the peacekeeping mission in Lebanon': forces sent to
    keep the peace protect others (CAMEO 074, PLOVER AID), they are not mobilized."""
    trigger = draft.trigger
    if trigger.type != "MOBILIZE" or not trigger.cameo.startswith("15"):
        return
    if any(t.lemma_.lower() in PEACEKEEPING_WORDS for t in draft.anchor.subtree):
        draft.trigger = replace(trigger, type="AID", mode=None, cameo="074", acled=None)
        draft.reason = f"{draft.reason}; sent to keep the peace"


def intent_to_give(verb: Token, sent: Span) -> Draft | None:
    """'Norway is willing to send equipment', 'Colombia is ready to contribute troops': an
    offer of help is a statement of intent to cooperate (CAMEO 03, PLOVER AGREE)."""
    adjective = verb.head
    if verb.dep_ != "xcomp" or verb.lemma_.lower() not in GIVING_VERBS or \
            adjective.lemma_.lower() not in INTENT_ADJECTIVES or adjective.pos_ != "ADJ":
        return None
    clause = adjective.head if adjective.dep_ in {"acomp", "amod"} else adjective
    if any(c.dep_ == "neg" for c in (*clause.children, *adjective.children)):
        return None
    return Draft(OFFER, verb, clause if clause.pos_ in {"VERB", "AUX"} else verb, sent,
                 reason=f"'{adjective.lower_} to {verb.lemma_}' offers help")


def expelled_party(draft: Draft, actors: ActorResolver, discourse: Discourse) -> None:
    """'ordered two Rwandan embassy staff to leave': when no party was read, the expelled
    are the state (diplomats) or the people of the country their modifier names."""
    if draft.trigger not in (EXPEL, DEPORT) or draft.target is not None:
        return
    people = next((c for c in draft.anchor.children if c.dep_ in {"dobj", "dative"}), None)
    if people is None:
        return
    for tok in people.subtree:
        if tok.dep_ in {"amod", "compound", "nmod", "poss"} and tok.i != people.i:
            country = actors.token_country(tok, discourse)
            if country is not None:
                phrase = people.doc[people.left_edge.i : people.right_edge.i + 1].text
                sector = "GOV" if draft.trigger is EXPEL else "CVL"
                draft.target = Party(phrase, country.name, country.iso3, sector)
                return


def opinion_poll(draft: Draft) -> bool:
    """A share of a population holding a view ('most Kenyans oppose the levy', 'polls show
    60 percent support the deal') is an opinion, not an event."""
    if draft.trigger.type not in ATTITUDE_TYPES:
        return False
    subject = next((c for c in draft.anchor.children if c.dep_ == "nsubj"), None)
    if subject is not None and any(c.lower_ in {"most", "many"} for c in subject.children):
        return True
    tok = draft.token
    for _ in range(4):
        if tok.lemma_.lower() in POLL_SUBJECTS or any(
                c.dep_ == "nsubj" and c.lemma_.lower() in POLL_NOUNS | POLL_SUBJECTS
                for c in tok.children):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _subject_heads(verb: Token) -> list[Token]:
    """The verb's subject and, for 'thousands of X' / 'a batch of X', the X; none without one."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return []
    return [subject] + [g for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"]


def protesters_gathered(verb: Token, sent: Span, lexicon: Lexicon) -> Draft | None:
    """'Thousands of demonstrators gathered in the square': the gathering is the protest."""
    if verb.lemma_.lower() not in GATHER_VERBS:
        return None
    heads = _subject_heads(verb)  # "thousands of protesters"
    if not any("protest" in lexicon.acled_cues([h.lemma_]) for h in heads):
        return None
    return Draft(PROTEST, verb, verb, sent, reason=f"protesters '{verb.lemma_}'")


def forces_arrive(verb: Token, sent: Span) -> Draft | None:
    """Troops, police or peacekeepers who arrive are deployed, they do not visit."""
    if verb.lemma_.lower() not in ARRIVAL_VERBS:
        return None
    heads = _subject_heads(verb)  # "a first batch of troops"
    if not any(h.lemma_.lower() in FORCE_NOUNS for h in heads):
        return None
    helping = any(t.lemma_.lower() in HELP_WORDS for t in sent)
    code = PEACEKEEPING if helping else DEPLOYMENT
    return Draft(code, verb, verb, sent, reason=f"forces '{verb.lemma_}'" +
                 (" to help" if helping else ""))


def returned_property(verb: Token, sent: Span, lexicon: Lexicon) -> Draft | None:
    """'Customs officers returned the stolen statues to Nepal': giving back
    what was taken is CAMEO 0842 (return, release property; PLOVER RETREAT). People returned
    are released or deported, fire returned is shooting: neither is property."""
    if verb.lemma_.lower() not in RETURN_VERBS:
        return None
    thing = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if thing is None or thing.pos_ not in {"NOUN", "PROPN"} or \
            thing.lemma_.lower() in NOT_PROPERTY or thing.ent_type_ in {"PERSON", "NORP"} or \
            lexicon.actor_term(thing.lemma_) is not None:
        return None
    return Draft(RETURN, verb, verb, sent, reason=f"'{verb.lemma_} {thing.lemma_}' given back")


def _goods(obj: Token) -> Token:
    """The goods an object names: 'medical equipment', 'a team of doctors', '700 tons of rice'."""
    if obj.lemma_.lower() in CONTAINER_NOUNS or obj.like_num:
        inner = next((g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"), None)
        if inner is not None:
            return inner
    return obj


def goods_given(verb: Token, sent: Span) -> Draft | None:
    """'The navy gave field hospitals to Fiji', 'sent a team of doctors': goods
    or helpers given to someone are aid (CAMEO 07: 072 military, 073 humanitarian)."""
    if verb.lemma_.lower() not in GIVING_VERBS | SHIPPING_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if obj is None:
        return None
    goods = _goods(obj)
    lemma = goods.lemma_.lower()
    code = MILITARY_AID if lemma in MILITARY_GOODS else (
        HUMANITARIAN_AID if lemma in RELIEF_GOODS else None)
    if code is None:
        return None
    return Draft(code, verb, verb, sent, reason=f"'{verb.lemma_} {lemma}' gives aid")


def halted_talks(verb: Token, sent: Span, noun_type: Callable[[Token], str | None]
                 ) -> Draft | None:
    """'The envoy abandoned his mediation', 'broke off talks': talks or mediation stopped
    (CAMEO 164 halt negotiations, 165 halt mediation; PLOVER SANCTION)."""
    if verb.lemma_.lower() not in HALTING_VERBS:
        return None
    obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if obj is None or noun_type(obj) != "CONSULT" or obj.lemma_.lower() not in TALK_NOUNS:
        return None  # "ended a five-day trip" is no break-off
    mediation = any(t.lemma_.lower() in MEDIATION_WORDS for t in obj.subtree)
    return Draft(HALT_MEDIATION if mediation else HALT_TALKS, verb, verb, sent,
                 reason=f"'{verb.lemma_} {obj.lemma_}' halts talks", covers=(obj.i,))


def no_comment(verb: Token) -> bool:
    """'The ministry declined to comment': a statement (CAMEO 011 decline comment), no
    rejection of anything."""
    return verb.lemma_.lower() in REFUSING_VERBS and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in COMMENT_VERBS for c in verb.children)


def hostile_demand(draft: Draft, content_type: Callable[[Token], str | None]) -> None:
    """'Sweden called for sanctions against Belarus', 'urged its members to strike': asking
    for a hostile act is a demand (CAMEO 10), not an appeal (CAMEO 02)."""
    if draft.trigger.type != "REQUEST" or not draft.trigger.cameo.startswith("02"):
        return
    content = [c for c in draft.anchor.children if c.dep_ in {"dobj", "xcomp", "ccomp"}]
    content += [g for c in draft.anchor.children if c.dep_ == "prep" and c.lower_ == "for"
                for g in c.children if g.dep_ == "pobj"]
    if any(content_type(c) in HOSTILE_DEMANDS for c in content):
        draft.trigger = replace(draft.trigger, cameo="100")
        draft.reason = f"{draft.reason}; asking for a hostile act is a demand"


def condolences(verb: Token) -> bool:
    """'The minister offered his condolences to Peru': an empathetic comment (CAMEO 018, a
    statement PLOVER does not code), no offer of anything."""
    return verb.lemma_.lower() in SYMPATHY_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in SYMPATHY_NOUNS for c in verb.children)
