"""The mail log: every message `awards mail` wrote as a draft or sent, so that nothing goes twice
and an interrupted run continues where it stopped.

Each message is recorded in its own small transaction, right when it is written or handed to
the server: a run of forty messages interrupted at the thirtieth must keep the twenty-nine that
went. A message is marked `sending` before the server is asked and `sent` or `failed` after, so a
run killed in between leaves `sending`: it may have gone, and the next run says so rather than
sending it again."""

from __future__ import annotations

import json
from typing import Any, cast

from awards.rows import MailRecord, MailSummary

from .base import StoreBase, utc_now
from .competitions import Competitions

GONE = ("sent", "written")


class Mail:
    def __init__(self, db: StoreBase, competitions: Competitions) -> None:
        self.db = db
        self.competitions = competitions

    def history(
        self, slug: str, kind: str, round_id: int | None = None
    ) -> dict[str, list[MailRecord]]:
        """Every message of one kind (and round), by whose document it carried, oldest first."""
        competition = self.competitions.get(slug)
        rows = self.db.rows(
            "SELECT * FROM mail_log WHERE competition_id = ? AND kind = ? "
            "AND round_id IS ? ORDER BY id",
            (competition["id"], kind, round_id),
        )
        found: dict[str, list[MailRecord]] = {}
        for row in rows:
            row["details"] = json.loads(row["details"]) if row["details"] else {}
            found.setdefault(row["whose"], []).append(cast(MailRecord, row))
        return found

    def record(
        self,
        slug: str,
        *,
        round_id: int | None,
        kind: str,
        whose: str,
        recipient: str,
        subject: str,
        attachment: str | None,
        sha256: str | None,
        content: str,
        message_id: str,
        via: str,
        status: str,
        details: dict[str, Any] | None = None,
    ) -> int:
        """One message, in its own transaction, audited. Returns its id."""
        competition = self.competitions.get(slug)
        entry = {
            "competition_id": competition["id"],
            "round_id": round_id,
            "kind": kind,
            "whose": whose,
            "recipient": recipient,
            "subject": subject,
            "attachment": attachment,
            "sha256": sha256,
            "content": content,
            "message_id": message_id,
            "via": via,
            "status": status,
            "details": json.dumps(details, ensure_ascii=False, sort_keys=True) if details else None,
            "at": utc_now(),
        }
        with self.db.transaction():
            cursor = self.db.conn.execute(
                f"INSERT INTO mail_log ({', '.join(entry)}) "
                f"VALUES ({', '.join('?' for _ in entry)})",
                list(entry.values()),
            )
            mail_id = cursor.lastrowid
            self.db.audit(
                f"mail.{kind}",
                competition=slug,
                entity="mail",
                entity_id=mail_id,
                after={k: v for k, v in entry.items() if k != "competition_id"},
            )
        assert mail_id is not None
        return mail_id

    def finish(self, slug: str, mail_id: int, status: str, error: str | None = None) -> None:
        """A `sending` message's outcome: sent, or failed with the server's words."""
        with self.db.transaction():
            before = self.db.row("SELECT status, error FROM mail_log WHERE id = ?", (mail_id,))
            self.db.conn.execute(
                "UPDATE mail_log SET status = ?, error = ?, at = ? WHERE id = ?",
                (status, error, utc_now(), mail_id),
            )
            self.db.audit(
                "mail.result",
                competition=slug,
                entity="mail",
                entity_id=mail_id,
                before=before,
                after={"status": status, "error": error},
            )

    def summary(self, slug: str, round_id: int | None) -> dict[str, MailSummary]:
        """Per kind: messages sent, drafts written, to how many people, and the last time; for
        the round (sheets, reminders) and the competition (feedback)."""
        competition = self.competitions.get(slug)
        found: dict[str, MailSummary] = {}
        for kind, sent, drafted, people, last in self.db.conn.execute(
            "SELECT kind, sum(status = 'sent'), sum(status = 'written'), "
            "count(DISTINCT recipient), max(at) FROM mail_log WHERE competition_id = ? "
            "AND status IN ('sent', 'written') AND (round_id IS ? OR kind = 'feedback') "
            "GROUP BY kind",
            (competition["id"], round_id),
        ):
            found[kind] = {"sent": sent, "drafted": drafted, "people": people, "last": last}
        return found
