"""Per-client rate limits: creations, comments and link fetches.

Each client has a bucket per action holding up to a minute's allowance,
refilled continuously; an action that finds it empty is refused with a 429
and Retry-After (the seconds until the bucket holds enough again). The
client is the request's peer address, which the proxy-headers middleware
replaces by the forwarded one only for a trusted proxy (`trusted_proxies`).

The buckets are per server process (each of several workers counts on its
own) and bounded in number: the least recently seen client is forgotten
first, which can only ever grant it more.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

from fastapi import HTTPException, Request

from app.settings import Settings

MAX_CLIENTS = 10_000
MINUTE = 60.0


class Action(StrEnum):
    CREATE = "create"
    COMMENT = "comment"
    FETCH = "fetch"


REFUSALS = {
    Action.CREATE: "You have created many comparisons in the last minute",
    Action.COMMENT: "You have posted many comments in the last minute",
    Action.FETCH: "You have had many links fetched in the last minute",
}


def per_minute(settings: Settings) -> dict[Action, int]:
    return {
        Action.CREATE: settings.rate_creations,
        Action.COMMENT: settings.rate_comments,
        Action.FETCH: settings.rate_fetches,
    }


class RateLimiter:
    """Token buckets per (action, client); a limit of 0 or less is no limit."""

    def __init__(
        self, limits: Mapping[Action, int], clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limits = dict(limits)
        self._clock = clock
        self._buckets: OrderedDict[tuple[Action, str], tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, action: Action, client: str, count: int = 1) -> float:
        """Spend `count` of the client's allowance: 0.0 if granted, else the
        seconds to wait before it would be (nothing is spent then)."""
        limit = self._limits.get(action, 0)
        if limit <= 0 or count <= 0:
            return 0.0
        rate = limit / MINUTE  # per second
        key = (action, client)
        now = self._clock()
        with self._lock:
            level, then = self._buckets.pop(key, (float(limit), now))
            level = min(float(limit), level + (now - then) * rate)
            if count > level:
                self._keep(key, level, now)
                return (count - level) / rate if count <= limit else MINUTE
            self._keep(key, level - count, now)
            return 0.0

    def _keep(self, key: tuple[Action, str], level: float, now: float) -> None:
        self._buckets[key] = (level, now)
        while len(self._buckets) > MAX_CLIENTS:
            self._buckets.popitem(last=False)


def client_of(request: Request) -> str:
    return request.client.host if request.client else ""


def charge(request: Request, action: Action, count: int = 1) -> None:
    """Spend the requester's allowance for `action`; a 429 if it is spent."""
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.take(action, client_of(request), count)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise HTTPException(
            429,
            f"{REFUSALS[action]}: try again in {seconds} seconds.",
            headers={"Retry-After": str(seconds)},
        )


def limited(action: Action) -> Callable[[Request], Any]:
    """A route dependency charging one `action` per request."""

    async def charged(request: Request) -> None:
        charge(request, action)

    return charged
