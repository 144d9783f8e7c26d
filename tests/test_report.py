"""The jury report's results and conflicts tables: every column headed, one number format per
language and table, jurors by name."""

from __future__ import annotations

import re

import pytest
from docx import Document

from tests.test_release import SLUG, decided, judged  # noqa: F401


def _tables(path) -> list[list[list[str]]]:
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in Document(str(path)).tables
    ]


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_report_tables_are_headed_uniform_and_name_jurors(decided, tmp_path, lang) -> None:  # noqa: F811
    decided("juror", "add", SLUG, "--name", "Outi Ollila", "--email", "outi@example.fi",
            "--organization", "Revontuli Vakuutus Oy")  # fmt: skip
    decided("conflict", "add", SLUG, "j1@example.fi", "--nomination", 4, "--reason", "Sukulainen")
    out = tmp_path / f"report-{lang}.docx"
    decided("export", "report", SLUG, "--lang", lang, "-o", out)
    tables = _tables(out)
    summary = tables[0]
    assert all(h.strip() for h in summary[0]), summary[0]
    assert summary[0][0] == ("Sijoitus" if lang == "fi" else "Place")
    assert summary[0][3] == ("Perustelut" if lang == "fi" else "Citation")
    assert summary[1][3] == ("Perustelu 1." if lang == "fi" else "Citation 1.")
    # The ranking: score, criteria and spread all with two decimals and the language's mark.
    ranking = next(t for t in tables if t[0][0] in ("Sija", "Rank"))
    header = ranking[0]
    assert all(h.strip() for h in header), header
    mark = "," if lang == "fi" else "."
    two = re.compile(rf"^\d+\{mark}\d\d$")
    first = ranking[1]
    assert first[3] == f"90{mark}00" and first[4] == f"9{mark}00", first  # not "90" or "9"
    numbers = [row[c] for row in ranking[1:] for c in [3, *range(4, 9), 10]]
    assert numbers and all(two.match(n) for n in numbers), numbers
    # Conflicts: jurors by name, never by email, in every table.
    conflicts = tables[-1]
    jurors = [row[0] for row in conflicts[1:]]
    assert "Pekka Hyvönen" in jurors and "Outi Ollila" in jurors, conflicts
    assert not any("@" in cell for table in tables for row in table for cell in row)
