"""`create_app(settings)`: the web application, built fresh on every call.

Nothing is built at import time: the templates, the page cache and (at
start-up, in the lifespan) the store and the service hang off `app.state`,
so tests can build as many independent apps as they like.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app import __version__
from app.engine_pool import EnginePool
from app.review import ReviewService
from app.seeds import load_seeds
from app.service import ComparisonService
from app.settings import Settings, listed
from app.store import ComparisonStore, open_store
from app.story import StoryService
from app.web import api, pages, urls
from app.web.comparison.variants import VARIANT_CACHE_ENTRIES, Variant
from app.web.exports import downloads, reports
from app.web.review import api as review_api
from app.web.review import pages as review_pages
from app.web.serving import docs
from app.web.serving.accesslog import redact_access_log
from app.web.serving.cache import LruCache
from app.web.serving.compression import Compression
from app.web.serving.errors import error_response, install_error_handlers
from app.web.serving.hosts import TrustedHosts
from app.web.serving.limits import BodySizeLimit, request_body_limit, story_body_limit
from app.web.serving.links import LinkFetcher
from app.web.serving.rendering import (
    TEMPLATES_DIR,
    RenderedPage,
    Renderer,
    SecurityHeaders,
    new_stand_in,
    templates_environment,
)
from app.web.serving.signon import RequireSignOn
from app.web.serving.throttle import RateLimiter, per_minute
from app.web.stories import api as story_api
from app.web.stories import pages as story_pages
from app.web.stories import watch_api, watch_pages

logger = logging.getLogger(__name__)
PROJECT_DIR = Path(__file__).resolve().parents[2]
STATIC_DIR = PROJECT_DIR / "static"

DESCRIPTION = """Compare two versions of an article: sentences aligned, words diffed.

Create a comparison with `POST /api/comparisons`; every comparison page
(`/c/{id}`) has a JSON twin (`/c/{id}.json`, the same as
`GET /api/comparisons/{id}`). Both take `?ignore=typography,case,punctuation`
(any of them): the same texts compared ignoring those differences."""


def create_app(settings: Settings, store: ComparisonStore | None = None) -> FastAPI:
    """The app for `settings`; it opens (and closes) its own store unless given one."""
    app = FastAPI(
        title="Diptych",
        version=__version__,
        description=DESCRIPTION,
        lifespan=_lifespan(settings, store),
        docs_url=None,  # /docs is app.web.serving.docs: Swagger UI from our own files, not a CDN
        redoc_url=None,
        openapi_url=urls.OPENAPI_PATH,
    )
    redact_access_log()
    renderer = Renderer(templates_environment(TEMPLATES_DIR))
    app.state.settings = settings
    app.state.renderer = renderer
    app.state.page_cache = LruCache[RenderedPage](
        settings.page_cache_entries, settings.page_cache_bytes
    )
    app.state.token_stand_in = new_stand_in()
    app.state.variant_cache = LruCache[Variant](VARIANT_CACHE_ENTRIES, settings.page_cache_bytes)
    app.state.engine_pool = EnginePool(settings.engine_workers, settings.engine_queue)
    app.state.link_fetcher = LinkFetcher(settings.fetch_concurrency)
    app.state.rate_limiter = RateLimiter(per_minute(settings))

    def reject_too_large(path: str, message: str) -> Response:
        return error_response(renderer, path, 413, message)

    def reject_host(path: str, message: str) -> Response:
        return error_response(renderer, path, 400, message)

    def reject_signed_out(path: str, message: str) -> Response:
        return error_response(renderer, path, 401, message)

    app.add_middleware(
        BodySizeLimit,
        max_bytes=request_body_limit(settings.max_text_bytes),
        reject=reject_too_large,
        wider=dict.fromkeys(
            (urls.API_STORIES_PATH, urls.NEW_STORY_PATH), story_body_limit(settings.story_max_bytes)
        ),
    )
    if settings.user_header:
        app.add_middleware(RequireSignOn, header=settings.user_header, reject=reject_signed_out)
    if settings.compress:
        app.add_middleware(Compression)
    app.add_middleware(TrustedHosts, allowed=listed(settings.allowed_hosts), reject=reject_host)
    app.add_middleware(SecurityHeaders)  # outer: it sees the 400s and 413s too
    proxies = listed(settings.trusted_proxies)
    if proxies:  # outermost: the client and scheme are the forwarded ones from here in
        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(proxies))
    install_error_handlers(app, renderer)
    app.include_router(api.router)  # first: /c/{id}.json must win over /c/{id}
    app.include_router(story_api.router)  # and /s/{id}.json over /s/{id}
    app.include_router(watch_api.router)
    app.include_router(downloads.router)  # and /c/{id}.docx too
    app.include_router(reports.router)  # and /c/{id}.html, /c/{id}.pdf
    app.include_router(review_api.router)
    app.include_router(review_pages.router)
    app.include_router(pages.router)
    app.include_router(story_pages.router)
    app.include_router(watch_pages.router)
    app.include_router(docs.router)
    app.mount(urls.STATIC_PREFIX, StaticFiles(directory=STATIC_DIR), name="static")
    app.mount(urls.DOCS_ASSETS_PREFIX, docs.swagger_ui_assets(), name="docs-assets")
    return app


def _lifespan(
    settings: Settings, store: ComparisonStore | None
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Start-up: open the store (unless given one) and load the seeds; shutdown: close it."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store if store is not None else open_store(settings.database_url)
        sweeping: asyncio.Task[None] | None = None
        pool: EnginePool = app.state.engine_pool
        try:
            service = ComparisonService(opened, settings, engine=pool)
            stories = StoryService(service)
            if opened.read_only:
                # Served as it is: nothing swept or seeded, every write a 503.
                logger.warning("the database is read-only: pages are served, writes refused")
            else:
                service.sweep()
                stories.sweep()
                load_seeds(service, settings.seeds_dir)
                sweeping = asyncio.create_task(_sweep_every(stories, settings.sweep_interval))
            app.state.service = service
            app.state.reviews = ReviewService(opened, settings)
            app.state.stories = stories
            yield
        finally:
            if sweeping is not None:
                sweeping.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await sweeping
            pool.close()
            if store is None:
                opened.close()

    return lifespan


async def _sweep_every(stories: StoryService, seconds: float) -> None:
    """Delete expired stories and comparisons every `seconds`, in each worker: the
    sweeps of several workers skip each other's rows (see `SqlStore.sweep`)."""
    while True:
        await asyncio.sleep(max(seconds, 1.0))
        try:
            await run_in_threadpool(stories.sweep)
            swept = await run_in_threadpool(stories.comparisons.sweep)
        except Exception:
            # A database that is briefly away must not end the sweeping for good.
            logger.exception("sweeping expired comparisons failed; trying again later")
            continue
        if swept:
            logger.info("swept %d expired comparisons", swept)


def app_from_environment() -> FastAPI:
    """The factory `uvicorn --factory` calls in each worker process."""
    return create_app(Settings.from_environment())
