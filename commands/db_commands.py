"""`awards db ...`: integrity checks and backups."""

from __future__ import annotations

from pathlib import Path

import click

from .context import App, OrderedGroup, pass_app
from .output import echo_ok


@click.group("db", cls=OrderedGroup)
def db_group() -> None:
    """Check and back up the database file."""


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
    the copy. Restore by copying the backup over awards.db while nobody is using it.

    \b
    Example:
      awards db backup backups/awards-2026-10-05.db
    """
    if file.exists() and not force:
        raise click.ClickException(f"{file} exists; pass --force to overwrite it")
    pages = app.store().maintenance.backup(file)
    echo_ok(f"Backed up {app.db_path} to {file} ({pages} pages) and checked the copy: OK")
