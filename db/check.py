"""`awards db check`: the file's integrity and the tool's rules, one family of rules a
function, and what was changed outside awards (accepted by the coordinator with `--accept`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import StoreBase

if TYPE_CHECKING:
    from .competitions import Competitions
    from .jury import Jury
    from .rankings import Rankings
    from .rounds import Rounds


class Checks:
    """What `awards db check` verifies, and the refusal of public documents while an edit made
    outside awards has not been looked at."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        jury: Jury,
        rounds: Rounds,
        rankings: Rankings,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.jury = jury
        self.rounds = rounds
        self.rankings = rankings

    def check(self) -> list[str]:
        """SQLite's own checks plus the tool's invariants, one family of rules at a time; an
        empty list means sound."""
        import sqlite3

        try:
            problems = self._file_rules()
            if any(p.startswith("integrity:") or "awards schema" in p for p in problems):
                # A damaged file, or foreign views or triggers: nothing read through them
                # could be trusted.
                return problems
            return [
                *problems,
                *self._audit_log_rules(),
                *self._place_rules(),
                *self._round_rules(),
                # Scores in a closed round from a juror found in conflict after it closed.
                *self.jury.check_conflicts_after_close(),
            ]
        except sqlite3.DatabaseError as exc:
            return [f"the file is damaged: {exc}"]

    def _file_rules(self) -> list[str]:
        """The file itself: SQLite's integrity and foreign keys, and what was changed outside
        awards (schema, audit chain, seals)."""
        problems: list[str] = []
        problems += [
            f"integrity: {row[0]}"
            for row in self.db.conn.execute("PRAGMA integrity_check")
            if row[0] != "ok"
        ]
        if problems:
            return problems  # nothing else can be trusted
        problems += [
            f"foreign key: {table} row {rowid} points to a missing {parent}"
            for table, rowid, parent, _ in self.db.conn.execute("PRAGMA foreign_key_check")
        ]
        problems += self.outside_changes()
        return problems

    def _audit_log_rules(self) -> list[str]:
        """The audit log keeps its protection and its order."""
        problems: list[str] = []
        triggers = {
            r[0]
            for r in self.db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_replace"):
            if name not in triggers:
                problems.append(f"the audit log has lost its protection ({name} is missing)")
        if self.db.value("SELECT 1 FROM settings WHERE key = 'purging'"):
            problems.append(
                "the privacy purge's `purging` setting is left on: the audit log can be "
                "rewritten while it is"
            )
        previous_id, previous_at = 0, ""
        for entry_id, at in self.db.conn.execute("SELECT id, at FROM audit_log ORDER BY id"):
            if at < previous_at:
                problems.append(
                    f"audit log entry {entry_id} is dated {at}, before entry {previous_id} "
                    f"({previous_at}): entries were inserted out of order"
                )
            previous_id, previous_at = entry_id, at
        return problems

    def _place_rules(self) -> list[str]:
        """Places: one winner, only active nominations, no round after the decision, no winner
        chosen from a tie without a reason."""
        problems: list[str] = []
        for slug, count in self.db.conn.execute(
            "SELECT c.slug, count(*) FROM winners w JOIN competitions c ON c.id = w.competition_id"
            " WHERE w.place = 'winner' GROUP BY c.id HAVING count(*) > 1"
        ):
            problems.append(f"{slug} has {count} winners")
        for slug, nomination, place, status in self.db.conn.execute(
            "SELECT c.slug, n.id, w.place, n.status FROM winners w JOIN nominations n "
            "ON n.id = w.nomination_id JOIN competitions c ON c.id = w.competition_id "
            "WHERE n.status != 'active'"
        ):
            problems.append(
                f"{slug}: nomination {nomination} holds the place {place} but is {status}"
            )
        for slug, number in self.db.conn.execute(
            "SELECT c.slug, r.number FROM rounds r JOIN competitions c ON c.id = r.competition_id "
            "WHERE r.opened_at > (SELECT min(declared_at) FROM winners w "
            "WHERE w.competition_id = r.competition_id)"
        ):
            problems.append(f"{slug}: round {number} was opened after places were declared")
        for slug, nomination in self.db.conn.execute(
            "SELECT c.slug, w.nomination_id FROM winners w JOIN competitions c "
            "ON c.id = w.competition_id JOIN rounds r ON r.competition_id = c.id AND r.number = "
            "(SELECT max(number) FROM rounds WHERE competition_id = c.id) "
            "JOIN round_results rr ON rr.round_id = r.id AND rr.nomination_id = w.nomination_id "
            "WHERE w.place = 'winner' AND rr.rank = 1 AND rr.tied = 1 "
            "AND (w.override_reason IS NULL OR w.override_reason = '')"
        ):
            problems.append(
                f"{slug}: winner {nomination} was chosen from a tie for first place with no "
                "reason recorded"
            )
        return problems

    def _round_rules(self) -> list[str]:
        """Each round: scores on the scale from assigned jurors, and a closed round's frozen
        ranking equal to what its scores give."""
        import json
        import math

        from awards.errors import InvalidValue
        from awards.models import Criterion
        from awards.ranking import tie_break_keys

        problems: list[str] = []
        for c in self.competitions.all():
            conflicted = self.jury.conflicted_pairs(c["id"])
            for r in self.rounds.rounds(c["id"]):
                where = f"{c['slug']} round {r['number']}"
                criteria = {k.key: k for k in self.rounds.round_criteria(r)}
                assigned = set(
                    self.db.conn.execute(
                        "SELECT juror_id, nomination_id FROM assignments WHERE round_id = ?",
                        (r["id"],),
                    ).fetchall()
                )
                for juror_id, nomination_id, criterion, value in self.db.conn.execute(
                    "SELECT juror_id, nomination_id, criterion, value FROM scores "
                    "WHERE round_id = ?",
                    (r["id"],),
                ):
                    cell = f"{where}: score juror {juror_id} nomination {nomination_id} {criterion}"
                    if r["kind"] == "jury":
                        if juror_id is None:
                            problems.append(f"{cell} has no juror")
                        elif (juror_id, nomination_id) not in assigned:
                            problems.append(f"{cell} is for an unassigned pair")
                        # Conflicts are checked as scores come in. A conflict declared (or an
                        # employer changed) after a round closed does not undo that round.
                        if r["status"] == "open" and (juror_id, nomination_id) in conflicted:
                            problems.append(f"{cell} is from a juror in conflict")
                    elif juror_id is not None:
                        problems.append(f"{cell}: a self-assessment score with a juror")
                    criterion_def = criteria.get(criterion)
                    if criterion_def is None:
                        problems.append(f"{cell}: unknown criterion")
                        continue
                    try:
                        criterion_def.check(value)
                    except InvalidValue as exc:
                        problems.append(f"{cell}: {exc}")
                if r["status"] == "closed":
                    stored = {
                        row["nomination_id"]: row
                        for row in self.db.rows(
                            "SELECT nomination_id, rank, score, by_criterion FROM round_results "
                            "WHERE round_id = ?",
                            (r["id"],),
                        )
                    }
                    tie_break = tie_break_keys(r["tie_break"])
                    fresh = self.rankings.compute_round_ranking(r, tie_break=tie_break)
                    if len(fresh) != len(stored):
                        problems.append(
                            f"{where}: the frozen ranking has {len(stored)} rows, "
                            f"the scores give {len(fresh)}"
                        )
                    for row in fresh:
                        old = stored.get(row.nomination)
                        if old is None:
                            continue
                        same_score = (old["score"] is None and row.score is None) or (
                            old["score"] is not None
                            and row.score is not None
                            and math.isclose(old["score"], row.score, rel_tol=1e-12, abs_tol=1e-12)
                        )
                        if old["rank"] != row.rank or not same_score:
                            problems.append(
                                f"{where}: nomination {row.nomination} was frozen at rank "
                                f"{old['rank']} (score {old['score']}) but its scores now give "
                                f"rank {row.rank} (score {row.score}): scores changed after close"
                            )
                            continue
                        frozen_values = json.loads(old["by_criterion"] or "{}")
                        moved = [
                            key
                            for key in set(frozen_values) | set(row.by_criterion)
                            if key not in frozen_values
                            or key not in row.by_criterion
                            or not math.isclose(
                                frozen_values[key], row.by_criterion[key], rel_tol=1e-12,
                                abs_tol=1e-12,
                            )
                        ]  # fmt: skip
                        if moved:
                            # Moving points from one criterion to another keeps every total.
                            problems.append(
                                f"{where}: nomination {row.nomination}'s values on "
                                f"{', '.join(sorted(moved))} differ from the frozen ones: scores "
                                "changed after close"
                            )
                if r["frozen_criteria"]:
                    try:
                        [Criterion(**x) for x in json.loads(r["frozen_criteria"])]
                    except (TypeError, ValueError):
                        problems.append(f"{where}: its frozen criteria are unreadable")
        return problems

    def outside_changes(self, *, quick: bool = False) -> list[str]:
        """What was changed outside awards (schema, audit chain, seals; see db/tamper.py)."""
        from .tamper import tamper_problems

        return tamper_problems(self.db.conn, quick=quick)

    def refuse_if_changed_outside(self) -> None:
        """Before a public document: refuse while an edit outside awards is unaccepted."""
        from awards.errors import WrongState

        found = self.outside_changes(quick=True)
        if found:
            raise WrongState(
                f"the database was changed outside awards ({len(found)} finding(s), first: "
                f"{found[0]}); see `awards db check`, and once you have looked, accept it with "
                "`awards db check --accept`"
            )

    def accept_outside_changes(self) -> list[str]:
        """Re-seal the current state as accepted (audited); return what was accepted. The
        schema cannot be accepted: a foreign trigger or view would go on acting."""
        from awards.errors import WrongState

        from . import tamper
        from .base import utc_now

        conn = self.db.conn
        with self.db.transaction():
            schema = tamper.schema_problems(conn)
            if schema:
                raise WrongState(
                    f"the file's schema is not awards' own ({len(schema)} object(s), first: "
                    f"{schema[0]}); that cannot be accepted: restore a backup, or remove "
                    "them (see `awards db check`)"
                )
            chain, first = tamper.chain_problems(conn)
            seals, keys = tamper.seal_problems(conn)
            found = chain + tamper.audit_head_problems(conn) + seals
            if not found:
                return []
            if first is not None:
                conn.execute(
                    "INSERT OR REPLACE INTO settings (key, value) VALUES ('purging', 'accept')"
                )
                tamper.rechain(conn, first)
                conn.execute("DELETE FROM settings WHERE key = 'purging'")
            tamper.seal(conn, sorted(keys), utc_now())
            self.db.tampered = {}  # the audit log's end is re-sealed at commit
            self.db.audit(
                "db.accept",
                entity="database",
                after={"accepted": found, "count": len(found)},
                note="changes made outside awards, accepted by the coordinator",
            )
        return found
