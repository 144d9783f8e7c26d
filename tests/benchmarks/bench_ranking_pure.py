"""Timings of the pure domain: compute_ranking for every method and assign_jurors.

    python tests/benchmarks/bench_ranking_pure.py [--nominations 2000] [--runs 3]

A national year at its largest: 2,000 nominations × 5 jurors × 5 criteria = 50,000 scores
(deterministic), and 2,000 nominations × 40 jurors with K = 5 and organisation conflicts.
Prints the best of `--runs` for each, against its budget. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import functools
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from awards.assignment import assign_jurors
from awards.presets import PRESETS
from awards.ranking import METHOD_NAMES as METHODS
from awards.ranking import ScoreEntry, compute_ranking

# The brief's budgets: mean well under 0.3 s, every other method and the assignment under 1 s.
BUDGET_SECONDS = {"mean": 0.3, "median": 1.0, "trimmed": 1.0, "zscore": 1.0, "rank": 1.0}
BUDGET_SECONDS["assign"] = 1.0


def scores(nominations: int, jurors: int) -> list[ScoreEntry]:
    """Each juror has a personal bias; each nomination a true quality; half-point steps."""
    rng = random.Random(2026)
    criteria = PRESETS["customer-advisor"].criteria
    bias = [rng.uniform(-1.5, 1.5) for _ in range(jurors)]
    entries = []
    for n in range(1, nominations + 1):
        quality = rng.uniform(3, 9)
        for j in range(jurors):
            for c in criteria:
                value = quality + bias[j] + rng.gauss(0, 1)
                entries.append(ScoreEntry(f"juror{j}@example.fi", n, c.key, _on_scale(value)))
    return entries


def _on_scale(value: float) -> float:
    return min(10.0, max(0.0, round(value * 2) / 2))


def best_of(runs: int, work: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def report(label: str, seconds: float, budget: float) -> None:
    verdict = "yes" if seconds < budget else "NO"
    print(f"{label:<28} {seconds:>9.3f} {budget:>11.1f}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--nominations", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    criteria = PRESETS["customer-advisor"].criteria
    entries = scores(args.nominations, 5)
    ids = list(range(1, args.nominations + 1))
    print(f"{'what':<28} {'best (s)':>9} {'budget (s)':>11}  ok")
    print(f"{'-' * 28} {'-' * 9} {'-' * 11}  --")
    for method in METHODS:
        rank = functools.partial(compute_ranking, criteria, entries, ids, method)
        report(f"ranking --method {method}", best_of(args.runs, rank), BUDGET_SECONDS[method])

    rng = random.Random(7)
    jurors = [f"juror{j:02d}@example.fi" for j in range(40)]
    organisation = {n: rng.randrange(10) for n in ids}  # 10 organisations, 4 jurors each
    conflicts = {(j, n) for i, j in enumerate(jurors) for n in ids if organisation[n] == i // 4}
    assign = functools.partial(assign_jurors, ids, jurors, conflicts, 5)
    report("assign K=5, 40 jurors", best_of(args.runs, assign), BUDGET_SECONDS["assign"])
    print(f"\n{len(entries):,} scores, {len(ids):,} nominations, {len(conflicts):,} conflicts")


if __name__ == "__main__":
    main()
