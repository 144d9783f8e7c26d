"""The press release (tiedote), laid out the way Finnish releases are: headline, the organiser,
"Tiedote" and the date, the embargo, a lead that names the winners, the body (each place and
the jury's citation), the jury chair's quote, "Lisätietoja" with the media contact, and a
paragraph about the organiser. Every kind of text has its own paragraph style."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from awards.models import PLACES, customer_service_week_monday
from awards.publication import unit_worth_naming
from awards.views import CompetitionView, OrganizerView, PlaceView

from .i18n import embargo, english_name, join_names, long_date, quoted, t, weekday
from .word import bullet, heading, new_document, save, styled


def describe(place: PlaceView, winner_is_person: bool) -> str:
    """The winner line: 'Sini Mäkelä, asiakasneuvoja, Aava Pankki Oyj'; an organisation
    award names the organisation first: 'Revontuli Vakuutus Oy, Asiakaspalvelu'."""
    if winner_is_person:
        parts = [place.nominee, place.job_title, place.organization]
    else:
        parts = [place.organization, place.nominee]
    return ", ".join(p for p in parts if p)


def _name(place: PlaceView, winner_is_person: bool) -> str:
    """Who won, as a headline says it: the person, or the organisation."""
    if winner_is_person or not place.organization:
        return place.nominee or place.organization or ""
    return place.organization


def _who(place: PlaceView, competition: CompetitionView) -> str:
    """Who, as the lead says it: 'Sini Mäkelä (asiakasneuvoja, Aava Pankki Oyj)'; an
    organisation with its unit, unless the unit only repeats the award's name ('Asiakaspalvelu'
    in Vuoden Asiakaspalvelu)."""
    name = _name(place, competition.winner_is_person)
    if competition.winner_is_person:
        details = [d for d in (place.job_title, place.organization) if d]
    else:
        unit = place.nominee
        details = [unit] if unit_worth_naming(unit, name, competition.title) else []
    return f"{name} ({', '.join(details)})" if details else name


def _winner(competition: CompetitionView) -> PlaceView | None:
    return next((p for p in competition.places if p.place == "winner"), None)


def headline(competitions: list[CompetitionView], lang: str) -> str:
    if len(competitions) == 1:
        competition = competitions[0]
        winner = _winner(competition)
        if winner is None:
            return t(lang, "headline_withheld", title=competition.title)
        name = _name(winner, competition.winner_is_person)
        return t(lang, "headline_one", title=competition.title, winner=name)
    year_title = t(lang, "year_title", year=competitions[0].year)
    names = [_name(w, c.winner_is_person) for c in competitions if (w := _winner(c)) is not None]
    if not names:
        return year_title
    return t(lang, "headline_many", year_title=year_title, winners=join_names(names, lang))


def lead(
    competitions: list[CompetitionView], lang: str, organizer: OrganizerView, day: date
) -> str:
    """Every award's winner as consent allows, the other places, who gives the award and when."""
    sentences = []
    for competition in competitions:
        winner = _winner(competition)
        if winner is None:
            sentences.append(t(lang, "lead_withheld", title=competition.title))
        else:
            who = _who(winner, competition)
            sentences.append(t(lang, "lead_winner", title=competition.title, winner=who))
        if len(competitions) == 1:
            for place in PLACES[1:]:
                named = [_who(p, competition) for p in competition.places if p.place == place]
                if named:
                    key = f"lead_{place}" + ("_many" if len(named) > 1 else "")
                    sentences.append(t(lang, key, who=join_names(named, lang)))
    many = "_many" if len(competitions) > 1 else ""
    organiser = organizer.name_in(lang)
    if organiser:
        # In English running text a name like "Finnish Customer Service Association" needs
        # its article: "given by the Finnish Customer Service Association".
        as_name = english_name(organiser) if lang == "en" else organiser
        sentences.append(t(lang, "lead_given_by" + many, organiser=as_name))
    monday = customer_service_week_monday(day.year)
    during_week = monday <= day < monday + timedelta(days=7)
    key = ("lead_announced_week" if during_week else "lead_announced") + many
    sentences.append(t(lang, key, weekday=weekday(day, lang), date=long_date(day, lang)))
    return " ".join(sentences)


def gaps(competitions: list[CompetitionView], organizer: OrganizerView, lang: str) -> list[str]:
    """What the release will lack, for the person exporting it (on stderr): each is something
    they would otherwise find missing only after sending."""
    found = []
    if lang == "en" and organizer.contact and not organizer.contact_en:
        found.append(
            "the English release gives the Finnish media contact: "
            "`awards organizer set --contact-en TEXT` for an English one"
        )
    if not organizer.contact_in(lang):
        found.append(
            "the release ends without a media contact: set one with "
            "`awards organizer set --contact TEXT`"
        )
    if not organizer.name_in(lang):
        found.append("the release names no organiser: `awards organizer set --name TEXT`")
    if not organizer.about_in(lang):
        option = "--about-en" if lang == "en" else "--about"
        found.append(f"no paragraph about the organiser: `awards organizer set {option} TEXT`")
    for c in competitions:
        option = "--chair-quote-en" if lang == "en" else "--chair-quote"
        if not c.chair_quote:
            found.append(f"no quote from the jury chair of {c.slug}: `awards competition set "
                         f"{c.slug} {option} TEXT`")  # fmt: skip
        elif c.chair is None:
            found.append(f"{c.slug} has a chair's quote but no juror with role chair: left out")
        if lang == "en":
            for p in c.places:
                if not p.citation:
                    found.append(
                        f"no English citation for the {p.place} of {c.slug}: "
                        f"`awards winner declare {c.slug} --nomination ID --citation-en TEXT`"
                    )
    return found


def write_announcement(
    path: Path,
    competitions: list[CompetitionView],
    lang: str = "fi",
    *,
    organizer: OrganizerView | None = None,
    template: Path | None = None,
    announce_date: date | None = None,
) -> None:
    organizer = organizer or OrganizerView()
    day = announce_date or min(c.announce_date for c in competitions)
    title = headline(competitions, lang)
    organiser = organizer.name_in(lang)
    document = new_document(
        lang, title, subject=t(lang, "press_release"), template=template, author=organiser
    )
    document.add_heading(title, level=0)
    styled(
        document,
        "Dateline",
        "  ·  ".join(x for x in (organiser, t(lang, "press_release"), long_date(day, lang)) if x),
    )
    styled(document, "Embargo", embargo(day, organizer.embargo_time, lang))
    styled(document, "Lead", lead(competitions, lang, organizer, day))
    for competition in competitions:
        if len(competitions) > 1:
            heading(document, competition.title, 1)
        chair = competition.chair
        quote_due = bool(competition.chair_quote and chair is not None)
        for place in competition.places:
            styled(document, "Award Label", t(lang, place.place))
            styled(document, "Winner Line", describe(place, competition.winner_is_person))
            for part in (place.citation or "").split("\n\n"):
                if part.strip():
                    styled(document, "Citation", part.strip())
            # The chair speaks about the winner: the quote follows the winner's citation, not
            # the last place's (a withheld winner: after the first place shown).
            if quote_due:
                _chair_quote(document, competition, lang, many=len(competitions) > 1)
                quote_due = False
        if quote_due:
            _chair_quote(document, competition, lang, many=len(competitions) > 1)
        if competition.jury:
            heading(document, t(lang, "jury"), 3 if len(competitions) > 1 else 2)
            for juror in competition.jury:
                role = f" ({t(lang, 'chair')})" if juror.role == "chair" else ""
                org = f", {juror.organization}" if juror.organization else ""
                bullet(document, f"{juror.name}{org}{role}")
    contact = organizer.contact_in(lang)
    if contact:
        heading(document, t(lang, "media"), 2)
        styled(document, "Contact", contact)
    about = organizer.about_in(lang)
    if about:
        heading(document, t(lang, "about"), 2)
        for part in about.split("\n\n"):
            if part.strip():
                styled(document, "About Organiser", part.strip())
    save(document, path)


def _chair_quote(document: object, competition: CompetitionView, lang: str, *, many: bool) -> None:
    chair = competition.chair
    assert chair is not None and competition.chair_quote
    styled(document, "Quote", quoted(competition.chair_quote, lang))
    source = (
        t(lang, "quote_source_of", name=chair.name, title=competition.title)
        if many
        else t(lang, "quote_source", name=chair.name)
    )
    styled(document, "Quote Source", source)
