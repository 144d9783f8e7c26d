"""One home for each vocabulary, user text never read as markup, flags as data, Finnish
output on narrow consoles, and a schema that migrates from the version before."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import click
from docx import Document

from awards.commands.cli import cli
from awards.exports.i18n import TEXTS
from awards.presets import CATEGORIES, PRESETS
from awards.ranking import FLAG_CODES, METHOD_NAMES, METHODS

SLUG = "customer-advisor-2026"
MARKUP = "[bold]x[/bold] [/x] [link=y]"


def _choices(*path: str, option: str) -> tuple[str, ...]:
    command: click.Command = cli
    ctx = click.Context(cli)
    for name in path:
        assert isinstance(command, click.Group)
        found = command.get_command(ctx, name)
        assert found is not None
        command = found
    param = next(p for p in command.params if p.name == option)
    assert isinstance(param.type, click.Choice)
    return tuple(param.type.choices)


def test_every_list_of_methods_and_categories_comes_from_its_registry() -> None:
    assert _choices("ranking", option="method") == METHOD_NAMES
    assert _choices("round", "open", option="method") == METHOD_NAMES
    assert _choices("competition", "create", option="category") == CATEGORIES == tuple(PRESETS)
    for method in METHODS.values():
        assert method.label("fi") and method.label("en") and method.label("fi") != method.name
    assert [m.name for m in METHODS.values() if m.lower_is_better] == ["rank"]
    for lang in ("fi", "en"):
        # The documents word every flag; no method is spelled out a second time in them.
        assert all(f"flag_{code}" in TEXTS[lang] for code in FLAG_CODES)
        assert not [key for key in TEXTS[lang] if key.startswith("method_")]
    for preset in PRESETS.values():
        assert preset.starts_with_self_assessment == (not preset.winner_is_person)


def _tied_year(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for name in ("Aino", "Bertta", "Cecilia"):
        awards("nomination", "add", SLUG, "--nominee", name)
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    awards("round", "open", SLUG, "--name", "Finaali")
    # Aino and Bertta tie on points; Bertta is better on encounter, the tie-break criterion.
    for nomination, encounter, solutions in ((1, 7, 9), (2, 9, 7), (3, 5, 5)):
        awards(
            "score",
            "set",
            SLUG,
            "--juror",
            "liisa@example.fi",
            "--nomination",
            nomination,
            f"encounter={encounter}",
            f"solutions={solutions}",
            "feedback=5",
            "teamwork=5",
            "development=5",
        )
    awards("round", "close", SLUG, "--tie-break", "encounter")


def test_flags_are_data_until_a_document_words_them(awards, tmp_path: Path) -> None:
    _tied_year(awards)
    rows = {r["nomination"]: r for r in awards.json("ranking", SLUG)}
    assert rows[2]["rank"] == 1 and rows[2]["decided_by"] == "encounter"
    assert rows[2]["flags"] == [{"code": "tie_break", "criterion": "encounter"}]
    assert rows[3]["flags"] == []
    assert "tie-break: encounter" in awards("ranking", SLUG, "--format", "plain").stdout
    for lang, words in (("fi", "ratkaisi: Asiakaskohtaaminen"), ("en", "decided by Customer")):
        target = tmp_path / f"report-{lang}.docx"
        awards("export", "report", SLUG, "--lang", lang, "-o", target)
        cells = [c.text for t in Document(str(target)).tables for r in t.rows for c in r.cells]
        assert any(words in c for c in cells), (lang, cells)
        assert not any("tie-break" in c or "tie_break" in c for c in cells)


def test_user_text_is_never_read_as_markup(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards(
        "nomination", "add", SLUG, "--nominee", f"Sini {MARKUP}", "--organization", f"Oy {MARKUP}"
    )
    awards("juror", "add", SLUG, "--name", f"Liisa {MARKUP}", "--email", "liisa@example.fi")
    awards("round", "open", SLUG, "--name", f"Finaali {MARKUP}")
    for args in (
        ("ranking", SLUG),
        ("round", "status", SLUG),
        ("round", "assignments", SLUG),
        ("nomination", "list", SLUG),
        ("juror", "list", SLUG),
    ):
        out = awards(*args, "--format", "table").stdout
        # Each piece is printed as typed (a narrow table may wrap between them).
        for piece in MARKUP.split():
            assert piece in out, (args, piece, out)


def test_progress_labels_are_shown_as_typed() -> None:
    from rich.console import Console

    from awards.commands.output import progress

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    assert list(progress(list(range(5)), f"Writing {MARKUP}", on=console)) == [0, 1, 2, 3, 4]
    assert "[bold]x[/bold]" in screen.getvalue()


def test_finnish_names_print_on_a_narrow_console(tmp_path: Path) -> None:
    db = tmp_path / "awards.db"
    script = [sys.executable, "-c", "from awards.commands.cli import main; main()", "--db", db]
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    run = [str(part) for part in script]
    subprocess.run(
        [*run, "competition", "create", "--category", "customer-advisor", "--year", "2026"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [*run, "nomination", "add", SLUG, "--nominee", "Анна Ström"],
        check=True,
        capture_output=True,
    )
    for fmt in ("plain", "table"):
        listed = subprocess.run(
            [*run, "nomination", "list", SLUG, "--format", fmt], capture_output=True, env=env
        )
        assert listed.returncode == 0, listed.stderr
        assert "???? Str\xf6m".encode("latin-1") in listed.stdout
        assert b"Traceback" not in listed.stderr


def test_a_version_8_database_migrates(awards) -> None:
    _tied_year(awards)
    conn = sqlite3.connect(awards.db, isolation_level=None)
    # Put the file back the way version 8 left it: the method list as a CHECK, flags as words.
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'rounds'").fetchone()[0]
    old = sql.replace(
        "method TEXT NOT NULL", "method TEXT NOT NULL CHECK (method IN ('mean', 'median', "
        "'trimmed', 'zscore', 'rank'))",
    )  # fmt: skip
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = 'rounds'", (old,))
    conn.execute(f"PRAGMA schema_version = {version + 1}")
    conn.execute("PRAGMA writable_schema = OFF")
    conn.execute("UPDATE round_results SET decided_by = 'tie-break: ' || decided_by")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_methods_and_flags_as_data'")
    conn.execute("PRAGMA user_version = 8")
    conn.close()
    awards("init")
    conn = sqlite3.connect(awards.db)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'rounds'").fetchone()[0]
    assert "CHECK (method" not in sql
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    rows = {r["nomination"]: r for r in awards.json("ranking", SLUG)}
    assert rows[2]["decided_by"] == "encounter"
    assert awards("db", "check").exit_code == 0
    assert json.dumps(rows[2]["flags"]) == '[{"code": "tie_break", "criterion": "encounter"}]'
