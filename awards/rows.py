"""The rows the store hands to commands and writers, as types: a competition, a round, a member
of a jury, a nomination. Each is the table's columns as the store reads them (plus what it
derives), so mypy names the line that reads a field under a name the store no longer gives.

TypedDicts rather than classes: the rows stay the plain dicts the JSON output and the audit
log already take, with no conversion on the way through."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class CompetitionRow(TypedDict):
    """A row of `competitions`."""

    id: int
    slug: str
    category: str
    year: int
    title: str
    deadline: str | None
    announce_date: str
    created_at: str
    chair_quote: str | None
    chair_quote_en: str | None


class CompetitionListing(CompetitionRow):
    """A competition with its derived status: "nominations", "judging" or "decided"."""

    status: str


class RoundRow(TypedDict):
    """A row of `rounds`, with its tie-break chain read once (`tie_break_keys`)."""

    id: int
    competition_id: int
    number: int
    name: str
    kind: str  # awards.models.ROUND_KINDS
    method: str  # awards.ranking.METHOD_NAMES
    per_nomination: int | None
    seed: int
    status: str  # "open" or "closed"
    opened_at: str
    closed_at: str | None
    closed_with_missing: int
    frozen_criteria: str | None  # JSON of the criteria as they were when the round opened
    tie_break: str | None  # as stored: comma-joined criterion keys
    tie_break_keys: list[str]


class JuryMember(TypedDict):
    """A member of one competition's jury."""

    id: int  # the juror's id
    name: str
    email: str
    organization: str | None
    role: str  # awards.models.ROLES


class NominationRow(TypedDict):
    """A row of `nominations` with its competition, and `extra` read from its JSON."""

    id: int
    competition_id: int
    nominee: str
    organization: str | None
    title: str | None
    nominator: str | None
    nominator_email: str | None
    reason: str | None
    submitted: str | None
    extra: dict[str, Any]
    status: str
    status_note: str | None
    merged_into: int | None
    publish: int | None
    source: str | None
    fingerprint: str | None
    created_at: str
    nominee_en: str | None
    title_en: str | None
    organization_en: str | None
    response_id: str | None
    contact_email: str | None
    competition: str  # the competition's slug
    category: str
    year: int


class Assignment(TypedDict):
    """One nomination a juror is to score in the current round."""

    juror: str  # email
    nomination: int
    nominee: str
    organization: str | None


class JurorProgress(TypedDict):
    """One juror's progress in a round (in a self-assessment round, the organisations')."""

    juror: str  # email, or the self-assessment's own name
    name: NotRequired[str]
    assigned: int
    complete: int  # nominations with every criterion scored
    missing: int


class MissingScores(TypedDict):
    """A (juror, nomination) pair still lacking scores, with the criteria it lacks."""

    round: int
    juror: str
    nomination: int
    nominee: str
    missing: list[str]  # criterion keys


class Conflict(TypedDict):
    """A conflict of interest: declared, or found from a shared organisation."""

    juror: str  # email
    nomination: int | None  # None: declared against an organisation, no one nomination
    nominee: str | None
    organization: str | None
    reason: str
    source: str  # "declared" or "organization"


class PlaceRow(TypedDict):
    """A declared place (winner, honourable mention ...) with its competition and candidate."""

    competition: str  # slug
    category: str
    year: int
    place: str  # awards.models.PLACES
    nomination: int
    nominee: str
    organization: str | None
    title: str | None
    publish: int | None
    citation: str | None
    citation_en: str | None
    override_reason: str | None


class AuditEntry(TypedDict):
    """One entry of the audit log, as stored (`before`/`after` as JSON text)."""

    id: int
    at: str
    actor: str
    action: str
    competition: str | None
    entity: str | None
    entity_id: str | None
    before: str | None
    after: str | None
    note: str | None
    hash: str | None


class CompetitionOverview(CompetitionListing):
    """A competition with its counts and last round, as `awards status` and `overview` show."""

    active: int
    ineligible: int
    withdrawn: int
    merged: int
    without_organization: int
    jurors: int
    has_chair: bool
    rounds: int
    last_round: dict[str, Any] | None  # the last round's row as stored
    winners: int
    places: int


class CompetitionStatus(CompetitionOverview):
    """The overview and what `awards status` needs to say what to do next."""

    organizer_contact: bool
    exported: set[str]  # kinds of documents written since the places last changed
    missing: int
    missing_by_juror: list[tuple[str, int]]
    likely_duplicates: NotRequired[bool]
    shortlist: NotRequired[list[int]]
    top_tied: NotRequired[list[int]]
    top: NotRequired[int | None]
