"""When a watched link is checked next, and how often one host is asked.

Jitter spreads links added together (a desk adding twenty copies at once) over
the interval, so they are not fetched in one burst forever after. It is drawn
from the link and the check's number rather than a random source: the same
link's schedule is the same on every watcher and in every test.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

# At most this share of the interval is added or taken away.
JITTER = 0.1


def next_check(after: datetime, interval: timedelta, url: str, check_number: int) -> datetime:
    """The time of the next check of `url`, about `interval` after `after`."""
    digest = hashlib.sha256(f"{url}\n{check_number}".encode()).digest()
    unit = int.from_bytes(digest[:8], "big") / 2**64  # in [0, 1)
    return after + interval * (1 + JITTER * (2 * unit - 1))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


@dataclass
class HostPacer:
    """A watcher's per-host rate limit: at least `gap` between two fetches from one
    host, so that watching twenty pages of one site is not a burst against it."""

    gap: timedelta
    _last: dict[str, datetime] = field(default_factory=dict)

    def wait_for(self, url: str, now: datetime) -> timedelta:
        """How long to wait before fetching `url`; zero when it may go now."""
        last = self._last.get(host_of(url))
        if last is None:
            return timedelta(0)
        return max(timedelta(0), last + self.gap - now)

    def fetched(self, url: str, at: datetime) -> None:
        self._last[host_of(url)] = at
