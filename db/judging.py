"""Rounds, assignments, scores and rankings."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from awards.errors import AwardsError, FileRefused, InvalidValue, NotFound, WrongState
from awards.models import ROUND_KINDS, Criterion
from awards.ranking import (
    METHODS,
    RankedRow,
    RoundRanking,
    mark_close,
    method_named,
    ranking_flags,
    tie_break_keys,
    tie_break_text,
)
from awards.scores import RoundRules, ScoreInput, check_scores
from awards.text import clean_text

from .base import StoreBase, utc_now

SELF_ASSESSMENT = "(self-assessment)"

if TYPE_CHECKING:
    from awards.panel import PanelAnalysis

    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations


class Judging:
    """Rounds, assignments, scores and rankings: every juror's work and what it adds up to."""

    def __init__(
        self, db: StoreBase, competitions: Competitions, nominations: Nominations, jury: Jury
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury

    # ---- rounds ----------------------------------------------------------------------------

    def rounds(self, competition_id: int) -> list[dict[str, Any]]:
        return self.db.rows(
            "SELECT * FROM rounds WHERE competition_id = ? ORDER BY number", (competition_id,)
        )

    def round(self, slug: str, number: int | None = None) -> dict[str, Any]:
        """Round `number` of a competition, or its latest round."""
        competition = self.competitions.get(slug)
        if number is None:
            found = self.db.row(
                "SELECT * FROM rounds WHERE competition_id = ? ORDER BY number DESC LIMIT 1",
                (competition["id"],),
            )
            if found is None:
                raise WrongState(
                    f"{slug} has no rounds yet; open one with `awards round open {slug}`"
                )
            return _with_tie_break(found)
        found = self.db.row(
            "SELECT * FROM rounds WHERE competition_id = ? AND number = ?",
            (competition["id"], number),
        )
        if found is None:
            numbers = [str(r["number"]) for r in self.rounds(competition["id"])]
            raise NotFound(
                "round",
                number,
                where=slug,
                hint=f"rounds: {', '.join(numbers)}" if numbers else "no rounds yet",
            )
        return _with_tie_break(found)

    def open_round(self, slug: str) -> dict[str, Any]:
        competition = self.competitions.get(slug)
        found = self.db.row(
            "SELECT * FROM rounds WHERE competition_id = ? AND status = 'open'",
            (competition["id"],),
        )
        if found is None:
            raise WrongState(f"{slug} has no open round; open one with `awards round open {slug}`")
        return found

    def start_round(
        self,
        slug: str,
        *,
        name: str | None = None,
        kind: str = "jury",
        method: str | None = None,
        per_nomination: int | None = None,
        seed: int = 0,
    ) -> dict[str, Any]:
        """Open the next round. Without `method`, the design decides (`default_method`): the
        returned row's `method_reason` says why."""
        from awards.assignment import assign_jurors, default_method

        if kind not in ROUND_KINDS:
            raise InvalidValue(f"unknown round kind {kind!r}; choose {', '.join(ROUND_KINDS)}")
        if method is not None:
            method_named(method)
        if per_nomination is not None and kind != "jury":
            raise InvalidValue("--per-nomination applies to jury rounds only")
        with self.db.transaction():
            competition = self.competitions.get(slug)
            previous = self.rounds(competition["id"])
            if self.db.value(
                "SELECT 1 FROM winners WHERE competition_id = ?", (competition["id"],)
            ):
                raise WrongState(
                    f"{slug} already has declared places; no round follows them (remove the "
                    "places first if judging must go on)"
                )
            if previous and previous[-1]["status"] == "open":
                raise WrongState(
                    f"round {previous[-1]['number']} of {slug} is still open; close it first"
                )
            number = len(previous) + 1
            nominations = self._nominations_for_new_round(competition, previous)
            left_out = self._left_out_of_shortlist(previous)
            pairs: list[tuple[str, int]] = []
            jurors: list[dict[str, Any]] = []
            if kind == "jury":
                jurors = self.jury.members(slug)
                if not jurors:
                    raise WrongState(
                        f"{slug} has no jury yet; add jurors with `awards juror add {slug} ...`"
                    )
                email_by_id = {j["id"]: j["email"] for j in jurors}
                conflicts = {
                    (email_by_id[j], n)
                    for j, n in self.jury.conflicted_pairs(competition["id"])
                    if j in email_by_id
                }
                pairs = assign_jurors(
                    nominations, list(email_by_id.values()), conflicts, per_nomination, seed=seed
                )
                uncovered = set(nominations) - {n for _, n in pairs}
                if uncovered:
                    raise WrongState(
                        "every juror is in conflict with nomination(s) "
                        + ", ".join(map(str, sorted(uncovered)))
                        + "; add a juror who is not"
                    )
            if method is None:
                method, reason = default_method(kind, nominations, len(jurors), pairs)
            else:
                reason = "asked"
            round_id = self.db.conn.execute(
                "INSERT INTO rounds (competition_id, number, name, kind, method, per_nomination, "
                "seed, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    competition["id"],
                    number,
                    clean_text(name).strip() if name else _default_round_name(number, kind),
                    kind,
                    method,
                    per_nomination,
                    seed,
                    utc_now(),
                ),
            ).lastrowid
            self.db.conn.executemany(
                "INSERT INTO round_nominations (round_id, nomination_id) VALUES (?, ?)",
                [(round_id, n) for n in nominations],
            )
            if pairs:
                id_by_email = {j["email"]: j["id"] for j in jurors}
                self.db.conn.executemany(
                    "INSERT INTO assignments (round_id, juror_id, nomination_id) VALUES (?, ?, ?)",
                    [(round_id, id_by_email[email], n) for email, n in pairs],
                )
            assigned = len(pairs)
            opened = self.round(slug, number)
            self.db.audit(
                "round.open",
                competition=slug,
                entity="round",
                entity_id=number,
                after={
                    "name": opened["name"],
                    "kind": kind,
                    "method": method,
                    "per_nomination": per_nomination,
                    "seed": seed,
                    "nominations": len(nominations),
                    "assignments": assigned,
                },
                note=(
                    "left out of the shortlist since it was recorded: "
                    + ", ".join(f"{x['id']} ({x['status']})" for x in left_out)
                    if left_out
                    else None
                ),
            )
        return {
            **opened,
            "nominations": len(nominations),
            "assignments": assigned,
            "method_reason": reason,
            "jurors": len(jurors),
            "left_out": left_out,
        }

    def _left_out_of_shortlist(self, previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Shortlisted nominations of the last round no longer active (withdrawn or made
        ineligible after `round advance`): the next round opens without them."""
        if not previous or previous[-1]["kind"] == "self-assessment":
            return []
        return self.db.rows(
            "SELECT n.id, n.nominee, n.status FROM round_nominations rn JOIN nominations n "
            "ON n.id = rn.nomination_id WHERE rn.round_id = ? AND rn.advanced = 1 "
            "AND n.status != 'active' ORDER BY n.id",
            (previous[-1]["id"],),
        )

    def _nominations_for_new_round(
        self, competition: dict[str, Any], previous: list[dict[str, Any]]
    ) -> list[int]:
        if not previous:
            nominations = [
                row[0]
                for row in self.db.conn.execute(
                    "SELECT id FROM nominations WHERE competition_id = ? AND status = 'active' "
                    "ORDER BY id",
                    (competition["id"],),
                )
            ]
            if not nominations:
                raise WrongState(f"{competition['slug']} has no active nominations to judge")
            return nominations
        last = previous[-1]
        advanced = [
            row[0]
            for row in self.db.conn.execute(
                "SELECT rn.nomination_id FROM round_nominations rn JOIN nominations n "
                "ON n.id = rn.nomination_id WHERE rn.round_id = ? AND n.status = 'active' "
                + ("" if last["kind"] == "self-assessment" else "AND rn.advanced = 1 ")
                + "ORDER BY rn.nomination_id",
                (last["id"],),
            )
        ]
        # A self-assessment round selects nobody: the verification round after it takes every
        # candidate that assessed itself, unless a shortlist was recorded.
        if not advanced:
            raise WrongState(
                f"round {last['number']} of {competition['slug']} has no shortlist; record one "
                f"with `awards round advance {competition['slug']} --top N`"
            )
        return advanced

    def round_nominations(self, round_id: int) -> list[dict[str, Any]]:
        return self.db.rows(
            "SELECT n.id, n.nominee, n.organization, n.title, n.status, rn.advanced "
            "FROM round_nominations rn JOIN nominations n ON n.id = rn.nomination_id "
            "WHERE rn.round_id = ? ORDER BY n.id",
            (round_id,),
        )

    def assignments(self, slug: str, juror: str | None = None) -> list[dict[str, Any]]:
        current = self.round(slug)
        sql = (
            "SELECT j.email AS juror, a.nomination_id AS nomination, n.nominee, n.organization "
            "FROM assignments a JOIN jurors j ON j.id = a.juror_id "
            "JOIN nominations n ON n.id = a.nomination_id WHERE a.round_id = ?"
        )
        if juror:
            member = self.jury.member(slug, juror)
            return self.db.rows(
                sql + " AND a.juror_id = ? ORDER BY a.nomination_id", (current["id"], member["id"])
            )
        return self.db.rows(sql + " ORDER BY j.email, a.nomination_id", (current["id"],))

    # ---- progress --------------------------------------------------------------------------

    def round_progress(self, slug: str, number: int | None = None) -> list[dict[str, Any]]:
        """Per juror: nominations assigned, complete (every criterion scored), missing."""
        current = self.round(slug, number)
        criteria_count = len(self.round_criteria(current))
        if current["kind"] == "self-assessment":
            row = self.db.row(
                "SELECT count(*) AS assigned, coalesce(sum(CASE WHEN s.n >= ? THEN 1 END), 0) "
                "AS complete FROM round_nominations rn LEFT JOIN (SELECT nomination_id, "
                "count(*) AS n FROM scores WHERE round_id = ? GROUP BY nomination_id) s "
                "ON s.nomination_id = rn.nomination_id WHERE rn.round_id = ?",
                (criteria_count, current["id"], current["id"]),
            )
            assert row is not None
            rows = [{"juror": SELF_ASSESSMENT, **row}]
        else:
            rows = self.db.rows(
                "SELECT a.juror_id, j.email AS juror, j.name, a.assigned FROM (SELECT juror_id, "
                "count(*) AS assigned FROM assignments WHERE round_id = ? GROUP BY juror_id) a "
                "JOIN jurors j ON j.id = a.juror_id ORDER BY j.email",
                (current["id"],),
            )
            scored = self.db.value(
                "SELECT count(*) FROM scores WHERE round_id = ?", (current["id"],)
            )
            if scored == sum(r["assigned"] for r in rows) * criteria_count:
                # Scores exist only for assigned pairs, one per criterion (db check verifies it),
                # so when the counts agree every pair is complete: no per-pair count needed.
                complete = {r["juror_id"]: r["assigned"] for r in rows}
            else:
                complete = dict(
                    self.db.conn.execute(
                        "SELECT juror_id, count(*) FROM (SELECT juror_id FROM scores "
                        "WHERE round_id = ? GROUP BY juror_id, nomination_id "
                        "HAVING count(*) >= ?) GROUP BY juror_id",
                        (current["id"], criteria_count),
                    ).fetchall()
                )
            for row in rows:
                row["complete"] = complete.get(row.pop("juror_id"), 0)
        for row in rows:
            row["missing"] = row["assigned"] - row["complete"]
        return rows

    def missing_scores(self, slug: str, number: int | None = None) -> list[dict[str, Any]]:
        """Each (juror, nomination) pair still lacking a score, with the criteria it lacks."""
        current = self.round(slug, number)
        keys = [c.key for c in self.round_criteria(current)]
        if current["kind"] == "self-assessment":
            expected = self.db.rows(
                "SELECT NULL AS juror_id, ? AS juror, rn.nomination_id AS nomination, n.nominee "
                "FROM round_nominations rn JOIN nominations n ON n.id = rn.nomination_id "
                "WHERE rn.round_id = ? ORDER BY rn.nomination_id",
                (SELF_ASSESSMENT, current["id"]),
            )
        else:
            expected = self.db.rows(
                "SELECT a.juror_id, j.email AS juror, a.nomination_id AS nomination, n.nominee "
                "FROM assignments a JOIN jurors j ON j.id = a.juror_id "
                "JOIN nominations n ON n.id = a.nomination_id WHERE a.round_id = ? "
                "ORDER BY j.email, a.nomination_id",
                (current["id"],),
            )
        have: dict[tuple[int, int], set[str]] = defaultdict(set)
        for juror_id, nomination_id, criterion in self.db.conn.execute(
            "SELECT ifnull(juror_id, 0), nomination_id, criterion FROM scores WHERE round_id = ?",
            (current["id"],),
        ):
            have[(juror_id, nomination_id)].add(criterion)
        missing = []
        for row in expected:
            lacking = [k for k in keys if k not in have[(row["juror_id"] or 0, row["nomination"])]]
            if lacking:
                missing.append(
                    {
                        "round": current["number"],
                        "juror": row["juror"],
                        "nomination": row["nomination"],
                        "nominee": row["nominee"],
                        "missing": lacking,
                    }
                )
        return missing

    # ---- scores ----------------------------------------------------------------------------

    def round_criteria(self, round_row: dict[str, Any]) -> list[Criterion]:
        if round_row["frozen_criteria"]:
            return [Criterion(**c) for c in json.loads(round_row["frozen_criteria"])]
        return self.competitions.criteria(round_row["competition_id"])

    def record_scores(
        self, slug: str, scores: Sequence[ScoreInput], *, source: str, file_name: str | None = None
    ) -> dict[str, int]:
        """Check every score against the open round and write them all, or none.

        Returns counts: added, changed, unchanged."""
        with self.db.transaction():
            competition = self.competitions.get(slug)
            current = self.open_round(slug)
            criteria = {c.key: c for c in self.competitions.criteria(competition["id"])}
            members = {m["email"]: m for m in self.jury.members(slug)}
            in_round = {
                row[0]
                for row in self.db.conn.execute(
                    "SELECT nomination_id FROM round_nominations WHERE round_id = ?",
                    (current["id"],),
                )
            }
            assigned = {
                (j, n)
                for j, n in self.db.conn.execute(
                    "SELECT juror_id, nomination_id FROM assignments WHERE round_id = ?",
                    (current["id"],),
                )
            }
            rules = RoundRules(
                competition=slug,
                number=current["number"],
                self_assessment=current["kind"] == "self-assessment",
                criteria=criteria,
                jurors={email: m["id"] for email, m in members.items()},
                nominations=in_round,
                assigned=assigned,
                conflicted=self.jury.conflicted_pairs(competition["id"]),
            )
            checked, comments, problems = check_scores(scores, rules)
            if problems:
                where = file_name or "the scores"
                raise FileRefused(
                    f"{where}: {len(problems)} problem(s); nothing was saved", problems
                )
            return self._write_scores(slug, current, checked, comments, source)

    def _write_scores(
        self,
        slug: str,
        current: dict[str, Any],
        checked: dict[tuple[int, int, str], tuple[float, str]],
        comments: dict[tuple[int, int], str],
        source: str,
    ) -> dict[str, int]:
        existing = {
            (j, n, c): (score_id, value)
            for score_id, j, n, c, value in self.db.conn.execute(
                "SELECT id, ifnull(juror_id, 0), nomination_id, criterion, value FROM scores "
                "WHERE round_id = ?",
                (current["id"],),
            )
        }
        now = utc_now()
        inserts, updates, changes = [], [], []
        emails = {m["id"]: m["email"] for m in self.jury.members(slug)}
        for (juror_id, nomination, criterion), (value, _) in checked.items():
            before = existing.get((juror_id, nomination, criterion))
            if before is None:
                inserts.append(
                    (
                        current["id"],
                        juror_id or None,
                        nomination,
                        criterion,
                        value,
                        now,
                        self.db.actor,
                    )
                )
            elif before[1] != value:
                updates.append((value, now, self.db.actor, before[0]))
            else:
                continue
            changes.append(
                {
                    "juror": emails.get(juror_id, SELF_ASSESSMENT),
                    "nomination": nomination,
                    "criterion": criterion,
                    "old": None if before is None else before[1],
                    "new": value,
                }
            )
        self.db.conn.executemany(
            "INSERT INTO scores (round_id, juror_id, nomination_id, criterion, value, updated_at, "
            "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        self.db.conn.executemany(
            "UPDATE scores SET value = ?, updated_at = ?, updated_by = ? WHERE id = ?", updates
        )
        comment_changes = self._write_comments(current["id"], comments)
        if changes or comment_changes:
            self.db.audit(
                "score.set" if source == "manual" else "score.import",
                competition=slug,
                entity="round",
                entity_id=current["number"],
                after={"changes": changes, "comments": comment_changes},
                note=None if source == "manual" else f"from {source}",
            )
        return {
            "added": len(inserts),
            "changed": len(updates),
            "unchanged": len(checked) - len(inserts) - len(updates),
            "comments": comment_changes,
        }

    def _write_comments(self, round_id: int, comments: dict[tuple[int, int], str]) -> int:
        changed = 0
        for (juror_id, nomination), comment in comments.items():
            old = self.db.value(
                "SELECT comment FROM score_comments WHERE round_id = ? AND nomination_id = ? "
                "AND ifnull(juror_id, 0) = ?",
                (round_id, nomination, juror_id),
            )
            if old == comment:
                continue
            changed += 1
            if old is None:
                self.db.conn.execute(
                    "INSERT INTO score_comments (round_id, juror_id, nomination_id, comment) "
                    "VALUES (?, ?, ?, ?)",
                    (round_id, juror_id or None, nomination, comment),
                )
            else:
                self.db.conn.execute(
                    "UPDATE score_comments SET comment = ? WHERE round_id = ? AND "
                    "nomination_id = ? AND ifnull(juror_id, 0) = ?",
                    (comment, round_id, nomination, juror_id),
                )
        return changed

    def scores(
        self, slug: str, number: int | None = None, juror: str | None = None
    ) -> list[dict[str, Any]]:
        """Every score of a round (of one juror's, by email in any case), with the remark the
        juror left on that nomination."""
        current = self.round(slug, number)
        sql = (
            "SELECT coalesce(j.email, ?) AS juror, s.nomination_id AS nomination, s.criterion, "
            "s.value AS score, c.comment FROM scores s LEFT JOIN jurors j ON j.id = s.juror_id "
            "LEFT JOIN score_comments c ON c.round_id = s.round_id AND c.nomination_id = "
            "s.nomination_id AND ifnull(c.juror_id, 0) = ifnull(s.juror_id, 0) "
            "WHERE s.round_id = ?"
        )
        params: list[Any] = [SELF_ASSESSMENT, current["id"]]
        if juror is not None:
            member = self.jury.member(slug, juror)
            sql += " AND s.juror_id = ?"
            params.append(member["id"])
        order = {c.key: i for i, c in enumerate(self.round_criteria(current))}
        rows = self.db.rows(sql, params)
        rows.sort(key=lambda r: (r["juror"], r["nomination"], order.get(r["criterion"], 99)))
        return rows

    def comments(self, round_id: int) -> list[dict[str, Any]]:
        return self.db.rows(
            "SELECT c.nomination_id AS nomination, j.email AS juror, c.comment "
            "FROM score_comments c LEFT JOIN jurors j ON j.id = c.juror_id "
            "WHERE c.round_id = ? ORDER BY c.nomination_id, c.id",
            (round_id,),
        )

    def score_entries(self, round_id: int) -> list[Any]:
        from functools import partial

        from awards.ranking import ScoreEntry

        # Each row tuple becomes a ScoreEntry as it is (tuple.__new__: the fields are the row's
        # four columns in order), without the class's Python-level constructor: at 500,000
        # scores less than half the time of `_make`.
        return list(
            map(
                partial(tuple.__new__, ScoreEntry),
                self.db.conn.execute(
                    "SELECT coalesce(j.email, ''), s.nomination_id, s.criterion, s.value "
                    "FROM scores s LEFT JOIN jurors j ON j.id = s.juror_id WHERE s.round_id = ?",
                    (round_id,),
                ),
            )
        )

    # ---- rankings --------------------------------------------------------------------------

    def _expected_jurors(self, round_row: dict[str, Any]) -> dict[int, list[str]]:
        expected: dict[int, list[str]] = defaultdict(list)
        if round_row["kind"] == "self-assessment":
            for (nomination,) in self.db.conn.execute(
                "SELECT nomination_id FROM round_nominations WHERE round_id = ?", (round_row["id"],)
            ):
                expected[nomination].append("")
        else:
            for email, nomination in self.db.conn.execute(
                "SELECT j.email, a.nomination_id FROM assignments a JOIN jurors j "
                "ON j.id = a.juror_id WHERE a.round_id = ?",
                (round_row["id"],),
            ):
                expected[nomination].append(email)
        return expected

    def compute_round_ranking(
        self,
        round_row: dict[str, Any],
        method: str | None = None,
        tie_break: Sequence[str] = (),
        entries: Sequence[Any] | None = None,
    ) -> list[Any]:
        from awards.ranking import compute_ranking

        nominations = [
            row[0]
            for row in self.db.conn.execute(
                "SELECT nomination_id FROM round_nominations WHERE round_id = ?",
                (round_row["id"],),
            )
        ]
        return compute_ranking(
            self.round_criteria(round_row),
            self.score_entries(round_row["id"]) if entries is None else entries,
            nominations,
            method=method or round_row["method"],
            expected=self._expected_jurors(round_row),
            tie_break=tie_break,
        )

    def _furthest_jurors(
        self,
        round_id: int,
        criteria: Sequence[Any],
        nominations: Sequence[int],
        entries: Sequence[Any] | None = None,
    ) -> dict[int, str]:
        """For each nomination where the jurors disagree, the juror whose weighted total lies
        furthest from the others'."""
        from awards.panel import furthest_juror, juror_totals

        wanted = set(nominations)
        if entries is None:
            entries = self.score_entries(round_id)
        entries = [e for e in entries if e.nomination in wanted]
        by_nomination: dict[int, dict[str, float]] = defaultdict(dict)
        for juror, per in juror_totals(criteria, entries).items():
            for n, total in per.items():
                by_nomination[n][juror] = total
        found = {n: furthest_juror(by_nomination[n]) for n in wanted if by_nomination.get(n)}
        return {n: juror for n, juror in found.items() if juror is not None}

    def _live_ranking(
        self, current: dict[str, Any], method: str | None, tie_break: Sequence[str]
    ) -> list[RankedRow]:
        """An open round's ranking rows, each disagreement with its furthest juror; from the
        cache while nothing has changed: every write transaction bumps the change counter, and
        an edit of the round's scores by any program bumps its round counter (a trigger)."""
        state = json.dumps(
            [
                self.db.change_counter(),
                self.db.round_change_counter(current["id"]),
                method or current["method"],
                list(tie_break),
            ]
        )

        def compute() -> list[RankedRow]:
            from awards.panel import furthest_juror

            rows = []
            for ranked in self.compute_round_ranking(current, method, tie_break):
                row = _ranking_row_dict(ranked)
                if ranked.disagreement:  # the row carries its jurors' own totals
                    row["furthest_juror"] = furthest_juror(ranked.juror_totals)
                rows.append(row)
            return rows

        rows: list[RankedRow] = self.db.cached(
            "ranking_cache", "rows", current["id"], state, compute
        )
        return rows

    def ranking(
        self,
        slug: str,
        number: int | None = None,
        method: str | None = None,
        tie_break: Sequence[str] = (),
    ) -> RoundRanking:
        """The ranking of a round: the frozen one for a closed round (unless another method or
        tie-break is asked for), computed live for an open round."""
        if method is not None:
            method_named(method)
        current = self.round(slug, number)
        names = {
            row["id"]: row
            for row in self.db.rows(
                "SELECT n.id, n.nominee, n.organization, n.title, n.publish FROM nominations n "
                "JOIN round_nominations rn ON rn.nomination_id = n.id WHERE rn.round_id = ?",
                (current["id"],),
            )
        }
        frozen = (
            current["status"] == "closed"
            and (method in (None, current["method"]))
            and (not tie_break or list(tie_break) == current["tie_break_keys"])
        )
        if frozen:
            rows = [
                _frozen_row(row)
                for row in self.db.rows(
                    "SELECT * FROM round_results WHERE round_id = ? ORDER BY rank, nomination_id",
                    (current["id"],),
                )
            ]
            # Rounds closed before the furthest juror was frozen with their rows.
            unnamed = [
                r["nomination"] for r in rows if r["disagreement"] and not r.get("furthest_juror")
            ]
            if unnamed:
                furthest = self._furthest_jurors(
                    current["id"], self.round_criteria(current), unnamed
                )
                for row in rows:
                    row["furthest_juror"] = row.get("furthest_juror") or furthest.get(
                        row["nomination"]
                    )
        else:
            rows = self._live_ranking(current, method, tie_break)
        criteria = self.round_criteria(current)
        mark_close(rows, criteria, METHODS[method or current["method"]])
        for row in rows:
            row["flags"] = ranking_flags(row)
            # Every row of a round is a nomination of that round (round_nominations).
            info = names[row["nomination"]]
            row["nominee"] = info["nominee"]
            row["organization"] = info["organization"]
        return {
            "round": current,
            "method": method or current["method"],
            "frozen": frozen,
            "criteria": criteria,
            "rows": rows,
        }

    def panel_round(self, slug: str, number: int | None = None) -> Any:
        """A round's scores arranged for the panel statistics (`awards.panel.PanelRound`). The
        cut is the shortlist recorded from it, if any."""
        from awards.panel import PanelRound

        current = self.round(slug, number)
        nominations = self.db.rows(
            "SELECT n.id, n.nominee, rn.advanced FROM round_nominations rn JOIN nominations n "
            "ON n.id = rn.nomination_id WHERE rn.round_id = ? ORDER BY n.id",
            (current["id"],),
        )
        names = dict(
            self.db.conn.execute(
                "SELECT j.email, j.name FROM jury_members m JOIN jurors j ON j.id = m.juror_id "
                "JOIN competitions c ON c.id = m.competition_id WHERE c.slug = ?",
                (slug,),
            ).fetchall()
        )
        advanced = sum(1 for n in nominations if n["advanced"])
        criteria = self.round_criteria(current)
        return PanelRound(
            number=current["number"],
            method=current["method"],
            criteria=criteria,
            entries=self.score_entries(current["id"]),
            nominations=[n["id"] for n in nominations],
            expected=self._expected_jurors(current),
            names=names,
            nominees=self._nominee_names(current["id"]),
            tie_break=current["tie_break_keys"],
            cut=advanced or None,
            self_assessed=self._self_assessed_totals(current, criteria),
        )

    def _self_assessed_totals(
        self, current: dict[str, Any], criteria: Sequence[Any]
    ) -> dict[int, float] | None:
        """For a verification round, each organisation's own total from the self-assessment
        round just before it (points, on this round's criteria); None for any other round."""
        if current["kind"] == "self-assessment" or current["number"] < 2:
            return None
        before = self.db.row(
            "SELECT * FROM rounds WHERE competition_id = ? AND number = ?",
            (current["competition_id"], current["number"] - 1),
        )
        if before is None or before["kind"] != "self-assessment":
            return None
        by_key = {c.key: c for c in criteria}
        totals: dict[int, list[float]] = defaultdict(list)
        for e in self.score_entries(before["id"]):
            if e.criterion in by_key:
                totals[e.nomination].append(by_key[e.criterion].normalized(e.value))
        return {n: math.fsum(points) for n, points in totals.items()}

    def refuse_self_assessment(self, slug: str, current: dict[str, Any]) -> None:
        """A self-assessment round has no jury to analyse: refused with the verification round
        to look at instead."""
        if current["kind"] != "self-assessment":
            return
        later = self.db.value(
            "SELECT min(number) FROM rounds WHERE competition_id = ? AND number > ? "
            "AND kind = 'jury'",
            (current["competition_id"], current["number"]),
        )
        where = (
            f"see the verification round: `awards panel {slug} --round {later}`"
            if later
            else f"the verification round is not open yet (`awards round open {slug}`)"
        )
        raise WrongState(
            f"round {current['number']} of {slug} is a self-assessment: the organisations scored "
            f"themselves, so there is no jury to analyse; {where}, whose panel compares the "
            "two"
        )

    def round_nominees(self, slug: str, number: int | None = None) -> dict[int, str]:
        """Nomination id -> how a sentence names it, for the nominations of a round: the
        nominee, with the organisation where two share a name ("Asiakaspalvelu" of two firms)."""
        current = self.round(slug, number)
        return self._nominee_names(current["id"])

    def _nominee_names(self, round_id: int) -> dict[int, str]:
        from awards.text import distinct_names

        return distinct_names(
            self.db.conn.execute(
                "SELECT n.id, n.nominee, n.organization FROM round_nominations rn "
                "JOIN nominations n ON n.id = rn.nomination_id WHERE rn.round_id = ? "
                "ORDER BY n.id",
                (round_id,),
            ).fetchall()
        )

    def _panel_inputs(self, slug: str, current: dict[str, Any]) -> object:
        """What a round's panel analysis rests on, in brief. An open round's scores may change
        at any moment: the change counter and the round's score counter stand for them. A
        closed round's scores and criteria are frozen, so only what can still change counts:
        the shortlist taken from it, the jury's names, the nominees' names, the assignments.
        Declaring winners or work in other competitions then leaves its analysis cached."""
        import hashlib

        if current["status"] != "closed":
            return [
                "open",
                self.db.change_counter(),
                self.db.round_change_counter(current["id"]),
            ]
        found = self.db.conn.execute(
            "SELECT "
            "(SELECT group_concat(nomination_id) FROM (SELECT nomination_id FROM "
            " round_nominations WHERE round_id = :round AND advanced ORDER BY nomination_id)), "
            "(SELECT group_concat(email || '=' || name, ';') FROM (SELECT j.email, j.name "
            " FROM jury_members m JOIN jurors j ON j.id = m.juror_id JOIN competitions c "
            " ON c.id = m.competition_id WHERE c.slug = :slug ORDER BY j.email)), "
            "(SELECT group_concat(id || '=' || nominee, ';') FROM (SELECT n.id, n.nominee "
            " FROM round_nominations rn JOIN nominations n ON n.id = rn.nomination_id "
            " WHERE rn.round_id = :round ORDER BY n.id)), "
            "(SELECT count(*) || ':' || total(juror_id) || ':' || total(nomination_id) "
            " FROM assignments WHERE round_id = :round)",
            {"round": current["id"], "slug": slug},
        ).fetchone()
        # The round counter: its frozen scores changed only outside awards (a trigger counts).
        changed = self.db.round_change_counter(current["id"])
        digest = hashlib.sha256(repr((current["closed_at"], changed, *found)).encode()).hexdigest()
        return ["closed", digest]

    def panel_analysis(
        self,
        slug: str,
        number: int | None = None,
        *,
        cut: int | None = None,
        samples: int | None = None,
        seed: int | None = None,
    ) -> PanelAnalysis:
        """`awards.panel.analyse` of a round, from the cache when nothing it rests on has changed
        since it was computed. At national scale the analysis takes seconds; the jury report and
        `awards panel` ask for it again and again."""
        from awards.panel import BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, analyse

        samples = BOOTSTRAP_SAMPLES if samples is None else samples
        seed = BOOTSTRAP_SEED if seed is None else seed
        current = self.round(slug, number)
        self.refuse_self_assessment(slug, current)
        state = json.dumps(
            [self._panel_inputs(slug, current), cut, samples, seed, current["method"], PANEL_V]
        )

        def compute() -> PanelAnalysis:
            panel_round = self.panel_round(slug, current["number"])
            if cut is not None:
                panel_round = panel_round._replace(cut=cut)
            return analyse(panel_round, samples=samples, seed=seed)

        result: PanelAnalysis = self.db.cached(
            "panel_cache", "analysis", current["id"], state, compute
        )
        return result

    def conflicted_scores(self, round_row: dict[str, Any]) -> list[dict[str, Any]]:
        """(juror, nomination) pairs of a round whose scores come from a juror now in conflict
        with that nomination (a conflict that came to light after the scores went in)."""
        if round_row["kind"] != "jury":
            return []
        conflicted = self.jury.conflicted_pairs(round_row["competition_id"])
        return [
            {"juror": email, "nomination": nomination}
            for juror_id, email, nomination in self.db.conn.execute(
                "SELECT DISTINCT s.juror_id, j.email, s.nomination_id FROM scores s "
                "JOIN jurors j ON j.id = s.juror_id WHERE s.round_id = ? "
                "ORDER BY j.email, s.nomination_id",
                (round_row["id"],),
            )
            if (juror_id, nomination) in conflicted
        ]

    def remove_scores(self, slug: str, juror: str, nomination_id: int) -> dict[str, Any]:
        """Take one juror's scores (and remark) for one nomination out of the open round,
        audited with what they were. A pair in conflict also loses its assignment, so the round
        does not wait for scores that may not come."""
        with self.db.transaction():
            current = self.open_round(slug)
            if current["kind"] != "jury":
                raise WrongState("a self-assessment round has no juror's scores to remove")
            member = self.jury.member(slug, juror)
            self.nominations.in_competition(nomination_id, slug)
            where = (current["id"], member["id"], nomination_id)
            removed = dict(
                self.db.conn.execute(
                    "SELECT criterion, value FROM scores WHERE round_id = ? AND juror_id = ? "
                    "AND nomination_id = ? ORDER BY criterion",
                    where,
                ).fetchall()
            )
            comment = self.db.value(
                "SELECT comment FROM score_comments WHERE round_id = ? AND juror_id = ? "
                "AND nomination_id = ?",
                where,
            )
            if not removed and comment is None:
                raise WrongState(
                    f"{member['email']} has no scores for nomination {nomination_id} in round "
                    f"{current['number']} of {slug}"
                )
            for table in ("scores", "score_comments"):
                self.db.conn.execute(
                    f"DELETE FROM {table} WHERE round_id = ? AND juror_id = ? "
                    "AND nomination_id = ?",
                    where,
                )
            in_conflict = (member["id"], nomination_id) in self.jury.conflicted_pairs(
                current["competition_id"]
            )
            unassigned = 0
            if in_conflict:
                unassigned = self.db.conn.execute(
                    "DELETE FROM assignments WHERE round_id = ? AND juror_id = ? "
                    "AND nomination_id = ?",
                    where,
                ).rowcount
            left = self.db.value(
                "SELECT count(*) FROM scores WHERE round_id = ? AND juror_id = ? "
                "AND nomination_id = ?",
                where,
            )
            self.db.audit(
                "score.remove",
                competition=slug,
                entity="round",
                entity_id=current["number"],
                before={
                    "juror": member["email"],
                    "nomination": nomination_id,
                    "scores": removed,
                    "comment": comment,
                },
                after={"juror": member["email"], "nomination": nomination_id, "scores": left},
                note="the juror is in conflict with the nomination; assignment taken away"
                if unassigned
                else None,
            )
        return {
            "round": current["number"],
            "juror": member["email"],
            "removed": len(removed),
            "comment": comment is not None,
            "unassigned": unassigned,
        }

    def close_round(
        self, slug: str, *, allow_missing: bool = False, tie_break: Sequence[str] = ()
    ) -> dict[str, Any]:
        with self.db.transaction():
            current = self.open_round(slug)
            standing = self.conflicted_scores(current)
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
            missing = self.missing_scores(slug, current["number"])
            if missing and not allow_missing:
                jurors = sorted({m["juror"] for m in missing})
                raise WrongState(
                    f"{len(missing)} juror–nomination pair(s) still lack scores "
                    f"({', '.join(jurors[:5])}{', ...' if len(jurors) > 5 else ''}); see "
                    f"`awards score missing {slug}`, or close with --allow-missing"
                )
            criteria = self.competitions.criteria(current["competition_id"])
            entries = self.score_entries(current["id"])
            rows = self.compute_round_ranking(current, tie_break=tie_break, entries=entries)
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
            inactive = self.db.rows(
                "SELECT n.id, n.nominee, n.status FROM round_nominations rn JOIN nominations n "
                "ON n.id = rn.nomination_id WHERE rn.round_id = ? AND n.status != 'active' "
                "ORDER BY n.id",
                (current["id"],),
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
    ) -> dict[str, Any]:
        if (top is None) == (min_score is None):
            raise AwardsError("give exactly one of --top N or --min-score X")
        if top is not None and top < 1:
            raise InvalidValue("--top must be at least 1")
        with self.db.transaction():
            competition = self.competitions.get(slug)
            rounds = self.rounds(competition["id"])
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
            results = self.ranking(slug, last["number"])["rows"]
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
            skipped_rows = [
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


# The panel analysis's own shape: a cached analysis of an older shape is computed anew.
PANEL_V = 2


def _default_round_name(number: int, kind: str) -> str:
    if kind == "self-assessment":
        return "Itsearviointi"
    return "Esikarsinta" if number == 1 else "Finaali"


def _with_tie_break(round_row: dict[str, Any]) -> dict[str, Any]:
    """A round's row with its tie-break chain read once (`tie_break_keys`)."""
    round_row["tie_break_keys"] = tie_break_keys(round_row["tie_break"])
    return round_row


def _frozen_row(row: dict[str, Any]) -> RankedRow:
    """A row of `round_results` as the ranking hands it on."""
    return {
        "rank": row["rank"],
        "nomination": row["nomination_id"],
        "score": row["score"],
        "by_criterion": json.loads(row["by_criterion"]),
        "jurors": row["jurors"],
        "spread": row["spread"],
        "score_range": row["score_range"],
        "tied": bool(row["tied"]),
        "disagreement": bool(row["disagreement"]),
        "incomplete": bool(row["incomplete"]),
        "decided_by": row["decided_by"],
        "furthest_juror": row["furthest_juror"],
    }


def _ranking_row_dict(row: Any) -> RankedRow:
    return {
        "rank": row.rank,
        "nomination": row.nomination,
        "score": row.score,
        "by_criterion": dict(row.by_criterion),
        "jurors": row.jurors,
        "spread": row.spread,
        "score_range": row.score_range,
        "tied": row.tied,
        "disagreement": row.disagreement,
        "incomplete": row.incomplete,
        "decided_by": row.decided_by,
    }
