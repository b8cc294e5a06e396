"""The DuckDB store: one transaction per article, events rebuilt from stored mentions."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents import export
from newsevents.dedup import NUM_PERM, SIGNATURE_SCHEME, signature, signature_to_bytes
from newsevents.errors import StoreError
from newsevents.models import Article, DateRef, EventCode, Evidence, Mention, Party, Place
from newsevents.store import (
    SCHEMA_VERSION,
    SIGNATURE_SCHEME_KEY,
    TABLES,
    Saving,
    Store,
    mention_from_dict,
    mention_to_dict,
)
from newsevents.store_batch import BatchWriter

CODE = EventCode("ASSAULT", "aerial", ("military",), "195", -10.0, 4, -9.5,
                 "Explosions/Remote violence", "Air/drone strike")  # fmt: skip
PROTEST = EventCode("PROTEST", "demonstrate", (), "141", -6.5, 3, -6.5, "Protests",
                    "Peaceful protest")  # fmt: skip


def make_article(
    text: str = "Pakistan struck targets in Iran on Thursday.", **changes: Any
) -> Article:
    article = Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        url="https://one.example/story",
        title="Pakistan Strikes Iran",
        published=date(2024, 1, 18),
        site="one.example",
        text=text,
        paragraphs=tuple(text.split("\n\n")),
        caption="A caption.",
    )
    return replace(article, **changes)


def make_mention(article: Article, event_id: str = "ev1", **changes: Any) -> Mention:
    mention = Mention(
        id=event_id,
        article_id=article.id,
        code=CODE,
        actor=Party("Pakistan's military", "Pakistan", "PAK", "MIL"),
        target=Party("insurgents", "insurgents", None, "REB"),
        location=Place("Iran", "Iran", "IRN", precision="country", lat=32.0, lon=53.0),
        date=DateRef(date(2024, 1, 18), "day", "Thursday"),
        evidence=(Evidence(article.id, article.url, article.text, 0, len(article.text)),),
        confidence=0.7,
    )
    return replace(mention, **changes)


def full_mention() -> Mention:
    """Every field set, nested records included."""
    return Mention(
        id="ev9",
        article_id="a9",
        code=CODE,
        actor=Party("Iran-backed militias", "militias", None, "REB", patron="IRN"),
        target=Party("American troops", "United States", "USA", "MIL"),
        location=Place("Siestan-o-Baluchistan", "Sistan and Baluchestan", "IRN",
                       "Sistan and Baluchestan", "IR-11", 27.5, 60.6, "admin1"),
        date=DateRef(date(2024, 1, 16), "day", "Tuesday"),
        evidence=(Evidence("a9", "https://x.example/a", "One.", 0, 4),
                  Evidence("a9", "https://x.example/a", "Two.", 5, 9)),
        co_actors=(Party("Syria", "Syria", "SYR", "GOV"),),
        fatalities=2,
        injuries=3,
        factuality="asserted",
        attributed_to=("Fox News", "CNN"),
        responds_to="ev0",
        confidence=0.85,
        reason="injured",
    )  # fmt: skip


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:") as opened:
        yield opened


def _snapshot(store: Store) -> dict[str, list[str]]:
    con = store._con  # the test looks at every row, bypassing the API on purpose
    return {table: sorted(map(repr, con.execute(f"SELECT * FROM {table}").fetchall()))
            for table in (*TABLES, "meta")}  # fmt: skip


# --- Mention <-> dict ------------------------------------------------------------------


@pytest.mark.parametrize(
    "mention",
    [full_mention(), make_mention(make_article()),
     replace(full_mention(), actor=None, target=None, location=None, date=DateRef(None),
             evidence=(), co_actors=(), attributed_to=(), responds_to=None)],
    ids=["full", "typical", "sparse"],
)  # fmt: skip
def test_mentions_round_trip_through_json_exactly(mention: Mention) -> None:
    data = json.loads(json.dumps(mention_to_dict(mention)))
    assert mention_from_dict(data) == mention


def test_mention_dict_is_plain_json() -> None:
    data = mention_to_dict(full_mention())
    assert data["date"] == {"date": "2024-01-16", "precision": "day", "text": "Tuesday"}
    assert data["code"]["context"] == ["military"]
    assert data["actor"]["patron"] == "IRN"


# --- opening ---------------------------------------------------------------------------


def test_a_new_store_is_empty_and_versioned(store: Store) -> None:
    assert store.counts() == dict.fromkeys(TABLES, 0)
    row = store._con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert row == (str(SCHEMA_VERSION),)


def test_opening_creates_the_parent_folder_and_reopens_the_data(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "dir" / "events.duckdb"
    article = make_article()
    mention = make_mention(article)
    with Store.open(path) as first:
        assert first.save_article(article, [mention], url=article.url)
    with Store.open(path) as again:
        assert again.article(article.id) == article
        assert again.mentions_for("ev1") == [mention]
        assert again.event("ev1") == export.event_record(
            [mention], urls={article.id: article.url}, sites={article.id: article.site}
        )


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("just some notes\n" * 100)
    with pytest.raises(StoreError, match="not a DuckDB database"):
        Store.open(path)


def test_a_database_locked_by_another_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    Store.open(path).close()
    command = [
        sys.executable, "-c",
        "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
        "sys.stdin.read()",
        str(path),
    ]  # fmt: skip
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdin is not None and holder.stdout is not None
        try:
            assert holder.stdout.readline().strip() == "ready"
            with pytest.raises(StoreError, match="in use by another process"):
                Store.open(path)
        finally:
            holder.stdin.close()
            holder.wait(timeout=20)


def test_an_unknown_schema_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    with Store.open(path) as opened:
        opened._con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        Store.open(path)


# --- saving ----------------------------------------------------------------------------


def test_saving_an_article_stores_it_with_its_mentions_and_events(store: Store) -> None:
    article = make_article()
    mentions = [make_mention(article), make_mention(article, "ev2", code=PROTEST,
                                                    responds_to="ev1")]  # fmt: skip
    assert store.save_article(article, mentions, url=article.url, content_type="text/html")
    assert store.counts() == {
        "documents": 1, "articles": 1, "article_urls": 1, "signatures": 1, "mentions": 2,
        "events": 2, "event_articles": 2, "links": 1,
    }  # fmt: skip
    assert store.article(article.id) == article
    assert store.mentions_for("ev2") == [mentions[1]]
    record = store.event("ev2")
    assert record is not None
    assert (record["type"], record["responds_to"], record["article_ids"]) == (
        "PROTEST", "ev1", [article.id]
    )


def test_the_same_article_twice_is_stored_once_and_gains_the_other_site(store: Store) -> None:
    article = make_article()
    mention = make_mention(article)
    assert store.save_article(article, [mention], url=article.url) is True
    [before] = store.events()
    again = replace(article, url="https://mirror.example/copy", site="mirror.example")
    assert store.save_article(again, [mention], url=again.url) is False
    [after] = store.events()
    assert {**after, "num_sources": 1} == before  # only the count of sites changed
    assert (after["num_articles"], after["num_sources"]) == (1, 2)
    assert store.counts()["articles"] == 1
    assert store.counts()["mentions"] == 1
    assert store.article_urls(article.id) == ["https://mirror.example/copy", article.url]
    snapshot = _snapshot(store)
    assert store.save_article(again, [mention], url=again.url) is False
    assert _snapshot(store) == snapshot  # re-ingesting changes nothing


def test_mentions_of_one_event_in_two_articles_make_one_event(store: Store) -> None:
    first = make_article("Pakistan struck Iran.")
    second = make_article("Iran was struck by Pakistan.", url="https://two.example/b",
                          site="two.example")  # fmt: skip
    store.save_article(first, [make_mention(first, confidence=0.6)], url=first.url)
    store.save_article(second, [make_mention(second, confidence=0.9, fatalities=4)],
                       url=second.url)  # fmt: skip
    [record] = store.events()
    assert record["article_ids"] == [first.id, second.id]
    assert (record["num_articles"], record["num_sources"]) == (2, 2)
    assert record["confidence"] == 0.9
    assert record["fatalities"] == 4
    assert [item["url"] for item in record["evidence"]] == [first.url, second.url]
    assert len(store.mentions_for("ev1")) == 2
    assert store.counts()["event_articles"] == 2


def test_a_failure_inside_save_article_leaves_the_database_as_it_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = make_article("An earlier story about a protest.")
    store.save_article(earlier, [make_mention(earlier, "ev0", code=PROTEST)], url=earlier.url)
    before = _snapshot(store)

    def broken(*args: object, **kwargs: object) -> dict[str, Any]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "event_record", broken)
    article = make_article()
    with pytest.raises(StoreError, match="disk full"):
        store.save_article(article, [make_mention(article)], url=article.url)
    assert _snapshot(store) == before
    monkeypatch.undo()
    assert store.save_article(article, [make_mention(article)], url=article.url) is True


class _CheckpointFails:
    """A connection whose commits go through and then fail as DuckDB's do when the automatic
    checkpoint after them runs out of memory (seen with thousands of very long texts)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection = connection

    def commit(self) -> None:
        self._connection.commit()
        raise duckdb.FatalException(
            "FATAL Error: Transaction COMMIT succeeded and is durable, but the autocheckpoint "
            "failed. Failed to create checkpoint because of error: failed to pin block")

    def rollback(self) -> None:
        raise duckdb.FatalException("FATAL Error: database has been invalidated")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def test_a_database_duckdb_invalidates_outside_ingest_fails_clearly_and_keeps_what_was_committed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fatal.duckdb"
    earlier, article = make_article("An earlier story about a protest."), make_article()
    with Store.open(path) as store:
        store.save_article(earlier, [make_mention(earlier, "ev0", code=PROTEST)], url=earlier.url)
    connection = duckdb.connect(str(path))
    failing = Store(_CheckpointFails(connection), path=str(path))  # type: ignore[arg-type]
    with pytest.raises(StoreError) as raised:
        failing.save_articles([Saving(article, [make_mention(article)], article.url)])
    message = str(raised.value)
    assert str(path) in message and "failed to pin block" in message
    assert "this batch included, are kept" in message and "run the ingest again" in message
    connection.close()
    with Store.open(path) as reopened:
        assert {a.id for a in reopened.articles()} == {earlier.id, article.id}


def _memory_limit(store: Store) -> str:
    return store._con.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_an_ingest_whose_checkpoint_runs_out_reopens_with_more_memory_and_goes_on(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "recover.duckdb"
    first, second, third = (make_article(f"Story number {n} about a strike.") for n in (1, 2, 3))
    with Store.open(path, ingest=True) as store:
        store.save_article(first, [make_mention(first, "ev1")], url=first.url)
        store._con = _CheckpointFails(store._con)  # type: ignore[assignment]
        store._signatures.rebind(store._con)
        assert store.save_articles([Saving(second, [make_mention(second, "ev2")], second.url)]
                                   ) == [True]
        assert _memory_limit(store) == "122.0 MiB"  # twice 64 MB, printed in MiB
        assert "reopened with 128 MB" in caplog.text and str(path) in caplog.text
        assert store.save_article(third, [make_mention(third, "ev3")], url=third.url)
        assert store.save_article(second, [], url=second.url) is False  # still known
    with Store.open(path) as reopened:
        assert {a.id for a in reopened.articles()} == {first.id, second.id, third.id}
        assert reopened.counts()["articles"] == 3


class _OutOfMemoryOnce:
    """A connection whose first read of event records runs out of memory, as DuckDB's scan of
    large records did at its 64 MB ingest limit ("failed to allocate data of size 64.0 MiB")."""

    def __init__(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._connection, self.failed = connection, False

    def execute(self, query: str, *args: Any) -> Any:
        if not self.failed and query.startswith("SELECT id, record FROM events"):
            self.failed = True
            raise duckdb.OutOfMemoryException(
                "Out of Memory Error: failed to allocate data of size 64.0 MiB")
        return self._connection.execute(query, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


def test_an_ingest_statement_that_runs_out_of_memory_is_retried_with_more(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "oom.duckdb"
    first, second = (make_article(f"Story number {n} about a strike.") for n in (1, 2))
    with Store.open(path, ingest=True) as store:
        store.save_article(first, [make_mention(first)], url=first.url)
        failing = _OutOfMemoryOnce(store._con)
        store._con = failing  # type: ignore[assignment]
        store._signatures.rebind(store._con)
        assert store.save_articles([Saving(second, [make_mention(second)], second.url)]) == [True]
        assert failing.failed and _memory_limit(store) == "122.0 MiB"  # twice 64 MB, in MiB
        assert "ran out of 64 MB; retried with 128 MB" in caplog.text
        assert store.event("ev1")["num_articles"] == 2  # type: ignore[index]


def test_an_event_record_keeps_its_first_evidence_and_show_prints_all(tmp_path: Path) -> None:
    """An event told by many articles: its record stays small (it is rewritten at each new
    article), its counts stay exact, and `newsevents show` reads every sentence back."""
    from typer.testing import CliRunner

    from newsevents.cli import app

    path = tmp_path / "many.duckdb"
    articles = [make_article(f"Pakistan struck targets in Iran, report {n} said.")
                for n in range(export.MAX_EVIDENCE + 5)]
    with Store.open(path, ingest=True) as store:
        for start in range(0, len(articles), 7):  # several batches: records merged, not rebuilt
            store.save_articles([Saving(a, [make_mention(a)], f"https://s{n}.example/x")
                                 for n, a in enumerate(articles[start:start + 7], start)])
        record = store.event("ev1")
    assert record is not None and record["num_articles"] == len(articles)
    assert [e["article_id"] for e in record["evidence"]] == \
        [a.id for a in articles[:export.MAX_EVIDENCE]]
    shown = CliRunner().invoke(app, ["show", "ev1", "--db", str(path)])
    assert shown.exit_code == 0, shown.output
    assert [e["sentence"] for e in json.loads(shown.output)["evidence"]] == \
        [a.text for a in articles]


def test_an_article_without_mentions_is_stored(store: Store) -> None:
    article = make_article()
    assert store.save_article(article, [], url=article.url)
    assert store.counts()["articles"] == 1 and store.counts()["events"] == 0


def test_ingest_time_comes_from_the_injected_clock() -> None:
    moment = datetime(2024, 1, 19, 12, 0, 0)
    with Store.open(":memory:", clock=lambda: moment) as opened:
        opened.save_article(make_article(), [], url="u")
        assert opened._con.execute("SELECT ingested_at FROM articles").fetchone() == (moment,)


# --- reading ---------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    cases = [
        ("ev-b", date(2024, 1, 18), "PAK", "IRN", CODE),
        ("ev-a", date(2024, 1, 18), "IRN", "PAK", CODE),
        ("ev-c", date(2024, 1, 16), "IRN", "PAK", PROTEST),
        ("ev-d", None, "USA", None, CODE),
    ]
    for event_id, day, actor, place, code in cases:
        article = make_article(f"Story about {event_id}.")
        mention = make_mention(
            article, event_id, code=code, date=DateRef(day, "day" if day else "unknown"),
            actor=Party(actor, actor, actor), target=None,
            location=Place(place, place, place) if place else None,
        )  # fmt: skip
        store.save_article(article, [mention], url=article.url)
    return store


def test_events_are_ordered_by_date_then_id_with_undated_last(filled: Store) -> None:
    assert [record["id"] for record in filled.events()] == ["ev-c", "ev-a", "ev-b", "ev-d"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "PROTEST"}, ["ev-c"]),
        ({"type": "assault"}, ["ev-a", "ev-b", "ev-d"]),
        ({"country": "PAK"}, ["ev-c", "ev-a", "ev-b"]),
        ({"country": "usa"}, ["ev-d"]),
        ({"since": date(2024, 1, 17)}, ["ev-a", "ev-b"]),
        ({"until": date(2024, 1, 17)}, ["ev-c"]),
        ({"since": date(2024, 1, 16), "until": date(2024, 1, 18), "type": "ASSAULT"},
         ["ev-a", "ev-b"]),
        ({"limit": 2}, ["ev-c", "ev-a"]),
    ],
)
def test_events_can_be_filtered(
    filled: Store, filters: dict[str, Any], expected: list[str]
) -> None:
    assert [record["id"] for record in filled.events(**filters)] == expected


def test_unknown_ids_give_none_or_nothing(filled: Store) -> None:
    assert filled.event("nope") is None
    assert filled.article("nope") is None
    assert filled.mentions_for("nope") == []


def test_articles_are_read_back_with_their_paragraphs(store: Store) -> None:
    stored = [make_article(f"Story {n}.\n\nSecond paragraph {n}.") for n in range(3)]
    for article in stored:
        store.save_article(article, [], url=article.url)
    articles = list(store.articles())
    assert sorted(articles, key=lambda a: a.id) == sorted(stored, key=lambda a: a.id)
    assert all(article.paragraphs == (article.paragraphs[0], article.paragraphs[1])
               for article in articles)  # fmt: skip


def test_mentions_of_another_article_are_refused(store: Store) -> None:
    article = make_article()
    stranger = make_mention(make_article("Another story."))
    with pytest.raises(StoreError, match="other articles"):
        store.save_article(article, [stranger], url=article.url)
    assert store.counts()["articles"] == 0


# --- near-duplicates -------------------------------------------------------------------

WIRE = " ".join(
    f"Sentence {n} of the wire story says that the delegation of Valdoria met officials from "
    f"Kestrel in the harbour town number {n} and agreed on a schedule for reopening the road."
    for n in range(12)
)
WIRE_COPY = WIRE.replace("Sentence 3 of", "Line three of").replace("number 7", "called Seven")


def wire_article(text: str = WIRE, site: str = "wire.example") -> Article:
    return make_article(text, url=f"https://{site}/story", site=site)


def test_a_near_duplicate_from_another_site_is_one_article_with_both_urls(store: Store) -> None:
    original, copy = wire_article(), wire_article(WIRE_COPY, "daily.example")
    assert original.id != copy.id
    store.save_article(original, [make_mention(original)], url=original.url)
    assert store.save_article(copy, [make_mention(copy, "ev-copy")], url=copy.url) is False
    assert [a.id for a in store.articles()] == [original.id]
    assert store.article_urls(original.id) == [copy.url, original.url]
    assert store.event("ev-copy") is None  # the copy's own extractions are not stored twice
    [record] = store.events()
    assert (record["article_ids"], record["num_articles"], record["num_sources"]) == (
        [original.id], 1, 2
    )
    assert store.counts()["documents"] == 2


def test_a_copy_on_the_same_site_adds_a_url_but_no_source(store: Store) -> None:
    original = wire_article()
    copy = replace(wire_article(WIRE_COPY), url="https://wire.example/amp/story")
    store.save_article(original, [make_mention(original)], url=original.url)
    store.save_article(copy, [], url=copy.url)
    assert len(store.article_urls(original.id)) == 2
    assert store.event("ev1")["num_sources"] == 1  # type: ignore[index]


def test_different_stories_are_different_articles(store: Store) -> None:
    other = WIRE.replace("Valdoria", "Norland").replace("agreed on a schedule", "argued about")
    first, second = wire_article(), wire_article(other, "daily.example")
    assert store.save_article(first, [], url=first.url)
    assert store.save_article(second, [], url=second.url)
    assert store.counts()["articles"] == 2


def test_the_index_is_built_lazily_and_rebuilt_from_stored_signatures(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    original = wire_article()
    with Store.open(path) as first:
        first.save_article(original, [make_mention(original)], url=original.url)
    with Store.open(path) as again:
        assert again._signatures.index is None  # reading needs no index
        assert len(list(again.articles())) == 1
        copy = wire_article(WIRE_COPY, "daily.example")
        assert again.save_article(copy, [], url=copy.url) is False
        assert again._signatures.index is not None and original.id in again._signatures.index
        assert again.event("ev1")["num_sources"] == 2  # type: ignore[index]


def test_signatures_of_another_scheme_are_recomputed(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    original = wire_article()
    with Store.open(path) as first:
        first.save_article(original, [], url=original.url)
        first._con.execute("UPDATE meta SET value = 'minhash-old' WHERE key = ?",
                           [SIGNATURE_SCHEME_KEY])  # fmt: skip
        first._con.execute("UPDATE signatures SET signature = ?", [bytes(NUM_PERM * 4)])
    with Store.open(path) as again:
        copy = wire_article(WIRE_COPY, "daily.example")
        assert again.save_article(copy, [], url=copy.url) is False
        assert again._signatures._scheme() == SIGNATURE_SCHEME
        [(stored,)] = again._con.execute("SELECT signature FROM signatures").fetchall()
        assert stored == signature_to_bytes(signature(WIRE))


def test_damaged_signatures_are_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "events.duckdb"
    with Store.open(path) as first:
        first.save_article(wire_article(), [], url="u")
        first._con.execute("UPDATE signatures SET signature = ?", [b"short"])
    with Store.open(path) as again, pytest.raises(StoreError, match="signatures.*512 bytes"):
        again.save_article(wire_article(WIRE_COPY), [], url="v")


def test_a_rolled_back_article_leaves_no_signature_in_the_index(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = wire_article()

    def broken(*args: object, **kwargs: object) -> dict[str, Any]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(export, "event_record", broken)
    with pytest.raises(StoreError, match="disk full"):
        store.save_article(original, [make_mention(original)], url=original.url)
    monkeypatch.undo()
    assert store._signatures.index is not None and original.id not in store._signatures.index
    assert store.counts() == dict.fromkeys(TABLES, 0)
    copy = wire_article(WIRE_COPY, "daily.example")
    assert store.save_article(copy, [make_mention(copy)], url=copy.url) is True


def test_a_failure_while_adding_a_copy_changes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = wire_article()
    store.save_article(original, [make_mention(original)], url=original.url)
    before = _snapshot(store)

    def broken(*args: object, **kwargs: object) -> dict[str, Any]:
        raise RuntimeError("disk full")

    monkeypatch.setattr(BatchWriter, "_count_sources", broken)  # a copy rebuilds no record
    copy = wire_article(WIRE_COPY, "daily.example")
    with pytest.raises(StoreError, match="disk full"):
        store.save_article(copy, [], url=copy.url)
    assert _snapshot(store) == before


def test_many_articles_are_indexed_once_each(store: Store) -> None:
    texts = [WIRE.replace("Valdoria", f"Country{n}").replace("Kestrel", f"Land{n}")
             .replace("harbour town", f"district {n} town") for n in range(60)]  # fmt: skip
    for text in texts:
        store.save_article(make_article(text), [], url=f"https://site.example/{len(text)}")
    index = store._signatures.index
    assert index is not None and len(index) == store.counts()["articles"]


def test_the_store_knows_every_url_that_carried_an_article(store: Store) -> None:
    original, copy = wire_article(), wire_article(WIRE_COPY, "daily.example")
    store.save_article(original, [], url=original.url)
    store.save_article(copy, [], url=copy.url)
    assert store.has_url(original.url) and store.has_url(copy.url)
    assert not store.has_url("https://wire.example/other")


def test_a_store_opened_for_ingest_bounds_duckdbs_memory_and_threads(tmp_path: Path) -> None:
    with Store.open(tmp_path / "ingest.duckdb", ingest=True) as store:
        limit, threads = store._con.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads')").fetchone()
        article = make_article()
        assert store.save_article(article, [make_mention(article)], url=article.url)
    assert (limit, threads) == ("61.0 MiB", 1)  # DuckDB prints 64MB in MiB
    with Store.open(tmp_path / "ingest.duckdb") as reader:  # reading keeps DuckDB's defaults
        assert reader.event("ev1") is not None
        assert reader._con.execute("SELECT current_setting('threads')").fetchone() != (1,) \
            or (os.cpu_count() or 1) == 1


# --- keys: none on the data tables, rows kept unique by the writer ----------------------

UNIQUE_BY = {"documents": "url, article_id", "articles": "id", "article_urls": "article_id, url",
             "signatures": "article_id", "mentions": "article_id, seq", "events": "id",
             "event_articles": "event_id, article_id", "links": "event_id, responds_to"}


def duplicated_rows(store: Store) -> dict[str, int]:
    con = store._con
    return {table: con.execute(f"SELECT count(*) - count(DISTINCT ({key})) FROM {table}"
                               ).fetchone()[0] for table, key in UNIQUE_BY.items()}  # fmt: skip


def test_no_data_table_has_a_primary_key_whose_index_duckdb_would_hold_in_memory(
        store: Store) -> None:
    keyed = store._con.execute(
        "SELECT DISTINCT table_name FROM duckdb_constraints() WHERE constraint_type = "
        "'PRIMARY KEY'").fetchall()
    assert keyed == [("meta",)]
    assert set(UNIQUE_BY) == set(TABLES)


def test_articles_copies_and_answers_saved_again_leave_no_row_twice(store: Store) -> None:
    original, copy = wire_article(), wire_article(WIRE_COPY, "daily.example")
    answer = make_mention(original, "ev2", responds_to="ev1")
    for _ in range(2):
        store.save_article(original, [make_mention(original), answer], url=original.url)
        store.save_article(copy, [make_mention(copy, "ev-copy")], url=copy.url)
        store.save_article(copy, [], url="https://daily.example/amp/story")
    assert duplicated_rows(store) == dict.fromkeys(UNIQUE_BY, 0)
    assert store.counts()["events"] == 2 and store.event("ev1")["num_sources"] == 2  # type: ignore[index]
    assert len(store.article_urls(original.id)) == 3


SCHEMA_1 = {  # the keys of schema 1, as older stores have them
    "documents": "PRIMARY KEY (url, article_id)", "articles": "PRIMARY KEY (id)",
    "article_urls": "PRIMARY KEY (article_id, url)", "signatures": "PRIMARY KEY (article_id)",
    "mentions": "PRIMARY KEY (article_id, seq)", "events": "PRIMARY KEY (id)",
    "event_articles": "PRIMARY KEY (event_id, article_id)",
    "links": "PRIMARY KEY (event_id, responds_to)",
}


def test_a_schema_1_store_is_migrated_with_every_row_and_then_written_as_before(
        tmp_path: Path) -> None:
    from newsevents.store import _COLUMNS

    original = wire_article()
    new, old = tmp_path / "new.duckdb", tmp_path / "old.duckdb"
    with Store.open(new) as fresh:
        fresh.save_article(original, [make_mention(original),
                                      make_mention(original, "ev2", responds_to="ev1")],
                           url=original.url)  # fmt: skip
        expected = _snapshot(fresh)
    import duckdb

    con = duckdb.connect(str(old))
    con.execute("CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
    con.execute(f"ATTACH '{new}' AS new (READ_ONLY)")
    for table, key in SCHEMA_1.items():
        con.execute(f"CREATE TABLE {table} ({_COLUMNS[table]}, {key})")
        con.execute(f"INSERT INTO {table} SELECT * FROM new.{table}")
    con.execute("INSERT INTO meta SELECT * FROM new.meta WHERE key != 'schema_version'")
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.close()
    with Store.open(old) as migrated:
        assert _snapshot(migrated) == expected  # schema_version 2 included
        test_no_data_table_has_a_primary_key_whose_index_duckdb_would_hold_in_memory(migrated)
        assert migrated.save_article(original, [make_mention(original)], url=original.url) is False
        assert _snapshot(migrated)["events"] == expected["events"]
