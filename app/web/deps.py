"""Dependencies shared by the pages and the API: what lives on app.state, typed,
and the one lookup of a comparison by id that turns a miss into a 404.

The accessors are `async def` although they never await: FastAPI runs a plain
`def` dependency in the thread pool, a hop that costs more than the lookup.
The store lookup is a plain `def` because it blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from app.service import ComparisonService
from app.settings import Settings
from app.store import StoredComparison
from app.web import urls
from app.web.cache import LruCache
from app.web.errors import COMPARISON_NOT_FOUND
from app.web.rendering import RenderedPage, Renderer
from app.web.variants import Variant


async def get_service(request: Request) -> ComparisonService:
    service: ComparisonService = request.app.state.service
    return service


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


Service = Annotated[ComparisonService, Depends(get_service)]
AppSettings = Annotated[Settings, Depends(get_settings)]
Pages = Annotated[Renderer, Depends(get_renderer)]
PageCache = Annotated[LruCache[RenderedPage], Depends(get_page_cache)]
VariantCache = Annotated[LruCache[Variant], Depends(get_variant_cache)]


def kept_or_rendered(
    service: ComparisonService,
    cache: LruCache[RenderedPage],
    key: tuple[Hashable, ...],
    comparison_id: str,
    render: Callable[[StoredComparison], RenderedPage],
) -> RenderedPage:
    """What `render` makes of the comparison, kept in `cache` under `key`; a 404
    if the comparison is not stored. Blocking: call it from the thread pool.

    A stored comparison never changes, so what is rendered of it can be kept;
    it is served only while the comparison is still stored, checked by a
    look-up of the id alone, not of the record, whose JSON would cost more to
    parse than the page.
    """
    page = cache.get(key)
    if page is not None and service.exists(comparison_id):
        return page
    record = service.get(comparison_id)
    if record is None:
        raise HTTPException(404, COMPARISON_NOT_FOUND)
    page = render(record)
    cache.put(key, page)
    return page


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
