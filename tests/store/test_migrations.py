"""Schema migrations, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from dataclasses import replace
from typing import Any

import psycopg
import pytest

from app.store import (
    LATEST_VERSION,
    NO_SOURCE,
    Comment,
    Source,
    StoredComparison,
    StoreError,
    Visibility,
    hash_token,
    open_store,
    token_matches,
)
from app.store.migrations import MIGRATIONS

# The columns of the comparisons table as migration 1 created them.
_VERSION_1_COLUMNS = re.findall(r"^\s+(\w+) [A-Z]+ NOT NULL", MIGRATIONS[0].sqlite[0], re.MULTILINE)

_SCHEMA_SQL = {
    "sqlite": "SELECT type, name, sql FROM sqlite_master ORDER BY type, name",
    "postgresql": (
        "SELECT c.relkind::text, c.relname, pg_get_indexdef(c.oid) FROM pg_class c"
        " WHERE c.relnamespace = current_schema()::regnamespace ORDER BY 1, 2"
    ),
}


def _raw(database_url: str, sql: str) -> list[tuple[Any, ...]]:
    """Run `sql` on a connection of our own, outside the store, and commit."""
    return _raw_with(database_url, sql, [])


def _raw_with(database_url: str, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    if database_url.startswith("sqlite:///"):
        path = database_url.removeprefix("sqlite:///")
        with closing(sqlite3.connect(path)) as connection, connection:
            return connection.execute(sql, params).fetchall()
    with psycopg.connect(database_url) as pg_connection, pg_connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def _objects(database_url: str) -> list[tuple[Any, ...]]:
    """Every table and index: (kind, name, definition)."""
    dialect = "sqlite" if database_url.startswith("sqlite") else "postgresql"
    return _raw(database_url, _SCHEMA_SQL[dialect])


def _schema(database_url: str) -> list[tuple[Any, ...]]:
    """Every table and index, and the schema_version rows."""
    return _objects(database_url) + _raw(database_url, "SELECT * FROM schema_version ORDER BY 1")


def _has_library_index(database_url: str) -> bool:
    names = {name for _, name, _ in _objects(database_url)}
    return "comparisons_library" in names


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert all(m.sqlite and m.postgresql and m.description for m in MIGRATIONS)


def test_a_new_database_is_at_version_zero_until_migrated(database_url: str) -> None:
    with open_store(database_url, migrate=False) as store:
        assert store.schema_version() == 0
        assert store.migrate() == list(range(1, LATEST_VERSION + 1))
        assert store.schema_version() == LATEST_VERSION


def _insert_as_version(database_url: str, record: StoredComparison, version: int) -> None:
    """Insert `record` as the code of schema `version` (1 or 3) did: that schema's columns."""
    columns = [name for name in _VERSION_1_COLUMNS if name != "title_key"]
    renamed = {"delete_token_hash": "owner_token_hash"}
    values = [
        json.dumps(value) if isinstance(value, dict) else value
        for value in (getattr(record, renamed.get(name, name)) for name in columns)
    ]
    if version >= 3:
        columns += ["left_source", "right_source"]
        values += [json.dumps(record.left_source.as_json()), json.dumps({})]
    placeholder = "?" if database_url.startswith("sqlite") else "%s"
    if database_url.startswith("sqlite"):
        values[columns.index("created_at")] = record.created_at.isoformat(timespec="microseconds")
    sql = (
        f"INSERT INTO comparisons ({', '.join(columns)}, title_key)"
        f" VALUES ({', '.join(placeholder for _ in range(len(columns) + 1))})"
    )
    _raw_with(database_url, sql, [*values, record.title.casefold()])


def test_a_version_1_database_is_upgraded_and_keeps_its_data(
    database_url: str, record: StoredComparison
) -> None:
    with open_store(database_url, migrate=False) as store:
        assert store.migrate(target=1) == [1]
        assert store.schema_version() == 1
    _insert_as_version(database_url, record, 1)
    assert not _has_library_index(database_url)

    with open_store(database_url) as store:
        assert store.schema_version() == LATEST_VERSION == 7
        upgraded = store.get(record.id)
    # Made before anyone chose: unlisted, its result under its old id.
    assert upgraded == replace(record, visibility=Visibility.UNLISTED)
    assert upgraded.left_source == upgraded.right_source == NO_SOURCE
    assert upgraded.result_id == record.id
    assert _has_library_index(database_url)


def test_a_version_3_database_with_data_becomes_review_objects(
    database_url: str, record: StoredComparison
) -> None:
    """Today's links keep working: old ids become comparison ids, each over a
    result of the same id; the owner token still owns; comments can be added."""
    sourced = replace(
        record, id="feed" * 5, title="Sourced", left_source=Source(url="https://a.example/x")
    )
    with open_store(database_url, migrate=False) as store:
        assert store.migrate(target=3) == [1, 2, 3]
    for made in (record, sourced):
        _insert_as_version(database_url, made, 3)
    with open_store(database_url) as store:
        assert store.migrate() == []  # open_store did it
        for made in (record, sourced):
            upgraded = store.get(made.id)
            assert upgraded == replace(made, visibility=Visibility.UNLISTED, result_id=made.id)
            assert store.has_result(made.id)
            assert token_matches("token", upgraded.owner_token_hash)
        assert store.list() == []  # nothing listed that nobody chose to list
        comment = Comment(
            id="c1",
            comparison_id=record.id,
            thread_id=None,
            row=1,
            change=None,
            author="Ann",
            author_key_hash=hash_token("ann"),
            body="Checked.",
            created_at=record.created_at,
        )
        store.add_comment(comment, max_comments=10)
        assert store.comments(record.id) == [comment]
        assert store.revision(record.id) == (1, None)


def test_migrating_twice_changes_nothing(database_url: str) -> None:
    with open_store(database_url) as store:
        before = _schema(database_url)
        assert store.migrate() == []
        assert store.migrate(target=1) == []  # no downgrades
    with open_store(database_url) as store:
        assert store.schema_version() == LATEST_VERSION
    assert _schema(database_url) == before


def test_a_database_newer_than_the_code_is_refused(database_url: str) -> None:
    open_store(database_url).close()
    _raw(database_url, "INSERT INTO schema_version VALUES (99, 'from the future', 'x')")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        open_store(database_url)


def test_an_unknown_target_is_refused(database_url: str) -> None:
    with open_store(database_url, migrate=False) as store, pytest.raises(ValueError):
        store.migrate(target=LATEST_VERSION + 1)
