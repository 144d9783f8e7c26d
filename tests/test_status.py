"""`awards status` after the decision: the release, then the certificates, then the feedback,
then done; each export is recorded (and audited) so the next step moves on."""

from __future__ import annotations

from tests.test_release import SLUG, decided, judged, organised  # noqa: F401


def test_status_moves_on_after_each_document(decided, tmp_path) -> None:  # noqa: F811
    organised(decided)

    def status() -> tuple[str, str]:
        row = decided.json("status")[0]
        return row["phase"], row["next"]

    assert status() == ("decided", f"awards export announcement {SLUG}")
    decided("export", "report", SLUG, "-o", tmp_path / "report.docx")  # internal: no step
    assert status() == ("decided", f"awards export announcement {SLUG}")
    decided("export", "announcement", SLUG, "--lang", "en", "-o", tmp_path / "release.docx")
    assert status() == (
        "decided, release out",
        f"awards export certificates {SLUG} --out kunniakirjat/",
    )
    decided("export", "certificates", SLUG, "--out", tmp_path / "k")
    assert status() == (
        "decided, certificates out",
        f"awards export feedback {SLUG} --out palaute/",
    )
    decided("export", "feedback", SLUG, "--out", tmp_path / "p")
    phase, step = status()
    assert phase == "done" and not step.startswith("awards ")
    assert "done" in decided("status").stdout
    log = decided.json("log", SLUG)
    exports = [e for e in log if e["action"] == "export"]
    assert len(exports) == 4, exports


def test_a_year_release_counts_for_every_competition_in_it(decided, tmp_path) -> None:  # noqa: F811
    organised(decided)
    decided("export", "announcement", "--year", 2026, "-o", tmp_path / "tiedote.docx")
    assert decided.json("status")[0]["next"].startswith(f"awards export certificates {SLUG}")


def test_a_release_made_before_the_places_changed_is_made_again(decided, tmp_path) -> None:  # noqa: F811
    organised(decided)
    decided("export", "announcement", SLUG, "-o", tmp_path / "tiedote.docx")
    assert decided.json("status")[0]["next"].startswith(f"awards export certificates {SLUG}")
    decided("winner", "remove", SLUG, "--nomination", 3)
    assert decided.json("status")[0]["next"] == f"awards export announcement {SLUG}"
