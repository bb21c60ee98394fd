"""What the store keeps of a watched link: the link, its schedule, and its checks.

A story may watch links (`WatchedLink`); `diptych watch` claims the due ones,
fetches each, and records a `WatchCheck` — a new version (its position), no
change, or a failure with its reason. Claims are leases (`claimed_until`): a
watcher killed mid-check holds its links only until the lease ends, and then
another watcher checks them again. Nothing is lost and nothing is stored twice,
because the next check compares with the story's last version, whichever
watcher stored it.

Worked example: a link checked every 15 minutes fails three times in a row
(the site is down); with `max_failures` 3 it is paused with the last reason,
and the story page says so until its owner resumes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class CheckOutcome(StrEnum):
    NEW_VERSION = "new-version"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class WatchedLink:
    id: int
    story_id: str
    url: str
    interval_seconds: int
    next_check_at: datetime
    checks: int = 0
    failures_in_row: int = 0
    # Why the link is no longer checked; None while it is.
    paused_reason: str | None = None


@dataclass(frozen=True, slots=True)
class WatchCheck:
    link_id: int
    checked_at: datetime
    outcome: CheckOutcome
    reason: str = ""
    # The story version the check stored, for a NEW_VERSION.
    version: int | None = None
