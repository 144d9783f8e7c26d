"""One family of errors for everything a user can get wrong.

The command layer turns any `AwardsError` into `Error: <message>` on stderr and exit code 1.
"""

from __future__ import annotations

from collections.abc import Iterable


class AwardsError(Exception):
    """A request that was understood but refused. Nothing was changed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(AwardsError):
    """A slug, id or email that does not exist; suggests the closest match."""

    def __init__(
        self,
        what: str,
        value: object,
        candidates: Iterable[str] = (),
        hint: str = "",
        where: str = "",
    ) -> None:
        import difflib  # only when something was not found

        message = f"{what} {value!s} not found" + (f" in {where}" if where else "")
        close = difflib.get_close_matches(str(value), list(candidates), n=1, cutoff=0.5)
        if close:
            message += f". Did you mean {close[0]}?"
        elif hint:
            message += f" ({hint})"
        super().__init__(message)
        self.what = what
        self.value = value
        self.suggestion = close[0] if close else None


class WrongState(AwardsError):
    """The request does not fit the current phase (round open, round closed, ...)."""


class InvalidValue(AwardsError):
    """A value that breaks a rule: out of scale, wrong step, malformed text."""


class FileRefused(AwardsError):
    """A file that cannot be taken in. Lists every problem found (capped) with its location."""

    MAX_LISTED = 20

    def __init__(self, summary: str, problems: Iterable[str] = ()) -> None:
        self.summary = summary
        self.problems = list(problems)
        listed = self.problems[: self.MAX_LISTED]
        message = summary
        if listed:
            message += "\n" + "\n".join(f"  {p}" for p in listed)
            hidden = len(self.problems) - len(listed)
            if hidden > 0:
                message += f"\n  ... and {hidden} more"
        super().__init__(message)
