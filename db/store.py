"""The one store the commands use, put together from its parts.

Each part is one noun and stands on its own: it gets the shared base (connection, transaction,
audit) and, explicitly, the parts it reads from. Nothing inherits from another noun, so a reader
sees in the constructor below which part may call which, and a change to one part cannot shift
the methods of another. Composition rather than mixins: `store.nominations.add(...)` says which
noun owns an operation, and parts with the same method names (`list`, `get`) never collide.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from .base import StoreBase
from .check import Checks
from .competitions import Competitions
from .documents import Documents
from .jury import Jury
from .mail import Mail
from .maintenance import Maintenance
from .nominations import Nominations
from .organizer import Organizer
from .privacy import Privacy
from .rankings import Rankings
from .results import Results
from .rounds import Rounds
from .scores import Scores
from .winners import Winners


class Store:
    """Open with `Store.open(path, actor, create=...)`."""

    def __init__(self, db: StoreBase) -> None:
        self.db = db
        self.competitions = Competitions(db)
        self.organizer = Organizer(db)
        self.nominations = Nominations(db, self.competitions)
        self.jury = Jury(db, self.competitions, self.nominations)
        # A round's life, one part each: rounds and who scores what, the scores, the rankings
        # and panel analysis read from them, and the round's end (close, advance).
        parts = (db, self.competitions, self.nominations, self.jury)
        self.rounds = Rounds(*parts)
        self.scores = Scores(*parts, self.rounds)
        self.rankings = Rankings(*parts, self.rounds, self.scores)
        self.results = Results(*parts, self.rounds, self.scores, self.rankings)
        self.winners = Winners(*parts, self.rounds, self.rankings)
        self.maintenance = Maintenance(*parts, self.rounds, self.rankings)
        self.checks = Checks(db, self.competitions, self.jury, self.rounds, self.rankings)
        self.privacy = Privacy(db, self.competitions)
        self.mail = Mail(db, self.competitions)
        self.documents = Documents(
            db,
            self.competitions,
            self.nominations,
            self.jury,
            self.rounds,
            self.scores,
            self.rankings,
            self.winners,
            self.organizer,
        )

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        actor: str | Callable[[], str] = "unknown",
        *,
        create: bool = False,
    ) -> Store:
        """Open (and with `create`, create) the database and bring its schema up to date."""
        return cls(StoreBase.open(path, actor, create=create))

    def close(self) -> None:
        self.db.close()
