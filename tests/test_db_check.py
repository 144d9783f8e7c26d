"""`awards db check`: what was changed outside awards is named (the audit log's hash chain, the
seals of rounds, places and juries), the public exports refuse until `db check --accept`, and
the caches miss on an edit made with `sqlite3`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

SLUG = "customer-advisor-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


def scored(awards, close: bool = True):
    """Three candidates scored by two jurors (9, 7, 5), the round closed when `close`."""
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for n in (1, 2, 3):
        awards("nomination", "add", SLUG, "--nominee", f"Ehdokas {n}",
               "--organization", f"Yritys {n} Oy")  # fmt: skip
    for j in (1, 2):
        role = "chair" if j == 1 else "member"
        awards("juror", "add", SLUG, "--name", f"Tuomari {j}", "--email", f"j{j}@example.fi",
               "--organization", "Tuomaristo ry", "--role", role)  # fmt: skip
    awards("round", "open", SLUG)
    for j in (1, 2):
        for n, level in ((1, 9), (2, 7), (3, 5)):
            awards("score", "set", SLUG, "--juror", f"j{j}@example.fi", "--nomination", n,
                   *[f"{k}={level}" for k in KEYS])  # fmt: skip
    if close:
        awards("round", "close", SLUG)
    return awards


def decide(awards):
    """A decided year: nomination 1 wins, 2 is runner-up."""
    scored(awards)
    awards("winner", "declare", SLUG, "--nomination", 1, "--citation", "Paras.")
    awards("winner", "declare", SLUG, "--nomination", 2, "--place", "runner-up")
    return awards


@pytest.fixture
def decided(awards):
    return decide(awards)


def outside(db: Path, *statements: str) -> None:
    """Edit the file as anyone with `sqlite3` could."""
    conn = sqlite3.connect(db)
    try:
        for sql in statements:
            conn.execute(sql)
        conn.commit()
    finally:
        conn.close()


def problems(awards) -> list[str]:
    result = awards("db", "check", ok=False)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return [line for line in result.stderr.splitlines() if line.startswith("problem: ")]


def exports_refused(awards, tmp_path: Path) -> None:
    for args in (
        ("export", "announcement", SLUG, "-o", tmp_path / "tiedote.docx"),
        ("export", "certificates", SLUG, "--out", tmp_path / "certificates"),
        ("export", "results", SLUG, "--format", "csv"),
    ):
        error = awards.refused(*args)
        assert "changed outside awards" in error and "db check --accept" in error, error
    assert not (tmp_path / "tiedote.docx").exists()
    assert not (tmp_path / "certificates").exists()


def test_a_fresh_year_checks_clean_and_exports(decided, tmp_path: Path) -> None:
    result = decided("db", "check")
    assert "audit chain, seals" in result.stdout
    decided("export", "announcement", SLUG, "-o", tmp_path / "tiedote.docx")
    assert (tmp_path / "tiedote.docx").stat().st_size > 0
    # Every entry is chained, and nothing is left to accept.
    conn = sqlite3.connect(decided.db)
    assert conn.execute("SELECT count(*) FROM audit_log WHERE hash IS NULL").fetchone() == (0,)
    conn.close()
    assert "nothing to accept" in decided("db", "check", "--accept").stdout


def test_a_score_changed_with_sqlite3_is_named_and_blocks_the_exports(
    decided, tmp_path: Path
) -> None:
    outside(decided.db, "UPDATE scores SET value = 10 WHERE nomination_id = 3")
    found = problems(decided)
    assert f"problem: {SLUG} round 1 (Esikarsinta): changed outside awards (table scores)" in (
        found
    ), found
    exports_refused(decided, tmp_path)
    # The coordinator looks, then accepts: said, audited, and the exports work again.
    result = decided("db", "check", "--accept", ok=False)
    assert "Accepted 1 change(s) made outside awards" in result.stdout, result.output
    assert "accepted: " + SLUG + " round 1 (Esikarsinta): changed outside awards" in result.stderr
    # Accepted is not consistent: the frozen ranking no longer follows from the scores.
    assert result.exit_code == 1
    assert "nomination 3 was frozen at rank 3 (score 50.0) but its scores now give rank 1" in (
        result.stderr
    )
    entry = decided.json("log", "--limit", "1")[0]
    assert entry["action"] == "db.accept"
    assert any("table scores" in line for line in entry["after"]["accepted"])
    decided("export", "announcement", SLUG, "-o", tmp_path / "tiedote.docx")
    decided("export", "results", SLUG, "--format", "csv")


def test_a_winner_changed_with_sqlite3_is_named_and_blocks_the_release(
    decided, tmp_path: Path
) -> None:
    outside(decided.db, "UPDATE winners SET nomination_id = 3 WHERE place = 'winner'")
    found = problems(decided)
    assert f"problem: {SLUG} declared places: changed outside awards (tables nominations, " \
        "winners)" in found, found  # fmt: skip
    exports_refused(decided, tmp_path)
    decided("db", "check", "--accept")
    decided("db", "check")
    decided("export", "certificates", SLUG, "--out", tmp_path / "certificates")


def test_the_jury_changed_with_sqlite3_is_named(decided) -> None:
    outside(decided.db, "UPDATE jurors SET name = 'Joku Muu' WHERE email = 'j1@example.fi'")
    assert f"problem: {SLUG} jury: changed outside awards (table jurors)" in problems(decided)
    outside(decided.db, "DELETE FROM conflicts")  # nothing to delete: still only the name
    assert len([p for p in problems(decided) if "jury" in p]) == 1


def test_a_later_write_of_the_tool_does_not_hide_an_outside_edit(decided) -> None:
    """The next ordinary change to the same places re-seals only what the tool itself wrote:
    the citation edited with sqlite3 stays reported."""
    outside(decided.db, "UPDATE winners SET citation = 'Väärennetty.' WHERE place = 'winner'")
    decided("winner", "declare", SLUG, "--nomination", 3, "--place", "mention")
    decided("juror", "add", SLUG, "--name", "Uusi", "--email", "uusi@example.fi")
    assert f"problem: {SLUG} declared places: changed outside awards (table winners)" in (
        problems(decided)
    )


def test_a_later_score_of_the_tool_does_not_hide_an_outside_score_edit(awards) -> None:
    scored(awards, close=False)
    outside(awards.db, "UPDATE scores SET value = 0 WHERE nomination_id = 1 AND juror_id = 1")
    awards("score", "set", SLUG, "--juror", "j2@example.fi", "--nomination", 3,
           *[f"{k}=6" for k in KEYS])  # fmt: skip
    found = problems(awards)
    assert f"problem: {SLUG} round 1 (Esikarsinta): changed outside awards (table scores)" in (
        found
    ), found


def test_an_edited_audit_entry_breaks_the_chain_there(decided) -> None:
    # The only door in the log's triggers: the purge's permission, planted by hand.
    outside(
        decided.db,
        "INSERT INTO settings (key, value) VALUES ('purging', '1')",
        'UPDATE audit_log SET after = \'{"nominee": "Joku"}\' WHERE id = 3',
        "DELETE FROM settings WHERE key = 'purging'",
    )
    found = problems(decided)
    assert [p for p in found if "audit log" in p] == [
        "problem: audit log entry 3 (nomination.add) does not match its hash: it was edited "
        "outside awards, or an entry before it was removed or inserted"
    ], found
    decided("db", "check", "--accept")
    decided("db", "check")
    decided("nomination", "add", SLUG, "--nominee", "Myöhäinen", "--late")
    decided("db", "check")  # the chain goes on from the re-sealed one


def test_entries_cut_off_the_end_of_the_log_are_noticed(decided) -> None:
    conn = sqlite3.connect(decided.db)
    (trigger,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'"
    ).fetchone()
    last = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    conn.close()
    outside(
        decided.db,
        "DROP TRIGGER audit_log_no_delete",
        f"DELETE FROM audit_log WHERE id > {last - 2}",
        trigger,  # put back exactly as it was: the schema is awards' own again
    )
    found = problems(decided)
    assert any(f"entry {last}, the newest awards wrote, is gone" in p for p in found), found


def test_an_entry_inserted_outside_is_noticed(decided) -> None:
    outside(
        decided.db,
        "INSERT INTO audit_log (at, actor, action) VALUES ('2030-01-01T00:00:00+00:00', 'x', 'y')",
    )
    found = problems(decided)
    assert any("has no hash: written outside awards" in p for p in found), found


def test_a_planted_trigger_in_the_live_file_is_named_and_cannot_be_accepted(
    decided, tmp_path: Path
) -> None:
    outside(
        decided.db,
        "CREATE TRIGGER swap AFTER INSERT ON audit_log BEGIN "
        "UPDATE winners SET nomination_id = 3 WHERE place = 'winner'; END",
    )
    found = problems(decided)
    assert "problem: trigger swap on audit_log is not part of the awards schema" in found
    exports_refused(decided, tmp_path)
    error = decided.refused("db", "check", "--accept")
    assert "cannot be accepted" in error and "trigger swap on audit_log" in error


def test_the_privacy_purge_keeps_the_chain(decided) -> None:
    """The purge redacts logged values (the one rewrite of the log the tool makes) and
    re-chains from the first redacted entry: the check stays clean, nothing to accept."""
    decided("nomination", "add", SLUG, "--late", "--nominee", "Ehdokas 4", "--nominator", "Matti M",
            "--nominator-email", "matti.meikalainen@example.fi", "--reason", "Hyvä.")  # fmt: skip
    result = decided("privacy", "purge", "--year", 2026, "--yes")
    assert "redacted in 1 log entries" in result.stdout, result.stdout
    conn = sqlite3.connect(decided.db)
    logged = conn.execute("SELECT after FROM audit_log WHERE action = 'nomination.add'").fetchall()
    conn.close()
    assert not any("matti.meikalainen" in (a or "") for (a,) in logged)
    decided("db", "check")
    assert "nothing to accept" in decided("db", "check", "--accept").stdout


def test_every_write_bumps_the_change_counter(decided) -> None:
    def counter() -> int:
        conn = sqlite3.connect(decided.db)
        try:
            return conn.execute("SELECT counter FROM changes").fetchone()[0]
        finally:
            conn.close()

    before = counter()
    decided("organizer", "set", "--name", "Yhdistys ry")
    decided("nomination", "add", SLUG, "--nominee", "Uusi", "--late")
    assert counter() == before + 2
    decided.json("ranking", SLUG)  # reading (and keeping a cache) is not a change
    assert counter() == before + 2


def test_a_score_changed_outside_misses_the_open_ranking_cache(awards) -> None:
    scored(awards, close=False)
    assert [r["nomination"] for r in awards.json("ranking", SLUG)] == [1, 2, 3]
    outside(awards.db, "UPDATE scores SET value = 10 WHERE nomination_id = 3")  # no audit entry
    assert [r["nomination"] for r in awards.json("ranking", SLUG)] == [3, 1, 2]


def test_a_score_changed_outside_misses_the_closed_rounds_panel_cache(awards) -> None:
    scored(awards)
    awards.json("panel", SLUG)
    outside(awards.db, "UPDATE panel_cache SET analysis = json_set(analysis, '$.method', 'X')")
    assert awards.json("panel", SLUG)["method"] == "X"  # unchanged: the cached copy
    outside(awards.db, "UPDATE scores SET value = 10 WHERE nomination_id = 3")
    assert awards.json("panel", SLUG)["method"] == "mean"  # computed again


def test_an_upgraded_database_gets_its_log_chained_and_sealed(tmp_path: Path) -> None:
    """A file of schema 12 (before tamper evidence) migrates: its entries are chained in id
    order and its state is sealed, so it checks clean."""
    from click.testing import CliRunner
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

    from awards.commands.cli import cli
    from awards.db.migrations import MIGRATIONS

    db = tmp_path / "old.db"
    migrations = Migrations("awards")
    for fn in MIGRATIONS[:12]:
        migrations()(fn)
    conn = sqlite3.connect(db)
    migrations.apply(Database(conn))
    conn.execute("PRAGMA user_version = 12")
    conn.execute(
        "INSERT INTO audit_log (at, actor, action) VALUES ('2025-01-01T00:00:00+00:00', 'a', 'x')"
    )
    conn.commit()
    conn.close()
    result = CliRunner().invoke(cli, ["--db", str(db), "db", "check"])
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT hash IS NOT NULL FROM audit_log").fetchall() == [(1,)]
    conn.close()


def test_scores_edited_behind_dropped_triggers_are_caught_by_db_check(decided) -> None:
    """The score counter's triggers dropped, a score edited, the triggers put back exactly:
    the schema is awards' own again and the counter did not move, but `db check` digests the
    scores themselves."""
    conn = sqlite3.connect(decided.db)
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE name LIKE 'scores_counted_%'"
    ).fetchall()
    conn.close()
    assert len(triggers) == 3
    outside(
        decided.db,
        *[f"DROP TRIGGER {name}" for name, _ in triggers],
        "UPDATE scores SET value = 10 WHERE nomination_id = 3",
        *[sql for _, sql in triggers],
    )
    found = problems(decided)
    assert f"problem: {SLUG} round 1 (Esikarsinta): changed outside awards (table scores)" in (
        found
    ), found


@pytest.mark.parametrize("count_at_once_from", [1, 10**9], ids=["counted-at-once", "by-trigger"])
def test_a_large_score_import_is_counted_as_the_trigger_counts(
    awards, monkeypatch, count_at_once_from: int
) -> None:
    """A large import counts its inserts once instead of by the per-row trigger: the round's
    counter, the schema `db check` compares and the trigger's counting of later edits made
    outside awards are as if the trigger had run for every row."""
    from awards.db import tamper

    monkeypatch.setattr(tamper, "COUNT_AT_ONCE_FROM", count_at_once_from)
    scored(awards, close=False)
    awards("score", "remove", SLUG, "--juror", "j2@example.fi", "--nomination", 1)
    awards("score", "remove", SLUG, "--juror", "j2@example.fi", "--nomination", 2)

    def state() -> tuple[int, str]:
        conn = sqlite3.connect(awards.db)
        try:
            counter = conn.execute("SELECT counter FROM round_changes").fetchone()[0]
            trigger = conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'scores_counted_insert'"
            ).fetchone()[0]
            return counter, trigger
        finally:
            conn.close()

    before, trigger = state()
    assert before == 30 + 10  # 30 inserts and 10 deletes, each counted by the triggers
    sheet = awards.tmp / "pisteet.csv"
    lines = ["juror;nomination;" + ";".join(KEYS)]
    lines += [
        f"j2@example.fi;{n};" + ";".join([v] * len(KEYS)) for n, v in ((1, "9"), (2, "7"), (3, "5"))
    ]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "10 new, 0 changed, 5 unchanged" in awards("score", "import", SLUG, sheet).stdout
    assert state() == (before + 10, trigger)
    assert "changed outside" not in awards("db", "check").stdout  # seals and schema match
    outside(awards.db, "UPDATE scores SET value = 1 WHERE id = 1",
            "INSERT INTO scores (round_id, juror_id, nomination_id, criterion, value, "
            "updated_at, updated_by) VALUES (1, 2, 1, 'x', 1, 'now', 'me')")  # fmt: skip
    assert state()[0] == before + 10 + 3  # the trigger is back: an outside insert counts


@pytest.mark.parametrize(
    ("count_at_once_from", "rows_a_statement"),
    [(1, 100), (1, 4), (10**9, 100)],
    ids=["indexes-rebuilt", "in-batches-of-4", "row-by-row"],
)
def test_a_first_import_larger_than_the_table_rebuilds_its_indexes_unchanged(
    awards, monkeypatch, count_at_once_from: int, rows_a_statement: int
) -> None:
    """An import at least as large as the scores table takes its indexes away for the insert
    and builds them again: the same indexes (names and SQL), still enforcing one score a cell,
    the same scores, and a file `db check` finds clean. Its rows go in several to a statement
    (30 scores in batches of 4: seven full and a short one), with the ids one at a time would
    give them: in the order of the cells."""
    from awards.db import tamper

    monkeypatch.setattr(tamper, "COUNT_AT_ONCE_FROM", count_at_once_from)
    monkeypatch.setattr(tamper, "ROWS_A_STATEMENT", rows_a_statement)
    scored(awards, close=False)
    conn = sqlite3.connect(awards.db)
    indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'scores'"
    before = sorted(conn.execute(indexes).fetchall())
    conn.close()
    assert {name for name, _ in before} >= {"scores_one_per_cell", "scores_by_juror"}
    for j in (1, 2):  # the table emptied, as before a round's first import
        for n in (1, 2, 3):
            awards("score", "remove", SLUG, "--juror", f"j{j}@example.fi", "--nomination", n)
    sheet = awards.tmp / "pisteet.csv"
    lines = ["juror;nomination;" + ";".join(KEYS)]
    lines += [
        f"j{j}@example.fi;{n};" + ";".join([v] * len(KEYS))
        for j in (1, 2)
        for n, v in ((1, "9"), (2, "7"), (3, "5,5"))
    ]
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "30 new, 0 changed, 0 unchanged" in awards("score", "import", SLUG, sheet).stdout
    conn = sqlite3.connect(awards.db)
    try:
        assert sorted(conn.execute(indexes).fetchall()) == before
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        scores = conn.execute(
            "SELECT juror_id, nomination_id, criterion, value FROM scores ORDER BY 1, 2, 3"
        ).fetchall()
        assert len(scores) == 30 and scores[-1] == (2, 3, "teamwork", 5.5)
        by_id = conn.execute(
            "SELECT nomination_id, criterion, juror_id FROM scores ORDER BY id"
        ).fetchall()
        assert by_id == sorted(by_id)
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            conn.execute(
                "INSERT INTO scores (round_id, juror_id, nomination_id, criterion, value, "
                "updated_at, updated_by) VALUES (1, 1, 1, 'encounter', 3, 'now', 'me')"
            )
    finally:
        conn.close()
    assert "OK" in awards("db", "check").stdout
    assert [r["nomination"] for r in awards.json("ranking", SLUG)] == [1, 2, 3]


def test_a_rounds_seal_digests_its_scores_as_quoted_lines_in_id_order(awards) -> None:
    """The scores part of a round's seal is the sha256 of one line per score, in id order:
    quote() of id, juror, nomination, criterion and value joined by commas. Files sealed by
    earlier versions hold that digest, so it must not move, whatever the rows hold: another
    round's scores among this one's, no juror, a criterion with a quote, floats that need 17
    digits, and the text or blob an outside edit could put in a column."""
    import hashlib
    import json

    from awards.db import tamper

    scored(awards, close=False)
    conn = sqlite3.connect(awards.db)
    insert = (
        "INSERT INTO scores (round_id, juror_id, nomination_id, criterion, value, updated_at, "
        "updated_by) VALUES (?, ?, ?, ?, ?, 'now', 'me')"
    )
    for row in [
        (2, 1, 1, "encounter", 1.0),
        (1, None, 2, "it's", 0.1 + 0.2),
        (2, 2, 2, "encounter", 3.0),
        (1, 1, 3, "seven", "seitsemän"),
        (1, 2, 3, "blob", b"\x00\x01'"),
        (1, 1, 1, "huge", -1e300),
        (1, 1, 2, "thirds", 22 / 3),
        (1, 2, 1, "tiny", 5e-324),
    ]:
        conn.execute(insert, row)
    conn.commit()
    lines = conn.execute(
        "SELECT group_concat(line, char(10)) FROM (SELECT quote(id) || ',' || quote(juror_id) "
        "|| ',' || quote(nomination_id) || ',' || quote(criterion) || ',' || quote(value) AS line "
        "FROM scores WHERE round_id = 1 ORDER BY id)"
    ).fetchone()[0]
    assert lines.count("\n") == 30 + 6 - 1 and "'it''s'" in lines and "X'000127'" in lines
    wanted = hashlib.sha256(lines.encode("utf-8")).hexdigest()[:32]
    assert json.loads(tamper.digest(conn, "round:1"))["scores"] == wanted
    conn.close()


def test_the_seal_made_from_written_rows_is_the_one_read_from_the_table() -> None:
    """A round's first scores are sealed from the rows in hand (`scores_part_of_rows`) rather
    than read back: for every kind of value the column may be given (a float needing 17 or
    21 digits, -0.0 that the REAL column keeps as 0.0, an int it keeps as a float, no juror,
    a criterion with a quote) the digest is the one `digest` reads from the table; a row of
    any other type is left to `digest`."""
    import json

    from awards.db import tamper

    conn = sqlite3.connect(":memory:")
    conn.execute(
        "CREATE TABLE rounds (id INTEGER PRIMARY KEY, number, name, kind, method, status, "
        "closed_at, closed_with_missing, frozen_criteria, tie_break)"
    )
    conn.execute(
        "CREATE TABLE scores (id INTEGER PRIMARY KEY, round_id INTEGER NOT NULL, juror_id "
        "INTEGER, nomination_id INTEGER NOT NULL, criterion TEXT NOT NULL, value REAL NOT NULL)"
    )
    for table in ("score_comments", "assignments", "round_results", "round_changes"):
        conn.execute(f"CREATE TABLE {table} (id, round_id, juror_id, nomination_id, comment, "
                     "rank, score, by_criterion, jurors, spread, score_range, tied, "
                     "disagreement, incomplete, decided_by, furthest_juror, counter)")  # fmt: skip
    conn.execute("INSERT INTO rounds (id, number) VALUES (1, 1)")
    conn.execute("INSERT INTO scores VALUES (40, 2, 1, 1, 'other round', 1.0)")
    cells = [(3, 7, "encounter"), (0, 8, "it's"), (12, 9, "x"), (3, 10, "encounter")] * 3
    values = [22 / 3, -0.0, 5, 0.1 + 0.2, 1e17, 7.5, 5e-324, 10, 0.0, -1e300, 1 / 3, 2.5]
    conn.executemany(
        "INSERT INTO scores (round_id, juror_id, nomination_id, criterion, value) "
        "VALUES (1, ?, ?, ?, ?)",
        [(j or None, n, c, v) for (j, n, c), v in zip(cells, values, strict=True)],
    )
    read = json.loads(tamper.digest(conn, "round:1"))["scores"]
    assert tamper.scores_part_of_rows(conn, 41, cells, values) == read
    assert tamper.scores_part_of_rows(conn, 42, cells, values) != read  # the ids count
    assert tamper.scores_part_of_rows(conn, 41, cells, [*values[:-1], "2.5"]) is None
    assert tamper.scores_part_of_rows(conn, 41, [*cells[:-1], (3, 10.0, "x")], values) is None
    known = json.loads(tamper.digest(conn, "round:1", known={"scores": "made"}))
    assert known["scores"] == "made" and known["assignments"]


@pytest.mark.parametrize("kind", ["jury", "self-assessment"])
def test_a_first_import_is_sealed_as_a_later_write_would_seal_it(awards, kind: str) -> None:
    """A round's first scores, sealed from the written rows, leave the seal that a later write
    (which reads the table) leaves for the same scores: `db check` is clean, and a score
    changed with sqlite3 is still named."""
    if kind == "jury":
        slug, keys, given = SLUG, KEYS, ["7,5", "0", "-0", "10", "3,5"]
        scored(awards, close=False)
        for j in (1, 2):  # the round emptied, as before its first import
            for n in (1, 2, 3):
                awards("score", "remove", slug, "--juror", f"j{j}@example.fi", "--nomination", n)
        lines = ["juror;nomination;" + ";".join(keys)]
        lines += [f"j{j}@example.fi;{n};" + ";".join(given) for j in (1, 2) for n in (1, 2, 3)]
        one = ["--juror", "j1@example.fi", "--nomination", "1"]
    else:
        slug = "service-desk-2026"
        keys = ("leadership", "people", "customers", "services", "partnerships", "results")
        given = ["75", "0", "-0", "100", "35", "5"]
        awards("competition", "create", "--category", "service-desk", "--year", "2026")
        for n in (1, 2, 3):
            awards("nomination", "add", slug, "--nominee", f"Palvelupiste {n}",
                   "--organization", f"Yritys {n} Oy")  # fmt: skip
        awards("round", "open", slug, "--kind", "self-assessment")
        lines = ["nomination;" + ";".join(keys)]
        lines += [f"{n};" + ";".join(given) for n in (1, 2, 3)]
        one = ["--nomination", "1"]
    sheet = awards.tmp / "pisteet.csv"
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert " new, 0 changed, 0 unchanged" in awards("score", "import", slug, sheet).stdout

    def round_seal() -> str:
        """The scores part of the open round's seal."""
        import json

        conn = sqlite3.connect(awards.db)
        try:
            key = "SELECT max(id) FROM rounds"
            found = conn.execute(f"SELECT digest FROM seals WHERE key = 'round:' || ({key})")
            return str(json.loads(found.fetchone()[0])["scores"])
        finally:
            conn.close()

    first = round_seal()
    assert "OK" in awards("db", "check").stdout
    # Changed and changed back by the tool: each write reseals from the table; the scores
    # are the same rows again, so the seal is the first one.
    value = given[0].replace(",", ".")
    awards("score", "set", slug, *one, f"{keys[0]}=5")
    assert round_seal() != first
    awards("score", "set", slug, *one, f"{keys[0]}={value}")
    assert round_seal() == first
    outside(awards.db, "UPDATE scores SET value = 5 WHERE value = 0")
    assert any("scores" in p for p in problems(awards))
