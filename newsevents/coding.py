"""Sentence-level event coding on a spaCy parse: who did what to whom, where, when.

For each sentence: find triggers (lexicon verbs; nouns carried by a light verb or with their
own arguments), read factuality, actor, target, co-actors, place, date, casualties and
attribution off the dependency tree, and link retaliations inside the sentence. The drafts
of one article are then merged by `merge.to_mentions` into Mentions.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from . import agents, dating, reports, responses
from .acled_rules import EventView, acled_subtype, escalate_protests
from .acled_triggers import (
    STATES_OF_AFFAIRS,
    base_established,
    drop_looting_in_passing,
    event_happened,
    fold_territory_into_battle,
    gathered_in_protest,
    protesters_acted,
    weapon_named,
)
from .actors import ActorResolver, Discourse
from .addressees import named_countries, read_implied_targets
from .attribution import ReportingLexicon
from .casualties import CasualtyGrammar, find_casualties
from .dates import DateGrammar
from .drafts import Draft, LocalCountries, evidence_for, owner_of, token_owners
from .embedded import drop_embedded
from .entities import entities_in
from .factuality import read_factuality
from .home_country import article_countries
from .lexicon import Trigger
from .locations import PRECISION_RANK, PlaceReader, localize
from .models import Article, Country, DateRef, Party
from .parties import PARTY_PREPS, QUANTITY_NOUNS, PartyReader, clause_subject
from .political import ACT_MODES, PHYSICAL_TYPES, WEAPON_MODES, PoliticalFilter
from .trigger_rules import (
    PEACEKEEPING,
    condolences,
    expelled_party,
    forces_arrive,
    goods_given,
    halted_talks,
    hostile_demand,
    intent_to_give,
    joint_exercise,
    no_comment,
    opinion_poll,
    order_to_leave,
    peacekeeping_deployment,
    protesters_gathered,
    reported_demand,
    returned_property,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span, Token

    from .gazetteer import Gazetteer
    from .lexicon import Lexicon

__all__ = ["PRECISION_RANK", "Draft", "SentenceCoder", "article_countries", "clause_subject",
           "evidence_for", "load_mode_words", "owner_of", "token_owners"]

CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "die", "hurt"})
VICTIM_VERBS = frozenset({"die"})  # their subject is the victim
# Not light verbs, they also report; but "announced/declared a ceasefire" makes it so.
ANNOUNCING = frozenset({"announce", "unveil", "proclaim", "declare", "approve", "authorize",
                        "authorise"})
WEAPON_VERBS = frozenset({"launch", "fire"})  # events only with a weapon, or no object
GENERIC_NOUNS = STATES_OF_AFFAIRS  # "unrest", "violence": a state of affairs, no one act
GROUP_NOUNS = frozenset({"team", "mission", "delegation", "group", "contingent", "batch",
                         "unit", "detachment", "convoy", "shipment", "consignment", "load"})
WORKFORCES = frozenset({"workers", "education", "health workers", "labour unions"})  # strikers


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
        self.phrase_verbs = frozenset(t.words[0] for t in self.multiword.values()
                                      if t.pos == "VERB")
        self.phrase_nouns = frozenset(  # the head ends a phrase, or starts an 'X of Y' one
            t.words[0] if t.words[1:2] == ("of",) else t.words[-1]
            for t in self.multiword.values() if t.pos == "NOUN")
        self.mode_words = load_mode_words()
        for grammar in (CasualtyGrammar, DateGrammar, ReportingLexicon):
            grammar.load()  # compiled once here, not again in each worker forked from here
        self.parties = PartyReader(self.actors, lexicon, self.mode_words)
        self.places = PlaceReader(gazetteer, self.parties)
        self.political = PoliticalFilter(lexicon, self.mode_words)

    def lookup(self, words: str, pos: str) -> Trigger | None:
        """A trigger of one or more lemmas ("open fire", "joint drill")."""
        key = tuple(words.lower().split())
        if len(key) == 1:
            return self.lexicon.trigger(key[0], pos)
        return self.multiword.get((key, pos))

    # -- the article loop ----------------------------------------------------------------------
    def code_doc(self, doc: Doc, article: Article) -> list[Draft]:
        from spacy.attrs import IS_SPACE

        discourse = Discourse()
        context = self.places.article_context(doc)
        drafts: list[Draft] = []
        claims: list[agents.Claim] = []
        paragraph = dating.ParagraphDate(article.published)
        spaces = doc.to_array(IS_SPACE)
        for sent in doc.sents:
            if spaces[sent.start : sent.end].all():
                continue  # blank: its text would strip to nothing
            if "\n" in doc[sent.start - 1].text if sent.start > 0 else False:
                paragraph.new_paragraph()
            agents.remember_acronyms(sent, self.actors, discourse)
            claims.extend(agents.claims_in(sent, self.actors, discourse))
            drafts.extend(self.code_sentence(sent, article, discourse, context, paragraph))
        agents.credit_unnamed_acts(drafts, claims, [s.start for s in doc.sents
                                                    if not spaces[s.start : s.end].all()])
        agents.drop_own_word_targets(drafts)
        escalate_protests(drafts, self.lexicon)
        responses.link_retaliations(drafts, self.noun_type)
        responses.link_came_after(drafts, self.noun_type)
        responses.link_reactions(drafts, self.noun_type)
        read_implied_targets(drafts, context[0] if context else None, self.gazetteer,
                             lambda sent: named_countries(sent, self.actors))
        for draft in drafts:
            if draft.implied_target is not None:
                draft.implied_target = replace(draft.implied_target,
                                               text=self.naming_words(draft))
        return drafts

    def naming_words(self, draft: Draft) -> str:
        """The words of the draft's sentence that name its implied target's country, or ""
        when the story implies it without naming it there (the record claims no span)."""
        country = draft.implied_target.country if draft.implied_target is not None else None
        actor = draft.actor.text if draft.actor is not None else ""
        for ent in entities_in(draft.sentence):
            if ent.text in actor:
                continue  # "Kyrgyz" in "Kyrgyz Prime Minister" names the actor's country
            found, _ = self.actors.country_in(ent.text) if ent.label_ in {
                "GPE", "NORP", "ORG"} else (None, False)
            if found is not None and found.iso3 == country:
                return ent.text
        return ""

    def code_sentence(
        self,
        sent: Span,
        article: Article,
        discourse: Discourse,
        context: Sequence[str],
        paragraph: dating.ParagraphDate,
    ) -> list[Draft]:
        local = self.sentence_countries(sent)
        self.actors.remember_people(sent, discourse)
        drafts = [d for d in self.find_triggers(sent) if self.read_factuality(d)]
        drafts = drop_embedded(drafts)
        if not drafts:  # no fields to read: keep only what later sentences rely on
            paragraph.skip(sent)
            self.read_casualties(sent, drafts)  # a toll continues only the sentence before
            for country in local:
                discourse.saw_country(country[1])
            return []
        for draft in drafts:
            self.read_parties(draft, discourse, local)
            expelled_party(draft, self.actors, LocalCountries(discourse, local, draft.token.i))
            self.read_mode(draft)
            formal_protest(draft)
            joint_exercise(draft)
            peacekeeping_deployment(draft)
            hostile_demand(draft, self.content_type)
        self.read_places(sent, drafts, context, discourse, local)
        share_with_conjuncts(drafts, "location")
        self.read_home_country(drafts, context)
        paragraph.update(self.read_dates(sent, drafts, article.published, paragraph.current()))
        share_with_conjuncts(drafts, "date")
        self.read_casualties(sent, drafts)
        self.read_attribution(sent, drafts, discourse, local)
        self.link_responses(drafts)
        kept = [d for d in drafts if self.political.is_political(d) and not opinion_poll(d)]
        for draft in kept:
            self.read_acled(draft)
            self.place_at_home(draft, context)
            self.host_country(draft)
        kept = drop_looting_in_passing(fold_territory_into_battle(kept))
        for country in local:
            discourse.saw_country(country[1])
        for draft in kept:
            if draft.actor is not None and draft.factuality == "asserted":
                discourse.last_actor = draft.actor
                if draft.target is not None:
                    discourse.saw_dyad(draft.actor, draft.target)
        return kept

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
            if tok.lemma_.lower() in CASUALTY_VERBS and draft.anchor.i == tok.i and \
                    len(assaults) > 1 and (not own_subject or _toll_of(tok, assaults)):
                continue  # no subject of its own: "killing six", "two were killed when ..."
            kept.append(draft)
        return kept

    def verb_trigger(self, tok: Token, sent: Span) -> Draft | None:
        if tok.dep_ == "amod":
            return None
        shaped = order_to_leave(tok, sent) or reported_demand(tok, sent) or \
            forces_arrive(tok, sent)
        if shaped is not None:
            return shaped
        lemma = tok.lemma_.lower()
        if no_comment(tok) or condolences(tok):
            return None
        for words in verb_phrases(tok, self.lexicon) if self.may_head_phrase(lemma) else ():
            found = self.lookup(words, "VERB")
            if found is not None and not (words == "agree with" and any(
                    c.dep_ == "xcomp" for c in tok.children)):  # "agreed with X to hold talks"
                said = set(words.split()[1:])  # the object is part of the trigger
                covers = tuple(c.i for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}
                               and c.lemma_.lower() in said)
                return Draft(found, tok, tok, sent, reason=f"verb '{words}'", covers=covers)
        found = self.lexicon.trigger(lemma, "VERB")
        if found is None and lemma in CASUALTY_VERBS:
            return self.casualty_cause(tok, lemma, sent)  # "died of torture"
        if found is None:
            return intent_to_give(tok, sent) or base_established(tok, sent, self.lexicon) or \
                self.weapons_found(tok, lemma, sent) or \
                protesters_gathered(tok, sent, self.lexicon) or \
                returned_property(tok, sent, self.lexicon) or goods_given(tok, sent) or \
                halted_talks(tok, sent, self.object_type) or \
                event_happened(tok, sent, self.lexicon, self._noun_code, self.weapon_trigger) \
                or gathered_in_protest(tok, sent, self.lexicon) or \
                protesters_acted(tok, sent, self.lexicon)
        if lemma in WEAPON_VERBS and not self.weapon_object(tok):
            return None  # "launched a bid", "fired the governor"
        if lemma == "call" and {"oprd", "dobj"} <= {c.dep_ for c in tok.children}:
            return None  # "what Morales calls a campaign" names something, it is no call
        if lemma == "charge" and not any(c.dep_ in {"dobj", "nsubjpass"} for c in tok.children):
            if not any(c.dep_ == "ccomp" for c in tok.children):
                return None  # "charged into the crowd"
            found = replace(found, type="ACCUSE", mode="allege", cameo="112")  # "X charged that"
        walkout = self.labour_strike(tok, lemma)
        if walkout is not None:
            return Draft(walkout, tok, tok, sent, reason="workers' strike")
        if self.lexicon.is_light_verb(lemma) and any(
                self._is_trigger_noun(c) for c in tok.children
                if c.dep_ in {"dobj", "nsubjpass", "attr"}):
            return None  # "launched an offensive", "struck a deal": the noun carries the event
        event_noun = self.event_subject(tok, found)
        if event_noun is not None:  # "a missile strike hit the city", "hit by a strike"
            return Draft(self._noun_code(event_noun) or found, event_noun, tok, sent,
                         reason=f"'{event_noun.lemma_} {lemma}'")
        if lemma in CASUALTY_VERBS and self.cause_noun(tok) is not None:
            return self.casualty_cause(tok, lemma, sent)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None:
            inner = self._noun_code(obj)
            if inner is not None and inner.type == found.type:
                found = inner  # "fired missiles" -> the noun's mode
        return Draft(found, tok, tok, sent, reason=f"verb '{lemma}'")

    def may_head_phrase(self, lemma: str) -> bool:
        """False when no multi-word verb trigger starts with `lemma` and it is no trigger
        itself (most verbs): its phrases need not be built. A lemma with spaces in it, or
        none, is always tried."""
        return lemma in self.phrase_verbs or self.lexicon.trigger(lemma, "VERB") is not None \
            or len(lemma.split()) != 1 or lemma != lemma.strip()

    def may_be_noun_trigger(self, lemma: str, lower: str) -> bool:
        """False when neither form of a noun is a trigger or heads a multi-word one (most
        nouns): its modifiers need not be tried. A form with spaces in it is always tried."""
        return any(word in self.phrase_nouns or self.lexicon.trigger(word, "NOUN") is not None
                   or word.split() != [word] for word in (lemma, lower))

    def cause_noun(self, verb: Token) -> Token | None:
        return next((t for t in verb.subtree if t.i != verb.i and t.dep_ == "pobj"
                     and t.ent_type_ not in {"DATE", "TIME"}  # "on March 3" is no march
                     and self._is_trigger_noun(t)), None)

    def casualty_cause(self, verb: Token, lemma: str, sent: Span) -> Draft | None:
        """'killed three in a gunbattle', 'died of torture': the verb carries the noun's
        event (an assault only)."""
        cause = self.cause_noun(verb)
        code = self._noun_code(cause) if cause is not None else None
        if cause is None or code is None or code.type != "ASSAULT":
            return None
        if lemma in VICTIM_VERBS:  # who died is the victim, not the actor: the noun carries it
            return Draft(code, cause, cause, sent, reason=f"'{lemma} ... {cause.lemma_}'",
                         covers=(verb.i,))
        return Draft(code, verb, verb, sent, reason=f"'{lemma} in {cause.lemma_}'",
                     covers=(cause.i,))

    def weapon_trigger(self, lemma: str) -> Trigger | None:
        """A weapon word of modes.tsv ('mortar', 'rocket') as the trigger of its attack."""
        word = self.mode_words.get(lemma)
        if word is None or word.type != "ASSAULT":
            return None
        return Trigger((lemma,), "NOUN", word.type, word.mode, word.cameo, "a weapon that hit")

    def weapon_object(self, verb: Token) -> bool:
        """'fired rockets', 'launched drones', 'fired on the convoy', 'shots were fired'."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return True
        word = self.mode_words.get(obj.lemma_.lower())
        return (word is not None and word.type == "ASSAULT") or self._is_trigger_noun(obj)

    def weapons_found(self, verb: Token, lemma: str, sent: Span) -> Draft | None:
        """'Soldiers found a cache of rifles and ammunition', 'police defused two bombs':
        weapons taken out of use (ACLED Disrupted weapons use, PLOVER COERCE seize)."""
        if "disrupt" not in self.lexicon.acled_cues([lemma]):
            return None
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is None or "weapon" not in self.lexicon.acled_cues(
                [t.lemma_ for t in obj.subtree]):
            return None
        code = Trigger((lemma, obj.lemma_.lower()), "VERB", "COERCE", "seize", "1711",
                       "weapons taken out of use", "Disrupted weapons use")
        return Draft(code, verb, verb, sent, reason=f"'{lemma} {obj.lemma_}'")

    def labour_strike(self, verb: Token, lemma: str) -> Trigger | None:
        """'Teachers struck for a third day': an intransitive strike by workers is a PROTEST."""
        if lemma != "strike" or any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        term = self.lexicon.actor_term(subj.lemma_) if subj is not None else None
        if term is None or (term.sector != "LAB" and term.name not in WORKFORCES):
            return None  # sectors are folded to the gold's: teachers and medics are CVL there
        return self.lookup("go on strike", "VERB")

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

    def object_type(self, tok: Token) -> str | None:
        """The PLOVER type of a noun as a trigger ('mediation efforts' -> CONSULT), or None."""
        found = self._noun_code(tok) if tok.pos_ in {"NOUN", "PROPN"} else None
        return found.type if found is not None else None

    def content_type(self, tok: Token) -> str | None:
        """The PLOVER type of a requested act: a trigger noun ('sanctions') or verb ('rally')."""
        if tok.pos_ in {"VERB", "AUX"}:
            found = self.lexicon.trigger(tok.lemma_.lower(), "VERB")
            return found.type if found is not None else None
        return self.object_type(tok)

    def _is_trigger_noun(self, tok: Token) -> bool:
        return tok.pos_ in {"NOUN", "PROPN"} and self._noun_code(tok) is not None

    def _noun_code(self, tok: Token) -> Trigger | None:
        lemma = tok.lemma_.lower()
        if not self.may_be_noun_trigger(lemma, tok.lower_):
            return None
        for child in tok.children:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i < tok.i:
                found = self.lookup(f"{child.lemma_.lower()} {lemma}", "NOUN") or \
                    self.lookup(f"{child.lower_} {tok.lower_}", "NOUN")
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ == "of":  # "state of emergency"
                for pobj in (g for g in child.children if g.dep_ == "pobj"):
                    found = self.lookup(f"{lemma} of {pobj.lemma_.lower()}", "NOUN")
                    if found is not None:
                        return found
        return self.lexicon.trigger(lemma, "NOUN") or self.lexicon.trigger(tok.lower_, "NOUN")

    def noun_trigger(self, tok: Token, sent: Span) -> Draft | None:
        if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"}:
            return None
        if tok.ent_type_ in {"DATE", "TIME"}:
            return None  # "in late March"
        found = self._noun_code(tok)
        if found is None:
            return None
        disrupted = self.disrupted_weapon(tok, found, sent)
        if disrupted is not None:
            return disrupted
        light = self.light_verb_of(tok)
        if light is None and tok.dep_ == "dobj" and tok.head.lemma_.lower() in ANNOUNCING:
            light = tok.head  # "announced a ceasefire": the announcement makes it so
        if light is not None:
            return Draft(found, tok, light, sent, reason=f"'{light.lemma_} {tok.lemma_}'")
        if self.has_arguments(tok) or (found.type == "ASSAULT" and weapon_named(tok, self.lexicon)):
            return Draft(found, tok, tok, sent, reason=f"noun '{tok.lemma_.lower()}'")
        return None

    def disrupted_weapon(self, noun: Token, found: Trigger, sent: Span) -> Draft | None:
        """'Police found an IED and defused it': a weapon that was not used (ACLED Disrupted
        weapons use), not an attack."""
        verb = noun.head
        if found.type != "ASSAULT" or found.mode not in WEAPON_MODES or noun.dep_ not in {
                "dobj", "nsubjpass"} or verb.pos_ != "VERB" or \
                "disrupt" not in self.lexicon.acled_cues([verb.lemma_]):
            return None
        code = Trigger((verb.lemma_.lower(), noun.lemma_.lower()), "VERB", "COERCE", "seize",
                       "1711", f"{noun.lemma_} not used", "Disrupted weapons use")
        return Draft(code, verb, verb, sent, reason=f"'{verb.lemma_} {noun.lemma_}'",
                     covers=(noun.i,))

    def light_verb_of(self, noun: Token) -> Token | None:
        """The light verb that carries a nominal trigger: 'conducted strikes', 'led a series of
        strikes', 'strikes were conducted'."""
        head, dep = noun.head, noun.dep_
        if dep == "pobj" and head.dep_ == "prep" and head.lower_ == "of" and (
                head.head.lemma_.lower() in QUANTITY_NOUNS or _is_measure(head.head)):
            head, dep = head.head.head, head.head.dep_  # "5 million dollars of aid"
        if dep in {"dobj", "nsubjpass", "attr"} and head.pos_ in {"VERB", "AUX"} and \
                self.lexicon.is_light_verb(self.light_lemma(head)) and \
                not any(c.dep_ == "oprd" for c in head.children):  # "called the expulsion
            return head  # 'a hostile step'" names an act, it does not call one
        return None

    def light_lemma(self, verb: Token) -> str:
        """'carry out', 'step up' when the verb's particle makes a light verb; else the lemma."""
        lemma = verb.lemma_.lower()
        for prt in (c for c in verb.children if c.dep_ == "prt"):
            if self.lexicon.is_light_verb(f"{lemma} {prt.lower_}"):
                return f"{lemma} {prt.lower_}"
        return lemma

    def has_arguments(self, noun: Token) -> bool:
        """A bare 'the attacks' is no event; 'Iran's attack on Pakistan on Tuesday' is.
        'Unrest' and 'violence' are a state of affairs unless someone's act is named."""
        if noun.lemma_.lower() in GENERIC_NOUNS:
            return any(c.dep_ == "prep" and c.lower_ in {"by", "against"} for c in noun.children)
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
        return read_factuality(draft, self.lexicon)


    def read_mode(self, draft: Draft) -> None:
        """A modifier or instrument word narrows the mode: 'precision strikes' -> aerial.
        What was done to people (abducted, raped) stays: 'gunmen abducted' is no shooting."""
        if draft.trigger.mode in ACT_MODES:
            return
        words = [c for c in draft.token.children if c.dep_ in {"amod", "compound", "nmod"}]
        words += [c for c in draft.anchor.children if c.dep_ == "advmod"]  # "sexually assaulted"
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
                    draft.trigger.mode is None or word.i != draft.token.i):
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

    def place_at_home(self, draft: Draft, context: Sequence[str]) -> None:
        """A protest, attack or arrest with no place named happened in the article's country;
        a protest with no addressee is aimed at the government where it is held."""
        if draft.location is None and draft.trigger.type in PHYSICAL_TYPES and context:
            home = self.gazetteer.country_place(context[0])
            if home is not None:
                draft.location = home
                draft.actor = localize(draft.actor, home)
                draft.target = localize(draft.target, home)
        place = draft.location
        if draft.trigger.type == "PROTEST" and draft.target is None and place is not None and \
                place.country is not None and context and place.country == context[0] and \
                len(context) == 1:
            country = self.gazetteer.country_place(place.country)
            name = country.name if country is not None else place.country
            draft.target = Party("the government", name, place.country, "GOV")

    def host_country(self, draft: Draft) -> None:
        """Forces sent to help abroad help the government where they arrive."""
        place, actor = draft.location, draft.actor
        if draft.trigger is not PEACEKEEPING or draft.target is not None or place is None or \
                place.country is None or (actor is not None and actor.country == place.country):
            return
        country = self.gazetteer.country_place(place.country)
        name = country.name if country is not None else place.country
        draft.target = Party("the government", name, place.country, "GOV")

    def read_acled(self, draft: Draft) -> None:
        """The ACLED sub-event type from the weapon, the parties and the sentence."""
        trigger = draft.trigger
        heads = [o for c in (draft.token, draft.anchor) for o in c.children
                 if o.dep_ in {"dobj", "nsubjpass"} or (o.dep_ == "prep" and o.lower_ in {
                     "of", "on", "at", "against", "between"})]
        objects = [h.lemma_ for h in heads if h.dep_ != "prep"] + [
            t.lemma_ for h in heads for t in h.subtree]  # the object's head word first
        view = EventView(trigger.type, trigger.mode, trigger.cameo, trigger.acled, draft.actor,
                         draft.target, draft.fatalities, draft.sentence, tuple(objects),
                         draft.token.lemma_.lower())
        if trigger.type == "COERCE" and trigger.mode == "seize" and trigger.cameo == "1711" \
                and "territory" in self.lexicon.acled_cues(objects) and not trigger.acled:
            trigger = draft.trigger = replace(trigger, cameo="192")  # "seized the town"
            view = replace(view, cameo="192")
        subtype, rule = acled_subtype(view, self.lexicon)
        if subtype is not None and subtype != trigger.acled:
            draft.trigger = replace(trigger, acled=subtype)
        if rule and rule != "trigger":
            draft.reason = f"{draft.reason}; ACLED: {rule}"

    def sentence_countries(self, sent: Span) -> list[tuple[int, Country]]:
        out: list[tuple[int, Country]] = []
        for ent in entities_in(sent):
            if ent.label_ in {"GPE", "NORP"}:
                country, _ = self.actors.country_in(ent.text)
                if country is not None:
                    out.append((ent.start, country))
        return out



def _is_measure(noun: Token) -> bool:
    """'5 million dollars', '25,000 tons', '10 days', 'millions': an amount of something."""
    return noun.pos_ == "NOUN" and (any(c.dep_ == "nummod" for c in noun.children)
                                    or noun.ent_type_ in {"MONEY", "QUANTITY", "DATE"})


def _is_money(noun: Token, lexicon: Lexicon | None) -> bool:
    """'6 million euros', '$50 million': an amount of money (the lexicon's 'money')."""
    if noun.ent_type_ == "MONEY" or any(c.ent_type_ == "MONEY" for c in noun.children):
        return True
    return lexicon is not None and lexicon.is_currency(noun.lemma_) and any(
        c.dep_ in {"nummod", "quantmod"} or c.pos_ == "NUM" for c in noun.children)


def verb_phrases(tok: Token, lexicon: Lexicon | None = None) -> list[str]:
    """Multi-word readings of a verb, longest first: 'set up base', 'take to street',
    'open fire', 'call for', 'take hostage'."""
    lemma = tok.lemma_.lower()
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    objs = [c.lemma_.lower() for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    objs += [g.lemma_.lower() for c in tok.children if c.dep_ == "dobj" and (
        _is_measure(c) or c.pos_ == "NUM" or c.lemma_.lower() in GROUP_NOUNS)
        for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
        for g in p.children if g.dep_ == "pobj"]  # "700 kg of medicine", "a team of observers"
    objs += ["money" for c in tok.children  # "gave $5 million": the lexicon's 'money'
             if c.dep_ == "dobj" and _is_money(c, lexicon)]
    first_obj = min((c.i for c in tok.children if c.dep_ == "dobj"), default=len(tok.doc))
    preps = [(c.lower_, [g.lemma_.lower() for g in c.children if g.dep_ == "pobj"])
             for c in tok.children if c.dep_ == "prep" and c.i < first_obj and not any(
                 g.ent_type_ in {"DATE", "TIME"} for g in c.children)]  # not "called X on Monday"
    long = [f"{lemma} {p} {o}" for p in prts for o in objs]
    long += [f"{lemma} {p} {o}" for p, pobjs in preps for o in pobjs]
    long += [f"{lemma} {o} {p}" for o in objs for p, _ in preps]
    short = [f"{lemma} {p}" for p in prts] + [f"{lemma} {o}" for o in objs]
    return long + short + [f"{lemma} {p}" for p, _ in preps]





def share_with_conjuncts(drafts: list[Draft], field: str) -> None:
    """'arrested 22 fishermen and seized three trawlers off Delft Island on Sunday': a place
    or date told once at the end of joined verbs belongs to each of them."""
    for draft in drafts:
        if not _unset(draft, field):
            continue
        for other in drafts:
            if other is not draft and not _unset(other, field) and \
                    other.anchor.i in {c.i for c in draft.anchor.conjuncts}:
                setattr(draft, field, getattr(other, field))
                break


def _unset(draft: Draft, field: str) -> bool:
    value = getattr(draft, field)
    return value is None or (field == "date" and value.date is None)


def _toll_of(verb: Token, assaults: list[Draft]) -> bool:
    """'a drone strike that the rebels say killed 11 civilians': the killing is the strike's
    toll, told in a relative clause of the strike."""
    tok = verb
    for _ in range(3):
        if tok.dep_ == "relcl" and any(d.token.i == tok.head.i for d in assaults):
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False





def formal_protest(draft: Draft) -> None:
    """'The foreign ministry protested to the ambassador': a government's protest is a formal
    complaint (CAMEO 114, PLOVER ACCUSE), not a street demonstration."""
    actor = draft.actor
    if draft.trigger.type != "PROTEST" or actor is None or actor.sector != "GOV" or \
            draft.trigger.mode not in {None, "demo"}:
        return
    subj, _ = clause_subject(draft.anchor) if draft.anchor.pos_ in {"VERB", "AUX"} else (
        None, False)
    if subj is not None and subj.ent_type_ == "NORP" and subj.tag_ in {"NNPS", "NNS"}:
        return  # "ethnic Albanians demonstrated", "Palestinians protested": people, no state
    draft.trigger = replace(draft.trigger, type="ACCUSE", mode="allege", cameo="114", acled=None)
    draft.reason = f"{draft.reason}; a government's protest is a formal complaint"

