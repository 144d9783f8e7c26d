"""Test input files made the way real ones come: Finnish Excel CSV (Windows-1252 or UTF-8 with
BOM, semicolons, CRLF, decimal commas, quoted multi-line cells), XLSX written with openpyxl, and
.docx score sheets filled the way Word and LibreOffice store what a juror typed."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path


def excel_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    encoding: str = "cp1252",
    separator: str = ";",
) -> Path:
    """Quote like Excel: only cells holding the separator, quotes or line breaks."""

    def cell(value: object) -> str:
        text = str(value).replace(".", ",") if isinstance(value, float) else str(value)
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        if any(ch in text for ch in (separator, '"', "\r", "\n")):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [separator.join(cell(h) for h in header)]
    lines += [separator.join(cell(v) for v in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    workbook.save(path)
    return path


def fill_docx_sheet(
    source: Path,
    target: Path,
    values: dict[tuple[int, int], str],
    *,
    content_control: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
    tracked: dict[tuple[int, int], str] | None = None,
    merge: tuple[int, int, int] | None = None,
) -> Path:
    """Type `values` into (table row, grid column) cells of a score sheet, as a juror would.

    content_control: those cells' text sits inside a w:sdt content control.
    tracked: (row, column) -> deleted text; the typed value is a tracked insertion beside it.
    merge: (row, first column, span): merge those cells horizontally (gridSpan), typing the first.
    """
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = Document(str(source))
    table = document.tables[0]
    tracked = tracked or {}
    for r_index, row in enumerate(table.rows):
        for c_index, cell in enumerate(row.cells):
            key = (r_index, c_index)
            if key not in values:
                continue
            paragraph = cell.paragraphs[0]
            text = values[key]
            if key in content_control:
                paragraph._p.append(
                    parse_xml(
                        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="score"/></w:sdtPr>'
                        f"<w:sdtContent><w:r><w:t>{text}</w:t></w:r></w:sdtContent></w:sdt>"
                    )
                )
            elif key in tracked:
                paragraph._p.append(
                    parse_xml(
                        f'<w:del {nsdecls("w")} w:id="1" w:author="Juror">'
                        f"<w:r><w:delText>{tracked[key]}</w:delText></w:r></w:del>"
                    )
                )
                paragraph._p.append(
                    parse_xml(
                        f'<w:ins {nsdecls("w")} w:id="2" w:author="Juror">'
                        f"<w:r><w:t>{text}</w:t></w:r></w:ins>"
                    )
                )
            else:
                paragraph.add_run(text)
    if merge is not None:
        r_index, first, span = merge
        tr = table.rows[r_index]._tr
        cells = tr.findall(qn("w:tc"))
        head = cells[first]
        for extra in cells[first + 1 : first + span]:
            tr.remove(extra)
        tc_pr = head.get_or_add_tcPr()
        tc_pr.append(parse_xml(f'<w:gridSpan {nsdecls("w")} w:val="{span}"/>'))
    document.save(str(target))
    return target


def replace_in_docx(source: Path, target: Path, part: str, old: bytes, new: bytes) -> Path:
    """Copy a .docx, rewriting one part's bytes (to build hostile documents)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = data.replace(old, new)
            zout.writestr(item, data)
    return target


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (megabytes * 1024 * 1024))
    return path
