"""The `awards` command: global options, help in the order of a competition year, and the one
place where refusals become `Error: ...` with exit code 1."""

from __future__ import annotations

import os
from typing import Any

import click

from . import (
    competition,
    completion,
    db_commands,
    demo,
    export,
    jury,
    log,
    nomination,
    privacy,
    ranking,
    round_commands,
    score,
    setup,
    winner,
)
from .context import App, default_actor

# The order of a year: how `awards --help` groups the commands.
SECTIONS: list[tuple[str, list[str]]] = [
    ("Set up", ["init", "demo", "status", "competition", "criteria"]),
    ("Nominations", ["nomination"]),
    ("Jury", ["juror", "conflict"]),
    ("Rounds and scores", ["round", "score", "ranking"]),
    ("Results", ["winner"]),
    ("Documents", ["export"]),
    ("Maintenance", ["log", "db", "privacy", "completion"]),
]


class AwardsGroup(click.Group):
    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        listed: set[str] = set()
        for section, names in SECTIONS:
            rows = []
            for name in names:
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    rows.append((name, command.get_short_help_str(limit=100)))
                    listed.add(name)
            if rows:
                with formatter.section(section):
                    formatter.write_dl(rows)
        rest = [n for n in self.list_commands(ctx) if n not in listed]
        if rest:
            with formatter.section("Other"):
                formatter.write_dl(
                    [(n, self.commands[n].get_short_help_str(limit=100)) for n in rest]
                )

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.Exit:
            raise
        except Exception as exc:
            raise _as_click_error(exc) from None


def _as_click_error(exc: Exception) -> Exception:
    """Refusals and known operational failures become one line; anything else is a bug and
    keeps its traceback."""
    import sqlite3

    from awards.errors import AwardsError

    if isinstance(exc, click.ClickException | click.Abort):
        return exc
    if isinstance(exc, AwardsError):
        return click.ClickException(exc.message)
    if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
        return click.ClickException(
            "the database stayed busy for 30 s (another long write is running); try again"
        )
    if isinstance(exc, sqlite3.DatabaseError):
        return click.ClickException(
            f"the database file is damaged or not an awards database ({exc})"
        )
    if isinstance(exc, OSError) and exc.filename is not None:
        return click.ClickException(f"{exc.strerror}: {exc.filename}")
    return exc


@click.group(cls=AwardsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_path",
    envvar="AWARDS_DB",
    default="awards.db",
    show_default=True,
    metavar="PATH",
    help="The database file (env AWARDS_DB).",
)
@click.option(
    "--as",
    "actor",
    envvar="AWARDS_USER",
    default=None,
    metavar="NAME",
    help="Who is acting, for the audit log (env AWARDS_USER; default: your login).",
)
@click.version_option(package_name="awards")
@click.pass_context
def cli(ctx: click.Context, db_path: str, actor: str | None) -> None:
    """Run Finland's customer-service awards: Vuoden Asiakasneuvoja, Vuoden Service Desk and
    Vuoden Asiakaspalvelu, from the first nomination to the winner's announcement in Word.

    New here? Run `awards demo` for a complete fictional year, then `awards status`.
    """
    # Tests may hand in an App with an open store (to watch its queries); users never do.
    if not isinstance(ctx.obj, App):
        ctx.obj = App(db_path=db_path, actor=actor or default_actor())
    ctx.call_on_close(lambda: ctx.obj._store.close() if ctx.obj._store else None)


for module in (
    setup,
    demo,
    competition,
    nomination,
    jury,
    round_commands,
    score,
    ranking,
    winner,
    export,
    log,
    db_commands,
    privacy,
    completion,
):
    module.register(cli)


def main() -> None:
    # Let Finnish text through on consoles configured for something narrower.
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    cli(prog_name="awards")
