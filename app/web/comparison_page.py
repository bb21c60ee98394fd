"""The comparison page (/c/{id}): what it shows, laid out by comparison.html."""

from __future__ import annotations

from app.core import ChangeClass
from app.core.serialize import comparison_from_json
from app.web import urls
from app.web.classes import class_panel
from app.web.rendering import RenderedPage, Renderer
from app.web.sources import source_views
from app.web.summaries import shown_summary
from app.web.variants import Shown
from app.web.view import row_groups


def render_comparison(
    pages: Renderer,
    shown: Shown,
    view: urls.View,
    change_class: ChangeClass | None,
    base_url: str,
) -> RenderedPage:
    """The page for `shown` in `view`, only the rows of `change_class` if given;
    its share link is under `base_url`."""
    comparison = comparison_from_json(shown.comparison)
    address = urls.ComparisonAddress(
        shown.record.id, view, shown.ignore, shown.stored_ignore, change_class
    )
    groups = row_groups(comparison, change_class)
    record = shown.record
    html = pages.render(
        "comparison.html",
        summary=shown_summary(record.summary(), comparison.stats),
        sources=source_views(
            (record.left_source, record.right_source), (record.left_label, record.right_label)
        ),
        panel=class_panel(comparison.stats.classes, comparison.rows, address, shown.engine_version),
        groups=groups,
        view=view,
        address=address,
        share_url=urls.absolute(base_url, address.path()),
        change_count=sum(row.is_change for group in groups for row in group.rows),
    )
    return RenderedPage.of(html.encode("utf-8"))
