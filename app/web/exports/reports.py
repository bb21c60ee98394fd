"""The report downloads: /c/{id}.html (self-contained) and /c/{id}.pdf.

Both show what the page shows (`?ignore=` as on the page); the review goes in
only when that is the comparison with its own ignore options, which is what
the review is on.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from app.review import ReviewService
from app.service import ComparisonService
from app.store import StoredComparison
from app.web import urls
from app.web.comparison.variants import Variant, shown
from app.web.deps import (
    AppSettings,
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
from app.web.serving.collector import collector_held_off
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
    ignore: RequestedIgnore,
    settings: AppSettings,
    view: urls.View = urls.View.INLINE,
    download: Annotated[bool, Query()] = False,
) -> Response:
    """The comparison as one HTML file that opens offline; `?download=1` saves it."""
    asked = ReportRequest(view, urls.public_base(settings))
    html = await run_in_threadpool(_html, pages, service, reviews, variants, record, asked, ignore)
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
        # Laid out in the thread pool: WeasyPrint blocks for about a second.
        html = await run_in_threadpool(
            _html, pages, service, reviews, variants, record, asked, ignore
        )
        document = RenderedPage.of(await run_in_threadpool(report_pdf, html))
        kept.put(key, document, len(document.body))
    response = conditional_response(request, document, PDF)
    response.headers["Content-Disposition"] = attachment(record.title, "pdf")
    return response


def _html(
    pages: Renderer,
    service: ComparisonService,
    reviews: ReviewService,
    variants: LruCache[Variant],
    record: StoredComparison,
    asked: ReportRequest,
    ignore: frozenset[urls.Ignore] | None,
) -> str:
    with collector_held_off(len(record.comparison_json.text)):
        showing = shown(service, variants, record, ignore)
        review = reviews.review(record.id) if showing.ignore == showing.stored_ignore else None
        return render_report(pages, showing, asked, review)
