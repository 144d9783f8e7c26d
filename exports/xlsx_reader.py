"""A small, bounded .xlsx reader: the first worksheet's values, or a one-line refusal.

Only the standard library: `zipfile` and an `xml.etree.ElementTree` pull parser that drops every
element as soon as it has been read. Nothing is allocated per claimed row or column (a sheet that
claims row 4,000,000,000 is refused before anything is padded), each XML part is scanned for
DOCTYPE/ENTITY declarations before it is parsed (also when it is UTF-16 or UTF-32), and zip bombs
are refused from the archive's directory and again while unpacking.

Malformed content raises `FileRefused` with a message that names the sheet and the cell or row,
e.g. ``sheet "Sheet1" cell B7: "abc" is not a number``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import math
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast
from xml.etree import ElementTree as ET

from awards.errors import FileRefused

MAX_PART_BYTES = 50 * 1024 * 1024  # one XML part, unpacked
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # the whole package, unpacked
MAX_RATIO = 100  # unpacked : packed, for parts over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_TOTAL_CELLS = 10_000_000  # list slots handed back, empty ones up to each row's last value
MAX_DEPTH = 64  # XML nesting; real parts nest fewer than 10 deep
FEED_CHUNK = 1 << 20

PACKAGE_REL_OFFICE_DOCUMENT = "/officeDocument"
REL_WORKSHEET = "/worksheet"
REL_SHARED_STRINGS = "/sharedStrings"
REL_STYLES = "/styles"

# Built-in number formats that show dates or times (ECMA-376 18.8.30).
BUILTIN_DATE_FORMATS = frozenset([*range(14, 23), 45, 46, 47])

_MAIN_PREFIX = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_CELL_REF = re.compile(r"([A-Za-z]+)([0-9]+)")
_DIGITS = re.compile(r"[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DECLARATION = re.compile(r"\s*<\?xml\b[^>]*\?>")
_DECLARED_ENCODING = re.compile(
    rb"""^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']"""
)
_DANGEROUS = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Quoted text, [brackets] (colours, locales, elapsed time), escaped and fill/padding characters.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', re.DOTALL)
_ASCII_ENCODINGS = {
    "utf-8": "utf-8",
    "utf8": "utf-8",
    "us-ascii": "ascii",
    "ascii": "ascii",
    "iso-8859-1": "latin-1",
    "latin-1": "latin-1",
    "latin1": "latin-1",
    "iso-8859-15": "iso-8859-15",
    "windows-1252": "cp1252",
    "cp1252": "cp1252",
}
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_NULL_PATTERNS = (  # an XML document starts with "<"; these tell its encoding without a BOM
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<", "utf-16-be"),
    (b"<\x00", "utf-16-le"),
)


def _show(text: str, limit: int = 40) -> str:
    """A value as quoted in a message: one line, at most `limit` characters."""
    shown = "".join(ch if ch.isprintable() else " " for ch in text)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f'"{shown}"'


def _local(tag: object) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _is(tag: str, name: str) -> bool:
    """Whether an element's tag has this local name, in the main namespace (fast) or any."""
    return tag == _MAIN_PREFIX + name or tag.rpartition("}")[2] == name


def column_letters(column: int) -> str:
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _unescape(text: str) -> str:
    """Excel's `_xHHHH_` escapes (carriage returns, control characters) as the characters."""
    if "_x" not in text:
        return text
    text = _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    if any("\ud800" <= ch <= "\udfff" for ch in text):  # pair escaped surrogates, drop lone ones
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


# --- the package --------------------------------------------------------------------------------


class _Package:
    def __init__(self, path: Path) -> None:
        self.label = path.name
        try:
            self.archive = zipfile.ZipFile(path)
            infos = self.archive.infolist()
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            NotImplementedError,  # "zip file version 6.4": a header byte flipped
            OSError,
            ValueError,
            EOFError,
        ) as exc:
            raise FileRefused(
                f"{self.label} is not an .xlsx workbook (not a readable zip package: {exc})"
            ) from None
        self.infos: dict[str, zipfile.ZipInfo] = {}
        self.folded: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            total += info.file_size
            name = info.filename.replace("\\", "/").lstrip("/")
            self.infos.setdefault(name, info)
            self.folded.setdefault(name.casefold(), info)
        if total > MAX_TOTAL_BYTES:
            self.close()
            raise FileRefused(
                f"{self.label} unpacks to {total // 1_000_000} MB; workbooks of more than "
                f"{MAX_TOTAL_BYTES // 1_000_000} MB are not read (a possible zip bomb)"
            )

    def close(self) -> None:
        self.archive.close()

    def find(self, name: str) -> zipfile.ZipInfo | None:
        return self.infos.get(name) or self.folded.get(name.casefold())

    def read(self, name: str) -> bytes | None:
        """A part's bytes (None when absent), refused when it is too large or a bomb."""
        info = self.find(name)
        if info is None:
            return None
        size_problem = (
            f"{self.label}: the part {name} unpacks to more than "
            f"{MAX_PART_BYTES // 1_000_000} MB; it is not read (a possible zip bomb)"
        )
        if info.file_size > MAX_PART_BYTES:
            raise FileRefused(size_problem)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise FileRefused(
                f"{self.label}: the part {name} is compressed more than {MAX_RATIO}:1; "
                "it is not read (a possible zip bomb)"
            )
        try:
            with self.archive.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)  # the directory may lie about the size
        except Exception as exc:  # zlib.error, BadZipFile (CRC), RuntimeError (encrypted), ...
            raise FileRefused(
                f"{self.label}: the part {name} cannot be unpacked ({type(exc).__name__}: "
                f"{_show(str(exc), 80)[1:-1]})"
            ) from None
        if len(data) > MAX_PART_BYTES:
            raise FileRefused(size_problem)
        if len(data) > RATIO_FLOOR and len(data) > MAX_RATIO * max(info.compress_size, 1):
            raise FileRefused(
                f"{self.label}: the part {name} is compressed more than {MAX_RATIO}:1; "
                "it is not read (a possible zip bomb)"
            )
        return data


def _xml_text(data: bytes, where: str) -> str:
    """A part decoded by its BOM, its null-byte pattern or its declaration, then scanned."""
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        for pattern, name in _NULL_PATTERNS:
            if data.startswith(pattern):
                encoding = name
                break
    if encoding is None:
        declared = _DECLARED_ENCODING.match(data[:400])
        name = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        if name not in _ASCII_ENCODINGS:
            raise FileRefused(
                f"{where} is written in the encoding {_show(name)}, which is not read"
            )
        encoding = _ASCII_ENCODINGS[name]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileRefused(f"{where} is not valid {encoding} text (byte {exc.start})") from None
    if _DANGEROUS.search(text):
        raise FileRefused(
            f"{where} declares a DOCTYPE or ENTITY; such files are refused (an XML entity attack)"
        )
    return text.lstrip("\ufeff")


def _batches(data: bytes, where: str) -> Iterator[list[tuple[str, ET.Element]]]:
    """A part's ("start" | "end", element) events, a megabyte of XML at a time."""
    text = _xml_text(data, where)
    declaration = _DECLARATION.match(text)
    if declaration:  # decoded already; the parser reads UTF-8 without a declaration
        text = text[declaration.end() :]
    parser: ET.XMLPullParser[ET.Element] = ET.XMLPullParser(events=("start", "end"))
    try:
        for start in range(0, max(len(text), 1), FEED_CHUNK):
            parser.feed(text[start : start + FEED_CHUNK].encode("utf-8"))
            # Only ("start" | "end", Element) pairs: no "ns" or "pi" events were asked for. The
            # list is made here because a parse error is raised while the events are read.
            yield cast(list[tuple[str, ET.Element]], list(parser.read_events()))
        parser.close()
    except ET.ParseError as exc:
        raise FileRefused(f"{where} is damaged XML ({exc})") from None


def _events(
    data: bytes, where: str, record: tuple[str, ...] = ()
) -> Iterator[tuple[str, ET.Element, tuple[str, ...]]]:
    """(event, element, path of local names) for a part, dropping each element once it has ended.

    Elements inside a `record` (a path below the root, such as ("si",)) are kept until the
    record ends, so its end event sees its children."""
    stack: list[ET.Element] = []
    path: list[str] = []
    depth = len(record)
    for batch in _batches(data, where):
        for event, elem in batch:
            if event == "start":
                stack.append(elem)
                path.append(_local(elem.tag))
                if len(path) > MAX_DEPTH:
                    raise FileRefused(f"{where} nests XML more than {MAX_DEPTH} deep")
                yield event, elem, tuple(path)
                continue
            current = tuple(path)
            yield event, elem, current
            stack.pop()
            path.pop()
            inside = depth and len(current) > depth + 1 and current[1 : depth + 1] == record
            if stack and not inside:
                stack[-1].remove(elem)


# --- workbook structure -------------------------------------------------------------------------


def _relationships(package: _Package, part: str) -> list[tuple[str, str, str]]:
    """(id, type, resolved target part) for a part's relationships file."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    data = package.read(rels_name)
    if data is None:
        return []
    found = []
    for event, elem, path in _events(data, f"{package.label}: {rels_name}"):
        if event != "end" or path[-1] != "Relationship" or len(path) != 2:
            continue
        if elem.get("TargetMode", "").casefold() == "external":
            continue
        target = elem.get("Target", "").replace("\\", "/")
        if not target:
            continue
        resolved = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        )
        if resolved.startswith("../") or resolved == "..":
            continue
        found.append((elem.get("Id", ""), elem.get("Type", ""), resolved))
    return found


@dataclass
class _Workbook:
    sheet_name: str = "Sheet1"
    sheet_part: str = "xl/worksheets/sheet1.xml"
    date1904: bool = False
    shared_strings: list[str] = field(default_factory=list)
    has_shared_strings: bool = False
    date_styles: list[bool] = field(default_factory=list)


def _workbook(package: _Package) -> _Workbook:
    book = _Workbook()
    workbook_part = "xl/workbook.xml"
    for _, kind, target in _relationships(package, ""):
        if kind.endswith(PACKAGE_REL_OFFICE_DOCUMENT) and package.find(target):
            workbook_part = target
            break
    data = package.read(workbook_part)
    if data is None:
        if package.find(book.sheet_part) is None:
            raise FileRefused(f"{package.label} is not an .xlsx workbook (it has no workbook part)")
        return book
    first_id: str | None = None
    for event, elem, path in _events(data, f"{package.label}: {workbook_part}"):
        if event != "end":
            continue
        if path[1:] == ("workbookPr",):
            book.date1904 = elem.get("date1904", "").strip().casefold() in ("1", "true")
        elif path[1:] == ("sheets", "sheet") and first_id is None:
            book.sheet_name = elem.get("name") or book.sheet_name
            first_id = next(
                (v for k, v in elem.attrib.items() if k.startswith("{") and _local(k) == "id"), ""
            )
    rels = _relationships(package, workbook_part)
    targets = {rel_id: target for rel_id, _, target in rels}
    if first_id and targets.get(first_id) and package.find(targets[first_id]):
        book.sheet_part = targets[first_id]
    elif package.find(book.sheet_part) is None:
        sheets = [t for _, k, t in rels if k.endswith(REL_WORKSHEET) and package.find(t)]
        if not sheets:
            raise FileRefused(f"{package.label} is not an .xlsx workbook (it has no worksheet)")
        book.sheet_part = sheets[0]
    folder = posixpath.dirname(workbook_part)
    strings = next((t for _, k, t in rels if k.endswith(REL_SHARED_STRINGS)), None)
    styles = next((t for _, k, t in rels if k.endswith(REL_STYLES)), None)
    _read_shared_strings(package, book, strings or posixpath.join(folder, "sharedStrings.xml"))
    _read_styles(package, book, styles or posixpath.join(folder, "styles.xml"))
    return book


def _rich_text(elem: ET.Element) -> str:
    """The text of an `<si>` or `<is>`: its `<t>`, or its runs' `<t>` joined (no phonetics)."""
    parts = []
    for child in elem:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return _unescape("".join(parts))


def _read_shared_strings(package: _Package, book: _Workbook, part: str) -> None:
    data = package.read(part)
    if data is None:
        return
    book.has_shared_strings = True
    for event, elem, path in _events(data, f"{package.label}: {part}", record=("si",)):
        if event == "end" and len(path) == 2 and path[1] == "si":
            book.shared_strings.append(_rich_text(elem))


def is_date_format(code: str) -> bool:
    """Whether a custom number format shows a date or time: d, m, y, h or s outside quoted
    text, [brackets] and escapes (so `[$-40B]d.m.yyyy` is one, `0.00 "days"` is not)."""
    bare = _FORMAT_LITERALS.sub("", code).casefold().replace("general", "")
    return any(ch in bare for ch in "dmyhs")


def _read_styles(package: _Package, book: _Workbook, part: str) -> None:
    data = package.read(part)
    if data is None:
        return
    custom: dict[int, str] = {}
    format_ids: list[int | None] = []
    for event, elem, path in _events(data, f"{package.label}: {part}"):
        if event != "end":
            continue
        if path[1:] == ("numFmts", "numFmt"):
            number = elem.get("numFmtId", "")
            if _DIGITS.fullmatch(number) and len(number) < 10:
                custom[int(number)] = elem.get("formatCode", "")
        elif path[1:] == ("cellXfs", "xf"):
            number = elem.get("numFmtId", "0")
            ok = _DIGITS.fullmatch(number) and len(number) < 10
            format_ids.append(int(number) if ok else None)
    book.date_styles = [
        number is not None
        and (is_date_format(custom[number]) if number in custom else number in BUILTIN_DATE_FORMATS)
        for number in format_ids
    ]


# --- the sheet ----------------------------------------------------------------------------------

_EXCEL_1900 = dt.datetime(1899, 12, 30)
_EXCEL_1904 = dt.datetime(1904, 1, 1)
_MAX_SERIAL = 2_958_466  # 10000-01-01 in the 1900 system


def excel_datetime(serial: float, date1904: bool = False) -> dt.datetime | None:
    """A date serial as a datetime (milliseconds rounded), or None when out of range."""
    if not math.isfinite(serial) or serial < 0 or serial >= _MAX_SERIAL - (1462 if date1904 else 0):
        return None
    day, fraction = divmod(serial, 1)
    if not date1904 and serial < 61:  # Excel's fictitious 29 February 1900
        day += 1
    base = _EXCEL_1904 if date1904 else _EXCEL_1900
    try:
        return (
            base
            + dt.timedelta(days=int(day))
            + dt.timedelta(milliseconds=round(fraction * 86_400_000))
        )
    except OverflowError:
        return None


def _iso_datetime(text: str) -> dt.datetime | None:
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value


class _Sheet:
    def __init__(self, book: _Workbook, max_rows: int, max_columns: int) -> None:
        self.book = book
        self.max_rows = max_rows
        self.max_columns = max_columns
        self.where = f"sheet {_show(book.sheet_name, 60)}"
        self.columns: dict[str, int] = {}
        self.row_text = ""

    def refuse_row(self, row: int, problem: str) -> FileRefused:
        return FileRefused(f"{self.where} row {row}: {problem}")

    def refuse_cell(self, column: int, row: int, problem: str) -> FileRefused:
        return FileRefused(f"{self.where} cell {column_letters(column)}{row}: {problem}")

    def row_number(self, text: str | None, previous: int) -> int:
        if text is None:
            number = previous + 1
        else:
            if not _DIGITS.fullmatch(text) or text.strip("0") == "":
                raise FileRefused(f"{self.where}: row {_show(text)} is not a row number")
            number = int(text) if len(text) <= 18 else 10**18
        if number > self.max_rows:
            claimed = text if text is not None else str(number)
            raise FileRefused(
                f"{self.where}: the sheet claims row {claimed[:30]}; files of more than "
                f"{self.max_rows} rows are not read"
            )
        if number <= previous:
            raise FileRefused(
                f"{self.where}: row {number} comes after row {previous} (rows must be in order)"
            )
        return number

    def column_number(self, ref: str | None, previous: int, row: int) -> int:
        if ref is None:
            column = previous + 1
        else:
            match = _CELL_REF.fullmatch(ref)
            letters, digits = (match.group(1), match.group(2)) if match else ("", "")
            if not match or len(letters) > 3 or digits.strip("0") == "":
                raise self.refuse_row(
                    row, f"the cell reference {_show(ref)} is not a column and row"
                )
            if digits != self.row_text and (len(digits) > 18 or int(digits) != row):
                raise self.refuse_row(row, f"the cell reference {_show(ref)} is for another row")
            known = self.columns.get(letters)
            if known is None:
                known = 0
                for letter in letters.upper():
                    known = known * 26 + ord(letter) - 64
                self.columns[letters] = known  # at most 3 letters: a bounded cache
            column = known
        if column > self.max_columns:
            raise FileRefused(
                f"{self.where} cell {column_letters(column)}{row}: the sheet claims column "
                f"{column_letters(column)} ({column}); files of more than {self.max_columns} "
                "columns are not read"
            )
        return column

    def value(self, cell: ET.Element, column: int, row: int) -> object:
        kind = cell.get("t", "n")
        v_text: str | None = None
        inline: ET.Element | None = None
        for child in cell:
            if _is(child.tag, "v"):
                if v_text is None:
                    v_text = child.text or ""
            elif inline is None and _is(child.tag, "is"):
                inline = child
        if kind == "inlineStr":
            text = _rich_text(inline) if inline is not None else (v_text or "")
            return text or None
        if v_text is None or v_text == "":
            return None
        if kind == "n":
            return self.number(cell, v_text, column, row)
        if kind == "s":
            index = v_text.strip()
            if not _DIGITS.fullmatch(index):
                raise self.refuse_cell(
                    column, row, f"{_show(v_text)} is not a shared string number"
                )
            strings = self.book.shared_strings
            if len(index) > 18 or int(index) >= len(strings):
                raise self.refuse_cell(
                    column,
                    row,
                    f"shared string {index[:30]} does not exist (the file has {len(strings)})",
                )
            return strings[int(index)] or None
        if kind == "str":
            return _unescape(v_text) or None
        if kind == "b":
            flag = v_text.strip().casefold()
            if flag not in ("0", "1", "true", "false"):
                raise self.refuse_cell(column, row, f"{_show(v_text)} is not a boolean (0 or 1)")
            return flag in ("1", "true")
        if kind == "d":
            moment = _iso_datetime(v_text)
            if moment is None:
                raise self.refuse_cell(column, row, f"{_show(v_text)} is not a date and time")
            return moment
        if kind == "e":
            return v_text.strip() or None
        raise self.refuse_cell(column, row, f"the cell type {_show(kind)} is not known")

    def number(self, cell: ET.Element, text: str, column: int, row: int) -> object:
        bare = text.strip()
        if not _NUMBER.fullmatch(bare):
            raise self.refuse_cell(column, row, f"{_show(text)} is not a number")
        number = float(bare)
        if not math.isfinite(number):
            raise self.refuse_cell(column, row, f"{_show(text)} is not a finite number")
        style = cell.get("s")
        if style is None:
            return number
        if not _DIGITS.fullmatch(style):
            raise self.refuse_cell(column, row, f"the style {_show(style)} is not a style number")
        styles = self.book.date_styles
        if len(style) > 18 or int(style) >= len(styles) or not styles[int(style)]:
            return number  # an unknown style shows the number as it is
        moment = excel_datetime(number, self.book.date1904)
        if moment is None:
            raise self.refuse_cell(column, row, f"{_show(text)} is not a date Excel can show")
        return moment

    def rows(self, data: bytes) -> list[tuple[int, list[object]]]:
        """The rows, read with a loop specialised for sheets (this is where the time goes)."""
        rows: list[tuple[int, list[object]]] = []
        total_cells = 0
        row = 0
        column = 0
        values: dict[int, object] = {}
        stack: list[ET.Element] = []
        in_sheet_data = in_row = in_cell = False
        for batch in _batches(data, self.where):
            for event, elem in batch:
                if event == "start":
                    stack.append(elem)
                    depth = len(stack)
                    if depth == 4:
                        in_cell = in_row and _is(elem.tag, "c")
                    elif depth == 3:
                        in_row = in_sheet_data and _is(elem.tag, "row")
                        if in_row:
                            row = self.row_number(elem.get("r"), row)
                            self.row_text = str(row)
                            column = 0
                            values = {}
                    elif depth == 2:
                        in_sheet_data = _is(elem.tag, "sheetData")
                    elif depth > MAX_DEPTH:
                        raise FileRefused(f"{self.where} nests XML more than {MAX_DEPTH} deep")
                    continue
                depth = len(stack)
                stack.pop()
                if depth > 4 and in_cell:
                    continue  # the cell's <v> and <is>: read when the cell ends
                if depth == 4 and in_cell:
                    in_cell = False
                    column = self.column_number(elem.get("r"), column, row)
                    if column in values:
                        raise self.refuse_cell(column, row, "the cell appears twice")
                    values[column] = self.value(elem, column, row)
                elif depth == 3 and in_row:
                    in_row = False
                    filled = {c: v for c, v in values.items() if v is not None}
                    if filled:
                        width = max(filled)
                        total_cells += width
                        if total_cells > MAX_TOTAL_CELLS:
                            raise self.refuse_row(
                                row,
                                f"the sheet has more than {MAX_TOTAL_CELLS} cells (counting the "
                                "empty ones before each row's last value); it is not read",
                            )
                        cells: list[object] = [None] * width
                        for c, v in filled.items():
                            cells[c - 1] = v
                        rows.append((row, cells))
                elif depth == 2:
                    in_sheet_data = False
                if stack:
                    stack[-1].remove(elem)
        return rows


def read_xlsx_rows(
    path: Path, *, max_rows: int = 200_000, max_columns: int = 1_000
) -> tuple[str, list[tuple[int, list[object]]]]:
    """The first worksheet's name and its rows: (1-based row number, values in column order with
    None for empty cells), only rows with a value, each as long as its last value.

    Values are str, bool, float or datetime.datetime (numbers with a date format, `t="d"`);
    error cells give their text ("#N/A"). Anything malformed raises `FileRefused`."""
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as exc:
        raise FileRefused(f"{path.name} cannot be opened ({exc.strerror or exc})") from None
    if not is_zip:
        raise FileRefused(f"{path.name} is not an .xlsx workbook (not a zip package)")
    package = _Package(path)
    try:
        book = _workbook(package)
        data = package.read(book.sheet_part)
        if data is None:
            raise FileRefused(f"{path.name} is not an .xlsx workbook (it has no worksheet)")
        return book.sheet_name, _Sheet(book, max_rows, max_columns).rows(data)
    finally:
        package.close()
