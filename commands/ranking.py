"""`awards ranking`: where every candidate stands, and why."""

from __future__ import annotations

import click

from awards.ranking import METHOD_NAMES

from .completion import slug_argument
from .context import App, pass_app
from .output import format_option, render

JSON_KEYS = [
    "rank",
    "nomination",
    "nominee",
    "organization",
    "score",
    "by_criterion",
    "jurors",
    "spread",
    "tied",
    "score_range",
    "disagreement",
    "incomplete",
    "decided_by",
    "flags",
]


def describe_flags(flags: list) -> str:
    """The flags in the terminal's words (documents word them in their own language)."""
    words = {"tied": "tied", "disagreement": "disagreement", "incomplete": "incomplete"}
    return ", ".join(
        f"tie-break: {f.criterion}" if f.code == "tie_break" else words[f.code] for f in flags
    )


@click.command()
@slug_argument()
@click.option("--round", "number", type=int, help="Round number (default: the latest).")
@click.option(
    "--method",
    type=click.Choice(METHOD_NAMES),
    help="Recompute with another method (default: the round's own).",
)
@click.option(
    "--tie-break",
    metavar="KEY[,KEY...]",
    help="Break ties by higher panel value on these criteria, in order.",
)
@format_option
@pass_app
def ranking(
    app: App,
    slug: str,
    number: int | None,
    method: str | None,
    tie_break: str | None,
    fmt: str | None,
) -> None:
    """Rank a round's nominations: score, panel value per criterion, spread and flags.

    A closed round shows exactly the ranking stored when it closed.

    \b
    Examples:
      awards ranking customer-advisor-2026
      awards ranking customer-advisor-2026 --round 1 --method median --format json
    """
    from awards.models import format_number
    from awards.ranking import METHODS

    keys = [k.strip() for k in tie_break.split(",") if k.strip()] if tie_break else []
    result = app.store().judging.ranking(slug, number, method, keys)
    rows = result["rows"]
    criteria = result["criteria"]
    for row in rows:
        row["flags_text"] = describe_flags(row["flags"])
        row["flags"] = [f._asdict() for f in row["flags"]]
        row["score_text"] = format_number(row["score"], 2)
        for c in criteria:
            value = row["by_criterion"].get(c.key)
            row[f"c:{c.key}"] = format_number(value, 2)
    current = result["round"]
    unit = (
        "mean rank, lower is better"
        if METHODS[result["method"]].lower_is_better
        else f"points of {format_number(sum(c.weight for c in criteria))}"
    )
    title = (
        f"Round {current['number']} ({current['name']}, {current['status']}"
        f"{', frozen' if result['frozen'] else ''}): {result['method']}, {unit}"
    )
    columns: list[str | tuple[str, str]] = [
        ("rank", "rank"),
        ("nomination", "id"),
        "nominee",
        "organization",
        ("score_text", "score"),
    ]
    columns += [(f"c:{c.key}", c.key) for c in criteria]
    columns += ["jurors", "spread", ("flags_text", "flags")]
    render(rows, columns, fmt, title=title, json_keys=JSON_KEYS)
