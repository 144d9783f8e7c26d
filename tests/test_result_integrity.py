"""Results that cannot be bent: linear email checks, an audit
log that REPLACE cannot rewrite, and results that should not stand."""

from __future__ import annotations

import contextlib
import sqlite3
import time
from pathlib import Path

import pytest

SLUG = "customer-advisor-2026"


def test_a_huge_email_is_refused_at_once(awards, tmp_path: Path) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    path = tmp_path / "ehdotukset.csv"
    path.write_text(f"ehdokas;ehdottajan_sähköposti\nSini;a@{'.' * 100_000}@\n", encoding="utf-8")
    started = time.perf_counter()
    error = awards.refused("nomination", "import", SLUG, path)
    assert time.perf_counter() - started < 2  # was 31 s a row: the pattern backtracked
    assert "is not an email address" in error or "longer than" in error
    scores = tmp_path / "pisteet.csv"
    scores.write_text(f"juror;nomination;encounter\na@{'.' * 100_000}@;1;5\n", encoding="utf-8")
    awards("nomination", "add", SLUG, "--nominee", "Aino")
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    awards("round", "open", SLUG)
    started = time.perf_counter()
    assert "not an email address" in awards.refused("score", "import", SLUG, scores)
    assert time.perf_counter() - started < 2


def test_the_audit_log_cannot_be_replaced_or_reordered(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Aino")
    conn = sqlite3.connect(awards.db)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute(
            "INSERT OR REPLACE INTO audit_log (id, at, actor, action) "
            "VALUES (1, '2026-01-01T00:00:00+00:00', 'mallory', 'nothing happened')"
        )
    conn.rollback()
    # The purge's own switch lets it redact values, never rewrite who did what.
    conn.execute("INSERT INTO settings (key, value) VALUES ('purging', '1')")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE audit_log SET actor = 'mallory' WHERE id = 1")
    conn.commit()
    assert "purging" in awards("db", "check", ok=False).stderr
    conn.execute("DELETE FROM settings")
    conn.execute(
        "INSERT INTO audit_log (at, actor, action) VALUES ('2020-01-01T00:00:00+00:00', 'm', 'x')"
    )
    conn.commit()
    conn.close()
    result = awards("db", "check", ok=False)
    assert result.exit_code == 1 and "out of order" in result.stderr


@pytest.fixture
def decided(awards):
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for name in ("Aino", "Bertta", "Cecilia"):
        awards("nomination", "add", SLUG, "--nominee", name)
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    awards("round", "open", SLUG)
    keys = ("encounter", "solutions", "feedback", "teamwork", "development")
    for n in (1, 2, 3):  # a three-way tie for first place
        awards(
            "score", "set", SLUG, "--juror", "liisa@example.fi", "--nomination", n,
            *[f"{k}=9" for k in keys],
        )  # fmt: skip
    awards("round", "close", SLUG)
    return awards


def test_a_tie_for_first_needs_a_reason(decided) -> None:
    before = decided.snapshot()
    error = decided.refused("winner", "declare", SLUG, "--nomination", "2")
    assert "tied for first place" in error and "1, 2, 3" in error
    assert decided.snapshot() == before
    decided("winner", "declare", SLUG, "--nomination", "2", "--override-reason", "arvonta")
    assert decided("db", "check").exit_code == 0


def test_no_round_after_places_and_no_withdrawn_winner(decided, tmp_path: Path) -> None:
    decided("winner", "declare", SLUG, "--nomination", "1", "--override-reason", "puheenjohtaja")
    assert "declared places" in decided.refused("round", "open", SLUG)
    error = decided.refused("nomination", "withdraw", "1", "--reason", "vaihtoi työpaikkaa")
    assert "holds the place winner" in error
    assert "holds the place" in decided.refused("nomination", "eligibility", "1", "--ineligible")
    # Behind the tool's back: the release must not name them, and db check says so.
    conn = sqlite3.connect(decided.db)
    conn.execute("UPDATE nominations SET status = 'withdrawn' WHERE id = 1")
    conn.commit()
    conn.close()
    assert "holds the place winner but is withdrawn" in decided("db", "check", ok=False).stderr
    target = tmp_path / "tiedote.docx"
    # An edit outside the tool: refused until the coordinator has looked (db check --accept).
    assert "changed outside awards" in decided.refused("export", "announcement", SLUG)
    decided("db", "check", "--accept", ok=False)
    decided("export", "announcement", SLUG, "-o", target)
    from docx import Document

    assert "Aino" not in " ".join(p.text for p in Document(str(target)).paragraphs)


def test_a_filled_sheet_is_never_blanked(advisor, tmp_path: Path) -> None:
    from tests.filemakers import fill_docx_sheet

    awards = advisor(nominations=2, jurors=2)
    awards("round", "open", SLUG)
    out = tmp_path / "sheets"
    awards("score", "sheets", SLUG, "--out", out)
    awards("score", "sheets", SLUG, "--out", out)  # blank sheets are simply written again
    sheet = sorted(out.glob("*.docx"))[0]
    filled = fill_docx_sheet(sheet, tmp_path / "filled.docx", {(1, 2): "8"})
    sheet.write_bytes(filled.read_bytes())
    before = sheet.read_bytes()
    error = awards.refused("score", "sheets", SLUG, "--out", out)
    assert sheet.name in error and "--force" in error
    assert sheet.read_bytes() == before
    awards("score", "sheets", SLUG, "--out", out, "--force")
    assert sheet.read_bytes() != before


def test_writers_never_follow_a_planted_symlink(advisor, tmp_path: Path) -> None:
    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    report = tmp_path / "raportti.docx"
    (tmp_path / f".{report.name}.partial").symlink_to(victim)
    awards("export", "report", SLUG, "-o", report)
    out = tmp_path / "sheets"
    awards("score", "sheets", SLUG, "--out", out, "--format", "csv")
    (sheet,) = out.glob("*.csv")
    sheet.unlink()
    sheet.symlink_to(victim)
    # A symlink where a sheet goes is not ours to overwrite: named, refused.
    assert "--force" in awards.refused("score", "sheets", SLUG, "--out", out, "--format", "csv")
    awards("score", "sheets", SLUG, "--out", out, "--format", "csv", "--force")
    assert victim.read_text() == "precious"
    assert not sheet.is_symlink() and "juror" in sheet.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    "spoofed",
    [
        "Aava\u200b Pankki Oyj",
        "\u0410ava Pankki Oyj",
        "Ａａｖａ Pankki Oyj",
        "Aava Pan\u00adkki Oyj",
    ],
    ids=["zero-width space", "cyrillic a", "full-width", "soft hyphen"],
)
def test_invisible_characters_hide_no_conflict(awards, spoofed: str) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Sini", "--organization", spoofed)
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi",
           "--organization", "Aava Pankki Oyj")  # fmt: skip
    conflicts = awards.json("conflict", "list", SLUG)
    assert [(c["juror"], c["source"]) for c in conflicts] == [("liisa@example.fi", "organization")]
    # The only juror works for the candidate's employer: nobody may score her.
    assert "every juror is in conflict" in awards.refused("round", "open", SLUG)


def test_one_person_cannot_join_a_jury_twice_under_two_spellings(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    spoof = awards.refused(
        "juror", "add", SLUG, "--name", "Liisa A", "--email", "li\u0456sa@example.fi"
    )
    assert "already on the jury" in spoof
    assert "already on the jury" in awards.refused(
        "juror", "add", SLUG, "--name", "L", "--email", "liisa\u200b@example.fi"
    )


def test_look_alike_letters_are_flagged_and_duplicates_found(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Sini Mäkelä", "--organization", "Aava Oy")
    added = awards("nomination", "add", SLUG, "--nominee", "Sini M\u0430kelä",
                   "--organization", "Aava Oy", "--reason", "Toinen ehdotus")  # fmt: skip
    assert "mixes Latin letters with Cyrillic" in added.stderr
    groups = awards.json("nomination", "duplicates", SLUG)
    assert [g["ids"] for g in groups] == [[1, 2]]


def test_an_empty_file_is_not_taken_for_a_new_database(awards) -> None:
    awards.db.write_bytes(b"")
    error = awards.refused("competition", "create", "--category", "service-desk", "--year", "2026")
    assert "empty file" in error
    assert awards.db.read_bytes() == b""


def test_no_formula_and_no_html_leaves_the_tool(awards, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "<img src=x onerror=alert(1)>",
           "--organization", "=HYPERLINK(\"http://x\")")  # fmt: skip
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "=1+1@example.fi")
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path, "--format", "xlsx")
    (sheet,) = tmp_path.glob("*.xlsx")
    cells = [c.value for row in load_workbook(sheet)["Pisteet"].iter_rows() for c in row]
    assert "'=1+1@example.fi" in cells and "=1+1@example.fi" not in cells
    listed = awards("nomination", "list", SLUG, "--format", "markdown").stdout
    assert "<img" not in listed and "&lt;img" in listed
    awards("nomination", "publish", 1, "--yes")
    results = awards("export", "results", SLUG, "--format", "markdown").stdout
    assert "<img" not in results and "&lt;img" in results


def _rewrite_part(source: Path, target: Path, part: str, change) -> Path:
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, change(data) if item.filename == part else data)
    return target


def test_a_utf16_sheet_with_a_doctype_is_refused(advisor, tmp_path: Path) -> None:
    from tests.filemakers import fill_docx_sheet

    awards = advisor(nominations=1, jurors=1)
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path / "s")
    (sheet,) = (tmp_path / "s").glob("*.docx")
    filled = fill_docx_sheet(sheet, tmp_path / "filled.docx", {(1, 2): "7"})

    def utf16_with_doctype(data: bytes) -> bytes:
        text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
        head, rest = text.split("?>", 1)
        return (head + '?><!DOCTYPE w [<!ENTITY x "7">]>' + rest).encode("utf-16")

    hostile = _rewrite_part(filled, tmp_path / "h.docx", "word/document.xml", utf16_with_doctype)
    assert "XXE" in awards.refused("score", "import", SLUG, hostile)


def test_a_letterhead_declaring_entities_is_refused(awards, tmp_path: Path) -> None:
    from docx import Document

    letterhead = tmp_path / "kirjepohja.docx"
    Document().save(str(letterhead))
    hostile = _rewrite_part(
        letterhead,
        tmp_path / "paha.docx",
        "word/styles.xml",
        lambda d: d.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY e "x">]>', 1),
    )
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Aino")
    awards("juror", "add", SLUG, "--name", "L", "--email", "l@example.fi")
    awards("round", "open", SLUG)
    keys = ("encounter", "solutions", "feedback", "teamwork", "development")
    awards("score", "set", SLUG, "--juror", "l@example.fi", "--nomination", 1,
           *[f"{k}=9" for k in keys])  # fmt: skip
    awards("round", "close", SLUG)
    awards("winner", "declare", SLUG, "--nomination", 1)
    error = awards.refused("export", "announcement", SLUG, "--template", hostile, "-o",
                           tmp_path / "t.docx")  # fmt: skip
    assert "declares XML entities" in error and not (tmp_path / "t.docx").exists()


def test_purge_is_refused_while_a_reader_has_the_file_open(tmp_path: Path, demo_year) -> None:
    import shutil
    import subprocess
    import sys

    from click.testing import CliRunner

    from awards.commands.cli import cli

    db = tmp_path / "purge.db"
    shutil.copy(demo_year[0], db)
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1]); "
         "c.execute('select count(*) from nominations').fetchall(); print('open', flush=True); "
         "time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
        before = db.read_bytes()
        started = time.perf_counter()
        args = ["--db", str(db), "privacy", "purge", "--year", "2026", "--yes"]
        refused = CliRunner().invoke(cli, args)
        assert refused.exit_code == 1 and "open in another program" in refused.output
        assert time.perf_counter() - started < 5  # was: blocked 30 s, then "Purged"
        assert db.read_bytes() == before
    finally:
        reader.kill()
        reader.wait()
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM nominations WHERE reason IS NOT NULL").fetchone() == (
        0,
    )
    conn.close()


def test_fuzzed_docx_sheets_give_scores_or_a_refusal(advisor, tmp_path: Path) -> None:
    """Byte flips anywhere in a filled sheet: the reader returns scores or refuses, cleanly."""
    import os
    import random

    from awards.errors import FileRefused
    from awards.exports.score_file import parse_score_file
    from awards.presets import PRESETS
    from tests.filemakers import fill_docx_sheet

    awards = advisor(nominations=2, jurors=1)
    awards("round", "open", SLUG)
    awards("score", "sheets", SLUG, "--out", tmp_path / "s")
    (sheet,) = (tmp_path / "s").glob("*.docx")
    good = fill_docx_sheet(sheet, tmp_path / "f.docx", {(1, 2): "8", (2, 3): "7,5"}).read_bytes()
    criteria = list(PRESETS["customer-advisor"].criteria)
    rng = random.Random(14)
    runs = int(os.environ.get("AWARDS_FUZZ", "150"))
    for i in range(runs):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        path = tmp_path / f"fuzz{i}.docx"
        path.write_bytes(bytes(data))
        with contextlib.suppress(FileRefused):
            parse_score_file(path, criteria)


def test_pipes_devices_deep_toml_and_huge_scales_are_refused(awards, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "putki.csv"
    os.mkfifo(fifo)
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    assert "not a regular file" in awards.refused("nomination", "import", SLUG, fifo)
    assert "not a regular file" in awards.refused(
        "nomination", "add", SLUG, "--nominee", "A", "--reason-file", "/dev/zero"
    )
    deep = tmp_path / "deep.toml"
    deep.write_text("x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "nested too deeply" in awards.refused(
        "competition", "create", "--category", "service-desk", "--year", "2026", "--criteria", deep
    )
    huge = tmp_path / "huge.toml"
    huge.write_text(
        '[[criteria]]\nkey = "a"\nname_fi = "A"\nname_en = "A"\nmin = -1e308\nmax = 1e308\n'
    )
    assert "beyond" in awards.refused(
        "competition", "create", "--category", "service-desk", "--year", "2026", "--criteria", huge
    )


def test_an_argument_that_is_not_utf8_gets_an_error_line(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    # What the shell hands Python for a Latin-1 "ä" on a UTF-8 system: a lone surrogate.
    error = awards.refused("nomination", "add", SLUG, "--nominee", "M\udce4kel\udce4")
    assert "not valid text" in error


def test_a_read_only_database_is_not_called_damaged(awards, tmp_path: Path) -> None:
    """On a file system mounted read-only (root writes through file modes)."""
    import shutil
    import subprocess

    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    place = tmp_path / "ro"
    place.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(place)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a file system here")
    try:
        conn = sqlite3.connect(awards.db)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.close()
        shutil.copy(awards.db, place / "awards.db")
        subprocess.run(["mount", "-o", "remount,ro", str(place)], check=True)
        from click.testing import CliRunner

        from awards.commands.cli import cli

        result = CliRunner().invoke(
            cli, ["--db", str(place / "awards.db"), "nomination", "add", SLUG, "--nominee", "A"]
        )
        assert result.exit_code == 1, result.output
        assert "read-only" in result.output or "cannot be opened" in result.output
        assert "damaged" not in result.output and "Traceback" not in result.output
    finally:
        subprocess.run(["umount", "-l", str(place)], check=False)


def test_ctrl_c_while_starting_is_one_line() -> None:
    import subprocess
    import sys

    code = (
        "import awards.commands.cli as c\n"
        "def interrupted():\n    raise KeyboardInterrupt\n"
        "c._replace_what_the_console_cannot_show = interrupted\nc.main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 130
    assert done.stderr.strip() == "Interrupted; nothing was changed."


def test_db_check_after_a_later_conflict_and_on_moved_points(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for name in ("Aino", "Bertta"):
        awards("nomination", "add", SLUG, "--nominee", name, "--organization", f"{name} Oy")
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    awards("juror", "add", SLUG, "--name", "Pekka", "--email", "pekka@example.fi")
    awards("round", "open", SLUG)
    values = ("encounter=8", "solutions=6", "feedback=7", "teamwork=7", "development=7")
    for juror in ("liisa", "pekka"):
        for n in (1, 2):
            awards("score", "set", SLUG, "--juror", f"{juror}@example.fi", "--nomination", n,
                   *values)  # fmt: skip
    awards("round", "close", SLUG)
    # Conflicts found later do not undo the closed round, but are never silent:
    # Liisa moves to Aino Oy (on purpose, with `juror set`), Pekka declares a former employer.
    moved = awards("juror", "set", "liisa@example.fi", "--organization", "Aino Oy")
    assert "scored nomination 1 in closed round 1" in moved.stderr
    assert any(c["juror"] == "liisa@example.fi" for c in awards.json("conflict", "list", SLUG))
    declared = awards("conflict", "add", SLUG, "pekka@example.fi", "--organization", "Bertta Oy",
                      "--reason", "myöhemmin")  # fmt: skip
    assert "scored nomination 2 in closed round 1" in declared.stderr
    check = awards("db", "check", ok=False)
    assert check.exit_code == 1
    assert "liisa@example.fi scored nomination(s) 1 and is now in conflict" in check.stderr
    assert "pekka@example.fi scored nomination(s) 2 and is now in conflict" in check.stderr
    # Two points moved from one criterion to another: every total the same, the values not.
    conn = sqlite3.connect(awards.db)
    conn.execute("UPDATE scores SET value = 6 WHERE nomination_id = 1 AND criterion = 'encounter'")
    conn.execute("UPDATE scores SET value = 8 WHERE nomination_id = 1 AND criterion = 'solutions'")
    conn.commit()
    conn.close()
    result = awards("db", "check", ok=False)
    assert result.exit_code == 1 and "differ from the frozen ones" in result.stderr


def test_a_full_disk_during_an_export_is_one_error_line(decided, tmp_path: Path) -> None:
    """On a 16 kB file system (a tmpfs, where this machine lets a test mount one)."""
    import os
    import subprocess

    tiny = tmp_path / "tiny"
    tiny.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(tiny)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        decided("winner", "declare", SLUG, "--nomination", "1", "--override-reason", "arvonta")
        error = decided.refused("export", "report", SLUG, "-o", tiny / "raportti.docx")
        assert "disk is full" in error
        assert os.listdir(tiny) == []  # no half document, no temporary left
    finally:
        import gc

        gc.collect()  # python-docx's zip of the removed temporary, still open after the error
        subprocess.run(["umount", "-l", str(tiny)], check=False)


def test_documents_get_the_usual_permissions(decided, tmp_path: Path) -> None:
    import os
    import stat

    decided("winner", "declare", SLUG, "--nomination", "1", "--override-reason", "arvonta")
    old = os.umask(0o022)
    try:
        decided("export", "report", SLUG, "-o", tmp_path / "raportti.docx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "raportti.docx").stat().st_mode) == 0o644


def test_the_audit_trail_shows_score_changes_before_and_after(awards) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Aino")
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    awards("round", "open", SLUG)
    awards("score", "set", SLUG, "--juror", "liisa@example.fi", "--nomination", 1, "encounter=5")
    awards("score", "set", SLUG, "--juror", "liisa@example.fi", "--nomination", 1, "encounter=7,5")
    import re

    for fmt in ("plain", "table"):
        out = awards("log", SLUG, "--limit", "2", "--format", fmt).stdout
        text = " ".join(re.sub(r"[│┃┏┓┗┛┡┩━─└┘┌┐┳┻╇]", " ", out).split())  # the table's cells, read
        assert "encounter 5 → 7.5" in text and "encounter – → 5" in text, text
