"""Work on a whole round at once: hundreds of thousands of small dicts, lists and tuples.

Python's cyclic garbage collector walks every container it tracks each time enough new ones have
been made; building a national round's tables (500,000 scores) set it off again and again, a
fifth of a cold ranking's time, for nothing: these structures hold numbers and strings and no
reference cycles, so reference counting frees them all the same. `paused_gc` holds the
collector off while such a structure is built; it runs as before afterwards, except that in the
command line's process, which ends with its command, what the block built is frozen out of the
collector's later passes (`settle_for_one_command`)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Whether what a paused block built is kept out of the collector's sight for good (`gc.freeze`):
# only in a process that ends with its command, the command line's own (`settle_for_one_command`).
# A process that lives on (a test run, a library caller) must keep collecting what it builds.
_FREEZE_AFTER_PAUSE = False


def settle_for_one_command() -> None:
    """Say that this process ends when its one command does. A round's tables then stay until
    the end anyway: after a paused block the collector would walk their million containers in
    each of its next full passes, and once more as the interpreter shuts down (a national
    ranking spent a tenth of its time so, and freed nothing). Frozen instead, they are still
    freed by reference counting, as all of them are; only garbage in a reference cycle made
    before the freeze would wait for the process's end."""
    global _FREEZE_AFTER_PAUSE
    _FREEZE_AFTER_PAUSE = True


def end_of_command() -> None:
    """At the end of the command line's command: the interpreter's last full collection then
    skips what is still alive, which the process's end frees in any case."""
    if _FREEZE_AFTER_PAUSE:
        gc.freeze()


# Containers a paused block must have left to be frozen afterwards: a national round's tables
# are millions; a small round's, which the collector walks in no time, are a few thousand.
FREEZE_FROM = 200_000


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector off for the block (nested blocks keep it off until the outermost
    ends); as it was afterwards, what a large block built frozen in a process of one
    command."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Only a large block's: the demo runs a whole year's commands in one process, and
            # freezing after each small one kept that process's garbage (25 MB) to its end.
            if _FREEZE_AFTER_PAUSE and gc.get_count()[0] >= FREEZE_FROM:
                gc.freeze()
            gc.enable()
