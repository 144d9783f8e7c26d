"""Certificates (kunniakirja): one landscape A4 page per winner, runner-up and mention.

The text has no verb to inflect ("myönnetään Sini Mäkelälle" would need the allative of any
name): the award, the place, then the recipient in large type. On an organisation award the
organisation is the recipient and its unit the line below."""

from __future__ import annotations

from pathlib import Path

from docx.shared import Cm, Pt

from awards.publication import unit_worth_naming
from awards.views import CertificateView

from .i18n import place_and_date, t
from .word import new_document, save, styled


def recipient(cert: CertificateView) -> tuple[str, str]:
    """The large line and the small one below it."""
    if cert.winner_is_person or not cert.organization:
        details = [d for d in (cert.job_title, cert.organization) if d]
        return cert.nominee, ", ".join(details)
    unit = cert.nominee
    shown = unit_worth_naming(unit, cert.organization, cert.competition_title)
    return cert.organization, unit if shown else ""


def write_certificate(path: Path, cert: CertificateView, lang: str = "fi") -> None:
    title = f"{t(lang, 'certificate')} – {cert.competition_title}"
    document = new_document(
        lang, title, landscape=True, subject=t(lang, "certificate"), author=cert.organiser
    )
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(3)
    # The footer's page number has no place on a certificate.
    for p in section.footer.paragraphs:
        p._p.getparent().remove(p._p)
    spacer = document.add_paragraph()  # optical centre: the text block sits a little low
    spacer.paragraph_format.space_after = Pt(40)
    styled(document, "Certificate Title", t(lang, "certificate"))
    styled(document, "Certificate Award", cert.competition_title)
    styled(document, "Certificate Place", t(lang, cert.place))
    large, small = recipient(cert)
    name = styled(document, "Certificate Recipient", large)
    if len(large) > 32:  # a long organisation name on one line rather than three
        for run in name.runs:
            run.font.size = Pt(22)
    styled(document, "Certificate Unit", small)
    styled(document, "Certificate Date", place_and_date(cert.city, cert.date, lang))
    signatures = document.add_table(rows=3, cols=2)
    lines, names, labels = (row.cells for row in signatures.rows)
    for column, (person, label) in enumerate(
        (
            (cert.chair_name, t(lang, "signature_chair")),
            (None, cert.organiser or t(lang, "signature_organiser")),
        )
    ):
        for cell, value, style in (
            (lines[column], "_" * 34, "Signature"),
            (names[column], person or "", "Signature"),
            (labels[column], label, "Signature Label"),
        ):
            cell._tc.remove(cell.paragraphs[0]._p)
            styled(document, style, value, container=cell)
    save(document, path)
