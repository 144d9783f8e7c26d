"""The jury report at national scale against its floor, side by side in one run.

2,000 candidates, 40 jurors, 50,000 scores. The floor (`floor_report.py`) is the fastest plain
python-docx script that writes the same ranking table: A4, a heading, a 9-column header row,
one prototype row deep-copied per candidate. The goal is at most 2× the floor. Timed on the
round closed (how a report is normally written) and, for the record, on the round still open
(its ranking is then computed live). Whole processes, alternating, RUNS runs each after a
warm-up run (which also fills the panel cache the report reads), medians.

    python tests/benchmarks/bench_report.py [--runs 7] [--db PATH]

Not collected by pytest; CI does not time it.
"""

from __future__ import annotations

import argparse
import shutil
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


def _once(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def side_by_side(ours: list[str], floor: list[str], runs: int) -> tuple[float, float, float]:
    """Median seconds of ours and of the floor, run alternately; and ours' first run."""
    first = _once(ours)
    _once(floor)
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(_once(ours))
        theirs.append(_once(floor))
    return statistics.median(mine), statistics.median(theirs), first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db", type=Path, help="an existing national-scale year (copied)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="awards-report-"))
    try:
        open_db = work / "open.db"
        if args.db:
            shutil.copy(args.db, open_db)
        else:
            shutil.move(build(work), open_db)
        closed_db = work / "closed.db"
        shutil.copy(open_db, closed_db)
        subprocess.run(
            [*AWARDS, "--db", str(closed_db), "round", "close", SLUG, "--allow-missing"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        floor_script = str(HERE / "floor_report.py")
        print(f"jury report of {SLUG}: 2,000 candidates, 50,000 scores; {args.runs} runs, medians")
        for label, db in (("closed round", closed_db), ("open round", open_db)):
            ours = [*AWARDS, "--db", str(db), "export", "report", SLUG, "-o", str(work / "r.docx")]
            floor = [sys.executable, floor_script, str(db), str(work / "floor.docx")]
            mine, theirs, first = side_by_side(ours, floor, args.runs)
            print(
                f"  {label:<12}  awards {mine:6.3f} s   floor {theirs:6.3f} s   "
                f"ratio {mine / theirs:4.2f}x (goal 2x)   first run {first:6.3f} s"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
