"""The `awards` command: global options, help in the order of a competition year, and the one
place where refusals become `Error: ...` with exit code 1."""

from __future__ import annotations

from typing import Any

import click

from .context import App

# Every top-level command: the module that defines it, and its one-line summary for
# `awards --help`. Modules are imported only when their command runs, so help and completion
# stay instant; tests/test_demo_and_help.py checks the summaries against the commands.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("setup", "init", "Create the database, or bring an older one up to date."),
    "demo": (
        "demo",
        "demo",
        "Build a complete fictional year 2026 for all three awards, ending in Word files.",
    ),
    "status": (
        "setup",
        "status",
        "Every competition: phase, counts, progress, and the next command to run.",
    ),
    "competition": (
        "competition",
        "competition",
        "Create and list competitions (one award in one year).",
    ),
    "criteria": (
        "competition",
        "criteria",
        "See and adjust a competition's criteria (before judging starts).",
    ),
    "nomination": (
        "nomination",
        "nomination",
        "Take in nominations, check eligibility, merge duplicates, record consent.",
    ),
    "juror": ("jury", "juror", "Set up the jury (one person per email across competitions)."),
    "conflict": ("jury", "conflict", "Declare and list conflicts of interest (jäävi)."),
    "round": (
        "round_commands",
        "round_group",
        "Open, follow, close and advance judging rounds (kierros).",
    ),
    "score": ("score", "score", "Enter, import and chase scores."),
    "ranking": (
        "ranking",
        "ranking",
        "Rank a round's nominations: score, panel value per criterion, spread and flags.",
    ),
    "panel": (
        "panel",
        "panel",
        "How far to trust a ranking: agreement, each juror, and whether the winner holds.",
    ),
    "winner": ("winner", "winner", "Declare and list winners, runners-up and honourable mentions."),
    "export": (
        "export",
        "export",
        "Write the announcement, the jury's report, feedback, certificates and results.",
    ),
    "mail": (
        "mail",
        "mail",
        "Mail score sheets, reminders and feedback: as .eml drafts or through SMTP.",
    ),
    "organizer": (
        "organizer",
        "organizer",
        "Who runs the awards: name, paragraph, media contact, embargo time, city.",
    ),
    "log": (
        "log",
        "log",
        "The audit trail, newest first: who changed what, when, before and after.",
    ),
    "db": ("db_commands", "db_group", "Check, back up and restore the database file."),
    "privacy": ("privacy", "privacy", "Remove personal data from finished years."),
    "completion": (
        "completion",
        "completion",
        "Print the shell completion script (slugs, emails and ids complete from the database).",
    ),
}

# The order of a year: how `awards --help` groups the commands.
SECTIONS: list[tuple[str, list[str]]] = [
    ("Set up", ["init", "demo", "status", "competition", "criteria"]),
    ("Nominations", ["nomination"]),
    ("Jury", ["juror", "conflict"]),
    ("Rounds and scores", ["round", "score", "ranking", "panel"]),
    ("Results", ["winner"]),
    ("Documents", ["export", "mail"]),
    ("Maintenance", ["log", "db", "privacy", "completion"]),
]


class AwardsGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for _, names in SECTIONS for name in names]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        import importlib

        module, attribute, _ = COMMANDS[name]
        command: click.Command = getattr(
            importlib.import_module(f"awards.commands.{module}"), attribute
        )
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        for section, names in SECTIONS:
            with formatter.section(section):
                formatter.write_dl([(name, COMMANDS[name][2]) for name in names])

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
    import errno
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
    if isinstance(exc, sqlite3.OperationalError) and "disk is full" in str(exc):
        return click.ClickException("the disk is full; nothing was saved (free some space)")
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in str(exc):
        return click.ClickException(
            "the database file is read-only (or its folder is); nothing was saved"
        )
    if isinstance(exc, sqlite3.OperationalError) and "unable to open" in str(exc):
        return click.ClickException(f"the database file cannot be opened ({exc})")
    if isinstance(exc, UnicodeEncodeError):
        return click.ClickException(
            "an argument is not valid text in UTF-8 (check the terminal's encoding)"
        )
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return click.ClickException("the disk is full; the file was not written")
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
        ctx.obj = App(db_path=db_path, actor=actor)
    ctx.call_on_close(lambda: ctx.obj._store.close() if ctx.obj._store else None)


def main() -> None:
    from awards.bulk import end_of_command, settle_for_one_command

    settle_for_one_command()
    try:
        _replace_what_the_console_cannot_show()
        cli(prog_name="awards")
    except KeyboardInterrupt:  # Ctrl-C before click took over (while modules were loading)
        import sys

        print("Interrupted; nothing was changed.", file=sys.stderr)
        raise SystemExit(130) from None
    finally:
        end_of_command()


def _replace_what_the_console_cannot_show() -> None:
    """Names are Finnish, Swedish, anything: on a console whose encoding is narrower than
    Unicode (ASCII under a bare POSIX locale, a Windows code page), print a `?` for what it
    cannot show instead of stopping with UnicodeEncodeError halfway through a listing. Setting
    PYTHONIOENCODING here would come too late: the interpreter reads it at start-up."""
    import codecs
    import sys

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        try:
            unicode = codecs.lookup(encoding or "ascii").name.startswith("utf")
        except LookupError:
            unicode = False
        if not unicode and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
