"""State shared by every command through the click context: which database, who is acting."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from awards.db.store import Store


class App:
    # A plain class, not a dataclass: `dataclasses` pulls in `inspect`, which --help can't afford.
    def __init__(self, db_path: str, actor: str | None, _store: Any = None) -> None:
        self.db_path = db_path
        self._actor = actor
        self._store = _store

    @property
    def actor(self) -> str:
        # Resolved on first use: looking up the OS login costs imports a listing never needs.
        if self._actor is None:
            self._actor = default_actor()
        return self._actor

    def store(self, *, create: bool = False) -> Store:
        """The database; commands that write pass create=True (the file and schema are made
        when missing), commands that only read get a clear error instead of a new empty file."""
        if self._store is None:
            from awards.db.store import Store

            self._store = Store.open(self.db_path, lambda: self.actor, create=create)
        return self._store


def default_actor() -> str:
    for name in ("AWARDS_USER", "USER", "LOGNAME", "USERNAME"):
        if os.environ.get(name):
            return os.environ[name]
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # no login name on this machine (containers): still say something
        return "unknown"


pass_app = click.make_pass_decorator(App)


class OrderedGroup(click.Group):
    """Lists subcommands in the order a year uses them (open, status, close...), not A–Z."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            (name, cmd.get_short_help_str(limit=100))
            for name, cmd in self.commands.items()
            if not cmd.hidden
        ]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
