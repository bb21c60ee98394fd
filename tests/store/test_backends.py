"""What is particular to each backend, and how `open_store` reads URLs."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest

from app.store import StoredComparison, StoreUnavailableError, open_store
from app.store.sqlite import SqliteStore


def test_sqlite_urls_and_plain_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, record: StoredComparison
) -> None:
    monkeypatch.chdir(tmp_path)
    with open_store("sqlite:///var/relative.db") as store:  # relative: three slashes
        store.put(record)
    with open_store(str(tmp_path / "var" / "relative.db")) as store:  # a plain path
        assert store.get(record.id) == record
    with open_store(f"sqlite:///{tmp_path}/new/dirs/abs.db") as store:  # absolute: four
        assert store.count() == 0
    assert (tmp_path / "new" / "dirs" / "abs.db").is_file()


@pytest.mark.parametrize(
    "url", ["sqlite://", "sqlite:///", "sqlite:///:memory:", ":memory:", "mysql://x/y", "sqlite:x"]
)
def test_unusable_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        open_store(url)


def test_sqlite_uses_wal_and_sets_each_connection_up(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path}/store.db") as store:
        assert isinstance(store, SqliteStore)
        connection = store._connect()
        try:
            pragmas = ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
            values = [connection.execute(f"PRAGMA {p}").fetchone()[0] for p in pragmas]
            assert values == ["wal", 1, 1, 5000]  # synchronous 1 is NORMAL
        finally:
            connection.close()
    with sqlite3.connect(tmp_path / "store.db") as plain:  # WAL is kept in the file
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_writers_in_separate_stores_queue_instead_of_failing(
    tmp_path: Path, record: StoredComparison
) -> None:
    # Two stores on one file stand for two web worker processes.
    url = f"sqlite:///{tmp_path}/store.db"
    with open_store(url) as first, open_store(url) as second:
        for i in range(20):
            (first if i % 2 else second).put(replace(record, id=f"id-{i}"))
        assert first.count() == second.count() == 20


def _with_options(url: str, options: str) -> str:
    # postgres_url already carries `options=-csearch_path=...`: add to it.
    return url + quote(f" {options}")


def test_postgres_times_come_back_in_utc_whatever_the_session_zone(
    postgres_url: str, record: StoredComparison
) -> None:
    with open_store(_with_options(postgres_url, "-ctimezone=Asia/Kolkata")) as store:
        store.put(record)
        stored = store.get(record.id)
    assert stored == record
    assert stored is not None and stored.created_at.tzinfo is not None
    assert stored.created_at.utcoffset() == record.created_at.utcoffset()


def test_postgres_drops_a_broken_connection_and_reconnects(
    postgres_url: str, postgres_server_url: str
) -> None:
    name = f"diptych-{uuid.uuid4().hex[:12]}"
    with open_store(f"{postgres_url}&application_name={name}") as store:
        assert store.count() == 0  # leaves one idle connection in the pool
        with psycopg.connect(postgres_server_url, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE application_name = %s",
                (name,),
            )
        with pytest.raises(StoreUnavailableError, match="cannot be reached"):
            store.count()
        assert store.count() == 0
