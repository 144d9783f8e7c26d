"""The ranking rules (README, "How rankings are computed") on hand-computed examples, and their
properties."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from awards.assignment import assign_jurors
from awards.errors import InvalidValue
from awards.models import Criterion
from awards.ranking import ScoreEntry, compute_ranking

A = Criterion("a", "A", "A", weight=20, min=0, max=10, step=0.5)
B = Criterion("b", "B", "B", weight=80, min=0, max=10, step=0.5)


def entries(table: dict[tuple[str, int], dict[str, float]]) -> list[ScoreEntry]:
    return [ScoreEntry(j, n, c, v) for (j, n), values in table.items() for c, v in values.items()]


def by_id(rows):
    return {r.nomination: r for r in rows}


def test_mean_weights_are_points() -> None:
    # n1: a = (8 + 6)/2 = 7 -> 20*0.7 = 14;  b = (5 + 7)/2 = 6 -> 80*0.6 = 48;  score 62
    rows = compute_ranking(
        [A, B], entries({("x", 1): {"a": 8, "b": 5}, ("y", 1): {"a": 6, "b": 7}}), [1]
    )
    assert rows[0].score == pytest.approx(62)
    assert rows[0].by_criterion == {"a": 7, "b": 6}
    # juror totals: x = 16 + 40 = 56, y = 12 + 56 = 68 -> spread 6, range 12
    assert rows[0].juror_totals == {"x": pytest.approx(56), "y": pytest.approx(68)}
    assert rows[0].spread == pytest.approx(6) and rows[0].score_range == pytest.approx(12)


def test_organisation_scale_weights() -> None:
    results = Criterion("results", "Tulokset", "Results", weight=450, min=0, max=100, step=5)
    people = Criterion("people", "H", "P", weight=110, min=0, max=100, step=5)
    # results 80 -> 360, people 55 -> 60.5: 420.5 of 560
    rows = compute_ranking(
        [results, people], [ScoreEntry("", 1, "results", 80), ScoreEntry("", 1, "people", 55)], [1]
    )
    assert rows[0].score == pytest.approx(420.5)


def test_median_even_count_is_mean_of_middle_two() -> None:
    table = {(j, 1): {"a": v} for j, v in zip("wxyz", (2, 9, 4, 6), strict=True)}
    [row] = compute_ranking([A], entries(table), [1], method="median")
    assert row.by_criterion["a"] == 5  # middle two: 4 and 6


@pytest.mark.parametrize("values,expected", [((2, 9), 5.5), ((2, 9, 4), 4), ((2, 9, 4, 6), 5)])
def test_trimmed_drops_one_highest_and_one_lowest(values, expected) -> None:
    table = {(f"j{i}", 1): {"a": v} for i, v in enumerate(values)}
    [row] = compute_ranking([A], entries(table), [1], method="trimmed")
    assert row.by_criterion["a"] == expected


def test_zscore_restates_each_jurors_scale() -> None:
    # Juror x is strict (2, 4), juror y generous (8, 10); both put n2 above n1 by the same z.
    table = {("x", 1): {"a": 2}, ("x", 2): {"a": 4}, ("y", 1): {"a": 8}, ("y", 2): {"a": 10}}
    rows = by_id(compute_ranking([A], entries(table), [1, 2], method="zscore"))
    # All scores on a: 2, 4, 8, 10: mean 6, population sd sqrt(10). z = -1 for n1, +1 for n2.
    assert rows[1].by_criterion["a"] == pytest.approx(6 - math.sqrt(10))
    assert rows[2].by_criterion["a"] == pytest.approx(6 + math.sqrt(10))


def test_zscore_juror_with_no_spread_gives_z_zero() -> None:
    table = {("x", 1): {"a": 5}, ("x", 2): {"a": 5}, ("y", 1): {"a": 2}, ("y", 2): {"a": 8}}
    rows = by_id(compute_ranking([A], entries(table), [1, 2], method="zscore"))
    # mean 5, sd sqrt(4.5): x contributes 5 to both, y contributes 5 -/+ sqrt(4.5)
    assert rows[1].by_criterion["a"] == pytest.approx((5 + 5 - math.sqrt(4.5)) / 2)


def test_rank_method_mean_rank_lower_is_better_with_shared_ranks() -> None:
    table = {
        ("x", 1): {"a": 9},
        ("x", 2): {"a": 9},
        ("x", 3): {"a": 1},
        ("y", 1): {"a": 3},
        ("y", 2): {"a": 7},
        ("y", 3): {"a": 8},
    }
    rows = compute_ranking([A], entries(table), [1, 2, 3], method="rank")
    # x: n1 and n2 share ranks 1-2 -> 1.5 each, n3 = 3. y: n3 1, n2 2, n1 3.
    scores = {r.nomination: r.score for r in rows}
    assert scores == {1: 2.25, 2: 1.75, 3: 2.0}
    assert [r.nomination for r in rows] == [2, 3, 1]


def test_ties_share_a_rank_and_none_scores_come_last() -> None:
    table = {("x", 1): {"a": 5}, ("x", 2): {"a": 7}, ("x", 3): {"a": 5}}
    rows = compute_ranking([A], entries(table), [1, 2, 3, 4])
    assert [(r.nomination, r.rank, r.tied) for r in rows] == [
        (2, 1, False),
        (1, 2, True),
        (3, 2, True),
        (4, 4, False),
    ]
    assert rows[-1].score is None and rows[-1].incomplete


def test_float_noise_is_still_a_tie() -> None:
    c = Criterion("c", "C", "C", weight=1, min=0, max=1, step=0)
    table = {("x", 1): {"c": 0.1}, ("y", 1): {"c": 0.2}, ("x", 2): {"c": 0.3}, ("y", 2): {"c": 0}}
    rows = compute_ranking([c], entries(table), [1, 2])
    assert rows[0].tied and rows[1].tied and rows[0].rank == rows[1].rank == 1


def test_tie_break_chain_decides_and_says_which_rule() -> None:
    # n1: a 8, b 6; n2: a 6, b 6.5 -> n1 = 16 + 48 = 64, n2 = 12 + 52 = 64: tied.
    table = {("x", 1): {"a": 8, "b": 6}, ("x", 2): {"a": 6, "b": 6.5}}
    tied = compute_ranking([A, B], entries(table), [1, 2])
    assert [r.rank for r in tied] == [1, 1]
    broken = compute_ranking([A, B], entries(table), [1, 2], tie_break=["b", "a"])
    assert [(r.nomination, r.rank, r.tied, r.decided_by) for r in broken] == [
        (2, 1, False, "b"),
        (1, 2, False, "b"),
    ]


def test_a_tie_that_survives_the_chain_stays_tied() -> None:
    table = {("x", 1): {"a": 8, "b": 6}, ("x", 2): {"a": 8, "b": 6}}
    rows = compute_ranking([A, B], entries(table), [1, 2], tie_break=["a"])
    assert all(r.tied and r.rank == 1 and r.decided_by is None for r in rows)
    with pytest.raises(InvalidValue, match="tie-break"):
        compute_ranking([A, B], entries(table), [1, 2], tie_break=["nope"])


def test_incomplete_and_disagreement_flags() -> None:
    table = {("x", 1): {"a": 10, "b": 10}, ("y", 1): {"a": 0, "b": 5}, ("x", 2): {"a": 5}}
    rows = by_id(
        compute_ranking([A, B], entries(table), [1, 2], expected={1: ["x", "y"], 2: ["x", "y"]})
    )
    assert rows[1].disagreement and not rows[1].incomplete  # totals 100 vs 40
    assert rows[2].incomplete and not rows[2].disagreement


def test_refusals() -> None:
    with pytest.raises(InvalidValue):
        compute_ranking([A], [ScoreEntry("x", 1, "zz", 1)], [1])
    with pytest.raises(InvalidValue):
        compute_ranking([A], [ScoreEntry("x", 9, "a", 1)], [1])
    with pytest.raises(InvalidValue):
        compute_ranking([A], [], [1], method="borda")


# ---- properties ----------------------------------------------------------------------------

values = st.sampled_from([x / 2 for x in range(21)])


@st.composite
def rounds(draw):
    n = draw(st.integers(1, 6))
    jurors = [f"j{i}" for i in range(draw(st.integers(1, 5)))]
    table = {
        (j, k): {"a": draw(values), "b": draw(values)} for j in jurors for k in range(1, n + 1)
    }
    return list(range(1, n + 1)), jurors, table


@settings(max_examples=60, deadline=None)
@given(rounds(), st.sampled_from(["mean", "median", "trimmed", "zscore", "rank"]), st.randoms())
def test_entry_order_never_matters(data, method, rnd) -> None:
    ids, _, table = data
    scores = entries(table)
    shuffled = scores[:]
    rnd.shuffle(shuffled)
    first = compute_ranking([A, B], scores, ids, method=method)
    second = compute_ranking([A, B], shuffled, list(reversed(ids)), method=method)
    assert [(r.nomination, r.rank, r.score, r.by_criterion, r.spread) for r in first] == [
        (r.nomination, r.rank, r.score, r.by_criterion, r.spread) for r in second
    ]


@settings(max_examples=60, deadline=None)
@given(rounds(), values, values)
def test_a_juror_giving_everyone_the_same_changes_no_mean_order(data, va, vb) -> None:
    ids, _, table = data
    before = compute_ranking([A, B], entries(table), ids)
    flat = {**table, **{("flat", n): {"a": va, "b": vb} for n in ids}}
    after = compute_ranking([A, B], entries(flat), ids)
    assert [(r.nomination, r.rank) for r in before] == [(r.nomination, r.rank) for r in after]


@settings(max_examples=60, deadline=None)
@given(rounds(), st.sampled_from(["mean", "median", "trimmed", "zscore", "rank"]))
def test_ranks_cover_every_nomination(data, method) -> None:
    ids, _, table = data
    rows = compute_ranking([A, B], entries(table), [*ids, 99], method=method)
    assert sorted(r.nomination for r in rows) == sorted([*ids, 99])
    for i, row in enumerate(rows):  # competition ranking: rank = 1 + rows strictly ahead
        assert row.rank == 1 + sum(1 for r in rows[:i] if r.rank != row.rank)


@settings(max_examples=60, deadline=None)
@given(rounds(), st.sampled_from(["mean", "median", "trimmed"]))
def test_more_points_everywhere_never_ranks_lower(data, method) -> None:
    ids, jurors, table = data
    better = {**table}
    for j in jurors:  # nomination 100: every juror one step above their best on every criterion
        better[(j, 100)] = {c: min(10.0, max(table[(j, n)][c] for n in ids) + 0.5) for c in "ab"}
        better[(j, 0)] = {c: max(0.0, min(table[(j, n)][c] for n in ids) - 0.5) for c in "ab"}
    rows = by_id(compute_ranking([A, B], entries(better), [*ids, 0, 100], method=method))
    for n in ids:
        assert rows[100].rank <= rows[n].rank <= rows[0].rank


# ---- assignment ------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 40),
    st.integers(3, 12),
    st.integers(1, 3),
    st.integers(0, 5),
    st.integers(0, 1000),
)
def test_assignment_is_exact_unconflicted_and_balanced(n, j, k, conflict_count, seed) -> None:
    jurors = [f"j{i}@example.fi" for i in range(j)]
    rng = random.Random(seed)
    conflicts = {(rng.choice(jurors), rng.randint(1, n)) for _ in range(conflict_count)}
    free = {m: sum((x, m) not in conflicts for x in jurors) for m in range(1, n + 1)}
    assume(min(free.values()) >= k + 1)  # feasible, with room to balance
    pairs = assign_jurors(list(range(1, n + 1)), jurors, conflicts, k, seed=seed)
    assert not set(pairs) & conflicts
    per_nomination: dict[int, int] = {}
    loads = dict.fromkeys(jurors, 0)
    for juror, nomination in pairs:
        per_nomination[nomination] = per_nomination.get(nomination, 0) + 1
        loads[juror] += 1
    assert per_nomination == dict.fromkeys(range(1, n + 1), k)
    if not conflicts:
        assert max(loads.values()) - min(loads.values()) <= 1
    # Balanced wherever conflicts allow: no assignment of a juror carrying two or more extra
    # could move to a lighter juror who is free of conflict with it.
    assigned = {x: {m for y, m in pairs if y == x} for x in jurors}
    for heavy in jurors:
        for light in jurors:
            if loads[heavy] - loads[light] > 1:
                movable = [
                    m
                    for m in assigned[heavy]
                    if (light, m) not in conflicts and m not in assigned[light]
                ]
                assert not movable, (heavy, light, movable)


def test_assignment_is_deterministic_and_seeded() -> None:
    jurors = [f"j{i}" for i in range(6)]
    one = assign_jurors(range(1, 21), jurors, set(), 2)
    assert one == assign_jurors(list(reversed(range(1, 21))), list(reversed(jurors)), set(), 2)
    assert one != assign_jurors(range(1, 21), jurors, set(), 2, seed=7)


def test_assignment_refusal_names_the_nomination() -> None:
    with pytest.raises(InvalidValue, match="nomination 2 has 1"):
        assign_jurors([1, 2], ["x", "y"], {("x", 2)}, 2)


# Values a scale gives (steps, thirds), signed zeros, and the odd float an outside edit leaves.
_AWKWARD = st.sampled_from(
    [0.0, -0.0, 0.5, 1.0, 7.5, 10.0, 1 / 3, 22 / 3, 0.1, -1.0, 1e-9, 123.456]
)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.lists(_AWKWARD, min_size=1, max_size=60),
        # few distinct values, many times each: what a scale gives, and the counted path
        st.lists(_AWKWARD, min_size=1, max_size=3, unique=True).flatmap(
            lambda alphabet: st.lists(st.sampled_from(alphabet), min_size=1, max_size=400)
        ),
    )
)
# Where summing value × count once per distinct value is off: the mean, then the spread.
@example([1e-9] * 10 + [0.1] * 6)
@example([1 / 3] * 11 + [10.0] * 5)
def test_counted_moments_are_the_listed_ones_to_the_last_bit(values: list[float]) -> None:
    """zscore's means and spreads worked out from counted distinct values equal `mean` and
    `pstdev` of the values listed out, bit for bit (repr tells -0.0 from 0.0)."""
    from collections import Counter

    from awards.ranking import _moments, mean, pstdev

    counted = _moments(Counter(values), values.copy)
    assert repr(counted) == repr((mean(values), pstdev(values)))


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.integers(1, 40),
        st.dictionaries(
            st.sampled_from(["a", "b"]),
            st.dictionaries(st.sampled_from(["j1", "j2", "j3", "j4"]), _AWKWARD, min_size=1),
            min_size=1,
        ),
        min_size=1,
    )
)
def test_zscore_restates_as_the_formula_does_score_by_score(cells) -> None:
    """Every restated value is (x − μ_j)/σ_j of its own score (0 where σ_j = 0), as worked out
    score by score, and the scale is the mean and σ of all the criterion's scores."""
    from awards.ranking import _standardised, mean, pstdev

    restated = _standardised(cells)
    for key in ("a", "b"):
        every = [v for per in cells.values() for v in per.get(key, {}).values()]
        if every:
            assert repr(restated.scale[key]) == repr((mean(every), pstdev(every)))
    for n, per_criterion in cells.items():
        for key, per_juror in per_criterion.items():
            for juror, value in per_juror.items():
                given = [per[key][juror] for per in cells.values() if juror in per.get(key, {})]
                mu, sigma = mean(given), pstdev(given)
                expected = (value - mu) / sigma if sigma else 0.0
                assert repr(restated.values[n][key][juror]) == repr(expected)


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.integers(1, 30),
        st.dictionaries(
            st.sampled_from(["a", "b"]),
            st.dictionaries(st.sampled_from(["j1", "j2", "j3"]), _AWKWARD, min_size=1),
            min_size=1,
        ),
        min_size=1,
    ),
    st.sampled_from(["mean", "median", "trimmed"]),
)
def test_adjusted_combines_each_cell_as_its_restated_values(cells, combiner) -> None:
    """`adjusted` keeps its restated values unmade until asked (the ranking reads only each
    cell's combined value): what `combined` gives is, to the last bit, the combiner of the
    values `values` then holds, each score less its juror's severity."""
    from awards.panel_stats import severities
    from awards.ranking import COMBINERS, _severity_removed

    try:
        restated = _severity_removed(cells)
    except InvalidValue:
        assume(False)  # jurors who share no nomination: refused, tested elsewhere
    combine = COMBINERS[combiner]
    unmade = restated.combined(combine)
    values = restated.values
    assert repr(unmade) == repr(
        {
            n: {key: combine(list(per.values())) for key, per in per_criterion.items()}
            for n, per_criterion in values.items()
        }
    )
    # The values are each score less its juror's severity on that criterion.
    by_criterion: dict[str, dict[int, dict[str, float]]] = {}
    for n, per_criterion in cells.items():
        for key, per_juror in per_criterion.items():
            by_criterion.setdefault(key, {})[n] = per_juror
    severity = {key: severities(per) for key, per in by_criterion.items()}
    assert repr(values) == repr(
        {
            n: {
                key: {juror: v - severity[key][juror] for juror, v in per_juror.items()}
                for key, per_juror in per_criterion.items()
            }
            for n, per_criterion in cells.items()
        }
    )
