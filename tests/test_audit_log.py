"""The audit log's `after` is what the database holds after the change, field for field:
a whole year of write commands, each new entry compared with a fresh read."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SLUG = "customer-advisor-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")

# Keys of `after` that record what was asked for or counted, not a stored field; every other key
# must equal a fresh read. Listed per action, so that a new key is a decision, not an accident.
REQUEST_KEYS: dict[str, set[str]] = {
    "round.advance": {"top", "min_score"},
    "nomination.import": {"source", "added", "already"},
    "score.set": {"comments"},
    "score.import": {"comments"},
}


def _one(conn: sqlite3.Connection, sql: str, params: tuple) -> dict[str, Any]:
    conn.row_factory = sqlite3.Row
    row = conn.execute(sql, params).fetchone()
    conn.row_factory = None
    assert row is not None, (sql, params)
    return dict(row)


def _competition(conn: sqlite3.Connection, entry: dict[str, Any]) -> dict[str, Any]:
    return _one(conn, "SELECT * FROM competitions WHERE slug = ?", (entry["competition"],))


def _round(conn: sqlite3.Connection, entry: dict[str, Any]) -> dict[str, Any]:
    return _one(
        conn,
        "SELECT r.* FROM rounds r JOIN competitions c ON c.id = r.competition_id "
        "WHERE c.slug = ? AND r.number = ?",
        (entry["competition"], int(entry["entity_id"])),
    )


def stored_competition(conn, entry, after) -> dict[str, Any]:
    row = _competition(conn, entry)
    row["criteria"] = [
        r[0]
        for r in conn.execute(
            "SELECT key FROM criteria WHERE competition_id = ? ORDER BY position", (row["id"],)
        )
    ]
    return row


def stored_criterion(conn, entry, after) -> dict[str, Any]:
    return _one(
        conn,
        "SELECT weight, min, max, step FROM criteria WHERE key = ? AND competition_id = "
        "(SELECT id FROM competitions WHERE slug = ?)",
        (entry["entity_id"], entry["competition"]),
    )


def stored_nomination(conn, entry, after) -> dict[str, Any]:
    row = _one(conn, "SELECT * FROM nominations WHERE id = ?", (int(entry["entity_id"]),))
    row["note"] = row["status_note"]
    return row


def stored_import(conn, entry, after) -> dict[str, Any]:
    first, last = map(int, entry["entity_id"].split("-"))
    return {"ids": [r[0] for r in conn.execute(
        "SELECT id FROM nominations WHERE id BETWEEN ? AND ?", (first, last))]}  # fmt: skip


def stored_merge(conn, entry, after) -> dict[str, Any]:
    merged = [
        r[0]
        for r in conn.execute(
            "SELECT id FROM nominations WHERE merged_into = ? AND status = 'merged' AND id IN "
            f"({','.join('?' * len(after['merged']))}) ORDER BY id",
            (after["kept"], *after["merged"]),
        )
    ]
    return {"kept": after["kept"], "merged": merged}


def stored_juror(conn, entry, after) -> dict[str, Any]:
    row = _one(conn, "SELECT * FROM jurors WHERE email = ?", (entry["entity_id"],))
    role = conn.execute(
        "SELECT role FROM jury_members WHERE juror_id = ? AND competition_id = "
        "(SELECT id FROM competitions WHERE slug = ?)",
        (row["id"], entry["competition"]),
    ).fetchone()
    row["role"] = role[0] if role else None
    return row


def stored_conflict(conn, entry, after) -> dict[str, Any]:
    row = _one(
        conn,
        "SELECT c.nomination_id AS nomination, c.organization, c.reason, j.email AS juror "
        "FROM conflicts c JOIN jurors j ON j.id = c.juror_id WHERE j.email = ? AND "
        "c.competition_id = (SELECT id FROM competitions WHERE slug = ?) ORDER BY c.id DESC",
        (entry["entity_id"], entry["competition"]),
    )
    return row


def stored_round(conn, entry, after) -> dict[str, Any]:
    row = _round(conn, entry)
    row["nominations"] = conn.execute(
        "SELECT count(*) FROM round_nominations WHERE round_id = ?", (row["id"],)
    ).fetchone()[0]
    row["assignments"] = conn.execute(
        "SELECT count(*) FROM assignments WHERE round_id = ?", (row["id"],)
    ).fetchone()[0]
    row["ranked"] = conn.execute(
        "SELECT count(*) FROM round_results WHERE round_id = ?", (row["id"],)
    ).fetchone()[0]
    row["tie_break"] = row["tie_break"].split(",") if row["tie_break"] else []
    row["shortlist"] = [
        r[0]
        for r in conn.execute(
            "SELECT nomination_id FROM round_nominations WHERE round_id = ? AND advanced "
            "ORDER BY nomination_id",
            (row["id"],),
        )
    ]
    return row


def stored_scores(conn, entry, after) -> dict[str, Any]:
    round_id = _round(conn, entry)["id"]
    changes = []
    for change in after["changes"]:
        value = conn.execute(
            "SELECT s.value FROM scores s JOIN jurors j ON j.id = s.juror_id WHERE s.round_id = ? "
            "AND j.email = ? AND s.nomination_id = ? AND s.criterion = ?",
            (round_id, change["juror"], change["nomination"], change["criterion"]),
        ).fetchone()
        changes.append({**change, "new": value[0] if value else None})
    return {"changes": changes}


def stored_score_remove(conn, entry, after) -> dict[str, Any]:
    round_id = _round(conn, entry)["id"]
    left = conn.execute(
        "SELECT count(*) FROM scores s JOIN jurors j ON j.id = s.juror_id WHERE s.round_id = ? "
        "AND j.email = ? AND s.nomination_id = ?",
        (round_id, after["juror"], after["nomination"]),
    ).fetchone()[0]
    return {"juror": after["juror"], "nomination": after["nomination"], "scores": left}


def stored_winner(conn, entry, after) -> dict[str, Any] | None:
    conn.row_factory = sqlite3.Row
    row = conn.execute(
        "SELECT place, citation, citation_en, override_reason FROM winners w JOIN competitions c "
        "ON c.id = w.competition_id WHERE c.slug = ? AND w.nomination_id = ?",
        (entry["competition"], int(entry["entity_id"])),
    ).fetchone()
    conn.row_factory = None
    return dict(row) if row else None


def stored_organizer(conn, entry, after) -> dict[str, Any]:
    return _one(conn, "SELECT * FROM organizer WHERE id = 1", ())


def stored_copy(conn, entry, after) -> dict[str, Any]:
    row = stored_competition(conn, entry, after)
    row["jurors"] = [
        r[0]
        for r in conn.execute(
            "SELECT j.email FROM jury_members m JOIN jurors j ON j.id = m.juror_id "
            "WHERE m.competition_id = ?",
            (row["id"],),
        )
    ]
    row["conflicts"] = conn.execute(
        "SELECT count(*) FROM conflicts WHERE competition_id = ?", (row["id"],)
    ).fetchone()[0]
    row["from"] = after["from"]  # where it was copied from is not a field of the copy
    return row


STORED: dict[str, Callable[..., Any]] = {
    "organizer.set": stored_organizer,
    "competition.create": stored_competition,
    "competition.set": stored_competition,
    "competition.copy": stored_copy,
    "criterion.set": stored_criterion,
    "nomination.add": stored_nomination,
    "nomination.import": stored_import,
    "nomination.set": stored_nomination,
    "nomination.publish": stored_nomination,
    "nomination.withdraw": stored_nomination,
    "nomination.eligibility": stored_nomination,
    "nomination.merge": stored_merge,
    "nomination.unmerge": stored_nomination,
    "juror.add": stored_juror,
    "juror.set": stored_juror,
    "juror.remove": lambda conn, entry, after: None,
    "conflict.add": stored_conflict,
    "round.open": stored_round,
    "round.close": stored_round,
    "round.advance": stored_round,
    "score.set": stored_scores,
    "score.import": stored_scores,
    "score.remove": stored_score_remove,
    "winner.declare": stored_winner,
    "winner.remove": stored_winner,
}


class Checked:
    """Runs write commands and checks every audit entry each one adds."""

    def __init__(self, awards) -> None:
        self.awards = awards
        self.seen = 0
        self.compared: dict[str, int] = {}

    def __call__(self, *args: Any) -> Any:
        result = self.awards(*args)
        conn = sqlite3.connect(self.awards.db)
        try:
            entries = conn.execute(
                "SELECT id, action, competition, entity_id, after FROM audit_log WHERE id > ? "
                "ORDER BY id",
                (self.seen,),
            ).fetchall()
            for entry_id, action, competition, entity_id, after_text in entries:
                self.seen = entry_id
                entry = {"action": action, "competition": competition, "entity_id": entity_id}
                after = json.loads(after_text) if after_text else None
                assert action in STORED, f"no fresh read known for {action} (after {after})"
                stored = STORED[action](conn, entry, after)
                if after is None or stored is None:
                    assert after == stored, (args, action, after, stored)
                else:
                    fields = set(after) - REQUEST_KEYS.get(action, set())
                    if action == "nomination.import":
                        fields, after = {"ids"}, {"ids": stored["ids"]}
                        assert len(stored["ids"]) == json.loads(after_text)["added"]
                    missing = fields - set(stored)
                    assert not missing, f"{action}: after names {missing}, not stored fields"
                    for field in fields:
                        assert after[field] == stored[field], (
                            f"`awards {' '.join(map(str, args))}`: {action} logged {field} = "
                            f"{after[field]!r}; the database holds {stored[field]!r}"
                        )
                self.compared[action] = self.compared.get(action, 0) + 1
        finally:
            conn.close()
        return result


@pytest.mark.slow
def test_every_write_commands_after_is_the_stored_state(awards, tmp_path: Path) -> None:
    run = Checked(awards)
    run("organizer", "set", "--name", "Wave", "--contact", "Maija", "--embargo-time", "9.00")
    run("organizer", "set", "--city", "Helsinki")
    run("competition", "create", "--category", "customer-advisor", "--year", "2026")
    run("competition", "set", SLUG, "--chair-quote", "Hienoa työtä.")
    run("criteria", "set", SLUG, "feedback", "--weight", "30")
    for i in range(1, 5):
        run("nomination", "add", SLUG, "--nominee", f"Ehdokas {i}", "--organization",
            f"Yritys {i} Oy", "--nominator", "Asiakas")  # fmt: skip
    csv = tmp_path / "ehdotukset.csv"
    csv.write_text("ehdokas;organisaatio\nEhdokas 1;Yritys 1 Oy\nEhdokas 6;Yritys 6 Oy\n")
    run("nomination", "import", SLUG, csv)
    run("nomination", "set", "1", "--title-en", "customer advisor")
    run("nomination", "publish", "2", "--no")
    run("nomination", "merge", "1", "5")
    run("nomination", "unmerge", "5")
    run("nomination", "merge", "1", "5")
    for j in (1, 2, 3, 4):
        run("juror", "add", SLUG, "--name", f"Tuomari {j}", "--email", f"juror{j}@example.fi",
            "--role", "chair" if j == 1 else "member")  # fmt: skip
    run("juror", "remove", SLUG, "juror4@example.fi")
    run("juror", "set", "juror3@example.fi", "--organization", "Muu Oy")
    run("conflict", "add", SLUG, "juror2@example.fi", "--nomination", "3", "--reason", "Sisar")
    run("conflict", "add", SLUG, "juror3@example.fi", "--organization", "Yritys 4 Oy",
        "--reason", "Entinen työnantaja")  # fmt: skip
    run("round", "open", SLUG)
    assigned = [(a["juror"], a["nomination"]) for a in awards.json("round", "assignments", SLUG)]
    for juror, n in assigned:
        run("score", "set", SLUG, "--juror", juror, "--nomination", n,
            *[f"{k}={(n + len(juror)) % 10}" for k in KEYS], "--comment", "Hyvä")  # fmt: skip
    juror, n = assigned[0]
    run("score", "set", SLUG, "--juror", juror, "--nomination", n, "encounter=10")
    scores = tmp_path / "pisteet.csv"
    scores.write_text(f"juror;nomination;criterion;score\n{juror};{n};solutions;9,5\n")
    run("score", "import", SLUG, scores)
    run("score", "remove", SLUG, "--juror", juror, "--nomination", n)
    run("score", "set", SLUG, "--juror", juror, "--nomination", n, *[f"{k}=8" for k in KEYS])
    run("nomination", "eligibility", "6", "--ineligible", "--note", "Ei asiakastyössä")
    run("round", "close", SLUG)
    run("round", "advance", SLUG, "--top", "2")
    run("round", "open", SLUG, "--name", "Finaali")
    for a in awards.json("round", "assignments", SLUG):
        run("score", "set", SLUG, "--juror", a["juror"], "--nomination", a["nomination"],
            *[f"{k}={5 + a['nomination'] % 5}" for k in KEYS])  # fmt: skip
    run("round", "close", SLUG)
    ranking = awards.json("ranking", SLUG)
    first, second = ranking[0]["nomination"], ranking[1]["nomination"]
    run("winner", "declare", SLUG, "--nomination", first, "--citation", "Kohtaa jokaisen.")
    run("winner", "declare", SLUG, "--nomination", first, "--citation-en", "Meets everyone.")
    run("winner", "declare", SLUG, "--nomination", second, "--place", "mention")
    run("winner", "remove", SLUG, "--nomination", second)
    run("winner", "declare", SLUG, "--nomination", second, "--place", "runner-up",
        "--citation", "Tasaisen vahva.")  # fmt: skip
    run("nomination", "withdraw", "4", "--reason", "Vaihtoi alaa")
    run("competition", "create", "--year", "2027", "--from", SLUG)
    run("juror", "set", "juror1@example.fi", "--name", "Tuomari Yksi")
    # Every kind of entry the year wrote was compared, most of them more than once.
    assert set(run.compared) == set(STORED), set(STORED) - set(run.compared)
    assert sum(run.compared.values()) >= 60, run.compared


def test_a_score_imports_record_is_the_json_of_its_changes(advisor, tmp_path: Path) -> None:
    """A score write spells its audit record's changes itself (a national import has 500,000):
    the text is exactly what json.dumps(sort_keys=True, ensure_ascii=False) writes for them,
    with a changed value's old one, a score of 0 and a Finnish remark."""
    awards = advisor(nominations=2, jurors=2)
    awards("juror", "add", SLUG, "--name", "Äijä", "--email", "Jääskeläinen@Example.fi")
    awards("round", "open", SLUG)
    pairs = [(a["juror"], a["nomination"]) for a in awards.json("round", "assignments", SLUG)]
    assert any("ä" in juror for juror, _ in pairs)
    sheet = tmp_path / "pisteet.csv"

    def import_with(first: str) -> dict[str, Any]:
        lines = ["juror;nomination;criterion;score;kommentti"]
        for i, (juror, n) in enumerate(pairs):
            for k, key in enumerate(KEYS):
                value = first if (i, k) == (0, 0) else f"{(n + k) % 10},5"
                lines.append(f"{juror};{n};{key};{value};Hyvä ”esitys”")
        sheet.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
        awards("score", "import", SLUG, sheet)
        conn = sqlite3.connect(awards.db)
        try:
            (text,) = conn.execute(
                "SELECT after FROM audit_log WHERE action = 'score.import' ORDER BY id DESC"
            ).fetchone()
        finally:
            conn.close()
        after = json.loads(text)
        assert text == json.dumps(after, ensure_ascii=False, sort_keys=True)
        return after

    first = import_with("0")
    assert len(first["changes"]) == len(pairs) * len(KEYS)
    assert {c["old"] for c in first["changes"]} == {None}
    assert first["changes"][0]["new"] == 0.0
    again = import_with("7,5")
    assert again == {
        "changes": [
            {
                "criterion": KEYS[0],
                "juror": pairs[0][0],
                "new": 7.5,
                "nomination": pairs[0][1],
                "old": 0.0,
            }
        ],
        "comments": 0,
    }


def test_an_entrys_hash_is_the_same_however_its_text_is_cut(monkeypatch) -> None:
    """`entry_hash` encodes a long entry (a national import's record) in slices; the digest is
    the one of the whole entry joined and encoded at once, wherever a slice ends: inside text
    with multi-byte characters, an emoji, a lone surrogate and the separators themselves."""
    import hashlib
    import random

    from awards.db import tamper

    def whole(previous: str | None, row: list[object]) -> str:
        parts = [previous or tamper.GENESIS]
        parts += ["\x00" if value is None else str(value) for value in row]
        return hashlib.sha256("\x1e".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    rng = random.Random(5)
    alphabet = "aä€😀\udc80\x00\x1e, {}"
    monkeypatch.setattr(tamper, "HASH_SLICE", 3)
    for _ in range(300):
        row: list[object] = [
            None
            if rng.random() < 0.2
            else "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
            for _ in range(rng.randint(0, 11))
        ]
        previous = rng.choice([None, "ab" * 32])
        assert tamper.entry_hash(previous, row) == whole(previous, row)
