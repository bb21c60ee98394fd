"""The JSON twin of a comparison's page: what the page shows, as JSON."""

from __future__ import annotations

import json
from typing import Any

from app.review import Review
from app.web import urls
from app.web.comparison.summaries import iso_utc
from app.web.comparison.unrelated import pair_warnings
from app.web.comparison.variants import Shown
from app.web.review.json_view import review_json
from app.web.serving.rendering import RenderedPage


def comparison_document(showing: Shown, review: Review | None) -> dict[str, Any]:
    """The JSON twin: the engine's JSON of what the page shows, what the library
    knows of the comparison, and its review (on its own ignore options only);
    `url` is the page with the same options."""
    record = showing.record
    address = urls.ComparisonAddress(
        record.id, ignore=showing.ignore, stored_ignore=showing.stored_ignore
    )
    reviewed = review_json(record, review) if review and address.is_stored_view else {}
    return {
        "id": record.id,
        "url": address.path(),
        "title": record.title,
        "labels": {"left": record.left_label, "right": record.right_label},
        "sources": {"left": record.left_source.as_json(), "right": record.right_source.as_json()},
        "created": iso_utc(record.created_at),
        "visibility": record.visibility.value,
        "expires_at": iso_utc(record.expires_at) if record.expires_at else None,
        "engine_version": showing.engine_version,
        "warnings": [warning.as_json() for warning in pair_warnings(showing.comparison)],
        **reviewed,
        **showing.comparison,
    }


def document_page(showing: Shown, review: Review | None) -> RenderedPage:
    """`comparison_document` as the body the JSON twin answers."""
    document = comparison_document(showing, review)
    return RenderedPage.of(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    )
