"""Feedback for one candidate: their values against the field, strengths, development areas."""

from __future__ import annotations

from pathlib import Path

from docx.shared import RGBColor

from awards.views import FeedbackView

from .i18n import number, t
from .word import bullet, heading, new_document, paragraph, save, table

GREY = RGBColor(0x59, 0x59, 0x59)


def write_feedback(path: Path, feedback: FeedbackView, lang: str = "fi") -> None:
    title = f"{t(lang, 'feedback_title')} – {feedback.competition_title}"
    document = new_document(lang, title, subject=t(lang, "feedback_title"))
    paragraph(
        document, feedback.competition_title.upper(), bold=True, size=9, color=GREY, space_after=2
    )
    document.add_heading(feedback.nominee, level=0)
    if feedback.organization:
        paragraph(document, feedback.organization, size=12, color=GREY)
    paragraph(document, t(lang, "feedback_intro", title=feedback.competition_title))
    if feedback.rank is not None and feedback.score is not None:
        paragraph(
            document,
            t(
                lang,
                "standing",
                rank=feedback.rank,
                of=feedback.of,
                score=number(feedback.score, lang, 1),
                total=number(feedback.total_points, lang, 0),
            ),
            bold=True,
        )
    with_self = any(c.self_assessed is not None for c in feedback.criteria)
    headers = [
        t(lang, "area"),
        t(lang, "scale"),
        t(lang, "your_value"),
        t(lang, "field_mean"),
        t(lang, "field_best"),
    ]
    widths = [5.4, 2.2, 2.6, 2.9, 2.3]
    if with_self:
        headers.append(t(lang, "self_assessed"))
        widths = [4.6, 2.0, 2.4, 2.7, 2.0, 2.3]
    rows = []
    for c in feedback.criteria:
        row = [
            c.name,
            f"{number(c.min, lang, 0)}–{number(c.max, lang, 0)}",
            number(c.value, lang, 1),
            number(c.field_mean, lang, 1),
            number(c.field_best, lang, 1),
        ]
        if with_self:
            row.append(number(c.self_assessed, lang, 1))
        rows.append(row)
    table(document, headers, rows, widths, numeric=list(range(1, len(headers))))
    for label, items in (("strengths", feedback.strengths), ("development", feedback.development)):
        if items:
            heading(document, t(lang, label), 2)
            for item in items:
                bullet(document, item)
    if feedback.comments:
        heading(document, t(lang, "comments"), 2)
        for comment in feedback.comments:
            paragraph(document, f"“{comment}”", italic=True)
    if feedback.history:
        heading(document, t(lang, "history"), 2)
        table(
            document,
            [t(lang, "year"), t(lang, "rank"), t(lang, "score")],
            [[h.year, f"{h.rank}/{h.of}", number(h.score, lang, 1)] for h in feedback.history],
            [3, 3, 3],
            numeric=[0, 1, 2],
        )
    save(document, path)
