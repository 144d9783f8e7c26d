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


def test_a_value_off_the_scale_in_a_csv_is_refused_at_its_line(advisor, tmp_path: Path) -> None:
    """The file reader takes numbers (an unreadable one refuses the file first); the domain's
    rule takes the scale, and its refusal names each line as the reader would. Nothing is
    saved either way."""
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    lines = [
        "juror;nomination;criterion;score",
        "juror1@example.fi;1;encounter;11",
        "juror1@example.fi;1;solutions;7,3",
        "juror1@example.fi;2;solutions;8,5",
    ]
    sheet = tmp_path / "pisteet.csv"

    def write(rows: list[str]) -> None:
        sheet.write_bytes(("\r\n".join(rows) + "\r\n").encode("utf-8-sig"))

    write([*lines, "juror1@example.fi;2;encounter;nan"])
    error = awards.refused("score", "import", SLUG, sheet)
    assert "line 5: 'nan' is not a number" in error
    write(lines)
    error = awards.refused("score", "import", SLUG, sheet)
    assert "line 2: encounter: 11 is outside 0–10" in error
    assert "line 3: solutions: 7.3 is not in steps of 0.5" in error
    assert "2 problem(s); nothing was saved" in error
    assert awards.json("score", "list", SLUG) == []
