"""The demo's fictional year: a Finnish-Excel nomination file, juries, candidates, scores that
tell a story, citations and comments, and not one real brand."""

from __future__ import annotations

import ast
import csv
import io
import random
import re
import statistics
from collections import Counter, defaultdict
from datetime import datetime
from pathlib import Path

import pytest

from awards.commands import demo_content as demo_data
from awards.commands.demo_content import (
    HEADER,
    ORGANISER_PARAGRAPH_EN,
    ORGANISER_PARAGRAPH_FI,
    YEAR,
    advisor_nominations_csv,
    advisor_nominations_rows,
    citation,
    declared_conflict,
    juror_comment,
    jury,
    organisation_candidates,
    score_for,
)
from awards.duplicates import find_duplicates
from awards.models import Criterion
from awards.presets import PRESETS
from awards.text import fold, organization_key

CATEGORIES = ("customer-advisor", "service-desk", "customer-service")
ORGANISATION_AWARDS = ("service-desk", "customer-service")
PLACES = ("winner", "runner-up", "mention")

# Real Finnish brands, authorities and well-known companies that must never appear. Matched as
# whole words, case-sensitively, so "alkoi" or "Helena" do not count as "Alko" or "Helen".
REAL_BRANDS = (
    "Elisa", "Telia", "DNA", "Saunalahti", "Moi", "OP", "OP Ryhmä", "Osuuspankki", "Nordea",
    "Danske", "Aktia", "S-Pankki", "Säästöpankki", "Handelsbanken", "Ålandsbanken", "Fortum",
    "Helen", "Caruna", "Vattenfall", "Väre", "Oomi", "Kela", "Verohallinto", "Traficom", "Posti",
    "Matkahuolto", "Finnair", "VR", "HSL", "Tallink", "LähiTapiola", "Tapiola", "Fennia",
    "Turva", "Ilmarinen", "Varma", "Pohjantähti", "Terveystalo", "Mehiläinen", "Pihlajalinna",
    "Attendo", "Stockmann", "Kesko", "Prisma", "Tokmanni", "Gigantti", "Verkkokauppa.com",
    "Alko", "Veikkaus", "Tieto", "Tietoevry", "Lumoa", "Sampo", "Microsoft", "Teams", "Google",
)  # fmt: skip


def _decoded() -> str:
    return advisor_nominations_csv().decode("cp1252")


def _parsed() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_decoded(), newline=""), delimiter=";"))


def _sentences(text: str) -> int:
    parts = re.split(r"(?<=[.!?])[\s\"”]+(?=[A-ZÅÄÖ0-9\"“])", text.strip())
    return len([p for p in parts if p.strip()])


def _everything() -> str:
    """Every piece of text the demo data produces."""
    texts = [_decoded(), ORGANISER_PARAGRAPH_FI, ORGANISER_PARAGRAPH_EN]
    for category in CATEGORIES:
        texts += [f"{p.name} {p.email} {p.organization or ''}" for p in jury(category)]
        texts += list(declared_conflict(category))
    for category in ORGANISATION_AWARDS:
        for c in organisation_candidates(category):
            texts.append(f"{c.name} {c.unit} {c.organization} {c.description}")
            for place in PLACES:
                for lang in ("fi", "en"):
                    texts.append(citation(category, place, c.name, lang, c.organization))
            texts += [
                juror_comment(f"{c.name}, {c.organization}", "leadership", s) for s in range(9)
            ]
    for row in advisor_nominations_rows():
        nominee = f"{row['Ehdokas']}, {row['Organisaatio']}"
        for place in PLACES:
            for lang in ("fi", "en"):
                texts.append(citation("customer-advisor", place, nominee, lang))
        texts += [juror_comment(nominee, "encounter", s) for s in range(9)]
    return "\n".join(texts)


# ---- the nomination file ----------------------------------------------------------------------


def test_csv_is_windows_1252_not_utf8() -> None:
    data = advisor_nominations_csv()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert data == text.encode("cp1252")
    for word in ("Mäkelä", "Väisänen", "Åberg", "Söderström", "Kärkkäinen", "Tehtävänimike"):
        assert word in text
    assert {"å", "ä", "ö", "Å", "Ä"} <= set(text)


def test_csv_uses_semicolons_crlf_and_the_finnish_header() -> None:
    text = _decoded()
    first_line = text.split("\r\n", 1)[0]
    assert first_line == ";".join(HEADER)
    assert first_line == (
        "Aikaleima;Ehdokas;Organisaatio;Tehtävänimike;Ehdottaja;Ehdottajan sähköposti;"
        "Perustelut;Asiakaspalaute"
    )
    assert text.endswith("\r\n") and "\r\r" not in text and "\r" not in text.replace("\r\n", "")
    # Every record ends in CRLF: the rows plus the header.
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert text.count("\r\n") == len(records)
    assert all(len(record) == len(HEADER) for record in records)
    assert "," not in first_line


def test_csv_parses_to_about_forty_rows_equal_to_the_dicts() -> None:
    rows = _parsed()
    assert 38 <= len(rows) <= 42
    assert rows == advisor_nominations_rows()
    assert list(rows[0]) == list(HEADER)
    assert all(row["Ehdokas"].strip() and row["Perustelut"].strip() for row in rows)


def test_csv_has_quoted_multiline_cells_with_separators_and_quotes_inside() -> None:
    text = _decoded()
    rows = _parsed()
    multiline = [r for r in rows if "\n" in r["Perustelut"]]
    assert len(multiline) >= 5
    assert any(";" in r["Perustelut"] for r in rows)
    assert any('"' in r["Perustelut"] for r in rows)
    assert '""' in text  # quotes inside a quoted cell are doubled, as Excel does
    assert re.search(r';"[^"]*\n', text)  # a quoted cell running over a line break


def test_timestamps_are_finnish_and_in_spring() -> None:
    for row in _parsed():
        stamp = row["Aikaleima"]
        assert re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2}", stamp), stamp
        when = datetime.strptime(stamp, "%d.%m.%Y %H.%M")
        assert when.year == YEAR and 3 <= when.month <= 5
    stamps = [datetime.strptime(r["Aikaleima"], "%d.%m.%Y %H.%M") for r in _parsed()]
    assert stamps == sorted(stamps)  # exported oldest first, as the form collects them


def test_reasons_are_varied_concrete_and_two_to_four_sentences() -> None:
    rows = _parsed()
    reasons = [r["Perustelut"] for r in rows]
    assert len(set(reasons)) == len(reasons)
    for reason in reasons:
        assert 2 <= _sentences(reason) <= 4, reason
        assert 120 <= len(reason) <= 600, reason
    openings = Counter(reason.split()[0] for reason in reasons)
    assert openings.most_common(1)[0][1] <= 5
    feedback = [r["Asiakaspalaute"] for r in rows]
    assert 10 <= sum(1 for f in feedback if f) < len(rows)  # often, not always


def test_nominators_and_emails_are_fictional_and_distinct() -> None:
    rows = _parsed()
    nominators = [r["Ehdottaja"] for r in rows]
    assert len(set(nominators)) == len(nominators)
    for row in rows:
        assert re.fullmatch(r"[a-z.-]+@example\.(fi|com)", row["Ehdottajan sähköposti"])


def test_repeated_advisors_and_one_namesake() -> None:
    rows = _parsed()
    by_person: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_person[(fold(row["Ehdokas"]), organization_key(row["Organisaatio"]))].append(row)
    repeated = {key: group for key, group in by_person.items() if len(group) > 1}
    assert 3 <= len(repeated) <= 4
    for group in repeated.values():
        assert 2 <= len(group) <= 5
        assert len({r["Ehdottaja"] for r in group}) == len(group)  # different nominators
    assert max(len(group) for group in repeated.values()) == 5
    # One advisor typed with odd spacing or case; the first row always spells the name well.
    assert any(len({r["Ehdokas"] for r in group}) > 1 for group in repeated.values())
    for group in repeated.values():
        assert group[0]["Ehdokas"] == " ".join(group[0]["Ehdokas"].split())
        assert group[0]["Ehdokas"][0].isupper()
    # A namesake: the same name at another employer.
    names = Counter(name for name, _ in by_person)
    assert any(count > 1 for count in names.values())


def test_the_tool_sees_the_duplicates_the_demo_merges() -> None:
    rows = _parsed()
    candidates = [
        {"id": i, "nominee": " ".join(r["Ehdokas"].split()), "organization": r["Organisaatio"]}
        for i, r in enumerate(rows, start=1)
    ]
    groups = find_duplicates(candidates)
    likely = [g for g in groups if g.strength == "likely"]
    weak = [g for g in groups if g.strength == "weak"]
    assert len(likely) == 4 and sum(len(g.ids) - 1 for g in likely) == 8
    assert len(weak) == 1 and "namesakes" in weak[0].reason
    assert len(rows) - 8 == 32  # candidates after merging


def test_the_importer_reads_the_file(tmp_path: Path) -> None:
    from awards.exports.nomination_file import parse_nomination_file

    path = tmp_path / "ehdotukset.csv"
    path.write_bytes(advisor_nominations_csv())
    parsed = parse_nomination_file(path)
    assert len(parsed.rows) == len(advisor_nominations_rows())
    assert parsed.separator == ";"
    assert all(row.submitted for row in parsed.rows)
    assert any("Asiakaspalaute" in row.extra for row in parsed.rows)
    assert any("\n" in (row.reason or "") for row in parsed.rows)


# ---- juries, conflicts, candidates --------------------------------------------------------------


@pytest.mark.parametrize("category", CATEGORIES)
def test_juries_have_one_chair_and_unique_fictional_emails(category: str) -> None:
    people = jury(category)
    assert 5 <= len(people) <= 7
    assert [p.role for p in people].count("chair") == 1
    assert {p.role for p in people} <= {"chair", "member", "assessor"}
    emails = [p.email.casefold() for p in people]
    assert len(set(emails)) == len(emails)
    assert all(re.fullmatch(r"[a-z.-]+@example\.(fi|com)", e) for e in emails)
    if category in ORGANISATION_AWARDS:
        assert {p.role for p in people} == {"chair", "assessor"}


def test_jurors_are_distinct_people_across_awards() -> None:
    people = [p for category in CATEGORIES for p in jury(category)]
    by_email: dict[str, set[str]] = defaultdict(set)
    for p in people:
        by_email[p.email].add(p.name)
    assert all(len(names) == 1 for names in by_email.values())


@pytest.mark.parametrize("category", CATEGORIES)
def test_an_automatic_conflict_arises(category: str) -> None:
    if category == "customer-advisor":
        organisations = {organization_key(r["Organisaatio"]) for r in advisor_nominations_rows()}
    else:
        organisations = {
            organization_key(c.organization) for c in organisation_candidates(category)
        }
    jurors = {organization_key(p.organization) for p in jury(category) if p.organization}
    assert jurors & organisations


@pytest.mark.parametrize("category", CATEGORIES)
def test_declared_conflict_names_a_juror_and_a_candidate(category: str) -> None:
    email, target, reason = declared_conflict(category)
    people = {p.email: p for p in jury(category)}
    assert email in people and people[email].role != "chair"
    if category == "customer-advisor":
        assert target in {r["Ehdokas"] for r in advisor_nominations_rows()}
    else:
        assert target in {c.organization for c in organisation_candidates(category)}
        # Not also an automatic conflict: the declaration must add something.
        assert organization_key(people[email].organization) != organization_key(target)
    assert len(reason) > 15 and reason.endswith(".") and re.search(r"[äö]", reason)


@pytest.mark.parametrize("category", ORGANISATION_AWARDS)
def test_eight_organisation_candidates(category: str) -> None:
    candidates = organisation_candidates(category)
    assert len(candidates) == 8
    assert len({c.organization for c in candidates}) == 8
    for c in candidates:
        assert c.name and c.unit == c.name and c.organization
        assert 2 <= _sentences(c.description) <= 4 and re.search(r"\d", c.description)
    # Several units share the plain name "Asiakaspalvelu": only the organisation tells them apart.
    if category == "customer-service":
        assert Counter(c.name for c in candidates)["Asiakaspalvelu"] >= 3


# ---- scores -------------------------------------------------------------------------------------

CUSTOM = (
    Criterion("overall", "Kokonaisarvio", "Overall", weight=1, min=1, max=5, step=0.25),
    Criterion("free", "Vapaa", "Free", weight=1, min=-3, max=12, step=0),
    Criterion("coarse", "Karkea", "Coarse", weight=1, min=0, max=10, step=3),
)


def _nominees(category: str) -> list[str]:
    if category == "customer-advisor":
        first: dict[tuple[str, str], str] = {}
        for r in advisor_nominations_rows():
            key = (fold(r["Ehdokas"]), organization_key(r["Organisaatio"]))
            first.setdefault(key, f"{r['Ehdokas']}, {r['Organisaatio']}")
        return sorted(first.values())
    return [f"{c.name}, {c.organization}" for c in organisation_candidates(category)]


@pytest.mark.parametrize("category", CATEGORIES)
def test_scores_are_on_the_grid_within_the_scale_and_deterministic(category: str) -> None:
    state = random.getstate()
    criteria = (*PRESETS[category].criteria, *CUSTOM)
    for nominee in _nominees(category):
        for juror in ["", *(p.email for p in jury(category))]:
            for criterion in criteria:
                for kind in ("jury", "self-assessment"):
                    value = score_for(category, nominee, juror, criterion, kind)
                    assert criterion.check(value) == value
                    assert score_for(category, nominee, juror, criterion, kind) == value
    assert random.getstate() == state  # the global generator is never used


def test_scores_do_not_depend_on_spelling_or_global_seed() -> None:
    criterion = PRESETS["customer-advisor"].criteria[0]
    email = jury("customer-advisor")[2].email
    random.seed(1)
    a = score_for(
        "customer-advisor", "Eero Väisänen, Kuusiston Energia Oy", email, criterion, "jury"
    )
    random.seed(2)
    b = score_for("customer-advisor", "eero  väisänen, Kuusiston energia", email, criterion, "jury")
    assert a == b


def _panel(category: str, nominee: str) -> list[float]:
    """Each non-conflicted juror's weighted total for a candidate, as the final round sees it."""
    name, _, organization = nominee.partition(", ")
    email, target, _ = declared_conflict(category)
    totals = []
    for p in jury(category):
        if p.organization and organization_key(p.organization) == organization_key(organization):
            continue
        if p.email == email and target in (name, organization):
            continue
        totals.append(
            sum(
                c.normalized(score_for(category, nominee, p.email, c, "jury"))
                for c in PRESETS[category].criteria
            )
        )
    return totals


def _ranking(category: str) -> list[tuple[float, str]]:
    return sorted(
        ((statistics.mean(_panel(category, n)), n) for n in _nominees(category)), reverse=True
    )


@pytest.mark.parametrize("category", CATEGORIES)
def test_a_clear_winner_and_a_close_race(category: str) -> None:
    ranking = _ranking(category)
    total = sum(c.weight for c in PRESETS[category].criteria)
    (best, winner), (second, _), (third, _) = ranking[:3]
    assert demo_data.EXPECTED_WINNERS[category] in winner
    assert best - second >= 0.05 * total  # clear
    assert second - third <= 0.025 * total  # close


@pytest.mark.parametrize("category", CATEGORIES)
def test_two_jurors_disagree_on_one_candidate(category: str) -> None:
    spreads = sorted(
        ((statistics.pstdev(_panel(category, n)), n) for n in _nominees(category)), reverse=True
    )
    total = sum(c.weight for c in PRESETS[category].criteria)
    (widest, _), (next_widest, _) = spreads[:2]
    assert widest >= 0.08 * total and widest >= 2.5 * next_widest


@pytest.mark.parametrize("category", ORGANISATION_AWARDS)
def test_self_assessment_runs_higher_than_verification(category: str) -> None:
    criteria = PRESETS[category].criteria
    for nominee in _nominees(category):
        own = sum(
            c.normalized(score_for(category, nominee, "", c, "self-assessment")) for c in criteria
        )
        verified = statistics.mean(_panel(category, nominee))
        assert 0 < own - verified < 0.2 * sum(c.weight for c in criteria), nominee


def test_namesakes_are_scored_as_different_people() -> None:
    criteria = PRESETS["customer-advisor"].criteria
    email = jury("customer-advisor")[0].email

    def total(nominee: str) -> float:
        return sum(
            c.normalized(score_for("customer-advisor", nominee, email, c, "jury")) for c in criteria
        )

    assert total("Sini Mäkelä, Aava Pankki Oyj") - total("Sini Mäkelä, Lokkiluodon Matkat Oy") > 20


# ---- texts --------------------------------------------------------------------------------------


@pytest.mark.parametrize("category", CATEGORIES)
@pytest.mark.parametrize("place", PLACES)
def test_citations_are_dignified_and_concrete(category: str, place: str) -> None:
    if category == "customer-advisor":
        nominee, organization = "Sini Mäkelä", "Aava Pankki Oyj"
    else:
        first = organisation_candidates(category)[0]
        nominee, organization = first.name, first.organization
    fi = citation(category, place, nominee, "fi", organization)
    en = citation(category, place, nominee, "en", organization)
    assert fi != en
    for text in (fi, en):
        assert 2 <= _sentences(text) <= 4, text
        assert organization in text and re.search(r"\d", text)  # a concrete figure
        if category == "customer-advisor" or text is fi:
            assert nominee.casefold() in text.casefold()
        assert "{" not in text and "  " not in text
    assert re.search(r"[äö]", fi) and "Tuomaristo" in fi
    assert "jury" in en
    with pytest.raises(ValueError):
        citation(category, "champion", nominee, "fi", organization)


def test_citations_use_finnish_genitives_and_tell_namesakes_apart() -> None:
    city = citation("service-desk", "runner-up", "Digituki", "fi", "Järvenkylän kaupunki")
    assert city.startswith("Järvenkylän kaupungin Digituki")
    bank = citation("customer-service", "winner", "Asiakaspalvelu", "fi", "Revontuli Vakuutus Oy")
    assert bank.startswith("Revontuli Vakuutus Oy:n asiakaspalvelu osoittaa")
    assert "City of Järvenkylä" in citation("service-desk", "winner", "Digituki", "en",
                                            "Järvenkylän kaupunki")  # fmt: skip
    banker = citation("customer-advisor", "winner", "Sini Mäkelä", "fi", "Aava Pankki Oyj")
    travel = citation("customer-advisor", "winner", "Sini Mäkelä", "fi", "Lokkiluodon Matkat Oy")
    assert banker != travel and "viisi kertaa" in banker and "Lokkiluodon" in travel


def test_unknown_candidates_still_get_a_citation() -> None:
    for category in CATEGORIES:
        for lang in ("fi", "en"):
            text = citation(category, "mention", "Maija Meikäläinen", lang, "Keksitty Oy")
            assert "Maija Meikäläinen" in text and 2 <= _sentences(text) <= 4


def test_juror_comments_are_short_varied_finnish_and_deterministic() -> None:
    nominees = _nominees("customer-advisor")
    comments = {juror_comment(n, "encounter", seed) for n in nominees for seed in range(5)}
    assert len(comments) >= 12
    for comment in comments:
        assert 20 <= len(comment) <= 120 and "{" not in comment
    assert juror_comment(nominees[0], "feedback", 7) == juror_comment(nominees[0], "feedback", 7)
    strong = {juror_comment("Sini Mäkelä, Aava Pankki Oyj", "encounter", s) for s in range(30)}
    weak = {juror_comment("Riikka Salminen, Karhuvaaran Kodintekniikka Oy", "encounter", s)
            for s in range(30)}  # fmt: skip
    assert strong.isdisjoint(weak)  # praise for the best, development points for others
    unit = organisation_candidates("service-desk")[0]
    org_comments = {juror_comment(f"{unit.name}, {unit.organization}", "leadership", s)
                    for s in range(20)}  # fmt: skip
    assert org_comments.isdisjoint(comments)


def test_organiser_paragraphs() -> None:
    for text in (ORGANISER_PARAGRAPH_FI, ORGANISER_PARAGRAPH_EN):
        assert 3 <= _sentences(text) <= 4
        assert "Wave" in text and "Wakaru Asiakaspalveluverkosto" in text
        assert "Asiakaspalveluviikko" in text or "Asiakaspalveluviiko" in text
    assert "lokakuun ensimmäisellä kokonaisella viikolla" in ORGANISER_PARAGRAPH_FI
    assert "first full week of October" in ORGANISER_PARAGRAPH_EN


# ---- fictional and pure ------------------------------------------------------------------------


def test_no_real_brand_appears_anywhere() -> None:
    text = _everything()
    for brand in REAL_BRANDS:
        assert not re.search(rf"(?<![\w-]){re.escape(brand)}(?![\w-])", text), brand


def test_every_email_is_on_an_example_domain() -> None:
    emails = re.findall(r"[\w.+-]+@[\w.-]+", _everything())
    assert emails and all(e.endswith(("@example.fi", "@example.com")) for e in emails)


def test_the_module_is_pure_standard_library() -> None:
    source = Path(demo_data.__file__).read_text(encoding="utf-8")
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or "").split(".")[0])
    assert imported <= {
        "__future__", "csv", "dataclasses", "datetime", "functools", "hashlib", "importlib",
        "io", "json", "random", "typing", "unicodedata", "awards",
    }  # fmt: skip
    assert "open(" not in source and "sqlite" not in source
