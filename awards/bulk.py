"""Work on a whole round at once: hundreds of thousands of small dicts, lists and tuples.

Python's cyclic garbage collector walks every container it tracks each time enough new ones have
been made; building a national round's tables (500,000 scores) set it off again and again, a
fifth of a cold ranking's time, for nothing: these structures hold numbers and strings and no
reference cycles, so reference counting frees them all the same. `paused_gc` holds the
collector off while such a structure is built; it runs as before afterwards."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector off for the block (nested blocks keep it off until the outermost
    ends); as it was afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
