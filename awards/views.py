"""What each document shows, as plain values: the store builds them, the writers in exports/
word them. Codes (places, methods, flags) stay codes here; words belong to the writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .ranking import Flag

if TYPE_CHECKING:
    from .panel import PanelAnalysis


@dataclass
class OrganizerView:
    """Who runs the awards, as `awards organizer set` recorded it; None: not given."""

    name: str | None = None
    name_en: str | None = None
    about: str | None = None
    about_en: str | None = None
    contact: str | None = None
    contact_en: str | None = None
    embargo_time: str | None = None  # "9.00"
    city: str | None = None

    def name_in(self, lang: str) -> str | None:
        return (self.name_en or self.name) if lang == "en" else self.name

    def contact_in(self, lang: str) -> str | None:
        # Names, numbers and addresses read in any language: the Finnish contact serves an
        # English release when no English one is given.
        return (self.contact_en or self.contact) if lang == "en" else self.contact

    def about_in(self, lang: str) -> str | None:
        # A Finnish paragraph in an English release reads as a mistake: no fallback.
        return self.about_en if lang == "en" else self.about


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
    chair_quote: str | None = None  # in the document's language

    @property
    def chair(self) -> JurorView | None:
        return next((j for j in self.jury if j.role == "chair"), None)


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
    panel: PanelAnalysis | None = None  # awards.panel.analyse of a jury round
    juror_names: dict[str, str] = field(default_factory=dict)  # email -> name (or letter)
    nominees: dict[int, str] = field(default_factory=dict)


@dataclass
class ReportView:
    competition: CompetitionView
    rounds: list[RoundView]
    conflicts: list[ConflictView]
    generated: date
    anonymous_jurors: bool = False  # juror names replaced by letters (A, B, ...)
    organiser: str | None = None


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
    development: list[str]  # below the field, for a candidate not placed
    comments: list[str]  # each once
    history: list[HistoryView]
    rank: int | None
    of: int
    score: float | None
    total_points: float
    nomination_id: int = 0
    relative: list[str] = field(default_factory=list)  # weakest areas that are still strengths
    tied_with: int = 1  # how many share the rank (1: nobody else)
    round_number: int = 1
    round_name: str = ""
    everyone: bool = True  # compared with every candidate, not only those who went on
    place: str | None = None  # winner | runner-up | mention
    organiser: str | None = None
    winner_is_person: bool = True
    # Best areas still below the field's mean: "relative strengths", never plain strengths.
    relative_strengths: list[str] = field(default_factory=list)


@dataclass
class CertificateView:
    competition_title: str
    year: int
    place: str
    nominee: str
    organization: str | None
    date: date
    chair_name: str | None
    organiser: str | None = None  # as `awards organizer set` named it; None: not set
    city: str | None = None
    winner_is_person: bool = True
    job_title: str | None = None
    nomination_id: int = 0


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
    refused: bool = False  # the candidate said no (`nomination publish ID --no`)
