"""Text rules: how names are stored, compared and matched."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

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
    """A one-line field (a name, an organisation): cleaned, without invisible format characters
    (zero-width spaces and joiners, soft hyphens), inner whitespace folded."""
    return " ".join(_without_format(clean_text(value)).split())


# Letters of other scripts that look like Latin ones: in a word that mixes them with Latin
# letters ("Аava" with a Cyrillic А) they are read as the Latin letter they imitate.
_LOOKALIKES = str.maketrans(
    "аеорсухікмтнвАЕОРСУХІКМТНВјѕԁɡοαρτνκιΑΕΟΡΤΧΥΙΚΜΝΒ",
    "aeopcyxikmthbAEOPCYXIKMTHBjsdgoaptvkiAEOPTXYIKMNB",
)


def _without_format(value: str) -> str:
    return "".join(c for c in value if unicodedata.category(c) != "Cf")


def _scripts(word: str) -> set[str]:
    found = set()
    for c in word:
        if c.isalpha():
            name = unicodedata.name(c, "")
            found.add(name.split(" ")[0] if name else "?")
    return found


def mixed_script(value: str | None) -> bool:
    """Whether a word mixes Latin letters with Cyrillic or Greek ones: a spoofed name."""
    return any(
        "LATIN" in (scripts := _scripts(word)) and scripts & {"CYRILLIC", "GREEK"}
        for word in (value or "").split()
    )


def comparable(value: str) -> str:
    """The form in which two texts are compared: NFKC (full-width and compatibility forms
    become plain ones), no invisible format characters, and in a word that mixes scripts the
    look-alike letters read as Latin. A zero-width space or a Cyrillic "а" can then no more
    hide a same-employer conflict, a duplicate or a second jury seat."""
    text = _without_format(unicodedata.normalize("NFKC", value))
    return " ".join(
        word.translate(_LOOKALIKES) if mixed_script(word) else word for word in text.split()
    )


def fold(value: str) -> str:
    """Case-, spacing- and diacritics-insensitive form: 'Mäkelä ' ~ 'makela'."""
    decomposed = unicodedata.normalize("NFKD", comparable(value).casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


# A year's candidates share a few hundred organisations: each name is keyed once.
@functools.lru_cache(maxsize=8192)
def organization_key(value: str | None) -> str:
    """The key two organisation names must share to be the same organisation.

    Ignores case, extra spaces, punctuation and legal suffixes such as Oy, Oyj, Ab, Ltd, ry,
    but keeps å/ä/ö distinct from a/o (Sähkö and Sahko may be different companies).
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", comparable(value)).casefold()
    words = re.sub(r"[^\w\s&-]", " ", text).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    while len(words) > 1 and words[0] in LEGAL_SUFFIXES:
        words.pop(0)
    return " ".join(words)


# A score file names its 40 jurors 50,000 times: each distinct address is normalised once.
@functools.lru_cache(maxsize=4096)
def normalize_email(value: str) -> str:
    """An email as stored and compared: one person, one address, however it was typed."""
    return comparable(value.strip()).casefold()


# RFC 5321's limits: 64 characters before the @, 254 in all.
MAX_EMAIL = 254
MAX_EMAIL_LOCAL = 64


@functools.lru_cache(maxsize=4096)
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


def distinct_names(rows: Iterable[Sequence[Any]]) -> dict[int, str]:
    """(id, nominee, organization) rows -> id: the nominee, with the organisation in brackets
    where two rows share a nominee's name (an organisation award's "Asiakaspalvelu"), so that a
    sentence naming one is never ambiguous."""
    rows = list(rows)
    # casefold, not `fold`: a name that only looks alike is still told apart by its own
    # spelling, and this runs over every nominee of a national round.
    count: dict[str, int] = {}
    for _, nominee, _ in rows:
        key = nominee.casefold()
        count[key] = count.get(key, 0) + 1
    return {
        n: f"{nominee} ({organization})"
        if count[nominee.casefold()] > 1 and organization
        else nominee
        for n, nominee, organization in rows
    }
