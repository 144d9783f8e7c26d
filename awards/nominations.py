"""Rules about nominations: validation, fingerprints and likely duplicates."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import InvalidValue
from .text import clean_line, clean_text, fold, is_email, normalize_email, organization_key

MAX_TEXT = 100_000
MAX_LINE = 500


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
        )

    def fingerprint(self) -> str:
        """Same nominee, organisation, nominator, text and date: the same nomination, so a file
        imported twice adds nothing the second time."""
        import hashlib  # only when nominations are written, not on every listing

        parts = [
            fold(self.nominee),
            organization_key(self.organization),
            fold(self.nominator or ""),
            (self.nominator_email or "").casefold(),
            " ".join((self.reason or "").split()),
            self.submitted or "",
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
