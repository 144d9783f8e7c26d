"""Reading CSV and XLSX files the way coordinators really receive them.

Bytes are decoded deliberately (a BOM decides; else strict UTF-8; else Windows-1252), the
separator is chosen from whole quote-aware records and confirmed by the header, and every row
keeps the line (or spreadsheet row) where it starts, so errors point where the user can look.
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from awards.errors import FileRefused

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_RATIO = 150  # a real .xlsx/.docx compresses ~5-20x; bombs compress ~1000x
MAX_CELL_CHARS = 100_000
SEPARATORS = (";", ",", "\t")
SEPARATOR_NAMES = {";": "semicolon", ",": "comma", "\t": "tab"}

csv.field_size_limit(MAX_CELL_CHARS * 4)


@dataclass
class TableRow:
    # Where a user finds it: "line 7" in a CSV (or "row 6 (line 7)" once a quoted cell spans
    # lines), 'sheet "Vastaukset" row 7' in an .xlsx.
    location: str
    line: int
    cells: list[object]


@dataclass
class Table:
    headers: list[str]
    rows: list[TableRow]
    encoding: str
    separator: str | None


def match_header(name: object) -> str:
    """A header as compared: casefolded, trimmed, underscores and runs of spaces as one space."""
    text = str(name or "").replace("\ufeff", "").replace("_", " ")
    return " ".join(text.casefold().split())


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and the encoding used: a BOM decides, else strict UTF-8, else Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise FileRefused(
                    f"the file starts with a {encoding} mark but is not {encoding}: "
                    f"{exc.reason} at byte {exc.start}"
                ) from None
    if b"\x00" in data:
        raise FileRefused("this is not a text file (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"the file is neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x} at "
            f"{exc.start}); save it as CSV UTF-8 from Excel"
        ) from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > max(8, len(text) // 100):
        raise FileRefused("this is not a text file (it is full of control characters)")
    return text, "cp1252"


def _records(text: str, separator: str) -> list[tuple[int, list[str]]]:
    """Records with the physical line each starts on, quote-aware (cells may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    records = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise FileRefused(f"line {start}: the file cannot be read as CSV ({exc})") from None
    return records


def _has_text(cells: list[str]) -> bool:
    """Whether a record has a cell with more than blanks (str.strip mapped over the cells: one
    call a record rather than a generator step a cell)."""
    return any(map(str.strip, cells))


def _choose_separator(text: str, known: Collection[str]) -> str:
    """The separator that splits the header into known columns and the records consistently."""
    sample = text[:200_000]
    best: tuple[tuple[int, int, int, int], str] | None = None
    for priority, separator in enumerate(SEPARATORS):
        try:
            records = [r for _, r in _records(sample, separator)[:200] if _has_text(r)]
        except FileRefused:
            continue
        if not records:
            continue
        header = records[0]
        known_columns = sum(1 for h in header if match_header(h) in known)
        counts = Counter(len(r) for r in records[1:-1] or records)
        consistency = counts.most_common(1)[0][1] if counts else 0
        score = (known_columns, int(len(header) > 1), consistency, -priority)
        if best is None or score > best[0]:
            best = (score, separator)
    if best is None:
        raise FileRefused("the file is empty")
    return best[1]


def read_csv(data: bytes, known: Collection[str] = ()) -> Table:
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise FileRefused("the file is empty")
    separator = _choose_separator(text, known)
    # A record's spreadsheet row is its place among the records (a blank line is a blank row);
    # its text line differs once a quoted cell spans lines. Both are named when they differ.
    records = [(row, line, cells) for row, (line, cells) in enumerate(_records(text, separator), 1)]
    while records and not _has_text(records[0][2]):
        records.pop(0)  # blank lines before the header
    if not records:
        raise FileRefused("the file is empty")
    headers = records[0][2]
    # Each record's own list of cells kept (no copy): a national score file has 100,000.
    rows = [
        TableRow(
            f"line {line}" if row == line else f"row {row} (line {line})",
            line,
            cast("list[object]", cells),
        )
        for row, line, cells in records[1:]
        if _has_text(cells)
    ]
    return Table([h.strip() for h in headers], rows, encoding, separator)


def check_zip(path: Path, kind: str) -> None:
    """Refuse what is not a zip, and zip bombs, before any parser opens the file."""
    if not zipfile.is_zipfile(path):
        raise FileRefused(f"{path.name} is not a real {kind} file (not a zip package)")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError, EOFError) as exc:
        raise FileRefused(f"{path.name} is a damaged {kind} file ({exc})") from None
    unzipped = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if unzipped > MAX_UNZIPPED_BYTES or (
        unzipped > 10_000_000 and unzipped / packed > MAX_ZIP_RATIO
    ):
        raise FileRefused(
            f"{path.name} unpacks to {unzipped // 1_000_000} MB from {packed // 1000} kB: "
            "refused as a possible zip bomb"
        )


def read_xlsx(path: Path, known: Collection[str] = ()) -> Table:
    """The first worksheet: its first non-empty row is the header. Read with the bounded reader
    (`xlsx_reader`), which refuses a malformed cell with its place instead of failing."""
    from .xlsx_reader import read_xlsx_rows

    check_zip(path, ".xlsx")
    sheet, found = read_xlsx_rows(path)
    if not found:
        raise FileRefused(f"{path.name} is empty")
    (_, header), *records = found
    headers = [cell_text(c) for c in header]
    rows = [TableRow(f'sheet "{sheet}" row {number}', number, cells) for number, cells in records]
    return Table(headers, rows, "xlsx", None)


def require_regular_file(path: Path) -> None:
    """Refuse a FIFO, a device (/dev/zero) or a socket: reading one never ends or never stops."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise FileRefused(f"{path.name} cannot be read ({exc.strerror})") from None
    if not stat.S_ISREG(mode):
        raise FileRefused(f"{path} is not a regular file (a pipe or a device?); give a file")


def read_table(path: Path, known: Collection[str] = ()) -> Table:
    """A CSV/TSV/TXT or XLSX file as headers and rows. `known`: the header names (as
    `match_header` gives them) that tell a real file's separator from a wrong guess."""
    require_regular_file(path)
    suffix = path.suffix.casefold()
    if suffix == ".xlsx":
        return read_xlsx(path, known)
    if suffix in (".csv", ".txt", ".tsv"):
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileRefused(f"{path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        return read_csv(path.read_bytes(), known)
    if suffix == ".xls":
        raise FileRefused(f"{path.name}: the old .xls format is not read; save it as .xlsx or CSV")
    raise FileRefused(f"{path.name}: expected a .csv or .xlsx file")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
