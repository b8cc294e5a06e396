"""Where memory goes as a run grows: the PSS of each process every N documents.

    python bench/memory_growth.py CORPUS.jsonl [--every 1000] [--workers 2] [--store duckdb|none]

One `pipeline.process` run over CORPUS (e.g. `bench/make_synthetic.py 16000 corpus.jsonl`);
every `--every` documents it prints the total PSS of the process tree, then each process's
PSS / private dirty memory in MB: the writer (this process), the zygote, the workers, and
DuckDB's own count of the memory it holds; then the peak of that window of documents, from a
thread that samples the tree every SAMPLE_SECONDS, with each process's PSS at that moment.
`bench/throughput.py --memory-scaling` gives the peak of whole runs of different sizes; this
shows which process grows, whether it levels off, and whether the peaks between samples grow.
At the end (DuckDB store) it splits the writer's memory into the near-duplicate index, DuckDB
and the rest (`breakdown`): run it on 2,000 and 12,000 articles to see which part grows.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from throughput import DiscardingStore, _tree

from newsevents.memory import release_free_memory
from newsevents.pipeline import RunOptions, process
from newsevents.store import Store

SAMPLE_SECONDS = 0.2


def rollup(pid: int) -> dict[str, int]:
    """The kB fields of /proc/PID/smaps_rollup; empty for a process that has gone."""
    fields: dict[str, int] = {}
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return fields
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and parts[2] == "kB":
            fields[parts[0].rstrip(":")] = int(parts[1])
    return fields


def role(pid: int, root: int) -> str:
    if pid == root:
        return "writer"
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return "gone"
    return {"newsevents-zyg": "zygote", "newsevents-wrk": "worker"}.get(name, name)


def duckdb_mb(store: Any) -> str:
    connection = getattr(store, "_con", None)
    if connection is None:
        return "-"
    used = connection.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0]
    return f"{used / 2**20:.0f}"


def tree_pss(root: int) -> tuple[int, str]:
    """The total PSS of the process tree in MB, and each process's PSS."""
    processes = [(role(pid, root), rollup(pid).get("Pss", 0) // 1024) for pid in _tree(root)]
    return sum(mb for _, mb in processes), " ".join(f"{name} {mb}" for name, mb in processes)


class WindowPeak:
    """A thread sampling the tree's PSS; `take()` returns the peak since the last call."""

    def __init__(self, root: int) -> None:
        self._root, self._peak, self._lock = root, (0, ""), threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            now = tree_pss(self._root)
            with self._lock:
                self._peak = max(self._peak, now)

    def take(self) -> tuple[int, str]:
        with self._lock:
            peak, self._peak = self._peak, (0, "")
        return peak

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def breakdown(store: Store) -> str:
    """The writer's memory after the run (its workers gone), split by what frees it: the
    near-duplicate index, then DuckDB (the store closed); what stays is the rest of the
    writer. Run it on two corpus sizes to see which part grows with the corpus."""
    def writer_mb() -> int:
        gc.collect()
        release_free_memory()
        return rollup(os.getpid()).get("Pss", 0) // 1024

    after, counted = writer_mb(), duckdb_mb(store)
    store._signatures.index = None  # the LSH index, rebuilt from the table if it were needed
    unindexed = writer_mb()
    store.close()
    rest = writer_mb()
    return (f"writer after the run {after} MB: near-duplicate index {after - unindexed} MB, "
            f"DuckDB {unindexed - rest} MB (its own count {counted} MB), the rest {rest} MB")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", choices=("duckdb", "none"), default="duckdb")
    args = parser.parse_args(argv)
    root, started, seen, peak = os.getpid(), time.monotonic(), [0], [0]
    window = WindowPeak(root)

    def sample(store: Any) -> None:
        seen[0] += 1
        if seen[0] % args.every:
            return
        processes = {pid: rollup(pid) for pid in _tree(root)}
        total = sum(fields.get("Pss", 0) for fields in processes.values()) // 1024
        peak[0] = max(peak[0], total)
        parts = "  ".join(f"{role(pid, root)} {fields.get('Pss', 0) // 1024}/"
                          f"{fields.get('Private_Dirty', 0) // 1024}"
                          for pid, fields in processes.items())
        print(f"{seen[0]:7d} docs {time.monotonic() - started:6.0f} s  total {total:5d} MB  "
              f"duckdb {duckdb_mb(store)} MB  [{parts}]", flush=True)
        top, where = window.take()
        peak[0] = max(peak[0], top)
        print(f"{'':13s} window peak {top:5d} MB  [{where}]", flush=True)

    with tempfile.TemporaryDirectory(prefix="newsevents-memory-") as folder:
        opened = (DiscardingStore() if args.store == "none"
                  else Store.open(Path(folder) / "growth.duckdb", ingest=True))
        with opened as store:
            summary = process([str(args.corpus)], store,  # type: ignore[arg-type]
                              options=RunOptions(workers=args.workers),
                              on_document=lambda: sample(store))
            if isinstance(store, Store):
                print(breakdown(store), flush=True)  # it closes the store
    window.stop()
    peak[0] = max(peak[0], window.take()[0])  # the end: the last window and the store's close
    print(f"{summary.documents} documents, {summary.articles} articles; peak {peak[0]} MB PSS; "
          f"{time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
