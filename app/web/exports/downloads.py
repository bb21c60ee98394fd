"""Files to download: the Word document with tracked changes (/c/{id}.docx).

The document shows what the page shows (`?ignore=` as on the page). Its
comments are the review's, and the changes marked "must be corrected", only
when it shows the comparison with its own ignore options: the review belongs
to those rows, as in the JSON twin.
"""

from __future__ import annotations

import re
from functools import partial
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from app.collector import collector_held_off
from app.core.serialize import comparison_from_json
from app.engine_pool import EnginePool
from app.exports import MEDIA_TYPE, DocumentInfo, Note, tracked_changes_docx
from app.review import Review, ReviewService, latest_marks
from app.service import ComparisonService
from app.store import StoredComparison
from app.web import urls
from app.web.comparison.large_pages import made_where_cheapest
from app.web.comparison.variants import Shown, Variant, shown
from app.web.deps import Engines, LiveRecord, RequestedIgnore, Reviews, Service, VariantCache
from app.web.review.corrections import corrections_document
from app.web.serving.cache import LruCache
from app.web.serving.rendering import RenderedPage, conditional_response

router = APIRouter(include_in_schema=False)
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")
MAX_QUOTED_CHARS = 200


@router.api_route(urls.COMPARISON_DOCX_PATH, methods=["GET", "HEAD"])
async def comparison_docx(
    request: Request,
    record: LiveRecord,
    service: Service,
    reviews: Reviews,
    variants: VariantCache,
    engines: Engines,
    ignore: RequestedIgnore,
) -> Response:
    """The comparison as a .docx: the right text with the changes tracked against the left."""
    # Built in the thread pool: reading the JSON back, the engine (for other
    # ignore options) and the writer block the event loop for up to ~0.2 s on
    # a long pair (bench/exports.py).
    document = await run_in_threadpool(
        _rendered, service, reviews, (variants, engines), record, ignore
    )
    response = conditional_response(request, document, MEDIA_TYPE)
    response.headers["Content-Disposition"] = attachment(record.title)
    return response


def _rendered(
    service: ComparisonService,
    reviews: ReviewService,
    caches: tuple[LruCache[Variant], EnginePool],
    record: StoredComparison,
    ignore: frozenset[urls.Ignore] | None,
) -> RenderedPage:
    variants, engines = caches
    showing = shown(service, variants, record, ignore)
    review = reviews.review(record.id) if showing.ignore == showing.stored_ignore else None
    key = ("docx", record.id, showing.ignore, record.revision)
    job = partial(engine_docx, showing, review)
    return made_where_cheapest(engines, showing, (key, job), lambda: docx_page(showing, review))


def docx_page(showing: Shown, review: Review | None) -> RenderedPage:
    """The .docx of what `showing` shows, with the review as Word comments."""
    record = showing.record
    info = DocumentInfo(record.title, record.right_label, record.created_at)
    notes = review_notes(record, review) if review is not None else ()
    return RenderedPage.of(
        tracked_changes_docx(comparison_from_json(showing.comparison), info, notes)
    )


@collector_held_off()
def engine_docx(showing: Shown, review: Review | None) -> RenderedPage:
    """The .docx `docx_page` makes, in an engine process (`EnginePool.run`)."""
    return docx_page(showing, review)


def review_notes(record: StoredComparison, review: Review) -> tuple[Note, ...]:
    """The review as Word comments: each thread (its replies under it), then each
    change whose latest mark says it must be corrected."""
    notes: list[Note] = []
    openers: dict[str, int] = {}
    # Threads first, so that a reply's thread is always listed before it.
    for comment in sorted(review.comments, key=lambda c: (c.thread_id is not None, c.created_at)):
        parent = openers.get(comment.thread_id) if comment.thread_id else None
        if comment.thread_id is None:
            openers[comment.id] = len(notes)
        notes.append(
            Note(
                comment.row,
                comment.author,
                comment.created_at,
                comment.body,
                parent,
                comment.resolved,
            )
        )
    latest = latest_marks(list(review.marks))
    for item in corrections_document(record, review).items:
        mark = latest[(item.row, item.change)]
        change = f"{_quoted(item.before)} → {_quoted(item.after)}"
        text = f"Must be corrected ({item.kind_label.lower()}): {change}"
        notes.append(Note(item.row, mark.reviewer, mark.created_at, text))
    return tuple(notes)


def _quoted(text: str) -> str:
    if not text:
        return "(nothing)"
    shortened = text if len(text) <= MAX_QUOTED_CHARS else text[: MAX_QUOTED_CHARS - 1] + "…"
    return f"“{shortened}”"


def attachment(title: str, extension: str = "docx") -> str:
    """A Content-Disposition naming the file after the title: an ASCII name for
    old clients and the title itself (RFC 5987) for the others."""
    plain = "-".join(_UNSAFE.sub("", title).split())[:80].strip(".-") or "comparison"
    quoted = quote(f"{title[:120]}.{extension}")
    return f"attachment; filename=\"{plain}.{extension}\"; filename*=UTF-8''{quoted}"
