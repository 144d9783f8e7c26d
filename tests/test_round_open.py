"""`awards round open`: which jurors score what, and which method the round ranks by."""

from __future__ import annotations

import random

import pytest

from awards.assignment import assign_jurors, default_method, juror_groups

SLUG = "customer-advisor-2026"


def test_an_incomplete_design_ranks_by_adjusted_and_says_why(advisor) -> None:
    awards = advisor(nominations=8, jurors=4)
    result = awards("round", "open", SLUG, "--per-nomination", "2")
    assert "Method: adjusted (each nomination is scored by only some of the 4 jurors" in (
        result.stdout
    )
    assert awards.json("ranking", SLUG) is not None
    assert "adjusted" in awards("ranking", SLUG, "--format", "plain").stdout.splitlines()[0]


def test_a_complete_design_keeps_the_mean(advisor) -> None:
    awards = advisor(nominations=4, jurors=3)
    result = awards("round", "open", SLUG)
    assert "Method: mean (every juror scores every nomination)." in result.stdout


def test_a_method_asked_for_is_kept(advisor) -> None:
    awards = advisor(nominations=8, jurors=4)
    result = awards("round", "open", SLUG, "--per-nomination", "2", "--method", "mean")
    assert "Method: mean (as asked)." in result.stdout


def test_one_juror_per_nomination_cannot_be_adjusted(advisor) -> None:
    awards = advisor(nominations=6, jurors=3)
    result = awards("round", "open", SLUG, "--per-nomination", "1")
    assert "Method: mean (each nomination has only some jurors, but they fall into groups" in (
        result.stdout
    )


def test_the_assignment_is_connected_at_national_scale() -> None:
    pairs = assign_jurors(list(range(2000)), [f"j{i}" for i in range(40)], [], 5)
    assert len(juror_groups(pairs)) == 1
    assert default_method("jury", range(2000), 40, pairs) == ("adjusted", "incomplete")


@pytest.mark.parametrize("seed", range(25))
def test_the_assignment_is_connected_with_heavy_conflicts(seed: int) -> None:
    """Jurors and candidates in four employers: every juror is in conflict with a quarter of
    the field, and small panels easily fall into groups that share no candidate."""
    rng = random.Random(seed)
    jurors = [f"j{i}@example.fi" for i in range(rng.randint(4, 12))]
    employer = {j: i % 4 for i, j in enumerate(jurors)}
    nominations = list(range(1, rng.randint(6, 40)))
    conflicts = [(j, n) for j in jurors for n in nominations if employer[j] == n % 4]
    for per in (2, 3):
        pairs = assign_jurors(nominations, jurors, conflicts, per, seed=seed)
        used = {j for j, _ in pairs}
        # A nomination with K jurors links K − 1 more: fewer links than that cannot connect.
        if len(nominations) * (per - 1) >= len(used) - 1:
            assert len(juror_groups(pairs)) == 1, (seed, per)
        else:
            assert default_method("jury", nominations, len(jurors), pairs)[1] == "not_connected"
        assert not set(pairs) & set(conflicts)
        counts: dict[int, int] = {}
        for _, n in pairs:
            counts[n] = counts.get(n, 0) + 1
        assert set(counts.values()) == {per}
