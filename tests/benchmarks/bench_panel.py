"""The panel at national scale against the ranking of the same round.

2,000 nominations, 40 jurors, 5 jurors per nomination (50,000 scores), 1,000 bootstrap draws:
`awards panel` should take at most 5× `awards ranking` of the same round. Whole processes,
RUNS runs each after a warm-up, medians.

    python tests/benchmarks/bench_panel.py [--runs 5] [--db PATH]

Not collected by pytest; CI does not time it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from national_year import build  # noqa: E402

_SCRIPT = Path(sys.executable).with_name("awards")
AWARDS = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "awards.commands"]
SLUG = "customer-advisor-2026"


def median_seconds(argv: list[str], runs: int) -> float:
    times = []
    for _ in range(runs + 1):  # the first run warms the file cache and is not counted
        started = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="an existing national-scale year")
    args = parser.parse_args()
    db = args.db or build(Path(tempfile.mkdtemp(prefix="awards-panel-")))
    base = [*AWARDS, "--db", str(db)]
    ranking = median_seconds([*base, "ranking", SLUG, "--format", "json"], args.runs)
    panel = median_seconds([*base, "panel", SLUG, "--format", "json"], args.runs)
    print(f"ranking {SLUG} (50,000 scores):            {ranking:6.3f} s")
    print(f"panel {SLUG} (1,000 bootstrap draws):      {panel:6.3f} s")
    print(f"panel / ranking: {panel / ranking:.2f}x (goal: at most 5x); {args.runs} runs, medians")


if __name__ == "__main__":
    main()
