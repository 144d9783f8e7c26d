"""`awards juror ...` and `awards conflict ...`."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from awards.models import ROLES

from .completion import complete_email, nomination_option, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, render, warn_mixed_scripts

if TYPE_CHECKING:
    from awards.rows import ConflictAfterClose


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
    type=click.Choice(ROLES),
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
    known = ""
    if added["known"] and organization is None and added["organization"]:
        known = f" (with their known organisation, {added['organization']})"
    echo_ok(f"Added {added['name']} <{added['email']}> to the jury of {slug} as {role}{known}.")


@juror.command("set")
@click.argument("email", shell_complete=complete_email)
@click.option("--name", help="The juror's name.")
@click.option("--organization", help="Employer ('' for none); decides automatic conflicts.")
@pass_app
def set_(app: App, email: str, name: str | None, organization: str | None) -> None:
    """Change a juror's name or organisation in every competition they sit in (audited in
    each). Refused where the new organisation would put them in conflict with a nomination
    they have scored in an open round. Documents of a decided competition keep the jury as it
    was when its winners were declared.

    \b
    Example:
      awards juror set liisa.aaltonen@example.fi --organization "Aava Pankki Oyj"
    """
    if name is None and organization is None:
        raise click.UsageError("give --name or --organization (or both)")
    done = app.store(create=True).jury.set_details(email, name=name, organization=organization)
    if not done["changed"]:
        echo_ok(f"No change: {done['email']} already has those details.")
        return
    where = ", ".join(done["competitions"]) or "no competition yet"
    echo_ok(f"Changed {done['email']}: {'; '.join(done['changed'])} (in {where}).")
    if done["decided"]:
        echo_ok(
            f"Decided ({', '.join(done['decided'])}): their documents keep the jury as it was "
            "when the winners were declared."
        )
    if done["unassigned"]:
        echo_ok(
            f"Now in conflict: {done['unassigned']} assignment(s) in open rounds taken away "
            f"(see `awards round assignments SLUG --juror {done['email']}`)."
        )
    _warn_after_close(app, done["after_close"])


def _warn_after_close(app: App, found: list[ConflictAfterClose]) -> None:
    """A conflict that reaches scores in a closed round: said at once, on stderr."""
    for x in found:
        click.echo(
            f"Warning: {x['juror']} scored nomination {x['nomination']} in closed round "
            f"{x['round']}{' of ' + x['competition'] if x.get('competition') else ''} and "
            "is now in conflict with it; its frozen ranking counts those scores "
            "(`ranking`, `panel` and `db check` flag it).",
            err=True,
        )


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
    added = app.store(create=True).jury.add_conflict(
        slug, email, nomination_id=nomination_id, organization=organization, reason=reason
    )
    target = f"nomination {nomination_id}" if nomination_id else organization
    echo_ok(f"{email} is in conflict with {target} in {slug}.")
    if added["unassigned"]:
        echo_ok(f"{added['unassigned']} assignment(s) in the open round taken away.")
    _warn_after_close(app, added["after_close"])


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
