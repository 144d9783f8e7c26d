"""Messages for `awards mail`: data in, `email.message.EmailMessage` out. Nothing here opens a
connection or a database.

Headers with ä, ö and å are encoded as RFC 2047 words and attachment names as RFC 2231
parameters by the standard library's `email.policy.default`; bodies are UTF-8 (quoted-printable
or base64 as the policy decides). Every message has a plain-text body and a simple HTML
alternative made from the same paragraphs."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from .i18n import long_date

# A block of a message: a paragraph, or a list of bullet items.
Block = str | list[str]

MIME_TYPES = {
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("text", "csv"),
}


@dataclass(frozen=True)
class Sender:
    """The organiser's name as the display name; the coordinator's address as the sender and
    where replies go. `address` may be None for a draft: the mail program fills in the account."""

    name: str | None
    address: str | None
    reply_to: str | None


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes
    extension: str


@dataclass
class Outgoing:
    """One message a `mail` command means to send: whose document it carries (a juror's email,
    a nomination id), to whom, its words, and how to write its attachment. `content` is the
    sha256 of what the attachment says, stable across runs (a document's bytes are not: they
    hold the time they were saved)."""

    whose: str
    to_name: str | None
    to_address: str
    subject: str
    blocks: list[Block]
    lang: str
    attachment_name: str
    extension: str
    content: str
    render: Callable[[Path], None]
    details: dict[str, Any] = field(default_factory=dict)


def content_hash(*parts: object) -> str:
    """The sha256 of plain values (dataclasses included), in a stable JSON form."""
    import hashlib
    import json
    from dataclasses import asdict, is_dataclass

    plain = [asdict(p) if is_dataclass(p) and not isinstance(p, type) else p for p in parts]
    text = json.dumps(plain, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def address(name: str | None, email: str) -> Address:
    local, _, domain = email.rpartition("@")
    return Address(display_name=name or "", username=local, domain=domain)


def message_id(sender: Sender) -> str:
    domain = (sender.address or "").rpartition("@")[2] or "awards.invalid"
    return make_msgid(domain=domain)


def build_message(
    *,
    sender: Sender,
    to_name: str | None,
    to_address: str,
    subject: str,
    blocks: Sequence[Block],
    lang: str,
    msg_id: str,
    attachment: Attachment | None = None,
    draft: bool = False,
    when: datetime | None = None,
) -> EmailMessage:
    """One message. A draft carries `X-Unsent: 1`, so Outlook and Thunderbird open it as a
    message still to be sent from the coordinator's own account."""
    msg = EmailMessage()
    if sender.address:
        msg["From"] = address(sender.name, sender.address)
    if sender.reply_to:
        msg["Reply-To"] = address(sender.name, sender.reply_to)
    msg["To"] = address(to_name, to_address)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when or datetime.now().astimezone())
    msg["Message-ID"] = msg_id
    if draft:
        msg["X-Unsent"] = "1"
    msg.set_content(plain_text(blocks), charset="utf-8")
    msg.add_alternative(html_text(blocks, lang), subtype="html", charset="utf-8")
    if attachment is not None:
        maintype, subtype = MIME_TYPES[attachment.extension]
        msg.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype, filename=attachment.filename
        )
    msg["Content-Language"] = "fi-FI" if lang == "fi" else "en-GB"
    return msg


def plain_text(blocks: Sequence[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, list):
            parts.append("\n".join(f"- {item}" for item in block))
        else:
            parts.append(block)
    return "\n\n".join(parts) + "\n"


def html_text(blocks: Sequence[Block], lang: str) -> str:
    body = []
    for block in blocks:
        if isinstance(block, list):
            items = "".join(f"<li>{html.escape(item)}</li>" for item in block)
            body.append(f"<ul>{items}</ul>")
        else:
            text = html.escape(block).replace("\n", "<br>\n")
            body.append(f"<p>{text}</p>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"></head>\n'
        '<body style="font-family: sans-serif">\n' + "\n".join(body) + "\n</body></html>\n"
    )


def draft_filename(name: str) -> str:
    """A draft's file name keeps å, ä and ö (every mail program and file system of the
    coordinators reads them); other letters lose their accents, anything else becomes `-`."""
    kept = []
    for char in unicodedata.normalize("NFC", name):
        if char in "åäöÅÄÖ" or (char.isascii() and (char.isalnum() or char in "-_.")):
            kept.append(char)
        else:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
            kept.append(plain if plain.isalnum() else "-")
    text = re.sub(r"-{2,}", "-", "".join(kept)).strip("-.")
    return text[:100] or "message"


# ---- the words ------------------------------------------------------------------------------


def _count(lang: str, n: int, fi_one: str, fi_many: str, en_one: str, en_many: str) -> str:
    if lang == "fi":
        return f"{n} {fi_one if n == 1 else fi_many}"
    return f"{n} {en_one if n == 1 else en_many}"


def _sign(organiser: str | None, lang: str) -> str:
    thanks = "Kiitos!" if lang == "fi" else "Thank you!"
    return f"{thanks}\n{organiser}" if organiser else thanks


def sheet_message(
    lang: str,
    *,
    juror_name: str,
    competition_title: str,
    round_number: int,
    round_name: str,
    nominations: int,
    deadline: date | None,
    slug: str,
    fmt: str,
    organiser: str | None,
) -> tuple[str, list[Block]]:
    """The subject and body of the message that brings a juror their score sheet."""
    count = _count(lang, nominations, "ehdotus", "ehdotusta", "nomination", "nominations")
    if lang == "fi":
        subject = f"Arviointilomake: {competition_title}, {round_name}"
        blocks: list[Block] = [
            f"Hei {juror_name},",
            f"liitteenä on arviointilomakkeesi: {competition_title}, kierros {round_number} "
            f"({round_name}). Arvioitavanasi on {count}.",
        ]
        if deadline:
            blocks.append(f"Palautathan arviointisi viimeistään {long_date(deadline, lang)}.")
        blocks.append(
            f"Kirjoita pisteet lomakkeen tyhjiin soluihin ja palauta täytetty lomake "
            f"(.{fmt}) vastaamalla tähän viestiin. Älä muuta lomakkeen rakennetta: pisteet "
            f"luetaan siitä sellaisenaan (awards score import {slug})."
        )
    else:
        subject = f"Score sheet: {competition_title}, {round_name}"
        blocks = [
            f"Dear {juror_name},",
            f"attached is your score sheet for {competition_title}, round {round_number} "
            f"({round_name}). You have {count} to score.",
        ]
        if deadline:
            blocks.append(f"Please return your scores by {long_date(deadline, lang)}.")
        blocks.append(
            f"Type your scores into the empty cells and return the filled sheet (.{fmt}) by "
            f"replying to this message. Please keep the sheet's layout: the scores are read "
            f"from it as it is (awards score import {slug})."
        )
    blocks.append(_sign(organiser, lang))
    return subject, blocks


def reminder_message(
    lang: str,
    *,
    juror_name: str,
    competition_title: str,
    round_number: int,
    round_name: str,
    missing: Sequence[tuple[str, Sequence[str] | None]],
    deadline: date | None,
    fmt: str,
    organiser: str | None,
) -> tuple[str, list[Block]]:
    """A reminder naming what is missing: each candidate by name, with the criteria still
    unscored where some are already in (None: the whole candidate)."""
    items = []
    for name, criteria in missing:
        if criteria:
            lacking = ", ".join(criteria)
            items.append(f"{name} ({'puuttuu' if lang == 'fi' else 'missing'}: {lacking})")
        else:
            items.append(name)
    if lang == "fi":
        n = len(missing)
        count = f"{n} ehdokkaan {'arviointi' if n == 1 else 'arvioinnit'}"
        subject = f"Muistutus: arviointeja puuttuu – {competition_title}, {round_name}"
        blocks: list[Block] = [
            f"Hei {juror_name},",
            f"{competition_title}, kierros {round_number} ({round_name}): sinulta puuttuu "
            f"vielä {count}:",
            items,
        ]
        if deadline:
            blocks.append(f"Arvioinnit pyydetään viimeistään {long_date(deadline, lang)}.")
        blocks.append(
            f"Lomakkeesi on liitteenä uudelleen. Jos olet jo täyttänyt osan, voit jatkaa "
            f"omaa lomakettasi; palauta täytetty lomake (.{fmt}) vastaamalla tähän viestiin."
        )
    else:
        count = _count(lang, len(missing), "", "", "candidate", "candidates")
        subject = f"Reminder: scores missing – {competition_title}, {round_name}"
        blocks = [
            f"Dear {juror_name},",
            f"{competition_title}, round {round_number} ({round_name}): your scores for "
            f"{count} are still missing:",
            items,
        ]
        if deadline:
            blocks.append(f"Please return them by {long_date(deadline, lang)}.")
        blocks.append(
            f"Your sheet is attached again. If you have filled in part of it already, carry "
            f"on with your own copy; return the filled sheet (.{fmt}) by replying to this "
            f"message."
        )
    blocks.append(_sign(organiser, lang))
    return subject, blocks


def feedback_message(
    lang: str,
    *,
    greeting_name: str | None,
    competition_title: str,
    organiser: str | None,
) -> tuple[str, list[Block]]:
    """The message that carries a candidate's own feedback document."""
    if lang == "fi":
        subject = f"Palaute: {competition_title}"
        blocks: list[Block] = [
            f"Hei {greeting_name}," if greeting_name else "Hei,",
            f"kiitos osallistumisesta: {competition_title}. Liitteenä on tuomariston palaute: "
            "arviot alueittain verrattuna muihin ehdokkaisiin, vahvuudet, kehitysalueet ja "
            "tuomareiden kommentit nimettöminä.",
            "Palaute on tarkoitettu vain sinulle; voit vastata tähän viestiin, jos sinulla on "
            "kysyttävää.",
        ]
    else:
        subject = f"Your feedback: {competition_title}"
        blocks = [
            f"Dear {greeting_name}," if greeting_name else "Hello,",
            f"thank you for taking part in {competition_title}. Attached is the jury's "
            "feedback: your values by area against the other candidates, strengths, "
            "development areas and the jurors' comments, anonymously.",
            "The feedback is for you only; reply to this message with any questions.",
        ]
    blocks.append(_sign(organiser, lang))
    return subject, blocks
