"""The press release as a communications officer sends it, in Finnish and English: quotes
typeset for the language, the chair's quote after the winner's citation, the organiser named
as English names it, the embargo with Finland's time zone on that date."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime, timedelta

import pytest

from awards.exports.i18n import embargo, english_name, eu_rule_zone, helsinki_zone, quoted
from tests.test_release import SLUG, decided, judged, paragraphs  # noqa: F401

QUOTE_FI = '"Voittaja osoittaa, että kiireessäkin ehtii kuunnella."'  # typed with straight quotes
QUOTE_EN = "The winner shows that even in a hurry there is time to listen."


def organised(awards, *, name_en: str = "Finnish Customer Service Association") -> None:
    awards("organizer", "set", "--name", "Asiakaspalveluyhdistys ry", "--name-en", name_en,
           "--contact", "Maija Mallikas, 040 123 4567", "--embargo-time", "9.00",
           "--about", "Yhdistys.", "--about-en", "The association.")  # fmt: skip
    awards("competition", "set", SLUG, "--chair-quote", QUOTE_FI, "--chair-quote-en", QUOTE_EN)


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_the_release_is_sendable_as_it_is(decided, tmp_path, lang) -> None:  # noqa: F811
    organised(decided)
    out = tmp_path / f"release-{lang}.docx"
    decided("export", "announcement", SLUG, "--lang", lang, "-o", out)
    found = paragraphs(out)
    styles = [style for style, _ in found]
    quote = next(text for style, text in found if style == "Quote")
    if lang == "fi":
        assert quote == "”Voittaja osoittaa, että kiireessäkin ehtii kuunnella.”"
        assert ("Embargo", "Julkaisuvapaa 5.10.2026 klo 9.00 Suomen aikaa") in found
    else:
        assert quote == f"“{QUOTE_EN}”"
        assert ("Embargo", "Embargoed until 5 October 2026 at 9:00 EEST") in found
        lead = next(text for style, text in found if style == "Lead")
        assert "The award is given by the Finnish Customer Service Association." in lead
    assert '"' not in quote and quote.count("”") + quote.count("“") == 2  # quoted once
    # The quote follows the winner's citation, before the runner-up's label.
    labels = [i for i, s in enumerate(styles) if s == "Award Label"]
    citations = [i for i, s in enumerate(styles) if s == "Citation"]
    at = styles.index("Quote")
    assert citations[0] < at < labels[1], found
    assert styles[at + 1] == "Quote Source"


def test_a_name_given_with_its_article_or_a_proper_name_is_kept(decided, tmp_path) -> None:  # noqa: F811
    organised(decided, name_en="The Customer Service Society")
    out = tmp_path / "release.docx"
    decided("export", "announcement", SLUG, "--lang", "en", "-o", out)
    lead = next(text for style, text in paragraphs(out) if style == "Lead")
    assert "given by The Customer Service Society." in lead
    organised(decided, name_en="Wave")
    decided("export", "announcement", SLUG, "--lang", "en", "-o", out)
    lead = next(text for style, text in paragraphs(out) if style == "Lead")
    assert "given by Wave." in lead


@pytest.mark.parametrize(
    ("name", "used"),
    [
        ("Finnish Customer Service Association", "the Finnish Customer Service Association"),
        ("the Finnish Customer Service Association", "the Finnish Customer Service Association"),
        ("University of Helsinki", "the University of Helsinki"),
        ("Aava Bank Ltd", "Aava Bank Ltd"),
        ("Asiakaspalveluyhdistys ry", "Asiakaspalveluyhdistys ry"),
        ("Wave", "Wave"),
    ],
)
def test_english_name_rule(name, used) -> None:
    assert english_name(name) == used


@pytest.mark.parametrize(
    ("typed", "lang", "printed"),
    [
        ("Kuuntelee.", "fi", "”Kuuntelee.”"),
        ('"Kuuntelee."', "fi", "”Kuuntelee.”"),
        ("”Kuuntelee.”", "fi", "”Kuuntelee.”"),
        ('Hän sanoi "kiitos".', "fi", "”Hän sanoi ’kiitos’.”"),
        ("Listens.", "en", "“Listens.”"),
        ('"Listens."', "en", "“Listens.”"),
        ("“Listens.”", "en", "“Listens.”"),
        ('She said "thank you".', "en", "“She said ‘thank you’.”"),
    ],
)
def test_quotes_for_the_language_never_doubled(typed, lang, printed) -> None:
    assert quoted(typed, lang) == printed


def test_embargo_zone_is_computed_for_the_date() -> None:
    assert embargo(date(2027, 10, 4), "9.00", "en") == "Embargoed until 4 October 2027 at 9:00 EEST"
    assert embargo(date(2027, 12, 1), "9.00", "en") == "Embargoed until 1 December 2027 at 9:00 EET"
    assert (
        embargo(date(2027, 10, 4), "9.00", "fi") == "Julkaisuvapaa 4.10.2027 klo 9.00 Suomen aikaa"
    )
    assert embargo(date(2027, 10, 4), None, "en") == "Embargoed until 4 October 2027"
    assert helsinki_zone(date(2027, 10, 30), "12.00") == "EEST"  # the last day of summer time
    assert helsinki_zone(date(2027, 10, 31), "12.00") == "EET"


def test_the_fallback_rule_agrees_with_the_tz_database() -> None:
    """Without tzdata the EU rule gives the same zone at every hour of ten years, except the
    hour of each change itself (which does not exist, or exists twice)."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo("Europe/Helsinki")
    moment, differ = datetime(2020, 1, 1), 0
    while moment.year < 2030:
        if eu_rule_zone(moment) != moment.replace(tzinfo=zone).tzname():
            assert moment.month in (3, 10) and moment.hour == 3 and moment.weekday() == 6
            differ += 1
        moment += timedelta(hours=1)
    assert differ == 20


@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice and poppler are not installed",
)
def test_release_and_report_render_as_sent(decided, tmp_path) -> None:  # noqa: F811
    """What LibreOffice prints: the typographic quotes, the time zone, the article, and the
    report's headed columns."""
    organised(decided)
    decided("export", "announcement", SLUG, "-o", tmp_path / "tiedote.docx")
    decided("export", "announcement", SLUG, "--lang", "en", "-o", tmp_path / "release.docx")
    decided("export", "report", SLUG, "-o", tmp_path / "raportti.docx")
    names = ["tiedote", "release", "raportti"]
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
         *[str(tmp_path / f"{n}.docx") for n in names]],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip

    def text(name: str) -> str:
        pdf = subprocess.run(["pdftotext", str(tmp_path / f"{name}.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        return " ".join(pdf.split())

    finnish, english, report = (text(n) for n in names)
    assert "Julkaisuvapaa 5.10.2026 klo 9.00 Suomen aikaa" in finnish
    assert "”Voittaja osoittaa, että kiireessäkin ehtii kuunnella.”" in finnish
    assert '"' not in finnish
    assert "Embargoed until 5 October 2026 at 9:00 EEST" in english
    assert "given by the Finnish Customer Service Association" in english
    assert f"“{QUOTE_EN}”" in english
    assert "Sijoitus Ehdokas Organisaatio Perustelut" in report
