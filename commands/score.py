"""`awards score ...`: scores in by hand, by file or by filled score sheet."""

from __future__ import annotations

from pathlib import Path

import click

from awards.models import LANGUAGES

from .completion import complete_email, nomination_option, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, out_dir_option, progress, render


@click.group(cls=OrderedGroup)
def score() -> None:
    """Enter, import and chase scores."""


def _parse_value(text: str) -> float:
    from awards.errors import InvalidValue

    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        raise InvalidValue(f"{text!r} is not a number") from None


@score.command("set")
@slug_argument()
@click.option(
    "--juror",
    shell_complete=complete_email,
    help="The juror's email (omit in a self-assessment round).",
)
@nomination_option()
@click.argument("values", nargs=-1, required=True, metavar="KEY=VALUE...")
@click.option("--comment", help="The juror's remark on this nomination.")
@pass_app
def set_(
    app: App,
    slug: str,
    juror: str | None,
    nomination_id: int,
    values: tuple[str, ...],
    comment: str | None,
) -> None:
    """Set one juror's scores for one nomination in the open round.

    \b
    Example:
      awards score set customer-advisor-2026 --juror liisa.aaltonen@example.fi \\
        --nomination 12 encounter=9 solutions=8,5 feedback=9.5
    """
    from awards.scores import ScoreInput

    entries = []
    for item in values:
        key, sep, raw = item.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"{item!r} is not KEY=VALUE")
        entries.append(
            ScoreInput(
                f"{key.strip()}={raw}",
                juror,
                nomination_id,
                key.strip(),
                _parse_value(raw),
                comment,
            )
        )
    result = app.store(create=True).scores.record_scores(slug, entries, source="manual")
    echo_ok(
        f"Saved: {result['added']} new, {result['changed']} changed, "
        f"{result['unchanged']} unchanged."
    )


@score.command("remove")
@slug_argument()
@click.option("--juror", required=True, shell_complete=complete_email, help="The juror's email.")
@nomination_option()
@pass_app
def remove(app: App, slug: str, juror: str, nomination_id: int) -> None:
    """Take one juror's scores for one nomination out of the open round (audited), e.g. from a
    juror found to be in conflict, which `round close` refuses to freeze.

    \b
    Example:
      awards score remove customer-advisor-2026 --juror liisa.aaltonen@example.fi --nomination 12
    """
    done = app.store(create=True).scores.remove_scores(slug, juror, nomination_id)
    extra = " and the remark" if done["comment"] else ""
    echo_ok(
        f"Removed {done['removed']} score(s){extra} of {done['juror']} for nomination "
        f"{nomination_id} from round {done['round']} of {slug}."
    )
    if done["unassigned"]:
        echo_ok("They are in conflict with it: the assignment is taken away too.")


@score.command("import")
@slug_argument()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@pass_app
def import_(app: App, slug: str, files: tuple[Path, ...]) -> None:
    """Import scores from CSV, XLSX or filled .docx score sheets (all files or none).

    CSV/XLSX in long form (juror,nomination,criterion,score[,comment]) or wide form
    (juror,nomination,<criterion>...[,comment]); comma or semicolon, decimal point or comma.
    Re-importing a file changes nothing.

    \b
    Example:
      awards score import customer-advisor-2026 sheets/*.docx
    """
    from awards.errors import FileRefused
    from awards.exports.score_file import parse_score_file
    from awards.scores import ScoreInput

    store = app.store(create=True)
    competition = store.competitions.get(slug)
    current = store.rounds.open_round(slug)
    criteria = store.competitions.criteria(competition["id"])
    entries: list[ScoreInput] = []
    problems: list[str] = []
    for path in progress(list(files), "Reading"):
        try:
            parsed = parse_score_file(path, criteria)
        except FileRefused as exc:
            prefix = f"{path.name}: " if len(files) > 1 else ""
            problems.extend(f"{prefix}{p}" for p in (exc.problems or [exc.summary]))
            continue
        if parsed.sheet_competition and parsed.sheet_competition != slug:
            problems.append(
                f"{path.name}: this sheet is for {parsed.sheet_competition}, not {slug}"
            )
            continue
        if parsed.sheet_round is not None and parsed.sheet_round != current["number"]:
            problems.append(
                f"{path.name}: this sheet is for round {parsed.sheet_round}; "
                f"round {current['number']} is open"
            )
            continue
        if parsed.sheet_juror is None and len(files) == 1:
            entries.extend(parsed.rows)  # as read: nothing to hold against a sheet or rename
            continue
        for row in parsed.rows:
            juror = row.juror
            if parsed.sheet_juror is not None:
                if juror and juror != parsed.sheet_juror:
                    problems.append(
                        f"{path.name}: {row.location}: the sheet belongs to "
                        f"{parsed.sheet_juror}, not {juror}"
                    )
                    continue
                juror = parsed.sheet_juror
            if len(files) > 1 or juror != row.juror:
                location = f"{path.name}: {row.location}" if len(files) > 1 else row.location
                row = row._replace(location=location, juror=juror)
            entries.append(row)
    if problems:
        names = ", ".join(p.name for p in files)
        raise FileRefused(f"{names}: {len(problems)} problem(s); nothing was saved", problems)
    result = store.scores.record_scores(
        slug,
        entries,
        source=", ".join(p.name for p in files),
        file_name=", ".join(p.name for p in files),
    )
    echo_ok(
        f"Imported {len(entries)} score(s) into round {current['number']} of {slug}: "
        f"{result['added']} new, {result['changed']} changed, "
        f"{result['unchanged']} unchanged."
    )


@score.command("sheets")
@slug_argument()
@out_dir_option("sheets")
@click.option(
    "--format", "fmt", type=click.Choice(["docx", "xlsx", "csv"]), default="docx", show_default=True
)
@click.option("--lang", type=click.Choice(LANGUAGES), default="fi", show_default=True)
@click.option("--force", is_flag=True, help="Replace sheets that already hold scores or remarks.")
@pass_app
def sheets(app: App, slug: str, out_dir: Path, fmt: str, lang: str, force: bool) -> None:
    """Write one score sheet per juror for the open round.

    \b
    Example:
      awards score sheets customer-advisor-2026 --out sheets/ --format docx
    """
    from awards.exports.safe import safe_filename
    from awards.exports.score_sheet_docx import write_score_sheet_docx
    from awards.exports.score_sheets_tabular import write_score_sheet_csv, write_score_sheet_xlsx

    write = {
        "docx": write_score_sheet_docx,
        "xlsx": write_score_sheet_xlsx,
        "csv": write_score_sheet_csv,
    }[fmt]
    from awards.exports.safe import atomic_output
    from awards.exports.score_file import holds_scores

    store = app.store()
    views = store.documents.score_sheets(slug, lang)
    criteria = store.rounds.round_criteria(store.rounds.open_round(slug))
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    targets = []
    for sheet in views:
        name = f"{slug}-r{sheet.round_number}-{sheet.juror_name}"
        targets.append((out_dir / safe_filename(name, taken, f".{fmt}"), sheet))
    # A juror may have filled the sheet already: never blank it without being told to.
    filled = [p for p, _ in targets if p.exists() and holds_scores(p, criteria)]
    if filled and not force:
        raise click.ClickException(
            f"{len(filled)} sheet(s) in {out_dir}/ already hold scores or remarks: "
            + ", ".join(p.name for p in filled[:10])
            + (" ..." if len(filled) > 10 else "")
            + f"; import them (`awards score import {slug} ...`) or pass --force to replace them"
        )
    written = []
    for path, sheet in progress(targets, "Writing sheets"):
        with atomic_output(path) as partial:
            write(partial, sheet, lang)
        written.append(path)
    echo_ok(f"Wrote {len(written)} score sheet(s) to {out_dir}/")
    echo_ok(f"When they come back filled: `awards score import {slug} {out_dir}/*.{fmt}`")


@score.command("list")
@slug_argument()
@click.option("--round", "number", type=int, help="Round number (default: the latest).")
@click.option("--juror", shell_complete=complete_email, help="Only this juror's scores (email).")
@click.option(
    "--totals",
    is_flag=True,
    help="The jurors × nominations matrix of weighted totals the panel statistics use.",
)
@format_option
@pass_app
def list_(
    app: App, slug: str, number: int | None, juror: str | None, totals: bool, fmt: str | None
) -> None:
    """Every score of a round, or with --totals each juror's weighted total per nomination
    (points), so the panel's numbers can be checked in a spreadsheet.

    \b
    Examples:
      awards score list customer-advisor-2026 --round 1 --format csv > pisteet.csv
      awards score list customer-advisor-2026 --totals --format csv > summat.csv
    """
    store = app.store()
    if not totals:
        render(
            store.scores.scores(slug, number, juror),
            ["juror", "nomination", "criterion", "score", "comment"],
            fmt,
            empty="No scores.",
        )
        return
    from awards.panel import juror_totals

    panel_round = store.rankings.panel_round(slug, number)
    matrix = juror_totals(panel_round.criteria, panel_round.entries)
    if juror is not None:
        wanted = store.jury.member(slug, juror)["email"]
        matrix = {j: t for j, t in matrix.items() if j == wanted}
    ids = [str(n) for n in panel_round.nominations]
    rows = [
        {"juror": j, **{str(n): t for n, t in sorted(per.items())}}
        for j, per in sorted(matrix.items())
    ]
    render(rows, ["juror", *ids], fmt, empty="No scores.")


@score.command("missing")
@slug_argument()
@format_option
@pass_app
def missing(app: App, slug: str, fmt: str | None) -> None:
    """Who still owes which scores in the latest round.

    \b
    Example:
      awards score missing customer-advisor-2026
    """
    rows = app.store().rounds.missing_scores(slug)
    render(
        rows,
        ["juror", "nomination", "nominee", "missing"],
        fmt,
        json_keys=["round", "juror", "nomination", "nominee", "missing"],
        empty="No missing scores.",
    )
