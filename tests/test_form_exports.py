"""Real form exports in (Microsoft Forms, Google Forms, Webropol, Typeform), the
remembered mapping, unmerge, sheets re-saved by LibreOffice, and the next year from this one.

The files in tests/data/forms are shaped like each tool's export (see its README.md)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from tests.filemakers import fill_docx_sheet

SLUG = "customer-advisor-2026"
FORMS = Path(__file__).parent / "data" / "forms"
NOMINEES = ["Sini Mäkelä", "Åsa Lindqvist", "Jussi Korhonen", "Sini Mäkelä", "Eveliina Äijälä"]


@pytest.fixture
def year(awards):
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    return awards


@pytest.mark.parametrize(
    "name",
    [
        "ms_forms.xlsx",
        "google_forms_fi.csv",
        "google_forms_us.csv",
        "webropol.xlsx",
        "typeform.csv",
        "excel_fi_semicolon.csv",
    ],
)
def test_each_form_tool_imports_with_one_command(year, name: str) -> None:
    result = year("nomination", "import", SLUG, FORMS / name)
    assert "Imported 5 nomination(s)" in result.stdout
    assert "guessed from the question texts" in result.stderr.casefold()
    rows = year.json("nomination", "list", SLUG)
    assert [r["nominee"] for r in rows] == NOMINEES
    assert rows[1]["organization"] == "Ålands Bank Abp"
    first = year.json("nomination", "show", rows[0]["id"])
    # The respondent is the nominator: never the nominee, whatever the form calls it.
    assert first["nominator"] == "Pekka Öhman"
    assert first["reason"].count("\n") >= 1  # the multi-line answer, whole
    assert first["submitted"].startswith("2026-09-14")
    # Next week's download of the same form: nothing new, no flags.
    again = year("nomination", "import", SLUG, FORMS / name)
    assert "Imported 0 nomination(s)" in again.stdout and "5 were already there" in again.stdout


def test_microsoft_forms_respondent_columns_and_anonymous_responses(year) -> None:
    year("nomination", "import", SLUG, FORMS / "ms_forms.xlsx")
    shown = [year.json("nomination", "show", i) for i in range(1, 6)]
    # Row 1: the account email differs from the email the nominator typed; the question wins.
    assert shown[0]["nominator_email"] == "pekka.ohman@example.com"
    assert shown[0]["extra"]["Email"] == "pekka.ohman@jarvenkyla.example"
    # Rows 2 and 4 were anonymous: Microsoft Forms writes "anonymous" as their email.
    assert shown[1]["extra"]["Email"] == "anonymous"
    assert all(s["nominee"] not in ("anonymous", "") for s in shown)


def test_an_ambiguous_form_is_refused_with_the_flags_to_give(year, tmp_path: Path) -> None:
    form = tmp_path / "kysely.csv"
    form.write_text(
        "Aikaleima,Ehdokkaan nimi,Ehdotettavan henkilön nimi,Miksi?\n"
        "14.9.2026 10.32.11,Sini Mäkelä,Sini,Hyvä\n",
        encoding="utf-8",
    )
    before = year.snapshot()
    error = year.refused("nomination", "import", SLUG, form)
    assert "no nominee/ehdokas column" in error
    assert "'Ehdokkaan nimi'" in error and "'Ehdotettavan henkilön nimi'" in error
    assert '--map "Ehdokkaan nimi=nominee"' in error
    assert year.snapshot() == before
    year("nomination", "import", SLUG, form, "--map", " ehdokkaan_NIMI =nominee")
    assert [r["nominee"] for r in year.json("nomination", "list", SLUG)] == ["Sini Mäkelä"]


def test_respondent_columns_are_never_the_nominee(year, tmp_path: Path) -> None:
    # A form that asks nothing about the nominee's name: Name and Email are the respondent's.
    form = tmp_path / "vastaukset.csv"
    form.write_text("ID,Name,Email,Perustelut\n1,Pekka Öhman,p@example.fi,Hyvä\n")
    error = year.refused("nomination", "import", SLUG, form)
    assert "no nominee/ehdokas column" in error
    assert '"Name=nominee"' not in error
    # Mapped by hand it is the coordinator's decision.
    year("nomination", "import", SLUG, form, "--map", "Name=nominee")
    assert year.json("nomination", "list", SLUG)[0]["nominee"] == "Pekka Öhman"


def test_the_mapping_is_remembered_and_can_be_forgotten(year, tmp_path: Path) -> None:
    form = tmp_path / "lomake.csv"
    header = "Aikaleima;Kenet haluat palkita?;Missä hän työskentelee?;Mitä hän teki?\n"
    form.write_text(header + "14.9.2026 10.32.11;Sini Mäkelä;Aava Pankki Oyj;Hyvää\n")
    mapping = ["--map", "Kenet haluat palkita?=ehdokas", "--map", "Mitä hän teki?=perustelut"]
    year("nomination", "import", SLUG, form, *mapping)
    # Next week's export: one more response, columns in another order. No flags.
    form.write_text(
        "Mitä hän teki?;Aikaleima;Missä hän työskentelee?;Kenet haluat palkita?\n"
        "Hyvää;14.9.2026 10.32.11;Aava Pankki Oyj;Sini Mäkelä\n"
        "Paras;15.9.2026 8.01.00;Revontuli Oy;Jussi Korhonen\n"
    )
    dry = year("nomination", "import", SLUG, form, "--dry-run")
    assert "remembered" in dry.stdout and "Jussi Korhonen" in dry.stdout
    assert "would import 1 nomination(s); 1 already there" in dry.stdout
    result = year("nomination", "import", SLUG, form)
    assert "Imported 1 nomination(s)" in result.stdout
    assert year.json("nomination", "show", 2)["reason"] == "Paras"
    assert "nomination.form_mapping" in {e["action"] for e in year.json("log", SLUG)}
    forgotten = year.refused("nomination", "import", SLUG, form, "--forget-map")
    assert "no nominee/ehdokas column" in forgotten
    assert "Kenet haluat palkita?" in forgotten


def test_a_map_naming_a_missing_column_is_refused(year) -> None:
    error = year.refused(
        "nomination", "import", SLUG, FORMS / "webropol.xlsx", "--map", "Nominee=nominee"
    )
    assert "no such column" in error and "'1. Ehdotettavan henkilön nimi'" in error
    bad = year("nomination", "import", SLUG, FORMS / "webropol.xlsx", "--map", "x", ok=False)
    assert bad.exit_code == 2
    assert "unknown field" in year.refused(
        "nomination", "import", SLUG, FORMS / "webropol.xlsx", "--map", "Vastaajan ID=id"
    )


def test_dry_run_shows_the_mapping_column_by_column(year) -> None:
    out = year("nomination", "import", SLUG, FORMS / "webropol.xlsx", "--dry-run").stdout
    lines = {line.split("  ")[0]: line for line in out.splitlines()}
    assert "nominee" in lines["1. Ehdotettavan henkilön nimi"]
    assert "Sini Mäkelä" in lines["1. Ehdotettavan henkilön nimi"]
    assert "(kept)" in lines["Vastaajan ID"]
    assert year.json("nomination", "list", SLUG) == []


def test_bad_rows_are_named_where_the_coordinator_looks(year, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Vastaukset"
    sheet.append(["Ehdokas", "Ehdottajan sähköposti"])
    sheet.append(["Sini", "sini@example.fi"])
    sheet.append(["Aino", "ei-osoite"])
    book.save(tmp_path / "bad.xlsx")
    error = year.refused("nomination", "import", SLUG, tmp_path / "bad.xlsx")
    assert 'sheet "Vastaukset" row 3' in error


def test_unmerge_puts_a_nomination_back(year) -> None:
    year("nomination", "import", SLUG, FORMS / "google_forms_fi.csv")
    year("nomination", "merge", 1, 4)
    assert [r["id"] for r in year.json("nomination", "list", SLUG)] == [1, 2, 3, 5]
    year("nomination", "unmerge", 4)
    assert [r["id"] for r in year.json("nomination", "list", SLUG)] == [1, 2, 3, 4, 5]
    assert year.json("log", SLUG)[0]["action"] == "nomination.unmerge"
    assert "not merged" in year.refused("nomination", "unmerge", 4)
    year("nomination", "merge", 1, 4)
    year("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    year("round", "open", SLUG)
    year("score", "set", SLUG, "--juror", "liisa@example.fi", "--nomination", 1, "encounter=9")
    before = year.snapshot()
    assert "already has scores" in year.refused("nomination", "unmerge", 4)
    assert year.snapshot() == before


def test_next_year_starts_from_this_one(year) -> None:
    year("criteria", "set", SLUG, "feedback", "--weight", "30")
    year("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi", "--role", "chair",
         "--organization", "Aava Pankki Oyj")  # fmt: skip
    year("juror", "add", SLUG, "--name", "Pekka", "--email", "pekka@example.fi")
    year("conflict", "add", SLUG, "pekka@example.fi", "--organization", "Revontuli Oy",
         "--reason", "entinen työnantaja")  # fmt: skip
    year("nomination", "add", SLUG, "--nominee", "Sini")
    result = year("competition", "create", "--year", "2027", "--from", SLUG)
    assert "2 juror(s)" in result.stdout and "1 declared organisation conflict" in result.stdout
    new = "customer-advisor-2027"
    assert {c["key"]: c["weight"] for c in year.json("criteria", "list", new)}["feedback"] == 30
    jury = {j["email"]: j for j in year.json("juror", "list", new)}
    assert jury["liisa@example.fi"]["role"] == "chair"
    assert jury["liisa@example.fi"]["organization"] == "Aava Pankki Oyj"
    declared = [c for c in year.json("conflict", "list", new) if c["source"] == "declared"]
    assert [(c["juror"], c["organization"]) for c in declared] == [
        ("pekka@example.fi", "Revontuli Oy")
    ]
    assert year.json("nomination", "list", new) == []
    assert "same award" in year.refused(
        "competition", "create", "--category", "service-desk", "--year", "2027", "--from", SLUG
    )


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_sheet_saved_by_libreoffice_comes_back_in(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path / "sheets")
    sheet = next((tmp_path / "sheets").glob("*.docx"))
    filled = fill_docx_sheet(sheet, tmp_path / "filled.docx", {(1, 2): "8,5", (2, 2): "6"})
    resaved = tmp_path / "resaved"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
         str(resaved), str(filled)],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    again = resaved / "filled.docx"
    # What LibreOffice does to the identity in the document's keywords.
    assert "; " not in (Document(str(again)).core_properties.keywords or "")
    result = awards("score", "import", SLUG, again)
    assert "2 new" in result.stdout


def test_a_sheet_without_document_properties_is_read_from_its_text(advisor, tmp_path) -> None:
    """Google Docs keeps no keywords: the identity line on the sheet itself is enough."""
    import zipfile

    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path / "sheets")
    sheet = next((tmp_path / "sheets").glob("*.docx"))
    filled = fill_docx_sheet(sheet, tmp_path / "filled.docx", {(1, 2): "7"})
    bare = tmp_path / "bare.docx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(bare, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = data.replace(b"awards score sheet", b"").replace(b"competition=", b"x=")
            target.writestr(item, data)
    assert "1 new" in awards("score", "import", SLUG, bare).stdout
