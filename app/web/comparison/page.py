"""The comparison page (/c/{id}): what it shows, laid out by comparison.html."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from app.core import ChangeClass, Comparison, RowOp
from app.core.serialize import comparison_from_json
from app.review import Review
from app.store import Visibility
from app.web import urls
from app.web.comparison.change_list import ChangeEntry, change_entries
from app.web.comparison.classes import class_panel
from app.web.comparison.rows import LAZY_MIN_ROWS, RowGroup, RowKind, row_groups
from app.web.comparison.sources import source_views
from app.web.comparison.summaries import iso_utc, kind_filters, shown_summary
from app.web.comparison.unrelated import pair_warnings
from app.web.comparison.variants import Shown
from app.web.forms import EXPIRY_CHOICES
from app.web.review.view import ReviewView, review_view
from app.web.serving.rendering import RenderedPage, Renderer
from app.web.stories.frame import StoryFrame


@dataclass(frozen=True, slots=True)
class PageViewer:
    """What the page needs of the person viewing it: their forms' token, name,
    whether a sign-on proxy names them, whether they own the comparison."""

    csrf_token: str
    name: str
    signed_on: bool
    is_owner: bool
    author_hash: str | None


@dataclass(frozen=True, slots=True)
class OwnerPanel:
    visibility: str
    expires_iso: str | None
    expires_display: str | None
    choices: tuple[tuple[str, str, int | None], ...] = EXPIRY_CHOICES


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Which page of the comparison: layout, filters, and where its share link points."""

    view: urls.View
    change_class: ChangeClass | None
    review_filter: urls.ReviewFilter | None
    base_url: str
    poll_seconds: float
    commenting: int | None = None  # the row whose comment form is open
    replying: str | None = None  # the thread whose reply form is open
    row_kind: RowOp | None = None
    folds: urls.Folds | None = None


@dataclass(frozen=True, slots=True)
class ChangeTally:
    """What the navigation counts: the rows it stops at and the changes in them."""

    rows: int
    changes: int

    @property
    def label(self) -> str:
        """'63 changed rows · 198 changes'."""
        rows = f"{self.rows} changed row{'' if self.rows == 1 else 's'}"
        return f"{rows} · {self.changes} change{'' if self.changes == 1 else 's'}"


@dataclass(frozen=True, slots=True)
class FoldSwitch:
    """The link that unfolds every run of unchanged rows, or folds them again."""

    label: str
    href: str


def fold_switch(address: urls.ComparisonAddress, groups: tuple[RowGroup, ...]) -> FoldSwitch | None:
    unfolded = address.folds is urls.Folds.OPEN and not address.is_filtered
    if unfolded and any(row.kind is RowKind.EQUAL for group in groups for row in group.rows):
        return FoldSwitch("Fold unchanged", address.with_folds(None))
    if any(group.fold_anchor for group in groups):
        return FoldSwitch("Expand all", address.with_folds(urls.Folds.OPEN))
    return None


def change_tally(comparison: Comparison, entries: tuple[ChangeEntry, ...]) -> ChangeTally:
    rows = comparison.rows
    changes = sum(
        not change.ignored for entry in entries for change in rows[entry.number - 1].changes
    )
    return ChangeTally(len(entries), changes)


def render_comparison(
    pages: Renderer,
    shown: Shown,
    asked: PageRequest,
    review: Review | None,
    viewer: PageViewer,
    story: StoryFrame | None = None,
) -> RenderedPage:
    """The page for `shown` as `asked`, with its review (None on a page with
    other ignore options than the comparison's own, which the review is not on)
    and the frame of the story it is a pair of, if any."""
    comparison = comparison_from_json(shown.comparison)
    record = shown.record
    address = urls.ComparisonAddress(
        record.id,
        asked.view,
        shown.ignore,
        shown.stored_ignore,
        asked.change_class,
        row_kind=asked.row_kind,
        folds=asked.folds,
    )
    reviewing: ReviewView | None = None
    only_rows = None
    if review is not None and address.is_stored_view:
        reviewing = review_view(record.id, comparison, review, viewer.author_hash)
        address = replace(address, review=asked.review_filter)
        if asked.review_filter is not None:
            state = asked.review_filter.value
            only_rows = frozenset(n for n, row in reviewing.rows.items() if row.has_state(state))
    groups = row_groups(
        comparison, asked.change_class, only_rows, asked.row_kind, asked.folds is not None
    )
    moves_are_stops = asked.row_kind is RowOp.MOVED
    entries = change_entries(groups, moves_are_stops)
    summary = shown_summary(record.summary(), comparison.stats)
    html = pages.render(
        "comparison.html",
        summary=summary,
        kinds=kind_filters(summary.counts, address),
        warnings=pair_warnings(shown.comparison),
        sources=source_views(
            (record.left_source, record.right_source), (record.left_label, record.right_label)
        ),
        panel=class_panel(comparison.stats.classes, comparison.rows, address, shown.engine_version),
        groups=groups,
        lazy=sum(len(group.rows) for group in groups) >= LAZY_MIN_ROWS,
        view=asked.view,
        address=address,
        share_url=urls.absolute(asked.base_url, address.path()),
        change_list=entries,
        tally=change_tally(comparison, entries),
        moves_are_stops=moves_are_stops,
        fold_switch=fold_switch(address, groups),
        moves_alone=not moves_are_stops
        and any(row.only_moved for group in groups for row in group.rows),
        review=reviewing,
        viewer=viewer,
        owner=_owner_panel(record.visibility, record.expires_at) if viewer.is_owner else None,
        listed=record.visibility is Visibility.LISTED,
        poll_seconds=asked.poll_seconds,
        commenting=asked.commenting,
        replying=asked.replying,
        revision=record.revision,
        story=story,
    )
    return RenderedPage.of(html.encode("utf-8"))


def _owner_panel(visibility: Visibility, expires_at: datetime | None) -> OwnerPanel:
    return OwnerPanel(
        visibility=visibility.value,
        expires_iso=iso_utc(expires_at) if expires_at else None,
        expires_display=expires_at.strftime("%d %b %Y, %H:%M UTC") if expires_at else None,
    )
