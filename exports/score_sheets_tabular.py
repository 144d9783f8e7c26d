"""Blank score sheets as .xlsx or .csv: the wide form `score import` reads back as it is.

Headers and instructions are in the sheet's language (Finnish or English); a criterion's column
is headed by its name in that language. `score_file.parse_score_file` reads both languages, and
the older sheets headed by internal keys, back.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from awards.models import format_number
from awards.views import CriterionView, ScoreSheetView

from .safe import defuse_cell
from .tabular import match_header

INFO = ["juror", "nomination", "nominee", "organization"]

LABELS: dict[str, dict[str, str]] = {
    "fi": {
        "juror": "Tuomari",
        "nomination": "Ehdotus",
        "nominee": "Ehdokas",
        "organization": "Organisaatio",
        "comment": "Kommentti",
        "scores_sheet": "Pisteet",
        "guide_sheet": "Ohje",
        "identity": "{slug}, kierros {round}: {name} <{email}>",
        "instructions": "Kirjoita pisteet keltaisiin soluihin (desimaalipilkku tai -piste, "
        "7,5 tai 7.5); jätä tyhjäksi, mitä et ole arvioinut. Älä muuta tuomari- äläkä "
        "ehdotussarakkeita äläkä otsikkoriviä.",
        "criterion": "Kriteeri",
        "name": "Nimi",
        "min": "Vähintään",
        "max": "Enintään",
        "step": "Askel",
        "points": "Pisteet",
        "any": "vapaa",
        "error_title": "Pisteet asteikon ulkopuolella",
    },
    "en": {
        "juror": "Juror",
        "nomination": "Nomination",
        "nominee": "Nominee",
        "organization": "Organisation",
        "comment": "Comment",
        "scores_sheet": "Scores",
        "guide_sheet": "Instructions",
        "identity": "{slug}, round {round}: {name} <{email}>",
        "instructions": "Type scores in the yellow cells (a decimal point or comma, 7.5 or "
        "7,5); leave empty what you have not scored. Do not change the juror or nomination "
        "columns or the header row.",
        "criterion": "Criterion",
        "name": "Name",
        "min": "Min",
        "max": "Max",
        "step": "Step",
        "points": "Points",
        "any": "any",
        "error_title": "Score outside the scale",
    },
}


def _labels(lang: str) -> dict[str, str]:
    return LABELS["en" if lang == "en" else "fi"]


def criterion_headers(criteria: list[CriterionView]) -> list[str]:
    """Each criterion's column header: its name in the sheet's language, or `name (key)` where
    the plain name would be empty, repeat another column or read back as a fixed column."""
    from .score_file import COMMENT, CRITERION, INFORMATION, JUROR, NOMINATION, SCORE

    reserved = JUROR | NOMINATION | CRITERION | SCORE | COMMENT | INFORMATION
    reserved |= {match_header(v) for labels in LABELS.values() for v in labels.values()}
    names = [match_header(c.name) for c in criteria]
    keys = {c.key for c in criteria}
    headers = []
    for c, name in zip(criteria, names, strict=True):
        clash = not name or name in reserved or names.count(name) > 1
        clash = clash or (name in keys and name != c.key) or defuse_cell(c.name) != c.name
        headers.append(f"{c.name} ({c.key})" if clash and name else c.name if name else c.key)
    return headers


def header_row(sheet: ScoreSheetView, lang: str) -> list[str]:
    labels = _labels(lang)
    return [
        *(labels[k] for k in INFO),
        *(str(defuse_cell(h)) for h in criterion_headers(sheet.criteria)),
        labels["comment"],
    ]


def _rows(sheet: ScoreSheetView) -> list[list[object]]:
    blank = [None] * len(sheet.criteria)
    return [
        [defuse_cell(sheet.juror_email), n, defuse_cell(name), defuse_cell(org or ""), *blank, None]
        for n, name, org in sheet.nominations
    ]


def write_score_sheet_csv(path: Path, sheet: ScoreSheetView, lang: str = "fi") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header_row(sheet, lang))
    for row in _rows(sheet):
        writer.writerow(["" if v is None else v for v in row])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def write_score_sheet_xlsx(path: Path, sheet: ScoreSheetView, lang: str = "fi") -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    labels = _labels(lang)
    workbook = Workbook()
    scores = workbook.active
    assert scores is not None
    scores.title = labels["scores_sheet"]  # the first sheet: the one `score import` reads
    scores.append(header_row(sheet, lang))
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
            errorTitle=labels["error_title"],
            error=f"{c.name}: {format_number(c.min)}–{format_number(c.max)}",
        )
        scores.add_data_validation(rule)
        if last >= 2:
            rule.add(f"{column}2:{column}{last}")
            for r in range(2, last + 1):
                scores[f"{column}{r}"].fill = fill
        scores.column_dimensions[column].width = min(40, max(10, len(c.name) + 2))
    for letter, width in zip("ABCD", (30, 11, 28, 28), strict=True):
        scores.column_dimensions[letter].width = width
    comment_column = scores.cell(1, len(INFO) + len(sheet.criteria) + 1).column_letter
    scores.column_dimensions[comment_column].width = 40
    guide = workbook.create_sheet(labels["guide_sheet"])
    guide.append(
        [
            defuse_cell(
                labels["identity"].format(
                    slug=sheet.competition_slug,
                    round=sheet.round_number,
                    name=sheet.juror_name,
                    email=sheet.juror_email,
                )
            )
        ]
    )
    guide.append([labels["instructions"]])
    guide.append([])
    guide.append([labels[k] for k in ("criterion", "name", "min", "max", "step", "points")])
    for cell in guide[4]:
        cell.font = Font(bold=True)
    for c in sheet.criteria:
        step = c.step or labels["any"]
        guide.append([defuse_cell(c.key), defuse_cell(c.name), c.min, c.max, step, c.weight])
    for letter, width in zip("ABCDEF", (16, 40, 11, 11, 9, 9), strict=True):
        guide.column_dimensions[letter].width = width
    workbook.save(path)
