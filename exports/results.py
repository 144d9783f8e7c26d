"""Results as CSV, JSON, XLSX or Markdown. Every text cell a spreadsheet would run as a formula
is defused; numbers stay numbers; JSON keeps full precision and nesting."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from awards.views import ResultRowView

from .i18n import t
from .safe import defuse_cell


def flatten(
    rows: Sequence[Mapping[str, object]], columns: Sequence[str]
) -> tuple[list[str], list[list[object]]]:
    """Nested values (by_criterion) become one column per key: by_criterion.encounter."""
    headers: list[str] = []
    for column in columns:
        nested = [v for r in rows if isinstance(v := r.get(column), dict)]
        if nested:
            keys: list[str] = []
            for value in nested:
                for key in value:
                    if key not in keys:
                        keys.append(key)
            headers.extend(f"{column}.{k}" for k in keys)
        else:
            headers.append(column)
    table = []
    for r in rows:
        line: list[object] = []
        for header in headers:
            column, _, key = header.partition(".")
            cell: object = r.get(column)
            if key and isinstance(cell, dict):
                cell = cell.get(key)
            if isinstance(cell, list):
                cell = ", ".join(map(str, cell))
            line.append(cell)
        table.append(line)
    return headers, table


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


def write_results(
    results: Sequence[ResultRowView], fmt: str, out: Path | None, lang: str = "fi"
) -> str:
    """Write the results to `out`, or return the text for stdout when `out` is None. A
    candidate who may not be named shows as "(ei julkinen)" ("(not public)")."""
    withheld = t(lang, "withheld")
    rows = [
        {
            **{c: getattr(r, c) for c in COLUMNS},
            "nominee": r.nominee if r.named else withheld,
            "organization": r.organization if r.named else withheld,
        }
        for r in results
    ]
    return _write_rows(rows, COLUMNS, fmt, out)


def _write_rows(
    rows: Sequence[Mapping[str, object]], columns: Sequence[str], fmt: str, out: Path | None
) -> str:
    if fmt == "json":
        text = (
            json.dumps([{c: r.get(c) for c in columns} for r in rows], ensure_ascii=False, indent=2)
            + "\n"
        )
        return _emit(text, out, "utf-8")
    headers, table = flatten(rows, columns)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(headers)
        for line in table:
            writer.writerow([_csv_cell(v) for v in line])
        # UTF-8 with BOM and semicolons: what Finnish Excel opens correctly by double-click.
        return _emit(buffer.getvalue(), out, "utf-8-sig")
    if fmt == "markdown":

        def cell(v: object) -> str:
            text = "" if v is None else _number(v) if isinstance(v, float) else str(defuse_cell(v))
            return markdown_text(text)

        lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
        lines += ["| " + " | ".join(cell(v) for v in line) + " |" for line in table]
        return _emit("\n".join(lines) + "\n", out, "utf-8")
    if fmt == "xlsx":
        if out is None:
            raise ValueError("xlsx needs a file")
        _write_xlsx(out, headers, table)
        return ""
    raise ValueError(f"unknown format {fmt!r}")


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


def _write_xlsx(path: Path, headers: list[str], table: list[list[object]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Tulokset"
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in table:
        sheet.append([defuse_cell(v) if isinstance(v, str) else v for v in line])
    sheet.freeze_panes = "A2"
    for index, header in enumerate(headers, start=1):
        width = max([len(header)] + [len(str(line[index - 1] or "")) for line in table[:200]])
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = min(48, width + 2)
    workbook.save(path)
