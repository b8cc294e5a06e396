"""The records that pass between stages: one frozen dataclass per concept.

Flow: Document (sources) -> Article (extract) -> Mention (code, one per event sentence
cluster inside one article) -> Event (store/resolve, what users query).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# Vocabularies of the data contract (DESIGN.md, "The event record").
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
)
DATE_PRECISIONS = ("day", "week", "month", "year", "unknown")
PLACE_PRECISIONS = ("point", "city", "admin1", "country", "water")
FACTUALITIES = ("asserted", "denied", "future", "hypothetical")


@dataclass(frozen=True)
class Document:
    """Raw input as a source produced it, before any extraction."""

    url: str
    body: bytes
    content_type: str  # "text/html", "text/plain", "text/markdown"
    published_hint: date | None = None
    title_hint: str | None = None


@dataclass(frozen=True)
class Skipped:
    """An input (or part of one) that could not be used, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Article:
    """Clean main text of one news story; `id` is a hash of its normalised text."""

    id: str
    url: str
    title: str | None
    published: date | None
    site: str | None
    text: str
    paragraphs: tuple[str, ...] = ()
    caption: str | None = None


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Party:
    """An actor or target: the words in the text and what they resolve to."""

    text: str
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3, None when unknown
    sector: str | None = None  # PLOVER/CAMEO sector code: GOV MIL POL REB CVL MED IGO ...
    patron: str | None = None  # "Iran-backed militias": country ISO3 of the backer, not the actor


@dataclass(frozen=True)
class Place:
    text: str
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    admin1_code: str | None = None  # ISO 3166-2, e.g. "IR-11"
    lat: float | None = None
    lon: float | None = None
    precision: str = "country"  # one of PLACE_PRECISIONS


@dataclass(frozen=True)
class DateRef:
    date: date | None
    precision: str = "unknown"  # one of DATE_PRECISIONS
    text: str | None = None


UNKNOWN_DATE = DateRef(None, "unknown", None)


@dataclass(frozen=True)
class Evidence:
    """Where a field or an event is stated: offsets are into Article.text."""

    article_id: str
    url: str
    sentence: str
    start: int
    end: int


@dataclass(frozen=True)
class EventCode:
    """What a trigger means in the coding schemes, looked up from the lexicon."""

    type: str  # PLOVER type
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    goldstein: float
    quad_class: int
    score: float
    acled_event_type: str | None
    acled_sub_event_type: str | None


@dataclass(frozen=True)
class Mention:
    """One event as one article reports it (possibly over several sentences)."""

    id: str  # stable hash of type, parties, place, date (undated: publication week)
    article_id: str
    code: EventCode
    actor: Party | None
    target: Party | None
    location: Place | None
    date: DateRef
    evidence: tuple[Evidence, ...]
    co_actors: tuple[Party, ...] = ()
    fatalities: int | None = None
    injuries: int | None = None
    factuality: str = "asserted"
    attributed_to: tuple[str, ...] = ()
    responds_to: str | None = None  # id of the mention this one answers
    confidence: float = 0.5
    reason: str = ""  # the lexicon entry or rule that fired


@dataclass(frozen=True)
class IngestSummary:
    documents: int = 0
    articles: int = 0
    new_articles: int = 0
    events: int = 0
    skipped: tuple[Skipped, ...] = field(default_factory=tuple)
