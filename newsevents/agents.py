"""Unnamed agents: who did an act whose sentence names no one, or only "gunmen", from the story.

A bombing is often told without its author ("A roadside bomb killed two soldiers"), or by
"gunmen" or "militants" that a later sentence names: a group claims it ("The BLF claimed the
attack"), or the authorities or residents blame someone ("Police blamed the ELN"). The act
then has the claimant or the blamed party as actor, as analysts code it
(bench/gold/README.md: "a claim of responsibility names the actor of an attack first reported
as by gunmen"). An act inside an accusation ("accused the army of killing civilians") is the
accused's. "The attackers" and "the fighters" are the armed group the story last named; an
acronym the story defines ("the Allied Democratic Forces (ADF)") names that party later; "a
military air strike" is by the forces of the country it hit; an agentless act retold against
the same people ("15 other Indian fishermen who were arrested") is the actor's who did it
before. Nothing is guessed when no sentence names anyone: unnamed gunmen keep no country.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .locations import localize
from .models import Party

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Span, Token

    from .actors import ActorResolver, Discourse
    from .drafts import Draft

CLAIMED_NOUNS = frozenset({"attack", "responsibility", "bombing", "ambush", "killing", "raid",
                           "assault", "abduction", "kidnapping", "strike", "blast", "explosion",
                           "massacre", "shooting", "assassination", "operation"})
CREDITED_TYPES = frozenset({"ASSAULT"})  # acts a claim or a charge names the author of
GENERIC_ARMED = frozenset({"gunman", "gunmen", "militant", "militants", "attacker", "attackers",
                           "assailant", "assailants", "fighter", "fighters", "rebel", "rebels",
                           "insurgent", "insurgents", "raider", "raiders", "kidnapper",
                           "kidnappers", "abductor", "abductors", "jihadist", "jihadists",
                           "bomber", "bombers", "killer", "killers"})
LEAD_WORDS = frozenset({"the", "a", "an", "some", "suspected", "armed", "unidentified",
                        "unknown", "masked", "its", "their", "several"})
CLAIM_WINDOW = 2  # sentences: a claim or a charge follows the act it names the author of
ANAPHOR_WINDOW = 4  # drafts back: "the attackers also abducted" follows the attack
ACCUSING_PREPS = frozenset({"of", "for"})  # "accused X of killing", "blamed X for the attack"
ACCUSING_HOPS = 4
STATE_MODIFIERS = {"military": "MIL", "army": "MIL", "junta": "MIL", "government": "GOV",
                   "police": "POL"}  # "a military air strike": the forces of where it hit
SAME_ACT_TYPES = frozenset({"ASSAULT", "COERCE"})
SAME_ACT_WINDOW = 12  # drafts back: a story retells one kind of act within a few paragraphs
GIVING_TYPES = frozenset({"AID"})
ACRONYM_SECTORS = frozenset({"REB", "IGO", "OPP", "GOV", "MIL", "POL"})


@dataclass(frozen=True)
class Claim:
    """A party that claims an act, or is blamed for one, in the sentence starting at `at`."""

    party: Party
    at: int
    how: str  # "claim" or "blame"


def claims_in(sent: Span, actors: ActorResolver, discourse: Discourse) -> list[Claim]:
    """'The RED-Tabara rebel group ... claimed the attack': the claimant, resolved on a copy
    of the discourse so that reading it changes nothing for the coder."""
    found = []
    for tok in sent:
        if tok.lemma_.lower() != "claim" or tok.pos_ != "VERB" or not any(
                c.dep_ == "dobj" and c.lemma_.lower() in CLAIMED_NOUNS for c in tok.children):
            continue
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        here = replace(discourse, people=dict(discourse.people), persons=list(discourse.persons))
        party = _claimant(subject, actors, here) if subject is not None else None
        if party is not None and not unnamed_armed(party):
            found.append(Claim(party, sent.start, "claim"))
    return found


def remember_acronyms(sent: Span, actors: ActorResolver, discourse: Discourse) -> None:
    """'the Allied Democratic Forces (ADF)': a later bare 'the ADF' is the same party, though
    the lexicon leaves the short form out (it is ambiguous across stories)."""
    doc = sent.doc
    for tok in sent:
        if tok.text != "(" or tok.i == sent.start:
            continue
        close = next((t.i for t in doc[tok.i + 1 : min(tok.i + 5, sent.end)]
                      if t.text == ")"), None)
        short = doc[tok.i + 1 : close].text.replace(" ", "") if close is not None else ""
        if not short or not short.replace("-", "").isupper() or discourse.person(short):
            continue
        party = actors.resolve(doc[tok.i - 1], discourse)
        if party is not None and party.sector in ACRONYM_SECTORS:
            discourse.people[short.lower()] = party


def _claimant(subject: Token, actors: ActorResolver, discourse: Discourse) -> Party | None:
    """The subject's party, or the group its name carries ('the RED-Tabara rebel group')."""
    party = actors.resolve(subject, discourse)
    if party is not None:
        return party
    named = (actors.resolve(c, discourse) for c in subject.children
             if c.dep_ == "compound" and c.pos_ == "PROPN")
    return next((p for p in named if p is not None and p.sector == "REB"), None)


def unnamed_armed(party: Party) -> bool:
    """'Gunmen', 'suspected militants', 'the attackers': an armed group no one has named."""
    words = party.text.split()
    if party.country is not None or not words or words[-1].lower() not in GENERIC_ARMED:
        return False
    return all(w.lower() in LEAD_WORDS or (w[0].islower() and i > 0)
               for i, w in enumerate(words[:-1]))


def credit_unnamed_acts(drafts: Sequence[Draft], claims: Sequence[Claim],
                        sentence_starts: Sequence[int]) -> None:
    """Give an actor to the acts of one article that lack a named one (see the module)."""
    for draft in drafts:
        accused = _accused(draft, drafts)
        if accused is not None:
            _credit(draft, accused, "actor accused of it")
        forces = _state_forces(draft)
        if forces is not None:
            _credit(draft, forces, "the state forces its noun names")
    blamed = [Claim(d.target, d.sentence.start, "blame") for d in drafts
              if d.trigger.type == "ACCUSE" and d.token.lemma_.lower() == "blame"
              and d.target is not None and not unnamed_armed(d.target)]
    order = {start: i for i, start in enumerate(sentence_starts)}
    for claim in sorted([*claims, *blamed], key=lambda c: c.at):
        for draft in drafts:
            gap = order.get(claim.at, 0) - order.get(draft.sentence.start, 0)
            if 0 <= gap <= CLAIM_WINDOW and _uncredited(draft):
                reason = "actor claims it" if claim.how == "claim" else "actor blamed for it"
                _credit(draft, claim.party, reason)
    for i, draft in enumerate(drafts):
        earlier = _same_act_told(draft, drafts[max(0, i - SAME_ACT_WINDOW) : i])
        if earlier is not None and earlier.actor is not None:
            _credit(draft, earlier.actor, "actor of the same act told before")
    for i, draft in enumerate(drafts):
        for role in ("actor", "target"):
            party = getattr(draft, role)
            if party is not None and _definite_anaphor(party):
                group = _last_group(drafts[max(0, i - ANAPHOR_WINDOW) : i])
                if group is not None:
                    setattr(draft, role, replace(group, text=party.text))


def drop_own_word_targets(drafts: Sequence[Draft]) -> None:
    """'sent peacekeepers', 'flew in food': the noun that is part of an aid trigger is what is
    given, not whom the aid is for; the story then implies the target (a released prisoner
    or a suspended broadcaster, in other triggers, is the target)."""
    for draft in drafts:
        target = draft.target
        words = target.text.split() if target is not None and \
            draft.trigger.type in GIVING_TYPES else []
        if words and any(draft.sentence.doc[i].text == words[-1] for i in draft.covers):
            draft.target = None


def _same_act_told(draft: Draft, earlier: Sequence[Draft]) -> Draft | None:
    """'The navy arrested 22 Indian fishermen' ... '15 other Indian fishermen who were
    arrested in March': an agentless act with the same verb against people of the same
    country is the same actor's."""
    target = draft.target
    if draft.actor is not None or draft.trigger.type not in SAME_ACT_TYPES or \
            draft.factuality != "asserted" or target is None or target.country is None:
        return None
    lemma = draft.token.lemma_.lower()
    return next((d for d in reversed(earlier) if d.token.lemma_.lower() == lemma
                 and d.actor is not None and d.target is not None
                 and d.target.country == target.country and d.factuality == "asserted"), None)


def _uncredited(draft: Draft) -> bool:
    return draft.trigger.type in CREDITED_TYPES and draft.factuality == "asserted" and (
        draft.actor is None or unnamed_armed(draft.actor))


def _credit(draft: Draft, party: Party, reason: str) -> None:
    """The act's actor becomes `party`; the record keeps the words of its own sentence."""
    words = draft.actor.text if draft.actor is not None else \
        (party.text if party.text in draft.sentence.text else "")
    draft.actor = replace(party, text=words)
    draft.reason = f"{draft.reason}; {reason}" if draft.reason else reason


def _state_forces(draft: Draft) -> Party | None:
    """'A military air strike killed 24 people': the state forces of the country where the
    act happened (a foreign state's act names its country: 'a Turkish drone strike')."""
    noun = draft.token
    if not _uncredited(draft) or draft.actor is not None or noun.pos_ != "NOUN" or \
            draft.location is None:
        return None
    word = next((c for c in noun.children if c.dep_ in {"amod", "compound"}
                 and c.lower_ in STATE_MODIFIERS), None)
    if word is None:
        return None
    forces = Party(word.text, word.text, None, STATE_MODIFIERS[word.lower_])
    found = localize(forces, draft.location)
    return found if found is not None and found.country is not None else None


def _accused(draft: Draft, drafts: Sequence[Draft]) -> Party | None:
    """The accused of an accusation whose content the act is ('accused government forces
    of killing at least 20 civilians')."""
    if not _uncredited(draft) or draft.actor is not None:
        return None
    for other in drafts:
        if other.sentence.start != draft.sentence.start or other.trigger.type != "ACCUSE" \
                or other.target is None or other is draft:
            continue
        if _under_accusation(draft.token, other.token):
            return other.target
    return None


def _under_accusation(tok: Token, accusing: Token) -> bool:
    through_prep = False
    for _ in range(ACCUSING_HOPS):
        if tok.head.i == tok.i:
            return False
        through_prep = through_prep or (tok.dep_ == "pobj" or tok.dep_ == "pcomp") and \
            tok.head.lower_ in ACCUSING_PREPS
        tok = tok.head
        if tok.i == accusing.i:
            return through_prep
    return False


def _definite_anaphor(party: Party) -> bool:
    """'The attackers', 'the fighters': the group the story has just told of."""
    words = party.text.lower().split()
    return len(words) == 2 and words[0] == "the" and unnamed_armed(party)


def _last_group(drafts: Sequence[Draft]) -> Party | None:
    """The armed group of the nearest earlier act, when the story gave it a country."""
    for draft in reversed(drafts):
        for party in (draft.target, draft.actor):
            if party is not None and party.sector == "REB" and not _definite_anaphor(party):
                return party if party.country is not None else None
    return None
