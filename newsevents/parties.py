"""Who did it to whom: the actor, target and co-actors of a draft, read off the parse.

Subjects and objects of the trigger verb (passives through the agent), the owner of an event
noun ("Iran's attack", "strikes by Pakistan"), instruments standing for their owner ("Russian
drones"), pronouns through the reporting clause ("the ministry said it struck"), territory
("on Pakistani soil") and the military a ministry reports on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from .actors import ActorResolver, Discourse, noun_phrase
from .drafts import Draft, LocalCountries
from .models import Country, Party

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .lexicon import Lexicon

QUANTITY_NOUNS = frozenset({"series", "wave", "barrage", "round", "spate", "string", "number",
                            "volley", "salvo", "campaign", "flurry", "pair", "set"})
PARTY_PREPS = {"against", "on", "at", "upon", "toward", "towards", "targeting"}
PARTNER_PREPS = {"with"}
PARTNER_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE", "SUPPORT", "AID"})
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE"})
INNER_TARGET_TYPES = frozenset({"THREATEN", "REQUEST", "AGREE"})
DENY_LEMMAS = frozenset({"deny", "dismiss", "refute"})
CROWD_NOUNS = frozenset({"crowd", "gathering", "mob"})
VICTIM_TYPES = frozenset({"ASSAULT", "COERCE"})
VICTIM_VERBS = frozenset({"kill", "injure", "wound", "hurt", "disperse", "maim"})
INSTRUMENT_NOUNS = frozenset({"gas", "cannon", "bullet", "round", "missile", "rocket", "shell",
                              "mortar", "grenade", "explosive", "bomb", "drone", "fire", "shot"})
FALLBACK_PREPS = frozenset({"at", "on", "against", "upon", "toward", "towards", "to", "of",
                            "for", "targeting"})
OWNER_PREPS = frozenset({"with", "by"})  # "talks with the ELN", "an offer by Canada"
CARRIER_PREPS = frozenset({"in", "during"})
VERBAL_TYPES = frozenset({"ACCUSE", "REQUEST", "THREATEN", "REJECT", "SUPPORT"})
STATE_SECTORS = frozenset({"GOV", "MIL", "POL"})
TIME_ENTITIES = frozenset({"DATE", "TIME"})
CROSSING_NOUNS = frozenset({"crossing", "checkpoint", "post"})  # closed or opened on a border
TERRITORY_NOUNS = frozenset({"soil", "territory", "border", "borders", "land", "airspace",
                             "waters", "side", "frontier"})


class PartyReader:
    """Reads the parties of drafts; the actor resolver, lexicon and mode words are injected."""

    def __init__(self, actors: ActorResolver, lexicon: Lexicon, mode_words: Mapping[str, object]
                 ) -> None:
        self.actors = actors
        self.lexicon = lexicon
        self.mode_words = mode_words

    def read(self, draft: Draft, discourse: Discourse, local: list[tuple[int, Country]]
             ) -> None:
        """Actor, target and co-actors of a draft, read off the parse around its trigger."""
        actor_tok, target_tok = self.party_tokens(draft)
        here = LocalCountries(discourse, local, draft.token.i)
        self.resolve_parties(draft, actor_tok, target_tok, here)
        self.fill_missing(draft, target_tok, here)

    def party_tokens(self, draft: Draft) -> tuple[Token | None, Token | None]:
        """The heads of the actor and target phrases: subject and object of the trigger verb
        (agent and subject when passive), the owner and prepositional party of an event noun."""
        verb = draft.anchor if draft.anchor.pos_ in {"VERB", "AUX"} else None
        noun = draft.token if draft.token.i != draft.anchor.i or verb is None else None
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
                if patient is None or patient.lemma_.lower() in QUANTITY_NOUNS or \
                        self.is_instrument(patient):  # "fired tear gas at protesters"
                    patient = self.prep_object(verb, draft) or patient
            if noun is None or noun in (subj, agent):
                target_tok = None if patient is not None and noun is not None and \
                    patient.i == noun.i else patient
            if noun is not None and noun in (subj, agent):
                actor_tok = None
        if actor_tok is not None and actor_tok.lemma_.lower() in self.mode_words:
            actor_tok = self.instrument_agent(actor_tok)
        if noun is not None:
            actor_tok = self.noun_actor(noun) or actor_tok
            target_tok = self.prep_object(noun, draft) or target_tok
            if target_tok is None and verb is not None:  # "held exercises with the navy"
                target_tok = self.prep_object(verb, draft, after=noun.i)
        if draft.trigger.type in INNER_TARGET_TYPES and target_tok is None and verb is not None:
            inner = next((c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}), None)
            addressee = next((c for c in inner.children if c.dep_ == "nsubj" and c.pos_ !=
                              "PRON"), None) if inner is not None and inner.dep_ == "ccomp" \
                and draft.trigger.type == "REQUEST" else None  # "demanded that Kabul hand over"
            if inner is not None:  # "threatened to take action against the US"
                target_tok = addressee or next((c for c in inner.children if c.dep_ == "dobj"),
                                               None) or self.prep_object(inner, draft)
        if actor_tok is not None and actor_tok.pos_ == "PRON" and verb is not None:
            actor_tok = reporter_subject(verb) or actor_tok
        if target_tok is not None and target_tok.pos_ == "PRON" and verb is not None and \
                draft.trigger.type in VERBAL_TYPES:  # "accusing them of": whom it expelled
            target_tok = main_clause_object(verb) or target_tok
        return actor_tok, target_tok

    def resolve_parties(self, draft: Draft, actor_tok: Token | None, target_tok: Token | None,
                        here: Discourse) -> None:
        if actor_tok is not None and actor_tok.lemma_.lower() in self.mode_words:
            draft.actor = self.instrument_owner(actor_tok, here) or \
                self.named_wielder(actor_tok, here) or \
                self.reporting_forces(draft, actor_tok, here)  # "JNIM fighters", "fighters of"
            if draft.actor is not None:  # "US and British warplanes"
                draft.co_actors = self.actors.conjuncts(actor_tok, here)
        elif actor_tok is not None:
            draft.actor = self.actors.resolve(actor_tok, here)
            draft.co_actors = self.actors.conjuncts(actor_tok, here) + \
                self.actors.pair(actor_tok, here) + self.second_subjects(actor_tok, here)
        if target_tok is not None:
            self.resolve_target(draft, target_tok, here)
        if draft.trigger.type in SYMMETRIC_TYPES and draft.target is None and draft.co_actors:
            draft.target = partner_of(draft.actor, draft.co_actors.pop(0))  # "X and Y spoke"

    def second_subjects(self, subject: Token, here: Discourse) -> list[Party]:
        """'Delegations of the army and the RSF would meet': the parse may make the second
        party a subject of its own; it acts with the first."""
        if subject.dep_ != "nsubj":
            return []
        return [p for c in subject.head.children if c.dep_ == "nsubj" and c.i > subject.i
                and (p := self.actors.resolve(c, here)) is not None]

    def resolve_target(self, draft: Draft, target_tok: Token, here: Discourse) -> None:
        if target_tok.lemma_.lower() in TERRITORY_NOUNS | CROSSING_NOUNS:
            heads = [target_tok, *(g for c in target_tok.children if c.dep_ == "prep" and
                                   c.lower_ in {"on", "along", "at"} for g in c.children
                                   if g.dep_ == "pobj")]  # "crossings on the border with X"
            neighbour = next((g for h in heads for c in h.children if c.dep_ == "prep" and
                              c.lower_ == "with" for g in c.children if g.dep_ == "pobj"), None)
            if neighbour is not None:  # "closed its border with Benin": Benin
                draft.target = self.actors.resolve(neighbour, here)
                if draft.target is not None:
                    return
            country = self.territory_country(target_tok, here)
            if country is not None:
                draft.target = Party(noun_phrase(target_tok).text, country.name, country.iso3,
                                     None)
            return
        draft.target = self.actors.resolve(target_tok, here)
        partner = draft.trigger.type in SYMMETRIC_TYPES and bool(draft.co_actors)
        if draft.target is None and not partner and (  # weaker: needs an actor or a protest
                draft.actor is not None or draft.trigger.type == "PROTEST"):
            draft.target = self.fallback_target(draft, target_tok, here)

    def fill_missing(self, draft: Draft, target_tok: Token | None, here: Discourse) -> None:
        """Parties the sentence gives only indirectly: the denier of a denied act, the subject
        of the verb an event noun hangs from, the victims, the police that reported arrests."""
        noun = draft.token if draft.token.i != draft.anchor.i or \
            draft.anchor.pos_ not in {"VERB", "AUX"} else None
        if draft.target is None and target_tok is None and draft.trigger.type not in \
                VICTIM_TYPES and (draft.actor is not None or draft.trigger.type == "PROTEST"):
            # "voiced support for the Philippines", "protested against Lukashenko's re-election"
            draft.target = self.prepositional_party(draft, here)
        if draft.target is None and draft.trigger.type in {"THREATEN", "REQUEST"}:
            draft.target = self.warned_party(draft, here)
        if draft.actor is None and draft.factuality == "denied" and noun is not None:
            draft.actor = self.denier(draft, here)
        if draft.actor is None and noun is not None:
            draft.actor = self.carrier_subject(noun, here) or self.reporter_military(noun, here)
        if draft.target is None and draft.trigger.type in VICTIM_TYPES:
            draft.target = self.victims(draft, here)
        if draft.actor is None and draft.anchor.pos_ in {"VERB", "AUX"} and \
                draft.trigger.type in {"COERCE", "MOBILIZE"}:  # "... would be deployed"
            reporter = reporter_subject(draft.anchor, joined=True)  # "Police said 84 ..."
            if reporter is not None:
                party = self.actors.resolve(reporter, here)
                if party is not None and party.sector in {"POL", "MIL", "GOV"}:
                    draft.actor = party

    def warned_party(self, draft: Draft, discourse: Discourse) -> Party | None:
        """'warned that American warships would be legitimate targets': the foreign party
        a warning is about is its target (not the actor's own army it will send)."""
        actor = draft.actor
        for clause in (c for c in draft.anchor.children if c.dep_ == "ccomp"):
            subject, _ = clause_subject(clause)
            party = self.actors.resolve(subject, discourse) if subject is not None and \
                subject.pos_ != "PRON" else None
            if party is not None and party.country and (
                    actor is None or actor.country not in {None, party.country}):
                return party
        return None

    def fallback_target(self, draft: Draft, patient: Token, discourse: Discourse
                        ) -> Party | None:
        """When the object is no party ('fired mortars at border posts', 'backed Manila's
        account', 'ordered the release of 15 fishermen', 'suspended aid to the government'),
        the party is its owner or the object of a preposition on the verb or the object."""
        owner = next((c for c in patient.children if c.dep_ == "poss" and c.pos_ != "PRON"),
                     None)
        candidates = [owner] if owner is not None else []
        for head, preps in ((patient, FALLBACK_PREPS | OWNER_PREPS),  # "talks with the ELN"
                            (draft.anchor, FALLBACK_PREPS)):
            candidates += [g for c in head.children if c.dep_ == "prep" and
                           c.lower_ in preps for g in c.children if g.dep_ == "pobj"]
        for cand in candidates:
            if cand is not None and cand is not patient:
                party = self.actors.resolve(cand, discourse)
                if party is not None:
                    return party
        return None

    def prepositional_party(self, draft: Draft, discourse: Discourse) -> Party | None:
        """A party in a prepositional phrase on the trigger or on its purpose clause ('began
        a hunger strike to protest against Sweden's decision'), or the owner of what the
        phrase names, when nothing else is the target."""
        purposes = [c for c in draft.anchor.children if c.dep_ in {"xcomp", "advcl"} and any(
            g.dep_ == "aux" and g.lower_ == "to" for g in c.children)]
        for head in dict.fromkeys((draft.token, draft.anchor, *purposes)):
            for prep in (c for c in head.children if c.dep_ == "prep" and
                         c.lower_ in FALLBACK_PREPS - {"of"}):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    owner = next((c for c in obj.children if c.dep_ == "poss"
                                  and c.pos_ != "PRON"), None)
                    party = self.actors.resolve(obj, discourse) or (
                        self.actors.resolve(owner, discourse) if owner is not None else None)
                    if party is not None and party != draft.actor:
                        return party
        return None

    def is_instrument(self, tok: Token) -> bool:
        """A weapon or means, not a party: 'tear gas', 'rockets', 'water cannon'."""
        words = {tok.lemma_.lower(), *(c.lemma_.lower() for c in tok.children
                                       if c.dep_ in {"compound", "amod"})}
        return bool(words & INSTRUMENT_NOUNS) or tok.lemma_.lower() in self.mode_words

    def reporting_forces(self, draft: Draft, instrument: Token, discourse: Discourse
                         ) -> Party | None:
        """'The army said that drones and helicopters struck': a bare instrument is the
        reporting military's own."""
        if draft.anchor.pos_ not in {"VERB", "AUX"}:
            return None
        reporter = reporter_subject(draft.anchor)
        party = self.actors.resolve(reporter, discourse) if reporter is not None else None
        if party is None or party.sector != "MIL":
            return None
        return Party(noun_phrase(instrument).text, party.name, party.country, "MIL")

    def named_wielder(self, tok: Token, discourse: Discourse) -> Party | None:
        """A mode word that names people ('fighters', 'gunmen', 'a suicide bomber') is the
        actor when its phrase names a group or a country; a bare 'drones' is nobody's."""
        party = self.actors.resolve(tok, discourse)
        if party is not None and (party.country is not None or party.sector == "REB"):
            return party
        return None

    def carrier_subject(self, noun: Token, discourse: Discourse) -> Party | None:
        """'Rebels killed nine people in a raid on a village': the raid is the rebels'."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in CARRIER_PREPS:
            return None
        verb = prep.head
        if verb.pos_ != "VERB":
            return None
        subj, passive = clause_subject(verb)
        if subj is None or passive or subj.pos_ == "PRON":
            return None
        return self.actors.resolve(subj, discourse)

    def victims(self, draft: Draft, discourse: Discourse) -> Party | None:
        """With no target named, who was hurt is: 'hit a bus station, killing 17 people',
        'attacked the town, looting shops and killing seven soldiers', 'four guards were
        killed in an attack by militants'."""
        for verb in self._victim_verbs(draft):
            subj, passive = clause_subject(verb)
            patient = subj if passive else next(
                (c for c in verb.children if c.dep_ == "dobj"), None)
            if patient is not None:
                party = self.actors.resolve(patient, discourse)
                if party is None and patient.lemma_.lower() in CROWD_NOUNS:
                    party = Party(noun_phrase(patient).text, "civilians", None, "CVL")
                if party is not None:  # "to disperse the crowd": a crowd as victim is civilians
                    return party
        return None

    @staticmethod
    def _victim_verbs(draft: Draft) -> list[Token]:
        verbs = [t for head in dict.fromkeys((draft.anchor, draft.token)) for t in head.subtree
                 if t.i != head.i and t.lemma_.lower() in VICTIM_VERBS and t.pos_ == "VERB"
                 and t.dep_ in {"advcl", "conj", "xcomp", "acl", "relcl"}]
        carrier = draft.token.head.head if draft.token.dep_ == "pobj" else None
        if carrier is not None and carrier.lemma_.lower() in VICTIM_VERBS:
            verbs.append(carrier)  # "killed in an attack by militants"
        return verbs

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
        """'Russian attack drones' are Russia's military, 'army warplanes' the army's (of the
        place where they strike); a bare 'a drone' is nobody's."""
        for child in tok.children:
            if child.dep_ in {"amod", "compound", "nmod", "poss"}:
                country = self.actors.token_country(child, discourse)
                if country is None and child.dep_ == "poss" and child.lower_ in {"its", "their"}:
                    country = self.actors.clause_owner_country(tok)  # "Naypyitaw said its jets"
                if country is not None:
                    return Party(noun_phrase(tok).text, country.name, country.iso3, "MIL")
                term = self.lexicon.actor_term(child.lemma_) if child.dep_ == "compound" \
                    else None
                if term is not None and term.kind == "sector" and term.sector in {"MIL", "POL"}:
                    return Party(noun_phrase(tok).text, term.name, None, term.sector)
        return None

    def denier(self, draft: Draft, discourse: Discourse) -> Party | None:
        """'The army denied that a drone strike had killed villagers', 'denied carrying out a
        drone strike': the act it denies is the denier's own (an act named by a noun; 'denied
        targeting civilians' denies a description, not the act)."""
        for tok in draft.anchor.ancestors:
            if tok.lemma_.lower() in DENY_LEMMAS:
                subj, passive = clause_subject(tok)
                return None if subj is None or passive else self.actors.resolve(subj, discourse)
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
            if child.dep_ in {"amod", "compound", "nmod"} and child.i < noun.i and (
                    self.actors.token_country(child, Discourse()) is not None
                    or self._names_group(child)):  # "a TTP suicide bomber", "an ADF raid"
                return child
        return None

    def _names_group(self, tok: Token) -> bool:
        if tok.pos_ != "PROPN":
            return False
        for text in (noun_phrase(tok).text, tok.doc[tok.left_edge.i : tok.i + 1].text):
            found = self.lexicon.actor_term(text)
            if found is not None and found.kind in {"group", "igo"}:
                return True
        return False

    def prep_object(self, head: Token, draft: Draft, after: int = -1) -> Token | None:
        preps = PARTY_PREPS | (PARTNER_PREPS if draft.trigger.type in PARTNER_TYPES else set())
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i > after:
                obj = next((g for g in child.children if g.dep_ == "pobj"
                            and g.ent_type_ not in TIME_ENTITIES), None)  # not "on Tuesday"
                if obj is not None:
                    return obj
        return None

    def territory_country(self, tok: Token, discourse: Discourse) -> Country | None:
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
            if tok.head.i == tok.i:
                break
        return None


def main_clause_object(verb: Token) -> Token | None:
    """'expelled two diplomats, accusing them of spying', 'declared an official persona non
    grata and gave him 72 hours': the pronoun object of a participle or a joined verb is the
    object of the clause it hangs from."""
    if verb.dep_ not in {"advcl", "conj"} or any(c.dep_ in {"nsubj", "nsubjpass"}
                                                 for c in verb.children):
        return None
    if verb.dep_ == "advcl" and verb.tag_ != "VBG":
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj" and c.pos_ != "PRON"
                 and c.i < verb.i), None)


def partner_of(actor: Party | None, partner: Party) -> Party:
    """'Congo's government and the rebels agreed': a partner with no country of its own
    (rebels, the opposition, unions) is the state actor's compatriot."""
    if partner.country or actor is None or actor.country is None or \
            actor.sector not in STATE_SECTORS or partner.sector in {None, "IGO"}:
        return partner
    return replace(partner, country=actor.country)


def reporter_subject(verb: Token, joined: bool = False) -> Token | None:
    """The subject of the reporting verb a clause hangs from: 'The ministry said it ...';
    `joined`: also of a reporting verb joined to an earlier one ('accused Rwanda of ... and
    announced that the crossings were closed')."""
    tok = verb
    for _ in range(3):
        if tok.dep_ != "ccomp" or tok.head.i == tok.i:
            tok = tok.head if tok.dep_ in {"conj", "xcomp"} else tok
            if tok.dep_ != "ccomp":
                return None
        head = tok.head
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        if subject is None and joined and head.dep_ == "conj":  # "accused X and announced"
            subject, passive = clause_subject(head)
            subject = None if passive else subject
        if subject is not None and subject.pos_ != "PRON":
            return subject
        tok = head
    return None


def clause_subject(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, is passive) of a verb, inherited through conj/xcomp/relcl, and
    through the small model's parse errors (`misparsed_subject`)."""
    tok = verb
    participle = False  # "kept the border closed, accusing ...": the keeper accuses
    for _ in range(4):
        misparsed = misparsed_subject(tok)
        if misparsed is not None:
            return misparsed, False
        for child in tok.children:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj"}:
                passive = child.dep_ == "nsubjpass" or any(
                    c.dep_ == "auxpass" for c in tok.children)
                if child.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                    return tok.head, passive
                return child, passive and tok.i == verb.i
        if tok.dep_ == "relcl":
            return tok.head, False
        if (tok.dep_ in {"conj", "xcomp", "advcl"} or (participle and tok.dep_ == "oprd")
                or _subjectless_finite(tok) or (tok.dep_ == "acomp" and tok.i != verb.i)) \
                and tok.head.i != tok.i:  # "are due to meet": through the adjective
            obj = next((c for c in tok.head.children if c.dep_ == "dobj"), None)
            if tok.dep_ == "xcomp" and obj is not None and not participle:
                return obj, False
            participle = participle or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
            tok = tok.head
            continue
        break
    return None, False



FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def misparsed_subject(verb: Token) -> Token | None:
    """Subjects the small model hangs elsewhere: 'Oman, which mediated ..., called on all
    sides' (the verb made a clause of the noun), 'On Tuesday Benin's President Patrice
    Talon called' (the subject swallowed by the date's preposition)."""
    if any(c.dep_ in {"nsubj", "nsubjpass", "csubj"} for c in verb.children):
        return None
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in {"PROPN", "NOUN"} and \
            head.i < verb.i - 1 and verb.doc[verb.i - 1].text == "," and not any(
                c.dep_ in {"agent", "auxpass"} for c in verb.children):
        return head  # the sentence has no verb of its own: this one is its predicate
    if verb.dep_ != "ROOT":
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i < verb.i):
        obj = next((g for g in prep.children if g.dep_ == "pobj"), None)
        first = verb.doc[prep.i + 1] if prep.i + 1 < verb.i else None
        if obj is not None and first is not None and first.ent_type_ in TIME_ENTITIES and \
                obj.ent_type_ not in TIME_ENTITIES and obj.pos_ in {"PROPN", "NOUN"} and \
                obj.i == verb.i - 1:
            return obj  # the phrase runs from the date up to the verb
    return None


def _subjectless_finite(verb: Token) -> bool:
    """'Church leaders said the men were farmers, accused the army of ...': a finite verb
    parsed as the content of 'said' but with no subject of its own is joined to 'said'."""
    return verb.dep_ == "ccomp" and verb.tag_ in FINITE_TAGS and not any(
        c.dep_ in {"nsubj", "nsubjpass", "csubj", "expl"} for c in verb.children) and \
        verb.head.pos_ in {"VERB", "AUX"}
