"""`awards demo`: a complete fictional year, run through the same commands a coordinator uses."""

from __future__ import annotations

import contextlib
import io
import time
from pathlib import Path
from typing import Any

import click

from awards.models import PLACES

from .context import App, pass_app

ADVISOR = "customer-advisor-2026"
SERVICE_DESK = "service-desk-2026"
CUSTOMER_SERVICE = "customer-service-2026"


class DemoRun:
    """Runs `awards --db DB --as demo ...` in this process, quietly, and counts the steps.

    `cli` is the root command, handed in from the click context (importing it here would make
    the command module and the module that loads it import each other)."""

    def __init__(self, cli: click.Command, db_path: str, out: Path) -> None:
        self.cli = cli
        self.db_path = db_path
        self.out = out
        self.steps = 0

    def __call__(self, *args: object) -> str:
        buffer = io.StringIO()
        argv = ["--db", self.db_path, "--as", "demo", *[str(a) for a in args]]
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(io.StringIO()):
            self.cli.main(args=argv, prog_name="awards", standalone_mode=False)
        self.steps += 1
        return buffer.getvalue()

    def json(self, *args: object) -> Any:
        import json

        return json.loads(self(*args, "--format", "json"))


def _write_score_file(path: Path, rows: list[list[object]], header: list[str]) -> None:
    """A score file as Finnish Excel saves it: semicolons, decimal commas, UTF-8 with BOM."""
    lines = [";".join(header)]
    for row in rows:
        lines.append(
            ";".join(str(v).replace(".", ",") if isinstance(v, float) else str(v) for v in row)
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))


def _jury_scores(run: DemoRun, slug: str, category: str, path: Path) -> None:
    """Every assigned juror scores every assigned nomination, from the demo's model."""
    from awards.models import Criterion

    from . import demo_content as demo_data

    criteria = [
        Criterion(**{**c, "weight": float(c["weight"])}) for c in run.json("criteria", "list", slug)
    ]
    names = {
        n["id"]: f"{n['nominee']}, {n['organization']}"
        for n in run.json("nomination", "list", slug)
    }
    rows: list[list[object]] = []
    for a in run.json("round", "assignments", slug):
        values = [
            demo_data.score_for(category, names[a["nomination"]], a["juror"], c, "jury")
            for c in criteria
        ]
        comment = demo_data.juror_comment(
            names[a["nomination"]], criteria[0].key, seed=a["nomination"] * 31 + len(a["juror"])
        )
        rows.append([a["juror"], a["nomination"], *values, comment])
    _write_score_file(path, rows, ["juror", "nomination", *[c.key for c in criteria], "kommentti"])
    run("score", "import", slug, path)


def _declare_places(run: DemoRun, slug: str, category: str) -> None:
    from . import demo_content as demo_data

    ranking = run.json("ranking", slug)
    for row, place in zip(ranking[:3], PLACES, strict=False):
        run(
            "winner",
            "declare",
            slug,
            "--nomination",
            row["nomination"],
            "--place",
            place,
            "--citation",
            demo_data.citation(category, place, row["nominee"], "fi", row["organization"]),
            "--citation-en",
            demo_data.citation(category, place, row["nominee"], "en", row["organization"]),
        )


def _advisor_year(run: DemoRun) -> None:
    from . import demo_content as demo_data

    category = "customer-advisor"
    run(
        "competition",
        "create",
        "--category",
        category,
        "--year",
        demo_data.YEAR,
        "--deadline",
        f"{demo_data.YEAR}-05-31",
    )
    nominations = run.out / "ehdotukset-asiakasneuvoja-2026.csv"
    nominations.write_bytes(demo_data.advisor_nominations_csv())
    run("nomination", "import", ADVISOR, nominations)
    for group in run.json("nomination", "duplicates", ADVISOR):
        if "namesakes" not in group["reason"]:
            run("nomination", "merge", group["ids"][0], *group["ids"][1:])
    _jury(run, ADVISOR, category)
    run("round", "open", ADVISOR, "--name", "Esikarsinta", "--per-nomination", 3)
    run("score", "sheets", ADVISOR, "--out", run.out / "arviointilomakkeet")
    _jury_scores(run, ADVISOR, category, run.out / "pisteet-esikarsinta.csv")
    run("round", "close", ADVISOR)
    run("round", "advance", ADVISOR, "--top", 6, "--include-ties")
    run("round", "open", ADVISOR, "--name", "Finaali", "--method", "trimmed")
    _jury_scores(run, ADVISOR, category, run.out / "pisteet-finaali.csv")
    run("round", "close", ADVISOR, "--tie-break", "feedback,encounter")
    _declare_places(run, ADVISOR, category)


def _jury(run: DemoRun, slug: str, category: str) -> None:
    from . import demo_content as demo_data

    for person in demo_data.jury(category):
        extra = ["--organization", person.organization] if person.organization else []
        run(
            "juror",
            "add",
            slug,
            "--name",
            person.name,
            "--email",
            person.email,
            "--role",
            person.role,
            *extra,
        )
    email, target, reason = demo_data.declared_conflict(category)
    ids = {n["nominee"]: n["id"] for n in run.json("nomination", "list", slug)}
    if target in ids:
        run("conflict", "add", slug, email, "--nomination", ids[target], "--reason", reason)
    else:
        run("conflict", "add", slug, email, "--organization", target, "--reason", reason)


def _organisation_year(run: DemoRun, slug: str, category: str) -> None:
    from awards.models import Criterion

    from . import demo_content as demo_data

    run("competition", "create", "--category", category, "--year", demo_data.YEAR)
    for candidate in demo_data.organisation_candidates(category):
        run(
            "nomination",
            "add",
            slug,
            "--nominee",
            candidate.name,
            "--organization",
            candidate.organization,
            "--reason",
            candidate.description,
            *(["--nominee-en", candidate.unit_en] if candidate.unit_en else []),
            *(
                ["--organization-en", candidate.organization_en]
                if candidate.organization_en and candidate.organization_en != candidate.organization
                else []
            ),
        )
    _jury(run, slug, category)
    run("round", "open", slug, "--kind", "self-assessment", "--name", "Itsearviointi")
    criteria = [
        Criterion(**{**c, "weight": float(c["weight"])}) for c in run.json("criteria", "list", slug)
    ]
    rows: list[list[object]] = []
    for n in run.json("nomination", "list", slug):
        rows.append(
            [
                n["id"],
                *[
                    demo_data.score_for(
                        category, f"{n['nominee']}, {n['organization']}", "", c, "self-assessment"
                    )
                    for c in criteria
                ],
            ]
        )
    path = run.out / f"itsearviointi-{slug}.csv"
    _write_score_file(path, rows, ["nomination", *[c.key for c in criteria]])
    run("score", "import", slug, path)
    run("round", "close", slug)
    run("round", "open", slug, "--name", "Verifiointi")
    _jury_scores(run, slug, category, run.out / f"verifiointi-{slug}.csv")
    run("round", "close", slug, "--tie-break", "results")
    _declare_places(run, slug, category)


def _consent(run: DemoRun) -> None:
    """Service Desk: the runner-up agrees to be named, the mention is not asked (so only named
    in the internal report). Customer Service: the mention declines."""
    places = {(w["competition"], w["place"]): w["nomination"] for w in run.json("winner", "list")}
    if (SERVICE_DESK, "runner-up") in places:
        run("nomination", "publish", places[(SERVICE_DESK, "runner-up")], "--yes")
    if (CUSTOMER_SERVICE, "mention") in places:
        run("nomination", "publish", places[(CUSTOMER_SERVICE, "mention")], "--no")


def _organiser_and_english(run: DemoRun) -> None:
    """Set once before the documents: the organiser, each jury chair's words, and the English
    job titles of the placed advisors (the form asked for them in Finnish only)."""
    from . import demo_content as demo_data

    organizer = demo_data.organizer()
    run(
        "organizer",
        "set",
        *[
            arg
            for field, value in organizer.items()
            for arg in ("--" + field.replace("_", "-"), value)
        ],
    )
    for slug, category in (
        (ADVISOR, "customer-advisor"),
        (SERVICE_DESK, "service-desk"),
        (CUSTOMER_SERVICE, "customer-service"),
    ):
        run(
            "competition",
            "set",
            slug,
            "--chair-quote",
            demo_data.chair_quote(category, "fi"),
            "--chair-quote-en",
            demo_data.chair_quote(category, "en"),
        )
    for place in run.json("winner", "list"):
        if place["competition"] != ADVISOR:
            continue
        nomination = run.json("nomination", "show", place["nomination"])
        forms = demo_data.english_forms(nomination["title"], nomination["organization"])
        if forms:
            run(
                "nomination",
                "set",
                place["nomination"],
                *[
                    a
                    for field, value in forms.items()
                    for a in ("--" + field.replace("_", "-"), value)
                ],
            )


def _documents(run: DemoRun) -> None:
    docs = run.out
    run("export", "announcement", "--year", 2026, "-o", docs / "tiedote-2026.docx")
    run(
        "export",
        "announcement",
        "--year",
        2026,
        "--lang",
        "en",
        "-o",
        docs / "press-release-2026.docx",
    )
    for slug in (ADVISOR, SERVICE_DESK, CUSTOMER_SERVICE):
        run("export", "report", slug, "-o", docs / f"raportti-{slug}.docx")
        run("export", "feedback", slug, "--out", docs / "palaute" / slug)
        run("export", "certificates", slug, "--out", docs / "kunniakirjat" / slug)
        run("export", "results", slug, "--format", "xlsx", "-o", docs / f"tulokset-{slug}.xlsx")
    run("export", "results", ADVISOR, "--format", "csv", "-o", docs / f"tulokset-{ADVISOR}.csv")


STAGES = [
    ("Customer Advisor of the Year: 40 nominations, pre-selection and final", _advisor_year),
    (
        "Service Desk of the Year: self-assessment and verification",
        lambda run: _organisation_year(run, SERVICE_DESK, "service-desk"),
    ),
    (
        "Customer Service of the Year: self-assessment and verification",
        lambda run: _organisation_year(run, CUSTOMER_SERVICE, "customer-service"),
    ),
    ("Publication consent", _consent),
    ("The organiser, the chairs' words, English job titles", _organiser_and_english),
    ("Documents: announcements, reports, feedback, certificates, results", _documents),
]


@click.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("awards-demo"),
    show_default=True,
    help="Folder for the demo's files and Word documents.",
)
@pass_app
def demo(app: App, out_dir: Path) -> None:
    """Build a complete fictional year 2026 for all three awards, ending in Word files.

    Runs the same commands a coordinator would, on the default database (or --db), which must
    be new or empty: the demo never touches a database that already holds data.

    \b
    Example:
      awards --db demo.db demo --out demo-files/
    """
    import sys

    db_path = Path(app.db_path)
    if db_path.exists():
        from awards.db.store import Store

        store = Store.open(db_path, app.actor)
        has_data = store.maintenance.holds_data()
        store.close()
        if has_data:
            raise click.ClickException(
                f"{db_path} already holds data and the demo never touches that; run it on a new "
                f"file: `awards --db demo.db demo` (or AWARDS_DB=demo.db)"
            )
    out_dir.mkdir(parents=True, exist_ok=True)
    run = DemoRun(click.get_current_context().find_root().command, str(db_path), out_dir)
    started = time.perf_counter()
    show_progress = sys.stderr.isatty()
    if show_progress:
        from .output import progress_bar

        with progress_bar() as bar:
            task = bar.add_task("Demo year 2026", total=len(STAGES))
            for label, stage in STAGES:
                bar.update(task, description=label)
                stage(run)
                bar.advance(task)
    else:
        for _, stage in STAGES:
            stage(run)
    elapsed = time.perf_counter() - started
    documents = sorted(out_dir.rglob("*.docx"))
    click.echo(
        f"Demo year 2026 ready in {elapsed:.1f} s: {run.steps} awards commands run "
        f"against {db_path}."
    )
    click.echo(
        "  3 competitions: Vuoden Asiakasneuvoja, Vuoden Service Desk, Vuoden Asiakaspalvelu"
    )
    click.echo(
        f"  {len(documents)} Word documents in {out_dir}/ "
        f"(start with {out_dir / 'tiedote-2026.docx'})"
    )
    click.echo("")
    click.echo("Try next:")
    prefix = "awards" if app.db_path == "awards.db" else f"awards --db {app.db_path}"
    click.echo(f"  {prefix} status")
    click.echo(f"  {prefix} ranking {ADVISOR} --round 1")
    click.echo(f"  {prefix} log {ADVISOR} --limit 10")
