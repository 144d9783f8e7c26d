"""A round's end: freezing its scores and ranking (`round close`), and the shortlist
taken from it (`round advance`)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from awards.errors import AwardsError, InvalidValue, WrongState
from awards.ranking import (
    METHODS,
    tie_break_text,
)
from awards.rows import InactiveNomination, RoundAdvanced, RoundClosed, SkippedNomination

from .base import StoreBase, utc_now

if TYPE_CHECKING:
    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations
    from .rankings import Rankings
    from .rounds import Rounds
    from .scores import Scores


class Results:
    """A round's end: freezing its scores and ranking (`round close`), and the shortlist
    taken from it (`round advance`)."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        nominations: Nominations,
        jury: Jury,
        rounds: Rounds,
        scores: Scores,
        rankings: Rankings,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury
        self.rounds = rounds
        self.scores = scores
        self.rankings = rankings

    def close_round(
        self, slug: str, *, allow_missing: bool = False, tie_break: Sequence[str] = ()
    ) -> RoundClosed:
        with self.db.transaction():
            current = self.rounds.open_round(slug)
            standing = self.scores.conflicted_scores(current)
            if standing:
                shown = "; ".join(
                    f"{x['juror']} on nomination {x['nomination']}" for x in standing[:5]
                ) + ("; ..." if len(standing) > 5 else "")
                first = standing[0]
                raise WrongState(
                    f"{len(standing)} score set(s) in round {current['number']} of {slug} are "
                    f"from a juror now in conflict ({shown}); remove each with `awards score "
                    f"remove {slug} --juror {first['juror']} --nomination {first['nomination']}`"
                    ", then close"
                )
            missing = self.rounds.missing_scores(slug, current["number"])
            if missing and not allow_missing:
                jurors = sorted({m["juror"] for m in missing})
                raise WrongState(
                    f"{len(missing)} juror–nomination pair(s) still lack scores "
                    f"({', '.join(jurors[:5])}{', ...' if len(jurors) > 5 else ''}); see "
                    f"`awards score missing {slug}`, or close with --allow-missing"
                )
            criteria = self.competitions.criteria(current["competition_id"])
            rows = self.rankings.compute_round_ranking(current, tie_break=tie_break)
            from awards.panel import furthest_juror

            furthest = {
                r.nomination: juror
                for r in rows
                if r.disagreement and (juror := furthest_juror(r.juror_totals)) is not None
            }
            self.db.conn.executemany(
                "INSERT INTO round_results (round_id, nomination_id, rank, score, by_criterion, "
                "jurors, spread, score_range, tied, disagreement, incomplete, decided_by, "
                "furthest_juror) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        current["id"],
                        r.nomination,
                        r.rank,
                        r.score,
                        json.dumps(r.by_criterion),
                        r.jurors,
                        r.spread,
                        r.score_range,
                        int(r.tied),
                        int(r.disagreement),
                        int(r.incomplete),
                        r.decided_by,
                        furthest.get(r.nomination),
                    )
                    for r in rows
                ],
            )
            self.db.conn.execute(
                "UPDATE rounds SET status = 'closed', closed_at = ?, closed_with_missing = ?, "
                "frozen_criteria = ?, tie_break = ? WHERE id = ?",
                (
                    utc_now(),
                    int(bool(missing)),
                    json.dumps([c._asdict() for c in criteria]),
                    tie_break_text(tie_break),
                    current["id"],
                ),
            )
            self.db.audit(
                "round.close",
                competition=slug,
                entity="round",
                entity_id=current["number"],
                before={"status": "open"},
                after={"status": "closed", "ranked": len(rows), "tie_break": list(tie_break)},
                note=(
                    f"closed with {len(missing)} missing juror–nomination score set(s); "
                    "panel values use the scores given"
                    if missing
                    else None
                ),
            )
            inactive = cast(
                list[InactiveNomination],
                self.db.rows(
                    "SELECT n.id, n.nominee, n.status FROM round_nominations rn JOIN nominations n "
                    "ON n.id = rn.nomination_id WHERE rn.round_id = ? AND n.status != 'active' "
                    "ORDER BY n.id",
                    (current["id"],),
                ),
            )
        return {
            "round": current["number"],
            "ranked": len(rows),
            "missing": len(missing),
            "inactive": inactive,
        }

    def advance(
        self,
        slug: str,
        *,
        top: int | None = None,
        min_score: float | None = None,
        include_ties: bool = False,
    ) -> RoundAdvanced:
        if (top is None) == (min_score is None):
            raise AwardsError("give exactly one of --top N or --min-score X")
        if top is not None and top < 1:
            raise InvalidValue("--top must be at least 1")
        with self.db.transaction():
            competition = self.competitions.get(slug)
            rounds = self.rounds.rounds(competition["id"])
            closed = [r for r in rounds if r["status"] == "closed"]
            if not closed:
                raise WrongState(f"{slug} has no closed round to advance from")
            last = closed[-1]
            if self.db.value(
                "SELECT 1 FROM winners WHERE competition_id = ?", (competition["id"],)
            ):
                raise WrongState(f"{slug} already has declared places; no further round follows")
            if rounds[-1]["id"] != last["id"]:
                raise WrongState(
                    f"round {rounds[-1]['number']} has already started after round {last['number']}"
                )
            results = self.rankings.ranking(slug, last["number"])["rows"]
            lower_is_better = METHODS[last["method"]].lower_is_better
            status = dict(
                self.db.conn.execute(
                    "SELECT n.id, n.status FROM round_nominations rn JOIN nominations n "
                    "ON n.id = rn.nomination_id WHERE rn.round_id = ?",
                    (last["id"],),
                ).fetchall()
            )
            # Withdrawn or made ineligible since the round closed: no seat, and the next in
            # line takes it. The frozen ranking keeps them, so they are skipped here.
            eligible = [r for r in results if status.get(r["nomination"]) == "active"]
            if top is not None:
                # The first `top` eligible rows, and any tied with the last of them: a tie
                # crosses the cut exactly when that takes more than `top`.
                chosen = eligible[:top]
                if chosen:
                    cut_rank = chosen[-1]["rank"]
                    chosen += [r for r in eligible[top:] if r["rank"] == cut_rank]
                if len(chosen) > top and not include_ties:
                    tied = [r for r in chosen if r["rank"] == chosen[-1]["rank"]]
                    raise WrongState(
                        f"a tie crosses the cut at {top}: "
                        + ", ".join(f"{r['nomination']} {r['nominee']}" for r in tied)
                        + "; break it with --tie-break on `round close`, or pass --include-ties"
                    )
                last_rank = chosen[-1]["rank"] if chosen else None
                skipped = [
                    r
                    for r in results
                    if status.get(r["nomination"]) != "active"
                    and (last_rank is None or r["rank"] <= last_rank)
                ]
            else:
                assert min_score is not None
                if lower_is_better:
                    raise WrongState("round used the rank method (lower is better); use --top N")
                reach = [r for r in results if r["score"] is not None and r["score"] >= min_score]
                chosen = [r for r in reach if status.get(r["nomination"]) == "active"]
                skipped = [r for r in reach if status.get(r["nomination"]) != "active"]
            if not chosen:
                raise WrongState(
                    "nobody eligible reaches that threshold; the shortlist would be empty"
                    if skipped
                    else "nobody reaches that threshold; the shortlist would be empty"
                )
            ids = [r["nomination"] for r in chosen]
            skipped_rows: list[SkippedNomination] = [
                {
                    "nomination": r["nomination"],
                    "nominee": r["nominee"],
                    "rank": r["rank"],
                    "status": status.get(r["nomination"]),
                }
                for r in skipped
            ]
            self.db.conn.execute(
                "UPDATE round_nominations SET advanced = 0 WHERE round_id = ?", (last["id"],)
            )
            self.db.conn.executemany(
                "UPDATE round_nominations SET advanced = 1 "
                "WHERE round_id = ? AND nomination_id = ?",
                [(last["id"], i) for i in ids],
            )
            stored = [
                row[0]
                for row in self.db.conn.execute(
                    "SELECT nomination_id FROM round_nominations WHERE round_id = ? AND advanced "
                    "ORDER BY nomination_id",
                    (last["id"],),
                )
            ]
            self.db.audit(
                "round.advance",
                competition=slug,
                entity="round",
                entity_id=last["number"],
                after={"shortlist": stored, "top": top, "min_score": min_score},
                note=(
                    "skipped (no longer active): "
                    + ", ".join(f"{x['nomination']} ({x['status']})" for x in skipped_rows)
                    if skipped_rows
                    else None
                ),
            )
        return {
            "round": last["number"],
            "shortlist": chosen,
            "skipped": skipped_rows,
            "short": max(0, top - len(chosen)) if top is not None else 0,
        }
