"""Who runs the awards: one record per database, set with `awards organizer set`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from awards.errors import InvalidValue
from awards.rows import SmtpSettings
from awards.text import clean_line, clean_text

from .base import StoreBase

if TYPE_CHECKING:
    from awards.views import OrganizerView

FIELDS = (
    "name",
    "name_en",
    "about",
    "about_en",
    "contact",
    "contact_en",
    "embargo_time",
    "city",
)
# Paragraphs may hold line breaks; names and the city are one line.
_MULTILINE = {"about", "about_en", "contact", "contact_en"}
# How `awards mail --send` reaches the coordinator's own mail server. The password never is
# stored: it comes from AWARDS_SMTP_PASSWORD or a prompt each time.
SMTP_FIELDS = ("smtp_host", "smtp_port", "smtp_user", "smtp_from", "smtp_security")
SMTP_SECURITY = ("starttls", "tls", "none")
_TIME = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)$")


def embargo_time(value: str) -> str:
    """'9.00', '09:00' or '9:00' as the Finnish way of writing a time: '9.00'."""
    match = _TIME.match(value.strip())
    if not match:
        raise InvalidValue(f"embargo time {value!r} is not a time of day like 9.00 or 14.30")
    return f"{int(match.group(1))}.{match.group(2)}"


class Organizer:
    """The organiser's name, paragraph, media contact, embargo time and city."""

    def __init__(self, db: StoreBase) -> None:
        self.db = db

    def _row(self) -> dict[str, Any]:
        return self.db.row("SELECT * FROM organizer WHERE id = 1") or {}

    def get(self) -> OrganizerView:
        from awards.views import OrganizerView

        row = self._row()
        return OrganizerView(**{f: row.get(f) or None for f in FIELDS})

    def smtp(self) -> SmtpSettings:
        """The mail server settings: host, port, user, from, security (None: not set)."""
        row = self._row()
        return cast(SmtpSettings, {f: row.get(f) for f in SMTP_FIELDS})

    def set(self, **changes: str | None) -> OrganizerView:
        """Change the fields given (None: leave as is; an empty text clears the field)."""
        unknown = set(changes) - set(FIELDS) - set(SMTP_FIELDS)
        if unknown:
            raise InvalidValue(f"unknown organiser field(s): {', '.join(sorted(unknown))}")
        cleaned: dict[str, str | int | None] = {}
        for field, value in changes.items():
            if value is None:
                continue
            if field in SMTP_FIELDS:
                cleaned[field] = smtp_value(field, value)
            elif field == "embargo_time" and value.strip():
                cleaned[field] = embargo_time(value)
            elif field in _MULTILINE:
                cleaned[field] = clean_text(value).strip() or None
            else:
                cleaned[field] = clean_line(value) or None
        if not cleaned:
            raise InvalidValue(
                "nothing to set: give at least one of --name, --about, --contact, ..."
            )
        columns = (*FIELDS, *SMTP_FIELDS)
        with self.db.transaction():
            before = self._row()
            after = {f: before.get(f) for f in columns} | cleaned
            self.db.conn.execute(
                f"INSERT INTO organizer (id, {', '.join(columns)}) "
                f"VALUES (1, {', '.join('?' for _ in columns)}) "
                f"ON CONFLICT (id) DO UPDATE SET "
                + ", ".join(f"{f} = excluded.{f}" for f in columns),
                [after[f] for f in columns],
            )
            self.db.audit(
                "organizer.set",
                entity="organizer",
                entity_id=1,
                before={f: before.get(f) for f in cleaned} if before else None,
                after=cleaned,
            )
        return self.get()


def smtp_value(field: str, value: str) -> str | int | None:
    """One mail server setting as stored: a port is a number, security one of the three, an
    address an address; an empty text clears the setting."""
    from awards.text import is_email

    text = clean_line(value)
    if not text:
        return None
    if field == "smtp_port":
        if not text.isdigit() or not 0 < int(text) < 65536:
            raise InvalidValue(f"SMTP port {value!r} is not a port number (1–65535)")
        return int(text)
    if field == "smtp_security":
        if text.casefold() not in SMTP_SECURITY:
            raise InvalidValue(
                f"SMTP security {value!r}: choose {', '.join(SMTP_SECURITY)} "
                "(starttls is the default)"
            )
        return text.casefold()
    if field == "smtp_from" and not is_email(text):
        raise InvalidValue(f"{value!r} is not an email address (--smtp-from)")
    if field == "smtp_host" and (any(c.isspace() for c in text) or "/" in text):
        raise InvalidValue(f"{value!r} is not a host name (--smtp-host)")
    return text
