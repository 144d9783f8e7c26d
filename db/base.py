"""Opening the database file, transactions and the audit log.

Reads go through the plain `sqlite3` connection (sqlite-utils costs ~190 ms to import, which a
listing cannot afford); sqlite-utils is imported only to migrate the schema and for bulk writes.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, NamedTuple

from awards.errors import AwardsError, NotFound

from .migrations import SCHEMA_VERSION

BUSY_TIMEOUT_MS = 30_000


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoreBase:
    """What every part of the store shares: one connection to one database file, acting as one
    person (`actor`), its write transaction and the audit log it writes to."""

    def __init__(self, conn: sqlite3.Connection, path: str, actor: str | Callable[[], str]) -> None:
        self.conn = conn
        self.path = path
        self._actor = actor
        # Rows this connection changed only to keep a computed result (`write_cache`).
        self._cache_changes = 0

    @property
    def actor(self) -> str:
        """Who is acting; given as a callable it is asked only when something is written."""
        if callable(self._actor):
            self._actor = self._actor()
        return self._actor

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        actor: str | Callable[[], str] = "unknown",
        *,
        create: bool = False,
    ) -> StoreBase:
        """Open (and with `create`, create) the database and bring its schema up to date.

        Commands that only read pass create=False: a missing file is an error, not a new file.
        """
        # os.path rather than pathlib: pathlib costs a listing 6 ms of imports.
        path = os.fspath(path)
        if not os.path.exists(path):
            if not create:
                raise AwardsError(
                    f"no database at {path}. Run `awards init` to create one, "
                    "or point --db / AWARDS_DB at an existing file"
                )
            folder = os.path.dirname(path)
            if folder and not os.path.isdir(folder):
                raise AwardsError(f"folder {folder} does not exist")
        elif os.path.isdir(path):
            raise AwardsError(f"{path} is a folder, not a database file")
        elif os.path.getsize(path) == 0:
            # SQLite would quietly make an empty file a new database; an empty file where the
            # database should be is a lost file (a failed copy, a full disk), not a fresh start.
            raise AwardsError(
                f"{path} is an empty file, not an awards database; restore it from a backup "
                "(`awards db restore BACKUP`) or remove it to start anew"
            )
        conn = _connect(path)
        store = cls(conn, path, actor)
        store._ensure_schema()
        return store

    def close(self) -> None:
        self.conn.close()

    def _ensure_schema(self) -> None:
        try:
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise AwardsError(f"{self.path} is not an awards database ({exc})") from None
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise AwardsError(
                f"{self.path} was made by a newer version of awards "
                f"(schema {version}, this one knows {SCHEMA_VERSION}); upgrade awards"
            )
        if version == 0 and self._has_foreign_tables():
            raise AwardsError(f"{self.path} is an SQLite database of something else, not awards")
        self.migrate()

    def _has_foreign_tables(self) -> bool:
        """An unversioned file with tables is foreign unless it is exactly what the awards
        migrations it records have made (another program's `competitions` table is not)."""
        from .tamper import schema_problems

        names = {
            row[0]
            for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        if not names - {"_sqlite_migrations"}:
            return False
        if "_sqlite_migrations" not in names:
            return True
        applied = self.value(
            "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = 'awards'"
        )
        return not applied or bool(schema_problems(self.conn, int(applied)))

    def migrate(self) -> list[str]:
        """Apply pending migrations in one IMMEDIATE transaction; return their names."""
        from sqlite_utils import Database

        from .migrations import migration_set

        # WAL lets readers go on while one writer writes; it is a property of the file.
        self.conn.execute("PRAGMA journal_mode = WAL")
        migrations = migration_set()
        with self.transaction():
            db = Database(self.conn, execute_plugins=False)
            pending = [m.name for m in migrations.pending(db)]
            migrations.apply(db)
            self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return pending

    # ---- transactions ----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction. BEGIN IMMEDIATE takes the write lock up front, so two
        terminals writing at once wait for each other (busy timeout) instead of failing with
        'database is locked' when a deferred transaction tries to upgrade."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            sealing = self._begin_sealing()
            yield
            if sealing:
                self._end_sealing()
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        finally:
            self._known_scores_parts = {}
            self._audit_head = None
        self.conn.execute("COMMIT")

    # ---- tamper evidence and the change counter (see db/tamper.py) -------------------------

    _tracking = False
    _written_before = 0
    _round_counters: dict[int, int] = {}  # noqa: RUF012 (replaced, never mutated in place)
    # Per seal key, what was found changed outside awards when this transaction began.
    tampered: dict[str, set[str]] = {}  # noqa: RUF012 (replaced, never mutated in place)
    # Per round, the seal's `scores` part made from the rows this transaction wrote, with the
    # round's change counter then (`know_scores_part`).
    _known_scores_parts: dict[int, tuple[int | None, str]] = {}  # noqa: RUF012 (replaced)
    # The id and hash of the audit entry this transaction wrote last (`audit`), for the seal.
    _audit_head: tuple[int, str] | None = None

    def _begin_sealing(self) -> bool:
        """Start of a write transaction (under the write lock): from schema 13 on, note which
        small seals no longer match (an edit outside awards), so this write does not re-seal
        them, and start marking what this transaction touches."""
        from . import tamper

        if not self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'seals'"
        ).fetchone():
            return False  # being migrated: the migration seals what it finds
        if not self._tracking:
            tamper.track_writes(self.conn)
            self._tracking = True
        tamper.clear_touched(self.conn)
        bad = tamper.seal_problems(self.conn, tamper.CHEAP_KINDS)[1]
        bad.update(tamper.touched_rounds_outside(self.conn))
        if tamper.audit_head_problems(self.conn):
            bad["audit"] = {"*"}
        self.tampered = bad
        self._written_before = self.conn.total_changes
        self._round_counters = tamper.round_counters(self.conn)
        return True

    def _end_sealing(self) -> None:
        """End of a write transaction: bump the change counter (every cache keys on it) and
        re-seal what this transaction touched, except the tables already changed outside awards:
        those stay visible to `db check` until the coordinator accepts them."""
        from . import tamper

        if self.conn.total_changes == self._written_before:
            return  # a transaction that wrote nothing (a dry run, a refusal) changed nothing
        self.conn.execute(
            "INSERT INTO changes (id, counter) VALUES (1, 1) "
            "ON CONFLICT (id) DO UPDATE SET counter = counter + 1"
        )
        touched = {
            *tamper.touched(self.conn),
            *tamper.moved_rounds(self.conn, self._round_counters),
        }
        # A part made from the written rows counts only while nothing has moved the round's
        # scores since (its counter moves with every insert, change and delete).
        known = {
            f"round:{round_id}": {"scores": part}
            for round_id, (counter, part) in self._known_scores_parts.items()
            if self.round_change_counter(round_id) == counter
        }
        tamper.seal(
            self.conn,
            sorted(touched),
            utc_now(),
            keep=self.tampered,
            known=known,
            audit_head=self._audit_head,
        )
        tamper.clear_touched(self.conn)

    def know_scores_part(self, round_id: int, part: str) -> None:
        """Inside a write transaction: `part` is the seal's `scores` digest of the round as it
        stands now (`tamper.scores_part_of_rows`), for the seal at commit to take as it is."""
        assert self.conn.in_transaction
        self._known_scores_parts = {
            **self._known_scores_parts,
            round_id: (self.round_change_counter(round_id), part),
        }

    def round_change_counter(self, round_id: int) -> int | None:
        """How many times a round's scores were inserted, changed or deleted, by anyone: kept
        by triggers in the file, so an edit with `sqlite3` counts too."""
        return self.value("SELECT counter FROM round_changes WHERE round_id = ?", (round_id,))

    def update_row(self, table: str, row_id: object, changes: Mapping[str, object]) -> None:
        """Set the given columns of one row by id (column names come from code, never from
        user input). Inside the caller's transaction, which also audits the change."""
        assert self.conn.in_transaction, "an update is part of the change's transaction"
        assignments = ", ".join(f"{column} = ?" for column in changes)
        self.conn.execute(
            f"UPDATE {table} SET {assignments} WHERE id = ?", [*changes.values(), row_id]
        )

    def cached(
        self, table: str, column: str, round_id: int, state: str, compute: Callable[[], Any]
    ) -> Any:
        """A round's computed value from `table` while its `state` is unchanged; otherwise
        computed, kept (see `write_cache`) and returned. What is computed must be plain JSON
        values (string keys, lists, no tuples), so a fresh value and a cached one are equal
        without reading back what was just written (tests/test_caches.py holds it)."""
        from awards.bulk import paused_gc

        found = self.row(f"SELECT state, {column} FROM {table} WHERE round_id = ?", (round_id,))
        if found and found["state"] == state:
            return json.loads(found[column])
        with paused_gc():  # a round's tables: many containers, no cycles (awards/bulk.py)
            value = compute()
        text = json.dumps(value, ensure_ascii=False)
        self.write_cache(
            f"INSERT INTO {table} (round_id, state, {column}) VALUES (?, ?, ?) "
            f"ON CONFLICT (round_id) DO UPDATE SET state = excluded.state, "
            f"{column} = excluded.{column}",
            (round_id, state, text),
        )
        return value

    @contextmanager
    def page_cache_for(self, rows: int) -> Iterator[None]:
        """A page cache sized for writing `rows` rows at once. SQLite's default (2 MB) holds a
        round's score indexes up to about 50,000 scores; past that every insert into the
        indexes pages in and out, and an import of 500,000 scores took twice as long. Memory is
        taken only as pages are touched, and the default comes back after."""
        wanted_kib = min(256 * 1024, rows // 8)  # ~130 bytes of index a score
        if wanted_kib <= 2048:
            yield
            return
        before = self.conn.execute("PRAGMA cache_size").fetchone()[0]
        self.conn.execute(f"PRAGMA cache_size = {-wanted_kib}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA cache_size = {int(before)}")

    def write_cache(self, sql: str, params: Sequence[Any]) -> None:
        """Keep something computed for the next reader, if the file can take it right now. A
        command that only reads must never wait for another terminal's write, nor fail for a
        read-only file: without the lock at once, nothing is kept and nothing is lost."""
        import sqlite3

        if self.conn.in_transaction:
            return
        waited = self.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.conn.execute("PRAGMA busy_timeout = 0")
        changes_before = self.conn.total_changes
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute(sql, params)
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        finally:
            self._cache_changes += self.conn.total_changes - changes_before
            self.conn.execute(f"PRAGMA busy_timeout = {int(waited)}")

    def file_version(self) -> tuple[int, int]:
        """Moves whenever what the file holds may have moved since: a row this connection
        changed (other than to keep a computed result, `write_cache`) or a commit by any other
        connection (SQLite's `data_version`). Equal twice, nothing was written in between; a
        change that came to nothing may move it too."""
        others = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return (self.conn.total_changes - self._cache_changes, int(others))

    # ---- reading helpers -------------------------------------------------------------------

    def rows(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
    ) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def row(
        self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()
    ) -> dict[str, Any] | None:
        cursor = self.conn.execute(sql, params)
        found = cursor.fetchone()
        if found is None:
            return None
        return dict(zip([d[0] for d in cursor.description], found, strict=True))

    def value(self, sql: str, params: Sequence[Any] = ()) -> Any:
        found = self.conn.execute(sql, params).fetchone()
        return None if found is None else found[0]

    def read_fields(
        self, table: str, where: Mapping[str, object], fields: Sequence[str]
    ) -> dict[str, Any] | None:
        """The named columns of the one row matching `where` (names come from code), or None."""
        clause = " AND ".join(f"{column} IS ?" for column in where)
        return self.row(
            f"SELECT {', '.join(fields)} FROM {table} WHERE {clause}", list(where.values())
        )

    def audited_write(
        self,
        action: str,
        *,
        table: str,
        where: Mapping[str, object],
        fields: Sequence[str],
        write: Callable[[], object],
        competition: str | None = None,
        entity: str | None = None,
        entity_id: object = None,
        note: str | None = None,
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """The one rule for what the log says of a row's change: `before` is what was read
        before `write()` ran and `after` what is read back after it, the same fields of the
        same row, so the log can never claim a value the database does not hold (None: no
        row). Inside the caller's transaction; returns (before, after)."""
        assert self.conn.in_transaction, "an audited write is part of the change's transaction"
        before = self.read_fields(table, where, fields)
        write()
        after = self.read_fields(table, where, fields)
        self.audit(
            action,
            competition=competition,
            entity=entity,
            entity_id=entity_id,
            before=before,
            after=after,
            note=note,
        )
        return before, after

    # ---- audit -----------------------------------------------------------------------------

    def audit(
        self,
        action: str,
        *,
        competition: str | None = None,
        entity: str | None = None,
        entity_id: object = None,
        before: object = None,
        after: object = None,
        note: str | None = None,
    ) -> None:
        """Record one change: who, when, what, and the values before and after (`after` may
        come as `AuditJson`, its JSON already written)."""
        from .tamper import entry_hash

        assert self.conn.in_transaction, "audit entries are written inside the change's transaction"
        last = self.conn.execute(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        row = (
            (last[0] if last else 0) + 1,
            utc_now(),
            self.actor,
            action,
            competition,
            entity,
            None if entity_id is None else str(entity_id),
            _json_or_none(before),
            after.text if isinstance(after, AuditJson) else _json_or_none(after),
            note,
        )
        # Chained: the hash covers this entry and the previous one's hash (see db/tamper.py).
        digest = entry_hash(last[1] if last else None, row)
        self.conn.execute(
            "INSERT INTO audit_log (id, at, actor, action, competition, entity, entity_id, "
            "before, after, note, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*row, digest),
        )
        self._audit_head = (row[0], digest)


def _json_or_none(value: object) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class AuditJson(NamedTuple):
    """An audit record's JSON written by its caller, exactly as `_json_or_none` would write it
    (keys sorted, no ASCII escaping): a score import writes its 500,000 changes as text as it
    goes instead of holding them all as dictionaries first."""

    text: str


def json_text(value: str) -> str:
    """A string as the audit's JSON writes it."""
    return json.dumps(value, ensure_ascii=False)


def json_ids(ids: Iterable[int]) -> str:
    """Ids as the JSON array a query reads with `json_each(?)`: any number of them in one
    parameter, where a list of `?` would meet SQLite's limit on parameters."""
    return "[" + ",".join(str(int(n)) for n in sorted(ids)) + "]"


def of_round(sql: str, round_id: int, nominations: str | None) -> tuple[str, tuple[Any, ...]]:
    """`sql`, which ends in `WHERE round_id = ?`, and its parameters; narrowed to `nominations`
    (`json_ids`) when given, read through the nomination indexes however many there are."""
    if nominations is None:
        return sql, (round_id,)
    return sql + " AND nomination_id IN (SELECT value FROM json_each(?))", (round_id, nominations)


def round_scores(
    conn: sqlite3.Connection, columns: str, round_id: int, nominations: str | None = None
) -> sqlite3.Cursor:
    """`SELECT columns FROM scores` of one round, in no promised order (what reads them must
    not depend on it); narrowed to `nominations` (`json_ids`) when given. A whole round whose
    scores lie mostly together in the table, as a round's do (they go in while it is open), is
    read along the rowid between its first and last score: through the round's index each row
    is one more lookup in the table, and a national round of 500,000 scores took 0.75 s of CPU
    to read that way against 0.45 s. A round spread thin among others' scores takes the index."""
    if nominations is None:
        first, last, count = conn.execute(
            "SELECT min(id), max(id), count(*) FROM scores WHERE round_id = ?", (round_id,)
        ).fetchone()
        if count and last - first < 2 * count:
            return conn.execute(
                f"SELECT {columns} FROM scores WHERE id BETWEEN ? AND ? AND +round_id = ?",
                (first, last, round_id),
            )
    return conn.execute(
        *of_round(f"SELECT {columns} FROM scores WHERE round_id = ?", round_id, nominations)
    )


def json_number(value: object) -> str:
    """A number as the audit's JSON writes it: json writes a finite float as its repr."""
    if type(value) is float and math.isfinite(value):
        return repr(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _connect(path: str) -> sqlite3.Connection:
    # isolation_level=None: the driver never opens transactions behind our back; every write
    # goes through StoreBase.transaction().
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise AwardsError(f"{path} is not an awards database ({exc})") from None
    return conn


def not_found_nomination(nomination_id: object) -> NotFound:
    return NotFound("nomination", nomination_id)
