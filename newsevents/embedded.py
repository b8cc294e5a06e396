"""Drafts that are part of another draft of the same sentence, not events of their own.

'threatened to strike' keeps the threat; 'denied carrying out a strike' is the strike, denied;
'blocked the highway to demand higher prices' is one protest; 'agreed to extend a ceasefire'
is one agreement; 'ordered the army to deploy' is the deployment, ordered. `drop_embedded`
runs after factuality, before the field readers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .factuality import DENY_LEMMAS, ORDER_LEMMAS, ORDERED_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .drafts import Draft

STATEMENT_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "AGREE"})  # what can be rejected


def drop_embedded(drafts: list[Draft]) -> list[Draft]:
    """'threatened to strike': keep the threat; the inner strike was dropped by factuality.
    A denial of an act is the act, denied, not a REJECT; the demand a protest is staged
    for is part of the protest. Of two readings of one token ('bombers' alone and
    'bombers killed'), the one nearest the root stays."""
    seen: set[int] = set()
    out = []
    for draft in sorted(drafts, key=lambda d: tree_depth(d.anchor)):
        if draft.token.i not in seen and not _denial_of_event(draft, drafts) and \
                not _protest_purpose(draft, drafts) and not _agreed_content(draft, drafts) \
                and not _carried_order(draft, drafts) and not _denier_version(draft, drafts) \
                and not _carrier_verb(draft, drafts) and not _rejected_statement(draft, drafts):
            out.append(draft)
            seen.add(draft.token.i)
    kept = {id(d) for d in out}
    return [d for d in drafts if id(d) in kept]  # in the sentence's order again


def tree_depth(tok: Token) -> int:
    """How many heads lie between a token and its sentence's root."""
    depth = 0
    while tok.head.i != tok.i:
        tok, depth = tok.head, depth + 1
    return depth


def _denial_of_event(draft: Draft, drafts: list[Draft]) -> bool:
    """'The army denied carrying out a drone strike': the strike is denied, nothing rejected."""
    if draft.trigger.type != "REJECT" or draft.anchor.lemma_.lower() not in DENY_LEMMAS:
        return False
    inside = {t.i for t in draft.anchor.subtree} - {draft.anchor.i}
    return any(d.factuality == "denied" and d.anchor.i in inside for d in drafts)


def _protest_purpose(draft: Draft, drafts: list[Draft]) -> bool:
    """'blocked the highway to demand higher prices': the demand is what the protest is for;
    'called his counterpart to discuss Syria': one consultation, told twice."""
    if draft.anchor.dep_ not in {"advcl", "xcomp", "acl"} or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in draft.anchor.children):
        return False  # only infinitives of purpose, not "after militias injured troops"
    head = draft.anchor.head.i
    for other in drafts:
        if other is draft or head not in (other.anchor.i, other.token.i):
            continue
        if other.trigger.type == draft.trigger.type or (
                other.trigger.type == "PROTEST" and draft.trigger.type == "REQUEST") or (
                other.trigger.type == "AID" and draft.trigger.type == "MOBILIZE") or (
                other.trigger.type == "CONSULT" and draft.trigger.type == "REQUEST"):
            return True  # "police arrived to reinforce the mission": the help is the event
    return False


def _agreed_content(draft: Draft, drafts: list[Draft]) -> bool:
    """'The two sides agreed to extend a ceasefire': one agreement, whose content is the
    extension; the extension is not a second event of its own yet."""
    if draft.anchor.dep_ != "xcomp":  # "offered to send police advisers": the offer
        return False
    head = draft.anchor.head.i
    return any(o is not draft and o.trigger.type == "AGREE" and o.anchor.i == head
               for o in drafts)


def _carried_order(draft: Draft, drafts: list[Draft]) -> bool:
    """'Kiir ordered the army to deploy 1,000 soldiers': the deployment is the event and the
    one who ordered it its actor; the order is not a REQUEST of its own. The ordered act
    takes the order verb as its anchor (subject = actor, the one ordered = target)."""
    if draft.trigger.type != "REQUEST" or draft.anchor.lemma_.lower() not in ORDER_LEMMAS:
        return False
    acts = [o for o in drafts if o is not draft and o.trigger.type in ORDERED_TYPES and
            o.anchor.dep_ == "xcomp" and o.anchor.head.i == draft.anchor.i]
    for act in acts:
        act.anchor = draft.anchor
        act.reason = f"{act.reason}, ordered by '{draft.anchor.lemma_}'"
    return bool(acts)


def _denier_version(draft: Draft, drafts: list[Draft]) -> bool:
    """'denied that its jets had bombed a school, saying its aircraft had only hit training
    sites': the denier's own account of the denied act is that act, not a second event."""
    if draft.factuality == "denied":
        return False
    denied = {t.i for d in drafts if d.factuality == "denied" for t in d.anchor.subtree}
    denials = {t.i for d in drafts if d.factuality == "denied" for t in d.anchor.ancestors
               if t.lemma_.lower() in DENY_LEMMAS}
    for tok in (draft.anchor, *draft.anchor.ancestors):
        if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in denied | denials:
            return True  # the participle hangs from the denial or from the denied clause
    return False


def _carrier_verb(draft: Draft, drafts: list[Draft]) -> bool:
    """'Parliament approved a state of emergency': the approval carries the emergency (the
    noun's draft has the verb as its anchor); it is no act of support of its own."""
    return draft.token.i == draft.anchor.i and any(
        o is not draft and o.anchor.i == draft.token.i and o.token.i != o.anchor.i
        for o in drafts)


def _rejected_statement(draft: Draft, drafts: list[Draft]) -> bool:
    """'rejected the EU's criticism', 'rejected an offer by Canada', 'dismissed Beijing's
    demand': the statement is what is rejected (its own event, if any, is told where it was
    made), not a second event of this sentence; so is the topic of talks ('discussed the
    negotiations')."""
    noun = draft.token
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.dep_ != "dobj" or draft.anchor.i != noun.i:
        return False
    return any(o is not draft and o.anchor.i == noun.head.i and (
        (o.trigger.type == "REJECT" and draft.trigger.type in STATEMENT_TYPES) or
        o.trigger.type == "CONSULT")  # "will discuss Moldova's accession negotiations"
        for o in drafts)
