"""Retaliation links: which event of an article answers which.

Inside a sentence a cue ("in response to", "in retaliation for", "after militias hit")
links the clause it governs to the event it modifies; a cue with no answered event in its
sentence ("In response, troops raided ...") answers the latest earlier hostile act by another
side.
"""

from __future__ import annotations

from collections.abc import Callable

from .drafts import Draft, owner_of, token_owners
from .models import Party

REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
CLAIM_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "SANCTION"})
FOLLOW_VERBS = frozenset({"come", "follow"})  # "the strikes came a day after ..."
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
RETALIATION_WORDS = frozenset({"response", "retaliation", "retaliatory", "retaliate",
                               "retaliated", "revenge", "reprisal", "reprisals", "tit",
                               "retaliating", "responding", "avenge", "avenging"})
RESPONSE_CUE_WORDS = RETALIATION_WORDS | {"after"}


def link_responses(drafts: list[Draft]) -> None:
    """'A struck in response to B's bombing', 'A bombed B after B's militias hit A'."""
    owners = token_owners(drafts)
    for cue in (t for d in drafts for t in d.sentence if t.lower_ in RESPONSE_CUE_WORDS):
        if cue.dep_ == "mark":  # "after militias injured troops": the clause is the earlier
            earlier = owners.get(cue.head.i)
            later = owner_of(cue.head.head, owners) if cue.head.head is not cue.head \
                else None
        else:
            earlier = next((owners[t.i] for t in cue.subtree
                            if t.i != cue.i and t.i in owners), None)
            later = owner_of(cue, owners)
        if later is not None and cue.lower_ in RETALIATION_WORDS:
            later.answers = True
        if earlier is None or later is None or earlier is later:
            continue
        if cue.lower_ != "after" or _reversed_parties(later, earlier):
            later.responds_to = earlier


def link_retaliations(drafts: list[Draft]) -> None:
    """'In response, security forces raided ...': a retaliation cue with no answered event in
    its sentence answers the latest earlier hostile act by another side."""
    for i, draft in enumerate(drafts):
        if not draft.answers or draft.responds_to is not None:
            continue
        mine = draft.actor.country if draft.actor else None
        for earlier in reversed(drafts[:i]):
            if earlier.trigger.type not in HOSTILE_TYPES or earlier.sentence == draft.sentence:
                continue
            theirs = earlier.actor.country if earlier.actor else None
            if mine is None or theirs != mine:
                draft.responds_to = earlier
                break


def link_came_after(drafts: list[Draft], noun_type: Callable[[str], str | None]) -> None:
    """'The strikes came three days after a suicide bomber killed 16 soldiers': the strikes,
    told in an earlier sentence, answer the hostile act of the 'after' clause."""
    for i, draft in enumerate(drafts):
        main = draft.anchor.head
        if draft.trigger.type not in HOSTILE_TYPES or main.lemma_.lower() not in FOLLOW_VERBS \
                or not any(c.lower_ == "after" for c in draft.anchor.children):
            continue
        subject = next((c for c in main.children if c.dep_ == "nsubj"), None)
        kind = noun_type(subject.lemma_.lower()) if subject is not None else None
        if kind not in HOSTILE_TYPES:
            continue
        later = next((d for d in reversed(drafts[:i]) if d.trigger.type == kind
                      and d.sentence != draft.sentence), None)
        if later is not None and later.responds_to is None and not _same_side(later, draft):
            later.responds_to = draft


def link_reactions(drafts: list[Draft], noun_type: Callable[[str], str | None]) -> None:
    """Targets of reactions to earlier acts: 'Washington condemned the hotel attack' is aimed
    at the attackers, 'Congo welcomed the strikes' at the strikers, and 'a charge Algiers
    rejected' / 'Moscow rejected the accusation' at whoever made the charge."""
    for i, draft in enumerate(drafts):
        if draft.target is not None or draft.trigger.type not in REACTION_TYPES:
            continue
        obj = next((c for c in draft.anchor.children if c.dep_ == "dobj"), None)
        kind = noun_type(obj.lemma_.lower()) if obj is not None else None
        if draft.trigger.type == "REJECT" and (kind is None or kind in CLAIM_TYPES):
            draft.target = _accuser(drafts[:i], draft)
        elif kind is not None:
            earlier = next((d for d in reversed(drafts[:i]) if d.trigger.type == kind
                            and d.actor is not None and d.actor != draft.actor), None)
            draft.target = earlier.actor if earlier is not None else None


def _accuser(earlier: list[Draft], draft: Draft) -> Party | None:
    mine = draft.actor.country if draft.actor else None
    if mine is None:
        return None
    for other in reversed(earlier):
        if other.trigger.type in CLAIM_TYPES and other.actor is not None and \
                other.target is not None and other.target.country == mine and \
                other.actor.country != mine:
            return other.actor
    return None


def _same_side(a: Draft, b: Draft) -> bool:
    mine = a.actor.country if a.actor else None
    return mine is not None and b.actor is not None and b.actor.country == mine



def _reversed_parties(later: Draft, earlier: Draft) -> bool:
    """'A bombed B after B's militias hit A': the later actor was the earlier target."""
    if later.trigger.type not in {"ASSAULT", "COERCE", "SANCTION"}:
        return False
    actor = later.actor.country if later.actor else None
    victim = earlier.target.country if earlier.target else None
    return actor is not None and actor == victim

