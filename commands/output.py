"""One way to print listings: --format table|plain|csv|json|markdown.

`table` (rich) is the default on a terminal, `plain` when piped. User data is never parsed as
rich markup, JSON goes to stdout only, NO_COLOR is honoured (rich reads it itself)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import click

FORMATS = ("table", "plain", "csv", "json", "markdown")
F = TypeVar("F", bound=Callable[..., Any])


def format_option(function: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default=None,
        help="Output format. Default: table on a terminal, plain when piped.",
    )(function)


def out_dir_option(what: str) -> Callable[[F], F]:
    """`--out DIR`: the folder a command writes many files into."""
    from pathlib import Path

    return click.option(
        "--out",
        "out_dir",
        required=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=f"Folder for the {what} (created if missing).",
    )


def output_option(default: str) -> Callable[[F], F]:
    """`-o/--output FILE`: the one file a command writes."""
    from pathlib import Path

    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"The file to write (default {default}).",
    )


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        from awards.models import format_number

        return format_number(value, 2) if not value.is_integer() else str(int(value))
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k} {_text(v)}" for k, v in value.items())
    return str(value)


def echo_json_rows(rows: Sequence[Mapping[str, Any]]) -> None:
    """`render`'s JSON: the rows as they are (a command that builds them with exactly the keys
    it promises calls this directly, without `render` copying each row again)."""
    import json

    # One object per line: as readable as an indented array for a listing, and written by
    # json's C encoder (indent= takes the pure-Python one: a third of a national ranking).
    # One encoder for every row: json.dumps with any option builds a new one per call.
    encode = json.JSONEncoder(ensure_ascii=False).encode
    if not rows:
        click.echo("[]")
        return
    # Written a thousand rows at a time: a national ranking's 11 MB held as lines, then as one
    # text and then as click's copies of it was 55 MB of the command's peak. The same bytes.
    click.echo("[", nl=False)
    for start in range(0, len(rows), JSON_ROWS_A_WRITE):
        lines = [encode(r) for r in rows[start : start + JSON_ROWS_A_WRITE]]
        click.echo(("\n" if start == 0 else ",\n") + ",\n".join(lines), nl=False)
    click.echo("\n]")


JSON_ROWS_A_WRITE = 1000


def render(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[str | tuple[str, str]],
    fmt: str | None,
    *,
    title: str | None = None,
    json_keys: Sequence[str] | None = None,
    empty: str = "Nothing to show.",
    width: int | None = None,
) -> None:
    """Print `rows`. `columns` are keys or (key, header) pairs for the human formats;
    `json_keys` (default: the column keys) are what JSON carries, at full precision."""
    cols = [(c, c) if isinstance(c, str) else c for c in columns]
    fmt = fmt or ("table" if sys.stdout.isatty() else "plain")
    if fmt == "json":
        keys = list(json_keys) if json_keys is not None else [k for k, _ in cols]
        echo_json_rows([{k: r.get(k) for k in keys} for r in rows])
        return
    if fmt == "csv":
        import csv

        from awards.exports.safe import defuse_cell

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([h for _, h in cols])
        for r in rows:
            writer.writerow([defuse_cell(_text(r.get(k))) for k, _ in cols])
        return
    if not rows:
        click.echo(empty)
        return
    table = [[_text(r.get(k)) for k, _ in cols] for r in rows]
    headers = [h for _, h in cols]
    if fmt == "markdown":
        from tabulate import tabulate

        from awards.exports.results import markdown_text

        escaped = [[markdown_text(cell) for cell in row] for row in table]
        click.echo(tabulate(escaped, headers=headers, tablefmt="pipe", disable_numparse=True))
        return
    if fmt == "plain":
        if title:
            click.echo(title)
        widths = [
            max(len(h), *(len(line) for row in table for line in [row[i]]))
            for i, h in enumerate(headers)
        ]
        click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
        for row in table:
            line = "  ".join(
                c.replace("\n", " ").ljust(w) for c, w in zip(row, widths, strict=True)
            )
            click.echo(line.rstrip())
        return
    from rich.table import Table
    from rich.text import Text

    # Every string that reaches rich is a Text: a title, header or cell holding "[/x]" is
    # printed as it is, never parsed as markup.
    rich_table = Table(
        title=Text(title) if title else None, header_style="bold", title_justify="left"
    )
    for header in headers:
        # Fold: a long name wraps onto the next line rather than ending in "…".
        rich_table.add_column(Text(header), overflow="fold")
    for row in table:
        rich_table.add_row(*(Text(cell) for cell in row))
    console(width=width).print(rich_table)


def console(*, stderr: bool = False, width: int | None = None) -> Any:
    """The one way to make a rich console: markup, emoji codes and highlighting off, so text
    from users (names, round names, file names) is shown exactly as typed. `width` overrides
    the terminal's (a table wider than the screen, for a pager)."""
    from rich.console import Console

    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, width=width)


def warn_mixed_scripts(**fields: str | None) -> None:
    """A warning on stderr for each field that mixes Latin with Cyrillic or Greek letters (a
    look-alike "а" in "Аava Pankki"): it is compared as the Latin name, and stored as typed."""
    from awards.text import mixed_script

    for label, value in fields.items():
        if value and mixed_script(value):
            click.echo(
                f"Warning: the {label.replace('_', ' ')} {value!r} mixes Latin letters with "
                "Cyrillic or Greek look-alikes; it is compared as the Latin spelling",
                err=True,
            )


def echo_ok(message: str) -> None:
    """A confirmation on stdout; plain text so that it never parses user data as markup."""
    click.echo(message)


T = TypeVar("T")


def progress(items: Sequence[T], label: str, *, on: Any = None) -> Sequence[T] | Any:
    """A progress bar on a terminal (on stderr); the plain sequence otherwise. `on` is a
    console to draw on (tests); the label is shown as typed, never read as markup."""
    if on is None and (not sys.stderr.isatty() or len(items) < 200):
        return items
    return _track(items, label, on or console(stderr=True))


def progress_bar(on: Any = None) -> Any:
    """A rich Progress whose task descriptions are plain text (for work without a sequence)."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    return Progress(
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TaskProgressColumn(),
        console=on or console(stderr=True),
        transient=True,
    )


def _track(items: Sequence[T], label: str, on: Any) -> Any:
    with progress_bar(on) as bar:
        yield from bar.track(items, description=label)
