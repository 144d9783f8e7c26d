"""`awards nomination duplicates`: sure matches, names as people type them, namesakes; measured
against a labelled set of Finnish name variants, and fast at national scale."""

from __future__ import annotations

import csv
import itertools
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from awards.duplicates import find_duplicates
from awards.text import fold, fold_quick, organization_key, organizations_alike

SLUG = "customer-advisor-2026"
VARIANTS = Path(__file__).parent / "data" / "name_variants.csv"


def _variants() -> list[dict[str, str]]:
    with VARIANTS.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _flagged(name_a: str, org_a: str, name_b: str, org_b: str) -> bool:
    """Whether the tool lists the two as likely or possibly the same candidate."""
    groups = find_duplicates(
        [
            {"id": 1, "nominee": name_a, "organization": org_a or None},
            {"id": 2, "nominee": name_b, "organization": org_b or None},
        ]
    )
    return any(g.strength != "weak" and {1, 2} <= set(g.ids) for g in groups)


# ---- the labelled set ---------------------------------------------------------------------------


def test_the_labelled_set_is_large_and_has_hard_negatives() -> None:
    rows = _variants()
    assert len(rows) >= 150
    assert {r["same"] for r in rows} == {"yes", "no"}
    kinds = Counter(r["kind"] for r in rows if r["same"] == "no")
    for kind in ("sibling", "common surname", "similar surname", "namesake elsewhere"):
        assert kinds[kind] >= 8, kind
    pairs = {(r["name_a"], r["name_b"]) for r in rows}
    assert ("Jukka Heikkinen", "Jussi Heikkinen") in pairs
    assert ("Päivi Mäkelä", "Päivi Mäkinen") in pairs


def test_precision_and_recall_on_finnish_name_variants() -> None:
    outcome: Counter[str] = Counter()
    missed, wrong = [], []
    for r in _variants():
        flagged = _flagged(r["name_a"], r["org_a"], r["name_b"], r["org_b"])
        same = r["same"] == "yes"
        outcome[("t" if flagged == same else "f") + ("p" if flagged else "n")] += 1
        if same and not flagged:
            missed.append(r)
        if flagged and not same:
            wrong.append(r)
    precision = outcome["tp"] / (outcome["tp"] + outcome["fp"])
    recall = outcome["tp"] / (outcome["tp"] + outcome["fn"])
    print(f"\nname variants: {dict(outcome)}, precision {precision:.3f}, recall {recall:.3f}")
    print("missed:", [(r["name_a"], r["name_b"]) for r in missed])
    print("wrongly flagged:", [(r["name_a"], r["name_b"]) for r in wrong])
    assert recall >= 0.95, missed
    assert precision >= 0.95, wrong
    # No namesake at another employer and no sibling is ever put forward as the same person.
    assert not [r for r in wrong if r["kind"] in ("namesake elsewhere", "sibling")]


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        ("Heikkinen Jukka", "Jukka Heikkinen", "names in the other order"),
        ("Päivi Mäkinne", "Päivi Mäkinen", "two letters swapped (makinen ~ makinne)"),
        ("Jukka Heikinen", "Jukka Heikkinen", "a letter doubled (heikinen ~ heikkinen)"),
        ("Anna-Liisa K. Virtanen", "A. Virtanen", "an initial for a name"),
        ("Anna Maria Virtanen", "Anna Virtanen", "a middle name left out"),
        ("Marja-Liisa Koskinen", "Marja Koskinen", "part of a double name"),
        ("Sanna Korhonen", "Sanna Korhomen", "one letter apart (korhomen ~ korhonen)"),
    ],
)
def test_each_kind_of_variant_is_named_in_the_reason(a: str, b: str, words: str) -> None:
    groups = find_duplicates(
        [
            {"id": 1, "nominee": a, "organization": "Lumo Oy"},
            {"id": 2, "nominee": b, "organization": "Lumo"},
        ]
    )
    assert [(g.ids, g.strength) for g in groups] == [([1, 2], "possible")]
    assert words in groups[0].reason and "same organisation (lumo)" in groups[0].reason
    assert a in groups[0].reason and b in groups[0].reason  # as typed, not folded


def test_two_real_names_one_letter_apart_are_two_people() -> None:
    for a, b in [("Anna", "Anne"), ("Jari", "Kari"), ("Sanna", "Hanna"), ("Tiina", "Tina")]:
        assert not _flagged(f"{a} Virtanen", "Aava", f"{b} Virtanen", "Aava"), (a, b)
    assert not _flagged("Anna Lehtonen", "Aava", "Anna Lehtinen", "Aava")
    assert _flagged("Anna Lehtonen", "Aava", "Anna Lehtomen", "Aava")


def test_organisations_written_differently() -> None:
    def alike(a: str, b: str) -> bool:
        return organizations_alike(organization_key(a), organization_key(b))

    assert alike("Lumo", "Lumo Telecom Oyj")
    assert alike("Aava-Pankki", "Aava Pankki Oy")
    assert alike("Sähkö Hohde", "Sahko Hohde")
    assert alike("Sillankorva Telekom", "Sillankorva Telecom")
    assert alike("Ruskaverkot", "Ruska Verkot")
    assert not alike("Aava Pankki", "Kuura Pankki")
    assert not alike("Aava Pankki", "Aava Vakuutus")
    assert not alike("Lumo", "")
    # the same name there: possible, never likely; at a different employer: weak
    groups = find_duplicates(
        [
            {"id": 1, "nominee": "Jukka Heikkinen", "organization": "Lumo"},
            {"id": 2, "nominee": "Jukka Heikkinen", "organization": "Lumo Telecom Oyj"},
            {"id": 3, "nominee": "Jukka Heikkinen", "organization": "Kuura Energia"},
        ]
    )
    assert [(g.ids, g.strength) for g in groups] == [([1, 2], "possible"), ([1, 2, 3], "weak")]
    assert "organisation written differently (Lumo ~ Lumo Telecom Oyj)" in groups[0].reason
    assert "at 2 different organisations: probably namesakes" in groups[1].reason


def test_a_candidate_without_organisation_among_namesakes_is_listed() -> None:
    groups = find_duplicates(
        [
            {"id": 1, "nominee": "Sini Mäkelä", "organization": "Aava Pankki"},
            {"id": 2, "nominee": "Sini Mäkelä", "organization": "Pohjantähti Matkat"},
            {"id": 3, "nominee": "Sini Mäkelä", "organization": None},
        ]
    )
    assert [(g.ids, g.strength) for g in groups] == [([1, 2, 3], "weak")]
    assert "organisation missing on 1" in groups[0].reason


def test_quick_fold_is_fold() -> None:
    samples = [
        "Sini Mäkelä",
        "ＭÄＫＥＬÄ  sini",
        "Sini M\u0430kelä",  # a Cyrillic а
        "Mä\u200bke\xadlä",  # a zero-width space and a soft hyphen
        "Ångström Øre ß ﬁ µ",
        "Jos\u0065\u0301 \u034f",
    ]
    samples += [f"a{chr(c)}b Mä" for c in range(0x370)]
    assert [fold_quick(s) for s in samples] == [fold(s) for s in samples]


def test_hostile_names_stay_cheap() -> None:
    candidates = [{"id": 1, "nominee": "a" * 10_000 + " b", "organization": None}]
    candidates += [
        {"id": i, "nominee": f"{'x' * (i % 7)} {'y' * (i % 5)} z", "organization": None}
        for i in range(2, 3000)
    ]
    start = time.perf_counter()
    find_duplicates(candidates)
    assert time.perf_counter() - start < 5


def test_the_matching_stays_import_light() -> None:
    code = (
        "import sys, awards.duplicates; "
        "print(sorted(m for m in ('rich', 'sqlite_utils', 'docx', 'openpyxl', 'click', "
        "'dataclasses', 'hashlib') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result


@pytest.mark.slow
def test_twenty_thousand_nominations_are_matched_within_two_seconds() -> None:
    from tests.benchmarks.bench_duplicates import synthetic_nominations

    rows = synthetic_nominations(20_000)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        groups = find_duplicates(rows)
        timings.append(time.perf_counter() - start)
    strengths = Counter(g.strength for g in groups)
    assert strengths["likely"] and strengths["possible"] and strengths["weak"]
    assert min(timings) < 2.0, timings


# ---- the command --------------------------------------------------------------------------------


_NOMINATORS = itertools.count(1)


def _add(awards, name: str, org: str | None = None) -> None:
    """One customer's nomination: each by another customer, so none is a repeat of another."""
    args = ["nomination", "add", SLUG, "--nominee", name]
    args += ["--nominator", f"Asiakas {next(_NOMINATORS)}"]
    awards(*args, *(["--organization", org] if org else []))


def test_the_command_lists_sure_then_possible_then_weak(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for name, org in [
        ("Jukka Heikkinen", "Lumo Telecom Oyj"),  # 1
        ("Heikkinen Jukka", "Lumo"),  # 2
        ("Jukka Heikinen", None),  # 3
        ("Jussi Heikkinen", "Lumo Telecom Oyj"),  # 4: his brother
        ("Päivi Mäkinen", "Aava Pankki Oyj"),  # 5
        ("Päivi Mäkinne", "Aava Pankki"),  # 6
        ("paivi makinen", "AAVA PANKKI"),  # 7
        ("Anna-Liisa K. Virtanen", "Kide Asunnot"),  # 8
        ("A. Virtanen", "Kide Asunnot"),  # 9
        ("Anna Korhonen", "Kuura Energia"),  # 10
        ("Anne Korhonen", "Kuura Energia"),  # 11
        ("Päivi Mäkinen", "Revontuli Vakuutus"),  # 12: a namesake elsewhere
        ("Päivi Mäkelä", "Aava Pankki"),  # 13
    ]:
        _add(awards, name, org)
    groups = awards.json("nomination", "duplicates", SLUG)
    assert all(set(g) == {"ids", "reason", "strength"} for g in groups)
    strengths = [g["strength"] for g in groups]
    assert strengths == sorted(strengths, key=["likely", "possible", "weak"].index)
    by_ids = {tuple(g["ids"]): g for g in groups}
    assert by_ids[(5, 7)]["strength"] == "likely"
    assert by_ids[(1, 2)]["strength"] == "possible"
    assert "names in the other order" in by_ids[(1, 2)]["reason"]
    assert "organisation written differently (Lumo ~ Lumo Telecom Oyj)" in by_ids[(1, 2)]["reason"]
    assert "a letter doubled" in by_ids[(1, 3)]["reason"]
    assert "organisation missing on one" in by_ids[(1, 3)]["reason"]
    assert "two letters swapped" in by_ids[(5, 6, 7)]["reason"]
    assert "an initial" in by_ids[(8, 9)]["reason"]
    assert by_ids[(5, 7, 12)]["strength"] == "weak"
    assert "namesakes" in by_ids[(5, 7, 12)]["reason"]
    sure_or_possible = [set(g["ids"]) for g in groups if g["strength"] != "weak"]
    for never in (4, 10, 11, 12, 13):  # a brother, Anna/Anne, a namesake, Mäkelä/Mäkinen
        assert not any(never in ids for ids in sure_or_possible), never
    # The possible ones can be merged as listed.
    awards("nomination", "merge", "5", "6", "7")
    awards("nomination", "merge", "1", "2", "3")
    after = awards.json("nomination", "duplicates", SLUG)
    assert [g["ids"] for g in after if g["strength"] != "weak"] == [[8, 9]]


def test_the_command_says_how_many_of_each(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    assert "No likely or possible duplicates." in awards("nomination", "duplicates", SLUG).stdout
    for name, org in [
        ("Heikkinen Jukka", "Lumo"),
        ("Jukka Heikkinen", "Lumo"),
        ("Sini Mäkelä", "Aava"),
        ("Sini Mäkelä", "Aava Oy"),
        ("Sini Mäkelä", "Kuura"),
    ]:
        _add(awards, name, org)
    result = awards("nomination", "duplicates", SLUG, "--format", "plain")
    assert "Heikkinen Jukka ~ Jukka Heikkinen" in result.stdout
    assert (
        "3 group(s): 1 likely, 1 possible (check each by hand), "
        "1 weak (the same name at different organisations)." in result.stderr
    )
    assert "awards nomination merge 3 4" in result.stderr  # the likely one first
    assert "Similar but different names at different organisations are not listed" in (
        result.stderr
    )


def test_status_points_to_duplicates_only_for_likely_ones(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("juror", "add", SLUG, "--name", "T", "--email", "t@example.fi", "--role", "chair")
    _add(awards, "Heikkinen Jukka", "Lumo")
    _add(awards, "Jukka Heikkinen", "Lumo")
    assert f"awards nomination duplicates {SLUG}" not in awards("status").stdout
    _add(awards, "Jukka Heikkinen", "Lumo Oy")
    assert f"awards nomination duplicates {SLUG}" in awards("status").stdout
