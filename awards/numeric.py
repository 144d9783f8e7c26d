"""numpy, imported on first need and kept to one thread.

The panel's arrays are small (a round's nominations × jurors): OpenBLAS's worker threads only
wait for work on them, and the waiting is counted as CPU time (on two cores, up to a third more
for the same `awards panel`). A user's own setting of the thread count is kept."""

from __future__ import annotations

import os
import sys
from typing import Any

_THREAD_SETTINGS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def numpy() -> Any:
    """The numpy module, with its BLAS on one thread unless the environment says otherwise."""
    if "numpy" not in sys.modules:
        for name in _THREAD_SETTINGS:
            os.environ.setdefault(name, "1")
    import numpy as np

    return np
