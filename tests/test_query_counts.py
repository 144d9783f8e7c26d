"""Listings issue a fixed number of queries, however many rows they list, and
the read path never imports sqlite-utils."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from awards.commands.cli import cli
from awards.commands.context import App
from awards.db.store import Store
from awards.nominations import NominationInput


def statements_for(db: Path, *args: str) -> int:
    store = Store.open(db, "tester")
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    result = CliRunner().invoke(
        cli, ["--db", str(db), *args], obj=App(str(db), "tester", _store=store)
    )
    assert result.exit_code == 0, result.output
    store.close()
    return len(statements)


def year_with(tmp_path: Path, nominations: int) -> Path:
    db = tmp_path / f"n{nominations}.db"
    store = Store.open(db, "tester", create=True)
    store.competitions.create("customer-advisor", 2026)
    store.nominations.add_many(
        "customer-advisor-2026",
        [
            NominationInput(nominee=f"Ehdokas {i}", organization=f"Yritys {i % 7} Oy").cleaned()
            for i in range(nominations)
        ],
        source="test",
    )
    for j in range(3):
        store.jury.add("customer-advisor-2026", f"T{j}", f"t{j}@example.fi", None, "member")
    store.close()
    return db


@pytest.mark.parametrize(
    "command",
    [
        ["nomination", "list", "customer-advisor-2026", "--format", "json"],
        ["juror", "list", "customer-advisor-2026", "--format", "json"],
        ["conflict", "list", "customer-advisor-2026", "--format", "json"],
        ["competition", "list", "--format", "json"],
        ["status", "--format", "json"],
    ],
)
def test_listings_do_not_query_per_row(tmp_path: Path, command: list[str]) -> None:
    small = statements_for(year_with(tmp_path, 5), *command)
    large = statements_for(year_with(tmp_path, 500), *command)
    assert large == small, f"{command}: {small} statements for 5 rows, {large} for 500"


def test_reading_never_imports_sqlite_utils(tmp_path: Path) -> None:
    db = year_with(tmp_path, 3)
    code = (
        "import sys\nfrom awards.commands.cli import cli\n"
        f"cli.main(['--db', {str(db)!r}, 'nomination', 'list', 'customer-advisor-2026', "
        "'--format', 'json'], standalone_mode=False)\n"
        "print('LOADED', sorted(m for m in ('sqlite_utils', 'docx', 'openpyxl', 'rich.table')"
        " if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    ).stdout
    assert "LOADED []" in out
