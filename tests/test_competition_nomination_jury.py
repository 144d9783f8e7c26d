"""The package, its database, competitions, criteria, nominations, jury, audit log."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from awards.db.migrations import MIGRATIONS, SCHEMA_VERSION
from awards.db.store import Store
from awards.models import customer_service_week_monday
from awards.text import organization_key


def test_migrations_on_a_blank_database(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "new.db", "tester", create=True)
    tables = {
        r[0] for r in store.db.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    assert {
        "competitions",
        "criteria",
        "nominations",
        "jurors",
        "jury_members",
        "conflicts",
        "rounds",
        "assignments",
        "scores",
        "round_results",
        "winners",
        "audit_log",
    } <= tables
    assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    applied = store.db.rows("SELECT name FROM _sqlite_migrations ORDER BY id")
    assert [r["name"] for r in applied] == [f.__name__ for f in MIGRATIONS]
    store.close()
    # Opening again applies nothing new and keeps the data.
    again = Store.open(tmp_path / "new.db", "tester")
    assert again.db.migrate() == []
    again.close()


def test_init_is_idempotent(awards) -> None:
    assert "ready" in awards("init").stdout
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    awards("init")
    assert len(awards.json("competition", "list")) == 1


def test_read_commands_do_not_create_a_database(awards) -> None:
    error = awards.refused("competition", "list")
    assert "no database" in error and "awards init" in error
    assert not awards.db.exists()


def test_db_option_and_environment_variable(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    target = tmp_path / "elsewhere.db"
    result = CliRunner().invoke(cli, ["init"], env={"AWARDS_DB": str(target)})
    assert result.exit_code == 0 and target.exists()


def test_not_a_database_is_refused_cleanly(awards) -> None:
    awards.db.write_bytes(b"this is a spreadsheet, honest\x00\x01" * 50)
    error = awards.refused("competition", "list")
    assert "not an awards database" in error


def test_competition_defaults(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    [row] = awards.json("competition", "list")
    assert row == {
        "slug": "customer-advisor-2026",
        "category": "customer-advisor",
        "year": 2026,
        "title": "Vuoden Asiakasneuvoja 2026",
        "status": "nominations",
    }
    assert "2026-10-05" in awards("competition", "show", "customer-advisor-2026").stdout


@pytest.mark.parametrize(
    "year,monday",
    [
        (2026, date(2026, 10, 5)),
        (2025, date(2025, 10, 6)),
        (2029, date(2029, 10, 1)),
        (2023, date(2023, 10, 2)),
    ],
)
def test_customer_service_week_is_the_first_full_week_of_october(year: int, monday: date) -> None:
    assert customer_service_week_monday(year) == monday


def test_criteria_presets_and_own_copy(awards) -> None:
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    criteria = awards.json("criteria", "list", "service-desk-2026")
    assert [c["key"] for c in criteria] == [
        "leadership",
        "people",
        "customers",
        "services",
        "partnerships",
        "results",
    ]
    assert sum(c["weight"] for c in criteria) == 1000
    assert criteria[-1] == {
        "key": "results",
        "name_fi": "Tulokset",
        "name_en": "Results",
        "weight": 450,
        "min": 0,
        "max": 100,
        "step": 5,
    }
    awards("criteria", "set", "service-desk-2026", "results", "--weight", "400")
    awards("competition", "create", "--category", "service-desk", "--year", "2027")
    assert awards.json("criteria", "list", "service-desk-2026")[-1]["weight"] == 400
    assert awards.json("criteria", "list", "service-desk-2027")[-1]["weight"] == 450


def test_criteria_file(awards, tmp_path: Path) -> None:
    toml = tmp_path / "criteria.toml"
    toml.write_text(
        '[[criteria]]\nkey = "overall"\nname_fi = "Kokonaisarvio"\n'
        'name_en = "Overall"\nweight = 1\nmin = 0\nmax = 12\n',
        encoding="utf-8",
    )
    awards(
        "competition",
        "create",
        "--category",
        "customer-advisor",
        "--year",
        "2026",
        "--slug",
        "pilot-2026",
        "--criteria",
        toml,
    )
    [c] = awards.json("criteria", "list", "pilot-2026")
    assert (c["key"], c["max"], c["step"], c["name_fi"]) == ("overall", 12, 0, "Kokonaisarvio")
    toml.write_text('[[criteria]]\nkey = "Bad Key"\nmax = 5\n', encoding="utf-8")
    assert "Bad Key" in awards.refused(
        "competition",
        "create",
        "--category",
        "customer-advisor",
        "--year",
        "2027",
        "--criteria",
        toml,
    )


def test_criteria_set_refusals(advisor) -> None:
    awards = advisor(nominations=2, jurors=1)
    assert "max must be greater" in awards.refused(
        "criteria", "set", "customer-advisor-2026", "encounter", "--max", "-1"
    )
    assert "Did you mean encounter" in awards.refused(
        "criteria", "set", "customer-advisor-2026", "encountr", "--weight", "3"
    )
    awards("round", "open", "customer-advisor-2026")
    before = awards.snapshot()
    assert "judging has started" in awards.refused(
        "criteria", "set", "customer-advisor-2026", "encounter", "--weight", "30"
    )
    assert awards.snapshot() == before


def test_duplicate_competition_and_bad_slug_are_refused(awards) -> None:
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    assert "already exists" in awards.refused(
        "competition", "create", "--category", "service-desk", "--year", "2026"
    )
    assert "slug" in awards.refused(
        "competition", "create", "--category", "service-desk", "--year", "2026", "--slug", "../evil"
    )


def test_bad_usage_exits_2(awards) -> None:
    result = awards("competition", "create", "--category", "nonsense", "--year", "2026", ok=False)
    assert result.exit_code == 2


def test_names_are_stored_exactly_as_given(advisor) -> None:
    awards = advisor()
    name = "Åsa \"Ässä\" [bold]Öberg[/bold] 'O'Brien'; DROP TABLE nominations;--"
    decomposed = "Sini Ma\u0308kela\u0308"  # NFD input, as macOS keyboards may give
    awards(
        "nomination",
        "add",
        "customer-advisor-2026",
        "--nominee",
        name,
        "--organization",
        "Aava Pankki Oyj",
        "--reason",
        "Rivi 1\nRivi 2 \x07kello",
    )
    awards("nomination", "add", "customer-advisor-2026", "--nominee", decomposed)
    rows = awards.json("nomination", "list", "customer-advisor-2026")
    assert rows[0]["nominee"] == name
    assert rows[1]["nominee"] == "Sini Mäkelä"  # NFC
    shown = awards("nomination", "show", rows[0]["id"], "--format", "table").stdout
    assert "[bold]Öberg[/bold]" in shown  # never parsed as rich markup
    assert "Rivi 1" in shown and "Rivi 2 kello" in shown and "\x07" not in shown


def test_nomination_lifecycle_and_audit(advisor) -> None:
    awards = advisor(nominations=3)
    awards("nomination", "withdraw", "1", "--reason", "Vaihtoi työpaikkaa")
    awards("nomination", "eligibility", "2", "--ineligible", "--note", "Ei asiakastyössä")
    awards("nomination", "publish", "3", "--no")
    statuses = {
        r["id"]: r["status"] for r in awards.json("nomination", "list", "customer-advisor-2026")
    }
    assert statuses == {1: "withdrawn", 2: "ineligible", 3: "active"}
    assert "is withdrawn" in awards.refused("nomination", "eligibility", "1", "--eligible")
    assert "not found" in awards.refused("nomination", "show", "99")
    log = awards.json("log", "customer-advisor-2026")
    assert log[0]["action"] == "nomination.publish"
    assert log[0]["before"] == {"publish": None} and log[0]["after"] == {"publish": 0}
    withdraw = next(e for e in log if e["action"] == "nomination.withdraw")
    assert withdraw["actor"] == "tester" and withdraw["after"]["status"] == "withdrawn"
    assert withdraw["before"]["status"] == "active"


def test_the_audit_log_cannot_be_edited(advisor) -> None:
    awards = advisor(nominations=1)
    conn = sqlite3.connect(awards.db)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE audit_log SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM audit_log")
    conn.close()


def test_juror_is_one_person_across_competitions(advisor) -> None:
    awards = advisor()
    awards("competition", "create", "--category", "service-desk", "--year", "2026")
    awards(
        "juror",
        "add",
        "customer-advisor-2026",
        "--name",
        "Liisa Aaltonen",
        "--email",
        "Liisa.Aaltonen@Example.FI",
        "--role",
        "chair",
    )
    awards(
        "juror",
        "add",
        "service-desk-2026",
        "--name",
        "Liisa Aaltonen",
        "--email",
        "liisa.aaltonen@example.fi",
        "--role",
        "assessor",
    )
    assert "already on the jury" in awards.refused(
        "juror",
        "add",
        "customer-advisor-2026",
        "--name",
        "L",
        "--email",
        "LIISA.AALTONEN@example.fi",
    )
    jurors = awards.json("juror", "list", "service-desk-2026")
    assert jurors == [
        {
            "name": "Liisa Aaltonen",
            "email": "liisa.aaltonen@example.fi",
            "organization": None,
            "role": "assessor",
        }
    ]
    assert awards.snapshot()["jurors"] == [(1, "liisa.aaltonen@example.fi", "Liisa Aaltonen", None)]
    assert "not an email" in awards.refused(
        "juror", "add", "service-desk-2026", "--name", "X", "--email", "not-an-email"
    )
    assert "Did you mean liisa.aaltonen@example.fi" in awards.refused(
        "juror", "remove", "service-desk-2026", "liisa.aaltonen@example.com"
    )
    awards("juror", "remove", "service-desk-2026", "LIISA.aaltonen@example.fi")
    assert awards.json("juror", "list", "service-desk-2026") == []


@pytest.mark.parametrize(
    "a,b",
    [
        ("Aava Pankki Oyj", "aava  pankki"),
        ("Kuusiston Energia Oy", "KUUSISTON ENERGIA"),
        ("Wave ry", "Wave"),
        ("Nordic Help Ltd", "Nordic Help"),
        ("Sillankorva Ab", "sillankorva"),
    ],
)
def test_organisations_match_ignoring_case_spacing_and_legal_suffixes(a: str, b: str) -> None:
    assert organization_key(a) == organization_key(b)


def test_organisation_keeps_letters_that_matter() -> None:
    assert organization_key("Sähkö Oy") != organization_key("Sahko Oy")
    assert organization_key("Oy") == "oy"


def test_conflicts_declared_and_automatic(advisor) -> None:
    awards = advisor()
    slug = "customer-advisor-2026"
    awards(
        "nomination", "add", slug, "--nominee", "Sini Mäkelä", "--organization", "Aava Pankki Oyj"
    )
    awards("nomination", "add", slug, "--nominee", "Olli Ojala", "--organization", "Revontuli Oy")
    awards(
        "juror",
        "add",
        slug,
        "--name",
        "Liisa",
        "--email",
        "liisa@example.fi",
        "--organization",
        "AAVA PANKKI",
        "--role",
        "chair",
    )
    awards("juror", "add", slug, "--name", "Pekka", "--email", "pekka@example.fi")
    awards(
        "conflict",
        "add",
        slug,
        "pekka@example.fi",
        "--nomination",
        "2",
        "--reason",
        "Entinen esihenkilö",
    )
    conflicts = awards.json("conflict", "list", slug)
    assert {
        "juror": "pekka@example.fi",
        "nomination": 2,
        "organization": "Revontuli Oy",
        "reason": "Entinen esihenkilö",
        "source": "declared",
    } in conflicts
    assert {
        "juror": "liisa@example.fi",
        "nomination": 1,
        "organization": "Aava Pankki Oyj",
        "reason": "same organisation",
        "source": "organization",
    } in conflicts
    assert (
        "exactly one"
        in awards("conflict", "add", slug, "pekka@example.fi", "--reason", "x", ok=False).output
    )


def test_output_formats(advisor) -> None:
    awards = advisor(nominations=2)
    plain = awards("nomination", "list", "customer-advisor-2026").stdout
    assert "\x1b[" not in plain and "Ehdokas 1" in plain  # piped: plain, no escape codes
    csv_out = awards("nomination", "list", "customer-advisor-2026", "--format", "csv").stdout
    assert csv_out.splitlines()[0] == "id,nominee,organization,title,status,nominations"
    md = awards("nomination", "list", "customer-advisor-2026", "--format", "markdown").stdout
    assert md.splitlines()[1].startswith("|:--")
    table = awards("nomination", "list", "customer-advisor-2026", "--format", "table").stdout
    assert "Ehdokas 2" in table


def test_json_goes_to_stdout_only(advisor) -> None:
    awards = advisor(nominations=1)
    result = awards("nomination", "list", "customer-advisor-2026", "--format", "json")
    assert result.stderr == ""
    assert result.stdout.lstrip().startswith("[")


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys, runpy; sys.argv = ['awards', '--help'];\n"
        "from awards.commands.cli import cli\n"
        "try:\n    cli(prog_name='awards')\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlite_utils', 'rich.table', 'rich.console', 'docx', 'openpyxl',"
        " 'tabulate') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=True,
    ).stdout
    assert "HEAVY []" in out
    assert "Rounds and scores" in out


def test_one_import_name(tmp_path: Path) -> None:
    """Installed, the four folders are `awards` and its subpackages; no generic top-level name
    (`db`, `commands`, `exports`) is ours to shadow another distribution's."""
    code = (
        "import importlib.util as u, awards.commands.cli, awards.db.store, awards.exports.word\n"
        "print([n for n in ('db', 'commands', 'exports') if u.find_spec(n)])\n"
        "print(awards.db.store.__name__, awards.exports.word.__name__)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["[]", "awards.db.store awards.exports.word"]
