"""Documents that go out as they are: the organiser and the chair's quote set once, the
press release, certificates and feedback, read back with python-docx (and rendered by
LibreOffice where it is installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

SLUG = "customer-advisor-2026"
CONTACT = "Maija Mallikas, viestintäpäällikkö\npuh. 040 123 4567, maija@example.fi"
ABOUT = "Asiakaspalveluyhdistys ry kokoaa suomalaiset asiakaspalvelun ammattilaiset."
QUOTE = "Voittaja osoittaa, että kiireessäkin ehtii kuunnella."

# Three jurors' scores per candidate on the five criteria (0-10): Sini first, Aino and Jussi
# level (a tie for second), Katja last.
CANDIDATES = [
    ("Sini Mäkelä", "Aava Pankki Oyj", "asiakasneuvoja", 9),
    ("Aino Lindqvist", "Kaislikon Terveys Oy", "palveluneuvoja", 8),
    ("Jussi Korhonen", "Sillankorva Telecom Oy", "asiakaspalveluneuvoja", 8),
    ("Katja Hämäläinen", "Revontuli Vakuutus Oy", "myyjä", 5),
]
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


@pytest.fixture
def judged(awards):
    """An advisor year with its first round closed, one comment written by all three jurors in
    the same words."""
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for name, organization, title, _ in CANDIDATES:
        extra = ["--title-en", "customer advisor"] if name == "Sini Mäkelä" else []
        awards("nomination", "add", SLUG, "--nominee", name, "--organization", organization,
               "--title", title, *extra)  # fmt: skip
    for j, (name, role) in enumerate((("Liisa Aaltonen", "chair"), ("Pekka Hyvönen", "member"),
                                      ("Marja Koivisto", "member"))):  # fmt: skip
        awards("juror", "add", SLUG, "--name", name, "--email", f"j{j}@example.fi", "--role", role)
    awards("round", "open", SLUG)
    for j in range(3):
        for n, (_, _, _, level) in enumerate(CANDIDATES, start=1):
            comment = ["--comment", "Kuuntelee aidosti."] if n == 1 else []
            awards("score", "set", SLUG, "--juror", f"j{j}@example.fi", "--nomination", n,
                   *[f"{k}={level}" for k in KEYS], *comment)  # fmt: skip
    awards("round", "close", SLUG)
    return awards


@pytest.fixture
def decided(judged):
    """The same year decided: winner, runner-up and mention declared with citations."""
    awards = judged
    for n, place in ((1, "winner"), (2, "runner-up"), (3, "mention")):
        awards("winner", "declare", SLUG, "--nomination", n, "--place", place,
               "--citation", f"Perustelu {n}.", "--citation-en", f"Citation {n}.")  # fmt: skip
    return awards


def letterhead_with(
    tmp_path: Path, name: str, header: str, part: str, replacements: list[tuple[bytes, bytes]]
) -> Path:
    """A letterhead made by python-docx, then one part of its package changed the way another
    word processor writes it."""
    import zipfile

    plain = tmp_path / "plain.docx"
    letterhead = Document()
    letterhead.sections[0].header.paragraphs[0].text = header
    letterhead.save(str(plain))
    changed = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == part:
                for old, new in replacements:
                    data = data.replace(old, new)
            target.writestr(item, data)
    return changed


def paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs]


def texts(path: Path) -> str:
    """Every paragraph's text, then every table cell's."""
    cells = [
        cell.text
        for table in Document(str(path)).tables
        for row in table.rows
        for cell in row.cells
    ]
    return "\n".join([text for _, text in paragraphs(path)] + cells)


def organised(awards) -> None:
    awards("organizer", "set", "--name", "Asiakaspalveluyhdistys ry", "--about", ABOUT,
           "--contact", CONTACT, "--embargo-time", "9:00", "--city", "Helsinki",
           "--about-en", "The Finnish association of customer service.")  # fmt: skip
    awards("competition", "set", SLUG, "--chair-quote", QUOTE)


# ---- organiser and chair ---------------------------------------------------------------------


def test_organizer_is_set_once_and_shown(awards) -> None:
    awards("organizer", "set", "--name", "Asiakaspalveluyhdistys ry", "--embargo-time", "09:00")
    awards("organizer", "set", "--city", "Tampere")  # changes only what is given
    shown = awards.json("organizer", "show")
    assert shown == {
        "name": "Asiakaspalveluyhdistys ry",
        "name_en": None,
        "about": None,
        "about_en": None,
        "contact": None,
        "contact_en": None,
        "embargo_time": "9.00",
        "city": "Tampere",
    }
    before = awards.snapshot()
    assert "9.00 or 14.30" in awards.refused("organizer", "set", "--embargo-time", "klo 25")
    assert awards.refused("organizer", "set").startswith("Error: nothing to set")
    assert awards.snapshot() == before
    awards("organizer", "set", "--city", "")
    assert awards.json("organizer", "show")["city"] is None
    log = awards.json("log", "--limit", "1")[0]
    assert log["action"] == "organizer.set"


def test_chair_quote_is_set_per_competition(advisor) -> None:
    awards = advisor(jurors=1)
    awards("competition", "set", SLUG, "--chair-quote", QUOTE, "--chair-quote-en", "We listen.")
    shown = awards.json("competition", "show", SLUG)
    assert shown["chair_quote"] == QUOTE and shown["chair_quote_en"] == "We listen."
    assert "not found" in awards.refused("competition", "set", "no-such-2026", "--chair-quote", "x")


# ---- the press release -------------------------------------------------------------------------


def test_release_leads_with_the_winners_and_ends_with_the_contact(decided, tmp_path) -> None:
    organised(decided)
    out = tmp_path / "tiedote.docx"
    result = decided("export", "announcement", SLUG, "-o", out)
    assert "Warning" not in result.stderr, result.stderr
    found = paragraphs(out)
    styles = [style for style, _ in found]
    title = found[0]
    assert title == ("Title", "Vuoden Asiakasneuvoja 2026 on Sini Mäkelä")
    dateline = next(text for style, text in found if style == "Dateline")
    assert "Tiedote" in dateline and "5.10.2026" in dateline
    assert "Asiakaspalveluyhdistys ry" in dateline
    assert ("Embargo", "Julkaisuvapaa 5.10.2026 klo 9.00 Suomen aikaa") in found
    lead = next(text for style, text in found if style == "Lead")
    assert lead.startswith("Vuoden Asiakasneuvoja 2026 on Sini Mäkelä (asiakasneuvoja, Aava")
    assert "Toiseksi sijoittui Aino Lindqvist" in lead
    assert "Kunniamaininnan sai Jussi Korhonen" in lead
    assert "Palkinnon myöntää Asiakaspalveluyhdistys ry." in lead
    assert "Asiakaspalveluviikolla maanantaina 5.10.2026" in lead
    assert ("Quote", f"”{QUOTE}”") in found
    assert ("Quote Source", "– Liisa Aaltonen, tuomariston puheenjohtaja") in found
    # The order of a tiedote: headline, dateline, lead, body, quote, contact, organiser.
    order = [styles.index(s) for s in ("Title", "Dateline", "Lead", "Award Label", "Quote",
                                       "Contact", "About Organiser")]  # fmt: skip
    assert order == sorted(order)
    contact_at = styles.index("Contact")
    assert found[contact_at - 1] == ("Heading 2", "Lisätietoja")
    assert found[contact_at][1] == CONTACT
    assert ("About Organiser", ABOUT) in found
    assert "[" not in texts(out)


def test_release_without_a_contact_warns_and_has_no_placeholder(decided, tmp_path) -> None:
    out = tmp_path / "tiedote.docx"
    result = decided("export", "announcement", SLUG, "-o", out)
    assert "Warning: the release ends without a media contact" in result.stderr
    assert "organizer set --contact" in result.stderr
    text = texts(out)
    assert "[" not in text and "Lisätietoja" not in text
    assert "Sini Mäkelä" in text.splitlines()[0]


def test_each_kind_of_text_has_its_own_style(decided, tmp_path) -> None:
    organised(decided)
    out = tmp_path / "tiedote.docx"
    decided("export", "announcement", SLUG, "-o", out)
    document = Document(str(out))
    kinds = {"Lead", "Award Label", "Winner Line", "Citation", "Quote", "Contact"}
    seen = {p.style.name for p in document.paragraphs}
    assert kinds <= seen
    for p in document.paragraphs:
        if p.style.name in kinds:
            # The style carries the formatting: restyling a kind restyles all of it.
            assert all(r.bold is None and r.font.size is None for r in p.runs), p.text
    assert document.styles["Award Label"].paragraph_format.keep_with_next
    assert document.styles["Winner Line"].paragraph_format.keep_with_next
    labels = [p.text for p in document.paragraphs if p.style.name == "Award Label"]
    assert labels == ["Voittaja", "Toiseksi sijoittunut", "Kunniamaininta"]


def test_a_winner_left_out_for_consent_is_reported_and_the_text_reads_on(decided, tmp_path):
    organised(decided)
    decided("nomination", "publish", 1, "--no")
    out = tmp_path / "tiedote.docx"
    result = decided("export", "announcement", SLUG, "-o", out)
    assert f"Left out: the winner of {SLUG}" in result.stderr
    assert "Sini" not in result.stderr
    text = texts(out)
    assert "Sini Mäkelä" not in text
    assert text.splitlines()[0] == "Vuoden Asiakasneuvoja 2026 on valittu"
    assert "voittajaa ei nimetä julkisesti" in text
    assert "Toiseksi sijoittui Aino Lindqvist" in text
    results = decided("export", "results", SLUG, "--format", "csv")
    assert "Sini" not in results.stdout and "(ei julkinen)" in results.stdout
    assert f"Left out: the name of the winner of {SLUG} (rank 1)" in results.stderr


def test_a_year_release_names_every_awards_winner(decided, tmp_path) -> None:
    organised(decided)
    decided("competition", "create", "--category", "service-desk", "--year", "2026")
    decided("nomination", "add", "service-desk-2026", "--nominee", "Digituki",
            "--organization", "Järvenkylän kaupunki", "--nominee-en", "Digital Support",
            "--organization-en", "City of Järvenkylä")  # fmt: skip
    decided("juror", "add", "service-desk-2026", "--name", "Kirsi Lampinen",
            "--email", "k@example.fi", "--role", "chair")  # fmt: skip
    decided("round", "open", "service-desk-2026")
    decided(
        "score",
        "set",
        "service-desk-2026",
        "--juror",
        "k@example.fi",
        "--nomination",
        5,
        *[f"{c['key']}=80" for c in decided.json("criteria", "list", "service-desk-2026")],
    )
    decided("round", "close", "service-desk-2026")
    decided("winner", "declare", "service-desk-2026", "--nomination", 5)
    out = tmp_path / "tiedote.docx"
    decided("export", "announcement", "--year", 2026, "-o", out)
    found = paragraphs(out)
    assert found[0][1] == (
        "Vuoden 2026 asiakaspalvelupalkinnot: Sini Mäkelä ja Järvenkylän kaupunki"
    )
    lead = next(text for style, text in found if style == "Lead")
    assert "Vuoden Asiakasneuvoja 2026 on Sini Mäkelä" in lead
    assert "Vuoden Service Desk 2026 on Järvenkylän kaupunki (Digituki)" in lead
    sources = [text for style, text in found if style == "Quote Source"]
    assert sources == ["– Liisa Aaltonen, Vuoden Asiakasneuvoja 2026 -tuomariston puheenjohtaja"]
    english = tmp_path / "release.docx"
    decided("export", "announcement", "--year", 2026, "--lang", "en", "-o", english)
    text = texts(english)
    assert "City of Järvenkylä, Digital Support" in text
    assert "Järvenkylän kaupunki" not in text


def test_english_release_takes_english_titles_or_leaves_them_out(decided, tmp_path) -> None:
    organised(decided)
    out = tmp_path / "release.docx"
    result = decided("export", "announcement", SLUG, "--lang", "en", "-o", out)
    text = texts(out)
    assert text.splitlines()[0] == "Customer Advisor of the Year 2026 goes to Sini Mäkelä"
    assert "Sini Mäkelä, customer advisor, Aava Pankki Oyj" in text
    # No English title given for the others: their Finnish titles are left out.
    assert "Aino Lindqvist, Kaislikon Terveys Oy" in text
    for finnish in ("asiakasneuvoja", "palveluneuvoja", "Tuomaristo", "Lisätietoja"):
        assert finnish not in text
    assert "Further information" in text and "Embargoed until 5 October 2026 at 9:00" in text
    # The chair's quote was given in Finnish only: not shown untranslated, and said so.
    assert QUOTE not in text
    assert "--chair-quote-en" in result.stderr
    # The contact serves both languages until an English one is given.
    assert "maija@example.fi" in text and "--contact-en" in result.stderr
    decided("organizer", "set", "--contact-en", "Maija Mallikas, tel. +358 40 123 4567")
    result = decided("export", "announcement", SLUG, "--lang", "en", "-o", out)
    assert "tel. +358 40 123 4567" in texts(out) and "puh." not in texts(out)
    assert "--contact-en" not in result.stderr
    decided("nomination", "set", 2, "--title-en", "service advisor")
    decided("export", "announcement", SLUG, "--lang", "en", "-o", out)
    assert "Aino Lindqvist, service advisor, Kaislikon Terveys Oy" in texts(out)


def test_nomination_import_reads_english_titles(awards, tmp_path) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    path = tmp_path / "ehdotukset.csv"
    path.write_bytes(
        "Ehdokas;Organisaatio;Tehtävänimike;title_en\r\n"
        "Sini Mäkelä;Aava Pankki Oyj;asiakasneuvoja;customer advisor\r\n".encode("utf-8-sig")
    )
    awards("nomination", "import", SLUG, path)
    assert awards.json("nomination", "show", 1)["title_en"] == "customer advisor"


# ---- certificates ------------------------------------------------------------------------------


def test_certificates_for_every_placed_candidate_without_an_inflected_verb(decided, tmp_path):
    organised(decided)
    decided("nomination", "publish", 3, "--no")  # the mention declined publicity
    out = tmp_path / "kunniakirjat"
    decided("export", "certificates", SLUG, "--out", out)
    files = sorted(p.name for p in out.iterdir())
    assert files == ["mention-Jussi-Korhonen.docx", "runner-up-Aino-Lindqvist.docx",
                     "winner-Sini-Mäkelä.docx"]  # fmt: skip
    found = paragraphs(out / "winner-Sini-Mäkelä.docx")
    by_style = {style: text for style, text in found if text}
    assert by_style["Certificate Recipient"] == "Sini Mäkelä"
    assert by_style["Certificate Unit"] == "asiakasneuvoja, Aava Pankki Oyj"
    assert by_style["Certificate Place"] == "Voittaja"
    assert by_style["Certificate Date"] == "Helsingissä 5.10.2026"
    assert "myönnetään" not in texts(out / "winner-Sini-Mäkelä.docx")
    document = Document(str(out / "winner-Sini-Mäkelä.docx"))
    signatures = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "Liisa Aaltonen" in signatures and "Asiakaspalveluyhdistys ry" in signatures


def test_an_organisation_award_certificate_names_the_organisation_first(awards, tmp_path):
    awards("competition", "create", "--category", "customer-service", "--year", "2026")
    awards("nomination", "add", "customer-service-2026", "--nominee", "Asiakaspalvelu",
           "--organization", "Revontuli Vakuutus Oy")  # fmt: skip
    awards("nomination", "add", "customer-service-2026", "--nominee", "Digituki",
           "--organization", "Järvenkylän kaupunki")  # fmt: skip
    awards("juror", "add", "customer-service-2026", "--name", "Raili Honkanen",
           "--email", "r@example.fi", "--role", "chair")  # fmt: skip
    awards("round", "open", "customer-service-2026")
    keys = [c["key"] for c in awards.json("criteria", "list", "customer-service-2026")]
    for n, value in ((1, 90), (2, 70)):
        awards("score", "set", "customer-service-2026", "--juror", "r@example.fi",
               "--nomination", n, *[f"{k}={value}" for k in keys])  # fmt: skip
    awards("round", "close", "customer-service-2026")
    awards("winner", "declare", "customer-service-2026", "--nomination", 1)
    awards("winner", "declare", "customer-service-2026", "--nomination", 2, "--place", "mention")
    out = tmp_path / "k"
    awards("export", "certificates", "customer-service-2026", "--out", out)
    winner = {s: t for s, t in paragraphs(out / "winner-Revontuli-Vakuutus-Oy.docx") if t}
    assert winner["Certificate Recipient"] == "Revontuli Vakuutus Oy"
    assert "Certificate Unit" not in winner  # "Asiakaspalvelu" only repeats the award's name
    mention = {s: t for s, t in paragraphs(out / "mention-Järvenkylän-kaupunki.docx") if t}
    assert mention["Certificate Recipient"] == "Järvenkylän kaupunki"
    assert mention["Certificate Unit"] == "Digituki"
    assert mention["Certificate Date"] == "5.10.2026"  # no city set: the date alone
    # Feedback is for the organisation too, and named after it.
    awards("export", "feedback", "customer-service-2026", "--out", tmp_path / "p")
    feedback = paragraphs(tmp_path / "p" / "1-Revontuli-Vakuutus-Oy.docx")
    assert ("Title", "Revontuli Vakuutus Oy") in feedback
    assert ("Winner Line", "Asiakaspalvelu") in feedback


# ---- feedback ----------------------------------------------------------------------------------


def test_feedback_states_its_baseline_marks_ties_and_merges_comments(decided, tmp_path) -> None:
    out = tmp_path / "palaute"
    decided("export", "feedback", SLUG, "--out", out)
    aino = texts(out / "2-Aino-Lindqvist.docx")
    assert "Arvoja verrataan kaikkien 4 ehdokkaan arvoihin kierroksella 1" in aino
    assert "Sijoitus: jaettu 2.–3. (4 ehdokkaasta)" in aino
    sini = texts(out / "1-Sini-Mäkelä.docx")
    assert sini.count("Kuuntelee aidosti.") == 1  # three jurors, one comment
    assert "Sijoitus: 1. (4 ehdokkaasta)" in sini
    # The winner is told where the lead was narrowest, never to develop it.
    assert "Kehitysalueet" not in sini
    assert "Vahvuuksista vähiten erottuvat" in sini
    katja = texts(out / "4-Katja-Hämäläinen.docx")
    assert "Kehitysalueet" in katja  # below the field and not placed
    english = tmp_path / "feedback"
    decided("export", "feedback", SLUG, "--out", english, "--lang", "en", "--no-rank")
    aino_en = texts(english / "2-Aino-Lindqvist.docx")
    assert "compared with all 4 candidates of round 1" in aino_en
    assert "Standing" not in aino_en and "tied" not in aino_en
    assert "Score: 80 of 100" in aino_en


def test_finalists_are_told_they_are_compared_with_finalists(judged, tmp_path) -> None:
    decided = judged
    # A second round of the best three (the tie for second goes through whole).
    decided("round", "advance", SLUG, "--top", 2, "--include-ties")
    decided("round", "open", SLUG, "--name", "Finaali")
    for j in range(3):
        for n in (1, 2, 3):
            level = CANDIDATES[n - 1][3] - (n == 3)
            decided("score", "set", SLUG, "--juror", f"j{j}@example.fi", "--nomination", n,
                    *[f"{k}={level}" for k in KEYS])  # fmt: skip
    decided("round", "close", SLUG)
    out = tmp_path / "palaute"
    decided("export", "feedback", SLUG, "--out", out)
    finalist = texts(out / "2-Aino-Lindqvist.docx")
    assert "kierroksen 2 (Finaali) 3 jatkoon päässeen ehdokkaan arvoihin" in finalist
    assert "Jatkoon päässeiden keskiarvo" in finalist
    assert "Sijoitus: 2. (3 ehdokkaasta)" in finalist
    other = texts(out / "4-Katja-Hämäläinen.docx")
    assert "kaikkien 4 ehdokkaan arvoihin kierroksella 1" in other


# ---- letterheads ------------------------------------------------------------------------------


def test_a_letterheads_own_styles_win(decided, tmp_path) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt, RGBColor

    letterhead = Document()
    lead = letterhead.styles.add_style("Lead", WD_STYLE_TYPE.PARAGRAPH)
    lead.font.size = Pt(14)
    lead.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    letterhead.sections[0].header.paragraphs[0].text = "Yhdistyksen kirjepohja"
    template = tmp_path / "kirjepohja.docx"
    letterhead.save(str(template))
    organised(decided)
    out = tmp_path / "tiedote.docx"
    decided("export", "announcement", SLUG, "--template", template, "-o", out)
    document = Document(str(out))
    assert document.styles["Lead"].font.size == Pt(14)
    assert document.styles["Lead"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    assert "Yhdistyksen kirjepohja" in document.sections[0].header.paragraphs[0].text
    assert any(p.style.name == "Lead" for p in document.paragraphs)


# ---- rendered ---------------------------------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler are not installed",
)
@pytest.mark.slow
def test_release_certificate_and_feedback_render_as_sent(decided, tmp_path) -> None:
    organised(decided)
    decided("export", "announcement", SLUG, "-o", tmp_path / "tiedote.docx")
    decided("export", "announcement", SLUG, "--lang", "en", "-o", tmp_path / "release.docx")
    decided("export", "certificates", SLUG, "--out", tmp_path / "k")
    decided("export", "feedback", SLUG, "--out", tmp_path / "p")
    decided("export", "results", SLUG, "--format", "xlsx", "-o", tmp_path / "tulokset.xlsx")
    files = [
        tmp_path / "tiedote.docx",
        tmp_path / "release.docx",
        tmp_path / "k" / "winner-Sini-Mäkelä.docx",
        tmp_path / "p" / "1-Sini-Mäkelä.docx",
    ]
    convert = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run(
        [*convert, *map(str, files)],
        check=True,
        capture_output=True,
        timeout=240,
    )

    def pdf_text(name: str) -> str:
        return subprocess.run(
            ["pdftotext", "-layout", str(tmp_path / f"{name}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    release = pdf_text("tiedote")
    assert "Vuoden Asiakasneuvoja 2026 on Sini Mäkelä" in " ".join(release.split())
    assert "Lisätietoja" in release and "maija@example.fi" in release and "[" not in release
    assert "Further information" in pdf_text("release")
    certificate = pdf_text("winner-Sini-Mäkelä")
    assert "KUNNIAKIRJA" in certificate and "Helsingissä 5.10.2026" in certificate
    assert "Sijoitus: 1." in pdf_text("1-Sini-Mäkelä")
    # The workbook needs LibreOffice Calc, which a machine with Writer alone lacks.
    subprocess.run([*convert, str(tmp_path / "tulokset.xlsx")], capture_output=True, timeout=240)
    if not (tmp_path / "tulokset.pdf").exists():
        pytest.skip("LibreOffice Calc is not installed: the workbook was not rendered")
    results = pdf_text("tulokset")
    # Displayed rounded with its number format, headed in Finnish.
    assert "Sija" in results and "Pisteet" in results and "Asiakaskohtaaminen" in results
    assert "90.00" in results or "90,00" in results


def test_a_letterhead_saved_by_google_docs_works_quietly(decided, tmp_path) -> None:
    """Google Docs names the default style "normal" and the title "title": no style is then
    found by name, and python-docx would fall back to style ids with a UserWarning."""
    import warnings

    template = letterhead_with(
        tmp_path,
        "google.docx",
        "Kirjepohja (Google)",
        "word/styles.xml",
        [
            (b'<w:name w:val="Normal"/>', b'<w:name w:val="normal"/>'),
            (b'<w:name w:val="Title"/>', b'<w:name w:val="title"/>'),
        ],
    )
    out = tmp_path / "tiedote.docx"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a UserWarning would reach the user's terminal
        result = decided("export", "announcement", SLUG, "--template", template, "-o", out)
    assert "Warning: style lookup" not in result.stderr
    document = Document(str(out))
    assert document.paragraphs[0].style.name == "Title"
    assert document.styles["Lead"].base_style.name == "Normal"
    assert "Kirjepohja (Google)" in document.sections[0].header.paragraphs[0].text


def test_a_word_template_dotx_is_a_letterhead_too(decided, tmp_path) -> None:
    """Organisations keep their letterhead as a Word template (.dotx): the same package with
    its main part's content type saying "template"."""
    import zipfile

    template = letterhead_with(
        tmp_path,
        "kirjepohja.dotx",
        "Kirjepohja (dotx)",
        "[Content_Types].xml",
        [(b"document.main+xml", b"template.main+xml")],
    )
    out = tmp_path / "tiedote.docx"
    decided("export", "announcement", SLUG, "--template", template, "-o", out)
    document = Document(str(out))  # a document again, not a template
    assert "Kirjepohja (dotx)" in document.sections[0].header.paragraphs[0].text
    assert document.paragraphs[0].text == "Vuoden Asiakasneuvoja 2026 on Sini Mäkelä"
    with zipfile.ZipFile(out) as archive:
        assert b"document.main+xml" in archive.read("[Content_Types].xml")
