"""Events that no single trigger word carries, read off the shape of a clause.

- A reported "must": "Paris said Iraq must cooperate with the inspectors" is a demand
  (CAMEO 10, PLOVER REQUEST) by the speaker, whatever the demanded act is.
- A joint exercise: war games or drills held with another country are military cooperation
  (CAMEO 062, PLOVER COOPERATE), not a show of force (CAMEO 152, MOBILIZE).
- An order to leave: "ordered two diplomats to leave the country" (or "declared persona non
  grata") expels them (CAMEO 166,
  PLOVER SANCTION expel); other people ordered out are deported (CAMEO 174, COERCE).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .attribution import is_reporting_verb
from .drafts import Draft
from .lexicon import Trigger

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

FIRST_PERSON = frozenset({"i", "we", "us", "me"})  # "we must defend ourselves" is resolve
SPECULATORS = frozenset({"analyst", "observer", "expert", "commentator", "critic",
                         "economist", "researcher"})
ORDER_VERBS = frozenset({"order", "tell", "instruct", "give"})
LEAVE_VERBS = frozenset({"leave", "depart", "quit", "exit"})
DIPLOMAT_WORDS = frozenset({"diplomat", "ambassador", "envoy", "attache", "attaché", "consul",
                            "charge", "embassy", "staff", "chargé"})
JOINT_WORDS = frozenset({"joint", "combined", "bilateral", "multinational", "trilateral"})
DEMAND = Trigger(("must",), "VERB", "REQUEST", None, "100", "a reported 'must' is a demand")
EXPEL = Trigger(("order", "leave"), "VERB", "SANCTION", "expel", "166",
                "diplomats ordered to leave are expelled")
DEPORT = Trigger(("order", "leave"), "VERB", "COERCE", "deport", "174",
                 "people ordered out of the country are deported")


def reported_demand(clause: Token, sent: Span) -> Draft | None:
    """'The minister said Libya must hand over the suspects': the saying is a demand on
    Libya. The speech verb carries the event (its subject is the actor)."""
    if clause.dep_ != "ccomp" or not any(c.dep_ in {"aux", "auxpass"} and c.lower_ == "must"
                                         for c in clause.children):
        return None
    speech = clause.head
    if speech.pos_ not in {"VERB", "AUX"} or not is_reporting_verb(speech.lemma_.lower()):
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
