"""The store's review contract, on SQLite and PostgreSQL alike: results shared
by comparisons, visibility and expiry, comments and marks, and deletion that
leaves nothing behind."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from app.store import (
    Comment,
    CommentNotFoundError,
    ComparisonStore,
    Mark,
    MarkState,
    StoredComparison,
    TooManyCommentsError,
    Visibility,
    hash_token,
)


def comment_on(
    record: StoredComparison, number: int, *, thread: str | None = None, row: int = 1
) -> Comment:
    return Comment(
        id=f"{record.id[:6]}-c{number}",
        comparison_id=record.id,
        thread_id=thread,
        row=row,
        change=None if thread else 0,
        author=f"Reviewer {number}",
        author_key_hash=hash_token(f"key {number}"),
        body=f"Comment {number}:\nsee https://example.com/{number}",
        created_at=record.created_at + timedelta(seconds=number),
    )


def mark_on(record: StoredComparison, state: MarkState, minutes: int) -> Mark:
    when = record.created_at + timedelta(minutes=minutes)
    return Mark(record.id, 2, 0, state, "Ann", when)


def test_comparisons_share_one_result_until_the_last_goes(
    store: ComparisonStore, record: StoredComparison
) -> None:
    other = replace(record, id="other-desk-comparison", title="Other desk")
    assert store.put(record) and store.put(other)
    assert store.get(other.id) == other
    assert store.get_result(record.result_id) in (record, other)
    assert store.delete(record.id)
    assert store.has_result(record.result_id)  # the other desk's comparison uses it
    assert store.get(other.id) == other
    assert store.delete(other.id)
    assert not store.has_result(record.result_id)  # the texts are gone with the last


@pytest.mark.parametrize(
    ("visibility", "expires_in", "shown"),
    [
        (Visibility.LISTED, None, True),
        (Visibility.LISTED, timedelta(days=1), True),
        (Visibility.LISTED, timedelta(0), False),
        (Visibility.LISTED, -timedelta(days=1), False),
        (Visibility.UNLISTED, None, False),
        (Visibility.UNLISTED, timedelta(days=1), False),
    ],
)
def test_the_library_lists_only_listed_comparisons_not_expired(
    store: ComparisonStore,
    record: StoredComparison,
    visibility: Visibility,
    expires_in: timedelta | None,
    shown: bool,
) -> None:
    now = record.created_at + timedelta(hours=1)
    expires_at = None if expires_in is None else now + expires_in
    store.put(replace(record, visibility=visibility, expires_at=expires_at))
    listed = [summary.id for summary in store.list(search="peace", now=now)]
    assert listed == ([record.id] if shown else [])
    assert store.count(search="peace", now=now) == len(listed)
    assert store.get(record.id) is not None  # its link still reaches it (or says it expired)


def test_owner_changes_bump_the_revision(store: ComparisonStore, record: StoredComparison) -> None:
    store.put(replace(record, visibility=Visibility.UNLISTED))
    assert store.revision(record.id) == (0, None)
    later = record.created_at + timedelta(days=7)
    assert store.update(record.id, visibility=Visibility.LISTED, expires_at=later)
    assert store.revision(record.id) == (1, later)
    assert [summary.id for summary in store.list()] == [record.id]
    assert store.update(record.id, clear_expiry=True)
    assert store.revision(record.id) == (2, None)
    assert not store.update("no-such-comparison", visibility=Visibility.LISTED)
    assert store.revision("no-such-comparison") is None


def test_the_sweep_removes_expired_comparisons_with_their_review(
    store: ComparisonStore, record: StoredComparison
) -> None:
    expires_at = record.created_at + timedelta(days=1)
    expiring = replace(record, expires_at=expires_at)
    kept = replace(record, id="kept-comparison-0001", result_id="another-result-0001")
    store.put(expiring)
    store.put(kept)
    store.add_comment(comment_on(expiring, 1), max_comments=10)
    store.add_mark(mark_on(expiring, MarkState.QUERIED, 1))
    assert store.sweep(expires_at - timedelta(seconds=1)) == 0
    assert store.sweep(expires_at) == 1
    assert store.get(record.id) is None
    assert (store.comments(record.id), store.marks(record.id)) == ([], [])
    assert not store.has_result(record.result_id)
    assert store.expired_at(record.id) == expires_at
    assert store.expired_at(kept.id) is None and store.get(kept.id) == kept
    assert store.sweep(expires_at + timedelta(days=9)) == 0


def test_threads_replies_edits_resolution_and_deletion(
    store: ComparisonStore, record: StoredComparison
) -> None:
    store.put(record)
    first = comment_on(record, 1)
    reply = comment_on(record, 2, thread=first.id)
    store.add_comment(first, max_comments=10)
    store.add_comment(reply, max_comments=10)
    assert store.comments(record.id) == [first, reply]
    assert store.comment(record.id, reply.id) == reply
    edited_at = record.created_at + timedelta(hours=1)
    store.edit_comment(record.id, reply.id, "Fixed: «Kyiv»", edited_at)
    assert store.comment(record.id, reply.id) == replace(
        reply, body="Fixed: «Kyiv»", edited_at=edited_at
    )
    store.resolve_thread(record.id, first.id, True, "Bea")
    assert store.comment(record.id, first.id) == replace(first, resolved=True, resolved_by="Bea")
    store.resolve_thread(record.id, first.id, False, "Bea")
    assert store.comment(record.id, first.id) == first
    with pytest.raises(CommentNotFoundError):
        store.edit_comment(record.id, "no-such-comment", "x", edited_at)
    store.delete_comment(record.id, first.id)  # a thread goes with its replies
    assert store.comments(record.id) == []
    assert store.revision(record.id) == (6, None)


def test_a_reply_must_answer_a_thread_of_the_same_comparison(
    store: ComparisonStore, record: StoredComparison
) -> None:
    other = replace(record, id="other-comparison-001")
    store.put(record)
    store.put(other)
    thread = comment_on(other, 1)
    store.add_comment(thread, max_comments=10)
    with pytest.raises(CommentNotFoundError):
        store.add_comment(comment_on(record, 2, thread=thread.id), max_comments=10)
    reply = comment_on(other, 2, thread=thread.id)
    store.add_comment(reply, max_comments=10)
    with pytest.raises(CommentNotFoundError):  # a reply to a reply: no such thread
        store.add_comment(comment_on(other, 3, thread=reply.id), max_comments=10)
    with pytest.raises(CommentNotFoundError):
        store.add_comment(comment_on(replace(record, id="gone"), 4), max_comments=10)
    assert store.comments(record.id) == []


def test_the_comment_cap_holds_under_concurrent_comments(
    store: ComparisonStore, record: StoredComparison
) -> None:
    store.put(record)
    cap = 5

    def add(number: int) -> bool:
        try:
            store.add_comment(comment_on(record, number), max_comments=cap)
        except TooManyCommentsError:
            return False
        return True

    with ThreadPoolExecutor(max_workers=6) as pool:
        added = list(pool.map(add, range(1, 13)))
    assert sum(added) == cap
    assert len(store.comments(record.id)) == cap


def test_marks_keep_their_history_and_go_with_the_comparison(
    store: ComparisonStore, record: StoredComparison
) -> None:
    store.put(record)
    marks = [
        mark_on(record, MarkState.QUERIED, 1),
        mark_on(record, MarkState.ACCEPTED, 2),
        replace(mark_on(record, MarkState.CORRECT, 3), row=3, change=None),
    ]
    for mark in marks:
        assert store.add_mark(mark)
    assert store.marks(record.id) == marks
    assert not store.add_mark(replace(marks[0], comparison_id="gone"))
    store.add_comment(comment_on(record, 1), max_comments=10)
    assert store.delete(record.id)
    assert (store.marks(record.id), store.comments(record.id)) == ([], [])
    assert store.get(record.id) is None


def test_times_come_back_as_they_went_in(store: ComparisonStore, record: StoredComparison) -> None:
    expires_at = datetime.fromisoformat("2031-01-02T03:04:05.123456+00:00")
    store.put(replace(record, expires_at=expires_at, owner="ann"))
    stored = store.get(record.id)
    assert stored is not None
    assert (stored.expires_at, stored.owner) == (expires_at, "ann")
