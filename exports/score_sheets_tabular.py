"""Blank score sheets as .xlsx or .csv: the wide form `score import` reads back as it is."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from awards.models import format_number
from awards.views import ScoreSheetView

from .safe import defuse_cell

INFO = ["juror", "nomination", "nominee", "organization"]


def _rows(sheet: ScoreSheetView) -> list[list[object]]:
    blank = [None] * len(sheet.criteria)
    return [
        [defuse_cell(sheet.juror_email), n, defuse_cell(name), defuse_cell(org or ""), *blank, None]
        for n, name, org in sheet.nominations
    ]


def write_score_sheet_csv(path: Path, sheet: ScoreSheetView, lang: str = "fi") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([*INFO, *[c.key for c in sheet.criteria], "comment"])
    for row in _rows(sheet):
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_score_sheet_xlsx(path: Path, sheet: ScoreSheetView, lang: str = "fi") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    scores = workbook.active
    assert scores is not None
    scores.title = "Pisteet"
    scores.append([*INFO, *[c.key for c in sheet.criteria], "comment"])
    for row in _rows(sheet):
        scores.append(row)
    for cell in scores[1]:
        cell.font = Font(bold=True)
    scores.freeze_panes = "E2"
    fill = PatternFill("solid", fgColor="FFF2CC")
    last = len(sheet.nominations) + 1
    for offset, c in enumerate(sheet.criteria):
        column = scores.cell(1, len(INFO) + 1 + offset).column_letter
        rule = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(c.min),
            formula2=str(c.max),
            showErrorMessage=True,
            error=f"{c.key}: {format_number(c.min)}–{format_number(c.max)}",
        )
        scores.add_data_validation(rule)
        if last >= 2:
            rule.add(f"{column}2:{column}{last}")
            for r in range(2, last + 1):
                scores[f"{column}{r}"].fill = fill
    for letter, width in zip("ABCD", (30, 11, 28, 28), strict=True):
        scores.column_dimensions[letter].width = width
    guide = workbook.create_sheet("Ohje")
    guide.append(
        [
            f"{sheet.competition_slug}, round {sheet.round_number}: "
            f"{sheet.juror_name} <{sheet.juror_email}>"
        ]
    )
    guide.append(
        [
            "Type scores in the yellow cells; leave empty what you have not scored. "
            "Do not change the juror or nomination columns."
        ]
    )
    guide.append([])
    guide.append(["criterion", "name", "min", "max", "step", "points"])
    for c in sheet.criteria:
        guide.append(
            [defuse_cell(c.key), defuse_cell(c.name), c.min, c.max, c.step or "any", c.weight]
        )
    workbook.save(path)
