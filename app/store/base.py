"""The interface every store implements, and the errors it raises.

The web layer only talks to `ComparisonStore`; `open_store` picks the backend
(SQLite or PostgreSQL) from the database URL.
"""

from __future__ import annotations

import builtins
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from app.store.records import CreationKey, StoredComparison, Summary, Visibility
from app.store.review_records import Comment, Mark
from app.store.story_base import StoryStore
from app.store.watch_base import WatchStore


class StoreError(Exception):
    """The store cannot do what was asked (closed, schema too new, bad URL...)."""


class StoreClosedError(StoreError):
    """The store was used after `close()`."""


class ComparisonStore(StoryStore, WatchStore, Protocol):
    """Saved comparisons, their engine results and reviews; safe to call from several threads.

    (`builtins.list` in the annotations because `list` is a method name here.)
    """

    @property
    def local_reads(self) -> bool:
        """Whether a read by primary key is local and takes microseconds (a SQLite
        file), so that it may run on the event loop; False across a network."""
        ...

    @property
    def read_only(self) -> bool:
        """Whether the database can only be read (a file that cannot be written, a
        PostgreSQL standby): every write raises StoreUnavailableError."""
        ...

    def migrate(self, target: int | None = None) -> builtins.list[int]:
        """Apply the missing schema migrations up to `target` (default: all) in
        one transaction; return the versions applied, [] if none were missing."""
        ...

    def schema_version(self) -> int:
        """The schema version of the database, 0 if it was never migrated."""
        ...

    def put(self, record: StoredComparison) -> bool:
        """Save `record` unless its id is already saved; True if it was new.

        Its engine result is saved under `record.result_id` unless a result
        of that id is saved already (ids of results are content hashes, so
        the same id means the same result); then the comparison refers to it.
        """
        ...

    def put_keyed(self, record: StoredComparison, key: CreationKey) -> CreationKey:
        """Save `record` and its idempotency key in one transaction, unless a
        creation is saved under `key.key_hash` already: then save nothing and
        return that one. Returns `key` if `record` was saved."""
        ...

    def creation_key(self, key_hash: str) -> CreationKey | None:
        """The creation saved under the idempotency key's hash, or None."""
        ...

    def forget_keys(self, before: datetime) -> int:
        """Delete the idempotency keys saved before `before`; how many."""
        ...

    def has_result(self, result_id: str) -> bool:
        """Whether an engine result is saved under `result_id`."""
        ...

    def get(self, comparison_id: str) -> StoredComparison | None:
        """The comparison saved under `comparison_id` (expired or not), or None."""
        ...

    def get_result(self, result_id: str) -> StoredComparison | None:
        """Some comparison over the result `result_id`, for its texts and JSON; or None."""
        ...

    def revision(self, comparison_id: str) -> tuple[int, datetime | None] | None:
        """The comparison's revision and expiry time (without reading the rest), or None."""
        ...

    def exists(self, comparison_id: str) -> bool:
        """Whether a comparison is saved under `comparison_id`."""
        ...

    def list(
        self,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
        now: datetime | None = None,
    ) -> builtins.list[Summary]:
        """Summaries of the listed comparisons (not expired by `now`, if given),
        newest first, skipping `offset` and returning at most `limit`.

        `search` keeps those whose title contains it, ignoring case (Unicode
        case folding); every character of it is literal, `%` and `_` included.
        None or blank means no filter.
        """
        ...

    def count(self, search: str | None = None, now: datetime | None = None) -> int:
        """How many summaries `list` would return with no limit, for paging."""
        ...

    def update(
        self,
        comparison_id: str,
        visibility: Visibility | None = None,
        expires_at: datetime | None = None,
        clear_expiry: bool = False,
    ) -> bool:
        """Change what is given (`clear_expiry`: never expire); False if no such comparison."""
        ...

    def delete(self, comparison_id: str) -> bool:
        """Delete the comparison with its comments and marks, and its result unless
        another comparison uses it; True if there was one. Check the token first."""
        ...

    def sweep(self, now: datetime, batch: int = 500) -> int:
        """Delete the comparisons expired by `now` as `delete` does, noting their
        ids and expiry times (nothing else) for `expired_at`; how many."""
        ...

    def expired_at(self, comparison_id: str) -> datetime | None:
        """When the swept comparison `comparison_id` expired, or None."""
        ...

    def add_comment(self, comment: Comment, max_comments: int) -> None:
        """Save a comment (a reply if `thread_id` is set); CommentNotFoundError
        if the comparison or thread is gone; TooManyCommentsError if it holds
        `max_comments` already."""
        ...

    def comments(self, comparison_id: str) -> builtins.list[Comment]:
        """The comparison's comments, oldest first."""
        ...

    def comment(self, comparison_id: str, comment_id: str) -> Comment | None: ...

    def edit_comment(
        self, comparison_id: str, comment_id: str, body: str, edited_at: datetime
    ) -> None:
        """Replace the body; CommentNotFoundError if there is no such comment."""
        ...

    def resolve_thread(
        self, comparison_id: str, comment_id: str, resolved: bool, by: str | None
    ) -> None:
        """Resolve or reopen the thread `comment_id` opens; CommentNotFoundError if none."""
        ...

    def delete_comment(self, comparison_id: str, comment_id: str) -> None:
        """Delete the comment and, if it opens a thread, its replies."""
        ...

    def add_mark(self, mark: Mark) -> bool:
        """Add `mark` to its change's history; False if the comparison is gone."""
        ...

    def marks(self, comparison_id: str) -> builtins.list[Mark]:
        """Every mark on the comparison, oldest first."""
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
