"""Timing of `nomination duplicates` at national scale.

    python tests/benchmarks/bench_duplicates.py [--nominations 20000] [--runs 3] [--no-cli]

20,000 synthetic nominations with realistic Finnish names: common first names and surnames,
double names, a few hundred employers; several customers nominating the same advisor (some
without an organisation), and names as people type them (the other order, a letter doubled
or dropped, two letters swapped, an initial, the employer written differently). Prints the
best of `--runs` for the matching alone (`find_duplicates`), for the store's `duplicates`
(reading the nominations from SQLite and matching), and for the whole command in a fresh
process, against the 2 s budget. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

BUDGET_SECONDS = 2.0
SLUG = "customer-advisor-2026"


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("""
Aino Anna Anne Anni Eeva Eija Elina Emilia Emma Hanna Heidi Heli Helena Henna Jaana
Johanna Julia Kaisa Katja Kati Kirsi Kristiina Laura Leena Liisa Maija Marja Mari Maria Merja
Minna Mirja Niina Noora Outi Paula Päivi Pirjo Raija Riikka Riitta Sanna Sari Satu Seija Sini
Sirpa Suvi Susanna Tarja Terhi Tiina Tuija Tuula Ulla Virpi Jenni Milla Iida Venla Aada
Ari Antti Eero Erkki Esa Hannu Harri Heikki Janne Jari Jarmo Juha Juho Jukka Jussi Kalle Kari
Kimmo Lasse Lauri Markku Marko Matti Mika Mikko Olli Pasi Pekka Petri Risto Sami Seppo Teemu
Timo Tommi Tuomas Ville Vesa Joonas Aleksi Eetu Onni Oskari Väinö Tapio Jouni Ilkka""")
DOUBLE = ["Anna-Liisa", "Anna-Maria", "Marja-Liisa", "Eeva-Liisa", "Jukka-Pekka", "Juha-Pekka"]
LAST = _words("""
Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen
Lehtonen Lehtinen Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen Turunen Salo
Laitinen Tuominen Rantanen Karjalainen Jokinen Mattila Savolainen Lahtinen Ahonen Ojala
Leppänen Kallio Hiltunen Väisänen Leinonen Miettinen Aaltonen Pitkänen Manninen Hirvonen
Anttila Laaksonen Koivisto Kettunen Mustonen Hakala Toivonen Räsänen Nurmi Jääskeläinen
Kärkkäinen Rautiainen Heiskanen Peltonen Seppälä Lahti Kokkonen Honkanen Kemppainen Harju
Vainio Pelkonen Huttunen Mikkonen Rissanen Laakso Ahola Lehto Kauppinen Koponen Tikkanen
Lampinen Nurminen Vuorinen Valtonen Hyvönen Ikonen Pesonen Rinne Moilanen Lappalainen Eskola
Suominen Halonen Ruotsalainen Hyvärinen Lindqvist Lindholm Grönroos Söderström Nyberg Kangas
Kivinen Nykänen Partanen Pulkkinen Rajala Ranta Jokela Oksanen Keränen Airaksinen""")
STEMS = _words("""Aava Kuura Revontuli Sillankorva Tähkä Lumo Kaisla Vaahtera Kuusisto Kaislikko
Pohjantähti Hongisto Ruska Tuisku Kajo Virta Louhi Sarastus Kide Hohde Saaga Usva Otava
Kielo Kanerva Paju Lehto Vuono Selkä Aalto Tyrsky Hanki Kuulas Vire Lyhde Pursi Harmaa Kelo
Tuuli Koivu""")
KINDS = _words("""Pankki Energia Vakuutus Telecom Palvelut Matkat Terveys Kauppa Logistiikka Verkot
Asunnot Kiinteistöt Rahoitus Sähkö Vesi""")


def _typed(rng: random.Random, first: str, last: str) -> str:
    """The advisor's name as one customer typed it."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"{last} {first}"
    if kind == 1:  # two neighbouring letters swapped in the surname
        i = rng.randrange(1, len(last) - 1)
        return f"{first} {last[:i]}{last[i + 1]}{last[i]}{last[i + 2 :]}"
    if kind == 2:  # a doubled letter single, or a letter dropped
        for i in range(1, len(last)):
            if last[i] == last[i - 1]:
                return f"{first} {last[:i]}{last[i + 1 :]}"
        i = rng.randrange(2, len(last))
        return f"{first} {last[:i]}{last[i + 1 :]}"
    if kind == 3:
        return f"{first[0]}. {last}"
    return f"{first.lower()} {last.upper()}"


def synthetic_nominations(count: int = 20_000, seed: int = 2026) -> list[dict[str, object]]:
    """`count` nominations: about 60 % distinct advisors nominated once, the rest repeated by
    several customers, a tenth of those as people type names. Organisations sometimes missing
    or written with and without "Oy", or shortened to the first word."""
    rng = random.Random(seed)
    orgs = [f"{s} {k}" for s in STEMS for k in KINDS]
    rows: list[dict[str, object]] = []
    while len(rows) < count:
        first = rng.choice(DOUBLE) if rng.random() < 0.05 else rng.choice(FIRST)
        last = rng.choice(LAST)
        org = rng.choice(orgs)
        for n in range(1 if rng.random() < 0.75 else rng.randint(2, 6)):
            if len(rows) >= count:
                break
            name = f"{first} {last}" if n == 0 or rng.random() < 0.9 else _typed(rng, first, last)
            written = rng.random()
            organization: str | None = org
            if written < 0.05:
                organization = None
            elif written < 0.25:
                organization = f"{org} Oy"
            elif written < 0.3:
                organization = org.split()[0]
            rows.append({"id": len(rows) + 1, "nominee": name, "organization": organization})
    return rows


def best_of(runs: int, work: object) -> float:
    assert callable(work)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def _database(folder: Path, rows: list[dict[str, object]]) -> Path:
    """The nominations in a fresh database, through the tool's own import."""
    import csv

    from click.testing import CliRunner

    from awards.commands.cli import cli

    db = folder / "awards.db"
    path = folder / "nominations.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["nominee", "organization", "nominator", "reason"])
        for r in rows:
            writer.writerow([r["nominee"], r["organization"] or "", f"Asiakas {r['id']}", "Kiitos"])
    for args in (
        ["competition", "create", "--category", "customer-advisor", "--year", "2026"],
        ["nomination", "import", SLUG, str(path)],
    ):
        result = CliRunner().invoke(cli, ["--db", str(db), "--as", "bench", *args])
        if result.exit_code != 0:
            raise RuntimeError(f"awards {args}: {result.output} {result.exception!r}")
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nominations", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-cli", action="store_true", help="only the pure matching")
    args = parser.parse_args()

    from awards.duplicates import find_duplicates

    rows = synthetic_nominations(args.nominations)
    groups = find_duplicates(rows)
    strengths = Counter(g.strength for g in groups)
    print(
        f"{len(rows):,} nominations: {len(groups):,} groups "
        f"({', '.join(f'{n:,} {s}' for s, n in sorted(strengths.items()))})"
    )

    def line(label: str, seconds: float) -> None:
        verdict = "ok" if seconds <= BUDGET_SECONDS else "OVER BUDGET"
        print(f"{label:<44} {seconds:7.3f} s  (budget {BUDGET_SECONDS:.0f} s: {verdict})")

    line("find_duplicates (matching alone)", best_of(args.runs, lambda: find_duplicates(rows)))
    if args.no_cli:
        return
    from awards.db.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = _database(Path(tmp), rows)
        store = Store.open(db, "bench")
        line(
            "store.nominations.duplicates (read + match)",
            best_of(args.runs, lambda: store.nominations.duplicates(SLUG)),
        )
        script = Path(sys.executable).with_name("awards")
        argv = [str(script), "--db", str(db), "nomination", "duplicates", SLUG]
        argv += ["--format", "json"]
        line(
            "awards nomination duplicates (whole process)",
            best_of(args.runs, lambda: subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)),
        )


if __name__ == "__main__":
    main()
