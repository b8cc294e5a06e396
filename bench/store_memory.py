"""The writer's memory alone: coded articles replayed into a DuckDB store, round after round.

    python bench/store_memory.py [--articles 20000] [--coded 1000] [--every 2000]
                                 [--memory-mb 64] [--text-chars 0]

Codes `--coded` synthetic articles once (bench/make_synthetic.py, 2 workers), then saves them
again and again into one store opened for ingest, each round with fresh article and event ids
and its words shuffled (so that no copy is a near-duplicate), until `--articles` are stored.
Every `--every` articles it prints the writer's RSS / PSS and DuckDB's own count of its memory,
so a growth of the store's memory shows in a minute instead of in a 30-minute ingest.
`--text-chars N` makes every text N characters long (long-form articles: DuckDB's checkpoints
need more memory for long strings, and the store reopens with more when they run out).
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import resource
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from make_synthetic import write_corpus
from memory_growth import duckdb_mb, rollup

from newsevents.memory import Trimmer
from newsevents.pipeline import RunOptions, process
from newsevents.store import Store
from newsevents.store_batch import Saving

BATCH = RunOptions().store_batch


class Recorder:
    """A store that keeps what it is given."""

    def __init__(self) -> None:
        self.items: list[Saving] = []

    def save_articles(self, batch: Sequence[Saving]) -> list[bool]:
        self.items.extend(batch)
        return [True] * len(batch)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def variant(item: Saving, round_: int, text_chars: int) -> Saving:
    """The item as a different story: new ids, its words shuffled (or repeated to length)."""
    article = item.article
    words = article.text.split()
    random.Random(f"{article.id}/{round_}").shuffle(words)
    text = " ".join(words)
    if text_chars:
        text = (text + " ") * (text_chars // (len(text) + 1) + 1)
        text = text[:text_chars]
    article_id = f"{article.id[:10]}{round_:06d}"
    copy = dataclasses.replace(article, id=article_id, text=text, url=f"{article.url}?r={round_}")
    mentions = [dataclasses.replace(
        m, id=f"{m.id}-{round_}", article_id=article_id,
        responds_to=f"{m.responds_to}-{round_}" if m.responds_to else None)
        for m in item.mentions]
    return Saving(copy, mentions, copy.url)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--coded", type=int, default=1_000)
    parser.add_argument("--every", type=int, default=2_000)
    parser.add_argument("--memory-mb", type=int, default=None,
                        help="DuckDB's ingest limit (default: the store's own)")
    parser.add_argument("--text-chars", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsevents-store-memory-") as folder:
        corpus = write_corpus(Path(folder) / "corpus.jsonl", args.coded)
        recorder = Recorder()
        process([str(corpus)], recorder, options=RunOptions(workers=2))  # type: ignore[arg-type]
        items = recorder.items
        started, stored, round_, peak = time.monotonic(), 0, 0, 0
        trimmer = Trimmer()
        with Store.open(Path(folder) / "store.duckdb", ingest=True) as store:
            if args.memory_mb:
                store._limit_memory(args.memory_mb)
            while stored < args.articles:
                for start in range(0, len(items), BATCH):
                    batch = [variant(item, round_, args.text_chars)
                             for item in items[start:start + BATCH]]
                    store.save_articles(batch)
                    trimmer.count(len(batch))
                    stored += len(batch)
                    now = {k: v // 1024 for k, v in rollup(os.getpid()).items()}
                    peak = max(peak, now["Rss"])
                    if stored % args.every < BATCH:
                        print(f"{stored:7d} articles {time.monotonic() - started:6.0f} s  "
                              f"writer RSS {now['Rss']:4d} MB  PSS {now['Pss']:4d} MB  "
                              f"duckdb {duckdb_mb(store):>4} MB  peak RSS {peak:4d} MB",
                              flush=True)
                    if stored >= args.articles:
                        break
                round_ += 1
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{stored} articles stored; peak writer RSS {peak} MB (maxrss {maxrss} MB)")


if __name__ == "__main__":
    main()
