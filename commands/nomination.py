"""`awards nomination ...`: candidates in, checked, merged and consented."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import click

from .completion import complete_nomination, slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok, format_option, render, warn_mixed_scripts

STATUSES = ["active", "ineligible", "withdrawn", "merged"]


@click.group(cls=OrderedGroup)
def nomination() -> None:
    """Take in nominations, check eligibility, merge duplicates, record consent."""


@nomination.command("add")
@slug_argument()
@click.option("--nominee", required=True, help="The candidate: a person or an organisation.")
@click.option("--organization", help="The candidate's organisation (employer).")
@click.option("--title", help="Job title.")
@click.option("--title-en", help="The job title in English, for English documents.")
@click.option("--organization-en", help="The organisation's name in English, where it has one.")
@click.option(
    "--nominee-en", help="An organisation award's unit in English (e.g. Digital Support)."
)
@click.option("--nominator", help="Who nominated.")
@click.option("--nominator-email", help="The nominator's email.")
@click.option("--reason", help="The reasoning text (perustelut).")
@click.option(
    "--reason-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the reasoning text from a UTF-8 file.",
)
@click.option(
    "--late",
    is_flag=True,
    help="Take a nomination arriving after round 1 closed (it is not judged in closed rounds).",
)
@pass_app
def add(
    app: App,
    slug: str,
    nominee: str,
    organization: str | None,
    title: str | None,
    title_en: str | None,
    organization_en: str | None,
    nominee_en: str | None,
    nominator: str | None,
    nominator_email: str | None,
    reason: str | None,
    reason_file: Path | None,
    late: bool,
) -> None:
    """Add one nomination.

    \b
    Example:
      awards nomination add customer-advisor-2026 --nominee "Sini Mäkelä" \\
        --organization "Aava Pankki Oyj" --reason "Sini pelasti perheemme päivän."
    """
    from awards.nominations import NominationInput

    if reason and reason_file:
        raise click.UsageError("give --reason or --reason-file, not both")
    if reason_file:
        from awards.exports.tabular import decode_bytes, require_regular_file

        require_regular_file(reason_file)
        reason = decode_bytes(reason_file.read_bytes())[0]
    store = app.store(create=True)
    new_id = store.nominations.add(
        slug,
        NominationInput(
            nominee=nominee,
            organization=organization,
            title=title,
            title_en=title_en,
            organization_en=organization_en,
            nominee_en=nominee_en,
            nominator=nominator,
            nominator_email=nominator_email,
            reason=reason,
        ),
        late=late,
    )
    warn_mixed_scripts(nominee=nominee, organization=organization, nominator_email=nominator_email)
    echo_ok(f"Added nomination {new_id}: {nominee}")
    if late:
        late_reason = store.nominations.lateness(store.competitions.get(slug))
        if late_reason:
            click.echo(
                f"Warning: it came in late ({late_reason}): it will not be judged in closed "
                "rounds.",
                err=True,
            )


@nomination.command("import")
@slug_argument()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar="HEADER=FIELD",
    help="Which column is which: FIELD is nominee, organization, title, nominator, "
    "nominator_email, reason, submitted, title_en, organization_en or nominee_en, or - to "
    "leave the column out (repeatable). Remembered for the next export of the same form.",
)
@click.option("--forget-map", is_flag=True, help="Forget the mapping remembered for this form.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Show the mapping first, then any problems and what would be imported; write nothing.",
)
@click.option(
    "--late",
    is_flag=True,
    help="Take nominations arriving after round 1 closed (they are not judged in closed rounds).",
)
@pass_app
def import_(
    app: App,
    slug: str,
    file: Path,
    maps: tuple[str, ...],
    forget_map: bool,
    dry_run: bool,
    late: bool,
) -> None:
    """Import nominations from a CSV or XLSX file (a web form's export).

    Finnish Excel files work as they are: semicolons, Windows-1252 or UTF-8, decimal commas,
    quoted multi-line cells. Exports of Microsoft Forms, Google Forms, Webropol and Typeform
    (Finnish or English), whose columns are the questions, are read whole: the form's own
    respondent columns are the nominator's, questions that plainly ask for a field are taken for
    it (a guessed value that does not fit is kept as text, with a warning), and every other
    answer is kept with its nomination. --map settles the rest once; the mapping is remembered
    for the competition, so next week's download imports with no flags, adds only the new
    responses and updates the edited ones (same response ID).

    \b
    Examples:
      awards nomination import customer-advisor-2026 ehdotukset.csv --dry-run
      awards nomination import customer-advisor-2026 forms.xlsx \\
        --map "Ehdokkaan nimi=nominee" --map "Miksi ehdotat juuri häntä?=reason"
      awards nomination import customer-advisor-2026 forms.xlsx --map "Sähköposti=-"
    """
    import os

    from awards.errors import InvalidValue
    from awards.exports.nomination_file import (
        KNOWN_HEADERS,
        field_name,
        form_key,
        parse_nomination_file,
        unique_headers,
    )
    from awards.exports.tabular import read_table

    explicit: dict[str, str] = {}
    for item in maps:
        header, sep, field = item.rpartition("=")
        if not sep or not header.strip():
            raise click.UsageError(f"--map {item!r} is not HEADER=FIELD")
        chosen = field_name(field.strip())
        if explicit.get(header.strip(), chosen) != chosen:
            raise InvalidValue(f"--map names the column {header.strip()!r} twice")
        explicit[header.strip()] = chosen
    table = read_table(file, known=KNOWN_HEADERS)
    form = form_key(unique_headers(table.headers))
    # The remembered mapping, from a database that exists: a refused file creates nothing.
    remembered: dict[str, str] = {}
    if os.path.exists(app.db_path) and not forget_map:
        remembered = app.store().nominations.form_mapping(slug, form)
    parsed = parse_nomination_file(file, explicit, remembered, table=table, keep_refusal=True)
    if dry_run:
        first = parsed.table.rows[0].cells if parsed.table.rows else []
        render(
            [
                {
                    "column": c.header,
                    "field": c.field or ("(left out)" if c.how == "left out" else "(kept)"),
                    "how": c.how,
                    "sample": _sample(first[i] if i < len(first) else None),
                }
                for i, c in enumerate(parsed.columns)
            ],
            ["column", "field", "how", "sample"],
            None,
            title="Columns",
        )
    if parsed.refusal is not None:
        raise parsed.refusal
    store = app.store(create=not dry_run)
    result = store.nominations.add_many(
        slug,
        parsed.rows,
        source=file.name,
        dry_run=dry_run,
        form=(form, parsed.mapping),
        forget_form=forget_map,
        late=late,
    )
    click.echo(f"Read {len(table.rows)} row(s) from {file.name} ({parsed.read_as}).", err=True)
    from awards.text import mixed_script

    mixed = [r.location for r in parsed.rows if mixed_script(f"{r.nominee} {r.organization or ''}")]
    if mixed:
        click.echo(
            f"Warning: {len(mixed)} row(s) mix Latin letters with Cyrillic or Greek look-alikes in "
            f"a name or organisation ({', '.join(mixed[:5])}); they are compared as the Latin "
            "spelling",
            err=True,
        )
    for warning in parsed.warnings:
        click.echo(warning[0].upper() + warning[1:] + ".", err=True)
    if parsed.skipped:
        click.echo(
            f"{len(parsed.skipped)} response(s) name no nominee and are no nomination: "
            f"{', '.join(parsed.skipped[:5])}{', ...' if len(parsed.skipped) > 5 else ''}.",
            err=True,
        )
    counts = []
    if result["already"]:
        counts.append(f"{result['already']} already there")
    if result["updated"]:
        counts.append(f"{result['updated']} updated (edited responses)")
    if result["repeated"]:
        counts.append(f"{result['repeated']} repeated row(s) in the file skipped")
    if parsed.skipped:
        counts.append(f"{len(parsed.skipped)} response(s) without a nominee skipped")
    if dry_run:
        click.echo(
            f"Dry run: would import {result['added']} nomination(s)"
            + "".join(f"; {c.replace('updated', 'would be updated')}" for c in counts)
            + "; nothing was written."
        )
        preview = [
            {
                "row": r.location,
                "nominee": r.nominee,
                "organization": r.organization,
                "nominator": r.nominator,
                "submitted": r.submitted,
            }
            for r in parsed.rows[:5]
        ]
        render(preview, ["row", "nominee", "organization", "nominator", "submitted"], None)
    else:
        counts = [c.replace("already there", "were already there") for c in counts]
        echo_ok(f"Imported {result['added']} nomination(s) into {slug}" + "".join(
            f"; {c}" for c in counts) + ".")  # fmt: skip
    _say_what_weakens(slug, result, dry_run)
    if result["added"] and not dry_run:
        echo_ok(
            f"Next: look for the same candidate nominated twice: "
            f"`awards nomination duplicates {slug}`"
        )


def _say_what_weakens(slug: str, result: dict, dry_run: bool) -> None:
    """Late arrivals, edits not applied and missing organisations, said out loud."""
    verb = "would " if dry_run else ""
    if result["held"]:
        ids = ", ".join(map(str, result["held"][:10]))
        click.echo(
            f"Warning: {len(result['held'])} edited response(s) {verb or 'were '}not "
            f"{'be ' if dry_run else ''}applied: their nominations ({ids}) are already being "
            "judged.",
            err=True,
        )
    if result["late"] and result["added"]:
        click.echo(
            f"Warning: {result['added']} nomination(s) came in late ({result['late']}): they "
            "will not be judged in closed rounds.",
            err=True,
        )
    missing = result["without_organization"]
    if missing:
        click.echo(
            f"Warning: {missing} of the {result['added']} new nomination(s) have no "
            "organisation: automatic conflicts of interest (a juror from the same employer) "
            f"cannot be found for them; declare any with `awards conflict add {slug} EMAIL "
            "--nomination ID`.",
            err=True,
        )


def _sample(value: object) -> str:
    from awards.exports.tabular import cell_text

    text = " ".join(cell_text(value).split())
    return text if len(text) <= 40 else text[:39] + "…"


@nomination.command("list")
@slug_argument()
@click.option("--status", type=click.Choice(STATUSES), help="Only this status.")
@format_option
@pass_app
def list_(app: App, slug: str, status: str | None, fmt: str | None) -> None:
    """List candidates; `nominations` counts the entries merged into each.

    \b
    Example:
      awards nomination list customer-advisor-2026 --format json
    """
    rows = app.store().nominations.all(slug, status)
    render(
        rows,
        ["id", "nominee", "organization", "title", "status", "nominations"],
        fmt,
        empty=f"No nominations in {slug}.",
    )


@nomination.command("show")
@click.argument("nomination_id", metavar="ID", type=int, shell_complete=complete_nomination)
@format_option
@pass_app
def show(app: App, nomination_id: int, fmt: str | None) -> None:
    """Show a nomination with every merged entry's text.

    \b
    Example:
      awards nomination show 12
    """
    store = app.store()
    found: Mapping[str, Any] = store.nominations.get(nomination_id)
    merged = store.nominations.merged(nomination_id)
    if fmt == "json":
        import json

        click.echo(json.dumps({**found, "merged": merged}, ensure_ascii=False, indent=2))
        return
    consent = {None: "not asked", 1: "yes", 0: "no"}[found["publish"]]
    click.echo(f"Nomination {found['id']} in {found['competition']}: {found['nominee']}")
    for label, key in (
        ("organization", "organization"),
        ("title", "title"),
        ("title (en)", "title_en"),
        ("org. (en)", "organization_en"),
        ("unit (en)", "nominee_en"),
        ("status", "status"),
        ("note", "status_note"),
    ):
        if found[key]:
            click.echo(f"  {label:<13} {found[key]}")
    if found["merged_into"]:
        click.echo(f"  merged into   {found['merged_into']}")
    click.echo(f"  may be named  {consent}")
    click.echo(f"  nominations   {1 + len(merged)}")
    for entry in [found, *merged]:
        click.echo("")
        who = entry["nominator"] or "unknown nominator"
        if entry["nominator_email"]:
            who += f" <{entry['nominator_email']}>"
        click.echo(f"  [{entry['id']}] {who}, {entry['submitted'] or entry['created_at'][:10]}")
        if entry["reason"]:
            for line in entry["reason"].splitlines():
                click.echo(f"      {line}")
        for key, value in (entry["extra"] or {}).items():
            click.echo(f"      {key}: {value}")


@nomination.command("withdraw")
@click.argument("nomination_id", metavar="ID", type=int, shell_complete=complete_nomination)
@click.option("--reason", required=True, help="Why (kept in the log).")
@pass_app
def withdraw(app: App, nomination_id: int, reason: str) -> None:
    """Withdraw a nomination.

    \b
    Example:
      awards nomination withdraw 12 --reason "Ehdokas vaihtoi työpaikkaa"
    """
    app.store(create=True).nominations.withdraw(nomination_id, reason)
    echo_ok(f"Withdrew nomination {nomination_id}.")


@nomination.command("eligibility")
@click.argument("nomination_id", metavar="ID", type=int, shell_complete=complete_nomination)
@click.option("--eligible/--ineligible", required=True, help="Eligible to compete or not.")
@click.option("--note", help="Why (kept with the nomination).")
@pass_app
def eligibility(app: App, nomination_id: int, eligible: bool, note: str | None) -> None:
    """Mark a nomination eligible or ineligible.

    \b
    Example:
      awards nomination eligibility 12 --ineligible --note "Ei asiakaspalvelutehtävässä"
    """
    app.store(create=True).nominations.set_eligibility(nomination_id, eligible, note)
    echo_ok(f"Nomination {nomination_id} is {'eligible' if eligible else 'ineligible'}.")


@nomination.command("duplicates")
@slug_argument()
@format_option
@pass_app
def duplicates(app: App, slug: str, fmt: str | None) -> None:
    """List nominations that are likely or possibly the same candidate, and why.

    Likely: the same name at the same organisation (or with it missing). Possible: a name as
    people type it (the other order, one letter apart or two swapped, an initial, a missing
    middle name) where the organisations agree or one is missing, or the same name at an
    organisation written differently. Weak: the same name at different organisations.

    \b
    Example:
      awards nomination duplicates customer-advisor-2026
    """
    rows = app.store().nominations.duplicates(slug)
    render(
        rows,
        ["ids", "strength", "reason"],
        fmt,
        json_keys=["ids", "reason", "strength"],
        empty="No likely or possible duplicates.",
    )
    if not rows or fmt not in (None, "table", "plain"):
        return
    counts = {s: sum(r["strength"] == s for r in rows) for s in ("likely", "possible", "weak")}
    said = [f"{counts['likely']} likely"]
    if counts["possible"]:
        said.append(f"{counts['possible']} possible (check each by hand)")
    if counts["weak"]:
        said.append(f"{counts['weak']} weak (the same name at different organisations)")
    click.echo(f"{len(rows)} group(s): {', '.join(said)}.", err=True)
    click.echo(
        "Similar but different names at different organisations are not listed: "
        "they are taken for different people.",
        err=True,
    )
    first = next((r["ids"] for r in rows if r["strength"] != "weak"), None)
    if first:
        click.echo(
            f"Merge with e.g. `awards nomination merge {first[0]} {' '.join(map(str, first[1:]))}`",
            err=True,
        )


@nomination.command("merge")
@click.argument("keep_id", metavar="KEEP_ID", type=int)
@click.argument("other_ids", metavar="OTHER_ID...", type=int, nargs=-1, required=True)
@pass_app
def merge(app: App, keep_id: int, other_ids: tuple[int, ...]) -> None:
    """Merge nominations of the same candidate into KEEP_ID; every text is kept.

    \b
    Example:
      awards nomination merge 3 17 25
    """
    kept = app.store(create=True).nominations.merge(keep_id, list(other_ids))
    echo_ok(f"Merged {', '.join(map(str, other_ids))} into {keep_id} ({kept['nominee']}).")
    if kept["now_in_conflict"]:
        echo_ok(
            f"Conflicts follow the candidate: {', '.join(kept['now_in_conflict'])} now in conflict "
            f"with {keep_id} ({kept['conflicts_moved']} declared conflict(s) carried over; "
            f"{kept['unassigned']} open-round assignment(s) taken away)."
        )


@nomination.command("unmerge")
@click.argument("nomination_id", metavar="ID", type=int, shell_complete=complete_nomination)
@pass_app
def unmerge(app: App, nomination_id: int) -> None:
    """Put a merged nomination back as its own candidate (while the candidate has no scores).

    \b
    Example:
      awards nomination unmerge 17
    """
    restored = app.store(create=True).nominations.unmerge(nomination_id)
    echo_ok(f"Nomination {nomination_id} ({restored['nominee']}) is its own candidate again.")


@nomination.command("set")
@click.argument("nomination_id", metavar="ID", type=int, shell_complete=complete_nomination)
@click.option("--title-en", help="The job title in English ('' clears it).")
@click.option("--organization-en", help="The organisation's name in English.")
@click.option("--nominee-en", help="An organisation award's unit in English.")
@click.option(
    "--contact-email",
    metavar="EMAIL",
    help="Where this candidate's own feedback goes (`awards mail feedback`); '' clears it.",
)
@pass_app
def set_(
    app: App,
    nomination_id: int,
    title_en: str | None,
    organization_en: str | None,
    nominee_en: str | None,
    contact_email: str | None,
) -> None:
    """Give a nomination's English forms, for English documents, or the candidate's own
    address for their feedback.

    Without an English job title or unit, the English press release leaves the Finnish one out
    rather than show it untranslated.

    \b
    Examples:
      awards nomination set 12 --title-en "customer advisor"
      awards nomination set 12 --contact-email sini.makela@example.fi
    """
    store = app.store(create=True)
    english = (title_en, organization_en, nominee_en)
    if contact_email is not None and all(v is None for v in english):
        found = store.nominations.set_contact(nomination_id, contact_email)
        shown = found["contact_email"] or "no address"
        echo_ok(f"Nomination {nomination_id} ({found['nominee']}): feedback goes to {shown}")
        return
    with store.db.transaction():  # both or neither
        found = store.nominations.set_english(
            nomination_id, title_en=title_en, organization_en=organization_en, nominee_en=nominee_en
        )
        if contact_email is not None:
            found = store.nominations.set_contact(nomination_id, contact_email)
    echo_ok(f"Set the English forms of nomination {nomination_id} ({found['nominee']})")
    if contact_email is not None:
        echo_ok(f"Feedback goes to {found['contact_email'] or 'no address'}")


@nomination.command("publish")
@click.argument("nomination_id", metavar="ID", type=int, shell_complete=complete_nomination)
@click.option(
    "--yes/--no", "publish", required=True, help="May this candidate be named in public documents."
)
@pass_app
def publish(app: App, nomination_id: int, publish: bool) -> None:
    """Record whether a candidate may be named in public documents.

    \b
    Example:
      awards nomination publish 12 --no
    """
    app.store(create=True).nominations.set_publish(nomination_id, publish)
    echo_ok(f"Nomination {nomination_id} {'may' if publish else 'may not'} be named publicly.")
