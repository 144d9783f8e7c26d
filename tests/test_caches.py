"""The panel and open-ranking caches: a change is never hidden by them, and a reader never
waits for another terminal's write to keep one."""

from __future__ import annotations

import sqlite3
import time

SLUG = "customer-advisor-2026"
KEYS = ("encounter", "solutions", "feedback", "teamwork", "development")


def _scored(advisor):
    awards = advisor(nominations=3, jurors=2)
    awards("round", "open", SLUG)
    for j in (1, 2):
        for n, level in ((1, 9), (2, 7), (3, 5)):
            awards("score", "set", SLUG, "--juror", f"juror{j}@example.fi", "--nomination", n,
                   *[f"{k}={level}" for k in KEYS])  # fmt: skip
    return awards


def test_a_score_change_shows_at_once_through_the_caches(advisor) -> None:
    awards = _scored(advisor)
    first = awards.json("ranking", SLUG)
    assert [r["nomination"] for r in first] == [1, 2, 3]
    panel = awards.json("panel", SLUG)
    assert awards.json("ranking", SLUG) == first  # the cached ranking is the same ranking
    for j in (1, 2):
        awards("score", "set", SLUG, "--juror", f"juror{j}@example.fi", "--nomination", 3,
               *[f"{k}=10" for k in KEYS])  # fmt: skip
    again = awards.json("ranking", SLUG)
    assert [r["nomination"] for r in again] == [3, 1, 2]
    assert awards.json("panel", SLUG)["robustness"] != panel["robustness"]
    cached = sqlite3.connect(awards.db).execute("SELECT count(*) FROM ranking_cache").fetchone()
    assert cached == (1,)


def test_a_reader_does_not_wait_for_another_terminals_write(advisor) -> None:
    awards = _scored(advisor)
    other = sqlite3.connect(awards.db)
    other.execute("BEGIN IMMEDIATE")  # another terminal is writing
    try:
        started = time.perf_counter()
        rows = awards.json("ranking", SLUG)
        assert time.perf_counter() - started < 3
        assert [r["nomination"] for r in rows] == [1, 2, 3]
    finally:
        other.execute("ROLLBACK")
        other.close()
    cached = sqlite3.connect(awards.db).execute("SELECT count(*) FROM ranking_cache").fetchone()
    assert cached == (0,)  # nothing kept, nothing lost


def test_a_closed_rounds_analysis_outlives_unrelated_changes(advisor) -> None:
    """A closed round's scores are frozen: declaring a winner or work elsewhere keeps its panel
    analysis; the shortlist taken from it (the cut) is part of it and renews it."""
    awards = _scored(advisor)
    awards("round", "close", SLUG)
    awards.json("panel", SLUG)
    marked = sqlite3.connect(awards.db)
    with marked:  # mark the cached copy, to see whether the next look reads it
        marked.execute("UPDATE panel_cache SET analysis = json_set(analysis, '$.method', 'X')")
    marked.close()
    awards("winner", "declare", SLUG, "--nomination", 1)
    awards("organizer", "set", "--name", "Yhdistys ry")
    assert awards.json("panel", SLUG)["method"] == "X"  # still the cached copy
    awards("nomination", "publish", 2, "--no")
    assert awards.json("panel", SLUG)["method"] == "X"
    awards("juror", "add", SLUG, "--name", "Uusi Tuomari", "--email", "new@example.fi")
    assert awards.json("panel", SLUG)["method"] == "mean"  # the jury changed: computed again


def test_the_shortlist_taken_from_a_closed_round_renews_its_analysis(advisor) -> None:
    awards = _scored(advisor)
    awards("round", "close", SLUG)
    assert "cut" not in awards.json("panel", SLUG)["robustness"]
    awards("round", "advance", SLUG, "--top", 2)
    assert awards.json("panel", SLUG, "--round", 1)["robustness"]["cut"] == 2


def test_what_the_caches_keep_is_what_was_computed(advisor, tmp_path) -> None:
    """The caches hand back a fresh value without reading it back from JSON: so every value
    they keep must survive JSON unchanged (no tuples, no integer keys), for the ranking rows and
    for the panel analysis, tie, cut and self-assessment parts included."""
    import json

    from awards.db.store import Store

    awards = _scored(advisor)
    awards("round", "close", SLUG)
    store = Store.open(awards.db, "tester")
    try:
        rows = store.rankings.compute_round_ranking(store.rounds.round(SLUG, 1))
        assert rows
        from awards.panel import analyse

        fresh = analyse(store.rankings.panel_round(SLUG, 1)._replace(cut=2), samples=100)
    finally:
        store.close()
    assert json.loads(json.dumps(fresh)) == fresh
    awards("round", "advance", SLUG, "--top", "2")
    first = awards.json("panel", SLUG, "--top", "2")
    again = awards.json("panel", SLUG, "--top", "2")  # from the cache
    assert first == again


def test_a_recorded_export_leaves_the_round_caches_warm(advisor, tmp_path) -> None:
    """Exports are recorded in the database (for `status`); that write must not throw away the
    open round's ranking and panel analysis, or every report would compute them anew."""
    awards = _scored(advisor)
    out = tmp_path / "raportti.docx"
    awards("export", "report", SLUG, "-o", out)
    conn = sqlite3.connect(awards.db)
    before = conn.execute("SELECT state FROM panel_cache").fetchall()
    conn.execute("UPDATE panel_cache SET analysis = json_set(analysis, '$.marked', 1)")
    conn.commit()
    awards("export", "report", SLUG, "-o", out)
    after = conn.execute("SELECT state, json_extract(analysis, '$.marked') FROM panel_cache")
    assert [(state, 1) for (state,) in before] == after.fetchall()
    # A score changed, by any path, is still seen at once.
    conn.execute("UPDATE scores SET value = 10 WHERE nomination_id = 3")
    conn.commit()
    conn.close()
    assert awards.json("ranking", SLUG)[0]["nomination"] == 3


def test_one_process_sees_every_change_between_two_looks(advisor) -> None:
    """A process that looks at a round twice (the jury report asks for its inputs four times)
    reads them once while the file has not moved: a change in between, by this connection or
    by another terminal, is seen at the second look all the same."""
    from awards.db.store import Store
    from awards.scores import ScoreInput

    awards = _scored(advisor)
    store = Store.open(awards.db, "tester")
    try:
        first = store.rankings.ranking(SLUG)["rows"]
        assert [r["nomination"] for r in first] == [1, 2, 3]
        assert store.rankings.ranking(SLUG)["rows"] == first
        # Another terminal lifts nomination 3 to the top.
        other = sqlite3.connect(awards.db)
        other.execute("UPDATE scores SET value = 10 WHERE nomination_id = 3")
        other.commit()
        other.close()
        assert [r["nomination"] for r in store.rankings.ranking(SLUG)["rows"]] == [3, 1, 2]
        # This connection lifts nomination 2 above it.
        lifted = [
            ScoreInput("test", f"juror{j}@example.fi", 2, key, 10.0, None)
            for j in (1, 2)
            for key in KEYS
        ]
        store.scores.record_scores(SLUG, lifted[:5], source="test")
        store.scores.record_scores(SLUG, lifted[5:], source="test")
        rows = store.rankings.ranking(SLUG)["rows"]
        assert [(r["nomination"], r["tied"]) for r in rows[:2]] == [(2, True), (3, True)]
        assert store.rankings.panel_analysis(SLUG, samples=20) is not None
    finally:
        store.close()
