"""Hostile input is refused with a clear error or defused, and nothing is written."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awards.errors import AwardsError
from awards.exports.nomination_file import parse_nomination_file
from awards.exports.safe import safe_filename
from awards.exports.score_file import parse_score_file
from awards.models import Criterion

CRITERIA = [Criterion("encounter", "Asiakaskohtaaminen", "Customer encounter", 20, 0, 10, 0.5)]
SLUG = "customer-advisor-2026"


@pytest.mark.parametrize(
    "name",
    [
        "Sini \x00Mäkelä\x1b[31m",
        "[red]Sini[/red] Mäkelä",
        "Robert'); DROP TABLE nominations;--",
        "../../etc/passwd",
        "C:\\Windows\\system32",
        "a" * 400,
        "Sini\u202eäläkäM",
    ],
)
def test_names_are_stored_safely(advisor, name: str) -> None:
    awards = advisor()
    awards("nomination", "add", SLUG, "--nominee", name)
    [row] = awards.json("nomination", "list", SLUG)
    assert "\x00" not in row["nominee"] and "\x1b" not in row["nominee"]
    assert awards.snapshot()["nominations"]  # the table is still there


def test_file_names_from_names_never_escape(tmp_path: Path) -> None:
    taken: set[str] = set()
    for name in (
        "../../etc/passwd",
        "/abs/path",
        "C:\\x\\y",
        "..",
        "CON",
        "Sini Mäkelä",
        "sini mäkelä",
        "a" * 300,
        "\x00\x01",
    ):
        file_name = safe_filename(name, taken, ".docx")
        target = (tmp_path / file_name).resolve()
        assert target.parent == tmp_path.resolve(), name
        assert "/" not in file_name and "\\" not in file_name and len(file_name) <= 90
    assert len(taken) == 9  # unique, case-insensitively


@pytest.mark.parametrize(
    "value", ["nan", "NaN", "inf", "-inf", "1e309", "1e-400x", "", "7..5", "0x10", "½"]
)
def test_bad_numbers_are_refused(advisor, tmp_path: Path, value: str) -> None:
    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    path = tmp_path / "scores.csv"
    path.write_text(f"juror;nomination;criterion;score\njuror1@example.fi;1;encounter;{value}\n")
    assert "nothing was saved" in awards.refused("score", "import", SLUG, path)
    assert awards.snapshot()["scores"] == []


def test_a_file_that_claims_to_be_docx(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    fake = tmp_path / "sheet.docx"
    fake.write_text("juror,nomination\n")
    assert "not a real .docx" in awards.refused("score", "import", SLUG, fake)


def test_huge_cells_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "n.csv"
    path.write_text("Ehdokas;Perustelut\nSini;" + "x" * 150_000 + "\n", encoding="utf-8")
    with pytest.raises(AwardsError, match="longer than"):
        parse_nomination_file(path)


FUZZ = settings(
    max_examples=int(os.environ.get("AWARDS_FUZZ", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@FUZZ
@given(st.binary(max_size=2000))
def test_fuzz_nomination_reader_with_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    with contextlib.suppress(AwardsError):
        parse_nomination_file(path)


cells = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x2FF), max_size=40)


@FUZZ
@given(
    st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8),
    st.sampled_from([";", ",", "\t"]),
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_fuzz_readers_with_table_shaped_text(tmp_path: Path, rows, separator, encoding) -> None:
    header = separator.join(
        ["ehdokas", "juror", "nomination", "encounter", "kommentti"][: len(rows[0])]
    )
    body = "\r\n".join(separator.join(r) for r in rows)
    try:
        data = (header + "\r\n" + body).encode(encoding)
    except UnicodeEncodeError:
        return
    path = tmp_path / "fuzz.csv"
    path.write_bytes(data)
    for parse in (parse_nomination_file, lambda p: parse_score_file(p, CRITERIA)):
        with contextlib.suppress(AwardsError):
            parse(path)


def test_privacy_purge(tmp_path: Path, demo_year) -> None:
    import shutil
    import sqlite3

    from click.testing import CliRunner

    from awards.commands.cli import cli

    db = tmp_path / "purge.db"
    shutil.copy(demo_year[0], db)
    runner = CliRunner()
    conn = sqlite3.connect(db)
    emails = [
        r[0]
        for r in conn.execute(
            "SELECT DISTINCT nominator_email FROM nominations WHERE nominator_email IS NOT NULL"
        )
    ]
    conn.close()
    assert len(emails) > 10
    before = runner.invoke(
        cli, ["--db", str(db), "ranking", "customer-advisor-2026", "--format", "json"]
    ).stdout
    result = runner.invoke(
        cli, ["--db", str(db), "--as", "dpo", "privacy", "purge", "--year", "2026", "--yes"]
    )
    assert result.exit_code == 0, result.output
    conn = sqlite3.connect(db)
    left = conn.execute(
        "SELECT count(*) FROM nominations WHERE nominator IS NOT NULL OR "
        "nominator_email IS NOT NULL OR reason IS NOT NULL"
    ).fetchone()[0]
    logged = sum(
        conn.execute(
            "SELECT count(*) FROM audit_log WHERE instr(after, ?) OR instr(before, ?)",
            (email, email),
        ).fetchone()[0]
        for email in emails
    )
    conn.close()
    assert left == 0 and logged == 0
    data = db.read_bytes()
    assert not [e for e in emails if e.encode() in data]  # not even in freed pages
    after = runner.invoke(
        cli, ["--db", str(db), "ranking", "customer-advisor-2026", "--format", "json"]
    ).stdout
    assert after == before  # results kept
    log = runner.invoke(cli, ["--db", str(db), "log", "--format", "json", "--limit", "1"]).stdout
    assert '"privacy.purge"' in log and '"dpo"' in log
    check = runner.invoke(cli, ["--db", str(db), "db", "check"])
    assert check.exit_code == 0, check.output


def test_purge_refuses_an_unfinished_year(advisor) -> None:
    awards = advisor(nominations=1)
    assert "not finished" in awards.refused("privacy", "purge", "--year", "2026", "--yes")
