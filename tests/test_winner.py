"""`awards winner declare` answers in a readable sentence; `awards winner list [SLUG]`."""

from __future__ import annotations

from tests.test_release import SLUG, judged  # noqa: F401


def test_declare_answers_a_readable_sentence(judged) -> None:  # noqa: F811
    said = judged("winner", "declare", SLUG, "--nomination", 1).stdout
    assert said.strip() == f"Sini Mäkelä (nomination 1): winner of {SLUG}."
    said = judged("winner", "declare", SLUG, "--nomination", 2, "--place", "runner-up").stdout
    assert said.strip() == f"Aino Lindqvist (nomination 2): runner-up in {SLUG}."
    said = judged("winner", "declare", SLUG, "--nomination", 3, "--place", "mention").stdout
    assert said.strip() == f"Jussi Korhonen (nomination 3): honourable mention in {SLUG}."
    assert " is mention of " not in said


def test_winner_list_takes_a_slug_like_every_listing(judged) -> None:  # noqa: F811
    judged("winner", "declare", SLUG, "--nomination", 1)
    judged("winner", "declare", SLUG, "--nomination", 3, "--place", "mention")
    judged("competition", "create", "--category", "service-desk", "--year", "2026")
    rows = judged.json("winner", "list", SLUG)
    assert [list(r) for r in rows] == [
        ["competition", "place", "nomination", "nominee", "organization"]
    ] * 2
    assert [(r["competition"], r["place"], r["nomination"]) for r in rows] == [
        (SLUG, "winner", 1),
        (SLUG, "mention", 3),
    ]
    assert rows[0]["nominee"] == "Sini Mäkelä" and rows[0]["organization"] == "Aava Pankki Oyj"
    assert judged.json("winner", "list", "service-desk-2026") == []
    assert judged.json("winner", "list", SLUG, "--year", "2025") == []
    assert len(judged.json("winner", "list", "--year", "2026")) == 2
    before = judged.snapshot()
    assert "no-such-2026" in judged.refused("winner", "list", "no-such-2026")
    assert judged.snapshot() == before
