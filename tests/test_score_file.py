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


def test_a_cell_given_twice_with_two_values_is_refused_where_both_are(
    advisor, tmp_path: Path
) -> None:
    """One juror's score for one nomination and criterion given twice, differently: within one
    file the reader names both lines; across two files the round's check does. The same value
    twice is one score. Nothing is saved when refused."""
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)

    def write(name: str, rows: list[str]) -> Path:
        path = tmp_path / name
        lines = ["juror;nomination;criterion;score", *rows]
        path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
        return path

    twice = write(
        "twice.csv",
        [
            "juror1@example.fi;1;encounter;7,5",
            "JUROR1@example.fi;1;encounter;7,5",  # the same juror and value: one score
            "juror1@example.fi;2;encounter;6",
            " juror1@example.fi ;2;encounter;8",
        ],
    )
    error = awards.refused("score", "import", SLUG, twice)
    assert "line 5: encounter for nomination 2 is also given as 6 at line 4" in error
    assert "1 problem(s); nothing was saved" in error
    first = write("first.csv", ["juror1@example.fi;1;encounter;7,5"])
    second = write("second.csv", ["juror1@example.fi;1;encounter;9"])
    error = awards.refused("score", "import", SLUG, first, second)
    assert (
        "second.csv: line 2: encounter for nomination 1 is already given as 7.5 at "
        "first.csv: line 2" in error
    )
    assert awards.json("score", "list", SLUG) == []
    same = write("same.csv", ["juror1@example.fi;1;encounter;7,5"])
    assert "1 new" in awards("score", "import", SLUG, first, same).stdout
