"""The report downloads: /c/{id}.html (self-contained) and /c/{id}.pdf.

Both show what the page shows (`?ignore=` as on the page); the review goes in
only when that is the comparison with its own ignore options, which is what
the review is on.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app.collector import collector_held_off
from app.engine_pool import EnginePool
from app.review import Review, ReviewService
from app.service import ComparisonService
from app.store import StoredComparison
from app.web import urls
from app.web.comparison.large_pages import made_where_cheapest, templates
from app.web.comparison.variants import Shown, Variant, shown
from app.web.deps import (
    AppSettings,
    Engines,
    LiveRecord,
    PageCache,
    Pages,
    RequestedIgnore,
    Reviews,
    Service,
    VariantCache,
)
from app.web.exports.downloads import attachment
from app.web.exports.report import (
    Paper,
    ReportRequest,
    content_security_policy,
    render_report,
    report_pdf,
)
from app.web.serving.cache import LruCache
from app.web.serving.rendering import HTML, RenderedPage, Renderer, conditional_response

router = APIRouter(include_in_schema=False)
PDF = "application/pdf"


@router.api_route(urls.COMPARISON_HTML_PATH, methods=["GET", "HEAD"])
async def comparison_html(
    request: Request,
    record: LiveRecord,
    service: Service,
    reviews: Reviews,
    variants: VariantCache,
    pages: Pages,
    engines: Engines,
    ignore: RequestedIgnore,
    settings: AppSettings,
    view: urls.View = urls.View.INLINE,
    download: Annotated[bool, Query()] = False,
) -> Response:
    """The comparison as one HTML file that opens offline; `?download=1` saves it."""
    asked = ReportRequest(view, urls.public_base(settings))
    html = await run_in_threadpool(
        _html, (pages, engines), service, reviews, variants, record, asked, ignore
    )
    response = conditional_response(request, RenderedPage.of(html.encode("utf-8")), HTML)
    # Its own policy in place of the pages' (which forbids inline styles).
    response.headers["Content-Security-Policy"] = content_security_policy(html)
    if download:
        response.headers["Content-Disposition"] = attachment(record.title, "html")
    return response


@router.api_route(urls.COMPARISON_PDF_PATH, methods=["GET", "HEAD"])
async def comparison_pdf(
    request: Request,
    record: LiveRecord,
    service: Service,
    reviews: Reviews,
    variants: VariantCache,
    pages: Pages,
    kept: PageCache,
    engines: Engines,
    ignore: RequestedIgnore,
    settings: AppSettings,
    view: urls.View = urls.View.INLINE,
    paper: Paper = Paper.A4,
) -> Response:
    """The comparison as a PDF report to attach to an email (A4 or Letter)."""
    asked = ReportRequest(view, urls.public_base(settings), paper)
    # Kept under the revision, which every change of the comparison or its
    # review bumps: a PDF costs about a second to lay out, the look-up nothing.
    key = ("pdf", record.id, view, paper, ignore, asked.base_url, record.revision)
    document = kept.get(key)
    if document is None:
        html = await run_in_threadpool(
            _html, (pages, engines), service, reviews, variants, record, asked, ignore
        )
        # Laid out in an engine process: WeasyPrint is a second of Python
        # for the seed pair, 6 s for 20,000 words, which in a thread of the
        # server would slow every other request (see `large_pages`).
        layout = partial(engines.run, key, report_pdf, html)
        document = RenderedPage.of(await run_in_threadpool(layout))
        kept.put(key, document, len(document.body))
    response = conditional_response(request, document, PDF)
    response.headers["Content-Disposition"] = attachment(record.title, "pdf")
    return response


def _html(
    renderers: tuple[Renderer, EnginePool],
    service: ComparisonService,
    reviews: ReviewService,
    variants: LruCache[Variant],
    record: StoredComparison,
    asked: ReportRequest,
    ignore: frozenset[urls.Ignore] | None,
) -> str:
    pages, engines = renderers
    showing = shown(service, variants, record, ignore)
    review = reviews.review(record.id) if showing.ignore == showing.stored_ignore else None
    key = ("report", record.id, asked, showing.ignore, record.revision)
    job = partial(engine_report, showing, asked, review)
    return made_where_cheapest(
        engines, showing, (key, job), lambda: render_report(pages, showing, asked, review)
    )


@collector_held_off()
def engine_report(showing: Shown, asked: ReportRequest, review: Review | None) -> str:
    """The report `render_report` makes, in an engine process (`EnginePool.run`)."""
    return render_report(templates(), showing, asked, review)
