"""The DuckDB store: articles, their mentions and the events built from them.

One `save_article` call is one transaction: either the article, its URL, its mentions and the
events they change are all written, or nothing is. Event records are built by
`export.event_record` from every stored mention of the event; for now an event is all
mentions with the same `Mention.id` (a content hash of type, parties, place and date).

Syndicated copies are one article: an article whose id is stored, or whose MinHash signature
finds a near-duplicate in the LSH index (`store_signatures`), only adds its URL and site to
`article_urls`, and the events of the stored article recount their sources: `num_sources` is
the number of distinct sites over every URL of an event's articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from newsevents import export
from newsevents.errors import StoreError
from newsevents.mention_json import mention_from_dict, mention_to_dict
from newsevents.models import Article, Mention
from newsevents.store_signatures import SIGNATURE_SCHEME_KEY, StoredSignatures

if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = [  # all but Store are re-exported from the modules that define them
    "Store", "StoreError", "SIGNATURE_SCHEME_KEY", "mention_from_dict", "mention_to_dict",
]  # fmt: skip

SCHEMA_VERSION = 1
MEMORY = ":memory:"
FETCH_BATCH = 256
TABLES = (
    "documents", "articles", "article_urls", "signatures", "mentions", "events",
    "event_articles", "links",
)  # fmt: skip
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)",
    """CREATE TABLE IF NOT EXISTS documents (
        url VARCHAR NOT NULL, content_type VARCHAR, article_id VARCHAR NOT NULL,
        ingested_at TIMESTAMP NOT NULL, PRIMARY KEY (url, article_id))""",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, url VARCHAR NOT NULL, title VARCHAR, published DATE,
        site VARCHAR, text VARCHAR NOT NULL, caption VARCHAR, ingested_at TIMESTAMP NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS article_urls (
        article_id VARCHAR NOT NULL, url VARCHAR NOT NULL, site VARCHAR,
        PRIMARY KEY (article_id, url))""",
    """CREATE TABLE IF NOT EXISTS signatures (
        article_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS mentions (
        id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        ord BIGINT NOT NULL, event_id VARCHAR NOT NULL, type VARCHAR NOT NULL,
        payload JSON NOT NULL, PRIMARY KEY (article_id, seq))""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, type VARCHAR NOT NULL, "date" DATE, actor_country VARCHAR,
        target_country VARCHAR, location_country VARCHAR, num_articles INTEGER NOT NULL,
        record JSON NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS event_articles (
        event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
        PRIMARY KEY (event_id, article_id))""",
    """CREATE TABLE IF NOT EXISTS links (
        event_id VARCHAR NOT NULL, responds_to VARCHAR NOT NULL,
        PRIMARY KEY (event_id, responds_to))""",
)
_ARTICLE_COLUMNS = "id, url, title, published, site, text, caption"

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A newsevents database. Open it with `Store.open(path)`; `:memory:` for tests."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, *, clock: Clock = _utc_now) -> None:
        self._con = connection
        self._clock = clock
        self._signatures = StoredSignatures(connection)

    @classmethod
    def open(cls, path: str | Path, *, clock: Clock = _utc_now) -> Store:
        """Open (and create if needed) the database at `path`; StoreError when it cannot."""
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
        store = cls(connection, clock=clock)
        try:
            store._ensure_schema()
        except BaseException:
            connection.close()
            raise
        return store

    def close(self) -> None:
        self._con.close()

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
            for statement in _SCHEMA:
                self._con.execute(statement)
            row = self._con.execute(
                "SELECT value FROM meta WHERE key = 'schema_version'"
            ).fetchone()
            if row is None:
                self._con.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
                )
        except duckdb.Error as error:
            raise StoreError(f"cannot set up the database schema: {error}") from error
        if row is not None and row[0] != str(SCHEMA_VERSION):
            raise StoreError(
                f"database schema version {row[0]} is not supported (expected {SCHEMA_VERSION})"
            )

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
        strangers = sorted({m.article_id for m in mentions if m.article_id != article.id})
        if strangers:
            raise StoreError(f"mentions of other articles given with {article.id}: {strangers}")
        self._signatures.load()  # before the transaction: loading may write to the database
        self._con.begin()
        try:
            stored_id, signature = self._stored_copy(article)
            if stored_id is None:
                self._insert_article(article, url, content_type, signature)
                self._insert_mentions(mentions)
                self._upsert_events(sorted({m.id for m in mentions}), article, mentions)
            elif self._add_carrier(stored_id, article.site, url, content_type):
                self._upsert_events(self._event_ids_of(stored_id))
            self._con.commit()
        except Exception as error:
            self._con.rollback()
            raise StoreError(f"cannot save article {article.id} from {url}: {error}") from error
        if stored_id is None and signature is not None:
            self._signatures.committed(article.id, signature)
        return stored_id is None

    def _stored_copy(self, article: Article) -> tuple[str | None, MinHash | None]:
        """The id of the stored article this one is a copy of (or None), and its signature."""
        exists = self._con.execute("SELECT 1 FROM articles WHERE id = ?", [article.id]).fetchone()
        if exists is not None:
            return article.id, None
        return self._signatures.copy_of(article.text)

    def _insert_article(
        self, article: Article, url: str, content_type: str | None, signature: MinHash | None
    ) -> None:
        self._con.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [article.id, article.url, article.title, article.published, article.site,
             article.text, article.caption, self._clock()],
        )  # fmt: skip
        if signature is not None:
            self._signatures.insert(article.id, signature)
        # A new article id: its URL and document rows cannot exist yet.
        self._con.execute(
            "INSERT INTO article_urls VALUES (?, ?, ?)", [article.id, url, article.site]
        )
        self._con.execute("INSERT INTO documents VALUES (?, ?, ?, ?)",
                          [url, content_type, article.id, self._clock()])  # fmt: skip

    def _add_carrier(
        self, article_id: str, site: str | None, url: str, content_type: str | None
    ) -> bool:
        """Record that `url` (on `site`) carried the article; False when it was known."""
        known = self._con.execute(
            "SELECT 1 FROM article_urls WHERE article_id = ? AND url = ?", [article_id, url]
        ).fetchone()
        if known is None:
            self._con.execute("INSERT INTO article_urls VALUES (?, ?, ?)", [article_id, url, site])
        self._con.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            [url, content_type, article_id, self._clock()],
        )
        return known is None

    def _event_ids_of(self, article_id: str) -> list[str]:
        rows = self._con.execute(
            "SELECT DISTINCT event_id FROM mentions WHERE article_id = ? ORDER BY event_id",
            [article_id],
        ).fetchall()
        return [row[0] for row in rows]

    def _insert_mentions(self, mentions: Sequence[Mention]) -> None:
        if not mentions:
            return
        row = self._con.execute("SELECT coalesce(max(ord), 0) FROM mentions").fetchone()
        start = int(row[0]) if row else 0
        values: list[Any] = []
        for seq, mention in enumerate(mentions):
            values += [mention.id, mention.article_id, seq, start + seq + 1, mention.id,
                       mention.code.type, json.dumps(mention_to_dict(mention))]  # fmt: skip
        # One statement for all rows: DuckDB's cost is per statement, not per row.
        self._con.execute(
            "INSERT INTO mentions VALUES " + _rows(len(mentions), 7), values
        )

    def _upsert_events(self, event_ids: Sequence[str], new_article: Article | None = None,
                       mentions: Sequence[Mention] = ()) -> None:
        """Rebuild the records of `event_ids`. `new_article` is the article just added to them,
        with its `mentions`: an event none of whose mentions was stored before is built from
        those alone, without reading anything back."""
        if not event_ids:
            return
        existing = {row[0] for row in self._con.execute(
            f"SELECT id FROM events WHERE id IN {_marks(len(event_ids))}", list(event_ids)
        ).fetchall()}
        records = [self._fresh_record(event_id, new_article, mentions)
                   for event_id in event_ids if event_id not in existing and new_article]
        stored = [event_id for event_id in event_ids if event_id in existing or not new_article]
        records += self._stored_records(stored)
        self._write_events(records, existing)
        if new_article is not None:
            self._con.execute(
                "INSERT INTO event_articles VALUES " + _rows(len(event_ids), 2),
                [value for event_id in event_ids for value in (event_id, new_article.id)],
            )

    @staticmethod
    def _fresh_record(event_id: str, article: Article | None,
                      mentions: Sequence[Mention]) -> dict[str, Any]:
        assert article is not None
        own = [m for m in mentions if m.id == event_id]
        carrier = article.site or f"url:{article.url}"  # as the stored query would say
        return export.event_record(own, urls={article.id: article.url},
                                   sites={article.id: article.site},
                                   carriers={article.id: [carrier]})

    def _stored_records(self, event_ids: Sequence[str]) -> list[dict[str, Any]]:
        if not event_ids:
            return []
        marks = _marks(len(event_ids))
        mentions: dict[str, list[Mention]] = {event_id: [] for event_id in event_ids}
        for event_id, payload in self._con.execute(
            f"SELECT event_id, payload FROM mentions WHERE event_id IN {marks} ORDER BY ord",
            list(event_ids),
        ).fetchall():
            mentions[event_id].append(mention_from_dict(json.loads(payload)))
        sources = self._con.execute(
            "SELECT a.id, a.url, a.site, list(DISTINCT coalesce(u.site, 'url:' || u.url)) "
            "FROM articles a LEFT JOIN article_urls u ON u.article_id = a.id WHERE a.id IN "
            f"(SELECT article_id FROM mentions WHERE event_id IN {marks}) "
            "GROUP BY a.id, a.url, a.site",
            list(event_ids),
        ).fetchall()
        urls = {row[0]: row[1] for row in sources}
        sites = {row[0]: row[2] for row in sources}
        carriers = {row[0]: [site for site in row[3] if site] for row in sources}
        return [export.event_record(mentions[event_id], urls=urls, sites=sites,
                                    carriers=carriers) for event_id in event_ids]

    def _write_events(self, records: Sequence[dict[str, Any]], existing: set[str]) -> None:
        """New events in one statement (DuckDB's cost is per statement), updates one by one."""
        fresh: list[Any] = []
        for record in records:
            values = [record["type"], record["date"], _country(record["actor"]),
                      _country(record["target"]), _country(record["location"]),
                      record["num_articles"], json.dumps(record, ensure_ascii=False)]
            if record["id"] in existing:
                self._con.execute(
                    'UPDATE events SET type = ?, "date" = ?, actor_country = ?, '
                    "target_country = ?, location_country = ?, num_articles = ?, record = ? "
                    "WHERE id = ?", [*values, record["id"]])
            else:
                fresh += [record["id"], *values]
        if fresh:
            self._con.execute("INSERT INTO events VALUES " + _rows(len(fresh) // 8, 8), fresh)
        links = [value for record in records if record["responds_to"]
                 for value in (record["id"], record["responds_to"])]
        if links:
            self._con.execute("INSERT INTO links VALUES " + _rows(len(links) // 2, 2)
                              + " ON CONFLICT DO NOTHING", links)

    # --- reading -----------------------------------------------------------------------

    def articles(self) -> Iterator[Article]:
        """Every stored article, oldest ingest first, fetched in batches."""
        cursor = self._con.cursor()
        try:
            cursor.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY ingested_at, id")
            while rows := cursor.fetchmany(FETCH_BATCH):
                yield from (_article(row) for row in rows)
        finally:
            cursor.close()

    def article(self, article_id: str) -> Article | None:
        row = self._con.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]
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


def _marks(count: int) -> str:
    return "(" + ", ".join("?" * count) + ")"


def _rows(count: int, width: int) -> str:
    return ", ".join([_marks(width)] * count)


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


def _country(part: dict[str, Any] | None) -> str | None:
    return part.get("country") if part else None


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
