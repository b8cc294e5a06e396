"""The DuckDB store: articles, their mentions and the events built from them.

One `save_articles` call is one transaction (`store_batch` writes it in a fixed number of
statements): either every article of the batch, its URL, its mentions and the events they
change are written, or nothing is, and the batch is then saved one article at a time so
that only a bad article is lost. An event is all mentions with the same `Mention.id` (a
content hash of type, parties, place and date, or publication week when undated); its record
is `export.event_record` of them, kept up to date by merging (`export.merge_records`) as
articles add mentions.

Syndicated copies are one article: an article whose id is stored, or whose MinHash signature
finds a near-duplicate in the LSH index (`store_signatures`), only adds its URL and site to
`article_urls`, and the events of the stored article recount their sources: `num_sources` is
the number of distinct sites over every URL of an event's articles.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from newsevents.errors import StoreError
from newsevents.mention_json import mention_from_dict, mention_to_dict
from newsevents.models import Article, Mention
from newsevents.store_batch import ARTICLE_COLUMNS, BatchWriter, Saving
from newsevents.store_signatures import SIGNATURE_SCHEME_KEY, StoredSignatures

__all__ = [  # all but Store are re-exported from the modules that define them
    "Saving", "Store", "StoreError", "SIGNATURE_SCHEME_KEY", "mention_from_dict",
    "mention_to_dict",
]  # fmt: skip

logger = logging.getLogger(__name__)
SCHEMA_VERSION = 2
INGEST_MEMORY_MB = 64  # DuckDB's buffer pool while ingesting (see Store.open)
MAX_INGEST_MEMORY_MB = 4096  # how far a checkpoint that runs out may raise it (_recover)
MEMORY = ":memory:"
FETCH_BATCH = 256
TABLES = (
    "documents", "articles", "article_urls", "signatures", "mentions", "events",
    "event_articles", "links",
)  # fmt: skip
# No primary keys on the data tables: DuckDB keeps every key of a primary key's index (ART) in
# memory, which no buffer limit evicts — about 4 KB per article over these tables, so a store of
# some 35,000 articles could no longer be written under the ingest memory limit. The one writer
# keeps the rows unique instead (store_batch.py: an article is written once, copies add only
# URLs and documents not stored, an event is replaced, not inserted twice). Schema 1 had the
# keys; `_migrate_from_1` copies its tables into keyless ones.
_META = "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)"
_COLUMNS = {
    "documents": "url VARCHAR NOT NULL, content_type VARCHAR, article_id VARCHAR NOT NULL, "
                 "ingested_at TIMESTAMP NOT NULL",
    "articles": "id VARCHAR NOT NULL, url VARCHAR NOT NULL, title VARCHAR, published DATE, "
                "site VARCHAR, text VARCHAR NOT NULL, caption VARCHAR, "
                "ingested_at TIMESTAMP NOT NULL",
    "article_urls": "article_id VARCHAR NOT NULL, url VARCHAR NOT NULL, site VARCHAR",
    "signatures": "article_id VARCHAR NOT NULL, signature BLOB NOT NULL",
    "mentions": "id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, "
                "ord BIGINT NOT NULL, event_id VARCHAR NOT NULL, type VARCHAR NOT NULL, "
                "payload JSON NOT NULL",
    "events": 'id VARCHAR NOT NULL, type VARCHAR NOT NULL, "date" DATE, actor_country VARCHAR, '
              "target_country VARCHAR, location_country VARCHAR, num_articles INTEGER NOT NULL, "
              "record JSON NOT NULL",
    "event_articles": "event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL",
    "links": "event_id VARCHAR NOT NULL, responds_to VARCHAR NOT NULL",
}  # fmt: skip

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A newsevents database. Open it with `Store.open(path)`; `:memory:` for tests."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, *, clock: Clock = _utc_now,
                 path: str = MEMORY) -> None:
        self._con = connection
        self._path = path
        self._memory_mb: int | None = None  # DuckDB's limit when opened for ingest
        self._clock = clock
        self._signatures = StoredSignatures(connection)

    @classmethod
    def open(cls, path: str | Path, *, clock: Clock = _utc_now, ingest: bool = False) -> Store:
        """Open (and create if needed) the database at `path`; StoreError when it cannot.

        `ingest`: the connection will mostly write, beside worker processes that parse: DuckDB
        gets one thread and INGEST_MEMORY_MB of memory for its caches, so that its memory
        stays flat however large the database grows (it spills to disk beyond that); if one of
        its checkpoints needs more, the store reopens the file with more (`_recover`).
        """
        target = str(path)
        if target != MEMORY:
            try:
                Path(target).parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(f"cannot create the folder for {target}: {error}") from error
        try:
            connection = duckdb.connect(target)
        except duckdb.Error as error:
            raise StoreError(f"cannot open database {target}: {_open_reason(error)}") from error
        store = cls(connection, clock=clock, path=target)
        try:
            if ingest and target != MEMORY:  # an in-memory database must keep all its rows
                store._limit_memory(INGEST_MEMORY_MB)
            store._ensure_schema()
        except BaseException:
            connection.close()
            raise
        return store

    def close(self) -> None:
        self._con.close()

    def _limit_memory(self, megabytes: int) -> None:
        self._con.execute(f"SET memory_limit = '{megabytes}MB'")
        self._con.execute("SET threads = 1")
        self._memory_mb = megabytes

    def _more_memory(self) -> bool:
        """A statement ran out of the ingest limit (a scan of large event records needs 64 MB
        buffers): double it, up to MAX_INGEST_MEMORY_MB; False when it cannot grow."""
        limit, more = self._memory_mb, self._doubled_limit()
        if more is None:
            return False
        self._limit_memory(more)
        logger.warning("database %s: a DuckDB statement ran out of %d MB; retried with %d MB",
                       self._path, limit, more)
        return True

    def _doubled_limit(self) -> int | None:
        """Twice the ingest limit, at most MAX_INGEST_MEMORY_MB; None when it cannot grow."""
        limit = self._memory_mb
        if limit is None or limit >= MAX_INGEST_MEMORY_MB:
            return None
        return min(2 * limit, MAX_INGEST_MEMORY_MB)

    def _recover(self, error: duckdb.FatalException) -> None:
        """DuckDB invalidated the database after a commit that it says is durable: seen when
        the automatic checkpoint after it ran out of memory (thousands of very long texts in
        one row group need more than the ingest limit). Reopen the file (DuckDB replays its
        log) with twice the memory and go on; StoreError when that cannot help."""
        limit, more = self._memory_mb, self._doubled_limit()
        if more is None or self._path == MEMORY or not _durable(error):
            raise StoreError(_fatal_reason(self._path, error)) from error
        try:
            self._con.close()
        except duckdb.Error:
            pass  # an invalidated connection may refuse to close cleanly; it is dropped
        try:
            self._con = duckdb.connect(self._path)
            self._limit_memory(more)
        except duckdb.Error as reopen:
            raise StoreError(_fatal_reason(self._path, reopen)) from error
        self._signatures.rebind(self._con)
        logger.warning("database %s: a DuckDB checkpoint ran out of %d MB; reopened with %d MB "
                       "(nothing lost)", self._path, limit, self._memory_mb)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _ensure_schema(self) -> None:
        try:
            self._con.execute(_META)
            row = self._con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
            version = None if row is None else row[0]
            if version == "1":
                self._migrate_from_1()
            elif version in (None, str(SCHEMA_VERSION)):
                for table, columns in _COLUMNS.items():
                    self._con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
                if version is None:
                    self._con.execute(
                        "INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        except duckdb.Error as error:
            raise StoreError(f"cannot set up the database schema: {error}") from error
        if version not in (None, "1", str(SCHEMA_VERSION)):
            raise StoreError(
                f"database schema version {version} is not supported (expected {SCHEMA_VERSION})"
            )

    def _migrate_from_1(self) -> None:
        """Schema 1 -> 2: every data table copied into one without primary keys, at once."""
        self._con.begin()
        try:
            for table, columns in _COLUMNS.items():
                self._con.execute(f"CREATE TABLE {table}__2 ({columns})")
                self._con.execute(f"INSERT INTO {table}__2 SELECT * FROM {table}")
                self._con.execute(f"DROP TABLE {table}")
                self._con.execute(f"ALTER TABLE {table}__2 RENAME TO {table}")
            self._con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                              [str(SCHEMA_VERSION)])
            self._con.commit()
        except BaseException:
            self._con.rollback()
            raise

    # --- writing -----------------------------------------------------------------------

    def save_article(
        self,
        article: Article,
        mentions: Sequence[Mention],
        *,
        url: str,
        content_type: str | None = None,
    ) -> bool:
        """Store an article, its URL, its mentions and their events in one transaction.

        Returns False when the article is already stored, by id or as a near-duplicate: then
        only `url` (with the article's site) is recorded as one more place that carried the
        stored article, and its events recount their sources.
        """
        return self.save_articles([Saving(article, mentions, url, content_type)])[0]

    def save_articles(self, batch: Sequence[Saving]) -> list[bool]:
        """Save a batch in one transaction, or, when that fails, each article in its own:
        the articles before a bad one are kept and the bad one's StoreError is raised.
        Returns, per article, whether it was new (see `save_article`)."""
        if not batch:
            return []
        self._signatures.load()  # before the transaction: loading may write to the database
        writer = BatchWriter(self._con, self._signatures, self._clock)
        self._con.begin()
        try:
            new = writer.write(batch)
            self._con.commit()
        except duckdb.FatalException as error:  # the connection is gone: no rollback, no retry
            self._recover(error)  # the batch is stored, or StoreError
            return new
        except Exception as error:
            self._con.rollback()
            self._signatures.forget(writer.indexed)  # a rolled-back article is no duplicate
            if isinstance(error, duckdb.OutOfMemoryException) and self._more_memory():
                return self.save_articles(batch)  # the same batch, with twice the memory
            if len(batch) > 1:
                return [self.save_articles([item])[0] for item in batch]
            if isinstance(error, StoreError):
                raise
            item = batch[0]
            raise StoreError(f"cannot save article {item.article.id} from {item.url}: {error}"
                             ) from error
        return new

    # --- reading -----------------------------------------------------------------------

    def articles(self) -> Iterator[Article]:
        """Every stored article, oldest ingest first, fetched in batches."""
        cursor = self._con.cursor()
        try:
            cursor.execute(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY ingested_at, id")
            while rows := cursor.fetchmany(FETCH_BATCH):
                yield from (_article(row) for row in rows)
        finally:
            cursor.close()

    def article(self, article_id: str) -> Article | None:
        row = self._con.execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]
        ).fetchone()
        return _article(row) if row else None

    def article_urls(self, article_id: str) -> list[str]:
        """Every URL that carried the article, in order."""
        rows = self._con.execute(
            "SELECT url FROM article_urls WHERE article_id = ? ORDER BY url", [article_id]
        ).fetchall()
        return [row[0] for row in rows]

    def has_url(self, url: str) -> bool:
        """True when an article was stored from `url` (feeds skip the items it answers)."""
        row = self._con.execute("SELECT 1 FROM article_urls WHERE url = ? LIMIT 1", [url])
        return row.fetchone() is not None

    def events(
        self,
        *,
        type: str | None = None,  # named like the event record's field
        country: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Event records, by date then id; `country` matches actor, target or location."""
        clauses, params = _event_filters(type, country, since, until)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f'SELECT record FROM events {where} ORDER BY "date" NULLS LAST, id'
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [json.loads(row[0]) for row in self._con.execute(sql, params).fetchall()]

    def ids_starting(self, prefix: str, limit: int = 2) -> list[str]:
        """Event and article ids that begin with `prefix` (tables print short ids)."""
        rows = self._con.execute(
            "SELECT id FROM (SELECT id FROM events UNION SELECT id FROM articles) "
            "WHERE starts_with(id, ?) ORDER BY id LIMIT ?", [prefix, limit]).fetchall()
        return [row[0] for row in rows]

    def event(self, event_id: str) -> dict[str, Any] | None:
        row = self._con.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
        return json.loads(row[0]) if row else None

    def mentions_for(self, event_id: str) -> list[Mention]:
        """The stored mentions of one event, in the order they were saved."""
        rows = self._con.execute(
            "SELECT payload FROM mentions WHERE event_id = ? ORDER BY ord", [event_id]
        ).fetchall()
        return [mention_from_dict(json.loads(row[0])) for row in rows]

    def counts(self) -> dict[str, int]:
        """Number of rows per table."""
        result: dict[str, int] = {}
        for table in TABLES:
            row = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
            result[table] = int(row[0]) if row else 0
        return result


def _fatal_reason(path: str, error: Exception) -> str:
    """DuckDB invalidated the database (seen: an automatic checkpoint that ran out of memory
    after a commit of very long texts). Every committed transaction is in its log."""
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    return (f"database {path} stopped: DuckDB failed after a write ({first}). The articles "
            f"stored before{', this batch included,' if _durable(error) else ''} are kept; run the "
            f"ingest again to go on (DuckDB replays its log when it opens the file).")


def _durable(error: Exception) -> bool:
    """DuckDB's word that the commit the error followed is in its log."""
    return "COMMIT succeeded" in str(error)


def _open_reason(error: Exception) -> str:
    message = str(error)
    if "could not set lock" in message.lower():
        return "it is in use by another process (DuckDB allows one writer)"
    if "not a valid DuckDB database" in message:
        return "the file exists but is not a DuckDB database"
    return message


def _event_filters(
    type_: str | None, country: str | None, since: date | None, until: date | None
) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if type_:
        clauses.append("type = ?")
        params.append(type_.upper())
    if country:
        clauses.append("? IN (actor_country, target_country, location_country)")
        params.append(country.upper())
    if since is not None:
        clauses.append('"date" >= ?')
        params.append(since)
    if until is not None:
        clauses.append('"date" <= ?')
        params.append(until)
    return clauses, params


def _article(row: tuple[Any, ...]) -> Article:
    article_id, url, title, published, site, text, caption = row
    return Article(
        id=article_id,
        url=url,
        title=title,
        published=published,
        site=site,
        text=text,
        paragraphs=tuple(text.split("\n\n")),
        caption=caption,
    )
