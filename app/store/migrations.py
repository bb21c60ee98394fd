"""The database schema as an ordered list of migrations, and how to apply them.

One mechanism for both dialects: a `schema_version` table with a row per
applied migration (not SQLite's PRAGMA user_version, which PostgreSQL lacks).
The schema version is the highest version in it, 0 for a new database.

Migrations are applied in a single transaction, so a failing step leaves the
database at its old version; both SQLite and PostgreSQL have transactional
DDL. To change the schema, append a migration: never edit a released one, as
databases that already applied it would not see the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.store.base import StoreError
from app.store.dbapi import Cursor, Dialect


@dataclass(frozen=True, slots=True)
class Migration:
    """The statements taking the schema from `version - 1` to `version`, per dialect."""

    version: int
    description: str
    sqlite: tuple[str, ...]
    postgresql: tuple[str, ...]

    def statements(self, dialect: Dialect) -> tuple[str, ...]:
        return self.sqlite if dialect == "sqlite" else self.postgresql


def _comparisons_table(timestamp: str, double: str, options: str = "") -> str:
    # One definition for both dialects so their columns can't drift apart.
    # title_key is the case-folded title, searched instead of the title
    # because SQLite's LIKE and lower() only fold ASCII letters.
    return f"""
        CREATE TABLE comparisons (
            id TEXT NOT NULL PRIMARY KEY,
            title TEXT NOT NULL,
            title_key TEXT NOT NULL,
            left_label TEXT NOT NULL,
            right_label TEXT NOT NULL,
            left_text TEXT NOT NULL,
            right_text TEXT NOT NULL,
            options TEXT NOT NULL,
            comparison TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            created_at {timestamp} NOT NULL,
            delete_token_hash TEXT NOT NULL,
            similarity {double} NOT NULL,
            row_counts TEXT NOT NULL,
            words_added INTEGER NOT NULL,
            words_removed INTEGER NOT NULL
        ){options}"""


# SQLite keeps created_at as ISO 8601 text of fixed width (microseconds,
# "+00:00"), so sorting the text sorts by time; STRICT makes it check types.
_NEWEST_INDEX = "CREATE INDEX comparisons_newest ON comparisons (created_at DESC, id DESC)"

# A JSON object (see records.Source); '{}' for the comparisons stored before.
_SOURCE_COLUMNS = tuple(
    f"ALTER TABLE comparisons ADD COLUMN {side}_source TEXT NOT NULL DEFAULT '{{}}'"
    for side in ("left", "right")
)


def _review_schema(timestamp: str, double: str, strict: str, serial: str) -> tuple[str, ...]:
    """Migration 4: the engine's results kept apart from the comparisons people
    create (one result, many comparisons), with visibility, expiry and owner;
    comments and marks; and a note of the comparisons that expired.

    The comparisons stored before keep their ids (their links keep working),
    each over a result of the same id, unlisted: they were made when nobody
    chose, and nothing is shown to others that its creator did not choose.
    """
    return (
        f"""CREATE TABLE results (
            id TEXT NOT NULL PRIMARY KEY,
            left_text TEXT NOT NULL,
            right_text TEXT NOT NULL,
            options TEXT NOT NULL,
            comparison TEXT NOT NULL,
            engine_version TEXT NOT NULL,
            similarity {double} NOT NULL,
            row_counts TEXT NOT NULL,
            words_added INTEGER NOT NULL,
            words_removed INTEGER NOT NULL
        ){strict}""",
        """INSERT INTO results (id, left_text, right_text, options, comparison, engine_version,
            similarity, row_counts, words_added, words_removed)
            SELECT id, left_text, right_text, options, comparison, engine_version,
            similarity, row_counts, words_added, words_removed FROM comparisons""",
        f"""CREATE TABLE comparisons_v4 (
            id TEXT NOT NULL PRIMARY KEY,
            result_id TEXT NOT NULL REFERENCES results (id),
            title TEXT NOT NULL,
            title_key TEXT NOT NULL,
            left_label TEXT NOT NULL,
            right_label TEXT NOT NULL,
            left_source TEXT NOT NULL,
            right_source TEXT NOT NULL,
            created_at {timestamp} NOT NULL,
            owner_token_hash TEXT NOT NULL,
            owner TEXT,
            visibility TEXT NOT NULL CHECK (visibility IN ('listed', 'unlisted')),
            expires_at {timestamp},
            revision INTEGER NOT NULL
        ){strict}""",
        """INSERT INTO comparisons_v4 (id, result_id, title, title_key, left_label, right_label,
            left_source, right_source, created_at, owner_token_hash, owner, visibility,
            expires_at, revision)
            SELECT id, id, title, title_key, left_label, right_label, left_source, right_source,
            created_at, delete_token_hash, NULL, 'unlisted', NULL, 0 FROM comparisons""",
        "DROP TABLE comparisons",
        "ALTER TABLE comparisons_v4 RENAME TO comparisons",
        "CREATE INDEX comparisons_library ON comparisons (visibility, created_at DESC, id DESC)",
        "CREATE INDEX comparisons_expiry ON comparisons (expires_at)",
        "CREATE INDEX comparisons_result ON comparisons (result_id)",
        f"""CREATE TABLE comments (
            id TEXT NOT NULL PRIMARY KEY,
            comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
            thread_id TEXT REFERENCES comments (id) ON DELETE CASCADE,
            row_number INTEGER NOT NULL,
            change_index INTEGER,
            author TEXT NOT NULL,
            author_key_hash TEXT NOT NULL,
            body TEXT NOT NULL,
            created_at {timestamp} NOT NULL,
            edited_at {timestamp},
            resolved INTEGER NOT NULL,
            resolved_by TEXT
        ){strict}""",
        "CREATE INDEX comments_comparison ON comments (comparison_id, created_at, id)",
        "CREATE INDEX comments_thread ON comments (thread_id)",
        f"""CREATE TABLE marks (
            id {serial},
            comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
            row_number INTEGER NOT NULL,
            change_index INTEGER,
            state TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            created_at {timestamp} NOT NULL
        ){strict}""",
        "CREATE INDEX marks_comparison ON marks (comparison_id, id)",
        # Only the id and when it expired: enough to answer 410 Gone, no content.
        f"""CREATE TABLE expired (
            id TEXT NOT NULL PRIMARY KEY,
            expired_at {timestamp} NOT NULL
        ){strict}""",
    )


def _story_schema(timestamp: str, strict: str) -> tuple[str, ...]:
    """Migration 5: stories of many versions. A story's pairwise comparisons are
    ordinary comparisons (its `story_pairs` name them, with a digest of each for
    the story's pages); a story deleted takes its versions, pairs and comparisons."""
    return (
        f"""CREATE TABLE stories (
            id TEXT NOT NULL PRIMARY KEY,
            title TEXT NOT NULL,
            mode TEXT NOT NULL CHECK (mode IN ('timeline', 'copies')),
            base INTEGER NOT NULL,
            created_at {timestamp} NOT NULL,
            owner_token_hash TEXT NOT NULL,
            owner TEXT,
            visibility TEXT NOT NULL CHECK (visibility IN ('listed', 'unlisted')),
            expires_at {timestamp},
            revision INTEGER NOT NULL
        ){strict}""",
        "CREATE INDEX stories_library ON stories (visibility, created_at DESC, id DESC)",
        "CREATE INDEX stories_expiry ON stories (expires_at)",
        f"""CREATE TABLE story_versions (
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            label TEXT NOT NULL,
            published TEXT,
            source TEXT NOT NULL,
            text TEXT NOT NULL,
            chars INTEGER NOT NULL,
            added_at {timestamp} NOT NULL,
            PRIMARY KEY (story_id, position)
        ){strict}""",
        f"""CREATE TABLE story_pairs (
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            left_position INTEGER NOT NULL,
            right_position INTEGER NOT NULL,
            comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
            digest TEXT NOT NULL,
            PRIMARY KEY (story_id, left_position, right_position)
        ){strict}""",
        "CREATE INDEX story_pairs_comparison ON story_pairs (comparison_id)",
    )


def _creation_keys(timestamp: str, strict: str) -> tuple[str, ...]:
    """Migration 6: the idempotency keys of creations (see app.store.sql_keys),
    deleted with their comparison, and after a day by the sweep."""
    return (
        f"""CREATE TABLE creation_keys (
            key_hash TEXT NOT NULL PRIMARY KEY,
            comparison_id TEXT NOT NULL REFERENCES comparisons (id) ON DELETE CASCADE,
            request_hash TEXT NOT NULL,
            sealed_token TEXT NOT NULL,
            created_at {timestamp} NOT NULL
        ){strict}""",
        "CREATE INDEX creation_keys_comparison ON creation_keys (comparison_id)",
        "CREATE INDEX creation_keys_created ON creation_keys (created_at)",
    )


def _watch_schema(timestamp: str, strict: str, serial: str, key: str) -> tuple[str, ...]:
    """Migration 7: links a story watches, and each check of them (see
    `watch_records`). A link is claimed by a lease (`claimed_until`), so a
    watcher that dies holds it only until the lease ends."""
    return (
        f"""CREATE TABLE watched_links (
            id {serial},
            story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
            url TEXT NOT NULL,
            interval_seconds INTEGER NOT NULL,
            next_check_at {timestamp} NOT NULL,
            checks INTEGER NOT NULL,
            failures_in_row INTEGER NOT NULL,
            paused_reason TEXT,
            claimed_until {timestamp},
            UNIQUE (story_id, url)
        ){strict}""",
        "CREATE INDEX watched_links_due ON watched_links (next_check_at)",
        f"""CREATE TABLE watch_checks (
            id {serial},
            link_id {key} NOT NULL REFERENCES watched_links (id) ON DELETE CASCADE,
            checked_at {timestamp} NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('new-version', 'unchanged', 'failed')),
            reason TEXT NOT NULL,
            version INTEGER
        ){strict}""",
        "CREATE INDEX watch_checks_link ON watch_checks (link_id, id)",
    )


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "comparisons table",
        sqlite=(_comparisons_table("TEXT", "REAL", " STRICT"),),
        postgresql=(_comparisons_table("TIMESTAMPTZ", "DOUBLE PRECISION"),),
    ),
    Migration(
        2,
        "index for the library page, newest first",
        sqlite=(_NEWEST_INDEX,),
        postgresql=(_NEWEST_INDEX,),
    ),
    Migration(
        3,
        "where each side came from (link, file, title, byline, date)",
        sqlite=_SOURCE_COLUMNS,
        postgresql=_SOURCE_COLUMNS,
    ),
    Migration(
        4,
        "results apart from comparisons; visibility, expiry, owner; comments and marks",
        sqlite=_review_schema("TEXT", "REAL", " STRICT", "INTEGER NOT NULL PRIMARY KEY"),
        postgresql=_review_schema(
            "TIMESTAMPTZ",
            "DOUBLE PRECISION",
            "",
            "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
        ),
    ),
    Migration(
        5,
        "stories: versions of one article and their pairwise comparisons",
        sqlite=_story_schema("TEXT", " STRICT"),
        postgresql=_story_schema("TIMESTAMPTZ", ""),
    ),
    Migration(
        6,
        "idempotency keys of creations",
        sqlite=_creation_keys("TEXT", " STRICT"),
        postgresql=_creation_keys("TIMESTAMPTZ", ""),
    ),
    Migration(
        7,
        "watched links and their checks",
        sqlite=_watch_schema("TEXT", " STRICT", "INTEGER NOT NULL PRIMARY KEY", "INTEGER"),
        postgresql=_watch_schema(
            "TIMESTAMPTZ", "", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "BIGINT"
        ),
    ),
)
LATEST_VERSION = MIGRATIONS[-1].version

_CREATE_VERSION_TABLE = """
    CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER NOT NULL PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TEXT NOT NULL
    )"""

_VERSION_TABLE_EXISTS: dict[Dialect, str] = {
    "sqlite": "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
    "postgresql": (
        "SELECT count(*) FROM information_schema.tables"
        " WHERE table_schema = current_schema() AND table_name = 'schema_version'"
    ),
}

# Serializes migrators (several web workers starting at once). SQLite needs
# nothing more: the store runs migrations under BEGIN IMMEDIATE, which already
# admits one writer at a time. The key is an arbitrary constant for Diptych.
_LOCK: dict[Dialect, str | None] = {
    "sqlite": None,
    "postgresql": "SELECT pg_advisory_xact_lock(2024061501)",
}


def read_version(cursor: Cursor, dialect: Dialect) -> int:
    """The schema version of the database; 0 if never migrated."""
    cursor.execute(_VERSION_TABLE_EXISTS[dialect])
    if not cursor.fetchone()[0]:
        return 0
    cursor.execute("SELECT max(version) FROM schema_version")
    version = cursor.fetchone()[0]
    return int(version) if version is not None else 0


def check_current(version: int) -> None:
    """StoreError unless a read-only database, at `version`, is at the latest
    schema: it cannot be migrated, and older code must not read a newer one."""
    if version != LATEST_VERSION:
        raise StoreError(
            f"the database is read-only and its schema version is {version}, not "
            f"{LATEST_VERSION}: make it writable once so that Diptych can migrate it"
        )


def migrate(cursor: Cursor, dialect: Dialect, target: int | None = None) -> list[int]:
    """Apply the migrations above the database's version up to `target` (default
    the latest); the caller holds the transaction. Returns the versions applied.

    Raises StoreError if the database is newer than this code: running old code
    on a newer schema could corrupt data it doesn't understand.
    """
    target = LATEST_VERSION if target is None else target
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no schema version {target}; the latest is {LATEST_VERSION}")
    lock = _LOCK[dialect]
    if lock is not None:
        cursor.execute(lock)
    cursor.execute(_CREATE_VERSION_TABLE)
    current = read_version(cursor, dialect)
    if current > LATEST_VERSION:
        raise StoreError(
            f"database schema version {current} is newer than this Diptych "
            f"(knows up to {LATEST_VERSION}); upgrade Diptych"
        )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if current < migration.version <= target:
            for statement in migration.statements(dialect):
                cursor.execute(statement)
            cursor.execute(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.description, datetime.now(UTC).isoformat()),
            )
            applied.append(migration.version)
    return applied
