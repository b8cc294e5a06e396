"""Syndicated copies end to end: a 50-story corpus ingested twice, then with wire copies of
ten of its stories on another site, stores each story once with every URL that carried it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from stories import page, story, syndicated

from newsevents.pipeline import Coder, RunOptions, process
from newsevents.store import TABLES, Store

CORPUS = 50
COPIED = range(0, CORPUS, 5)  # ten stories get a wire copy
WIRE, DAILY = "Wire One", "Daily Two"
OPTIONS = RunOptions(workers=1)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:") as opened:
        yield opened


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for number in range(CORPUS):
        (folder / f"story-{number:02}.html").write_bytes(page(story(number), WIRE))
    return folder


def write_copies(folder: Path) -> Path:
    folder.mkdir()
    for number in COPIED:
        copy = syndicated(story(number), DAILY)
        (folder / f"daily-{number:02}.html").write_bytes(page(copy, DAILY))
    return folder


def snapshot(store: Store) -> dict[str, list[str]]:
    con = store._con  # every row, bypassing the API on purpose
    return {table: sorted(map(repr, con.execute(f"SELECT * FROM {table}").fetchall()))
            for table in TABLES}  # fmt: skip


def test_a_corpus_ingested_twice_and_with_wire_copies_stores_each_story_once(
    tmp_path: Path, store: Store, coder: Coder
) -> None:
    corpus, copies = write_corpus(tmp_path / "wire"), write_copies(tmp_path / "daily")

    def ingest(folder: Path) -> int:
        summary = process([str(folder)], store, options=OPTIONS, coder=lambda: coder)
        assert summary.skipped == ()
        return summary.new_articles

    assert ingest(corpus) == CORPUS
    first = snapshot(store)
    events = {record["id"]: record for record in store.events()}
    assert len(first["articles"]) == CORPUS and events
    assert all(record["num_sources"] == 1 for record in events.values())

    assert ingest(corpus) == 0
    assert snapshot(store) == first  # a second ingest changes nothing at all

    assert ingest(copies) == 0
    assert store.counts()["articles"] == CORPUS
    by_story = {int(a.url.rsplit("-", 1)[1][:2]): a for a in store.articles()}
    for number, article in by_story.items():
        urls = store.article_urls(article.id)
        if number in COPIED:
            assert [url.rsplit("/", 1)[1] for url in urls] == [
                f"daily-{number:02}.html", f"story-{number:02}.html"
            ]
        else:
            assert len(urls) == 1
    after = {record["id"]: record for record in store.events()}
    assert after.keys() == events.keys()  # no event gained or lost
    copied_ids = {by_story[number].id for number in COPIED}
    for event_id, record in after.items():
        carried = bool(copied_ids & set(record["article_ids"]))
        assert record["num_sources"] == (2 if carried else 1), record["article_ids"]
        assert record["num_articles"] == events[event_id]["num_articles"]
    assert sum(1 for record in after.values() if record["num_sources"] == 2) >= len(COPIED)


def test_stories_from_the_templates_are_not_near_duplicates_of_each_other() -> None:
    from newsevents.dedup import NearDuplicateIndex

    index = NearDuplicateIndex()
    for number in range(CORPUS):
        text = story(number).text
        assert index.find(text) is None, number
        index.add(str(number), text)
    assert all(index.find(syndicated(story(n), DAILY).text) == str(n) for n in COPIED)
