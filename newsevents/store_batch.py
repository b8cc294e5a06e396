"""Writing a batch of articles to the store in one transaction, in a fixed number of statements.

DuckDB's cost is per statement far more than per row, so a batch of articles is read and
written with one statement per table whatever its size: which of its articles are stored,
which events it touches, then every new row. An event's record is never rebuilt from all
its stored mentions (a story told by a thousand articles would cost a thousand mentions per
update): the stored record is merged with the record of the new mentions
(`export.merge_records`), and `num_sources` is counted in SQL over every URL of the event's
articles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from newsevents import export
from newsevents.errors import StoreError
from newsevents.mention_json import mention_to_dict
from newsevents.models import Article, Mention

if TYPE_CHECKING:
    import duckdb
    from datasketch import MinHash

    from newsevents.store_signatures import StoredSignatures

ARTICLE_COLUMNS = "id, url, title, published, site, text, caption"  # store.py reads them


@dataclass(frozen=True)
class Saving:
    """One article to save: what the pipeline coded, and the URL it came from."""

    article: Article
    mentions: Sequence[Mention]
    url: str
    content_type: str | None = None


@dataclass
class _Rows:
    """The rows a batch adds, by table, and what it learnt on the way."""

    articles: list[Any] = field(default_factory=list)
    signatures: list[Any] = field(default_factory=list)
    urls: dict[tuple[str, str], str | None] = field(default_factory=dict)  # (article, url)
    documents: dict[tuple[str, str], list[Any]] = field(default_factory=dict)  # (url, article)
    mentions: list[Any] = field(default_factory=list)
    event_articles: list[tuple[str, str]] = field(default_factory=list)  # (event, article)
    records: dict[str, dict[str, Any]] = field(default_factory=dict)  # event id -> record
    recount: set[str] = field(default_factory=set)  # events whose sources changed
    stored: set[str] = field(default_factory=set)  # events already in the store: replaced


class BatchWriter:
    """Writes one batch through a connection; the caller owns the transaction, and when it
    rolls back, forgets the signatures in `indexed` (put in the LSH index for the batch)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, signatures: StoredSignatures,
                 clock: Callable[[], datetime]) -> None:
        self._con = connection
        self._signatures = signatures
        self._clock = clock
        self.indexed: list[str] = []  # article ids put in the LSH index

    def write(self, batch: Sequence[Saving]) -> list[bool]:
        """Write the batch; whether each article was new."""
        rows = _Rows()
        new = self._collect(batch, rows)
        self._insert(rows)
        self._write_events(rows)
        return new

    # --- reading what is there -----------------------------------------------------------

    def _collect(self, batch: Sequence[Saving], rows: _Rows) -> list[bool]:
        ids = sorted({item.article.id for item in batch})
        stored = {row[0] for row in self._con.execute(
            f"SELECT id FROM articles WHERE id IN {_marks(len(ids))}", ids).fetchall()}
        events = sorted({m.id for item in batch for m in item.mentions})
        self._read_records(events, rows)
        new: list[bool] = []
        copies: list[tuple[str, Saving]] = []
        added: set[str] = set()
        next_ord = self._last_ord()
        for item in batch:
            _check_owners(item)
            copy_of = item.article.id if item.article.id in stored | added else None
            signature = None
            if copy_of is None:
                copy_of, signature = self._signatures.copy_of(item.article.text)
            if copy_of is None:
                next_ord = self._add_article(item, signature, next_ord, rows)
                added.add(item.article.id)
            else:
                copies.append((copy_of, item))
            new.append(copy_of is None)
        self._add_carriers(copies, rows)
        return new

    def _last_ord(self) -> int:
        row = self._con.execute("SELECT coalesce(max(ord), 0) FROM mentions").fetchone()
        return int(row[0]) if row else 0

    def _add_article(self, item: Saving, signature: MinHash | None, last_ord: int,
                     rows: _Rows) -> int:
        article, now = item.article, self._clock()
        rows.articles += [article.id, article.url, article.title, article.published,
                          article.site, article.text, article.caption, now]  # fmt: skip
        if signature is not None and not signature.is_empty():
            from newsevents.dedup import signature_to_bytes

            rows.signatures += [article.id, signature_to_bytes(signature)]
            self._signatures.index_now(article.id, signature)
            self.indexed.append(article.id)
        rows.urls[(article.id, item.url)] = article.site
        rows.documents[(item.url, article.id)] = [item.url, item.content_type, article.id, now]
        for seq, mention in enumerate(item.mentions):
            last_ord += 1
            rows.mentions += [mention.id, article.id, seq, last_ord, mention.id,
                              mention.code.type, json.dumps(mention_to_dict(mention))]  # fmt: skip
        event_ids = list(dict.fromkeys(m.id for m in item.mentions))
        rows.event_articles += [(event_id, article.id) for event_id in event_ids]
        self._merge_new(event_ids, item, rows)
        return last_ord

    def _merge_new(self, event_ids: Sequence[str], item: Saving, rows: _Rows) -> None:
        """Fold the article's mentions into the records of its events, stored or in the batch
        (`_collect` read the stored ones); `num_sources` is counted when the batch is written."""
        article = item.article
        for event_id in event_ids:
            fresh = export.event_record([m for m in item.mentions if m.id == event_id],
                                        urls={article.id: article.url},
                                        sites={article.id: article.site})
            known = rows.records.get(event_id)
            rows.records[event_id] = fresh if known is None else export.merge_records(known, fresh)
            rows.recount.add(event_id)

    def _read_records(self, event_ids: Sequence[str], rows: _Rows) -> None:
        if not event_ids:
            return
        found = {event_id: json.loads(record) for event_id, record in self._con.execute(
            f"SELECT id, record FROM events WHERE id IN {_marks(len(event_ids))}",
            list(event_ids)).fetchall()}
        rows.records.update(found)
        rows.stored.update(found)

    def _add_carriers(self, copies: Sequence[tuple[str, Saving]], rows: _Rows) -> None:
        """A copy of a stored article adds its URL; the article's events recount sources."""
        if not copies:
            return
        copied = {stored_id for stored_id, _ in copies}
        stored_ids = sorted(copied)
        marks = _marks(len(stored_ids))
        known = set(self._con.execute(
            f"SELECT article_id, url FROM article_urls WHERE article_id IN {marks}",
            stored_ids).fetchall())
        events: dict[str, list[str]] = {}
        for event_id, article_id in self._con.execute(
                f"SELECT event_id, article_id FROM event_articles WHERE article_id IN {marks}",
                stored_ids).fetchall():
            events.setdefault(article_id, []).append(event_id)
        for event_id, article_id in rows.event_articles:
            if article_id in copied:  # an article stored earlier in this batch
                events.setdefault(article_id, []).append(event_id)
        documents = set(self._con.execute(
            f"SELECT url, article_id FROM documents WHERE article_id IN {marks}",
            stored_ids).fetchall())
        for stored_id, item in copies:
            key = (item.url, stored_id)
            if key not in documents:
                rows.documents.setdefault(
                    key, [item.url, item.content_type, stored_id, self._clock()])
            if (stored_id, item.url) in known or (stored_id, item.url) in rows.urls:
                continue
            rows.urls[(stored_id, item.url)] = item.article.site
            rows.recount.update(events.get(stored_id, ()))
        self._read_records(sorted(rows.recount - rows.records.keys()), rows)

    # --- writing ---------------------------------------------------------------------------

    def _insert(self, rows: _Rows) -> None:
        self._insert_rows(f"articles ({ARTICLE_COLUMNS}, ingested_at)", 8, rows.articles)
        self._insert_rows("signatures", 2, rows.signatures)
        self._insert_rows("article_urls", 3, [value for (article_id, url), site in
                                              rows.urls.items()
                                              for value in (article_id, url, site)])
        self._insert_rows("documents", 4, [v for row in rows.documents.values() for v in row])
        self._insert_rows("mentions", 7, rows.mentions)
        self._insert_rows("event_articles", 2, [v for pair in rows.event_articles for v in pair])

    def _insert_rows(self, table: str, width: int, values: Sequence[Any]) -> None:
        if values:  # one statement for all rows: DuckDB's cost is per statement, not per row
            self._con.execute(f"INSERT INTO {table} VALUES {_rows(len(values) // width, width)}",
                              list(values))

    def _write_events(self, rows: _Rows) -> None:
        records = [rows.records[event_id] for event_id in sorted(rows.recount)]
        if not records:
            return
        for record, sources in zip(records, self._count_sources(records), strict=True):
            record["num_sources"] = sources
        values: list[Any] = []
        for record in records:
            values += [record["id"], record["type"], record["date"], _country(record["actor"]),
                       _country(record["target"]), _country(record["location"]),
                       record["num_articles"], json.dumps(record, ensure_ascii=False)]
        replaced = sorted(rows.stored & rows.recount)
        if replaced:  # no key to upsert on (store.py): the stored rows go, the new ones come
            self._con.execute(f"DELETE FROM events WHERE id IN {_marks(len(replaced))}", replaced)
        self._insert_rows("events", 8, values)
        links = list(dict.fromkeys((r["id"], r["responds_to"]) for r in records
                                   if r["responds_to"]))
        if links:
            answering = sorted({event_id for event_id, _ in links})
            known = set(self._con.execute(
                "SELECT event_id, responds_to FROM links "
                f"WHERE event_id IN {_marks(len(answering))}", answering).fetchall())
            links = [link for link in links if link not in known]
        self._insert_rows("links", 2, [v for link in links for v in link])

    def _count_sources(self, records: Sequence[dict[str, Any]]) -> list[int]:
        """Distinct sites over every URL of each event's articles; a URL without a site is a
        source of its own."""
        ids = [record["id"] for record in records]
        counted = dict(self._con.execute(
            "SELECT e.event_id, count(DISTINCT coalesce(nullif(u.site, ''), 'url:' || u.url)) "
            "FROM event_articles e JOIN article_urls u ON u.article_id = e.article_id "
            f"WHERE e.event_id IN {_marks(len(ids))} GROUP BY e.event_id", ids).fetchall())
        return [int(counted.get(event_id, 0)) for event_id in ids]


def _check_owners(item: Saving) -> None:
    strangers = sorted({m.article_id for m in item.mentions if m.article_id != item.article.id})
    if strangers:
        raise StoreError(f"mentions of other articles given with {item.article.id}: {strangers}")


def _country(part: dict[str, Any] | None) -> str | None:
    return part.get("country") if part else None


def _marks(count: int) -> str:
    return "(" + ", ".join("?" * count) + ")"


def _rows(count: int, width: int) -> str:
    return ", ".join([_marks(width)] * count)
