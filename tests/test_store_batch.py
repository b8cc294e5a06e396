"""Batches of articles in one transaction: the same database as one article at a time."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from test_store import (
    PROTEST,
    WIRE_COPY,
    _snapshot,
    full_mention,
    make_article,
    make_mention,
    wire_article,
)

from newsevents import export
from newsevents.errors import StoreError
from newsevents.models import DateRef, Evidence, Party, Place
from newsevents.store import Saving, Store
from newsevents.store_batch import BatchWriter

NOON = datetime(2024, 1, 18, 12)


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:", clock=lambda: NOON) as opened:
        yield opened


def _story(n: int, site: str = "one.example") -> Saving:
    """Article n: a strike (event 'strike', shared by all) and a protest of its own."""
    article = make_article(f"Story number {n} about strikes and a protest.",
                           url=f"https://{site}/{n}", site=site)
    evidence = (Evidence(article.id, article.url, f"Sentence {n}.", n, n + 10),)
    strike = make_mention(article, "strike", evidence=evidence, confidence=0.5 + n / 100,
                          fatalities=None if n < 2 else n, attributed_to=(f"Agency {n % 2}",),
                          actor=None if n == 0 else make_mention(article).actor,
                          date=DateRef(None) if n < 3 else DateRef(date(2024, 1, n), "day"))
    protest = make_mention(article, f"protest-{n}", code=PROTEST, evidence=evidence)
    return Saving(article, [strike, protest], article.url)


def _records(store: Store) -> list[dict[str, Any]]:
    return store.events()


# --- merging records -------------------------------------------------------------------


def _varied_mentions() -> list[Any]:
    base = full_mention()
    return [
        replace(base, actor=None, fatalities=None, date=DateRef(None), responds_to=None,
                confidence=0.4, reason="verb 'strike'; noun 'raid'", attributed_to=("CNN",)),
        replace(base, article_id="a2", target=None, confidence=0.9, reason="verb 'strike'",
                co_actors=(Party("Syria", "Syria", "SYR", "GOV"), Party("Iraq", "Iraq", "IRQ")),
                evidence=(Evidence("a2", "https://y.example/b", "Three.", 0, 6),)),
        replace(base, article_id="a3", location=Place("Quetta", "Quetta", "PAK"),
                date=DateRef(date(2024, 1, 20), "day", "Saturday"), injuries=None,
                evidence=(*base.evidence, Evidence("a3", "https://z.example/c", "Four.", 1, 5))),
        replace(base, article_id="a2", factuality="claimed", reason=None),
    ]


URLS = {"a9": "https://x.example/a", "a2": "https://y.example/b", "a3": "https://z.example/c"}


@pytest.mark.parametrize("split", range(1, 4))
@pytest.mark.parametrize("order", list(itertools.permutations(range(4)))[::5])
def test_merging_two_records_equals_the_record_of_all_their_mentions(
    split: int, order: tuple[int, ...]
) -> None:
    mentions = [_varied_mentions()[i] for i in order]
    whole = export.event_record(mentions, urls=URLS, sites={})
    merged = export.merge_records(export.event_record(mentions[:split], urls=URLS, sites={}),
                                  export.event_record(mentions[split:], urls=URLS, sites={}))
    assert list(merged) == list(whole)  # same fields, same order
    assert {**merged, "num_sources": None} == {**whole, "num_sources": None}


def test_a_reason_listing_several_rules_is_not_repeated() -> None:
    record = export.event_record(_varied_mentions()[:2], urls=URLS, sites={})
    assert record["reason"] == "verb 'strike'; noun 'raid'"


# --- batches -----------------------------------------------------------------------------


def test_a_batch_stores_what_one_article_at_a_time_stores(store: Store) -> None:
    stories = [_story(n) for n in range(6)] + [_story(1, "two.example"), _story(4)]
    with Store.open(":memory:", clock=lambda: NOON) as one_by_one:
        singles = [one_by_one.save_articles([item])[0] for item in stories]
        expected = _snapshot(one_by_one), _records(one_by_one)
    assert store.save_articles(stories[:3]) + store.save_articles(stories[3:]) == singles
    assert singles == [True] * 6 + [False, False]
    assert (_snapshot(store), _records(store)) == expected


def test_an_event_told_by_every_article_of_a_batch_gathers_them_all(store: Store) -> None:
    stories = [_story(n, f"site{n}.example") for n in range(5)]
    store.save_articles(stories)
    strike = store.event("strike")
    assert strike is not None
    assert strike["article_ids"] == [s.article.id for s in stories]
    assert (strike["num_articles"], strike["num_sources"]) == (5, 5)
    assert strike["actor"]["country"] == "PAK"  # the first article has no actor: the next's
    assert strike["fatalities"] == 2 and strike["date"] == "2024-01-03"
    assert strike["confidence"] == 0.54
    assert strike["attributed_to"] == ["Agency 0", "Agency 1"]
    assert len(store.mentions_for("strike")) == 5


def test_copies_inside_one_batch_are_found(store: Store) -> None:
    original, copy = wire_article(), wire_article(WIRE_COPY, "daily.example")
    same = replace(original, url="https://mirror.example/story", site="mirror.example")
    saved = store.save_articles([Saving(original, [make_mention(original)], original.url),
                                 Saving(copy, [make_mention(copy)], copy.url),
                                 Saving(same, [make_mention(same)], same.url)])
    assert saved == [True, False, False]
    assert store.counts()["articles"] == 1
    assert store.article_urls(original.id) == sorted([original.url, copy.url, same.url])
    assert store.event("ev1")["num_sources"] == 3  # type: ignore[index]


def test_a_bad_article_in_a_batch_keeps_the_ones_before_it(store: Store) -> None:
    good, later = _story(1), _story(2)
    bad_article = make_article("A story whose mention belongs to another article.")
    stranger = make_mention(make_article("Some other text."))
    with pytest.raises(StoreError, match="other articles"):
        store.save_articles([good, Saving(bad_article, [stranger], bad_article.url), later])
    assert [a.id for a in store.articles()] == [good.article.id]
    assert store.save_articles([later]) == [True]


def test_a_failing_batch_changes_nothing_and_forgets_its_signatures(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = make_article("An earlier story about a protest.", url="https://a.example/1")
    store.save_articles([Saving(first, [make_mention(first, "ev0", code=PROTEST)], first.url)])
    before = _snapshot(store)

    def broken(*args: object, **kwargs: object) -> list[int]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(BatchWriter, "_count_sources", broken)
    original = wire_article()
    with pytest.raises(StoreError, match="disk full"):
        store.save_articles([Saving(original, [make_mention(original)], original.url),
                             _story(7)])
    assert _snapshot(store) == before
    assert store._signatures.index is not None and original.id not in store._signatures.index
    monkeypatch.undo()
    assert store.save_articles([Saving(original, [], original.url)]) == [True]


def test_an_empty_batch_writes_nothing(store: Store) -> None:
    assert store.save_articles([]) == []
    assert sum(store.counts().values()) == 0


def test_a_failed_commit_forgets_the_batchs_signatures(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = wire_article()
    real = store._con

    class CommitFails:  # the connection, but its commit fails (a full disk at the end)
        def __getattr__(self, name: str) -> Any:
            return getattr(real, name)

        def commit(self) -> None:
            raise RuntimeError("disk full at commit")

    monkeypatch.setattr(store, "_con", CommitFails())
    with pytest.raises(StoreError, match="disk full at commit"):
        store.save_articles([Saving(original, [make_mention(original)], original.url)])
    monkeypatch.undo()
    assert store._signatures.index is not None and original.id not in store._signatures.index
    copy = wire_article(WIRE_COPY, "daily.example")
    assert store.save_articles([Saving(copy, [], copy.url)]) == [True]
