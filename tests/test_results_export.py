"""The results workbook prints as it is, and the export says which rows hide their names."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from tests.test_release import SLUG, decided, judged  # noqa: F401


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_results_workbook_is_printable(decided, tmp_path, lang) -> None:  # noqa: F811
    out = tmp_path / "results.xlsx"
    decided("export", "results", SLUG, "--format", "xlsx", "--lang", lang, "-o", out)
    sheet = load_workbook(out).active
    if lang == "fi":
        assert sheet["A1"].value == (
            "Vuoden Asiakasneuvoja 2026 – Kierros 1 (Esikarsinta) – Laskentatapa: keskiarvo"
        )
    else:
        assert sheet["A1"].value == (
            "Customer Advisor of the Year 2026 – Round 1 (Esikarsinta) – Method: mean"
        )
    assert sheet["A2"].value == ("Sija" if lang == "fi" else "Rank")
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows == "$1:$2"  # title and header on every page
    assert sheet.freeze_panes == "A3"


def test_hidden_names_are_counted_explained_and_the_fix_named(decided) -> None:  # noqa: F811
    result = decided("export", "results", SLUG, "--format", "csv")
    # Katja has no place and has not agreed to be named.
    assert result.stdout.count("(ei julkinen)") == 2  # her name and organisation
    assert "Left out: the names of 1 of 4 row(s), shown as (ei julkinen): 1 without a place" in (
        result.stderr
    )
    assert "`awards nomination publish ID --yes`" in result.stderr
    decided("nomination", "publish", 1, "--no")
    english = decided("export", "results", SLUG, "--format", "json", "--lang", "en")
    assert "Left out: the names of 2 of 4 row(s), shown as (not public)" in english.stderr
    assert "1 who said no" in english.stderr and "1 without a place" in english.stderr
    decided("nomination", "publish", 4, "--yes")
    decided("nomination", "publish", 1, "--yes")
    assert "Left out" not in decided("export", "results", SLUG, "--format", "csv").stderr
