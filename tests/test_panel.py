"""The panel, the `adjusted` method and the scores themselves, entered through the CLI
and checked against the published worked examples."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest

SLUG = "customer-advisor-2026"

# Shrout & Fleiss (1979), Table 2: 6 targets (rows) scored by 4 judges (columns).
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]
# Their Table 4, exactly: the ANOVA mean squares give these fractions.
ICC = {
    "1_1": Fraction(448, 2703),  # .17
    "2_1": Fraction(184, 635),  # .29
    "3_1": Fraction(920, 1287),  # .71
    "1_k": Fraction(1792, 4047),  # .44
    "2_k": Fraction(736, 1187),  # .62
    "3_k": Fraction(3680, 4047),  # .91
}
PUBLISHED_TABLE_4 = {"1_1": 0.17, "2_1": 0.29, "3_1": 0.71, "1_k": 0.44, "2_k": 0.62, "3_k": 0.91}

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers ×
# 12 units, values 1-5, None where an observer gave no value.
KRIPPENDORFF = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
    "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
}


def one_criterion_year(awards, tmp_path: Path, top: int, jurors: list[str], units: int) -> None:
    """A competition judged on one criterion 0..top worth `top` points, so a juror's weighted
    total is exactly the score typed; every juror is assigned every nomination."""
    criteria = tmp_path / "criteria.toml"
    criteria.write_text(
        f'[[criteria]]\nkey = "overall"\nname_fi = "Kokonaisarvio"\nname_en = "Overall"\n'
        f"weight = {top}\nmin = 0\nmax = {top}\n",
        encoding="utf-8",
    )
    awards(
        "competition", "create", "--category", "customer-advisor", "--year", "2026",
        "--criteria", criteria,
    )  # fmt: skip
    for i in range(1, units + 1):
        awards("nomination", "add", SLUG, "--nominee", f"Ehdokas {i}")
    for name in jurors:
        awards("juror", "add", SLUG, "--name", f"Tuomari {name}", "--email", f"{name}@example.fi")
    awards("round", "open", SLUG)


def import_scores(awards, tmp_path: Path, table: dict[str, list[float | None]]) -> None:
    """The scores as a coordinator imports them: a long-form file, Finnish Excel style."""
    lines = ["juror;nomination;criterion;score"]
    for juror, values in table.items():
        for unit, value in enumerate(values, start=1):
            if value is not None:
                lines.append(f"{juror}@example.fi;{unit};overall;{str(value).replace('.', ',')}")
    path = tmp_path / "pisteet.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    awards("score", "import", SLUG, path)


def test_icc_equals_shrout_and_fleiss_table_4(awards, tmp_path: Path) -> None:
    judges = ["j1", "j2", "j3", "j4"]
    one_criterion_year(awards, tmp_path, 10, judges, 6)
    import_scores(
        awards, tmp_path, {j: [row[i] for row in SHROUT_FLEISS] for i, j in enumerate(judges)}
    )
    panel = awards.json("panel", SLUG)
    assert panel["complete"] is True
    icc = panel["agreement"]["icc"]
    for key, exact in ICC.items():
        assert round(icc[key], 2) == PUBLISHED_TABLE_4[key]
        assert round(icc[key], 4) == round(float(exact), 4)
        assert math.isclose(icc[key], float(exact), rel_tol=1e-12)
    # Spearman-Brown: ICC(2,1) = 0.2898 needs 0.8·0.7102/(0.2898·0.2) = 9.8, so 10 jurors.
    assert panel["agreement"]["jurors_for_0_8"] == 10
    assert 0 <= panel["agreement"]["kendall_p"] <= 1


def test_alpha_equals_krippendorff_2011_with_missing_values(awards, tmp_path: Path) -> None:
    one_criterion_year(awards, tmp_path, 5, list(KRIPPENDORFF), 12)
    import_scores(awards, tmp_path, KRIPPENDORFF)
    panel = awards.json("panel", SLUG)
    assert panel["complete"] is False
    assert panel["agreement"]["icc"] is None and panel["agreement"]["kendall_w"] is None
    assert round(panel["agreement"]["alpha_interval"], 3) == 0.849
    assert round(panel["agreement"]["alpha_ordinal"], 3) == 0.815


def test_kendall_w_with_ties_by_hand(awards, tmp_path: Path) -> None:
    # 4 candidates × 3 jurors, higher is better (rank 1):
    #   j1: 9 7 5 3 -> ranks 1 2 3 4;  j2: 8 8 4 2 -> 1.5 1.5 3 4 (a tie of 2: T = 6);
    #   j3: 6 9 3 5 -> 2 1 4 3.  Rank sums 4.5, 4.5, 10, 11 against the mean 7.5: S = 36.5.
    #   W = 12·S / (m²(n³ − n) − m·ΣT) = 438 / (9·60 − 3·6) = 438/522 = 73/87.
    one_criterion_year(awards, tmp_path, 10, ["j1", "j2", "j3"], 4)
    import_scores(awards, tmp_path, {"j1": [9, 7, 5, 3], "j2": [8, 8, 4, 2], "j3": [6, 9, 3, 5]})
    agreement = awards.json("panel", SLUG)["agreement"]
    assert agreement["kendall_w"] == pytest.approx(73 / 87, rel=1e-12)
    # χ² = m(n − 1)W = 657/87 on 3 degrees of freedom: the closed form of its upper tail.
    z = 657 / 87 / 2
    expected = math.erfc(math.sqrt(z)) + 2 * math.sqrt(z / math.pi) * math.exp(-z)
    assert agreement["kendall_p"] == pytest.approx(expected, rel=1e-9)


def test_each_juror_severity_correlation_and_deviations(awards, tmp_path: Path) -> None:
    # j3 reads the sheet upside down: its order runs against the others'.
    one_criterion_year(awards, tmp_path, 10, ["j1", "j2", "j3"], 4)
    import_scores(awards, tmp_path, {"j1": [9, 7, 5, 3], "j2": [8, 7, 4, 2], "j3": [2, 4, 6, 9]})
    panel = awards.json("panel", SLUG)
    jurors = {j["juror"]: j for j in panel["jurors"]}
    assert jurors["j3@example.fi"]["r_rest"] == pytest.approx(-1.0)
    # j2 against the mean of j1 and j3 on each candidate: 8 − 5.5, 7 − 5.5, 4 − 5.5, 2 − 6,
    # that is 2.5 + 1.5 − 1.5 − 4 = −1.5 over 4 candidates: −0.375 points.
    assert jurors["j2@example.fi"]["severity"] == pytest.approx(-0.375)
    # 15 % of 10 points is 1.5: j3 lies that far from the others on all four candidates.
    assert jurors["j3@example.fi"]["deviations"] == 4
    assert jurors["j1@example.fi"]["scored"] == 4
    words = " ".join(panel["summary"])
    assert "Tuomari j3's order runs against the rest" in words
    plain = awards("panel", SLUG, "--format", "plain").stdout
    assert "inverted or misunderstood sheet" in plain and "Kendall's W" in plain


def drawn_design(awards, tmp_path: Path, scores: dict[str, dict[int, float]]) -> None:
    """Three candidates on one criterion worth 40 points, each juror scoring only the ones in
    `scores`: before any score, the others are declared conflicts (the round is open, so they
    leave the juror's assignments), the incomplete design of a pre-selection laid out by hand."""
    one_criterion_year(awards, tmp_path, 40, list(scores), 3)
    for juror, given in scores.items():
        for n in {1, 2, 3} - set(given):
            awards("conflict", "add", SLUG, f"{juror}@example.fi", "--nomination", n,
                   "--reason", "design")  # fmt: skip
    import_scores(
        awards, tmp_path, {j: [given.get(n) for n in (1, 2, 3)] for j, given in scores.items()}
    )


def test_adjusted_takes_the_luck_of_the_draw_out(awards, tmp_path: Path) -> None:
    # Levels 10, 20, 30; A is 2 points generous, B and C 1 point strict. A scores 1 and 2, B
    # scores 2 and 3, C scores 1 and 3: x = θ + β exactly, so the fit recovers θ exactly,
    # where the plain mean gives 10.5, 20.5 and 29.
    drawn_design(awards, tmp_path, {"a": {1: 12, 2: 22}, "b": {2: 19, 3: 29}, "c": {1: 9, 3: 29}})
    adjusted = {r["nomination"]: r for r in awards.json("ranking", SLUG, "--method", "adjusted")}
    mean = {r["nomination"]: r for r in awards.json("ranking", SLUG, "--method", "mean")}
    for n, level in ((1, 10), (2, 20), (3, 30)):
        assert adjusted[n]["by_criterion"]["overall"] == pytest.approx(level, abs=1e-9)
    assert [mean[n]["by_criterion"]["overall"] for n in (1, 2, 3)] == [10.5, 20.5, 29]
    severity = {j["juror"]: j["severity_adjusted"] for j in awards.json("panel", SLUG)["jurors"]}
    assert severity == pytest.approx({"a@example.fi": 2, "b@example.fi": -1, "c@example.fi": -1})


def test_adjusted_equals_mean_on_a_complete_design(awards, tmp_path: Path) -> None:
    judges = ["j1", "j2", "j3", "j4"]
    one_criterion_year(awards, tmp_path, 10, judges, 6)
    import_scores(
        awards, tmp_path, {j: [row[i] for row in SHROUT_FLEISS] for i, j in enumerate(judges)}
    )
    adjusted = awards.json("ranking", SLUG, "--method", "adjusted")
    mean = awards.json("ranking", SLUG, "--method", "mean")
    assert [r["nomination"] for r in adjusted] == [r["nomination"] for r in mean]
    for a, m in zip(adjusted, mean, strict=True):
        assert a["score"] == pytest.approx(m["score"], abs=1e-9)


def test_adjusted_is_refused_on_a_design_that_is_not_connected(awards, tmp_path: Path) -> None:
    drawn_design(awards, tmp_path, {"a": {1: 12, 2: 22}, "b": {1: 10, 2: 21}, "c": {3: 29}})
    error = awards.refused("ranking", SLUG, "--method", "adjusted")
    assert "connected design" in error
    panel = awards.json("panel", SLUG)
    assert panel["robustness"]["winner_by_method"]["adjusted"] is None
    assert all(j["severity_adjusted"] is None for j in panel["jurors"])


def test_a_round_can_use_adjusted(awards, tmp_path: Path) -> None:
    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Aino")
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    awards("round", "open", SLUG, "--method", "adjusted")
    assert awards.json("ranking", SLUG)[0]["nomination"] == 1
    assert "adjusted" in awards("ranking", SLUG, "--format", "plain").stdout


def test_score_list_and_totals(awards, tmp_path: Path) -> None:
    one_criterion_year(awards, tmp_path, 10, ["j1", "j2"], 2)
    import_scores(awards, tmp_path, {"j1": [9, 7], "j2": [8, None]})
    awards("score", "set", SLUG, "--juror", "j2@example.fi", "--nomination", 2, "overall=6,5",
           "--comment", "Hyvä")  # fmt: skip
    scores = awards.json("score", "list", SLUG)
    assert {tuple(s.values()) for s in scores} == {
        ("j1@example.fi", 1, "overall", 9.0, None),
        ("j1@example.fi", 2, "overall", 7.0, None),
        ("j2@example.fi", 1, "overall", 8.0, None),
        ("j2@example.fi", 2, "overall", 6.5, "Hyvä"),
    }
    assert list(scores[0]) == ["juror", "nomination", "criterion", "score", "comment"]
    only = awards.json("score", "list", SLUG, "--juror", "J1@example.fi")
    assert {s["juror"] for s in only} == {"j1@example.fi"}
    totals = awards.json("score", "list", SLUG, "--totals")
    assert totals == [
        {"juror": "j1@example.fi", "1": 9.0, "2": 7.0},
        {"juror": "j2@example.fi", "1": 8.0, "2": 6.5},
    ]
    csv = awards("score", "list", SLUG, "--totals", "--format", "csv").stdout.splitlines()
    assert csv[0] == "juror,1,2" and csv[2] == "j2@example.fi,8,6.50"


def random_round(
    seed: int, nominations: int = 12, jurors: int = 6, per: int = 3, missing: float = 0.05
):
    """A pre-selection drawn at random: each nomination scored by `per` of the jurors on two
    criteria, each score missing with the chance `missing`."""
    import random

    from awards.models import Criterion
    from awards.panel import PanelRound
    from awards.ranking import ScoreEntry

    rng = random.Random(seed)
    criteria = [
        Criterion("a", "A", "A", 20, 0, 10, 0.5),
        Criterion("b", "B", "B", 30, 0, 5, 0),
    ]
    people = [f"j{i}@example.fi" for i in range(jurors)]
    entries, expected = [], {}
    for n in range(1, nominations + 1):
        chosen = rng.sample(people, per)
        expected[n] = chosen
        for j in chosen:
            for c in criteria:
                if rng.random() >= missing:
                    value = round(rng.uniform(c.min, c.max) * 2) / 2
                    entries.append(ScoreEntry(j, n, c.key, value))
    return PanelRound(
        number=1,
        method="mean",
        criteria=criteria,
        entries=entries,
        nominations=list(range(1, nominations + 1)),
        expected=expected,
        names={j: j.split("@")[0] for j in people},
        nominees={n: f"Ehdokas {n}" for n in range(1, nominations + 1)},
    )


@pytest.mark.parametrize("missing", [0.05, 0.0], ids=["some-missing", "complete"])
@pytest.mark.parametrize("seed", range(6))
def test_batched_draws_rank_exactly_as_one_draw_at_a_time(seed: int, missing: float) -> None:
    """The bootstrap's matrix form and the plain per-draw scoring agree on every winner, on a
    round with scores missing and on a complete one (where the draws' weights are shared by
    every criterion, and the criteria are summed before one product)."""
    import random

    import numpy as np

    from awards.errors import InvalidValue
    from awards.panel import _Resampler, _Scorer
    from awards.ranking import METHOD_NAMES

    r = random_round(seed, missing=missing)
    jurors = sorted({e.juror for e in r.entries})
    rng = random.Random(seed)
    draws = np.zeros((len(jurors), 40))
    for d in range(40):
        for _ in jurors:
            draws[rng.randrange(len(jurors)), d] += 1
    for method in METHOD_NAMES:
        try:
            scorer = _Scorer(r, method)
        except InvalidValue:
            continue
        arrays = _Resampler(scorer, jurors)
        if scorer.method.combiner == "mean" and len(scorer.components) > 1:
            # one table of drawn weights for every criterion, or one each; and with one, the
            # criteria summed before the product
            assert (arrays.mask.shape[0] == 1) == (missing == 0.0), method
            assert (arrays.combined is not None) == (missing == 0.0), method
        batched = arrays.winners(draws)
        one_by_one = [
            scorer.winners({j: int(draws[i, d]) for i, j in enumerate(jurors)}) for d in range(40)
        ]
        assert [sorted(w) for w in batched] == [sorted(w) for w in one_by_one], method


def test_the_full_panel_ranks_as_the_ranking_does() -> None:
    """At full weight, the fast scorer's winner under each method is the ranking's."""
    from awards.errors import InvalidValue
    from awards.panel import _Scorer
    from awards.ranking import METHOD_NAMES, compute_ranking

    for seed in range(8):
        r = random_round(seed)
        for method in METHOD_NAMES:
            try:
                rows = compute_ranking(r.criteria, r.entries, r.nominations, method, r.expected)
            except InvalidValue:
                continue
            first = [row.nomination for row in rows if row.rank == 1]
            assert _Scorer(r, method).winners() == first, (seed, method)


def test_bootstrap_is_reproducible_and_stable_is_consistent() -> None:
    from awards.panel import robustness

    r = random_round(3)
    once, again = robustness(r, samples=200, seed=7), robustness(r, samples=200, seed=7)
    assert once == again
    probabilities = once["bootstrap"]["win_probability"]
    assert math.isclose(sum(probabilities.values()), 1.0)
    own = once["winner_by_method"]["mean"]
    agree = all(w == own for w in once["winner_by_method"].values() if w)
    agree = agree and all(x["winner"] == own for x in once["leave_one_out"])
    assert once["stable"] == agree


@pytest.mark.parametrize("jurors", [1, 2, 3, 7, 8, 9, 40, 64, 65, 400])
def test_juror_draws_are_the_draws_randrange_gives(jurors: int) -> None:
    """The bootstrap's draws are those of the standard library's seeded generator (so the same
    seed gives the same shares on every machine), taken without a call per index."""
    import random

    from awards.panel import juror_draws

    for seed in (0, 20261, 99):
        one_by_one = random.Random(seed)
        expected = [one_by_one.randrange(jurors) for _ in range(jurors * 30)]
        assert juror_draws(random.Random(seed), jurors, 30) == expected


def cut_year(awards, tmp_path: Path) -> None:
    # Mean puts 1 and 2 in a shortlist of two; the median puts 2 and 3 there (j1 is generous
    # to candidate 1 alone).
    one_criterion_year(awards, tmp_path, 10, ["j1", "j2", "j3"], 4)
    import_scores(awards, tmp_path, {"j1": [10, 5, 6, 0], "j2": [3, 5, 4, 0], "j3": [3, 5, 4, 0]})


def test_ranking_says_when_the_method_changes_the_result(awards, tmp_path: Path) -> None:
    cut_year(awards, tmp_path)
    out = awards("ranking", SLUG, "--format", "plain").stdout
    assert "Method check: with median, the winner would be Ehdokas 2 instead of Ehdokas 1" in out
    assert "Method check" not in awards("ranking", SLUG, "--format", "json").stdout


def test_the_method_check_is_kept_and_follows_the_scores(awards, tmp_path: Path) -> None:
    """The check under the table is kept like the ranking (a second look does not restate the
    round six ways again) and is worked out anew once a score changes."""
    import sqlite3

    cut_year(awards, tmp_path)
    first = awards("ranking", SLUG, "--format", "plain").stdout
    assert "with median, the winner would be Ehdokas 2" in first
    kept = sqlite3.connect(awards.db).execute("SELECT notes FROM method_note_cache").fetchall()
    assert len(kept) == 1 and '"median"' in kept[0][0]
    assert awards("ranking", SLUG, "--format", "plain").stdout == first
    # j1's generosity to candidate 1 goes: every method now agrees on candidate 2.
    import_scores(awards, tmp_path, {"j1": [3, 5, 6, 0]})
    again = awards("ranking", SLUG, "--format", "plain").stdout
    assert "Method check" not in again


def test_advance_warns_when_the_cut_is_not_stable(awards, tmp_path: Path) -> None:
    cut_year(awards, tmp_path)
    awards("round", "close", SLUG)
    result = awards("round", "advance", SLUG, "--top", "2")
    assert "Warning: the cut is not stable" in result.stderr
    assert "with median, trimmed and rank, Ehdokas 3 in and Ehdokas 1 out" in result.stderr
    panel = awards.json("panel", SLUG)
    assert panel["robustness"]["cut"] == 2 and panel["robustness"]["cut_stable"] is False


def test_the_jury_report_has_the_panel_section(awards, tmp_path: Path) -> None:
    from docx import Document

    cut_year(awards, tmp_path)
    awards("round", "close", SLUG)
    for lang, title in (("fi", "Tuomariston yksimielisyys"), ("en", "Panel agreement")):
        target = tmp_path / f"report-{lang}.docx"
        awards("export", "report", SLUG, "--lang", lang, "-o", target)
        document = Document(str(target))
        texts = [p.text for p in document.paragraphs]
        assert title in texts
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert "Tuomari j1" in cells
    anonymous = tmp_path / "anonymous.docx"
    awards("export", "report", SLUG, "--anonymous-jurors", "-o", anonymous)
    document = Document(str(anonymous))
    everything = " ".join(
        [p.text for p in document.paragraphs]
        + [c.text for t in document.tables for row in t.rows for c in row.cells]
    )
    assert "Tuomari j" not in everything and "@example.fi" not in everything
    assert "Arvioija A" in everything


@pytest.mark.parametrize("columns", [80, 120])
def test_the_ranking_table_fits_a_terminal(awards, tmp_path: Path, columns: int) -> None:
    from click.testing import CliRunner

    from awards.commands.cli import cli

    awards("competition", "create", "--category", "customer-advisor", "--year", "2026")
    awards("nomination", "add", SLUG, "--nominee", "Anneli Lindqvist-Sundström",
           "--organization", "Pohjoisrannan hyvinvointialue")  # fmt: skip
    awards("juror", "add", SLUG, "--name", "Liisa", "--email", "liisa@example.fi")
    awards("round", "open", SLUG)
    runner = CliRunner(env={"COLUMNS": str(columns)})
    result = runner.invoke(cli, ["--db", str(awards.db), "ranking", SLUG, "--format", "table"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert max(map(len, lines)) <= columns
    assert "…" not in result.output
    assert (
        "Lindqvist-Sundström" in result.output.replace("\n", "").replace("│", "").replace(" ", "")
        or "Lindqvist-" in result.output
    )
    if columns == 80:
        assert "--wide shows them" in result.output
        wide = runner.invoke(
            cli, ["--db", str(awards.db), "ranking", SLUG, "--format", "table", "--wide"]
        )
        assert "encounter" in wide.output and "development" in wide.output


def _read_winetaster(name: str) -> tuple[list[str], dict[str, list[int]], dict[str, float]]:
    path = Path(__file__).parent / "data" / "panel" / name
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    header = lines[0].split(",")
    wines = header[1:-1]
    ranks, published = {}, {}
    for line in lines[1:]:
        judge, *cells = line.split(",")
        ranks[judge] = [int(c) for c in cells[:-1]]
        published[judge] = float(cells[-1])
    return wines, ranks, published


def test_r_rest_equals_quandts_published_correlations_with_float_ties(
    awards, tmp_path: Path
) -> None:
    """Quandt's Winetaster prints each judge's rank correlation with the others' average. Ranks
    typed as scores on two criteria worth 25 points on 0..12 make totals whose ties (the same
    points reached as 3 + 4 and as 4 + 3 twelfths) differ in the last bit of a float: those are
    ties under Spearman's definition, and must be ranked as ties."""
    wines, ranks, published = _read_winetaster("winetaster_1999_12_06.csv")
    criteria = tmp_path / "criteria.toml"
    criteria.write_text(
        "".join(
            f'[[criteria]]\nkey = "{k}"\nname_fi = "{k}"\nname_en = "{k}"\n'
            "weight = 25\nmin = 0\nmax = 12\n"
            for k in ("a", "b")
        ),
        encoding="utf-8",
    )
    awards(
        "competition", "create", "--category", "customer-advisor", "--year", "2026",
        "--criteria", criteria,
    )  # fmt: skip
    for wine in wines:
        awards("nomination", "add", SLUG, "--nominee", f"Wine {wine}")
    for judge in ranks:
        awards("juror", "add", SLUG, "--name", judge, "--email", f"{judge.lower()}@example.fi")
    awards("round", "open", SLUG)
    lines = ["juror;nomination;a;b"]
    for judge, row in ranks.items():
        for unit, rank in enumerate(row, start=1):
            points = 8 - rank
            lines.append(f"{judge.lower()}@example.fi;{unit};{points // 2};{points - points // 2}")
    path = tmp_path / "pisteet.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    awards("score", "import", SLUG, path)
    jurors = {j["name"]: j for j in awards.json("panel", SLUG, "--samples", "0")["jurors"]}
    for judge, r in published.items():
        assert round(jurors[judge]["r_rest"], 4) == r, judge


def test_spearman_ranks_float_noise_as_ties_hand_computed() -> None:
    """x = (1, 2, 3, 4); y has a tie between the 2nd and 3rd values written as 0.3 and 0.1 + 0.2
    (which differ in the last bit). Mean ranks of y: 1, 2.5, 2.5, 4, so ρ = 4.5/√(5·4.5)."""
    from awards.panel_stats import spearman_rho

    assert 0.1 + 0.2 != 0.3
    rho = spearman_rho([1, 2, 3, 4], [0.0, 0.3, 0.1 + 0.2, 1.0])
    assert rho is not None
    assert math.isclose(rho, 4.5 / math.sqrt(5 * 4.5), rel_tol=1e-12)


# ---- the panel at its edges: ties, too few draws, self-assessment, the cut, names ----------


def test_a_tie_for_first_is_never_stable_and_is_worded_as_a_tie(awards, tmp_path: Path) -> None:
    one_criterion_year(awards, tmp_path, 10, ["j1", "j2", "j3"], 3)
    import_scores(awards, tmp_path, {"j1": [8, 8, 8], "j2": [6, 6, 6], "j3": [7, 7, 7]})
    panel = awards.json("panel", SLUG)
    rob = panel["robustness"]
    assert rob["stable"] is False
    assert sorted(rob["winner_by_method"]["mean"]) == [1, 2, 3]
    # 33 + 33 + 34: whole percentages that add up to 100, never "wins 100%".
    assert sorted(rob["bootstrap"]["win_percent"].values()) == [33, 33, 34]
    assert sum(rob["bootstrap"]["win_percent"].values()) == 100
    words = "\n".join(panel["summary"])
    assert "a tie between Ehdokas 1, Ehdokas 2 and Ehdokas 3" in words
    assert "same under every method" not in words
    assert "100%" not in words
    plain = awards("panel", SLUG, "--format", "plain").stdout
    assert "Stable: no" in plain


@pytest.mark.parametrize("samples", ["0", "1", "99"])
def test_too_few_draws_measure_nothing(awards, tmp_path: Path, samples: str) -> None:
    one_criterion_year(awards, tmp_path, 10, ["j1", "j2", "j3"], 3)
    import_scores(awards, tmp_path, {"j1": [9, 5, 2], "j2": [8, 6, 3], "j3": [9, 4, 1]})
    panel = awards.json("panel", SLUG, "--samples", samples)
    boot = panel["robustness"]["bootstrap"]
    assert boot["measured"] is False and boot["win_probability"] == {}
    assert panel["robustness"]["stable"] is False
    words = "\n".join(panel["summary"])
    assert "were not measured" in words and "same under every method" in words
    assert "Stable: no" in awards("panel", SLUG, "--samples", samples, "--format", "plain").stdout
    # With enough draws, the same clear round is stable.
    assert awards.json("panel", SLUG, "--samples", "100")["robustness"]["stable"] is True


def test_bootstrap_percentages_add_up_to_100_and_leave_out_zero() -> None:
    from awards.panel import percentages

    shares = {1: 0.6666, 2: 0.1667, 3: 0.1667, 4: 0.0001}
    result = percentages(shares)
    assert sum(p for _, p in result) == 100
    assert [n for n, _ in result] == [1, 2, 3]  # 4 rounds to 0 % and is left out
    assert percentages({1: 1 / 3, 2: 1 / 3, 3: 1 / 3}) == [(1, 34), (2, 33), (3, 33)]


def self_assessed_year(awards, tmp_path: Path) -> str:
    slug = "customer-service-2026"
    awards("competition", "create", "--category", "customer-service", "--year", "2026")
    orgs = ["Aava Oy", "Bora Oy", "Cetus Oy", "Delta Oy"]
    for org in orgs:
        awards("nomination", "add", slug, "--nominee", "Asiakaspalvelu", "--organization", org)
    for name in ("Arvo", "Bea", "Cilla"):
        awards("juror", "add", slug, "--name", f"{name} Arvioija", "--email",
               f"{name.lower()}@example.fi", "--role", "assessor")  # fmt: skip
    awards("round", "open", slug, "--kind", "self-assessment")
    keys = [c["key"] for c in awards.json("criteria", "list", slug)]
    own = {1: 90, 2: 80, 3: 85, 4: 60}
    lines = ["nomination;" + ";".join(keys)]
    lines += [f"{n};" + ";".join([str(v)] * len(keys)) for n, v in own.items()]
    path = tmp_path / "itsearviointi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    awards("score", "import", slug, path)
    awards("round", "close", slug)
    return slug


def test_a_self_assessment_round_is_not_a_jury(awards, tmp_path: Path) -> None:
    slug = self_assessed_year(awards, tmp_path)
    error = awards.refused("panel", slug, "--round", "1")
    assert "self-assessment" in error and "verification round is not open yet" in error
    advanced = awards("round", "advance", slug, "--top", "3")
    assert "without" not in advanced.stderr and "juror" not in advanced.stderr
    awards("round", "open", slug)
    assert "`awards panel customer-service-2026 --round 2`" in awards.refused(
        "panel", slug, "--round", "1"
    )
    keys = [c["key"] for c in awards.json("criteria", "list", slug)]
    verified = {1: [70, 75, 80], 2: [60, 65, 70], 3: [80, 85, 90], 4: [50, 55, 60]}
    lines = ["juror;nomination;" + ";".join(keys)]
    for n, values in verified.items():
        for juror, v in zip(("arvo", "bea", "cilla"), values, strict=True):
            lines.append(f"{juror}@example.fi;{n};" + ";".join([str(v)] * len(keys)))
    path = tmp_path / "verifiointi.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    awards("score", "import", slug, path)
    panel = awards.json("panel", slug)
    sa = panel["self_assessment"]
    by_id = {x["nomination"]: x for x in sa["nominations"]}
    points = panel["points"]
    assert by_id[1]["self_assessed"] == pytest.approx(0.90 * points)
    assert by_id[1]["verified"] == pytest.approx(0.75 * points)
    assert by_id[1]["gap"] == pytest.approx(0.15 * points)
    # Gaps 15, 15, 0, 5 (% of the points): mean 8.75 %. Orders 1 3 2 4 against 3 1 2 4.
    assert sa["mean_gap"] == pytest.approx(0.0875 * points)
    assert sa["rho"] == pytest.approx(0.8)
    words = "\n".join(panel["summary"])
    assert (
        f"rated themselves on average {0.0875 * points:.1f} points (of {points:.0f}) above" in words
    )
    assert "ρ = 0.80" in words


def test_the_edge_of_the_cut_is_named_before_the_cut(awards, tmp_path: Path) -> None:
    cut_year(awards, tmp_path)
    panel = awards.json("panel", SLUG, "--top", "2")
    rob = panel["robustness"]
    assert rob["cut_stable"] is False
    assert {"method": "median", "in": [3], "out": [1]} in rob["cut_changes"]
    assert all(0 < share < 1 for share in rob["cut_share"].values())
    words = "\n".join(panel["summary"])
    assert "The shortlist of 2 is not stable: with median, trimmed and rank, Ehdokas 3 in" in words
    assert "those at the edge make the shortlist" in words
    # Names in the sentences, emails nowhere in them.
    assert "@" not in words
    plain = awards("panel", SLUG, "--top", "2", "--format", "plain").stdout
    assert "@example.fi" not in plain.split("Each juror")[0]


def test_finnish_report_names_need_no_inflection(awards, tmp_path: Path) -> None:
    from docx import Document

    cut_year(awards, tmp_path)
    awards("round", "close", SLUG)
    out = tmp_path / "raportti.docx"
    awards("export", "report", SLUG, "-o", out)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "Jos arvioijan Tuomari j1 pisteet jätetään pois" in text
    assert "Ilman arvioijaa" not in text and "Laskentatavalla" not in text
    assert (
        "Jos pisteet lasketaan tavalla ”mediaani”, voittaja on Ehdokas 2 (nyt Ehdokas 1)." in text
    )


def test_a_close_win_is_marked(awards, tmp_path: Path) -> None:
    """On a 0..10 scale worth 10 points with any value allowed, one juror's step is a twentieth
    of the scale: 0.5 points, 0.5/3 with three jurors. A lead of 0.1 is within it."""
    one_criterion_year(awards, tmp_path, 10, ["j1", "j2", "j3"], 3)
    import_scores(awards, tmp_path, {"j1": [8, 8, 2], "j2": [8, 8, 2], "j3": [8.3, 8, 2]})
    rows = awards.json("ranking", SLUG)
    assert rows[0]["close"] is True and rows[0]["margin"] == pytest.approx(0.1)
    assert rows[1]["close"] is False and rows[1]["margin"] == pytest.approx(6)
    assert rows[2]["margin"] is None
    assert {"code": "close"} in rows[0]["flags"]
    plain = awards("ranking", SLUG, "--format", "plain").stdout
    assert "Close: 1 place(s)" in plain
    words = "\n".join(awards.json("panel", SLUG)["summary"])
    assert "A close result: the winner is ahead by only 0.10 points" in words
