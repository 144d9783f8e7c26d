"""The panel's findings in words: one table per language, used by every writer (the terminal's
`awards panel`, `ranking` and `round advance`, and the jury report).

The analysis (`awards.panel`) finds things as codes with values: nomination ids, juror emails,
numbers. Only here do they become sentences, with names. The Finnish sentences are built so that
no name ever has to be inflected: a name stands as the subject, after a colon, or in apposition
after a common noun that carries the case ("arvioijan Kari Nurmi pisteet").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from awards.panel import CutChange, Finding, MethodNote

from .i18n import number

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "and": "and",
        "nobody": "nobody",
        "tie": "a tie between {names}",
        "agreement_icc": "Jurors {order} on the order (Kendall's W {w}); {reliable} (ICC {icc}).",
        "order_strong": "agree strongly",
        "order_partly": "agree in part",
        "order_weak": "agree little",
        "reliable": "the panel mean is reliable",
        "fairly": "the panel mean is fairly reliable",
        "moderate": "the panel mean is only moderately reliable",
        "unreliable": "the panel mean is not reliable",
        "more_jurors": "{jurors} jurors per candidate would bring the reliability to 0.8.",
        "agreement_alpha": "Krippendorff's α {alpha}: {verdict}.",
        "alpha_good": "the jurors agree well",
        "alpha_tentative": "the jurors agree only tentatively",
        "alpha_weak": "the jurors do not agree enough to trust small differences",
        "alpha_incomplete": " (each candidate was scored by some of the jurors)",
        "agreement_none": "Too few shared scores to measure how far the jurors agree.",
        "inverted": "{juror}'s order runs against the rest of the panel (r = {r}): check for an "
        "inverted or misunderstood sheet.",
        "strict": "{juror} is the strictest juror: {points} points below the co-jurors on "
        "average, below them on {count} of {of} candidates.",
        "lenient": "{juror} is the most lenient juror: {points} points above the co-jurors on "
        "average, above them on {count} of {of} candidates.",
        "deviations": "{juror} lies {share} % of the points or more from the others on {count} "
        "candidate(s).",
        "tie_first": "First place is {tie}: no method or tie-break separates them.",
        "stable": "The winner, {winner}, is the same under every method and without any one juror.",
        "same_winner_unmeasured": "The winner, {winner}, is the same under every method and "
        "without any one juror, but other draws of jurors were not measured.",
        "method_changes": "With {method}, the winner would be {winner} instead of {own}.",
        "method_changes_tie": "With {method}, first place would be {tie}.",
        "without": "Without the scores of {juror}, the winner would be {winner} instead of {own}.",
        "without_tie": "Without the scores of {juror}, first place would be {tie}.",
        "close_first": "A close result: the winner is ahead by only {margin} {unit}, less than one "
        "juror moving one step can change a score ({resolution}).",
        "unit_points": "points",
        "unit_rank": "in mean rank",
        "bootstrap": "In {samples} other draws of jurors, the winner is: {shares}.",
        "bootstrap_not_measured": "Other draws of jurors were not measured ({samples} asked for; "
        "at least 100 are needed), so the result is not shown to be stable.",
        "bootstrap_one_juror": "With one juror there are no other draws of jurors to measure.",
        "cut_unstable": "The shortlist of {cut} is not stable: {changes}.",
        "cut_edge": "In other draws of jurors, those at the edge make the shortlist: {shares}.",
        "change_method": "with {method}, {came} in and {left} out",
        "change_methods": "with {method}, {came} in and {left} out",
        "change_juror": "without the scores of {juror}, {came} in and {left} out",
        "or": "or",
        "more_changes": "and {count} more",
        "self_assessment": "Organisations rated themselves on average {gap} points (of {points}) "
        "{side} the assessors{rho}.",
        "side_above": "above",
        "side_below": "below",
        "self_rho": "; the order agreed ρ = {rho}",
        "check_swap": "with {method}, places {a} and {b} swap",
        "check_winner": "with {method}, the winner would be {winner} instead of {instead}",
        "check_first_places": "with {method}, the first places would be {order}",
        "check_cut": "with {method}, the shortlist of {cut} takes {came} instead of {left}",
        "nobody_new": "nobody new",
        "percent": "{value}%",
    },
    "fi": {
        "and": "ja",
        "nobody": "ei ketään",
        "tie": "tasapeli: {names}",
        "agreement_icc": "Arvioijat ovat {order} järjestyksestä (Kendallin W {w}); "
        "{reliable} (ICC {icc}).",
        "order_strong": "vahvasti yksimielisiä",
        "order_partly": "osin yksimielisiä",
        "order_weak": "vähän yksimielisiä",
        "reliable": "tuomariston keskiarvo on luotettava",
        "fairly": "tuomariston keskiarvo on melko luotettava",
        "moderate": "tuomariston keskiarvo on vain kohtalaisen luotettava",
        "unreliable": "tuomariston keskiarvo ei ole luotettava",
        "more_jurors": "{jurors} arvioijaa ehdokasta kohden nostaisi luotettavuuden 0,8:aan.",
        "agreement_alpha": "Krippendorffin α {alpha}: {verdict}.",
        "alpha_good": "arvioijat ovat hyvin yksimielisiä",
        "alpha_tentative": "arvioijat ovat vain alustavasti yksimielisiä",
        "alpha_weak": "arvioijat eivät ole niin yksimielisiä, että pieniin eroihin voisi luottaa",
        "alpha_incomplete": " (kunkin ehdokkaan arvioi osa arvioijista)",
        "agreement_none": "Yhteisiä arvioita on liian vähän yksimielisyyden mittaamiseen.",
        "inverted": "Arvioijan {juror} järjestys on päinvastainen kuin muiden (r = {r}): "
        "tarkista, onko lomake täytetty väärin päin.",
        "strict": "Ankarin arvioija on {juror}: keskimäärin {points} pistettä saman ehdokkaan "
        "muita arvioijia alempana, alempana {count} ehdokkaalla {of} ehdokkaasta.",
        "lenient": "Lempein arvioija on {juror}: keskimäärin {points} pistettä saman ehdokkaan "
        "muita arvioijia ylempänä, ylempänä {count} ehdokkaalla {of} ehdokkaasta.",
        "deviations": "Arvioija {juror} poikkeaa muista vähintään {share} % pisteistä "
        "{count} ehdokkaalla.",
        "tie_first": "Ensimmäisestä sijasta on {tie}; mikään laskentatapa tai tasatilanteen "
        "ratkaisu ei erota heitä.",
        "stable": "Voittaja on {winner} kaikilla laskentatavoilla, ja vaikka kenen tahansa "
        "yksittäisen arvioijan pisteet jätettäisiin pois.",
        "same_winner_unmeasured": "Voittaja on {winner} kaikilla laskentatavoilla, ja vaikka "
        "kenen tahansa yksittäisen arvioijan pisteet jätettäisiin pois, mutta arvioijien "
        "uudelleenarvontaa ei mitattu.",
        "method_changes": "Jos pisteet lasketaan tavalla ”{method}”, voittaja on {winner} "
        "(nyt {own}).",
        "method_changes_tie": "Jos pisteet lasketaan tavalla ”{method}”, ensimmäisestä sijasta "
        "tulee {tie}.",
        "without": "Jos arvioijan {juror} pisteet jätetään pois, voittaja on {winner} (nyt {own}).",
        "without_tie": "Jos arvioijan {juror} pisteet jätetään pois, ensimmäisestä sijasta "
        "tulee {tie}.",
        "close_first": "Tulos on tiukka: voittajan etu on vain {margin} {unit}, vähemmän kuin "
        "yhden arvioijan yhden asteikon askeleen muutos ({resolution}).",
        "unit_points": "pistettä",
        "unit_rank": "keskimääräisessä sijassa",
        "bootstrap": "Kun arvioijat arvotaan uudelleen {samples} kertaa, voittaja on: {shares}.",
        "bootstrap_not_measured": "Arvioijien uudelleenarvontaa ei mitattu ({samples} arvontaa; "
        "tarvitaan vähintään 100), joten tuloksen vakautta ei ole osoitettu.",
        "bootstrap_one_juror": "Yhden arvioijan kierroksella ei ole arvioijia arvottavaksi "
        "uudelleen.",
        "cut_unstable": "Jatkoon valittavien {cut} ehdokkaan joukko ei ole vakaa: {changes}.",
        "cut_edge": "Kun arvioijat arvotaan uudelleen, rajalla olevat pääsevät jatkoon: {shares}.",
        "change_method": "laskentatapa {method}: mukaan {came}, pois {left}",
        "change_methods": "laskentatavat {method}: mukaan {came}, pois {left}",
        "change_juror": "ilman arvioijan {juror} pisteitä: mukaan {came}, pois {left}",
        "or": "tai",
        "more_changes": "ja {count} muuta",
        "self_assessment": "Organisaatiot arvioivat itsensä keskimäärin {gap} pistettä "
        "({points} pisteestä) arviointitiimiä {side}{rho}.",
        "side_above": "korkeammalle",
        "side_below": "matalammalle",
        "self_rho": "; järjestysten yhtäpitävyys ρ = {rho}",
        "check_swap": "laskentatapa ”{method}”: sijat {a} ja {b} vaihtuvat",
        "check_winner": "laskentatapa ”{method}”: voittaja {winner} (nyt {instead})",
        "check_first_places": "laskentatapa ”{method}”: kärki {order}",
        "check_cut": "laskentatapa ”{method}”: jatkoon {came} ({left} sijaan)",
        "nobody_new": "ei uusia",
        "percent": "{value} %",
    },
}

# How many changes of the shortlist a sentence lists before "and N more".
SHOWN_CHANGES = 4


class Names(NamedTuple):
    """How a writer names what the findings refer to."""

    juror: Callable[[str], str]  # email -> name
    nominee: Callable[[int], str]  # nomination id -> name
    method: Callable[[str], str]  # method name -> how this writer calls it


def names_from(
    jurors: Mapping[str, str],
    nominees: Mapping[int, str],
    method: Callable[[str], str] = str,
) -> Names:
    return Names(
        lambda email: jurors.get(email) or email,
        lambda n: nominees.get(int(n)) or str(n),
        method,
    )


def _w(lang: str, key: str, **values: Any) -> str:
    text = WORDS[lang][key]
    return text.format(**values) if values else text


def join(items: Sequence[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_w(lang, 'and')} {items[-1]}"


def who(ids: Sequence[int], lang: str, names: Names) -> str:
    """One name, or several joined; nobody when empty."""
    if not ids:
        return _w(lang, "nobody")
    return join([names.nominee(n) for n in ids], lang)


def shares_text(shares: Sequence[Sequence[int]], lang: str, names: Names) -> str:
    return ", ".join(f"{names.nominee(n)} {_w(lang, 'percent', value=pct)}" for n, pct in shares)


def finding_text(finding: Finding, lang: str, names: Names) -> str:
    """One finding as a sentence in `lang` ("fi" or "en")."""
    code, v = finding.code, finding.values

    def num(value: float | None, decimals: int = 2) -> str:
        return number(value, lang, decimals)

    if code == "agreement_icc":
        text = _w(
            lang,
            "agreement_icc",
            order=_w(lang, f"order_{v['order']}"),
            w=num(v["w"]),
            reliable=_w(lang, v["reliable"]),
            icc=num(v["icc"]),
        )
        if v.get("jurors_for_0_8"):
            text += " " + _w(lang, "more_jurors", jurors=v["jurors_for_0_8"])
        return text
    if code == "agreement_alpha":
        verdict = _w(lang, f"alpha_{v['verdict']}")
        if v.get("incomplete"):
            verdict += _w(lang, "alpha_incomplete")
        return _w(lang, "agreement_alpha", alpha=num(v["alpha"]), verdict=verdict)
    if code == "agreement_none":
        return _w(lang, "agreement_none")
    if code == "inverted":
        return _w(lang, "inverted", juror=names.juror(v["juror"]), r=num(v["r"]))
    if code in ("strict", "lenient"):
        return _w(
            lang,
            code,
            juror=names.juror(v["juror"]),
            points=num(v["points"], 1),
            count=v["count"],
            of=v["of"],
        )
    if code == "deviations":
        return _w(
            lang, "deviations", juror=names.juror(v["juror"]), share=v["share"], count=v["count"]
        )
    if code == "tie_first":
        return _w(lang, "tie_first", tie=_tie(v["winner"], lang, names))
    if code in ("stable", "same_winner_unmeasured"):
        return _w(lang, code, winner=who(v["winner"], lang, names))
    if code in ("method_changes", "without"):
        subject = (
            {"method": names.method(v["method"])}
            if code == "method_changes"
            else {"juror": names.juror(v["juror"])}
        )
        if len(v["winner"]) > 1:
            return _w(lang, f"{code}_tie", tie=_tie(v["winner"], lang, names), **subject)
        return _w(
            lang,
            code,
            winner=who(v["winner"], lang, names),
            own=who(v["own"], lang, names),
            **subject,
        )
    if code == "close_first":
        rank = v.get("unit") == "rank"
        return _w(
            lang,
            "close_first",
            margin=num(v["margin"]),
            unit=_w(lang, "unit_rank" if rank else "unit_points"),
            resolution=num(v["resolution"]),
        )
    if code == "bootstrap":
        return _w(
            lang, "bootstrap", samples=v["samples"], shares=shares_text(v["shares"], lang, names)
        )
    if code == "bootstrap_not_measured":
        if v.get("jurors", 2) < 2:
            return _w(lang, "bootstrap_one_juror")
        return _w(lang, "bootstrap_not_measured", samples=v["samples"])
    if code == "cut_unstable":
        text = _w(
            lang, "cut_unstable", cut=v["cut"], changes=changes_text(v["changes"], lang, names)
        )
        if v.get("edge"):
            text += " " + _w(lang, "cut_edge", shares=shares_text(v["edge"], lang, names))
        return text
    if code == "self_assessment":
        rho = "" if v.get("rho") is None else _w(lang, "self_rho", rho=num(v["rho"]))
        return _w(
            lang,
            "self_assessment",
            gap=num(abs(v["gap"]), 1),
            points=num(v.get("points"), 0),
            side=_w(lang, "side_above" if v["gap"] >= 0 else "side_below"),
            rho=rho,
        )
    raise KeyError(f"no words for the panel finding {code!r}")


def _tie(ids: Sequence[int], lang: str, names: Names) -> str:
    return _w(lang, "tie", names=who(ids, lang, names))


def change_text(change: Mapping[str, Any], checks: Sequence[str], lang: str, names: Names) -> str:
    """The same change made by several checks of one kind: methods joined with "and" (each
    gives it), jurors with "or" (leaving out any one of them gives it)."""
    came = who(change["in"], lang, names) if change["in"] else _w(lang, "nobody_new")
    left = who(change["out"], lang, names)
    if "method" in change:
        labels = [names.method(m) for m in checks]
        if lang == "fi":
            labels = [f"”{label}”" for label in labels]
        key = "change_methods" if len(labels) > 1 else "change_method"
        return _w(lang, key, method=join(labels, lang), came=came, left=left)
    jurors = [names.juror(j) for j in checks]
    either = (
        jurors[0] if len(jurors) == 1 else f"{', '.join(jurors[:-1])} {_w(lang, 'or')} {jurors[-1]}"
    )
    return _w(lang, "change_juror", juror=either, came=came, left=left)


def changes_text(changes: Sequence[CutChange], lang: str, names: Names) -> str:
    """The checks that change the shortlist, those with the same effect said together ("with
    mean, median and trimmed, A in and B out")."""
    groups: dict[tuple[str, tuple[int, ...], tuple[int, ...]], list[str]] = {}
    for c in changes:
        kind, check = ("method", c["method"]) if "method" in c else ("juror", c["juror"])
        groups.setdefault((kind, tuple(c["in"]), tuple(c["out"])), []).append(check)
    shown = [
        change_text({kind: None, "in": list(came), "out": list(left)}, checks, lang, names)
        for (kind, came, left), checks in list(groups.items())[:SHOWN_CHANGES]
    ]
    if len(groups) > SHOWN_CHANGES:
        shown.append(_w(lang, "more_changes", count=len(groups) - SHOWN_CHANGES))
    return "; ".join(shown)


def summary(findings: Sequence[Any], lang: str, names: Names) -> list[str]:
    """Every finding as a sentence, in order. Accepts findings as `Finding`s or as the plain
    JSON objects the cache keeps."""
    return [
        finding_text(f if isinstance(f, Finding) else Finding.from_json(f), lang, names)
        for f in findings
    ]


def method_check_text(notes: Sequence[MethodNote], lang: str, names: Names) -> str:
    """The ranking's "Method check" line: where another method changes the first places or
    the shortlist, with names."""
    parts = []
    for note in notes:
        method = names.method(note["method"])
        kind = note["kind"]
        if kind == "swap":
            a, b = note["places"]
            parts.append(_w(lang, "check_swap", method=method, a=a, b=b))
        elif kind == "winner":
            parts.append(
                _w(
                    lang,
                    "check_winner",
                    method=method,
                    winner=names.nominee(note["winner"]),
                    instead=names.nominee(note["instead"]),
                )
            )
        elif kind == "first_places":
            parts.append(
                _w(lang, "check_first_places", method=method, order=who(note["order"], lang, names))
            )
        else:
            came = who(note["in"], lang, names) if note["in"] else _w(lang, "nobody_new")
            parts.append(
                _w(
                    lang,
                    "check_cut",
                    method=method,
                    cut=note["cut"],
                    came=came,
                    left=who(note["out"], lang, names),
                )
            )
    return "; ".join(dict.fromkeys(parts))
