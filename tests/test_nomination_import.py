"""`awards nomination import` with whole form exports as coordinators receive them: Microsoft
Forms (Finnish and English), Google Forms re-saved by Excel, Typeform, Webropol, Finnish Excel
CSV; guessed columns that never refuse a file, repeated and empty headers, edited responses,
late nominations, and candidates without an organisation said out loud.

The files are in tests/data/forms (made by make_intake_forms.py there; see its README.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.filemakers import excel_csv

SLUG = "customer-advisor-2026"
FORMS = Path(__file__).parent / "data" / "forms"


@pytest.fixture
def year(awards):
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    return awards


def nominees(awards) -> list[str]:
    return [r["nominee"] for r in awards.json("nomination", "list", SLUG)]


def test_a_finnish_microsoft_forms_export_comes_in_whole(year) -> None:
    result = year("nomination", "import", SLUG, FORMS / "ms_forms_fi.xlsx")
    assert "Imported 6 nomination(s)" in result.stdout
    rows = year.json("nomination", "list", SLUG)
    assert [r["nominee"] for r in rows] == [
        "Sini Mäkelä", "Jussi Korhonen", "Sini Mäkelä", "Aino Lindqvist", "Eero Väisänen",
        "Katja Hämäläinen",
    ]  # fmt: skip
    # "Missä yrityksessä hän työskentelee?" asks for the employer: conflicts can be found.
    assert [r["organization"] for r in rows][:2] == ["Aava Pankki Oyj", "Revontuli Vakuutus Oy"]
    assert rows[0]["title"] == "Asiakasneuvoja"
    first = year.json("nomination", "show", 1)
    # Nimi and Sähköposti are the respondent's: the nominator's, never the nominee's.
    assert first["nominator"] == "Pekka Öhman"
    assert first["nominator_email"] == "pekka.ohman@example.com"  # the question wins
    assert first["extra"]["Sähköposti"] == "pekka.ohman@jarvenkyla.example"
    assert first["submitted"] == "2026-09-14T10:35:40"  # Valmistumisaika
    assert first["reason"] == "Sini auttoi meitä\nnopeasti ja ystävällisesti."
    # The typed email question holds slips: kept as text, one warning naming column and count.
    second = year.json("nomination", "show", 2)
    assert second["nominator_email"] is None
    assert second["extra"]["Sähköpostiosoitteesi"] == "x@ gmail.com"
    warnings = [line for line in result.stderr.splitlines() if "Sähköpostiosoitteesi' (" in line]
    assert len(warnings) == 1
    assert "3 value(s) are not email addresses" in warnings[0]
    assert '--map "Sähköpostiosoitteesi=-"' in warnings[0]
    # Both "Muu" columns kept, with their answers.
    assert year.json("nomination", "show", 5)["extra"]["Muu"] == "Sähköposti"
    assert year.json("nomination", "show", 5)["extra"]["Muu (2)"] == "Kirje"
    assert year.json("nomination", "show", 3)["extra"]["Muu (2)"] == "Chat"


def test_an_edited_response_updates_its_nomination(year) -> None:
    year("nomination", "import", SLUG, FORMS / "ms_forms_fi.xlsx")
    result = year("nomination", "import", SLUG, FORMS / "ms_forms_fi_week2.xlsx")
    assert "Imported 1 nomination(s)" in result.stdout
    assert "5 were already there" in result.stdout and "1 updated" in result.stdout
    assert len(nominees(year)) == 7
    edited = year.json("nomination", "show", 3)
    assert edited["reason"] == "Paras neuvoja; hoiti asuntolainan ja remonttilainan."
    update = next(e for e in year.json("log", SLUG) if e["action"] == "nomination.update")
    assert update["entity_id"] == "3"
    again = year("nomination", "import", SLUG, FORMS / "ms_forms_fi_week2.xlsx")
    assert "Imported 0" in again.stdout and "updated" not in again.stdout


def test_an_edit_to_a_nomination_being_judged_is_held_and_said(year) -> None:
    year("nomination", "import", SLUG, FORMS / "ms_forms_fi.xlsx")
    year("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    year("round", "open", SLUG)
    result = year("nomination", "import", SLUG, FORMS / "ms_forms_fi_week2.xlsx")
    assert "1 edited response(s) were not applied" in result.stderr and "(3)" in result.stderr
    assert year.json("nomination", "show", 3)["reason"] == "Paras neuvoja; hoiti asuntolainan."


def test_a_guessed_column_never_refuses_the_file(year) -> None:
    name = FORMS / "ms_forms_en_typed_email.xlsx"
    result = year("nomination", "import", SLUG, name)
    assert "Imported 5 nomination(s)" in result.stdout
    assert "'Email (2)' (guessed as nominator_email): 3 value(s)" in result.stderr
    assert year.json("nomination", "show", 2)["extra"]["Email (2)"] == "x@ gmail.com"
    assert year.json("nomination", "show", 1)["nominator_email"] == "anna@example.com"
    assert year.json("nomination", "show", 1)["organization"] == "Aava Bank Plc"  # "Company"


def test_a_mapped_column_refuses_and_dry_run_shows_the_mapping_first(year) -> None:
    name = FORMS / "ms_forms_en_typed_email.xlsx"
    before = year.snapshot()
    strict = ["--map", "Email (2)=nominator_email"]
    error = year.refused("nomination", "import", SLUG, name, *strict)
    assert "3 problem(s)" in error and 'sheet "Sheet1" row 3: Email (2):' in error
    dry = year("nomination", "import", SLUG, name, *strict, "--dry-run", ok=False)
    assert dry.exit_code == 1 and dry.stderr.startswith("Error: ")
    assert dry.stdout.index("Columns") < dry.stdout.index("Email (2)")
    assert "mapped" in next(line for line in dry.stdout.splitlines() if "Email (2)" in line)
    assert year.snapshot() == before
    left = year("nomination", "import", SLUG, name, "--map", "Email (2)=-")
    assert "Imported 5" in left.stdout and "not email addresses" not in left.stderr
    assert "Email (2)" not in year.json("nomination", "show", 2)["extra"]
    # Remembered for the form: next week's download leaves it out with no flags.
    again = year("nomination", "import", SLUG, name, "--dry-run")
    assert "(left out)" in next(line for line in again.stdout.splitlines() if "Email (2)" in line)
    assert "not email addresses" not in again.stderr


def test_repeated_and_empty_headers_are_kept_with_their_answers(year) -> None:
    name = FORMS / "google_forms_en_resaved.csv"
    mapping = ["--map", "Who would you like to nominate?=nominee"]
    result = year("nomination", "import", SLUG, name, *mapping)
    # Six responses: one is every cell the same as another; the rest are five nominations,
    # though three nominate the same advisor and nothing else is mapped.
    assert "Imported 5 nomination(s)" in result.stdout and "1 repeated row(s)" in result.stdout
    assert nominees(year) == ["Sini Mäkelä"] * 3 + ["Jussi Korhonen"] * 2
    assert year.json("nomination", "show", 1)["extra"]["(column 7)"] == "note A"
    assert year.json("nomination", "show", 3)["extra"]["Other (2)"] == "y"
    assert year.json("nomination", "show", 4)["extra"]["Other (3)"] == "z"
    # Two-digit years, as Excel re-saves a US export.
    assert year.json("nomination", "show", 1)["submitted"] == "2026-09-14T10:35:40"


def test_a_map_naming_a_repeated_header_is_refused_once(year) -> None:
    name = FORMS / "google_forms_en_resaved.csv"
    error = year.refused(
        "nomination", "import", SLUG, name, "--map", "Who would you like to nominate?=nominee",
        "--map", "Other=reason",
    )  # fmt: skip
    assert error.count("3 columns are headed 'Other'") == 1
    assert "'Other (2)'" in error
    year("nomination", "import", SLUG, name, "--map", "Who would you like to nominate?=nominee",
         "--map", "Other (2)=reason")  # fmt: skip
    assert year.json("nomination", "show", 3)["reason"] == "y"


def test_the_hint_proposes_the_nominee_column_first(year, tmp_path: Path) -> None:
    error = year.refused("nomination", "import", SLUG, FORMS / "google_forms_en_resaved.csv")
    first = error.index("--map")
    assert error[first:].startswith('--map "Who would you like to nominate?=nominee"')
    assert "Timestamp=" not in error and "Email Address=" not in error
    # No word in the header helps: the values do (names, mostly different from row to row).
    form = tmp_path / "vastaukset.csv"
    rows = [
        ["14.9.2026 10.32.11", "Kyllä", "Sini Mäkelä", "Hän auttoi minua paljon."],
        ["14.9.2026 11.02.13", "Kyllä", "Jussi Korhonen", "Nopea ja ystävällinen."],
        ["15.9.2026 8.47.30", "Ei", "Aino Lindqvist", "Soitti perään."],
    ]
    excel_csv(form, ["Aikaleima", "Suostumus", "Kysymys 2", "Kysymys 3"], rows)
    error = year.refused("nomination", "import", SLUG, form)
    assert '--map "Kysymys 2=nominee"' in error
    assert error.index('"Kysymys 2=nominee"') == error.index("--map") + len("--map ")


def test_two_questions_that_could_be_one_field_are_both_kept_and_said(year, tmp_path) -> None:
    form = excel_csv(
        tmp_path / "kaksi.csv",
        ["Ehdokas", "Miksi ehdotat häntä?", "Kerro esimerkki"],
        [["Sini", "Hyvä", "Soitti perään"]],
    )
    result = year("nomination", "import", SLUG, form)
    assert "2 questions could each be the reason" in result.stderr
    assert '--map "Miksi ehdotat häntä?=reason"' in result.stderr
    shown = year.json("nomination", "show", 1)
    assert shown["reason"] is None and shown["extra"]["Kerro esimerkki"] == "Soitti perään"


def test_the_nominees_supervisor_is_not_the_nominee(year, tmp_path: Path) -> None:
    form = excel_csv(
        tmp_path / "esihenkilo.csv",
        ["Aikaleima", "Ehdokkaan nimi", "Ehdokkaan esihenkilön nimi", "Työpaikka"],
        [["14.9.2026 10.32.11", "Sini Mäkelä", "Maija Mallikas", "Aava Pankki Oyj"]],
    )
    year("nomination", "import", SLUG, form)
    shown = year.json("nomination", "show", 1)
    assert shown["nominee"] == "Sini Mäkelä" and shown["organization"] == "Aava Pankki Oyj"
    assert shown["extra"] == {"Ehdokkaan esihenkilön nimi": "Maija Mallikas"}


def test_two_columns_for_one_field_are_refused(year, tmp_path: Path) -> None:
    form = tmp_path / "kaksi.csv"
    excel_csv(form, ["Ehdokas", "Nominee", "Kenet ehdotat?"], [["Sini", "Aino", "Jussi"]])
    before = year.snapshot()
    error = year.refused("nomination", "import", SLUG, form)
    assert "'Ehdokas' and 'Nominee' both name the field nominee" in error
    error = year.refused("nomination", "import", SLUG, form, "--map", "Ehdokas=nominee",
                         "--map", "Kenet ehdotat?=nominee")  # fmt: skip
    assert "--map gives nominee to 2 columns" in error
    assert year.snapshot() == before
    year("nomination", "import", SLUG, form, "--map", "Nominee=-")
    assert nominees(year) == ["Sini"]


@pytest.mark.parametrize(
    "name,expected,organization,nominator",
    [
        ("typeform_en.csv", ["Sini Mäkelä", "Jussi Korhonen"], "Aava Bank Plc", "Pekka Öhman"),
        ("webropol_en.xlsx", ["Sini Mäkelä", "Åsa Lindqvist"], "Aava Bank Plc", "Pekka Öhman"),
        ("excel_fi_ms_forms.csv", ["Sini Mäkelä", "Jussi Korhonen", "Åsa Lindqvist"],
         "Aava Pankki Oyj", None),
    ],
)  # fmt: skip
def test_more_tools_and_languages_import_with_no_flags(
    year, name: str, expected: list[str], organization: str, nominator: str | None
) -> None:
    result = year("nomination", "import", SLUG, FORMS / name)
    assert f"Imported {len(expected)} nomination(s)" in result.stdout
    assert nominees(year) == expected
    first = year.json("nomination", "show", 1)
    assert first["organization"] == organization and first["nominator"] == nominator
    assert first["submitted"].startswith("2026-09-14")
    assert "\n" in first["reason"] or name == "webropol_en.xlsx"
    again = year("nomination", "import", SLUG, FORMS / name)
    assert "Imported 0" in again.stdout


def test_excel_resaved_finnish_csv_keeps_decimal_commas_and_lines(year) -> None:
    result = year("nomination", "import", SLUG, FORMS / "excel_fi_ms_forms.csv")
    assert "cp1252, semicolon-separated" in result.stderr
    first = year.json("nomination", "show", 1)
    assert first["extra"]["Arvosana (1–5)"] == "4,5"
    assert first["reason"] == "Hoiti asiat;\nsoitti vielä perään – kiitos!"
    assert first["nominator"] is None  # an anonymous response
    assert year.json("nomination", "show", 2)["nominator_email"] == "pekka.ohman@example.com"


def test_a_typeform_token_identifies_the_response(year, tmp_path: Path) -> None:
    year("nomination", "import", SLUG, FORMS / "typeform_en.csv")
    text = (FORMS / "typeform_en.csv").read_text(encoding="utf-8")
    edited = tmp_path / "typeform_en.csv"
    edited.write_text(text.replace("Always patient", "Always patient and kind"), "utf-8")
    result = year("nomination", "import", SLUG, edited)
    assert "Imported 0" in result.stdout and "1 updated" in result.stdout
    assert year.json("nomination", "show", 2)["reason"] == "Always patient and kind"


def test_respondent_columns_in_finnish_are_never_the_nominee(year, tmp_path: Path) -> None:
    form = tmp_path / "vastaukset.csv"
    form.write_text("ID,Nimi,Sähköposti,Perustelut\n1,Pekka Öhman,p@example.fi,Hyvä\n", "utf-8")
    error = year.refused("nomination", "import", SLUG, form)
    assert "no nominee/ehdokas column" in error and '"Nimi=nominee"' not in error
    year("nomination", "import", SLUG, form, "--map", "Nimi=nominee")
    assert nominees(year) == ["Pekka Öhman"]


def test_a_response_without_a_nominee_is_skipped_and_counted(year, tmp_path: Path) -> None:
    form = excel_csv(
        tmp_path / "n.csv",
        ["Ehdokas", "Organisaatio"],
        [["Sini", "Aava Oy"], ["", "Ei ehdokasta Oy"], ["Aino", "Kaisla Oy"]],
    )
    result = year("nomination", "import", SLUG, form)
    assert "Imported 2 nomination(s)" in result.stdout
    assert "1 response(s) without a nominee skipped" in result.stdout
    assert "line 3" in result.stderr


def test_dates_as_the_tools_and_excel_write_them() -> None:
    from awards.exports.nomination_file import parse_date

    assert parse_date("9/14/26 10:35:40") == "2026-09-14T10:35:40"
    assert parse_date("9/14/2026 10:32:11") == "2026-09-14T10:32:11"
    assert parse_date("9/14/26 10:35") == "2026-09-14T10:35"
    assert parse_date("9/14/2026 10:32:11 PM") == "2026-09-14T22:32:11"
    assert parse_date("9/14/2026 12:05:00 AM") == "2026-09-14T00:05:00"
    assert parse_date("14.9.26 10.32") == "2026-09-14T10:32"
    assert parse_date("14.9.2026 klo 10.32") == "2026-09-14T10:32"
    with pytest.raises(ValueError):
        parse_date("2/30/26 10:00")
    with pytest.raises(ValueError):
        parse_date("9/14/26 13:00 PM")


def test_late_nominations_are_refused_unless_late(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    for n in (1, 2):
        awards("score", "set", SLUG, "--juror", "juror1@example.fi", "--nomination", n,
               *[f"{k}={5 + n}" for k in ("encounter", "solutions", "feedback", "teamwork",
                                          "development")])  # fmt: skip
    awards("round", "close", SLUG)
    before = awards.snapshot()
    error = awards.refused("nomination", "add", SLUG, "--nominee", "Myöhäinen")
    assert "round 1 (Esikarsinta)" in error and "is closed" in error and "--late" in error
    form = excel_csv(tmp_path / "late.csv", ["Ehdokas", "Organisaatio"], [["Uusi", "Uusi Oy"]])
    error = awards.refused("nomination", "import", SLUG, form)
    assert "1 nomination(s) arriving now would not be judged" in error
    assert awards.snapshot() == before
    added = awards("nomination", "add", SLUG, "--nominee", "Myöhäinen", "--late")
    assert "will not be judged in closed rounds" in added.stderr
    imported = awards("nomination", "import", SLUG, form, "--late")
    assert "1 nomination(s) came in late" in imported.stderr
    assert "will not be judged in closed rounds" in imported.stderr
    # Once the winners are declared, that is the reason.
    awards("winner", "declare", SLUG, "--nomination", 2, "--citation", "Paras.")
    error = awards.refused("nomination", "add", SLUG, "--nominee", "Vielä myöhäisempi")
    assert "is decided" in error


def test_missing_organisations_are_said_everywhere_the_conflicts_matter(year) -> None:
    result = year("nomination", "import", SLUG, FORMS / "excel_fi_ms_forms.csv")
    assert "1 of the 3 new nomination(s) have no organisation" in result.stderr
    assert "automatic conflicts" in result.stderr
    listed = year("conflict", "list", SLUG)
    assert listed.stdout.strip() != "No conflicts."
    assert "1 candidate(s) have no organisation" in listed.stdout
    year("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi",
         "--organization", "Aava Pankki", "--role", "chair")  # fmt: skip
    listed = year("conflict", "list", SLUG)
    assert "same organisation" in listed.stdout
    assert "1 candidate(s) have no organisation" in listed.stderr
    assert "1 candidate(s) have no organisation" in year("status").stdout
    year("juror", "add", SLUG, "--name", "Pekka", "--email", "pekka@example.fi")
    opened = year("round", "open", SLUG)
    assert "1 of its candidates have no organisation" in opened.stderr


def test_no_warning_when_every_candidate_has_an_organisation(year) -> None:
    result = year("nomination", "import", SLUG, FORMS / "ms_forms_fi.xlsx")
    assert "no organisation" not in result.stderr
    assert year("conflict", "list", SLUG).stdout.strip() == "No conflicts."
    assert "no organisation" not in year("status").stdout
