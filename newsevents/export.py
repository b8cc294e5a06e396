"""The event record (DESIGN.md, "The event record") and the writers for events and articles.

`event_record` is the one place that turns Mentions into the JSON shape users see; the store
saves what it returns and every writer reads it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any, TextIO

from newsevents.models import Article, Evidence, Mention, Party, Place

EVENT_FORMATS = ("table", "jsonl", "csv")
ARTICLE_FORMATS = ("table", "jsonl")
LIST_SEPARATOR = "; "
TABLE_WIDTH = 100
SHORT_ID = 8
# An event's record keeps the evidence of its first MAX_EVIDENCE spans; the mentions table keeps
# every one (`newsevents show` prints them all). A record that grew with every article telling
# its event was rewritten in full at each new one, and DuckDB needed 64 MB buffers to scan them.
MAX_EVIDENCE = 25
CSV_COLUMNS = (
    "id", "type", "mode", "context", "quad_class", "score", "cameo", "goldstein",
    "acled_event_type", "acled_sub_event_type",
    "actor_text", "actor_name", "actor_country", "actor_sector",
    "target_text", "target_name", "target_country", "target_sector",
    "co_actors",
    "location_text", "location_name", "location_country", "location_admin1",
    "location_admin1_code", "location_lat", "location_lon", "location_precision",
    "date", "date_precision", "date_text", "fatalities", "injuries", "factuality",
    "attributed_to", "responds_to", "confidence",
    "evidence", "evidence_urls", "article_ids", "num_articles", "num_sources", "reason",
)  # fmt: skip


def event_record(
    mentions: Sequence[Mention],
    *,
    urls: Mapping[str, str],
    sites: Mapping[str, str | None],
    carriers: Mapping[str, Collection[str]] | None = None,
) -> dict[str, Any]:
    """One event record from the mentions of one event, first mention first.

    Evidence (its first MAX_EVIDENCE spans), attribution, co-actors and articles are unions;
    confidence is the maximum;
    every other field is the first non-null value. `urls` and `sites` map article ids to the
    article's URL and site; an article without a site counts as a source of its own.
    `carriers` maps an article id to the sites of every URL that carried it (syndicated
    copies are one article): `num_sources` counts those instead, when given.
    """
    if not mentions:
        raise ValueError("an event needs at least one mention")
    first = mentions[0]
    code = first.code
    dated = next((m.date for m in mentions if m.date.date is not None), first.date)
    article_ids = _unique(m.article_id for m in mentions)
    return {
        "id": first.id,
        "type": code.type,
        "mode": code.mode,
        "context": list(code.context),
        "quad_class": code.quad_class,
        "score": code.score,
        "cameo": code.cameo,
        "goldstein": code.goldstein,
        "acled": {"event_type": code.acled_event_type, "sub_event_type": code.acled_sub_event_type},
        "actor": _party(_first(m.actor for m in mentions)),
        "target": _party(_first(m.target for m in mentions)),
        "co_actors": [_party(p) for p in _unique_parties(p for m in mentions for p in m.co_actors)],
        "location": _place(_first(m.location for m in mentions)),
        "date": dated.date.isoformat() if dated.date else None,
        "date_precision": dated.precision,
        "date_text": dated.text,
        "fatalities": _first(m.fatalities for m in mentions),
        "injuries": _first(m.injuries for m in mentions),
        "factuality": first.factuality,
        "attributed_to": _unique(a for m in mentions for a in m.attributed_to),
        "responds_to": _first(m.responds_to for m in mentions),
        "confidence": max(m.confidence for m in mentions),
        "evidence": _evidence(mentions, urls)[:MAX_EVIDENCE],
        "article_ids": article_ids,
        "num_articles": len(article_ids),
        "num_sources": _num_sources(article_ids, sites, carriers or {}),
        "reason": _reasons(m.reason for m in mentions),
    }


# How `merge_records` combines each field of two records of one event, the older first.
_FROM_FIRST = ("id", "type", "mode", "context", "quad_class", "score", "cameo", "goldstein",
               "acled", "factuality")
_FIRST_NOT_NULL = ("actor", "target", "location", "fatalities", "injuries", "responds_to")
_DATE_FIELDS = ("date", "date_precision", "date_text")
_UNIONS = ("attributed_to", "article_ids")


def merge_records(older: Mapping[str, Any], newer: Mapping[str, Any]) -> dict[str, Any]:
    """The record of an event's mentions from the records of two runs of them, `older`'s
    first: equal to `event_record` of all the mentions in that order, so that a store adds
    an article to an event without reading its mentions back. `num_sources` is the larger
    of the two: only a count over every URL of the event's articles is exact."""
    dated = older if older["date"] is not None or newer["date"] is None else newer
    merged: dict[str, Any] = {
        **{key: older[key] for key in _FROM_FIRST},
        **{key: older[key] if older[key] is not None else newer[key] for key in _FIRST_NOT_NULL},
        **{key: dated[key] for key in _DATE_FIELDS},
        **{key: _unique([*older[key], *newer[key]]) for key in _UNIONS},
        "co_actors": _first_by([*older["co_actors"], *newer["co_actors"]],
                               ("name", "country", "sector")),
        "confidence": max(older["confidence"], newer["confidence"]),
        "evidence": _first_by([*older["evidence"], *newer["evidence"]],
                              ("article_id", "start", "end"))[:MAX_EVIDENCE],
        "num_sources": max(older["num_sources"], newer["num_sources"]),
        "reason": _reasons([older["reason"], newer["reason"]]),
    }
    merged["num_articles"] = len(merged["article_ids"])
    return {key: merged[key] for key in older}  # the field order of event_record


def _first_by(items: Iterable[Mapping[str, Any]], keys: Sequence[str]) -> list[Any]:
    """The first item of each distinct combination of `keys`, in order."""
    seen: dict[tuple[Any, ...], Mapping[str, Any]] = {}
    for item in items:
        seen.setdefault(tuple(item[key] for key in keys), item)
    return list(seen.values())


def _reasons(reasons: Iterable[str | None]) -> str:
    """Distinct reasons in order; a mention's reason may itself list several."""
    return LIST_SEPARATOR.join(_unique(part for reason in reasons if reason
                                       for part in reason.split(LIST_SEPARATOR)))


def _num_sources(
    article_ids: Sequence[str],
    sites: Mapping[str, str | None],
    carriers: Mapping[str, Collection[str]],
) -> int:
    """Distinct sites over every article (and every copy of it); no site: its own source."""
    keys: set[str] = set()
    for article_id in article_ids:
        keys.update(carriers.get(article_id) or [sites.get(article_id) or f"article:{article_id}"])
    return len(keys)


def _first(values: Iterable[Any]) -> Any:
    return next((value for value in values if value is not None), None)


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _unique_parties(parties: Iterable[Party]) -> list[Party]:
    seen: dict[tuple[str, str | None, str | None], Party] = {}
    for party in parties:
        seen.setdefault((party.name, party.country, party.sector), party)
    return list(seen.values())


def _party(party: Party | None) -> dict[str, Any] | None:
    if party is None:
        return None
    return {
        "text": party.text, "name": party.name, "country": party.country, "sector": party.sector,
    }  # fmt: skip


def _place(place: Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "text": place.text, "name": place.name, "country": place.country, "admin1": place.admin1,
        "admin1_code": place.admin1_code, "lat": place.lat, "lon": place.lon,
        "precision": place.precision,
    }  # fmt: skip


def all_evidence(mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """Every evidence span of the mentions, first mention first (a record keeps only the
    first MAX_EVIDENCE)."""
    return _evidence(mentions, {})


def _evidence(mentions: Sequence[Mention], urls: Mapping[str, str]) -> list[dict[str, Any]]:
    spans: dict[tuple[str, int, int], Evidence] = {}
    for mention in mentions:
        for item in mention.evidence:
            spans.setdefault((item.article_id, item.start, item.end), item)
    return [
        {
            "article_id": item.article_id,
            "url": urls.get(item.article_id) or item.url,
            "sentence": item.sentence,
            "start": item.start,
            "end": item.end,
        }
        for item in spans.values()
    ]


# --- event writers ---------------------------------------------------------------------


def write_events(records: Iterable[Mapping[str, Any]], fmt: str, out: TextIO) -> None:
    """Write event records as a table, JSON lines or CSV."""
    writers: dict[str, Callable[[Iterable[Mapping[str, Any]], TextIO], None]] = {
        "table": _events_table,
        "jsonl": _jsonl,
        "csv": _events_csv,
    }
    _writer(writers, fmt)(records, out)


def _writer(writers: Mapping[str, Any], fmt: str) -> Any:
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(writers)}")
    return writers[fmt]


def _jsonl(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def flatten_event(record: Mapping[str, Any]) -> dict[str, Any]:
    """The CSV row of an event record: nested objects as prefix_field, lists joined by "; "."""
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("acled", "actor", "target", "location"):
            for sub, sub_value in (value or {}).items():
                row[f"{key}_{sub}"] = sub_value
        elif key == "co_actors":
            row[key] = LIST_SEPARATOR.join(party["name"] for party in value)
        elif key == "evidence":
            row["evidence"] = LIST_SEPARATOR.join(item["sentence"] for item in value)
            row["evidence_urls"] = LIST_SEPARATOR.join(_unique(item["url"] for item in value))
        elif isinstance(value, list):
            row[key] = LIST_SEPARATOR.join(str(item) for item in value)
        else:
            row[key] = value
    return row


def _events_csv(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(flatten_event(record))


def _events_table(records: Iterable[Mapping[str, Any]], out: TextIO) -> None:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    for header, min_width in (
        ("date", 10), ("type/mode", 14), ("actor", 8), ("target", 8), ("location", 8),
        ("casualties", 6), ("sources", 7), ("id", SHORT_ID),
    ):  # fmt: skip
        table.add_column(header, min_width=min_width, overflow="fold")
    for record in records:
        table.add_row(
            record.get("date") or "?",
            "/".join(part for part in (record.get("type"), record.get("mode")) if part),
            _party_label(record.get("actor")),
            _party_label(record.get("target")),
            _place_label(record.get("location")),
            _casualties(record),
            f"{record.get('num_articles', 0)}/{record.get('num_sources', 0)}",
            str(record.get("id", ""))[:SHORT_ID],
        )
    _console(out).print(table)


def _party_label(party: Mapping[str, Any] | None) -> str:
    if not party:
        return "-"
    return str(party.get("name") or party.get("text") or "?")


def _place_label(place: Mapping[str, Any] | None) -> str:
    if not place:
        return "-"
    name = str(place.get("name") or place.get("text") or "?")
    country = place.get("country")
    return f"{name}, {country}" if country and country != name else name


def _casualties(record: Mapping[str, Any]) -> str:
    parts = []
    if record.get("fatalities") is not None:
        parts.append(f"{record['fatalities']} dead")
    if record.get("injuries") is not None:
        parts.append(f"{record['injuries']} hurt")
    return ", ".join(parts) or "-"


def _console(out: TextIO) -> Any:
    from rich.console import Console

    is_terminal = hasattr(out, "isatty") and out.isatty()
    return Console(file=out, width=None if is_terminal else TABLE_WIDTH, soft_wrap=False)


# --- article writers -------------------------------------------------------------------


def article_record(article: Article) -> dict[str, Any]:
    """The JSON-lines shape of an article: id, url, title, published, site, text."""
    return {
        "id": article.id,
        "url": article.url,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "site": article.site,
        "text": article.text,
    }


def write_articles(articles: Iterable[Article], fmt: str, out: TextIO) -> None:
    """Write articles as a table or JSON lines."""
    writers: dict[str, Callable[[Iterable[Article], TextIO], None]] = {
        "table": _articles_table,
        "jsonl": lambda items, stream: _jsonl((article_record(a) for a in items), stream),
    }
    _writer(writers, fmt)(articles, out)


def _articles_table(articles: Iterable[Article], out: TextIO) -> None:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    for header, width in (("id", 16), ("published", 10), ("site", 18), ("title", 40)):
        table.add_column(header, max_width=width, overflow="ellipsis", no_wrap=True)
    table.add_column("words", justify="right", max_width=6)
    for article in articles:
        table.add_row(
            article.id,
            article.published.isoformat() if article.published else "?",
            article.site or "-",
            article.title or "(untitled)",
            str(len(article.text.split())),
        )
    _console(out).print(table)
