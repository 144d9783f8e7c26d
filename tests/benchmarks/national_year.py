"""Generate a national-scale year: the input files and a database to benchmark against.

2,000 advisor nominations (Finnish Excel CSV), 40 jurors, 5 criteria, 5 jurors per nomination
(50,000 scores, as a wide score file), plus 50 Service Desk candidates with 6 criteria."""

from __future__ import annotations

import random
from pathlib import Path

FIRST = [
    "Sini",
    "Aino",
    "Eero",
    "Mikko",
    "Laura",
    "Juha",
    "Tiina",
    "Ville",
    "Hanna",
    "Jari",
    "Päivi",
    "Antti",
    "Sari",
    "Timo",
    "Katja",
    "Olli",
    "Riikka",
    "Jussi",
    "Minna",
    "Pekka",
]
LAST = [
    "Mäkelä",
    "Virtanen",
    "Korhonen",
    "Nieminen",
    "Hämäläinen",
    "Laine",
    "Heikkinen",
    "Koskinen",
    "Järvinen",
    "Lehtonen",
    "Saarinen",
    "Salminen",
    "Heinonen",
    "Niemi",
    "Kinnunen",
    "Salo",
    "Turunen",
    "Lindqvist",
    "Söderström",
    "Väisänen",
]
ORGS = [
    f"{a} {b} Oy"
    for a in ("Aava", "Kuura", "Revontuli", "Sillankorva", "Tähkä", "Lumo", "Kaisla", "Vaahtera")
    for b in ("Pankki", "Energia", "Vakuutus", "Telecom", "Palvelut")
]


def nominations_csv(path: Path, rows: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    lines = [
        "Aikaleima;Ehdokas;Organisaatio;Tehtävänimike;Ehdottaja;Ehdottajan sähköposti;Perustelut"
    ]
    for i in range(rows):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        reason = (
            f'"{name.split()[0]} auttoi minua; ratkaisi ""mahdottoman"" ongelman.\r\n'
            f'Kiitos, olit upea!"'
        )
        lines.append(
            f"{rng.randint(1, 28)}.{rng.randint(3, 5)}.2026 {rng.randint(8, 20)}.{i % 60:02d};"
            f"{name};{rng.choice(ORGS)};Asiakasneuvoja;Asiakas {i};asiakas{i}@example.fi;"
            f"{reason}"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def scores_csv(
    path: Path, assignments: list[tuple[str, int]], keys: list[str], seed: int = 2
) -> None:
    rng = random.Random(seed)
    lines = [";".join(["juror", "nomination", *keys])]
    for juror, nomination in assignments:
        values = [str(rng.randint(0, 20) / 2).replace(".", ",") for _ in keys]
        lines.append(";".join([juror, str(nomination), *values]))
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def build(
    folder: Path,
    nominations: int = 2000,
    jurors: int = 40,
    per_nomination: int = 5,
    organisations: int = 50,
) -> Path:
    """Build the year in folder/awards.db through the tool's own commands and store."""
    from click.testing import CliRunner

    from awards.commands.cli import cli
    from awards.db.store import Store

    db = folder / "awards.db"

    def awards(*args: object) -> str:
        result = CliRunner().invoke(cli, ["--db", str(db), "--as", "bench", *map(str, args)])
        if result.exit_code != 0:
            raise RuntimeError(f"awards {args}: {result.output} {result.exception!r}")
        return result.output

    awards("competition", "create", "--category", "customer-advisor", "--year", 2026)
    csv_path = folder / "nominations.csv"
    nominations_csv(csv_path, nominations)
    awards("nomination", "import", "customer-advisor-2026", csv_path)
    store = Store.open(db, "bench")
    for j in range(jurors):
        store.jury.add(
            "customer-advisor-2026",
            f"Tuomari {j}",
            f"juror{j}@example.fi",
            ORGS[j % len(ORGS)] if j % 4 == 0 else None,
            "chair" if j == 0 else "member",
        )
    awards("round", "open", "customer-advisor-2026", "--per-nomination", per_nomination)
    pairs = [
        (a["juror"], a["nomination"]) for a in store.rounds.assignments("customer-advisor-2026")
    ]
    keys = [
        c.key
        for c in store.competitions.criteria(store.competitions.get("customer-advisor-2026")["id"])
    ]
    scores_csv(folder / "scores.csv", pairs, keys)
    awards("score", "import", "customer-advisor-2026", folder / "scores.csv")
    awards("competition", "create", "--category", "service-desk", "--year", 2026)
    for i in range(organisations):
        store.jury.add(
            "service-desk-2026",
            f"Arvioija {i}",
            f"assessor{i}@example.fi",
            None,
            "chair" if i == 0 else "assessor",
        ) if i < 6 else None
    from awards.nominations import NominationInput

    store.nominations.add_many(
        "service-desk-2026",
        [
            NominationInput(
                nominee=f"Service Desk {i}", organization=f"Organisaatio {i} Oy"
            ).cleaned()
            for i in range(organisations)
        ],
        source="bench",
    )
    store.close()
    return db
