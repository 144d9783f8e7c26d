"""The floor for the jury report: the fastest plain python-docx script that writes the same
ranking table. A4, a heading, a 9-column header row (rank, candidate, organisation, score and
the five criteria), then one prototype row deep-copied per candidate with its texts set: no
`add_row`, no cell lookups.

    python tests/benchmarks/floor_report.py DATABASE OUT.docx
"""

import copy
import sqlite3
import sys

import docx
from docx.oxml.ns import qn
from docx.shared import Cm

connection = sqlite3.connect(sys.argv[1])
criteria = [
    key
    for (key,) in connection.execute(
        "SELECT key FROM criteria WHERE competition_id = 1 ORDER BY position"
    )
]
# One row per candidate: the mean of each criterion over the jurors, best total first.
means: dict[int, dict[str, float]] = {}
names: dict[int, tuple[str, str]] = {}
for nomination, nominee, organization, criterion, value in connection.execute(
    "SELECT n.id, n.nominee, coalesce(n.organization, ''), s.criterion, avg(s.value) "
    "FROM scores s JOIN nominations n ON n.id = s.nomination_id "
    "WHERE n.competition_id = 1 GROUP BY n.id, s.criterion"
):
    means.setdefault(nomination, {})[criterion] = value
    names[nomination] = (nominee, organization)
ranked = sorted(means, key=lambda n: -sum(means[n].values()))

document = docx.Document()
section = document.sections[0]
section.page_width, section.page_height = Cm(21.0), Cm(29.7)
document.add_heading("Tuomariston raportti", 1)
table = document.add_table(rows=2, cols=4 + len(criteria))
header, prototype = table.rows
for cell, label in zip(
    header.cells, ["Sija", "Ehdokas", "Organisaatio", "Pisteet", *criteria], strict=True
):
    cell.text = label
for cell in prototype.cells:
    cell.text = "0"
template = prototype._tr
template.getparent().remove(template)
grid = table._tbl
for rank, nomination in enumerate(ranked, start=1):
    row = copy.deepcopy(template)
    nominee, organization = names[nomination]
    values = [str(rank), nominee, organization, f"{sum(means[nomination].values()):.1f}"]
    values += [f"{means[nomination].get(k, 0):.2f}" for k in criteria]
    for text, value in zip(row.iter(qn("w:t")), values, strict=True):
        text.text = value
    grid.append(row)
document.save(sys.argv[2])
