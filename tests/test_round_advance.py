"""`round advance` and the round after it: a seat on the shortlist only for a nomination still
in the running, and a final that never opens short in silence."""

from __future__ import annotations

SLUG = "customer-advisor-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


def closed(advisor, values: dict[int, float]):
    """Round 1 closed; nomination n scored `values[n]` on encounter, 5 elsewhere."""
    awards = advisor(nominations=len(values), jurors=1)
    awards("round", "open", SLUG)
    for n, v in values.items():
        awards("score", "set", SLUG, "--juror", "juror1@example.fi", "--nomination", n,
               f"encounter={v}", *[f"{k}=5" for k in KEYS[1:]])  # fmt: skip
    return awards


def shortlist(awards) -> list[int]:
    return [r["nomination"] for r in awards.json("round", "advance", SLUG, "--top", "2")]


def test_a_nomination_withdrawn_during_the_round_loses_its_seat(advisor) -> None:
    awards = closed(advisor, {1: 9, 2: 8, 3: 7, 4: 6})
    awards("nomination", "withdraw", "1", "--reason", "Vetäytyi kesken kierroksen")
    closing = awards("round", "close", SLUG)
    assert "1 nomination(s) of the round are no longer active" in closing.stderr
    assert "1 Ehdokas 1 (withdrawn)" in closing.stderr
    result = awards("round", "advance", SLUG, "--top", "2")
    assert "Skipped 1 nomination(s)" in result.stderr and "1 Ehdokas 1" in result.stderr
    assert "withdrawn" in result.stderr and "next in line" in result.stderr
    assert [r["nomination"] for r in awards.json("round", "advance", SLUG, "--top", "2")] == [2, 3]
    opened = awards("round", "open", SLUG, "--name", "Finaali")
    assert "2 nomination(s)" in opened.stdout and "Warning" not in opened.stderr
    entry = next(e for e in awards.json("log", SLUG) if e["action"] == "round.advance")
    assert entry["after"]["shortlist"] == [2, 3] and "1 (withdrawn)" in entry["note"]


def test_made_ineligible_after_close_the_next_in_line_goes_on(advisor) -> None:
    awards = closed(advisor, {1: 9, 2: 8, 3: 7})
    awards("round", "close", SLUG)
    awards("nomination", "eligibility", "2", "--ineligible", "--note", "Ei asiakastyössä")
    result = awards("round", "advance", SLUG, "--top", "2")
    assert "2 Ehdokas 2 (rank 2, ineligible)" in result.stderr
    assert shortlist(awards) == [1, 3]


def test_a_tie_at_the_cut_after_a_skip_is_refused_as_today(advisor) -> None:
    awards = closed(advisor, {1: 9, 2: 8, 3: 7, 4: 7})
    awards("round", "close", SLUG)
    awards("nomination", "withdraw", "2", "--reason", "x")
    before = awards.snapshot()
    error = awards.refused("round", "advance", SLUG, "--top", "2")
    assert (
        "a tie crosses the cut at 2" in error and "3 Ehdokas 3" in error and "4 Ehdokas 4" in error
    )
    assert awards.snapshot() == before
    taken = awards.json("round", "advance", SLUG, "--top", "2", "--include-ties")
    assert [r["nomination"] for r in taken] == [1, 3, 4]


def test_fewer_eligible_than_seats_is_said(advisor) -> None:
    awards = closed(advisor, {1: 9, 2: 8})
    awards("round", "close", SLUG)
    awards("nomination", "withdraw", "2", "--reason", "x")
    result = awards("round", "advance", SLUG, "--top", "2")
    assert "only 1 eligible nomination(s) for the top 2" in result.stderr


def test_min_score_skips_without_filling(advisor) -> None:
    awards = closed(advisor, {1: 9, 2: 8, 3: 2})
    awards("round", "close", SLUG)
    awards("nomination", "withdraw", "1", "--reason", "x")
    result = awards("round", "advance", SLUG, "--min-score", "50", "--format", "json")
    assert "Skipped 1 nomination(s)" in result.stderr and "next in line" not in result.stderr


def test_withdrawn_after_the_shortlist_the_final_opens_short_with_a_warning(advisor) -> None:
    awards = closed(advisor, {1: 9, 2: 8, 3: 7})
    awards("round", "close", SLUG)
    assert shortlist(awards) == [1, 2]
    awards("nomination", "withdraw", "2", "--reason", "Vetäytyi finaalista")
    opened = awards("round", "open", SLUG, "--name", "Finaali")
    assert "1 nomination(s)" in opened.stdout
    assert "Warning: 1 shortlisted nomination(s) left out" in opened.stderr
    assert "2 Ehdokas 2 (withdrawn)" in opened.stderr and "2 were shortlisted" in opened.stderr
    entry = next(e for e in awards.json("log", SLUG) if e["action"] == "round.open")
    assert "2 (withdrawn)" in entry["note"]


def test_advancing_on_a_ranking_with_a_conflict_found_after_close_warns(advisor) -> None:
    awards = closed(advisor, {1: 9, 2: 8, 3: 7})
    awards("round", "close", SLUG)
    awards("conflict", "add", SLUG, "juror1@example.fi", "--nomination", "2", "--reason", "x")
    result = awards("round", "advance", SLUG, "--top", "2")
    assert "Warning: customer-advisor-2026 round 1: juror1@example.fi scored nomination(s) 2" in (
        result.stderr
    )
