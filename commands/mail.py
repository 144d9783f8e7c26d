"""`awards mail ...`: score sheets, reminders and feedback to the people they are for, as .eml
drafts for the coordinator's own mail program or through their SMTP server. Every message is
recorded, so a second run sends only what has not gone out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from .completion import slug_argument
from .context import App, OrderedGroup, pass_app
from .output import echo_ok

if TYPE_CHECKING:
    from awards.db.store import Store
    from awards.exports.mail import Outgoing, Sender
    from awards.mailing import Going

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_OUT = Path("mail")


@click.group(cls=OrderedGroup)
def mail() -> None:
    """Mail score sheets, reminders and feedback: as .eml drafts or through SMTP.

    Without --send, each message is written as an unsent .eml draft (X-Unsent: 1) into --out
    (default ./mail/): open it in Outlook or Thunderbird and send it from your own account.
    With --send it goes through the server of `awards organizer set --smtp-host ...`
    (STARTTLS with the certificate verified; the password from AWARDS_SMTP_PASSWORD or a
    prompt, never stored; AWARDS_SMTP_CAFILE adds a CA file to trust, e.g. a company CA).

    Every message written or sent is recorded: a second run sends only what has not gone out,
    or what changed since; --resend EMAIL sends one again on purpose. After a failure part-way,
    run the same command again: it continues where it stopped.
    """


def _delivery(function: F) -> F:
    """--out, --send, --dry-run and --resend, shared by every `mail` command."""
    options = [
        click.option(
            "--resend",
            "resend",
            multiple=True,
            metavar="EMAIL",
            help="Send this recipient's message again although it already went (repeatable).",
        ),
        click.option(
            "--dry-run", is_flag=True, help="List recipients and attachments; send nothing."
        ),
        click.option(
            "--send",
            is_flag=True,
            help="Send through the SMTP server of `awards organizer set --smtp-host ...` "
            "(password from AWARDS_SMTP_PASSWORD or a prompt).",
        ),
        click.option(
            "--out",
            "out_dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Folder for the .eml drafts (default ./mail/).",
        ),
    ]
    for option in options:
        function = option(function)
    return function


LANG = click.option(
    "--lang", type=click.Choice(["fi", "en"]), default="fi", show_default=True,
    help="Language of the messages and documents.",
)  # fmt: skip


@mail.command("sheets")
@slug_argument()
@click.option(
    "--deadline",
    type=click.DateTime(formats=["%Y-%m-%d", "%d.%m.%Y"]),
    help="Return the scores by this date (2026-09-15 or 15.9.2026); on the sheet and in the mail.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "xlsx"]),
    default="docx",
    show_default=True,
    help="The sheet's format.",
)
@LANG
@_delivery
@pass_app
def sheets(
    app: App,
    slug: str,
    deadline: Any,
    fmt: str,
    lang: str,
    out_dir: Path | None,
    send: bool,
    dry_run: bool,
    resend: tuple[str, ...],
) -> None:
    """Mail each juror of the open round their own score sheet.

    The message names the round, how many nominations the juror scores, the deadline, and how
    to return the sheet (a reply with the filled sheet; `awards score import` reads it).

    \b
    Examples:
      awards mail sheets customer-advisor-2026 --deadline 15.9.2026 --dry-run
      awards mail sheets customer-advisor-2026 --deadline 15.9.2026            # drafts in mail/
      awards mail sheets customer-advisor-2026 --deadline 15.9.2026 --send
    """
    from dataclasses import replace
    from functools import partial

    from awards.exports.mail import Outgoing, content_hash, sheet_message
    from awards.exports.safe import safe_filename

    _check_delivery(out_dir, send)
    store = app.store(create=not dry_run)
    views = store.documents.score_sheets(slug, lang)
    current = store.rounds.open_round(slug)
    if not views:
        raise click.ClickException(
            f"nobody has nominations assigned in round {current['number']} of {slug}"
        )
    when = deadline.date() if deadline else None
    if when is not None:
        views = [replace(v, deadline=when) for v in views]
    organiser = store.organizer.get().name_in(lang)
    writer = _sheet_writer(fmt)
    taken: set[str] = set()
    items = []
    for view in views:
        subject, blocks = sheet_message(
            lang,
            juror_name=view.juror_name,
            competition_title=view.competition_title,
            round_number=view.round_number,
            round_name=view.round_name,
            nominations=len(view.nominations),
            deadline=view.deadline,
            slug=slug,
            fmt=fmt,
            organiser=organiser,
        )
        name = f"{slug}-r{view.round_number}-{view.juror_name}"
        items.append(
            Outgoing(
                whose=view.juror_email,
                to_name=view.juror_name,
                to_address=view.juror_email,
                subject=subject,
                blocks=blocks,
                lang=lang,
                attachment_name=safe_filename(name, taken, f".{fmt}"),
                extension=fmt,
                content=content_hash(view, fmt, lang),
                render=partial(writer, sheet=view, lang=lang),
                details={
                    "format": fmt,
                    "lang": lang,
                    "deadline": when.isoformat() if when else None,
                    "nominations": len(view.nominations),
                },
            )
        )
    done = _deliver(
        store, slug, "sheet", current["id"], items, out_dir, send, dry_run, resend,
        noun="score sheet",
    )  # fmt: skip
    if done and not dry_run:
        echo_ok(
            f"Next: `awards score import {slug} FILES` as the filled sheets come back; "
            f"`awards mail reminders {slug}` for those still missing"
        )


@mail.command("reminders")
@slug_argument()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["docx", "xlsx"]),
    help="The attached sheet's format (default: as the juror's sheet was mailed, else docx).",
)
@click.option(
    "--lang",
    type=click.Choice(["fi", "en"]),
    help="Language (default: as the juror's sheet was mailed, else Finnish).",
)
@_delivery
@pass_app
def reminders(
    app: App,
    slug: str,
    fmt: str | None,
    lang: str | None,
    out_dir: Path | None,
    send: bool,
    dry_run: bool,
    resend: tuple[str, ...],
) -> None:
    """Remind each juror who still owes scores in the open round, naming what is missing,
    with their sheet attached again. Nobody who owes nothing gets one.

    A juror already reminded of exactly what they still owe is not reminded again
    (`--resend EMAIL` does it on purpose).

    \b
    Examples:
      awards mail reminders customer-advisor-2026 --dry-run
      awards mail reminders customer-advisor-2026 --send
    """
    from dataclasses import replace
    from datetime import date
    from functools import partial

    from awards.exports.mail import Outgoing, content_hash, reminder_message
    from awards.exports.safe import safe_filename

    _check_delivery(out_dir, send)
    store = app.store(create=not dry_run)
    current = store.rounds.open_round(slug)
    if current["kind"] != "jury":
        raise click.ClickException("a self-assessment round has no jurors to remind")
    owed: dict[str, dict[int, list[str]]] = {}
    for row in store.rounds.missing_scores(slug):
        owed.setdefault(row["juror"], {})[row["nomination"]] = row["missing"]
    jurors = {p["juror"] for p in store.rounds.round_progress(slug)}
    if not owed:
        echo_ok(
            f"Nobody owes scores in round {current['number']} of {slug}: no reminders "
            f"({len(jurors)} juror(s) complete). Next: `awards round close {slug}`"
        )
        return
    mailed = {
        whose: next((r for r in reversed(rows) if r["status"] in ("sent", "written")), None)
        for whose, rows in store.mail.history(slug, "sheet", current["id"]).items()
    }
    organiser_view = store.organizer.get()
    sheets_by_lang: dict[str, dict[str, Any]] = {}
    taken: set[str] = set()
    items = []
    for email in sorted(owed):
        previous = (mailed.get(email) or {}).get("details") or {}
        juror_lang = lang or previous.get("lang") or "fi"
        juror_fmt = fmt or previous.get("format") or "docx"
        if juror_lang not in sheets_by_lang:
            sheets_by_lang[juror_lang] = {
                v.juror_email: v for v in store.documents.score_sheets(slug, juror_lang)
            }
        view = sheets_by_lang[juror_lang][email]
        if previous.get("deadline"):
            view = replace(view, deadline=date.fromisoformat(previous["deadline"]))
        names = {c.key: c.name for c in view.criteria}
        nominees = {n: (name, org) for n, name, org in view.nominations}
        missing = []
        for nomination, keys in sorted(owed[email].items()):
            name, org = nominees.get(nomination, (str(nomination), None))
            label = f"{name}, {org}" if org else name
            partial_keys = None if len(keys) == len(view.criteria) else [names[k] for k in keys]
            missing.append((label, partial_keys))
        subject, blocks = reminder_message(
            juror_lang,
            juror_name=view.juror_name,
            competition_title=view.competition_title,
            round_number=view.round_number,
            round_name=view.round_name,
            missing=missing,
            deadline=view.deadline,
            fmt=juror_fmt,
            organiser=organiser_view.name_in(juror_lang),
        )
        name = f"{slug}-r{view.round_number}-{view.juror_name}"
        owed_now = sorted((n, sorted(k)) for n, k in owed[email].items())
        items.append(
            Outgoing(
                whose=email,
                to_name=view.juror_name,
                to_address=email,
                subject=subject,
                blocks=blocks,
                lang=juror_lang,
                attachment_name=safe_filename(name, taken, f".{juror_fmt}"),
                extension=juror_fmt,
                content=content_hash(view, juror_fmt, juror_lang, owed_now),
                render=partial(_sheet_writer(juror_fmt), sheet=view, lang=juror_lang),
                details={"format": juror_fmt, "lang": juror_lang, "missing": len(missing)},
            )
        )
    complete = len(jurors - set(owed))
    if complete:
        echo_ok(f"{complete} juror(s) owe nothing and get no reminder.")
    done = _deliver(
        store, slug, "reminder", current["id"], items, out_dir, send, dry_run, resend,
        noun="reminder",
    )  # fmt: skip
    if done and not dry_run:
        echo_ok(f"Next: `awards score import {slug} FILES` as sheets come back")


@mail.command("feedback")
@slug_argument()
@LANG
@click.option("--no-rank", is_flag=True, help="Leave the candidate's rank out.")
@_delivery
@pass_app
def feedback(
    app: App,
    slug: str,
    lang: str,
    no_rank: bool,
    out_dir: Path | None,
    send: bool,
    dry_run: bool,
    resend: tuple[str, ...],
) -> None:
    """Mail each candidate their own feedback document, to the candidate's contact address
    only (`awards nomination set ID --contact-email EMAIL`, or a form's contact_email column).

    A candidate without a contact address is listed and skipped: never sent anyone else's.

    \b
    Examples:
      awards mail feedback service-desk-2026 --dry-run
      awards mail feedback service-desk-2026 --lang en --no-rank --send
    """
    from functools import partial

    from awards.exports.feedback import write_feedback
    from awards.exports.mail import Outgoing, content_hash, feedback_message
    from awards.exports.safe import safe_filename

    _check_delivery(out_dir, send)
    store = app.store(create=not dry_run)
    views = store.documents.feedback(slug, lang)
    if not any(v.place for v in views):
        raise click.ClickException(
            f"{slug} has no declared places yet: feedback goes out once the winners are "
            f"declared (read it first with `awards export feedback {slug} --out DIR`)"
        )
    contacts = store.nominations.contacts(slug)
    organiser = store.organizer.get().name_in(lang)
    label = "palaute" if lang == "fi" else "feedback"
    taken: set[str] = set()
    items = []
    without = []
    for view in views:
        person = view.winner_is_person or not view.organization
        name = view.nominee if person else (view.organization or view.nominee)
        contact = contacts.get(view.nomination_id)
        if not contact:
            without.append(f"{view.nomination_id} {name}")
            continue
        subject, blocks = feedback_message(
            lang,
            greeting_name=view.nominee if person else None,
            competition_title=view.competition_title,
            organiser=organiser,
        )
        items.append(
            Outgoing(
                whose=str(view.nomination_id),
                to_name=name,
                to_address=contact,
                subject=subject,
                blocks=blocks,
                lang=lang,
                attachment_name=safe_filename(f"{label}-{slug}-{name}", taken, ".docx"),
                extension="docx",
                content=content_hash(view, lang, not no_rank),
                render=partial(
                    _feedback_writer,
                    write=write_feedback,
                    view=view,
                    lang=lang,
                    show_rank=not no_rank,
                ),
                details={"lang": lang, "rank": not no_rank, "nomination": view.nomination_id},
            )
        )
    if without:
        shown = "; ".join(without[:20]) + (" ..." if len(without) > 20 else "")
        click.echo(
            f"Skipped {len(without)} of {len(views)} candidate(s) without a contact address "
            f"(their feedback goes to nobody else): {shown}",
            err=True,
        )
    if not items:
        raise click.ClickException(
            f"no candidate of {slug} has a contact address; give them with "
            "`awards nomination set ID --contact-email EMAIL`"
        )
    _deliver(
        store, slug, "feedback", None, items, out_dir, send, dry_run, resend,
        noun="feedback document",
    )  # fmt: skip
    if without and not dry_run:
        echo_ok(
            "Next: `awards nomination set ID --contact-email EMAIL` for those skipped, "
            f"then `awards mail feedback {slug}` again (only they will get one)"
        )


# ---- shared -----------------------------------------------------------------------------------


def _check_delivery(out_dir: Path | None, send: bool) -> None:
    if send and out_dir is not None:
        raise click.UsageError("--out writes drafts and --send sends: give one of them")


def _sheet_writer(fmt: str) -> Callable[..., None]:
    from awards.exports.score_sheet_docx import write_score_sheet_docx
    from awards.exports.score_sheets_tabular import write_score_sheet_xlsx

    return write_score_sheet_docx if fmt == "docx" else write_score_sheet_xlsx


def _feedback_writer(path: Path, *, write: Any, view: Any, lang: str, show_rank: bool) -> None:
    write(path, view, lang, show_rank=show_rank)


def _reason(going: Going[Outgoing]) -> str:
    """Why a message goes, as the dry run lists it."""
    if going.reason == "resend":
        return "again on purpose (--resend)"
    if going.reason == "new_address" and going.earlier is not None:
        return f"new address (earlier to {going.earlier['recipient']})"
    if going.reason == "changed" and going.earlier is not None:
        return f"changed since it went on {_when(going.earlier['at'])}"
    return "new"


def _when(at: str) -> str:
    """'2026-12-03T10:40:12+00:00' as '3.12.2026 10:40 UTC'."""
    day, _, time = at.partition("T")
    year, month, dd = day.split("-")
    return f"{int(dd)}.{int(month)}.{year} {time[:5]} UTC"


def _deliver(
    store: Store,
    slug: str,
    kind: str,
    round_id: int | None,
    items: list[Outgoing],
    out_dir: Path | None,
    send: bool,
    dry_run: bool,
    resend: tuple[str, ...],
    *,
    noun: str,
) -> int:
    """Write or send what has not gone out yet; returns how many went in this run."""
    from awards.mailing import plan_delivery
    from awards.text import normalize_email

    history = store.mail.history(slug, kind, round_id)
    again = {normalize_email(e) for e in resend}
    addresses = {i.to_address for i in items}
    unknown = sorted(again - addresses)
    if unknown:
        raise click.ClickException(
            f"--resend {', '.join(unknown)}: no {noun} in this run goes to that address"
        )
    plan = plan_delivery(items, history, again)
    todo = [(going.message, _reason(going)) for going in plan.going]
    already = [(held.message, held.record) for held in plan.already]
    uncertain = [(held.message, held.record) for held in plan.uncertain]
    if already:
        last = max(r["at"] for _, r in already)
        how = {r["via"] for _, r in already}
        way = "sent" if how == {"smtp"} else ("written as drafts" if how == {"draft"} else "out")
        echo_ok(
            f"{len(already)} {noun}(s) already {way}, unchanged (last {_when(last)}); "
            "not again (--resend EMAIL sends one again on purpose)."
        )
    for item, row in uncertain:
        click.echo(
            f"Warning: the {noun} to {item.to_address} was being sent when a run stopped "
            f"({_when(row['at'])}) and may have gone; not sent again: check, then "
            f"--resend {item.to_address}",
            err=True,
        )
    changed = [going for going in plan.going if going.reason == "changed"]
    if changed:
        echo_ok(f"{len(changed)} {noun}(s) changed since they went: these go again as new.")
    if not todo:
        echo_ok(f"Nothing new to {'send' if send else 'write'}.")
        return 0
    if dry_run:
        verb = "Would send" if send else "Would write"
        echo_ok(f"{verb} {len(todo)} {noun}(s) (dry run: nothing sent, written or recorded):")
        for item, reason in todo:
            echo_ok(f"  {item.to_name} <{item.to_address}>: {item.attachment_name} ({reason})")
        return len(todo)
    if send:
        return _send(store, slug, kind, round_id, todo, noun)
    return _write_drafts(store, slug, kind, round_id, todo, out_dir or DEFAULT_OUT, noun)


def _attachment(item: Outgoing) -> Any:
    import tempfile

    from awards.exports.mail import Attachment

    with tempfile.TemporaryDirectory(prefix="awards-mail-") as folder:
        path = Path(folder) / f"attachment.{item.extension}"
        item.render(path)
        return Attachment(item.attachment_name, path.read_bytes(), item.extension)


def _sender(store: Store, lang: str) -> Sender:
    import re

    from awards.exports.mail import Sender

    smtp = store.organizer.smtp()
    organiser = store.organizer.get()
    coordinator = smtp["smtp_from"]
    if not coordinator and organiser.contact:
        found = re.search(r"[^\s,;<>()]+@[^\s,;<>()]+\.[^\s,;<>()]+", organiser.contact)
        coordinator = found.group(0).rstrip(".") if found else None
    return Sender(organiser.name_in(lang), coordinator, coordinator)


def _record(
    store: Store,
    slug: str,
    kind: str,
    round_id: int | None,
    item: Outgoing,
    attachment: Any,
    msg_id: str,
    via: str,
    status: str,
) -> int:
    import hashlib

    return store.mail.record(
        slug,
        round_id=round_id,
        kind=kind,
        whose=item.whose,
        recipient=item.to_address,
        subject=item.subject,
        attachment=attachment.filename,
        sha256=hashlib.sha256(attachment.data).hexdigest(),
        content=item.content,
        message_id=msg_id,
        via=via,
        status=status,
        details=item.details,
    )


def _write_drafts(
    store: Store,
    slug: str,
    kind: str,
    round_id: int | None,
    todo: list[tuple[Outgoing, str]],
    out_dir: Path,
    noun: str,
) -> int:
    from awards.exports.mail import draft_filename
    from awards.exports.safe import atomic_output, safe_filename

    from .output import progress

    out_dir.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    senders: dict[str, Sender] = {}
    for item, _ in progress(todo, "Writing drafts"):
        sender = senders.setdefault(item.lang, _sender(store, item.lang))
        attachment, msg_id, msg = _message(item, sender, draft=True)
        stem = draft_filename(f"{kind}-{item.to_name or item.to_address}")
        path = out_dir / safe_filename(stem, taken, ".eml")
        with atomic_output(path) as partial:
            partial.write_bytes(msg.as_bytes())
        _record(store, slug, kind, round_id, item, attachment, msg_id, "draft", "written")
    echo_ok(
        f"Wrote {len(todo)} {noun} draft(s) to {out_dir}/: open each in Outlook or Thunderbird "
        "and send it from your own account (or use --send)."
    )
    if not any(s.address for s in senders.values()):
        click.echo(
            "Note: no coordinator address (`awards organizer set --smtp-from ADDR`, or an "
            "address in --contact): the drafts have no From or Reply-To; your mail program "
            "fills in the sender.",
            err=True,
        )
    return len(todo)


def _send(
    store: Store,
    slug: str,
    kind: str,
    round_id: int | None,
    todo: list[tuple[Outgoing, str]],
    noun: str,
) -> int:
    import os

    from awards.exports.smtp import ConnectionLost, SendRefused, SmtpSender

    from .output import progress

    smtp = store.organizer.smtp()
    if not smtp["smtp_host"]:
        raise click.ClickException(
            "no mail server set: `awards organizer set --smtp-host HOST --smtp-user USER "
            "--smtp-from ADDR`, or leave out --send to write .eml drafts for your mail program"
        )
    envelope = smtp["smtp_from"]
    if not envelope:
        raise click.ClickException(
            "no sender address: `awards organizer set --smtp-from ADDR` (the coordinator's "
            "address; replies go there)"
        )
    security = smtp["smtp_security"] or "starttls"
    if security == "none" and smtp["smtp_user"]:
        raise click.ClickException(
            "--smtp-security none with a login would send the password unencrypted; use "
            "starttls or tls, or a relay without a login (`awards organizer set --smtp-user ''`)"
        )
    if security == "none":
        click.echo(
            "Warning: --smtp-security none: the messages cross the network unencrypted "
            "(only for a relay on your own network).",
            err=True,
        )
    password = None
    if smtp["smtp_user"]:
        password = os.environ.get("AWARDS_SMTP_PASSWORD")
        if password is None:
            password = click.prompt(
                f"Password for {smtp['smtp_user']} at {smtp['smtp_host']}",
                hide_input=True,
                err=True,
            )
    sender_of: dict[str, Sender] = {}
    sent = 0
    failures: list[str] = []
    try:
        server = SmtpSender(
            smtp["smtp_host"], smtp["smtp_port"], security, smtp["smtp_user"], password
        )
        server.connect()
    except ConnectionLost as exc:
        raise click.ClickException(f"nothing was sent: {exc}") from None
    try:
        lost: str | None = None
        for index, (item, _) in enumerate(progress(todo, "Sending")):
            if lost is not None:
                failures.append(f"not sent to {item.to_address}: {lost}")
                continue
            sender = sender_of.setdefault(item.lang, _sender(store, item.lang))
            attachment, msg_id, msg = _message(item, sender, draft=False)
            mail_id = _record(
                store, slug, kind, round_id, item, attachment, msg_id, "smtp", "sending"
            )
            try:
                server.send(msg, envelope, item.to_address)
            except SendRefused as exc:
                store.mail.finish(slug, mail_id, "failed", str(exc))
                failures.append(f"not sent to {item.to_address}: refused: {exc}")
                continue
            except ConnectionLost as exc:
                store.mail.finish(slug, mail_id, "failed", str(exc))
                failures.append(f"not sent to {item.to_address}: {exc}")
                lost = f"not tried after the connection was lost ({index + 1} of {len(todo)})"
                continue
            store.mail.finish(slug, mail_id, "sent")
            sent += 1
    finally:
        server.close()
    echo_ok(f"Sent {sent} of {len(todo)} {noun}(s) through {smtp['smtp_host']}.")
    if failures:
        for line in failures:
            click.echo(line, err=True)
        raise click.ClickException(
            f"{len(failures)} of {len(todo)} {noun}(s) not sent; run the same command again to "
            f"send them (the {sent} sent will not go twice)"
        )
    return sent


def _message(item: Any, sender: Any, *, draft: bool) -> tuple[Any, str, Any]:
    """One item's message, the same for a draft and for sending: (attachment, id, message)."""
    from awards.exports.mail import build_message, message_id

    attachment = _attachment(item)
    msg_id = message_id(sender)
    msg = build_message(
        sender=sender,
        to_name=item.to_name,
        to_address=item.to_address,
        subject=item.subject,
        blocks=item.blocks,
        lang=item.lang,
        msg_id=msg_id,
        attachment=attachment,
        draft=draft,
    )
    return attachment, msg_id, msg
