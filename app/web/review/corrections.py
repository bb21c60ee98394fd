"""The corrections list: the changes a reviewer marked "must be corrected",
with both texts and the comments on their rows, to send to the republisher.

One document for the plain page (corrections.html) and its JSON twin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.core import Comparison
from app.core.serialize import comparison_from_json
from app.review import Review, latest_marks, review_items
from app.store import Comment, MarkState, StoredComparison
from app.web import urls
from app.web.comparison.summaries import iso_utc
from app.web.review.view import KIND_NAMES


@dataclass(frozen=True, slots=True)
class Correction:
    row: int
    change: int | None
    kind: str
    kind_label: str
    left: str  # the row's whole text on each side
    right: str
    before: str  # the changed words on each side ("" for none)
    after: str
    reviewer: str
    marked_at: str
    comments: tuple[Comment, ...]
    href: str

    def as_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "change": self.change,
            "class": self.kind,
            "left": self.left,
            "right": self.right,
            "before": self.before,
            "after": self.after,
            "reviewer": self.reviewer,
            "marked": self.marked_at,
            "url": self.href,
            "comments": [
                {
                    "id": c.id,
                    "author": c.author,
                    "created": iso_utc(c.created_at),
                    "body": c.body,
                    "reply_to": c.thread_id,
                }
                for c in self.comments
            ],
        }


@dataclass(frozen=True, slots=True)
class Corrections:
    id: str
    title: str
    labels: tuple[str, str]
    page_url: str
    items: tuple[Correction, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "labels": {"left": self.labels[0], "right": self.labels[1]},
            "url": self.page_url,
            "corrections": [item.as_json() for item in self.items],
        }


def corrections_document(record: StoredComparison, review: Review) -> Corrections:
    comparison = comparison_from_json(record.comparison)
    latest = latest_marks(list(review.marks))
    items = []
    for item in review_items(comparison):
        mark = latest.get(item.target)
        if mark is None or mark.state is not MarkState.CORRECT:
            continue
        left, right, before, after = _texts(comparison, item.row, item.change)
        items.append(
            Correction(
                row=item.row,
                change=item.change,
                kind=item.kind,
                kind_label=KIND_NAMES[item.kind],
                left=left,
                right=right,
                before=before,
                after=after,
                reviewer=mark.reviewer,
                marked_at=iso_utc(mark.created_at),
                comments=tuple(c for c in review.comments if c.row == item.row),
                href=urls.comparison(record.id) + urls.fragment(urls.row_anchor(item.row)),
            )
        )
    return Corrections(
        record.id,
        record.title,
        (record.left_label, record.right_label),
        urls.comparison(record.id),
        tuple(items),
    )


def _texts(comparison: Comparison, number: int, change: int | None) -> tuple[str, str, str, str]:
    row = comparison.rows[number - 1]
    left = comparison.left.span_text(row.left)
    right = comparison.right.span_text(row.right)
    if change is None:
        return left, right, left, right
    found = row.changes[change]
    before = comparison.left.text[found.left[0] : found.left[1]] if found.left else ""
    after = comparison.right.text[found.right[0] : found.right[1]] if found.right else ""
    return left, right, before, after
