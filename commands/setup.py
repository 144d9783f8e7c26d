"""`awards init` and `awards status` (`awards demo` lives in demo.py)."""

from __future__ import annotations

from typing import Any

import click

from .context import App, pass_app
from .output import echo_ok, format_option, render


@click.command()
@pass_app
def init(app: App) -> None:
    """Create the database, or bring an older one up to date. Safe to run again.

    \b
    Example:
      awards --db awards2026.db init
    """
    from awards.db.migrations import SCHEMA_VERSION

    store = app.store(create=True)
    echo_ok(f"Database {store.db.path} is ready (schema {SCHEMA_VERSION}).")
    echo_ok("Next: `awards competition create --category customer-advisor --year YEAR`")


@click.command()
@click.option("--year", type=int, help="Only this year.")
@format_option
@pass_app
def status(app: App, year: int | None, fmt: str | None) -> None:
    """Every competition: phase, counts, progress, and the next command to run.

    \b
    Example:
      awards status --year 2026
    """
    from awards.status import conflict_note, next_step

    store = app.store()
    # What is shown: each competition's status with its phase and next step (the store's rows
    # stay its own).
    rows: list[dict[str, Any]] = []
    for found in store.maintenance.status_overview(year):
        phase = next_step(found)
        rows.append(
            {**found, "phase": phase.phase, "next": phase.next_step, "nominations": found["active"]}
        )
    if fmt == "json":
        render(
            rows,
            [],
            fmt,
            json_keys=[
                "slug",
                "category",
                "year",
                "title",
                "status",
                "phase",
                "nominations",
                "jurors",
                "rounds",
                "missing",
                "without_organization",
                "next",
            ],
        )
        return
    if not rows:
        click.echo("No competitions yet.")
        click.echo(
            "Next: `awards competition create --category customer-advisor --year YEAR`"
            " (or `awards demo` to see a complete year)"
        )
        return
    render(
        rows,
        ["slug", "phase", ("active", "candidates"), "jurors", "rounds", ("next", "next step")],
        fmt,
    )
    if fmt in (None, "table", "plain"):
        for row in rows:
            for juror, missing in row.get("missing_by_juror", [])[:5]:
                click.echo(f"  {row['slug']}: {juror} owes {missing} score set(s)")
            note = conflict_note(row)
            if note:
                click.echo(f"  {row['slug']}: {note}")
            last = row.get("last_round")
            if last is not None and last["status"] == "open":
                from awards.status import mail_line

                line = mail_line(store.mail.summary(row["slug"], last["id"]))
                if line:
                    click.echo(f"  {row['slug']}: {line}")
