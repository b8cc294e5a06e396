"""Where an event happened when its sentence does not say it plainly.

A place named on another event nested inside it: "halted its food distributions in Mangochi
district", "will discuss the crisis at a summit in Addis Ababa", "would meet for talks in
Geneva", "the union, meeting in Zinder, called on":
the place hangs on the inner noun or participle, and the inner event is often dropped later
(not political, or folded into the outer one), so the outer event must take its place then.
Talks abroad are the exception that gives no country to their delegates. A state that closes
a border crossing with no place named closes its own side ("Pakistan closed the crossing"),
one that expels or deports does so from its own territory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacy.tokens import Token

    from .drafts import Draft

OCCASION_PREPS = frozenset({"at", "during"})  # "at a summit in X", "during talks in X"
ACTS_ON_EVENTS = frozenset({"SANCTION", "COERCE", "RETREAT", "CONCEDE", "AID", "MOBILIZE",
                            "COOPERATE", "ASSAULT"})  # "suspended the flights to X" is in X;
# "condemned the attack in X", "discussed the strikes in X" happened elsewhere
REMOVAL_MODES = frozenset({"expel", "deport"})
CLOSURE_MODES = frozenset({"restrict", "blockade"})
BORDER_WORDS = frozenset({"border", "crossing", "frontier", "checkpoint"})
STATE_SECTORS = frozenset({"GOV", "POL", "MIL", "JUD"})
SCENE_TYPES = ACTS_ON_EVENTS | {"PROTEST"}
SCENE_MARKS = frozenset({"after", "as", "when", "while"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MAX_STEPS = 8


def share_nested_places(drafts: list[Draft]) -> None:
    """An event with no place takes the place of an event nested in it as its object, its
    occasion or its actor's participle ('meeting in X'); a physical act nested in a placed
    attack or arrest takes that one's place."""
    for outer in drafts:
        if outer.location is not None:
            continue
        for inner in drafts:
            if inner is not outer and inner.location is not None and \
                    shares_place(inner, outer):
                outer.location = inner.location
                break
    for inner in drafts:
        if inner.location is not None or inner.trigger.type not in SCENE_TYPES:
            continue
        scene = next((d for d in drafts if d is not inner and d.location is not None and
                      in_its_scene(inner, d)), None)
        if scene is not None:
            inner.location = scene.location


def in_its_scene(inner: Draft, outer: Draft) -> bool:
    """'Police in X dispersed supporters protesting ...', 'seized X after troops withdrew
    from the town': what the targets were doing, and what happened just before, there."""
    tok = inner.token
    heads = {outer.token.i, outer.anchor.i}
    if outer.trigger.type not in {"ASSAULT", "COERCE"} or tok.i in heads or \
            not _governed_by(tok, heads):
        return False
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        return True
    return tok.dep_ == "advcl" and tok.head.i in heads and any(
        c.dep_ == "mark" and c.lower_ in SCENE_MARKS for c in tok.children)


def shares_place(inner: Draft, outer: Draft) -> bool:
    tok = inner.token
    heads = {outer.token.i, outer.anchor.i}
    if tok.i in heads or not _governed_by(tok, heads):
        return False
    if tok.dep_ == "acl" and tok.head.dep_ in SUBJECTS and tok.head.head.i in heads:
        return True  # "the union, meeting in Zinder, called on ..."
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and tok.head.i in heads:
        return True  # "Meeting in Geneva, the ministers agreed ..."
    prep = tok.head if tok.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in OCCASION_PREPS:
        return True
    if prep is not None and prep.lower_ == "in" and inner.trigger.type == "CONSULT":
        return True  # "agreed on a truce in talks in Doha"
    if prep is not None and prep.lower_ == "on" and outer.trigger.type in ACTS_ON_EVENTS:
        return True  # "killed two rangers on patrol in X" ("commented on" is a topic)
    if prep is not None and prep.lower_ == "for" and prep.head.i in heads and \
            inner.trigger.type == outer.trigger.type:
        return True  # "would meet for talks in Geneva"
    return outer.trigger.type in ACTS_ON_EVENTS and tok.dep_ in {"dobj", "nsubjpass"} and \
        tok.head.i in heads


def venue_abroad(draft: Draft, context: Sequence[str]) -> bool:
    """Talks abroad are held on neutral ground: the venue gives its delegates no country."""
    place = draft.location
    return draft.trigger.type == "CONSULT" and place is not None and bool(context) and \
        place.country != context[0]


def closed_border(draft: Draft) -> bool:
    """'Chad closed the Adre border crossing', 'shut two of its border posts'."""
    actor = draft.actor
    if draft.trigger.type != "COERCE" or draft.trigger.mode not in CLOSURE_MODES or \
            actor is None or actor.sector not in STATE_SECTORS or actor.patron is not None:
        return False
    objects = [c for t in (draft.token, draft.anchor) for c in t.children if c.dep_ == "dobj"]
    return any(t.lemma_.lower() in BORDER_WORDS for o in objects for t in o.subtree)


def removal_ground(draft: Draft) -> str | None:
    """A state that expels diplomats or deports people with no place named does so from its
    own territory."""
    actor = draft.actor
    if draft.location is not None or draft.trigger.mode not in REMOVAL_MODES or \
            actor is None or actor.sector not in STATE_SECTORS or actor.patron is not None:
        return None
    return actor.country


def border_sides(draft: Draft, home: str | None, country_in: Callable[[str], str | None]
                 ) -> tuple[str, str | None] | None:
    """(own side, other side) of a border a state closes with no place named: it closes its
    own side, against the country named with it ('with Belarus') or the story's country."""
    actor = draft.actor
    if draft.location is not None or actor is None or actor.country is None or \
            not closed_border(draft):
        return None
    objects = [c for t in (draft.token, draft.anchor) for c in t.children if c.dep_ == "dobj"]
    named = (country_in(t.text) for o in objects for t in o.subtree if t.pos_ == "PROPN")
    other = next((c for c in named if c is not None and c != actor.country), None)
    if other is None and home != actor.country:
        other = home
    return actor.country, other


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
