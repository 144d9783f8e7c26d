"""Nominations as coordinators really receive them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.filemakers import excel_csv, xlsx, zip_bomb

SLUG = "customer-advisor-2026"
FORM = [
    "Aikaleima",
    "Ehdokas",
    "Organisaatio",
    "Tehtävänimike",
    "Ehdottaja",
    "Ehdottajan sähköposti",
    "Perustelut",
    "Asiakaspalaute",
]
REASON = 'Sini pelasti; meidän "perheen" päivän.\nHän soitti vielä illalla perään.'
ROWS = [
    [
        "5.3.2026 14.07",
        "Sini Mäkelä",
        "Aava Pankki Oyj",
        "Asiakasneuvoja",
        "Åsa Öberg",
        "asa.oberg@example.com",
        REASON,
        "Paras palvelu!",
    ],
    [
        "6.3.2026 9.15",
        "Olli Ojala",
        "Revontuli Vakuutus",
        "Palveluneuvoja",
        "Pekka Lehto",
        "pekka@example.com",
        "Ystävällinen ja nopea.",
        "",
    ],
    ["2026-03-07", "Äijälä Öhman", "Kuusiston Energia Oy", "", "", "", "Kiitos!", ""],
]


@pytest.fixture
def year(awards):
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    return awards


def imported(awards) -> list[dict]:
    return awards.json("nomination", "list", SLUG)


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8", "utf-16"])
def test_finnish_excel_csv_in_every_encoding(year, tmp_path: Path, encoding: str) -> None:
    path = excel_csv(tmp_path / "ehdotukset.csv", FORM, ROWS, encoding=encoding)
    result = year("nomination", "import", SLUG, path)
    assert f"({encoding.replace('utf-16', 'utf-16')}" in result.stderr or encoding in result.stderr
    rows = imported(year)
    assert [r["nominee"] for r in rows] == ["Sini Mäkelä", "Olli Ojala", "Äijälä Öhman"]
    shown = year.json("nomination", "show", rows[0]["id"])
    assert shown["reason"] == REASON  # quotes, ';' and the line break intact; CRLF -> LF
    assert shown["nominator"] == "Åsa Öberg"
    assert shown["submitted"] == "2026-03-05T14:07"
    assert shown["extra"] == {"Asiakaspalaute": "Paras palvelu!"}  # unknown column kept
    assert "Ã" not in str(shown)  # never mojibake


def test_comma_and_tab_separated_english_headers(year, tmp_path: Path) -> None:
    header = ["Nominee ", "ORGANIZATION", "nominator_email", "Submitted", "reason"]
    for separator in (",", "\t"):
        path = excel_csv(
            tmp_path / f"n{ord(separator)}.csv",
            header,
            [["Aino Lindqvist", "Kaisla Oy", "x@example.fi", "1.4.2026", "Hyvä, aina."]],
            encoding="utf-8",
            separator=separator,
        )
        year("nomination", "import", SLUG, path)
    rows = imported(year)
    assert len(rows) == 1  # the second file is the same nomination
    assert year.json("nomination", "show", rows[0]["id"])["reason"] == "Hyvä, aina."


def test_xlsx_written_by_excel(year, tmp_path: Path) -> None:
    from datetime import datetime

    path = xlsx(
        tmp_path / "ehdotukset.xlsx",
        FORM,
        [
            [
                datetime(2026, 3, 5, 14, 7),
                "Sini Mäkelä",
                "Aava Pankki Oyj",
                None,
                "Åsa",
                None,
                "Rivi 1\nRivi 2",
                10,
            ]
        ],
    )
    year("nomination", "import", SLUG, path)
    [row] = imported(year)
    shown = year.json("nomination", "show", row["id"])
    assert shown["submitted"] == "2026-03-05T14:07" and shown["reason"] == "Rivi 1\nRivi 2"
    assert shown["extra"] == {"Asiakaspalaute": "10"}


def test_one_bad_row_refuses_the_whole_file_naming_every_line(year, tmp_path: Path) -> None:
    rows = [
        ROWS[0],
        ["32.13.2026", "Virhe Päivä", "", "", "", "", "", ""],
        ROWS[1],
        ["", "", "Ei ehdokasta Oy", "", "", "", "", ""],
        ["1.4.2026", "Posti Virhe", "", "", "", "ei-sähköposti", "", ""],
    ]
    path = excel_csv(tmp_path / "bad.csv", FORM, rows)
    before = year.snapshot()
    error = year.refused("nomination", "import", SLUG, path)
    # The first data row spans lines 2-3 (a line break inside its quoted reason): from there on
    # a row's place in the spreadsheet and its line in the text differ, and both are named.
    assert "row 3 (line 4):" in error and "not a date" in error and "32.13.2026" in error
    # A response naming no nominee is no nomination: skipped and counted, never a problem.
    assert "row 5 (line 6)" not in error and "2 problem(s)" in error
    assert "row 6 (line 7):" in error and "not an email" in error
    assert "nothing was imported" in error
    assert year.snapshot() == before


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02junk\xff\xfe" * 100, "not a text file"),
        ("Nimi;Osoite\r\nSini;Kotikatu 1\r\n".encode("cp1252"), "no nominee/ehdokas column"),
    ],
)
def test_not_a_nomination_file(year, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(content)
    assert message in year.refused("nomination", "import", SLUG, path)


def test_fake_and_bomb_xlsx(year, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("Ehdokas;Organisaatio\nSini;Aava\n")
    assert "not a real .xlsx" in year.refused("nomination", "import", SLUG, fake)
    bomb = zip_bomb(tmp_path / "bomb.xlsx")
    assert "zip bomb" in year.refused("nomination", "import", SLUG, bomb)


def test_dry_run_writes_nothing(year, tmp_path: Path) -> None:
    path = excel_csv(tmp_path / "ehdotukset.csv", FORM, ROWS)
    before = year.snapshot()
    result = year("nomination", "import", SLUG, path, "--dry-run")
    assert "would import 3" in result.stdout and "Sini Mäkelä" in result.stdout
    assert year.snapshot() == before


def test_importing_twice_adds_nothing(year, tmp_path: Path) -> None:
    path = excel_csv(tmp_path / "ehdotukset.csv", FORM, ROWS)
    year("nomination", "import", SLUG, path)
    again = year("nomination", "import", SLUG, path)
    assert "Imported 0" in again.stdout and "3 were already there" in again.stdout
    assert len(imported(year)) == 3


def test_five_customers_nominate_the_same_advisor(year, tmp_path: Path) -> None:
    rows = [
        [f"{d}.3.2026", name, org, "", f"Asiakas {d}", f"a{d}@example.com", f"Kiitos {d}", ""]
        for d, name, org in [
            (1, "Sini Mäkelä", "Aava Pankki Oyj"),
            (2, "sini makela", "Aava Pankki"),
            (3, "Sini  Mäkelä", "AAVA PANKKI OYJ"),
            (4, "Sini Mäkelä", "Aava Pankki Oyj"),
            (5, "Sini Mäkelä", None),
            (6, "Sini Mäkelä", "Pohjantähti Matkat Oy"),
        ]
    ]
    year("nomination", "import", SLUG, excel_csv(tmp_path / "n.csv", FORM, rows))
    groups = year.json("nomination", "duplicates", SLUG)
    likely = [g for g in groups if "namesakes" not in g["reason"]]
    assert any(set(g["ids"]) >= {1, 2, 3, 4} for g in likely)
    assert all(6 not in g["ids"] for g in likely)  # a namesake elsewhere is never "likely"
    assert any(6 in g["ids"] and "namesakes" in g["reason"] for g in groups)
    year("nomination", "merge", "1", "2", "3", "4", "5")
    rows_now = {r["id"]: r for r in imported(year)}
    assert rows_now[1]["nominations"] == 5 and set(rows_now) == {1, 6}
    shown = year("nomination", "show", "1").stdout
    for d in range(1, 6):
        assert f"Kiitos {d}" in shown and f"a{d}@example.com" in shown
    assert year.json("log", SLUG)[0]["action"] == "nomination.merge"


def test_merge_refusals(year, tmp_path: Path) -> None:
    for name in ("A", "B", "C"):
        year("nomination", "add", SLUG, "--nominee", name)
    assert "itself" in year.refused("nomination", "merge", "1", "1")
    year("nomination", "merge", "1", "2")
    assert "already merged" in year.refused("nomination", "merge", "3", "2")
    year("juror", "add", SLUG, "--name", "T", "--email", "t@example.fi")
    year("round", "open", SLUG)
    year("score", "set", SLUG, "--juror", "t@example.fi", "--nomination", "3", "encounter=5")
    assert "scores" in year.refused("nomination", "merge", "1", "3")


def test_ten_thousand_rows_import_in_seconds(year, tmp_path: Path) -> None:
    rows = [
        [
            f"{1 + i % 28}.3.2026 {i % 24}.{i % 60:02d}",
            f"Ehdokas {i}",
            f"Yritys {i % 50} Oy",
            "Asiakasneuvoja",
            f"Asiakas {i}",
            f"a{i}@example.com",
            f"Perustelu {i}; hyvä palvelu.\nToinen rivi.",
            "",
        ]
        for i in range(10_000)
    ]
    path = excel_csv(tmp_path / "big.csv", FORM, rows)
    started = time.perf_counter()
    year("nomination", "import", SLUG, path)
    elapsed = time.perf_counter() - started
    assert len(imported(year)) == 10_000
    assert elapsed < 15, elapsed  # a few seconds on a laptop; generous for shared CI machines
