"""The comparison as one self-contained document (/c/{id}.html, /c/{id}.pdf).

The report is laid out by report.html from the page's own view data (rows,
class panel, review) so it says what the page says, but it stands alone: its
CSS is inlined, it has no script and no form, and its links are absolute, so
it opens offline, attached to an email. The PDF is that same HTML with the
print rules turned on, rendered by WeasyPrint.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from weasyprint import HTML, URLFetcher

from app.core import ENGINE_VERSION, Comparison
from app.core.serialize import comparison_from_json
from app.review import Review
from app.store.records import build_record
from app.web import urls
from app.web.comparison.classes import class_panel
from app.web.comparison.rows import row_groups
from app.web.comparison.sources import source_views
from app.web.comparison.summaries import shown_summary
from app.web.comparison.variants import Shown, stored_options
from app.web.review.corrections import corrections_document
from app.web.review.view import review_view
from app.web.serving.rendering import Renderer

_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


class Paper(StrEnum):
    """`?paper=`: the PDF's page size (a CSS `@page` size keyword)."""

    A4 = "a4"
    LETTER = "letter"


@dataclass(frozen=True, slots=True)
class ReportRequest:
    view: urls.View
    base_url: str | None  # None: not served (the CLI's file), no share link
    paper: Paper | None = None  # None: the HTML export, without print rules


def render_report(
    pages: Renderer, shown: Shown, asked: ReportRequest, review: Review | None
) -> str:
    """The report's HTML for `shown`, with the review when it is on these rows
    (the comparison's own ignore options), as the page has it."""
    comparison = comparison_from_json(shown.comparison)
    record = shown.record
    address = urls.ComparisonAddress(record.id, asked.view, shown.ignore, shown.stored_ignore)
    reviewing = corrections = None
    if review is not None and address.is_stored_view:
        reviewing = review_view(record.id, comparison, review, None)
        corrections = corrections_document(record, review)
    share_url = urls.absolute(asked.base_url, address.path()) if asked.base_url else None
    return pages.render(
        "report.html",
        summary=shown_summary(record.summary(), comparison.stats),
        sources=source_views(
            (record.left_source, record.right_source), (record.left_label, record.right_label)
        ),
        panel=class_panel(comparison.stats.classes, comparison.rows, address, shown.engine_version),
        groups=row_groups(comparison),
        view=asked.view,
        share_url=share_url,
        review=reviewing,
        corrections=corrections.items if corrections else (),
        paper=asked.paper.value if asked.paper else None,
    )


def content_security_policy(html: str) -> str:
    """The export's own policy: its one inline style (by hash), nothing else; no
    script, no fetch, no form, so a saved copy stays inert wherever it is opened."""
    found = _STYLE.search(html)
    style = found.group(1) if found else ""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def report_pdf(html: str) -> bytes:
    """The report's HTML (rendered with a `paper`) laid out as a PDF.

    Blocking, ~1 s on the seed pair: call it from the thread pool. The report
    needs nothing from outside (its style is inline, it has no image), and the
    text in it is the articles': no URL of theirs is ever fetched.
    """
    pdf: bytes = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=())).write_pdf()
    return pdf


def file_report(
    pages: Renderer,
    comparison: Comparison,
    title: str,
    labels: tuple[str, str],
    paper: Paper | None,
) -> str | bytes:
    """The report of a comparison made outside the app (`diptych compare
    --format html|pdf`): the HTML, or the PDF when `paper` is given."""
    record = build_record(
        id="file",
        title=title,
        left_label=labels[0],
        right_label=labels[1],
        comparison=comparison,
        engine_version=ENGINE_VERSION,
        created_at=datetime.now(UTC),
        owner_token_hash="0" * 64,  # nobody owns a file's report: no token hashes to this
    )
    ignore = urls.ignores_of(stored_options(record))
    showing = Shown(record, record.comparison_json, ENGINE_VERSION, ignore, ignore)
    html = render_report(pages, showing, ReportRequest(urls.View.INLINE, None, paper), None)
    return report_pdf(html) if paper else html
