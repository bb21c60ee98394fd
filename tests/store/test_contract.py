"""The `ComparisonStore` contract, run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.store import (
    ComparisonStore,
    JsonText,
    Source,
    StoreClosedError,
    StoredComparison,
    open_store,
)

ODD_TEXT = (
    "Emoji 🧪👩🏽‍🔬🏳️‍🌈, RTL \u200fשלום עולם\u200e and \u202bمرحبا\u202c, "
    "combining e\u0301 vs é, CJK 漢字かなカナ, astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, BOM \ufeff mid-text, "
    "controls \t\x01\x1f\x7f, separators \u2028\u2029, CR\r\nLF\n, quotes \"' \\ ? % _ "
)


def _many(record: StoredComparison, count: int) -> list[StoredComparison]:
    """`count` records, the i-th saved i minutes after `record`."""
    return [
        replace(
            record,
            id=f"id-{i:03}",
            title=f"Story {i:03}",
            created_at=record.created_at + timedelta(minutes=i),
        )
        for i in range(count)
    ]


def test_round_trip_keeps_every_field_exactly(
    store: ComparisonStore, record: StoredComparison
) -> None:
    odd = replace(
        record,
        title=f"Title {ODD_TEXT}",
        left_label="\u200fמקור",
        right_label="copy 🧾",
        left_text=ODD_TEXT * 3,
        right_text=ODD_TEXT + "x" * 2_000_000,
        options={"granularity": "word", "nested": {"list": [1, 2.5, None, True], "s": ODD_TEXT}},
        comparison_json=JsonText.of({**record.comparison, "extra": ODD_TEXT, "f": 0.1 + 0.2}),
        similarity=0.1 + 0.2,
        row_counts={"equal": 0, "modified": 41},
        left_source=Source(
            url="https://example.com/a?b=1&c=%C3%A9#x",
            title=f"Headline {ODD_TEXT}",
            author="Jane ‮Doe",
            published=date(2025, 3, 21),
        ),
        right_source=Source(file_name="copy 🧾.docx"),
    )
    assert store.put(odd) is True
    stored = store.get(odd.id)
    assert stored == odd
    assert stored is not None and stored.created_at.utcoffset() == timedelta(0)
    assert stored.similarity == 0.30000000000000004


def test_the_comparison_json_is_stored_as_the_text_it_came_as(
    store: ComparisonStore, record: StoredComparison
) -> None:
    # Encoded once, in the engine's process: the store writes that text as is
    # (here spaced as no encoder of ours would space it) and reads it back so.
    spaced = json.dumps(record.comparison, indent=1)
    store.put(replace(record, comparison_json=JsonText(spaced)))
    stored = store.get(record.id)
    assert stored is not None
    assert stored.comparison_json.text == spaced
    assert stored.comparison == record.comparison


def test_get_of_an_unknown_id_is_none(store: ComparisonStore) -> None:
    assert store.get("no-such-id") is None


def test_exists_follows_put_and_delete(store: ComparisonStore, record: StoredComparison) -> None:
    assert store.exists(record.id) is False
    store.put(record)
    assert store.exists(record.id) is True
    store.delete(record.id)
    assert store.exists(record.id) is False


def test_put_is_idempotent_and_keeps_the_first_record(
    store: ComparisonStore, record: StoredComparison
) -> None:
    assert store.put(record) is True
    assert store.put(replace(record, title="A later title")) is False
    assert store.get(record.id) == record
    assert store.count() == 1


def test_list_is_newest_first_with_limit_and_offset(
    store: ComparisonStore, record: StoredComparison
) -> None:
    records = _many(record, 7)
    for stored in (records[3], records[0], records[6], records[1], records[5], records[2]):
        store.put(stored)
    store.put(replace(records[4], id="id-zzz"))  # same time as records[4]: id breaks the tie
    store.put(records[4])
    ids = [summary.id for summary in store.list(limit=100)]
    assert ids == ["id-006", "id-005", "id-zzz", "id-004", "id-003", "id-002", "id-001", "id-000"]
    assert [s.id for s in store.list(limit=3, offset=2)] == ids[2:5]
    assert store.list(limit=0) == [] and store.list(offset=8) == []
    assert store.list(limit=1) == [records[6].summary()]
    assert store.count() == 8


def test_search_is_case_insensitive_and_literal(
    store: ComparisonStore, record: StoredComparison
) -> None:
    titles = ["Putin's demands", "STRASSE closed", "Straße open", "100% sure", "100 percent"]
    titles += ["snake_case", "snakeXcase", "Ärger im Büro"]
    for i, title in enumerate(titles):
        store.put(replace(_many(record, len(titles))[i], title=title))

    def found(search: str | None) -> set[str]:
        matches = {summary.title for summary in store.list(search, limit=100)}
        assert store.count(search) == len(matches)
        return matches

    assert found("PUTIN") == {"Putin's demands"}
    assert found("straße") == {"STRASSE closed", "Straße open"}  # Unicode case folding
    assert found("äRGER") == {"Ärger im Büro"}
    assert found("%") == {"100% sure"}
    assert found("0%") == {"100% sure"}
    assert found("_") == {"snake_case"}
    assert found("e_c") == {"snake_case"}
    assert found("'s") == {"Putin's demands"}
    assert found("  putin ") == {"Putin's demands"}
    assert found("nothing like it") == set()
    assert found(None) == found("") == found("  ") == set(titles)


def test_delete(store: ComparisonStore, record: StoredComparison) -> None:
    first, second = _many(record, 2)
    store.put(first)
    store.put(second)
    assert store.delete(first.id) is True
    assert store.delete(first.id) is False
    assert store.get(first.id) is None
    assert [summary.id for summary in store.list()] == [second.id]


def test_negative_paging_is_refused(store: ComparisonStore) -> None:
    with pytest.raises(ValueError, match="negative"):
        store.list(limit=-1)
    with pytest.raises(ValueError, match="negative"):
        store.list(offset=-1)


def test_concurrent_puts_and_reads(store: ComparisonStore, record: StoredComparison) -> None:
    threads, per_thread = 8, 10
    records = _many(record, threads * per_thread)
    shared = replace(record, id="shared")
    start = threading.Barrier(threads)

    def work(worker: int) -> int:
        start.wait()  # all threads hit the database at once
        new = sum(store.put(shared) for _ in range(3))
        for stored in records[worker::threads]:
            assert store.put(stored) is True
            assert store.get(stored.id) == stored
            store.list(limit=5)
        return new

    with ThreadPoolExecutor(threads) as pool:
        assert sum(pool.map(work, range(threads))) == 1  # exactly one put of `shared` was new
    assert store.count() == len(records) + 1
    assert {s.id for s in store.list(limit=1000)} == {r.id for r in records} | {"shared"}


def test_records_survive_closing_and_reopening(database_url: str, record: StoredComparison) -> None:
    with open_store(database_url) as first:
        first.put(record)
    again = open_store(database_url)
    try:
        assert again.get(record.id) == record
        assert again.list() == [record.summary()]
    finally:
        again.close()


def test_a_closed_store_refuses_work(store: ComparisonStore) -> None:
    store.close()
    with pytest.raises(StoreClosedError):
        store.get("anything")
    store.close()  # closing twice is harmless
