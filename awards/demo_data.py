"""A fictional but realistic Finnish year 2026 for `awards demo`.

Every person and company here is invented: people are common Finnish first names and surnames
put together, companies are made-up names in the style of Finnish firms ("Aava Pankki Oyj",
"Kuusiston Energia Oy"). No real brand, authority or public figure is named.

Everything is pure and deterministic: functions return values and bytes, never touch files or
databases, and draw their randomness from generators seeded by a hash of their arguments (never
the global random state), so the same call gives the same data on every machine and run.

The scores tell a story (see `score_for`): a clear winner in each award, a close race for second
place, and one candidate on whom two jurors disagree noticeably.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from .models import Criterion

YEAR = 2026

HEADER: tuple[str, ...] = (
    "Aikaleima",
    "Ehdokas",
    "Organisaatio",
    "Tehtävänimike",
    "Ehdottaja",
    "Ehdottajan sähköposti",
    "Perustelut",
    "Asiakaspalaute",
)


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
    "Wave – Wakaru Asiakaspalveluverkosto on yli sadan asiakaspalvelusta välittävän suomalaisen "
    "organisaation verkosto, joka kehittää alaa ja jakaa hyviä käytäntöjä jäsentensä kesken. "
    "Se palkitsee vuosittain Vuoden Service Deskin, Vuoden Asiakaspalvelun ja Vuoden "
    "Asiakasneuvojan: organisaatiot arvioidaan itsearvioinnin ja ulkoisen arviointitiimin "
    "verifioinnin perusteella, ja asiakasneuvojan valitsee tuomaristo asiakkaiden ja "
    "työyhteisöjen ehdotuksista. Voittajat julkistetaan Asiakaspalveluviikolla, jota vietetään "
    "lokakuun ensimmäisellä kokonaisella viikolla ja jonka aikana organisaatiot kiittävät "
    "asiakaspalvelun ammattilaisiaan."
)
ORGANISER_PARAGRAPH_EN = (
    "Wave (Wakaru Asiakaspalveluverkosto) is a network of more than 100 Finnish organisations "
    "that care about customer service; it develops the profession and shares good practice "
    "among its members. Every year it recognises the Service Desk of the Year, the Customer "
    "Service of the Year and the Customer Advisor of the Year: organisations are judged on a "
    "self-assessment verified by an external assessment team, and the advisor is chosen by a "
    "jury from nominations made by customers and colleagues. The winners are announced during "
    "Customer Service Week (Asiakaspalveluviikko), the first full week of October, when "
    "organisations thank their customer service professionals."
)


# --------------------------------------------------------------------------------------------
# Organisations (all invented). Finnish genitive and English name for citations.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Org:
    name: str
    genitive_fi: str
    name_en: str


_ORGS: dict[str, _Org] = {
    org.name: org
    for org in (
        _Org("Aava Pankki Oyj", "Aava Pankki Oyj:n", "Aava Pankki Oyj"),
        _Org("Kuusiston Energia Oy", "Kuusiston Energia Oy:n", "Kuusiston Energia Oy"),
        _Org("Revontuli Vakuutus Oy", "Revontuli Vakuutus Oy:n", "Revontuli Vakuutus Oy"),
        _Org("Sillankorva Telecom Oy", "Sillankorva Telecom Oy:n", "Sillankorva Telecom Oy"),
        _Org(
            "Hopeaharju Verkkokauppa Oy",
            "Hopeaharju Verkkokauppa Oy:n",
            "Hopeaharju Verkkokauppa Oy",
        ),
        _Org("Kaislikon Terveys Oy", "Kaislikon Terveys Oy:n", "Kaislikon Terveys Oy"),
        _Org("Vaahteramäen Sähkö Oy", "Vaahteramäen Sähkö Oy:n", "Vaahteramäen Sähkö Oy"),
        _Org("Lokkiluodon Matkat Oy", "Lokkiluodon Matkat Oy:n", "Lokkiluodon Matkat Oy"),
        _Org(
            "Haapaniemen Datapalvelut Oy",
            "Haapaniemen Datapalvelut Oy:n",
            "Haapaniemen Datapalvelut Oy",
        ),
        _Org(
            "Tervasaaren Logistiikka Oy",
            "Tervasaaren Logistiikka Oy:n",
            "Tervasaaren Logistiikka Oy",
        ),
        _Org("Kalliorinteen Vesi Oy", "Kalliorinteen Vesi Oy:n", "Kalliorinteen Vesi Oy"),
        _Org(
            "Karhuvaaran Kodintekniikka Oy",
            "Karhuvaaran Kodintekniikka Oy:n",
            "Karhuvaaran Kodintekniikka Oy",
        ),
        _Org(
            "Kotilaituri Vuokra-asunnot Oy",
            "Kotilaituri Vuokra-asunnot Oy:n",
            "Kotilaituri Vuokra-asunnot Oy",
        ),
        _Org("Tunturisoft Oy", "Tunturisoft Oy:n", "Tunturisoft Oy"),
        _Org("Järvenkylän kaupunki", "Järvenkylän kaupungin", "the City of Järvenkylä"),
        _Org(
            "Pohjoisrannan hyvinvointialue",
            "Pohjoisrannan hyvinvointialueen",
            "the Pohjoisranta Wellbeing Services County",
        ),
        _Org(
            "Harjulan ammattikorkeakoulu",
            "Harjulan ammattikorkeakoulun",
            "Harjula University of Applied Sciences",
        ),
    )
}

_LEGAL_SUFFIXES = frozenset({"oy", "oyj", "ab", "abp", "ltd", "ry", "ky", "tmi", "ay"})


def _fold(text: str) -> str:
    """Case-, spacing- and diacritics-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _org_key(text: str | None) -> str:
    words = _fold((text or "").replace(",", " ").replace(".", " ")).split()
    while len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _email(name: str, domain: str) -> str:
    local = _fold(name).replace(" ", ".").replace("'", "")
    return f"{local}@{domain}"


def _org_genitive_fi(organization: str) -> str:
    known = {_org_key(o.name): o for o in _ORGS.values()}.get(_org_key(organization))
    if known:
        return known.genitive_fi
    return f"{organization}:n" if _org_key(organization) != _fold(organization) else organization


def _org_en(organization: str) -> str:
    known = {_org_key(o.name): o for o in _ORGS.values()}.get(_org_key(organization))
    return known.name_en if known else organization


# --------------------------------------------------------------------------------------------
# Customer Advisor of the Year: advisors and their nominations
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Advisor:
    key: str
    name: str
    organization: str
    title: str
    quality: float  # latent share of the scale the jury sees in this advisor (0–1)
    merit_fi: str
    merit_en: str


_ADVISORS: dict[str, _Advisor] = {
    a.key: a
    for a in (
        _Advisor(
            "sini",
            "Sini Mäkelä",
            "Aava Pankki Oyj",
            "asiakasneuvoja",
            0.91,
            "Hän opasti surevia omaisia kuolinpesän pankkiasioissa vaihe vaiheelta, auttoi "
            "82-vuotiaan asiakkaan mobiilipankin käyttäjäksi ja kokosi muistilistan, joka "
            "lyhensi koko asiakaspalvelun käsittelyaikoja noin viidenneksellä.",
            "She guided grieving families through an estate's banking step by step, helped an "
            "82-year-old customer start using mobile banking and wrote a checklist that cut "
            "handling times across the whole customer service by about a fifth.",
        ),
        _Advisor(
            "jussi",
            "Jussi Korhonen",
            "Sillankorva Telecom Oy",
            "asiakaspalveluneuvoja",
            0.83,
            "Hän ei tyydy vakiovastaukseen: hän jäljitti laajakaistan katkokset talojakamoon "
            "asti ja pysyi linjalla koko perjantai-illan, kun pienyrityksen numerot siirtyivät.",
            "He never settles for a stock answer: he traced a family's broadband drop-outs to "
            "the building's distribution box and stayed on the line all Friday evening while a "
            "small business moved its numbers.",
        ),
        _Advisor(
            "aino",
            "Aino Lindqvist",
            "Kaislikon Terveys Oy",
            "palveluneuvoja",
            0.825,
            "Hän löysi kipeälle lapselle ajan viikonlopun yli ja huomasi asiakkaan "
            "vakuutusturvan, joka säästi tältä yli 600 euroa.",
            "She found a weekend appointment for a sick child and spotted insurance cover that "
            "saved a customer more than 600 euros.",
        ),
        _Advisor(
            "eero",
            "Eero Väisänen",
            "Kuusiston Energia Oy",
            "asiakasasiantuntija",
            0.80,
            "Hän laski taloyhtiön hallitukselle sähkösopimusten vaihtoehdot todellisen "
            "kulutuksen pohjalta ja opasti ensimmäiseen kotiinsa muuttaneen asiakkaan "
            "kärsivällisesti alkuun.",
            "He worked out a housing company's electricity options from its real consumption "
            "and patiently helped a first-time tenant get started.",
        ),
        _Advisor(
            "sini-matkat",
            "Sini Mäkelä",
            "Lokkiluodon Matkat Oy",
            "matkaneuvoja",
            0.58,
            "Hän järjesti perheelle uudet lennot ja hotellin ennen kuin perhe ehti jonoon.",
            "She rebooked a family's flights and hotel before they had even reached the queue.",
        ),
        _Advisor(
            "katja",
            "Katja Hämäläinen",
            "Revontuli Vakuutus Oy",
            "vahinkokäsittelijä",
            0.76,
            "Hän ohjasi jouluaaton vesivahingon kärsineen perheen rauhallisesti päivystävälle "
            "kuivausliikkeelle, ja korvauspäätös syntyi viikossa.",
            "She calmly guided a family through a water leak on Christmas Eve, and the claim "
            "was settled within a week.",
        ),
        _Advisor(
            "ville",
            "Ville Koskinen",
            "Sillankorva Telecom Oy",
            "tekninen tukihenkilö",
            0.62,
            "Hän siirsi iäkkään asiakkaan yhteystiedot ja kuvat uuteen puhelimeen etäyhteydellä.",
            "He moved an elderly customer's contacts and photos to a new phone remotely.",
        ),
        _Advisor(
            "laura",
            "Laura Turunen",
            "Hopeaharju Verkkokauppa Oy",
            "asiakaspalveluneuvoja",
            0.66,
            "Hän toimitti rikkoutuneen lahjapyörän tilalle uuden ennen syntymäpäivää.",
            "She had a broken birthday bicycle replaced before the birthday.",
        ),
        _Advisor(
            "antti",
            "Antti Saarinen",
            "Vaahteramäen Sähkö Oy",
            "asiakasneuvoja",
            0.68,
            "Hän piti myrskyn jälkeen yhteyttä sähköttä jääneisiin iäkkäisiin asiakkaisiin.",
            "He kept in touch with elderly customers left without power after a storm.",
        ),
        _Advisor(
            "minna",
            "Minna Kinnunen",
            "Järvenkylän kaupunki",
            "palveluneuvoja",
            0.57,
            "Hän kirjasi asukkaan pysäköintihakemuksen käsin, kun verkkolomake ei toiminut.",
            "She entered a resident's parking application by hand when the web form failed.",
        ),
        _Advisor(
            "tommi",
            "Tommi Heikkinen",
            "Tervasaaren Logistiikka Oy",
            "asiakaspalvelija",
            0.61,
            "Hän jäljitti kadonneen juhlapaketin väärästä terminaalista perille ajoissa.",
            "He tracked a lost parcel down to the wrong terminal and delivered it in time.",
        ),
        _Advisor(
            "satu",
            "Satu Lehtonen",
            "Lokkiluodon Matkat Oy",
            "matkaneuvoja",
            0.64,
            "Hän suunnitteli pyörätuolia käyttävälle asiakkaalle esteettömän kaupunkiloman.",
            "She planned an accessible city break for a customer who uses a wheelchair.",
        ),
        _Advisor(
            "jari",
            "Jari Niemi",
            "Kalliorinteen Vesi Oy",
            "asiakasneuvoja",
            0.55,
            "Hän auttoi asiakasta löytämään vesivuodon ja tasasi suuren laskun erissä.",
            "He helped a customer find a leak and split a large bill into instalments.",
        ),
        _Advisor(
            "marika",
            "Marika Pelkonen",
            "Pohjoisrannan hyvinvointialue",
            "palveluohjaaja",
            0.75,
            "Hän kokosi muistisairaan äidin kotihoidon ja omaishoidon tuen hakemukset yhteen, "
            "niin ettei perhe jäänyt yksin.",
            "She brought together the home-care and carer's-allowance applications for a "
            "mother with dementia, so that the family was never left alone.",
        ),
        _Advisor(
            "petri",
            "Petri Mattila",
            "Haapaniemen Datapalvelut Oy",
            "tukiasiantuntija",
            0.67,
            "Hän palautti tilitoimiston kaatuneen palvelimen yön aikana kesken kauden sulun.",
            "He restored an accounting firm's crashed server overnight in the middle of closing.",
        ),
        _Advisor(
            "anu",
            "Anu Rantanen",
            "Aava Pankki Oyj",
            "asiakasneuvoja",
            0.70,
            "Hän pilotoi takaisinsoittomallin, joka puolitti jonotusajat.",
            "She piloted a call-back model that halved queueing times.",
        ),
        _Advisor(
            "marko",
            "Marko Lahtinen",
            "Karhuvaaran Kodintekniikka Oy",
            "huoltoneuvoja",
            0.56,
            "Hän tunnisti sarjavian ja järjesti korjauksen maksutta takuun jälkeenkin.",
            "He recognised a known fault and arranged a free repair after the warranty.",
        ),
        _Advisor(
            "johanna",
            "Johanna Ahonen",
            "Kotilaituri Vuokra-asunnot Oy",
            "asukasneuvoja",
            0.63,
            "Hän sovitteli vuoden kestäneen naapuririidan yhteisillä pelisäännöillä.",
            "She settled a year-long dispute between neighbours with shared ground rules.",
        ),
        _Advisor(
            "kalle",
            "Kalle Hirvonen",
            "Kuusiston Energia Oy",
            "laskutusasiantuntija",
            0.65,
            "Hän selvitti kymmenen toimipisteen sekaisin menneen laskutuksen kahdessa viikossa.",
            "He untangled the billing of ten business sites in two weeks.",
        ),
        _Advisor(
            "tiina",
            "Tiina Karjalainen",
            "Revontuli Vakuutus Oy",
            "asiakasneuvoja",
            0.58,
            "Hän huomasi päällekkäisen kotivakuutuksen ja palautti maksut oma-aloitteisesti.",
            "She spotted a duplicate home insurance and refunded it on her own initiative.",
        ),
        _Advisor(
            "sami",
            "Sami Leinonen",
            "Tunturisoft Oy",
            "asiakastuen asiantuntija",
            0.60,
            "Hän teki asiakkaalle käyttöönoton avuksi omat ohjevideot.",
            "He recorded how-to videos tailored to a customer's rollout.",
        ),
        _Advisor(
            "noora",
            "Noora Peltonen",
            "Hopeaharju Verkkokauppa Oy",
            "chat-asiakaspalvelija",
            0.59,
            "Hän osui chatissa oikeaan kenkäkokoon ensimmäisellä kerralla.",
            "She found the right running shoes over chat at the first attempt.",
        ),
        _Advisor(
            "juha",
            "Juha Pesonen",
            "Vaahteramäen Sähkö Oy",
            "vikapäivystäjä",
            0.69,
            "Hän ohjasi yöllä savuavan sähkökeskuksen äärellä olleen asiakkaan turvaan.",
            "He talked a customer safely through a smoking fuse box in the middle of the night.",
        ),
        _Advisor(
            "emma",
            "Emma Åberg",
            "Kaislikon Terveys Oy",
            "asiakaspalvelusihteeri",
            0.57,
            "Hän ratkaisi ulkomaisen vakuutusyhtiön laskutuksen kolmella kielellä.",
            "She sorted out a foreign insurer's billing, in three languages.",
        ),
        _Advisor(
            "oskari",
            "Oskari Tuominen",
            "Sillankorva Telecom Oy",
            "myyntineuvoja",
            0.54,
            "Hän suositteli asiakkaalle edullisempaa liittymää kuin tämä oli tullut ostamaan.",
            "He recommended a cheaper plan than the one the customer came to buy.",
        ),
        _Advisor(
            "heli",
            "Heli Karppinen",
            "Järvenkylän kaupunki",
            "asiakasneuvoja",
            0.62,
            "Hän opasti Suomeen muuttaneen perheen päivähoitohakemuksen läpi selkokielellä.",
            "She guided a newly arrived family through a daycare application in plain language.",
        ),
        _Advisor(
            "tuomas",
            "Tuomas Järvinen",
            "Pohjoisrannan hyvinvointialue",
            "palveluneuvoja",
            0.53,
            "Hän varasi oikean vastaanottoajan yhdellä puhelulla neljän turhan jälkeen.",
            "He booked the right appointment in one call after four wasted ones.",
        ),
        _Advisor(
            "riikka",
            "Riikka Salminen",
            "Karhuvaaran Kodintekniikka Oy",
            "asiakaspalveluneuvoja",
            0.52,
            "Hän piti takaisinsoittolupauksensa minuutilleen ja sai myöhästyneen toimituksen "
            "perille.",
            "She called back on the minute she promised and got a late delivery through.",
        ),
        _Advisor(
            "olli",
            "Olli Nieminen",
            "Tervasaaren Logistiikka Oy",
            "asiakaspalveluneuvoja",
            0.66,
            "Hän uudisti reklamaatioiden käsittelyn, ja käsittelyaika lyheni 11 päivästä neljään.",
            "He redesigned claims handling, cutting the handling time from 11 days to four.",
        ),
        _Advisor(
            "hanna",
            "Hanna Söderström",
            "Kotilaituri Vuokra-asunnot Oy",
            "asiakaspalvelusihteeri",
            0.60,
            "Hän hoiti lesken vuokrasopimuksen siirron lämmöllä ja kiireettä.",
            "She transferred a widow's tenancy with warmth and without haste.",
        ),
        _Advisor(
            "mikko",
            "Mikko Laine",
            "Haapaniemen Datapalvelut Oy",
            "service desk -asiantuntija",
            0.72,
            "Hän kirjoitti yli 120 ohjeartikkelia, joiden avulla asiakkaat ratkaisevat joka "
            "neljännen ongelman itse.",
            "He wrote more than 120 knowledge articles that let customers solve one problem in "
            "four themselves.",
        ),
        _Advisor(
            "pirjo",
            "Pirjo Kauppila",
            "Lokkiluodon Matkat Oy",
            "ryhmämatkaneuvoja",
            0.61,
            "Hän pelasti 42 hengen ryhmämatkan, kun laiva peruttiin.",
            "She rescued a group trip for 42 people when their ferry was cancelled.",
        ),
    )
}


@dataclass(frozen=True)
class _Nomination:
    submitted: str  # d.m.yyyy h.mm, as Finnish Excel shows a timestamp
    advisor: str  # key into _ADVISORS
    nominator: str
    reason: str
    feedback: str = ""
    title: str | None = None  # what the nominator typed; None: the advisor's own title
    shown_name: str | None = None  # how the nominator typed the name, when not as usual
    shown_org: str | None = None
    colleague: bool = False  # nominated by the employer or a colleague (work email)


_NOMINATIONS: tuple[_Nomination, ...] = (
    # Sini Mäkelä, Aava Pankki Oyj: five nominations, the year's clearest story.
    _Nomination(
        "4.3.2026 9.12",
        "sini",
        "Marjatta Virtanen",
        "Isäni kuoli yllättäen tammikuussa, enkä tiennyt, mistä aloittaa kuolinpesän "
        "pankkiasioiden hoitamisen. Sini kävi kanssani puhelimessa läpi jokaisen vaiheen; hän "
        "teki listan tarvittavista asiakirjoista ja lähetti sen vielä sähköpostilla.\n"
        "Viikon päästä hän soitti itse perään ja varmisti, että tilit oli saatu pesän nimiin.",
        "En olisi selvinnyt ilman häntä. Kiitos, Sini!",
    ),
    _Nomination(
        "19.3.2026 21.47",
        "sini",
        "Heikki Lehto",
        "Verkkopankkitunnukseni lukittuivat ulkomaanmatkalla, ja olin jumissa Málagassa ilman "
        "pääsyä tililleni. Sini vahvisti henkilöllisyyteni, avasi tunnukset ja neuvoi, miten "
        "kortin käyttörajat nostetaan sovelluksesta.\n"
        "Kaikki hoitui vartissa, vaikka olin itse aivan paniikissa.",
        "Sini pelasti ammattitaitoisella ja ystävällisellä käytöksellään meidän perheen päivän.",
        title="asiakaspalvelija",
    ),
    _Nomination(
        "2.4.2026 10.05",
        "sini",
        "Pertti Aalto",
        "Olen 82-vuotias enkä ollut koskaan käyttänyt mobiilisovellusta. Sini neuvoi minua "
        "kolmessa eri puhelussa ottamaan sovelluksen käyttöön; hän ei hoputtanut kertaakaan. "
        "Lopuksi hän kirjoitti ohjeet isolla fontilla ja postitti ne minulle.",
        "Nyt maksan laskuni itse, ja lapsenlapset ovat ihmeissään.",
        title="",
        shown_org="Aava Pankki",
    ),
    _Nomination(
        "15.4.2026 13.30",
        "sini",
        "Riitta Salonen",
        "Sini on tiimimme kokenein neuvoja, ja hän perehdytti tänä keväänä viisi uutta "
        "kollegaa. Hän kokosi yleisimmistä kuolinpesäasioista selkeän muistilistan, joka on nyt "
        "koko asiakaspalvelun käytössä; käsittelyajat lyhenivät sen ansiosta noin "
        "viidenneksellä.\n\n"
        "Asiakaspalautteen keskiarvo hänen puheluistaan on 4,9/5.",
        colleague=True,
    ),
    _Nomination(
        "6.5.2026 7.58",
        "sini",
        "Jouni Mustonen",
        "Pienen leipomon yrittäjänä tarvitsin nopeasti rahoitusta uuteen uuniin, kun vanha "
        "hajosi kesken sesongin. Sini selvitti vaihtoehdot samana päivänä ja järjesti minulle "
        "ajan yritysasiantuntijalle jo seuraavaksi aamuksi. Hän kysyi vielä jälkikäteen, "
        'saimmeko uunin ajoissa "pullapäivään" – saimme!',
        "Asiantunteva, lämmin ja nopea.",
        title="",
    ),
    # Jussi Korhonen, Sillankorva Telecom Oy: three nominations, once typed with a double space.
    _Nomination(
        "9.3.2026 18.22",
        "jussi",
        "Kaisa Nurmi",
        "Kotimme laajakaista pätki viikkoja, ja olin jo kolmesti soittanut asiasta turhaan. "
        "Jussi ei tyytynyt vakiovastaukseen vaan kävi yhteyden lokit läpi ja huomasi, että vika "
        "oli talojakamossa; hän tilasi asentajan ja soitti minulle itse, kun työ oli tehty.",
        "Vihdoin joku, joka oikeasti selvitti asian!",
    ),
    _Nomination(
        "27.3.2026 12.41",
        "jussi",
        "Leena Vuori",
        "Isoäitini liittymä oli siirtynyt kalliimpaan hinnoitteluun ilman, että hän oli sitä "
        "ymmärtänyt. Jussi huomasi asian, vaihtoi sopivamman liittymän ja hyvitti kolmen "
        "kuukauden erotuksen. Hän puhui mummolle selkeästi ja kunnioittavasti; mummo kehui "
        "häntä koko illan.",
        title="asiakaspalvelu",
    ),
    _Nomination(
        "22.4.2026 16.09",
        "jussi",
        "Raimo Kallio",
        "Pienyrityksemme kaikki puhelinnumerot piti siirtää uudelle operaattorille perjantaina "
        "kello 16 jälkeen. Jussi jäi linjalle koko siirron ajaksi; hän testasi jokaisen "
        "numeron kanssamme ja varmisti, että asiakkaamme tavoittavat meidät maanantaina.\n"
        '"Ei hätää, hoidetaan tämä yhdessä kuntoon" – juuri niin hän sanoi ja teki.',
        "Suosittelen lämpimästi: 10/10.",
        shown_name="Jussi  Korhonen",
    ),
    # Aino Lindqvist, Kaislikon Terveys Oy: two nominations (and a juror's declared conflict).
    _Nomination(
        "14.3.2026 8.36",
        "aino",
        "Sanna Huttunen",
        "Lapseni sai korvatulehduksen lauantai-iltana, eikä mistään löytynyt aikaa. Aino löysi "
        "meille peruutusajan seuraavaksi aamuksi toisesta toimipisteestä ja neuvoi, miten kipua "
        "voi lievittää yön yli. Aamulla hän vielä soitti ja muistutti ajasta.",
        "Tunsin, että meistä välitettiin aidosti.",
    ),
    _Nomination(
        "11.5.2026 14.52",
        "aino",
        "Irmeli Kokko",
        "Aino huomasi ajanvarauksen yhteydessä, että vakuutukseni kattaisi fysioterapian, jota "
        "olin aikonut maksaa itse. Hän selvitti maksusitoumuksen puolestani ja lähetti tiedot "
        "suoraan vakuutusyhtiölle; säästin yli 600 euroa.",
        "Osaava ja huomaavainen – kiitos!",
        title="ajanvaraus",
    ),
    # Eero Väisänen, Kuusiston Energia Oy: two nominations, once typed in lower case.
    _Nomination(
        "23.3.2026 19.15",
        "eero",
        "Tapio Rinne",
        "Eero auttoi taloyhtiötämme vertailemaan sähkösopimuksia, kun vanha sopimus oli "
        "päättymässä. Hän laski kolme vaihtoehtoa todellisen kulutuksemme perusteella ja "
        "selitti kiinteän ja pörssisähkön erot niin, että hallitus ymmärsi ne ensimmäisellä "
        "kerralla. Päätös syntyi yhdessä kokouksessa.",
    ),
    _Nomination(
        "29.4.2026 22.03",
        "eero",
        "Outi Manninen",
        "Muutin ensimmäiseen omaan asuntooni enkä tiennyt, että sähkösopimus pitää tehdä itse. "
        "Eero teki sopimuksen puhelimessa, siirsi alkamispäivän avainten luovutukseen ja neuvoi "
        "vielä, miten kulutusta seurataan sovelluksesta. Hän oli kärsivällinen, vaikka kysyin "
        "kaiken kahteen kertaan.",
        "Ihana asiakaspalvelija!!",
        title="",
        shown_name="eero väisänen",
        shown_org="Kuusiston energia",
    ),
    # A namesake: another Sini Mäkelä, at a travel agency. A different person.
    _Nomination(
        "17.4.2026 11.26",
        "sini-matkat",
        "Esa Kettunen",
        "Lentomme Kreikkaan peruttiin lakon takia, ja olimme kentällä kolmen pienen lapsen "
        "kanssa. Sini varasi meille uudet lennot seuraavalle päivälle ja hotellin kentän "
        "läheltä; kaikki oli valmiina ennen kuin ehdimme jonoon.",
        "Loma pelastui Sinin ansiosta.",
    ),
    # One nomination each.
    _Nomination(
        "5.3.2026 15.40",
        "katja",
        "Helena Laitinen",
        "Kylpyhuoneeseemme tuli vesivahinko jouluaattona. Katja ohjasi meidät heti "
        "päivystävälle kuivausliikkeelle, kertoi mitä kannattaa valokuvata ja teki "
        "vahinkoilmoituksen kanssamme puhelimessa. Korvauspäätös tuli viikossa.",
        "Asiallinen ja rauhallinen – juuri sitä tarvitsimme.",
    ),
    _Nomination(
        "7.3.2026 10.18",
        "ville",
        "Arto Jokinen",
        "Ville opasti iäkkään isäni ottamaan uuden älypuhelimen käyttöön etäyhteydellä. Hän "
        "siirsi yhteystiedot ja kuvat vanhasta puhelimesta, ja isä soitti videopuhelun "
        "lapsenlapsilleen jo samana iltana.",
        "Kärsivällinen ja selkeä.",
        title="",
    ),
    _Nomination(
        "11.3.2026 20.02",
        "laura",
        "Maija Ojala",
        "Tilasin lahjaksi polkupyörän, joka saapui rikkinäisenä kaksi päivää ennen "
        "syntymäpäivää. Laura järjesti uuden pyörän kuljetuksen seuraavaksi päiväksi ja "
        "vanhalle noudon samalla kertaa; pahoittelu tuntui aidolta eikä kopioidulta.",
        "Paras asiakaspalvelukokemus vuosiin!",
    ),
    _Nomination(
        "16.3.2026 7.45",
        "antti",
        "Reijo Suominen",
        "Myrsky katkaisi sähköt kylästämme kahdeksi vuorokaudeksi. Antti soitti 90-vuotiaalle "
        "äidilleni itse, kertoi arvioidun korjausajan ja soitti uudelleen, kun aikataulu "
        "muuttui. Hän varmisti myös, että äidin turvapuhelin toimi varavirralla.",
        title="",
    ),
    _Nomination(
        "18.3.2026 12.14",
        "minna",
        "Tuula Holmberg",
        "Muutin takaisin Ruotsista, eikä asukaspysäköinnin verkkolomake hyväksynyt auton "
        "ulkomaista rekisterikilpeä. Minna selvitti asian teknisen tuen kanssa ja kirjasi "
        "hakemuksen käsin; sain tunnuksen samana päivänä.",
        "Kiitos, että jaksoit – olit upea.",
        title="palveluneuvoja, asiointipiste",
    ),
    _Nomination(
        "21.3.2026 9.57",
        "tommi",
        "Merja Hakkarainen",
        "Tommi jäljitti kadonneen lähetyksen, jossa olivat tyttäreni ylioppilasjuhlien "
        "koristeet. Hän löysi paketin väärästä terminaalista ja järjesti sen perille "
        "lauantaiaamuksi; jokaisesta vaiheesta tuli tekstiviesti.",
        "Juhlat pelastuivat!",
        title="",
    ),
    _Nomination(
        "25.3.2026 17.33",
        "satu",
        "Ilkka Pitkänen",
        "Satu suunnitteli pyörätuolilla liikkuvalle vaimolleni esteettömän kaupunkiloman "
        "Wieniin. Hän tarkisti hotellin hissit ja kylpyhuoneen mitat soittamalla hotelliin "
        "itse, ja kaikki vastasi lupausta.",
        "Ensimmäinen matka vuosiin ilman ikäviä yllätyksiä.",
    ),
    _Nomination(
        "30.3.2026 8.11",
        "jari",
        "Sirpa Vainio",
        "Vesilaskumme oli yhtäkkiä nelinkertainen. Jari epäili heti vuotoa ja neuvoi, miten "
        "vesimittarin lukemaa seurataan yön yli; vuoto löytyi wc-istuimesta. Hän tasasi "
        "laskun kuuteen erään ilman, että edes pyysin.",
        "Ystävällinen, nopea ja osaava.",
        title="",
    ),
    _Nomination(
        "1.4.2026 14.26",
        "marika",
        "Jorma Kivelä",
        "Äitini sairastui muistisairauteen, ja me lapset olimme aivan neuvottomia. Marika "
        "kokosi kotihoidon, omaishoidon tuen ja asumispalvelun hakemukset yhteen ja selitti, "
        "mitä kukin tarkoittaa.\n"
        "Hän soitti kuukauden ajan joka viikko ja kysyi, miten jaksamme; ensimmäistä kertaa "
        "tunsimme, ettei meitä jätetty yksin.",
        "Hän kuunteli ja ymmärsi.",
    ),
    _Nomination(
        "3.4.2026 6.52",
        "petri",
        "Pauliina Rissanen",
        "Tilitoimistomme palvelin kaatui keskellä arvonlisäverokauden sulkemista. Petri "
        "palautti varmuuskopiot yön aikana ja raportoi tilanteesta tunnin välein; aamulla "
        "kaikki toimi ja asiakkaidemme ilmoitukset lähtivät ajallaan.",
    ),
    _Nomination(
        "8.4.2026 15.03",
        "anu",
        "Jenni Koivula",
        "Anu on tiimimme kehittäjä: hän ehdotti, että soitamme asiakkaille takaisin sen "
        "sijaan, että he jonottavat, ja pilotoi mallin itse. Jonotusajat puolittuivat, ja malli "
        "otettiin syksyllä käyttöön koko asiakaspalvelussa.",
        colleague=True,
    ),
    _Nomination(
        "9.4.2026 19.48",
        "marko",
        "Markku Keränen",
        "Astianpesukoneemme takuu oli päättynyt kaksi viikkoa aiemmin. Marko tunnisti vian "
        "tunnetuksi sarjaviaksi ja järjesti korjauksen maksutta, vaikka emme osanneet sitä "
        "edes pyytää.",
        "Tällaista palvelua soisi jokaiselle.",
        title="",
    ),
    _Nomination(
        "13.4.2026 11.37",
        "johanna",
        "Eija Hiltunen",
        "Johanna ratkaisi naapuririidan, joka oli kiristänyt rappukäytävän tunnelmaa vuoden. "
        "Hän kuunteli molempia osapuolia, järjesti yhteisen tapaamisen ja kirjasi selkeät "
        "pelisäännöt; nyt tervehdimme taas toisiamme.",
    ),
    _Nomination(
        "14.4.2026 9.08",
        "kalle",
        "Ismo Laakso",
        "Yritysjärjestelyn jälkeen kymmenen toimipisteemme sähkölaskut menivät sekaisin. Kalle "
        "kokosi kaiken yhteen taulukkoon, korjasi laskutusosoitteet ja hyvitti päällekkäiset "
        "perusmaksut.\n"
        "Työ, jota olimme pelänneet kuukausia, hoitui kahdessa viikossa.",
        "Asiantuntija, joka oikeasti ratkaisee.",
    ),
    _Nomination(
        "16.4.2026 20.55",
        "tiina",
        "Susanna Kangas",
        "Tiina huomasi vakuutuksiamme läpikäydessään, että meillä oli sama kotivakuutus "
        "kahteen kertaan: toinen oli jäänyt voimaan vanhasta asunnosta. Hän päätti turhan "
        "vakuutuksen ja palautti maksut takautuvasti.",
        "Rehellistä palvelua!",
        title="",
    ),
    _Nomination(
        "20.4.2026 13.19",
        "sami",
        "Veikko Mäkinen",
        "Otimme taloushallinnon ohjelmiston käyttöön kesken tilikauden. Sami teki meille kolme "
        'lyhyttä ohjevideota juuri meidän tarpeisiimme – "jotta kenenkään ei tarvitse muistaa '
        'kaikkea" – ja nyt koko henkilöstö osaa käyttää järjestelmää.',
    ),
    _Nomination(
        "23.4.2026 21.12",
        "noora",
        "Terhi Lundqvist",
        "Noora auttoi chatissa valitsemaan oikeat juoksukengät, kun olin jo palauttanut kaksi "
        "paria. Hän kysyi tarkkoja kysymyksiä lestin leveydestä ja juoksumatkoistani ja osui "
        "oikeaan ensimmäisellä kerralla.",
        "Chat voi olla lämmin, kun toisessa päässä on Noora.",
        title="chat",
    ),
    _Nomination(
        "24.4.2026 6.31",
        "juha",
        "Erkki Partanen",
        "Juha vastasi puheluuni keskellä yötä, kun sähkökeskuksesta nousi savua. Hän ohjasi "
        "minua rauhallisesti katkaisemaan virran pääkytkimestä, hälytti asentajan ja pysyi "
        "linjalla, kunnes apu tuli.",
        "Rauhallinen ääni, joka ei hätäile.",
        title="",
    ),
    _Nomination(
        "28.4.2026 10.44",
        "emma",
        "Annika Sjöberg",
        "Emma palvelee suomeksi, ruotsiksi ja englanniksi, ja hän jaksoi selvittää ulkomaisen "
        "vakuutusyhtiöni laskutuksen, jota kukaan muu ei ollut saanut ratkaistua. Hän soitti "
        "vakuutusyhtiöön puolestani; asia ratkesi yhdellä puhelulla.",
        "Tack så mycket, Emma!",
    ),
    _Nomination(
        "30.4.2026 16.27",
        "oskari",
        "Lasse Harju",
        "Oskari suositteli minulle edullisempaa liittymää kuin sitä, jota olin tullut "
        "ostamaan, koska käytän dataa vähän. Harvoin myyjä ajattelee asiakkaan etua ennen "
        "omaa myyntiään.",
        "Luotan häneen jatkossakin.",
        title="myyjä",
    ),
    _Nomination(
        "4.5.2026 12.02",
        "heli",
        "Mariam Yusuf",
        "Olin juuri muuttanut Suomeen enkä ymmärtänyt päivähoitohakemusta. Heli puhui "
        "selkokieltä, piirsi aikataulun paperille ja kävi lomakkeen kanssani läpi rivi "
        "riviltä. Lapseni aloitti päiväkodissa kuukauden kuluttua.",
        "Kiitos Heli, olet hyvä ihminen.",
        title="",
    ),
    _Nomination(
        "7.5.2026 8.49",
        "tuomas",
        "Marjut Kärkkäinen",
        "Olin soittanut jo neljään eri numeroon saadakseni polveni tutkittua. Tuomas ohjasi "
        "minut oikealle lääkärille, varasi ajan puolestani ja lähetti vahvistuksen "
        "tekstiviestinä.",
        "Yksi puhelu riitti.",
    ),
    _Nomination(
        "8.5.2026 17.16",
        "riikka",
        "Pasi Miettinen",
        "Jääkaappimme toimitus oli myöhästynyt kolme kertaa. Riikka lupasi soittaa takaisin "
        "kello 14 – ja soitti minuutilleen; jääkaappi tuli seuraavana päivänä ja "
        "toimitusmaksu hyvitettiin.",
        title="",
    ),
    _Nomination(
        "12.5.2026 9.34",
        "olli",
        "Harri Lindroos",
        "Olli rakensi tiimillemme uuden tavan käsitellä reklamaatioita: jokainen tapaus saa "
        "vastuuhenkilön, ja asiakas kuulee tilanteesta viimeistään kahden päivän päästä. "
        "Reklamaatioiden käsittelyaika lyheni 11 päivästä neljään.\n\n"
        "Hän tekee tämän kaiken oman asiakastyönsä ohessa.",
        colleague=True,
    ),
    _Nomination(
        "14.5.2026 14.08",
        "hanna",
        "Hilkka Tolvanen",
        "Hanna hoiti vuokrasopimuksemme siirron minun nimiini, kun mieheni kuoli. Hän teki "
        "kaiken yhdellä käynnillä ja antoi aikaa; en kertaakaan tuntenut olevani vaivaksi.",
        "Lämmin ja ammattitaitoinen.",
        title="",
    ),
    _Nomination(
        "19.5.2026 11.50",
        "mikko",
        "Tuija Nyström",
        "Mikko on tiimimme tietopankki. Hän kirjoitti viime vuonna yli 120 ohjeartikkelia, ja "
        "niiden ansiosta asiakkaat ratkaisevat nyt joka neljännen ongelman itse; uudet "
        "kollegat kysyvät aina ensin Mikolta, ja hän ehtii aina.",
        colleague=True,
    ),
    _Nomination(
        "27.5.2026 18.40",
        "pirjo",
        "Kari Lindholm",
        "Pirjo järjesti eläkeläisyhdistyksellemme 42 hengen teatterimatkan Tallinnaan. Kun "
        "laiva peruttiin, hän varasi koko ryhmälle paikat seuraavaan laivaan ja sopi teatterin "
        "kanssa, että pääsemme väliajan jälkeiseen osaan; kukaan ei jäänyt rannalle.",
        "Pirjo on kullanarvoinen.",
    ),
)


def _submitted(nomination: _Nomination) -> datetime:
    day, time = nomination.submitted.split()
    d, m, y = (int(part) for part in day.split("."))
    hh, mm = (int(part) for part in time.split("."))
    return datetime(y, m, d, hh, mm)


def advisor_nominations_rows() -> list[dict[str, str]]:
    """The web form's rows, oldest first, keyed by the Finnish header (line breaks as '\\n')."""
    rows = []
    for n in sorted(_NOMINATIONS, key=_submitted):
        advisor = _ADVISORS[n.advisor]
        domain = "example.fi" if n.colleague else "example.com"
        rows.append(
            {
                "Aikaleima": n.submitted,
                "Ehdokas": n.shown_name or advisor.name,
                "Organisaatio": n.shown_org or advisor.organization,
                "Tehtävänimike": advisor.title if n.title is None else n.title,
                "Ehdottaja": n.nominator,
                "Ehdottajan sähköposti": _email(n.nominator, domain),
                "Perustelut": n.reason,
                "Asiakaspalaute": n.feedback,
            }
        )
    return rows


def advisor_nominations_csv() -> bytes:
    """The web form's export as Finnish Excel saves it: Windows-1252, ';' separators, CRLF
    line ends, cells quoted only when they hold ';', '"' or a line break (which Excel keeps
    as a bare LF inside the quotes)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for row in advisor_nominations_rows():
        writer.writerow([row[column] for column in HEADER])
    return buffer.getvalue().encode("cp1252")


def nominations_per_advisor() -> dict[tuple[str, str], int]:
    """(advisor's name, organisation) -> how many nominations they got."""
    counts: dict[tuple[str, str], int] = {}
    for n in _NOMINATIONS:
        advisor = _ADVISORS[n.advisor]
        key = (advisor.name, advisor.organization)
        counts[key] = counts.get(key, 0) + 1
    return counts


# --------------------------------------------------------------------------------------------
# Organisation awards: candidates
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    unit: str
    unit_en: str
    organization: str
    quality: float
    self_bias: float  # how much higher the unit rates itself than the assessors do
    description: str
    merit_fi: str
    merit_en: str


_UNITS: dict[str, tuple[_Unit, ...]] = {
    "service-desk": (
        _Unit(
            "IT Service Desk",
            "IT Service Desk",
            "Haapaniemen Datapalvelut Oy",
            0.86,
            0.04,
            "IT Service Desk palvelee 140 asiakasyrityksen noin 9 000 käyttäjää puhelimessa, "
            "chatissa ja itsepalveluportaalissa ympäri vuorokauden. Tiimissä on 38 "
            "asiantuntijaa. Vuonna 2025 ensikontaktiratkaisujen osuus nousi 71 prosentista 83 "
            "prosenttiin, kun tietämyskanta uudistettiin yhdessä asiakkaiden kanssa.",
            "Tietämyskannan uudistus nosti ensikontaktiratkaisujen osuuden 71 prosentista 83 "
            "prosenttiin, ja asiakkaat osallistuivat työhön alusta asti.",
            "Rebuilding the knowledge base with its customers raised first-contact resolution "
            "from 71 to 83 per cent.",
        ),
        _Unit(
            "Digituki",
            "Digituki IT support",
            "Järvenkylän kaupunki",
            0.775,
            0.09,
            "Digituki vastaa kaupungin 6 500 työntekijän IT-tuesta kouluissa, päiväkodeissa ja "
            "virastoissa. 24 tukihenkilöä palvelee puhelimessa, chatissa ja lähitukena "
            "kahdeksassa toimipisteessä. Vuoden aikana kaikki koulut siirtyivät uuteen "
            "oppimisympäristöön ilman yhtään menetettyä koulupäivää.",
            "Kaikkien koulujen siirto uuteen oppimisympäristöön onnistui ilman yhtään "
            "menetettyä koulupäivää.",
            "Every school moved to a new learning platform without losing a single school day.",
        ),
        _Unit(
            "ICT-palvelupiste",
            "ICT service point",
            "Pohjoisrannan hyvinvointialue",
            0.77,
            0.06,
            "ICT-palvelupiste tukee 11 000 sosiaali- ja terveydenhuollon ammattilaista ympäri "
            "vuorokauden. Potilastietojärjestelmän häiriöt käsitellään omassa jonossaan, ja "
            "kriittisiin tiketteihin vastataan keskimäärin neljässä minuutissa.",
            "Kriittisiin potilastyön häiriöihin vastataan keskimäärin neljässä minuutissa "
            "vuorokauden ympäri.",
            "Critical incidents affecting patient care are answered in four minutes on average, "
            "around the clock.",
        ),
        _Unit(
            "Asiakastuki",
            "customer support",
            "Tunturisoft Oy",
            0.72,
            0.11,
            "Asiakastuki auttaa 22 000 pk-yrityksen käyttäjää taloushallinnon ohjelmiston "
            "kanssa puhelimessa, chatissa ja etätuella. 19 tukiasiantuntijaa kirjoittaa "
            "jokaisesta uudesta ongelmasta ohjeen, ja tuotekehitys käy palautteet läpi "
            "viikoittain.",
            "Jokaisesta uudesta ongelmasta syntyy ohje, ja tuotekehitys käy asiakaspalautteen "
            "läpi joka viikko.",
            "Every new problem becomes a help article, and product development reviews customer "
            "feedback every week.",
        ),
        _Unit(
            "Service Desk",
            "Service Desk",
            "Aava Pankki Oyj",
            0.68,
            0.08,
            "Pankin sisäinen Service Desk palvelee 2 300 työntekijää konttoreissa, "
            "asiakaspalvelukeskuksessa ja etätyössä. 16 asiantuntijaa hoitaa myös "
            "tunnistautumisen ja käyttöoikeudet, joiden käsittelyaika lyheni vuodessa kolmesta "
            "päivästä neljään tuntiin.",
            "Käyttöoikeuksien käsittelyaika lyheni vuodessa kolmesta päivästä neljään tuntiin.",
            "Access requests now take four hours instead of three days.",
        ),
        _Unit(
            "IT-tuki",
            "IT support",
            "Tervasaaren Logistiikka Oy",
            0.62,
            0.13,
            "IT-tuki palvelee 1 800 käyttäjää 14 terminaalissa ja kuljettajien "
            "mobiililaitteilla aamuneljästä iltakymmeneen. Tiimi uusi vuoden aikana "
            "laitevaihdon prosessin, ja rikkoutunut käsipääte vaihtuu nyt seuraavaan vuoroon "
            "mennessä.",
            "Rikkoutunut käsipääte vaihtuu nyt seuraavaan työvuoroon mennessä.",
            "A broken handheld is now replaced before the next shift.",
        ),
        _Unit(
            "IT-palvelupiste",
            "IT service point",
            "Harjulan ammattikorkeakoulu",
            0.60,
            0.10,
            "IT-palvelupiste palvelee 9 500 opiskelijaa ja 700 työntekijää kolmella kampuksella "
            "sekä verkossa. Lukukauden alun ruuhkaan vastataan opiskelija-avustajilla ja "
            "videoilla, joita katsottiin viime syksynä yli 30 000 kertaa.",
            "Lukukauden alun ohjevideoita katsottiin yli 30 000 kertaa.",
            "Its start-of-term videos were watched more than 30,000 times.",
        ),
        _Unit(
            "Yritysasiakkaiden Service Desk",
            "business Service Desk",
            "Sillankorva Telecom Oy",
            0.64,
            0.07,
            "Yritysasiakkaiden Service Desk hoitaa 3 200 yritysasiakkaan verkko-, "
            "puhelin- ja pilvipalveluiden häiriöt. 27 asiantuntijaa seuraa jokaisen "
            "asiakkaan palvelutasoa omalta näkymältään, ja suurimmat asiakkaat saavat "
            "kuukausittaisen laaturaportin.",
            "Suurimmat asiakkaat saavat kuukausittain oman laaturaporttinsa.",
            "Its largest customers receive a monthly quality report of their own.",
        ),
    ),
    "customer-service": (
        _Unit(
            "Asiakaspalvelu",
            "customer service",
            "Revontuli Vakuutus Oy",
            0.87,
            0.05,
            "Asiakaspalvelussa 120 asiantuntijaa palvelee yksityis- ja yritysasiakkaita "
            "puhelimessa, chatissa ja videoneuvotteluissa. Vahinkoilmoituksista 60 prosenttia "
            "ratkaistaan nyt ensimmäisessä yhteydenotossa, ja asiakkaiden suositteluhalukkuus "
            "(NPS) nousi vuodessa 41:stä 58:aan.",
            "Vahinkoilmoituksista kuusi kymmenestä ratkaistaan ensimmäisessä yhteydenotossa, "
            "ja suositteluhalukkuus nousi vuodessa 41:stä 58:aan.",
            "Six claims in ten are now settled in the first contact, and the net promoter "
            "score rose from 41 to 58 in a year.",
        ),
        _Unit(
            "Asiakaspalvelu",
            "customer service",
            "Hopeaharju Verkkokauppa Oy",
            0.785,
            0.08,
            "Verkkokaupan asiakaspalvelu hoitaa 45 hengen voimin noin 400 000 yhteydenottoa "
            "vuodessa chatissa, sähköpostissa ja puhelimessa. Palautukset käsitellään kahdessa "
            "arkipäivässä, ja chatin keskimääräinen jonotusaika on alle minuutin.",
            "Palautukset käsitellään kahdessa arkipäivässä, ja chattiin pääsee alle minuutissa.",
            "Returns are handled in two working days, and chat answers in under a minute.",
        ),
        _Unit(
            "Asiakaspalvelu",
            "customer service",
            "Vaahteramäen Sähkö Oy",
            0.792,
            0.06,
            "Sähköverkkoyhtiön asiakaspalvelu palvelee 160 000 asiakasta. 34 neuvojaa "
            "päivystää myrskyjen aikana vuorokauden ympäri, ja keskeytyksistä kerrotaan "
            "tekstiviestillä jokaiselle asiakkaalle. Tammikuun myrskyssä kaikkiin "
            "yli 75-vuotiaisiin sähköttä jääneisiin asiakkaisiin otettiin yhteyttä.",
            "Tammikuun myrskyssä jokaiseen sähköttä jääneeseen iäkkääseen asiakkaaseen otettiin "
            "henkilökohtaisesti yhteyttä.",
            "In January's storm every elderly customer left without power was contacted "
            "personally.",
        ),
        _Unit(
            "Asiakaspalvelukeskus",
            "customer service centre",
            "Kuusiston Energia Oy",
            0.74,
            0.12,
            "Asiakaspalvelukeskuksessa 58 asiantuntijaa neuvoo sähkö- ja kaukolämpöasiakkaita "
            "sopimuksissa, laskutuksessa ja energiansäästössä. Keskus otti vuoden aikana "
            "käyttöön takaisinsoiton ja energianeuvonnan etätapaamiset.",
            "Etätapaamisissa annettu energianeuvonta tavoitti vuoden aikana tuhansia "
            "kotitalouksia.",
            "Its online energy advice sessions reached thousands of households during the year.",
        ),
        _Unit(
            "Asiakaspalvelu",
            "customer service",
            "Lokkiluodon Matkat Oy",
            0.66,
            0.09,
            "Matkatoimiston asiakaspalvelu palvelee matkustajia ennen matkaa, sen aikana ja "
            "sen jälkeen. 22 matkaneuvojaa päivystää kohteiden häiriötilanteissa "
            "vuorokauden ympäri, ja ryhmämatkoille on oma palvelutiiminsä.",
            "Matkustajat saavat apua vuorokauden ympäri myös kohteiden häiriötilanteissa.",
            "Travellers get help around the clock, also when things go wrong at the destination.",
        ),
        _Unit(
            "Kuluttaja-asiakaspalvelu",
            "consumer customer service",
            "Sillankorva Telecom Oy",
            0.63,
            0.10,
            "Kuluttaja-asiakaspalvelussa 210 neuvojaa auttaa liittymissä, laitteissa ja "
            "laajakaistan vikatilanteissa. Vuoden aikana vikailmoitusten seuranta siirtyi "
            "asiakkaan nähtäväksi sovellukseen.",
            "Asiakas näkee nyt vikailmoituksensa etenemisen sovelluksesta.",
            "Customers now follow their fault reports in the app.",
        ),
        _Unit(
            "Ajanvaraus ja asiakaspalvelu",
            "appointments and customer service",
            "Kaislikon Terveys Oy",
            0.67,
            0.07,
            "Ajanvaraus ja asiakaspalvelu hoitaa 18 lääkärikeskuksen ajanvaraukset ja "
            "laskutuskysymykset. 40 palveluneuvojaa ohjaa asiakkaan oikealle ammattilaiselle, "
            "ja peruutusajat tarjotaan jonossa oleville automaattisesti.",
            "Peruutusajat tarjotaan jonossa oleville automaattisesti, ja asiakas ohjataan "
            "kerralla oikealle ammattilaiselle.",
            "Cancelled slots are offered to waiting customers automatically, and customers "
            "reach the right professional first time.",
        ),
        _Unit(
            "Asukaspalvelu",
            "resident services",
            "Kotilaituri Vuokra-asunnot Oy",
            0.58,
            0.11,
            "Asukaspalvelu palvelee 14 000 vuokra-asunnon asukkaita vuokrasopimuksissa, "
            "huoltopyynnöissä ja naapuruusasioissa. Vuoden aikana otettiin käyttöön "
            "asukasilta-malli, jossa asukasneuvojat tapaavat asukkaita heidän omassa talossaan.",
            "Asukasneuvojat tapaavat asukkaita nyt heidän omissa taloissaan.",
            "Its advisers now meet residents in their own buildings.",
        ),
    ),
}


def organisation_candidates(category: str) -> list[DemoOrganisationCandidate]:
    """The eight competing units of an organisation award (service-desk, customer-service)."""
    return [
        DemoOrganisationCandidate(u.unit, u.unit, u.organization, u.description)
        for u in _UNITS[category]
    ]


# --------------------------------------------------------------------------------------------
# Juries and conflicts
# --------------------------------------------------------------------------------------------

# (name, organisation, role, email domain). A juror whose organisation is a candidate's is in
# conflict automatically: Pekka Hyvönen (Revontuli Vakuutus) for two advisors, Tero Paavola
# (Tunturisoft) for one, Heidi Valtonen (Aava Pankki) and Niina Kauppinen (Hopeaharju
# Verkkokauppa) for one unit each.
_JURIES: dict[str, tuple[tuple[str, str | None, str, str], ...]] = {
    "customer-advisor": (
        ("Liisa Aaltonen", "Wakaru Asiakaspalveluverkosto", "chair", "example.fi"),
        ("Pekka Hyvönen", "Revontuli Vakuutus Oy", "member", "example.fi"),
        ("Marja Koivisto", "Kaarnan Asiakaskokemus Oy", "member", "example.com"),
        ("Janne Heikkilä", "Harjulan ammattikorkeakoulu", "member", "example.fi"),
        ("Anneli Sundström", None, "member", "example.com"),
        ("Tero Paavola", "Tunturisoft Oy", "member", "example.fi"),
    ),
    "service-desk": (
        ("Kirsi Lampinen", "Wakaru Asiakaspalveluverkosto", "chair", "example.fi"),
        ("Matti Oksanen", "Kaarnan Asiakaskokemus Oy", "assessor", "example.com"),
        ("Heidi Valtonen", "Aava Pankki Oyj", "assessor", "example.fi"),
        ("Jukka Pulkkinen", None, "assessor", "example.com"),
        ("Sofia Berg", "Harjulan ammattikorkeakoulu", "assessor", "example.fi"),
        ("Arja Nyman", None, "assessor", "example.fi"),
    ),
    "customer-service": (
        ("Raili Honkanen", "Wakaru Asiakaspalveluverkosto", "chair", "example.fi"),
        ("Mika Rautio", None, "assessor", "example.com"),
        ("Niina Kauppinen", "Hopeaharju Verkkokauppa Oy", "assessor", "example.fi"),
        ("Ari Hakala", "Kaarnan Asiakaskokemus Oy", "assessor", "example.com"),
        ("Eveliina Wikström", None, "assessor", "example.fi"),
        ("Jouko Rantala", None, "assessor", "example.fi"),
    ),
}


def jury(category: str) -> list[DemoPerson]:
    """The jury of one award: six people, exactly one chair, unique example.fi/.com emails."""
    return [
        DemoPerson(name, _email(name, domain), organization, role)
        for name, organization, role, domain in _JURIES[category]
    ]


def _juror_email(category: str, name: str) -> str:
    return next(p.email for p in jury(category) if p.name == name)


def declared_conflict(category: str) -> tuple[str, str, str]:
    """(juror email, nominee or organisation to conflict with, reason in Finnish)."""
    if category == "customer-advisor":
        return (
            _juror_email(category, "Marja Koivisto"),
            "Aino Lindqvist",
            "Toimi ehdokkaan esihenkilönä Kaislikon Terveydessä vuoteen 2024 asti.",
        )
    if category == "service-desk":
        return (
            _juror_email(category, "Jukka Pulkkinen"),
            "Tervasaaren Logistiikka Oy",
            "Toimii yhtiön IT-palveluhankinnan konsulttina.",
        )
    return (
        _juror_email(category, "Mika Rautio"),
        "Lokkiluodon Matkat Oy",
        "Puoliso työskentelee yhtiön asiakaspalvelun esihenkilönä.",
    )


# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------

# One juror sees a candidate much better, another much worse than the rest of the jury:
# (candidate key, generous juror, strict juror).
_DISAGREEMENTS: dict[str, tuple[str, str, str]] = {
    "customer-advisor": ("eero", "Janne Heikkilä", "Pekka Hyvönen"),
    "service-desk": ("tunturisoft", "Matti Oksanen", "Sofia Berg"),
    "customer-service": ("kuusiston energia", "Eveliina Wikström", "Ari Hakala"),
}
_GENEROUS, _STRICT = 0.09, -0.27

# Known in advance from the qualities above: who wins, and which two are in a close race.
EXPECTED_WINNERS: dict[str, str] = {
    "customer-advisor": "Sini Mäkelä",
    "service-desk": "Haapaniemen Datapalvelut Oy",
    "customer-service": "Revontuli Vakuutus Oy",
}


def _rng(*parts: object) -> random.Random:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def _split(nominee: str) -> tuple[str, str]:
    """'Sini Mäkelä, Aava Pankki Oyj' -> ('sini makela', 'aava pankki'); the organisation part
    is optional."""
    name, _, organization = nominee.partition(",")
    return _fold(name), _org_key(organization)


@dataclass(frozen=True)
class _Profile:
    key: str  # stable identity for seeding
    quality: float
    self_bias: float


def _profile(category: str, nominee: str) -> _Profile:
    name, organization = _split(nominee)
    if category == "customer-advisor":
        matches = [a for a in _ADVISORS.values() if _fold(a.name) == name]
        exact = [a for a in matches if _org_key(a.organization) == organization]
        if exact or matches:
            chosen = (exact or matches)[0]
            return _Profile(chosen.key, chosen.quality, 0.08)
    else:
        units = _UNITS.get(category, ())
        for unit in units:
            org = _org_key(unit.organization)
            if organization == org or (not organization and name == org):
                return _Profile(org, unit.quality, unit.self_bias)
        named = [u for u in units if _fold(u.unit) == name]
        if len(named) == 1:
            return _Profile(_org_key(named[0].organization), named[0].quality, named[0].self_bias)
    key = f"{name}|{organization}"
    rng = _rng("unknown", category, key)
    return _Profile(key, 0.45 + 0.25 * rng.random(), 0.04 + 0.08 * rng.random())


def _quality(category: str, nominee: str) -> float:
    return _profile(category, nominee).quality


def score_for(
    category: str, nominee: str, juror_email: str, criterion: Criterion, round_kind: str
) -> float:
    """A plausible score on `criterion`'s grid, the same for the same arguments every time.

    `nominee` is the candidate's name, optionally followed by ", organisation" (the way
    `awards demo` passes it; needed to tell the two Sini Mäkeläs apart). The share of the
    scale is the candidate's latent quality, plus the candidate's own profile across the
    criteria, plus a juror's strictness and a little noise per juror and criterion; in a
    self-assessment round (`round_kind` "self-assessment", `juror_email` may be empty) the
    candidate's optimism replaces the juror's strictness, so self-assessed values run higher
    than verified ones. The result is snapped to the criterion's step grid within min–max.
    """
    profile = _profile(category, nominee)
    share = profile.quality
    share += (_rng("profile", category, profile.key, criterion.key).random() - 0.5) * 0.08
    if round_kind == "self-assessment":
        share += profile.self_bias
        share += (_rng("self", category, profile.key, criterion.key).random() - 0.5) * 0.06
    else:
        juror = juror_email.strip().casefold()
        share += (_rng("strictness", juror).random() - 0.5) * 0.08
        share += (_rng("noise", category, profile.key, juror, criterion.key).random() - 0.5) * 0.1
        contested = _DISAGREEMENTS.get(category)
        if contested and profile.key == contested[0]:
            if juror == _juror_email(category, contested[1]):
                share += _GENEROUS
            elif juror == _juror_email(category, contested[2]):
                share += _STRICT
    return _snap(criterion, share)


def _snap(criterion: Criterion, share: float) -> float:
    """The value at `share` of the criterion's scale, on its step grid (two decimals when the
    scale has no step)."""
    span = criterion.max - criterion.min
    share = min(1.0, max(0.0, share))
    if criterion.step:
        steps = min(round(share * span / criterion.step), int(span / criterion.step + 1e-9))
        value = round(criterion.min + steps * criterion.step, 10)
    else:
        value = round(criterion.min + share * span, 2)
    return float(min(criterion.max, max(criterion.min, value)))


# --------------------------------------------------------------------------------------------
# Jurors' comments
# --------------------------------------------------------------------------------------------

_ADVISOR_KEYS = frozenset({"encounter", "solutions", "feedback", "teamwork", "development"})

_ADVISOR_COMMENTS: dict[str, tuple[str, ...]] = {
    "strong": (
        "Poikkeuksellisen vahva ehdokas: useampi asiakas kertoo samasta asiasta omin sanoin.",
        "{first} ratkaisee asian loppuun asti eikä jätä asiakasta odottamaan.",
        "Esimerkit ovat konkreettisia ja koskettavia; läsnäolo näkyy jokaisessa.",
        "Asiakaspalautteen näyttö on vakuuttava, ja työyhteisö tukee samaa kuvaa.",
        "Erottuu sekä kohtaamisessa että kehittämisessä – harvinainen yhdistelmä.",
        "Tässä on ammattilainen, jonka jokainen toivoisi langan toiseen päähän.",
    ),
    "good": (
        "Hyvä ja lämmin kohtaaminen; kehittämisestä ehdotuksessa vähemmän näyttöä.",
        "{first} osaa asiansa, mutta esimerkkejä on vain yksi.",
        "Vahva ratkaisukyky. Työyhteisön näkökulma jää perusteluissa ohueksi.",
        "Perustelut ovat uskottavia, ja asiakkaan kiitollisuus välittyy hyvin.",
        "Tasaisen hyvä kokonaisuus ilman selvää erottuvaa tekijää.",
        "Hieno teko, joka kertoo oma-aloitteisuudesta.",
    ),
    "modest": (
        "Ystävällistä palvelua, mutta perustelut jäävät yleiselle tasolle.",
        "Yksittäinen onnistunut tilanne; laajempaa näyttöä ei ole.",
        "Hyvä peruspalvelu – odotettua, ei vielä poikkeuksellista.",
        "Asiakaspalautetta on niukasti, joten arvio jää varovaiseksi.",
        "{first} hoiti asian hyvin, mutta ehdotuksesta ei selviä, mikä erottaa muista.",
    ),
}
_ADVISOR_CRITERION_COMMENTS: dict[str, str] = {
    "encounter": "Kuuntelee ja on läsnä; asiakas tuntee tulleensa kohdatuksi.",
    "solutions": "Selvittää tarpeen tarkasti ja löytää ratkaisun, jota asiakas ei osannut pyytää.",
    "feedback": "Asiakkaiden omat sanat kertovat enemmän kuin mikään mittari.",
    "teamwork": "Kollegat mainitaan: osaaminen leviää koko tiimiin.",
    "development": "Ehdotuksessa näkyy halu parantaa työtapoja, ei vain hoitaa yksittäistä asiaa.",
}
_ORGANISATION_COMMENTS: dict[str, tuple[str, ...]] = {
    "strong": (
        "Johdonmukainen laatutyö: tavoitteet, mittarit ja parannukset kytkeytyvät toisiinsa.",
        "Tulokset ovat erinomaiset ja trendi on nouseva kolmen vuoden ajalta.",
        "Itsearviointi on realistinen, ja haastattelut vahvistivat sen havainnot.",
        "Henkilöstö tuntee tavoitteet ja osallistuu kehittämiseen aidosti.",
        "Asiakaspalaute ohjaa kehittämistä näkyvästi; esimerkit ovat vakuuttavia.",
    ),
    "good": (
        "Hyvät käytännöt, mutta tulosten vertailu muihin jää vähäiseksi.",
        "Prosessit ovat kunnossa; asiakaspalautteen hyödyntäminen on vielä satunnaista.",
        "Johtamisen suunta on selvä. Mittareita on paljon, tavoitetasoja vähemmän.",
        "Itsearviointi on hieman arvioitua optimistisempi, erityisesti tuloksissa.",
        "Sidosryhmäyhteistyö on hyvää; resurssien suunnittelu vaatii vielä työtä.",
    ),
    "modest": (
        "Kehittämistyö on alkuvaiheessa, ja tuloksia on vasta vähän näytettäväksi.",
        "Itsearviointi on selvästi verifioitua korkeampi; näyttöä kannattaa koota enemmän.",
        "Hyviä yksittäisiä tekoja, mutta systemaattisuus puuttuu vielä.",
        "Tulosmittarit puuttuvat osin, joten trendiä on vaikea arvioida.",
    ),
}


def juror_comment(nominee: str, criterion_key: str, seed: int) -> str:
    """A short Finnish remark a juror writes beside the scores: praise for strong candidates,
    a development point for weaker ones. The same arguments always give the same remark."""
    advisor = criterion_key in _ADVISOR_KEYS
    if advisor:
        quality = _quality("customer-advisor", nominee)
    else:
        _, organization = _split(nominee)
        known = [
            u.quality
            for units in _UNITS.values()
            for u in units
            if _org_key(u.organization) == organization
        ]
        quality = known[0] if known else _quality("service-desk", nominee)
    tier = "strong" if quality >= 0.78 else "good" if quality >= 0.62 else "modest"
    pool = list((_ADVISOR_COMMENTS if advisor else _ORGANISATION_COMMENTS)[tier])
    if advisor and tier != "modest" and criterion_key in _ADVISOR_CRITERION_COMMENTS:
        pool.append(_ADVISOR_CRITERION_COMMENTS[criterion_key])
    first = nominee.partition(",")[0].split()[0] if nominee.strip() else "Ehdokas"
    return _rng("comment", nominee, criterion_key, seed).choice(pool).format(first=first)


# --------------------------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------------------------

_COUNT_FI = {2: "kaksi", 3: "kolme", 4: "neljä", 5: "viisi", 6: "kuusi"}
_COUNT_EN = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def citation(
    category: str, place: str, nominee: str, lang: str, organization: str | None = None
) -> str:
    """The jury's citation for a winner, runner-up or mention ("winner" | "runner-up" |
    "mention"), in Finnish ("fi") or English ("en"): 2–4 sentences naming concrete merits.

    `nominee` is the advisor's name or the unit's name; give `organization` (or write
    "name, organisation") to tell namesakes and same-named units apart."""
    if place not in ("winner", "runner-up", "mention"):
        raise ValueError(f"unknown place {place!r}: use winner, runner-up or mention")
    if organization and "," not in nominee:
        nominee = f"{nominee}, {organization}"
    if category == "customer-advisor":
        return _advisor_citation(place, nominee, lang)
    return _unit_citation(category, place, nominee, lang)


def _advisor_citation(place: str, nominee: str, lang: str) -> str:
    name, _, org_part = (p.strip() for p in nominee.partition(","))
    profile = _profile("customer-advisor", nominee)
    advisor = _ADVISORS.get(profile.key)
    name = " ".join(name.split()) or "Ehdokas"
    organization = advisor.organization if advisor else org_part
    count = nominations_per_advisor().get((advisor.name, advisor.organization), 1) if advisor else 1
    fi = lang != "en"
    if advisor:
        merit = advisor.merit_fi if fi else advisor.merit_en
    else:
        merit = (
            "Ehdotus kertoo konkreettisesti, miten hän ratkaisi asiakkaan ongelman loppuun asti."
            if fi
            else "The nomination shows concretely how the advisor saw a customer's problem "
            "through to the end."
        )
    title = advisor.title.lower() if advisor else ("asiakasneuvoja" if fi else "customer advisor")
    where_fi = f"{_org_genitive_fi(organization)} {title}" if organization else title
    where_en = f"a {_title_en(title)} at {_org_en(organization)}" if organization else ""
    if fi:
        evidence = (
            f"Hänet ehdotettiin palkinnon saajaksi {_COUNT_FI.get(count, str(count))} kertaa "
            "toisistaan riippumatta, ja jokainen ehdotus kertoo samasta: hän kuuntelee, "
            "selvittää asian loppuun ja pitää lupauksensa."
            if count > 1
            else "Ehdotus kertoo tavasta, jolla hän kuuntelee, selvittää asian loppuun ja "
            "pitää lupauksensa."
        )
        return {
            "winner": f"{name}, {where_fi}, tekee erinomaisesta asiakaspalvelusta arkea. "
            f"{merit} {evidence} Tuomaristo pitää häntä esikuvana koko alalle.",
            "runner-up": f"{name}, {where_fi}, sijoittui kilpailussa toiseksi. {merit} "
            "Tuomaristo arvostaa hänen sinnikkyyttään ja aitoa välittämistään asiakkaista.",
            "mention": f"Tuomaristo antaa kunniamaininnan: {name}, {where_fi}. {merit} "
            "Hänen esimerkkinsä osoittaa, että yksi ihminen voi muuttaa asiakkaan koko päivän.",
        }[place]
    who = f"{name}, {where_en}," if where_en else f"{name}"
    evidence = (
        f"The advisor was nominated {_COUNT_EN.get(count, str(count))} times, independently, "
        "and every nomination tells the same story: listening, seeing the matter through and "
        "keeping promises."
        if count > 1
        else "The nomination describes an advisor who listens, sees the matter through and "
        "keeps promises."
    )
    return {
        "winner": f"{who} makes excellent customer service an everyday practice. {merit} "
        f"{evidence} The jury regards this advisor as an example to the whole profession.",
        "runner-up": f"{who} is the runner-up of the competition. {merit} The jury values "
        "the perseverance and genuine care for customers behind this work.",
        "mention": f"The jury gives an honourable mention to {who.rstrip(',')}. {merit} "
        "This example shows that one person can change a customer's whole day.",
    }[place]


_TITLES_EN = {
    "asiakasneuvoja": "customer advisor",
    "asiakaspalveluneuvoja": "customer service advisor",
    "palveluneuvoja": "service advisor",
    "asiakasasiantuntija": "customer specialist",
    "matkaneuvoja": "travel advisor",
    "vahinkokäsittelijä": "claims handler",
    "palveluohjaaja": "service coordinator",
    "tukiasiantuntija": "support specialist",
    "service desk -asiantuntija": "service desk specialist",
    "laskutusasiantuntija": "billing specialist",
    "vikapäivystäjä": "fault service advisor",
    "asukasneuvoja": "resident advisor",
}


def _title_en(title_fi: str) -> str:
    return _TITLES_EN.get(title_fi, "customer advisor")


_GENERIC_UNITS_FI = frozenset(
    {
        "Asiakaspalvelu",
        "Asiakastuki",
        "Asiakaspalvelukeskus",
        "Kuluttaja-asiakaspalvelu",
        "Ajanvaraus ja asiakaspalvelu",
        "Asukaspalvelu",
        "Yritysasiakkaiden Service Desk",
    }
)


def _unit_citation(category: str, place: str, nominee: str, lang: str) -> str:
    name, _, org_part = (p.strip() for p in nominee.partition(","))
    unit = next(
        (
            u
            for u in _UNITS.get(category, ())
            if _org_key(u.organization) == _org_key(org_part)
            or (not org_part and _org_key(u.organization) == _org_key(name))
        ),
        None,
    )
    organization = unit.organization if unit else org_part
    fi = lang != "en"
    if fi:
        # A generic unit name reads as a common noun after the genitive: "Revontuli Vakuutus
        # Oy:n asiakaspalvelu"; a team's own name keeps its capital: "Järvenkylän kaupungin
        # Digituki".
        shown = name[0].lower() + name[1:] if name in _GENERIC_UNITS_FI else name
        subject = f"{_org_genitive_fi(organization)} {shown}" if organization else name
        merit = unit.merit_fi if unit else "Laatutyö on suunnitelmallista ja tavoitteellista."
        return {
            "winner": f"{subject} osoittaa, miten suunnitelmallinen laatutyö näkyy asiakkaalle "
            f"ja henkilöstölle. {merit} Verifiointi vahvisti itsearvioinnin havainnot, ja "
            "tulokset erottuivat edukseen kaikista osallistujista. Tuomaristo onnittelee koko "
            "tiimiä.",
            "runner-up": f"{subject} sijoittui kilpailussa toiseksi. {merit} Tuomaristo "
            "arvostaa erityisesti johdonmukaista johtamista ja henkilöstön sitoutumista "
            "kehittämiseen.",
            "mention": f"Tuomaristo antaa kunniamaininnan: {subject}. {merit} Kehitystyön suunta "
            "on selvä, ja tulokset näkyvät jo asiakkaiden arjessa.",
        }[place]
    unit_en = unit.unit_en if unit else name
    subject = f"the {unit_en} of {_org_en(organization)}" if organization else unit_en
    subject = subject.replace("the the ", "the ")
    capital = subject[0].upper() + subject[1:]
    merit = unit.merit_en if unit else "Its quality work is planned and goal-oriented."
    return {
        "winner": f"{capital} shows how systematic quality work is felt by customers and staff "
        f"alike. {merit} The verification confirmed the self-assessment, and its results stood "
        "out among all participants. The jury congratulates the whole team.",
        "runner-up": f"{capital} is the runner-up of the competition. {merit} The jury values "
        "in particular its consistent leadership and the staff's commitment to improvement.",
        "mention": f"The jury gives an honourable mention to {subject}. {merit} The direction "
        "of its development is clear, and the results already show in customers' everyday "
        "lives.",
    }[place]
