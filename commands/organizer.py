"""`awards organizer ...`: who runs the awards, set once per database."""

from __future__ import annotations

import click

from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, render

# Option name -> field, in the order `show` lists them.
_OPTIONS = (
    ("name", "The organiser's name (Finnish)."),
    ("name_en", "The organiser's name in English (default: the Finnish one)."),
    ("about", "A paragraph about the organiser, closing the press release."),
    ("about_en", "The same paragraph in English."),
    ("contact", "The media contact closing the release: name, phone, email."),
    ("contact_en", "The same for the English release (default: the Finnish one)."),
    ("embargo_time", "When the news may be published on the announcement day, e.g. 9.00."),
    ("city", "The city on certificates (Helsinki)."),
)
# How `awards mail --send` reaches the coordinator's mail server (the password is never stored).
_SMTP_OPTIONS = (
    ("smtp_host", "HOST", "Your mail server for `awards mail --send` (smtp.example.fi)."),
    ("smtp_port", "PORT", "Its port (default 587 with starttls, 465 with tls, 25 with none)."),
    ("smtp_user", "USER", "The login; the password comes from AWARDS_SMTP_PASSWORD or a prompt."),
    ("smtp_from", "ADDR", "The coordinator's address: the sender, and where replies go."),
    (
        "smtp_security",
        "starttls|tls|none",
        "starttls (default, certificate verified), tls (implicit, port 465), or none "
        "(a relay on your own network only).",
    ),
)


@click.group(cls=OrderedGroup)
def organizer() -> None:
    """Who runs the awards: name, paragraph, media contact, embargo time, city."""


def _options(function: click.decorators.FC) -> click.decorators.FC:
    for field, help_text in reversed(_OPTIONS):
        metavar = "HH.MM" if field == "embargo_time" else "TEXT"
        function = click.option(
            "--" + field.replace("_", "-"), field, metavar=metavar, help=help_text
        )(function)
    for field, metavar, help_text in reversed(_SMTP_OPTIONS):
        function = click.option(
            "--" + field.replace("_", "-"), field, metavar=metavar, help=help_text
        )(function)
    return function


@organizer.command("set")
@_options
@pass_app
def set_(app: App, **fields: str | None) -> None:
    """Set the organiser's details; give only what changes ('' clears a field).

    The press release and the certificates use them: the organiser in the lead and at the
    end, the media contact under "Lisätietoja", the embargo time, the city on certificates.

    \b
    `awards mail --send` uses the --smtp-* settings; the password is never stored (it comes
    from AWARDS_SMTP_PASSWORD or a prompt).

    \b
    Examples:
      awards organizer set --name "Asiakaspalveluyhdistys ry" \\
        --contact "Maija Mallikas, puh. 040 123 4567, maija@example.fi" --embargo-time 9.00
      awards organizer set --smtp-host smtp.example.fi --smtp-user maija \\
        --smtp-from maija@example.fi
    """
    store = app.store(create=True)
    store.organizer.set(**fields)
    echo_ok("Set the organiser's details (see `awards organizer show`)")
    if (fields.get("smtp_security") or "").strip().casefold() == "none":
        click.echo(
            "Warning: --smtp-security none sends mail (and any login) unencrypted: use it only "
            "for a relay on your own network.",
            err=True,
        )


@organizer.command("show")
@format_option
@pass_app
def show(app: App, fmt: str | None) -> None:
    """Show the organiser's details as the documents will use them.

    \b
    Example:
      awards organizer show --format json
    """
    store = app.store()
    current = store.organizer.get()
    smtp = store.organizer.smtp()
    values: dict[str, object] = {f: getattr(current, f) for f, _ in _OPTIONS}
    if any(v is not None for v in smtp.values()):  # the mail server, once one is set
        values |= smtp
    if fmt == "json":
        import json

        click.echo(json.dumps(values, ensure_ascii=False, indent=2))
        return
    rows = [{"field": f, "value": "" if v is None else str(v)} for f, v in values.items()]
    render(rows, ["field", "value"], fmt, empty="")
    if not current.contact:
        click.echo(
            "No media contact yet: the press release will end without one. "
            "Set it with `awards organizer set --contact TEXT`.",
            err=True,
        )
