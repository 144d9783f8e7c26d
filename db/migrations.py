"""The schema, as a list of small named migrations applied with sqlite-utils' `Migrations`.

Never edit a migration that has shipped: add a new one at the end. `SCHEMA_VERSION` is written to
`PRAGMA user_version` after migrating, so a reader can tell in one cheap PRAGMA whether the file is
current without importing sqlite-utils.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "awards"


def m001_competitions(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE competitions (
            id INTEGER PRIMARY KEY,
            slug TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            year INTEGER NOT NULL,
            title TEXT NOT NULL,
            deadline TEXT,
            announce_date TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE criteria (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            key TEXT NOT NULL,
            name_fi TEXT NOT NULL,
            name_en TEXT NOT NULL,
            weight REAL NOT NULL,
            min REAL NOT NULL,
            max REAL NOT NULL,
            step REAL NOT NULL DEFAULT 0,
            UNIQUE (competition_id, key)
        );
        """
    )


def m002_nominations(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE nominations (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            nominee TEXT NOT NULL,
            organization TEXT,
            title TEXT,
            nominator TEXT,
            nominator_email TEXT,
            reason TEXT,
            submitted TEXT,
            extra TEXT,                 -- JSON object: columns of an imported file we do not know
            status TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'ineligible', 'withdrawn', 'merged')),
            status_note TEXT,
            merged_into INTEGER REFERENCES nominations(id),
            -- consent to be named publicly; NULL: not asked
            publish INTEGER CHECK (publish IN (0, 1)),
            source TEXT,                -- 'manual', or the file it was imported from
            fingerprint TEXT,           -- content hash, so that importing a file twice adds nothing
            created_at TEXT NOT NULL
        );
        CREATE INDEX nominations_by_competition ON nominations(competition_id, status);
        CREATE INDEX nominations_by_fingerprint ON nominations(competition_id, fingerprint);
        CREATE INDEX nominations_by_merged_into ON nominations(merged_into);
        """
    )


def m003_jury(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE jurors (
            id INTEGER PRIMARY KEY,
            email TEXT NOT NULL UNIQUE,  -- stored casefolded: one person across competitions
            name TEXT NOT NULL,
            organization TEXT
        );
        CREATE TABLE jury_members (
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            juror_id INTEGER NOT NULL REFERENCES jurors(id),
            role TEXT NOT NULL CHECK (role IN ('chair', 'member', 'assessor')),
            PRIMARY KEY (competition_id, juror_id)
        );
        CREATE TABLE conflicts (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            juror_id INTEGER NOT NULL REFERENCES jurors(id),
            nomination_id INTEGER REFERENCES nominations(id),
            organization TEXT,
            reason TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK ((nomination_id IS NULL) <> (organization IS NULL))
        );
        """
    )


def m004_rounds_and_scores(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE rounds (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('jury', 'self-assessment')),
            method TEXT NOT NULL CHECK (method IN ('mean', 'median', 'trimmed', 'zscore', 'rank')),
            per_nomination INTEGER,
            seed INTEGER NOT NULL DEFAULT 0,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            opened_at TEXT NOT NULL,
            closed_at TEXT,
            closed_with_missing INTEGER NOT NULL DEFAULT 0,
            frozen_criteria TEXT,       -- JSON: the criteria as they were when the round closed
            tie_break TEXT,             -- comma-separated criterion keys used when it closed
            UNIQUE (competition_id, number)
        );
        CREATE TABLE round_nominations (
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            nomination_id INTEGER NOT NULL REFERENCES nominations(id),
            advanced INTEGER NOT NULL DEFAULT 0,   -- on the shortlist for the next round
            PRIMARY KEY (round_id, nomination_id)
        );
        CREATE TABLE assignments (
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            juror_id INTEGER NOT NULL REFERENCES jurors(id),
            nomination_id INTEGER NOT NULL REFERENCES nominations(id),
            PRIMARY KEY (round_id, juror_id, nomination_id)
        );
        CREATE INDEX assignments_by_nomination ON assignments(round_id, nomination_id);
        CREATE TABLE scores (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            juror_id INTEGER REFERENCES jurors(id),   -- NULL in a self-assessment round
            nomination_id INTEGER NOT NULL REFERENCES nominations(id),
            criterion TEXT NOT NULL,
            value REAL NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT NOT NULL
        );
        CREATE UNIQUE INDEX scores_one_per_cell
            ON scores(round_id, nomination_id, criterion, ifnull(juror_id, 0));
        CREATE TABLE score_comments (
            id INTEGER PRIMARY KEY,
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            juror_id INTEGER REFERENCES jurors(id),
            nomination_id INTEGER NOT NULL REFERENCES nominations(id),
            comment TEXT NOT NULL
        );
        CREATE UNIQUE INDEX score_comments_one_per_pair
            ON score_comments(round_id, nomination_id, ifnull(juror_id, 0));
        CREATE TABLE round_results (
            round_id INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
            nomination_id INTEGER NOT NULL REFERENCES nominations(id),
            rank INTEGER NOT NULL,
            score REAL,
            by_criterion TEXT NOT NULL,  -- JSON {criterion key: panel value}
            jurors INTEGER NOT NULL,
            spread REAL NOT NULL,
            score_range REAL NOT NULL,
            tied INTEGER NOT NULL,
            disagreement INTEGER NOT NULL,
            incomplete INTEGER NOT NULL,
            decided_by TEXT,
            PRIMARY KEY (round_id, nomination_id)
        );
        """
    )


def m005_winners(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE winners (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            nomination_id INTEGER NOT NULL REFERENCES nominations(id),
            place TEXT NOT NULL CHECK (place IN ('winner', 'runner-up', 'mention')),
            citation TEXT,
            override_reason TEXT,
            declared_at TEXT NOT NULL,
            declared_by TEXT NOT NULL,
            UNIQUE (competition_id, nomination_id)
        );
        CREATE UNIQUE INDEX one_winner_per_competition ON winners(competition_id)
            WHERE place = 'winner';
        """
    )


def m006_audit_log(db: Database) -> None:
    # Append-only: the tool never updates or deletes a row, and triggers refuse anyone who tries,
    # except the privacy purge, which redacts personal data while the `purging` setting is on
    # inside its own transaction.
    db.executescript(
        """
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE audit_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            competition TEXT,          -- slug, kept as text so the trail outlives a deletion
            entity TEXT,
            entity_id TEXT,
            before TEXT,               -- JSON
            after TEXT,                -- JSON
            note TEXT
        );
        CREATE INDEX audit_log_by_competition ON audit_log(competition, id);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            WHEN (SELECT value FROM settings WHERE key = 'purging') IS NULL
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """
    )


def m007_scores_by_juror(db: Database) -> None:
    # Progress per juror (round status, awards status) joins scores by juror and nomination.
    db.execute("CREATE INDEX scores_by_juror ON scores(round_id, juror_id, nomination_id)")


def m008_english_citations(db: Database) -> None:
    # The English press release needs the jury's citation in English, beside the Finnish one.
    db.execute("ALTER TABLE winners ADD COLUMN citation_en TEXT")


def m009_methods_and_flags_as_data(db: Database) -> None:
    # The ranking methods are named once, in awards.ranking's registry; a CHECK spelling them out
    # again would make every new method a table rebuild. Removing a CHECK does not change how
    # rows are stored, so SQLite allows editing the table's declared SQL in place (see "Making
    # Other Kinds Of Table Schema Changes" in SQLite's ALTER TABLE documentation); rebuilding
    # `rounds` instead would cascade-delete every score with foreign keys on.
    old_check = " CHECK (method IN ('mean', 'median', 'trimmed', 'zscore', 'rank'))"
    sql = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'rounds'"
    ).fetchone()[0]
    if old_check in sql:
        version = db.execute("PRAGMA schema_version").fetchone()[0]
        db.execute("PRAGMA writable_schema = ON")
        db.execute(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'rounds'",
            [sql.replace(old_check, "")],
        )
        db.execute(f"PRAGMA schema_version = {version + 1}")
        db.execute("PRAGMA writable_schema = OFF")
    # A tie-break is stored as the deciding criterion's key, not as English words.
    db.execute(
        "UPDATE round_results SET decided_by = substr(decided_by, 12) "
        "WHERE decided_by LIKE 'tie-break: %'"
    )


def m010_form_mappings(db: Database) -> None:
    # Which column of a form's export is which field, remembered per competition and form (the
    # form is its set of column names), so next week's download imports with no --map.
    db.executescript(
        """
        CREATE TABLE form_mappings (
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            form TEXT NOT NULL,
            mapping TEXT NOT NULL,
            saved_at TEXT NOT NULL,
            PRIMARY KEY (competition_id, form)
        );
        """
    )


def m011_audit_log_sealed(db: Database) -> None:
    # INSERT OR REPLACE deletes the old row without firing DELETE triggers (unless recursive
    # triggers are on): refuse an insert that names an existing id. And the privacy purge may
    # only rewrite the before/after values, never who did what when.
    db.executescript(
        """
        CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
            WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        DROP TRIGGER audit_log_no_update;
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            WHEN (SELECT value FROM settings WHERE key = 'purging') IS NULL
                OR NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
                OR NEW.action IS NOT OLD.action OR NEW.competition IS NOT OLD.competition
                OR NEW.entity IS NOT OLD.entity OR NEW.entity_id IS NOT OLD.entity_id
                OR NEW.note IS NOT OLD.note
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """
    )


def m012_organizer_and_translations(db: Database) -> None:
    # What the press release and the certificates say about who runs the awards, set once per
    # database (one row); the jury chair's quote per competition; a nominee's job title and
    # unit in English, so that an English release never shows them untranslated; and caches
    # of each round's panel analysis and open ranking.
    db.executescript(
        """
        CREATE TABLE organizer (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            name TEXT,
            name_en TEXT,
            about TEXT,
            about_en TEXT,
            contact TEXT,
            contact_en TEXT,
            embargo_time TEXT,
            city TEXT
        );
        ALTER TABLE competitions ADD COLUMN chair_quote TEXT;
        ALTER TABLE competitions ADD COLUMN chair_quote_en TEXT;
        ALTER TABLE nominations ADD COLUMN nominee_en TEXT;
        ALTER TABLE nominations ADD COLUMN title_en TEXT;
        ALTER TABLE nominations ADD COLUMN organization_en TEXT;
        -- Frozen with the rest of a closed round's row: which juror's total lies furthest
        -- from the others' where they disagree (NULL: no disagreement, or closed earlier).
        ALTER TABLE round_results ADD COLUMN furthest_juror TEXT;
        -- The panel analysis of a round as last computed, and the state it was computed on
        -- (the newest audit entry: every change to scores, jurors or rounds writes one), so
        -- that the jury report and `awards panel` do not redo seconds of resampling for an
        -- unchanged round.
        CREATE TABLE panel_cache (
            round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
            state TEXT NOT NULL,
            analysis TEXT NOT NULL
        );
        -- The same for an open round's ranking (a closed round's is frozen in round_results).
        CREATE TABLE ranking_cache (
            round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
            state TEXT NOT NULL,
            rows TEXT NOT NULL
        );
        """
    )


def m013_jury_as_declared(db: Database) -> None:
    # The jury of a decided competition as it was when its first place was declared: its
    # documents (the release's jury list, the report, the certificates' chair) read this, so a
    # juror's later change of name or employer (`awards juror set`) never rewrites a past year.
    # Competitions decided before this table existed take the jury as it is now.
    db.executescript(
        """
        CREATE TABLE declared_juries (
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            juror_id INTEGER NOT NULL REFERENCES jurors(id),
            email TEXT NOT NULL,
            name TEXT NOT NULL,
            organization TEXT,
            role TEXT NOT NULL,
            taken_at TEXT NOT NULL,
            PRIMARY KEY (competition_id, juror_id)
        );
        INSERT INTO declared_juries (competition_id, juror_id, email, name, organization, role,
                                     taken_at)
            SELECT m.competition_id, j.id, j.email, j.name, j.organization, m.role,
                   (SELECT min(declared_at) FROM winners w
                    WHERE w.competition_id = m.competition_id)
            FROM jury_members m JOIN jurors j ON j.id = m.juror_id
            WHERE m.competition_id IN (SELECT competition_id FROM winners);
        """
    )


def m015_exported_documents(db: Database) -> None:
    # Which documents of a competition have been written (announcement, certificates, feedback,
    # report, results), so that `awards status` moves on once the release is out. One row per
    # export; the newest of a kind is what counts.
    db.executescript(
        """
        CREATE TABLE exported_documents (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            lang TEXT NOT NULL,
            path TEXT NOT NULL,
            exported_at TEXT NOT NULL,
            exported_by TEXT NOT NULL
        );
        CREATE INDEX exported_documents_by_competition
            ON exported_documents(competition_id, kind);
        """
    )


def m016_mail_log(db: Database) -> None:
    # `awards mail`: where a candidate's own feedback goes (never the nominator's address), how
    # the coordinator's server is reached (never the password), and every message written as a
    # draft or sent, so that a second run sends only what has not gone out. `content` is the
    # sha256 of what the attachment says (a document's bytes change with its save time);
    # `sha256` the attachment's bytes as they went out. `status`: sending (interrupted in the
    # middle: it may have gone), sent, written (an .eml draft), failed.
    db.executescript(
        """
        ALTER TABLE nominations ADD COLUMN contact_email TEXT;
        ALTER TABLE organizer ADD COLUMN smtp_host TEXT;
        ALTER TABLE organizer ADD COLUMN smtp_port INTEGER;
        ALTER TABLE organizer ADD COLUMN smtp_user TEXT;
        ALTER TABLE organizer ADD COLUMN smtp_from TEXT;
        ALTER TABLE organizer ADD COLUMN smtp_security TEXT;
        CREATE TABLE mail_log (
            id INTEGER PRIMARY KEY,
            competition_id INTEGER NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
            round_id INTEGER REFERENCES rounds(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('sheet', 'reminder', 'feedback')),
            whose TEXT NOT NULL,
            recipient TEXT NOT NULL,
            subject TEXT NOT NULL,
            attachment TEXT,
            sha256 TEXT,
            content TEXT NOT NULL,
            message_id TEXT NOT NULL,
            via TEXT NOT NULL CHECK (via IN ('draft', 'smtp')),
            status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'written', 'failed')),
            error TEXT,
            details TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX mail_log_by_competition ON mail_log (competition_id, kind, whose);
        """
    )


def m017_tamper_evidence(db: Database) -> None:
    # Edits made outside awards become visible (see db/tamper.py): the audit log's entries are
    # chained by hash (the existing ones are chained here, in id order); `seals` keeps a digest
    # of each closed round's frozen data and shortlist and of each competition's places and jury,
    # re-sealed by the tool's own writes; `changes` is one counter every write transaction bumps,
    # which the caches key on; `round_changes` counts each round's score edits by trigger, so an
    # edit with `sqlite3` misses the caches too.
    from .base import utc_now
    from .tamper import entry_hash, seal_everything

    db.executescript(
        """
        ALTER TABLE audit_log ADD COLUMN hash TEXT;
        CREATE TABLE seals (key TEXT PRIMARY KEY, digest TEXT NOT NULL, sealed_at TEXT NOT NULL);
        CREATE TABLE changes (id INTEGER PRIMARY KEY CHECK (id = 1), counter INTEGER NOT NULL);
        INSERT INTO changes (id, counter) VALUES (1, 0);
        CREATE TABLE round_changes (round_id INTEGER PRIMARY KEY, counter INTEGER NOT NULL);
        CREATE TRIGGER scores_counted_insert AFTER INSERT ON scores BEGIN
            INSERT INTO round_changes (round_id, counter) VALUES (NEW.round_id, 1)
                ON CONFLICT (round_id) DO UPDATE SET counter = counter + 1;
        END;
        CREATE TRIGGER scores_counted_update AFTER UPDATE ON scores BEGIN
            INSERT INTO round_changes (round_id, counter) VALUES (NEW.round_id, 1)
                ON CONFLICT (round_id) DO UPDATE SET counter = counter + 1;
            INSERT INTO round_changes (round_id, counter) VALUES (OLD.round_id, 1)
                ON CONFLICT (round_id) DO UPDATE SET counter = counter + 1;
        END;
        CREATE TRIGGER scores_counted_delete AFTER DELETE ON scores BEGIN
            INSERT INTO round_changes (round_id, counter) VALUES (OLD.round_id, 1)
                ON CONFLICT (round_id) DO UPDATE SET counter = counter + 1;
        END;
        CREATE TRIGGER winners_counted_insert AFTER INSERT ON winners BEGIN
            UPDATE changes SET counter = counter + 1;
        END;
        CREATE TRIGGER winners_counted_update AFTER UPDATE ON winners BEGIN
            UPDATE changes SET counter = counter + 1;
        END;
        CREATE TRIGGER winners_counted_delete AFTER DELETE ON winners BEGIN
            UPDATE changes SET counter = counter + 1;
        END;
        """
    )
    # The log is append-only; chaining the entries written so far is the one update the
    # migration makes, under the same permission the privacy purge uses.
    db.execute("INSERT INTO settings (key, value) VALUES ('purging', 'migration')")
    previous = None
    rows = db.execute(
        "SELECT id, at, actor, action, competition, entity, entity_id, before, after, note "
        "FROM audit_log ORDER BY id"
    ).fetchall()
    for row in rows:
        previous = entry_hash(previous, row)
        db.execute("UPDATE audit_log SET hash = ? WHERE id = ?", (previous, row[0]))
    db.execute("DELETE FROM settings WHERE key = 'purging'")
    seal_everything(db.conn, utc_now())


def m014_form_response_ids(db: Database) -> None:
    # A form tool's own response id (prefixed with its form), so that a re-downloaded export
    # in which a respondent edited an answer updates that nomination instead of adding one. And
    # a fingerprint now covers every answer kept with a nomination (two responses that differ
    # in any answer are two nominations): recomputed here for the nominations that have some.
    import json

    from awards.nominations import NominationInput

    db.execute("ALTER TABLE nominations ADD COLUMN response_id TEXT")
    db.execute(
        "CREATE INDEX nominations_by_response_id ON nominations(competition_id, response_id)"
    )
    rows = db.execute(
        "SELECT id, nominee, organization, nominator, nominator_email, reason, submitted, extra "
        "FROM nominations WHERE extra IS NOT NULL"
    ).fetchall()
    updates = []
    for id_, nominee, organization, nominator, email, reason, submitted, extra in rows:
        kept = json.loads(extra) if extra else {}
        if not kept:
            continue
        entry = NominationInput(
            nominee=nominee or "",
            organization=organization,
            nominator=nominator,
            nominator_email=email,
            reason=reason,
            submitted=submitted,
            extra={str(k): str(v) for k, v in kept.items()},
        )
        updates.append((entry.fingerprint(), id_))
    db.conn.executemany("UPDATE nominations SET fingerprint = ? WHERE id = ?", updates)


def m018_method_note_cache(db: Database) -> None:
    # What `awards ranking` says under its table when another method would change the first
    # places or the shortlist, kept like the ranking beside it: working it out restates the
    # round six ways, three times the warm ranking it is printed with.
    db.executescript(
        """
        CREATE TABLE method_note_cache (
            round_id INTEGER PRIMARY KEY REFERENCES rounds(id) ON DELETE CASCADE,
            state TEXT NOT NULL,
            notes TEXT NOT NULL
        );
        """
    )


MIGRATIONS = [
    m001_competitions,
    m002_nominations,
    m003_jury,
    m004_rounds_and_scores,
    m005_winners,
    m006_audit_log,
    m007_scores_by_juror,
    m008_english_citations,
    m009_methods_and_flags_as_data,
    m010_form_mappings,
    m011_audit_log_sealed,
    m012_organizer_and_translations,
    m013_jury_as_declared,
    m014_form_response_ids,
    m015_exported_documents,
    m016_mail_log,
    m017_tamper_evidence,
    m018_method_note_cache,
]
SCHEMA_VERSION = len(MIGRATIONS)


def migration_set() -> Migrations:
    from sqlite_utils.migrations import Migrations

    migrations = Migrations(MIGRATION_SET)
    for fn in MIGRATIONS:
        migrations()(fn)
    return migrations
