"""A juror's score sheet as Word: one table, criteria across, a row per nomination.

The sheet says whose it is and for which round in its core properties (subject
"awards score sheet", keywords "competition=...; round=...; juror=..."), so importing the filled
sheet needs nothing else; `exports.score_file` reads it back."""

from __future__ import annotations

from pathlib import Path

from awards.models import format_number
from awards.views import ScoreSheetView

from .i18n import long_date, t
from .word import GREY, new_document, paragraph, save, table

SHEET_SUBJECT = "awards score sheet"


def write_score_sheet_docx(path: Path, sheet: ScoreSheetView, lang: str = "fi") -> None:
    landscape = len(sheet.criteria) > 4
    keywords = (
        f"competition={sheet.competition_slug}; round={sheet.round_number}; "
        f"juror={sheet.juror_email}"
    )
    title = f"{t(lang, 'sheet_title')} – {sheet.competition_title}"
    document = new_document(
        lang, title, landscape=landscape, subject=SHEET_SUBJECT, keywords=keywords
    )
    document.add_heading(title, level=1)
    paragraph(
        document,
        f"{t(lang, 'sheet_juror')}: {sheet.juror_name} <{sheet.juror_email}>",
        bold=True,
        space_after=0,
    )
    line = f"{t(lang, 'sheet_round')} {sheet.round_number}: {sheet.round_name}"
    if sheet.deadline:
        line += f" · {t(lang, 'sheet_deadline')} {long_date(sheet.deadline, lang)}"
    paragraph(document, line, space_after=6)
    paragraph(document, t(lang, "sheet_instructions"), size=9, color=GREY, space_after=2)
    scales = []
    for c in sheet.criteria:
        step = t(lang, "sheet_step", step=format_number(c.step)) if c.step else ""
        scales.append(
            t(
                lang,
                "sheet_scale",
                name=c.name,
                min=format_number(c.min),
                max=format_number(c.max),
                step=step,
            )
        )
    paragraph(document, " · ".join(scales), size=9, color=GREY, space_after=8)
    width = 25.7 if landscape else 17.0
    comment_width = 4.0
    criterion_width = max(1.8, min(3.0, (width - 1.2 - comment_width - 5.0) / len(sheet.criteria)))
    candidate_width = max(4.0, width - 1.2 - comment_width - criterion_width * len(sheet.criteria))
    headers = [
        t(lang, "sheet_id"),
        t(lang, "sheet_candidate"),
        *[
            f"{c.name}\n({c.key}, {format_number(c.min)}–{format_number(c.max)})"
            for c in sheet.criteria
        ],
        t(lang, "sheet_comment"),
    ]
    rows = [
        [n, f"{name}\n{organization}" if organization else name, *[""] * len(sheet.criteria), ""]
        for n, name, organization in sheet.nominations
    ]
    table(
        document,
        headers,
        rows,
        [1.2, candidate_width, *[criterion_width] * len(sheet.criteria), comment_width],
        numeric=[0],
        font_size=9,
    )
    # The identity again in the text itself: word processors rewrite or drop document
    # properties (LibreOffice turns the keywords' "; " into spaces, Google Docs keeps none),
    # but every one of them keeps the words on the page.
    paragraph(document, f"{t(lang, 'sheet_identity')}: {keywords}", size=7, color=GREY)
    save(document, path)
