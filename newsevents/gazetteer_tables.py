"""Our own place tables: news aliases, abbreviations, adjectives, regions and waters."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from . import geonames
from .models import Country
from .place_records import Admin1, Admin2, Area, City, Record, read_table
from .placenames import compact, normalize


def load_aliases(rows: list[dict[str, str]], admin1: Mapping[str, Admin1],
                  cities: Mapping[str, Sequence[City]]) -> dict[str, tuple[Record, ...]]:
    aliases: dict[str, list[Record]] = defaultdict(list)
    for row in rows:
        if not row["city"] and not row["admin1_code"]:
            continue  # a country's: load_country_aliases
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


def load_country_aliases(rows: list[dict[str, str]], countries: Mapping[str, Country]
                         ) -> dict[str, str]:
    """The rows that name a country ('Soviet Union' -> RUS), normalised name -> ISO3."""
    out = {}
    for row in rows:
        if not row["city"] and not row["admin1_code"]:
            if row["country"] not in countries:
                raise ValueError(f"place_aliases.tsv: {row['alias']!r}: no country")
            out[normalize(row["alias"])] = row["country"]
    return out


def load_abbreviations(admin1: Mapping[str, Admin1], admin2: Mapping[int, Admin2],
                        subdivisions: Sequence[geonames.SubdivisionRow],
                        countries: Mapping[str, Country]
                        ) -> dict[str, tuple[Record | Country, ...]]:
    """'Calif.' -> California, 'Herts' -> Hertfordshire, 'WA' -> Washington or Western
    Australia: keys without dots, case kept."""
    by_iso = {s.iso_code: admin2[s.id] for s in subdivisions if s.iso_code and s.id in admin2}
    out: dict[str, list[Record | Country]] = defaultdict(list)
    for row in read_table("place_abbreviations.tsv"):
        code = row["code"]
        target: Record | Country | None = countries.get(code) or admin1.get(code) or \
            by_iso.get(code)
        if target is None or (target.iso3 if isinstance(target, Country) else target.country) \
                != row["country"]:
            raise ValueError(f"place_abbreviations.tsv: {row['abbreviation']!r} names no "
                             f"place {code} of {row['country']}")
        if target not in out[compact(row["abbreviation"])]:
            out[compact(row["abbreviation"])].append(target)
    return {k: tuple(v) for k, v in out.items()}


def load_adjectives(admin1: Mapping[str, Admin1]) -> dict[str, str]:
    out = {}
    for row in read_table("place_adjectives.tsv"):
        if row["code"] not in admin1:
            raise ValueError(f"place_adjectives.tsv: no subdivision {row['code']}")
        out[normalize(row["adjective"])] = row["code"]
    return out


def load_regions() -> dict[str, tuple[Area, ...]]:
    regions: dict[str, list[Area]] = defaultdict(list)
    for row in read_table("regions.tsv"):
        area = Area(row["name"], row["country"], row["admin1_code"] or None,
                    float(row["lat"]), float(row["lon"]), "admin1")
        for name in [row["name"], *split_field(row["aliases"])]:
            regions[normalize(name)].append(area)
    return {k: tuple(v) for k, v in regions.items()}


def load_waters() -> dict[str, Area]:
    waters: dict[str, Area] = {}
    for row in read_table("waters.tsv"):
        area = Area(row["name"], row["country"] or None, None,
                    float(row["lat"]), float(row["lon"]), "water")
        for name in [row["name"], *split_field(row["aliases"])]:
            waters[normalize(name)] = area
    return waters


def split_field(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]
