"""The review's forms on the comparison page, and its pages of their own.

Every form post here changes something, so each first passes the CSRF check
(`identity.form_allowed`); then it does its work and answers 303 back to the
row it was about, so it works without JavaScript. (With JavaScript, the page
posts the same forms in the background and follows the redirect to read the
updated rows.) Problems come back as the app's error pages: 422 for bad
input, 403 for what only the author or owner may do, 429 past the comment cap.
"""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.review import MAX_BODY_CHARS, ReviewInputError
from app.service import Outcome, OwnerChanges
from app.store import Visibility
from app.web import urls
from app.web.deps import Asker, LiveRecord, Pages, Reviews, Service, not_found_or_gone
from app.web.forms import EXPIRY_DAYS
from app.web.review.corrections import corrections_document
from app.web.review.view import parse_mark_value
from app.web.serving.identity import (
    CROSS_SITE,
    Visitor,
    forget_ownership,
    form_allowed,
    keep_name,
)
from app.web.serving.throttle import Action, limited

router = APIRouter(include_in_schema=False)
MAX_FORM_FIELDS = 12
# A comment's body is the largest field: 10,000 characters of UTF-8.
MAX_FORM_PART = 64 * 1024
FORBIDDEN_OWNER = "Only the comparison's owner can change or delete it."


async def checked_form(request: Request, asker: Asker) -> FormData:
    """The posted form, once it passed the CSRF check (else 403)."""
    try:
        form = await request.form(max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_PART)
    except StarletteHTTPException as error:  # Starlette's 400 for a field past the limits
        raise ReviewInputError(
            f"The form is too long for a comment ({error.detail}): a comment holds "
            f"at most {MAX_BODY_CHARS:,} characters."
        ) from None
    token = form.get("csrf_token")
    if not form_allowed(request, asker, token if isinstance(token, str) else ""):
        raise HTTPException(403, CROSS_SITE)
    return form


PostedForm = Annotated[FormData, Depends(checked_form)]


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _number(form: FormData, name: str) -> int | None:
    raw = _text(form, name).strip()
    if not raw:
        return None
    if not raw.isdigit() or len(raw) > 9:
        raise ReviewInputError(f"{name}: not a row or change number: {raw[:20]!r}.")
    return int(raw)


def _back(comparison_id: str, anchor: str) -> RedirectResponse:
    return RedirectResponse(urls.comparison(comparison_id) + urls.fragment(anchor), 303)


def _name(request: Request, person: Visitor, form: FormData, response: Response) -> str:
    """Who acts: the sign-on user, else the name typed (kept in `response` for
    next time), else the one typed before."""
    if person.user is not None:
        return person.user
    typed = " ".join(_text(form, "name").split())
    if typed and typed != person.name:
        keep_name(request, response, typed)
    return typed or person.name


def _to_anchor(response: RedirectResponse, comparison_id: str, anchor: str) -> Response:
    """`response` (which may already keep a cookie) sent to the page at `anchor`."""
    response.headers["location"] = urls.comparison(comparison_id) + urls.fragment(anchor)
    return response


@router.post(urls.NAME_PATH)
async def name_for_next_time(request: Request, asker: Asker, form: PostedForm) -> Response:
    target = _text(form, "next")
    # Only a path of this site: never an open redirect to another.
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        target = urls.library()
    response = RedirectResponse(target, 303)
    if not _name(request, asker, form, response):
        raise ReviewInputError("Give a name: who is commenting or reviewing?")
    return response


@router.post(urls.COMMENTS_PATH, dependencies=[Depends(limited(Action.COMMENT))])
async def comment(
    request: Request, record: LiveRecord, reviews: Reviews, asker: Asker, form: PostedForm
) -> Response:
    response = RedirectResponse(urls.comparison(record.id), 303)
    author = _name(request, asker, form, response)
    thread = _text(form, "thread") or None
    created = await run_in_threadpool(
        partial(
            reviews.add_comment,
            record,
            row=_number(form, "row"),
            change=_number(form, "change"),
            body=_text(form, "body"),
            author=author,
            author_key=asker.author_key or "",
            thread_id=thread,
        )
    )
    return _to_anchor(response, record.id, urls.comment_anchor(created.id))


@router.post(urls.COMMENT_ACTION_PATH)
async def act_on_comment(
    request: Request,
    comment_id: str,
    action: urls.CommentAction,
    record: LiveRecord,
    reviews: Reviews,
    service: Service,
    asker: Asker,
    form: PostedForm,
) -> Response:
    response = _back(record.id, urls.comment_anchor(comment_id))
    if action is urls.CommentAction.EDIT:
        edit = partial(reviews.edit, record, comment_id, _text(form, "body"), asker.author_key)
        await run_in_threadpool(edit)
    elif action is urls.CommentAction.DELETE:
        owner = service.is_owner(record, asker.requester)
        delete = partial(reviews.delete, record, comment_id, asker.author_key, owner)
        deleted = await run_in_threadpool(delete)
        response = _back(record.id, urls.row_anchor(deleted.row))
    else:
        resolved = action is urls.CommentAction.RESOLVE
        by = _name(request, asker, form, response)
        await run_in_threadpool(reviews.resolve, record, comment_id, resolved, by)
    return response


@router.post(urls.MARKS_PATH)
async def mark(
    request: Request, record: LiveRecord, reviews: Reviews, asker: Asker, form: PostedForm
) -> Response:
    row = _number(form, "row")
    try:
        change, state = parse_mark_value(_text(form, "mark"))
    except ValueError:
        raise ReviewInputError("mark: choose accepted, queried or must be corrected.") from None
    if row is None:
        raise ReviewInputError("Say which row the mark is on.")
    response = _back(record.id, urls.review_anchor(row))
    by = _name(request, asker, form, response)
    if not by:
        raise ReviewInputError(
            "Give your name first (in the Review panel above the table), then mark changes."
        )
    await run_in_threadpool(reviews.mark, record, row, change, state, by)
    return response


@router.post(urls.OWNER_SETTINGS_PATH)
async def change_settings(
    record: LiveRecord, service: Service, asker: Asker, form: PostedForm
) -> Response:
    visibility = _text(form, "visibility")
    expires = _text(form, "expires") or "keep"
    if (visibility and visibility not in set(Visibility)) or (
        expires != "keep" and expires not in EXPIRY_DAYS
    ):
        raise ReviewInputError("Choose a visibility and an expiry from the lists.")
    days = EXPIRY_DAYS.get(expires)
    changes = OwnerChanges(
        visibility=Visibility(visibility) if visibility else None,
        expires_at=None if days is None else service.clock() + timedelta(days=days),
        never_expires=expires == "never",
    )
    outcome = await run_in_threadpool(service.change, record.id, asker.requester, changes)
    if outcome is Outcome.FORBIDDEN:
        raise HTTPException(403, FORBIDDEN_OWNER)
    return RedirectResponse(urls.comparison(record.id), 303)


@router.post(urls.DELETE_PATH)
async def delete(
    request: Request, record: LiveRecord, service: Service, asker: Asker, form: PostedForm
) -> Response:
    outcome = await run_in_threadpool(service.delete, record.id, asker.requester)
    if outcome is Outcome.FORBIDDEN:
        raise HTTPException(403, FORBIDDEN_OWNER)
    response = RedirectResponse(urls.library(), 303)
    forget_ownership(request, response, urls.comparison(record.id))
    return response


@router.get(urls.REVISION_PATH)
def revision(comparison_id: str, service: Service) -> dict[str, int]:
    """What an open page polls: it reloads its rows when the revision moves on.
    One indexed read of two columns, not of the record: pages poll it often."""
    revision = service.live_revision(comparison_id)
    if revision is None:
        raise not_found_or_gone(service, comparison_id)
    return {"revision": revision}


@router.api_route(urls.CORRECTIONS_PATH, methods=["GET", "HEAD"])
def corrections_page(record: LiveRecord, reviews: Reviews, pages: Pages) -> Response:
    document = corrections_document(record, reviews.review(record.id))
    return pages.page("corrections.html", record=record, corrections=document)


@router.get(urls.CORRECTIONS_JSON_PATH)
def corrections_json(record: LiveRecord, reviews: Reviews) -> Response:
    document: dict[str, Any] = corrections_document(record, reviews.review(record.id)).as_json()
    return JSONResponse(document)
