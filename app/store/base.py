"""The interface every store implements, and the errors it raises.

The web layer only talks to `ComparisonStore`; `open_store` picks the backend
(SQLite or PostgreSQL) from the database URL.
"""

from __future__ import annotations

import builtins
from types import TracebackType
from typing import Protocol, Self

from app.store.records import StoredComparison, Summary


class StoreError(Exception):
    """The store cannot do what was asked (closed, schema too new, bad URL...)."""


class StoreClosedError(StoreError):
    """The store was used after `close()`."""


class ComparisonStore(Protocol):
    """Saved comparisons, addressed by id; safe to call from several threads.

    (`builtins.list` in the annotations because `list` is a method name here.)
    """

    def migrate(self, target: int | None = None) -> builtins.list[int]:
        """Apply the missing schema migrations up to `target` (default: all) in
        one transaction; return the versions applied, [] if none were missing."""
        ...

    def schema_version(self) -> int:
        """The schema version of the database, 0 if it was never migrated."""
        ...

    def put(self, record: StoredComparison) -> bool:
        """Save `record` unless its id is already saved; True if it was new.

        Saving an existing id again keeps the first record and changes nothing:
        ids are content hashes, so the same id means the same comparison.
        """
        ...

    def get(self, comparison_id: str) -> StoredComparison | None:
        """The record saved under `comparison_id`, or None."""
        ...

    def exists(self, comparison_id: str) -> bool:
        """Whether a record is saved under `comparison_id` (without reading it)."""
        ...

    def list(
        self, search: str | None = None, limit: int = 50, offset: int = 0
    ) -> builtins.list[Summary]:
        """Summaries newest first, skipping `offset` and returning at most `limit`.

        `search` keeps those whose title contains it, ignoring case (Unicode
        case folding); every character of it is literal, `%` and `_` included.
        None or blank means no filter.
        """
        ...

    def count(self, search: str | None = None) -> int:
        """How many summaries `list` would return with no limit, for paging."""
        ...

    def delete(self, comparison_id: str) -> bool:
        """Delete the record; True if there was one. Check the token first."""
        ...

    def close(self) -> None:
        """Release the connections; the store can't be used afterwards."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the store (`with open_store(url) as store: ...`)."""
        ...
