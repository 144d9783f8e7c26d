"""`awards winner ...`: the jury chair confirms winners, runners-up and mentions."""

from __future__ import annotations

from pathlib import Path

import click

from awards.models import PLACES

from .completion import complete_slug, nomination_option, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, render

# A place as a sentence says it: "Sini Mäkelä (nomination 9): honourable mention in SLUG."
PLACE_WORDS = {
    "winner": "winner of",
    "runner-up": "runner-up in",
    "mention": "honourable mention in",
}


@click.group(cls=OrderedGroup)
def winner() -> None:
    """Declare and list winners, runners-up and honourable mentions."""


@winner.command("declare")
@slug_argument()
@nomination_option()
@click.option(
    "--place",
    type=click.Choice(PLACES),
    default="winner",
    show_default=True,
    help="mention = kunniamaininta.",
)
@click.option("--citation", help="The jury's citation (perustelut), for the announcement.")
@click.option(
    "--citation-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the citation from a UTF-8 file.",
)
@click.option("--citation-en", help="The citation in English, for English documents.")
@click.option("--override-reason", help="Required to declare anyone but the top-ranked winner.")
@pass_app
def declare(
    app: App,
    slug: str,
    nomination_id: int,
    place: str,
    citation: str | None,
    citation_file: Path | None,
    citation_en: str | None,
    override_reason: str | None,
) -> None:
    """Declare a place from the closed final round.

    \b
    Example:
      awards winner declare customer-advisor-2026 --nomination 12 \\
        --citation "Sini Mäkelä kohtaa jokaisen asiakkaan aidosti." \\
        --citation-en "Sini Mäkelä truly meets every customer."
    """
    if citation and citation_file:
        raise click.UsageError("give --citation or --citation-file, not both")
    if citation_file:
        from awards.exports.tabular import decode_bytes, require_regular_file

        require_regular_file(citation_file)
        citation = decode_bytes(citation_file.read_bytes())[0]
    declared = app.store(create=True).winners.declare(
        slug, nomination_id, place, citation, override_reason, citation_en
    )
    echo_ok(f"{declared['nominee']} (nomination {nomination_id}): {PLACE_WORDS[place]} {slug}.")


@winner.command("list")
@click.argument("slug", required=False, shell_complete=complete_slug)
@click.option("--year", type=int, help="Only this year.")
@format_option
@pass_app
def list_(app: App, slug: str | None, year: int | None, fmt: str | None) -> None:
    """List winners, runners-up and mentions: of one competition (SLUG), a year, or all.

    \b
    Examples:
      awards winner list customer-advisor-2026
      awards winner list --year 2026 --format json
    """
    render(
        app.store().winners.all(year, slug),
        ["competition", "place", "nomination", "nominee", "organization"],
        fmt,
        empty="No winners declared yet.",
    )


@winner.command("remove")
@slug_argument()
@nomination_option()
@pass_app
def remove(app: App, slug: str, nomination_id: int) -> None:
    """Take back a declared place (kept in the log).

    \b
    Example:
      awards winner remove customer-advisor-2026 --nomination 12
    """
    app.store(create=True).winners.remove_place(slug, nomination_id)
    echo_ok(f"Nomination {nomination_id} no longer has a place in {slug}.")
