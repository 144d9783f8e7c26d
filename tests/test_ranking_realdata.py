"""The trimmed-mean rule against real, officially published judging: ISU figure skating 2017
(Europeans and Worlds), 9 judges per program component, one highest and one lowest mark dropped.
The data lives in shared/realdata beside the checkout and is never copied into the project."""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from awards.models import Criterion
from awards.ranking import ScoreEntry, compute_ranking

DATA = Path(__file__).resolve().parents[2] / "shared" / "realdata" / "isu-figure-skating-2017"
pytestmark = pytest.mark.skipif(
    not DATA.exists(), reason="shared/realdata is not beside the checkout"
)


def two_decimals(value: float) -> Decimal:
    """The ISU protocol's rounding: half up, to 2 decimals."""
    return Decimal(repr(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def read(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


def test_isu_program_components_are_trimmed_means() -> None:
    aspects = {
        a["aspect_id"]: a for a in read("judged-aspects.csv") if a["section"] == "components"
    }
    performances = {p["performance_id"]: p for p in read("performances.csv")}
    marks: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in read("judge-scores.csv"):
        if row["aspect_id"] in aspects:
            marks[row["aspect_id"]].append((row["judge"], float(row["score"])))
    # One "round" per segment: performances are nominations, components are criteria worth
    # factor × 10 points on a 0-10 scale, so points = factor × panel mark, as the ISU sums them.
    segments: dict[tuple[str, str], list[str]] = defaultdict(list)
    for performance_id, p in performances.items():
        segments[(p["competition"], p["program"])].append(performance_id)
    checked = pcs_checked = 0
    for ids in segments.values():
        number = {pid: i for i, pid in enumerate(sorted(ids), start=1)}
        scores, criteria, official = [], {}, {}
        for aspect_id, aspect in aspects.items():
            if aspect["performance_id"] not in number:
                continue
            key = aspect["aspect_desc"].split("/")[0].strip().lower().replace(" ", "-")
            factor = float(aspect["factor"])
            criteria[key] = Criterion(key, key, key, weight=factor * 10, min=0, max=10, step=0.25)
            nomination = number[aspect["performance_id"]]
            official[(nomination, key)] = Decimal(aspect["scores_of_panel"])
            for judge, score in marks[aspect_id]:
                scores.append(ScoreEntry(judge, nomination, key, score))
        rows = compute_ranking(list(criteria.values()), scores, number.values(), method="trimmed")
        for row in rows:
            pcs = Decimal(0)
            for key, value in row.by_criterion.items():
                assert two_decimals(value) == official[(row.nomination, key)], (row, key)
                checked += 1
                factor = Decimal(repr(criteria[key].weight / 10))
                pcs += (two_decimals(value) * factor).quantize(Decimal("0.01"), ROUND_HALF_UP)
            performance = performances[sorted(ids)[row.nomination - 1]]
            assert pcs == Decimal(performance["total_component_score"]), performance["name"]
            pcs_checked += 1
    assert checked == 2095 and pcs_checked == 419


def test_hanyu_performance_component_worked_example() -> None:
    marks = [10.0, 10.0, 9.75, 10.0, 9.25, 10.0, 9.75, 10.0, 9.5]
    c = Criterion("performance", "P", "P", weight=20, min=0, max=10, step=0.25)
    [row] = compute_ranking(
        [c],
        [ScoreEntry(f"J{i}", 1, "performance", m) for i, m in enumerate(marks, 1)],
        [1],
        method="trimmed",
    )
    assert two_decimals(row.by_criterion["performance"]) == Decimal("9.86")  # 69 / 7


EUROVISION = DATA.parent / "eurovision-jury-2022-2024" / "juror_rankings_2022_2024.csv"


@pytest.mark.skipif(not EUROVISION.exists(), reason="shared/realdata is not beside the checkout")
def test_eurovision_national_juries_with_exponential_scores() -> None:
    """Each juror's rank r scored as 12·e^(−0.19·(r−1)) on a 0–12 scale: the mean reproduces
    every official national jury rank (2022–2024), which needs full precision."""
    import math

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
        for row in result:
            assert not row.tied
            assert row.rank == int(rows[row.nomination - 1]["jury_rank"]), rows[0]
            checked += 1
    assert checked == 3264
