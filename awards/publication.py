"""Who may be named in public documents (announcement, certificates, results)."""

from __future__ import annotations

from .presets import PRESETS


def may_be_named(category: str, place: str | None, publish: int | None) -> bool:
    """A candidate marked `publish --no` is never named. For Service Desk of the Year only the
    winner is named unless the candidate has said yes (`publish --yes`); elsewhere places are
    public unless refused."""
    if publish == 0:
        return False
    if publish == 1:
        return True
    if PRESETS[category].only_winner_public_by_default:
        return place == "winner"
    return place is not None


def strengths_and_development(
    points_share: dict[str, float], count: int = 2
) -> tuple[list[str], list[str]]:
    """The best and the weakest areas by share of the criterion's points (0..1).

    With few criteria the two lists never overlap: each takes at most half."""
    ordered = sorted(points_share, key=lambda k: (-points_share[k], k))
    take = min(count, len(ordered) // 2)
    return ordered[:take], list(reversed(ordered[-take:])) if take else []
