"""The privacy purge: a finished year's names, emails and texts removed, its results kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import StoreBase

if TYPE_CHECKING:
    from .competitions import Competitions


class Privacy:
    """`awards privacy purge`: personal data out of a finished year, the audit chain kept."""

    def __init__(self, db: StoreBase, competitions: Competitions) -> None:
        self.db = db
        self.competitions = competitions

    def purge_personal_data(self, year: int) -> dict[str, int]:
        """Remove nominators' personal data (names, emails, reasoning texts and other free-text
        evidence) from a finished year, keeping candidates, scores, results and citations.

        The audit log's copies of those fields are redacted too: the one change to the log the
        tool ever makes, allowed by the `purging` setting inside this transaction only."""
        import json

        from awards.errors import WrongState

        competitions = self.competitions.all(year)
        if not competitions:
            raise WrongState(f"no competitions in {year}")
        unfinished = [c["slug"] for c in competitions if c["status"] != "decided"]
        if unfinished:
            raise WrongState(
                f"{year} is not finished: {', '.join(unfinished)} has no winner yet; "
                "purge only after the winners are announced"
            )
        ids = [c["id"] for c in competitions]
        slugs = [c["slug"] for c in competitions]
        marks = ",".join("?" * len(ids))
        personal = ("nominator", "nominator_email", "reason", "extra")
        # What must be gone from the file's bytes afterwards (long enough not to occur by chance).
        removed = [
            text
            for row in self.db.conn.execute(
                f"SELECT nominator_email, reason FROM nominations WHERE competition_id IN "
                f"({marks})",
                ids,
            )
            for text in row
            if text and len(text) >= 8
        ]
        self._alone()
        # Overwrite freed pages with zeros so the removed text does not linger in the file.
        self.db.conn.execute("PRAGMA secure_delete = ON")
        with self.db.transaction():
            nominations = self.db.value(
                f"SELECT count(*) FROM nominations WHERE competition_id IN ({marks}) AND "
                "(nominator IS NOT NULL OR nominator_email IS NOT NULL OR reason IS NOT NULL "
                "OR extra IS NOT NULL)",
                ids,
            )
            self.db.conn.execute(
                f"UPDATE nominations SET nominator = NULL, nominator_email = NULL, reason = NULL, "
                f"extra = NULL WHERE competition_id IN ({marks})",
                ids,
            )
            from .tamper import chain_problems, rechain

            if chain_problems(self.db.conn)[0]:
                raise WrongState(
                    "the audit log was changed outside awards; see `awards db check` and accept "
                    "it (`awards db check --accept`) before purging"
                )
            self.db.conn.execute("INSERT INTO settings (key, value) VALUES ('purging', '1')")
            redacted = 0
            first_redacted = None
            slug_marks = ",".join("?" * len(slugs))
            for entry_id, before, after in self.db.conn.execute(
                f"SELECT id, before, after FROM audit_log WHERE competition IN ({slug_marks})",
                slugs,
            ).fetchall():
                new_values = [
                    _redact(json.loads(v), personal) if v else None for v in (before, after)
                ]
                new_texts = [
                    json.dumps(v, ensure_ascii=False, sort_keys=True) if v is not None else None
                    for v in new_values
                ]
                if new_texts != [before, after]:
                    redacted += 1
                    if first_redacted is None or entry_id < first_redacted:
                        first_redacted = entry_id
                    self.db.conn.execute(
                        "UPDATE audit_log SET before = ?, after = ? WHERE id = ?",
                        (*new_texts, entry_id),
                    )
            if first_redacted is not None:
                # The redacted entries' hashes, and every later one's, follow their new content.
                rechain(self.db.conn, first_redacted)
            self.db.conn.execute("DELETE FROM settings WHERE key = 'purging'")
            self.db.audit(
                "privacy.purge",
                entity="year",
                entity_id=year,
                after={"competitions": slugs, "nominations": nominations, "log_entries": redacted},
            )
        self._write_out(removed)
        return {"nominations": int(nominations or 0), "log_entries": redacted}

    def _alone(self) -> None:
        """Refuse unless this is the only connection to the file. A reader elsewhere would keep
        the old pages, personal data included, in the main file until a checkpoint it allows.
        In exclusive locking mode a WAL connection must hold the file's EXCLUSIVE lock, which
        it cannot get while any other connection has the file open (see awards.db.restore)."""
        import sqlite3

        from awards.errors import WrongState

        conn = self.db.conn
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("PRAGMA locking_mode = NORMAL")
            if "locked" in str(exc) or "busy" in str(exc):
                raise WrongState(
                    f"{self.db.path} is open in another program (another awards command or a "
                    "database tool); close it and run the purge again, so the removed text "
                    "leaves the file at once"
                ) from None
            raise
        finally:
            conn.execute("PRAGMA busy_timeout = 30000")

    def _write_out(self, removed: list[str]) -> None:
        """Checkpoint the WAL into the main file, truncate it, and check the bytes: none of the
        removed texts may remain anywhere in the file. VACUUM rewrites it when they do."""
        from awards.errors import AwardsError

        conn = self.db.conn
        for attempt in range(2):
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            with open(self.db.path, "rb") as handle:
                data = handle.read()
            lingering = [t for t in removed if t.encode() in data]
            if not busy and not lingering:
                return
            if attempt == 0:
                conn.execute("VACUUM")
        raise AwardsError(
            "the personal data is removed from the records, but the database file still holds "
            f"{len(lingering)} of the removed texts; run `awards privacy purge` again"
        )


def _redact(value: Any, keys: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {
            k: ("[purged]" if k in keys and v is not None else _redact(v, keys))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact(v, keys) for v in value]
    return value
