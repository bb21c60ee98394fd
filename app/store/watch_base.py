"""The watched links' part of the store's interface (see `sql_watch` for what each does)."""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta
from typing import Protocol

from app.store.watch_records import WatchCheck, WatchedLink


class WatchStore(Protocol):
    def watch_link(self, story_id: str, url: str, interval: timedelta, first: datetime) -> bool: ...

    def watched_links(self, story_id: str) -> builtins.list[WatchedLink]: ...

    def claim_due_links(
        self, now: datetime, lease: timedelta, limit: int
    ) -> builtins.list[WatchedLink]: ...

    def record_check(
        self, check: WatchCheck, next_check_at: datetime, max_failures: int
    ) -> WatchedLink | None: ...

    def watch_checks(self, link_id: int, limit: int = 20) -> builtins.list[WatchCheck]: ...

    def unwatch_link(self, story_id: str, link_id: int) -> bool: ...
