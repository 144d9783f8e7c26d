"""`awards db restore BACKUP`: put a backup in place of the database without replaying a stale WAL.

Copying a backup over awards.db by hand is not safe: if a crash left `awards.db-wal` behind, SQLite
replays that WAL onto the copied file on the next open (seen in the field: once "database disk
image is malformed", once 332 nominations where the backup had 32). SQLite does not check that a
WAL belongs to the file beside it, so the old `-wal`/`-shm` must be gone before the restored file
takes the name. This module checks the backup, locks the database against every other connection,
folds the old database's own WAL into it and keeps it aside, and only then swaps the files.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from datetime import UTC, datetime
from typing import Any

from awards.errors import AwardsError
from awards.rows import Restored

from .migrations import SCHEMA_VERSION
from .tamper import schema_problems, tamper_problems

SQLITE_HEADER = b"SQLite format 3\x00"
SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupRefused(AwardsError):
    """The backup file is missing, not a file, not SQLite, damaged or not an awards database."""


class DatabaseInUse(AwardsError):
    """Another connection has the database open; swapping the file under it would lose data."""


def restore(target: str, backup: str) -> Restored:
    """Replace the database `target` with a checked copy of `backup`.

    Returns the counts restored, the changes made outside awards that the copy carries, and
    `kept`: where the previous database was moved (None when there was none). Every refusal
    raises before anything is changed.
    """
    target, backup = os.fspath(target), os.fspath(backup)
    _check_backup_file(target, backup)
    folder = os.path.dirname(os.path.abspath(target))
    if not os.path.isdir(folder):
        raise AwardsError(f"folder {folder} does not exist")
    if os.path.isdir(target):
        raise AwardsError(f"{target} is a folder, not a database file")

    # The copy is built and checked first, beside the target (same file system, so os.replace is
    # atomic), while the target is still untouched: a refusal here leaves nothing behind.
    fd, partial = tempfile.mkstemp(dir=folder, prefix=".awards-restore-", suffix=".db")
    os.close(fd)
    try:
        counts = _copy_backup(backup, partial)
        lock = _lock_target(target)
        try:
            kept = _swap(target, partial, lock)
        finally:
            if lock is not None:
                lock.close()
    finally:
        for suffix in ("", *SIDE_FILES):
            if os.path.exists(partial + suffix):
                os.unlink(partial + suffix)
    _fsync_dir(folder)
    return Restored(
        competitions=counts["competitions"],
        nominations=counts["nominations"],
        outside_changes=counts["outside_changes"],
        kept=kept,
    )


# ---- the backup ----------------------------------------------------------------------------


def _check_backup_file(target: str, backup: str) -> None:
    """Refuse anything that is not a regular SQLite file, before opening it with SQLite.

    os.stat follows symlinks, so a symlink to a folder or a FIFO is refused like the thing itself;
    a FIFO must never be opened (reading it would hang the command)."""
    try:
        info = os.stat(backup)
    except FileNotFoundError:
        raise BackupRefused(f"backup {backup} does not exist") from None
    except OSError as exc:
        raise BackupRefused(f"backup {backup} cannot be read ({exc.strerror})") from None
    if stat.S_ISDIR(info.st_mode):
        raise BackupRefused(f"backup {backup} is a folder, not a backup file")
    if not stat.S_ISREG(info.st_mode):
        raise BackupRefused(f"backup {backup} is not a regular file")
    if os.path.exists(target) and os.path.samefile(target, backup):
        raise BackupRefused(f"{backup} is the database itself; give the backup file to restore")
    try:
        with open(backup, "rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupRefused(f"backup {backup} cannot be read ({exc.strerror})") from None
    if header != SQLITE_HEADER:
        raise BackupRefused(f"{backup} is not an SQLite database file, so not an awards backup")


def _open_backup(backup: str) -> sqlite3.Connection:
    """Open the backup so that checking it never writes to it.

    mode=ro: SQLite cannot write the file. A WAL-mode file (header bytes 18-19 = 2, e.g. a plain
    copy of awards.db) with no WAL content beside it is opened `immutable` as well, because a
    read-only WAL open otherwise leaves empty -wal/-shm files next to the backup. When a -wal with
    content is there, it is read (not written) like any reader would: it holds the backup's last
    committed transactions, and the online backup API below copies a consistent snapshot of file
    plus WAL, so refusing such a backup is not needed."""
    with open(backup, "rb") as f:
        header = f.read(20)
    wal = backup + "-wal"
    wal_has_content = os.path.exists(wal) and os.path.getsize(wal) > 0
    uri = "file:" + _uri_path(backup) + "?mode=ro"
    if header[18:20] == b"\x02\x02" and not wal_has_content:
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None)


def _uri_path(path: str) -> str:
    from urllib.parse import quote

    return quote(os.path.abspath(path))


def _copy_backup(backup: str, partial: str) -> dict[str, Any]:
    """Check the backup and copy it to `partial` with SQLite's online backup API; fsync the copy."""
    try:
        src = _open_backup(backup)
    except sqlite3.Error as exc:
        raise BackupRefused(f"backup {backup} cannot be opened ({exc})") from None
    try:
        try:
            result = src.execute("PRAGMA integrity_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise BackupRefused(f"backup {backup} is damaged ({exc})") from None
        if result != "ok":
            raise BackupRefused(f"backup {backup} is damaged (integrity check: {result})")
        tables = {r[0] for r in src.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        version = src.execute("PRAGMA user_version").fetchone()[0]
        if "competitions" not in tables:
            raise BackupRefused(f"{backup} is an SQLite database of something else, not awards")
        if version > SCHEMA_VERSION:
            raise BackupRefused(
                f"{backup} was made by a newer version of awards (schema {version}, this one "
                f"knows {SCHEMA_VERSION}); upgrade awards before restoring it"
            )
        if version < 1:
            raise BackupRefused(f"{backup} is not an awards database (schema version {version})")
        # Only what awards itself creates: a planted trigger, a table replaced by a view, another
        # program's file that happens to have a `competitions` table are all refused, listed.
        foreign = schema_problems(src, version)
        if foreign:
            listed = "\n".join(f"  {line}" for line in foreign)
            raise BackupRefused(
                f"{backup} is not an awards database as awards makes it: {len(foreign)} "
                f"object(s) of its schema differ; nothing was restored\n{listed}"
            )
        dst = sqlite3.connect(partial, isolation_level=None)
        try:
            # The backup API reads one consistent snapshot of the backup, WAL included, so a
            # backup that is itself a WAL-mode file copies as its readers see it.
            src.backup(dst)
            # Like `awards init`: WAL, so readers and one writer can work at once. Closing the
            # copy checkpoints and removes its own -wal/-shm; only the one file is left.
            dst.execute("PRAGMA journal_mode = WAL")
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise AwardsError(f"the restored copy failed its integrity check ({check})")
            counts: dict[str, Any] = {
                "competitions": dst.execute("SELECT count(*) FROM competitions").fetchone()[0],
                "nominations": (
                    dst.execute("SELECT count(*) FROM nominations").fetchone()[0]
                    if "nominations" in tables
                    else 0
                ),
                # Restored as it is, but said: `db check` names them, the exports refuse.
                "outside_changes": (tamper_problems(dst) if version == SCHEMA_VERSION else []),
            }
        finally:
            dst.close()
    finally:
        src.close()
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    return counts


# ---- the target ----------------------------------------------------------------------------


def _lock_target(target: str) -> sqlite3.Connection | None:
    """Take SQLite's EXCLUSIVE lock on the database file, or refuse: nobody else may have it open.

    Every connection to a WAL-mode database keeps a SHARED lock on the file for as long as it is
    open, idle or in a transaction (it is what lets the last one to close checkpoint safely). With
    locking_mode=EXCLUSIVE, a WAL-mode connection needs an EXCLUSIVE lock on the file itself before
    its first read, and timeout=0 makes that a single try: it fails with "database is locked" while
    any other connection (another awards command, the sqlite3 shell, a DB browser) has the file
    open. In rollback-journal mode an idle connection holds no lock and cannot be seen; a reader in
    a transaction still is. Exclusive mode also keeps SQLite off the old -shm.

    With the lock held, `journal_mode = DELETE` checkpoints the old database's own WAL into it and
    deletes that WAL: the file kept aside is then complete on its own and can itself be restored.
    Returns the open connection (the lock lasts until it is closed), or None when there is no
    target yet or it is not a usable database (then its files are only moved aside)."""
    if not os.path.exists(target):
        return None
    conn = sqlite3.connect(target, timeout=0, isolation_level=None)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.close()
        if "locked" in str(exc) or "busy" in str(exc):
            raise DatabaseInUse(
                f"{target} is open in another program (another awards command or a database "
                "tool); close it and run the restore again"
            ) from None
        return None
    except sqlite3.DatabaseError:
        conn.close()  # not a database (that may be why it is being restored): move it aside
        return None
    try:
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except sqlite3.DatabaseError:
        mode = None
    if mode != "delete":
        # The old WAL could not be folded in (a damaged file). Release the lock now: with a WAL
        # still open, closing later would checkpoint into the moved file and delete whatever
        # then carries the name awards.db-wal. Its files are moved aside as they are.
        conn.close()
        return None
    return conn


def _swap(target: str, partial: str, lock: sqlite3.Connection | None) -> str | None:
    """Move the old database and any -wal/-shm aside, then put the copy in place.

    Order matters: the side files go first, so at no moment does the restored file sit next to an
    old WAL; the database itself is linked aside and replaced in one os.replace, so awards.db
    always names a whole database."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = f"{target}.before-restore-{stamp}"
    n = 1
    while any(os.path.lexists(kept + s) for s in ("", *SIDE_FILES)):
        n += 1
        kept = f"{target}.before-restore-{stamp}-{n}"
    moved = False
    journal = target + "-journal"
    if os.path.isfile(journal) and not _is_hot_journal(journal):
        # Left by our own exclusive-mode switch to DELETE: SQLite zeroes its header instead of
        # deleting it. It holds nothing; a hot one (a crash mid-write) is kept aside below.
        os.unlink(journal)
    for suffix in SIDE_FILES:
        if os.path.lexists(target + suffix):
            os.replace(target + suffix, kept + suffix)
            moved = True
    if os.path.lexists(target):
        # mkstemp makes the copy 0600; the restored database keeps the permissions it had.
        os.chmod(partial, stat.S_IMODE(os.stat(target).st_mode))
        try:
            os.link(target, kept)
        except OSError:  # a file system without hard links: a short moment without awards.db
            os.replace(target, kept)
        os.replace(partial, target)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(partial, 0o666 & ~umask)
        os.replace(partial, target)
    _fsync_dir(os.path.dirname(os.path.abspath(target)))
    # With no previous database, only stray side files were kept (under that name).
    return kept if moved or os.path.lexists(kept) else None


def _is_hot_journal(path: str) -> bool:
    """A rollback journal SQLite would play back: one whose header is not all zeros."""
    with open(path, "rb") as f:
        return any(f.read(28))


def _fsync_dir(folder: str) -> None:
    """Make the renames durable: a crash right after must not bring back the old names."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
