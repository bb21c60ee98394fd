"""Comments, marks and the review's progress as the API and the JSON twin give them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from app.core.serialize import comparison_from_json
from app.review import Review, latest_marks
from app.store import Comment, Mark, StoredComparison
from app.web.comparison.summaries import iso_utc
from app.web.review.schemas import CommentOut, MarkOut
from app.web.review.view import review_view


def comment_out(comment: Comment, replies: Iterable[Comment] = ()) -> CommentOut:
    return CommentOut(
        id=comment.id,
        row=comment.row,
        change=comment.change,
        author=comment.author,
        created=iso_utc(comment.created_at),
        edited=iso_utc(comment.edited_at) if comment.edited_at else None,
        body=comment.body,
        resolved=comment.resolved,
        resolved_by=comment.resolved_by,
        reply_to=comment.thread_id,
        replies=[comment_out(reply) for reply in replies],
    )


def threads_out(comments: Iterable[Comment]) -> list[CommentOut]:
    """Threads (their first comments) oldest first, each with its replies."""
    replies: dict[str, list[Comment]] = defaultdict(list)
    roots: list[Comment] = []
    for comment in comments:
        if comment.thread_id is None:
            roots.append(comment)
        else:
            replies[comment.thread_id].append(comment)
    return [comment_out(root, replies.get(root.id, ())) for root in roots]


def mark_out(mark: Mark) -> MarkOut:
    return MarkOut(
        row=mark.row,
        change=mark.change,
        state=mark.state.value,
        reviewer=mark.reviewer,
        created=iso_utc(mark.created_at),
    )


def review_json(record: StoredComparison, review: Review) -> dict[str, Any]:
    """What the JSON twin says of the review: threads, current marks, progress by class."""
    progress = review_view(record.id, comparison_from_json(record.comparison), review, None)
    return {
        "comments": [thread.model_dump() for thread in threads_out(review.comments)],
        "marks": [
            mark_out(mark).model_dump() for mark in latest_marks(list(review.marks)).values()
        ],
        "review": {
            line.kind: {"total": line.total, **{state: n for state, _, n in line.counts}}
            for line in progress.progress
        },
    }
