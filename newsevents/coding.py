"""Sentence-level event coding on a spaCy parse: who did what to whom, where, when.

For each sentence: find triggers (lexicon verbs; nouns carried by a light verb or with their
own arguments), read factuality, actor, target, co-actors, place, date, casualties and
attribution off the dependency tree, and link retaliations inside the sentence. The drafts
of one article are then merged by `merge.merge_drafts` into Mentions.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from .acled_rules import EventView, acled_subtype
from .actors import COUNTRY_ANAPHORS, ActorResolver, Discourse, noun_phrase
from .attribution import find_attributions
from .casualties import find_casualties
from .dates import find_dates
from .factuality import DENY_LEMMAS, read_factuality
from .lexicon import Trigger
from .models import Article, DateRef, Evidence, Party, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .gazetteer import Gazetteer
    from .lexicon import Lexicon

QUANTITY_NOUNS = frozenset({"series", "wave", "barrage", "round", "spate", "string", "number",
                            "volley", "salvo", "campaign", "flurry", "pair", "set"})
PARTY_PREPS = {"against", "on", "at", "upon", "toward", "towards", "targeting"}
PARTNER_PREPS = {"with"}
PARTNER_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT", "AID"})
PLACE_PREPS = frozenset({"in", "within", "inside", "near", "at", "across", "into", "outside",
                         "around", "throughout", "on", "off", "over", "along", "to"})
LOCAL_SECTORS = frozenset({"CVL", "POL", "MIL", "GOV", "OPP", "JUD", "LAB", "EDU", "BUS", "REF",
                           "MED"})
PLACE_NOUNS = frozenset({"city", "town", "village", "province", "region", "district", "state",
                         "county", "capital", "area", "oblast", "governorate", "port", "camp"})
TERRITORY_NOUNS = frozenset({"soil", "territory", "border", "borders", "land", "airspace",
                             "waters", "side", "frontier"})
MAX_SOURCE_WORDS = 8
SCORELINE = re.compile(r"\b\d{1,2} ?[-–] ?\d{1,2}\b")
ANNOUNCING = frozenset({"announce", "unveil", "proclaim"})  # not light verbs: they also report
WEAPON_VERBS = frozenset({"launch", "fire"})  # events only with a weapon, or no object
MONEY_TYPES = frozenset({"AID", "SANCTION", "AGREE", "COOPERATE"})  # money is their matter
GENERIC_NOUNS = frozenset({"unrest", "violence", "tension", "bloodshed"})
PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"})
METAPHOR_DOMAINS = frozenset({"sports", "entertainment"})
WEAPON_MODES = frozenset({"aerial", "drone", "heavy-weapons", "explosives", "suicide-attack",
                          "unconventional"})
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "THREATEN", "MOBILIZE"})
MATERIAL_TYPES = frozenset({"ASSAULT", "COERCE"})
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE"})
INNER_TARGET_TYPES = frozenset({"THREATEN", "REQUEST", "AGREE"})
CONTINUATIONS = frozenset({"hours", "minutes", "later", "shortly", "soon", "afterwards",
                           "meanwhile", "then", "that"})
CASUALTY_VERBS = frozenset({"kill", "injure", "wound", "die", "hurt"})
RETALIATION_WORDS = frozenset({"response", "retaliation", "retaliatory", "retaliate",
                               "retaliated", "revenge", "reprisal", "reprisals", "tit",
                               "retaliating", "responding", "avenge", "avenging"})
RESPONSE_CUE_WORDS = frozenset({"retaliatory", "retaliated", "retaliate", "reprisals", "tit","response", "retaliation", "revenge", "reprisal", "after",
                                "retaliating", "responding", "avenge", "avenging"})


@dataclass
class Draft:
    """An event being read off one sentence; merged into a Mention per article later."""

    trigger: Trigger
    token: Token  # the trigger word
    anchor: Token  # the clause head that carries modality: a light verb, else the trigger
    sentence: Span
    actor: Party | None = None
    target: Party | None = None
    co_actors: list[Party] = field(default_factory=list)
    location: Place | None = None
    date: DateRef = field(default_factory=lambda: DateRef(None, "unknown", None))
    fatalities: int | None = None
    injuries: int | None = None
    factuality: str = "asserted"
    attributed_to: list[str] = field(default_factory=list)
    responds_to: Draft | None = None
    answers: bool = False  # a retaliation cue ("in response", "retaliatory") owned by it
    reason: str = ""
    covers: tuple[int, ...] = ()  # further words of the trigger ("killed in a gunbattle")

    @property
    def tokens(self) -> set[int]:
        return {self.token.i, self.anchor.i, *self.covers}


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
        self._domain_doc: Doc | None = None
        self._domain_hit = False

    def lookup(self, words: str, pos: str) -> Trigger | None:
        """A trigger of one or more lemmas ("open fire", "joint drill")."""
        key = tuple(words.lower().split())
        if len(key) == 1:
            return self.lexicon.trigger(key[0], pos)
        return self.multiword.get((key, pos))

    # -- the article loop ----------------------------------------------------------------------
    def code_doc(self, doc: Doc, article: Article) -> list[Draft]:
        discourse = Discourse()
        context = article_countries(doc, self.actors)
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
        link_retaliations(drafts)
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
        for draft in kept:
            self.read_acled(draft)
            self.place_at_home(draft, context)
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
        for words in verb_phrases(tok):
            found = self.lookup(words, "VERB")
            if found is not None and not (words == "agree with" and any(
                    c.dep_ == "xcomp" for c in tok.children)):  # "agreed with X to hold talks"
                return Draft(found, tok, tok, sent, reason=f"verb '{words}'")
        found = self.lexicon.trigger(lemma, "VERB")
        if found is None:
            return self.base_established(tok, lemma, sent)
        if lemma in WEAPON_VERBS and not self.weapon_object(tok):
            return None  # "launched a bid", "fired the governor"
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
        cause = next((t for t in tok.subtree if t.i != tok.i and t.dep_ == "pobj"
                      and self._is_trigger_noun(t)), None) if lemma in CASUALTY_VERBS else None
        if cause is not None:  # "killed three in a gunbattle": the verb carries the noun's event
            code = self._noun_code(cause)
            if code is None or code.type != "ASSAULT":
                return None
            return Draft(code, tok, tok, sent, reason=f"'{lemma} in {cause.lemma_}'",
                         covers=(cause.i,))
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        if obj is not None:
            inner = self._noun_code(obj)
            if inner is not None and inner.type == found.type:
                found = inner  # "fired missiles" -> the noun's mode
        return Draft(found, tok, tok, sent, reason=f"verb '{lemma}'")

    def weapon_object(self, verb: Token) -> bool:
        """'fired rockets', 'launched drones', 'fired on the convoy', 'shots were fired'."""
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is None:
            return True
        word = self.mode_words.get(obj.lemma_.lower())
        return (word is not None and word.type == "ASSAULT") or self._is_trigger_noun(obj)

    def base_established(self, verb: Token, lemma: str, sent: Span) -> Draft | None:
        """'The militia set up a base', 'a new camp was built': ACLED Headquarters or base
        established (PLOVER MOBILIZE)."""
        if "establish" not in self.lexicon.acled_cues([lemma]):
            return None
        obj = next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if obj is None or "base" not in self.lexicon.acled_cues([obj.lemma_]):
            return None
        code = Trigger((lemma, obj.lemma_.lower()), "VERB", "MOBILIZE", "troops", "154",
                       "a base set up", "Headquarters or base established")
        return Draft(code, verb, verb, sent, reason=f"'{lemma} {obj.lemma_}'")

    def labour_strike(self, verb: Token, lemma: str) -> Trigger | None:
        """'Teachers struck for a third day': an intransitive strike by workers is a PROTEST."""
        if lemma != "strike" or any(c.dep_ in {"dobj", "nsubjpass"} for c in verb.children):
            return None
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        term = self.lexicon.actor_term(subj.lemma_) if subj is not None else None
        if term is None or term.sector not in {"LAB", "EDU", "HLH"}:
            return None
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
        if self.has_arguments(tok):
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
                self.lexicon.is_light_verb(self.light_lemma(head)):
            return head
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

    @staticmethod
    def drop_embedded(drafts: list[Draft]) -> list[Draft]:
        """'threatened to strike': keep the threat; the inner strike was dropped by factuality.
        A denial of an act is the act, denied, not a REJECT; the demand a protest is staged
        for is part of the protest. Remaining duplicates (same token) are removed."""
        seen: set[int] = set()
        out = []
        for draft in drafts:
            if draft.token.i not in seen and not _denial_of_event(draft, drafts) and \
                    not _protest_purpose(draft, drafts):
                out.append(draft)
                seen.add(draft.token.i)
        return out

    # -- parties -------------------------------------------------------------------------------
    def read_parties(self, draft: Draft, discourse: Discourse, local: list[tuple[int, object]]
                     ) -> None:
        verb = draft.anchor if draft.anchor.pos_ in {"VERB", "AUX"} else None
        noun = draft.token if draft.token is not draft.anchor or verb is None else None
        actor_tok: Token | None = None
        target_tok: Token | None = None
        if verb is not None:
            subj, passive = clause_subject(verb)
            agent = next((g for c in verb.children if c.dep_ == "agent"
                          for g in c.children if g.dep_ == "pobj"), None)
            if passive:
                actor_tok, patient = agent, subj
            else:
                actor_tok = subj
                patient = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
                if patient is None or patient.lemma_.lower() in QUANTITY_NOUNS:
                    patient = self.prep_object(verb, draft) or patient
            if noun is None or noun in (subj, agent):
                target_tok = patient if patient is not noun else None
            if noun is not None and noun in (subj, agent):
                actor_tok = None
        if actor_tok is not None and actor_tok.lemma_.lower() in self.mode_words:
            actor_tok = self.instrument_agent(actor_tok)
        if noun is not None:
            noun_actor = self.noun_actor(noun)
            actor_tok = noun_actor or actor_tok
            target_tok = self.prep_object(noun, draft) or target_tok
        if draft.trigger.type in INNER_TARGET_TYPES and target_tok is None and verb is not None:
            inner = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}), None)
            if inner is not None:  # "threatened to take action against the US"
                target_tok = next((c for c in inner.children if c.dep_ == "dobj"), None) or \
                    self.prep_object(inner, draft)
        if actor_tok is not None and actor_tok.pos_ == "PRON" and verb is not None:
            actor_tok = reporter_subject(verb) or actor_tok
        with_anaphora = LocalCountries(discourse, local, draft.token.i)
        if actor_tok is not None and actor_tok.lemma_.lower() in self.mode_words:
            draft.actor = self.instrument_owner(actor_tok, with_anaphora)
        elif actor_tok is not None:
            draft.actor = self.actors.resolve(actor_tok, with_anaphora)
            draft.co_actors = self.actors.conjuncts(actor_tok, with_anaphora) + \
                self.actors.pair(actor_tok, with_anaphora)
            if draft.trigger.type in SYMMETRIC_TYPES and target_tok is None and draft.co_actors:
                draft.target = draft.co_actors.pop(0)  # "X and Y spoke": X is actor, Y target
        if target_tok is not None:
            if target_tok.lemma_.lower() in TERRITORY_NOUNS:
                country = self._territory_country(target_tok, with_anaphora)
                if country is not None:
                    draft.target = Party(noun_phrase(target_tok).text, country.name,
                                         country.iso3, None)
            else:
                draft.target = self.actors.resolve(target_tok, with_anaphora)
        if draft.actor is None and noun is not None:
            draft.actor = self.reporter_military(noun, with_anaphora)
        if draft.actor is None and verb is not None and draft.trigger.type == "COERCE":
            reporter = reporter_subject(verb)  # "Police said 84 people were arrested"
            if reporter is not None:
                party = self.actors.resolve(reporter, with_anaphora)
                if party is not None and party.sector in {"POL", "MIL", "GOV"}:
                    draft.actor = party

    def read_mode(self, draft: Draft) -> None:
        """A modifier or instrument word narrows the mode: 'precision strikes' -> aerial."""
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
                    draft.trigger.mode is None or word is not draft.token):
                draft.trigger = replace(draft.trigger, mode=found.mode, cameo=found.cameo)
                return

    @staticmethod
    def instrument_agent(tok: Token) -> Token:
        """'Shells fired by the RSF hit ...': the actor is who fired the instrument."""
        for child in tok.children:
            if child.dep_ in {"acl", "relcl"}:
                for agent in (c for c in child.children if c.dep_ == "agent"):
                    obj = next((g for g in agent.children if g.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
        return tok

    def instrument_owner(self, tok: Token, discourse: Discourse) -> Party | None:
        """'Russian attack drones' are Russia's military; a bare 'a drone' is nobody's."""
        for child in tok.children:
            if child.dep_ in {"amod", "compound", "nmod", "poss"}:
                country = self.actors.token_country(child, discourse)
                if country is not None:
                    return Party(noun_phrase(tok).text, country.name, country.iso3, "MIL")
        return None

    def noun_actor(self, noun: Token) -> Token | None:
        """'Iran's attack', 'Pakistani strikes', 'U.S. strikes', 'the attack by Iran'."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        for child in noun.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < noun.i and \
                    self.actors.token_country(child, Discourse()) is not None:
                return child
        return None

    def prep_object(self, head: Token, draft: Draft) -> Token | None:
        preps = PARTY_PREPS | (PARTNER_PREPS if draft.trigger.type in PARTNER_TYPES else set())
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        return None

    def _territory_country(self, tok: Token, discourse: Discourse):  # type: ignore[no-untyped-def]
        for child in tok.children:
            if child.dep_ in {"poss", "amod", "compound", "nmod"}:
                country = self.actors.token_country(child, discourse)
                if country is not None:
                    return country
        return None

    def reporter_military(self, noun: Token, discourse: Discourse) -> Party | None:
        """'Pakistan's ministry announced military strikes were conducted': the strikes are
        Pakistan's. Only for nouns marked military, never for casualties reported by a victim."""
        if not any(c.lemma_.lower() in {"military", "air", "naval"} for c in noun.children
                   if c.dep_ in {"amod", "compound", "nmod"}):
            return None
        tok = noun
        for _ in range(4):
            tok = tok.head
            if tok.pos_ in {"VERB", "AUX"} and any(c.dep_ == "ccomp" for c in tok.children):
                subj, _ = clause_subject(tok)
                if subj is not None:
                    reporter = self.actors.resolve(subj, discourse)
                    if reporter is not None and reporter.country:
                        return Party(noun_phrase(noun).text, reporter.name, reporter.country,
                                     "MIL")
            if tok.head is tok:
                break
        return None

    # -- places --------------------------------------------------------------------------------
    def read_places(self, sent: Span, drafts: list[Draft], context: Sequence[str],
                    discourse: Discourse, local: list[tuple[int, object]]) -> None:
        owners = token_owners(drafts)
        unowned: list[Place] = []
        for head, place in self.place_mentions(sent, context, LocalCountries(
                discourse, local, sent.end)):
            owner = owner_of(head, owners)
            if owner is None:
                unowned.append(place)
            elif owner.location is None or _more_precise(place, owner.location):
                owner.location = place
        for draft in drafts:
            if draft.location is None and unowned:
                draft.location = unowned[0]
            if draft.location is not None:
                draft.actor = localize(draft.actor, draft.location)
                draft.target = localize(draft.target, draft.location)
                discourse.saw_place(draft.location)

    def read_home_country(self, drafts: list[Draft], context: Sequence[str]) -> None:
        """'The government', 'police', 'protesters' with no country named belong to the
        article's main country; a material event with no place happens where its target is."""
        home = context[0] if context else None
        for draft in drafts:
            if home is not None and draft.location is None:
                home_place = self.gazetteer.country_place(home)
                if home_place is not None:
                    draft.actor = localize(draft.actor, home_place)
                    draft.target = localize(draft.target, home_place)
            target = draft.target
            if draft.location is None and draft.trigger.type in MATERIAL_TYPES and \
                    target is not None and target.country and target.patron is None:
                draft.location = self.gazetteer.country_place(target.country, target.text)

    def place_mentions(self, sent: Span, context: Sequence[str], discourse: Discourse
                       ) -> Iterable[tuple[Token, Place]]:
        """Places in locative positions ('in X', 'near the city of X', 'X province'); the
        small model's entity labels are unreliable for places, so position decides and the
        gazetteer has the last word."""
        seen: set[int] = set()
        for ent in sent.ents:
            if ent.label_ in {"GPE", "LOC", "FAC"} and _is_locative(ent.root):
                span = _hyphen_extend(ent)
                place = self.gazetteer.lookup(span.text, context)
                if place is not None:
                    seen.update(range(span.start, span.end))
                    yield span.root, place
        for tok in sent:
            if tok.i in seen:
                continue
            lemma = tok.lemma_.lower()
            if lemma in PLACE_NOUNS or (tok.pos_ == "PROPN" and _is_locative(tok)):
                found = self.named_place(tok, context, discourse)
                if found is not None:
                    seen.update(range(tok.left_edge.i, tok.i + 1))
                    yield tok, found
                    continue
            if lemma in TERRITORY_NOUNS | PLACE_NOUNS and tok.dep_ in {"pobj", "dobj"} and \
                    tok.head.lower_ != "from":
                country = self._territory_country(tok, discourse)
                if country is not None:  # "on Pakistani soil", "the Yemeni port"
                    place = self.gazetteer.country_place(country.iso3, noun_phrase(tok).text)
                    if place is not None:
                        yield tok, place

    def named_place(self, tok: Token, context: Sequence[str], discourse: Discourse
                    ) -> Place | None:
        """'Sagaing region', 'Baluchistan province', 'the city of Kharkov', 'Culiacan',
        and 'the city' for the last city named."""
        doc = tok.doc
        names = [c for c in tok.lefts if c.dep_ in {"compound", "amod", "nmod"}
                 and c.pos_ == "PROPN"]
        if tok.pos_ == "PROPN":
            names.append(tok)
        if names:
            span = _hyphen_extend(doc[names[0].i : tok.i + 1])
            for text in (span.text, doc[names[0].i : names[-1].i + 1].text):
                place = self.gazetteer.lookup(text, context)
                if place is not None:
                    return place
            return None
        of = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"), None)
        if of is not None:
            return self.gazetteer.lookup(_hyphen_extend(noun_phrase(of)).text, context)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and not any(
                c.dep_ in {"prep", "amod", "poss"} for c in tok.children):
            last = discourse.last_place()
            if last is not None:
                return replace(last, text=noun_phrase(tok).text)
        return None

    # -- dates ---------------------------------------------------------------------------------
    def read_dates(self, sent: Span, drafts: list[Draft], published: date | None,
                   paragraph_date: DateRef | None) -> DateRef | None:
        owners = token_owners(drafts)
        doc = sent.doc
        unowned: list[DateRef] = []
        relative: list[tuple[Token, int, str]] = []
        for mention in find_dates(sent.text, published):
            span = doc.char_span(sent.start_char + mention.start, sent.start_char + mention.end,
                                 alignment_mode="expand")
            if span is None:
                continue
            if mention.offset_days is not None:
                relative.append((span.root, mention.offset_days, mention.text))
                continue
            owner = owner_of(span.root, owners)
            if mention.ref.date is not None:
                paragraph_date = mention.ref
            if owner is None:
                unowned.append(mention.ref)
            elif owner.date.date is None:
                owner.date = mention.ref
        first = sent[0].lower_ if len(sent) else ""
        continues = first in CONTINUATIONS or (len(sent) > 1 and sent[1].lower_ in {
            "after", "later"} and first in {"hours", "minutes", "moments", "shortly"})
        if not unowned and continues and paragraph_date is not None:
            unowned.append(paragraph_date)  # "Hours after the exchange, missiles struck ..."
        for draft in drafts:
            if draft.date.date is None and unowned:
                draft.date = unowned[0]
        for draft in drafts:
            if draft.date.date is None and draft.anchor.dep_ == "conj":
                head = owners.get(draft.anchor.head.i)
                if head is not None and head.date.date is not None:
                    draft.date = head.date
        for root, offset, text in relative:
            self.apply_offset(root, offset, text, drafts, owners, paragraph_date, published)
        for draft in drafts:
            if draft.date.date is not None and published is not None and \
                    draft.date.date > published and draft.factuality == "asserted":
                draft.factuality = "future"
        return paragraph_date

    def apply_offset(self, root: Token, offset: int, text: str, drafts: list[Draft],
                     owners: dict[int, Draft], anchor: DateRef | None, published: date | None
                     ) -> None:
        """'X two days after Y hit': Y = X - 2 days; 'a day later, X': X = anchor + 1 day."""
        words = text.lower()
        base = anchor.date if anchor is not None and anchor.date else published
        if "after" in words or "before" in words:
            clause = next((t for t in root.subtree if t.lower_ in {"after", "before"}), None)
            sub = owner_of(clause.head, owners) if clause is not None else None
            main = owner_of(root.head, owners) if root.head is not root else None
            if sub is None:
                return
            if main is not None and main is not sub and main.date.date is not None:
                base = main.date.date
            if base is not None and sub.date.date is None:
                sub.date = DateRef(base - timedelta(days=offset), "day", text)
            return
        owner = owner_of(root, owners)
        if owner is not None and base is not None and owner.date.date is None:
            owner.date = DateRef(base + timedelta(days=offset), "day", text)

    # -- casualties, attribution, responses ------------------------------------------------------
    def read_casualties(self, sent: Span, drafts: list[Draft]) -> None:
        found = find_casualties(sent.text)
        if not found.spans or not drafts:
            return
        owners = token_owners(drafts)
        doc = sent.doc
        for start, end in found.spans:
            span = doc.char_span(sent.start_char + start, sent.start_char + end,
                                 alignment_mode="expand")
            part = find_casualties(sent.text[start:end])
            owner = (owner_of(span.root, owners) if span is not None else None) or \
                next((d for d in drafts if d.trigger.type == "ASSAULT"), None)
            if owner is None:
                continue
            if part.fatalities is not None:
                owner.fatalities = max(owner.fatalities or 0, part.fatalities)
            if part.injuries is not None:
                owner.injuries = max(owner.injuries or 0, part.injuries)

    def read_attribution(self, sent: Span, drafts: list[Draft], discourse: Discourse,
                         local: list[tuple[int, object]]) -> None:
        sources: dict[str, str] = {}
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
            sources.setdefault(source.lower(), source)
        for draft in drafts:
            draft.attributed_to = list(sources.values())

    def link_responses(self, drafts: list[Draft]) -> None:
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

    def read_acled(self, draft: Draft) -> None:
        """The ACLED sub-event type from the weapon, the parties and the sentence."""
        trigger = draft.trigger
        heads = [o for c in (draft.token, draft.anchor) for o in c.children
                 if o.dep_ in {"dobj", "nsubjpass"} or (o.dep_ == "prep" and o.lower_ in {
                     "of", "on", "at", "against"})]
        objects = [h.lemma_ for h in heads if h.dep_ != "prep"] + [
            t.lemma_ for h in heads for t in h.subtree]  # the object's head word first
        view = EventView(trigger.type, trigger.mode, trigger.cameo, trigger.acled, draft.actor,
                         draft.target, draft.fatalities, draft.sentence, tuple(objects))
        if trigger.type == "COERCE" and trigger.mode == "seize" and trigger.cameo == "1711" \
                and "territory" in self.lexicon.acled_cues(objects) and not trigger.acled:
            trigger = draft.trigger = replace(trigger, cameo="192")  # "seized the town"
            view = replace(view, cameo="192")
        subtype, rule = acled_subtype(view, self.lexicon)
        if subtype is not None and subtype != trigger.acled:
            draft.trigger = replace(trigger, acled=subtype)
        if rule and rule != "trigger":
            draft.reason = f"{draft.reason}; ACLED: {rule}"

    # -- filters -------------------------------------------------------------------------------
    def is_political(self, draft: Draft) -> bool:
        """Sports and business metaphors have no political party: drop them."""
        parties = [p for p in (draft.actor, draft.target, *draft.co_actors) if p is not None]
        domains = {d for t in draft.sentence if (d := self.context_domain(t, draft))}
        if SCORELINE.search(draft.sentence.text):
            domains.add("sports")  # "beat the Tigers 30-12"
        nonpolitical = bool(domains)
        money_only = domains == {"business"} and draft.trigger.type in MONEY_TYPES
        if nonpolitical and not money_only and (draft.actor is None or not any(
                p.sector not in {None, "GOV"} for p in parties)):
            return False  # "Norway gave five million dollars of aid" is no business story
        if parties:
            return True
        if nonpolitical or self.metaphor_domain(draft.sentence.doc):
            return False
        if draft.trigger.type == "PROTEST":
            country = draft.location.country if draft.location is not None else None
            draft.actor = Party(draft.token.text, "protesters", country, "CVL")
            return True
        if draft.trigger.acled is not None and draft.trigger.type in {"COERCE", "MOBILIZE"} or \
                draft.trigger.mode == "arrest":
            return True  # "a bomb was defused", "three men were arrested": the act is plain
        casualties = bool(draft.fatalities) or bool(draft.injuries)
        return draft.trigger.type == "ASSAULT" and (casualties or (
            draft.trigger.mode in WEAPON_MODES and self.names_weapon(draft)))

    def names_weapon(self, draft: Draft) -> bool:
        """'a roadside bomb exploded' names its weapon; 'heating bills exploded' does not."""
        if draft.token.pos_ in {"NOUN", "PROPN"}:
            return True
        return any(c.lemma_.lower() in self.mode_words for c in draft.anchor.children
                   if c.dep_ in {"nsubj", "nsubjpass", "dobj"})

    def context_domain(self, tok: Token, draft: Draft) -> str | None:
        """The domain of a sports/business/weather word beside the trigger ('storm' itself
        does not count); a verbal word only where it frames the act ('attacked in a speech')."""
        if tok.i in draft.tokens:
            return None
        domain = self.lexicon.nonpolitical_domain(tok.lemma_.lower())
        if domain != "verbal":
            return domain
        framing = draft.anchor in (tok.head, tok.head.head) and tok.head.lower_ != "to"
        return domain if framing else None

    def metaphor_domain(self, doc: Doc) -> bool:
        """The article talks sports or business somewhere: named subjects may be clubs or firms."""
        if self._domain_doc is not doc:
            self._domain_doc = doc
            self._domain_hit = any(self.lexicon.nonpolitical_domain(t.lemma_.lower()) in
                                   METAPHOR_DOMAINS for t in doc)
        return self._domain_hit

    def sentence_countries(self, sent: Span) -> list[tuple[int, object]]:
        out: list[tuple[int, object]] = []
        for ent in sent.ents:
            if ent.label_ in {"GPE", "NORP"}:
                country, _ = self.actors.country_in(ent.text)
                if country is not None:
                    out.append((ent.start, country))
        return out


class LocalCountries(Discourse):
    """The discourse as it stands at one token: earlier sentences plus this one up to `i`."""

    def __init__(self, discourse: Discourse, local: list[tuple[int, object]], i: int) -> None:
        super().__init__(list(discourse.countries), discourse.groups, discourse.last_actor,
                         discourse.places)
        for j, country in local:
            if j < i:
                self.saw_country(country)  # type: ignore[arg-type]
        self._parent = discourse

    def saw_group(self, party: Party) -> None:
        self._parent.saw_group(party)
        super().saw_group(party)


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


def localize(party: Party | None, place: Place) -> Party | None:
    """Civilians, police or protesters without a country belong to where the event happened."""
    if party is None or party.country or party.patron or place.country is None or \
            party.sector not in LOCAL_SECTORS or place.precision == "water":
        return party
    return replace(party, country=place.country)


def reporter_subject(verb: Token) -> Token | None:
    """The subject of the reporting verb a clause hangs from: 'The ministry said it ...'."""
    tok = verb
    for _ in range(3):
        if tok.dep_ != "ccomp" or tok.head is tok:
            tok = tok.head if tok.dep_ in {"conj", "xcomp"} else tok
            if tok.dep_ != "ccomp":
                return None
        head = tok.head
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ != "PRON":
            return subject
        tok = head
    return None


def clause_subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, is passive) of a verb, inherited through conj/xcomp/relcl."""
    tok = verb
    for _ in range(4):
        for child in tok.children:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
                passive = child.dep_ == "nsubjpass" or any(
                    c.dep_ == "auxpass" for c in tok.children)
                if child.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                    return tok.head, passive
                return child, passive and tok is verb
        if tok.dep_ == "relcl":
            return tok.head, False
        if tok.dep_ in {"conj", "xcomp", "advcl"} and tok.head is not tok:
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            if tok.dep_ == "xcomp" and obj is not None:
                return obj, False
            tok = tok.head
            continue
        break
    return None, False


def _is_measure(noun: Token) -> bool:
    """'5 million dollars', '25,000 tons', '10 days', 'millions': an amount of something."""
    return noun.pos_ == "NOUN" and (any(c.dep_ == "nummod" for c in noun.children)
                                    or noun.ent_type_ in {"MONEY", "QUANTITY", "DATE"})


def verb_phrases(tok: Token) -> list[str]:
    """Multi-word readings of a verb, longest first: 'set up base', 'take to street',
    'open fire', 'call for', 'take hostage'."""
    lemma = tok.lemma_.lower()
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt"]
    objs = [c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"]
    objs += [g.lemma_.lower() for c in tok.children if c.dep_ == "dobj" and (
        _is_measure(c) or c.pos_ == "NUM") for p in c.children if p.dep_ == "prep"
        and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]  # "700 kg of medicine"
    first_obj = min((c.i for c in tok.children if c.dep_ == "dobj"), default=len(tok.doc))
    preps = [(c.lower_, [g.lemma_.lower() for g in c.children if g.dep_ == "pobj"])
             for c in tok.children if c.dep_ == "prep" and c.i < first_obj and not any(
                 g.ent_type_ in {"DATE", "TIME"} for g in c.children)]  # not "called X on Monday"
    long = [f"{lemma} {p} {o}" for p in prts for o in objs]
    long += [f"{lemma} {p} {o}" for p, pobjs in preps for o in pobjs]
    long += [f"{lemma} {o} {p}" for o in objs for p, _ in preps]
    short = [f"{lemma} {p}" for p in prts] + [f"{lemma} {o}" for o in objs]
    return long + short + [f"{lemma} {p}" for p, _ in preps]


def _denial_of_event(draft: Draft, drafts: list[Draft]) -> bool:
    """'The army denied carrying out a drone strike': the strike is denied, nothing rejected."""
    if draft.trigger.type != "REJECT" or draft.anchor.lemma_.lower() not in DENY_LEMMAS:
        return False
    inside = {t.i for t in draft.anchor.subtree} - {draft.anchor.i}
    return any(d.factuality == "denied" and d.anchor.i in inside for d in drafts)


def _protest_purpose(draft: Draft, drafts: list[Draft]) -> bool:
    """'blocked the highway to demand higher prices': the demand is what the protest is for;
    'called his counterpart to discuss Syria': one consultation, told twice."""
    if draft.anchor.dep_ not in {"advcl", "xcomp", "acl"} or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in draft.anchor.children):
        return False  # only infinitives of purpose, not "after militias injured troops"
    head = draft.anchor.head.i
    for other in drafts:
        if other is draft or head not in (other.anchor.i, other.token.i):
            continue
        if other.trigger.type == draft.trigger.type or (
                other.trigger.type == "PROTEST" and draft.trigger.type == "REQUEST"):
            return True
    return False


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
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def article_countries(doc: Doc, actors: ActorResolver) -> list[str]:
    """ISO3 codes of the countries an article mentions, most frequent first (gazetteer context);
    a city counts for its country ('Istanbul police')."""
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ in {"GPE", "NORP"}:
            country, _ = actors.country_in(ent.text)
            iso3 = country.iso3 if country is not None else None
            if iso3 is None and ent.label_ == "GPE":
                place = actors.gazetteer.lookup(ent.text)
                iso3 = place.country if place is not None and place.precision in {
                    "city", "admin1"} else None
            if iso3 is not None:
                counts[iso3] = counts.get(iso3, 0) + 1
    return sorted(counts, key=lambda c: -counts[c])


def _hyphen_extend(ent: Span) -> Span:
    """'Siestan-o-Baluchistan' is split by the tokenizer and NER: rejoin hyphenated names."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and \
            not doc[start - 1].whitespace_:
        start -= 2
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and \
            not doc[end].whitespace_:
        end += 2
    return doc[start:end]


def _is_locative(root: Token) -> bool:
    tok = root
    while tok.dep_ in {"compound", "amod", "nmod"} and tok.head.pos_ == "PROPN" and \
            tok.head is not tok:
        tok = tok.head
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in {"compound", "nmod"} and tok.head.lemma_.lower() in PLACE_NOUNS:
        tok = tok.head
    if tok.dep_ == "appos":
        tok = tok.head
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in PLACE_PREPS:
            return True
        if prep.lower_ == "of" and prep.head.lemma_.lower() in PLACE_NOUNS:
            return _is_locative(prep.head) or True
    if tok.dep_ in {"npadvmod"} and tok.ent_type_ in {"GPE", "LOC"}:
        return True
    return False


PRECISION_RANK = {"point": 0, "city": 1, "admin1": 2, "water": 2, "country": 3}


def _more_precise(new: Place, old: Place) -> bool:
    same_country = new.country == old.country or old.country is None
    return same_country and PRECISION_RANK.get(new.precision, 9) < PRECISION_RANK.get(
        old.precision, 9)


def _reversed_parties(later: Draft, earlier: Draft) -> bool:
    """'A bombed B after B's militias hit A': the later actor was the earlier target."""
    if later.trigger.type not in {"ASSAULT", "COERCE", "SANCTION"}:
        return False
    actor = later.actor.country if later.actor else None
    victim = earlier.target.country if earlier.target else None
    return actor is not None and actor == victim


def evidence_for(draft: Draft, article: Article) -> Evidence:
    sent = draft.sentence
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    end = sent.end_char - (len(text) - len(text.rstrip()))
    return Evidence(article.id, article.url, article.text[start:end], start, end)

