"""Scores as they come in, and the rule that decides which of them a round accepts."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import NamedTuple

from .errors import InvalidValue
from .models import Criterion, format_number
from .text import clean_text, normalize_email


class ScoreInput(NamedTuple):
    """One score as typed or read from a file, before it is checked. The one type for a score
    on its way in: the readers return it and the store takes it."""

    location: str  # where it came from, for error messages: "line 7", "--nomination 12"
    juror: str | None  # email; None in a self-assessment round
    nomination: int
    criterion: str
    value: float
    comment: str | None = None


class RoundRules(NamedTuple):
    """What an open round allows: who may score what, on which scale."""

    competition: str  # slug, for messages
    number: int
    self_assessment: bool
    criteria: Mapping[str, Criterion]
    jurors: Mapping[str, int]  # email -> juror id
    nominations: Collection[int]  # the round's nominations
    assigned: Collection[tuple[int, int]]  # (juror id, nomination)
    conflicted: Collection[tuple[int, int]]  # (juror id, nomination)


# (juror id or 0 in a self-assessment round, nomination, criterion) -> (value, location)
CheckedScores = dict[tuple[int, int, str], tuple[float, str]]
# (juror id or 0, nomination) -> remark
Comments = dict[tuple[int, int], str]


def check_scores(
    scores: Sequence[ScoreInput], rules: RoundRules
) -> tuple[CheckedScores, Comments, list[str]]:
    """Every score against the round's rules: a juror on the jury (none in a self-assessment
    round), a nomination of the round, assigned and free of conflict, a known criterion, a value
    on its scale and step, and no cell given two different values. Returns the accepted scores,
    the remarks, and one problem per refused score with its location."""
    problems: list[str] = []
    checked: CheckedScores = {}
    comments: Comments = {}
    # A file names a few jurors and a few values many times over: each distinct one is looked
    # up once (a national import: 500,000 scores, 40 jurors, 21 values a scale).
    juror_of: dict[str | None, tuple[int, str | None]] = {}
    on_scale: dict[tuple[str, float], float] = {}
    nominations, assigned, conflicted = rules.nominations, rules.assigned, rules.conflicted
    # A line of a file gives one juror's scores of one nomination, a criterion each: whether
    # that juror may score that nomination is decided once for the run of them.
    last_juror: object = _NOBODY
    last_nomination: object = _NOBODY
    may_score: tuple[int, str | None] = (0, None)
    for s in scores:
        # Unpacked once: at 500,000 scores the field reads by name were a fifth of the loop.
        location, juror, nomination, criterion, given, comment = s
        if nomination != last_nomination or juror != last_juror:
            found = juror_of.get(juror)
            if found is None:
                found = juror_of[juror] = _juror(s, rules)
            juror_id, problem = found
            if problem is None and nomination not in nominations:
                problem = f"nomination {nomination} is not in round {rules.number}"
            if problem is None and not rules.self_assessment:
                if (juror_id, nomination) in conflicted:
                    problem = f"{juror} is in conflict with nomination {nomination} (jäävi)"
                elif (juror_id, nomination) not in assigned:
                    problem = f"{juror} is not assigned nomination {nomination}"
            may_score, last_juror, last_nomination = (juror_id, problem), juror, nomination
        juror_id, problem = may_score
        value = 0.0
        if problem is None:
            # Only a float other than zero is remembered: 1 and True, 0.0 and -0.0 are equal
            # keys that must not share an answer.
            remembered = type(given) is float and given != 0.0
            known = on_scale.get((criterion, given)) if remembered else None
            if known is not None:
                value = known
            else:
                value, problem = _value(s, rules.criteria)
                if problem is None and remembered:
                    on_scale[(criterion, given)] = value
        if problem is not None:
            problems.append(f"{location}: {problem}")
            continue
        key = (juror_id, nomination, criterion)
        earlier = checked.get(key)
        if earlier and earlier[0] != value:
            problems.append(
                f"{location}: {criterion} for nomination {nomination} is already "
                f"given as {format_number(earlier[0])} at {earlier[1]}"
            )
            continue
        checked[key] = (value, location)
        if comment:
            comments[(juror_id, nomination)] = clean_text(comment).strip()
    return checked, comments, problems


_NOBODY = object()  # no score's juror or nomination: the first score is always decided


def _juror(s: ScoreInput, rules: RoundRules) -> tuple[int, str | None]:
    if rules.self_assessment:
        if s.juror:
            return 0, f"round {rules.number} is a self-assessment round: scores have no juror"
        return 0, None
    if not s.juror:
        return 0, "a juror (email) is required in a jury round"
    juror_id = rules.jurors.get(normalize_email(s.juror))
    if juror_id is None:
        return 0, f"{s.juror} is not on the jury of {rules.competition}"
    return juror_id, None


def _value(s: ScoreInput, criteria: Mapping[str, Criterion]) -> tuple[float, str | None]:
    criterion = criteria.get(s.criterion)
    if criterion is None:
        return 0.0, f"unknown criterion {s.criterion!r} (known: {', '.join(criteria)})"
    try:
        return criterion.check(s.value), None
    except InvalidValue as exc:
        return 0.0, str(exc)
