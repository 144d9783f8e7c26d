"""Rankings and the panel analysis of a round, each kept in a cache while nothing they
rest on has changed."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from awards.errors import WrongState
from awards.ranking import (
    METHODS,
    RankedRow,
    RoundRanking,
    RoundTable,
    mark_close,
    method_named,
    ranking_flags,
)
from awards.rows import RoundRow

from .base import StoreBase

# The panel analysis's own shape: a cached analysis of an older shape is computed anew.
PANEL_V = 2
# The same for the method check under the ranking.
NOTE_V = 1

if TYPE_CHECKING:
    from awards.panel import MethodNote, PanelAnalysis

    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations
    from .rounds import Rounds
    from .scores import Scores


class Rankings:
    """Rankings and the panel analysis of a round, each kept in a cache while nothing they
    rest on has changed."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        nominations: Nominations,
        jury: Jury,
        rounds: Rounds,
        scores: Scores,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury
        self.rounds = rounds
        self.scores = scores
        # The last round table a live ranking made, with the inputs it rests on: a panel
        # analysis of the same round in the same process (the jury report, `ranking`'s method
        # check) starts from it instead of loading and restating the scores again.
        self._last_table: tuple[int, str, RoundTable] | None = None
        # The last `_round_inputs`, with what it was read for and the file's version then: the
        # jury report asks for them four times, and at 20,000 candidates each is 0.07 s.
        self._last_inputs: tuple[tuple[Any, ...], tuple[int, int], str] | None = None

    def _expected_jurors(self, round_row: RoundRow) -> dict[int, list[str]]:
        expected: dict[int, list[str]] = defaultdict(list)
        if round_row["kind"] == "self-assessment":
            for (nomination,) in self.db.conn.execute(
                "SELECT nomination_id FROM round_nominations WHERE round_id = ?", (round_row["id"],)
            ):
                expected[nomination].append("")
        else:
            # Each juror's email shared, as the scores' are (Scores.score_rows): a national
            # round has 100,000 assignments and 40 jurors.
            emails = self.jury.emails_by_id()
            for juror, nomination in self.db.conn.execute(
                "SELECT juror_id, nomination_id FROM assignments WHERE round_id = ?",
                (round_row["id"],),
            ):
                email = emails.get(juror)
                if email is not None:  # as the join it replaces: no juror row, no expectation
                    expected[nomination].append(email)
        return expected

    def compute_round_ranking(
        self,
        round_row: RoundRow,
        method: str | None = None,
        tie_break: Sequence[str] = (),
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
            self.rounds.round_criteria(round_row),
            self.scores.score_rows(round_row["id"]),
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
            entries = self.scores.score_entries(round_id)
        entries = [e for e in entries if e.nomination in wanted]
        by_nomination: dict[int, dict[str, float]] = defaultdict(dict)
        for juror, per in juror_totals(criteria, entries).items():
            for n, total in per.items():
                by_nomination[n][juror] = total
        found = {n: furthest_juror(by_nomination[n]) for n in wanted if by_nomination.get(n)}
        return {n: juror for n, juror in found.items() if juror is not None}

    def _live_ranking(
        self, slug: str, current: RoundRow, method: str | None, tie_break: Sequence[str]
    ) -> list[RankedRow]:
        """An open round's ranking rows, each disagreement with its furthest juror; from the
        cache while nothing it rests on has changed (`_round_inputs`)."""
        inputs = self._round_inputs(slug, current)
        state = json.dumps([inputs, method or current["method"], list(tie_break)])

        def compute() -> list[RankedRow]:
            from awards.panel import furthest_juror

            table = self.round_table(slug, current, inputs)
            rows = []
            for ranked in table.rows(method or current["method"], tie_break):
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
        current = self.rounds.round(slug, number)
        # Plain tuples: a national round's 20,000 names as dicts were 0.03 s of `ranking`.
        names = {
            nomination: (nominee, organization)
            for nomination, nominee, organization in self.db.conn.execute(
                "SELECT n.id, n.nominee, n.organization FROM nominations n "
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
                    current["id"], self.rounds.round_criteria(current), unnamed
                )
                for row in rows:
                    row["furthest_juror"] = row.get("furthest_juror") or furthest.get(
                        row["nomination"]
                    )
        else:
            rows = self._live_ranking(slug, current, method, tie_break)
        criteria = self.rounds.round_criteria(current)
        mark_close(rows, criteria, METHODS[method or current["method"]])
        for row in rows:
            row["flags"] = ranking_flags(row)
            # Every row of a round is a nomination of that round (round_nominations).
            row["nominee"], row["organization"] = names[row["nomination"]]
        return {
            "round": current,
            "method": method or current["method"],
            "frozen": frozen,
            "criteria": criteria,
            "rows": rows,
        }

    def round_table(self, slug: str, current: RoundRow, inputs: str | None = None) -> RoundTable:
        """A round's `RoundTable`, grouped from the scores as they are read (no list of them
        is kept); the one made last is kept while the round's inputs (`_round_inputs`) stay
        as they were."""
        inputs = inputs or self._round_inputs(slug, current)
        kept = self.kept_table(slug, current, inputs)
        if kept is not None:
            return kept
        nominations = [
            row[0]
            for row in self.db.conn.execute(
                "SELECT nomination_id FROM round_nominations WHERE round_id = ?", (current["id"],)
            )
        ]
        scores, jurors = self.scores.score_cursor(current["id"])
        table = RoundTable(
            self.rounds.round_criteria(current),
            scores,
            nominations,
            self._expected_jurors(current),
            jurors,
        )
        self._last_table = (current["id"], inputs, table)
        return table

    def kept_table(
        self, slug: str, current: RoundRow, inputs: str | None = None
    ) -> RoundTable | None:
        """The round table kept from this process's last live ranking of `current`, if the
        round's inputs have not changed since."""
        last = self._last_table
        if last is None or last[0] != current["id"]:
            return None
        if last[1] != (inputs or self._round_inputs(slug, current)):
            return None
        return last[2]

    def drop_kept_table(self) -> None:
        """Let go of the round table kept for the panel (`kept_table`): at 20,000 candidates it
        is about 140 MB of cells, which a caller that has its rows and analysis, and is about
        to build a document from them, should not hold while it does."""
        self._last_table = None

    def method_note(self, slug: str, number: int | None = None) -> list[MethodNote]:
        """`awards.panel.method_note` of a round, from the cache while nothing it rests on has
        changed (`_round_inputs`), else from the table its ranking just made when there is
        one."""
        from awards.panel import method_note

        current = self.rounds.round(slug, number)
        inputs = self._round_inputs(slug, current)
        state = json.dumps([inputs, current["method"], NOTE_V])

        def compute() -> list[MethodNote]:
            table = self.round_table(slug, current, inputs)  # as in `panel_analysis`
            return method_note(self.panel_round(slug, number, table=table), table=table)

        notes: list[MethodNote] = self.db.cached(
            "method_note_cache", "notes", current["id"], state, compute
        )
        return notes

    def panel_round(
        self, slug: str, number: int | None = None, *, table: RoundTable | None = None
    ) -> Any:
        """A round's scores arranged for the panel statistics (`awards.panel.PanelRound`). The
        cut is the shortlist recorded from it, if any. `table`: the round's table kept from its
        ranking, which the analysis then reads instead of the entries (left empty) and which
        already holds the expected jurors."""
        from awards.panel import PanelRound

        current = self.rounds.round(slug, number)
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
        criteria = self.rounds.round_criteria(current)
        return PanelRound(
            number=current["number"],
            method=current["method"],
            criteria=criteria,
            entries=self.scores.score_entries(current["id"]) if table is None else [],
            nominations=[n["id"] for n in nominations],
            expected=self._expected_jurors(current) if table is None else table.expected or {},
            names=names,
            nominees=self._nominee_names(current["id"]),
            tie_break=current["tie_break_keys"],
            cut=advanced or None,
            self_assessed=self._self_assessed_totals(current, criteria),
        )

    def _self_assessed_totals(
        self, current: RoundRow, criteria: Sequence[Any]
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
        for e in self.scores.score_entries(before["id"]):
            if e.criterion in by_key:
                totals[e.nomination].append(by_key[e.criterion].normalized(e.value))
        return {n: math.fsum(points) for n, points in totals.items()}

    def refuse_self_assessment(self, slug: str, current: RoundRow) -> None:
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
        current = self.rounds.round(slug, number)
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

    def _round_inputs(self, slug: str, current: RoundRow) -> str:
        """What a round's ranking and panel analysis rest on, in brief, read from the file
        itself rather than from any convention of the writers: the round's score counter (a
        trigger counts every edit of its scores, by awards or by anyone with the file), its
        nominations and shortlist, its assignments, the jury's and the nominees' names. Writes
        elsewhere (places, consent, a recorded export, other competitions) leave both caches
        warm; criteria cannot change once a round is open."""
        import hashlib

        # Read before the inputs: a commit in between moves it, and they are read again.
        version = self.db.file_version()
        asked = (slug, current["id"], current["status"], current["closed_at"])
        last = self._last_inputs
        if last is not None and last[0] == asked and last[1] == version:
            return last[2]
        found = self.db.conn.execute(
            "SELECT "
            "(SELECT group_concat(nomination_id || ':' || advanced) FROM (SELECT nomination_id, "
            " advanced FROM round_nominations WHERE round_id = :round ORDER BY nomination_id)), "
            "(SELECT group_concat(email || '=' || name, ';') FROM (SELECT j.email, j.name "
            " FROM jury_members m JOIN jurors j ON j.id = m.juror_id JOIN competitions c "
            " ON c.id = m.competition_id WHERE c.slug = :slug ORDER BY j.email)), "
            "(SELECT group_concat(id || '=' || nominee, ';') FROM (SELECT n.id, n.nominee "
            " FROM round_nominations rn JOIN nominations n ON n.id = rn.nomination_id "
            " WHERE rn.round_id = :round ORDER BY rn.nomination_id)), "
            "(SELECT group_concat(juror_id || ':' || nomination_id) FROM (SELECT juror_id, "
            " nomination_id FROM assignments WHERE round_id = :round "
            " ORDER BY juror_id, nomination_id))",
            {"round": current["id"], "slug": slug},
        ).fetchone()
        counter = self.db.round_change_counter(current["id"])
        state = (current["status"], current["closed_at"], counter, *found)
        inputs = hashlib.sha256(repr(state).encode()).hexdigest()
        self._last_inputs = (asked, version, inputs)
        return inputs

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
        current = self.rounds.round(slug, number)
        self.refuse_self_assessment(slug, current)
        state = json.dumps(
            [self._round_inputs(slug, current), cut, samples, seed, current["method"], PANEL_V]
        )

        def compute() -> PanelAnalysis:
            # The table the ranking just made in this process, or one grouped straight from
            # the store's cursor (no list of 500,000 entries first), kept for what follows.
            table = self.round_table(slug, current)
            panel_round = self.panel_round(slug, current["number"], table=table)
            if cut is not None:
                panel_round = panel_round._replace(cut=cut)
            return analyse(panel_round, samples=samples, seed=seed, table=table)

        result: PanelAnalysis = self.db.cached(
            "panel_cache", "analysis", current["id"], state, compute
        )
        return result


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
