"""Factuality of a trigger: asserted, denied, future, or not an event at all.

Read off the clause that carries the trigger and the clauses above it: negation drops the
event, except that a negated cooperative act is a refusal ("did not accept the offer" is
REJECT, as in CAMEO 12); modal verbs and conditions make it hypothetical (dropped); "will"
and plan verbs make it future; "denied carrying out" makes it denied; an allegation's
content ("accused X of shelling") and a threat's or demand's content ("threatened to
strike") are not events of their own; readiness ("is ready to send troops") is a statement
of intent: THREATEN for a hostile act, AGREE for a cooperative one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .attribution import is_reporting_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .coding import Draft
    from .lexicon import Lexicon, Trigger

DENY_LEMMAS = frozenset({"deny", "dismiss", "refute"})
PLAN_LEMMAS = frozenset({"plan", "intend", "prepare", "expect", "aim", "schedule", "promise",
                         "pledge", "agree", "set", "hope", "seek"})  # "decided to" is the act
FAIL_LEMMAS = frozenset({"fail"})
ORDER_LEMMAS = frozenset({"order", "instruct", "direct", "command"})
# Acts of state an authority brings about by ordering them (not talk, which stays a request).
ORDERED_TYPES = frozenset({"MOBILIZE", "COERCE", "SANCTION", "RETREAT", "ASSAULT", "AID",
                           "CONCEDE"})
IMPLICATIVE_LEMMAS = frozenset({"decide", "manage", "begin", "start", "continue", "resume", "go",
                                "proceed", "try", "attempt", "keep", "help"})
SCHEDULE_ADJECTIVES = frozenset({"due", "scheduled", "set", "slated"})
INTENT_ADJECTIVES = frozenset({"ready", "prepared", "willing", "determined", "poised"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "must", "can", "ca"})
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
CONDITION_WORDS = CONDITION_MARKS | {"otherwise", "should", "unless", "lest"}
COOPERATIVE_TYPES = frozenset({"AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN",
                           "ACCUSE", "REJECT"})
CONTENT_TYPES = frozenset({"REQUEST", "THREATEN"})  # their clauses say what is wanted
WARNABLE_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"})
WARN_LEMMAS = frozenset({"warn", "threaten", "vow", "caution", "signal"})
SPECULATORS = frozenset({"analyst", "diplomat", "observer", "expert", "commentator", "source",
                         "some", "critic", "economist", "researcher"})  # speculation, no threat
WALK_DEPS = frozenset({"xcomp", "ccomp", "conj", "dobj", "pobj", "prep", "pcomp", "nsubjpass",
                       "nsubj"})
SPEAK_LEMMAS = frozenset({"speak", "talk"})
RARELY = frozenset({"rarely", "seldom", "hardly"})
# "announced it would cut off aid": an announced sanction is the decision itself (CAMEO codes
# announced sanctions as 16, not as a threat), unlike an announced attack, which is a plan
ANNOUNCE_LEMMAS = frozenset({"announce"})
ANNOUNCED_TYPES = frozenset({"SANCTION"})
MAX_STEPS = 4


def read_factuality(draft: Draft, lexicon: Lexicon) -> bool:
    """Sets draft.factuality (and may retype a refusal or an intent); False: no event."""
    tok = draft.anchor
    if _manner_of_reporting(tok):
        return False
    if _threat_with_condition(draft):
        return True
    own_tense = False  # the clause below has a finite verb of its own
    for _ in range(MAX_STEPS):
        children = [] if own_tense else list(tok.children)
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in children):
            if tok.lemma_.lower() in DENY_LEMMAS:
                draft.factuality = "asserted"
            elif tok.i == draft.anchor.i and draft.trigger.type in COOPERATIVE_TYPES and \
                    not any(c.lower_ == "never" for c in children):
                return not _asked_content(tok, lexicon) and _refusal(draft)
            else:
                return False
        if tok.i == draft.anchor.i and any(c.dep_ == "advmod" and c.lower_ in RARELY
                                       for c in children):
            return False  # "the group has met only rarely": a habit, no event
        auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
        if tok.i == draft.anchor.i and tok.dep_ == "relcl" and tok.tag_ == "VBG" and \
                auxes & {"is", "are"}:
            return False  # "the AA, which is fighting near the coast": who they are, no act
        if auxes & FUTURE_AUX or ("going" in auxes and tok.dep_ == "xcomp"):
            draft.factuality = "future"
        if auxes & {"would"} and not auxes & (HYPOTHETICAL_AUX - {"would"}) and \
                tok.dep_ == "ccomp" and not _conditional(draft):
            draft.factuality = "future"  # "said it would send troops": a reported plan
        elif auxes & HYPOTHETICAL_AUX:
            return tok.i == draft.anchor.i and _warning(draft, tok)
        if draft.factuality == "future" and _announced_decision(draft, tok):
            draft.factuality = "asserted"
        if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in children):
            return False
        if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "until"
                                       for c in children) and _unrealised(tok.head):
            return False  # "would keep attacking until he was freed": not yet, maybe never
        if auxes & {"have", "has"} and draft.trigger.type == "ASSAULT" and \
                any(t.lower_ == "since" for t in tok.subtree):
            return False  # a toll "since 2004"
        head = tok.head
        if head.i == tok.i:
            break
        if tok.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"} and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in children):
            return False  # "the right to fire", "a decision to withdraw": no act yet
        verdict = _governed(draft, tok, head, lexicon)
        if verdict is not None:
            return verdict
        if tok.dep_ not in WALK_DEPS:
            break
        # "weapons that must not fall into hostile hands and demanded ...": a past-tense
        # verb the parse joins to a modal or negated one keeps its own tense
        own_tense = tok.dep_ == "conj" and tok.tag_ == "VBD" and head.tag_ in {"VB", "VBG"}
        tok = head
    return True


def _governed(draft: Draft, tok: Token, head: Token, lexicon: Lexicon) -> bool | None:
    """What the word governing `tok` makes of the event; None: keep walking up."""
    lemma = head.lemma_.lower()
    if lemma in DENY_LEMMAS:
        draft.factuality = "denied"
        return True
    governing = governing_trigger(head, lexicon)
    if tok.dep_ == "advcl" and governing is not None and governing.type in CONTENT_TYPES and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False  # "called on both sides to allow aid in": what is asked (parsed advcl)
    if tok.dep_ in {"xcomp", "ccomp"} and head.pos_ in {"VERB", "AUX"}:
        if lemma in FAIL_LEMMAS and tok.i == draft.anchor.i and tok.dep_ == "xcomp" and \
                draft.trigger.type in COOPERATIVE_TYPES | {"CONSULT"}:
            if any(c.dep_ == "mark" and c.lower_ in CONDITION_WORDS for c in head.children):
                return False  # "if the army fails to disarm them": a condition
            return _refusal(draft, lemma)  # "failed to reach a deal": no agreement, a rebuff
        if lemma in PLAN_LEMMAS:
            draft.factuality = "future"
            return True
        if governing is not None and governing.type == "ACCUSE":
            return False  # "accused the RSF of shelling civilians": an allegation
        if tok.dep_ == "xcomp" and lemma in ORDER_LEMMAS and draft.trigger.type in ORDERED_TYPES:
            return None  # "ordered the army to deploy troops": the deployment is the event
        if governing is not None and tok.dep_ == "xcomp":
            return False  # "threatened to strike", "urged them to withdraw"
        if governing is not None and governing.type in CONTENT_TYPES:
            return False  # "demanded that the US cancel the sale": what is demanded
        if tok.dep_ == "xcomp" and lemma not in IMPLICATIVE_LEMMAS and \
                not lexicon.is_light_verb(lemma):
            return False
    if tok.dep_ == "prep" and head.pos_ in {"VERB", "AUX", "ADJ"} and tok.lower_ in {
            "of", "for"} and governing is not None and governing.type == "ACCUSE":
        return False  # "blamed Tehran for the attack": an allegation
    if tok.dep_ in {"xcomp", "ccomp"} and head.pos_ == "ADJ":
        if lemma in SCHEDULE_ADJECTIVES:
            draft.factuality = "future"  # "are due to meet in Almaty next week"
            return True
        if lemma in INTENT_ADJECTIVES and tok.i == draft.anchor.i:
            return _intent(draft, head)
        return False  # "it is rare for either country to attack"
    return None


def governing_trigger(verb: Token, lexicon: Lexicon) -> Trigger | None:
    """The trigger of a governing verb with its particle or preposition ('call on', 'call
    for' are REQUEST where 'call' alone is a phone call), else of its lemma."""
    lemma = verb.lemma_.lower()
    if verb.pos_ in {"VERB", "AUX"}:
        for child in verb.children:
            if child.dep_ in {"prt", "prep"}:
                found = lexicon.phrase_trigger(f"{lemma} {child.lower_}", "VERB")
                if found is not None:
                    return found
    return lexicon.trigger(lemma, "VERB")


def _manner_of_reporting(verb: Token) -> bool:
    """'officials, speaking on condition of anonymity, said ...', 'a spokesman, speaking from
    Washington': how a source spoke is no meeting."""
    if verb.lemma_.lower() not in SPEAK_LEMMAS or verb.tag_ != "VBG" or \
            verb.dep_ not in {"acl", "advcl"}:
        return False
    head = verb.head
    return is_reporting_verb(head.lemma_.lower()) or (
        head.dep_ in {"nsubj", "nsubjpass"} and head.head.pos_ in {"VERB", "AUX"})


def _asked_content(verb: Token, lexicon: Lexicon) -> bool:
    """'called on Washington not to ease pressure': what is asked, not a refusal by anyone."""
    if verb.dep_ not in {"xcomp", "ccomp", "advcl"}:
        return False
    governing = governing_trigger(verb.head, lexicon)
    return governing is not None and governing.type in CONTENT_TYPES


def _unrealised(verb: Token) -> bool:
    """The clause (or the one it completes) is a plan or a threat: 'will', 'would', 'vowed'."""
    for tok in (verb, verb.head if verb.dep_ == "xcomp" else verb):
        auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
        if auxes & (FUTURE_AUX | HYPOTHETICAL_AUX) or tok.lemma_.lower() in WARN_LEMMAS:
            return True
    return False


def _conditional(draft: Draft) -> bool:
    """The sentence states a condition ('if', 'unless', 'otherwise') or speculates."""
    return any(t.lower_ in CONDITION_WORDS for t in draft.sentence)


def _warning(draft: Draft, clause: Token) -> bool:
    """'Baku could suspend the talks, Hajiyev said', 'they would strike unless ...': a party's
    conditional warning is an asserted THREATEN; analysts' speculation is no event."""
    if draft.trigger.type not in WARNABLE_TYPES or clause.dep_ != "ccomp":
        return False
    speech = clause.head
    if not (is_reporting_verb(speech.lemma_.lower()) or speech.lemma_.lower() in WARN_LEMMAS):
        return False
    speaker = next((c for c in speech.children if c.dep_ == "nsubj"), None)
    if speaker is None and speech.dep_ == "conj":  # "rejected the offer and said ..."
        speaker = next((c for c in speech.head.children if c.dep_ == "nsubj"), None)
    if speaker is None or speaker.lemma_.lower() in SPECULATORS:
        return False
    act = draft.anchor.lemma_.lower()
    draft.trigger = replace(draft.trigger, type="THREATEN", mode=None, cameo="130", acled=None)
    draft.reason = f"conditional '{act}' reported by the actor's side is a warning"
    draft.factuality = "asserted"
    return True


def _threat_with_condition(draft: Draft) -> bool:
    """'Nigeria said it will withdraw its troops unless ...': a reported act made to hang on
    a condition the other side must meet is a THREATEN."""
    anchor = draft.anchor
    clauses = [anchor]
    if anchor.dep_ == "xcomp" and anchor.head.lemma_.lower() in IMPLICATIVE_LEMMAS:
        anchor = anchor.head  # "would keep attacking ... until he was freed"
        clauses.append(anchor)
    conditioned = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {
        "unless", "if", "until"} for m in c.children) for k in clauses for c in k.children)
    auxes = {c.lower_ for c in anchor.children if c.dep_ == "aux"}
    if not conditioned or not auxes & (FUTURE_AUX | HYPOTHETICAL_AUX) or \
            draft.trigger.type not in WARNABLE_TYPES | {"RETREAT"}:
        return False
    if any(c.dep_ == "neg" for c in anchor.children):
        return False
    return _warning(draft, anchor)


def _announced_decision(draft: Draft, clause: Token) -> bool:
    """'The US announced it would suspend aid': the announcement enacts the sanction."""
    return clause.i == draft.anchor.i and clause.dep_ == "ccomp" and \
        draft.trigger.type in ANNOUNCED_TYPES and \
        clause.head.lemma_.lower() in ANNOUNCE_LEMMAS and not _conditional(draft)


def _refusal(draft: Draft, negation: str = "negated") -> bool:
    """'did not accept the proposal', 'will not allow refugees in', 'failed to agree': REJECT."""
    verb = draft.anchor.lemma_.lower()
    draft.trigger = replace(draft.trigger, type="REJECT", mode=None, cameo="120", acled=None)
    draft.reason = f"{negation} '{verb}' is a refusal"
    draft.factuality = "asserted"
    return True


def _intent(draft: Draft, adjective: Token) -> bool:
    """'is ready to impose martial law' -> THREATEN; 'is willing to send aid' -> AGREE."""
    hostile = draft.trigger.type in HOSTILE_TYPES
    kind, cameo = ("THREATEN", "130") if hostile else ("AGREE", "030")
    draft.trigger = replace(draft.trigger, type=kind, mode=None, cameo=cameo, acled=None)
    draft.reason = f"'{adjective.lower_} to {draft.anchor.lemma_.lower()}' states an intent"
    clause = adjective.head if adjective.dep_ in {"acomp", "amod"} else adjective
    if clause.pos_ in {"VERB", "AUX"}:
        draft.anchor = clause  # the subject of "is ready" is the actor
    return True
