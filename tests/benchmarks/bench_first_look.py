"""The first look at a round after a change, against its floors, side by side in one run.

A coordinator's first `ranking`, `panel` and jury report after any change find the result caches
empty ("cold"); a second look finds them filled ("warm"). Each operation runs alternately with
its floor (A B A B ...), after one warm-up of each, and the medians of the CPU seconds and the
ratio of the pairs are printed, with each side's peak memory (the child's max RSS). The floors:

| operation                  | floor                                                          |
|----------------------------|----------------------------------------------------------------|
| `ranking`, cold            | a sqlite-utils script that averages the scores (FLOOR_RANKING)  |
| `panel`, cold              | the cold `ranking` of the same round                           |
| `export report`, cold/warm | python-docx writing the same table as XML rows (floor_report)  |
| `export results --format xlsx` | openpyxl write-only, the same rows (all 14 columns)  |
| `score import`             | csv + sqlite-utils `insert_all` of the same rows               |

    python tests/benchmarks/bench_first_look.py [--size 2000] [--runs 5] [--json out.json]

`--size 20000` builds the 20,000-candidate year (500,000 scores, a few minutes). Not collected
by pytest; CI does not time it.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from tests.benchmarks.bench_cli import FLOOR_RANKING  # noqa: E402
from tests.benchmarks.national_year import build  # noqa: E402

PY = sys.executable
AWARDS = [PY, "-m", "awards.commands"]
SLUG = "customer-advisor-2026"

FLOOR_XLSX = """
import sys, sqlite3
from openpyxl import Workbook
conn = sqlite3.connect(sys.argv[1])
book = Workbook(write_only=True)
sheet = book.create_sheet("Tulokset")
keys = [k for (k,) in conn.execute(
    "SELECT key FROM criteria WHERE competition_id = 1 ORDER BY position")]
sheet.append(["Kierros 1"])
sheet.append(["Sija", "Nro", "Ehdokas", "Organisaatio", "Pisteet", *keys, "Tuomareita", "Hajonta",
              "Jaettu", "Palkinto"])
means = {}
for n, key, value, jurors, low, high in conn.execute(
    "SELECT nomination_id, criterion, avg(value), count(*), min(value), max(value) FROM scores "
    "GROUP BY nomination_id, criterion"
):
    means.setdefault(n, {})[key] = (value, jurors, high - low)
names = {n: (a, b) for n, a, b in conn.execute(
    "SELECT id, nominee, organization FROM nominations")}
ranked = sorted(means, key=lambda n: -sum(v[0] for v in means[n].values()))
for rank, n in enumerate(ranked, start=1):
    per = means[n]
    total = sum(v[0] for v in per.values())
    jurors = max(v[1] for v in per.values())
    spread = max(v[2] for v in per.values())
    sheet.append([rank, n, *names[n], total, *(per.get(k, (None,))[0] for k in keys), jurors,
                  spread, "ei", None])
book.save(sys.argv[2])
"""

FLOOR_IMPORT = """
import csv, sys, sqlite_utils
db = sqlite_utils.Database(sys.argv[1])
with open(sys.argv[2], encoding="utf-8-sig", newline="") as f:
    reader = csv.reader(f, delimiter=";")
    keys = next(reader)[2:]
    rows = (
        {"juror": r[0], "nomination": int(r[1]), "criterion": k,
         "value": float(v.replace(",", "."))}
        for r in reader for k, v in zip(keys, r[2:])
    )
    db["floor_scores"].insert_all(rows, batch_size=1000)
"""

CLEAR_CACHES = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for table in ("ranking_cache", "panel_cache", "method_note_cache"):
    try:
        c.execute(f"DELETE FROM {table}")
    except sqlite3.OperationalError:
        pass  # a file of a version before that cache
c.commit()
"""


def run_once(command: list[str], before: list[str] | None = None) -> tuple[float, float]:
    """CPU seconds of the command (children's user + sys) and its peak memory in MiB."""
    if before:
        subprocess.run(before, check=True, capture_output=True)
    start = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True)
    end = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (end.ru_utime - start.ru_utime) + (end.ru_stime - start.ru_stime)
    return cpu, end.ru_maxrss / 1024


def pair(
    what: str,
    ours: list[str],
    floor: list[str],
    runs: int,
    goal: float,
    ours_before: list[str] | None = None,
    floor_before: list[str] | None = None,
) -> dict[str, object]:
    """A and B in turn after a warm-up of each: medians and the median of the pair ratios.
    Peak memory is read per side from a fresh measuring process, since RUSAGE_CHILDREN keeps
    the largest child seen so far."""
    run_once(ours, ours_before)
    run_once(floor, floor_before)
    a, b = [], []
    for _ in range(runs):
        a.append(run_once(ours, ours_before)[0])
        b.append(run_once(floor, floor_before)[0])
    ratio = statistics.median(x / y for x, y in zip(a, b, strict=True))
    return {
        "what": what,
        "awards_s": statistics.median(a),
        "floor_s": statistics.median(b),
        "ratio": ratio,
        "goal": goal,
        "ok": ratio <= goal,
        "awards_peak_mib": peak(ours, ours_before),
        "floor_peak_mib": peak(floor, floor_before),
    }


def peak(command: list[str], before: list[str] | None) -> float:
    """The command's own peak memory, measured by a wrapper process that runs only it."""
    wrapper = (
        "import resource, subprocess, sys, json\n"
        "before, command = json.loads(sys.argv[1]), json.loads(sys.argv[2])\n"
        "if before: subprocess.run(before, check=True, capture_output=True)\n"
        "subprocess.run(command, check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
    )
    out = subprocess.run(
        [PY, "-c", wrapper, json.dumps(before or []), json.dumps(command)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(out.stdout.strip())


def compile_package() -> None:
    """Byte-compile awards as an installed wheel is: with PYTHONDONTWRITEBYTECODE set (as in
    some sandboxes) an editable install would otherwise compile every module in every timed
    run, which the floors, all in compiled site-packages, never pay."""
    import importlib

    folders = {
        str(Path(importlib.import_module(name).__file__ or "").parent)
        for name in ("awards", "awards.commands", "awards.db", "awards.exports")
    }
    subprocess.run([PY, "-m", "compileall", "-q", *sorted(folders)], check=True)


def _schema_version(path: Path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=2000, help="candidates (2000 or 20000)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--keep", type=Path, help="build the year here and keep it")
    args = parser.parse_args()

    compile_package()
    work = args.keep or Path(tempfile.mkdtemp(prefix="awards-first-look-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "awards.db"
    if not db.exists():
        started = time.perf_counter()
        build(work, nominations=args.size)
        print(f"built {args.size} candidates in {time.perf_counter() - started:.0f} s")
    d = str(db)
    clear = [PY, "-c", CLEAR_CACHES, d]
    rows = [
        pair(
            "ranking, cold",
            [*AWARDS, "--db", d, "ranking", SLUG, "--format", "json"],
            [PY, "-c", FLOOR_RANKING, d],
            args.runs,
            1.5,
            clear,
            clear,
        ),
        pair(
            "panel, cold (floor: ranking, cold)",
            [*AWARDS, "--db", d, "panel", SLUG, "--format", "json"],
            [*AWARDS, "--db", d, "ranking", SLUG, "--format", "json"],
            args.runs,
            2.0,
            clear,
            clear,
        ),
    ]
    report = str(work / "report.docx")
    floor_report = [PY, str(HERE / "floor_report.py"), d, str(work / "floor.docx")]
    ours_report = [*AWARDS, "--db", d, "export", "report", SLUG, "-o", report]
    rows.append(pair("export report, cold", ours_report, floor_report, args.runs, 3.0, clear))
    rows.append(pair("export report, warm", ours_report, floor_report, args.runs, 2.0))
    xlsx = [*AWARDS, "--db", d, "export", "results", SLUG, "--format", "xlsx"]
    xlsx += ["-o", str(work / "results.xlsx")]
    floor_xlsx = [PY, "-c", FLOOR_XLSX, d, str(work / "floor.xlsx")]
    rows.append(pair("export results --format xlsx", xlsx, floor_xlsx, args.runs, 2.0))
    # Score import: the same file into a copy of the year without its scores, each run afresh.
    empty = work / "empty.db"
    if not empty.exists() or _schema_version(empty) != _schema_version(db):
        # A copy left by an older version would be migrated inside every timed import.
        shutil.copy(db, empty)
        unscore = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        unscore += "c.execute('DELETE FROM scores'); c.commit()"
        subprocess.run([PY, "-c", unscore, str(empty)], check=True)
        # Accepted as awards would see a file whose round was never scored: sealed, not flagged.
        accept = [*AWARDS, "--db", str(empty), "db", "check", "--accept"]
        subprocess.run(accept, check=False, capture_output=True)
    a_db, b_db = work / "import-a.db", work / "import-b.db"
    copy_a = [PY, "-c", f"import shutil; shutil.copy({str(empty)!r}, {str(a_db)!r})"]
    copy_b = [PY, "-c", f"import shutil; shutil.copy({str(empty)!r}, {str(b_db)!r})"]
    scores = str(work / "scores.csv")
    rows.append(
        pair(
            f"score import ({args.size * 25:,} scores)",
            [*AWARDS, "--db", str(a_db), "score", "import", SLUG, scores],
            [PY, "-c", FLOOR_IMPORT, str(b_db), scores],
            args.runs,
            2.0,
            copy_a,
            copy_b,
        )
    )
    print(f"\n{args.size:,} candidates, {args.runs} paired runs, CPU seconds (medians)")
    print(f"{'what':<40} {'awards':>8} {'floor':>8} {'ratio':>6} {'goal':>5} {'peak MiB':>16}")
    for r in rows:
        print(
            f"{r['what']:<40} {r['awards_s']:>7.2f}s {r['floor_s']:>7.2f}s {r['ratio']:>6.2f} "
            f"{r['goal']:>5.1f} {r['awards_peak_mib']:>7.0f} / {r['floor_peak_mib']:<7.0f}"
            f"{'' if r['ok'] else '  over'}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
