"""Jurors, juries and conflicts of interest."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from awards.errors import AwardsError, InvalidValue, NotFound, WrongState
from awards.models import ROLES
from awards.text import clean_line, is_email, normalize_email, organization_key

from .base import StoreBase, utc_now

if TYPE_CHECKING:
    from .competitions import Competitions
    from .nominations import Nominations


class Jury:
    """Jurors (one person per email across competitions), juries and conflicts of interest."""

    def __init__(self, db: StoreBase, competitions: Competitions, nominations: Nominations) -> None:
        self.db = db
        self.competitions = competitions
        self.nominations = nominations

    def add(
        self, slug: str, name: str, email: str, organization: str | None, role: str = "member"
    ) -> dict[str, Any]:
        name = clean_line(name)
        email = normalize_email(email)
        organization = clean_line(organization) if organization else None
        if not name:
            raise InvalidValue("the juror's name must not be empty")
        if not is_email(email):
            raise InvalidValue(f"{email!r} is not an email address")
        if role not in ROLES:
            raise InvalidValue(f"unknown role {role!r}; choose {', '.join(ROLES)}")
        with self.db.transaction():
            competition = self.competitions.get(slug)
            person = self.db.row("SELECT * FROM jurors WHERE email = ?", (email,))
            if person is None:
                juror_id = self.db.conn.execute(
                    "INSERT INTO jurors (email, name, organization) VALUES (?, ?, ?)",
                    (email, name, organization),
                ).lastrowid
            else:
                juror_id = person["id"]
                if (person["name"], person["organization"]) != (name, organization):
                    # One person across competitions: the newest details win, and the log says so.
                    self.db.conn.execute(
                        "UPDATE jurors SET name = ?, organization = ? WHERE id = ?",
                        (name, organization, juror_id),
                    )
                    self.db.audit(
                        "juror.update",
                        competition=slug,
                        entity="juror",
                        entity_id=email,
                        before={"name": person["name"], "organization": person["organization"]},
                        after={"name": name, "organization": organization},
                    )
            if self.db.value(
                "SELECT 1 FROM jury_members WHERE competition_id = ? AND juror_id = ?",
                (competition["id"], juror_id),
            ):
                raise AwardsError(f"{email} is already on the jury of {slug}")
            if role == "chair":
                chair = self.db.value(
                    "SELECT j.email FROM jury_members m JOIN jurors j ON j.id = m.juror_id "
                    "WHERE m.competition_id = ? AND m.role = 'chair'",
                    (competition["id"],),
                )
                if chair:
                    raise AwardsError(f"{slug} already has a chair ({chair})")
            self.db.conn.execute(
                "INSERT INTO jury_members (competition_id, juror_id, role) VALUES (?, ?, ?)",
                (competition["id"], juror_id, role),
            )
            self.db.audit(
                "juror.add",
                competition=slug,
                entity="juror",
                entity_id=email,
                after={"name": name, "organization": organization, "role": role},
            )
        return {"name": name, "email": email, "organization": organization, "role": role}

    def next_year(self, source_slug: str, year: int, **create: Any) -> dict[str, Any]:
        """A new competition of the same category from last year's: its criteria as they were
        at the end of that year (the last round's frozen copy), its jurors with their roles and
        organisations, and its declared organisation-level conflicts; never nominations, scores
        or winners. One transaction."""
        from awards.models import Criterion

        with self.db.transaction():
            source = self.competitions.get(source_slug)
            category = create.pop("category", None) or source["category"]
            if category != source["category"]:
                raise InvalidValue(
                    f"{source_slug} is a {source['category']} competition; --from copies a "
                    f"year of the same award, not into {category}"
                )
            frozen = self.db.value(
                "SELECT frozen_criteria FROM rounds WHERE competition_id = ? AND "
                "frozen_criteria IS NOT NULL ORDER BY number DESC LIMIT 1",
                (source["id"],),
            )
            criteria = (
                [Criterion(**c) for c in json.loads(frozen)]
                if frozen
                else self.competitions.criteria(source["id"])
            )
            if create.get("criteria") is None:
                create["criteria"] = criteria
            created = self.competitions.create(category, year, **create)
            members = self.members(source_slug)
            for m in members:
                self.db.conn.execute(
                    "INSERT INTO jury_members (competition_id, juror_id, role) VALUES (?, ?, ?)",
                    (created["id"], m["id"], m["role"]),
                )
            conflicts = self.db.rows(
                "SELECT juror_id, organization, reason FROM conflicts WHERE competition_id = ? "
                "AND organization IS NOT NULL ORDER BY id",
                (source["id"],),
            )
            for c in conflicts:
                self.db.conn.execute(
                    "INSERT INTO conflicts (competition_id, juror_id, nomination_id, "
                    "organization, reason, created_at) VALUES (?, ?, NULL, ?, ?, ?)",
                    (created["id"], c["juror_id"], c["organization"], c["reason"], utc_now()),
                )
            self.db.audit(
                "competition.copy",
                competition=created["slug"],
                entity="competition",
                entity_id=created["id"],
                after={
                    "from": source_slug,
                    "criteria": [c.key for c in create["criteria"]],
                    "jurors": [m["email"] for m in members],
                    "conflicts": len(conflicts),
                },
            )
        return {**created, "jurors": len(members), "conflicts": len(conflicts)}

    def members(self, slug: str) -> list[dict[str, Any]]:
        competition = self.competitions.get(slug)
        return self.db.rows(
            "SELECT j.id, j.name, j.email, j.organization, m.role FROM jury_members m "
            "JOIN jurors j ON j.id = m.juror_id WHERE m.competition_id = ? "
            "ORDER BY CASE m.role WHEN 'chair' THEN 0 ELSE 1 END, j.name",
            (competition["id"],),
        )

    def member(self, slug: str, email: str) -> dict[str, Any]:
        """A member of this competition's jury, by email in any case."""
        wanted = normalize_email(email)
        members = self.members(slug)
        for member in members:
            if member["email"] == wanted:
                return member
        raise NotFound("juror", email, [m["email"] for m in members], where=slug)

    def remove(self, slug: str, email: str) -> None:
        with self.db.transaction():
            competition = self.competitions.get(slug)
            member = self.member(slug, email)
            scored = self.db.value(
                "SELECT r.number FROM scores s JOIN rounds r ON r.id = s.round_id "
                "WHERE r.competition_id = ? AND r.status = 'open' AND s.juror_id = ? LIMIT 1",
                (competition["id"], member["id"]),
            )
            if scored:
                raise WrongState(
                    f"{member['email']} has scores in open round {scored}; they stay until the "
                    "round closes"
                )
            self.db.conn.execute(
                "DELETE FROM assignments WHERE juror_id = ? AND round_id IN "
                "(SELECT id FROM rounds WHERE competition_id = ? AND status = 'open')",
                (member["id"], competition["id"]),
            )
            self.db.conn.execute(
                "DELETE FROM jury_members WHERE competition_id = ? AND juror_id = ?",
                (competition["id"], member["id"]),
            )
            self.db.audit(
                "juror.remove",
                competition=slug,
                entity="juror",
                entity_id=member["email"],
                before={k: member[k] for k in ("name", "organization", "role")},
            )

    def add_conflict(
        self,
        slug: str,
        email: str,
        *,
        nomination_id: int | None = None,
        organization: str | None = None,
        reason: str,
    ) -> dict[str, Any]:
        if (nomination_id is None) == (organization is None):
            raise AwardsError("give exactly one of --nomination or --organization")
        reason = clean_line(reason)
        if not reason:
            raise AwardsError("say why with --reason")
        organization = clean_line(organization) if organization else None
        with self.db.transaction():
            competition = self.competitions.get(slug)
            member = self.member(slug, email)
            if nomination_id is not None:
                self.nominations.in_competition(nomination_id, slug)
                targets = [nomination_id]
            else:
                key = organization_key(organization)
                targets = [
                    n["id"]
                    for n in self.db.rows(
                        "SELECT id, organization FROM nominations WHERE competition_id = ?",
                        (competition["id"],),
                    )
                    if organization_key(n["organization"]) == key
                ]
            scored = self._scored_in_open_round(competition["id"], member["id"], targets)
            if scored:
                raise WrongState(
                    f"{member['email']} has already scored nomination {scored} in an open round; "
                    "remove those scores before declaring the conflict"
                )
            self.db.conn.execute(
                "INSERT INTO conflicts (competition_id, juror_id, nomination_id, organization, "
                "reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (competition["id"], member["id"], nomination_id, organization, reason, utc_now()),
            )
            if targets:
                marks = ",".join("?" * len(targets))
                self.db.conn.execute(
                    f"DELETE FROM assignments WHERE juror_id = ? AND nomination_id IN ({marks}) "
                    "AND round_id IN (SELECT id FROM rounds WHERE competition_id = ? "
                    "AND status = 'open')",
                    [member["id"], *targets, competition["id"]],
                )
            record = {
                "juror": member["email"],
                "nomination": nomination_id,
                "organization": organization,
                "reason": reason,
            }
            self.db.audit(
                "conflict.add",
                competition=slug,
                entity="conflict",
                entity_id=member["email"],
                after=record,
            )
        return record

    def _scored_in_open_round(
        self, competition_id: int, juror_id: int, nomination_ids: list[int]
    ) -> int | None:
        if not nomination_ids:
            return None
        marks = ",".join("?" * len(nomination_ids))
        found = self.db.value(
            f"SELECT s.nomination_id FROM scores s JOIN rounds r ON r.id = s.round_id "
            f"WHERE r.competition_id = ? AND r.status = 'open' AND s.juror_id = ? "
            f"AND s.nomination_id IN ({marks}) LIMIT 1",
            [competition_id, juror_id, *nomination_ids],
        )
        return int(found) if found is not None else None

    def conflicts(self, slug: str) -> list[dict[str, Any]]:
        """Declared conflicts and the automatic ones: a juror whose organisation matches a
        candidate's (ignoring case, spacing and legal suffixes)."""
        competition = self.competitions.get(slug)
        declared = self.db.rows(
            "SELECT j.email AS juror, c.nomination_id AS nomination, n.nominee, "
            "coalesce(c.organization, n.organization) AS organization, c.reason, "
            "'declared' AS source FROM conflicts c JOIN jurors j ON j.id = c.juror_id "
            "LEFT JOIN nominations n ON n.id = c.nomination_id WHERE c.competition_id = ? "
            "ORDER BY c.id",
            (competition["id"],),
        )
        automatic = []
        members = self.members(slug)
        by_org: dict[str, list[dict[str, Any]]] = {}
        for member in members:
            key = organization_key(member["organization"])
            if key:
                by_org.setdefault(key, []).append(member)
        if by_org:
            for n in self.db.rows(
                "SELECT id, nominee, organization FROM nominations WHERE competition_id = ? "
                "AND status != 'merged' ORDER BY id",
                (competition["id"],),
            ):
                for member in by_org.get(organization_key(n["organization"]), []):
                    automatic.append(
                        {
                            "juror": member["email"],
                            "nomination": n["id"],
                            "nominee": n["nominee"],
                            "organization": n["organization"],
                            "reason": "same organisation",
                            "source": "organization",
                        }
                    )
        return declared + automatic

    def conflicted_pairs(self, competition_id: int) -> set[tuple[int, int]]:
        """(juror id, nomination id) pairs that must never be assigned or scored."""
        members = self.db.rows(
            "SELECT j.id, j.organization FROM jury_members m JOIN jurors j ON j.id = m.juror_id "
            "WHERE m.competition_id = ?",
            (competition_id,),
        )
        nominations = self.db.rows(
            "SELECT id, organization FROM nominations WHERE competition_id = ?", (competition_id,)
        )
        by_org: dict[str, list[int]] = {}
        for n in nominations:
            key = organization_key(n["organization"])
            if key:
                by_org.setdefault(key, []).append(n["id"])
        pairs = {
            (m["id"], n_id)
            for m in members
            for n_id in by_org.get(organization_key(m["organization"]), [])
            if organization_key(m["organization"])
        }
        for c in self.db.rows(
            "SELECT juror_id, nomination_id, organization FROM conflicts WHERE competition_id = ?",
            (competition_id,),
        ):
            if c["nomination_id"] is not None:
                pairs.add((c["juror_id"], c["nomination_id"]))
            else:
                for n_id in by_org.get(organization_key(c["organization"]), []):
                    pairs.add((c["juror_id"], n_id))
        return pairs
