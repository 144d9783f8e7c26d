"""Status overview, integrity checks, backups and the privacy purge."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import StoreBase

if TYPE_CHECKING:
    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations
    from .rankings import Rankings
    from .rounds import Rounds


class Maintenance:
    """The status overview, the audit trail, integrity checks, backups and the privacy purge."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        nominations: Nominations,
        jury: Jury,
        rounds: Rounds,
        rankings: Rankings,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury
        self.rounds = rounds
        self.rankings = rankings

    def log(self, slug: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """The audit trail, newest first; of one competition when `slug` is given."""
        if slug is not None:
            self.competitions.get(slug)  # raises NotFound
            return self.db.rows(
                "SELECT * FROM audit_log WHERE competition = ? ORDER BY id DESC LIMIT ?",
                (slug, limit),
            )
        return self.db.rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))

    def holds_data(self) -> bool:
        """Whether anything was ever written: a competition, or any entry in the audit log."""
        return bool(
            self.db.value("SELECT EXISTS (SELECT 1 FROM competitions)")
            or self.db.value("SELECT EXISTS (SELECT 1 FROM audit_log)")
        )

    def overview(self, year: int | None = None) -> list[dict[str, Any]]:
        """Per competition: counts and round progress, in a handful of set-based queries."""
        competitions = self.competitions.all(year)
        if not competitions:
            return []
        counts = {
            row["competition_id"]: row
            for row in self.db.rows(
                "SELECT competition_id, "
                "sum(status = 'active') AS active, sum(status = 'ineligible') AS ineligible, "
                "sum(status = 'withdrawn') AS withdrawn, sum(status = 'merged') AS merged, "
                "count(*) AS total, sum(status = 'active' AND "
                "coalesce(trim(organization), '') = '') AS without_organization "
                "FROM nominations GROUP BY competition_id"
            )
        }
        jury = {
            row[0]: row[1]
            for row in self.db.conn.execute(
                "SELECT competition_id, count(*) FROM jury_members GROUP BY competition_id"
            )
        }
        chairs = {
            row[0]
            for row in self.db.conn.execute(
                "SELECT competition_id FROM jury_members WHERE role = 'chair'"
            )
        }
        last_rounds = {
            row["competition_id"]: row
            for row in self.db.rows(
                "SELECT r.* FROM rounds r WHERE r.number = (SELECT max(number) FROM rounds "
                "WHERE competition_id = r.competition_id)"
            )
        }
        round_counts = {
            row[0]: row[1]
            for row in self.db.conn.execute(
                "SELECT competition_id, count(*) FROM rounds GROUP BY competition_id"
            )
        }
        places = {}
        for row in self.db.rows(
            "SELECT competition_id, sum(place = 'winner') AS winners, count(*) AS places "
            "FROM winners GROUP BY competition_id"
        ):
            places[row["competition_id"]] = row
        result = []
        for c in competitions:
            n = counts.get(c["id"], {})
            result.append(
                {
                    **c,
                    "active": n.get("active") or 0,
                    "ineligible": n.get("ineligible") or 0,
                    "withdrawn": n.get("withdrawn") or 0,
                    "merged": n.get("merged") or 0,
                    "without_organization": n.get("without_organization") or 0,
                    "jurors": jury.get(c["id"], 0),
                    "has_chair": c["id"] in chairs,
                    "rounds": round_counts.get(c["id"], 0),
                    "last_round": last_rounds.get(c["id"]),
                    "winners": (places.get(c["id"]) or {}).get("winners") or 0,
                    "places": (places.get(c["id"]) or {}).get("places") or 0,
                }
            )
        return result

    def status_overview(self, year: int | None = None) -> list[dict[str, Any]]:
        """The overview plus what `awards status` needs to say what to do next."""
        rows = self.overview(year)
        contact = bool(self.db.value("SELECT contact FROM organizer WHERE id = 1"))
        # The documents written since the places were last changed: a release made before
        # another winner or mention was declared (or one taken back) is out of date.
        exported: dict[str, set[str]] = {}
        for slug, kind in self.db.conn.execute(
            "SELECT DISTINCT e.competition, e.entity_id FROM audit_log e "
            "WHERE e.action = 'export' AND e.id > coalesce((SELECT max(w.id) FROM audit_log w "
            "WHERE w.competition = e.competition "
            "AND w.action IN ('winner.declare', 'winner.remove')), 0)"
        ):
            exported.setdefault(slug, set()).add(kind)
        for row in rows:
            row["organizer_contact"] = contact
            row["exported"] = exported.get(row["slug"], set())
            last = row["last_round"]
            row["missing"] = 0
            row["missing_by_juror"] = []
            if last is None:
                if row["active"] and row["active"] <= 5000:
                    row["likely_duplicates"] = any(
                        g["strength"] == "likely" for g in self.nominations.duplicates(row["slug"])
                    )
                continue
            if last["status"] == "open":
                progress = self.rounds.round_progress(row["slug"], last["number"])
                row["missing"] = sum(p["missing"] for p in progress)
                row["missing_by_juror"] = [
                    (p["juror"], p["missing"]) for p in progress if p["missing"]
                ]
                continue
            row["shortlist"] = [
                r[0]
                for r in self.db.conn.execute(
                    "SELECT nomination_id FROM round_nominations "
                    "WHERE round_id = ? AND advanced = 1",
                    (last["id"],),
                )
            ]
            top = [
                r[0]
                for r in self.db.conn.execute(
                    "SELECT nomination_id FROM round_results WHERE round_id = ? AND rank = 1 "
                    "ORDER BY nomination_id",
                    (last["id"],),
                )
            ]
            row["top_tied"] = top if len(top) > 1 else []
            row["top"] = top[0] if len(top) == 1 else None
        return rows

    # ---- integrity ---------------------------------------------------------------------------

    def check(self) -> list[str]:
        """SQLite's own checks plus the tool's invariants; an empty list means sound."""
        import sqlite3

        try:
            return self._check()
        except sqlite3.DatabaseError as exc:
            return [f"the file is damaged: {exc}"]

    def _check(self) -> list[str]:
        import json
        import math

        from awards.errors import InvalidValue
        from awards.models import Criterion

        problems = [
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
        if any("awards schema" in p for p in problems):
            return problems  # foreign views or triggers: the rest would read through them
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
                    tie_break = (r["tie_break"] or "").split(",") if r["tie_break"] else []
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
        # Scores in a closed round from a juror found in conflict after it closed.
        problems += self.jury.check_conflicts_after_close()
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

    def backup(self, target: Any) -> int:
        """SQLite's online backup to `target` (written to a temporary file, checked, then moved
        into place, so a half-written backup never carries the final name)."""
        import os
        import sqlite3
        from pathlib import Path

        from awards.errors import AwardsError

        target = Path(target)
        if target.resolve() == Path(self.db.path).resolve():
            raise AwardsError("the backup cannot overwrite the database itself")
        if not target.parent.exists():
            raise AwardsError(f"folder {target.parent} does not exist")
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(partial)
        try:
            self.db.conn.backup(copy, pages=1024)
            copy.execute("PRAGMA journal_mode = DELETE")
            pages = copy.execute("PRAGMA page_count").fetchone()[0]
            result = copy.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            copy.close()
        if result != "ok":
            partial.unlink(missing_ok=True)
            raise AwardsError(f"the backup failed its integrity check ({result})")
        os.replace(partial, target)
        return int(pages)

    # ---- privacy ---------------------------------------------------------------------------

    def purge_personal_data(self, year: int) -> dict[str, int]:
        """Remove nominators' personal data (names, emails, reasoning texts and other free-text
        evidence) from a finished year, keeping candidates, scores, results and citations.

        The audit log's copies of those fields are redacted too: the one change to the log the
        tool ever makes, allowed by the `purging` setting inside this transaction only."""
        import json

        from awards.errors import WrongState

        competitions = self.competitions.all(year)
        if not competitions:
            raise WrongState(f"no competitions in {year}")
        unfinished = [c["slug"] for c in competitions if c["status"] != "decided"]
        if unfinished:
            raise WrongState(
                f"{year} is not finished: {', '.join(unfinished)} has no winner yet; "
                "purge only after the winners are announced"
            )
        ids = [c["id"] for c in competitions]
        slugs = [c["slug"] for c in competitions]
        marks = ",".join("?" * len(ids))
        personal = ("nominator", "nominator_email", "reason", "extra")
        # What must be gone from the file's bytes afterwards (long enough not to occur by chance).
        removed = [
            text
            for row in self.db.conn.execute(
                f"SELECT nominator_email, reason FROM nominations WHERE competition_id IN "
                f"({marks})",
                ids,
            )
            for text in row
            if text and len(text) >= 8
        ]
        self._alone()
        # Overwrite freed pages with zeros so the removed text does not linger in the file.
        self.db.conn.execute("PRAGMA secure_delete = ON")
        with self.db.transaction():
            nominations = self.db.value(
                f"SELECT count(*) FROM nominations WHERE competition_id IN ({marks}) AND "
                "(nominator IS NOT NULL OR nominator_email IS NOT NULL OR reason IS NOT NULL "
                "OR extra IS NOT NULL)",
                ids,
            )
            self.db.conn.execute(
                f"UPDATE nominations SET nominator = NULL, nominator_email = NULL, reason = NULL, "
                f"extra = NULL WHERE competition_id IN ({marks})",
                ids,
            )
            from .tamper import chain_problems, rechain

            if chain_problems(self.db.conn)[0]:
                raise WrongState(
                    "the audit log was changed outside awards; see `awards db check` and accept "
                    "it (`awards db check --accept`) before purging"
                )
            self.db.conn.execute("INSERT INTO settings (key, value) VALUES ('purging', '1')")
            redacted = 0
            first_redacted = None
            slug_marks = ",".join("?" * len(slugs))
            for entry_id, before, after in self.db.conn.execute(
                f"SELECT id, before, after FROM audit_log WHERE competition IN ({slug_marks})",
                slugs,
            ).fetchall():
                new_values = [
                    _redact(json.loads(v), personal) if v else None for v in (before, after)
                ]
                new_texts = [
                    json.dumps(v, ensure_ascii=False, sort_keys=True) if v is not None else None
                    for v in new_values
                ]
                if new_texts != [before, after]:
                    redacted += 1
                    if first_redacted is None or entry_id < first_redacted:
                        first_redacted = entry_id
                    self.db.conn.execute(
                        "UPDATE audit_log SET before = ?, after = ? WHERE id = ?",
                        (*new_texts, entry_id),
                    )
            if first_redacted is not None:
                # The redacted entries' hashes, and every later one's, follow their new content.
                rechain(self.db.conn, first_redacted)
            self.db.conn.execute("DELETE FROM settings WHERE key = 'purging'")
            self.db.audit(
                "privacy.purge",
                entity="year",
                entity_id=year,
                after={"competitions": slugs, "nominations": nominations, "log_entries": redacted},
            )
        self._write_out(removed)
        return {"nominations": int(nominations or 0), "log_entries": redacted}

    def _alone(self) -> None:
        """Refuse unless this is the only connection to the file. A reader elsewhere would keep
        the old pages, personal data included, in the main file until a checkpoint it allows.
        In exclusive locking mode a WAL connection must hold the file's EXCLUSIVE lock, which
        it cannot get while any other connection has the file open (see awards.db.restore)."""
        import sqlite3

        from awards.errors import WrongState

        conn = self.db.conn
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
            conn.execute("BEGIN EXCLUSIVE")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.execute("PRAGMA locking_mode = NORMAL")
            if "locked" in str(exc) or "busy" in str(exc):
                raise WrongState(
                    f"{self.db.path} is open in another program (another awards command or a "
                    "database tool); close it and run the purge again, so the removed text "
                    "leaves the file at once"
                ) from None
            raise
        finally:
            conn.execute("PRAGMA busy_timeout = 30000")

    def _write_out(self, removed: list[str]) -> None:
        """Checkpoint the WAL into the main file, truncate it, and check the bytes: none of the
        removed texts may remain anywhere in the file. VACUUM rewrites it when they do."""
        from awards.errors import AwardsError

        conn = self.db.conn
        for attempt in range(2):
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            with open(self.db.path, "rb") as handle:
                data = handle.read()
            lingering = [t for t in removed if t.encode() in data]
            if not busy and not lingering:
                return
            if attempt == 0:
                conn.execute("VACUUM")
        raise AwardsError(
            "the personal data is removed from the records, but the database file still holds "
            f"{len(lingering)} of the removed texts; run `awards privacy purge` again"
        )


def _redact(value: Any, keys: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {
            k: ("[purged]" if k in keys and v is not None else _redact(v, keys))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact(v, keys) for v in value]
    return value
