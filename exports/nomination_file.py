"""Nomination files: a web form's export as CSV (Finnish Excel) or XLSX."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from awards.errors import FileRefused, InvalidValue
from awards.nominations import NominationInput
from awards.text import clean_line

from .tabular import MAX_CELL_CHARS, SEPARATOR_NAMES, cell_text, match_header, read_table

# Column name (as match_header gives it) -> field, in English and Finnish (the README's "Files it
# reads" lists them; `nomination import --help` too).
COLUMNS = {
    "nominee": "nominee",
    "ehdokas": "nominee",
    "organization": "organization",
    "organisation": "organization",
    "organisaatio": "organization",
    "title": "title",
    "tehtävänimike": "title",
    "job title": "title",
    "nominator": "nominator",
    "ehdottaja": "nominator",
    "nominator email": "nominator_email",
    "ehdottajan sähköposti": "nominator_email",
    "reason": "reason",
    "perustelut": "reason",
    "submitted": "submitted",
    "päivämäärä": "submitted",
    "aikaleima": "submitted",
    "timestamp": "submitted",
}

_FINNISH_DATE = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?$"
)


@dataclass
class NominationFile:
    rows: list[NominationInput]  # cleaned, each with its location
    encoding: str
    separator: str | None
    warnings: list[str]
    headers: list[str]

    @property
    def read_as(self) -> str:
        if self.separator is None:
            return self.encoding
        return f"{self.encoding}, {SEPARATOR_NAMES[self.separator]}-separated"


def parse_date(value: object) -> str:
    """'5.3.2026 14.07' or ISO or a spreadsheet date -> ISO 8601. ValueError if not a date."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    match = _FINNISH_DATE.match(text)
    if match:
        try:
            return _finnish_date(*match.groups())
        except ValueError:
            raise ValueError(f"{text!r} is not a date (no such day or time)") from None
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat(timespec="minutes")
    except ValueError:
        raise ValueError(f"{text!r} is not a date (use 5.3.2026 14.07 or 2026-03-05)") from None


def _finnish_date(
    day: str, month: str, year: str, hour: str | None, minute: str | None, second: str | None
) -> str:
    if hour is None or minute is None:
        return date(int(year), int(month), int(day)).isoformat()
    moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    return moment.isoformat(timespec="seconds" if second else "minutes")


def parse_nomination_file(path: Path) -> NominationFile:
    """Every row of the file, or FileRefused listing every problem with its line."""
    table = read_table(path, known=COLUMNS)
    fields: dict[int, str] = {}
    extras: dict[int, str] = {}
    seen: dict[str, str] = {}
    problems: list[str] = []
    for index, header in enumerate(table.headers):
        key = match_header(header)
        if not key:
            continue
        if key in seen:
            problems.append(f"the column {header!r} appears twice")
            continue
        seen[key] = header
        if key in COLUMNS:
            if COLUMNS[key] in fields.values():
                problems.append(f"two columns mean {COLUMNS[key]}: {header!r} and another")
            fields[index] = COLUMNS[key]
        else:
            extras[index] = clean_line(header)
    if "nominee" not in fields.values():
        found = ", ".join(repr(h) for h in table.headers[:12] if h) or "none"
        raise FileRefused(
            f"{path.name} is not a nomination file: it has no nominee/ehdokas column "
            f"(columns found: {found})"
        )
    if problems:
        raise FileRefused(
            f"{path.name}: {len(problems)} problem(s); nothing was imported", problems
        )
    rows: list[NominationInput] = []
    width = len(table.headers)
    for raw in table.rows:
        values: dict[str, object] = {}
        extra: dict[str, str] = {}
        if len(raw.cells) > width and any(cell_text(c) for c in raw.cells[width:]):
            problems.append(
                f"{raw.location}: {len(raw.cells)} cells but only {width} columns "
                "(a separator inside an unquoted cell?)"
            )
            continue
        for index, cell in enumerate(raw.cells[:width]):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                problems.append(
                    f"{raw.location}: a cell is longer than {MAX_CELL_CHARS} characters"
                )
                continue
            if index in fields:
                values[fields[index]] = cell
            elif index in extras and cell_text(cell):
                extra[extras[index]] = cell_text(cell)
        submitted = None
        if cell_text(values.get("submitted")):
            try:
                submitted = parse_date(values["submitted"])
            except ValueError as exc:
                problems.append(f"{raw.location}: {exc}")
        try:
            rows.append(
                NominationInput(
                    nominee=cell_text(values.get("nominee")),
                    organization=cell_text(values.get("organization")) or None,
                    title=cell_text(values.get("title")) or None,
                    nominator=cell_text(values.get("nominator")) or None,
                    nominator_email=cell_text(values.get("nominator_email")) or None,
                    reason=cell_text(values.get("reason")) or None,
                    submitted=submitted,
                    extra=extra,
                    location=raw.location,
                ).cleaned()
            )
        except InvalidValue as exc:
            problems.append(f"{raw.location}: {exc}")
    if problems:
        raise FileRefused(
            f"{path.name}: {len(problems)} problem(s); nothing was imported", problems
        )
    if not rows:
        raise FileRefused(f"{path.name} has a header but no nominations")
    warnings = []
    if extras:
        warnings.append("kept extra columns with each nomination: " + ", ".join(extras.values()))
    return NominationFile(rows, table.encoding, table.separator, warnings, table.headers)
