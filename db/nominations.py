"""Nominations: adding, importing, changing status, merging."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from awards.errors import AwardsError, InvalidValue, NotFound, WrongState

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

    def add(self, slug: str, nomination: NominationInput) -> int:
        clean = nomination.cleaned()
        with self.db.transaction():
            competition = self.competitions.get(slug)
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

    def add_many(
        self,
        slug: str,
        nominations: Sequence[NominationInput],
        source: str,
        *,
        dry_run: bool = False,
        form: tuple[str, dict[str, str]] | None = None,
        forget_form: bool = False,
    ) -> dict[str, Any]:
        """Add every nomination not already there, in one transaction; with `form` (its key and
        column mapping), remember the mapping for the next export of the same form.

        Returns counts: added, already (identical ones present before), repeated (identical rows
        within the file itself), and the new ids.
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
            new: list[NominationInput] = []
            already = repeated = 0
            seen: set[str] = set()
            for nomination in nominations:
                fingerprint = nomination.fingerprint()
                if fingerprint in known:
                    already += 1
                elif fingerprint in seen:
                    repeated += 1
                else:
                    seen.add(fingerprint)
                    new.append(nomination)
            result: dict[str, Any] = {
                "added": len(new),
                "already": already,
                "repeated": repeated,
                "ids": [],
            }
            if dry_run or not new:
                return result
            ids = self._insert(competition["id"], new, source)
            result["ids"] = ids
            self.db.audit(
                "nomination.import",
                competition=slug,
                entity="nomination",
                entity_id=f"{ids[0]}-{ids[-1]}",
                after={"source": source, "added": len(ids), "already": already},
            )
        return result

    def unmerge(self, nomination_id: int) -> dict[str, Any]:
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
        self, competition_id: int, nominations: Sequence[NominationInput], source: str
    ) -> list[int]:
        now = utc_now()
        first = (self.db.value("SELECT max(id) FROM nominations") or 0) + 1
        # Explicit ids in one executemany: one statement for the whole file, and the ids are
        # known without reading them back (we hold the write lock, so nobody else takes them).
        self.db.conn.executemany(
            "INSERT INTO nominations (id, competition_id, nominee, organization, title, nominator,"
            " nominator_email, reason, submitted, extra, source, fingerprint, created_at,"
            " title_en, organization_en, nominee_en, contact_email)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    n.fingerprint(),
                    now,
                    n.title_en,
                    n.organization_en,
                    n.nominee_en,
                    n.contact_email,
                )
                for i, n in enumerate(nominations)
            ],
        )
        return list(range(first, first + len(nominations)))

    def get(self, nomination_id: int) -> dict[str, Any]:
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
        return found

    def merged(self, nomination_id: int) -> list[dict[str, Any]]:
        rows = self.db.rows(
            "SELECT * FROM nominations WHERE merged_into = ? ORDER BY id", (nomination_id,)
        )
        for row in rows:
            row["extra"] = json.loads(row["extra"]) if row["extra"] else {}
        return rows

    def all(self, slug: str, status: str | None = None) -> list[dict[str, Any]]:
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
            return self.db.rows(
                sql + " AND n.status = ? ORDER BY n.id", (competition["id"], status)
            )
        return self.db.rows(sql + " AND n.status != 'merged' ORDER BY n.id", (competition["id"],))

    def in_competition(self, nomination_id: int, slug: str | None = None) -> dict[str, Any]:
        nomination = self.get(nomination_id)
        if slug is not None and nomination["competition"] != slug:
            raise AwardsError(
                f"nomination {nomination_id} belongs to {nomination['competition']}, not {slug}"
            )
        return nomination

    def _set_status(
        self, nomination_id: int, status: str, note: str | None, action: str, allowed: set[str]
    ) -> dict[str, Any]:
        with self.db.transaction():
            before = self.get(nomination_id)
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

    def withdraw(self, nomination_id: int, reason: str) -> dict[str, Any]:
        if not reason.strip():
            raise AwardsError("say why with --reason")
        return self._set_status(
            nomination_id,
            "withdrawn",
            reason.strip(),
            "nomination.withdraw",
            {"active", "ineligible"},
        )

    def set_eligibility(self, nomination_id: int, eligible: bool, note: str | None) -> dict:
        status = "active" if eligible else "ineligible"
        return self._set_status(
            nomination_id, status, note, "nomination.eligibility", {"active", "ineligible"}
        )

    def set_publish(self, nomination_id: int, publish: bool) -> dict[str, Any]:
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
    ) -> dict[str, Any]:
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
            before = self.get(nomination_id)
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

    def set_contact(self, nomination_id: int, email: str) -> dict[str, Any]:
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

    def duplicates(self, slug: str) -> list[dict[str, Any]]:
        from awards.duplicates import find_duplicates

        candidates = [n for n in self.all(slug) if n["status"] != "withdrawn"]
        return [
            {"ids": g.ids, "reason": g.reason, "strength": g.strength}
            for g in find_duplicates(candidates)
        ]

    def merge(self, keep_id: int, other_ids: Sequence[int]) -> dict[str, Any]:
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
            self.db.audit(
                "nomination.merge",
                competition=keep["competition"],
                entity="nomination",
                entity_id=keep_id,
                after={"kept": keep_id, "merged": others},
            )
        return self.get(keep_id)


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
