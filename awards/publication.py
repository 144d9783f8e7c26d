"""Who may be named in public documents (announcement, certificates, results)."""

from __future__ import annotations

import re
from typing import NamedTuple

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


class FeedbackAreas(NamedTuple):
    strengths: list[str]  # best areas, at or above the field's mean
    relative_strengths: list[str]  # best areas that are still below the field's mean
    relative: list[str]  # weakest areas a candidate is not told to develop
    development: list[str]  # weakest areas below the field, for a candidate not placed


def feedback_areas(
    points_share: dict[str, float],
    values: dict[str, float],
    field_mean: dict[str, float],
    placed: bool,
    count: int = 2,
) -> FeedbackAreas:
    """Strengths, relative strengths, strengths that stood out least, and development areas.

    A best area is a strength only where the candidate is at or above the field's mean; below
    it, it is a relative strength (the candidate's own best, not better than most: a candidate
    23rd of 26 is not told their areas are "strengths"). A candidate's weakest areas are
    development areas only when they lie below the field's mean and the candidate was not
    placed: a winner, or anyone at or above the field on an area, is not told to develop what
    they do better than most."""
    strong, weak = strengths_and_development(points_share, count)
    strengths = [k for k in strong if values[k] >= field_mean[k]]
    relative_strengths = [k for k in strong if k not in strengths]
    relative = [k for k in weak if placed or values[k] >= field_mean[k]]
    development = [k for k in weak if k not in relative]
    return FeedbackAreas(strengths, relative_strengths, relative, development)


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


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Short words that are common in one language and do not occur in the other: enough to tell a
# juror's Finnish remark from an English one (a remark is a sentence or two).
_FINNISH_WORDS = _words(
    "ja on ei että hän se ovat oli olla myös kuin mutta tai sekä hyvin erittäin todella "
    "asiakas asiakkaan asiakkaita asiakkaat palvelu palvelua työ työtä tiimi hyvä hyvää "
    "vahva vahvuus kehitettävää kehittää osaa osaaminen aidosti kuuntelee jokaisen kanssa "
    "kun jos niin vielä enemmän paljon aina joka jotka tämä tässä mitä miten"
)
_ENGLISH_WORDS = _words(
    "the and is are was were a an of to in with for that this it not but or very "
    "customer customers service team work good strong great really always every listens "
    "shows could would should more their they she he has have on at as by from"
)


# Letters and endings of one language only: ä/ö, long vowels, and common inflections.
_FINNISH_SHAPE = re.compile(r"[äö]|aa|ii|uu|yy|(nen|sti|ssa|lla|lle|sta|lta|aan|ään|ksi)$")
_ENGLISH_SHAPE = re.compile(r"(tion|ing|ness|ful|ly|ed|w)$|th|sh|ck|wh|^w")


def remark_language(text: str) -> str | None:
    """ "fi" or "en" for a juror's remark by its words (Finnish letters ä/ö count for Finnish),
    None when it cannot be told (a name, a number, a single neutral word)."""
    words = re.findall(r"[^\W\d_]+", text.casefold())
    fi = sum(w in _FINNISH_WORDS or _FINNISH_SHAPE.search(w) is not None for w in words)
    en = sum(w in _ENGLISH_WORDS or _ENGLISH_SHAPE.search(w) is not None for w in words)
    if fi == en:
        return None
    return "fi" if fi > en else "en"


def remarks_in_order(remarks: list[str], lang: str) -> list[tuple[str, str | None]]:
    """Remarks in the document's language first, then the others, each order kept; each with
    its language when that is not the document's (to be marked), else None."""
    found = [(r, remark_language(r)) for r in remarks]
    own: list[tuple[str, str | None]] = [(r, None) for r, x in found if x in (lang, None)]
    other: list[tuple[str, str | None]] = [(r, x) for r, x in found if x not in (lang, None)]
    return own + other
