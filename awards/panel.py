"""The panel: how far to trust a round's ranking.

Three questions a jury chair asks, answered from the scores of one round:
- agreement: do the jurors agree on the order (ICC, Krippendorff's α, Kendall's W)?
- each juror: who is strict or lenient against the co-jurors on the same nominations, whose
  order runs against the rest, and how often a juror lies far from the others?
- robustness: would the winner (and the shortlist) be the same under another method, without
  any one juror, or with another draw of jurors (a bootstrap)?

Every statistic works on the jurors' own weighted totals T[j][n] = Σ_c w_c·(x − min)/(max − min),
in points. The formulas are in `panel_stats`; this module arranges the round for them and puts
their answers into plain words.
"""

from __future__ import annotations

import heapq
import math
import random
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple, NotRequired, TypedDict

from . import panel_stats
from .errors import InvalidValue
from .models import Criterion
from .numeric import numpy
from .ranking import (
    COMBINERS,
    METHOD_NAMES,
    METHODS,
    TIE_TOLERANCE,
    Cells,
    Method,
    RankingRow,
    Restatement,
    RoundTable,
    ScoreEntry,
    group_scores,
    shared_ranks,
    totals_by_nomination,
)
from .ranking import scores_equal as _same  # the very rules the ranking uses: both rank alike

# A juror's total lies "far from the others" at 15 % of the points or more (15 of 100 points).
DEVIATION_SHARE = 0.15
BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 0


class PanelRound(NamedTuple):
    """One round's scores as the store hands them in."""

    number: int
    method: str
    criteria: Sequence[Criterion]
    entries: Sequence[ScoreEntry]
    nominations: Sequence[int]
    expected: Mapping[int, Collection[str]]  # nomination -> the jurors assigned to it
    names: Mapping[str, str]  # juror email -> name
    nominees: Mapping[int, str]  # nomination -> nominee
    tie_break: Sequence[str] = ()
    cut: int | None = None  # the shortlist size, for a round that is (or will be) advanced
    # nomination -> the organisation's own total from the self-assessment round before this
    # verification round; None for a round that follows no self-assessment.
    self_assessed: Mapping[int, float] | None = None


# ---- the analysis as a typed value: plain JSON values, so the cache keeps exactly this -------


class Agreement(TypedDict):
    icc: dict[str, float | None] | None
    alpha_interval: float | None
    alpha_ordinal: float | None
    kendall_w: float | None
    kendall_p: float | None
    jurors_for_0_8: int | None


class JurorProfile(TypedDict):
    juror: str  # email
    name: str
    scored: int
    severity: float | None
    r_rest: float | None
    deviations: int
    severity_adjusted: float | None
    compared: int
    below: int
    above: int


class LeaveOneOut(TypedDict):
    juror: str
    winner: list[int]


class CutLeaveOneOut(TypedDict):
    juror: str
    cut: list[int] | None


class Bootstrap(TypedDict):
    samples: int  # draws measured (0 when not measured)
    requested: int
    seed: int
    measured: bool
    win_probability: dict[str, float]  # nomination id (as text) -> share of draws won
    win_percent: dict[str, int]  # whole percentages adding up to 100, 0 % left out


# "in" is a Python keyword, hence the functional form of these two.
CutChange = TypedDict(
    "CutChange",
    {
        "method": NotRequired[str],  # the method that would cut differently ...
        "juror": NotRequired[str],  # ... or the juror whose absence would
        "in": list[int],  # nominations that would come into the shortlist
        "out": list[int],  # and those that would drop out of it
    },
)
MethodNote = TypedDict(
    "MethodNote",
    {
        "method": str,
        "kind": str,  # "swap", "winner", "first_places" or "cut"
        "places": NotRequired[list[int]],  # swap: the two places whose holders change over
        "winner": NotRequired[int],  # winner: who the method puts first ...
        "instead": NotRequired[int],  # ... instead of the round's own winner
        "order": NotRequired[list[int]],  # first_places: the method's first places
        "cut": NotRequired[int],  # cut: the shortlist's size, with who comes in and goes out
        "in": NotRequired[list[int]],
        "out": NotRequired[list[int]],
    },
)


class Robustness(TypedDict):
    winner_by_method: dict[str, list[int] | None]
    leave_one_out: list[LeaveOneOut]
    bootstrap: Bootstrap
    stable: bool
    cut: NotRequired[int]
    cut_by_method: NotRequired[dict[str, list[int] | None]]
    cut_leave_one_out: NotRequired[list[CutLeaveOneOut]]
    cut_stable: NotRequired[bool]
    cut_changes: NotRequired[list[CutChange]]
    cut_share: NotRequired[dict[str, float]]  # near the edge: share of draws in the cut


class Lead(TypedDict):
    nomination: int
    margin: float
    resolution: float
    unit: str  # "points" or "rank"


class SelfAssessed(TypedDict):
    nomination: int
    self_assessed: float
    verified: float
    gap: float


class SelfAssessment(TypedDict):
    nominations: list[SelfAssessed]
    mean_gap: float | None
    rho: float | None


class FindingJson(TypedDict):
    code: str
    values: dict[str, Any]


class PanelAnalysis(TypedDict):
    """What `analyse` returns and the cache keeps (CLI.md "The panel" names the keys)."""

    round: int
    method: str
    complete: bool
    agreement: Agreement
    jurors: list[JurorProfile]
    robustness: Robustness
    points: float
    lead: Lead | None
    findings: list[FindingJson]
    self_assessment: NotRequired[SelfAssessment]
    summary: NotRequired[list[str]]  # added by a writer, in its language


# ---- the jurors' totals ---------------------------------------------------------------------


def juror_totals(
    criteria: Sequence[Criterion], entries: Sequence[ScoreEntry]
) -> dict[str, dict[int, float]]:
    """T[j][n]: each juror's own weighted total for each nomination they scored, in points."""
    by_key = {c.key: c for c in criteria}
    points: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        points[e.juror][e.nomination].append(by_key[e.criterion].normalized(e.value))
    return {j: {n: math.fsum(p) for n, p in per.items()} for j, per in points.items()}


def _complete(
    r: PanelRound,
    totals: Mapping[str, Mapping[int, float]],
    points: Mapping[int, Mapping[str, Sequence[float]]],
) -> bool:
    """Every assigned pair scored on every criterion, and every juror scored every nomination.
    `points`: nomination -> juror -> one value per criterion scored (the round table's)."""
    keys = len(r.criteria)

    def scored(juror: str, n: int) -> int:
        return len(points.get(n, {}).get(juror, ()))

    for n in r.nominations:
        for juror in r.expected.get(n, ()):
            if scored(juror, n) < keys:
                return False
    jurors = set(totals) | {j for js in r.expected.values() for j in js}
    return bool(jurors) and all(scored(j, n) >= keys for j in jurors for n in r.nominations)


# ---- agreement ------------------------------------------------------------------------------


def agreement(
    r: PanelRound, totals: Mapping[str, Mapping[int, float]], complete: bool
) -> Agreement:
    jurors = sorted(totals)
    units = {n: [totals[j][n] for j in jurors if n in totals[j]] for n in r.nominations}
    result: Agreement = {
        "icc": None,
        "alpha_interval": panel_stats.krippendorff_alpha(units, "interval"),
        "alpha_ordinal": panel_stats.krippendorff_alpha(units, "ordinal"),
        "kendall_w": None,
        "kendall_p": None,
        "jurors_for_0_8": None,
    }
    if complete and len(jurors) >= 2 and len(r.nominations) >= 2:
        matrix = [[totals[j][n] for j in jurors] for n in r.nominations]
        icc = panel_stats.icc(matrix)
        result["icc"] = {k: _finite_or_none(v) for k, v in icc.items()}
        w, p = panel_stats.kendall_w(matrix)
        result["kendall_w"], result["kendall_p"] = w, p
        single = icc["2_1"]
        if math.isfinite(single):
            result["jurors_for_0_8"] = panel_stats.jurors_for_reliability(single)
    return result


def _finite_or_none(value: float) -> float | None:
    return value if math.isfinite(value) else None


# ---- each juror -----------------------------------------------------------------------------


def juror_profiles(
    r: PanelRound,
    totals: Mapping[str, Mapping[int, float]],
    points: float,
    by_nomination: Mapping[int, Mapping[str, float]] | None = None,
) -> list[JurorProfile]:
    """Each juror's severity, agreement with the rest and deviations. `by_nomination`: the
    same totals keyed nomination first, when the caller has them."""
    if by_nomination is None:
        turned: dict[int, dict[str, float]] = defaultdict(dict)
        for j, per in totals.items():
            for n, t in per.items():
                turned[n][j] = t
        by_nomination = turned
    else:  # a nomination nobody scored yet has no cells for the severities
        by_nomination = {n: per for n, per in by_nomination.items() if per}
    try:
        adjusted: dict[str, float] | None = panel_stats.severities(by_nomination)
    except InvalidValue:
        adjusted = None
    jurors = sorted(set(totals) | set(r.names))
    profiles: list[JurorProfile] = []
    for j in jurors:
        own = totals.get(j, {})
        gaps, mine, rest = [], [], []
        below = above = 0
        for n, t in sorted(own.items()):
            others = [v for k, v in by_nomination[n].items() if k != j]
            if not others:
                continue
            other_mean = math.fsum(others) / len(others)
            gaps.append(t - other_mean)
            mine.append(t)
            rest.append(other_mean)
            tolerance = TIE_TOLERANCE * max(1.0, abs(other_mean))
            below += t < other_mean - tolerance
            above += t > other_mean + tolerance
        profiles.append(
            {
                "juror": j,
                "name": r.names.get(j, j),
                "scored": len(own),
                "severity": math.fsum(gaps) / len(gaps) if gaps else None,
                "r_rest": panel_stats.spearman_rho(mine, rest) if len(mine) >= 3 else None,
                "deviations": sum(abs(g) >= DEVIATION_SHARE * points - 1e-9 for g in gaps),
                "severity_adjusted": None if adjusted is None else adjusted.get(j),
                "compared": len(gaps),
                "below": below,
                "above": above,
            }
        )
    return profiles


# ---- robustness -----------------------------------------------------------------------------


def round_cells(r: PanelRound) -> Cells:
    """nomination -> criterion -> juror -> value: the one table every method restates,
    checked as the ranking checks it."""
    return group_scores(r.entries, {c.key: c for c in r.criteria}, r.nominations)


class _Scorer:
    """A round's scores arranged to re-rank quickly under one method with jurors left out or
    drawn several times (weights). The method's own `Restatement` gives, per criterion k, the
    restated values and a_k = offset + factor·combine(values); a nomination's score is then
    Σ_k coef_k·(combine(values) − base_k), so its score lies between the sums over each
    component's lowest and highest value: nominations that cannot reach the top are never
    scored. `rank` has one component, minus each juror's rank. Restatements that need the whole
    round (zscore's scale, adjusted's severities) keep the whole round's constants, so
    re-ranking stays a sum over a nomination's own scores."""

    def __init__(
        self,
        r: PanelRound,
        method: str | Method,
        cells: Cells | None = None,
        restated: Restatement | None = None,
        by_nomination: Mapping[int, Mapping[str, float]] | None = None,
    ) -> None:
        self.method = method if isinstance(method, Method) else METHODS[method]
        self.combine = COMBINERS[self.method.combiner]  # what Method.combine calls, looked up once
        cells = round_cells(r) if cells is None else cells
        # component -> (coef, base); nomination -> component -> juror -> value
        self.components: dict[str, tuple[float, float]] = {}
        self.values: Cells = {}
        if self.method.by_juror_rank:
            by_juror: dict[str, dict[int, float]] = defaultdict(dict)
            if by_nomination is None:
                by_nomination = totals_by_nomination(cells, {c.key: c for c in r.criteria})
            for n, per_juror in by_nomination.items():
                for j, t in per_juror.items():
                    by_juror[j][n] = t
            for j, own in by_juror.items():
                for n, rank in shared_ranks(own).items():
                    self.values.setdefault(n, {}).setdefault("rank", {})[j] = -rank
            self.components["rank"] = (1.0, 0.0)
        else:
            if restated is None:
                restated = self.method.restate(cells)
            for c in r.criteria:
                offset, factor = restated.scale.get(c.key, (0.0, 1.0))
                # a = offset + factor·m on the scale, so w·(a − min)/(max − min)
                # = (w·factor/(max − min))·(m − (min − offset)/factor).
                coef = c.weight / (c.max - c.min) * factor
                base = (c.min - offset) / factor if factor else 0.0
                self.components[c.key] = (coef, base)
            self.values = restated.values
        self.nominations = sorted(r.nominations)
        self._exact: list[tuple[float, int]] | None = None
        self._upper: dict[int, float] | None = None
        self._order: list[int] = []
        # Each nomination's score with every juror counted once, and the jurors it has: a
        # weighting that counts each of them once (a juror left out who did not score it)
        # gives that very score.
        self._plain: dict[int, float | None] = {}
        self._jurors_of: dict[int, set[str]] = {}

    def _bounds(self) -> tuple[dict[int, float], list[int]]:
        """Each nomination's highest reachable score, and the nominations in that order: made
        on the first weighted ranking (a juror left out), which they let stop early."""
        if self._upper is None:
            upper = {n: self._bound(n, max) for n in self.nominations}
            self._order = sorted(self.nominations, key=lambda n: (-upper[n], n))
            self._upper = upper
        return self._upper, self._order

    def _bound(self, n: int, pick: Any) -> float:
        per = self.values.get(n)
        if not per:
            return -math.inf
        return math.fsum(
            self.components[k][0] * (pick(v.values()) - self.components[k][1])
            for k, v in per.items()
        )

    def score(self, n: int, weights: Mapping[str, int] | None = None) -> float | None:
        """n's score with each juror counted `weights[juror]` times (once each without)."""
        per = self.values.get(n)
        if not per:
            return None
        if weights is not None:
            jurors = self._jurors_of.get(n)
            if jurors is None:
                jurors = self._jurors_of[n] = {j for by_juror in per.values() for j in by_juror}
            if all(weights.get(j, 0) == 1 for j in jurors):
                weights = None  # each of n's jurors counted once: n's own score, the same bits
        if weights is None:
            if n not in self._plain:
                self._plain[n] = self._score(per, None)
            return self._plain[n]
        return self._score(per, weights)

    def _score(
        self, per: Mapping[str, Mapping[str, float]], weights: Mapping[str, int] | None
    ) -> float | None:
        total = []
        components, combine = self.components, self.combine
        for k, by_juror in per.items():
            drawn: Collection[float]
            if weights is None:
                drawn = by_juror.values()  # every juror once: the cell's values as they are
            else:
                drawn = [v for j, v in by_juror.items() for _ in range(weights.get(j, 0))]
            if drawn:
                coef, base = components[k]
                total.append(coef * (combine(drawn) - base))
        return math.fsum(total) if total else None

    def _every_score(self) -> list[tuple[float, int]]:
        """(score, nomination) of every nomination scored, every juror counted once."""
        scored = ((self.score(n), n) for n in self.nominations)
        return [(value, n) for value, n in scored if value is not None]

    def top(self, weights: Mapping[str, int] | None, places: int) -> list[list[int]]:
        """The best `places` places as groups of tied nominations, best first (a group that
        reaches past `places` is kept whole)."""
        if weights is None:
            # Every juror as drawn: each nomination scored once, whatever `places` asks.
            if self._exact is None:
                self._exact = sorted(self._every_score(), key=lambda x: (-x[0], x[1]))
            scored = self._exact
        else:
            scored = self._weighted(weights, places)
        groups: list[list[int]] = []
        head = 0.0
        for value, n in scored:
            if groups and _same(value, head):
                groups[-1].append(n)
            elif sum(map(len, groups)) >= places:
                break
            else:
                groups.append([n])
                head = value
        return groups

    def _weighted(self, weights: Mapping[str, int], places: int) -> list[tuple[float, int]]:
        """The scores under `weights` of the nominations that can reach the first `places`,
        best first: the bounds stop the scoring once none further down can."""
        upper, order = self._bounds()
        scored: list[tuple[float, int]] = []
        best: list[float] = []  # a min-heap of the `places` highest scores so far
        for n in order:
            if len(best) >= places:
                floor = best[0]
                if upper[n] < floor - TIE_TOLERANCE * max(1.0, abs(floor)):
                    break  # no nomination from here on can reach the first places
            value = self.score(n, weights)
            if value is None:
                continue
            scored.append((value, n))
            if len(best) < places:
                heapq.heappush(best, value)
            elif value > best[0]:
                heapq.heapreplace(best, value)
        scored.sort(key=lambda x: (-x[0], x[1]))
        return scored

    def winners(self, weights: Mapping[str, int] | None = None) -> list[int]:
        found = self.top(weights, 1)
        return found[0] if found else []


class _Resampler:
    """The `_Scorer`'s round as arrays, to re-rank it under many weightings of the jurors at
    once (a bootstrap draw, a juror left out): per component k, the nominations × jurors values
    and which are present. Linear methods (mean, zscore, rank, adjusted) are weighted means, so
    a whole batch of draws is two matrix products; median and trimmed take each nomination's few
    sorted scores and find the weighted middle (or drop one lowest and one highest drawn)."""

    BATCH = 64  # draws per batch at most
    # ... and at most this many values in one batch's (components × nominations × draws)
    # arrays: at 20,000 candidates 64 draws made each of them 51 MB, several alive at once
    # (fewer draws a batch read the round's arrays more often: 40 at that size).
    BATCH_VALUES = 4_000_000

    def __init__(self, scorer: _Scorer, jurors: Sequence[str]) -> None:
        np = numpy()
        self.np = np
        self.combiner = scorer.method.combiner
        self.nominations = scorer.nominations
        self.jurors = list(jurors)
        column = {j: i for i, j in enumerate(self.jurors)}
        row = {n: i for i, n in enumerate(self.nominations)}
        keys = list(scorer.components)
        # The criteria summed at once, where that is the same sum, and their Σ coef·base.
        self.combined: Any = None
        self.offset = 0.0
        self.coef = np.array([scorer.components[k][0] for k in keys])
        self.base = np.array([scorer.components[k][1] for k in keys])
        n_count, k_count = len(self.nominations), len(keys)
        slots_each = 1
        if self.combiner != "mean":
            slots = max((len(v) for per in scorer.values.values() for v in per.values()), default=1)
            slots_each = slots
            self.values = np.zeros((n_count, k_count, slots))
            self.who = np.full((n_count, k_count, slots), len(self.jurors))  # pad: weight 0
            # Each value's place in the flattened arrays, gathered in lists and set in one
            # assignment: set one by one, a national round's 500,000 took 0.4 s.
            at: list[int] = []
            values: list[float] = []
            who: list[int] = []
            for n, per in scorer.values.items():
                for ki, k in enumerate(keys):
                    cells = sorted((v, column[j]) for j, v in per.get(k, {}).items())
                    start = (row[n] * k_count + ki) * slots
                    at.extend(range(start, start + len(cells)))
                    values.extend(v for v, _ in cells)
                    who.extend(index for _, index in cells)
            places = np.array(at, dtype=np.intp)
            self.values.reshape(-1)[places] = values
            self.who.reshape(-1)[places] = who
        else:
            j_count = len(self.jurors)
            self.dense = np.zeros((k_count, n_count, j_count))
            self.mask = np.zeros((k_count, n_count, j_count))
            at = []
            values = []
            for n, per in scorer.values.items():
                for ki, k in enumerate(keys):
                    scored = per.get(k)
                    if scored:
                        start = (ki * n_count + row[n]) * j_count
                        at.extend([start + column[juror] for juror in scored])
                        values.extend(scored.values())
            places = np.array(at, dtype=np.intp)
            self.dense.reshape(-1)[places] = values
            self.mask.reshape(-1)[places] = 1.0
            # Where every juror of a nomination scored every criterion (the usual round), the
            # drawn weight behind each mean is the same for every criterion: one product
            # instead of K (integer counts, so the same values either way).
            if k_count and bool((self.mask == self.mask[:1]).all()):
                self.mask = self.mask[:1]
                # ... and then a draw's score, Σ_k coef_k·(num_k/den − base_k), is
                # (Σ_k coef_k·num_k)/den − Σ_k coef_k·base_k: the criteria's values weighted
                # and summed once, one product for the numerator instead of K (at 20,000
                # candidates the products were most of a cold report's bootstrap). Its last
                # bits differ from the criterion-by-criterion sum, as any order of a sum may;
                # ties are told within TIE_TOLERANCE either way.
                self.combined = np.tensordot(self.coef, self.dense, axes=1)
                self.offset = float(np.dot(self.coef, self.base))
                self.dense = None  # (K × N × J: 32 MB at 20,000 candidates, no longer read)
        per_draw = max(1, k_count * n_count * slots_each)
        self.batch = max(1, min(self.BATCH, self.BATCH_VALUES // per_draw))

    def winners(self, weights: Any) -> list[list[int]]:
        """For each column of `weights` (jurors × draws), the nominations ranked first."""
        return self.winners_and_tops(weights, None)[0]

    def winners_and_tops(
        self, weights: Any, places: int | None
    ) -> tuple[list[list[int]], list[list[int]]]:
        """`winners` and, where `places` is given, for each column the nominations in the
        first `places` (a tie at the last place kept whole), each batch's scores worked out
        once for both (a round with a shortlist scored its 1,000 draws twice)."""
        np = self.np
        firsts: list[list[int]] = []
        chosen: list[list[int]] = []
        for start in range(0, weights.shape[1], self.batch):
            scores = self._scores(weights[:, start : start + self.batch])
            best = np.max(scores, axis=0)
            near = scores >= best - TIE_TOLERANCE * np.maximum(1.0, np.abs(best))
            for d in range(scores.shape[1]):
                if np.isfinite(best[d]):
                    firsts.append([self.nominations[i] for i in np.flatnonzero(near[:, d])])
                else:
                    firsts.append([])
            if places is None:
                continue
            for d in range(scores.shape[1]):
                column = scores[:, d]
                finite = column[np.isfinite(column)]
                if not len(finite):
                    chosen.append([])
                    continue
                k = min(places, len(finite))
                edge = np.partition(finite, len(finite) - k)[len(finite) - k]
                in_cut = column >= edge - TIE_TOLERANCE * max(1.0, abs(edge))
                chosen.append([self.nominations[i] for i in np.flatnonzero(in_cut)])
        return firsts, chosen

    def _scores(self, w: Any) -> Any:
        """nominations × draws; -inf where a nomination has no drawn juror."""
        np = self.np
        if self.combined is not None:
            num = self.combined @ w  # N × D
            den = self.mask[0] @ w
            undrawn = den <= 0
            with np.errstate(invalid="ignore", divide="ignore"):
                np.divide(num, den, out=num)
            num -= self.offset
            np.copyto(num, -np.inf, where=undrawn)
            return num
        if self.combiner == "mean":
            # (K·N × J) @ (J × D): one BLAS product each, far faster than einsum here. The
            # rest works in place in `num`: the same operations in the same order as the
            # general tail below, so the same bits, with a third of the passes over memory.
            k, n, j = self.dense.shape
            num = (self.dense.reshape(k * n, j) @ w).reshape(k, n, -1)
            shared = self.mask.shape[0]  # 1: one mask for every criterion
            den = (self.mask.reshape(shared * n, j) @ w).reshape(shared, n, -1)
            undrawn = den <= 0  # per criterion, or one table for all (`shared`)
            with np.errstate(invalid="ignore", divide="ignore"):
                np.divide(num, den, out=num)
            num -= self.base[:, None, None]
            num *= self.coef[:, None, None]
            # (In place where nobody was drawn, without a boolean index's copy of the places.)
            np.copyto(num, 0.0, where=undrawn)
            score = num.sum(axis=0)
            score[undrawn.all(axis=0)] = -np.inf
            return score
        else:
            padded = np.vstack([w, np.zeros((1, w.shape[1]))])  # the pad juror weighs nothing
            g = np.moveaxis(padded[self.who], -1, 0)  # draws × N × K × slots
            total = g.sum(axis=-1)
            present = np.moveaxis(total > 0, 0, -1)  # N × K × draws
            v = self.values[None, ...]
            if self.combiner == "median":
                cum = np.cumsum(g, axis=-1)
                low = np.argmax(cum > ((total - 1) // 2)[..., None], axis=-1)
                high = np.argmax(cum > (total // 2)[..., None], axis=-1)
                pick = np.broadcast_to(v, g.shape)
                agg = (
                    np.take_along_axis(pick, low[..., None], -1)[..., 0]
                    + np.take_along_axis(pick, high[..., None], -1)[..., 0]
                ) / 2
            else:
                drawn = g > 0
                first = np.argmax(drawn, axis=-1)
                last = g.shape[-1] - 1 - np.argmax(drawn[..., ::-1], axis=-1)
                pick = np.broadcast_to(v, g.shape)
                weighted = (g * v).sum(axis=-1)
                ends = (
                    np.take_along_axis(pick, first[..., None], -1)[..., 0]
                    + np.take_along_axis(pick, last[..., None], -1)[..., 0]
                )
                with np.errstate(invalid="ignore", divide="ignore"):
                    agg = np.where(total >= 3, (weighted - ends) / (total - 2), weighted / total)
            agg = np.moveaxis(agg, 0, -1)  # N × K × draws
            agg = np.moveaxis(agg, 1, 0)  # K × N × draws
            present = np.moveaxis(present, 1, 0)
        part = np.where(present, self.coef[:, None, None] * (agg - self.base[:, None, None]), 0.0)
        score = part.sum(axis=0)
        return np.where(present.any(axis=0), score, -np.inf)


# A bootstrap of fewer draws than this measures nothing worth a sentence: with 99 draws one draw
# moves a share by a whole percentage point, and "stable" must not rest on it.
MIN_BOOTSTRAP_SAMPLES = 100


class _Prepared:
    """One round made ready once for every check the panel runs: the cells every method
    restates, and each method's scorer (None where the method cannot rank the design)."""

    def __init__(self, r: PanelRound, table: RoundTable | None = None) -> None:
        self.r = r
        # The ranking's own table of this round when the caller has it (the store keeps the
        # one its ranking just made), so the cells, restatements and rows are made once.
        self.table = (
            table
            if table is not None
            else RoundTable(r.criteria, r.entries, r.nominations, r.expected)
        )
        self.cells = self.table.cells
        self.points = self.table.points
        # Read from the table, not the entries: with a table handed in, `r.entries` may be
        # left empty (the store does not keep a national round's scores twice).
        self.jurors = sorted({j for per in self.points.values() for j in per})
        self._restated: dict[str, Restatement | None] = {}
        self._scorers: dict[str, _Scorer | None] = {}
        # nomination -> juror -> T, and T[j][n] as the statistics read it
        self.by_nomination = self.table.totals
        self.totals: dict[str, dict[int, float]] = defaultdict(dict)
        for n, per in self.by_nomination.items():
            for j, t in per.items():
                self.totals[j][n] = t

    def restated(self, method: str) -> Restatement | None:
        """The method's restatement of the round, made once; None where the method cannot
        rank the design (adjusted on one that is not connected)."""
        if method not in self._restated:
            try:
                self._restated[method] = self.table.restated(method)
            except InvalidValue:
                self._restated[method] = None
        return self._restated[method]

    def rows(self, method: str) -> list[RankingRow] | None:
        """The round ranked exactly as `ranking` ranks it (tie-break chain included), made once
        by the table."""
        if self.restated(method) is None:
            return None
        return self.table.rows(method, self.r.tie_break)

    def scorer(self, method: str) -> _Scorer | None:
        if method not in self._scorers:
            restated = self.restated(method)
            by_rank = METHODS[method].by_juror_rank
            self._scorers[method] = (
                None
                if restated is None and not by_rank
                else _Scorer(self.r, method, self.cells, restated, self.by_nomination)
            )
        return self._scorers[method]

    def top(self, method: str, places: int, weights: Mapping[str, int] | None = None) -> Any:
        scorer = self.scorer(method)
        return None if scorer is None else scorer.top(weights, places)

    def cut(self, method: str, places: int, weights: Mapping[str, int] | None = None) -> Any:
        groups = self.top(method, places, weights)
        return None if groups is None else sorted(n for g in groups for n in g)

    def without(self, juror: str) -> dict[str, int]:
        return {j: int(j != juror) for j in self.jurors}


def method_winners(r: PanelRound, prepared: _Prepared | None = None) -> dict[str, list[int] | None]:
    """Each method's first place; None where a method cannot rank the round (adjusted on a
    design that is not connected). The round's own method is ranked exactly as `ranking` ranks
    it, with its tie-break chain; the others by their score alone."""
    p = prepared or _Prepared(r)
    result: dict[str, list[int] | None] = {}
    for method in METHOD_NAMES:
        if method == r.method:
            rows = p.rows(method)
            result[method] = (
                None
                if rows is None
                else [row.nomination for row in rows if row.rank == 1 and row.score is not None]
            )
        else:
            scorer = p.scorer(method)
            result[method] = None if scorer is None else scorer.winners()
    return result


def percentages(shares: Mapping[int, float]) -> list[tuple[int, int]]:
    """Shares as whole percentages that add up to 100 (largest remainder), biggest first; a
    share that rounds to 0 % is left out."""
    if not shares:
        return []
    total = math.fsum(shares.values())
    exact = {n: 100 * v / total for n, v in shares.items()}
    whole = {n: math.floor(v) for n, v in exact.items()}
    left = 100 - sum(whole.values())
    for n in sorted(exact, key=lambda n: (-(exact[n] - whole[n]), n))[:left]:
        whole[n] += 1
    return [(n, pct) for n, pct in sorted(whole.items(), key=lambda x: (-x[1], x[0])) if pct > 0]


def juror_draws(rng: random.Random, jurors: int, samples: int) -> list[int]:
    """`samples` draws of `jurors` jurors with replacement, one after the other: the very
    indices `rng.randrange(jurors)` would give, called jurors × samples times (its rule: the
    bits of `getrandbits(k)`, k = jurors.bit_length(), tried until one is below `jurors`),
    without a Python call stack per index."""
    k = jurors.bit_length()
    need = jurors * samples
    getrandbits = rng.getrandbits
    picks: list[int] = []
    while len(picks) < need:
        # Each tried value consumes the generator as randrange's own try would; values tried
        # after the last one needed are thrown away with the generator.
        tried = [getrandbits(k) for _ in range(need - len(picks))]
        picks.extend(r for r in tried if r < jurors)
    return picks


def robustness(
    r: PanelRound,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    prepared: _Prepared | None = None,
) -> Robustness:
    p = prepared or _Prepared(r)
    by_method = method_winners(r, p)
    jurors = p.jurors
    scorer = p.scorer(r.method)
    leave_one_out: list[LeaveOneOut] = []
    wins: dict[int, float] = defaultdict(float)
    in_cut: dict[int, int] = defaultdict(int)
    measured = scorer is not None and len(jurors) >= 2 and samples >= MIN_BOOTSTRAP_SAMPLES
    if scorer is not None and len(jurors) >= 2:
        np = numpy()
        arrays = _Resampler(scorer, jurors)
        without = np.ones((len(jurors), len(jurors))) - np.eye(len(jurors))
        for j, first in zip(jurors, arrays.winners(without), strict=True):
            leave_one_out.append({"juror": j, "winner": first})
        if measured:
            # Draws of jurors with replacement, from a seeded generator of the standard
            # library: the same seed gives the same draws on every machine and numpy version.
            picks = juror_draws(random.Random(seed), len(jurors), samples)
            draw_of_pick = np.repeat(np.arange(samples), len(jurors))
            draws = np.zeros((len(jurors), samples))
            np.add.at(draws, (np.asarray(picks), draw_of_pick), 1)
            firsts, shortlists = arrays.winners_and_tops(draws, r.cut or None)
            for first in firsts:
                for n in first:
                    wins[n] += 1 / len(first)
            for chosen in shortlists:
                for n in chosen:
                    in_cut[n] += 1
    own = by_method.get(r.method) or []
    stable = (
        len(own) == 1
        and measured
        and all(w == own for w in by_method.values() if w is not None)
        and all(sorted(x["winner"]) == own for x in leave_one_out)
    )
    result: Robustness = {
        "winner_by_method": by_method,
        "leave_one_out": leave_one_out,
        "bootstrap": {
            "samples": samples if measured else 0,
            "requested": samples,
            "seed": seed,
            "measured": measured,
            "win_probability": {
                str(n): wins[n] / samples for n in sorted(wins, key=lambda n: (-wins[n], n))
            },
            "win_percent": {str(n): pct for n, pct in percentages(wins)},
        },
        "stable": stable,
    }
    if r.cut:
        cuts = {m: p.cut(m, r.cut) for m in METHOD_NAMES}
        base = cuts.get(r.method)
        loo_cuts: list[CutLeaveOneOut] = []
        if scorer is not None and len(jurors) >= 2:
            loo_cuts = [{"juror": j, "cut": p.cut(r.method, r.cut, p.without(j))} for j in jurors]
        result["cut"] = r.cut
        result["cut_by_method"] = cuts
        result["cut_leave_one_out"] = loo_cuts
        result["cut_stable"] = (
            base is not None
            and all(c == base for c in cuts.values() if c is not None)
            and all(x["cut"] == base for x in loo_cuts)
        )
        result["cut_changes"] = _cut_changes(r, base, cuts, loo_cuts)
        # Who is near the edge: in the shortlist in some draws of jurors but not in all.
        result["cut_share"] = {
            str(n): in_cut[n] / samples
            for n in sorted(in_cut, key=lambda n: (-in_cut[n], n))
            if in_cut[n] < samples
        }
        if measured and base is not None:
            for n in base:  # in the shortlist, yet out of it in some draws
                if in_cut[n] < samples and str(n) not in result["cut_share"]:
                    result["cut_share"][str(n)] = in_cut[n] / samples
    return result


def _cut_changes(
    r: PanelRound,
    base: Sequence[int] | None,
    cuts: Mapping[str, Sequence[int] | None],
    loo_cuts: Sequence[Mapping[str, Any]],
) -> list[CutChange]:
    """Each check that changes the shortlist: who comes in and who goes out."""
    if base is None:
        return []
    changes: list[CutChange] = []
    for method, cut in cuts.items():
        if cut is not None and list(cut) != list(base):
            changes.append({"method": method, **_change(base, cut)})
    for x in loo_cuts:
        if x["cut"] is not None and list(x["cut"]) != list(base):
            changes.append({"juror": x["juror"], **_change(base, x["cut"])})
    return changes


def _change(base: Sequence[int], other: Sequence[int]) -> CutChange:
    """Who comes into the shortlist `other` and who drops out of `base`."""
    return {"in": sorted(set(other) - set(base)), "out": sorted(set(base) - set(other))}


# ---- the whole analysis ----------------------------------------------------------------------


class Finding(NamedTuple):
    """One thing the panel found, as a code and its values (nomination ids, juror emails,
    numbers): the writers put it into words, in their language, with names."""

    code: str
    values: dict[str, Any]

    def as_json(self) -> FindingJson:
        return {"code": self.code, "values": self.values}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        return cls(data["code"], dict(data["values"]))


def analyse(
    r: PanelRound,
    samples: int = BOOTSTRAP_SAMPLES,
    seed: int = BOOTSTRAP_SEED,
    table: RoundTable | None = None,
) -> PanelAnalysis:
    """Everything `awards panel` shows, as CLI.md names it ("The panel"), plain JSON values:
    what the cache keeps is exactly what was computed. `findings` holds codes (`Finding`); the
    words are the writers' (`awards.exports.panel_words`). `table`: the round's `RoundTable`
    when a ranking of it has just been made from the same scores."""
    prepared = _Prepared(r, table)
    totals = prepared.totals
    complete = _complete(r, totals, prepared.points)
    points = math.fsum(c.weight for c in r.criteria)
    rows = prepared.rows(r.method) or []
    result: PanelAnalysis = {
        "round": r.number,
        "method": r.method,
        "complete": complete,
        "agreement": agreement(r, totals, complete),
        "jurors": juror_profiles(r, totals, points, prepared.by_nomination),
        "robustness": robustness(r, samples, seed, prepared),
        "points": points,
        "lead": _lead(r, rows),
        "findings": [],
    }
    if r.self_assessed is not None:
        result["self_assessment"] = self_assessment(r, rows)
    result["findings"] = [f.as_json() for f in findings(result, r, points)]
    return result


def _lead(r: PanelRound, rows: Sequence[RankingRow]) -> Lead | None:
    """How far the first place is ahead of the next, against what one juror moving one step
    can change (see `awards.ranking.resolution`)."""
    from .ranking import METHODS, resolution

    scored = [(row, row.score) for row in rows if row.score is not None]
    firsts = [(row, score) for row, score in scored if row.rank == 1]
    rest = [(row, score) for row, score in scored if row.rank != 1]
    if len(firsts) != 1 or not rest:
        return None
    (first, first_score), (second, second_score) = firsts[0], rest[0]
    margin = abs(first_score - second_score)
    method = METHODS[r.method]
    step = resolution(r.criteria, min(first.jurors, second.jurors), method)
    return {
        "nomination": first.nomination,
        "margin": margin,
        "resolution": step,
        "unit": "rank" if method.by_juror_rank else "points",
    }


def self_assessment(r: PanelRound, rows: Sequence[RankingRow]) -> SelfAssessment:
    """The organisations' own totals against the verified ones: per nomination both and the
    gap (self − verified, points), the mean gap, and Spearman's ρ between the two orders. The
    verified total is the round's score in points (the mean of the jurors' totals under the
    rank method, which scores ranks, not points)."""
    from .ranking import METHODS

    own = r.self_assessed or {}
    if METHODS[r.method].by_juror_rank:  # each row carries its jurors' own totals
        verified = {
            row.nomination: math.fsum(row.juror_totals.values()) / len(row.juror_totals)
            for row in rows
            if row.juror_totals
        }
    else:
        verified = {row.nomination: row.score for row in rows if row.score is not None}
    shared = sorted(set(own) & set(verified))
    per: list[SelfAssessed] = [
        {
            "nomination": n,
            "self_assessed": own[n],
            "verified": verified[n],
            "gap": own[n] - verified[n],
        }
        for n in shared
    ]
    gaps = [x["gap"] for x in per]
    rho = (
        panel_stats.spearman_rho([own[n] for n in shared], [verified[n] for n in shared])
        if len(shared) >= 3
        else None
    )
    return {
        "nominations": per,
        "mean_gap": math.fsum(gaps) / len(gaps) if gaps else None,
        "rho": rho,
    }


# ---- the findings, as codes; the words are the writers' -----------------------------------


def agreement_levels(a: Agreement) -> Finding:
    """The verdict on agreement, with its thresholds: defined here once for every writer."""
    icc = (a.get("icc") or {}).get("2_k")
    w = a.get("kendall_w")
    if icc is not None and w is not None:
        reliable = (
            "reliable" if icc >= 0.9 else "fairly" if icc >= 0.75 else
            "moderate" if icc >= 0.5 else "unreliable"
        )  # fmt: skip
        order = "strong" if w >= 0.7 else "partly" if w >= 0.4 else "weak"
        more = a.get("jurors_for_0_8") if icc < 0.8 else None
        return Finding(
            "agreement_icc",
            {"order": order, "w": w, "reliable": reliable, "icc": icc, "jurors_for_0_8": more},
        )
    alpha = a.get("alpha_interval")
    if alpha is None:
        return Finding("agreement_none", {})
    verdict = "good" if alpha >= 0.8 else "tentative" if alpha >= 0.667 else "weak"
    return Finding("agreement_alpha", {"alpha": alpha, "verdict": verdict})


def findings(result: PanelAnalysis, r: PanelRound, points: float) -> list[Finding]:
    """What the panel found, most important first."""
    found = [agreement_levels(result["agreement"])]
    if not result["complete"] and found[0].code == "agreement_alpha":
        found[0].values["incomplete"] = True
    found += _juror_findings(result["jurors"], points)
    scoring = sum(1 for profile in result["jurors"] if profile["scored"])
    found += _robustness_findings(result["robustness"], r, result.get("lead"), scoring)
    sa = result.get("self_assessment")
    if sa and sa["mean_gap"] is not None:
        found.append(
            Finding(
                "self_assessment",
                {
                    "gap": sa["mean_gap"],
                    "rho": sa["rho"],
                    "count": len(sa["nominations"]),
                    "points": points,
                },
            )
        )
    return found


def strict_and_lenient(
    jurors: Sequence[JurorProfile], points: float
) -> list[tuple[str, JurorProfile]]:
    """The strictest ("strict") and the most lenient ("lenient") juror, when the pattern is
    clear: an average gap of 5 % of the points, or the same side of the co-jurors on at least
    four candidates in five (a pattern, not one sheet)."""
    rated = [(j, j["severity"]) for j in jurors if j["severity"] is not None and j["compared"]]
    if not rated:
        return []
    found: list[tuple[str, JurorProfile]] = []
    strict, low = min(rated, key=lambda x: x[1])
    lenient, high = max(rated, key=lambda x: x[1])
    if low < 0 and (low <= -0.05 * points or strict["below"] >= 0.8 * strict["compared"]):
        found.append(("strict", strict))
    if high > 0 and (high >= 0.05 * points or lenient["above"] >= 0.8 * lenient["compared"]):
        found.append(("lenient", lenient))
    return found


def _juror_findings(jurors: Sequence[JurorProfile], points: float) -> list[Finding]:
    found = []
    for j in jurors:
        inverted = j["r_rest"] is not None and j["r_rest"] < 0
        if j["severity"] is not None and j["compared"] and inverted:
            found.append(Finding("inverted", {"juror": j["juror"], "r": j["r_rest"]}))
    for code, j in strict_and_lenient(jurors, points):
        found.append(
            Finding(
                code,
                {
                    "juror": j["juror"],
                    "points": abs(j["severity"] or 0.0),
                    "count": j["below"] if code == "strict" else j["above"],
                    "of": j["compared"],
                },
            )
        )
    for j in jurors:
        if j["deviations"]:
            found.append(
                Finding(
                    "deviations",
                    {
                        "juror": j["juror"],
                        "share": round(DEVIATION_SHARE * 100),
                        "count": j["deviations"],
                    },
                )
            )
    return found


def _robustness_findings(
    rob: Robustness, r: PanelRound, lead: Lead | None, jurors: int
) -> list[Finding]:
    """`jurors`: how many jurors gave scores."""
    own = rob["winner_by_method"].get(r.method) or []
    found: list[Finding] = []
    if len(own) > 1:
        found.append(Finding("tie_first", {"winner": own}))
    elif rob["stable"]:
        found.append(Finding("stable", {"winner": own}))
    elif (
        own
        and all(w == own for w in rob["winner_by_method"].values() if w is not None)
        and all(sorted(x["winner"]) == own for x in rob["leave_one_out"])
    ):
        # Every check agrees, but the draws of jurors were not measured: not "stable".
        found.append(Finding("same_winner_unmeasured", {"winner": own}))
    if own:
        for method, ids in rob["winner_by_method"].items():
            if ids is not None and ids != own:
                found.append(
                    Finding("method_changes", {"method": method, "winner": ids, "own": own})
                )
        for x in rob["leave_one_out"]:
            if sorted(x["winner"]) != sorted(own):
                found.append(
                    Finding("without", {"juror": x["juror"], "winner": x["winner"], "own": own})
                )
    if lead and lead["margin"] < lead["resolution"]:
        found.append(Finding("close_first", {**lead}))
    boot = rob["bootstrap"]
    if boot.get("measured"):
        if boot["win_percent"]:
            found.append(
                Finding(
                    "bootstrap",
                    {
                        "samples": boot["samples"],
                        "shares": [[int(n), pct] for n, pct in boot["win_percent"].items()],
                    },
                )
            )
    elif own:
        found.append(
            Finding(
                "bootstrap_not_measured", {"samples": boot.get("requested", 0), "jurors": jurors}
            )
        )
    if "cut_stable" in rob and not rob["cut_stable"]:
        found.append(
            Finding(
                "cut_unstable",
                {
                    "cut": rob["cut"],
                    "changes": rob.get("cut_changes", []),
                    "edge": _edge(rob.get("cut_share", {})),
                },
            )
        )
    return found


# Who is "at the edge" of a shortlist: in it in at least 1 % and at most 99 % of the draws of
# jurors (whole percentages: 0 % and 100 % say nothing about an edge), at most this many.
EDGE_SHOWN = 8


def _edge(shares: Mapping[str, float]) -> list[list[int]]:
    edge = [[int(n), round(100 * s)] for n, s in shares.items() if 1 <= round(100 * s) <= 99]
    # The most uncertain first: those nearest an even chance.
    edge.sort(key=lambda x: (abs(x[1] - 50), -x[1], x[0]))
    return sorted(edge[:EDGE_SHOWN], key=lambda x: (-x[1], x[0]))


# ---- what the ranking and round advance say ---------------------------------------------------


def method_note(
    r: PanelRound, places: int = 3, table: RoundTable | None = None
) -> list[MethodNote]:
    """Where another method changes the first places or the advance cut, one note each:
    {"method", "kind": "swap" | "winner" | "first_places" | "cut", ...}; empty when every
    method agrees. The words are the writers'."""
    p = _Prepared(r, table)
    base = p.top(r.method, places)
    if base is None:
        return []
    notes: list[MethodNote] = []
    base_order = [n for g in base for n in g][:places]
    cut_base = p.cut(r.method, r.cut) if r.cut else None
    for method in METHOD_NAMES:
        if method == r.method:
            continue
        other = p.top(method, places)
        if other is None:
            continue
        order = [n for g in other for n in g][:places]
        if order != base_order:
            notes.append(_difference(method, base_order, order))
        if cut_base is not None and r.cut:
            cut = p.cut(method, r.cut)
            if cut is not None and cut != cut_base:
                change = _change(cut_base, cut)
                notes.append(
                    {
                        "method": method,
                        "kind": "cut",
                        "cut": r.cut,
                        "in": change["in"],
                        "out": change["out"],
                    }
                )
    return notes


def _difference(method: str, base: Sequence[int], other: Sequence[int]) -> MethodNote:
    """How `method`'s first places `other` differ from the round's own `base`."""
    moved = [i for i, (a, b) in enumerate(zip(base, other, strict=False)) if a != b]
    if len(moved) == 2 and base[moved[0]] == other[moved[1]] and base[moved[1]] == other[moved[0]]:
        return {"method": method, "kind": "swap", "places": [moved[0] + 1, moved[1] + 1]}
    if moved and moved[0] == 0:
        return {"method": method, "kind": "winner", "winner": other[0], "instead": base[0]}
    return {"method": method, "kind": "first_places", "order": list(other)}


def cut_changes(r: PanelRound) -> list[CutChange]:
    """How the shortlist of `r.cut` would change under another method or without one juror
    (empty when it would not): what `round advance` warns about. A self-assessment round has
    no jurors to leave out."""
    if not r.cut:
        return []
    p = _Prepared(r)
    base = p.cut(r.method, r.cut)
    cuts = {m: p.cut(m, r.cut) for m in METHOD_NAMES}
    jurors = [j for j in p.jurors if j]
    loo = [{"juror": j, "cut": p.cut(r.method, r.cut, p.without(j))} for j in jurors]
    return _cut_changes(r, base, cuts, loo if len(jurors) >= 2 else [])


def furthest_juror(totals: Mapping[str, float]) -> str | None:
    """The juror whose own total lies furthest from the mean of the other jurors' totals."""
    if len(totals) < 2:
        return None
    best, gap = None, -1.0
    for j, t in sorted(totals.items()):
        others = [v for k, v in totals.items() if k != j]
        distance = abs(t - math.fsum(others) / len(others))
        if distance > gap + 1e-12:
            best, gap = j, distance
    return best
