"""The JSON API (/api/comparisons) and the JSON twins of the pages.

URLs in the bodies are root-relative paths (resolve them against the URL the
request went to), so they stay right behind a proxy that rewrites the host.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app.core import CompareOptions, Granularity
from app.engine_pool import EnginePool
from app.idempotency import KEY_HEADER
from app.ingest import Article, Kind
from app.naming import article_label, article_source, article_title
from app.problems import InvalidInputError, Problem
from app.review import ReviewService
from app.service import MAX_LIST_LIMIT, MAX_LIST_OFFSET, ComparisonService, Outcome, OwnerChanges
from app.store import NO_SOURCE, Source, StoredComparison, Summary, Visibility
from app.web import urls
from app.web.comparison.document import document_page
from app.web.comparison.large_pages import engine_document, made_where_cheapest
from app.web.comparison.summaries import iso_utc, pager
from app.web.comparison.variants import Variant, shown
from app.web.deps import (
    Asker,
    Engines,
    PageCache,
    RequestedIgnore,
    Reviews,
    Service,
    VariantCache,
    kept_page,
    not_found_or_gone,
)
from app.web.review.schemas import ComparisonPatch
from app.web.schemas import (
    ComparisonDocument,
    CreateRequest,
    CreateResponse,
    Labels,
    ListResponse,
    SideInput,
    SourceInput,
    SummaryOut,
    documented,
)
from app.web.serving.cache import LruCache
from app.web.serving.identity import Visitor, same_origin
from app.web.serving.links import LinkFetcher, charge_links, fetcher
from app.web.serving.rendering import RenderedPage, conditional_response
from app.web.serving.throttle import Action, limited

FORBIDDEN_MESSAGE = (
    "Changing or deleting a comparison needs its owner token, given when it was "
    "created, in the X-Owner-Token header (or X-Delete-Token, or the token parameter)."
)
JSON = "application/json"
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_KEY = (
    "A key of your own for this creation (a random UUID): a retry with the same key and "
    "request, say after a lost answer, returns the same comparison and owner token."
)
TOKEN_QUERY = (
    "The owner token, for clients that cannot send the X-Owner-Token header (prefer the "
    "header: a URL is kept in histories and proxies' logs; the server's log redacts it)."
)


async def not_cross_site(request: Request) -> None:
    """A browser's request from another site's page may not change anything, even
    where it carries cookies (a sign-on proxy's)."""
    if request.method not in ("GET", "HEAD", "OPTIONS") and not same_origin(request):
        raise HTTPException(403, "Requests from pages of other sites are refused.")


router = APIRouter(tags=["comparisons"], dependencies=[Depends(not_cross_site)])


@router.post(
    urls.API_COMPARISONS_PATH,
    status_code=201,
    responses=documented({200: {"model": CreateResponse, "description": "Already stored."}}),
    dependencies=[Depends(limited(Action.CREATE))],
)
async def create_comparison(
    request: Request,
    body: CreateRequest,
    response: Response,
    service: Service,
    asker: Asker,
    idempotency_key: Annotated[
        str | None, Header(alias=KEY_HEADER, description=IDEMPOTENCY_KEY)
    ] = None,
) -> CreateResponse:
    """Compare two texts and store a new comparison of them (unlisted unless asked).

    The engine runs once per pair of texts and options: a second comparison of
    the same pair gets its own id, title and labels over the same result.
    A side given as a `url` is fetched first (400 if it cannot be); its blank
    label defaults to the article's title, and a blank title to the right one's,
    else the left one's. Retried with the same `Idempotency-Key`, the same
    request gets the same comparison and owner token (`Idempotent-Replayed: true`).
    """
    options = CompareOptions(
        granularity=Granularity(body.options.granularity),
        language=body.options.language,
        ignore_typography=body.options.ignore_typography,
        ignore_case=body.options.ignore_case,
        ignore_punctuation=body.options.ignore_punctuation,
    )
    charge_links(request, body.left.url, body.right.url)
    left, right = await _sides(fetcher(request), service, body.left, body.right)
    created = await run_in_threadpool(
        partial(
            service.create,
            body.title or right.title or left.title,
            left.text,
            left.label,
            right.text,
            right.label,
            options,
            sources=(left.source, right.source),
            visibility=Visibility(body.visibility),
            expires_at=body.expires_at,
            owner=asker.user,
            idempotency_key=idempotency_key,
        )
    )
    url = urls.comparison(created.record.id)
    response.headers["Location"] = url
    if created.replayed:
        response.headers[REPLAYED_HEADER] = "true"
    return CreateResponse(
        id=created.record.id,
        url=url,
        json_url=urls.comparison_json(created.record.id),
        api_url=urls.api_comparison(created.record.id),
        owner_token=created.owner_token,
        delete_token=created.owner_token,
        visibility=created.record.visibility.value,
        expires_at=iso_utc(body.expires_at) if body.expires_at else None,
    )


@dataclass(frozen=True, slots=True)
class ReadSide:
    """A side as given or fetched: its text, label, article title and source."""

    text: str
    label: str
    title: str = ""
    source: Source = NO_SOURCE


async def _sides(
    links: LinkFetcher, service: ComparisonService, *sides: SideInput
) -> list[ReadSide]:
    """Each side, its link fetched (both at once); raises InvalidInputError with
    every fetch problem."""
    read = await asyncio.gather(
        *(
            _side(links, service, name, side)
            for name, side in zip(("left", "right"), sides, strict=True)
        )
    )
    problems = tuple(problem for side in read if isinstance(side, tuple) for problem in side)
    if problems:
        raise InvalidInputError(problems)
    return [side for side in read if isinstance(side, ReadSide)]


async def _side(
    links: LinkFetcher, service: ComparisonService, name: str, side: SideInput
) -> ReadSide | tuple[Problem, ...]:
    """The side as given or fetched, or the problems of fetching it."""
    if side.url is not None:
        try:
            article = await links.read(service, name, side.url)
        except InvalidInputError as error:
            return error.problems
    elif side.source is not None:
        article = _given_article(side.text or "", side.source)
    else:
        return ReadSide(side.text or "", side.label)
    label = side.label or article_label(article)
    return ReadSide(article.text, label, article_title(article), article_source(article))


def _given_article(text: str, source: SourceInput) -> Article:
    """A text with the source its sender gave, read as an article would be."""
    return Article(
        text,
        Kind.TEXT,
        name="",
        title=source.title,
        author=source.author,
        date=source.published,
        source_url=source.url,
    )


@router.get(urls.API_COMPARISONS_PATH, responses=documented())
def list_comparisons(
    service: Service,
    q: Annotated[str, Query(max_length=200, description="Words in the title.")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT)] = urls.DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_LIST_OFFSET)] = 0,
) -> ListResponse:
    """Stored comparisons, newest first; the JSON twin of the library page."""
    page = service.list(q, limit, offset)
    neighbours = pager(page, urls.api_comparisons)
    return ListResponse(
        comparisons=[_summary_out(summary) for summary in page.items],
        total=page.total,
        limit=page.limit,
        offset=page.offset,
        q=page.search,
        next=neighbours.older_url,
        previous=neighbours.newer_url,
    )


# One handler for the API address and the page's JSON twin (/c/{id}.json):
# the same document, only the twin is left out of the OpenAPI schema.
@router.api_route(urls.COMPARISON_JSON_PATH, methods=["GET", "HEAD"], include_in_schema=False)
@router.get(
    urls.API_COMPARISON_PATH,
    responses=documented({200: {"model": ComparisonDocument}}),
    response_class=Response,
)
async def get_comparison(
    request: Request,
    comparison_id: str,
    service: Service,
    reviews: Reviews,
    cache: PageCache,
    variants: VariantCache,
    engines: Engines,
    ignore: RequestedIgnore,
) -> Response:
    """One comparison: the engine's JSON (schema 1) with its title, labels, URLs,
    visibility, expiry and review (comments, current marks, progress by class);
    with `ignore`, the same texts compared with those ignore options instead."""
    document = await _document_response(
        request, comparison_id, service, reviews, (cache, variants), engines, ignore
    )
    return document


def with_owner_token(asker: Visitor, token: str | None) -> Visitor:
    """The visitor holding `token` (the `token` parameter) unless a header or cookie gave one."""
    return asker if asker.owner_token or not token else replace(asker, owner_token=token)


@router.patch(urls.API_COMPARISON_PATH, status_code=204, responses=documented())
def change_comparison(
    comparison_id: str,
    body: ComparisonPatch,
    service: Service,
    asker: Asker,
    token: Annotated[str | None, Query(description=TOKEN_QUERY, deprecated=True)] = None,
) -> Response:
    """Change a comparison's visibility or expiry (`expires_at` null: never), as its owner."""
    expires_given = "expires_at" in body.model_fields_set
    changes = OwnerChanges(
        visibility=Visibility(body.visibility) if body.visibility else None,
        expires_at=body.expires_at if expires_given else None,
        never_expires=expires_given and body.expires_at is None,
    )
    if changes.expires_at is not None and changes.expires_at.utcoffset() is None:
        raise InvalidInputError((Problem("expires_at", "expires_at needs its offset (Z)."),))
    requester = with_owner_token(asker, token).requester
    _check(service, comparison_id, service.change(comparison_id, requester, changes))
    return Response(status_code=204)


@router.delete(urls.API_COMPARISON_PATH, status_code=204, responses=documented())
def delete_comparison(
    comparison_id: str,
    service: Service,
    asker: Asker,
    token: Annotated[str | None, Query(description=TOKEN_QUERY, deprecated=True)] = None,
) -> Response:
    """Delete a comparison with its comments and marks, given its owner token."""
    requester = with_owner_token(asker, token).requester
    _check(service, comparison_id, service.delete(comparison_id, requester))
    return Response(status_code=204)


def _check(service: ComparisonService, comparison_id: str, outcome: Outcome) -> None:
    if outcome is Outcome.NOT_FOUND:
        raise not_found_or_gone(service, comparison_id)
    if outcome is Outcome.FORBIDDEN:
        raise HTTPException(403, FORBIDDEN_MESSAGE)


async def _document_response(
    request: Request,
    comparison_id: str,
    service: ComparisonService,
    reviews: ReviewService,
    caches: tuple[LruCache[RenderedPage], LruCache[Variant]],
    engines: EnginePool,
    ignore: frozenset[urls.Ignore] | None,
) -> Response:
    """The JSON twin, kept like a page (it is as costly to build); a large
    comparison's own is built in an engine process (see `large_pages`)."""
    cache, variants = caches
    key = (comparison_id, "json", ignore)

    def render(record: StoredComparison) -> RenderedPage:
        review = reviews.review(record.id)
        showing = shown(service, variants, record, ignore)
        job = (("json", *key, record.revision), partial(engine_document, showing, review))
        return made_where_cheapest(engines, showing, job, lambda: document_page(showing, review))

    page = await kept_page(service, cache, key, comparison_id, render)
    return conditional_response(request, page, JSON)


def _summary_out(summary: Summary) -> SummaryOut:
    return SummaryOut(
        id=summary.id,
        title=summary.title,
        labels=Labels(left=summary.left_label, right=summary.right_label),
        created=iso_utc(summary.created_at),
        similarity=summary.similarity,
        row_counts=summary.row_counts,
        words_added=summary.words_added,
        words_removed=summary.words_removed,
        engine_version=summary.engine_version,
        url=urls.comparison(summary.id),
        json_url=urls.comparison_json(summary.id),
        api_url=urls.api_comparison(summary.id),
    )
