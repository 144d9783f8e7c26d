"""Shared fixtures: the CLI run through click's CliRunner on a tmp_path database."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis.configuration import set_hypothesis_home_dir

from awards.commands.cli import cli

# Hypothesis keeps what it finds (the examples a failure is replayed from first, the constants
# it reads from the code) with pytest's own cache, not in a folder of its own at the top of the
# checkout.
set_hypothesis_home_dir(Path(__file__).resolve().parents[1] / ".pytest_cache" / "hypothesis")


class Awards:
    """Runs `awards --db <tmp>/awards.db --as tester ...` and keeps the database path."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.db = tmp_path / "awards.db"
        self.runner = CliRunner()

    def __call__(self, *args: Any, ok: bool = True, input: str | None = None) -> Result:
        argv = ["--db", str(self.db), "--as", "tester", *[str(a) for a in args]]
        result = self.runner.invoke(cli, argv, input=input, catch_exceptions=True)
        if ok and result.exit_code != 0:
            raise AssertionError(
                f"awards {' '.join(map(str, args))} exited {result.exit_code}:\n"
                f"{result.output}\n{result.exception!r}"
            )
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(f"traceback for a user action: {result.exception!r}")
        return result

    def json(self, *args: Any) -> Any:
        return json.loads(self(*args, "--format", "json").stdout)

    def refused(self, *args: Any) -> str:
        """Run a command that must be refused: exit 1, one `Error:` line, no traceback."""
        result = self(*args, ok=False)
        assert result.exit_code == 1, (result.exit_code, result.output)
        assert result.stderr.startswith("Error: "), result.stderr
        assert "Traceback" not in result.output
        return result.stderr

    def snapshot(self) -> dict[str, list[tuple]]:
        """Every row of every table: to prove a refusal changed nothing. The caches (panel
        analysis, open ranking) are left out: they are not data, and a reader may fill them."""
        import sqlite3

        conn = sqlite3.connect(self.db)
        try:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE '%\\_cache' ESCAPE '\\' ORDER BY name"
                )
            ]
            return {n: conn.execute(f"SELECT * FROM [{n}]").fetchall() for n in names}
        finally:
            conn.close()


@pytest.fixture
def awards(tmp_path: Path) -> Awards:
    return Awards(tmp_path)


@pytest.fixture
def advisor(awards: Awards) -> Callable[..., Awards]:
    """A customer-advisor-2026 competition, optionally with nominations and a jury."""

    def make(nominations: int = 0, jurors: int = 0) -> Awards:
        awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
        for i in range(nominations):
            awards("nomination", "add", "customer-advisor-2026", "--nominee", f"Ehdokas {i + 1}",
                   "--organization", f"Yritys {i + 1} Oy")  # fmt: skip
        for j in range(jurors):
            awards("juror", "add", "customer-advisor-2026", "--name", f"Tuomari {j + 1}",
                   "--email", f"juror{j + 1}@example.fi",
                   "--role", "chair" if j == 0 else "member")  # fmt: skip
        return awards

    return make


@pytest.fixture(scope="session")
def demo_year(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """`awards demo` run once: (database, documents folder, what it printed)."""
    folder = tmp_path_factory.mktemp("demo")
    db, out = folder / "awards.db", folder / "awards-demo"
    result = CliRunner().invoke(cli, ["--db", str(db), "--as", "demo", "demo", "--out", str(out)])
    assert result.exit_code == 0, (result.output, result.exception)
    return db, out, result.output
