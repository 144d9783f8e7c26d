"""`awards db restore` takes only an awards database: a backup whose schema differs from what
this version creates in any object (a planted trigger, a table replaced by a view, another
program's file with a `competitions` table) is refused, every difference listed, nothing
changed. (The WAL, lock and keep-aside guarantees: tests/test_restore.py.)"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from awards.db.migrations import MIGRATIONS, SCHEMA_VERSION
from tests.test_db_check import SLUG, decide, outside
from tests.test_restore import files


@pytest.fixture
def backup(awards, tmp_path: Path) -> tuple:
    """A decided year (nomination 1 wins, 2 runner-up, 3 ranked third) and its backup."""
    decide(awards)
    path = tmp_path / "backup.db"
    awards("db", "backup", path)
    return awards, path


def refused_unchanged(awards, bad: Path) -> str:
    before = files(awards.db, bad)
    error = awards.refused("db", "restore", bad)
    assert files(awards.db, bad) == before
    assert not list(awards.tmp.glob(".awards-restore-*"))
    assert not list(awards.tmp.glob("awards.db.before-restore-*"))
    return error


def test_a_backup_with_a_planted_trigger_is_refused(backup) -> None:
    """The attack: a trigger that makes the fifth-ranked the winner at the next change."""
    awards, path = backup
    outside(
        path,
        "CREATE TRIGGER audit_after AFTER INSERT ON audit_log BEGIN "
        "UPDATE winners SET nomination_id = 3 WHERE place = 'winner'; END",
    )
    error = refused_unchanged(awards, path)
    assert "not an awards database as awards makes it: 1 object(s)" in error, error
    assert "  trigger audit_after on audit_log is not part of the awards schema" in error
    awards(
        "nomination", "add", SLUG, "--nominee", "Myöhemmin", "--late"
    )  # the next ordinary change
    assert awards.json("winner", "list")[0]["nomination"] == 1


def test_a_backup_whose_winners_table_is_a_view_is_refused(backup) -> None:
    awards, path = backup
    outside(
        path,
        "PRAGMA foreign_keys = OFF",
        "DROP TABLE winners",
        "CREATE VIEW winners AS SELECT 1 AS id, 1 AS competition_id, 3 AS nomination_id, "
        "'winner' AS place, 'Paras.' AS citation, NULL AS override_reason, "
        "'2026-10-01' AS declared_at, 'x' AS declared_by, NULL AS citation_en",
    )
    error = refused_unchanged(awards, path)
    lines = error.splitlines()
    assert "  view winners is not part of the awards schema" in lines, error
    assert "  table winners of the awards schema is missing" in lines
    assert "  index one_winner_per_competition of the awards schema is missing" in lines
    assert "  trigger winners_counted_insert of the awards schema is missing" in lines


def test_a_changed_column_is_refused(backup) -> None:
    awards, path = backup
    outside(path, "ALTER TABLE nominations ADD COLUMN bribe TEXT")
    error = refused_unchanged(awards, path)
    assert "  table nominations differs from the awards schema" in error.splitlines()


@pytest.mark.parametrize("version", [0, SCHEMA_VERSION])
def test_another_programs_file_with_a_competitions_table_is_refused(
    backup, tmp_path: Path, version: int
) -> None:
    awards, _ = backup
    other = tmp_path / "sports.db"
    outside(
        other,
        "CREATE TABLE competitions (id INTEGER PRIMARY KEY, sport TEXT, venue TEXT)",
        "INSERT INTO competitions (sport, venue) VALUES ('curling', 'Hyvinkää')",
        f"PRAGMA user_version = {version}",
    )
    error = refused_unchanged(awards, other)
    assert "not an awards database" in error, error
    # Nothing broke: every command goes on as before.
    assert awards.json("winner", "list")[0]["nomination"] == 1
    awards("status")
    awards("db", "check")
    awards("nomination", "add", SLUG, "--nominee", "Vielä yksi", "--late")
    # Opened directly, the other program's file is refused too (and left as it was).
    before = files(other)
    result = awards.runner.invoke(
        __import__("awards.commands.cli", fromlist=["cli"]).cli,
        ["--db", str(other), "status"],
    )
    assert result.exit_code == 1 and result.stderr.startswith("Error: "), result.output
    assert "not awards" in result.stderr or "not an awards database" in result.stderr
    assert files(other) == before


def test_a_backup_with_data_edited_outside_restores_with_a_warning(backup, tmp_path) -> None:
    """Its schema is awards' own, so it is restored; what was edited is said at once, and the
    public exports refuse until the coordinator has looked."""
    awards, path = backup
    outside(path, "UPDATE winners SET nomination_id = 3 WHERE place = 'winner'")
    result = awards("db", "restore", path)
    assert f"Warning: {SLUG} declared places: changed outside awards" in result.stderr
    assert "1 change(s) made outside awards" in result.stderr
    error = awards.refused("export", "announcement", SLUG, "-o", tmp_path / "t.docx")
    assert "changed outside awards" in error


def test_a_backup_of_an_older_schema_restores_and_upgrades(awards, tmp_path: Path) -> None:
    """Made by the version before tamper evidence (schema 12): its schema is that version's
    own, so it is restored, then migrated on the next command."""
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    old = tmp_path / "old-backup.db"
    migrations = Migrations("awards")
    for fn in MIGRATIONS[:12]:
        migrations()(fn)
    conn = sqlite3.connect(old)
    migrations.apply(Database(conn))
    conn.execute("PRAGMA user_version = 12")
    conn.execute(
        "INSERT INTO competitions (slug, category, year, title, announce_date, created_at) "
        "VALUES ('x-2025', 'customer-advisor', 2025, 'X', '2025-10-06', '2025-01-01')"
    )
    conn.commit()
    conn.close()
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    result = awards("db", "restore", old)
    assert "1 competitions" in result.stdout, result.output
    awards("db", "check")
    assert [c["slug"] for c in awards.json("competition", "list")] == ["x-2025"]
