"""Competitions and their own copies of the criteria."""

from __future__ import annotations

import re
from datetime import date
from typing import Any, cast

from awards.errors import AwardsError, InvalidValue, NotFound, WrongState
from awards.models import Criterion, customer_service_week_monday, validate_criteria
from awards.rows import CompetitionListing, CompetitionRow
from awards.text import clean_line, clean_text

from .base import StoreBase, utc_now

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class Competitions:
    """Competitions and their own copies of the criteria. Needs only the base."""

    def __init__(self, db: StoreBase) -> None:
        self.db = db

    def create(
        self,
        category: str,
        year: int,
        *,
        slug: str | None = None,
        title: str | None = None,
        deadline: date | None = None,
        announce: date | None = None,
        criteria: list[Criterion] | None = None,
    ) -> CompetitionRow:
        from awards.presets import preset as category_preset

        preset = category_preset(category)
        if not 2000 <= year <= 2100:
            raise InvalidValue(f"year {year} is not a plausible competition year")
        slug = slug or f"{category}-{year}"
        if not _SLUG.match(slug):
            raise InvalidValue(
                f"slug {slug!r} must be lowercase letters, digits and hyphens "
                f"(e.g. {category}-{year})"
            )
        title = clean_line(title) if title else preset.title("fi", year)
        if not title:
            raise InvalidValue("the title must not be empty")
        announce = announce or customer_service_week_monday(year)
        if deadline and deadline > announce:
            raise InvalidValue(f"the deadline {deadline} is after the announcement date {announce}")
        chosen = list(criteria) if criteria is not None else list(preset.criteria)
        validate_criteria(chosen)
        with self.db.transaction():
            if self.db.value("SELECT 1 FROM competitions WHERE slug = ?", (slug,)):
                raise AwardsError(f"competition {slug} already exists")
            cursor = self.db.conn.execute(
                "INSERT INTO competitions (slug, category, year, title, deadline, announce_date, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    slug,
                    category,
                    year,
                    title,
                    deadline.isoformat() if deadline else None,
                    announce.isoformat(),
                    utc_now(),
                ),
            )
            competition_id = cursor.lastrowid
            self.db.conn.executemany(
                "INSERT INTO criteria (competition_id, position, key, name_fi, name_en, weight, "
                "min, max, step) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (competition_id, i, c.key, c.name_fi, c.name_en, c.weight, c.min, c.max, c.step)
                    for i, c in enumerate(chosen)
                ],
            )
            created = self.get(slug)
            self.db.audit(
                "competition.create",
                competition=slug,
                entity="competition",
                entity_id=competition_id,
                after={**created, "criteria": [c.key for c in chosen]},
            )
        return created

    def get(self, slug: str) -> CompetitionRow:
        found = self.db.row("SELECT * FROM competitions WHERE slug = ?", (slug,))
        if found is None:
            slugs = [r[0] for r in self.db.conn.execute("SELECT slug FROM competitions")]
            raise NotFound("competition", slug, slugs)
        return cast(CompetitionRow, found)

    def all(self, year: int | None = None) -> list[CompetitionListing]:
        """Every competition with its derived status: nominations, judging or decided."""
        sql = """
            SELECT c.*,
                CASE
                    WHEN EXISTS (SELECT 1 FROM winners w WHERE w.competition_id = c.id
                                 AND w.place = 'winner') THEN 'decided'
                    WHEN EXISTS (SELECT 1 FROM rounds r WHERE r.competition_id = c.id)
                        THEN 'judging'
                    ELSE 'nominations'
                END AS status
            FROM competitions c
        """
        if year is not None:
            rows = self.db.rows(sql + " WHERE c.year = ? ORDER BY c.year, c.slug", (year,))
        else:
            rows = self.db.rows(sql + " ORDER BY c.year, c.slug")
        return cast(list[CompetitionListing], rows)

    def criteria(self, competition_id: int) -> list[Criterion]:
        return [
            Criterion(*row)
            for row in self.db.conn.execute(
                "SELECT key, name_fi, name_en, weight, min, max, step FROM criteria "
                "WHERE competition_id = ? ORDER BY position",
                (competition_id,),
            )
        ]

    def set_criterion(
        self,
        slug: str,
        key: str,
        *,
        weight: float | None = None,
        min: float | None = None,
        max: float | None = None,
        step: float | None = None,
    ) -> Criterion:
        with self.db.transaction():
            competition = self.get(slug)
            if self.db.value("SELECT 1 FROM rounds WHERE competition_id = ?", (competition["id"],)):
                raise WrongState(
                    f"judging has started in {slug}: criteria cannot change once a round is open"
                )
            criteria = self.criteria(competition["id"])
            by_key = {c.key: c for c in criteria}
            if key not in by_key:
                raise NotFound("criterion", key, list(by_key), where=slug)
            old = by_key[key]
            new = Criterion(
                old.key,
                old.name_fi,
                old.name_en,
                weight=old.weight if weight is None else weight,
                min=old.min if min is None else min,
                max=old.max if max is None else max,
                step=old.step if step is None else step,
            )
            validate_criteria([new if c.key == key else c for c in criteria])
            self.db.conn.execute(
                "UPDATE criteria SET weight = ?, min = ?, max = ?, step = ? "
                "WHERE competition_id = ? AND key = ?",
                (new.weight, new.min, new.max, new.step, competition["id"], key),
            )
            self.db.audit(
                "criterion.set",
                competition=slug,
                entity="criterion",
                entity_id=key,
                before=_criterion_dict(old),
                after=_criterion_dict(new),
            )
        return new

    def set(
        self, slug: str, *, chair_quote: str | None = None, chair_quote_en: str | None = None
    ) -> CompetitionRow:
        """Set what the release quotes from the jury chair (an empty text clears it)."""
        changes = {
            column: clean_text(value).strip() or None
            for column, value in (("chair_quote", chair_quote), ("chair_quote_en", chair_quote_en))
            if value is not None
        }
        if not changes:
            raise InvalidValue("nothing to set: give --chair-quote or --chair-quote-en")
        with self.db.transaction():
            competition = self.get(slug)
            self.db.update_row("competitions", competition["id"], changes)
            self.db.audit(
                "competition.set",
                competition=slug,
                entity="competition",
                entity_id=slug,
                before={column: competition.get(column) for column in changes},
                after=changes,
            )
            return self.get(slug)


def _criterion_dict(c: Criterion) -> dict[str, Any]:
    return {"weight": c.weight, "min": c.min, "max": c.max, "step": c.step}
