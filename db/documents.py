"""What each document needs, gathered in a few queries and returned as plain dicts."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from awards.text import fold, organization_key

from .base import StoreBase

if TYPE_CHECKING:
    from .competitions import Competitions
    from .judging import Judging
    from .jury import Jury
    from .nominations import Nominations
    from .winners import Winners


class Documents:
    """What each document needs, read in a few queries and returned as the domain's view types."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        nominations: Nominations,
        jury: Jury,
        judging: Judging,
        winners: Winners,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury
        self.judging = judging
        self.winners = winners

    def public_places(self, slug: str) -> list[dict[str, Any]]:
        """Declared places that may be named publicly, winner first."""
        from awards.publication import may_be_named

        competition = self.competitions.get(slug)
        return [
            w
            for w in self.winners.all(slug=slug)
            if may_be_named(competition["category"], w["place"], w["publish"])
        ]

    def announcement_data(self, slug: str) -> dict[str, Any]:
        competition = self.competitions.get(slug)
        return {
            "competition": competition,
            "jury": self.jury.members(slug),
            "places": self.public_places(slug),
            "withheld": len(self.winners.all(slug=slug)) - len(self.public_places(slug)),
        }

    def participation(self, round_row: dict[str, Any]) -> list[dict[str, Any]]:
        slug = self.db.value(
            "SELECT slug FROM competitions WHERE id = ?", (round_row["competition_id"],)
        )
        return self.judging.round_progress(slug, round_row["number"])

    def report_data(self, slug: str) -> dict[str, Any]:
        competition = self.competitions.get(slug)
        rounds = []
        for r in self.judging.rounds(competition["id"]):
            ranking = self.judging.ranking(slug, r["number"])
            rounds.append(
                {
                    "round": r,
                    "ranking": ranking,
                    "participation": self.participation(r),
                }
            )
        return {
            "competition": competition,
            "jury": self.jury.members(slug),
            "rounds": rounds,
            "conflicts": self.jury.conflicts(slug),
            "places": self.winners.all(slug=slug),
        }

    def feedback_data(self, slug: str) -> list[dict[str, Any]]:
        """Per candidate judged by a jury: their last jury round's values against the field,
        comments without names, self-assessment against the verified values, earlier years."""
        competition = self.competitions.get(slug)
        rounds = self.judging.rounds(competition["id"])
        jury_rounds = [r for r in rounds if r["kind"] == "jury"]
        self_rounds = [r for r in rounds if r["kind"] == "self-assessment"]
        if not jury_rounds:
            return []
        self_values: dict[int, dict[str, float]] = {}
        if self_rounds:
            for row in self.judging.ranking(slug, self_rounds[-1]["number"])["rows"]:
                self_values[row["nomination"]] = row["by_criterion"]
        last_round_of: dict[int, dict[str, Any]] = {}
        rankings: dict[int, dict[str, Any]] = {}
        for r in jury_rounds:
            rankings[r["number"]] = self.judging.ranking(slug, r["number"])
            for row in rankings[r["number"]]["rows"]:
                last_round_of[row["nomination"]] = r
        comments: dict[int, list[str]] = defaultdict(list)
        for r in jury_rounds:
            for c in self.judging.comments(r["id"]):
                comments[c["nomination"]].append(c["comment"])
        history = self._history(competition)
        result = []
        for nomination_id, r in sorted(last_round_of.items()):
            ranking = rankings[r["number"]]
            rows = ranking["rows"]
            row = next(x for x in rows if x["nomination"] == nomination_id)
            field: dict[str, list[float]] = defaultdict(list)
            for other in rows:
                for key, value in other["by_criterion"].items():
                    field[key].append(value)
            nomination = self.nominations.get(nomination_id)
            result.append(
                {
                    "nomination": nomination,
                    "round": r,
                    "row": row,
                    "of": len(rows),
                    "criteria": ranking["criteria"],
                    "field_mean": {k: sum(v) / len(v) for k, v in field.items()},
                    "field_best": {k: max(v) for k, v in field.items()},
                    "comments": comments.get(nomination_id, []),
                    "self_assessed": self_values.get(nomination_id),
                    "history": history.get(_identity(competition["category"], nomination), []),
                }
            )
        return result

    def _history(self, competition: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
        """Earlier years of the same award: the final result of each earlier candidate, keyed by
        who they are (the organisation; for a person, the name and organisation)."""
        earlier: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in self.db.rows(
            "SELECT * FROM competitions WHERE category = ? AND year < ? ORDER BY year",
            (competition["category"], competition["year"]),
        ):
            closed = self.db.rows(
                "SELECT * FROM rounds WHERE competition_id = ? AND kind = 'jury' AND "
                "status = 'closed' ORDER BY number DESC LIMIT 1",
                (c["id"],),
            )
            if not closed:
                continue
            results = self.db.rows(
                "SELECT rr.rank, rr.score, n.nominee, n.organization FROM round_results rr "
                "JOIN nominations n ON n.id = rr.nomination_id WHERE rr.round_id = ?",
                (closed[0]["id"],),
            )
            for r in results:
                earlier[_identity(competition["category"], r)].append(
                    {"year": c["year"], "score": r["score"], "rank": r["rank"], "of": len(results)}
                )
        return earlier


def _identity(category: str, nomination: dict[str, Any]) -> str:
    if category == "customer-advisor":
        return f"{fold(nomination['nominee'])}|{organization_key(nomination['organization'])}"
    return organization_key(nomination["organization"] or nomination["nominee"])
