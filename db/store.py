"""The store: every read and write the commands make, each write in one transaction."""

from __future__ import annotations

from .documents import DocumentStore


class Store(DocumentStore):
    """Open with `Store.open(path, actor, create=...)`."""
