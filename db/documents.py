"""What each document needs, read in a few set-based queries and returned complete as the
domain's view types (`awards.views`). The export commands fetch a view and hand it to a writer;
nothing here words anything: places, methods and flags stay codes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from awards.errors import WrongState
from awards.presets import PRESETS
from awards.rows import CompetitionRow, JuryMember, PlaceRecord
from awards.text import fold, organization_key

from .base import StoreBase

if TYPE_CHECKING:
    from awards.ranking import RoundRanking
    from awards.views import (
        CertificateView,
        CompetitionView,
        FeedbackView,
        PlaceView,
        ReportView,
        ResultRowView,
        ScoreSheetView,
    )

    from .competitions import Competitions
    from .jury import Jury
    from .nominations import Nominations
    from .organizer import Organizer
    from .rankings import Rankings
    from .rounds import Rounds
    from .scores import Scores
    from .winners import Winners


class Documents:
    """What each document needs, read in a few queries and returned as the domain's view types."""

    def __init__(
        self,
        db: StoreBase,
        competitions: Competitions,
        nominations: Nominations,
        jury: Jury,
        rounds: Rounds,
        scores: Scores,
        rankings: Rankings,
        winners: Winners,
        organizer: Organizer,
    ) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations
        self.jury = jury
        self.rounds = rounds
        self.scores = scores
        self.rankings = rankings
        self.winners = winners
        self.organizer = organizer

    # ---- the pieces every document shares --------------------------------------------------

    def _places(self, competition: CompetitionRow) -> list[PlaceRecord]:
        """Every declared place of a competition, winner first, in one query."""
        from .winners import PLACE_ORDER

        rows = self.db.rows(
            "SELECT w.place, w.nomination_id AS nomination, n.nominee, n.organization, n.title, "
            "n.nominee_en, n.organization_en, n.title_en, "
            "n.publish, n.status, w.citation, w.citation_en, w.override_reason FROM winners w "
            "JOIN nominations n ON n.id = w.nomination_id WHERE w.competition_id = ?",
            (competition["id"],),
        )
        rows.sort(key=lambda r: (PLACE_ORDER[r["place"]], r["nomination"]))
        return cast(list[PlaceRecord], rows)

    def _jury(self, competition: CompetitionRow) -> list[JuryMember]:
        # A decided competition's documents show the jury as it was when its winners were
        # declared; later changes to a juror's details (`juror set`) do not reach back.
        return self.jury.document_jury(competition["id"])

    def _competition_view(
        self, competition: CompetitionRow, lang: str, places: Sequence[PlaceRecord]
    ) -> CompetitionView:
        from awards.views import CompetitionView, JurorView

        preset = PRESETS[competition["category"]]
        return CompetitionView(
            slug=competition["slug"],
            category=competition["category"],
            year=competition["year"],
            title=_title(competition, lang),
            announce_date=date.fromisoformat(competition["announce_date"]),
            winner_is_person=preset.winner_is_person,
            jury=[
                JurorView(j["name"], j["organization"], j["role"], j["email"])
                for j in self._jury(competition)
            ],
            places=[_place_view(p, lang, preset.winner_is_person) for p in places],
            chair_quote=competition["chair_quote_en"]
            if lang == "en"
            else competition["chair_quote"],
        )

    def _public(
        self, competition: CompetitionRow, places: Sequence[PlaceRecord]
    ) -> list[PlaceRecord]:
        from awards.publication import may_be_named

        # A place whose nomination was later withdrawn or found ineligible is never named.
        return [
            p
            for p in places
            if p["status"] == "active"
            and may_be_named(competition["category"], p["place"], p["publish"])
        ]

    # ---- what has been sent ----------------------------------------------------------------

    def record_export(self, slugs: Sequence[str], kind: str, lang: str, path: str) -> None:
        """Remember that a document of `kind` was written for these competitions (one
        transaction, audited), so that `awards status` can move on to the next document."""
        from .base import utc_now

        with self.db.transaction():
            for slug in slugs:
                competition = self.competitions.get(slug)
                row = {"kind": kind, "lang": lang, "path": path}
                self.db.conn.execute(
                    "INSERT INTO exported_documents (competition_id, kind, lang, path, "
                    "exported_at, exported_by) VALUES (?, ?, ?, ?, ?, ?)",
                    (competition["id"], kind, lang, path, utc_now(), self.db.actor),
                )
                self.db.audit(
                    "export", competition=slug, entity="document", entity_id=kind, after=row
                )

    # ---- the documents ---------------------------------------------------------------------

    def public_places(self, slug: str) -> list[PlaceRecord]:
        """Declared places that may be named publicly, winner first."""
        competition = self.competitions.get(slug)
        return self._public(competition, self._places(competition))

    def announcement(self, slugs: Sequence[str], lang: str) -> list[CompetitionView]:
        """One view per competition of the press release: only who may be named publicly.
        Refused for a competition without a winner."""
        views = []
        for slug in slugs:
            competition = self.competitions.get(slug)
            places = self._places(competition)
            if not any(p["place"] == "winner" for p in places):
                raise WrongState(f"{slug} has no winner yet; `awards winner declare {slug}`")
            public = self._public(competition, places)
            view = self._competition_view(competition, lang, public)
            named = {p["nomination"] for p in public}
            view.withheld = [p["place"] for p in places if p["nomination"] not in named]
            views.append(view)
        return views

    def decided(self, year: int) -> list[str]:
        """The slugs of a year's competitions that have a winner."""
        slugs = [c["slug"] for c in self.competitions.all(year) if c["status"] == "decided"]
        if not slugs:
            raise WrongState(f"no competition of {year} has a winner yet")
        return slugs

    def report(
        self,
        slug: str,
        lang: str,
        generated: date | None = None,
        *,
        anonymous_jurors: bool = False,
    ) -> ReportView:
        """The jury's internal report: every round's ranking, participation, panel agreement,
        conflicts and every place (named or not). With `anonymous_jurors`, each juror is a
        letter (A, B, ... in the jury's order), for a report that goes beyond the chair."""
        from awards.ranking import METHODS, total_points
        from awards.views import (
            ConflictView,
            CriterionView,
            ParticipationView,
            RankingRowView,
            ReportView,
            RoundView,
        )

        competition = self.competitions.get(slug)
        jury = self._jury(competition)
        # A decided year's jury is the one at the decision; a juror added since (a conflict
        # declared later, say) is still named the same way in the report's tables, and given a
        # letter of their own when jurors are anonymous.
        known = {j["email"] for j in jury}
        everyone = [*jury, *(j for j in self.jury.members(slug) if j["email"] not in known)]
        names = {j["email"]: j["name"] for j in everyone}
        if anonymous_jurors:
            names = {j["email"]: _letter(i) for i, j in enumerate(everyone)}
        rounds = []
        for r in self.rounds.rounds(competition["id"]):
            ranking = self.rankings.ranking(slug, r["number"])
            criteria = ranking["criteria"]
            panel = None
            if r["kind"] == "jury" and ranking["rows"]:
                panel = self.rankings.panel_analysis(slug, r["number"])
            rounds.append(
                RoundView(
                    number=r["number"],
                    name=r["name"],
                    kind=r["kind"],
                    method=ranking["method"],
                    status=r["status"],
                    criteria=[
                        CriterionView(c.key, c.name(lang), c.weight, c.min, c.max, c.step)
                        for c in criteria
                    ],
                    rows=[
                        RankingRowView(
                            x["rank"],
                            x["nomination"],
                            x["nominee"],
                            x["organization"],
                            x["score"],
                            x["by_criterion"],
                            x["jurors"],
                            x["spread"],
                            x["flags"],
                        )
                        for x in ranking["rows"]
                    ],
                    participation=[
                        ParticipationView(
                            names.get(p["juror"]) or p.get("name") or p["juror"],
                            p["assigned"],
                            p["complete"],
                            p["missing"],
                        )
                        for p in self.rounds.round_progress(slug, r["number"])
                    ],
                    lower_is_better=METHODS[ranking["method"]].lower_is_better,
                    total_points=total_points(criteria),
                    panel=panel,
                    juror_names=names,
                    nominees={x["nomination"]: x["nominee"] for x in ranking["rows"]},
                )
            )
        # The document is built from these views alone: the round table kept for the panel
        # (a few hundred MB at national scale) is not held while it is.
        self.rankings.drop_kept_table()
        view = self._competition_view(competition, lang, self._places(competition))
        if anonymous_jurors:
            for juror in view.jury:
                juror.name, juror.organization = names[juror.email], None
        return ReportView(
            competition=view,
            rounds=rounds,
            conflicts=[
                ConflictView(
                    # Named as every other table of the report names jurors, never by email.
                    names.get(c["juror"], c["juror"]),
                    c.get("nominee") or "",
                    c["organization"],
                    c["reason"],
                    c["source"],
                )
                for c in self.jury.conflicts(slug)
            ],
            generated=generated or date.today(),
            anonymous_jurors=anonymous_jurors,
            organiser=self.organizer.get().name_in(lang),
        )

    def certificates(self, slug: str, lang: str) -> list[CertificateView]:
        """One certificate per declared place still in the competition. Consent does not
        apply: a certificate is handed to its recipient, not published."""
        from awards.views import CertificateView

        competition = self.competitions.get(slug)
        chair = next((j["name"] for j in self._jury(competition) if j["role"] == "chair"), None)
        organizer = self.organizer.get()
        person = PRESETS[competition["category"]].winner_is_person
        views = []
        for p in self._places(competition):
            if p["status"] != "active":
                continue
            place = _place_view(p, lang, person)
            views.append(
                CertificateView(
                    competition_title=_title(competition, lang),
                    year=competition["year"],
                    place=p["place"],
                    nominee=place.nominee,
                    organization=place.organization,
                    date=date.fromisoformat(competition["announce_date"]),
                    chair_name=chair,
                    organiser=organizer.name_in(lang),
                    city=organizer.city,
                    winner_is_person=person,
                    job_title=place.job_title,
                    nomination_id=p["nomination"],
                )
            )
        return views

    def results(self, slug: str, number: int | None = None) -> list[ResultRowView]:
        """A round's ranking with each row's place, naming only who may be named."""
        from awards.publication import may_be_named
        from awards.views import ResultRowView

        competition = self.competitions.get(slug)
        ranking = self.rankings.ranking(slug, number)
        places = {p["nomination"]: p["place"] for p in self._places(competition)}
        publish = dict(
            self.db.conn.execute(
                "SELECT n.id, n.publish FROM nominations n JOIN round_nominations rn "
                "ON rn.nomination_id = n.id WHERE rn.round_id = ?",
                (ranking["round"]["id"],),
            ).fetchall()
        )
        rows = []
        for r in ranking["rows"]:
            place = places.get(r["nomination"])
            named = may_be_named(competition["category"], place, publish.get(r["nomination"]))
            rows.append(
                ResultRowView(
                    rank=r["rank"],
                    nomination=r["nomination"],
                    nominee=r["nominee"] if named else None,
                    organization=r["organization"] if named else None,
                    score=r["score"],
                    by_criterion=r["by_criterion"],
                    jurors=r["jurors"],
                    spread=r["spread"],
                    tied=r["tied"],
                    place=place,
                    named=named,
                    refused=publish.get(r["nomination"]) == 0,
                )
            )
        self.rankings.drop_kept_table()  # as in `report`: the workbook is built from the rows
        return rows

    def score_sheets(self, slug: str, lang: str) -> list[ScoreSheetView]:
        """One sheet per juror of the open jury round, with the juror's nominations."""
        from awards.views import CriterionView, ScoreSheetView

        competition = self.competitions.get(slug)
        current = self.rounds.open_round(slug)
        if current["kind"] != "jury":
            raise WrongState("a self-assessment round has no jurors to send sheets to")
        criteria = self.competitions.criteria(competition["id"])
        by_juror: dict[str, list[tuple[int, str, str | None]]] = defaultdict(list)
        for a in self.rounds.assignments(slug):
            by_juror[a["juror"]].append((a["nomination"], a["nominee"], a["organization"]))
        names = {j["email"]: j["name"] for j in self._jury(competition)}
        deadline = competition["deadline"]
        return [
            ScoreSheetView(
                competition_slug=slug,
                competition_title=_title(competition, lang),
                round_number=current["number"],
                round_name=current["name"],
                juror_name=names[email],
                juror_email=email,
                criteria=[
                    CriterionView(c.key, c.name(lang), c.weight, c.min, c.max, c.step)
                    for c in criteria
                ],
                nominations=nominations,
                deadline=date.fromisoformat(deadline) if deadline else None,
            )
            for email, nominations in sorted(by_juror.items())
        ]

    def feedback(self, slug: str, lang: str) -> list[FeedbackView]:
        """Per candidate judged by a jury: their last jury round's values against the field,
        strengths and development areas, comments without names, self-assessment against the
        verified values, earlier years."""
        from awards.publication import feedback_areas, same_comments
        from awards.ranking import total_points
        from awards.views import FeedbackCriterionView, FeedbackView, HistoryView

        competition = self.competitions.get(slug)
        rounds = self.rounds.rounds(competition["id"])
        jury_rounds = [r for r in rounds if r["kind"] == "jury"]
        self_rounds = [r for r in rounds if r["kind"] == "self-assessment"]
        if not jury_rounds:
            raise WrongState(f"{slug} has no jury round yet; nothing to give feedback on")
        self_values: dict[int, dict[str, float]] = {}
        if self_rounds:
            for row in self.rankings.ranking(slug, self_rounds[-1]["number"])["rows"]:
                self_values[row["nomination"]] = row["by_criterion"]
        organiser = self.organizer.get().name_in(lang)
        person = PRESETS[competition["category"]].winner_is_person
        places = {p["nomination"]: p["place"] for p in self._places(competition)}
        last_round_of: dict[int, int] = {}
        rankings: dict[int, RoundRanking] = {}
        for r in jury_rounds:
            rankings[r["number"]] = self.rankings.ranking(slug, r["number"])
            for row in rankings[r["number"]]["rows"]:
                last_round_of[row["nomination"]] = r["number"]
        comments: dict[int, list[str]] = defaultdict(list)
        for r in jury_rounds:
            for c in self.scores.comments(r["id"]):
                comments[c["nomination"]].append(c["comment"])
        history = self._history(competition)
        identities = self._identities(competition)
        title = _title(competition, lang)
        result = []
        everyone = len(rankings[jury_rounds[0]["number"]]["rows"])
        for nomination_id, number in sorted(last_round_of.items()):
            ranking = rankings[number]
            rows = ranking["rows"]
            criteria = ranking["criteria"]
            row = next(x for x in rows if x["nomination"] == nomination_id)
            sharing = sum(1 for x in rows if x["rank"] == row["rank"])
            field: dict[str, list[float]] = defaultdict(list)
            for other in rows:
                for key, value in other["by_criterion"].items():
                    field[key].append(value)
            values = row["by_criterion"]
            share = {
                c.key: (values[c.key] - c.min) / (c.max - c.min)
                for c in criteria
                if c.key in values
            }
            means = {k: sum(v) / len(v) for k, v in field.items() if v}
            areas = feedback_areas(share, values, means, placed=nomination_id in places)
            names = {c.key: c.name(lang) for c in criteria}
            self_assessed = self_values.get(nomination_id) or {}
            result.append(
                FeedbackView(
                    competition_title=title,
                    year=competition["year"],
                    nominee=row["nominee"],
                    organization=row["organization"],
                    criteria=[
                        FeedbackCriterionView(
                            c.key,
                            c.name(lang),
                            values.get(c.key),
                            sum(field[c.key]) / len(field[c.key]) if field[c.key] else 0.0,
                            max(field[c.key]) if field[c.key] else 0.0,
                            self_assessed.get(c.key),
                            c.min,
                            c.max,
                        )
                        for c in criteria
                    ],
                    strengths=[names[k] for k in areas.strengths],
                    development=[names[k] for k in areas.development],
                    comments=same_comments(comments.get(nomination_id, [])),
                    history=[
                        HistoryView(h["year"], h["score"], h["rank"], h["of"])
                        for h in history.get(identities[nomination_id], [])
                    ],
                    rank=row["rank"],
                    of=len(rows),
                    score=row["score"],
                    total_points=total_points(criteria),
                    nomination_id=nomination_id,
                    relative=[names[k] for k in areas.relative],
                    relative_strengths=[names[k] for k in areas.relative_strengths],
                    tied_with=sharing,
                    round_number=number,
                    round_name=ranking["round"]["name"],
                    everyone=len(rows) >= everyone,
                    place=places.get(nomination_id),
                    organiser=organiser,
                    winner_is_person=person,
                )
            )
        self.rankings.drop_kept_table()  # as in `report`: the documents are built from views
        return result

    def _identities(self, competition: CompetitionRow) -> dict[int, str]:
        """Who each candidate of the competition is, across years (see `_identity`)."""
        return {
            row["id"]: _identity(competition["category"], row)
            for row in self.db.rows(
                "SELECT id, nominee, organization FROM nominations WHERE competition_id = ?",
                (competition["id"],),
            )
        }

    def _history(self, competition: CompetitionRow) -> dict[str, list[dict[str, Any]]]:
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


def _place_view(place: PlaceRecord, lang: str, winner_is_person: bool) -> PlaceView:
    """A place in the document's language. An English document takes the English job title,
    unit and organisation name where given; a Finnish job title or unit is left out rather than
    shown untranslated (an organisation's own name stays: it is a name)."""
    from awards.views import PlaceView

    if lang == "en":
        nominee = place["nominee_en"] or (
            place["nominee"] if winner_is_person or not place["organization"] else ""
        )
        organization = place["organization_en"] or place["organization"]
        job_title = place["title_en"]
        # A Finnish citation in an English release would be sent untranslated: none instead.
        citation = place["citation_en"]
    else:
        nominee, organization = place["nominee"], place["organization"]
        job_title, citation = place["title"], place["citation"]
    return PlaceView(
        place["place"],
        place["nomination"],
        nominee,
        organization,
        job_title,
        citation,
        place["override_reason"],
    )


def _letter(index: int) -> str:
    """A, B, ..., Z, AA, AB, ...: a juror's letter in an anonymous report."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _title(competition: CompetitionRow, lang: str) -> str:
    """The competition's own title in Finnish; the preset's English title otherwise."""
    if lang == "fi":
        return str(competition["title"])
    return PRESETS[competition["category"]].title("en", competition["year"])


def _identity(category: str, nomination: dict[str, Any]) -> str:
    if PRESETS[category].winner_is_person:
        return f"{fold(nomination['nominee'])}|{organization_key(nomination['organization'])}"
    return organization_key(nomination["organization"] or nomination["nominee"])
