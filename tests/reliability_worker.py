"""A separate process for the reliability tests: one "terminal" doing real work.

Usage: python -m tests.reliability_worker MODE DB [ARGS...]
  add DB SLUG WORKER COUNT    run `awards nomination add` COUNT times in this process
  import DB SLUG BATCH ROUNDS import ROUNDS batches of BATCH nominations, one transaction each
  count DB SLUG SECONDS       read the nomination count repeatedly; print every distinct value
  cli DB ARGS...              run one `awards` command in this process
"""

from __future__ import annotations

import sys
import time


def main() -> None:
    mode, db_path = sys.argv[1], sys.argv[2]
    if mode == "add":
        from awards.commands.cli import cli

        slug, worker, count = sys.argv[3], sys.argv[4], int(sys.argv[5])
        for i in range(count):
            cli.main(
                [
                    "--db",
                    db_path,
                    "--as",
                    f"terminal-{worker}",
                    "nomination",
                    "add",
                    slug,
                    "--nominee",
                    f"Ehdokas {worker}-{i}",
                    "--organization",
                    f"Yritys {worker} Oy",
                ],
                prog_name="awards",
                standalone_mode=False,
            )
    elif mode == "import":
        from awards.db.store import Store
        from awards.nominations import NominationInput

        slug, batch, rounds = sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        store = Store.open(db_path, "importer")
        for r in range(rounds):
            rows = [
                NominationInput(nominee=f"Erä {r} ehdokas {i}", reason="Hyvä " * 50).cleaned()
                for i in range(batch)
            ]
            store.nominations.add_many(slug, rows, source=f"batch-{r}.csv")
        print("done", flush=True)
    elif mode == "cli":
        from awards.commands.cli import cli

        cli.main(
            ["--db", db_path, "--as", "worker", *sys.argv[3:]],
            prog_name="awards",
            standalone_mode=False,
        )
    elif mode == "count":
        import sqlite3

        slug, seconds = sys.argv[3], float(sys.argv[4])
        conn = sqlite3.connect(db_path, timeout=30)
        seen = set()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            seen.add(
                conn.execute(
                    "SELECT count(*) FROM nominations n JOIN competitions c "
                    "ON c.id = n.competition_id WHERE c.slug = ?",
                    (slug,),
                ).fetchone()[0]
            )
        print(" ".join(map(str, sorted(seen))), flush=True)


if __name__ == "__main__":
    main()
