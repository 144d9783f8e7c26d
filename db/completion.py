"""Candidates for shell completion: plain read-only queries, never an error.

Completion runs on every Tab press, so it must be quick and silent: no migrations, no
sqlite-utils, and an empty answer when the database is missing or unreadable."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def _query(db_path: str, sql: str, params: tuple = ()) -> list[str]:
    path = Path(db_path)
    if not path.is_file():
        return []
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)
        try:
            return [str(row[0]) for row in conn.execute(sql, params)]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def slugs(db_path: str) -> list[str]:
    return _query(db_path, "SELECT slug FROM competitions ORDER BY year DESC, slug")


def juror_emails(db_path: str, slug: str | None) -> list[str]:
    if slug:
        return _query(
            db_path,
            "SELECT j.email FROM jurors j JOIN jury_members m ON m.juror_id = j.id "
            "JOIN competitions c ON c.id = m.competition_id WHERE c.slug = ? ORDER BY j.email",
            (slug,),
        )
    return _query(db_path, "SELECT email FROM jurors ORDER BY email")


def nomination_ids(db_path: str, slug: str | None) -> list[tuple[str, str]]:
    sql = (
        "SELECT n.id || char(9) || n.nominee FROM nominations n JOIN competitions c "
        "ON c.id = n.competition_id WHERE n.status != 'merged'"
    )
    rows = _query(
        db_path,
        sql + (" AND c.slug = ?" if slug else "") + " ORDER BY n.id",
        (slug,) if slug else (),
    )
    return [tuple(r.split("\t", 1)) for r in rows]  # type: ignore[misc]
