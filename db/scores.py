"""Scores: writing them (one transaction a file), reading them back, and taking out those
a juror in conflict gave."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import repeat
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast

from awards.errors import FileRefused, WrongState
from awards.rows import (
    ConflictedScore,
    RemovedScores,
    RoundRow,
    ScoreComment,
    ScoreListing,
    ScoresRecorded,
)
from awards.scores import RoundRules, ScoreInput, check_scores

from .base import (
    AuditJson,
    StoreBase,
    json_ids,
    json_number,
    json_text,
    of_round,
    round_scores,
    utc_now,
)
from .rounds import SELF_ASSESSMENT
from .tamper import insert_scores_counted, scores_part_of_rows

if TYPE_CHECKING:
    from awards.ranking import ScoreRow

    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations
    from .rounds import Rounds


class Scores:
    """Scores: writing them (one transaction a file), reading them back, and taking out those
    a juror in conflict gave."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        nominations: Nominations,
        jury: Jury,
        rounds: Rounds,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury
        self.rounds = rounds

    def record_scores(
        self, slug: str, scores: Sequence[ScoreInput], *, source: str, file_name: str | None = None
    ) -> ScoresRecorded:
        """Check every score against the open round and write them all, or none.

        Returns counts: added, changed, unchanged."""
        from awards.bulk import paused_gc

        # Checked and written: a key, a tuple and an audit record per score, no cycles.
        with paused_gc(), self.db.transaction():
            competition = self.competitions.get(slug)
            current = self.rounds.open_round(slug)
            criteria = {c.key: c for c in self.competitions.criteria(competition["id"])}
            jurors = {m["email"]: m["id"] for m in self.jury.members(slug)}
            in_round = {
                row[0]
                for row in self.db.conn.execute(
                    "SELECT nomination_id FROM round_nominations WHERE round_id = ?",
                    (current["id"],),
                )
            }
            # A few nominations' scores (a `score set`, one juror's sheet) read the assignments
            # and scores of those nominations only, not a national round's 100,000 and 500,000.
            touched = {s.nomination for s in scores}
            few = json_ids(touched) if len(touched) * 4 <= len(in_round) else None
            assigned = {
                (j, n)
                for j, n in self.db.conn.execute(
                    *of_round(
                        "SELECT juror_id, nomination_id FROM assignments WHERE round_id = ?",
                        current["id"],
                        few,
                    )
                )
            }
            rules = RoundRules(
                competition=slug,
                number=current["number"],
                self_assessment=current["kind"] == "self-assessment",
                criteria=criteria,
                jurors=jurors,
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
            emails = {juror_id: email for email, juror_id in jurors.items()}
            return self._write_scores(slug, current, checked, comments, source, emails, few)

    def _write_scores(
        self,
        slug: str,
        current: RoundRow,
        checked: dict[tuple[int, int, str], tuple[float, str]],
        comments: dict[tuple[int, int], str],
        source: str,
        emails: dict[int, str],
        few: str | None = None,
    ) -> ScoresRecorded:
        """`emails`: the jury's juror id -> email, for the audit record. `few`: the ids (as
        `json_ids`) of the only nominations `checked` scores, when only their scores need
        reading."""
        existing = {
            (j, n, c): (score_id, value)
            for score_id, j, n, c, value in round_scores(
                self.db.conn,
                "id, ifnull(juror_id, 0), nomination_id, criterion, value",
                current["id"],
                few,
            )
        }
        now = utc_now()
        actor = self.db.actor
        # The new cells (the checked scores' own keys: no row of their own yet) and the updates.
        fresh: list[tuple[int, int, str]] = []
        updates: list[tuple[float, str, str, int]] = []
        # The audit record's changes, each written as the JSON `audit` would write its dict
        # (keys sorted: criterion, juror, new, nomination, old), as it goes: at 500,000 scores
        # the dicts alone took 200 MB and a second to encode. Each distinct string is encoded
        # once; a float as json writes it is its repr.
        changes: list[str] = []
        quoted: dict[str, str] = {}

        def quote(text: str) -> str:
            found = quoted.get(text)
            if found is None:
                found = quoted[text] = json_text(text)
            return found

        # ... and each distinct value (a scale has a few): a float other than zero only, as
        # 0.0 and -0.0 are one key but two texts.
        numbers: dict[float, str] = {}

        def number(value: float) -> str:
            if type(value) is not float or value == 0.0:
                return json_number(value)
            found = numbers.get(value)
            if found is None:
                found = numbers[value] = json_number(value)
            return found

        for cell, (value, _) in checked.items():
            juror_id, nomination, criterion = cell
            before = existing.get(cell)
            if before is None:
                fresh.append(cell)
            elif before[1] != value:
                updates.append((value, now, actor, before[0]))
            else:
                continue
            changes.append(
                f'{{"criterion": {quote(criterion)}, '
                f'"juror": {quote(emails.get(juror_id, SELF_ASSESSMENT))}, '
                f'"new": {number(value)}, "nomination": {int(nomination)}, '
                f'"old": {"null" if before is None else number(before[1])}}}'
            )
        # The remarks first, so that the audit record is complete, and its text made before
        # the rows go in: at 500,000 scores the changes' pieces, the insert rows and SQLite's
        # page cache are each tens of MB, and holding them all at once was the import's peak.
        comment_changes = self._write_comments(current["id"], comments)
        record = None
        if changes or comment_changes:
            # In one join (a join and then a concatenation would copy the text twice).
            head, tail = '{"changes": [', f'], "comments": {int(comment_changes)}}}'
            if changes:
                changes[0] = head + changes[0]
                changes[-1] += tail
                record = AuditJson(", ".join(changes))
            else:
                record = AuditJson(head + tail)
            changes.clear()
        # In the order of the one-score-a-cell index (nomination, criterion, juror): each insert
        # then lands beside the last one instead of on a page of its own, and a ranking reads
        # the table along its rowid. A round's scores all have a juror id or none has one (a
        # self-assessment, 0), so the id compares as it is. One stable sort a field, the last
        # the most significant: each compares plain ints or strings, three times faster at
        # 500,000 cells than one sort on (nomination, criterion, juror) tuples.
        self_assessment = current["kind"] == "self-assessment"
        for field in (2, 1) if self_assessment else (0, 2, 1):
            fresh.sort(key=itemgetter(field))
        round_id = current["id"]
        # The values in the insert's order, kept for the seal (`_know_scores_part`), 4 MB; each
        # row made as it goes in (at 500,000 scores a list of them was 55 MB), by zip.
        inserted_values = list(map(itemgetter(0), map(checked.__getitem__, fresh)))
        inserts = zip(
            repeat(round_id),
            repeat(None) if self_assessment else map(itemgetter(0), fresh),
            map(itemgetter(1), fresh),
            map(itemgetter(2), fresh),
            inserted_values,
            repeat(now),
            repeat(actor),
        )

        # A round's first scores are sealed from the rows in hand (`_know_scores_part`).
        first_scores = bool(fresh) and not existing and few is None
        last_id_before = self._last_score_id() if first_scores else 0
        with self.db.page_cache_for(len(fresh) + len(updates)):
            # The audit record first, into a cache that has room for it: written after the
            # scores, its tens of MB pushed the scores' pages out of the cache one at a time
            # while its statement was open (the log's insert trigger gives it a statement
            # journal), and each of them was copied to that journal as well as to the WAL: at
            # 500,000 scores 47 MB of writes nobody read.
            if record is not None:
                self.db.audit(
                    "score.set" if source == "manual" else "score.import",
                    competition=slug,
                    entity="round",
                    entity_id=current["number"],
                    after=record,
                    note=None if source == "manual" else f"from {source}",
                )
                record = None
            insert_scores_counted(
                self.db.conn,
                "INSERT INTO scores (round_id, juror_id, nomination_id, criterion, value, "
                "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                inserts,
                len(fresh),
                round_id,
            )
            self.db.conn.executemany(
                "UPDATE scores SET value = ?, updated_at = ?, updated_by = ? WHERE id = ?", updates
            )
            if first_scores:
                self._know_scores_part(round_id, last_id_before, fresh, inserted_values)
            inserted_values.clear()
        added, changed = len(fresh), len(updates)
        fresh.clear()
        updates.clear()
        return {
            "added": added,
            "changed": changed,
            "unchanged": len(checked) - added - changed,
            "comments": comment_changes,
        }

    def _last_score_id(self) -> int:
        return int(self.db.conn.execute("SELECT ifnull(max(id), 0) FROM scores").fetchone()[0])

    def _know_scores_part(
        self,
        round_id: int,
        last_id_before: int,
        fresh: list[tuple[int, int, str]],
        values: list[float],
    ) -> None:
        """A round's first scores, just inserted in `fresh`'s order after the table's last id
        was `last_id_before`: when they took the ids that follow it, one each in their order
        (as SQLite gives a new row the last id + 1 while that is below its largest id), the
        seal's digest of them is made from the rows in hand (see `tamper.scores_part_of_rows`)
        instead of read back through SQLite at commit."""
        last = self._last_score_id()
        if last - last_id_before != len(fresh) or last >= 2**63 - 1:
            return
        part = scores_part_of_rows(self.db.conn, last_id_before + 1, fresh, values)
        if part is not None:
            self.db.know_scores_part(round_id, part)

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
    ) -> list[ScoreListing]:
        """Every score of a round (of one juror's, by email in any case), with the remark the
        juror left on that nomination."""
        current = self.rounds.round(slug, number)
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
        order = {c.key: i for i, c in enumerate(self.rounds.round_criteria(current))}
        rows = self.db.rows(sql, params)
        rows.sort(key=lambda r: (r["juror"], r["nomination"], order.get(r["criterion"], 99)))
        return cast(list[ScoreListing], rows)

    def comments(self, round_id: int) -> list[ScoreComment]:
        rows = self.db.rows(
            "SELECT c.nomination_id AS nomination, j.email AS juror, c.comment "
            "FROM score_comments c LEFT JOIN jurors j ON j.id = c.juror_id "
            "WHERE c.round_id = ? ORDER BY c.nomination_id, c.id",
            (round_id,),
        )
        return cast(list[ScoreComment], rows)

    def score_cursor(
        self, round_id: int
    ) -> tuple[Iterator[tuple[int | None, int, str, float]], dict[int | None, str]]:
        """Every score of a round straight from the cursor, (juror id, nomination, criterion,
        value), with what each juror id stands for (its email; "" for a self-assessment
        score's none): what `awards.ranking.group_scores` reads without a row made per score in
        between."""
        emails: dict[int | None, str] = {j: e for j, e in self.jury.emails_by_id().items()}
        emails[None] = ""
        rows = round_scores(self.db.conn, "juror_id, nomination_id, criterion, value", round_id)
        return rows, emails

    def score_rows(self, round_id: int) -> Iterator[ScoreRow]:
        """Every score of a round as it is read (`score_cursor`), its juror named: (juror
        email, "" in a self-assessment round; nomination; criterion; value), in `ScoreEntry`'s
        field order, without a list of them."""
        rows, emails = self.score_cursor(round_id)
        # Emails and criterion keys are few: each row points at one shared string instead of
        # a copy of its own (at 500,000 scores, 134 MB of entries down to 72 MB).
        keys: dict[str, str] = {}
        for juror, nomination, criterion, value in rows:
            yield emails[juror], nomination, keys.setdefault(criterion, criterion), value

    def score_entries(self, round_id: int) -> list[Any]:
        """Every score of a round as `ScoreEntry`, held in a list."""
        from awards.ranking import ScoreEntry

        # tuple.__new__: the rows are the fields in order, without the NamedTuple's
        # Python-level constructor.
        new = tuple.__new__
        return [new(ScoreEntry, row) for row in self.score_rows(round_id)]

    def conflicted_scores(self, round_row: RoundRow) -> list[ConflictedScore]:
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

    def remove_scores(self, slug: str, juror: str, nomination_id: int) -> RemovedScores:
        """Take one juror's scores (and remark) for one nomination out of the open round,
        audited with what they were. A pair in conflict also loses its assignment, so the round
        does not wait for scores that may not come."""
        with self.db.transaction():
            current = self.rounds.open_round(slug)
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
