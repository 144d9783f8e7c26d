"""Text rules: how names are stored, compared and matched."""

from __future__ import annotations

import re
import unicodedata

# C0/C1 control characters except tab, newline and carriage return, which texts may contain.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

# Legal-form suffixes that do not distinguish one organisation from another.
LEGAL_SUFFIXES = frozenset(
    {
        "oy",
        "oyj",
        "ab",
        "abp",
        "ltd",
        "ry",
        "rf",
        "ky",
        "tmi",
        "ay",
        "inc",
        "llc",
        "plc",
        "gmbh",
        "as",
        "asa",
        "corp",
        "co",
        "sr",
        "osk",
        "liikelaitos",
    }
)


def clean_text(value: str) -> str:
    """Store text exactly as given, but in Unicode NFC and without control characters."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", value))


def clean_line(value: str) -> str:
    """A one-line field (a name, an organisation): cleaned, inner whitespace folded."""
    return " ".join(clean_text(value).split())


def fold(value: str) -> str:
    """Case-, spacing- and diacritics-insensitive form: 'Mäkelä ' ~ 'makela'."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


def organization_key(value: str | None) -> str:
    """The key two organisation names must share to be the same organisation.

    Ignores case, extra spaces, punctuation and legal suffixes such as Oy, Oyj, Ab, Ltd, ry,
    but keeps å/ä/ö distinct from a/o (Sähkö and Sahko may be different companies).
    """
    if not value:
        return ""
    words = re.sub(r"[^\w\s&-]", " ", unicodedata.normalize("NFC", value).casefold()).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in LEGAL_SUFFIXES:
        words.pop(0)
    return " ".join(words)


def normalize_email(value: str) -> str:
    return value.strip().casefold()


# RFC 5321's limits: 64 characters before the @, 254 in all.
MAX_EMAIL = 254
MAX_EMAIL_LOCAL = 64


def is_email(value: str) -> bool:
    """One @, something before it, a dotted domain after it, no spaces: in one linear pass (a
    regular expression with two unbounded runs around the dot backtracks quadratically on an
    address made of thousands of dots)."""
    text = value.strip()
    if not text or len(text) > MAX_EMAIL or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    if not local or len(local) > MAX_EMAIL_LOCAL or any(c.isspace() for c in text):
        return False
    return "." in domain and not domain.startswith(".") and not domain.endswith(".")


def slugify(value: str) -> str:
    folded = fold(value)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
