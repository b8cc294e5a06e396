"""Web sources end to end, through the command line and `pipeline.process`: feeds on a
loopback server (allowed only with --allow-private-hosts), `newsevents watch`, and the
end-of-run summary of every source that failed. Nothing here leaves 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from loopback import RSS, Reply, Site, rss, serving
from stories import page, story
from typer.testing import CliRunner, Result

from newsevents.cli import app
from newsevents.feeds import watch_into_store
from newsevents.models import IngestSummary
from newsevents.pipeline import Coder, RunOptions
from newsevents.store import Store

SITE = "Wire One"
THURSDAY, FRIDAY = "Thu, 18 Jan 2024 08:00:00 GMT", "Fri, 19 Jan 2024 09:30:00 GMT"


@pytest.fixture(scope="module")
def server() -> Iterator[Site]:
    with serving() as site:
        yield site


@pytest.fixture
def site(server: Site) -> Site:
    """The module's server with no routes and no requests seen."""
    return server.reset()


def story_route(site: Site, number: int) -> str:
    return site.route(f"/news/story-{number}", Reply(body=page(story(number), SITE)))


def feed_of(site: Site, *numbers: int, path: str = "/feed.xml") -> str:
    items = [(story(n).headline, site.url(f"/news/story-{n}"), THURSDAY if n % 2 else FRIDAY)
             for n in numbers]  # fmt: skip
    return site.route(path, Reply(body=rss(*items), content_type=RSS))


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, [*args], catch_exceptions=False)


def stored_articles(db: Path) -> list[dict[str, object]]:
    result = cli("articles", "--db", str(db), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


# --- feeds on a loopback server ----------------------------------------------------------------


def test_a_loopback_feed_is_ingested_with_allow_private_hosts(site: Site, tmp_path: Path) -> None:
    one, two = story_route(site, 1), story_route(site, 2)
    feed = feed_of(site, 1, 2)
    db = tmp_path / "events.duckdb"
    result = cli("ingest", feed, "--db", str(db), "--allow-private-hosts", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "stored 2 articles (2 new)" in result.stderr
    articles = {record["url"]: record for record in stored_articles(db)}
    assert articles.keys() == {one, two}
    # The pages carry no date: each item's date from the feed is its publication date.
    assert (articles[one]["published"], articles[two]["published"]) == ("2024-01-18", "2024-01-19")
    assert articles[one]["site"] == SITE
    assert [path for path, _headers in site.requests] == [
        "/feed.xml", "/news/story-1", "/news/story-2"
    ]


def test_a_loopback_feed_is_refused_by_default_naming_the_url(site: Site, tmp_path: Path) -> None:
    story_route(site, 1)
    feed = feed_of(site, 1)
    db = tmp_path / "events.duckdb"
    result = cli("ingest", feed, "--db", str(db), "--workers", "1")
    assert result.exit_code == 1
    assert (f"skipped {feed}: refused: 127.0.0.1 resolves to loopback address 127.0.0.1 "
            "(private hosts are not allowed)") in result.stderr  # fmt: skip
    assert site.requests == []  # refused before any connection
    assert stored_articles(db) == []


# --- watch -------------------------------------------------------------------------------------


def test_watch_ingests_only_unseen_items_and_survives_a_feed_that_is_down(
    site: Site, coder: Coder
) -> None:
    for number in range(1, 5):
        story_route(site, number)
    item = {n: (story(n).headline, site.url(f"/news/story-{n}"), THURSDAY) for n in range(1, 5)}
    feed = site.route(
        "/feed.xml",
        Reply(body=rss(item[1], item[2]), content_type=RSS),
        Reply(body=rss(item[3], item[1], item[2]), content_type=RSS),
        *[Reply(503, b"busy", "text/plain")] * 4,  # the first try and three retries
        Reply(body=rss(item[4], item[3]), content_type=RSS),
    )
    gone = site.url("/gone.xml")  # down for the whole run
    summaries: list[IngestSummary] = []
    sleeps: list[float] = []
    with Store.open(":memory:") as store:
        watch_into_store(
            [gone, feed], store, every_seconds=900, options=RunOptions(allow_private_hosts=True),
            polls=4, coder=lambda: coder, on_poll=summaries.append, sleep=sleeps.append,
            clock=lambda: 0.0,
        )
        assert [s.new_articles for s in summaries] == [2, 1, 0, 1]
        assert store.counts()["articles"] == 4
    assert all(any(skip.source == gone and "HTTP 404" in skip.reason for skip in s.skipped)
               for s in summaries)  # fmt: skip
    assert any(skip.source == feed and "HTTP 503" in skip.reason for skip in summaries[2].skipped)
    assert [site.hits(f"/news/story-{n}") for n in range(1, 5)] == [1, 1, 1, 1]
    assert sleeps.count(900) == 3  # between polls, none after the last


def test_the_watch_command_polls_and_remembers_what_it_stored_across_runs(
    site: Site, tmp_path: Path
) -> None:
    story_route(site, 1), story_route(site, 2)
    feed, gone = feed_of(site, 1, 2), site.url("/gone.xml")
    db = tmp_path / "events.duckdb"
    args = ("watch", gone, feed, "--every", "15m", "--polls", "1", "--db", str(db),
            "--allow-private-hosts", "--workers", "1")  # fmt: skip
    first = cli(*args)
    assert first.exit_code == 0, first.output
    assert f"skipped {gone}: HTTP 404" in first.stderr
    assert "poll 1: read 2 documents, stored 2 articles (2 new)" in first.stderr
    again = cli(*args)
    assert again.exit_code == 0, again.output
    assert "poll 1: read 0 documents" in again.stderr
    assert [site.hits(f"/news/story-{n}") for n in (1, 2)] == [1, 1]
    assert len(stored_articles(db)) == 2


@pytest.mark.parametrize("every", ["soon", "0m", "-5m"])
def test_the_watch_command_refuses_a_bad_interval(every: str, tmp_path: Path) -> None:
    result = cli("watch", "feed.rss", "--every", every, "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code != 0
    assert "every" in result.output


# --- failing sources -----------------------------------------------------------------------


def test_every_failing_source_is_in_the_summary_and_the_run_goes_on(
    site: Site, tmp_path: Path
) -> None:
    db = tmp_path / "events.duckdb"
    earlier = tmp_path / "earlier.html"
    earlier.write_bytes(page(story(7), SITE))
    assert cli("ingest", str(earlier), "--db", str(db), "--workers", "1").exit_code == 0
    good_file = tmp_path / "good.html"
    good_file.write_bytes(page(story(8), SITE))
    good_url = story_route(site, 9)
    image = site.route("/logo.png", Reply(body=b"\x89PNG\r\n", content_type="image/png"))
    busy = site.route("/busy", Reply(404, b"", "text/plain"))
    broken = tmp_path / "broken.warc.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage")
    missing = str(tmp_path / "missing.html")
    sources = [missing, image, str(good_file), busy, str(broken), good_url]
    result = cli("ingest", *sources, "--db", str(db), "--allow-private-hosts", "--workers", "1")
    assert result.exit_code == 1  # some named sources were unusable
    reasons = {
        missing: "no such file or directory",
        image: "unsupported content type image/png",
        busy: "HTTP 404",
        str(broken): "no WARC records",
    }
    lines = result.stderr.splitlines()
    for source, reason in reasons.items():
        assert any(line.startswith(f"skipped {source}: ") and reason in line for line in lines), (
            source, result.stderr)
    assert "stored 2 articles (2 new)" in result.stderr
    urls = {record["url"] for record in stored_articles(db)}
    assert urls == {earlier.resolve().as_uri(), good_file.resolve().as_uri(), good_url}


def test_a_run_where_nothing_is_usable_exits_non_zero(tmp_path: Path) -> None:
    result = cli("ingest", str(tmp_path / "nothing.html"), "--db", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 1
    assert "no such file or directory" in result.stderr


def test_item_dates_do_not_override_a_date_the_page_states(site: Site, tmp_path: Path) -> None:
    site.route("/news/story-1", Reply(body=page(story(1), SITE, published="2024-01-10")))
    feed = feed_of(site, 1)
    db = tmp_path / "events.duckdb"
    assert cli("ingest", feed, "--db", str(db), "--allow-private-hosts", "--workers", "1"
               ).exit_code == 0
    [article] = stored_articles(db)
    assert article["published"] == date(2024, 1, 10).isoformat()
