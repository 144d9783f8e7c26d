"""Rounds: opening them, who scores what, how far the jurors are, and the criteria they
are judged on."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from awards.errors import InvalidValue, NotFound, WrongState
from awards.models import ROUND_KINDS, Criterion
from awards.ranking import (
    method_named,
    tie_break_keys,
)
from awards.rows import (
    Assignment,
    CompetitionRow,
    JurorProgress,
    JuryMember,
    MissingScores,
    RoundNomination,
    RoundRow,
)
from awards.text import clean_text

from .base import StoreBase, json_ids, round_scores, utc_now

# How a self-assessment round's scores name their scorer where a juror's email would stand.
SELF_ASSESSMENT = "(self-assessment)"

if TYPE_CHECKING:
    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations


class Rounds:
    """Rounds: opening them, who scores what, how far the jurors are, and the criteria they
    are judged on."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        nominations: Nominations,
        jury: Jury,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury

    def rounds(self, competition_id: int) -> list[RoundRow]:
        return [
            _with_tie_break(row)
            for row in self.db.rows(
                "SELECT * FROM rounds WHERE competition_id = ? ORDER BY number", (competition_id,)
            )
        ]

    def round(self, slug: str, number: int | None = None) -> RoundRow:
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

    def open_round(self, slug: str) -> RoundRow:
        competition = self.competitions.get(slug)
        found = self.db.row(
            "SELECT * FROM rounds WHERE competition_id = ? AND status = 'open'",
            (competition["id"],),
        )
        if found is None:
            raise WrongState(f"{slug} has no open round; open one with `awards round open {slug}`")
        return _with_tie_break(found)

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
            jurors: list[JuryMember] = []
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

    def _left_out_of_shortlist(self, previous: list[RoundRow]) -> list[dict[str, Any]]:
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
        self, competition: CompetitionRow, previous: list[RoundRow]
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

    def round_nominations(self, round_id: int) -> list[RoundNomination]:
        rows = self.db.rows(
            "SELECT n.id, n.nominee, n.organization, n.title, n.status, rn.advanced "
            "FROM round_nominations rn JOIN nominations n ON n.id = rn.nomination_id "
            "WHERE rn.round_id = ? ORDER BY n.id",
            (round_id,),
        )
        return cast(list[RoundNomination], rows)

    def assignments(self, slug: str, juror: str | None = None) -> list[Assignment]:
        current = self.round(slug)
        sql = (
            "SELECT j.email AS juror, a.nomination_id AS nomination, n.nominee, n.organization "
            "FROM assignments a JOIN jurors j ON j.id = a.juror_id "
            "JOIN nominations n ON n.id = a.nomination_id WHERE a.round_id = ?"
        )
        if juror:
            member = self.jury.member(slug, juror)
            rows = self.db.rows(
                sql + " AND a.juror_id = ? ORDER BY a.nomination_id", (current["id"], member["id"])
            )
        else:
            rows = self.db.rows(sql + " ORDER BY j.email, a.nomination_id", (current["id"],))
        return cast(list[Assignment], rows)

    def round_progress(self, slug: str, number: int | None = None) -> list[JurorProgress]:
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
        return cast(list[JurorProgress], rows)

    def missing_scores(self, slug: str, number: int | None = None) -> list[MissingScores]:
        """Each (juror, nomination) pair still lacking a score, with the criteria it lacks."""
        current = self.round(slug, number)
        keys = [c.key for c in self.round_criteria(current)]
        # The pairs are counted in SQL along the scores' juror index, and only the pairs that
        # lack something are read, with the criteria they have: at national scale the round's
        # 500,000 scores took `round status` 2 s in Python. One score a cell (the unique index
        # `scores_one_per_cell`), so a pair's count of the round's criteria is what it has.
        params = {"round": current["id"], "keys": json.dumps(keys), "count": len(keys)}
        counted = (
            "SELECT juror_id, nomination_id, count(*) AS found FROM scores "
            "WHERE round_id = :round AND criterion IN (SELECT value FROM json_each(:keys)) "
            "GROUP BY juror_id, nomination_id"
        )
        if current["kind"] == "self-assessment":
            lacking = self.db.conn.execute(
                "SELECT NULL, :self, rn.nomination_id, n.nominee FROM round_nominations rn "
                "JOIN nominations n ON n.id = rn.nomination_id "
                f"LEFT JOIN ({counted}) s ON s.juror_id IS NULL "
                "AND s.nomination_id = rn.nomination_id "
                "WHERE rn.round_id = :round AND ifnull(s.found, 0) < :count "
                "ORDER BY rn.nomination_id",
                {**params, "self": SELF_ASSESSMENT},
            ).fetchall()
        else:
            lacking = self.db.conn.execute(
                "SELECT a.juror_id, j.email, a.nomination_id, n.nominee FROM assignments a "
                "JOIN jurors j ON j.id = a.juror_id JOIN nominations n ON n.id = a.nomination_id "
                f"LEFT JOIN ({counted}) s ON s.juror_id = a.juror_id "
                "AND s.nomination_id = a.nomination_id "
                "WHERE a.round_id = :round AND ifnull(s.found, 0) < :count "
                "ORDER BY j.email, a.nomination_id",
                params,
            ).fetchall()
        have: dict[tuple[int | None, int], set[str]] = {
            (juror_id, nomination_id): set() for juror_id, _, nomination_id, _ in lacking
        }
        if have:
            for juror_id, nomination_id, criterion in round_scores(
                self.db.conn,
                "juror_id, nomination_id, criterion",
                current["id"],
                json_ids(n for _, n in have),
            ):
                found = have.get((juror_id, nomination_id))
                if found is not None:
                    found.add(criterion)
        return [
            {
                "round": current["number"],
                "juror": juror,
                "nomination": nomination_id,
                "nominee": nominee,
                "missing": [k for k in keys if k not in have[(juror_id, nomination_id)]],
            }
            for juror_id, juror, nomination_id, nominee in lacking
        ]

    def round_criteria(self, round_row: RoundRow) -> list[Criterion]:
        if round_row["frozen_criteria"]:
            return [Criterion(**c) for c in json.loads(round_row["frozen_criteria"])]
        return self.competitions.criteria(round_row["competition_id"])


def _default_round_name(number: int, kind: str) -> str:
    if kind == "self-assessment":
        return "Itsearviointi"
    return "Esikarsinta" if number == 1 else "Finaali"


def _with_tie_break(round_row: dict[str, Any]) -> RoundRow:
    """A round's row with its tie-break chain read once (`tie_break_keys`)."""
    round_row["tie_break_keys"] = tie_break_keys(round_row["tie_break"])
    return cast(RoundRow, round_row)
