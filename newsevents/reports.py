"""Casualty counts and sources of a sentence, assigned to its drafts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .actors import COUNTRY_ANAPHORS, Discourse
from .attribution import find_attributions
from .casualties import find_casualties
from .drafts import Draft, LocalCountries, owner_of, token_owners

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .models import Country

MAX_SOURCE_WORDS = 8
# A concession set before a report is the writer's, not part of what is reported: "Despite
# ..., the ministry said". (Time clauses are left to the report: "After the strike, the army
# said ten died" is the army's account of the strike too.)
CONCESSIVE_WORDS = frozenset({"despite", "notwithstanding", "although", "though"})


LAST_ATTACK_KEY = "newsevents.last_attack"  # Doc.user_data: the last attack with an actor
CASUALTY_LEMMAS = frozenset({"kill", "injure", "wound", "hurt"})


def read_casualties(sent: Span, drafts: list[Draft]) -> None:
    _continue_attack(sent, drafts)
    if not drafts:
        return
    found = find_casualties(sent.text)
    if not found.spans:
        return
    owners = token_owners(drafts)
    doc = sent.doc
    for start, end in found.spans:
        span = doc.char_span(sent.start_char + start, sent.start_char + end,
                             alignment_mode="expand")
        part = find_casualties(sent.text[start:end])
        owner = owner_of(span.root, owners) if span is not None else None
        if owner is None or owner.trigger.type != "ASSAULT":  # "freed hostages, killing four"
            owner = next((d for d in drafts if d.trigger.type == "ASSAULT"), owner)
        if owner is None:
            continue
        if part.fatalities is not None:
            owner.fatalities = max(owner.fatalities or 0, part.fatalities)
        if part.injuries is not None:
            owner.injuries = max(owner.injuries or 0, part.injuries)

def _continue_attack(sent: Span, drafts: list[Draft]) -> None:
    """'Army jets bombed Nyala. Twelve civilians were killed.': a passive toll with no
    attacker, told right after an attack, is that attack's toll; it takes the attack's
    actor, place and date so the two are one event."""
    doc = sent.doc
    last: Draft | None = doc.user_data.get(LAST_ATTACK_KEY)
    for draft in drafts:
        tok = draft.anchor
        toll = draft.trigger.type == "ASSAULT" and draft.actor is None and \
            tok.lemma_.lower() in CASUALTY_LEMMAS and any(
                c.dep_ == "nsubjpass" for c in tok.children) and not any(
                c.dep_ == "agent" for c in tok.children)
        if toll and last is not None and last.sentence.end >= sent.start - 1 and \
                last.sentence.start < sent.start:
            draft.actor = last.actor
            if draft.date.date is None:  # "wounded in Wednesday's barrage" keeps its day
                draft.date = last.date
            if draft.location is None or draft.location.precision == "country":
                draft.location = last.location
    attacks = [d for d in drafts if d.trigger.type == "ASSAULT" and d.actor is not None
               and d.factuality == "asserted"]
    doc.user_data[LAST_ATTACK_KEY] = attacks[-1] if attacks else None


def read_attribution(sent: Span, drafts: list[Draft], discourse: Discourse,
                     local: list[tuple[int, Country]]) -> None:
    """Every source of the sentence, for each of its drafts but those the source's reporting
    verb does not report ("Despite Pakistan's incursion, the country says it respects ...": the
    incursion is the writer's concession, not the country's claim)."""
    sources: dict[str, tuple[str, int | None]] = {}
    for found in find_attributions(sent):
        source = found.source.replace("’", "'")
        if source.lower() in {"he", "she", "it", "they", "we", "i", "you"} or \
                len(source.split()) > MAX_SOURCE_WORDS:
            continue  # a pronoun, or a whole clause the parse took for a subject
        if source.lower() in COUNTRY_ANAPHORS:
            span = sent.doc.char_span(found.start, found.end, alignment_mode="expand")
            here = LocalCountries(discourse, local, span.start if span else sent.end)
            if not here.countries:
                continue
            source = here.countries[-1].name
        sources.setdefault(source.lower(), (source, found.verb_i))
    for draft in drafts:
        draft.attributed_to = [source for source, verb_i in sources.values()
                               if verb_i is None or not _conceded(draft, sent.doc[verb_i])]


def _conceded(draft: Draft, verb: Token) -> bool:
    """The draft's trigger is in a concession set before the reporting verb and its speaker
    ("Despite X, the ministry said", "Although X, officials said"). Only the word counts: the
    parse may label the reported clause itself adverbial ("Chad expelled two diplomats, the
    ministry said")."""
    subjects = [c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for child in verb.children:
        framed = child.dep_ == "prep" and child.lower_ in CONCESSIVE_WORDS or \
            child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONCESSIVE_WORDS
                                          for m in child.children)
        if framed and child.i < min(subjects, default=verb.i) and \
                child.left_edge.i <= draft.token.i <= child.right_edge.i:
            return True
    return False
