"""Rankings, exactly as CLI.md defines them ("How a ranking is computed").

Pure functions over plain values. Every sum is `math.fsum`, which is correctly rounded, so the
order in which scores arrive can never change a result; nothing is rounded.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import InvalidValue
from .models import METHODS, Criterion

# Jurors "disagree strongly" when their own totals for a nomination lie this share of the total
# points apart or more (25 points of 100; 250 of 1000), with at least two jurors.
DISAGREEMENT_SHARE = 0.25

# Two scores closer than this (relative to their size) are equal. Mathematically equal panel
# values reached by different float paths (0.1 + 0.2 vs 0.3) differ only in the last bits;
# 1e-9 is far above that noise and far below any real difference on a 0-1000 points scale.
TIE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class ScoreEntry:
    juror: str  # juror email; "" for a self-assessment round (one score set per nomination)
    nomination: int
    criterion: str
    value: float


@dataclass
class RankingRow:
    rank: int
    nomination: int
    score: float | None  # None only for a nomination with no scores at all
    by_criterion: dict[str, float]  # panel value a_c on the criterion's own scale
    jurors: int  # distinct jurors who scored this nomination
    spread: float  # population std dev of the jurors' own weighted totals
    score_range: float  # max − min of the jurors' own weighted totals
    tied: bool
    disagreement: bool
    incomplete: bool
    decided_by: str | None = None
    juror_totals: dict[str, float] = field(default_factory=dict)


def total_points(criteria: Iterable[Criterion]) -> float:
    return math.fsum(c.weight for c in criteria)


def juror_total(criteria_by_key: Mapping[str, Criterion], values: Mapping[str, float]) -> float:
    """A juror's own weighted total: the points their scores are worth, over what they scored."""
    return math.fsum(criteria_by_key[k].normalized(v) for k, v in values.items())


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)


def _pstdev(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    mean = _mean(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / len(values))


def _median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _trimmed(values: Sequence[float]) -> float:
    if len(values) < 3:
        return _mean(values)
    return _mean(sorted(values)[1:-1])


def _equal(a: float, b: float) -> bool:
    return abs(a - b) <= TIE_TOLERANCE * max(1.0, abs(a), abs(b))


def _mean_ranks(totals: Mapping[int, float]) -> dict[int, float]:
    """1 = highest total; equal totals share the mean of the ranks they span."""
    ordered = sorted(totals, key=lambda n: (-totals[n], n))
    ranks: dict[int, float] = {}
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and _equal(totals[ordered[j + 1]], totals[ordered[i]]):
            j += 1
        shared = (i + 1 + j + 1) / 2
        for n in ordered[i : j + 1]:
            ranks[n] = shared
        i = j + 1
    return ranks


def _zscore_panel(
    cells: Mapping[int, Mapping[str, Mapping[str, float]]],
) -> dict[int, dict[str, float]]:
    """Standardise each juror's scores on each criterion over the nominations that juror scored,
    map them back onto the scale with the round's mean and σ on that criterion, then average."""
    by_juror: dict[tuple[str, str], list[float]] = defaultdict(list)
    by_criterion: dict[str, list[float]] = defaultdict(list)
    for per_criterion in cells.values():
        for criterion, per_juror in per_criterion.items():
            for juror, value in per_juror.items():
                by_juror[(juror, criterion)].append(value)
                by_criterion[criterion].append(value)
    juror_stats = {key: (_mean(v), _pstdev(v)) for key, v in by_juror.items()}
    round_stats = {key: (_mean(v), _pstdev(v)) for key, v in by_criterion.items()}
    panel: dict[int, dict[str, float]] = {}
    for nomination, per_criterion in cells.items():
        panel[nomination] = {}
        for criterion, per_juror in per_criterion.items():
            mu, sigma = round_stats[criterion]
            restated = []
            for juror, value in per_juror.items():
                mu_j, sigma_j = juror_stats[(juror, criterion)]
                z = 0.0 if sigma_j == 0 else (value - mu_j) / sigma_j
                restated.append(mu + z * sigma)
            panel[nomination][criterion] = _mean(restated)
    return panel


def compute_ranking(
    criteria: Sequence[Criterion],
    scores: Iterable[ScoreEntry],
    nominations: Iterable[int],
    method: str = "mean",
    expected: Mapping[int, Collection[str]] | None = None,
    tie_break: Sequence[str] = (),
) -> list[RankingRow]:
    """Rank every nomination of a round, best first (see CLI.md for the rules)."""
    if method not in METHODS:
        raise InvalidValue(f"unknown method {method!r}; choose {', '.join(METHODS)}")
    by_key = {c.key: c for c in criteria}
    for key in tie_break:
        if key not in by_key:
            raise InvalidValue(f"unknown tie-break criterion {key!r}; choose {', '.join(by_key)}")
    ids = sorted(set(nominations))
    known = set(ids)
    # cells[nomination][criterion][juror] = value
    cells: dict[int, dict[str, dict[str, float]]] = {n: defaultdict(dict) for n in ids}
    for s in scores:
        if s.criterion not in by_key:
            raise InvalidValue(f"score for unknown criterion {s.criterion!r}")
        if s.nomination not in known:
            raise InvalidValue(f"score for nomination {s.nomination}, which is not in the round")
        cells[s.nomination][s.criterion][s.juror] = s.value

    if method == "zscore":
        panel = _zscore_panel(cells)
    else:
        combine = {"median": _median, "trimmed": _trimmed}.get(method, _mean)
        panel = {
            n: {c: combine(list(per_juror.values())) for c, per_juror in per_c.items()}
            for n, per_c in cells.items()
        }

    juror_values: dict[int, dict[str, dict[str, float]]] = {}
    for n, per_c in cells.items():
        values: dict[str, dict[str, float]] = defaultdict(dict)
        for criterion, per_juror in per_c.items():
            for juror, value in per_juror.items():
                values[juror][criterion] = value
        juror_values[n] = values
    totals = {
        n: {j: juror_total(by_key, v) for j, v in per_j.items()}
        for n, per_j in juror_values.items()
    }

    scores_by_nomination: dict[int, float | None] = {}
    if method == "rank":
        ranks_by_nomination: dict[int, list[float]] = defaultdict(list)
        per_juror_totals: dict[str, dict[int, float]] = defaultdict(dict)
        for n, per_j in totals.items():
            for j, t in per_j.items():
                per_juror_totals[j][n] = t
        for juror_totals_ in per_juror_totals.values():
            for n, r in _mean_ranks(juror_totals_).items():
                ranks_by_nomination[n].append(r)
        for n in ids:
            r_list = ranks_by_nomination.get(n)
            scores_by_nomination[n] = _mean(r_list) if r_list else None
    else:
        for n in ids:
            scores_by_nomination[n] = (
                math.fsum(by_key[c].normalized(a) for c, a in panel[n].items())
                if panel[n]
                else None
            )

    limit = DISAGREEMENT_SHARE * total_points(criteria)
    keys = [c.key for c in criteria]
    rows: list[RankingRow] = []
    for n in ids:
        juror_totals = dict(sorted(totals[n].items()))
        values_ = list(juror_totals.values())
        spread = _pstdev(values_)
        score_range = max(values_) - min(values_) if len(values_) >= 2 else 0.0
        if expected is not None:
            wanted = expected.get(n, ())
            incomplete = not juror_values[n] or any(
                any(k not in juror_values[n].get(j, {}) for k in keys) for j in wanted
            )
        else:
            incomplete = not juror_values[n] or any(
                any(k not in v for k in keys) for v in juror_values[n].values()
            )
        rows.append(
            RankingRow(
                rank=0,
                nomination=n,
                score=scores_by_nomination[n],
                by_criterion={k: panel[n][k] for k in keys if k in panel[n]},
                jurors=len(juror_totals),
                spread=spread,
                score_range=score_range,
                tied=False,
                disagreement=len(values_) >= 2 and score_range >= limit - TIE_TOLERANCE,
                incomplete=incomplete,
                juror_totals=juror_totals,
            )
        )
    return _rank(rows, lower_is_better=method == "rank", tie_break=tie_break)


def _rank(
    rows: list[RankingRow], *, lower_is_better: bool, tie_break: Sequence[str]
) -> list[RankingRow]:
    def order(row: RankingRow) -> tuple[bool, float, int]:
        if row.score is None:
            return (True, 0.0, row.nomination)
        return (False, row.score if lower_is_better else -row.score, row.nomination)

    rows.sort(key=order)
    groups: list[list[RankingRow]] = []
    for row in rows:
        if groups:
            previous = groups[-1][0]
            same = (previous.score is None and row.score is None) or (
                previous.score is not None
                and row.score is not None
                and _equal(previous.score, row.score)
            )
            if same:
                groups[-1].append(row)
                continue
        groups.append([row])
    ranked: list[RankingRow] = []
    for group in groups:
        # Inside a tie the order follows the nomination id, never float noise in the scores.
        group.sort(key=lambda r: r.nomination)
        parts = _break_tie(group, tie_break) if len(group) > 1 and tie_break else [group]
        for part in parts:
            rank = len(ranked) + 1
            for row in part:
                row.rank = rank
                row.tied = len(part) > 1
                ranked.append(row)
    return ranked


def _break_tie(group: list[RankingRow], keys: Sequence[str]) -> list[list[RankingRow]]:
    """Split a tied group by higher panel value on `keys`, in order; rows still equal after the
    whole chain stay together. Each separated row says which key decided."""

    def vector(row: RankingRow) -> list[float]:
        return [row.by_criterion.get(k, -math.inf) for k in keys]

    def first_difference(a: RankingRow, b: RankingRow) -> str | None:
        for key, x, y in zip(keys, vector(a), vector(b), strict=True):
            if not (x == y or (math.isfinite(x) and math.isfinite(y) and _equal(x, y))):
                return key
        return None

    ordered = sorted(group, key=lambda r: ([-v for v in vector(r)], r.nomination))
    parts: list[list[RankingRow]] = [[ordered[0]]]
    for row in ordered[1:]:
        if first_difference(parts[-1][0], row) is None:
            parts[-1].append(row)
        else:
            parts.append([row])
    if len(parts) == 1:
        return parts
    for i, part in enumerate(parts):
        neighbour = parts[i - 1] if i > 0 else parts[i + 1]
        key = first_difference(part[0], neighbour[0])
        for row in part:
            row.decided_by = f"tie-break: {key}"
    return parts
