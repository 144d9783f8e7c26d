"""Nomination files: a web form's export as CSV (Finnish Excel) or XLSX.

Which column is which field is settled in this order: `--map`, the mapping remembered for the
form, a header that is a field's own name (`ehdokas`, `nominee`), a form tool's own respondent
columns (the nominator's), then the words of a question ("Missä yrityksessä hän
työskentelee?"). Only the first and the third hold a column's values to the field's rules; a
column the tool only guessed never refuses the file: what does not fit stays as text.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from awards.errors import FileRefused, InvalidValue
from awards.nominations import NominationInput, field_problem
from awards.text import clean_line

from .tabular import MAX_CELL_CHARS, SEPARATOR_NAMES, Table, cell_text, match_header, read_table

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
LEAVE_OUT = "-"  # --map "HEADER=-": the column is left out

# The one table of header words the tool recognises, Finnish and English (as `match_header`
# gives them: casefolded, underscores as spaces). Each row: how a header is recognised, the
# field it gives (None: the column is kept with the nomination), and the words.
#   name        the field's own name; matched whole; its values are held to the field's rules
#   respondent  a form tool's own column about the respondent (who filled the form in: the
#               nominator, never the nominee) or the response; matched whole
#   response id the tool's id of a response; matched whole, the first found is used
#   question    words of a question that asks for the field; matched inside the header, rows
#               in this order (the first row that fits wins, so "tehtävänimike" is a title
#               before "nimi" could make it a name)
HEADER_WORDS: tuple[tuple[str, str | None, tuple[str, ...]], ...] = (
    ("name", "nominee", ("nominee", "ehdokas")),
    ("name", "organization", ("organization", "organisation", "organisaatio")),
    ("name", "title", ("title", "tehtävänimike", "job title")),
    ("name", "title_en", ("title en", "job title en", "tehtävänimike en",
                          "tehtävänimike englanniksi")),
    ("name", "organization_en", ("organization en", "organisation en", "organisaatio en",
                                 "organisaatio englanniksi")),
    ("name", "nominee_en", ("nominee en", "ehdokas en", "ehdokas englanniksi")),
    ("name", "nominator", ("nominator", "ehdottaja")),
    ("name", "nominator_email", ("nominator email", "ehdottajan sähköposti")),
    ("name", "reason", ("reason", "perustelut")),
    ("name", "submitted", ("submitted", "päivämäärä", "aikaleima", "timestamp")),
    ("name", "contact_email", ("contact email", "nominee email", "candidate email",
                               "ehdokkaan sähköposti", "ehdokkaan sähköpostiosoite",
                               "yhteyssähköposti")),
    # Microsoft Forms (English and Finnish exports)
    ("respondent", "nominator", ("name", "nimi")),
    ("respondent", "nominator_email", ("email", "sähköposti")),
    ("respondent", "submitted", ("completion time", "valmistumisaika")),
    ("respondent", None, ("start time", "aloitusaika", "last modified time",
                          "viimeksi muokattu", "viimeksi muokattu aika", "viimeisin muokkausaika",
                          "total points", "pisteet yhteensä", "quiz feedback")),
    # Google Forms
    ("respondent", "nominator_email", ("email address", "sähköpostiosoite")),
    ("respondent", None, ("score", "pisteet")),
    # Webropol
    ("respondent", "submitted", ("vastausaika", "response time", "vastauspäivämäärä",
                                 "vastattu", "answered")),
    # Typeform
    ("respondent", "submitted", ("submit date (utc)", "submitted at")),
    ("respondent", None, ("start date (utc)", "stage date (utc)", "network id", "response type",
                          "tags", "ending")),
    ("response id", None, ("token", "id", "#", "respondent id", "vastaajan id", "vastaaja id",
                           "vastaajatunnus", "response id", "vastauksen id")),
    ("question", "title", ("nimike", "job title", "titteli")),
    ("question", "contact_email", ("ehdokkaan sähköposti", "ehdokkaan sähköpostiosoite",
                                   "nominee's email", "candidate's email")),
    ("question", "nominator_email", ("sähköposti", "email", "e-mail", "s-posti")),
    ("question", "nominator", ("nimesi", "your name", "oma nimi", "omat tiedot", "etunimesi",
                               "ehdottaja", "nominator", "yhteystietosi")),
    ("question", "organization", ("organisaatio", "organization", "organisation", "työnantaja",
                                  "employer", "yritys", "yrityk", "company", "työpaikka",
                                  "työpaik", "workplace", "virasto", "works for", "work for")),
    ("question", "reason", ("perustel", "miksi", "why", "kerro", "reason", "ansaitse",
                            "tell us", "describe")),
    ("question", "title", ("tehtävä", "title", "ammatti", "job", "position", "rooli", "role")),
    ("question", "organization", ("työskentelee", "töissä", "works at")),
    ("question", "submitted", ("aikaleima", "timestamp", "submitted", "päivämäärä")),
    ("question", "nominee", ("ehdok", "ehdote", "ehdotettav", "nominee", "candidate",
                             "palkittav")),
)  # fmt: skip

COLUMNS = {word: f for kind, f, words in HEADER_WORDS if kind == "name" for word in words}
RESPONDENT_COLUMNS = {
    word: f for kind, f, words in HEADER_WORDS if kind == "respondent" for word in words
}
RESPONSE_IDS = tuple(w for kind, _, words in HEADER_WORDS if kind == "response id" for w in words)
GUESSES = tuple((f, words) for kind, f, words in HEADER_WORDS if kind == "question" and f)
# Every header matched whole: what tells a CSV file's separator from a wrong guess.
KNOWN_HEADERS = frozenset(COLUMNS) | frozenset(RESPONDENT_COLUMNS) | frozenset(RESPONSE_IDS)
# A question about the nominee's name: one of these besides a nominee word.
_NAME_WORDS = ("nimi", "name")
# A question about someone else than the nominator: its email is never the nominator's.
_NOMINEE_WORDS = ("ehdok", "ehdote", "ehdotettav", "nominee", "candidate", "palkittav")
# Someone else named in a question about the nominee ("Ehdokkaan esihenkilön nimi").
_OTHER_PEOPLE = ("esihenkilö", "esimie", "supervisor", "manager", "referee", "suosittelija")
# What makes a column likely to hold the nominee, for the hint when none is recognised.
_PERSON_WORDS = ("name", "nimi", "kenet", "who", "ehdok", "ehdote", "nominee", "candidate",
                 "henkilö", "person", "palkit", "advisor", "neuvoja")  # fmt: skip
_QUESTION_NUMBER = re.compile(r"^(?:q?\d+[.):]\s*)+")
_PERSON_NAME = re.compile(r"^[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){1,2}$")

_TIME = r"(?:\s+(?:klo\s+)?(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?(?:\s*([AaPp][Mm]))?)?"
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})" + _TIME + "$")
_FINNISH_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})" + _TIME + "$")


class ColumnChoice(NamedTuple):
    header: str  # as shown and kept: a repeated header numbered, an empty one "(column N)"
    field: str | None  # None: kept with each nomination as an extra column (or left out)
    # mapped (--map) | remembered | named (a field's own name) | respondent (a form tool's own
    # column) | guessed (from the question) | response id | kept | left out
    how: str

    @property
    def strict(self) -> bool:
        """Whether a value that does not fit refuses the file: only what the coordinator said
        (--map) or a header that is the field's own name."""
        return self.how in ("mapped", "named")


@dataclass
class NominationFile:
    rows: list[NominationInput]  # cleaned, each with its location
    encoding: str
    separator: str | None
    warnings: list[str]
    headers: list[str]
    columns: list[ColumnChoice]
    table: Table
    skipped: list[str] = dataclass_field(default_factory=list)  # where a response had no nominee
    refusal: FileRefused | None = None  # the file cannot be imported as it is mapped
    without_organization: int = 0  # nominations with no organisation

    @property
    def form(self) -> str:
        return form_key(self.headers)

    @property
    def mapping(self) -> dict[str, str]:
        """What to remember for the next download of this form: the columns a name alone did
        not settle, and those left out."""
        remembered = {
            c.header: c.field
            for c in self.columns
            if c.field and c.how in ("mapped", "remembered", "guessed")
        }
        remembered.update({c.header: LEAVE_OUT for c in self.columns if c.how == "left out"})
        return remembered

    @property
    def read_as(self) -> str:
        if self.separator is None:
            return self.encoding
        return f"{self.encoding}, {SEPARATOR_NAMES[self.separator]}-separated"


def unique_headers(headers: Sequence[str]) -> list[str]:
    """Every column its own name, as the coordinator sees it: a repeated header (a survey's
    "Other" after each question) as `Other`, `Other (2)`, ...; an empty one as `(column N)`."""
    result: list[str] = []
    used: set[str] = set()
    counts: Counter[str] = Counter()
    for index, header in enumerate(headers, 1):
        text = clean_line(str(header or ""))
        if not match_header(text):
            name = f"(column {index})"
        else:
            counts[match_header(text)] += 1
            number = counts[match_header(text)]
            name = text if number == 1 else f"{text} ({number})"
            while match_header(name) in used:
                number += 1
                name = f"{text} ({number})"
        used.add(match_header(name))
        result.append(name)
    return result


def parse_date(value: object) -> str:
    """'5.3.2026 14.07', '9/14/26 10:35:40', ISO or a spreadsheet date -> ISO 8601. ValueError
    if not a date."""
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
        # A US-locale export (Google Forms, or a CSV re-saved by Excel: `9/14/26 10:35:40`):
        # month/day/year; a first part above 12 can only be the day (day/month/year).
        first, second, year, *time = match.groups()
        month, day = (first, second) if int(first) <= 12 else (second, first)
        try:
            return _finnish_date(day, month, year, *time)
        except ValueError:
            raise ValueError(f"{text!r} is not a date (no such day or time)") from None
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat(timespec="minutes")
    except ValueError:
        raise ValueError(f"{text!r} is not a date (use 5.3.2026 14.07 or 2026-03-05)") from None


def _finnish_date(
    day: str,
    month: str,
    year: str,
    hour: str | None,
    minute: str | None,
    second: str | None,
    half: str | None = None,
) -> str:
    full_year = int(year) + 2000 if len(year) == 2 else int(year)  # '26 as Excel writes it
    if hour is None or minute is None:
        return date(full_year, int(month), int(day)).isoformat()
    hours = int(hour)
    if half:
        if not 1 <= hours <= 12:
            raise ValueError("no such hour")
        hours = hours % 12 + (12 if half.casefold() == "pm" else 0)
    moment = datetime(full_year, int(month), int(day), hours, int(minute), int(second or 0))
    return moment.isoformat(timespec="seconds" if second else "minutes")


def form_key(headers: Sequence[str]) -> str:
    """What identifies a form: its set of column names (as matched). The next download of the
    same form has the same columns, in any order."""
    return json.dumps(sorted({match_header(h) for h in headers if match_header(h)}))


def field_name(name: str) -> str:
    """A --map FIELD (English or Finnish, as the column names are, or `-` to leave the column
    out) as its field; InvalidValue naming the fields otherwise."""
    if name.strip() == LEAVE_OUT:
        return LEAVE_OUT
    field = COLUMNS.get(match_header(name)) or (name if name in FIELDS else None)
    if field is None:
        raise InvalidValue(
            f"unknown field {name!r} in --map; choose {', '.join(FIELDS)}, or - to leave the "
            "column out"
        )
    return field


def _question(header: str) -> str:
    return _QUESTION_NUMBER.sub("", match_header(header))


def guess_field(header: str) -> tuple[str | None, bool]:
    """What a form's question text probably asks for, and whether the column is the form's own
    respondent column (Microsoft Forms' Name/Email, Google's collected address, Webropol's
    answer time): those are the nominator's, never the nominee's."""
    text = _question(header)
    if text in RESPONDENT_COLUMNS:
        return RESPONDENT_COLUMNS[text], True
    if text in RESPONSE_IDS:
        return None, True
    for field, words in GUESSES:
        if any(word in text for word in words):
            if field == "nominee" and (
                not any(w in text for w in _NAME_WORDS) or any(w in text for w in _OTHER_PEOPLE)
            ):
                continue
            if field == "nominator_email" and any(w in text for w in _NOMINEE_WORDS):
                return None, False  # the nominee's own address is no nominator's
            return field, False
    return None, False


def choose_columns(
    headers: Sequence[str],
    explicit: Mapping[str, str],
    remembered: Mapping[str, str],
    original: Sequence[str] | None = None,
) -> tuple[list[ColumnChoice], list[str]]:
    """Which column is which field, and the problems with what was asked: --map first, then
    the mapping remembered for this form, then the fields' own names, then unambiguous
    guesses from the question texts (a form's respondent columns only where no question asks
    the same). `headers` are unique (`unique_headers`); `original` as the file has them."""
    problems: list[str] = []
    by_header = {match_header(h): i for i, h in enumerate(headers)}
    repeats = Counter(match_header(h) for h in (original or headers) if match_header(h))
    choice: dict[int, tuple[str | None, str]] = {}
    mapped_to: dict[str, list[str]] = defaultdict(list)
    for name, field in explicit.items():
        key = match_header(name)
        if repeats.get(key, 0) > 1:
            numbered = [
                h for h in headers if h == name.strip() or h.startswith(f"{name.strip()} (")
            ]
            problems.append(
                f"--map {name!r}: {repeats[key]} columns are headed {name.strip()!r}; name one "
                f"as the file's columns are shown: {', '.join(repr(h) for h in numbered[:3])}"
                + (", ..." if len(numbered) > 3 else "")
            )
            continue
        index = by_header.get(key)
        if index is None:
            problems.append(
                f"--map {name!r}: the file has no such column; its columns: "
                + ", ".join(repr(h) for h in headers)
            )
            continue
        if field == LEAVE_OUT:
            choice[index] = (None, "left out")
            continue
        choice[index] = (field, "mapped")
        mapped_to[field].append(headers[index])
    for field, names in mapped_to.items():
        if len(names) > 1:
            problems.append(
                f"--map gives {field} to {len(names)} columns ({', '.join(map(repr, names))}); "
                "one column per field: map only one of them"
            )
    taken = {field for field, _ in choice.values() if field}
    for name, field in remembered.items():
        index = by_header.get(match_header(name))
        if index is None or index in choice or field in taken:
            continue
        if field == LEAVE_OUT:
            choice[index] = (None, "left out")
        elif field in FIELDS:
            choice[index] = (field, "remembered")
            taken.add(field)
    named: dict[str, list[int]] = defaultdict(list)
    for index, header in enumerate(headers):
        own = COLUMNS.get(match_header(header))
        if own and index not in choice and own not in taken:
            named[own].append(index)
    for field, indexes in named.items():
        if len(indexes) > 1:
            names = [headers[i] for i in indexes]
            problems.append(
                f"the columns {' and '.join(map(repr, names))} both name the field {field}: "
                f'say which with --map "{names[0]}={field}" (or leave one out with '
                f'--map "{names[-1]}=-")'
            )
            continue
        choice[indexes[0]] = (field, "named")
        taken.add(field)
    questions: dict[str, list[int]] = defaultdict(list)
    respondents: dict[str, list[int]] = defaultdict(list)
    response_ids: list[int] = []
    for index, header in enumerate(headers):
        if index in choice:
            continue
        guessed, respondent = guess_field(header)
        if respondent and _question(header) in RESPONSE_IDS:
            response_ids.append(index)
        elif guessed and guessed not in taken:
            (respondents if respondent else questions)[guessed].append(index)
    for field in FIELDS:
        if field in questions:
            found, how = questions[field], "guessed"
        else:
            found, how = respondents.get(field, []), "respondent"
        if len(found) == 1:  # a guess only when it is the one column that fits
            choice[found[0]] = (field, how)
    if response_ids:
        first = min(response_ids, key=lambda i: RESPONSE_IDS.index(_question(headers[i])))
        choice[first] = (None, "response id")
    columns = [
        ColumnChoice(header, *choice.get(index, (None, "kept")))
        for index, header in enumerate(headers)
    ]
    return columns, problems


def _nominee_candidates(
    columns: Sequence[ColumnChoice], table: Table
) -> list[tuple[float, str, str]]:
    """The columns not yet understood that may hold the nominee's name, most likely first:
    (score, header, why). A header asking for a person, and values that look like two or three
    capitalised words, mostly different from row to row."""
    ranked = []
    sample = table.rows[:500]
    for index, column in enumerate(columns):
        if column.field or column.how != "kept":
            continue
        text = _question(column.header)
        asks = any(word in text for word in _PERSON_WORDS)
        values = [
            cell_text(r.cells[index]) for r in sample if index < len(r.cells) and r.cells[index]
        ]
        values = [v for v in values if v]
        names = [v for v in values if _PERSON_NAME.match(v) and v[0].isupper()]
        share = len(names) / len(values) if values else 0.0
        distinct = len(set(values)) / len(values) if values else 0.0
        score = (2.0 if asks else 0.0) + 3.0 * share + (distinct if share >= 0.5 else 0.0)
        if score < 1.5:
            continue
        why = []
        if asks:
            why.append("the question asks for a person")
        if values and share >= 0.5:
            why.append(f"{round(100 * share)} % of its answers look like names")
        ranked.append((score, column.header, ", ".join(why)))
    ranked.sort(key=lambda r: -r[0])
    return ranked


def _refuse_without_nominee(
    name: str, columns: Sequence[ColumnChoice], table: Table
) -> FileRefused:
    understood = ", ".join(
        f"{c.header!r} = {c.field}" for c in columns if c.field and c.how != "kept"
    )
    kept = ", ".join(repr(c.header) for c in columns if not c.field and c.how == "kept")
    message = f"{name} has no nominee/ehdokas column, and no column could be told for the nominee"
    ranked = _nominee_candidates(columns, table)
    if ranked:
        best = ranked[0]
        message += (
            f'. Say which column holds the nominee, most likely first: --map "{best[1]}=nominee"'
            f" ({best[2]})"
        )
        others = [f'--map "{h}=nominee"' for _, h, _ in ranked[1:3]]
        if others:
            message += "; else " + " or ".join(others)
    else:
        message += '. Say which column holds the nominee with --map "COLUMN=nominee"'
    message += f" (understood: {understood or 'none'}; other columns: {kept or 'none'})"
    return FileRefused(message)


def parse_nomination_file(
    path: Path,
    explicit: Mapping[str, str] | None = None,
    remembered: Mapping[str, str] | None = None,
    table: Table | None = None,
    *,
    keep_refusal: bool = False,
) -> NominationFile:
    """Every row of the file, or FileRefused listing every problem with its row. With
    `keep_refusal` the refusal is returned in `refusal` instead of raised, so that a dry run
    can show the mapping first. `explicit` (--map) and `remembered` (the last successful
    mapping of this form) map column names to fields (or `-`)."""
    parsed = _parse(path, explicit, remembered, table)
    if parsed.refusal is not None and not keep_refusal:
        raise parsed.refusal
    return parsed


def _parse(
    path: Path,
    explicit: Mapping[str, str] | None,
    remembered: Mapping[str, str] | None,
    table: Table | None,
) -> NominationFile:
    table = table or read_table(path, known=KNOWN_HEADERS)
    original = list(table.headers)
    headers = unique_headers(original)
    columns, problems = choose_columns(headers, explicit or {}, remembered or {}, original)
    result = NominationFile(
        [], table.encoding, table.separator, [], headers, columns, table
    )  # fmt: skip
    if problems:
        result.refusal = FileRefused(
            f"{path.name}: {len(problems)} problem(s) with the columns; nothing was imported",
            problems,
        )
        return result
    if not any(c.field == "nominee" for c in columns):
        result.refusal = _refuse_without_nominee(path.name, columns, table)
        return result
    fields = {i: c for i, c in enumerate(columns) if c.field}
    extras = {i: c.header for i, c in enumerate(columns) if not c.field and c.how != "left out"}
    id_column = next((i for i, c in enumerate(columns) if c.how == "response id"), None)
    form = _form_id(form_key(headers))
    misfits: dict[int, list[str]] = defaultdict(list)
    rows: list[NominationInput] = []
    width = len(headers)
    for raw in table.rows:
        if len(raw.cells) > width and any(cell_text(c) for c in raw.cells[width:]):
            problems.append(
                f"{raw.location}: {len(raw.cells)} cells but only {width} columns "
                "(a separator inside an unquoted cell?)"
            )
            continue
        cells = list(raw.cells[:width]) + [None] * (width - len(raw.cells))
        if any(isinstance(c, str) and len(c) > MAX_CELL_CHARS for c in cells):
            problems.append(f"{raw.location}: a cell is longer than {MAX_CELL_CHARS} characters")
            continue
        values: dict[str, str | None] = {}
        extra = {extras[i]: cell_text(cells[i]) for i in extras if cell_text(cells[i])}
        for index, column in fields.items():
            value, problem = _field_value(column.field or "", cells[index])
            if problem is None:
                values[column.field or ""] = value
            elif column.strict:
                problems.append(f"{raw.location}: {column.header}: {problem}")
            else:  # a guess that does not fit: the answer stays, as text
                misfits[index].append(cell_text(cells[index]))
                extra[column.header] = cell_text(cells[index])
        if not values.get("nominee"):  # no nomination: skipped, counted and named
            result.skipped.append(raw.location)
            continue
        response = cell_text(cells[id_column]) if id_column is not None else ""
        try:
            rows.append(
                NominationInput(
                    nominee=values.get("nominee") or "",
                    organization=values.get("organization"),
                    title=values.get("title"),
                    nominator=values.get("nominator"),
                    nominator_email=values.get("nominator_email"),
                    reason=values.get("reason"),
                    submitted=values.get("submitted"),
                    title_en=values.get("title_en"),
                    organization_en=values.get("organization_en"),
                    nominee_en=values.get("nominee_en"),
                    contact_email=values.get("contact_email"),
                    extra=extra,
                    location=raw.location,
                    response_id=f"{form}:{response}" if response else None,
                ).cleaned()
            )
        except InvalidValue as exc:
            problems.append(f"{raw.location}: {exc}")
    if problems:
        result.refusal = FileRefused(
            f"{path.name}: {len(problems)} problem(s); nothing was imported", problems
        )
        return result
    if not rows:
        result.refusal = FileRefused(
            f"{path.name} has no nominations"
            + (f" ({len(result.skipped)} response(s) name no nominee)" if result.skipped else "")
        )
        return result
    result.rows = rows
    result.without_organization = sum(1 for r in rows if not r.organization)
    result.warnings = _warnings(columns, misfits)
    return result


def _field_value(field: str, cell: object) -> tuple[str | None, str | None]:
    """A cell as a field's value, or why it cannot be one: (value, None) or (None, problem)."""
    if field == "submitted":
        if not cell_text(cell):
            return None, None
        try:
            return parse_date(cell), None
        except ValueError as exc:
            return None, str(exc)
    text = cell_text(cell)
    if field == "reason" or not text:
        return text or None, None
    if field == "nominator_email" and text.casefold() == "anonymous":
        return None, None  # Microsoft Forms' word for an anonymous response
    # Checked as typed (cleaning, done once by NominationInput.cleaned, is the slow part);
    # a value that fails is checked again as it would be stored.
    if field_problem(field, text) is None:
        return text, None
    problem = field_problem(field, clean_line(text))
    return (None, problem) if problem else (text, None)


_MISFIT = {
    "nominator_email": "are not email addresses",
    "contact_email": "are not email addresses",
    "submitted": "are not dates",
}


def _warnings(columns: Sequence[ColumnChoice], misfits: Mapping[int, list[str]]) -> list[str]:
    warnings = []
    kept = [c.header for c in columns if not c.field and c.how in ("kept", "response id")]
    if kept:
        warnings.append(
            f"kept {len(kept)} other column(s) with each nomination: " + ", ".join(kept)
        )
    left = [c.header for c in columns if c.how == "left out"]
    if left:
        warnings.append(f"left out {len(left)} column(s) as mapped: " + ", ".join(left))
    respondent = [c for c in columns if c.how == "respondent"]
    if respondent:
        warnings.append(
            "the form's own respondent columns, taken as the nominator's: "
            + ", ".join(f"{c.header!r} = {c.field}" for c in respondent)
        )
    guessed = [c for c in columns if c.how == "guessed"]
    if guessed:
        warnings.append(
            "guessed from the question texts: "
            + ", ".join(f"{c.header!r} = {c.field}" for c in guessed)
            + " (check with --dry-run; say otherwise with --map)"
        )
    # Questions that each could be one field: neither is taken; said, with the flag to give.
    assigned = {c.field for c in columns if c.field}
    undecided: dict[str, list[str]] = defaultdict(list)
    for column in columns:
        could, own_column = guess_field(column.header)
        if column.how == "kept" and could and not own_column and could not in assigned:
            undecided[could].append(column.header)
    for could, headers in undecided.items():
        if len(headers) > 1:
            warnings.append(
                f"{len(headers)} questions could each be the {could} "
                f"({', '.join(map(repr, headers))}): all kept as text; say which with "
                f'--map "{headers[0]}={could}"'
            )
    for index, values in misfits.items():
        column = columns[index]
        what = _MISFIT.get(column.field or "", f"do not fit {column.field}")
        examples = ", ".join(repr(v[:40]) for v in list(dict.fromkeys(values))[:3])
        warnings.append(
            f"{column.header!r} ({column.how} as {column.field}): {len(values)} value(s) {what} "
            f"(e.g. {examples}); kept as text with their nominations. Leave the column out with "
            f'--map "{column.header}=-", or hold it to the rule with '
            f'--map "{column.header}={column.field}"'
        )
    return warnings


def _form_id(form: str) -> str:
    import hashlib

    return hashlib.sha256(form.encode()).hexdigest()[:12]
