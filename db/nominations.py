"""Nominations: adding, importing, changing status, merging."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from awards.errors import AwardsError, InvalidValue, NotFound, WrongState
from awards.rows import (
    CompetitionRow,
    DuplicateGroup,
    MergedCandidate,
    NominationListing,
    NominationRecord,
    NominationRow,
)

from .base import StoreBase, utc_now

if TYPE_CHECKING:
    from awards.nominations import NominationInput

    from .competitions import (
        Competitions,
    )  # hashing and duplicate rules load only for the commands that need them

_PUBLIC_FIELDS = ("nominee", "organization", "title", "status")


class Nominations:
    """Candidates of a competition: adding, importing, status, consent, merging."""

    def __init__(self, db: StoreBase, competitions: Competitions) -> None:
        self.db = db
        self.competitions = competitions

    def add(self, slug: str, nomination: NominationInput, *, late: bool = False) -> int:
        clean = nomination.cleaned()
        with self.db.transaction():
            competition = self.competitions.get(slug)
            self._refuse_late(competition, late, 1)
            fingerprint = clean.fingerprint()
            existing = self.db.value(
                "SELECT id FROM nominations WHERE competition_id = ? AND fingerprint = ?",
                (competition["id"], fingerprint),
            )
            if existing:
                raise AwardsError(f"the same nomination is already there (id {existing})")
            nomination_id = self._insert(competition["id"], [clean], "manual")[0]
            self.db.audit(
                "nomination.add",
                competition=slug,
                entity="nomination",
                entity_id=nomination_id,
                after=_as_record(clean),
            )
        return nomination_id

    def lateness(self, competition: CompetitionRow) -> str | None:
        """Why a nomination arriving now would be late (None if it would not): round 1 is
        closed, or the winners are declared."""
        closed = self.db.row(
            "SELECT number, name FROM rounds WHERE competition_id = ? AND number = 1 "
            "AND status = 'closed'",
            (competition["id"],),
        )
        decided = self.db.value(
            "SELECT count(*) FROM winners WHERE competition_id = ?", (competition["id"],)
        )
        if decided:
            return f"{competition['slug']} is decided (its winners are declared)"
        if closed:
            return f"round 1 ({closed['name']}) of {competition['slug']} is closed"
        return None

    def _refuse_late(self, competition: CompetitionRow, late: bool, count: int) -> str | None:
        reason = self.lateness(competition)
        if reason and not late:
            raise WrongState(
                f"{reason}: {count} nomination(s) arriving now would not be judged in closed "
                "rounds; give --late to take them anyway"
            )
        return reason

    def add_many(
        self,
        slug: str,
        nominations: Sequence[NominationInput],
        source: str,
        *,
        dry_run: bool = False,
        form: tuple[str, dict[str, str]] | None = None,
        forget_form: bool = False,
        late: bool = False,
    ) -> dict[str, Any]:
        """Add every nomination not already there, in one transaction; a response already
        imported (the same response id) whose answers changed updates its nomination, audited.
        With `form` (its key and column mapping), remember the mapping for the next export of
        the same form. Nominations arriving after round 1 closed (or once the winners are
        declared) are refused unless `late`.

        Returns counts: added, already (identical ones present before), repeated (identical rows
        within the file itself), updated (edited responses), held (edited responses whose
        nomination is already being judged: not applied, their ids), late (the reason, or None),
        and the new ids.
        """
        with self.db.transaction():
            competition = self.competitions.get(slug)
            if form is not None and not dry_run:
                if forget_form and not form[1]:
                    self.forget_form(slug, form[0])
                elif form[1]:
                    self._remember_form(slug, competition["id"], *form)
            known = {
                row[0]
                for row in self.db.conn.execute(
                    "SELECT fingerprint FROM nominations WHERE competition_id = ?",
                    (competition["id"],),
                )
            }
            responses = {
                row[0]: (row[1], row[2])
                for row in self.db.conn.execute(
                    "SELECT n.response_id, n.id, EXISTS (SELECT 1 FROM round_nominations r "
                    "WHERE r.nomination_id = n.id) FROM nominations n "
                    "WHERE n.competition_id = ? AND n.response_id IS NOT NULL",
                    (competition["id"],),
                )
            }
            # A response that appears twice in one file: its last answers count.
            last = {n.response_id: i for i, n in enumerate(nominations) if n.response_id}
            new: list[NominationInput] = []
            fingerprints: list[str] = []
            updates: list[tuple[int, NominationInput]] = []
            held: list[int] = []
            already = repeated = 0
            seen: set[str] = set()
            for index, nomination in enumerate(nominations):
                fingerprint = nomination.fingerprint()
                rid = nomination.response_id
                if fingerprint in known:
                    already += 1
                elif rid and last[rid] != index:
                    repeated += 1
                elif rid and rid in responses:
                    existing_id, in_round = responses[rid]
                    if in_round:
                        held.append(existing_id)
                    else:
                        updates.append((existing_id, nomination))
                elif fingerprint in seen:
                    repeated += 1
                else:
                    seen.add(fingerprint)
                    new.append(nomination)
                    fingerprints.append(fingerprint)
            reason = self._refuse_late(competition, late, len(new)) if new else None
            result: dict[str, Any] = {
                "added": len(new),
                "already": already,
                "repeated": repeated,
                "updated": len(updates),
                "held": held,
                "late": reason,
                "ids": [],
                "without_organization": sum(1 for n in new if not n.organization),
            }
            if dry_run:
                return result
            for nomination_id, nomination in updates:
                self._update_response(slug, nomination_id, nomination)
            if not new:
                return result
            ids = self._insert(competition["id"], new, source, fingerprints)
            result["ids"] = ids
            self.db.audit(
                "nomination.import",
                competition=slug,
                entity="nomination",
                entity_id=f"{ids[0]}-{ids[-1]}",
                after={
                    "source": source,
                    "added": len(ids),
                    "already": already,
                    "updated": len(updates),
                    **({"late": reason} if reason else {}),
                },
            )
        return result

    def _update_response(self, slug: str, nomination_id: int, n: NominationInput) -> None:
        """An edited response: its nomination takes the new answers, audited field for field."""
        before: Mapping[str, Any] = self.get(nomination_id)
        after: dict[str, Any] = {
            "nominee": n.nominee,
            "organization": n.organization,
            "title": n.title,
            "nominator": n.nominator,
            "nominator_email": n.nominator_email,
            "reason": n.reason,
            "submitted": n.submitted,
            "title_en": n.title_en,
            "organization_en": n.organization_en,
            "nominee_en": n.nominee_en,
            "extra": n.extra,
        }
        changed = {k: v for k, v in after.items() if before[k] != v}
        stored = {
            **changed,
            "fingerprint": n.fingerprint(),
            **(
                {"extra": json.dumps(n.extra, ensure_ascii=False) if n.extra else None}
                if "extra" in changed
                else {}
            ),
        }
        self.db.update_row("nominations", nomination_id, stored)
        self.db.audit(
            "nomination.update",
            competition=slug,
            entity="nomination",
            entity_id=nomination_id,
            before={k: before[k] for k in changed},
            after=changed,
            note="the form's response was edited",
        )

    def without_organization(self, slug: str, round_number: int | None = None) -> int:
        """How many candidates (active, or in the round) have no organisation: automatic
        conflicts of interest cannot be found for them."""
        competition = self.competitions.get(slug)
        if round_number is None:
            return int(
                self.db.value(
                    "SELECT count(*) FROM nominations WHERE competition_id = ? AND status = "
                    "'active' AND coalesce(trim(organization), '') = ''",
                    (competition["id"],),
                )
                or 0
            )
        return int(
            self.db.value(
                "SELECT count(*) FROM round_nominations rn JOIN rounds r ON r.id = rn.round_id "
                "JOIN nominations n ON n.id = rn.nomination_id WHERE r.competition_id = ? "
                "AND r.number = ? AND coalesce(trim(n.organization), '') = ''",
                (competition["id"], round_number),
            )
            or 0
        )

    def unmerge(self, nomination_id: int) -> NominationRow:
        """Put a merged nomination back as its own candidate, while the candidate it was merged
        into has no scores (a score may already count its text)."""
        with self.db.transaction():
            entry = self.get(nomination_id)
            if entry["status"] != "merged" or entry["merged_into"] is None:
                raise WrongState(
                    f"nomination {nomination_id} is not merged into another (it is "
                    f"{entry['status']}); `awards nomination unmerge` takes a merged entry"
                )
            kept = entry["merged_into"]
            scored = self.db.value("SELECT 1 FROM scores WHERE nomination_id = ? LIMIT 1", (kept,))
            if scored:
                raise WrongState(
                    f"nomination {kept}, which {nomination_id} was merged into, already has "
                    "scores; the merge stays"
                )
            self.db.conn.execute(
                "UPDATE nominations SET status = 'active', merged_into = NULL WHERE id = ?",
                (nomination_id,),
            )
            self.db.audit(
                "nomination.unmerge",
                competition=entry["competition"],
                entity="nomination",
                entity_id=nomination_id,
                before={"status": "merged", "merged_into": kept},
                after={"status": "active", "merged_into": None},
            )
        return self.get(nomination_id)

    def form_mapping(self, slug: str, form: str) -> dict[str, str]:
        """The column mapping the last successful import of this form used ({} if none)."""
        competition = self.competitions.get(slug)
        found = self.db.value(
            "SELECT mapping FROM form_mappings WHERE competition_id = ? AND form = ?",
            (competition["id"], form),
        )
        return dict(json.loads(found)) if found else {}

    def forget_form(self, slug: str, form: str) -> bool:
        """Forget the mapping remembered for this form; whether there was one."""
        with self.db.transaction():
            competition = self.competitions.get(slug)
            before = self.form_mapping(slug, form)
            if not before:
                return False
            self.db.conn.execute(
                "DELETE FROM form_mappings WHERE competition_id = ? AND form = ?",
                (competition["id"], form),
            )
            self.db.audit(
                "nomination.form_forget",
                competition=slug,
                entity="form",
                entity_id=_form_id(form),
                before=before,
            )
        return True

    def _remember_form(
        self, slug: str, competition_id: int, form: str, mapping: dict[str, str]
    ) -> None:
        before = self.form_mapping(slug, form)
        if before == mapping:
            return
        self.db.conn.execute(
            "INSERT INTO form_mappings (competition_id, form, mapping, saved_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (competition_id, form) DO UPDATE SET "
            "mapping = excluded.mapping, saved_at = excluded.saved_at",
            (competition_id, form, json.dumps(mapping, ensure_ascii=False), utc_now()),
        )
        self.db.audit(
            "nomination.form_mapping",
            competition=slug,
            entity="form",
            entity_id=_form_id(form),
            before=before or None,
            after=mapping,
        )

    def _insert(
        self,
        competition_id: int,
        nominations: Sequence[NominationInput],
        source: str,
        fingerprints: Sequence[str] | None = None,
    ) -> list[int]:
        now = utc_now()
        if fingerprints is None:
            fingerprints = [n.fingerprint() for n in nominations]
        first = (self.db.value("SELECT max(id) FROM nominations") or 0) + 1
        # Explicit ids in one executemany: one statement for the whole file, and the ids are
        # known without reading them back (we hold the write lock, so nobody else takes them).
        self.db.conn.executemany(
            "INSERT INTO nominations (id, competition_id, nominee, organization, title, nominator,"
            " nominator_email, reason, submitted, extra, source, fingerprint, created_at,"
            " title_en, organization_en, nominee_en, response_id, contact_email)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    first + i,
                    competition_id,
                    n.nominee,
                    n.organization,
                    n.title,
                    n.nominator,
                    n.nominator_email,
                    n.reason,
                    n.submitted,
                    json.dumps(n.extra, ensure_ascii=False) if n.extra else None,
                    source,
                    fingerprints[i],
                    now,
                    n.title_en,
                    n.organization_en,
                    n.nominee_en,
                    n.response_id,
                    n.contact_email,
                )
                for i, n in enumerate(nominations)
            ],
        )
        return list(range(first, first + len(nominations)))

    def get(self, nomination_id: int) -> NominationRow:
        found = self.db.row(
            "SELECT n.*, c.slug AS competition, c.category, c.year FROM nominations n "
            "JOIN competitions c ON c.id = n.competition_id WHERE n.id = ?",
            (nomination_id,),
        )
        if found is None:
            low, high = self.db.conn.execute("SELECT min(id), max(id) FROM nominations").fetchone()
            hint = (
                f"ids run {low}–{high}; see `awards nomination list SLUG`"
                if low
                else ("there are no nominations yet")
            )
            raise NotFound("nomination", nomination_id, hint=hint)
        found["extra"] = json.loads(found["extra"]) if found["extra"] else {}
        return cast(NominationRow, found)

    def merged(self, nomination_id: int) -> list[NominationRecord]:
        rows = self.db.rows(
            "SELECT * FROM nominations WHERE merged_into = ? ORDER BY id", (nomination_id,)
        )
        for row in rows:
            row["extra"] = json.loads(row["extra"]) if row["extra"] else {}
        return cast(list[NominationRecord], rows)

    def all(self, slug: str, status: str | None = None) -> list[NominationListing]:
        """Candidates of a competition; `nominations` counts the entries merged into each.

        Merged entries are listed only when asked for with status='merged'."""
        competition = self.competitions.get(slug)
        sql = (
            "SELECT n.id, n.nominee, n.organization, n.title, n.status, "
            "1 + coalesce(m.merged, 0) AS nominations, n.publish, n.merged_into "
            "FROM nominations n LEFT JOIN (SELECT merged_into, count(*) AS merged "
            "FROM nominations WHERE merged_into IS NOT NULL GROUP BY merged_into) m "
            "ON m.merged_into = n.id WHERE n.competition_id = ?"
        )
        if status:
            rows = self.db.rows(
                sql + " AND n.status = ? ORDER BY n.id", (competition["id"], status)
            )
        else:
            rows = self.db.rows(
                sql + " AND n.status != 'merged' ORDER BY n.id", (competition["id"],)
            )
        return cast(list[NominationListing], rows)

    def in_competition(self, nomination_id: int, slug: str | None = None) -> NominationRow:
        nomination = self.get(nomination_id)
        if slug is not None and nomination["competition"] != slug:
            raise AwardsError(
                f"nomination {nomination_id} belongs to {nomination['competition']}, not {slug}"
            )
        return nomination

    def _set_status(
        self, nomination_id: int, status: str, note: str | None, action: str, allowed: set[str]
    ) -> NominationRow:
        with self.db.transaction():
            before: Mapping[str, Any] = self.get(nomination_id)
            if before["status"] not in allowed:
                raise WrongState(
                    f"nomination {nomination_id} is {before['status']}; cannot make it {status}"
                )
            place = self.db.value(
                "SELECT place FROM winners WHERE nomination_id = ?", (nomination_id,)
            )
            if place and status != "active":
                # A release would still name them: the place goes first, on the record.
                raise WrongState(
                    f"nomination {nomination_id} holds the place {place} in "
                    f"{before['competition']}; remove it first with `awards winner remove "
                    f"{before['competition']} --nomination {nomination_id}`"
                )
            self.db.conn.execute(
                "UPDATE nominations SET status = ?, status_note = ? WHERE id = ?",
                (status, note, nomination_id),
            )
            self.db.audit(
                action,
                competition=before["competition"],
                entity="nomination",
                entity_id=nomination_id,
                before={"status": before["status"], "note": before["status_note"]},
                after={"status": status, "note": note},
            )
        return self.get(nomination_id)

    def withdraw(self, nomination_id: int, reason: str) -> NominationRow:
        if not reason.strip():
            raise AwardsError("say why with --reason")
        return self._set_status(
            nomination_id,
            "withdrawn",
            reason.strip(),
            "nomination.withdraw",
            {"active", "ineligible"},
        )

    def set_eligibility(
        self, nomination_id: int, eligible: bool, note: str | None
    ) -> NominationRow:
        status = "active" if eligible else "ineligible"
        return self._set_status(
            nomination_id, status, note, "nomination.eligibility", {"active", "ineligible"}
        )

    def set_publish(self, nomination_id: int, publish: bool) -> NominationRow:
        with self.db.transaction():
            before = self.get(nomination_id)
            self.db.conn.execute(
                "UPDATE nominations SET publish = ? WHERE id = ?", (int(publish), nomination_id)
            )
            self.db.audit(
                "nomination.publish",
                competition=before["competition"],
                entity="nomination",
                entity_id=nomination_id,
                before={"publish": before["publish"]},
                after={"publish": int(publish)},
            )
        return self.get(nomination_id)

    def set_english(
        self,
        nomination_id: int,
        *,
        title_en: str | None = None,
        organization_en: str | None = None,
        nominee_en: str | None = None,
    ) -> NominationRow:
        """The English job title, organisation name or unit for English documents (an empty
        text clears one). Nominations arrive in Finnish; the English forms are often added
        only for those placed."""
        from awards.text import clean_line

        changes = {
            column: clean_line(value) or None
            for column, value in (
                ("title_en", title_en),
                ("organization_en", organization_en),
                ("nominee_en", nominee_en),
            )
            if value is not None
        }
        if not changes:
            raise InvalidValue("nothing to set: give --title-en, --organization-en or --nominee-en")
        with self.db.transaction():
            before: Mapping[str, Any] = self.get(nomination_id)
            self.db.update_row("nominations", nomination_id, changes)
            self.db.audit(
                "nomination.set",
                competition=before["competition"],
                entity="nomination",
                entity_id=nomination_id,
                before={column: before[column] for column in changes},
                after=changes,
            )
        return self.get(nomination_id)

    def set_contact(self, nomination_id: int, email: str) -> NominationRow:
        """The candidate's own address, where `awards mail feedback` sends their feedback (never
        the nominator's). An empty text clears it."""
        from awards.text import clean_line, is_email, normalize_email

        text = clean_line(email)
        if text and not is_email(text):
            raise InvalidValue(f"{email!r} is not an email address")
        value = normalize_email(text) if text else None
        with self.db.transaction():
            before = self.get(nomination_id)
            if before["status"] == "merged" or before.get("merged_into"):
                raise InvalidValue(
                    f"nomination {nomination_id} is merged into {before['merged_into']}; "
                    f"set the candidate's address there"
                )
            self.db.update_row("nominations", nomination_id, {"contact_email": value})
            self.db.audit(
                "nomination.set",
                competition=before["competition"],
                entity="nomination",
                entity_id=nomination_id,
                before={"contact_email": before["contact_email"]},
                after={"contact_email": value},
            )
        return self.get(nomination_id)

    def contacts(self, slug: str) -> dict[int, str | None]:
        """Each candidate's own address for their feedback: the candidate's own, else the one
        address all the nominations merged into it agree on (None: none, or they disagree)."""
        competition = self.competitions.get(slug)
        own: dict[int, str | None] = {}
        merged: dict[int, set[str]] = {}
        for nomination_id, merged_into, contact in self.db.conn.execute(
            "SELECT id, merged_into, contact_email FROM nominations WHERE competition_id = ?",
            (competition["id"],),
        ):
            if merged_into is None:
                own[nomination_id] = contact
            elif contact:
                merged.setdefault(merged_into, set()).add(contact)
        for nomination_id, found in merged.items():
            if not own.get(nomination_id) and len(found) == 1:
                own[nomination_id] = next(iter(found))
        return own

    def duplicates(self, slug: str) -> list[DuplicateGroup]:
        from awards.duplicates import find_duplicates

        candidates = [n for n in self.all(slug) if n["status"] != "withdrawn"]
        return [
            {"ids": g.ids, "reason": g.reason, "strength": g.strength}
            for g in find_duplicates(candidates)
        ]

    def merge(self, keep_id: int, other_ids: Sequence[int]) -> MergedCandidate:
        """One candidate holding every merged nomination: the others keep their own rows, texts,
        nominators and dates, marked merged into `keep_id`."""
        others = sorted(set(other_ids))
        if not others:
            raise AwardsError("name at least one nomination to merge into the kept one")
        if keep_id in others:
            raise AwardsError(f"nomination {keep_id} cannot be merged into itself")
        with self.db.transaction():
            keep = self.get(keep_id)
            if keep["status"] == "merged":
                raise WrongState(
                    f"nomination {keep_id} is itself merged into {keep['merged_into']}; "
                    f"keep that one instead"
                )
            for other_id in others:
                other = self.in_competition(other_id, keep["competition"])
                if other["status"] == "merged":
                    raise WrongState(
                        f"nomination {other_id} is already merged into {other['merged_into']}"
                    )
            ids = [keep_id, *others]
            marks = ",".join("?" * len(ids))
            scored = self.db.value(
                f"SELECT nomination_id FROM scores WHERE nomination_id IN ({marks}) LIMIT 1", ids
            )
            if scored:
                raise WrongState(
                    f"nomination {scored} already has scores; merge before judging starts"
                )
            in_round = self.db.value(
                f"SELECT nomination_id FROM round_nominations WHERE nomination_id IN "
                f"({','.join('?' * len(others))}) LIMIT 1",
                others,
            )
            if in_round:
                raise WrongState(f"nomination {in_round} is already in a round; cannot merge it")
            other_marks = ",".join("?" * len(others))
            from .jury import Jury

            jury = Jury(self.db, self.competitions, self)
            before = jury.conflicted_pairs(keep["competition_id"])
            # Entries merged into one of the others now belong to the kept candidate.
            self.db.conn.execute(
                f"UPDATE nominations SET merged_into = ? WHERE merged_into IN ({other_marks})",
                [keep_id, *others],
            )
            self.db.conn.execute(
                f"UPDATE nominations SET status = 'merged', merged_into = ? "
                f"WHERE id IN ({other_marks})",
                [keep_id, *others],
            )
            # Conflicts follow the candidate: a juror in conflict with a merged entry (declared,
            # or by organisation) is now in conflict with the kept one, and loses any open
            # round's assignment to it at once.
            moved = self.db.value(
                f"SELECT count(*) FROM conflicts WHERE nomination_id IN ({other_marks})", others
            )
            gained = {
                j for j, n in jury.conflicted_pairs(keep["competition_id"]) - before if n == keep_id
            }
            unassigned = sum(
                jury._unassign_open(keep["competition_id"], j, {keep_id}) for j in gained
            )
            emails = [
                row[0]
                for row in self.db.conn.execute(
                    f"SELECT email FROM jurors WHERE id IN ({','.join('?' * len(gained))}) "
                    "ORDER BY email",
                    sorted(gained),
                )
            ]
            self.db.audit(
                "nomination.merge",
                competition=keep["competition"],
                entity="nomination",
                entity_id=keep_id,
                after={"kept": keep_id, "merged": others},
                note=(
                    f"now in conflict with the candidate: {', '.join(emails)} "
                    f"({moved} declared conflict(s) carried over, {unassigned} assignment(s) "
                    "taken away)"
                    if emails
                    else None
                ),
            )
        return {
            **self.get(keep_id),
            "conflicts_moved": moved,
            "now_in_conflict": emails,
            "unassigned": unassigned,
        }


def _form_id(form: str) -> str:
    """A short name for a form in the audit log (its key is the whole list of its columns)."""
    import hashlib

    return "form " + hashlib.sha256(form.encode()).hexdigest()[:10]


def _as_record(n: NominationInput) -> dict[str, Any]:
    return {
        "nominee": n.nominee,
        "organization": n.organization,
        "title": n.title,
        "nominator": n.nominator,
        "nominator_email": n.nominator_email,
        "submitted": n.submitted,
    }
