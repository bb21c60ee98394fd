"""The HTML pages: the library (/), the form (/new) and a comparison (/c/{id})."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from app.core import ChangeClass, RowOp
from app.idempotency import KEY_FIELD, KEY_HEADER
from app.problems import InvalidInputError, Problem
from app.service import MAX_LIST_LIMIT, MAX_LIST_OFFSET, ComparisonService, Created
from app.store import (
    StoredComparison,
    StoreUnavailableError,
    Visibility,
    hash_token,
    new_token,
)
from app.web import urls
from app.web.comparison.large_pages import engine_page, made_where_cheapest
from app.web.comparison.page import PageRequest, PageViewer, render_comparison
from app.web.comparison.summaries import pager, summary_view
from app.web.comparison.variants import shown
from app.web.deps import (
    AppSettings,
    Asker,
    Engines,
    PageCache,
    Pages,
    RequestedIgnore,
    Reviews,
    Service,
    VariantCache,
    kept_page,
)
from app.web.forms import (
    EXPIRY_CHOICES,
    LANGUAGE_CHOICES,
    SUBMIT_FIELD,
    FormErrors,
    NewComparisonForm,
    read_new_form,
)
from app.web.serving.identity import (
    CROSS_SITE,
    Visitor,
    form_allowed,
    give_ownership,
    keep_session,
    new_session,
    same_origin,
)
from app.web.serving.limits import request_body_limit
from app.web.serving.rendering import HTML, RenderedPage, conditional_response
from app.web.serving.throttle import Action, limited
from app.web.stories.frame import story_frame

router = APIRouter(include_in_schema=False)
# HEAD too, for link checkers and `curl -I`; the server sends no body.
READ = ["GET", "HEAD"]


@router.api_route(urls.LIBRARY_PATH, methods=READ)
def library(
    service: Service,
    pages: Pages,
    q: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT)] = urls.DEFAULT_PAGE_SIZE,
    offset: Annotated[int, Query(ge=0, le=MAX_LIST_OFFSET)] = 0,
) -> Response:
    page = service.list(q, limit, offset)
    return pages.page(
        "library.html",
        entries=[summary_view(summary) for summary in page.items],
        search=page.search,
        pager=pager(page),
        json_url=urls.api_comparisons(page.search, page.offset, page.limit),
    )


def with_session(person: Visitor) -> Visitor:
    """The visitor with a browser session, a new one if their browser had none."""
    return person if person.session else replace(person, session=new_session())


@router.api_route(urls.NEW_PATH, methods=READ)
def new_form(request: Request, pages: Pages, asker: Asker) -> Response:
    person = with_session(asker)
    response = pages.page(
        "new.html",
        form=NewComparisonForm(idempotency_key=new_token()),
        errors=FormErrors(),
        csrf_token=person.csrf_token,
        expiry_choices=EXPIRY_CHOICES,
        language_choices=LANGUAGE_CHOICES,
    )
    keep_session(request, response, person)
    return response


@router.post(urls.NEW_PATH, dependencies=[Depends(limited(Action.CREATE))])
async def create_from_form(
    request: Request, service: Service, pages: Pages, settings: AppSettings, asker: Asker
) -> Response:
    # Another site's post is refused before its files are read or its links
    # fetched; its token, in the body, is checked once the form is read.
    if not same_origin(request) or not asker.session:
        raise HTTPException(403, CROSS_SITE)
    form, errors = await read_new_form(request, request_body_limit(settings.max_text_bytes))
    if not form_allowed(request, asker, form.csrf_token):
        raise HTTPException(403, CROSS_SITE)
    if errors:
        errors = _with_other_problems(service, form, errors)
    else:
        key = request.headers.get(KEY_HEADER) or form.idempotency_key or None
        try:
            created = await run_in_threadpool(_create, service, form, asker.user, key)
        except InvalidInputError as error:
            errors = FormErrors(error.problems)
        except StoreUnavailableError as error:
            # Nothing was saved: the form comes back as it was sent, to send again.
            problem = Problem(SUBMIT_FIELD, error.fault.message)
            errors = FormErrors((problem,), retry_after=error.fault.retry_after)
        else:
            record = created.record
            redirect = RedirectResponse(urls.comparison(record.id), status_code=303)
            give_ownership(request, redirect, urls.comparison(record.id), created.owner_token)
            return redirect
    response = pages.page(
        "new.html",
        errors.status_code,
        form=form,
        errors=errors,
        csrf_token=asker.csrf_token,
        expiry_choices=EXPIRY_CHOICES,
        language_choices=LANGUAGE_CHOICES,
    )
    if errors.retry_after is not None:
        response.headers["Retry-After"] = str(errors.retry_after)
    return response


def _create(
    service: ComparisonService, form: NewComparisonForm, user: str | None, key: str | None
) -> Created:
    create = partial(
        service.create,
        form.title,
        form.left_text,
        form.left_label,
        form.right_text,
        form.right_label,
        form.options,
        sources=form.sources,
        visibility=Visibility(form.visibility),
        expires_at=form.expires_at(service.clock()),
        owner=user,
    )
    try:
        return create(idempotency_key=key)
    except InvalidInputError as error:
        # The form's key, sent again with other texts (the browser's Back after a
        # creation, then an edit): that is a new comparison, not a retry.
        if key is None or [p.field for p in error.problems] != [KEY_FIELD]:
            raise
        return create()


def _with_other_problems(
    service: ComparisonService, form: NewComparisonForm, errors: FormErrors
) -> FormErrors:
    """The upload problems plus what the service finds wrong with the other fields."""
    others = service.problems(
        form.title,
        form.left_text,
        form.left_label,
        form.right_text,
        form.right_label,
        form.options.granularity,
    )
    flagged = errors.flagged
    return FormErrors(
        errors.problems + tuple(problem for problem in others if problem.field not in flagged)
    )


@router.api_route(urls.COMPARISON_PATH, methods=READ)
async def comparison_page(
    request: Request,
    comparison_id: str,
    service: Service,
    reviews: Reviews,
    pages: Pages,
    cache: PageCache,
    variants: VariantCache,
    engines: Engines,
    ignore: RequestedIgnore,
    asker: Asker,
    settings: AppSettings,
    view: urls.View = urls.View.SIDE,
    change_class: Annotated[ChangeClass | None, Query(alias="class")] = None,
    review: urls.ReviewFilter | None = None,
    kind: RowOp | None = None,
    folds: urls.Folds | None = None,
    comment: Annotated[int | None, Query(ge=1, le=10**9)] = None,
    reply: Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9_-]+$")] = None,
) -> Response:
    person = with_session(asker)
    asked = PageRequest(
        view,
        change_class,
        review,
        urls.public_base(settings),
        settings.review_poll_interval,
        comment,
        reply,
        row_kind=kind,
        folds=folds,
    )
    stand_in: str = request.app.state.token_stand_in
    # A new visitor (no session yet) has written nothing: no comment is theirs.
    author = person.author_key if asker.session or asker.user else None
    author_hash = hash_token(author) if author else None

    # Kept per comparison revision and per what differs between viewers: their
    # name, ownership and own comments; their forms' token is filled in after.
    viewer_key = (person.user, person.name, person.owner_token, author_hash)
    key = (comparison_id, asked, ignore, viewer_key)

    def render(record: StoredComparison) -> RenderedPage:
        viewer = PageViewer(
            csrf_token=stand_in,
            name=person.display_name,
            signed_on=person.user is not None,
            is_owner=service.is_owner(record, person.requester),
            author_hash=author_hash,
        )
        place = service.store.story_of(record.id)
        frame = None if place is None else story_frame(place)
        review = reviews.review(record.id)
        showing = shown(service, variants, record, ignore)
        job = partial(engine_page, showing, asked, review, viewer, frame)
        return made_where_cheapest(
            engines,
            showing,
            (("page", *key, record.revision), job),
            lambda: render_comparison(pages, showing, asked, review, viewer, frame),
        )

    kept = await kept_page(service, cache, key, comparison_id, render)
    page = kept.with_token(stand_in, person.csrf_token)
    response = conditional_response(request, page, HTML)
    keep_session(request, response, person)
    return response
