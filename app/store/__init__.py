"""Saved comparisons: a small store over SQLite or PostgreSQL.

    store = open_store("sqlite:///var/diptych.db")   # or "postgresql://..."
    token = new_delete_token()                        # shown to the user once
    store.put(build_record(id=..., title=..., comparison=..., created_at=...,
                           delete_token_hash=hash_delete_token(token), ...))
    store.list(search="putin", limit=20, offset=0)    # summaries, newest first
    record = store.get(comparison_id)                 # or None
    if record and delete_token_matches(token, record.delete_token_hash):
        store.delete(record.id)

`records` defines what is stored, `base` the interface, `migrations` the
schema; `sqlite` and `postgres` are the two backends over the shared `sql`.
"""

from app.store.base import ComparisonStore, StoreClosedError, StoreError
from app.store.factory import open_store
from app.store.migrations import LATEST_VERSION
from app.store.records import (
    NO_SOURCE,
    Source,
    StoredComparison,
    Summary,
    build_record,
    delete_token_matches,
    hash_delete_token,
    new_delete_token,
    unstorable,
)

__all__ = [
    "LATEST_VERSION",
    "NO_SOURCE",
    "ComparisonStore",
    "Source",
    "StoreClosedError",
    "StoreError",
    "StoredComparison",
    "Summary",
    "build_record",
    "delete_token_matches",
    "hash_delete_token",
    "new_delete_token",
    "open_store",
    "unstorable",
]
