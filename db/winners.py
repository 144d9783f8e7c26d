"""Winners, runners-up and honourable mentions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from awards.errors import AwardsError, InvalidValue, WrongState
from awards.models import PLACES
from awards.rows import PlaceRow, RoundRow
from awards.text import clean_text

from .base import StoreBase, utc_now

PLACE_ORDER = {place: order for order, place in enumerate(PLACES)}
# What the log records of a place: the stored columns, read back after the write.
WINNER_FIELDS = ("place", "citation", "citation_en", "override_reason")


def refuse_unplaceable(nomination: Mapping[str, Any]) -> None:
    """Only an active (not withdrawn, not ineligible, not merged) nomination can hold a place."""
    status = nomination["status"]
    if status == "active":
        return
    if status == "merged":
        raise WrongState(
            f"nomination {nomination['id']} is merged into {nomination['merged_into']}; "
            f"a place goes to the candidate, nomination {nomination['merged_into']}"
        )
    why = f" ({nomination['status_note']})" if nomination.get("status_note") else ""
    raise WrongState(
        f"nomination {nomination['id']} is {status}{why}; a {status} nomination cannot hold a place"
    )


if TYPE_CHECKING:
    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations
    from .rankings import Rankings
    from .rounds import Rounds


class Winners:
    """Declared places (winner, runner-up, mention) from the closed final round."""

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

    def final_round(self, slug: str) -> RoundRow:
        """The closed jury round that decides: the competition's last round."""
        last = self.rounds.round(slug)
        if last["status"] != "closed":
            raise WrongState(
                f"round {last['number']} of {slug} is still open; winners come from a closed "
                f"final round (`awards round close {slug}`)"
            )
        if last["kind"] != "jury":
            raise WrongState(f"round {last['number']} of {slug} is a self-assessment round")
        return last

    def declare(
        self,
        slug: str,
        nomination_id: int,
        place: str = "winner",
        citation: str | None = None,
        override_reason: str | None = None,
        citation_en: str | None = None,
    ) -> dict[str, Any]:
        if place not in PLACES:
            raise InvalidValue(f"unknown place {place!r}; choose {', '.join(PLACES)}")
        citation = clean_text(citation).strip() or None if citation else None
        citation_en = clean_text(citation_en).strip() or None if citation_en else None
        override_reason = clean_text(override_reason).strip() or None if override_reason else None
        with self.db.transaction():
            competition = self.competitions.get(slug)
            final = self.final_round(slug)
            nomination = self.nominations.in_competition(nomination_id, slug)
            refuse_unplaceable(nomination)
            results = {
                r["nomination"]: r for r in self.rankings.ranking(slug, final["number"])["rows"]
            }
            if nomination_id not in results:
                raise WrongState(
                    f"nomination {nomination_id} is not in the closed final round "
                    f"({final['number']}) of {slug}; only its nominations can be placed"
                )
            result = results[nomination_id]
            # First place among those who can hold it: a nomination withdrawn or made
            # ineligible since the round closed keeps its frozen rank but is passed over.
            active = {
                n_id
                for (n_id,) in self.db.conn.execute(
                    "SELECT n.id FROM round_nominations rn JOIN nominations n "
                    "ON n.id = rn.nomination_id WHERE rn.round_id = ? AND n.status = 'active'",
                    (final["id"],),
                )
            }
            standing = [r for r in results.values() if r["nomination"] in active]
            best = min(r["rank"] for r in standing)
            passed_over = [
                r["nomination"]
                for r in results.values()
                if r["rank"] < result["rank"] and r["nomination"] not in active
            ]
            tied_first = [r["nomination"] for r in standing if r["rank"] == best]
            if place == "winner" and len(tied_first) > 1 and not override_reason:
                raise WrongState(
                    f"{', '.join(map(str, tied_first))} are tied for first place; break the tie "
                    f"(`awards ranking {slug} --tie-break KEY`, then close with it) or say why "
                    "with --override-reason"
                )
            if place == "winner" and result["rank"] != best and not override_reason:
                raise WrongState(
                    f"nomination {nomination_id} ranks {result['rank']}, not first "
                    f"(first: {', '.join(map(str, tied_first))}); declaring it the "
                    "winner needs --override-reason"
                )
            # A conflict that came to light after the round closed: its ranking counts scores
            # from a juror now in conflict, so a place resting on it needs a stated reason.
            conflicted = [
                x
                for x in self.jury.conflicts_after_close(competition["id"])
                if x["round"] == final["number"]
                and (place == "winner" or x["nomination"] == nomination_id)
            ]
            if conflicted and not override_reason:
                raise WrongState(
                    f"round {final['number']} of {slug} counts scores from a juror now in "
                    "conflict ("
                    + "; ".join(f"{x['juror']} on nomination {x['nomination']}" for x in conflicted)
                    + "); declaring this place on that ranking needs --override-reason"
                )
            current = self.db.row(
                "SELECT * FROM winners WHERE competition_id = ? AND place = 'winner'",
                (competition["id"],),
            )
            if place == "winner" and current and current["nomination_id"] != nomination_id:
                raise WrongState(
                    f"{slug} already has a winner (nomination {current['nomination_id']}); "
                    f"declare it another place first"
                )
            notes = [f"rank {result['rank']} in round {final['number']}"]
            if passed_over:
                notes.append("passed over, no longer active: " + ", ".join(map(str, passed_over)))
            if conflicted:
                notes.append(
                    "ranking counts scores from a juror now in conflict: "
                    + "; ".join(f"{x['juror']} on {x['nomination']}" for x in conflicted)
                )
            if override_reason:
                notes.append(f"override: {override_reason}")
            _, after = self.db.audited_write(
                "winner.declare",
                table="winners",
                where={"competition_id": competition["id"], "nomination_id": nomination_id},
                fields=WINNER_FIELDS,
                write=lambda: self.db.conn.execute(
                    "INSERT INTO winners (competition_id, nomination_id, place, citation, "
                    "citation_en, override_reason, declared_at, declared_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (competition_id, nomination_id) DO UPDATE SET "
                    "place = excluded.place, citation = coalesce(excluded.citation, citation), "
                    "citation_en = coalesce(excluded.citation_en, citation_en), "
                    "override_reason = excluded.override_reason, "
                    "declared_at = excluded.declared_at, declared_by = excluded.declared_by",
                    (
                        competition["id"],
                        nomination_id,
                        place,
                        citation,
                        citation_en,
                        override_reason,
                        utc_now(),
                        self.db.actor,
                    ),
                ),
                competition=slug,
                entity="nomination",
                entity_id=nomination_id,
                note="; ".join(notes),
            )
            assert after is not None
            self.jury.keep_jury_as_declared(competition["id"])
        return {
            "nomination": nomination_id,
            "nominee": result["nominee"],
            "rank": result["rank"],
            **after,
        }

    def all(self, year: int | None = None, slug: str | None = None) -> list[PlaceRow]:
        sql = (
            "SELECT c.slug AS competition, c.category, c.year, w.place, w.nomination_id AS "
            "nomination, n.nominee, n.organization, n.title, n.publish, w.citation, w.citation_en, "
            "w.override_reason FROM winners w JOIN competitions c ON c.id = w.competition_id "
            "JOIN nominations n ON n.id = w.nomination_id"
        )
        params: list[Any] = []
        clauses = []
        if year is not None:
            clauses.append("c.year = ?")
            params.append(year)
        if slug is not None:
            self.competitions.get(slug)
            clauses.append("c.slug = ?")
            params.append(slug)
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        rows = cast(list[PlaceRow], self.db.rows(sql, params))
        rows.sort(
            key=lambda r: (r["year"], r["competition"], PLACE_ORDER[r["place"]], r["nomination"])
        )
        return rows

    def remove_place(self, slug: str, nomination_id: int) -> None:
        with self.db.transaction():
            competition = self.competitions.get(slug)
            where = {"competition_id": competition["id"], "nomination_id": nomination_id}
            if self.db.read_fields("winners", where, WINNER_FIELDS) is None:
                raise AwardsError(f"nomination {nomination_id} has no place in {slug}")
            self.db.audited_write(
                "winner.remove",
                table="winners",
                where=where,
                fields=WINNER_FIELDS,
                write=lambda: self.db.conn.execute(
                    "DELETE FROM winners WHERE competition_id = ? AND nomination_id = ?",
                    (competition["id"], nomination_id),
                ),
                competition=slug,
                entity="nomination",
                entity_id=nomination_id,
            )
            if not self.db.value(
                "SELECT 1 FROM winners WHERE competition_id = ?", (competition["id"],)
            ):
                # No longer decided: the next declaration takes the jury as it is then.
                self.jury.forget_jury_as_declared(competition["id"])
