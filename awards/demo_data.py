"""A fictional but realistic Finnish year for `awards demo`.

Every person and company here is invented; names are common Finnish first names and surnames
put together, and company names are made up. Everything is deterministic: the same call gives
the same data on every machine (hash-seeded generators, never the global random state).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from .models import Criterion

YEAR = 2026


@dataclass(frozen=True)
class DemoPerson:
    name: str
    email: str
    organization: str | None
    role: str  # chair | member | assessor


@dataclass(frozen=True)
class DemoOrganisationCandidate:
    name: str
    unit: str | None
    organization: str
    description: str


ORGANISER_PARAGRAPH_FI = (
    "Wave – Wakaru Asiakaspalveluverkosto on yli sadan asiakaspalvelusta välittävän "
    "organisaation verkosto. Palkinnot julkistetaan Asiakaspalveluviikolla."
)
ORGANISER_PARAGRAPH_EN = (
    "Wave (Wakaru Asiakaspalveluverkosto) is a network of more than 100 organisations that care "
    "about customer service. The awards are announced during Customer Service Week."
)

COMPANIES = [
    "Aava Pankki Oyj",
    "Kuusiston Energia Oy",
    "Revontuli Vakuutus Oy",
    "Sillankorva Telecom Oy",
    "Lumoa Verkkokauppa Oy",
    "Kaislan Terveyspalvelut Oy",
    "Vaahteramäen Sähkö Oy",
    "Pohjantähti Matkat Oy",
    "Hallatar IT-palvelut Oy",
    "Routa Logistiikka Oy",
]

TITLES = [
    "Asiakasneuvoja",
    "Asiakaspalveluneuvoja",
    "Palveluneuvoja",
    "Asiakasasiantuntija",
    "Myyntineuvoja",
    "Laskutusasiantuntija",
    "Tukiasiantuntija",
]

ADVISORS = [
    ("Sini Mäkelä", "Aava Pankki Oyj"),
    ("Jussi Korhonen", "Sillankorva Telecom Oy"),
    ("Aino Lindqvist", "Kaislan Terveyspalvelut Oy"),
    ("Eero Väisänen", "Kuusiston Energia Oy"),
    ("Päivi Heikkinen", "Revontuli Vakuutus Oy"),
    ("Tuomas Järvinen", "Lumoa Verkkokauppa Oy"),
    ("Riikka Salminen", "Pohjantähti Matkat Oy"),
    ("Olli Nieminen", "Routa Logistiikka Oy"),
    ("Hanna Söderström", "Vaahteramäen Sähkö Oy"),
    ("Mikko Laine", "Hallatar IT-palvelut Oy"),
    ("Katja Hämäläinen", "Aava Pankki Oyj"),
    ("Ville Koskinen", "Sillankorva Telecom Oy"),
    ("Laura Turunen", "Kaislan Terveyspalvelut Oy"),
    ("Antti Saarinen", "Kuusiston Energia Oy"),
    ("Minna Kinnunen", "Revontuli Vakuutus Oy"),
    ("Timo Heinonen", "Lumoa Verkkokauppa Oy"),
    ("Satu Lehtonen", "Pohjantähti Matkat Oy"),
    ("Jari Niemi", "Routa Logistiikka Oy"),
    ("Elina Salo", "Vaahteramäen Sähkö Oy"),
    ("Petri Mattila", "Hallatar IT-palvelut Oy"),
    ("Anu Rantanen", "Aava Pankki Oyj"),
    ("Marko Lahtinen", "Sillankorva Telecom Oy"),
    ("Johanna Ahonen", "Kaislan Terveyspalvelut Oy"),
    ("Kalle Hirvonen", "Kuusiston Energia Oy"),
    ("Tiina Karjalainen", "Revontuli Vakuutus Oy"),
    ("Sami Leinonen", "Lumoa Verkkokauppa Oy"),
    ("Noora Peltonen", "Pohjantähti Matkat Oy"),
    ("Juha Räsänen", "Routa Logistiikka Oy"),
    ("Emma Åberg", "Vaahteramäen Sähkö Oy"),
    ("Oskari Tuominen", "Hallatar IT-palvelut Oy"),
]

# (advisor index, extra nominations): the same advisor nominated by several customers.
REPEATED = {0: 4, 1: 2, 2: 3}
NAMESAKE = ("Sini Mäkelä", "Pohjantähti Matkat Oy")  # another person with the same name

CUSTOMERS = [
    "Marjatta Virtanen",
    "Heikki Lehto",
    "Kaisa Nurmi",
    "Pertti Aalto",
    "Leena Vuori",
    "Raimo Kallio",
    "Sanna Huttunen",
    "Jouni Mustonen",
    "Irmeli Koivisto",
    "Tapio Rinne",
    "Outi Manninen",
    "Esa Kettunen",
    "Helena Laitinen",
    "Arto Jokinen",
    "Maija Ojala",
    "Reijo Suominen",
    "Tuula Holmberg",
    "Kari Lindholm",
]

DEEDS = [
    "ratkaisi laskutussotkun, jota olin selvittänyt kuukausia, yhdellä puhelulla",
    "jaksoi kuunnella ja selittää uuden verkkopalvelun rauhallisesti vaiheittain",
    "soitti minulle itse takaisin, kun asia vaati selvittelyä, vaikka lupasi vain sähköpostin",
    "huomasi, että olin maksanut väärästä sopimuksesta, ja palautti rahat oma-aloitteisesti",
    "järjesti sähköt takaisin myrskyn jälkeen ja piti meidät ajan tasalla koko illan",
    "löysi perheellemme sopivamman vakuutuksen ja säästimme satoja euroja vuodessa",
    "auttoi iäkästä äitiäni ottamaan mobiilivarmenteen käyttöön kärsivällisesti",
    "pelasti ammattitaitoisella ja ystävällisellä käytöksellään meidän perheen päivän",
    "hoiti peruuntuneen lennon tilalle uuden reitin ja hotellin keskellä yötä",
    "selvitti kadonneen lähetyksen ja toimitti sen perille ennen juhlia",
]

TRAITS = [
    "Hän on aina iloinen ja aidosti läsnä.",
    "Tuntui, että asiani oli hänelle yhtä tärkeä kuin minulle.",
    "Hän kertoi selkeästi, mitä seuraavaksi tapahtuu, ja piti lupauksensa.",
    "Kollegat kertovat hänen auttavan myös uusia työntekijöitä perehtymään.",
    "Hän on kehittänyt tiimin ohjeita, joista on hyötyä kaikille asiakkaille.",
    "Harvoin saa näin asiantuntevaa ja lämmintä palvelua samalla kertaa.",
]

FEEDBACK = [
    "Paras asiakaspalvelukokemus vuosiin!",
    "Kiitos, että jaksoit – olit upea.",
    "Tällaista palvelua soisi jokaiselle.",
    "Suosittelen lämpimästi: 10/10.",
    "Ystävällinen, nopea ja osaava.",
    "",
]

COMMENTS = [
    "Vahva näyttö asiakkaiden palautteesta.",
    "Perustelut konkreettisia; esimerkit vakuuttavat.",
    "Erottuu kehittämisotteellaan.",
    "Työyhteisön tuki näkyy hyvin perusteluissa.",
    "Hyvä kohtaaminen, osaamisesta vähemmän näyttöä.",
    "Tasaisen vahva kokonaisuus.",
    "Asiakaslähtöisyys näkyy kaikessa.",
    "Ratkaisukyky poikkeuksellinen.",
]

ORGANISATIONS = {
    "service-desk": [
        ("IT-tuki", "Hallatar IT-palvelut Oy"),
        ("Palvelupiste", "Kuusiston Energia Oy"),
        ("Service Desk", "Aava Pankki Oyj"),
        ("Käyttäjätuki", "Kaislan Terveyspalvelut Oy"),
        ("Tukipalvelut", "Routa Logistiikka Oy"),
        ("Service Desk", "Sillankorva Telecom Oy"),
        ("Lähituki", "Vaahteramäen Sähkö Oy"),
        ("IT-palvelukeskus", "Pohjantähti Matkat Oy"),
    ],
    "customer-service": [
        ("Asiakaspalvelu", "Revontuli Vakuutus Oy"),
        ("Asiakaskeskus", "Lumoa Verkkokauppa Oy"),
        ("Asiakaspalvelu", "Vaahteramäen Sähkö Oy"),
        ("Palvelukeskus", "Aava Pankki Oyj"),
        ("Asiakaspalvelu", "Pohjantähti Matkat Oy"),
        ("Asiakastuki", "Sillankorva Telecom Oy"),
        ("Asiakaspalvelu", "Kaislan Terveyspalvelut Oy"),
        ("Kontaktikeskus", "Routa Logistiikka Oy"),
    ],
}

JURIES = {
    "customer-advisor": [
        ("Liisa Aaltonen", None, "chair"),
        ("Pekka Virtanen", "Revontuli Vakuutus Oy", "member"),
        ("Marja Koivisto", None, "member"),
        ("Janne Heikkilä", "Aava Pankki Oyj", "member"),
        ("Anneli Sundström", None, "member"),
        ("Tero Paavola", None, "member"),
    ],
    "service-desk": [
        ("Kirsi Lampinen", None, "chair"),
        ("Matti Oksanen", None, "assessor"),
        ("Heidi Valtonen", "Hallatar IT-palvelut Oy", "assessor"),
        ("Jukka Pulkkinen", None, "assessor"),
        ("Sofia Berg", None, "assessor"),
    ],
    "customer-service": [
        ("Raili Honkanen", None, "chair"),
        ("Mika Rautio", None, "assessor"),
        ("Niina Kauppinen", "Lumoa Verkkokauppa Oy", "assessor"),
        ("Ari Hakala", None, "assessor"),
        ("Eveliina Wikström", None, "assessor"),
    ],
}

# Who should come out on top, so the demo year has a story: a clear winner per award, a close
# race behind it, and one candidate the jurors disagree on.
FAVOURITES = {
    "customer-advisor": {
        "Sini Mäkelä, Aava Pankki": 0.93,
        "Aino Lindqvist": 0.86,
        "Jussi Korhonen": 0.85,
        "Eero Väisänen": 0.80,
    },
    "service-desk": {
        "Hallatar IT-palvelut Oy": 0.9,
        "Kuusiston Energia Oy": 0.83,
        "Kaislan Terveyspalvelut Oy": 0.82,
    },
    "customer-service": {
        "Revontuli Vakuutus Oy": 0.9,
        "Lumoa Verkkokauppa Oy": 0.84,
        "Aava Pankki Oyj": 0.83,
    },
}
CONTESTED = {
    "customer-advisor": "Eero Väisänen",
    "service-desk": "Palvelupiste",
    "customer-service": "Asiakaskeskus",
}


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _email(name: str, domain: str = "example.fi") -> str:
    table = str.maketrans("äöåéü", "aoaeu")
    return name.casefold().translate(table).replace(" ", ".") + "@" + domain


def advisor_nominations_rows() -> list[dict[str, str]]:
    rng = _rng("nominations", YEAR)
    entries: list[tuple[str, str]] = []
    for index, advisor in enumerate(ADVISORS):
        entries.extend([advisor] * (1 + REPEATED.get(index, 0)))
    entries.append(NAMESAKE)
    rng.shuffle(entries)
    rows = []
    for number, (name, company) in enumerate(entries):
        customer = CUSTOMERS[number % len(CUSTOMERS)]
        first = name.split()[0]
        deed = rng.choice(DEEDS)
        traits = " ".join(rng.sample(TRAITS, 2))
        reason = f"{first} {deed}. {traits}"
        if number % 5 == 0:
            reason += '\nHän sanoi: "Hoidetaan tämä yhdessä kuntoon; ei hätää."'
        day, month = 1 + (number * 7) % 28, 3 + number % 3
        # People type names with stray spaces; the tool folds them.
        shown = name if number % 7 else "  ".join(name.split())
        rows.append(
            {
                "Aikaleima": f"{day}.{month}.{YEAR} {8 + number % 10}.{(number * 13) % 60:02d}",
                "Ehdokas": shown,
                "Organisaatio": company,
                "Tehtävänimike": TITLES[(number + len(name)) % len(TITLES)],
                "Ehdottaja": customer,
                "Ehdottajan sähköposti": _email(customer, "example.com"),
                "Perustelut": reason,
                "Asiakaspalaute": FEEDBACK[number % len(FEEDBACK)],
            }
        )
    return rows


def advisor_nominations_csv() -> bytes:
    """The web form's export as Finnish Excel saves it: Windows-1252, ';', CRLF, quoted cells."""
    import csv
    import io

    rows = advisor_nominations_rows()
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=list(rows[0]),
        delimiter=";",
        lineterminator="\r\n",
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v.replace("\n", "\r\n") for k, v in row.items()})
    return buffer.getvalue().encode("cp1252")


def jury(category: str) -> list[DemoPerson]:
    return [
        DemoPerson(name, _email(name), organization, role)
        for name, organization, role in JURIES[category]
    ]


def declared_conflict(category: str) -> tuple[str, str, str]:
    """(juror email, nominee or organisation, reason)."""
    if category == "customer-advisor":
        return (_email("Marja Koivisto"), "Aino Lindqvist", "Entinen esihenkilö")
    if category == "service-desk":
        return (_email("Jukka Pulkkinen"), "Routa Logistiikka Oy", "Toimii yrityksen konsulttina")
    return (_email("Mika Rautio"), "Pohjantähti Matkat Oy", "Puoliso työskentelee yrityksessä")


def organisation_candidates(category: str) -> list[DemoOrganisationCandidate]:
    candidates = []
    for unit, organization in ORGANISATIONS[category]:
        rng = _rng(category, organization)
        channels = rng.choice(
            ["puhelin, chat ja sähköposti", "puhelin ja verkkolomake", "chat, puhelin ja etätuki"]
        )
        people = rng.randint(12, 85)
        description = (
            f"{unit} palvelee {'henkilöstöä' if category == 'service-desk' else 'asiakkaita'} "
            f"kanavissa {channels}. Tiimissä on {people} asiantuntijaa. Laatua seurataan "
            "kuukausittain asiakaspalautteella ja ratkaisuasteella."
        )
        candidates.append(DemoOrganisationCandidate(unit, unit, organization, description))
    return candidates


def _quality(category: str, nominee: str) -> float:
    favourites = FAVOURITES[category]
    for key, value in favourites.items():
        if key in nominee:
            return value
    return 0.45 + 0.3 * _rng("quality", category, nominee).random()


def score_for(
    category: str, nominee: str, juror_email: str, criterion: Criterion, round_kind: str
) -> float:
    """A plausible score on the criterion's step grid: the candidate's quality, a juror's
    strictness and a little noise; self-assessments run a little high."""
    quality = _quality(category, " ".join(nominee.split()))
    bias = (_rng("bias", juror_email).random() - 0.5) * 0.1
    noise = (_rng("noise", nominee, juror_email, criterion.key).random() - 0.5) * 0.12
    if round_kind == "self-assessment":
        bias = 0.07
    if CONTESTED[category] in nominee and juror_email and juror_email == jury(category)[1].email:
        bias -= 0.35  # one juror sees this candidate very differently
    share = min(1.0, max(0.0, quality + bias + noise))
    value = criterion.min + share * (criterion.max - criterion.min)
    if criterion.step:
        steps = round((value - criterion.min) / criterion.step)
        value = criterion.min + steps * criterion.step
    return float(min(criterion.max, max(criterion.min, value)))


def juror_comment(nominee: str, criterion_key: str, seed: int) -> str:
    return _rng("comment", nominee, criterion_key, seed).choice(COMMENTS)


def citation(
    category: str, place: str, nominee: str, lang: str, organization: str | None = None
) -> str:
    """The jury's citation. For an organisation award the subject is the unit of its
    organisation ("Aava Pankki Oyj:n Service Desk" / "the Service Desk of Aava Pankki Oyj")."""
    first = nominee.split()[0] if category == "customer-advisor" else nominee
    if category != "customer-advisor" and organization:
        first = f"{organization}:n {nominee}" if lang == "fi" else f"{nominee} of {organization}"
    if lang == "en":
        return {
            "winner": f"{first} shows what excellent customer service means in practice: "
            "listening, solving the customer's real problem and keeping promises. The jury "
            "was impressed by the consistent evidence from customers and colleagues alike.",
            "runner-up": f"{first} stood out with systematic development work and strong "
            "customer feedback.",
            "mention": f"The jury gives an honourable mention to {first} for a warm and "
            "determined way of serving customers.",
        }[place]
    return {
        "winner": f"{first} näyttää, mitä erinomainen asiakaspalvelu on käytännössä: "
        "kuuntelemista, asiakkaan todellisen ongelman ratkaisemista ja lupausten pitämistä. "
        "Tuomaristoa vakuutti asiakkaiden ja työyhteisön yhtenäinen ja konkreettinen palaute.",
        "runner-up": f"{first} erottui järjestelmällisellä kehittämistyöllä ja vahvalla "
        "asiakaspalautteella.",
        "mention": f"Tuomaristo antaa kunniamaininnan: {first} palvelee asiakkaita lämmöllä ja "
        "sinnikkyydellä.",
    }[place]
