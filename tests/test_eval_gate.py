"""Accuracy gate: the small gold sets score at least their floors pinned in
bench/eval_baseline.json. Floors only go up, on purpose: run `pytest -s -m slow
tests/test_eval_gate.py` (or bench/accuracy.py) to see the current values and raise them."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import evalsets  # noqa: E402

BASELINE = json.loads((REPO / "bench" / "eval_baseline.json").read_text(encoding="utf-8"))
GATED = [name for name, entry in BASELINE["sets"].items() if entry.get("gate")]


@pytest.fixture(scope="module")
def context() -> evalsets.RunContext:
    from newsevents.pipeline import Coder

    return evalsets.RunContext(cache(Coder.load))


def test_baseline_names_known_sets_with_floors_between_zero_and_one() -> None:
    assert GATED
    for name, entry in BASELINE["sets"].items():
        assert name in evalsets.RUNNERS
        assert entry["floors"]
        assert all(0.0 <= floor <= 1.0 for floor in entry["floors"].values()), name


@pytest.mark.slow
@pytest.mark.parametrize("name", GATED)
def test_gold_set_scores_at_least_its_pinned_floors(name: str,
                                                    context: evalsets.RunContext) -> None:
    entry = BASELINE["sets"][name]
    run = replace(context, limit=entry.get("limit"), dev=entry.get("dev", False))
    report = evalsets.run_set(name, run)
    if not report.ok:
        pytest.skip(f"{name}: {report.status}")
    current = ", ".join(f"{metric}={report.metrics.get(metric, float('nan')):.3f}"
                        for metric in entry["floors"])
    print(f"\n{name} ({report.size} items, {report.seconds:.1f} s): {current}")
    below = evalsets.below_floors(report, entry["floors"])
    assert not below, f"{name} fell below its floors {entry['floors']}: now {current}"
