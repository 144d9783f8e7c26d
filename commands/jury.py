"""`awards juror ...` and `awards conflict ...`."""

from __future__ import annotations

import click

from .completion import complete_email, nomination_option, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, render, warn_mixed_scripts


@click.group(cls=OrderedGroup)
def juror() -> None:
    """Set up the jury (one person per email across competitions)."""


@juror.command("add")
@slug_argument()
@click.option("--name", required=True, help="The juror's name.")
@click.option("--email", required=True, help="Email: identifies the juror (any case).")
@click.option("--organization", help="Employer; a candidate from it is a conflict (jäävi).")
@click.option(
    "--role",
    type=click.Choice(["chair", "member", "assessor"]),
    default="member",
    show_default=True,
    help="Chair (puheenjohtaja), member, or assessor.",
)
@pass_app
def add(app: App, slug: str, name: str, email: str, organization: str | None, role: str) -> None:
    """Add a juror to a competition's jury.

    \b
    Example:
      awards juror add customer-advisor-2026 --name "Liisa Aaltonen" \\
        --email liisa.aaltonen@example.fi --organization "Kuusiston Energia Oy" --role chair
    """
    added = app.store(create=True).jury.add(slug, name, email, organization, role)
    warn_mixed_scripts(name=name, email=email, organization=organization)
    echo_ok(f"Added {added['name']} <{added['email']}> to the jury of {slug} as {role}.")


@juror.command("list")
@slug_argument()
@format_option
@pass_app
def list_(app: App, slug: str, fmt: str | None) -> None:
    """List a competition's jury.

    \b
    Example:
      awards juror list customer-advisor-2026
    """
    render(
        app.store().jury.members(slug),
        ["name", "email", "organization", "role"],
        fmt,
        empty=f"No jurors in {slug} yet.",
    )


@juror.command("remove")
@slug_argument()
@click.argument("email", shell_complete=complete_email)
@pass_app
def remove(app: App, slug: str, email: str) -> None:
    """Remove a juror; refused once they have scores in an open round.

    \b
    Example:
      awards juror remove customer-advisor-2026 liisa.aaltonen@example.fi
    """
    app.store(create=True).jury.remove(slug, email)
    echo_ok(f"Removed {email} from the jury of {slug}.")


@click.group(cls=OrderedGroup)
def conflict() -> None:
    """Declare and list conflicts of interest (jäävi)."""


@conflict.command("add")
@slug_argument()
@click.argument("email", shell_complete=complete_email)
@nomination_option(required=False, help="The nomination in conflict.")
@click.option("--organization", help="Every candidate of this organisation.")
@click.option("--reason", required=True, help="Why (e.g. 'entinen esihenkilö').")
@pass_app
def add_conflict(
    app: App,
    slug: str,
    email: str,
    nomination_id: int | None,
    organization: str | None,
    reason: str,
) -> None:
    """Declare that a juror must not judge a nomination or an organisation.

    \b
    Example:
      awards conflict add customer-advisor-2026 liisa.aaltonen@example.fi \\
        --nomination 12 --reason "Entinen kollega"
    """
    if (nomination_id is None) == (organization is None):
        raise click.UsageError("give exactly one of --nomination or --organization")
    app.store(create=True).jury.add_conflict(
        slug, email, nomination_id=nomination_id, organization=organization, reason=reason
    )
    target = f"nomination {nomination_id}" if nomination_id else organization
    echo_ok(f"{email} is in conflict with {target} in {slug}.")


@conflict.command("list")
@slug_argument()
@format_option
@pass_app
def list_conflicts(app: App, slug: str, fmt: str | None) -> None:
    """List declared conflicts and automatic ones (same organisation).

    \b
    Example:
      awards conflict list customer-advisor-2026 --format json
    """
    store = app.store()
    rows = store.jury.conflicts(slug)
    blind = store.nominations.without_organization(slug)
    note = (
        f"{blind} candidate(s) have no organisation: automatic conflicts cannot be found for them."
        if blind
        else ""
    )
    render(
        rows,
        ["juror", "nomination", "nominee", "organization", "reason", "source"],
        fmt,
        json_keys=["juror", "nomination", "organization", "reason", "source"],
        empty=f"No conflicts found; {note}" if note else "No conflicts.",
    )
    if note and (rows or fmt not in (None, "table", "plain", "markdown")):
        click.echo(f"Warning: {note}", err=True)
