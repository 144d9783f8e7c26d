"""Score file errors name a criterion as the juror reads it on the sheet."""

from __future__ import annotations

from pathlib import Path

from awards.exports.score_file import label
from tests.filemakers import fill_docx_sheet

SLUG = "customer-advisor-2026"


def test_a_sheet_error_names_the_criterion_without_soft_hyphens(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path / "sheets")
    sheet = next((tmp_path / "sheets").glob("*.docx"))
    wrong = fill_docx_sheet(sheet, tmp_path / "wrong.docx", {(1, 2): "11"})
    error = awards.refused("score", "import", SLUG, wrong)
    assert "table row 2, column Asiakaskohtaaminen (encounter, 0–10): encounter: 11 is" in error
    assert "\\xad" not in error and "\u00ad" not in error and "'" not in error


def test_label() -> None:
    assert label("Asiakas\u00adkohtaaminen(encounter, 0–10)") == (
        "Asiakaskohtaaminen (encounter, 0–10)"
    )
    assert label("Asiakas\u00adkohtaaminen\n(encounter, 0–10)") == (
        "Asiakaskohtaaminen (encounter, 0–10)"
    )
    assert label("  ") == ""
