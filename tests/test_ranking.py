"""The ranking rules (README, "How rankings are computed") on hand-computed examples, and the
properties every ranking must have whatever the scores."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from awards.errors import InvalidValue
from awards.models import Criterion
from awards.presets import PRESETS
from awards.ranking import (
    DISAGREEMENT_SHARE,
    TIE_TOLERANCE,
    RankingRow,
    ScoreEntry,
    compute_ranking,
    group_scores,
    juror_total,
    total_points,
)
from awards.ranking import METHOD_NAMES as METHODS

A = Criterion("a", "A", "A", weight=20, min=0, max=10, step=0.5)
B = Criterion("b", "B", "B", weight=80, min=0, max=10, step=0.5)
C = Criterion("c", "C", "C", weight=60, min=0, max=10, step=0.5)

Table = dict[tuple[str, int], dict[str, float]]


def entries(table: Mapping[tuple[str, int], Mapping[str, float]]) -> list[ScoreEntry]:
    """{(juror, nomination): {criterion: value}} -> score entries."""
    return [ScoreEntry(j, n, c, v) for (j, n), values in table.items() for c, v in values.items()]


def by_id(rows: list[RankingRow]) -> dict[int, RankingRow]:
    return {r.nomination: r for r in rows}


# ---- points and the mean -------------------------------------------------------------------


def test_mean_weights_are_points() -> None:
    table = {("x", 1): {"a": 8, "b": 5}, ("y", 1): {"a": 6, "b": 7}}
    [row] = compute_ranking([A, B], entries(table), [1])
    # a = (8 + 6)/2 = 7 -> 20·7/10 = 14;  b = (5 + 7)/2 = 6 -> 80·6/10 = 48;  score 62 of 100
    assert row.by_criterion == {"a": 7, "b": 6}
    assert row.score == 62
    # x: 20·8/10 + 80·5/10 = 16 + 40 = 56;  y: 12 + 56 = 68
    assert row.juror_totals == {"x": 56, "y": 68}
    # mean 62, deviations ±6: population σ 6, range 12
    assert row.spread == 6 and row.score_range == 12
    assert row.jurors == 2 and row.rank == 1 and not row.tied and not row.incomplete


def test_organisation_scale_0_to_100_step_5_with_weights_110_and_450() -> None:
    criteria = PRESETS["service-desk"].criteria
    values = {
        "leadership": 60,
        "people": 55,
        "customers": 70,
        "services": 65,
        "partnerships": 50,
        "results": 80,
    }
    [row] = compute_ranking(criteria, [ScoreEntry("", 1, k, v) for k, v in values.items()], [1])
    # 110·0.60 + 110·0.55 + 110·0.70 + 110·0.65 + 110·0.50 + 450·0.80
    # = 66 + 60.5 + 77 + 71.5 + 55 + 360 = 690 of 1000
    assert row.score == 690
    assert total_points(criteria) == 1000
    assert row.jurors == 1 and row.juror_totals == {"": 690}
    assert row.spread == 0.0 and row.score_range == 0.0 and not row.disagreement


def test_advisor_criteria_are_worth_20_points_each() -> None:
    criteria = PRESETS["customer-advisor"].criteria
    # 7.5 everywhere: 5 · 20 · 7.5/10 = 75 of 100
    [row] = compute_ranking(criteria, [ScoreEntry("x", 1, c.key, 7.5) for c in criteria], [1])
    assert row.score == 75


def test_total_points_and_juror_total() -> None:
    assert total_points([A, B, C]) == 160
    # 20·10/10 + 60·2.5/10 = 20 + 15 = 35 (b not scored: no points from it)
    assert juror_total({"a": A, "b": B, "c": C}, {"a": 10, "c": 2.5}) == 35


def test_a_criterion_with_a_non_zero_minimum() -> None:
    scale = Criterion("s", "S", "S", weight=10, min=1, max=5, step=1)
    # (4 − 1)/(5 − 1) = 0.75 -> 7.5 points
    [row] = compute_ranking([scale], [ScoreEntry("x", 1, "s", 4)], [1])
    assert row.score == 7.5 and row.by_criterion == {"s": 4}


# ---- the other methods ---------------------------------------------------------------------


def test_median_odd_and_even_count() -> None:
    table = {(j, 1): {"a": v} for j, v in zip("wxyz", (2, 9, 4, 6), strict=True)}
    table |= {(j, 2): {"a": v} for j, v in zip("wxy", (2, 9, 4), strict=True)}
    rows = by_id(compute_ranking([A], entries(table), [1, 2], method="median"))
    assert rows[1].by_criterion["a"] == 5  # 2 4 6 9: mean of the middle two, (4 + 6)/2
    assert rows[2].by_criterion["a"] == 4  # 2 4 9: the middle one
    assert rows[1].score == 10  # 20 · 5/10


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ((7,), 7),  # one score: itself
        ((2, 9), 5.5),  # fewer than 3: the plain mean (2 + 9)/2
        ((2, 9, 4), 4),  # drop 9 and 2
        ((2, 9, 4, 6), 5),  # drop 9 and 2: (4 + 6)/2
        ((9, 9, 4, 4, 5), 6),  # drop ONE 9 and ONE 4: (9 + 4 + 5)/3
        ((9, 9, 9, 4), 9),  # drop one 9 and the 4: (9 + 9)/2
    ],
)
def test_trimmed_drops_one_highest_and_one_lowest(values: tuple[float, ...], expected) -> None:
    table = {(f"j{i}", 1): {"a": v} for i, v in enumerate(values)}
    [row] = compute_ranking([A], entries(table), [1], method="trimmed")
    assert row.by_criterion["a"] == expected


def test_zscore_puts_a_strict_and_a_generous_juror_on_one_scale() -> None:
    # x is generous and prefers n1 (10 vs 6); y is strict and prefers n2 (2 vs 4).
    table = {("x", 1): {"a": 10}, ("x", 2): {"a": 6}, ("y", 1): {"a": 2}, ("y", 2): {"a": 4}}
    mean = by_id(compute_ranking([A], entries(table), [1, 2]))
    assert mean[1].rank == 1 and mean[2].rank == 2  # 6 vs 5: the generous juror decides
    rows = compute_ranking([A], entries(table), [1, 2], method="zscore")
    # x: μ 8, σ 2 -> z(n1) = +1, z(n2) = −1;  y: μ 3, σ 1 -> z(n1) = −1, z(n2) = +1.
    # All scores 10 6 2 4: μ = 5.5, σ = √((4.5² + 0.5² + 3.5² + 1.5²)/4) = √8.75.
    # n1 = ((5.5 + σ) + (5.5 − σ))/2 = 5.5 = n2: each juror's favourite counts the same.
    for row in rows:
        assert row.by_criterion["a"] == pytest.approx(5.5, abs=1e-12)
        assert row.rank == 1 and row.tied


def test_zscore_standardises_over_the_nominations_each_juror_scored() -> None:
    # x scored n1, n2 only; y scored n1, n2, n3.
    table = {("x", 1): {"a": 10}, ("x", 2): {"a": 6}}
    table |= {("y", 1): {"a": 2}, ("y", 2): {"a": 4}, ("y", 3): {"a": 6}}
    rows = by_id(compute_ranking([A], entries(table), [1, 2, 3], method="zscore"))
    # Round: 10 6 2 4 6 -> μ = 28/5 = 5.6, σ² = (4.4² + 0.4² + 3.6² + 1.6² + 0.4²)/5 = 7.04.
    # x: μ 8, σ 2.  y: μ 4, σ² = (4 + 0 + 4)/3 = 8/3.
    sigma, sigma_y = math.sqrt(7.04), math.sqrt(8 / 3)
    z_y = {1: -2 / sigma_y, 2: 0.0, 3: 2 / sigma_y}
    z_x = {1: 1.0, 2: -1.0}
    for n in (1, 2):
        expected = ((5.6 + z_x[n] * sigma) + (5.6 + z_y[n] * sigma)) / 2
        assert rows[n].by_criterion["a"] == pytest.approx(expected, rel=1e-12)
    # n3 has only y: 5.6 + (2/√(8/3))·√7.04 ≈ 8.8496
    assert rows[3].by_criterion["a"] == pytest.approx(5.6 + z_y[3] * sigma, rel=1e-12)
    assert rows[3].by_criterion["a"] == pytest.approx(8.8496, abs=1e-4)
    assert [r.nomination for r in sorted(rows.values(), key=lambda r: r.rank)] == [3, 1, 2]


def test_zscore_juror_with_no_spread_gives_z_zero() -> None:
    table = {("x", 1): {"a": 5}, ("x", 2): {"a": 5}, ("y", 1): {"a": 2}, ("y", 2): {"a": 8}}
    rows = by_id(compute_ranking([A], entries(table), [1, 2], method="zscore"))
    # All scores 5 5 2 8: μ 5, σ = √((0 + 0 + 9 + 9)/4) = √4.5. x has σ_x = 0 -> z = 0 -> 5.
    # y: μ 5, σ 3 -> z = −1 (n1), +1 (n2) -> 5 ∓ √4.5.   a(n1) = (5 + 5 − √4.5)/2
    assert rows[1].by_criterion["a"] == pytest.approx(5 - math.sqrt(4.5) / 2)
    assert rows[2].by_criterion["a"] == pytest.approx(5 + math.sqrt(4.5) / 2)
    assert rows[1].score == pytest.approx(2 * (5 - math.sqrt(4.5) / 2))  # 20/10 · a
    assert rows[2].rank == 1


def test_zscore_juror_whose_scores_are_all_one_value_is_never_noise() -> None:
    # x gives 0.1 three times; the float mean of three 0.1 is 0.10000000000000002, and that
    # last-bit difference must not become a σ (it would make every z of x equal to −1).
    c = Criterion("c", "C", "C", weight=1, min=0, max=1, step=0)
    table = {("x", n): {"c": 0.1} for n in (1, 2, 3)} | {("y", n): {"c": n / 4} for n in (1, 2, 3)}
    rows = by_id(compute_ranking([c], entries(table), [1, 2, 3], method="zscore"))
    # n2: x has z = 0, and y's 0.5 is y's own mean, z = 0: both map to the round's mean.
    round_mean = math.fsum([0.1, 0.1, 0.1, 0.25, 0.5, 0.75]) / 6
    assert rows[2].by_criterion["c"] == round_mean
    assert [rows[n].rank for n in (3, 2, 1)] == [1, 2, 3]  # y alone decides the order


def test_rank_method_shares_mean_ranks_and_lower_is_better() -> None:
    table = {
        ("x", 1): {"a": 9},
        ("x", 2): {"a": 9},
        ("x", 3): {"a": 1},
        ("y", 1): {"a": 3},
        ("y", 2): {"a": 7},
        ("y", 3): {"a": 8},
    }
    rows = compute_ranking([A], entries(table), [1, 2, 3, 4], method="rank")
    # x: n1 and n2 tie for ranks 1-2 -> 1.5 each, n3 = 3.   y: n3 = 1, n2 = 2, n1 = 3.
    # n1 = (1.5 + 3)/2 = 2.25;  n2 = (1.5 + 2)/2 = 1.75;  n3 = (3 + 1)/2 = 2;  n4 unscored.
    assert [(r.nomination, r.rank, r.score) for r in rows] == [
        (2, 1, 1.75),
        (3, 2, 2.0),
        (1, 3, 2.25),
        (4, 4, None),
    ]
    assert by_id(rows)[1].by_criterion == {"a": 6}  # still the mean a_c: (9 + 3)/2


# ---- ties ----------------------------------------------------------------------------------


def test_equal_scores_share_a_rank_and_unscored_rows_come_last() -> None:
    table = {("x", 1): {"a": 7}, ("x", 2): {"a": 7}, ("x", 3): {"a": 5}, ("x", 6): {"a": 1}}
    rows = compute_ranking([A], entries(table), [5, 4, 3, 2, 1, 6])
    assert [(r.nomination, r.rank, r.tied) for r in rows] == [
        (1, 1, True),
        (2, 1, True),
        (3, 3, False),  # standard competition ranking: 1, 1, 3
        (6, 4, False),
        (4, 5, True),  # no scores: last, tied among themselves
        (5, 5, True),
    ]
    assert [r.score for r in rows[-2:]] == [None, None]
    assert all(r.incomplete and r.by_criterion == {} and r.jurors == 0 for r in rows[-2:])


def test_float_noise_is_still_a_tie() -> None:
    c = Criterion("c", "C", "C", weight=1, min=0, max=1, step=0)
    # n1: (0.3 + 0)/2 and n2: (0.1 + 0.2)/2 are the same number, but not the same float:
    # n2 is 0.15000000000000002. They tie, and inside the tie the order is by id, not by noise.
    table: Table = {
        ("x", 1): {"c": 0.3},
        ("y", 1): {"c": 0},
        ("x", 2): {"c": 0.1},
        ("y", 2): {"c": 0.2},
    }
    rows = compute_ranking([c], entries(table), [1, 2])
    assert rows[1].score is not None and rows[0].score is not None
    assert rows[1].score > rows[0].score  # by a float's last bit
    assert [(r.nomination, r.rank, r.tied) for r in rows] == [(1, 1, True), (2, 1, True)]


def test_a_real_difference_is_never_a_tie() -> None:
    c = Criterion("c", "C", "C", weight=1000, min=0, max=100, step=0)
    table: Table = {("x", 1): {"c": 50}, ("x", 2): {"c": 50 + 1e-6}}
    rows = compute_ranking([c], entries(table), [1, 2])
    assert [(r.nomination, r.rank, r.tied) for r in rows] == [(2, 1, False), (1, 2, False)]
    assert 1000 * TIE_TOLERANCE < 1e-5  # the difference above is far beyond the tolerance


def tie_break_table() -> Table:
    # With A (20), B (20) and C (60) points:
    #   n1: a 8, b 4, c 5 -> 16 + 8 + 30 = 54
    #   n2: a 8, b 7, c 4 -> 16 + 14 + 24 = 54
    #   n3: a 5, b 4, c 6 -> 10 + 8 + 36 = 54
    #   n4: a 8, b 4, c 5 -> 54 (the same as n1)
    #   n5: 10 everywhere -> 100
    return {
        ("x", 1): {"a": 8, "b": 4, "c": 5},
        ("x", 2): {"a": 8, "b": 7, "c": 4},
        ("x", 3): {"a": 5, "b": 4, "c": 6},
        ("x", 4): {"a": 8, "b": 4, "c": 5},
        ("x", 5): {"a": 10, "b": 10, "c": 10},
    }


B20 = Criterion("b", "B", "B", weight=20, min=0, max=10, step=0.5)


def test_without_a_tie_break_the_four_share_second_place() -> None:
    rows = compute_ranking([A, B20, C], entries(tie_break_table()), [1, 2, 3, 4, 5])
    assert [(r.nomination, r.rank, r.tied, r.decided_by) for r in rows] == [
        (5, 1, False, None),
        (1, 2, True, None),
        (2, 2, True, None),
        (3, 2, True, None),
        (4, 2, True, None),
    ]


def test_tie_break_chain_decides_key_by_key_and_says_which_key() -> None:
    rows = compute_ranking(
        [A, B20, C], entries(tie_break_table()), [1, 2, 3, 4, 5], tie_break=["a", "b"]
    )
    # a: n1, n2, n4 have 8, n3 has 5 -> n3 last of the four, decided by a.
    # b among n1, n2, n4: n2 has 7, n1 and n4 have 4 -> n2 first, decided by b.
    # n1 and n4 are equal on a and b: still tied after the chain, sharing 3rd.
    assert [(r.nomination, r.rank, r.tied, r.decided_by) for r in rows] == [
        (5, 1, False, None),
        (2, 2, False, "b"),
        (1, 3, True, "b"),
        (4, 3, True, "b"),
        (3, 5, False, "a"),
    ]


def test_tie_break_on_a_criterion_where_the_tied_rows_are_equal_changes_nothing() -> None:
    table = {("x", 1): {"a": 8, "b": 6}, ("x", 2): {"a": 8, "b": 6}}
    rows = compute_ranking([A, B], entries(table), [2, 1], tie_break=["a", "b"])
    assert [(r.nomination, r.rank, r.tied, r.decided_by) for r in rows] == [
        (1, 1, True, None),
        (2, 1, True, None),
    ]


def test_tie_break_with_the_rank_method_still_prefers_the_higher_criterion_value() -> None:
    # One juror each way: x prefers n1, y prefers n2 -> mean ranks 1.5 and 1.5, tied.
    table = {("x", 1): {"a": 9}, ("x", 2): {"a": 8}, ("y", 1): {"a": 2}, ("y", 2): {"a": 5}}
    rows = compute_ranking([A], entries(table), [1, 2], method="rank", tie_break=["a"])
    # a: n1 (9 + 2)/2 = 5.5, n2 (8 + 5)/2 = 6.5 -> n2 first
    assert [(r.nomination, r.rank, r.score, r.decided_by) for r in rows] == [
        (2, 1, 1.5, "a"),
        (1, 2, 1.5, "a"),
    ]


def test_unknown_tie_break_key_names_the_known_keys() -> None:
    with pytest.raises(InvalidValue, match=r"'nope'.*a, b"):
        compute_ranking([A, B], [], [1], tie_break=["nope"])


# ---- flags ---------------------------------------------------------------------------------


def test_incomplete_follows_the_expected_jurors() -> None:
    table = {
        ("x", 1): {"a": 5, "b": 5},
        ("y", 1): {"a": 5, "b": 5},
        ("x", 2): {"a": 5, "b": 5},
        ("y", 2): {"a": 5},  # y left b empty
        ("x", 3): {"a": 5, "b": 5},  # y never scored n3
    }
    expected = {1: ["x", "y"], 2: ["x", "y"], 3: ["x", "y"]}
    rows = by_id(compute_ranking([A, B], entries(table), [1, 2, 3], expected=expected))
    assert [rows[n].incomplete for n in (1, 2, 3)] == [False, True, True]
    # Without `expected` only the jurors who did score count: n3's one juror is complete.
    rows = by_id(compute_ranking([A, B], entries(table), [1, 2, 3]))
    assert [rows[n].incomplete for n in (1, 2, 3)] == [False, True, False]


def test_disagreement_at_a_quarter_of_the_points() -> None:
    assert DISAGREEMENT_SHARE == 0.25  # 25 of A + B's 100 points
    table: Table = {
        # n1: x 20 + 80·5/10 = 60;  y 20·7.5/10 + 80·2.5/10 = 15 + 20 = 35 -> range 25
        ("x", 1): {"a": 10, "b": 5},
        ("y", 1): {"a": 7.5, "b": 2.5},
        # n2: x 60;  y 16 + 20 = 36 -> range 24
        ("x", 2): {"a": 10, "b": 5},
        ("y", 2): {"a": 8, "b": 2.5},
        # n3: one juror, however extreme
        ("x", 3): {"a": 10, "b": 10},
    }
    rows = by_id(compute_ranking([A, B], entries(table), [1, 2, 3]))
    assert [rows[n].disagreement for n in (1, 2, 3)] == [True, False, False]
    # n1: totals 60 and 35 -> mean 47.5, σ 12.5, range 25
    assert rows[1].spread == 12.5 and rows[1].score_range == 25
    assert rows[2].spread == 12 and rows[2].score_range == 24
    assert rows[3].spread == 0.0 and rows[3].score_range == 0.0


def test_spread_and_range_with_three_jurors() -> None:
    # totals 40, 60, 80 (A+B, b only): mean 60, σ = √((400 + 0 + 400)/3), range 40
    table = {(j, 1): {"b": v} for j, v in zip("xyz", (5, 7.5, 10), strict=True)}
    [row] = compute_ranking([A, B], entries(table), [1])
    assert row.juror_totals == {"x": 40, "y": 60, "z": 80}
    assert row.spread == pytest.approx(math.sqrt(800 / 3), rel=1e-15)
    assert row.score_range == 40 and row.disagreement
    assert row.by_criterion == {"b": 7.5}  # a not scored: not listed, no points from it
    assert row.incomplete  # every juror left a empty


# ---- refusals ------------------------------------------------------------------------------


def test_refusals() -> None:
    with pytest.raises(InvalidValue, match=r"'zz'.*a"):
        compute_ranking([A], [ScoreEntry("x", 1, "zz", 1)], [1])
    with pytest.raises(InvalidValue, match="nomination 9"):
        compute_ranking([A], [ScoreEntry("x", 9, "a", 1)], [1])
    with pytest.raises(InvalidValue, match="borda"):
        compute_ranking([A], [], [1], method="borda")
    with pytest.raises(InvalidValue, match="finite"):
        compute_ranking([A], [ScoreEntry("x", 1, "a", math.nan)], [1])
    with pytest.raises(InvalidValue, match="two different scores"):
        compute_ranking([A], [ScoreEntry("x", 1, "a", 1), ScoreEntry("x", 1, "a", 2)], [1])
    # The very same entry twice is harmless.
    [row] = compute_ranking([A], [ScoreEntry("x", 1, "a", 4)] * 2, [1])
    assert row.score == 8 and row.jurors == 1


def test_rows_naming_jurors_by_id_group_as_rows_naming_them() -> None:
    # A store hands in its cursor's rows (juror ids) with what each id stands for.
    named = [("x", 1, "a", 4.0), ("y", 1, "a", 6.0), ("x", 2, "a", 9.0), ("", 2, "a", 1.0)]
    emails = {7: "x", 8: "y", None: ""}
    ids = {"x": 7, "y": 8, "": None}
    by_id = [(ids[j], n, k, v) for j, n, k, v in named]
    by_key = {"a": A}
    assert group_scores(by_id, by_key, [1, 2], emails) == group_scores(named, by_key, [1, 2])
    assert group_scores(by_id, by_key, [1, 2], emails) == {
        1: {"a": {"x": 4.0, "y": 6.0}},
        2: {"a": {"x": 9.0, "": 1.0}},
    }
    # The same value twice as two float objects is one score; two values are refused by name.
    assert group_scores([*by_id, (7, 1, "a", float("4"))], by_key, [1, 2], emails)[1]["a"] == {
        "x": 4.0,
        "y": 6.0,
    }
    with pytest.raises(InvalidValue, match="two different scores from x for nomination 1, a"):
        group_scores([*by_id, (7, 1, "a", 5.0)], by_key, [1, 2], emails)
    # A nomination's first and only NaN is refused as not finite, not as a second score.
    with pytest.raises(InvalidValue, match="nomination 2, a is not a finite"):
        group_scores([(7, 2, "a", math.nan)], by_key, [2], emails)


def test_a_round_without_nominations_has_no_rows() -> None:
    assert compute_ranking([A], [], []) == []


# ---- properties ----------------------------------------------------------------------------

# Weights and scales that make float arithmetic inexact on purpose.
P = Criterion("p", "P", "P", weight=0.7, min=0, max=10, step=0.5)
Q = Criterion("q", "Q", "Q", weight=3.3, min=1, max=7, step=1)
R = Criterion("r", "R", "R", weight=450, min=0, max=100, step=5)
CRITERIA = [P, Q, R]


def grid(c: Criterion) -> list[float]:
    count = round((c.max - c.min) / c.step)
    return [c.min + i * c.step for i in range(count + 1)]


def on_scale(c: Criterion) -> st.SearchStrategy[float]:
    return st.sampled_from(grid(c))


@st.composite
def full_rounds(draw: st.DrawFn) -> tuple[list[int], list[str], Table]:
    """Every juror scores every nomination on every criterion, on the criterion's steps."""
    ids = list(range(1, draw(st.integers(1, 7)) + 1))
    jurors = [f"j{i}" for i in range(draw(st.integers(1, 5)))]
    table = {(j, n): {c.key: draw(on_scale(c)) for c in CRITERIA} for j in jurors for n in ids}
    return ids, jurors, table


@st.composite
def partial_rounds(draw: st.DrawFn) -> tuple[list[int], Table]:
    """Any values on the scales (not only the steps), cells left empty at random."""
    ids = list(range(1, draw(st.integers(1, 7)) + 1))
    jurors = [f"j{i}" for i in range(draw(st.integers(1, 5)))]
    table: Table = {}
    for j in jurors:
        for n in ids:
            values = {
                c.key: draw(st.floats(c.min, c.max, allow_nan=False))
                for c in CRITERIA
                if draw(st.booleans()) or draw(st.booleans())
            }
            if values:
                table[(j, n)] = values
    return ids, table


def ranking_of_a_connected_design(*args: Any, **options: Any) -> list[RankingRow]:
    """compute_ranking, with the random rounds `adjusted` cannot rank (jurors who share no
    nomination with the rest) left out of the property."""
    try:
        return compute_ranking(*args, **options)
    except InvalidValue as exc:
        assume("connected design" not in str(exc))
        raise


@settings(max_examples=50, deadline=None)
@given(partial_rounds(), st.sampled_from(METHODS), st.randoms(use_true_random=False))
def test_entry_order_never_matters(data, method, rnd) -> None:
    ids, table = data
    scores = entries(table)
    shuffled = scores[:]
    rnd.shuffle(shuffled)
    first = ranking_of_a_connected_design(
        CRITERIA, scores, ids, method=method, tie_break=["r", "p"]
    )
    second = compute_ranking(
        CRITERIA, shuffled, list(reversed(ids)), method=method, tie_break=["r", "p"]
    )
    assert first == second  # every field, exact float equality
    # Juror totals are exactly what the shared helper gives, to the last bit.
    criteria_by_key = {c.key: c for c in CRITERIA}
    for row in first:
        for juror, total in row.juror_totals.items():
            assert total == juror_total(criteria_by_key, table[(juror, row.nomination)])


@settings(max_examples=40, deadline=None)
@given(full_rounds(), *(on_scale(c) for c in CRITERIA))
def test_a_juror_giving_everyone_the_same_changes_no_mean_order(data, vp, vq, vr) -> None:
    ids, _, table = data
    before = compute_ranking(CRITERIA, entries(table), ids)
    flat = table | {("flat", n): {"p": vp, "q": vq, "r": vr} for n in ids}
    after = compute_ranking(CRITERIA, entries(flat), ids)
    assert [(r.nomination, r.rank, r.tied) for r in before] == [
        (r.nomination, r.rank, r.tied) for r in after
    ]


@settings(max_examples=50, deadline=None)
@given(partial_rounds(), st.sampled_from(METHODS))
def test_ranks_cover_every_nomination(data, method) -> None:
    ids, table = data
    all_ids = [*ids, 98, 99]  # two nominations nobody scored
    rows = ranking_of_a_connected_design(CRITERIA, entries(table), all_ids, method=method)
    assert sorted(r.nomination for r in rows) == sorted(all_ids)
    counts = Counter(r.rank for r in rows)
    for i, row in enumerate(rows):
        if i == 0:
            assert row.rank == 1
        elif row.rank != rows[i - 1].rank:
            assert row.rank == i + 1  # competition ranking: 1 + the rows ahead
        else:
            assert row.nomination > rows[i - 1].nomination  # within a tie: by id
        assert row.tied == (counts[row.rank] > 1)
    scored = [r.score for r in rows if r.score is not None]
    lower_is_better = method == "rank"
    for a, b in itertools.pairwise(rows[: len(scored)]):
        # Best first; rows that tie (equal within the tie tolerance) stand in id order.
        assert a.rank == b.rank or (a.score <= b.score if lower_is_better else a.score >= b.score)
    assert all(r.score is None and r.incomplete for r in rows[len(scored) :])
    assert {r.nomination for r in rows[len(scored) :]} >= {98, 99}


@st.composite
def dominated_pairs(draw: st.DrawFn) -> tuple[list[int], Table]:
    """Nominations 1 and 2 scored by the same jurors; every juror gives n2 strictly more than n1
    on every criterion. Nominations 3.. are random."""
    ids, jurors, table = draw(full_rounds())
    others = [n + 2 for n in ids]
    table = {(j, n + 2): values for (j, n), values in table.items()}
    for j in jurors:
        low, high = {}, {}
        for c in CRITERIA:
            steps = grid(c)
            i = draw(st.integers(0, len(steps) - 2))
            low[c.key] = steps[i]
            high[c.key] = steps[draw(st.integers(i + 1, len(steps) - 1))]
        table[(j, 1)], table[(j, 2)] = low, high
    return [1, 2, *others], table


@settings(max_examples=50, deadline=None)
@given(dominated_pairs(), st.sampled_from(["mean", "median", "trimmed"]))
def test_more_points_on_every_criterion_never_ranks_lower(data, method) -> None:
    ids, table = data
    rows = by_id(compute_ranking(CRITERIA, entries(table), ids, method=method))
    assert rows[2].score is not None and rows[1].score is not None
    assert rows[2].score > rows[1].score
    assert rows[2].rank < rows[1].rank
