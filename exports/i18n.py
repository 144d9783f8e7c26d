"""Every fixed text of the documents, in Finnish (the default) and English."""

from __future__ import annotations

from datetime import date, datetime

MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

TEXTS: dict[str, dict[str, str]] = {
    "fi": {
        "press_release": "Tiedote",
        "embargo_time": "Julkaisuvapaa {date} klo {time}",
        "embargo_day": "Julkaisuvapaa {date}",
        "year_title": "Vuoden {year} asiakaspalvelupalkinnot",
        "headline_one": "{title} on {winner}",
        "headline_withheld": "{title} on valittu",
        "headline_many": "{year_title}: {winners}",
        "and": "ja",
        "lead_winner": "{title} on {winner}.",
        "lead_withheld": "{title} -palkinnon voittajaa ei nimetä julkisesti.",
        "lead_runner-up": "Toiseksi sijoittui {who}.",
        "lead_runner-up_many": "Toiseksi sijoittuivat {who}.",
        "lead_mention": "Kunniamaininnan sai {who}.",
        "lead_mention_many": "Kunniamaininnat saivat {who}.",
        "lead_given_by": "Palkinnon myöntää {organiser}.",
        "lead_given_by_many": "Palkinnot myöntää {organiser}.",
        "lead_announced_week": "Palkinto julkistettiin Asiakaspalveluviikolla {weekday} {date}.",
        "lead_announced_week_many": "Palkinnot julkistettiin Asiakaspalveluviikolla "
        "{weekday} {date}.",
        "lead_announced": "Palkinto julkistettiin {weekday} {date}.",
        "lead_announced_many": "Palkinnot julkistettiin {weekday} {date}.",
        "quote_source": "– {name}, tuomariston puheenjohtaja",
        "quote_source_of": "– {name}, {title} -tuomariston puheenjohtaja",
        "winner": "Voittaja",
        "runner-up": "Toiseksi sijoittunut",
        "mention": "Kunniamaininta",
        "jury": "Tuomaristo",
        "chair": "puheenjohtaja",
        "about": "Tietoa järjestäjästä",
        "media": "Lisätietoja",
        "page": "Sivu",
        "of": "/",
        "report_title": "Tuomariston raportti",
        "confidential": "Luottamuksellinen – vain tuomariston käyttöön",
        "generated": "Laadittu",
        "summary": "Tulokset",
        "override": "Poikkeamisen perustelu",
        "round": "Kierros",
        "method": "Laskentatapa",
        "status": "Tila",
        "open": "avoin",
        "closed": "suljettu",
        "kind_jury": "tuomariston arviointi",
        "kind_self-assessment": "itsearviointi",
        "rank": "Sija",
        "candidate": "Ehdokas",
        "organization": "Organisaatio",
        "score": "Pisteet",
        "jurors": "Arvioijia",
        "spread": "Hajonta",
        "flags": "Huomiot",
        "participation": "Arvioijien osallistuminen",
        "juror": "Arvioija",
        "assigned": "Jaettu",
        "complete": "Valmis",
        "missing": "Puuttuu",
        "conflicts": "Esteellisyydet",
        "reason": "Syy",
        "source": "Peruste",
        "declared": "ilmoitettu",
        "organization_source": "sama organisaatio",
        "automatic": "automaattinen",
        "none": "Ei kirjattuja.",
        "flag_tied": "tasan",
        "flag_tie_break": "ratkaisi: {criterion}",
        "points_of": "pisteet / {total}",
        "mean_rank": "keskimääräinen sija",
        "withheld": "(ei julkinen)",
        "flag_disagreement": "arvioijat eri mieltä",
        "flag_disagreement_juror": "arvioijat eri mieltä (eniten poikkeaa {juror})",
        "flag_incomplete": "pisteitä puuttuu",
        "flag_close": "tiukka ero seuraavaan",
        "panel_title": "Tuomariston yksimielisyys",
        "panel_juror": "Arvioija",
        "panel_scored": "Arvioinut",
        "panel_severity": "Ankaruus",
        "panel_adjusted": "Mallin ankaruus",
        "panel_r_rest": "Yhtäpitävyys",
        "panel_deviations": "Poikkeamia",
        "panel_columns": "Ankaruus: arvioijan pisteet miinus muiden samojen ehdokkaiden "
        "arvioijien keskiarvo (alle 0 = ankarampi). Yhtäpitävyys: arvioijan järjestyksen "
        "korrelaatio muiden järjestykseen (negatiivinen = käänteinen tai väärin ymmärretty "
        "lomake). Poikkeamia: ehdokkaat, joilla arvioija poikkeaa muista vähintään 15 % pisteistä.",
        "feedback_title": "Palaute",
        "feedback_intro": "Kiitos osallistumisesta kilpailuun {title}. Tässä palautteessa on "
        "tuomariston arvio alueittain.",
        "baseline_all": "Arvoja verrataan kaikkien {n} ehdokkaan arvoihin kierroksella "
        "{number} ({name}).",
        "baseline_finalists": "Arvoja verrataan kierroksen {number} ({name}) {n} "
        "jatkoon päässeen ehdokkaan arvoihin, ei kaikkiin ehdokkaisiin.",
        "field_mean_finalists": "Jatkoon päässeiden keskiarvo",
        "relative": "Vahvuuksista vähiten erottuvat",
        "relative_item": "{name}: {value} (keskiarvo {mean})",
        "rank_one": "{rank}.",
        "rank_tied": "jaettu {first}.–{last}.",
        "score_only": "Pisteet: {score} / {total}",
        "your_value": "Arvionne",
        "field_mean": "Kaikkien keskiarvo",
        "field_best": "Paras",
        "self_assessed": "Itsearvio",
        "area": "Alue",
        "scale": "Asteikko",
        "strengths": "Vahvuudet",
        "development": "Kehitysalueet",
        "comments": "Tuomariston kommentit",
        "history": "Aiemmat vuodet",
        "year": "Vuosi",
        "standing": "Sijoitus: {rank} ({of} ehdokkaasta), {score} / {total} pistettä",
        "certificate": "Kunniakirja",
        "signature_chair": "Tuomariston puheenjohtaja",
        "signature_organiser": "Järjestäjä",
        "sheet_title": "Arviointilomake",
        "sheet_juror": "Arvioija",
        "sheet_round": "Kierros",
        "sheet_deadline": "Palauta viimeistään",
        "sheet_instructions": (
            "Kirjoita pisteet tyhjiin soluihin. Desimaalipilkku ja -piste käyvät (7,5 tai 7.5). "
            "Jätä solu tyhjäksi, jos et vielä arvioinut. Älä muuta ensimmäistä saraketta äläkä "
            "otsikkoriviä. Palauta lomake koordinaattorille, joka tuo sen komennolla "
            "`awards score import`."
        ),
        "sheet_scale": "{name}: {min}–{max}{step}",
        "sheet_step": ", askel {step}",
        "sheet_id": "Nro",
        "sheet_candidate": "Ehdokas",
        "sheet_comment": "Kommentti",
        "sheet_identity": "Lomakkeen tunniste (älä muuta)",
        # ---- sendable as it is (#22): release, report, feedback --------------------------
        "embargo_zone": "Julkaisuvapaa {date} klo {time} Suomen aikaa",
        "report_place": "Sijoitus",
        "report_citation": "Perustelut",
        "relative_strengths": "Suhteelliset vahvuudet",
        "relative_strengths_note": "Parhaat alueenne, vaikka ne jäävät kaikkien keskiarvon "
        "alapuolelle.",
        "relative_strengths_note_finalists": "Parhaat alueenne, vaikka ne jäävät jatkoon "
        "päässeiden keskiarvon alapuolelle.",
        "placed_winner": "Onnittelut: voititte kilpailun {title}.",
        "placed_runner-up": "Onnittelut: sijoituitte toiseksi kilpailussa {title}.",
        "placed_mention": "Onnittelut: tuomaristo myönsi teille kunniamaininnan kilpailussa "
        "{title}.",
        "remark_in_fi": "suomeksi",
        "remark_in_en": "englanniksi",
    },
    "en": {
        "press_release": "Press release",
        "embargo_time": "Embargoed until {date} at {time}",
        "embargo_day": "Embargoed until {date}",
        "year_title": "Customer service awards {year}",
        "headline_one": "{title} goes to {winner}",
        "headline_withheld": "{title} chosen",
        "headline_many": "{year_title} go to {winners}",
        "and": "and",
        "lead_winner": "{title} goes to {winner}.",
        "lead_withheld": "The winner of {title} is not named publicly.",
        "lead_runner-up": "The runner-up is {who}.",
        "lead_runner-up_many": "The runners-up are {who}.",
        "lead_mention": "An honourable mention goes to {who}.",
        "lead_mention_many": "Honourable mentions go to {who}.",
        "lead_given_by": "The award is given by {organiser}.",
        "lead_given_by_many": "The awards are given by {organiser}.",
        "lead_announced_week": "It was announced on {weekday} {date}, during Customer Service "
        "Week.",
        "lead_announced_week_many": "They were announced on {weekday} {date}, during Customer "
        "Service Week.",
        "lead_announced": "It was announced on {weekday} {date}.",
        "lead_announced_many": "They were announced on {weekday} {date}.",
        "quote_source": "– {name}, chair of the jury",
        "quote_source_of": "– {name}, chair of the {title} jury",
        "winner": "Winner",
        "runner-up": "Runner-up",
        "mention": "Honourable mention",
        "jury": "Jury",
        "chair": "chair",
        "about": "About the organiser",
        "media": "Further information",
        "page": "Page",
        "of": "of",
        "report_title": "Jury report",
        "confidential": "Confidential – for the jury only",
        "generated": "Prepared",
        "summary": "Results",
        "override": "Reason for overriding the ranking",
        "round": "Round",
        "method": "Method",
        "status": "Status",
        "open": "open",
        "closed": "closed",
        "kind_jury": "jury assessment",
        "kind_self-assessment": "self-assessment",
        "rank": "Rank",
        "candidate": "Candidate",
        "organization": "Organisation",
        "score": "Score",
        "jurors": "Jurors",
        "spread": "Spread",
        "flags": "Flags",
        "participation": "Juror participation",
        "juror": "Juror",
        "assigned": "Assigned",
        "complete": "Complete",
        "missing": "Missing",
        "conflicts": "Conflicts of interest",
        "reason": "Reason",
        "source": "Source",
        "declared": "declared",
        "organization_source": "same organisation",
        "automatic": "automatic",
        "none": "None recorded.",
        "flag_tied": "tied",
        "flag_tie_break": "decided by {criterion}",
        "points_of": "points / {total}",
        "mean_rank": "mean rank (lower is better)",
        "withheld": "(not public)",
        "flag_disagreement": "jurors disagree",
        "flag_disagreement_juror": "jurors disagree (furthest: {juror})",
        "flag_incomplete": "scores missing",
        "flag_close": "close to the next",
        "panel_title": "Panel agreement",
        "panel_juror": "Juror",
        "panel_scored": "Scored",
        "panel_severity": "Severity",
        "panel_adjusted": "Fitted severity",
        "panel_r_rest": "Agreement",
        "panel_deviations": "Deviations",
        "panel_columns": "Severity: the juror's points minus the mean of the other jurors of the "
        "same candidates (below 0 = stricter). Agreement: the correlation of the juror's order "
        "with the others' (negative = an inverted or misunderstood sheet). Deviations: "
        "candidates where the juror lies 15 % of the points or more from the others.",
        "feedback_title": "Feedback",
        "feedback_intro": "Thank you for taking part in {title}. This feedback shows the jury's "
        "assessment by area.",
        "baseline_all": "Your values are compared with all {n} candidates of round {number} "
        "({name}).",
        "baseline_finalists": "Your values are compared with the {n} candidates who went on to "
        "round {number} ({name}), not with every candidate.",
        "field_mean_finalists": "Mean of those who went on",
        "relative": "Strengths that stood out least",
        "relative_item": "{name}: {value} (mean {mean})",
        "rank_one": "{ordinal}",
        "rank_tied": "tied {first_ordinal}–{last_ordinal}",
        "score_only": "Score: {score} of {total}",
        "your_value": "Your value",
        "field_mean": "Mean of all",
        "field_best": "Best",
        "self_assessed": "Self-assessment",
        "area": "Area",
        "scale": "Scale",
        "strengths": "Strengths",
        "development": "Development areas",
        "comments": "Comments from the jury",
        "history": "Earlier years",
        "year": "Year",
        "standing": "Standing: {rank} of {of}, {score} points of {total}",
        "certificate": "Certificate",
        "signature_chair": "Chair of the jury",
        "signature_organiser": "Organiser",
        "sheet_title": "Score sheet",
        "sheet_juror": "Juror",
        "sheet_round": "Round",
        "sheet_deadline": "Return by",
        "sheet_instructions": (
            "Type your scores into the empty cells. A decimal comma or point both work (7,5 or "
            "7.5). Leave a cell empty if you have not scored it yet. Do not change the first "
            "column or the header row. Return the sheet to the coordinator, who imports it with "
            "`awards score import`."
        ),
        "sheet_scale": "{name}: {min}–{max}{step}",
        "sheet_step": ", step {step}",
        "sheet_id": "id",
        "sheet_candidate": "Candidate",
        "sheet_comment": "Comment",
        "sheet_identity": "Sheet identity (do not change)",
        # ---- sendable as it is (#22): release, report, feedback --------------------------
        "embargo_zone": "Embargoed until {date} at {time} {zone}",
        "report_place": "Place",
        "report_citation": "Citation",
        "relative_strengths": "Relative strengths",
        "relative_strengths_note": "Your best areas, although below the mean of all candidates.",
        "relative_strengths_note_finalists": "Your best areas, although below the mean of "
        "those who went on.",
        "placed_winner": "Congratulations: you are the winner of {title}.",
        "placed_runner-up": "Congratulations: you are the runner-up of {title}.",
        "placed_mention": "Congratulations: the jury gave you an honourable mention in {title}.",
        "remark_in_fi": "in Finnish",
        "remark_in_en": "in English",
    },
}


WEEKDAYS = {
    # Finnish in the essive ("maanantaina 5.10.2026"), as a date is said in running text.
    "fi": ["maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina",
           "lauantaina", "sunnuntaina"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}  # fmt: skip

# Where a document was signed, in Finnish the inessive or adessive of the city ("Helsingissä",
# "Tampereella"): the cities where most organisers sit. Another city is written as it is given,
# without the ending ("Inari 5.10.2026"), which is correct in a date line.
_CITY_LOCATIVE = {
    "helsinki": "Helsingissä", "espoo": "Espoossa", "vantaa": "Vantaalla",
    "tampere": "Tampereella", "turku": "Turussa", "oulu": "Oulussa", "jyväskylä": "Jyväskylässä",
    "lahti": "Lahdessa", "kuopio": "Kuopiossa", "pori": "Porissa", "joensuu": "Joensuussa",
    "lappeenranta": "Lappeenrannassa", "hämeenlinna": "Hämeenlinnassa", "vaasa": "Vaasassa",
    "seinäjoki": "Seinäjoella", "rovaniemi": "Rovaniemellä", "mikkeli": "Mikkelissä",
    "kotka": "Kotkassa", "salo": "Salossa", "porvoo": "Porvoossa", "kouvola": "Kouvolassa",
    "kokkola": "Kokkolassa", "hyvinkää": "Hyvinkäällä", "järvenpää": "Järvenpäässä",
    "rauma": "Raumalla", "kajaani": "Kajaanissa", "kerava": "Keravalla", "nokia": "Nokialla",
    "savonlinna": "Savonlinnassa", "kangasala": "Kangasalla", "lohja": "Lohjalla",
    "tornio": "Torniossa", "kemi": "Kemissä", "imatra": "Imatralla", "raahe": "Raahessa",
    "iisalmi": "Iisalmessa", "varkaus": "Varkaudessa", "hamina": "Haminassa",
    "riihimäki": "Riihimäellä", "tuusula": "Tuusulassa", "kirkkonummi": "Kirkkonummella",
    "sipoo": "Sipoossa", "nurmijärvi": "Nurmijärvellä", "mariehamn": "Maarianhaminassa",
    "maarianhamina": "Maarianhaminassa",
}  # fmt: skip


def place_and_date(city: str | None, value: date, lang: str) -> str:
    """The date line of a signed document: 'Helsingissä 5.10.2026', 'Helsinki, 5 October
    2026', or only the date when no city is known."""
    day = long_date(value, lang)
    if not city:
        return day
    if lang == "fi":
        return f"{_CITY_LOCATIVE.get(city.strip().casefold(), city)} {day}"
    return f"{city}, {day}"


def weekday(value: date, lang: str) -> str:
    return WEEKDAYS[lang][value.weekday()]


def clock(value: str, lang: str) -> str:
    """A time stored the Finnish way ('9.00') as the language writes it ('9:00' in English)."""
    return value if lang == "fi" else value.replace(".", ":")


def join_names(names: list[str], lang: str) -> str:
    """'A', 'A ja B', 'A, B ja C' (no serial comma in either language's house style)."""
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {t(lang, 'and')} {names[-1]}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def rank_text(rank: int, sharing: int, lang: str) -> str:
    """'11.' or, when several share it, 'jaettu 11.–12.' ('tied 11th–12th')."""
    last = rank + sharing - 1
    if sharing <= 1:
        return t(lang, "rank_one", rank=rank, ordinal=ordinal(rank))
    return t(
        lang,
        "rank_tied",
        first=rank,
        last=last,
        first_ordinal=ordinal(rank),
        last_ordinal=ordinal(last),
    )


def t(lang: str, key: str, **values: object) -> str:
    text = TEXTS[lang][key]
    return text.format(**values) if values else text


def long_date(value: date, lang: str) -> str:
    """5.10.2026 in Finnish, 5 October 2026 in English."""
    if lang == "fi":
        return f"{value.day}.{value.month}.{value.year}"
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def number(value: float | None, lang: str, decimals: int = 1) -> str:
    """7,5 in Finnish, 7.5 in English; whole numbers without decimals."""
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    if decimals and text.rstrip("0").endswith("."):
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "fi" else text


# ---- sendable as it is (#22) -------------------------------------------------------------

# Quotation marks a user may already have typed around a quote: straight, typographic (both
# languages' forms), guillemets and low-9 marks.
_QUOTE_MARKS = "\"'“”„‟‘’«»‹›"


def quoted(value: str, lang: str) -> str:
    """A quotation the way the language prints it: ”…” in Finnish (the same mark at both ends),
    “…” in English. Marks the user typed around the whole text are taken off first, so a quote
    entered as "…" or ”…” is never quoted twice; straight double quotes inside become the
    inner quotes of the language (’…’ in Finnish, ‘…’ in English)."""
    text = value.strip()
    while len(text) >= 2 and text[0] in _QUOTE_MARKS and text[-1] in _QUOTE_MARKS:
        text = text[1:-1].strip()
    if lang == "fi":
        return f"\u201d{text.replace(chr(34), chr(0x2019))}\u201d"
    return f"\u201c{_inner_english(text)}\u201d"


def _inner_english(text: str) -> str:
    """Straight double quotes inside an English quotation as ‘ and ’ by position."""
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            opening = i == 0 or text[i - 1].isspace() or text[i - 1] in "([{\u2014\u2013-"
            out.append("\u2018" if opening else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def fixed(value: float | None, lang: str, decimals: int = 2) -> str:
    """A number with exactly `decimals` decimals and the language's decimal mark ("10,00",
    "9,67" in Finnish; "10.00" in English): one format for a whole column or table."""
    if value is None:
        return "–"
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "fi" else text


def helsinki_zone(day: date, time: str) -> str:
    """The abbreviation of Finnish time on that day at that time ("9.00"): EEST in summer time,
    EET in winter. From the tz database (Europe/Helsinki); where a minimal system has none, the
    EU rule Finland follows (summer time from 01:00 UTC on the last Sunday of March to 01:00 UTC
    on the last Sunday of October)."""
    hours, _, minutes = time.replace(":", ".").partition(".")
    local = datetime(day.year, day.month, day.day, int(hours or 0), int(minutes or 0))
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            return local.replace(tzinfo=ZoneInfo("Europe/Helsinki")).tzname() or "EET"
        except ZoneInfoNotFoundError:
            pass
    except ImportError:  # pragma: no cover - zoneinfo is in every supported Python
        pass

    return eu_rule_zone(local)


def eu_rule_zone(local: datetime) -> str:
    """EEST or EET for a Finnish wall-clock time by the EU rule, without the tz database."""
    from datetime import datetime, timedelta

    def last_sunday(month: int) -> datetime:
        end = datetime(local.year, month + 1, 1) - timedelta(days=1)
        return end - timedelta(days=(end.weekday() + 1) % 7)

    utc = local - timedelta(hours=2)  # as EET; the hour of the change itself is ambiguous
    start = last_sunday(3).replace(hour=1)
    end = last_sunday(10).replace(hour=1)
    return "EEST" if start <= utc < end else "EET"


def embargo(day: date, time: str | None, lang: str) -> str:
    """The embargo line: "Julkaisuvapaa 4.10.2027 klo 9.00 Suomen aikaa", "Embargoed until
    4 October 2027 at 9:00 EEST" (the zone as it is on that date), or only the date."""
    if not time:
        return t(lang, "embargo_day", date=long_date(day, lang))
    return t(
        lang,
        "embargo_zone",
        date=long_date(day, lang),
        time=clock(time, lang),
        zone=helsinki_zone(day, time),
    )


# Words that make an English organisation name a common noun phrase, which takes "the" in
# running text ("given by the Finnish Customer Service Association").
_COMMON_NOUNS = {
    "academy", "agency", "alliance", "assembly", "association", "authority", "board",
    "bureau", "centre", "center", "chamber", "club", "coalition", "college", "commission",
    "committee", "confederation", "congress", "consortium", "council", "federation", "forum",
    "foundation", "fund", "guild", "institute", "league", "ministry", "network", "office",
    "organisation", "organization", "partnership", "school", "society", "trust", "union",
    "university",
}  # fmt: skip
# Endings of a registered company or association name: a proper name, no article.
_LEGAL_FORMS = {
    "ab", "abp", "ag", "co", "corp", "corporation", "gmbh", "inc", "llc", "llp", "ltd",
    "limited", "oy", "oyj", "plc", "ry", "rf", "sa", "sr",
}  # fmt: skip


def english_name(name: str) -> str:
    """An organisation's English name as running text uses it: "the Finnish Customer Service
    Association". The rule: a name that already starts with "the" is kept as written; a name
    ending in a legal form (Oy, Oyj, Ltd, Inc, ry, ...) is a proper name and takes no article;
    otherwise a name built on a common noun (Association, Federation, Network, Society,
    University, ...) takes "the"; any other name (e.g. "Wave") is a proper name as it is."""
    words = name.split()
    if not words or words[0].casefold() == "the":
        return name
    last = words[-1].strip(".,").casefold()
    if last in _LEGAL_FORMS:
        return name
    if any(w.strip(".,()").casefold() in _COMMON_NOUNS for w in words):
        return f"the {name}"
    return name
