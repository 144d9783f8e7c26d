"""`awards round ...`: open, follow, close and advance judging rounds."""

from __future__ import annotations

import click

from awards.models import ROUND_KINDS
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
    type=click.Choice(ROUND_KINDS),
    default="jury",
    show_default=True,
    help="self-assessment: candidates' own scores, no jurors.",
)
@click.option(
    "--method",
    type=click.Choice(METHOD_NAMES),
    default=None,
    help="How jurors' scores combine. Default: mean when every juror scores every nomination, "
    "adjusted (each juror's severity taken out) when each nomination has only some jurors.",
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
    method: str | None,
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
    opened = app.store(create=True).rounds.start_round(
        slug, name=name, kind=kind, method=method, per_nomination=per_nomination, seed=seed
    )
    line = (
        f"Opened round {opened['number']} ({opened['name']}) of {slug}: "
        f"{opened['nominations']} nomination(s)"
    )
    if kind == "jury":
        line += f", {opened['assignments']} juror assignment(s)"
    echo_ok(line + ".")
    echo_ok(_method_line(opened))
    blind = app.store().nominations.without_organization(slug, opened["number"])
    if blind and kind == "jury":
        click.echo(
            f"Warning: {blind} of its candidates have no organisation: automatic conflicts "
            "cannot be found for them.",
            err=True,
        )
    if opened["left_out"]:
        click.echo(
            f"Warning: {len(opened['left_out'])} shortlisted nomination(s) left out, no longer "
            "active: "
            + ", ".join(f"{x['id']} {x['nominee']} ({x['status']})" for x in opened["left_out"])
            + f"; round {opened['number']} has {opened['nominations']} nomination(s), "
            f"{opened['nominations'] + len(opened['left_out'])} were shortlisted.",
            err=True,
        )
    if kind == "jury":
        echo_ok(f"Next: send score sheets: `awards score sheets {slug} --out sheets/`")
    else:
        echo_ok(f"Next: enter the self-assessment: `awards score import {slug} FILE.csv`")


def _method_line(opened: dict) -> str:
    """Which method the round ranks by, and why, in one line."""
    method, reason = opened["method"], opened["method_reason"]
    why = {
        "asked": "as asked",
        "self_assessment": "one score set per organisation",
        "complete": "every juror scores every nomination",
        "incomplete": (
            "each nomination is scored by only some of the "
            f"{opened['jurors']} jurors, so each juror's severity is taken out "
            "(`--method mean` for the plain mean)"
        ),
        "not_connected": (
            "each nomination has only some jurors, but they fall into groups that share no "
            "nomination, so severities cannot be told apart"
        ),
    }[reason]
    return f"Method: {method} ({why})."


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
        app.store().rounds.assignments(slug, juror),
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
    rows = store.rounds.round_progress(slug, number)
    current = store.rounds.round(slug, number)
    render(
        rows,
        ["juror", "assigned", "complete", "missing"],
        fmt,
        title=f"Round {current['number']} ({current['name']}, {current['status']})",
    )
    if fmt in (None, "table", "plain"):
        lacking = sorted({m["nomination"] for m in store.rounds.missing_scores(slug, number)})
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
    from awards.ranking import tie_break_keys

    keys = tie_break_keys(tie_break)
    closed = app.store(create=True).results.close_round(
        slug, allow_missing=allow_missing, tie_break=keys
    )
    message = f"Closed round {closed['round']} of {slug}: {closed['ranked']} ranked"
    if closed["missing"]:
        message += f" ({closed['missing']} score set(s) missing, recorded in the log)"
    echo_ok(message + ".")
    if closed["inactive"]:
        click.echo(
            f"Note: {len(closed['inactive'])} nomination(s) of the round are no longer active "
            "(ranked, but `round advance` skips them and no place can go to them): "
            + ", ".join(f"{x['id']} {x['nominee']} ({x['status']})" for x in closed["inactive"])
            + ".",
            err=True,
        )
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
    store = app.store(create=True)
    result = store.results.advance(slug, top=top, min_score=min_score, include_ties=include_ties)
    for line in store.jury.conflict_warnings(slug, result["round"]):
        click.echo(f"Warning: {line}", err=True)
    render(
        result["shortlist"],
        ["rank", "nomination", "nominee", "organization", "score"],
        fmt,
        title=f"Shortlist from round {result['round']}",
    )
    if result["skipped"]:
        click.echo(
            f"Skipped {len(result['skipped'])} nomination(s) no longer active since round "
            f"{result['round']} closed: "
            + ", ".join(
                f"{x['nomination']} {x['nominee']} (rank {x['rank']}, {x['status']})"
                for x in result["skipped"]
            )
            + (
                "; the next in line take their seats."
                if top is not None and not result["short"]
                else "."
            ),
            err=True,
        )
    if result["short"]:
        click.echo(
            f"Warning: only {len(result['shortlist'])} eligible nomination(s) for the top {top}.",
            err=True,
        )
    from awards.exports.panel_words import changes_text, names_from
    from awards.panel import cut_changes

    panel_round = store.rankings.panel_round(slug, result["round"])
    changes = cut_changes(panel_round._replace(cut=len(result["shortlist"])))
    if changes:
        names = names_from(dict(panel_round.names), dict(panel_round.nominees))
        click.echo(
            f"Warning: the cut is not stable ({changes_text(changes, 'en', names)}); see "
            f"`awards panel {slug} --round {result['round']}`.",
            err=True,
        )
    if fmt in (None, "table", "plain"):
        click.echo(f"Next: `awards round open {slug} --name Finaali`")
