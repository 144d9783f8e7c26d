"""The press release (tiedote)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx.shared import Pt, RGBColor

from awards.views import CompetitionView, PlaceView

from .i18n import long_date, t
from .word import ACCENT, AUTHOR, bullet, heading, new_document, paragraph, save

GREY = RGBColor(0x59, 0x59, 0x59)
EMBARGO = RGBColor(0xA5, 0x1C, 0x30)


def _describe(place: PlaceView) -> str:
    details = [d for d in (place.job_title, place.organization) if d]
    return place.nominee + (", " + ", ".join(details) if details else "")


def write_announcement(
    path: Path,
    competitions: list[CompetitionView],
    lang: str = "fi",
    *,
    organiser_paragraph: str | None = None,
    template: Path | None = None,
    announce_date: date | None = None,
) -> None:
    day = announce_date or min(c.announce_date for c in competitions)
    if len(competitions) == 1:
        title = competitions[0].title
        lead = t(lang, "lead_one", organiser=AUTHOR, title=title, date=long_date(day, lang))
    else:
        title = t(lang, "year_title", year=competitions[0].year)
        lead = t(
            lang,
            "lead_many",
            organiser=AUTHOR,
            year=competitions[0].year,
            date=long_date(day, lang),
        )
    document = new_document(lang, title, subject=t(lang, "press_release"), template=template)
    top = paragraph(
        document,
        f"{t(lang, 'press_release')}  ·  {long_date(day, lang)}",
        bold=True,
        size=9,
        color=GREY,
        space_after=2,
    )
    top.paragraph_format.keep_with_next = True
    paragraph(
        document,
        t(lang, "embargo", date=long_date(day, lang)),
        bold=True,
        size=9,
        color=EMBARGO,
        space_after=12,
    )
    document.add_heading(title, level=0)
    paragraph(document, lead, bold=True, size=11.5, space_after=12)
    for competition in competitions:
        if len(competitions) > 1:
            heading(document, competition.title, 1)
        winners = [p for p in competition.places if p.place == "winner"]
        others = [p for p in competition.places if p.place != "winner"]
        for place in winners:
            label = paragraph(
                document, t(lang, "winner").upper(), bold=True, size=9, color=ACCENT, space_after=0
            )
            label.paragraph_format.keep_with_next = True
            name = paragraph(document, _describe(place), bold=True, size=13, space_after=4)
            name.paragraph_format.keep_with_next = True
            if place.citation:
                for part in place.citation.split("\n\n"):
                    paragraph(document, part.strip(), italic=True)
        if others:
            sub = heading(document, t(lang, "runners_up"), 2)
            sub.paragraph_format.keep_with_next = True
            for place in others:
                p = document.add_paragraph()
                run = p.add_run(f"{t(lang, place.place)}: ")
                run.bold = True
                p.add_run(_describe(place))
                if place.citation:
                    p.paragraph_format.space_after = Pt(2)
                    paragraph(document, place.citation, italic=True)
        if competition.jury:
            heading(
                document,
                f"{t(lang, 'jury')} – {competition.title}"
                if len(competitions) > 1
                else t(lang, "jury"),
                3,
            )
            for juror in competition.jury:
                role = f" ({t(lang, 'chair')})" if juror.role == "chair" else ""
                org = f", {juror.organization}" if juror.organization else ""
                bullet(document, f"{juror.name}{org}{role}")
    heading(document, t(lang, "about"), 2)
    paragraph(document, organiser_paragraph or t(lang, "organiser_paragraph"))
    p = document.add_paragraph()
    p.add_run(f"{t(lang, 'media')}: ").bold = True
    p.add_run(t(lang, "media_placeholder"))
    save(document, path)
