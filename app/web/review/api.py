"""The API of a comparison's review: comments (threads, replies, resolve, edit,
delete) and marks. Declared in the OpenAPI schema under "review".

Who writes: behind a sign-on proxy, the signed-on person; else the `author`
or `reviewer` field. A comment's author edits or deletes it with the token
given when it was created (X-Comment-Token); the comparison's owner may
delete any comment (X-Owner-Token).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Response
from starlette.concurrency import run_in_threadpool

from app.review import ReviewInputError, latest_marks
from app.store import MarkState, new_token
from app.web import urls
from app.web.api import not_cross_site
from app.web.deps import Asker, LiveRecord, Reviews, Service
from app.web.review.json_view import comment_out, mark_out, threads_out
from app.web.review.schemas import (
    CommentCreated,
    CommentIn,
    CommentOut,
    CommentPatch,
    MarkIn,
    MarkOut,
    MarksOut,
)
from app.web.schemas import documented
from app.web.serving.throttle import Action, limited

router = APIRouter(tags=["review"], dependencies=[Depends(not_cross_site)])
CommentToken = Annotated[
    str | None, Header(description="The token given when the comment was created.")
]


@router.post(
    urls.API_COMMENTS_PATH,
    status_code=201,
    responses=documented(),
    dependencies=[Depends(limited(Action.COMMENT))],
)
async def create_comment(
    body: CommentIn, record: LiveRecord, reviews: Reviews, asker: Asker, response: Response
) -> CommentCreated:
    """Comment on a row (and optionally one of its changes), or reply to a thread."""
    token = None if asker.user is not None else new_token()
    created = await run_in_threadpool(
        lambda: reviews.add_comment(
            record,
            row=body.row,
            change=body.change,
            body=body.body,
            author=asker.user or body.author,
            author_key=(asker.author_key if asker.user is not None else token) or "",
            thread_id=body.reply_to,
        )
    )
    response.headers["Location"] = urls.api_comment(record.id, created.id)
    return CommentCreated(**comment_out(created).model_dump(), token=token)


@router.get(urls.API_COMMENTS_PATH, responses=documented())
def list_comments(record: LiveRecord, reviews: Reviews) -> list[CommentOut]:
    """The comparison's threads, oldest first, each with its replies."""
    return threads_out(reviews.review(record.id).comments)


@router.get(urls.API_COMMENT_PATH, responses=documented())
def get_comment(comment_id: str, record: LiveRecord, reviews: Reviews) -> CommentOut:
    review = reviews.review(record.id)
    found = reviews.find(record, comment_id)
    return comment_out(found, (c for c in review.comments if c.thread_id == found.id))


@router.patch(urls.API_COMMENT_PATH, responses=documented())
def change_comment(
    comment_id: str,
    body: CommentPatch,
    record: LiveRecord,
    reviews: Reviews,
    asker: Asker,
    x_comment_token: CommentToken = None,
) -> CommentOut:
    """Edit the body (its author) and/or resolve or reopen the thread (anyone)."""
    if body.body is None and body.resolved is None:
        raise ReviewInputError("Give a new body, or resolved: true or false.")
    if body.body is not None:
        reviews.edit(record, comment_id, body.body, x_comment_token or asker.author_key)
    if body.resolved is not None:
        reviews.resolve(record, comment_id, body.resolved, asker.user or body.by)
    return get_comment(comment_id, record, reviews)


@router.delete(urls.API_COMMENT_PATH, status_code=204, responses=documented())
def delete_comment(
    comment_id: str,
    record: LiveRecord,
    reviews: Reviews,
    service: Service,
    asker: Asker,
    x_comment_token: CommentToken = None,
) -> Response:
    """Delete a comment (a thread's first one takes its replies along): its author,
    or the comparison's owner."""
    is_owner = service.is_owner(record, asker.requester)
    reviews.delete(record, comment_id, x_comment_token or asker.author_key, is_owner)
    return Response(status_code=204)


@router.post(urls.API_MARKS_PATH, status_code=201, responses=documented())
def create_mark(body: MarkIn, record: LiveRecord, reviews: Reviews, asker: Asker) -> MarkOut:
    """Mark a change (or a whole inserted, deleted or moved row): the latest mark counts."""
    by = asker.user or body.reviewer
    return mark_out(reviews.mark(record, body.row, body.change, MarkState(body.state), by))


@router.get(urls.API_MARKS_PATH, responses=documented())
def list_marks(record: LiveRecord, reviews: Reviews) -> MarksOut:
    history = reviews.review(record.id).marks
    return MarksOut(
        current=[mark_out(mark) for mark in latest_marks(list(history)).values()],
        history=[mark_out(mark) for mark in history],
    )
