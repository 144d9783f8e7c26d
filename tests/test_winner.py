"""`awards winner declare` and `winner list`: a place only for an active, eligible nomination of
the closed final round, a log that says what is stored, a readable answer, and a listing that
takes a slug like every other listing."""

from __future__ import annotations

import json
import sqlite3

from tests.test_release import judged  # noqa: F401

SLUG = "customer-advisor-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


def score_round(awards, nominations, jurors=("juror1@example.fi",)) -> None:
    for juror in jurors:
        for n in nominations:
            awards("score", "set", SLUG, "--juror", juror, "--nomination", n,
                   f"encounter={4 + n}", *[f"{k}=5" for k in KEYS[1:]])  # fmt: skip


def closed(advisor, nominations: int = 3):
    awards = advisor(nominations=nominations, jurors=1)
    awards("round", "open", SLUG)
    score_round(awards, range(1, nominations + 1))
    awards("round", "close", SLUG)
    return awards


def test_a_withdrawn_nomination_cannot_be_declared(advisor) -> None:
    awards = closed(advisor)
    awards("nomination", "withdraw", "3", "--reason", "Vaihtoi työpaikkaa")
    before = awards.snapshot()
    error = awards.refused("winner", "declare", SLUG, "--nomination", "3")
    assert "nomination 3 is withdrawn (Vaihtoi työpaikkaa)" in error
    assert awards.refused("winner", "declare", SLUG, "--nomination", "3", "--place", "mention")
    assert awards.snapshot() == before
    assert awards.json("winner", "list") == []


def test_an_ineligible_nomination_cannot_be_declared(advisor) -> None:
    awards = closed(advisor)
    awards("nomination", "eligibility", "2", "--ineligible", "--note", "Ei asiakastyössä")
    before = awards.snapshot()
    error = awards.refused("winner", "declare", SLUG, "--nomination", "2", "--place", "runner-up")
    assert "nomination 2 is ineligible" in error
    assert awards.snapshot() == before


def test_a_nomination_withdrawn_during_the_final_cannot_win(advisor) -> None:
    awards = advisor(nominations=3, jurors=1)
    awards("round", "open", SLUG)
    score_round(awards, (1, 2, 3))
    awards("nomination", "withdraw", "3", "--reason", "Vetäytyi")  # the best, mid-round
    awards("round", "close", SLUG)
    assert "withdrawn" in awards.refused(
        "winner", "declare", SLUG, "--nomination", "3", "--override-reason", "x"
    )
    # The best of those still in the running wins; the log says who was passed over.
    awards("winner", "declare", SLUG, "--nomination", "2")
    assert [w["nomination"] for w in awards.json("winner", "list")] == [2]
    assert "passed over, no longer active: 3" in awards.json("log", SLUG)[0]["note"]
    # Below it, the rank rule holds as before.
    awards("winner", "remove", SLUG, "--nomination", "2")
    assert "ranks 3, not first (first: 2)" in awards.refused(
        "winner", "declare", SLUG, "--nomination", "1"
    )


def test_a_conflict_found_after_the_final_closed_needs_a_reason(advisor) -> None:
    awards = advisor(nominations=3, jurors=2)
    awards("round", "open", SLUG)
    score_round(awards, (1, 2, 3), jurors=("juror1@example.fi", "juror2@example.fi"))
    awards("round", "close", SLUG)
    added = awards("conflict", "add", SLUG, "juror2@example.fi", "--nomination", "3",
                   "--reason", "Entinen esihenkilö")  # fmt: skip
    assert "juror2@example.fi scored nomination 3 in closed round 1" in added.stderr
    before = awards.snapshot()
    error = awards.refused("winner", "declare", SLUG, "--nomination", "3")
    assert "juror2@example.fi on nomination 3" in error and "--override-reason" in error
    assert awards.snapshot() == before
    # A mention for a nomination the conflicted scores do not touch is not held up.
    awards("winner", "declare", SLUG, "--nomination", "1", "--place", "mention")
    awards("winner", "declare", SLUG, "--nomination", "3", "--override-reason",
           "Tuomari 2:n pisteet eivät muuta järjestystä")  # fmt: skip
    entry = awards.json("log", SLUG)[0]
    assert "now in conflict: juror2@example.fi on 3" in entry["note"]
    assert [w["nomination"] for w in awards.json("winner", "list")] == [3, 1]


def test_only_the_closed_final_rounds_nominations_can_be_placed(advisor) -> None:
    awards = closed(advisor, nominations=4)
    awards("round", "advance", SLUG, "--top", "2")
    awards("round", "open", SLUG, "--name", "Finaali")
    score_round(awards, (3, 4))
    assert "still open" in awards.refused("winner", "declare", SLUG, "--nomination", "4")
    awards("round", "close", SLUG)
    before = awards.snapshot()
    error = awards.refused("winner", "declare", SLUG, "--nomination", "1", "--place", "mention")
    assert "not in the closed final round (2)" in error
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    awards("nomination", "add", "service-desk-2026", "--nominee", "Muu")
    assert "belongs to service-desk-2026" in awards.refused(
        "winner", "declare", SLUG, "--nomination", "5"
    )
    assert awards.snapshot()["winners"] == before["winners"] == []
    awards("winner", "declare", SLUG, "--nomination", "4")
    assert [w["nomination"] for w in awards.json("winner", "list")] == [4]


def test_redeclaring_to_add_the_english_citation_logs_what_is_stored(advisor) -> None:
    awards = closed(advisor)
    awards("winner", "declare", SLUG, "--nomination", "3", "--citation", "Kohtaa jokaisen.")
    awards("winner", "declare", SLUG, "--nomination", "3", "--citation-en", "Meets everyone.")
    entry = awards.json("log", SLUG)[0]
    assert entry["action"] == "winner.declare"
    conn = sqlite3.connect(awards.db)
    conn.row_factory = sqlite3.Row
    stored = dict(
        conn.execute(
            "SELECT place, citation, citation_en, override_reason FROM winners "
            "WHERE nomination_id = 3"
        ).fetchone()
    )
    assert entry["after"] == stored
    assert entry["after"]["citation"] == "Kohtaa jokaisen."  # was logged as changed to null
    assert (
        entry["before"]["citation"] == "Kohtaa jokaisen." and entry["before"]["citation_en"] is None
    )
    # The raw row in the log says the same.
    raw = conn.execute("SELECT after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert json.loads(raw) == stored


def test_declare_answers_a_readable_sentence(judged) -> None:  # noqa: F811
    said = judged("winner", "declare", SLUG, "--nomination", 1).stdout
    assert said.strip() == f"Sini Mäkelä (nomination 1): winner of {SLUG}."
    said = judged("winner", "declare", SLUG, "--nomination", 2, "--place", "runner-up").stdout
    assert said.strip() == f"Aino Lindqvist (nomination 2): runner-up in {SLUG}."
    said = judged("winner", "declare", SLUG, "--nomination", 3, "--place", "mention").stdout
    assert said.strip() == f"Jussi Korhonen (nomination 3): honourable mention in {SLUG}."
    assert " is mention of " not in said


def test_winner_list_takes_a_slug_like_every_listing(judged) -> None:  # noqa: F811
    judged("winner", "declare", SLUG, "--nomination", 1)
    judged("winner", "declare", SLUG, "--nomination", 3, "--place", "mention")
    judged("competition", "create", "--category", "service-desk", "--year", "2026")
    rows = judged.json("winner", "list", SLUG)
    assert [list(r) for r in rows] == [
        ["competition", "place", "nomination", "nominee", "organization"]
    ] * 2
    assert [(r["competition"], r["place"], r["nomination"]) for r in rows] == [
        (SLUG, "winner", 1),
        (SLUG, "mention", 3),
    ]
    assert rows[0]["nominee"] == "Sini Mäkelä" and rows[0]["organization"] == "Aava Pankki Oyj"
    assert judged.json("winner", "list", "service-desk-2026") == []
    assert judged.json("winner", "list", SLUG, "--year", "2025") == []
    assert len(judged.json("winner", "list", "--year", "2026")) == 2
    before = judged.snapshot()
    assert "no-such-2026" in judged.refused("winner", "list", "no-such-2026")
    assert judged.snapshot() == before
