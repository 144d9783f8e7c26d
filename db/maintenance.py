"""The status overview, the audit trail and backups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from awards.rows import AuditEntry, CompetitionOverview, CompetitionStatus

from .base import StoreBase

if TYPE_CHECKING:
    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations
    from .rankings import Rankings
    from .rounds import Rounds


class Maintenance:
    """The status overview, the audit trail and backups."""

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

    def log(self, slug: str | None = None, limit: int = 50) -> list[AuditEntry]:
        """The audit trail, newest first; of one competition when `slug` is given."""
        if slug is not None:
            self.competitions.get(slug)  # raises NotFound
            rows = self.db.rows(
                "SELECT * FROM audit_log WHERE competition = ? ORDER BY id DESC LIMIT ?",
                (slug, limit),
            )
        else:
            rows = self.db.rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
        return cast(list[AuditEntry], rows)

    def holds_data(self) -> bool:
        """Whether anything was ever written: a competition, or any entry in the audit log."""
        return bool(
            self.db.value("SELECT EXISTS (SELECT 1 FROM competitions)")
            or self.db.value("SELECT EXISTS (SELECT 1 FROM audit_log)")
        )

    def overview(self, year: int | None = None) -> list[CompetitionOverview]:
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
        result: list[CompetitionOverview] = []
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

    def status_overview(self, year: int | None = None) -> list[CompetitionStatus]:
        """The overview plus what `awards status` needs to say what to do next."""
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
        rows: list[CompetitionStatus] = []
        for overview in self.overview(year):
            row: CompetitionStatus = {
                **overview,
                "organizer_contact": contact,
                "exported": exported.get(overview["slug"], set()),
                "missing": 0,
                "missing_by_juror": [],
            }
            rows.append(row)
            last = row["last_round"]
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
