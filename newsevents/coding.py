"""Sentence-level event coding on a spaCy parse: who did what to whom, where, when.

For each sentence: find triggers (lexicon verbs; nouns carried by a light verb or with their
own arguments), read factuality, actor, target, co-actors, place, date, casualties and
attribution off the dependency tree, and link retaliations inside the sentence. The drafts
of one article are then merged by `merge.merge_drafts` into Mentions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from . import dating, reports, responses
from .actors import ActorResolver, Discourse
from .casualties import find_casualties
from .drafts import Draft, evidence_for, owner_of, token_owners
from .locations import PRECISION_RANK, PlaceReader, article_countries
from .models import Article, Country, DateRef, Party
from .parties import PARTY_PREPS, QUANTITY_NOUNS, PartyReader, clause_subject

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span, Token

    from .gazetteer import Gazetteer
    from .lexicon import Lexicon, Trigger

__all__ = ["PRECISION_RANK", "Draft", "SentenceCoder", "article_countries", "clause_subject",
           "evidence_for", "load_mode_words", "owner_of", "token_owners"]

DENY_LEMMAS = frozenset({"deny", "dismiss", "refute"})
PLAN_LEMMAS = frozenset({"plan", "intend", "prepare", "expect", "aim", "schedule", "promise",
                         "pledge", "agree", "decide", "set", "hope", "seek"})
IMPLICATIVE_LEMMAS = frozenset({"manage", "begin", "start", "continue", "resume", "go",
                                "proceed", "try", "attempt", "keep", "help"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "die", "hurt"})


@dataclass(frozen=True)
class ModeWord:
    type: str
    mode: str
    cameo: str


@cache
def load_mode_words() -> dict[str, ModeWord]:
    """data/modes.tsv: 'precision strikes' are aerial, 'drone attack' is drone, ..."""
    text = resources.files("newsevents").joinpath("data/modes.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                          delimiter="\t")
    return {r["word"]: ModeWord(r["type"], r["mode"], r["cameo"]) for r in rows}


class SentenceCoder:
    """Codes the sentences of one parsed article; lexicon and gazetteer are injected."""

    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.actors = ActorResolver(gazetteer, lexicon)
        self.multiword = {(t.words, t.pos): t for t in lexicon.multiword_triggers()}
        self.mode_words = load_mode_words()
        self.parties = PartyReader(self.actors, lexicon, self.mode_words)
        self.places = PlaceReader(gazetteer, self.parties)

    def lookup(self, words: str, pos: str) -> Trigger | None:
        """A trigger of one or more lemmas ("open fire", "joint drill")."""
        key = tuple(words.lower().split())
        if len(key) == 1:
            return self.lexicon.trigger(key[0], pos)
        return self.multiword.get((key, pos))

    # -- the article loop ----------------------------------------------------------------------
    def code_doc(self, doc: Doc, article: Article) -> list[Draft]:
        discourse = Discourse()
        context = self.places.home_countries(doc)
        drafts: list[Draft] = []
        paragraph_date: DateRef | None = None
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            if "\n" in doc[sent.start - 1].text if sent.start > 0 else False:
                paragraph_date = None
            found, paragraph_date = self.code_sentence(
                sent, article, discourse, context, paragraph_date
            )
            drafts.extend(found)
        responses.link_retaliations(drafts)
        responses.link_came_after(drafts, self.noun_type)
        responses.link_reactions(drafts, self.noun_type)
        return drafts

    def code_sentence(
        self,
        sent: Span,
        article: Article,
        discourse: Discourse,
        context: Sequence[str],
        paragraph_date: DateRef | None,
    ) -> tuple[list[Draft], DateRef | None]:
        local = self.sentence_countries(sent)
        drafts = [d for d in self.find_triggers(sent) if self.read_factuality(d)]
        drafts = self.drop_embedded(drafts)
        for draft in drafts:
            self.read_parties(draft, discourse, local)
            self.read_mode(draft)
        self.read_places(sent, drafts, context, discourse, local)
        self.read_home_country(drafts, context)
        paragraph_date = self.read_dates(sent, drafts, article.published, paragraph_date)
        self.read_casualties(sent, drafts)
        self.read_attribution(sent, drafts, discourse, local)
        self.link_responses(drafts)
        kept = [d for d in drafts if self.is_political(d)]
        for country in local:
            discourse.saw_country(country[1])
        for draft in kept:
            if draft.actor is not None and draft.factuality == "asserted":
                discourse.last_actor = draft.actor
        return kept, paragraph_date

    # -- triggers ------------------------------------------------------------------------------
    def find_triggers(self, sent: Span) -> list[Draft]:
        drafts: list[Draft] = []
        consumed: set[int] = set()
        for tok in sent:
            if tok.i in consumed:
                continue
            if tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "ADJ" and tok.dep_ == "amod"
                                               and tok.tag_ == "VBN"):
                draft = self.verb_trigger(tok, sent)
            elif tok.pos_ in {"NOUN", "PROPN"}:
                draft = self.noun_trigger(tok, sent)
            else:
                draft = None
            if draft is not None:
                drafts.append(draft)
                consumed |= draft.tokens
        return self.drop_casualty_verbs(drafts)

    @staticmethod
    def drop_casualty_verbs(drafts: list[Draft]) -> list[Draft]:
        """'hit the camp, killing six': the killing is the shelling's toll, not an event."""
        assaults = [d for d in drafts if d.trigger.type == "ASSAULT"]
        kept = []
        for draft in drafts:
            tok = draft.token
            own_subject = any(c.dep_ == "nsubj" for c in tok.children)
            if tok.lemma_.lower() in CASUALTY_VERBS and draft.anchor is tok and \
                    len(assaults) > 1 and not own_subject:
                continue  # no subject of its own: "killing six", "two were killed when ..."
            kept.append(draft)
        return kept

    def verb_trigger(self, tok: Token, sent: Span) -> Draft | None:
        if tok.dep_ == "amod":
            return None
        lemma = tok.lemma_.lower()
        for child in tok.children:
            if child.dep_ == "prt":
                found = self.lookup(f"{lemma} {child.lower_}", "VERB")
                if found is not None:
                    return Draft(found, tok, tok, sent, reason=f"verb '{lemma} {child.lower_}'")
            if child.dep_ == "dobj":
                found = self.lookup(f"{lemma} {child.lemma_.lower()}", "VERB")
                if found is not None:
                    return Draft(found, tok, tok, sent,
                                 reason=f"verb '{lemma} {child.lemma_.lower()}'")
        for child in tok.children:
            if child.dep_ == "prep":
                found = self.lookup(f"{lemma} {child.lower_}", "VERB")
                if found is not None:
                    return Draft(found, tok, tok, sent, reason=f"verb '{lemma} {child.lower_}'")
        found = self.lexicon.trigger(lemma, "VERB")
        if found is None:
            return None
        if self.lexicon.is_light_verb(lemma) and any(
                self._is_trigger_noun(c) for c in tok.children
                if c.dep_ in {"dobj", "nsubjpass", "attr"}):
            return None  # "launched an offensive", "struck a deal": the noun carries the event
        event_noun = self.event_subject(tok, found)
        if event_noun is not None:  # "a missile strike hit the city", "hit by a strike"
            return Draft(self._noun_code(event_noun) or found, event_noun, tok, sent,
                         reason=f"'{event_noun.lemma_} {lemma}'")
        if lemma in CASUALTY_VERBS and any(self._is_trigger_noun(t) for t in tok.subtree
                                           if t.i != tok.i and t.dep_ == "pobj"):
            return None  # "two were killed in the bombing": casualties of the bombing
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None:
            inner = self._noun_code(obj)
            if inner is not None and inner.type == found.type:
                found = inner  # "fired missiles" -> the noun's mode
        return Draft(found, tok, tok, sent, reason=f"verb '{lemma}'")

    def event_subject(self, verb: Token, found: Trigger) -> Token | None:
        """The event noun that is the subject or agent of an event verb of the same type."""
        candidates = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        candidates += [g for c in verb.children if c.dep_ == "agent" for g in c.children
                       if g.dep_ == "pobj"]
        for cand in candidates:
            if cand.dep_ == "nsubjpass":
                continue
            code = self._noun_code(cand) if cand.pos_ in {"NOUN", "PROPN"} else None
            if code is not None and code.type == found.type:
                return cand
        return None

    def _is_trigger_noun(self, tok: Token) -> bool:
        return tok.pos_ in {"NOUN", "PROPN"} and self._noun_code(tok) is not None

    def _noun_code(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        for child in tok.children:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i < tok.i:
                found = self.lookup(f"{child.lemma_.lower()} {lemma}", "NOUN") or \
                    self.lookup(f"{child.lower_} {tok.lower_}", "NOUN")
                if found is not None:
                    return found
        return self.lexicon.trigger(lemma, "NOUN") or self.lexicon.trigger(tok.lower_, "NOUN")

    def noun_trigger(self, tok: Token, sent: Span) -> Draft | None:
        if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"}:
            return None
        found = self._noun_code(tok)
        if found is None:
            return None
        light = self.light_verb_of(tok)
        if light is not None:
            return Draft(found, tok, light, sent, reason=f"'{light.lemma_} {tok.lemma_}'")
        if self.has_arguments(tok):
            return Draft(found, tok, tok, sent, reason=f"noun '{tok.lemma_.lower()}'")
        return None

    def light_verb_of(self, noun: Token) -> Token | None:
        """The light verb that carries a nominal trigger: 'conducted strikes', 'led a series of
        strikes', 'strikes were conducted'."""
        head, dep = noun.head, noun.dep_
        if dep == "pobj" and head.dep_ == "prep" and head.lower_ == "of" and \
                head.head.lemma_.lower() in QUANTITY_NOUNS:
            head, dep = head.head.head, head.head.dep_
        if dep in {"dobj", "nsubjpass", "attr"} and head.pos_ in {"VERB", "AUX"} and \
                self.lexicon.is_light_verb(head.lemma_.lower()):
            return head
        return None

    def has_arguments(self, noun: Token) -> bool:
        """A bare 'the attacks' is no event; 'Iran's attack on Pakistan on Tuesday' is."""
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in {"amod", "compound", "nmod"}
                                        and self.actors.token_country(child, Discourse())):
                return True
            if child.dep_ == "prep" and child.lower_ in PARTY_PREPS | {"by", "in", "within"}:
                return True
            if child.dep_ in {"relcl", "acl"} and find_casualties(
                    noun.doc[child.left_edge.i : child.right_edge.i + 1].text).spans:
                return True
            if child.ent_type_ == "DATE" or child.dep_ == "npadvmod":
                return True
        return False

    # -- factuality ----------------------------------------------------------------------------
    def read_factuality(self, draft: Draft) -> bool:
        """Sets draft.factuality; False when the event is negated or merely hypothetical."""
        tok = draft.anchor
        steps = 0
        while steps < 4:
            children = list(tok.children)
            if any(c.dep_ == "neg" for c in children) or any(
                    c.lower_ in {"never"} for c in children):
                if tok.lemma_.lower() in DENY_LEMMAS:
                    draft.factuality = "asserted"
                else:
                    return False
            auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
            if auxes & FUTURE_AUX or ("going" in auxes and tok.dep_ == "xcomp"):
                draft.factuality = "future"
            if auxes & HYPOTHETICAL_AUX:
                return False
            if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children):
                return False
            if auxes & {"have", "has"} and any(
                    t.lower_ == "since" for t in tok.subtree):  # a toll "since 2004"
                return False
            head = tok.head
            lemma = head.lemma_.lower()
            if head is tok:
                break
            if lemma in DENY_LEMMAS:
                draft.factuality = "denied"
                return True
            if tok.dep_ in {"xcomp", "ccomp"} and head.pos_ in {"VERB", "AUX"}:
                if lemma in PLAN_LEMMAS:
                    draft.factuality = "future"
                    return True
                governing = self.lexicon.trigger(lemma, "VERB")
                if governing is not None and governing.type == "ACCUSE":
                    return False  # "accused the RSF of shelling civilians": an allegation
                if governing is not None and tok.dep_ == "xcomp":
                    return False  # "threatened to strike", "urged them to withdraw"
                if tok.dep_ == "xcomp" and lemma not in IMPLICATIVE_LEMMAS and \
                        not self.lexicon.is_light_verb(lemma):
                    return False
            if tok.dep_ == "prep" and head.pos_ in {"VERB", "AUX", "ADJ"} and tok.lower_ in {
                    "of", "for"}:
                governing = self.lexicon.trigger(lemma, "VERB")
                if governing is not None and governing.type == "ACCUSE":
                    return False  # "blamed Tehran for the attack": an allegation
            if tok.dep_ in {"xcomp", "ccomp"} and head.pos_ == "ADJ":
                return False  # "it is rare for either country to attack"
            if tok.dep_ not in {"xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "pcomp",
                                "nsubjpass", "nsubj"}:
                break
            tok = head
            steps += 1
        return True

    @staticmethod
    def drop_embedded(drafts: list[Draft]) -> list[Draft]:
        """'threatened to strike': keep the threat; the inner strike was dropped by factuality.
        Remaining duplicates (same token) are removed."""
        seen: set[int] = set()
        out = []
        for draft in drafts:
            if draft.token.i not in seen:
                out.append(draft)
                seen.add(draft.token.i)
        return out

    def read_mode(self, draft: Draft) -> None:
        """A modifier or instrument word narrows the mode: 'precision strikes' -> aerial."""
        words = [c for c in draft.token.children if c.dep_ in {"amod", "compound", "nmod"}]
        for tok in {draft.token, draft.anchor}:
            for child in tok.children:
                if child.dep_ in {"nsubj", "dobj", "pobj", "prep"}:
                    for word in (child, *(g for g in child.children if g.dep_ == "pobj")):
                        words.extend(c for c in word.children
                                     if c.dep_ in {"amod", "compound", "nmod"})
                        words.append(word)
        words.append(draft.token)
        for word in words:
            found = self.mode_words.get(word.lemma_.lower())
            if found is not None and found.type == draft.trigger.type and (
                    draft.trigger.mode is None or word is not draft.token):
                draft.trigger = replace(draft.trigger, mode=found.mode, cameo=found.cameo)
                return

    # -- the field readers (parties, places, dates, casualties, sources, responses) -----------
    def read_parties(self, draft: Draft, discourse: Discourse, local: list[tuple[int, Country]]
                     ) -> None:
        self.parties.read(draft, discourse, local)

    def read_places(self, sent: Span, drafts: list[Draft], context: Sequence[str],
                    discourse: Discourse, local: list[tuple[int, Country]]) -> None:
        self.places.read_places(sent, drafts, context, discourse, local)

    def read_home_country(self, drafts: list[Draft], context: Sequence[str]) -> None:
        self.places.read_home_country(drafts, context)

    def read_dates(self, sent: Span, drafts: list[Draft], published: date | None,
                   paragraph_date: DateRef | None) -> DateRef | None:
        return dating.read_dates(sent, drafts, published, paragraph_date)

    def read_casualties(self, sent: Span, drafts: list[Draft]) -> None:
        reports.read_casualties(sent, drafts)

    def read_attribution(self, sent: Span, drafts: list[Draft], discourse: Discourse,
                         local: list[tuple[int, Country]]) -> None:
        reports.read_attribution(sent, drafts, discourse, local)

    def link_responses(self, drafts: list[Draft]) -> None:
        responses.link_responses(drafts)

    def noun_type(self, lemma: str) -> str | None:
        found = self.lexicon.trigger(lemma, "NOUN")
        return found.type if found is not None else None

    # -- filters -------------------------------------------------------------------------------
    def is_political(self, draft: Draft) -> bool:
        """Sports and business metaphors have no political party: drop them."""
        parties = [p for p in (draft.actor, draft.target, *draft.co_actors) if p is not None]
        nonpolitical = any(self.lexicon.nonpolitical_domain(t.lemma_.lower())
                           for t in draft.sentence)
        if nonpolitical and (draft.actor is None or not any(
                p.sector not in {None, "GOV"} for p in parties)):
            return False
        if parties:
            return True
        if draft.trigger.type == "PROTEST" and draft.location is not None:
            draft.actor = Party(draft.token.text, "protesters", draft.location.country, "CVL")
            return True
        return draft.trigger.type == "ASSAULT" and draft.location is not None and (
            bool(draft.fatalities) or bool(draft.injuries))  # a deadly bombing by nobody named

    def sentence_countries(self, sent: Span) -> list[tuple[int, Country]]:
        out: list[tuple[int, Country]] = []
        for ent in sent.ents:
            if ent.label_ in {"GPE", "NORP"}:
                country, _ = self.actors.country_in(ent.text)
                if country is not None:
                    out.append((ent.start, country))
        return out
