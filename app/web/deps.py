"""Dependencies shared by the pages and the API: what lives on app.state, typed,
who is asking, and the one lookup of a comparison by id that turns a miss into
a 404 and an expired comparison into a 410.

The accessors are `async def` although they never await: FastAPI runs a plain
`def` dependency in the thread pool, a hop that costs more than the lookup.
The store lookup is a plain `def` because it blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from app.engine_pool import EnginePool
from app.review import ReviewService
from app.service import ComparisonService
from app.settings import Settings
from app.store import StoredComparison
from app.web import urls
from app.web.comparison.variants import Variant
from app.web.serving.cache import LruCache
from app.web.serving.errors import COMPARISON_NOT_FOUND, gone_message
from app.web.serving.identity import Visitor, visitor
from app.web.serving.rendering import RenderedPage, Renderer


async def get_service(request: Request) -> ComparisonService:
    service: ComparisonService = request.app.state.service
    return service


async def get_reviews(request: Request) -> ReviewService:
    reviews: ReviewService = request.app.state.reviews
    return reviews


async def get_visitor(request: Request) -> Visitor:
    settings: Settings = request.app.state.settings
    return visitor(request, settings.user_header)


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_renderer(request: Request) -> Renderer:
    renderer: Renderer = request.app.state.renderer
    return renderer


async def get_page_cache(request: Request) -> LruCache[RenderedPage]:
    cache: LruCache[RenderedPage] = request.app.state.page_cache
    return cache


async def get_variant_cache(request: Request) -> LruCache[Variant]:
    cache: LruCache[Variant] = request.app.state.variant_cache
    return cache


async def get_engine_pool(request: Request) -> EnginePool:
    pool: EnginePool = request.app.state.engine_pool
    return pool


Service = Annotated[ComparisonService, Depends(get_service)]
Reviews = Annotated[ReviewService, Depends(get_reviews)]
Asker = Annotated[Visitor, Depends(get_visitor)]
AppSettings = Annotated[Settings, Depends(get_settings)]
Pages = Annotated[Renderer, Depends(get_renderer)]
PageCache = Annotated[LruCache[RenderedPage], Depends(get_page_cache)]
VariantCache = Annotated[LruCache[Variant], Depends(get_variant_cache)]
Engines = Annotated[EnginePool, Depends(get_engine_pool)]


def not_found_or_gone(service: ComparisonService, comparison_id: str) -> HTTPException:
    """The error for a comparison that cannot be shown: 410 if it expired, else 404."""
    expired = service.expired_at(comparison_id)
    if expired is not None:
        return HTTPException(410, gone_message(expired))
    return HTTPException(404, COMPARISON_NOT_FOUND)


def live_record(comparison_id: str, service: Service) -> StoredComparison:
    """The comparison of the path, unless it is missing (404) or expired (410).

    A plain `def`: FastAPI runs it in the thread pool, as a store look-up blocks.
    """
    record = service.get(comparison_id)
    if record is None or record.is_expired(service.clock()):
        raise not_found_or_gone(service, comparison_id)
    return record


LiveRecord = Annotated[StoredComparison, Depends(live_record)]


def kept_or_rendered(
    service: ComparisonService,
    cache: LruCache[RenderedPage],
    key: tuple[Hashable, ...],
    comparison_id: str,
    render: Callable[[StoredComparison], RenderedPage],
    revision: int | None = None,
) -> RenderedPage:
    """What `render` makes of the comparison, kept in `cache` under `key` and the
    comparison's revision (read here unless given); a 404 if it is not stored,
    a 410 if it expired. Blocking: call it from the thread pool.

    Every change of a comparison or of its review (by any worker) bumps its
    revision in the database, so a page kept under an older revision is never
    served again; the look-up reads the revision alone, not the record, whose
    JSON would cost more to parse than the page.
    """
    if revision is None:
        revision, page = _kept_under_live_revision(service, cache, key, comparison_id)
        if page is not None:
            return page
    record = service.get(comparison_id)
    if record is None:
        raise not_found_or_gone(service, comparison_id)
    page = render(record)
    cache.put((*key, record.revision), page, len(page.body))
    return page


async def kept_page(
    service: ComparisonService,
    cache: LruCache[RenderedPage],
    key: tuple[Hashable, ...],
    comparison_id: str,
    render: Callable[[StoredComparison], RenderedPage],
) -> RenderedPage:
    """`kept_or_rendered`, from async code: rendering always runs in the thread
    pool, and so does the revision check, except on a store whose reads are
    local (`ComparisonStore.local_reads`: SQLite, a primary-key read of a file
    in microseconds). There the check of a kept page runs on the event loop:
    the hop to a thread and back costs more than serving the page (bench.review,
    seed page under review: p99 74 ms with the hop, 29 ms without).
    """
    revision = None
    if service.store.local_reads:
        revision, page = _kept_under_live_revision(service, cache, key, comparison_id)
        if page is not None:
            return page
    return await run_in_threadpool(
        kept_or_rendered, service, cache, key, comparison_id, render, revision
    )


IGNORE_DESCRIPTION = (
    "Differences to ignore, instead of the comparison's own ignore options: "
    f"{urls.IGNORE_CHOICES}, comma-separated (ignore=typography,case) or repeated."
)


async def requested_ignore(
    ignore: Annotated[list[str] | None, Query(description=IGNORE_DESCRIPTION)] = None,
) -> frozenset[urls.Ignore] | None:
    """The ignore options of `?ignore=`, or None when absent; 422 if one is unknown."""
    try:
        return urls.parse_ignore(ignore)
    except ValueError as error:
        raise HTTPException(422, str(error)) from None


RequestedIgnore = Annotated[frozenset[urls.Ignore] | None, Depends(requested_ignore)]


def _kept_under_live_revision(
    service: ComparisonService,
    cache: LruCache[RenderedPage],
    key: tuple[Hashable, ...],
    comparison_id: str,
) -> tuple[int, RenderedPage | None]:
    """The comparison's live revision and the page kept under it, if any; 404/410
    if the comparison is gone."""
    revision = service.live_revision(comparison_id)
    if revision is None:
        raise not_found_or_gone(service, comparison_id)
    return revision, cache.get((*key, revision))
