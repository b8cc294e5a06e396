"""Where an event happened when its place is named on another event nested inside it.

"suspended food distributions in Macomia district", "will discuss the bill at a summit in
Brussels", "would meet for talks in Jeddah", "the union, meeting in Ouagadougou, called on":
the place hangs on the inner noun or participle, and the inner event is often dropped later
(not political, or folded into the outer one), so the outer event must take its place then.
Talks abroad are the exception that gives no country to their delegates.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Token

    from .drafts import Draft

OCCASION_PREPS = frozenset({"at", "during"})  # "at a summit in X", "during talks in X"
ACTS_ON_EVENTS = frozenset({"SANCTION", "COERCE", "RETREAT", "CONCEDE", "AID", "MOBILIZE",
                            "COOPERATE", "ASSAULT"})  # "suspended the flights to X" is in X;
# "condemned the attack in X", "discussed the strikes in X" happened elsewhere
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MAX_STEPS = 8


def share_nested_places(drafts: list[Draft]) -> None:
    """An event with no place takes the place of an event nested in it as its object, its
    occasion or its actor's participle ('meeting in X')."""
    for outer in drafts:
        if outer.location is not None:
            continue
        for inner in drafts:
            if inner is not outer and inner.location is not None and \
                    shares_place(inner, outer):
                outer.location = inner.location
                break


def shares_place(inner: Draft, outer: Draft) -> bool:
    tok = inner.token
    heads = {outer.token.i, outer.anchor.i}
    if tok.i in heads or not _governed_by(tok, heads):
        return False
    if tok.dep_ == "acl" and tok.head.dep_ in SUBJECTS and tok.head.head.i in heads:
        return True  # "the association, meeting in Ouagadougou, called on ..."
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in heads:
        return True  # "Meeting in Geneva, the ministers agreed ..."
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in OCCASION_PREPS:
        return True
    if prep is not None and prep.lower_ == "for" and prep.head.i in heads and \
            inner.trigger.type == outer.trigger.type:
        return True  # "would meet for talks in Jeddah"
    return outer.trigger.type in ACTS_ON_EVENTS and tok.dep_ in {"dobj", "nsubjpass"} and \
        tok.head.i in heads


def venue_abroad(draft: Draft, context: Sequence[str]) -> bool:
    """Talks abroad are held on neutral ground: the venue gives its delegates no country."""
    place = draft.location
    return draft.trigger.type == "CONSULT" and place is not None and bool(context) and \
        place.country != context[0]


def _governed_by(tok: Token, heads: set[int]) -> bool:
    """Whether one of `heads` is above the token in its clause (no other subject between)."""
    for _ in range(MAX_STEPS):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i in heads:
            return True
        if any(c.dep_ in SUBJECTS for c in tok.children) and tok.pos_ in {"VERB", "AUX"}:
            return False
    return False
