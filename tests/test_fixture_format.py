"""The article fixtures follow the format in tests/fixtures/articles/README.md."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.models import DATE_PRECISIONS, FACTUALITIES, PLOVER_TYPES

pycountry = pytest.importorskip("pycountry")

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
JSON_FILES = sorted(ARTICLES.glob("*.json"))
NAME = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")

TOP_KEYS = {"published", "covers", "traps", "events", "absent"}
EVENT_KEYS = {
    "type",
    "mode",
    "actor_country",
    "actor_sector",
    "target_country",
    "target_sector",
    "location_country",
    "admin1_code",
    "date",
    "date_precision",
    "fatalities",
    "injuries",
    "factuality",
    "attributed_to_contains",
    "co_actor_countries",
    "responds_to_type",
    "evidence_contains",
    "note",
}
SECTORS = {"MIL", "GOV", "POL", "REB", "CVL", "MED", "IGO", "OPP", "JUD", "BUS", "REF"}
TRAPS = {
    "sports metaphor",
    "business metaphor",
    "labour strike",
    "denial",
    "negation",
    "threat",
    "future plan",
    "hypothetical",
    "background event",
    "reported speech",
    "misspelled place",
    "several countries",
    "metonymy",
    "retaliation",
    "joint action",
    "casualty counting",
    "headline repeat",
    "boilerplate",
}
# Mode names per type: PLOVER manual (openeventdata/PLOVER, CC BY-SA 4.0), scores table.
MODES = {
    "ACCUSE": {"allege", "disapprove", "investigate"},
    "ASSAULT": {
        "abduct",
        "aerial",
        "beat",
        "crowd-control",
        "destroy",
        "drone",
        "explosives",
        "firearms",
        "heavy-weapons",
        "primitive",
        "sexual",
        "suicide-attack",
        "targeted",
        "torture",
        "unconventional",
    },
    "COERCE": {
        "arrest",
        "censor",
        "curfew",
        "cyber",
        "deport",
        "martial-law",
        "misinformation",
        "restrict",
        "seize",
        "withhold",
    },
    "CONSULT": {"multilateral", "phone", "third-party", "visit"},
    "MOBILIZE": {"militia", "police", "troops", "weapons"},
    "PROTEST": {"boycott", "demo", "hunger", "obstruct", "riot", "strike"},
    "REJECT": {"assist", "change", "meet", "yield"},
    "REQUEST": {"assist", "change", "meet", "yield"},
    "RETREAT": {"access", "ceasefire", "disarm", "release", "resign", "withdraw"},
    "SANCTION": {"convict", "discontinue", "expel", "withdraw"},
    "THREATEN": {"arrest", "expel", "relations", "restrict", "territory", "violence"},
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _text(path: Path) -> str:
    return " ".join(path.with_suffix(".txt").read_text(encoding="utf-8").split())


def _is_iso3(code: object) -> bool:
    return code is None or (
        isinstance(code, str) and pycountry.countries.get(alpha_3=code) is not None
    )


def _check_date(event: dict[str, Any], published: date) -> None:
    day = date.fromisoformat(event["date"])
    precision = event.get("date_precision")
    assert precision in DATE_PRECISIONS
    if precision == "week":
        assert day.weekday() == 0, "a week is given by its Monday"
    if precision == "month":
        assert day.day == 1, "a month is given by its first day"
    if precision == "year":
        assert (day.month, day.day) == (1, 1), "a year is given by January 1"
    if event.get("factuality") != "future":
        assert day <= published, "past events cannot postdate publication"


def _check_event(event: dict[str, Any], text: str, published: date | None) -> None:
    assert set(event) <= EVENT_KEYS, set(event) - EVENT_KEYS
    assert event["type"] in PLOVER_TYPES
    if "mode" in event:
        assert event["mode"] in MODES.get(event["type"], set())
    for key in ("actor_country", "target_country", "location_country"):
        assert _is_iso3(event.get(key)), event.get(key)
    assert all(_is_iso3(code) for code in event.get("co_actor_countries", []))
    for key in ("actor_sector", "target_sector"):
        assert event.get(key) is None or event[key] in SECTORS
    if event.get("admin1_code") is not None:
        region = pycountry.subdivisions.get(code=event["admin1_code"])
        assert region is not None and region.parent_code is None, "first-level ISO 3166-2"
        country = pycountry.countries.get(alpha_2=region.country_code)
        assert country.alpha_3 == event.get("location_country")
    if event.get("date") is not None and published is not None:
        _check_date(event, published)
    assert event.get("factuality") is None or event["factuality"] in FACTUALITIES
    for key in ("fatalities", "injuries"):
        assert event.get(key) is None or (isinstance(event[key], int) and event[key] >= 0)
    assert event.get("responds_to_type") is None or event["responds_to_type"] in PLOVER_TYPES
    if "evidence_contains" in event:
        assert " ".join(event["evidence_contains"].split()) in text
    for source in event.get("attributed_to_contains", []):
        assert source.lower() in text.lower()


def test_every_article_has_expectations_and_every_expectation_an_article() -> None:
    texts = {path.stem for path in ARTICLES.glob("*.txt")}
    assert texts == {path.stem for path in JSON_FILES}
    assert len(texts) >= 20
    assert all(NAME.match(stem) for stem in texts)


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.stem)
def test_article_text_is_headline_blank_line_then_paragraphs(path: Path) -> None:
    lines = path.with_suffix(".txt").read_text(encoding="utf-8").split("\n")
    assert lines[0].strip() and lines[1] == ""
    assert "\n\n\n" not in "\n".join(lines)


@pytest.mark.parametrize("path", JSON_FILES, ids=lambda p: p.stem)
def test_expectations_use_allowed_keys_codes_and_dates(path: Path) -> None:
    data = _load(path)
    assert set(data) == TOP_KEYS
    published = date.fromisoformat(data["published"])
    text = _text(path)
    for event in data["events"]:
        _check_event(event, text, published)
        assert event.get("date") is None or "date_precision" in event
    for event in data["absent"]:
        _check_event(event, text, None)
    assert set(data["covers"]) == {event["type"] for event in data["events"]}
    assert set(data["traps"]) <= TRAPS


def test_fixtures_cover_every_plover_type_and_every_trap() -> None:
    covered = {event["type"] for path in JSON_FILES for event in _load(path)["events"]}
    assert covered == set(PLOVER_TYPES)
    traps = {trap for path in JSON_FILES for trap in _load(path)["traps"]}
    assert traps == TRAPS
