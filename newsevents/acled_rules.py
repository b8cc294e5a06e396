"""ACLED sub-event types from an event's PLOVER coding, its parties and its sentence.

The PLOVER type and mode give a default (acled.tsv); the words of the sentence refine it the
way ACLED's codebook separates its sub-event types: the weapon (air/drone strike, shelling,
remote explosive, grenade, suicide bomb, chemical weapon), who was hit (civilians -> Attack,
protesters -> Excessive force or Protest with intervention), how a protest went (peaceful,
met by the police, violent) and who took ground (the state regains, a non-state actor
overtakes). Context words are in data/acled_cues.tsv.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from .drafts import Draft
    from .lexicon import Lexicon
    from .models import Party

CIVILIAN_SECTORS = frozenset({"CVL", "REF", "MED", "EDU", "HLH", "REL", "LAB", "BUS", "NGO"})
STATE_SECTORS = frozenset({"MIL", "GOV", "POL", "SPY", "JUD", "LEG"})
NON_STATE_SECTORS = frozenset({"REB", "UAF", "CRM", "OPP"})
LETHAL_MODES = frozenset({"firearms"})  # live fire on a crowd is lethal force (ACLED codebook)
# Protesters beaten or attacked (not tear-gassed or hosed): serious violence (ACLED codebook).
BODILY_MODES = frozenset({None, "beat", "torture", "primitive"})
AGREEING_LEMMAS = frozenset({"agree", "sign", "ratify", "conclude", "reach", "seal"})
FORCE_MODES = frozenset({None, "firearms", "beat", "crowd-control"})  # on a crowd
STATE_FORCE_WORDS = frozenset({"attack", "violent", "violently"})  # said of the police too
PROTESTER_WORDS = frozenset({"protester", "protestor", "demonstrator", "marcher", "rioter",
                             "crowd", "protest", "demonstration", "rally", "march", "mourner",
                             "picketer"})
TWO_SIDED = frozenset({"clash", "fight", "fighting", "battle", "skirmish", "scuffle"})
DESTROYED_OVERRIDES = frozenset({None, "Disrupted weapons use", "Looting/property destruction"})
# ASSAULT modes whose weapon decides the sub-event type, in ACLED's order of precedence.
WEAPON_MODES = {"suicide-attack": "Suicide bomb", "aerial": "Air/drone strike",
                "drone": "Air/drone strike", "heavy-weapons": "Shelling/artillery/missile attack",
                "explosives": "Remote explosive/landmine/IED"}
LAUNCH_LEMMAS = frozenset({"fire", "launch", "lob", "hurl", "drop"})  # the weapon was used
WEAPON_CUES = (("chemical", "Chemical weapon"), ("suicide", "Suicide bomb"),
               ("grenade", "Grenade"), ("air", "Air/drone strike"),
               ("explosive", "Remote explosive/landmine/IED"),
               ("shelling", "Shelling/artillery/missile attack"))


@dataclass(frozen=True)
class EventView:
    """What the rules read of one event (kept apart from the coder's Draft)."""

    type: str
    mode: str | None
    cameo: str
    override: str | None  # the trigger's own ACLED sub-event type (triggers.tsv)
    actor: Party | None
    target: Party | None
    fatalities: int | None
    sentence: Span
    objects: tuple[str, ...] = ()  # lemmas of what the event acted on ("a cache of weapons")
    trigger: str = ""  # the trigger's lemma


def sentence_cues(view: EventView, lexicon: Lexicon) -> frozenset[str]:
    return lexicon.acled_cues(crowd_lemmas(view.sentence))


def crowd_lemmas(sentence: Span, leave_out: frozenset[str] = frozenset()) -> list[str]:
    """The sentence's lemmas but punctuation, riot gear and the words left out."""
    words = [t for t in sentence if not t.is_punct]
    lemmas = [t.lemma_ for t in words]
    if not leave_out and not any(lemma.lower() == "riot" for lemma in lemmas):
        return lemmas  # "Riot police" opens many a sentence
    return [lemma for t, lemma in zip(words, lemmas, strict=True)
            if lemma.lower() not in leave_out and not is_riot_gear(t)]


def is_riot_gear(tok: Token) -> bool:
    """'riot police', 'riot gear': the state's crowd control, no riot by the crowd."""
    return tok.lemma_.lower() == "riot" and tok.dep_ in {"compound", "amod", "nmod"} and \
        tok.head.pos_ == "NOUN"


def party_cues(party: Party | None, lexicon: Lexicon) -> frozenset[str]:
    if party is None:
        return frozenset()
    return lexicon.acled_cues([w.rstrip("s") if w.endswith("s") and len(w) > 3 else w
                               for w in party.text.lower().split()])


def is_protesters(party: Party | None) -> bool:
    if party is None:
        return False
    return any(w.rstrip("s") in PROTESTER_WORDS for w in party.text.lower().split())


def is_civilian(party: Party | None, lexicon: Lexicon) -> bool:
    if party is None:
        return False
    return party.sector in CIVILIAN_SECTORS or "civilian" in party_cues(party, lexicon)


def is_state(party: Party | None, lexicon: Lexicon) -> bool | None:
    """True for state forces, False for non-state groups, None when unknown."""
    if party is None:
        return None
    if party.sector in NON_STATE_SECTORS:
        return False
    if party.sector in STATE_SECTORS or "state_force" in party_cues(party, lexicon):
        return True
    return None


def acled_subtype(view: EventView, lexicon: Lexicon) -> tuple[str | None, str]:
    """(ACLED sub-event type or None for the acled.tsv default, the rule that fired)."""
    cues = sentence_cues(view, lexicon)
    rules = {"ASSAULT": _assault, "PROTEST": _protest, "COERCE": _coerce,
             "MOBILIZE": _mobilize, "AGREE": _agreement, "RETREAT": _retreat}
    rule = rules.get(view.type)
    if rule is None:
        return view.override, "trigger" if view.override else ""
    return rule(view, cues, lexicon)


def _assault(view: EventView, cues: frozenset[str], lexicon: Lexicon
             ) -> tuple[str | None, str]:
    if view.mode == "sexual" or ("sexual" in cues and view.mode in {None, "beat"}):
        return "Sexual violence", "sexual violence"
    if view.mode == "abduct":
        return "Abduction/forced disappearance", "abduction"
    if view.mode == "crowd-control" or is_protesters(view.target) or bool(
            PROTESTER_WORDS & set(view.objects)) or (
            "protest" in cues and view.mode in FORCE_MODES and is_state(view.actor, lexicon)):
        if protesters_violent(view, lexicon):
            return "Violent demonstration", "violent protesters met by force"
        if view.trigger in TWO_SIDED:
            return "Violent demonstration", "protesters fought"  # "clashes between ..."
        if "lethal" in cues or view.fatalities or view.mode in LETHAL_MODES:
            return "Excessive force against protesters", "lethal force against protesters"
        if view.mode in BODILY_MODES:  # protesters_violent() was ruled out above
            return "Excessive force against protesters", "protesters beaten or attacked"
        return "Protest with intervention", "force against protesters"  # tear gas, arrests
    if (view.mode in WEAPON_MODES or view.mode in {"destroy", None}) and "disposal" in cues:
        return "Disrupted weapons use", "an explosive made safe"  # "a controlled explosion"
    if view.mode in {"destroy", "heavy-weapons", "aerial", None} and "projectile" in \
            lexicon.acled_cues(view.objects[:1]) and view.override in DESTROYED_OVERRIDES \
            and view.trigger not in LAUNCH_LEMMAS:  # "fired rockets" is the attack itself
        return "Disrupted weapons use", "an incoming weapon destroyed"  # "downed two drones"
    if view.mode == "destroy" and "weapon" in lexicon.acled_cues(view.objects[:1]) and \
            view.override in DESTROYED_OVERRIDES:
        return "Disrupted weapons use", "weapons destroyed"  # "destroyed an arms cache"
    if is_protesters(view.actor) and view.mode in {None, "destroy", "primitive", "beat"}:
        return "Violent demonstration", "violent protesters"
    if view.override == "Looting/property destruction" and is_mob(view.actor, lexicon):
        return "Mob violence", "a crowd destroyed property"
    if view.override is not None and not (view.mode in WEAPON_MODES and view.override ==
                                          "Looting/property destruction"):
        return view.override, "trigger"  # but jets destroying a depot is an air strike
    if "chemical" in cues:
        return "Chemical weapon", "cue chemical"
    if "suicide" in cues:
        return "Suicide bomb", "cue suicide"
    if "mob" in cues and is_state(view.actor, lexicon) is not True:
        return "Mob violence", "cue mob"
    if view.mode in WEAPON_MODES and not (view.mode == "explosives" and "air" in cues):
        if view.mode == "explosives" and "grenade" in cues and "intervention" not in cues:
            return "Grenade", "cue grenade"
        return WEAPON_MODES[view.mode], f"mode {view.mode}"
    for cue, subtype in WEAPON_CUES:
        if cue in cues and not (cue == "grenade" and "intervention" in cues):
            return subtype, f"cue {cue}"
    if is_mob(view.actor, lexicon):  # villagers burning a house: a mob, not an armed group
        return "Mob violence", "a crowd attacked"
    if view.mode == "destroy":
        return "Looting/property destruction", "mode destroy"
    if is_civilian(view.target, lexicon) or (view.target is None and "civilian" in
                                              lexicon.acled_cues(view.objects)):
        return "Attack", "civilian target"
    return None, ""


def protesters_violent(view: EventView, lexicon: Lexicon) -> bool:
    """Stones, fires or looting beside the force used on a crowd: ACLED codes the event a
    violent demonstration (the state's attack words themselves do not count)."""
    return crowd_violent(view.sentence, lexicon, view.trigger)


def crowd_violent(sentence: Span, lexicon: Lexicon, trigger: str = "") -> bool:
    lemmas = crowd_lemmas(sentence, STATE_FORCE_WORDS | {trigger})
    return "protest_violence" in lexicon.acled_cues(lemmas)


def is_mob(party: Party | None, lexicon: Lexicon) -> bool:
    """Villagers, residents or a crowd who attack: an unorganised group (ACLED Mob violence)."""
    if party is None or is_protesters(party) or party.sector not in {None, "CVL"}:
        return False
    return bool(party_cues(party, lexicon) & {"mob", "civilian"})


def _protest(view: EventView, cues: frozenset[str], lexicon: Lexicon
             ) -> tuple[str | None, str]:
    if view.override is not None:
        return view.override, "trigger"
    state_present = "state_force" in cues or "intervention" in cues
    if "lethal" in cues and state_present and "protest_violence" not in cues:
        return "Excessive force against protesters", "lethal force against protesters"
    if view.mode == "riot" or "protest_violence" in cues:
        return "Violent demonstration", "violent protesters"
    if "intervention" in cues:
        return "Protest with intervention", "protest met by security forces"
    if "mob" in cues and "lethal" in cues:
        return "Mob violence", "cue mob"
    return "Peaceful protest", "protest"


def _coerce(view: EventView, cues: frozenset[str], lexicon: Lexicon
            ) -> tuple[str | None, str]:
    if view.mode == "arrest" and (is_protesters(view.target) or "protest" in cues):
        return "Protest with intervention", "protesters arrested"
    if view.mode == "seize" and "nonviolent" in cues and not cues & {"lethal", "combat"}:
        return "Non-violent transfer of territory", "ground taken without a fight"
    if view.mode == "seize" and view.cameo.startswith("192") or view.override in {
            "Government regains territory", "Non-state actor overtakes territory"}:
        state = is_state(view.actor, lexicon)
        if state is True:
            return "Government regains territory", "state forces took ground"
        if state is False:
            return "Non-state actor overtakes territory", "non-state group took ground"
    if view.override == "Looting/property destruction":
        if is_protesters(view.actor):
            return "Violent demonstration", "protesters looted"
        if is_mob(view.actor, lexicon):
            return "Mob violence", "a crowd looted"
    if view.override is not None:
        return view.override, "trigger"
    if view.mode == "seize" and is_civilian(view.target, lexicon) and not (
            lexicon.acled_cues(view.objects) & {"weapon", "territory"}):
        if is_state(view.actor, lexicon):
            return "Arrests", "people seized by state forces"
        return "Abduction/forced disappearance", "people seized"  # "seized three aid workers"
    if view.mode == "seize" and ("weapon" in party_cues(view.target, lexicon)
                                 or "weapon" in lexicon.acled_cues(view.objects)
                                 or ("weapon" in cues and is_state(view.actor, lexicon))):
        return "Disrupted weapons use", "weapons seized"
    return None, ""


def _mobilize(view: EventView, cues: frozenset[str], lexicon: Lexicon
              ) -> tuple[str | None, str]:
    if view.override is not None:
        return view.override, "trigger"
    if "base" in cues and view.mode in {None, "troops", "militia"}:
        return "Headquarters or base established", "cue base"
    return None, ""


def _agreement(view: EventView, cues: frozenset[str], lexicon: Lexicon
               ) -> tuple[str | None, str]:
    if view.override is not None:
        return view.override, "trigger"
    if "agreement" in cues:
        return "Agreement", "cue agreement"
    if view.trigger in AGREEING_LEMMAS:
        return "Agreement", "the parties agreed"  # not a pledge, offer or promise
    return None, ""


def _retreat(view: EventView, cues: frozenset[str], lexicon: Lexicon
             ) -> tuple[str | None, str]:
    if view.override is not None:
        return view.override, "trigger"
    if view.mode == "withdraw" and "organisation" in cues and "territory" not in cues:
        return "Change to group/activity", "withdrawal from talks or a body"
    return None, ""  # troops leaving a place hand it over: Non-violent transfer (acled.tsv)



# A demonstration is coded by its worst turn (ACLED codebook): violence by the crowd makes it a
# violent demonstration, lethal force on a peaceful crowd excessive force, any intervention
# a protest with intervention.
PROTEST_SEVERITY = ("Peaceful protest", "Protest with intervention",
                    "Excessive force against protesters", "Violent demonstration")
SAME_STORY_SENTENCES = 2  # a protest and how it went, told in the next sentence or two


def escalate_protests(drafts: Sequence[Draft], lexicon: Lexicon) -> None:
    """'Hundreds marched on Friday. The march turned violent when ...': one demonstration,
    whose sub-event type is what it turned into (the worst turn told soon after, same place)."""
    peaceful = [d for d in drafts if d.trigger.type == "PROTEST" and
                d.trigger.acled == "Peaceful protest"]
    turns = [d for d in drafts if _severity(d.trigger.acled) > 0]
    if not peaceful:
        return
    sents = list(peaceful[0].sentence.doc.sents)
    index = {s.start: i for i, s in enumerate(sents)}
    for draft in peaceful:
        here = index[draft.sentence.start]
        later = [o.trigger.acled for o in turns if _same_place(draft, o) and
                 0 <= index[o.sentence.start] - here <= SAME_STORY_SENTENCES]
        worst = max(later, key=_severity, default=None)
        if any(crowd_violent(s, lexicon) for s in sents[here:here + SAME_STORY_SENTENCES + 1]):
            worst = "Violent demonstration"  # "... Some of them threw stones at the police."
        if worst is not None:
            draft.trigger = replace(draft.trigger, acled=worst)
            draft.reason = f"{draft.reason}; ACLED: the protest turned ({worst})"


def _severity(subtype: str | None) -> int:
    return PROTEST_SEVERITY.index(subtype) if subtype in PROTEST_SEVERITY else -1


def _same_place(first: Draft, other: Draft) -> bool:
    a, b = first.location, other.location
    return a is None or b is None or (a.country == b.country and a.name == b.name)
