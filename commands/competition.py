"""`awards competition ...` and `awards criteria ...`."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from awards.presets import CATEGORIES

from .completion import complete_slug, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, render

DATE = click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"])


@click.group(cls=OrderedGroup)
def competition() -> None:
    """Create and list competitions (one award in one year)."""


@competition.command("create")
@click.option(
    "--category",
    type=click.Choice(CATEGORIES),
    help="Which award (with --from, the award of that competition).",
)
@click.option("--year", required=True, type=int, help="The competition year.")
@click.option("--slug", help="Identifier; default CATEGORY-YEAR.")
@click.option("--title", help="Title; default e.g. 'Vuoden Asiakasneuvoja 2026'.")
@click.option("--deadline", type=DATE, help="Nomination deadline (2026-05-31 or 31.5.2026).")
@click.option(
    "--announce",
    type=DATE,
    help="Announcement date; default the Monday of "
    "Customer Service Week (first full week of October).",
)
@click.option(
    "--criteria",
    "criteria_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file of [[criteria]] replacing the category's preset.",
)
@click.option(
    "--from",
    "source",
    metavar="SLUG",
    shell_complete=complete_slug,
    help="Start from this competition (last year's): its criteria, jury and declared "
    "organisation conflicts; no nominations, scores or winners.",
)
@pass_app
def create(
    app: App,
    category: str | None,
    year: int,
    slug: str | None,
    title: str | None,
    deadline,
    announce,
    criteria_file: Path | None,
    source: str | None,
) -> None:
    """Create a competition with its own copy of the criteria.

    \b
    Examples:
      awards competition create --category customer-advisor --year 2026
      awards competition create --year 2027 --from customer-advisor-2026
    """
    if category is None and source is None:
        raise click.UsageError("give --category, or --from SLUG")
    criteria = None
    if criteria_file is not None:
        from awards.exports.criteria_file import read_criteria_file

        criteria = read_criteria_file(criteria_file)
    options: dict[str, Any] = {
        "slug": slug,
        "title": title,
        "deadline": deadline.date() if deadline else None,
        "announce": announce.date() if announce else None,
        "criteria": criteria,
    }
    store = app.store(create=True)
    copied = None
    if source is None:
        assert category is not None  # checked with the options above
        created = store.competitions.create(category, year, **options)
    else:
        created = copied = store.jury.next_year(source, year, category=category, **options)
    echo_ok(
        f"Created {created['slug']}: {created['title']} (announcement {created['announce_date']})"
    )
    if copied is not None:
        echo_ok(
            f"Carried over from {source}: the criteria, {copied['jurors']} juror(s) and "
            f"{copied['conflicts']} declared organisation conflict(s)."
        )
    echo_ok(f"Next: add nominations with `awards nomination import {created['slug']} FILE.csv`")


@competition.command("list")
@click.option("--year", type=int, help="Only this year.")
@format_option
@pass_app
def list_(app: App, year: int | None, fmt: str | None) -> None:
    """List competitions.

    \b
    Example:
      awards competition list --year 2026 --format json
    """
    rows = app.store().competitions.all(year)
    render(
        rows,
        ["slug", "category", "year", "title", "status"],
        fmt,
        empty="No competitions yet. Create one with `awards competition create`.",
    )


@competition.command("show")
@slug_argument()
@format_option
@pass_app
def show(app: App, slug: str, fmt: str | None) -> None:
    """Show a competition, its criteria and counts.

    \b
    Example:
      awards competition show customer-advisor-2026
    """
    store = app.store()
    found: Mapping[str, Any] = store.competitions.get(slug)
    criteria = store.competitions.criteria(found["id"])
    overview = next(o for o in store.maintenance.overview() if o["slug"] == slug)
    if fmt == "json":
        import json

        keys = ("slug", "category", "year", "title", "deadline", "announce_date")
        data = {k: found[k] for k in keys}
        data.update(
            chair_quote=found.get("chair_quote"), chair_quote_en=found.get("chair_quote_en")
        )
        data.update(
            status=overview["status"],
            nominations=overview["active"],
            jurors=overview["jurors"],
            rounds=overview["rounds"],
            criteria=[c._asdict() for c in criteria],
        )
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{found['title']}  ({found['slug']})")
    click.echo(f"  category      {found['category']}")
    click.echo(f"  status        {overview['status']}")
    click.echo(f"  deadline      {found['deadline'] or '-'}")
    click.echo(f"  announcement  {found['announce_date']}")
    click.echo(
        f"  nominations   {overview['active']} active, {overview['ineligible']} ineligible, "
        f"{overview['withdrawn']} withdrawn, {overview['merged']} merged"
    )
    click.echo(f"  jury          {overview['jurors']} juror(s)")
    click.echo(f"  rounds        {overview['rounds']}")
    click.echo("  criteria:")
    total = sum(c.weight for c in criteria)
    from awards.models import format_number as n

    for c in criteria:
        step = f", step {n(c.step)}" if c.step else ""
        click.echo(
            f"    {c.key:<14} {c.name_fi} / {c.name_en}: {n(c.weight)} points, "
            f"scale {n(c.min)}–{n(c.max)}{step}"
        )
    click.echo(f"    total {n(total)} points")
    for label, column in (("chair quote", "chair_quote"), ("  in English", "chair_quote_en")):
        if found.get(column):
            click.echo(f"  {label:<13} “{found[column]}”")


@competition.command("set")
@slug_argument()
@click.option(
    "--chair-quote",
    metavar="TEXT",
    help="The jury chair's words for the press release (Finnish); '' clears it.",
)
@click.option("--chair-quote-en", metavar="TEXT", help="The same for the English release.")
@pass_app
def set_(app: App, slug: str, chair_quote: str | None, chair_quote_en: str | None) -> None:
    """Set what the press release quotes from the jury chair.

    The quote is attributed to the juror whose role is chair.

    \b
    Example:
      awards competition set customer-advisor-2026 \\
        --chair-quote "Voittaja osoitti, että kiireessäkin ehtii kuunnella."
    """
    store = app.store(create=True)
    store.competitions.set(slug, chair_quote=chair_quote, chair_quote_en=chair_quote_en)
    chair = [j for j in store.jury.members(slug) if j.get("role") == "chair"]
    echo_ok(f"Set the chair's quote of {slug}")
    if not chair:
        click.echo(
            f"Warning: {slug} has no juror with role chair; the release quotes nobody until "
            f"one is added (`awards juror add {slug} ... --role chair`).",
            err=True,
        )


@click.group(cls=OrderedGroup)
def criteria() -> None:
    """See and adjust a competition's criteria (before judging starts)."""


@criteria.command("list")
@slug_argument()
@format_option
@pass_app
def criteria_list(app: App, slug: str, fmt: str | None) -> None:
    """List a competition's criteria: weight (points), scale and step.

    \b
    Example:
      awards criteria list service-desk-2026
    """
    store = app.store()
    rows = [c._asdict() for c in store.competitions.criteria(store.competitions.get(slug)["id"])]
    render(rows, ["key", "name_fi", "name_en", "weight", "min", "max", "step"], fmt)


@criteria.command("set")
@slug_argument()
@click.argument("key")
@click.option("--weight", type=float, help="Points this criterion is worth.")
@click.option("--min", "minimum", type=float, help="Lowest score.")
@click.option("--max", "maximum", type=float, help="Highest score.")
@click.option("--step", type=float, help="Score step (0: any value).")
@pass_app
def criteria_set(
    app: App,
    slug: str,
    key: str,
    weight: float | None,
    minimum: float | None,
    maximum: float | None,
    step: float | None,
) -> None:
    """Change a criterion's weight or scale; refused once a round is open.

    \b
    Example:
      awards criteria set service-desk-2026 results --weight 400
    """
    if all(v is None for v in (weight, minimum, maximum, step)):
        raise click.UsageError("give at least one of --weight, --min, --max, --step")
    new = app.store(create=True).competitions.set_criterion(
        slug, key, weight=weight, min=minimum, max=maximum, step=step
    )
    from awards.models import format_number as n

    echo_ok(
        f"{slug} {key}: {n(new.weight)} points, scale {n(new.min)}–{n(new.max)}, step {n(new.step)}"
    )
