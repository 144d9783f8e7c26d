"""Agreement and severity statistics for a jury panel: pure functions, standard library only.

What is here and where each formula comes from:

- `icc`: intraclass correlations, Shrout & Fleiss (1979), "Intraclass correlations: uses in
  assessing rater reliability", Psychological Bulletin 86(2), 420-428, Table 3.
- `krippendorff_alpha`: Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
  University of Pennsylvania (Annenberg School) working paper, interval and ordinal metrics.
- `kendall_w`: Kendall's coefficient of concordance with the tie correction, Kendall &
  Babington Smith (1939), "The problem of m rankings", Annals of Mathematical Statistics 10(3).
- `chi2_sf`: the chi-squared upper tail as the regularized upper incomplete gamma function,
  computed as in Press et al., Numerical Recipes (3rd ed., 2007), section 6.2.
- `spearman_rho`: Spearman's rank correlation (Pearson correlation of mean ranks).
- `jurors_for_reliability`: the Spearman-Brown prophecy formula (Spearman 1910; Brown 1910).
- `fit_severity`: the additive two-way model x = theta (nomination) + beta (juror) fitted by least
  squares over an incomplete design.

Exactness: the sums behind `icc`, `krippendorff_alpha`, `kendall_w` and `spearman_rho` are done
in integers (every float is a dyadic rational, so one common power-of-two scale turns all inputs
into integers). That makes "a denominator is exactly 0" a real, reproducible test instead of a
rounding accident, and makes the results bit-for-bit independent of row, column and unit order.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import partial
from typing import Any, NamedTuple, TypeVar

from .errors import InvalidValue
from .ranking import TIE_TOLERANCE

__all__ = [
    "chi2_sf",
    "fit_severity",
    "icc",
    "jurors_for_reliability",
    "kendall_w",
    "krippendorff_alpha",
    "spearman_rho",
]

# Unit labels of any hashable type; a TypeVar because Mapping is invariant in its key type, so
# Mapping[Hashable, ...] would refuse a caller's dict[int, ...] under mypy.
K = TypeVar("K", bound=Hashable)


# --------------------------------------------------------------------------------------------
# Shared helpers


def _finite(value: object, where: str) -> float:
    """The value as a float, or InvalidValue when it is missing, not a number or not finite."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(f"{where} is {value!r}, not a number.")
    number = float(value)
    if not math.isfinite(number):
        raise InvalidValue(f"{where} is {number!r}, not a finite number.")
    return number


def _finite_values(values: Iterable[object], where: Callable[[], str]) -> list[float]:
    """`_finite` of each value, the message made only for a value that is refused: a juror's
    totals are floats, and naming each one's place first was most of the cost (400,000 of
    them in a national round's panel)."""
    isfinite = math.isfinite
    return [v if type(v) is float and isfinite(v) else _finite(v, where()) for v in values]


def _as_integers(values: Sequence[float]) -> list[int]:
    """The values times one common power of two, as exact integers.

    Every finite float is p / 2**e, so multiplying by the largest 2**e among the values turns
    them all into integers without any rounding. The statistics below are ratios of sums of
    squares, so a common positive scale factor cancels out of every one of them.
    """
    ratios = [v.as_integer_ratio() for v in values]
    scale = max((q for _, q in ratios), default=1)
    # q is a power of two dividing scale, so scale // q is exact.
    return [p * (scale // q) for p, q in ratios]


def _matrix(matrix: Sequence[Sequence[float]], what: str) -> tuple[int, int, list[float]]:
    """Check a complete targets x judges matrix; return (n, k, row-major values)."""
    n = len(matrix)
    if n < 2:
        raise InvalidValue(f"{what} needs at least 2 targets (rows); got {n}.")
    k = len(matrix[0])
    if k < 2:
        raise InvalidValue(f"{what} needs at least 2 judges (columns); got {k}.")
    flat: list[float] = []
    for i, row in enumerate(matrix):
        if len(row) != k:
            raise InvalidValue(
                f"{what} needs a complete matrix: row {i + 1} has {len(row)} scores, expected {k}."
            )
        flat.extend(_finite(x, f"score in row {i + 1}, column {j + 1}") for j, x in enumerate(row))
    return n, k, flat


def _tied(a: float, b: float) -> bool:
    return abs(a - b) <= TIE_TOLERANCE * max(1.0, abs(a), abs(b))


def _doubled_mean_ranks(values: Sequence[float], descending: bool) -> list[int]:
    """Twice the mean rank of every value (rank 1 first; ties share the mean of their ranks).

    Doubling keeps the half-ranks of an even-sized tie group integral, so callers can stay in
    integer arithmetic. A tie group occupying ranks s .. s+t-1 has mean rank s + (t-1)/2.
    """
    order = sorted(range(len(values)), key=values.__getitem__, reverse=descending)
    doubled = [0] * len(values)
    start = 0
    while start < len(order):
        end = start
        first = values[order[start]]
        # Equal within the ranking's tolerance: the same total reached by different float paths
        # (3.0 + 4.0 points against 7.0) is a tie, as the ranking itself treats it.
        while end + 1 < len(order) and _tied(values[order[end + 1]], first):
            end += 1
        size = end - start + 1
        for position in range(start, end + 1):
            doubled[order[position]] = 2 * (start + 1) + size - 1
        start = end + 1
    return doubled


# --------------------------------------------------------------------------------------------
# Intraclass correlation


def icc(matrix: Sequence[Sequence[float]]) -> dict[str, float]:
    """Shrout & Fleiss (1979) intraclass correlations of a complete targets x judges matrix.

    `matrix[i][j]` is target i (a nomination) scored by judge j; every cell must be present,
    with at least 2 targets and 2 judges, otherwise InvalidValue. The mean squares are those of
    Shrout & Fleiss Table 1: BMS (between targets), WMS (within targets, one-way ANOVA), JMS
    (between judges) and EMS (residual, two-way ANOVA). The six coefficients follow Table 3:

    - "1_1" = (BMS - WMS) / (BMS + (k-1) WMS)                 one-way random, single judge
    - "2_1" = (BMS - EMS) / (BMS + (k-1) EMS + k (JMS - EMS) / n)  two-way random, single
    - "3_1" = (BMS - EMS) / (BMS + (k-1) EMS)                 two-way mixed, single judge
    - "1_k" = (BMS - WMS) / BMS                                one-way random, mean of k
    - "2_k" = (BMS - EMS) / (BMS + (JMS - EMS) / n)            two-way random, mean of k
    - "3_k" = (BMS - EMS) / BMS                                two-way mixed, mean of k

    A coefficient whose denominator is exactly 0 is math.nan: the ratio is undefined there
    (e.g. every target has the same mean, so BMS = 0), and any number would be an invention.
    Because the mean squares are computed exactly (see the module docstring), "exactly 0" means
    the data really have that degenerate shape, never a rounding residue.
    """
    n, k, flat = _matrix(matrix, "ICC")
    x = _as_integers(flat)
    total = n * k
    grand = sum(x)
    rows = [sum(x[i * k : (i + 1) * k]) for i in range(n)]
    cols = [sum(x[i * k + j] for i in range(n)) for j in range(k)]
    # Sums of squares times N = n*k, so they stay integers: SS = (N * sum - G^2) / N etc.
    ss_total = Fraction(total * sum(v * v for v in x) - grand * grand, total)
    ss_rows = Fraction(n * sum(r * r for r in rows) - grand * grand, total)
    ss_cols = Fraction(k * sum(c * c for c in cols) - grand * grand, total)
    ss_error = ss_total - ss_rows - ss_cols

    bms = ss_rows / (n - 1)
    wms = (ss_cols + ss_error) / (n * (k - 1))
    jms = ss_cols / (k - 1)
    ems = ss_error / ((n - 1) * (k - 1))

    def ratio(numerator: Fraction, denominator: Fraction) -> float:
        return math.nan if denominator == 0 else float(numerator / denominator)

    return {
        "1_1": ratio(bms - wms, bms + (k - 1) * wms),
        "2_1": ratio(bms - ems, bms + (k - 1) * ems + k * (jms - ems) / n),
        "3_1": ratio(bms - ems, bms + (k - 1) * ems),
        "1_k": ratio(bms - wms, bms),
        "2_k": ratio(bms - ems, bms + (jms - ems) / n),
        "3_k": ratio(bms - ems, bms),
    }


# --------------------------------------------------------------------------------------------
# Krippendorff's alpha


def krippendorff_alpha(units: Mapping[K, Sequence[float | None]], level: str) -> float | None:
    """Krippendorff's alpha for interval or ordinal data, following Krippendorff (2011).

    `units[u]` holds the values the observers gave unit u; a missing observer is simply absent
    (a None entry is also read as missing). Only pairable values count: a unit with fewer than 2
    values is dropped. `level` is "interval" (delta^2 = (c - k)^2) or "ordinal" (Krippendorff's
    rank-based metric). Returns None when fewer than 2 pairable values remain or the expected
    disagreement D_e is 0 (all pairable values equal), where alpha is undefined.

    Runs in O(V log V) for V values: no V x V coincidence or metric matrix is built. For the
    interval metric the ordered-pair sums collapse to moments,

        sum over ordered pairs a != b of (a - b)^2 = 2 (m sum x^2 - (sum x)^2),

    so D_o = (1/n) sum_u [2 (m_u Sx2_u - Sx_u^2) / (m_u - 1)] and D_e = 2 (n Sx2 - Sx^2) /
    (n (n - 1)), with n the number of pairable values, and alpha = 1 - D_o / D_e.
    """
    if level not in ("interval", "ordinal"):
        raise InvalidValue(
            f'Krippendorff\'s alpha level must be "interval" or "ordinal", not {level!r}.'
        )
    pairable: list[list[float]] = []
    for unit, raw in units.items():
        present = _finite_values(
            (v for v in raw if v is not None), partial("value of unit {!r}".format, unit)
        )
        if len(present) >= 2:
            pairable.append(present)
    flat = [v for values in pairable for v in values]
    if len(flat) < 2:
        return None

    if level == "ordinal":
        # Krippendorff's ordinal metric is delta_ck = (sum_{g=c..k} n_g - (n_c + n_k)/2)^2 over
        # the pooled frequencies n_g. With the position p_v = sum_{g<v} n_g + n_v/2 this equals
        # (p_k - p_c)^2, so ordinal alpha is exactly interval alpha computed on the positions.
        # We use 2 p_v (an integer) since a common scale factor cancels out of alpha.
        counts: dict[float, int] = defaultdict(int)
        for v in flat:
            counts[v] += 1
        doubled_position: dict[float, int] = {}
        below = 0
        for v in sorted(counts):
            doubled_position[v] = 2 * below + counts[v]
            below += counts[v]
        integer_units = [[doubled_position[v] for v in values] for values in pairable]
    else:
        scaled = iter(_as_integers(flat))
        integer_units = [[next(scaled) for _ in values] for values in pairable]

    n = len(flat)
    sum_x = 0
    sum_x2 = 0
    # Units are grouped by their size m_u so that the only divisions are one per distinct m_u.
    within_by_size: dict[int, int] = defaultdict(int)
    for values in integer_units:
        s = sum(values)
        s2 = sum(v * v for v in values)
        sum_x += s
        sum_x2 += s2
        within_by_size[len(values)] += len(values) * s2 - s * s
    spread = n * sum_x2 - sum_x * sum_x  # n(n-1) D_e / 2
    if spread == 0:
        return None
    within = sum(Fraction(total, size - 1) for size, total in within_by_size.items())  # n D_o / 2
    # D_o / D_e = (2 within / n) / (2 spread / (n (n - 1))) = (n - 1) within / spread.
    return float(1 - (n - 1) * within / spread)


# --------------------------------------------------------------------------------------------
# Kendall's W, chi-squared tail, Spearman's rho


def kendall_w(
    matrix: Sequence[Sequence[float]], higher_is_better: bool = True
) -> tuple[float, float]:
    """Kendall's coefficient of concordance W with the tie correction, and its p-value.

    `matrix[i][j]` is target i scored by judge j (complete, at least 2 targets and 2 judges).
    Each judge ranks the n targets, rank 1 = best (the highest value when `higher_is_better`,
    the lowest otherwise), ties sharing their mean rank. With R_i the rank sum of target i and
    T_j = sum over judge j's tie groups of (t^3 - t) (Kendall & Babington Smith 1939):

        W = 12 S / (m^2 (n^3 - n) - m sum_j T_j),   S = sum_i (R_i - m (n + 1) / 2)^2.

    The p-value is the large-sample chi-squared approximation, chi2 = m (n - 1) W on n - 1
    degrees of freedom. Reversing every judge's order maps rank r to n + 1 - r and so leaves W
    unchanged: `higher_is_better` only fixes which end is called rank 1.

    When the denominator is 0 every judge tied every target: nobody expressed a preference, so
    there is no concordance to report and (0.0, 1.0) is returned (S is then 0 too, so W = 0/0
    would be meaningless rather than evidence of agreement).
    """
    n, m, flat = _matrix(matrix, "Kendall's W")
    doubled_sums = [0] * n
    ties = 0
    for j in range(m):
        column = [flat[i * m + j] for i in range(n)]
        doubled = _doubled_mean_ranks(column, descending=higher_is_better)
        for i, r in enumerate(doubled):
            doubled_sums[i] += r
        sizes: dict[float, int] = defaultdict(int)
        for v in column:
            sizes[v] += 1
        ties += sum(t**3 - t for t in sizes.values())
    denominator = m * m * (n**3 - n) - m * ties
    if denominator == 0:
        return 0.0, 1.0
    # With doubled rank sums, 2 R_i - m (n + 1) is an integer and S = sum(...)^2 / 4.
    s_times_4 = sum((r - m * (n + 1)) ** 2 for r in doubled_sums)
    w = float(Fraction(3 * s_times_4, denominator))
    return w, chi2_sf(m * (n - 1) * w, n - 1)


def chi2_sf(x: float, df: int) -> float:
    """P(X >= x) for X chi-squared with `df` degrees of freedom: Q(df/2, x/2).

    Q is the regularized upper incomplete gamma function, evaluated as in Numerical Recipes
    (Press et al., 3rd ed., section 6.2): the series for P(a, z) when z < a + 1 (then Q = 1 - P),
    the Lentz continued fraction for Q(a, z) otherwise. Both converge fast in their region, and
    the split avoids computing a tiny Q as 1 minus a number close to 1.
    """
    if isinstance(df, bool) or not isinstance(df, int) or df < 1:
        raise InvalidValue(
            f"chi-squared degrees of freedom must be a whole number >= 1, not {df!r}."
        )
    if math.isnan(x):
        raise InvalidValue("chi-squared statistic is NaN, not a number.")
    if x <= 0:
        return 1.0
    if math.isinf(x):
        return 0.0
    a = df / 2
    z = x / 2
    # log of z^a e^-z / Gamma(a), the common prefactor of both expansions.
    log_prefactor = a * math.log(z) - z - math.lgamma(a)
    eps = 1e-16
    if z < a + 1:
        # P(a, z) = z^a e^-z / Gamma(a + 1) * sum_{k>=0} z^k / ((a + 1) ... (a + k)).
        term = 1.0 / a
        total = term
        denominator = a
        for _ in range(10_000):
            denominator += 1
            term *= z / denominator
            total += term
            if abs(term) < abs(total) * eps:
                break
        return max(0.0, 1.0 - total * math.exp(log_prefactor))
    # Q(a, z) = z^a e^-z / Gamma(a) * 1 / (z + 1 - a - 1 (1 - a) / (z + 3 - a - ...)), Lentz.
    tiny = 1e-300
    b = z + 1 - a
    c = 1 / tiny
    d = 1 / b
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny:
            d = tiny
        c = b + an / c
        if abs(c) < tiny:
            c = tiny
        d = 1 / d
        delta = d * c
        h *= delta
        if abs(delta - 1) < eps:
            break
    return min(1.0, math.exp(log_prefactor) * h)


def spearman_rho(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rank correlation: the Pearson correlation of the mean ranks (ties shared).

    None when there are fewer than 3 pairs (two points always correlate perfectly, which says
    nothing) or when either side has zero rank variance (all values tied), where it is undefined.
    """
    if len(xs) != len(ys):
        raise InvalidValue(f"Spearman's rho needs paired values; got {len(xs)} and {len(ys)}.")
    if len(xs) < 3:
        return None
    rx = _doubled_mean_ranks(_finite_values(xs, lambda: "x value"), descending=False)
    ry = _doubled_mean_ranks(_finite_values(ys, lambda: "y value"), descending=False)
    n = len(rx)
    # Pearson on integers: n * sum(xy) - sum(x) sum(y) etc., exact until the final square root.
    sxy = n * sum(a * b for a, b in zip(rx, ry, strict=True)) - sum(rx) * sum(ry)
    sxx = n * sum(a * a for a in rx) - sum(rx) ** 2
    syy = n * sum(b * b for b in ry) - sum(ry) ** 2
    if sxx == 0 or syy == 0:
        return None
    rho = sxy / math.sqrt(sxx * syy)
    return max(-1.0, min(1.0, rho))


# --------------------------------------------------------------------------------------------
# Spearman-Brown


def jurors_for_reliability(icc_single: float, *, target: float = 0.8) -> int | None:
    """Jurors needed for the mean of their scores to reach reliability `target`.

    Spearman-Brown prophecy formula (Spearman 1910; Brown 1910): m jurors averaged have
    reliability m r / (1 + (m - 1) r), where r is the single-rater reliability; pass ICC(2,1)
    from `icc` (Shrout & Fleiss 1979 show ICC(2,k) is Spearman-Brown applied to ICC(2,1)).
    Solving for m gives m = target (1 - r) / (r (1 - target)), rounded up to a whole juror;
    a value within 1e-9 of a whole number counts as that number, so that floating-point noise
    in r does not add a juror.

    Returns None when r <= 0 (no number of jurors helps), 1 when r >= target already.
    The size of the current panel does not enter the formula, so it is not a parameter.
    """
    r = _finite(icc_single, "single-rater reliability")
    goal = _finite(target, "target reliability")
    if not 0 < goal < 1:
        raise InvalidValue(f"target reliability must lie strictly between 0 and 1, not {goal!r}.")
    if r > 1:
        raise InvalidValue(f"single-rater reliability cannot exceed 1, got {r!r}.")
    if r <= 0:
        return None
    if r >= goal:
        return 1
    m = goal * (1 - r) / (r * (1 - goal))
    nearest = round(m)
    return max(1, nearest if abs(m - nearest) <= 1e-9 else math.ceil(m))


# --------------------------------------------------------------------------------------------
# Juror severity


def fit_severity(
    scores: Mapping[tuple[str, int], float],
) -> tuple[dict[int, float], dict[str, float]]:
    """Least-squares fit of x_jn = theta_n + beta_j over the cells present, with sum_j beta_j = 0.

    `scores[(juror, nomination)]` is juror j's score for nomination n; the design may be
    incomplete. Returns (theta by nomination, beta by juror), keys in first-appearance order.
    beta_j is juror j's severity offset (positive = scores above the panel), theta_n the
    nomination's score with the offsets of its own jurors removed: theta_n = mean over n's
    jurors of (x_jn - beta_j). This is the additive two-way model without interaction, i.e.
    the unweighted least-squares analysis of an incomplete two-way layout; on a complete design
    it gives theta_n = the nomination's plain mean and beta_j = juror mean - grand mean.

    Method: theta is eliminated (for fixed beta, the best theta_n is the mean above), which
    leaves for each juror j the normal equation sum_{n in N(j)} (x_jn - theta_n(beta) - beta_j) = 0,
    i.e. L beta = b with L the juror graph Laplacian weighted by 1/|J(n)| per shared nomination
    and b_j = sum_{n in N(j)} (x_jn - mean_n). L is singular (constant vectors); the constraint
    is imposed by solving (L + c 1 1^T) beta = b, which has the same solution with sum beta = 0
    because 1^T L = 0 and 1^T b = 0. That keeps the matrix symmetric positive definite and treats
    every juror alike, instead of singling one out to carry the constraint row. The system is
    solved by Gaussian elimination with partial pivoting.

    The design must be connected: otherwise the offsets of two groups of jurors are not
    comparable, and InvalidValue names one juror from each of two groups. A nomination scored by
    a single juror is fine (its theta absorbs the score; it carries no severity information).
    An empty mapping gives two empty dicts.
    """
    jurors: dict[str, int] = {}
    nominations: dict[int, int] = {}
    by_nomination: list[list[tuple[int, float]]] = []
    for key, raw in scores.items():
        juror, nomination = key
        value = _finite(raw, f"score of juror {juror!r} for nomination {nomination!r}")
        j = jurors.setdefault(juror, len(jurors))
        if nomination not in nominations:
            nominations[nomination] = len(nominations)
            by_nomination.append([])
        by_nomination[nominations[nomination]].append((j, value))
    if not scores:
        return {}, {}
    juror_names = list(jurors)
    beta = _fit(juror_names, by_nomination)
    theta: dict[int, float] = {}
    for nomination, index in nominations.items():
        cells = by_nomination[index]
        theta[nomination] = math.fsum(v - beta[j] for j, v in cells) / len(cells)
    return theta, dict(zip(juror_names, beta, strict=True))


def severities(
    by_nomination: Mapping[int, Mapping[str, float]],
    shared: dict[tuple[Any, ...], Any] | None = None,
) -> dict[str, float]:
    """beta of `fit_severity` from one criterion's cells (nomination -> juror -> score, finite
    values), without building a (juror, nomination)-keyed copy: the `adjusted` ranking's path.
    Nominations and jurors are taken in sorted order, so the order in which scores arrived
    cannot change the last bit of a severity. `shared`: the equations of the designs solved
    so far (see `severities_by_criterion`)."""
    names = sorted({j for per in by_nomination.values() for j in per})
    if not names:
        return {}
    shared = {} if shared is None else shared
    index = {j: i for i, j in enumerate(names)}
    ordered = [by_nomination[n] for n in sorted(by_nomination)]
    if sum(len(per) ** 2 for per in ordered) > ARRAY_FIT_PAIRS:
        beta = _array_severities(names, index, ordered, shared)
    else:
        cells = [[(index[j], per[j]) for j in sorted(per)] for per in ordered]
        design = (tuple(names), tuple(tuple(j for j, _ in c) for c in cells))
        equations = shared.get(design)
        if equations is None:
            equations = shared[design] = _Equations(names, cells)
        beta = equations.solve(cells)
    return dict(zip(names, beta, strict=True))


def severities_by_criterion(
    by_criterion: Mapping[str, Mapping[int, Mapping[str, float]]],
) -> dict[str, dict[str, float]]:
    """`severities` of each criterion's cells, in order. Criteria of one design (the same
    jurors on the same nominations: every juror scoring every criterion, as usual) share its
    equations, built once (a small design's matrix eliminated once, a large one's arrays
    ordered and its matrix made once); each criterion's scores go through the very operations
    `severities` makes, so every severity is the same to the last bit."""
    shared: dict[tuple[Any, ...], Any] = {}
    return {key: severities(per, shared) for key, per in by_criterion.items()}


# Above this many juror pairs (Σ over nominations of jurors²) the normal equations are built and
# solved with numpy: in pure Python a national round of 20,000 candidates took over a second a
# criterion; below it, numpy's import would cost more than it saves. Which path a design takes
# depends on its size alone, so one round always gets the same severities to the last bit.
ARRAY_FIT_PAIRS = 250_000


class _Design(NamedTuple):
    """A design as flat arrays, nomination by nomination, each nomination's cells in juror
    order: what `_fit_arrays` solves."""

    lengths: Any  # numpy int64, per nomination: how many jurors scored it
    jurors: Any  # numpy int64, per cell: the juror's index
    values: Any  # numpy float64, per cell: the score


def _design_arrays(
    index: Mapping[str, int], ordered: list[Mapping[str, float]]
) -> tuple[_Design, Any]:
    """The design of `ordered` (per nomination, juror -> score) as arrays, cells put in juror
    order by one sort of the whole array rather than one Python sort per nomination; and that
    sort's permutation of the cells as read."""
    from itertools import chain

    from .numeric import numpy

    np = numpy()
    lengths = np.fromiter(map(len, ordered), dtype=np.int64, count=len(ordered))
    size = int(lengths.sum())
    jurors = np.fromiter(
        map(index.__getitem__, chain.from_iterable(ordered)), dtype=np.int64, count=size
    )
    values = np.fromiter(
        chain.from_iterable(per.values() for per in ordered), dtype=np.float64, count=size
    )
    order = np.lexsort((jurors, np.repeat(np.arange(len(ordered)), lengths)))
    return _Design(lengths, jurors[order], values[order]), order


def _fit(juror_names: list[str], by_nomination: list[list[tuple[int, float]]]) -> list[float]:
    """The severities beta (sum 0) of the connected design `by_nomination`: per nomination,
    its (juror index, score) cells. See `fit_severity`."""
    if sum(len(cells) ** 2 for cells in by_nomination) > ARRAY_FIT_PAIRS:
        from .numeric import numpy

        np = numpy()
        design = _Design(
            np.fromiter((len(cells) for cells in by_nomination), dtype=np.int64),
            np.fromiter((j for cells in by_nomination for j, _ in cells), dtype=np.int64),
            np.fromiter((v for cells in by_nomination for _, v in cells), dtype=np.float64),
        )
        return _fit_arrays(juror_names, design)
    return _Equations(juror_names, by_nomination).solve(by_nomination)


class _Equations:
    """`_fit`'s equations for one design (which jurors scored which nominations): the matrix,
    the Laplacian L (1 on the diagonal per nomination a juror scored, less 1/|J(n)| for each
    juror pair of a nomination) plus the shift, built and eliminated once; `solve` takes the
    scores of any criterion on that design."""

    def __init__(self, juror_names: list[str], by_nomination: list[list[tuple[int, float]]]):
        # The juror graph's edges, each once: a few hundred pairs for thousands of nominations.
        _require_connected(
            juror_names, {(cells[0][0], j) for cells in by_nomination for j, _ in cells}
        )
        size = len(juror_names)
        laplacian = [[0.0] * size for _ in range(size)]
        for cells in by_nomination:
            weight = 1.0 / len(cells)
            for j, _ in cells:
                row = laplacian[j]
                row[j] += 1.0
                for i, _ in cells:
                    row[i] -= weight
        # Any c > 0 works; the mean diagonal keeps the added term on the scale of the rest.
        shift = math.fsum(laplacian[j][j] for j in range(size)) / size or 1.0
        for row in laplacian:
            for i in range(size):
                row[i] += shift
        self.size = size
        self.elimination = _Elimination(laplacian)

    def solve(self, by_nomination: list[list[tuple[int, float]]]) -> list[float]:
        """The severities (sum 0) of these cells, which must be this design's."""
        rhs = [0.0] * self.size
        for cells in by_nomination:
            mean = math.fsum(v for _, v in cells) * (1.0 / len(cells))
            for j, v in cells:
                rhs[j] += v - mean
        beta = self.elimination.solve(rhs)
        # Remove the rounding residue of the constraint so sum beta = 0 holds to the last bit
        # or so.
        offset = math.fsum(beta) / self.size
        return [b - offset for b in beta]


def _fit_arrays(juror_names: list[str], design: _Design) -> list[float]:
    """`_fit`'s equations, built and solved with numpy (`_ArrayEquations`)."""
    return _ArrayEquations(juror_names, design.lengths, design.jurors).solve(design.values)


def _array_severities(
    names: list[str],
    index: Mapping[str, int],
    ordered: list[Mapping[str, float]],
    shared: dict[tuple[Any, ...], Any],
) -> list[float]:
    """`severities`' large path. A criterion whose cells name the same jurors in the same order
    on the same nominations as the last large one in `shared` reuses its arrays' order and
    equations, and only its own scores are read."""
    from itertools import chain

    from .numeric import numpy

    np = numpy()
    # The cells' layout, in the order their scores are read: compared, not hashed, and cheap
    # next to building the arrays (tuples of shared strings).
    layout = (tuple(map(len, ordered)), tuple(chain.from_iterable(ordered)))
    last = shared.get(("arrays", tuple(names)))
    if last is not None and last[0] == layout:
        _, order, equations = last
        size = len(layout[1])
        values = np.fromiter(
            chain.from_iterable(per.values() for per in ordered), dtype=np.float64, count=size
        )
        return equations.solve(values[order])
    design, order = _design_arrays(index, ordered)
    equations = _ArrayEquations(names, design.lengths, design.jurors)
    shared[("arrays", tuple(names))] = (layout, order, equations)
    return equations.solve(design.values)


def _distinct(np: Any, values: Any) -> Any:
    """`np.unique` of an integer array (its distinct values, sorted), without `np.unique`'s
    import of numpy.ma on first use: a tenth of numpy's own import, paid by every first
    `adjusted` ranking of a national round."""
    ordered = np.sort(values)
    if not len(ordered):
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


class _ArrayEquations:
    """`_fit`'s equations built with numpy for one design (`lengths`, and per cell `jurors`,
    nomination by nomination in juror order): the same Laplacian L (1 on the diagonal per
    nomination a juror scored, less 1/|J(n)| for each juror pair of a nomination) and shift,
    made once; `solve` takes the right-hand side of any scores on that design, solved by
    LAPACK's LU with partial pivoting."""

    def __init__(self, juror_names: list[str], lengths: Any, jurors: Any) -> None:
        from .numeric import numpy

        np = numpy()
        size = len(juror_names)
        owner = np.repeat(np.arange(len(lengths)), lengths)
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        # The juror graph's edges: each nomination's first juror to each of its jurors, once.
        edges = _distinct(np, jurors[starts][owner] * size + jurors)
        first, other = divmod(edges, size)
        _require_connected(juror_names, zip(first.tolist(), other.tolist(), strict=True))
        laplacian = np.diag(np.bincount(jurors, minlength=size).astype(np.float64))
        # Every ordered juror pair (a, b) of a nomination, nominations of one size at a time.
        for k in _distinct(np, lengths):
            rows = starts[lengths == k][:, None] + np.arange(k)[None, :]
            members = jurors[rows]  # nominations × k
            pairs = (members[:, :, None] * size + members[:, None, :]).ravel()
            laplacian -= np.bincount(pairs, minlength=size * size).reshape(size, size) / k
        shift = float(np.trace(laplacian)) / size or 1.0
        self.np, self.size, self.lengths, self.jurors, self.owner = np, size, lengths, jurors, owner
        self.weight = 1.0 / lengths
        self.matrix = laplacian + shift

    def solve(self, values: Any) -> list[float]:
        """The severities (sum 0) of these per-cell scores, in the design's cell order."""
        np = self.np
        means = np.bincount(self.owner, weights=values, minlength=len(self.lengths)) * self.weight
        rhs = np.bincount(self.jurors, weights=values - means[self.owner], minlength=self.size)
        beta = np.linalg.solve(self.matrix, rhs)
        offset = math.fsum(beta.tolist()) / self.size
        return [float(b) - offset for b in beta.tolist()]


def _require_connected(jurors: list[str], edges: Iterable[tuple[int, int]]) -> None:
    """Raise InvalidValue unless the juror graph (`edges`: pairs of juror indices that share a
    nomination) is one connected component.

    Union-find over jurors. Nominations need no node of their own: every nomination has at
    least one juror and hangs off that juror, so joining its first juror to each of the others
    joins them all.
    """
    parent = list(range(len(jurors)))

    def root(j: int) -> int:
        while parent[j] != j:
            parent[j] = parent[parent[j]]  # path halving keeps the trees flat
            j = parent[j]
        return j

    for a, b in edges:
        first, other = root(a), root(b)
        if other != first:
            parent[other] = first
    base = root(0)
    for j in range(1, len(jurors)):
        if root(j) != base:
            raise InvalidValue(
                "the round's jurors and nominations do not form one connected design: "
                f"{jurors[0]} and {jurors[j]} share no nomination, directly or through other "
                "jurors."
            )


class _Elimination:
    """Gaussian elimination with partial pivoting of one matrix (in place), its row operations
    kept: `solve` applies them to a right-hand side, the very operations an elimination of the
    matrix with that right-hand side makes, so several right-hand sides cost one elimination."""

    def __init__(self, matrix: list[list[float]]) -> None:
        size = len(matrix)
        # Per column: the row swapped into place, and each row below with its factor.
        self.steps: list[tuple[int, list[tuple[int, float]]]] = []
        for col in range(size):
            pivot = max(range(col, size), key=lambda r: abs(matrix[r][col]))
            if matrix[pivot][col] == 0:
                # Cannot happen for a connected design; kept so a logic error fails loudly.
                raise InvalidValue("the severity equations are singular.")
            if pivot != col:
                matrix[col], matrix[pivot] = matrix[pivot], matrix[col]
            pivot_row = matrix[col]
            inverse = 1.0 / pivot_row[col]
            factors = []
            for r in range(col + 1, size):
                row = matrix[r]
                factor = row[col] * inverse
                if factor:
                    for c in range(col, size):
                        row[c] -= factor * pivot_row[c]
                    factors.append((r, factor))
            self.steps.append((pivot, factors))
        self.matrix = matrix

    def solve(self, rhs: Sequence[float]) -> list[float]:
        """x with matrix @ x = rhs (the matrix as it was given)."""
        rhs = list(rhs)
        for col, (pivot, factors) in enumerate(self.steps):
            if pivot != col:
                rhs[col], rhs[pivot] = rhs[pivot], rhs[col]
            for r, factor in factors:
                rhs[r] -= factor * rhs[col]
        size = len(rhs)
        solution = [0.0] * size
        for r in range(size - 1, -1, -1):
            row = self.matrix[r]
            acc = rhs[r] - math.fsum(row[c] * solution[c] for c in range(r + 1, size))
            solution[r] = acc / row[r]
        return solution
