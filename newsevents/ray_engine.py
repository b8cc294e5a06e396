"""The Ray engine (`--engine ray`): the stages of `pipeline.process` as a Ray Data pipeline.

The driver reads documents (streaming) and cuts them into the same batches as the local
engine; Ray actors, each with one `Coder`, extract and code a batch and write it to one
Parquet file; the driver alone loads those files into DuckDB, in input order, one transaction
per article (DuckDB allows a single writer). Ray Data needs its input up front, so the driver
hands it the stream in windows of at most WINDOW_BYTES / WINDOW_BATCHES, one dataset each.

Ray is an optional extra (`pip install 'newsevents[ray]'`), imported only when this runs.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import MissingDependency, NewsEventsError
from .models import Article, Document, IngestSummary, Mention, Skipped
from .pipeline import Coded, Coder, RunOptions, batches
from .sources import iter_documents

if TYPE_CHECKING:
    import pyarrow as pa

    from .store import Store

WINDOW_BYTES = 256 * 1024 * 1024  # document bodies handed to Ray at once (object store)
WINDOW_BATCHES = 2048  # each window starts a fresh actor pool (a Coder.load per actor)
STAGING_PREFIX = "newsevents-ray-"


# --- records <-> Parquet rows ------------------------------------------------------------


def article_to_dict(article: Article) -> dict[str, Any]:
    data = dataclasses.asdict(article)
    data["published"] = article.published.isoformat() if article.published else None
    data["paragraphs"] = list(article.paragraphs)
    return data


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of `article_to_dict`."""
    published = data.get("published")
    return Article(**{**data, "published": date.fromisoformat(published) if published else None,
                      "paragraphs": tuple(data.get("paragraphs", ()))})


def coded_to_row(coded: Coded) -> dict[str, str | None]:
    """One coded document as a Parquet row: JSON columns for the article and its mentions."""
    from .store import mention_to_dict

    result, mentions, url = coded
    if isinstance(result, Skipped):
        return {"url": url, "article": None, "mentions": "[]",
                "skipped": json.dumps(dataclasses.asdict(result), ensure_ascii=False)}
    return {"url": url, "article": json.dumps(article_to_dict(result), ensure_ascii=False),
            "mentions": json.dumps([mention_to_dict(m) for m in mentions], ensure_ascii=False),
            "skipped": None}


def coded_from_row(row: dict[str, Any]) -> Coded:
    """The inverse of `coded_to_row`."""
    from .store import mention_from_dict

    url = str(row["url"])
    if row["article"] is None:
        return Skipped(**json.loads(row["skipped"])), [], url
    mentions: list[Mention] = [mention_from_dict(m) for m in json.loads(row["mentions"])]
    return article_from_dict(json.loads(row["article"])), mentions, url


def _document_rows(index: int, documents: Sequence[Document]) -> pa.Table:
    """One batch of documents as a one-row Arrow table (list columns keep the batch whole)."""
    import pyarrow as pa

    return pa.table({
        "index": pa.array([index], pa.int64()),
        "urls": pa.array([[d.url for d in documents]], pa.list_(pa.string())),
        "bodies": pa.array([[d.body for d in documents]], pa.list_(pa.binary())),
        "content_types": pa.array([[d.content_type for d in documents]], pa.list_(pa.string())),
        "published": pa.array([[d.published_hint for d in documents]], pa.list_(pa.date32())),
        "titles": pa.array([[d.title_hint for d in documents]], pa.list_(pa.string())),
    })  # fmt: skip


def _documents_from_row(row: dict[str, Any]) -> list[Document]:
    return [
        Document(url, body, content_type, published, title)
        for url, body, content_type, published, title in zip(
            row["urls"], row["bodies"], row["content_types"], row["published"], row["titles"],
            strict=True,
        )
    ]


# --- the Ray actor -------------------------------------------------------------------------


class BatchCoder:
    """A Ray Data actor: `__init__` loads the Coder once, `__call__` codes one batch per row."""

    def __init__(self, staging: str, published: date | None) -> None:
        self.coder = Coder.load()
        self.staging = Path(staging)
        self.published = published

    def __call__(self, rows: pa.Table) -> pa.Table:
        import pyarrow as pa
        import pyarrow.parquet as pq

        indexes, paths = [], []
        for row in rows.to_pylist():
            coded = self.coder.process_documents(_documents_from_row(row), self.published)
            path = self.staging / f"batch-{row['index']:09d}.parquet"
            pq.write_table(pa.Table.from_pylist([coded_to_row(c) for c in coded],
                                                schema=CODED_SCHEMA()), path)
            indexes.append(row["index"])
            paths.append(str(path))
        return pa.table({"index": pa.array(indexes, pa.int64()), "path": pa.array(paths)})


def CODED_SCHEMA() -> pa.Schema:  # noqa: N802 - a constant, built lazily to keep pyarrow out
    import pyarrow as pa

    return pa.schema([("url", pa.string()), ("article", pa.string()),
                      ("mentions", pa.string()), ("skipped", pa.string())])


# --- the driver ----------------------------------------------------------------------------


@dataclass
class _Window:
    """Batches read from the sources, waiting to go to Ray together."""

    tables: list[pa.Table] = field(default_factory=list)
    skipped: dict[int, list[Skipped]] = field(default_factory=dict)  # source skips per batch
    first: int = 0
    size: int = 0  # batches, including those with no document to code
    nbytes: int = 0


def _windows(items: Iterator[Document | Skipped], batch_size: int) -> Iterator[_Window]:
    window = _Window()
    for index, (documents, skipped) in enumerate(batches(items, batch_size)):
        window.skipped[index] = skipped
        window.size += 1
        if documents:
            window.tables.append(_document_rows(index, documents))
            window.nbytes += sum(len(d.body) for d in documents)
        if window.nbytes >= WINDOW_BYTES or window.size >= WINDOW_BATCHES:
            yield window
            window = _Window(first=index + 1)
    if window.size:
        yield window


def import_ray() -> ModuleType:
    """The `ray` module, or MissingDependency with the install hint."""
    try:
        import ray
        import ray.data  # noqa: F401 - the `data` extra, needed beyond ray core
    except ImportError as error:
        raise MissingDependency("ray", "ray") from error
    return ray


def _coded_paths(ray: ModuleType, window: _Window, staging: Path, options: RunOptions
                 ) -> Iterator[tuple[int, str]]:
    """(batch index, Parquet file) as the actors finish them, in any order."""
    if not window.tables:
        return
    dataset = ray.data.from_arrow(window.tables).map_batches(
        BatchCoder,
        batch_size=1,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=max(1, min(options.workers, len(window.tables)))),
        fn_constructor_kwargs={"staging": str(staging), "published": options.published},
        num_cpus=1,
    )
    window.tables = []  # the object store holds them now
    for row in dataset.iter_rows():
        yield int(row["index"]), str(row["path"])


def _in_order(window: _Window, finished: Iterator[tuple[int, str]]
              ) -> Iterator[tuple[list[Skipped], str | None]]:
    """Each batch of the window in input order: its source skips and its file (None if empty)."""
    ready: dict[int, str] = {}
    expected = window.first
    last = window.first + window.size
    for index, path in finished:
        ready[index] = path
        while expected < last and (expected in ready or expected not in _coded(window)):
            yield window.skipped.pop(expected), ready.pop(expected, None)
            expected += 1
    while expected < last:
        yield window.skipped.pop(expected), ready.pop(expected, None)
        expected += 1


def _coded(window: _Window) -> set[int]:
    return window.coded if hasattr(window, "coded") else set()
