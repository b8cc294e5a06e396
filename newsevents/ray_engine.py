"""The Ray engine (`--engine ray`): `pipeline.process` with its batches coded by Ray Data.

The driver reads the sources (streaming) and cuts them into the same batches as the local
engine. Ray actors, each holding one `Coder` (loaded once, in the actor's `__init__`), extract
and code a batch and write it as one Parquet file (article and mentions as JSON columns)
into Ray's object store, so no folder has to be shared between the nodes of a cluster. The
driver alone reads those files back, in input order, and `process` stores them one
transaction per article: DuckDB allows a single writer. Ray Data wants its input up front,
so the stream goes to Ray in windows of at most WINDOW_BYTES of document bodies or
WINDOW_BATCHES batches, one dataset (and one actor pool) each.

Ray is an optional extra (`pip install 'newsevents[ray]'`), imported only when this runs.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import MissingDependency, NewsEventsError
from .models import Article, Document, IngestSummary, Mention, Skipped
from .pipeline import Coded, Coder, Jobs, RunOptions, process

if TYPE_CHECKING:
    import pyarrow as pa

    from .store import Store

WINDOW_BYTES = 256 * 1024 * 1024  # document bodies in Ray's object store at once
AUTH_HINT = (" (is `ray start --head` running there? a cluster with token authentication,"
             " the default since Ray 2.59, also needs RAY_AUTH_MODE=token and its token here)")
WINDOW_BATCHES = 4096  # a window starts a fresh actor pool: one Coder.load (~5 s) per actor


def process_with_ray(
    sources: Sequence[str],
    store: Store,
    *,
    options: RunOptions,
    address: str | None = None,
    coder: Callable[[], Coder] = Coder.load,
    stdin: BinaryIO | None = None,
    on_document: Callable[[], None] | None = None,
) -> IngestSummary:
    """`pipeline.process` on Ray: a local instance of `options.workers` CPUs, or the cluster
    at `address` ("auto", "ray://host:10001", "host:6379") with `options.workers` actors.

    Joins the Ray instance already initialised in this process if there is one.
    """
    ray = import_ray()
    with ray_session(ray, address, options.workers):
        engine = partial(code_batches_with_ray, ray=ray)
        return process(sources, store, options=options, coder=coder, stdin=stdin,
                       on_document=on_document, engine=engine)


def import_ray() -> ModuleType:
    """The `ray` module, or MissingDependency with the install hint."""
    try:
        import ray
        import ray.data  # noqa: F401 - the `data` extra, beyond ray core
    except ImportError as error:
        raise MissingDependency("ray", "ray") from error
    return ray


@contextmanager
def ray_session(ray: ModuleType, address: str | None, workers: int) -> Iterator[None]:
    """Ray initialised for the block; shut down after it only if this call started it."""
    if ray.is_initialized():
        yield
        return
    local: dict[str, Any] = {}
    if not address:  # a new instance for this run ("local"), sized to it, that phones no one
        local = {"num_cpus": max(1, workers)}
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # no line per finished dataset
    try:
        ray.init(address=address or "local", include_dashboard=False, ignore_reinit_error=True,
                 logging_level=logging.WARNING, **local)
    except (ConnectionError, RuntimeError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        where = f"join the Ray cluster at {address}" if address else "start a local Ray"
        hint = AUTH_HINT if address else ""
        raise NewsEventsError(f"cannot {where}: {first}{hint}") from error
    try:
        yield
    finally:
        ray.shutdown()


# --- the engine: batches in, coded batches out, in order -------------------------------


def code_batches_with_ray(jobs: Jobs, options: RunOptions, coder: Callable[[], Coder], *,
                          ray: ModuleType) -> Iterator[tuple[list[Coded], list[Skipped]]]:
    """The Ray counterpart of `pipeline.code_batches` (same arguments, same output)."""
    for window in windows(jobs):
        finished = _finished_batches(ray, window, options, coder)
        for index in range(window.first, window.first + window.size):
            skipped = window.skipped.pop(index)
            if index not in window.coded:
                yield [], skipped
                continue
            done = next(finished, None)
            if done is None or done[0] != index:
                raise RuntimeError(f"Ray returned {done and done[0]} instead of batch {index}")
            yield read_coded(done[1]), skipped


@dataclass
class Window:
    """Consecutive batches read from the sources, going to Ray as one dataset."""

    first: int = 0  # index of the window's first batch
    size: int = 0  # batches, including those with no document left to code
    nbytes: int = 0
    tables: list[pa.Table] = field(default_factory=list)  # one row per batch to code
    coded: set[int] = field(default_factory=set)
    skipped: dict[int, list[Skipped]] = field(default_factory=dict)  # source skips per batch


def windows(jobs: Jobs) -> Iterator[Window]:
    window = Window()
    for index, (documents, skipped) in enumerate(jobs):
        window.size += 1
        window.skipped[index] = skipped
        if documents:
            window.tables.append(documents_table(index, documents))
            window.coded.add(index)
            window.nbytes += sum(len(d.body) for d in documents)
        if window.nbytes >= WINDOW_BYTES or window.size >= WINDOW_BATCHES:
            yield window
            window = Window(first=index + 1)
    if window.size:
        yield window


def _finished_batches(ray: ModuleType, window: Window, options: RunOptions,
                      coder: Callable[[], Coder]) -> Iterator[tuple[int, bytes]]:
    """(batch index, its Parquet file) for each batch of the window, in input order.

    An actor that could not load its Coder answers with the error's text, not a file: Ray
    loses the cause of exceptions raised in actors, and NewsEventsError's subclasses do not
    unpickle. It is raised here, once, as a NewsEventsError.
    """
    dataset = ray.data.from_arrow(window.tables).map_batches(
        BatchCoder,
        batch_size=1,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=max(1, min(options.workers, len(window.tables)))),
        fn_constructor_kwargs={"coder": coder, "published": options.published},
        num_cpus=1,
    )
    window.tables = []  # the object store holds them now
    dataset.context.enable_progress_bars = sys.stderr.isatty()
    dataset.context.print_on_execution_start = False
    dataset.context.execution_options.preserve_order = True
    for row in dataset.iter_rows():
        if row["error"] is not None:
            raise NewsEventsError(row["error"])
        yield int(row["index"]), bytes(row["parquet"])


def read_coded(parquet: bytes) -> list[Coded]:
    """The coded documents of one batch, from its Parquet file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = pq.read_table(pa.BufferReader(parquet)).to_pylist()
    return [coded_from_row(row) for row in rows]


def write_coded(coded: Sequence[Coded]) -> bytes:
    """One batch of coded documents as a Parquet file of `coded_schema()` rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_pylist([coded_to_row(c) for c in coded],
                                        schema=coded_schema()), sink)
    return bytes(sink.getvalue().to_pybytes())


# --- the Ray actor ---------------------------------------------------------------------


class BatchCoder:
    """A Ray Data actor: `__init__` loads a Coder once; `__call__` codes batches to Parquet."""

    def __init__(self, coder: Callable[[], Coder], published: date | None) -> None:
        self.coder: Coder | None = None
        self.failure: str | None = None
        try:
            self.coder = coder()
        except NewsEventsError as error:  # reported by __call__, as data
            self.failure = str(error)
        self.published = published

    def __call__(self, rows: pa.Table) -> pa.Table:
        import pyarrow as pa

        indexes, files = [], []
        for row in rows.to_pylist():
            indexes.append(row["index"])
            files.append(None if self.coder is None else write_coded(
                self.coder.process_documents(documents_from_row(row), self.published)))
        return pa.table({"index": pa.array(indexes, pa.int64()),
                         "parquet": pa.array(files, pa.binary()),
                         "error": pa.array([self.failure] * len(indexes), pa.string())})


# --- records <-> Arrow rows -------------------------------------------------------------


def documents_table(index: int, documents: Sequence[Document]) -> pa.Table:
    """One batch of documents as a one-row Arrow table: list columns keep the batch whole."""
    import pyarrow as pa

    def column(values: list[Any], kind: pa.DataType) -> pa.Array:
        return pa.array([values], pa.list_(kind))

    return pa.table({
        "index": pa.array([index], pa.int64()),
        "urls": column([d.url for d in documents], pa.string()),
        "bodies": column([d.body for d in documents], pa.binary()),
        "content_types": column([d.content_type for d in documents], pa.string()),
        "published": column([d.published_hint for d in documents], pa.date32()),
        "titles": column([d.title_hint for d in documents], pa.string()),
    })  # fmt: skip


def documents_from_row(row: dict[str, Any]) -> list[Document]:
    """The inverse of `documents_table`, for one row."""
    columns = (row["urls"], row["bodies"], row["content_types"], row["published"], row["titles"])
    return [Document(*values) for values in zip(*columns, strict=True)]


@cache
def coded_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([("url", pa.string()), ("article", pa.string()),
                      ("mentions", pa.string()), ("skipped", pa.string())])


def coded_to_row(coded: Coded) -> dict[str, str | None]:
    """One coded document as a row of `coded_schema()`."""
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
