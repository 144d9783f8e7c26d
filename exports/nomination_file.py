"""Nomination files: a web form's export as CSV (Finnish Excel) or XLSX."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from awards.errors import FileRefused, InvalidValue
from awards.nominations import NominationInput
from awards.text import clean_line

from .tabular import MAX_CELL_CHARS, SEPARATOR_NAMES, Table, cell_text, match_header, read_table

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
    "title en": "title_en",
    "job title en": "title_en",
    "tehtävänimike en": "title_en",
    "tehtävänimike englanniksi": "title_en",
    "organization en": "organization_en",
    "organisation en": "organization_en",
    "organisaatio en": "organization_en",
    "organisaatio englanniksi": "organization_en",
    "nominee en": "nominee_en",
    "ehdokas en": "nominee_en",
    "ehdokas englanniksi": "nominee_en",
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
    "contact email": "contact_email",
    "nominee email": "contact_email",
    "candidate email": "contact_email",
    "ehdokkaan sähköposti": "contact_email",
    "ehdokkaan sähköpostiosoite": "contact_email",
    "yhteyssähköposti": "contact_email",
}

FIELDS = (
    "nominee",
    "organization",
    "title",
    "nominator",
    "nominator_email",
    "reason",
    "submitted",
    "title_en",
    "organization_en",
    "nominee_en",
    "contact_email",
)

# A form's own columns about the respondent (who filled the form in: the nominator) and the
# response, as Microsoft Forms, Google Forms, Webropol and Typeform head them.
RESPONDENT_COLUMNS: dict[str, str | None] = {
    "name": "nominator",
    "email": "nominator_email",
    "email address": "nominator_email",
    "sähköpostiosoite": "nominator_email",
    "id": None,
    "#": None,
    "vastaajan id": None,
    "respondent id": None,
    "network id": None,
    "start time": None,
    "start date (utc)": None,
    "completion time": "submitted",
    "submit date (utc)": "submitted",
    "vastausaika": "submitted",
}
# Words of a question text, and the field it asks for; the first that fits wins, so "tehtävä-
# nimike" is a title before "nimi" could make it a name.
GUESSES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("title", ("nimike", "job title", "title", "tehtävä")),
    ("nominator_email", ("sähköposti", "email", "e-mail")),
    ("nominator", ("nimesi", "your name", "oma nimi", "etunimesi", "ehdottaja", "nominator")),
    ("organization", ("organisaatio", "organization", "organisation", "työnantaja", "employer",
                      "yritys", "company", "työpaikka")),
    ("reason", ("perustel", "miksi", "why", "kerro", "reason", "ansaitse")),
    ("submitted", ("aikaleima", "timestamp", "submitted", "päivämäärä")),
    ("nominee", ("ehdok", "ehdote", "ehdotettav", "nominee", "candidate", "palkittav")),
)  # fmt: skip
_QUESTION_NUMBER = re.compile(r"^\d+[.)]\s*")

_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_FINNISH_DATE = re.compile(
    r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(?:klo\s+)?(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?$"
)


class ColumnChoice(NamedTuple):
    header: str
    field: str | None  # None: kept with each nomination as an extra column
    how: str  # mapped (--map) | remembered | named (a known column name) | guessed | kept


@dataclass
class NominationFile:
    rows: list[NominationInput]  # cleaned, each with its location
    encoding: str
    separator: str | None
    warnings: list[str]
    headers: list[str]
    columns: list[ColumnChoice]
    table: Table

    @property
    def form(self) -> str:
        return form_key(self.headers)

    @property
    def mapping(self) -> dict[str, str]:
        """What to remember for the next download of this form: the columns a name alone did
        not settle."""
        return {
            c.header: c.field
            for c in self.columns
            if c.field and c.how in ("mapped", "remembered", "guessed")
        }

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
    match = _US_DATE.match(text)
    if match:
        # A US-locale export (Google Forms): month/day/year; a first part above 12 can only be
        # the day (day/month/year).
        first, second, year, hour, minute, seconds = match.groups()
        month, day = (first, second) if int(first) <= 12 else (second, first)
        try:
            return _finnish_date(day, month, year, hour, minute, seconds)
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


def form_key(headers: Sequence[str]) -> str:
    """What identifies a form: its set of column names (as matched). The next download of the
    same form has the same columns, in any order."""
    return json.dumps(sorted({match_header(h) for h in headers if match_header(h)}))


def field_name(name: str) -> str:
    """A --map FIELD (English or Finnish, as the column names are) as its field; InvalidValue
    naming the fields otherwise."""
    field = COLUMNS.get(match_header(name)) or (name if name in FIELDS else None)
    if field is None:
        raise InvalidValue(f"unknown field {name!r} in --map; choose {', '.join(FIELDS)}")
    return field


def guess_field(header: str) -> tuple[str | None, bool]:
    """What a form's question text probably asks for, and whether the column is the form's own
    respondent column (Microsoft Forms' Name/Email, Google's collected address, Webropol's
    respondent id): those are the nominator's, never the nominee's."""
    text = _QUESTION_NUMBER.sub("", match_header(header))
    if text in RESPONDENT_COLUMNS:
        return RESPONDENT_COLUMNS[text], True
    for field, words in GUESSES:
        if any(word in text for word in words):
            if field == "nominee" and not any(w in text for w in ("nimi", "name")):
                continue
            return field, False
    return None, False


def choose_columns(
    headers: Sequence[str], explicit: Mapping[str, str], remembered: Mapping[str, str]
) -> list[ColumnChoice]:
    """Which column is which field: --map first, then the mapping remembered for this form,
    then the known column names, then unambiguous guesses from the question texts (a form's
    respondent columns only where no question asks the same). Refuses a --map naming a column
    the file lacks, listing the file's columns."""
    by_header = {match_header(h): i for i, h in enumerate(headers) if match_header(h)}
    choice: dict[int, tuple[str, str]] = {}
    for name, field in explicit.items():
        index = by_header.get(match_header(name))
        if index is None:
            raise InvalidValue(
                f"--map {name!r}: the file has no such column; its columns: "
                + ", ".join(repr(h) for h in headers if h)
            )
        choice[index] = (field, "mapped")
    taken = {field for field, _ in choice.values()}
    for name, field in remembered.items():
        index = by_header.get(match_header(name))
        if index is not None and index not in choice and field not in taken:
            choice[index] = (field, "remembered")
            taken.add(field)
    for index, header in enumerate(headers):
        named = COLUMNS.get(match_header(header))
        if named and index not in choice and named not in taken:
            choice[index] = (named, "named")
            taken.add(named)
    questions: dict[str, list[int]] = defaultdict(list)
    respondents: dict[str, list[int]] = defaultdict(list)
    for index, header in enumerate(headers):
        if index in choice:
            continue
        guessed, respondent = guess_field(header)
        if guessed and guessed not in taken:
            (respondents if respondent else questions)[guessed].append(index)
    for field in FIELDS:
        found = questions.get(field) or respondents.get(field) or []
        if len(found) == 1:  # a guess only when it is the one column that fits
            choice[found[0]] = (field, "guessed")
    return [
        ColumnChoice(header, *choice.get(index, (None, "kept")))
        for index, header in enumerate(headers)
    ]


def _refuse_without_nominee(name: str, headers: Sequence[str]) -> FileRefused:
    proposals = []
    for header in headers:
        field, respondent = guess_field(header)
        if field and not (respondent and field == "nominee"):
            proposals.append(f'--map "{header}={field}"')
    found = ", ".join(repr(h) for h in headers if h) or "none"
    message = (
        f"{name} has no nominee/ehdokas column, and no other column could be told apart as the "
        f"nominee's name (columns: {found})"
    )
    if proposals:
        message += ". Say which column is which, e.g. " + " ".join(proposals)
    else:
        message += '. Say which column is which with --map "COLUMN=nominee"'
    return FileRefused(message)


def parse_nomination_file(
    path: Path,
    explicit: Mapping[str, str] | None = None,
    remembered: Mapping[str, str] | None = None,
    table: Table | None = None,
) -> NominationFile:
    """Every row of the file, or FileRefused listing every problem with its row. `explicit`
    (--map) and `remembered` (the last successful mapping of this form) map column names to
    fields."""
    table = table or read_table(path, known=COLUMNS)
    problems: list[str] = []
    seen: set[str] = set()
    for header in table.headers:
        key = match_header(header)
        if key and key in seen:
            problems.append(f"the column {header!r} appears twice")
        seen.add(key)
    if problems:
        raise FileRefused(
            f"{path.name}: {len(problems)} problem(s); nothing was imported", problems
        )
    columns = choose_columns(table.headers, explicit or {}, remembered or {})
    fields = {i: c.field for i, c in enumerate(columns) if c.field}
    extras = {i: clean_line(c.header) for i, c in enumerate(columns) if not c.field and c.header}
    if "nominee" not in fields.values():
        raise _refuse_without_nominee(path.name, table.headers)
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
                    nominator_email=_email(values.get("nominator_email")),
                    reason=cell_text(values.get("reason")) or None,
                    submitted=submitted,
                    title_en=cell_text(values.get("title_en")) or None,
                    organization_en=cell_text(values.get("organization_en")) or None,
                    nominee_en=cell_text(values.get("nominee_en")) or None,
                    contact_email=cell_text(values.get("contact_email")) or None,
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
    guessed = [c for c in columns if c.how == "guessed"]
    if guessed:
        warnings.append(
            "guessed from the question texts: "
            + ", ".join(f"{c.header!r} = {c.field}" for c in guessed)
            + " (check with --dry-run; say otherwise with --map)"
        )
    return NominationFile(
        rows, table.encoding, table.separator, warnings, table.headers, columns, table
    )


def _email(value: object) -> str | None:
    """The nominator's email; Microsoft Forms writes `anonymous` for an anonymous response."""
    text = cell_text(value)
    return None if not text or text.casefold() == "anonymous" else text
