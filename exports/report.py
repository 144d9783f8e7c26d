"""The jury's internal report: every round's ranking, participation, conflicts and winners."""

from __future__ import annotations

from pathlib import Path

from awards.panel import Finding
from awards.ranking import METHODS, Flag
from awards.views import ReportView, RoundView

from .i18n import fixed, long_date, number, t
from .panel_words import Names, finding_text
from .word import GREY, heading, new_document, paragraph, save, table

USABLE_WIDTH_CM = 25.7  # landscape A4 less 2 cm margins


def _flag(flag: Flag, lang: str, names: dict[str, str], jurors: dict[str, str]) -> str:
    """A flag in the document's language; a tie-break names the deciding criterion and a
    disagreement the juror furthest from the rest."""
    if flag.code == "tie_break":
        criterion = flag.criterion or ""
        return t(lang, "flag_tie_break", criterion=names.get(criterion, criterion))
    if flag.code == "disagreement" and flag.juror:
        return t(lang, "flag_disagreement_juror", juror=jurors.get(flag.juror, flag.juror))
    return t(lang, f"flag_{flag.code}")


def _ranking_table(document: object, r: RoundView, lang: str, anonymous: bool) -> None:
    keys = [c.key for c in r.criteria]
    names = {c.key: c.name for c in r.criteria}
    prefix = f"{t(lang, 'panel_juror')} " if anonymous else ""
    jurors = {email: prefix + name for email, name in r.juror_names.items()}
    headers = [
        t(lang, "rank"),
        t(lang, "candidate"),
        t(lang, "organization"),
        t(lang, "score"),
        *[c.name for c in r.criteria],
        t(lang, "jurors"),
        t(lang, "spread"),
        t(lang, "flags"),
    ]
    # rank, candidate, organisation, score | criteria | jurors, spread, flags
    before, after = [0.9, 3.2, 3.0, 1.5], [1.3, 1.3, 2.4]
    criterion_width = max(1.5, (USABLE_WIDTH_CM - sum(before) - sum(after)) / max(1, len(keys)))
    widths = [*before, *[criterion_width] * len(keys), *after]
    # One number format for the whole table: two decimals with the language's decimal mark
    # ("10,00", "9,67", "96,70"), never "10" beside "9,67" and "96,7".
    # A national round's 2,000 rows carry a few dozen distinct flags: each is worded once.
    worded: dict[Flag, str] = {}

    def word(flag: Flag) -> str:
        found = worded.get(flag)
        if found is None:
            found = worded[flag] = _flag(flag, lang, names, jurors)
        return found

    rows = [
        [
            row.rank,
            row.nominee,
            row.organization or "",
            fixed(row.score, lang, 2),
            *[fixed(row.by_criterion.get(k), lang, 2) for k in keys],
            row.jurors,
            fixed(row.spread, lang, 2),
            ", ".join(map(word, row.flags)),
        ]
        for row in r.rows
    ]
    numeric = [0, 3, *range(4, 4 + len(keys)), 4 + len(keys), 5 + len(keys)]
    table(document, headers, rows, widths, numeric=numeric, font_size=8)


def _panel_section(document: object, r: RoundView, lang: str, anonymous: bool) -> None:
    """Tuomariston yksimielisyys / Panel agreement: the panel's numbers in plain words."""
    panel = r.panel
    if not panel:
        return
    heading(document, t(lang, "panel_title"), 3)

    def juror(email: str) -> str:
        shown = r.juror_names.get(email, email)
        return f"{t(lang, 'panel_juror')} {shown}" if anonymous else shown

    names = Names(
        juror, lambda n: r.nominees.get(int(n)) or str(n), lambda m: METHODS[m].label(lang)
    )
    found = [Finding.from_json(f) for f in panel["findings"]]
    agreement = [f for f in found if f.code.startswith("agreement_")]
    for f in agreement:
        paragraph(document, finding_text(f, lang, names))
    rows = [
        [
            juror(j["juror"]),
            j["scored"],
            number(j["severity"], lang, 1),
            number(j["severity_adjusted"], lang, 1),
            number(j["r_rest"], lang, 2),
            j["deviations"],
        ]
        for j in panel["jurors"]
    ]
    table(
        document,
        [
            t(lang, "panel_juror"),
            t(lang, "panel_scored"),
            t(lang, "panel_severity"),
            t(lang, "panel_adjusted"),
            t(lang, "panel_r_rest"),
            t(lang, "panel_deviations"),
        ],
        rows,
        [7, 2.5, 2.8, 3.2, 3, 2.8],
        numeric=[1, 2, 3, 4, 5],
    )
    paragraph(document, t(lang, "panel_columns"), size=8, color=GREY)
    for f in found:
        if f not in agreement:
            paragraph(document, finding_text(f, lang, names))


def _score_label(r: RoundView, lang: str) -> str:
    if r.lower_is_better:
        return t(lang, "mean_rank")
    return t(lang, "points_of", total=number(r.total_points, lang, 0))


def write_report(path: Path, report: ReportView, lang: str = "fi") -> None:
    competition = report.competition
    title = f"{t(lang, 'report_title')} – {competition.title}"
    document = new_document(
        lang, title, landscape=True, subject=t(lang, "report_title"), author=report.organiser
    )
    paragraph(document, t(lang, "confidential"), bold=True, size=9, color=GREY, space_after=2)
    document.add_heading(title, level=0)
    paragraph(
        document, f"{t(lang, 'generated')} {long_date(report.generated, lang)}", size=9, color=GREY
    )
    heading(document, t(lang, "summary"), 1)
    if competition.places:
        rows = [
            [
                t(lang, p.place),
                p.nominee,
                p.organization or "",
                p.citation or "",
                p.override_reason or "",
            ]
            for p in competition.places
        ]
        table(
            document,
            [
                t(lang, "report_place"),
                t(lang, "candidate"),
                t(lang, "organization"),
                t(lang, "report_citation"),
                t(lang, "override"),
            ],
            rows,
            [3.2, 5, 5, 8.5, 4],
        )
    else:
        paragraph(document, t(lang, "none"))
    for r in report.rounds:
        heading(document, f"{t(lang, 'round')} {r.number}: {r.name}", 1)
        info = paragraph(
            document,
            f"{t(lang, 'method')}: {METHODS[r.method].label(lang)} · "
            f"{t(lang, 'kind_' + r.kind)} · {t(lang, 'status')}: {t(lang, r.status)} · "
            f"{_score_label(r, lang)}",
            size=9,
            color=GREY,
        )
        # The heading and this line travel with the table's first rows, never alone at a foot.
        info.paragraph_format.keep_with_next = True
        _ranking_table(document, r, lang, report.anonymous_jurors)
        _panel_section(document, r, lang, report.anonymous_jurors)
        if r.participation:
            heading(document, t(lang, "participation"), 3)
            prefix = f"{t(lang, 'panel_juror')} " if report.anonymous_jurors else ""
            table(
                document,
                [t(lang, "juror"), t(lang, "assigned"), t(lang, "complete"), t(lang, "missing")],
                [[prefix + p.juror, p.assigned, p.complete, p.missing] for p in r.participation],
                [8, 2.5, 2.5, 2.5],
                numeric=[1, 2, 3],
            )
    heading(document, t(lang, "conflicts"), 1)
    if report.conflicts:
        source = {"declared": t(lang, "declared"), "organization": t(lang, "automatic")}
        table(
            document,
            [
                t(lang, "juror"),
                t(lang, "candidate"),
                t(lang, "organization"),
                t(lang, "reason"),
                t(lang, "source"),
            ],
            [
                [
                    c.juror,
                    c.nominee,
                    c.organization or "",
                    t(lang, "organization_source") if c.source == "organization" else c.reason,
                    source.get(c.source, c.source),
                ]
                for c in report.conflicts
            ],
            [6, 5, 5, 6, 3.5],
        )
    else:
        paragraph(document, t(lang, "none"))
    save(document, path)
