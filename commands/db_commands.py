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
@click.option(
    "--accept",
    is_flag=True,
    help="After looking at what was changed outside awards: accept it as it is now (audited), "
    "so the public exports work again.",
)
@pass_app
def check(app: App, accept: bool) -> None:
    """Check integrity, foreign keys, the schema, the audit log's hash chain, the seals of
    closed rounds, places and juries, and the tool's own rules; exit 1 when anything is wrong.

    An edit made outside awards (with sqlite3, a database browser) is named here, and the
    public exports (announcement, certificates, results) refuse until you have looked and run
    `awards db check --accept`.

    \b
    Example:
      awards db check
      awards db check --accept
    """
    if accept:
        accepted = app.store(create=False).checks.accept_outside_changes()
        if not accepted:
            echo_ok(f"{app.db_path}: nothing changed outside awards; nothing to accept")
        else:
            for line in accepted:
                click.echo(f"accepted: {line}", err=True)
            echo_ok(
                f"Accepted {len(accepted)} change(s) made outside awards as the current state "
                "(recorded in the audit log as db.accept); the public exports work again"
            )
    problems = app.store().checks.check()
    if problems:
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) found in {app.db_path}")
    echo_ok(
        f"{app.db_path}: OK (integrity, foreign keys, schema, audit chain, seals, scores, "
        "rankings, winners)"
    )


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
    outside = result.get("outside_changes") or []
    if outside:
        for line in outside:
            click.echo(f"Warning: {line}", err=True)
        click.echo(
            f"Warning: the backup holds {len(outside)} change(s) made outside awards; the public "
            "exports refuse until you have looked (`awards db check`, then "
            "`awards db check --accept`)",
            err=True,
        )
