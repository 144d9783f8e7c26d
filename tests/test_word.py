"""`awards.exports.word`: a table's rows are written into the file when the document is saved,
never built as elements; the file must be the one a tree holding them would give."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from awards.exports import word

ROWS = [
    [1, "Matti & Maija <Oy>", "rivi 1\nrivi 2", None, "7,50"],
    [2, "", "{0} {} }{", "Ääkköset ja 😀", "10"],
    [3, "tyhjä rivi alla\n\nja sen jälkeen", "a > b", "'lainaus' \"lainaus\"", ""],
]


def _document_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as package:
        return package.read("word/document.xml")


@pytest.mark.parametrize("piece_rows", [1000, 2], ids=["one-piece", "pieces-of-two"])
def test_tables_rows_are_written_as_a_parsed_tree_would_write_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, piece_rows: int
) -> None:
    monkeypatch.setattr(word, "TABLE_PIECE_ROWS", piece_rows)
    document = word.new_document("fi", "Testi")
    headers = ["Nro", "Ehdokas", "Kuvaus", "Huom.", "Pisteet"]
    word.table(document, headers, ROWS, [1, 4, 4, 4, 2], numeric=[0, 4])
    word.paragraph(document, "Välissä tekstiä.")
    word.table(document, ["A", "B"], [["x", "y"]] * 5, [3, 3])
    path = tmp_path / "taulukot.docx"
    word.save(document, path)

    # What python-docx reads back: every row, in order, with its line breaks, after the header.
    opened = docx.Document(str(path))
    first, second = opened.tables
    read = [[c.text for c in row.cells] for row in first.rows]
    assert read[0] == ["Nro", "Ehdokas", "Kuvaus", "Huom.", "Pisteet"]
    assert read[1:] == [["" if v is None else str(v) for v in row] for row in ROWS]
    assert [[c.text for c in row.cells] for row in second.rows] == [["A", "B"]] + [["x", "y"]] * 5
    assert "Välissä tekstiä." in [p.text for p in opened.paragraphs]
    # Saved again by python-docx from the tree it parsed: byte for byte the same part, so the
    # rows' text is exactly lxml's serialisation (empty texts closed, escapes, no markers).
    again = tmp_path / "uudelleen.docx"
    opened.save(str(again))
    assert _document_xml(path) == _document_xml(again)
    assert b"awards-rows" not in _document_xml(path)


def test_a_table_holds_its_rows_as_they_were_when_it_was_made(tmp_path: Path) -> None:
    document = word.new_document("fi", "Testi")
    rows = [["1", "ensimmäinen"]]
    word.table(document, ["Nro", "Nimi"], rows, [2, 6])
    rows.append(["2", "lisätty myöhemmin"])
    rows[0][1] = "muutettu"
    path = tmp_path / "taulukko.docx"
    word.save(document, path)
    (table,) = docx.Document(str(path)).tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Nro", "Nimi"],
        ["1", "ensimmäinen"],
    ]
