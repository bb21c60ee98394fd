"""Saved comparisons: a small store over SQLite or PostgreSQL.

    store = open_store("sqlite:///var/diptych.db")   # or "postgresql://..."
    token = new_token()                               # shown to the owner once
    store.put(build_record(id=..., title=..., comparison=..., created_at=...,
                           owner_token_hash=hash_token(token), result_id=...))
    store.list(search="putin", limit=20, offset=0)    # listed summaries, newest first
    record = store.get(comparison_id)                 # or None
    if record and token_matches(token, record.owner_token_hash):
        store.delete(record.id)

`records` and `review_records` define what is stored, `base` the interface,
`migrations` the schema; `sqlite` and `postgres` are the two backends over
the shared `sql` and `sql_review`.
"""

from app.store.base import ComparisonStore, StoreClosedError, StoreError
from app.store.factory import open_store
from app.store.faults import StoreUnavailableError
from app.store.json_text import JsonText
from app.store.migrations import LATEST_VERSION
from app.store.records import (
    NO_SOURCE,
    CreationKey,
    Source,
    StoredComparison,
    Summary,
    Visibility,
    build_record,
    hash_token,
    new_token,
    token_matches,
    unstorable,
)
from app.store.review_records import (
    MAX_NAME_CHARS,
    Comment,
    CommentNotFoundError,
    Mark,
    MarkState,
    TooManyCommentsError,
)
from app.store.story_records import (
    MAX_VERSIONS,
    MIN_VERSIONS,
    StoredStory,
    StoryMode,
    StoryPair,
    StoryPlace,
    StorySummary,
    StoryVersion,
)

__all__ = [
    "LATEST_VERSION",
    "MAX_NAME_CHARS",
    "MAX_VERSIONS",
    "MIN_VERSIONS",
    "NO_SOURCE",
    "Comment",
    "CommentNotFoundError",
    "ComparisonStore",
    "CreationKey",
    "JsonText",
    "Mark",
    "MarkState",
    "Source",
    "StoreClosedError",
    "StoreError",
    "StoreUnavailableError",
    "StoredComparison",
    "StoredStory",
    "StoryMode",
    "StoryPair",
    "StoryPlace",
    "StorySummary",
    "StoryVersion",
    "Summary",
    "TooManyCommentsError",
    "Visibility",
    "build_record",
    "hash_token",
    "new_token",
    "open_store",
    "token_matches",
    "unstorable",
]
