"""Feedback for one candidate: their values against a stated field, strengths, the strengths
that stood out least, development areas, and the jury's comments (each once)."""

from __future__ import annotations

from pathlib import Path

from awards.publication import remarks_in_order
from awards.views import FeedbackView

from .i18n import fixed, number, quoted, rank_text, t
from .word import bullet, heading, new_document, save, styled, table


def write_feedback(
    path: Path, feedback: FeedbackView, lang: str = "fi", *, show_rank: bool = True
) -> None:
    title = f"{t(lang, 'feedback_title')} – {feedback.competition_title}"
    document = new_document(
        lang, title, subject=t(lang, "feedback_title"), author=feedback.organiser
    )
    styled(document, "Dateline", feedback.competition_title)
    # Who it is for, as the certificate says it: an organisation award's organisation first.
    if feedback.winner_is_person or not feedback.organization:
        name, below = feedback.nominee, feedback.organization
    else:
        name, below = feedback.organization, feedback.nominee
    document.add_heading(name, level=0)
    if below:
        styled(document, "Winner Line", below)
    baseline = "baseline_all" if feedback.everyone else "baseline_finalists"
    document.add_paragraph(
        t(lang, "feedback_intro", title=feedback.competition_title)
        + " "
        + t(
            lang,
            baseline,
            n=feedback.of,
            number=feedback.round_number,
            name=feedback.round_name,
        ),
    )
    score = number(feedback.score, lang, 1)
    total = number(feedback.total_points, lang, 0)
    if feedback.score is not None:
        if show_rank and feedback.rank is not None:
            rank = rank_text(feedback.rank, feedback.tied_with, lang)
            line = t(lang, "standing", rank=rank, of=feedback.of, score=score, total=total)
        else:
            line = t(lang, "score_only", score=score, total=total)
        styled(document, "Standing", line)
    if feedback.place:
        # A placed candidate's feedback says first what they won.
        styled(
            document,
            "Standing",
            t(lang, f"placed_{feedback.place}", title=feedback.competition_title),
        )
    with_self = any(c.self_assessed is not None for c in feedback.criteria)
    mean = "field_mean" if feedback.everyone else "field_mean_finalists"
    headers = [
        t(lang, "area"),
        t(lang, "scale"),
        t(lang, "your_value"),
        t(lang, mean),
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
            fixed(c.value, lang, 1),
            fixed(c.field_mean, lang, 1),
            fixed(c.field_best, lang, 1),
        ]
        if with_self:
            row.append(fixed(c.self_assessed, lang, 1))
        rows.append(row)
    table(document, headers, rows, widths, numeric=list(range(1, len(headers))))
    by_name = {c.name: c for c in feedback.criteria}
    for label, items in (
        ("strengths", feedback.strengths),
        ("relative_strengths", feedback.relative_strengths),
        ("relative", feedback.relative),
        ("development", feedback.development),
    ):
        if not items:
            continue
        heading(document, t(lang, label), 2)
        if label == "relative_strengths":
            # Said as what it is: the candidate's own best, still below the field.
            note = "relative_strengths_note" + ("" if feedback.everyone else "_finalists")
            document.add_paragraph(t(lang, note))
        for item in items:
            area = by_name.get(item)
            if label in ("relative", "relative_strengths") and area is not None:
                item = t(
                    lang,
                    "relative_item",
                    name=item,
                    value=fixed(area.value, lang, 1),
                    mean=fixed(area.field_mean, lang, 1),
                )
            bullet(document, item)
    if feedback.comments:
        heading(document, t(lang, "comments"), 2)
        # The document's language first; a remark in the other language is marked as such.
        for comment, other in remarks_in_order(feedback.comments, lang):
            text = quoted(comment, lang)
            if other is not None:
                text += f" ({t(lang, f'remark_in_{other}')})"
            styled(document, "Juror Comment", text)
    if feedback.history:
        heading(document, t(lang, "history"), 2)
        if show_rank:
            table(
                document,
                [t(lang, "year"), t(lang, "rank"), t(lang, "score")],
                [[h.year, f"{h.rank}/{h.of}", fixed(h.score, lang, 1)] for h in feedback.history],
                [3, 3, 3],
                numeric=[0, 1, 2],
            )
        else:
            table(
                document,
                [t(lang, "year"), t(lang, "score")],
                [[h.year, fixed(h.score, lang, 1)] for h in feedback.history],
                [3, 3],
                numeric=[0, 1],
            )
    save(document, path)
