"""Who scores what: every juror free of conflict, or K jurors per nomination with even loads."""

from __future__ import annotations

import itertools
import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.assignment import _balance, assign_jurors
from awards.errors import InvalidValue

Pairs = list[tuple[str, int]]


def loads(pairs: Pairs, jurors: list[str]) -> list[int]:
    counts = Counter(juror for juror, _ in pairs)
    return [counts[j] for j in jurors]


def per_nomination(pairs: Pairs) -> Counter[int]:
    return Counter(n for _, n in pairs)


def test_without_k_every_juror_free_of_conflict_scores_everything() -> None:
    pairs = assign_jurors([3, 1, 2, 2], ["y", "x", "x"], {("x", 2), ("y", 9)})
    assert pairs == [("x", 1), ("x", 3), ("y", 1), ("y", 2), ("y", 3)]


def test_k_jurors_per_nomination_none_in_conflict_loads_even() -> None:
    jurors = [f"j{i}" for i in range(7)]
    conflicts = {("j0", 1), ("j0", 2), ("j3", 5)}
    pairs = assign_jurors(range(1, 31), jurors, conflicts, 3)
    assert per_nomination(pairs) == dict.fromkeys(range(1, 31), 3)
    assert len(set(pairs)) == len(pairs) == 90  # distinct jurors on each nomination
    assert not set(pairs) & conflicts
    assert pairs == sorted(pairs)
    assert max(loads(pairs, jurors)) - min(loads(pairs, jurors)) <= 1  # 90/7: 12 or 13


def test_a_juror_who_can_take_little_takes_all_they_can() -> None:
    # j0 may score only nominations 1 and 2: the other 4 share the rest evenly.
    jurors = ["j0", "j1", "j2", "j3", "j4"]
    conflicts = {("j0", n) for n in range(3, 21)}
    pairs = assign_jurors(range(1, 21), jurors, conflicts, 2)
    # 40 places: j0 takes its 2, the other four 38 -> 9 or 10 each
    assert loads(pairs, jurors)[0] == 2
    assert sorted(loads(pairs, jurors)[1:]) == [9, 9, 10, 10]


def test_the_same_inputs_in_any_order_give_the_same_result() -> None:
    jurors = [f"j{i}" for i in range(6)]
    conflicts = [("j1", 3), ("j2", 4)]
    one = assign_jurors(range(1, 21), jurors, conflicts, 2)
    again = assign_jurors(list(reversed(range(1, 21))), jurors[::-1], set(conflicts[::-1]), 2)
    assert one == again


def test_the_seed_reshuffles_ties_between_equally_loaded_jurors() -> None:
    jurors = [f"j{i}" for i in range(6)]
    results = {tuple(assign_jurors(range(1, 21), jurors, set(), 2, seed=s)) for s in range(5)}
    assert len(results) == 5
    for pairs in results:  # every seed is as balanced as the others
        assert set(loads(list(pairs), jurors)) == {6, 7}


def test_panels_mix_rather_than_repeat() -> None:
    # 40 jurors, K = 5: fixed panels would be the same 8 groups of five again and again.
    jurors = [f"j{i:02d}" for i in range(40)]
    pairs = assign_jurors(range(1, 201), jurors, set(), 5)
    panels = {n: frozenset(j for j, m in pairs if m == n) for n in range(1, 201)}
    assert len(set(panels.values())) > 150


def test_refusal_names_every_short_nomination_and_its_eligible_count() -> None:
    conflicts = {("x", 2), ("x", 3), ("y", 3), ("x", 4), ("y", 4)}
    with pytest.raises(InvalidValue) as refused:
        assign_jurors([1, 2, 3, 4], ["x", "y"], conflicts, 2)
    message = str(refused.value)
    assert "nomination 2 has 1 eligible juror" in message
    assert "nominations 3, 4 have 0 eligible jurors" in message
    assert "nomination 1" not in message


@pytest.mark.parametrize("k", [0, -1])
def test_k_below_one_is_refused(k: int) -> None:
    with pytest.raises(InvalidValue, match="at least 1"):
        assign_jurors([1], ["x"], set(), k)


def test_empty_round() -> None:
    assert assign_jurors([], ["x"], set(), 2) == []
    assert assign_jurors([], ["x"], set()) == []


def test_repair_moves_work_along_a_chain_when_no_direct_move_exists() -> None:
    # a holds n1 and n2, b holds n3, c nothing (K = 1). c may not take n1 or n2, so no single
    # move from a to c exists; but b can take n1 while c takes n3 from b: loads 1, 1, 1.
    eligible = {1: ["a", "b"], 2: ["a", "b"], 3: ["b", "c"]}
    holders = {1: {"a"}, 2: {"a"}, 3: {"b"}}
    _balance(["a", "b", "c"], eligible, holders)
    assert holders == {1: {"b"}, 2: {"a"}, 3: {"c"}}


def test_repair_tries_every_heavy_juror_not_only_the_first() -> None:
    # K = 2. j0 may score only n1, j2 only n1 and n2, j3 anything but n2, j1 anything but n1.
    # Start: j1 and j3 carry 3, j0 and j2 carry 1. j1 can pass nothing on (j0 and j2 are in
    # conflict with n3 and n4, and j2 already has n2), but j3 can give n1 to j2.
    eligible = {1: ["j0", "j2", "j3"], 2: ["j1", "j2"], 3: ["j1", "j3"], 4: ["j1", "j3"]}
    holders = {1: {"j0", "j3"}, 2: {"j1", "j2"}, 3: {"j1", "j3"}, 4: {"j1", "j3"}}
    _balance(["j0", "j1", "j2", "j3"], eligible, holders)
    assert holders == {1: {"j0", "j2"}, 2: {"j1", "j2"}, 3: {"j1", "j3"}, 4: {"j1", "j3"}}


# ---- properties ----------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(
    nominations=st.integers(1, 60),
    juror_count=st.integers(2, 12),
    k=st.integers(1, 4),
    seed=st.integers(0, 1000),
    data=st.data(),
)
def test_sparse_conflicts_always_allow_loads_within_one(
    nominations: int, juror_count: int, k: int, seed: int, data: st.DataObject
) -> None:
    """With at most one conflict per juror, loads can always differ by at most one: a juror two
    above another holds at least two nominations the lighter one lacks, and a single conflict
    can block only one of them."""
    jurors = [f"j{i}" for i in range(juror_count)]
    ids = list(range(1, nominations + 1))
    conflicts = {(j, data.draw(st.sampled_from(ids))) for j in jurors if data.draw(st.booleans())}
    eligible = {n: sum((j, n) not in conflicts for j in jurors) for n in ids}
    if min(eligible.values()) < k:
        with pytest.raises(InvalidValue, match="eligible"):
            assign_jurors(ids, jurors, conflicts, k, seed=seed)
        return
    pairs = assign_jurors(ids, jurors, conflicts, k, seed=seed)
    assert per_nomination(pairs) == dict.fromkeys(ids, k)
    assert len(set(pairs)) == len(pairs)
    assert not set(pairs) & conflicts
    assert max(loads(pairs, jurors)) - min(loads(pairs, jurors)) <= 1
    assert pairs == assign_jurors(ids[::-1], jurors[::-1], conflicts, k, seed=seed)


def best_possible_loads(
    ids: list[int], jurors: list[str], conflicts: set[tuple[str, int]], k: int
) -> set[tuple[int, ...]]:
    """Every load vector any valid assignment can reach: exhaustive, for tiny rounds."""
    reachable = {tuple(0 for _ in jurors)}
    for n in ids:
        free = [i for i, j in enumerate(jurors) if (j, n) not in conflicts]
        reachable = {
            tuple(load + (i in panel) for i, load in enumerate(vector))
            for vector in reachable
            for panel in itertools.combinations(free, k)
        }
    return reachable


@settings(max_examples=60, deadline=None)
@given(
    nominations=st.integers(1, 6),
    juror_count=st.integers(2, 5),
    k=st.integers(1, 3),
    seed=st.integers(0, 50),
    data=st.data(),
)
def test_loads_as_even_as_any_assignment_can_make_them(
    nominations: int, juror_count: int, k: int, seed: int, data: st.DataObject
) -> None:
    """Against every possible assignment of a tiny round with arbitrary conflicts: the busiest
    juror is as lightly loaded, and the least busy as heavily, as they can be."""
    jurors = [f"j{i}" for i in range(juror_count)]
    ids = list(range(1, nominations + 1))
    all_pairs = [(j, n) for j in jurors for n in ids]
    conflicts = set(data.draw(st.lists(st.sampled_from(all_pairs), max_size=len(all_pairs))))
    if any(sum((j, n) not in conflicts for j in jurors) < k for n in ids):
        return  # refused, covered above
    pairs = assign_jurors(ids, jurors, conflicts, k, seed=seed)
    assert per_nomination(pairs) == dict.fromkeys(ids, k) and not set(pairs) & conflicts
    possible = best_possible_loads(ids, jurors, conflicts, k)
    ours = loads(pairs, jurors)
    assert max(ours) == min(max(v) for v in possible)
    assert min(ours) == max(min(v) for v in possible)
    assert max(ours) - min(ours) == min(max(v) - min(v) for v in possible)


def test_a_national_round_is_balanced_with_organisation_conflicts() -> None:
    # 2,000 nominations, 40 jurors from 10 organisations; half the nominations come from
    # organisation 0, whose 4 jurors may score none of them.
    rng = random.Random(5)
    jurors = [f"j{i:02d}" for i in range(40)]
    organisation_of = {n: 0 if rng.random() < 0.5 else rng.randrange(10) for n in range(2000)}
    conflicts = {
        (j, n) for i, j in enumerate(jurors) for n in range(2000) if organisation_of[n] == i // 4
    }
    pairs = assign_jurors(range(2000), jurors, conflicts, 5, seed=1)
    assert per_nomination(pairs) == dict.fromkeys(range(2000), 5)
    assert not set(pairs) & conflicts
    assert max(loads(pairs, jurors)) - min(loads(pairs, jurors)) <= 1  # 10,000 / 40 = 250


@settings(max_examples=80, deadline=None)
@given(
    nominations=st.integers(1, 6),
    juror_count=st.integers(2, 5),
    k=st.integers(1, 3),
    data=st.data(),
)
def test_the_repair_evens_out_any_starting_assignment(
    nominations: int, juror_count: int, k: int, data: st.DataObject
) -> None:
    """The greedy start is usually even already; the repair must also fix a bad start."""
    jurors = [f"j{i}" for i in range(juror_count)]
    ids = list(range(1, nominations + 1))
    all_pairs = [(j, n) for j in jurors for n in ids]
    conflicts = set(data.draw(st.lists(st.sampled_from(all_pairs), max_size=len(all_pairs))))
    eligible = {n: [j for j in jurors if (j, n) not in conflicts] for n in ids}
    if any(len(free) < k for free in eligible.values()):
        return
    holders = {
        n: set(data.draw(st.permutations(free))[:k]) for n, free in eligible.items()
    }  # any valid start, however lopsided
    _balance(jurors, eligible, holders)
    assert all(len(held) == k and held <= set(eligible[n]) for n, held in holders.items())
    counts = Counter(j for held in holders.values() for j in held)
    ours = [counts[j] for j in jurors]
    possible = best_possible_loads(ids, jurors, conflicts, k)
    assert max(ours) == min(max(v) for v in possible)
    assert min(ours) == max(min(v) for v in possible)
    # No two jurors two apart where the heavier could pass work on: the sum of squares is
    # the least possible, so every juror's load is as even as it can be.
    assert sum(x * x for x in ours) == min(sum(x * x for x in v) for v in possible)
