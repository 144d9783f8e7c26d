"""Where a competition stands and the exact next command to run."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple


class Phase(NamedTuple):
    phase: str
    next_step: str


def conflict_note(c: Mapping[str, Any]) -> str | None:
    """What weakens the conflict check, said where the coordinator looks: candidates without an
    organisation (`without_organization` in the overview) cannot be matched to a juror's
    employer. None when there are none, or once the competition is decided."""
    missing = c.get("without_organization") or 0
    if not missing or c.get("winners"):
        return None
    return (
        f"{missing} candidate(s) have no organisation: automatic conflicts cannot be found for them"
    )


def next_step(c: Mapping[str, Any]) -> Phase:
    """`c` is one competition's overview: slug, category, counts, last_round (or None),
    missing (score sets missing in the open round), shortlist (ids advanced from the last
    closed round), top_tied (ids tied at rank 1 of the last closed round), winners, places,
    organizer_contact (whether the organiser's media contact is set), chair_quote, exported
    (the kinds of document written since the places last changed: announcement, certificates,
    feedback, ...)."""
    slug = c["slug"]
    last = c.get("last_round")
    from .presets import PRESETS

    organisation_award = PRESETS[c["category"]].starts_with_self_assessment
    if c.get("winners"):
        # What the press release needs before it can be sent as it is.
        if not c.get("organizer_contact", True):
            return Phase(
                "decided", 'awards organizer set --name NAME --contact "NAME, PHONE, EMAIL"'
            )
        if c.get("has_chair") and not c.get("chair_quote"):
            return Phase("decided", f"awards competition set {slug} --chair-quote TEXT")
        # Then the documents, in the order they go out: the release, the certificates handed
        # over at the gala, the candidates' feedback.
        exported = c.get("exported") or set()
        if "announcement" not in exported:
            return Phase("decided", f"awards export announcement {slug}")
        if "certificates" not in exported:
            return Phase(
                "decided, release out", f"awards export certificates {slug} --out kunniakirjat/"
            )
        if "feedback" not in exported:
            return Phase(
                "decided, certificates out", f"awards export feedback {slug} --out palaute/"
            )
        return Phase("done", "nothing: the release, certificates and feedback are out")
    if c["active"] == 0 and last is None:
        return Phase("nominations", f"awards nomination import {slug} FILE.csv")
    if c["jurors"] == 0:
        return Phase("jury", f"awards juror add {slug} --name NAME --email EMAIL --role chair")
    if last is None:
        if c.get("likely_duplicates"):
            return Phase("nominations", f"awards nomination duplicates {slug}")
        if not c.get("has_chair"):
            return Phase("jury", f"awards juror add {slug} --name NAME --email EMAIL --role chair")
        if organisation_award:
            return Phase("ready", f"awards round open {slug} --kind self-assessment")
        return Phase("ready", f"awards round open {slug} --name Esikarsinta --per-nomination 3")
    label = f"round {last['number']} ({last['name']})"
    if last["status"] == "open":
        missing = c.get("missing", 0)
        if missing:
            return Phase(
                f"{label} open, {missing} score set(s) missing", f"awards score missing {slug}"
            )
        return Phase(f"{label} open, all scores in", f"awards round close {slug}")
    if last["kind"] == "self-assessment":
        return Phase(f"{label} closed", f"awards round open {slug} --name Verifiointi")
    if c.get("shortlist"):
        return Phase(
            f"{label} closed, shortlist of {len(c['shortlist'])}",
            f"awards round open {slug} --name Finaali",
        )
    tied = c.get("top_tied") or []
    if len(tied) > 1:
        return Phase(
            f"{label} closed, tie at the top: {', '.join(map(str, tied))}",
            f"awards ranking {slug} --tie-break KEY",
        )
    if last["number"] == 1 and c["active"] > 10 and not organisation_award:
        return Phase(f"{label} closed", f"awards round advance {slug} --top 6")
    top = c.get("top")
    target = top if top is not None else "ID"
    return Phase(f"{label} closed", f"awards winner declare {slug} --nomination {target}")


def mail_line(summary: Mapping[str, Mapping[str, Any]]) -> str | None:
    """`Mail: score sheets 6 sent to 6 juror(s) (last 3.12.2026 10:40 UTC); ...`, from the mail
    log's summary of a round; None when nothing went out."""
    parts = []
    for kind, label in (("sheet", "score sheets"), ("reminder", "reminders")):
        found = summary.get(kind)
        if not found:
            continue
        how = []
        if found["sent"]:
            how.append(f"{found['sent']} sent")
        if found["drafted"]:
            how.append(f"{found['drafted']} written as draft(s)")
        day, _, time = str(found["last"]).partition("T")
        year, month, dd = day.split("-")
        when = f"{int(dd)}.{int(month)}.{year} {time[:5]} UTC"
        parts.append(f"{label} {' and '.join(how)} to {found['people']} juror(s) (last {when})")
    return "Mail: " + "; ".join(parts) if parts else None
