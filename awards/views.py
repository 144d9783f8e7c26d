"""What each document shows, as plain values: the store builds them, the writers in exports/
word them. Codes (places, methods, flags) stay codes here; words belong to the writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .ranking import Flag


@dataclass
class JurorView:
    name: str
    organization: str | None
    role: str  # chair | member | assessor
    email: str = ""


@dataclass
class PlaceView:
    place: str  # winner | runner-up | mention
    nomination_id: int
    nominee: str
    organization: str | None
    job_title: str | None
    citation: str | None
    override_reason: str | None = None


@dataclass
class CompetitionView:
    slug: str
    category: str
    year: int
    title: str  # in the document's language, e.g. "Vuoden Asiakasneuvoja 2026"
    announce_date: date
    winner_is_person: bool
    jury: list[JurorView] = field(default_factory=list)
    places: list[PlaceView] = field(default_factory=list)  # already filtered for consent
    # The places left out of a public document (for consent, or no longer active): the person
    # exporting is told which places, never who.
    withheld: list[str] = field(default_factory=list)


@dataclass
class CriterionView:
    key: str
    name: str
    weight: float
    min: float
    max: float
    step: float


@dataclass
class RankingRowView:
    rank: int
    nomination_id: int
    nominee: str
    organization: str | None
    score: float | None
    by_criterion: dict[str, float]
    jurors: int
    spread: float
    flags: list[Flag]


@dataclass
class ParticipationView:
    juror: str
    assigned: int
    complete: int
    missing: int


@dataclass
class ConflictView:
    juror: str
    nominee: str
    organization: str | None
    reason: str
    source: str


@dataclass
class RoundView:
    number: int
    name: str
    kind: str
    method: str
    status: str
    criteria: list[CriterionView]
    rows: list[RankingRowView]
    participation: list[ParticipationView]
    lower_is_better: bool  # the method's score is a mean rank, not points
    total_points: float  # what a perfect score is worth
    panel: dict[str, Any] | None = None  # awards.panel.analyse of a jury round
    juror_names: dict[str, str] = field(default_factory=dict)  # email -> name (or letter)
    nominees: dict[int, str] = field(default_factory=dict)


@dataclass
class ReportView:
    competition: CompetitionView
    rounds: list[RoundView]
    conflicts: list[ConflictView]
    generated: date
    anonymous_jurors: bool = False  # juror names replaced by letters (A, B, ...)


@dataclass
class FeedbackCriterionView:
    key: str
    name: str
    value: float | None
    field_mean: float
    field_best: float
    self_assessed: float | None
    min: float
    max: float


@dataclass
class HistoryView:
    year: int
    score: float | None
    rank: int
    of: int


@dataclass
class FeedbackView:
    competition_title: str
    year: int
    nominee: str
    organization: str | None
    criteria: list[FeedbackCriterionView]
    strengths: list[str]
    development: list[str]
    comments: list[str]
    history: list[HistoryView]
    rank: int | None
    of: int
    score: float | None
    total_points: float
    nomination_id: int = 0


@dataclass
class CertificateView:
    competition_title: str
    year: int
    place: str
    nominee: str
    organization: str | None
    date: date
    chair_name: str | None
    organiser: str | None = None  # None: the built-in organiser's name


@dataclass
class ScoreSheetView:
    competition_slug: str
    competition_title: str
    round_number: int
    round_name: str
    juror_name: str
    juror_email: str
    criteria: list[CriterionView]
    nominations: list[tuple[int, str, str | None]]
    deadline: date | None


@dataclass
class ResultRowView:
    rank: int
    nomination: int
    nominee: str | None  # None: may not be named publicly
    organization: str | None
    score: float | None
    by_criterion: dict[str, float]
    jurors: int
    spread: float
    tied: bool
    place: str | None
    named: bool
