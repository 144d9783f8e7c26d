"""`awards export ...`: the documents people send."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from awards.models import LANGUAGES

from .completion import complete_slug, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, out_dir_option, output_option, progress

LANG = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="fi",
    show_default=True,
    help="Document language.",
)


@click.group(cls=OrderedGroup)
def export() -> None:
    """Write the announcement, the jury's report, feedback, certificates and results."""


def _public(app: App) -> Any:
    """The store, for a public document: refused while an edit made outside awards (to scores,
    winners, the jury, the audit log, the schema) has not been looked at (`db check --accept`)."""
    store = app.store()
    store.checks.refuse_if_changed_outside()
    return store


def _output(path: Path | None, default: str) -> Path:
    target = path or Path(default)
    if target.exists() and target.is_dir():
        raise click.ClickException(f"{target} is a folder; give a file name with -o")
    if not target.parent.exists():
        raise click.ClickException(f"folder {target.parent} does not exist")
    return target


def _record(store: Any, slugs: list[str], kind: str, lang: str, path: Path) -> None:
    """Remember the export for `awards status` (the file is already written: a database that
    cannot take the record, e.g. read-only, is said, not fatal)."""
    import sqlite3

    try:
        store.documents.record_export(slugs, kind, lang, str(path))
    except sqlite3.Error as exc:
        click.echo(
            f"Warning: {path} was written but not recorded in the database ({exc}); "
            "`awards status` will not know it is out",
            err=True,
        )


def _write(path: Path, writer: Any, view: Any, lang: str, **options: Any) -> None:
    """One document, written atomically under its final name."""
    from awards.exports.safe import atomic_output

    with atomic_output(path) as partial:
        writer(partial, view, lang, **options)
    echo_ok(f"Wrote {path}")


def _write_each(
    out_dir: Path, writer: Any, named: list[tuple[str, Any]], lang: str, label: str, noun: str
) -> None:
    """One document per view into `out_dir`, each under a safe, unique file name."""
    from awards.exports.safe import atomic_output, safe_filename

    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for name, view in progress(named, label):
        with atomic_output(out_dir / safe_filename(name, taken, ".docx")) as partial:
            writer(partial, view, lang)
    echo_ok(f"Wrote {len(named)} {noun}(s) to {out_dir}/")


@export.command("announcement")
@click.argument("slugs", nargs=-1, metavar="SLUG...", shell_complete=complete_slug)
@click.option("--year", type=int, help="Every competition of this year with a winner.")
@LANG
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own letterhead (.docx, or a Word template .dotx): its styles, header, footer "
    "and the letterhead drawn at the top of its body are used; its sample text, macros, "
    "external links and fields that fetch or run things are not (said on stderr).",
)
@output_option("tiedote-YEAR.docx / press-release-YEAR.docx")
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
    from awards.exports.announcement import gaps, write_announcement

    if bool(slugs) == (year is not None):
        raise click.UsageError("give one or more SLUGs, or --year")
    store = _public(app)
    documents = store.documents
    views = documents.announcement(documents.decided(year) if year else slugs, lang)
    organizer = store.organizer.get()
    stem = "tiedote" if lang == "fi" else "press-release"
    path = _output(output, f"{stem}-{year or views[0].year}.docx")
    _write(path, write_announcement, views, lang, template=template, organizer=organizer)
    _record(store, [v.slug for v in views], "announcement", lang, path)
    if template is not None:
        from awards.exports.letterhead import prepare

        for note in prepare(template).notes:  # read once: the writer's reading is cached
            click.echo(f"Letterhead {template.name}: {note}", err=True)
    for gap in gaps(views, organizer, lang):
        click.echo(f"Warning: {gap}", err=True)
    for view in views:
        for place in view.withheld:
            click.echo(
                f"Left out: the {place} of {view.slug} may not be named publicly "
                "(no consent, or no longer in the competition)",
                err=True,
            )


@export.command("report")
@slug_argument()
@LANG
@output_option("SLUG-raportti.docx / SLUG-report.docx")
@click.option(
    "--anonymous-jurors",
    is_flag=True,
    help="Jurors as letters (A, B, ...): for a report that goes beyond the chair.",
)
@pass_app
def report(app: App, slug: str, lang: str, output: Path | None, anonymous_jurors: bool) -> None:
    """The jury's internal report: every round's ranking, participation, conflicts, winners.

    \b
    Example:
      awards export report customer-advisor-2026 -o tuomariston-raportti.docx
    """
    from awards.exports.report import write_report

    store = app.store()
    view = store.documents.report(slug, lang, anonymous_jurors=anonymous_jurors)
    if not view.rounds:
        raise click.ClickException(f"{slug} has no rounds yet; nothing to report")
    path = _output(output, f"{slug}-{'raportti' if lang == 'fi' else 'report'}.docx")
    _write(path, write_report, view, lang)
    _record(store, [slug], "report", lang, path)


@export.command("feedback")
@slug_argument()
@LANG
@out_dir_option("documents")
@click.option(
    "--no-rank", is_flag=True, help="Leave each candidate's rank out (their score stays)."
)
@pass_app
def feedback(app: App, slug: str, lang: str, out_dir: Path, no_rank: bool) -> None:
    """One feedback document per candidate: values against the field, strengths, development
    areas, jurors' comments (anonymous), self-assessment against verified values, earlier years.

    \b
    Example:
      awards export feedback service-desk-2026 --out palaute/
    """
    from functools import partial

    from awards.exports.feedback import write_feedback

    store = app.store()
    views = store.documents.feedback(slug, lang)
    # Named after whom it is for: a person, or an organisation (units are often all
    # "Asiakaspalvelu").
    named = [
        (
            f"{view.nomination_id}-"
            + (
                view.nominee
                if view.winner_is_person or not view.organization
                else view.organization
            ),
            view,
        )
        for view in views
    ]
    _write_each(
        out_dir,
        partial(write_feedback, show_rank=not no_rank),
        named,
        lang,
        "Writing feedback",
        "feedback document",
    )
    _record(store, [slug], "feedback", lang, out_dir)


@export.command("certificates")
@slug_argument()
@LANG
@out_dir_option("certificates")
@pass_app
def certificates(app: App, slug: str, lang: str, out_dir: Path) -> None:
    """One certificate per winner, runner-up and mention (landscape A4).

    Also for those who declined publicity: a certificate is handed over, not published.

    \b
    Example:
      awards export certificates customer-advisor-2026 --out kunniakirjat/
    """
    from awards.exports.certificates import write_certificate

    store = _public(app)
    views = store.documents.certificates(slug, lang)
    if not views:
        raise click.ClickException(f"{slug} has no declared places yet")
    from awards.exports.certificates import recipient

    named = [(f"{view.place}-{recipient(view)[0]}", view) for view in views]
    _write_each(out_dir, write_certificate, named, lang, "Writing certificates", "certificate")
    _record(store, [slug], "certificates", lang, out_dir)


@export.command("results")
@slug_argument()
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json", "xlsx", "markdown"]), required=True
)
@click.option("--round", "number", type=int, help="Round number (default: the latest).")
@click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="fi",
    show_default=True,
    help="Column names of csv, xlsx and markdown (json keeps its keys).",
)
@output_option("stdout; required for xlsx")
@pass_app
def results(
    app: App, slug: str, fmt: str, number: int | None, lang: str, output: Path | None
) -> None:
    """The ranking as CSV, JSON, XLSX or Markdown, naming only who may be named.

    \b
    Example:
      awards export results customer-advisor-2026 --format xlsx -o tulokset.xlsx
    """
    from awards.exports.results import write_results
    from awards.exports.safe import atomic_output

    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE")
    store = _public(app)
    rows = store.documents.results(slug, number)
    competition = store.competitions.get(slug)
    names = {c.key: c.name(lang) for c in store.competitions.criteria(competition["id"])}
    if output is None:
        click.echo(write_results(rows, fmt, None, lang, names), nl=False)
    else:
        title = _results_title(store, slug, number, lang) if fmt == "xlsx" else None
        with atomic_output(output) as partial:
            write_results(rows, fmt, partial, lang, names, title)
        echo_ok(f"Wrote {output}")
        _record(store, [slug], "results", lang, output)
    _say_hidden(rows, lang)
    for row in rows:
        if row.place and not row.named:
            click.echo(
                f"Left out: the name of the {row.place} of {slug} (rank {row.rank}) may not be "
                "published; the row stays, unnamed",
                err=True,
            )


def _results_title(store: Any, slug: str, number: int | None, lang: str) -> str:
    """The workbook's title row: "Vuoden Asiakasneuvoja 2026 – Kierros 2 (Finaali) –
    Laskentatapa: trimmattu keskiarvo"."""
    from awards.exports.i18n import t
    from awards.presets import PRESETS
    from awards.ranking import METHODS

    competition = store.competitions.get(slug)
    ranking = store.rankings.ranking(slug, number)
    found = ranking["round"]
    title = (
        competition["title"]
        if lang == "fi"
        else PRESETS[competition["category"]].title("en", competition["year"])
    )
    method = METHODS[ranking["method"]].label(lang)
    return (
        f"{title} – {t(lang, 'round')} {found['number']} ({found['name']}) – "
        f"{t(lang, 'method')}: {method}"
    )


def _say_hidden(rows: list[Any], lang: str) -> None:
    """How many rows show "(ei julkinen)" instead of a name, why, and what changes it."""
    from awards.exports.i18n import t

    hidden = [r for r in rows if not r.named]
    if not hidden:
        return
    refused = sum(1 for r in hidden if r.refused)
    placed = sum(1 for r in hidden if not r.refused and r.place)
    others = len(hidden) - refused - placed
    why = []
    if others:
        why.append(
            f"{others} without a place who have not agreed to be named (only placed candidates "
            "are public by default)"
        )
    if placed:
        why.append(
            f"{placed} placed but not public without consent (Service Desk of the Year names "
            "only its winner)"
        )
    if refused:
        why.append(f"{refused} who said no (`awards nomination publish ID --no`)")
    click.echo(
        f"Left out: the names of {len(hidden)} of {len(rows)} row(s), shown as "
        f"{t(lang, 'withheld')}: {'; '.join(why)}. To name a candidate who agrees: "
        "`awards nomination publish ID --yes`",
        err=True,
    )
