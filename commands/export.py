"""`awards export ...`: the documents people send."""

from __future__ import annotations

import click


@click.group()
def export() -> None:
    """Write the announcement, the jury's report, feedback, certificates and results."""


def register(cli: click.Group) -> None:
    cli.add_command(export)
