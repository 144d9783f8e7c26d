"""`awards db restore`: a backup replaces the database and no stale WAL is ever replayed onto it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from awards.db.migrations import SCHEMA_VERSION

SLUG = "customer-advisor-2026"
HOLD = (
    "import sqlite3, sys, time\n"
    "c = sqlite3.connect(sys.argv[1])\n"
    "c.execute('select 1 from competitions').fetchall()\n"
    "if sys.argv[2] == 'read':\n"
    "    c.execute('BEGIN')\n"
    "    c.execute('select count(*) from competitions').fetchall()\n"
    "print('ready', flush=True)\n"
    "time.sleep(60)\n"
)


def count(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT count(*) FROM nominations").fetchone()[0]
    finally:
        conn.close()


def hold_open(db: Path, how: str = "read") -> subprocess.Popen:
    """Another process with the database open: in a read transaction, or idle."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db), how], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def add(awards, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        awards("nomination", "add", SLUG, "--nominee", f"Ehdokas {i}")


def files(*paths: Path) -> dict[str, bytes | None]:
    """The bytes of each file and its side files, to prove a refusal changed nothing."""
    out: dict[str, bytes | None] = {}
    for p in paths:
        for suffix in ("", "-wal", "-shm", "-journal"):
            f = Path(str(p) + suffix)
            out[str(f)] = f.read_bytes() if f.is_file() else None
    return out


@pytest.fixture
def backed_up(advisor, tmp_path: Path):
    """32 nominations backed up, then 300 more, then a crash that leaves awards.db-wal behind."""
    awards = advisor(nominations=32)
    backup = tmp_path / "backup.db"
    awards("db", "backup", backup)
    holder = hold_open(awards.db, "idle")  # keeps the last close from checkpointing the WAL
    try:
        add(awards, 300, start=100)
    finally:
        holder.kill()  # SIGKILL: no checkpoint, no cleanup
        holder.wait()
    assert Path(f"{awards.db}-wal").stat().st_size > 0
    return awards, backup


def test_restore_never_replays_the_old_wal(backed_up, tmp_path: Path) -> None:
    awards, backup = backed_up
    # Control: the README's old advice (copy the backup over awards.db) goes wrong.
    naive = tmp_path / "naive"
    naive.mkdir()
    shutil.copy(f"{awards.db}-wal", naive / "awards.db-wal")
    shutil.copy(backup, naive / "awards.db")
    try:
        naive_count = count(naive / "awards.db")
    except sqlite3.DatabaseError:
        naive_count = None  # "database disk image is malformed"
    assert naive_count != 32, naive_count

    result = awards("db", "restore", backup)
    assert "(1 competitions, 32 nominations)" in result.stdout
    assert "the previous database is kept as" in result.stdout
    assert count(awards.db) == 32
    assert "OK" in awards("db", "check").stdout
    assert len(awards.json("nomination", "list", SLUG)) == 32
    assert not Path(f"{awards.db}-wal").exists() or count(awards.db) == 32
    assert not list(tmp_path.glob(".awards-restore-*"))


def test_previous_database_is_kept_and_can_be_restored_back(backed_up, tmp_path: Path) -> None:
    awards, backup = backed_up
    awards("db", "restore", backup)
    kept = [p for p in tmp_path.glob("awards.db.before-restore-*") if p.name[-4:] != "-shm"]
    assert len(kept) == 1, kept
    assert oct(kept[0].stat().st_mode & 0o777) == oct(awards.db.stat().st_mode & 0o777)
    assert count(kept[0]) == 332  # the crashed session's WAL was folded into the kept file
    result = awards("db", "restore", kept[0])
    assert "332 nominations" in result.stdout
    assert count(awards.db) == 332
    assert awards("db", "check").exit_code == 0


@pytest.mark.parametrize("how", ["read", "idle"])
def test_refused_while_another_process_has_it_open(backed_up, how: str) -> None:
    awards, backup = backed_up
    awards("db", "check")  # a clean open: folds the crash's WAL in, so the bytes are stable
    holder = hold_open(awards.db, how)  # its open creates -wal/-shm: compare after that
    before = files(awards.db, backup)
    try:
        error = awards.refused("db", "restore", backup)
        assert before == files(awards.db, backup)
    finally:
        holder.kill()
        holder.wait()
    assert error.strip() == (
        f"Error: {awards.db} is open in another program (another awards command or a "
        "database tool); close it and run the restore again"
    )
    assert count(awards.db) == 332
    awards("db", "restore", backup)  # once it is closed, the restore goes through
    assert count(awards.db) == 32


def damaged(backup: Path, path: Path) -> Path:
    data = bytearray(backup.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):
        data[offset + 8 : offset + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))
    return path


def other_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()
    return path


def newer(backup: Path, path: Path) -> Path:
    shutil.copy(backup, path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("missing", "does not exist"),
        ("folder", "is a folder"),
        ("fifo", "not a regular file"),
        ("text", "not an SQLite database file"),
        ("damaged", "damaged"),
        ("other", "of something else"),
        ("newer", "made by a newer version"),
        ("itself", "is the database itself"),
    ],
)
def test_refused_backups_change_nothing(backed_up, tmp_path: Path, kind: str, message: str):
    awards, backup = backed_up
    bad = tmp_path / f"bad-{kind}.db"
    if kind == "folder":
        bad.mkdir()
    elif kind == "fifo":
        os.mkfifo(bad)
    elif kind == "text":
        bad.write_text("nominee;organization\nA;B\n", encoding="utf-8")
    elif kind == "damaged":
        damaged(backup, bad)
    elif kind == "other":
        other_sqlite(bad)
    elif kind == "newer":
        newer(backup, bad)
    elif kind == "itself":
        bad = awards.db
    before = files(awards.db, bad) if bad.is_file() or kind == "missing" else files(awards.db)
    error = awards.refused("db", "restore", bad)
    assert message in error, error
    after = files(awards.db, bad) if bad.is_file() or kind == "missing" else files(awards.db)
    assert before == after
    assert not list(tmp_path.glob(".awards-restore-*"))
    assert not list(tmp_path.glob("awards.db.before-restore-*"))


def test_symlink_to_a_folder_is_refused(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=1)
    (tmp_path / "dir").mkdir()
    (tmp_path / "link.db").symlink_to(tmp_path / "dir")
    assert "is a folder" in awards.refused("db", "restore", tmp_path / "link.db")


def test_restore_creates_a_missing_database(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=3)
    backup = tmp_path / "b.db"
    awards("db", "backup", backup)
    awards.db.unlink()
    result = awards("db", "restore", backup)
    assert "3 nominations" in result.stdout and "no previous database" in result.stdout
    assert count(awards.db) == 3
    conn = sqlite3.connect(awards.db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
