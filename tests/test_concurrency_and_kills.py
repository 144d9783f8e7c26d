"""Nothing lost under concurrent writers and kills; the database stays sound.

The kill test repeats AWARDS_KILLS times (default 12 so CI stays quick; the README's figures come
from a run with AWARDS_KILLS=200)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SLUG = "customer-advisor-2026"
KILLS = int(os.environ.get("AWARDS_KILLS", "12"))


def worker(*args: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability_worker", *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM nominations").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def year(awards):
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    return awards


def test_concurrent_terminals_lose_nothing(year) -> None:
    writers, each = 4, 15
    procs = [worker("add", year.db, SLUG, w, each) for w in range(writers)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert "locked" not in err
    assert count(year.db) == writers * each
    ids = [r["id"] for r in year.json("nomination", "list", SLUG)]
    assert len(set(ids)) == writers * each
    actors = {e["actor"] for e in year.json("log", SLUG, "--limit", "1000")}
    assert {f"terminal-{w}" for w in range(writers)} <= actors
    assert year("db", "check").exit_code == 0


@pytest.mark.slow
def test_a_reader_never_sees_half_a_transaction(year) -> None:
    batch = 250
    reader = worker("count", year.db, SLUG, 4)
    time.sleep(0.3)
    writer = worker("import", year.db, SLUG, batch, 20)
    _, err = writer.communicate(timeout=120)
    assert writer.returncode == 0, err
    seen = [int(v) for v in reader.communicate(timeout=60)[0].split()]
    assert seen, "the reader saw nothing"
    assert all(v % batch == 0 for v in seen), seen  # only whole batches are ever visible
    assert count(year.db) == 20 * batch


def write_lock_held(db: Path) -> bool:
    """Whether some process is inside a write transaction on `db` right now (one try for the
    write lock, which the worker holds from BEGIN IMMEDIATE until COMMIT)."""
    conn = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def kill_mid_write(proc: subprocess.Popen, db: Path, rng: random.Random) -> bool:
    """SIGKILL the worker while it holds the write lock: wait until it has begun its
    transaction, then kill within a few milliseconds. Whether the lock was seen held."""
    deadline = time.monotonic() + 20
    seen = False
    while time.monotonic() < deadline and proc.poll() is None:
        if write_lock_held(db):
            seen = True
            break
        time.sleep(0.001)
    time.sleep(rng.uniform(0, 0.01))
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    return seen


@pytest.mark.slow
def test_killed_imports_leave_all_or_nothing(year) -> None:
    batch = 5000  # a transaction long enough (a few tenths of a second) to be killed inside
    rng = random.Random(2026)
    mid_write = 0
    for _ in range(KILLS):
        before = count(year.db)
        proc = worker("import", year.db, SLUG, batch, 1)
        seen = kill_mid_write(proc, year.db, rng)
        after = count(year.db)
        assert after - before in (0, batch), (before, after)
        mid_write += seen and after == before  # killed inside the transaction: rolled back
    print(f"{mid_write} of {KILLS} kills landed mid-transaction")
    # Nearly every kill must land inside the transaction, or the test proves little.
    assert mid_write >= KILLS * 0.75, mid_write
    result = year("db", "check")
    assert "OK" in result.stdout
    log = year.json("log", SLUG, "--limit", "10000")
    imports = [e for e in log if e["action"] == "nomination.import"]
    assert len(imports) * batch == count(year.db)  # every committed import is logged, no other


def scores_file(path: Path, pairs: list[dict], value: str) -> Path:
    keys = ["encounter", "solutions", "feedback", "teamwork", "development"]
    lines = ["juror;nomination;" + ";".join(keys)]
    lines += [f"{p['juror']};{p['nomination']};" + ";".join([value] * 5) for p in pairs]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")
    return path


def test_killed_score_imports_leave_all_or_nothing(year, tmp_path: Path) -> None:
    from awards.db.store import Store
    from awards.nominations import NominationInput

    store = Store.open(year.db, "setup")
    store.nominations.add_many(
        SLUG, [NominationInput(nominee=f"N{i}").cleaned() for i in range(400)], source="setup"
    )
    for j in range(10):
        store.jury.add(SLUG, f"T{j}", f"t{j}@example.fi", None, "member")
    store.close()
    year("round", "open", SLUG, "--per-nomination", "5")
    pairs = year.json("round", "assignments", SLUG)
    files = [
        scores_file(tmp_path / "a.csv", pairs, "7,5"),
        scores_file(tmp_path / "b.csv", pairs, "3"),
    ]
    rng = random.Random(7)
    trials = max(4, KILLS // 2)
    mid_write = 0
    for trial in range(trials):
        before = (
            sqlite3.connect(year.db).execute("SELECT count(*), sum(value) FROM scores").fetchone()
        )
        proc = worker("cli", year.db, "score", "import", SLUG, files[trial % 2])
        seen = kill_mid_write(proc, year.db, rng)
        conn = sqlite3.connect(year.db)
        unchanged = conn.execute("SELECT count(*), sum(value) FROM scores").fetchone() == before
        mid_write += seen and unchanged
        values = conn.execute("SELECT value, count(*) FROM scores GROUP BY value").fetchall()
        conn.close()
        # Never a mix: no scores yet, or every one of the 10,000 from a single file.
        assert values == [] or (len(values) == 1 and values[0][1] == len(pairs) * 5), values
    print(f"{mid_write} of {trials} kills landed mid-transaction")
    assert mid_write >= trials * 0.75, mid_write
    assert year("db", "check").exit_code == 0


@pytest.mark.slow
def test_killed_exports_leave_no_half_document(advisor, tmp_path: Path) -> None:
    from docx import Document

    awards = advisor(nominations=300, jurors=3)
    awards("round", "open", SLUG)
    pairs = awards.json("round", "assignments", SLUG)
    awards("score", "import", SLUG, scores_file(tmp_path / "s.csv", pairs, "8"))
    awards("round", "close", SLUG)
    before = awards.snapshot()
    rng = random.Random(3)
    target = tmp_path / "raportti.docx"
    trials = max(4, KILLS // 2)
    mid_write = 0
    for _ in range(trials):
        target.unlink(missing_ok=True)
        proc = worker("cli", awards.db, "export", "report", SLUG, "-o", target)
        # Kill while the document is being written: its temporary file exists, its name not.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if list(tmp_path.glob(f".{target.name}.*.partial")):
                break
            time.sleep(0.001)
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        if target.exists():  # all or nothing: a document under its name is always whole
            assert "Tuomariston raportti" in Document(str(target)).paragraphs[1].text
        else:
            mid_write += 1
        for leftover in tmp_path.glob(f".{target.name}.*.partial"):
            leftover.unlink()  # what a SIGKILL leaves: a hidden temporary, never the name
    print(f"{mid_write} of {trials} export kills landed mid-write")
    assert mid_write >= trials * 0.75, mid_write
    assert awards.snapshot() == before


def test_db_check_finds_broken_invariants(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("round", "open", SLUG, "--per-nomination", "1")
    first = awards.json("round", "assignments", SLUG)[0]
    awards(
        "score",
        "set",
        SLUG,
        "--juror",
        first["juror"],
        "--nomination",
        first["nomination"],
        "encounter=5",
    )
    conn = sqlite3.connect(awards.db)
    # Tampering behind the tool's back: a score out of scale for a pair nobody assigned.
    conn.execute("DELETE FROM assignments")
    conn.execute("UPDATE scores SET value = 42")
    conn.commit()
    conn.close()
    result = awards("db", "check", ok=False)
    assert result.exit_code == 1
    assert "unassigned pair" in result.stderr and "outside" in result.stderr


def test_db_check_on_a_damaged_file(tmp_path: Path, awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for i in range(200):
        awards("nomination", "add", SLUG, "--nominee", f"N{i}", "--reason", "x" * 2000)
    conn = sqlite3.connect(awards.db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(awards.db.read_bytes())
    noise = random.Random(7)
    # Scribble over every b-tree page header after the schema page: structural damage that
    # SQLite's own check must see (damage inside a text value alone is not detectable).
    for offset in range(8192, len(data), 4096):
        data[offset : offset + 64] = bytes(noise.randrange(256) for _ in range(64))
    awards.db.write_bytes(bytes(data))
    result = awards("db", "check", ok=False)
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_backup_is_online_and_checked(year, tmp_path: Path) -> None:
    year("nomination", "add", SLUG, "--nominee", "Sini Mäkelä")
    target = tmp_path / "backup.db"
    assert "checked" in year("db", "backup", target).stdout
    conn = sqlite3.connect(target)
    assert conn.execute("SELECT nominee FROM nominations").fetchone()[0] == "Sini Mäkelä"
    conn.close()
    assert "exists" in year.refused("db", "backup", target)
    # Restore = copy the backup over the database; the tool opens it as before.
    os.replace(target, year.db)
    assert year.json("nomination", "list", SLUG)[0]["nominee"] == "Sini Mäkelä"
