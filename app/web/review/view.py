"""The review as the comparison page shows it: threads and marks per row, the
progress by class, the open threads, and the corrections list.

Plain frozen data for the templates, which escape everything; comment bodies
are cut into lines and runs of text, http(s) links marked as links, nothing
else interpreted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from app.core import ChangeClass, Comparison, Row
from app.review import MOVED, Review, ReviewItem, latest_marks, review_items
from app.store import Comment, Mark, MarkState
from app.web import urls
from app.web.comparison.classes import PANEL_ORDER, WORDS
from app.web.comparison.summaries import iso_utc

_LINK = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
EXCERPT_CHARS = 48
STATE_LABELS = {
    MarkState.ACCEPTED: "accepted",
    MarkState.QUERIED: "queried",
    MarkState.CORRECT: "to correct",
}
# The buttons of a change, in the order a reviewer reads them.
MARK_BUTTONS = (
    (MarkState.ACCEPTED, "Accept"),
    (MarkState.QUERIED, "Query"),
    (MarkState.CORRECT, "Must correct"),
)
KIND_ORDER = (*(kind.value for kind in PANEL_ORDER), MOVED)
KIND_NAMES = {**{kind.value: WORDS[kind].many.capitalize() for kind in PANEL_ORDER}}
KIND_NAMES[MOVED] = "Moved sentences"


@dataclass(frozen=True, slots=True)
class TextRun:
    text: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class CommentView:
    id: str
    anchor: str
    author: str
    created_iso: str
    created_display: str
    edited: bool
    lines: tuple[tuple[TextRun, ...], ...]
    body: str
    change_label: str
    is_mine: bool
    resolved: bool = False
    resolved_by: str | None = None
    replies: tuple[CommentView, ...] = ()


@dataclass(frozen=True, slots=True)
class ItemView:
    """One markable change of a row, with its latest mark and the buttons to mark it."""

    row: int
    change: int | None
    kind: str
    kind_label: str
    before: str
    after: str
    state: str  # a MarkState value, "unchecked" if not marked
    state_label: str
    reviewer: str | None
    history: int  # marks given before the one that counts
    buttons: tuple[tuple[str, str, bool], ...]  # (the button's value, label, pressed)


@dataclass(frozen=True, slots=True)
class RowReview:
    threads: tuple[CommentView, ...]
    items: tuple[ItemView, ...]
    open_threads: int

    @property
    def comment_count(self) -> int:
        return sum(1 + len(thread.replies) for thread in self.threads)

    @property
    def unchecked(self) -> bool:
        return any(item.state == MarkState.UNCHECKED for item in self.items)

    def has_state(self, state: str) -> bool:
        return any(item.state == state for item in self.items)


@dataclass(frozen=True, slots=True)
class ProgressLine:
    kind: str
    label: str
    total: int
    counts: tuple[tuple[str, str, int], ...]  # (state, label, count), those above 0

    @property
    def text(self) -> str:
        parts = ", ".join(f"{count} {label}" for _, label, count in self.counts)
        return f"{self.label}: {self.total} — {parts}"


@dataclass(frozen=True, slots=True)
class ThreadLink:
    row: int
    href: str
    author: str
    excerpt: str
    replies: int


@dataclass(frozen=True, slots=True)
class ReviewView:
    rows: dict[int, RowReview]
    progress: tuple[ProgressLine, ...]
    open_threads: tuple[ThreadLink, ...]
    state_totals: dict[str, int]

    def row(self, number: int) -> RowReview:
        return self.rows.get(number, EMPTY_ROW)


EMPTY_ROW = RowReview((), (), 0)


def review_view(
    comparison_id: str, comparison: Comparison, review: Review, author_hash: str | None
) -> ReviewView:
    items = tuple(review_items(comparison))
    latest = latest_marks(list(review.marks))
    history = Counter(mark.target for mark in review.marks)
    item_views: dict[int, list[ItemView]] = defaultdict(list)
    for item in items:
        view = _item_view(comparison_id, comparison, item, latest.get(item.target), history)
        item_views[item.row].append(view)
    threads = _threads(review.comments, comparison, author_hash)
    rows: dict[int, RowReview] = {}
    for number in sorted(set(item_views) | set(threads)):
        row_threads = tuple(threads.get(number, ()))
        open_count = sum(not thread.resolved for thread in row_threads)
        rows[number] = RowReview(row_threads, tuple(item_views.get(number, ())), open_count)
    states = Counter(view.state for views in item_views.values() for view in views)
    return ReviewView(
        rows=rows,
        progress=_progress(items, latest),
        open_threads=_open_thread_links(threads),
        state_totals={state.value: states.get(state.value, 0) for state in MarkState},
    )


def _item_view(
    comparison_id: str,
    comparison: Comparison,
    item: ReviewItem,
    mark: Mark | None,
    history: Counter[tuple[int, int | None]],
) -> ItemView:
    row = comparison.rows[item.row - 1]
    before, after = _excerpts(comparison, row, item.change)
    state = mark.state if mark else MarkState.UNCHECKED
    return ItemView(
        row=item.row,
        change=item.change,
        kind=item.kind,
        kind_label=_item_label(row, item),
        before=before,
        after=after,
        state=state.value,
        state_label=STATE_LABELS.get(state, "unchecked"),
        reviewer=mark.reviewer if mark else None,
        history=max(0, history[item.target] - 1),
        buttons=tuple(
            (mark_value(item.change, value), label, value is state) for value, label in MARK_BUTTONS
        ),
    )


# A mark button's value says which change of its row and which state:
# "2:queried" (change 2), "row:accepted" (the whole row).
_WHOLE_ROW = "row"


def mark_value(change: int | None, state: MarkState) -> str:
    return f"{_WHOLE_ROW if change is None else change}:{state.value}"


def parse_mark_value(value: str) -> tuple[int | None, MarkState]:
    """The change and state a mark button names; ValueError for anything else."""
    change, _, state = value.partition(":")
    if change != _WHOLE_ROW and not (change.isdigit() and len(change) <= 9):
        raise ValueError(f"not a change: {change[:20]!r}")
    return (None if change == _WHOLE_ROW else int(change)), MarkState(state)


def _item_label(row: Row, item: ReviewItem) -> str:
    """ "wording" for a change; "inserted row · quote", "moved row" for a whole row."""
    if item.change is not None:
        return _tag(item.kind)
    whole = f"{row.op.value} row"
    return whole if item.kind == MOVED else f"{whole} · {_tag(item.kind)}"


def _tag(kind: str) -> str:
    return WORDS[ChangeClass(kind)].tag if kind != MOVED else MOVED


def _excerpts(comparison: Comparison, row: Row, change: int | None) -> tuple[str, str]:
    """A few words of each side: the change's, or the whole row's."""
    if change is None:
        left = comparison.left.span_text(row.left) if row.left else ""
        right = comparison.right.span_text(row.right) if row.right else ""
        return _short(left), _short(right)
    found = row.changes[change]
    left = comparison.left.text[found.left[0] : found.left[1]] if found.left else ""
    right = comparison.right.text[found.right[0] : found.right[1]] if found.right else ""
    return _short(left), _short(right)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _threads(
    comments: Iterable[Comment], comparison: Comparison, author_hash: str | None
) -> dict[int, list[CommentView]]:
    replies: dict[str, list[CommentView]] = defaultdict(list)
    roots: list[Comment] = []
    for comment in comments:
        if comment.opens_thread:
            roots.append(comment)
        else:
            replies[comment.thread_id or ""].append(comment_view(comment, author_hash))
    threads: dict[int, list[CommentView]] = defaultdict(list)
    for root in roots:
        view = comment_view(root, author_hash, tuple(replies.get(root.id, ())), comparison)
        threads[root.row].append(view)
    return threads


def comment_view(
    comment: Comment,
    author_hash: str | None,
    replies: tuple[CommentView, ...] = (),
    comparison: Comparison | None = None,
) -> CommentView:
    created = comment.created_at
    label = ""
    if comparison is not None and comment.change is not None:
        before, after = _excerpts(comparison, comparison.rows[comment.row - 1], comment.change)
        label = f"on “{before or '…'}” → “{after or '…'}”"
    return CommentView(
        id=comment.id,
        anchor=urls.comment_anchor(comment.id),
        author=comment.author,
        created_iso=iso_utc(created),
        created_display=created.strftime("%d %b %Y, %H:%M UTC"),
        edited=comment.edited_at is not None,
        lines=tuple(linked_runs(line) for line in comment.body.split("\n")),
        body=comment.body,
        change_label=label,
        is_mine=author_hash is not None and author_hash == comment.author_key_hash,
        resolved=comment.resolved,
        resolved_by=comment.resolved_by,
        replies=replies,
    )


def linked_runs(line: str) -> tuple[TextRun, ...]:
    """The line as runs of text, http(s) links among them marked with their href."""
    runs: list[TextRun] = []
    position = 0
    for match in _LINK.finditer(line):
        if match.start() > position:
            runs.append(TextRun(line[position : match.start()]))
        runs.append(TextRun(match.group(), match.group()))
        position = match.end()
    if position < len(line) or not runs:
        runs.append(TextRun(line[position:]))
    return tuple(runs)


def _progress(
    items: Sequence[ReviewItem], latest: dict[tuple[int, int | None], Mark]
) -> tuple[ProgressLine, ...]:
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        mark = latest.get(item.target)
        by_kind[item.kind][mark.state.value if mark else MarkState.UNCHECKED.value] += 1
    lines = []
    for kind in KIND_ORDER:
        counts = by_kind.get(kind)
        if not counts:
            continue
        shown = tuple(
            (state.value, STATE_LABELS.get(state, "unchecked"), counts[state.value])
            for state in (*STATE_LABELS, MarkState.UNCHECKED)
            if counts[state.value]
        )
        lines.append(ProgressLine(kind, KIND_NAMES[kind], sum(counts.values()), shown))
    return tuple(lines)


def _open_thread_links(threads: dict[int, list[CommentView]]) -> tuple[ThreadLink, ...]:
    return tuple(
        ThreadLink(
            row=row,
            href=urls.fragment(thread.anchor),
            author=thread.author,
            excerpt=_short(thread.body),
            replies=len(thread.replies),
        )
        for row in sorted(threads)
        for thread in threads[row]
        if not thread.resolved
    )
