"""Which nominations are probably the same candidate.

Kept apart from the other nomination rules and free of dataclasses and hashing, because
`awards status` runs it on every call."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from .text import fold, organization_key


class DuplicateGroup(NamedTuple):
    ids: list[int]
    reason: str
    strength: str  # "likely" or "weak"


def find_duplicates(candidates: Iterable[Mapping[str, object]]) -> list[DuplicateGroup]:
    """Nominations that are probably the same candidate, and why.

    Names compare ignoring case, spacing and diacritics (Mäkelä ~ Makela); organisations
    ignoring case and legal suffixes (Aava Pankki ~ Aava Pankki Oyj). The same name at another
    employer is a namesake: listed only as a weak match.
    """
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for c in candidates:
        nominee = str(c["nominee"])
        organization = c.get("organization")
        org = organization_key(organization if isinstance(organization, str) else None)
        by_name[fold(nominee)].append((int(str(c["id"])), org))
    groups: list[DuplicateGroup] = []
    for name, entries in sorted(by_name.items()):
        if len(entries) < 2:
            continue
        by_org: dict[str, list[int]] = defaultdict(list)
        for nomination_id, org in entries:
            by_org[org].append(nomination_id)
        known = {org: ids for org, ids in by_org.items() if org}
        unknown = by_org.get("", [])
        for org, ids in sorted(known.items()):
            if len(ids) > 1:
                groups.append(
                    DuplicateGroup(
                        sorted(ids), f"same name and organisation ({name}, {org})", "likely"
                    )
                )
        if unknown and len(known) <= 1:
            ids = sorted(unknown + [i for ids in known.values() for i in ids])
            groups.append(
                DuplicateGroup(ids, f"same name ({name}); organisation missing on some", "likely")
            )
        if len(known) > 1:
            ids = sorted(i for ids in known.values() for i in ids)
            groups.append(
                DuplicateGroup(
                    ids,
                    f"same name ({name}) at different organisations: probably namesakes",
                    "weak",
                )
            )
    return groups
