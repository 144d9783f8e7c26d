"""`awards.panel_stats` against published numbers, hand computations and hypothesis properties."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from fractions import Fraction
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.errors import InvalidValue
from awards.panel_stats import (
    chi2_sf,
    fit_severity,
    icc,
    jurors_for_reliability,
    kendall_w,
    krippendorff_alpha,
    spearman_rho,
)

K = TypeVar("K", bound=Hashable)

PROPERTY = settings(max_examples=50, deadline=None)

# Shrout & Fleiss (1979), Table 2: 6 targets (rows) scored by 4 judges (columns).
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]

# Krippendorff (2011), "C. Interval/ordinal data with missing values": observers A-D x 12 units.
NA = None
KRIPPENDORFF_OBSERVERS: dict[str, list[float | None]] = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, NA, NA, NA],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NA, 3],
    "C": [NA, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NA],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NA],
}
KRIPPENDORFF_UNITS: dict[Hashable, list[float]] = {
    unit + 1: [v for row in KRIPPENDORFF_OBSERVERS.values() if (v := row[unit]) is not None]
    for unit in range(12)
}


def same(a: float, b: float, rel: float = 0.0, abs_: float = 0.0) -> bool:
    """Equality that treats two NaNs as equal (ICC returns NaN for a zero denominator)."""
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# --------------------------------------------------------------------------------------------
# ICC


def test_icc_shrout_fleiss_table_4_published_two_decimals() -> None:
    result = icc(SHROUT_FLEISS)
    published = {"1_1": 0.17, "2_1": 0.29, "3_1": 0.71, "1_k": 0.44, "2_k": 0.62, "3_k": 0.91}
    assert set(result) == set(published)
    for key, value in published.items():
        assert round(result[key], 2) == value, key


def test_icc_shrout_fleiss_exact_from_anova() -> None:
    # By hand from Table 2: grand total 138, N = 24, sum x^2 = 1016 (SST = 222.5),
    # row totals 24, 12, 26, 16, 30, 19 (SS targets = 56.2083), column totals 46, 15, 26, 40
    # (SS judges = 97.4583), residual SS = 15.2917 - whence, as in Shrout & Fleiss Table 2,
    # BMS = 11.2417, WMS = 6.2639, JMS = 32.4861, EMS = 1.0194 (exactly 2698/240, 902/144,
    # 2339/72, 367/360). The ICCs are then exact fractions:
    expected = {
        "1_1": Fraction(448, 2703),  # 0.1657
        "2_1": Fraction(184, 635),  # 0.2898
        "3_1": Fraction(920, 1287),  # 0.7148
        "1_k": Fraction(1792, 4047),  # 0.4428
        "2_k": Fraction(736, 1187),  # 0.6201
        "3_k": Fraction(3680, 4047),  # 0.9093
    }
    four = {
        "1_1": 0.1657,
        "2_1": 0.2898,
        "3_1": 0.7148,
        "1_k": 0.4428,
        "2_k": 0.6201,
        "3_k": 0.9093,
    }
    result = icc(SHROUT_FLEISS)
    for key, value in expected.items():
        assert round(result[key], 4) == four[key], key
        assert result[key] == float(value), key


def test_icc_zero_denominator_is_nan() -> None:
    # Every target has the same mean, so BMS = 0: the "1_k" and "3_k" ratios divide by 0.
    result = icc([[1, 3], [3, 1]])
    assert math.isnan(result["1_k"]) and math.isnan(result["3_k"])
    # All cells equal: every mean square is 0, every coefficient is undefined.
    assert all(math.isnan(v) for v in icc([[5, 5], [5, 5]]).values())


@pytest.mark.parametrize(
    "matrix",
    [
        [[1, 2]],  # one target
        [[1], [2]],  # one judge
        [[1, 2], [3]],  # incomplete row
        [[1, 2], [3, None]],  # missing cell
        [[1, 2], [3, math.nan]],
        [[1, 2], [3, math.inf]],
        [],
    ],
)
def test_icc_refuses_bad_matrices(matrix: list[list[float]]) -> None:
    with pytest.raises(InvalidValue):
        icc(matrix)


def naive_icc(matrix: Sequence[Sequence[float]]) -> dict[str, float]:
    """Textbook two-pass float ANOVA, written independently of the module's integer sums."""
    n, k = len(matrix), len(matrix[0])
    grand = sum(map(sum, matrix)) / (n * k)
    row_means = [sum(r) / k for r in matrix]
    col_means = [sum(r[j] for r in matrix) / n for j in range(k)]
    ss_rows = k * sum((m - grand) ** 2 for m in row_means)
    ss_cols = n * sum((m - grand) ** 2 for m in col_means)
    ss_total = sum((x - grand) ** 2 for r in matrix for x in r)
    ss_error = ss_total - ss_rows - ss_cols
    bms, jms = ss_rows / (n - 1), ss_cols / (k - 1)
    ems, wms = ss_error / ((n - 1) * (k - 1)), (ss_total - ss_rows) / (n * (k - 1))
    return {
        "1_1": (bms - wms) / (bms + (k - 1) * wms),
        "2_1": (bms - ems) / (bms + (k - 1) * ems + k * (jms - ems) / n),
        "3_1": (bms - ems) / (bms + (k - 1) * ems),
        "1_k": (bms - wms) / bms,
        "2_k": (bms - ems) / (bms + (jms - ems) / n),
        "3_k": (bms - ems) / bms,
    }


def test_icc_matches_naive_float_anova_on_the_published_data() -> None:
    for key, value in naive_icc(SHROUT_FLEISS).items():
        assert math.isclose(icc(SHROUT_FLEISS)[key], value, rel_tol=1e-12), key


# --------------------------------------------------------------------------------------------
# Krippendorff's alpha


def test_krippendorff_2011_worked_example_c() -> None:
    # Unit 12 has a single value (observer B's 3) and is not pairable, so n = 40 values remain.
    interval = krippendorff_alpha(KRIPPENDORFF_UNITS, "interval")
    ordinal = krippendorff_alpha(KRIPPENDORFF_UNITS, "ordinal")
    assert interval is not None and ordinal is not None
    assert round(interval, 3) == 0.849
    assert round(ordinal, 3) == 0.815


def test_krippendorff_accepts_none_for_missing_and_drops_single_value_units() -> None:
    with_none = {u + 1: [row[u] for row in KRIPPENDORFF_OBSERVERS.values()] for u in range(12)}
    without_unit_12 = {u: v for u, v in KRIPPENDORFF_UNITS.items() if u != 12}
    for level in ("interval", "ordinal"):
        a = krippendorff_alpha(KRIPPENDORFF_UNITS, level)
        assert krippendorff_alpha(with_none, level) == a
        assert krippendorff_alpha(without_unit_12, level) == a


def test_krippendorff_undefined_cases() -> None:
    assert krippendorff_alpha({}, "interval") is None
    assert krippendorff_alpha({1: [3], 2: [4]}, "interval") is None  # nothing pairable
    assert krippendorff_alpha({1: [3, 3], 2: [3, 3, 3]}, "ordinal") is None  # D_e = 0
    assert krippendorff_alpha({1: [3, 3], 2: [4, 4]}, "interval") == 1.0
    with pytest.raises(InvalidValue):
        krippendorff_alpha({1: [1, 2]}, "nominal")
    with pytest.raises(InvalidValue):
        krippendorff_alpha({1: [1, math.nan]}, "interval")


def coincidence_alpha(units: Mapping[Hashable, Sequence[float]], level: str) -> float | None:
    """Krippendorff (2011) by the book: coincidence matrix o_ck and metric delta^2_ck."""
    pairable = [list(v) for v in units.values() if len(v) >= 2]
    coincidences: dict[tuple[float, float], Fraction] = defaultdict(Fraction)
    for values in pairable:
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[c, k] += Fraction(1, len(values) - 1)
    totals: dict[float, Fraction] = defaultdict(Fraction)
    for (c, _k), o in coincidences.items():
        totals[c] += o
    n = sum(totals.values())
    if n < 2:
        return None
    ordered = sorted(totals)

    def delta2(c: float, k: float) -> Fraction:
        if level == "interval":
            return Fraction(c - k) ** 2
        lo, hi = min(c, k), max(c, k)
        inside = sum(totals[g] for g in ordered if lo <= g <= hi)
        return (inside - (totals[c] + totals[k]) / 2) ** 2

    observed = sum(o * delta2(c, k) for (c, k), o in coincidences.items()) / n
    expected = sum(totals[c] * totals[k] * delta2(c, k) for c in ordered for k in ordered) / (
        n * (n - 1)
    )
    return None if expected == 0 else float(1 - observed / expected)


def test_krippendorff_fast_sums_equal_coincidence_matrix_on_the_worked_example() -> None:
    for level in ("interval", "ordinal"):
        assert krippendorff_alpha(KRIPPENDORFF_UNITS, level) == coincidence_alpha(
            KRIPPENDORFF_UNITS, level
        )


unit_values = st.lists(st.integers(1, 7), min_size=0, max_size=5)
reliability_data = st.lists(unit_values, min_size=1, max_size=10)


@PROPERTY
@given(reliability_data, st.sampled_from(["interval", "ordinal"]))
def test_krippendorff_fast_sums_equal_coincidence_matrix(data: list[list[int]], level: str) -> None:
    units: dict[Hashable, list[float]] = {i: [float(v) for v in u] for i, u in enumerate(data)}
    fast, slow = krippendorff_alpha(units, level), coincidence_alpha(units, level)
    assert (fast is None) == (slow is None)
    if fast is not None and slow is not None:
        assert math.isclose(fast, slow, rel_tol=1e-12, abs_tol=1e-12)


@PROPERTY
@given(reliability_data, st.sampled_from(["interval", "ordinal"]), st.randoms())
def test_krippendorff_unchanged_by_relabelling_units_and_observers(
    data: list[list[int]], level: str, rng: object
) -> None:
    import random

    assert isinstance(rng, random.Random)
    units: dict[Hashable, list[float]] = {i: [float(v) for v in u] for i, u in enumerate(data)}
    labels = [f"unit-{i}" for i in range(len(data))]
    rng.shuffle(labels)
    shuffled: dict[Hashable, list[float]] = {}
    for i in rng.sample(range(len(data)), len(data)):
        values = list(units[i])
        rng.shuffle(values)  # a different observer order within the unit
        shuffled[labels[i]] = values
    assert krippendorff_alpha(shuffled, level) == krippendorff_alpha(units, level)


# Affine maps that are exact in binary floating point on small integers, so the transformed
# data are exactly a*x + b and any difference would be the statistic's, not the input's.
scales = st.sampled_from([0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 10.0, 1000.0])
shifts = st.integers(-1000, 1000).map(lambda b: b / 4)


@PROPERTY
@given(reliability_data, st.sampled_from(["interval", "ordinal"]), scales, shifts)
def test_krippendorff_unchanged_by_affine_rescaling(
    data: list[list[int]], level: str, a: float, b: float
) -> None:
    units: dict[Hashable, list[float]] = {i: [float(v) for v in u] for i, u in enumerate(data)}
    moved: dict[Hashable, list[float]] = {i: [a * v + b for v in u] for i, u in units.items()}
    before, after = krippendorff_alpha(units, level), krippendorff_alpha(moved, level)
    if before is None:
        assert after is None  # degenerate (nothing pairable or all values equal) stays so
    else:
        assert after is not None and math.isclose(after, before, rel_tol=1e-9, abs_tol=1e-12)


def test_krippendorff_is_fast_on_large_inputs() -> None:
    import random

    rng = random.Random(7)
    units: dict[Hashable, list[float]] = {
        u: [rng.uniform(0, 1000) for _ in range(rng.randint(1, 6))] for u in range(4000)
    }
    # ~14,000 values, nearly all distinct: a V x V matrix would be ~10^8 cells.
    for level in ("interval", "ordinal"):
        result = krippendorff_alpha(units, level)
        assert result is not None and -1.0 < result < 1.0


# --------------------------------------------------------------------------------------------
# Kendall's W and chi-squared


def test_kendall_w_proofwiki_example_without_ties() -> None:
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1": 3
    # competitors ranked by 4 judges, rank 1 best; rank sums 7, 9, 8 against mean 8, S = 2,
    # W = 12 * 2 / (4^2 * 3 * (3^2 - 1)) = 1/16.
    ranks = [[1, 1, 2, 3], [3, 2, 3, 1], [2, 3, 1, 2]]
    w, p = kendall_w(ranks, higher_is_better=False)
    assert w == 1 / 16
    # chi2 = m (n - 1) W = 4 * 2 / 16 = 0.5 on 2 df; Q(1, z) = exp(-z).
    assert math.isclose(p, math.exp(-0.25), rel_tol=1e-12)


def test_kendall_w_hand_computed_with_a_tie() -> None:
    # 4 targets x 3 judges, higher score = better (rank 1):
    #   judge 1: 9 7 5 3 -> ranks 1   2   3 4
    #   judge 2: 8 8 4 2 -> ranks 1.5 1.5 3 4   (one tie of t = 2: T = 2^3 - 2 = 6)
    #   judge 3: 6 9 3 5 -> ranks 2   1   4 3
    # Rank sums R = 4.5, 4.5, 10, 11; mean m (n + 1) / 2 = 3 * 5 / 2 = 7.5;
    # S = 3^2 + 3^2 + 2.5^2 + 3.5^2 = 9 + 9 + 6.25 + 12.25 = 36.5.
    # Denominator m^2 (n^3 - n) - m T = 9 * 60 - 3 * 6 = 522; W = 12 * 36.5 / 522 = 73/87.
    # chi2 = m (n - 1) W = 9 * 73/87 = 657/87 on 3 df.
    matrix = [[9, 8, 6], [7, 8, 9], [5, 4, 3], [3, 2, 5]]
    w, p = kendall_w(matrix)
    assert w == float(Fraction(73, 87))  # 0.8391
    z = 657 / 87 / 2
    # Q(3/2, z) = erfc(sqrt z) + 2 sqrt(z / pi) e^-z, the closed form for 3 df.
    assert math.isclose(p, math.erfc(math.sqrt(z)) + 2 * math.sqrt(z / math.pi) * math.exp(-z))
    # Reversing every judge's order maps each mean rank r to n + 1 - r, so every R_i - mean
    # changes sign and S, hence W, is the same either way.
    assert kendall_w(matrix, higher_is_better=False)[0] == w


def test_kendall_w_perfect_agreement_and_all_ties() -> None:
    w, p = kendall_w([[3, 30, 0.3], [2, 20, 0.2], [1, 10, 0.1]])
    assert w == 1.0 and p < 0.06  # chi2 = 3 * 2 * 1 = 6 on 2 df -> e^-3 = 0.0498
    assert math.isclose(p, math.exp(-3), rel_tol=1e-12)
    assert kendall_w([[1, 2], [1, 2], [1, 2]]) == (0.0, 1.0)  # every judge tied everything


@pytest.mark.parametrize(
    ("x", "df", "expected"),
    [
        (3.841458820694124, 1, 0.05),
        (5.991464547107979, 2, 0.05),
        (18.307038053275146, 10, 0.05),
        (0.0, 3, 1.0),
    ],
)
def test_chi2_sf_known_quantiles(x: float, df: int, expected: float) -> None:
    assert math.isclose(chi2_sf(x, df), expected, rel_tol=1e-9)


def test_chi2_sf_edges() -> None:
    assert chi2_sf(0, 3) == 1.0
    assert chi2_sf(-1.0, 2) == 1.0
    assert chi2_sf(math.inf, 4) == 0.0
    assert 0.0 <= chi2_sf(2000.0, 3) < 1e-300
    for bad_df in (0, -1, 1.5, True):
        with pytest.raises(InvalidValue):
            chi2_sf(1.0, bad_df)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        chi2_sf(math.nan, 1)


@PROPERTY
@given(st.floats(1e-6, 200.0), st.integers(1, 12))
def test_chi2_sf_matches_closed_forms(x: float, df: int) -> None:
    z = x / 2
    if df % 2 == 0:
        # Even df: Q(k, z) = e^-z sum_{i<k} z^i / i!  (Poisson tail).
        closed = math.exp(-z) * math.fsum(z**i / math.factorial(i) for i in range(df // 2))
    else:
        # Odd df: Q(1/2, z) = erfc(sqrt z), then Q(a + 1, z) = Q(a, z) + z^a e^-z / Gamma(a + 1).
        closed, a = math.erfc(math.sqrt(z)), 0.5
        while a < df / 2:
            closed += math.exp(a * math.log(z) - z - math.lgamma(a + 1))
            a += 1
    assert math.isclose(chi2_sf(x, df), closed, rel_tol=1e-9, abs_tol=1e-300)


# --------------------------------------------------------------------------------------------
# Spearman


def test_spearman_wikipedia_iq_and_television() -> None:
    # Wikipedia "Spearman's rank correlation coefficient", example: sum d^2 = 194, n = 10,
    # rho = 1 - 6 * 194 / (10 * 99) = -29/165 = -0.1758.
    iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110]
    tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17]
    rho = spearman_rho(iq, tv)
    assert rho is not None and math.isclose(rho, -29 / 165, rel_tol=1e-12)


def test_spearman_with_ties_and_undefined_cases() -> None:
    # xs ranks 1, 2.5, 2.5, 4; ys ranks 1, 2, 3, 4. Centered: (-1.5, 0, 0, 1.5), (-1.5, -.5, .5,
    # 1.5); covariance sum 4.5, variances 4.5 and 5 -> rho = 4.5 / sqrt(22.5) = 0.9487.
    rho = spearman_rho([1, 2, 2, 3], [10, 20, 30, 40])
    assert rho is not None and math.isclose(rho, 4.5 / math.sqrt(22.5), rel_tol=1e-12)
    assert spearman_rho([1, 2], [2, 1]) is None
    assert spearman_rho([1, 1, 1], [1, 2, 3]) is None
    assert spearman_rho([3, 2, 1], [1, 2, 3]) == -1.0
    with pytest.raises(InvalidValue):
        spearman_rho([1, 2, 3], [1, 2])


# --------------------------------------------------------------------------------------------
# Spearman-Brown


def test_jurors_for_reliability_shrout_fleiss() -> None:
    r = icc(SHROUT_FLEISS)["2_1"]  # 184/635 = 0.2898
    # m = 0.8 (1 - r) / (r (1 - 0.8)) = 4 (451/635) / (184/635) = 1804/184 = 9.80 -> 10 jurors.
    assert jurors_for_reliability(r) == 10
    # Spearman-Brown forwards: 10 such jurors reach 10 r / (1 + 9 r) = 0.803 >= 0.8; 9 do not.
    assert 10 * r / (1 + 9 * r) >= 0.8 > 9 * r / (1 + 8 * r)


def test_jurors_for_reliability_edges() -> None:
    assert jurors_for_reliability(0.0) is None
    assert jurors_for_reliability(-0.2) is None
    assert jurors_for_reliability(0.8) == 1
    assert jurors_for_reliability(0.95) == 1
    # r = 0.5, target 0.8: m = 0.8 * 0.5 / (0.5 * 0.2) = 4 exactly in real numbers, but not in
    # floating point (it comes out as 4.000000000000001); the 1e-9 snap keeps it at 4, not 5.
    assert jurors_for_reliability(0.5) == 4
    assert jurors_for_reliability(0.2) == 16  # 16.000000000000007 in floating point
    assert jurors_for_reliability(0.5, target=0.9) == 9
    for bad in ({"icc_single": 1.2}, {"icc_single": 0.5, "target": 1.0}, {"icc_single": math.nan}):
        with pytest.raises(InvalidValue):
            jurors_for_reliability(**bad)


# --------------------------------------------------------------------------------------------
# fit_severity


def assert_close_dicts(got: Mapping[K, float], want: Mapping[K, float]) -> None:
    assert set(got) == set(want)
    for key, value in want.items():
        assert math.isclose(got[key], value, rel_tol=1e-9, abs_tol=1e-9), (key, got[key], value)


def test_fit_severity_complete_design_is_plain_means() -> None:
    rows = {"A": [7, 5, 9, 6], "B": [6, 3, 8, 4], "C": [9, 6, 9, 8]}  # 3 jurors x 4 nominations
    scores = {(j, n + 1): float(x) for j, xs in rows.items() for n, x in enumerate(xs)}
    theta, beta = fit_severity(scores)
    grand = sum(map(sum, rows.values())) / 12  # 80 / 12
    assert_close_dicts(theta, {1: 22 / 3, 2: 14 / 3, 3: 26 / 3, 4: 6.0})
    assert_close_dicts(beta, {j: sum(xs) / 4 - grand for j, xs in rows.items()})
    assert list(theta) == [1, 2, 3, 4] and list(beta) == ["A", "B", "C"]


def test_fit_severity_recovers_an_exact_additive_truth() -> None:
    # A scores n1, n2; B scores n2, n3; C scores n1, n3 (a 6-cycle, not a complete design).
    truth_theta = {1: 10.0, 2: 20.0, 3: 30.0}
    truth_beta = {"A": 2.0, "B": -1.0, "C": -1.0}
    design = [("A", 1), ("A", 2), ("B", 2), ("B", 3), ("C", 1), ("C", 3)]
    scores = {(j, n): truth_theta[n] + truth_beta[j] for j, n in design}
    theta, beta = fit_severity(scores)
    assert_close_dicts(theta, truth_theta)
    assert_close_dicts(beta, truth_beta)


def test_fit_severity_non_additive_hand_least_squares() -> None:
    # Same design, with C's score for n3 six points above the additive pattern:
    #   x_A1 = 12, x_A2 = 22, x_B2 = 19, x_B3 = 29, x_C1 = 9, x_C3 = 35.
    # Normal equations (derivatives of the squared residuals), plus the constraint:
    #   theta1: 2 t1 + bA + bC = 12 + 9  = 21      beta_A: t1 + t2 + 2 bA = 12 + 22 = 34
    #   theta2: 2 t2 + bA + bB = 22 + 19 = 41      beta_B: t2 + t3 + 2 bB = 19 + 29 = 48
    #   theta3: 2 t3 + bB + bC = 29 + 35 = 64      beta_C: t1 + t3 + 2 bC =  9 + 35 = 44
    #   bA + bB + bC = 0
    # Eliminating theta (t1 = (21 - bA - bC) / 2 etc.) in the beta equations gives
    #   2 bA - bB - bC = 6,  2 bB - bA - bC = -9,  2 bC - bA - bB = 3,
    # so with the constraint 3 bA = 6, 3 bB = -9, 3 bC = 3: bA = 2, bB = -3, bC = 1, and then
    # t1 = (21 - 3) / 2 = 9, t2 = (41 + 1) / 2 = 21, t3 = (64 + 2) / 2 = 33.
    # Residuals x - t - b are +1, -1, +1, -1, -1, +1 (A1, A2, B2, B3, C1, C3): the 6 points of
    # the perturbation spread evenly around the cycle, the only direction the model cannot fit.
    scores = {
        ("A", 1): 12.0,
        ("A", 2): 22.0,
        ("B", 2): 19.0,
        ("B", 3): 29.0,
        ("C", 1): 9.0,
        ("C", 3): 35.0,
    }
    theta, beta = fit_severity(scores)
    assert_close_dicts(theta, {1: 9.0, 2: 21.0, 3: 33.0})
    assert_close_dicts(beta, {"A": 2.0, "B": -3.0, "C": 1.0})


def test_fit_severity_single_juror_nomination_is_connected_through_its_juror() -> None:
    scores = {("A", 1): 8.0, ("B", 1): 6.0, ("A", 2): 9.0, ("B", 3): 4.0}
    theta, beta = fit_severity(scores)
    # Only nomination 1 compares A and B: beta = +1, -1. Nominations 2 and 3 absorb their score.
    assert_close_dicts(beta, {"A": 1.0, "B": -1.0})
    assert_close_dicts(theta, {1: 7.0, 2: 8.0, 3: 5.0})
    # One juror alone: no severity to estimate.
    assert fit_severity({("A", 1): 3.0, ("A", 2): 5.0}) == ({1: 3.0, 2: 5.0}, {"A": 0.0})
    assert fit_severity({}) == ({}, {})


def test_fit_severity_disconnected_design_names_two_jurors() -> None:
    scores = {("A", 1): 5.0, ("B", 1): 6.0, ("C", 2): 7.0, ("D", 2): 8.0, ("D", 3): 6.0}
    with pytest.raises(InvalidValue) as raised:
        fit_severity(scores)
    message = str(raised.value)
    assert message.startswith(
        "the round's jurors and nominations do not form one connected design: A and C share no"
        " nomination"
    )


def test_fit_severity_refuses_non_numbers() -> None:
    with pytest.raises(InvalidValue):
        fit_severity({("A", 1): math.nan})


@st.composite
def connected_designs(draw: st.DrawFn) -> dict[tuple[str, int], float]:
    """A random connected incomplete design: nomination n always has jurors n % J and
    (n + 1) % J, which chains every juror together, plus any extra jurors."""
    n_jurors = draw(st.integers(2, 6))
    n_noms = draw(st.integers(n_jurors, 10))
    scores: dict[tuple[str, int], float] = {}
    for n in range(n_noms):
        extra = draw(st.sets(st.integers(0, n_jurors - 1), max_size=n_jurors))
        for j in {n % n_jurors, (n + 1) % n_jurors} | extra:
            scores[f"j{j}", n] = float(draw(st.integers(0, 40))) / 4
    return scores


@PROPERTY
@given(connected_designs(), st.randoms())
def test_fit_severity_relabelling_permutes_the_answer(
    scores: dict[tuple[str, int], float], rng: object
) -> None:
    import random

    assert isinstance(rng, random.Random)
    jurors = sorted({j for j, _ in scores})
    noms = sorted({n for _, n in scores})
    juror_map = dict(
        zip(jurors, rng.sample([f"x{i}" for i in range(len(jurors))], len(jurors)), strict=True)
    )
    nom_map = dict(zip(noms, rng.sample(range(100, 100 + len(noms)), len(noms)), strict=True))
    items = list(scores.items())
    rng.shuffle(items)  # also a different insertion order
    relabelled = {(juror_map[j], nom_map[n]): x for (j, n), x in items}
    theta, beta = fit_severity(scores)
    theta2, beta2 = fit_severity(relabelled)
    assert_close_dicts(theta2, {nom_map[n]: t for n, t in theta.items()})
    assert_close_dicts(beta2, {juror_map[j]: b for j, b in beta.items()})


@PROPERTY
@given(connected_designs())
def test_fit_severity_satisfies_the_normal_equations(scores: dict[tuple[str, int], float]) -> None:
    # The least-squares solution is characterised by residuals summing to 0 over every
    # nomination and every juror (the normal equations), plus the constraint sum beta = 0.
    theta, beta = fit_severity(scores)
    assert abs(math.fsum(beta.values())) < 1e-9
    by_nom: dict[int, float] = defaultdict(float)
    by_juror: dict[str, float] = defaultdict(float)
    for (j, n), x in scores.items():
        residual = x - theta[n] - beta[j]
        by_nom[n] += residual
        by_juror[j] += residual
    assert all(abs(r) < 1e-9 for r in by_nom.values())
    assert all(abs(r) < 1e-9 for r in by_juror.values())


@PROPERTY
@given(
    st.integers(2, 5).flatmap(
        lambda k: st.lists(st.lists(st.integers(0, 20), min_size=k, max_size=k), min_size=2)
    )
)
def test_fit_severity_complete_design_property(matrix: list[list[int]]) -> None:
    # matrix[n][j] = juror j's score for nomination n, every cell present.
    k = len(matrix[0])
    scores = {(f"j{j}", n): float(row[j]) for n, row in enumerate(matrix) for j in range(k)}
    theta, beta = fit_severity(scores)
    grand = sum(map(sum, matrix)) / (len(matrix) * k)
    assert_close_dicts(theta, {n: sum(row) / k for n, row in enumerate(matrix)})
    assert_close_dicts(
        beta, {f"j{j}": sum(row[j] for row in matrix) / len(matrix) - grand for j in range(k)}
    )


# --------------------------------------------------------------------------------------------
# Invariance properties of ICC and Kendall's W


matrices = st.integers(2, 5).flatmap(
    lambda k: st.lists(st.lists(st.integers(0, 10), min_size=k, max_size=k), min_size=2, max_size=7)
)


@PROPERTY
@given(matrices, st.randoms())
def test_icc_and_kendall_unchanged_by_reordering_rows_and_columns(
    matrix: list[list[int]], rng: object
) -> None:
    import random

    assert isinstance(rng, random.Random)
    rows = rng.sample(range(len(matrix)), len(matrix))
    cols = rng.sample(range(len(matrix[0])), len(matrix[0]))
    shuffled = [[float(matrix[i][j]) for j in cols] for i in rows]
    before, after = icc(matrix), icc(shuffled)
    assert all(same(after[key], before[key]) for key in before)
    assert kendall_w(shuffled) == kendall_w(matrix)
    assert kendall_w(shuffled, higher_is_better=False) == kendall_w(matrix, False)


@PROPERTY
@given(matrices, scales, shifts)
def test_icc_unchanged_by_affine_rescaling(matrix: list[list[int]], a: float, b: float) -> None:
    flat = [x for row in matrix for x in row]
    if len(set(flat)) == 1:
        return  # all cells equal: every coefficient is NaN, nothing to compare
    moved = [[a * x + b for x in row] for row in matrix]
    before, after = icc(matrix), icc(moved)
    assert all(same(after[key], before[key], rel=1e-9, abs_=1e-12) for key in before)


@PROPERTY
@given(matrices)
def test_icc_agrees_with_naive_float_anova(matrix: list[list[int]]) -> None:
    exact = icc(matrix)
    try:
        naive = naive_icc(matrix)
    except ZeroDivisionError:
        return  # a zero denominator; the NaN convention is tested separately
    for key, value in naive.items():
        # The naive version loses digits where two mean squares nearly cancel, hence abs_tol.
        assert same(exact[key], value, rel=1e-9, abs_=1e-9) or math.isnan(exact[key]), key


@pytest.mark.parametrize("seed", range(4))
def test_the_array_fit_of_a_large_design_equals_the_exact_one(seed: int) -> None:
    """A national design (above ARRAY_FIT_PAIRS) is fitted with numpy; on the same cells it
    gives the pure-Python elimination's severities to rounding, nominations of uneven size
    (one to seven jurors) included."""
    import random

    from awards import panel_stats

    rng = random.Random(seed)
    jurors = 30
    cells = [
        [(j, rng.randrange(21) / 2) for j in sorted(rng.sample(range(jurors), rng.randint(1, 7)))]
        for _ in range(2500)
    ]
    names = [f"j{i}" for i in range(jurors)]
    original = panel_stats.ARRAY_FIT_PAIRS
    try:
        panel_stats.ARRAY_FIT_PAIRS = 10**12
        python = panel_stats._fit(names, cells)
        panel_stats.ARRAY_FIT_PAIRS = 0
        arrays = panel_stats._fit(names, cells)
    finally:
        panel_stats.ARRAY_FIT_PAIRS = original
    assert math.isclose(math.fsum(arrays), 0.0, abs_tol=1e-12)
    assert max(abs(a - b) for a, b in zip(python, arrays, strict=True)) < 1e-12


def test_a_large_design_is_read_from_its_mappings_as_from_sorted_cells() -> None:
    """`severities` builds a national design's arrays straight from the cells (any arrival
    order) and gives, bit for bit, what the arrays of the sorted cells give."""
    import random

    from awards import panel_stats

    rng = random.Random(7)
    names = [f"juror{i:02d}@example.fi" for i in range(25)]
    by_nomination: dict[int, dict[str, float]] = {}
    for n in rng.sample(range(20000), 20000):  # nominations and jurors arrive shuffled
        by_nomination[n] = {j: rng.randrange(21) / 2 for j in rng.sample(names, rng.randint(1, 6))}
    cells = [
        [(names.index(j), per[j]) for j in sorted(per)] for _, per in sorted(by_nomination.items())
    ]
    assert sum(len(c) ** 2 for c in cells) > panel_stats.ARRAY_FIT_PAIRS
    assert panel_stats.severities(by_nomination) == dict(
        zip(names, panel_stats._fit(names, cells), strict=True)
    )


@pytest.mark.parametrize("pairs_limit", [10**12, 0], ids=["python", "arrays"])
def test_a_disconnected_design_is_refused_with_the_same_words_on_either_path(
    pairs_limit: int,
) -> None:
    from awards import panel_stats

    # a and b score nominations 0-99, c and d 100-199: two groups that share no nomination.
    by_nomination = {
        n: ({"a": 5.0 + n % 3, "b": 6.0} if n < 100 else {"c": 4.0, "d": 7.0 - n % 2})
        for n in range(200)
    }
    original = panel_stats.ARRAY_FIT_PAIRS
    try:
        panel_stats.ARRAY_FIT_PAIRS = pairs_limit
        with pytest.raises(InvalidValue, match="a and c share no nomination"):
            panel_stats.severities(by_nomination)
    finally:
        panel_stats.ARRAY_FIT_PAIRS = original


@pytest.mark.parametrize("path", ["python", "arrays"])
@pytest.mark.parametrize("seed", range(3))
def test_criteria_of_one_design_share_its_equations_to_the_last_bit(
    seed: int, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`severities_by_criterion` solves criteria scored by the same jurors on the same
    nominations against one set of equations (in pure Python and with numpy): every severity
    is bit for bit what each criterion's own fit gives, with criteria of another design (a
    juror missing one cell) among them."""
    import random

    from awards import panel_stats

    if path == "arrays":
        monkeypatch.setattr(panel_stats, "ARRAY_FIT_PAIRS", 0)

    rng = random.Random(seed)
    jurors = [f"j{i}@example.fi" for i in range(12)]
    design = {n: sorted(rng.sample(jurors, rng.randint(2, 5))) for n in range(300)}
    by_criterion = {
        key: {n: {j: rng.randrange(21) / 2 for j in js} for n, js in design.items()}
        for key in ("a", "b", "c", "d")
    }
    gap = next(n for n, js in design.items() if len(js) > 2)
    del by_criterion["c"][gap][design[gap][0]]  # criterion c: another design
    shared = panel_stats.severities_by_criterion(by_criterion)
    for key, per in by_criterion.items():
        alone = panel_stats.severities(per)
        assert list(shared[key]) == list(alone)
        assert [v.hex() for v in shared[key].values()] == [v.hex() for v in alone.values()]
    assert shared["a"] != shared["b"]  # one matrix, each criterion's own scores


def test_a_value_that_is_not_a_finite_number_is_refused_by_its_place() -> None:
    """The statistics take a juror's totals as floats and refuse anything else by its place:
    the unit of Krippendorff's alpha, the side of Spearman's rho."""
    from awards.errors import InvalidValue
    from awards.panel_stats import krippendorff_alpha, spearman_rho

    assert krippendorff_alpha({"a": [1.0, 2.0], "b": [3, 4.0]}, "interval") is not None
    with pytest.raises(InvalidValue, match=r"value of unit 'b' is nan, not a finite number"):
        krippendorff_alpha({"a": [1.0, 2.0], "b": [3.0, float("nan")]}, "interval")
    with pytest.raises(InvalidValue, match=r"value of unit 7 is '3', not a number"):
        krippendorff_alpha({7: [1.0, "3"]}, "ordinal")
    with pytest.raises(InvalidValue, match=r"y value is True, not a number"):
        spearman_rho([1.0, 2.0, 3.0], [1.0, True, 2.0])
    with pytest.raises(InvalidValue, match=r"x value is inf, not a finite number"):
        spearman_rho([1.0, float("inf"), 3.0], [1.0, 2.0, 3.0])
