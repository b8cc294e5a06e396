"""Measure newsevents against the gold data sets and print a table per set.

    .venv/bin/python bench/accuracy.py [--sets own,plover,...] [--json out.json] [--limit N]
                                       [--dev] [--data DIR] [--check]

Sets: own (bench/gold/articles), fixtures (tests/fixtures/articles), plover, conflibert, case,
geo, petrarch, extraction; their data are read from <repo>/../shared/data. A set that is not
there is reported as skipped.
--check compares each set run with the same --limit (and --dev) as its
bench/eval_baseline.json entry against the pinned floors and exits 1 when one is below;
--raise-floors lifts those floors to the current scores (rounded down), never lowering one.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import asdict
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[1]))

from evalsets import (  # noqa: E402
    DATA,
    GOLD,
    RUNNERS,
    RunContext,
    SetReport,
    below_floors,
    run_set,
)

from newsevents.pipeline import Coder  # noqa: E402

LABEL_WIDTH = 34
BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default=",".join(RUNNERS),
                        help=f"comma-separated, from: {', '.join(RUNNERS)}")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--limit", type=int, help="score only the first N items of each set")
    parser.add_argument("--dev", action="store_true",
                        help="PLOVER: score the dev half instead of the held-out half; "
                        "ConfliBERT: the train split instead of test; per-sentence "
                        "findings of these two sets are listed only with --dev")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data directory")
    parser.add_argument("--gold", type=Path, default=GOLD, help="our own gold articles")
    parser.add_argument("--verbose", action="store_true",
                        help="also print per-item findings (misses, wrong fields, extras)")
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when a set scores below its floor in eval_baseline.json")
    parser.add_argument("--raise-floors", action="store_true",
                        help="raise the floors in eval_baseline.json to the current scores")
    args = parser.parse_args(argv)
    unknown = [s for s in args.sets.split(",") if s not in RUNNERS]
    if unknown:
        parser.error(f"unknown sets: {', '.join(unknown)}")
    return args


def format_value(value: float) -> str:
    return f"{value:d}" if isinstance(value, int) else f"{value:.3f}"


def render(report: SetReport, verbose: bool = False) -> str:
    lines = [f"== {report.name}: {report.status}"
             + (f" ({report.size} items, {report.seconds:.1f} s)" if report.ok else "")]
    for name, value in report.metrics.items():
        lines.append(f"  {name:<{LABEL_WIDTH}} {value:.3f}")
    if report.counts:
        lines.append("  counts: " + ", ".join(f"{k}={v}" for k, v in report.counts.items()))
    if report.per_label:
        columns = list(next(iter(report.per_label.values())))
        lines.append(f"  {'':<{LABEL_WIDTH}} " + " ".join(f"{c:>13}" for c in columns))
        for label, row in report.per_label.items():
            lines.append(f"  {label:<{LABEL_WIDTH}} "
                         + " ".join(f"{format_value(row[c]):>13}" for c in columns))
    lines.extend(f"  note: {note}" for note in report.notes)
    if verbose:
        lines.extend(f"  - {detail}" for detail in report.details)
    return "\n".join(lines)


def run_guarded(name: str, context: RunContext) -> SetReport:
    """Run one set; a crash is reported as that set's status so the other sets still run."""
    try:
        return run_set(name, context)
    except Exception as exc:  # the measurement reports a broken stage, it does not stop at it
        return SetReport(name, f"error: {type(exc).__name__}: {exc}")


def comparable(entries: dict, reports: Sequence[SetReport], args: argparse.Namespace
               ) -> list[tuple[SetReport, dict]]:
    """Reports measured the way their baseline entry was (same --limit and --dev)."""
    return [(r, entries[r.name]) for r in reports
            if r.ok and r.name in entries and entries[r.name].get("limit") == args.limit
            and entries[r.name].get("dev", False) == args.dev]


def floor_failures(pairs: Sequence[tuple[SetReport, dict]]) -> list[str]:
    return [f"{report.name}.{metric} = {value} < floor {entry['floors'][metric]}"
            for report, entry in pairs
            for metric, value in below_floors(report, entry["floors"]).items()]


def raise_floors(pairs: Sequence[tuple[SetReport, dict]]) -> list[str]:
    """Lift each floor to the current score rounded down to 2 decimals; never lower one."""
    raised = []
    for report, entry in pairs:
        for metric, floor in entry["floors"].items():
            current = math.floor(report.metrics.get(metric, 0.0) * 100 + 1e-9) / 100
            if current > floor:
                entry["floors"][metric] = current
                raised.append(f"{report.name}.{metric}: {floor} -> {current}")
    return raised


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    context = RunContext(cache(Coder.load), data=args.data, gold=args.gold, limit=args.limit,
                         dev=args.dev)
    reports = []
    for name in args.sets.split(","):
        report = run_guarded(name, context)
        print(render(report, args.verbose), flush=True)
        reports.append(report)
    if args.json:
        payload = {"limit": args.limit, "dev": args.dev, "data": str(args.data),
                   "sets": {r.name: asdict(r) for r in reports}}
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    pairs = comparable(baseline["sets"], reports, args)
    failures = floor_failures(pairs) if args.check else []
    for failure in failures:
        print(f"below floor: {failure}", file=sys.stderr)
    if args.raise_floors:
        for line in raise_floors(pairs):
            print(f"raised: {line}")
        BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    errors = [r for r in reports if r.status.startswith("error")]
    return 1 if failures or errors else 0


if __name__ == "__main__":
    sys.exit(main())
