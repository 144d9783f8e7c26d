"""Rules about nominations: validation, fingerprints and likely duplicates."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import InvalidValue
from .text import clean_line, clean_text, fold, is_email, normalize_email, organization_key

MAX_TEXT = 100_000
MAX_LINE = 500
LINE_FIELDS = ("nominee", "organization", "title", "nominator", "title_en", "organization_en",
               "nominee_en")  # fmt: skip


def field_problem(field_name: str, value: str) -> str | None:
    """Why a cleaned text cannot be the value of a field (None when it can): an email that is
    not one, a one-line field longer than MAX_LINE."""
    if (field_name in LINE_FIELDS or field_name == "nominator_email") and len(value) > MAX_LINE:
        return f"longer than {MAX_LINE} characters"
    if field_name == "nominator_email" and value and not is_email(value):
        return f"{value!r} is not an email address"
    return None


@dataclass
class NominationInput:
    """One nomination on its way in, typed or read from a file: the one type for it. A reader
    returns it cleaned (`cleaned()`), and the store takes it as it is."""

    nominee: str
    organization: str | None = None
    title: str | None = None
    nominator: str | None = None
    nominator_email: str | None = None
    reason: str | None = None
    submitted: str | None = None
    # English forms for English documents; without one, an English document leaves the Finnish
    # job title or unit name out rather than show it untranslated.
    title_en: str | None = None
    organization_en: str | None = None
    nominee_en: str | None = None
    # The candidate's own address, for their feedback (`awards mail feedback`).
    contact_email: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    location: str = ""  # where it came from, for messages ("row 6 (line 7)"); not stored
    # The form tool's own id of the response (Microsoft Forms' ID, Typeform's #/token,
    # Webropol's respondent id), prefixed with the form it came from: the same response
    # downloaded again with changed answers updates its nomination instead of adding one.
    response_id: str | None = None

    def cleaned(self) -> NominationInput:
        """Stored exactly as given, but NFC, without control characters; one-line fields folded.

        Raises InvalidValue for a missing nominee, an invalid email or an oversized field.
        """

        def line(value: str | None, label: str) -> str | None:
            if value is None:
                return None
            text = clean_line(value)
            if len(text) > MAX_LINE:
                raise InvalidValue(f"{label} is longer than {MAX_LINE} characters")
            return text or None

        nominee = line(self.nominee, "nominee")
        if not nominee:
            raise InvalidValue("the nominee (ehdokas) is empty")
        email = line(self.nominator_email, "nominator email")
        if email and not is_email(email):
            raise InvalidValue(f"{email!r} is not an email address")
        contact = line(self.contact_email, "contact email")
        if contact and not is_email(contact):
            raise InvalidValue(f"{contact!r} is not an email address (contact_email)")
        reason = clean_text(self.reason).replace("\r\n", "\n").strip() if self.reason else None
        if reason and len(reason) > MAX_TEXT:
            raise InvalidValue(f"the reasoning text is longer than {MAX_TEXT} characters")
        return NominationInput(
            nominee=nominee,
            organization=line(self.organization, "organization"),
            title=line(self.title, "title"),
            nominator=line(self.nominator, "nominator"),
            nominator_email=normalize_email(email) if email else None,
            reason=reason or None,
            submitted=self.submitted,
            title_en=line(self.title_en, "title_en"),
            organization_en=line(self.organization_en, "organization_en"),
            nominee_en=line(self.nominee_en, "nominee_en"),
            contact_email=normalize_email(contact) if contact else None,
            extra={
                clean_line(k): clean_text(v).replace("\r\n", "\n") for k, v in self.extra.items()
            },
            location=self.location,
            response_id=self.response_id,
        )

    def fingerprint(self) -> str:
        """Same nominee, organisation, nominator, text, date and every other answer kept with it:
        the same nomination, so a file imported twice adds nothing the second time, and two
        responses that differ in any answer are never taken for one."""
        import hashlib  # only when nominations are written, not on every listing

        parts = [
            fold(self.nominee),
            organization_key(self.organization),
            fold(self.nominator or ""),
            (self.nominator_email or "").casefold(),
            " ".join((self.reason or "").split()),
            self.submitted or "",
        ]
        if self.extra:  # (a migration brought older fingerprints up to this)
            parts.extend(f"{k}\x1e{' '.join(v.split())}" for k, v in sorted(self.extra.items()))
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
