"""The three built-in awards, their traits and their criteria (the README's "A year, step by
step" shows them in use).

A competition copies its criteria when it is created, so editing these never alters a past year.
"""

from __future__ import annotations

from typing import NamedTuple

from .models import Criterion


class CategoryPreset(NamedTuple):
    """One award and what sets it apart: the one place where a category's traits are named, so
    the rest of the tool asks `preset.winner_is_person` instead of comparing category names."""

    key: str
    title_fi: str
    title_en: str
    # A person wins (an advisor); otherwise an organisation or unit wins.
    winner_is_person: bool
    # Service Desk of the Year names only its winner publicly unless others consent.
    only_winner_public_by_default: bool
    # Organisation awards start with the candidates' self-assessment, then verification.
    starts_with_self_assessment: bool
    criteria: tuple[Criterion, ...]

    def title(self, lang: str, year: int) -> str:
        return f"{self.title_fi if lang == 'fi' else self.title_en} {year}"


def _organisation_criteria() -> tuple[Criterion, ...]:
    areas = [
        ("leadership", "Johtajuus ja suunta", "Leadership and direction", 110),
        ("people", "Henkilöstön johtaminen", "People management", 110),
        ("customers", "Asiakkuuksien hoitaminen", "Customer relationship management", 110),
        ("services", "Palvelut, kanavat ja prosessit", "Services, channels and processes", 110),
        (
            "partnerships",
            "Sidosryhmäyhteistyö ja resurssit",
            "Stakeholder collaboration and resources",
            110,
        ),
        ("results", "Tulokset", "Results", 450),
    ]
    return tuple(
        Criterion(key, fi, en, weight=weight, min=0, max=100, step=5)
        for key, fi, en, weight in areas
    )


def _advisor_criteria() -> tuple[Criterion, ...]:
    areas = [
        ("encounter", "Asiakaskohtaaminen", "Customer encounter"),
        ("solutions", "Osaaminen ja ratkaisut", "Expertise and solutions"),
        ("feedback", "Asiakaspalaute", "Customer feedback"),
        ("teamwork", "Työyhteisö", "Teamwork"),
        ("development", "Kehittäminen", "Development"),
    ]
    return tuple(
        Criterion(key, fi, en, weight=20, min=0, max=10, step=0.5) for key, fi, en in areas
    )


PRESETS: dict[str, CategoryPreset] = {
    "service-desk": CategoryPreset(
        "service-desk",
        "Vuoden Service Desk",
        "Service Desk of the Year",
        winner_is_person=False,
        only_winner_public_by_default=True,
        starts_with_self_assessment=True,
        criteria=_organisation_criteria(),
    ),
    "customer-service": CategoryPreset(
        "customer-service",
        "Vuoden Asiakaspalvelu",
        "Customer Service of the Year",
        winner_is_person=False,
        only_winner_public_by_default=False,
        starts_with_self_assessment=True,
        criteria=_organisation_criteria(),
    ),
    "customer-advisor": CategoryPreset(
        "customer-advisor",
        "Vuoden Asiakasneuvoja",
        "Customer Advisor of the Year",
        winner_is_person=True,
        only_winner_public_by_default=False,
        starts_with_self_assessment=False,
        criteria=_advisor_criteria(),
    ),
}
CATEGORIES: tuple[str, ...] = tuple(PRESETS)


def preset(category: str) -> CategoryPreset:
    """The category's preset, or InvalidValue naming the categories there are."""
    from .errors import InvalidValue

    try:
        return PRESETS[category]
    except KeyError:
        raise InvalidValue(
            f"unknown category {category!r}; choose {', '.join(CATEGORIES)}"
        ) from None
