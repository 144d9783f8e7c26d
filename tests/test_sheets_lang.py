"""Finnish and English spreadsheets: score sheets (xlsx, csv) with headers and instructions in the
sheet's language that `score import` reads back, the old key-headed files still read, and the
results export with headers in the language and full precision behind a display format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.filemakers import excel_csv, xlsx

SLUG = "customer-advisor-2026"
KEYS = ["encounter", "solutions", "feedback", "teamwork", "development"]
NAMES = {
    "fi": [
        "Asiakaskohtaaminen",
        "Osaaminen ja ratkaisut",
        "Asiakaspalaute",
        "Työyhteisö",
        "Kehittäminen",
    ],
    "en": [
        "Customer encounter",
        "Expertise and solutions",
        "Customer feedback",
        "Teamwork",
        "Development",
    ],
}
INFO = {
    "fi": ["Tuomari", "Ehdotus", "Ehdokas", "Organisaatio"],
    "en": ["Juror", "Nomination", "Nominee", "Organisation"],
}
COMMENT = {"fi": "Kommentti", "en": "Comment"}


def _scores(awards) -> dict[tuple[str, int, str], float]:
    return {
        (s["juror"], s["nomination"], s["criterion"]): s["score"]
        for s in awards.json("score", "list", SLUG)
    }


def _comments(awards) -> dict[tuple[str, int], str]:
    return {
        (s["juror"], s["nomination"]): s["comment"]
        for s in awards.json("score", "list", SLUG)
        if s["comment"]
    }


# ---- score sheets ---------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_xlsx_sheet_speaks_its_language_and_reads_back(advisor, tmp_path: Path, lang) -> None:
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path / "x", "--format", "xlsx", "--lang", lang)
    (path,) = (tmp_path / "x").glob("*.xlsx")
    workbook = load_workbook(path)
    scores_title, guide_title = ("Pisteet", "Ohje") if lang == "fi" else ("Scores", "Instructions")
    assert workbook.sheetnames == [scores_title, guide_title]
    sheet = workbook[scores_title]
    header = [c.value for c in sheet[1]]
    assert header == [*INFO[lang], *NAMES[lang], COMMENT[lang]]
    assert not set(KEYS) & set(header)  # no internal keys left in the header
    # Kept from before: bold header, frozen panes, yellow cells with a scale check.
    assert sheet["A1"].font.bold and sheet.freeze_panes == "E2"
    assert sheet["E2"].fill.fgColor.rgb.endswith("FFF2CC")
    rules = sheet.data_validations.dataValidation
    assert len(rules) == 5 and {(r.formula1, r.formula2) for r in rules} == {("0.0", "10.0")}
    assert NAMES[lang][0] in rules[0].error

    guide = workbook[guide_title]
    rows = [[c.value for c in row] for row in guide.iter_rows()]
    table_at = next(i for i, r in enumerate(rows) if r and r[0] in ("Kriteeri", "Criterion"))
    if lang == "fi":
        assert rows[table_at][:6] == [
            "Kriteeri",
            "Nimi",
            "Vähintään",
            "Enintään",
            "Askel",
            "Pisteet",
        ]
        assert "kierros 1" in rows[0][0] and "keltaisiin" in rows[1][0]
        assert "round" not in rows[0][0] and "yellow" not in rows[1][0]
    else:
        assert rows[table_at][:6] == ["Criterion", "Name", "Min", "Max", "Step", "Points"]
        assert "round 1" in rows[0][0] and "yellow" in rows[1][0]
    assert "juror1@example.fi" in rows[0][0]
    criteria_rows = rows[table_at + 1 : table_at + 6]
    assert [r[0] for r in criteria_rows] == KEYS
    assert [r[1] for r in criteria_rows] == NAMES[lang]
    assert criteria_rows[0][2:6] == [0, 10, 0.5, 20]

    sheet["E2"] = 8.5  # a number typed in Excel
    sheet["F2"] = "7,5"  # text with a decimal comma
    sheet["I3"] = 4
    sheet["J2"] = "Hyvä" if lang == "fi" else "Good"
    workbook.save(path)
    assert "3 new" in awards("score", "import", SLUG, path).stdout
    assert _scores(awards) == {
        ("juror1@example.fi", 1, "encounter"): 8.5,
        ("juror1@example.fi", 1, "solutions"): 7.5,
        ("juror1@example.fi", 2, "development"): 4,
    }
    assert _comments(awards) == {("juror1@example.fi", 1): "Hyvä" if lang == "fi" else "Good"}
    # A filled sheet is not blanked by writing the sheets again.
    assert "--force" in awards.refused(
        "score", "sheets", SLUG, "--out", tmp_path / "x", "--format", "xlsx", "--lang", lang
    )


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_csv_sheet_speaks_its_language_and_reads_back(advisor, tmp_path: Path, lang) -> None:
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path / "c", "--format", "csv", "--lang", lang)
    (path,) = (tmp_path / "c").glob("*.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].split(";") == [*INFO[lang], *NAMES[lang], COMMENT[lang]]
    assert lines[1].startswith("juror1@example.fi;1;Ehdokas 1;Yritys 1 Oy;")
    lines[2] = lines[2].replace(";;;;;;", ";6;6,5;7;7;7;Selkeä", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert "5 new" in awards("score", "import", SLUG, path).stdout
    scores = _scores(awards)
    assert [scores[("juror1@example.fi", 2, k)] for k in KEYS] == [6, 6.5, 7, 7, 7]
    assert _comments(awards) == {("juror1@example.fi", 2): "Selkeä"}
    again = awards("score", "import", SLUG, path).stdout
    assert "0 new, 0 changed, 5 unchanged" in again


def test_old_key_headed_files_still_import(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    wide = excel_csv(
        tmp_path / "wide.csv",
        ["juror", "nomination", "nominee", "organization", "encounter", "solutions", "comment"],
        [["juror1@example.fi", 1, "Ehdokas 1", "Yritys 1 Oy", 8.5, 7, "Hyvä"]],
    )
    assert "2 new" in awards("score", "import", SLUG, wide).stdout
    long = excel_csv(
        tmp_path / "long.csv",
        ["juror", "nomination", "criterion", "score", "comment"],
        [
            ["juror1@example.fi", 2, "feedback", 6.5, ""],
            ["juror1@example.fi", 2, "Työyhteisö", 5, ""],
        ],
        encoding="utf-8-sig",
        separator=",",
    )
    assert "2 new" in awards("score", "import", SLUG, long).stdout
    scores = _scores(awards)
    assert scores[("juror1@example.fi", 1, "encounter")] == 8.5
    assert scores[("juror1@example.fi", 2, "feedback")] == 6.5
    assert scores[("juror1@example.fi", 2, "teamwork")] == 5  # a name in the criterion column


def test_headers_match_in_either_language_case_and_spacing(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    # English info labels, a Finnish and an English criterion name and a key, odd case and spaces.
    path = xlsx(
        tmp_path / "mixed.xlsx",
        ["  JUROR ", "nomination", "Organisation", " asiakaskohtaaminen",
         "EXPERTISE AND SOLUTIONS ", "Feedback", "kommentti"],
        [["juror1@example.fi", 1, "Yritys 1 Oy", 9, 8, 7, "Sekakieli"]],
    )  # fmt: skip
    assert "3 new" in awards("score", "import", SLUG, path).stdout
    scores = _scores(awards)
    assert [scores[("juror1@example.fi", 1, k)] for k in KEYS[:3]] == [9, 8, 7]
    assert _comments(awards) == {("juror1@example.fi", 1): "Sekakieli"}


def test_unknown_or_doubled_columns_still_refuse(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    unknown = excel_csv(
        tmp_path / "unknown.csv",
        ["Tuomari", "Ehdotus", "Asiakaskohtaaminen", "Asiakaskokemus"],
        [["juror1@example.fi", 1, 8, 7]],
    )
    error = awards.refused("score", "import", SLUG, unknown)
    assert "unknown column 'Asiakaskokemus'" in error and "nothing was saved" in error
    twice = excel_csv(
        tmp_path / "twice.csv",
        ["Juror", "Nomination", "encounter", "Customer encounter"],
        [["juror1@example.fi", 1, 8, 8]],
    )
    assert "both the criterion encounter" in awards.refused("score", "import", SLUG, twice)
    assert awards.snapshot()["scores"] == []


# ---- results --------------------------------------------------------------------------------


@pytest.fixture
def closed(advisor):
    """Two nominations, three jurors, a closed round with a winner: scores whose mean does
    not end after two decimals (8, 8.5 and 7 on encounter: 7.8333…)."""
    awards = advisor(nominations=2, jurors=3)
    awards("round", "open", SLUG)
    values = {1: (8, 8.5, 7), 2: (6, 5.5, 7)}
    for nomination, by_juror in values.items():
        for j, value in enumerate(by_juror, start=1):
            awards("score", "set", SLUG, "--juror", f"juror{j}@example.fi",
                   "--nomination", nomination, f"encounter={value}", "solutions=5")  # fmt: skip
    awards("round", "close", SLUG, "--allow-missing")
    awards("winner", "declare", SLUG, "--nomination", "1")
    awards("nomination", "publish", "2", "--yes")
    return awards


RESULT_HEADERS = {
    "fi": (["Sija", "Nro", "Ehdokas", "Organisaatio", "Pisteet"],
           ["Tuomareita", "Hajonta", "Jaettu", "Palkinto"]),
    "en": (["Rank", "No.", "Nominee", "Organisation", "Score"],
           ["Jurors", "Spread", "Tied", "Place"]),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_results_xlsx_headers_formats_and_precision(closed, tmp_path: Path, lang) -> None:
    data = json.loads(closed("export", "results", SLUG, "--format", "json").stdout)
    out = tmp_path / "r.xlsx"
    closed("export", "results", SLUG, "--format", "xlsx", "--lang", lang, "-o", out)
    workbook = load_workbook(out)
    assert workbook.sheetnames == ["Tulokset" if lang == "fi" else "Results"]
    sheet = workbook.active
    assert " 2026 – " in sheet["A1"].value  # the title row
    header = [c.value for c in sheet[2]]
    before, after = RESULT_HEADERS[lang]
    assert header[:5] == before and header[-4:] == after and len(header) == 11
    assert not any("." in h and h.startswith("by_criterion") for h in header)
    assert all(isinstance(h, str) and h not in ("tied", "place", "rank") for h in header)
    assert sheet.freeze_panes == "A3" and all(c.font.bold for c in sheet[2])
    first = {h: c for h, c in zip(header, sheet[3], strict=True)}
    score, spread = first[before[4]], first[after[1]]
    # Full precision in the cell (openpyxl writes 16 significant digits, Excel keeps 15),
    # rounded only by the display format.
    assert score.value == pytest.approx(data[0]["score"], rel=1e-15, abs=0)
    assert abs(score.value - round(score.value, 6)) > 1e-9  # not cut at 2 (or 6) decimals
    assert score.number_format == "0.00" and spread.number_format == "0.00"
    assert spread.value == pytest.approx(data[0]["spread"], abs=1e-12)
    encounter = sheet.cell(3, 6)
    assert encounter.value == pytest.approx(data[0]["by_criterion"]["encounter"], rel=1e-15)
    assert encounter.value == pytest.approx(23.5 / 3, rel=1e-15)
    assert encounter.number_format == "0.00"
    assert first[before[0]].number_format == "0" and first[after[0]].number_format == "0"
    assert first[after[0]].value == 3
    assert first[after[2]].value == ("ei" if lang == "fi" else "no")
    assert first[after[3]].value == ("Voittaja" if lang == "fi" else "Winner")
    assert sheet.column_dimensions["C"].width >= len("Ehdokas 1")


def test_results_csv_and_markdown_in_finnish(closed) -> None:
    text = closed("export", "results", SLUG, "--format", "csv").stdout
    lines = text.lstrip("\ufeff").splitlines()
    header = lines[0].split(";")
    assert header[:5] == RESULT_HEADERS["fi"][0] and header[-4:] == RESULT_HEADERS["fi"][1]
    assert "by_criterion" not in lines[0] and "tied" not in lines[0]
    row = lines[1].split(";")
    assert row[0] == "1" and row[2] == "Ehdokas 1" and row[-2:] == ["ei", "Voittaja"]
    assert row[5] == "7,833333"  # data: six decimals, decimal comma
    english = closed("export", "results", SLUG, "--format", "csv", "--lang", "en").stdout
    assert english.lstrip("\ufeff").startswith("Rank;No.;Nominee;Organisation;Score;")
    markdown = closed("export", "results", SLUG, "--format", "markdown").stdout.splitlines()
    assert markdown[0].startswith("| Sija | Nro | Ehdokas | Organisaatio | Pisteet |")
    assert markdown[1].startswith("|---")
    assert "| 7,83 |" in markdown[2] and "7,833" not in markdown[2]  # rounded for display
    english_md = closed("export", "results", SLUG, "--format", "markdown", "--lang", "en").stdout
    assert "| 7.83 |" in english_md and "| Winner |" in english_md


def test_results_json_keeps_its_keys_and_precision(closed) -> None:
    for lang in ("fi", "en"):
        data = json.loads(
            closed("export", "results", SLUG, "--format", "json", "--lang", lang).stdout
        )
        assert list(data[0]) == ["rank", "nomination", "nominee", "organization", "score",
                                 "by_criterion", "jurors", "spread", "tied", "place"]  # fmt: skip
        assert data[0]["by_criterion"]["encounter"] == pytest.approx(23.5 / 3, abs=1e-12)
        assert data[0]["tied"] is False and data[0]["place"] == "winner"


def test_results_criterion_columns_take_their_names() -> None:
    from awards.exports.results import write_results
    from awards.views import ResultRowView

    rows = [
        ResultRowView(1, 7, "Sini", "Aava Oy", 1.0 / 3, {"encounter": 2 / 3, "solutions": 5.0},
                      2, 0.125, False, "winner", True),
        ResultRowView(2, 8, "Kai", None, 0.25, {"solutions": 4.5, "extra": 1.0},
                      2, 0.0, True, None, False),
    ]  # fmt: skip
    names = {"solutions": "Osaaminen ja ratkaisut", "encounter": "Asiakaskohtaaminen"}
    text = write_results(rows, "csv", None, "fi", criterion_names=names)
    header = text.lstrip("\ufeff").splitlines()[0].split(";")
    # Criteria in the order of the names given, an unnamed key last under its key.
    assert header[5:8] == ["Osaaminen ja ratkaisut", "Asiakaskohtaaminen", "extra"]
    second = text.splitlines()[2].split(";")
    assert second[2] == "(ei julkinen)" and second[-2:] == ["kyllä", ""]
    # A name that would repeat a fixed header is told apart by its key.
    clash = write_results(rows, "markdown", None, "fi", criterion_names={"extra": "Pisteet"})
    assert "| Pisteet (extra) |" in clash.splitlines()[0]
    assert write_results(rows, "csv", None, "en").lstrip("\ufeff").splitlines()[0].split(";")[
        5:8
    ] == ["encounter", "solutions", "extra"]  # no names given: the keys
