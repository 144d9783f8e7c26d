"""`awards round ...`: open, follow, close and advance judging rounds."""

from __future__ import annotations

import click

from awards.ranking import METHOD_NAMES

from .completion import complete_email, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, render


@click.group("round", cls=OrderedGroup)
def round_group() -> None:
    """Open, follow, close and advance judging rounds (kierros)."""


@round_group.command("open")
@slug_argument()
@click.option("--name", help="e.g. 'Esikarsinta' or 'Finaali'.")
@click.option(
    "--kind",
    type=click.Choice(["jury", "self-assessment"]),
    default="jury",
    show_default=True,
    help="self-assessment: candidates' own scores, no jurors.",
)
@click.option(
    "--method",
    type=click.Choice(METHOD_NAMES),
    default="mean",
    show_default=True,
    help="How jurors' scores combine.",
)
@click.option(
    "--per-nomination",
    type=int,
    metavar="K",
    help="Give each nomination K jurors not in conflict, loads balanced.",
)
@click.option(
    "--seed",
    type=int,
    default=0,
    show_default=True,
    help="Reshuffle the assignment (the same seed gives the same result).",
)
@pass_app
def open_(
    app: App,
    slug: str,
    name: str | None,
    kind: str,
    method: str,
    per_nomination: int | None,
    seed: int,
) -> None:
    """Open the next round. Round 1 takes every active nomination; a later round takes the
    shortlist of the round before.

    \b
    Examples:
      awards round open customer-advisor-2026 --name Esikarsinta --per-nomination 3
      awards round open service-desk-2026 --kind self-assessment
    """
    opened = app.store(create=True).judging.start_round(
        slug, name=name, kind=kind, method=method, per_nomination=per_nomination, seed=seed
    )
    line = (
        f"Opened round {opened['number']} ({opened['name']}) of {slug}: "
        f"{opened['nominations']} nomination(s)"
    )
    if kind == "jury":
        line += f", {opened['assignments']} juror assignment(s)"
    echo_ok(line + f", method {method}.")
    if kind == "jury":
        echo_ok(f"Next: send score sheets: `awards score sheets {slug} --out sheets/`")
    else:
        echo_ok(f"Next: enter the self-assessment: `awards score import {slug} FILE.csv`")


@round_group.command("assignments")
@slug_argument()
@click.option(
    "--juror", shell_complete=complete_email, help="Only this juror's assignments (email)."
)
@format_option
@pass_app
def assignments(app: App, slug: str, juror: str | None, fmt: str | None) -> None:
    """Who scores which nomination in the current round.

    \b
    Example:
      awards round assignments customer-advisor-2026 --juror liisa.aaltonen@example.fi
    """
    render(
        app.store().judging.assignments(slug, juror),
        ["juror", "nomination", "nominee", "organization"],
        fmt,
        json_keys=["juror", "nomination"],
        empty="No assignments.",
    )


@round_group.command("status")
@slug_argument()
@click.option("--round", "number", type=int, help="Round number (default: the latest).")
@format_option
@pass_app
def status(app: App, slug: str, number: int | None, fmt: str | None) -> None:
    """Progress per juror: assigned, complete, missing.

    \b
    Example:
      awards round status customer-advisor-2026
    """
    store = app.store()
    rows = store.judging.round_progress(slug, number)
    current = store.judging.round(slug, number)
    render(
        rows,
        ["juror", "assigned", "complete", "missing"],
        fmt,
        title=f"Round {current['number']} ({current['name']}, {current['status']})",
    )
    if fmt in (None, "table", "plain"):
        lacking = sorted({m["nomination"] for m in store.judging.missing_scores(slug, number)})
        if lacking:
            shown = ", ".join(map(str, lacking[:20])) + (" ..." if len(lacking) > 20 else "")
            click.echo(f"Nominations lacking scores: {shown}")
        from awards.status import mail_line

        line = mail_line(store.mail.summary(slug, current["id"]))
        if line:
            click.echo(line)


@round_group.command("close")
@slug_argument()
@click.option(
    "--allow-missing",
    is_flag=True,
    help="Close although scores are missing (panel values use the scores given).",
)
@click.option(
    "--tie-break",
    metavar="KEY[,KEY...]",
    help="Break ties by higher panel value on these criteria, in order.",
)
@pass_app
def close(app: App, slug: str, allow_missing: bool, tie_break: str | None) -> None:
    """Close the open round: freeze its scores and store its ranking.

    \b
    Example:
      awards round close customer-advisor-2026 --tie-break feedback,encounter
    """
    keys = [k.strip() for k in tie_break.split(",") if k.strip()] if tie_break else []
    closed = app.store(create=True).judging.close_round(
        slug, allow_missing=allow_missing, tie_break=keys
    )
    message = f"Closed round {closed['round']} of {slug}: {closed['ranked']} ranked"
    if closed["missing"]:
        message += f" ({closed['missing']} score set(s) missing, recorded in the log)"
    echo_ok(message + ".")
    echo_ok(
        f"Next: `awards ranking {slug}`, then `awards round advance {slug} --top N` "
        f"or `awards winner declare {slug} --nomination ID`"
    )


@round_group.command("advance")
@slug_argument()
@click.option("--top", type=int, help="The N best go to the next round.")
@click.option("--min-score", type=float, help="Everyone with at least this score goes on.")
@click.option("--include-ties", is_flag=True, help="Take everyone tied at the cut.")
@format_option
@pass_app
def advance(
    app: App,
    slug: str,
    top: int | None,
    min_score: float | None,
    include_ties: bool,
    fmt: str | None,
) -> None:
    """Record the shortlist (finalistit) from the last closed round.

    \b
    Example:
      awards round advance customer-advisor-2026 --top 6
    """
    if (top is None) == (min_score is None):
        raise click.UsageError("give exactly one of --top or --min-score")
    result = app.store(create=True).judging.advance(
        slug, top=top, min_score=min_score, include_ties=include_ties
    )
    render(
        result["shortlist"],
        ["rank", "nomination", "nominee", "organization", "score"],
        fmt,
        title=f"Shortlist from round {result['round']}",
    )
    from awards.panel import cut_changes

    store = app.store()
    panel_round = store.judging.panel_round(slug, result["round"])
    changes = cut_changes(panel_round._replace(cut=len(result["shortlist"])))
    if changes:
        click.echo(
            f"Warning: the cut is not stable ({'; '.join(changes[:4])}"
            f"{'; ...' if len(changes) > 4 else ''}); see `awards panel {slug} --round "
            f"{result['round']}`.",
            err=True,
        )
    if fmt in (None, "table", "plain"):
        click.echo(f"Next: `awards round open {slug} --name Finaali`")
