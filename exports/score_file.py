"""Score files: CSV/XLSX in long or wide form, and filled .docx score sheets.

Every problem is collected with its location and the whole file is refused, so a juror's sheet
is never half-imported.
"""

from __future__ import annotations

import math
import re
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from awards.errors import FileRefused
from awards.models import Criterion
from awards.scores import ScoreInput
from awards.text import clean_text, is_email, normalize_email

from .tabular import MAX_CELL_CHARS, cell_text, check_zip, match_header, read_table

_T = TypeVar("_T")

SHEET_SUBJECT = "awards score sheet"
JUROR = {"juror", "tuomari", "arvioija", "juror email", "email", "sähköposti"}
NOMINATION = {"nomination", "nomination id", "id", "nro", "ehdotus"}
CRITERION = {"criterion", "kriteeri"}
SCORE = {"score", "pisteet", "arvo", "value"}
COMMENT = {"comment", "kommentti", "comments", "kommentit"}
INFORMATION = {
    "nominee",
    "ehdokas",
    "candidate",
    "organization",
    "organisation",
    "organisaatio",
    "name",
    "nimi",
}

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass
class ScoreFile:
    rows: list[ScoreInput]
    sheet_competition: str | None
    sheet_round: int | None
    sheet_juror: str | None
    form: str  # "long" | "wide" | "docx-sheet"


def label(text: object) -> str:
    """A column or criterion as an error message shows it: as the juror reads it on the sheet,
    "Asiakaskohtaaminen (encounter, 0–10)", without the soft hyphens the sheet's narrow header
    cells carry, its lines joined, never as a Python repr ('Asiakas\\xadkohtaaminen...')."""
    shown = str(text or "").replace("\u00ad", "").replace("\u200b", "")
    shown = re.sub(r"(?<=[^\s(])\(", " (", shown)  # "kohtaaminen(encounter" as two lines were
    shown = " ".join(shown.split())
    return shown


_NUMBER = re.compile(r"[-+]?(\d+([.,]\d*)?|[.,]\d+)([eE][-+]?\d+)?")


def parse_value(value: object) -> float:
    """7,5 or 7.5 or a spreadsheet number -> float; ValueError for text, NaN, inf, 1e309."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip()
        whole, comma, decimals = text.partition(",")
        if text.isascii() and whole.isdigit() and (not comma or decimals.isdigit()):
            # "7" or "7,5": most cells of a score file, without the pattern below
            number = float(f"{whole}.{decimals}" if comma else whole)
        else:
            text = text.replace("\u2212", "-").replace(" ", "").replace("\u00a0", "")
            if not _NUMBER.fullmatch(text):
                raise ValueError(f"{str(value).strip()!r} is not a number")
            number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise ValueError(f"{value!s} is not a finite number")
    return number


def parse_id(value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = cell_text(value)
    if not re.fullmatch(r"\d{1,12}", text) or int(text) < 1:
        raise ValueError(f"{text!r} is not a nomination id")
    return int(text)


def _read_once(read: dict[str, _T], value: object, parse: Callable[[object], _T]) -> _T:
    """`parse(value)`, a text read once however often the file repeats it (its nomination ids
    and values are on every line); a refusal (ValueError) is not remembered."""
    if type(value) is not str:
        return parse(value)
    found = read.get(value)
    if found is None:
        found = read[value] = parse(value)
    return found


def _criterion_lookup(criteria: Sequence[Criterion]) -> dict[str, Criterion]:
    """Every way a header may name a criterion (as `match_header` gives it): its English or
    Finnish name, or its key; a key wins over another criterion's name."""
    lookup: dict[str, Criterion] = {}
    for c in criteria:
        for name in (c.name_en, c.name_fi):
            lookup[match_header(name)] = c
    for c in criteria:
        lookup[match_header(c.key)] = c
    return lookup


def holds_scores(path: Path, criteria: Sequence[Criterion]) -> bool:
    """Whether a sheet at `path` holds any score or remark (a file that cannot be read as a
    sheet counts as holding something: it is not ours to overwrite)."""
    if path.is_symlink() or not path.is_file():
        return path.is_symlink()
    try:
        parsed = parse_score_file(path, criteria)
    except FileRefused:
        return True
    return any(row.comment or row.value is not None for row in parsed.rows)


def parse_score_file(path: Path, criteria: Sequence[Criterion]) -> ScoreFile:
    from awards.bulk import paused_gc

    from .tabular import require_regular_file

    require_regular_file(path)
    if path.suffix.casefold() == ".docx":
        return _parse_docx_sheet(path, criteria)
    with paused_gc():  # a row and a ScoreInput per score, no cycles (awards/bulk.py)
        return _parse_table_file(path, criteria)


def _parse_table_file(path: Path, criteria: Sequence[Criterion]) -> ScoreFile:
    """A CSV or XLSX score file, long or wide form."""
    lookup = _criterion_lookup(criteria)
    known = JUROR | NOMINATION | CRITERION | SCORE | COMMENT | INFORMATION | set(lookup)
    table = read_table(path, known=known)
    columns = [match_header(h) for h in table.headers]
    problems: list[str] = []
    seen: set[str] = set()
    for header, key in zip(table.headers, columns, strict=True):
        if key and key in seen:
            problems.append(f"the column '{label(header)}' appears twice")
        seen.add(key)

    def find(names: set[str]) -> int | None:
        return next((i for i, key in enumerate(columns) if key in names), None)

    juror_at, nomination_at = find(JUROR), find(NOMINATION)
    criterion_at, score_at, comment_at = find(CRITERION), find(SCORE), find(COMMENT)
    if nomination_at is None:
        raise FileRefused(
            f"{path.name} is not a score file: it has no nomination column "
            f"(columns found: {', '.join(table.headers)})"
        )
    long_form = criterion_at is not None and score_at is not None
    criterion_columns: dict[int, Criterion] = {}
    if not long_form:
        for i, key in enumerate(columns):
            if i in (juror_at, nomination_at, comment_at) or not key or key in INFORMATION:
                continue
            found = _match_criterion(table.headers[i], criteria, lookup)
            if found is not None:
                twin = next((j for j, c in criterion_columns.items() if c.key == found.key), None)
                if twin is not None:
                    problems.append(
                        f"the columns '{label(table.headers[twin])}' and "
                        f"'{label(table.headers[i])}' are both the criterion {found.key}"
                    )
                criterion_columns[i] = found
            else:
                problems.append(
                    f"unknown column '{label(table.headers[i])}' (criteria: "
                    f"{', '.join(c.key for c in criteria)})"
                )
        if not criterion_columns and not problems:
            raise FileRefused(
                f"{path.name} has no criterion columns and no criterion/score "
                "columns: not a score file"
            )
    if problems:
        raise FileRefused(f"{path.name}: {len(problems)} problem(s); nothing was saved", problems)
    rows: list[ScoreInput] = []
    # Each cell given so far -> its row in `rows` (an index, not a tuple of its own: 500,000).
    given: dict[tuple[str | None, int, str], int] = {}
    # A file repeats a few jurors and a few values (7,5) on every line: each distinct text is
    # read once.
    emails: dict[object, str] = {}
    numbers: dict[str, float] = {}
    ids: dict[str, int] = {}  # ... and each nomination is on a line per juror
    width = len(columns)
    new_score = tuple.__new__  # a ScoreInput made without its Python-level constructor
    for raw in table.rows:
        cells = raw.cells
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
        where = raw.location
        juror = None
        if juror_at is not None:
            juror = emails.get(cells[juror_at])
            if juror is None:
                juror = normalize_email(cell_text(cells[juror_at]))
                if type(cells[juror_at]) is str:
                    emails[cells[juror_at]] = juror
            if not is_email(juror):
                problems.append(f"{where}: juror {juror!r} is not an email address")
                continue
        try:
            nomination = _read_once(ids, cells[nomination_at], parse_id)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            continue
        comment = None
        if comment_at is not None and cell_text(cells[comment_at]):
            comment = clean_text(cell_text(cells[comment_at]))[:MAX_CELL_CHARS]
        if long_form:
            assert criterion_at is not None and score_at is not None
            named = _match_criterion(cell_text(cells[criterion_at]), criteria, lookup)
            entries = [(named, cells[score_at])]
            if named is None:
                named_text = label(cell_text(cells[criterion_at]))
                problems.append(f"{where}: unknown criterion '{named_text}'")
                continue
            if cell_text(cells[score_at]) == "":
                problems.append(f"{where}: the score is empty")
                continue
        else:
            # cell_text of a text cell is the text stripped: asked directly of the many.
            entries = [
                (c, value)
                for i, c in criterion_columns.items()
                if (value := cells[i]) is not None
                and ((value.strip() != "") if type(value) is str else (cell_text(value) != ""))
            ]
        for criterion, value in entries:
            assert criterion is not None
            # Only read as a number here: whether it lies on the criterion's scale is the
            # domain's rule (`awards.scores.check_scores`), which names this line the same way.
            # `_read_once` inlined for a text read before, most of a file's values.
            number = numbers.get(value) if type(value) is str else None
            if number is None:
                try:
                    number = _read_once(numbers, value, parse_value)
                except ValueError as exc:
                    problems.append(f"{where}: {exc}")
                    continue
            cell = (juror, nomination, criterion.key)
            earlier = given.get(cell)
            if earlier is not None and rows[earlier].value != number:
                problems.append(
                    f"{where}: {criterion.key} for nomination {nomination} is also "
                    f"given as {cell_text(rows[earlier].value)} at {rows[earlier].location}"
                )
                continue
            given[cell] = len(rows)
            rows.append(
                new_score(ScoreInput, (where, juror, nomination, criterion.key, number, comment))
            )
    if problems:
        raise FileRefused(f"{path.name}: {len(problems)} problem(s); nothing was saved", problems)
    return ScoreFile(rows, None, None, None, "long" if long_form else "wide")


# ---- .docx score sheets --------------------------------------------------------------------


def declares_entities(data: bytes) -> bool:
    """Whether an XML part declares a DTD or entities, in whatever encoding it is written (a
    UTF-16 part spells `<!DOCTYPE` with a NUL after every letter, so a byte search misses it)."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return True
    for encoding in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "<!DOCTYPE" in text or "<!ENTITY" in text:
            return True
    return False


def _safe_xml(data: bytes, name: str) -> object:
    from lxml import etree

    if declares_entities(data):
        raise FileRefused(f"{name}: refused: the document declares XML entities (possible XXE)")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise FileRefused(f"{name}: damaged document ({exc})") from None
    if root.getroottree().docinfo.doctype:  # whatever the spelling, a DTD is refused
        raise FileRefused(f"{name}: refused: the document declares XML entities (possible XXE)")
    return root


def _own(element: object, tag: str, container: object) -> list:
    """Descendants `tag` of `container` that belong to it, not to a table nested inside it."""
    found = []
    for item in container.iter(tag):  # type: ignore[attr-defined]
        owner = next(item.iterancestors(f"{W}tbl"), None)
        if owner is element:
            found.append(item)
    return found


def _cell_text(cell: object) -> str:
    """What the juror sees in a cell: inserted text counts, deleted text does not, content
    controls are read through."""
    lines = []
    for paragraph in cell.iter(f"{W}p"):  # type: ignore[attr-defined]
        parts = []
        for t in paragraph.iter(f"{W}t"):
            if next(t.iterancestors(f"{W}del"), None) is None:
                parts.append(t.text or "")
        lines.append("".join(parts))
    return "\n".join(lines).strip()


def _grid_rows(table: object) -> list[list[tuple[int, int, str]]]:
    """Each row as (first grid column, columns spanned, text) per cell."""
    rows = []
    for tr in _own(table, f"{W}tr", table):
        cells = []
        column = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            column = int(before.get(f"{W}val", "0"))
        for tc in tr.iter(f"{W}tc"):
            if next(tc.iterancestors(f"{W}tr"), None) is not tr:
                continue
            span_el = tc.find(f"{W}tcPr/{W}gridSpan")
            span = int(span_el.get(f"{W}val", "1")) if span_el is not None else 1
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = merge is not None and merge.get(f"{W}val", "continue") == "continue"
            cells.append((column, span, "" if continued else _cell_text(tc)))
            column += span
        rows.append(cells)
    return rows


_IDENTITY = re.compile(r"\b(competition|round|juror)\s*=\s*([^;\s]+)")


def _identity_fields(text: str) -> dict[str, str]:
    """competition=…, round=…, juror=… in any separators: Word keeps "; ", LibreOffice
    rewrites them as spaces."""
    return {key: value for key, value in _IDENTITY.findall(text or "")}


def _sheet_identity(archive: zipfile.ZipFile, name: str, document: object) -> tuple[str, int, str]:
    """Whose sheet and for which round: from the document's keywords, or, where a word
    processor rewrote or dropped the properties, from the identity line in the sheet's text."""
    subject = keywords = ""
    try:
        core = _safe_xml(archive.read("docProps/core.xml"), name)
    except KeyError:
        core = None
    if core is not None:
        for element in core.iter():  # type: ignore[attr-defined]
            tag = str(element.tag)
            if tag.endswith("}subject"):
                subject = element.text or ""
            elif tag.endswith("}keywords"):
                keywords = element.text or ""
    fields = _identity_fields(keywords) if subject.strip() == SHEET_SUBJECT else {}
    if not {"competition", "round", "juror"} <= set(fields):
        for paragraph in document.iter(f"{W}p"):  # type: ignore[attr-defined]
            text = "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
            found = _identity_fields(text)
            if {"competition", "round", "juror"} <= set(found):
                fields = found
                break
    if not {"competition", "round", "juror"} <= set(fields):
        raise FileRefused(
            f"{name} is not an awards score sheet (write sheets with `awards score sheets`)"
        )
    try:
        round_number = int(fields["round"])
    except ValueError:
        raise FileRefused(
            f"{name}: the sheet's round {fields['round']!r} is not a number"
        ) from None
    return fields["competition"].strip(), round_number, normalize_email(fields["juror"])


def _match_criterion(
    header: str, criteria: Sequence[Criterion], lookup: dict[str, Criterion] | None = None
) -> Criterion | None:
    """The criterion a header (or a long-form criterion cell) names, the one rule for .docx,
    .xlsx and .csv sheets: a `(key` or `(key,` anywhere in it (`Asiakaskohtaaminen (encounter,
    0–10)`), else its first line as a key or as the criterion's Finnish or English name, compared
    case-insensitively and ignoring surrounding spaces. `lookup`: `_criterion_lookup(criteria)`
    when the caller already has it."""
    by_key = {c.key: c for c in criteria}
    for match in re.finditer(r"\(\s*([a-z0-9_-]+)\s*[,)]", header):
        if match.group(1) in by_key:
            return by_key[match.group(1)]
    first = match_header(header.split("\n")[0])
    return (lookup if lookup is not None else _criterion_lookup(criteria)).get(first)


def _parse_docx_sheet(path: Path, criteria: Sequence[Criterion]) -> ScoreFile:
    check_zip(path, ".docx")
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                document = _safe_xml(archive.read("word/document.xml"), name)
            except KeyError:
                raise FileRefused(f"{name} is not a Word document") from None
            competition, round_number, juror = _sheet_identity(archive, name, document)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, zlib.error) as exc:
        # A damaged entry (CRC, a flipped header, a cut stream) is a damaged file, not a bug.
        raise FileRefused(f"{name} is a damaged .docx file ({exc})") from None
    tables = [
        t
        for t in document.iter(f"{W}tbl")  # type: ignore[attr-defined]
        if next(t.iterancestors(f"{W}tbl"), None) is None
    ]
    if len(tables) != 1:
        raise FileRefused(
            f"{name}: a score sheet has exactly one table; this one has {len(tables)}"
        )
    grid = _grid_rows(tables[0])
    if not grid:
        raise FileRefused(f"{name}: the table is empty")
    header = {column: text for column, _, text in grid[0]}
    labels = {column: label(text) for column, text in header.items()}
    id_column = min(header)
    if match_header(header[id_column]) not in NOMINATION:
        raise FileRefused(
            f"{name}: the table's first column must be Nro/id, not '{label(header[id_column])}'"
        )
    criterion_at: dict[int, Criterion] = {}
    comment_at = None
    for column, text in header.items():
        if column == id_column or match_header(text.split("\n")[0]) in INFORMATION:
            continue
        if match_header(text) in COMMENT:
            comment_at = column
            continue
        found = _match_criterion(text, criteria)
        if found is None:
            raise FileRefused(f"{name}: unknown column '{labels[column]}' in the header row")
        criterion_at[column] = found
    problems: list[str] = []
    rows: list[ScoreInput] = []
    for number, cells in enumerate(grid[1:], start=2):
        by_column = {column: (span, text) for column, span, text in cells}
        id_text = by_column.get(id_column, (1, ""))[1]
        if not id_text and not any(text for _, _, text in cells):
            continue
        try:
            nomination = parse_id(id_text)
        except ValueError as exc:
            problems.append(f"table row {number}: {exc}")
            continue
        comment = by_column.get(comment_at, (1, ""))[1] if comment_at is not None else ""
        for column, span, text in cells:
            covered = [c for c in range(column, column + span) if c in criterion_at]
            if not text or not covered:
                continue
            where = f"table row {number}, column {labels[covered[0]]}"
            if len(covered) > 1:
                problems.append(
                    f"{where}: a merged cell spans {len(covered)} criteria; "
                    "type one value per criterion"
                )
                continue
            criterion = criterion_at[covered[0]]
            try:  # the scale is the domain's rule, as for a CSV or XLSX file
                value = parse_value(text)
            except ValueError as exc:
                problems.append(f"{where}: {exc}")
                continue
            rows.append(
                ScoreInput(
                    where, juror, nomination, criterion.key, value, clean_text(comment) or None
                )
            )
    if problems:
        raise FileRefused(f"{name}: {len(problems)} problem(s); nothing was saved", problems)
    return ScoreFile(rows, competition, round_number, juror, "docx-sheet")
