"""`juror add`, `juror set` and `conflict add`: a juror's details change only on purpose, and a
conflict that reaches scores already frozen is never silent."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SLUG = "customer-advisor-2026"
OTHER = "service-desk-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


def score(awards, juror: str, nomination: int, value: float = 7, slug: str = SLUG) -> None:
    awards("score", "set", slug, "--juror", juror, "--nomination", nomination,
           *[f"{k}={value}" for k in KEYS])  # fmt: skip


def closed_round(advisor):
    """Three candidates (Yritys 1–3 Oy), two jurors with no organisation, round 1 closed."""
    awards = advisor(nominations=3, jurors=2)
    awards("round", "open", SLUG)
    for juror in ("juror1@example.fi", "juror2@example.fi"):
        for n in (1, 2, 3):
            score(awards, juror, n, 5 + n)
    awards("round", "close", SLUG)
    return awards


def log_entries(awards, action: str) -> list[dict]:
    return [e for e in awards.json("log", "--limit", "1000") if e["action"] == action]


# ---- juror add: a known email with other details is refused ------------------------------


def test_juror_add_refuses_to_rewrite_a_known_juror(advisor) -> None:
    awards = advisor(nominations=1)
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    awards("juror", "add", SLUG, "--name", "Liisa Aaltonen", "--email", "liisa@example.fi",
           "--organization", "Kuusiston Energia Oy", "--role", "chair")  # fmt: skip
    before = awards.snapshot()
    error = awards.refused("juror", "add", OTHER, "--name", "Liisa Virtanen", "--email",
                           "LIISA@example.fi", "--organization", "Aava Pankki Oyj")  # fmt: skip
    assert 'name: "Liisa Aaltonen" → "Liisa Virtanen"' in error
    assert 'organization: "Kuusiston Energia Oy" → "Aava Pankki Oyj"' in error
    assert "awards juror set liisa@example.fi" in error
    assert awards.snapshot() == before
    # The name alone differing is refused too; nothing of the juror changed anywhere.
    assert "name:" in awards.refused("juror", "add", OTHER, "--name", "L. Aaltonen",
                                     "--email", "liisa@example.fi")  # fmt: skip
    assert awards.json("juror", "list", SLUG)[0]["name"] == "Liisa Aaltonen"


def test_juror_add_of_a_known_juror_with_the_same_details(advisor) -> None:
    awards = advisor()
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi",
           "--organization", "Kuusi Oy")  # fmt: skip
    same = awards("juror", "add", OTHER, "--name", "Liisa", "--email", "liisa@example.fi",
                  "--organization", "Kuusi Oy")  # fmt: skip
    assert same.exit_code == 0
    # No --organization: the known one is kept, and the output says which.
    awards("competition", "create", "--category", "customer-service", "--year", "2026")
    kept = awards("juror", "add", "customer-service-2026", "--name", "Liisa",
                  "--email", "liisa@example.fi")  # fmt: skip
    assert "with their known organisation, Kuusi Oy" in kept.stdout
    assert awards.json("juror", "list", "customer-service-2026")[0]["organization"] == "Kuusi Oy"


# ---- juror set -----------------------------------------------------------------------------


def test_juror_set_changes_every_competition_and_audits_each(advisor) -> None:
    awards = advisor()
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    for slug in (SLUG, OTHER):
        awards("juror", "add", slug, "--name", "Liisa", "--email", "liisa@example.fi")
    done = awards("juror", "set", "Liisa@Example.fi", "--name", "Liisa Aaltonen",
                  "--organization", "Kuusi Oy")  # fmt: skip
    assert 'name: "Liisa" → "Liisa Aaltonen"' in done.stdout
    for slug in (SLUG, OTHER):
        juror = awards.json("juror", "list", slug)[0]
        assert (juror["name"], juror["organization"]) == ("Liisa Aaltonen", "Kuusi Oy")
        entries = [e for e in awards.json("log", slug) if e["action"] == "juror.set"]
        assert len(entries) == 1
        assert entries[0]["after"] == {"name": "Liisa Aaltonen", "organization": "Kuusi Oy"}
        assert entries[0]["before"] == {"name": "Liisa", "organization": None}
    # An empty organisation clears it; an unknown email is refused.
    awards("juror", "set", "liisa@example.fi", "--organization", "")
    assert awards.json("juror", "list", SLUG)[0]["organization"] is None
    assert "not found" in awards.refused("juror", "set", "nobody@example.fi", "--name", "X")


def test_juror_set_refused_where_it_conflicts_with_an_open_rounds_score(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("round", "open", SLUG)
    score(awards, "juror1@example.fi", 1)
    before = awards.snapshot()
    error = awards.refused("juror", "set", "juror1@example.fi", "--organization", "Yritys 1 Oy")
    assert "scored nomination 1" in error and "open round" in error
    assert f"awards score remove {SLUG} --juror juror1@example.fi --nomination 1" in error
    assert awards.snapshot() == before


def test_juror_set_takes_away_assignments_it_puts_in_conflict(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("round", "open", SLUG)
    done = awards("juror", "set", "juror1@example.fi", "--organization", "Yritys 2 Oy")
    assert "1 assignment(s) in open rounds taken away" in done.stdout
    pairs = {(a["juror"], a["nomination"]) for a in awards.json("round", "assignments", SLUG)}
    assert ("juror1@example.fi", 2) not in pairs and ("juror1@example.fi", 1) in pairs
    assert "conflict" in awards.refused("score", "set", SLUG, "--juror", "juror1@example.fi",
                                        "--nomination", 2, *[f"{k}=5" for k in KEYS])  # fmt: skip


def test_a_decided_competition_keeps_its_jury_as_declared(advisor, tmp_path: Path) -> None:
    from docx import Document

    awards = closed_round(advisor)
    awards("winner", "declare", SLUG, "--nomination", "3", "--citation", "Hieno.")
    awards("competition", "create", "--category", "service-desk", "--year", "2027")
    awards("juror", "add", "service-desk-2027", "--name", "Tuomari 1", "--email",
           "juror1@example.fi", "--role", "chair")  # fmt: skip
    # The chair marries and moves to the winner's employer, a year later.
    done = awards("juror", "set", "juror1@example.fi", "--name", "Tuomari Uusi",
                  "--organization", "Yritys 3 Oy")  # fmt: skip
    assert f"Decided ({SLUG})" in done.stdout
    assert "Warning" not in done.stderr  # no conflict reaches back into the decided year
    decided = [e for e in awards.json("log", SLUG) if e["action"] == "juror.set"]
    assert len(decided) == 1 and "keep the jury as declared" in decided[0]["note"]
    out = tmp_path / "tiedote.docx"
    awards("export", "announcement", SLUG, "-o", out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Tuomari 1" in text and "Tuomari Uusi" not in text
    report = tmp_path / "report.docx"
    awards("export", "report", SLUG, "-o", report)
    document = Document(str(report))
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert "Tuomari 1" in cells + paragraphs and "Tuomari Uusi" not in cells + paragraphs
    assert awards("db", "check").exit_code == 0
    # The competition that is not decided shows the person as they are now.
    assert awards.json("juror", "list", "service-desk-2027")[0]["name"] == "Tuomari Uusi"
    # Taking back every place undecides it: the next declaration takes the jury anew.
    awards("winner", "remove", SLUG, "--nomination", "3")
    assert (
        sqlite3.connect(awards.db).execute("SELECT count(*) FROM declared_juries").fetchone()[0]
        == 0
    )


# ---- a conflict that reaches a closed round ----------------------------------------------


def test_a_conflict_declared_after_close_is_reported_everywhere(advisor) -> None:
    awards = closed_round(advisor)
    assert awards("db", "check").exit_code == 0
    added = awards("conflict", "add", SLUG, "juror2@example.fi", "--nomination", "3",
                   "--reason", "Entinen esihenkilö")  # fmt: skip
    assert "juror2@example.fi scored nomination 3 in closed round 1" in added.stderr
    ranking = awards("ranking", SLUG)
    assert "juror2@example.fi scored nomination(s) 3" in ranking.stderr
    assert awards.json("ranking", SLUG)[0]["nomination"] == 3  # stdout stays one JSON array
    panel = awards("panel", SLUG, "--format", "json")
    assert "juror2@example.fi scored nomination(s) 3" in panel.stderr
    check = awards("db", "check", ok=False)
    assert check.exit_code == 1 and "juror2@example.fi scored nomination(s) 3" in check.stderr
    entry = next(e for e in awards.json("log", SLUG) if e["action"] == "conflict.add")
    assert "round 1 nomination 3" in entry["note"]


def test_an_organisation_change_after_close_is_reported(advisor) -> None:
    awards = closed_round(advisor)
    done = awards("juror", "set", "juror1@example.fi", "--organization", "Yritys 2 Oy")
    assert "juror1@example.fi scored nomination 2 in closed round 1" in done.stderr
    assert "juror1@example.fi scored nomination(s) 2" in awards("ranking", SLUG).stderr
    assert awards("db", "check", ok=False).exit_code == 1


def test_a_conflict_with_nothing_scored_says_nothing_of_closed_rounds(advisor) -> None:
    awards = closed_round(advisor)
    added = awards("conflict", "add", SLUG, "juror1@example.fi", "--organization", "Muu Oy",
                   "--reason", "Entinen työnantaja")  # fmt: skip
    assert added.stderr == "" and awards("db", "check").exit_code == 0
