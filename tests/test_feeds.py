"""feeds.py: parsing RSS/Atom, fetching item pages, watching feeds, polling intervals.

Item pages and feeds are served by a real HTTP server on 127.0.0.1; nothing leaves the host.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from loopback import PAGE, RSS, Reply, rss, serving
from loopback import Site as Loopback

from newsevents.errors import InputError
from newsevents.feeds import (
    FeedItem,
    iter_feed_documents,
    parse_feed,
    parse_interval,
    watch,
)
from newsevents.models import Document, Skipped
from newsevents.web import make_client


@pytest.fixture(scope="module")
def loopback_server() -> Iterator[Loopback]:
    with serving() as site:
        yield site


@pytest.fixture
def loopback(loopback_server: Loopback) -> Loopback:
    return loopback_server.reset()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Regional wire</title><id>urn:wire</id><updated>2024-01-19T10:00:00Z</updated>
  <entry><title>Ceasefire holds</title><id>urn:1</id>
    <link rel="alternate" href="https://wire.example/ceasefire"/>
    <updated>2024-01-19T08:30:00Z</updated></entry>
</feed>"""


def no_sleep(seconds: float) -> None:
    pass


def urls(results: Iterable[Document | Skipped]) -> list[str]:
    return [r.url if isinstance(r, Document) else f"skipped {r.source}" for r in results]


# --- parsing --------------------------------------------------------------------------------


def test_rss_items_come_with_absolute_links_titles_and_dates() -> None:
    body = rss(
        ("Talks resume", "/talks", "Thu, 18 Jan 2024 09:00:00 GMT"),
        ("Border reopens", "https://other.example/border", None),
        ("Talks resume (again)", "/talks", None),  # same link: one item
    )
    assert parse_feed(body, "https://wire.example/feed.xml") == [
        FeedItem("https://wire.example/talks", "Talks resume", date(2024, 1, 18)),
        FeedItem("https://other.example/border", "Border reopens", None),
    ]


def test_atom_entries_use_the_alternate_link_and_updated_date() -> None:
    assert parse_feed(ATOM, "https://wire.example/atom") == [
        FeedItem("https://wire.example/ceasefire", "Ceasefire holds", date(2024, 1, 19)),
    ]


@pytest.mark.parametrize(
    "body", [b"<html><body><p>Not a feed</p></body></html>", b"/etc/hostname", b""]
)
def test_bytes_that_are_not_a_feed_are_an_input_error(body: bytes) -> None:
    # b"/etc/hostname" checks that feedparser never treats the body as a file name to open.
    with pytest.raises(InputError, match="not an RSS/Atom feed"):
        parse_feed(body, "https://wire.example/feed.xml")


# --- item pages -----------------------------------------------------------------------------


def test_rss_feed_item_pages_are_ingested_with_the_item_dates(loopback: Loopback) -> None:
    a = loopback.route("/a", Reply())
    b = loopback.route("/b", Reply(body=b"<html><body><p>Second story.</p></body></html>"))
    feed = loopback.route("/feed.xml", Reply(body=rss(
        ("Talks resume", a, "Thu, 18 Jan 2024 09:00:00 GMT"),
        ("Border reopens", b, "Fri, 19 Jan 2024 16:20:00 GMT"),
    ), content_type=RSS))
    with make_client(allow_private_hosts=True, timeout=5) as client:
        documents = list(iter_feed_documents(feed, client, allow_private_hosts=True))
    assert documents == [
        Document(a, PAGE, "text/html", date(2024, 1, 18), "Talks resume"),
        Document(b, b"<html><body><p>Second story.</p></body></html>", "text/html",
                 date(2024, 1, 19), "Border reopens"),
    ]


def test_a_failing_item_is_skipped_and_the_others_continue(loopback: Loopback) -> None:
    ok = loopback.route("/ok", Reply())
    feed = loopback.route("/feed.xml", Reply(body=rss(
        ("Gone", loopback.url("/gone"), None), ("Fine", ok, None),
    ), content_type=RSS))
    with make_client(allow_private_hosts=True, timeout=5) as client:
        results = list(iter_feed_documents(feed, client, allow_private_hosts=True, retries=0))
    assert results[0] == Skipped(loopback.url("/gone"), "HTTP 404")
    assert urls(results[1:]) == [ok]


def test_items_already_seen_are_not_fetched(loopback: Loopback) -> None:
    old, new = loopback.route("/old", Reply()), loopback.route("/new", Reply())
    feed = loopback.route("/feed.xml", Reply(
        body=rss(("Old", old, None), ("New", new, None)), content_type=RSS
    ))
    with make_client(allow_private_hosts=True, timeout=5) as client:
        results = list(iter_feed_documents(
            feed, client, allow_private_hosts=True, seen=lambda url: url == old
        ))
    assert urls(results) == [new]
    assert loopback.hits("/old") == 0


def test_a_feed_file_on_disk_is_read_and_its_items_fetched(
    loopback: Loopback, tmp_path: Path
) -> None:
    page = loopback.route("/story", Reply())
    feed_file = tmp_path / "wire.rss"
    feed_file.write_bytes(rss(("Story", page, None)))
    with make_client(allow_private_hosts=True, timeout=5) as client:
        assert urls(iter_feed_documents(feed_file, client, allow_private_hosts=True)) == [page]


def test_item_pages_on_private_hosts_are_refused_by_default(tmp_path: Path) -> None:
    feed_file = tmp_path / "wire.rss"
    feed_file.write_bytes(rss(("Story", "http://127.0.0.1:9/story", None)))
    with make_client() as client:
        [result] = list(iter_feed_documents(feed_file, client))
    assert isinstance(result, Skipped) and "loopback" in result.reason


@pytest.mark.parametrize("status", [404, 503])
def test_an_unavailable_feed_is_one_skipped(loopback: Loopback, status: int) -> None:
    feed = loopback.route("/feed.xml", Reply(status, b"", "text/plain"))
    with make_client(allow_private_hosts=True, timeout=5) as client:
        results = list(iter_feed_documents(
            feed, client, allow_private_hosts=True, retries=1, sleep=no_sleep
        ))
    assert results == [Skipped(feed, f"HTTP {status}")]


# --- watching -------------------------------------------------------------------------------


class Ingested:
    """An `ingest` callback that records what each poll handed it."""

    def __init__(self) -> None:
        self.polls: list[list[str]] = []

    def __call__(self, results: Iterable[Document | Skipped]) -> None:
        self.polls.append(urls(results))


def test_watch_ingests_only_new_items_and_survives_a_feed_that_goes_down(
    loopback: Loopback,
) -> None:
    a, b, c = (loopback.route(path, Reply()) for path in ("/a", "/b", "/c"))
    feed = loopback.route(
        "/feed.xml",
        Reply(body=rss(("A", a, None), ("B", b, None)), content_type=RSS),
        Reply(body=rss(("C", c, None), ("A", a, None), ("B", b, None)), content_type=RSS),
        Reply(503, b"", "text/plain"),
        Reply(body=rss(("C", c, None), ("B", b, None)), content_type=RSS),
    )
    ingested, sleeps = Ingested(), []
    with make_client(allow_private_hosts=True, timeout=5) as client:
        watch([feed], every_seconds=900, ingest=ingested, seen=lambda url: False, client=client,
              allow_private_hosts=True, iterations=4, retries=0, sleep=sleeps.append,
              clock=lambda: 0.0)
    assert ingested.polls == [[a, b], [c], [f"skipped {feed}"], []]
    assert [loopback.hits(path) for path in ("/a", "/b", "/c")] == [1, 1, 1]
    assert sleeps == [900, 900, 900]


def test_watch_asks_the_store_which_items_it_has(loopback: Loopback) -> None:
    a, b = loopback.route("/a", Reply()), loopback.route("/b", Reply())
    feed = loopback.route(
        "/feed.xml", Reply(body=rss(("A", a, None), ("B", b, None)), content_type=RSS)
    )
    ingested = Ingested()
    with make_client(allow_private_hosts=True, timeout=5) as client:
        watch([feed], every_seconds=60, ingest=ingested, seen=lambda url: url == a,
              client=client, allow_private_hosts=True, iterations=1, sleep=no_sleep)
    assert ingested.polls == [[b]]


def test_watch_reports_a_down_feed_and_still_ingests_the_others(loopback: Loopback) -> None:
    page = loopback.route("/page", Reply())
    good = loopback.route("/good.xml", Reply(body=rss(("P", page, None)), content_type=RSS))
    down = loopback.url("/down.xml")
    ingested = Ingested()
    with make_client(allow_private_hosts=True, timeout=5) as client:
        watch([down, good], every_seconds=60, ingest=ingested, seen=lambda url: False,
              client=client, allow_private_hosts=True, iterations=2, sleep=no_sleep)
    assert ingested.polls == [[f"skipped {down}", page], [f"skipped {down}"]]


def test_watch_waits_only_for_what_is_left_of_the_interval(loopback: Loopback) -> None:
    feed = loopback.route("/feed.xml", Reply(body=rss(), content_type=RSS))
    ticks = iter([0.0, 40.0, 100.0, 130.0])  # each poll takes 40 s, then 30 s
    sleeps: list[float] = []
    with make_client(allow_private_hosts=True, timeout=5) as client:
        watch([feed], every_seconds=60, ingest=Ingested(), seen=lambda url: False,
              client=client, allow_private_hosts=True, iterations=2, sleep=sleeps.append,
              clock=lambda: next(ticks))
    assert sleeps == [20.0]


# --- intervals ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("15m", 900), ("2h", 7200), ("1d", 86400), ("90", 90), (" 15M ", 900)],
)
def test_intervals_are_read_in_seconds(text: str, seconds: int) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15x", "0m", "-5m", "1.5h", "m"])
def test_malformed_intervals_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="invalid interval"):
        parse_interval(text)
