"""Is a draft a political event? The filter run after the field readers of `coding`.

A sentence that talks sports or business ("beat the Tigers 30-12", "shares fell") frames its
verbs as metaphors unless a political party acted; an attack with no party named counts only
when it names its weapon, its casualties or its two sides.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .acled_triggers import PROTESTING, WEAPON_CUES
from .models import Party
from .parties import clause_subject

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .coding import ModeWord
    from .drafts import Draft
    from .lexicon import Lexicon

SCORELINE = re.compile(r"\b\d{1,2} ?[-–] ?\d{1,2}\b")
MONEY_TYPES = frozenset({"AID", "SANCTION", "AGREE", "COOPERATE"})  # money is their matter
RELIEF_TYPES = frozenset({"AID", "COOPERATE", "RETREAT"})  # help and truces in a disaster
RELIEF_DOMAINS = frozenset({"weather", "health", "accident"})
PERSON_CUES = frozenset({"mob", "state_force", "civilian"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
METAPHOR_DOMAINS = frozenset({"sports", "entertainment"})
SHARE_WORDS = frozenset({"third", "half", "quarter", "fifth", "tenth", "most", "some", "many",
                         "part", "majority", "rest", "hundred", "thousand", "dozen", "percent",
                         "all", "none", "several", "number"})
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "through", "into"})
PLAIN_MODES = frozenset({"arrest"})  # events even when no party is named
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
ACT_MODES = frozenset({"abduct", "sexual"})  # the act, whatever weapon the actor carried
WEAPON_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack",
                          "unconventional"})


def protesters(draft: Draft) -> None:
    """A protest with no one named is held by protesters of the place where it happens."""
    country = draft.location.country if draft.location is not None else None
    draft.actor = Party(draft.token.text, "protesters", country, "CVL")


class PoliticalFilter:
    """Drops drafts with no political party: sports and business metaphors ('beat the Tigers',
    'heating bills exploded'), unless someone named acted or the act is plain violence."""

    def __init__(self, lexicon: Lexicon, mode_words: Mapping[str, ModeWord]) -> None:
        self.lexicon = lexicon
        self.mode_words = mode_words
        self._domain_doc: Doc | None = None
        self._domain_hit = False

    def is_political(self, draft: Draft) -> bool:
        """Sports and business metaphors have no political party: drop them."""
        if draft.trigger is PROTESTING:
            return True  # "a protest over fuel prices turned violent": protesters acted
        parties = [p for p in (draft.actor, draft.target, *draft.co_actors) if p is not None]
        domains = {d for t in draft.sentence if (d := self.context_domain(t, draft))}
        if draft.trigger.type not in PHYSICAL_TYPES:
            domains.discard("verbal")  # words make 'attacked' a metaphor, not 'welcomed'
        if SCORELINE.search(draft.sentence.text):
            domains.add("sports")  # "beat the Tigers 30-12"
        nonpolitical = bool(domains)
        money_only = domains == {"business"} and draft.trigger.type in MONEY_TYPES
        relief = draft.trigger.type in RELIEF_TYPES and domains <= RELIEF_DOMAINS | {"business"}
        if relief and draft.actor is not None:
            return True  # "aid to help Haiti after the earthquake": disasters call for aid
        if domains == {"business"} and draft.trigger.type == "ASSAULT" and (
                draft.fatalities or draft.injuries):
            nonpolitical = False  # "a bomb killed 14 at a market": the market is the place
        if nonpolitical and not money_only and (draft.actor is None or not any(
                p.sector not in {None, "GOV"} for p in parties)):
            return False  # "Norway gave five million dollars of aid" is no business story
        if parties:
            if draft.trigger.type == "PROTEST" and draft.actor is None:
                protesters(draft)  # "protests against Lukashenko's re-election"
            return True
        if nonpolitical or self.metaphor_domain(draft.sentence.doc):
            return False
        if self.named_subject(draft):
            return True  # "President Museveni banned ...", "a mob lynched ...": someone acted
        if draft.trigger.type == "PROTEST":
            protesters(draft)
            return True
        if draft.trigger.acled is not None and draft.trigger.type != "ASSAULT" or \
                draft.trigger.mode in PLAIN_MODES:
            return True  # "a bomb was defused", "three men were arrested": the act is plain
        casualties = bool(draft.fatalities) or bool(draft.injuries)
        sides = any(c.dep_ == "prep" and c.lower_ == "between" for c in
                    (*draft.token.children, *draft.anchor.children))
        return draft.trigger.type == "ASSAULT" and (casualties or sides or  # "clashes between"
                                                    draft.trigger.mode in ACT_MODES or
                                                    self.names_weapon(draft))

    def names_weapon(self, draft: Draft) -> bool:
        """'a roadside bomb exploded' names its weapon; 'heating bills exploded' does not;
        'an improvised explosive device detonated' names it in its subject's modifiers."""
        if draft.token.pos_ in {"NOUN", "PROPN"}:
            return draft.trigger.mode in WEAPON_MODES or bool(self.lexicon.acled_cues(
                [t.lemma_ for t in draft.token.subtree]) & WEAPON_CUES)
        if draft.trigger.mode in WEAPON_MODES and any(
                c.lemma_.lower() in self.mode_words for c in draft.anchor.children
                if c.dep_ in {"nsubj", "nsubjpass", "dobj"}):
            return True
        heads = [c for c in draft.anchor.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        heads += [g for c in draft.anchor.children if c.dep_ in {"prep", "agent"}
                  for g in c.children if g.dep_ == "pobj"]
        if draft.anchor.dep_ == "acl":  # "an explosive device detonated" parsed as a phrase
            heads.append(draft.anchor.head)
        heads += [g for h in heads for a in h.children if a.dep_ == "acl" for g in a.subtree
                  if g.dep_ in {"dobj", "pobj"}]  # "munitions containing sarin"
        return any(self.lexicon.acled_cues([*(t.lemma_ for t in h.lefts if t.dep_ in {
            "compound", "amod", "nmod"}), h.lemma_]) & WEAPON_CUES for h in heads)

    def known_people(self, subj: Token) -> bool:
        """A common-noun subject the actor lexicon knows ('the militiamen'), or a share of
        one ('a third of the rebels', 'half of the soldiers')."""
        if subj.lemma_.lower() in SHARE_WORDS or subj.pos_ == "NUM":
            subj = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"), subj)
        return subj.pos_ == "NOUN" and (
            self.lexicon.actor_term(subj.lemma_) is not None or
            self.lexicon.actor_term(subj.lower_) is not None)

    def context_domain(self, tok: Token, draft: Draft) -> str | None:
        """The domain of a sports/business/weather word beside the trigger ('storm' itself
        does not count); a verbal word only where it frames the act ('attacked in a speech')."""
        if tok.i in draft.tokens:
            return None
        domain = self.lexicon.nonpolitical_domain(tok.lemma_.lower())
        if domain in METAPHOR_DOMAINS | {"business", "weather"} and (
                tok.pos_ in {"VERB", "AUX"} or (domain == "business" and tok.dep_ == "pobj"
                                                and tok.head.lower_ in PLACE_PREPS)):
            return None  # "match its support", "stormed the building", "a blast at a market"
        if domain != "verbal":
            return domain
        framing = draft.anchor in (tok.head, tok.head.head) and tok.head.lower_ != "to"
        return domain if framing else None

    def metaphor_domain(self, doc: Doc) -> bool:
        """The article talks sports or business somewhere: named subjects may be clubs or firms."""
        if self._domain_doc is not doc:
            from spacy.attrs import LEMMA

            self._domain_doc = doc
            lemmas = {doc.vocab.strings[h] for h in doc.to_array(LEMMA).tolist()}
            self._domain_hit = any(self.lexicon.nonpolitical_domain(lemma.lower()) in
                                   METAPHOR_DOMAINS for lemma in lemmas)
        return self._domain_hit

    def named_subject(self, draft: Draft) -> bool:
        """The event verb has a named subject the actor lexicon does not know, or a common
        noun one; for violence only people ('an angry mob'), not things ('bills exploded')."""
        if draft.anchor.pos_ not in {"VERB", "AUX"}:
            return False
        subj, passive = clause_subject(draft.anchor)
        if subj is not None and subj.pos_ == "PRON" and subj.lower_ in PERSONAL_PRONOUNS and \
                not passive and draft.trigger.type not in PHYSICAL_TYPES and \
                draft.sentence.start == 0:
            return True  # a text opening "He accused the army of ...": no one to resolve to
        if subj is None or subj.pos_ == "PRON" or (passive and draft.trigger.type == "ASSAULT"):
            return False
        if subj.pos_ == "PROPN" or subj.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
            return True  # "Aristide has been accused of ...": the named party is the target
        if passive:
            return self.known_people(subj)  # "a third of the rebels were demobilized"
        if subj.pos_ != "NOUN":
            return False
        return draft.trigger.type != "ASSAULT" or bool(
            self.lexicon.acled_cues([subj.lemma_]) & PERSON_CUES)
