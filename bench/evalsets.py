"""The data sets of bench/accuracy.py by name, and the article-extraction benchmark.

The data live in <repo>/../shared/data (each set has a README with its format and license);
nothing from them is copied into the repository. A missing set is reported as skipped.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import replace

from coding_sets import run_case, run_conflibert, run_petrarch, run_plover
from evalcore import DATA, GOLD, RunContext, SetReport, skipped
from geo_set import run_geo
from gold_sets import run_fixtures, run_own

from newsevents.evaluate import body_scores, body_tokens, ratio, shingle_match
from newsevents.models import Document

__all__ = ["DATA", "GOLD", "RUNNERS", "RunContext", "SetReport", "below_floors", "run_set"]


def run_extraction(ctx: RunContext) -> SetReport:
    from newsevents.extract import extract

    root = ctx.data / "article-extraction-benchmark"
    truth_path = root / "ground-truth.json"
    if not truth_path.exists():
        return skipped("extraction", truth_path)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    keys = ctx.take(sorted(truth))
    matches, exact, skipped_pages = [], 0, 0
    for key in keys:
        body = gzip.decompress((root / "html" / f"{key}.html.gz").read_bytes())
        result = extract(Document(truth[key].get("url", key), body, "text/html"))
        text = getattr(result, "text", "")
        skipped_pages += not text
        expected = truth[key].get("articleBody", "")
        matches.append(shingle_match(expected, text))
        exact += body_tokens(expected) == body_tokens(text)
    precision, recall, f1 = body_scores(matches)
    return SetReport("extraction", "ok", len(keys),
                     metrics={"precision": precision, "recall": recall, "f1": f1,
                              "accuracy": ratio(exact, len(keys))},
                     counts={"pages": len(keys), "no_text": skipped_pages})


RUNNERS: dict[str, Callable[[RunContext], SetReport]] = {
    "own": run_own, "fixtures": run_fixtures, "plover": run_plover,
    "conflibert": run_conflibert, "case": run_case, "geo": run_geo, "petrarch": run_petrarch,
    "extraction": run_extraction,
}


def run_set(name: str, ctx: RunContext) -> SetReport:
    started = time.perf_counter()
    report = RUNNERS[name](ctx)
    return replace(report, seconds=round(time.perf_counter() - started, 2))


def below_floors(report: SetReport, floors: Mapping[str, float]) -> dict[str, float | None]:
    """The floored metrics that the report scores under their floor (None = not measured)."""
    tolerance = 1e-9
    return {metric: report.metrics.get(metric) for metric, floor in floors.items()
            if report.metrics.get(metric, -1.0) < floor - tolerance}
