"""Plain values the rest of the tool passes around."""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import NamedTuple

from .errors import InvalidValue

ROLES: tuple[str, ...] = ("chair", "member", "assessor")
PLACES: tuple[str, ...] = ("winner", "runner-up", "mention")
ROUND_KINDS: tuple[str, ...] = ("jury", "self-assessment")
LANGUAGES: tuple[str, ...] = ("fi", "en")  # of the documents; Finnish first, the default
NOMINATION_STATUSES: tuple[str, ...] = ("active", "ineligible", "withdrawn", "merged")

# No scale or weight needs more: 0–1,000,000 points already dwarfs any real award.
MAX_SCALE = 1_000_000

# Values compare to the step grid within this tolerance: 7.5 typed as 7.499999999 is still 7.5.
_STEP_TOLERANCE = 1e-9


class Criterion(NamedTuple):
    """One criterion of a competition. A named tuple rather than a dataclass: `dataclasses`
    is an import the listings can do without."""

    key: str
    name_fi: str
    name_en: str
    weight: float = 1.0
    min: float = 0.0
    max: float = 10.0
    step: float = 0.0  # 0: any value between min and max

    def name(self, lang: str) -> str:
        return self.name_fi if lang == "fi" else self.name_en

    def check(self, value: float) -> float:
        """Return `value` if it is on this criterion's scale, else raise InvalidValue."""
        # type() first: a float is what nearly every value is, and the isinstance chain for
        # it cost an import of 50,000 scores a tenth of a second (checked twice each).
        if type(value) is not float and (
            isinstance(value, bool) or not isinstance(value, int | float)
        ):
            raise InvalidValue(f"{self.key}: {value!r} is not a number")
        if not self.min <= value <= self.max:  # NaN fails this too
            if not math.isfinite(value):
                raise InvalidValue(f"{self.key}: {value} is not a finite number")
            raise InvalidValue(
                f"{self.key}: {format_number(value)} is outside "
                f"{format_number(self.min)}–{format_number(self.max)}"
            )
        if self.step:
            steps = (value - self.min) / self.step
            if abs(steps - round(steps)) > _STEP_TOLERANCE * max(1.0, abs(steps)):
                raise InvalidValue(
                    f"{self.key}: {format_number(value)} is not in steps of "
                    f"{format_number(self.step)}"
                )
        return float(value)

    def normalized(self, value: float) -> float:
        """Points this value is worth: weight · (value − min) / (max − min)."""
        return self.weight * (value - self.min) / (self.max - self.min)


def validate_criteria(criteria: list[Criterion]) -> None:
    import re

    if not criteria:
        raise InvalidValue("a competition needs at least one criterion")
    seen: set[str] = set()
    for c in criteria:
        if not re.fullmatch(r"[a-z0-9_-]+", c.key):
            raise InvalidValue(f"criterion key {c.key!r} must use only a-z, 0-9, _ and -")
        if c.key in seen:
            raise InvalidValue(f"criterion key {c.key!r} appears twice")
        seen.add(c.key)
        for label, v in (("weight", c.weight), ("min", c.min), ("max", c.max), ("step", c.step)):
            if not math.isfinite(v):
                raise InvalidValue(f"criterion {c.key}: {label} must be a finite number")
            if abs(v) > MAX_SCALE:
                # 1e308 is finite, but max − min overflows to infinity and every score with it.
                raise InvalidValue(
                    f"criterion {c.key}: {label} {format_number(v)} is beyond ±{MAX_SCALE:,}"
                )
        if c.weight < 0:
            raise InvalidValue(f"criterion {c.key}: weight must not be negative")
        if c.max <= c.min:
            raise InvalidValue(f"criterion {c.key}: max must be greater than min")
        if c.step < 0 or c.step > c.max - c.min:
            raise InvalidValue(f"criterion {c.key}: step must be between 0 and max − min")


def format_number(value: float | None, decimals: int | None = None) -> str:
    """7.0 -> '7', 7.5 -> '7.5'; with `decimals`, fixed precision for display only."""
    if value is None:
        return ""
    if decimals is not None:
        return f"{value:.{decimals}f}"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.10g}"


def customer_service_week_monday(year: int) -> date:
    """Customer Service Week is the first full week of October: the Monday on or after 1 Oct."""
    first = date(year, 10, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def finnish_date(value: date) -> str:
    """5.10.2026: the way dates are written in Finnish documents."""
    return f"{value.day}.{value.month}.{value.year}"
