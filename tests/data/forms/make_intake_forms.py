"""Writes the export-shaped files of tests/test_nomination_import.py (see README.md, "Whole
exports"). Run from the repository root: `python tests/data/forms/make_intake_forms.py`. The
files are committed; this script only says how they were made. Every person, organisation and
address is fictional."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

# Microsoft Forms, Finnish export ("Avaa Excelissä"): the respondent columns in Finnish, then
# the questions as the coordinator wrote them. The employer question is worded as people do,
# the email question is free text (typing slips included), and the last two questions share
# the header "Muu" (a choice question's "other" answer each).
MS_FI_HEADER = [
    "ID",
    "Aloitusaika",
    "Valmistumisaika",
    "Sähköposti",
    "Nimi",
    "Viimeksi muokattu",
    "Ehdokkaan nimi",
    "Missä yrityksessä hän työskentelee?",
    "Mikä on hänen tehtävänsä?",
    "Miksi ehdotat juuri häntä?",
    "Sähköpostiosoitteesi",
    "Muu",
    "Muu",
]
MS_FI_ROWS = [
    [1, "Sini Mäkelä", "Aava Pankki Oyj", "Asiakasneuvoja",
     "Sini auttoi meitä\nnopeasti ja ystävällisesti.", "pekka.ohman@example.com", "", ""],
    [2, "Jussi Korhonen", "Revontuli Vakuutus Oy", "Palveluneuvoja",
     "Aina kärsivällinen.", "x@ gmail.com", "Puhelin", ""],
    [3, "Sini Mäkelä", "Aava Pankki Oyj", "Asiakasneuvoja",
     "Paras neuvoja; hoiti asuntolainan.", "---", "", "Chat"],
    [4, "Aino Lindqvist", "Kaislikon Terveys Oy", "Asiakaspalvelija",
     "Kuunteli ja ratkaisi.", "aino.fani@example.fi", "", ""],
    [5, "Eero Väisänen", "Kuusiston Energia Oy", "Asiakasneuvoja",
     "Soitti perään.", "eero ei tiedä", "Sähköposti", "Kirje"],
    [6, "Katja Hämäläinen", "Aava Pankki Oyj", "Asiakasneuvoja",
     "Ratkaisi ongelman, jota kukaan muu ei osannut.", "k.asiakas@example.net", "", ""],
]  # fmt: skip
MS_FI_RESPONDENTS = [
    ("pekka.ohman@jarvenkyla.example", "Pekka Öhman"),
    ("anonymous", ""),
    ("tiina.vaananen@example.com", "Tiina Väänänen"),
    ("anonymous", ""),
    ("rene.ostman@example.net", "René Östman"),
    ("anonymous", ""),
]


def ms_forms_fi(path: Path, edited: bool = False) -> None:
    """The Finnish export; `edited`: downloaded again a week later, after respondent 3 edited
    the answer (another reason, the organisation written out) and a 7th response came in."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(MS_FI_HEADER)
    rows = [list(r) for r in MS_FI_ROWS]
    if edited:
        rows[2][4] = "Paras neuvoja; hoiti asuntolainan ja remonttilainan."
        new = [7, "Olli Ojala", "Sillankorva Telecom Oy", "Asiakasneuvoja"]
        rows.append([*new, "Hoiti vikailmoituksen loppuun asti.", "olli@example.com", "", ""])
    for number, row in enumerate(rows):
        start = datetime(2026, 9, 14 + number, 10, 31, 2)
        done = datetime(2026, 9, 14 + number, 10, 35, 40)
        email, name = MS_FI_RESPONDENTS[number % len(MS_FI_RESPONDENTS)]
        modified = datetime(2026, 9, 28, 9, 0, 0) if edited and row[0] == 3 else None
        sheet.append([row[0], start, done, email, name, modified, *row[1:]])
    for cells in sheet.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in cells:
            cell.number_format = "d.m.yyyy h.mm.ss"
    book.save(path)


# Microsoft Forms, English export, 1 response per nominator and an "Email" question typed by
# hand: the 1,005-response case in small.
MS_EN_HEADER = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
                "Nominee's name", "Company", "Email", "Why this person?"]  # fmt: skip


def ms_forms_en(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(MS_EN_HEADER)
    typed = ["anna@example.com", "x@ gmail.com", "---", "bo@example.org", "n/a"]
    for i, (nominee, company) in enumerate(
        [("Sini Mäkelä", "Aava Bank Plc"), ("Jussi Korhonen", "Revontuli Insurance"),
         ("Aino Lindqvist", "Kaisla Health"), ("Eero Väisänen", "Kuusisto Energy"),
         ("Katja Hämäläinen", "Aava Bank Plc")]
    ):  # fmt: skip
        moment = datetime(2026, 9, 14, 9 + i, 5, 7)
        sheet.append([i + 1, moment, moment, "anonymous", "", None, nominee, company, typed[i],
                      f"Reason {i + 1}"])  # fmt: skip
    book.save(path)


# Google Forms (English), downloaded and re-saved by US Excel: two-digit years, a checkbox
# question exported as one column per choice ("Other" three times), an empty header, and
# several customers nominating the same advisor with nothing else the tool maps.
GOOGLE_MULTI = [
    ["Timestamp", "Email Address", "Who would you like to nominate?", "Channel", "Other",
     "Other", "", "Other"],
    ["9/14/26 10:35:40", "", "Sini Mäkelä", "Phone", "", "", "note A", ""],
    ["9/14/26 11:02:13", "", "Sini Mäkelä", "Chat", "x", "", "", ""],
    ["9/15/26 8:47:30", "", "Sini Mäkelä", "Phone", "", "y", "", ""],
    ["9/15/26 9:05:07", "", "Jussi Korhonen", "Email", "", "", "", "z"],
    ["9/15/26 9:05:07", "", "Jussi Korhonen", "Email", "", "", "", "z"],
    ["9/16/26 14:58:30", "", "Jussi Korhonen", "Phone", "", "", "note B", ""],
]  # fmt: skip


def google_multi(path: Path) -> None:
    lines = [",".join(row) for row in GOOGLE_MULTI]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))


# Typeform, an older English download: `#` numbers the responses, `Token` identifies them,
# `Submitted At` is the time.
TYPEFORM_EN = (
    "#,Nominee's full name,Which company do they work for?,Why do they deserve the award?,"
    "Your name,Your email,Start Date (UTC),Submitted At,Network ID,Token\n"
    '1,Sini Mäkelä,Aava Bank Plc,"Calm, quick,\nand kind",Pekka Öhman,pekka@example.com,'
    "2026-09-14 07:31:02,2026-09-14 07:32:11,8f2c1a9e4b,a1b2c3d4e5f60718293a4b5c6d7e8f90\n"
    "2,Jussi Korhonen,Revontuli Insurance,Always patient,Anna Aalto,anna@example.com,"
    "2026-09-15 06:03:40,2026-09-15 06:05:07,1b2c3d4e5f,0f1e2d3c4b5a69788796a5b4c3d2e1f0\n"
)

# Webropol, English export: a respondent id, the answer time, numbered questions.
WEBROPOL_EN_HEADER = ["Respondent ID", "Response time", "1. Name of the nominee",
                      "2. Nominee's employer", "3. Why do you nominate this person?",
                      "4. Your name", "5. Your email address"]  # fmt: skip


def webropol_en(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Responses"
    sheet.append(WEBROPOL_EN_HEADER)
    sheet.append([48213577, datetime(2026, 9, 14, 10, 32, 11), "Sini Mäkelä", "Aava Bank Plc",
                  "She listens.", "Pekka Öhman", "pekka@example.com"])  # fmt: skip
    sheet.append([48213602, datetime(2026, 9, 15, 9, 5, 7), "Åsa Lindqvist", "Ålands Bank Abp",
                  "Hon lyssnar.", "Björn Sjöberg", "bjorn@example.net"])  # fmt: skip
    book.save(path)


# The Finnish Microsoft Forms export opened in Finnish Excel and saved as "CSV (semicolon
# delimited)": Windows-1252, semicolons, CRLF, decimal commas in a rating, a multi-line quoted
# answer, times as Finnish Excel writes them.
EXCEL_FI = [
    ["ID", "Aloitusaika", "Valmistumisaika", "Sähköposti", "Nimi", "Ehdokkaan nimi",
     "Työnantaja", "Arvosana (1–5)", "Perustele ehdotuksesi"],
    ["1", "14.9.2026 10.31", "14.9.2026 10.35", "anonymous", "", "Sini Mäkelä",
     "Aava Pankki Oyj", "4,5", "Hoiti asiat;\r\nsoitti vielä perään – kiitos!"],
    ["2", "15.9.2026 9.03", "15.9.2026 9.05", "pekka.ohman@example.com", "Pekka Öhman",
     "Jussi Korhonen", "", "5", "Aina ystävällinen."],
    ["3", "16.9.2026 14.58", "16.9.2026 15.00", "anonymous", "", "Åsa Lindqvist",
     "Ålands Bank Abp", "3,75", "Kärsivällinen"],
]  # fmt: skip


def excel_fi(path: Path) -> None:
    def cell(text: str) -> str:
        if any(ch in text for ch in ';"\r\n'):
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [";".join(cell(c) for c in row) for row in EXCEL_FI]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


if __name__ == "__main__":
    ms_forms_fi(HERE / "ms_forms_fi.xlsx")
    ms_forms_fi(HERE / "ms_forms_fi_week2.xlsx", edited=True)
    ms_forms_en(HERE / "ms_forms_en_typed_email.xlsx")
    google_multi(HERE / "google_forms_en_resaved.csv")
    (HERE / "typeform_en.csv").write_bytes(TYPEFORM_EN.encode("utf-8"))
    webropol_en(HERE / "webropol_en.xlsx")
    excel_fi(HERE / "excel_fi_ms_forms.csv")
