"""Which juror scores which nomination in a round."""

from __future__ import annotations

import random
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
    nomination gets exactly K jurors not in conflict and juror loads differ by at most one
    wherever conflicts allow. The same inputs give the same result in any input order; `seed`
    reshuffles the choice between equally loaded jurors.
    """
    ids = sorted(set(nominations))
    people = sorted(set(jurors))
    blocked = set(conflicts)
    if per_nomination is None:
        return [(j, n) for j in people for n in ids if (j, n) not in blocked]
    if per_nomination < 1:
        raise InvalidValue("--per-nomination must be at least 1")
    eligible = {n: [j for j in people if (j, n) not in blocked] for n in ids}
    short = [n for n in ids if len(eligible[n]) < per_nomination]
    if short:
        raise InvalidValue(
            f"not enough jurors free of conflicts for {per_nomination} per nomination: "
            + ", ".join(f"nomination {n} has {len(eligible[n])}" for n in short)
        )
    shuffled = people[:]
    random.Random(seed).shuffle(shuffled)
    preference = {j: i for i, j in enumerate(shuffled)}
    load = dict.fromkeys(people, 0)
    assigned: dict[str, set[int]] = {j: set() for j in people}
    # The most constrained nominations choose first, each taking the least loaded jurors.
    for n in sorted(ids, key=lambda n: (len(eligible[n]), n)):
        chosen = sorted(eligible[n], key=lambda j: (load[j], preference[j]))[:per_nomination]
        for j in chosen:
            load[j] += 1
            assigned[j].add(n)
    _rebalance(people, eligible, assigned, load, preference)
    return sorted((j, n) for j in people for n in assigned[j])


def _rebalance(
    people: list[str],
    eligible: dict[int, list[str]],
    assigned: dict[str, set[int]],
    load: dict[str, int],
    preference: dict[str, int],
) -> None:
    """Move single assignments from heavier to lighter jurors until loads differ by at most one
    or conflicts forbid every remaining move."""
    allowed = {n: set(js) for n, js in eligible.items()}
    while True:
        moved = False
        heavy_first = sorted(people, key=lambda j: (-load[j], preference[j]))
        light_first = sorted(people, key=lambda j: (load[j], preference[j]))
        for heavy in heavy_first:
            for light in light_first:
                if load[heavy] - load[light] <= 1:
                    break
                movable = sorted(
                    n for n in assigned[heavy] if light in allowed[n] and n not in assigned[light]
                )
                if movable:
                    n = movable[0]
                    assigned[heavy].remove(n)
                    assigned[light].add(n)
                    load[heavy] -= 1
                    load[light] += 1
                    moved = True
                    break
            if moved:
                break
        if not moved:
            return
