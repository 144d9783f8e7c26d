"""The performance benchmark: whole-process timings of `awards` against floors.

Each figure is a ratio to a floor measured in the same run (the least code that does the same
job with the same libraries), because absolute times drift on shared machines. Every command
runs RUNS times after a warm-up; medians are reported. Peak memory is the child's max RSS.

    python tests/benchmarks/bench_cli.py [--runs 5] [--json results.json] [--quick]

Prints a table and writes JSON. Not collected by pytest; CI does not time it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.benchmarks.national_year import build, nominations_csv, scores_csv  # noqa: E402

PY = sys.executable
# The console script users run, installed beside this Python; `python -m awards.commands` otherwise.
_SCRIPT = Path(PY).with_name("awards")
AWARDS = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "awards.commands"]


def measure(argv: list[str], runs: int, cwd: Path) -> tuple[float, float]:
    """Median wall seconds over `runs` (after one warm-up run), and peak RSS in MiB."""
    results = [_once(argv, cwd) for _ in range(runs + 1)][1:]  # the first warms the file cache
    return statistics.median(t for t, _ in results), max(m for _, m in results)


FLOOR_LIST = """
import json, sys, sqlite_utils
db = sqlite_utils.Database(sys.argv[1])
rows = list(db.query("select id, nominee, organization, title, status from nominations"))
print(json.dumps(rows, ensure_ascii=False, indent=2))
"""

FLOOR_RANKING = """
import sys, sqlite_utils
from collections import defaultdict
db = sqlite_utils.Database(sys.argv[1])
sums = defaultdict(float); counts = defaultdict(int)
for row in db.query("select nomination_id, criterion, value from scores"):
    key = (row["nomination_id"], row["criterion"])
    sums[key] += row["value"]; counts[key] += 1
means = {k: sums[k] / counts[k] for k in sums}
totals = defaultdict(float)
for (n, c), v in means.items():
    totals[n] += v
for n, t in sorted(totals.items(), key=lambda x: -x[1]):
    print(n, t)
"""

# The report's floor is its own script: a prototype row deep-copied per candidate.
FLOOR_REPORT = str(HERE / "floor_report.py")


def import_growth(work: Path, runs: int, quick: bool) -> list[dict[str, object]]:
    """Nomination and score imports at 1x, 2x and 4x size, each into a fresh database."""
    results = []
    base_nominations = 2500 if quick else 10000
    for factor in (1, 2, 4):
        size = base_nominations * factor
        folder = work / f"growth-{factor}"
        folder.mkdir()
        csv_path = folder / "nominations.csv"
        nominations_csv(csv_path, size, seed=factor)
        setup = [
            *AWARDS,
            "--db",
            str(folder / "n.db"),
            "competition",
            "create",
            "--category",
            "customer-advisor",
            "--year",
            "2026",
        ]
        times, peaks = [], []
        for _ in range(max(1, runs // 2)):
            (folder / "n.db").unlink(missing_ok=True)
            subprocess.run(setup, check=True, capture_output=True)
            t, peak = _once(
                [
                    *AWARDS,
                    "--db",
                    str(folder / "n.db"),
                    "nomination",
                    "import",
                    "customer-advisor-2026",
                    str(csv_path),
                ],
                folder,
            )
            times.append(t)
            peaks.append(peak)
        results.append(
            {
                "what": "nomination import",
                "rows": size,
                "seconds": statistics.median(times),
                "peak_mib": max(peaks),
            }
        )
    base_scores = 12500 if quick else 50000
    for factor in (1, 2, 4):
        folder = work / f"growth-{factor}"
        nominations = base_scores * factor // 25
        db = folder / "s.db"
        subprocess.run(
            [
                *AWARDS,
                "--db",
                str(db),
                "competition",
                "create",
                "--category",
                "customer-advisor",
                "--year",
                "2026",
            ],
            check=True,
            capture_output=True,
        )
        nominations_csv(folder / "few.csv", nominations, seed=9)
        subprocess.run(
            [
                *AWARDS,
                "--db",
                str(db),
                "nomination",
                "import",
                "customer-advisor-2026",
                str(folder / "few.csv"),
            ],
            check=True,
            capture_output=True,
        )
        from awards.db.store import Store

        store = Store.open(db, "bench")
        for j in range(40):
            store.jury.add(
                "customer-advisor-2026", f"T {j}", f"juror{j}@example.fi", None, "member"
            )
        store.close()
        subprocess.run(
            [
                *AWARDS,
                "--db",
                str(db),
                "round",
                "open",
                "customer-advisor-2026",
                "--per-nomination",
                "5",
            ],
            check=True,
            capture_output=True,
        )
        store = Store.open(db, "bench")
        pairs = [
            (a["juror"], a["nomination"]) for a in store.rounds.assignments("customer-advisor-2026")
        ]
        store.close()
        scores_csv(
            folder / "scores.csv",
            pairs,
            ["encounter", "solutions", "feedback", "teamwork", "development"],
        )
        t, peak = _once(
            [
                *AWARDS,
                "--db",
                str(db),
                "score",
                "import",
                "customer-advisor-2026",
                str(folder / "scores.csv"),
            ],
            folder,
        )
        results.append(
            {"what": "score import", "rows": len(pairs) * 5, "seconds": t, "peak_mib": peak}
        )
    return results


def _once(argv: list[str], cwd: Path) -> tuple[float, float]:
    """One whole-process run, timed by a fresh parent so RUSAGE_CHILDREN is this child's peak."""
    probe = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE); "
        "dt = time.perf_counter() - t; assert r.returncode == 0, r.stderr.decode()[-2000:]; "
        "print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([PY, "-c", probe, *argv], cwd=cwd, capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{out.stderr[-3000:]}")
    seconds, rss_kib = out.stdout.split()
    return float(seconds), int(rss_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path, default=HERE / "results.json")
    parser.add_argument("--quick", action="store_true", help="quarter-size imports")
    args = parser.parse_args()
    # A `pip install .` compiles the package to bytecode; an editable install under
    # PYTHONDONTWRITEBYTECODE would recompile it on every run and time the compiler instead.
    root = HERE.parents[1]
    subprocess.run(
        [
            PY,
            "-m",
            "compileall",
            "-q",
            *(str(root / d) for d in ("awards", "db", "exports", "commands")),
        ],
        check=True,
    )
    work = Path(tempfile.mkdtemp(prefix="awards-bench-"))
    try:
        started = time.perf_counter()
        db = build(work)
        build_seconds = time.perf_counter() - started
        d = str(db)
        report_out = str(work / "report.docx")
        floor_out = str(work / "floor.docx")
        rows = []

        def pair(name: str, ours: list[str], floor: list[str], goal: float) -> None:
            t_ours, m_ours = measure(ours, args.runs, work)
            t_floor, m_floor = measure(floor, args.runs, work)
            rows.append(
                {
                    "what": name,
                    "awards_s": t_ours,
                    "floor_s": t_floor,
                    "ratio": t_ours / t_floor,
                    "goal": goal,
                    "ok": t_ours / t_floor <= goal,
                    "awards_peak_mib": m_ours,
                    "floor_peak_mib": m_floor,
                }
            )

        click_floor = [PY, "-c", "import click"]
        pair("awards --help", [*AWARDS, "--help"], click_floor, 1.5)
        pair("awards status", [*AWARDS, "--db", d, "status"], click_floor, 1.5)
        pair(
            "nomination list --format json (2,000)",
            [*AWARDS, "--db", d, "nomination", "list", "customer-advisor-2026", "--format", "json"],
            [PY, "-c", FLOOR_LIST, d],
            1.5,
        )
        for method in ("mean", "median", "trimmed", "zscore", "rank"):
            pair(
                f"ranking --method {method} (50,000 scores)",
                [
                    *AWARDS,
                    "--db",
                    d,
                    "ranking",
                    "customer-advisor-2026",
                    "--method",
                    method,
                    "--format",
                    "json",
                ],
                [PY, "-c", FLOOR_RANKING, d],
                2.0,
            )
        pair(
            "export report (2,000 candidates)",
            [*AWARDS, "--db", d, "export", "report", "customer-advisor-2026", "-o", report_out],
            [PY, FLOOR_REPORT, d, floor_out],
            2.0,
        )
        growth = import_growth(work, args.runs, args.quick)
        print(
            f"National-scale year built in {build_seconds:.1f} s "
            f"(2,000 nominations, 40 jurors, 50,000 scores); {args.runs} runs each, medians.\n"
        )
        print(f"{'what':<44} {'awards':>8} {'floor':>8} {'ratio':>6} {'goal':>5}  {'peak MiB':>9}")
        for r in rows:
            print(
                f"{r['what']:<44} {r['awards_s']:>7.3f}s {r['floor_s']:>7.3f}s "
                f"{r['ratio']:>5.2f}x {r['goal']:>4.1f}x  {r['awards_peak_mib']:>8.1f} "
                f"{'ok' if r['ok'] else 'OVER GOAL'}"
            )
        print(f"\n{'import':<20} {'rows':>8} {'seconds':>8} {'per 10k rows':>13} {'peak MiB':>9}")
        for g in growth:
            per = g["seconds"] / g["rows"] * 10000  # type: ignore[operator]
            print(
                f"{g['what']:<20} {g['rows']:>8} {g['seconds']:>7.2f}s {per:>12.2f}s "
                f"{g['peak_mib']:>8.1f}"
            )
        args.json.write_text(
            json.dumps(
                {
                    "ratios": rows,
                    "imports": growth,
                    "python": sys.version.split()[0],
                    "cpus": os.cpu_count(),
                },
                indent=2,
            )
        )
        print(f"\nJSON: {args.json}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
