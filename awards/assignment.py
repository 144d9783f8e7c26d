"""Which juror scores which nomination in a round.

With `per_nomination` K, the assignment is built in two steps:
1. Greedy: the most constrained nominations (fewest jurors free of conflict) choose first, each
   taking the K least loaded eligible jurors; a seeded random draw breaks ties between equally
   loaded jurors, so panels mix instead of the same K jurors always sitting together.
2. Repair: while some juror carries at least two more than another juror it can pass work to,
   move one nomination along a chain of jurors (A gives n to B, B gives m to C, ...): only the
   two ends change load. When no such chain exists between any two jurors whose loads differ by
   two or more, the loads are as even as the conflicts allow: the busiest juror is as lightly
   loaded, and the least busy as heavily loaded, as any valid assignment can make them (the
   load vectors of these assignments form an M-convex set, where a vector with no improving
   exchange minimises the maximum and maximises the minimum at once).
3. Connect: the `adjusted` method can only tell a juror's severity from their candidates'
   level when every group of jurors shares a nomination with the rest. While the jurors fall
   into groups that share none, two jurors of different groups swap one nomination each (each
   free of conflict with the other's): loads stay the same and the two groups join. With K = 1
   no design is connected (nobody shares a nomination), and none is attempted.
"""

from __future__ import annotations

import random
from collections import defaultdict, deque
from collections.abc import Collection, Sequence

from .errors import InvalidValue


def assign_jurors(
    nominations: Sequence[int],
    jurors: Sequence[str],
    conflicts: Collection[tuple[str, int]],
    per_nomination: int | None = None,
    seed: int = 0,
) -> list[tuple[str, int]]:
    """(juror, nomination) pairs for a round, sorted.

    Without `per_nomination`, every juror not in conflict scores every nomination. With K, each
    nomination gets exactly K distinct jurors not in conflict, and juror loads differ by at most
    one wherever conflicts allow. The same inputs give the same result in any input order;
    `seed` reshuffles the choice between equally loaded jurors.
    """
    ids = sorted(set(nominations))
    people = sorted(set(jurors))
    eligible = _eligible_jurors(ids, people, conflicts)
    if per_nomination is None:
        return sorted((juror, n) for n in ids for juror in eligible[n])
    if per_nomination < 1:
        raise InvalidValue(f"--per-nomination must be at least 1, not {per_nomination}")
    _refuse_short_nominations(eligible, per_nomination)
    holders = _greedy(ids, people, eligible, per_nomination, random.Random(seed))
    _balance(people, eligible, holders)
    if per_nomination >= 2:
        _connect(eligible, holders)
    return sorted((juror, n) for n, held_by in holders.items() for juror in held_by)


def default_method(
    kind: str, nominations: Collection[int], jurors: int, pairs: Collection[tuple[str, int]]
) -> tuple[str, str]:
    """The method a round ranks by when none is asked for, and why (a code): `mean` where every
    juror scores every nomination ("complete") or no fair adjustment exists (a self-assessment;
    a design whose jurors fall into groups sharing no nomination, "not_connected"); otherwise
    `adjusted` ("incomplete"), so that who a candidate draws does not decide the cut."""
    if kind != "jury":
        return "mean", "self_assessment"
    if len(pairs) >= jurors * len(set(nominations)):
        return "mean", "complete"
    if len(juror_groups(pairs)) > 1:
        return "mean", "not_connected"
    return "adjusted", "incomplete"


def juror_groups(pairs: Collection[tuple[str, int]]) -> list[set[str]]:
    """The jurors in groups linked by shared nominations (one group: a connected design)."""
    parent: dict[str, str] = {}

    def root(j: str) -> str:
        parent.setdefault(j, j)
        while parent[j] != j:
            parent[j] = parent[parent[j]]
            j = parent[j]
        return j

    first_of: dict[int, str] = {}
    for juror, n in sorted(pairs):
        root(juror)
        if n in first_of:
            parent[root(juror)] = root(first_of[n])
        else:
            first_of[n] = juror
    groups: dict[str, set[str]] = defaultdict(set)
    for j in parent:
        groups[root(j)].add(j)
    return sorted(groups.values(), key=lambda g: min(g))


def _connect(eligible: dict[int, list[str]], holders: dict[int, set[str]]) -> None:
    """Join the groups of jurors that share no nomination by swapping one nomination between
    a juror of each group; loads are unchanged (see the module docstring)."""
    while True:
        groups = _groups_of(holders)
        if len(groups) < 2:
            return
        group_of = {j: i for i, g in enumerate(groups) for j in g}
        if not _swap_across(eligible, holders, group_of):
            return  # the conflicts allow no swap that joins them: the method says so later


def _swap_across(
    eligible: dict[int, list[str]], holders: dict[int, set[str]], group_of: dict[str, int]
) -> bool:
    groups = len(set(group_of.values()))
    group_of_nomination = {n: group_of[min(held)] for n, held in holders.items() if held}
    by_group: dict[int, list[int]] = defaultdict(list)
    for n, g in sorted(group_of_nomination.items()):
        by_group[g].append(n)
    first, *others = sorted(by_group)
    for n1 in by_group[first]:
        for other in others:
            for n2 in by_group[other]:
                for a in sorted(holders[n1]):
                    if a not in eligible[n2] or a in holders[n2]:
                        continue
                    for b in sorted(holders[n2]):
                        if b in eligible[n1] and b not in holders[n1]:
                            before = holders[n1], holders[n2]
                            holders[n1] = (holders[n1] - {a}) | {b}
                            holders[n2] = (holders[n2] - {b}) | {a}
                            if len(_groups_of(holders)) < groups:
                                return True
                            holders[n1], holders[n2] = before  # joined nothing: try another
    return False


def _groups_of(holders: dict[int, set[str]]) -> list[set[str]]:
    return juror_groups([(j, n) for n, held in holders.items() for j in held])


def _eligible_jurors(
    ids: list[int], people: list[str], conflicts: Collection[tuple[str, int]]
) -> dict[int, list[str]]:
    """nomination -> the jurors (sorted) free of conflict with it."""
    conflicted: dict[int, set[str]] = defaultdict(set)
    for juror, nomination in conflicts:
        conflicted[nomination].add(juror)
    return {
        n: [j for j in people if j not in conflicted[n]] if n in conflicted else people for n in ids
    }


def _refuse_short_nominations(eligible: dict[int, list[str]], per_nomination: int) -> None:
    """Name every nomination that cannot get enough jurors, grouped by how many it can get."""
    short: dict[int, list[int]] = defaultdict(list)
    for n, free in eligible.items():
        if len(free) < per_nomination:
            short[len(free)].append(n)
    if not short:
        return
    parts = []
    for count, ids in sorted(short.items()):
        jurors = "juror" if count == 1 else "jurors"
        if len(ids) == 1:
            parts.append(f"nomination {ids[0]} has {count} eligible {jurors}")
        else:
            parts.append(f"nominations {', '.join(map(str, ids))} have {count} eligible {jurors}")
    raise InvalidValue(
        f"not enough jurors free of conflicts for {per_nomination} per nomination: "
        + "; ".join(parts)
    )


def _greedy(
    ids: list[int],
    people: list[str],
    eligible: dict[int, list[str]],
    per_nomination: int,
    rng: random.Random,
) -> dict[int, set[str]]:
    """nomination -> its K jurors: most constrained nominations first, least loaded jurors."""
    load = dict.fromkeys(people, 0)
    holders: dict[int, set[str]] = {}
    for n in sorted(ids, key=lambda n: (len(eligible[n]), n)):
        # The random draw happens for every candidate in a fixed order: deterministic per seed.
        chosen = sorted(eligible[n], key=lambda j: (load[j], rng.random()))[:per_nomination]
        for juror in chosen:
            load[juror] += 1
        holders[n] = set(chosen)
    return dict(sorted(holders.items()))


def _balance(
    people: list[str], eligible: dict[int, list[str]], holders: dict[int, set[str]]
) -> None:
    """Move work along chains of jurors until no juror can pass a nomination, directly or
    through others, to a juror carrying two or more fewer (see the module docstring)."""
    assigned: dict[str, set[int]] = {j: set() for j in people}
    for n, held_by in holders.items():
        for juror in held_by:
            assigned[juror].add(n)
    while True:
        path = _find_improving_chain(people, eligible, holders, assigned)
        if path is None:
            return
        for giver, taker, n in path:
            assigned[giver].remove(n)
            assigned[taker].add(n)
            holders[n].remove(giver)
            holders[n].add(taker)


Move = tuple[str, str, int]  # (giver, taker, nomination)


def _find_improving_chain(
    people: list[str],
    eligible: dict[int, list[str]],
    holders: dict[int, set[str]],
    assigned: dict[str, set[int]],
) -> list[Move] | None:
    """A chain of moves from a juror to one carrying at least two fewer, heaviest start first;
    None when there is none anywhere."""
    lightest = min((len(assigned[j]) for j in people), default=0)
    cleared: set[str] = set()  # jurors already known to reach no lighter-by-two juror
    for start in sorted(people, key=lambda j: (-len(assigned[j]), j)):
        if len(assigned[start]) - lightest < 2:
            return None  # the remaining starts are lighter still
        if start in cleared:
            continue
        path, reached = _search_from(start, len(people), eligible, holders, assigned)
        if path is not None:
            return path
        # Everyone `start` reaches carries at least load(start) − 1, and their own reach lies
        # inside `reached`: none of them (no heavier than `start`, or already cleared) can find
        # a juror two lighter than themselves there, so searching from them again is wasted.
        cleared |= reached
    return None


def _search_from(
    start: str,
    juror_count: int,
    eligible: dict[int, list[str]],
    holders: dict[int, set[str]],
    assigned: dict[str, set[int]],
) -> tuple[list[Move] | None, set[str]]:
    """Breadth-first over "giver can hand nomination n to taker" (taker free of conflict with
    n and not already on it). Returns the shortest chain to a juror carrying load(start) − 2 or
    less, or None and every juror reached."""
    target_load = len(assigned[start]) - 2
    came_from: dict[str, tuple[str, int] | None] = {start: None}
    queue = deque([start])
    while queue:
        giver = queue.popleft()
        for n in sorted(assigned[giver]):
            for taker in eligible[n]:
                if taker in came_from or taker in holders[n]:
                    continue
                came_from[taker] = (giver, n)
                if len(assigned[taker]) <= target_load:
                    return _chain(came_from, taker), set(came_from)
                if len(came_from) == juror_count:  # everyone reached, no target among them
                    return None, set(came_from)
                queue.append(taker)
    return None, set(came_from)


def _chain(came_from: dict[str, tuple[str, int] | None], end: str) -> list[Move]:
    moves: list[Move] = []
    step = came_from[end]
    taker = end
    while step is not None:
        giver, n = step
        moves.append((giver, taker, n))
        taker = giver
        step = came_from[giver]
    return moves
