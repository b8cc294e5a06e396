"""How the gazetteer ranks the places a name may mean: candidates, prominence, context."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .models import Country
from .place_records import Admin1, Admin2, City, Record

SAME_TERRITORY_KM = 400.0  # "Guam" the country, not the US subdivision at the same place
CONTEXT_BONUS = 2.0  # in log10 people: the first context country's places beat 100 times
RANK_PENALTY = 1.0  # larger ones elsewhere, and each later country's weigh less
LAST_CONTEXT_BONUS = 0.5
ADMIN1_BONUS = 1.5  # a namesake in a subdivision the article names outright
CURATED_BONUS = 3.0  # a curated alias or region is what news means by the name
LENGTH_BOUND_MARGIN = 0.01  # skip a length group only when clearly below the cutoff


@dataclass(frozen=True)
class Candidate:
    kind: str  # "alias", "region", "admin1", "admin2", "city"
    record: Record

    @property
    def country(self) -> str | None:
        return self.record.country

    @property
    def admin1(self) -> str | None:
        r = self.record
        return r.code if isinstance(r, Admin1) else r.admin1_code

    @property
    def size(self) -> int:
        if isinstance(self.record, City):
            return self.record.population
        if isinstance(self.record, Admin1 | Admin2):
            return self.record.weight
        return 0


def best(candidates: list[Candidate]) -> Candidate | None:
    """Without context: a curated alias, a region, then a subdivision, a county or a city. A
    city beats a subdivision of the same name when it lies in it ('Kharkiv') or is not much
    smaller; a first-level subdivision beats a county of its name."""
    for kind in ("alias", "region"):
        chosen = [c for c in candidates if c.kind == kind]
        if chosen:
            return max(chosen, key=lambda c: c.size)
    admin = max((c for c in candidates if c.kind == "admin1"), key=lambda c: c.size,
                default=None) or \
        max((c for c in candidates if c.kind == "admin2"), key=lambda c: c.size, default=None)
    city = max((c for c in candidates if c.kind == "city"), key=lambda c: c.size, default=None)
    if admin is None or city is None:
        return admin or city
    in_it = isinstance(city.record, City) and (
        city.record.admin1_code in {c.record.code for c in candidates
                                    if isinstance(c.record, Admin1)}
        or city.record.admin2 in {c.record.id for c in candidates
                                  if isinstance(c.record, Admin2)})
    return city if in_it or 2 * city.size >= admin.size else admin


def prominence(candidate: Candidate) -> float:
    bonus = CURATED_BONUS if candidate.kind in ("alias", "region") else 0.0
    return math.log10(candidate.size + 10) + bonus


def context_bonus(country: str | None, context: tuple[str, ...]) -> float:
    if country not in context:
        return 0.0
    return max(CONTEXT_BONUS - RANK_PENALTY * context.index(country), LAST_CONTEXT_BONUS)


class NameIndex:
    """Names to match a misspelt key against, grouped by length. `fuzz.ratio` is at most
    200 * shorter / (both lengths), so a group of names much longer or shorter than the key
    cannot reach the cutoff and is never scored; `closest` answers as `extractOne` over all
    the names does (the best score, the first name of it)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        groups: dict[int, list[int]] = {}
        for i, name in enumerate(self.names):
            groups.setdefault(len(name), []).append(i)
        self._groups = [(length, tuple(ids), tuple(self.names[i] for i in ids))
                        for length, ids in sorted(groups.items())]

    def closest(self, key: str, cutoff: float) -> str | None:
        best: tuple[float, int] | None = None
        for length, ids, names in self._groups:
            total = len(key) + length
            if total and 200 * min(len(key), length) / total < cutoff - LENGTH_BOUND_MARGIN:
                continue
            found = process.extractOne(key, names, scorer=fuzz.ratio, score_cutoff=cutoff)
            if found is None:
                continue
            score, i = found[1], ids[found[2]]
            if best is None or score > best[0] or (score == best[0] and i < best[1]):
                best = (score, i)
        return self.names[best[1]] if best is not None else None


def same_territory(country: Country, record: Record) -> bool:
    """'Guam' the country and the US subdivision: one place under two codes."""
    if country.lat is None or country.lon is None:
        return False
    return _km(country.lat, country.lon, record.lat, record.lon) <= SAME_TERRITORY_KM


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + \
        math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))
