"""RSS/Atom feeds: parse them, fetch the pages their items link to, and watch them.

feedparser only ever sees bytes in memory (it would otherwise fetch URLs or open file names
itself); every network request goes through `web.fetch` and its host checks.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

import feedparser
import httpx

from newsevents.errors import InputError
from newsevents.models import Document, IngestSummary, Skipped
from newsevents.web import FEED_TYPES, Sleep, fetch, is_url, make_client

if TYPE_CHECKING:
    from newsevents.pipeline import Coded, Coder, Jobs, RunOptions
    from newsevents.store import Store

logger = logging.getLogger(__name__)

Seen = Callable[[str], bool]
"""True when an item URL was ingested before (the store answers this)."""

_INTERVAL_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None
    published: date | None


@dataclass(frozen=True)
class _ParsedFeed:
    items: list[FeedItem]
    without_link: int


def _item_date(entry: feedparser.FeedParserDict) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _parse(body: bytes, url: str) -> _ParsedFeed:
    # A BytesIO, never bytes: feedparser would treat bytes as a file name and open it.
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        raise InputError(url, "not an RSS/Atom feed" + (f": {problem}" if problem else ""))
    items: dict[str, FeedItem] = {}
    without_link = 0
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            without_link += 1
            continue
        item_url = urljoin(url, link)
        title = entry.get("title") or None
        items.setdefault(item_url, FeedItem(item_url, title, _item_date(entry)))
    return _ParsedFeed(list(items.values()), without_link)


def parse_feed(body: bytes, url: str) -> list[FeedItem]:
    """The items of an RSS/Atom feed, in feed order, one per distinct link.

    Relative links are resolved against `url`; InputError if the body is not a feed.
    """
    return _parse(body, url).items


def fetch_items(
    items: Iterable[FeedItem],
    client: httpx.Client,
    *,
    allow_private_hosts: bool = False,
    retries: int = 3,
    sleep: Sleep = time.sleep,
) -> Iterator[tuple[FeedItem, Document | Skipped]]:
    """Fetch each item's page; the item's date and title become the Document's hints."""
    for item in items:
        try:
            page = fetch(
                item.url, client,
                allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep,
            )
        except InputError as exc:
            yield item, Skipped(item.url, exc.reason)
            continue
        if page.content_type in FEED_TYPES:
            yield item, Skipped(item.url, f"feed item links to a feed ({page.content_type})")
        else:
            yield item, replace(page, published_hint=item.published, title_hint=item.title)


def _read_feed(
    feed: str | Path, client: httpx.Client, *, allow_private_hosts: bool, retries: int,
    sleep: Sleep,
) -> _ParsedFeed:
    """Fetch (URL) or read (path) and parse a feed; InputError when that fails."""
    name = str(feed)
    if is_url(name):
        document = fetch(
            name, client, allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep
        )
        return _parse(document.body, document.url)  # links are relative to the final URL
    try:
        body = Path(feed).read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read feed: {exc.strerror or exc}") from exc
    return _parse(body, name)


def _documents_of(
    parsed: _ParsedFeed, feed: str, client: httpx.Client, *, allow_private_hosts: bool,
    seen: Seen | None, retries: int, sleep: Sleep,
) -> Iterator[Document | Skipped]:
    if parsed.without_link:
        yield Skipped(feed, f"{parsed.without_link} feed items without a link skipped")
    fresh = [item for item in parsed.items if seen is None or not seen(item.url)]
    for _item, result in fetch_items(
        fresh, client, allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep
    ):
        yield result


def iter_feed_body_documents(
    body: bytes,
    url: str,
    client: httpx.Client,
    *,
    allow_private_hosts: bool = False,
    seen: Seen | None = None,
    retries: int = 3,
    sleep: Sleep = time.sleep,
) -> Iterator[Document | Skipped]:
    """The item pages of a feed already in hand (`web.iter_url_documents` uses this)."""
    try:
        parsed = _parse(body, url)
    except InputError as exc:
        yield Skipped(url, exc.reason)
        return
    yield from _documents_of(
        parsed, url, client, allow_private_hosts=allow_private_hosts, seen=seen,
        retries=retries, sleep=sleep,
    )


def iter_feed_documents(
    feed_url_or_path: str | Path,
    client: httpx.Client,
    *,
    allow_private_hosts: bool = False,
    seen: Seen | None = None,
    retries: int = 3,
    sleep: Sleep = time.sleep,
) -> Iterator[Document | Skipped]:
    """The pages a feed (http(s) URL or local file) links to, skipping items `seen` knows.

    A feed that cannot be read is one Skipped; an item that fails is one Skipped and the
    others continue.
    """
    name = str(feed_url_or_path)
    try:
        parsed = _read_feed(
            feed_url_or_path, client,
            allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep,
        )
    except InputError as exc:
        yield Skipped(name, exc.reason)
        return
    yield from _documents_of(
        parsed, name, client, allow_private_hosts=allow_private_hosts, seen=seen,
        retries=retries, sleep=sleep,
    )


def _poll_documents(
    feeds: Sequence[str], handled: dict[str, set[str]], client: httpx.Client, *,
    allow_private_hosts: bool, seen: Seen, retries: int, sleep: Sleep,
) -> Iterator[Document | Skipped]:
    """One poll; `handled[feed]` is updated to the listed items that gave a Document."""
    for feed in feeds:
        try:
            parsed = _read_feed(
                feed, client, allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep
            )
        except InputError as exc:
            logger.warning("feed %s is unavailable: %s", feed, exc.reason)
            yield Skipped(feed, exc.reason)
            continue  # what this feed had given stays remembered
        known = set().union(*handled.values())
        # Forget items that left the feed, so memory stays the size of the feeds.
        done = handled[feed] = handled.get(feed, set()) & {item.url for item in parsed.items}
        fresh = [item for item in parsed.items if item.url not in known and not seen(item.url)]
        for item, result in fetch_items(
            fresh, client, allow_private_hosts=allow_private_hosts, retries=retries, sleep=sleep
        ):
            if isinstance(result, Document):
                done.add(item.url)
            yield result


def watch(
    feeds: Sequence[str],
    *,
    every_seconds: float,
    ingest: Callable[[Iterable[Document | Skipped]], object],
    seen: Seen,
    client: httpx.Client,
    allow_private_hosts: bool = False,
    iterations: int | None = None,
    retries: int = 3,
    sleep: Sleep = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Poll `feeds` every `every_seconds` (forever, or `iterations` times) and ingest new items.

    Each poll hands one iterable to `ingest`: the pages of items neither `seen` nor already
    fetched in this run, plus a Skipped for each feed that is down or item that fails; a down
    feed is also logged, and the next poll tries it again.
    """
    handled: dict[str, set[str]] = {}  # per feed: item URLs that gave a Document in this run
    poll = 0
    while iterations is None or poll < iterations:
        started = clock()
        ingest(_poll_documents(
            feeds, handled, client,
            allow_private_hosts=allow_private_hosts, seen=seen, retries=retries, sleep=sleep,
        ))
        poll += 1
        if iterations is None or poll < iterations:
            sleep(max(0.0, every_seconds - (clock() - started)))


def watch_into_store(
    feeds: Sequence[str],
    store: Store,
    *,
    every_seconds: float,
    options: RunOptions,
    polls: int | None = None,
    coder: Callable[[], Coder] | None = None,
    client: httpx.Client | None = None,
    on_poll: Callable[[IngestSummary], object] | None = None,
    sleep: Sleep = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """`newsevents watch`: poll `feeds` and ingest every new item page into `store`.

    Items the store has a URL for are not fetched again, across runs; each poll is one
    `pipeline.process` run (one transaction per article) whose summary goes to `on_poll`.
    """
    from newsevents import pipeline

    load = functools.cache(coder or pipeline.Coder.load)  # one model for every poll
    own_client = client is None
    active = client or make_client(allow_private_hosts=options.allow_private_hosts)

    def ingest(items: Iterable[Document | Skipped]) -> None:
        def engine(jobs: Jobs, run: RunOptions, make: Callable[[], Coder]
                   ) -> Iterator[tuple[list[Coded], list[Skipped]]]:
            # process() is given no sources: the poll's items reach it through this seam.
            return pipeline.code_batches(pipeline.batches(items, run.batch_size), run, make)

        summary = pipeline.process([], store, options=options, coder=load, engine=engine)
        if on_poll is not None:
            on_poll(summary)

    try:
        watch(feeds, every_seconds=every_seconds, ingest=ingest, seen=store.has_url,
              client=active, allow_private_hosts=options.allow_private_hosts,
              iterations=polls, sleep=sleep, clock=clock)  # fmt: skip
    finally:
        if own_client:
            active.close()


def parse_interval(text: str) -> int:
    """"30s", "15m", "2h", "1d" (or bare seconds, "90") -> seconds; ValueError otherwise."""
    match = re.fullmatch(r"\s*(\d+)\s*([smhd]?)\s*", text.lower())
    if match is None or int(match[1]) == 0:
        raise ValueError(f"invalid interval {text!r}: use a positive number with s, m, h or d")
    return int(match[1]) * _INTERVAL_UNITS[match[2] or "s"]
