"""Retaliation links: which event of an article answers which.

Inside a sentence a cue ("in response to", "in retaliation for", "after militias hit")
links the clause it governs to the event it modifies; a cue with no answered event in its
sentence ("In response, troops raided ...", "in retaliation for the shelling") answers the
latest earlier act of the kind it names, or else the latest hostile act, by another side.
Sides are actor identities, not only countries: the Sudanese army answering the RSF is
one country and two sides.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .drafts import Draft, owner_of, token_owners
from .models import Party

if TYPE_CHECKING:
    from spacy.tokens import Token

REACTION_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
CLAIM_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "SANCTION"})
FOLLOW_VERBS = frozenset({"come", "follow"})  # "the strikes came a day after ..."
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
RETALIATION_WORDS = frozenset({"response", "retaliation", "retaliatory", "retaliate",
                               "retaliated", "revenge", "reprisal", "reprisals", "tit",
                               "retaliating", "responding", "avenge", "avenging", "return"})
RESPONSE_CUE_WORDS = RETALIATION_WORDS | {"after"}
BACKGROUND_MARKS = frozenset({"as", "while", "when"})  # "struck them as they withdrew"


def link_responses(drafts: list[Draft]) -> None:
    """'A struck in response to B's bombing', 'A bombed B after B's militias hit A'."""
    owners = token_owners(drafts)
    for draft in drafts:
        if _is_counter(draft.token):  # "a joint counter-attack", "a counteroffensive"
            draft.answers = True
    for cue in (t for d in drafts for t in d.sentence if t.lower_ in RESPONSE_CUE_WORDS):
        if cue.lower_ == "return" and not _in_return(cue):
            continue
        if cue.dep_ == "mark":  # "after militias injured troops": the clause is the earlier
            earlier = owners.get(cue.head.i)
            later = owner_of(cue.head.head, owners) if cue.head.head.i != cue.head.i \
                else None
            if later is None and earlier is not None:  # "after X struck, Y said it hit"
                later = _main_event(earlier, drafts)
        else:
            earlier = next((owners[t.i] for t in cue.subtree
                            if t.i != cue.i and t.i in owners), None)
            later = _foreground(owner_of(cue, owners), owners)
        if later is not None and cue.lower_ in RETALIATION_WORDS:
            later.answers = True
            later.answered_noun = later.answered_noun or _answered_noun(cue)
        elif later is not None and cue.lower_ == "after" and cue.dep_ == "prep":
            later.answered_noun = later.answered_noun or _definite_act(cue)
        if earlier is None or later is None or earlier is later:
            continue
        if cue.lower_ != "after" or _reversed_parties(later, earlier) or (
                cue.dep_ == "mark" and _opposed(later, earlier)):
            later.responds_to = earlier


def link_retaliations(drafts: list[Draft],
                      noun_type: Callable[[str], str | None] | None = None) -> None:
    """'In response, security forces raided ...', 'in retaliation for the shelling': a cue
    with no answered event in its sentence answers the latest earlier act of the kind the
    cue names ('the shelling'), else the latest earlier act of its own type, else the latest
    hostile act, by another side."""
    for draft in drafts:
        answered = draft.responds_to
        if answered is not None and answered.sentence == draft.sentence:
            draft.responds_to = _told_before(answered, drafts) or answered
    for i, draft in enumerate(drafts):
        if draft.responds_to is not None or not (draft.answers or draft.answered_noun):
            continue
        noun = draft.answered_noun
        kind = noun_type(noun.lemma_.lower()) if noun is not None and noun_type else None
        earlier = [d for d in reversed(drafts[:i]) if d.sentence != draft.sentence
                   and not _same_side(d, draft)]
        named = [d for d in earlier if noun is not None and (
            d.trigger.type == kind or _same_stem(noun, d.token))]
        hostile = [d for d in earlier if d.trigger.type in HOSTILE_TYPES]
        if draft.trigger.type not in HOSTILE_TYPES:
            hostile = earlier  # "In return, the US lifted sanctions": a concession answered
        alike = [d for d in hostile if d.trigger.type == draft.trigger.type]
        if not draft.answers:  # "a day after the ambush": only the act it names
            alike = hostile = []
        if named or hostile:  # strikes answer strikes before threats, releases releases
            draft.responds_to = (named or alike or hostile)[0]


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
        told = [d for d in drafts[:i] if d.trigger.type == kind and d.sentence != draft.sentence]
        if not told or _same_side(told[-1], draft):
            continue
        for later in told:  # "the strikes": the act the story told, in every sentence
            if later.responds_to is None and same_party(later.actor, told[-1].actor):
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
                            and d.actor is not None and d.actor != draft.actor
                            and not _compatriots(d.actor, draft.actor)), None)
            draft.target = earlier.actor if earlier is not None else None


def _told_before(ref: Draft, drafts: list[Draft]) -> Draft | None:
    """'A day after the rebels struck': a bare, undated clause whose subject is definite
    retells the last act of that kind by that side; it takes that act's fields so the two
    merge, and the answer points at the act itself."""
    subject = next((c for c in ref.anchor.children if c.dep_ == "nsubj"), None)
    definite = subject is not None and (subject.pos_ == "PRON" or any(
        c.lower_ == "the" for c in subject.children))
    if not definite or ref.target is not None or ref.date.date is not None:
        return None
    told = next((d for d in reversed(drafts[: drafts.index(ref)])
                 if d.sentence != ref.sentence and d.trigger.type == ref.trigger.type
                 and same_party(d.actor, ref.actor)), None)
    if told is not None:
        ref.target, ref.date, ref.location = told.target, told.date, told.location
        ref.actor = told.actor
    return told


def _is_counter(tok: Token) -> bool:
    doc = tok.doc
    hyphenated = tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "counter"
    return hyphenated or (tok.lower_.startswith("counter") and len(tok.lower_) > 9)


def _in_return(cue: Token) -> bool:
    """'In return, the US lifted sanctions': the idiom, not 'the return of refugees'."""
    return cue.i > 0 and cue.doc[cue.i - 1].lower_ == "in" and not any(
        c.dep_ == "det" for c in cue.children)


def _answered_noun(cue: Token) -> Token | None:
    """The act a cue names: 'in retaliation for the shelling', 'in response to the raid'."""
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        if obj is not None and obj.pos_ == "NOUN":
            return obj
    return None


def _same_stem(noun: Token, trigger: Token) -> bool:
    """'the shelling' names an act told as 'shelled', 'the raid' one told as 'raided'."""
    a, b = noun.lemma_.lower(), trigger.lemma_.lower()
    return len(b) >= 4 and len(a) >= 4 and (a.startswith(b) or b.startswith(a))


def _definite_act(cue: Token) -> Token | None:
    """'A day after the ambush, drones struck': the act the hostile answer names."""
    obj = next((g for g in cue.children if g.dep_ == "pobj"), None)
    if obj is None or obj.pos_ != "NOUN" or not any(c.lower_ == "the" for c in obj.children):
        return None
    return obj


def _foreground(draft: Draft | None, owners: dict[int, Draft]) -> Draft | None:
    """'struck the assailants as they withdrew in response to the ambush': a cue the parse
    hangs on a background 'as' clause belongs to the main clause's event."""
    if draft is None or draft.anchor.dep_ != "advcl" or not any(
            c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKS for c in draft.anchor.children):
        return draft
    main = owner_of(draft.anchor.head, owners)
    return main if main is not None and main.trigger.type in HOSTILE_TYPES else draft


def _main_event(earlier: Draft, drafts: list[Draft]) -> Draft | None:
    """The event of the main clause when it sits below a reporting verb: 'A day after the
    militants struck, the command said it had conducted an air strike'."""
    inside = {t.i for t in earlier.anchor.subtree}
    return next((d for d in drafts if d.sentence == earlier.sentence and d is not earlier
                 and d.anchor.i not in inside and d.trigger.type in HOSTILE_TYPES), None)


def _accuser(earlier: list[Draft], draft: Draft) -> Party | None:
    mine = draft.actor.country if draft.actor else None
    if mine is None:
        return None
    for other in reversed(earlier):  # a domestic charge counts when aimed at the rejecter
        if other.trigger.type in CLAIM_TYPES and other.actor is not None and \
                other.target is not None and other.target.country == mine and (
                    other.actor.country != mine or draft.actor is not None and
                    other.target.name.lower() == draft.actor.name.lower()):
            return other.actor
    return None


def same_party(a: Party | None, b: Party | None) -> bool:
    """One side: the same country and sector, or the same named group; a missing country is
    no difference ('the militants' and 'al-Shabaab fighters')."""
    if a is None or b is None:
        return False
    if a.country and b.country and a.country != b.country:
        return False
    if a.patron != b.patron:
        return False
    if a.sector and b.sector and a.sector != b.sector:
        return False
    return bool(a.country and b.country) or a.sector is not None or \
        a.name.lower() == b.name.lower()


def _compatriots(a: Party, b: Party | None) -> bool:
    """A government reacts to the acts of others, not to its own forces' strikes."""
    return b is not None and a.country is not None and a.country == b.country


def _same_side(a: Draft, b: Draft) -> bool:
    return same_party(a.actor, b.actor)


def _opposed(later: Draft, earlier: Draft) -> bool:
    """'X hit Y after Z struck': two hostile acts by two known, different sides."""
    return later.trigger.type in HOSTILE_TYPES and earlier.trigger.type in HOSTILE_TYPES and \
        later.actor is not None and earlier.actor is not None and not _same_side(later, earlier)


def _reversed_parties(later: Draft, earlier: Draft) -> bool:
    """'A bombed B after B's militias hit A': the later actor was the earlier target, or
    the later target the earlier actor ('after the militants struck, the US hit them')."""
    if later.trigger.type not in {"ASSAULT", "COERCE", "SANCTION"}:
        return False
    actor = later.actor.country if later.actor else None
    victim = earlier.target.country if earlier.target else None
    if actor is not None and actor == victim and not _same_side(later, earlier):
        return True
    return same_party(later.target, earlier.actor) and not _same_side(later, earlier)
