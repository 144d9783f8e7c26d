"""`awards db ...`: integrity checks and backups."""

from __future__ import annotations

from pathlib import Path

import click

from .context import App, OrderedGroup, pass_app
from .output import echo_ok


@click.group("db", cls=OrderedGroup)
def db_group() -> None:
    """Check, back up and restore the database file."""


@db_group.command("check")
@pass_app
def check(app: App) -> None:
    """Check integrity, foreign keys and the tool's own rules; exit 1 when anything is wrong.

    \b
    Example:
      awards db check
    """
    problems = app.store().maintenance.check()
    if problems:
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) found in {app.db_path}")
    echo_ok(f"{app.db_path}: OK (integrity, foreign keys, scores, rankings, winners)")


@db_group.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@pass_app
def backup(app: App, file: Path, force: bool) -> None:
    """Copy the database with SQLite's online backup (safe while others write), then check
    the copy. Restore it with `awards db restore FILE` (not by copying it over awards.db).

    \b
    Example:
      awards db backup backups/awards-2026-10-05.db
    """
    if file.exists() and not force:
        raise click.ClickException(f"{file} exists; pass --force to overwrite it")
    pages = app.store().maintenance.backup(file)
    echo_ok(f"Backed up {app.db_path} to {file} ({pages} pages) and checked the copy: OK")


@db_group.command("restore")
@click.argument("backup_file", metavar="BACKUP", type=click.Path(path_type=Path))
@pass_app
def restore(app: App, backup_file: Path) -> None:
    """Put BACKUP in place of the database (--db), keeping the previous one aside.

    Copying a backup over awards.db by hand can go wrong: SQLite replays a leftover
    awards.db-wal onto the copy. This checks the backup first, refuses while any other
    program has the database open, moves the old database and its -wal/-shm aside as
    awards.db.before-restore-<time>, and writes the copy under the name in one step.

    \b
    Example:
      awards db restore backups/awards-2026-10-05.db
    """
    from awards.db.restore import restore as restore_database

    result = restore_database(app.db_path, str(backup_file))
    kept = (
        f"the previous database is kept as {result['kept']}"
        if result["kept"]
        else "there was no previous database"
    )
    echo_ok(
        f"Restored {app.db_path} from {backup_file} ({result['competitions']} competitions, "
        f"{result['nominations']} nominations); {kept}"
    )
