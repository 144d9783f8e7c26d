"""Feedback as a candidate reads it, in Finnish and English: best areas below the field are
relative strengths, a placed candidate is told what they won, and jurors' remarks come in the
document's language first, others marked with theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from awards.publication import feedback_areas, remark_language, remarks_in_order
from tests.test_release import CANDIDATES, KEYS, SLUG

REMARKS = (
    "Kuuntelee aidosti.",
    "Listens to every customer with care.",
    "Ratkaisee ongelmat nopeasti.",
)


@pytest.fixture
def placed(awards):
    """Four candidates (levels 9, 8, 8, 5 on every criterion), three jurors, Sini's remarks in
    two languages; Sini wins, Aino is runner-up, Jussi gets a mention."""
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    for name, organization, title, _ in CANDIDATES:
        awards("nomination", "add", SLUG, "--nominee", name, "--organization", organization,
               "--title", title)  # fmt: skip
    for j, role in enumerate(("chair", "member", "member")):
        awards("juror", "add", SLUG, "--name", f"Tuomari {j}", "--email", f"j{j}@example.fi",
               "--role", role)  # fmt: skip
    awards("round", "open", SLUG)
    for j in range(3):
        for n, (_, _, _, level) in enumerate(CANDIDATES, start=1):
            comment = ["--comment", REMARKS[j]] if n == 1 else []
            awards("score", "set", SLUG, "--juror", f"j{j}@example.fi", "--nomination", n,
                   *[f"{k}={level}" for k in KEYS], *comment)  # fmt: skip
    awards("round", "close", SLUG)
    for n, place in ((1, "winner"), (2, "runner-up"), (3, "mention")):
        awards("winner", "declare", SLUG, "--nomination", n, "--place", place,
               "--citation", f"Perustelu {n}.")  # fmt: skip
    return awards


def _feedback(awards, tmp_path: Path, lang: str) -> dict[str, list[tuple[str, str]]]:
    out = tmp_path / f"feedback-{lang}"
    awards("export", "feedback", SLUG, "--lang", lang, "--out", out)
    found = {}
    for path in sorted(out.glob("*.docx")):
        found[path.name.split("-", 1)[0]] = [
            (p.style.name, p.text) for p in Document(str(path)).paragraphs
        ]
    return found


@pytest.mark.parametrize("lang", ["fi", "en"])
def test_feedback_words_as_a_candidate_reads_them(placed, tmp_path, lang) -> None:
    found = _feedback(placed, tmp_path, lang)
    assert len(found) == 4
    fi = lang == "fi"
    # Katja, last on every area: her best areas are below the mean, so not "strengths".
    katja = found["4"]
    headings = [text for style, text in katja if style.startswith("Heading")]
    assert ("Suhteelliset vahvuudet" if fi else "Relative strengths") in headings
    assert ("Vahvuudet" if fi else "Strengths") not in headings
    assert not any(text.startswith(("Onnittelut", "Congratulations")) for _, text in katja)
    # Placed candidates are told what they won.
    winner = [text for _, text in found["1"]]
    if fi:
        assert "Onnittelut: voititte kilpailun Vuoden Asiakasneuvoja 2026." in winner
        assert any("sijoituitte toiseksi" in text for _, text in found["2"])
        assert any("kunniamaininnan" in text for _, text in found["3"])
    else:
        assert "Congratulations: you are the winner of Customer Advisor of the Year 2026." in winner
        assert any("runner-up of" in text for _, text in found["2"])
        assert any("honourable mention" in text for _, text in found["3"])
    assert ("Vahvuudet" if fi else "Strengths") in winner
    # One number format in the values table: "9,0" beside "7,5", never "9".
    table = Document(str(next((tmp_path / f"feedback-{lang}").glob("1-*.docx")))).tables[0]
    values = [cell.text for row in table.rows[1:] for cell in row.cells[2:]]
    mark = "," if fi else "."
    assert values[:3] == [f"9{mark}0", f"7{mark}5", f"9{mark}0"], values
    assert all(len(v.split(mark)[1]) == 1 for v in values), values
    # Remarks: the document's language first, the others marked.
    remarks = [text for style, text in found["1"] if style == "Juror Comment"]
    if fi:
        assert remarks == [
            "”Kuuntelee aidosti.”",
            "”Ratkaisee ongelmat nopeasti.”",
            "”Listens to every customer with care.” (englanniksi)",
        ]
    else:
        assert remarks == [
            "“Listens to every customer with care.”",
            "“Kuuntelee aidosti.” (in Finnish)",
            "“Ratkaisee ongelmat nopeasti.” (in Finnish)",
        ]


def test_feedback_areas_split_best_areas_by_the_field_mean() -> None:
    share = {"a": 0.6, "b": 0.5, "c": 0.4, "d": 0.3}
    values = {"a": 6, "b": 5, "c": 4, "d": 3}
    areas = feedback_areas(share, values, {"a": 5.5, "b": 5.5, "c": 5, "d": 5}, placed=False)
    assert areas.strengths == ["a"] and areas.relative_strengths == ["b"]
    assert areas.development == ["d", "c"] and areas.relative == []
    low = feedback_areas(share, values, dict.fromkeys(share, 9.0), placed=False)
    assert low.strengths == [] and low.relative_strengths == ["a", "b"]


@pytest.mark.parametrize(
    ("remark", "language"),
    [
        ("Kuuntelee aidosti.", "fi"),
        ("Erinomainen asenne.", "fi"),
        ("Ratkaisee ongelmat nopeasti ja ystävällisesti.", "fi"),
        ("Listens to every customer.", "en"),
        ("Solves problems quickly and kindly.", "en"),
        ("Great attitude.", "en"),
        ("Sini", None),
    ],
)
def test_remark_language(remark, language) -> None:
    assert remark_language(remark) == language


def test_remarks_of_unknown_language_stay_with_the_documents() -> None:
    ordered = remarks_in_order(["Great work.", "10/10", "Hyvää työtä."], "fi")
    assert ordered == [("10/10", None), ("Hyvää työtä.", None), ("Great work.", "en")]
