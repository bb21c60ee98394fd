"""Fetching the links of a request: at most `fetch_concurrency` at once per
process, each charged to the requester's rate limit, both sides at once.

A slow site holds a request thread for up to `fetch_timeout`; bounding how
many fetches run keeps the threads the pages need free, and a request
waiting its turn waits on the event loop, holding no thread.
"""

from __future__ import annotations

import asyncio

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from app.ingest import Article
from app.service import ComparisonService
from app.web.serving.throttle import Action, charge


class LinkFetcher:
    def __init__(self, concurrency: int) -> None:
        self._slots = asyncio.Semaphore(max(1, concurrency))

    async def read(self, service: ComparisonService, side: str, url: str) -> Article:
        """The article at `url` for `side` (InvalidInputError if it is not fetched)."""
        async with self._slots:
            return await run_in_threadpool(service.read_link, side, url)


def charge_links(request: Request, *urls: str | None) -> None:
    """Spend the requester's fetch allowance on the links given; a 429 if spent."""
    count = sum(1 for url in urls if url and url.strip())
    if count:
        charge(request, Action.FETCH, count)


def fetcher(request: Request) -> LinkFetcher:
    found: LinkFetcher = request.app.state.link_fetcher
    return found
