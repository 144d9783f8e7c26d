"""Results as CSV, JSON, XLSX or Markdown. Every text cell a spreadsheet would run as a formula
is defused; numbers stay numbers; JSON keeps its keys, full precision and nesting. CSV, XLSX and
Markdown are for people: headers, places and yes/no in Finnish or English, one column per
criterion under its name; XLSX keeps full precision in the cell behind a display format, CSV
six decimals with a decimal comma, Markdown two decimals."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from awards.models import PLACES
from awards.views import ResultRowView

from .i18n import t
from .safe import defuse_cell

COLUMNS = [
    "rank",
    "nomination",
    "nominee",
    "organization",
    "score",
    "by_criterion",
    "jurors",
    "spread",
    "tied",
    "place",
]


# The column headers of csv, xlsx and markdown (json keeps the keys of COLUMNS).
HEADERS: dict[str, dict[str, str]] = {
    "fi": {
        "rank": "Sija",
        "nomination": "Nro",
        "nominee": "Ehdokas",
        "organization": "Organisaatio",
        "score": "Pisteet",
        "jurors": "Tuomareita",
        "spread": "Hajonta",
        "tied": "Jaettu",
        "place": "Palkinto",
        "yes": "kyllä",
        "no": "ei",
        "sheet": "Tulokset",
    },
    "en": {
        "rank": "Rank",
        "nomination": "No.",
        "nominee": "Nominee",
        "organization": "Organisation",
        "score": "Score",
        "jurors": "Jurors",
        "spread": "Spread",
        "tied": "Tied",
        "place": "Place",
        "yes": "yes",
        "no": "no",
        "sheet": "Results",
    },
}

# Display formats of the xlsx cells (the cell keeps the full value).
_INTEGER, _DECIMAL = "0", "0.00"


def write_results(
    results: Sequence[ResultRowView],
    fmt: str,
    out: Path | None,
    lang: str = "fi",
    criterion_names: Mapping[str, str] | None = None,
    title: str | None = None,
) -> str:
    """Write the results to `out`, or return the text for stdout when `out` is None. A
    candidate who may not be named shows as "(ei julkinen)" ("(not public)").

    JSON keeps the keys of COLUMNS, nesting and full precision. CSV, XLSX and Markdown have
    headers in `lang`, one column per criterion headed by `criterion_names[key]` (the key where
    no name is given), and the place and `tied` in words. XLSX prints as it is: `title`
    (competition, round and method) in a first row, landscape A4 fitted to one page wide,
    the title and header rows repeated on every page."""
    withheld = t(lang, "withheld")
    rows = [
        {
            **{c: getattr(r, c) for c in COLUMNS},
            "nominee": r.nominee if r.named else withheld,
            "organization": r.organization if r.named else withheld,
        }
        for r in results
    ]
    if fmt == "json":
        text = json.dumps(
            [{c: r.get(c) for c in COLUMNS} for r in rows], ensure_ascii=False, indent=2
        )
        return _emit(text + "\n", out, "utf-8")
    if fmt not in ("csv", "markdown", "xlsx"):
        raise ValueError(f"unknown format {fmt!r}")
    headers, kinds, table = _localized(rows, lang, criterion_names or {})
    if fmt == "csv":
        return _write_csv(headers, table, out)
    if fmt == "markdown":
        return _write_markdown(headers, kinds, table, out, lang)
    if out is None:
        raise ValueError("xlsx needs a file")
    _write_xlsx(out, headers, table, kinds, HEADERS[_lang(lang)]["sheet"], title)
    return ""


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "fi"


def _localized(
    rows: Sequence[Mapping[str, object]], lang: str, names: Mapping[str, str]
) -> tuple[list[str], list[str], list[list[object]]]:
    """Headers in `lang`, each column's kind ("int", "decimal" or "text") and the cells: the
    criteria in the order of `names`, then any other key in the order first met."""
    labels = HEADERS[_lang(lang)]
    keys: list[str] = []
    for r in rows:
        by_criterion = r.get("by_criterion")
        if isinstance(by_criterion, dict):
            keys.extend(k for k in by_criterion if k not in keys)
    order = {key: i for i, key in enumerate(names)}
    keys.sort(key=lambda k: order.get(k, len(order)))  # stable: unnamed keys keep their order
    fixed_before = ["rank", "nomination", "nominee", "organization", "score"]
    fixed_after = ["jurors", "spread", "tied", "place"]
    headers = [labels[c] for c in fixed_before]
    taken = {h.casefold() for h in headers} | {labels[c].casefold() for c in fixed_after}
    for key in keys:
        name = str(names.get(key) or key).strip() or key
        if name.casefold() in taken:
            name = f"{name} ({key})"
        taken.add(name.casefold())
        headers.append(name)
    headers += [labels[c] for c in fixed_after]
    kinds = (
        ["int", "int", "text", "text", "decimal"]
        + ["decimal"] * len(keys)
        + ["int", "decimal", "text", "text"]
    )
    table: list[list[object]] = []
    for r in rows:
        by_criterion = r.get("by_criterion")
        values = by_criterion if isinstance(by_criterion, dict) else {}
        place = r.get("place")
        tied = r.get("tied")
        table.append(
            [
                *(r.get(c) for c in fixed_before),
                *(values.get(k) for k in keys),
                r.get("jurors"),
                r.get("spread"),
                None if tied is None else labels["yes"] if tied else labels["no"],
                t(lang, place) if place in PLACES else place,
            ]
        )
    return headers, kinds, table


def _write_csv(headers: list[str], table: list[list[object]], out: Path | None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([defuse_cell(h) for h in headers])
    for line in table:
        writer.writerow([_csv_cell(v) for v in line])
    # UTF-8 with BOM and semicolons: what Finnish Excel opens correctly by double-click.
    return _emit(buffer.getvalue(), out, "utf-8-sig")


def _write_markdown(
    headers: list[str], kinds: list[str], table: list[list[object]], out: Path | None, lang: str
) -> str:
    def cell(v: object, kind: str) -> str:
        if v is None:
            return ""
        if isinstance(v, int | float) and not isinstance(v, bool) and kind == "decimal":
            text = f"{v:.2f}"  # rounded for display only
            return text.replace(".", ",") if _lang(lang) == "fi" else text
        if isinstance(v, float):
            return _number(v)
        return markdown_text(str(defuse_cell(v)))

    rule = ["---:" if kind != "text" else "---" for kind in kinds]
    lines = [
        "| " + " | ".join(markdown_text(h) for h in headers) + " |",
        "|" + "|".join(rule) + "|",
    ]
    lines += [
        "| " + " | ".join(cell(v, k) for v, k in zip(line, kinds, strict=True)) + " |"
        for line in table
    ]
    return _emit("\n".join(lines) + "\n", out, "utf-8")


def markdown_text(text: str) -> str:
    """A cell of a Markdown table: pipes escaped, one line, and no raw HTML (a name written as
    `<script>` or `<img onerror=…>` shows as text wherever the Markdown is rendered)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("|", "\\|").replace("\n", " ")
    )  # fmt: skip


def _number(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


def _csv_cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value).replace(".", ",")
    return defuse_cell(str(value))


def _emit(text: str, out: Path | None, encoding: str) -> str:
    if out is None:
        return text
    out.write_bytes(text.encode(encoding))
    return ""


def _write_xlsx(
    path: Path,
    headers: list[str],
    table: list[list[object]],
    kinds: list[str],
    sheet_name: str,
    title: str | None = None,
) -> None:
    """Real numbers at full precision, shown with `0` or `0.00`; a title row (when given), a
    bold, frozen header row; printable: landscape A4, one page wide, title and header rows
    repeated on each page."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    formats = {"int": _INTEGER, "decimal": _DECIMAL}
    # Write-only: the rows stream to the file instead of a cell object each held in memory
    # (a national round's workbook at a third of the time). Everything about the sheet as a
    # whole is set before the first row goes out.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    header_row = 2 if title else 1
    for index, (header, kind) in enumerate(zip(headers, kinds, strict=True), start=1):
        shown = [_shown(line[index - 1], kind) for line in table[:200]]
        width = max([min(len(header), 24), *map(len, shown)])
        sheet.column_dimensions[get_column_letter(index)].width = min(48, width + 2)
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = 9  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"1:{header_row}"
    sheet.print_options.gridLines = True
    if title:
        sheet.append(
            [_styled(WriteOnlyCell(sheet, defuse_cell(title)), font=Font(bold=True, size=13))]
        )
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    sheet.append(
        [_styled(WriteOnlyCell(sheet, defuse_cell(h)), font=bold, alignment=wrap) for h in headers]
    )
    # One styled cell per number column, given each row's value in turn: a write-only sheet
    # writes a row out as it is appended, so the same cell can carry the next row's value (a
    # new styled cell per number was two thirds of a 20,000-row workbook).
    styled = [
        _styled(WriteOnlyCell(sheet), number_format=formats[kind]) if kind in formats else None
        for kind in kinds
    ]
    for line in table:
        row: list[object] = []
        for value, cell in zip(line, styled, strict=True):
            if isinstance(value, str):
                row.append(defuse_cell(value))
            elif (
                cell is not None and isinstance(value, int | float) and not isinstance(value, bool)
            ):
                cell.value = value
                row.append(cell)
            else:
                row.append(value)
        sheet.append(row)
    workbook.save(path)


def _styled(cell: Any, **style: object) -> Any:
    """A write-only cell with its style set (it takes no style in its constructor)."""
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _shown(value: object, kind: str) -> str:
    """About what a cell shows, for its column's width."""
    if value is None:
        return ""
    if isinstance(value, float) and kind == "decimal":
        return f"{value:.2f}"
    if isinstance(value, float) and kind == "int":
        return f"{value:.0f}"
    return str(value)
