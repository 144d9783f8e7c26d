"""`nomination merge`: conflicts follow the candidate."""

from __future__ import annotations

SLUG = "customer-advisor-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


def scores(juror: str, nomination: int) -> list[str]:
    return ["score", "set", SLUG, "--juror", juror, "--nomination", str(nomination),
            *[f"{k}=6" for k in KEYS]]  # fmt: skip


def pairs(awards) -> set[tuple[str, int]]:
    return {(a["juror"], a["nomination"]) for a in awards.json("round", "assignments", SLUG)}


def test_a_conflict_declared_on_a_duplicate_follows_it_into_the_merge(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("nomination", "add", SLUG, "--nominee", "Ehdokas 1", "--organization", "Yritys 1 Oy",
           "--reason", "Toinen asiakas")  # fmt: skip
    awards("conflict", "add", SLUG, "juror2@example.fi", "--nomination", "3",
           "--reason", "Sisar")  # fmt: skip
    merged = awards("nomination", "merge", "1", "3")
    assert "juror2@example.fi now in conflict with 1" in merged.stdout
    listed = awards.json("conflict", "list", SLUG)
    assert [(c["juror"], c["nomination"]) for c in listed] == [("juror2@example.fi", 1)]
    awards("round", "open", SLUG)
    assert ("juror2@example.fi", 1) not in pairs(awards)
    assert ("juror1@example.fi", 1) in pairs(awards)
    assert "conflict" in awards.refused(*scores("juror2@example.fi", 1))


def test_merging_during_an_open_round_takes_the_assignment_away_at_once(advisor) -> None:
    awards = advisor(nominations=2, jurors=3)
    awards("round", "open", SLUG)
    assert ("juror3@example.fi", 1) in pairs(awards)
    # A late duplicate of candidate 1, naming the employer juror 3 works for.
    awards("juror", "set", "juror3@example.fi", "--organization", "Kuusi Oy")
    awards("nomination", "add", SLUG, "--nominee", "Ehdokas 1", "--organization", "Kuusi Oy")
    merged = awards("nomination", "merge", "1", "3")
    assert "1 open-round assignment(s) taken away" in merged.stdout
    assert ("juror3@example.fi", 1) not in pairs(awards)
    assert "conflict" in awards.refused(*scores("juror3@example.fi", 1))
    entry = next(e for e in awards.json("log", SLUG) if e["action"] == "nomination.merge")
    assert "juror3@example.fi" in entry["note"]
    # The round can still be completed and closed by the others.
    for juror in ("juror1@example.fi", "juror2@example.fi"):
        for n in (1, 2):
            awards(*scores(juror, n))
    awards(*scores("juror3@example.fi", 2))
    assert awards("round", "close", SLUG).exit_code == 0


def test_unmerge_gives_the_conflict_back_to_its_entry(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("nomination", "add", SLUG, "--nominee", "Ehdokas 1 (kopio)")
    awards("conflict", "add", SLUG, "juror1@example.fi", "--nomination", "3", "--reason", "x")
    awards("nomination", "merge", "1", "3")
    awards("nomination", "unmerge", "3")
    listed = awards.json("conflict", "list", SLUG)
    assert [(c["juror"], c["nomination"]) for c in listed] == [("juror1@example.fi", 3)]
    awards("round", "open", SLUG)
    assert ("juror1@example.fi", 1) in pairs(awards)
    assert ("juror1@example.fi", 3) not in pairs(awards)
