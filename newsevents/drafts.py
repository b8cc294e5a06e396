"""The event draft read off one sentence, and the helpers the field readers share.

A `Draft` is filled in by the trigger finder (coding.py) and then by the field readers
(parties, locations, dating, reports, responses) before `merge.merge_drafts` turns the drafts
of one article into Mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .actors import Discourse
from .models import Article, Country, DateRef, Evidence, Party, Place

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .lexicon import Trigger


@dataclass
class Draft:
    """An event being read off one sentence; merged into a Mention per article later."""

    trigger: Trigger
    token: Token  # the trigger word
    anchor: Token  # the clause head that carries modality: a light verb, else the trigger
    sentence: Span
    actor: Party | None = None
    target: Party | None = None
    implied_target: Party | None = None  # the addressee the story implies (addressees.py)
    co_actors: list[Party] = field(default_factory=list)
    location: Place | None = None
    date: DateRef = field(default_factory=lambda: DateRef(None, "unknown", None))
    fatalities: int | None = None
    injuries: int | None = None
    factuality: str = "asserted"
    attributed_to: list[str] = field(default_factory=list)
    responds_to: Draft | None = None
    answers: bool = False  # a retaliation cue ("in response", "retaliatory") owned by it
    answered_noun: Token | None = None  # "in retaliation for the shelling": what it answers
    reason: str = ""
    covers: tuple[int, ...] = ()  # further words of the trigger ("killed in a gunbattle")

    @property
    def tokens(self) -> set[int]:
        return {self.token.i, self.anchor.i, *self.covers}



class LocalCountries(Discourse):
    """The discourse as it stands at one token: earlier sentences plus this one up to `i`."""

    def __init__(self, discourse: Discourse, local: list[tuple[int, Country]], i: int) -> None:
        super().__init__(list(discourse.countries), discourse.groups, discourse.last_actor,
                         discourse.places, discourse.people, discourse.dyads, discourse.persons)
        for j, country in local:
            if j < i:
                self.saw_country(country)
        self._parent = discourse

    def saw_group(self, party: Party) -> None:
        self._parent.saw_group(party)
        super().saw_group(party)


def token_owners(drafts: list[Draft]) -> dict[int, Draft]:
    owners: dict[int, Draft] = {}
    for draft in drafts:
        owners.setdefault(draft.token.i, draft)
        owners.setdefault(draft.anchor.i, draft)
    return owners


def owner_of(tok: Token, owners: dict[int, Draft]) -> Draft | None:
    """The nearest trigger above a token in the tree (the token itself included)."""
    for _ in range(12):
        if tok.i in owners:
            return owners[tok.i]
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None



def evidence_for(draft: Draft, article: Article) -> Evidence:
    sent = draft.sentence
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return Evidence(article.id, article.url, article.text[start:end], start, end)

