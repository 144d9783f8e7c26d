"""`awards log`: the audit trail."""

from __future__ import annotations

from typing import Any

import click

from .completion import complete_slug
from .context import App, pass_app
from .output import format_option, render


@click.command("log")
@click.argument("slug", required=False, shell_complete=complete_slug)
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@format_option
@pass_app
def log(app: App, slug: str | None, limit: int, fmt: str | None) -> None:
    """The audit trail, newest first: who changed what, when, before and after.

    \b
    Example:
      awards log customer-advisor-2026 --limit 20
    """
    import json

    # What is shown: each entry with its values read from JSON and a one-line summary (the
    # store's entries stay as stored).
    rows: list[dict[str, Any]] = []
    for entry in app.store().maintenance.log(slug, limit):
        row: dict[str, Any] = {
            **entry,
            "before": json.loads(entry["before"]) if entry["before"] else None,
            "after": json.loads(entry["after"]) if entry["after"] else None,
        }
        row["change"] = _summary(row)
        rows.append(row)
    render(
        rows,
        ["at", "actor", "action", "competition", "entity_id", "change"],
        fmt,
        json_keys=[
            "id",
            "at",
            "actor",
            "action",
            "competition",
            "entity",
            "entity_id",
            "before",
            "after",
            "note",
        ],
        empty="The log is empty.",
    )


SHOWN_CHANGES = 3  # juror × nomination score sets spelled out per entry in table and plain


def _summary(row: dict) -> str:
    before, after = row["before"], row["after"]
    text = ""
    if isinstance(after, dict) and "changes" in after:
        from awards.models import format_number

        changes = after["changes"]
        groups: dict[tuple[str, int], list[str]] = {}
        for c in changes:
            old = "–" if c["old"] is None else format_number(c["old"])
            groups.setdefault((c.get("juror") or "", c["nomination"]), []).append(
                f"{c['criterion']} {old} → {format_number(c['new'])}"
            )
        shown = [
            f"{juror + ' ' if juror else ''}#{nomination}: {', '.join(parts)}"
            for (juror, nomination), parts in list(groups.items())[:SHOWN_CHANGES]
        ]
        text = "; ".join(shown)
        if len(groups) > SHOWN_CHANGES:
            text += (
                f"; and {len(groups) - SHOWN_CHANGES} more nomination(s) "
                "(--format json has every change)"
            )
        if not changes and after.get("comments"):
            text = f"{after['comments']} remark(s)"
    elif isinstance(before, dict) and isinstance(after, dict):
        changed = [k for k in after if before.get(k) != after.get(k)]
        text = ", ".join(f"{k} {before.get(k)} → {after.get(k)}" for k in changed)
    elif isinstance(after, dict):
        text = ", ".join(f"{k} {v}" for k, v in after.items() if v not in (None, "", []))
    elif isinstance(before, dict):
        text = "removed " + ", ".join(f"{k} {v}" for k, v in before.items() if v)
    if row["note"]:
        text += f" ({row['note']})"
    return text
