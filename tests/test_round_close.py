"""`round close` never freezes a score from a juror in conflict; `score remove` takes it out."""

from __future__ import annotations

import sqlite3

SLUG = "customer-advisor-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


def score(awards, juror: str, nomination: int) -> None:
    awards("score", "set", SLUG, "--juror", juror, "--nomination", nomination,
           *[f"{k}=6" for k in KEYS], "--comment", "Hyvä")  # fmt: skip


def test_round_close_refuses_while_a_conflicted_score_stands(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("round", "open", SLUG)
    for juror in ("juror1@example.fi", "juror2@example.fi"):
        for n in (1, 2):
            score(awards, juror, n)
    # The conflict comes to light after the score went in, by a path the tool did not see.
    conn = sqlite3.connect(awards.db)
    conn.execute("UPDATE nominations SET organization = 'Kuusi Oy' WHERE id = 1")
    conn.execute("UPDATE jurors SET organization = 'Kuusi Oy' WHERE email = 'juror2@example.fi'")
    conn.commit()
    conn.close()
    before = awards.snapshot()
    error = awards.refused("round", "close", SLUG)
    assert "1 score set(s) in round 1" in error and "juror2@example.fi on nomination 1" in error
    command = f"awards score remove {SLUG} --juror juror2@example.fi --nomination 1"
    assert command in error
    assert "no open round" not in error and awards.snapshot() == before
    assert "is from a juror in conflict" in awards("db", "check", ok=False).stderr
    removed = awards(*command.split()[1:])
    assert "Removed 5 score(s) and the remark" in removed.stdout
    assert "assignment is taken away" in removed.stdout
    entry = awards.json("log", SLUG)[0]
    assert entry["action"] == "score.remove" and entry["before"]["scores"]["encounter"] == 6
    assert entry["after"]["scores"] == 0
    closed = awards("round", "close", SLUG)
    assert "2 ranked" in closed.stdout
    ranking = {r["nomination"]: r["jurors"] for r in awards.json("ranking", SLUG)}
    assert ranking == {1: 1, 2: 2}
    # The jurors' table was edited outside the tool: db check says so until the coordinator
    # has looked and accepted it.
    checked = awards("db", "check", ok=False)
    assert "changed outside awards (table jurors)" in checked.output
    awards("db", "check", "--accept")
    assert awards("db", "check").exit_code == 0


def test_score_remove_refusals(advisor) -> None:
    awards = advisor(nominations=2, jurors=1)
    assert "no open round" in awards.refused(
        "score", "remove", SLUG, "--juror", "juror1@example.fi", "--nomination", "1"
    )
    awards("round", "open", SLUG)
    before = awards.snapshot()
    assert "has no scores for nomination 1" in awards.refused(
        "score", "remove", SLUG, "--juror", "juror1@example.fi", "--nomination", "1"
    )
    assert "not found" in awards.refused(
        "score", "remove", SLUG, "--juror", "nobody@example.fi", "--nomination", "1"
    )
    assert awards.snapshot() == before
    score(awards, "juror1@example.fi", 1)
    score(awards, "juror1@example.fi", 2)
    # Not in conflict: the scores go, the assignment stays (the juror scores it again).
    awards("score", "remove", SLUG, "--juror", "juror1@example.fi", "--nomination", "1")
    assert len(awards.json("round", "assignments", SLUG)) == 2
    assert "lack scores" in awards.refused("round", "close", SLUG)
    score(awards, "juror1@example.fi", 1)
    awards("round", "close", SLUG)
    assert "no open round" in awards.refused(
        "score", "remove", SLUG, "--juror", "juror1@example.fi", "--nomination", "1"
    )
