"""Which nominations are probably the same candidate.

Kept apart from the other nomination rules and free of dataclasses and hashing, because
`awards status` runs it on every call.

Three strengths, listed in this order:

- likely: the same name (ignoring case, spacing and diacritics) at the same organisation, or
  with the organisation missing on some;
- possible: a name as people type it (the other order, one letter apart or two swapped, an
  initial or a missing middle name) at the same organisation or where one is missing, or the
  same name at an organisation written differently ("Lumo" / "Lumo Telecom Oyj");
- weak: the same name at different organisations, probably namesakes.

Never all pairs: names are compared only when they share a cheap key (their sorted words, the
surname with the first initial, or one of their one-letter deletions), so 20,000 nominations
are matched in well under a second.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

from .text import fold_quick, organization_key, organizations_alike

LIKELY, POSSIBLE, WEAK = "likely", "possible", "weak"
_ORDER = {LIKELY: 0, POSSIBLE: 1, WEAK: 2}

# Names longer than this (folded) get no one-letter matching: a name is a few words, and the
# deletion keys of a hostile 10,000-character "name" would be 10,000 strings of that length.
_MAX_EDIT_NAME = 60

# Common Finnish first names and surnames (folded). When both spellings of a one-letter
# difference are real names ("Anna" / "Anne", "Jari" / "Kari", "Lehtonen" / "Lehtinen"), it is
# two names, not a typing slip.
_KNOWN = """
    aada aarne aatu ada aija aila aino aki aleksi anna anne anni annika anssi antti anu ari
    arja arto arttu eeva eero eetu eija eila elias elina ella elli emilia emma erkki esa
    eveliina hanna hanne hannu harri heidi heikki heli helena helmi henna henri hermanni hilja
    hilkka iida ilari ilkka ilona inkeri irja irma ismo jaakko jaana jani janne jari jarkko
    jarmo jarno jatta jenna jenni jere joni jonna joonas jorma jouko jouni johanna johannes
    juha juhani juho jukka julia jussi juuso jyrki kaarina kaija kai kaisa kalevi kalle kari
    kasper katariina kati katja keijo kim kimmo kirsi krista kristian kristiina kristina
    kyosti lassi lasse laura lauri lea leena leila leo liina liisa lilja linda lotta maarit
    maija maire marika marita marja marjatta marko markku martti mari maria matias matti
    mauri merja meri mervi mia mika mikael mikko milja milla minja minna mira mirja miro
    nea nelli niina niko nina noora olli onni oona oskari ossi outi paavo pasi patrik paula
    pauliina pekka pentti pertti petra petri petteri pia piia pipsa pirjo pirkko raija raili
    raimo rami rasmus rauni reetta reijo riikka riitta risto ritva saara saija sakari salla
    sami samuli sanna sanni santeri sara sari satu sauli seija seppo simo sini sinikka siiri
    sirkka sirpa sisko sofia sonja susanna suvi taina tanja tapani tapio tarja taru tatu tea
    teemu teppo terhi tero terttu tiia tiina timo tina toni topi tommi tuija tuire tuomas
    tuomo tuula tuuli tytti ulla valtteri vainio veera veikko veli venla vesa ville virpi
    aalto aaltonen ahola ahonen airaksinen anttila backman eskola gronroos hakala hakola
    halme halonen hamalainen harju heikkila heikkinen heino heinonen heinanen heiskanen
    hiltunen hirvonen holmberg honkanen huttunen hyvarinen hyvonen ikonen jaaskelainen
    jarvinen jokela jokinen kallio kananen kangas karjalainen karkkainen karppinen kauppinen
    kemppainen keranen kettunen kiiskinen kinnunen kivela kivinen kokkonen koivisto koivula
    koponen korhonen koskinen kosonen kulmala kurki laakso laaksonen lahti lahtinen laine
    laitinen lamminen lampinen lappalainen lehti lehtinen lehto lehtonen leinonen leppanen
    lindholm lindqvist lindroos lundqvist makela makinen maki manninen marttinen mattila
    miettinen mikkonen moilanen mustonen niemi nieminen nurmi nurminen nyberg nykanen nyman
    ojala oksanen partanen pelkonen peltonen pesonen pihlaja pitkanen pulkkinen rajala ranta
    rantanen rasanen rautiainen rinne rissanen ruotsalainen saarinen salminen salo salonen
    savolainen seppala sillanpaa sirola sjoberg suominen tikkanen toivonen tolonen tuominen
    turunen vaisanen valtonen vesterinen vuorinen ylonen
    andersson berg ekholm eriksson forsman gustafsson holm holmberg holmstrom johansson
    karlsson carlsson lind lindberg lindgren lindstrom lund lundberg lundgren lundstrom nylund
    nystrom ohman strand sundstrom wikstrom
    """
_KNOWN_NAMES = frozenset(_KNOWN.split())

# Neighbouring keys on a Finnish keyboard: a slip of the finger ("Päivj" for "Päivi").
_KEY_ROWS = ("qwertyuiopå", "asdfghjklöä", "zxcvbnm")


def _neighbours() -> dict[str, str]:
    near: dict[str, set[str]] = defaultdict(set)
    for r, row in enumerate(_KEY_ROWS):
        for i, key in enumerate(row):
            for j in (i - 1, i + 1):
                if 0 <= j < len(row):
                    near[key].add(row[j])
            for other in (r - 1, r + 1):
                if 0 <= other < len(_KEY_ROWS):
                    for j in (i - 1, i, i + 1):
                        if 0 <= j < len(_KEY_ROWS[other]):
                            near[key].add(_KEY_ROWS[other][j])
    return {key: "".join(sorted(keys)) for key, keys in near.items()}


_NEAR = _neighbours()
_PUNCTUATION = re.compile(r"[^\w\s-]")
_HYPHEN = re.compile(r"\s*-\s*")  # "A.-L." and "Anna - Liisa" as one word


class DuplicateGroup(NamedTuple):
    ids: list[int]
    reason: str
    strength: str  # "likely", "possible" or "weak"


class _Name(NamedTuple):
    shown: str  # the name as first typed, for the reason
    words: tuple[str, ...]  # folded words, hyphens kept: ("anna-liisa", "k", "virtanen")
    parts: tuple[str, ...]  # the same split at hyphens too: ("anna", "liisa", "k", "virtanen")


def find_duplicates(candidates: Iterable[Mapping[str, object]]) -> list[DuplicateGroup]:
    """Nominations that are probably the same candidate, and why: likely ones first, then
    possible ones, then weak ones.

    Names compare ignoring case, spacing and diacritics (Mäkelä ~ Makela); organisations
    ignoring case and legal suffixes (Aava Pankki ~ Aava Pankki Oyj). The same name at another
    employer is a namesake: listed only as a weak match. Names as people type them are
    possible matches where the organisations agree or one is missing.
    """
    # entities: one per (folded name, organisation key); "" for a missing organisation.
    entities: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    shown_name: dict[str, str] = {}
    shown_org: dict[str, str] = {}
    folded: dict[str, str] = {}  # several customers type the same name the same way
    for c in candidates:
        nominee = str(c["nominee"])
        organization = c.get("organization")
        organization = organization if isinstance(organization, str) else None
        org = organization_key(organization)
        name = folded.get(nominee) or folded.setdefault(nominee, fold_quick(nominee))
        entities[name][org].append(int(str(c["id"])))
        shown_name.setdefault(name, " ".join(nominee.split()))
        if org:
            shown_org.setdefault(org, " ".join((organization or "").split()))
    groups = _same_name(entities, shown_org)
    groups.extend(_typed_names(entities, shown_name, shown_org))
    groups.sort(key=lambda g: _ORDER[g.strength])  # stable: each kind keeps its own order
    return groups


# ---- the same name --------------------------------------------------------------------------


def _same_name(
    entities: Mapping[str, Mapping[str, list[int]]], shown_org: Mapping[str, str]
) -> list[DuplicateGroup]:
    groups: list[DuplicateGroup] = []
    for name, by_org in sorted(entities.items()):
        if sum(len(ids) for ids in by_org.values()) < 2:
            continue
        known = {org: ids for org, ids in by_org.items() if org}
        unknown = list(by_org.get("", []))
        for org, ids in sorted(known.items()):
            if len(ids) > 1:
                groups.append(
                    DuplicateGroup(
                        sorted(ids), f"same name and organisation ({name}, {org})", LIKELY
                    )
                )
        if unknown and len(known) <= 1:
            ids = sorted(unknown + [i for ids in known.values() for i in ids])
            groups.append(
                DuplicateGroup(ids, f"same name ({name}); organisation missing on some", LIKELY)
            )
        if len(known) < 2:
            continue
        # Organisations written differently ("Lumo" / "Lumo Telecom Oyj") are one employer.
        orgs = sorted(known)
        alike = _classes(orgs, organizations_alike)
        for a, b in ((a, b) for i, a in enumerate(orgs) for b in orgs[i + 1 :]):
            if alike[a] == alike[b]:
                groups.append(
                    DuplicateGroup(
                        sorted(known[a] + known[b]),
                        f"possibly the same: same name ({name}), organisation written "
                        f"differently ({shown_org[a]} ~ {shown_org[b]})",
                        POSSIBLE,
                    )
                )
        employers = len(set(alike.values()))
        if employers > 1:
            # Those without an organisation are listed here too: nothing says which it is.
            ids = sorted(unknown + [i for ids in known.values() for i in ids])
            missing = f"; organisation missing on {len(unknown)}" if unknown else ""
            groups.append(
                DuplicateGroup(
                    ids,
                    f"same name ({name}) at {employers} different organisations: "
                    f"probably namesakes{missing}",
                    WEAK,
                )
            )
    return groups


def _classes(items: list[str], alike: Callable[[str, str], bool]) -> dict[str, int]:
    """Each item's class when `alike` links items (connected components; a few per name)."""
    cls = {item: i for i, item in enumerate(items)}
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if cls[a] != cls[b] and alike(a, b):
                old, new = cls[b], cls[a]
                for item, c in cls.items():
                    if c == old:
                        cls[item] = new
    return cls


# ---- names as people type them --------------------------------------------------------------


def _typed_names(
    entities: Mapping[str, Mapping[str, list[int]]],
    shown_name: Mapping[str, str],
    shown_org: Mapping[str, str],
) -> list[DuplicateGroup]:
    names: dict[str, _Name] = {}
    first: dict[str, str] = {}  # key -> the first name under it; most keys have only one
    blocks: dict[str, list[str]] = {}  # keys two or more names share
    # Under the surname-and-initial key only a shortened name ("A. Virtanen", "Anna Maria
    # Virtanen", "Anna-Liisa Virtanen") is compared with the others, not every pair of them.
    shortened: dict[str, list[str]] = defaultdict(list)
    for name in entities:
        text = _HYPHEN.sub("-", _PUNCTUATION.sub(" ", name))
        words = tuple(w for w in (w.strip("-") for w in text.split()) if w)
        if not words:
            continue
        parts = tuple(p for w in words for p in w.split("-") if p)
        names[name] = _Name(shown_name[name], words, parts)
        keys = _keys(words, parts)
        if len(words) > 1:
            key = f"i:{words[-1]} {words[0][0]}"
            keys.append(key)
            if len(words) > 2 or len(parts) > len(words) or any(map(_is_initial, words[:-1])):
                shortened[key].append(name)
        for key in keys:
            other = first.setdefault(key, name)
            if other is not name:
                block = blocks.get(key)
                if block is None:
                    blocks[key] = [other, name]
                else:
                    block.append(name)
    seen: set[tuple[str, str]] = set()
    groups: list[tuple[str, str, DuplicateGroup]] = []

    def compare(a: str, b: str) -> None:
        pair = (a, b) if a < b else (b, a)
        if a == b or pair in seen:
            return
        seen.add(pair)
        how = name_variant(names[pair[0]], names[pair[1]])
        if how:
            groups.extend(
                (pair[0], pair[1], g) for g in _pair_groups(pair, how, entities, names, shown_org)
            )

    for key, block in blocks.items():
        if key.startswith("i:"):
            for a in shortened.get(key, ()):
                for b in block:
                    compare(a, b)
            continue
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                compare(a, b)
    groups.sort(key=lambda t: (t[0], t[1]))
    return [g for _, _, g in groups]


def _keys(words: tuple[str, ...], parts: tuple[str, ...]) -> list[str]:
    """The cheap keys a name is compared under (besides its surname and first initial): two
    names meet only when they share one."""
    keys = ["s:" + " ".join(sorted(parts))]  # the other order, hyphens and punctuation
    text = " ".join(parts)
    if len(parts) > 1 and len(text) <= _MAX_EDIT_NAME:
        # One-letter deletions: two names one edit or one swap apart share one of them.
        keys.append("d:" + text)
        keys.extend(["d:" + text[:i] + text[i + 1 :] for i in range(len(text))])
    return keys


def name_variant(a: _Name, b: _Name) -> str:
    """How two different folded names could be one person as typed, or "" when they are not."""
    if a.parts == b.parts:
        return "same name written differently"
    if len(a.parts) > 1 and sorted(a.parts) == sorted(b.parts):
        return "names in the other order"
    initial = _initials_or_middle(a.words, b.words)
    if initial:
        return initial
    return _one_slip(a.parts, b.parts)


def _initials_or_middle(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """'A. Virtanen' ~ 'Anna Virtanen'; 'Anna Virtanen' ~ 'Anna Maria Virtanen'. The surnames
    (last words) must be equal and whole; first names equal or one the other's initial."""
    if len(a) < 2 or len(b) < 2 or a[-1] != b[-1] or _is_initial(a[-1]):
        return ""
    if len(a) > len(b):
        a, b = b, a
    if not _fits(a[0], b[0]):
        return ""
    shortened = [_shortening(a[0], b[0])]
    # a's middle words, in order, among b's (each equal or an initial of it).
    rest = list(b[1:-1])
    for word in a[1:-1]:
        while rest and not _fits(word, rest[0]):
            rest.pop(0)
        if not rest:
            return ""
        shortened.append(_shortening(word, rest.pop(0)))
    if len(b) > len(a):
        shortened.append("a middle name left out")
    said = [s for s in dict.fromkeys(shortened) if s]
    return " and ".join(said)


def _shortening(short: str, full: str) -> str:
    if short == full:
        return ""
    return "an initial for a name" if _is_initial(short) else "part of a double name"


def _is_initial(word: str) -> bool:
    return all(len(p) == 1 for p in word.split("-") if p)


def _fits(short: str, full: str) -> bool:
    """Whether `short` can stand for `full`: equal, its initial(s), or the first part of a
    double name ("anna" for "anna-liisa")."""
    if short == full:
        return True
    if _is_initial(short):
        letters = short.replace("-", "")
        initials = "".join(p[0] for p in full.split("-") if p)
        return bool(letters) and initials.startswith(letters)
    return full.startswith(short + "-")


def _one_slip(a: tuple[str, ...], b: tuple[str, ...]) -> str:
    """One word differs by one letter (or two swapped) in a way a typist slips, not the way
    two real names differ; or one space was lost ("jukkaheikkinen")."""
    if len(a) != len(b):
        if "".join(a) == "".join(b):
            return "same name written differently"
        return ""
    diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    if len(diff) != 1:
        return ""
    x, y = diff[0]
    kind = _slip(x, y)
    if not kind:
        return ""
    return f"{kind} ({x} ~ {y})"


def _slip(x: str, y: str) -> str:
    if x in _KNOWN_NAMES and y in _KNOWN_NAMES:
        return ""  # Anna / Anne: two names
    if len(x) > len(y):
        x, y = y, x
    if len(x) == len(y):
        i = next(i for i in range(len(x)) if x[i] != y[i])
        if x[i + 1 :] == y[i + 1 :]:
            # One letter replaced: a neighbouring key, or within a long word (a surname).
            if len(y) >= 4 and (y[i] in _NEAR.get(x[i], "") or (len(y) >= 7 and i > 0)):
                return "one letter apart"
            return ""
        if x[i] == y[i + 1] and x[i + 1] == y[i] and x[i + 2 :] == y[i + 2 :]:
            return "two letters swapped" if len(y) >= 4 else ""
        return ""
    if len(y) != len(x) + 1:
        return ""
    i = next((i for i in range(len(x)) if x[i] != y[i]), len(x))
    if x[i:] != y[i + 1 :]:
        return ""
    # One letter more: a doubled one ("Heikinen" / "Heikkinen"), or any in a long word.
    if (i > 0 and y[i - 1] == y[i]) or (i + 1 < len(y) and y[i + 1] == y[i]):
        return "a letter doubled" if len(y) >= 4 else ""
    return "one letter apart" if len(y) >= 6 and i > 0 else ""


def _pair_groups(
    pair: tuple[str, str],
    how: str,
    entities: Mapping[str, Mapping[str, list[int]]],
    names: Mapping[str, _Name],
    shown_org: Mapping[str, str],
) -> list[DuplicateGroup]:
    """A possible group for each pair of the two names' entries whose organisations agree or
    where one is missing. At different employers they are taken for different people."""
    a, b = pair
    shown = f"{names[a].shown} ~ {names[b].shown}"
    groups = []
    for org_a, ids_a in _units(entities[a]):
        for org_b, ids_b in _units(entities[b]):
            if org_a and org_b and org_a != org_b:
                if not organizations_alike(org_a, org_b):
                    continue
                where = (
                    f"organisation written differently ({shown_org[org_a]} ~ {shown_org[org_b]})"
                )
            elif org_a and org_b:
                where = f"same organisation ({org_a})"
            elif org_a or org_b:
                where = "organisation missing on one"
            else:
                where = "no organisation on either"
            groups.append(
                DuplicateGroup(
                    sorted(ids_a + ids_b), f"possibly the same: {shown}: {how}; {where}", POSSIBLE
                )
            )
    return groups


def _units(by_org: Mapping[str, list[int]]) -> list[tuple[str, list[int]]]:
    """One name's entries by organisation; those without one go with the only organisation
    the name has (they are one likely group already), else stand on their own."""
    known = [(org, ids) for org, ids in sorted(by_org.items()) if org]
    unknown = list(by_org.get("", []))
    if unknown and len(known) == 1:
        return [(known[0][0], known[0][1] + unknown)]
    return known + ([("", unknown)] if unknown else [])
