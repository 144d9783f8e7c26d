"""Who runs the awards: one record per database, set with `awards organizer set`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from awards.errors import InvalidValue
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

    def set(self, **changes: str | None) -> OrganizerView:
        """Change the fields given (None: leave as is; an empty text clears the field)."""
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise InvalidValue(f"unknown organiser field(s): {', '.join(sorted(unknown))}")
        cleaned: dict[str, str | None] = {}
        for field, value in changes.items():
            if value is None:
                continue
            if field == "embargo_time" and value.strip():
                cleaned[field] = embargo_time(value)
            elif field in _MULTILINE:
                cleaned[field] = clean_text(value).strip() or None
            else:
                cleaned[field] = clean_line(value) or None
        if not cleaned:
            raise InvalidValue(
                "nothing to set: give at least one of --name, --about, --contact, ..."
            )
        with self.db.transaction():
            before = self._row()
            after = {f: before.get(f) for f in FIELDS} | cleaned
            self.db.conn.execute(
                f"INSERT INTO organizer (id, {', '.join(FIELDS)}) "
                f"VALUES (1, {', '.join('?' for _ in FIELDS)}) "
                f"ON CONFLICT (id) DO UPDATE SET "
                + ", ".join(f"{f} = excluded.{f}" for f in FIELDS),
                [after[f] for f in FIELDS],
            )
            self.db.audit(
                "organizer.set",
                entity="organizer",
                entity_id=1,
                before={f: before.get(f) for f in cleaned} if before else None,
                after=cleaned,
            )
        return self.get()
