"""`awards export ...`: the documents people send."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from .completion import complete_slug, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, progress

LANG = click.option(
    "--lang",
    type=click.Choice(["fi", "en"]),
    default="fi",
    show_default=True,
    help="Document language.",
)


@click.group(cls=OrderedGroup)
def export() -> None:
    """Write the announcement, the jury's report, feedback, certificates and results."""


# ---- building the documents' views from the store's plain dicts ---------------------------


def _title(competition: dict[str, Any], lang: str) -> str:
    from awards.presets import PRESETS

    if lang == "fi":
        return str(competition["title"])
    return PRESETS[competition["category"]].title("en", competition["year"])


def _competition_view(store: Any, slug: str, lang: str, places: list[dict[str, Any]]) -> Any:
    from awards.exports.views import CompetitionView, JurorView, PlaceView
    from awards.presets import PRESETS

    competition = store.competitions.get(slug)
    return CompetitionView(
        slug=slug,
        category=competition["category"],
        year=competition["year"],
        title=_title(competition, lang),
        announce_date=date.fromisoformat(competition["announce_date"]),
        winner_is_person=PRESETS[competition["category"]].winner_is_person,
        jury=[JurorView(j["name"], j["organization"], j["role"]) for j in store.jury.members(slug)],
        places=[
            PlaceView(
                p["place"],
                p["nomination"],
                p["nominee"],
                p["organization"],
                p["title"],
                # English documents take the English citation, else the Finnish one.
                (p.get("citation_en") or p["citation"]) if lang == "en" else p["citation"],
                p["override_reason"],
            )
            for p in places
        ],
    )


def _output(path: Path | None, default: str) -> Path:
    target = path or Path(default)
    if target.exists() and target.is_dir():
        raise click.ClickException(f"{target} is a folder; give a file name with -o")
    if not target.parent.exists():
        raise click.ClickException(f"folder {target.parent} does not exist")
    return target


@export.command("announcement")
@click.argument("slugs", nargs=-1, metavar="SLUG...", shell_complete=complete_slug)
@click.option("--year", type=int, help="Every competition of this year with a winner.")
@LANG
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own .docx letterhead: its styles, header and footer are used.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .docx to write (default tiedote-YEAR.docx / press-release-YEAR.docx).",
)
@pass_app
def announcement(
    app: App,
    slugs: tuple[str, ...],
    year: int | None,
    lang: str,
    template: Path | None,
    output: Path | None,
) -> None:
    """The press release (tiedote): winners, citations, the jury, the embargo line.

    Names only candidates who may be named publicly.

    \b
    Examples:
      awards export announcement --year 2026 -o tiedote.docx
      awards export announcement customer-advisor-2026 --lang en
    """
    from awards.exports.announcement import write_announcement
    from awards.exports.safe import atomic_output

    if bool(slugs) == (year is not None):
        raise click.UsageError("give one or more SLUGs, or --year")
    store = app.store()
    if year is not None:
        slugs = tuple(c["slug"] for c in store.competitions.all(year) if c["status"] == "decided")
        if not slugs:
            raise click.ClickException(f"no competition of {year} has a winner yet")
    views = []
    for slug in slugs:
        data = store.documents.announcement_data(slug)
        if not any(p["place"] == "winner" for p in store.winners.all(slug=slug)):
            raise click.ClickException(f"{slug} has no winner yet; `awards winner declare {slug}`")
        views.append(_competition_view(store, slug, lang, data["places"]))
    first_year = views[0].year
    stem = "tiedote" if lang == "fi" else "press-release"
    path = _output(output, f"{stem}-{year or first_year}.docx")
    with atomic_output(path) as partial:
        write_announcement(
            partial,
            views,
            lang,
            template=template,
            announce_date=min(v.announce_date for v in views),
        )
    echo_ok(f"Wrote {path} ({', '.join(v.slug for v in views)}, {lang})")


def _report_view(store: Any, slug: str, lang: str) -> Any:
    from awards.exports.views import (
        ConflictView,
        CriterionView,
        ParticipationView,
        RankingRowView,
        ReportView,
        RoundView,
    )
    from awards.models import format_number

    from .ranking import flags

    data = store.documents.report_data(slug)
    rounds = []
    for r in data["rounds"]:
        ranking = r["ranking"]
        criteria = ranking["criteria"]
        total = format_number(sum(c.weight for c in criteria))
        if ranking["method"] == "rank":
            label = "keskimääräinen sija" if lang == "fi" else "mean rank (lower is better)"
        else:
            label = f"pisteet / {total}" if lang == "fi" else f"points / {total}"
        rounds.append(
            RoundView(
                number=r["round"]["number"],
                name=r["round"]["name"],
                kind=r["round"]["kind"],
                method=ranking["method"],
                status=r["round"]["status"],
                criteria=[
                    CriterionView(c.key, c.name(lang), c.weight, c.min, c.max, c.step)
                    for c in criteria
                ],
                rows=[
                    RankingRowView(
                        x["rank"],
                        x["nomination"],
                        x["nominee"],
                        x["organization"],
                        x["score"],
                        x["by_criterion"],
                        x["jurors"],
                        x["spread"],
                        [f for f in flags(x).split(", ") if f],
                    )
                    for x in ranking["rows"]
                ],
                participation=[
                    ParticipationView(
                        p.get("name") or p["juror"], p["assigned"], p["complete"], p["missing"]
                    )
                    for p in r["participation"]
                ],
                score_label=label,
            )
        )
    return ReportView(
        competition=_competition_view(store, slug, lang, data["places"]),
        rounds=rounds,
        conflicts=[
            ConflictView(
                c["juror"], c.get("nominee") or "", c["organization"], c["reason"], c["source"]
            )
            for c in data["conflicts"]
        ],
        generated=date.today(),
    )


@export.command("report")
@slug_argument()
@LANG
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .docx to write (default SLUG-report.docx).",
)
@pass_app
def report(app: App, slug: str, lang: str, output: Path | None) -> None:
    """The jury's internal report: every round's ranking, participation, conflicts, winners.

    \b
    Example:
      awards export report customer-advisor-2026 -o tuomariston-raportti.docx
    """
    from awards.exports.report import write_report
    from awards.exports.safe import atomic_output

    store = app.store()
    view = _report_view(store, slug, lang)
    if not view.rounds:
        raise click.ClickException(f"{slug} has no rounds yet; nothing to report")
    path = _output(output, f"{slug}-{'raportti' if lang == 'fi' else 'report'}.docx")
    with atomic_output(path) as partial:
        write_report(partial, view, lang)
    echo_ok(f"Wrote {path}")


@export.command("feedback")
@slug_argument()
@LANG
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the documents (created if missing).",
)
@pass_app
def feedback(app: App, slug: str, lang: str, out_dir: Path) -> None:
    """One feedback document per candidate: values against the field, strengths, development
    areas, jurors' comments (anonymous), self-assessment against verified values, earlier years.

    \b
    Example:
      awards export feedback service-desk-2026 --out palaute/
    """
    from awards.exports.feedback import write_feedback
    from awards.exports.safe import atomic_output, safe_filename
    from awards.exports.views import FeedbackCriterionView, FeedbackView, HistoryView
    from awards.publication import strengths_and_development

    store = app.store()
    competition = store.competitions.get(slug)
    items = store.documents.feedback_data(slug)
    if not items:
        raise click.ClickException(f"{slug} has no jury round yet; nothing to give feedback on")
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for item in progress(items, "Writing feedback"):
        criteria = item["criteria"]
        values = item["row"]["by_criterion"]
        share = {
            c.key: (values[c.key] - c.min) / (c.max - c.min) for c in criteria if c.key in values
        }
        strong, weak = strengths_and_development(share)
        names = {c.key: c.name(lang) for c in criteria}
        self_values = item["self_assessed"] or {}
        view = FeedbackView(
            competition_title=_title(competition, lang),
            year=competition["year"],
            nominee=item["nomination"]["nominee"],
            organization=item["nomination"]["organization"],
            criteria=[
                FeedbackCriterionView(
                    c.key,
                    c.name(lang),
                    values.get(c.key),
                    item["field_mean"].get(c.key, 0.0),
                    item["field_best"].get(c.key, 0.0),
                    self_values.get(c.key),
                    c.min,
                    c.max,
                )
                for c in criteria
            ],
            strengths=[names[k] for k in strong],
            development=[names[k] for k in weak],
            comments=item["comments"],
            history=[
                HistoryView(h["year"], h["score"], h["rank"], h["of"]) for h in item["history"]
            ],
            rank=item["row"]["rank"],
            of=item["of"],
            score=item["row"]["score"],
            total_points=sum(c.weight for c in criteria),
        )
        name = safe_filename(f"{item['nomination']['id']}-{view.nominee}", taken, ".docx")
        with atomic_output(out_dir / name) as partial:
            write_feedback(partial, view, lang)
    echo_ok(f"Wrote {len(items)} feedback document(s) to {out_dir}/")


@export.command("certificates")
@slug_argument()
@LANG
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the certificates (created if missing).",
)
@pass_app
def certificates(app: App, slug: str, lang: str, out_dir: Path) -> None:
    """One certificate per winner, runner-up and mention who may be named (landscape A4).

    \b
    Example:
      awards export certificates customer-advisor-2026 --out kunniakirjat/
    """
    from awards.exports.certificates import write_certificate
    from awards.exports.safe import atomic_output, safe_filename
    from awards.exports.views import CertificateView

    store = app.store()
    competition = store.competitions.get(slug)
    places = store.documents.public_places(slug)
    if not places:
        raise click.ClickException(f"{slug} has no declared places that may be named")
    chair = next((j["name"] for j in store.jury.members(slug) if j["role"] == "chair"), None)
    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for p in places:
        view = CertificateView(
            competition_title=_title(competition, lang),
            year=competition["year"],
            place=p["place"],
            nominee=p["nominee"],
            organization=p["organization"],
            date=date.fromisoformat(competition["announce_date"]),
            chair_name=chair,
            organiser="Wave – Wakaru Asiakaspalveluverkosto",
        )
        target = out_dir / safe_filename(f"{p['place']}-{p['nominee']}", taken, ".docx")
        with atomic_output(target) as partial:
            write_certificate(partial, view, lang)
    echo_ok(f"Wrote {len(places)} certificate(s) to {out_dir}/")


@export.command("results")
@slug_argument()
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json", "xlsx", "markdown"]), required=True
)
@click.option("--round", "number", type=int, help="Round number (default: the latest).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File to write (default: stdout; required for xlsx).",
)
@pass_app
def results(app: App, slug: str, fmt: str, number: int | None, output: Path | None) -> None:
    """The ranking as CSV, JSON, XLSX or Markdown, naming only who may be named.

    \b
    Example:
      awards export results customer-advisor-2026 --format xlsx -o tulokset.xlsx
    """
    from awards.exports.results import write_results
    from awards.exports.safe import atomic_output
    from awards.publication import may_be_named

    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE")
    store = app.store()
    competition = store.competitions.get(slug)
    ranking = store.judging.ranking(slug, number)
    places = {w["nomination"]: w for w in store.winners.all(slug=slug)}
    publish = {n["id"]: n["publish"] for n in store.nominations.all(slug)}
    withheld = "(ei julkinen)"
    rows = []
    for r in ranking["rows"]:
        place = places.get(r["nomination"], {}).get("place")
        named = may_be_named(competition["category"], place, publish.get(r["nomination"]))
        rows.append(
            {
                "rank": r["rank"],
                "nomination": r["nomination"],
                "nominee": r["nominee"] if named else withheld,
                "organization": r["organization"] if named else withheld,
                "score": r["score"],
                "by_criterion": r["by_criterion"],
                "jurors": r["jurors"],
                "spread": r["spread"],
                "tied": r["tied"],
                "place": place,
            }
        )
    columns = [
        "rank",
        "nomination",
        "nominee",
        "organization",
        "score",
        "by_criterion",
        "jurors",
        "spread",
        "tied",
        "place",
    ]
    if output is None:
        text = write_results(rows, columns, fmt, None)
    else:
        with atomic_output(output) as partial:
            text = write_results(rows, columns, fmt, partial)
    if output is None and text is not None:
        click.echo(text, nl=False)
    elif output is not None:
        echo_ok(f"Wrote {output}")
