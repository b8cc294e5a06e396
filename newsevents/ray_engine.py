"""The Ray engine (`--engine ray`): `pipeline.process` with its batches coded by Ray Data.

The driver reads the sources (streaming) and cuts them into the same batches as the local
engine. Ray actors, each holding one `Coder`, extract and code a batch and write it to one
Parquet file (article and mentions as JSON columns). The driver alone reads those files back,
in input order, and `process` stores them one transaction per article: DuckDB allows a
single writer. Ray Data wants its input up front, so the stream goes to Ray in windows of at
most WINDOW_BYTES of document bodies or WINDOW_BATCHES batches, one dataset (and one actor
pool) each.

Ray is an optional extra (`pip install 'newsevents[ray]'`), imported only when this runs. On a
multi-node cluster, `staging` must be a folder that every node and the driver can reach.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, BinaryIO

from .errors import MissingDependency, NewsEventsError
from .models import Article, Document, IngestSummary, Mention, Skipped
from .pipeline import Coded, Coder, Jobs, RunOptions, process

if TYPE_CHECKING:
    import pyarrow as pa

    from .store import Store

WINDOW_BYTES = 256 * 1024 * 1024  # document bodies in Ray's object store at once
WINDOW_BATCHES = 4096  # a window starts a fresh actor pool: one Coder.load (~2 s) per actor
STAGING_PREFIX = "newsevents-ray-"


def process_with_ray(
    sources: Sequence[str],
    store: Store,
    *,
    options: RunOptions,
    address: str | None = None,
    coder: Callable[[], Coder] = Coder.load,
    stdin: BinaryIO | None = None,
    on_document: Callable[[], None] | None = None,
    staging: Path | None = None,
) -> IngestSummary:
    """`pipeline.process` on Ray: a local instance of `options.workers` CPUs, or `address`.

    Joins the Ray instance already initialised in this process if there is one.
    """
    ray = import_ray()
    with ray_session(ray, address, options.workers), tempfile.TemporaryDirectory(
        prefix=STAGING_PREFIX, dir=staging
    ) as folder:
        engine = partial(code_batches_with_ray, ray=ray, staging=Path(folder))
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
    local = {} if address else {"num_cpus": max(1, workers)}
    ray.init(address=address or None, include_dashboard=False, ignore_reinit_error=True,
             logging_level=logging.WARNING, **local)
    try:
        yield
    finally:
        ray.shutdown()


# --- the engine: batches in, coded batches out, in order -------------------------------


def code_batches_with_ray(jobs: Jobs, options: RunOptions, coder: Callable[[], Coder], *,
                          ray: ModuleType, staging: Path
                          ) -> Iterator[tuple[list[Coded], list[Skipped]]]:
    """The Ray counterpart of `pipeline.code_batches` (same arguments, same output)."""
    for window in windows(jobs):
        finished = _finished_files(ray, window, staging, options, coder)
        ready: dict[int, Path] = {}
        for index in range(window.first, window.first + window.size):
            skipped = window.skipped.pop(index)
            if index not in window.coded:
                yield [], skipped
                continue
            while index not in ready:
                done = next(finished, None)
                if done is None:
                    raise RuntimeError(f"Ray returned no result for batch {index}")
                ready[done[0]] = done[1]
            yield read_coded(ready.pop(index)), skipped


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


def _finished_files(ray: ModuleType, window: Window, staging: Path, options: RunOptions,
                    coder: Callable[[], Coder]) -> Iterator[tuple[int, Path]]:
    """(batch index, its Parquet file) as the actors finish them, in any order.

    An actor that could not load its Coder answers with the error's text, not a file: Ray
    loses the cause of exceptions raised in actors, and NewsEventsError's subclasses do not
    unpickle. It is raised here, once, as a NewsEventsError.
    """
    dataset = ray.data.from_arrow(window.tables).map_batches(
        BatchCoder,
        batch_size=1,
        batch_format="pyarrow",
        compute=ray.data.ActorPoolStrategy(size=max(1, min(options.workers, len(window.tables)))),
        fn_constructor_kwargs={"coder": coder, "staging": str(staging),
                               "published": options.published},
        num_cpus=1,
    )
    window.tables = []  # the object store holds them now
    dataset.context.enable_progress_bars = sys.stderr.isatty()
    dataset.context.print_on_execution_start = False
    for row in dataset.iter_rows():
        if row["error"] is not None:
            raise NewsEventsError(row["error"])
        yield int(row["index"]), Path(row["path"])


def read_coded(path: Path) -> list[Coded]:
    """The coded documents of one batch file, which is deleted once read."""
    import pyarrow.parquet as pq

    rows = pq.read_table(path).to_pylist()
    path.unlink()
    return [coded_from_row(row) for row in rows]


# --- the Ray actor ---------------------------------------------------------------------


class BatchCoder:
    """A Ray Data actor: `__init__` loads a Coder once; `__call__` codes batches to Parquet."""

    def __init__(self, coder: Callable[[], Coder], staging: str, published: date | None
                 ) -> None:
        self.coder: Coder | None = None
        self.failure: str | None = None
        try:
            self.coder = coder()
        except NewsEventsError as error:  # reported by __call__, as data
            self.failure = str(error)
        self.staging = Path(staging)
        self.published = published

    def __call__(self, rows: pa.Table) -> pa.Table:
        import pyarrow as pa

        indexes, paths = [], []
        for row in rows.to_pylist():
            indexes.append(row["index"])
            paths.append(None if self.coder is None else self._write(row))
        return pa.table({"index": pa.array(indexes, pa.int64()),
                         "path": pa.array(paths, pa.string()),
                         "error": pa.array([self.failure] * len(indexes), pa.string())})

    def _write(self, row: dict[str, Any]) -> str:
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert self.coder is not None
        coded = self.coder.process_documents(documents_from_row(row), self.published)
        path = self.staging / f"batch-{row['index']:09d}.parquet"
        pq.write_table(pa.Table.from_pylist([coded_to_row(c) for c in coded],
                                            schema=coded_schema()), path)
        return str(path)


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
