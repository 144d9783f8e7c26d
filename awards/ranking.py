"""Rankings, exactly as the README defines them ("How rankings are computed").

Pure functions over plain values. Every sum is `math.fsum`, which is correctly rounded, so the
order in which scores arrive can never change a result, and nothing is ever rounded: rounding
is for display only.

The pipeline, one function each:
1. group the entries once: nomination -> criterion -> juror -> value (`group_scores`);
2. combine each cell's jurors into the panel value a_c with the method (`Method.panel_values`);
3. every juror's own weighted total per nomination (`juror_points`, summed);
4. the nomination's score: points from the a_c, or the mean juror rank for `rank`;
5. sort, share ranks between equal scores, and apply the tie-break chain (`_assign_ranks`).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from functools import partial
from typing import Any, NamedTuple, NotRequired, TypedDict

from .errors import InvalidValue
from .models import Criterion
from .rows import RoundRow

# Jurors "disagree strongly" about a nomination when their own weighted totals lie this share of
# the total points apart or more (25 of 100 points; 250 of 1000), with at least two jurors.
# A quarter of the scale is the gap between "good" and "average": the chair should read the
# nomination again rather than trust the panel value.
DISAGREEMENT_SHARE = 0.25

# Two scores are equal when |a − b| ≤ TIE_TOLERANCE · max(1, |a|, |b|). The same number reached
# by different float paths ((0.1 + 0.2)/2 against (0.3 + 0)/2) differs only in the last bits,
# about 1e-16 relative, and must tie. A real difference is one juror moving one step, shared
# among the panel: on the advisor scale 20 points · 0.5/10 over 10 jurors is 0.1 of 100 points,
# 1e-3 relative, a million times the tolerance. So ties come from the scores jurors gave, never
# from float noise, and no real difference is ever swallowed.
TIE_TOLERANCE = 1e-9

# nomination -> criterion key -> juror -> value
Cells = dict[int, dict[str, dict[str, float]]]


# ---- the methods: one object each, used by the ranking, the panel and the bootstrap ----------


class Restatement:
    """A round's scores restated by a method so that, in every cell, the panel value is
    `a_c = offset + factor · combine(restated values)` with the method's combiner. The ranking
    evaluates it exactly; the panel re-evaluates the same form with jurors left out or drawn
    again (`awards.panel`), so a method's arithmetic is written once, here.

    `values`: nomination -> criterion key -> juror -> restated value; `scale`: key -> (offset,
    factor), absent meaning (0.0, 1.0). A restatement that takes a shift off each juror's
    scores (`shifted`) makes `values` only when first asked: the ranking needs each cell's
    combined value alone (`combined`), and at 20,000 candidates the restated copy of 500,000
    scores was 0.2 s of a first ranking that nothing read."""

    def __init__(self, values: Cells, scale: Mapping[str, tuple[float, float]]) -> None:
        self._values: Cells | None = values
        self.scale = scale
        self._shifted: tuple[Cells, Mapping[str, Mapping[str, float]]] | None = None

    @classmethod
    def shifted(cls, cells: Cells, shift: Mapping[str, Mapping[str, float]]) -> Restatement:
        """Each score less its juror's shift on its criterion (x − shift[key][juror]), with
        no scale."""
        restated = cls({}, {})
        restated._values = None
        restated._shifted = (cells, shift)
        return restated

    @property
    def values(self) -> Cells:
        if self._values is None:
            assert self._shifted is not None
            self._values = _less_shift(*self._shifted)
        return self._values

    def combined(
        self, combine: Callable[[Collection[float]], float]
    ) -> dict[int, dict[str, float]]:
        """nomination -> criterion key -> `combine` of that cell's restated values (before
        the scale), the very values `values` holds, without making it when it is not made."""
        if self._values is None:
            assert self._shifted is not None
            cells, shift = self._shifted
            return {
                n: {
                    key: combine([v - of_juror[j] for j, v in per_juror.items()])
                    for key, per_juror in per_criterion.items()
                    for of_juror in (shift[key],)
                }
                for n, per_criterion in cells.items()
            }
        # No list of each cell's values: combine reads them in place.
        return {
            n: {key: combine(per_juror.values()) for key, per_juror in per_criterion.items()}
            for n, per_criterion in self._values.items()
        }


def _less_shift(cells: Cells, shift: Mapping[str, Mapping[str, float]]) -> Cells:
    """Each score less its juror's shift on its criterion. Each criterion's shifts looked up
    once per cell, not once per score."""
    return {
        n: {
            key: {j: v - of_juror[j] for j, v in per_juror.items()}
            for key, per_juror in per_criterion.items()
            for of_juror in (shift[key],)
        }
        for n, per_criterion in cells.items()
    }


class Method(NamedTuple):
    """A ranking method: how it restates the scores, how it combines one cell, which way is
    better, and what documents call it. Adding a method is one more entry in METHODS."""

    name: str
    lower_is_better: bool
    label_fi: str  # how a document names it
    label_en: str
    combiner: str  # "mean", "median" or "trimmed": how one cell's restated values combine
    restate: Callable[[Cells], Restatement]
    # `rank` scores a nomination by the mean of the ranks its jurors gave it (by their own
    # weighted totals), not by points from the a_c; by_criterion still shows the a_c.
    by_juror_rank: bool = False

    def label(self, lang: str) -> str:
        return self.label_fi if lang == "fi" else self.label_en

    def combine(self, values: Collection[float]) -> float:
        return COMBINERS[self.combiner](values)

    def panel_values(
        self, cells: Cells, restated: Restatement | None = None
    ) -> dict[int, dict[str, float]]:
        """a_c for every nomination and criterion that has scores, exactly (`restated`: the
        method's restatement of these cells, when the caller has made it already)."""
        if restated is None:
            restated = self.restate(cells)
        panel = restated.combined(COMBINERS[self.combiner])
        for key, (offset, factor) in restated.scale.items():
            if (offset, factor) == (0.0, 1.0):
                continue
            for values in panel.values():
                if key in values:
                    values[key] = offset + factor * values[key]
        return panel


def _as_given(cells: Cells) -> Restatement:
    return Restatement(cells, {})


def _standardised(cells: Cells) -> Restatement:
    """zscore: each juror's scores on each criterion standardised over the nominations that
    juror scored (z = (x − μ_j)/σ_j, population σ; z = 0 where σ_j = 0: a juror who gave the
    same score everywhere said nothing about the order), mapped back onto the scale with the
    mean and σ of all scores on that criterion in the round (a_c = μ + σ · mean z)."""
    # criterion key -> juror -> the values that juror gave on it.
    by_juror: dict[str, dict[str, list[float]]] = defaultdict(dict)
    for per_criterion in cells.values():
        for key, per_juror in per_criterion.items():
            lists = by_juror[key]
            for juror, value in per_juror.items():
                found = lists.get(juror)
                if found is None:
                    lists[juror] = [value]
                else:
                    found.append(value)
    # A scale has a few steps: each juror's values counted once (`_moments`), and a
    # criterion's counts are its jurors' counts together, with no list of its values.
    counted = {
        key: {juror: Counter(given) for juror, given in lists.items()}
        for key, lists in by_juror.items()
    }
    juror_stats: dict[str, dict[str, tuple[float, float]]] = {}
    scale: dict[str, tuple[float, float]] = {}
    for key, lists in by_juror.items():
        # (`given.copy`, `_every_value`: the values listed, asked for only where needed.)
        juror_stats[key] = {
            juror: _moments(counted[key][juror], given.copy) for juror, given in lists.items()
        }
        every: Counter[float] = Counter()
        for counts in counted[key].values():
            every.update(counts)
        scale[key] = _moments(every, partial(_every_value, lists))
    return Restatement(_z_values(cells, counted, juror_stats), scale)


def _every_value(lists: Mapping[str, list[float]]) -> list[float]:
    return [v for given in lists.values() for v in given]


def _z_values(
    cells: Cells,
    counted: Mapping[str, Mapping[str, Mapping[float, int]]],
    juror_stats: Mapping[str, Mapping[str, tuple[float, float]]],
) -> Cells:
    """Each score's z = (x − μ_j)/σ_j (0 where σ_j = 0), in the cells' own order. A juror's
    few distinct values (`counted`: per criterion, each juror's values counted) are each
    worked out once and shared by the cells (at 20,000 candidates 0.3 -> 0.2 s, and 500,000
    floats fewer); equal values give the very same z, except 0.0 and -0.0 where μ_j = 0
    (their z differ in sign), for which every score is worked out on its own."""
    tables: dict[str, dict[str, dict[float, float]]] = {}
    for key, by_juror in counted.items():
        stats = tables[key] = {}
        for juror, distinct in by_juror.items():
            mu_j, sigma_j = juror_stats[key][juror]
            if not sigma_j:
                stats[juror] = dict.fromkeys(distinct, 0.0)
            elif mu_j:
                stats[juror] = {v: (v - mu_j) / sigma_j for v in distinct}
            else:
                return _z_values_one_by_one(cells, juror_stats)
    return {
        n: {
            key: {juror: table[juror][value] for juror, value in per_juror.items()}
            for key, per_juror in per_criterion.items()
            for table in (tables[key],)
        }
        for n, per_criterion in cells.items()
    }


def _z_values_one_by_one(
    cells: Cells, juror_stats: Mapping[str, Mapping[str, tuple[float, float]]]
) -> Cells:
    values: Cells = {}
    for n, per_criterion in cells.items():
        restated: dict[str, dict[str, float]] = {}
        for key, per_juror in per_criterion.items():
            stats = juror_stats[key]
            z = {}
            for juror, value in per_juror.items():
                mu_j, sigma_j = stats[juror]
                z[juror] = (value - mu_j) / sigma_j if sigma_j else 0.0
            restated[key] = z
        values[n] = restated
    return values


def _severity_removed(cells: Cells) -> Restatement:
    """adjusted: on each criterion, fit x_jn = θ_n + β_j by least squares over the scores present
    (Σβ = 0 over the jurors who scored it); the restated value is x_jn − β_j, whose mean over
    n's jurors is θ_n. A strict juror (β < 0) no longer costs the candidates who drew them. On a
    complete design β_j is the juror's mean minus the grand mean, so a_c is the plain mean.
    Refused (InvalidValue) when some group of jurors shares no nomination with the rest: their
    severities could not be told apart from their candidates' levels."""
    from .panel_stats import severities_by_criterion

    by_criterion: dict[str, dict[int, dict[str, float]]] = defaultdict(dict)
    for n, per_criterion in cells.items():
        for key, per_juror in per_criterion.items():
            by_criterion[key][n] = per_juror
    return Restatement.shifted(cells, severities_by_criterion(by_criterion))


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("mean", False, "keskiarvo", "mean", "mean", _as_given),
        Method("median", False, "mediaani", "median", "median", _as_given),
        Method(
            "trimmed",
            False,
            "karsittu keskiarvo (ylin ja alin pois)",
            "trimmed mean (highest and lowest dropped)",
            "trimmed",
            _as_given,
        ),
        Method(
            "zscore",
            False,
            "arvioijakohtaisesti vakioitu (z-pisteet)",
            "standardised per juror (z-scores)",
            "mean",
            _standardised,
        ),
        Method(
            "rank",
            True,
            "sijalukujen keskiarvo (pienempi on parempi)",
            "mean rank (lower is better)",
            "mean",
            _as_given,
            by_juror_rank=True,
        ),
        Method(
            "adjusted",
            False,
            "keskiarvo arvioijien ankaruus huomioiden",
            "mean adjusted for each juror's severity",
            "mean",
            _severity_removed,
        ),
    )
}
METHOD_NAMES: tuple[str, ...] = tuple(METHODS)


def method_named(name: str) -> Method:
    """The registered method, or InvalidValue naming the ones there are."""
    try:
        return METHODS[name]
    except KeyError:
        raise InvalidValue(f"unknown method {name!r}; choose {', '.join(METHODS)}") from None


# ---- flags: codes with their data; words are for whoever shows them ------------------------


class Flag(NamedTuple):
    code: str  # one of FLAG_CODES
    criterion: str | None = None  # tie_break: the criterion key that decided the place
    juror: str | None = None  # disagreement: the juror whose total lies furthest from the rest

    def as_json(self) -> dict[str, str]:
        """The flag as JSON carries it: its code and the fields it has, in this order."""
        found = {"code": self.code}
        if self.criterion is not None:
            found["criterion"] = self.criterion
        if self.juror is not None:
            found["juror"] = self.juror
        return found


FLAG_CODES = ("tied", "tie_break", "close", "disagreement", "incomplete")


def ranking_flags(row: RankedRow) -> list[Flag]:
    """A ranking row's flags (a row as the store returns it: tied, decided_by, disagreement with
    furthest_juror, incomplete), in the order they are shown."""
    flags = []
    if row.get("tied"):
        flags.append(Flag("tied"))
    if row.get("decided_by"):
        flags.append(Flag("tie_break", criterion=row["decided_by"]))
    if row.get("close"):
        flags.append(Flag("close"))
    if row.get("disagreement"):
        flags.append(Flag("disagreement", juror=row.get("furthest_juror")))
    if row.get("incomplete"):
        flags.append(Flag("incomplete"))
    return flags


class ScoreEntry(NamedTuple):
    juror: str  # juror email; "" for a self-assessment round (one score set per nomination)
    nomination: int
    criterion: str  # criterion key
    value: float


class RankedRow(TypedDict):
    """A ranking row as the store hands it to commands and writers: a frozen row of a closed
    round or a live one of an open round, with its nominee and flags."""

    rank: int
    nomination: int
    score: float | None
    by_criterion: dict[str, float]
    jurors: int
    spread: float
    score_range: float
    tied: bool
    disagreement: bool
    incomplete: bool
    decided_by: str | None
    furthest_juror: NotRequired[str | None]
    margin: NotRequired[float | None]  # to the next scored row below (`mark_close`)
    close: NotRequired[bool]
    flags: NotRequired[list[Flag]]
    nominee: NotRequired[str]
    organization: NotRequired[str | None]


class RoundRanking(TypedDict):
    """A round's ranking as the store hands it on (`awards ranking`, the documents)."""

    round: RoundRow
    method: str
    frozen: bool  # the ranking stored when the round closed
    criteria: list[Criterion]
    rows: list[RankedRow]


class RankingRow:
    """One nomination's place in a round. A plain class (not a dataclass, whose import costs a
    listing more than the ranking itself): ranks, ties and the tie-break are set in place."""

    __slots__ = (
        "by_criterion",
        "decided_by",
        "disagreement",
        "incomplete",
        "juror_totals",
        "jurors",
        "nomination",
        "rank",
        "score",
        "score_range",
        "spread",
        "tied",
    )

    def __init__(
        self,
        *,
        rank: int,
        nomination: int,
        score: float | None,
        by_criterion: dict[str, float],
        jurors: int,
        spread: float,
        score_range: float,
        tied: bool,
        disagreement: bool,
        incomplete: bool,
        decided_by: str | None = None,
        juror_totals: dict[str, float] | None = None,
    ) -> None:
        self.rank = rank
        self.nomination = nomination
        self.score = score  # None only for a nomination with no scores at all
        self.by_criterion = by_criterion  # a_c on the criterion's own scale, per criterion scored
        self.jurors = jurors  # distinct jurors who scored this nomination
        self.spread = spread  # population std dev of the jurors' own totals (0.0 for < 2)
        self.score_range = score_range  # max − min of the jurors' own totals (0.0 for < 2)
        self.tied = tied  # shares its rank with another row
        self.disagreement = disagreement  # score_range ≥ DISAGREEMENT_SHARE of the points
        self.incomplete = incomplete  # an expected juror × criterion score is missing
        # The criterion key that decided this row's place against its tied neighbours (the
        # key that separated it from the row above, or for the first of a split tie, from the
        # row below); None when no tie-break was needed.
        self.decided_by = decided_by
        self.juror_totals = juror_totals if juror_totals is not None else {}  # points, by juror

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}

    def __repr__(self) -> str:
        return f"RankingRow({', '.join(f'{k}={v!r}' for k, v in self.as_dict().items())})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RankingRow) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaces


# ---- small exact helpers -------------------------------------------------------------------


def total_points(criteria: Iterable[Criterion]) -> float:
    """Σ w_c: what a perfect score is worth."""
    return math.fsum(c.weight for c in criteria)


def juror_total(criteria_by_key: Mapping[str, Criterion], values: Mapping[str, float]) -> float:
    """A juror's own weighted total: the points their scores are worth, over what they scored."""
    return math.fsum(criteria_by_key[key].normalized(value) for key, value in values.items())


def _exact_sum(counts: Mapping[float, int]) -> float | None:
    """Σ value·count, exactly and then rounded once, as `math.fsum` of the values listed out
    would give it (fsum's result is the exact sum correctly rounded: integer arithmetic on the
    values' binary fractions, then one correctly rounded division, is the same float). None
    where the sum is zero: the caller then asks `math.fsum` itself, whose zero's sign is its
    own rule rather than arithmetic's."""
    numerator, denominator = 0, 1
    for value, count in counts.items():
        top, bottom = value.as_integer_ratio()
        if bottom > denominator:
            numerator *= bottom // denominator
            denominator = bottom
        numerator += top * count * (denominator // bottom)
    return numerator / denominator if numerator else None


def _moments(
    counts: Mapping[float, int], listed: Callable[[], Sequence[float]]
) -> tuple[float, float]:
    """(`mean`, `pstdev`) of the values `counts` counts (`listed()`: the values themselves,
    made only where needed): to the last bit what those two give, worked out per distinct
    value where there are few of them (a juror's scores on a scale's steps: a national round's
    zscore restatement summed 500,000 values twice over, a third of its time), and by the
    values themselves where there are many."""
    size = sum(counts.values())
    if (
        len(counts) * 8 > size
        or not all(type(v) is float for v in counts)
        or not all(map(math.isfinite, counts))
    ):
        values = listed()
        return mean(values), pstdev(values)
    total = _exact_sum(counts)
    centre = (math.fsum(listed()) if total is None else total) / size
    if size < 2 or len(counts) == 1:  # pstdev's "all values equal"
        return centre, 0.0
    squares: Counter[float] = Counter()
    for value, count in counts.items():
        squares[(value - centre) ** 2] += count
    spread = _exact_sum(squares)
    return centre, math.sqrt((spread or 0.0) / size)


def mean(values: Collection[float]) -> float:
    return math.fsum(values) / len(values)


def pstdev(values: Sequence[float]) -> float:
    """Population standard deviation; exactly 0.0 when all values are equal (a mean computed in
    floats may differ from the common value in the last bit, and that must not become a σ)."""
    if len(values) < 2 or min(values) == max(values):
        return 0.0
    centre = mean(values)
    return math.sqrt(math.fsum((v - centre) ** 2 for v in values) / len(values))


def median(values: Collection[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def trimmed_mean(values: Collection[float]) -> float:
    """Drop one highest and one lowest score (one of each even when several are equal)."""
    if len(values) < 3:
        return mean(values)
    return mean(sorted(values)[1:-1])


def scores_equal(a: float, b: float) -> bool:
    """Two scores are the same score (see TIE_TOLERANCE)."""
    return abs(a - b) <= TIE_TOLERANCE * max(1.0, abs(a), abs(b))


# How one cell's (restated) scores combine into one value.
COMBINERS: dict[str, Callable[[Collection[float]], float]] = {
    "mean": mean,
    "median": median,
    "trimmed": trimmed_mean,
}


# ---- validation and grouping ---------------------------------------------------------------


def _check_arguments(
    method: str, criteria_by_key: Mapping[str, Criterion], tie_break: Sequence[str]
) -> None:
    method_named(method)
    unknown = [key for key in tie_break if key not in criteria_by_key]
    if unknown:
        raise InvalidValue(
            f"unknown tie-break criterion {unknown[0]!r}; choose {', '.join(criteria_by_key)}"
        )


# A score as a store reads it: ScoreEntry's fields in order, as a plain tuple or a ScoreEntry.
ScoreRow = tuple[str, int, str, float]


def group_scores(
    scores: Iterable[tuple[Any, int, str, float]],
    criteria_by_key: Mapping[str, Criterion],
    ids: Iterable[int],
    jurors: Mapping[Any, str] | None = None,
) -> Cells:
    """One pass over the entries straight into cells (this loop is most of the time a ranking
    takes), refusing anything that would make the ranking ambiguous. `scores` are rows in
    ScoreEntry's field order; `jurors`, when given, names the juror each row's first field
    stands for (a store's ids -> emails: the rows can then be its cursor's, unchanged)."""
    cells: Cells = {n: {} for n in ids}
    # Each cell's criterion key is the criterion's own string, shared by every cell.
    known = {key: key for key in criteria_by_key}
    # Unpacked in field order rather than read by name: a store may hand in plain tuples, and
    # at 500,000 scores the attribute reads were a fifth of the loop.
    for juror, nomination, criterion, value in scores:
        per_criterion = cells.get(nomination)
        if per_criterion is None:
            raise InvalidValue(f"score for nomination {nomination}, which is not in the round")
        per_juror = per_criterion.get(criterion)
        if per_juror is None:
            key = known.get(criterion)
            if key is None:
                raise InvalidValue(
                    f"score for unknown criterion {criterion!r}; "
                    f"the criteria are {', '.join(criteria_by_key)}"
                )
            per_juror = per_criterion[key] = {}
        if jurors is not None:
            juror = jurors[juror]
        # Two different values for one cell would make the result depend on which came last.
        # (`is` first: a NaN's first score is its own, and NaN != NaN.)
        kept = per_juror.setdefault(juror, value)
        if kept is not value and kept != value:
            raise InvalidValue(
                f"two different scores from {juror or 'the self-assessment'} for "
                f"nomination {nomination}, {criterion}"
            )
    isfinite = math.isfinite
    for nomination, per_criterion in cells.items():
        for key, per_juror in per_criterion.items():
            if not all(map(isfinite, per_juror.values())):
                raise InvalidValue(
                    f"a score for nomination {nomination}, {key} is not a finite number"
                )
    return cells


# ---- juror totals and scores ---------------------------------------------------------------


def juror_points(
    cells: Cells, criteria_by_key: Mapping[str, Criterion]
) -> dict[int, dict[str, list[float]]]:
    """nomination -> juror -> the points of each criterion that juror scored."""
    points: dict[int, dict[str, list[float]]] = {}
    for n, per_criterion in cells.items():
        per_juror_points: dict[str, list[float]] = defaultdict(list)
        for key, per_juror in per_criterion.items():
            c = criteria_by_key[key]
            # Criterion.normalized inlined: the very same operations, so bit-identical results,
            # without a method call per score.
            weight, low, span = c.weight, c.min, c.max - c.min
            for juror, value in per_juror.items():
                per_juror_points[juror].append(weight * (value - low) / span)
        points[n] = per_juror_points
    return points


def totals_by_nomination(
    cells: Cells, criteria_by_key: Mapping[str, Criterion]
) -> dict[int, dict[str, float]]:
    """nomination -> juror -> that juror's own weighted total T (points), jurors in order."""
    return totals_of(juror_points(cells, criteria_by_key))


def totals_of(points: Mapping[int, Mapping[str, list[float]]]) -> dict[int, dict[str, float]]:
    return {n: {j: math.fsum(per[j]) for j in sorted(per)} for n, per in points.items()}


def _points_score(
    panel: Mapping[str, float], criteria_by_key: Mapping[str, Criterion]
) -> float | None:
    """Σ_c w_c·(a_c − min_c)/(max_c − min_c) over the criteria with a value."""
    if not panel:
        return None
    return math.fsum(criteria_by_key[key].normalized(a) for key, a in panel.items())


def shared_ranks(totals: Mapping[int, float]) -> dict[int, float]:
    """1 = highest total; equal totals share the mean of the ranks they span (1, 2.5, 2.5, 4)."""
    ordered = sorted(totals, key=lambda n: (-totals[n], n))
    ranks: dict[int, float] = {}
    start = 0
    while start < len(ordered):
        end = start + 1
        while end < len(ordered) and scores_equal(totals[ordered[end]], totals[ordered[start]]):
            end += 1
        shared = (start + 1 + end) / 2  # mean of ranks start+1 .. end
        for n in ordered[start:end]:
            ranks[n] = shared
        start = end
    return ranks


def _mean_rank_scores(totals: Mapping[int, Mapping[str, float]]) -> dict[int, float | None]:
    """Each juror ranks the nominations they scored by their own totals; a nomination's score is
    the mean of the ranks it got (lower is better), None when nobody scored it."""
    by_juror: dict[str, dict[int, float]] = defaultdict(dict)
    for n, per_juror in totals.items():
        for juror, total in per_juror.items():
            by_juror[juror][n] = total
    ranks: dict[int, list[float]] = defaultdict(list)
    for juror_totals_ in by_juror.values():
        for n, rank in shared_ranks(juror_totals_).items():
            ranks[n].append(rank)
    return {n: mean(ranks[n]) if n in ranks else None for n in totals}


# ---- rows ----------------------------------------------------------------------------------


def _is_incomplete(
    points_by_juror: Mapping[str, list[float]], wanted: Collection[str] | None, criteria: int
) -> bool:
    """No scores at all, or an expected juror (every juror who scored, without `expected`) left
    a criterion empty. A juror's points list has one entry per criterion they scored."""
    if not points_by_juror:
        return True
    jurors = points_by_juror if wanted is None else wanted
    return any(len(points_by_juror.get(juror, ())) < criteria for juror in jurors)


def _row(
    nomination: int,
    score: float | None,
    panel: Mapping[str, float],
    totals: dict[str, float],
    incomplete: bool,
    criteria: Sequence[Criterion],
    disagreement_limit: float,
) -> RankingRow:
    values = list(totals.values())
    score_range = max(values) - min(values) if len(values) >= 2 else 0.0
    disagreement = (
        len(values) >= 2
        and disagreement_limit > 0
        and (score_range >= disagreement_limit or scores_equal(score_range, disagreement_limit))
    )
    return RankingRow(
        rank=0,
        nomination=nomination,
        score=score,
        by_criterion={c.key: panel[c.key] for c in criteria if c.key in panel},
        jurors=len(values),
        spread=pstdev(values),
        score_range=score_range,
        tied=False,
        disagreement=disagreement,
        incomplete=incomplete,
        juror_totals=totals,
    )


def compute_ranking(
    criteria: Sequence[Criterion],
    scores: Iterable[ScoreRow],
    nominations: Iterable[int],
    method: str = "mean",
    expected: Mapping[int, Collection[str]] | None = None,
    tie_break: Sequence[str] = (),
) -> list[RankingRow]:
    """Rank every nomination of a round, best first; one row per nomination (see the module
    docstring).

    `expected` maps a nomination to the jurors assigned to it (for the incomplete flag);
    `tie_break` lists criterion keys: among tied rows, the higher a_c wins, key by key.
    """
    _check_arguments(method, {c.key: c for c in criteria}, tie_break)
    return RoundTable(criteria, scores, nominations, expected).rows(method, tie_break)


class RoundTable:
    """One round's scores grouped and checked once (`group_scores`), with each method's
    restatement and the jurors' points made on first need and kept: what a ranking reads, and
    what the panel reads after it in the same process instead of working them out again."""

    def __init__(
        self,
        criteria: Sequence[Criterion],
        scores: Iterable[tuple[Any, int, str, float]],
        nominations: Iterable[int],
        expected: Mapping[int, Collection[str]] | None = None,
        jurors: Mapping[Any, str] | None = None,
    ) -> None:
        """`scores` and `jurors` as `group_scores` takes them."""
        self.criteria = list(criteria)
        self.by_key = {c.key: c for c in self.criteria}
        self.expected = expected
        self.cells = group_scores(scores, self.by_key, sorted(set(nominations)), jurors)
        self._points: dict[int, dict[str, list[float]]] | None = None
        self._totals: dict[int, dict[str, float]] | None = None
        self._restated: dict[str, Restatement] = {}
        self._rows: dict[tuple[str, tuple[str, ...]], list[RankingRow]] = {}

    @property
    def points(self) -> dict[int, dict[str, list[float]]]:
        if self._points is None:
            self._points = juror_points(self.cells, self.by_key)
        return self._points

    @property
    def totals(self) -> dict[int, dict[str, float]]:
        """nomination -> juror -> that juror's own weighted total (`totals_of` the points)."""
        if self._totals is None:
            self._totals = totals_of(self.points)
        return self._totals

    def restated(self, method: str) -> Restatement:
        """The method's restatement, made once (InvalidValue where the method cannot rank
        the design: adjusted on one that is not connected)."""
        if method not in self._restated:
            self._restated[method] = METHODS[method].restate(self.cells)
        return self._restated[method]

    def rows(self, method: str, tie_break: Sequence[str] = ()) -> list[RankingRow]:
        """The round ranked by `method` (see `compute_ranking`), made once per tie-break."""
        key = (method, tuple(tie_break))
        if key not in self._rows:
            _check_arguments(method, self.by_key, tie_break)
            self._rows[key] = rank_cells(
                self.criteria,
                self.cells,
                method,
                self.expected,
                tie_break,
                self.restated(method),
                self.points,
                self.totals,
            )
        return self._rows[key]


def rank_cells(
    criteria: Sequence[Criterion],
    cells: Cells,
    method: str,
    expected: Mapping[int, Collection[str]] | None = None,
    tie_break: Sequence[str] = (),
    restated: Restatement | None = None,
    points: Mapping[int, Mapping[str, list[float]]] | None = None,
    totals: Mapping[int, dict[str, float]] | None = None,
) -> list[RankingRow]:
    """`compute_ranking` of cells already grouped and checked (`group_scores`), with the
    method's restatement and the jurors' points and totals when the caller has them already
    (the panel ranks a round several ways and works each out once)."""
    criteria_by_key = {c.key: c for c in criteria}
    ids = sorted(cells)
    panel = METHODS[method].panel_values(cells, restated)
    if points is None:
        points = juror_points(cells, criteria_by_key)
    if totals is None:
        totals = totals_of(points)
    if METHODS[method].by_juror_rank:
        score_of = _mean_rank_scores(totals)
    else:
        score_of = {n: _points_score(panel[n], criteria_by_key) for n in ids}

    disagreement_limit = DISAGREEMENT_SHARE * total_points(criteria_by_key.values())
    rows = []
    for n in ids:
        wanted = None if expected is None else expected.get(n, ())
        incomplete = _is_incomplete(points[n], wanted, len(criteria_by_key))
        rows.append(
            _row(n, score_of[n], panel[n], totals[n], incomplete, criteria, disagreement_limit)
        )
    return _assign_ranks(rows, lower_is_better=METHODS[method].lower_is_better, tie_break=tie_break)


# ---- how close a place is --------------------------------------------------------------------

# On a scale where any value is allowed (step 0), a twentieth of the scale counts as one step.
CONTINUOUS_STEPS = 20


def resolution(criteria: Sequence[Criterion], jurors: int, method: Method) -> float:
    """The smallest change one of a nomination's `jurors` can make to its score by moving one
    step on one criterion: min_c w_c·s_c/(max_c − min_c) / jurors, with s_c the criterion's step
    (a twentieth of the scale where any value is allowed). Under `rank`, one juror moving one
    place: 1/jurors. Two scores closer than this are within what the panel can tell apart."""
    jurors = max(jurors, 1)
    if method.by_juror_rank:
        return 1.0 / jurors
    steps = [
        c.weight * ((c.step or (c.max - c.min) / CONTINUOUS_STEPS) / (c.max - c.min))
        for c in criteria
    ]
    return min(steps) / jurors if steps else 0.0


def mark_close(rows: Sequence[RankedRow], criteria: Sequence[Criterion], method: Method) -> None:
    """Give each ranked row (best first, as dicts) its `margin` to the next scored row below
    (None for the last) and `close`: a margin above zero but below the resolution of the row's
    jurors, so one juror's one step could swap the two places. Ties are flagged as ties."""
    scored = [(row, score) for row in rows if (score := row.get("score")) is not None]
    for row in rows:
        row["margin"], row["close"] = None, False
    steps: dict[int, float] = {}  # by the jurors behind the pair: a few counts in a round
    for (row, score), (below, score_below) in itertools.pairwise(scored):
        margin = abs(score - score_below)
        row["margin"] = margin
        if row["rank"] == below["rank"] or scores_equal(score, score_below):
            continue  # a tie, or a tie the tie-break decided: flagged as such
        jurors = min(row["jurors"], below["jurors"]) or 1
        step = steps.get(jurors)
        if step is None:
            step = steps[jurors] = resolution(criteria, jurors, method)
        row["close"] = margin < step and not scores_equal(margin, step)


# ---- ranks, ties and the tie-break chain ---------------------------------------------------


def tie_break_keys(text: str | None) -> list[str]:
    """The tie-break chain as stored ("encounter,solutions") or typed ("encounter, solutions"):
    the criterion keys in order. Read once where a round or an option is read."""
    return [key.strip() for key in (text or "").split(",") if key.strip()]


def tie_break_text(keys: Sequence[str]) -> str | None:
    """The chain as stored: keys joined by commas; None for no chain."""
    return ",".join(keys) or None


def _tie_groups(rows: list[RankingRow], lower_is_better: bool) -> list[list[RankingRow]]:
    """Rows sorted best first and grouped by equal score; rows without a score form the last
    group. Each row is compared with the first row of its group, so float noise can never chain
    a run of slightly different scores into one tie."""

    def order(row: RankingRow) -> tuple[bool, float, int]:
        if row.score is None:
            return (True, 0.0, row.nomination)
        return (False, row.score if lower_is_better else -row.score, row.nomination)

    groups: list[list[RankingRow]] = []
    for row in sorted(rows, key=order):
        if groups and _same_score(groups[-1][0].score, row.score):
            groups[-1].append(row)
        else:
            groups.append([row])
    for group in groups:  # inside a tie the order follows the nomination id, never float noise
        group.sort(key=lambda r: r.nomination)
    return groups


def _same_score(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return scores_equal(a, b)


def _assign_ranks(
    rows: list[RankingRow], *, lower_is_better: bool, tie_break: Sequence[str]
) -> list[RankingRow]:
    """Standard competition ranking (1, 1, 3): a row's rank is 1 + the rows ahead of it."""
    ranked: list[RankingRow] = []
    for group in _tie_groups(rows, lower_is_better):
        can_break = len(group) > 1 and bool(tie_break) and group[0].score is not None
        parts = _break_tie(group, tie_break) if can_break else [(group, None)]
        for index, (part, separating_key) in enumerate(parts):
            if len(parts) > 1:
                # The first part was separated from the part below it, the others from above.
                key = parts[1][1] if index == 0 else separating_key
                for row in part:
                    row.decided_by = key
            rank = len(ranked) + 1
            for row in part:
                row.rank = rank
                row.tied = len(part) > 1
                ranked.append(row)
    return ranked


def _break_tie(
    group: list[RankingRow], keys: Sequence[str]
) -> list[tuple[list[RankingRow], str | None]]:
    """Split a tied group by the higher a_c on keys[0], then each still-tied part by keys[1],
    and so on. Returns the parts best first, each with the key that separated it from the part
    above (None for the first). Rows still equal after the whole chain stay in one part. A row
    without a value on a key is below every row with one."""
    if len(group) < 2 or not keys:
        return [(group, None)]
    key, rest = keys[0], keys[1:]

    def value(row: RankingRow) -> float:
        return row.by_criterion.get(key, -math.inf)

    chunks: list[list[RankingRow]] = []
    for row in sorted(group, key=lambda r: (-value(r), r.nomination)):
        if chunks and _same_value(value(chunks[-1][0]), value(row)):
            chunks[-1].append(row)
        else:
            chunks.append([row])
    parts: list[tuple[list[RankingRow], str | None]] = []
    for index, chunk in enumerate(chunks):
        chunk.sort(key=lambda r: r.nomination)
        sub_parts = _break_tie(chunk, rest)
        if index > 0:
            sub_parts[0] = (sub_parts[0][0], key)
        parts.extend(sub_parts)
    return parts


def _same_value(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return scores_equal(a, b)
