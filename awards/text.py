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


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two different texts differ by one letter added, removed or replaced, or two
    neighbouring letters swapped (optimal string alignment distance 1). Linear."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((i for i in range(len(a)) if a[i] != b[i]), len(a))
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


@functools.lru_cache(maxsize=8192)
def _organization_words(key: str) -> list[str]:
    return fold_quick(key.replace("-", " ")).split()


@functools.lru_cache(maxsize=65536)
def organizations_alike(a: str, b: str) -> bool:
    """Whether two organisation keys (see `organization_key`) are probably one employer written
    differently: "lumo" ~ "lumo telecom" (one is the start of the other), "aava-pankki" ~
    "aava pankki", "sahko" ~ "sähkö", "lumo telekom" ~ "lumo telecom" (one slip in a long
    name). For possible duplicates only: conflicts of interest compare keys exactly."""
    if not a or not b:
        return False
    if a == b:
        return True
    words_a, words_b = _organization_words(a), _organization_words(b)
    if words_a == words_b or "".join(words_a) == "".join(words_b):
        return True
    short, long = sorted((words_a, words_b), key=len)
    if short and long[: len(short)] == short and len("".join(short)) >= 3:
        return True
    joined_a, joined_b = " ".join(words_a), " ".join(words_b)
    return min(len(joined_a), len(joined_b)) >= 6 and one_edit_apart(joined_a, joined_b)


_COMBINING_LATIN = re.compile("[\u0300-\u034e\u0350-\u036f]")  # U+034F is not one


def fold_quick(value: str) -> str:
    """`fold`, the same result, fast for the Latin text nearly every name is written in: where
    no letter (after NFKC) lies beyond Latin, IPA and the combining diacritics (U+0370), no
    look-alike can be mixed in and the only invisible format character is the soft hyphen.
    Anything else takes `fold`'s own way. For matching thousands of names at once."""
    text = unicodedata.normalize("NFKC", value)
    if text and max(text) >= "\u0370":
        return fold(value)
    text = unicodedata.normalize("NFKD", text.replace("\xad", "").casefold())
    if not text.isascii():
        text = _COMBINING_LATIN.sub("", text)
    return " ".join(text.split())
