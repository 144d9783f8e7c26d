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


def unit_worth_naming(unit: str | None, name: str, award_title: str) -> bool:
    """Whether an organisation award's unit adds anything beside the organisation's name: not
    when it is the name itself or only repeats the award's ("Asiakaspalvelu" in "Vuoden
    Asiakaspalvelu 2026")."""
    if not unit or unit == name:
        return False
    return unit.casefold() not in award_title.casefold()


def feedback_areas(
    points_share: dict[str, float],
    values: dict[str, float],
    field_mean: dict[str, float],
    placed: bool,
    count: int = 2,
) -> tuple[list[str], list[str], list[str]]:
    """Strengths, strengths that stood out least, and development areas. A candidate's weakest
    areas are development areas only when they lie below the field's mean and the candidate
    was not placed: a winner, or anyone at or above the field on an area, is not told to
    develop what they do better than most."""
    strong, weak = strengths_and_development(points_share, count)
    relative = [k for k in weak if placed or values[k] >= field_mean[k]]
    development = [k for k in weak if k not in relative]
    return strong, relative, development


def same_comments(comments: list[str]) -> list[str]:
    """Each comment once: jurors who wrote the same words (ignoring case, spacing and a final
    full stop) are one comment, in the order first written."""
    seen: set[str] = set()
    kept = []
    for comment in comments:
        key = " ".join(comment.casefold().split()).rstrip(".!")
        if key and key not in seen:
            seen.add(key)
            kept.append(comment.strip())
    return kept
