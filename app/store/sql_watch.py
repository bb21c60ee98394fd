"""The watched links' queries, shared by both backends.

Several `diptych watch` processes may run over one PostgreSQL database: each
claims due links with `FOR UPDATE SKIP LOCKED`, so two never hold the same
link, and none waits for another's claim to commit. SQLite has one writer at
a time, which serializes the claims by itself (and one watcher is the rule).
"""

from __future__ import annotations

import builtins
from datetime import datetime, timedelta
from typing import Any

from app.store.dbapi import Cursor
from app.store.sql_base import SqlBase
from app.store.watch_records import CheckOutcome, WatchCheck, WatchedLink

_LINK_COLUMNS = (
    "id",
    "story_id",
    "url",
    "interval_seconds",
    "next_check_at",
    "checks",
    "failures_in_row",
    "paused_reason",
)
_SELECT_LINK = f"SELECT {', '.join(_LINK_COLUMNS)} FROM watched_links"


class WatchQueries(SqlBase):
    def watch_link(self, story_id: str, url: str, interval: timedelta, first: datetime) -> bool:
        """Watch `url` for story `story_id` from `first` on; False if the story is
        gone. Watching a link again resumes it with the new interval."""
        with self._session(write=True) as cursor:
            if not self._bump_watching(cursor, story_id):
                return False
            cursor.execute(
                "INSERT INTO watched_links (story_id, url, interval_seconds, next_check_at,"
                " checks, failures_in_row) VALUES (?, ?, ?, ?, 0, 0)"
                " ON CONFLICT (story_id, url) DO UPDATE SET"
                " interval_seconds = excluded.interval_seconds,"
                " next_check_at = excluded.next_check_at,"
                " failures_in_row = 0, paused_reason = NULL",
                (story_id, url, int(interval.total_seconds()), self._encode_time(first)),
            )
        return True

    def watched_links(self, story_id: str) -> builtins.list[WatchedLink]:
        with self._session(write=False) as cursor:
            cursor.execute(f"{_SELECT_LINK} WHERE story_id = ? ORDER BY id", (story_id,))
            return [self._link(row) for row in cursor.fetchall()]

    def claim_due_links(
        self, now: datetime, lease: timedelta, limit: int
    ) -> builtins.list[WatchedLink]:
        """Up to `limit` links due by `now`, held for this watcher until `now + lease`."""
        lock = " FOR UPDATE SKIP LOCKED" if self.dialect == "postgresql" else ""
        moment = self._encode_time(now)
        with self._session(write=True) as cursor:
            cursor.execute(
                f"{_SELECT_LINK} WHERE paused_reason IS NULL AND next_check_at <= ?"
                " AND (claimed_until IS NULL OR claimed_until <= ?)"
                # An expired story gets no version before the sweep deletes it.
                " AND NOT EXISTS (SELECT 1 FROM stories s"
                " WHERE s.id = watched_links.story_id AND s.expires_at <= ?)"
                f" ORDER BY next_check_at, id LIMIT ?{lock}",
                (moment, moment, moment, limit),
            )
            links = [self._link(row) for row in cursor.fetchall()]
            for link in links:
                cursor.execute(
                    "UPDATE watched_links SET claimed_until = ? WHERE id = ?",
                    (self._encode_time(now + lease), link.id),
                )
        return links

    def record_check(
        self, check: WatchCheck, next_check_at: datetime, max_failures: int
    ) -> WatchedLink | None:
        """Save `check`, schedule the link's next one and release its claim; after
        `max_failures` failures in a row the link is paused with the last reason.
        The link as it now stands, or None if it was unwatched meanwhile."""
        failed = check.outcome is CheckOutcome.FAILED
        with self._session(write=True) as cursor:
            cursor.execute("SELECT story_id FROM watched_links WHERE id = ?", (check.link_id,))
            found = cursor.fetchone()
            if found is None or not self._bump_watching(cursor, found[0]):
                return None
            cursor.execute(
                "UPDATE watched_links SET checks = checks + 1, claimed_until = NULL,"
                " next_check_at = ?,"
                " failures_in_row = CASE WHEN ? THEN failures_in_row + 1 ELSE 0 END"
                " WHERE id = ?",
                (self._encode_time(next_check_at), failed, check.link_id),
            )
            if cursor.rowcount != 1:
                return None
            cursor.execute(
                "UPDATE watched_links SET paused_reason = ? WHERE id = ? AND failures_in_row >= ?",
                (_paused_reason(check, max_failures), check.link_id, max_failures),
            )
            cursor.execute(
                "INSERT INTO watch_checks (link_id, checked_at, outcome, reason, version)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    check.link_id,
                    self._encode_time(check.checked_at),
                    check.outcome.value,
                    check.reason,
                    check.version,
                ),
            )
            cursor.execute(f"{_SELECT_LINK} WHERE id = ?", (check.link_id,))
            return self._link(cursor.fetchone())

    def watch_checks(self, link_id: int, limit: int = 20) -> builtins.list[WatchCheck]:
        """The link's latest checks, newest first."""
        with self._session(write=False) as cursor:
            cursor.execute(
                "SELECT link_id, checked_at, outcome, reason, version FROM watch_checks"
                " WHERE link_id = ? ORDER BY id DESC LIMIT ?",
                (link_id, limit),
            )
            return [
                WatchCheck(
                    link_id=int(row[0]),
                    checked_at=self._decode_time(row[1]),
                    outcome=CheckOutcome(row[2]),
                    reason=row[3],
                    version=None if row[4] is None else int(row[4]),
                )
                for row in cursor.fetchall()
            ]

    def unwatch_link(self, story_id: str, link_id: int) -> bool:
        """Stop watching the story's link `link_id`, its checks deleted with it;
        False if the story has no such link."""
        with self._session(write=True) as cursor:
            if not self._bump_watching(cursor, story_id):
                return False
            cursor.execute(
                "DELETE FROM watched_links WHERE id = ? AND story_id = ?", (link_id, story_id)
            )
            return cursor.rowcount == 1

    def _bump_watching(self, cursor: Cursor, story_id: str) -> bool:
        # The story's page shows its links and their checks, and is kept per
        # revision: each change to them is a new revision. Taken first, the
        # story's row lock also orders these writes before the link's (as a
        # new version's are), so two never wait on each other in reverse.
        cursor.execute("UPDATE stories SET revision = revision + 1 WHERE id = ?", (story_id,))
        return cursor.rowcount == 1

    def _link(self, row: tuple[Any, ...]) -> WatchedLink:
        return WatchedLink(
            id=int(row[0]),
            story_id=row[1],
            url=row[2],
            interval_seconds=int(row[3]),
            next_check_at=self._decode_time(row[4]),
            checks=int(row[5]),
            failures_in_row=int(row[6]),
            paused_reason=row[7],
        )


def _paused_reason(check: WatchCheck, max_failures: int) -> str:
    return f"Paused after {max_failures} failed checks in a row; the last: {check.reason}"
