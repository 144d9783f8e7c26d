"""Jurors, juries and conflicts of interest."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, cast

from awards.errors import AwardsError, InvalidValue, NotFound, WrongState
from awards.models import ROLES
from awards.rows import (
    Conflict,
    ConflictAfterClose,
    CopiedCompetition,
    JurorAdded,
    JurorDetailsChanged,
    JuryMember,
)
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
    ) -> JurorAdded:
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
                # One person across competitions: their details change only on purpose
                # (`juror set`), never as a side effect of joining another jury.
                juror_id = person["id"]
                if self.db.value(
                    "SELECT 1 FROM jury_members WHERE competition_id = ? AND juror_id = ?",
                    (competition["id"], juror_id),
                ):
                    raise AwardsError(f"{email} is already on the jury of {slug}")
                if organization is None:
                    organization = person["organization"]  # not given: the known one, said
                differences = _differences(person, {"name": name, "organization": organization})
                if differences:
                    raise WrongState(
                        f"{email} is already known as {_who(person)}, and this differs: "
                        f"{'; '.join(differences)}. A juror's details change only with "
                        f"`awards juror set {email}"
                        + "".join(
                            f" --{k} {_quote(v)}"
                            for k, v in (("name", name), ("organization", organization))
                            if v != person[k]
                        )
                        + "` (every competition they sit in); then add them again"
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
        return {
            "name": name,
            "email": email,
            "organization": organization,
            "role": role,
            "known": person is not None,
        }

    def set_details(
        self, email: str, *, name: str | None = None, organization: str | None = None
    ) -> JurorDetailsChanged:
        """Change one person's name or organisation (an empty organisation clears it) in every
        competition they sit in, audited in each. Refused where the new organisation would put
        them in conflict with a nomination they have scored in an open round; assignments in
        open rounds that the change puts in conflict are taken away, and scores in closed
        rounds that it puts in conflict are reported (`after_close`). A decided competition's
        documents keep the jury as it was declared."""
        wanted = normalize_email(email)
        changes: dict[str, Any] = {}
        if name is not None:
            changes["name"] = clean_line(name)
            if not changes["name"]:
                raise InvalidValue("the juror's name must not be empty")
        if organization is not None:
            changes["organization"] = clean_line(organization) or None
        if not changes:
            raise AwardsError("give --name or --organization (or both)")
        with self.db.transaction():
            person = self.db.row("SELECT * FROM jurors WHERE email = ?", (wanted,))
            if person is None:
                known = [r[0] for r in self.db.conn.execute("SELECT email FROM jurors")]
                raise NotFound("juror", wanted, known)
            differences = _differences(person, changes)
            sits = self.db.rows(
                "SELECT c.id, c.slug, (SELECT min(taken_at) FROM declared_juries d WHERE "
                "d.competition_id = c.id) AS declared FROM jury_members m JOIN competitions c "
                "ON c.id = m.competition_id WHERE m.juror_id = ? ORDER BY c.year, c.slug",
                (person["id"],),
            )
            if not differences:
                return {
                    "email": wanted,
                    "changed": [],
                    "competitions": [c["slug"] for c in sits],
                    "after_close": [],
                    "unassigned": 0,
                    "decided": [],
                }
            before_pairs = {c["id"]: self.conflicted_pairs(c["id"]) for c in sits}
            self.db.update_row("jurors", person["id"], changes)
            after_close: list[ConflictAfterClose] = []
            unassigned = 0
            for c in sits:
                new = {
                    n
                    for j, n in self.conflicted_pairs(c["id"]) - before_pairs[c["id"]]
                    if j == person["id"]
                }
                scored = self._scored_in_open_round(c["id"], person["id"], sorted(new))
                if scored:
                    raise WrongState(
                        f"{wanted} has scored nomination {scored} in the open round of "
                        f"{c['slug']}, and {_quote(changes.get('organization'))} would put them "
                        f"in conflict with it; remove those scores first (`awards score remove "
                        f"{c['slug']} --juror {wanted} --nomination {scored}`)"
                    )
                unassigned += self._unassign_open(c["id"], person["id"], new)
                after_close += [
                    {**x, "competition": c["slug"]}
                    for x in self.conflicts_after_close(c["id"], person["id"])
                    if x["nomination"] in new
                ]
            stored = self.db.read_fields("jurors", {"id": person["id"]}, ("name", "organization"))
            before = {k: person[k] for k in ("name", "organization")}
            for c in sits or [{"slug": None, "declared": None}]:
                self.db.audit(
                    "juror.set",
                    competition=c["slug"],
                    entity="juror",
                    entity_id=wanted,
                    before=before,
                    after=stored,
                    note=(
                        f"decided: its documents keep the jury as declared ({c['declared']})"
                        if c["declared"]
                        else None
                    ),
                )
        return {
            "email": wanted,
            "changed": differences,
            "competitions": [c["slug"] for c in sits],
            "after_close": after_close,
            "unassigned": unassigned,
            "decided": [c["slug"] for c in sits if c["declared"]],
        }

    def _unassign_open(self, competition_id: int, juror_id: int, nominations: set[int]) -> int:
        """Take away a juror's assignments to these nominations in open rounds; how many."""
        if not nominations:
            return 0
        marks = ",".join("?" * len(nominations))
        return self.db.conn.execute(
            f"DELETE FROM assignments WHERE juror_id = ? AND nomination_id IN ({marks}) "
            "AND round_id IN (SELECT id FROM rounds WHERE competition_id = ? AND status = 'open')",
            [juror_id, *sorted(nominations), competition_id],
        ).rowcount

    # ---- the jury of a decided competition ------------------------------------------------

    def keep_jury_as_declared(self, competition_id: int) -> bool:
        """Record the jury as it is now, unless this competition's is already kept (its first
        place was declared earlier). True when recorded now."""
        if self.db.value(
            "SELECT 1 FROM declared_juries WHERE competition_id = ? LIMIT 1", (competition_id,)
        ):
            return False
        self.db.conn.execute(
            "INSERT INTO declared_juries (competition_id, juror_id, email, name, organization, "
            "role, taken_at) SELECT m.competition_id, j.id, j.email, j.name, j.organization, "
            "m.role, ? FROM jury_members m JOIN jurors j ON j.id = m.juror_id "
            "WHERE m.competition_id = ?",
            (utc_now(), competition_id),
        )
        return True

    def forget_jury_as_declared(self, competition_id: int) -> None:
        self.db.conn.execute(
            "DELETE FROM declared_juries WHERE competition_id = ?", (competition_id,)
        )

    def jury_as_declared(self, competition_id: int) -> list[JuryMember] | None:
        """A decided competition's jury as it was when its first place was declared (chair
        first, then by name), or None when no place has been declared."""
        rows = self.db.rows(
            "SELECT juror_id AS id, name, email, organization, role FROM declared_juries "
            "WHERE competition_id = ? ORDER BY CASE role WHEN 'chair' THEN 0 ELSE 1 END, name",
            (competition_id,),
        )
        return cast(list[JuryMember], rows) or None

    def document_jury(self, competition_id: int) -> list[JuryMember]:
        """The jury a competition's documents show: as declared once decided, else as it is."""
        kept = self.jury_as_declared(competition_id)
        return self._jury_now(competition_id) if kept is None else kept

    def _jury_now(self, competition_id: int) -> list[JuryMember]:
        """A competition's jury as it is: the chair first, then by name."""
        rows = self.db.rows(
            "SELECT j.id, j.name, j.email, j.organization, m.role FROM jury_members m "
            "JOIN jurors j ON j.id = m.juror_id WHERE m.competition_id = ? "
            "ORDER BY CASE m.role WHEN 'chair' THEN 0 ELSE 1 END, j.name",
            (competition_id,),
        )
        return cast(list[JuryMember], rows)

    def _member_organizations(self, competition_id: int) -> list[tuple[int, str | None]]:
        """(juror id, organisation) of a jury, for automatic conflicts: a decided competition's
        as declared (a juror's later employer does not reach back into a decided year)."""
        rows = self.db.conn.execute(
            "SELECT m.juror_id, coalesce(d.juror_id IS NOT NULL, 0), d.organization, "
            "j.organization FROM jury_members m JOIN jurors j ON j.id = m.juror_id "
            "LEFT JOIN declared_juries d ON d.competition_id = m.competition_id "
            "AND d.juror_id = m.juror_id WHERE m.competition_id = ?",
            (competition_id,),
        ).fetchall()
        return [(j, kept_org if kept else org) for j, kept, kept_org, org in rows]

    def next_year(self, source_slug: str, year: int, **create: Any) -> CopiedCompetition:
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

    def emails_by_id(self) -> dict[int, str]:
        """Every juror's email by id, in every competition: the few strings a round's scores
        and assignments point at (each row then shares one string instead of a copy)."""
        return dict(self.db.conn.execute("SELECT id, email FROM jurors").fetchall())

    def members(self, slug: str) -> list[JuryMember]:
        return self._jury_now(self.competitions.get(slug)["id"])

    def member(self, slug: str, email: str) -> JuryMember:
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
            before = self.conflicted_pairs(competition["id"])
            self.db.conn.execute(
                "INSERT INTO conflicts (competition_id, juror_id, nomination_id, organization, "
                "reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (competition["id"], member["id"], nomination_id, organization, reason, utc_now()),
            )
            # What the conflict adds, with merged entries counted against their candidate.
            targets = sorted(
                n for j, n in self.conflicted_pairs(competition["id"]) - before if j == member["id"]
            )
            scored = self._scored_in_open_round(competition["id"], member["id"], targets)
            if scored:
                raise WrongState(
                    f"{member['email']} has already scored nomination {scored} in an open round; "
                    "remove those scores before declaring the conflict (`awards score remove "
                    f"{slug} --juror {member['email']} --nomination {scored}`)"
                )
            unassigned = self._unassign_open(competition["id"], member["id"], set(targets))
            after_close = [
                x
                for x in self.conflicts_after_close(competition["id"], member["id"])
                if x["nomination"] in targets
            ]
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
                note=(
                    "scored in a closed round before the conflict: "
                    + ", ".join(
                        f"round {x['round']} nomination {x['nomination']}" for x in after_close
                    )
                    if after_close
                    else None
                ),
            )
        return {**record, "unassigned": unassigned, "after_close": after_close}

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

    def conflicts(self, slug: str) -> list[Conflict]:
        """Declared conflicts and the automatic ones: a juror whose organisation matches a
        candidate's (ignoring case, spacing and legal suffixes). A conflict declared on a
        nomination since merged is shown against the candidate it was merged into."""
        competition = self.competitions.get(slug)
        declared = self.db.rows(
            "SELECT j.email AS juror, coalesce(n.merged_into, c.nomination_id) AS nomination, "
            "coalesce(k.nominee, n.nominee) AS nominee, "
            "coalesce(c.organization, n.organization) AS organization, "
            "c.reason || CASE WHEN n.merged_into IS NOT NULL THEN ' (declared on nomination ' "
            "|| n.id || ', merged into ' || n.merged_into || ')' ELSE '' END AS reason, "
            "'declared' AS source FROM conflicts c JOIN jurors j ON j.id = c.juror_id "
            "LEFT JOIN nominations n ON n.id = c.nomination_id "
            "LEFT JOIN nominations k ON k.id = n.merged_into WHERE c.competition_id = ? "
            "ORDER BY c.id",
            (competition["id"],),
        )
        automatic: list[Conflict] = []
        emails = {m["id"]: m["email"] for m in self.members(slug)}
        by_org: dict[str, list[int]] = {}
        for juror_id, org in self._member_organizations(competition["id"]):
            key = organization_key(org)
            if key:
                by_org.setdefault(key, []).append(juror_id)
        if by_org:
            rows = self.db.rows(
                "SELECT n.id, n.nominee, n.organization, n.merged_into, k.nominee AS kept "
                "FROM nominations n LEFT JOIN nominations k ON k.id = n.merged_into "
                "WHERE n.competition_id = ? ORDER BY n.id",
                (competition["id"],),
            )
            seen: set[tuple[int, int]] = set()
            for n in rows:
                candidate = n["merged_into"] or n["id"]
                for juror_id in by_org.get(organization_key(n["organization"]), []):
                    if (juror_id, candidate) in seen:
                        continue
                    seen.add((juror_id, candidate))
                    automatic.append(
                        {
                            "juror": emails[juror_id],
                            "nomination": candidate,
                            "nominee": n["kept"] or n["nominee"],
                            "organization": n["organization"],
                            "reason": "same organisation"
                            + (f" (as nomination {n['id']}, merged)" if n["merged_into"] else ""),
                            "source": "organization",
                        }
                    )
        return cast(list[Conflict], declared) + automatic

    def conflicted_pairs(self, competition_id: int) -> set[tuple[int, int]]:
        """(juror id, nomination id) pairs that must never be assigned or scored.

        A conflict follows the candidate: one declared on a nomination since merged into
        another, or an organisation named by a merged nomination, counts against the candidate
        it was merged into (and against the entry itself, should it be unmerged)."""
        members = self._member_organizations(competition_id)
        candidate = {
            n_id: kept or n_id
            for n_id, kept in self.db.conn.execute(
                "SELECT id, merged_into FROM nominations WHERE competition_id = ?",
                (competition_id,),
            )
        }
        by_org: dict[str, set[int]] = {}
        for n_id, org in self.db.conn.execute(
            "SELECT id, organization FROM nominations WHERE competition_id = ?", (competition_id,)
        ):
            key = organization_key(org)
            if key:
                by_org.setdefault(key, set()).update({n_id, candidate[n_id]})
        pairs = {
            (juror_id, n_id)
            for juror_id, org in members
            if organization_key(org)
            for n_id in by_org.get(organization_key(org), ())
        }
        for juror_id, nomination_id, org in self.db.conn.execute(
            "SELECT juror_id, nomination_id, organization FROM conflicts WHERE competition_id = ?",
            (competition_id,),
        ):
            if nomination_id is not None:
                pairs.add((juror_id, nomination_id))
                pairs.add((juror_id, candidate.get(nomination_id, nomination_id)))
            else:
                for n_id in by_org.get(organization_key(org), ()):
                    pairs.add((juror_id, n_id))
        return pairs

    def conflicts_after_close(
        self, competition_id: int, juror_id: int | None = None
    ) -> list[ConflictAfterClose]:
        """Scores standing in a closed jury round from a juror now in conflict with that
        nomination: a conflict that came to light (declared, an employer changed, a merge)
        after the round closed. One row per round, juror and nomination."""
        # No closed jury round, nothing frozen to warn of (most of a year): the pairs are not
        # worked out (at 20,000 candidates, 0.05 s of every `ranking`).
        if not self.db.conn.execute(
            "SELECT 1 FROM rounds WHERE competition_id = ? AND status = 'closed' "
            "AND kind = 'jury' LIMIT 1",
            (competition_id,),
        ).fetchone():
            return []
        pairs = self.conflicted_pairs(competition_id)
        if juror_id is not None:
            pairs = {p for p in pairs if p[0] == juror_id}
        if not pairs:
            return []
        # Only the conflicted pairs are looked up (an index seek each), not every score: at
        # national scale (50,000 scores) a scan would cost `ranking` a tenth of its time.
        return [
            {"round": number, "juror": email, "nomination": nomination}
            for number, email, nomination in self.db.conn.execute(
                "WITH p AS (SELECT json_extract(value, '$[0]') AS juror_id, "
                "json_extract(value, '$[1]') AS nomination_id FROM json_each(?)) "
                "SELECT r.number, j.email, p.nomination_id FROM p "
                "JOIN rounds r ON r.competition_id = ? AND r.status = 'closed' "
                "AND r.kind = 'jury' JOIN jurors j ON j.id = p.juror_id "
                "WHERE EXISTS (SELECT 1 FROM scores s WHERE s.round_id = r.id "
                "AND s.juror_id = p.juror_id AND s.nomination_id = p.nomination_id) "
                "ORDER BY r.number, j.email, p.nomination_id",
                (json.dumps(sorted(pairs)), competition_id),
            )
        ]

    def conflict_warnings(self, slug: str, number: int | None = None) -> list[str]:
        """One line per juror and round whose scores in a closed round are now in conflict
        (for `ranking`, `panel` and the commands that create such a conflict)."""
        competition = self.competitions.get(slug)
        return describe_conflicts_after_close(
            slug,
            [
                x
                for x in self.conflicts_after_close(competition["id"])
                if number is None or x["round"] == number
            ],
        )

    def check_conflicts_after_close(self) -> list[str]:
        """`db check`'s rule: every score in a closed round from a juror now in conflict."""
        problems = []
        for competition_id, slug in self.db.conn.execute(
            "SELECT id, slug FROM competitions ORDER BY id"
        ).fetchall():
            problems += describe_conflicts_after_close(
                slug, self.conflicts_after_close(competition_id)
            )
        return problems


def describe_conflicts_after_close(slug: str, found: list[ConflictAfterClose]) -> list[str]:
    by_juror: dict[tuple[int, str], list[int]] = {}
    for x in found:
        by_juror.setdefault((x["round"], x["juror"]), []).append(x["nomination"])
    return [
        f"{slug} round {number}: {email} scored nomination(s) {', '.join(map(str, ids))} and is "
        "now in conflict with them (declared or found after the round closed); its frozen "
        "ranking counts those scores"
        for (number, email), ids in sorted(by_juror.items())
    ]


def _differences(person: dict[str, Any], wanted: dict[str, Any]) -> list[str]:
    """'name: old → new' for each given field that differs from the stored one."""
    return [
        f"{key}: {_quote(person[key])} → {_quote(value)}"
        for key, value in wanted.items()
        if person[key] != value
    ]


def _who(person: dict[str, Any]) -> str:
    org = f" ({person['organization']})" if person["organization"] else " (no organisation)"
    return f"{person['name']}{org}"


def _quote(value: object) -> str:
    return "(none)" if value is None or value == "" else f'"{value}"'
