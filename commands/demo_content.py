"""A fictional but realistic Finnish year 2026 for `awards demo`: the rules that turn the demo's
data into nominations, juries, scores, comments and citations.

The data itself (people, organisations, nomination texts, comment snippets, citation templates)
lives in JSON files beside this module, in `demo_data/`, shipped as package data and read once,
on first use:

- `organisations.json`: the invented organisations, with their Finnish genitive and English name;
- `advisors.json`: the customer advisors, their latent quality and their merits (fi, en);
- `nominations.json`: the web form's nominations of the advisors;
- `units.json`: the competing units of the two organisation awards;
- `juries.json`: the juries, declared conflicts, the jurors who disagree and the expected winners;
- `comments.json`: the snippets jurors write beside their scores;
- `citations.json`: the templates of the jury's citations;
- `texts.json`: the form's header, the organiser paragraphs and small vocabularies.

Every person and company there is invented: people are common Finnish first names and surnames
put together, companies are made-up names in the style of Finnish firms ("Aava Pankki Oyj",
"Kuusiston Energia Oy"). No real brand, authority or public figure is named.

Everything is pure and deterministic: functions return values and bytes, never write files or
databases, and draw their randomness from generators seeded by a hash of their arguments (never
the global random state), so the same call gives the same data on every machine and run.

The scores tell a story (see `score_for`): a clear winner in each award, a close race for second
place, and one candidate on whom two jurors disagree noticeably.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import random
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from typing import Any

from awards.models import PLACES, Criterion

YEAR = 2026

# Read from `demo_data/texts.json` and `demo_data/juries.json` on first access (see
# `__getattr__` at the end of the module).
HEADER: tuple[str, ...]
ORGANISER_PARAGRAPH_FI: str
ORGANISER_PARAGRAPH_EN: str
EXPECTED_WINNERS: dict[str, str]  # known in advance from the qualities: who wins each award


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
    unit_en: str | None = None
    organization_en: str | None = None


@functools.cache
def _load(name: str) -> Any:
    """One JSON file of `demo_data/`, parsed once."""
    resource = files("awards.commands") / "demo_data" / name
    return json.loads(resource.read_text(encoding="utf-8"))


@functools.cache
def _texts() -> dict[str, Any]:
    texts: dict[str, Any] = _load("texts.json")
    return texts


# --------------------------------------------------------------------------------------------
# Organisations (all invented). Finnish genitive and English name for citations.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Org:
    name: str
    genitive_fi: str
    name_en: str


@functools.cache
def _orgs() -> dict[str, _Org]:
    return {org.name: org for org in (_Org(**row) for row in _load("organisations.json"))}


@functools.cache
def _legal_suffixes() -> frozenset[str]:
    return frozenset(_texts()["legal_suffixes"])


def _fold(text: str) -> str:
    """Case-, spacing- and diacritics-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _org_key(text: str | None) -> str:
    words = _fold((text or "").replace(",", " ").replace(".", " ")).split()
    while len(words) > 1 and words[-1] in _legal_suffixes():
        words.pop()
    return " ".join(words)


def _email(name: str, domain: str) -> str:
    local = _fold(name).replace(" ", ".").replace("'", "")
    return f"{local}@{domain}"


def _org_genitive_fi(organization: str) -> str:
    known = {_org_key(o.name): o for o in _orgs().values()}.get(_org_key(organization))
    if known:
        return known.genitive_fi
    return f"{organization}:n" if _org_key(organization) != _fold(organization) else organization


def _org_en(organization: str) -> str:
    known = {_org_key(o.name): o for o in _orgs().values()}.get(_org_key(organization))
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


@functools.cache
def _advisors() -> dict[str, _Advisor]:
    return {a.key: a for a in (_Advisor(**row) for row in _load("advisors.json"))}


@dataclass(frozen=True)
class _Nomination:
    submitted: str  # d.m.yyyy h.mm, as Finnish Excel shows a timestamp
    advisor: str  # key into the advisors
    nominator: str
    reason: str
    feedback: str = ""
    title: str | None = None  # what the nominator typed; None: the advisor's own title
    shown_name: str | None = None  # how the nominator typed the name, when not as usual
    shown_org: str | None = None
    colleague: bool = False  # nominated by the employer or a colleague (work email)


@functools.cache
def _nominations() -> tuple[_Nomination, ...]:
    return tuple(_Nomination(**n) for n in _load("nominations.json"))


def _submitted(nomination: _Nomination) -> datetime:
    day, time = nomination.submitted.split()
    d, m, y = (int(part) for part in day.split("."))
    hh, mm = (int(part) for part in time.split("."))
    return datetime(y, m, d, hh, mm)


def advisor_nominations_rows() -> list[dict[str, str]]:
    """The web form's rows, oldest first, keyed by the Finnish header (line breaks as '\\n')."""
    rows = []
    advisors = _advisors()
    for n in sorted(_nominations(), key=_submitted):
        advisor = advisors[n.advisor]
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
    header = _header()
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in advisor_nominations_rows():
        writer.writerow([row[column] for column in header])
    return buffer.getvalue().encode("cp1252")


def nominations_per_advisor() -> dict[tuple[str, str], int]:
    """(advisor's name, organisation) -> how many nominations they got."""
    counts: dict[tuple[str, str], int] = {}
    advisors = _advisors()
    for n in _nominations():
        advisor = advisors[n.advisor]
        key = (advisor.name, advisor.organization)
        counts[key] = counts.get(key, 0) + 1
    return counts


@functools.cache
def _header() -> tuple[str, ...]:
    return tuple(_texts()["header"])


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


@functools.cache
def _units() -> dict[str, tuple[_Unit, ...]]:
    return {
        category: tuple(_Unit(**u) for u in units)
        for category, units in _load("units.json").items()
    }


def organisation_candidates(category: str) -> list[DemoOrganisationCandidate]:
    """The eight competing units of an organisation award (service-desk, customer-service)."""
    return [
        DemoOrganisationCandidate(
            u.unit,
            u.unit,
            u.organization,
            u.description,
            u.unit_en,
            organization_name_en(u.organization),
        )
        for u in _units()[category]
    ]


# --------------------------------------------------------------------------------------------
# Juries and conflicts
# --------------------------------------------------------------------------------------------

# A juror whose organisation is a candidate's is in conflict automatically: Pekka Hyvönen
# (Revontuli Vakuutus) for two advisors, Tero Paavola (Tunturisoft) for one, Heidi Valtonen
# (Aava Pankki) and Niina Kauppinen (Hopeaharju Verkkokauppa) for one unit each.


@functools.cache
def _juries() -> dict[str, Any]:
    juries: dict[str, Any] = _load("juries.json")
    return juries


def jury(category: str) -> list[DemoPerson]:
    """The jury of one award: six people, exactly one chair, unique example.fi/.com emails."""
    return [
        DemoPerson(j["name"], _email(j["name"], j["domain"]), j["organization"], j["role"])
        for j in _juries()["juries"][category]
    ]


def _juror_email(category: str, name: str) -> str:
    return next(p.email for p in jury(category) if p.name == name)


def declared_conflict(category: str) -> tuple[str, str, str]:
    """(juror email, nominee or organisation to conflict with, reason in Finnish)."""
    conflicts = _juries()["declared_conflicts"]
    # Any other category gets the customer-service award's conflict (and its juror's lookup
    # fails for an unknown category).
    conflict = conflicts[category] if category in conflicts else conflicts["customer-service"]
    return (_juror_email(category, conflict["juror"]), conflict["target"], conflict["reason"])


# --------------------------------------------------------------------------------------------
# Scores
# --------------------------------------------------------------------------------------------

# One juror sees a candidate much better (by _GENEROUS), another much worse (by _STRICT) than
# the rest of the jury: `disagreements` in juries.json, (candidate key, generous juror, strict
# juror) per award.
_GENEROUS, _STRICT = 0.09, -0.27


def _disagreement(category: str) -> tuple[str, str, str] | None:
    d = _juries()["disagreements"].get(category)
    return (d["candidate"], d["generous"], d["strict"]) if d else None


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
        matches = [a for a in _advisors().values() if _fold(a.name) == name]
        exact = [a for a in matches if _org_key(a.organization) == organization]
        if exact or matches:
            chosen = (exact or matches)[0]
            return _Profile(chosen.key, chosen.quality, 0.08)
    else:
        units = _units().get(category, ())
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
        contested = _disagreement(category)
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


@functools.cache
def _comments() -> dict[str, Any]:
    comments: dict[str, Any] = _load("comments.json")
    return comments


@functools.cache
def _advisor_criteria() -> frozenset[str]:
    return frozenset(_comments()["advisor_criteria"])


def juror_comment(nominee: str, criterion_key: str, seed: int) -> str:
    """A short Finnish remark a juror writes beside the scores: praise for strong candidates,
    a development point for weaker ones. The same arguments always give the same remark."""
    advisor = criterion_key in _advisor_criteria()
    if advisor:
        quality = _quality("customer-advisor", nominee)
    else:
        _, organization = _split(nominee)
        known = [
            u.quality
            for units in _units().values()
            for u in units
            if _org_key(u.organization) == organization
        ]
        quality = known[0] if known else _quality("service-desk", nominee)
    tier = "strong" if quality >= 0.78 else "good" if quality >= 0.62 else "modest"
    comments = _comments()
    pool = list(comments["advisor" if advisor else "organisation"][tier])
    if advisor and tier != "modest" and criterion_key in comments["advisor_criterion"]:
        pool.append(comments["advisor_criterion"][criterion_key])
    first = nominee.partition(",")[0].split()[0] if nominee.strip() else "Ehdokas"
    return _rng("comment", nominee, criterion_key, seed).choice(pool).format(first=first)


# --------------------------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------------------------


@functools.cache
def _citations() -> dict[str, Any]:
    citations: dict[str, Any] = _load("citations.json")
    return citations


def _count(count: int, lang: str) -> str:
    """A count of two to six in words ("kaksi", "two"), otherwise in digits."""
    return str(_texts()["counts"][lang].get(str(count), str(count)))


def citation(
    category: str, place: str, nominee: str, lang: str, organization: str | None = None
) -> str:
    """The jury's citation for a winner, runner-up or mention ("winner" | "runner-up" |
    "mention"), in Finnish ("fi") or English ("en"): 2–4 sentences naming concrete merits.

    `nominee` is the advisor's name or the unit's name; give `organization` (or write
    "name, organisation") to tell namesakes and same-named units apart."""
    if place not in PLACES:
        raise ValueError(f"unknown place {place!r}: use winner, runner-up or mention")
    if organization and "," not in nominee:
        nominee = f"{nominee}, {organization}"
    if category == "customer-advisor":
        return _advisor_citation(place, nominee, lang)
    return _unit_citation(category, place, nominee, lang)


def _advisor_citation(place: str, nominee: str, lang: str) -> str:
    name, _, org_part = (p.strip() for p in nominee.partition(","))
    profile = _profile("customer-advisor", nominee)
    advisor = _advisors().get(profile.key)
    name = " ".join(name.split()) or "Ehdokas"
    organization = advisor.organization if advisor else org_part
    count = nominations_per_advisor().get((advisor.name, advisor.organization), 1) if advisor else 1
    fi = lang != "en"
    templates = _citations()["advisor"]["fi" if fi else "en"]
    if advisor:
        merit = advisor.merit_fi if fi else advisor.merit_en
    else:
        merit = templates["unknown_merit"]
    title = advisor.title.lower() if advisor else ("asiakasneuvoja" if fi else "customer advisor")
    if fi:
        where = f"{_org_genitive_fi(organization)} {title}" if organization else title
        evidence = (
            templates["evidence_many"].format(count=_count(count, "fi"))
            if count > 1
            else templates["evidence_one"]
        )
        return str(templates[place].format(name=name, where=where, merit=merit, evidence=evidence))
    where_en = (
        templates["where"].format(title=_title_en(title), organization=_org_en(organization))
        if organization
        else ""
    )
    who = f"{name}, {where_en}," if where_en else f"{name}"
    evidence = (
        templates["evidence_many"].format(count=_count(count, "en"))
        if count > 1
        else templates["evidence_one"]
    )
    return str(
        templates[place].format(who=who, who_bare=who.rstrip(","), merit=merit, evidence=evidence)
    )


def organizer() -> dict[str, str]:
    """What the demo's organiser sets once: `awards organizer set` options by field."""
    texts = _texts()
    return {
        **texts["organizer"],
        "about": texts["organiser_paragraph"]["fi"],
        "about_en": texts["organiser_paragraph"]["en"],
    }


def chair_quote(category: str, lang: str) -> str:
    return str(_juries()["chair_quotes"][category][lang])


def english_forms(title_fi: str | None, organization: str | None) -> dict[str, str]:
    """A nominee's job title and organisation in English, as `nomination set` takes them."""
    forms = {}
    if title_fi:
        forms["title_en"] = _title_en(title_fi)
    if organization and _org_en(organization) != organization:
        forms["organization_en"] = organization_name_en(organization)
    return forms


def organization_name_en(organization: str) -> str:
    """The English name standing alone ('City of Järvenkylä'), not inside a sentence."""
    name = _org_en(organization)
    return name[4:] if name.startswith("the ") else name


def _title_en(title_fi: str) -> str:
    return str(_texts()["titles_en"].get(title_fi, "customer advisor"))


@functools.cache
def _generic_units_fi() -> frozenset[str]:
    return frozenset(_texts()["generic_units_fi"])


def _unit_citation(category: str, place: str, nominee: str, lang: str) -> str:
    name, _, org_part = (p.strip() for p in nominee.partition(","))
    unit = next(
        (
            u
            for u in _units().get(category, ())
            if _org_key(u.organization) == _org_key(org_part)
            or (not org_part and _org_key(u.organization) == _org_key(name))
        ),
        None,
    )
    organization = unit.organization if unit else org_part
    fi = lang != "en"
    templates = _citations()["unit"]["fi" if fi else "en"]
    if fi:
        # A generic unit name reads as a common noun after the genitive: "Revontuli Vakuutus
        # Oy:n asiakaspalvelu"; a team's own name keeps its capital: "Järvenkylän kaupungin
        # Digituki".
        shown = name[0].lower() + name[1:] if name in _generic_units_fi() else name
        subject = f"{_org_genitive_fi(organization)} {shown}" if organization else name
        merit = unit.merit_fi if unit else templates["unknown_merit"]
        return str(templates[place].format(subject=subject, merit=merit))
    unit_en = unit.unit_en if unit else name
    subject = (
        templates["subject"].format(unit=unit_en, organization=_org_en(organization))
        if organization
        else unit_en
    )
    subject = subject.replace("the the ", "the ")
    capital = subject[0].upper() + subject[1:]
    merit = unit.merit_en if unit else templates["unknown_merit"]
    return str(templates[place].format(subject=subject, capital=capital, merit=merit))


# --------------------------------------------------------------------------------------------
# The module's data constants, read on first access
# --------------------------------------------------------------------------------------------

_LAZY_CONSTANTS: dict[str, Any] = {
    "HEADER": _header,
    "ORGANISER_PARAGRAPH_FI": lambda: _texts()["organiser_paragraph"]["fi"],
    "ORGANISER_PARAGRAPH_EN": lambda: _texts()["organiser_paragraph"]["en"],
    "EXPECTED_WINNERS": lambda: _juries()["expected_winners"],
}


def __getattr__(name: str) -> Any:
    if name in _LAZY_CONSTANTS:
        return _LAZY_CONSTANTS[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
