"""The numbers that sum up a comparison, worded for the library and the page header."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from app.core import RowOp, Stats
from app.service import LibraryPage
from app.store import Summary
from app.web import urls


@dataclass(frozen=True, slots=True)
class KindCount:
    kind: str  # a RowOp value, for the CSS class
    count: int

    @property
    def label(self) -> str:
        return f"{self.count} {'unchanged' if self.kind == RowOp.EQUAL else self.kind}"


@dataclass(frozen=True, slots=True)
class KindFilter:
    """A row-kind count on the comparison page, a link that shows only those
    rows (or, when it is the filter in force, every row again)."""

    count: KindCount
    href: str | None  # None for the unchanged rows: no filter
    current: bool


def kind_filters(
    counts: tuple[KindCount, ...], address: urls.ComparisonAddress
) -> tuple[KindFilter, ...]:
    filters = []
    for count in counts:
        kind = RowOp(count.kind)
        current = address.row_kind is kind
        href = None
        if kind is not RowOp.EQUAL:
            href = address.kind_filtered(None if current else kind)
        filters.append(KindFilter(count, href, current))
    return tuple(filters)


@dataclass(frozen=True, slots=True)
class SummaryView:
    id: str
    title: str
    left_label: str
    right_label: str
    created_iso: str
    created_display: str
    similarity: str
    counts: tuple[KindCount, ...]
    words_added: int
    words_removed: int


@dataclass(frozen=True, slots=True)
class Pager:
    """Where a library page sits in the whole list, with links to its neighbours."""

    first: int
    last: int
    total: int
    newer_url: str | None
    older_url: str | None


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a Z, the form the JSON bodies use."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def summary_view(summary: Summary) -> SummaryView:
    created = summary.created_at.astimezone(UTC)
    return SummaryView(
        id=summary.id,
        title=summary.title,
        left_label=summary.left_label,
        right_label=summary.right_label,
        created_iso=iso_utc(created),
        created_display=f"{created.day} {created:%b %Y, %H:%M} UTC",
        similarity=f"{summary.similarity:.0%}",
        counts=kind_counts(summary.row_counts),
        words_added=summary.words_added,
        words_removed=summary.words_removed,
    )


def shown_summary(summary: Summary, stats: Stats) -> SummaryView:
    """The page header's numbers for what the page shows: with other ignore
    options than stored, ignored differences count as equal."""
    return summary_view(
        replace(
            summary,
            similarity=stats.similarity,
            row_counts={op.value: count for op, count in stats.rows.items()},
            words_added=stats.words.inserted,
            words_removed=stats.words.deleted,
        )
    )


def kind_counts(row_counts: Mapping[str, int]) -> tuple[KindCount, ...]:
    """The row kinds that occur, changes first in the engine's order, unchanged last."""
    order = [op for op in RowOp if op is not RowOp.EQUAL] + [RowOp.EQUAL]
    return tuple(
        KindCount(op.value, row_counts[op.value]) for op in order if row_counts.get(op.value)
    )


def pager(page: LibraryPage, link: Callable[[str, int, int], str] = urls.library) -> Pager:
    """Where `page` sits; `link(search, offset, limit)` makes the neighbours' URLs."""
    first = page.offset + 1 if page.items else 0
    last = page.offset + len(page.items)
    newer = None
    if page.offset > 0:
        newer = link(page.search, max(0, page.offset - page.limit), page.limit)
    older = None
    if last < page.total:
        older = link(page.search, page.offset + page.limit, page.limit)
    return Pager(first, last, page.total, newer, older)
