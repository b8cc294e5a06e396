"""The reference page, end to end: ingest it with the CLI and read the events back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "pakistan-strikes-iran.txt"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not here"),
]


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    from typer.testing import CliRunner

    from newsevents.cli import app

    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    runner = CliRunner()
    ingest = runner.invoke(app, ["ingest", str(SEED), "--published", "2024-01-18",
                                 "--db", str(db), "--workers", "1"])
    assert ingest.exit_code == 0, ingest.output
    listed = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert listed.exit_code == 0, listed.output
    return [json.loads(line) for line in listed.stdout.splitlines() if line.strip()]


def find(events: list[dict], type_: str, actor: str | None = None, **where: object) -> dict:
    for event in events:
        if event["type"] != type_:
            continue
        if actor is not None and (event["actor"] or {}).get("country") != actor:
            continue
        if all(_get(event, key) == value for key, value in where.items()):
            return event
    raise AssertionError(f"no {type_} by {actor} with {where} in {json.dumps(events, indent=1)}")


def _get(event: dict, dotted: str) -> object:
    value: object = event
    for part in dotted.split("__"):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def test_pakistan_strikes_militants_in_sistan_baluchestan(events: list[dict]) -> None:
    strike = find(events, "ASSAULT", "PAK", location__admin1_code="IR-11")
    assert strike["actor"]["sector"] == "MIL"
    assert strike["target"]["sector"] == "REB"
    assert strike["target"]["country"] is None  # unnamed militants have no country
    assert strike["location"]["country"] == "IRN"
    assert strike["date"] == "2024-01-18"
    assert strike["mode"] == "aerial"
    sources = " ".join(strike["attributed_to"]).lower()
    assert "ministry of foreign affairs" in sources and "fox news" in sources
    # "Despite Pakistan's incursion, the country says ...": the writer's, not Pakistan's claim
    assert "Pakistan" not in strike["attributed_to"]
    answered = next(e for e in events if e["id"] == strike["responds_to"])
    assert answered["type"] == "ASSAULT" and answered["actor"]["country"] == "IRN"


def test_iran_struck_pakistan_two_days_earlier_killing_two_children(events: list[dict]) -> None:
    strike = find(events, "ASSAULT", "IRN", location__country="PAK")
    assert strike["date"] == "2024-01-16"
    assert strike["fatalities"] == 2
    assert strike["target"]["country"] == "PAK"


def test_united_states_bombed_iran_backed_militias_in_iraq(events: list[dict]) -> None:
    strike = find(events, "ASSAULT", "USA", location__country="IRQ")
    assert strike["target"]["country"] is None
    assert strike["target"]["sector"] == "REB"


def test_militias_injured_three_american_troops(events: list[dict]) -> None:
    attack = find(events, "ASSAULT", None, target__country="USA")
    assert attack["injuries"] == 3
    assert attack["location"]["country"] in {"IRQ", "SYR"}
    assert attack["actor"]["country"] is None  # Iran-backed: Iran is the patron, not the actor
    assert attack["actor"]["sector"] == "REB"
    assert attack["target"]["sector"] == "MIL"


def test_pakistan_blamed_tehran(events: list[dict]) -> None:
    accusation = find(events, "ACCUSE", "PAK", target__country="IRN")
    assert accusation["factuality"] == "asserted"
    assert accusation["actor"]["sector"] == "GOV"
    assert accusation["target"]["sector"] == "GOV"  # "Tehran" is Iran's government


def test_joint_naval_drill_in_the_persian_gulf_earlier_that_week(events: list[dict]) -> None:
    drill = next(e for e in events if e["type"] == "COOPERATE"
                 and {e["actor"]["country"], *[c["country"] for c in e["co_actors"]]}
                 == {"PAK", "IRN"})
    assert len(drill["co_actors"]) == 1  # one co-actor, the other country
    assert drill["date"] == "2024-01-15"  # "earlier that week": the Monday
    assert drill["location"]["name"] == "Persian Gulf"
    assert drill["location"]["precision"] == "water"
    assert drill["date_precision"] == "week"
    assert date.fromisoformat(drill["date"]) <= date(2024, 1, 18)
    assert "associated press" in " ".join(drill["attributed_to"]).lower()


def test_nothing_is_invented_from_boilerplate(events: list[dict]) -> None:
    sentences = " ".join(ev["sentence"] for e in events for ev in e["evidence"])
    for junk in ("fbpx", "Getty Images", "Submit a Comment", "non-profit journalism",
                 "email address", "Continue reading", "Expand article"):
        assert junk not in sentences
    assert len(events) <= 9


def test_every_event_points_to_its_sentence(events: list[dict]) -> None:
    text = SEED.read_text(encoding="utf-8")
    for event in events:
        assert event["evidence"], event
        for evidence in event["evidence"]:
            assert evidence["sentence"].strip()
            assert " ".join(evidence["sentence"].split())[:40] in " ".join(text.split())


