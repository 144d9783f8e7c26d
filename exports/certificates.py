"""Certificates (kunniakirja): one landscape A4 page per winner, runner-up and mention."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Cm, Pt, RGBColor

from awards.views import CertificateView

from .i18n import long_date, t
from .word import ACCENT, new_document, paragraph, save, text

GOLD = RGBColor(0x9C, 0x7A, 0x2B)
GREY = RGBColor(0x59, 0x59, 0x59)


def write_certificate(path: Path, cert: CertificateView, lang: str = "fi") -> None:
    title = f"{t(lang, 'certificate').title()} – {cert.competition_title}"
    document = new_document(lang, title, landscape=True, subject=t(lang, "certificate"))
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(3)
    # The footer's page number has no place on a certificate.
    for p in section.footer.paragraphs:
        p._p.getparent().remove(p._p)
    paragraph(document, "", space_after=40)  # optical centre: the text block sits a little low
    paragraph(
        document,
        t(lang, "certificate"),
        bold=True,
        size=30,
        color=ACCENT,
        align="center",
        space_after=4,
    )
    paragraph(document, cert.competition_title, size=18, color=GOLD, align="center", space_after=24)
    paragraph(document, t(lang, cert.place), bold=True, size=15, align="center", space_after=4)
    paragraph(
        document,
        t(lang, "certificate_line"),
        italic=True,
        size=11,
        color=GREY,
        align="center",
        space_after=14,
    )
    size = 30 if len(cert.nominee) <= 32 else 22
    paragraph(document, cert.nominee, bold=True, size=size, align="center", space_after=6)
    if cert.organization:
        paragraph(document, cert.organization, size=15, color=GREY, align="center", space_after=30)
    else:
        paragraph(document, "", space_after=30)
    paragraph(document, long_date(cert.date, lang), size=11, align="center", space_after=36)
    signatures = document.add_table(rows=2, cols=2)
    left, right = signatures.rows[0].cells
    lines = signatures.rows[1].cells
    for cell in (left, right):
        cell.paragraphs[0].add_run("_" * 34)
    for cell, label, name in (
        (lines[0], t(lang, "signature_chair"), cert.chair_name),
        (lines[1], t(lang, "signature_organiser"), None),
    ):
        run = cell.paragraphs[0].add_run(text(name) + "\n" if name else "")
        run.font.size = Pt(10)
        label_run = cell.paragraphs[0].add_run(text(label))
        label_run.font.size = Pt(9)
        label_run.font.color.rgb = GREY
    for row in signatures.rows:
        for cell in row.cells:
            cell.paragraphs[0].alignment = 1  # centre
    save(document, path)
