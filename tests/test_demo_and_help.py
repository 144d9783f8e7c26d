"""`awards demo`, `awards status`, help that teaches, completion."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from docx import Document

from awards.commands.cli import cli
from awards.commands.demo_content import advisor_nominations_csv, jury


@pytest.mark.slow
def test_demo_builds_a_complete_year(demo_year) -> None:
    db, out, printed = demo_year
    assert "Demo year 2026 ready" in printed and f"awards --db {db} status" in printed
    documents = sorted(out.rglob("*.docx"))
    assert len(documents) >= 40
    for path in documents:  # every document opens
        Document(str(path))
    conn = sqlite3.connect(db)
    counts = dict(
        conn.execute(
            "SELECT c.slug, count(*) FROM nominations n JOIN competitions c "
            "ON c.id = n.competition_id GROUP BY c.slug"
        )
    )
    merged = conn.execute("SELECT count(*) FROM nominations WHERE status = 'merged'").fetchone()[0]
    conn.close()
    assert counts["customer-advisor-2026"] == 40 and merged >= 5
    assert counts["service-desk-2026"] == counts["customer-service-2026"] == 8
    status = json.loads(
        CliRunner().invoke(cli, ["--db", str(db), "status", "--format", "json"]).stdout
    )
    assert {s["phase"] for s in status} == {"done"}  # the demo writes every document


@pytest.mark.slow
def test_demo_is_fast_and_never_touches_existing_data(tmp_path: Path) -> None:
    runner = CliRunner()
    db = tmp_path / "mine.db"
    runner.invoke(
        cli,
        ["--db", str(db), "competition", "create", "--category", "service-desk", "--year", "2026"],
    )
    before = db.read_bytes()
    result = runner.invoke(cli, ["--db", str(db), "demo", "--out", str(tmp_path / "d")])
    assert result.exit_code == 1 and "already holds data" in result.stderr
    assert "--db demo.db" in result.stderr
    assert db.read_bytes() == before
    started = time.perf_counter()
    fresh = runner.invoke(
        cli, ["--db", str(tmp_path / "new.db"), "demo", "--out", str(tmp_path / "d")]
    )
    assert fresh.exit_code == 0 and time.perf_counter() - started < 30


def test_demo_data_is_finnish_excel_and_fictional() -> None:
    data = advisor_nominations_csv()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert text.startswith("Aikaleima;Ehdokas;") and "\r\n" in text and "Mäkelä" in text
    for brand in ("Elisa", "Telia", "Nordea", "Fortum", "Kela", "S-Pankki", "OP Ryhmä"):
        assert brand not in text
    for category in ("customer-advisor", "service-desk", "customer-service"):
        people = jury(category)
        assert [p.role for p in people].count("chair") == 1
        assert len({p.email for p in people}) == len(people)


def test_status_says_what_to_do_next(awards, tmp_path: Path) -> None:
    slug = "customer-advisor-2026"
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")

    def step() -> str:
        return awards.json("status")[0]["next"]

    assert step() == f"awards nomination import {slug} FILE.csv"
    awards("nomination", "add", slug, "--nominee", "Sini Mäkelä", "--organization", "Aava Oy")
    awards(
        "nomination",
        "add",
        slug,
        "--nominee",
        "sini makela",
        "--organization",
        "Aava",
        "--nominator",
        "Toinen asiakas",
    )
    assert step().startswith(f"awards juror add {slug}")
    awards("juror", "add", slug, "--name", "T", "--email", "t@example.fi", "--role", "chair")
    assert step() == f"awards nomination duplicates {slug}"
    awards("nomination", "merge", "1", "2")
    assert step().startswith(f"awards round open {slug}")
    awards("round", "open", slug)
    assert step() == f"awards score missing {slug}"
    plain = awards("status").stdout
    assert "t@example.fi owes 1" in plain
    awards(
        "score",
        "set",
        slug,
        "--juror",
        "t@example.fi",
        "--nomination",
        "1",
        "encounter=9",
        "solutions=9",
        "feedback=9",
        "teamwork=9",
        "development=9",
    )
    assert step() == f"awards round close {slug}"
    awards("round", "close", slug)
    assert step() == f"awards winner declare {slug} --nomination 1"
    awards("winner", "declare", slug, "--nomination", "1")
    # Before the release can go out as it is: the organiser's contact, then the chair's words.
    assert step().startswith("awards organizer set --name NAME --contact")
    awards("organizer", "set", "--name", "Yhdistys ry", "--contact", "Maija, 040 123 4567")
    assert step() == f"awards competition set {slug} --chair-quote TEXT"
    awards("competition", "set", slug, "--chair-quote", "Hyvä vuosi.")
    assert step() == f"awards export announcement {slug}"


def walk(command: click.Command, path: tuple[str, ...] = ()):
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            sub = command.get_command(context, name)
            assert sub is not None, name
            yield from walk(sub, (*path, name))
    else:
        yield path, command


def test_static_help_summaries_match_the_commands() -> None:
    from awards.commands.cli import COMMANDS

    context = click.Context(cli)
    for name, (_, _, summary) in COMMANDS.items():
        command = cli.get_command(context, name)
        assert command is not None
        assert command.get_short_help_str(200) == summary, name


def test_every_command_has_a_summary_and_an_example() -> None:
    commands = list(walk(cli))
    assert len(commands) > 40
    for path, command in commands:
        help_text = command.help or ""
        assert command.get_short_help_str(100), path
        assert "Example" in help_text, f"awards {' '.join(path)} has no example"


def test_help_groups_commands_in_the_order_of_a_year() -> None:
    text = CliRunner().invoke(cli, ["--help"]).stdout
    order = [
        "Set up",
        "Nominations",
        "Jury",
        "Rounds and scores",
        "Results",
        "Documents",
        "Maintenance",
    ]
    positions = [text.index(section + ":") for section in order]
    assert positions == sorted(positions)


def test_unknown_ids_and_emails_suggest_the_closest(advisor) -> None:
    awards = advisor(nominations=1, jurors=2)
    assert "Did you mean customer-advisor-2026" in awards.refused("ranking", "customer-advisor-206")
    assert "Did you mean juror1@example.fi" in awards.refused(
        "juror", "remove", "customer-advisor-2026", "juror1@example.com"
    )


def test_completion_from_the_database(advisor) -> None:
    awards = advisor(nominations=2, jurors=1)
    env = {
        "_AWARDS_COMPLETE": "bash_complete",
        "COMP_WORDS": f"awards --db {awards.db} juror remove customer-advisor-2026 j",
        "COMP_CWORD": "6",
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="awards")
    assert "juror1@example.fi" in result.output
    script = CliRunner().invoke(cli, ["completion", "zsh"]).stdout
    assert "_AWARDS_COMPLETE" in script
