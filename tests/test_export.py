"""Event records in the shape of DESIGN.md, and the event/article writers."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.export import (
    ARTICLE_FORMATS,
    CSV_COLUMNS,
    EVENT_FORMATS,
    TABLE_WIDTH,
    event_record,
    flatten_event,
    write_articles,
    write_events,
)
from newsevents.models import Article, DateRef, EventCode, Evidence, Mention, Party, Place

DESIGN = Path(__file__).resolve().parents[1].parent / "shared" / "DESIGN.md"
ASSAULT = EventCode(
    type="ASSAULT", mode="aerial", context=("military", "terrorism"), cameo="195",
    goldstein=-10.0, quad_class=4, score=-9.5, acled_event_type="Explosions/Remote violence",
    acled_sub_event_type="Air/drone strike",
)  # fmt: skip
PAKISTAN = Party("Pakistan's military", "Pakistan", "PAK", "MIL")
INSURGENTS = Party("insurgents", "insurgents", None, "REB")
SISTAN = Place(
    "Siestan-o-Baluchistan", "Sistan and Baluchestan", "IRN", "Sistan and Baluchestan", "IR-11",
    27.5, 60.6, "admin1",
)  # fmt: skip
URLS = {"a1": "https://one.example/story", "a2": "https://two.example/story"}
SITES: dict[str, str | None] = {"a1": "one.example", "a2": "two.example"}


def make_mention(article_id: str = "a1", **changes: Any) -> Mention:
    sentence = "On Thursday morning, Pakistan's military conducted strikes against insurgents."
    mention = Mention(
        id="ev1",
        article_id=article_id,
        code=ASSAULT,
        actor=PAKISTAN,
        target=INSURGENTS,
        location=SISTAN,
        date=DateRef(date(2024, 1, 18), "day", "Thursday morning"),
        evidence=(Evidence(article_id, f"file:///{article_id}", sentence, 10, 10 + len(sentence)),),
        attributed_to=("Pakistan's Ministry of Foreign Affairs",),
        confidence=0.8,
        reason="strikes against",
    )
    return replace(mention, **changes)


def _design_example() -> dict[str, Any]:
    text = DESIGN.read_text(encoding="utf-8")
    match = re.search(r"## The event record.*?```json\n(.*?)```", text, re.DOTALL)
    assert match, "DESIGN.md has no event record example"
    return dict(json.loads(match.group(1)))


# --- event_record ----------------------------------------------------------------------


@pytest.mark.skipif(not DESIGN.exists(), reason="../shared/DESIGN.md is not here")
def test_event_record_has_exactly_the_design_shape_plus_reason() -> None:
    example = _design_example()
    record = event_record([make_mention()], urls=URLS, sites=SITES)
    assert list(record) == [*example, "reason"]
    for key in ("acled", "actor", "target", "location"):
        assert list(record[key]) == list(example[key]), key
    assert list(record["evidence"][0]) == list(example["evidence"][0])


def test_event_record_of_one_mention_carries_its_values() -> None:
    record = event_record([make_mention()], urls=URLS, sites=SITES)
    assert record["id"] == "ev1"
    assert (record["type"], record["mode"], record["context"]) == (
        "ASSAULT", "aerial", ["military", "terrorism"]
    )
    assert (record["quad_class"], record["score"], record["cameo"], record["goldstein"]) == (
        4, -9.5, "195", -10.0
    )
    assert record["acled"] == {
        "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"
    }
    assert record["actor"] == {
        "text": "Pakistan's military", "name": "Pakistan", "country": "PAK", "sector": "MIL"
    }
    assert record["location"]["admin1_code"] == "IR-11"
    assert (record["date"], record["date_precision"], record["date_text"]) == (
        "2024-01-18", "day", "Thursday morning"
    )
    assert record["evidence"][0]["url"] == "https://one.example/story"  # the stored URL wins
    assert (record["article_ids"], record["num_articles"], record["num_sources"]) == (["a1"], 1, 1)
    assert record["reason"] == "strikes against"
    json.dumps(record)  # JSON-ready


def test_event_record_of_several_mentions_merges_them() -> None:
    first = make_mention("a1", actor=None, location=None, date=DateRef(None), confidence=0.6,
                         fatalities=None)
    second = make_mention(
        "a2", confidence=0.9, fatalities=2, attributed_to=("Fox News",),
        co_actors=(Party("Iran", "Iran", "IRN", "GOV"),), reason="conducted strikes",
    )  # fmt: skip
    record = event_record([first, second], urls=URLS, sites=SITES)
    assert record["actor"]["name"] == "Pakistan"  # first non-null
    assert record["location"]["name"] == "Sistan and Baluchestan"
    assert record["date"] == "2024-01-18"
    assert record["fatalities"] == 2
    assert record["confidence"] == 0.9
    assert record["attributed_to"] == ["Pakistan's Ministry of Foreign Affairs", "Fox News"]
    assert [item["article_id"] for item in record["evidence"]] == ["a1", "a2"]
    assert record["co_actors"] == [
        {"text": "Iran", "name": "Iran", "country": "IRN", "sector": "GOV"}
    ]
    assert (record["article_ids"], record["num_articles"], record["num_sources"]) == (
        ["a1", "a2"], 2, 2
    )
    assert record["reason"] == "strikes against; conducted strikes"


@pytest.mark.parametrize(
    ("sites", "expected"),
    [
        ({"a1": "one.example", "a2": "one.example"}, 1),
        ({"a1": "one.example", "a2": "two.example"}, 2),
        ({"a1": None, "a2": None}, 2),  # no site known: each article is its own source
    ],
)
def test_num_sources_counts_distinct_sites(sites: dict[str, str | None], expected: int) -> None:
    mentions = [make_mention("a1"), make_mention("a2")]
    assert event_record(mentions, urls=URLS, sites=sites)["num_sources"] == expected


def test_the_same_evidence_span_is_listed_once() -> None:
    record = event_record([make_mention(), make_mention()], urls=URLS, sites=SITES)
    assert len(record["evidence"]) == 1
    assert record["article_ids"] == ["a1"]


def test_event_record_needs_a_mention() -> None:
    with pytest.raises(ValueError):
        event_record([], urls={}, sites={})


# --- writers ---------------------------------------------------------------------------


def _records() -> list[dict[str, Any]]:
    other = make_mention("a2", id="ev2", actor=Party("Tehran", "Iran", "IRN", "GOV"),
                         target=None, location=None, date=DateRef(None), injuries=3)
    return [
        event_record([make_mention(fatalities=2)], urls=URLS, sites=SITES),
        event_record([other], urls=URLS, sites=SITES),
    ]


def test_jsonl_writes_one_record_per_line() -> None:
    out = io.StringIO()
    write_events(_records(), "jsonl", out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == _records()


def test_csv_has_flat_columns_and_joined_lists() -> None:
    out = io.StringIO()
    write_events(_records(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["context"] == "military; terrorism"
    assert rows[0]["actor_country"] == "PAK"
    assert rows[0]["location_admin1_code"] == "IR-11"
    assert rows[0]["acled_sub_event_type"] == "Air/drone strike"
    assert rows[0]["evidence_urls"] == "https://one.example/story"
    assert rows[1]["target_name"] == "" and rows[1]["date"] == ""


def test_every_flattened_field_has_a_csv_column() -> None:
    assert set(flatten_event(_records()[0])) <= set(CSV_COLUMNS)


def test_table_fits_in_100_columns_and_shows_the_essentials() -> None:
    out = io.StringIO()
    write_events(_records(), "table", out)
    text = out.getvalue()
    assert max(len(line) for line in text.splitlines()) <= TABLE_WIDTH
    for expected in ("2024-01-18", "ASSAULT/aerial", "Pakistan", "2 dead", "3 hurt", "ev1"):
        assert expected in text, expected


def _articles() -> list[Article]:
    return [
        Article("abc123", "https://one.example/story", "Pakistan Strikes Iran", date(2024, 1, 18),
                "one.example", "Para one.\n\nPara two.", ("Para one.", "Para two."), "A caption."),
        Article("def456", "stdin", None, None, None, "Only text.", ("Only text.",)),
    ]  # fmt: skip


def test_article_jsonl_has_the_documented_fields() -> None:
    out = io.StringIO()
    write_articles(_articles(), "jsonl", out)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert first == {
        "id": "abc123", "url": "https://one.example/story", "title": "Pakistan Strikes Iran",
        "published": "2024-01-18", "site": "one.example", "text": "Para one.\n\nPara two.",
    }  # fmt: skip
    assert second["published"] is None and second["title"] is None


def test_article_table_lists_each_article() -> None:
    out = io.StringIO()
    write_articles(_articles(), "table", out)
    assert "abc123" in out.getvalue() and "(untitled)" in out.getvalue()
    assert max(len(line) for line in out.getvalue().splitlines()) <= TABLE_WIDTH


@pytest.mark.parametrize(
    ("writer", "formats"),
    [(write_events, EVENT_FORMATS), (write_articles, ARTICLE_FORMATS)],
)
def test_an_unknown_format_is_refused_naming_the_allowed_ones(writer, formats) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError) as error:
        writer([], "xml", io.StringIO())
    for name in formats:
        assert name in str(error.value)


@pytest.mark.parametrize("fmt", EVENT_FORMATS)
def test_every_listed_event_format_is_written(fmt: str) -> None:
    write_events(_records(), fmt, io.StringIO())


@pytest.mark.parametrize("fmt", ARTICLE_FORMATS)
def test_every_listed_article_format_is_written(fmt: str) -> None:
    write_articles(_articles(), fmt, io.StringIO())
