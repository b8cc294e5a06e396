"""The Ray engine: same events as the local engine, a clear line when Ray is missing."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsevents import ray_engine
from newsevents.annotate import load_nlp
from newsevents.cli import app
from newsevents.errors import MissingDependency, NewsEventsError
from newsevents.models import (
    Article,
    DateRef,
    Document,
    EventCode,
    Evidence,
    Mention,
    Party,
    Place,
    Skipped,
)
from newsevents.pipeline import Coded, Coder, RunOptions, process
from newsevents.store import Store

ARTICLES = Path(__file__).resolve().parent / "fixtures" / "articles"
OPTIONS = RunOptions(workers=2, batch_size=4, published=date(2024, 6, 13))
RAY_QUIET = {"RAY_USAGE_STATS_ENABLED": "0", "RAY_DATA_DISABLE_PROGRESS_BARS": "1"}
OBJECT_STORE_BYTES = 200 * 1024 * 1024
INSTALL_HINT = "ray is not installed; install it with: pip install 'newsevents[ray]'"

ARTICLE = Article("a1b2c3d4e5f60718", "https://news.example/story", "Strike on camp",
                  date(2024, 6, 13), "news.example", "One.\n\nTwo.", ("One.", "Two."), None)
MENTION = Mention(
    id="m1", article_id=ARTICLE.id,
    code=EventCode("ASSAULT", "aerial", ("military",), "195", -10.0, 4, -9.5,
                   "Explosions/Remote violence", "Air/drone strike"),
    actor=Party("Sudan's army", "Sudan", "SDN", "MIL"), target=None,
    location=Place("El Fasher", "El Fasher", "SDN", None, None, 13.6, 25.3, "city"),
    date=DateRef(date(2024, 6, 12), "day", "Wednesday"),
    evidence=(Evidence(ARTICLE.id, ARTICLE.url, "One.", 0, 4),), fatalities=6,
)  # fmt: skip


@pytest.fixture(scope="module")
def ray_instance() -> Iterator[Any]:
    """A small local Ray for this module: two CPUs, no dashboard, no usage reports, quiet."""
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install 'newsevents[ray]')")
    pytest.importorskip("ray.data", reason="ray[data] is not installed")
    saved = {name: os.environ.get(name) for name in RAY_QUIET}
    os.environ.update(RAY_QUIET)
    ray.init(address="local", num_cpus=2, include_dashboard=False, ignore_reinit_error=True,
             log_to_driver=False, object_store_memory=OBJECT_STORE_BYTES,
             logging_level=logging.WARNING)
    yield ray
    ray.shutdown()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(scope="module")
def coder() -> Coder:
    """The local engine's Coder, loaded once for the module (the actors load their own)."""
    return Coder.load()


def stored_events(run: Any) -> tuple[Any, list[dict[str, Any]], list[Article]]:
    with Store.open(":memory:") as store:
        summary = run(store)
        return summary, store.events(), list(store.articles())


# --- on a local Ray instance ---------------------------------------------------------------


@pytest.mark.slow
def test_ray_engine_stores_the_same_events_and_summary_as_the_local_engine(
    ray_instance: Any, coder: Coder
) -> None:
    texts = sorted(str(path) for path in ARTICLES.glob("*.txt"))
    gold = sorted(str(path) for path in ARTICLES.glob("*.json"))
    sources = [*texts[:12], gold[0], *texts[12:14]]  # the .json file is skipped
    in_process = replace(OPTIONS, workers=1)  # no fork of a process that runs Ray's threads
    local = stored_events(lambda store: process(sources, store, options=in_process,
                                                coder=lambda: coder))
    on_ray = stored_events(
        lambda store: ray_engine.process_with_ray(sources, store, options=OPTIONS)
    )
    assert on_ray[0] == local[0]  # counts and skipped inputs, in the same order
    assert [e["id"] for e in on_ray[1]] == [e["id"] for e in local[1]]
    assert on_ray[1] == local[1]
    assert [a.id for a in on_ray[2]] == [a.id for a in local[2]]
    assert local[0].events > 0 and local[0].skipped


@pytest.mark.slow
def test_cli_ingest_with_the_ray_engine_stores_what_the_local_engine_stores(
    ray_instance: Any, coder: Coder, tmp_path: Path
) -> None:
    sources = sorted(str(path) for path in ARTICLES.glob("*.txt"))[:3]
    db = tmp_path / "ray.duckdb"
    done = CliRunner().invoke(app, ["ingest", *sources, "--db", str(db), "--engine", "ray",
                                    "--published", "2024-06-13", "--workers", "1"])
    assert done.exit_code == 0, done.output
    assert "stored 3 articles (3 new)" in done.stderr
    options = RunOptions(workers=1, published=date(2024, 6, 13))
    _, local, _ = stored_events(lambda store: process(sources, store, options=options,
                                                      coder=lambda: coder))
    with Store.open(db) as on_ray:
        assert on_ray.events() == local != []


@pytest.mark.slow
def test_an_actor_that_cannot_load_its_coder_raises_one_newsevents_error(
    ray_instance: Any,
) -> None:
    broken = partial(load_nlp, "no_such_model")  # importable, so it pickles to the actors
    source = str(next(ARTICLES.glob("*.txt")))
    with Store.open(":memory:") as store, pytest.raises(NewsEventsError, match="no-such-model"):
        ray_engine.process_with_ray([source], store, options=OPTIONS, coder=broken)  # type: ignore[arg-type]


# --- without Ray ---------------------------------------------------------------------------


def test_missing_ray_raises_missing_dependency_with_the_install_hint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # `import ray` now raises ImportError
    with Store.open(":memory:") as store, pytest.raises(MissingDependency) as raised:
        ray_engine.process_with_ray([str(ARTICLES)], store, options=OPTIONS)
    assert str(raised.value) == INSTALL_HINT


def test_cli_prints_the_missing_ray_hint_on_one_line_and_exits_1(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    result = CliRunner().invoke(app, ["ingest", str(ARTICLES), "--db", str(tmp_path / "x.duckdb"),
                                      "--engine", "ray"])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"newsevents: {INSTALL_HINT}"


@pytest.mark.parametrize("coded", [
    (ARTICLE, [MENTION], "https://news.example/story?ref=feed"),
    (ARTICLE, [], "file:///tmp/story.html"),
    (Skipped("file:///tmp/empty.html", "no article text found"), [], "file:///tmp/empty.html"),
])  # fmt: skip
def test_a_coded_document_survives_its_parquet_row(coded: Coded) -> None:
    assert ray_engine.coded_from_row(ray_engine.coded_to_row(coded)) == coded


def test_a_batch_of_coded_documents_survives_its_parquet_file() -> None:
    batch: list[Coded] = [
        (ARTICLE, [MENTION], ARTICLE.url),
        (Skipped("file:///tmp/empty.html", "no article text found"), [], "file:///tmp/empty.html"),
    ]
    parquet = ray_engine.write_coded(batch)
    assert parquet.startswith(b"PAR1")
    assert ray_engine.read_coded(parquet) == batch


def test_a_batch_of_documents_survives_its_arrow_row() -> None:
    documents = [
        Document("https://a.example/1", b"<html>one</html>", "text/html", date(2024, 1, 2), "T"),
        Document("file:///tmp/2.txt", b"two\x00bytes", "text/plain"),
    ]
    row = ray_engine.documents_table(7, documents).to_pylist()[0]
    assert row["index"] == 7
    assert ray_engine.documents_from_row(row) == documents


def test_windows_cut_the_batches_and_keep_batches_without_documents(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ray_engine, "WINDOW_BATCHES", 2)
    document = Document("file:///tmp/a.txt", b"text", "text/plain")
    skip = Skipped("b.json", "unsupported file type .json")
    jobs = iter([([document], []), ([], [skip]), ([document], [skip]), ([document], [])])
    windows = list(ray_engine.windows(jobs))
    assert [(w.first, w.size, sorted(w.coded)) for w in windows] == [(0, 2, [0]), (2, 2, [2, 3])]
    assert windows[0].skipped == {0: [], 1: [skip]}
    assert [t.num_rows for t in windows[1].tables] == [1, 1]


class UnreachableRay:
    """Stands in for the `ray` module when no cluster answers at the address."""

    def __init__(self) -> None:
        self.shutdowns = 0

    def is_initialized(self) -> bool:
        return False

    def init(self, **options: Any) -> None:
        raise ConnectionError(f"Failed to connect to Ray cluster at {options['address']}\nmore")

    def shutdown(self) -> None:
        self.shutdowns += 1


def test_a_cluster_that_does_not_answer_is_one_newsevents_error_with_a_hint() -> None:
    ray = UnreachableRay()
    with pytest.raises(NewsEventsError) as raised:
        with ray_engine.ray_session(ray, "10.0.0.9:6379", 2):  # type: ignore[arg-type]
            pytest.fail("the block must not run without Ray")
    message = str(raised.value)
    assert message.startswith("cannot join the Ray cluster at 10.0.0.9:6379: Failed to connect")
    assert "\n" not in message and "RAY_AUTH_MODE=token" in message
    assert ray.shutdowns == 0
