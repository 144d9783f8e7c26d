"""Rounds, assignments, scores and rankings."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from awards.errors import AwardsError, FileRefused, InvalidValue, NotFound, WrongState
from awards.models import ROUND_KINDS, Criterion
from awards.ranking import METHODS, method_named, ranking_flags
from awards.scores import RoundRules, ScoreInput, check_scores
from awards.text import clean_text

from .base import StoreBase, utc_now

SELF_ASSESSMENT = "(self-assessment)"

if TYPE_CHECKING:
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
            return found
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
        return found

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
        method: str = "mean",
        per_nomination: int | None = None,
        seed: int = 0,
    ) -> dict[str, Any]:
        from awards.assignment import assign_jurors

        if kind not in ROUND_KINDS:
            raise InvalidValue(f"unknown round kind {kind!r}; choose {', '.join(ROUND_KINDS)}")
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
            assigned = 0
            if kind == "jury":
                jurors = self.jury.members(slug)
                if not jurors:
                    raise WrongState(
                        f"{slug} has no jury yet; add jurors with `awards juror add {slug} ...`"
                    )
                email_by_id = {j["id"]: j["email"] for j in jurors}
                id_by_email = {j["email"]: j["id"] for j in jurors}
                conflicts = {
                    (email_by_id[j], n)
                    for j, n in self.jury.conflicted_pairs(competition["id"])
                    if j in email_by_id
                }
                pairs = assign_jurors(
                    nominations, list(id_by_email), conflicts, per_nomination, seed=seed
                )
                uncovered = set(nominations) - {n for _, n in pairs}
                if uncovered:
                    raise WrongState(
                        "every juror is in conflict with nomination(s) "
                        + ", ".join(map(str, sorted(uncovered)))
                        + "; add a juror who is not"
                    )
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
            )
        return {**opened, "nominations": len(nominations), "assignments": assigned}

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
        from awards.ranking import ScoreEntry

        # `_make` takes each row tuple as it is: at 50,000 scores a third faster than calling
        # the class with four arguments.
        return list(
            map(
                ScoreEntry._make,
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
    ) -> list[dict[str, Any]]:
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

        def compute() -> list[dict[str, Any]]:
            entries = self.score_entries(current["id"])
            rows = [
                _ranking_row_dict(r)
                for r in self.compute_round_ranking(current, method, tie_break, entries)
            ]
            unnamed = [row["nomination"] for row in rows if row["disagreement"]]
            if unnamed:
                criteria = self.round_criteria(current)
                furthest = self._furthest_jurors(current["id"], criteria, unnamed, entries)
                for row in rows:
                    row["furthest_juror"] = furthest.get(row["nomination"])
            return rows

        rows: list[dict[str, Any]] = self.db.cached(
            "ranking_cache", "rows", current["id"], state, compute
        )
        return rows

    def ranking(
        self,
        slug: str,
        number: int | None = None,
        method: str | None = None,
        tie_break: Sequence[str] = (),
    ) -> dict[str, Any]:
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
            and (not tie_break or ",".join(tie_break) == (current["tie_break"] or ""))
        )
        if frozen:
            rows = self.db.rows(
                "SELECT * FROM round_results WHERE round_id = ? ORDER BY rank, nomination_id",
                (current["id"],),
            )
            for row in rows:
                row["by_criterion"] = json.loads(row["by_criterion"])
                for flag in ("tied", "disagreement", "incomplete"):
                    row[flag] = bool(row[flag])
                row["nomination"] = row.pop("nomination_id")
            # Rounds closed before the furthest juror was frozen with their rows.
            unnamed = [
                r["nomination"] for r in rows if r["disagreement"] and not r["furthest_juror"]
            ]
            if unnamed:
                furthest = self._furthest_jurors(
                    current["id"], self.round_criteria(current), unnamed
                )
                for row in rows:
                    row["furthest_juror"] = row["furthest_juror"] or furthest.get(row["nomination"])
        else:
            rows = self._live_ranking(current, method, tie_break)
        criteria = self.round_criteria(current)
        for row in rows:
            row["flags"] = ranking_flags(row)
            info = names.get(row["nomination"], {})
            row["nominee"] = info.get("nominee")
            row["organization"] = info.get("organization")
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
        return PanelRound(
            number=current["number"],
            method=current["method"],
            criteria=self.round_criteria(current),
            entries=self.score_entries(current["id"]),
            nominations=[n["id"] for n in nominations],
            expected=self._expected_jurors(current),
            names=names,
            nominees={n["id"]: n["nominee"] for n in nominations},
            tie_break=(current["tie_break"] or "").split(",") if current["tie_break"] else [],
            cut=advanced or None,
        )

    def round_nominees(self, slug: str, number: int | None = None) -> dict[int, str]:
        """Nomination id -> nominee, for the nominations of a round."""
        current = self.round(slug, number)
        return dict(
            self.db.conn.execute(
                "SELECT n.id, n.nominee FROM round_nominations rn JOIN nominations n "
                "ON n.id = rn.nomination_id WHERE rn.round_id = ?",
                (current["id"],),
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
    ) -> dict[str, Any]:
        """`awards.panel.analyse` of a round, from the cache when nothing it rests on has changed
        since it was computed. At national scale the analysis takes seconds; the jury report and
        `awards panel` ask for it again and again."""
        from awards.panel import BOOTSTRAP_SAMPLES, BOOTSTRAP_SEED, analyse

        samples = BOOTSTRAP_SAMPLES if samples is None else samples
        seed = BOOTSTRAP_SEED if seed is None else seed
        current = self.round(slug, number)
        state = json.dumps(
            [self._panel_inputs(slug, current), cut, samples, seed, current["method"]]
        )

        def compute() -> dict[str, Any]:
            panel_round = self.panel_round(slug, current["number"])
            if cut is not None:
                panel_round = panel_round._replace(cut=cut)
            return analyse(panel_round, samples=samples, seed=seed)

        result: dict[str, Any] = self.db.cached(
            "panel_cache", "analysis", current["id"], state, compute
        )
        return result

    def close_round(
        self, slug: str, *, allow_missing: bool = False, tie_break: Sequence[str] = ()
    ) -> dict[str, Any]:
        with self.db.transaction():
            current = self.open_round(slug)
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
            furthest = self._furthest_jurors(
                current["id"],
                self.round_criteria(current),
                [r.nomination for r in rows if r.disagreement],
                entries,
            )
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
                    ",".join(tie_break) or None,
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
        return {"round": current["number"], "ranked": len(rows), "missing": len(missing)}

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
            if top is not None:
                # Competition ranking (1, 1, 3): a tie crosses the cut exactly when more than
                # `top` rows rank at or above it.
                chosen = [r for r in results if r["rank"] <= top]
                if len(chosen) > top and not include_ties:
                    tied = [r for r in chosen if r["rank"] == chosen[-1]["rank"]]
                    raise WrongState(
                        f"a tie crosses the cut at {top}: "
                        + ", ".join(f"{r['nomination']} {r['nominee']}" for r in tied)
                        + "; break it with --tie-break on `round close`, or pass --include-ties"
                    )
            else:
                assert min_score is not None
                if lower_is_better:
                    raise WrongState("round used the rank method (lower is better); use --top N")
                chosen = [r for r in results if r["score"] is not None and r["score"] >= min_score]
            if not chosen:
                raise WrongState("nobody reaches that threshold; the shortlist would be empty")
            ids = [r["nomination"] for r in chosen]
            self.db.conn.execute(
                "UPDATE round_nominations SET advanced = 0 WHERE round_id = ?", (last["id"],)
            )
            self.db.conn.executemany(
                "UPDATE round_nominations SET advanced = 1 "
                "WHERE round_id = ? AND nomination_id = ?",
                [(last["id"], i) for i in ids],
            )
            self.db.audit(
                "round.advance",
                competition=slug,
                entity="round",
                entity_id=last["number"],
                after={"shortlist": ids, "top": top, "min_score": min_score},
            )
        return {"round": last["number"], "shortlist": chosen}


def _default_round_name(number: int, kind: str) -> str:
    if kind == "self-assessment":
        return "Itsearviointi"
    return "Esikarsinta" if number == 1 else "Finaali"


def _ranking_row_dict(row: Any) -> dict[str, Any]:
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
