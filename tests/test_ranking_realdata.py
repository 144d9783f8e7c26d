"""The ranking rules against real, officially published judging.

- ISU figure skating 2017 (Europeans and Worlds): 9 judges per program component, one highest
  and one lowest mark dropped (our `trimmed`), components weighted by a factor and summed.
- Eurovision 2022-2024 national juries: five jurors' rankings combined into the jury rank.

The data lives in shared/realdata beside the checkout (read each SOURCE.md) and is never
copied into the project; without it these tests are skipped.
"""

from __future__ import annotations

import csv
import functools
import itertools
import math
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from awards.models import Criterion
from awards.ranking import ScoreEntry, compute_ranking

REALDATA = Path(__file__).resolve().parents[2] / "shared" / "realdata"
ISU = REALDATA / "isu-figure-skating-2017"
EUROVISION = REALDATA / "eurovision-jury-2022-2024" / "juror_rankings_2022_2024.csv"
needs_isu = pytest.mark.skipif(
    not ISU.exists(), reason="shared/realdata is not beside the checkout"
)
CENT = Decimal("0.01")


def two_decimals(value: float | Decimal) -> Decimal:
    """The ISU protocol's rounding: half up, to 2 decimals (SOURCE.md, "Aggregation rule")."""
    exact = value if isinstance(value, Decimal) else Decimal(repr(value))
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def read(name: str) -> list[dict[str, str]]:
    with (ISU / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def component_key(description: str) -> str:
    """'Interpretation of the Music/Timing' (ice dance) is the same criterion as 'Interpretation
    of the Music': 'interpretation-of-the-music'."""
    return description.split("/")[0].strip().lower().replace(" ", "-")


@dataclass
class Performance:
    name: str
    rank: int  # official place in the segment
    tss: float
    tes: float
    pcs: Decimal  # official total component score
    panel_marks: dict[str, Decimal]  # official panel mark per component, before the factor


@dataclass
class Segment:
    """One round: performances are nominations (numbered by sorted id), components are
    criteria worth factor × 10 points on a 0-10 scale, so a criterion's points are
    factor × panel mark, as the ISU sums them."""

    program: str  # e.g. MEN FREE SKATING
    performances: dict[int, Performance]
    criteria: list[Criterion]
    marks: list[ScoreEntry]  # every judge's mark on every component


@functools.cache
def segments() -> list[Segment]:
    aspects = [a for a in read("judged-aspects.csv") if a["section"] == "components"]
    component_ids = {a["aspect_id"] for a in aspects}
    judges: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in read("judge-scores.csv"):
        if row["aspect_id"] in component_ids:
            judges[row["aspect_id"]].append((row["judge"], float(row["score"])))
    aspects_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for aspect in aspects:
        aspects_of[aspect["performance_id"]].append(aspect)
    grouped: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for p in read("performances.csv"):
        grouped[(p["competition"], p["program"])].append(p)

    result = []
    for (_, program), rows in sorted(grouped.items()):
        criteria: dict[str, Criterion] = {}
        performances: dict[int, Performance] = {}
        marks: list[ScoreEntry] = []
        for number, p in enumerate(sorted(rows, key=lambda p: p["performance_id"]), start=1):
            panel_marks = {}
            for aspect in aspects_of[p["performance_id"]]:
                key = component_key(aspect["aspect_desc"])
                factor = float(aspect["factor"])
                criteria[key] = Criterion(key, key, key, factor * 10, min=0, max=10, step=0.25)
                panel_marks[key] = Decimal(aspect["scores_of_panel"])
                marks += [ScoreEntry(j, number, key, m) for j, m in judges[aspect["aspect_id"]]]
            performances[number] = Performance(
                name=p["name"],
                rank=int(p["rank"]),
                tss=float(p["total_segment_score"]),
                tes=float(p["total_element_score"]),
                pcs=Decimal(p["total_component_score"]),
                panel_marks=panel_marks,
            )
        result.append(Segment(program, performances, list(criteria.values()), marks))
    return result


@needs_isu
def test_isu_program_components_are_trimmed_means() -> None:
    """Every component's panel mark and every performance's PCS (the protocol's rounding: panel
    mark to 2 decimals, then factor × mark to 2 decimals, then the sum), and the PCS order:
    2,095 components, 419 performances, 16 segments."""
    components = checked = 0
    for segment in segments():
        factor = {c.key: Decimal(repr(c.weight / 10)) for c in segment.criteria}
        rows = compute_ranking(
            segment.criteria, segment.marks, segment.performances, method="trimmed"
        )
        for row in rows:
            performance = segment.performances[row.nomination]
            assert row.by_criterion.keys() == performance.panel_marks.keys()
            pcs = Decimal(0)
            for key, value in row.by_criterion.items():
                assert two_decimals(value) == performance.panel_marks[key], (performance, key)
                pcs += two_decimals(two_decimals(value) * factor[key])
                components += 1
            assert pcs == performance.pcs, performance
            # Our score is the PCS before rounding: within the two roundings of each component.
            assert row.score is not None
            slack = sum(Decimal("0.005") * (f + 1) for f in factor.values())
            assert abs(Decimal(repr(row.score)) - performance.pcs) <= slack, performance
            checked += 1
        # The order: nobody we rank ahead has a lower official PCS. (Four pairs are exactly
        # equal before rounding and 0.01 apart after it: those we rank as ties.)
        official = {row.nomination: segment.performances[row.nomination].pcs for row in rows}
        for ahead, behind in itertools.pairwise(rows):
            if ahead.rank < behind.rank:
                assert official[ahead.nomination] >= official[behind.nomination]
            else:
                assert ahead.score == behind.score
    assert components == 2095 and checked == 419


@needs_isu
def test_hanyu_performance_component_worked_example() -> None:
    # SOURCE.md: drop one 10.0 and the 9.25; the other seven sum to 69.00; 69/7 = 9.857 -> 9.86
    marks = [10.0, 10.0, 9.75, 10.0, 9.25, 10.0, 9.75, 10.0, 9.5]
    c = Criterion("performance", "P", "P", weight=20, min=0, max=10, step=0.25)
    entries = [ScoreEntry(f"J{i}", 1, "performance", m) for i, m in enumerate(marks, 1)]
    [row] = compute_ranking([c], entries, [1], method="trimmed")
    assert row.by_criterion["performance"] == 69 / 7
    assert two_decimals(row.by_criterion["performance"]) == Decimal("9.86")


@needs_isu
def test_isu_segment_places_with_the_official_tie_break() -> None:
    """All 419 official places from TSS with the ISU tie-break as our chain: PCS in a free
    skate or free dance, TES in a short program or short dance. Europeans 2017 ladies' free
    skating has the one tie: Lindfors and Gjersem both 80.62; Lindfors is 22nd on PCS although
    Gjersem's TES is higher."""
    tss = Criterion("tss", "TSS", "TSS", weight=400, min=0, max=400, step=0)  # points = TSS
    pcs = Criterion("pcs", "PCS", "PCS", weight=0, min=0, max=200, step=0)  # tie-break only
    tes = Criterion("tes", "TES", "TES", weight=0, min=0, max=200, step=0)  # tie-break only
    checked = 0
    decided: dict[str, str] = {}
    for segment in segments():
        entries = [
            ScoreEntry("", n, key, value)
            for n, p in segment.performances.items()
            for key, value in (("tss", p.tss), ("pcs", float(p.pcs)), ("tes", p.tes))
        ]
        chain = ["pcs"] if "FREE" in segment.program else ["tes"]
        rows = compute_ranking([tss, pcs, tes], entries, segment.performances, tie_break=chain)
        for row in rows:
            performance = segment.performances[row.nomination]
            assert row.rank == performance.rank, (segment.program, performance)
            assert not row.tied
            if row.decided_by is not None:
                decided[performance.name] = row.decided_by
            checked += 1
    assert checked == 419
    assert decided == {
        "Viveca LINDFORS": "pcs",
        "Anne Line GJERSEM": "pcs",
    }


@pytest.mark.skipif(not EUROVISION.exists(), reason="shared/realdata is not beside the checkout")
def test_eurovision_national_juries_with_exponential_scores() -> None:
    """Each juror's rank r scored as 12·e^(−0.19·(r−1)) on a 0–12 scale: the mean reproduces
    every official national jury rank (2022–2024), which needs full precision."""
    weight = Criterion("points", "Pisteet", "Points", weight=12, min=0, max=12, step=0)
    blocks: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    with EUROVISION.open(newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if row["voting_country"] != "Rest Of The World":
                blocks[(row["year"], row["show"], row["voting_country"])].append(row)
    checked = 0
    for rows in blocks.values():
        jurors = [j for j in "ABCDE" if any(r[f"juror_{j}"] for r in rows)]
        if not jurors:  # televote-only shows and the 2022 substitute juries
            continue
        scores = [
            ScoreEntry(j, i, "points", 12 * math.exp(-0.19 * (int(r[f"juror_{j}"]) - 1)))
            for i, r in enumerate(rows, start=1)
            for j in jurors
            if r[f"juror_{j}"]
        ]
        result = compute_ranking([weight], scores, range(1, len(rows) + 1), method="mean")
        for ranked in result:
            assert not ranked.tied
            assert ranked.rank == int(rows[ranked.nomination - 1]["jury_rank"]), rows[0]
            checked += 1
    assert checked == 3264
