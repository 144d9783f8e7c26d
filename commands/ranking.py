"""`awards ranking`: where every candidate stands, and why."""

from __future__ import annotations

import sys
from typing import Any

import click

from awards.ranking import METHOD_NAMES

from .completion import slug_argument
from .context import App, pass_app
from .output import echo_json_rows, format_option, render

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
    "margin",
    "close",
    "flags",
]


def describe_flags(flags: list, names: dict[str, str]) -> str:
    """The flags in the terminal's words (documents word them in their own language)."""
    words = {
        "tied": "tied",
        "close": "close",
        "disagreement": "disagreement",
        "incomplete": "incomplete",
    }
    shown = []
    for f in flags:
        if f.code == "tie_break":
            shown.append(f"tie-break: {f.criterion}")
        elif f.code == "disagreement" and f.juror:
            shown.append(f"disagreement: {names.get(f.juror, f.juror)}")
        else:
            shown.append(words[f.code])
    return ", ".join(shown)


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
@click.option(
    "--wide", is_flag=True, help="Every column, however narrow the terminal (for a pager)."
)
@format_option
@pass_app
def ranking(
    app: App,
    slug: str,
    number: int | None,
    method: str | None,
    tie_break: str | None,
    wide: bool,
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
    from awards.ranking import METHODS, tie_break_keys

    keys = tie_break_keys(tie_break)
    store = app.store()
    result = store.rankings.ranking(slug, number, method, keys)
    for line in store.jury.conflict_warnings(slug, result["round"]["number"]):
        click.echo(f"Warning: {line}", err=True)
    criteria = result["criteria"]
    shown = fmt or ("table" if sys.stdout.isatty() else "plain")
    if shown == "json":
        # Each row made once with exactly the promised keys, in their order (a national
        # round's 20,000 rows were copied twice on their way to the encoder).
        json_rows = []
        for ranked in result["rows"]:
            json_row: dict[str, Any] = {k: ranked.get(k) for k in JSON_KEYS}
            json_row["flags"] = [f.as_json() for f in json_row["flags"] or ()]
            json_rows.append(json_row)
        echo_json_rows(json_rows)
        return
    # What is shown: the store's rows as they are, plus the display columns (the rows the store
    # returned stay its own).
    names = {j["email"]: j["name"] for j in store.jury.members(slug)}
    rows: list[dict[str, Any]] = []
    for ranked in result["rows"]:
        flags = ranked.get("flags", [])
        row: dict[str, Any] = {
            **ranked,
            "flags": [f.as_json() for f in flags],
            "flags_text": describe_flags(flags, names),
            "score_text": format_number(ranked["score"], 2),
        }
        for c in criteria:
            row[f"c:{c.key}"] = format_number(ranked["by_criterion"].get(c.key), 2)
        rows.append(row)
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
    criteria_columns: list[str | tuple[str, str]] = [(f"c:{c.key}", c.key) for c in criteria]
    tail: list[str | tuple[str, str]] = ["jurors", "spread", ("flags_text", "flags")]
    needed = _needed_width([*columns, *criteria_columns, *tail], rows) if shown == "table" else 0
    folded = shown == "table" and not wide and needed > _terminal_width()
    render(
        rows,
        [*columns, *([] if folded else criteria_columns), *tail],
        fmt,
        title=title,
        json_keys=JSON_KEYS,
        width=max(needed, _terminal_width()) if wide and shown == "table" else None,
    )
    if shown not in ("table", "plain"):
        return
    if folded:
        click.echo(
            f"(The {len(criteria)} criteria columns are folded away to fit; --wide shows them.)"
        )
    if method is None and current["kind"] != "self-assessment":
        from awards.exports.panel_words import method_check_text, names_from

        notes = store.rankings.method_note(slug, number)
        if notes:
            nominees = {row["nomination"]: row["nominee"] for row in rows}
            text = method_check_text(notes, "en", names_from(names, nominees))
            click.echo(f"Method check: {text}; see `awards panel {slug}`.")
    close = [row for row in rows if row.get("close")]
    if close:
        click.echo(
            f"Close: {len(close)} place(s) lead the next by less than one juror's one step on "
            "the scale (flag 'close'; `margin` in the JSON)."
        )


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((80, 24)).columns


def _needed_width(columns: list[str | tuple[str, str]], rows: list[dict]) -> int:
    """What the table takes on one line per row: the widest cell of each column, its padding and
    border. Names may wrap (a long name is still shown whole); the criteria fold away first."""
    total = 1
    for column in columns:
        key, header = (column, column) if isinstance(column, str) else column
        cells = [len(str(row.get(key) or "")) for row in rows]
        widest = max([len(header), *cells])
        if key in ("nominee", "organization", "flags_text"):
            widest = min(widest, 18)  # these wrap onto a second line when they must
        total += widest + 3
    return total
