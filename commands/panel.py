"""`awards panel`: how far to trust a round's ranking."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from awards.panel import PanelAnalysis

from .completion import slug_argument
from .context import App, pass_app


@click.command()
@slug_argument()
@click.option("--round", "number", type=int, help="Round number (default: the latest).")
@click.option(
    "--top",
    "cut",
    type=int,
    help="Also test the shortlist of the N best (default: the shortlist recorded, if any).",
)
@click.option(
    "--samples",
    type=click.IntRange(0, 100_000),
    default=1000,
    show_default=True,
    help="Bootstrap draws of jurors.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="The same seed gives the same draws."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "plain", "json", "markdown"]),
    default=None,
    help="Output format. Default: table on a terminal, plain when piped.",
)
@click.option(
    "--wide", is_flag=True, help="Also show each juror's email (a wide table, for a pager)."
)
@pass_app
def panel(
    app: App,
    slug: str,
    number: int | None,
    cut: int | None,
    samples: int,
    seed: int,
    fmt: str | None,
    wide: bool,
) -> None:
    """How far to trust a ranking: agreement, each juror, and whether the winner holds.

    How much the jurors agree (ICC, Krippendorff's alpha, Kendall's W), which juror is strict,
    lenient or out of line, and whether the winner and the shortlist survive another method,
    one juror fewer, or another draw of jurors. Works on an open or a closed round, on the
    scores present.

    \b
    Examples:
      awards panel customer-advisor-2026 --round 1
      awards panel customer-advisor-2026 --format json
    """
    import json
    import sys

    from awards.exports.panel_words import names_from, summary

    if cut is not None and cut < 1:
        raise click.BadParameter("must be at least 1", param_hint="--top")
    store = app.store()
    rankings = store.rankings
    # Computed once per state of the round (and these options), then read from the cache.
    result = rankings.panel_analysis(slug, number, cut=cut, samples=samples, seed=seed)
    nominees = rankings.round_nominees(slug, number)
    names = names_from({j["juror"]: j["name"] for j in result["jurors"]}, nominees)
    result["summary"] = summary(result["findings"], "en", names)
    for line in store.jury.conflict_warnings(slug, result["round"]):
        click.echo(f"Warning: {line}", err=True)
    if fmt == "json":
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    fmt = fmt or ("table" if sys.stdout.isatty() else "plain")
    _show(result, nominees, fmt, wide)


def _number(value: Any, decimals: int = 2) -> str:
    return "–" if value is None else f"{value:.{decimals}f}"


def _show(result: PanelAnalysis, names: dict[int, str], fmt: str, wide: bool) -> None:
    from .output import render

    click.echo(f"Round {result['round']} ({result['method']}): how far to trust the ranking")
    click.echo("")
    for line in result["summary"]:
        click.echo(f"- {line}")
    click.echo("")
    a = result["agreement"]
    icc = a["icc"] or {}
    rows = [
        {"statistic": "ICC(1,1) / (2,1) / (3,1)", "value": " / ".join(
            _number(icc.get(k)) for k in ("1_1", "2_1", "3_1"))},
        {"statistic": "ICC(1,k) / (2,k) / (3,k)", "value": " / ".join(
            _number(icc.get(k)) for k in ("1_k", "2_k", "3_k"))},
        {"statistic": "Krippendorff's α interval / ordinal", "value": (
            f"{_number(a['alpha_interval'])} / {_number(a['alpha_ordinal'])}")},
        {"statistic": "Kendall's W (p)", "value": (
            f"{_number(a['kendall_w'])} ({_number(a['kendall_p'], 4)})")},
        {"statistic": "jurors for ICC(2,k) 0.8", "value": _number(a["jurors_for_0_8"], 0)
            if a["jurors_for_0_8"] is not None else "–"},
    ]  # fmt: skip
    render(rows, ["statistic", "value"], fmt, title="Agreement")
    click.echo("")
    jurors = [
        {
            "juror": j["name"],
            "email": j["juror"],
            "scored": j["scored"],
            "severity": _number(j["severity"], 1),
            "adjusted": _number(j["severity_adjusted"], 1),
            "r_rest": _number(j["r_rest"]),
            "deviations": j["deviations"],
        }
        for j in result["jurors"]
    ]
    # Emails only on request: at 80 columns they wrap over three lines and the names say who.
    columns = ["juror", *(["email"] if wide or fmt not in ("table",) else []), "scored"]
    render(
        jurors,
        [*columns, "severity", "adjusted", "r_rest", "deviations"],
        fmt,
        title="Each juror (severity in points against the co-jurors; below 0 = stricter)",
    )
    click.echo("")
    rob = result["robustness"]
    juror_names = {j["juror"]: j["name"] for j in result["jurors"]}
    robust = [
        {"check": f"method {m}", "winner": _ids(ids, names)}
        for m, ids in rob["winner_by_method"].items()
    ]
    robust += [
        {
            "check": f"without {juror_names.get(x['juror'], x['juror'])}",
            "winner": _ids(x["winner"], names),
        }
        for x in rob["leave_one_out"]
    ]
    render(robust, ["check", "winner"], fmt, title="Robustness: the winner")
    boot = rob["bootstrap"]
    if boot.get("measured") and boot.get("win_percent"):
        shown = ", ".join(
            f"{names.get(int(n), n)} {pct}%" for n, pct in list(boot["win_percent"].items())[:5]
        )
        click.echo(f"Bootstrap ({boot['samples']} draws, seed {boot['seed']}): {shown}")
    elif not boot.get("measured"):
        click.echo(
            f"Bootstrap: not measured ({boot.get('requested', 0)} draws asked for; at least 100)"
        )
    click.echo(f"Stable: {'yes' if rob['stable'] else 'no'}")
    if "cut_stable" in rob:
        click.echo(f"Shortlist of {rob['cut']} stable: {'yes' if rob['cut_stable'] else 'no'}")


def _ids(ids: list[int] | None, names: dict[int, str]) -> str:
    if ids is None:
        return "(cannot rank this design)"
    shown = [names.get(n) or str(n) for n in ids]
    if len(shown) > 1:
        return "tie: " + ", ".join(shown)
    return ", ".join(shown) or "–"
