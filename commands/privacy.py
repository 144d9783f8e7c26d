"""`awards privacy ...`: personal data kept no longer than needed."""

from __future__ import annotations

import click

from .context import App, OrderedGroup, pass_app
from .output import echo_ok


@click.group(cls=OrderedGroup)
def privacy() -> None:
    """Remove personal data from finished years."""


@privacy.command("purge")
@click.option("--year", type=int, required=True, help="A finished competition year.")
@click.option("--yes", "confirmed", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def purge(app: App, year: int, confirmed: bool) -> None:
    """Remove nominators' names, emails and reasoning texts from a finished year.

    Candidates, scores, rankings, winners and citations stay. The audit log's copies of the
    removed fields are redacted, and the purge itself is logged. This cannot be undone: take a
    backup first (`awards db backup FILE`) if the data must be kept somewhere.

    \b
    Example:
      awards privacy purge --year 2025 --yes
    """
    store = app.store()
    if not confirmed:
        click.confirm(
            f"Remove nominators' personal data from every {year} competition? This cannot be "
            "undone",
            abort=True,
        )
    result = store.privacy.purge_personal_data(year)
    echo_ok(
        f"Purged {year}: personal data removed from {result['nominations']} nomination(s) "
        f"and redacted in {result['log_entries']} log entries."
    )
