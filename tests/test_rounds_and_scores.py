"""Rounds, assignment, scores and rankings through the command line."""

from __future__ import annotations

import math

import pytest

SLUG = "customer-advisor-2026"
KEYS = ["encounter", "solutions", "feedback", "teamwork", "development"]


def scores(awards, juror: int, nomination: int, *values: float, comment: str | None = None):
    pairs = [f"{k}={v}" for k, v in zip(KEYS, values, strict=False)]
    extra = ["--comment", comment] if comment else []
    return awards(
        "score",
        "set",
        SLUG,
        "--juror",
        f"juror{juror}@example.fi",
        "--nomination",
        nomination,
        *pairs,
        *extra,
    )


def test_round_one_takes_every_active_nomination_and_every_unconflicted_juror(advisor) -> None:
    awards = advisor(nominations=4, jurors=3)
    awards("nomination", "withdraw", "4", "--reason", "Peruttu")
    awards("conflict", "add", SLUG, "juror2@example.fi", "--nomination", "1", "--reason", "Sisar")
    awards("round", "open", SLUG)
    pairs = {(a["juror"], a["nomination"]) for a in awards.json("round", "assignments", SLUG)}
    assert len(pairs) == 3 * 3 - 1
    assert ("juror2@example.fi", 1) not in pairs
    assert all(n != 4 for _, n in pairs)


def test_per_nomination_assignment_is_balanced_and_deterministic(advisor) -> None:
    awards = advisor(nominations=10, jurors=4)
    awards("round", "open", SLUG, "--per-nomination", "2")
    first = awards.json("round", "assignments", SLUG)
    loads: dict[str, int] = {}
    for a in first:
        loads[a["juror"]] = loads.get(a["juror"], 0) + 1
    assert sorted(loads.values()) == [5, 5, 5, 5]
    per_nomination = {a["nomination"] for a in first}
    assert len(first) == 20 and len(per_nomination) == 10
    status = awards.json("round", "status", SLUG)
    assert {s["juror"]: s["assigned"] for s in status} == loads


def test_per_nomination_refuses_when_jurors_run_out(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("conflict", "add", SLUG, "juror1@example.fi", "--nomination", "2", "--reason", "Puoliso")
    before = awards.snapshot()
    error = awards.refused("round", "open", SLUG, "--per-nomination", "2")
    assert "2" in error
    assert awards.snapshot()["rounds"] == before["rounds"] == []


def test_scores_are_checked_against_scale_step_assignment_and_conflicts(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("conflict", "add", SLUG, "juror2@example.fi", "--nomination", "2", "--reason", "Sisar")
    awards("round", "open", SLUG)
    before = awards.snapshot()
    for bad, message in [
        ("encounter=11", "outside"),
        ("encounter=7.3", "steps of 0.5"),
        ("encounter=nan", "finite"),
        ("encounter=inf", "finite"),
        ("encounter=1e309", "finite"),
        ("encounter=seitsemän", "not a number"),
        ("encountr=7", "unknown criterion"),
    ]:
        error = awards.refused(
            "score", "set", SLUG, "--juror", "juror1@example.fi", "--nomination", "1", bad
        )
        assert message in error, (bad, error)
    assert "conflict" in awards.refused(
        "score", "set", SLUG, "--juror", "juror2@example.fi", "--nomination", "2", "encounter=5"
    )
    assert "not on the jury" in awards.refused(
        "score", "set", SLUG, "--juror", "stranger@example.fi", "--nomination", "1", "encounter=5"
    )
    assert "not in round" in awards.refused(
        "score", "set", SLUG, "--juror", "juror1@example.fi", "--nomination", "99", "encounter=5"
    )
    after = awards.snapshot()
    assert after["scores"] == before["scores"] == []


def test_decimal_comma_and_email_in_any_case(advisor) -> None:
    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    awards(
        "score", "set", SLUG, "--juror", "JUROR1@Example.FI", "--nomination", "1", "encounter=7,5"
    )
    [row] = awards.json("ranking", SLUG)
    assert row["by_criterion"]["encounter"] == 7.5


def test_score_changes_are_audited_old_to_new(advisor) -> None:
    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    scores(awards, 1, 1, 7)
    scores(awards, 1, 1, 8.5)
    result = scores(awards, 1, 1, 8.5)
    assert "1 unchanged" in result.stdout
    entry = awards.json("log", SLUG)[0]
    assert entry["action"] == "score.set"
    assert entry["after"]["changes"] == [
        {
            "juror": "juror1@example.fi",
            "nomination": 1,
            "criterion": "encounter",
            "old": 7.0,
            "new": 8.5,
        }
    ]


def test_a_write_to_a_few_nominations_of_a_large_round_reads_only_theirs(advisor) -> None:
    """A `score set` on one nomination of eight reads that nomination's assignments and scores
    only: what it refuses, adds, changes and leaves unchanged is as on a whole-round read."""
    awards = advisor(nominations=8, jurors=4)
    awards("conflict", "add", SLUG, "juror4@example.fi", "--nomination", "3", "--reason", "Sisar")
    awards("round", "open", SLUG, "--per-nomination", "2")
    assigned = {(a["juror"], a["nomination"]) for a in awards.json("round", "assignments", SLUG)}
    juror, other = sorted(j for j, n in assigned if n == 5)
    outsider = next(f"juror{j}@example.fi" for j in (1, 2, 3) if (f"juror{j}@example.fi", 5)
                    not in assigned)  # fmt: skip
    for n in (1, 2, 5, 6):  # other nominations' and another juror's scores around the cell
        for j in sorted(j for j, m in assigned if m == n):
            awards("score", "set", SLUG, "--juror", j, "--nomination", n, "encounter=6")
    assert "not assigned" in awards.refused(
        "score", "set", SLUG, "--juror", outsider, "--nomination", "5", "encounter=5"
    )
    assert "conflict" in awards.refused(
        "score", "set", SLUG, "--juror", "juror4@example.fi", "--nomination", "3", "encounter=5"
    )
    result = awards("score", "set", SLUG, "--juror", juror, "--nomination", "5", "encounter=8",
                    "solutions=6", "feedback=7")  # fmt: skip
    assert "2 new, 1 changed, 0 unchanged" in result.stdout
    assert awards.json("log", SLUG)[0]["after"]["changes"][0] == {
        "criterion": "encounter", "juror": juror, "new": 8.0, "nomination": 5, "old": 6.0,
    }  # fmt: skip
    result = awards("score", "set", SLUG, "--juror", juror, "--nomination", "5", "encounter=8")
    assert "0 new, 0 changed, 1 unchanged" in result.stdout
    mine = [s for s in awards.json("score", "list", SLUG) if s["nomination"] == 5]
    assert sorted((s["juror"], s["criterion"], s["score"]) for s in mine) == [
        (juror, "encounter", 8.0), (juror, "feedback", 7.0), (juror, "solutions", 6.0),
        (other, "encounter", 6.0),
    ]  # fmt: skip


def full_round(awards, table: dict[tuple[int, int], tuple[float, ...]]) -> None:
    for (juror, nomination), values in table.items():
        scores(awards, juror, nomination, *values)


def test_lifecycle_two_rounds_to_a_winner(advisor) -> None:
    awards = advisor(nominations=4, jurors=3)
    awards("round", "open", SLUG, "--name", "Esikarsinta")
    table = {}
    for j in (1, 2, 3):
        for n, base in ((1, 9.0), (2, 8.0), (3, 6.0), (4, 4.0)):
            table[(j, n)] = (base, base, base - 1, base, base - 0.5)
    full_round(awards, {k: v for k, v in table.items() if k != (3, 4)})
    assert "still lack scores" in awards.refused("round", "close", SLUG)
    missing = awards.json("score", "missing", SLUG)
    assert missing == [
        {
            "round": 1,
            "juror": "juror3@example.fi",
            "nomination": 4,
            "nominee": "Ehdokas 4",
            "missing": KEYS,
        }
    ]
    full_round(awards, {(3, 4): table[(3, 4)]})
    awards("round", "close", SLUG)
    assert "no open round" in awards.refused(
        "score", "set", SLUG, "--juror", "juror1@example.fi", "--nomination", "1", "encounter=1"
    )
    ranking = awards.json("ranking", SLUG)
    assert [r["nomination"] for r in ranking] == [1, 2, 3, 4]
    # 20 points per criterion, scale 0-10: (9+9+8+9+8.5)/10*20 = 87
    assert math.isclose(ranking[0]["score"], 87.0)
    assert ranking[0]["jurors"] == 3 and ranking[0]["spread"] == 0.0 and not ranking[0]["tied"]
    assert "no shortlist" in awards.refused("round", "open", SLUG)
    awards("round", "advance", SLUG, "--top", "2")
    awards("round", "open", SLUG, "--name", "Finaali")
    assert {a["nomination"] for a in awards.json("round", "assignments", SLUG)} == {1, 2}
    assert "still open" in awards.refused("winner", "declare", SLUG, "--nomination", "1")
    full_round(awards, {(j, 1): (7, 7, 7, 7, 7) for j in (1, 2, 3)})
    full_round(awards, {(j, 2): (9, 9, 9, 9, 9) for j in (1, 2, 3)})
    awards("round", "close", SLUG)
    assert "needs --override-reason" in awards.refused(
        "winner", "declare", SLUG, "--nomination", "1"
    )
    awards("winner", "declare", SLUG, "--nomination", "2", "--citation", "Upea työ.")
    assert "already has a winner" in awards.refused(
        "winner", "declare", SLUG, "--nomination", "1", "--override-reason", "x"
    )
    awards("winner", "declare", SLUG, "--nomination", "1", "--place", "runner-up")
    winners = awards.json("winner", "list", "--year", "2026")
    assert winners == [
        {
            "competition": SLUG,
            "place": "winner",
            "nomination": 2,
            "nominee": "Ehdokas 2",
            "organization": "Yritys 2 Oy",
        },
        {
            "competition": SLUG,
            "place": "runner-up",
            "nomination": 1,
            "nominee": "Ehdokas 1",
            "organization": "Yritys 1 Oy",
        },
    ]


def test_closed_round_is_frozen(advisor) -> None:
    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    full_round(awards, {(1, 1): (8, 8, 8, 8, 8), (1, 2): (6, 6, 6, 6, 6)})
    awards("round", "close", SLUG)
    before = awards.json("ranking", SLUG, "--round", "1")
    error = awards.refused(
        "score", "set", SLUG, "--juror", "juror1@example.fi", "--nomination", "2", "encounter=10"
    )
    assert "no open round" in error
    assert awards.json("ranking", SLUG, "--round", "1") == before
    assert awards("db", "check").exit_code == 0


def test_missing_scores_name_each_pairs_lacking_criteria_in_order(advisor) -> None:
    """Per (juror, nomination) pair, the round's criteria it lacks, jurors by email and then
    nominations; a score under a criterion the round does not have (written outside awards)
    stands in for none of them."""
    import sqlite3

    awards = advisor(nominations=3, jurors=2)
    awards("round", "open", SLUG)
    full_round(awards, {(1, 1): (8,) * 5, (1, 3): (7, 7, 7), (2, 1): (6,) * 5, (2, 2): (5, 5)})
    conn = sqlite3.connect(awards.db)
    conn.execute(
        "INSERT INTO scores (round_id, juror_id, nomination_id, criterion, value, updated_at, "
        "updated_by) VALUES (1, 2, 2, 'bogus', 1, 'now', 'me')"
    )
    conn.commit()
    conn.close()
    missing = awards.json("score", "missing", SLUG)
    assert [(m["juror"], m["nomination"], m["missing"]) for m in missing] == [
        ("juror1@example.fi", 2, KEYS),
        ("juror1@example.fi", 3, KEYS[3:]),
        ("juror2@example.fi", 2, KEYS[2:]),
        ("juror2@example.fi", 3, KEYS),
    ]
    assert {m["nominee"] for m in missing} == {"Ehdokas 2", "Ehdokas 3"}
    assert "Nominations lacking scores: 2, 3" in awards("round", "status", SLUG).stdout


def test_close_with_missing_scores_is_recorded(advisor) -> None:
    awards = advisor(nominations=2, jurors=2)
    awards("round", "open", SLUG)
    full_round(awards, {(1, 1): (8, 8, 8, 8, 8), (1, 2): (6, 6, 6, 6, 6), (2, 1): (4,) * 5})
    awards("round", "close", SLUG, "--allow-missing")
    ranking = awards.json("ranking", SLUG)
    by_id = {r["nomination"]: r for r in ranking}
    assert by_id[2]["incomplete"] and not by_id[1]["incomplete"]
    assert by_id[2]["score"] == pytest.approx(60.0)  # the mean over the scores given
    assert "missing" in (awards.json("log", SLUG)[0]["note"] or "")


def test_ties_share_a_rank_block_the_cut_and_a_tie_break_decides(advisor) -> None:
    awards = advisor(nominations=3, jurors=1)
    awards("round", "open", SLUG)
    full_round(awards, {(1, 1): (9, 9, 9, 9, 9), (1, 2): (8, 9, 8, 8, 8), (1, 3): (9, 8, 8, 8, 8)})
    awards("round", "close", SLUG)
    ranking = awards.json("ranking", SLUG)
    assert [(r["rank"], r["tied"]) for r in ranking] == [(1, False), (2, True), (2, True)]
    error = awards.refused("round", "advance", SLUG, "--top", "2")
    assert "tie" in error and "Ehdokas 2" in error and "Ehdokas 3" in error
    broken = awards.json("ranking", SLUG, "--tie-break", "encounter")
    assert [r["nomination"] for r in broken] == [1, 3, 2]
    assert broken[1]["decided_by"] and "encounter" in broken[1]["decided_by"]
    awards("round", "advance", SLUG, "--top", "2", "--include-ties")
    awards("round", "open", SLUG)
    assert len({a["nomination"] for a in awards.json("round", "assignments", SLUG)}) == 3


def test_self_assessment_round_has_no_jurors(awards) -> None:
    slug = "service-desk-2026"
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    awards("nomination", "add", slug, "--nominee", "Palvelupiste", "--organization", "Aava Oy")
    awards("juror", "add", slug, "--name", "Arvioija", "--email", "a@example.fi", "--role", "chair")
    awards("round", "open", slug, "--kind", "self-assessment")
    error = awards.refused(
        "score", "set", slug, "--juror", "a@example.fi", "--nomination", "1", "results=80"
    )
    assert "self-assessment" in error
    values = [
        "leadership=70",
        "people=75",
        "customers=80",
        "services=65",
        "partnerships=60",
        "results=85",
    ]
    awards("score", "set", slug, "--nomination", "1", *values[:4])
    [lacking] = awards.json("score", "missing", slug)
    assert (lacking["juror"], lacking["nomination"]) == ("(self-assessment)", 1)
    assert lacking["missing"] == ["partnerships", "results"]
    awards("score", "set", slug, "--nomination", "1", *values)
    assert awards.json("round", "status", slug)[0]["complete"] == 1
    assert awards.json("score", "missing", slug) == []
    awards("round", "close", slug)
    # The verification round after a self-assessment takes every self-assessed candidate.
    awards("round", "open", slug, "--name", "Verifiointi")
    assert awards.json("round", "assignments", slug) == [{"juror": "a@example.fi", "nomination": 1}]


def test_ranking_methods_through_the_cli(advisor) -> None:
    awards = advisor(nominations=2, jurors=3)
    awards("round", "open", SLUG)
    full_round(
        awards,
        {
            (1, 1): (10,) * 5,
            (2, 1): (4,) * 5,
            (3, 1): (5,) * 5,
            (1, 2): (6,) * 5,
            (2, 2): (6,) * 5,
            (3, 2): (6,) * 5,
        },
    )
    mean = {r["nomination"]: r["score"] for r in awards.json("ranking", SLUG)}
    median = {
        r["nomination"]: r["score"] for r in awards.json("ranking", SLUG, "--method", "median")
    }
    assert mean[1] == pytest.approx(63.333333333333336) and mean[2] == pytest.approx(60)
    assert median[1] == pytest.approx(50) and median[2] == pytest.approx(60)
    rank = awards.json("ranking", SLUG, "--method", "rank")
    assert rank[0]["nomination"] == 2  # juror 2 and 3 put 2 first: mean rank 1.33 vs 1.67


def _renumber_scores(db, new_id) -> None:
    """Give every score of the file a new id (`new_id(position)`, positions in today's id
    order), as a file edited or rebuilt elsewhere may hold them; accepted afterwards."""
    import sqlite3

    conn = sqlite3.connect(db)
    with conn:
        ids = [i for (i,) in conn.execute("SELECT id FROM scores ORDER BY id")]
        conn.execute("UPDATE scores SET id = -id")
        conn.executemany(
            "UPDATE scores SET id = ? WHERE id = ?",
            [(new_id(position), -old) for position, old in enumerate(ids)],
        )
    conn.close()


def test_the_order_the_file_keeps_scores_in_changes_no_result(advisor, tmp_path) -> None:
    """A round's scores are read in whatever order is cheapest (along the table, or through
    the round's index when its scores lie far apart): no ranking, method or panel figure may
    depend on it."""
    awards = advisor(nominations=6, jurors=4)
    awards("round", "open", SLUG)
    lines = ["juror;nomination;criterion;score"]
    for j in range(1, 5):
        for n in range(1, 7):
            for c, key in enumerate(KEYS):
                value = 1 + (j * 7 + n * 5 + c * 3) % 19 / 2  # 1 to 10 in half steps
                lines.append(f"juror{j}@example.fi;{n};{key};{str(value).replace('.', ',')}")
    (tmp_path / "scores.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    awards("score", "import", SLUG, tmp_path / "scores.csv")

    def results() -> dict[str, object]:
        seen: dict[str, object] = {"panel": awards.json("panel", SLUG)}
        for method in ("mean", "median", "trimmed", "zscore", "rank", "adjusted"):
            seen[method] = awards.json("ranking", SLUG, "--method", method)
        return seen

    before = results()
    count = len(lines) - 1
    for renumber in (
        lambda position: count - position,  # backwards, close together: read along the table
        lambda position: 1000 * (count - position),  # far apart: read through the index
    ):
        _renumber_scores(awards.db, renumber)
        assert "changed outside awards" in awards("db", "check", "--accept").output
        assert results() == before
