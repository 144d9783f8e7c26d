"""The rows the store hands to commands and writers, as types: a competition, a round, a member
of a jury, a nomination. Each is the table's columns as the store reads them (plus what it
derives), so mypy names the line that reads a field under a name the store no longer gives.

TypedDicts rather than classes: the rows stay the plain dicts the JSON output and the audit
log already take, with no conversion on the way through."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

if TYPE_CHECKING:
    from .ranking import RankedRow


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


class NominationRecord(TypedDict):
    """A row of `nominations` as stored, with `extra` read from its JSON."""

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


class NominationRow(NominationRecord):
    """A nomination with its competition."""

    competition: str  # the competition's slug
    category: str
    year: int


class MergedCandidate(NominationRow):
    """The kept candidate after a merge, with what the merge did to the jury."""

    conflicts_moved: int  # declared conflicts carried over from the merged entries
    now_in_conflict: list[str]  # emails of the jurors now in conflict with the candidate
    unassigned: int  # open-round assignments taken away from them


class NominationListing(TypedDict):
    """A candidate as `nomination list` shows it; `nominations` counts the entries merged into
    it, itself included."""

    id: int
    nominee: str
    organization: str | None
    title: str | None
    status: str
    nominations: int
    publish: int | None
    merged_into: int | None


class DuplicateGroup(TypedDict):
    """Candidates that look like one, with why (`awards.duplicates`)."""

    ids: list[int]
    reason: str
    strength: str  # "likely", "possible" or "weak"


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


class Place(TypedDict):
    """A declared place (winner, honourable mention ...) with its candidate."""

    place: str  # awards.models.PLACES
    nomination: int
    nominee: str
    organization: str | None
    title: str | None
    publish: int | None
    citation: str | None
    citation_en: str | None
    override_reason: str | None


class PlaceRow(Place):
    """A place with its competition, as `winner list` shows it."""

    competition: str  # slug
    category: str
    year: int


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


class RoundNomination(TypedDict):
    """A nomination of a round, and whether it went on to the next."""

    id: int
    nominee: str
    organization: str | None
    title: str | None
    status: str
    advanced: int


class ScoreComment(TypedDict):
    """A juror's remark on a nomination in a round (juror None in a self-assessment)."""

    nomination: int
    juror: str | None
    comment: str


class ConflictedScore(TypedDict):
    """A (juror, nomination) pair whose scores come from a juror now in conflict with it."""

    juror: str  # email
    nomination: int


class RemovedScores(TypedDict):
    """What `score remove` took out of the open round."""

    round: int
    juror: str
    removed: int  # scores
    comment: bool  # a remark went too
    unassigned: int  # the assignment, when the pair is in conflict


class CopiedCompetition(CompetitionRow):
    """A competition made from last year's, with how many jurors and conflicts it took over."""

    jurors: int
    conflicts: int


class PlaceRecord(Place):
    """A place as the documents read it: with the candidate's English texts and status."""

    nominee_en: str | None
    organization_en: str | None
    title_en: str | None
    status: str


class MailSummary(TypedDict):
    """Per kind of mail: messages sent, drafts written, to how many people, the last time."""

    sent: int
    drafted: int
    people: int
    last: str | None


class SmtpSettings(TypedDict):
    """The organiser's mail server, as `organizer set` stored it (the password never is)."""

    smtp_host: str | None
    smtp_port: int | None
    smtp_user: str | None
    smtp_from: str | None
    smtp_security: str | None


class Restored(TypedDict):
    """What `db restore` put in place."""

    competitions: int
    nominations: int
    outside_changes: list[str]  # changes made outside awards, as `db check` names them
    kept: str | None  # where the previous database went (None: there was none)


class JurorAdded(TypedDict):
    """A juror put on a jury, and whether the person was known from another competition."""

    name: str
    email: str
    organization: str | None
    role: str
    known: bool


class ConflictAfterClose(ConflictedScore):
    """Such a pair's scores in a closed jury round: the round, and the competition where
    several are told apart."""

    round: int
    competition: NotRequired[str]  # slug


class JurorDetailsChanged(TypedDict):
    """What `juror set` changed, where, and what it set off."""

    email: str
    changed: list[str]  # "name: A -> B", one line a field
    competitions: list[str]  # slugs of the competitions the person sits in
    after_close: list[ConflictAfterClose]  # conflicts the new organisation reveals, too late
    unassigned: int  # open-round assignments taken away
    decided: list[str]  # decided competitions, whose documents keep the details as declared


class MailRecord(TypedDict):
    """A row of `mail_log`, with `details` read from its JSON."""

    id: int
    competition_id: int
    round_id: int | None
    kind: str  # "sheet", "reminder" or "feedback"
    whose: str  # the juror (email) or candidate whose document the message carried
    recipient: str
    subject: str
    attachment: str | None
    sha256: str | None
    content: str
    message_id: str
    via: str  # "draft" or "smtp"
    status: str  # "sending", "sent", "written" or "failed"
    error: str | None
    details: dict[str, Any]
    at: str


class ScoresRecorded(TypedDict):
    """What a score write did: scores added, changed and left as they were, remarks changed."""

    added: int
    changed: int
    unchanged: int
    comments: int


class ScoreListing(TypedDict):
    """A score as `score list` shows it, with the remark on its nomination."""

    juror: str  # email, or the self-assessment's own name
    nomination: int
    criterion: str
    score: float
    comment: str | None


class InactiveNomination(TypedDict):
    """A nomination of a round no longer active (withdrawn, found ineligible)."""

    id: int
    nominee: str
    status: str


class RoundClosed(TypedDict):
    """What `round close` froze."""

    round: int
    ranked: int
    missing: int  # juror–nomination score sets still missing at close
    inactive: list[InactiveNomination]


class SkippedNomination(TypedDict):
    """A nomination `round advance` passed over although its rank reached the cut."""

    nomination: int
    nominee: str
    rank: int
    status: str | None


class RoundAdvanced(TypedDict):
    """What `round advance` shortlisted."""

    round: int
    shortlist: list[RankedRow]
    skipped: list[SkippedNomination]
    short: int  # places of the asked-for top left empty
