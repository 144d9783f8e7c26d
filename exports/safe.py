"""Defences for everything that leaves the tool as a file."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from awards.text import clean_text

# A spreadsheet treats a text cell starting with one of these as a formula (CWE-1236).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe; numbers and
    other values pass through unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_filename(name: str, taken: set[str] | None = None, suffix: str = "") -> str:
    """A file name made from a person's or organisation's name: no path separators, no
    traversal, no control characters, at most 80 characters, unique within `taken`.

    Keeps å/ä/ö; adds `-2`, `-3`, ... when the name is already taken (compared case-insensitively,
    as Windows and macOS file systems do). Adds the chosen name to `taken`.
    """
    text = unicodedata.normalize("NFC", clean_text(name))
    text = re.sub(r"[\\/:*?\"<>|\x00-\x1f]+", "-", text)
    text = re.sub(r"\s+", "-", text.strip())
    text = re.sub(r"-{2,}", "-", text).strip("-.")
    text = text[:80].rstrip("-.") or "unnamed"
    # Windows reserves these device names whatever the extension.
    if text.split(".")[0].upper() in {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *{f"COM{i}" for i in range(10)},
        *{f"LPT{i}" for i in range(10)},
    }:
        text = "_" + text
    if taken is None:
        return text + suffix
    candidate, n = text, 1
    while (candidate + suffix).casefold() in taken:
        n += 1
        candidate = f"{text}-{n}"
    taken.add((candidate + suffix).casefold())
    return candidate + suffix


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """Write to a temporary name beside `path` and move it into place only when complete, so a
    crash or a kill never leaves a half-written document under the real name.

    The temporary file is made new (O_EXCL, a random name) rather than at a name anyone could
    guess and plant a symlink at; the final rename replaces whatever stands at `path`, a
    symlink included, and never writes through it."""
    import tempfile

    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    partial = Path(name)
    try:
        yield partial
        # mkstemp makes the file private (0600); a document gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(partial, 0o666 & ~umask)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
