"""The store: every read and write the commands make, each write in one transaction."""

from __future__ import annotations

from .maintenance import MaintenanceStore


class Store(MaintenanceStore):
    """Open with `Store.open(path, actor, create=...)`."""
