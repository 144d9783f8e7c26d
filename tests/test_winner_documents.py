"""Winners, consent and the Word documents people send, read back with python-docx."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.filemakers import fill_docx_sheet, replace_in_docx

A4 = (21.0, 29.7)


def cm(length: int) -> float:
    return round(length / 360000, 1)


def language(document) -> str:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    return defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val"))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def check_basics(path: Path, lang: str, *, landscape: bool = False) -> object:
    document = Document(str(path))
    section = document.sections[0]
    size = (cm(section.page_width), cm(section.page_height))
    assert size == ((A4[1], A4[0]) if landscape else A4), (path.name, size)
    assert language(document) == {"fi": "fi-FI", "en": "en-GB"}[lang]
    props = document.core_properties
    assert props.title and props.author.startswith("Wave") and props.created is not None
    assert props.comments == "" and props.revision == 1
    return document


def test_announcement_finnish_and_english(demo_year) -> None:
    _, out, _ = demo_year
    fi = check_basics(out / "tiedote-2026.docx", "fi")
    text = all_text(fi)
    assert "Vuoden 2026 asiakaspalvelupalkinnot" in text
    assert "Julkaisuvapaa 5.10.2026 klo 9.00" in text
    assert "Sini Mäkelä, " in text and "Aava Pankki Oyj" in text
    assert "Tuomaristo" in text and "(puheenjohtaja)" in text
    assert "Wave – Wakaru Asiakaspalveluverkosto" in text
    footer = fi.sections[0].footer._element.xml
    assert 'w:instr=" PAGE "' in footer and "NUMPAGES" in footer
    en = all_text(check_basics(out / "press-release-2026.docx", "en"))
    assert "Embargoed until 5 October 2026" in en and "Customer Advisor of the Year 2026" in en
    assert "Tuomaristo" not in en and "jury" in en.casefold()
    from awards.commands.demo_content import citation

    # English citations in the English release (winner of the advisor award: Sini Mäkelä).
    assert citation("customer-advisor", "winner", "Sini Mäkelä", "en", "Aava Pankki Oyj") in en
    assert citation("customer-advisor", "winner", "Sini Mäkelä", "fi", "Aava Pankki Oyj") not in en


def test_public_documents_name_only_who_may_be_named(demo_year) -> None:
    db, out, _ = demo_year
    from click.testing import CliRunner

    from awards.commands.cli import cli

    winners = json.loads(
        CliRunner().invoke(cli, ["--db", str(db), "winner", "list", "--format", "json"]).stdout
    )
    places = {(w["competition"], w["place"]): w for w in winners}
    text = all_text(Document(str(out / "tiedote-2026.docx")))
    # Service Desk: the mention was never asked, so only the winner and the consenting runner-up.
    assert (
        places[("service-desk-2026", "mention")]["organization"]
        not in text.split("Vuoden Service Desk 2026")[1].split("Tuomaristo")[0]
    )
    # Customer Service: the mention said no.
    cs_mention = places[("customer-service-2026", "mention")]
    assert f"{cs_mention['nominee']}, {cs_mention['organization']}" not in text
    # A certificate is handed over, not published: the mention who said no still gets one.
    certificates = {p.name for p in (out / "kunniakirjat" / "customer-service-2026").iterdir()}
    assert any(name.startswith("mention-") for name in certificates)
    assert len(certificates) == 3
    results = (out / "tulokset-customer-advisor-2026.csv").read_text(encoding="utf-8-sig")
    assert results.startswith("Sija;Nro;Ehdokas;Organisaatio;Pisteet;Asiakaskohtaaminen")


def test_report_is_landscape_with_every_round(demo_year) -> None:
    _, out, _ = demo_year
    document = check_basics(out / "raportti-customer-advisor-2026.docx", "fi", landscape=True)
    text = all_text(document)
    assert "Kierros 1: Esikarsinta" in text and "Kierros 2: Finaali" in text
    from awards.commands.demo_content import declared_conflict

    assert "Esteellisyydet" in text and declared_conflict("customer-advisor")[2] in text
    assert "same organisation" not in text  # automatic conflicts are described in Finnish
    ranking = document.tables[1]
    header = ranking.rows[0]._tr
    assert header.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert [c.text for c in ranking.rows[0].cells][:4] == [
        "Sija",
        "Ehdokas",
        "Organisaatio",
        "Pisteet",
    ]
    assert "," in ranking.rows[1].cells[3].text  # Finnish decimal comma


def test_feedback_and_certificates(demo_year) -> None:
    _, out, _ = demo_year
    feedback = sorted((out / "palaute" / "service-desk-2026").glob("*.docx"))
    assert len(feedback) == 8
    text = all_text(check_basics(feedback[0], "fi"))
    for words in ("Vahvuudet", "Itsearvio", "Kaikkien keskiarvo", "Sijoitus"):
        assert words in text
    assert "Kehitysalueet" in text or "Vahvuuksista vähiten erottuvat" in text
    assert "@example.fi" not in text  # jurors' comments without jurors' names
    certificate = next((out / "kunniakirjat" / "customer-advisor-2026").glob("winner-*.docx"))
    text = all_text(check_basics(certificate, "fi", landscape=True))
    assert "Kunniakirja" in text and "Voittaja" in text and "Helsingissä 5.10.2026" in text


def test_export_english_report_and_results_formats(demo_year, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    db, _, _ = demo_year

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db), *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    run("export", "report", "service-desk-2026", "--lang", "en", "-o", str(tmp_path / "r.docx"))
    text = all_text(check_basics(tmp_path / "r.docx", "en", landscape=True))
    assert "Jury report" in text and "Round 2: Verifiointi" in text
    data = json.loads(run("export", "results", "service-desk-2026", "--format", "json"))
    assert data[0]["rank"] == 1 and isinstance(data[0]["by_criterion"], dict)
    named = [r for r in data if r["nominee"] != "(ei julkinen)"]
    assert len(named) == 2  # Service Desk: the winner and the runner-up who said yes
    markdown = run("export", "results", "service-desk-2026", "--format", "markdown")
    assert markdown.splitlines()[1].startswith("|---")


def test_formulas_are_defused_in_results(awards, tmp_path: Path) -> None:
    slug = "customer-advisor-2026"
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards(
        "nomination",
        "add",
        slug,
        "--nominee",
        '=HYPERLINK("http://x")',
        "--organization",
        "@SUM(A1)",
    )
    awards("nomination", "add", slug, "--nominee", "+358 40 123", "--organization", "-1+1")
    awards("juror", "add", slug, "--name", "T", "--email", "t@example.fi", "--role", "chair")
    awards("round", "open", slug)
    awards("score", "set", slug, "--juror", "t@example.fi", "--nomination", "1", "encounter=9")
    awards("score", "set", slug, "--juror", "t@example.fi", "--nomination", "2", "encounter=5")
    awards("round", "close", slug, "--allow-missing")
    awards("winner", "declare", slug, "--nomination", "1")
    awards("nomination", "publish", "2", "--yes")
    csv_text = awards("export", "results", slug, "--format", "csv").stdout
    assert "'=HYPERLINK" in csv_text and "'@SUM" in csv_text and "'+358" in csv_text
    assert "'-1+1" in csv_text
    awards("export", "results", slug, "--format", "xlsx", "-o", tmp_path / "r.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "r.xlsx").active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)
    assert isinstance(sheet["E3"].value, int | float)  # numbers stay numbers, not text


def test_winner_rules(advisor) -> None:
    awards = advisor(nominations=3, jurors=1)
    slug = "customer-advisor-2026"
    assert "no rounds" in awards.refused("winner", "declare", slug, "--nomination", "1")
    awards("round", "open", slug)
    for n, v in ((1, 9), (2, 7), (3, 5)):
        awards(
            "score",
            "set",
            slug,
            "--juror",
            "juror1@example.fi",
            "--nomination",
            n,
            f"encounter={v}",
            "solutions=5",
            "feedback=5",
            "teamwork=5",
            "development=5",
        )
    assert "still open" in awards.refused("winner", "declare", slug, "--nomination", "1")
    awards("round", "close", slug)
    awards(
        "winner",
        "declare",
        slug,
        "--nomination",
        "2",
        "--override-reason",
        "Ehdokas 1 vetäytyi",
        "--citation",
        "Erinomainen.",
    )
    log = awards.json("log", slug)[0]
    assert log["action"] == "winner.declare" and "Ehdokas 1 vetäytyi" in log["note"]
    assert awards.json("winner", "list")[0]["nomination"] == 2


def test_docx_score_sheets_round_trip(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=3, jurors=2)
    slug = "customer-advisor-2026"
    awards("round", "open", slug)
    awards("score", "sheets", slug, "--out", tmp_path / "sheets")
    sheet = next((tmp_path / "sheets").glob("*Tuomari-1*.docx"))
    document = Document(str(sheet))
    assert len(document.tables) == 1
    assert document.core_properties.keywords == (
        "competition=customer-advisor-2026; round=1; juror=juror1@example.fi"
    )
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[0] == "Nro" and header[2].endswith("(encounter, 0–10)")
    filled = fill_docx_sheet(
        sheet,
        tmp_path / "filled.docx",
        {
            (1, 2): "8,5",
            (1, 3): "9",
            (1, 4): "7.5",
            (1, 5): "8",
            (1, 6): "10",
            (1, 7): "Upea",
            (2, 2): "6",
            (3, 2): "4,5",
        },
        content_control={(1, 3)},
        tracked={(2, 2): "9"},
    )
    result = awards("score", "import", slug, filled)
    assert "7 new" in result.stdout
    values = {
        (m["nomination"]): m["missing"]
        for m in awards.json("score", "missing", slug)
        if m["juror"] == "juror1@example.fi"
    }
    assert 1 not in values and "solutions" in values[2]
    ranking = {r["nomination"]: r for r in awards.json("ranking", slug)}
    assert ranking[1]["by_criterion"]["solutions"] == 9  # typed inside a content control
    assert ranking[2]["by_criterion"]["encounter"] == 6  # the tracked insertion, not the deletion
    again = awards("score", "import", slug, filled)
    assert "0 new, 0 changed, 7 unchanged" in again.stdout
    merged = fill_docx_sheet(sheet, tmp_path / "merged.docx", {(1, 2): "7"}, merge=(1, 2, 2))
    error = awards.refused("score", "import", slug, merged)
    assert "merged cell" in error and "table row 2" in error
    other = next((tmp_path / "sheets").glob("*Tuomari-2*.docx"))
    wrong = fill_docx_sheet(other, tmp_path / "wrong.docx", {(1, 2): "11"})
    assert "outside 0–10" in awards.refused("score", "import", slug, wrong)


def test_hostile_docx_sheets(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=1, jurors=1)
    slug = "customer-advisor-2026"
    awards("round", "open", slug)
    awards("score", "sheets", slug, "--out", tmp_path)
    sheet = next(tmp_path.glob("*.docx"))
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET 12345")
    xxe = replace_in_docx(
        sheet,
        tmp_path / "xxe.docx",
        "word/document.xml",
        b"<w:document ",
        f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'.encode() + b"<w:document ",
    )
    error = awards.refused("score", "import", slug, xxe)
    assert "XXE" in error and "12345" not in error
    stranger = replace_in_docx(
        sheet,
        tmp_path / "stolen.docx",
        "docProps/core.xml",
        b"juror=juror1@example.fi",
        b"juror=someone@example.fi",
    )
    stranger = fill_docx_sheet(stranger, tmp_path / "stolen2.docx", {(1, 2): "5"})
    assert "not on the jury" in awards.refused("score", "import", slug, stranger)
    assert awards.snapshot()["scores"] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.slow
def test_every_kind_of_document_renders(demo_year, tmp_path: Path) -> None:
    _, out, _ = demo_year
    kinds = {
        "tiedote-2026.docx": (1, 3),
        "raportti-service-desk-2026.docx": (2, 6),
        next((out / "palaute" / "service-desk-2026").glob("*.docx")).relative_to(out): (1, 2),
        next((out / "kunniakirjat" / "service-desk-2026").glob("*.docx")).relative_to(out): (1, 1),
        next((out / "arviointilomakkeet").glob("*.docx")).relative_to(out): (1, 3),
    }
    for name in kinds:
        shutil.copy(out / name, tmp_path / Path(name).name)
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *[str(tmp_path / Path(n).name) for n in kinds],
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for name, (low, high) in kinds.items():
        pdf = tmp_path / (Path(name).stem + ".pdf")
        assert pdf.exists(), name
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdfinfo"):
            info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
            pages = int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[1])
            assert low <= pages <= high, (name, pages)


def test_xlsx_and_csv_score_sheets_round_trip(advisor, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    awards = advisor(nominations=2, jurors=1)
    slug = "customer-advisor-2026"
    awards("round", "open", slug)
    awards("score", "sheets", slug, "--out", tmp_path / "x", "--format", "xlsx")
    sheet_path = next((tmp_path / "x").glob("*.xlsx"))
    workbook = load_workbook(sheet_path)
    sheet = workbook["Pisteet"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["Tuomari", "Ehdotus", "Ehdokas", "Organisaatio"]
    sheet["E2"] = 8.5  # a number typed in Excel
    sheet["F2"] = "7,5"  # text with a decimal comma, as a Finnish locale may store it
    sheet["J2"] = "Hyvä"
    workbook.save(sheet_path)
    assert "2 new" in awards("score", "import", slug, sheet_path).stdout
    awards("score", "sheets", slug, "--out", tmp_path / "c", "--format", "csv")
    csv_path = next((tmp_path / "c").glob("*.csv"))
    lines = csv_path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("Tuomari;Ehdotus;Ehdokas;Organisaatio;Asiakaskohtaaminen")
    lines[2] = lines[2].replace(";;;;;;", ";6;6,5;7;7;7;", 1)
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    assert "5 new" in awards("score", "import", slug, csv_path).stdout
    ranking = {r["nomination"]: r for r in awards.json("ranking", slug)}
    assert ranking[1]["by_criterion"] == {"encounter": 8.5, "solutions": 7.5}
    assert ranking[2]["by_criterion"]["solutions"] == 6.5


def test_announcement_on_the_organisations_letterhead(demo_year, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    template = Document()
    template.sections[0].header.paragraphs[0].text = "AAVA PANKKI – KIRJELOMAKE"
    template.add_paragraph("Tämä pohjan leipäteksti ei kuulu tiedotteeseen.")
    template.core_properties.author = "Template Author"
    template.core_properties.comments = "vanha kommentti"
    template.save(str(tmp_path / "pohja.docx"))
    db, _, _ = demo_year
    out = tmp_path / "tiedote.docx"
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(db),
            "export",
            "announcement",
            "customer-advisor-2026",
            "--template",
            str(tmp_path / "pohja.docx"),
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    document = check_basics(out, "fi")
    assert document.sections[0].header.paragraphs[0].text == "AAVA PANKKI – KIRJELOMAKE"
    text = all_text(document)
    assert "leipäteksti" not in text and "Vuoden Asiakasneuvoja 2026" in text
    assert document.core_properties.author != "Template Author"


def test_a_template_that_is_not_word_is_refused(demo_year, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    fake = tmp_path / "pohja.docx"
    fake.write_text("not a document")
    result = CliRunner().invoke(
        cli,
        [
            "--db",
            str(demo_year[0]),
            "export",
            "announcement",
            "customer-advisor-2026",
            "--template",
            str(fake),
            "-o",
            str(tmp_path / "t.docx"),
        ],
    )
    assert result.exit_code == 1 and result.stderr.startswith("Error: ")
    assert not (tmp_path / "t.docx").exists()


def _letterhead_with_only(tmp_path: Path, keep: set[str]) -> Path:
    """A letterhead whose styles.xml holds only the named styles, as many real ones do."""
    from docx.oxml.ns import qn

    document = Document()
    document.sections[0].header.paragraphs[0].text = "Wave – kirjepohja"
    styles = document.styles.element
    for style in list(styles.findall(qn("w:style"))):
        name = style.find(qn("w:name"))
        if name is None or name.get(qn("w:val")) not in keep:
            styles.remove(style)
    path = tmp_path / "kirjepohja.docx"
    document.save(str(path))
    return path


def test_a_letterhead_with_only_normal_header_and_footer_works(demo_year, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    db = tmp_path / "a.db"
    shutil.copy(demo_year[0], db)
    letterhead = _letterhead_with_only(tmp_path, {"Normal", "header", "footer"})
    target = tmp_path / "tiedote.docx"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "export", "announcement", "--year", "2026", "--template",
              str(letterhead), "-o", str(target)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = Document(str(target))
    assert "Wave – kirjepohja" in document.sections[0].header.paragraphs[0].text
    assert any(p.style.name == "Title" for p in document.paragraphs)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_letterhead_saved_by_libreoffice_works(demo_year, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    made = tmp_path / "made"
    made.mkdir()
    plain = Document()
    plain.sections[0].header.paragraphs[0].text = "Wave – kirjepohja"
    plain.save(str(made / "kirjepohja.docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
         str(tmp_path), str(made / "kirjepohja.docx")],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    db = tmp_path / "a.db"
    shutil.copy(demo_year[0], db)
    target = tmp_path / "tiedote.docx"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "export", "announcement", "--year", "2026", "--template",
              str(tmp_path / "kirjepohja.docx"), "-o", str(target)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Vuoden 2026" in " ".join(p.text for p in Document(str(target)).paragraphs)


def test_the_exporter_is_told_who_is_left_out_by_place(demo_year, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    db = tmp_path / "a.db"
    shutil.copy(demo_year[0], db)
    target = tmp_path / "tiedote.docx"
    result = CliRunner().invoke(
        cli, ["--db", str(db), "export", "announcement", "--year", "2026", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    # The demo: Service Desk's mention was not asked, Customer Service's mention said no.
    assert "Left out: the mention of service-desk-2026" in result.stderr
    assert "Left out: the mention of customer-service-2026" in result.stderr
    released = " ".join(p.text for p in Document(str(target)).paragraphs)
    places = CliRunner().invoke(cli, ["--db", str(db), "winner", "list", "--format", "json"])
    import json

    for w in json.loads(places.stdout):
        if w["competition"] == "customer-service-2026" and w["place"] == "mention":
            # An organisation award: the organisation is who it is.
            assert w["organization"] not in result.stderr and w["organization"] not in released
