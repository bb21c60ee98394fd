"""`open_store`: from a database URL to a migrated, ready store."""

from __future__ import annotations

from pathlib import Path

from app.store.base import ComparisonStore, StoreError
from app.store.sql import SqlStore

_SQLITE_PREFIX = "sqlite:///"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_store(database_url: str, *, migrate: bool = True) -> ComparisonStore:
    """Open the store at `database_url` and, unless told not to, migrate it.

    - `sqlite:///var/diptych.db` is a file relative to the working directory,
      `sqlite:////srv/diptych.db` an absolute one (SQLAlchemy's convention:
      the path is everything after the third slash); a URL without a scheme is
      a plain file path. Missing parent directories are created.
    - `postgresql://user:password@host:port/dbname?sslmode=...` (or
      `postgres://`) is any libpq connection URI.

    Raises ValueError for a URL it can't use and StoreError if the database
    schema is newer than this code.
    """
    store = _open(database_url)
    if migrate:
        try:
            store.migrate()
        except BaseException:
            store.close()
            raise
    return store


def _open(database_url: str) -> SqlStore:
    if database_url.startswith(_POSTGRES_SCHEMES):
        # Imported here so that SQLite-only use never loads psycopg.
        from app.store.postgres import PostgresStore

        return PostgresStore(database_url)
    if database_url.startswith(_SQLITE_PREFIX):
        path = database_url.removeprefix(_SQLITE_PREFIX)
    elif "://" in database_url or database_url.startswith("sqlite:"):
        raise ValueError(
            f"unsupported database URL {database_url!r}: use sqlite:/// or postgresql://"
        )
    else:
        path = database_url
    if path in ("", ":memory:") or path.startswith("file:"):
        # Each pooled connection would open its own private in-memory database.
        raise ValueError(f"{database_url!r}: the SQLite store needs a database file path")
    from app.store.sqlite import SqliteStore

    return SqliteStore(Path(path))


__all__ = ["StoreError", "open_store"]
