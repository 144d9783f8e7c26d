"""Tamper evidence: what tells an edit made outside awards from the tool's own writes.

Three things, each cheap enough for every public export to check first:

- **The schema.** The file's `sqlite_master` (tables, columns, indexes, views, triggers) must be
  exactly what this version's migrations create, object by object (SQL compared with runs of
  white space collapsed). A planted trigger, a table replaced by a view, another program's file
  with a `competitions` table: each is an object the reference lacks, or lacks in that form.
- **The audit log's hash chain.** Each entry's `hash` covers its content and the previous
  entry's hash, so an edited, removed or inserted entry breaks the chain at that place; the
  newest entry the tool wrote is sealed, so cutting entries off the end shows too.
- **Seals.** A digest (per table) of what decides a result: each round's scores (frozen once
  closed), comments, assignments and results; its shortlist; each competition's declared
  places (with the placed nominations' names and consent) and its jury (names, organisations,
  roles, conflicts). The tool's own connection marks what its writes touch (TEMP triggers,
  which exist on that connection only) and re-seals exactly that at commit, so an edit through
  any other connection (`sqlite3`, a database browser) leaves a seal that no longer matches.

What it cannot do: the seals and the chain are in the same file, without a secret. Someone who
knows this code can rewrite the data, recompute every seal and re-chain the log consistently;
that is not detected. It catches the edit made with a database tool, not the forger.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, islice
from operator import itemgetter
from typing import Any

GENESIS = ""
AUDIT_FIELDS = (
    "id",
    "at",
    "actor",
    "action",
    "competition",
    "entity",
    "entity_id",
    "before",
    "after",
    "note",
)

# ---- the audit chain -------------------------------------------------------------------------


def entry_hash(previous: str | None, row: Iterable[object]) -> str:
    """The hash of one audit entry: its fields (in AUDIT_FIELDS order) and the previous hash,
    joined by \x1e, as UTF-8 (surrogates passed through)."""
    digest = hashlib.sha256()
    parts = [previous or GENESIS, *("\x00" if value is None else str(value) for value in row)]
    for i, part in enumerate(parts):
        if i:
            digest.update(b"\x1e")
        # In slices: a score import's record is tens of MB, and one encode of the joined
        # entry copied it twice over. UTF-8 encodes each code point on its own (surrogates
        # too, under surrogatepass), so the bytes are the same however the text is cut.
        for start in range(0, len(part), HASH_SLICE):
            digest.update(part[start : start + HASH_SLICE].encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


HASH_SLICE = 1 << 20  # characters encoded at a time by `entry_hash`


def chain_problems(conn: sqlite3.Connection) -> tuple[list[str], int | None]:
    """Every entry whose hash does not follow from its content and the previous entry's hash;
    and the id of the first such entry (None when the chain holds)."""
    problems: list[str] = []
    first: int | None = None
    previous: str | None = None
    columns = ", ".join(AUDIT_FIELDS)
    for row in conn.execute(f"SELECT {columns}, hash FROM audit_log ORDER BY id"):
        stored = row[-1]
        if stored is None:
            problems.append(
                f"audit log entry {row[0]} ({row[3]}) has no hash: written outside awards"
            )
        elif stored != entry_hash(previous, row[:-1]):
            problems.append(
                f"audit log entry {row[0]} ({row[3]}) does not match its hash: it was edited "
                "outside awards, or an entry before it was removed or inserted"
            )
        else:
            previous = stored
            continue
        if first is None:
            first = row[0]
        previous = stored
    return problems, first


def rechain(conn: sqlite3.Connection, start: int) -> int:
    """Recompute the hashes from entry `start` on (inside the caller's transaction, with the
    log's `purging` permission on). Returns how many entries were rewritten."""
    previous = conn.execute(
        "SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1", (start,)
    ).fetchone()
    last = previous[0] if previous else None
    changed = 0
    columns = ", ".join(AUDIT_FIELDS)
    rows = conn.execute(
        f"SELECT {columns}, hash FROM audit_log WHERE id >= ? ORDER BY id", (start,)
    ).fetchall()
    for row in rows:
        fresh = entry_hash(last, row[:-1])
        if fresh != row[-1]:
            conn.execute("UPDATE audit_log SET hash = ? WHERE id = ?", (fresh, row[0]))
            changed += 1
        last = fresh
    return changed


# ---- seals -----------------------------------------------------------------------------------

# What each kind of seal covers: (table, SQL selecting its rows for one key id). The SQL's rows
# are concatenated in SQL (quote() keeps types apart) and hashed once: a closed round of 50,000
# scores costs one query and one sha256.
_PARTS: dict[str, list[tuple[str, str]]] = {
    "round": [
        (
            "rounds",
            "SELECT quote(number) || ',' || quote(name) || ',' || quote(kind) || ',' || "
            "quote(method) || ',' || quote(status) || ',' || quote(closed_at) || ',' || "
            "quote(closed_with_missing) || ',' || quote(frozen_criteria) || ',' || "
            "quote(tie_break) AS line FROM rounds WHERE id = :id",
        ),
        (
            # The same lines as `quote(id) || ',' || ...`, made in one printf, and read along
            # the rowid between the round's first and last score instead of through its index
            # and a sort: a round's scores mostly go in together, and at 500,000 scores this
            # seal, made again at every write to the round, took 2.6 s of CPU, now 1.7 s.
            "scores",
            "SELECT printf('%s,%s,%s,%s,%s', quote(id), quote(juror_id), quote(nomination_id), "
            "quote(criterion), quote(value)) AS line FROM scores "
            "WHERE id BETWEEN (SELECT min(id) FROM scores WHERE round_id = :id) "
            "AND (SELECT max(id) FROM scores WHERE round_id = :id) AND +round_id = :id "
            "ORDER BY id",
        ),
        (
            "score_comments",
            "SELECT quote(id) || ',' || quote(juror_id) || ',' || quote(nomination_id) || ',' "
            "|| quote(comment) AS line FROM score_comments WHERE round_id = :id ORDER BY id",
        ),
        (
            "assignments",
            "SELECT quote(juror_id) || ',' || quote(nomination_id) AS line FROM assignments "
            "WHERE round_id = :id ORDER BY juror_id, nomination_id",
        ),
        (
            "round_results",
            "SELECT quote(nomination_id) || ',' || quote(rank) || ',' || quote(score) || ',' || "
            "quote(by_criterion) || ',' || quote(jurors) || ',' || quote(spread) || ',' || "
            "quote(score_range) || ',' || quote(tied) || ',' || quote(disagreement) || ',' || "
            "quote(incomplete) || ',' || quote(decided_by) || ',' || quote(furthest_juror) "
            "AS line FROM round_results WHERE round_id = :id ORDER BY nomination_id",
        ),
    ],
    "shortlist": [
        (
            "round_nominations",
            "SELECT quote(nomination_id) || ',' || quote(advanced) AS line "
            "FROM round_nominations WHERE round_id = :id ORDER BY nomination_id",
        ),
    ],
    "winners": [
        (
            "winners",
            "SELECT quote(nomination_id) || ',' || quote(place) || ',' || quote(citation) || "
            "',' || quote(citation_en) || ',' || quote(override_reason) || ',' || "
            "quote(declared_at) || ',' || quote(declared_by) AS line FROM winners "
            "WHERE competition_id = :id ORDER BY nomination_id",
        ),
        (
            "nominations",
            "SELECT quote(n.id) || ',' || quote(n.nominee) || ',' || quote(n.organization) || "
            "',' || quote(n.title) || ',' || quote(n.nominee_en) || ',' || quote(n.title_en) || "
            "',' || quote(n.organization_en) || ',' || quote(n.publish) || ',' || "
            "quote(n.status) AS line FROM nominations n JOIN winners w ON w.nomination_id = n.id "
            "WHERE w.competition_id = :id ORDER BY n.id",
        ),
    ],
    "jury": [
        (
            "jury_members",
            "SELECT quote(juror_id) || ',' || quote(role) AS line FROM jury_members "
            "WHERE competition_id = :id ORDER BY juror_id",
        ),
        (
            "jurors",
            "SELECT quote(j.id) || ',' || quote(j.email) || ',' || quote(j.name) || ',' || "
            "quote(j.organization) AS line FROM jurors j JOIN jury_members m "
            "ON m.juror_id = j.id WHERE m.competition_id = :id ORDER BY j.id",
        ),
        (
            "conflicts",
            "SELECT quote(id) || ',' || quote(juror_id) || ',' || quote(nomination_id) || ',' "
            "|| quote(organization) || ',' || quote(reason) AS line FROM conflicts "
            "WHERE competition_id = :id ORDER BY id",
        ),
    ],
}
# Cheap to check before every write (small tables): a tampered one is then never re-sealed by
# the write that follows. A round's scores are many; see `touched_rounds_outside`.
CHEAP_KINDS = ("shortlist", "winners", "jury")


def touched_rounds_outside(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """The round seals that no longer match, found cheaply: a trigger counts every edit of a
    round's scores, by anyone, and each seal keeps the count it was made at. Only a round whose
    count moved since awards sealed it is digested again."""
    counters = dict(conn.execute("SELECT round_id, counter FROM round_changes").fetchall())
    bad: dict[str, set[str]] = {}
    for key, value in conn.execute(
        "SELECT key, digest FROM seals WHERE key LIKE 'round:%'"
    ).fetchall():
        try:
            then = json.loads(value)
        except ValueError:
            bad[key] = {"*"}
            continue
        if then.get("#changes") == counters.get(int(key.partition(":")[2]), 0):
            continue
        now = json.loads(digest(conn, key)) if should_seal(conn, key) else {}
        changed = {t for t in then if not t.startswith("#") and now.get(t) != then.get(t)}
        if changed:
            bad[key] = changed
    return bad


def digest(
    conn: sqlite3.Connection,
    key: str,
    skip: Iterable[str] = (),
    known: Mapping[str, str] | None = None,
) -> str:
    """The seal of one key ("round:12"), as JSON {table: sha256 of its rows}; `skip`: tables
    left out (not digested, not in the result); `known`: tables whose digest the caller made
    already from the very rows the table holds (`scores_part_of_rows`)."""
    kind, _, ident = key.partition(":")
    parts: dict[str, object] = {}
    for table, sql in _PARTS[kind]:
        if table in skip:
            continue
        if known and table in known:
            parts[table] = known[table]
            continue
        text = conn.execute(
            f"SELECT group_concat(line, char(10)) FROM ({sql})", {"id": int(ident)}
        ).fetchone()[0]
        parts[table] = _part_digest(hashlib.sha256(_part_bytes(text or "")))
    if kind == "round":
        # Not compared: lets a write tell cheaply whether anyone touched the scores since.
        parts["#changes"] = _round_counter(conn, int(ident))
    return json.dumps(parts, sort_keys=True)


def scores_part_of_rows(
    conn: sqlite3.Connection,
    first_id: int,
    cells: Sequence[tuple[Any, Any, Any]],
    values: Sequence[Any],
) -> str | None:
    """The seal's `scores` part (as `digest` makes it) of a round whose scores are exactly
    `cells` (juror id, 0 or None in a self-assessment; nomination id; criterion) with `values`,
    which have the ids `first_id`, `first_id` + 1, ... in that order: made from the rows in
    hand instead of by SQLite's `printf` over the table, which at 500,000 scores took 1.1 s of
    a first import's 7.7 s. Each distinct value's and criterion's text is SQLite's own
    `quote()` of it as the table stores it (a REAL column keeps -0.0 as 0.0, and 1/3 is quoted
    with 21 digits); an id is its decimal digits, as `quote()` writes an integer. None where a
    row holds anything but those plain types: the caller then lets `digest` read the table."""
    jurors = set(map(type, map(itemgetter(0), cells)))
    if not (
        jurors <= {int, type(None)}
        and set(map(type, map(itemgetter(1), cells))) <= {int}
        and set(map(type, values)) <= {float, int}
    ):
        return None
    quoted_criteria: dict[Any, str] = dict.fromkeys(map(itemgetter(2), cells), "")
    quoted_values: dict[Any, str] = dict.fromkeys(values, "")
    if set(map(type, quoted_criteria)) - {str}:
        return None
    # Through a table with the scores' column types: what `quote()` sees is what is stored.
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS quote_probe (value REAL, criterion TEXT)")
    for column, texts in (("value", quoted_values), ("criterion", quoted_criteria)):
        conn.execute("DELETE FROM temp.quote_probe")
        conn.executemany(
            f"INSERT INTO temp.quote_probe ({column}) VALUES (?)", [(t,) for t in texts]
        )
        quoted = conn.execute(f"SELECT quote({column}) FROM temp.quote_probe ORDER BY rowid")
        for key, (text,) in zip(list(texts), quoted.fetchall(), strict=True):
            texts[key] = text
    conn.execute("DELETE FROM temp.quote_probe")
    sha = hashlib.sha256()
    separator = ""  # the newline `group_concat` puts between two slices' lines
    step = 20_000
    for start in range(0, len(cells), step):
        lines = [
            f"{row_id},{juror or 'NULL'},{nomination},{quoted_criteria[criterion]},"
            f"{quoted_values[value]}"
            for row_id, (juror, nomination, criterion), value in zip(
                range(first_id + start, first_id + start + step),
                cells[start : start + step],
                values[start : start + step],
                strict=False,
            )
        ]
        sha.update(_part_bytes(separator + "\n".join(lines)))
        separator = "\n"
    return _part_digest(sha)


def _part_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _part_digest(sha: Any) -> str:
    """A seal part as it is stored: the first 32 hex digits of the sha256 of its lines."""
    return str(sha.hexdigest()[:32])


def _round_counter(conn: sqlite3.Connection, round_id: int) -> int:
    found = conn.execute(
        "SELECT counter FROM round_changes WHERE round_id = ?", (round_id,)
    ).fetchone()
    return int(found[0]) if found else 0


def expected_keys(conn: sqlite3.Connection, kinds: Iterable[str] = tuple(_PARTS)) -> set[str]:
    """The keys that should be sealed now: every competition's places and jury, every round's
    scores (frozen once closed) and shortlist."""
    kinds = set(kinds)
    keys: set[str] = set()
    if kinds & {"winners", "jury"}:
        for (cid,) in conn.execute("SELECT id FROM competitions"):
            keys.update(f"{k}:{cid}" for k in ("winners", "jury") if k in kinds)
    if kinds & {"round", "shortlist"}:
        for (rid,) in conn.execute("SELECT id FROM rounds"):
            keys.update(f"{k}:{rid}" for k in ("round", "shortlist") if k in kinds)
    return keys


def should_seal(conn: sqlite3.Connection, key: str) -> bool:
    kind, _, ident = key.partition(":")
    if kind in ("round", "shortlist"):
        return bool(conn.execute("SELECT 1 FROM rounds WHERE id = ?", (int(ident),)).fetchone())
    return bool(conn.execute("SELECT 1 FROM competitions WHERE id = ?", (int(ident),)).fetchone())


def seal(
    conn: sqlite3.Connection,
    keys: Iterable[str],
    at: str,
    keep: dict[str, set[str]] | None = None,
    known: Mapping[str, Mapping[str, str]] | None = None,
    audit_head: tuple[int, str] | None = None,
) -> None:
    """Seal `keys` as they are now (delete the seal of what no longer should have one). `keep`:
    per key, the tables whose old digest stays (changed outside awards, not yet accepted);
    "*" keeps the whole seal. `known`: per key, tables whose digest is known already (see
    `digest`). `audit_head`: the id and hash of the audit entry the caller wrote last (see
    `seal_audit_head`)."""
    keep = keep or {}
    known = known or {}
    for key in keys:
        kept = keep.get(key, set())
        if "*" in kept:
            continue
        if key == "audit":
            seal_audit_head(conn, at, audit_head)
        elif should_seal(conn, key):
            value = digest(conn, key, known=known.get(key))
            if kept:
                old = conn.execute("SELECT digest FROM seals WHERE key = ?", (key,)).fetchone()
                fresh = json.loads(value)
                try:
                    then = json.loads(old[0]) if old else {}
                except ValueError:
                    then = {}
                fresh.update({t: then.get(t, "") for t in kept})
                value = json.dumps(fresh, sort_keys=True)
            conn.execute(
                "INSERT INTO seals (key, digest, sealed_at) VALUES (?, ?, ?) ON CONFLICT (key) "
                "DO UPDATE SET digest = excluded.digest, sealed_at = excluded.sealed_at",
                (key, value, at),
            )
        else:
            conn.execute("DELETE FROM seals WHERE key = ?", (key,))


def seal_audit_head(
    conn: sqlite3.Connection, at: str, written: tuple[int, str] | None = None
) -> None:
    """Seal the audit log's newest entry. `written`: the id and hash of the entry the caller
    has just written, taken as the head while it is still the newest: reading `hash` back means
    walking the whole of `after` before it (a score import's record is tens of MB: 12,000 pages
    read again, and as many written out of a full cache to make room)."""
    head = written
    if head is None or conn.execute("SELECT max(id) FROM audit_log").fetchone()[0] != head[0]:
        head = conn.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    value = "" if head is None else f"{head[0]}:{head[1]}"
    conn.execute(
        "INSERT INTO seals (key, digest, sealed_at) VALUES ('audit', ?, ?) ON CONFLICT (key) "
        "DO UPDATE SET digest = excluded.digest, sealed_at = excluded.sealed_at",
        (value, at),
    )


def seal_everything(conn: sqlite3.Connection, at: str) -> None:
    conn.execute("DELETE FROM seals")
    seal(conn, [*sorted(expected_keys(conn)), "audit"], at)


def describe(conn: sqlite3.Connection, key: str) -> str:
    """A key in the words of a coordinator: which competition, which round."""
    kind, _, ident = key.partition(":")
    if kind in ("round", "shortlist"):
        found = conn.execute(
            "SELECT c.slug, r.number, r.name FROM rounds r JOIN competitions c "
            "ON c.id = r.competition_id WHERE r.id = ?",
            (int(ident),),
        ).fetchone()
        if found is None:
            return f"a round (id {ident}) that is no longer in the file"
        what = "round" if kind == "round" else "shortlist of round"
        return f"{found[0]} {what} {found[1]} ({found[2]})"
    found = conn.execute("SELECT slug FROM competitions WHERE id = ?", (int(ident),)).fetchone()
    slug = found[0] if found else f"a competition (id {ident}) no longer in the file"
    return f"{slug} {'declared places' if kind == 'winners' else 'jury'}"


def seal_problems(
    conn: sqlite3.Connection, kinds: Iterable[str] = tuple(_PARTS), *, quick: bool = False
) -> tuple[list[str], dict[str, set[str]]]:
    """Every seal of `kinds` that no longer matches the data, in words; and per such key the
    tables that changed ("*": the whole seal is missing or stray).

    `quick` (the exports' check): a round's scores (50,000 rows at national scale, ~0.1 s to
    digest) are digested only when the trigger that counts every edit of them has counted one
    since the seal; everything else is digested in full either way."""
    kinds = tuple(kinds)
    sealed = {
        key: value
        for key, value in conn.execute("SELECT key, digest FROM seals WHERE key != 'audit'")
        if key.partition(":")[0] in kinds
    }
    expected = expected_keys(conn, kinds)
    problems: list[str] = []
    bad: dict[str, set[str]] = {}
    for key in sorted(expected | set(sealed), key=_key_order):
        if key not in sealed:
            problems.append(f"{describe(conn, key)}: not sealed by awards (changed outside it)")
            bad[key] = {"*"}
            continue
        if key not in expected:
            problems.append(f"{describe(conn, key)}: removed outside awards")
            bad[key] = {"*"}
            continue
        try:
            then = json.loads(sealed[key])
        except ValueError:
            then = {}
        unmoved = key.startswith("round:") and then.get("#changes") == _round_counter(
            conn, int(key.partition(":")[2])
        )
        skip = ("scores",) if quick and unmoved else ()
        now = json.loads(digest(conn, key, skip))
        changed = sorted(t for t in now if not t.startswith("#") and now[t] != then.get(t))
        if changed:
            tables = ("table " if len(changed) == 1 else "tables ") + ", ".join(changed)
            problems.append(f"{describe(conn, key)}: changed outside awards ({tables})")
            bad[key] = set(changed)
    return problems, bad


def audit_head_problems(conn: sqlite3.Connection) -> list[str]:
    found = conn.execute("SELECT digest FROM seals WHERE key = 'audit'").fetchone()
    if found is None:
        return ["the audit log's newest entry is not sealed (the seal was removed outside awards)"]
    if not found[0]:
        count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        if count:
            return [f"the audit log has {count} entries, all written outside awards"]
        return []
    ident, _, value = found[0].partition(":")
    entry = conn.execute("SELECT hash FROM audit_log WHERE id = ?", (int(ident),)).fetchone()
    if entry is None or entry[0] != value:
        return [
            f"the audit log's entry {ident}, the newest awards wrote, is gone or changed: "
            "entries were removed outside awards"
        ]
    later = conn.execute("SELECT count(*) FROM audit_log WHERE id > ?", (int(ident),)).fetchone()
    if later[0]:
        return [f"the audit log has {later[0]} entries after {ident} written outside awards"]
    return []


def _key_order(key: str) -> tuple[str, int]:
    kind, _, ident = key.partition(":")
    return kind, int(ident or 0)


# ---- the schema ------------------------------------------------------------------------------

_REFERENCE: dict[int, dict[tuple[str, str], tuple[str, str]]] = {}
INTERNAL_TABLE = "_sqlite_migrations"  # sqlite-utils' own record of applied migrations


class _Shim:
    """Enough of sqlite-utils' Database for the migrations, on plain sqlite3 (no 190 ms import)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        return self.conn.executescript(sql)


def _normal(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def reference_schema(version: int) -> dict[tuple[str, str], tuple[str, str]]:
    """(type, name) -> (table, normalised SQL) of what the first `version` migrations create,
    built once per process by migrating an in-memory database."""
    if version not in _REFERENCE:
        from .migrations import MIGRATIONS

        conn = sqlite3.connect(":memory:", isolation_level=None)
        try:
            shim = _Shim(conn)
            for migration in MIGRATIONS[:version]:
                migration(shim)  # type: ignore[arg-type]
        except AttributeError:
            # A migration that needs more of sqlite-utils than the shim has: the real thing.
            from sqlite_utils import Database

            conn.close()
            conn = sqlite3.connect(":memory:", isolation_level=None)
            db = Database(conn, execute_plugins=False)
            for migration in MIGRATIONS[:version]:
                migration(db)
        try:
            _REFERENCE[version] = _schema_of(conn)
        finally:
            conn.close()
    return _REFERENCE[version]


def _schema_of(conn: sqlite3.Connection) -> dict[tuple[str, str], tuple[str, str]]:
    return {
        (kind, name): (table, _normal(sql))
        for kind, name, table, sql in conn.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master"
        )
        if not name.startswith("sqlite_")
        # sqlite-utils' own table and its index differ between its versions; they hold only the
        # names of applied migrations. A trigger or view on it is still compared (and foreign).
        and not (table == INTERNAL_TABLE and kind in ("table", "index"))
    }


def schema_problems(conn: sqlite3.Connection, version: int | None = None) -> list[str]:
    """Every object of the file that the awards schema (of the file's version) lacks, or lacks
    in that form, and every object of the awards schema the file lacks; one line each."""
    if version is None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    from .migrations import SCHEMA_VERSION

    if not 1 <= version <= SCHEMA_VERSION:
        return [f"schema version {version} is not one awards made"]
    reference = reference_schema(version)
    live = _schema_of(conn)
    problems = []
    for kind, name in sorted(live.keys() - reference.keys()):
        on = live[kind, name][0]
        where = f" on {on}" if on != name else ""
        problems.append(f"{kind} {name}{where} is not part of the awards schema")
    for kind, name in sorted(reference.keys() - live.keys()):
        problems.append(f"{kind} {name} of the awards schema is missing")
    for key in sorted(live.keys() & reference.keys()):
        if live[key] != reference[key]:
            problems.append(f"{key[0]} {key[1]} differs from the awards schema")
    internal = conn.execute(
        "SELECT type FROM sqlite_master WHERE name = ?", (INTERNAL_TABLE,)
    ).fetchone()
    if internal is not None and internal[0] != "table":
        problems.append(f"{internal[0]} {INTERNAL_TABLE} is not part of the awards schema")
    return problems


# ---- all of it -------------------------------------------------------------------------------


def tamper_problems(conn: sqlite3.Connection, *, quick: bool = False) -> list[str]:
    """Schema, audit chain, the audit log's sealed end and every seal: an empty list means
    nothing was changed outside awards (as far as this can tell; see the module's docstring).
    `quick`: see `seal_problems`; `db check` always digests everything."""
    problems = schema_problems(conn)
    if problems:
        return problems  # with foreign triggers or views, nothing else can be trusted
    chain, _ = chain_problems(conn)
    problems += chain
    problems += audit_head_problems(conn)
    problems += seal_problems(conn, quick=quick)[0]
    return problems


# ---- the tool's own connection: what its writes touch -----------------------------------------

# (table, events, SQL inserting the touched keys into seal_dirty; NEW/OLD as the event allows).
# Not `scores`: the file's own trigger already counts every score edit per round
# (`round_changes`), so a transaction's touched rounds are those whose count moved while it
# held the write lock (`moved_rounds`); a second trigger per score row cost an import of
# 50,000 scores a third of a second.
_TOUCHES: list[tuple[str, tuple[str, ...], str]] = [
    (t, ("INSERT", "UPDATE", "DELETE"), "'round:' || {row}.round_id")
    for t in ("score_comments", "round_results", "assignments")
] + [
    ("round_nominations", ("INSERT", "UPDATE", "DELETE"), "'shortlist:' || {row}.round_id"),
    ("rounds", ("INSERT", "UPDATE", "DELETE"), "'round:' || {row}.id"),
    ("rounds", ("INSERT", "UPDATE", "DELETE"), "'shortlist:' || {row}.id"),
    ("winners", ("INSERT", "UPDATE", "DELETE"), "'winners:' || {row}.competition_id"),
    ("nominations", ("UPDATE", "DELETE"), "'winners:' || {row}.competition_id"),
    ("competitions", ("INSERT", "DELETE"), "'winners:' || {row}.id"),
    ("competitions", ("INSERT", "DELETE"), "'jury:' || {row}.id"),
    ("jury_members", ("INSERT", "UPDATE", "DELETE"), "'jury:' || {row}.competition_id"),
    ("conflicts", ("INSERT", "UPDATE", "DELETE"), "'jury:' || {row}.competition_id"),
    ("audit_log", ("INSERT", "UPDATE"), "'audit'"),
]


def track_writes(conn: sqlite3.Connection) -> None:
    """Create this connection's TEMP table of touched keys and the TEMP triggers that fill it.
    TEMP objects live in this connection only: another program's edits mark nothing."""
    statements = ["CREATE TEMP TABLE IF NOT EXISTS seal_dirty (key TEXT PRIMARY KEY) WITHOUT ROWID"]
    n = 0
    for table, events, expression in _TOUCHES:
        for event in events:
            rows = ("NEW", "OLD") if event == "UPDATE" else (
                ("NEW",) if event == "INSERT" else ("OLD",)
            )  # fmt: skip
            # Not INSERT OR IGNORE: a trigger takes the conflict policy of the statement that
            # fired it (an upsert's would fail on a key already marked), so each key is added
            # only where it is missing.
            body = " ".join(
                f"INSERT INTO seal_dirty (key) SELECT {key} WHERE NOT EXISTS "
                f"(SELECT 1 FROM seal_dirty WHERE key = {key});"
                for key in (expression.format(row=r) for r in rows)
            )
            n += 1
            statements.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS seal_touch_{n} AFTER {event} ON main.{table} "
                f"BEGIN {body} END"
            )
    for event, rows in (("UPDATE", ("NEW", "OLD")), ("DELETE", ("OLD",))):
        for r in rows:
            n += 1
            statements.append(
                f"CREATE TEMP TRIGGER IF NOT EXISTS seal_touch_{n} AFTER {event} ON main.jurors "
                "BEGIN INSERT INTO seal_dirty (key) SELECT DISTINCT 'jury:' || competition_id "
                f"FROM jury_members WHERE juror_id = {r}.id AND 'jury:' || competition_id "
                "NOT IN (SELECT key FROM seal_dirty); END"
            )
    for sql in statements:
        conn.execute(sql)


def touched(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT key FROM temp.seal_dirty")]


def round_counters(conn: sqlite3.Connection) -> dict[int, int]:
    """Each round's count of score edits (kept by the file's triggers), one row per round."""
    return dict(conn.execute("SELECT round_id, counter FROM round_changes").fetchall())


def moved_rounds(conn: sqlite3.Connection, before: dict[int, int]) -> list[str]:
    """The round keys whose score count moved since `before` (`round_counters` taken when the
    transaction took the write lock): the rounds whose scores this transaction wrote."""
    return [
        f"round:{round_id}"
        for round_id, counter in round_counters(conn).items()
        if before.get(round_id) != counter
    ]


def clear_touched(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM temp.seal_dirty")


# A round's score inserts past this many are counted at once rather than by the trigger.
COUNT_AT_ONCE_FROM = 5000


def insert_scores_counted(
    conn: sqlite3.Connection, sql: str, rows: Iterable[Sequence[Any]], count: int, round_id: int
) -> int:
    """Insert one round's `count` score `rows` with `sql` and return how many went in, leaving
    `round_changes` as the file's insert trigger (`scores_counted_insert`) leaves it: one more
    per row. A large insert takes the trigger away for its length and adds the count once; at
    500,000 scores the trigger's run per row was 1.7 s of the inserts' 4.2 s of CPU. An insert
    at least as large as the table it goes into (a national round's first import) takes the
    table's indexes away too and builds each again once, from a sort of the rows, instead of
    stepping into it row by row: 2.1 -> 1.7 s at 500,000 scores. The rows were checked against
    the round's scores beforehand, so no cell is given twice; were one, building the
    one-score-a-cell index again fails as the insert would have. `rows` are all of round
    `round_id`. Only inside the caller's write transaction: BEGIN IMMEDIATE holds the write
    lock, so no other connection can insert a score while the trigger is away, and a failure
    rolls the drops back with the rest. The trigger and indexes come back from their own SQL
    text, so the schema `db check` compares is the same."""
    assert conn.in_transaction, "the trigger is away only inside the caller's transaction"
    if count < COUNT_AT_ONCE_FROM:
        return conn.executemany(sql, rows).rowcount
    found = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'scores_counted_insert'"
    ).fetchone()
    if found is None:
        return conn.executemany(sql, rows).rowcount
    indexes: list[tuple[str, str]] = []
    if count >= conn.execute("SELECT count(*) FROM scores").fetchone()[0]:
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'scores' "
            "AND sql IS NOT NULL ORDER BY name"
        ).fetchall()
    conn.execute("DROP TRIGGER scores_counted_insert")
    for name, _ in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    try:
        inserted = _insert_in_batches(conn, sql, rows)
    finally:
        for _, index_sql in indexes:
            conn.execute(index_sql)
        conn.execute(found[0])
    conn.execute(
        "INSERT INTO round_changes (round_id, counter) VALUES (?, ?) "
        "ON CONFLICT (round_id) DO UPDATE SET counter = counter + excluded.counter",
        (round_id, inserted),
    )
    return inserted


ROWS_A_STATEMENT = 100  # 7 columns: 700 parameters, under SQLite's oldest limit of 999


def _insert_in_batches(conn: sqlite3.Connection, sql: str, rows: Iterable[Sequence[Any]]) -> int:
    """`executemany(sql, rows)` with ROWS_A_STATEMENT rows in each statement (`sql` is one
    row's INSERT ... VALUES (?, ...), each row one value a placeholder): the same rows, in the
    same order, so with the same ids; at 500,000 scores one statement a row was 1.05 s of CPU,
    a hundred rows a statement 0.65 s. Returns how many rows went in."""
    placeholders = sql[sql.rindex("(") :]
    width = placeholders.count("?")
    many = sql + f", {placeholders}" * (ROWS_A_STATEMENT - 1)
    values = chain.from_iterable(rows)
    per_statement = width * ROWS_A_STATEMENT
    inserted = 0
    for batch in iter(lambda: tuple(islice(values, per_statement)), ()):
        if len(batch) == per_statement:
            inserted += conn.execute(many, batch).rowcount
        else:  # the last, shorter batch
            tail = [batch[i : i + width] for i in range(0, len(batch), width)]
            inserted += conn.executemany(sql, tail).rowcount
    return inserted
