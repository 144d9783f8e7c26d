"""Blank score sheets as .xlsx or .csv: the wide form `score import` reads back as it is."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from awards.models import Criterion, format_number

from .safe import defuse_cell

INFO = ["juror", "nomination", "nominee", "organization"]


def _rows(
    juror_email: str,
    nominations: Sequence[tuple[int, str, str | None]],
    criteria: Sequence[Criterion],
) -> list[list[object]]:
    return [
        [juror_email, n, defuse_cell(name), defuse_cell(org or ""), *[None] * len(criteria), None]
        for n, name, org in nominations
    ]


def write_score_sheet_csv(
    path: Path,
    *,
    competition: str,
    round_number: int,
    juror_email: str,
    juror_name: str,
    criteria: Sequence[Criterion],
    nominations: Sequence[tuple[int, str, str | None]],
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*INFO, *[c.key for c in criteria], "comment"])
    for row in _rows(juror_email, nominations, criteria):
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_score_sheet_xlsx(
    path: Path,
    *,
    competition: str,
    round_number: int,
    juror_email: str,
    juror_name: str,
    criteria: Sequence[Criterion],
    nominations: Sequence[tuple[int, str, str | None]],
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Pisteet"
    sheet.append([*INFO, *[c.key for c in criteria], "comment"])
    for row in _rows(juror_email, nominations, criteria):
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "E2"
    fill = PatternFill("solid", fgColor="FFF2CC")
    last = len(nominations) + 1
    for offset, c in enumerate(criteria):
        column = sheet.cell(1, len(INFO) + 1 + offset).column_letter
        rule = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(c.min),
            formula2=str(c.max),
            showErrorMessage=True,
            error=f"{c.key}: {format_number(c.min)}–{format_number(c.max)}",
        )
        sheet.add_data_validation(rule)
        if last >= 2:
            rule.add(f"{column}2:{column}{last}")
            for r in range(2, last + 1):
                sheet[f"{column}{r}"].fill = fill
    for letter, width in zip("ABCD", (30, 11, 28, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    guide = workbook.create_sheet("Ohje")
    guide.append([f"{competition}, round {round_number}: {juror_name} <{juror_email}>"])
    guide.append(
        [
            "Type scores in the yellow cells; leave empty what you have not scored. "
            "Do not change the juror or nomination columns."
        ]
    )
    guide.append([])
    guide.append(["criterion", "name", "min", "max", "step", "points"])
    for c in criteria:
        guide.append([c.key, c.name_fi, c.min, c.max, c.step or "any", c.weight])
    workbook.save(path)
