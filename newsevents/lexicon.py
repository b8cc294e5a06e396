"""Event-coding lexicons: what words mean in PLOVER, CAMEO and ACLED, and who the actors are.

The vocabularies are TSV files in `newsevents/data/` (a `#` line naming source and license,
then a header row; further `#` lines are section comments):

    triggers.tsv      lemma(s) + POS -> default PLOVER type/mode, CAMEO code, ACLED override
    light_verbs.tsv   verbs whose object is the event ("carried out strikes")
    cameo.tsv         CAMEO code -> Goldstein value, QuadClass, PLOVER type/mode/context
    plover_scores.tsv PLOVER type + mode -> conflict/cooperation score (also the valid modes)
    acled.tsv         PLOVER type + mode (+ CAMEO prefix) -> ACLED event and sub-event type
    acled_types.tsv   the ACLED event types and their sub-event types
    actors.tsv        sector nouns, named groups, IGOs, news media
    nonpolitical.tsv  context words of sports, business, weather ... next to violent verbs
    acled_cues.tsv    context words that refine the ACLED sub-event type (grenade, tear gas ...)
    currencies.tsv    currency nouns: a counted one is an amount of money

`Lexicon.load()` reads them once per process; `Lexicon.from_directory()` reads another copy.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from .models import PLOVER_TYPES, EventCode

TRIGGER_POS = ("VERB", "NOUN")
SUBJECT_ROLES = ("actor", "target", "mediator")
ACTOR_KINDS = ("sector", "group", "igo", "media")
SECTORS = (
    "GOV", "MIL", "POL", "SPY", "LEG", "JUD", "REB", "UAF", "CRM", "OPP", "CVL", "REF", "MED",
    "EDU", "LAB", "BUS", "HLH", "NGO", "REL", "IGO",
)
COLUMNS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "triggers.tsv": ("words", "pos", "type", "mode", "cameo", "acled", "note"),
    "light_verbs.tsv": ("words", "subject_role", "note"),
    "cameo.tsv": ("cameo", "description", "goldstein", "quad_class", "plover_type",
                  "plover_mode", "plover_context", "note"),
    "plover_scores.tsv": ("type", "mode", "score", "note"),
    "acled.tsv": ("type", "mode", "cameo", "event_type", "sub_event_type", "note"),
    "acled_types.tsv": ("event_type", "sub_event_type"),
    "actors.tsv": ("words", "name", "country", "sector", "kind", "note"),
    "nonpolitical.tsv": ("words", "domain"),
    "acled_cues.tsv": ("words", "cue", "note"),
    "currencies.tsv": ("word", "note"),
})
_FILES = tuple(COLUMNS)
ACTOR_KEY_CACHE_SIZE = 8_192  # frequent words stay, memory stays small
_POSSESSIVE = re.compile(r"['’]s\b")
_DROPPED = re.compile(r"['’.]")
_SEPARATORS = re.compile(r"[-–—/]")


@dataclass(frozen=True)
class Trigger:
    """A word (or words) that evokes an event, with its default coding."""

    words: tuple[str, ...]
    pos: str  # VERB or NOUN: the part of speech of the head (first word of a VERB entry)
    type: str
    mode: str | None
    cameo: str
    note: str
    acled: str | None = None  # ACLED sub-event type that overrides acled.tsv


@dataclass(frozen=True)
class LightVerb:
    """A verb whose object carries the event: "launched an offensive", "came under attack"."""

    words: tuple[str, ...]
    subject_role: str  # what the verb's subject is to the event: actor, target or mediator
    note: str


@dataclass(frozen=True)
class ActorTerm:
    words: tuple[str, ...]
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    sector: str | None
    kind: str  # sector, group (incl. state institutions), igo (incl. international NGOs), media
    note: str = ""


@dataclass(frozen=True)
class CameoCode:
    code: str
    description: str
    goldstein: float
    quad_class: int
    plover_type: str | None  # None for the CAMEO statement and appeal codes PLOVER dropped
    plover_mode: str | None
    plover_context: tuple[str, ...]


@dataclass(frozen=True)
class AcledRule:
    """One row of acled.tsv; empty mode or cameo match anything."""

    type: str
    mode: str
    cameo: str
    event_type: str | None
    sub_event_type: str | None

    def matches(self, type_: str, mode: str | None, cameo: str) -> bool:
        return (self.type == type_ and self.mode in ("", mode or "")
                and cameo.startswith(self.cameo))

    def specificity(self) -> tuple[bool, int]:
        return (self.mode != "", len(self.cameo))


@lru_cache(maxsize=ACTOR_KEY_CACHE_SIZE)  # a pure function, asked for every word of a story
def actor_key(text: str) -> str:
    """Fold case, accents, possessives, dots, hyphens and 'the': "the U.N.'s" -> "un"."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _SEPARATORS.sub(" ", _DROPPED.sub("", _POSSESSIVE.sub("", folded)))
    return " ".join(w for w in folded.split() if w != "the")


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.lower().split())


def read_table(text: str, source: str, columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of a lexicon TSV as dicts; `#` lines and blank lines are skipped."""
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.startswith("#")]
    if not lines or lines[0][1].split("\t") != list(columns):
        raise ValueError(f"{source}: header must be {'<TAB>'.join(columns)}")
    rows = []
    for number, line in lines[1:]:
        cells = line.split("\t")
        if len(cells) != len(columns):
            raise ValueError(f"{source}:{number}: {len(cells)} columns, expected {len(columns)}")
        rows.append(dict(zip(columns, (c.strip() for c in cells), strict=True)))
    return rows


def _triggers(rows: Iterable[dict[str, str]]) -> tuple[Trigger, ...]:
    return tuple(Trigger(_words(r["words"]), r["pos"], r["type"], r["mode"] or None, r["cameo"],
                         r["note"], r["acled"] or None) for r in rows)


def _light_verbs(rows: Iterable[dict[str, str]]) -> tuple[LightVerb, ...]:
    return tuple(LightVerb(_words(r["words"]), r["subject_role"], r["note"]) for r in rows)


def _cameo(rows: Iterable[dict[str, str]]) -> dict[str, CameoCode]:
    return {r["cameo"]: CameoCode(
        r["cameo"], r["description"], float(r["goldstein"]), int(r["quad_class"]),
        r["plover_type"] or None, r["plover_mode"] or None,
        tuple(c.strip() for c in r["plover_context"].split(";") if c.strip()),
    ) for r in rows}


def _actors(rows: Iterable[dict[str, str]]) -> tuple[ActorTerm, ...]:
    return tuple(ActorTerm(_words(r["words"]), r["name"], r["country"] or None,
                           r["sector"] or None, r["kind"], r["note"]) for r in rows)


class Lexicon:
    """All coding vocabularies, indexed for the coder's look-ups."""

    def __init__(self, tables: dict[str, list[dict[str, str]]]) -> None:
        self._triggers = _triggers(tables["triggers.tsv"])
        self._light_verbs = _light_verbs(tables["light_verbs.tsv"])
        self._cameo = _cameo(tables["cameo.tsv"])
        self._scores = {(r["type"], r["mode"]): float(r["score"])
                        for r in tables["plover_scores.tsv"]}
        self._acled_rules = tuple(
            AcledRule(r["type"], r["mode"], r["cameo"], r["event_type"] or None,
                      r["sub_event_type"] or None) for r in tables["acled.tsv"])
        self._acled_types = {r["sub_event_type"]: r["event_type"]
                             for r in tables["acled_types.tsv"]}
        self._actors = _actors(tables["actors.tsv"])
        self._nonpolitical = {actor_key(r["words"]): r["domain"]
                              for r in tables["nonpolitical.tsv"]}
        self._acled_cues: dict[tuple[str, ...], set[str]] = {}
        for r in tables["acled_cues.tsv"]:
            self._acled_cues.setdefault(_words(r["words"]), set()).add(r["cue"])
        self._currencies = frozenset(r["word"].lower() for r in tables["currencies.tsv"])
        self._single = {(t.words[0], t.pos): t for t in self._triggers if len(t.words) == 1}
        self._phrases = {(t.words, t.pos): t for t in self._triggers if len(t.words) > 1}
        self._light_index = {v.words: v for v in self._light_verbs}
        self._actor_index: dict[str, ActorTerm] = {}
        for term in self._actors:
            self._actor_index.setdefault(actor_key(" ".join(term.words)), term)

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def load(cls) -> Lexicon:
        """The lexicon shipped in the package, read once per process."""
        return _packaged()

    @classmethod
    def from_directory(cls, directory: Path) -> Lexicon:
        """A lexicon read from another directory holding the same files (tests, experiments)."""
        return cls.from_texts({name: (directory / name).read_text(encoding="utf-8")
                               for name in _FILES})

    @classmethod
    def from_texts(cls, texts: dict[str, str]) -> Lexicon:
        return cls({name: read_table(texts[name], name, COLUMNS[name]) for name in _FILES})

    # -- triggers -----------------------------------------------------------------------------
    def triggers(self) -> Sequence[Trigger]:
        return self._triggers

    def trigger(self, lemma: str, pos: str) -> Trigger | None:
        """The single-word trigger for a lemma and coarse POS (PROPN counts as NOUN)."""
        pos = "NOUN" if pos == "PROPN" else pos
        return self._single.get((lemma.lower(), pos))

    def phrase_trigger(self, words: str, pos: str) -> Trigger | None:
        """The trigger of a space-separated phrase of lemmas ("call on", "open fire")."""
        key = tuple(words.lower().split())
        if len(key) == 1:
            return self.trigger(key[0], pos)
        return self._phrases.get((key, "NOUN" if pos == "PROPN" else pos))

    def multiword_triggers(self) -> Sequence[Trigger]:
        """Entries of two or more lemmas, for a spaCy PhraseMatcher on LEMMA or a Matcher."""
        return tuple(t for t in self._triggers if len(t.words) > 1)

    # -- light verbs --------------------------------------------------------------------------
    def light_verb(self, lemma: str) -> LightVerb | None:
        """The light-verb entry for a lemma or a space-separated verb + particle ("carry out")."""
        return self._light_index.get(_words(lemma))

    def is_light_verb(self, lemma: str) -> bool:
        return self.light_verb(lemma) is not None

    def multiword_light_verbs(self) -> Sequence[LightVerb]:
        return tuple(v for v in self._light_verbs if len(v.words) > 1)

    # -- codes --------------------------------------------------------------------------------
    def cameo_code(self, code: str) -> CameoCode | None:
        return self._cameo.get(code)

    def cameo_codes(self) -> Sequence[CameoCode]:
        return tuple(self._cameo.values())

    def modes(self, type: str) -> frozenset[str]:
        """The PLOVER modes valid for a type (the non-default rows of plover_scores.tsv)."""
        return frozenset(mode for t, mode in self._scores if t == type and mode)

    def score(self, type: str, mode: str | None) -> float:
        """PLOVER score of the mode, else of the type's default."""
        if (type, mode or "") in self._scores:
            return self._scores[(type, mode or "")]
        if (type, "") not in self._scores:
            raise ValueError(f"unknown PLOVER type {type!r}")
        return self._scores[(type, "")]

    def acled(self, type: str, mode: str | None, cameo: str,
              sub_event_type: str | None = None) -> tuple[str | None, str | None]:
        """(ACLED event type, sub-event type); an explicit sub-event type wins over acled.tsv."""
        if sub_event_type is not None:
            if sub_event_type not in self._acled_types:
                raise ValueError(f"unknown ACLED sub-event type {sub_event_type!r}")
            return self._acled_types[sub_event_type], sub_event_type
        rules = [r for r in self._acled_rules if r.matches(type, mode, cameo)]
        if not rules:
            return None, None
        best = max(rules, key=AcledRule.specificity)
        return best.event_type, best.sub_event_type

    def acled_types(self) -> dict[str, str]:
        """ACLED sub-event type -> event type."""
        return dict(self._acled_types)

    def acled_rules(self) -> Sequence[AcledRule]:
        return self._acled_rules

    def event_code(self, type: str, mode: str | None, cameo: str,
                   acled: str | None = None) -> EventCode:
        """The full coding of an event: Goldstein and QuadClass from CAMEO, PLOVER score, ACLED."""
        if type not in PLOVER_TYPES:
            raise ValueError(f"unknown PLOVER type {type!r}")
        entry = self._cameo.get(cameo)
        if entry is None:
            raise ValueError(f"unknown CAMEO code {cameo!r}")
        event_type, sub_event_type = self.acled(type, mode, cameo, acled)
        return EventCode(type=type, mode=mode, context=(), cameo=cameo,
                         goldstein=entry.goldstein, quad_class=entry.quad_class,
                         score=self.score(type, mode), acled_event_type=event_type,
                         acled_sub_event_type=sub_event_type)

    def trigger_code(self, trigger: Trigger) -> EventCode:
        """The default coding of a trigger."""
        return self.event_code(trigger.type, trigger.mode, trigger.cameo, trigger.acled)

    # -- actors and context -------------------------------------------------------------------
    def actor_terms(self) -> Sequence[ActorTerm]:
        return self._actors

    def actor_term(self, text: str) -> ActorTerm | None:
        """Exact match after folding (see `actor_key`); plurals are the caller's lemmas."""
        return self._actor_index.get(actor_key(text))

    def acled_cues(self, lemmas: Sequence[str]) -> frozenset[str]:
        """The acled_cues.tsv cues of a run of lemmas (single words and adjacent pairs)."""
        found: set[str] = set()
        words = [w.lower() for w in lemmas]
        for i, word in enumerate(words):
            found |= self._acled_cues.get((word,), set())
            if i + 1 < len(words):
                found |= self._acled_cues.get((word, words[i + 1]), set())
        return frozenset(found)

    def is_currency(self, lemma: str) -> bool:
        """'euro', 'naira', 'shilling': a counted one makes an amount of money."""
        return lemma.lower() in self._currencies

    def nonpolitical_domain(self, lemma: str) -> str | None:
        """sports, business, weather, health, accident, entertainment, technology or verbal."""
        return self._nonpolitical.get(actor_key(lemma))



@cache
def _packaged() -> Lexicon:
    data = resources.files("newsevents") / "data"
    return Lexicon.from_texts({name: (data / name).read_text(encoding="utf-8")
                               for name in _FILES})
